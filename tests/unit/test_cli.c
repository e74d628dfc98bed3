/* test_cli.c - the command line, run in-process through mishto_main: exit
 * statuses, diagnostics formats, which files a build writes (and that a
 * failed one writes none), the public edition, the environment. The
 * end-to-end checks of the built binary are in tests/cli.sh; these
 * complement them. */
#define _GNU_SOURCE   /* fopencookie, to see each write to the err stream */
#include "testutil.h"

#include "mishto.h"

#include <dirent.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Removes a directory and everything in it (one level of subfolders is
 * all the tests make, but it recurses anyway). */
static void ct_remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (d != NULL) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			char sub[4096];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			struct stat sb;
			if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
				ct_remove_tree(sub);
			else
				unlink(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

static void ct_remove_dir(void *p)
{
	ct_remove_tree(p);
	free(p);
}

static void ct_unset_epoch(void *p)
{
	(void)p;
	unsetenv("SOURCE_DATE_EPOCH");
}

static void ct_globfree(void *p)
{
	globfree(p);
	free(p);
}

/* A new empty directory, removed with its contents by the teardown. */
static char *ct_tmpdir(void)
{
	char *t = tu_keep_fn(strdup("/tmp/mishto-cli-XXXXXX"), ct_remove_dir);
	assert_non_null(mkdtemp(t));
	return t;
}

/* dir/name (kept). */
static char *ct_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = tu_keep(malloc(n));
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void ct_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The whole file (kept), or NULL if it cannot be read. */
static char *ct_read(const char *path)
{
	struct source *s = source_read(path);
	if (s == NULL)
		return NULL;
	char *t = s->text;
	s->text = NULL;
	source_free(s);
	return tu_keep(t);
}

static int ct_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, hidden ones too, sorted, one a line (kept). */
static char *ct_listing(const char *dir)
{
	char *names[64];
	size_t n = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 64)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, ct_cmp_str);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "%s\n", names[i]);
		free(names[i]);
	}
	fclose(f);
	return tu_keep(out);
}

/* ---- running mishto --------------------------------------------------- */

struct ct_run {
	int rc;
	char *err;     /* what went to the err stream (kept) */
	char *out;     /* what went to stdout (kept) */
};

/* Runs mishto_main with err captured, and stdout too (by pointing file
 * descriptor 1 at a temporary file for the call). */
static struct ct_run ct_run_argv(int argc, char **argv)
{
	struct ct_run r = {0};
	size_t elen = 0;
	FILE *err = open_memstream(&r.err, &elen);
	assert_non_null(err);
	FILE *out = tmpfile();
	assert_non_null(out);
	fflush(stdout);
	int saved = dup(1);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(out), 1) >= 0);
	r.rc = mishto_main(argc, argv, err);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	fclose(err);
	tu_keep(r.err);
	long n = ftell(out);
	assert_true(n >= 0);
	r.out = tu_keep(calloc((size_t)n + 1, 1));
	rewind(out);
	assert_int_equal(fread(r.out, 1, (size_t)n, out), (size_t)n);
	fclose(out);
	return r;
}

#define CT_MAXARGS 32

/* argv for `mishto A...` from a NULL-terminated list; returns argc. */
static int ct_args(char **argv, const char *first, va_list ap)
{
	int argc = 0;
	argv[argc++] = "mishto";
	for (const char *a = first; a != NULL; a = va_arg(ap, const char *)) {
		assert_true(argc < CT_MAXARGS - 1);
		argv[argc++] = (char *)a;
	}
	argv[argc] = NULL;
	return argc;
}

static struct ct_run ct_run_list(const char *first, ...)
{
	char *argv[CT_MAXARGS];
	va_list ap;
	va_start(ap, first);
	int argc = ct_args(argv, first, ap);
	va_end(ap);
	return ct_run_argv(argc, argv);
}

/* CT_RUN("build", "-o", dir, ...): `mishto build -o DIR ...` */
#define CT_RUN(...) ct_run_list(__VA_ARGS__, (const char *)NULL)

/* Runs mishto_main in a child process, so that a crash is seen as one
 * and does not take the test program with it, and fails the test unless
 * the child exits with status `want`; the child's stderr (mishto's
 * diagnostics, or a sanitizer's report) is shown when it does not. */
static void ct_expect_isolated(int want, int argc, char **argv)
{
	FILE *log = tmpfile();
	assert_non_null(log);
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static const int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGILL,
		                           SIGFPE};
		for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
			signal(sigs[i], SIG_DFL);
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 1);
		dup2(fileno(log), 2);
		_exit(mishto_main(argc, argv, stderr));
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	char text[600] = "";
	rewind(log);
	size_t n = fread(text, 1, sizeof text - 1, log);
	text[n] = '\0';
	fclose(log);
	char cmd[256] = "mishto";
	for (int i = 1; i < argc; i++) {
		strncat(cmd, " ", sizeof cmd - strlen(cmd) - 1);
		strncat(cmd, argv[i], sizeof cmd - strlen(cmd) - 1);
	}
	if (WIFSIGNALED(status))
		fail_msg("`%s` was killed by signal %d\n%s", cmd,
		         WTERMSIG(status), text);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want)
		fail_msg("`%s` exited with %d, not %d\n%s", cmd,
		         WIFEXITED(status) ? WEXITSTATUS(status) : -1, want,
		         text);
}

static void ct_expect_isolated_list(int want, const char *first, ...)
{
	char *argv[CT_MAXARGS];
	va_list ap;
	va_start(ap, first);
	int argc = ct_args(argv, first, ap);
	va_end(ap);
	ct_expect_isolated(want, argc, argv);
}

/* CT_EXPECT_ISOLATED(2, "build", ...): runs in a child, wants status 2. */
#define CT_EXPECT_ISOLATED(want, ...)                                      \
	ct_expect_isolated_list(want, __VA_ARGS__, (const char *)NULL)

#define CT_FORM "content/la-pledge.xml"
#define CT_ASHDOWN "content/pledges/ashdown-borough.xml"
#define CT_DUPLICATE "tests/bad/pledge-duplicate-commit.xml"

/* Lines of s (a copy, kept), split in place; returns how many. Every
 * line must end in a newline. */
static size_t ct_lines(const char *s, char **line, size_t max)
{
	char *c = tu_keep(strdup(s));
	size_t n = 0;
	for (char *p = c; *p && n < max;) {
		char *nl = strchr(p, '\n');
		assert_non_null(nl);
		line[n++] = p;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

/* ---- usage -------------------------------------------------------------- */

static void version_prints_the_version_and_exits_0(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("--version");
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	assert_string_equal(r.out, "mishto " MISHTO_VERSION "\n");
	assert_string_equal(r.err, "");
}

static void help_prints_the_usage_to_stdout_and_exits_0(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("--help");
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	assert_int_equal(strncmp(r.out, "usage: mishto build", 19), 0);
	assert_string_equal(r.err, "");
}

static void no_arguments_exits_2_with_the_usage(void **state)
{
	(void)state;
	char *argv[] = {"mishto", NULL};
	struct ct_run r = ct_run_argv(1, argv);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "usage: mishto"));
	assert_string_equal(r.out, "");
}

static void unknown_command_exits_2(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("compile", CT_FORM);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown command \"compile\""));
}

static void unknown_option_exits_2(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("check", "--bogus", CT_FORM);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown option \"--bogus\""));
}

static void build_only_option_is_refused_by_check(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("check", "--public", CT_FORM);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown option \"--public\""));
}

static void unknown_format_in_a_list_exits_2(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	struct ct_run r = CT_RUN("build", "--format", "pdf,bogus", "-o", dir,
	                         CT_FORM);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown --format \"pdf,bogus\""));
	assert_string_equal(ct_listing(dir), "");
}

static void unknown_diagnostics_format_exits_2(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("check", "--diagnostics=xml", CT_FORM);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown --diagnostics \"xml\""));
}

static void option_without_its_value_exits_2(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("build", "-o");
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "option -o needs a value"));
}

/* An option that only begins like a known one is an unknown option:
 * exit 2, not a crash. Run in a child process, since it may crash. */
static void format_prefix_option_exits_2(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	CT_EXPECT_ISOLATED(MISHTO_EXIT_USAGE, "build", "--formats", "html",
	                   "-o", dir, CT_FORM);
}

static void layout_prefix_option_exits_2(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	CT_EXPECT_ISOLATED(MISHTO_EXIT_USAGE, "build", "--layouts", "-o", dir,
	                   CT_FORM);
}

static void diagnostics_prefix_option_exits_2(void **state)
{
	(void)state;
	CT_EXPECT_ISOLATED(MISHTO_EXIT_USAGE, "check", "--diagnosticsx",
	                   CT_FORM);
}

/* ---- check and its diagnostics ---------------------------------------- */

static void check_of_the_content_tree_is_silent(void **state)
{
	(void)state;
	glob_t *g = tu_keep_fn(calloc(1, sizeof *g), ct_globfree);
	assert_int_equal(glob("content/pledges/*.xml", 0, NULL, g), 0);
	assert_true(g->gl_pathc >= 3);
	char *argv[16] = {"mishto", "check", CT_FORM};
	int argc = 3;
	for (size_t i = 0; i < g->gl_pathc && argc < 15; i++)
		argv[argc++] = g->gl_pathv[i];
	argv[argc] = NULL;
	struct ct_run r = ct_run_argv(argc, argv);
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out, "");
}

static void json_diagnostics_are_one_object_per_line(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("check", "--diagnostics=json", CT_FORM,
	                         CT_DUPLICATE);
	assert_int_equal(r.rc, MISHTO_EXIT_ERRORS);
	char *line[8];
	size_t n = ct_lines(r.err, line, 8);
	assert_int_equal(n, 2);
	static const char *const keys[] = {
		"\"file\":", "\"line\":", "\"column\":", "\"level\":",
		"\"rule\":", "\"message\":"};
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(line[i]);
		assert_true(len > 2 && line[i][0] == '{' &&
		            line[i][len - 1] == '}');
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			if (strstr(line[i], keys[k]) == NULL)
				fail_msg("line %zu has no %s: %s", i + 1,
				         keys[k], line[i]);
		assert_non_null(strstr(line[i],
		    "\"file\":\"" CT_DUPLICATE "\""));
	}
	assert_non_null(strstr(line[0], "\"level\":\"error\""));
	assert_non_null(strstr(line[0], "\"rule\":\"duplicate-commit\""));
	assert_non_null(strstr(line[0], "\"line\":14,\"column\":3"));
	assert_non_null(strstr(line[1], "\"level\":\"note\""));
	assert_non_null(strstr(line[1], "\"line\":5,\"column\":3"));
	/* no human summary in a machine format */
	assert_null(strstr(r.err, "1 error."));
}

static void github_diagnostics_are_annotations(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("check", "--diagnostics=github", CT_FORM,
	                         CT_DUPLICATE);
	assert_int_equal(r.rc, MISHTO_EXIT_ERRORS);
	char *line[8];
	size_t n = ct_lines(r.err, line, 8);
	assert_int_equal(n, 2);
	assert_int_equal(strncmp(line[0], "::error file=" CT_DUPLICATE
	                         ",line=14,col=3,title=duplicate-commit::",
	                         strlen("::error file=" CT_DUPLICATE
	                                ",line=14,col=3,title="
	                                "duplicate-commit::")),
	                 0);
	assert_int_equal(strncmp(line[1], "::notice file=" CT_DUPLICATE
	                         ",line=5,col=3::",
	                         strlen("::notice file=" CT_DUPLICATE
	                                ",line=5,col=3::")),
	                 0);
}

/* ---- one write per diagnostic ------------------------------------------ */

/* What reached an unbuffered stream, one piece per write call. */
struct ct_writes {
	char *piece[16];
	size_t n;
};

static ssize_t ct_record_write(void *cookie, const char *buf, size_t size)
{
	struct ct_writes *w = cookie;
	if (w->n < 16)
		w->piece[w->n] = tu_keep(strndup(buf, size));
	w->n++;
	return (ssize_t)size;
}

/* mishto_main with its err stream unbuffered, as standard error is. */
static struct ct_writes ct_run_unbuffered(const char *format)
{
	struct ct_writes w = {0};
	cookie_io_functions_t io = {.write = ct_record_write};
	FILE *err = fopencookie(&w, "w", io);
	assert_non_null(err);
	assert_int_equal(setvbuf(err, NULL, _IONBF, 0), 0);
	char *argv[] = {"mishto", "check", (char *)format, CT_FORM,
	                CT_DUPLICATE, NULL};
	assert_int_equal(mishto_main(5, argv, err), MISHTO_EXIT_ERRORS);
	fclose(err);
	return w;
}

/* Standard error is unbuffered: a message written piece by piece took a
 * system call per byte under the sanitizers (10,000 errors, millions of
 * calls). Each message, its quoted line and caret included, is one
 * write; so is the summary. */
static void each_diagnostic_is_one_write(void **state)
{
	(void)state;
	struct ct_writes w = ct_run_unbuffered("--diagnostics=human");
	assert_int_equal(w.n, 3);
	assert_true(strncmp(w.piece[0], CT_DUPLICATE ":14:3: error: ",
	                    strlen(CT_DUPLICATE ":14:3: error: ")) == 0);
	assert_non_null(strstr(w.piece[0], "[duplicate-commit]\n   14 | "));
	assert_non_null(strstr(w.piece[0], "\n      |   ^\n"));
	assert_true(strncmp(w.piece[1], CT_DUPLICATE ":5:3: note: ",
	                    strlen(CT_DUPLICATE ":5:3: note: ")) == 0);
	assert_string_equal(w.piece[2], "1 error.\n");
	for (size_t i = 0; i < w.n; i++)
		assert_int_equal(w.piece[i][strlen(w.piece[i]) - 1], '\n');

	for (int f = 0; f < 2; f++) {
		w = ct_run_unbuffered(f ? "--diagnostics=github"
		                        : "--diagnostics=json");
		assert_int_equal(w.n, 2);
		for (size_t i = 0; i < w.n; i++) {
			char *nl = strchr(w.piece[i], '\n');
			assert_non_null(nl);
			assert_int_equal(nl[1], '\0');
		}
	}
}

static void werror_turns_a_warning_into_exit_1(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	char *pledge = ct_path(dir, "werror-test-pledge.xml");
	char *xml = tu_keep(tu_replace(tu_valid_pledge,
	    "  <report-due>2027-04-30</report-due>\n", ""));
	ct_write(pledge, xml);
	/* its only flaw: the missing report date, a warning */
	struct tu_result t = tu_check_pledge(xml);
	int warned = tu_has(&t, "warning", "report-due");
	unsigned errors = t.errors, warnings = t.warnings;
	tu_free(&t);
	assert_true(warned);
	assert_int_equal(errors, 0);
	assert_int_equal(warnings, 1);

	struct ct_run r = CT_RUN("check", CT_FORM, pledge);
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	assert_non_null(strstr(r.err, "warning: "));
	assert_non_null(strstr(r.err, "[report-due]"));

	r = CT_RUN("check", "-Werror", CT_FORM, pledge);
	assert_int_equal(r.rc, MISHTO_EXIT_ERRORS);
	assert_non_null(strstr(r.err, "error: "));
	assert_non_null(strstr(r.err, "[-Werror,report-due]"));
}

/* ---- build: which files ------------------------------------------------- */

static void format_layout_writes_only_the_layout_dump(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	struct ct_run r = CT_RUN("build", "--format", "layout", "-o", dir,
	                         CT_FORM);
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	assert_string_equal(ct_listing(dir), "la-pledge.layout.txt\n");
	char *dump = ct_read(ct_path(dir, "la-pledge.layout.txt"));
	assert_non_null(dump);
	assert_int_equal(strncmp(dump, "document 595.28 x 841.89,", 25), 0);
}

static void format_html_writes_only_html(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	struct ct_run r = CT_RUN("build", "--format=html", "-o", dir, CT_FORM,
	                         CT_ASHDOWN);
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	assert_string_equal(ct_listing(dir),
	                    "ashdown-borough.html\nla-pledge.html\n");
}

static void failed_build_keeps_the_old_output_and_adds_nothing(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	char *old = ct_path(dir, "pledge-duplicate-commit.html");
	ct_write(old, "old\n");
	struct ct_run r = CT_RUN("build", "-o", dir, CT_FORM, CT_DUPLICATE);
	assert_int_equal(r.rc, MISHTO_EXIT_ERRORS);
	assert_non_null(strstr(r.err, "[duplicate-commit]"));
	assert_string_equal(ct_read(old), "old\n");
	/* hidden temporaries included */
	assert_string_equal(ct_listing(dir), "pledge-duplicate-commit.html\n");
}

/* When an output cannot be moved into place (here a folder has its
 * name), the build fails with 2 and no staged temporary is left behind. */
static void failed_commit_leaves_no_temporaries(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	assert_int_equal(mkdir(ct_path(dir, "la-pledge.html"), 0777), 0);
	struct ct_run r = CT_RUN("build", "-o", dir, CT_FORM);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "la-pledge.html"));
	char *list = ct_listing(dir);
	for (const char *p = list; *p; p = strchr(p, '\n') + 1)
		if (*p == '.')
			fail_msg("a temporary is left: %s", list);
}

static void inputs_with_the_same_file_name_exit_2(void **state)
{
	(void)state;
	char *src = ct_tmpdir();
	char *out = ct_tmpdir();
	char *copy = ct_path(src, "la-pledge.xml");
	ct_write(copy, ct_read(CT_FORM));
	struct ct_run r = CT_RUN("build", "-o", out, CT_FORM, copy);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "two inputs would both write"));
	assert_string_equal(ct_listing(out), "");
}

/* NAME.xml and NAME (no extension) both write NAME.pdf and NAME.html:
 * that is a collision too, even though the file names differ. */
static void inputs_whose_outputs_would_collide_exit_2(void **state)
{
	(void)state;
	char *src = ct_tmpdir();
	char *out = ct_tmpdir();
	char *copy = ct_path(src, "ashdown-borough");
	char *xml = tu_keep(tu_replace(ct_read(CT_ASHDOWN),
	                               "id=\"ashdown-borough\"",
	                               "id=\"ashdown-copy\""));
	ct_write(copy, xml);
	struct ct_run r = CT_RUN("build", "--format", "html", "-o", out,
	                         CT_FORM, CT_ASHDOWN, copy);
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_string_equal(ct_listing(out), "");
}

/* ---- build: content ------------------------------------------------------ */

static const char *const ct_personal[] = {
	"equalities@ashdown.example", "0113 496 0427", "\xC8\x98tefania",
	"Community Cohesion Officer"};
#define CT_NPERSONAL (sizeof ct_personal / sizeof *ct_personal)

static void normal_build_shows_the_contact_details(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	struct ct_run r = CT_RUN("build", "--format", "html,layout", "-o", dir,
	                         CT_FORM, CT_ASHDOWN);
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	char *html = ct_read(ct_path(dir, "ashdown-borough.html"));
	char *dump = ct_read(ct_path(dir, "ashdown-borough.layout.txt"));
	assert_non_null(html);
	assert_non_null(dump);
	for (size_t i = 0; i < CT_NPERSONAL; i++) {
		assert_non_null(strstr(html, ct_personal[i]));
		assert_non_null(strstr(dump, ct_personal[i]));
	}
}

static void public_build_leaves_out_the_contact_details(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	struct ct_run r = CT_RUN("build", "--public", "--format", "html,layout",
	                         "-o", dir, CT_FORM, CT_ASHDOWN);
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	char *html = ct_read(ct_path(dir, "ashdown-borough.html"));
	char *dump = ct_read(ct_path(dir, "ashdown-borough.layout.txt"));
	assert_non_null(html);
	assert_non_null(dump);
	for (size_t i = 0; i < CT_NPERSONAL; i++) {
		if (strstr(html, ct_personal[i]))
			fail_msg("the public HTML shows \"%s\"",
			         ct_personal[i]);
		if (strstr(dump, ct_personal[i]))
			fail_msg("the public layout shows \"%s\"",
			         ct_personal[i]);
	}
	/* the rest of the pledge is still there */
	assert_non_null(strstr(html, "Ashdown Borough Council"));
	assert_non_null(strstr(dump, "31/01/2027"));
}

/* ---- environment ---------------------------------------------------------- */

static void source_date_epoch_that_is_not_a_number_exits_2(void **state)
{
	(void)state;
	char *dir = ct_tmpdir();
	static int epoch_set;
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "not-a-number", 1), 0);
	tu_keep_fn(&epoch_set, ct_unset_epoch);   /* unset by the teardown */
	struct ct_run r = CT_RUN("build", "-o", dir, CT_FORM);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(r.rc, MISHTO_EXIT_USAGE);
	assert_non_null(strstr(r.err, "SOURCE_DATE_EPOCH=\"not-a-number\""));
	assert_string_equal(ct_listing(dir), "");
}

static void fingerprint_prints_one_line_per_input(void **state)
{
	(void)state;
	struct ct_run r = CT_RUN("fingerprint", CT_ASHDOWN);
	assert_int_equal(r.rc, MISHTO_EXIT_OK);
	assert_string_equal(r.err, "");
	/* "sha256:" 12 hex digits, two spaces, the path; not the form the
	 * pledge found by itself */
	assert_int_equal(strlen(r.out), 19 + 2 + strlen(CT_ASHDOWN) + 1);
	assert_int_equal(strncmp(r.out, "sha256:", 7), 0);
	for (int i = 7; i < 19; i++)
		assert_non_null(strchr("0123456789abcdef", r.out[i]));
	assert_string_equal(r.out + 19, "  " CT_ASHDOWN "\n");
}

#define CT_TEST(f) cmocka_unit_test_teardown(f, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		CT_TEST(version_prints_the_version_and_exits_0),
		CT_TEST(help_prints_the_usage_to_stdout_and_exits_0),
		CT_TEST(no_arguments_exits_2_with_the_usage),
		CT_TEST(unknown_command_exits_2),
		CT_TEST(unknown_option_exits_2),
		CT_TEST(build_only_option_is_refused_by_check),
		CT_TEST(unknown_format_in_a_list_exits_2),
		CT_TEST(unknown_diagnostics_format_exits_2),
		CT_TEST(option_without_its_value_exits_2),
		CT_TEST(format_prefix_option_exits_2),
		CT_TEST(layout_prefix_option_exits_2),
		CT_TEST(diagnostics_prefix_option_exits_2),
		CT_TEST(check_of_the_content_tree_is_silent),
		CT_TEST(json_diagnostics_are_one_object_per_line),
		CT_TEST(github_diagnostics_are_annotations),
		CT_TEST(each_diagnostic_is_one_write),
		CT_TEST(werror_turns_a_warning_into_exit_1),
		CT_TEST(format_layout_writes_only_the_layout_dump),
		CT_TEST(format_html_writes_only_html),
		CT_TEST(failed_build_keeps_the_old_output_and_adds_nothing),
		CT_TEST(failed_commit_leaves_no_temporaries),
		CT_TEST(inputs_with_the_same_file_name_exit_2),
		CT_TEST(inputs_whose_outputs_would_collide_exit_2),
		CT_TEST(normal_build_shows_the_contact_details),
		CT_TEST(public_build_leaves_out_the_contact_details),
		CT_TEST(source_date_epoch_that_is_not_a_number_exits_2),
		CT_TEST(fingerprint_prints_one_line_per_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
