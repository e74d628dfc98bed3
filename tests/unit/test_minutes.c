/* test_minutes.c - the rules of minutes (dates and times of the meeting
 * and the next one, action owners among the attendees, the attendees'
 * register) and their layout: the date in full, owners in bold in the
 * action items column, the next meeting's line. Each test names one
 * behaviour and fails if it were removed. Minutes are small texts written
 * here. */
#include "testutil.h"

#include "layout.h"
#include "style.h"

/* ---- the documents ------------------------------------------------ */

#define MINUTES_PATH "test-minutes.xml"

/* Minutes that break no rule. */
static const char minutes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                   /* 1 */
    "<minutes xmlns=\"urn:mishto:1\" id=\"test-minutes\""
    " xml:lang=\"en\">\n"                                            /* 2 */
    "  <title>Testbury Working Group</title>\n"                      /* 3 */
    "  <meeting date=\"2024-10-23\" start=\"11:00\" end=\"12:00\""
    " location=\"Town Hall\"/>\n"                                    /* 4 */
    "  <attendees>\n"                                                /* 5 */
    "    <person id=\"mihai\" name=\"Mihai\""
    " email=\"mihai@example.org\" phone=\"0113 496 0000\"/>\n"       /* 6 */
    "    <person id=\"dada\" name=\"Dada\"/>\n"                      /* 7 */
    "  </attendees>\n"                                               /* 8 */
    "  <item title=\"Training\">\n"                                  /* 9 */
    "    <discussion><p>The group agreed to ask for dates.</p>"
    "</discussion>\n"                                                /* 10 */
    "    <action owner=\"dada\">Ask for training dates.</action>\n"  /* 11 */
    "  </item>\n"                                                    /* 12 */
    "  <next-meeting date=\"2024-11-25\" start=\"11:00\""
    " end=\"12:30\"/>\n"                                             /* 13 */
    "</minutes>\n";                                                  /* 14 */

#define MEETING "<meeting date=\"2024-10-23\" start=\"11:00\" end=\"12:00\""
#define NEXT "<next-meeting date=\"2024-11-25\" start=\"11:00\" end=\"12:30\""
#define OWNER "<action owner=\"dada\">"

static struct tu_run *check_minutes_text(const char *xml)
{
	const char *names[1] = {MINUTES_PATH};
	const char *texts[1] = {xml};
	return tu_run_docs(1, names, texts, NULL);
}

static char *with_meeting(const char *date, const char *start,
                          const char *end)
{
	char m[160];
	snprintf(m, sizeof m, "<meeting date=\"%s\" start=\"%s\" end=\"%s\"",
	         date, start, end);
	return tu_variant(minutes, MEETING, m);
}

/* The next meeting's attributes; start NULL: none. */
static char *with_next(const char *date, const char *start)
{
	char m[160];
	if (start != NULL)
		snprintf(m, sizeof m, "<next-meeting date=\"%s\" start=\"%s\"",
		         date, start);
	else
		snprintf(m, sizeof m, "<next-meeting date=\"%s\"", date);
	return tu_variant(minutes, NEXT, m);
}

static char *with_owner(const char *owner)
{
	char a[128];
	snprintf(a, sizeof a, "<action owner=\"%s\">", owner);
	return tu_variant(minutes, OWNER, a);
}

static void assert_clean(const struct tu_run *r, const char *what)
{
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s:\n%s", what, tu_diags(r));
}

static void valid_minutes_break_no_rule(void **state)
{
	(void)state;
	struct tu_run *r = check_minutes_text(minutes);
	assert_clean(r, "the valid minutes");
	const struct minutes *mi = &r->doc[0]->u.minutes;
	assert_true(mi->meeting.date.valid);
	assert_true(mi->meeting.start.valid);
	assert_int_equal(mi->meeting.start.h, 11);
	assert_int_equal(mi->meeting.end.m, 0);
	assert_true(mi->has_next);
	assert_int_equal(mi->items->actions->owners.n, 1);
}

/* ---- date ------------------------------------------------------------- */

static void invalid_meeting_date_is_a_date_error(void **state)
{
	(void)state;
	/* a date written as in a letter is told the date it means */
	static const char *const bad[] = {"2024-02-30", "23/10/2024",
	                                  "2024-10", "2023-02-29"};
	static const char *const said[] = {
	    "is not a valid date", "is written as in a letter; write it as "
	    "2024-10-23", "is not a valid date", "is not a valid date"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *x = with_meeting(bad[i], "11:00", "12:00");
		struct tu_run *r = check_minutes_text(x);
		char quoted[128];
		snprintf(quoted, sizeof quoted,
		         "the meeting's date \\\"%s\\\" %s", bad[i], said[i]);
		if (!tu_reports_at(r, "error", "date", 4,
		                   tu_col_after(x, 4, "date=\"")) ||
		    !tu_says(r, "error", "date", quoted) || tu_errors(r) != 1)
			fail_msg("date=\"%s\":\n%s", bad[i], tu_diags(r));
		assert_false(r->doc[0]->u.minutes.meeting.date.valid);
		tu_release(r);
		tu_release(x);
	}
}

static void invalid_next_meeting_date_is_a_date_error(void **state)
{
	(void)state;
	char *x = with_next("2024-11-31", "11:00");
	struct tu_run *r = check_minutes_text(x);
	assert_true(tu_reports_at(r, "error", "date", 13,
	                          tu_col_after(x, 13, "date=\"")));
	assert_true(tu_says(r, "error", "date", "the next meeting's date"));
	assert_int_equal(tu_errors(r), 1);
}

/* ---- time, time-order -------------------------------------------------- */

static void bad_start_times_are_time_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {"25:00", "9:5", "12:60", "9:05",
	                                  "24:00", "11:00pm", "1100", "",
	                                  "ab:cd"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *x = with_meeting("2024-10-23", bad[i], "23:59");
		struct tu_run *r = check_minutes_text(x);
		char quoted[96];
		snprintf(quoted, sizeof quoted,
		         "the meeting's start \\\"%s\\\" is not a time", bad[i]);
		if (!tu_reports_at(r, "error", "time", 4,
		                   tu_col_after(x, 4, "start=\"")) ||
		    !tu_says(r, "error", "time", quoted) || tu_errors(r) != 1)
			fail_msg("start=\"%s\":\n%s", bad[i], tu_diags(r));
		tu_release(r);
		tu_release(x);
	}
}

static void bad_end_time_is_a_time_error(void **state)
{
	(void)state;
	char *x = with_meeting("2024-10-23", "11:00", "12:75");
	struct tu_run *r = check_minutes_text(x);
	assert_true(tu_reports_at(r, "error", "time", 4,
	                          tu_col_after(x, 4, "end=\"")));
	assert_true(tu_says(r, "error", "time", "the meeting's end"));
	/* no time-order error from a time that is not one */
	assert_int_equal(tu_errors(r), 1);
}

static void edge_times_of_the_day_are_accepted(void **state)
{
	(void)state;
	char *x = with_meeting("2024-10-23", "00:00", "23:59");
	struct tu_run *r = check_minutes_text(x);
	assert_clean(r, "00:00 to 23:59");
	assert_int_equal(r->doc[0]->u.minutes.meeting.end.h, 23);
	assert_int_equal(r->doc[0]->u.minutes.meeting.end.m, 59);
}

static void end_before_start_is_time_order(void **state)
{
	(void)state;
	char *x = with_meeting("2024-10-23", "12:00", "11:59");
	struct tu_run *r = check_minutes_text(x);
	assert_true(tu_reports_at(r, "error", "time-order", 4,
	                          tu_col_after(x, 4, "end=\"")));
	assert_true(tu_says(r, "error", "time-order",
	                    "the meeting ends (11:59) before it starts "
	                    "(12:00)"));
	assert_int_equal(tu_errors(r), 1);
}

static void end_equal_to_start_is_time_order(void **state)
{
	(void)state;
	char *x = with_meeting("2024-10-23", "12:00", "12:00");
	struct tu_run *r = check_minutes_text(x);
	assert_true(tu_reports_at(r, "error", "time-order", 4,
	                          tu_col_after(x, 4, "end=\"")));
	assert_int_equal(tu_errors(r), 1);
}

static void next_meeting_ending_before_it_starts_is_time_order(
    void **state)
{
	(void)state;
	char *x = tu_variant(minutes, "end=\"12:30\"", "end=\"10:30\"");
	struct tu_run *r = check_minutes_text(x);
	assert_true(tu_reports_at(r, "error", "time-order", 13,
	                          tu_col_after(x, 13, "end=\"")));
	assert_true(tu_says(r, "error", "time-order", "the next meeting ends"));
	assert_int_equal(tu_errors(r), 1);
}

/* ---- person-reference: owners ----------------------------------------- */

static void owner_not_an_attendee_is_person_reference(void **state)
{
	(void)state;
	char *x = with_owner("mihai zoe");
	struct tu_run *r = check_minutes_text(x);
	if (!tu_reports_at(r, "error", "person-reference", 11,
	                   tu_col_after(x, 11, "owner=\"")))
		fail_msg("%s", tu_diags(r));
	assert_true(tu_says(r, "error", "person-reference",
	                    "owner \\\"zoe\\\" is not in the register of "
	                    "people; known ids: mihai, dada (or \\\"all\\\")"));
	assert_int_equal(tu_errors(r), 1);
}

/* Apologies are not attendees: they own no action. */
static void owner_who_sent_apologies_is_person_reference(void **state)
{
	(void)state;
	char *x = tu_variant(minutes, "  </attendees>\n",
	                     "  </attendees>\n"
	                     "  <apologies><person id=\"zoe\" name=\"Zoe\"/>"
	                     "</apologies>\n");
	x = tu_variant(x, OWNER, "<action owner=\"zoe\">");
	struct tu_run *r = check_minutes_text(x);
	assert_true(tu_reports(r, "error", "person-reference"));
	assert_true(tu_says(r, "error", "person-reference", "\\\"zoe\\\""));
	assert_int_equal(tu_errors(r), 1);
}

static void owner_all_is_accepted(void **state)
{
	(void)state;
	char *x = with_owner("all");
	struct tu_run *r = check_minutes_text(x);
	assert_clean(r, "owner=\"all\"");
	const struct person_refs *o = &r->doc[0]->u.minutes.items->actions
	                                   ->owners;
	assert_int_equal(o->all, 1);
	assert_int_equal(o->n, 0);
}

static void owner_all_and_an_attendee_is_accepted(void **state)
{
	(void)state;
	char *x = with_owner("all mihai");
	struct tu_run *r = check_minutes_text(x);
	assert_clean(r, "owner=\"all mihai\"");
	const struct person_refs *o = &r->doc[0]->u.minutes.items->actions
	                                   ->owners;
	assert_int_equal(o->all, 1);
	assert_int_equal(o->n, 1);
	assert_string_equal(o->people[0]->id, "mihai");
}

static void several_owners_resolve_in_order(void **state)
{
	(void)state;
	char *x = with_owner("dada mihai");
	struct tu_run *r = check_minutes_text(x);
	assert_clean(r, "owner=\"dada mihai\"");
	const struct person_refs *o = &r->doc[0]->u.minutes.items->actions
	                                   ->owners;
	assert_int_equal(o->all, 0);
	assert_int_equal(o->n, 2);
	assert_string_equal(o->people[0]->id, "dada");
	assert_string_equal(o->people[1]->id, "mihai");
}

static void empty_owner_is_person_reference(void **state)
{
	(void)state;
	char *x = with_owner(" ");
	struct tu_run *r = check_minutes_text(x);
	assert_true(tu_says(r, "error", "person-reference", "owner is empty"));
	assert_int_equal(tu_errors(r), 1);
}

/* ---- next-meeting ------------------------------------------------------ */

static void next_meeting_on_an_earlier_day_is_an_error(void **state)
{
	(void)state;
	char *x = with_next("2024-10-22", "15:00");
	struct tu_run *r = check_minutes_text(x);
	if (!tu_reports_at(r, "error", "next-meeting", 13,
	                   tu_col_after(x, 13, "date=\"")))
		fail_msg("%s", tu_diags(r));
	assert_true(tu_says(r, "error", "next-meeting",
	                    "the next meeting (2024-10-22) is not after this "
	                    "one (2024-10-23)"));
	assert_int_equal(tu_errors(r), 1);
}

static void next_meeting_earlier_on_the_same_day_is_an_error(void **state)
{
	(void)state;
	static const char *const starts[] = {"10:59", "11:00", NULL};
	for (size_t i = 0; i < 3; i++) {
		char *x = with_next("2024-10-23", starts[i]);
		struct tu_run *r = check_minutes_text(x);
		if (!tu_reports_at(r, "error", "next-meeting", 13,
		                   tu_col_after(x, 13, "date=\"")) ||
		    tu_errors(r) != 1)
			fail_msg("start %s:\n%s", starts[i] ? starts[i] : "none",
			         tu_diags(r));
		tu_release(r);
		tu_release(x);
	}
}

static void next_meeting_later_on_the_same_day_is_fine(void **state)
{
	(void)state;
	char *x = with_next("2024-10-23", "11:01");
	struct tu_run *r = check_minutes_text(x);
	assert_clean(r, "the same day at 11:01");
}

static void next_meeting_on_a_later_day_is_fine(void **state)
{
	(void)state;
	/* earlier in the day, and without a start */
	char *x = with_next("2024-10-24", "09:00");
	struct tu_run *r = check_minutes_text(x);
	assert_clean(r, "the next day at 09:00");
	char *y = with_next("2025-01-02", NULL);
	struct tu_run *s = check_minutes_text(y);
	assert_clean(s, "2025-01-02 without a start");
}

/* ---- attendees ----------------------------------------------------------- */

static void duplicate_attendee_id_is_duplicate_id(void **state)
{
	(void)state;
	char *x = tu_variant(minutes, "<person id=\"dada\" name=\"Dada\"/>",
	                     "<person id=\"dada\" name=\"Dada\"/>\n"
	                     "    <person id=\"dada\" name=\"Dada Two\"/>");
	struct tu_run *r = check_minutes_text(x);
	if (!tu_reports_at(r, "error", "duplicate-id", 8, 5))
		fail_msg("%s", tu_diags(r));
	assert_true(tu_says(r, "error", "duplicate-id",
	                    "attendee id \\\"dada\\\" is used twice"));
	assert_true(tu_reports_at(r, "note", NULL, 7, 5));
	assert_int_equal(tu_errors(r), 1);
	assert_int_equal(tu_notes(r), 1);
}

static void attendee_email_must_be_an_address(void **state)
{
	(void)state;
	static const char *const bad[] = {"mihai", "mihai@", "@example.org",
	                                  "mihai@example", "mi hai@example.org"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char attr[96];
		snprintf(attr, sizeof attr, "email=\"%s\"", bad[i]);
		char *x = tu_variant(minutes, "email=\"mihai@example.org\"",
		                     attr);
		struct tu_run *r = check_minutes_text(x);
		if (!tu_reports_at(r, "error", "email", 6,
		                   tu_col_after(x, 6, "email=\"")) ||
		    tu_errors(r) != 1)
			fail_msg("email=\"%s\":\n%s", bad[i], tu_diags(r));
		tu_release(r);
		tu_release(x);
	}
}

static void attendee_phone_must_be_a_uk_number(void **state)
{
	(void)state;
	char *x = tu_variant(minutes, "phone=\"0113 496 0000\"",
	                     "phone=\"12345\"");
	struct tu_run *r = check_minutes_text(x);
	assert_true(tu_reports_at(r, "error", "phone", 6,
	                          tu_col_after(x, 6, "phone=\"")));
	assert_int_equal(tu_errors(r), 1);
}

/* ---- layout --------------------------------------------------------- */

static struct tu_run *layout_minutes_text(const char *xml)
{
	struct tu_run *r = check_minutes_text(xml);
	tu_run_layout(r, 0);
	return r;
}

static void meeting_date_prints_in_full(void **state)
{
	(void)state;
	struct tu_run *r = layout_minutes_text(minutes);
	const struct box *label = tu_find_text(r, "Date:", NULL);
	assert_non_null(label);
	assert_int_equal(label->face, FACE_BOLD);
	/* the field's value, on the label's line */
	int found = 0;
	for (size_t i = 0; i < r->ld->pages[0].nboxes; i++) {
		const struct box *b = &r->ld->pages[0].boxes[i];
		if (tu_text_is(b, "Wednesday 23 October 2024") &&
		    tu_near(b->y, label->y) && b->x > label->x)
			found = 1;
	}
	if (!found)
		fail_msg("no \"Wednesday 23 October 2024\" beside \"Date:\"");
	assert_null(tu_find_text(r, "2024-10-23", NULL));
	/* the time and the place have their fields too */
	const struct box *t = tu_find_text(r, "11:00 to 12:00", NULL);
	const struct box *tl = tu_find_text(r, "Time:", NULL);
	assert_non_null(t);
	assert_non_null(tl);
	assert_true(tu_near(t->y, tl->y));
	assert_non_null(tu_find_text(r, "Town Hall", NULL));
}

static void assert_long_date(int y, int m, int d, const char *want)
{
	struct mdate md;
	memset(&md, 0, sizeof md);
	md.y = y;
	md.m = m;
	md.d = d;
	md.valid = 1;
	char buf[64];
	mdate_format_long(&md, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fail_msg("%04d-%02d-%02d: \"%s\", expected \"%s\"", y, m, d, buf,
		         want);
}

static void long_date_has_the_right_weekday(void **state)
{
	(void)state;
	assert_long_date(2024, 10, 23, "Wednesday 23 October 2024");
	assert_long_date(2026, 11, 23, "Monday 23 November 2026");
	assert_long_date(2024, 2, 29, "Thursday 29 February 2024");
	assert_long_date(2000, 2, 29, "Tuesday 29 February 2000");
	assert_long_date(2100, 3, 1, "Monday 1 March 2100");
	assert_long_date(1970, 1, 1, "Thursday 1 January 1970");
	assert_long_date(1969, 12, 31, "Wednesday 31 December 1969");
	assert_long_date(1900, 1, 1, "Monday 1 January 1900");
	assert_long_date(2024, 12, 29, "Sunday 29 December 2024");
	assert_long_date(2025, 1, 4, "Saturday 4 January 2025");
	assert_long_date(2025, 1, 3, "Friday 3 January 2025");
}

/* A date check did not accept is printed as written. */
static void long_date_of_an_invalid_date_is_its_text(void **state)
{
	(void)state;
	struct mdate md;
	memset(&md, 0, sizeof md);
	md.text = "sometime";
	char buf[64];
	mdate_format_long(&md, buf, sizeof buf);
	assert_string_equal(buf, "sometime");
}

/* The column of the action items, from its header. */
static double actions_column(const struct tu_run *r)
{
	const struct box *h = tu_find_text(r, "Action items", NULL);
	if (h == NULL || h->face != FACE_BOLD)
		fail_msg("no \"Action items\" header");
	return h->x;
}

static void owner_names_are_bold_in_the_action_items_column(void **state)
{
	(void)state;
	char *x = with_owner("dada mihai");
	x = tu_variant(x, "</action>\n",
	               "</action>\n    <action owner=\"all\">Share the dates."
	               "</action>\n    <action owner=\"all dada\">Map support."
	               "</action>\n");
	struct tu_run *r = layout_minutes_text(x);
	double col = actions_column(r);
	static const char *const owners[] = {"Dada, Mihai:", "All:",
	                                     "All, Dada:"};
	static const char *const texts[] = {"Ask for training dates.",
	                                    "Share the dates.", "Map support."};
	for (size_t i = 0; i < 3; i++) {
		const struct box *o = tu_find_text(r, owners[i], NULL);
		const struct box *t = tu_find_text(r, texts[i], NULL);
		if (o == NULL)
			fail_msg("no owner line \"%s\"", owners[i]);
		assert_non_null(t);
		assert_int_equal(o->face, FACE_BOLD);
		assert_int_equal(tu_count_text(r, owners[i]), 1);
		assert_true(tu_near(o->x, col));
		/* above its action's text, which is not bold */
		assert_true(tu_near(t->x, col));
		assert_true(o->y > t->y);
		assert_int_equal(t->face, FACE_REGULAR);
	}
	/* ids are not printed: names are */
	assert_null(tu_find_text(r, "dada", NULL));
}

static void next_meeting_line_appears(void **state)
{
	(void)state;
	struct tu_run *r = layout_minutes_text(minutes);
	size_t lp, vp;
	const struct box *label = tu_find_text(r, "Next meeting:", &lp);
	const struct box *value = tu_find_text(
	    r, "Monday 25 November 2024, 11:00 to 12:30", &vp);
	if (label == NULL || value == NULL)
		fail_msg("no next meeting line");
	assert_int_equal(label->face, FACE_BOLD);
	assert_int_equal(lp, vp);
	assert_true(tu_near(label->y, value->y));
	assert_true(value->x > label->x);
	/* below the table: below the action item's text */
	size_t ap;
	const struct box *a = tu_find_text(r, "Ask for training dates.", &ap);
	assert_non_null(a);
	assert_true(lp > ap || label->y < a->y);

	/* minutes without a next meeting have no such line */
	char *x = tu_variant(minutes,
	                     "  " NEXT "/>\n", "");
	struct tu_run *s = layout_minutes_text(x);
	assert_null(tu_find_text(s, "Next meeting:", NULL));
}

/* A meeting may give its end without its start (the schema allows it):
 * either the checker says that is not allowed, or the end time is
 * printed. It must not silently vanish. */
static void meeting_end_without_start_is_not_lost(void **state)
{
	(void)state;
	char *x = tu_variant(minutes, " start=\"11:00\" end=\"12:00\"",
	                     " end=\"12:15\"");
	struct tu_run *r = check_minutes_text(x);
	if (tu_errors(r) != 0 || tu_warnings(r) != 0) {
		/* reported, at the meeting */
		if (strstr(r->diag, "\"line\":4,") == NULL)
			fail_msg("%s", tu_diags(r));
		return;
	}
	tu_run_layout(r, 0);
	const struct box *hit = NULL;
	for (size_t i = 0; i < r->ld->pages[0].nboxes && !hit; i++) {
		const struct box *b = &r->ld->pages[0].boxes[i];
		for (size_t k = 0; b->kind == BOX_TEXT && k + 5 <= b->len; k++)
			if (memcmp(b->text + k, "12:15", 5) == 0)
				hit = b;
	}
	if (hit == NULL)
		fail_msg("the meeting's end, 12:15, is neither reported nor "
		         "printed");
}

static void next_meeting_without_times_prints_its_date(void **state)
{
	(void)state;
	char *x = with_next("2024-11-25", NULL);
	struct tu_run *r = layout_minutes_text(x);
	const struct box *label = tu_find_text(r, "Next meeting:", NULL);
	const struct box *value = tu_find_text(r, "Monday 25 November 2024",
	                                       NULL);
	assert_non_null(label);
	assert_non_null(value);
	assert_true(tu_near(label->y, value->y));
}

#define T(f) cmocka_unit_test_teardown(f, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(valid_minutes_break_no_rule),
		T(invalid_meeting_date_is_a_date_error),
		T(invalid_next_meeting_date_is_a_date_error),
		T(bad_start_times_are_time_errors),
		T(bad_end_time_is_a_time_error),
		T(edge_times_of_the_day_are_accepted),
		T(end_before_start_is_time_order),
		T(end_equal_to_start_is_time_order),
		T(next_meeting_ending_before_it_starts_is_time_order),
		T(owner_not_an_attendee_is_person_reference),
		T(owner_who_sent_apologies_is_person_reference),
		T(owner_all_is_accepted),
		T(owner_all_and_an_attendee_is_accepted),
		T(several_owners_resolve_in_order),
		T(empty_owner_is_person_reference),
		T(next_meeting_on_an_earlier_day_is_an_error),
		T(next_meeting_earlier_on_the_same_day_is_an_error),
		T(next_meeting_later_on_the_same_day_is_fine),
		T(next_meeting_on_a_later_day_is_fine),
		T(duplicate_attendee_id_is_duplicate_id),
		T(attendee_email_must_be_an_address),
		T(attendee_phone_must_be_a_uk_number),
		T(meeting_date_prints_in_full),
		T(long_date_has_the_right_weekday),
		T(long_date_of_an_invalid_date_is_its_text),
		T(owner_names_are_bold_in_the_action_items_column),
		T(next_meeting_line_appears),
		T(next_meeting_without_times_prints_its_date),
		T(meeting_end_without_start_is_not_lost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
