/* options.c - the command line: options and their values, the usage. */
#include "mishto_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
		/* Options with a value take it as the next argument or
		 * after '='; the name must match exactly. */
		static const char *const with_value[] = {
			"-o", "--layout", "--format", "--diagnostics",
			"--as-of", "--against", "--lang", "--form",
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
				    m, m->report
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
	return MISHTO_EXIT_OK;
}

/* ---------------------------------------------------------------- */
