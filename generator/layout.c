/* layout.c - line breaking, tables and pages for the document model.
 *
 * Text is broken greedily at spaces (a word wider than the column breaks
 * between characters, so nothing ever runs out of its box). Tables are
 * rows of cells; a cell is a column of items (text lines, tick boxes,
 * rules, gaps). A row that does not fit splits at the deepest offset that
 * is a boundary in every cell, so a table row can run over several pages
 * and the header row is repeated on each. */
#include "layout.h"
#include "arena.h"
#include "model.h"

#include <math.h>
#include <string.h>

#define LAYOUT_MAX_COLS 8
#define LAYOUT_CELL_PAD 5.0

struct lrun {
	enum face face;
	const char *text;
	size_t len;
	const char *href;
	uint32_t colour;
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
};

struct ltext {
	struct lline *lines;
	size_t n, cap;
	double size, lead;
};

enum litem_kind { ITEM_LINE, ITEM_GAP, ITEM_TICK, ITEM_RULE };

struct litem {
	enum litem_kind kind;
	double h;
	const struct lline *line;
	double size;
	int ticked;
};

struct lcell {
	struct litem *items;
	size_t n, cap;
	double h;
};

struct lrow {
	struct lcell cells[LAYOUT_MAX_COLS];
	int span_all;            /* one cell across the table (group band) */
	uint32_t fill;
	int filled;
	double h;                /* content height, without padding */
	const char *mark;        /* bookmark for this row, level 1 */
};

struct ltable {
	int ncols;
	double x[LAYOUT_MAX_COLS + 1];
	struct lrow *header;
};

struct layout {
	const struct style *st;
	const struct device_metrics *m;
	struct arena *a;
	struct layout_doc *ld;
	const struct document *doc;
	struct layout_page *page;
	double y;                /* top of the free space on this page */
	double left, right, top, bottom;
	int oom;
};

/* ---------------------------------------------------------------- */
/* display list                                                      */

static struct box *layout_box(struct layout *L, enum box_kind kind)
{
	struct layout_page *p = L->page;
	if (p == NULL || arena_grow(L->a, (void **)&p->boxes, &p->cap,
	                            p->nboxes + 1, sizeof *p->boxes) != 0) {
		L->oom = 1;
		return NULL;
	}
	struct box *b = &p->boxes[p->nboxes++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static void layout_line(struct layout *L, double x, double y, double w,
                        double h, double width, uint32_t colour)
{
	struct box *b = layout_box(L, BOX_LINE);
	if (b == NULL)
		return;
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->size = width;
	b->colour = colour;
}

static void layout_rect(struct layout *L, double x, double y, double w,
                        double h, int filled, uint32_t fill, double stroke,
                        uint32_t colour)
{
	struct box *b = layout_box(L, BOX_RECT);
	if (b == NULL)
		return;
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->filled = filled;
	b->fill = fill;
	b->stroked = stroke > 0;
	b->size = stroke;
	b->colour = colour;
}

static void layout_text_box(struct layout *L, double x, double y,
                            enum face face, double size, uint32_t colour,
                            const char *text, size_t len)
{
	struct box *b = layout_box(L, BOX_TEXT);
	if (b == NULL)
		return;
	b->x = x;
	b->y = y;
	b->face = face;
	b->size = size;
	b->colour = colour;
	b->text = text;
	b->len = len;
}

static void layout_new_page(struct layout *L)
{
	struct layout_doc *ld = L->ld;
	if (arena_grow(L->a, (void **)&ld->pages, &ld->cap, ld->npages + 1,
	               sizeof *ld->pages) != 0) {
		L->oom = 1;
		return;
	}
	L->page = &ld->pages[ld->npages++];
	memset(L->page, 0, sizeof *L->page);
	L->y = L->top;
}

static void layout_mark(struct layout *L, const char *title, int level)
{
	struct layout_doc *ld = L->ld;
	if (title == NULL || arena_grow(L->a, (void **)&ld->marks,
	                                &ld->marks_cap, ld->nmarks + 1,
	                                sizeof *ld->marks) != 0)
		return;
	struct layout_mark *m = &ld->marks[ld->nmarks++];
	m->title = title;
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
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t n = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
	if (n == 1 || n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	uint32_t c = u[0] & (0x3F >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return i;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	*cp = c;
	return n;
}

static double layout_width(const struct layout *L, enum face face,
                           double size, const char *s, size_t len)
{
	double w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += layout_utf8(s + i, len - i, &cp);
		w += L->m->advance(L->m->ctx, face, cp);
	}
	return w * size / 1000.0;
}

/* ---------------------------------------------------------------- */
/* runs and line breaking                                            */

static void layout_add_run(struct layout *L, struct lruns *r, enum face face,
                           const char *text, size_t len, const char *href,
                           uint32_t colour)
{
	if (len == 0)
		return;
	if (arena_grow(L->a, (void **)&r->v, &r->cap, r->n + 1,
	               sizeof *r->v) != 0) {
		L->oom = 1;
		return;
	}
	struct lrun *x = &r->v[r->n++];
	x->face = face;
	x->text = text;
	x->len = len;
	x->href = href;
	x->colour = colour;
}

static enum face layout_face_with(enum face f, int bold, int italic)
{
	int b = bold || f == FACE_BOLD || f == FACE_BOLD_ITALIC;
	int i = italic || f == FACE_ITALIC || f == FACE_BOLD_ITALIC;
	return b ? (i ? FACE_BOLD_ITALIC : FACE_BOLD)
	         : (i ? FACE_ITALIC : FACE_REGULAR);
}

static void layout_inline_runs(struct layout *L, struct lruns *r,
                               const struct inline_node *n, enum face face,
                               const char *href, uint32_t colour)
{
	for (; n != NULL; n = n->next) {
		switch (n->kind) {
		case INLINE_TEXT:
			layout_add_run(L, r, face, n->text, strlen(n->text),
			               href, href ? L->st->link_colour : colour);
			break;
		case INLINE_EM:
			layout_inline_runs(L, r, n->child,
			                   layout_face_with(face, 0, 1), href,
			                   colour);
			break;
		case INLINE_STRONG:
			layout_inline_runs(L, r, n->child,
			                   layout_face_with(face, 1, 0), href,
			                   colour);
			break;
		case INLINE_LINK:
			layout_inline_runs(L, r, n->child, face, n->href,
			                   colour);
			break;
		}
	}
}

struct lwrap {
	struct layout *L;
	struct ltext *t;
	double width;
	struct lline *line;
	double x;
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
	size_t start, end;
	double w;
	double space_after;      /* width of the space after it, 0 if none */
};

static void layout_wrap(struct layout *L, const struct lruns *r, double size,
                        double width, struct ltext *t)
{
	memset(t, 0, sizeof *t);
	t->size = size;
	t->lead = size * L->st->leading;
	if (width < size)
		width = size;

	/* tokens: maximal runs of non-space bytes within one run */
	struct ltoken *tok = NULL;
	size_t ntok = 0, cap = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct lrun *run = &r->v[i];
		size_t p = 0;
		while (p < run->len) {
			if (run->text[p] == ' ') {
				if (ntok > 0 && tok[ntok - 1].space_after == 0)
					tok[ntok - 1].space_after =
					    layout_width(L, run->face, size, " ", 1);
				p++;
				continue;
			}
			size_t q = p;
			while (q < run->len && run->text[q] != ' ')
				q++;
			if (arena_grow(L->a, (void **)&tok, &cap, ntok + 1,
			               sizeof *tok) != 0) {
				L->oom = 1;
				return;
			}
			struct ltoken *k = &tok[ntok++];
			k->run = run;
			k->start = p;
			k->end = q;
			k->w = layout_width(L, run->face, size, run->text + p,
			                    q - p);
			k->space_after = 0;
			p = q;
		}
	}

	struct lwrap w = {L, t, width, NULL, 0};
	if (layout_wrap_newline(&w) == NULL)
		return;
	double pending_space = 0;
	for (size_t i = 0; i < ntok;) {
		/* a word: tokens with no space between them */
		size_t j = i;
		double ww = tok[j].w;
		while (j + 1 < ntok && tok[j].space_after == 0) {
			j++;
			ww += tok[j].w;
		}
		double gap = w.line->n ? pending_space : 0;
		if (w.line->n && w.x + gap + ww > width + 0.001) {
			if (layout_wrap_newline(&w) == NULL)
				return;
			gap = 0;
		}
		for (size_t k = i; k <= j; k++) {
			const struct ltoken *tk = &tok[k];
			if (w.x + gap + tk->w <= width + 0.001) {
				layout_wrap_place(&w, tk->run, tk->start,
				                  tk->end, gap, tk->w);
				gap = 0;
				continue;
			}
			/* Too wide for any line: break between characters. */
			size_t s = tk->start;
			while (s < tk->end) {
				size_t e = s;
				double used = 0;
				while (e < tk->end) {
					uint32_t cp;
					size_t n = layout_utf8(tk->run->text + e,
					                       tk->end - e, &cp);
					double cw = L->m->advance(L->m->ctx,
					                          tk->run->face,
					                          cp) * size / 1000;
					if (w.x + gap + used + cw > width + 0.001 &&
					    (e > s || w.line->n > 0))
						break;
					used += cw;
					e += n;
				}
				if (e > s)
					layout_wrap_place(&w, tk->run, s, e, gap,
					                  used);
				gap = 0;
				s = e;
				if (s < tk->end && layout_wrap_newline(&w) == NULL)
					return;
			}
		}
		pending_space = tok[j].space_after;
		i = j + 1;
	}
}

static void layout_wrap_text(struct layout *L, const char *text,
                             enum face face, uint32_t colour, double size,
                             double width, struct ltext *t)
{
	struct lruns r = {0};
	layout_add_run(L, &r, face, text, strlen(text), NULL, colour);
	layout_wrap(L, &r, size, width, t);
}

static void layout_wrap_inline(struct layout *L, const struct inline_node *n,
                               enum face face, double size, double width,
                               struct ltext *t)
{
	struct lruns r = {0};
	layout_inline_runs(L, &r, n, face, NULL, L->st->text_colour);
	layout_wrap(L, &r, size, width, t);
}

/* Baseline of a line whose box starts at top. */
static double layout_baseline(double top, double size, double lead)
{
	return top - ((lead - size) / 2 + size * 0.8);
}

static void layout_emit_line(struct layout *L, const struct lline *ln,
                             double x, double top, double size, double lead)
{
	double base = layout_baseline(top, size, lead);
	for (size_t i = 0; i < ln->n; i++) {
		const struct lfrag *f = &ln->frags[i];
		const struct lrun *r = f->run;
		layout_text_box(L, x + f->x, base, r->face, size, r->colour,
		                r->text + f->start, f->end - f->start);
		if (r->href == NULL)
			continue;
		layout_line(L, x + f->x, base - size * 0.12, f->w, 0,
		            size * 0.05, r->colour);
		struct box *b = layout_box(L, BOX_LINK);
		if (b == NULL)
			return;
		b->x = x + f->x;
		b->y = base - size * 0.25;
		b->w = f->w;
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
/* blocks                                                            */

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

static void layout_blocks(struct layout *L, const struct block *b, double x,
                          double width, int depth);

static void layout_list(struct layout *L, const struct block *list, double x,
                        double width, int depth)
{
	const struct style *st = L->st;
	double indent = st->body_size * 1.6;
	int n = 0;
	for (const struct block *li = list->child; li; li = li->next) {
		n++;
		struct ltext t;
		layout_wrap_inline(L, li->text, FACE_REGULAR, st->body_size,
		                   width - indent, &t);
		const char *marker = list->kind == BLOCK_UL
		                     ? "\xE2\x80\xA2"
		                     : arena_printf(L->a, "%d.", n);
		if (marker == NULL) {
			L->oom = 1;
			return;
		}
		for (size_t i = 0; i < t.n; i++) {
			layout_need(L, t.lead);
			if (i == 0)
				layout_text_box(L, x + (depth ? 0 : 2),
				                layout_baseline(L->y, t.size,
				                                t.lead),
				                FACE_REGULAR, t.size,
				                st->text_colour, marker,
				                strlen(marker));
			layout_emit_line(L, &t.lines[i], x + indent, L->y,
			                 t.size, t.lead);
			L->y -= t.lead;
		}
		L->y -= st->paragraph_gap * 0.4;
	}
	L->y -= st->paragraph_gap * 0.6;
}

static void layout_blocks(struct layout *L, const struct block *b, double x,
                          double width, int depth)
{
	const struct style *st = L->st;
	for (; b != NULL && !L->oom; b = b->next) {
		switch (b->kind) {
		case BLOCK_P: {
			struct ltext t;
			layout_wrap_inline(L, b->text, FACE_REGULAR,
			                   st->body_size, width, &t);
			layout_flow(L, &t, x);
			L->y -= st->paragraph_gap;
			break;
		}
		case BLOCK_UL:
		case BLOCK_OL:
			layout_list(L, b, x, width, depth);
			break;
		case BLOCK_LI:
			break;
		case BLOCK_SECTION:
			if (depth == 0)
				layout_heading(L, b->title, b->number,
				               st->heading_size, 0);
			else
				layout_heading(L, b->title, 0,
				               st->subheading_size, 1);
			layout_blocks(L, b->child, x, width, depth + 1);
			break;
		}
	}
}

/* ---------------------------------------------------------------- */
/* tables                                                            */

static void layout_cell_add(struct layout *L, struct lcell *c,
                            enum litem_kind kind, double h,
                            const struct lline *line, double size,
                            int ticked)
{
	if (arena_grow(L->a, (void **)&c->items, &c->cap, c->n + 1,
	               sizeof *c->items) != 0) {
		L->oom = 1;
		return;
	}
	struct litem *it = &c->items[c->n++];
	it->kind = kind;
	it->h = h;
	it->line = line;
	it->size = size;
	it->ticked = ticked;
	c->h += h;
}

static void layout_cell_text(struct layout *L, struct lcell *c,
                             const struct ltext *t)
{
	for (size_t i = 0; i < t->n; i++)
		layout_cell_add(L, c, ITEM_LINE, t->lead, &t->lines[i], t->size,
		                0);
}

static void layout_cell_pad_to(struct layout *L, struct lcell *c, double h)
{
	if (c->h < h - 0.001)
		layout_cell_add(L, c, ITEM_GAP, h - c->h, NULL, 0, 0);
}

static double layout_cell_width(const struct ltable *tb, int col)
{
	return tb->x[col + 1] - tb->x[col] - 2 * LAYOUT_CELL_PAD;
}

static void layout_row_finish(struct lrow *row, int ncols)
{
	row->h = 0;
	for (int i = 0; i < (row->span_all ? 1 : ncols); i++)
		if (row->cells[i].h > row->h)
			row->h = row->cells[i].h;
}

/* The deepest offset in (from, want] at which cell c may be cut: an item
 * boundary, any point inside a gap, or anything past the content. Returns
 * from when there is none. */
static double layout_cell_cut(const struct lcell *c, double from,
                              double want)
{
	const double eps = 0.001;
	double off = 0, best = from;
	for (size_t i = 0; i < c->n; i++) {
		const struct litem *it = &c->items[i];
		double end = off + it->h;
		if (off > want + eps)
			return best;
		if (off > from + eps)
			best = off;
		if (it->kind == ITEM_GAP) {
			double p = want < end ? want : end;
			if (p > from + eps)
				best = p;
		}
		off = end;
	}
	return off <= want + eps ? want : best;
}

static double layout_row_cut(const struct lrow *row, int ncols, double from,
                             double want)
{
	double cut = want;
	/* Each pass can only lower the cut, to a boundary of some cell, so
	 * this ends; it stops when every cell agrees. */
	for (;;) {
		double c0 = cut;
		for (int i = 0; i < (row->span_all ? 1 : ncols); i++) {
			double c = layout_cell_cut(&row->cells[i], from, cut);
			if (c < cut)
				cut = c;
		}
		if (cut >= c0 - 0.001)
			break;
	}
	return cut;
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

/* Draws offsets [from, to) of row's content with its top at L->y. */
static void layout_row_slice(struct layout *L, const struct ltable *tb,
                             const struct lrow *row, double from, double to)
{
	const struct style *st = L->st;
	double h = to - from + 2 * LAYOUT_CELL_PAD;
	double top = L->y;
	double x0 = tb->x[0], x1 = tb->x[tb->ncols];
	if (row->filled)
		layout_rect(L, x0, top - h, x1 - x0, h, 1, row->fill, 0, 0);
	int ncells = row->span_all ? 1 : tb->ncols;
	for (int i = 0; i < ncells; i++) {
		const struct lcell *c = &row->cells[i];
		double cx = tb->x[i] + LAYOUT_CELL_PAD;
		double cw = row->span_all ? x1 - x0 - 2 * LAYOUT_CELL_PAD
		                          : layout_cell_width(tb, i);
		double off = 0;
		for (size_t k = 0; k < c->n; k++) {
			const struct litem *it = &c->items[k];
			double end = off + it->h;
			/* an item belongs to the slice it starts in */
			if (off >= from - 0.001 && off < to - 0.001) {
				double itop = top - LAYOUT_CELL_PAD -
				              (off - from);
				if (it->kind == ITEM_LINE)
					layout_emit_line(L, it->line, cx, itop,
					                 it->size, it->h);
				else if (it->kind == ITEM_TICK)
					layout_draw_tick(L, cx + cw / 2,
					                 itop - it->h / 2,
					                 it->ticked);
				else if (it->kind == ITEM_RULE)
					layout_line(L, cx - LAYOUT_CELL_PAD,
					            itop - it->h / 2,
					            cw + 2 * LAYOUT_CELL_PAD, 0,
					            0.5, st->rule_colour);
			}
			off = end;
		}
	}
	/* borders */
	layout_line(L, x0, top, x1 - x0, 0, 0.8, st->rule_colour);
	layout_line(L, x0, top - h, x1 - x0, 0, 0.8, st->rule_colour);
	layout_line(L, x0, top, 0, -h, 0.8, st->rule_colour);
	layout_line(L, x1, top, 0, -h, 0.8, st->rule_colour);
	if (!row->span_all)
		for (int i = 1; i < tb->ncols; i++)
			layout_line(L, tb->x[i], top, 0, -h, 0.8,
			            st->rule_colour);
	L->y -= h;
}

static void layout_table_header(struct layout *L, const struct ltable *tb)
{
	if (tb->header != NULL)
		layout_row_slice(L, tb, tb->header, 0, tb->header->h);
}

static double layout_row_height(const struct lrow *row)
{
	return row->h + 2 * LAYOUT_CELL_PAD;
}

/* Places one row: whole on this page, whole on the next, or split. */
static void layout_table_row(struct layout *L, const struct ltable *tb,
                             const struct lrow *row, double keep_next)
{
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	double page_room = L->top - L->bottom - header_h;
	double need = layout_row_height(row) + keep_next;
	if (L->y - need < L->bottom &&
	    (need <= page_room || L->y - L->bottom < 3 * L->st->body_size *
	                                                 L->st->leading)) {
		layout_new_page(L);
		layout_table_header(L, tb);
	}
	if (row->mark)
		layout_mark(L, row->mark, 1);
	double from = 0;
	while (from < row->h - 0.001 && !L->oom) {
		double room = L->y - L->bottom - 2 * LAYOUT_CELL_PAD;
		double want = from + (room > 0 ? room : 0);
		double cut = layout_row_cut(row, tb->ncols, from,
		                            want < row->h ? want : row->h);
		if (cut <= from + 0.001) {
			if (L->y >= L->top - header_h - 0.001) {
				/* nothing fits even on a fresh page (an item
				 * taller than the page): let it overflow
				 * rather than loop */
				cut = room > 0 ? from + room : row->h;
				if (cut > row->h)
					cut = row->h;
			} else {
				layout_new_page(L);
				layout_table_header(L, tb);
				continue;
			}
		}
		layout_row_slice(L, tb, row, from, cut);
		from = cut;
		if (from < row->h - 0.001) {
			layout_new_page(L);
			layout_table_header(L, tb);
		}
	}
	if (row->h <= 0.001)
		layout_row_slice(L, tb, row, 0, 0);
}

/* How much must follow row i on the same page: a span-all band (a group
 * title) never ends a page without the row after it, when that fits. */
static double layout_keep_next(const struct layout *L, const struct ltable *tb,
                               struct lrow **rows, size_t n, size_t i)
{
	if (!rows[i]->span_all || i + 1 >= n)
		return 0;
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	double room = L->top - L->bottom - header_h - layout_row_height(rows[i]);
	double next = layout_row_height(rows[i + 1]);
	return next <= room ? next : 3 * L->st->body_size * L->st->leading;
}

/* Draws a table: header, then rows, keeping the header with the first
 * row (and a band with its row). */
static void layout_table_rows(struct layout *L, const struct ltable *tb,
                              struct lrow **rows, size_t n)
{
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	double first = n ? layout_row_height(rows[0]) +
	                   layout_keep_next(L, tb, rows, n, 0) : 0;
	if (header_h + first > L->top - L->bottom)
		first = 3 * L->st->body_size * L->st->leading;
	layout_need(L, header_h + first);
	layout_table_header(L, tb);
	for (size_t i = 0; i < n && !L->oom; i++)
		layout_table_row(L, tb, rows[i],
		                 layout_keep_next(L, tb, rows, n, i));
}

/* ---------------------------------------------------------------- */
/* pledge form                                                       */

static struct lrow *layout_new_row(struct layout *L)
{
	struct lrow *r = arena_alloc(L->a, sizeof *r);
	if (r == NULL)
		L->oom = 1;
	return r;
}

static void layout_action_table(struct layout *L, const struct pledge_form *f,
                                const struct pledge *pl)
{
	const struct style *st = L->st;
	const struct pledge_labels *lb = &f->labels;
	double size = st->body_size, lead = size * st->leading;
	double width = L->right - L->left;
	struct ltable tb = {0};
	tb.ncols = 4;
	/* tick and deadline columns sized for their content */
	double tick_w = layout_width(L, FACE_BOLD, size, lb->tick,
	                             strlen(lb->tick)) + 2 * LAYOUT_CELL_PAD;
	if (tick_w < st->tick_size * 3)
		tick_w = st->tick_size * 3;
	double date_w = layout_width(L, FACE_REGULAR, size, "00/00/0000", 10) +
	                2 * LAYOUT_CELL_PAD + 2;
	double rest = width - tick_w - date_w;
	tb.x[0] = L->left;
	tb.x[1] = L->left + rest * 0.34;
	tb.x[2] = L->left + rest;
	tb.x[3] = tb.x[2] + tick_w;
	tb.x[4] = L->right;

	struct lrow *hdr = layout_new_row(L);
	if (hdr == NULL)
		return;
	const char *heads[4] = {lb->action_point, lb->steps, lb->tick,
	                        lb->deadline};
	for (int i = 0; i < 4; i++) {
		struct ltext *t = arena_alloc(L->a, sizeof *t);
		if (t == NULL) {
			L->oom = 1;
			return;
		}
		layout_wrap_text(L, heads[i], FACE_BOLD, st->text_colour, size,
		                 layout_cell_width(&tb, i), t);
		layout_cell_text(L, &hdr->cells[i], t);
	}
	hdr->filled = 1;
	hdr->fill = st->fill_colour;
	layout_row_finish(hdr, 4);
	tb.header = hdr;

	/* Rows are built first so a group band can be kept with the row
	 * after it and the header with the first rows. */
	struct lrow **rows = NULL;
	size_t nrows = 0, rcap = 0;

	for (const struct pledge_group *g = f->groups; g && !L->oom;
	     g = g->next) {
		struct lrow *band = layout_new_row(L);
		struct ltext *t = arena_alloc(L->a, sizeof *t);
		if (band == NULL || t == NULL) {
			L->oom = 1;
			return;
		}
		band->span_all = 1;
		band->filled = 1;
		band->fill = st->band_colour;
		band->mark = g->title;
		layout_wrap_text(L, g->title, FACE_BOLD, st->accent_colour,
		                 size, width - 2 * LAYOUT_CELL_PAD, t);
		layout_cell_text(L, &band->cells[0], t);
		layout_row_finish(band, 4);
		if (arena_grow(L->a, (void **)&rows, &rcap, nrows + 1,
		               sizeof *rows) != 0) {
			L->oom = 1;
			return;
		}
		rows[nrows++] = band;

		for (const struct action_point *a = g->action_points;
		     a && !L->oom; a = a->next) {
			struct lrow *row = layout_new_row(L);
			struct ltext *tt = arena_alloc(L->a, sizeof *tt);
			if (row == NULL || tt == NULL) {
				L->oom = 1;
				return;
			}
			layout_wrap_text(L, a->title, FACE_BOLD,
			                 st->text_colour, size,
			                 layout_cell_width(&tb, 0), tt);
			layout_cell_text(L, &row->cells[0], tt);
			for (const struct pledge_step *s = a->steps; s;
			     s = s->next) {
				const struct pledge_commit *k =
				    pl ? pl->commit_for_step[s->ordinal] : NULL;
				struct ltext *st_text =
				    arena_alloc(L->a, sizeof *st_text);
				if (st_text == NULL) {
					L->oom = 1;
					return;
				}
				layout_wrap_inline(L, s->text, FACE_REGULAR,
				                   size,
				                   layout_cell_width(&tb, 1),
				                   st_text);
				double band_h = st_text->n * lead;
				if (band_h < lead)
					band_h = lead;
				double base = row->cells[1].h;
				layout_cell_text(L, &row->cells[1], st_text);
				layout_cell_add(L, &row->cells[2], ITEM_TICK,
				                lead, NULL, size, k != NULL);
				if (k != NULL && k->by.valid) {
					char *date = arena_alloc(L->a, 11);
					struct ltext *dt =
					    arena_alloc(L->a, sizeof *dt);
					if (date == NULL || dt == NULL) {
						L->oom = 1;
						return;
					}
					mdate_format(&k->by, date);
					layout_wrap_text(
					    L, date, FACE_REGULAR,
					    st->text_colour, size,
					    layout_cell_width(&tb, 3), dt);
					layout_cell_text(L, &row->cells[3], dt);
				}
				for (int c = 1; c <= 3; c++)
					layout_cell_pad_to(L, &row->cells[c],
					                   base + band_h);
				if (s->next != NULL)
					for (int c = 1; c <= 3; c++)
						layout_cell_add(
						    L, &row->cells[c], ITEM_RULE,
						    2 * LAYOUT_CELL_PAD, NULL, 0,
						    0);
			}
			layout_row_finish(row, 4);
			if (arena_grow(L->a, (void **)&rows, &rcap, nrows + 1,
			               sizeof *rows) != 0) {
				L->oom = 1;
				return;
			}
			rows[nrows++] = row;
		}
	}
	layout_table_rows(L, &tb, rows, nrows);
	L->y -= st->paragraph_gap * 2;
}

/* A label and either a value or a line to write on by hand. */
static void layout_field(struct layout *L, const char *label,
                         const char *value, double write_h)
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
	}
	L->y = top - h - 6;
}

static void layout_support(struct layout *L, const struct pledge_form *f,
                           const struct pledge *pl)
{
	const struct style *st = L->st;
	double size = st->body_size, lead = size * st->leading;
	double indent = st->tick_size + 10;
	/* the checklist is short: keep it whole with its heading */
	double keep = f->has_other ? 3 * lead + 6 : 0;
	for (const struct support_option *o = f->options; o; o = o->next) {
		struct ltext t;
		layout_wrap_inline(L, o->text, FACE_REGULAR, size,
		                   L->right - L->left - indent, &t);
		keep += t.n * lead + 4;
	}
	layout_heading_keep(L, f->support_title, f->support_number,
	                    st->heading_size, 0, keep + 2 * lead);
	layout_blocks(L, f->support_intro, L->left, L->right - L->left, 1);
	for (const struct support_option *o = f->options; o && !L->oom;
	     o = o->next) {
		struct ltext t;
		layout_wrap_inline(L, o->text, FACE_REGULAR, size,
		                   L->right - L->left - indent, &t);
		int ticked = pl != NULL && pl->option_chosen[o->ordinal];
		for (size_t i = 0; i < t.n; i++) {
			layout_need(L, lead);
			if (i == 0)
				layout_draw_tick(L, L->left + st->tick_size / 2 + 1,
				                 L->y - lead / 2, ticked);
			layout_emit_line(L, &t.lines[i], L->left + indent, L->y,
			                 size, lead);
			L->y -= lead;
		}
		L->y -= 4;
	}
	if (f->has_other) {
		L->y -= 4;
		const char *label = arena_printf(L->a, "%s:", f->other_label);
		if (label == NULL) {
			L->oom = 1;
			return;
		}
		layout_field(L, label, pl ? pl->support_other : NULL, 2 * lead);
	}
	L->y -= st->paragraph_gap;
}

static void layout_monitoring(struct layout *L, const struct pledge_form *f,
                              const struct pledge *pl)
{
	const struct style *st = L->st;
	layout_heading(L, f->monitoring_title, f->monitoring_number,
	               st->heading_size, 0);
	layout_blocks(L, f->monitoring, L->left, L->right - L->left, 1);
	if (f->has_report_due) {
		char *date = NULL;
		if (pl != NULL && pl->report_due.valid) {
			date = arena_alloc(L->a, 11);
			if (date == NULL) {
				L->oom = 1;
				return;
			}
			mdate_format(&pl->report_due, date);
		}
		const char *label = arena_printf(L->a, "%s:",
		                                 f->report_due_label);
		if (label == NULL) {
			L->oom = 1;
			return;
		}
		layout_field(L, label, date, 2 * st->body_size * st->leading);
	}
	L->y -= st->paragraph_gap;
}

static void layout_contact(struct layout *L, const struct pledge_form *f,
                           const struct pledge *pl)
{
	const struct style *st = L->st;
	const struct pledge_labels *lb = &f->labels;
	double lead = st->body_size * st->leading;
	double write_h = 2 * lead;
	/* The whole block stays on one page, so it is signed as one: six
	 * fields, the taller signature field and the gap before it. */
	double block = 6 * (write_h + 6) + (3 * lead + 6) + lead * 0.5;
	layout_heading_keep(L, f->contact_title, f->contact_number,
	                    st->heading_size, 0, block);
	const struct pledge_contact *c =
	    pl && pl->has_contact ? &pl->contact : NULL;
	const char *labels[4] = {lb->name, lb->role, lb->email, lb->phone};
	const char *values[4] = {c ? c->name : NULL, c ? c->role : NULL,
	                         c ? c->email : NULL, c ? c->phone : NULL};
	for (int i = 0; i < 4; i++) {
		const char *l = arena_printf(L->a, "%s:", labels[i]);
		if (l == NULL) {
			L->oom = 1;
			return;
		}
		layout_field(L, l, values[i], write_h);
	}
	L->y -= lead * 0.5;
	char date[11] = "";
	if (pl != NULL)
		mdate_format(&pl->signed_on, date);
	const char *l1 = arena_printf(L->a, "%s:", lb->signed_for);
	const char *l2 = arena_printf(L->a, "%s:", lb->signature);
	const char *l3 = arena_printf(L->a, "%s:", lb->date);
	const char *d = pl ? arena_strdup(L->a, date) : NULL;
	if (l1 == NULL || l2 == NULL || l3 == NULL || (pl && d == NULL)) {
		L->oom = 1;
		return;
	}
	layout_field(L, l1, pl ? pl->authority : NULL, write_h);
	layout_field(L, l2, NULL, 3 * lead);
	layout_field(L, l3, d && d[0] ? d : NULL, write_h);
}

static void layout_title_block(struct layout *L, const struct pledge_form *f,
                               const struct pledge *pl)
{
	const struct style *st = L->st;
	double width = L->right - L->left;
	struct ltext t;
	layout_wrap_text(L, f->title, FACE_BOLD, st->accent_colour,
	                 st->title_size, width, &t);
	layout_flow(L, &t, L->left);
	if (f->audience) {
		layout_wrap_text(L, f->audience, FACE_REGULAR, st->muted_colour,
		                 st->subtitle_size, width, &t);
		layout_flow(L, &t, L->left);
	}
	L->y -= 6;
	if (pl != NULL) {
		double lead = st->body_size * st->leading;
		char date[11];
		mdate_format(&pl->signed_on, date);
		struct ltext a, b;
		layout_wrap_text(L, pl->authority, FACE_BOLD, st->text_colour,
		                 st->subtitle_size, width - 20, &a);
		const char *line = arena_printf(
		    L->a, "%s %s", f->labels.signed_on, date);
		if (line == NULL) {
			L->oom = 1;
			return;
		}
		layout_wrap_text(L, line, FACE_REGULAR, st->text_colour,
		                 st->body_size, width - 20, &b);
		double h = a.n * a.lead + b.n * b.lead + 16;
		layout_rect(L, L->left, L->y - h, width, h, 1, st->band_colour,
		            0.8, st->rule_colour);
		L->y -= 8;
		for (size_t i = 0; i < a.n; i++, L->y -= a.lead)
			layout_emit_line(L, &a.lines[i], L->left + 10, L->y,
			                 a.size, a.lead);
		for (size_t i = 0; i < b.n; i++, L->y -= lead)
			layout_emit_line(L, &b.lines[i], L->left + 10, L->y,
			                 b.size, b.lead);
		L->y -= 8 + 6;
	}
	layout_line(L, L->left, L->y, width, 0, 1.5, st->accent_colour);
	L->y -= 14;
}

/* Cuts text to fit width, ending in an ellipsis when cut. */
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

static void layout_page_furniture(struct layout *L, const char *left_head,
                                  const char *right_head,
                                  const char *fingerprint)
{
	const struct style *st = L->st;
	double size = st->header_size;
	double width = L->right - L->left;
	size_t npages = L->ld->npages;
	for (size_t i = 0; i < npages && !L->oom; i++) {
		L->page = &L->ld->pages[i];
		double head_base = L->top + 28;
		double rw = right_head
		            ? layout_width(L, FACE_BOLD, size, right_head,
		                           strlen(right_head))
		            : 0;
		if (rw > width * 0.5) {
			right_head = layout_fit(L, right_head, FACE_BOLD, size,
			                        width * 0.5);
			rw = layout_width(L, FACE_BOLD, size, right_head,
			                  strlen(right_head));
		}
		const char *lh = layout_fit(L, left_head, FACE_REGULAR, size,
		                            width - rw - 12);
		layout_text_box(L, L->left, head_base, FACE_REGULAR, size,
		                st->muted_colour, lh, strlen(lh));
		if (right_head)
			layout_text_box(L, L->right - rw, head_base, FACE_BOLD,
			                size, st->muted_colour, right_head,
			                strlen(right_head));
		layout_line(L, L->left, head_base - 7, width, 0, 0.6,
		            st->rule_colour);

		double foot_base = L->bottom - 34;
		layout_line(L, L->left, foot_base + size + 4, width, 0, 0.6,
		            st->rule_colour);
		const char *pg = arena_printf(
		    L->a, "%s %zu %s %zu", L->doc->kind == DOCUMENT_PLEDGE_FORM
		    ? L->doc->u.form.labels.page
		    : L->doc->u.pledge.form->u.form.labels.page, i + 1,
		    L->doc->kind == DOCUMENT_PLEDGE_FORM
		    ? L->doc->u.form.labels.of
		    : L->doc->u.pledge.form->u.form.labels.of, npages);
		if (pg == NULL) {
			L->oom = 1;
			return;
		}
		layout_text_box(L, L->left, foot_base, FACE_REGULAR, size,
		                st->muted_colour, pg, strlen(pg));
		if (fingerprint != NULL) {
			double fw = layout_width(L, FACE_REGULAR, size,
			                         fingerprint,
			                         strlen(fingerprint));
			layout_text_box(L, L->right - fw, foot_base,
			                FACE_REGULAR, size, st->muted_colour,
			                fingerprint, strlen(fingerprint));
		}
	}
}

struct layout_doc *layout_document(const struct document *doc,
                                   const struct style *st,
                                   const struct device_metrics *m,
                                   struct arena *a)
{
	struct layout L = {0};
	L.st = st;
	L.m = m;
	L.a = a;
	L.doc = doc;
	L.ld = arena_alloc(a, sizeof *L.ld);
	if (L.ld == NULL)
		return NULL;
	L.left = st->margin_left;
	L.right = st->page_width - st->margin_right;
	L.top = st->page_height - st->margin_top;
	L.bottom = st->margin_bottom;
	L.ld->page_width = st->page_width;
	L.ld->page_height = st->page_height;
	L.ld->lang = doc->lang;

	const struct pledge *pl = NULL;
	const struct pledge_form *f;
	if (doc->kind == DOCUMENT_PLEDGE) {
		pl = &doc->u.pledge;
		f = &pl->form->u.form;
		L.ld->title = arena_printf(a, "%s \xE2\x80\x93 %s", f->title,
		                           pl->authority);
	} else {
		f = &doc->u.form;
		L.ld->title = f->title;
	}
	L.ld->subject = f->audience;

	layout_new_page(&L);
	layout_title_block(&L, f, pl);
	layout_blocks(&L, f->intro, L.left, L.right - L.left, 0);
	layout_heading(&L, f->actions_title, f->actions_number,
	               st->heading_size, 0);
	layout_blocks(&L, f->actions_intro, L.left, L.right - L.left, 1);
	if (f->instruction != NULL) {
		struct ltext t;
		layout_wrap_inline(&L, f->instruction, FACE_BOLD,
		                   st->body_size, L.right - L.left, &t);
		layout_flow(&L, &t, L.left);
		L.y -= st->paragraph_gap;
	}
	layout_action_table(&L, f, pl);
	if (f->support_number)
		layout_support(&L, f, pl);
	if (f->monitoring_number)
		layout_monitoring(&L, f, pl);
	if (f->has_contact)
		layout_contact(&L, f, pl);

	const char *fp = arena_printf(a, "%s %s", f->labels.fingerprint,
	                              doc->fingerprint);
	layout_page_furniture(&L, f->title, pl ? pl->authority : f->audience,
	                      fp);
	return L.oom ? NULL : L.ld;
}

/* ---------------------------------------------------------------- */

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
			}
		}
	}
}
