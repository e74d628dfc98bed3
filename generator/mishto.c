/* mishto.c - command line driver: reads sources, links documents, runs
 * the checker, and for `build` lays out and renders every document given,
 * writing all outputs only when everything succeeded. */
#include "mishto.h"
#include "arena.h"
#include "check.h"
#include "diag.h"
#include "html.h"
#include "csv.h"
#include "layout.h"
#include "lower.h"
#include "ptree.h"
#include "model.h"
#include "output.h"
#include "parse.h"
#include "report.h"
#include "rules.h"
#include "reserve.h"
#include "font.h"
#include "pdf.h"
#include "source.h"
#include "style.h"
#include "translate.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef MISHTO_LAYOUT_DIR
#define MISHTO_LAYOUT_DIR "layouts"
#endif

enum mishto_format { FORMAT_PDF = 1, FORMAT_HTML = 2, FORMAT_LAYOUT = 4,
                     FORMAT_CSV = 8 };

struct mishto_input {
	struct source *src;
	struct document *doc;
	int is_output;            /* named on the command line */
};

struct mishto {
	FILE *err;
	struct diag diag;
	const char *command;
	const char *report;       /* report: which one ("signatories") */
	const char *against;      /* report progress: the earlier version */
	int site;                 /* site: documents, reports and an index */
	const char *lang;         /* --lang: the edition in this language */
	const char *edition;      /* while rendering one: its language */
	int first_option;         /* argv index where options start */
	const char *out_dir;
	const char *layout;
	unsigned formats;
	int reported_oom;
	int make_deps;            /* -MD: write NAME.d beside the outputs */
	struct check_options check;
	int have_epoch;
	time_t epoch;
	char **files;
	int nfiles;
	struct mishto_input *in;
	size_t nin, capin;
	struct parse_schema *schema;
	struct rules *rules;      /* links and contact details, over trees */
};

/* One output of a build: a document in its own language, or in a
 * translation's. */
struct mishto_edition {
	const struct document *doc;
	struct document *tr;      /* its translation, or NULL */
	struct document *form_tr; /* the translation of the form it refers to */
	const char *lang;         /* an edition in another language: its code */
};

static void mishto_usage(FILE *out)
{
	fputs(
	    "usage: mishto build [-o DIR] [--layout a4|FILE]\n"
	    "                    [--format pdf,html,layout] [--public]\n"
	    "                    [--as-of YYYY-MM-DD] [-MD]\n"
	    "                    [--diagnostics=human|json|github] [-Werror]"
	    " [-w]\n                    FILE...\n"
	    "       mishto site [-o DIR] [--public] [--as-of YYYY-MM-DD]"
	    " FILE...\n"
	    "       mishto report progress [-o DIR] [--format pdf,html]"
	    " [--as-of YYYY-MM-DD]\n                    [--against OLD.xml]"
	    " [--public] PLAN.xml\n"
	    "       mishto report signatories [-o DIR] [--format pdf,html,csv]"
	    "\n                    [--public] [--as-of YYYY-MM-DD]"
	    " [--diagnostics=...]\n                    FILE...\n"
	    "       mishto check [--as-of YYYY-MM-DD] [--diagnostics=...]"
	    " [-Werror]\n"
	    "                    FILE...\n"
	    "       mishto fingerprint FILE...\n"
	    "       mishto schema\n"
	    "       mishto --help | --version\n"
	    "\n"
	    "build        check the documents, then write DIR/NAME.pdf and\n"
	    "             DIR/NAME.html for each FILE (NAME is the file's name"
	    "\n             without .xml). Nothing is written if any document"
	    "\n             has an error.\n"
	    "check        parse and check only.\n"
	    "report signatories\n"
	    "             check the signed pledges given (and their form),"
	    "\n             then write the register DIR/signatories.pdf, .html"
	    "\n             and .csv: who signed what, reports due, and how"
	    "\n             many committed to each step.\n"
	    "-MD          also write DIR/NAME.d: the files each output was made"
	    "\n             from, for make.\n"
	    "--as-of      report actions of plans that are past due and not"
	    "\n             complete on that day as overdue.\n"
	    "-w           leave warnings out (errors are always shown).\n"
	    "fingerprint  print the source fingerprint printed in each\n"
	    "             document's footer, to match paper to source.\n"
	    "schema       print the RELAX NG schema of the source language.\n"
	    "\n"
	    "A signed pledge names its form by id; mishto finds it among the\n"
	    "FILEs, or as ID.xml in the pledge's folder or the folder above."
	    "\n\nExit status: 0 no errors, 1 a document has errors, 2 bad "
	    "usage or\nenvironment (unreadable file, missing font, unwritable"
	    " directory).\n", out);
}

static int mishto_usage_error(struct mishto *m, const char *fmt,
                              const char *arg)
{
	fputs("mishto: ", m->err);
	fprintf(m->err, fmt, arg);
	fputs("\nTry 'mishto --help'.\n", m->err);
	return MISHTO_EXIT_USAGE;
}

static int mishto_parse_formats(struct mishto *m, const char *list)
{
	m->formats = 0;
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (n == 3 && strncmp(p, "pdf", 3) == 0)
			m->formats |= FORMAT_PDF;
		else if (n == 4 && strncmp(p, "html", 4) == 0)
			m->formats |= FORMAT_HTML;
		else if (n == 6 && strncmp(p, "layout", 6) == 0)
			m->formats |= FORMAT_LAYOUT;
		else if (n == 3 && strncmp(p, "csv", 3) == 0 && m->report)
			m->formats |= FORMAT_CSV;
		else
			return -1;
		p += n;
		if (*p == ',')
			p++;
	}
	return m->formats ? 0 : -1;
}

static int mishto_options(struct mishto *m, int argc, char **argv)
{
	int i = m->first_option;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		/* Options with a value take it as the next argument or
		 * after '='; the name must match exactly. */
		static const char *const with_value[] = {
			"-o", "--layout", "--format", "--diagnostics",
			"--as-of", "--against", "--lang"};
		const char *opt = NULL, *val = NULL;
		for (size_t k = 0; k < 7; k++) {
			size_t n = strlen(with_value[k]);
			if (strcmp(a, with_value[k]) == 0) {
				if (i + 1 >= argc)
					return mishto_usage_error(
					    m, "option %s needs a value", a);
				opt = with_value[k];
				val = argv[++i];
			} else if (k > 0 && strncmp(a, with_value[k], n) == 0 &&
			           a[n] == '=') {
				opt = with_value[k];
				val = a + n + 1;
			}
		}
		if (opt == NULL)
			opt = a;
		int builds = strcmp(m->command, "build") == 0 || m->report ||
		             m->site;
		if (strcmp(opt, "-o") == 0 && builds) {
			m->out_dir = val;
		} else if (strcmp(opt, "--layout") == 0 && builds) {
			m->layout = val;
		} else if (strcmp(opt, "--format") == 0 && builds && !m->site) {
			if (mishto_parse_formats(m, val) != 0)
				return mishto_usage_error(
				    m, m->report
				    ? "unknown --format \"%s\" (use pdf, html, "
				      "layout, csv, separated by commas)"
				    : "unknown --format \"%s\" (use pdf, "
				      "html, layout, separated by commas)", val);
		} else if (strcmp(opt, "--diagnostics") == 0) {
			if (strcmp(val, "human") == 0)
				m->diag.format = DIAG_HUMAN;
			else if (strcmp(val, "json") == 0)
				m->diag.format = DIAG_JSON;
			else if (strcmp(val, "github") == 0)
				m->diag.format = DIAG_GITHUB;
			else
				return mishto_usage_error(
				    m, "unknown --diagnostics \"%s\" (use "
				    "human, json or github)", val);
		} else if (strcmp(opt, "--as-of") == 0) {
			struct mdate *d = &m->check.as_of;
			if (!check_parse_date(val, &d->y, &d->m, &d->d))
				return mishto_usage_error(
				    m, "--as-of \"%s\" is not a date; write it"
				    " as YYYY-MM-DD", val);
			d->text = val;
			d->valid = 1;
		} else if (strcmp(opt, "--against") == 0 && m->report &&
		           strcmp(m->report, "progress") == 0) {
			m->against = val;
		} else if (strcmp(opt, "--lang") == 0 && !m->report &&
		           !m->site &&
		           (builds || strcmp(m->command, "check") == 0)) {
			size_t n = strspn(val, "abcdefghijklmnopqrstuvwxyz"
			                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			                       "0123456789-");
			if (n < 2 || n > 15 || val[n] != '\0')
				return mishto_usage_error(
				    m, "--lang \"%s\" is not a language tag; "
				    "use a code such as ro, sk or bg", val);
			m->lang = val;
		} else if (strcmp(a, "-Werror") == 0) {
			m->diag.werror = 1;
		} else if (strcmp(a, "-w") == 0) {
			m->diag.no_warnings = 1;
		} else if (strcmp(a, "--public") == 0 && builds) {
			m->check.public_edition = 1;
		} else if (strcmp(a, "-MD") == 0 && builds && !m->report &&
		           !m->site) {
			m->make_deps = 1;
		} else {
			return mishto_usage_error(
			    m, "unknown option \"%s\" for this command", a);
		}
	}
	m->files = argv + i;
	m->nfiles = argc - i;
	if (m->nfiles == 0)
		return mishto_usage_error(m, "%s: no input files", m->command);
	return MISHTO_EXIT_OK;
}

/* ---------------------------------------------------------------- */

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
	return 0;
}

static int mishto_read(struct mishto *m, const char *path, int is_output)
{
	struct source *src = source_read(path);
	if (src == NULL) {
		struct loc l = {path, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "input",
		            "cannot read this file: %s", strerror(errno));
		return -1;
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
static void mishto_find_forms(struct mishto *m)
{
	for (size_t i = 0; i < m->nin; i++) {
		const struct document *doc = m->in[i].doc;
		if (doc == NULL)
			continue;
		const char *id = doc->kind == DOCUMENT_PLEDGE
		                 ? doc->u.pledge.form_ref
		                 : doc->kind == DOCUMENT_GUIDANCE
		                 ? doc->u.guidance.form_ref
		                 : doc->kind == DOCUMENT_TRANSLATION
		                 ? doc->u.translation.of : NULL;
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

/* The id of the document whose translation gives a document's words: the
 * form it signs for a pledge (it prints the form's words), its own for
 * the others; NULL for those that are not translated (reports,
 * translations). */
static const char *mishto_form_id(const struct document *doc)
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

/* The translation of form id into lang among the inputs, or NULL. */
static struct document *mishto_translation(struct mishto *m, const char *id,
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

static const struct mishto_input *mishto_input_of(const struct mishto *m,
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

static int mishto_load(struct mishto *m)
{
	m->schema = parse_schema_load(&m->diag);
	if (m->schema == NULL)
		return MISHTO_EXIT_USAGE;
	int unreadable = 0;
	for (int i = 0; i < m->nfiles; i++)
		if (mishto_read(m, m->files[i], 1) != 0)
			unreadable = 1;
	if (unreadable)
		return MISHTO_EXIT_USAGE;
	mishto_find_forms(m);
	if (m->lang != NULL)
		mishto_find_translations(m);
	for (size_t i = 0; i < m->nin; i++)
		if (m->in[i].doc == NULL)
			return MISHTO_EXIT_ERRORS;

	struct document **docs = malloc((m->nin + 1) * sizeof *docs);
	if (docs == NULL) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return MISHTO_EXIT_USAGE;
	}
	for (size_t i = 0; i < m->nin; i++)
		docs[i] = m->in[i].doc;
	check_documents(docs, m->nin, &m->check, &m->diag);
	free(docs);
	if (diag_has_errors(&m->diag))
		return MISHTO_EXIT_ERRORS;
	/* the rules over words wherever they are printed: each document's
	 * presentation tree (a translation's strings are checked when its
	 * edition is made) */
	m->rules = rules_new(&m->diag);
	if (m->rules == NULL)
		return MISHTO_EXIT_USAGE;
	for (size_t i = 0; i < m->nin; i++) {
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

/* DIR/NAME + ext. An edition in another language or layout is a file of
 * its own, NAME.LANG.LAYOUT.pdf (the layout's name: large-print, or a
 * layout file's name without .layout; a4 is not named), so it can sit
 * beside the others. Only extensions (ext starting with '.') carry them. */
static char *mishto_output_path(const struct mishto *m, const char *input,
                                const char *ext)
{
	const char *base = strrchr(input, '/');
	base = base ? base + 1 : input;
	size_t blen = strlen(base);
	if (blen > 4 && strcmp(base + blen - 4, ".xml") == 0)
		blen -= 4;
	const char *lay = strrchr(m->layout, '/');
	lay = lay ? lay + 1 : m->layout;
	size_t llen = strlen(lay);
	if (llen > 7 && strcmp(lay + llen - 7, ".layout") == 0)
		llen -= 7;
	if (ext[0] != '.' || (llen == 2 && strncmp(lay, "a4", 2) == 0))
		llen = 0;
	const char *lang = ext[0] == '.' && m->edition ? m->edition : "";
	size_t n = strlen(m->out_dir) + blen + strlen(lang) + llen +
	           strlen(ext) + 5;
	char *p = malloc(n);
	if (p != NULL)
		snprintf(p, n, "%s/%.*s%s%s%s%.*s%s", m->out_dir, (int)blen,
		         base, *lang ? "." : "", lang, llen ? "." : "",
		         (int)llen, lay, ext);
	return p;
}

struct mishto_staged {
	struct output_file *v;
	size_t n, cap;
};

static int mishto_stage(struct mishto *m, struct mishto_staged *st,
                        const char *input, const char *ext,
                        const void *data, size_t len)
{
	char *path = NULL;
	if (st->n == st->cap) {
		size_t n = st->cap ? st->cap * 2 : 16;
		struct output_file *v = realloc(st->v, n * sizeof *v);
		if (v == NULL)
			goto oom;
		st->v = v;
		st->cap = n;
	}
	path = mishto_output_path(m, input, ext);
	if (path == NULL)
		goto oom;
	int r = output_stage(&st->v[st->n], path, data, len, &m->diag);
	free(path);
	if (r == 0)
		st->n++;
	return r;
oom:
	diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory");
	return -1;
}

/* A path in a make rule, as make would name it from here: relative to the
 * current directory when inside it, "dir/../" folded away, and spaces,
 * '#' and '$' escaped as make reads them. */
static void mishto_make_path(FILE *f, const char *path)
{
	char cwd[PATH_MAX], tidy[PATH_MAX];
	size_t cl;
	if (getcwd(cwd, sizeof cwd) != NULL && (cl = strlen(cwd)) > 1 &&
	    strncmp(path, cwd, cl) == 0 && path[cl] == '/')
		path += cl + 1;
	/* fold "name/../" (name not itself "..") */
	size_t o = 0;
	for (const char *s = path; *s && o + 1 < sizeof tidy;) {
		if (strncmp(s, "../", 3) == 0 && o > 0) {
			size_t back = o - 1;   /* tidy[o - 1] is '/' */
			while (back > 0 && tidy[back - 1] != '/')
				back--;
			if (!(o - back == 3 && strncmp(tidy + back, "../", 3) == 0)) {
				o = back;
				s += 3;
				continue;
			}
		}
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) + 1 : strlen(s);
		if (o + n >= sizeof tidy)
			break;
		memcpy(tidy + o, s, n);
		o += n;
		s += n;
	}
	tidy[o] = '\0';
	for (const char *p = tidy; *p; p++) {
		if (*p == ' ' || *p == '#' || *p == '\\')
			fputc('\\', f);
		if (*p == '$')
			fputc('$', f);
		fputc(*p, f);
	}
}

/* NAME.d for make: the outputs of one document and every file they were
 * made from (the document, the form it links to, the layout, the
 * stylesheet, the fonts), each also listed as a target of its own so a
 * deleted file does not stop make (as gcc -MP does). */
static int mishto_stage_deps(struct mishto *m, struct mishto_staged *staged,
                             const struct mishto_input *in,
                             const struct style *st)
{
	const struct document *doc = in->doc;
	const char *deps[5 + FACE_COUNT];
	size_t n = 0;
	deps[n++] = in->src->path;
	const struct mishto_input *of = doc->kind == DOCUMENT_TRANSLATION
	    ? mishto_input_of(m, doc->u.translation.of) : NULL;
	const struct document *form =
	    doc->kind == DOCUMENT_PLEDGE ? doc->u.pledge.form :
	    doc->kind == DOCUMENT_GUIDANCE ? doc->u.guidance.form :
	    of != NULL ? of->doc : NULL;
	if (form != NULL)
		deps[n++] = form->src->path;
	/* --lang: the edition also comes from the translation */
	const struct document *tr = m->lang && doc->kind != DOCUMENT_TRANSLATION
	    ? mishto_translation(m, mishto_form_id(doc), m->lang) : NULL;
	if (tr != NULL)
		deps[n++] = tr->src->path;
	if (m->lang && doc->kind != DOCUMENT_TRANSLATION)
		m->edition = m->lang;
	deps[n++] = st->path;
	if (m->formats & FORMAT_HTML)
		deps[n++] = st->stylesheet;
	if (m->formats & (FORMAT_PDF | FORMAT_LAYOUT))
		for (int i = 0; i < FACE_COUNT; i++)
			deps[n++] = st->font[i];
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (f == NULL)
		goto oom;
	static const struct {
		unsigned format;
		const char *ext;
	} outs[] = {{FORMAT_PDF, ".pdf"}, {FORMAT_HTML, ".html"},
	            {FORMAT_LAYOUT, ".layout.txt"}};
	for (size_t i = 0; i < sizeof outs / sizeof *outs; i++) {
		if (!(m->formats & outs[i].format))
			continue;
		char *p = mishto_output_path(m, in->src->path, outs[i].ext);
		if (p == NULL) {
			fclose(f);
			free(text);
			goto oom;
		}
		mishto_make_path(f, p);
		fputc(' ', f);
		free(p);
	}
	fputs(":", f);
	for (size_t i = 0; i < n; i++) {
		fputs(" \\\n  ", f);
		mishto_make_path(f, deps[i]);
	}
	fputs("\n", f);
	for (size_t i = 0; i < n; i++) {
		fputs("\n", f);
		mishto_make_path(f, deps[i]);
		fputs(":\n", f);
	}
	if (fclose(f) != 0) {
		free(text);
		goto oom;
	}
	int rc = mishto_stage(m, staged, in->src->path, ".d", text, len);
	m->edition = NULL;
	free(text);
	return rc;
oom:
	m->edition = NULL;
	diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory");
	return -1;
}

static char *mishto_read_text(const char *path)
{
	struct source *s = source_read(path);
	if (s == NULL)
		return NULL;
	char *t = s->text;
	s->text = NULL;
	source_free(s);
	return t;
}

/* The fingerprint of an edition in another language: of the document
 * (and a pledge's form) and of the translations that gave its words. */
static void mishto_edition_fingerprint(const struct mishto_edition *ed,
                                       char out[20])
{
	const struct source *srcs[4];
	size_t n = 0;
	srcs[n++] = ed->doc->src;
	if (ed->doc->kind == DOCUMENT_PLEDGE && ed->doc->u.pledge.form)
		srcs[n++] = ed->doc->u.pledge.form->src;
	srcs[n++] = ed->tr->src;
	if (ed->form_tr != NULL)
		srcs[n++] = ed->form_tr->src;
	source_fingerprint(srcs, n, out);
}

/* The presentation tree of an edition, in arena a: the document lowered,
 * then the passes over it: a translation (each: every untranslated
 * string said), the rules over the words it put in, and the public
 * edition's withholding. NULL after a diagnostic; *errors set when the
 * fault is the documents'. */
static struct pt_node *mishto_tree(struct mishto *m,
                                   const struct mishto_edition *ed,
                                   struct arena *a, int each, int *errors)
{
	struct pt_node *tree = lower_document(ed->doc, a);
	if (tree == NULL)
		goto oom;
	if (ed->tr != NULL) {
		struct diag quiet;
		diag_init(&quiet, NULL, DIAG_HUMAN);
		/* a translation's own warnings are said once a run */
		struct diag *said = ed->tr->u.translation.reported && !each
		                    ? &quiet : &m->diag;
		ed->tr->u.translation.reported = 1;
		if (translate_tree(tree, a, ed->doc->kind, ed->tr, ed->form_tr,
		                   each, said) < 0)
			goto oom;
		if (rules_check(m->rules, tree, 1) > 0) {
			*errors = 1;
			return NULL;
		}
		/* the footer matches a signed copy to what was translated */
		const struct pt_node *foot = pt_meta(tree, PR_META_FOOTER);
		for (struct pt_node *c = foot && ed->tr->src ? foot->first
		                                             : NULL;
		     c; c = c->next)
			if (c->type == PT_CODE) {
				char *fp = arena_alloc(a, 20);
				if (fp == NULL)
					goto oom;
				mishto_edition_fingerprint(ed, fp);
				c->text = fp;
			}
	}
	if (m->check.public_edition && rules_withhold(m->rules, tree, a) != 0)
		goto oom;
	return tree;
oom:
	diag_report(&m->diag, DIAG_ERROR, &ed->doc->loc, "out-of-memory",
	            "out of memory while making the document's edition");
	return NULL;
}

/* Renders an edition in every format asked for, staged as DIR/NAME.EXT
 * where NAME is name's file name without .xml: its presentation tree is
 * what every writer walks. With index_title, the title a site's index
 * lists it under (as its tree has it) is returned there, malloc'd. */
static int mishto_render(struct mishto *m, const struct mishto_edition *ed,
                         const char *name, struct font_set *fonts,
                         const struct style *st, const char *css,
                         struct mishto_staged *staged, char **index_title)
{
	const struct document *doc = ed->doc;
	struct arena *a = arena_new();
	if (a == NULL) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return -1;
	}
	int rc = 0, errors = 0;
	struct layout_doc *ld = NULL;
	m->edition = ed->lang;
	struct pt_node *tree = mishto_tree(m, ed, a, 0, &errors);
	if (tree == NULL) {
		rc = -1;
		goto done;
	}
	if (index_title != NULL) {
		const struct pt_node *t = pt_meta(
		    tree, doc->kind == DOCUMENT_PLEDGE ? PR_META_HEAD_RIGHT
		                                       : PR_META_TITLE);
		*index_title = pt_plain(t);
		if (*index_title == NULL) {
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory");
			rc = -1;
			goto done;
		}
	}
	if (m->formats & (FORMAT_PDF | FORMAT_LAYOUT)) {
		ld = layout_document(tree, st, font_set_metrics(fonts), a);
		if (ld == NULL) {
			diag_report(&m->diag, DIAG_ERROR, &doc->loc,
			            "out-of-memory", "out of memory during layout");
			rc = -1;
			goto done;
		}
	}
	if (m->formats & FORMAT_PDF) {
		unsigned char *pdf;
		size_t len;
		if (pdf_render(ld, fonts, m->have_epoch ? &m->epoch : NULL, &pdf,
		               &len, &m->diag) != 0) {
			rc = -1;
			goto done;
		}
		rc = mishto_stage(m, staged, name, ".pdf", pdf, len);
		free(pdf);
		if (rc != 0)
			goto done;
	}
	if (m->formats & FORMAT_HTML) {
		char *html;
		size_t len;
		if (html_render(tree, css, st, &html, &len) != 0) {
			diag_report(&m->diag, DIAG_ERROR, &doc->loc,
			            "out-of-memory", "out of memory while "
			            "writing the HTML");
			rc = -1;
			goto done;
		}
		rc = mishto_stage(m, staged, name, ".html", html,
		                  len);
		free(html);
		if (rc != 0)
			goto done;
	}
	if (m->formats & FORMAT_LAYOUT) {
		char *dump = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&dump, &len);
		if (f != NULL) {
			layout_dump(ld, f);
			if (fclose(f) != 0) {
				free(dump);
				dump = NULL;
			}
		}
		if (f == NULL || dump == NULL) {
			diag_report(&m->diag, DIAG_ERROR, &doc->loc,
			            "out-of-memory", "out of memory while "
			            "writing the layout dump");
			rc = -1;
			goto done;
		}
		rc = mishto_stage(m, staged, name, ".layout.txt",
		                  dump, len);
		free(dump);
	}
	if ((m->formats & FORMAT_CSV) && doc->kind == DOCUMENT_SIGNATORIES) {
		char *csv;
		size_t len;
		if (csv_render(tree, &csv, &len) != 0) {
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory while writing the CSV");
			rc = -1;
			goto done;
		}
		rc = mishto_stage(m, staged, name, ".csv", csv, len);
		free(csv);
	}
done:
	if (rc != 0 && index_title != NULL) {
		free(*index_title);
		*index_title = NULL;
	}
	m->edition = NULL;
	arena_free(a);
	return rc;
}

/* A document in its own language, as an edition. */
static struct mishto_edition mishto_plain(const struct document *doc)
{
	struct mishto_edition ed = {doc, NULL, NULL, NULL};
	return ed;
}

/* The edition of doc in tr's language (guidance takes its form's action
 * point titles from the form's translation, when there is one). */
static struct mishto_edition mishto_translated(struct mishto *m,
                                               const struct document *doc,
                                               struct document *tr)
{
	struct mishto_edition ed = {doc, tr, NULL, tr->lang};
	if (doc->kind == DOCUMENT_GUIDANCE && doc->u.guidance.form)
		ed.form_tr = mishto_translation(m, doc->u.guidance.form->id,
		                                tr->lang);
	return ed;
}

/* The edition an input of a build stands for: a document in its own
 * language, or (--lang) in another, or, for a translation named on the
 * command line, the translated edition of its document. -1 after a
 * diagnostic. */
static int mishto_input_edition(struct mishto *m,
                                const struct mishto_input *in,
                                struct mishto_edition *ed)
{
	const struct document *doc = in->doc;
	if (doc->kind == DOCUMENT_TRANSLATION) {
		const struct mishto_input *of =
		    mishto_input_of(m, doc->u.translation.of);
		if (of == NULL || mishto_form_id(of->doc) == NULL ||
		    of->doc->kind == DOCUMENT_PLEDGE) {
			diag_report(&m->diag, DIAG_ERROR, &doc->loc,
			            "form-reference", "this translates \"%s\", "
			            "which is not a form, guidance, plan or "
			            "minutes among the inputs or beside them "
			            "(%s.xml)", doc->u.translation.of,
			            doc->u.translation.of);
			return -1;
		}
		*ed = mishto_translated(m, of->doc, (struct document *)doc);
		return 0;
	}
	*ed = mishto_plain(doc);
	if (m->lang == NULL)
		return 0;
	const char *id = mishto_form_id(doc);
	struct document *tr = mishto_translation(m, id, m->lang);
	if (tr != NULL) {
		*ed = mishto_translated(m, doc, tr);
		return 0;
	}
	diag_report(&m->diag, DIAG_WARNING, &doc->loc, "untranslated",
	            "no %s translation of %s (%s); this edition stays in its "
	            "source language", m->lang, doc->id,
	            id ? "looked for translations/ID.LANG.xml beside it and"
	                 " one folder up" : "reports are not translated");
	ed->lang = m->lang;
	return 0;
}

static int mishto_render_input(struct mishto *m, const struct mishto_input *in,
                               struct font_set *fonts,
                               const struct style *st, const char *css,
                               struct mishto_staged *staged,
                               char **index_title)
{
	struct mishto_edition ed;
	if (mishto_input_edition(m, in, &ed) != 0)
		return -1;
	/* outputs are named after the document (NAME.LANG.pdf) */
	return mishto_render(m, &ed, ed.doc->src->path, fonts, st, css,
	                     staged, index_title);
}

/* check: parse and check. The words a translation puts in are checked as
 * its edition is made; with --lang, that edition of every document is
 * made too, and what the translation lacks (untranslated and stale
 * strings) is said string by string. */
static int mishto_check(struct mishto *m)
{
	int rc = mishto_load(m);
	for (size_t i = 0; i < m->nin && rc == MISHTO_EXIT_OK; i++) {
		const struct mishto_input *in = &m->in[i];
		struct mishto_edition ed;
		int each = 0;
		/* no translation yet: every string is listed, as a start */
		struct document none;
		memset(&none, 0, sizeof none);
		if (!in->is_output)
			continue;
		if (in->doc->kind == DOCUMENT_TRANSLATION) {
			if (mishto_input_edition(m, in, &ed) != 0) {
				rc = MISHTO_EXIT_ERRORS;
				continue;
			}
		} else if (m->lang != NULL) {
			const char *id = mishto_form_id(in->doc);
			if (id == NULL)
				continue;
			struct document *tr = mishto_translation(m, id, m->lang);
			if (tr == NULL) {
				diag_report(&m->diag, DIAG_WARNING, &in->doc->loc,
				            "untranslated", "no %s translation of "
				            "%s (translations/%s.%s.xml beside it or"
				            " one folder up)", m->lang, id, id,
				            m->lang);
				none.kind = DOCUMENT_TRANSLATION;
				none.lang = m->lang;
				none.loc = in->doc->loc;
				none.u.translation.of = id;
				tr = &none;
			}
			ed = mishto_translated(m, in->doc, tr);
			each = 1;
		} else {
			continue;
		}
		struct arena *a = arena_new();
		int errors = 0;
		if (a == NULL || mishto_tree(m, &ed, a, each, &errors) == NULL)
			rc = errors ? MISHTO_EXIT_ERRORS : MISHTO_EXIT_USAGE;
		if (a == NULL)
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory");
		arena_free(a);
	}
	return rc;
}

/* Whether the libraries had to draw on the memory reserve (reserve.h):
 * then memory ran out, and nothing of the run may be trusted or written. */
static int mishto_ran_out(struct mishto *m)
{
	if (!reserve_tripped())
		return 0;
	if (!m->reported_oom)
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
	m->reported_oom = 1;
	return 1;
}

static int mishto_epoch(struct mishto *m)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e == NULL || *e == '\0')
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(e, &end, 10);
	if (*end != '\0' || errno != 0 || v < 0 || v > 253402300799LL) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "environment",
		            "SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds"
		            " since 1970", e);
		return -1;
	}
	m->epoch = (time_t)v;
	m->have_epoch = 1;
	return 0;
}

/* The earlier version of a plan (--against), checked on its own: it has
 * the same id as the plan it is compared with. */
static struct document *mishto_load_against(struct mishto *m,
                                            struct source **src)
{
	*src = source_read(m->against);
	if (*src == NULL) {
		struct loc l = {m->against, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "input",
		            "cannot read this file: %s", strerror(errno));
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

/* A report is a document made from the checked inputs, rendered like
 * one: the register is named after the report ("signatories"), a
 * progress report after its plan ("NAME-progress"). */
static int mishto_report(struct mishto *m, struct font_set *fonts,
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
	} else if (m->against == NULL ||
	           (before = mishto_load_against(m, &before_src)) != NULL) {
		rep = report_progress(docs[0], before, &m->check.as_of,
		                      &m->diag);
		name = mishto_output_path(m, m->in[0].src->path, "-progress");
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
	    html_render(tree, css, st, &html, &len) != 0)
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

/* A site: every document, the register of the pledges among them, a
 * progress report per plan, and index.html listing them all; staged
 * together, so a site is written whole or not at all. */
static int mishto_site(struct mishto *m, struct font_set *fonts,
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
		e->name = mishto_base_name(m->in[i].src->path, "");
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
		e->name = mishto_base_name(m->in[i].src->path, "-progress");
		char *title = NULL;
		struct mishto_edition ed = mishto_plain(rep);
		int failed = e->name == NULL ||
		             mishto_render(m, &ed, e->name, fonts, st, css,
		                           staged, &title) != 0;
		document_free(rep);
		if (!failed) {
			size_t len = strlen(title) + 16;
			e->title = malloc(len);
			if (e->title != NULL)
				snprintf(e->title, len, "Progress: %s", title);
			failed = e->title == NULL;
		}
		free(title);
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

static int mishto_build(struct mishto *m)
{
	for (int i = 0; i < m->nfiles; i++)
		for (int j = 0; j < i; j++) {
			char *a = mishto_output_path(m, m->files[i], "");
			char *b = mishto_output_path(m, m->files[j], "");
			int same = a && b && strcmp(a, b) == 0;
			free(b);
			if (same) {
				int rc = mishto_usage_error(
				    m, "two inputs would both write \"%s\" "
				    "(.pdf, .html); rename one", a);
				free(a);
				return rc;
			}
			free(a);
		}
	if (mishto_epoch(m) != 0)
		return MISHTO_EXIT_USAGE;
	int rc = mishto_load(m);
	if (rc != MISHTO_EXIT_OK)
		return rc;

	const char *dir = getenv("MISHTO_LAYOUT_DIR");
	struct style st;
	if (style_load(&st, m->layout, dir && *dir ? dir : MISHTO_LAYOUT_DIR,
	               &m->diag) != 0) {
		style_free(&st);
		return MISHTO_EXIT_USAGE;
	}
	char *css = NULL;
	struct font_set *fonts = NULL;
	struct mishto_staged staged = {0};
	rc = MISHTO_EXIT_USAGE;
	if (m->formats & FORMAT_HTML) {
		css = mishto_read_text(st.stylesheet);
		if (css == NULL) {
			struct loc l = {st.stylesheet, NULL, 0, 0};
			diag_report(&m->diag, DIAG_ERROR, &l, "layout",
			            "cannot read the stylesheet: %s",
			            strerror(errno));
			goto done;
		}
	}
	if (m->formats & (FORMAT_PDF | FORMAT_LAYOUT)) {
		fonts = font_set_open(&st, &m->diag);
		if (fonts == NULL)
			goto done;
	}
	struct stat sb;
	if (stat(m->out_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		struct loc l = {m->out_dir, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "output",
		            stat(m->out_dir, &sb) != 0
		            ? "the output directory does not exist"
		            : "the output directory is not a directory");
		goto done;
	}
	output_guard_signals();
	if (m->site) {
		if (mishto_site(m, fonts, &st, css, &staged, &rc) != 0)
			goto done;
	} else if (m->report != NULL) {
		if (mishto_report(m, fonts, &st, css, &staged, &rc) != 0)
			goto done;
	} else for (size_t i = 0; i < m->nin; i++)
		if (m->in[i].is_output &&
		    (mishto_render_input(m, &m->in[i], fonts, &st, css,
		                         &staged, NULL) != 0 ||
		     (m->make_deps &&
		      mishto_stage_deps(m, &staged, &m->in[i], &st) != 0)))
			goto done;
	if (mishto_ran_out(m))
		goto done;
	/* Everything is written; only now replace the old outputs. */
	for (size_t i = 0; i < staged.n; i++)
		if (output_commit(&staged.v[i], &m->diag) != 0)
			goto done;
	rc = MISHTO_EXIT_OK;
done:
	for (size_t i = 0; i < staged.n; i++)
		output_discard(&staged.v[i]);
	output_unguard_signals();
	free(staged.v);
	font_set_close(fonts);
	free(css);
	style_free(&st);
	return rc;
}

static int mishto_fingerprint(struct mishto *m)
{
	int rc = mishto_load(m);
	if (rc != MISHTO_EXIT_OK || mishto_ran_out(m))
		return rc;
	for (size_t i = 0; i < m->nin; i++) {
		const struct mishto_input *in = &m->in[i];
		if (!in->is_output)
			continue;
		/* a translation stands for its edition, as on its paper */
		char fp[20];
		struct mishto_edition ed;
		if (in->doc->kind == DOCUMENT_TRANSLATION) {
			if (mishto_input_edition(m, in, &ed) != 0)
				return MISHTO_EXIT_ERRORS;
			mishto_edition_fingerprint(&ed, fp);
		} else {
			memcpy(fp, in->doc->fingerprint, sizeof fp);
		}
		printf("%s  %s\n", fp, in->src->path);
	}
	return MISHTO_EXIT_OK;
}

/* What went to standard output must have arrived (a full disk, a closed
 * pipe): otherwise say so and fail. */
static void mishto_finish_stdout(struct mishto *m, int *rc)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	fprintf(m->err, "mishto: error: cannot write to standard output: %s\n",
	        strerror(errno));
	clearerr(stdout);
	*rc = MISHTO_EXIT_USAGE;
}

int mishto_main(int argc, char **argv, FILE *err)
{
	struct mishto m;
	memset(&m, 0, sizeof m);
	m.err = err;
	m.out_dir = ".";
	m.layout = "a4";
	m.formats = FORMAT_PDF | FORMAT_HTML;
	diag_init(&m.diag, err, DIAG_HUMAN);

	if (argc < 2) {
		mishto_usage(err);
		return MISHTO_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	int rc = MISHTO_EXIT_OK;
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		mishto_usage(stdout);
		mishto_finish_stdout(&m, &rc);
		return rc;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("mishto %s\n", MISHTO_VERSION);
		mishto_finish_stdout(&m, &rc);
		return rc;
	}
	if (strcmp(cmd, "schema") == 0) {
		fwrite(mishto_schema_rng, 1, mishto_schema_rng_len, stdout);
		mishto_finish_stdout(&m, &rc);
		return rc;
	}
	if (strcmp(cmd, "build") != 0 && strcmp(cmd, "check") != 0 &&
	    strcmp(cmd, "fingerprint") != 0 && strcmp(cmd, "report") != 0 &&
	    strcmp(cmd, "site") != 0)
		return mishto_usage_error(&m, "unknown command \"%s\"", cmd);
	m.command = cmd;
	m.first_option = 2;
	m.site = strcmp(cmd, "site") == 0;
	if (strcmp(cmd, "report") == 0) {
		int reg = argc >= 3 && strcmp(argv[2], "signatories") == 0;
		if (!reg && (argc < 3 || strcmp(argv[2], "progress") != 0))
			return mishto_usage_error(
			    &m, "report: which report? (%s)",
			    "signatories or progress");
		m.report = argv[2];
		m.first_option = 3;
		m.formats = FORMAT_PDF | FORMAT_HTML | (reg ? FORMAT_CSV : 0);
	}
	reserve_install_libxml2();
	reserve_rearm();
	rc = mishto_options(&m, argc, argv);
	if (rc == MISHTO_EXIT_OK) {
		if (strcmp(cmd, "build") == 0 || m.report || m.site)
			rc = mishto_build(&m);
		else if (strcmp(cmd, "check") == 0)
			rc = mishto_check(&m);
		else
			rc = mishto_fingerprint(&m);
		mishto_ran_out(&m);
		diag_summary(&m.diag);
		/* the worst diagnostic decides, unless usage already did;
		 * a failure of the environment (memory, files, fonts) is not
		 * the document's fault */
		if (diag_environment_failed(&m.diag))
			rc = MISHTO_EXIT_USAGE;
		else if (diag_has_errors(&m.diag))
			rc = MISHTO_EXIT_ERRORS;
	}
	mishto_finish_stdout(&m, &rc);
	for (size_t i = 0; i < m.nin; i++) {
		document_free(m.in[i].doc);
		source_free(m.in[i].src);
	}
	free(m.in);
	parse_schema_free(m.schema);
	rules_free(m.rules);
	return rc;
}
