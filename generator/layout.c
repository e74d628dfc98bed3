/* layout.c - the layout engine: the presentation tree (ptree.h) to pages
 * of positioned boxes, for every kind of document alike.
 *
 * Lines break where Unicode line breaking allows (libunibreak: at spaces,
 * after a hyphen or a slash), filled greedily; a word that fits no line
 * whole, or leaves a hole at a narrow line's end, is hyphenated where the
 * patterns of its language allow (hyph.h), and only a word with no such
 * point that fits is broken between letters (and reported). Tables are
 * rows of cells; a cell is a column of items (text lines, tick boxes,
 * labels, rules, gaps). A row goes on one page whole when it can; rows
 * stacked in one (an action point's steps, an action's updates) part
 * where they meet; only what is taller than a page is cut between lines,
 * never leaving a paragraph's first or last line alone. The header row is
 * repeated on each page. Running text uses the same items, flowed down
 * the page. How each role of the tree looks (faces, colours, gaps) is
 * decided here and by the layout file. */
#include "arena.h"
#include "hyph.h"
#include "layout.h"
#include "utf8.h"
#include "ptree.h"

#include <linebreak.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAYOUT_MAX_COLS PT_MAX_COLS
#define LAYOUT_HEAD LAYOUT_MAX_COLS   /* a row's head in its cut arrays */
#define LAYOUT_CELL_PAD 5.0    /* left and right of a cell's content */
#define LAYOUT_HEAD_GAP 6.0    /* between a row's head and its cells */
#define LAYOUT_CELL_VPAD 3.0   /* above and below it (lines have their
                                  leading as well) */

/* A run of text in one face, colour, link and language. */
struct lrun {
	enum face face;
	const char *text;
	size_t len;
	const char *href;
	uint32_t colour;
	const char *lang;        /* NULL: the document's */
	const struct loc *loc;   /* where its words are written, if known */
	int whole;               /* never hyphenated (a name, an address) */
	int heading;             /* hyphenated only where a word fits no
	                            line whole (a table's heading) */
};

struct lruns {
	struct lrun *v;
	size_t n, cap;
};

struct lfrag {
	double x, w;
	const struct lrun *run;
	size_t start, end;       /* byte range in run->text */
};

struct lline {
	struct lfrag *frags;
	size_t n, cap;
	double w;
	int split;               /* it ends inside a word (a hyphen, an
	                            address): the next line goes with it */
};

/* Text broken into lines of one size. */
struct ltext {
	struct lline *lines;
	size_t n, cap;
	double size, lead;
};

/* What a cell (or a flowing column of text) is made of, top to bottom. */
enum litem_kind { ITEM_LINE, ITEM_GAP, ITEM_TICK, ITEM_RULE, ITEM_LABEL,
                  ITEM_ENTRY };

struct litem {
	enum litem_kind kind;
	double h;
	double dx;               /* indent within the cell */
	const struct lline *line;
	double size;
	int ticked;              /* TICK */
	const struct pt_node *node;   /* TICK, ENTRY: a form field's */
	const struct pt_node *tag;    /* what it is in the tree (box.tag) */
	const struct lline *right;   /* LINE: set against the right edge */
	const char *marker;      /* LINE: bullet or number before the text */
	double marker_dx;
	enum face marker_face;
	uint32_t marker_colour;
	const char *text;        /* LABEL: its word */
	uint32_t fill, colour;   /* LABEL */
	int keep;                /* no page break after it: the first line of
	                            a paragraph (no orphan), its last but one
	                            (no widow), a caption */
};

struct lcell {
	struct litem *items;
	size_t n, cap;
	double h;
};

struct lrow {
	struct lcell cells[LAYOUT_MAX_COLS];
	int span_all;            /* one cell across the table (a band) */
	uint32_t fill;
	int filled;
	double h;                /* content height, without padding */
	const char *mark;        /* bookmark for this row, level 1 */
	struct lcell head;       /* a head across the table over the cells
	                            (an action's words over its details) */
	double head_h;           /* where the cells begin: 0 without a head */
	unsigned spans;          /* columns whose cell spans the rows stacked
	                            in it (bit i: column i) */
	double *units;           /* where rows stacked in it meet (the steps
	                            of an action point): the only offsets it
	                            is cut at, unless one is taller than a
	                            page */
	size_t nunits, units_cap;
};

/* A table's rows are measured one ahead of the row being placed (whose
 * page break may depend on the next: a band stays with the row after
 * it), each in an arena of its own, let go once the row is placed: a
 * long plan's table held every row's cells and lines at once, a quarter
 * of its memory. */
struct ltable {
	int ncols;
	int keep_rows;           /* move a row whole to the next page if it
	                            fits there, rather than split it */
	double x[LAYOUT_MAX_COLS + 1];
	struct lrow *header;
	struct lrow *row[2];     /* the row to place next and the one after
	                            it; NULL: none */
	struct arena *room[2];   /* what each was measured in (NULL: the
	                            layout's own, where nothing is freed) */
	const struct pt_node *group, *next;   /* the rows yet to measure */
};

struct layout {
	const struct style *st;
	const struct device_metrics *m;
	struct arena *a;         /* what layout works with, let go when it is
	                            done: cells, lines, runs, rows */
	struct arena *keep;      /* the caller's: the result (struct
	                            layout_doc, its pages, boxes and words) */
	struct layout_doc *ld;
	struct hyph *hyph;       /* NULL: nothing is hyphenated */
	struct layout_memo *memo;   /* NULL: none */
	/* a paragraph's tokens and where it may break: needed only while it
	 * is measured or wrapped (they were a tenth of a long plan's
	 * memory, kept to the end), freed when the last user is done */
	struct arena *scratch;
	int scratch_users;
	/* a table's rows: two arenas, one for the row being placed and
	 * one for the row after it (struct ltable) */
	struct arena *room[2];
	int rooms_used;
	/* what measuring a table's columns makes, let go after each row
	 * group (a 100,000-action plan's was 51 MB by the end of its
	 * table); measuring, while a table's columns are (nested, the
	 * outer table's measuring lets it go) */
	struct arena *measure;
	int measuring;
	struct layout_page *page;
	/* the boxes of the page being filled (malloc'd, used again for
	 * every page: see layout_close_page) */
	struct box *open;
	size_t open_cap;
	double y;                /* top of the free space on this page */
	double left, right, top, bottom;
	double page_width, page_height;
	int oom;
	/* what the content being placed is, in the tree (box.tag); NULL
	 * while placing page furniture */
	const struct pt_node *tag;
	const struct lrow *tagged_header;   /* a table's header row, drawn
	                                       once as content: again at the
	                                       top of each page, decoration */
	int untagged;            /* what is placed now is decoration */
	unsigned char furniture; /* box.furniture of what is placed now */
	const char *lang;        /* words set from a string (a heading, a
	                            label) in another language: theirs */
	const struct box_attrs *last_attrs;   /* the last box's */
	struct layout_block *block;   /* where pages' boxes go now */
};

/* How a container's own words look: its face and colour; whole: they
 * are never hyphenated (a table's column heads). */
struct lstyle {
	enum face face;
	uint32_t colour;
	int whole;
};


/* ---------------------------------------------------------------- */
/* display list                                                      */

static const char *layout_printf(struct layout *L, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = n >= 0 ? arena_alloc(L->a, (size_t)n + 1) : NULL;
	if (p == NULL) {
		L->oom = 1;
		return "";
	}
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* A long document's pages' boxes, past its first LAYOUT_OWN_PAGES
 * pages, are kept in blocks (arena_block_map), one page's after
 * another, and a block is unmapped when the last of its pages is let
 * go. Freed to the C library one page at a time, the boxes of the pages
 * drawn stayed in its heap, and what the PDF's writer makes after them
 * (the file, the structure's records) grew beside them: the
 * 100,000-action plan's peak 829 -> 789 MB. A short document's are its
 * pages' own: mapping a block costs more than its pages. */
#define LAYOUT_OWN_PAGES 32
struct layout_block {
	size_t used;             /* bytes from its start, these included */
	size_t pages;            /* its pages not yet let go */
};
#define LAYOUT_BLOCK_HEAD ((sizeof(struct layout_block) + 15) & ~(size_t)15)

/* Room for cap boxes for page p, done: in the block being filled, or
 * its own; NULL when out of memory. */
static struct box *layout_page_room(struct layout *L, struct layout_page *p,
                                    size_t cap)
{
	p->block = NULL;
	if (cap > SIZE_MAX / sizeof(struct box))
		return NULL;
	size_t need = cap * sizeof(struct box);
	if (L->ld->npages > LAYOUT_OWN_PAGES &&
	    need <= (ARENA_BLOCK - LAYOUT_BLOCK_HEAD) / 4) {
		struct layout_block *k = L->block;
		if (k == NULL || ARENA_BLOCK - k->used < need) {
			/* the block before is its pages' to let go */
			k = arena_block_map();
			if (k != NULL) {
				k->used = LAYOUT_BLOCK_HEAD;
				k->pages = 0;
			}
			L->block = k;
		}
		if (k != NULL) {
			struct box *b = (struct box *)((unsigned char *)k +
			                               k->used);
			k->used += need;
			k->pages++;
			p->block = k;
			return b;
		}
	}
	return malloc(need);
}

/* Page p's boxes let go: their block's share of them, the block
 * unmapped with its last page's. */
static void layout_page_let_go(struct layout_page *p)
{
	if (p->block == NULL)
		free(p->boxes);
	else if (--p->block->pages == 0)
		arena_block_unmap(p->block);
	p->block = NULL;
	p->boxes = NULL;
	p->nboxes = p->cap = 0;
}

/* Room for one more box on page p: the page being filled (its boxes are
 * L->open, used again for every page) or one done (its head and foot,
 * added at the end, past the room kept for them). */
static int layout_box_room(struct layout *L, struct layout_page *p)
{
	if (p->nboxes < p->cap)
		return 0;
	size_t cap = p->cap ? 2 * p->cap : 256;
	struct box *b;
	if (p->block != NULL) {
		/* a page done, in a block: more than the room kept moves
		 * its boxes to their own */
		b = cap <= SIZE_MAX / sizeof *b ? malloc(cap * sizeof *b)
		                                : NULL;
		if (b == NULL)
			return -1;
		memcpy(b, p->boxes, p->nboxes * sizeof *b);
		size_t n = p->nboxes;
		layout_page_let_go(p);
		p->nboxes = n;
	} else {
		b = cap <= SIZE_MAX / sizeof *b
		    ? realloc(p->boxes, cap * sizeof *b) : NULL;
	}
	if (b == NULL)
		return -1;
	if (p->boxes == L->open) {
		L->open = b;
		L->open_cap = cap;
	}
	p->boxes = b;
	p->cap = cap;
	return 0;
}

static struct box *layout_box(struct layout *L, enum box_kind kind)
{
	struct layout_page *p = L->page;
	if (p == NULL || layout_box_room(L, p) != 0) {
		L->oom = 1;
		return NULL;
	}
	struct box *b = &p->boxes[p->nboxes++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	if (kind != BOX_LINE && kind != BOX_RECT && !L->untagged)
		b->tag = L->tag;
	b->furniture = L->furniture;
	return b;
}

/* A box of kind placed at x, y, w by h. */
static struct box *layout_box_at(struct layout *L, enum box_kind kind,
                                 double x, double y, double w, double h)
{
	struct box *b = layout_box(L, kind);
	if (b != NULL) {
		b->x = x;
		b->y = y;
		b->w = w;
		b->h = h;
	}
	return b;
}

static void layout_line(struct layout *L, double x, double y, double w,
                        double h, double width, uint32_t colour)
{
	struct box *b = layout_box_at(L, BOX_LINE, x, y, w, h);
	if (b == NULL)
		return;
	b->size = width;
	b->colour = colour;
}

static void layout_rect(struct layout *L, double x, double y, double w,
                        double h, int filled, uint32_t fill, double stroke,
                        uint32_t colour)
{
	struct box *b = layout_box_at(L, BOX_RECT, x, y, w, h);
	if (b == NULL)
		return;
	b->filled = filled;
	b->fill = fill;
	b->stroked = stroke > 0;
	b->size = stroke;
	b->colour = colour;
}

static struct box *layout_text_box(struct layout *L, double x, double y,
                                   enum face face, double size,
                                   uint32_t colour, const char *text,
                                   size_t len)
{
	struct box *b = layout_box(L, BOX_TEXT);
	if (b == NULL)
		return NULL;
	b->x = x;
	b->y = y;
	b->face = face;
	b->size = size;
	b->colour = colour;
	/* kept with the result: the words may be layout's own (a hyphenated
	 * part, a number), made in its work arena */
	b->text = arena_strndup(L->keep, text, len);
	b->len = len;
	if (b->text == NULL) {
		L->oom = 1;
		b->text = "";
		b->len = 0;
	}
	return b;
}

/* b's language, link and tooltip (each NULL: none): a record of the
 * boxes before it while they say the same. */
static void layout_box_attrs(struct layout *L, struct box *b,
                             const char *lang, const char *href,
                             const char *tip)
{
	if (lang == NULL && href == NULL && tip == NULL)
		return;
	const struct box_attrs *last = L->last_attrs;
	if (last != NULL && last->lang == lang && last->href == href &&
	    last->tip == tip) {
		b->attrs = last;
		return;
	}
	struct box_attrs *made = arena_alloc(L->keep, sizeof *made);
	if (made == NULL) {
		L->oom = 1;
		return;
	}
	*made = (struct box_attrs){lang, href, tip};
	b->attrs = L->last_attrs = made;
}

/* Room kept on a page done for its running head and foot, added when
 * the page count is known (layout_page_furniture). */
#define LAYOUT_FURNITURE_ROOM 8

/* The page being filled is done: its boxes go into a block of their
 * own, as many as there are (with room for its head and foot), which a
 * writer lets go once it has drawn the page (layout_page_release): a
 * long document's boxes were a fifth of its memory while its PDF was
 * written. (Grown in the arena by doubling, its pages held twice their
 * boxes.) */
static void layout_close_page(struct layout *L)
{
	struct layout_page *p = L->page;
	if (p == NULL || p->boxes != L->open)
		return;
	size_t cap = p->nboxes + LAYOUT_FURNITURE_ROOM;
	struct box *b = layout_page_room(L, p, cap);
	if (b == NULL) {
		L->oom = 1;
		p->nboxes = 0;
	} else if (p->nboxes > 0) {
		memcpy(b, L->open, p->nboxes * sizeof *b);
	}
	p->boxes = b;
	p->cap = b ? cap : 0;
}

static void layout_new_page(struct layout *L)
{
	struct layout_doc *ld = L->ld;
	layout_close_page(L);
	if (arena_grow(L->keep, (void **)&ld->pages, &ld->cap, ld->npages + 1,
	               sizeof *ld->pages) != 0) {
		L->oom = 1;
		return;
	}
	L->page = &ld->pages[ld->npages++];
	memset(L->page, 0, sizeof *L->page);
	L->page->boxes = L->open;
	L->page->cap = L->open_cap;
	L->y = L->top;
}

static void layout_mark(struct layout *L, const char *title, int level)
{
	struct layout_doc *ld = L->ld;
	if (title == NULL || arena_grow(L->keep, (void **)&ld->marks,
	                                &ld->marks_cap, ld->nmarks + 1,
	                                sizeof *ld->marks) != 0)
		return;
	const char *kept = arena_strdup(L->keep, title);
	if (kept == NULL) {
		L->oom = 1;
		return;
	}
	struct layout_mark *m = &ld->marks[ld->nmarks++];
	m->title = kept;
	m->level = level;
	m->page = ld->npages - 1;
	m->y = L->y;
}

/* Starts a new page unless h more points fit on this one. */
static void layout_need(struct layout *L, double h)
{
	if (L->y - h < L->bottom - 0.001 && L->y < L->top)
		layout_new_page(L);
}

/* ---------------------------------------------------------------- */
/* measuring                                                         */

static size_t layout_utf8(const char *s, size_t len, uint32_t *cp)
{
	return utf8_decode((const unsigned char *)s, len, cp);
}

static double layout_width(const struct layout *L, enum face face,
                           double size, const char *s, size_t len)
{
	const double *ascii = L->m->ascii[face];
	double w = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80 && ascii != NULL) {
			w += ascii[c];
			i++;
			continue;
		}
		uint32_t cp;
		i += layout_utf8(s + i, len - i, &cp);
		w += L->m->advance(L->m->ctx, face, cp);
	}
	return w * size / 1000.0;
}

/* ---------------------------------------------------------------- */
/* runs and line breaking                                            */

static struct lrun *layout_add_run(struct layout *L, struct lruns *r,
                                   enum face face, const char *text,
                                   size_t len, const char *href,
                                   uint32_t colour)
{
	if (len == 0)
		return NULL;
	if (arena_grow(L->a, (void **)&r->v, &r->cap, r->n + 1,
	               sizeof *r->v) != 0) {
		L->oom = 1;
		return NULL;
	}
	struct lrun *x = &r->v[r->n++];
	memset(x, 0, sizeof *x);
	x->face = face;
	x->text = text;
	x->len = len;
	x->href = href;
	x->colour = colour;
	return x;
}

static enum face layout_face_with(enum face f, int bold, int italic)
{
	int b = bold || f == FACE_BOLD || f == FACE_BOLD_ITALIC;
	int i = italic || f == FACE_ITALIC || f == FACE_BOLD_ITALIC;
	return b ? (i ? FACE_BOLD_ITALIC : FACE_BOLD)
	         : (i ? FACE_ITALIC : FACE_REGULAR);
}

struct lwrap {
	struct layout *L;
	struct ltext *t;
	double width;
	struct lline *line;
	double x;
	int hyphened;            /* lines in a row that end in a hyphen */
};

static struct lline *layout_wrap_newline(struct lwrap *w)
{
	struct ltext *t = w->t;
	if (arena_grow(w->L->a, (void **)&t->lines, &t->cap, t->n + 1,
	               sizeof *t->lines) != 0) {
		w->L->oom = 1;
		return NULL;
	}
	w->line = &t->lines[t->n++];
	memset(w->line, 0, sizeof *w->line);
	w->x = 0;
	return w->line;
}

/* Places run bytes [start,end) at w->x + gap on the current line, joining
 * the previous fragment when it is the same run and only a space apart. */
static void layout_wrap_place(struct lwrap *w, const struct lrun *run,
                              size_t start, size_t end, double gap,
                              double width)
{
	struct lline *ln = w->line;
	if (ln == NULL)
		return;
	struct lfrag *last = ln->n ? &ln->frags[ln->n - 1] : NULL;
	if (last != NULL && last->run == run &&
	    (last->end == start ||
	     (last->end + 1 == start && run->text[last->end] == ' '))) {
		last->end = end;
		last->w += gap + width;
	} else {
		if (arena_grow(w->L->a, (void **)&ln->frags, &ln->cap,
		               ln->n + 1, sizeof *ln->frags) != 0) {
			w->L->oom = 1;
			return;
		}
		last = &ln->frags[ln->n++];
		last->x = w->x + gap;
		last->w = width;
		last->run = run;
		last->start = start;
		last->end = end;
	}
	w->x += gap + width;
	ln->w = w->x;
}

struct ltoken {
	const struct lrun *run;
	size_t start, end;       /* bytes of run->text */
	double w;
	double space_after;      /* width of the space after it, 0 if none */
	unsigned char brk;       /* a line may break after it (and its space) */
};

/* Runs cut into tokens where a line may break: at spaces, and where
 * Unicode line breaking (UAX #14, by libunibreak) allows it ("cross-" |
 * "departmental/" | "multi-" | "agency"), and where runs meet (a line
 * breaks there only when the text allows it). */
/* ---- the run's memo of line-break opportunities ----
 *
 * libunibreak finds where each paragraph may break (UAX #14), a table
 * lookup per character: over a batch of signed pledges it was a tenth of
 * the time, for the same words each time. The memo keeps its answer by
 * language and text, in a table of its own, up to LAYOUT_MEMO_MAX bytes
 * (then it answers what it has and asks libunibreak for the rest). A
 * batch's words are a few tens of KB; a long plan's are new at every
 * action, and 16 MB of them, with their table, were 40 MB of its memory
 * and a fortieth of its time in cache misses. */

#define LAYOUT_MEMO_MAX (4u << 20)

struct layout_memo_entry {
	uint64_t hash;
	const char *lang;        /* copied */
	const char *text;        /* copied */
	const char *brks;        /* len of them */
	size_t len;
};

struct layout_memo {
	struct arena *a;
	struct layout_memo_entry *v;   /* open addressing; text NULL: free */
	size_t cap, n, bytes;
};

struct layout_memo *layout_memo_new(void)
{
	struct layout_memo *mm = calloc(1, sizeof *mm);
	if (mm == NULL)
		return NULL;
	mm->a = arena_new();
	if (mm->a == NULL) {
		free(mm);
		return NULL;
	}
	return mm;
}

void layout_memo_free(struct layout_memo *mm)
{
	if (mm == NULL)
		return;
	arena_free(mm->a);
	free(mm->v);
	free(mm);
}

static uint64_t layout_memo_hash(const char *lang, const char *text,
                                 size_t len)
{
	uint64_t h = 14695981039346656037u;   /* FNV-1a */
	for (const char *p = lang ? lang : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	h = (h ^ 0xFF) * 1099511628211u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211u;
	return h;
}

static struct layout_memo_entry *layout_memo_slot(
    const struct layout_memo *mm, uint64_t h, const char *lang,
    const char *text, size_t len)
{
	size_t i = (size_t)h & (mm->cap - 1);
	for (;; i = (i + 1) & (mm->cap - 1)) {
		struct layout_memo_entry *e = &mm->v[i];
		if (e->text == NULL ||
		    (e->hash == h && e->len == len &&
		     strcmp(e->lang, lang ? lang : "") == 0 &&
		     memcmp(e->text, text, len) == 0))
			return e;
	}
}

static const char *layout_memo_get(const struct layout_memo *mm,
                                   uint64_t h, const char *lang,
                                   const char *text, size_t len)
{
	if (mm == NULL || mm->cap == 0)
		return NULL;
	const struct layout_memo_entry *e =
	    layout_memo_slot(mm, h, lang, text, len);
	return e->text ? e->brks : NULL;
}

/* Keeps brks for (lang, text); nothing when full or out of memory. */
static void layout_memo_put(struct layout_memo *mm, uint64_t h,
                            const char *lang, const char *text, size_t len,
                            const char *brks)
{
	if (mm == NULL || 2 * len > LAYOUT_MEMO_MAX - mm->bytes)
		return;
	if ((mm->n + 1) * 2 > mm->cap) {
		size_t cap = mm->cap ? mm->cap * 2 : 1024;
		struct layout_memo_entry *v = calloc(cap, sizeof *v);
		if (v == NULL)
			return;
		struct layout_memo_entry *old = mm->v;
		size_t ocap = mm->cap;
		mm->v = v;
		mm->cap = cap;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].text != NULL)
				*layout_memo_slot(mm, old[i].hash, old[i].lang,
				                  old[i].text, old[i].len) = old[i];
		free(old);
	}
	char *t = arena_strndup(mm->a, text, len);
	char *b = arena_strndup(mm->a, brks, len);
	char *l = arena_strdup(mm->a, lang ? lang : "");
	if (t == NULL || b == NULL || l == NULL)
		return;
	struct layout_memo_entry *e = layout_memo_slot(mm, h, lang, text, len);
	e->hash = h;
	e->lang = l;
	e->text = t;
	e->brks = b;
	e->len = len;
	mm->n++;
	mm->bytes += 2 * len;
}

static struct ltoken *layout_tokens(struct layout *L, const struct lruns *r,
                                    double size, size_t *ntokp)
{
	*ntokp = 0;
	size_t total = 0;
	for (size_t i = 0; i < r->n; i++)
		total += r->v[i].len;
	if (total == 0)
		return NULL;
	const char *text = r->v[0].text;
	if (r->n > 1) {
		char *joined = arena_alloc(L->scratch, total);
		if (joined != NULL) {
			size_t k = 0;
			for (size_t i = 0; i < r->n; i++) {
				memcpy(joined + k, r->v[i].text, r->v[i].len);
				k += r->v[i].len;
			}
		}
		text = joined;
	}
	if (text == NULL) {
		L->oom = 1;
		return NULL;
	}
	const char *lang = r->v[0].lang;
	uint64_t h = L->memo ? layout_memo_hash(lang, text, total) : 0;
	const char *brks = layout_memo_get(L->memo, h, lang, text, total);
	if (brks == NULL) {
		char *found = arena_alloc(L->scratch, total);
		if (found == NULL) {
			L->oom = 1;
			return NULL;
		}
		set_linebreaks_utf8((const utf8_t *)text, total, lang, found);
		layout_memo_put(L->memo, h, lang, text, total, found);
		brks = found;
	}

	struct ltoken *tok = NULL;
	size_t ntok = 0, cap = 0, base = 0;
	for (size_t i = 0; i < r->n; base += r->v[i].len, i++) {
		const struct lrun *run = &r->v[i];
		size_t p = 0;
		while (p < run->len) {
			if (run->text[p] == ' ') {
				if (ntok > 0) {
					struct ltoken *k = &tok[ntok - 1];
					if (k->space_after == 0)
						k->space_after = layout_width(
						    L, run->face, size, " ", 1);
					k->brk = brks[base + p] ==
					             LINEBREAK_ALLOWBREAK ||
					         brks[base + p] ==
					             LINEBREAK_MUSTBREAK;
				}
				p++;
				continue;
			}
			size_t q = p;
			int brk = 0;
			while (q < run->len && run->text[q] != ' ') {
				uint32_t cp;
				q += layout_utf8(run->text + q, run->len - q, &cp);
				char b = brks[base + q - 1];
				if ((b == LINEBREAK_ALLOWBREAK ||
				     b == LINEBREAK_MUSTBREAK) &&
				    (q == run->len || run->text[q] != ' ')) {
					brk = 1;
					break;
				}
			}
			if (arena_grow(L->scratch, (void **)&tok, &cap, ntok + 1,
			               sizeof *tok) != 0) {
				L->oom = 1;
				return NULL;
			}
			struct ltoken *k = &tok[ntok++];
			k->run = run;
			k->start = p;
			k->end = q;
			k->w = layout_width(L, run->face, size, run->text + p,
			                    q - p);
			k->space_after = 0;
			k->brk = (unsigned char)brk;
			p = q;
		}
	}
	*ntokp = ntok;
	return tok;
}

static int layout_is_address(const struct ltoken *tk);
static size_t layout_address_points(const struct ltoken *tk, size_t *at,
                                    size_t max);
struct lparas;
static void layout_record_para(struct layout *L, struct lparas *ps,
                               double dx, const double *w, const double *gap,
                               size_t n);

/* The widest part of runs no line can break (a word, "departmental/"),
 * and the width of them all set on one line; with paras, their words are
 * recorded there as a paragraph indented dx. */
static void layout_scratch_done(struct layout *L)
{
	if (--L->scratch_users == 0)
		arena_reset(L->scratch);
}

static void layout_runs_extent_in(struct layout *L, const struct lruns *r,
                                  double size, double *widest,
                                  double *line, struct lparas *paras,
                                  double dx);

/* The widest word (or unbreakable run) of r and its whole width on one
 * line; paras, if not NULL, gets its words' widths. */
static void layout_runs_extent(struct layout *L, const struct lruns *r,
                               double size, double *widest, double *line,
                               struct lparas *paras, double dx)
{
	L->scratch_users++;
	layout_runs_extent_in(L, r, size, widest, line, paras, dx);
	layout_scratch_done(L);
}

static void layout_runs_extent_in(struct layout *L, const struct lruns *r,
                                  double size, double *widest,
                                  double *line, struct lparas *paras,
                                  double dx)
{
	size_t ntok;
	struct ltoken *tok = layout_tokens(L, r, size, &ntok);
	double *ws = NULL, *gaps = NULL;
	size_t nw = 0, nwords = ntok;
	for (size_t i = 0; i < ntok; i++)
		if (layout_is_address(&tok[i]))
			nwords += 64;
	if (paras != NULL && ntok > 0) {
		ws = arena_alloc(L->a, nwords * sizeof *ws);
		gaps = arena_alloc(L->a, nwords * sizeof *gaps);
		if (ws == NULL || gaps == NULL) {
			L->oom = 1;
			ws = gaps = NULL;
		}
	}
	double word = 0;
	*widest = *line = 0;
	for (size_t i = 0; i < ntok; i++) {
		*line += tok[i].w;
		if (layout_is_address(&tok[i])) {
			/* breaks after its punctuation: pieces, as words */
			size_t at[64];
			size_t nat = layout_address_points(&tok[i], at, 63);
			at[nat++] = tok[i].end - tok[i].start;
			size_t from = tok[i].start;
			for (size_t k = 0; k + 1 < nat; k++) {
				size_t to = tok[i].start + at[k];
				double pw = layout_width(L, tok[i].run->face, size,
				                         tok[i].run->text + from,
				                         to - from);
				word += pw;
				if (word > *widest)
					*widest = word;
				if (ws != NULL) {
					ws[nw] = word;
					gaps[nw++] = 0;
				}
				word = 0;
				from = to;
			}
			word += layout_width(L, tok[i].run->face, size,
			                     tok[i].run->text + from,
			                     tok[i].end - from);
		} else {
			word += tok[i].w;
		}
		if (tok[i].brk || i + 1 == ntok) {
			if (word > *widest)
				*widest = word;
			if (ws != NULL) {
				ws[nw] = word;
				gaps[nw++] = tok[i].space_after;
			}
			word = 0;
		} else {
			word += tok[i].space_after;
		}
		if (i + 1 < ntok)
			*line += tok[i].space_after;
	}
	if (paras != NULL)
		layout_record_para(L, paras, dx, ws, gaps, nw);
}

/* A hyphen in the face of run, drawn after a part of its word. */
static const struct lrun *layout_hyphen_run(struct layout *L,
                                            const struct lrun *run)
{
	struct lrun *hy = arena_alloc(L->a, sizeof *hy);
	if (hy == NULL) {
		L->oom = 1;
		return NULL;
	}
	*hy = *run;
	/* a soft hyphen: drawn as a hyphen, and dropped by whatever reads
	 * the words back (a screen reader, pdftotext joining the word) */
	hy->text = "\xC2\xAD";
	hy->len = 2;
	return hy;
}

static double layout_hyphen_width(const struct lwrap *w,
                                  const struct lrun *run)
{
	return w->L->m->advance(w->L->m->ctx, run->face, '-') * w->t->size /
	       1000;
}

/* Where token tk may be hyphenated: none in a name or an address, nor
 * in a language without patterns. */
static size_t layout_hyphen_points(struct lwrap *w, const struct ltoken *tk,
                                   size_t *at, size_t max)
{
	const struct lrun *run = tk->run;
	if (run->whole || w->L->hyph == NULL)
		return 0;
	size_t n = hyph_points(w->L->hyph,
	                       run->lang ? run->lang : w->L->ld->lang,
	                       run->text + tk->start, tk->end - tk->start, at,
	                       max);
	if (hyph_out_of_memory(w->L->hyph))
		w->L->oom = 1;
	return n;
}

/* Whether tk is (a part of) an address, a file name or a code: a web or
 * email address, or words joined by slashes or underscores. It breaks
 * after its punctuation and never takes a hyphen, which would change it. */
static int layout_is_address(const struct ltoken *tk)
{
	const char *t = tk->run->text + tk->start;
	size_t n = tk->end - tk->start;
	if (n > 4 && memcmp(t, "www.", 4) == 0)
		return 1;
	int slash = 0;
	for (size_t q = 0; q + 1 < n; q++) {
		if (t[q] == '@' || t[q] == '_')
			return 1;
		slash |= t[q] == '/';
	}
	/* words joined by slashes; not a date or a year like 2017/18 */
	for (size_t q = 0; slash && q < n; q++)
		if (((unsigned char)t[q] | 0x20) >= 'a' &&
		    ((unsigned char)t[q] | 0x20) <= 'z')
			return 1;
	return 0;
}

/* Where an address may break: after its punctuation. */
static size_t layout_address_points(const struct ltoken *tk, size_t *at,
                                    size_t max)
{
	const char *t = tk->run->text + tk->start;
	size_t n = tk->end - tk->start, found = 0;
	for (size_t q = 0; q + 1 < n && found < max; q++)
		if (strchr("/._-?#&=@~+", t[q]) != NULL &&
		    strchr("/._-?#&=@~+", t[q + 1]) == NULL)
			at[found++] = q + 1;
	return found;
}

/* The longest part of tk from byte s to one of its points at[] that
 * fits in room, with the hyphen of width hw after it; 0 if none does. */
static size_t layout_point_fit(struct lwrap *w, const struct ltoken *tk,
                               size_t s, const size_t *at, size_t nat,
                               double hw, double room, double *partw)
{
	const struct lrun *run = tk->run;
	size_t best = 0;
	for (size_t k = 0; k < nat; k++) {
		size_t p = tk->start + at[k];
		if (p <= s)
			continue;
		double pw = layout_width(w->L, run->face, w->t->size,
		                         run->text + s, p - s);
		if (pw + hw > room + 0.001)
			break;
		best = p;
		*partw = pw;
	}
	return best;
}

/* Places bytes [s,e) of tk, a hyphen after them when hyphen is set, and
 * starts a line. */
static int layout_wrap_hyphen(struct lwrap *w, const struct ltoken *tk,
                              size_t s, size_t e, double gap, double partw,
                              int hyphen)
{
	layout_wrap_place(w, tk->run, s, e, gap, partw);
	if (hyphen && tk->run->text[e - 1] != '-') {
		const struct lrun *hy = layout_hyphen_run(w->L, tk->run);
		if (hy == NULL)
			return -1;
		layout_wrap_place(w, hy, 0, hy->len, 0,
		                  layout_hyphen_width(w, hy));
	}
	if (w->line != NULL)
		w->line->split = 1;
	w->L->ld->hyphenated += hyphen;
	if (layout_wrap_newline(w) == NULL)
		return -1;
	w->hyphened += hyphen;
	return 0;
}

/* By place in the sources (none first), then by word: entries alike in
 * both are the same warning, so their order among themselves is no
 * matter. */
int layout_broken_order(const void *x, const void *y)
{
	const struct layout_broken *a = x, *b = y;
	if ((a->loc == NULL) != (b->loc == NULL))
		return a->loc == NULL ? -1 : 1;
	if (a->loc != NULL) {
		const char *fa = a->loc->file ? a->loc->file : "";
		const char *fb = b->loc->file ? b->loc->file : "";
		int c = strcmp(fa, fb);
		if (c != 0)
			return c;
		if (a->loc->line != b->loc->line)
			return a->loc->line < b->loc->line ? -1 : 1;
		if (a->loc->col != b->loc->col)
			return a->loc->col < b->loc->col ? -1 : 1;
	}
	return strcmp(a->word, b->word);
}

/* A word broken between letters: it fits no line, and has no point to
 * hyphenate that fits. Kept for the build to warn about. */
static void layout_note_broken(struct layout *L, const struct ltoken *tk)
{
	struct layout_doc *ld = L->ld;
	if (arena_grow(L->keep, (void **)&ld->broken, &ld->broken_cap,
	               ld->nbroken + 1, sizeof *ld->broken) != 0) {
		L->oom = 1;
		return;
	}
	struct layout_broken *b = &ld->broken[ld->nbroken++];
	/* words set from a string (a heading, a label) have no place of
	 * their own: the node being placed has */
	b->loc = tk->run->loc ? tk->run->loc
	                      : L->tag && L->tag->loc->line > 0 ? L->tag->loc
	                                                        : NULL;
	b->word = arena_strndup(L->keep, tk->run->text + tk->start,
	                        tk->end - tk->start);
	if (b->word == NULL)
		L->oom = 1;
}

/* Token tk, gap after what the line holds, where it does not fit on the
 * line: at its hyphenation points, on as many lines as it takes; on a new
 * line first when it begins a word; only when no part of it fits any line
 * between letters, a hyphen after each part (none in an address, which a
 * hyphen would change). */
static int layout_wrap_long(struct lwrap *w, const struct ltoken *tk,
                            double gap, int word_start)
{
	struct layout *L = w->L;
	const struct lrun *run = tk->run;
	double size = w->t->size;
	int address = layout_is_address(tk);
	double hw = address ? 0 : layout_hyphen_width(w, run);
	size_t at[64];
	size_t nat = address ? layout_address_points(tk, at, 64)
	                     : layout_hyphen_points(w, tk, at, 64);
	size_t s = tk->start;
	int noted = 0;
	/* the width of what is left, kept as the token is placed (a word of
	 * millions of letters costs its length, not its length squared) */
	double rest = tk->w;
	while (s < tk->end) {
		if (w->x + gap + rest <= w->width + 0.001) {
			layout_wrap_place(w, run, s, tk->end, gap, rest);
			return 0;
		}
		double partw = 0;
		size_t e = layout_point_fit(w, tk, s, at, nat, hw,
		                            w->width - w->x - gap, &partw);
		if (e > s) {
			if (layout_wrap_hyphen(w, tk, s, e, gap, partw,
			                       !address) != 0)
				return -1;
			s = e;
			rest -= partw;
			gap = 0;
			word_start = 1;
			continue;
		}
		if (w->line->n > 0 && word_start) {
			if (layout_wrap_newline(w) == NULL)
				return -1;
			gap = 0;
			continue;
		}
		/* between letters */
		e = s;
		double used = 0;
		while (e < tk->end) {
			uint32_t cp;
			size_t n = layout_utf8(run->text + e, tk->end - e, &cp);
			double cw = L->m->advance(L->m->ctx, run->face, cp) *
			            size / 1000;
			if (w->x + gap + used + cw + hw > w->width + 0.001 &&
			    (e > s || w->line->n > 0))
				break;
			used += cw;
			e += n;
		}
		if (!noted) {
			layout_note_broken(L, tk);
			noted = 1;
		}
		if (e > s) {
			rest -= used;
			layout_wrap_place(w, run, s, e, gap, used);
			if (!address && run->text[e - 1] != '-') {
				const struct lrun *hy = layout_hyphen_run(L, run);
				if (hy == NULL)
					return -1;
				layout_wrap_place(w, hy, 0, hy->len, 0, hw);
			}
		}
		gap = 0;
		s = e;
		word_start = 1;
		if (s < tk->end) {
			w->line->split = 1;
			if (layout_wrap_newline(w) == NULL)
				return -1;
		}
	}
	return 0;
}

/* A word that does not fit at the end of a line, hyphenated there rather
 * than moved whole, leaving a hole a quarter of the line or more: a word
 * of its own between spaces, not the paragraph's last, not capitalised
 * (names of places and bodies are not cut), in no more than two
 * hyphenated lines in a row. Returns 1 when it was, -1 when memory
 * ran out. */
static int layout_wrap_line_end(struct lwrap *w, const struct ltoken *tk,
                                double gap)
{
	double room = w->width - w->x - gap;
	if (w->hyphened >= 2 || room < w->width / 4 || tk->run->heading ||
	    hyph_capitalised(tk->run->text + tk->start, tk->end - tk->start))
		return 0;
	size_t at[64];
	size_t nat = layout_hyphen_points(w, tk, at, 64), kept = 0;
	/* three letters at least before the hyphen ("re-", "em-" read as
	 * words of their own) */
	for (size_t k = 0; k < nat; k++)
		if (at[k] >= 3)
			at[kept++] = at[k];
	nat = kept;
	double partw = 0;
	size_t e = layout_point_fit(w, tk, tk->start, at, nat,
	                            layout_hyphen_width(w, tk->run), room,
	                            &partw);
	if (e == 0)
		return 0;
	if (layout_wrap_hyphen(w, tk, tk->start, e, gap, partw, 1) != 0)
		return -1;
	struct ltoken rest = *tk;
	rest.start = e;
	rest.w = layout_width(w->L, tk->run->face, w->t->size,
	                      tk->run->text + e, tk->end - e);
	if (rest.w <= w->width + 0.001) {
		layout_wrap_place(w, rest.run, rest.start, rest.end, 0, rest.w);
		return 1;
	}
	return layout_wrap_long(w, &rest, 0, 1) != 0 ? -1 : 1;
}

/* Greedy line filling: each word (tokens up to a break) on the line if it
 * fits, else on the next, hyphenated where that leaves no big hole or it
 * fits no line whole. */
static void layout_wrap_in(struct layout *L, const struct lruns *r,
                           double size, double width, struct ltext *t);

static void layout_wrap(struct layout *L, const struct lruns *r, double size,
                        double width, struct ltext *t)
{
	L->scratch_users++;
	layout_wrap_in(L, r, size, width, t);
	layout_scratch_done(L);
}

static void layout_wrap_in(struct layout *L, const struct lruns *r,
                           double size, double width, struct ltext *t)
{
	memset(t, 0, sizeof *t);
	t->size = size;
	t->lead = size * L->st->leading;
	if (width < size)
		width = size;
	size_t ntok;
	struct ltoken *tok = layout_tokens(L, r, size, &ntok);

	struct lwrap w = {L, t, width, NULL, 0, 0};
	if (layout_wrap_newline(&w) == NULL)
		return;
	double pending_space = 0;
	for (size_t i = 0; i < ntok && !L->oom;) {
		size_t j = i;
		double ww = tok[i].w;
		while (!tok[j].brk && j + 1 < ntok) {
			ww += tok[j].space_after;
			ww += tok[++j].w;
		}
		double gap = w.line->n ? pending_space : 0;
		int placed = 0;
		if (w.line->n && w.x + gap + ww > width + 0.001) {
			if (i == j && j + 1 < ntok && tok[j].space_after > 0 &&
			    (i == 0 || tok[i - 1].space_after > 0))
				placed = layout_wrap_line_end(&w, &tok[i], gap);
			if (placed < 0)
				return;
			if (!placed) {
				if (layout_wrap_newline(&w) == NULL)
					return;
				w.hyphened = 0;
				gap = 0;
			}
		}
		for (size_t k = i; k <= j && !placed; k++) {
			const struct ltoken *tk = &tok[k];
			double g = k == i ? gap : tok[k - 1].space_after;
			if (w.x + g + tk->w <= width + 0.001)
				layout_wrap_place(&w, tk->run, tk->start, tk->end,
				                  g, tk->w);
			else if (layout_wrap_long(&w, tk, g, k == i) != 0)
				return;
		}
		pending_space = tok[j].space_after;
		i = j + 1;
	}
}

static void layout_wrap_text(struct layout *L, const char *text,
                             enum face face, uint32_t colour, double size,
                             double width, struct ltext *t)
{
	/* lines point into the text: keep a copy in the work arena (L->a:
	 * while a table's row is measured or placed, the row's own, let go
	 * once it is placed), so callers may pass a buffer on their stack */
	size_t len = strlen(text);
	char *copy = arena_strndup(L->a, text, len);
	if (copy == NULL) {
		L->oom = 1;
		memset(t, 0, sizeof *t);
		return;
	}
	struct lruns r = {0};
	struct lrun *run = layout_add_run(L, &r, face, copy, len, NULL, colour);
	if (run != NULL)
		run->whole = 1;   /* headings, labels, fields: never hyphenated */
	layout_wrap(L, &r, size, width, t);
}

/* Baseline of a line whose box starts at top. */
static double layout_baseline(double top, double size, double lead)
{
	return top - ((lead - size) / 2 + size * 0.8);
}

/* Whether fragment b can be drawn as one text with a before it: the same
 * look, and next to it or one space after it (*space set then). */
static int layout_frags_join(const struct layout *L, const struct lfrag *a,
                             const struct lfrag *b, double size, int *space)
{
	const struct lrun *x = a->run, *y = b->run;
	if (x->face != y->face || x->colour != y->colour ||
	    !(x->href == y->href ||
	      (x->href && y->href && strcmp(x->href, y->href) == 0)))
		return 0;
	double gap = b->x - (a->x + a->w);
	double sw = L->m->advance(L->m->ctx, x->face, ' ') * size / 1000;
	*space = gap > 0.01;
	return gap > -0.01 && (gap < 0.01 || (gap > sw - 0.01 && gap < sw + 0.01));
}

static void layout_emit_line(struct layout *L, const struct lline *ln,
                             double x, double top, double size, double lead)
{
	double base = layout_baseline(top, size, lead);
	for (size_t i = 0; i < ln->n;) {
		const struct lfrag *f = &ln->frags[i];
		const struct lrun *r = f->run;
		/* fragments of one look that touch, or are a space apart, are
		 * one text (a name and the comma after it) */
		size_t j = i + 1, len = f->end - f->start;
		double w = f->w;
		int space;
		while (j < ln->n &&
		       layout_frags_join(L, &ln->frags[j - 1], &ln->frags[j],
		                         size, &space)) {
			len += (size_t)space + ln->frags[j].end -
			       ln->frags[j].start;
			w = ln->frags[j].x + ln->frags[j].w - f->x;
			j++;
		}
		const char *text = r->text + f->start;
		if (j > i + 1) {
			char *t = arena_alloc(L->a, len + 1);
			if (t == NULL) {
				L->oom = 1;
				return;
			}
			size_t k = 0;
			for (size_t q = i; q < j; q++) {
				const struct lfrag *g = &ln->frags[q];
				if (q > i && layout_frags_join(L, &ln->frags[q - 1], g,
				                               size, &space) &&
				    space)
					t[k++] = ' ';
				memcpy(t + k, g->run->text + g->start,
				       g->end - g->start);
				k += g->end - g->start;
			}
			text = t;
			len = k;
		}
		struct box *tb = layout_text_box(L, x + f->x, base, r->face, size,
		                                 r->colour, text, len);
		if (tb != NULL) {
			layout_box_attrs(L, tb, r->lang ? r->lang : L->lang,
			                 r->href, NULL);
			/* no space between it and the next words: the next
			 * look touches it, or the line ends inside a word */
			const struct lfrag *last = &ln->frags[j - 1];
			tb->joined = j < ln->n
			    ? ln->frags[j].x - (last->x + last->w) <= 0.01
			    : ln->split;
		}
		i = j;
		if (r->href == NULL)
			continue;
		layout_line(L, x + f->x, base - size * 0.12, w, 0, size * 0.05,
		            r->colour);
		struct box *b = layout_box(L, BOX_LINK);
		if (b == NULL)
			return;
		b->x = x + f->x;
		b->y = base - size * 0.25;
		b->w = w;
		b->h = size * 1.2;
		b->text = r->href;
		b->len = strlen(r->href);
	}
}

/* Flows lines down the page, breaking pages between lines. */
static void layout_flow(struct layout *L, const struct ltext *t, double x)
{
	for (size_t i = 0; i < t->n; i++) {
		layout_need(L, t->lead);
		layout_emit_line(L, &t->lines[i], x, L->y, t->size, t->lead);
		L->y -= t->lead;
	}
}


/* ---------------------------------------------------------------- */
/* headings and blocks                                               */

/* A heading, kept on one page with keep points of what follows it (at
 * least three lines of body text). */
static void layout_heading_keep(struct layout *L, const char *title,
                                int number, double size, int level,
                                double keep)
{
	const char *text = number > 0
	                   ? arena_printf(L->a, "%d. %s", number, title)
	                   : title;
	if (text == NULL) {
		L->oom = 1;
		return;
	}
	struct ltext t;
	layout_wrap_text(L, text, FACE_BOLD, L->st->accent_colour, size,
	                 L->right - L->left, &t);
	double body_lead = L->st->body_size * L->st->leading;
	double own = size * 0.6 + t.n * t.lead;
	if (keep < 3 * body_lead || own + keep > L->top - L->bottom)
		keep = 3 * body_lead;
	layout_need(L, own + keep);
	if (L->y < L->top)
		L->y -= size * 0.6;
	layout_mark(L, text, level);
	layout_flow(L, &t, L->left);
	L->y -= L->st->paragraph_gap * 0.5;
}

static void layout_heading(struct layout *L, const char *title, int number,
                           double size, int level)
{
	layout_heading_keep(L, title, number, size, level, 0);
}


/* ---------------------------------------------------------------- */
/* items: the lines, ticks, labels and rules cells are made of       */

static struct litem *layout_cell_add(struct layout *L, struct lcell *c,
                              enum litem_kind kind, double h)
{
	if (arena_grow(L->a, (void **)&c->items, &c->cap, c->n + 1,
	               sizeof *c->items) != 0) {
		L->oom = 1;
		return NULL;
	}
	struct litem *it = &c->items[c->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->h = h;
	it->tag = L->tag;
	c->h += h;
	return it;
}

static void layout_cell_text(struct layout *L, struct lcell *c, const struct ltext *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct litem *it = layout_cell_add(L, c, ITEM_LINE, t->lead);
		if (it == NULL)
			return;
		it->line = &t->lines[i];
		it->size = t->size;
		/* never one line of a paragraph alone at the foot of a page
		 * or at the top of the next, nor a word split across them */
		it->keep = (t->n >= 2 && (i == 0 || i + 2 == t->n)) ||
		           t->lines[i].split;
	}
}

/* The last item of c stays on the page of what follows it. */
static void layout_cell_keep_last(struct lcell *c)
{
	if (c->n > 0)
		c->items[c->n - 1].keep = 1;
}

static void layout_cell_plain(struct layout *L, struct lcell *c, const char *text,
                       enum face face, uint32_t colour, double width)
{
	struct ltext *t = arena_alloc(L->a, sizeof *t);
	if (t == NULL) {
		L->oom = 1;
		return;
	}
	layout_wrap_text(L, text, face, colour, L->st->body_size, width, t);
	layout_cell_text(L, c, t);
}

static void layout_cell_lines(struct layout *L, struct lcell *c,
                              const struct ltext *t, double dx,
                              const char *marker, double marker_dx,
                              enum face marker_face, uint32_t marker_colour)
{
	size_t first = c->n;
	layout_cell_text(L, c, t);
	for (size_t i = first; i < c->n; i++)
		c->items[i].dx = dx;
	if (marker != NULL && first < c->n) {
		c->items[first].marker = marker;
		c->items[first].marker_dx = marker_dx;
		c->items[first].marker_face = marker_face;
		c->items[first].marker_colour = marker_colour;
	}
}


static void layout_cell_gap(struct layout *L, struct lcell *c, double h)
{
	if (h > 0)
		layout_cell_add(L, c, ITEM_GAP, h);
}

static void layout_cell_pad_to(struct layout *L, struct lcell *c, double h)
{
	if (c->h < h - 0.001)
		layout_cell_add(L, c, ITEM_GAP, h - c->h);
}

static void layout_cell_label(struct layout *L, struct lcell *c, const char *word,
                       uint32_t fill, uint32_t colour, double width)
{
	if (word == NULL)
		return;
	double size = L->st->body_size;
	struct ltext t;
	layout_wrap_text(L, word, FACE_BOLD, colour, size, width - size * 0.8,
	                 &t);
	for (size_t i = 0; i < t.n; i++) {
		const struct lline *ln = &t.lines[i];
		if (ln->n == 0)
			continue;
		struct litem *it = layout_cell_add(L, c, ITEM_LABEL,
		                                   size * L->st->leading);
		if (it == NULL)
			return;
		/* the line's fragments, a hyphen at a forced break included */
		size_t len = 0;
		for (size_t k = 0; k < ln->n; k++)
			len += ln->frags[k].end - ln->frags[k].start;
		char *text = arena_alloc(L->a, len + 1);
		if (text == NULL) {
			L->oom = 1;
			return;
		}
		len = 0;
		for (size_t k = 0; k < ln->n; k++) {
			const struct lfrag *f = &ln->frags[k];
			memcpy(text + len, f->run->text + f->start,
			       f->end - f->start);
			len += f->end - f->start;
		}
		it->text = text;
		it->fill = fill;
		it->colour = colour;
		it->size = size;
	}
}

static const char *layout_plain(struct layout *L, const struct pt_node *n);

/* The words that name a form field for whoever fills it in: its column's
 * head when it is in a table, the words it is labelled by, and its hint. */
static const char *layout_field_tip(struct layout *L,
                                    const struct pt_node *n)
{
	const struct pt_node *cell = n->parent;
	while (cell != NULL && cell->type != PT_CELL)
		cell = cell->parent;
	const struct pt_node *head = cell ? pt_column_head(cell) : NULL;
	const char *h = head ? layout_plain(L, head) : "";
	const char *label = layout_plain(L, pt_more_of(n)->label_by);
	const char *hint = layout_plain(L, pt_more_of(n)->hint);
	char *tip = arena_printf(L->a, "%s%s%s%s%s", h, *h && label ? ": " : "",
	                         label ? label : "", hint ? " " : "",
	                         hint ? hint : "");
	if (tip == NULL)
		L->oom = 1;
	return tip ? tip : "";
}

/* The language of all of n's words when they are in one other than the
 * document's (a heading left untranslated), else NULL: for words layout
 * sets from n's plain text. */
static const char *layout_words_lang(const struct pt_node *n)
{
	const char *lang = NULL;
	int any = 0;
	for (const struct pt_node *x = n ? n->first : NULL; x;
	     x = pt_walk_next(n, x)) {
		if (x->type != PT_TEXT || x->text[0] == '\0')
			continue;
		const char *l = NULL;
		for (const struct pt_node *a = x; a && a != n->parent;
		     a = a->parent)
			if (pt_more_of(a)->lang != NULL) {
				l = pt_more_of(a)->lang;
				break;
			}
		if (strspn(x->text, " .,:;-\xE2\x80\x93") == strlen(x->text))
			continue;   /* "2. ", ": ": no language of their own */
		if (l == NULL || (any && (lang == NULL || strcmp(l, lang))))
			return NULL;
		lang = l;
		any = 1;
	}
	return lang;
}

/* A form field over the rectangle x, y, w, h, when n is one. */
static void layout_form_field(struct layout *L, const struct pt_node *n,
                              double x, double y, double w, double h)
{
	if (n == NULL || pt_input(n) == NULL)
		return;
	struct box *b = layout_box_at(L, BOX_FIELD, x, y, w, h);
	if (b == NULL)
		return;
	b->text = pt_more_of(n)->input;
	b->len = strlen(pt_more_of(n)->input);
	const char *tip = arena_strdup(L->keep, layout_field_tip(L, n));
	if (tip == NULL) {
		L->oom = 1;
		tip = "";
	}
	layout_box_attrs(L, b, NULL, NULL, tip);
	b->field = n->type == PT_TICK ? FIELD_CHECK
	           : n->multiline ? FIELD_LINES : FIELD_TEXT;
	L->ld->nfields++;
}

static void layout_draw_tick(struct layout *L, double cx, double cy,
                             int ticked)
{
	double s = L->st->tick_size;
	layout_rect(L, cx - s / 2, cy - s / 2, s, s, 1, 0xFFFFFF, 1.0,
	            L->st->text_colour);
	if (!ticked)
		return;
	double lw = s * 0.13;
	layout_line(L, cx - s * 0.30, cy + s * 0.02, s * 0.20, -s * 0.24, lw,
	            L->st->text_colour);
	layout_line(L, cx - s * 0.10, cy - s * 0.22, s * 0.42, s * 0.52, lw,
	            L->st->text_colour);
}

/* Draws one item with its top at top, in a cell starting at cx. */
static void layout_draw_item_as(struct layout *L, const struct litem *it,
                                double cx, double top, double cw);

static void layout_draw_item(struct layout *L, const struct litem *it,
                             double cx, double top, double cw)
{
	const struct pt_node *was = L->tag;
	L->tag = it->tag;
	layout_draw_item_as(L, it, cx, top, cw);
	L->tag = was;
}

/* A tick box's state in words, unseen where it is drawn: read aloud,
 * copied and searched ("Ticked", "Not ticked"). */
static void layout_tick_words(struct layout *L, const struct pt_node *tick,
                              double cx, double cy)
{
	if (tick == NULL)
		return;
	const char *words = layout_plain(L, tick);
	/* within the box, so nothing that reads text by where it is (a
	 * copy, pdftotext) takes it for part of the words beside it */
	double size = L->st->body_size;
	double w = layout_width(L, FACE_REGULAR, size, words, strlen(words));
	if (w > L->st->tick_size)
		size *= L->st->tick_size / w;
	const struct pt_node *was = L->tag;
	L->tag = tick;
	struct box *b = layout_text_box(L, cx - L->st->tick_size / 2,
	                                cy - size * 0.35, FACE_REGULAR, size,
	                                L->st->text_colour, words,
	                                strlen(words));
	if (b != NULL)
		b->invisible = 1;
	L->tag = was;
}

static void layout_draw_item_as(struct layout *L, const struct litem *it,
                                double cx, double top, double cw)
{
	switch (it->kind) {
	case ITEM_GAP:
		break;
	case ITEM_LINE:
		/* the marker first: text is drawn in reading order; a
		 * bullet is decoration, a number or a tick is read */
		if (it->marker) {
			const struct pt_node *was = L->tag;
			if (strcmp(it->marker, "\xE2\x80\xA2") == 0 ||
			    strcmp(it->marker, "\xE2\x97\xA6") == 0 ||
			    strcmp(it->marker, "\xE2\x96\xAA") == 0)
				L->tag = NULL;
			layout_text_box(L, cx + it->marker_dx,
			                layout_baseline(top, it->size, it->h),
			                it->marker_face, it->size,
			                it->marker_colour, it->marker,
			                strlen(it->marker));
			L->tag = was;
		}
		if (it->line != NULL)
			layout_emit_line(L, it->line, cx + it->dx, top, it->size,
			                 it->h);
		if (it->right != NULL)
			layout_emit_line(L, it->right, cx + cw - it->right->w,
			                 top, it->size, it->h);
		break;
	case ITEM_TICK: {
		double sz = L->st->tick_size;
		layout_draw_tick(L, cx + cw / 2, top - it->h / 2, it->ticked);
		layout_tick_words(L, it->node, cx + cw / 2, top - it->h / 2);
		layout_form_field(L, it->node, cx + cw / 2 - sz / 2,
		                  top - it->h / 2 - sz / 2, sz, sz);
		break;
	}
	case ITEM_ENTRY:
		/* the cell's own rules frame it, on paper and on screen */
		layout_form_field(L, it->node, cx - LAYOUT_CELL_PAD + 1,
		                  top - it->h, cw + 2 * LAYOUT_CELL_PAD - 2,
		                  it->h);
		break;
	case ITEM_RULE:
		layout_line(L, cx - LAYOUT_CELL_PAD, top - it->h / 2,
		            cw + 2 * LAYOUT_CELL_PAD, 0, 0.5, L->st->rule_colour);
		break;
	case ITEM_LABEL: {
		double size = it->size;
		double w = layout_width(L, FACE_BOLD, size, it->text,
		                        strlen(it->text)) + size * 0.8;
		double bh = size * 1.3;
		double by = top - (it->h + bh) / 2;
		layout_rect(L, cx + it->dx, by, w, bh, 1, it->fill, 0, 0);
		layout_text_box(L, cx + it->dx + size * 0.4,
		                by + (bh - size * 0.72) / 2, FACE_BOLD, size,
		                it->colour, it->text, strlen(it->text));
		break;
	}
	}
}

/* Flows a cell's items down the page, breaking pages between items. */
static void layout_flow_cell(struct layout *L, const struct lcell *c, double x,
                      double width)
{
	for (size_t i = 0; i < c->n && !L->oom; i++) {
		const struct litem *it = &c->items[i];
		if (it->kind == ITEM_GAP) {
			if (L->y < L->top)
				L->y -= it->h;
			continue;
		}
		/* an item kept with the next needs room for both */
		double h = it->h;
		for (size_t j = i; j + 1 < c->n && c->items[j].keep; j++)
			h += c->items[j + 1].h;
		layout_need(L, h);
		layout_draw_item(L, it, x, L->y, width);
		L->y -= it->h;
	}
}


/* ---------------------------------------------------------------- */
/* tables                                                            */

static double layout_cell_width(const struct ltable *tb, int col)
{
	return tb->x[col + 1] - tb->x[col] - 2 * LAYOUT_CELL_PAD;
}

static void layout_row_finish(struct lrow *row, int ncols)
{
	row->h = row->head.h;
	for (int i = 0; i < (row->span_all ? 1 : ncols); i++)
		if (row->cells[i].h > row->h)
			row->h = row->cells[i].h;
}

/* The deepest offset in (from, want] at which cell c may be cut: an item
 * boundary, any point inside a gap, or anything past the content. Returns
 * from when there is none. */
/* Where a cell's scan may start for offsets from `from` on: past the items
 * wholly before it (they end by from and start before it), which neither
 * a cut nor a slice there looks at. Moves on from the cursor a caller
 * keeps while it walks a tall row down its pages, so splitting a row of
 * n lines costs n, not n times its pages. */
struct lcursor {
	size_t k;                /* first item to look at */
	double off;              /* where it starts */
};

static void layout_cell_seek(const struct lcell *c, struct lcursor *cur,
                             double from)
{
	const double eps = 0.001;
	while (cur->k < c->n && cur->off + c->items[cur->k].h <= from + eps &&
	       cur->off < from - eps) {
		cur->off += c->items[cur->k].h;
		cur->k++;
	}
}

static double layout_cell_cut(const struct lcell *c, struct lcursor *cur,
                              double from, double want)
{
	const double eps = 0.001;
	struct lcursor start = {0, 0};
	if (cur == NULL)
		cur = &start;
	layout_cell_seek(c, cur, from);
	/* best: the deepest cut that parts nothing kept together; any:
	 * the deepest at all, for when keeping them leaves no cut */
	double off = cur->off, best = from, any = from;
	for (size_t i = cur->k; i < c->n; i++) {
		const struct litem *it = &c->items[i];
		double end = off + it->h;
		int kept = i > 0 && c->items[i - 1].keep;
		if (off > want + eps)
			return best > from + eps ? best : any;
		if (off > from + eps) {
			any = off;
			if (!kept)
				best = off;
		}
		if (it->kind == ITEM_GAP) {
			double p = want < end ? want : end;
			if (p > from + eps) {
				any = p;
				if (!kept)
					best = p;
			}
		}
		off = end;
	}
	if (off <= want + eps)
		return want;
	return best > from + eps ? best : any;
}

/* Draws offsets [from[i], to[i]) of each cell's content with the slice's
 * top at L->y; the slice is as tall as its tallest part. */
static void layout_row_slice_cells(struct layout *L, const struct ltable *tb,
                                   const struct lrow *row, const double *from,
                                   const double *to, struct lcursor *cur)
{
	const struct style *st = L->st;
	int ncells = row->span_all ? 1 : tb->ncols;
	double content = 0;
	for (int i = 0; i < ncells; i++)
		if (to[i] - from[i] > content)
			content = to[i] - from[i];
	if (row->head.n > 0 && to[LAYOUT_HEAD] - from[LAYOUT_HEAD] > content)
		content = to[LAYOUT_HEAD] - from[LAYOUT_HEAD];
	double h = content + 2 * LAYOUT_CELL_VPAD;
	double top = L->y;
	double x0 = tb->x[0], x1 = tb->x[tb->ncols];
	if (row->filled)
		layout_rect(L, x0, top - h, x1 - x0, h, 1, row->fill, 0, 0);
	/* the head, across the table, over the cells */
	double cells_top = top;   /* where the lines between cells begin */
	if (row->head.n > 0) {
		double hf = from[LAYOUT_HEAD], ht = to[LAYOUT_HEAD];
		double off = 0;
		for (size_t k = 0; k < row->head.n; k++) {
			const struct litem *it = &row->head.items[k];
			if (off >= ht - 0.001)
				break;
			if (off >= hf - 0.001)
				layout_draw_item(L, it, x0 + LAYOUT_CELL_PAD,
				                 top - LAYOUT_CELL_VPAD - (off - hf),
				                 x1 - x0 - 2 * LAYOUT_CELL_PAD);
			off += it->h;
		}
		/* the rule between head and cells, halfway down the gap;
		 * the lines between cells start there */
		double rule = row->head_h - LAYOUT_HEAD_GAP / 2;
		double cf = from[0];
		if (rule > cf + 0.001) {
			cells_top = top - LAYOUT_CELL_VPAD - (rule - cf);
			if (rule < to[0] - 0.001)
				layout_line(L, x0, cells_top, x1 - x0, 0, 0.5,
				            st->rule_colour);
		}
	}
	for (int i = 0; i < ncells; i++) {
		const struct lcell *c = &row->cells[i];
		double cx = tb->x[i] + LAYOUT_CELL_PAD;
		double cw = row->span_all ? x1 - x0 - 2 * LAYOUT_CELL_PAD
		                          : layout_cell_width(tb, i);
		struct lcursor start = {0, 0};
		struct lcursor *cu = cur ? &cur[i] : &start;
		layout_cell_seek(c, cu, from[i]);
		double off = cu->off;
		for (size_t k = cu->k; k < c->n; k++) {
			const struct litem *it = &c->items[k];
			if (off >= to[i] - 0.001)
				break;   /* this and the rest: later slices */
			/* an item belongs to the slice it starts in; a rule
			 * between stacked rows is not drawn at a slice's top,
			 * where the border is */
			if (off >= from[i] - 0.001 &&
			    !(it->kind == ITEM_RULE && off < from[i] + 0.001 &&
			      from[i] > 0.001))
				layout_draw_item(L, it, cx,
				                 top - LAYOUT_CELL_VPAD -
				                     (off - from[i]),
				                 cw);
			off += it->h;
		}
	}
	/* borders */
	layout_line(L, x0, top, x1 - x0, 0, 0.8, st->rule_colour);
	layout_line(L, x0, top - h, x1 - x0, 0, 0.8, st->rule_colour);
	layout_line(L, x0, top, 0, -h, 0.8, st->rule_colour);
	layout_line(L, x1, top, 0, -h, 0.8, st->rule_colour);
	if (!row->span_all && cells_top > top - h + 0.001)
		for (int i = 1; i < tb->ncols; i++)
			layout_line(L, tb->x[i], cells_top, 0,
			            -(h - (top - cells_top)), 0.8,
			            st->rule_colour);
	L->y -= h;
}

/* The same offsets in every cell (rows whose cells line up). */
static void layout_row_slice(struct layout *L, const struct ltable *tb,
                             const struct lrow *row, double from, double to,
                             struct lcursor *cur)
{
	double f[LAYOUT_MAX_COLS + 1], t[LAYOUT_MAX_COLS + 1];
	for (int i = 0; i <= LAYOUT_MAX_COLS; i++) {
		f[i] = from;
		t[i] = to;
	}
	layout_row_slice_cells(L, tb, row, f, t, cur);
}

static void layout_table_header(struct layout *L, const struct ltable *tb)
{
	if (tb->header == NULL)
		return;
	/* read once: repeated on the pages after, it is decoration */
	L->untagged = L->tagged_header == tb->header;
	layout_row_slice(L, tb, tb->header, 0, tb->header->h, NULL);
	L->untagged = 0;
	L->tagged_header = tb->header;
}

static double layout_row_height(const struct lrow *row)
{
	return row->h + 2 * LAYOUT_CELL_VPAD;
}

/* Content room (without padding) on a fresh page of the table. */
static double layout_row_room(const struct layout *L, const struct ltable *tb)
{
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	return L->top - L->bottom - header_h - 2 * LAYOUT_CELL_VPAD;
}

/* The end of the first row stacked in row from offset from on (the whole
 * row when nothing is stacked in it). */
static double layout_row_unit_end(const struct lrow *row, double from)
{
	for (size_t k = 0; k < row->nunits; k++)
		if (row->units[k] > from + 0.001)
			return row->units[k];
	return row->h;
}

/* The least room, padding included, a row needs to start on this page:
 * its first stacked row whole (the whole row, with what must follow it,
 * when nothing is stacked), unless that is taller than a page: then four
 * lines, to split after. */
static double layout_row_start(const struct layout *L, const struct ltable *tb,
                               const struct lrow *row, double keep_next)
{
	double fresh = layout_row_room(L, tb);
	double first = layout_row_unit_end(row, 0);
	if (first >= row->h - 0.001 && first + keep_next <= fresh)
		first += keep_next;
	if (first > fresh)
		first = 4 * L->st->body_size * L->st->leading;
	return first + 2 * LAYOUT_CELL_VPAD;
}

/* Cell i of a row's cut arrays: a column's, or (LAYOUT_HEAD) its head. */
static const struct lcell *layout_row_cell(const struct lrow *row, int i)
{
	return i == LAYOUT_HEAD ? &row->head : &row->cells[i];
}

/* Places one row. A row is never split when it fits on a page: it goes
 * whole on this page, or whole on the next. A row of stacked rows (the
 * updates of an action, the steps of an action point) is split where two
 * of them meet, the cells spanning them (and a head over them) breaking
 * at their own lines; only a stacked row, or a row, taller than a page is
 * split between its lines, each cell at its own deepest line that fits,
 * keeping a paragraph's first two lines and last two together.
 * keep_next: room the start of the next row needs on the page this one
 * ends on. */
static void layout_table_row(struct layout *L, const struct ltable *tb,
                             const struct lrow *row, double keep_next)
{
	const double eps = 0.001;
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	double fresh = layout_row_room(L, tb);
	double lead = L->st->body_size * L->st->leading;
	int ncells = row->span_all ? 1 : tb->ncols;
	double from[LAYOUT_MAX_COLS + 1] = {0}, to[LAYOUT_MAX_COLS + 1] = {0};
	struct lcursor cur[LAYOUT_MAX_COLS + 1];
	memset(cur, 0, sizeof cur);
	int cells[LAYOUT_MAX_COLS + 1], n = 0;
	for (int i = 0; i < ncells; i++)
		cells[n++] = i;
	if (row->head.n > 0)
		cells[n++] = LAYOUT_HEAD;
	int marked = 0, drawn = 0;
	while (!L->oom) {
		double room = L->y - L->bottom - 2 * LAYOUT_CELL_VPAD;
		int at_top = L->y >= L->top - header_h - eps;
		/* what is left, and where the stacked rows' cells are */
		double rest = 0, lo = row->h, hi = 0;
		for (int k = 0; k < n; k++) {
			int i = cells[k];
			double left = layout_row_cell(row, i)->h - from[i];
			if (left > rest)
				rest = left;
			if (i != LAYOUT_HEAD && !(row->spans >> i & 1)) {
				if (from[i] < lo)
					lo = from[i];
				if (from[i] > hi)
					hi = from[i];
			}
		}
		if (rest <= eps && drawn)
			break;
		double keep = rest + keep_next <= fresh ? keep_next : 0;
		double unit_end = layout_row_unit_end(row, hi);
		if (rest + keep <= room + eps || (at_top && rest <= room + eps)) {
			for (int k = 0; k < n; k++)
				to[cells[k]] = layout_row_cell(row, cells[k])->h;
		} else {
			/* the deepest place stacked rows meet that fits, the
			 * head (if any is left) fitting whole */
			double b = 0;
			for (size_t u = 0; u < row->nunits; u++)
				if (row->units[u] > hi + eps &&
				    row->units[u] <= lo + room + eps)
					b = row->units[u];
			if (b > 0 && row->head.h - from[LAYOUT_HEAD] > room + eps)
				b = 0;
			double unit = unit_end - lo;
			if (b <= 0 && !at_top &&
			    (unit <= fresh + eps || room < 4 * lead)) {
				layout_new_page(L);
				layout_table_header(L, tb);
				continue;
			}
			/* to b (the stacked rows' cells), or each cell to its
			 * own deepest line that fits (within its stacked row) */
			int moved = 0;
			for (int k = 0; k < n; k++) {
				int i = cells[k];
				const struct lcell *c = layout_row_cell(row, i);
				int lined = i != LAYOUT_HEAD &&
				            !(row->spans >> i & 1);
				if (lined && b > 0) {
					to[i] = b < c->h ? b : c->h;
					if (to[i] < from[i])
						to[i] = from[i];
				} else {
					double want = from[i] + (room > 0 ? room : 0);
					if (lined && want > unit_end)
						want = unit_end;
					if (want > c->h)
						want = c->h;
					to[i] = layout_cell_cut(
					    c, i == LAYOUT_HEAD ? NULL : &cur[i],
					    from[i], want);
				}
				if (to[i] > from[i] + eps)
					moved = 1;
			}
			if (!moved) {
				if (!at_top) {
					layout_new_page(L);
					layout_table_header(L, tb);
					continue;
				}
				/* nothing fits even on a fresh page (an item
				 * taller than the page): let it overflow
				 * rather than loop */
				for (int k = 0; k < n; k++)
					to[cells[k]] =
					    layout_row_cell(row, cells[k])->h;
			}
		}
		if (!marked && row->mark)
			layout_mark(L, row->mark, 1);
		marked = 1;
		layout_row_slice_cells(L, tb, row, from, to, cur);
		drawn = 1;
		rest = 0;
		for (int k = 0; k < n; k++) {
			int i = cells[k];
			from[i] = to[i];
			double left = layout_row_cell(row, i)->h - from[i];
			if (left > rest)
				rest = left;
		}
		if (rest <= eps)
			break;
		layout_new_page(L);
		layout_table_header(L, tb);
	}
}

/* How much must follow the table's next row on the same page: a
 * span-all band (a group title) never ends a page without the row after
 * it, when that fits. */
static double layout_keep_next(const struct layout *L, const struct ltable *tb)
{
	if (!tb->row[0]->span_all || tb->row[1] == NULL)
		return 0;
	return layout_row_start(L, tb, tb->row[1], 0);
}

/* The room the table needs to start on this page: its header and the
 * start of its first row. */
static double layout_table_start(const struct layout *L, const struct ltable *tb)
{
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	if (tb->row[0] == NULL)
		return header_h;
	return header_h + layout_row_start(L, tb, tb->row[0],
	                                   layout_keep_next(L, tb));
}

static struct lrow *layout_pt_row(struct layout *L, const struct ltable *tb,
                                  const struct pt_node **rowp);

/* Measures the table's next row of the tree into slot k (NULL: no row
 * is left), in that slot's arena, emptied first. */
static void layout_table_measure(struct layout *L, struct ltable *tb, int k)
{
	tb->row[k] = NULL;
	while (tb->next == NULL && tb->group != NULL) {
		tb->group = tb->group->next;
		tb->next = tb->group ? tb->group->first : NULL;
	}
	if (tb->next == NULL || L->oom)
		return;
	struct arena *was = L->a;
	if (tb->room[k] != NULL) {
		arena_reset(tb->room[k]);
		L->a = tb->room[k];
	}
	const struct pt_node *r = tb->next;
	tb->row[k] = layout_pt_row(L, tb, &r);
	tb->next = r->next;
	L->a = was;
}

/* Draws a table: header, then rows, keeping the header with the first
 * row (and a band with its row). Each row's work (and what placing it
 * made) is let go once it is placed. */
static void layout_table_rows(struct layout *L, struct ltable *tb)
{
	layout_need(L, layout_table_start(L, tb));
	layout_table_header(L, tb);
	while (tb->row[0] != NULL && !L->oom) {
		struct arena *was = L->a;
		if (tb->room[0] != NULL)
			L->a = tb->room[0];
		layout_table_row(L, tb, tb->row[0], layout_keep_next(L, tb));
		L->a = was;
		struct arena *done = tb->room[0];
		tb->row[0] = tb->row[1];
		tb->room[0] = tb->room[1];
		tb->room[1] = done;
		layout_table_measure(L, tb, 1);
	}
}

static struct lrow *layout_new_row(struct layout *L)
{
	struct lrow *r = arena_alloc(L->a, sizeof *r);
	if (r == NULL)
		L->oom = 1;
	return r;
}


static void layout_form_field(struct layout *L, const struct pt_node *n,
                              double x, double y, double w, double h);

static void layout_field(struct layout *L, const char *label,
                         const char *value, double write_h,
                         const struct pt_node *input)
{
	const struct style *st = L->st;
	double size = st->body_size, lead = size * st->leading;
	double label_w = 190;
	struct ltext lt, vt = {0};
	layout_wrap_text(L, label, FACE_BOLD, st->text_colour, size,
	                 label_w - 8, &lt);
	if (value != NULL)
		layout_wrap_text(L, value, FACE_REGULAR, st->text_colour, size,
		                 L->right - L->left - label_w, &vt);
	double h = lt.n * lead;
	if (value != NULL && vt.n * lead > h)
		h = vt.n * lead;
	if (value == NULL && write_h > h)
		h = write_h;
	layout_need(L, h + 4);
	double top = L->y;
	double label_top = value == NULL ? top - (h - lt.n * lead) : top;
	for (size_t i = 0; i < lt.n; i++)
		layout_emit_line(L, &lt.lines[i], L->left, label_top - i * lead,
		                 size, lead);
	if (value != NULL) {
		for (size_t i = 0; i < vt.n; i++)
			layout_emit_line(L, &vt.lines[i], L->left + label_w,
			                 top - i * lead, size, lead);
	} else {
		double base = layout_baseline(top - h + lead, size, lead);
		layout_line(L, L->left + label_w, base - 2,
		            L->right - L->left - label_w, 0, 0.8,
		            st->text_colour);
		/* a field filled in on screen sits on the line written on */
		double fh = input && input->multiline ? top - (base - 1.5)
		                                      : lead;
		layout_form_field(L, input, L->left + label_w, base - 1.5,
		                  L->right - L->left - label_w, fh);
	}
	L->y = top - h - 6;
}


/* The nodes the title block's parts are, for box.tag. */
struct ltitle {
	const struct pt_node *title, *subtitle, *band;
};

static void layout_title_block(struct layout *L, const char *title,
                        const char *subtitle, const char *band_bold,
                        const char *band_text, const struct ltitle *nodes)
{
	const struct style *st = L->st;
	double width = L->right - L->left;
	struct ltext t;
	const struct pt_node *was = L->tag;
	L->tag = nodes->title;
	L->lang = layout_words_lang(nodes->title);
	layout_wrap_text(L, title ? title : "", FACE_BOLD, st->accent_colour,
	                 st->title_size, width, &t);
	layout_flow(L, &t, L->left);
	if (subtitle) {
		L->tag = nodes->subtitle;
		L->lang = layout_words_lang(nodes->subtitle);
		layout_wrap_text(L, subtitle, FACE_REGULAR, st->muted_colour,
		                 st->subtitle_size, width, &t);
		layout_flow(L, &t, L->left);
	}
	L->tag = nodes->band;
	L->lang = NULL;
	L->y -= 6;
	if (band_bold != NULL) {
		struct ltext a, b = {0};
		layout_wrap_text(L, band_bold, FACE_BOLD, st->text_colour,
		                 st->subtitle_size, width - 20, &a);
		if (band_text)
			layout_wrap_text(L, band_text, FACE_REGULAR,
			                 st->text_colour, st->body_size,
			                 width - 20, &b);
		double h = a.n * a.lead + b.n * b.lead + 16;
		layout_rect(L, L->left, L->y - h, width, h, 1, st->band_colour,
		            0.8, st->rule_colour);
		L->y -= 8;
		for (size_t i = 0; i < a.n; i++, L->y -= a.lead)
			layout_emit_line(L, &a.lines[i], L->left + 10, L->y,
			                 a.size, a.lead);
		for (size_t i = 0; i < b.n; i++, L->y -= b.lead)
			layout_emit_line(L, &b.lines[i], L->left + 10, L->y,
			                 b.size, b.lead);
		L->y -= 8 + 6;
	}
	L->tag = was;
	layout_line(L, L->left, L->y, width, 0, 1.5, st->accent_colour);
	L->y -= 14;
}

static const char *layout_fit(struct layout *L, const char *text,
                              enum face face, double size, double width)
{
	size_t len = strlen(text);
	if (layout_width(L, face, size, text, len) <= width)
		return text;
	double ell = layout_width(L, face, size, "\xE2\x80\xA6", 3);
	double w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = layout_utf8(text + i, len - i, &cp);
		double cw = L->m->advance(L->m->ctx, face, cp) * size / 1000;
		if (w + cw + ell > width)
			break;
		w += cw;
		i += n;
	}
	const char *r = arena_printf(L->a, "%.*s\xE2\x80\xA6", (int)i, text);
	return r ? r : text;
}

/* Moves the boxes from index `from` on to the front of the page. */
static void layout_rotate_to_front(struct layout_page *p, size_t from)
{
	size_t n = p->nboxes - from;
	for (size_t k = 0; k < n; k++) {
		struct box b = p->boxes[from + k];
		memmove(&p->boxes[k + 1], &p->boxes[k],
		        (from + k - k) * sizeof *p->boxes);
		p->boxes[k] = b;
	}
}

/* The running header (left_head, right_head), and the footer: "Page 1
 * of 5" (in the words given) and footer_right. */
static void layout_page_furniture(struct layout *L, const char *left_head,
                                  const char *right_head,
                                  const char *footer_right,
                                  const char *page_word, const char *of_word)
{
	const struct style *st = L->st;
	double size = st->header_size;
	double width = L->right - L->left;
	size_t npages = L->ld->npages;
	L->tag = NULL;   /* running heads and feet: artifacts */
	for (size_t i = 0; i < npages && !L->oom; i++) {
		L->page = &L->ld->pages[i];
		size_t body = L->page->nboxes;
		double head_base = L->top + 28;
		double rw = right_head
		            ? layout_width(L, FACE_BOLD, size, right_head,
		                           strlen(right_head))
		            : 0;
		/* the right head (the authority, the meeting's date) says
		 * which copy this is; the left (the title) gives way first */
		if (rw > width * 0.62) {
			right_head = layout_fit(L, right_head, FACE_BOLD, size,
			                        width * 0.62);
			rw = layout_width(L, FACE_BOLD, size, right_head,
			                  strlen(right_head));
		}
		const char *lh = layout_fit(L, left_head, FACE_REGULAR, size,
		                            width - rw - 12);
		L->furniture = 1;
		layout_text_box(L, L->left, head_base, FACE_REGULAR, size,
		                st->muted_colour, lh, strlen(lh));
		if (right_head)
			layout_text_box(L, L->right - rw, head_base, FACE_BOLD,
			                size, st->muted_colour, right_head,
			                strlen(right_head));
		layout_line(L, L->left, head_base - 7, width, 0, 0.6,
		            st->rule_colour);
		/* the running header comes first in reading order */
		layout_rotate_to_front(L->page, body);

		double foot_base = L->bottom - 34;
		L->furniture = 2;
		layout_line(L, L->left, foot_base + size + 4, width, 0, 0.6,
		            st->rule_colour);
		const char *pg = layout_printf(L, "%s %zu %s %zu", page_word,
		                               i + 1, of_word, npages);
		layout_text_box(L, L->left, foot_base, FACE_REGULAR, size,
		                st->muted_colour, pg, strlen(pg));
		if (footer_right != NULL) {
			double fw = layout_width(L, FACE_REGULAR, size,
			                         footer_right,
			                         strlen(footer_right));
			layout_text_box(L, L->right - fw, foot_base,
			                FACE_REGULAR, size, st->muted_colour,
			                footer_right, strlen(footer_right));
		}
		L->furniture = 0;
	}
}


/* ---------------------------------------------------------------- */
/* the tree's words as runs                                          */

/* Where inline content is: the language (of the nearest node that says)
 * and the place in the source (of the nearest node that has one). */
struct lwhere {
	const char *lang;
	const struct loc *loc;
	int whole;
};

static struct lwhere layout_where(const struct pt_node *n, int whole)
{
	struct lwhere w = {NULL, NULL, whole};
	for (; n != NULL; n = n->parent) {
		if (w.lang == NULL && pt_more_of(n)->lang != NULL)
			w.lang = pt_more_of(n)->lang;
		if (w.loc == NULL && n->loc->line > 0)
			w.loc = n->loc;
	}
	return w;
}

/* The runs of inline nodes from first up to (not including) stop: words
 * in face and colour, links only where the address is safe. A hung
 * reference, a tick, a label and words for screen readers only are not
 * running text. */
static void layout_pt_runs(struct layout *L, struct lruns *r,
                           const struct pt_node *first,
                           const struct pt_node *stop, enum face face,
                           const char *href, uint32_t colour,
                           struct lwhere at)
{
	for (const struct pt_node *n = first; n != NULL && n != stop;
	     n = n->next) {
		struct lwhere in = at;
		if (pt_more_of(n)->lang != NULL)
			in.lang = pt_more_of(n)->lang;
		if (n->loc->line > 0)
			in.loc = n->loc;
		switch (n->type) {
		case PT_TEXT:
		case PT_CODE: {
			struct lrun *x = layout_add_run(
			    L, r, face, n->text, strlen(n->text), href,
			    href ? L->st->link_colour : colour);
			if (x != NULL) {
				x->lang = in.lang;
				x->loc = in.loc;
				/* a name, a code, an address: never hyphenated */
				x->whole = n->name || n->type == PT_CODE ||
				           href != NULL;
				x->heading = in.whole;
			}
			break;
		}
		case PT_EMPH:
			layout_pt_runs(L, r, n->first, NULL,
			               layout_face_with(face, 0, 1), href, colour,
			               in);
			break;
		case PT_STRONG:
			layout_pt_runs(L, r, n->first, NULL,
			               layout_face_with(face, 1, 0), href, colour,
			               in);
			break;
		case PT_LINK:
			layout_pt_runs(L, r, n->first, NULL, face,
			               pt_link_safe(n->href) ? n->href : href,
			               colour, in);
			break;
		case PT_SPAN:
			if (n->role == PR_REF || n->role == PR_HIDDEN)
				break;
			layout_pt_runs(L, r, n->first, NULL, face, href, colour,
			               in);
			break;
		case PT_TIME:
			layout_pt_runs(L, r, n->first, NULL, face, href, colour,
			               in);
			break;
		default:
			break;
		}
	}
}

static int layout_same_look(const struct lrun *a, const struct lrun *b)
{
	return a->face == b->face && a->colour == b->colour &&
	       a->whole == b->whole && a->heading == b->heading &&
	       a->lang == b->lang &&
	       (a->href == b->href ||
	        (a->href && b->href && strcmp(a->href, b->href) == 0));
}

/* Neighbouring runs that look the same become one, so words split across
 * nodes (a date and the colon after it) are set, and drawn, as one. */
static void layout_merge_runs(struct layout *L, struct lruns *r)
{
	size_t o = 0;
	for (size_t i = 0; i < r->n;) {
		size_t j = i + 1, len = r->v[i].len;
		while (j < r->n && layout_same_look(&r->v[j], &r->v[i]))
			len += r->v[j++].len;
		struct lrun run = r->v[i];
		if (j > i + 1) {
			char *t = arena_alloc(L->a, len + 1);
			if (t == NULL) {
				L->oom = 1;
				return;
			}
			size_t k = 0;
			for (size_t q = i; q < j; q++) {
				memcpy(t + k, r->v[q].text, r->v[q].len);
				k += r->v[q].len;
			}
			run.text = t;
			run.len = len;
		}
		r->v[o++] = run;
		i = j;
	}
	r->n = o;
}

static void layout_wrap_nodes(struct layout *L, const struct pt_node *first,
                              const struct pt_node *stop, struct lstyle sty,
                              double size, double width, struct ltext *t)
{
	struct lruns r = {0};
	layout_pt_runs(L, &r, first, stop, sty.face, NULL, sty.colour,
	               layout_where(first ? first->parent : NULL, sty.whole));
	layout_merge_runs(L, &r);
	layout_wrap(L, &r, size, width, t);
}

/* A node's words as one plain string, in the work arena (L->a: inside
 * a table's row, the row's, let go once the row is placed; what must
 * outlive that, a box's words or a bookmark, is copied to L->keep). */
static const char *layout_plain(struct layout *L, const struct pt_node *n)
{
	if (n == NULL)
		return NULL;
	char *s = pt_plain_in(L->a, n);
	if (s == NULL) {
		L->oom = 1;
		return "";
	}
	return s;
}

/* ---------------------------------------------------------------- */
/* the tree into cells                                               */

/* How a paragraph of a role looks, in a container whose words look base. */
static struct lstyle layout_role_style(const struct layout *L,
                                       enum pt_role role, struct lstyle base)
{
	const struct style *st = L->st;
	struct lstyle bold = {FACE_BOLD, st->text_colour, base.whole};
	struct lstyle italic = {FACE_ITALIC, st->text_colour, base.whole};
	switch (role) {
	case PR_INSTRUCTION:
	case PR_LEAD:
	case PR_ITEM_TITLE:
		return bold;
	case PR_OBJECTIVE:
	case PR_NOTE:
	case PR_DUE:
		return italic;
	case PR_CAPTION:
		return (struct lstyle){FACE_BOLD, st->muted_colour, 1};
	case PR_OWNER:
		return (struct lstyle){FACE_BOLD, st->accent_colour, 1};
	case PR_MUTED:
		return (struct lstyle){FACE_ITALIC, st->muted_colour,
		                       base.whole};
	default:
		return base;
	}
}

/* A label's fill, and the colour its word is printed in (white on the
 * dark fills, the text colour on the light ones). */
static void layout_label_colours(const struct layout *L, enum pt_role role,
                                 uint32_t *fill, uint32_t *colour)
{
	const struct style *st = L->st;
	*colour = st->text_colour;
	switch (role) {
	case PR_RED: *fill = st->red_colour; *colour = 0xFFFFFF; break;
	case PR_GREEN: *fill = st->green_colour; *colour = 0xFFFFFF; break;
	case PR_AMBER: *fill = st->amber_colour; break;
	case PR_PROGRESS: *fill = st->progress_colour; break;
	case PR_NEUTRAL: *fill = st->neutral_colour; break;
	default: *fill = 0xFFFFFF; break;
	}
}

static void layout_cell_pt_label(struct layout *L, struct lcell *c,
                                 const struct pt_node *n, double width,
                                 double dx)
{
	uint32_t fill, colour;
	layout_label_colours(L, n->role, &fill, &colour);
	size_t at = c->n;
	layout_cell_label(L, c, layout_plain(L, n), fill, colour, width - dx);
	for (size_t k = at; k < c->n; k++)
		c->items[k].dx = dx;
}

/* Words from first up to stop as lines at dx (always at least one line
 * when always is set, as a paragraph has), a marker hung before the
 * first. */
static void layout_cell_words(struct layout *L, struct lcell *c,
                              const struct pt_node *first,
                              const struct pt_node *stop, double width,
                              double dx, struct lstyle sty,
                              const char *marker, double marker_dx)
{
	struct ltext *t = arena_alloc(L->a, sizeof *t);
	if (t == NULL) {
		L->oom = 1;
		return;
	}
	layout_wrap_nodes(L, first, stop, sty, L->st->body_size, width - dx, t);
	layout_cell_lines(L, c, t, dx, marker, marker_dx, FACE_BOLD,
	                  L->st->accent_colour);
}

static double layout_cell_block(struct layout *L, struct lcell *c,
                                const struct pt_node *n, double width,
                                double dx, struct lstyle sty);

/* Whether inline nodes from first up to stop are only blanks (the space
 * between a paragraph and a label after it): no line of their own. */
static int layout_blank(const struct pt_node *first,
                        const struct pt_node *stop)
{
	for (const struct pt_node *n = first; n && n != stop; n = n->next) {
		if (n->type == PT_TEXT || n->type == PT_CODE) {
			if (n->text[strspn(n->text, " ")] != '\0')
				return 0;
		} else if (n->type == PT_SPAN &&
		           (n->role == PR_REF || n->role == PR_HIDDEN)) {
			continue;   /* not set as running text */
		} else if (!pt_is_inline(n) || n->type == PT_TICK ||
		           n->type == PT_LABEL || n->type == PT_ENTRY ||
		           (n->first != NULL && !layout_blank(n->first, NULL))) {
			return 0;
		}
	}
	return 1;
}

/* A container's children into cell c: runs of words become lines, labels
 * and ticks items of their own, blocks are set one after another (with a
 * gap between them when gaps is set). A paragraph whose reference hangs
 * before it sets the indent of the blocks after it. */
static void layout_cell_children(struct layout *L, struct lcell *c,
                                 const struct pt_node *parent, double width,
                                 double dx, struct lstyle sty, int gaps)
{
	const struct pt_node *run = NULL;
	int blocks = 0;
	for (const struct pt_node *n = parent->first;; n = n->next) {
		if (n != NULL && pt_is_inline(n) && n->type != PT_LABEL &&
		    n->type != PT_BREAK && n->type != PT_TICK &&
		    n->type != PT_ENTRY) {
			if (run == NULL)
				run = n;
			continue;
		}
		if (run != NULL) {
			if (!layout_blank(run, n))
				layout_cell_words(L, c, run, n, width, dx, sty,
				                  NULL, 0);
			run = NULL;
		}
		if (n == NULL || L->oom)
			break;
		switch (n->type) {
		case PT_LABEL:
			layout_cell_pt_label(L, c, n, width, dx);
			break;
		case PT_TICK: {
			struct litem *it = layout_cell_add(
			    L, c, ITEM_TICK, L->st->body_size * L->st->leading);
			if (it != NULL) {
				it->ticked = n->ticked;
				it->node = n;
			}
			break;
		}
		case PT_ENTRY: {
			struct litem *it = layout_cell_add(
			    L, c, ITEM_ENTRY, L->st->body_size * L->st->leading *
			                          (n->lines ? n->lines : 1));
			if (it != NULL)
				it->node = n;
			break;
		}
		case PT_BREAK:
			break;
		default:
			/* facts go beside the words before them: no gap */
			if (gaps && blocks && n->role != PR_FACTS)
				layout_cell_gap(L, c, L->st->paragraph_gap * 0.6);
			dx = layout_cell_block(L, c, n, width, dx, sty);
			blocks = 1;
		}
	}
}

static const char *const layout_bullets[] = {
	"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};

static void layout_cell_list(struct layout *L, struct lcell *c,
                             const struct pt_node *list, double width,
                             double dx, int level)
{
	const struct style *st = L->st;
	struct lstyle plain = {FACE_REGULAR, st->text_colour, 0};
	double indent = st->body_size * 1.5;   /* marker to text */
	/* deep nesting stops indenting at half the column, so text never
	 * leaves its box however deep the lists go */
	double step = dx + indent < width / 2 ? indent : 0;
	int n = 0;
	const struct pt_node *was = L->tag;
	for (const struct pt_node *li = list->first; li && !L->oom;
	     li = li->next) {
		n++;
		L->tag = li;
		if (list->list == PL_PLAIN || list->list == PL_CHECKLIST) {
			/* level: items indented under a caption */
			layout_cell_children(L, c, li, width,
			                     dx + list->level * st->body_size,
			                     plain, 0);
			if (li->next && list->spaced)
				layout_cell_gap(L, c, st->paragraph_gap * 0.6);
			continue;
		}
		const char *marker;
		enum face mface = FACE_REGULAR;
		uint32_t mcolour = st->text_colour;
		if (list->list == PL_VALUES) {
			marker = "\xE2\x9C\x93";
			mface = FACE_BOLD;
			mcolour = st->accent_colour;
		} else {
			marker = list->list == PL_NUMBER
			         ? layout_printf(L, "%d.", n)
			         : layout_bullets[level % 3];
		}
		/* the words before the item's labels and lists, then they */
		const struct pt_node *stop = li->first;
		while (stop && pt_is_inline(stop) && stop->type != PT_LABEL &&
		       stop->type != PT_BREAK)
			stop = stop->next;
		struct ltext *t = arena_alloc(L->a, sizeof *t);
		if (t == NULL) {
			L->oom = 1;
			return;
		}
		layout_wrap_nodes(L, li->first, stop, plain, st->body_size,
		                  width - dx - indent, t);
		layout_cell_lines(L, c, t, dx + indent, marker, dx, mface,
		                  mcolour);
		for (const struct pt_node *sub = stop; sub; sub = sub->next)
			if (sub->type == PT_LIST)
				layout_cell_list(L, c, sub, width, dx + step,
				                 level + 1);
			else if (sub->type == PT_LABEL)
				layout_cell_pt_label(L, c, sub, width,
				                     dx + indent);
		if (li->next)
			layout_cell_gap(L, c, list->list == PL_VALUES ? 3 : 2);
	}
	L->tag = was;
}

/* Facts set against the right edge: at the end of the cell's last line
 * when they fit there beside its words, else on lines of their own. */
static void layout_cell_facts(struct layout *L, struct lcell *c,
                              const struct pt_node *n, double width,
                              double dx, struct lstyle sty)
{
	struct ltext *t = arena_alloc(L->a, sizeof *t);
	if (t == NULL) {
		L->oom = 1;
		return;
	}
	layout_wrap_nodes(L, n->first, NULL, sty, L->st->body_size, width - dx,
	                  t);
	if (t->n == 0)
		return;
	struct litem *last = c->n > 0 ? &c->items[c->n - 1] : NULL;
	double gap = L->st->body_size * 1.5;
	if (t->n == 1 && last != NULL && last->kind == ITEM_LINE &&
	    last->right == NULL && last->line != NULL &&
	    last->dx + last->line->w + gap + t->lines[0].w <= width) {
		last->right = &t->lines[0];
		last->keep = 0;
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		struct litem *it = layout_cell_add(L, c, ITEM_LINE, t->lead);
		if (it == NULL)
			return;
		it->right = &t->lines[i];
		it->size = t->size;
	}
}

/* One block in a cell at dx; returns the indent of the blocks after it
 * (further in after a paragraph whose reference hangs before it). */
static double layout_cell_block_as(struct layout *L, struct lcell *c,
                                   const struct pt_node *n, double width,
                                   double dx, struct lstyle sty);

/* A block's items, each knowing it is that block's (box.tag). */
static double layout_cell_block(struct layout *L, struct lcell *c,
                                const struct pt_node *n, double width,
                                double dx, struct lstyle sty)
{
	const struct pt_node *was = L->tag;
	L->tag = n;
	double r = layout_cell_block_as(L, c, n, width, dx, sty);
	L->tag = was;
	return r;
}

static double layout_cell_block_as(struct layout *L, struct lcell *c,
                                   const struct pt_node *n, double width,
                                   double dx, struct lstyle sty)
{
	const struct style *st = L->st;
	switch (n->type) {
	case PT_PARAGRAPH: {
		if (n->role == PR_FACTS) {
			layout_cell_facts(L, c, n, width, dx, sty);
			return dx;
		}
		struct lstyle ps = layout_role_style(L, n->role, sty);
		double pdx = dx + (n->level < 5 ? n->level : 5) *
		                  st->body_size * 1.2;
		double tdx = pdx;
		const char *marker = NULL;
		const struct pt_node *first = n->first;
		if (first && first->type == PT_SPAN && first->role == PR_REF) {
			marker = layout_plain(L, first);
			double refw = layout_width(L, FACE_BOLD, st->body_size,
			                           marker, strlen(marker));
			if (refw > 0)
				tdx = pdx + refw + st->body_size * 0.5;
			else
				marker = NULL;
		}
		/* the words (a paragraph has at least a line), the labels
		 * and lists that end it */
		const struct pt_node *stop = first;
		while (stop && pt_is_inline(stop) && stop->type != PT_LABEL &&
		       stop->type != PT_BREAK)
			stop = stop->next;
		/* no line for a paragraph of no words (an update that is
		 * only a list) */
		if (marker != NULL || !layout_blank(first, stop))
			layout_cell_words(L, c, first, stop, width, tdx, ps,
			                  marker, pdx);
		if (n->role == PR_CAPTION)   /* "Milestones": with its list */
			layout_cell_keep_last(c);
		for (const struct pt_node *x = stop; x && !L->oom; x = x->next)
			if (x->type == PT_LABEL)
				layout_cell_pt_label(L, c, x, width, tdx);
			else if (x->type == PT_LIST)
				layout_cell_list(L, c, x, width, tdx, 0);
			else if (pt_is_inline(x) && x->type != PT_BREAK)
				layout_cell_words(L, c, x, x->next, width, tdx,
				                  ps, NULL, 0);
		return marker ? tdx : dx;
	}
	case PT_LIST:
		layout_cell_list(L, c, n, width, dx, 0);
		return dx;
	case PT_SECTION: {
		const struct pt_node *h = n->first && n->first->type ==
		                          PT_HEADING ? n->first : NULL;
		if (h != NULL) {
			size_t at = c->n;
			L->tag = h;
			layout_cell_plain(L, c, layout_plain(L, h), FACE_BOLD,
			                  st->accent_colour, width - dx);
			L->tag = n;
			for (size_t k = at; k < c->n; k++)
				c->items[k].dx = dx;
			layout_cell_keep_last(c);   /* a heading: with its text */
		}
		struct pt_node body = *n;
		body.first = h ? h->next : n->first;
		layout_cell_children(L, c, &body, width, dx, sty, 1);
		return dx;
	}
	case PT_GROUP:
		layout_cell_children(L, c, n, width, dx, sty, 0);
		return dx;
	default:
		return dx;
	}
}

/* ---------------------------------------------------------------- */
/* tables from the tree                                              */

/* The title of a row's head cell: its own words, or its first
 * paragraph's (a bookmark names the row). */
static const char *layout_row_title(struct layout *L,
                                    const struct pt_node *cell)
{
	if (cell == NULL)
		return NULL;
	if (pt_has_inline(cell))
		return layout_plain(L, cell);
	for (const struct pt_node *x = cell->first; x; x = x->next)
		if (x->type == PT_PARAGRAPH)
			return layout_plain(L, x);
	return NULL;
}

static struct lstyle layout_cell_style(const struct layout *L,
                                       const struct pt_node *cell)
{
	const struct style *st = L->st;
	/* column heads and bands are never hyphenated; a row group's head
	 * (an action's words) looks as its paragraphs say */
	if (cell->scope == PS_ROWGROUP)
		return (struct lstyle){FACE_REGULAR, st->text_colour, 0};
	if (cell->scope == PS_COLGROUP)
		return (struct lstyle){FACE_BOLD, st->accent_colour, 1};
	if (cell->scope != PS_NONE)
		return (struct lstyle){FACE_BOLD, st->text_colour, 1};
	return (struct lstyle){FACE_REGULAR, st->text_colour, 0};
}

static void layout_pt_cell(struct layout *L, const struct ltable *tb,
                           struct lrow *row, const struct pt_node *cell)
{
	int col = cell->col < tb->ncols ? cell->col : tb->ncols - 1;
	double w = cell->scope == PS_COLGROUP || cell->span >= tb->ncols
	           ? tb->x[tb->ncols] - tb->x[0] - 2 * LAYOUT_CELL_PAD
	           : layout_cell_width(tb, col);
	const struct pt_node *was = L->tag;
	L->tag = cell;
	layout_cell_children(L, &row->cells[col], cell, w, 0,
	                     layout_cell_style(L, cell), 1);
	L->tag = was;
}

/* A row of the tree, and the rows set with it: after a row group's head
 * across the table, the row under it; after a row with cells spanning
 * rows, the rows they span, stacked, their cells lined up across them
 * and a rule between one and the next (an action point and its steps;
 * an action's details and its updates). */
static struct lrow *layout_pt_row(struct layout *L, const struct ltable *tb,
                                  const struct pt_node **rowp)
{
	const struct style *st = L->st;
	const struct pt_node *r = *rowp, *first_row = r;
	struct lrow *row = layout_new_row(L);
	if (row == NULL)
		return NULL;
	const struct pt_node *c0 = r->first;
	if (c0 != NULL && c0->scope == PS_COLGROUP) {
		row->span_all = 1;
		row->filled = 1;
		row->fill = st->band_colour;
	} else if (c0 != NULL && c0->span >= tb->ncols &&
	           c0->scope == PS_ROWGROUP && r->next != NULL) {
		/* the head across the table, the cells under it: they go on
		 * a page together */
		layout_cell_children(L, &row->head, c0,
		                     tb->x[tb->ncols] - tb->x[0] -
		                         2 * LAYOUT_CELL_PAD,
		                     0, layout_cell_style(L, c0), 1);
		row->head_h = row->head.h + LAYOUT_HEAD_GAP;
		r = r->next;
		*rowp = r;
		for (int i = 0; i < tb->ncols; i++)
			layout_cell_gap(L, &row->cells[i], row->head_h);
	} else if (c0 != NULL && c0->span >= tb->ncols) {
		row->span_all = 1;   /* a row of one cell across the table */
	}
	if (r->role == PR_TOTAL) {
		row->filled = 1;
		row->fill = st->band_colour;
	}
	if (first_row->bookmark)
		row->mark = layout_row_title(L, c0);
	int stacked = 1;
	for (const struct pt_node *c = r->first; c; c = c->next)
		if (c->rowspan > stacked)
			stacked = c->rowspan;
	if (row->span_all || stacked <= 1) {
		for (const struct pt_node *c = r->first; c; c = c->next)
			layout_pt_cell(L, tb, row, c);
		layout_row_finish(row, tb->ncols);
		return row;
	}
	for (const struct pt_node *c = r->first; c; c = c->next)
		if (c->rowspan > 1 && c->col < tb->ncols) {
			row->spans |= 1u << c->col;
			layout_pt_cell(L, tb, row, c);
		}
	double lead = st->body_size * st->leading;
	for (int k = 0; k < stacked && r != NULL; k++, r = r->next) {
		*rowp = r;
		double base = 0;
		for (int i = 0; i < tb->ncols; i++)
			if (!(row->spans >> i & 1) && row->cells[i].h > base)
				base = row->cells[i].h;
		for (const struct pt_node *c = r->first; c; c = c->next)
			if (!(k == 0 && c->rowspan > 1))
				layout_pt_cell(L, tb, row, c);
		double band = lead;
		for (int i = 0; i < tb->ncols; i++)
			if (!(row->spans >> i & 1) &&
			    row->cells[i].h - base > band)
				band = row->cells[i].h - base;
		for (int i = 0; i < tb->ncols; i++)
			if (!(row->spans >> i & 1))
				layout_cell_pad_to(L, &row->cells[i], base + band);
		if (k + 1 < stacked && r->next != NULL) {
			/* where this stacked row ends and the next begins: a
			 * page may break there */
			if (arena_grow(L->a, (void **)&row->units, &row->units_cap,
			               row->nunits + 1, sizeof *row->units) != 0) {
				L->oom = 1;
				return row;
			}
			row->units[row->nunits++] = base + band;
			for (int i = 0; i < tb->ncols; i++)
				if (!(row->spans >> i & 1))
					layout_cell_add(L, &row->cells[i], ITEM_RULE,
					                2 * LAYOUT_CELL_VPAD);
		}
	}
	layout_row_finish(row, tb->ncols);
	return row;
}

/* ---- measuring content, for tables that fit it ---- */

/* What content needs across: at least min (its widest word, or a tick
 * box, or a label's widest word), and max to set it all without breaking
 * a line. */
struct lneed {
	double min, max;
	double area;             /* all its words set in one line, rows added */
	double items;            /* paragraphs and labels: lines begun */
	struct lparas *paras;    /* when wanted: its paragraphs' words */
};

/* A paragraph's words as widths, to count the lines it takes at any
 * width without setting it (tables that fit their content try many):
 * word i is w[i] wide, then gap[i] of space (0 where a line breaks with
 * none, after "cross-"). */
struct lpara {
	double dx;               /* its indent in the cell */
	const double *w, *gap;
	size_t n;
};

struct lparas {
	struct lpara *v;
	size_t n, cap;
};

static void layout_record_para(struct layout *L, struct lparas *ps,
                               double dx, const double *w, const double *gap,
                               size_t n)
{
	if (ps == NULL)
		return;
	if (arena_grow(L->a, (void **)&ps->v, &ps->cap, ps->n + 1,
	               sizeof *ps->v) != 0) {
		L->oom = 1;
		return;
	}
	ps->v[ps->n++] = (struct lpara){dx, w, gap, n};
}

/* The lines a paragraph takes in a cell room wide, filled greedily, a
 * word wider than a line taking as many as it needs. */
static double layout_para_lines(const struct lpara *p, double room)
{
	room -= p->dx;
	if (room < 1)
		room = 1;
	if (p->n == 0)
		return 1;
	double lines = 1, x = 0;
	for (size_t i = 0; i < p->n; i++) {
		double w = p->w[i];
		if (x > 0 && x + p->gap[i - 1] + w > room + 0.001) {
			lines++;
			x = 0;
		}
		if (x == 0 && w > room + 0.001) {
			double over = floor(w / room);
			lines += over;
			x = w - over * room;
		} else {
			x += (x > 0 ? p->gap[i - 1] : 0) + w;
		}
	}
	return lines;
}

static void layout_need_at_least(struct lneed *n, double min, double max)
{
	if (min > n->min)
		n->min = min;
	if (max > n->max)
		n->max = max;
}

/* Words from first up to stop, at indent dx. */
static void layout_measure_words(struct layout *L, const struct pt_node *first,
                                 const struct pt_node *stop,
                                 struct lstyle sty, double dx,
                                 struct lneed *need)
{
	struct lruns r = {0};
	layout_pt_runs(L, &r, first, stop, sty.face, NULL, sty.colour,
	               layout_where(first ? first->parent : NULL, sty.whole));
	layout_merge_runs(L, &r);
	double widest, line;
	layout_runs_extent(L, &r, L->st->body_size, &widest, &line,
	                   need->paras, dx);
	layout_need_at_least(need, dx + widest, dx + line);
	need->area += line;
	need->items += 1;
}

static void layout_measure_children(struct layout *L,
                                    const struct pt_node *parent, double dx,
                                    struct lstyle sty, struct lneed *need);

static void layout_measure_label(struct layout *L, const struct pt_node *n,
                                 double dx, struct lneed *need)
{
	double size = L->st->body_size, pad = size * 0.8;
	struct lneed w = {0, 0, 0, 0, NULL};
	layout_measure_words(L, n->first, NULL,
	                     (struct lstyle){FACE_BOLD, 0, 1}, 0, &w);
	/* a label keeps its words together: as wide as all of them */
	layout_need_at_least(need, dx + w.max + pad, dx + w.max + pad);
	need->area += w.max + pad;
	need->items += 1;
	if (need->paras != NULL) {
		double *lw = arena_alloc(L->a, 2 * sizeof *lw);
		if (lw == NULL) {
			L->oom = 1;
			return;
		}
		lw[0] = w.max + pad;
		layout_record_para(L, need->paras, dx, lw, lw + 1, 1);
	}
}

/* One block, as layout_cell_block sets it; returns the indent of the
 * blocks after it. */
static double layout_measure_block(struct layout *L, const struct pt_node *n,
                                   double dx, struct lstyle sty,
                                   struct lneed *need)
{
	const struct style *st = L->st;
	double indent = st->body_size * 1.5;
	switch (n->type) {
	case PT_PARAGRAPH: {
		struct lstyle ps = layout_role_style(L, n->role, sty);
		double pdx = dx + (n->level < 5 ? n->level : 5) *
		                  st->body_size * 1.2;
		double tdx = pdx;
		const struct pt_node *first = n->first;
		if (first && first->type == PT_SPAN && first->role == PR_REF) {
			const char *ref = layout_plain(L, first);
			double refw = layout_width(L, FACE_BOLD, st->body_size,
			                           ref, strlen(ref));
			if (refw > 0)
				tdx = pdx + refw + st->body_size * 0.5;
		}
		const struct pt_node *stop = first;
		while (stop && pt_is_inline(stop) && stop->type != PT_LABEL &&
		       stop->type != PT_BREAK)
			stop = stop->next;
		if (tdx > pdx || !layout_blank(first, stop))
			layout_measure_words(L, first, stop, ps, tdx, need);
		for (const struct pt_node *x = stop; x; x = x->next)
			if (x->type == PT_LABEL)
				layout_measure_label(L, x, tdx, need);
			else if (x->type == PT_LIST)
				layout_measure_block(L, x, tdx, ps, need);
		return tdx > pdx ? tdx : dx;
	}
	case PT_LIST: {
		double idx = n->list == PL_PLAIN || n->list == PL_CHECKLIST
		             ? dx + n->level * st->body_size : dx + indent;
		for (const struct pt_node *li = n->first; li; li = li->next)
			layout_measure_children(L, li, idx,
			                        (struct lstyle){FACE_REGULAR, 0,
			                                        0},
			                        need);
		return dx;
	}
	case PT_SECTION:
		for (const struct pt_node *x = n->first; x; x = x->next)
			if (x->type == PT_HEADING)
				layout_measure_words(L, x->first, NULL,
				                     (struct lstyle){FACE_BOLD, 0,
				                                     1},
				                     dx, need);
			else
				layout_measure_block(L, x, dx, sty, need);
		return dx;
	case PT_GROUP:
		layout_measure_children(L, n, dx, sty, need);
		return dx;
	default:
		return dx;
	}
}

static void layout_measure_children(struct layout *L,
                                    const struct pt_node *parent, double dx,
                                    struct lstyle sty, struct lneed *need)
{
	const struct pt_node *run = NULL;
	for (const struct pt_node *n = parent->first;; n = n->next) {
		if (n != NULL && pt_is_inline(n) && n->type != PT_LABEL &&
		    n->type != PT_BREAK && n->type != PT_TICK &&
		    n->type != PT_ENTRY) {
			if (run == NULL)
				run = n;
			continue;
		}
		if (run != NULL && !layout_blank(run, n))
			layout_measure_words(L, run, n, sty, dx, need);
		run = NULL;
		if (n == NULL)
			break;
		if (n->type == PT_LABEL)
			layout_measure_label(L, n, dx, need);
		else if (n->type == PT_TICK)
			layout_need_at_least(need, dx + L->st->tick_size,
			                     dx + L->st->tick_size);
		else if (!pt_is_inline(n))
			dx = layout_measure_block(L, n, dx, sty, need);
	}
}

/* A cell's lines at width w (padding included). */
static double layout_cell_lines_at(const struct lparas *ps, double w)
{
	double room = w - 2 * LAYOUT_CELL_PAD, lines = 0;
	for (size_t i = 0; i < ps->n; i++)
		lines += layout_para_lines(&ps->v[i], room);
	return lines;
}

/* Moves width from one column to another while that makes the table
 * shorter (a column of long progress notes beside an often empty one
 * takes its room), keeping every column within its minimum and its
 * longest line. The rows' heights are counted in lines, each paragraph
 * filled at the width tried, each row as tall as its tallest cell.
 * Tables of more than a few thousand cells keep the widths they were
 * given: each step tries every pair of columns over every row. */
static void layout_shorten_rows(struct layout *L, const struct pt_node *t,
                                int ncols, const struct lneed *need,
                                double *w)
{
	size_t nrows = 0;
	for (const struct pt_node *g = t->first ? t->first->next : NULL; g;
	     g = g->next)
		for (const struct pt_node *r = g->first; r; r = r->next)
			nrows++;
	if (nrows == 0 || nrows * (size_t)ncols > 4000)
		return;
	size_t ncells = nrows * (size_t)ncols;
	struct lparas *cells = arena_alloc(L->a, ncells * sizeof *cells);
	double *h = arena_alloc(L->a, ncells * sizeof *h);
	double *ha = arena_alloc(L->a, 2 * nrows * sizeof *ha);
	if (cells == NULL || h == NULL || ha == NULL) {
		L->oom = 1;
		return;
	}
	double *hb = ha + nrows;
	size_t k = 0;
	for (const struct pt_node *g = t->first->next; g; g = g->next)
		for (const struct pt_node *r = g->first; r; r = r->next, k++)
			for (const struct pt_node *c = r->first; c; c = c->next)
				if (c->scope != PS_COLGROUP && c->span <= 1 &&
				    c->col < ncols) {
					struct lneed n = {0, 0, 0, 0, NULL};
					n.paras = &cells[k * (size_t)ncols + c->col];
					layout_measure_children(
					    L, c, 0, layout_cell_style(L, c), &n);
				}
	if (L->oom)
		return;
	for (size_t r = 0; r < nrows; r++)
		for (int i = 0; i < ncols; i++)
			h[r * (size_t)ncols + i] = layout_cell_lines_at(
			    &cells[r * (size_t)ncols + i], w[i]);
	double best = 0;
	for (size_t r = 0; r < nrows; r++) {
		double row = 0;
		for (int i = 0; i < ncols; i++)
			if (h[r * (size_t)ncols + i] > row)
				row = h[r * (size_t)ncols + i];
		best += row;
	}
	for (double step = (L->right - L->left) / 50; step > 0.5; step /= 2)
		for (int moved = 1, guard = 0; moved && guard < 200; guard++) {
			moved = 0;
			for (int a = 0; a < ncols; a++)
				for (int b = 0; b < ncols; b++) {
					if (a == b || w[a] - step < need[a].min ||
					    w[b] + step > need[b].max)
						continue;
					double total = 0;
					for (size_t r = 0; r < nrows; r++) {
						const double *hr = h + r * (size_t)ncols;
						ha[r] = layout_cell_lines_at(
						    &cells[r * (size_t)ncols + a],
						    w[a] - step);
						hb[r] = layout_cell_lines_at(
						    &cells[r * (size_t)ncols + b],
						    w[b] + step);
						double row = ha[r] > hb[r] ? ha[r]
						                           : hb[r];
						for (int i = 0; i < ncols; i++)
							if (i != a && i != b &&
							    hr[i] > row)
								row = hr[i];
						total += row;
					}
					if (total < best - 0.01) {
						best = total;
						w[a] -= step;
						w[b] += step;
						for (size_t r = 0; r < nrows; r++) {
							h[r * (size_t)ncols + a] = ha[r];
							h[r * (size_t)ncols + b] = hb[r];
						}
						moved = 1;
					}
				}
		}
}

/* What each column of table t needs, from every cell of one column (the
 * header row's too; a band or a cell across the table constrains none). */
static void layout_measure_columns(struct layout *L, const struct pt_node *t,
                                   int ncols, struct lneed *need)
{
	memset(need, 0, (size_t)ncols * sizeof *need);
	struct arena *was = L->a;
	int outer = L->measuring++ == 0;
	if (outer)
		L->a = L->measure;
	for (const struct pt_node *g = t->first; g; g = g->next) {
		const struct pt_node *one = g->type == PT_ROW ? g : NULL;
		for (const struct pt_node *r = one ? one : g->first; r;
		     r = one ? NULL : r->next)
			for (const struct pt_node *c = r->first; c; c = c->next)
				if (c->scope != PS_COLGROUP && c->span <= 1 &&
				    c->col < ncols)
					layout_measure_children(
					    L, c, 0, layout_cell_style(L, c),
					    &need[c->col]);
		if (outer)
			arena_reset(L->measure);
	}
	L->a = was;
	L->measuring--;
}

/* Columns' widest words too wide for the table together: the widest
 * columns give way, down to a level all of them fit at (never below an
 * equal share), so one long word cannot squeeze the others. Returns the
 * sum of the minimums. */
static double layout_cap_mins(struct lneed *need, int ncols, double avail)
{
	double smin = 0;
	for (int i = 0; i < ncols; i++)
		smin += need[i].min;
	if (smin <= avail)
		return smin;
	double level = avail / ncols;
	for (int round = 0; round < ncols; round++) {
		double fixed = 0;
		int over = 0;
		for (int i = 0; i < ncols; i++)
			if (need[i].min <= level)
				fixed += need[i].min;
			else
				over++;
		double next = over ? (avail - fixed) / over : level;
		if (next <= level + 0.001)
			break;
		level = next;
	}
	smin = 0;
	for (int i = 0; i < ncols; i++) {
		if (need[i].min > level)
			need[i].min = level;
		smin += need[i].min;
	}
	return smin;
}

/* Column widths from the content, much as a browser's automatic table
 * layout gives them: each column at least as wide as its widest word (a
 * label's, a heading's) and the layout's column-min, unless those do not
 * fit together; the rest shared out in proportion to how much text each
 * column holds, none wider than its longest line unbroken or the
 * layout's column-max; then moved between columns while that makes the
 * table shorter. */
static void layout_fit_columns(struct layout *L, struct ltable *tb,
                               const struct pt_node *t, int ncols)
{
	const struct style *st = L->st;
	struct lneed need[LAYOUT_MAX_COLS];
	layout_measure_columns(L, t, ncols, need);
	double avail = L->right - L->left, smin = 0;
	double cap = avail * st->column_max;
	for (int i = 0; i < ncols; i++) {
		double pad = 2 * LAYOUT_CELL_PAD;
		need[i].min += pad;
		need[i].max += pad;
		if (need[i].min < st->column_min)
			need[i].min = st->column_min;
		smin += need[i].min;
	}
	smin = layout_cap_mins(need, ncols, avail);
	for (int i = 0; i < ncols; i++) {
		if (need[i].max > cap)
			need[i].max = cap;
		if (need[i].max < need[i].min)
			need[i].max = need[i].min;
	}
	double w[LAYOUT_MAX_COLS];
	int full[LAYOUT_MAX_COLS] = {0};
	for (int i = 0; i < ncols; i++)
		w[i] = smin > avail ? need[i].min * avail / smin : need[i].min;
	/* the rest, by text held, each up to its longest line; then, when
	 * every column has that, by longest line */
	double rest = avail - (smin > avail ? avail : smin);
	for (int round = 0; round < ncols && rest > 0.01; round++) {
		double area = 0;
		for (int i = 0; i < ncols; i++)
			if (!full[i])
				area += need[i].area + 1;
		if (area <= 0)
			break;
		double given = 0;
		int capped = 0;
		for (int i = 0; i < ncols; i++) {
			if (full[i])
				continue;
			double more = rest * (need[i].area + 1) / area;
			if (w[i] + more >= need[i].max) {
				more = need[i].max > w[i] ? need[i].max - w[i] : 0;
				full[i] = capped = 1;
			}
			w[i] += more;
			given += more;
		}
		rest -= given;
		if (!capped)
			break;
	}
	if (rest > 0.01) {
		double smax = 0;
		for (int i = 0; i < ncols; i++)
			smax += w[i];
		for (int i = 0; i < ncols; i++)
			w[i] += rest * w[i] / smax;
	}
	layout_shorten_rows(L, t, ncols, need, w);
	tb->ncols = ncols;
	tb->x[0] = L->left;
	for (int i = 0; i < ncols; i++)
		tb->x[i + 1] = tb->x[i] + w[i];
	tb->x[ncols] = L->right;
}

/* Columns: shares of the width, after the columns as wide as a tick box
 * or a date need. */
/* Widths w made wide enough for each column's widest word (a heading's
 * words are never broken, a long word only at its hyphenation points):
 * a column narrower than that takes the room from the others in
 * proportion to what they have beyond their own widest word. When the
 * words cannot all fit, each column keeps at least an equal share. */
static void layout_columns_at_least(struct layout *L, const struct pt_node *t,
                                    int ncols, double *w)
{
	struct lneed need[LAYOUT_MAX_COLS];
	layout_measure_columns(L, t, ncols, need);
	/* a word wider than half as much again as an equal share breaks
	 * (at its hyphenation points) rather than take the others' room */
	double avail = L->right - L->left, want = 0, spare = 0;
	for (int i = 0; i < ncols; i++) {
		double cap = 1.5 * avail / ncols;
		need[i].min += 2 * LAYOUT_CELL_PAD;
		if (need[i].min > cap)
			need[i].min = cap > w[i] ? cap : w[i];
	}
	layout_cap_mins(need, ncols, avail);
	for (int i = 0; i < ncols; i++) {
		if (w[i] < need[i].min)
			want += need[i].min - w[i];
		else
			spare += w[i] - need[i].min;
	}
	if (want <= 0.001 || spare <= 0.001)
		return;
	double take = want < spare ? want : spare;
	for (int i = 0; i < ncols; i++) {
		if (w[i] < need[i].min)
			w[i] += (need[i].min - w[i]) * take / want;
		else
			w[i] -= (w[i] - need[i].min) * take / spare;
	}
}

static void layout_pt_columns(struct layout *L, struct ltable *tb,
                              const struct pt_node *t)
{
	const struct style *st = L->st;
	const struct pt_more *x = pt_more_of(t);
	int ncols = (int)(x->nvalues < LAYOUT_MAX_COLS ? x->nvalues
	                                               : LAYOUT_MAX_COLS);
	double fixed[LAYOUT_MAX_COLS] = {0}, all_fixed = 0, total = 0;
	if (x->weights == NULL) {
		layout_fit_columns(L, tb, t, ncols);
		return;
	}
	for (int i = 0; i < ncols; i++) {
		double w = x->weights[i];
		if (w == PT_COLUMN_TICKS) {
			const char *head = layout_plain(L, pt_child(t->first,
			                                            (size_t)i));
			fixed[i] = layout_width(L, FACE_BOLD, st->body_size, head,
			                        strlen(head)) +
			           2 * LAYOUT_CELL_PAD;
			if (fixed[i] < st->tick_size * 3)
				fixed[i] = st->tick_size * 3;
		} else if (w == PT_COLUMN_DATES) {
			fixed[i] = layout_width(L, FACE_REGULAR, st->body_size,
			                        "00/00/0000", 10) +
			           2 * LAYOUT_CELL_PAD + 2;
		} else {
			total += w;
		}
		all_fixed += fixed[i];
	}
	double rest = L->right - L->left - all_fixed;
	double w[LAYOUT_MAX_COLS];
	for (int i = 0; i < ncols; i++)
		w[i] = fixed[i] > 0 ? fixed[i]
		       : total > 0 ? rest * x->weights[i] / total : 0;
	layout_columns_at_least(L, t, ncols, w);
	tb->ncols = ncols;
	tb->x[0] = L->left;
	for (int i = 0; i < ncols; i++)
		tb->x[i + 1] = tb->x[i] + w[i];
	tb->x[ncols] = L->right;
}

static void layout_pt_table(struct layout *L, struct ltable *tb,
                            const struct pt_node *t)
{
	memset(tb, 0, sizeof *tb);
	layout_pt_columns(L, tb, t);
	tb->keep_rows = t->keep_rows;
	const struct pt_node *head = t->first;
	if (head != NULL && head->type == PT_ROW) {
		struct lrow *hdr = layout_new_row(L);
		if (hdr == NULL)
			return;
		for (const struct pt_node *c = head->first; c; c = c->next)
			layout_pt_cell(L, tb, hdr, c);
		hdr->filled = 1;
		hdr->fill = L->st->fill_colour;
		layout_row_finish(hdr, tb->ncols);
		tb->header = hdr;
	}
	tb->group = head ? head->next : NULL;
	tb->next = tb->group ? tb->group->first : NULL;
	/* the layout's two arenas for rows, unless a table is already
	 * using them */
	if (!L->rooms_used) {
		L->rooms_used = 1;
		tb->room[0] = L->room[0];
		tb->room[1] = L->room[1];
	}
	layout_table_measure(L, tb, 0);
	layout_table_measure(L, tb, 1);
}

/* ---------------------------------------------------------------- */
/* fields, checklists, charts                                        */

static double layout_field_height(struct layout *L, const struct pt_node *f)
{
	double lead = L->st->body_size * L->st->leading;
	const struct pt_node *v = pt_last(f);
	double write = v ? v->lines * lead : lead;
	return (write > lead ? write : lead) + 6;
}

static void layout_pt_fields(struct layout *L, const struct pt_node *fs)
{
	double lead = L->st->body_size * L->st->leading, total = 0;
	for (const struct pt_node *f = fs->first; f; f = f->next)
		total += layout_field_height(L, f);
	if (total < L->top - L->bottom)
		layout_need(L, total);
	const struct pt_node *was = L->tag;
	for (const struct pt_node *f = fs->first; f && !L->oom; f = f->next) {
		L->tag = f;
		const struct pt_node *term = f->first;
		L->lang = layout_words_lang(term);
		const struct pt_node *value = term ? term->next : NULL;
		const char *label = layout_printf(L, "%s:",
		                                  layout_plain(L, term));
		const char *text = value && pt_has_inline(value)
		                   ? layout_plain(L, value) : NULL;
		if (text != NULL)
			L->lang = NULL;   /* the label and a value: mixed */
		layout_field(L, label, text, value ? value->lines * lead : lead,
		             text == NULL ? value : NULL);
	}
	L->lang = NULL;
	L->tag = was;
	L->y -= fs->next && fs->next->type == PT_FIELDS ? lead * 0.5
	                                                 : L->st->paragraph_gap;
}

/* Boxes to tick, down the page: each item's tick box left of its words. */
static void layout_checklist(struct layout *L, const struct pt_node *list)
{
	const struct style *st = L->st;
	double size = st->body_size, lead = size * st->leading;
	double indent = st->tick_size + 10;
	struct lstyle plain = {FACE_REGULAR, st->text_colour, 0};
	for (const struct pt_node *it = list->first; it && !L->oom;
	     it = it->next) {
		int ticked = 0;
		const struct pt_node *tick = NULL;
		for (const struct pt_node *x = it->first; x; x = x->next)
			if (x->type == PT_TICK) {
				ticked = x->ticked;
				tick = x;
			}
		struct ltext t;
		const struct pt_node *was = L->tag;
		L->tag = it;
		layout_wrap_nodes(L, it->first, NULL, plain, size,
		                  L->right - L->left - indent, &t);
		for (size_t i = 0; i < t.n; i++) {
			layout_need(L, lead);
			if (i == 0) {
				layout_draw_tick(L, L->left + st->tick_size / 2 + 1,
				                 L->y - lead / 2, ticked);
				layout_form_field(L, tick, L->left + 1,
				                  L->y - lead / 2 - st->tick_size / 2,
				                  st->tick_size, st->tick_size);
				layout_tick_words(L, tick,
				                  L->left + st->tick_size / 2 + 1,
				                  L->y - lead / 2);
			}
			layout_emit_line(L, &t.lines[i], L->left + indent, L->y,
			                 size, lead);
			L->y -= lead;
		}
		L->tag = was;
		if (it->next)
			L->y -= 4;
	}
	L->y -= st->paragraph_gap;
}

/* The height a checklist takes down the page. */
static double layout_checklist_height(struct layout *L,
                                      const struct pt_node *list)
{
	const struct style *st = L->st;
	double lead = st->body_size * st->leading, h = 0;
	struct lstyle plain = {FACE_REGULAR, st->text_colour, 0};
	for (const struct pt_node *it = list->first; it; it = it->next) {
		struct ltext t;
		layout_wrap_nodes(L, it->first, NULL, plain, st->body_size,
		                  L->right - L->left - st->tick_size - 10, &t);
		h += t.n * lead + (it->next ? 4 : 0);
	}
	return h + st->paragraph_gap;
}

/* A fill for the chart's segment k: the colour of its key's label. */
static uint32_t layout_key_fill(struct layout *L, const struct pt_node *key,
                                size_t k)
{
	const struct pt_node *it = pt_child(key, k);
	uint32_t fill = 0xFFFFFF, colour;
	if (it != NULL && it->first != NULL)
		layout_label_colours(L, it->first->role, &fill, &colour);
	return fill;
}

/* A bar per row: names in a column on the left, wrapped to as many lines
 * as they take (never under a bar), bars to their right; a stacked
 * chart's bars are in segments, with a key under them whose items wrap
 * to lines of their own, the others carry their count after them. Every
 * word is at the body size. */
static void layout_chart(struct layout *L, const struct pt_node *ch)
{
	const struct style *st = L->st;
	double size = st->body_size, lead = size * st->leading;
	double bar_h = ch->stacked ? size * 1.1 : size * 0.9;
	double gap = size * 0.6, label_w = 0, count_w = 0;
	double width = L->right - L->left;
	const struct pt_node *key = NULL;
	for (const struct pt_node *x = ch->first; x; x = x->next)
		if (x->type == PT_LIST)
			key = x;
	for (const struct pt_node *b = ch->first; b; b = b->next) {
		if (b->type != PT_BAR)
			continue;
		const char *name = layout_plain(L, b->first);
		double w = layout_width(L, b->role == PR_TOTAL ? FACE_BOLD
		                                               : FACE_REGULAR,
		                        size, name, strlen(name));
		if (w > label_w)
			label_w = w;
	}
	if (label_w > width * 0.4)
		label_w = width * 0.4;
	if (!ch->stacked)
		count_w = layout_width(L, FACE_REGULAR, size, "0000", 4);
	double x0 = L->left + label_w + size;
	double bar_max = ch->stacked ? L->right - x0
	                             : L->right - x0 - count_w - size / 2;
	for (const struct pt_node *b = ch->first; b && !L->oom; b = b->next) {
		if (b->type != PT_BAR)
			continue;
		enum face face = b->role == PR_TOTAL ? FACE_BOLD : FACE_REGULAR;
		struct ltext t;
		layout_wrap_text(L, layout_plain(L, b->first), face,
		                 st->text_colour, size, label_w, &t);
		double row_h = t.n * lead > bar_h + gap ? t.n * lead
		                                        : bar_h + gap;
		layout_need(L, row_h);
		double top = L->y;
		/* the first line of the name beside the bar */
		double line_top = top - (bar_h + gap - lead) / 2;
		for (size_t i = 0; i < t.n; i++)
			layout_emit_line(L, &t.lines[i], L->left,
			                 line_top - (double)i * lead, size, lead);
		double base = layout_baseline(line_top, size, lead);
		const struct pt_more *bar = pt_more_of(b);
		if (ch->stacked) {
			double x = x0;
			for (size_t k = 0; k < bar->nvalues; k++) {
				if (bar->values[k] == 0 || bar->max_value == 0)
					continue;
				double w = bar_max * (double)bar->values[k] /
				           (double)bar->max_value;
				layout_rect(L, x, top - gap / 2 - bar_h, w, bar_h,
				            1, layout_key_fill(L, key, k), 0.5,
				            st->rule_colour);
				x += w;
			}
		} else {
			size_t v = bar->nvalues ? bar->values[0] : 0;
			uint32_t max = pt_more_of(ch)->max_value;
			double w = max ? bar_max * (double)v / (double)max : 0;
			if (w > 0)
				layout_rect(L, x0, top - gap / 2 - bar_h, w, bar_h,
				            1, st->accent_colour, 0, 0);
			const char *n = layout_printf(L, "%zu", v);
			layout_text_box(L, x0 + w + size / 3, base, FACE_REGULAR,
			                size, st->text_colour, n, strlen(n));
		}
		L->y -= row_h;
	}
	if (key == NULL) {
		L->y -= st->paragraph_gap;
		return;
	}
	/* the key: swatch and word, as many to a line as fit */
	double x = x0, swatch = size * 0.8;
	L->y -= gap / 2;
	layout_need(L, lead);
	size_t k = 0;
	for (const struct pt_node *it = key->first; it; it = it->next, k++) {
		const char *name = layout_plain(L, it);
		double w = swatch + size * 0.4 +
		           layout_width(L, FACE_REGULAR, size, name, strlen(name));
		if (x > x0 && x + w > L->right) {
			L->y -= lead;
			layout_need(L, lead);
			x = x0;
		}
		double base = layout_baseline(L->y, size, lead);
		layout_rect(L, x, base - size * 0.1, swatch, swatch, 1,
		            layout_key_fill(L, key, k), 0.5, st->rule_colour);
		layout_text_box(L, x + swatch + size * 0.4, base, FACE_REGULAR,
		                size, st->text_colour, name, strlen(name));
		x += w + size * 1.2;
	}
	L->y -= lead + st->paragraph_gap;
}

/* ---------------------------------------------------------------- */
/* the tree down the page                                            */

static void layout_flow_node(struct layout *L, const struct pt_node *n);

/* The title block: the title, its subtitle, the band (its bold head, the
 * words after it). */
static void layout_pt_header(struct layout *L, const struct pt_node *h)
{
	const char *title = "", *subtitle = NULL, *bold = NULL, *text = NULL;
	struct ltitle nodes = {NULL, NULL, NULL};
	for (const struct pt_node *x = h->first; x; x = x->next) {
		if (x->type == PT_HEADING) {
			title = layout_plain(L, x);
			nodes.title = x;
		} else if (x->role == PR_AUDIENCE) {
			subtitle = layout_plain(L, x);
			nodes.subtitle = x;
		} else if (x->role == PR_BAND) {
			nodes.band = x;
			struct pt_node rest = *x;
			if (x->first && x->first->type == PT_STRONG) {
				bold = layout_plain(L, x->first);
				rest.first = x->first->next;
			}
			text = layout_plain(L, &rest);
			while (text && *text == ' ')
				text++;
			if (text && !*text)
				text = NULL;
			if (bold == NULL) {
				bold = text;
				text = NULL;
			}
		}
	}
	layout_title_block(L, title, subtitle, bold, text, &nodes);
}

/* A block flowed as a cell of its own, then a paragraph's gap. */
static void layout_flow_block(struct layout *L, const struct pt_node *n)
{
	struct lcell cell = {0};
	double width = L->right - L->left;
	layout_cell_block(L, &cell, n, width, 0,
	                  (struct lstyle){FACE_REGULAR, L->st->text_colour, 0});
	layout_flow_cell(L, &cell, L->left, width);
	L->y -= L->st->paragraph_gap;
}

/* The height a section's blocks take (a signing block, a checklist),
 * for a heading that keeps them with it. */
static double layout_measure(struct layout *L, const struct pt_node *first)
{
	double h = 0, lead = L->st->body_size * L->st->leading;
	for (const struct pt_node *n = first; n; n = n->next) {
		if (n->type == PT_FIELDS) {
			for (const struct pt_node *f = n->first; f; f = f->next)
				h += layout_field_height(L, f);
			h += n->next && n->next->type == PT_FIELDS
			     ? lead * 0.5 : L->st->paragraph_gap;
		} else if (n->type == PT_LIST && n->list == PL_CHECKLIST) {
			h += layout_checklist_height(L, n);
		} else if (n->type == PT_PARAGRAPH || n->type == PT_LIST ||
		           n->type == PT_GROUP) {
			struct lcell cell = {0};
			layout_cell_block(L, &cell, n, L->right - L->left, 0,
			                  (struct lstyle){FACE_REGULAR,
			                                  L->st->text_colour, 0});
			h += cell.h + L->st->paragraph_gap;
		}
	}
	return h;
}

static void layout_table_place(struct layout *L, struct ltable *tb)
{
	layout_table_rows(L, tb);
	L->y -= L->st->paragraph_gap * 2;
	if (tb->room[0] != NULL)
		L->rooms_used = 0;
}

static void layout_section(struct layout *L, const struct pt_node *s)
{
	const struct style *st = L->st;
	const struct pt_node *h = s->first && s->first->type == PT_HEADING
	                          ? s->first : NULL;
	const struct pt_node *body = h ? h->next : s->first;
	if (h == NULL) {
		for (const struct pt_node *n = body; n && !L->oom; n = n->next)
			layout_flow_node(L, n);
		return;
	}
	int sub = h->level > 2;
	double size = sub ? st->subheading_size : st->heading_size;
	const char *title = layout_plain(L, h);
	const struct pt_node *was = L->tag;
	const char *hlang = layout_words_lang(h);
	if (s->keep == PK_WHOLE) {
		double keep = layout_measure(L, body);
		L->tag = h;
		L->lang = hlang;
		layout_heading_keep(L, title, 0, size, sub, keep);
		L->lang = NULL;
		L->tag = was;
	} else if (s->keep == PK_TO_TABLE) {
		/* the heading stays with what comes before the table (an
		 * objective) and the table's start */
		const struct pt_node *t = body;
		while (t && t->type != PT_TABLE)
			t = t->next;
		struct ltable tb;
		double keep = 0;
		struct lcell *cells = NULL;
		size_t ncells = 0, cap = 0;
		for (const struct pt_node *n = body; n != t; n = n->next) {
			if (arena_grow(L->a, (void **)&cells, &cap, ncells + 1,
			               sizeof *cells) != 0) {
				L->oom = 1;
				return;
			}
			struct lcell *c = &cells[ncells++];
			memset(c, 0, sizeof *c);
			layout_cell_block(L, c, n, L->right - L->left, 0,
			                  (struct lstyle){FACE_REGULAR,
			                                  st->text_colour, 0});
			keep += c->h + (c->n ? st->paragraph_gap : 0);
		}
		if (t != NULL) {
			layout_pt_table(L, &tb, t);
			keep += layout_table_start(L, &tb);
		}
		L->tag = h;
		L->lang = hlang;
		layout_heading_keep(L, title, 0, size, sub, keep);
		L->lang = NULL;
		L->tag = was;
		for (size_t i = 0; i < ncells; i++) {
			layout_flow_cell(L, &cells[i], L->left,
			                 L->right - L->left);
			if (cells[i].n)
				L->y -= st->paragraph_gap;
		}
		if (t == NULL)
			return;
		layout_table_place(L, &tb);
		for (const struct pt_node *n = t->next; n && !L->oom;
		     n = n->next)
			layout_flow_node(L, n);
		return;
	} else {
		L->tag = h;
		L->lang = hlang;
		layout_heading(L, title, 0, size, sub);
		L->lang = NULL;
		L->tag = was;
	}
	for (const struct pt_node *n = body; n && !L->oom; n = n->next)
		layout_flow_node(L, n);
}

static void layout_flow_node(struct layout *L, const struct pt_node *n)
{
	switch (n->type) {
	case PT_HEADER:
		layout_pt_header(L, n);
		break;
	case PT_SECTION:
		layout_section(L, n);
		break;
	case PT_PARAGRAPH:
	case PT_GROUP:
		layout_flow_block(L, n);
		break;
	case PT_LIST:
		if (n->list == PL_CHECKLIST)
			layout_checklist(L, n);
		else
			layout_flow_block(L, n);
		break;
	case PT_TABLE: {
		struct ltable tb;
		layout_pt_table(L, &tb, n);
		layout_table_place(L, &tb);
		break;
	}
	case PT_FIELDS:
		layout_pt_fields(L, n);
		break;
	case PT_CHART: {
		/* a figure: read by its text alternative */
		const struct pt_node *was = L->tag;
		L->tag = n;
		layout_chart(L, n);
		L->tag = was;
		break;
	}
	default:
		break;   /* the document's slots, rows for machines */
	}
}

struct layout_doc *layout_document(const struct pt_node *root,
                                   const struct style *st,
                                   const struct device_metrics *m,
                                   struct hyph *hy, struct arena *a)
{
	return layout_document_memo(root, st, m, hy, NULL, a);
}

struct layout_doc *layout_document_memo(const struct pt_node *root,
                                        const struct style *st,
                                        const struct device_metrics *m,
                                        struct hyph *hy,
                                        struct layout_memo *mm,
                                        struct arena *a)
{
	struct layout L = {0};
	L.st = st;
	L.m = m;
	L.hyph = hy;
	L.memo = mm;
	L.keep = a;
	L.a = arena_new();
	L.ld = arena_alloc(a, sizeof *L.ld);
	L.scratch = arena_new();
	L.room[0] = arena_new();
	L.room[1] = arena_new();
	L.measure = arena_new();
	if (L.a == NULL || L.ld == NULL || L.scratch == NULL ||
	    L.room[0] == NULL || L.room[1] == NULL || L.measure == NULL) {
		arena_free(L.a);
		arena_free(L.scratch);
		arena_free(L.room[0]);
		arena_free(L.room[1]);
		arena_free(L.measure);
		return NULL;
	}
	L.page_width = root->landscape ? st->page_height : st->page_width;
	L.page_height = root->landscape ? st->page_width : st->page_height;
	L.left = st->margin_left;
	L.right = L.page_width - st->margin_right;
	L.top = L.page_height - st->margin_top;
	L.bottom = st->margin_bottom;
	L.ld->page_width = L.page_width;
	L.ld->page_height = L.page_height;
	L.ld->lang = pt_more_of(root)->lang;
	const struct pt_node *title = pt_meta(root, PR_META_TITLE);
	const struct pt_node *subject = pt_meta(root, PR_META_SUBJECT);
	L.ld->title = arena_strdup(a, title ? layout_plain(&L, title) : "");
	L.ld->subject = subject ? arena_strdup(a, layout_plain(&L, subject))
	                        : NULL;
	if (L.ld->title == NULL || (subject != NULL && L.ld->subject == NULL))
		L.oom = 1;

	layout_new_page(&L);
	for (const struct pt_node *n = root->first; n && !L.oom; n = n->next)
		layout_flow_node(&L, n);
	layout_close_page(&L);

	const struct pt_node *left = pt_meta(root, PR_META_HEAD_LEFT);
	const struct pt_node *right = pt_meta(root, PR_META_HEAD_RIGHT);
	const struct pt_node *foot = pt_meta(root, PR_META_FOOTER);
	const struct pt_node *page = pt_meta(root, PR_META_PAGE);
	const struct pt_node *pw = page ? page->first : NULL;
	const struct pt_node *of = pw ? pw->next : NULL;
	/* said in the order of the sources, as a compiler says its
	 * mistakes, whatever order the rows were measured in */
	if (L.ld->nbroken > 1)
		qsort(L.ld->broken, L.ld->nbroken, sizeof *L.ld->broken,
		      layout_broken_order);
	layout_page_furniture(&L, left ? layout_plain(&L, left) : "",
	                      right ? layout_plain(&L, right) : NULL,
	                      foot ? layout_plain(&L, foot) : NULL,
	                      pw ? layout_plain(&L, pw) : "Page",
	                      of ? layout_plain(&L, of) : "of");
	/* the result is in a; what it was made with goes now, before the
	 * writers (a long plan's cells and lines were a fifth of its memory
	 * while the PDF was written) */
	arena_free(L.a);
	arena_free(L.scratch);
	arena_free(L.room[0]);
	arena_free(L.room[1]);
	arena_free(L.measure);
	free(L.open);
	if (L.oom) {
		layout_doc_free(L.ld);
		return NULL;
	}
	return L.ld;
}

void layout_page_release(struct layout_doc *ld, size_t i)
{
	layout_page_let_go(&ld->pages[i]);
}

void layout_doc_free(struct layout_doc *ld)
{
	for (size_t i = 0; ld != NULL && i < ld->npages; i++)
		layout_page_release(ld, i);
}

void layout_let_go(void *owner)
{
	struct layout_owner *o = owner;
	layout_doc_free(*o->ld);
	*o->ld = NULL;
	arena_free(*o->a);
	*o->a = NULL;
}


static void layout_dump_string(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			fputc('\\', out);
		fputc(s[i], out);
	}
	fputc('"', out);
}

static const char *const layout_face_name[FACE_COUNT] = {
	"regular", "bold", "italic", "bold-italic"};

void layout_dump(const struct layout_doc *ld, FILE *out)
{
	fprintf(out, "document %.2f x %.2f, %zu pages\n", ld->page_width,
	        ld->page_height, ld->npages);
	fprintf(out, "breaks %zu at hyphenation points, %zu between letters\n",
	        ld->hyphenated, ld->nbroken);
	for (size_t i = 0; i < ld->nmarks; i++) {
		const struct layout_mark *m = &ld->marks[i];
		fprintf(out, "mark %d page %zu y %.2f ", m->level, m->page + 1,
		        m->y);
		layout_dump_string(out, m->title, strlen(m->title));
		fputc('\n', out);
	}
	for (size_t p = 0; p < ld->npages; p++) {
		const struct layout_page *pg = &ld->pages[p];
		fprintf(out, "page %zu\n", p + 1);
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			switch (b->kind) {
			case BOX_TEXT:
				fprintf(out, "  text %.2f %.2f %s %.1f #%06x ",
				        b->x, b->y, layout_face_name[b->face],
				        b->size, (unsigned)b->colour);
				layout_dump_string(out, b->text, b->len);
				fputs(b->tag ? "" : " artifact", out);
				fputs(b->invisible ? " invisible" : "", out);
				fputc('\n', out);
				break;
			case BOX_LINE:
				fprintf(out, "  line %.2f %.2f %.2f %.2f w%.2f "
				        "#%06x\n", b->x, b->y, b->x + b->w,
				        b->y + b->h, b->size,
				        (unsigned)b->colour);
				break;
			case BOX_RECT:
				fprintf(out, "  rect %.2f %.2f %.2f %.2f",
				        b->x, b->y, b->w, b->h);
				if (b->filled)
					fprintf(out, " fill #%06x",
					        (unsigned)b->fill);
				if (b->stroked)
					fprintf(out, " stroke w%.2f #%06x",
					        b->size, (unsigned)b->colour);
				fputc('\n', out);
				break;
			case BOX_LINK:
				fprintf(out, "  link %.2f %.2f %.2f %.2f ",
				        b->x, b->y, b->w, b->h);
				layout_dump_string(out, b->text, b->len);
				fputc('\n', out);
				break;
			case BOX_FIELD: {
				static const char *const kind[] = {
				    "text", "lines", "check"};
				fprintf(out, "  field %.2f %.2f %.2f %.2f %s ",
				        b->x, b->y, b->w, b->h,
				        kind[b->field]);
				layout_dump_string(out, b->text, b->len);
				fputc(' ', out);
				const char *tip = box_tip(b);
				layout_dump_string(out, tip ? tip : "",
				                   tip ? strlen(tip) : 0);
				fputc('\n', out);
				break;
			}
			}
		}
	}
}


