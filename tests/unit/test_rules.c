/* test_rules.c - one test per rule of check.c: each asserts the diagnostic
 * the rule gives (its level, its name, where it points and the value it
 * names), so removing the rule fails the test. Signed pledges are variants
 * of tu_valid_pledge; pledge forms are small texts written here. */
#include "testutil.h"

#include <glob.h>

#include "arena.h"

/* ---- helpers -------------------------------------------------------- */

/* Whether a diagnostic of this level and rule (NULL: a note) points at
 * line:col. */
static int has_at(const struct tu_result *r, const char *level,
                  const char *rule, int line, int col)
{
	char want[192];
	if (rule != NULL)
		snprintf(want, sizeof want,
		         "\"line\":%d,\"column\":%d,\"level\":\"%s\","
		         "\"rule\":\"%s\"", line, col, level, rule);
	else
		snprintf(want, sizeof want,
		         "\"line\":%d,\"column\":%d,\"level\":\"%s\","
		         "\"rule\":null", line, col, level);
	return r->diag != NULL && strstr(r->diag, want) != NULL;
}

/* Whether the first diagnostic of this level and rule has needle in its
 * JSON line (the message escapes quotes as \"). */
static int says(const struct tu_result *r, const char *level,
                const char *rule, const char *needle)
{
	char want[128];
	snprintf(want, sizeof want, "\"level\":\"%s\",\"rule\":\"%s\"", level,
	         rule);
	const char *at = r->diag ? strstr(r->diag, want) : NULL;
	if (at == NULL)
		return 0;
	const char *start = at, *end = strchr(at, '\n');
	while (start > r->diag && start[-1] != '\n')
		start--;
	if (end == NULL)
		end = at + strlen(at);
	size_t nl = strlen(needle);
	for (const char *p = start; p + nl <= end; p++)
		if (memcmp(p, needle, nl) == 0)
			return 1;
	return 0;
}

/* The valid pledge with one more line inserted before <support ...>. */
static char *pledge_with_line(const char *line)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s  <support option=\"training\"/>\n",
	         line);
	return tu_replace(tu_valid_pledge, "  <support option=\"training\"/>\n",
	                  buf);
}

/* Checks a variant of the valid pledge: the first from replaced by to. */
static struct tu_result check_variant(const char *from, const char *to)
{
	char *x = tu_replace(tu_valid_pledge, from, to);
	struct tu_result r = tu_check_pledge(x);
	free(x);
	return r;
}

/* A small pledge form that breaks no rule. Line numbers are used below. */
static const char mini_form[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                /* 1 */
    "<pledge-form xmlns=\"urn:mishto:1\" id=\"mini-form\""
    " xml:lang=\"en\">\n"                                         /* 2 */
    "  <title>Mini Form</title>\n"                                /* 3 */
    "  <actions>\n"                                               /* 4 */
    "    <group id=\"g1\" title=\"Group One\">\n"                 /* 5 */
    "      <action-point id=\"ap1\" title=\"First\">\n"           /* 6 */
    "        <step id=\"s1\">Step one text.</step>\n"             /* 7 */
    "        <step id=\"s2\">Step two text.</step>\n"             /* 8 */
    "      </action-point>\n"                                     /* 9 */
    "      <action-point id=\"ap2\" title=\"Second\">\n"          /* 10 */
    "        <step id=\"s1\">Other step one.</step>\n"            /* 11 */
    "      </action-point>\n"                                     /* 12 */
    "    </group>\n"                                              /* 13 */
    "  </actions>\n"                                              /* 14 */
    "  <support>\n"                                               /* 15 */
    "    <option id=\"o1\">Option one</option>\n"                 /* 16 */
    "    <option id=\"o2\">Option two</option>\n"                 /* 17 */
    "  </support>\n"                                              /* 18 */
    "  <monitoring>\n"                                            /* 19 */
    "    <p>Report yearly.</p>\n"                                 /* 20 */
    "    <report-due/>\n"                                         /* 21 */
    "  </monitoring>\n"                                           /* 22 */
    "  <contact/>\n"                                              /* 23 */
    "</pledge-form>\n";                                           /* 24 */

/* A pledge of mini_form that breaks no rule. */
static const char mini_pledge[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<pledge xmlns=\"urn:mishto:1\" id=\"mini-pledge\" xml:lang=\"en\"\n"
    "        form=\"mini-form\" authority=\"Testbury Council\""
    " signed=\"2026-05-01\">\n"
    "  <commit step=\"ap1/s1\"/>\n"
    "  <commit step=\"ap2/s1\"/>\n"
    "  <support option=\"o1\"/>\n"
    "  <report-due>2027-04-30</report-due>\n"
    "  <contact name=\"Jane Smith\" email=\"jane@testbury.example\"/>\n"
    "</pledge>\n";

static struct tu_result check_form_text(const char *xml)
{
	const char *names[1] = {"mini-form.xml"};
	const char *texts[1] = {xml};
	return tu_check(1, names, texts);
}

/* mini_form with the first from replaced by to, checked alone. */
static struct tu_result check_form_variant(const char *from, const char *to)
{
	char *x = tu_replace(mini_form, from, to);
	struct tu_result r = check_form_text(x);
	free(x);
	return r;
}

/* Parses and checks one form given as text (kept: freed by the
 * teardown). */
static struct tu_run *run_form(const char *xml)
{
	const char *names[1] = {"mini-form.xml"};
	const char *texts[1] = {xml};
	return tu_run_docs(1, names, texts, NULL);
}

static struct pledge_step *find_step(struct pledge_form *f, const char *name)
{
	for (struct pledge_group *g = f->groups; g; g = g->next)
		for (struct action_point *a = g->action_points; a; a = a->next)
			for (struct pledge_step *s = a->steps; s; s = s->next)
				if (strcmp(s->name, name) == 0)
					return s;
	return NULL;
}

/* ---- signed pledges: references ------------------------------------- */

static void unknown_step_of_known_action_point_lists_its_steps(void **state)
{
	(void)state;
	char *x = pledge_with_line(
	    "  <commit step=\"promote-culture/no-such-step\"/>\n");
	struct tu_result r = tu_check_pledge(x);
	assert_true(tu_has(&r, "error", "step-reference"));
	/* the new line is 13; the value starts after '  <commit step="' */
	assert_true(has_at(&r, "error", "step-reference", 13, 17));
	assert_true(says(&r, "error", "step-reference",
	                 "\\\"promote-culture\\\" has no step"
	                 " \\\"no-such-step\\\""));
	assert_true(says(&r, "error", "step-reference",
	                 "promote-culture/calendar-events, "
	                 "promote-culture/heritage-events"));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

static void unknown_action_point_is_a_step_reference_error(void **state)
{
	(void)state;
	char *x = pledge_with_line("  <commit step=\"no-such-point/step\"/>\n");
	struct tu_result r = tu_check_pledge(x);
	assert_true(has_at(&r, "error", "step-reference", 13, 17));
	assert_true(says(&r, "error", "step-reference",
	                 "form \\\"la-pledge\\\" has no action point "
	                 "\\\"no-such-point\\\""));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

static void step_reference_without_slash_is_an_error(void **state)
{
	(void)state;
	char *x = pledge_with_line("  <commit step=\"promote-culture\"/>\n");
	struct tu_result r = tu_check_pledge(x);
	assert_true(has_at(&r, "error", "step-reference", 13, 17));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

static void duplicate_commit_is_an_error_pointing_at_the_second(void **state)
{
	(void)state;
	char *x = pledge_with_line(
	    "  <commit step=\"promote-culture/calendar-events\"/>\n");
	struct tu_result r = tu_check_pledge(x);
	assert_true(has_at(&r, "error", "duplicate-commit", 13, 3));
	assert_true(says(&r, "error", "duplicate-commit",
	                 "\\\"promote-culture/calendar-events\\\""));
	/* the note points at the first commit, line 4 */
	assert_true(has_at(&r, "note", NULL, 4, 3));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

static void unknown_support_option_lists_the_options(void **state)
{
	(void)state;
	struct tu_result r = check_variant("<support option=\"training\"/>",
	                                   "<support option=\"massage\"/>");
	/* line 13: '  <support option="' is 19 characters */
	assert_true(has_at(&r, "error", "option-reference", 13, 20));
	assert_true(says(&r, "error", "option-reference",
	                 "no support option \\\"massage\\\""));
	assert_true(says(&r, "error", "option-reference",
	                 "training, networking, materials, research"));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void support_option_asked_twice_is_duplicate_support(void **state)
{
	(void)state;
	char *x = pledge_with_line("  <support option=\"training\"/>\n");
	struct tu_result r = tu_check_pledge(x);
	/* the first <support> (inserted) is line 13, the second line 14 */
	assert_true(has_at(&r, "error", "duplicate-support", 14, 3));
	assert_true(says(&r, "error", "duplicate-support", "\\\"training\\\""));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

static void support_other_needs_an_other_line_in_the_form(void **state)
{
	(void)state;
	char *p = tu_replace(mini_pledge, "  <report-due>",
	                     "  <support-other>Leaflets</support-other>\n"
	                     "  <report-due>");
	const char *names[2] = {"mini-form.xml", "mini-pledge.xml"};
	const char *texts[2] = {mini_form, p};
	struct tu_result r = tu_check(2, names, texts);
	assert_true(has_at(&r, "error", "support-other", 7, 3));
	assert_true(says(&r, "error", "support-other", "\\\"mini-form\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);

	/* the same pledge is fine once the form has <other/> */
	char *f = tu_replace(mini_form, "  </support>", "    <other/>\n"
	                                                "  </support>");
	texts[0] = f;
	r = tu_check(2, names, texts);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 0);
	tu_free(&r);
	free(f);
	free(p);
}

static void missing_form_is_a_form_reference_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("form=\"la-pledge\"",
	                                   "form=\"no-such-form\"");
	assert_true(has_at(&r, "error", "form-reference", 3, 15));
	assert_true(says(&r, "error", "form-reference",
	                 "no pledge form with id \\\"no-such-form\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void form_reference_naming_a_pledge_is_an_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "form=\"la-pledge\"",
	                     "form=\"ashdown-borough\"");
	const char *names[3] = {TU_FORM_PATH,
	                        "content/pledges/ashdown-borough.xml",
	                        "test-pledge.xml"};
	const char *texts[3] = {NULL, NULL, x};
	struct tu_result r = tu_check(3, names, texts);
	assert_true(has_at(&r, "error", "form-reference", 3, 15));
	assert_true(says(&r, "error", "form-reference",
	                 "\\\"ashdown-borough\\\" is a pledge, not a pledge"
	                 " form"));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

/* ---- signed pledges: dates -------------------------------------------- */

static void nonexistent_day_is_a_date_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("by=\"2027-01-31\"",
	                                   "by=\"2027-02-30\"");
	assert_true(has_at(&r, "error", "date", 4, 54));
	assert_true(says(&r, "error", "date", "\\\"2027-02-30\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void month_13_is_a_date_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("by=\"2027-01-31\"",
	                                   "by=\"2027-13-01\"");
	assert_true(has_at(&r, "error", "date", 4, 54));
	assert_true(says(&r, "error", "date", "\\\"2027-13-01\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void uk_numeric_date_is_a_date_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("by=\"2027-01-31\"",
	                                   "by=\"30/06/2027\"");
	assert_true(has_at(&r, "error", "date", 4, 54));
	assert_true(says(&r, "error", "date", "\\\"30/06/2027\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void leap_day_of_a_leap_year_is_a_valid_date(void **state)
{
	(void)state;
	struct tu_result r = check_variant("by=\"2027-01-31\"",
	                                   "by=\"2028-02-29\"");
	assert_false(tu_has(&r, "error", "date"));
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 0);
	tu_free(&r);
}

static void leap_day_of_a_common_year_is_a_date_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("by=\"2027-01-31\"",
	                                   "by=\"2027-02-29\"");
	assert_true(has_at(&r, "error", "date", 4, 54));
	assert_true(says(&r, "error", "date", "\\\"2027-02-29\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void invalid_signing_date_is_a_date_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("signed=\"2026-05-01\"",
	                                   "signed=\"2026-5-1\"");
	assert_true(has_at(&r, "error", "date", 3, 63));
	assert_true(says(&r, "error", "date", "signing date \\\"2026-5-1\\\""));
	tu_free(&r);
}

static void invalid_report_date_is_a_date_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("<report-due>2027-04-30<",
	                                   "<report-due>2027-04-31<");
	assert_true(has_at(&r, "error", "date", 14, 3));
	assert_true(says(&r, "error", "date", "\\\"2027-04-31\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void check_parse_date_is_strict_iso(void **state)
{
	(void)state;
	int y = 0, m = 0, d = 0;
	assert_true(check_parse_date("2028-02-29", &y, &m, &d));
	assert_int_equal(y, 2028);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	assert_true(check_parse_date("2000-02-29", &y, &m, &d));
	assert_false(check_parse_date("1900-02-29", &y, &m, &d));
	assert_false(check_parse_date("2027-02-29", &y, &m, &d));
	assert_false(check_parse_date("2027-02-30", &y, &m, &d));
	assert_false(check_parse_date("2027-13-01", &y, &m, &d));
	assert_false(check_parse_date("2027-00-10", &y, &m, &d));
	assert_false(check_parse_date("2027-01-00", &y, &m, &d));
	assert_false(check_parse_date("30/06/2027", &y, &m, &d));
	assert_false(check_parse_date("2027-6-30", &y, &m, &d));
	assert_false(check_parse_date("2027-06-30 ", &y, &m, &d));
	assert_false(check_parse_date(NULL, &y, &m, &d));
}

static void deadline_before_signing_is_an_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("by=\"2027-01-31\"",
	                                   "by=\"2026-04-30\"");
	assert_true(has_at(&r, "error", "deadline-before-signing", 4, 54));
	assert_true(says(&r, "error", "deadline-before-signing",
	                 "2026-04-30 for step"
	                 " \\\"promote-culture/calendar-events\\\""));
	assert_true(says(&r, "error", "deadline-before-signing", "2026-05-01"));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void deadline_on_the_signing_date_is_allowed(void **state)
{
	(void)state;
	struct tu_result r = check_variant("by=\"2027-01-31\"",
	                                   "by=\"2026-05-01\"");
	assert_false(tu_has(&r, "error", "deadline-before-signing"));
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 0);
	tu_free(&r);
}

static void report_due_before_signing_is_an_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("<report-due>2027-04-30<",
	                                   "<report-due>2026-04-30<");
	assert_true(has_at(&r, "error", "report-due-before-signing", 14, 3));
	assert_true(says(&r, "error", "report-due-before-signing",
	                 "2026-04-30"));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void report_due_on_the_signing_date_is_an_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("<report-due>2027-04-30<",
	                                   "<report-due>2026-05-01<");
	assert_true(has_at(&r, "error", "report-due-before-signing", 14, 3));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void report_due_more_than_13_months_after_signing_warns(void **state)
{
	(void)state;
	/* signed 2026-05-01: 13 months later is 2027-06-01 */
	struct tu_result r = check_variant("<report-due>2027-04-30<",
	                                   "<report-due>2027-06-02<");
	assert_true(has_at(&r, "warning", "report-due-late", 14, 3));
	assert_true(says(&r, "warning", "report-due-late", "2027-06-02"));
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 1);
	assert_int_equal(r.check_rc, 0);
	tu_free(&r);
}

static void report_due_13_months_after_signing_does_not_warn(void **state)
{
	(void)state;
	struct tu_result r = check_variant("<report-due>2027-04-30<",
	                                   "<report-due>2027-06-01<");
	assert_false(tu_has(&r, "warning", "report-due-late"));
	assert_int_equal(r.warnings, 0);
	tu_free(&r);
}

static void report_due_12_months_after_signing_does_not_warn(void **state)
{
	(void)state;
	struct tu_result r = check_variant("<report-due>2027-04-30<",
	                                   "<report-due>2027-05-01<");
	assert_false(tu_has(&r, "warning", "report-due-late"));
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 0);
	tu_free(&r);
}

/* Signed on the 29th of March: 13 months later is the 29th of April, which
 * must not warn any more than 2027-06-01 does for a pledge signed on
 * 2026-05-01. */
static void report_due_13_months_after_a_29th_does_not_warn(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "signed=\"2026-05-01\"",
	                     "signed=\"2026-03-29\"");
	char *y = tu_replace(x, "<report-due>2027-04-30<",
	                     "<report-due>2027-04-29<");
	struct tu_result r = tu_check_pledge(y);
	int late = tu_has(&r, "warning", "report-due-late");
	unsigned warnings = r.warnings;
	free(x);
	free(y);
	tu_free(&r);
	assert_false(late);
	assert_int_equal(warnings, 0);
}

static void missing_report_due_warns(void **state)
{
	(void)state;
	struct tu_result r = check_variant(
	    "  <report-due>2027-04-30</report-due>\n", "");
	/* points at the root element */
	assert_true(has_at(&r, "warning", "report-due", 2, 1));
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 1);
	assert_int_equal(r.check_rc, 0);
	tu_free(&r);
}

/* ---- signed pledges: contact and authority ----------------------------- */

static const char *const good_emails[] = {
    "jane.smith@testbury.example",
    "a@b.co",
    "first.last+tag@sub.example.org",
    "o'brien@example.org",
    "JANE_SMITH-1@Example-Council.gov.uk",
};

static const char *const bad_emails[] = {
    "jane.smith.example",       /* no @ */
    "jane@",                    /* no domain */
    "@testbury.example",        /* no local part */
    "jane@testbury",            /* no dot in the domain */
    "jane smith@testbury.example",
    "jane@@testbury.example",
    "jane@-testbury.example",   /* label starts with - */
    "jane@testbury.example.",   /* trailing dot */
    "jane@testbury..example",
};

static struct tu_result check_email(const char *email)
{
	char to[256];
	snprintf(to, sizeof to, "email=\"%s\"", email);
	return check_variant("email=\"jane.smith@testbury.example\"", to);
}

static void good_email_forms_are_accepted(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good_emails / sizeof *good_emails; i++) {
		struct tu_result r = check_email(good_emails[i]);
		if (r.errors != 0)
			print_message("rejected: %s\n%s", good_emails[i], r.diag);
		assert_int_equal(r.errors, 0);
		tu_free(&r);
	}
}

static void bad_email_forms_are_email_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_emails / sizeof *bad_emails; i++) {
		struct tu_result r = check_email(bad_emails[i]);
		if (!has_at(&r, "error", "email", 16, 19) || r.errors != 1)
			print_message("accepted: %s\n%s", bad_emails[i],
			              r.diag ? r.diag : "");
		assert_true(has_at(&r, "error", "email", 16, 19));
		assert_int_equal(r.errors, 1);
		tu_free(&r);
	}
}

static void email_error_names_the_address(void **state)
{
	(void)state;
	struct tu_result r = check_email("jane.smith.example");
	assert_true(says(&r, "error", "email", "\\\"jane.smith.example\\\""));
	tu_free(&r);
}

/* "$" in a PCRE2 pattern also matches before a final newline; an attribute
 * can end in one written as &#10;. */
static void email_ending_in_a_newline_is_an_email_error(void **state)
{
	(void)state;
	struct tu_result r = check_email("jane.smith@testbury.example&#10;");
	int flagged = tu_has(&r, "error", "email");
	tu_free(&r);
	assert_true(flagged);
}

static const char *const good_phones[] = {
    "0113 496 0427",
    "+44 113 496 0427",
    "+44 (0)113 496 0427",
    "07700 900362",
    "020 7946 0815",
    "01134960427",
    "+441134960427",
};

static const char *const bad_phones[] = {
    "12345",
    "0113 496 04271 2",
    "+33 1 23 45 67 89",
    "0113 496 O427",            /* letter O */
    "call 0113 496 0427",
    "0113 496",
    "",
};

static struct tu_result check_phone(const char *phone)
{
	char to[256];
	snprintf(to, sizeof to, "phone=\"%s\"", phone);
	return check_variant("phone=\"0161 496 0123\"", to);
}

static void uk_phone_forms_are_accepted(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good_phones / sizeof *good_phones; i++) {
		struct tu_result r = check_phone(good_phones[i]);
		if (r.errors != 0)
			print_message("rejected: %s\n%s", good_phones[i], r.diag);
		assert_int_equal(r.errors, 0);
		tu_free(&r);
	}
}

static void non_uk_phone_forms_are_phone_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_phones / sizeof *bad_phones; i++) {
		struct tu_result r = check_phone(bad_phones[i]);
		if (!has_at(&r, "error", "phone", 16, 55) || r.errors != 1)
			print_message("accepted: \"%s\"\n%s", bad_phones[i],
			              r.diag ? r.diag : "");
		assert_true(has_at(&r, "error", "phone", 16, 55));
		assert_int_equal(r.errors, 1);
		tu_free(&r);
	}
}

static void phone_error_names_the_number(void **state)
{
	(void)state;
	struct tu_result r = check_phone("+33 1 23 45 67 89");
	assert_true(says(&r, "error", "phone", "\\\"+33 1 23 45 67 89\\\""));
	tu_free(&r);
}

static void phone_ending_in_a_newline_is_a_phone_error(void **state)
{
	(void)state;
	struct tu_result r = check_phone("0113 496 0427&#10;");
	int flagged = tu_has(&r, "error", "phone");
	tu_free(&r);
	assert_true(flagged);
}

static void empty_authority_is_an_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("authority=\"Testbury Council\"",
	                                   "authority=\"\"");
	assert_true(has_at(&r, "error", "authority", 3, 37));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void whitespace_only_authority_is_an_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("authority=\"Testbury Council\"",
	                                   "authority=\" \t  \"");
	assert_true(has_at(&r, "error", "authority", 3, 37));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void missing_contact_warns(void **state)
{
	(void)state;
	struct tu_result r = check_variant(
	    "  <contact name=\"Jane Smith\" role=\"Officer\"\n"
	    "           email=\"jane.smith@testbury.example\""
	    " phone=\"0161 496 0123\"/>\n", "");
	assert_true(has_at(&r, "warning", "contact", 2, 1));
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 1);
	assert_int_equal(r.check_rc, 0);
	tu_free(&r);
}

static void contact_without_a_name_warns(void **state)
{
	(void)state;
	struct tu_result r = check_variant("name=\"Jane Smith\"", "name=\" \"");
	assert_true(has_at(&r, "warning", "contact", 15, 3));
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 1);
	tu_free(&r);
}

/* ---- every document: id and language ---------------------------------- */

static void language_tag_with_a_space_is_a_lang_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("xml:lang=\"en\"",
	                                   "xml:lang=\"english 1\"");
	assert_true(has_at(&r, "error", "lang", 2, 57));   /* at its value */
	assert_true(says(&r, "error", "lang", "\\\"english 1\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void language_tag_with_a_region_is_accepted(void **state)
{
	(void)state;
	struct tu_result r = check_variant("xml:lang=\"en\"",
	                                   "xml:lang=\"en-GB\"");
	assert_int_equal(r.errors, 0);
	tu_free(&r);
}

static void language_tag_ending_in_a_newline_is_a_lang_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("xml:lang=\"en\"",
	                                   "xml:lang=\"en&#10;\"");
	int flagged = tu_has(&r, "error", "lang");
	tu_free(&r);
	assert_true(flagged);
}

static void document_id_with_a_space_is_an_id_syntax_error(void **state)
{
	(void)state;
	struct tu_result r = check_variant("id=\"test-pledge\"",
	                                   "id=\"test pledge\"");
	assert_true(has_at(&r, "error", "id-syntax", 2, 1));
	assert_true(says(&r, "error", "id-syntax", "\\\"test pledge\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void document_id_ending_in_a_newline_is_an_id_syntax_error(
    void **state)
{
	(void)state;
	struct tu_result r = check_variant("id=\"test-pledge\"",
	                                   "id=\"test-pledge&#10;\"");
	int flagged = tu_has(&r, "error", "id-syntax");
	tu_free(&r);
	assert_true(flagged);
}

static void two_documents_with_one_id_is_duplicate_document(void **state)
{
	(void)state;
	char *second = tu_replace(tu_valid_pledge, "authority=\"Testbury",
	                          "authority=\"Otherbury");
	const char *names[3] = {TU_FORM_PATH, "first.xml", "second.xml"};
	const char *texts[3] = {NULL, tu_valid_pledge, second};
	struct tu_result r = tu_check(3, names, texts);
	assert_true(tu_has(&r, "error", "duplicate-document"));
	assert_non_null(strstr(r.diag,
	    "{\"file\":\"second.xml\",\"line\":2,\"column\":1,"
	    "\"level\":\"error\",\"rule\":\"duplicate-document\""));
	assert_true(says(&r, "error", "duplicate-document",
	                 "\\\"test-pledge\\\""));
	assert_non_null(strstr(r.diag,
	    "{\"file\":\"first.xml\",\"line\":2,\"column\":1,"
	    "\"level\":\"note\""));
	assert_int_equal(r.errors, 1);
	free(second);
	tu_free(&r);
}

/* ---- pledge forms -------------------------------------------------------- */

static void mini_form_and_pledge_check_clean(void **state)
{
	(void)state;
	const char *names[2] = {"mini-form.xml", "mini-pledge.xml"};
	const char *texts[2] = {mini_form, mini_pledge};
	struct tu_result r = tu_check(2, names, texts);
	assert_int_equal(r.parsed, 1);
	assert_int_equal(r.check_rc, 0);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 0);
	tu_free(&r);
}

static void duplicate_action_point_id_is_an_error_at_the_second(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("id=\"ap2\"", "id=\"ap1\"");
	assert_true(has_at(&r, "error", "duplicate-id", 10, 7));
	assert_true(says(&r, "error", "duplicate-id",
	                 "action point id \\\"ap1\\\""));
	assert_true(has_at(&r, "note", NULL, 6, 7));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void duplicate_step_id_in_one_action_point_is_an_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("<step id=\"s2\">",
	                                        "<step id=\"s1\">");
	assert_true(has_at(&r, "error", "duplicate-id", 8, 9));
	assert_true(says(&r, "error", "duplicate-id",
	                 "step id \\\"s1\\\" is used twice in action point"
	                 " \\\"ap1\\\""));
	assert_true(has_at(&r, "note", NULL, 7, 9));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void same_step_id_in_two_action_points_is_fine(void **state)
{
	(void)state;
	/* mini_form has ap1/s1 and ap2/s1 */
	struct tu_result r = check_form_text(mini_form);
	assert_false(tu_has(&r, "error", "duplicate-id"));
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 0);
	tu_free(&r);
}

static void duplicate_support_option_id_is_an_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("<option id=\"o2\">",
	                                        "<option id=\"o1\">");
	assert_true(has_at(&r, "error", "duplicate-id", 17, 5));
	assert_true(says(&r, "error", "duplicate-id",
	                 "support option id \\\"o1\\\""));
	assert_true(has_at(&r, "note", NULL, 16, 5));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void step_without_text_or_same_as_is_a_step_text_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant(
	    "<step id=\"s2\">Step two text.</step>", "<step id=\"s2\"/>");
	assert_true(has_at(&r, "error", "step-text", 8, 9));
	assert_true(says(&r, "error", "step-text", "\\\"ap1/s2\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void step_of_only_whitespace_is_a_step_text_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant(
	    "<step id=\"s2\">Step two text.</step>",
	    "<step id=\"s2\">  \n   </step>");
	assert_true(has_at(&r, "error", "step-text", 8, 9));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

/* The schema offers text or same-as, not both: the parser rejects such a
 * step, pointing at it. */
static void step_with_text_and_same_as_is_a_schema_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant(
	    "<step id=\"s2\">", "<step id=\"s2\" same-as=\"ap2/s1\">");
	assert_int_equal(r.parsed, 0);
	assert_true(has_at(&r, "error", "schema", 8, 9));
	assert_true(says(&r, "error", "schema", "same-as"));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

/* The checker's own guard for the same case, reached by giving a parsed
 * step a same-as before check. */
static void step_with_text_and_same_as_in_the_model_is_a_step_text_error(
    void **state)
{
	(void)state;
	const char *names[1] = {"mini-form.xml"};
	const char *texts[1] = {mini_form};
	struct tu_run *r = tu_run_parse(1, names, texts);
	struct pledge_step *s = find_step(&r->doc[0]->u.form, "ap1/s2");
	assert_non_null(s);
	assert_non_null(s->text);
	s->same_as = "ap2/s1";
	tu_run_check(r, NULL);
	assert_int_not_equal(r->check_rc, 0);
	assert_non_null(strstr(r->diag,
	    "\"line\":8,\"column\":9,\"level\":\"error\","
	    "\"rule\":\"step-text\""));
	assert_non_null(strstr(r->diag, "has both text and same-as"));
	assert_int_equal(r->d.count[DIAG_ERROR], 1);
}

static void same_as_naming_a_missing_step_is_a_step_reference_error(
    void **state)
{
	(void)state;
	struct tu_result r = check_form_variant(
	    "<step id=\"s2\">Step two text.</step>",
	    "<step id=\"s2\" same-as=\"ap2/nope\"/>");
	/* '        <step id="s2" same-as="' is 31 characters */
	assert_true(has_at(&r, "error", "step-reference", 8, 32));
	assert_true(says(&r, "error", "step-reference", "\\\"ap2/nope\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void same_as_naming_a_same_as_step_is_a_step_reference_error(
    void **state)
{
	(void)state;
	char *x = tu_replace(mini_form, "<step id=\"s2\">Step two text.</step>",
	                     "<step id=\"s2\" same-as=\"ap2/s1\"/>");
	char *y = tu_replace(x, "<step id=\"s1\">Other step one.</step>",
	                     "<step id=\"s1\">Other step one.</step>\n"
	                     "        <step id=\"s3\" same-as=\"ap1/s2\"/>");
	struct tu_result r = check_form_text(y);
	assert_true(has_at(&r, "error", "step-reference", 12, 32));
	assert_true(says(&r, "error", "step-reference",
	                 "\\\"ap1/s2\\\" names a step that has no text"));
	assert_int_equal(r.errors, 1);
	free(x);
	free(y);
	tu_free(&r);
}

static void same_as_step_gets_the_text_of_the_step_it_names(void **state)
{
	(void)state;
	char *x = tu_replace(mini_form, "<step id=\"s2\">Step two text.</step>",
	                     "<step id=\"s2\" same-as=\"ap2/s1\"/>");
	struct tu_run *r = run_form(x);
	assert_int_equal(r->check_rc, 0);
	struct pledge_form *f = &r->doc[0]->u.form;
	struct pledge_step *s = find_step(f, "ap1/s2");
	struct pledge_step *t = find_step(f, "ap2/s1");
	assert_non_null(s);
	assert_non_null(t);
	assert_string_equal(s->same_as, "ap2/s1");
	assert_non_null(s->text);
	assert_ptr_equal(s->text, t->text);
	assert_ptr_equal(s->original, t);   /* for translations, later */
	assert_string_equal(inline_plain_text(r->doc[0]->arena, s->text),
	                    "Other step one.");
	free(x);
}

static void steps_and_options_are_numbered_across_the_form(void **state)
{
	(void)state;
	struct tu_run *r = run_form(mini_form);
	struct pledge_form *f = &r->doc[0]->u.form;
	assert_int_equal(f->nsteps, 3);
	assert_int_equal(find_step(f, "ap1/s1")->ordinal, 0);
	assert_int_equal(find_step(f, "ap1/s2")->ordinal, 1);
	assert_int_equal(find_step(f, "ap2/s1")->ordinal, 2);
	assert_int_equal(f->noptions, 2);
	assert_int_equal(f->options->ordinal, 0);
	assert_int_equal(f->options->next->ordinal, 1);
}

static void empty_form_title_is_a_form_title_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("<title>Mini Form</title>",
	                                        "<title/>");
	assert_true(has_at(&r, "error", "form-title", 2, 1));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void whitespace_form_title_is_a_form_title_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("<title>Mini Form</title>",
	                                        "<title>  \n  </title>");
	assert_true(has_at(&r, "error", "form-title", 2, 1));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void empty_group_title_is_a_group_title_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("title=\"Group One\"",
	                                        "title=\" \"");
	assert_true(has_at(&r, "error", "group-title", 5, 5));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void empty_action_point_title_is_an_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("title=\"Second\"", "title=\"\"");
	assert_true(has_at(&r, "error", "action-point-title", 10, 7));
	assert_true(says(&r, "error", "action-point-title", "\\\"ap2\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void action_point_id_with_a_slash_is_an_id_syntax_error(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("id=\"ap2\"", "id=\"ap/2\"");
	assert_true(has_at(&r, "error", "id-syntax", 10, 7));
	assert_true(says(&r, "error", "id-syntax", "\\\"ap/2\\\""));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

static void step_and_option_ids_are_checked_for_syntax(void **state)
{
	(void)state;
	struct tu_result r = check_form_variant("<step id=\"s2\">",
	                                        "<step id=\"-s2\">");
	assert_true(has_at(&r, "error", "id-syntax", 8, 9));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
	r = check_form_variant("<option id=\"o2\">", "<option id=\"o 2\">");
	assert_true(has_at(&r, "error", "id-syntax", 17, 5));
	assert_int_equal(r.errors, 1);
	tu_free(&r);
}

/* ---- pledge forms: numbers and defaults filled in by check ------------ */

static void sections_are_numbered_intro_then_actions_to_contact(void **state)
{
	(void)state;
	char *x = tu_replace(mini_form, "  <actions>\n",
	                     "  <section title=\"One\"><p>a</p>"
	                     "<section title=\"Nested\"><p>n</p></section>"
	                     "</section>\n"
	                     "  <section title=\"Two\"><p>b</p></section>\n"
	                     "  <actions>\n");
	struct tu_run *r = run_form(x);
	assert_int_equal(r->check_rc, 0);
	struct pledge_form *f = &r->doc[0]->u.form;
	assert_non_null(f->intro);
	assert_non_null(f->intro->next);
	assert_null(f->intro->next->next);
	assert_int_equal(f->intro->number, 1);
	assert_int_equal(f->intro->next->number, 2);
	assert_int_equal(f->actions_number, 3);
	assert_int_equal(f->support_number, 4);
	assert_int_equal(f->monitoring_number, 5);
	assert_int_equal(f->contact_number, 6);
	free(x);
}

static void form_without_intro_numbers_actions_first(void **state)
{
	(void)state;
	struct tu_run *r = run_form(mini_form);
	struct pledge_form *f = &r->doc[0]->u.form;
	assert_null(f->intro);
	assert_int_equal(f->actions_number, 1);
	assert_int_equal(f->support_number, 2);
	assert_int_equal(f->monitoring_number, 3);
	assert_int_equal(f->contact_number, 4);
}

/* The schema requires <support> and <monitoring>, so the model is changed
 * between parse and check to reach the checker's numbering of a form
 * without them. */
static void form_without_support_or_monitoring_skips_their_numbers(
    void **state)
{
	(void)state;
	char *x = tu_replace(mini_form, "  <actions>\n",
	                     "  <section title=\"One\"><p>a</p></section>\n"
	                     "  <actions>\n");
	const char *names[1] = {"mini-form.xml"};
	const char *texts[1] = {x};
	struct tu_run *r = tu_run_parse(1, names, texts);
	struct pledge_form *f = &r->doc[0]->u.form;
	f->options = NULL;
	f->has_other = 0;
	f->monitoring = NULL;
	f->has_report_due = 0;
	tu_run_check(r, NULL);
	assert_int_equal(r->check_rc, 0);
	assert_int_equal(f->intro->number, 1);
	assert_int_equal(f->actions_number, 2);
	assert_int_equal(f->support_number, 0);
	assert_int_equal(f->monitoring_number, 0);
	assert_int_equal(f->contact_number, 3);
	free(x);
}

static void real_form_sections_are_numbered(void **state)
{
	(void)state;
	const char *names[1] = {TU_FORM_PATH};
	const char *texts[1] = {NULL};
	struct tu_run *r = tu_run_parse(1, names, texts);
	tu_run_check(r, NULL);
	assert_int_equal(r->check_rc, 0);
	struct pledge_form *f = &r->doc[0]->u.form;
	assert_int_equal(f->intro->number, 1);
	assert_int_equal(f->actions_number, 2);
	assert_int_equal(f->support_number, 3);
	assert_int_equal(f->monitoring_number, 4);
	assert_int_equal(f->contact_number, 5);
	assert_int_equal(f->nsteps, 19);
	assert_int_equal(f->noptions, 4);
}

static void default_titles_are_filled_in(void **state)
{
	(void)state;
	struct tu_run *r = run_form(mini_form);
	struct pledge_form *f = &r->doc[0]->u.form;
	assert_string_equal(f->actions_title, "Action points");
	assert_string_equal(f->support_title, "Support");
	assert_string_equal(f->other_label, "Other");
	assert_string_equal(f->monitoring_title, "Monitoring and reporting");
	assert_string_equal(f->report_due_label, "Progress report due by");
	assert_string_equal(f->contact_title, "Contact information");
}

static void titles_given_in_the_form_are_kept(void **state)
{
	(void)state;
	char *x = tu_replace(mini_form, "<actions>", "<actions title=\"Steps\">");
	char *y = tu_replace(x, "<contact/>", "<contact title=\"Who\"/>");
	struct tu_run *r = run_form(y);
	struct pledge_form *f = &r->doc[0]->u.form;
	assert_string_equal(f->actions_title, "Steps");
	assert_string_equal(f->contact_title, "Who");
	assert_string_equal(f->support_title, "Support");
	free(x);
	free(y);
}

/* ---- the real content ------------------------------------------------- */

static void every_content_pledge_checks_clean(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob("content/pledges/*.xml", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 1);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *names[2] = {TU_FORM_PATH, g.gl_pathv[i]};
		const char *texts[2] = {NULL, NULL};
		struct tu_result r = tu_check(2, names, texts);
		if (r.errors || r.warnings)
			print_message("%s:\n%s", g.gl_pathv[i], r.diag);
		assert_int_equal(r.parsed, 1);
		assert_int_equal(r.check_rc, 0);
		assert_int_equal(r.errors, 0);
		assert_int_equal(r.warnings, 0);
		tu_free(&r);
	}
	globfree(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unknown_step_of_known_action_point_lists_its_steps),
		cmocka_unit_test(unknown_action_point_is_a_step_reference_error),
		cmocka_unit_test(step_reference_without_slash_is_an_error),
		cmocka_unit_test(duplicate_commit_is_an_error_pointing_at_the_second),
		cmocka_unit_test(unknown_support_option_lists_the_options),
		cmocka_unit_test(support_option_asked_twice_is_duplicate_support),
		cmocka_unit_test(support_other_needs_an_other_line_in_the_form),
		cmocka_unit_test(missing_form_is_a_form_reference_error),
		cmocka_unit_test(form_reference_naming_a_pledge_is_an_error),
		cmocka_unit_test(nonexistent_day_is_a_date_error),
		cmocka_unit_test(month_13_is_a_date_error),
		cmocka_unit_test(uk_numeric_date_is_a_date_error),
		cmocka_unit_test(leap_day_of_a_leap_year_is_a_valid_date),
		cmocka_unit_test(leap_day_of_a_common_year_is_a_date_error),
		cmocka_unit_test(invalid_signing_date_is_a_date_error),
		cmocka_unit_test(invalid_report_date_is_a_date_error),
		cmocka_unit_test(check_parse_date_is_strict_iso),
		cmocka_unit_test(deadline_before_signing_is_an_error),
		cmocka_unit_test(deadline_on_the_signing_date_is_allowed),
		cmocka_unit_test(report_due_before_signing_is_an_error),
		cmocka_unit_test(report_due_on_the_signing_date_is_an_error),
		cmocka_unit_test(report_due_more_than_13_months_after_signing_warns),
		cmocka_unit_test(report_due_13_months_after_signing_does_not_warn),
		cmocka_unit_test(report_due_12_months_after_signing_does_not_warn),
		cmocka_unit_test(report_due_13_months_after_a_29th_does_not_warn),
		cmocka_unit_test(missing_report_due_warns),
		cmocka_unit_test(good_email_forms_are_accepted),
		cmocka_unit_test(bad_email_forms_are_email_errors),
		cmocka_unit_test(email_error_names_the_address),
		cmocka_unit_test(email_ending_in_a_newline_is_an_email_error),
		cmocka_unit_test(uk_phone_forms_are_accepted),
		cmocka_unit_test(non_uk_phone_forms_are_phone_errors),
		cmocka_unit_test(phone_error_names_the_number),
		cmocka_unit_test(phone_ending_in_a_newline_is_a_phone_error),
		cmocka_unit_test(empty_authority_is_an_error),
		cmocka_unit_test(whitespace_only_authority_is_an_error),
		cmocka_unit_test(missing_contact_warns),
		cmocka_unit_test(contact_without_a_name_warns),
		cmocka_unit_test(language_tag_with_a_space_is_a_lang_error),
		cmocka_unit_test(language_tag_with_a_region_is_accepted),
		cmocka_unit_test(language_tag_ending_in_a_newline_is_a_lang_error),
		cmocka_unit_test(document_id_with_a_space_is_an_id_syntax_error),
		cmocka_unit_test(document_id_ending_in_a_newline_is_an_id_syntax_error),
		cmocka_unit_test(two_documents_with_one_id_is_duplicate_document),
		cmocka_unit_test(mini_form_and_pledge_check_clean),
		cmocka_unit_test(duplicate_action_point_id_is_an_error_at_the_second),
		cmocka_unit_test(duplicate_step_id_in_one_action_point_is_an_error),
		cmocka_unit_test(same_step_id_in_two_action_points_is_fine),
		cmocka_unit_test(duplicate_support_option_id_is_an_error),
		cmocka_unit_test(step_without_text_or_same_as_is_a_step_text_error),
		cmocka_unit_test(step_of_only_whitespace_is_a_step_text_error),
		cmocka_unit_test(step_with_text_and_same_as_is_a_schema_error),
		cmocka_unit_test_teardown(step_with_text_and_same_as_in_the_model_is_a_step_text_error, tu_teardown),
		cmocka_unit_test(same_as_naming_a_missing_step_is_a_step_reference_error),
		cmocka_unit_test(same_as_naming_a_same_as_step_is_a_step_reference_error),
		cmocka_unit_test_teardown(same_as_step_gets_the_text_of_the_step_it_names, tu_teardown),
		cmocka_unit_test_teardown(steps_and_options_are_numbered_across_the_form, tu_teardown),
		cmocka_unit_test(empty_form_title_is_a_form_title_error),
		cmocka_unit_test(whitespace_form_title_is_a_form_title_error),
		cmocka_unit_test(empty_group_title_is_a_group_title_error),
		cmocka_unit_test(empty_action_point_title_is_an_error),
		cmocka_unit_test(action_point_id_with_a_slash_is_an_id_syntax_error),
		cmocka_unit_test(step_and_option_ids_are_checked_for_syntax),
		cmocka_unit_test_teardown(sections_are_numbered_intro_then_actions_to_contact, tu_teardown),
		cmocka_unit_test_teardown(form_without_intro_numbers_actions_first, tu_teardown),
		cmocka_unit_test_teardown(form_without_support_or_monitoring_skips_their_numbers, tu_teardown),
		cmocka_unit_test_teardown(real_form_sections_are_numbered, tu_teardown),
		cmocka_unit_test_teardown(default_titles_are_filled_in, tu_teardown),
		cmocka_unit_test_teardown(titles_given_in_the_form_are_kept, tu_teardown),
		cmocka_unit_test(every_content_pledge_checks_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
