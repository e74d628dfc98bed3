/* pdf.c - drawing the display list with libharu. */
#include "pdf.h"
#include "diag.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PDF_CACHE_SIZE 0x10000
#define PDF_WIDTH_UNKNOWN 0xFFFF

struct pdf_err {
	HPDF_STATUS code, detail;
};

struct pdf_metrics {
	HPDF_Doc pdf;
	HPDF_Font font[FACE_COUNT];
	uint16_t *width[FACE_COUNT];    /* per BMP code point, lazily */
	struct pdf_err err;
	struct device_metrics dev;
};

static void pdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	struct pdf_err *e = user;
	if (e->code == 0) {
		e->code = code;
		e->detail = detail;
	}
}

/* Checks the file first so a missing font gets a plain message. */
static HPDF_Font pdf_load_font(HPDF_Doc pdf, const char *path,
                               struct pdf_err *err, struct diag *d)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		struct loc l = {path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "font",
		            "cannot open the font: %s (Debian packages "
		            "fonts-dejavu-core and fonts-dejavu-extra provide "
		            "the default fonts)", strerror(errno));
		return NULL;
	}
	fclose(f);
	const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
	if (font == NULL || err->code != 0) {
		struct loc l = {path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "font",
		            "libharu cannot use this font (error 0x%04X); it "
		            "must be a TrueType font", (unsigned)err->code);
		return NULL;
	}
	return font;
}

static int pdf_load_fonts(HPDF_Doc pdf, const struct style *st,
                          HPDF_Font font[FACE_COUNT], struct pdf_err *err,
                          struct diag *d)
{
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	for (int i = 0; i < FACE_COUNT; i++) {
		font[i] = pdf_load_font(pdf, st->font[i], err, d);
		if (font[i] == NULL)
			return -1;
	}
	return 0;
}

static double pdf_advance(void *ctx, enum face face, uint32_t cp)
{
	struct pdf_metrics *pm = ctx;
	if (cp < PDF_CACHE_SIZE && pm->width[face] != NULL) {
		uint16_t w = pm->width[face][cp];
		if (w == PDF_WIDTH_UNKNOWN) {
			w = (uint16_t)HPDF_Font_GetUnicodeWidth(
			    pm->font[face], (HPDF_UNICODE)cp);
			pm->width[face][cp] = w;
		}
		return w;
	}
	if (cp > 0xFFFF)
		return HPDF_Font_GetUnicodeWidth(pm->font[face], 0xFFFD);
	return HPDF_Font_GetUnicodeWidth(pm->font[face], (HPDF_UNICODE)cp);
}

struct pdf_metrics *pdf_metrics_open(const struct style *st, struct diag *d)
{
	struct pdf_metrics *pm = calloc(1, sizeof *pm);
	if (pm == NULL)
		return NULL;
	pm->pdf = HPDF_New(pdf_error, &pm->err);
	if (pm->pdf == NULL || pdf_load_fonts(pm->pdf, st, pm->font, &pm->err,
	                                      d) != 0) {
		pdf_metrics_close(pm);
		return NULL;
	}
	for (int i = 0; i < FACE_COUNT; i++) {
		pm->width[i] = malloc(PDF_CACHE_SIZE * sizeof(uint16_t));
		if (pm->width[i] == NULL) {
			pdf_metrics_close(pm);
			return NULL;
		}
		memset(pm->width[i], 0xFF, PDF_CACHE_SIZE * sizeof(uint16_t));
	}
	pm->dev.ctx = pm;
	pm->dev.advance = pdf_advance;
	return pm;
}

const struct device_metrics *pdf_metrics_device(struct pdf_metrics *pm)
{
	return &pm->dev;
}

void pdf_metrics_close(struct pdf_metrics *pm)
{
	if (pm == NULL)
		return;
	if (pm->pdf != NULL)
		HPDF_Free(pm->pdf);
	for (int i = 0; i < FACE_COUNT; i++)
		free(pm->width[i]);
	free(pm);
}

static void pdf_rgb_fill(HPDF_Page page, uint32_t c)
{
	HPDF_Page_SetRGBFill(page, ((c >> 16) & 0xFF) / 255.0f,
	                     ((c >> 8) & 0xFF) / 255.0f, (c & 0xFF) / 255.0f);
}

static void pdf_rgb_stroke(HPDF_Page page, uint32_t c)
{
	HPDF_Page_SetRGBStroke(page, ((c >> 16) & 0xFF) / 255.0f,
	                       ((c >> 8) & 0xFF) / 255.0f, (c & 0xFF) / 255.0f);
}

/* Adds /Lang and asks viewers to show the title, not the file name. */
static void pdf_catalog_extras(HPDF_Doc pdf, const char *lang)
{
	if (lang != NULL)
		HPDF_Dict_Add(pdf->catalog, "Lang",
		              HPDF_String_New(pdf->mmgr, lang, NULL));
	HPDF_Dict vp = HPDF_Dict_New(pdf->mmgr);
	if (vp != NULL) {
		HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
		HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp);
	}
}

static void pdf_draw_page(HPDF_Doc pdf, HPDF_Page page,
                          const struct layout_page *lp,
                          HPDF_Font font[FACE_COUNT], char **buf,
                          size_t *bufcap)
{
	(void)pdf;
	for (size_t i = 0; i < lp->nboxes; i++) {
		const struct box *b = &lp->boxes[i];
		switch (b->kind) {
		case BOX_TEXT:
			if (b->len + 1 > *bufcap) {
				char *n = realloc(*buf, b->len + 1);
				if (n == NULL)
					return;
				*buf = n;
				*bufcap = b->len + 1;
			}
			memcpy(*buf, b->text, b->len);
			(*buf)[b->len] = '\0';
			pdf_rgb_fill(page, b->colour);
			HPDF_Page_BeginText(page);
			HPDF_Page_SetFontAndSize(page, font[b->face],
			                         (HPDF_REAL)b->size);
			HPDF_Page_TextOut(page, (HPDF_REAL)b->x,
			                  (HPDF_REAL)b->y, *buf);
			HPDF_Page_EndText(page);
			break;
		case BOX_LINE:
			HPDF_Page_SetLineWidth(page, (HPDF_REAL)b->size);
			pdf_rgb_stroke(page, b->colour);
			HPDF_Page_MoveTo(page, (HPDF_REAL)b->x, (HPDF_REAL)b->y);
			HPDF_Page_LineTo(page, (HPDF_REAL)(b->x + b->w),
			                 (HPDF_REAL)(b->y + b->h));
			HPDF_Page_Stroke(page);
			break;
		case BOX_RECT:
			if (b->filled)
				pdf_rgb_fill(page, b->fill);
			if (b->stroked) {
				HPDF_Page_SetLineWidth(page,
				                       (HPDF_REAL)b->size);
				pdf_rgb_stroke(page, b->colour);
			}
			HPDF_Page_Rectangle(page, (HPDF_REAL)b->x,
			                    (HPDF_REAL)b->y, (HPDF_REAL)b->w,
			                    (HPDF_REAL)b->h);
			if (b->filled && b->stroked)
				HPDF_Page_FillStroke(page);
			else if (b->filled)
				HPDF_Page_Fill(page);
			else
				HPDF_Page_Stroke(page);
			break;
		case BOX_LINK: {
			HPDF_Rect r = {(HPDF_REAL)b->x, (HPDF_REAL)b->y,
			               (HPDF_REAL)(b->x + b->w),
			               (HPDF_REAL)(b->y + b->h)};
			char *uri = malloc(b->len + 1);
			if (uri == NULL)
				return;
			memcpy(uri, b->text, b->len);
			uri[b->len] = '\0';
			HPDF_Annotation a =
			    HPDF_Page_CreateURILinkAnnot(page, r, uri);
			free(uri);
			if (a != NULL)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			break;
		}
		}
	}
}

static void pdf_outlines(HPDF_Doc pdf, const struct layout_doc *ld,
                         HPDF_Page *pages)
{
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Outline top = NULL;
	for (size_t i = 0; i < ld->nmarks; i++) {
		const struct layout_mark *m = &ld->marks[i];
		HPDF_Outline parent = m->level > 0 && top ? top : NULL;
		HPDF_Outline o = HPDF_CreateOutline(pdf, parent, m->title, utf8);
		if (o == NULL)
			continue;
		if (m->level == 0)
			top = o;
		HPDF_Destination dst = HPDF_Page_CreateDestination(
		    pages[m->page]);
		if (dst != NULL) {
			/* FitH keeps the reader's zoom sensible; libharu
			 * refuses XYZ's "unchanged zoom" (0) */
			HPDF_Destination_SetFitH(dst, (HPDF_REAL)(m->y + 20));
			HPDF_Outline_SetDestination(o, dst);
		}
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
	}
}

int pdf_render(const struct layout_doc *ld, const struct style *st,
               const time_t *created, unsigned char **out, size_t *len,
               struct diag *d)
{
	struct pdf_err err = {0, 0};
	int rc = -1;
	char *buf = NULL;
	size_t bufcap = 0;
	HPDF_Page *pages = NULL;
	HPDF_Font font[FACE_COUNT];
	*out = NULL;
	*len = 0;
	HPDF_Doc pdf = HPDF_New(pdf_error, &err);
	if (pdf == NULL)
		goto fail;
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	if (pdf_load_fonts(pdf, st, font, &err, d) != 0)
		goto done;
	HPDF_SetPageMode(pdf, ld->nmarks ? HPDF_PAGE_MODE_USE_OUTLINE
	                                 : HPDF_PAGE_MODE_USE_NONE);
	if (ld->title)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, ld->title);
	if (ld->subject)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, ld->subject);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "mishto");
	if (created != NULL) {
		struct tm tm;
		gmtime_r(created, &tm);
		HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		                  tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
	}
	pdf_catalog_extras(pdf, ld->lang);

	pages = calloc(ld->npages ? ld->npages : 1, sizeof *pages);
	if (pages == NULL)
		goto fail;
	for (size_t i = 0; i < ld->npages; i++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		if (page == NULL)
			goto fail;
		pages[i] = page;
		HPDF_Page_SetWidth(page, (HPDF_REAL)ld->page_width);
		HPDF_Page_SetHeight(page, (HPDF_REAL)ld->page_height);
		HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
		HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
		pdf_draw_page(pdf, page, &ld->pages[i], font, &buf, &bufcap);
	}
	pdf_outlines(pdf, ld, pages);
	if (err.code != 0)
		goto fail;
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		goto fail;
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	*out = malloc(size ? size : 1);
	if (*out == NULL)
		goto fail;
	HPDF_UINT32 got = size;
	HPDF_ResetStream(pdf);
	if (HPDF_ReadFromStream(pdf, *out, &got) != HPDF_OK && got != size)
		goto fail;
	*len = got;
	rc = 0;
	goto done;
fail:
	diag_report(d, DIAG_ERROR, NULL, "pdf",
	            "libharu could not write the PDF (error 0x%04X, detail "
	            "%u)", (unsigned)err.code, (unsigned)err.detail);
	free(*out);
	*out = NULL;
	*len = 0;
done:
	free(buf);
	free(pages);
	if (pdf != NULL)
		HPDF_Free(pdf);
	return rc;
}
