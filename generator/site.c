/* site.c - reports and the site: the register of signatories and a
 * plan's progress report, made from checked documents and rendered like
 * them, and a site of every document with its reports and an index page. */
#include "mishto_int.h"
#include "arena.h"
#include "font.h"
#include "html.h"
#include "lower.h"
#include "parse.h"
#include "ptree.h"
#include "report.h"
#include "rules.h"
#include "source.h"
#include "style.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

/* The language a page is in, in its own words, for the links between
 * a document's editions (a reader of Romanian looks for "Română"). */
static const char *mishto_language_name(const char *lang)
{
	static const char *const names[][2] = {
	    {"en", "English"}, {"ro", "Română"}, {"bg", "Български"},
	    {"sk", "Slovenčina"}, {"pl", "Polski"}, {"cs", "Čeština"},
	    {"hu", "Magyar"}, {"de", "Deutsch"}, {"fr", "Français"},
	    {"es", "Español"}, {"it", "Italiano"}, {"pt", "Português"},
	    {"lt", "Lietuvių"}, {"lv", "Latviešu"}, {"uk", "Українська"},
	    {"ru", "Русский"}, {"rom", "Romani"}};
	size_t n = strcspn(lang ? lang : "", "-_");
	for (size_t i = 0; lang && i < sizeof names / sizeof *names; i++)
		if (strlen(names[i][0]) == n &&
		    strncasecmp(lang, names[i][0], n) == 0)
			return names[i][1];
	return lang ? lang : "";
}

/* The latest day a document's content speaks of as past: a pledge's
 * signing, a meeting, a plan's latest progress update. Read from the
 * sources, so a build on another day says the same. */
static int mishto_plan_latest(const struct plan_action *a, struct mdate *d)
{
	int found = 0;
	for (; a != NULL; a = a->next) {
		for (const struct plan_update *u = a->updates; u; u = u->next)
			if (u->date.valid && u->date.last.valid &&
			    (!d->valid || mdate_days(&u->date.last) >
			                  mdate_days(d))) {
				*d = u->date.last;
				found = 1;
			}
		found |= mishto_plan_latest(a->children, d);
	}
	return found;
}

static struct mdate mishto_content_date(const struct document *doc)
{
	struct mdate d;
	memset(&d, 0, sizeof d);
	if (doc->kind == DOCUMENT_PLEDGE && doc->u.pledge.signed_on.valid)
		d = doc->u.pledge.signed_on;
	else if (doc->kind == DOCUMENT_MINUTES &&
	         doc->u.minutes.meeting.date.valid)
		d = doc->u.minutes.meeting.date;
	else if (doc->kind == DOCUMENT_ACTION_PLAN)
		for (const struct plan_goal *g = doc->u.plan.goals; g; g = g->next)
			for (const struct plan_area *ar = g->areas; ar; ar = ar->next)
				mishto_plan_latest(ar->actions, &d);
	return d;
}

static void mishto_say_date(char *buf, size_t size, const char *what,
                            const struct mdate *d)
{
	static const char *const months[] = {
	    "January", "February", "March", "April", "May", "June", "July",
	    "August", "September", "October", "November", "December"};
	if (d->valid && d->m >= 1 && d->m <= 12)
		snprintf(buf, size, "%s %d %s %d", what, d->d, months[d->m - 1],
		         d->y);
	else
		buf[0] = '\0';
}

/* A page's navigation, its first link home. */
static void mishto_nav_start(struct html_nav *nav, const char *home_text)
{
	memset(nav, 0, sizeof *nav);
	nav->home = "index.html";
	nav->home_text = home_text;
}

/* The index page: lowered like a document and written by the HTML
 * writer, listing each entry under the title its own edition has. */
static int mishto_site_index(struct mishto *m, struct mishto_site_entry *v,
                             size_t n, const char *dated,
                             const struct style *st, const char *css,
                             struct mishto_staged *staged)
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
	                                        "documents", "en",
	                                        *dated ? dated : NULL, list, n,
	                                        a);
	char *html;
	size_t len;
	if (tree == NULL ||
	    (m->check.public_edition &&
	     rules_withhold(m->rules, tree, a) != 0) ||
	    html_render(tree, css, NULL, st, NULL, &html, &len) != 0)
		goto done;
	r = mishto_stage(m, staged, "index", ".html", html, len);
	free(html);
	if (r != 0)
		goto out;
	/* the page a server gives for an address it has not got */
	tree = lower_site_notice("Page not found", "en", "There is no page at "
	                         "this address. Every document of the "
	                         "campaign is listed on the home page.", a);
	struct html_nav nav;
	mishto_nav_start(&nav, "All documents (home page)");
	if (tree == NULL ||
	    html_render(tree, css, NULL, st, &nav, &html, &len) != 0) {
		r = -1;
		goto done;
	}
	r = mishto_stage(m, staged, "404", ".html", html, len);
	free(html);
out:
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

/* What changed since the site in m->since was published: each page of
 * this site new or changed (its HTML differs, which it does when its
 * words or its PDF do), and the pages that are gone; listed on
 * changes.html, which the index links. Entries are added to v. */
static int mishto_site_changes(struct mishto *m, struct mishto_site_entry *v,
                               size_t *n, const struct style *st,
                               const char *css,
                               struct mishto_staged *staged)
{
	struct lower_site_entry *list = malloc((*n + 1) * sizeof *list);
	struct arena *a = arena_new();
	size_t k = 0;
	int r = -1;
	if (list == NULL || a == NULL)
		goto done;
	for (size_t i = 0; i < *n; i++) {
		char page[PATH_MAX];
		snprintf(page, sizeof page, "%s.html", v[i].name);
		const char *tmp = NULL;
		for (size_t s = 0; s < staged->n && tmp == NULL; s++) {
			const char *b = strrchr(staged->v[s].path, '/');
			b = b ? b + 1 : staged->v[s].path;
			if (strcmp(b, page) == 0)
				tmp = staged->v[s].tmp;
		}
		char old[PATH_MAX];
		int w = snprintf(old, sizeof old, "%s/%s", m->since, page);
		char *was = w > 0 && (size_t)w < sizeof old
		            ? mishto_read_text(old) : NULL;
		char *now = tmp ? mishto_read_text(tmp) : NULL;
		if (now != NULL && (was == NULL || strcmp(was, now) != 0)) {
			list[k] = v[i].e;
			list[k].name = v[i].name;
			list[k].title = v[i].title;
			list[k].group = was ? "Changed" : "New";
			list[k].no_pdf = 1;
			list[k].large_print = list[k].has_csv = 0;
			k++;
		}
		free(was);
		free(now);
	}
	/* new before changed, each in the index's order */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && strcmp(list[j - 1].group, "New") != 0 &&
		                   strcmp(list[j].group, "New") == 0; j--) {
			struct lower_site_entry t = list[j];
			list[j] = list[j - 1];
			list[j - 1] = t;
		}
	/* the pages no longer published */
	char gone[2048] = "";
	size_t ngone = 0, at = 0;
	DIR *dir = opendir(m->since);
	struct dirent *de;
	char **names = NULL;
	while (dir && (de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".html") != 0 ||
		    strcmp(de->d_name, "index.html") == 0 ||
		    strcmp(de->d_name, "404.html") == 0 ||
		    strcmp(de->d_name, "changes.html") == 0)
			continue;
		int here = 0;
		for (size_t i = 0; i < *n && !here; i++)
			here = strlen(v[i].name) == len - 5 &&
			       strncmp(v[i].name, de->d_name, len - 5) == 0;
		char **nn = here ? NULL : realloc(names, (ngone + 1) * sizeof *nn);
		if (nn != NULL && (nn[ngone] = strdup(de->d_name)) != NULL)
			names = nn, ngone++;
		else if (nn != NULL)
			names = nn;
	}
	if (dir)
		closedir(dir);
	if (ngone > 1)
		qsort(names, ngone, sizeof *names, mishto_by_string);
	for (size_t i = 0; i < ngone; i++) {
		int w = snprintf(gone + at, sizeof gone - at, "%s%s",
		                 i ? ", " : "No longer published: ", names[i]);
		if (w > 0 && (size_t)w < sizeof gone - at)
			at += (size_t)w;
		free(names[i]);
	}
	free(names);
	if (at > 0 && at + 1 < sizeof gone)
		strcat(gone, ".");
	const char *intro = at > 0 ? gone : k == 0 ? "Nothing has changed "
	                    "since the site was last published." : NULL;
	struct pt_node *tree = lower_site_index(
	    "What changed since the last publication", "en", intro, list, k, a);
	struct html_nav nav;
	mishto_nav_start(&nav, "All documents");
	char *html;
	size_t len;
	if (tree == NULL ||
	    (m->check.public_edition &&
	     rules_withhold(m->rules, tree, a) != 0) ||
	    html_render(tree, css, NULL, st, &nav, &html, &len) != 0)
		goto done;
	r = mishto_stage(m, staged, "changes", ".html", html, len);
	free(html);
	if (r == 0) {
		struct mishto_site_entry *e = &v[(*n)++];
		memset(e, 0, sizeof *e);
		e->rank = 6;
		e->e.group = "Changes";
		e->e.no_pdf = 1;
		e->name = mishto_base_name("changes", "");
		e->title = mishto_base_name("What changed since the last "
		                            "publication", "");
		if (e->name == NULL || e->title == NULL)
			r = -1;
	}
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

/* What the site knows of its documents before it makes their pages, for
 * the links between them. */
struct mishto_site_doc {
	const struct mishto_input *in;
	const struct document *doc;
	char *name;                 /* NAME of its pages (owned) */
	struct mdate date;          /* of its content (mishto_content_date) */
};

static const struct mishto_site_doc *mishto_site_find(
    const struct mishto_site_doc *d, size_t n, const char *id,
    enum document_kind kind)
{
	for (size_t i = 0; id && i < n; i++)
		if (d[i].doc->kind == kind && d[i].doc->id &&
		    strcmp(d[i].doc->id, id) == 0)
			return &d[i];
	return NULL;
}

static void mishto_nav_add(struct html_nav *nav, struct arena *a,
                           const char *name, const char *ext,
                           const char *text, const char *lang)
{
	if (nav->nlinks == sizeof nav->links / sizeof *nav->links)
		return;
	char *href = lower_file_href(a, name, ext);
	if (href == NULL)
		return;
	nav->links[nav->nlinks++] = (struct html_link){href, text, lang};
}

/* A page's links to its document's other editions and to the documents
 * it belongs with. */
static void mishto_site_links(struct html_nav *nav, struct arena *a,
                              const struct mishto_site_doc *d, size_t n,
                              const struct mishto_site_doc *self,
                              int has_register)
{
	const struct document *doc = self->doc;
	/* a form and its translations: each links to the others */
	const char *form_id = doc->kind == DOCUMENT_PLEDGE_FORM ? doc->id
	                      : doc->kind == DOCUMENT_TRANSLATION
	                      ? doc->u.translation.of : NULL;
	const struct mishto_site_doc *form =
	    mishto_site_find(d, n, form_id, DOCUMENT_PLEDGE_FORM);
	if (form != NULL) {
		if (form != self)
			mishto_nav_add(nav, a, form->name, "html",
			               mishto_language_name(form->doc->lang),
			               form->doc->lang);
		for (size_t i = 0; i < n; i++)
			if (&d[i] != self && d[i].doc->kind == DOCUMENT_TRANSLATION &&
			    d[i].doc->u.translation.of &&
			    strcmp(d[i].doc->u.translation.of, form_id) == 0)
				mishto_nav_add(nav, a, d[i].name, "html",
				               mishto_language_name(d[i].doc->lang),
				               d[i].doc->lang);
	}
	const struct document *signed_on =
	    doc->kind == DOCUMENT_PLEDGE ? doc->u.pledge.form
	    : doc->kind == DOCUMENT_GUIDANCE ? doc->u.guidance.form : NULL;
	const struct mishto_site_doc *f = mishto_site_find(
	    d, n, signed_on ? signed_on->id : NULL, DOCUMENT_PLEDGE_FORM);
	if (f != NULL)
		mishto_nav_add(nav, a, f->name, "html",
		               doc->kind == DOCUMENT_PLEDGE
		               ? "The pledge form it was signed on"
		               : "The pledge form it is guidance for", NULL);
	if (doc->kind == DOCUMENT_PLEDGE && has_register)
		mishto_nav_add(nav, a, "signatories", "html",
		               "Signatories of the pledge", NULL);
	if (doc->kind == DOCUMENT_ACTION_PLAN) {
		char progress[300];
		snprintf(progress, sizeof progress, "%s-progress", self->name);
		mishto_nav_add(nav, a, progress, "html", "Progress report",
		               NULL);
	}
}

/* Large print is made of what people read and sign: the form, signed
 * pledges, guidance and minutes (as make large-print does). */
static int mishto_site_large_print(const struct document *doc)
{
	return doc->kind == DOCUMENT_PLEDGE_FORM ||
	       doc->kind == DOCUMENT_PLEDGE || doc->kind == DOCUMENT_GUIDANCE ||
	       doc->kind == DOCUMENT_MINUTES;
}

int mishto_site(struct mishto *m, struct font_set *fonts,
                const struct style *st, const char *css,
                struct mishto_staged *staged, int *rc)
{
	struct mishto_site_entry *v = calloc(2 * m->nin + 2, sizeof *v);
	struct mishto_site_doc *d = calloc(m->nin + 1, sizeof *d);
	struct document **docs = malloc((m->nin + 1) * sizeof *docs);
	struct arena *a = arena_new();
	struct style lp;
	memset(&lp, 0, sizeof lp);
	struct font_set *lp_fonts = NULL;
	size_t n = 0, ndocs = 0, npledges = 0;
	int r = -1;
	if (v == NULL || d == NULL || docs == NULL || a == NULL)
		goto oom;
	/* the large-print layout, with its own fonts only if they differ */
	char dir[PATH_MAX];
	mishto_layout_dir(dir, sizeof dir);
	if (style_load(&lp, "large-print", dir, &m->diag) != 0)
		goto done;
	int same_fonts = 1;
	for (int k = 0; k < FACE_COUNT; k++)
		same_fonts &= strcmp(lp.font[k], st->font[k]) == 0;
	if (!same_fonts &&
	    (font_find(&lp, &m->diag) != 0 ||
	     (lp_fonts = font_set_open(&lp, &m->diag)) == NULL))
		goto done;
	struct mdate latest;
	memset(&latest, 0, sizeof latest);
	for (size_t i = 0; i < m->nin; i++) {
		if (!m->in[i].is_output)
			continue;
		struct document *doc = m->in[i].doc;
		docs[ndocs] = doc;
		d[ndocs].in = &m->in[i];
		d[ndocs].doc = doc;
		d[ndocs].name = mishto_base_name(m->in[i].name, "");
		if (d[ndocs].name == NULL)
			goto oom;
		ndocs++;
		npledges += doc->kind == DOCUMENT_PLEDGE;
		struct mdate cd = mishto_content_date(doc);
		d[ndocs - 1].date = cd;
		if (cd.valid && (!latest.valid ||
		                 mdate_days(&cd) > mdate_days(&latest)))
			latest = cd;
	}
	char site_dated[64];
	if (m->have_epoch) {
		struct mdate e;
		memset(&e, 0, sizeof e);
		struct tm tm;
		if (gmtime_r(&m->epoch, &tm) != NULL) {
			e.y = tm.tm_year + 1900;
			e.m = tm.tm_mon + 1;
			e.d = tm.tm_mday;
			e.valid = 1;
		}
		mishto_say_date(site_dated, sizeof site_dated, "Updated", &e);
	} else {
		mishto_say_date(site_dated, sizeof site_dated,
		                "Content as of", &latest);
	}
	m->formats = FORMAT_PDF | FORMAT_HTML;
	for (size_t i = 0; i < ndocs; i++) {
		struct document *doc = docs[i];
		const struct mishto_input *in = d[i].in;
		struct mishto_site_entry *e = &v[n++];
		struct html_nav nav;
		mishto_nav_start(&nav, "All documents");
		nav.pdf = lower_file_href(a, d[i].name, "pdf");
		if (nav.pdf == NULL)
			goto oom;
		if (mishto_site_large_print(doc)) {
			const char *layout = m->layout;
			m->layout = "large-print";
			m->formats = FORMAT_PDF;
			int failed = mishto_render_input(m, in,
			                                 lp_fonts ? lp_fonts : fonts,
			                                 &lp, css, staged, NULL);
			m->layout = layout;
			m->formats = FORMAT_PDF | FORMAT_HTML;
			if (failed)
				goto done;
			e->e.large_print = 1;
			e->e.large_print_bytes = nav.large_print_bytes =
			    m->last_pdf_bytes;
			e->e.large_print_pages = nav.large_print_pages =
			    m->last_pdf_pages;
			nav.large_print = lower_file_href(a, d[i].name,
			                                  "large-print.pdf");
		}
		mishto_site_links(&nav, a, d, ndocs, &d[i], npledges > 0);
		char dated[64];
		mishto_say_date(dated, sizeof dated, "Dated", &d[i].date);
		nav.dated = *dated ? dated : NULL;
		m->nav = &nav;
		int failed = mishto_render_input(m, in, fonts, st, css, staged,
		                                 &e->title);
		m->nav = NULL;
		if (failed)
			goto done;
		e->e.pdf_bytes = m->last_pdf_bytes;
		e->e.pdf_pages = m->last_pdf_pages;
		e->name = mishto_base_name(in->name, "");
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
		e->name = mishto_base_name(in->name, "-progress");
		mishto_nav_start(&nav, "All documents");
		nav.pdf = e->name ? lower_file_href(a, e->name, "pdf") : NULL;
		mishto_nav_add(&nav, a, d[i].name, "html", "The action plan",
		               NULL);
		nav.dated = *dated ? dated : NULL;
		/* its own title ("Progress: PLAN") */
		struct mishto_edition ed = mishto_plain(rep);
		m->nav = &nav;
		failed = e->name == NULL || nav.pdf == NULL ||
		         mishto_render(m, &ed, e->name, fonts, st, css,
		                       staged, &e->title) != 0;
		m->nav = NULL;
		e->e.pdf_bytes = m->last_pdf_bytes;
		e->e.pdf_pages = m->last_pdf_pages;
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
		struct html_nav nav;
		mishto_nav_start(&nav, "All documents");
		nav.pdf = lower_file_href(a, "signatories", "pdf");
		mishto_nav_add(&nav, a, "signatories", "csv",
		               "The register as a spreadsheet (CSV)", NULL);
		/* the content's date, not the build's: a page changes only
		 * when its content does (--since compares pages) */
		char reg_dated[64];
		mishto_say_date(reg_dated, sizeof reg_dated, "Content as of",
		                &latest);
		nav.dated = *reg_dated ? reg_dated : NULL;
		m->formats |= FORMAT_CSV;
		struct mishto_edition ed = mishto_plain(rep);
		m->nav = &nav;
		int failed = nav.pdf == NULL ||
		             mishto_render(m, &ed, "signatories", fonts, st, css,
		                           staged, NULL);
		m->nav = NULL;
		m->formats &= ~(unsigned)FORMAT_CSV;
		document_free(rep);
		struct mishto_site_entry *e = &v[n++];
		e->rank = mishto_site_group(DOCUMENT_SIGNATORIES, &e->e.group);
		e->name = mishto_base_name("signatories", "");
		e->title = mishto_base_name("Signatories of the pledge", "");
		e->e.has_csv = 1;
		e->e.pdf_bytes = m->last_pdf_bytes;
		e->e.pdf_pages = m->last_pdf_pages;
		if (failed || e->name == NULL || e->title == NULL)
			goto done;
	}
	qsort(v, n, sizeof *v, mishto_site_order);
	if (m->since != NULL &&
	    mishto_site_changes(m, v, &n, st, css, staged) != 0)
		goto done;
	r = mishto_site_index(m, v, n, site_dated, st, css, staged);
	goto done;
oom:
	diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory while making the site");
done:
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].name);
		free(v[i].title);
	}
	for (size_t i = 0; d != NULL && i < ndocs; i++)
		free(d[i].name);
	free(v);
	free(d);
	free(docs);
	arena_free(a);
	font_set_close(lp_fonts);
	style_free(&lp);
	m->nav = NULL;
	return r;
}
