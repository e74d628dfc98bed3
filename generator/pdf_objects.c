/* pdf_objects.c - form fields and embedded files, made from libharu's
 * object layer (hpdf_objects.h), which is not its public API: its structs
 * and functions may change between versions, so this file builds only
 * against the version it was written and tested for.
 *
 * The form: each field is one widget annotation merged with its field
 * dictionary (PDF 1.7, 12.7.3.1), named by the name layout gave it, with
 * a tooltip (/TU, the name a screen reader speaks) and appearance streams
 * of its own, so every reader prints a blank or ticked box the same way
 * whether it regenerates appearances or not. Typed text is set in
 * Helvetica, which every reader has and which covers the Latin-1 letters
 * of names; the form's printed words stay in the embedded fonts. */
#include "pdf_objects.h"
#include "utf8.h"
#include "font.h"
#include "pdf.h"
#include "ptree.h"

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_error.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <libdeflate.h>

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3
#error "generator/pdf_objects.c uses libharu's internal objects and was written for libharu 2.3 (Debian 12's libhpdf-dev); check it against this version's hpdf_objects.h before building"
#endif

/* The text codes of a document are CIDs numbered 1, 2, 3... in code
 * point order over every character it draws, in any face: the fonts'
 * width arrays and CID-to-glyph maps then cover a hundred codes, not the
 * whole BMP. The numbering is mishto's own (struct pdf_cids); libharu's
 * UTF-8 encoder, which kept it before, cost 600,000 instructions and 64
 * page faults a document to set up (two tables of the whole BMP). */
uint16_t pdf_cid_of(const struct pdf_cids *ids, uint32_t cp)
{
	const uint16_t *b = cp <= 0xFFFF ? ids->block[cp >> 8] : NULL;
	return b ? b[cp & 0xFF] : 0;
}

/* FNV-1a of n bytes: a subset's name, a structure attribute's slot. */
static uint32_t pdf_fnv1a(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* The tag naming a subset, from its bytes (the same subset gets the
 * same name, so builds are repeatable): AAAAAA+DejaVuSans. */
static void pdf_subset_tag(const struct font_subset *sub, char tag[7])
{
	uint32_t h = pdf_fnv1a(sub->data, sub->len);
	for (int i = 0; i < 6; i++, h /= 26)
		tag[i] = (char)('A' + h % 26);
	tag[6] = '\0';
}

/* A subset font handed to libharu from memory, under its tag: libharu
 * reads its metrics, widths and glyph ids from it; the subset itself is
 * what is embedded (pdf_subset_font). */
static HPDF_FontDef pdf_subset_def(HPDF_Doc pdf, const struct font_subset *sub,
                                   const char *tag)
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
	HPDF_TTFontDef_SetTagName(def, (char *)tag);
	if (HPDF_Doc_FindFontDef(pdf, def->base_font) != NULL ||
	    HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	return def;
}

/* v in decimal at p, which has room for 20 digits; returns how many
 * were written. Numbers written by the thousand (object offsets, marked
 * content ids) are written with this: snprintf took a thousand
 * instructions for each. */
static size_t pdf_put_uint(char *p, uint64_t v)
{
	char t[20];
	size_t n = 0;
	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (size_t i = 0; i < n; i++)
		p[i] = t[n - 1 - i];
	return n;
}

/* v in upper-case hexadecimal, at least four digits (as "%04X"), at p,
 * which has room for 8; returns how many were written. */
static size_t pdf_put_hex4(char *p, uint32_t v)
{
	size_t n = 4;
	while (n < 8 && (v >> (4 * n)) != 0)
		n++;
	for (size_t i = 0; i < n; i++)
		p[i] = "0123456789ABCDEF"[(v >> (4 * (n - 1 - i))) & 0xF];
	return n;
}

/* The document's CIDs: cp[cid] is the code point of each, from 1
 * (struct pdf_cids, pdf_objects.h). */

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
		size_t len = pdf_put_uint(line, n);
		memcpy(line + len, " beginbfrange\n", 14);
		rc |= HPDF_Stream_Write(st, (const HPDF_BYTE *)line,
		                        (HPDF_UINT)(len + 14));
		for (size_t k = 0; k < n; k++) {
			const uint32_t v[3] = {(uint32_t)from[k], (uint32_t)to[k],
			                       (uint32_t)ids->cp[from[k]]};
			len = 0;
			for (int j = 0; j < 3; j++) {
				line[len++] = '<';
				len += pdf_put_hex4(line + len, v[j]);
				line[len++] = '>';
				line[len++] = j < 2 ? ' ' : '\n';
			}
			rc |= HPDF_Stream_Write(st, (const HPDF_BYTE *)line,
			                        (HPDF_UINT)len);
		}
		rc |= HPDF_Stream_WriteStr(st, "endbfrange\n");
	}
	rc |= HPDF_Stream_WriteStr(st, tail);
	return rc == HPDF_OK ? 0 : -1;
}

/* The font of def for text in the document's CIDs, made as libharu 2.3's
 * HPDF_GetFont makes a TrueType font for its UTF-8 encoder: the same
 * objects in the same order with the same entries (a Type0 font, its
 * ToUnicode CMap, the CIDFontType2 with its widths and CID-to-glyph
 * map), the same bytes in the file. libharu walks all 65,536 entries of
 * the encoder's code table for each font to find the document's hundred
 * CIDs, a tenth of a signed pledge's instructions; this takes the CIDs
 * from ids. The font is libharu's kind of object (pages set it with
 * HPDF_Page_SetFontAndSize) but measures nothing: mishto never asks
 * libharu to measure or show text (pdf_show). Its descriptor is added
 * when made (pdf_subset_font), where libharu added it when writing. */
static void pdf_font_free(HPDF_Dict obj)
{
	if (obj->attr != NULL)
		HPDF_FreeMem(obj->mmgr, obj->attr);
}

/* CIDSystemInfo as libharu's UTF-8 encoder gives it. */
static HPDF_STATUS pdf_cid_system_info(HPDF_Dict d)
{
	HPDF_Dict info = HPDF_Dict_New(d->mmgr);
	if (info == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_STATUS rc = HPDF_Dict_Add(d, "CIDSystemInfo", info);
	rc |= HPDF_Dict_Add(info, "Registry",
	                    HPDF_String_New(d->mmgr, "Adobe", NULL));
	rc |= HPDF_Dict_Add(info, "Ordering",
	                    HPDF_String_New(d->mmgr, "Identity-H", NULL));
	rc |= HPDF_Dict_AddNumber(info, "Supplement", 0);
	return rc;
}

/* The CIDFontType2 of font (its attr set), widths and the CID-to-glyph
 * map over CIDs 0 to ids->n, as libharu lists them: one more CID than
 * the document's, mapped to U+FFFF (libharu stopped short of its
 * largest CID, which mishto gave it so). */
static HPDF_Dict pdf_cid_font(HPDF_Doc pdf, HPDF_Font font,
                              const struct pdf_cids *ids)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_MMgr mmgr = pdf->mmgr;
	HPDF_Dict cf = HPDF_Dict_New(mmgr);
	if (cf == NULL || HPDF_Xref_Add(pdf->xref, cf) != HPDF_OK)
		return NULL;
	HPDF_STATUS rc = HPDF_Dict_AddName(cf, "Type", "Font");
	rc |= HPDF_Dict_AddName(cf, "Subtype", "CIDFontType2");
	rc |= HPDF_Dict_AddNumber(cf, "DW", def->missing_width);
	HPDF_Array dw2 = HPDF_Array_New(mmgr);
	if (dw2 == NULL || HPDF_Dict_Add(cf, "DW2", dw2) != HPDF_OK)
		return NULL;
	rc |= HPDF_Array_AddNumber(dw2, (HPDF_INT32)def->font_bbox.bottom);
	rc |= HPDF_Array_AddNumber(dw2, (HPDF_INT32)(def->font_bbox.bottom -
	                                             def->font_bbox.top));
	size_t max = ids->n + 1;
	unsigned char *map = malloc(2 * max);
	HPDF_Array w = HPDF_Array_New(mmgr);
	if (map == NULL || w == NULL || HPDF_Dict_Add(cf, "W", w) != HPDF_OK) {
		free(map);
		return NULL;
	}
	HPDF_Array run = NULL;
	for (size_t cid = 0; cid < max; cid++) {
		HPDF_UINT16 gid = cid == 0 ? 0
		    : HPDF_TTFontDef_GetGlyphid(def, ids->cp[cid]);
		map[2 * cid] = (unsigned char)(gid >> 8);
		map[2 * cid + 1] = (unsigned char)gid;
		HPDF_INT16 width = HPDF_TTFontDef_GetGidWidth(def, gid);
		if (width == def->missing_width) {
			run = NULL;
			continue;
		}
		if (run == NULL) {
			rc |= HPDF_Array_AddNumber(w, (HPDF_INT32)cid);
			run = HPDF_Array_New(mmgr);
			if (run == NULL || HPDF_Array_Add(w, run) != HPDF_OK) {
				free(map);
				return NULL;
			}
		}
		rc |= HPDF_Array_AddNumber(run, width);
	}
	fa->map_stream = HPDF_DictStream_New(mmgr, pdf->xref);
	if (fa->map_stream == NULL) {
		free(map);
		return NULL;
	}
	fa->map_stream->filter = font->filter;
	rc |= HPDF_Dict_Add(cf, "CIDToGIDMap", fa->map_stream);
	rc |= HPDF_Stream_Write(fa->map_stream->stream, map,
	                        (HPDF_UINT)(2 * max));
	free(map);
	rc |= pdf_cid_system_info(cf);
	return rc == HPDF_OK ? cf : NULL;
}

static HPDF_Font pdf_font(HPDF_Doc pdf, HPDF_FontDef def,
                          const struct pdf_cids *ids)
{
	HPDF_MMgr mmgr = pdf->mmgr;
	HPDF_TTFontDefAttr da = def->attr;
	HPDF_Font font = HPDF_Dict_New(mmgr);
	if (font == NULL)
		return NULL;
	HPDF_FontAttr fa = HPDF_GetMem(mmgr, sizeof *fa);
	if (fa == NULL) {
		HPDF_Dict_Free(font);
		return NULL;
	}
	memset(fa, 0, sizeof *fa);
	font->header.obj_class |= HPDF_OSUBCLASS_FONT;
	font->free_fn = pdf_font_free;
	font->attr = fa;
	fa->type = HPDF_FONT_TYPE0_TT;
	fa->writing_mode = HPDF_WMODE_HORIZONTAL;
	fa->fontdef = def;
	fa->xref = pdf->xref;
	if (HPDF_Xref_Add(pdf->xref, font) != HPDF_OK)
		return NULL;
	/* libharu's streams follow the document's compression */
	if (pdf->compression_mode & HPDF_COMP_METADATA)
		font->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_STATUS rc = HPDF_Dict_AddName(font, "Type", "Font");
	rc |= HPDF_Dict_AddName(font, "BaseFont", da->base_font);
	rc |= HPDF_Dict_AddName(font, "Subtype", "Type0");
	rc |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
	fa->cmap_stream = HPDF_DictStream_New(mmgr, pdf->xref);
	if (rc != HPDF_OK || fa->cmap_stream == NULL)
		return NULL;
	fa->cmap_stream->filter = font->filter;
	rc |= HPDF_Dict_Add(font, "ToUnicode", fa->cmap_stream);
	rc |= HPDF_Dict_AddName(fa->cmap_stream, "Type", "CMap");
	rc |= HPDF_Dict_AddName(fa->cmap_stream, "CMapName", "UTF-8");
	rc |= pdf_cid_system_info(fa->cmap_stream);
	rc |= HPDF_Dict_AddNumber(fa->cmap_stream, "WMode", 0);
	HPDF_Array kids = HPDF_Array_New(mmgr);
	if (rc != HPDF_OK || kids == NULL ||
	    HPDF_Dict_Add(font, "DescendantFonts", kids) != HPDF_OK ||
	    pdf_to_unicode(fa->cmap_stream->stream, ids) != 0)
		return NULL;
	fa->descendant_font = pdf_cid_font(pdf, font, ids);
	if (fa->descendant_font == NULL ||
	    HPDF_Array_Add(kids, fa->descendant_font) != HPDF_OK)
		return NULL;
	return font;
}

/* Adds /Lang and asks viewers to show the title, not the file name. */
void pdf_catalog_extras(HPDF_Doc pdf, const char *lang)
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


/* ---- the fonts: subsets from memory, CIDs numbered per document ------- */

int pdf_number_cids(const unsigned char *all, size_t set_size,
                    struct pdf_cids *ids)
{
	ids->cp[0] = 0;
	ids->n = 0;
	for (uint32_t byte = 1; byte < set_size && byte < 0x2000; byte++)
		for (uint32_t cp = 8 * byte; all[byte] && cp < 8 * byte + 8;
		     cp++) {
			if (!(all[byte] >> (cp % 8) & 1))
				continue;
			uint16_t **b = &ids->block[cp >> 8];
			if (*b == NULL && (*b = calloc(256, sizeof **b)) == NULL)
				return -1;
			ids->cp[++ids->n] = (uint16_t)cp;
			(*b)[cp & 0xFF] = (uint16_t)ids->n;
		}
	return 0;
}

void pdf_cids_free(struct pdf_cids *ids)
{
	for (size_t i = 0; i < 256; i++) {
		free(ids->block[i]);
		ids->block[i] = NULL;
	}
}

static unsigned char *pdf_utf16(const char *utf8, size_t *n);

int pdf_set_text(HPDF_Dict d, const char *key, const char *utf8)
{
	size_t n;
	unsigned char *u = pdf_utf16(utf8, &n);
	HPDF_Binary b = u ? HPDF_Binary_New(d->mmgr, u, (HPDF_UINT)n) : NULL;
	free(u);
	if (b != NULL && HPDF_Dict_Add(d, key, b) == HPDF_OK)
		return 0;
	/* the rendering stops on libharu's error */
	HPDF_RaiseError(d->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
	return -1;
}

int pdf_info_text(HPDF_Doc pdf, HPDF_InfoType type, const char *utf8)
{
	const char *key = type == HPDF_INFO_TITLE ? "Title"
	                  : type == HPDF_INFO_SUBJECT ? "Subject"
	                  : type == HPDF_INFO_CREATOR ? "Creator"
	                  : type == HPDF_INFO_AUTHOR ? "Author"
	                  : type == HPDF_INFO_KEYWORDS ? "Keywords" : NULL;
	/* libharu makes the entry (and the dictionary) where it would;
	 * its value is then the words as UTF-16 */
	if (key == NULL || HPDF_SetInfoAttr(pdf, type, "") != HPDF_OK ||
	    pdf->info == NULL)
		return -1;
	return pdf_set_text(pdf->info, key, utf8);
}

/* ---- font subsets, made once a run ----
 *
 * A subset is made from the code points a document draws in a face and
 * embedded as it is (a whole TrueType file, checksums included): libharu
 * would write its tables out again when the file is saved, which for a
 * batch of signed pledges, drawing the same characters, was with the
 * subsetting a fifth of the time of each. A run keeps each subset by face
 * and code points; a document that draws the same characters gets the
 * same subset, and its font descriptor (made here as libharu makes it,
 * which then makes none) carries the same program. */

#define PDF_FONTS_KEPT 64

struct pdf_font_kept {
	const struct font_face *face;
	unsigned char cps[FONT_CP_SET_SIZE];
	struct font_subset *sub;
	/* its tag, made once: hashing the subset's bytes for every pledge
	 * of a batch was a fortieth of each */
	char tag[7];
};

static struct pdf_font_kept *pdf_fonts_find(struct pdf_cache *c,
                                            const struct font_face *face,
                                            const unsigned char *cps);
static struct pdf_font_kept *pdf_fonts_keep(struct pdf_cache *c,
                                            const struct font_face *face,
                                            const unsigned char *cps,
                                            struct font_subset *sub);

/* libharu's font descriptor for def (hpdf_font_cid.c, 2.3.0), its font
 * program the bytes given. */
static HPDF_Dict pdf_descriptor(HPDF_Doc pdf, HPDF_Font font,
                                HPDF_FontDef def, const unsigned char *prog,
                                size_t nprog, HPDF_UINT length1)
{
	HPDF_TTFontDefAttr da = def->attr;
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict data = d ? HPDF_DictStream_New(pdf->mmgr, pdf->xref) : NULL;
	if (data == NULL) {
		HPDF_Dict_Free(d);   /* not yet the document's */
		return NULL;
	}
	HPDF_STATUS rc = HPDF_Stream_Write(data->stream, prog, (HPDF_UINT)nprog);
	rc |= HPDF_Dict_Add(d, "FontFile2", data);
	rc |= HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)length1);
	rc |= HPDF_Dict_AddNumber(data, "Length2", 0);
	rc |= HPDF_Dict_AddNumber(data, "Length3", 0);
	data->filter = font->filter;   /* as libharu: the Type0 font's */
	rc |= HPDF_Xref_Add(pdf->xref, d);
	rc |= HPDF_Dict_AddName(d, "Type", "FontDescriptor");
	rc |= HPDF_Dict_AddNumber(d, "Ascent", def->ascent);
	rc |= HPDF_Dict_AddNumber(d, "Descent", def->descent);
	rc |= HPDF_Dict_AddNumber(d, "Flags", (HPDF_INT32)def->flags);
	rc |= HPDF_Dict_Add(d, "FontBBox",
	                    HPDF_Box_Array_New(pdf->mmgr, def->font_bbox));
	rc |= HPDF_Dict_AddName(d, "FontName", da->base_font);
	rc |= HPDF_Dict_AddNumber(d, "ItalicAngle", def->italic_angle);
	rc |= HPDF_Dict_AddNumber(d, "StemV", def->stemv);
	rc |= HPDF_Dict_AddNumber(d, "XHeight", def->x_height);
	return rc == HPDF_OK ? d : NULL;
}

HPDF_Font pdf_subset_font(HPDF_Doc pdf, const struct font_face *face,
                          const unsigned char *cps,
                          const struct pdf_cids *ids,
                          struct pdf_cache *cache, int *why)
{
	*why = 0;
	struct pdf_font_kept *kept = pdf_fonts_find(cache, face, cps);
	struct font_subset *sub = kept ? kept->sub : font_subset_make(face, cps);
	if (sub == NULL) {
		*why = errno;
		return NULL;
	}
	char own[7];
	const char *tag = own;
	if (kept == NULL) {
		pdf_subset_tag(sub, own);
		if ((kept = pdf_fonts_keep(cache, face, cps, sub)) != NULL)
			memcpy(kept->tag, own, sizeof own);
	} else {
		tag = kept->tag;
	}
	HPDF_Font font = NULL;
	HPDF_FontDef def = pdf_subset_def(pdf, sub, tag);
	if (def != NULL)
		font = pdf_font(pdf, def, ids);
	if (font != NULL) {
		/* the program embedded is the subset itself, a whole TrueType
		 * file with its checksums (font_subset_make); libharu would
		 * write its tables out again (a thirtieth of the form) */
		def->descriptor = pdf_descriptor(pdf, font, def, sub->data,
		                                 sub->len, (HPDF_UINT)sub->len);
		HPDF_Dict cf = ((HPDF_FontAttr)font->attr)->descendant_font;
		if (def->descriptor == NULL ||
		    HPDF_Dict_AddName(cf, "BaseFont",
		                      ((HPDF_TTFontDefAttr)def->attr)->base_font)
		        != HPDF_OK ||
		    HPDF_Dict_Add(cf, "FontDescriptor", def->descriptor) !=
		        HPDF_OK)
			font = NULL;
	}
	if (kept == NULL)
		font_subset_free(sub);
	return font;
}

struct pdf_form {
	HPDF_Doc pdf;
	HPDF_Array fields;
	HPDF_Dict helv;          /* /DR's font for typed text */
	HPDF_Dict zadb;          /* ZapfDingbats, for check boxes' /DA */
	HPDF_Dict off;           /* a blank appearance, shared */
	/* appearances by size: fields of one size share theirs (a form's
	 * boxes are all alike, its deadline fields nearly so) */
	struct pdf_look {
		double w, h;
		int check;
		HPDF_Dict x;
	} looks[16];
	size_t nlooks;
	size_t n;
};

/* The appearance of a field of w by h: a tick (check) or an empty text
 * field, made once per size. */
static HPDF_Dict pdf_appearance(HPDF_Doc pdf, double w, double h,
                                const char *ops);
static void pdf_tick_ops(char *buf, size_t size, double s);

static HPDF_Dict pdf_look(struct pdf_form *f, double w, double h, int check)
{
	for (size_t i = 0; i < f->nlooks; i++)
		if (f->looks[i].check == check && f->looks[i].w == w &&
		    f->looks[i].h == h)
			return f->looks[i].x;
	char ops[256] = "/Tx BMC EMC\n";
	if (check)
		pdf_tick_ops(ops, sizeof ops, w);
	HPDF_Dict x = pdf_appearance(f->pdf, w, h, ops);
	if (x != NULL && f->nlooks < sizeof f->looks / sizeof *f->looks)
		f->looks[f->nlooks++] = (struct pdf_look){w, h, check, x};
	return x;
}

/* Words a PDF text string keeps in PDFDocEncoding: printable ASCII. */
static int pdf_is_ascii(const char *utf8)
{
	for (const unsigned char *s = (const unsigned char *)utf8; *s; s++)
		if (*s >= 0x80 || *s < 0x20)
			return 0;
	return 1;
}

/* utf8 as UTF-16BE with its byte order mark (PDF 1.7, 7.9.2.2),
 * malloc'd, *n bytes; control characters become spaces. */
static unsigned char *pdf_utf16(const char *utf8, size_t *n)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t len = strlen(utf8);
	/* at most two units of two bytes a byte of UTF-8, and the mark */
	unsigned char *u = malloc(2 + 4 * len);
	if (u == NULL)
		return NULL;
	size_t k0 = 0;
	u[k0++] = 0xFE;
	u[k0++] = 0xFF;
	for (size_t i = 0; i < len;) {
		unsigned long cp = s[i];
		size_t k = cp < 0x80 ? 1 : cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3
		           : cp >= 0xC0 ? 2 : 1;
		if (k > 1 && i + k <= len) {
			cp &= 0xFF >> (k + 1);
			for (size_t j = 1; j < k; j++)
				cp = (cp << 6) | (s[i + j] & 0x3F);
		} else if (cp >= 0x80) {
			cp = 0xFFFD;   /* layout sanitised it; never here */
			k = 1;
		}
		if (cp < 0x20)
			cp = ' ';
		i += k;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			unsigned long hi = 0xD800 + (cp >> 10),
			              lo = 0xDC00 + (cp & 0x3FF);
			u[k0++] = (unsigned char)(hi >> 8);
			u[k0++] = (unsigned char)hi;
			u[k0++] = (unsigned char)(lo >> 8);
			u[k0++] = (unsigned char)lo;
		} else {
			u[k0++] = (unsigned char)(cp >> 8);
			u[k0++] = (unsigned char)cp;
		}
	}
	*n = k0;
	return u;
}

/* A PDF text string: PDFDocEncoding when the words are ASCII, else
 * UTF-16BE with its byte order mark. */
static void *pdf_text_string(HPDF_MMgr mmgr, const char *utf8)
{
	if (pdf_is_ascii(utf8))
		return HPDF_String_New(mmgr, utf8, NULL);
	size_t n;
	unsigned char *u = pdf_utf16(utf8, &n);
	if (u == NULL)
		return NULL;
	void *b = HPDF_Binary_New(mmgr, u, (HPDF_UINT)n);
	free(u);
	return b;
}

static HPDF_STATUS pdf_dict_text(HPDF_Dict d, const char *key,
                                 const char *utf8)
{
	void *s = pdf_text_string(d->mmgr, utf8);
	return s == NULL ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_Dict_Add(d, key, s);
}

static HPDF_Array pdf_rect_array(HPDF_MMgr mmgr, double x0, double y0,
                                 double x1, double y1)
{
	HPDF_Array a = HPDF_Array_New(mmgr);
	if (a == NULL)
		return NULL;
	HPDF_Array_AddReal(a, (HPDF_REAL)x0);
	HPDF_Array_AddReal(a, (HPDF_REAL)y0);
	HPDF_Array_AddReal(a, (HPDF_REAL)x1);
	HPDF_Array_AddReal(a, (HPDF_REAL)y1);
	return a;
}

/* A form XObject of w by h drawing ops (an appearance stream). */
static HPDF_Dict pdf_appearance(HPDF_Doc pdf, double w, double h,
                                const char *ops)
{
	HPDF_Dict x = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (x == NULL)
		return NULL;
	x->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_STATUS rc = HPDF_Dict_AddName(x, "Type", "XObject");
	rc |= HPDF_Dict_AddName(x, "Subtype", "Form");
	HPDF_Array bbox = pdf_rect_array(pdf->mmgr, 0, 0, w, h);
	rc |= bbox ? HPDF_Dict_Add(x, "BBox", bbox) : HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Dict res = HPDF_Dict_New(pdf->mmgr);
	rc |= res ? HPDF_Dict_Add(x, "Resources", res)
	          : HPDF_FAILD_TO_ALLOC_MEM;
	rc |= HPDF_Stream_WriteStr(x->stream, ops);
	return rc == HPDF_OK ? x : NULL;
}

static HPDF_Dict pdf_type1_font(HPDF_Doc pdf, const char *base,
                                const char *encoding)
{
	HPDF_Dict f = HPDF_Dict_New(pdf->mmgr);
	if (f == NULL || HPDF_Xref_Add(pdf->xref, f) != HPDF_OK)
		return NULL;
	HPDF_STATUS rc = HPDF_Dict_AddName(f, "Type", "Font");
	rc |= HPDF_Dict_AddName(f, "Subtype", "Type1");
	rc |= HPDF_Dict_AddName(f, "BaseFont", base);
	if (encoding != NULL)
		rc |= HPDF_Dict_AddName(f, "Encoding", encoding);
	return rc == HPDF_OK ? f : NULL;
}

struct pdf_form *pdf_form_new(HPDF_Doc pdf)
{
	struct pdf_form *f = calloc(1, sizeof *f);
	if (f == NULL)
		return NULL;
	f->pdf = pdf;
	f->fields = HPDF_Array_New(pdf->mmgr);
	if (f->fields == NULL) {
		free(f);
		return NULL;
	}
	return f;
}

void pdf_form_free(struct pdf_form *f)
{
	if (f == NULL)
		return;
	/* the array is libharu's once it is in the catalog */
	if (f->fields != NULL)
		HPDF_Array_Free(f->fields);
	free(f);
}

/* The page's /Annots, made when it has none. */
static HPDF_Array pdf_page_annots(HPDF_Page page)
{
	HPDF_Array a = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (a != NULL)
		return a;
	a = HPDF_Array_New(page->mmgr);
	if (a == NULL || HPDF_Dict_Add(page, "Annots", a) != HPDF_OK)
		return NULL;
	return a;
}

/* A check box's ticked appearance: the tick layout draws on the page,
 * in a box of side s. */
static void pdf_tick_ops(char *buf, size_t size, double s)
{
	double c = s / 2, lw = s * 0.13;
	snprintf(buf, size,
	         "q 0 g 0 G %.2f w 1 J 1 j %.2f %.2f m %.2f %.2f l "
	         "%.2f %.2f m %.2f %.2f l S Q\n",
	         lw, c - s * 0.30, c + s * 0.02, c - s * 0.10, c - s * 0.22,
	         c - s * 0.10, c - s * 0.22, c + s * 0.32, c + s * 0.30);
}

/* A tooltip short enough for any reader (and for libharu's strings, at
 * most 65,535 bytes): cut at a character's start, with an ellipsis. */
static void pdf_tip(char *out, size_t size, const char *tip)
{
	size_t n = strlen(tip);
	if (n < size) {
		memcpy(out, tip, n + 1);
		return;
	}
	n = size - 4;
	while (n > 0 && ((unsigned char)tip[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, tip, n);
	memcpy(out + n, "\xE2\x80\xA6", 4);
}

/* A libharu list grows by a fixed step (copying all it holds each
 * time): the form's fields, one per tick box and line of a form of
 * 20,000 action points, took a quadratic time to add. Growing it by
 * what it holds makes each addition cost the same. */
static void pdf_list_doubling(HPDF_List l)
{
	if (l->items_per_block < l->block_siz)
		l->items_per_block = l->block_siz;
}

int pdf_form_add(struct pdf_form *f, HPDF_Page page, const struct box *b,
                 HPDF_Dict *widget)
{
	HPDF_Doc pdf = f->pdf;
	HPDF_MMgr mmgr = pdf->mmgr;
	char name[PDF_FIELD_NAME_MAX + 1], tip[PDF_FIELD_TIP_MAX + 1];
	if (b->len > PDF_FIELD_NAME_MAX || f->n >= PDF_MAX_FIELDS)
		return 1;   /* left out: a name no reader keeps */
	memcpy(name, b->text, b->len);
	name[b->len] = '\0';
	const char *spoken = box_tip(b);
	pdf_tip(tip, sizeof tip, spoken ? spoken : name);
	if (f->helv == NULL) {
		f->helv = pdf_type1_font(pdf, "Helvetica", "WinAnsiEncoding");
		f->zadb = pdf_type1_font(pdf, "ZapfDingbats", NULL);
		f->off = pdf_appearance(pdf, 1, 1, "");
		if (f->helv == NULL || f->zadb == NULL || f->off == NULL)
			return -1;
	}
	HPDF_Dict w = HPDF_Dict_New(mmgr);
	if (w == NULL || HPDF_Xref_Add(pdf->xref, w) != HPDF_OK)
		return -1;
	HPDF_STATUS rc = HPDF_Dict_AddName(w, "Type", "Annot");
	rc |= HPDF_Dict_AddName(w, "Subtype", "Widget");
	HPDF_Array r = pdf_rect_array(mmgr, b->x, b->y, b->x + b->w,
	                              b->y + b->h);
	rc |= r ? HPDF_Dict_Add(w, "Rect", r) : HPDF_FAILD_TO_ALLOC_MEM;
	rc |= HPDF_Dict_AddNumber(w, "F", 4);   /* printed */
	rc |= HPDF_Dict_Add(w, "P", page);
	rc |= pdf_dict_text(w, "T", name);
	rc |= pdf_dict_text(w, "TU", tip);
	HPDF_Dict mk = HPDF_Dict_New(mmgr);
	rc |= mk ? HPDF_Dict_Add(w, "MK", mk) : HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Dict ap = HPDF_Dict_New(mmgr);
	rc |= ap ? HPDF_Dict_Add(w, "AP", ap) : HPDF_FAILD_TO_ALLOC_MEM;
	if (rc != HPDF_OK || mk == NULL || ap == NULL)
		return -1;
	if (b->field == FIELD_CHECK) {
		HPDF_Dict yes = pdf_look(f, b->w, b->h, 1);
		HPDF_Dict n = HPDF_Dict_New(mmgr);
		if (yes == NULL || n == NULL)
			return -1;
		rc |= HPDF_Dict_AddName(w, "FT", "Btn");
		rc |= HPDF_Dict_AddName(w, "V", "Off");
		rc |= HPDF_Dict_AddName(w, "AS", "Off");
		/* a reader that draws its own takes a check mark (4) */
		rc |= HPDF_Dict_Add(mk, "CA", HPDF_String_New(mmgr, "4", NULL));
		rc |= HPDF_Dict_Add(w, "DA", HPDF_String_New(
		                                 mmgr, "/ZaDb 0 Tf 0 g", NULL));
		rc |= HPDF_Dict_Add(n, "Yes", yes);
		rc |= HPDF_Dict_Add(n, "Off", f->off);
		rc |= HPDF_Dict_Add(ap, "N", n);
	} else {
		HPDF_Dict blank = pdf_look(f, b->w, b->h, 0);
		if (blank == NULL)
			return -1;
		rc |= HPDF_Dict_AddName(w, "FT", "Tx");
		rc |= HPDF_Dict_Add(w, "V", HPDF_String_New(mmgr, "", NULL));
		if (b->field == FIELD_LINES)
			rc |= HPDF_Dict_AddNumber(w, "Ff", 1 << 12);
		/* the size that fits a line of the field, as printed */
		char da[64];
		double size = b->field == FIELD_LINES ? 10 : b->h * 0.6;
		snprintf(da, sizeof da, "/Helv %.1f Tf 0 g",
		         size > 11 ? 11 : size < 7 ? 7 : size);
		rc |= HPDF_Dict_Add(w, "DA", HPDF_String_New(mmgr, da, NULL));
		rc |= HPDF_Dict_Add(ap, "N", blank);
	}
	HPDF_Array annots = pdf_page_annots(page);
	if (rc != HPDF_OK || annots == NULL)
		return -1;
	pdf_list_doubling(annots->list);
	pdf_list_doubling(f->fields->list);
	if (HPDF_Array_Add(annots, w) != HPDF_OK ||
	    HPDF_Array_Add(f->fields, w) != HPDF_OK)
		return -1;
	f->n++;
	*widget = w;
	return 0;
}

int pdf_form_finish(struct pdf_form *f)
{
	if (f->n == 0) {
		pdf_form_free(f);
		return 0;
	}
	HPDF_Doc pdf = f->pdf;
	HPDF_Dict form = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict dr = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict fonts = HPDF_Dict_New(pdf->mmgr);
	if (form == NULL || dr == NULL || fonts == NULL) {
		pdf_form_free(f);
		return -1;
	}
	HPDF_STATUS rc = HPDF_Dict_Add(form, "Fields", f->fields);
	f->fields = NULL;
	rc |= HPDF_Dict_Add(fonts, "Helv", f->helv);
	rc |= HPDF_Dict_Add(fonts, "ZaDb", f->zadb);
	rc |= HPDF_Dict_Add(dr, "Font", fonts);
	rc |= HPDF_Dict_Add(form, "DR", dr);
	rc |= HPDF_Dict_Add(form, "DA", HPDF_String_New(
	                                    pdf->mmgr, "/Helv 0 Tf 0 g", NULL));
	rc |= HPDF_Dict_Add(pdf->catalog, "AcroForm", form);
	pdf_form_free(f);
	return rc == HPDF_OK ? 0 : -1;
}

static int pdf_file_cmp(const void *a, const void *b)
{
	const struct pdf_file *x = *(const struct pdf_file *const *)a;
	const struct pdf_file *y = *(const struct pdf_file *const *)b;
	return strcmp(x->name, y->name);
}

/* The hidden entry of an object the writer has written already: a
 * page's content stream or the page itself, written when the page was
 * drawn (pdf_writer_page), or an embedded file (pdf_attach_files). */
#define PDF_EARLY_MARK "MishtoEarly"

/* Adds obj to d under key as an entry libharu never writes (hidden): a
 * mark for mishto's writer. */
static HPDF_STATUS pdf_add_mark(HPDF_Dict d, const char *key, void *obj)
{
	if (obj == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	((HPDF_Obj_Header *)obj)->obj_id |= HPDF_OTYPE_HIDDEN;
	return HPDF_Dict_Add(d, key, obj);
}

/* ---- the structure tree (tagged PDF, PDF 1.7 14.7 and 14.8) ----------- */

/* The tree is kept as mishto's own records, not libharu's dictionaries:
 * an element is 32 bytes and a kid 16, where libharu took about 1.3 KB
 * an element (136 bytes a dictionary entry, 128 a name), which was a
 * third of a long document's memory and a fifth of a signed pledge's
 * instructions. pdf_writer_finish writes the records as objects of their
 * own, numbered after libharu's; the catalog's /StructTreeRoot is an
 * empty dictionary of libharu's that the writer fills in.
 *
 * An element's attributes (a cell's scope and spans, a language, a
 * chart's text alternative) are written out when it is made, each text
 * kept once however many elements have it (a long plan's cells have
 * three between them): the records do not point into the presentation
 * tree or the layout, which the caller may let go once every page is
 * drawn (pdf_render's release).
 *
 * An element with more than PDF_MAX_KIDS kids (a table of 100,000 rows)
 * has the ones past that in grouping elements of its own (TBody in a
 * table, NonStruct elsewhere), so that no array is longer than readers
 * made for libharu's 32,767-item arrays expect. */
#define PDF_MAX_KIDS 30000
#define PDF_NONE UINT32_MAX
/* keys of the parent tree a leaf holds */
#define PDF_NUMS_LEAF 1024

enum pdf_kid_kind { PDF_KID_ELEM, PDF_KID_MCID, PDF_KID_OBJR };

/* A kid of an element, in a list: another element, marked content
 * (its MCID on a page) or an annotation (an object reference). */
struct pdf_kid {
	uint32_t next;           /* the element's next kid; PDF_NONE */
	uint32_t v;              /* element index, MCID or annotation index */
	uint32_t page;           /* MCID, OBJR: the page's index */
	uint32_t kind;
};

/* A structure element. */
struct pdf_se {
	const char *s;           /* its type (a static name) */
	/* its attributes as written, in pdf_tags.attrs (len 0: none) */
	uint32_t attr_at, attr_len;
	uint32_t parent;         /* PDF_NONE: the tree's root */
	uint32_t first, last;    /* kids, a list in pdf_tags.kids */
	uint32_t pg;             /* the page of /Pg: its first MCID's */
};

/* Where a node's content goes: its element, the element its content
 * and children go in (an LI's LBody; else the element itself), and the
 * one where kids go now (content, or its last grouping element). */
struct pdf_elem {
	const struct pt_node *node;
	uint32_t elem, content, kdict;
	uint32_t nk;             /* kids in kdict (a long document has
	                            hundreds of thousands of these) */
};

/* Bytes being written (defined with the writer). */
struct pdf_out {
	unsigned char *p;
	size_t n, cap;
	int oom;
};

struct pdf_tags {
	HPDF_Doc pdf;
	const char *lang;        /* the document's */
	/* the elements' attributes, each text once: slot[h % nslot] holds
	 * 1 + the index of an element that has it (0: empty) */
	struct pdf_out attrs;
	uint32_t *slot;
	size_t nslot, nused;
	size_t npages;
	HPDF_Dict root;          /* StructTreeRoot: the writer fills it */
	struct pdf_se *se;
	size_t nse, capse;
	struct pdf_kid *kids;
	size_t nkids, capkids;
	HPDF_Page *pages;        /* by index, for /Pg */
	/* the annotations, for /Obj, each with the element that owns it
	 * (its parent tree entry, key npages + its index) */
	struct pdf_annot {
		HPDF_Dict dict;
		uint32_t owner;
	} *annots;
	size_t nannots, capannots;
	/* the parent tree's entries for the pages: the element holding each
	 * MCID, page by page (page i's from page_first[i] to [i + 1]) */
	uint32_t *holders;
	size_t nholders, capholders;
	size_t *page_first;
	struct pdf_elem doc;     /* Document */
	/* the elements found for nodes so far, and, by a node's serial
	 * number, 1 + the index of its own there (0: none yet): 4 bytes a
	 * node where a table by address took 50 to 100 an element, and a
	 * long document's lookups were a twentieth of its time */
	struct pdf_elem *elems;
	size_t nelems, capelems;
	uint32_t *elem_at;
	size_t nelem_at;
	/* the page being drawn */
	HPDF_Page page;
	uint32_t page_index;
	int mcid;
	int open;                /* 0 nothing, 1 an artifact, 2 content */
	unsigned char furniture; /* the artifact open: box.furniture */
	const struct pt_node *tag;
	const char *lang_now, *href_now;
	uint32_t link;           /* the Link element of the words last
	                            marked, when they were a link's */
	const char *link_href;
	int failed;
};

static const char *pdf_role(const struct pt_node *n)
{
	static const char *const h[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
	switch (n->type) {
	case PT_DOCUMENT: return "Document";
	case PT_HEADER: return "Div";
	case PT_SECTION: return "Sect";
	case PT_HEADING: return h[n->level >= 1 && n->level <= 6 ? n->level - 1
	                                                          : 5];
	case PT_PARAGRAPH: return "P";
	case PT_LIST: return "L";
	case PT_ITEM: return "LI";
	case PT_GROUP: return "Div";
	case PT_TABLE: return "Table";
	case PT_ROW: return "TR";
	case PT_CELL: return n->scope != PS_NONE ? "TH" : "TD";
	case PT_FIELDS: return "Div";
	case PT_FIELD: return "P";
	case PT_CHART: return "Figure";
	case PT_TICK: return "Span";
	default: return NULL;
	}
}

static void pdf_fail(struct pdf_tags *t, HPDF_STATUS rc)
{
	if (rc != HPDF_OK)
		t->failed = 1;
}

/* Room for one more item of size in *v (cap *cap). */
static int pdf_tags_room(struct pdf_tags *t, void **v, size_t *cap,
                         size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 64;
	if (c >= PDF_NONE || c > SIZE_MAX / size) {
		t->failed = 1;
		return -1;
	}
	void *p = realloc(*v, c * size);
	if (p == NULL) {
		t->failed = 1;
		return -1;
	}
	*v = p;
	*cap = c;
	return 0;
}

/* Adds a kid to element e's list. */
static int pdf_kid_add(struct pdf_tags *t, uint32_t e, enum pdf_kid_kind kind,
                       uint32_t v, uint32_t page)
{
	if (pdf_tags_room(t, (void **)&t->kids, &t->capkids, t->nkids,
	                  sizeof *t->kids) != 0)
		return -1;
	uint32_t k = (uint32_t)t->nkids++;
	t->kids[k] = (struct pdf_kid){PDF_NONE, v, page, kind};
	struct pdf_se *p = &t->se[e];
	if (p->last == PDF_NONE)
		p->first = k;
	else
		t->kids[p->last].next = k;
	p->last = k;
	return 0;
}

/* A new structure element of type s, the last kid of parent (PDF_NONE:
 * the root's only kid); PDF_NONE on failure. */
static uint32_t pdf_elem_new(struct pdf_tags *t, uint32_t parent,
                             const char *s)
{
	if (pdf_tags_room(t, (void **)&t->se, &t->capse, t->nse,
	                  sizeof *t->se) != 0)
		return PDF_NONE;
	uint32_t e = (uint32_t)t->nse++;
	t->se[e] = (struct pdf_se){s, 0, 0, parent, PDF_NONE, PDF_NONE,
	                           PDF_NONE};
	if (parent != PDF_NONE &&
	    pdf_kid_add(t, parent, PDF_KID_ELEM, e, 0) != 0)
		return PDF_NONE;
	return e;
}

/* Where e's next kid goes (see PDF_MAX_KIDS). */
static uint32_t pdf_slot(struct pdf_tags *t, struct pdf_elem *e)
{
	if (e->nk >= PDF_MAX_KIDS) {
		/* the first holds PDF_MAX_KIDS kids, then the groups */
		int table = strcmp(t->se[e->elem].s, "Table") == 0;
		uint32_t g = pdf_elem_new(t, e->content,
		                          table ? "TBody" : "NonStruct");
		if (g == PDF_NONE)
			return PDF_NONE;
		e->kdict = g;
		e->nk = 0;
	}
	e->nk++;
	return e->kdict;
}

/* A kid of e's of type s. */
static uint32_t pdf_elem_child(struct pdf_tags *t, struct pdf_elem *e,
                               const char *s)
{
	uint32_t k = pdf_slot(t, e);
	return k != PDF_NONE ? pdf_elem_new(t, k, s) : PDF_NONE;
}

/* A chart's text alternative: its title, each bar's name and numbers,
 * its caption. */
static char *pdf_chart_alt(const struct pt_node *ch)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (f == NULL)
		return NULL;
	const char *sep = "";
	for (const struct pt_node *x = ch->first; x; x = x->next) {
		char *words = x->type == PT_BAR ? pt_plain(x->first) : pt_plain(x);
		if (words == NULL)
			continue;
		if (x->type == PT_BAR) {
			const struct pt_more *bar = pt_more_of(x);
			fprintf(f, "%s%s:", sep, words);
			for (size_t i = 0; i < bar->nvalues; i++)
				fprintf(f, "%s %zu", i ? "," : "",
				        bar->values[i]);
		} else if (*words) {
			fprintf(f, "%s%s", sep, words);
		}
		sep = x->type == PT_BAR ? "; " : ". ";
		free(words);
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

static int pdf_tags_attrs(struct pdf_tags *t, uint32_t e,
                          const struct pt_node *n, const char *lang);

static struct pdf_elem *pdf_elem_find(struct pdf_tags *t,
                                      const struct pt_node *n)
{
	uint32_t at = n->serial < t->nelem_at ? t->elem_at[n->serial] : 0;
	return at != 0 ? &t->elems[at - 1] : NULL;
}

static struct pdf_elem *pdf_elem_put(struct pdf_tags *t,
                                     const struct pdf_elem *e)
{
	uint32_t serial = e->node->serial;
	if (serial == 0 || t->nelems >= UINT32_MAX - 1) {
		t->failed = 1;
		return NULL;
	}
	if (serial >= t->nelem_at) {
		size_t n = t->nelem_at ? t->nelem_at : 1024;
		while (n <= serial)
			n *= 2;
		uint32_t *at = realloc(t->elem_at, n * sizeof *at);
		if (at == NULL) {
			t->failed = 1;
			return NULL;
		}
		memset(at + t->nelem_at, 0, (n - t->nelem_at) * sizeof *at);
		t->elem_at = at;
		t->nelem_at = n;
	}
	if (t->nelems == t->capelems) {
		size_t cap = t->capelems ? 2 * t->capelems : 256;
		struct pdf_elem *m = realloc(t->elems, cap * sizeof *m);
		if (m == NULL) {
			t->failed = 1;
			return NULL;
		}
		t->elems = m;
		t->capelems = cap;
	}
	t->elems[t->nelems] = *e;
	t->elem_at[serial] = (uint32_t)++t->nelems;
	return &t->elems[t->nelems - 1];
}

/* The element a node's content goes in: its own, or its nearest
 * ancestor's that has one, made (with its ancestors) when first met, so
 * elements come in the order their content is read. */
static struct pdf_elem *pdf_elem_of(struct pdf_tags *t,
                                    const struct pt_node *n)
{
	while (n != NULL && (n->type == PT_DOCUMENT || pdf_role(n) == NULL))
		n = n->parent;
	if (n == NULL)
		return &t->doc;
	struct pdf_elem *e = pdf_elem_find(t, n);
	if (e != NULL)
		return e;
	struct pdf_elem *parent = pdf_elem_of(t, n->parent);
	if (t->failed || parent == NULL)
		return NULL;
	uint32_t el = pdf_elem_child(t, parent, pdf_role(n));
	if (el == PDF_NONE)
		return NULL;
	if (pdf_tags_attrs(t, el, n, NULL) != 0)
		return NULL;
	uint32_t content = el;
	if (n->type == PT_ITEM)
		content = pdf_elem_new(t, el, "LBody");
	if (content == PDF_NONE)
		return NULL;
	struct pdf_elem made = {n, el, content, content, 0};
	return pdf_elem_put(t, &made);
}

struct pdf_tags *pdf_tags_new(HPDF_Doc pdf, const char *lang, size_t npages)
{
	struct pdf_tags *t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->pdf = pdf;
	t->lang = lang;
	t->npages = npages;
	t->link = PDF_NONE;
	t->root = HPDF_Dict_New(pdf->mmgr);
	t->pages = calloc(npages ? npages : 1, sizeof *t->pages);
	t->page_first = calloc(npages + 1, sizeof *t->page_first);
	if (t->root == NULL || t->pages == NULL || t->page_first == NULL ||
	    npages >= PDF_NONE ||
	    HPDF_Xref_Add(pdf->xref, t->root) != HPDF_OK) {
		pdf_tags_free(t);
		return NULL;
	}
	uint32_t doc = pdf_elem_new(t, PDF_NONE, "Document");
	if (doc == PDF_NONE) {
		pdf_tags_free(t);
		return NULL;
	}
	t->doc = (struct pdf_elem){NULL, doc, doc, doc, 0};
	return t;
}

void pdf_tags_free(struct pdf_tags *t)
{
	if (t == NULL)
		return;
	/* the root is in the document: libharu's */
	free(t->se);
	free(t->kids);
	free(t->attrs.p);
	free(t->slot);
	free(t->pages);
	free(t->annots);
	free(t->holders);
	free(t->page_first);
	free(t->elems);
	free(t->elem_at);
	free(t);
}

static void pdf_tags_write(struct pdf_tags *t, const char *s)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)t->page->attr;
	pdf_fail(t, HPDF_Stream_WriteStr(attr->stream, s));
}

int pdf_tags_page(struct pdf_tags *t, HPDF_Page page, size_t index)
{
	t->page = page;
	t->page_index = (uint32_t)index;
	t->pages[index] = page;
	t->page_first[index] = t->nholders;
	t->mcid = 0;
	t->open = 0;
	t->link_href = NULL;
	pdf_fail(t, HPDF_Dict_AddNumber(page, "StructParents",
	                                (HPDF_INT32)index));
	/* fields and links in the order of the structure */
	pdf_fail(t, HPDF_Dict_AddName(page, "Tabs", "S"));
	return t->failed ? -1 : 0;
}

static int pdf_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

void pdf_tags_ahead(const struct box *far, const struct box *near)
{
	if (far->tag != NULL)
		__builtin_prefetch(far->tag);
	if (near->tag != NULL && near->tag->parent != NULL)
		__builtin_prefetch(near->tag->parent);
}

int pdf_tags_differs(const struct pdf_tags *t, const struct box *b)
{
	if (b->kind == BOX_LINK || b->kind == BOX_FIELD)
		return 0;
	if (b->kind != BOX_TEXT || b->tag == NULL)
		return t->open != 1 || b->furniture != t->furniture;
	return t->open != 2 || b->tag != t->tag ||
	       !pdf_same(box_lang(b), t->lang_now) ||
	       !pdf_same(box_href(b), t->href_now);
}

/* Adds marked content (mcid on the page) to e; returns the element it
 * is in (e's, or a grouping element's), PDF_NONE on failure. */
static uint32_t pdf_elem_mcid(struct pdf_tags *t, struct pdf_elem *e,
                              int mcid)
{
	uint32_t k = pdf_slot(t, e);
	if (k == PDF_NONE)
		return PDF_NONE;
	if (t->se[k].pg == PDF_NONE)
		t->se[k].pg = t->page_index;
	if (pdf_kid_add(t, k, PDF_KID_MCID, (uint32_t)mcid, t->page_index))
		return PDF_NONE;
	return k;
}

int pdf_tags_mark(struct pdf_tags *t, const struct box *b)
{
	if (t->open)
		pdf_tags_write(t, "EMC\n");
	t->open = 0;
	if (b->kind != BOX_TEXT || b->tag == NULL) {
		/* running heads and feet say they are pagination */
		pdf_tags_write(t, b->furniture == 1
		    ? "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n"
		    : b->furniture == 2
		    ? "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
		    : "/Artifact BMC\n");
		t->open = 1;
		t->furniture = b->furniture;
		return t->failed ? -1 : 0;
	}
	struct pdf_elem *e = pdf_elem_of(t, b->tag);
	if (e == NULL)
		return -1;
	/* the element itself, or, for words in another language or a
	 * link's words, an element of their own inside it */
	struct pdf_elem *target = e, own;
	const char *lang = box_lang(b), *href = box_href(b);
	int other_lang = lang != NULL &&
	                 (t->lang == NULL || strcmp(lang, t->lang));
	if (href != NULL || other_lang) {
		uint32_t d = pdf_elem_child(t, e, href ? "Link" : "Span");
		if (d == PDF_NONE)
			return -1;
		if (other_lang && pdf_tags_attrs(t, d, NULL, lang) != 0)
			return -1;
		if (href != NULL) {
			t->link = d;
			t->link_href = href;
		}
		own = (struct pdf_elem){NULL, d, d, d, 0};
		target = &own;
	}
	int mcid = t->mcid++;
	uint32_t holder = pdf_elem_mcid(t, target, mcid);
	if (holder == PDF_NONE ||
	    pdf_tags_room(t, (void **)&t->holders, &t->capholders,
	                  t->nholders, sizeof *t->holders) != 0)
		return -1;
	t->holders[t->nholders++] = holder;
	/* a type is a static name of a few letters (struct pdf_se) */
	char op[96];
	size_t tl = strlen(t->se[target->elem].s);
	if (tl > 48)
		return -1;
	op[0] = '/';
	memcpy(op + 1, t->se[target->elem].s, tl);
	memcpy(op + 1 + tl, " <</MCID ", 9);
	size_t n = 10 + tl + pdf_put_uint(op + 10 + tl, (uint64_t)mcid);
	memcpy(op + n, ">> BDC\n", 8);
	pdf_tags_write(t, op);
	if (href == NULL)
		t->link_href = NULL;
	t->open = 2;
	t->tag = b->tag;
	t->lang_now = lang;
	t->href_now = href;
	return t->failed ? -1 : 0;
}

int pdf_tags_page_end(struct pdf_tags *t)
{
	if (t->open)
		pdf_tags_write(t, "EMC\n");
	t->open = 0;
	t->page_first[t->page_index + 1] = t->nholders;
	return t->failed ? -1 : 0;
}

int pdf_tags_finish(struct pdf_tags *t)
{
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
	if (mark == NULL)
		return -1;
	pdf_fail(t, HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE));
	pdf_fail(t, HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark));
	pdf_fail(t, HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", t->root));
	/* every box is marked: what found a node's element goes (a long
	 * document's was more than half of what its structure tree held
	 * while the file was written) */
	free(t->elems);
	free(t->elem_at);
	t->elems = NULL;
	t->elem_at = NULL;
	t->nelems = t->capelems = t->nelem_at = 0;
	return t->failed ? -1 : 0;
}

int pdf_tags_annot(struct pdf_tags *t, HPDF_Dict annot, const struct box *b)
{
	struct pdf_elem *e = pdf_elem_of(t, b->tag);
	if (e == NULL)
		return -1;
	uint32_t owner;
	if (b->kind == BOX_LINK && t->link_href != NULL &&
	    b->len == strlen(t->link_href) &&
	    strncmp(b->text, t->link_href, b->len) == 0)
		owner = t->link;
	else
		owner = pdf_elem_child(t, e, b->kind == BOX_FIELD ? "Form"
		                                                  : "Link");
	if (owner == PDF_NONE || t->npages + t->nannots >= INT32_MAX ||
	    pdf_tags_room(t, (void **)&t->annots, &t->capannots, t->nannots,
	                  sizeof *t->annots) != 0)
		return -1;
	uint32_t i = (uint32_t)t->nannots++;
	t->annots[i] = (struct pdf_annot){annot, owner};
	if (pdf_kid_add(t, owner, PDF_KID_OBJR, i, t->page_index) != 0)
		return -1;
	pdf_fail(t, HPDF_Dict_AddNumber(annot, "StructParent",
	                                (HPDF_INT32)(t->npages + i)));
	return t->failed ? -1 : 0;
}

/* ---- identification: PDF/UA-1 and PDF/A-3a, XMP metadata ------------ */

static void pdf_xml_text(FILE *f, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				fputc(*s, f);
		}
}

/* The ICC profile at path: its bytes (malloc'd, *len of them), or NULL
 * when it cannot be read whole or is not a profile; one of PDF_ICC_MAX
 * bytes or more is not taken. */
#define PDF_ICC_MAX 65536u
static unsigned char *pdf_icc_read(const char *path, size_t *len)
{
	FILE *f = path ? fopen(path, "rb") : NULL;
	if (f == NULL)
		return NULL;
	/* from the heap: 64 KB on the stack were 16 page faults, a
	 * fiftieth of building the form */
	unsigned char *buf = malloc(PDF_ICC_MAX);
	size_t n = buf != NULL ? fread(buf, 1, PDF_ICC_MAX, f) : 0;
	int whole = buf != NULL && feof(f) && !ferror(f);
	fclose(f);
	if (!whole || n < 128) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static const unsigned char *pdf_cache_icc(struct pdf_cache *c,
                                          const char *path, size_t *len);

/* The ICC profile at path as a stream (an sRGB output intent), read
 * once a run when there is a cache (c may be NULL). */
static HPDF_Dict pdf_icc(HPDF_Doc pdf, const char *path, struct pdf_cache *c)
{
	size_t n = 0;
	unsigned char *own = NULL;
	const unsigned char *buf = c != NULL ? pdf_cache_icc(c, path, &n)
	                                     : (own = pdf_icc_read(path, &n));
	HPDF_Dict s = NULL;
	if (buf != NULL)
		s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (s != NULL) {
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		if (HPDF_Dict_AddNumber(s, "N", 3) != HPDF_OK ||
		    HPDF_Stream_Write(s->stream, buf, (HPDF_UINT)n) != HPDF_OK)
			s = NULL;
	}
	free(own);
	return s;
}

int pdf_identify(HPDF_Doc pdf, const struct pdf_identity *id,
                 struct pdf_cache *cache)
{
	HPDF_MMgr mmgr = pdf->mmgr;
	HPDF_STATUS rc = HPDF_OK;
	/* PDF/A-3 is PDF 1.7 */
	pdf->pdf_version = HPDF_VER_17;
	/* an output intent, when the profile is there: without one no
	 * PDF/A is claimed */
	HPDF_Dict icc = pdf_icc(pdf, id->icc_path, cache);
	if (icc != NULL) {
		HPDF_Dict oi = HPDF_Dict_New(mmgr);
		HPDF_Array ois = HPDF_Array_New(mmgr);
		if (oi == NULL || ois == NULL)
			return -1;
		rc |= HPDF_Dict_AddName(oi, "Type", "OutputIntent");
		rc |= HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
		rc |= HPDF_Dict_Add(oi, "OutputConditionIdentifier",
		                    HPDF_String_New(mmgr, "sRGB IEC61966-2.1",
		                                    NULL));
		rc |= HPDF_Dict_Add(oi, "Info", HPDF_String_New(
		                                    mmgr, "sRGB IEC61966-2.1",
		                                    NULL));
		rc |= HPDF_Dict_Add(oi, "DestOutputProfile", icc);
		rc |= HPDF_Array_Add(ois, oi);
		rc |= HPDF_Dict_Add(pdf->catalog, "OutputIntents", ois);
	}
	/* the file's identifier: from what it is made of, never the clock,
	 * so one source makes one file */
	HPDF_Array ida = HPDF_Array_New(mmgr);
	if (ida == NULL)
		return -1;
	rc |= HPDF_Array_Add(ida, HPDF_Binary_New(mmgr, (HPDF_BYTE *)id->digest,
	                                         16));
	rc |= HPDF_Array_Add(ida, HPDF_Binary_New(mmgr, (HPDF_BYTE *)id->digest,
	                                         16));
	rc |= HPDF_Dict_Add(pdf->trailer, "ID", ida);

	char *xmp = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&xmp, &len);
	if (f == NULL)
		return -1;
	const char *producer = HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER);
	fputs("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	      "<rdf:Description rdf:about=\"\"\n"
	      "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	      "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	      "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	      "  xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	      "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	      "<dc:format>application/pdf</dc:format>\n"
	      "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", f);
	pdf_xml_text(f, id->title);
	fputs("</rdf:li></rdf:Alt></dc:title>\n", f);
	if (id->subject != NULL) {
		fputs("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">",
		      f);
		pdf_xml_text(f, id->subject);
		fputs("</rdf:li></rdf:Alt></dc:description>\n", f);
	}
	if (id->lang != NULL) {
		fputs("<dc:language><rdf:Bag><rdf:li>", f);
		pdf_xml_text(f, id->lang);
		fputs("</rdf:li></rdf:Bag></dc:language>\n", f);
	}
	fputs("<pdf:Producer>", f);
	pdf_xml_text(f, producer);
	fputs("</pdf:Producer>\n<xmp:CreatorTool>mishto</xmp:CreatorTool>\n", f);
	if (id->created[0]) {
		fprintf(f, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		        "<xmp:ModifyDate>%s</xmp:ModifyDate>\n", id->created,
		        id->created);
	}
	if (icc != NULL)
		fputs("<pdfaid:part>3</pdfaid:part>\n"
		      "<pdfaid:conformance>A</pdfaid:conformance>\n", f);
	fputs("<pdfuaid:part>1</pdfuaid:part>\n"
	      "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	      "<?xpacket end=\"w\"?>", f);
	if (fclose(f) != 0) {
		free(xmp);
		return -1;
	}
	/* readable as it is, as PDF/A asks of metadata */
	HPDF_Dict meta = HPDF_DictStream_New(mmgr, pdf->xref);
	if (meta == NULL) {
		free(xmp);
		return -1;
	}
	meta->filter = HPDF_STREAM_FILTER_NONE;
	rc |= HPDF_Dict_AddName(meta, "Type", "Metadata");
	rc |= HPDF_Dict_AddName(meta, "Subtype", "XML");
	rc |= HPDF_Stream_Write(meta->stream, (HPDF_BYTE *)xmp, (HPDF_UINT)len);
	free(xmp);
	rc |= HPDF_Dict_Add(pdf->catalog, "Metadata", meta);
	return rc == HPDF_OK ? 0 : -1;
}

/* ---- text shown without being measured ----
 *
 * HPDF_Page_ShowText measures every string it shows (a glyph lookup per
 * character, in libharu's tables) only to move its idea of the current
 * point, which mishto never reads: each run is placed by its own text
 * matrix. This writes what it writes without measuring: it was a
 * fifteenth of the time of writing a signed pledge. Like ShowText it
 * needs a text object and a font, and writes nothing for an empty
 * string.
 *
 * The CIDs go in a literal string, "(...) Tj", not a hexadecimal one as
 * libharu writes them: two bytes a character, not four. A signed
 * pledge's pages are mostly text, and compressing them mostly what
 * writing them costs: the 112 PDFs of the form and 111 pledges were 3.8%
 * smaller and took 3.3% fewer instructions. */

/* One byte of a literal string: the three bytes its syntax gives a
 * meaning and both ends of a line escaped (a reader turns a bare
 * carriage return in a string into a line feed), every other as it is.
 * Returns the bytes written (at most 2). */
static size_t pdf_literal_byte(unsigned char *o, unsigned char c)
{
	switch (c) {
	case '(':
	case ')':
	case '\\':
		o[0] = '\\';
		o[1] = c;
		return 2;
	case '\r':
		o[0] = '\\';
		o[1] = 'r';
		return 2;
	case '\n':
		o[0] = '\\';
		o[1] = 'n';
		return 2;
	default:
		o[0] = c;
		return 1;
	}
}

/* Whether the page is in one of modes (HPDF_GMODE_ flags), as libharu's
 * operators check (HPDF_Page_CheckState); if not, its error is raised. */
static int pdf_in_mode(HPDF_Page page, HPDF_UINT16 modes)
{
	if (((HPDF_PageAttr)page->attr)->gmode & modes)
		return 1;
	HPDF_RaiseError(page->error, HPDF_PAGE_INVALID_GMODE, 0);
	return 0;
}

/* In a text object, as libharu's text operators require. */
static int pdf_in_text(HPDF_Page page)
{
	return pdf_in_mode(page, HPDF_GMODE_TEXT_OBJECT);
}

int pdf_show(HPDF_Page page, const struct pdf_cids *ids, const char *text,
             size_t len)
{
	HPDF_PageAttr attr = page->attr;
	if (!pdf_in_text(page))
		return -1;
	if (attr->gstate->font == NULL) {
		HPDF_RaiseError(page->error, HPDF_PAGE_FONT_NOT_FOUND, 0);
		return -1;
	}
	if (len == 0)
		return 0;
	/* a character's CID is two bytes, four escaped; most runs are a
	 * few words */
	unsigned char own[512];
	if (len > (SIZE_MAX - 8) / 4) {
		HPDF_RaiseError(page->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return -1;
	}
	size_t need = len * 4 + 8;
	unsigned char *lit = need <= sizeof own ? own : malloc(need);
	if (lit == NULL) {
		HPDF_RaiseError(page->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return -1;
	}
	const unsigned char *s = (const unsigned char *)text;
	size_t o = 0;
	lit[o++] = '(';
	for (size_t i = 0; i < len;) {
		uint16_t cid = pdf_cid_of(ids, pdf_next_cp(s, len, &i));
		o += pdf_literal_byte(lit + o, (unsigned char)(cid >> 8));
		o += pdf_literal_byte(lit + o, (unsigned char)(cid & 0xFF));
	}
	memcpy(lit + o, ") Tj\012", 5);
	o += 5;
	HPDF_STATUS rc = HPDF_Stream_Write(attr->stream, lit, (HPDF_UINT)o);
	if (lit != own)
		free(lit);
	return rc == HPDF_OK ? 0 : -1;
}

/* libharu's number formatting (hpdf_utils.h, exported): the same
 * function its operators write numbers with, so the bytes are the same. */
char *HPDF_FToA(char *s, HPDF_REAL val, char *eptr);

void pdf_reals_init(struct pdf_reals *r)
{
	memset(r->bits, 0xFF, sizeof r->bits);
}

/* v as HPDF_FToA writes it, at p; the end of what was written. p has
 * room for PDF_REAL_TEXT bytes. */
static char *pdf_real(struct pdf_reals *r, char *p, HPDF_REAL v)
{
	uint32_t bits;
	memcpy(&bits, &v, sizeof bits);
	size_t k = (size_t)((bits * 2654435761u) >> 23) % PDF_REALS;
	if (r->bits[k] == bits && bits != UINT32_MAX) {
		memcpy(p, r->text[k], r->len[k]);
		return p + r->len[k];
	}
	char *end = HPDF_FToA(p, v, p + PDF_REAL_TEXT - 1);
	size_t len = (size_t)(end - p);
	if (len <= PDF_REAL_TEXT) {
		r->bits[k] = bits;
		r->len[k] = (unsigned char)len;
		memcpy(r->text[k], p, len);
	}
	return end;
}

/* Writes to the page's content; on failure raises the stream's error
 * (as libharu's operators do, HPDF_CheckError), so that the document's
 * error handler hears of it. */
static int pdf_page_write(HPDF_Page page, const char *buf, const char *end)
{
	HPDF_PageAttr attr = page->attr;
	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)buf,
	                      (HPDF_UINT)(end - buf)) == HPDF_OK)
		return 0;
	HPDF_Error e = page->error;
	HPDF_RaiseError(e, e->error_no ? e->error_no : HPDF_FAILD_TO_ALLOC_MEM,
	                e->detail_no);
	return -1;
}

/* Writes a path begun at (x, y) and painted (buf to end), and leaves the
 * page as libharu's painting operators leave it. */
static int pdf_paint(HPDF_Page page, const char *buf, const char *end,
                     HPDF_REAL x, HPDF_REAL y)
{
	if (pdf_page_write(page, buf, end) != 0)
		return -1;
	HPDF_PageAttr attr = page->attr;
	attr->str_pos.x = x;
	attr->str_pos.y = y;
	attr->cur_pos.x = 0;
	attr->cur_pos.y = 0;
	return 0;
}

int pdf_line(HPDF_Page page, struct pdf_reals *r, HPDF_REAL x0,
             HPDF_REAL y0, HPDF_REAL x1, HPDF_REAL y1)
{
	/* where a path may begin (MoveTo's and Rectangle's check) */
	if (!pdf_in_mode(page, HPDF_GMODE_PAGE_DESCRIPTION))
		return -1;
	char buf[4 * PDF_REAL_TEXT + 16];
	char *p = pdf_real(r, buf, x0);
	*p++ = ' ';
	p = pdf_real(r, p, y0);
	memcpy(p, " m\012", 3);
	p = pdf_real(r, p + 3, x1);
	*p++ = ' ';
	p = pdf_real(r, p, y1);
	memcpy(p, " l\012S\012", 5);
	return pdf_paint(page, buf, p + 5, x0, y0);
}

int pdf_rect(HPDF_Page page, struct pdf_reals *r, HPDF_REAL x, HPDF_REAL y,
             HPDF_REAL w, HPDF_REAL h, int fill, int stroke)
{
	/* where a path may begin (MoveTo's and Rectangle's check) */
	if (!pdf_in_mode(page, HPDF_GMODE_PAGE_DESCRIPTION))
		return -1;
	char buf[4 * PDF_REAL_TEXT + 16];
	char *p = pdf_real(r, buf, x);
	*p++ = ' ';
	p = pdf_real(r, p, y);
	*p++ = ' ';
	p = pdf_real(r, p, w);
	*p++ = ' ';
	p = pdf_real(r, p, h);
	memcpy(p, " re\012", 4);
	p += 4;
	*p++ = fill && stroke ? 'B' : fill ? 'f' : 'S';
	*p++ = '\012';
	return pdf_paint(page, buf, p, x, y);
}

int pdf_rgb(HPDF_Page page, struct pdf_reals *r, int stroke, uint32_t c)
{
	HPDF_PageAttr attr = page->attr;
	if (!pdf_in_mode(page, HPDF_GMODE_PAGE_DESCRIPTION |
	                           HPDF_GMODE_TEXT_OBJECT))
		return -1;
	HPDF_RGBColor rgb = {((c >> 16) & 0xFF) / 255.0f,
	                     ((c >> 8) & 0xFF) / 255.0f, (c & 0xFF) / 255.0f};
	char buf[3 * PDF_REAL_TEXT + 8];
	char *p = pdf_real(r, buf, rgb.r);
	*p++ = ' ';
	p = pdf_real(r, p, rgb.g);
	*p++ = ' ';
	p = pdf_real(r, p, rgb.b);
	memcpy(p, stroke ? " RG\012" : " rg\012", 4);
	if (pdf_page_write(page, buf, p + 4) != 0)
		return -1;
	if (stroke) {
		attr->gstate->rgb_stroke = rgb;
		attr->gstate->cs_stroke = HPDF_CS_DEVICE_RGB;
	} else {
		attr->gstate->rgb_fill = rgb;
		attr->gstate->cs_fill = HPDF_CS_DEVICE_RGB;
	}
	return 0;
}

int pdf_text_at(HPDF_Page page, struct pdf_reals *r, HPDF_REAL x,
                HPDF_REAL y)
{
	HPDF_PageAttr attr = page->attr;
	if (!pdf_in_text(page))
		return -1;
	char buf[2 * PDF_REAL_TEXT + 16] = "1 0 0 1 ";
	char *p = pdf_real(r, buf + 8, x);
	*p++ = ' ';
	p = pdf_real(r, p, y);
	memcpy(p, " Tm\012", 4);
	p += 4;
	if (pdf_page_write(page, buf, p) != 0)
		return -1;
	/* what HPDF_Page_SetTextMatrix keeps of it */
	attr->text_matrix.a = 1;
	attr->text_matrix.b = 0;
	attr->text_matrix.c = 0;
	attr->text_matrix.d = 1;
	attr->text_matrix.x = x;
	attr->text_matrix.y = y;
	attr->text_pos.x = x;
	attr->text_pos.y = y;
	return 0;
}

/* ---- writing the file, its objects packed ----
 *
 * libharu writes every object as text in the file's body, and a tagged
 * document is mostly small dictionaries (its structure tree). Here each
 * object is written by libharu's own code (HPDF_Obj_WriteValue, which
 * runs the objects' before- and after-write functions as its save does),
 * in the order its save writes them, but every object that is not a
 * stream goes into a compressed object stream and the table of objects
 * is a compressed cross-reference stream (PDF 1.5, 7.5.7 and 7.5.8;
 * PDF/A-2 and -3 allow both). A stream's /Length is an object of its
 * own, numbered after the stream, so it is known by the time it is
 * packed. This did in one pass what libqpdf did by reading the whole file
 * back: a third of the instructions of making the pledge form. */

#define PDF_OBJSTM_OBJECTS 100   /* objects a stream, as qpdf packs them */

/* Room for n more bytes at o->p + o->n. */
static int pdf_out_room(struct pdf_out *o, size_t n)
{
	if (o->oom)
		return -1;
	if (n <= o->cap - o->n)
		return 0;
	size_t cap = o->cap ? o->cap : 4096;
	while (n > cap - o->n) {
		if (cap > SIZE_MAX / 2) {
			o->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	unsigned char *q = realloc(o->p, cap);
	if (q == NULL) {
		o->oom = 1;
		return -1;
	}
	o->p = q;
	o->cap = cap;
	return 0;
}

/* A scratch buffer grown past this (by a long document's attached
 * source) is let go once used, not held to the end of the file. */
#define PDF_SCRATCH_KEEP ((size_t)1 << 20)

static void pdf_out_trim(struct pdf_out *o)
{
	if (o->cap > PDF_SCRATCH_KEEP) {
		free(o->p);
		o->p = NULL;
		o->n = o->cap = 0;
	}
}

static int pdf_out_put(struct pdf_out *o, const void *p, size_t n)
{
	if (pdf_out_room(o, n) != 0)
		return -1;
	if (n > 0)
		memcpy(o->p + o->n, p, n);
	o->n += n;
	return 0;
}

/* Words with nothing to format in them, their length counted by the
 * compiler (printf took 500 instructions for each, and a table's cells
 * have several). */
#define pdf_out_lit(o, s) pdf_out_put((o), (s), sizeof(s) - 1)

static int pdf_out_printf(struct pdf_out *o, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf) {
		o->oom = 1;
		return -1;
	}
	return pdf_out_put(o, buf, (size_t)n);
}

static HPDF_STATUS pdf_out_write(HPDF_Stream st, const HPDF_BYTE *p,
                                 HPDF_UINT n)
{
	return pdf_out_put(st->attr, p, n) == 0 ? HPDF_OK
	                                        : HPDF_FAILD_TO_ALLOC_MEM;
}

/* Which compression: a page's content (and any other stream of one
 * document), the packed objects and cross-reference stream, or what the
 * documents of a run share (fonts, the colour profile). */
enum pdf_squeeze {
	PDF_SQUEEZE_PAGE, PDF_SQUEEZE_OBJECTS, PDF_SQUEEZE_SHARED,
	PDF_SQUEEZE_KINDS
};
static const int pdf_squeeze_level[PDF_SQUEEZE_KINDS] = {1, 1, 6};

struct pdf_writer;
static struct libdeflate_compressor *pdf_compressor(struct pdf_writer *w,
                                                    enum pdf_squeeze k);

/* Compresses in (n bytes) onto o, as a zlib stream (/FlateDecode). */
static int pdf_deflate(struct pdf_writer *w, struct pdf_out *o,
                       const unsigned char *in, size_t n,
                       enum pdf_squeeze k)
{
	struct libdeflate_compressor *c = pdf_compressor(w, k);
	if (c == NULL) {
		o->oom = 1;
		return -1;
	}
	size_t bound = libdeflate_zlib_compress_bound(c, n);
	if (pdf_out_room(o, bound) != 0)
		return -1;
	size_t got = libdeflate_zlib_compress(c, in ? in : (const void *)"", n,
	                                      o->p + o->n, bound);
	if (got == 0) {
		o->oom = 1;
		return -1;
	}
	o->n += got;
	return 0;
}

/* Where each object is: in the file (at an offset) or in an object
 * stream (which, and its place there). */
struct pdf_where {
	uint32_t at;          /* offset in the file, or object stream */
	uint16_t index;       /* place in its object stream */
	unsigned char packed;
};

struct pdf_writer {
	HPDF_Doc pdf;
	struct pdf_cache *cache;
	struct pdf_out file, body, streams;
	struct pdf_out raw, zbuf;   /* a stream's bytes, then compressed */
	/* compressors: the cache's, or the writer's own without one */
	struct libdeflate_compressor *zc[PDF_SQUEEZE_KINDS];
	int own_zc;
	HPDF_Stream file_st, body_st;
	struct pdf_where *where;
	size_t nwhere;
	/* the object stream being filled, and those done: each its
	 * compressed bytes in streams, from its offset */
	size_t in_stream;
	struct pdf_objstm {
		size_t from, len, n, first;
	} *objstm;
	size_t nobjstm, capobjstm;
	char head[PDF_OBJSTM_OBJECTS * 24];
	size_t headn;
};

static int pdf_objstm_close(struct pdf_writer *w)
{
	if (w->in_stream == 0)
		return 0;
	if (w->nobjstm == w->capobjstm) {
		size_t cap = w->capobjstm ? w->capobjstm * 2 : 16;
		struct pdf_objstm *s = realloc(w->objstm, cap * sizeof *s);
		if (s == NULL)
			return -1;
		w->objstm = s;
		w->capobjstm = cap;
	}
	struct pdf_objstm *s = &w->objstm[w->nobjstm++];
	s->from = w->streams.n;
	s->n = w->in_stream;
	s->first = w->headn;
	w->raw.n = 0;
	pdf_out_put(&w->raw, w->head, w->headn);
	pdf_out_put(&w->raw, w->body.p, w->body.n);
	if (w->raw.oom || pdf_deflate(w, &w->streams, w->raw.p, w->raw.n,
	                              PDF_SQUEEZE_OBJECTS) != 0)
		return -1;
	s->len = w->streams.n - s->from;
	w->in_stream = 0;
	w->headn = 0;
	w->body.n = 0;
	return 0;
}

/* Object i begins in the object stream being filled: its value goes
 * into w->body, then pdf_pack_end. */
static int pdf_pack_begin(struct pdf_writer *w, size_t i)
{
	if (sizeof w->head - w->headn < 42)
		return -1;
	char *p = w->head + w->headn;
	size_t n = pdf_put_uint(p, i);
	p[n++] = ' ';
	n += pdf_put_uint(p + n, w->body.n);
	p[n++] = ' ';
	w->headn += n;
	w->where[i].packed = 1;
	w->where[i].at = (uint32_t)w->nobjstm;
	w->where[i].index = (uint16_t)w->in_stream;
	return 0;
}

static int pdf_pack_end(struct pdf_writer *w)
{
	if (pdf_out_lit(&w->body, "\n") != 0)
		return -1;
	if (++w->in_stream == PDF_OBJSTM_OBJECTS)
		return pdf_objstm_close(w);
	return 0;
}

/* Object i, libharu's obj, into the object stream being filled. */
static int pdf_pack_object(struct pdf_writer *w, size_t i, void *obj)
{
	if (pdf_pack_begin(w, i) != 0 ||
	    HPDF_Obj_WriteValue(obj, w->body_st, NULL) != HPDF_OK)
		return -1;
	return pdf_pack_end(w);
}

/* ---- the structure tree's records, written (see pdf_tags) ---- */

/* The number v, then tail (a few bytes): a structure tree is mostly
 * numbers and references, which printf made a tenth of a pledge's
 * instructions. */
static void pdf_out_uint(struct pdf_out *o, size_t v, const char *tail)
{
	char buf[20];
	pdf_out_put(o, buf, pdf_put_uint(buf, v));
	pdf_out_put(o, tail, strlen(tail));
}

static uint32_t pdf_obj_id(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* A PDF text string, as pdf_text_string makes it. */
static void pdf_out_text(struct pdf_out *o, const char *utf8)
{
	if (pdf_is_ascii(utf8)) {
		pdf_out_lit(o, "(");
		for (const char *p = utf8; *p; p++) {
			if (*p == '(' || *p == ')' || *p == '\\')
				pdf_out_lit(o, "\\");
			pdf_out_put(o, p, 1);
		}
		pdf_out_lit(o, ")");
		return;
	}
	size_t n;
	unsigned char *u = pdf_utf16(utf8, &n);
	if (u == NULL || pdf_out_room(o, 2 * n + 2) != 0) {
		free(u);
		o->oom = 1;
		return;
	}
	static const char hex[] = "0123456789ABCDEF";
	o->p[o->n++] = '<';
	for (size_t i = 0; i < n; i++) {
		o->p[o->n++] = (unsigned char)hex[u[i] >> 4];
		o->p[o->n++] = (unsigned char)hex[u[i] & 15];
	}
	o->p[o->n++] = '>';
	free(u);
}

/* The attributes an element's node gives it: a table cell's scope and
 * spans, a figure's text alternative, a language. */
static void pdf_out_attrs(struct pdf_out *o, const struct pdf_tags *t,
                          const struct pt_node *n)
{
	if (n->type == PT_CELL) {
		pdf_out_lit(o, "/A <<\n/O /Table\n");
		if (n->scope == PS_ROW || n->scope == PS_ROWGROUP)
			pdf_out_lit(o, "/Scope /Row\n");
		else if (n->scope != PS_NONE)
			pdf_out_lit(o, "/Scope /Column\n");
		if (n->span > 1) {
			pdf_out_lit(o, "/ColSpan ");
			pdf_out_uint(o, n->span, "\n");
		}
		if (n->rowspan > 1) {
			pdf_out_lit(o, "/RowSpan ");
			pdf_out_uint(o, n->rowspan, "\n");
		}
		pdf_out_lit(o, ">>\n");
	}
	if (n->type == PT_CHART) {
		char *alt = pdf_chart_alt(n);
		if (alt == NULL) {
			o->oom = 1;
			return;
		}
		char cut[PDF_FIELD_TIP_MAX * 4 + 1];
		pdf_tip(cut, sizeof cut, alt);
		free(alt);
		pdf_out_lit(o, "/Alt ");
		pdf_out_text(o, cut);
		pdf_out_lit(o, "\n");
	}
	const char *lang = pt_more_of(n)->lang;
	if (lang != NULL && (t->lang == NULL || strcmp(lang, t->lang) != 0)) {
		pdf_out_lit(o, "/Lang ");
		pdf_out_text(o, lang);
		pdf_out_lit(o, "\n");
	}
}

/* Where bytes p (len) go in the attributes' table slot (nslot slots):
 * the slot of an element whose attributes are the same bytes, or the
 * first empty one. */
static size_t pdf_attrs_slot(const struct pdf_tags *t, const uint32_t *slot,
                             size_t nslot, const unsigned char *p,
                             size_t len)
{
	size_t i = pdf_fnv1a(p, len) % nslot;
	for (; slot[i] != 0; i = (i + 1) % nslot) {
		const struct pdf_se *x = &t->se[slot[i] - 1];
		if (x->attr_len == len &&
		    memcmp(t->attrs.p + x->attr_at, p, len) == 0)
			break;
	}
	return i;
}

/* Element e's attributes, node n's (NULL: none) or a language of its
 * own (lang, NULL: none), written into t->attrs, or found there when
 * another element has the same. */
static int pdf_tags_attrs(struct pdf_tags *t, uint32_t e,
                          const struct pt_node *n, const char *lang)
{
	struct pdf_out *o = &t->attrs;
	size_t at = o->n;
	if (n != NULL)
		pdf_out_attrs(o, t, n);
	if (lang != NULL) {
		pdf_out_lit(o, "/Lang ");
		pdf_out_text(o, lang);
		pdf_out_lit(o, "\n");
	}
	size_t len = o->n - at;
	if (o->oom || o->n > UINT32_MAX) {
		t->failed = 1;
		return -1;
	}
	if (len == 0)
		return 0;
	if (2 * (t->nused + 1) > t->nslot) {
		size_t nslot = t->nslot ? 2 * t->nslot : 64;
		uint32_t *slot = calloc(nslot, sizeof *slot);
		if (slot == NULL) {
			t->failed = 1;
			return -1;
		}
		for (size_t i = 0; i < t->nslot; i++) {
			if (t->slot[i] == 0)
				continue;
			const struct pdf_se *x = &t->se[t->slot[i] - 1];
			slot[pdf_attrs_slot(t, slot, nslot, o->p + x->attr_at,
			                    x->attr_len)] = t->slot[i];
		}
		free(t->slot);
		t->slot = slot;
		t->nslot = nslot;
	}
	struct pdf_se *se = &t->se[e];
	size_t i = pdf_attrs_slot(t, t->slot, t->nslot, o->p + at, len);
	if (t->slot[i] == 0) {
		t->slot[i] = e + 1;
		t->nused++;
		se->attr_at = (uint32_t)at;
		se->attr_len = (uint32_t)len;
		return 0;
	}
	const struct pdf_se *same = &t->se[t->slot[i] - 1];
	o->n = at;   /* kept once */
	se->attr_at = same->attr_at;
	se->attr_len = same->attr_len;
	return 0;
}

/* Text (a C string) into o. */
static void pdf_out_str(struct pdf_out *o, const char *s)
{
	pdf_out_put(o, s, strlen(s));
}

/* Element i, numbered base + i, into o. */
static void pdf_out_elem(struct pdf_out *o, const struct pdf_tags *t,
                         size_t base, uint32_t root, uint32_t i)
{
	const struct pdf_se *e = &t->se[i];
	pdf_out_str(o, "<<\n/Type /StructElem\n/S /");
	pdf_out_str(o, e->s);
	pdf_out_str(o, "\n/P ");
	pdf_out_uint(o, e->parent == PDF_NONE ? (size_t)root
	                                      : base + e->parent, " 0 R\n");
	if (e->pg != PDF_NONE) {
		pdf_out_str(o, "/Pg ");
		pdf_out_uint(o, pdf_obj_id(t->pages[e->pg]), " 0 R\n");
	}
	if (e->attr_len > 0)
		pdf_out_put(o, t->attrs.p + e->attr_at, e->attr_len);
	pdf_out_str(o, "/K [");
	for (uint32_t k = e->first; k != PDF_NONE; k = t->kids[k].next) {
		const struct pdf_kid *kid = &t->kids[k];
		if (kid->kind == PDF_KID_ELEM) {
			pdf_out_uint(o, base + kid->v, " 0 R ");
		} else if (kid->kind == PDF_KID_MCID && kid->page == e->pg) {
			pdf_out_uint(o, kid->v, " ");
		} else if (kid->kind == PDF_KID_MCID) {
			pdf_out_str(o, "<<\n/Type /MCR\n/Pg ");
			pdf_out_uint(o, pdf_obj_id(t->pages[kid->page]),
			             " 0 R\n/MCID ");
			pdf_out_uint(o, kid->v, "\n>> ");
		} else {
			pdf_out_str(o, "<<\n/Type /OBJR\n/Obj ");
			pdf_out_uint(o, pdf_obj_id(t->annots[kid->v].dict),
			             " 0 R\n/Pg ");
			pdf_out_uint(o, pdf_obj_id(t->pages[kid->page]),
			             " 0 R\n>> ");
		}
	}
	pdf_out_str(o, "]\n>>");
}

/* Leaf j of the parent tree (a number tree: the pages' keys 0 to
 * npages - 1, each the elements of its MCIDs, then the annotations'). */
static void pdf_out_leaf(struct pdf_out *o, const struct pdf_tags *t,
                         size_t base, size_t j)
{
	size_t keys = t->npages + t->nannots;
	size_t first = j * PDF_NUMS_LEAF;
	size_t last = first + PDF_NUMS_LEAF < keys ? first + PDF_NUMS_LEAF - 1
	                                           : keys - 1;
	pdf_out_str(o, "<<\n/Limits [");
	pdf_out_uint(o, first, " ");
	pdf_out_uint(o, last, "]\n/Nums [");
	for (size_t key = first; key <= last; key++) {
		if (key < t->npages) {
			pdf_out_uint(o, key, " [");
			for (size_t h = t->page_first[key];
			     h < t->page_first[key + 1]; h++)
				pdf_out_uint(o, base + t->holders[h], " 0 R ");
			pdf_out_str(o, "]\n");
		} else {
			pdf_out_uint(o, key, " ");
			pdf_out_uint(o, base + t->annots[key - t->npages].owner,
			             " 0 R\n");
		}
	}
	pdf_out_str(o, "]\n>>");
}

static size_t pdf_tags_leaves(const struct pdf_tags *t)
{
	size_t keys = t->npages + t->nannots;
	return (keys + PDF_NUMS_LEAF - 1) / PDF_NUMS_LEAF;
}

/* The tree's objects, numbered from base, then its root (object root,
 * libharu's placeholder). */
static int pdf_write_tags(struct pdf_writer *w, const struct pdf_tags *t,
                          size_t base, uint32_t root)
{
	size_t leaves = pdf_tags_leaves(t);
	for (size_t i = 0; i < t->nse; i++) {
		if (pdf_pack_begin(w, base + i) != 0)
			return -1;
		pdf_out_elem(&w->body, t, base, root, (uint32_t)i);
		if (w->body.oom || pdf_pack_end(w) != 0)
			return -1;
	}
	for (size_t j = 0; j < leaves; j++) {
		if (pdf_pack_begin(w, base + t->nse + j) != 0)
			return -1;
		pdf_out_leaf(&w->body, t, base, j);
		if (w->body.oom || pdf_pack_end(w) != 0)
			return -1;
	}
	if (pdf_pack_begin(w, root) != 0)
		return -1;
	pdf_out_printf(&w->body, "<<\n/Type /StructTreeRoot\n/K [%zu 0 R]\n"
	               "/ParentTree <<\n/Kids [", base + t->doc.elem);
	for (size_t j = 0; j < leaves; j++)
		pdf_out_printf(&w->body, "%zu 0 R ", base + t->nse + j);
	pdf_out_printf(&w->body, "]\n>>\n/ParentTreeNextKey %zu\n>>",
	               t->npages + t->nannots);
	return w->body.oom ? -1 : pdf_pack_end(w);
}

/* ---- streams compressed by the writer ----
 *
 * The writer compresses every stream libharu would, with libdeflate:
 * whole buffers, which is what the writer has, in about half zlib's time
 * for the same or smaller output (libharu used zlib's default level; on
 * the pledge form's pages libdeflate's level 6 gives 1% less than that
 * in 53% of the time, its level 5 1% more in 35%). Levels by kind
 * (pdf_squeeze_level): a document's own streams, its pages and packed
 * objects, at 1; what a run shares (font programs, the colour profile),
 * compressed once, at 6. Level 1 against 5 for pages and 4 for objects:
 * 400 signed pledges 5% larger (48.8 against 46.5 KB each) in 15 to 20%
 * less CPU for the whole batch, a third of which was compressing.
 * Compressors are made once a run (kept in the cache).
 *
 * A batch of signed pledges embeds the same font subsets (a council's
 * name rarely adds a letter the form lacks), the same colour profile and
 * the same pledge form: those (a stream with /Length1 or /N, or a file
 * the caller says is shared) are compressed once a run at the shared
 * level and kept, by their CRC-32, length and bytes, up to
 * PDF_CACHE_MAX bytes.
 * The file's bytes are the same with or without the cache. */

#define PDF_CACHE_MAX (16u << 20)

struct pdf_cached {
	uint32_t crc;
	unsigned char *raw, *data;
	size_t rawlen, len;
};

struct pdf_cache {
	struct pdf_cached *v;
	size_t n, cap, bytes;
	struct libdeflate_compressor *zc[PDF_SQUEEZE_KINDS];
	struct pdf_font_kept *fonts[PDF_FONTS_KEPT];
	size_t nfonts;
	/* a batch's documents draw at the same places */
	struct pdf_reals reals;
	/* the ICC profile, read for the run's first PDF (each pledge of a
	 * batch opened and read it again) */
	char *icc_path;
	unsigned char *icc;     /* NULL: it could not be read */
	size_t icc_len;
};

static const unsigned char *pdf_cache_icc(struct pdf_cache *c,
                                          const char *path, size_t *len)
{
	if (path == NULL)
		return NULL;
	if (c->icc_path == NULL || strcmp(c->icc_path, path) != 0) {
		char *p = strdup(path);
		if (p == NULL)
			return NULL;
		free(c->icc_path);
		free(c->icc);
		c->icc_path = p;
		c->icc_len = 0;
		c->icc = pdf_icc_read(path, &c->icc_len);
	}
	*len = c->icc_len;
	return c->icc;
}

static struct pdf_font_kept *pdf_fonts_find(struct pdf_cache *c,
                                            const struct font_face *face,
                                            const unsigned char *cps)
{
	for (size_t i = 0; c != NULL && i < c->nfonts; i++)
		if (c->fonts[i]->face == face &&
		    memcmp(c->fonts[i]->cps, cps, FONT_CP_SET_SIZE) == 0)
			return c->fonts[i];
	return NULL;
}

/* Keeps sub (the cache owns it then); NULL when the cache is full, out
 * of memory, or there is none (the caller keeps sub). */
static struct pdf_font_kept *pdf_fonts_keep(struct pdf_cache *c,
                                            const struct font_face *face,
                                            const unsigned char *cps,
                                            struct font_subset *sub)
{
	if (c == NULL || c->nfonts == PDF_FONTS_KEPT)
		return NULL;
	struct pdf_font_kept *k = calloc(1, sizeof *k);
	if (k == NULL)
		return NULL;
	k->face = face;
	memcpy(k->cps, cps, FONT_CP_SET_SIZE);
	k->sub = sub;
	c->fonts[c->nfonts++] = k;
	return k;
}

static struct libdeflate_compressor *pdf_new_compressor(enum pdf_squeeze k)
{
	return libdeflate_alloc_compressor(pdf_squeeze_level[k]);
}

static struct libdeflate_compressor *pdf_compressor(struct pdf_writer *w,
                                                    enum pdf_squeeze k)
{
	/* kinds compressed at one level share a compressor (200 KB to
	 * 670 KB each, most of it touched) */
	for (int j = 0; j < (int)k; j++)
		if (pdf_squeeze_level[j] == pdf_squeeze_level[k])
			k = (enum pdf_squeeze)j;
	if (w->zc[k] != NULL)
		return w->zc[k];
	if (w->cache != NULL) {
		if (w->cache->zc[k] == NULL)
			w->cache->zc[k] = pdf_new_compressor(k);
		w->zc[k] = w->cache->zc[k];
	} else {
		w->zc[k] = pdf_new_compressor(k);
		w->own_zc = 1;
	}
	return w->zc[k];
}

struct pdf_cache *pdf_cache_new(void)
{
	struct pdf_cache *c = calloc(1, sizeof(struct pdf_cache));
	if (c != NULL)
		pdf_reals_init(&c->reals);
	return c;
}

struct pdf_reals *pdf_cache_reals(struct pdf_cache *c)
{
	return c != NULL ? &c->reals : NULL;
}

void pdf_cache_free(struct pdf_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].raw);
		free(c->v[i].data);
	}
	for (int k = 0; k < PDF_SQUEEZE_KINDS; k++)
		libdeflate_free_compressor(c->zc[k]);
	for (size_t i = 0; i < c->nfonts; i++) {
		font_subset_free(c->fonts[i]->sub);
		free(c->fonts[i]);
	}
	free(c->v);
	free(c->icc_path);
	free(c->icc);
	free(c);
}

static const struct pdf_cached *pdf_cache_find(const struct pdf_cache *c,
                                               uint32_t crc,
                                               const unsigned char *raw,
                                               size_t rawlen)
{
	for (size_t i = 0; c != NULL && i < c->n; i++)
		if (c->v[i].crc == crc && c->v[i].rawlen == rawlen &&
		    memcmp(c->v[i].raw, raw, rawlen) == 0)
			return &c->v[i];
	return NULL;
}

/* Keeps a copy of both; a cache that is full or out of memory keeps
 * nothing, which costs only time. */
static void pdf_cache_put(struct pdf_cache *c, uint32_t crc,
                          const unsigned char *raw, size_t rawlen,
                          const unsigned char *data, size_t len)
{
	if (c == NULL || rawlen + len > PDF_CACHE_MAX - c->bytes)
		return;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct pdf_cached *v = realloc(c->v, cap * sizeof *v);
		if (v == NULL)
			return;
		c->v = v;
		c->cap = cap;
	}
	struct pdf_cached *e = &c->v[c->n];
	e->raw = malloc(rawlen ? rawlen : 1);
	e->data = malloc(len ? len : 1);
	if (e->raw == NULL || e->data == NULL) {
		free(e->raw);
		free(e->data);
		return;
	}
	memcpy(e->raw, raw, rawlen);
	memcpy(e->data, data, len);
	e->crc = crc;
	e->rawlen = rawlen;
	e->len = len;
	c->n++;
	c->bytes += rawlen + len;
}

static int pdf_has_key(HPDF_Dict d, const char *key)
{
	for (HPDF_UINT k = 0; k < d->list->count; k++)
		if (strcmp(((HPDF_DictElement)HPDF_List_ItemAt(d->list, k))->key,
		           key) == 0)
			return 1;
	return 0;
}

/* A compressed stream the writer can write itself: no function of
 * libharu's runs when it is written, no other filter, its data in
 * memory. */
static int pdf_own_flate(HPDF_Dict d)
{
	return d->filter == HPDF_STREAM_FILTER_FLATE_DECODE &&
	       d->filterParams == NULL && d->before_write_fn == NULL &&
	       d->write_fn == NULL && d->after_write_fn == NULL &&
	       d->stream->type == HPDF_STREAM_MEMORY;
}

static int pdf_write_flate_data(struct pdf_writer *w, size_t i, HPDF_Dict d,
                                const unsigned char *data, size_t len);

/* A memory stream's bytes, into raw. */
static int pdf_stream_bytes(struct pdf_out *raw, HPDF_Stream st)
{
	raw->n = 0;
	HPDF_UINT nbuf = HPDF_MemStream_GetBufCount(st);
	for (HPDF_UINT k = 0; k < nbuf; k++) {
		HPDF_UINT n = 0;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, k, &n);
		if (p == NULL || pdf_out_put(raw, p, n) != 0)
			return -1;
	}
	return 0;
}

/* Room for cap objects' places, the new ones zeroed. */
static int pdf_where_room(struct pdf_writer *w, size_t cap)
{
	struct pdf_where *p = realloc(w->where, cap * sizeof *p);
	if (p == NULL)
		return -1;
	memset(p + w->nwhere, 0, (cap - w->nwhere) * sizeof *p);
	w->where = p;
	w->nwhere = cap;
	return 0;
}

/* The file's first line; its version, the document's, is set again
 * when the file is finished (PDF_HEAD_VERSION: the digit's place). */
#define PDF_HEAD_VERSION 7
static int pdf_write_head(struct pdf_writer *w)
{
	if (w->file.n > 0)
		return 0;
	return pdf_out_lit(&w->file, "%PDF-1.7\n%\267\276\255\252\n");
}

/* Stream object i, d, of the bytes given, compressed here or found in
 * the cache (shared: what many documents of a run have), and written. */
static int pdf_write_flate_bytes(struct pdf_writer *w, size_t i,
                                 HPDF_Dict d, const unsigned char *bytes,
                                 size_t n, int shared)
{
	if (i == 0 || w->file.n > UINT32_MAX ||
	    (i >= w->nwhere && pdf_where_room(w, i + 1024) != 0) ||
	    pdf_write_head(w) != 0)
		return -1;
	w->where[i].at = (uint32_t)w->file.n;
	uint32_t crc = 0;
	const struct pdf_cached *hit = NULL;
	if (shared && w->cache != NULL) {
		crc = libdeflate_crc32(0, bytes, n);
		hit = pdf_cache_find(w->cache, crc, bytes, n);
	}
	struct pdf_out *z = &w->zbuf;
	z->n = 0;
	const unsigned char *data;
	size_t len;
	if (hit != NULL) {
		data = hit->data;
		len = hit->len;
	} else {
		if (pdf_deflate(w, z, bytes, n,
		                shared ? PDF_SQUEEZE_SHARED : PDF_SQUEEZE_PAGE) != 0)
			return -1;
		data = z->p;
		len = z->n;
		if (shared)
			pdf_cache_put(w->cache, crc, bytes, n, data, len);
	}
	int rc = pdf_write_flate_data(w, i, d, data, len);
	pdf_out_trim(z);
	return rc;
}

/* Stream object i, compressed here or found in the cache, and
 * written. */
static int pdf_write_flate(struct pdf_writer *w, size_t i, HPDF_Dict d)
{
	struct pdf_out *raw = &w->raw;
	if (pdf_stream_bytes(raw, d->stream) != 0)
		return -1;
	int shared = pdf_has_key(d, "Length1") || pdf_has_key(d, "N");
	int rc = pdf_write_flate_bytes(w, i, d, raw->p, raw->n, shared);
	pdf_out_trim(raw);
	return rc;
}

/* Stream object i, its compressed bytes data: its entries as libharu
 * writes them, then its filter; its /Length (an object of its own,
 * packed later) is set. */
static int pdf_write_flate_data(struct pdf_writer *w, size_t i, HPDF_Dict d,
                                const unsigned char *data, size_t len)
{
	HPDF_Number length = HPDF_Dict_GetItem(d, "Length", HPDF_OCLASS_NUMBER);
	if (length == NULL || !(length->header.obj_id & HPDF_OTYPE_INDIRECT) ||
	    len > INT32_MAX)
		return -1;
	HPDF_Number_SetValue(length, (HPDF_INT32)len);
	pdf_out_uint(&w->file, i, " 0 obj\n<<\n");
	int rc = w->file.oom ? -1 : 0;
	for (HPDF_UINT k = 0; rc == 0 && k < d->list->count; k++) {
		HPDF_DictElement e = HPDF_List_ItemAt(d->list, k);
		HPDF_Obj_Header *oh = e->value;
		if (strcmp(e->key, "Filter") == 0 ||
		    (oh->obj_id & HPDF_OTYPE_HIDDEN))
			continue;
		if (HPDF_Stream_WriteEscapeName(w->file_st, e->key) != HPDF_OK ||
		    HPDF_Stream_WriteChar(w->file_st, ' ') != HPDF_OK ||
		    HPDF_Obj_Write(e->value, w->file_st, NULL) != HPDF_OK ||
		    HPDF_Stream_WriteChar(w->file_st, '\n') != HPDF_OK)
			rc = -1;
	}
	pdf_out_lit(&w->file, "/Filter /FlateDecode\n>>\nstream\r\n");
	pdf_out_put(&w->file, data, len);
	pdf_out_lit(&w->file, "\nendstream\nendobj\n");
	return rc != 0 || w->file.oom ? -1 : 0;
}

static int pdf_is_stream(void *obj)
{
	HPDF_Obj_Header *h = obj;
	return (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
	       ((HPDF_Dict)obj)->stream != NULL;
}

static int pdf_is_page(void *obj)
{
	HPDF_Obj_Header *h = obj;
	return h->obj_class == (HPDF_OCLASS_DICT | HPDF_OSUBCLASS_PAGE);
}

static void pdf_put_be(unsigned char *p, uint32_t v, int bytes)
{
	for (int k = bytes - 1; k >= 0; k--) {
		p[k] = (unsigned char)(v & 0xFF);
		v >>= 8;
	}
}

/* The cross-reference stream, object number xref (the last), with the
 * trailer's entries; rows of 1 + 4 + 2 bytes under PNG's Up predictor,
 * which makes neighbouring offsets compress well. */
static int pdf_write_xref(struct pdf_writer *w, size_t xref, size_t objstm0)
{
	size_t size = xref + 1;
	size_t at = w->file.n;
	if (at > UINT32_MAX)
		return -1;
	struct pdf_out rows = {0};
	unsigned char prev[7] = {0}, row[8];
	for (size_t i = 0; i < size; i++) {
		unsigned char cur[7];
		if (i == 0) {
			cur[0] = 0;
			pdf_put_be(cur + 1, 0, 4);
			pdf_put_be(cur + 5, 65535, 2);
		} else if (i < objstm0 && w->where[i].packed) {
			cur[0] = 2;
			pdf_put_be(cur + 1,
			           (uint32_t)(objstm0 + w->where[i].at), 4);
			pdf_put_be(cur + 5, w->where[i].index, 2);
		} else {
			cur[0] = 1;
			pdf_put_be(cur + 1, i == xref ? (uint32_t)at
			                              : w->where[i].at, 4);
			pdf_put_be(cur + 5, 0, 2);
		}
		row[0] = 2;   /* Up */
		for (int k = 0; k < 7; k++)
			row[k + 1] = (unsigned char)(cur[k] - prev[k]);
		memcpy(prev, cur, sizeof prev);
		if (pdf_out_put(&rows, row, sizeof row) != 0)
			break;
	}
	struct pdf_out z = {0};
	int rc = rows.oom ? -1 : pdf_deflate(w, &z, rows.p, rows.n,
	                                     PDF_SQUEEZE_OBJECTS);
	free(rows.p);
	if (rc == 0) {
		pdf_out_printf(&w->file, "%zu 0 obj\n<<\n/Type /XRef\n"
		               "/Size %zu\n/W [1 4 2]\n", xref, size);
		HPDF_Dict tr = w->pdf->trailer;
		for (HPDF_UINT k = 0; k < tr->list->count; k++) {
			HPDF_DictElement e = HPDF_List_ItemAt(tr->list, k);
			if (strcmp(e->key, "Size") == 0 ||
			    strcmp(e->key, "Prev") == 0)
				continue;
			if (HPDF_Stream_WriteEscapeName(w->file_st, e->key) !=
			        HPDF_OK ||
			    HPDF_Stream_WriteChar(w->file_st, ' ') != HPDF_OK ||
			    HPDF_Obj_Write(e->value, w->file_st, NULL) != HPDF_OK ||
			    HPDF_Stream_WriteChar(w->file_st, '\n') != HPDF_OK)
				rc = -1;
		}
		pdf_out_printf(&w->file, "/Filter /FlateDecode\n"
		               "/DecodeParms << /Columns 7 /Predictor 12 >>\n"
		               "/Length %zu\n>>\nstream\r\n", z.n);
		pdf_out_put(&w->file, z.p, z.n);
		pdf_out_printf(&w->file, "\nendstream\nendobj\nstartxref\n%zu\n"
		               "%%%%EOF\n", at);
	}
	free(z.p);
	return rc != 0 || w->file.oom ? -1 : 0;
}

struct pdf_writer *pdf_writer_new(HPDF_Doc pdf, struct pdf_cache *cache)
{
	struct pdf_writer *w = calloc(1, sizeof *w);
	if (w == NULL)
		return NULL;
	w->pdf = pdf;
	w->cache = cache;
	w->file_st = HPDF_CallbackWriter_New(pdf->mmgr, pdf_out_write, &w->file);
	w->body_st = HPDF_CallbackWriter_New(pdf->mmgr, pdf_out_write, &w->body);
	if (w->file_st == NULL || w->body_st == NULL) {
		pdf_writer_free(w);
		return NULL;
	}
	return w;
}

/* Empties d: its entries, and what only they hold (libharu's objects
 * of their own are freed when the document is). */
static void pdf_dict_empty(HPDF_Dict d)
{
	for (HPDF_UINT k = 0; k < d->list->count; k++) {
		HPDF_DictElement e = HPDF_List_ItemAt(d->list, k);
		HPDF_Obj_Free(d->mmgr, e->value);
		HPDF_FreeMem(d->mmgr, e);
	}
	HPDF_List_Clear(d->list);
}

/* A page's dictionary is whole once the page is drawn (its resources,
 * annotations and structure keys are added while it is drawn, and
 * nothing after reads it): it is packed at once, and emptied but for
 * the mark that says so. libharu's records of a long plan's pages, some
 * 6 KB a page, were held until the file was finished. */
static int pdf_pack_page(struct pdf_writer *w, HPDF_Page page)
{
	size_t i = pdf_obj_id(page);
	if (i == 0 || (i >= w->nwhere && pdf_where_room(w, i + 1024) != 0))
		return -1;
	if (pdf_pack_object(w, i, page) != 0)
		return -1;
	pdf_dict_empty(page);
	return pdf_add_mark(page, PDF_EARLY_MARK, HPDF_Null_New(page->mmgr)) ==
	               HPDF_OK
	           ? 0
	           : -1;
}

int pdf_writer_page(struct pdf_writer *w, HPDF_Page page)
{
	HPDF_PageAttr attr = page->attr;
	HPDF_Dict d = attr->contents;
	/* libharu ends an open path or text object and restores saved
	 * graphics states when it writes the page (Page_BeforeWrite), into
	 * this stream: such a page is compressed then */
	if (!pdf_own_flate(d) || attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION ||
	    (attr->gstate != NULL && attr->gstate->prev != NULL))
		return 0;
	/* written into the file now, as an object of its own (the file's
	 * objects may come in any order): kept apart and copied in at the
	 * end, a long plan's pages were held twice */
	if (pdf_stream_bytes(&w->raw, d->stream) != 0 ||
	    pdf_write_flate_bytes(w, pdf_obj_id(d), d, w->raw.p, w->raw.n,
	                          0) != 0 ||
	    pdf_add_mark(d, PDF_EARLY_MARK, HPDF_Null_New(d->mmgr)) != HPDF_OK)
		return -1;
	HPDF_MemStream_FreeData(d->stream);
	return pdf_pack_page(w, page);
}

int pdf_attach_files(struct pdf_writer *w, const struct pdf_file *files,
                     size_t n)
{
	if (n == 0)
		return 0;
	HPDF_Doc pdf = w->pdf;
	HPDF_MMgr mmgr = pdf->mmgr;
	/* a name tree's keys are in order (PDF 1.7, 7.9.6) */
	const struct pdf_file **order = malloc(n * sizeof *order);
	if (order == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		order[i] = &files[i];
	qsort(order, n, sizeof *order, pdf_file_cmp);
	HPDF_Array names = HPDF_Array_New(mmgr);
	HPDF_Array af = HPDF_Array_New(mmgr);
	HPDF_STATUS rc = names && af ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
	for (size_t i = 0; i < n && rc == HPDF_OK; i++) {
		const struct pdf_file *pf = order[i];
		HPDF_Dict ef = HPDF_DictStream_New(mmgr, pdf->xref);
		HPDF_Dict spec = HPDF_Dict_New(mmgr);
		HPDF_Dict efd = HPDF_Dict_New(mmgr);
		HPDF_Dict params = HPDF_Dict_New(mmgr);
		if (ef == NULL || spec == NULL || efd == NULL ||
		    params == NULL ||
		    HPDF_Xref_Add(pdf->xref, spec) != HPDF_OK) {
			rc = HPDF_FAILD_TO_ALLOC_MEM;
			break;
		}
		ef->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		rc |= HPDF_Dict_AddName(ef, "Type", "EmbeddedFile");
		rc |= HPDF_Dict_AddName(ef, "Subtype", pf->mime);
		rc |= HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)pf->len);
		rc |= HPDF_Dict_Add(ef, "Params", params);
		/* written now, from the caller's bytes (not copied into
		 * libharu's stream, then out of it to be compressed) */
		if (rc == HPDF_OK &&
		    (pdf_write_flate_bytes(w, pdf_obj_id(ef), ef, pf->data,
		                           pf->len, pf->shared) != 0 ||
		     pdf_add_mark(ef, PDF_EARLY_MARK,
		                  HPDF_Null_New(mmgr)) != HPDF_OK))
			rc = HPDF_FAILD_TO_ALLOC_MEM;
		rc |= HPDF_Dict_AddName(spec, "Type", "Filespec");
		rc |= pdf_dict_text(spec, "F", pf->name);
		rc |= pdf_dict_text(spec, "UF", pf->name);
		rc |= pdf_dict_text(spec, "Desc", pf->desc);
		rc |= HPDF_Dict_AddName(spec, "AFRelationship", "Source");
		rc |= HPDF_Dict_Add(efd, "F", ef);
		rc |= HPDF_Dict_Add(efd, "UF", ef);
		rc |= HPDF_Dict_Add(spec, "EF", efd);
		void *key = pdf_text_string(mmgr, pf->name);
		rc |= key ? HPDF_Array_Add(names, key) : HPDF_FAILD_TO_ALLOC_MEM;
		rc |= HPDF_Array_Add(names, spec);
		rc |= HPDF_Array_Add(af, spec);
	}
	free(order);
	if (rc != HPDF_OK) {
		if (names)
			HPDF_Array_Free(names);
		if (af)
			HPDF_Array_Free(af);
		return -1;
	}
	HPDF_Dict tree = HPDF_Dict_New(mmgr);
	HPDF_Dict nd = HPDF_Dict_New(mmgr);
	if (tree == NULL || nd == NULL) {
		HPDF_Array_Free(names);
		HPDF_Array_Free(af);
		return -1;
	}
	rc = HPDF_Dict_Add(tree, "Names", names);
	rc |= HPDF_Dict_Add(nd, "EmbeddedFiles", tree);
	rc |= HPDF_Dict_Add(pdf->catalog, "Names", nd);
	rc |= HPDF_Dict_Add(pdf->catalog, "AF", af);
	return rc == HPDF_OK ? 0 : -1;
}

int pdf_writer_finish(struct pdf_writer *w, const struct pdf_tags *tags,
                      unsigned char **out, size_t *len)
{
	HPDF_Doc pdf = w->pdf;
	*out = NULL;
	*len = 0;
	int rc = -1;
	if (HPDF_Dict_Add(pdf->trailer, "Root", pdf->catalog) != HPDF_OK ||
	    (pdf->info != NULL &&
	     HPDF_Dict_Add(pdf->trailer, "Info", pdf->info) != HPDF_OK))
		goto done;
	/* PDF 1.5 at least: object and cross-reference streams */
	if (pdf->pdf_version < HPDF_VER_15)
		pdf->pdf_version = HPDF_VER_15;
	if (pdf_write_head(w) != 0)
		goto done;
	w->file.p[PDF_HEAD_VERSION] =
	    (unsigned char)('0' + (int)(pdf->pdf_version - HPDF_VER_12) + 2);
	/* objects are added while others are written (a font's widths):
	 * the count is read again at every step, as libharu's save does */
	HPDF_Xref xref = pdf->xref;
	if (xref->prev != NULL || xref->start_offset != 0)
		goto done;
	for (size_t i = 1; i < xref->entries->count; i++) {
		if (i >= w->nwhere &&
		    pdf_where_room(w, xref->entries->count + 64) != 0)
			goto done;
		HPDF_XrefEntry e = HPDF_Xref_GetEntry(xref, (HPDF_UINT)i);
		if (e->gen_no != 0 || w->file.n > UINT32_MAX)
			goto done;
		if (tags != NULL && e->obj == tags->root) {
			continue;    /* written with the tree's objects */
		} else if ((pdf_is_stream(e->obj) || pdf_is_page(e->obj)) &&
		           pdf_has_key(e->obj, PDF_EARLY_MARK)) {
			continue;    /* a page or its content, written when
			                drawn */
		} else if (pdf_is_stream(e->obj)) {
			w->where[i].at = (uint32_t)w->file.n;
			if (pdf_own_flate(e->obj)) {
				if (pdf_write_flate(w, i, e->obj) != 0)
					goto done;
			} else if ((pdf_out_uint(&w->file, i, " 0 obj\n"), w->file.oom) ||
			    HPDF_Obj_WriteValue(e->obj, w->file_st, NULL) !=
			        HPDF_OK ||
			    pdf_out_lit(&w->file, "\nendobj\n") != 0)
				goto done;
		} else if (pdf_pack_object(w, i, e->obj) != 0) {
			goto done;
		}
	}
	size_t objstm0 = xref->entries->count;
	if (tags != NULL) {
		size_t base = objstm0;
		objstm0 += tags->nse + pdf_tags_leaves(tags);
		if (objstm0 > 0x00FFFFFF ||
		    (w->nwhere < objstm0 && pdf_where_room(w, objstm0) != 0) ||
		    pdf_write_tags(w, tags, base, pdf_obj_id(tags->root)) != 0)
			goto done;
	}
	if (pdf_objstm_close(w) != 0)
		goto done;
	if (w->nwhere < objstm0 + w->nobjstm + 1 &&
	    pdf_where_room(w, objstm0 + w->nobjstm + 1) != 0)
		goto done;
	for (size_t k = 0; k < w->nobjstm; k++) {
		const struct pdf_objstm *s = &w->objstm[k];
		if (w->file.n > UINT32_MAX)
			goto done;
		w->where[objstm0 + k].at = (uint32_t)w->file.n;
		pdf_out_printf(&w->file, "%zu 0 obj\n<<\n/Type /ObjStm\n/N %zu\n"
		               "/First %zu\n/Filter /FlateDecode\n/Length %zu\n"
		               ">>\nstream\r\n", objstm0 + k, s->n, s->first,
		               s->len);
		pdf_out_put(&w->file, w->streams.p + s->from, s->len);
		if (pdf_out_lit(&w->file, "\nendstream\nendobj\n") != 0)
			goto done;
	}
	if (pdf_write_xref(w, objstm0 + w->nobjstm, objstm0) != 0)
		goto done;
	*out = w->file.p;
	*len = w->file.n;
	w->file.p = NULL;
	rc = 0;
done:
	if (rc != 0 && HPDF_GetError(pdf) == HPDF_OK)
		HPDF_RaiseError(&pdf->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
	return rc;
}

void pdf_writer_free(struct pdf_writer *w)
{
	if (w == NULL)
		return;
	if (w->file_st != NULL)
		HPDF_Stream_Free(w->file_st);
	if (w->body_st != NULL)
		HPDF_Stream_Free(w->body_st);
	free(w->file.p);
	free(w->body.p);
	free(w->streams.p);
	free(w->raw.p);
	free(w->zbuf.p);
	for (int k = 0; w->own_zc && k < PDF_SQUEEZE_KINDS; k++)
		libdeflate_free_compressor(w->zc[k]);
	free(w->where);
	free(w->objstm);
	free(w);
}

/* libharu's byte loops for clearing, copying and measuring memory
 * (hpdf_utils.c) are a tenth of the instructions of writing a PDF: these
 * definitions in the program take the place of the library's, which it
 * calls through its procedure linkage table (it exports them), with the
 * same results, return values included (libharu 2.3's: the end of what
 * was set or copied). */
void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n);
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n);
HPDF_UINT HPDF_StrLen(const char *s, HPDF_INT maxlen);

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	return (HPDF_BYTE *)memset(s, c, n) + n;
}

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	/* libharu copies forwards byte by byte: overlapping ranges must
	 * come out as its loop leaves them, which memmove does only when
	 * out is below in; libharu never overlaps them, but stay safe */
	if (out > in && out < in + n) {
		for (HPDF_UINT i = 0; i < n; i++)
			out[i] = in[i];
		return out + n;
	}
	return (HPDF_BYTE *)memmove(out, in, n) + n;
}

HPDF_UINT HPDF_StrLen(const char *s, HPDF_INT maxlen)
{
	if (s == NULL)
		return 0;
	return (HPDF_UINT)(maxlen < 0 ? strlen(s)
	                              : strnlen(s, (size_t)maxlen));
}
