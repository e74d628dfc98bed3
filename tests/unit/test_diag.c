/* test_diag.c - the diagnostics module: the rule registry and the README's
 * rules table, -W options by rule, the error limit. */
#include "testutil.h"

/* A diag writing to memory; td_text() gives what it wrote so far. */
struct td {
	struct diag d;
	char *buf;
	size_t len;
	FILE *out;
};

static void td_open(struct td *t)
{
	memset(t, 0, sizeof *t);
	t->out = open_memstream(&t->buf, &t->len);
	assert_non_null(t->out);
	diag_init(&t->d, t->out, DIAG_HUMAN);
}

static const char *td_text(struct td *t)
{
	fflush(t->out);
	return t->buf ? t->buf : "";
}

static void td_close(struct td *t)
{
	fclose(t->out);
	free(t->buf);
}

static size_t td_count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_readme_rules_table_is_the_registry(void **state)
{
	(void)state;
	FILE *f = fopen("README.md", "rb");
	assert_non_null(f);
	static char readme[1 << 20];
	size_t n = fread(readme, 1, sizeof readme - 1, f);
	fclose(f);
	readme[n] = '\0';
	const char *start = strstr(readme, "\n### Rules\n");
	assert_non_null(start);
	start = strstr(start, "| rule | level | what it checks |");
	assert_non_null(start);
	const char *end = strstr(start, "\n\n");
	assert_non_null(end);

	char *made = NULL;
	size_t made_len = 0;
	FILE *out = open_memstream(&made, &made_len);
	diag_rules_table(out);
	fclose(out);
	/* the README's table, line by line, is what the registry prints */
	size_t table_len = (size_t)(end - start) + 1;
	if (table_len != made_len || memcmp(start, made, made_len) != 0) {
		size_t i = 0;
		while (i < made_len && i < table_len && start[i] == made[i])
			i++;
		fail_msg("README's rules table and diag_rules.c differ at "
		         "\"%.60s\" (README) / \"%.60s\" (registry); "
		         "build/mishto rules prints the table",
		         start + i, made + i);
	}
	free(made);
}

static void test_rule_names_are_registered_once(void **state)
{
	(void)state;
	assert_true(diag_nrules <= DIAG_MAX_RULES);
	for (size_t i = 0; i < diag_nrules; i++) {
		assert_int_equal(diag_rule_index(diag_rules[i].name), (int)i);
		assert_true(diag_rules[i].level == DIAG_ERROR ||
		            diag_rules[i].level == DIAG_WARNING);
		assert_true(strlen(diag_rules[i].summary) > 10);
	}
	assert_int_equal(diag_rule_index("no-such-rule"), -1);
}

static void test_a_misspelt_rule_name_finds_the_nearest(void **state)
{
	(void)state;
	assert_string_equal(diag_rule_near("persnal-data"), "personal-data");
	assert_string_equal(diag_rule_near("brokenword"), "broken-word");
	assert_null(diag_rule_near("qqqqqqqqqqqqqqqqqqqq"));
}

static void test_errors_past_the_limit_are_counted_not_said(void **state)
{
	(void)state;
	struct td t;
	td_open(&t);
	t.d.max_errors = 2;
	struct loc l = {"a.xml", NULL, 3, 4};
	for (int i = 0; i < 5; i++) {
		diag_report(&t.d, DIAG_ERROR, &l, "email", "error %d", i);
		diag_report(&t.d, DIAG_NOTE, &l, NULL, "note %d", i);
	}
	diag_report(&t.d, DIAG_WARNING, &l, "contact", "a warning");
	diag_summary(&t.d);
	const char *s = td_text(&t);
	assert_int_equal(td_count(s, ": error: "), 2);
	assert_int_equal(td_count(s, ": note: "), 2);   /* theirs only */
	assert_non_null(strstr(s, "a warning"));
	assert_non_null(strstr(s, "5 errors (the first 2 shown; "
	                          "--max-errors=0 shows them all) and "
	                          "1 warning."));
	assert_true(diag_has_errors(&t.d));
	td_close(&t);
}

static void test_the_default_limit_is_twenty_errors(void **state)
{
	(void)state;
	struct td t;
	td_open(&t);
	struct loc l = {"a.xml", NULL, 1, 1};
	for (int i = 0; i < 30; i++)
		diag_report(&t.d, DIAG_ERROR, &l, "email", "error %d", i);
	assert_int_equal(td_count(td_text(&t), ": error: "), 20);
	td_close(&t);
}

static void test_wno_rule_leaves_out_that_rule_only(void **state)
{
	(void)state;
	struct td t;
	td_open(&t);
	t.d.rule_setting[diag_rule_index("contact")] = DIAG_RULE_OFF;
	struct loc l = {"a.xml", NULL, 1, 1};
	diag_report(&t.d, DIAG_WARNING, &l, "contact", "unsaid");
	diag_report(&t.d, DIAG_NOTE, &l, NULL, "its note, unsaid");
	diag_report(&t.d, DIAG_WARNING, &l, "report-due", "said");
	const char *s = td_text(&t);
	assert_null(strstr(s, "unsaid"));
	assert_non_null(strstr(s, "said [report-due]"));
	td_close(&t);
}

static void test_werror_rule_makes_that_warning_an_error(void **state)
{
	(void)state;
	struct td t;
	td_open(&t);
	t.d.rule_setting[diag_rule_index("contact")] = DIAG_RULE_ERROR;
	struct loc l = {"a.xml", NULL, 1, 1};
	diag_report(&t.d, DIAG_WARNING, &l, "contact", "now an error");
	diag_report(&t.d, DIAG_WARNING, &l, "report-due", "still a warning");
	const char *s = td_text(&t);
	assert_non_null(strstr(s, "error: now an error [-Werror,contact]"));
	assert_non_null(strstr(s, "warning: still a warning"));
	assert_true(diag_has_errors(&t.d));
	td_close(&t);
}

static void test_w_rule_says_it_under_minus_w(void **state)
{
	(void)state;
	struct td t;
	td_open(&t);
	t.d.no_warnings = 1;
	t.d.rule_setting[diag_rule_index("overdue")] = DIAG_RULE_ON;
	struct loc l = {"a.xml", NULL, 1, 1};
	diag_report(&t.d, DIAG_WARNING, &l, "overdue", "asked for");
	diag_report(&t.d, DIAG_WARNING, &l, "contact", "left out");
	const char *s = td_text(&t);
	assert_non_null(strstr(s, "asked for"));
	assert_null(strstr(s, "left out"));
	td_close(&t);
}

static void test_a_rule_not_in_the_registry_is_an_internal_error(void **state)
{
	(void)state;
	struct td t;
	td_open(&t);
	struct loc l = {"a.xml", NULL, 1, 1};
	diag_report(&t.d, DIAG_WARNING, &l, "no-such-rule", "a message");
	const char *s = td_text(&t);
	assert_non_null(strstr(s, "not in the registry"));
	assert_true(diag_has_errors(&t.d));
	assert_true(diag_environment_failed(&t.d));
	td_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readme_rules_table_is_the_registry),
		cmocka_unit_test(test_rule_names_are_registered_once),
		cmocka_unit_test(test_a_misspelt_rule_name_finds_the_nearest),
		cmocka_unit_test(test_errors_past_the_limit_are_counted_not_said),
		cmocka_unit_test(test_the_default_limit_is_twenty_errors),
		cmocka_unit_test(test_wno_rule_leaves_out_that_rule_only),
		cmocka_unit_test(test_werror_rule_makes_that_warning_an_error),
		cmocka_unit_test(test_w_rule_says_it_under_minus_w),
		cmocka_unit_test(test_a_rule_not_in_the_registry_is_an_internal_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
