/* layout.h - a presentation tree (ptree.h) to pages of positioned boxes. Lines are broken,
 * tables split across pages with their header repeated, and headers and
 * footers added. The result is a display list that the PDF backend draws
 * and `--format layout` dumps as text for golden tests. Coordinates are PDF
 * points from the bottom-left corner; text y is the baseline. */
#ifndef MISHTO_LAYOUT_H
#define MISHTO_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "device.h"
#include "style.h"

struct pt_node;
struct arena;
struct hyph;
struct loc;

/* BOX_FIELD: a form field over what is drawn there (a tick box, a place
 * to write): text is its name, tip the words that name it for a reader. */
enum box_kind { BOX_TEXT, BOX_LINE, BOX_RECT, BOX_LINK, BOX_FIELD }
    __attribute__((packed));   /* a byte in a box */
enum box_field { FIELD_TEXT, FIELD_LINES, FIELD_CHECK }
    __attribute__((packed));

/* What a box says of its words besides them, the same for long runs of
 * boxes (a paragraph's lines, a page's words in the document's
 * language), so kept once for them all: 16 bytes less a box of a long
 * plan's 2.5 million. */
struct box_attrs {
	const char *lang;       /* TEXT: its language (the document's when
	                           it has none of its own) */
	const char *href;       /* TEXT: the link it is the words of */
	const char *tip;        /* FIELD: its spoken name, its tooltip */
};

/* (Fields in an order that leaves no gaps, the small ones a byte: a
 * long document holds a few hundred boxes a page.) */
struct box {
	enum box_kind kind;
	enum box_field field;   /* FIELD */
	unsigned char face;     /* TEXT: enum face */
	unsigned char filled, stroked;   /* RECT */
	unsigned char invisible;   /* TEXT: read, not seen (render mode 3) */
	unsigned char furniture;   /* a running head (1) or foot (2): an
	                              artifact of pagination */
	unsigned char joined;   /* TEXT: the words after it continue its last
	                           word (a comma in another face, the rest
	                           of a hyphenated word); else the PDF writes
	                           a space after it, which layout turned
	                           into distance, so words read back in
	                           structure order stay apart */
	uint32_t colour;        /* TEXT, LINE, RECT stroke */
	uint32_t fill;          /* RECT */
	double x, y, w, h;      /* LINE: from (x,y) to (x+w,y+h) */
	double size;            /* TEXT: type size; LINE/RECT: stroke width */
	const char *text;       /* TEXT: UTF-8; LINK: the URI; FIELD: name */
	/* Structure, for a tagged PDF: the node of the presentation tree
	 * the content belongs to (TEXT; LINK and FIELD: the words they sit
	 * in); NULL for page furniture and decoration (artifacts). Lines
	 * and rectangles are always decoration: what they show is also
	 * said in words (a tick box's state is an invisible text). */
	const struct pt_node *tag;
	const struct box_attrs *attrs;   /* NULL: none of them */
	uint32_t len;           /* of text: a box holds a line's words */
};

static inline const char *box_lang(const struct box *b)
{
	return b->attrs != NULL ? b->attrs->lang : NULL;
}

static inline const char *box_href(const struct box *b)
{
	return b->attrs != NULL ? b->attrs->href : NULL;
}

static inline const char *box_tip(const struct box *b)
{
	return b->attrs != NULL ? b->attrs->tip : NULL;
}

struct layout_block;
struct layout_page {
	struct box *boxes;
	size_t nboxes, cap;
	struct layout_block *block;   /* the block its boxes are in (a long
	                                 document's); NULL: their own */
};

/* A PDF bookmark: a heading and where it is. */
struct layout_mark {
	const char *title;
	int level;              /* 0 = top */
	size_t page;
	double y;
};

/* A word that fitted no line and had no hyphenation point that did, so
 * was broken between letters; the build warns about each. In the
 * order of their places in the sources (file, line, column; none
 * first), then of the words: layout_broken_order, a qsort comparison of
 * two struct layout_broken, 0 for two that say the same. */
struct layout_broken {
	const struct loc *loc;  /* where it is written; NULL if unknown */
	const char *word;
};

int layout_broken_order(const void *a, const void *b);

struct layout_doc {
	struct layout_page *pages;
	size_t npages, cap;
	struct layout_mark *marks;
	size_t nmarks, marks_cap;
	double page_width, page_height;
	const char *title;      /* metadata */
	const char *subject;
	const char *lang;
	struct layout_broken *broken;
	size_t nbroken, broken_cap;
	size_t hyphenated;      /* lines ended with a hyphen at a point the
	                           patterns give */
	size_t nfields;         /* BOX_FIELDs on all pages */
};

/* Lays out a document's presentation tree in arena a, hyphenating with
 * hy (hyph.h; NULL: no hyphenation); its pages' boxes are malloc'd
 * (layout_doc_free). Returns NULL when out of memory. */
struct layout_doc *layout_document(const struct pt_node *root,
                                   const struct style *st,
                                   const struct device_metrics *m,
                                   struct hyph *hy, struct arena *a);

/* What layout keeps between the documents of one run: where each text
 * it has met may break a line (libunibreak's answer, by language and
 * text), so a batch of signed pledges, which print the form's words
 * again and again, asks once. */
struct layout_memo;
struct layout_memo *layout_memo_new(void);
void layout_memo_free(struct layout_memo *mm);
/* layout_document with a run's memo (NULL: none); the same layout. */
struct layout_doc *layout_document_memo(const struct pt_node *root,
                                        const struct style *st,
                                        const struct device_metrics *m,
                                        struct hyph *hy,
                                        struct layout_memo *mm,
                                        struct arena *a);

/* A page's boxes are not in the arena: a writer that has drawn page i
 * and needs it no more lets it go (a long document need not hold every
 * page's boxes while its file is written); layout_doc_free lets go of
 * every page left, before the arena is freed. */
void layout_page_release(struct layout_doc *ld, size_t i);
void layout_doc_free(struct layout_doc *ld);

/* A layout and the arena it was made in (which holds the tree it was
 * made from too), let go together, both then NULL: for a writer that
 * reads neither after a point, the drawn() of pdf_render's release
 * (pdf.h), with a struct layout_owner as its ctx. */
struct layout_owner {
	struct layout_doc **ld;
	struct arena **a;
};
void layout_let_go(void *owner);

/* The text dump used by golden tests: one line per box, 2 decimals. */
void layout_dump(const struct layout_doc *ld, FILE *out);

#endif
