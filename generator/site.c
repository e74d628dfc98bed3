/* site.c - reports and the site: the register of signatories and a
 * plan's progress report, made from checked documents and rendered like
 * them, and a site of every document with its reports and an index page. */
#include "mishto_int.h"
#include "arena.h"
#include "html.h"
#include "lower.h"
#include "parse.h"
#include "ptree.h"
#include "report.h"
#include "rules.h"
#include "source.h"

#include <stdlib.h>
#include <string.h>

int mishto_report(struct mishto *m, struct font_set *fonts,
                  const struct style *st, const char *css,
                  struct mishto_staged *staged, int *rc)
{
	struct document **docs = malloc((m->nin + 1) * sizeof *docs);
	if (docs == NULL) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < m->nin; i++)
		if (m->in[i].is_output)
			docs[n++] = m->in[i].doc;
	struct document *rep = NULL, *before = NULL;
	struct source *before_src = NULL;
	char *name = NULL;
	if (strcmp(m->report, "signatories") == 0) {
		rep = report_signatories(docs, n, &m->check.as_of, &m->diag);
	} else if (n != 1 || docs[0]->kind != DOCUMENT_ACTION_PLAN) {
		diag_report(&m->diag, DIAG_ERROR, n ? &docs[n - 1]->loc : NULL,
		            "report-input", "report progress takes one action "
		            "plan (and --against its earlier version)");
	} else if (m->against != NULL &&
	           (before = mishto_load_against(m, &before_src)) != NULL &&
	           strcmp(before->id, docs[0]->id) != 0) {
		/* changes between two different plans would be nonsense */
		diag_report(&m->diag, DIAG_ERROR, &before->loc, "report-input",
		            "--against takes an earlier version of plan \"%s\","
		            " but this is plan \"%s\"", docs[0]->id,
		            before->id);
		diag_report(&m->diag, DIAG_NOTE, &docs[0]->loc, "report-input",
		            "the plan reported on is here");
	} else if (m->against == NULL || before != NULL) {
		rep = report_progress(docs[0], before, &m->check.as_of,
		                      &m->diag);
		name = mishto_output_path(m, m->in[0].name, "-progress");
	}
	free(docs);
	int r = -1;
	if (rep == NULL) {
		if (!diag_environment_failed(&m->diag))
			*rc = MISHTO_EXIT_ERRORS;
	} else if (name == NULL && strcmp(m->report, "signatories") != 0) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
	} else {
		struct mishto_edition ed = mishto_plain(rep);
		r = mishto_render(m, &ed, name ? name : m->report, fonts, st,
		                  css, staged, NULL);
	}
	free(name);
	document_free(rep);
	document_free(before);
	source_free(before_src);
	return r;
}

/* Where a document is listed on a site's index, in the index's order. */
static int mishto_site_group(enum document_kind kind, const char **name)
{
	static const char *const groups[] = {
	    "The pledge", "Signed pledges", "Guidance", "Action plans",
	    "Minutes", "Reports"};
	int g = kind == DOCUMENT_PLEDGE_FORM ? 0 : kind == DOCUMENT_PLEDGE ? 1
	        : kind == DOCUMENT_GUIDANCE ? 2 : kind == DOCUMENT_ACTION_PLAN
	        ? 3 : kind == DOCUMENT_MINUTES ? 4 : 5;
	*name = groups[g];
	return g;
}

struct mishto_site_entry {
	struct lower_site_entry e;
	int rank;
	char *name;               /* owned */
	char *title;              /* owned */
};

/* By group, then by file name: a document's editions in other languages
 * (NAME.LANG) come right after it. */
static int mishto_site_order(const void *x, const void *y)
{
	const struct mishto_site_entry *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return strcmp(a->name, b->name);
}

/* NAME of a source path: its file name without .xml (malloc'd). */
static char *mishto_base_name(const char *path, const char *suffix)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	size_t len = n + strlen(suffix) + 1;
	char *s = malloc(len);
	if (s != NULL)
		snprintf(s, len, "%.*s%s", (int)n, base, suffix);
	return s;
}

/* The index page: lowered like a document and written by the HTML
 * writer, listing each entry under the title its own edition has. */
static int mishto_site_index(struct mishto *m, struct mishto_site_entry *v,
                             size_t n, const struct style *st,
                             const char *css, struct mishto_staged *staged)
{
	struct lower_site_entry *list = malloc((n + 1) * sizeof *list);
	struct arena *a = arena_new();
	int r = -1;
	if (list == NULL || a == NULL)
		goto done;
	for (size_t i = 0; i < n; i++) {
		list[i] = v[i].e;
		list[i].name = v[i].name;
		list[i].title = v[i].title;
	}
	struct pt_node *tree = lower_site_index("The Mishto campaign: "
	                                        "documents", "en", list, n, a);
	char *html;
	size_t len;
	if (tree == NULL ||
	    (m->check.public_edition &&
	     rules_withhold(m->rules, tree, a) != 0) ||
	    html_render(tree, css, NULL, st, &html, &len) != 0)
		goto done;
	r = mishto_stage(m, staged, "index", ".html", html, len);
	free(html);
	arena_free(a);
	free(list);
	return r;
done:
	diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory while making the site");
	arena_free(a);
	free(list);
	return r;
}

int mishto_site(struct mishto *m, struct font_set *fonts,
                const struct style *st, const char *css,
                struct mishto_staged *staged, int *rc)
{
	struct mishto_site_entry *v = calloc(2 * m->nin + 1, sizeof *v);
	struct document **docs = malloc((m->nin + 1) * sizeof *docs);
	size_t n = 0, ndocs = 0, npledges = 0;
	int r = -1;
	if (v == NULL || docs == NULL)
		goto oom;
	m->formats = FORMAT_PDF | FORMAT_HTML;
	for (size_t i = 0; i < m->nin; i++) {
		if (!m->in[i].is_output)
			continue;
		struct document *doc = m->in[i].doc;
		docs[ndocs++] = doc;
		npledges += doc->kind == DOCUMENT_PLEDGE;
		struct mishto_site_entry *e = &v[n++];
		if (mishto_render_input(m, &m->in[i], fonts, st, css, staged,
		                        &e->title) != 0)
			goto done;
		e->name = mishto_base_name(m->in[i].name, "");
		if (doc->kind == DOCUMENT_TRANSLATION) {
			/* the translated edition of a form, listed with it */
			e->rank = mishto_site_group(DOCUMENT_PLEDGE_FORM,
			                            &e->e.group);
			e->e.lang = doc->lang;
		} else {
			e->rank = mishto_site_group(doc->kind, &e->e.group);
		}
		if (e->name == NULL)
			goto oom;
		if (doc->kind != DOCUMENT_ACTION_PLAN)
			continue;
		struct document *rep = report_progress(doc, NULL,
		                                       &m->check.as_of,
		                                       &m->diag);
		if (rep == NULL) {
			if (!diag_environment_failed(&m->diag))
				*rc = MISHTO_EXIT_ERRORS;
			goto done;
		}
		e = &v[n++];
		e->rank = mishto_site_group(DOCUMENT_PROGRESS, &e->e.group);
		e->name = mishto_base_name(m->in[i].name, "-progress");
		/* its own title ("Progress: PLAN") */
		struct mishto_edition ed = mishto_plain(rep);
		int failed = e->name == NULL ||
		             mishto_render(m, &ed, e->name, fonts, st, css,
		                           staged, &e->title) != 0;
		document_free(rep);
		if (failed)
			goto done;
	}
	if (npledges > 0) {
		struct document *rep = report_signatories(docs, ndocs,
		                                          &m->check.as_of,
		                                          &m->diag);
		if (rep == NULL) {
			if (!diag_environment_failed(&m->diag))
				*rc = MISHTO_EXIT_ERRORS;
			goto done;
		}
		m->formats |= FORMAT_CSV;
		struct mishto_edition ed = mishto_plain(rep);
		int failed = mishto_render(m, &ed, "signatories", fonts, st, css,
		                           staged, NULL);
		m->formats &= ~(unsigned)FORMAT_CSV;
		document_free(rep);
		struct mishto_site_entry *e = &v[n++];
		e->rank = mishto_site_group(DOCUMENT_SIGNATORIES, &e->e.group);
		e->name = mishto_base_name("signatories", "");
		e->title = mishto_base_name("Signatories of the pledge", "");
		e->e.has_csv = 1;
		if (failed || e->name == NULL || e->title == NULL)
			goto done;
	}
	qsort(v, n, sizeof *v, mishto_site_order);
	r = mishto_site_index(m, v, n, st, css, staged);
	goto done;
oom:
	diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory while making the site");
done:
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].name);
		free(v[i].title);
	}
	free(v);
	free(docs);
	return r;
}
