/* test_check.c - the rules of signed pledges and pledge forms, one
 * behaviour per test. */
#include "testutil.h"

static void valid_pledge_has_no_diagnostics(void **state)
{
	(void)state;
	struct tu_result r = tu_check_pledge(tu_valid_pledge);
	assert_int_equal(r.check_rc, 0);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 0);
	tu_free(&r);
}

static void action_point_without_commit_is_named_with_its_steps(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge,
	    "  <commit step=\"inclusive-child-protection/strength-based\"/>\n",
	    "");
	struct tu_result r = tu_check_pledge(x);
	assert_true(tu_has(&r, "error", "action-point-uncommitted"));
	assert_non_null(strstr(r.diag, "\\\"inclusive-child-protection\\\""));
	assert_non_null(strstr(r.diag,
	    "inclusive-child-protection/strength-based, "
	    "inclusive-child-protection/capacity-assessments"));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_pledge_has_no_diagnostics),
		cmocka_unit_test(action_point_without_commit_is_named_with_its_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
