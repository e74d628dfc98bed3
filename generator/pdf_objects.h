/* pdf_objects.h - the PDF objects libharu's API does not make: a form's
 * fields (AcroForm widgets with their appearances) and embedded files.
 * This is the one file that builds PDF objects below libharu's API
 * (hpdf_objects.h); it is written for libharu 2.3 and refuses to build
 * against another version. Only pdf.c includes it. */
#ifndef MISHTO_PDF_OBJECTS_H
#define MISHTO_PDF_OBJECTS_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "utf8.h"

struct font_subset;
struct font_face;
struct pdf_cache;

/* ---- text: UTF-8 in, two-byte CIDs out ---- */

/* One code point of UTF-8 at s[*i]; malformed bytes, characters beyond
 * the BMP and U+FFFE, U+FFFF read as U+FFFD. Inline: it is asked for
 * every character drawn, twice. */
static inline uint32_t pdf_next_cp(const unsigned char *s, size_t len,
                                   size_t *i)
{
	uint32_t cp;
	*i += utf8_decode(s + *i, len - *i, &cp);
	return cp >= 0xFFFE ? 0xFFFD : cp;
}

/* The document's CIDs, numbered 1, 2, 3... in code point order over
 * every character it draws in any face: cp[cid] is the code point of
 * each (cp has room for 65,536); a code point's CID is in block[cp >>
 * 8][cp & 0xFF], blocks made as needed (NULL: none there). */
struct pdf_cids {
	uint16_t *cp;
	size_t n;
	uint16_t *block[256];
};

/* Numbers the CIDs over the code points set in all (a bit per code
 * point, set_size bytes), in order; -1 when out of memory. */
int pdf_number_cids(const unsigned char *all, size_t set_size,
                    struct pdf_cids *ids);
/* A code point's CID; 0 when the document has none for it. */
uint16_t pdf_cid_of(const struct pdf_cids *ids, uint32_t cp);
/* Frees ids' blocks (cp is the caller's). */
void pdf_cids_free(struct pdf_cids *ids);
/* A font of face's subset for the code points cps (a bit set, as
 * font_subset_make takes), its widths and ToUnicode map over the
 * document's CIDs, its program embedded. cache (may be NULL) keeps the
 * subset and its program for the documents after. NULL on failure:
 * *why is font_subset_make's errno, or 0 (libharu's error says why). */
HPDF_Font pdf_subset_font(HPDF_Doc pdf, const struct font_face *face,
                          const unsigned char *cps,
                          const struct pdf_cids *ids,
                          struct pdf_cache *cache, int *why);
/* Shows text (UTF-8, len bytes) in the page's current font, in the
 * document's CIDs, as HPDF_Page_ShowText does, without measuring it. 0,
 * or -1 with libharu's error set. */
int pdf_show(HPDF_Page page, const struct pdf_cids *ids, const char *text,
             size_t len);
/* Numbers as libharu's operators write them (HPDF_FToA), each kept the
 * first time it is written: a document's coordinates repeat (its
 * columns, its rows' rules, its pages' margins), and formatting them was
 * 5% of a batch of pledges' instructions. One a run (its cache's),
 * or one a document drawn without a cache. */
#define PDF_REALS 512
#define PDF_REAL_TEXT 24
struct pdf_reals {
	uint32_t bits[PDF_REALS];      /* the number's bits; UINT32_MAX none */
	unsigned char len[PDF_REALS];
	char text[PDF_REALS][PDF_REAL_TEXT];
};
void pdf_reals_init(struct pdf_reals *r);
/* The numbers a run's cache keeps (NULL without a cache). */
struct pdf_reals *pdf_cache_reals(struct pdf_cache *c);
/* Places the text that follows at (x, y), as HPDF_Page_SetTextMatrix(page,
 * 1, 0, 0, 1, x, y) does, the same bytes, without formatting the four
 * constant numbers and clearing a 512-byte buffer each time (3% of a
 * batch of pledges' instructions). 0, or -1 with libharu's error set. */
int pdf_text_at(HPDF_Page page, struct pdf_reals *r, HPDF_REAL x,
                HPDF_REAL y);
/* A line from (x0, y0) to (x1, y1), stroked; a rectangle, filled,
 * stroked or both: the bytes HPDF_Page_MoveTo, _LineTo and _Stroke, or
 * HPDF_Page_Rectangle and _Fill, _Stroke or _FillStroke write, and the
 * page's state as they leave it. 0, or -1 with libharu's error set. */
int pdf_line(HPDF_Page page, struct pdf_reals *r, HPDF_REAL x0,
             HPDF_REAL y0, HPDF_REAL x1, HPDF_REAL y1);
int pdf_rect(HPDF_Page page, struct pdf_reals *r, HPDF_REAL x, HPDF_REAL y,
             HPDF_REAL w, HPDF_REAL h, int fill, int stroke);
/* The colour to fill (stroke 0) or stroke with, 0xRRGGBB: the bytes and
 * state of HPDF_Page_SetRGBFill or _SetRGBStroke with each part over
 * 255. 0, or -1 with libharu's error set. */
int pdf_rgb(HPDF_Page page, struct pdf_reals *r, int stroke, uint32_t c);
/* Sets key of d (an outline item, the document information) to the
 * words utf8 as libharu's UTF-8 encoder wrote them: UTF-16BE with its
 * byte order mark. -1 when out of memory. */
int pdf_set_text(HPDF_Dict d, const char *key, const char *utf8);
/* The document information's text entry of type (title, subject,
 * creator, author, keywords), placed where libharu places it, as
 * pdf_set_text writes it. */
int pdf_info_text(HPDF_Doc pdf, HPDF_InfoType type, const char *utf8);

/* /Lang and DisplayDocTitle in the catalog. */
void pdf_catalog_extras(HPDF_Doc pdf, const char *lang);

struct pdf_form;

/* The form being built for document pdf; NULL when out of memory. */
struct pdf_form *pdf_form_new(HPDF_Doc pdf);
/* Limits on a form: names and tooltips longer are cut or left out, and
 * no more fields than a form's /Fields array holds (libharu's arrays
 * hold at most 32,767 items; a pledge form has about a hundred). */
#define PDF_FIELD_NAME_MAX 1000
#define PDF_FIELD_TIP_MAX 1000
#define PDF_MAX_FIELDS 30000

/* Adds the field b (a BOX_FIELD) as a widget of page: 0; 1 when it is
 * left out (its name too long, too many fields); -1 on failure. */
int pdf_form_add(struct pdf_form *f, HPDF_Page page, const struct box *b,
                 HPDF_Dict *widget);
/* Puts the form's fields in the catalog (nothing when it has none) and
 * frees f. -1 on failure. */
int pdf_form_finish(struct pdf_form *f);
void pdf_form_free(struct pdf_form *f);

/* The structure tree of a tagged PDF, from the presentation tree nodes
 * layout gave each box (box.tag). Per page: pdf_tags_page, then for each
 * box that pdf_tags_differs from the marked content open, end any text
 * object and pdf_tags_mark (an artifact, or content of its element with
 * a new MCID); each link and field annotation made, pdf_tags_annot; at
 * the page's end (no text object open), pdf_tags_page_end. Then
 * pdf_tags_finish puts the tree's root and /MarkInfo in the catalog, and
 * pdf_writer_finish, given the tags, writes the tree and its parent tree.
 * Elements come in the order their content is first drawn, which layout
 * makes the reading order. */
struct pdf_tags;
struct pdf_tags *pdf_tags_new(HPDF_Doc pdf, const char *lang, size_t npages);
int pdf_tags_page(struct pdf_tags *t, HPDF_Page page, size_t index);
int pdf_tags_differs(const struct pdf_tags *t, const struct box *b);
/* Boxes to be marked soon, far and near (a few boxes nearer): what
 * marking them reads is fetched into the cache now, far's node and
 * near's parent node (a long plan's nodes lie far apart in memory). */
void pdf_tags_ahead(const struct box *far, const struct box *near);
int pdf_tags_mark(struct pdf_tags *t, const struct box *b);
int pdf_tags_annot(struct pdf_tags *t, HPDF_Dict annot, const struct box *b);
int pdf_tags_page_end(struct pdf_tags *t);
int pdf_tags_finish(struct pdf_tags *t);
void pdf_tags_free(struct pdf_tags *t);

/* What the document says it is: XMP metadata (title, description,
 * language, producer, dates), PDF/UA-1, and PDF/A-3a with an sRGB output
 * intent when the ICC profile at icc_path can be read (else no PDF/A is
 * claimed; read once a run with a cache, which may be NULL); PDF 1.7;
 * an /ID from digest. */
struct pdf_identity {
	const char *title, *subject, *lang;
	char created[32];        /* "2026-12-01T10:00:00Z", or "" */
	const char *icc_path;
	unsigned char digest[16];
};
int pdf_identify(HPDF_Doc pdf, const struct pdf_identity *id,
                 struct pdf_cache *cache);

/* Writes the document in place of libharu's save: streams as objects of
 * their own, every other object packed into compressed object streams,
 * a compressed cross-reference stream (PDF 1.5 and later); what the
 * documents of a run share is compressed once a run, kept in cache (may
 * be NULL). The writer is made before the pages are drawn:
 * pdf_writer_page, given each page when it is drawn, compresses its
 * content and writes it into the file then, and lets libharu's copy go,
 * so a long document holds its pages once, compressed. pdf_writer_finish
 * writes the rest of the file, the structure tree of tags (may be NULL)
 * with it: *out is the file, malloc'd; -1 on failure, with libharu's
 * error set. */
struct pdf_writer;
struct pdf_writer *pdf_writer_new(HPDF_Doc pdf, struct pdf_cache *cache);
int pdf_writer_page(struct pdf_writer *w, HPDF_Page page);
int pdf_writer_finish(struct pdf_writer *w, const struct pdf_tags *tags,
                      unsigned char **out, size_t *len);
void pdf_writer_free(struct pdf_writer *w);

/* Embeds files in the document (catalog /Names /EmbeddedFiles and /AF),
 * each with its name, description and MIME type. Names are unique. Each
 * file is compressed from the caller's bytes and written into w's file
 * at once (a long plan's source was copied twice before). */
struct pdf_file;
int pdf_attach_files(struct pdf_writer *w, const struct pdf_file *files,
                     size_t n);

#endif
