/* pdf.c - drawing the display list with libharu. */
#include "pdf.h"
#include "pdf_objects.h"
#include "diag.h"
#include "font.h"
#include "reserve.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <qpdf/qpdf-c.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_error.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libharu's allocations draw on the reserve when memory runs out
 * (reserve.h): its own out-of-memory paths are not safe. */
static void *pdf_alloc(HPDF_UINT size)
{
	return reserve_malloc(size);
}

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

/* One code point of UTF-8 at s[*i]; malformed bytes, characters beyond
 * the BMP (which the fonts' 16-bit codes cannot address) and the
 * noncharacters U+FFFE and U+FFFF read as U+FFFD. */
static uint32_t pdf_next_cp(const unsigned char *s, size_t len, size_t *i)
{
	uint32_t cp = s[*i];
	size_t n = cp < 0x80 ? 1 : cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 :
	           cp >= 0xC0 ? 2 : 1;
	if (n > 1 && *i + n <= len) {
		cp &= 0x3Fu >> (n - 1);
		for (size_t k = 1; k < n; k++)
			cp = (cp << 6) | (s[*i + k] & 0x3Fu);
	} else if (n > 1) {
		cp = 0xFFFD;
		n = 1;
	}
	*i += n;
	return cp >= 0xFFFE ? 0xFFFD : cp;
}

/* The text codes of a document are CIDs numbered 1, 2, 3... in code
 * point order over every character it draws, in any face: the fonts'
 * width arrays and CID-to-glyph maps then cover a hundred codes, not the
 * whole BMP. The numbering lives in the UTF-8 encoder's code table
 * (cid_map, by code point), filled when the fonts are loaded; code points
 * below 8 get none, as the encoder keeps its parsing state in that corner
 * of the table and no document draws those control characters. */
static uint16_t pdf_cid(HPDF_Encoder encoder, uint32_t cp)
{
	HPDF_CMapEncoderAttr ea = encoder->attr;
	return cp < 8 ? 0 : ea->cid_map[cp >> 8][cp & 0xFF];
}

/* libharu 2.3.0's own UTF-8 text encoder does not check its malloc and
 * crashes when memory runs out; this one does the job (UTF-8 to the
 * document's two-byte CIDs, which the Identity-H fonts take) and raises
 * libharu's out-of-memory error instead, which stops the rendering. */
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
	for (size_t i = 0; i < len;) {
		uint16_t cid = pdf_cid(encoder, pdf_next_cp(s, len, &i));
		out[o++] = (unsigned char)(cid >> 8);
		out[o++] = (unsigned char)(cid & 0xFF);
	}
	*length = (HPDF_UINT)o;
	return (char *)out;
}

/* A subset font handed to libharu from memory, under a tag made from its
 * bytes (the same subset gets the same name, so builds are repeatable).
 * Every glyph in it is drawn, so all are marked for embedding (libharu
 * would otherwise follow composite glyphs only one level down). */
static HPDF_FontDef pdf_subset_def(HPDF_Doc pdf, const struct font_subset *sub)
{
	HPDF_Stream st = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)sub->len);
	if (st == NULL)
		return NULL;
	if (HPDF_Stream_Write(st, sub->data, (HPDF_UINT)sub->len) != HPDF_OK) {
		HPDF_Stream_Free(st);
		return NULL;
	}
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, st, HPDF_TRUE);
	if (def == NULL)
		return NULL;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < sub->len; i++)
		h = (h ^ sub->data[i]) * 16777619u;
	char tag[7];
	for (int i = 0; i < 6; i++, h /= 26)
		tag[i] = (char)('A' + h % 26);
	tag[6] = '\0';
	HPDF_TTFontDef_SetTagName(def, tag);
	if (HPDF_Doc_FindFontDef(pdf, def->base_font) != NULL ||
	    HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	HPDF_TTFontDefAttr attr = def->attr;
	memset(attr->glyph_tbl.flgs, 1, attr->num_glyphs);
	return def;
}

/* The document's CIDs: cp[cid] is the code point of each, from 1. */
struct pdf_cids {
	uint16_t *cp;
	size_t n;
};

/* The ToUnicode map libharu writes for UTF-8 text lists code ranges
 * with "begincidrange", which readers (poppler) reject. This one maps
 * each CID back to its code point, in ranges that stay within one last
 * byte on both sides and at most 100 to a block, as CMaps ask. */
static int pdf_to_unicode(HPDF_Stream st, const struct pdf_cids *ids)
{
	static const char head[] =
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n";
	static const char tail[] =
	    "endcmap\nCMapName currentdict /CMap defineresource pop\nend\n"
	    "end\n";
	HPDF_MemStream_FreeData(st);
	HPDF_STATUS rc = HPDF_Stream_WriteStr(st, head);
	size_t cid = 1;
	while (cid <= ids->n) {
		size_t from[100], to[100], n = 0;
		for (; cid <= ids->n && n < 100; cid++) {
			if (n > 0 && to[n - 1] + 1 == cid && (cid & 0xFF) &&
			    ids->cp[cid - 1] + 1 == ids->cp[cid] &&
			    (ids->cp[cid] & 0xFF))
				to[n - 1] = cid;
			else
				from[n] = to[n] = cid, n++;
		}
		char line[64];
		snprintf(line, sizeof line, "%zu beginbfrange\n", n);
		rc |= HPDF_Stream_WriteStr(st, line);
		for (size_t k = 0; k < n; k++) {
			snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n",
			         (unsigned)from[k], (unsigned)to[k],
			         (unsigned)ids->cp[from[k]]);
			rc |= HPDF_Stream_WriteStr(st, line);
		}
		rc |= HPDF_Stream_WriteStr(st, "endbfrange\n");
	}
	rc |= HPDF_Stream_WriteStr(st, tail);
	return rc == HPDF_OK ? 0 : -1;
}

/* libharu builds a CID font by asking the encoder for the CID and glyph
 * of each code, and writes widths and a CID-to-glyph map up to the
 * largest CID; the UTF-8 encoder would answer for every code point of
 * the BMP. For the time of HPDF_GetFont the encoder answers as a
 * table-driven CMap encoder, from the document's CIDs. One more CID is
 * listed, mapped to U+FFFF (which no font draws), because libharu stops
 * short of the largest. The encoder's parsing state, kept in the table's
 * first entries, is set aside meanwhile. */
static HPDF_Font pdf_font(HPDF_Doc pdf, HPDF_Encoder utf8, HPDF_FontDef def,
                          const struct pdf_cids *ids)
{
	HPDF_CMapEncoderAttr ea = utf8->attr;
	HPDF_UINT16 state[8];
	memcpy(state, ea->cid_map[0], sizeof state);
	memset(ea->cid_map[0], 0, sizeof state);
	ea->cid_map[0xFF][0xFF] = (HPDF_UINT16)(ids->n + 1);
	ea->unicode_map[0xFF][0xFF] = 0xFFFF;
	HPDF_Encoder_ToUnicode_Func own = utf8->to_unicode_fn;
	utf8->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	HPDF_Font font = HPDF_GetFont(pdf, def->base_font, "UTF-8");
	utf8->to_unicode_fn = own;
	ea->cid_map[0xFF][0xFF] = 0;
	memcpy(ea->cid_map[0], state, sizeof state);
	if (font == NULL)
		return NULL;
	HPDF_FontAttr fa = font->attr;
	if (fa->cmap_stream == NULL ||
	    pdf_to_unicode(fa->cmap_stream->stream, ids) != 0)
		return NULL;
	return font;
}

/* Loads the faces the document draws, each as a subset of the glyphs it
 * draws; faces that are the same file share one font. */
static int pdf_load_fonts(HPDF_Doc pdf, const struct font_set *fonts,
                          const struct layout_doc *ld,
                          HPDF_Font font[FACE_COUNT], struct pdf_err *err,
                          struct diag *d)
{
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	if (utf8 != NULL)
		utf8->encode_text_fn = pdf_encode_utf8;
	/* the code points of each face, and of all (the last set) */
	unsigned char (*cps)[FONT_CP_SET_SIZE] =
	    calloc(FACE_COUNT + 1, sizeof *cps);
	struct pdf_cids ids = {malloc(0x10000 * sizeof *ids.cp), 0};
	if (err->code == HPDF_FAILD_TO_ALLOC_MEM || utf8 == NULL ||
	    cps == NULL || ids.cp == NULL) {
		free(cps);
		free(ids.cp);
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while loading the fonts");
		return -1;
	}
	int owner[FACE_COUNT], used[FACE_COUNT] = {0};
	for (int i = 0; i < FACE_COUNT; i++) {
		owner[i] = i;
		for (int j = i - 1; j >= 0; j--)
			if (fonts->face[j] == fonts->face[i])
				owner[i] = j;
	}
	unsigned char *all = cps[FACE_COUNT];
	for (size_t p = 0; p < ld->npages; p++)
		for (size_t i = 0; i < ld->pages[p].nboxes; i++) {
			const struct box *b = &ld->pages[p].boxes[i];
			if (b->kind != BOX_TEXT)
				continue;
			int o = owner[b->face];
			used[o] = 1;
			if (!b->joined) {
				cps[o][' ' / 8] |= 1u << ' ' % 8;
				all[' ' / 8] |= 1u << ' ' % 8;
			}
			const unsigned char *t = (const unsigned char *)b->text;
			for (size_t k = 0; k < b->len;) {
				uint32_t cp = pdf_next_cp(t, b->len, &k);
				cps[o][cp / 8] |= (unsigned char)(1u << cp % 8);
				all[cp / 8] |= (unsigned char)(1u << cp % 8);
			}
		}
	HPDF_CMapEncoderAttr ea = utf8->attr;
	ids.cp[0] = 0;
	for (uint32_t byte = 1; byte < FONT_CP_SET_SIZE; byte++)
		for (uint32_t cp = 8 * byte; all[byte] && cp < 8 * byte + 8;
		     cp++) {
			if (!(all[byte] >> (cp % 8) & 1))
				continue;
			ids.cp[++ids.n] = (uint16_t)cp;
			ea->cid_map[cp >> 8][cp & 0xFF] = (HPDF_UINT16)ids.n;
			ea->unicode_map[cp >> 8][cp & 0xFF] = (HPDF_UNICODE)cp;
		}
	int rc = 0;
	for (int i = 0; i < FACE_COUNT && rc == 0; i++) {
		font[i] = NULL;
		if (owner[i] != i) {
			font[i] = font[owner[i]];
			continue;
		}
		if (!used[i])
			continue;
		const struct font_face *face = fonts->face[i];
		/* libharu reads the cap and x heights from H and x */
		cps[i]['H' / 8] |= 1u << 'H' % 8;
		cps[i]['x' / 8] |= 1u << 'x' % 8;
		struct font_subset *sub = font_subset_make(face, cps[i]);
		struct loc l = {face->path, NULL, 0, 0};
		if (sub == NULL) {
			if (errno == ENOMEM)
				diag_report(d, DIAG_ERROR, NULL,
				            "out-of-memory", "out of memory "
				            "while loading the fonts");
			else if (errno == E2BIG)
				diag_report(d, DIAG_ERROR, &l, "font",
				            "cannot embed this font: the "
				            "document draws more different "
				            "characters than one subset can map");
			else
				diag_report(d, DIAG_ERROR, &l, "font",
				            "cannot embed this font: its glyph "
				            "data is damaged");
			rc = -1;
			break;
		}
		HPDF_FontDef def = pdf_subset_def(pdf, sub);
		font_subset_free(sub);
		if (def == NULL || err->code != 0 ||
		    (font[i] = pdf_font(pdf, utf8, def, &ids)) == NULL ||
		    err->code != 0) {
			if (err->code == HPDF_FAILD_TO_ALLOC_MEM ||
			    err->code == 0)
				diag_report(d, DIAG_ERROR, NULL,
				            "out-of-memory", "out of memory "
				            "while loading the fonts");
			else
				diag_report(d, DIAG_ERROR, &l, "font",
				            "libharu cannot use this font (error"
				            " 0x%04X)", (unsigned)err->code);
			rc = -1;
		}
	}
	free(cps);
	free(ids.cp);
	return rc;
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

/* What the page's graphics state holds, so each operator is written only
 * when its value changes (a table of a hundred cells sets the same colour
 * and font a hundred times otherwise), and runs of text share one text
 * object. */
struct pdf_state {
	HPDF_Page page;
	int in_text;
	uint32_t fill, stroke;
	double line_width, size;
	HPDF_Font font;
	int invisible;           /* text render mode 3 set */
};

static void pdf_fill(struct pdf_state *ps, uint32_t c)
{
	if (ps->fill == c)
		return;
	ps->fill = c;
	HPDF_Page_SetRGBFill(ps->page, ((c >> 16) & 0xFF) / 255.0f,
	                     ((c >> 8) & 0xFF) / 255.0f, (c & 0xFF) / 255.0f);
}

static void pdf_stroke(struct pdf_state *ps, uint32_t c, double width)
{
	if (ps->line_width != width) {
		ps->line_width = width;
		HPDF_Page_SetLineWidth(ps->page, (HPDF_REAL)width);
	}
	if (ps->stroke == c)
		return;
	ps->stroke = c;
	HPDF_Page_SetRGBStroke(ps->page, ((c >> 16) & 0xFF) / 255.0f,
	                       ((c >> 8) & 0xFF) / 255.0f, (c & 0xFF) / 255.0f);
}

static void pdf_text_mode(struct pdf_state *ps, int on)
{
	if (ps->in_text == on)
		return;
	ps->in_text = on;
	if (on)
		HPDF_Page_BeginText(ps->page);
	else
		HPDF_Page_EndText(ps->page);
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
                         size_t *bufcap, struct pdf_form *form,
                         struct pdf_tags *tags, size_t *left_out,
                         const struct pdf_err *err)
{
	/* libharu's defaults: black, line width 1, no font (a text object
	 * keeps its font only while it lasts) */
	struct pdf_state ps = {page, 0, 0x000000, 0x000000, 1.0, 0, NULL, 0};
	for (size_t i = 0; i < lp->nboxes; i++) {
		if (err->code != 0)
			return -1;
		const struct box *b = &lp->boxes[i];
		if (b->kind != BOX_TEXT && b->kind != BOX_LINK &&
		    b->kind != BOX_FIELD)
			pdf_text_mode(&ps, 0);
		/* marked content and text objects nest: a text object ends
		 * before the marked content does */
		if (pdf_tags_differs(tags, b)) {
			pdf_text_mode(&ps, 0);
			if (pdf_tags_mark(tags, b) != 0)
				return -1;
		}
		switch (b->kind) {
		case BOX_TEXT:
			if (b->len + 2 > *bufcap) {
				char *n = realloc(*buf, b->len + 2);
				if (n == NULL)
					return -1;
				*buf = n;
				*bufcap = b->len + 2;
			}
			memcpy(*buf, b->text, b->len);
			(*buf)[b->len] = ' ';
			(*buf)[b->len + !b->joined] = '\0';
			pdf_fill(&ps, b->colour);
			if (!ps.in_text) {
				pdf_text_mode(&ps, 1);
				ps.font = NULL;
			}
			if (ps.font != font[b->face] || ps.size != b->size) {
				ps.font = font[b->face];
				ps.size = b->size;
				HPDF_Page_SetFontAndSize(page, ps.font,
				                         (HPDF_REAL)b->size);
			}
			if (ps.invisible != b->invisible) {
				ps.invisible = b->invisible;
				HPDF_Page_SetTextRenderingMode(
				    page, b->invisible ? HPDF_INVISIBLE
				                       : HPDF_FILL);
			}
			/* placed absolutely: libharu's TextOut moves relative
			 * to the last line, and its float sums drift */
			HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1,
			                        (HPDF_REAL)b->x, (HPDF_REAL)b->y);
			HPDF_Page_ShowText(page, *buf);
			break;
		case BOX_LINE:
			pdf_stroke(&ps, b->colour, b->size);
			HPDF_Page_MoveTo(page, (HPDF_REAL)b->x, (HPDF_REAL)b->y);
			HPDF_Page_LineTo(page, (HPDF_REAL)(b->x + b->w),
			                 (HPDF_REAL)(b->y + b->h));
			HPDF_Page_Stroke(page);
			break;
		case BOX_RECT:
			if (b->filled)
				pdf_fill(&ps, b->fill);
			if (b->stroked)
				pdf_stroke(&ps, b->colour, b->size);
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
			if (a == NULL || pdf_tags_annot(tags, a, b) != 0)
				return -1;
			break;
		}
		case BOX_FIELD: {
			HPDF_Dict w = NULL;
			int r = pdf_form_add(form, page, b, &w);
			if (r < 0 || (r == 0 && pdf_tags_annot(tags, w, b) != 0))
				return -1;
			*left_out += (size_t)r;
			break;
		}
		}
	}
	pdf_text_mode(&ps, 0);
	if (pdf_tags_page_end(tags) != 0)
		return -1;
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

/* The PDF libharu wrote, its objects packed into compressed object
 * streams by libqpdf (PDF 1.5 and later; PDF/A-2 and -3 allow them):
 * libharu writes every dictionary as plain text, and a tagged document
 * is mostly dictionaries (its structure tree). Streams are kept as they
 * are; the metadata stays readable; the /ID is computed from the
 * content. NULL when qpdf could not (out of memory). */
#define PDF_PACK_MAX (8u << 20)   /* bytes of PDF, as libharu wrote it */

static unsigned char *pdf_pack(const unsigned char *in, size_t len,
                               size_t *out_len)
{
	qpdf_data q = qpdf_init();
	if (q == NULL)
		return NULL;
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	unsigned char *out = NULL;
	if (!(qpdf_read_memory(q, "mishto.pdf", (const char *)in,
	                       (unsigned long long)len, NULL) & QPDF_ERRORS) &&
	    !(qpdf_init_write_memory(q) & QPDF_ERRORS)) {
		qpdf_set_object_stream_mode(q, qpdf_o_generate);
		qpdf_set_stream_data_mode(q, qpdf_s_preserve);
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
		qpdf_set_suppress_original_object_IDs(q, QPDF_TRUE);
		if (!(qpdf_write(q) & QPDF_ERRORS)) {
			*out_len = qpdf_get_buffer_length(q);
			out = malloc(*out_len ? *out_len : 1);
			if (out != NULL)
				memcpy(out, qpdf_get_buffer(q), *out_len);
		}
	}
	qpdf_cleanup(&q);
	return out;
}

/* What the file's identifier is made from: its title, its pages' count
 * and the sources it carries; one source makes one identifier. */
static void pdf_digest(const struct layout_doc *ld,
                       const struct pdf_file *files, size_t nfiles,
                       unsigned char out[16])
{
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&h);
	if (ld->title)
		sha256_update(&h, strlen(ld->title) + 1,
		              (const uint8_t *)ld->title);
	char pages[32];
	snprintf(pages, sizeof pages, "%zu pages", ld->npages);
	sha256_update(&h, strlen(pages), (const uint8_t *)pages);
	for (size_t i = 0; i < nfiles; i++)
		sha256_update(&h, files[i].len, files[i].data);
	sha256_digest(&h, sizeof d, d);
	memcpy(out, d, 16);
}

int pdf_render(const struct layout_doc *ld, const struct font_set *fonts,
               const time_t *created, const struct pdf_file *files,
               size_t nfiles, unsigned char **out, size_t *len,
               struct diag *d)
{
	struct pdf_form *form = NULL;
	struct pdf_tags *tags = NULL;
	size_t left_out = 0;
	struct pdf_err err = {0, 0};
	int rc = -1;
	char *buf = NULL;
	size_t bufcap = 0;
	HPDF_Page *pages = NULL;
	HPDF_Font font[FACE_COUNT];
	*out = NULL;
	*len = 0;
	int oom = 0;
	HPDF_Doc pdf = HPDF_NewEx(pdf_error, pdf_alloc, reserve_free, 0, &err);
	if (pdf == NULL) {
		oom = 1;
		goto fail;
	}
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	if (err.code != 0)
		goto fail;
	if (pdf_load_fonts(pdf, fonts, ld, font, &err, d) != 0)
		goto done;
	HPDF_SetPageMode(pdf, ld->nmarks ? HPDF_PAGE_MODE_USE_OUTLINE
	                                 : HPDF_PAGE_MODE_USE_NONE);
	char meta[1024], about[1024];
	struct pdf_identity id;
	memset(&id, 0, sizeof id);
	if (ld->title) {
		id.title = pdf_short(ld->title, meta, sizeof meta);
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, id.title);
	}
	if (ld->subject) {
		id.subject = pdf_short(ld->subject, about, sizeof about);
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, id.subject);
	}
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "mishto");
	id.lang = ld->lang;
	/* sRGB from Debian's icc-profiles-free, for the PDF/A output
	 * intent; MISHTO_ICC_PROFILE names another */
	const char *icc = getenv("MISHTO_ICC_PROFILE");
	id.icc_path = icc && *icc ? icc : "/usr/share/color/icc/sRGB.icc";
	pdf_digest(ld, files, nfiles, id.digest);
	if (created != NULL) {
		struct tm tm;
		gmtime_r(created, &tm);
		snprintf(id.created, sizeof id.created, "%04u-%02u-%02uT%02u:%02u:%02uZ",
		         (unsigned)(tm.tm_year + 1900) % 10000u,
		         (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
		         (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u,
		         (unsigned)tm.tm_sec % 100u);
		HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		                  tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
	}
	pdf_catalog_extras(pdf, ld->lang);
	if (err.code != 0)
		goto fail;

	pages = calloc(ld->npages ? ld->npages : 1, sizeof *pages);
	form = pdf_form_new(pdf);
	tags = pdf_tags_new(pdf, ld->lang, ld->npages);
	if (pages == NULL || form == NULL || tags == NULL) {
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
		if (pdf_tags_page(tags, page, i) != 0 ||
		    pdf_draw_page(page, &ld->pages[i], font, &buf, &bufcap,
		                  form, tags, &left_out, &err) != 0) {
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
	if (left_out > 0)
		diag_report(d, DIAG_WARNING, NULL, "form-fields",
		            "%zu of the form's %zu fields are left out of the PDF "
		            "(a name of over %d bytes, or more than %d fields); "
		            "it prints, but cannot be filled in there", left_out,
		            ld->nfields, PDF_FIELD_NAME_MAX, PDF_MAX_FIELDS);
	int formed = pdf_form_finish(form);
	form = NULL;
	if (formed != 0 || pdf_tags_finish(tags) != 0 ||
	    pdf_attach_files(pdf, files, nfiles) != 0 ||
	    pdf_identify(pdf, &id) != 0 || err.code != 0) {
		if (err.code == 0)
			err.code = HPDF_FAILD_TO_ALLOC_MEM;
		goto fail;
	}
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
	/* packing holds every object in memory at once, a few times over:
	 * a document of thousands of pages stays as libharu wrote it */
	if (got <= PDF_PACK_MAX) {
		size_t packed_len = 0;
		unsigned char *packed = pdf_pack(*out, got, &packed_len);
		if (packed == NULL) {
			oom = 1;
			goto fail;
		}
		free(*out);
		*out = packed;
		*len = packed_len;
	}
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
	pdf_form_free(form);
	pdf_tags_free(tags);
	free(buf);
	free(pages);
	if (pdf != NULL)
		HPDF_Free(pdf);
	return rc;
}
