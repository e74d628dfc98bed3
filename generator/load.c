/* load.c - linking documents: the inputs read and parsed, the forms and
 * translations they name found beside them (like a linker's search
 * path), everything checked, and the rules run over the presentation tree
 * of each document to be written. */
#include "mishto_int.h"
#include "arena.h"
#include "lower.h"
#include "parse.h"
#include "ptree.h"
#include "rules.h"
#include "source.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int mishto_add_input(struct mishto *m, struct source *src,
                            int is_output)
{
	if (m->nin == m->capin) {
		size_t n = m->capin ? m->capin * 2 : 16;
		struct mishto_input *v = realloc(m->in, n * sizeof *v);
		if (v == NULL)
			return -1;
		m->in = v;
		m->capin = n;
	}
	struct mishto_input *in = &m->in[m->nin++];
	in->src = src;
	in->is_output = is_output;
	in->doc = parse_document(src, m->schema, &m->diag);
	in->name = src->path;
	if (strcmp(src->path, SOURCE_STDIN) == 0) {
		snprintf(in->name_buf, sizeof in->name_buf, "%.70s",
		         in->doc && in->doc->id && *in->doc->id ? in->doc->id
		                                                : "stdin");
		in->name = in->name_buf;
	}
	return 0;
}

static int mishto_read(struct mishto *m, const char *path, int is_output)
{
	struct source *src = source_read(path);
	if (src == NULL) {
		int big = errno == EFBIG;
		struct loc l = {path, NULL, big, big};
		if (big)
			diag_report(&m->diag, DIAG_ERROR, &l, "xml-limit", "%s",
			            source_error(EFBIG));
		else
			diag_report(&m->diag, DIAG_ERROR, &l, "input",
			            "cannot read this file: %s",
			            source_error(errno));
		return big ? 1 : -1;
	}
	if (mishto_add_input(m, src, is_output) != 0) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		source_free(src);
		return -1;
	}
	return 0;
}

static int mishto_has_document(const struct mishto *m, const char *id)
{
	for (size_t i = 0; i < m->nin; i++)
		if (m->in[i].doc && m->in[i].doc->id &&
		    strcmp(m->in[i].doc->id, id) == 0)
			return 1;
	return 0;
}

static int mishto_is_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Like a linker's search path: the form a pledge or guidance names, when
 * not given, is ID.xml beside it or one folder up. */
/* The id of the document this one needs beside it: a pledge's or
 * guidance's form, what a translation translates; NULL for none. */
static const char *mishto_named_document(const struct document *doc)
{
	switch (doc->kind) {
	case DOCUMENT_PLEDGE: return doc->u.pledge.form_ref;
	case DOCUMENT_GUIDANCE: return doc->u.guidance.form_ref;
	case DOCUMENT_TRANSLATION: return doc->u.translation.of;
	default: return NULL;
	}
}

static void mishto_find_forms(struct mishto *m)
{
	for (size_t i = 0; i < m->nin; i++) {
		const struct document *doc = m->in[i].doc;
		if (doc == NULL)
			continue;
		const char *id = mishto_named_document(doc);
		if (id == NULL || strchr(id, '/') || strcmp(id, "..") == 0 ||
		    mishto_has_document(m, id))
			continue;
		const char *path = m->in[i].src->path;
		const char *slash = strrchr(path, '/');
		int dlen = slash ? (int)(slash - path) : 0;
		char cand[2][PATH_MAX];
		snprintf(cand[0], PATH_MAX, "%.*s%s%s.xml", dlen, path,
		         dlen ? "/" : "", id);
		snprintf(cand[1], PATH_MAX, "%.*s%s../%s.xml", dlen, path,
		         dlen ? "/" : "", id);
		for (int c = 0; c < 2; c++)
			if (mishto_is_file(cand[c])) {
				mishto_read(m, cand[c], 0);
				break;
			}
	}
}

/* A pledge signed on a version of its form other than the form now
 * finds that version kept beside the form: form-versions/ID/VERSION.xml
 * in the form's folder. */
static void mishto_find_kept_forms(struct mishto *m)
{
	for (size_t i = 0; i < m->nin; i++) {
		struct document *f = m->in[i].doc;
		if (f == NULL || f->kind != DOCUMENT_PLEDGE_FORM || f->id == NULL)
			continue;
		const char *path = m->in[i].src->path;
		const char *slash = strrchr(path, '/');
		int dlen = slash ? (int)(slash - path) : 0;
		char dir[PATH_MAX];
		struct stat sb;
		snprintf(dir, PATH_MAX, "%.*s%sform-versions/%s", dlen, path,
		         dlen ? "/" : "", f->id);
		f->u.form.has_kept = stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
	}
	for (size_t i = 0; i < m->nin; i++) {
		const struct document *doc = m->in[i].doc;
		if (doc == NULL || doc->kind != DOCUMENT_PLEDGE)
			continue;
		const char *v = doc->u.pledge.form_version;
		const char *id = doc->u.pledge.form_ref;
		if (v == NULL || id == NULL || strlen(v) != 12 ||
		    v[strspn(v, "0123456789abcdef")] != '\0')
			continue;
		const struct mishto_input *now = NULL;
		int have = 0;
		for (size_t k = 0; k < m->nin; k++) {
			const struct document *f = m->in[k].doc;
			if (f == NULL || f->kind != DOCUMENT_PLEDGE_FORM ||
			    f->id == NULL || strcmp(f->id, id) != 0)
				continue;
			if (strcmp(f->u.form.version, v) == 0)
				have = 1;
			if (!f->u.form.kept && now == NULL)
				now = &m->in[k];
		}
		if (have || now == NULL)
			continue;
		const char *path = now->src->path;
		const char *slash = strrchr(path, '/');
		int dlen = slash ? (int)(slash - path) : 0;
		char cand[PATH_MAX];
		snprintf(cand, PATH_MAX, "%.*s%sform-versions/%s/%s.xml", dlen,
		         path, dlen ? "/" : "", id, v);
		if (!mishto_is_file(cand) || mishto_read(m, cand, 0) != 0)
			continue;
		struct document *kept = m->in[m->nin - 1].doc;
		if (kept != NULL && kept->kind == DOCUMENT_PLEDGE_FORM)
			kept->u.form.kept = 1;
	}
}

const char *mishto_form_id(const struct document *doc)
{
	switch (doc->kind) {
	case DOCUMENT_PLEDGE: return doc->u.pledge.form_ref;
	case DOCUMENT_PLEDGE_FORM:
	case DOCUMENT_GUIDANCE:
	case DOCUMENT_ACTION_PLAN:
	case DOCUMENT_MINUTES: return doc->id;
	default: return NULL;
	}
}

struct document *mishto_translation(struct mishto *m, const char *id,
                                    const char *lang)
{
	for (size_t k = 0; k < m->nin; k++) {
		struct document *t = m->in[k].doc;
		if (t && t->kind == DOCUMENT_TRANSLATION &&
		    t->u.translation.of && t->lang && id && lang &&
		    strcmp(t->u.translation.of, id) == 0 &&
		    strcmp(t->lang, lang) == 0)
			return t;
	}
	return NULL;
}

const struct mishto_input *mishto_input_of(const struct mishto *m,
                                           const char *id)
{
	for (size_t k = 0; k < m->nin; k++)
		if (m->in[k].doc && m->in[k].doc->id && id &&
		    m->in[k].doc->kind != DOCUMENT_TRANSLATION &&
		    strcmp(m->in[k].doc->id, id) == 0)
			return &m->in[k];
	return NULL;
}

/* With --lang: the translation of document id into that language, as
 * translations/ID.LANG.xml in the folder of path or the folder above,
 * unless it is among the inputs already. */
static void mishto_find_translation(struct mishto *m, const char *path,
                                    const char *id)
{
	if (id == NULL || strchr(id, '/') || mishto_translation(m, id, m->lang))
		return;
	const char *slash = strrchr(path, '/');
	int dlen = slash ? (int)(slash - path) : 0;
	char cand[2][PATH_MAX];
	snprintf(cand[0], PATH_MAX, "%.*s%stranslations/%s.%s.xml", dlen, path,
	         dlen ? "/" : "", id, m->lang);
	snprintf(cand[1], PATH_MAX, "%.*s%s../translations/%s.%s.xml", dlen,
	         path, dlen ? "/" : "", id, m->lang);
	for (int c = 0; c < 2; c++)
		if (mishto_is_file(cand[c])) {
			mishto_read(m, cand[c], 0);
			return;
		}
}

static void mishto_find_translations(struct mishto *m)
{
	size_t n = m->nin;
	for (size_t i = 0; i < n; i++) {
		const struct document *doc = m->in[i].doc;
		if (doc == NULL || !m->in[i].is_output)
			continue;
		const char *path = m->in[i].src->path;
		mishto_find_translation(m, path, mishto_form_id(doc));
		/* guidance prints its form's action point titles too */
		if (doc->kind == DOCUMENT_GUIDANCE)
			mishto_find_translation(m, path,
			                        doc->u.guidance.form_ref);
	}
}

int mishto_load(struct mishto *m)
{
	/* compiled once a run (fingerprint of PDFs may have already) */
	if (m->schema == NULL)
		m->schema = parse_schema_load(&m->diag);
	if (m->schema == NULL)
		return MISHTO_EXIT_USAGE;
	int unreadable = 0, too_big = 0;
	for (int i = 0; i < m->nfiles; i++) {
		int rc = mishto_read(m, m->files[i], 1);
		if (rc < 0)
			unreadable = 1;
		else if (rc > 0)
			too_big = 1;
	}
	if (unreadable)
		return MISHTO_EXIT_USAGE;
	if (too_big)
		return MISHTO_EXIT_ERRORS;
	mishto_find_forms(m);
	mishto_find_kept_forms(m);
	if (m->lang != NULL)
		mishto_find_translations(m);
	/* A file that does not parse is left out, and the others are still
	 * checked, so that one run says every mistake; except those that
	 * name it (a pledge whose form has a schema error), whose errors
	 * would only follow from its. */
	size_t nfailed = 0;
	char **failed = calloc(m->nin + 1, sizeof *failed);
	struct document **docs = malloc((m->nin + 1) * sizeof *docs);
	if (docs == NULL || failed == NULL) {
		free(docs);
		free(failed);
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return MISHTO_EXIT_USAGE;
	}
	for (size_t i = 0; i < m->nin; i++)
		if (m->in[i].doc == NULL &&
		    (failed[nfailed] = parse_root_id(m->in[i].src)) != NULL)
			nfailed++;
	size_t ndocs = 0;
	int some_failed = 0;
	for (size_t i = 0; i < m->nin; i++) {
		struct document *doc = m->in[i].doc;
		if (doc == NULL) {
			some_failed = 1;
			continue;
		}
		const char *names = mishto_named_document(doc);
		int follows = 0;
		for (size_t k = 0; names && k < nfailed && !follows; k++)
			follows = strcmp(names, failed[k]) == 0;
		if (!follows)
			docs[ndocs++] = doc;
		else
			check_say_held(doc, &m->diag);
	}
	for (size_t k = 0; k < nfailed; k++)
		free(failed[k]);
	free(failed);
	if (ndocs > 0)
		check_documents(docs, ndocs, &m->check, &m->diag);
	free(docs);
	if (some_failed || diag_has_errors(&m->diag))
		return MISHTO_EXIT_ERRORS;
	/* the rules over words wherever they are printed: each document's
	 * presentation tree; a document that is written has them run over
	 * the tree of its edition as it is made (translated words
	 * included), so here only those that are not */
	m->rules = rules_new(&m->diag);
	if (m->rules == NULL)
		return MISHTO_EXIT_USAGE;
	int renders = strcmp(m->command, "build") == 0 || m->site;
	for (size_t i = 0; i < m->nin && !renders; i++) {
		const struct document *doc = m->in[i].doc;
		if (!m->in[i].is_output || doc->kind == DOCUMENT_TRANSLATION)
			continue;
		struct arena *a = arena_new();
		struct pt_node *tree = a ? lower_document(doc, a) : NULL;
		if (tree == NULL) {
			arena_free(a);
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory");
			return MISHTO_EXIT_USAGE;
		}
		rules_check(m->rules, tree, 0);
		arena_free(a);
	}
	return diag_has_errors(&m->diag) ? MISHTO_EXIT_ERRORS
	                                 : MISHTO_EXIT_OK;
}

/* ---------------------------------------------------------------- */

struct document *mishto_load_against(struct mishto *m,
                                     struct source **src)
{
	*src = source_read(m->against);
	if (*src == NULL) {
		struct loc l = {m->against, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "input",
		            "cannot read this file: %s", source_error(errno));
		return NULL;
	}
	struct document *doc = parse_document(*src, m->schema, &m->diag);
	if (doc == NULL)
		return NULL;
	if (doc->kind != DOCUMENT_ACTION_PLAN) {
		diag_report(&m->diag, DIAG_ERROR, &doc->loc, "report-input",
		            "--against takes an earlier version of the action"
		            " plan, not a %s", document_kind_name(doc->kind));
	} else if (check_documents(&doc, 1, &m->check, &m->diag) == 0) {
		return doc;
	}
	document_free(doc);
	return NULL;
}
