/* options.c - the command line: options and their values, the usage. */
#include "mishto_int.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---------------------------------------------------------------- */
/* the usage                                                         */

/* The notes on options, each said for the commands that take it. */
enum {
	NOTE_OUT = 1, NOTE_LAYOUT = 2, NOTE_FORMAT = 4, NOTE_PUBLIC = 8,
	NOTE_AS_OF = 16, NOTE_MD = 32, NOTE_DIAG = 64, NOTE_WARN = 128,
	NOTE_LANG = 256, NOTE_AGAINST = 512, NOTE_IMPORT = 1024,
	NOTE_FILES = 2048, NOTE_SINCE = 4096
};

static const struct {
	unsigned note;
	const char *text;
} mishto_notes[] = {
	{NOTE_OUT, "-o DIR       write into DIR (made if missing; default the\n"
	           "             current folder). -o - writes the one output of\n"
	           "             a single --format to standard output.\n"},
	{NOTE_LAYOUT, "--layout     a4 (the default), large-print, or a layout"
	              " file\n             of one's own.\n"},
	{NOTE_FORMAT, "--format     the outputs to write, separated by commas"
	              "\n             (layout and tree are text dumps for"
	              " tests).\n"},
	{NOTE_PUBLIC, "--public     the public edition: no contact details, "
	              "no\n             internal notes.\n"},
	{NOTE_AS_OF, "--as-of      report actions of plans that are past due "
	             "and not\n             complete on that day as overdue."
	             "\n"},
	{NOTE_MD, "-MD          also write DIR/NAME.d: the files each output "
	          "was made\n             from, for make.\n"},
	{NOTE_LANG, "--lang       the edition in that language, from its "
	            "translation.\n"},
	{NOTE_SINCE, "--since      the folder of the site as last published: "
	             "a page,\n             changes.html, lists what is new, "
	             "changed and\n             gone since.\n"},
	{NOTE_AGAINST, "--against    an earlier version of the plan: the "
	               "report says what\n             changed since.\n"},
	{NOTE_IMPORT, "--form       the form the returns were signed on (found"
	              " by id\n             otherwise); --force replaces "
	              "an existing file.\n"},
	{NOTE_DIAG, "--diagnostics\n             human (the default), json "
	            "(one object a line) or\n             github (annotations"
	            " for GitHub Actions).\n"},
	{NOTE_WARN, "-w           leave warnings out (errors are always shown)."
	            "\n-Werror      make warnings errors.\n"
	            "-Wno-RULE    leave out the warnings of one rule; -W RULE "
	            "shows\n             them even under -w; -Werror=RULE "
	            "makes them\n             errors. mishto rules lists the"
	            " rules.\n--max-errors show the first N errors (20; 0 "
	            "shows all) and\n             count the rest.\n"},
	{NOTE_FILES, "FILE         a document (.xml); - reads one from "
	             "standard input;\n             a folder stands for the "
	             ".xml files under it\n             (form-versions/ and "
	             "hidden files left out).\n"},
};

#define NOTES_BUILD (NOTE_OUT | NOTE_LAYOUT | NOTE_FORMAT | NOTE_PUBLIC | \
                     NOTE_AS_OF | NOTE_MD | NOTE_DIAG | NOTE_WARN | \
                     NOTE_LANG | NOTE_FILES)

static const struct mishto_help {
	const char *name;
	const char *synopsis;     /* after "mishto " */
	const char *what;
	unsigned notes;
} mishto_helps[] = {
	{"build", "build [-o DIR] [--layout a4|FILE]\n"
	 "                    [--format pdf,html,layout,tree] [--public]\n"
	 "                    [--as-of YYYY-MM-DD] [-MD] [--lang LANG]\n"
	 "                    [--diagnostics=human|json|github] [-Werror] [-w]\n"
	 "                    [-W RULE] [-Wno-RULE] [-Werror=RULE] "
	 "[--max-errors N]\n                    FILE...",
	 "check the documents, then write DIR/NAME.pdf and\n"
	 "DIR/NAME.html for each FILE (NAME is the file's name\n"
	 "without .xml; from standard input, the document's id).\n"
	 "Nothing is written if any document has an error.", NOTES_BUILD},
	{"site", "site [-o DIR] [--public] [--as-of YYYY-MM-DD] "
	 "[--since OLD-SITE]\n                    FILE...",
	 "build the site to publish: every document's PDF and\n"
	 "HTML, the register, progress reports, an index and a\n"
	 "404 page, into DIR.",
	 NOTE_OUT | NOTE_PUBLIC | NOTE_AS_OF | NOTE_SINCE | NOTE_DIAG |
	 NOTE_WARN | NOTE_FILES},
	{"report", "report progress [-o DIR] [--format pdf,html] "
	 "[--as-of YYYY-MM-DD]\n                    [--against OLD.xml] "
	 "[--public] PLAN.xml\n"
	 "       mishto report signatories [-o DIR] [--format pdf,html,csv]"
	 "\n                    [--public] [--as-of YYYY-MM-DD] "
	 "[--diagnostics=...]\n                    FILE...",
	 "progress: a plan's progress report, DIR/PLAN-progress.pdf\n"
	 "and .html: each action's status, what is overdue.\n"
	 "signatories: check the signed pledges given (and their\n"
	 "form), then write the register DIR/signatories.pdf, .html\n"
	 "and .csv: who signed what, reports due, and how many\n"
	 "committed to each step.",
	 NOTE_OUT | NOTE_FORMAT | NOTE_PUBLIC | NOTE_AS_OF | NOTE_AGAINST |
	 NOTE_DIAG | NOTE_WARN},
	{"check", "check [--as-of YYYY-MM-DD] [--lang LANG] "
	 "[--diagnostics=...]\n                    [-Werror] [-w] [-W RULE] "
	 "[-Wno-RULE] [--max-errors N]\n                    FILE...",
	 "parse and check only; with --lang, list the strings a\n"
	 "translation into LANG still needs.",
	 NOTE_AS_OF | NOTE_LANG | NOTE_DIAG | NOTE_WARN | NOTE_FILES},
	{"import", "import [-o DIR] [--form FORM.xml] [--force] RETURN...",
	 "read a returned pledge (a filled PDF, an FDF or XFDF\n"
	 "export, the file the HTML form saves, or a signed\n"
	 "pledge's PDF) and write its source to\n"
	 "DIR/AUTHORITY.xml (content/pledges by default), once\n"
	 "it passes the rules; an existing file is kept\n"
	 "unless --force.", NOTE_OUT | NOTE_IMPORT | NOTE_DIAG},
	{"keep-form", "keep-form FORM.xml...",
	 "keep the form as it is now in form-versions/ID/\n"
	 "VERSION.xml beside it, for the pledges signed on\n"
	 "it.", 0},
	{"fingerprint", "fingerprint FILE...",
	 "print the source fingerprint printed in each\n"
	 "document's footer, to match paper to source.", NOTE_FILES},
	{"schema", "schema",
	 "print the RELAX NG schema of the source language.", 0},
	{"rules", "rules",
	 "print every rule: its name, level and what it\n"
	 "checks.", 0},
	{"help", "help [COMMAND]",
	 "print this, or one command's usage (also\n"
	 "mishto COMMAND --help).", 0},
};

#define MISHTO_NHELPS (sizeof mishto_helps / sizeof *mishto_helps)

/* A description, its lines indented to the column after the name. */
static void mishto_put_what(FILE *out, const char *name, const char *what)
{
	size_t n = strlen(name);
	fputs(name, out);
	if (n >= 13) {
		fputc('\n', out);
		n = 0;
	}
	for (; n < 13; n++)
		fputc(' ', out);
	for (const char *p = what; *p; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fputs("             ", out);
	}
	fputc('\n', out);
}

static const char mishto_usage_end[] =
    "A signed pledge names its form by id; mishto finds it among the\n"
    "FILEs, or as ID.xml in the pledge's folder or the folder above.\n"
    "\nExit status: 0 no errors, 1 a document has errors, 2 bad usage or"
    "\nenvironment (unreadable file, missing font, unwritable"
    " directory).\n";

void mishto_usage(FILE *out)
{
	for (size_t i = 0; i < MISHTO_NHELPS; i++)
		fprintf(out, "%smishto %s\n", i ? "       " : "usage: ",
		        mishto_helps[i].synopsis);
	fputs("       mishto --help | --version\n\n", out);
	for (size_t i = 0; i < MISHTO_NHELPS; i++)
		mishto_put_what(out, mishto_helps[i].name, mishto_helps[i].what);
	fputc('\n', out);
	for (size_t k = 0; k < sizeof mishto_notes / sizeof *mishto_notes; k++)
		fputs(mishto_notes[k].text, out);
	fputc('\n', out);
	fputs(mishto_usage_end, out);
}

int mishto_command_usage(FILE *out, const char *command)
{
	for (size_t i = 0; i < MISHTO_NHELPS; i++) {
		const struct mishto_help *h = &mishto_helps[i];
		if (strcmp(h->name, command) != 0)
			continue;
		fprintf(out, "usage: mishto %s\n\n", h->synopsis);
		mishto_put_what(out, h->name, h->what);
		if (h->notes)
			fputc('\n', out);
		for (size_t k = 0; k < sizeof mishto_notes / sizeof *mishto_notes;
		     k++)
			if (h->notes & mishto_notes[k].note)
				fputs(mishto_notes[k].text, out);
		fputc('\n', out);
		fputs(mishto_usage_end, out);
		return 0;
	}
	return -1;
}

const char *mishto_command_near(const char *command)
{
	const char *names[MISHTO_NHELPS];
	for (size_t i = 0; i < MISHTO_NHELPS; i++)
		names[i] = mishto_helps[i].name;
	return diag_nearest(command, names, MISHTO_NHELPS);
}

/* ---------------------------------------------------------------- */
/* folders as inputs                                                 */

struct mishto_list {
	char **v;
	size_t n, cap;
	int oom;
};

static void mishto_list_free(struct mishto_list *l)
{
	for (size_t k = 0; k < l->n; k++)
		free(l->v[k]);
	free(l->v);
}

static void mishto_list_add(struct mishto_list *l, const char *path)
{
	if (l->n == l->cap) {
		size_t n = l->cap ? l->cap * 2 : 32;
		char **v = realloc(l->v, n * sizeof *v);
		if (v == NULL) {
			l->oom = 1;
			return;
		}
		l->v = v;
		l->cap = n;
	}
	if ((l->v[l->n] = strdup(path)) == NULL)
		l->oom = 1;
	else
		l->n++;
}

int mishto_by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .xml files under dir: hidden ones and form-versions/ left out
 * (kept versions of a form are found by the pledges signed on them);
 * folders that are links are not followed, so no loop is walked. */
static void mishto_list_folder(struct mishto_list *l, const char *dir,
                               int depth)
{
	DIR *d = depth < 32 ? opendir(dir) : NULL;
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		if (name[0] == '.' || strcmp(name, "form-versions") == 0)
			continue;
		char path[PATH_MAX];
		if (snprintf(path, sizeof path, "%s%s%s", dir,
		             dir[strlen(dir) - 1] == '/' ? "" : "/", name) >=
		    (int)sizeof path)
			continue;
		struct stat sb;
		if (lstat(path, &sb) != 0)
			continue;
		size_t n = strlen(name);
		if (S_ISDIR(sb.st_mode))
			mishto_list_folder(l, path, depth + 1);
		else if (n > 4 && strcmp(name + n - 4, ".xml") == 0)
			mishto_list_add(l, path);
	}
	closedir(d);
}

int mishto_expand_folders(struct mishto *m)
{
	struct mishto_list l = {0};
	int folders = 0, stdin_seen = 0;
	for (int i = 0; i < m->nfiles && !l.oom; i++) {
		const char *f = m->files[i];
		struct stat sb;
		if (strcmp(f, "-") == 0 && stdin_seen++) {
			mishto_list_free(&l);
			return mishto_usage_error(m, "%s", "standard input (-) "
			                          "can be read once; give - once");
		}
		if (strcmp(f, "-") != 0 && stat(f, &sb) == 0 &&
		    S_ISDIR(sb.st_mode)) {
			size_t first = l.n;
			mishto_list_folder(&l, f, 0);
			/* in order, so a run does not depend on the disk */
			if (l.n - first > 1)
				qsort(l.v + first, l.n - first, sizeof *l.v,
				      mishto_by_string);
			if (l.n == first && !l.oom) {
				mishto_list_free(&l);
				return mishto_usage_error(
				    m, "%s: this folder holds no .xml files", f);
			}
			folders = 1;
		} else {
			mishto_list_add(&l, f);
		}
	}
	if (l.oom || !folders) {
		mishto_list_free(&l);
		if (l.oom) {
			fputs("mishto: error: out of memory\n", m->err);
			return MISHTO_EXIT_USAGE;
		}
		return MISHTO_EXIT_OK;
	}
	m->listed = l.v;
	m->nlisted = l.n;
	m->files = l.v;
	m->nfiles = (int)l.n;
	return MISHTO_EXIT_OK;
}

int mishto_usage_error(struct mishto *m, const char *fmt,
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
		else if (n == 4 && strncmp(p, "tree", 4) == 0)
			m->formats |= FORMAT_TREE;
		else if (n == 3 && strncmp(p, "csv", 3) == 0 && m->report &&
		         strcmp(m->report, "signatories") == 0)
			m->formats |= FORMAT_CSV;
		else
			return -1;
		p += n;
		if (*p == ',')
			p++;
	}
	return m->formats ? 0 : -1;
}

/* -W RULE (said even under -w), -Wno-RULE (never said), -Werror=RULE
 * (an error): only a warning's level can be set; an error stays one. */
static int mishto_rule_option(struct mishto *m, const char *spec)
{
	int setting = DIAG_RULE_ON;
	const char *name = spec;
	if (strncmp(spec, "no-", 3) == 0) {
		setting = DIAG_RULE_OFF;
		name = spec + 3;
	} else if (strncmp(spec, "error=", 6) == 0) {
		setting = DIAG_RULE_ERROR;
		name = spec + 6;
	}
	int k = diag_rule_index(name);
	char why[256];
	if (k < 0) {
		const char *near = diag_rule_near(name);
		snprintf(why, sizeof why, "-W: no rule is named \"%.80s\"%s%s%s "
		         "(mishto rules lists them)", name,
		         near ? "; did you mean " : "", near ? near : "",
		         near ? "?" : "");
		mishto_usage_error(m, "%s", why);
		return -1;
	}
	if (diag_rules[k].level != DIAG_WARNING) {
		snprintf(why, sizeof why, "-W: %s is an error, and an error "
		         "cannot be turned off or made a warning; only a "
		         "warning's level can be set", name);
		mishto_usage_error(m, "%s", why);
		return -1;
	}
	m->diag.rule_setting[k] = (unsigned char)setting;
	return 0;
}

int mishto_options(struct mishto *m, int argc, char **argv)
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
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			mishto_command_usage(stdout, m->command);
			m->helped = 1;
			return MISHTO_EXIT_OK;
		}
		/* Options with a value take it as the next argument or
		 * after '='; the name must match exactly. */
		static const char *const with_value[] = {
			"-o", "--layout", "--format", "--diagnostics",
			"--as-of", "--against", "--lang", "--form", "--since",
			"--max-errors", "-W"};
		const char *opt = NULL, *val = NULL;
		for (size_t k = 0; k < sizeof with_value / sizeof *with_value;
		     k++) {
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
		int imports = strcmp(m->command, "import") == 0;
		if (strcmp(opt, "-o") == 0 && (builds || imports)) {
			m->out_dir = val;
		} else if (strcmp(opt, "--form") == 0 && imports) {
			m->import_form = val;
		} else if (strcmp(a, "--force") == 0 && imports) {
			m->force = 1;
		} else if (strcmp(opt, "--layout") == 0 && builds) {
			m->layout = val;
		} else if (strcmp(opt, "--format") == 0 && builds && !m->site) {
			if (mishto_parse_formats(m, val) != 0)
				return mishto_usage_error(
				    m, m->report && strcmp(m->report,
				                           "signatories") == 0
				    ? "unknown --format \"%s\" (use pdf, html, "
				      "layout, tree, csv, separated by commas)"
				    : "unknown --format \"%s\" (use pdf, "
				      "html, layout, tree, separated by commas)", val);
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
		} else if (strcmp(opt, "--since") == 0 && m->site) {
			m->since = val;
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
		} else if (strcmp(opt, "--max-errors") == 0) {
			char *end;
			errno = 0;
			unsigned long n = strtoul(val, &end, 10);
			if (*val < '0' || *val > '9' || *end != '\0' ||
			    errno != 0 || n > 1000000000UL)
				return mishto_usage_error(
				    m, "--max-errors \"%s\" is not a number "
				    "(0 shows every error)", val);
			m->diag.max_errors = (unsigned)n;
		} else if (strcmp(a, "-Werror") == 0) {
			m->diag.werror = 1;
		} else if (strcmp(opt, "-W") == 0 ||
		           (strncmp(a, "-W", 2) == 0 && a[2] != '\0')) {
			if (mishto_rule_option(m, opt == a ? a + 2 : val) != 0)
				return MISHTO_EXIT_USAGE;
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
	if (strcmp(m->out_dir, "-") == 0 &&
	    (m->site || m->make_deps ||
	     (m->formats & (m->formats - 1)) != 0))
		return mishto_usage_error(m, "%s", "-o - writes one output to "
		                          "standard output: give one --format "
		                          "(and no -MD), or -o DIR");
	if (strcmp(m->command, "import") == 0 ||
	    strcmp(m->command, "keep-form") == 0)
		return MISHTO_EXIT_OK;
	return mishto_expand_folders(m);
}

/* ---------------------------------------------------------------- */
