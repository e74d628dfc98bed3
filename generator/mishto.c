/* mishto.c - the command: mishto_main reads the command line and runs
 * check, build, report, site, fingerprint or schema (the jobs are in
 * options.c, load.c, build.c and site.c). All state is in struct mishto,
 * so the command itself can be tested and fuzzed. */
#include "mishto.h"
#include "mishto_int.h"
#include "arena.h"
#include "parse.h"
#include "reserve.h"
#include "rules.h"
#include "check.h"
#include "source.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int mishto_check(struct mishto *m)
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

int mishto_ran_out(struct mishto *m)
{
	if (!reserve_tripped())
		return 0;
	if (!m->reported_oom)
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
	m->reported_oom = 1;
	return 1;
}

/* Whether path is a PDF (by its first bytes). */
static int mishto_is_pdf(const char *path)
{
	FILE *f = fopen(path, "rb");
	char head[5] = {0};
	int pdf = f != NULL && fread(head, 1, 5, f) == 5 &&
	          memcmp(head, "%PDF-", 5) == 0;
	if (f != NULL)
		fclose(f);
	return pdf;
}

int mishto_fingerprint(struct mishto *m)
{
	/* PDFs from the sources they carry; the rest as documents */
	int n = 0, rc = MISHTO_EXIT_OK;
	for (int i = 0; i < m->nfiles; i++)
		if (mishto_is_pdf(m->files[i])) {
			if (m->schema == NULL &&
			    (m->schema = parse_schema_load(&m->diag)) == NULL)
				return MISHTO_EXIT_USAGE;
			if (mishto_fingerprint_pdf(m, m->files[i]) != 0)
				rc = MISHTO_EXIT_ERRORS;
		} else {
			m->files[n++] = m->files[i];
		}
	m->nfiles = n;
	if (n == 0 || rc != MISHTO_EXIT_OK)
		return rc;
	rc = mishto_load(m);
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
	reserve_heap_in_huge_pages();
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
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    (strcmp(cmd, "help") == 0 && argc == 2)) {
		mishto_usage(stdout);
		mishto_finish_stdout(&m, &rc);
		return rc;
	}
	if (strcmp(cmd, "help") == 0) {
		/* help COMMAND; help report progress is help report */
		if (mishto_command_usage(stdout, argv[2]) != 0) {
			const char *near = mishto_command_near(argv[2]);
			char why[160];
			snprintf(why, sizeof why, "help: there is no command "
			         "\"%.60s\"%s%s%s", argv[2],
			         near ? "; did you mean " : "", near ? near : "",
			         near ? "?" : "");
			return mishto_usage_error(&m, "%s", why);
		}
		mishto_finish_stdout(&m, &rc);
		return rc;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("mishto %s\n", MISHTO_VERSION);
		mishto_finish_stdout(&m, &rc);
		return rc;
	}
	/* COMMAND --help (later options: see mishto_options) */
	if (argc >= 3 && (strcmp(argv[2], "--help") == 0 ||
	                  strcmp(argv[2], "-h") == 0) &&
	    mishto_command_usage(stdout, cmd) == 0) {
		mishto_finish_stdout(&m, &rc);
		return rc;
	}
	if (strcmp(cmd, "rules") == 0) {
		/* the registry, as the README's rules table */
		diag_rules_table(stdout);
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
	    strcmp(cmd, "site") != 0 && strcmp(cmd, "import") != 0 &&
	    strcmp(cmd, "keep-form") != 0) {
		const char *near = mishto_command_near(cmd);
		char why[160];
		snprintf(why, sizeof why, "unknown command \"%.60s\"%s%s%s", cmd,
		         near ? "; did you mean " : "", near ? near : "",
		         near ? "?" : "");
		return mishto_usage_error(&m, "%s", why);
	}
	m.command = cmd;
	m.first_option = 2;
	m.site = strcmp(cmd, "site") == 0;
	if (strcmp(cmd, "import") == 0)
		m.out_dir = "content/pledges";
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
	if (rc == MISHTO_EXIT_OK && !m.helped) {
		if (strcmp(cmd, "build") == 0 || m.report || m.site)
			rc = mishto_build(&m);
		else if (strcmp(cmd, "check") == 0)
			rc = mishto_check(&m);
		else if (strcmp(cmd, "import") == 0)
			rc = mishto_import(&m);
		else if (strcmp(cmd, "keep-form") == 0)
			rc = mishto_keep_form(&m);
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
		free(m.in[i].path);
	}
	free(m.in);
	free(m.refs);
	check_seen_free(m.check_seen);
	for (size_t i = 0; i < m.nlisted; i++)
		free(m.listed[i]);
	free(m.listed);
	parse_schema_free(m.schema);
	rules_free(m.rules);
	reserve_heap_end();
	return rc;
}
