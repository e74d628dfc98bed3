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

#include "check.h"
#include "diag.h"
#include "model.h"
#include "parse.h"
#include "source.h"

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

#endif
