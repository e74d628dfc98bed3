/* test_plan.c - the rules of action plans (periods, closed lists of words,
 * leads and the people register, overdue actions with an as-of day, texts
 * that say COMPLETE, sibling refs, depth) and their landscape layout with
 * labels that carry their word. Each test names one behaviour and fails if
 * it were removed. Plans are small texts written here. */
#include "testutil.h"

#include "check_int.h"
#include "layout.h"
#include "style.h"

/* ---- the documents ------------------------------------------------ */

#define PLAN_PATH "test-plan.xml"

static const char people[] =
    "    <person id=\"LA\" name=\"Lena Adams\" email=\"lena@example.org\""
    " phone=\"0113 496 0000\"/>\n"
    "    <person id=\"LV\" name=\"Luca Vasile\"/>\n";

/* A plan with the people given (NULL: no register) and goal content. */
static char *plan_xml(const char *ppl, const char *goal)
{
	char *x = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&x, &len);
	assert_non_null(f);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<action-plan xmlns=\"urn:mishto:1\" id=\"test-plan\""
	           " xml:lang=\"en\">\n"
	           "  <title>Test Action Plan</title>\n");
	if (ppl != NULL)
		fprintf(f, "  <people>\n%s  </people>\n", ppl);
	fprintf(f, "  <goal ref=\"1\" title=\"Goal one\">\n%s  </goal>\n"
	           "</action-plan>\n", goal);
	fclose(f);
	return tu_keep(x);
}

#define DEFAULT_TEXT "<text>Review recruitment processes.</text>"

/* A plan of one action <action ref="1.1" lead="LA" ATTRS>INNER</action>
 * (inner NULL: a text only). */
static char *plan_action(const char *attrs, const char *inner)
{
	char *g = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&g, &len);
	assert_non_null(f);
	fprintf(f, "    <action ref=\"1.1\" lead=\"LA\" %s>\n      %s\n"
	           "    </action>\n", attrs, inner ? inner : DEFAULT_TEXT);
	fclose(f);
	char *x = plan_xml(people, g);
	free(g);
	return x;
}

static struct tu_run *check_plan_text(const char *xml,
                                      const struct check_options *opts)
{
	const char *names[1] = {PLAN_PATH};
	const char *texts[1] = {xml};
	return tu_run_docs(1, names, texts, opts);
}

static struct plan_action *first_action(const struct tu_run *r)
{
	const struct action_plan *pl = &r->doc[0]->u.plan;
	assert_non_null(pl->goals);
	assert_non_null(pl->goals->areas);
	assert_non_null(pl->goals->areas->actions);
	return pl->goals->areas->actions;
}

/* Line and column just after the first needle in xml. */
static void where(const char *xml, const char *needle, int *line, int *col)
{
	const char *at = strstr(xml, needle);
	assert_non_null(at);
	*line = 1;
	const char *l = xml;
	for (const char *p = xml; p < at; p++)
		if (*p == '\n') {
			(*line)++;
			l = p + 1;
		}
	*col = (int)(at - l) + (int)strlen(needle) + 1;
}

/* Whether a diagnostic of level and rule points just after needle. */
static int has_after(const struct tu_run *r, const char *xml, const char *level,
                     const char *rule, const char *needle)
{
	int line, col;
	where(xml, needle, &line, &col);
	return tu_reports_at(r, level, rule, line, col);
}

/* --as-of y-m-d. */
static struct check_options as_of(int y, int m, int d)
{
	struct check_options o;
	memset(&o, 0, sizeof o);
	char *text = tu_keep(malloc(16));
	snprintf(text, 16, "%04d-%02d-%02d", y, m, d);
	o.as_of.text = text;
	o.as_of.y = y;
	o.as_of.m = m;
	o.as_of.d = d;
	o.as_of.valid = 1;
	return o;
}

/* ---- periods through the checker ---------------------------------- */

static const char *const good_periods[] = {
	"2026-09-30", "2026-11", "2027-02", "2028-02", "2027-Q1", "2027-q4",
	"Q1 2021", "spring 2021", "summer 2021", "autumn 2021", "winter 2026",
	"Autumn 2026", "SPRING 2021", "2027", "ongoing", "Ongoing", "TBC",
	"tbc", "2017/18", "2026/27", "Q1 2017/18", "2017/18 Q4", "q2 2026/27",
	/* words that say when: kept as written */
	"sometime 2021", "spring2021", "spring 21", "Jan 2021", "next year",
	"From Summer 2020 onwards", "Dec-March 2021"};

static const char *const bad_periods[] = {
	"2021-13", "2021-00", "2021-Q5", "2021-Q0", "Q5 2021", "", "2026-02-30",
	"1899", "21-03", "2021-3", "2021 ", " 2021", "2017/19", "2017/18 Q5",
	"31/02/2027"};

#define N(a) (sizeof (a) / sizeof *(a))

static void every_accepted_period_form_passes_the_checker(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(good_periods); i++) {
		char attrs[64];
		snprintf(attrs, sizeof attrs, "due=\"%s\"", good_periods[i]);
		char *x = plan_action(attrs, NULL);
		struct tu_run *r = check_plan_text(x, NULL);
		if (r->check_rc != 0 || tu_warnings(r) != 0)
			fail_msg("due=\"%s\":\n%s", good_periods[i],
			         tu_diags(r));
		assert_true(first_action(r)->due.valid);
		tu_release(r);
		tu_release(x);
	}
}

static void rejected_periods_are_period_errors_at_the_due_attribute(
    void **state)
{
	(void)state;
	for (size_t i = 0; i < N(bad_periods); i++) {
		char attrs[64], quoted[64];
		snprintf(attrs, sizeof attrs, "due=\"%s\"", bad_periods[i]);
		snprintf(quoted, sizeof quoted, "the due date \\\"%s\\\" is not"
		         " a date or period", bad_periods[i]);
		char *x = plan_action(attrs, NULL);
		struct tu_run *r = check_plan_text(x, NULL);
		if (!has_after(r, x, "error", "period", "due=\"") ||
		    tu_errors(r) != 1 || !tu_says(r, "error", "period", quoted))
			fail_msg("due=\"%s\":\n%s", bad_periods[i],
			         tu_diags(r));
		assert_false(first_action(r)->due.valid);
		tu_release(r);
		tu_release(x);
	}
}

/* Milestone dates, update dates and reading periods are periods too. */
static void milestone_update_and_reading_periods_are_checked(void **state)
{
	(void)state;
	char *x = plan_action("", DEFAULT_TEXT
	    "<milestone due=\"2026-13\">A milestone.</milestone>"
	    "<update date=\"2027-00\">An update.</update>");
	x = tu_keep(tu_replace(x, "</action-plan>",
	    "  <kpis><kpi title=\"K\"><reading period=\"2021-Q9\">3"
	    "</reading></kpi></kpis>\n</action-plan>"));
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "period", "milestone due=\""));
	assert_true(has_after(r, x, "error", "period", "update date=\""));
	assert_true(has_after(r, x, "error", "period", "reading period=\""));
	assert_true(tu_says(r, "error", "period", "the milestone's due date"));
	assert_true(tu_says(r, "error", "period", "the update's date"));
	assert_true(tu_says(r, "error", "period", "the reading's period"));
	assert_int_equal(tu_errors(r), 3);
}

/* ---- check_parse_period ------------------------------------------- */

struct span {
	const char *text;
	enum period_kind kind;
	int y1, m1, d1, y2, m2, d2;
};

static void assert_span(const struct span *s)
{
	struct mperiod p;
	memset(&p, 0, sizeof p);
	p.text = s->text;
	if (!check_parse_period(&p))
		fail_msg("\"%s\" was rejected", s->text);
	if (p.kind != s->kind)
		fail_msg("\"%s\": kind %d, expected %d", s->text, (int)p.kind,
		         (int)s->kind);
	if (!p.first.valid || !p.last.valid ||
	    p.first.y != s->y1 || p.first.m != s->m1 || p.first.d != s->d1 ||
	    p.last.y != s->y2 || p.last.m != s->m2 || p.last.d != s->d2)
		fail_msg("\"%s\": spans %04d-%02d-%02d..%04d-%02d-%02d "
		         "(valid %d %d), expected %04d-%02d-%02d.."
		         "%04d-%02d-%02d", s->text, p.first.y, p.first.m,
		         p.first.d, p.last.y, p.last.m, p.last.d, p.first.valid,
		         p.last.valid, s->y1, s->m1, s->d1, s->y2, s->m2, s->d2);
}

static void period_date_is_that_one_day(void **state)
{
	(void)state;
	struct span s = {"2026-09-30", PERIOD_DATE, 2026, 9, 30, 2026, 9, 30};
	assert_span(&s);
	struct span leap = {"2028-02-29", PERIOD_DATE, 2028, 2, 29, 2028, 2,
	                    29};
	assert_span(&leap);
}

static void period_month_ends_on_its_last_day(void **state)
{
	(void)state;
	static const struct span s[] = {
		{"2026-11", PERIOD_MONTH, 2026, 11, 1, 2026, 11, 30},
		{"2026-12", PERIOD_MONTH, 2026, 12, 1, 2026, 12, 31},
		{"2027-02", PERIOD_MONTH, 2027, 2, 1, 2027, 2, 28},
		{"2028-02", PERIOD_MONTH, 2028, 2, 1, 2028, 2, 29},
		{"2100-02", PERIOD_MONTH, 2100, 2, 1, 2100, 2, 28},
		{"2000-02", PERIOD_MONTH, 2000, 2, 1, 2000, 2, 29},
	};
	for (size_t i = 0; i < N(s); i++)
		assert_span(&s[i]);
}

static void period_quarter_spans_its_three_months(void **state)
{
	(void)state;
	static const struct span s[] = {
		{"2027-Q1", PERIOD_QUARTER, 2027, 1, 1, 2027, 3, 31},
		{"2027-Q2", PERIOD_QUARTER, 2027, 4, 1, 2027, 6, 30},
		{"2027-Q3", PERIOD_QUARTER, 2027, 7, 1, 2027, 9, 30},
		{"2027-q4", PERIOD_QUARTER, 2027, 10, 1, 2027, 12, 31},
	};
	for (size_t i = 0; i < N(s); i++)
		assert_span(&s[i]);
	struct mperiod p;
	memset(&p, 0, sizeof p);
	p.text = "2027-Q3";
	assert_true(check_parse_period(&p));
	assert_int_equal(p.quarter, 3);
}

static void period_season_spans_uk_meteorological_months(void **state)
{
	(void)state;
	static const struct span s[] = {
		{"spring 2021", PERIOD_SEASON, 2021, 3, 1, 2021, 5, 31},
		{"summer 2021", PERIOD_SEASON, 2021, 6, 1, 2021, 8, 31},
		{"autumn 2021", PERIOD_SEASON, 2021, 9, 1, 2021, 11, 30},
	};
	for (size_t i = 0; i < N(s); i++)
		assert_span(&s[i]);
}

static void period_winter_runs_into_the_next_year(void **state)
{
	(void)state;
	static const struct span s[] = {
		{"winter 2026", PERIOD_SEASON, 2026, 12, 1, 2027, 2, 28},
		{"winter 2027", PERIOD_SEASON, 2027, 12, 1, 2028, 2, 29},
	};
	for (size_t i = 0; i < N(s); i++)
		assert_span(&s[i]);
	struct mperiod p;
	memset(&p, 0, sizeof p);
	p.text = "winter 2026";
	assert_true(check_parse_period(&p));
	assert_int_equal(p.season, 3);
}

static void period_season_is_case_insensitive(void **state)
{
	(void)state;
	static const struct span s[] = {
		{"Autumn 2026", PERIOD_SEASON, 2026, 9, 1, 2026, 11, 30},
		{"AUTUMN 2026", PERIOD_SEASON, 2026, 9, 1, 2026, 11, 30},
		{"Winter 2026", PERIOD_SEASON, 2026, 12, 1, 2027, 2, 28},
	};
	for (size_t i = 0; i < N(s); i++)
		assert_span(&s[i]);
}

/* UK financial years run from 1 April; their quarters count from April. */
static void period_financial_year_runs_april_to_march(void **state)
{
	(void)state;
	static const struct span s[] = {
		{"2017/18", PERIOD_FYEAR, 2017, 4, 1, 2018, 3, 31},
		{"1999/00", PERIOD_FYEAR, 1999, 4, 1, 2000, 3, 31},
		{"Q1 2017/18", PERIOD_FQUARTER, 2017, 4, 1, 2017, 6, 30},
		{"Q2 2017/18", PERIOD_FQUARTER, 2017, 7, 1, 2017, 9, 30},
		{"2017/18 Q3", PERIOD_FQUARTER, 2017, 10, 1, 2017, 12, 31},
		{"q4 2017/18", PERIOD_FQUARTER, 2018, 1, 1, 2018, 3, 31},
		{"Q4 2019/20", PERIOD_FQUARTER, 2020, 1, 1, 2020, 3, 31},
	};
	for (size_t i = 0; i < N(s); i++)
		assert_span(&s[i]);
}

static void financial_periods_print_as_councils_write_them(void **state)
{
	(void)state;
	static const struct {
		const char *text, *printed;
	} c[] = {
		{"2017/18", "2017/18"}, {"2017/18 Q1", "Q1 2017/18"},
		{"q3 2026/27", "Q3 2026/27"}, {"Q1 2027", "Q1 2027"},
		{"From Summer 2020 onwards", "From Summer 2020 onwards"},
	};
	for (size_t i = 0; i < N(c); i++) {
		struct mperiod p;
		memset(&p, 0, sizeof p);
		p.text = c[i].text;
		assert_true(check_parse_period(&p));
		p.valid = 1;
		char buf[64];
		mperiod_format(&p, buf, sizeof buf);
		assert_string_equal(buf, c[i].printed);
	}
}

/* Words that say when name no days: never overdue. */
static void period_in_words_has_no_days_and_is_never_overdue(void **state)
{
	(void)state;
	struct mperiod p;
	memset(&p, 0, sizeof p);
	p.text = "from summer 2020 onwards";
	assert_true(check_parse_period(&p));
	assert_int_equal(p.kind, PERIOD_TEXT);
	assert_false(p.first.valid);
	struct check_options o = as_of(2030, 1, 1);
	struct tu_run *r = check_plan_text(
	    plan_action("due=\"from summer 2020 onwards\"", NULL), &o);
	assert_int_equal(tu_errors(r), 0);
	assert_false(first_action(r)->overdue);
}

static void financial_quarter_is_overdue_after_its_last_day(void **state)
{
	(void)state;
	struct check_options on = as_of(2026, 6, 30), after = as_of(2026, 7, 1);
	char *x = plan_action("due=\"Q1 2026/27\" status=\"in-progress\"",
	                      NULL);
	struct tu_run *r = check_plan_text(x, &on);
	assert_false(first_action(r)->overdue);
	tu_release(r);
	r = check_plan_text(x, &after);
	assert_true(first_action(r)->overdue);
}

static void period_year_spans_the_year(void **state)
{
	(void)state;
	struct span s = {"2027", PERIOD_YEAR, 2027, 1, 1, 2027, 12, 31};
	assert_span(&s);
}

static void period_ongoing_and_tbc_have_no_days(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum period_kind kind;
	} w[] = {{"ongoing", PERIOD_ONGOING}, {"Ongoing", PERIOD_ONGOING},
	         {"TBC", PERIOD_TBC}, {"tbc", PERIOD_TBC}};
	for (size_t i = 0; i < N(w); i++) {
		struct mperiod p;
		memset(&p, 0, sizeof p);
		p.text = w[i].text;
		if (!check_parse_period(&p))
			fail_msg("\"%s\" was rejected", w[i].text);
		assert_int_equal(p.kind, w[i].kind);
		assert_false(p.first.valid);
		assert_false(p.last.valid);
	}
}

static void check_parse_period_rejects_other_text(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(bad_periods); i++) {
		struct mperiod p;
		memset(&p, 0, sizeof p);
		p.text = bad_periods[i];
		if (check_parse_period(&p))
			fail_msg("\"%s\" was accepted", bad_periods[i]);
	}
	struct mperiod none;
	memset(&none, 0, sizeof none);
	assert_false(check_parse_period(&none));
}

/* ---- status, rag, priority ---------------------------------------- */

static void every_known_status_rag_and_priority_is_accepted(void **state)
{
	(void)state;
	static const struct {
		const char *attrs;
		enum action_status status;
		enum rag rag;
		enum priority priority;
	} w[] = {
		{"status=\"not-started\" rag=\"red\" priority=\"immediate\"",
		 STATUS_NOT_STARTED, RAG_RED, PRIORITY_IMMEDIATE},
		{"status=\"in-progress\" rag=\"amber\" priority=\"high\"",
		 STATUS_IN_PROGRESS, RAG_AMBER, PRIORITY_HIGH},
		{"status=\"complete\" rag=\"green\" priority=\"medium\"",
		 STATUS_COMPLETE, RAG_GREEN, PRIORITY_MEDIUM},
		{"status=\"blocked\" priority=\"low\"", STATUS_BLOCKED, RAG_NONE,
		 PRIORITY_LOW},
		{"", STATUS_NONE, RAG_NONE, PRIORITY_NONE},
	};
	for (size_t i = 0; i < N(w); i++) {
		char *x = plan_action(w[i].attrs, NULL);
		struct tu_run *r = check_plan_text(x, NULL);
		if (r->check_rc != 0 || tu_warnings(r) != 0)
			fail_msg("%s:\n%s", w[i].attrs, tu_diags(r));
		struct plan_action *a = first_action(r);
		assert_int_equal(a->status, w[i].status);
		assert_int_equal(a->rag, w[i].rag);
		assert_int_equal(a->priority, w[i].priority);
		tu_release(r);
		tu_release(x);
	}
}

static void unknown_status_is_an_error_listing_the_statuses(void **state)
{
	(void)state;
	char *x = plan_action("status=\"xyzzy\"", NULL);
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "status", "status=\""));
	assert_true(tu_says(r, "error", "status",
	                    "status \\\"xyzzy\\\" is not known; use "
	                    "not-started, in-progress, complete or blocked"));
	assert_int_equal(tu_errors(r), 1);
	assert_int_equal(first_action(r)->status, STATUS_NONE);
}

/* Words people write for the words of the list are told which. */
static void status_in_other_words_is_told_the_word_it_means(void **state)
{
	(void)state;
	char *x = plan_action("status=\"done\"", NULL);
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(tu_says(r, "error", "status",
	                    "status \\\"done\\\" is not known; did you "
	                    "mean \\\"complete\\\"? (one of not-started, "
	                    "in-progress, complete or blocked)"));
	assert_int_equal(tu_errors(r), 1);
	assert_int_equal(first_action(r)->status, STATUS_NONE);
}

/* Words are lower case, as listed. */
static void status_words_are_case_sensitive(void **state)
{
	(void)state;
	char *x = plan_action("status=\"Complete\"", NULL);
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "status", "status=\""));
	assert_true(tu_says(r, "error", "status",
	                    "status \\\"Complete\\\" is written "
	                    "\\\"complete\\\", in lower case"));
	assert_int_equal(tu_errors(r), 1);
}

static void unknown_rag_is_an_error_listing_the_ratings(void **state)
{
	(void)state;
	char *x = plan_action("rag=\"yellow\"", NULL);
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "rag", "rag=\""));
	assert_true(tu_says(r, "error", "rag",
	                    "RAG rating \\\"yellow\\\" is not known; use red, "
	                    "amber or green"));
	assert_int_equal(tu_errors(r), 1);
}

static void unknown_priority_is_an_error_listing_the_priorities(
    void **state)
{
	(void)state;
	char *x = plan_action("priority=\"xyzzy\"", NULL);
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "priority", "priority=\""));
	assert_true(tu_says(r, "error", "priority",
	                    "priority \\\"xyzzy\\\" is not known; use "
	                    "immediate, high, medium or low"));
	assert_int_equal(tu_errors(r), 1);
}

/* Milestones' statuses, updates' and readings' ratings are checked too. */
static void milestone_status_update_and_reading_rag_are_checked(
    void **state)
{
	(void)state;
	char *x = plan_action("", DEFAULT_TEXT
	    "<milestone status=\"finished\">M.</milestone>"
	    "<update rag=\"pink\">U.</update>");
	x = tu_keep(tu_replace(x, "</action-plan>",
	    "  <kpis><kpi title=\"K\"><reading period=\"2026\" rag=\"blue\">3"
	    "</reading></kpi></kpis>\n</action-plan>"));
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "status", "milestone status=\""));
	assert_true(has_after(r, x, "error", "rag", "update rag=\""));
	assert_true(has_after(r, x, "error", "rag", "\" rag=\""));
	assert_true(tu_says(r, "error", "rag", "\\\"blue\\\""));
	assert_int_equal(tu_errors(r), 3);
}

/* ---- leads and the people register -------------------------------- */

static void unknown_lead_names_it_and_lists_the_known_ids(void **state)
{
	(void)state;
	char *x = plan_action("", NULL);
	x = tu_keep(tu_replace(x, "lead=\"LA\"", "lead=\"ZZ\""));
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "person-reference", "lead=\""));
	assert_true(tu_says(r, "error", "person-reference",
	                    "lead \\\"ZZ\\\" is not in the register of people; "
	                    "known ids: LA, LV\""));
	assert_int_equal(tu_errors(r), 1);
}

static void several_leads_separated_by_spaces_resolve(void **state)
{
	(void)state;
	char *x = plan_action("", NULL);
	x = tu_keep(tu_replace(x, "lead=\"LA\"", "lead=\" LV  LA \""));
	struct tu_run *r = check_plan_text(x, NULL);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
	struct plan_action *a = first_action(r);
	assert_int_equal(a->leads.n, 2);
	assert_string_equal(a->leads.people[0]->id, "LV");
	assert_string_equal(a->leads.people[1]->id, "LA");
	assert_ptr_equal(a->leads.people[1], r->doc[0]->u.plan.people);
}

/* One unknown id among known ones is reported alone. */
static void unknown_lead_among_known_ones_is_reported_alone(void **state)
{
	(void)state;
	char *x = plan_action("", NULL);
	x = tu_keep(tu_replace(x, "lead=\"LA\"", "lead=\"LA QQ LV\""));
	struct tu_run *r = check_plan_text(x, NULL);
	assert_int_equal(tu_count_says(r, "error", "person-reference", NULL),
	                 1);
	assert_true(tu_says(r, "error", "person-reference", "\\\"QQ\\\""));
	assert_int_equal(first_action(r)->leads.n, 2);
}

static void lead_in_a_plan_without_people_register_is_an_error(
    void **state)
{
	(void)state;
	char *x = plan_xml(NULL, "    <action ref=\"1.1\" lead=\"LA\">"
	                         DEFAULT_TEXT "</action>\n");
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "person-reference", "lead=\""));
	assert_true(tu_says(r, "error", "person-reference",
	                    "the document has no register of people"));
	assert_int_equal(tu_errors(r), 1);
	/* the same plan without a lead is fine */
	char *y = plan_xml(NULL, "    <action ref=\"1.1\">" DEFAULT_TEXT
	                         "</action>\n");
	struct tu_run *s = check_plan_text(y, NULL);
	if (s->check_rc != 0 || tu_warnings(s) != 0)
		fail_msg("%s", tu_diags(s));
}

/* "all" is for minutes' owners; a plan's lead names people. */
static void all_is_not_a_lead(void **state)
{
	(void)state;
	char *x = plan_action("", NULL);
	x = tu_keep(tu_replace(x, "lead=\"LA\"", "lead=\"all\""));
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "person-reference", "lead=\""));
	assert_true(tu_says(r, "error", "person-reference",
	                    "lead \\\"all\\\""));
	assert_false(tu_says(r, "error", "person-reference", "(or"));
	assert_int_equal(first_action(r)->leads.all, 0);
	assert_int_equal(tu_errors(r), 1);
}

static void unknown_kpi_lead_is_a_person_reference_error(void **state)
{
	(void)state;
	char *x = plan_action("", NULL);
	x = tu_keep(tu_replace(x, "</action-plan>",
	    "  <kpis><kpi title=\"K\" lead=\"LV XY\"/></kpis>\n"
	    "</action-plan>"));
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "person-reference",
	                      "kpi title=\"K\" lead=\""));
	assert_true(tu_says(r, "error", "person-reference", "\\\"XY\\\""));
	assert_int_equal(tu_errors(r), 1);
}

static void duplicate_person_id_is_duplicate_id(void **state)
{
	(void)state;
	char *x = plan_xml(
	    "    <person id=\"LA\"/>\n"
	    "    <person id=\"LV\"/>\n"
	    "    <person id=\"LA\" name=\"Another\"/>\n",
	    "    <action ref=\"1.1\" lead=\"LA\">" DEFAULT_TEXT "</action>\n");
	struct tu_run *r = check_plan_text(x, NULL);
	int line, col;
	where(x, "<person id=\"LA\" name=", &line, &col);
	assert_true(tu_reports_at(r, "error", "duplicate-id", line, 5));
	assert_true(tu_says(r, "error", "duplicate-id",
	                    "person id \\\"LA\\\" is used twice"));
	where(x, "<person id=\"LA\"/>", &line, &col);
	assert_true(tu_reports_at(r, "note", NULL, line, 5));
	assert_int_equal(tu_errors(r), 1);
}

static void person_email_must_be_an_address(void **state)
{
	(void)state;
	char *x = plan_action("", NULL);
	x = tu_keep(tu_replace(x, "email=\"lena@example.org\"",
	                       "email=\"lena at example.org\""));
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "email", "email=\""));
	assert_true(tu_says(r, "error", "email",
	                    "\\\"lena at example.org\\\""));
	assert_int_equal(tu_errors(r), 1);
}

static void person_phone_must_be_a_uk_number(void **state)
{
	(void)state;
	char *x = plan_action("", NULL);
	x = tu_keep(tu_replace(x, "phone=\"0113 496 0000\"",
	                       "phone=\"496 0000\""));
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(has_after(r, x, "error", "phone", "phone=\""));
	assert_true(tu_says(r, "error", "phone", "\\\"496 0000\\\""));
	assert_int_equal(tu_errors(r), 1);
}

/* ---- overdue --------------------------------------------------------- */

static void in_progress_action_past_due_is_overdue(void **state)
{
	(void)state;
	char *x = plan_action("status=\"in-progress\" due=\"2026-06\"", NULL);
	struct check_options o = as_of(2027, 1, 31);
	struct tu_run *r = check_plan_text(x, &o);
	assert_true(has_after(r, x, "warning", "overdue", "due=\""));
	assert_true(tu_says(r, "warning", "overdue",
	                    "action 1.1 was due 2026-06 and is not complete "
	                    "as of 2027-01-31"));
	assert_int_equal(tu_warnings(r), 1);
	assert_int_equal(tu_errors(r), 0);
	assert_int_equal(first_action(r)->overdue, 1);
	assert_true(r->doc[0]->u.plan.as_of.valid);
}

/* Any status but complete: not started, blocked, none given; and
 * sub-actions as well as headline actions. */
static void every_unfinished_action_past_due_is_overdue(void **state)
{
	(void)state;
	char *x = plan_action("status=\"not-started\" due=\"2026-06-30\"",
	    DEFAULT_TEXT
	    "<action ref=\"a\" status=\"blocked\" due=\"2026-Q2\">"
	    "<text>Sub.</text></action>"
	    "<action ref=\"b\" due=\"spring 2026\"><text>Sub.</text>"
	    "</action>");
	struct check_options o = as_of(2027, 1, 31);
	struct tu_run *r = check_plan_text(x, &o);
	assert_int_equal(tu_count_says(r, "warning", "overdue", NULL), 3);
	struct plan_action *a = first_action(r);
	assert_int_equal(a->overdue, 1);
	assert_int_equal(a->children->overdue, 1);
	assert_int_equal(a->children->next->overdue, 1);
}

static void complete_action_is_never_overdue(void **state)
{
	(void)state;
	char *x = plan_action("status=\"complete\" due=\"2020-01\"", NULL);
	struct check_options o = as_of(2027, 1, 31);
	struct tu_run *r = check_plan_text(x, &o);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
	assert_int_equal(first_action(r)->overdue, 0);
}

static void ongoing_and_tbc_are_never_overdue(void **state)
{
	(void)state;
	static const char *const never[] = {"ongoing", "TBC"};
	for (size_t i = 0; i < 2; i++) {
		char attrs[64];
		snprintf(attrs, sizeof attrs,
		         "status=\"in-progress\" due=\"%s\"", never[i]);
		char *x = plan_action(attrs, NULL);
		struct check_options o = as_of(2099, 12, 31);
		struct tu_run *r = check_plan_text(x, &o);
		if (r->check_rc != 0 || tu_warnings(r) != 0)
			fail_msg("due=\"%s\":\n%s", never[i], tu_diags(r));
		assert_int_equal(first_action(r)->overdue, 0);
		tu_release(r);
		tu_release(x);
	}
}

static void month_is_overdue_only_after_its_last_day(void **state)
{
	(void)state;
	char *x = plan_action("status=\"in-progress\" due=\"2027-01\"", NULL);
	struct check_options last = as_of(2027, 1, 31);
	struct tu_run *r = check_plan_text(x, &last);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("as of 2027-01-31:\n%s", tu_diags(r));
	assert_int_equal(first_action(r)->overdue, 0);

	struct check_options after = as_of(2027, 2, 1);
	struct tu_run *s = check_plan_text(x, &after);
	assert_true(has_after(s, x, "warning", "overdue", "due=\""));
	assert_int_equal(tu_warnings(s), 1);
	assert_int_equal(first_action(s)->overdue, 1);
}

/* A date is past due the day after; a season after its last day. */
static void date_and_winter_are_overdue_only_after_their_last_day(
    void **state)
{
	(void)state;
	static const struct {
		const char *due;
		int y, m, d;
		int overdue;
	} c[] = {
		{"2027-01-31", 2027, 1, 31, 0}, {"2027-01-31", 2027, 2, 1, 1},
		{"winter 2026", 2027, 2, 28, 0}, {"winter 2026", 2027, 3, 1, 1},
		{"2026", 2026, 12, 31, 0}, {"2026", 2027, 1, 1, 1},
		{"2026-Q4", 2026, 12, 31, 0}, {"2026-Q4", 2027, 1, 1, 1},
	};
	for (size_t i = 0; i < N(c); i++) {
		char attrs[64];
		snprintf(attrs, sizeof attrs,
		         "status=\"in-progress\" due=\"%s\"", c[i].due);
		char *x = plan_action(attrs, NULL);
		struct check_options o = as_of(c[i].y, c[i].m, c[i].d);
		struct tu_run *r = check_plan_text(x, &o);
		if (first_action(r)->overdue != c[i].overdue ||
		    tu_reports(r, "warning", "overdue") != c[i].overdue)
			fail_msg("due %s as of %s: overdue %d, expected %d\n%s",
			         c[i].due, o.as_of.text,
			         first_action(r)->overdue, c[i].overdue,
			         tu_diags(r));
		tu_release(r);
		tu_release(x);
	}
}

static void without_as_of_nothing_is_overdue(void **state)
{
	(void)state;
	char *x = plan_action("status=\"in-progress\" due=\"2001-01\"", NULL);
	struct tu_run *r = check_plan_text(x, NULL);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
	assert_int_equal(first_action(r)->overdue, 0);
	assert_false(r->doc[0]->u.plan.as_of.valid);
	/* an as-of day that is not valid is ignored */
	struct check_options o = as_of(2027, 1, 31);
	o.as_of.valid = 0;
	struct tu_run *s = check_plan_text(x, &o);
	if (s->check_rc != 0 || tu_warnings(s) != 0)
		fail_msg("%s", tu_diags(s));
	assert_int_equal(first_action(s)->overdue, 0);
}

/* ---- complete-text ------------------------------------------------- */

static void complete_in_the_text_warns_when_status_is_not_complete(
    void **state)
{
	(void)state;
	char *x = plan_action("status=\"in-progress\"",
	                      "<text>Roll out anonymous recruitment - COMPLETE"
	                      "</text>");
	struct tu_run *r = check_plan_text(x, NULL);
	int line, col;
	where(x, "<action ref=\"1.1\"", &line, &col);
	assert_true(tu_reports_at(r, "warning", "complete-text", line, 5));
	assert_true(tu_says(r, "warning", "complete-text",
	                    "action 1.1 says COMPLETE but its status is "
	                    "in-progress"));
	assert_int_equal(tu_warnings(r), 1);
	assert_int_equal(tu_errors(r), 0);
}

static void complete_in_an_update_warns(void **state)
{
	(void)state;
	char *x = plan_action("status=\"in-progress\"", DEFAULT_TEXT
	                      "<update date=\"2020-07\">Started July 2020- "
	                      "COMPLETE</update>");
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(tu_reports(r, "warning", "complete-text"));
	assert_int_equal(tu_warnings(r), 1);
}

static void complete_in_a_nested_list_item_of_the_text_warns(void **state)
{
	(void)state;
	char *x = plan_action("",
	                      "<text>Review processes:<ul><li>Phase one"
	                      "<ol><li>Interviews COMPLETE.</li></ol></li>"
	                      "</ul></text>");
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(tu_reports(r, "warning", "complete-text"));
	assert_true(tu_says(r, "warning", "complete-text",
	                    "its status is not given"));
	assert_int_equal(tu_warnings(r), 1);
}

static void complete_in_a_list_of_an_update_or_in_bold_warns(void **state)
{
	(void)state;
	char *x = plan_action("status=\"blocked\"", DEFAULT_TEXT
	                      "<update>Progress:<ul><li>Done - COMPLETE</li>"
	                      "</ul></update>");
	struct tu_run *r = check_plan_text(x, NULL);
	assert_true(tu_reports(r, "warning", "complete-text"));
	char *y = plan_action("status=\"blocked\"",
	                      "<text>Done: <strong>COMPLETE</strong></text>");
	struct tu_run *s = check_plan_text(y, NULL);
	assert_true(tu_reports(s, "warning", "complete-text"));
}

/* \bCOMPLETE\b: the upper-case word only. */
static void complete_in_other_words_or_cases_does_not_warn(void **state)
{
	(void)state;
	static const char *const quiet[] = {
		"The review is complete.", "Recruitment is incomplete.",
		"INCOMPLETE returns.", "Phase one COMPLETED.",
		"COMPLETEness check.", "Complete the survey."};
	for (size_t i = 0; i < N(quiet); i++) {
		char inner[128];
		snprintf(inner, sizeof inner, "<text>%s</text><update>%s"
		         "</update>", quiet[i], quiet[i]);
		char *x = plan_action("status=\"in-progress\"", inner);
		struct tu_run *r = check_plan_text(x, NULL);
		if (r->check_rc != 0 || tu_warnings(r) != 0)
			fail_msg("\"%s\":\n%s", quiet[i], tu_diags(r));
		tu_release(r);
		tu_release(x);
	}
}

static void complete_with_status_complete_does_not_warn(void **state)
{
	(void)state;
	char *x = plan_action("status=\"complete\"",
	                      "<text>Roll out - COMPLETE</text><update>"
	                      "COMPLETE</update>");
	struct tu_run *r = check_plan_text(x, NULL);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
}

/* ---- duplicate-ref ------------------------------------------------- */

/* Refs identify actions: two with one reference are an error. */
static void duplicate_sibling_refs_are_an_error(void **state)
{
	(void)state;
	char *x = plan_action("", DEFAULT_TEXT
	                      "\n      <action ref=\"a\"><text>One.</text></action>"
	                      "\n      <action ref=\"b\"><text>Two.</text></action>"
	                      "\n      <action ref=\"a\"><text>Three.</text>"
	                      "</action>");
	struct tu_run *r = check_plan_text(x, NULL);
	int line, col;
	where(x, "<action ref=\"a\"><text>Three.", &line, &col);
	if (!tu_reports_at(r, "error", "duplicate-ref", line, 7))
		fail_msg("no duplicate-ref at %d:7:\n%s", line, tu_diags(r));
	assert_true(tu_says(r, "error", "duplicate-ref",
	                    "two actions here are both 1.1 a"));
	assert_int_equal(tu_errors(r), 1);
}

/* ... unless both have ids, which then tell them apart. */
static void duplicate_refs_with_ids_are_fine(void **state)
{
	(void)state;
	char *x = plan_action("", DEFAULT_TEXT
	    "\n      <action ref=\"a\" id=\"one\"><text>One.</text></action>"
	    "\n      <action ref=\"a\" id=\"two\"><text>Two.</text></action>");
	struct tu_run *r = check_plan_text(x, NULL);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
}

/* A service area numbers its actions afresh. */
static void same_ref_in_two_areas_is_fine(void **state)
{
	(void)state;
	char *x = plan_xml(
	    NULL,
	    "    <area title=\"One\"><action ref=\"A\"><text>T.</text>"
	    "</action></area>\n"
	    "    <area title=\"Two\"><action ref=\"A\"><text>T.</text>"
	    "</action></area>\n");
	struct tu_run *r = check_plan_text(x, NULL);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
}

static void same_ref_under_different_parents_is_fine(void **state)
{
	(void)state;
	char *x = plan_action("", DEFAULT_TEXT
	    "<action ref=\"a\"><text>One.</text>"
	    "<action ref=\"i\"><text>Deep.</text></action></action>"
	    "<action ref=\"b\"><text>Two.</text>"
	    "<action ref=\"i\"><text>Deep.</text></action>"
	    "<action ref=\"a\"><text>Deep.</text></action></action>");
	struct tu_run *r = check_plan_text(x, NULL);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
}

/* ---- depth ------------------------------------------------------------ */

static void depth_counts_levels_below_the_headline_action(void **state)
{
	(void)state;
	char *x = plan_action("", DEFAULT_TEXT
	    "<action ref=\"a\"><text>Sub.</text>"
	    "<action ref=\"i\"><text>Sub-sub.</text></action></action>"
	    "<action ref=\"b\"><text>Sub two.</text></action>");
	x = tu_keep(tu_replace(x, "  </goal>",
	    "    <action ref=\"1.2\"><text>Second headline.</text></action>\n"
	    "  </goal>\n"
	    "  <goal ref=\"2\" title=\"Goal two\">\n"
	    "    <area title=\"Area\">\n"
	    "      <action ref=\"2.1\"><text>In an area.</text>"
	    "<action ref=\"a\"><text>Below.</text></action></action>\n"
	    "    </area>\n"
	    "  </goal>"));
	struct tu_run *r = check_plan_text(x, NULL);
	if (r->check_rc != 0)
		fail_msg("%s", tu_diags(r));
	struct plan_action *a = first_action(r);
	assert_int_equal(a->depth, 0);
	assert_int_equal(a->next->depth, 0);
	assert_string_equal(a->children->ref, "a");
	assert_int_equal(a->children->depth, 1);
	assert_int_equal(a->children->next->depth, 1);
	assert_string_equal(a->children->children->ref, "i");
	assert_int_equal(a->children->children->depth, 2);
	struct plan_area *ar = r->doc[0]->u.plan.goals->next->areas;
	assert_int_equal(ar->actions->depth, 0);
	assert_int_equal(ar->actions->children->depth, 1);
}

/* ---- layout ------------------------------------------------------------ */

/* Every label word, every status; overdue with an as-of day. */
static const char labelled_goal[] =
    "    <action ref=\"1.1\" lead=\"LA\" status=\"not-started\" rag=\"red\""
    " priority=\"immediate\" due=\"2026-01\">\n"
    "      <text>Parent text.</text>\n"
    "      <milestone due=\"2026-02\" status=\"complete\">First step."
    "</milestone>\n"
    "      <milestone due=\"2026-03\" status=\"blocked\">Second step."
    "</milestone>\n"
    "      <update date=\"2026-02\" rag=\"amber\">Started.</update>\n"
    "      <note>Ask Jo.</note>\n"
    "      <action ref=\"a\" lead=\"LV\" status=\"in-progress\" rag=\"amber\""
    " priority=\"high\" due=\"2026-02\">\n"
    "        <text>Child text.</text>\n"
    "        <action ref=\"i\" status=\"complete\" rag=\"green\""
    " priority=\"medium\" due=\"2026-03\">\n"
    "          <text>Grandchild text.</text>\n"
    "        </action>\n"
    "        <action ref=\"ii\" status=\"blocked\" priority=\"low\""
    " due=\"2099-01\">\n"
    "          <text>Second grandchild.</text>\n"
    "        </action>\n"
    "      </action>\n"
    "    </action>\n"
    "    <action ref=\"1.2\" lead=\"LA LV\" due=\"ongoing\">\n"
    "      <text>Ongoing text.</text>\n"
    "    </action>\n";

static struct tu_run *layout_plan_text(const char *xml,
                                       const struct check_options *opts)
{
	struct tu_run *r = check_plan_text(xml, opts);
	tu_run_layout(r, 0);
	return r;
}

static struct tu_run *layout_labelled(const struct check_options *opts)
{
	return layout_plan_text(plan_xml(people, labelled_goal), opts);
}

static void plan_pages_are_landscape(void **state)
{
	(void)state;
	struct tu_run *r = layout_labelled(NULL);
	assert_true(r->ld->page_width > r->ld->page_height);
	assert_true(tu_near(r->ld->page_width, r->st.page_height));
	assert_true(tu_near(r->ld->page_height, r->st.page_width));
	/* and the table uses the width: its header row runs on beyond
	 * where a portrait page ends */
	const struct box *b = tu_find_text(r, "Progress", NULL);
	assert_non_null(b);
	double right = 0;
	for (size_t i = 0; i < r->ld->pages[0].nboxes; i++) {
		const struct box *x = &r->ld->pages[0].boxes[i];
		if (x->kind == BOX_RECT && x->filled &&
		    x->fill == r->st.fill_colour && x->x + x->w > right)
			right = x->x + x->w;
	}
	assert_true(right > r->st.page_width - r->st.margin_right);
}

/* The text column of a header cell of the action table. */
static double column_x(const struct tu_run *r, const char *head)
{
	const struct box *b = tu_find_text(r, head, NULL);
	if (b == NULL || b->face != FACE_BOLD)
		fail_msg("no header \"%s\"", head);
	return b->x;
}

static void overdue_action_shows_an_overdue_label(void **state)
{
	(void)state;
	struct check_options o = as_of(2027, 1, 31);
	struct tu_run *r = layout_labelled(&o);
	/* 1.1 and a; not i (complete), ii (due 2099) or 1.2 (ongoing);
	 * with the status, where a reader looks for how it stands */
	double status = column_x(r, "Status"), progress = column_x(r, "Progress");
	double milestones = column_x(r, "Milestones");
	size_t n = 0, late_milestones = 0;
	for (size_t p = 0; p < r->ld->npages; p++)
		for (size_t i = 0; i < r->ld->pages[p].nboxes; i++) {
			const struct box *b = &r->ld->pages[p].boxes[i];
			if (!tu_text_is(b, "Overdue"))
				continue;
			assert_int_equal(b->face, FACE_BOLD);
			if (b->x > milestones - TU_EPS && b->x < status) {
				late_milestones++;   /* the blocked second step */
				continue;
			}
			n++;
			assert_true(b->x > status - TU_EPS && b->x < progress);
		}
	assert_int_equal(n, 2);
	assert_int_equal(late_milestones, 1);
	assert_non_null(tu_find_text(r, "Progress as of 31/01/2027", NULL));
	/* without an as-of day there is none */
	struct tu_run *s = layout_labelled(NULL);
	assert_int_equal(tu_count_text(s, "Overdue"), 0);
	assert_null(tu_find_text(s, "Progress as of 31/01/2027", NULL));
}

static int is_label_fill(const struct tu_run *r, const struct box *b)
{
	return b->kind == BOX_RECT && b->filled && !b->stroked &&
	       tu_near(b->h, 1.3 * r->st.body_size);
}

/* Label words where they fit on one line: "RAG: Amber" is an update's
 * rating in the Progress column. */
static void label_words_are_printed_as_text(void **state)
{
	(void)state;
	struct check_options o = as_of(2027, 1, 31);
	struct tu_run *r = layout_labelled(&o);
	static const char *const words[] = {
		"In progress", "Complete", "RAG: Amber", "Blocked", "RAG: Red",
		"Overdue"};
	for (size_t i = 0; i < N(words); i++) {
		const struct box *b = tu_find_text(r, words[i], NULL);
		if (b == NULL)
			fail_msg("no label \"%s\" in the layout", words[i]);
		assert_int_equal(b->face, FACE_BOLD);
	}
}

/* A plan of one action with the attributes given, laid out. */
static struct tu_run *layout_one_action(const char *attrs)
{
	return layout_plan_text(plan_action(attrs, NULL), NULL);
}

/* The texts of the label fills in the Status column, in order, joined
 * by "|". */
static char *status_labels(const struct tu_run *r)
{
	const struct box *ph = tu_find_text(r, "Progress", NULL);
	double status = column_x(r, "Status");
	double progress = ph && ph->face == FACE_BOLD ? ph->x : r->right;
	char *out = tu_keep(calloc(1, 512));
	for (size_t p = 0; p < r->ld->npages; p++) {
		const struct layout_page *pg = &r->ld->pages[p];
		for (size_t i = 0; i + 1 < pg->nboxes; i++) {
			const struct box *l = &pg->boxes[i], *t = &pg->boxes[i + 1];
			if (!is_label_fill(r, l) || t->kind != BOX_TEXT ||
			    l->x < status - TU_CELL_PAD - TU_EPS ||
			    l->x > progress)
				continue;
			if (out[0])
				strcat(out, "|");
			strncat(out, t->text, t->len);
		}
	}
	return out;
}

/* README: each status, RAG rating and priority "prints as a coloured label
 * that always carries its word". In the Status column each is one label
 * reading its whole word, as "In progress" is, not broken into labels
 * "Not" and "started", or "RAG:" and "Amber". (Priority labels go in the
 * Action column: see the next test.) */
static void status_column_labels_keep_their_words_whole(void **state)
{
	(void)state;
	static const struct {
		const char *attrs, *labels;
	} c[] = {
		{"status=\"in-progress\"", "In progress"},
		{"status=\"not-started\"", "Not started"},
		{"status=\"complete\" rag=\"red\"", "Complete|RAG: Red"},
		{"rag=\"amber\"", "RAG: Amber"},
		{"rag=\"green\"", "RAG: Green"},
	};
	char bad[1024] = "";
	for (size_t i = 0; i < N(c); i++) {
		struct tu_run *r = layout_one_action(c[i].attrs);
		char *got = status_labels(r);
		if (strcmp(got, c[i].labels) != 0) {
			size_t l = strlen(bad);
			snprintf(bad + l, sizeof bad - l,
			         "\n  %s: labels \"%s\", expected \"%s\"",
			         c[i].attrs, got, c[i].labels);
		}
		tu_release(got);
		tu_release(r);
	}
	if (bad[0])
		fail_msg("labels in the Status column split their word:%s", bad);
}


/* The texts of the label fills in an action's head (over the rule, across
 * the table, that divides it from the action's details), joined by "|". */
static char *action_labels(const struct tu_run *r)
{
	char *out = tu_keep(calloc(1, 512));
	for (size_t p = 0; p < r->ld->npages; p++) {
		const struct layout_page *pg = &r->ld->pages[p];
		double rule = -1;
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (b->kind == BOX_LINE && b->h == 0 && b->size < 0.6 &&
			    tu_near(b->x, r->left) &&
			    tu_near(b->x + b->w, r->right) && b->y > rule)
				rule = b->y;
		}
		for (size_t i = 0; i + 1 < pg->nboxes; i++) {
			const struct box *l = &pg->boxes[i], *t = &pg->boxes[i + 1];
			if (!is_label_fill(r, l) || t->kind != BOX_TEXT ||
			    l->y < rule)
				continue;
			if (out[0])
				strcat(out, "|");
			strncat(out, t->text, t->len);
		}
	}
	return out;
}

/* A priority describes the action: one whole label under its words, in
 * its head across the table. */
static void priority_label_is_whole_in_the_action_head(void **state)
{
	(void)state;
	static const struct {
		const char *attrs, *labels;
	} c[] = {
		{"priority=\"immediate\"", "Immediate priority"},
		{"priority=\"high\"", "High priority"},
		{"priority=\"medium\"", "Medium priority"},
		{"priority=\"low\"", "Low priority"},
	};
	for (size_t i = 0; i < N(c); i++) {
		struct tu_run *r = layout_one_action(c[i].attrs);
		char *got = action_labels(r);
		assert_string_equal(got, c[i].labels);
		tu_release(got);
		tu_release(r);
	}
}

/* Label fills lie within the margins, and no column border crosses one. */
static size_t assert_labels_within_cells(const struct tu_run *r,
                                         const char *what)
{
	size_t labels = 0;
	for (size_t p = 0; p < r->ld->npages; p++) {
		const struct layout_page *pg = &r->ld->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *l = &pg->boxes[i];
			if (!is_label_fill(r, l))
				continue;
			labels++;
			if (l->x < r->left - TU_EPS ||
			    l->x + l->w > r->right + TU_EPS)
				fail_msg("%s: page %zu: label at x %.2f..%.2f is "
				         "outside the margins %.2f..%.2f", what,
				         p + 1, l->x, l->x + l->w, r->left,
				         r->right);
			for (size_t k = 0; k < pg->nboxes; k++) {
				const struct box *v = &pg->boxes[k];
				if (v->kind != BOX_LINE || v->w != 0 ||
				    v->h == 0)
					continue;
				double lo = v->h < 0 ? v->y + v->h : v->y;
				double hi = v->h < 0 ? v->y : v->y + v->h;
				if (v->x > l->x + TU_EPS &&
				    v->x < l->x + l->w - TU_EPS &&
				    lo < l->y + l->h - TU_EPS &&
				    hi > l->y + TU_EPS)
					fail_msg("%s: page %zu: label at x "
					         "%.2f..%.2f crosses the column "
					         "border at x %.2f", what, p + 1,
					         l->x, l->x + l->w, v->x);
			}
		}
	}
	return labels;
}

static void labels_never_extend_past_their_cell(void **state)
{
	(void)state;
	struct check_options o = as_of(2027, 1, 31);
	struct tu_run *r = layout_labelled(&o);
	/* 11 action labels, 2 milestone, 1 update, 2 overdue */
	assert_true(assert_labels_within_cells(r, "labelled plan") >= 16);
	static const char *const plans[] = {
		"content/plans/rivermouth-roma-inclusion.xml",
		"content/plans/anti-racist-practice.xml"};
	for (size_t i = 0; i < N(plans); i++) {
		const char *names[1] = {plans[i]};
		const char *texts[1] = {NULL};
		struct tu_run *c = tu_run_docs(1, names, texts, &o);
		tu_run_layout(c, 0);
		assert_true(assert_labels_within_cells(c, plans[i]) > 0);
		tu_release(c);
	}
}

/* A plan whose complete milestone belongs to a sub-sub-sub-action
 * ("B1.a.i.x"): its label has less room than "Complete" needs, so the
 * word breaks between letters, like any word too wide for its line. */
static struct tu_run *layout_deep_milestone(void)
{
	char *x = plan_xml(NULL,
	    "    <action ref=\"B1\"><text>Parent.</text>\n"
	    "      <action ref=\"B1.a\"><text>Child.</text>\n"
	    "        <action ref=\"B1.a.i\"><text>Grandchild.</text>\n"
	    "          <action ref=\"B1.a.i.x\"><text>Deep.</text>\n"
	    "            <milestone status=\"complete\">Done.</milestone>\n"
	    "          </action>\n"
	    "        </action>\n"
	    "      </action>\n"
	    "    </action>\n");
	return layout_plan_text(x, NULL);
}

/* Calls fn for each label fill with the TEXT box drawn on it. */
static void each_label(const struct tu_run *r,
                       void (*fn)(const struct box *fill,
                                  const struct box *text, void *arg),
                       void *arg)
{
	for (size_t p = 0; p < r->ld->npages; p++) {
		const struct layout_page *pg = &r->ld->pages[p];
		for (size_t i = 0; i + 1 < pg->nboxes; i++) {
			const struct box *l = &pg->boxes[i], *t = &pg->boxes[i + 1];
			if (is_label_fill(r, l) && t->kind == BOX_TEXT)
				fn(l, t, arg);
		}
	}
}

struct letters {
	char text[64];
	int pieces;
};

static void add_letters(const struct box *fill, const struct box *text,
                        void *arg)
{
	(void)fill;
	struct letters *g = arg;
	g->pieces++;
	for (size_t k = 0; k < text->len; k++)
		if (text->text[k] != '-' && strlen(g->text) + 1 < sizeof g->text)
			strncat(g->text, text->text + k, 1);
}

/* A milestone's status label is whole in the milestones column, however
 * deep its action (every letter, in order; one piece). */
static void milestone_label_is_whole_in_its_column(void **state)
{
	(void)state;
	struct tu_run *r = layout_deep_milestone();
	struct letters g;
	memset(&g, 0, sizeof g);
	each_label(r, add_letters, &g);
	assert_int_equal(g.pieces, 1);
	assert_string_equal(g.text, "Complete");
	const struct box *label = tu_find_text(r, "Complete", NULL);
	assert_non_null(label);
	assert_true(label->x >= column_x(r, "Milestones") - TU_EPS);
}

struct indent {
	double x;
	char bad[256];
};

static void check_indent(const struct box *fill, const struct box *text,
                         void *arg)
{
	struct indent *in = arg;
	size_t l = strlen(in->bad);
	if (!tu_near(fill->x, in->x))
		snprintf(in->bad + l, sizeof in->bad - l,
		         " \"%.*s\" at x %.2f;", (int)text->len, text->text,
		         fill->x);
}

/* Every piece of a milestone's label is indented with the milestone's
 * text, not only the first. */
static void every_piece_of_a_milestone_label_is_indented(void **state)
{
	(void)state;
	struct tu_run *r = layout_deep_milestone();
	const struct box *done = tu_find_text(r, "Done.", NULL);
	assert_non_null(done);
	struct indent in;
	memset(&in, 0, sizeof in);
	in.x = done->x;
	each_label(r, check_indent, &in);
	if (in.bad[0])
		fail_msg("label pieces not at the milestone's x %.2f:%s",
		         done->x, in.bad);
}

static void sub_action_text_starts_further_right_than_its_parent(
    void **state)
{
	(void)state;
	struct tu_run *r = layout_labelled(NULL);
	static const char *const texts[] = {"Parent text.", "Child text.",
	                                    "Grandchild text."};
	static const char *const refs[] = {"1.1", "a", "i"};
	double prev = 0, prev_ref = 0;
	for (size_t i = 0; i < 3; i++) {
		const struct box *t = tu_find_text(r, texts[i], NULL);
		const struct box *f = tu_find_text(r, refs[i], NULL);
		assert_non_null(t);
		assert_non_null(f);
		assert_true(tu_near(f->y, t->y));
		if (i > 0) {
			if (t->x <= prev + 1 || f->x <= prev_ref + 1)
				fail_msg("\"%s\" at x %.2f (ref %.2f) is not "
				         "right of its parent's %.2f (ref %.2f)",
				         texts[i], t->x, f->x, prev, prev_ref);
		}
		prev = t->x;
		prev_ref = f->x;
	}
	/* siblings line up (the text may wrap in a narrow column) */
	const struct box *b = tu_find_text(r, "Second grandchild.", NULL);
	if (b == NULL)
		b = tu_find_text(r, "Second", NULL);
	const struct box *ii = tu_find_text(r, "ii", NULL);
	assert_non_null(b);
	assert_non_null(ii);
	assert_true(b->x > tu_find_text(r, "Child text.", NULL)->x + 1);
	assert_true(tu_near(ii->x, tu_find_text(r, "i", NULL)->x));
}

static void internal_notes_are_in_the_layout(void **state)
{
	(void)state;
	struct tu_run *r = layout_labelled(NULL);
	const struct box *lead = tu_find_text(r, "Internal note:", NULL);
	const struct box *note = tu_find_text(r, "Ask Jo.", NULL);
	if (note == NULL)   /* a narrow column: on the next line */
		note = tu_find_text(r, "Ask", NULL);
	if (lead == NULL || note == NULL)
		fail_msg("the internal note is not in the layout");
	/* after its lead-in, on its line or under it */
	assert_true((tu_near(lead->y, note->y) && note->x > lead->x) ||
	            (note->y < lead->y && tu_near(note->x, lead->x)));
	assert_int_equal(lead->face, FACE_BOLD_ITALIC);
	assert_int_equal(note->face, FACE_ITALIC);
}

/* ---- plans as other councils write them --------------------------- */

static const char *const plan_files[] = {
	"content/plans/anti-racist-practice.xml",
	"content/plans/rivermouth-roma-inclusion.xml",
	"tests/plans/northfield-grt-action-plan.xml",
};

/* Whether a cell prints any words or labels. */
static int cell_prints(const struct pt_node *c)
{
	for (const struct pt_node *n = pt_walk_next(c, c); n;
	     n = pt_walk_next(c, n))
		if ((n->type == PT_TEXT && n->text[strspn(n->text, " ")]) ||
		    n->type == PT_LABEL || n->type == PT_TICK)
			return 1;
	return 0;
}

/* No printed table of a plan has a column empty in every row. */
static void no_table_column_is_empty_in_every_row(void **state)
{
	(void)state;
	struct check_options o = as_of(2027, 1, 31);
	for (size_t f = 0; f < N(plan_files); f++) {
		const char *names[1] = {plan_files[f]};
		const char *texts[1] = {NULL};
		struct tu_run *r = tu_run_docs(1, names, texts, &o);
		assert_int_equal(r->check_rc, 0);
		struct pt_node *tree = tu_run_tree(r, 0);
		size_t tables = 0;
		for (struct pt_node *t = tree; t; t = pt_walk_next(tree, t)) {
			if (t->type != PT_TABLE)
				continue;
			tables++;
			size_t ncols = pt_more_of(t)->nvalues;
			for (size_t col = 0; col < ncols; col++) {
				int used = 0;
				for (const struct pt_node *g = t->first->next; g;
				     g = g->next)
					for (const struct pt_node *row = g->first;
					     row; row = row->next)
						for (const struct pt_node *c =
						         row->first;
						     c; c = c->next)
							used |= c->col == col &&
							        c->span <= 1 &&
							        cell_prints(c);
				if (!used)
					fail_msg("%s: a %s table's column %zu is "
					         "empty in every row", plan_files[f],
					         t->cls ? t->cls : "", col + 1);
			}
		}
		assert_true(tables >= 1);
		tu_release(r);
	}
}

/* Ids are for the source: a person is printed by name, else role, else
 * organisation, and the register of people has no Id column. */
static void people_are_named_never_by_id(void **state)
{
	(void)state;
	const char *names[1] = {"tests/plans/northfield-grt-action-plan.xml"};
	const char *texts[1] = {NULL};
	struct tu_run *r = tu_run_docs(1, names, texts, NULL);
	assert_int_equal(r->check_rc, 0);
	char *html = tu_run_html(r, 0);
	assert_null(strstr(html, ">housing-options<"));
	assert_null(strstr(html, ">apopescu<"));
	assert_null(strstr(html, "scope=\"col\">Id<"));
	/* a team: its role; a partner: name and organisation */
	assert_non_null(strstr(html, "Lead</strong> Housing Options Team"));
	assert_non_null(strstr(html, "<th scope=\"row\">Dean Smith</th>"));
	assert_non_null(strstr(html, "Northfield Traveller Movement"));
}

/* A goal prints its own label before its title. */
static void goal_label_is_printed_before_its_title(void **state)
{
	(void)state;
	const char *names[1] = {"tests/plans/northfield-grt-action-plan.xml"};
	const char *texts[1] = {NULL};
	struct tu_run *r = tu_run_docs(1, names, texts, NULL);
	char *html = tu_run_html(r, 0);
	assert_non_null(strstr(html, "Priority 1: Safe and secure "
	                             "accommodation</h2>"));
}

/* Words after a list stay after it; an update that is only a list has no
 * empty paragraph before it. */
static void text_after_a_list_stays_after_it(void **state)
{
	(void)state;
	const char *names[1] = {"tests/plans/northfield-grt-action-plan.xml"};
	const char *texts[1] = {NULL};
	struct tu_run *r = tu_run_docs(1, names, texts, NULL);
	char *html = tu_run_html(r, 0);
	const char *list = strstr(html, "Assessor training booked");
	const char *after = strstr(html, "Two of the five training sessions");
	assert_non_null(list);
	assert_non_null(after);
	assert_true(after > list);
	/* the workshop update: a list and nothing else */
	assert_non_null(strstr(html, "<div class=\"update\"><ul>\n<li>"
	                             "Workshop held on site"));
	assert_null(strstr(html, "<p></p>"));
}

#define T(f) cmocka_unit_test_teardown(f, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(every_accepted_period_form_passes_the_checker),
		T(rejected_periods_are_period_errors_at_the_due_attribute),
		T(milestone_update_and_reading_periods_are_checked),
		T(period_date_is_that_one_day),
		T(period_month_ends_on_its_last_day),
		T(period_quarter_spans_its_three_months),
		T(period_season_spans_uk_meteorological_months),
		T(period_winter_runs_into_the_next_year),
		T(period_season_is_case_insensitive),
		T(period_year_spans_the_year),
		T(period_financial_year_runs_april_to_march),
		T(financial_periods_print_as_councils_write_them),
		T(period_in_words_has_no_days_and_is_never_overdue),
		T(financial_quarter_is_overdue_after_its_last_day),
		T(period_ongoing_and_tbc_have_no_days),
		T(check_parse_period_rejects_other_text),
		T(every_known_status_rag_and_priority_is_accepted),
		T(unknown_status_is_an_error_listing_the_statuses),
		T(status_in_other_words_is_told_the_word_it_means),
		T(status_words_are_case_sensitive),
		T(unknown_rag_is_an_error_listing_the_ratings),
		T(unknown_priority_is_an_error_listing_the_priorities),
		T(milestone_status_update_and_reading_rag_are_checked),
		T(unknown_lead_names_it_and_lists_the_known_ids),
		T(several_leads_separated_by_spaces_resolve),
		T(unknown_lead_among_known_ones_is_reported_alone),
		T(lead_in_a_plan_without_people_register_is_an_error),
		T(all_is_not_a_lead),
		T(unknown_kpi_lead_is_a_person_reference_error),
		T(duplicate_person_id_is_duplicate_id),
		T(person_email_must_be_an_address),
		T(person_phone_must_be_a_uk_number),
		T(in_progress_action_past_due_is_overdue),
		T(every_unfinished_action_past_due_is_overdue),
		T(complete_action_is_never_overdue),
		T(ongoing_and_tbc_are_never_overdue),
		T(month_is_overdue_only_after_its_last_day),
		T(date_and_winter_are_overdue_only_after_their_last_day),
		T(without_as_of_nothing_is_overdue),
		T(complete_in_the_text_warns_when_status_is_not_complete),
		T(complete_in_an_update_warns),
		T(complete_in_a_nested_list_item_of_the_text_warns),
		T(complete_in_a_list_of_an_update_or_in_bold_warns),
		T(complete_in_other_words_or_cases_does_not_warn),
		T(complete_with_status_complete_does_not_warn),
		T(duplicate_sibling_refs_are_an_error),
		T(duplicate_refs_with_ids_are_fine),
		T(same_ref_in_two_areas_is_fine),
		T(same_ref_under_different_parents_is_fine),
		T(depth_counts_levels_below_the_headline_action),
		T(plan_pages_are_landscape),
		T(overdue_action_shows_an_overdue_label),
		T(label_words_are_printed_as_text),
		T(status_column_labels_keep_their_words_whole),
		T(priority_label_is_whole_in_the_action_head),
		T(labels_never_extend_past_their_cell),
		T(milestone_label_is_whole_in_its_column),
		T(every_piece_of_a_milestone_label_is_indented),
		T(sub_action_text_starts_further_right_than_its_parent),
		T(internal_notes_are_in_the_layout),
		T(no_table_column_is_empty_in_every_row),
		T(people_are_named_never_by_id),
		T(goal_label_is_printed_before_its_title),
		T(text_after_a_list_stays_after_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
