/* testutil.h - helpers shared by the cmocka unit tests. Tests run from the
 * repository root (make check does that), so content/ is at hand. */
#ifndef MISHTO_TESTUTIL_H
#define MISHTO_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "font.h"
#include "hyph.h"
#include "html.h"
#include "layout.h"
#include "lower.h"
#include "model.h"
#include "parse.h"
#include "ptree.h"
#include "rules.h"
#include "source.h"
#include "style.h"

#define TU_FORM_PATH "content/la-pledge.xml"

/* A signed pledge of the real form that breaks no rule: one step of every
 * action point, a report date, a valid contact. */
static const char tu_valid_pledge[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<pledge xmlns=\"urn:mishto:1\" id=\"test-pledge\" xml:lang=\"en\"\n"
    "        form=\"la-pledge\" authority=\"Testbury Council\""
    " signed=\"2026-05-01\">\n"
    "  <commit step=\"promote-culture/calendar-events\" by=\"2027-01-31\"/>\n"
    "  <commit step=\"inclusive-recruitment/community-channels\"/>\n"
    "  <commit step=\"inclusive-communication/accessible-methods\"/>\n"
    "  <commit step=\"cultural-competency/staff-knowledge\"/>\n"
    "  <commit step=\"children-access/romanes-interpreters\"/>\n"
    "  <commit step=\"inclusive-child-protection/strength-based\"/>\n"
    "  <commit step=\"children-in-care/kinship-fostering\"/>\n"
    "  <commit step=\"housing-access/housing-routes\"/>\n"
    "  <commit step=\"not-digital-by-default/alternatives\"/>\n"
    "  <support option=\"training\"/>\n"
    "  <report-due>2027-04-30</report-due>\n"
    "  <contact name=\"Jane Smith\" role=\"Officer\"\n"
    "           email=\"jane.smith@testbury.example\""
    " phone=\"0161 496 0123\"/>\n"
    "</pledge>\n";

/* s with the first occurrence of from replaced by to (malloc'd); fails the
 * test when from is not in s, so a stale fixture cannot pass silently. */
static inline char *tu_replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	assert_non_null(at);
	size_t pre = (size_t)(at - s), fl = strlen(from), tl = strlen(to);
	char *r = malloc(strlen(s) - fl + tl + 1);
	assert_non_null(r);
	memcpy(r, s, pre);
	memcpy(r + pre, to, tl);
	strcpy(r + pre + tl, at + fl);
	return r;
}

struct tu_result {
	char *diag;        /* JSON lines, one per diagnostic */
	size_t diag_len;
	int parsed;        /* every source parsed */
	int check_rc;      /* check_documents' result, or 1 if not run */
	unsigned errors, warnings;
};

/* Parses and checks the given sources (text NULL: read the file named),
 * the way `mishto check` does, with JSON diagnostics captured. */
static inline struct tu_result tu_check(size_t n, const char *const names[],
                                 const char *const texts[])
{
	struct tu_result r = {0};
	FILE *out = open_memstream(&r.diag, &r.diag_len);
	assert_non_null(out);
	struct diag d;
	diag_init(&d, out, DIAG_JSON);
	struct parse_schema *schema = parse_schema_load(&d);
	assert_non_null(schema);
	struct source **srcs = calloc(n, sizeof *srcs);
	struct document **docs = calloc(n, sizeof *docs);
	assert_non_null(srcs);
	assert_non_null(docs);
	r.parsed = 1;
	r.check_rc = 1;
	for (size_t i = 0; i < n; i++) {
		srcs[i] = texts[i] ? source_from_memory(names[i], texts[i],
		                                        strlen(texts[i]))
		                   : source_read(names[i]);
		assert_non_null(srcs[i]);
		docs[i] = parse_document(srcs[i], schema, &d);
		if (docs[i] == NULL)
			r.parsed = 0;
	}
	if (r.parsed)
		r.check_rc = check_documents(docs, n, NULL, &d);
	for (size_t i = 0; i < n; i++) {
		document_free(docs[i]);
		source_free(srcs[i]);
	}
	free(srcs);
	free(docs);
	parse_schema_free(schema);
	r.errors = d.count[DIAG_ERROR];
	r.warnings = d.count[DIAG_WARNING];
	fclose(out);
	return r;
}

/* The real form plus one pledge given as text. */
static inline struct tu_result tu_check_pledge(const char *pledge_xml)
{
	const char *names[2] = {TU_FORM_PATH, "test-pledge.xml"};
	const char *texts[2] = {NULL, pledge_xml};
	return tu_check(2, names, texts);
}

/* Whether a diagnostic of this rule (and level) was reported. */
static inline int tu_has(const struct tu_result *r, const char *level,
                  const char *rule)
{
	char want[128];
	snprintf(want, sizeof want, "\"level\":\"%s\",\"rule\":\"%s\"", level,
	         rule);
	return r->diag != NULL && strstr(r->diag, want) != NULL;
}

static inline void tu_free(struct tu_result *r)
{
	free(r->diag);
	r->diag = NULL;
}


/* ---- resources a test keeps, freed by tu_teardown even when an assertion
 * leaves the test early (by longjmp), so sanitizer runs stay leak-free ---- */
struct tu_res {
	void (*fn)(void *);
	void *p;
};
static struct tu_res tu_res[256];
static size_t tu_nres;

static inline void *tu_keep_fn(void *p, void (*fn)(void *))
{
	assert_non_null(p);
	if (tu_nres == sizeof tu_res / sizeof *tu_res)
		fail_msg("too many resources kept by one test");
	tu_res[tu_nres].fn = fn;
	tu_res[tu_nres].p = p;
	tu_nres++;
	return p;
}

static inline void *tu_keep(void *p)
{
	return tu_keep_fn(p, free);
}

/* Frees p now (it was kept). */
static inline void tu_release(void *p)
{
	for (size_t i = tu_nres; i-- > 0;)
		if (tu_res[i].p == p) {
			struct tu_res r = tu_res[i];
			memmove(&tu_res[i], &tu_res[i + 1],
			        (tu_nres - i - 1) * sizeof *tu_res);
			tu_nres--;
			r.fn(r.p);
			return;
		}
	fail_msg("releasing a pointer that was not kept");
}

static inline int tu_teardown(void **state)
{
	(void)state;
	while (tu_nres > 0) {
		tu_nres--;
		tu_res[tu_nres].fn(tu_res[tu_nres].p);
	}
	return 0;
}

/* ---- documents run through the checker and the layout ---- */

#define TU_RUN_MAX 4
#define TU_EPS 0.01
#define TU_CELL_PAD 5.0        /* layout.c's LAYOUT_CELL_PAD */

/* Parsed and checked documents, kept so a test can inspect the model and
 * lay one out. Kept by tu_keep_fn: freed by the teardown. */
struct tu_run {
	char *diag;
	size_t diag_len;
	FILE *out;
	struct diag d;
	struct parse_schema *schema;
	size_t n;
	struct source *src[TU_RUN_MAX];
	struct document *doc[TU_RUN_MAX];
	int parsed, check_rc;
	int styled;
	struct style st;
	struct font_set *pm;
	struct hyph *hy;
	const struct device_metrics *m;
	struct arena *a;
	struct rules *rules;
	int public_edition;
	struct pt_node *tree;      /* of the document laid out */
	struct layout_doc *ld;
	double left, right;
};

static inline void tu_run_free(void *p)
{
	struct tu_run *r = p;
	layout_doc_free(r->ld);
	arena_free(r->a);
	rules_free(r->rules);
	font_set_close(r->pm);
	hyph_free(r->hy);
	if (r->styled)
		style_free(&r->st);
	for (size_t i = 0; i < r->n; i++) {
		document_free(r->doc[i]);
		source_free(r->src[i]);
	}
	parse_schema_free(r->schema);
	if (r->out)
		fclose(r->out);
	free(r->diag);
	free(r);
}

/* Parses the sources (text NULL: the file named); a test may change the
 * model before tu_run_check. Diagnostics are JSON lines in r->diag. */
static inline struct tu_run *tu_run_parse(size_t n, const char *const names[],
                                          const char *const texts[])
{
	assert_true(n <= TU_RUN_MAX);
	struct tu_run *r = tu_keep_fn(calloc(1, sizeof *r), tu_run_free);
	r->out = open_memstream(&r->diag, &r->diag_len);
	assert_non_null(r->out);
	diag_init(&r->d, r->out, DIAG_JSON);
	r->schema = parse_schema_load(&r->d);
	assert_non_null(r->schema);
	r->parsed = 1;
	r->check_rc = 1;
	for (size_t i = 0; i < n; i++) {
		r->src[i] = texts[i] ? source_from_memory(names[i], texts[i],
		                                          strlen(texts[i]))
		                     : source_read(names[i]);
		assert_non_null(r->src[i]);
		r->n = i + 1;
		r->doc[i] = parse_document(r->src[i], r->schema, &r->d);
		if (r->doc[i] == NULL)
			r->parsed = 0;
	}
	fflush(r->out);
	if (!r->parsed)
		fail_msg("the test documents did not parse:\n%s",
		         r->diag ? r->diag : "");
	return r;
}

/* Checks what tu_run_parse parsed, with opts (NULL: none), as a build
 * does: the checker, then the rules over each document's presentation
 * tree (links, contact details). */
static inline void tu_run_check(struct tu_run *r,
                                const struct check_options *opts)
{
	r->check_rc = check_documents(r->doc, r->n, opts, &r->d);
	r->public_edition = opts && opts->public_edition;
	if (r->check_rc == 0) {
		r->rules = rules_new(&r->d);
		assert_non_null(r->rules);
		for (size_t i = 0; i < r->n; i++) {
			if (r->doc[i]->kind == DOCUMENT_TRANSLATION)
				continue;
			struct arena *a = arena_new();
			struct pt_node *t = lower_document(r->doc[i], a);
			assert_non_null(t);
			if (rules_check(r->rules, t, 0) > 0)
				r->check_rc = -1;
			arena_free(a);
		}
	}
	fflush(r->out);
}

/* The presentation tree of document `which` (checked), as a build makes
 * it: lowered, and withheld for the public edition when checked so. */
static inline struct pt_node *tu_run_tree(struct tu_run *r, size_t which)
{
	if (r->a == NULL)
		r->a = arena_new();
	assert_non_null(r->a);
	r->tree = lower_document(r->doc[which], r->a);
	assert_non_null(r->tree);
	if (r->public_edition)
		assert_int_equal(rules_withhold(r->rules, r->tree, r->a), 0);
	return r->tree;
}

/* The HTML of document `which` (kept). */
static inline char *tu_run_html(struct tu_run *r, size_t which)
{
	char *html = NULL;
	size_t len = 0;
	assert_int_equal(html_render(tu_run_tree(r, which), NULL, NULL, NULL, NULL, &html,
	                             &len), 0);
	return tu_keep(html);
}

/* Parses the sources and checks them. */
static inline struct tu_run *tu_run_docs(size_t n, const char *const names[],
                                         const char *const texts[],
                                         const struct check_options *opts)
{
	struct tu_run *r = tu_run_parse(n, names, texts);
	tu_run_check(r, opts);
	return r;
}

static inline unsigned tu_errors(const struct tu_run *r)
{
	return r->d.count[DIAG_ERROR];
}

static inline unsigned tu_warnings(const struct tu_run *r)
{
	return r->d.count[DIAG_WARNING];
}

static inline unsigned tu_notes(const struct tu_run *r)
{
	return r->d.count[DIAG_NOTE];
}

/* The diagnostics, for failure messages. */
static inline const char *tu_diags(const struct tu_run *r)
{
	return r->diag && r->diag[0] ? r->diag : "(no diagnostics)\n";
}

static inline void tu_diag_key(char *buf, size_t size, const char *level,
                               const char *rule)
{
	if (rule != NULL)
		snprintf(buf, size, "\"level\":\"%s\",\"rule\":\"%s\"", level,
		         rule);
	else
		snprintf(buf, size, "\"level\":\"%s\",\"rule\":null", level);
}

/* How many diagnostics of this level and rule (NULL: a note) have needle
 * (NULL: anything) in their JSON line; messages escape quotes as \". */
static inline int tu_count_says(const struct tu_run *r, const char *level,
                                const char *rule, const char *needle)
{
	char key[160];
	tu_diag_key(key, sizeof key, level, rule);
	int n = 0;
	for (const char *l = r->diag; l && *l;) {
		const char *end = strchr(l, '\n');
		size_t len = end ? (size_t)(end - l) : strlen(l);
		char *line = strndup(l, len);
		assert_non_null(line);
		if (strstr(line, key) && (!needle || strstr(line, needle)))
			n++;
		free(line);
		l = end ? end + 1 : l + len;
	}
	return n;
}

static inline int tu_reports(const struct tu_run *r, const char *level,
                             const char *rule)
{
	return tu_count_says(r, level, rule, NULL) > 0;
}

static inline int tu_says(const struct tu_run *r, const char *level,
                          const char *rule, const char *needle)
{
	return tu_count_says(r, level, rule, needle) > 0;
}

/* Whether a diagnostic of this level and rule points at line:col. */
static inline int tu_reports_at(const struct tu_run *r, const char *level,
                                const char *rule, int line, int col)
{
	char want[96], key[160];
	snprintf(want, sizeof want, "\"line\":%d,\"column\":%d,", line, col);
	tu_diag_key(key, sizeof key, level, rule);
	char both[256];
	snprintf(both, sizeof both, "%s%s", want, key);
	return r->diag != NULL && strstr(r->diag, both) != NULL;
}

/* The 1-based column just after the first needle on line `line` of xml:
 * where an attribute's value starts when needle ends in `="`. */
static inline int tu_col_after(const char *xml, int line, const char *needle)
{
	const char *l = xml;
	for (int i = 1; i < line; i++) {
		l = strchr(l, '\n');
		assert_non_null(l);
		l++;
	}
	const char *end = strchr(l, '\n');
	const char *at = strstr(l, needle);
	assert_non_null(at);
	assert_true(end == NULL || at < end);
	return (int)(at - l) + (int)strlen(needle) + 1;
}

/* The column at which needle starts on line `line`. */
static inline int tu_col_of(const char *xml, int line, const char *needle)
{
	return tu_col_after(xml, line, needle) - (int)strlen(needle);
}

/* s with from replaced by to, kept. */
static inline char *tu_variant(const char *s, const char *from,
                               const char *to)
{
	return tu_keep(tu_replace(s, from, to));
}

/* Lays out document `which` (the documents must have checked without
 * errors) with the a4 style and the PDF backend's metrics. */
static inline void tu_run_layout(struct tu_run *r, size_t which)
{
	if (r->check_rc != 0)
		fail_msg("the test documents did not check:\n%s",
		         tu_diags(r));
	assert_int_equal(style_load(&r->st, "a4", "layouts", &r->d), 0);
	r->styled = 1;
	r->pm = font_set_open(&r->st, &r->d);
	assert_non_null(r->pm);
	r->m = font_set_metrics(r->pm);
	struct pt_node *tree = tu_run_tree(r, which);
	r->hy = hyph_new(NULL);
	assert_non_null(r->hy);
	r->ld = layout_document(tree, &r->st, r->m, r->hy, r->a);
	assert_non_null(r->ld);
	r->left = r->st.margin_left;
	r->right = r->ld->page_width - r->st.margin_right;
}

static inline int tu_text_is(const struct box *b, const char *s)
{
	return b->kind == BOX_TEXT && b->len == strlen(s) &&
	       memcmp(b->text, s, b->len) == 0;
}

static inline int tu_near(double a, double b)
{
	return a > b - TU_EPS && a < b + TU_EPS;
}

/* The first TEXT box that reads s exactly (NULL: none); *page gets its
 * page, 0 when there is none: cmocka's failures are not noreturn, so to the
 * compiler a caller may read it after asserting the box was found. */
static inline const struct box *tu_find_text(const struct tu_run *r,
                                             const char *s, size_t *page)
{
	if (page)
		*page = 0;
	for (size_t p = 0; p < r->ld->npages; p++)
		for (size_t i = 0; i < r->ld->pages[p].nboxes; i++)
			if (tu_text_is(&r->ld->pages[p].boxes[i], s)) {
				if (page)
					*page = p;
				return &r->ld->pages[p].boxes[i];
			}
	return NULL;
}

static inline size_t tu_count_text(const struct tu_run *r, const char *s)
{
	size_t n = 0;
	for (size_t p = 0; p < r->ld->npages; p++)
		for (size_t i = 0; i < r->ld->pages[p].nboxes; i++)
			if (tu_text_is(&r->ld->pages[p].boxes[i], s))
				n++;
	return n;
}

#endif
