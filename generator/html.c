/* html.c - the HTML writer: a presentation tree (ptree.h) as one
 * semantic, self-contained page (stylesheet inlined), for every kind of
 * document alike. The tree's structure becomes the page's: sections and
 * headings, paragraphs, lists, tables with header cells and their scope
 * (each data cell labelled with its column's head, so a narrow screen can
 * show it as a labelled block), fields as a description list, charts as
 * SVG with a title beside the table of their numbers. */
#include "html.h"
#include "utf8.h"
#include "ptree.h"
#include "style.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct html {
	char *buf;
	size_t len, cap;
	int oom;
	const struct style *st;
	int charts;              /* charts so far: their titles' ids */
	const struct pt_node *form;   /* PR_META_FORM: a form to fill in */
	const char *script;      /* what saves it (the layout's) */
};

static void html_put(struct html *h, const char *s, size_t n)
{
	if (h->oom)
		return;
	if (h->len + n + 1 > h->cap) {
		size_t ncap = h->cap ? h->cap : 16384;
		while (ncap < h->len + n + 1)
			ncap *= 2;
		char *b = realloc(h->buf, ncap);
		if (b == NULL) {
			h->oom = 1;
			return;
		}
		h->buf = b;
		h->cap = ncap;
	}
	memcpy(h->buf + h->len, s, n);
	h->len += n;
	h->buf[h->len] = '\0';
}

static void html_raw(struct html *h, const char *s)
{
	html_put(h, s, strlen(s));
}

static void html_printf(struct html *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void html_printf(struct html *h, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		html_put(h, tmp, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (big == NULL) {
		h->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	html_put(h, big, (size_t)n);
	free(big);
}

/* Escapes for element content and quoted attribute values alike. */
static void html_text(struct html *h, const char *s)
{
	if (s == NULL)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		html_put(h, run, (size_t)(s - run));
		html_raw(h, rep);
		run = s + 1;
	}
	html_put(h, run, (size_t)(s - run));
}

/* Whether words must be isolated from those around them (<bdi>): they
 * hold a character that sets direction (an embedding, override, isolate
 * or mark) or a letter of a right-to-left script (Hebrew, Arabic,
 * Syriac, Thaana, N'Ko...). Unisolated, an override in a name turns the
 * rest of its paragraph round, and an Arabic name moves the punctuation
 * beside it. Left-to-right text needs nothing. */
static int html_needs_isolation(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		i += utf8_decode(u + i, len - i, &cp);
		if ((cp >= 0x0590 && cp <= 0x08FF) ||
		    (cp >= 0xFB1D && cp <= 0xFDFF) ||
		    (cp >= 0xFE70 && cp <= 0xFEFC) ||
		    (cp >= 0x10800 && cp <= 0x10FFF) ||
		    (cp >= 0x1E800 && cp <= 0x1EFFF) ||
		    cp == 0x200E || cp == 0x200F || utf8_is_bidi_control(cp))
			return 1;
	}
	return 0;
}

/* An attribute: name="escaped value" (nothing when value is NULL). */
static void html_attr(struct html *h, const char *name, const char *value)
{
	if (value == NULL)
		return;
	html_printf(h, " %s=\"", name);
	html_text(h, value);
	html_raw(h, "\"");
}

/* A node's words as plain text, escaped. */
static void html_plain(struct html *h, const struct pt_node *n)
{
	char *s = pt_plain(n);
	if (s == NULL) {
		h->oom = 1;
		return;
	}
	html_text(h, s);
	free(s);
}

static const char *html_role_class(enum pt_role r)
{
	switch (r) {
	case PR_AUDIENCE: return "audience";
	case PR_BAND: return "signatory";
	case PR_INSTRUCTION: return "instruction";
	case PR_FACTS: return "facts";
	case PR_LEAD: return "lead";
	case PR_OBJECTIVE: return "objective";
	case PR_NOTE: return "note";
	case PR_ITEM_TITLE: return "item-title";
	case PR_CAPTION: return "milestones-title";
	case PR_OWNER: return "owner";
	case PR_REF: return "ref";
	case PR_HIDDEN: return "visually-hidden";
	default: return NULL;
	}
}

static void html_node(struct html *h, const struct pt_node *n);

static void html_children(struct html *h, const struct pt_node *n)
{
	for (const struct pt_node *c = n->first; c; c = c->next)
		html_node(h, c);
}

/* An element's children, the blanks its words end with after its end tag
 * (the space after "Due:" is not emphasised). */
static void html_element(struct html *h, const struct pt_node *n,
                         const char *open, const char *close)
{
	html_raw(h, open);
	const struct pt_node *last = pt_last(n);
	size_t len = last && last->type == PT_TEXT ? strlen(last->text) : 0;
	size_t keep = len;
	while (keep > 0 && last->text[keep - 1] == ' ')
		keep--;
	for (const struct pt_node *c = n->first; c; c = c->next)
		if (c != last || keep == len)
			html_node(h, c);
	if (keep < len) {
		char *t = strndup(last->text, keep);
		if (t == NULL)
			h->oom = 1;
		html_text(h, t);
		free(t);
	}
	html_raw(h, close);
	html_raw(h, last && last->type == PT_TEXT ? last->text + keep : "");
}

/* A block that starts a line of its own in the page's source. */
static int html_is_block(const struct pt_node *n)
{
	return n != NULL && !pt_is_inline(n) &&
	       !(n->type == PT_PARAGRAPH && n->bare);
}

/* Children that are words, then the blocks after them; a line break
 * before a block that follows words, a space between two paragraphs that
 * have no <p> of their own. */
static void html_mixed(struct html *h, const struct pt_node *n)
{
	for (const struct pt_node *c = n->first, *b = NULL; c;
	     b = c, c = c->next) {
		if (html_is_block(c) && b && !html_is_block(b))
			html_raw(h, "\n");
		if (c->type == PT_PARAGRAPH && c->bare && b &&
		    b->type == PT_PARAGRAPH && b->bare)
			html_raw(h, " ");
		html_node(h, c);
	}
}

static void html_paragraph(struct html *h, const struct pt_node *n)
{
	const char *cls = html_role_class(n->role);
	const struct pt_node *c = n->first;
	if (n->bare) {
		/* a cell's paragraph: its words as they are, or in an
		 * element that gives them their role */
		const char *open = NULL, *close = NULL;
		if (n->role == PR_OWNER) {
			open = "<strong class=\"owner\">";
			close = "</strong>";
		} else if (n->role == PR_DUE || n->role == PR_MUTED) {
			open = "<em>";
			close = "</em>";
		} else if (cls != NULL) {
			html_printf(h, "<span class=\"%s\">", cls);
			close = "</span>";
		}
		if (open)
			html_raw(h, open);
		for (; c && !html_is_block(c); c = c->next)
			html_node(h, c);
		if (close)
			html_raw(h, close);
	} else {
		html_raw(h, "<p");
		html_attr(h, "id", pt_more_of(n)->id);
		html_attr(h, "class", cls);
		html_raw(h, ">");
		for (; c && !html_is_block(c); c = c->next)
			html_node(h, c);
		html_raw(h, "</p>\n");
	}
	/* the lists that end it */
	for (; c; c = c->next)
		html_node(h, c);
}

/* Whether a node prints anything: words, a tick, a label. */
static int html_prints(const struct pt_node *n)
{
	for (const struct pt_node *x = pt_walk_next(n, n); x;
	     x = pt_walk_next(n, x))
		if (((x->type == PT_TEXT || x->type == PT_CODE) &&
		     x->text[strspn(x->text, " ")] != '\0') ||
		    x->type == PT_TICK || x->type == PT_LABEL)
			return 1;
	return 0;
}

static void html_cell(struct html *h, const struct pt_node *c)
{
	if (c->scope == PS_COLGROUP) {
		html_printf(h, "<th colspan=\"%d\" scope=\"colgroup\">",
		            c->span ? c->span : 1);
	} else if (c->scope == PS_ROWGROUP) {
		html_printf(h, "<th colspan=\"%d\" scope=\"rowgroup\"",
		            c->span ? c->span : 1);
		html_attr(h, "class", c->cls);
		html_attr(h, "id", pt_more_of(c)->id);
		html_raw(h, ">");
	} else if (c->scope != PS_NONE) {
		html_raw(h, c->scope == PS_COL ? "<th scope=\"col\""
		                               : "<th scope=\"row\"");
		if (c->rowspan > 0)
			html_printf(h, " rowspan=\"%d\"", c->rowspan);
		html_attr(h, "id", pt_more_of(c)->id);
		html_raw(h, ">");
	} else {
		html_raw(h, "<td");
		if (c->span > 1)
			html_printf(h, " colspan=\"%d\"", c->span);
		html_attr(h, "class", c->cls);
		/* an empty cell is not labelled: on a phone, where cells
		 * stack under their labels, it is not shown at all */
		const struct pt_node *head = c->bare || !html_prints(c)
		                             ? NULL : pt_column_head(c);
		if (head != NULL) {
			html_raw(h, " data-label=\"");
			html_plain(h, head);
			html_raw(h, "\"");
		}
		html_raw(h, ">");
	}
	if (html_is_block(c->first))
		html_raw(h, "\n");
	html_mixed(h, c);
	html_raw(h, c->scope == PS_NONE ? "</td>" : "</th>");
}

/* ---- a form to fill in on screen: its fields as inputs, labelled by
 * the words the tree says name them ---- */

static int html_has_input(const struct pt_node *n)
{
	for (const struct pt_node *x = n; x; x = pt_walk_next(n, x))
		if (pt_input(x) != NULL)
			return 1;
	return 0;
}

static const struct pt_node *html_find_input(const struct pt_node *n,
                                             enum pt_type type)
{
	for (const struct pt_node *x = n; x; x = pt_walk_next(n, x))
		if (x->type == type && pt_input(x) != NULL)
			return x;
	return NULL;
}

/* A text field (or a box of several lines) for n. */
static void html_text_input(struct html *h, const struct pt_node *n)
{
	static const char *const type[] = {"text", "date", "email", "tel",
	                                   "text", "text", "text"};
	static const char *const complete[] = {"off", "off", "email", "tel",
	                                       "name", "organization-title",
	                                       "organization"};
	unsigned k = n->input_kind < 7 ? n->input_kind : 0;
	html_raw(h, n->multiline ? "<textarea rows=\"3\"" : "<input");
	if (!n->multiline)
		html_printf(h, " type=\"%s\"", type[k]);
	html_attr(h, "id", pt_more_of(n)->input);
	html_attr(h, "name", pt_more_of(n)->input);
	html_attr(h, "autocomplete", complete[k]);
	const struct pt_node *hint = pt_more_of(n)->hint;
	if (hint != NULL && pt_more_of(hint)->id != NULL)
		html_attr(h, "aria-describedby", pt_more_of(hint)->id);
	if (n->required)
		html_raw(h, " required");
	html_raw(h, n->multiline ? "></textarea>" : ">");
}

static void html_checkbox(struct html *h, const struct pt_node *tick)
{
	html_raw(h, "<input type=\"checkbox\" value=\"Yes\"");
	html_attr(h, "id", pt_more_of(tick)->input);
	html_attr(h, "name", pt_more_of(tick)->input);
	html_raw(h, ">");
}

/* A table of fields (the pledge's steps) as a form: each row head opens
 * a fieldset its words are the legend of, each row is a check box
 * labelled by the cell that names it and text fields labelled by their
 * column's head; bands are headings. The printed form keeps its table. */
static void html_form_table(struct html *h, const struct pt_node *t)
{
	int open = 0;
	html_raw(h, "<div class=\"form-table\">\n");
	for (const struct pt_node *g = t->first; g; g = g->next) {
		if (g == t->first && g->type == PT_ROW)
			continue;   /* column heads: the fields' labels */
		for (const struct pt_node *r = g->first; r; r = r->next) {
			const struct pt_node *c0 = r->first;
			if (c0 == NULL)
				continue;
			if (c0->scope == PS_COLGROUP) {
				if (open)
					html_raw(h, "</fieldset>\n");
				open = 0;
				html_raw(h, "<h3 class=\"band\">");
				html_children(h, c0);
				html_raw(h, "</h3>\n");
				continue;
			}
			const struct pt_node *tick = NULL, *words = NULL;
			for (const struct pt_node *c = c0; c; c = c->next) {
				if (c->scope == PS_ROW) {
					if (open)
						html_raw(h, "</fieldset>\n");
					html_raw(h, "<fieldset class=\"action-point\"");
					html_attr(h, "id", pt_more_of(c)->id);
					html_raw(h, "><legend>");
					html_children(h, c);
					html_raw(h, "</legend>\n");
					open = 1;
				}
				const struct pt_node *x = html_find_input(c, PT_TICK);
				if (x != NULL) {
					tick = x;
					words = pt_more_of(x)->label_by;
				}
			}
			html_raw(h, "<div class=\"form-step\">");
			if (tick != NULL) {
				html_checkbox(h, tick);
				html_raw(h, "<label");
				html_attr(h, "for", pt_more_of(tick)->input);
				html_raw(h, ">");
				if (words != NULL)
					html_children(h, words);
				html_raw(h, "</label>");
			}
			for (const struct pt_node *c = c0; c; c = c->next) {
				const struct pt_node *e = html_find_input(c,
				                                          PT_ENTRY);
				if (e != NULL) {
					const struct pt_node *head =
					    pt_column_head(c);
					html_raw(h, "<label class=\"entry\"");
					html_attr(h, "for", pt_input(e));
					html_raw(h, ">");
					if (head)
						html_children(h, head);
					html_raw(h, "</label>");
					html_text_input(h, e);
				} else if (c != words && c->scope == PS_NONE &&
				           html_find_input(c, PT_TICK) == NULL &&
				           html_prints(c)) {
					html_raw(h, "<div class=\"form-cell\">");
					html_mixed(h, c);
					html_raw(h, "</div>");
				}
			}
			html_raw(h, "</div>\n");
		}
	}
	if (open)
		html_raw(h, "</fieldset>\n");
	html_raw(h, "</div>\n");
}

static void html_table(struct html *h, const struct pt_node *t)
{
	if (h->form != NULL && html_has_input(t)) {
		html_form_table(h, t);
		return;
	}
	html_raw(h, "<table");
	html_attr(h, "class", t->cls);
	html_raw(h, ">\n");
	for (const struct pt_node *g = t->first; g; g = g->next) {
		if (g == t->first && g->type == PT_ROW) {
			html_raw(h, "<thead><tr>");
			for (const struct pt_node *c = g->first; c; c = c->next)
				html_cell(h, c);
			html_raw(h, "</tr></thead>\n");
			continue;
		}
		html_raw(h, "<tbody");
		html_attr(h, "class", g->cls);
		html_raw(h, ">\n");
		for (const struct pt_node *r = g->first; r; r = r->next) {
			html_raw(h, "<tr");
			html_attr(h, "class", r->cls);
			html_raw(h, ">");
			for (const struct pt_node *c = r->first; c; c = c->next)
				html_cell(h, c);
			html_raw(h, "</tr>\n");
		}
		html_raw(h, "</tbody>\n");
	}
	html_raw(h, "</table>\n");
}

static void html_fields(struct html *h, const struct pt_node *fs)
{
	html_raw(h, "<dl");
	html_attr(h, "class", fs->cls);
	html_raw(h, ">\n");
	for (const struct pt_node *f = fs->first; f; f = f->next) {
		const struct pt_node *term = f->first;
		const struct pt_node *value = term ? term->next : NULL;
		html_raw(h, "<div");
		html_attr(h, "class", f->cls);
		html_raw(h, "><dt>");
		int input = h->form != NULL && value && pt_input(value) &&
		            !pt_has_inline(value);
		if (input) {
			html_raw(h, "<label");
			html_attr(h, "for", pt_more_of(value)->input);
			html_raw(h, ">");
		}
		if (term)
			html_children(h, term);
		html_raw(h, input ? "</label></dt><dd>" : "</dt><dd>");
		if (input)
			html_text_input(h, value);
		else if (value && pt_has_inline(value))
			html_children(h, value);
		else
			html_raw(h, "<span class=\"blank\"></span>");
		html_raw(h, "</dd></div>\n");
	}
	html_raw(h, "</dl>\n");
}

/* ---- charts: bars drawn by the stylesheet from the numbers the table
 * after them gives, each bar's name and count real text beside it (so at
 * any width names wrap, never run under a bar, and stay the page's type
 * size); the colours are the layout's ---- */

static void html_colour(struct html *h, uint32_t c)
{
	html_printf(h, "#%06x", (unsigned)c & 0xFFFFFFu);
}

static uint32_t html_key_fill(const struct html *h, const struct pt_node *key,
                              size_t k)
{
	const struct pt_node *it = pt_child(key, k);
	const struct pt_node *l = it ? it->first : NULL;
	const struct style *st = h->st;
	if (l == NULL || st == NULL)
		return 0xFFFFFF;
	switch (l->role) {
	case PR_GREEN: return st->green_colour;
	case PR_PROGRESS: return st->progress_colour;
	case PR_NEUTRAL: return st->neutral_colour;
	case PR_RED: return st->red_colour;
	case PR_AMBER: return st->amber_colour;
	default: return 0xFFFFFF;
	}
}

/* A share of a bar's length, in per cent of its track. */
static double html_share(size_t v, size_t of)
{
	return of ? 100.0 * (double)v / (double)of : 0;
}

static void html_chart(struct html *h, const struct pt_node *ch)
{
	const struct pt_node *title = NULL, *key = NULL, *caption = NULL;
	for (const struct pt_node *x = ch->first; x; x = x->next) {
		if (x->type == PT_TERM)
			title = x;
		else if (x->type == PT_LIST)
			key = x;
		else if (x->type == PT_PARAGRAPH)
			caption = x;
	}
	int id = ++h->charts;
	html_printf(h, "<figure class=\"chart%s\" aria-labelledby=\"chart-"
	            "%d\">\n<p class=\"chart-title\" id=\"chart-%d\">",
	            ch->stacked ? " stacked" : "", id, id);
	if (title)
		html_plain(h, title);
	html_raw(h, "</p>\n<ul class=\"bars\">\n");
	for (const struct pt_node *b = ch->first; b; b = b->next) {
		if (b->type != PT_BAR)
			continue;
		html_raw(h, b->role == PR_TOTAL ? "<li class=\"total\">" : "<li>");
		html_raw(h, "<span class=\"bar-name\">");
		html_plain(h, b->first);
		html_raw(h, "</span><span class=\"bar-track\" aria-hidden="
		            "\"true\">");
		const struct pt_more *bar = pt_more_of(b);
		if (!ch->stacked) {
			size_t v = bar->nvalues ? bar->values[0] : 0;
			html_printf(h, "<span class=\"bar\" style=\"width:"
			            "%.1f%%\"></span></span><span class=\""
			            "bar-count\">%zu</span></li>\n",
			            html_share(v, pt_more_of(ch)->max_value),
			            v);
			continue;
		}
		for (size_t k = 0; k < bar->nvalues; k++) {
			if (bar->values[k] == 0)
				continue;
			html_printf(h, "<span class=\"seg\" style=\"width:"
			            "%.1f%%;background:",
			            html_share(bar->values[k], bar->max_value));
			html_colour(h, html_key_fill(h, key, k));
			html_raw(h, "\"></span>");
		}
		html_printf(h, "</span><span class=\"bar-count\">%zu</span>"
		            "</li>\n", (size_t)bar->max_value);
	}
	html_raw(h, "</ul>\n");
	if (key != NULL) {
		html_raw(h, "<ul class=\"chart-key\">");
		size_t k = 0;
		for (const struct pt_node *it = key->first; it;
		     it = it->next, k++) {
			html_raw(h, "<li><span class=\"swatch\" style=\""
			            "background:");
			html_colour(h, html_key_fill(h, key, k));
			html_raw(h, "\"></span>");
			html_plain(h, it);
			html_raw(h, "</li>");
		}
		html_raw(h, "</ul>\n");
	}
	html_raw(h, "<figcaption>");
	if (caption)
		html_children(h, caption);
	html_raw(h, "</figcaption>\n</figure>\n");
}

/* ---- the nodes ---- */

static void html_node(struct html *h, const struct pt_node *n)
{
	const char *cls;
	switch (n->type) {
	case PT_DOCUMENT:
	case PT_META:
	case PT_DATA:
	case PT_BAR:
	case PT_TERM:
	case PT_VALUE:
	case PT_FIELD:
	case PT_ROW_GROUP:
	case PT_ROW:
	case PT_CELL:
		break;   /* written by their parents, or not at all */
	case PT_HEADER:
		html_raw(h, "<header class=\"document\">\n");
		html_children(h, n);
		html_raw(h, "</header>\n<main>\n");
		if (h->form != NULL) {
			/* what it is filled in as: the script saves it */
			const struct pt_node *id = h->form->first;
			const struct pt_node *v = id ? id->next : NULL;
			const struct pt_node *lang = v ? v->next : NULL;
			html_raw(h, "<form class=\"fill-in\" id=\"fill-in\""
			            " novalidate");
			html_attr(h, "data-form", id ? id->text : NULL);
			html_attr(h, "data-version", v ? v->text : NULL);
			html_attr(h, "data-lang", lang ? lang->text : NULL);
			html_raw(h, ">\n");
		}
		break;
	case PT_SECTION:
		html_raw(h, "<section");
		html_attr(h, "id", pt_more_of(n)->id);
		html_raw(h, ">\n");
		html_children(h, n);
		html_raw(h, "</section>\n");
		break;
	case PT_HEADING:
		html_printf(h, "<h%d>", n->level < 6 ? n->level : 6);
		html_children(h, n);
		html_printf(h, "</h%d>\n", n->level < 6 ? n->level : 6);
		break;
	case PT_PARAGRAPH:
		html_paragraph(h, n);
		break;
	case PT_LIST:
		html_raw(h, n->list == PL_NUMBER ? "<ol" : "<ul");
		html_attr(h, "class", n->list == PL_VALUES ? "values" : n->cls);
		html_raw(h, ">\n");
		html_children(h, n);
		html_raw(h, n->list == PL_NUMBER ? "</ol>\n" : "</ul>\n");
		break;
	case PT_ITEM:
		/* an item with a check box is its label */
		if (h->form != NULL && html_find_input(n, PT_TICK) != NULL) {
			html_raw(h, "<li><label>");
			html_mixed(h, n);
			html_raw(h, "</label></li>\n");
			break;
		}
		html_raw(h, "<li>");
		html_mixed(h, n);
		html_raw(h, "</li>\n");
		break;
	case PT_GROUP:
		if (n->cls) {
			html_raw(h, "<div");
			html_attr(h, "class", n->cls);
			html_raw(h, ">");
		}
		html_mixed(h, n);
		if (n->cls)
			html_raw(h, "</div>\n");
		break;
	case PT_TABLE:
		html_table(h, n);
		break;
	case PT_FIELDS:
		html_fields(h, n);
		break;
	case PT_CHART:
		html_chart(h, n);
		break;
	case PT_TEXT:
		if (n->text != NULL && html_needs_isolation(n->text)) {
			html_raw(h, "<bdi>");
			html_text(h, n->text);
			html_raw(h, "</bdi>");
			break;
		}
		html_text(h, n->text);
		break;
	case PT_EMPH:
		html_element(h, n, "<em>", "</em>");
		break;
	case PT_STRONG:
		html_element(h, n, "<strong>", "</strong>");
		break;
	case PT_LINK:
		/* only an address a reader can safely follow is a link */
		if (!pt_link_safe(n->href)) {
			html_children(h, n);
			break;
		}
		html_raw(h, "<a");
		html_attr(h, "href", n->href);
		html_attr(h, "lang", pt_more_of(n)->lang);
		html_attr(h, "hreflang", pt_more_of(n)->lang);
		html_raw(h, ">");
		html_children(h, n);
		html_raw(h, "</a>");
		break;
	case PT_SPAN:
		cls = html_role_class(n->role);
		if (cls == NULL)
			cls = n->cls;
		if (cls == NULL && pt_more_of(n)->lang == NULL) {
			html_children(h, n);
			break;
		}
		html_raw(h, "<span");
		html_attr(h, "lang", pt_more_of(n)->lang);
		if (cls && *cls)
			html_attr(h, "class", cls);
		html_raw(h, ">");
		html_children(h, n);
		html_raw(h, "</span>");
		break;
	case PT_TIME:
		html_raw(h, "<time");
		html_attr(h, "datetime", n->datetime);
		html_raw(h, ">");
		html_children(h, n);
		html_raw(h, "</time>");
		break;
	case PT_CODE:
		html_raw(h, "<code>");
		html_text(h, n->text);
		html_raw(h, "</code>");
		break;
	case PT_TICK:
		if (h->form != NULL && pt_input(n) != NULL) {
			html_checkbox(h, n);
			break;
		}
		html_printf(h, "<span class=\"tick%s\" role=\"img\" "
		            "aria-label=\"", n->ticked ? " ticked" : "");
		html_plain(h, n);
		html_raw(h, "\">");
		if (n->ticked)
			html_raw(h, "\xE2\x9C\x93");
		html_raw(h, "</span>");
		break;
	case PT_LABEL:
		html_raw(h, "<span class=\"label");
		if (n->cls) {
			html_raw(h, " ");
			html_text(h, n->cls);
		}
		html_raw(h, "\">");
		html_children(h, n);
		html_raw(h, "</span>");
		break;
	case PT_BREAK:
		html_raw(h, "<br>\n");
		break;
	case PT_ENTRY:
		break;   /* written with its table's row (html_form_table) */
	}
}

static void html_nav_file(struct html *h, const char *href,
                          const char *what, int pages, size_t bytes)
{
	char facts[64];
	pt_file_facts(facts, sizeof facts, pages, bytes);
	html_raw(h, "<li><a");
	html_attr(h, "href", href);
	html_raw(h, " type=\"application/pdf\">");
	html_text(h, what);
	html_raw(h, "</a> <span class=\"facts\">(");
	html_text(h, facts);
	html_raw(h, ")</span></li>\n");
}

static void html_nav(struct html *h, const struct html_nav *nav)
{
	html_raw(h, "<nav class=\"site\" aria-label=\"Site\">\n<ul>\n");
	html_raw(h, "<li><a");
	html_attr(h, "href", nav->home);
	html_raw(h, ">");
	html_text(h, nav->home_text);
	html_raw(h, "</a></li>\n");
	if (nav->pdf != NULL)
		html_nav_file(h, nav->pdf, "PDF", nav->pdf_pages,
		              nav->pdf_bytes);
	if (nav->large_print != NULL)
		html_nav_file(h, nav->large_print, "Large print PDF",
		              nav->large_print_pages, nav->large_print_bytes);
	for (size_t i = 0; i < nav->nlinks; i++) {
		html_raw(h, "<li><a");
		html_attr(h, "href", nav->links[i].href);
		html_attr(h, "hreflang", nav->links[i].lang);
		html_attr(h, "lang", nav->links[i].lang);
		html_raw(h, ">");
		html_text(h, nav->links[i].text);
		html_raw(h, "</a></li>\n");
	}
	html_raw(h, "</ul>\n");
	if (nav->dated != NULL) {
		html_raw(h, "<p class=\"dated\">");
		html_text(h, nav->dated);
		html_raw(h, "</p>\n");
	}
	html_raw(h, "</nav>\n");
}

int html_render(const struct pt_node *root, const char *css,
                const char *script, const struct style *st,
                const struct html_nav *nav, char **out, size_t *len)
{
	struct html h = {0};
	h.st = st;
	h.form = pt_meta(root, PR_META_FORM);
	h.script = script;
	html_raw(&h, "<!DOCTYPE html>\n<html");
	html_attr(&h, "lang", pt_more_of(root)->lang);
	html_raw(&h, ">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\""
	         "viewport\" content=\"width=device-width, initial-scale=1\">"
	         "\n<meta name=\"generator\" content=\"mishto\">\n<title>");
	const struct pt_node *title = pt_meta(root, PR_META_TITLE);
	if (title)
		html_plain(&h, title);
	html_raw(&h, "</title>\n");
	if (css != NULL) {
		html_raw(&h, "<style>\n");
		html_raw(&h, css);
		html_raw(&h, "</style>\n");
	}
	html_raw(&h, "</head>\n<body>\n");
	if (nav != NULL)
		html_nav(&h, nav);
	int header = 0;
	for (const struct pt_node *c = root->first; c; c = c->next) {
		header |= c->type == PT_HEADER;
		html_node(&h, c);
	}
	if (header && h.form != NULL)
		html_raw(&h, "</form>\n");
	if (header)
		html_raw(&h, "</main>\n");
	const struct pt_node *foot = pt_meta(root, PR_META_FOOTER);
	if (foot != NULL) {
		html_raw(&h, "<footer>\n<p>");
		html_children(&h, foot);
		html_raw(&h, "</p>\n</footer>\n");
	}
	if (h.form != NULL && h.script != NULL) {
		html_raw(&h, "<script>\n");
		html_raw(&h, h.script);
		html_raw(&h, "</script>\n");
	}
	html_raw(&h, "</body>\n</html>\n");
	if (h.oom) {
		free(h.buf);
		return -1;
	}
	*out = h.buf;
	*len = h.len;
	return 0;
}
