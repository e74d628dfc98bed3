<?xml version="1.0" encoding="UTF-8"?>
<!-- The pledge form as XSL-FO, for comparing mishto with Apache FOP in
     make bench: what mishto's PDF of the form draws, in the same font
     (DejaVu Sans, embedded: tests/bench/fop.xconf), sizes and colours as
     layouts/a4.layout: numbered sections, the action-point table with
     borders, a drawn tick box and an empty deadline cell per step, tick
     boxes for the support options, and ruled lines to write on for
     "Other", the report date and the contact and signature block.
     Benchmark use only: it is not generated from mishto's code. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:mishto:1">
  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:variable name="rule">0.8pt solid #5b6a70</xsl:variable>
  <xsl:variable name="ink">#1a1a1a</xsl:variable>

  <xsl:template match="/m:pledge-form">
    <fo:root font-family="DejaVu Sans" font-size="12pt" line-height="1.4"
        color="{$ink}">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="a4" page-width="595.276pt"
            page-height="841.89pt" margin-top="24pt" margin-bottom="20pt"
            margin-left="50pt" margin-right="50pt">
          <fo:region-body margin-top="40pt" margin-bottom="36pt"/>
          <fo:region-before extent="30pt"/>
          <fo:region-after extent="26pt"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:page-sequence master-reference="a4">
        <fo:static-content flow-name="xsl-region-before">
          <fo:block color="#4a5559" text-align-last="justify"
              border-bottom="0.6pt solid #5b6a70" padding-after="3pt">
            <xsl:value-of select="m:title"/>
            <fo:leader leader-pattern="space"/>
            <fo:inline font-weight="bold"><xsl:value-of select="m:audience"/></fo:inline>
          </fo:block>
        </fo:static-content>
        <fo:static-content flow-name="xsl-region-after">
          <fo:block color="#4a5559" border-top="0.6pt solid #5b6a70"
              padding-before="3pt">Page <fo:page-number/> of <fo:page-number-citation ref-id="end"/></fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <fo:block font-size="24pt" font-weight="bold" color="#12505f"
              line-height="1.2"><xsl:value-of select="m:title"/></fo:block>
          <fo:block font-size="16pt" color="#4a5559" space-after="12pt"
              border-bottom="1.5pt solid #12505f" padding-after="4pt">
            <xsl:value-of select="m:audience"/></fo:block>
          <xsl:apply-templates select="m:section|m:actions|m:support|m:monitoring|m:contact"/>
          <fo:block id="end"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- "N. Title": sections are numbered in order, as mishto numbers them -->
  <xsl:template name="heading">
    <fo:block font-size="16pt" font-weight="bold" color="#12505f"
        space-before="16pt" space-after="6pt" keep-with-next="always">
      <xsl:value-of select="count(preceding-sibling::m:section | preceding-sibling::m:actions
          | preceding-sibling::m:support | preceding-sibling::m:monitoring
          | preceding-sibling::m:contact) + 1"/>
      <xsl:text>. </xsl:text>
      <xsl:value-of select="@title"/></fo:block>
  </xsl:template>

  <xsl:template match="m:section">
    <xsl:call-template name="heading"/>
    <xsl:apply-templates select="m:p"/>
  </xsl:template>

  <xsl:template match="m:p|m:instruction">
    <fo:block space-after="8pt">
      <xsl:if test="self::m:instruction"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if>
      <xsl:apply-templates/></fo:block>
  </xsl:template>
  <xsl:template match="m:strong"><fo:inline font-weight="bold"><xsl:apply-templates/></fo:inline></xsl:template>
  <xsl:template match="m:em"><fo:inline font-style="italic"><xsl:apply-templates/></fo:inline></xsl:template>

  <!-- a tick box, drawn (not a glyph) -->
  <xsl:template name="box">
    <fo:block-container width="10pt" height="10pt" border="1.2pt solid {$ink}">
      <fo:block line-height="1" font-size="6pt">&#xA0;</fo:block>
    </fo:block-container>
  </xsl:template>

  <xsl:template match="m:actions">
    <xsl:call-template name="heading"/>
    <xsl:apply-templates select="m:p|m:instruction"/>
    <fo:block space-after="8pt">Write each deadline as a date (31/03/2027), a month (March 2027) or a financial year or quarter (2027/28, Q1 2027/28).</fo:block>
    <fo:table table-layout="fixed" width="100%" border="{$rule}"
        font-size="12pt" line-height="1.35">
      <fo:table-column column-width="25%"/>
      <fo:table-column column-width="50%"/>
      <fo:table-column column-width="8%"/>
      <fo:table-column column-width="17%"/>
      <fo:table-header background-color="#dce9ed" font-weight="bold">
        <fo:table-row>
          <fo:table-cell padding="4pt" border="{$rule}"><fo:block>Action point</fo:block></fo:table-cell>
          <fo:table-cell padding="4pt" border="{$rule}"><fo:block>Steps taken to support this action</fo:block></fo:table-cell>
          <fo:table-cell padding="4pt" border="{$rule}"><fo:block>Tick</fo:block></fo:table-cell>
          <fo:table-cell padding="4pt" border="{$rule}"><fo:block>Timeline / deadline</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="m:group">
          <fo:table-row background-color="#eef4f6" keep-with-next="always">
            <fo:table-cell number-columns-spanned="4" padding="4pt" border="{$rule}">
              <fo:block font-weight="bold" color="#12505f"><xsl:value-of select="@title"/></fo:block>
            </fo:table-cell>
          </fo:table-row>
          <xsl:for-each select="m:action-point">
            <xsl:variable name="ap" select="."/>
            <xsl:variable name="n" select="count(preceding::m:action-point) + 1"/>
            <xsl:for-each select="m:step">
              <fo:table-row keep-together.within-page="always">
                <xsl:if test="position() = 1">
                  <fo:table-cell padding="4pt" border="{$rule}"
                      number-rows-spanned="{count($ap/m:step)}">
                    <fo:block font-weight="bold"><xsl:value-of select="concat($n, '. ', $ap/@title)"/></fo:block>
                  </fo:table-cell>
                </xsl:if>
                <fo:table-cell padding="4pt" border="{$rule}">
                  <fo:block>
                    <fo:inline font-weight="bold"><xsl:value-of select="concat($n, substring('abcdefghijklmnopqrstuvwxyz', position(), 1))"/></fo:inline>
                    <xsl:text> </xsl:text>
                    <xsl:choose>
                      <xsl:when test="@same-as">
                        <xsl:variable name="ref" select="@same-as"/>
                        <xsl:value-of select="normalize-space(//m:action-point[@id = substring-before($ref, '/')]/m:step[@id = substring-after($ref, '/')])"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
                    </xsl:choose>
                  </fo:block>
                </fo:table-cell>
                <fo:table-cell padding="6pt 4pt 4pt 12pt" border="{$rule}">
                  <xsl:call-template name="box"/>
                </fo:table-cell>
                <fo:table-cell padding="4pt" border="{$rule}"><fo:block/></fo:table-cell>
              </fo:table-row>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- LABEL and a ruled line to write on, the line from 40% across -->
  <xsl:template name="line">
    <xsl:param name="label"/>
    <xsl:param name="height" select="'22pt'"/>
    <fo:table table-layout="fixed" width="100%" space-before="8pt"
        keep-together.within-page="always">
      <fo:table-column column-width="40%"/>
      <fo:table-column column-width="60%"/>
      <fo:table-body>
        <fo:table-row height="{$height}">
          <fo:table-cell display-align="after"><fo:block font-weight="bold"><xsl:value-of select="$label"/>:</fo:block></fo:table-cell>
          <fo:table-cell border-bottom="1pt solid {$ink}"><fo:block/></fo:table-cell>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template match="m:support">
    <xsl:call-template name="heading"/>
    <xsl:apply-templates select="m:p"/>
    <fo:table table-layout="fixed" width="100%">
      <fo:table-column column-width="20pt"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <xsl:for-each select="m:option">
          <fo:table-row>
            <fo:table-cell padding-top="3pt" padding-bottom="4pt"><xsl:call-template name="box"/></fo:table-cell>
            <fo:table-cell padding-bottom="4pt"><fo:block><xsl:value-of select="normalize-space(.)"/></fo:block></fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
    <xsl:if test="m:other">
      <xsl:call-template name="line"><xsl:with-param name="label" select="'Other'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="m:monitoring">
    <xsl:call-template name="heading"/>
    <xsl:apply-templates select="m:p"/>
    <xsl:for-each select="m:report-due">
      <xsl:call-template name="line"><xsl:with-param name="label" select="@label"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="m:contact">
    <fo:block keep-together.within-page="always">
    <xsl:call-template name="heading"/>
    <xsl:call-template name="line"><xsl:with-param name="label" select="'Name'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="label" select="'Role'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="label" select="'Email'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="label" select="'Phone'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="label" select="'Signed on behalf of'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="label" select="'Signature'"/><xsl:with-param name="height" select="'40pt'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="label" select="'Date'"/></xsl:call-template>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
