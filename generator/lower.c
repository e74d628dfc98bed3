/* lower.c - lowering's driver and the shapes every kind shares; the kinds
 * themselves are in lower_pledge.c, lower_guidance.c, lower_plan.c,
 * lower_minutes.c and lower_report.c. */
#include "lower_int.h"
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct pt_node *lower_ok(struct lower *L, struct pt_node *n)
{
	if (n == NULL)
		L->oom = 1;
	return n;
}

const char *lower_str(struct lower *L, const char *s)
{
	if (s == NULL)
		L->oom = 1;
	return s;
}

struct pt_more *lower_more(struct lower *L, struct pt_node *n)
{
	struct pt_more *x = n != NULL ? pt_more(L->a, n) : NULL;
	if (x == NULL)
		L->oom = 1;
	return x;
}

void lower_lang(struct lower *L, struct pt_node *n, const char *lang)
{
	if (n != NULL && pt_set_lang(L->a, n, lang) != 0)
		L->oom = 1;
}

void lower_id(struct lower *L, struct pt_node *n, const char *id)
{
	if (n != NULL && pt_set_id(L->a, n, id) != 0)
		L->oom = 1;
}

void lower_input(struct lower *L, struct pt_node *n, const char *input)
{
	struct pt_more *x = lower_more(L, n);
	if (x != NULL)
		x->input = input;
}

struct pt_node *lower_add(struct lower *L, struct pt_node *parent,
                          enum pt_type type, const struct loc *loc)
{
	if (parent == NULL) {
		L->oom = 1;
		return NULL;
	}
	return lower_ok(L, pt_add(L->a, parent, type, loc));
}

struct pt_node *lower_text(struct lower *L, struct pt_node *parent,
                           const char *text, const struct loc *loc,
                           const char *key, int domain)
{
	struct pt_node *t = lower_ok(L, pt_add_text(L->a, parent, text, loc));
	if (t != NULL && key != NULL) {
		t->key = key;
		t->domain = domain != 0;
		t->plain = 1;
	}
	return t;
}

struct pt_node *lower_name(struct lower *L, struct pt_node *parent,
                           const char *name, const struct loc *loc)
{
	struct pt_node *t = lower_text(L, parent, name, loc, NULL, 0);
	if (t != NULL)
		t->name = 1;
	return t;
}

struct pt_node *lower_textf(struct lower *L, struct pt_node *parent,
                            const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = n >= 0 ? arena_alloc(L->a, (size_t)n + 1) : NULL;
	if (s == NULL) {
		L->oom = 1;
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return lower_text(L, parent, s, NULL, NULL, 0);
}

struct pt_node *lower_word(struct lower *L, struct pt_node *parent,
                           const struct lower_word *w, int domain)
{
	return lower_text(L, parent, w->text, NULL, w->key, domain);
}

struct pt_node *lower_inlines(struct lower *L, struct pt_node *parent,
                              const struct inline_node *n,
                              const char *key, int domain,
                              const char *field)
{
	struct pt_node *holder = parent;
	if (key != NULL) {
		holder = lower_add(L, parent, PT_SPAN,
		                   n ? &n->loc : NULL);
		if (holder == NULL)
			return NULL;
		holder->key = key;
		holder->domain = domain != 0;
	}
	if (holder != NULL && field != NULL)
		holder->field = field;
	if (pt_add_inlines(L->a, holder, n) != 0)
		L->oom = 1;
	return holder;
}

const char *lower_key(struct lower *L, const char *prefix,
                      const char *suffix, size_t n)
{
	if (prefix == NULL)
		return NULL;   /* its place has no key: not translated */
	char *k = n ? arena_printf(L->a, "%s.%zu", prefix, n)
	            : arena_printf(L->a, "%s%s", prefix, suffix ? suffix : "");
	if (k == NULL)
		L->oom = 1;
	return k;
}

static void lower_block(struct lower *L, struct pt_node *parent,
                        const struct block *b, int top, const char *key,
                        int domain);

/* A paragraph or item's words (key: translated as a whole), then the lists
 * that end it ("KEY.1" the first). */
static void lower_block_text(struct lower *L, struct pt_node *node,
                             const struct block *b, const char *key,
                             int domain)
{
	node->key = key;
	node->domain = domain != 0;
	if (pt_add_inlines(L->a, node, b->text) != 0)
		L->oom = 1;
	size_t i = 0;
	for (const struct block *sub = b->child; sub && !L->oom;
	     sub = sub->next) {
		const char *k = key ? lower_key(L, key, NULL, ++i) : NULL;
		lower_block(L, node, sub, 3, k, domain);
	}
}

static void lower_block(struct lower *L, struct pt_node *parent,
                        const struct block *b, int top, const char *key,
                        int domain)
{
	struct pt_node *n;
	switch (b->kind) {
	case BLOCK_P:
		n = lower_add(L, parent, PT_PARAGRAPH, &b->loc);
		if (n != NULL) {
			n->field = "this paragraph";
			lower_block_text(L, n, b, key, domain);
		}
		break;
	case BLOCK_UL:
	case BLOCK_OL:
	case BLOCK_VALUES:
		n = lower_add(L, parent, PT_LIST, &b->loc);
		if (n == NULL)
			return;
		n->list = b->kind == BLOCK_UL ? PL_BULLET
		          : b->kind == BLOCK_OL ? PL_NUMBER : PL_VALUES;
		lower_blocks(L, n, b->child, top, key, domain);
		break;
	case BLOCK_LI:
	case BLOCK_VALUE:
		n = lower_add(L, parent, PT_ITEM, &b->loc);
		if (n != NULL) {
			n->field = "this list item";
			lower_block_text(L, n, b, key, domain);
		}
		break;
	case BLOCK_SECTION: {
		n = lower_add(L, parent, PT_SECTION, &b->loc);
		if (n == NULL)
			return;
		lower_id(L, n, b->id);
		struct pt_node *h = lower_add(L, n, PT_HEADING, &b->loc);
		if (h == NULL)
			return;
		h->level = (unsigned char)(top < 6 ? top : 6);
		h->field = "this section's title";
		if (b->number)
			lower_textf(L, h, "%d. ", b->number);
		lower_text(L, h, b->title, &b->loc,
		           key ? lower_key(L, key, ".title", 0) : NULL, domain);
		lower_blocks(L, n, b->child, top + 1, key, domain);
		break;
	}
	}
}

void lower_blocks(struct lower *L, struct pt_node *parent,
                  const struct block *b, int top, const char *prefix,
                  int domain)
{
	size_t i = 0;
	for (; b != NULL && !L->oom; b = b->next) {
		const char *key = prefix ? lower_key(L, prefix, NULL, ++i)
		                         : NULL;
		lower_block(L, parent, b, top, key, domain);
	}
}

/* ---- the document's slots and title block ---- */

struct pt_node *lower_meta(struct lower *L, enum pt_role role)
{
	struct pt_node *m = lower_add(L, L->root, PT_META, &L->doc->loc);
	if (m == NULL)
		return NULL;
	m->role = role;
	switch (role) {
	case PR_META_TITLE:
	case PR_META_HEAD_LEFT: m->field = "the title"; break;
	case PR_META_SUBJECT: m->field = "the subtitle"; break;
	case PR_META_HEAD_RIGHT: m->field = "the running header"; break;
	default: m->field = "the footer"; break;
	}
	return m;
}

struct pt_node *lower_header(struct lower *L, const char *title,
                             const char *title_key, int domain,
                             const char *subtitle, const char *subtitle_key,
                             int band)
{
	struct pt_node *hd = lower_add(L, L->root, PT_HEADER, &L->doc->loc);
	struct pt_node *h = lower_add(L, hd, PT_HEADING, NULL);
	if (h == NULL)
		return NULL;
	h->level = 1;
	h->field = "the title";
	lower_text(L, h, title ? title : "", NULL, title_key, domain);
	if (subtitle != NULL) {
		struct pt_node *s = lower_add(L, hd, PT_PARAGRAPH, NULL);
		if (s != NULL) {
			s->role = PR_AUDIENCE;
			s->field = "the subtitle";
			lower_text(L, s, subtitle, NULL, subtitle_key, domain);
		}
	}
	if (!band)
		return hd;
	struct pt_node *b = lower_add(L, hd, PT_PARAGRAPH, NULL);
	if (b != NULL)
		b->role = PR_BAND;
	return b;
}

static const struct lower_word lower_source_word = {"label.fingerprint",
                                                    "Source"};
static const struct lower_word lower_page_word = {"label.page", "Page"};
static const struct lower_word lower_of_word = {"label.of", "of"};

void lower_furniture(struct lower *L, const struct lower_word *source,
                     const struct lower_word *page,
                     const struct lower_word *of, int domain)
{
	struct pt_node *f = lower_meta(L, PR_META_FOOTER);
	lower_word(L, f, source ? source : &lower_source_word, domain);
	lower_text(L, f, " ", NULL, NULL, 0);
	struct pt_node *c = lower_add(L, f, PT_CODE, NULL);
	if (c != NULL)
		c->text = L->doc->fingerprint;
	struct pt_node *p = lower_meta(L, PR_META_PAGE);
	lower_word(L, p, page ? page : &lower_page_word, domain);
	lower_word(L, p, of ? of : &lower_of_word, domain);
}

struct pt_node *lower_section(struct lower *L, struct pt_node *parent,
                              const char *id, int number, const char *title,
                              const char *key, int domain,
                              const struct loc *loc)
{
	struct pt_node *s = lower_add(L, parent, PT_SECTION, loc);
	if (s == NULL)
		return NULL;
	lower_id(L, s, id);
	if (title == NULL)
		return s;
	struct pt_node *h = lower_add(L, s, PT_HEADING, loc);
	if (h == NULL)
		return s;
	h->level = 2;
	h->field = "this section's title";
	if (number)
		lower_textf(L, h, "%d. ", number);
	lower_text(L, h, title, loc, key, domain);
	return s;
}

/* ---- tables ---- */

struct pt_node *lower_table(struct lower *L, struct pt_node *parent,
                            const char *cls, const struct lower_word *heads,
                            int ncols, const double *weights, int domain)
{
	struct pt_node *t = lower_add(L, parent, PT_TABLE, NULL);
	struct pt_node *head = lower_add(L, t, PT_ROW, NULL);
	if (head == NULL)
		return NULL;
	t->cls = cls;
	struct pt_more *x = lower_more(L, t);
	if (x == NULL)
		return NULL;
	x->weights = weights;
	x->nvalues = (uint32_t)ncols;
	for (int i = 0; i < ncols; i++) {
		struct pt_node *c = lower_add(L, head, PT_CELL, NULL);
		if (c == NULL)
			return t;
		c->scope = PS_COL;
		c->col = (unsigned char)i;
		lower_word(L, c, &heads[i], domain);
	}
	return t;
}

struct pt_node *lower_row(struct lower *L, struct pt_node *group,
                          const char *cls)
{
	struct pt_node *r = lower_add(L, group, PT_ROW, NULL);
	if (r != NULL)
		r->cls = cls;
	return r;
}

struct pt_node *lower_cell(struct lower *L, struct pt_node *row, int col)
{
	struct pt_node *c = lower_add(L, row, PT_CELL, NULL);
	if (c != NULL) {
		c->col = (unsigned char)col;
		c->field = "this table cell";
	}
	return c;
}

struct pt_node *lower_head_cell(struct lower *L, struct pt_node *row,
                                int col)
{
	struct pt_node *c = lower_cell(L, row, col);
	if (c != NULL)
		c->scope = PS_ROW;
	return c;
}

struct pt_node *lower_band(struct lower *L, struct pt_node *group,
                           const char *cls, int ncols, const char *title,
                           const char *key, int domain,
                           const struct loc *loc)
{
	struct pt_node *r = lower_row(L, group, cls);
	struct pt_node *c = lower_cell(L, r, 0);
	if (c == NULL)
		return NULL;
	r->bookmark = 1;
	c->scope = PS_COLGROUP;
	c->span = (unsigned char)ncols;
	c->field = "this group's title";
	lower_text(L, c, title, loc, key, domain);
	return c;
}

/* ---- fields ---- */

struct pt_node *lower_field(struct lower *L, struct pt_node *fields,
                            const char *cls, const struct lower_word *label,
                            int domain, int lines)
{
	struct pt_node *f = lower_add(L, fields, PT_FIELD, NULL);
	struct pt_node *t = lower_add(L, f, PT_TERM, NULL);
	struct pt_node *v = lower_add(L, f, PT_VALUE, NULL);
	if (v == NULL)
		return NULL;
	f->cls = cls;
	lower_word(L, t, label, domain);
	v->lines = (unsigned char)lines;
	v->field = "this field";
	struct pt_more *x = lower_more(L, v);
	if (x != NULL)
		x->label_by = t;
	return v;
}

/* ---- dates, people, labels ---- */

struct pt_node *lower_date(struct lower *L, struct pt_node *parent,
                           const struct mdate *d)
{
	char buf[11];
	mdate_format(d, buf);
	struct pt_node *t = lower_add(L, parent, PT_TIME, &d->loc);
	if (t == NULL)
		return NULL;
	t->datetime = arena_printf(L->a, "%04d-%02d-%02d", d->y % 10000,
	                           d->m % 100, d->d % 100);
	lower_str(L, t->datetime);
	lower_text(L, t, arena_strdup(L->a, buf), &d->loc, NULL, 0);
	return t;
}

struct pt_node *lower_long_date(struct lower *L, struct pt_node *parent,
                                const struct mdate *d)
{
	char buf[64];
	mdate_format_long(d, buf, sizeof buf);
	struct pt_node *t = lower_add(L, parent, PT_TIME, &d->loc);
	if (t == NULL)
		return NULL;
	t->datetime = arena_printf(L->a, "%04u-%02u-%02u",
	                           (unsigned)d->y % 10000u,
	                           (unsigned)d->m % 100u,
	                           (unsigned)d->d % 100u);
	lower_str(L, t->datetime);
	lower_text(L, t, arena_strdup(L->a, buf), &d->loc, NULL, 0);
	return t;
}

struct pt_node *lower_period(struct lower *L, struct pt_node *parent,
                             const struct mperiod *p)
{
	char buf[48];
	mperiod_format(p, buf, sizeof buf);
	if (p->valid && p->kind == PERIOD_DATE)
		return lower_date(L, parent, &p->first);
	const char *words = arena_strdup(L->a, buf);
	if (p->valid && (p->kind == PERIOD_MONTH || p->kind == PERIOD_YEAR)) {
		struct pt_node *t = lower_add(L, parent, PT_TIME, &p->loc);
		if (t == NULL)
			return NULL;
		t->datetime = p->kind == PERIOD_MONTH
		    ? arena_printf(L->a, "%04u-%02u",
		                   (unsigned)p->first.y % 10000u,
		                   (unsigned)p->first.m % 100u)
		    : arena_printf(L->a, "%04u",
		                   (unsigned)p->first.y % 10000u);
		lower_str(L, t->datetime);
		lower_text(L, t, words, &p->loc, NULL, 0);
		return t;
	}
	return lower_text(L, parent, words, &p->loc, NULL, 0);
}

void lower_people(struct lower *L, struct pt_node *parent,
                  const struct person_refs *r)
{
	for (size_t i = 0; i < r->n; i++) {
		if (i)
			lower_text(L, parent, ", ", NULL, NULL, 0);
		lower_name(L, parent, person_display(r->people[i]),
		           &r->people[i]->loc);
	}
}

struct pt_node *lower_label(struct lower *L, struct pt_node *parent,
                            enum pt_role colour, const char *cls,
                            const struct lower_word *w)
{
	struct pt_node *l = lower_add(L, parent, PT_LABEL, NULL);
	if (l == NULL)
		return NULL;
	l->role = colour;
	l->cls = cls;
	lower_word(L, l, w, LOWER_OWN);
	return l;
}

/* ---- the driver ---- */

int lower_is_word(enum document_kind kind, const char *key)
{
	size_t n = 0;
	const struct lower_word *w = NULL;
	switch (kind) {
	case DOCUMENT_PLEDGE_FORM:
	case DOCUMENT_PLEDGE: w = lower_pledge_words(&n); break;
	case DOCUMENT_GUIDANCE: w = lower_guidance_words(&n); break;
	case DOCUMENT_ACTION_PLAN: w = lower_plan_words(&n); break;
	case DOCUMENT_MINUTES: w = lower_minutes_words(&n); break;
	case DOCUMENT_SIGNATORIES:
	case DOCUMENT_PROGRESS: w = lower_report_words(&n); break;
	case DOCUMENT_TRANSLATION: break;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(w[i].key, key) == 0)
			return 1;
	/* the words every kind prints */
	return strcmp(key, lower_source_word.key) == 0 ||
	       strcmp(key, lower_page_word.key) == 0 ||
	       strcmp(key, lower_of_word.key) == 0;
}

struct pt_node *lower_document(const struct document *doc, struct arena *a)
{
	struct lower L = {0};
	L.a = a;
	L.doc = doc;
	L.root = pt_new(a, PT_DOCUMENT, &doc->loc);
	if (L.root == NULL)
		return NULL;
	lower_lang(&L, L.root, doc->lang);
	/* action plans and reports are wide tables: they print landscape */
	L.root->landscape = doc->kind == DOCUMENT_ACTION_PLAN ||
	                    doc->kind == DOCUMENT_PROGRESS ||
	                    doc->kind == DOCUMENT_SIGNATORIES;
	switch (doc->kind) {
	case DOCUMENT_PLEDGE_FORM:
	case DOCUMENT_PLEDGE: lower_pledge(&L); break;
	case DOCUMENT_GUIDANCE: lower_guidance(&L); break;
	case DOCUMENT_ACTION_PLAN: lower_plan(&L); break;
	case DOCUMENT_MINUTES: lower_minutes(&L); break;
	case DOCUMENT_SIGNATORIES: lower_signatories(&L); break;
	case DOCUMENT_PROGRESS: lower_progress(&L); break;
	case DOCUMENT_TRANSLATION: break;   /* put into its document */
	}
	if (!L.oom)
		pt_drop_empty_columns(L.root);
	return L.oom ? NULL : L.root;
}

/* The address of a file of the site, from the name of the input it was
 * made from: relative ("./"), every byte but letters, digits and "._~-"
 * percent-encoded, so a file named "javascript:alert(1).xml" is a file,
 * not a script, and "#" or "?" in a name do not end its path. */
char *lower_file_href(struct arena *a, const char *name, const char *ext)
{
	size_t n = strlen(name);
	char *out = arena_alloc(a, 2 + 3 * n + 1 + strlen(ext) + 1);
	if (out == NULL)
		return NULL;
	char *o = out;
	*o++ = '.';
	*o++ = '/';
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("._~-", *p) != NULL) {
			*o++ = (char)*p;
		} else {
			sprintf(o, "%%%02X", *p);
			o += 3;
		}
	}
	*o++ = '.';
	strcpy(o, ext);
	return out;
}

/* ---- a site's index ---- */

struct pt_node *lower_site_index(const char *title, const char *lang,
                                 const char *dated,
                                 const struct lower_site_entry *e, size_t n,
                                 struct arena *a)
{
	struct document none;
	memset(&none, 0, sizeof none);
	none.lang = lang;
	struct lower L = {0};
	L.a = a;
	L.doc = &none;
	L.root = pt_new(a, PT_DOCUMENT, NULL);
	if (L.root == NULL)
		return NULL;
	lower_lang(&L, L.root, lang);
	lower_text(&L, lower_meta(&L, PR_META_TITLE), title, NULL, NULL, 0);
	lower_header(&L, title, NULL, 0, NULL, NULL, 0);
	if (dated != NULL) {
		struct pt_node *p = lower_add(&L, L.root, PT_PARAGRAPH, NULL);
		if (p != NULL)
			lower_text(&L, p, dated, NULL, NULL, 0);
	}
	struct pt_node *list = NULL;
	for (size_t i = 0; i < n && !L.oom; i++) {
		if (i == 0 || strcmp(e[i].group, e[i - 1].group) != 0) {
			struct pt_node *s = lower_section(&L, L.root, NULL, 0,
			                                  e[i].group, NULL, 0,
			                                  NULL);
			list = lower_add(&L, s, PT_LIST, NULL);
			if (list == NULL)
				break;
			list->list = PL_PLAIN;
			list->cls = "site";
		}
		struct pt_node *it = lower_add(&L, list, PT_ITEM, NULL);
		struct pt_node *link = lower_add(&L, it, PT_LINK, NULL);
		if (link == NULL)
			break;
		link->href = lower_file_href(a, e[i].name, "html");
		lower_lang(&L, link, e[i].lang);
		lower_str(&L, link->href);
		lower_text(&L, link, e[i].title, NULL, NULL, 0);
		const char *plain = e[i].title;
		static const char *const ext[] = {"pdf", "large-print.pdf",
		                                  "csv"};
		static const char *const what[] = {"PDF", "large print PDF",
		                                   "CSV"};
		lower_text(&L, it, " (", NULL, NULL, 0);
		int first = 1;
		for (int k = 0; k < 3; k++) {
			int pages = k == 0 ? e[i].pdf_pages : e[i].large_print_pages;
			size_t bytes = k == 0 ? e[i].pdf_bytes
			                      : e[i].large_print_bytes;
			if ((k == 0 && e[i].no_pdf) ||
			    (k == 1 && !e[i].large_print) ||
			    (k == 2 && !e[i].has_csv))
				continue;
			if (!first)
				lower_text(&L, it, "; ", NULL, NULL, 0);
			first = 0;
			struct pt_node *f = lower_add(&L, it, PT_LINK, NULL);
			if (f == NULL)
				break;
			f->href = lower_file_href(a, e[i].name, ext[k]);
			lower_str(&L, f->href);
			lower_text(&L, f, what[k], NULL, NULL, 0);
			struct pt_node *h = lower_add(&L, f, PT_SPAN, NULL);
			if (h != NULL) {
				h->role = PR_HIDDEN;
				lower_textf(&L, h, ", %s", plain ? plain : "");
			}
			if (k < 2 && bytes > 0) {
				char facts[64];
				pt_file_facts(facts, sizeof facts, pages, bytes);
				lower_textf(&L, it, ", %s", facts);
			}
		}
		if (first)   /* nothing but the page: no brackets */
			pt_unlink(pt_last(it));
		else
			lower_text(&L, it, ")", NULL, NULL, 0);
	}
	return L.oom ? NULL : L.root;
}

struct pt_node *lower_site_notice(const char *title, const char *lang,
                                  const char *text, struct arena *a)
{
	/* an index of nothing, with its paragraph */
	return lower_site_index(title, lang, text, NULL, 0, a);
}
