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
#include "check.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A new input at the end of the list, zeroed; NULL when out of memory. */
static struct mishto_input *mishto_new_input(struct mishto *m)
{
	if (m->nin == m->capin) {
		size_t n = m->capin ? m->capin * 2 : 16;
		struct mishto_input *v = realloc(m->in, n * sizeof *v);
		if (v == NULL)
			return NULL;
		m->in = v;
		m->capin = n;
	}
	struct mishto_input *in = &m->in[m->nin++];
	memset(in, 0, sizeof *in);
	return in;
}

static int mishto_add_input(struct mishto *m, struct source *src,
                            int is_output)
{
	struct mishto_input *in = mishto_new_input(m);
	if (in == NULL)
		return -1;
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

static void mishto_find_forms(struct mishto *m, size_t from, size_t to)
{
	/* a batch of pledges names one form: looked for once */
	const char *known = NULL;
	for (size_t i = from; i < to && i < m->nin; i++) {
		const struct document *doc = m->in[i].doc;
		if (doc == NULL)
			continue;
		const char *id = mishto_named_document(doc);
		if (id == NULL || strchr(id, '/') || strcmp(id, "..") == 0 ||
		    (known && strcmp(known, id) == 0))
			continue;
		if (mishto_has_document(m, id)) {
			known = id;
			continue;
		}
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
static void mishto_find_kept_forms(struct mishto *m, size_t from,
                                   size_t to)
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
	/* a batch of pledges signed on one version: looked for once */
	const char *done_id = NULL, *done_v = NULL;
	for (size_t i = from; i < to && i < m->nin; i++) {
		const struct document *doc = m->in[i].doc;
		if (doc == NULL || doc->kind != DOCUMENT_PLEDGE)
			continue;
		const char *v = doc->u.pledge.form_version;
		const char *id = doc->u.pledge.form_ref;
		if (v == NULL || id == NULL || strlen(v) != 12 ||
		    v[strspn(v, "0123456789abcdef")] != '\0' ||
		    (done_id && strcmp(done_id, id) == 0 &&
		     strcmp(done_v, v) == 0))
			continue;
		done_id = id;
		done_v = v;
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

/* ---- a large batch of signed pledges ----
 *
 * A run of more than MISHTO_PLEDGE_PART signed pledges (build) does not
 * hold them all: they are read, checked and let go a part at a time,
 * against the forms and other documents checked first (and every id seen
 * so far), then each is read and checked again, silently, when it is
 * written, and let go once its outputs are staged. Memory stays that of
 * a part, however many pledges; reading a pledge three times costs a
 * few per cent of writing it. A smaller run is read as it always was. */

#define MISHTO_PLEDGE_PART 256

/* Whether the document's root element is a signed pledge (its name,
 * whatever its prefix), read from the text without parsing it: which
 * files of a batch are pledges, before any is parsed. */
static int mishto_peek_pledge(const struct source *src)
{
	const char *s = src->text, *end = src->text + src->len;
	if (end - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' ||
		                   *s == '\n'))
			s++;
		if (s >= end || *s != '<')
			return 0;
		const char *close = NULL;
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0)
			close = "-->";
		else if (end - s >= 2 && s[1] == '?')
			close = "?>";
		else if (end - s >= 2 && s[1] == '!')
			return 0;    /* a DOCTYPE: parsed as any other */
		if (close == NULL) {
			const char *n = ++s;
			while (s < end && *s != ' ' && *s != '\t' && *s != '\r' &&
			       *s != '\n' && *s != '>' && *s != '/')
				s++;
			const char *colon = memchr(n, ':', (size_t)(s - n));
			if (colon != NULL)
				n = colon + 1;
			return s - n == 6 && memcmp(n, "pledge", 6) == 0;
		}
		const char *e = NULL;
		for (const char *p = s; p + strlen(close) <= end && !e; p++)
			if (memcmp(p, close, strlen(close)) == 0)
				e = p;
		if (e == NULL)
			return 0;
		s = e + strlen(close);
	}
	return 0;
}

/* Which files are pledges, when a build has more than a part of them:
 * a flag for each file, and the sources read to tell (srcs[i], NULL
 * where a file could not be read: read again, to say why); NULL when
 * the build is not such a batch (every source let go). */
static unsigned char *mishto_batch_pledges(struct mishto *m,
                                           struct source ***srcs)
{
	*srcs = NULL;
	if (strcmp(m->command, "build") != 0 || m->site || m->report != NULL ||
	    m->nfiles <= MISHTO_PLEDGE_PART)
		return NULL;
	unsigned char *is = calloc((size_t)m->nfiles, 1);
	struct source **v = calloc((size_t)m->nfiles, sizeof *v);
	if (is == NULL || v == NULL) {
		free(is);
		free(v);
		return NULL;
	}
	int n = 0;
	for (int i = 0; i < m->nfiles; i++) {
		if (strcmp(m->files[i], "-") == 0)
			continue;    /* standard input is read once, later */
		v[i] = source_read(m->files[i]);
		if (v[i] != NULL && mishto_peek_pledge(v[i])) {
			is[i] = 1;
			n++;
		}
	}
	if (n <= MISHTO_PLEDGE_PART) {
		for (int i = 0; i < m->nfiles; i++)
			source_free(v[i]);
		free(v);
		free(is);
		return NULL;
	}
	*srcs = v;
	return is;
}

/* A pledge of a large batch: its source kept (a kilobyte or two), its
 * model not made until its part is checked. */
static int mishto_defer(struct mishto *m, const char *path,
                        struct source *src)
{
	char *copy = strdup(path);
	struct mishto_input *in = copy ? mishto_new_input(m) : NULL;
	if (in == NULL) {
		free(copy);
		return -1;
	}
	in->path = copy;
	in->src = src;
	in->is_output = 1;
	in->deferred = 1;
	in->name = in->path;
	return 0;
}

/* Reads and parses a deferred pledge into its input, saying its
 * mistakes to d; -1 when it cannot be read (said). */
static int mishto_take(struct mishto *m, struct mishto_input *in,
                       struct diag *d)
{
	if (in->src == NULL)
		in->src = source_read(in->path);
	if (in->src == NULL) {
		int big = errno == EFBIG;
		struct loc l = {in->path, NULL, big, big};
		if (big)
			diag_report(d, DIAG_ERROR, &l, "xml-limit", "%s",
			            source_error(EFBIG));
		else
			diag_report(d, DIAG_ERROR, &l, "input",
			            "cannot read this file: %s",
			            source_error(errno));
		return -1;
	}
	in->doc = parse_document(in->src, m->schema, d);
	return 0;
}

/* A deferred pledge's model let go, its source kept for its reading
 * again. */
static void mishto_let_go(struct mishto_input *in)
{
	document_free(in->doc);
	in->doc = NULL;
}

static int mishto_names_failed(const struct document *doc,
                               char *const *failed, size_t nfailed)
{
	const char *names = mishto_named_document(doc);
	for (size_t k = 0; names && k < nfailed; k++)
		if (strcmp(names, failed[k]) == 0)
			return 1;
	return 0;
}

/* The deferred pledges, a part at a time: read, parsed, the forms they
 * name found, checked against m->refs (the documents checked before),
 * let go. Returns whether any could not be read or parsed. */
static int mishto_check_deferred(struct mishto *m, struct check_seen *seen,
                                 char *const *failed, size_t nfailed,
                                 int *unreadable)
{
	int some_failed = 0;
	struct document **part = malloc((MISHTO_PLEDGE_PART + 64) *
	                                sizeof *part);
	if (part == NULL) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return 1;
	}
	size_t i = 0;
	while (i < m->nin) {
		/* the next part: up to MISHTO_PLEDGE_PART deferred pledges */
		size_t from = i, taken = 0;
		for (; i < m->nin && taken < MISHTO_PLEDGE_PART; i++) {
			struct mishto_input *in = &m->in[i];
			if (!in->deferred)
				continue;
			taken++;
			if (mishto_take(m, in, &m->diag) != 0)
				*unreadable = 1;
		}
		size_t to = i, before = m->nin;
		mishto_find_forms(m, from, to);
		mishto_find_kept_forms(m, from, to);
		if (m->lang != NULL)
			mishto_find_translations(m);
		size_t n = 0;
		for (size_t k = from; k < to; k++) {
			struct mishto_input *in = &m->in[k];
			if (!in->deferred || in->src == NULL)
				continue;
			if (in->doc == NULL)
				some_failed = 1;
			else if (mishto_names_failed(in->doc, failed, nfailed))
				check_say_held(in->doc, &m->diag);
			else
				part[n++] = in->doc;
		}
		/* forms and translations found for this part are checked with
		 * it, then serve the parts after it */
		size_t nnew = 0;
		for (size_t k = before; k < m->nin; k++)
			if (m->in[k].doc != NULL)
				nnew++;
		struct document **refs = realloc(m->refs, (m->nrefs + nnew + 1) *
		                                              sizeof *refs);
		struct document **more = nnew ? malloc((n + nnew) * sizeof *more)
		                              : part;
		if (refs == NULL || more == NULL) {
			if (refs != NULL)
				m->refs = refs;
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory");
			free(part);
			return 1;
		}
		m->refs = refs;
		if (more != part) {
			memcpy(more, part, n * sizeof *more);
			for (size_t k = before; k < m->nin; k++)
				if (m->in[k].doc == NULL)
					some_failed = 1;
				else
					more[n++] = m->in[k].doc;
		}
		if (n > 0)
			check_documents_part(more, n, m->refs, m->nrefs, seen,
			                     &m->check, &m->diag);
		if (more != part)
			free(more);
		for (size_t k = before; k < m->nin; k++)
			if (m->in[k].doc != NULL)
				m->refs[m->nrefs++] = m->in[k].doc;
		for (size_t k = from; k < to; k++)
			if (m->in[k].deferred)
				mishto_let_go(&m->in[k]);
	}
	free(part);
	return some_failed;
}

int mishto_reload(struct mishto *m, struct mishto_input *in)
{
	struct diag quiet;
	diag_init(&quiet, NULL, DIAG_HUMAN);
	if (mishto_take(m, in, &quiet) != 0 || in->doc == NULL ||
	    check_documents_part(&in->doc, 1, m->refs, m->nrefs,
	                         m->check_seen, &m->check, &quiet) != 0) {
		/* its source is kept: only memory can fail it now */
		struct loc l = {in->path, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "out-of-memory",
		            "out of memory while making this pledge again to "
		            "write it");
		mishto_let_go(in);
		source_free(in->src);
		in->src = NULL;
		return -1;
	}
	return 0;
}

int mishto_load(struct mishto *m)
{
	/* compiled once a run (fingerprint of PDFs may have already) */
	if (m->schema == NULL)
		m->schema = parse_schema_load(&m->diag);
	if (m->schema == NULL)
		return MISHTO_EXIT_USAGE;
	int unreadable = 0, too_big = 0;
	struct source **srcs = NULL;
	unsigned char *deferred = mishto_batch_pledges(m, &srcs);
	for (int i = 0; i < m->nfiles; i++) {
		struct source *src = srcs ? srcs[i] : NULL;
		int rc = 0;
		if (deferred && deferred[i])
			rc = mishto_defer(m, m->files[i], src);
		else if (src != NULL)
			rc = mishto_add_input(m, src, 1);
		if (rc != 0) {
			/* the sources not yet taken */
			for (int k = i; k < m->nfiles; k++)
				source_free(srcs[k]);
			free(srcs);
			free(deferred);
			diag_report(&m->diag, DIAG_ERROR, NULL,
			            "out-of-memory", "out of memory");
			return MISHTO_EXIT_USAGE;
		}
		if (src != NULL || (deferred && deferred[i]))
			continue;
		rc = mishto_read(m, m->files[i], 1);
		if (rc < 0)
			unreadable = 1;
		else if (rc > 0)
			too_big = 1;
	}
	free(srcs);
	if (unreadable || too_big) {
		free(deferred);
		return unreadable ? MISHTO_EXIT_USAGE : MISHTO_EXIT_ERRORS;
	}
	mishto_find_forms(m, 0, m->nin);
	mishto_find_kept_forms(m, 0, m->nin);
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
		if (m->in[i].doc == NULL && m->in[i].src != NULL &&
		    (failed[nfailed] = parse_root_id(m->in[i].src)) != NULL)
			nfailed++;
	size_t ndocs = 0;
	int some_failed = 0;
	for (size_t i = 0; i < m->nin; i++) {
		struct document *doc = m->in[i].doc;
		if (m->in[i].deferred)
			continue;
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
	if (deferred == NULL) {
		if (ndocs > 0)
			check_documents(docs, ndocs, &m->check, &m->diag);
		free(docs);
	} else {
		/* the documents checked first are what the pledges' parts
		 * are checked against (m->refs, kept for their reading again) */
		struct check_seen *seen = check_seen_new();
		if (seen == NULL) {
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory");
			some_failed = 1;
		} else {
			if (ndocs > 0)
				check_documents_part(docs, ndocs, NULL, 0, seen,
				                     &m->check, &m->diag);
			m->refs = docs;
			m->nrefs = ndocs;
			docs = NULL;
			some_failed |= mishto_check_deferred(
			    m, seen, failed, nfailed, &unreadable);
			/* kept for the pledges' reading again: its patterns */
			check_seen_close(seen);
			m->check_seen = seen;
		}
		free(docs);
		free(deferred);
	}
	for (size_t k = 0; k < nfailed; k++)
		free(failed[k]);
	free(failed);
	if (unreadable)
		return MISHTO_EXIT_USAGE;
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
