/* pdf.c - drawing the display list with libharu. */
#include "pdf.h"
#include "diag.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_error.h>
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
	if (err->code == HPDF_FAILD_TO_ALLOC_MEM) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while loading the fonts");
		return NULL;
	}
	if (font == NULL || err->code != 0) {
		struct loc l = {path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "font",
		            "libharu cannot use this font (error 0x%04X); it "
		            "must be a TrueType font", (unsigned)err->code);
		return NULL;
	}
	return font;
}

/* libharu 2.3.0's own UTF-8 text encoder does not check its malloc and
 * crashes when memory runs out; this one does the same job (UTF-8 to the
 * big-endian UCS-2 the Identity-H fonts take) and raises libharu's
 * out-of-memory error instead, which stops the rendering. */
static char *pdf_encode_utf8(HPDF_Encoder encoder, const char *text,
                             HPDF_UINT len, HPDF_UINT *length)
{
	unsigned char *out = malloc((size_t)len * 2 + 1);
	*length = 0;
	if (out == NULL) {
		HPDF_RaiseError(encoder->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return NULL;
	}
	const unsigned char *s = (const unsigned char *)text;
	size_t o = 0;
	for (HPDF_UINT i = 0; i < len;) {
		uint32_t cp = s[i];
		size_t n = cp < 0x80 ? 1 : cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 :
		           cp >= 0xC0 ? 2 : 1;
		if (n > 1 && i + n <= len) {
			cp &= 0x3Fu >> (n - 1);
			for (size_t k = 1; k < n; k++)
				cp = (cp << 6) | (s[i + k] & 0x3Fu);
		} else if (n > 1) {
			cp = 0xFFFD;
			n = 1;
		}
		if (cp > 0xFFFF)
			cp = 0xFFFD;
		out[o++] = (unsigned char)(cp >> 8);
		out[o++] = (unsigned char)(cp & 0xFF);
		i += (HPDF_UINT)n;
	}
	*length = (HPDF_UINT)o;
	return (char *)out;
}

static int pdf_load_fonts(HPDF_Doc pdf, const struct style *st,
                          HPDF_Font font[FACE_COUNT], struct pdf_err *err,
                          struct diag *d)
{
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	if (utf8 != NULL)
		utf8->encode_text_fn = pdf_encode_utf8;
	if (err->code == HPDF_FAILD_TO_ALLOC_MEM || utf8 == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while loading the fonts");
		return -1;
	}
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
		goto oom;
	pm->pdf = HPDF_New(pdf_error, &pm->err);
	if (pm->pdf == NULL)
		goto oom;
	if (pdf_load_fonts(pm->pdf, st, pm->font, &pm->err, d) != 0) {
		pdf_metrics_close(pm);
		return NULL;
	}
	for (int i = 0; i < FACE_COUNT; i++) {
		pm->width[i] = malloc(PDF_CACHE_SIZE * sizeof(uint16_t));
		if (pm->width[i] == NULL)
			goto oom;
		memset(pm->width[i], 0xFF, PDF_CACHE_SIZE * sizeof(uint16_t));
	}
	pm->dev.ctx = pm;
	pm->dev.advance = pdf_advance;
	return pm;
oom:
	diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory while loading the fonts");
	pdf_metrics_close(pm);
	return NULL;
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

/* libharu refuses strings of 64 KB or more (title, subject, bookmarks):
 * metadata this long is never meant, so it is cut at a character. */
static const char *pdf_short(const char *s, char *buf, size_t size)
{
	size_t len = strlen(s);
	if (len < size)
		return s;
	len = size - 4;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	memcpy(buf, s, len);
	memcpy(buf + len, "\xE2\x80\xA6", 4);   /* ellipsis and NUL */
	return buf;
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
	HPDF_String l = lang ? HPDF_String_New(pdf->mmgr, lang, NULL) : NULL;
	if (l != NULL)
		HPDF_Dict_Add(pdf->catalog, "Lang", l);
	HPDF_Dict vp = HPDF_Dict_New(pdf->mmgr);
	if (vp != NULL) {
		HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
		HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp);
	}
}

/* Draws one page; -1 as soon as anything fails (libharu's state after an
 * error is not to be used further). */
static int pdf_draw_page(HPDF_Page page, const struct layout_page *lp,
                         HPDF_Font font[FACE_COUNT], char **buf,
                         size_t *bufcap, const struct pdf_err *err)
{
	for (size_t i = 0; i < lp->nboxes; i++) {
		if (err->code != 0)
			return -1;
		const struct box *b = &lp->boxes[i];
		switch (b->kind) {
		case BOX_TEXT:
			if (b->len + 1 > *bufcap) {
				char *n = realloc(*buf, b->len + 1);
				if (n == NULL)
					return -1;
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
				return -1;
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
	return err->code != 0 ? -1 : 0;
}

static void pdf_outlines(HPDF_Doc pdf, const struct layout_doc *ld,
                         HPDF_Page *pages, const struct pdf_err *err)
{
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Outline top = NULL;
	for (size_t i = 0; i < ld->nmarks; i++) {
		const struct layout_mark *m = &ld->marks[i];
		HPDF_Outline parent = m->level > 0 && top ? top : NULL;
		char buf[1024];
		HPDF_Outline o = HPDF_CreateOutline(
		    pdf, parent, pdf_short(m->title, buf, sizeof buf), utf8);
		if (o == NULL || err->code != 0)
			return;
		if (m->level == 0)
			top = o;
		HPDF_Destination dst = HPDF_Page_CreateDestination(
		    pages[m->page]);
		if (dst == NULL || err->code != 0)
			return;
		/* FitH keeps the reader's zoom sensible; libharu refuses
		 * XYZ's "unchanged zoom" (0) */
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)(m->y + 20));
		HPDF_Outline_SetDestination(o, dst);
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
	int oom = 0;
	HPDF_Doc pdf = HPDF_New(pdf_error, &err);
	if (pdf == NULL) {
		oom = 1;
		goto fail;
	}
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	if (err.code != 0)
		goto fail;
	if (pdf_load_fonts(pdf, st, font, &err, d) != 0)
		goto done;
	HPDF_SetPageMode(pdf, ld->nmarks ? HPDF_PAGE_MODE_USE_OUTLINE
	                                 : HPDF_PAGE_MODE_USE_NONE);
	char meta[1024];
	if (ld->title)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE,
		                 pdf_short(ld->title, meta, sizeof meta));
	if (ld->subject)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT,
		                 pdf_short(ld->subject, meta, sizeof meta));
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
	if (err.code != 0)
		goto fail;

	pages = calloc(ld->npages ? ld->npages : 1, sizeof *pages);
	if (pages == NULL) {
		oom = 1;
		goto fail;
	}
	for (size_t i = 0; i < ld->npages; i++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		if (page == NULL || err.code != 0)
			goto fail;
		pages[i] = page;
		HPDF_Page_SetWidth(page, (HPDF_REAL)ld->page_width);
		HPDF_Page_SetHeight(page, (HPDF_REAL)ld->page_height);
		HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
		HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
		if (pdf_draw_page(page, &ld->pages[i], font, &buf, &bufcap,
		                  &err) != 0) {
			if (err.code == 0)
				err.code = HPDF_FAILD_TO_ALLOC_MEM;
			goto fail;
		}
	}
	if (err.code != 0)
		goto fail;
	pdf_outlines(pdf, ld, pages, &err);
	if (err.code != 0)
		goto fail;
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		goto fail;
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	*out = malloc(size ? size : 1);
	if (*out == NULL) {
		oom = 1;
		goto fail;
	}
	HPDF_UINT32 got = size;
	HPDF_ResetStream(pdf);
	if (HPDF_ReadFromStream(pdf, *out, &got) != HPDF_OK && got != size)
		goto fail;
	*len = got;
	rc = 0;
	goto done;
fail:
	if (oom || err.code == HPDF_FAILD_TO_ALLOC_MEM)
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while writing the PDF");
	else
		diag_report(d, DIAG_ERROR, NULL, "pdf",
		            "libharu could not write the PDF (error 0x%04X, "
		            "detail %u)", (unsigned)err.code,
		            (unsigned)err.detail);
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
