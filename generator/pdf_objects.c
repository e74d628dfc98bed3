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
#include "pdf.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3
#error "generator/pdf_objects.c uses libharu's internal objects and was written for libharu 2.3 (Debian 12's libhpdf-dev); check it against this version's hpdf_objects.h before building"
#endif

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

/* A PDF text string: PDFDocEncoding when the words are ASCII, else
 * UTF-16BE with its byte order mark (PDF 1.7, 7.9.2.2). */
static void *pdf_text_string(HPDF_MMgr mmgr, const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t len = strlen(utf8), ascii = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 0x80 || s[i] < 0x20)
			ascii = 0;
	if (ascii)
		return HPDF_String_New(mmgr, utf8, NULL);
	/* at most two units of two bytes a byte of UTF-8, and the mark */
	unsigned char *u = malloc(2 + 4 * len);
	if (u == NULL)
		return NULL;
	size_t n = 0;
	u[n++] = 0xFE;
	u[n++] = 0xFF;
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
			u[n++] = (unsigned char)(hi >> 8);
			u[n++] = (unsigned char)hi;
			u[n++] = (unsigned char)(lo >> 8);
			u[n++] = (unsigned char)lo;
		} else {
			u[n++] = (unsigned char)(cp >> 8);
			u[n++] = (unsigned char)cp;
		}
	}
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

int pdf_form_add(struct pdf_form *f, HPDF_Page page, const struct box *b)
{
	HPDF_Doc pdf = f->pdf;
	HPDF_MMgr mmgr = pdf->mmgr;
	char name[PDF_FIELD_NAME_MAX + 1], tip[PDF_FIELD_TIP_MAX + 1];
	if (b->len > PDF_FIELD_NAME_MAX || f->n >= PDF_MAX_FIELDS)
		return 1;   /* left out: a name no reader keeps */
	memcpy(name, b->text, b->len);
	name[b->len] = '\0';
	pdf_tip(tip, sizeof tip, b->tip ? b->tip : name);
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
	if (rc != HPDF_OK || annots == NULL ||
	    HPDF_Array_Add(annots, w) != HPDF_OK ||
	    HPDF_Array_Add(f->fields, w) != HPDF_OK)
		return -1;
	f->n++;
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

int pdf_attach_files(HPDF_Doc pdf, const struct pdf_file *files, size_t n)
{
	if (n == 0)
		return 0;
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
		rc |= HPDF_Stream_Write(ef->stream, pf->data,
		                        (HPDF_UINT)pf->len);
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
