/* layout.c - the layout engine: line breaking, blocks, tables and pages
 * for every kind of document; the kinds themselves are laid out in
 * layout_pledge.c, layout_guidance.c, layout_plan.c and layout_minutes.c.
 *
 * Text is broken greedily at spaces (a word wider than the column breaks
 * between characters, so nothing ever runs out of its box). Tables are
 * rows of cells; a cell is a column of items (text lines, tick boxes,
 * labels, rules, gaps). A row that does not fit splits at the deepest
 * offset that is a boundary in every cell, so a table row can run over
 * several pages and the header row is repeated on each. Running text uses
 * the same items, flowed down the page. */
#include "arena.h"
#include "layout_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- */
/* display list                                                      */

const char *layout_printf(struct layout *L, const char *fmt, ...)
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

struct box *layout_box(struct layout *L, enum box_kind kind)
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

void layout_line(struct layout *L, double x, double y, double w,
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

void layout_rect(struct layout *L, double x, double y, double w,
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

void layout_text_box(struct layout *L, double x, double y,
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

void layout_new_page(struct layout *L)
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

void layout_mark(struct layout *L, const char *title, int level)
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
void layout_need(struct layout *L, double h)
{
	if (L->y - h < L->bottom - 0.001 && L->y < L->top)
		layout_new_page(L);
}

/* ---------------------------------------------------------------- */
/* measuring                                                         */

size_t layout_utf8(const char *s, size_t len, uint32_t *cp)
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

double layout_width(const struct layout *L, enum face face,
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
		case INLINE_SPAN:
			layout_inline_runs(L, r, n->child, face, href, colour);
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
			/* Too wide for any line: break between characters,
			 * ending each broken piece with a hyphen. */
			struct lrun *hy = arena_alloc(L->a, sizeof *hy);
			if (hy == NULL) {
				L->oom = 1;
				return;
			}
			*hy = *tk->run;
			hy->text = "-";
			hy->len = 1;
			/* addresses break without hyphens, which would
			 * change them */
			int address = 0;
			for (size_t q = tk->start; q + 1 < tk->end; q++)
				if (tk->run->text[q] == '@' ||
				    (tk->run->text[q] == ':' &&
				     tk->run->text[q + 1] == '/'))
					address = 1;
			double hw = address ? 0 : L->m->advance(L->m->ctx,
			                                        hy->face, '-') *
			                          size / 1000;
			size_t s = tk->start;
			double rest = tk->w;   /* of the part not yet placed */
			while (s < tk->end) {
				if (w.x + gap + rest <= width + 0.001) {
					layout_wrap_place(&w, tk->run, s, tk->end,
					                  gap, rest);
					gap = 0;
					break;
				}
				size_t e = s;
				double used = 0;
				while (e < tk->end) {
					uint32_t cp;
					size_t n = layout_utf8(tk->run->text + e,
					                       tk->end - e, &cp);
					double cw = L->m->advance(L->m->ctx,
					                          tk->run->face,
					                          cp) * size / 1000;
					if (w.x + gap + used + cw + hw >
					        width + 0.001 &&
					    (e > s || w.line->n > 0))
						break;
					used += cw;
					e += n;
				}
				if (e > s) {
					rest -= used;
					layout_wrap_place(&w, tk->run, s, e, gap,
					                  used);
					if (!address && tk->run->text[e - 1] != '-')
						layout_wrap_place(&w, hy, 0, 1, 0,
						                  hw);
				}
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

void layout_wrap_text(struct layout *L, const char *text,
                             enum face face, uint32_t colour, double size,
                             double width, struct ltext *t)
{
	/* lines point into the text: keep a copy that lives as long as the
	 * layout, so callers may pass a buffer on their stack */
	size_t len = strlen(text);
	char *copy = arena_strndup(L->a, text, len);
	if (copy == NULL) {
		L->oom = 1;
		memset(t, 0, sizeof *t);
		return;
	}
	struct lruns r = {0};
	layout_add_run(L, &r, face, copy, len, NULL, colour);
	layout_wrap(L, &r, size, width, t);
}

void layout_wrap_inline(struct layout *L, const struct inline_node *n,
                               enum face face, double size, double width,
                               struct ltext *t)
{
	struct lruns r = {0};
	layout_inline_runs(L, &r, n, face, NULL, L->st->text_colour);
	layout_wrap(L, &r, size, width, t);
}

/* Baseline of a line whose box starts at top. */
double layout_baseline(double top, double size, double lead)
{
	return top - ((lead - size) / 2 + size * 0.8);
}

void layout_emit_line(struct layout *L, const struct lline *ln,
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
void layout_flow(struct layout *L, const struct ltext *t, double x)
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
void layout_heading_keep(struct layout *L, const char *title,
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

void layout_heading(struct layout *L, const char *title, int number,
                           double size, int level)
{
	layout_heading_keep(L, title, number, size, level, 0);
}


/* ---------------------------------------------------------------- */
/* items: the lines, ticks, labels and rules cells are made of       */

struct litem *layout_cell_add(struct layout *L, struct lcell *c,
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
	c->h += h;
	return it;
}

void layout_cell_text(struct layout *L, struct lcell *c, const struct ltext *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct litem *it = layout_cell_add(L, c, ITEM_LINE, t->lead);
		if (it == NULL)
			return;
		it->line = &t->lines[i];
		it->size = t->size;
	}
}

void layout_cell_plain(struct layout *L, struct lcell *c, const char *text,
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

void layout_cell_inline(struct layout *L, struct lcell *c,
                        const struct inline_node *n, enum face face,
                        double width, double dx)
{
	struct ltext *t = arena_alloc(L->a, sizeof *t);
	if (t == NULL) {
		L->oom = 1;
		return;
	}
	layout_wrap_inline(L, n, face, L->st->body_size, width - dx, t);
	layout_cell_lines(L, c, t, dx, NULL, 0, FACE_REGULAR, 0);
}

void layout_cell_gap(struct layout *L, struct lcell *c, double h)
{
	if (h > 0)
		layout_cell_add(L, c, ITEM_GAP, h);
}

void layout_cell_pad_to(struct layout *L, struct lcell *c, double h)
{
	if (c->h < h - 0.001)
		layout_cell_add(L, c, ITEM_GAP, h - c->h);
}

void layout_cell_label(struct layout *L, struct lcell *c, const char *word,
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

static const char *const layout_bullets[] = {
	"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};

static void layout_cell_list(struct layout *L, struct lcell *c,
                             const struct block *list, double width,
                             double dx, int level)
{
	const struct style *st = L->st;
	double indent = st->body_size * 1.5;   /* marker to text */
	/* deep nesting stops indenting at half the column, so text never
	 * leaves its box however deep the lists go */
	double step = dx + indent < width / 2 ? indent : 0;
	int n = 0;
	for (const struct block *li = list->child; li && !L->oom;
	     li = li->next) {
		n++;
		const char *marker = list->kind == BLOCK_OL
		                     ? layout_printf(L, "%d.", n)
		                     : layout_bullets[level % 3];
		struct ltext *t = arena_alloc(L->a, sizeof *t);
		if (t == NULL) {
			L->oom = 1;
			return;
		}
		layout_wrap_inline(L, li->text, FACE_REGULAR, st->body_size,
		                   width - dx - indent, t);
		if (t->n == 0 || (t->n == 1 && t->lines[0].n == 0)) {
			/* an item that is only a nested list keeps its marker
			 * on an empty line */
		}
		layout_cell_lines(L, c, t, dx + indent, marker, dx,
		                  FACE_REGULAR, st->text_colour);
		for (const struct block *sub = li->child; sub; sub = sub->next)
			if (sub->kind == BLOCK_UL || sub->kind == BLOCK_OL)
				layout_cell_list(L, c, sub, width, dx + step,
				                 level + 1);
		if (li->next)
			layout_cell_gap(L, c, 2);
	}
}

void layout_cell_blocks(struct layout *L, struct lcell *c,
                        const struct block *b, double width, double dx)
{
	const struct style *st = L->st;
	double indent = st->body_size * 1.5;
	for (; b != NULL && !L->oom; b = b->next) {
		switch (b->kind) {
		case BLOCK_P:
		case BLOCK_LI:
		case BLOCK_VALUE:
			layout_cell_inline(L, c, b->text, FACE_REGULAR, width,
			                   dx);
			for (const struct block *sub = b->child; sub;
			     sub = sub->next)
				layout_cell_list(L, c, sub, width, dx, 0);
			break;
		case BLOCK_UL:
		case BLOCK_OL:
			layout_cell_list(L, c, b, width, dx, 0);
			break;
		case BLOCK_VALUES:
			for (const struct block *v = b->child; v; v = v->next) {
				struct ltext *t = arena_alloc(L->a, sizeof *t);
				if (t == NULL) {
					L->oom = 1;
					return;
				}
				layout_wrap_inline(L, v->text, FACE_REGULAR,
				                   st->body_size,
				                   width - dx - indent, t);
				layout_cell_lines(L, c, t, dx + indent,
				                  "\xE2\x9C\x93", dx, FACE_BOLD,
				                  st->accent_colour);
				if (v->next)
					layout_cell_gap(L, c, 3);
			}
			break;
		case BLOCK_SECTION:
			layout_cell_plain(L, c, b->title, FACE_BOLD,
			                  st->accent_colour, width - dx);
			layout_cell_blocks(L, c, b->child, width, dx);
			break;
		}
		if (b->next)
			layout_cell_gap(L, c, st->paragraph_gap * 0.6);
	}
}

/* Draws one item with its top at top, in a cell starting at cx. */
static void layout_draw_item(struct layout *L, const struct litem *it,
                             double cx, double top, double cw)
{
	switch (it->kind) {
	case ITEM_GAP:
		break;
	case ITEM_LINE:
		/* the marker first: text is drawn in reading order */
		if (it->marker)
			layout_text_box(L, cx + it->marker_dx,
			                layout_baseline(top, it->size, it->h),
			                it->marker_face, it->size,
			                it->marker_colour, it->marker,
			                strlen(it->marker));
		layout_emit_line(L, it->line, cx + it->dx, top, it->size, it->h);
		break;
	case ITEM_TICK:
		layout_draw_tick(L, cx + cw / 2, top - it->h / 2, it->ticked);
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
void layout_flow_cell(struct layout *L, const struct lcell *c, double x,
                      double width)
{
	for (size_t i = 0; i < c->n && !L->oom; i++) {
		const struct litem *it = &c->items[i];
		if (it->kind == ITEM_GAP) {
			if (L->y < L->top)
				L->y -= it->h;
			continue;
		}
		layout_need(L, it->h);
		layout_draw_item(L, it, x, L->y, width);
		L->y -= it->h;
	}
}

void layout_blocks(struct layout *L, const struct block *b, double x,
                   double width, int depth)
{
	const struct style *st = L->st;
	for (; b != NULL && !L->oom; b = b->next) {
		if (b->kind == BLOCK_SECTION) {
			if (depth == 0)
				layout_heading(L, b->title, b->number,
				               st->heading_size, 0);
			else
				layout_heading(L, b->title, 0,
				               st->subheading_size, 1);
			layout_blocks(L, b->child, x, width, depth + 1);
			continue;
		}
		struct lcell cell = {0};
		const struct block *next = b->next;
		((struct block *)b)->next = NULL;   /* one block at a time */
		layout_cell_blocks(L, &cell, b, width, 0);
		((struct block *)b)->next = (struct block *)next;
		layout_flow_cell(L, &cell, x, width);
		L->y -= st->paragraph_gap;
	}
}

/* ---------------------------------------------------------------- */
/* tables                                                            */

double layout_cell_width(const struct ltable *tb, int col)
{
	return tb->x[col + 1] - tb->x[col] - 2 * LAYOUT_CELL_PAD;
}

void layout_row_finish(struct lrow *row, int ncols)
{
	row->h = 0;
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
	double off = cur->off, best = from;
	for (size_t i = cur->k; i < c->n; i++) {
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

static double layout_row_cut(const struct lrow *row, int ncols,
                             struct lcursor *cur, double from, double want)
{
	double cut = want;
	/* Each pass can only lower the cut, to a boundary of some cell, so
	 * this ends; it stops when every cell agrees. */
	for (;;) {
		double c0 = cut;
		for (int i = 0; i < (row->span_all ? 1 : ncols); i++) {
			double c = layout_cell_cut(&row->cells[i],
			                           cur ? &cur[i] : NULL, from,
			                           cut);
			if (c < cut)
				cut = c;
		}
		if (cut >= c0 - 0.001)
			break;
	}
	return cut;
}

const char *layout_people(struct layout *L, const struct person_refs *r)
{
	const char *out = "";
	for (size_t i = 0; i < r->n; i++)
		out = layout_printf(L, "%s%s%s", out, i ? ", " : "",
		                    person_display(r->people[i]));
	return out;
}

void layout_draw_tick(struct layout *L, double cx, double cy,
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
	double h = content + 2 * LAYOUT_CELL_PAD;
	double top = L->y;
	double x0 = tb->x[0], x1 = tb->x[tb->ncols];
	if (row->filled)
		layout_rect(L, x0, top - h, x1 - x0, h, 1, row->fill, 0, 0);
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
			/* an item belongs to the slice it starts in */
			if (off >= from[i] - 0.001)
				layout_draw_item(L, it, cx,
				                 top - LAYOUT_CELL_PAD -
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
	if (!row->span_all)
		for (int i = 1; i < tb->ncols; i++)
			layout_line(L, tb->x[i], top, 0, -h, 0.8,
			            st->rule_colour);
	L->y -= h;
}

/* The same offsets in every cell (rows whose cells line up). */
static void layout_row_slice(struct layout *L, const struct ltable *tb,
                             const struct lrow *row, double from, double to,
                             struct lcursor *cur)
{
	double f[LAYOUT_MAX_COLS], t[LAYOUT_MAX_COLS];
	for (int i = 0; i < LAYOUT_MAX_COLS; i++) {
		f[i] = from;
		t[i] = to;
	}
	layout_row_slice_cells(L, tb, row, f, t, cur);
}

static void layout_table_header(struct layout *L, const struct ltable *tb)
{
	if (tb->header != NULL)
		layout_row_slice(L, tb, tb->header, 0, tb->header->h, NULL);
}

static double layout_row_height(const struct lrow *row)
{
	return row->h + 2 * LAYOUT_CELL_PAD;
}

/* Places one row: whole on this page, whole on the next, or split. */
/* The least room a row needs to start on this page: the whole row when it
 * should move whole (a keep_rows table, or a short row), else a few lines
 * to split after. Plus what must stay with it (keep_next). */
static double layout_row_start(const struct layout *L, const struct ltable *tb,
                               const struct lrow *row, double keep_next)
{
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	double page_room = L->top - L->bottom - header_h;
	double lead = L->st->body_size * L->st->leading;
	double need = layout_row_height(row) + keep_next;
	if (need > page_room)
		return (tb->keep_rows ? 3 : 4) * lead;
	if (tb->keep_rows || need <= 6 * lead)
		return need;
	return 4 * lead;
}

/* Splits a row whose cells need not line up: each cell breaks at its own
 * deepest boundary that fits, and carries on from there on the next page
 * (as a word processor splits a table row). */
static void layout_table_row_free(struct layout *L, const struct ltable *tb,
                                  const struct lrow *row)
{
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	int ncells = row->span_all ? 1 : tb->ncols;
	double from[LAYOUT_MAX_COLS] = {0}, to[LAYOUT_MAX_COLS];
	struct lcursor cur[LAYOUT_MAX_COLS] = {{0, 0}};
	for (;;) {
		int left = 0;
		for (int i = 0; i < ncells; i++)
			left |= from[i] < row->cells[i].h - 0.001;
		if (!left || L->oom)
			break;
		double room = L->y - L->bottom - 2 * LAYOUT_CELL_PAD;
		int moved = 0, stuck = 0;
		for (int i = 0; i < ncells; i++) {
			const struct lcell *c = &row->cells[i];
			double want = from[i] + (room > 0 ? room : 0);
			to[i] = layout_cell_cut(c, &cur[i], from[i],
			                        want < c->h ? want : c->h);
			if (to[i] > from[i] + 0.001)
				moved = 1;
			else if (from[i] < c->h - 0.001)
				stuck = 1;
		}
		if (!moved) {
			if (L->y >= L->top - header_h - 0.001) {
				/* an item taller than a page: let it overflow
				 * rather than loop */
				for (int i = 0; i < ncells; i++)
					to[i] = row->cells[i].h;
			} else {
				layout_new_page(L);
				layout_table_header(L, tb);
				continue;
			}
		}
		layout_row_slice_cells(L, tb, row, from, to, cur);
		for (int i = 0; i < ncells; i++)
			from[i] = to[i];
		(void)stuck;
		left = 0;
		for (int i = 0; i < ncells; i++)
			left |= from[i] < row->cells[i].h - 0.001;
		if (left) {
			layout_new_page(L);
			layout_table_header(L, tb);
		}
	}
	if (row->h <= 0.001)
		layout_row_slice(L, tb, row, 0, 0, NULL);
}

/* Places one row: whole on this page, whole on the next, or split. */
static void layout_table_row(struct layout *L, const struct ltable *tb,
                             const struct lrow *row, double keep_next)
{
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	if (L->y - layout_row_start(L, tb, row, keep_next) < L->bottom) {
		layout_new_page(L);
		layout_table_header(L, tb);
	}
	if (row->mark)
		layout_mark(L, row->mark, 1);
	if (!tb->keep_rows) {
		layout_table_row_free(L, tb, row);
		return;
	}
	double from = 0;
	struct lcursor cur[LAYOUT_MAX_COLS] = {{0, 0}};
	while (from < row->h - 0.001 && !L->oom) {
		double room = L->y - L->bottom - 2 * LAYOUT_CELL_PAD;
		double want = from + (room > 0 ? room : 0);
		double cut = layout_row_cut(row, tb->ncols, cur, from,
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
		layout_row_slice(L, tb, row, from, cut, cur);
		from = cut;
		if (from < row->h - 0.001) {
			layout_new_page(L);
			layout_table_header(L, tb);
		}
	}
	if (row->h <= 0.001)
		layout_row_slice(L, tb, row, 0, 0, NULL);
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

double layout_table_start(const struct layout *L, const struct ltable *tb,
                          struct lrow **rows, size_t n)
{
	double header_h = tb->header ? layout_row_height(tb->header) : 0;
	if (n == 0)
		return header_h;
	return header_h + layout_row_start(L, tb, rows[0],
	                                   layout_keep_next(L, tb, rows, n, 0));
}

/* Draws a table: header, then rows, keeping the header with the first
 * row (and a band with its row). */
void layout_table_rows(struct layout *L, const struct ltable *tb,
                       struct lrow **rows, size_t n)
{
	layout_need(L, layout_table_start(L, tb, rows, n));
	layout_table_header(L, tb);
	for (size_t i = 0; i < n && !L->oom; i++)
		layout_table_row(L, tb, rows[i],
		                 layout_keep_next(L, tb, rows, n, i));
}

/* ---------------------------------------------------------------- */
/* pledge form                                                       */

struct lrow *layout_new_row(struct layout *L)
{
	struct lrow *r = arena_alloc(L->a, sizeof *r);
	if (r == NULL)
		L->oom = 1;
	return r;
}


struct lrow *layout_band_row(struct layout *L, const struct ltable *tb,
                             const char *title, const char *mark)
{
	struct lrow *band = layout_new_row(L);
	if (band == NULL)
		return NULL;
	band->span_all = 1;
	band->filled = 1;
	band->fill = L->st->band_colour;
	band->mark = mark;
	layout_cell_plain(L, &band->cells[0], title, FACE_BOLD,
	                  L->st->accent_colour,
	                  tb->x[tb->ncols] - tb->x[0] - 2 * LAYOUT_CELL_PAD);
	layout_row_finish(band, tb->ncols);
	return band;
}

struct lrow *layout_header_row(struct layout *L, const struct ltable *tb,
                               const char *const *heads)
{
	struct lrow *hdr = layout_new_row(L);
	if (hdr == NULL)
		return NULL;
	for (int i = 0; i < tb->ncols; i++)
		layout_cell_plain(L, &hdr->cells[i], heads[i], FACE_BOLD,
		                  L->st->text_colour, layout_cell_width(tb, i));
	hdr->filled = 1;
	hdr->fill = L->st->fill_colour;
	layout_row_finish(hdr, tb->ncols);
	return hdr;
}

void layout_push_row(struct layout *L, struct lrow ***rows, size_t *n,
                     size_t *cap, struct lrow *row)
{
	if (row == NULL)
		return;
	if (arena_grow(L->a, (void **)rows, cap, *n + 1, sizeof **rows) != 0) {
		L->oom = 1;
		return;
	}
	(*rows)[(*n)++] = row;
}

void layout_table_columns(struct layout *L, struct ltable *tb, int ncols,
                          const double *weights)
{
	double total = 0;
	for (int i = 0; i < ncols; i++)
		total += weights[i];
	tb->ncols = ncols;
	tb->x[0] = L->left;
	double acc = 0;
	for (int i = 0; i < ncols; i++) {
		acc += weights[i];
		tb->x[i + 1] = L->left + (L->right - L->left) * acc / total;
	}
	tb->x[ncols] = L->right;
}

void layout_field(struct layout *L, const char *label,
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


void layout_title_block(struct layout *L, const char *title,
                        const char *subtitle, const char *band_bold,
                        const char *band_text)
{
	const struct style *st = L->st;
	double width = L->right - L->left;
	struct ltext t;
	layout_wrap_text(L, title ? title : "", FACE_BOLD, st->accent_colour,
	                 st->title_size, width, &t);
	layout_flow(L, &t, L->left);
	if (subtitle) {
		layout_wrap_text(L, subtitle, FACE_REGULAR, st->muted_colour,
		                 st->subtitle_size, width, &t);
		layout_flow(L, &t, L->left);
	}
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
	layout_line(L, L->left, L->y, width, 0, 1.5, st->accent_colour);
	L->y -= 14;
}

const char *layout_fit(struct layout *L, const char *text,
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

void layout_page_furniture(struct layout *L, const char *left_head,
                                  const char *right_head,
                                  const char *footer_right)
{
	const struct style *st = L->st;
	double size = st->header_size;
	double width = L->right - L->left;
	size_t npages = L->ld->npages;
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
		layout_line(L, L->left, foot_base + size + 4, width, 0, 0.6,
		            st->rule_colour);
		const char *pg = layout_printf(L, "%s %zu %s %zu",
		                               L->page_word ? L->page_word
		                                            : "Page",
		                               i + 1, L->of_word ? L->of_word
		                                                 : "of",
		                               npages);
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
	/* Action plans and reports are wide tables: they print landscape. */
	int landscape = doc->kind == DOCUMENT_ACTION_PLAN ||
	                doc->kind == DOCUMENT_PROGRESS ||
	                doc->kind == DOCUMENT_SIGNATORIES;
	L.page_width = landscape ? st->page_height : st->page_width;
	L.page_height = landscape ? st->page_width : st->page_height;
	L.left = st->margin_left;
	L.right = L.page_width - st->margin_right;
	L.top = L.page_height - st->margin_top;
	L.bottom = st->margin_bottom;
	L.ld->page_width = L.page_width;
	L.ld->page_height = L.page_height;
	L.ld->lang = doc->lang;
	L.ld->title = document_title(doc);

	layout_new_page(&L);
	switch (doc->kind) {
	case DOCUMENT_PLEDGE_FORM:
	case DOCUMENT_PLEDGE: layout_pledge(&L); break;
	case DOCUMENT_GUIDANCE: layout_guidance(&L); break;
	case DOCUMENT_ACTION_PLAN: layout_plan(&L); break;
	case DOCUMENT_MINUTES: layout_minutes(&L); break;
	case DOCUMENT_SIGNATORIES: layout_signatories(&L); break;
	case DOCUMENT_PROGRESS: layout_progress(&L); break;
	case DOCUMENT_TRANSLATION: break;   /* put into its document */
	}
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

