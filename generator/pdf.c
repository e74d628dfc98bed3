/* pdf.c - drawing the display list with libharu. */
#include "pdf.h"
#include "diag.h"
#include "font.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_error.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PDF_CACHE_SIZE 0x10000
#define PDF_WIDTH_UNKNOWN 0xFFFF

struct pdf_err {
	HPDF_STATUS code, detail;
};

static void pdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	struct pdf_err *e = user;
	if (e->code == 0) {
		e->code = code;
		e->detail = detail;
	}
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

/* libharu looks up a glyph by scanning the font's cmap segments, for
 * every code point of the BMP when it creates a font and for every
 * character it draws; DejaVu Sans has hundreds of segments. The font's
 * cmap is replaced by two segments whose first indexes a table of all
 * 65,535 glyphs (the font module's own reading of the cmap), which makes
 * each lookup a single step. Same glyphs, same PDF. */
static int pdf_direct_cmap(HPDF_Doc pdf, const char *name,
                           const struct font_face *face)
{
	HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
	if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return -1;
	HPDF_TTFontDefAttr attr = def->attr;
	HPDF_TTF_CmapRange *cm = &attr->cmap;
	HPDF_MMgr mm = def->mmgr;
	HPDF_UINT16 *end = HPDF_GetMem(mm, 2 * sizeof *end);
	HPDF_UINT16 *start = HPDF_GetMem(mm, 2 * sizeof *start);
	HPDF_INT16 *delta = HPDF_GetMem(mm, 2 * sizeof *delta);
	HPDF_UINT16 *range = HPDF_GetMem(mm, 2 * sizeof *range);
	HPDF_UINT16 *gids = HPDF_GetMem(mm, 0xFFFF * sizeof *gids);
	if (!end || !start || !delta || !range || !gids) {
		HPDF_FreeMem(mm, end);
		HPDF_FreeMem(mm, start);
		HPDF_FreeMem(mm, delta);
		HPDF_FreeMem(mm, range);
		HPDF_FreeMem(mm, gids);
		return -1;
	}
	/* segment 0: 0..0xFFFE through the table (libharu's index is
	 * range/2 + (code - start) - (segments - 0), so range 4 gives
	 * code); segment 1: the 0xFFFF terminator, glyph 0 */
	end[0] = 0xFFFE;
	start[0] = 0;
	delta[0] = 0;
	range[0] = 4;
	end[1] = 0xFFFF;
	start[1] = 0xFFFF;
	delta[1] = 1;
	range[1] = 0;
	memcpy(gids, face->glyph, 0xFFFF * sizeof *gids);
	HPDF_FreeMem(mm, cm->end_count);
	HPDF_FreeMem(mm, cm->start_count);
	HPDF_FreeMem(mm, cm->id_delta);
	HPDF_FreeMem(mm, cm->id_range_offset);
	HPDF_FreeMem(mm, cm->glyph_id_array);
	cm->format = 4;
	cm->seg_count_x2 = 4;
	cm->end_count = end;
	cm->start_count = start;
	cm->id_delta = delta;
	cm->id_range_offset = range;
	cm->glyph_id_array = gids;
	cm->glyph_id_array_count = 0xFFFF;
	return 0;
}

/* Loads the faces the document uses (a PDF embeds each font it loads). */
static int pdf_load_fonts(HPDF_Doc pdf, const struct font_set *fonts,
                          const int used[FACE_COUNT],
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
		font[i] = NULL;
		if (!used[i])
			continue;
		const struct font_face *face = fonts->face[i];
		const char *name = HPDF_LoadTTFontFromFile(pdf, face->path,
		                                           HPDF_TRUE);
		if (name == NULL || err->code != 0 ||
		    pdf_direct_cmap(pdf, name, face) != 0 ||
		    (font[i] = HPDF_GetFont(pdf, name, "UTF-8")) == NULL ||
		    err->code != 0) {
			struct loc l = {face->path, NULL, 0, 0};
			if (err->code == HPDF_FAILD_TO_ALLOC_MEM || name)
				diag_report(d, DIAG_ERROR, NULL,
				            "out-of-memory", "out of memory "
				            "while loading the fonts");
			else
				diag_report(d, DIAG_ERROR, &l, "font",
				            "libharu cannot use this font (error"
				            " 0x%04X)", (unsigned)err->code);
			return -1;
		}
	}
	return 0;
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

int pdf_render(const struct layout_doc *ld, const struct font_set *fonts,
               const time_t *created, unsigned char **out, size_t *len,
               struct diag *d)
{
	int used[FACE_COUNT] = {0};
	for (size_t p = 0; p < ld->npages; p++)
		for (size_t i = 0; i < ld->pages[p].nboxes; i++)
			if (ld->pages[p].boxes[i].kind == BOX_TEXT)
				used[ld->pages[p].boxes[i].face] = 1;
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
	if (pdf_load_fonts(pdf, fonts, used, font, &err, d) != 0)
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
