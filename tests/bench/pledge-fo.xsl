<?xml version="1.0" encoding="UTF-8"?>
<!-- The pledge form as XSL-FO, for comparing mishto with Apache FOP in
     make bench: A4, 12 pt DejaVu-like sans, the same sections and the
     action-point table with a tick box per step. Benchmark use only. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:mishto:1">
  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:template match="/m:pledge-form">
    <fo:root font-family="sans-serif" font-size="12pt" line-height="1.4">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="a4" page-width="210mm"
            page-height="297mm" margin="18mm">
          <fo:region-body margin-top="10mm" margin-bottom="12mm"/>
          <fo:region-before extent="8mm"/>
          <fo:region-after extent="8mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:page-sequence master-reference="a4">
        <fo:static-content flow-name="xsl-region-before">
          <fo:block color="#4a5559"><xsl:value-of select="m:title"/></fo:block>
        </fo:static-content>
        <fo:static-content flow-name="xsl-region-after">
          <fo:block color="#4a5559">Page <fo:page-number/></fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <fo:block font-size="24pt" font-weight="bold" color="#12505f">
            <xsl:value-of select="m:title"/></fo:block>
          <fo:block font-size="16pt" color="#4a5559" space-after="8pt">
            <xsl:value-of select="m:audience"/></fo:block>
          <xsl:for-each select="m:section">
            <xsl:call-template name="heading"/>
            <xsl:apply-templates select="m:p"/>
          </xsl:for-each>
          <xsl:apply-templates select="m:actions"/>
          <xsl:apply-templates select="m:support"/>
          <xsl:apply-templates select="m:monitoring"/>
          <xsl:apply-templates select="m:contact"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template name="heading">
    <fo:block font-size="16pt" font-weight="bold" color="#12505f"
        space-before="12pt" space-after="6pt" keep-with-next="always">
      <xsl:value-of select="@title"/></fo:block>
  </xsl:template>

  <xsl:template match="m:p|m:instruction">
    <fo:block space-after="8pt">
      <xsl:if test="self::m:instruction"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if>
      <xsl:apply-templates/></fo:block>
  </xsl:template>
  <xsl:template match="m:strong"><fo:inline font-weight="bold"><xsl:apply-templates/></fo:inline></xsl:template>
  <xsl:template match="m:em"><fo:inline font-style="italic"><xsl:apply-templates/></fo:inline></xsl:template>

  <xsl:template match="m:actions">
    <xsl:call-template name="heading"/>
    <xsl:apply-templates select="m:p|m:instruction"/>
    <fo:table table-layout="fixed" width="100%" border="0.8pt solid #5b6a70">
      <fo:table-column column-width="30%"/>
      <fo:table-column column-width="46%"/>
      <fo:table-column column-width="8%"/>
      <fo:table-column column-width="16%"/>
      <fo:table-header background-color="#dce9ed" font-weight="bold">
        <fo:table-row>
          <fo:table-cell padding="5pt" border="0.8pt solid #5b6a70"><fo:block>Action point</fo:block></fo:table-cell>
          <fo:table-cell padding="5pt" border="0.8pt solid #5b6a70"><fo:block>Steps taken to support this action</fo:block></fo:table-cell>
          <fo:table-cell padding="5pt" border="0.8pt solid #5b6a70"><fo:block>Tick</fo:block></fo:table-cell>
          <fo:table-cell padding="5pt" border="0.8pt solid #5b6a70"><fo:block>Timeline / deadline</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="m:group">
          <fo:table-row background-color="#eef4f6" keep-with-next="always">
            <fo:table-cell number-columns-spanned="4" padding="5pt" border="0.8pt solid #5b6a70">
              <fo:block font-weight="bold" color="#12505f"><xsl:value-of select="@title"/></fo:block>
            </fo:table-cell>
          </fo:table-row>
          <xsl:for-each select="m:action-point">
            <xsl:variable name="ap" select="."/>
            <xsl:for-each select="m:step">
              <fo:table-row keep-together.within-page="always">
                <xsl:if test="position() = 1">
                  <fo:table-cell padding="5pt" border="0.8pt solid #5b6a70"
                      number-rows-spanned="{count($ap/m:step)}">
                    <fo:block font-weight="bold"><xsl:value-of select="$ap/@title"/></fo:block>
                  </fo:table-cell>
                </xsl:if>
                <fo:table-cell padding="5pt" border="0.8pt solid #5b6a70">
                  <fo:block>
                    <xsl:choose>
                      <xsl:when test="@same-as">
                        <xsl:variable name="ref" select="@same-as"/>
                        <xsl:value-of select="//m:action-point[@id = substring-before($ref, '/')]/m:step[@id = substring-after($ref, '/')]"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
                    </xsl:choose>
                  </fo:block>
                </fo:table-cell>
                <fo:table-cell padding="5pt" border="0.8pt solid #5b6a70">
                  <fo:block text-align="center" font-size="14pt">&#x2610;</fo:block>
                </fo:table-cell>
                <fo:table-cell padding="5pt" border="0.8pt solid #5b6a70"><fo:block/></fo:table-cell>
              </fo:table-row>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template match="m:support">
    <xsl:call-template name="heading"/>
    <xsl:apply-templates select="m:p"/>
    <xsl:for-each select="m:option">
      <fo:block>&#x2610; <xsl:apply-templates/></fo:block>
    </xsl:for-each>
    <fo:block space-before="8pt">Other: ______________________________</fo:block>
  </xsl:template>

  <xsl:template match="m:monitoring">
    <xsl:call-template name="heading"/>
    <xsl:apply-templates select="m:p"/>
    <fo:block font-weight="bold">Progress report due by: ____/____/________</fo:block>
  </xsl:template>

  <xsl:template match="m:contact">
    <xsl:call-template name="heading"/>
    <xsl:for-each select="document('')/*/xsl:variable[@name='fields']/field">
      <fo:block space-before="14pt"><fo:inline font-weight="bold"><xsl:value-of select="."/>:</fo:inline> ____________________________________</fo:block>
    </xsl:for-each>
  </xsl:template>
  <xsl:variable name="fields">
    <field>Name</field><field>Role</field><field>Email</field><field>Phone</field>
    <field>Signed on behalf of</field><field>Signature</field><field>Date</field>
  </xsl:variable>
</xsl:stylesheet>
