/* ptree.c - making and reading presentation trees. */
#include "ptree.h"
#include "arena.h"
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pt_node *pt_new(struct arena *a, enum pt_type type,
                       const struct loc *loc)
{
	static const struct loc nowhere = {NULL, NULL, 0, 0};
	struct pt_node *n = arena_alloc(a, sizeof *n);
	if (n == NULL)
		return NULL;
	n->type = type;
	n->serial = arena_serial(a);
	n->loc = loc != NULL ? loc : &nowhere;
	return n;
}

const struct pt_more pt_no_more;

struct pt_more *pt_more(struct arena *a, struct pt_node *n)
{
	if (n->more == NULL)
		n->more = arena_alloc(a, sizeof *n->more);
	return n->more;
}

int pt_set_lang(struct arena *a, struct pt_node *n, const char *lang)
{
	if (lang == NULL && n->more == NULL)
		return 0;
	struct pt_more *x = pt_more(a, n);
	if (x == NULL)
		return -1;
	x->lang = lang;
	return 0;
}

int pt_set_id(struct arena *a, struct pt_node *n, const char *id)
{
	if (id == NULL && n->more == NULL)
		return 0;
	struct pt_more *x = pt_more(a, n);
	if (x == NULL)
		return -1;
	x->id = id;
	return 0;
}

struct pt_node *pt_append(struct pt_node *parent, struct pt_node *child)
{
	if (parent == NULL || child == NULL)
		return NULL;
	child->parent = parent;
	child->next = NULL;
	if (parent->first != NULL) {
		child->prev = parent->first->prev;
		child->prev->next = child;
		parent->first->prev = child;
	} else {
		child->prev = child;
		parent->first = child;
	}
	return child;
}

struct pt_node *pt_add(struct arena *a, struct pt_node *parent,
                       enum pt_type type, const struct loc *loc)
{
	if (parent == NULL)
		return NULL;
	return pt_append(parent, pt_new(a, type, loc ? loc : parent->loc));
}

struct pt_node *pt_add_text(struct arena *a, struct pt_node *parent,
                            const char *text, const struct loc *loc)
{
	struct pt_node *t = pt_add(a, parent, PT_TEXT, loc);
	if (t != NULL)
		t->text = text ? text : "";
	return t;
}

struct pt_node *pt_add_textf(struct arena *a, struct pt_node *parent,
                             const struct loc *loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = n >= 0 ? arena_alloc(a, (size_t)n + 1) : NULL;
	if (s == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return pt_add_text(a, parent, s, loc);
}

int pt_add_inlines(struct arena *a, struct pt_node *parent,
                   const struct inline_node *n)
{
	for (; n != NULL; n = n->next) {
		struct pt_node *x = NULL;
		switch (n->kind) {
		case INLINE_TEXT:
			x = pt_add_text(a, parent, n->text, &n->loc);
			break;
		case INLINE_EM:
			x = pt_add(a, parent, PT_EMPH, &n->loc);
			break;
		case INLINE_STRONG:
			x = pt_add(a, parent, PT_STRONG, &n->loc);
			break;
		case INLINE_LINK:
			x = pt_add(a, parent, PT_LINK, &n->loc);
			if (x != NULL)
				x->href = n->href ? n->href : "";
			break;
		case INLINE_SPAN:
			x = pt_add(a, parent, PT_SPAN, &n->loc);
			if (x != NULL && pt_set_lang(a, x, n->lang) != 0)
				x = NULL;
			break;
		}
		if (x == NULL || (n->child && pt_add_inlines(a, x, n->child)))
			return -1;
	}
	return 0;
}

void pt_unlink(struct pt_node *n)
{
	struct pt_node *p = n->parent;
	if (p == NULL)
		return;
	if (n == p->first) {
		p->first = n->next;
		if (n->next != NULL)
			n->next->prev = n->prev;   /* the last, n's prev */
	} else {
		n->prev->next = n->next;
		if (n->next != NULL)
			n->next->prev = n->prev;
		else
			p->first->prev = n->prev;  /* n was the last */
	}
	n->parent = n->prev = n->next = NULL;
}

void pt_insert_before(struct pt_node *sibling, struct pt_node *n)
{
	if (sibling == NULL || n == NULL || sibling->parent == NULL)
		return;
	struct pt_node *p = sibling->parent;
	n->parent = p;
	n->next = sibling;
	n->prev = sibling->prev;   /* the last, when sibling is the first */
	if (sibling == p->first)
		p->first = n;
	else
		sibling->prev->next = n;
	sibling->prev = n;
}

void pt_clear(struct pt_node *n)
{
	n->first = NULL;
}

/* ---- reading ---------------------------------------------------------- */

int pt_is_inline(const struct pt_node *n)
{
	return n->type >= PT_TEXT;
}

int pt_has_inline(const struct pt_node *n)
{
	for (const struct pt_node *c = n->first; c; c = c->next)
		if (pt_is_inline(c))
			return 1;
	return 0;
}

/* The node after n and all it holds, in document order, within root. */
static struct pt_node *pt_walk_past(const struct pt_node *root,
                                    const struct pt_node *n)
{
	for (; n != NULL && n != root; n = n->parent)
		if (n->next)
			return n->next;
	return NULL;
}

struct pt_node *pt_walk_next(const struct pt_node *root,
                             const struct pt_node *n)
{
	return n->first ? n->first : pt_walk_past(root, n);
}

static size_t pt_plain_copy(const struct pt_node *n, char *buf)
{
	size_t len = 0;
	if (n->type == PT_TEXT || n->type == PT_CODE) {
		size_t l = strlen(n->text);
		if (buf)
			memcpy(buf, n->text, l);
		return l;
	}
	for (const struct pt_node *c = n->first; c; c = c->next)
		if (pt_is_inline(c) || c->type == PT_TERM ||
		    c->type == PT_VALUE)
			len += pt_plain_copy(c, buf ? buf + len : NULL);
	return len;
}

char *pt_plain(const struct pt_node *n)
{
	size_t len = n ? pt_plain_copy(n, NULL) : 0;
	char *s = malloc(len + 1);
	if (s == NULL)
		return NULL;
	if (n)
		pt_plain_copy(n, s);
	s[len] = '\0';
	return s;
}

char *pt_plain_in(struct arena *a, const struct pt_node *n)
{
	size_t len = n ? pt_plain_copy(n, NULL) : 0;
	char *s = arena_alloc(a, len + 1);
	if (s != NULL && n)
		pt_plain_copy(n, s);
	return s;
}

const struct pt_node *pt_meta(const struct pt_node *doc, enum pt_role r)
{
	for (const struct pt_node *c = doc->first; c; c = c->next)
		if (c->type == PT_META && c->role == r)
			return c;
	return NULL;
}

const struct pt_node *pt_child(const struct pt_node *n, size_t i)
{
	const struct pt_node *c = n ? n->first : NULL;
	for (; c != NULL && i > 0; i--)
		c = c->next;
	return c;
}

size_t pt_count(const struct pt_node *n)
{
	size_t k = 0;
	for (const struct pt_node *c = n->first; c; c = c->next)
		k++;
	return k;
}

const struct pt_node *pt_column_head(const struct pt_node *cell)
{
	const struct pt_node *table = cell->parent;
	while (table != NULL && table->type != PT_TABLE)
		table = table->parent;
	if (table == NULL || table->first == NULL ||
	    table->first == cell->parent)
		return NULL;
	return pt_child(table->first, cell->col);
}

/* ---- columns with nothing in them ---- */

/* Whether a cell prints anything: words, a tick, a label. */
static int pt_cell_empty(const struct pt_node *c)
{
	for (const struct pt_node *n = pt_walk_next(c, c); n;
	     n = pt_walk_next(c, n))
		if ((n->type == PT_TEXT &&
		     n->text[strspn(n->text, " ")] != '\0') ||
		    n->type == PT_CODE || n->type == PT_TICK ||
		    n->type == PT_LABEL || n->type == PT_ENTRY)
			return 0;
	return 1;
}

static void pt_drop_column(struct pt_node *t, int col)
{
	for (struct pt_node *g = t->first; g; g = g->next) {
		struct pt_node *rows = g->type == PT_ROW ? NULL : g->first;
		struct pt_node *one = g->type == PT_ROW ? g : NULL;
		for (struct pt_node *r = one ? one : rows; r;
		     r = one ? NULL : r->next)
			for (struct pt_node *c = r->first, *next; c; c = next) {
				next = c->next;
				if (c->scope == PS_COLGROUP) {
					if (c->span > 1)
						c->span--;
				} else if (c->span > 1 && c->col <= col &&
				           col < c->col + c->span) {
					c->span--;
				} else if (c->col == col) {
					pt_unlink(c);
				} else if (c->col > col) {
					c->col--;
				}
			}
	}
	if (t->more != NULL)
		t->more->nvalues--;
}

/* Whether a table can be among what n holds: tables are a section's or
 * the document's (lower_table's callers); never in words, a heading, a
 * paragraph (and the lists it ends), or another table. A long plan's
 * tree is most of all words: walking them all was a fiftieth of its
 * time. */
static int pt_may_hold_table(const struct pt_node *n)
{
	return !pt_is_inline(n) && n->type != PT_TABLE &&
	       n->type != PT_PARAGRAPH && n->type != PT_HEADING &&
	       n->type != PT_META;
}

void pt_drop_empty_columns(struct pt_node *root)
{
	for (struct pt_node *t = root, *next; t; t = next) {
		next = pt_may_hold_table(t) ? pt_walk_next(root, t)
		                            : pt_walk_past(root, t);
		if (t->type != PT_TABLE || !t->fit)
			continue;
		/* a table of no rows keeps its columns: there is nothing to
		 * fit them to */
		int any = 0;
		for (const struct pt_node *g = t->first ? t->first->next : NULL;
		     g && !any; g = g->next)
			for (const struct pt_node *r = g->first; r && !any;
			     r = r->next)
				for (const struct pt_node *c = r->first; c;
				     c = c->next)
					any |= c->scope != PS_COLGROUP &&
					       c->span <= 1;
		for (int col = (int)pt_more_of(t)->nvalues - 1; col >= 0 && any;
		     col--) {
			int empty = 1;
			for (const struct pt_node *g = t->first ? t->first->next
			                                        : NULL;
			     g && empty; g = g->next)
				for (const struct pt_node *r = g->first; r && empty;
				     r = r->next)
					for (const struct pt_node *c = r->first; c;
					     c = c->next)
						if (c->scope != PS_COLGROUP &&
						    c->span <= 1 &&
						    c->col == col)
							empty &= pt_cell_empty(c);
			if (empty && pt_more_of(t)->nvalues > 1)
				pt_drop_column(t, col);
		}
	}
}

/* ---- links ------------------------------------------------------------ */

enum pt_link pt_link_kind(const char *href)
{
	if (href == NULL)
		return PT_LINK_EMPTY;
	const unsigned char *s = (const unsigned char *)href;
	while (*s && *s <= 0x20)
		s++;
	if (*s == '\0')
		return PT_LINK_EMPTY;
	if (*s == '#')
		return PT_LINK_FRAGMENT;
	/* the scheme, as a browser reads it: letters, digits, + - . up to a
	 * colon, with tabs and line breaks left out */
	char scheme[16];
	size_t n = 0;
	const unsigned char *p = s;
	for (; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
		      *p == '.'))
			break;
		if (n + 1 < sizeof scheme)
			scheme[n] = (char)(*p | 0x20);
		n++;
	}
	if (*p != ':')
		return PT_LINK_RELATIVE;
	if (n >= sizeof scheme || n == 0)
		return PT_LINK_UNSAFE;
	scheme[n] = '\0';
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)
		return PT_LINK_WEB;
	if (strcmp(scheme, "mailto") == 0)
		return PT_LINK_MAIL;
	if (strcmp(scheme, "tel") == 0)
		return PT_LINK_PHONE;
	return PT_LINK_UNSAFE;
}

int pt_link_safe(const char *href)
{
	enum pt_link k = pt_link_kind(href);
	return k != PT_LINK_EMPTY && k != PT_LINK_UNSAFE;
}

/* ---- dump --------------------------------------------------------------- */

static const char *const pt_type_name[] = {
	"document", "meta", "header", "section", "heading", "paragraph",
	"list", "item", "group", "table", "row-group", "row", "cell",
	"fields", "field", "term", "value", "chart", "bar", "data",
	"text", "emph", "strong", "link", "span", "time", "code", "tick",
	"label", "break", "entry"};

static void pt_dump_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

static void pt_dump_node(const struct pt_node *n, FILE *out, int depth)
{
	fprintf(out, "%*s%s", depth * 2, "", pt_type_name[n->type]);
	static const char *const role[] = {
		"", "title", "subject", "head-left", "head-right", "footer",
		"page", "form", "audience", "band", "instruction", "objective", "note",
		"lead", "item-title", "caption", "owner", "due", "muted",
		"total", "ref", "hidden", "red", "amber",
		"green", "neutral", "progress"};
	if (n->role != PR_NONE && (size_t)n->role < sizeof role / sizeof *role)
		fprintf(out, " role=%s", role[n->role]);
	if (n->type == PT_HEADING)
		fprintf(out, " level=%d", n->level);
	if (pt_more_of(n)->id)
		fprintf(out, " id=%s", pt_more_of(n)->id);
	if (n->cls)
		fprintf(out, " class=%s", n->cls);
	if (n->type == PT_CELL) {
		static const char *const scope[] = {"", " scope=row",
		                                    " scope=col",
		                                    " scope=colgroup",
		                                    " scope=rowgroup"};
		fprintf(out, " col=%d%s", n->col, scope[n->scope % 5]);
		if (n->span > 1 && n->scope != PS_COLGROUP)
			fprintf(out, " span=%d", n->span);
		if (n->rowspan)
			fprintf(out, " rowspan=%d", n->rowspan);
	}
	if (n->type == PT_LIST) {
		static const char *const style[] = {"bullet", "number", "values",
		                                    "checklist", "plain"};
		fprintf(out, " %s", style[n->list % 5]);
	}
	if (n->type == PT_SECTION && n->keep != PK_LINES)
		fputs(n->keep == PK_WHOLE ? " keep=whole" : " keep=to-table",
		      out);
	if (n->bare)
		fputs(" bare", out);
	if (n->type == PT_TICK)
		fputs(n->ticked ? " ticked" : " empty", out);
	if (pt_input(n))
		fprintf(out, " input=%s", pt_more_of(n)->input);
	if (n->type == PT_TIME && n->datetime)
		fprintf(out, " datetime=%s", n->datetime);
	if (n->key)
		fprintf(out, " key=%s%s", n->domain ? "form:" : "", n->key);
	if (pt_more_of(n)->lang)
		fprintf(out, " lang=%s", pt_more_of(n)->lang);
	if (n->private_data)
		fputs(n->private_data == PP_CONTACT ? " private=contact"
		                                    : " private=internal", out);
	if ((n->type == PT_TEXT || n->type == PT_CODE) && n->text) {
		fputc(' ', out);
		pt_dump_string(out, n->text);
	}
	if (n->type == PT_LINK && n->href) {
		fputs(" href=", out);
		pt_dump_string(out, n->href);
	}
	fputc('\n', out);
	for (const struct pt_node *c = n->first; c; c = c->next)
		pt_dump_node(c, out, depth + 1);
}

void pt_dump(const struct pt_node *n, FILE *out)
{
	pt_dump_node(n, out, 0);
}

void pt_file_facts(char *buf, size_t size, int pages, size_t bytes)
{
	char amount[32];
	if (bytes < 1000)
		snprintf(amount, sizeof amount, "%zu bytes", bytes);
	else if (bytes < 1000000)
		snprintf(amount, sizeof amount, "%zu KB", (bytes + 500) / 1000);
	else
		snprintf(amount, sizeof amount, "%zu.%zu MB", bytes / 1000000,
		         (bytes % 1000000 + 50000) / 100000 % 10);
	if (pages > 0)
		snprintf(buf, size, "%d page%s, %s", pages, pages == 1 ? "" : "s",
		         amount);
	else
		snprintf(buf, size, "%s", amount);
}
