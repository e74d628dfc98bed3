/* test_guidance.c - the rules of guidance documents (rows resolve against
 * their form's action points, covered groups, links and personal data in
 * running text) and the guidance table's layout. Each test names one
 * behaviour and fails if it were removed. Documents are small texts
 * written here: a form of three action points in two groups, and a
 * guidance for its first group. */
#include "testutil.h"

#include "layout.h"
#include "style.h"

/* ---- the documents ------------------------------------------------ */

#define FORM_PATH "gform.xml"
#define GUIDANCE_PATH "test-guidance.xml"

/* A form of its own: the action points' titles are words no guidance
 * below contains, so the layout can only have them from the form. */
static const char gform[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<pledge-form xmlns=\"urn:mishto:1\" id=\"gform\" xml:lang=\"en\">\n"
    "  <title>Guidance Test Form</title>\n"
    "  <actions>\n"
    "    <group id=\"g1\" title=\"Group One\">\n"
    "      <action-point id=\"ap1\" title=\"Kestrel\">\n"
    "        <step id=\"s1\">Step one.</step>\n"
    "      </action-point>\n"
    "      <action-point id=\"ap2\" title=\"Heron\">\n"
    "        <step id=\"s1\">Step two.</step>\n"
    "      </action-point>\n"
    "    </group>\n"
    "    <group id=\"g2\" title=\"Group Two\">\n"
    "      <action-point id=\"ap3\" title=\"Osprey\">\n"
    "        <step id=\"s1\">Step three.</step>\n"
    "      </action-point>\n"
    "    </group>\n"
    "  </actions>\n"
    "  <support><option id=\"o1\">Option one</option></support>\n"
    "  <monitoring><p>Report yearly.</p></monitoring>\n"
    "  <contact/>\n"
    "</pledge-form>\n";

/* Guidance for group g1 of gform that breaks no rule. */
static const char guidance[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                 /* 1 */
    "<guidance xmlns=\"urn:mishto:1\" id=\"test-guidance\""
    " xml:lang=\"en\" form=\"gform\" groups=\"g1\">\n"             /* 2 */
    "  <title>Test guidance</title>\n"                             /* 3 */
    "  <p>Guidance for testing.</p>\n"                             /* 4 */
    "  <guidance-table>\n"                                         /* 5 */
    "    <row action-point=\"ap1\">\n"                             /* 6 */
    "      <actions><p>Do the first thing.</p></actions>\n"        /* 7 */
    "      <resources><p>Leaflet for the first.</p></resources>\n" /* 8 */
    "    </row>\n"                                                 /* 9 */
    "    <row action-point=\"ap2\">\n"                             /* 10 */
    "      <actions><p>Do the second thing.</p></actions>\n"       /* 11 */
    "      <resources><p>Leaflet for the second.</p></resources>\n"/* 12 */
    "    </row>\n"                                                 /* 13 */
    "  </guidance-table>\n"                                        /* 14 */
    "</guidance>\n";                                               /* 15 */

#define END_OF_TABLE "  </guidance-table>\n"
#define GROUPS_ATTR " groups=\"g1\""
#define FIRST_RESOURCE "<p>Leaflet for the first.</p>"

/* The form and a guidance text, checked. */
static struct tu_run *check_guidance_text(const char *xml)
{
	const char *names[2] = {FORM_PATH, GUIDANCE_PATH};
	const char *texts[2] = {gform, xml};
	return tu_run_docs(2, names, texts, NULL);
}

/* The guidance with one more row (its element on line 14). */
static char *guidance_with_row(const char *ap)
{
	char row[256];
	snprintf(row, sizeof row,
	         "    <row action-point=\"%s\">\n"
	         "      <actions><p>Another row.</p></actions>\n"
	         "    </row>\n" END_OF_TABLE, ap);
	return tu_variant(guidance, END_OF_TABLE, row);
}

/* The guidance with groups="..." set to list (NULL: no attribute). */
static char *guidance_with_groups(const char *base, const char *list)
{
	char attr[128] = "";
	if (list != NULL)
		snprintf(attr, sizeof attr, " groups=\"%s\"", list);
	return tu_variant(base, GROUPS_ATTR, attr);
}

/* The guidance whose first resource (line 8) is the paragraph given. */
static char *guidance_with_resource(const char *para)
{
	return tu_variant(guidance, FIRST_RESOURCE, para);
}

/* The guidance whose first resource is a link to href (the link element
 * starts on line 8 at the column returned in *col). */
static char *guidance_with_link(const char *href, int *col)
{
	char para[256];
	snprintf(para, sizeof para, "<p>See <link href=\"%s\">the page</link>."
	         "</p>", href);
	char *x = guidance_with_resource(para);
	*col = tu_col_of(x, 8, "<link ");
	return x;
}

/* ---- the base documents ------------------------------------------- */

static void valid_guidance_breaks_no_rule(void **state)
{
	(void)state;
	struct tu_run *r = check_guidance_text(guidance);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
	struct guidance *g = &r->doc[1]->u.guidance;
	assert_ptr_equal(g->form, r->doc[0]);
	assert_non_null(g->rows);
	assert_non_null(g->rows->action_point);
	assert_string_equal(g->rows->action_point->id, "ap1");
	assert_string_equal(g->rows->next->action_point->id, "ap2");
}

/* ---- action-point-reference ---------------------------------------- */

static void row_naming_missing_action_point_is_action_point_reference(
    void **state)
{
	(void)state;
	char *x = guidance_with_row("no-such-point");
	struct tu_run *r = check_guidance_text(x);
	int col = tu_col_after(x, 14, "<row action-point=\"");
	if (!tu_reports_at(r, "error", "action-point-reference", 14, col))
		fail_msg("no action-point-reference at 14:%d:\n%s", col,
		         tu_diags(r));
	assert_true(tu_says(r, "error", "action-point-reference",
	                    "form \\\"gform\\\" has no action point "
	                    "\\\"no-such-point\\\""));
	assert_int_equal(tu_errors(r), 1);
	assert_null(r->doc[1]->u.guidance.rows->next->next->action_point);
}

/* A step's full name is not an action point. */
static void row_naming_a_step_is_action_point_reference(void **state)
{
	(void)state;
	char *x = guidance_with_row("ap3/s1");
	struct tu_run *r = check_guidance_text(x);
	assert_true(tu_reports_at(r, "error", "action-point-reference", 14,
	                          tu_col_after(x, 14, "<row action-point=\"")));
	assert_int_equal(tu_errors(r), 1);
}

/* ---- guidance-missing -------------------------------------------- */

static void action_point_of_covered_group_without_row_is_guidance_missing(
    void **state)
{
	(void)state;
	/* drop the row of ap2 (lines 10-13) */
	char *x = tu_variant(guidance,
	    "    <row action-point=\"ap2\">\n"
	    "      <actions><p>Do the second thing.</p></actions>\n"
	    "      <resources><p>Leaflet for the second.</p>"
	    "</resources>\n"
	    "    </row>\n", "");
	struct tu_run *r = check_guidance_text(x);
	assert_int_equal(tu_errors(r), 0);
	assert_int_equal(tu_warnings(r), 1);
	assert_true(tu_reports(r, "warning", "guidance-missing"));
	/* names the action point (id and the form's title) and where the
	 * row goes: the table */
	assert_true(tu_says(r, "warning", "guidance-missing",
	                    "action point \\\"ap2\\\" (Heron) has no "
	                    "guidance"));
	assert_true(tu_says(r, "warning", "guidance-missing",
	                    "<row action-point=\\\"ap2\\\">"));
	assert_true(tu_reports_at(r, "warning", "guidance-missing", 5, 3));
}

static void action_points_of_groups_not_listed_are_not_warned(void **state)
{
	(void)state;
	/* ap3 (group g2) has no row; groups="g1" */
	struct tu_run *r = check_guidance_text(guidance);
	assert_int_equal(tu_warnings(r), 0);
	assert_false(tu_says(r, "warning", "guidance-missing", "ap3"));
	assert_int_equal(r->check_rc, 0);
}

static void without_groups_attribute_every_group_is_covered(void **state)
{
	(void)state;
	char *x = guidance_with_groups(guidance, NULL);
	struct tu_run *r = check_guidance_text(x);
	assert_null(r->doc[1]->u.guidance.groups);
	assert_int_equal(tu_errors(r), 0);
	assert_int_equal(tu_count_says(r, "warning", "guidance-missing", NULL),
	                 1);
	assert_true(tu_says(r, "warning", "guidance-missing",
	                    "action point \\\"ap3\\\" (Osprey)"));
}

static void every_listed_group_is_covered(void **state)
{
	(void)state;
	char *x = guidance_with_groups(guidance, "g2  g1");
	struct tu_run *r = check_guidance_text(x);
	assert_int_equal(tu_errors(r), 0);
	assert_int_equal(tu_count_says(r, "warning", "guidance-missing", NULL),
	                 1);
	assert_true(tu_says(r, "warning", "guidance-missing", "\\\"ap3\\\""));
	/* with a row for ap3 as well, nothing is missing */
	char *y = tu_variant(x, END_OF_TABLE,
	                     "    <row action-point=\"ap3\">\n"
	                     "      <actions><p>Third.</p></actions>\n"
	                     "    </row>\n" END_OF_TABLE);
	struct tu_run *s = check_guidance_text(y);
	if (s->check_rc != 0 || tu_warnings(s) != 0)
		fail_msg("%s", tu_diags(s));
}

/* ---- group-reference ----------------------------------------------- */

static void unknown_group_is_group_reference(void **state)
{
	(void)state;
	char *x = guidance_with_groups(guidance, "no-such-group");
	struct tu_run *r = check_guidance_text(x);
	int col = tu_col_after(x, 2, "groups=\"");
	if (!tu_reports_at(r, "error", "group-reference", 2, col))
		fail_msg("no group-reference at 2:%d:\n%s", col, tu_diags(r));
	assert_true(tu_says(r, "error", "group-reference",
	                    "the form has no group with id "
	                    "\\\"no-such-group\\\""));
	assert_int_equal(tu_errors(r), 1);
}

/* Each unknown id of the list is reported, and only those; a prefix of a
 * group's id is not that group. */
static void each_unknown_group_of_the_list_is_reported(void **state)
{
	(void)state;
	char *x = guidance_with_groups(guidance, "g1 g nope");
	struct tu_run *r = check_guidance_text(x);
	assert_int_equal(tu_count_says(r, "error", "group-reference", NULL), 2);
	assert_true(tu_says(r, "error", "group-reference", "\\\"g\\\""));
	assert_true(tu_says(r, "error", "group-reference", "\\\"nope\\\""));
	assert_false(tu_says(r, "error", "group-reference", "\\\"g1\\\""));
	assert_int_equal(tu_errors(r), 2);
}

/* ---- duplicate-guidance ------------------------------------------- */

static void two_rows_for_one_action_point_is_duplicate_guidance(
    void **state)
{
	(void)state;
	char *x = guidance_with_row("ap1");
	struct tu_run *r = check_guidance_text(x);
	/* the error at the second row, a note at the first */
	if (!tu_reports_at(r, "error", "duplicate-guidance", 14, 5))
		fail_msg("no duplicate-guidance at 14:5:\n%s", tu_diags(r));
	assert_true(tu_says(r, "error", "duplicate-guidance",
	                    "action point \\\"ap1\\\" already has a row"));
	assert_true(tu_reports_at(r, "note", NULL, 6, 5));
	assert_true(tu_says(r, "note", NULL, "the first row is here"));
	assert_int_equal(tu_errors(r), 1);
	assert_int_equal(tu_notes(r), 1);
}

/* ---- link-scheme, placeholder-link, personal-data in links -------- */

static void http_https_mailto_and_tel_links_pass(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"http://example.org/page", "https://example.org/page",
		"HTTPS://EXAMPLE.ORG/", "mailto:?subject=Mishto",
		"tel:999"};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		int col;
		char *x = guidance_with_link(ok[i], &col);
		struct tu_run *r = check_guidance_text(x);
		if (r->check_rc != 0 || tu_warnings(r) != 0)
			fail_msg("href=\"%s\":\n%s", ok[i], tu_diags(r));
		tu_release(r);
		tu_release(x);
	}
}

static void other_link_schemes_are_link_scheme_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"javascript:alert(1)", "ftp://example.org/x",
		"data:text/html,hello", "page.html", "//example.org/x",
		"file:///etc/passwd"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int col;
		char *x = guidance_with_link(bad[i], &col);
		struct tu_run *r = check_guidance_text(x);
		if (!tu_reports_at(r, "error", "link-scheme", 8, col) ||
		    tu_errors(r) != 1)
			fail_msg("href=\"%s\" (link at 8:%d):\n%s", bad[i], col,
			         tu_diags(r));
		char quoted[128];
		snprintf(quoted, sizeof quoted, "\\\"%s\\\" is not allowed",
		         bad[i]);
		assert_true(tu_says(r, "error", "link-scheme", quoted));
		tu_release(r);
		tu_release(x);
	}
}

static void hash_and_empty_links_are_placeholder_warnings(void **state)
{
	(void)state;
	static const char *const placeholders[] = {"#", "", "#later"};
	for (size_t i = 0; i < 3; i++) {
		int col;
		char *x = guidance_with_link(placeholders[i], &col);
		struct tu_run *r = check_guidance_text(x);
		if (!tu_reports_at(r, "warning", "placeholder-link", 8, col) ||
		    tu_warnings(r) != 1 || tu_errors(r) != 0)
			fail_msg("href=\"%s\":\n%s", placeholders[i],
			         tu_diags(r));
		tu_release(r);
		tu_release(x);
	}
}

static void mailto_link_with_address_is_personal_data(void **state)
{
	(void)state;
	int col;
	char *x = guidance_with_link("mailto:jane.smith@testbury.example",
	                             &col);
	struct tu_run *r = check_guidance_text(x);
	if (!tu_reports_at(r, "warning", "personal-data", 8, col))
		fail_msg("%s", tu_diags(r));
	assert_true(tu_says(r, "warning", "personal-data",
	                    "mailto:jane.smith@testbury.example"));
	assert_int_equal(tu_warnings(r), 1);
	assert_int_equal(tu_errors(r), 0);
}

static void tel_link_with_uk_number_is_personal_data(void **state)
{
	(void)state;
	static const char *const tels[] = {"tel:01614960123",
	                                   "tel:+441614960123",
	                                   "tel:07700 900362"};
	for (size_t i = 0; i < 3; i++) {
		int col;
		char *x = guidance_with_link(tels[i], &col);
		struct tu_run *r = check_guidance_text(x);
		if (!tu_reports_at(r, "warning", "personal-data", 8, col) ||
		    tu_warnings(r) != 1 || tu_errors(r) != 0)
			fail_msg("href=\"%s\":\n%s", tels[i], tu_diags(r));
		tu_release(r);
		tu_release(x);
	}
}

/* ---- personal-data in running text -------------------------------- */

static void email_in_paragraph_is_personal_data(void **state)
{
	(void)state;
	char *x = guidance_with_resource(
	    "<p>Write to jane.smith@testbury.example for a copy.</p>");
	struct tu_run *r = check_guidance_text(x);
	if (!tu_reports(r, "warning", "personal-data") || tu_warnings(r) != 1)
		fail_msg("%s", tu_diags(r));
	assert_true(tu_says(r, "warning", "personal-data", "\"line\":8,"));
	assert_int_equal(tu_errors(r), 0);
}

static void phone_in_list_item_is_personal_data(void **state)
{
	(void)state;
	char *x = guidance_with_resource(
	    "<ul><li>Call Jane on 0161 496 0123 to book.</li></ul>");
	struct tu_run *r = check_guidance_text(x);
	if (!tu_reports(r, "warning", "personal-data") || tu_warnings(r) != 1)
		fail_msg("%s", tu_diags(r));
	assert_true(tu_says(r, "warning", "personal-data", "\"line\":8,"));
	assert_int_equal(tu_errors(r), 0);
}

/* In the actions column, in the intro and inside emphasis too. */
static void personal_data_is_found_in_every_part_of_the_guidance(
    void **state)
{
	(void)state;
	char *x = tu_variant(guidance, "<p>Do the first thing.</p>",
	                     "<p>Ask <em>+44 161 496 0123</em> first.</p>");
	x = tu_variant(x, "<p>Guidance for testing.</p>",
	               "<p>Guidance by info@example.org.</p>");
	struct tu_run *r = check_guidance_text(x);
	assert_int_equal(tu_count_says(r, "warning", "personal-data", NULL), 2);
	assert_true(tu_says(r, "warning", "personal-data", "\"line\":7,"));
	assert_true(tu_says(r, "warning", "personal-data", "\"line\":4,"));
}

static void plain_numbers_in_running_text_are_not_personal_data(
    void **state)
{
	(void)state;
	char *x = guidance_with_resource(
	    "<p>Around 1,400 Roma people live here; the plan runs to 2027"
	    " and costs 25000 pounds.</p>");
	x = tu_variant(x, "<p>Do the second thing.</p>",
	               "<ul><li>Report by 2027-03-31, on page 12.</li></ul>");
	struct tu_run *r = check_guidance_text(x);
	if (r->check_rc != 0 || tu_warnings(r) != 0)
		fail_msg("%s", tu_diags(r));
}

/* ---- form-reference ------------------------------------------------ */

static void form_naming_a_pledge_is_form_reference(void **state)
{
	(void)state;
	char *x = tu_variant(guidance, "form=\"gform\"",
	                     "form=\"test-pledge\"");
	const char *names[3] = {TU_FORM_PATH, "test-pledge.xml",
	                        GUIDANCE_PATH};
	const char *texts[3] = {NULL, tu_valid_pledge, x};
	struct tu_run *r = tu_run_docs(3, names, texts, NULL);
	int col = tu_col_after(x, 2, "form=\"");
	if (!tu_reports_at(r, "error", "form-reference", 2, col))
		fail_msg("no form-reference at 2:%d:\n%s", col, tu_diags(r));
	assert_true(tu_says(r, "error", "form-reference",
	                    "\\\"test-pledge\\\" is a pledge, not a pledge "
	                    "form"));
	assert_int_equal(tu_errors(r), 1);
	assert_null(r->doc[2]->u.guidance.form);
}

static void form_naming_no_document_is_form_reference(void **state)
{
	(void)state;
	char *x = tu_variant(guidance, "form=\"gform\"",
	                     "form=\"no-such-form\"");
	struct tu_run *r = check_guidance_text(x);
	assert_true(tu_reports_at(r, "error", "form-reference", 2,
	                          tu_col_after(x, 2, "form=\"")));
	assert_true(tu_says(r, "error", "form-reference",
	                    "no pledge form with id \\\"no-such-form\\\""));
	assert_int_equal(tu_errors(r), 1);
}

/* ---- layout --------------------------------------------------------- */

/* The text column where the table's header cell starting with `head`
 * starts. */
static double column_of_head(const struct tu_run *r, const char *head)
{
	const struct box *b = NULL;
	for (size_t p = 0; b == NULL && p < r->ld->npages; p++)
		for (size_t i = 0; b == NULL && i < r->ld->pages[p].nboxes;
		     i++) {
			const struct box *c = &r->ld->pages[p].boxes[i];
			if (c->kind == BOX_TEXT && c->len >= strlen(head) &&
			    memcmp(c->text, head, strlen(head)) == 0)
				b = c;
		}
	if (b == NULL)
		fail_msg("no header \"%s\" in the layout", head);
	assert_int_equal(b->face, FACE_BOLD);
	return b->x;
}

static void first_column_prints_the_action_points_title_from_the_form(
    void **state)
{
	(void)state;
	struct tu_run *r = check_guidance_text(guidance);
	tu_run_layout(r, 1);
	double col0 = column_of_head(r, "Pledge");
	assert_true(tu_near(col0, r->left + TU_CELL_PAD));
	static const char *const titles[] = {"Kestrel", "Heron"};
	static const char *const actions[] = {"Do the first thing.",
	                                      "Do the second thing."};
	for (size_t i = 0; i < 2; i++) {
		size_t tp, ap;
		const struct box *t = tu_find_text(r, titles[i], &tp);
		if (t == NULL)
			fail_msg("the form's title \"%s\" is not in the layout",
			         titles[i]);
		/* in the first column, in bold, on the row of its actions */
		assert_true(tu_near(t->x, col0));
		assert_int_equal(t->face, FACE_BOLD);
		const struct box *a = tu_find_text(r, actions[i], &ap);
		assert_non_null(a);
		assert_true(a->x > col0 + 50);
		assert_int_equal(tp, ap);
		assert_true(tu_near(t->y, a->y));
		assert_int_equal(tu_count_text(r, titles[i]), 1);
	}
	/* ap3 has no row */
	assert_int_equal(tu_count_text(r, "Osprey"), 0);
}

/* The title follows the form: the same guidance against a form whose
 * action point has another title prints that title. */
static void first_column_changes_with_the_forms_title(void **state)
{
	(void)state;
	char *f = tu_variant(gform, "title=\"Kestrel\"", "title=\"Merlin\"");
	const char *names[2] = {FORM_PATH, GUIDANCE_PATH};
	const char *texts[2] = {f, guidance};
	struct tu_run *r = tu_run_docs(2, names, texts, NULL);
	tu_run_layout(r, 1);
	assert_non_null(tu_find_text(r, "Merlin", NULL));
	assert_null(tu_find_text(r, "Kestrel", NULL));
}

static void every_rows_resources_text_is_in_the_layout(void **state)
{
	(void)state;
	char *x = guidance_with_groups(guidance, NULL);
	x = tu_variant(x, END_OF_TABLE,
	               "    <row action-point=\"ap3\">\n"
	               "      <actions><p>Third.</p></actions>\n"
	               "      <resources><ul><li>Leaflet in a list.</li></ul>"
	               "<p>Leaflet after.</p></resources>\n"
	               "    </row>\n" END_OF_TABLE);
	struct tu_run *r = check_guidance_text(x);
	tu_run_layout(r, 1);
	double col2 = column_of_head(r, "Activities");
	static const char *const res[] = {
		"Leaflet for the first.", "Leaflet for the second.",
		"Leaflet in a list.", "Leaflet after."};
	for (size_t i = 0; i < 4; i++) {
		const struct box *b = tu_find_text(r, res[i], NULL);
		if (b == NULL)
			fail_msg("resources text \"%s\" is not in the layout",
			         res[i]);
		/* in the resources column (a list item is indented) */
		assert_true(b->x >= col2 - TU_EPS);
		assert_true(b->x + 1 < r->right);
	}
}

#define T(f) cmocka_unit_test_teardown(f, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(valid_guidance_breaks_no_rule),
		T(row_naming_missing_action_point_is_action_point_reference),
		T(row_naming_a_step_is_action_point_reference),
		T(action_point_of_covered_group_without_row_is_guidance_missing),
		T(action_points_of_groups_not_listed_are_not_warned),
		T(without_groups_attribute_every_group_is_covered),
		T(every_listed_group_is_covered),
		T(unknown_group_is_group_reference),
		T(each_unknown_group_of_the_list_is_reported),
		T(two_rows_for_one_action_point_is_duplicate_guidance),
		T(http_https_mailto_and_tel_links_pass),
		T(other_link_schemes_are_link_scheme_errors),
		T(hash_and_empty_links_are_placeholder_warnings),
		T(mailto_link_with_address_is_personal_data),
		T(tel_link_with_uk_number_is_personal_data),
		T(email_in_paragraph_is_personal_data),
		T(phone_in_list_item_is_personal_data),
		T(personal_data_is_found_in_every_part_of_the_guidance),
		T(plain_numbers_in_running_text_are_not_personal_data),
		T(form_naming_a_pledge_is_form_reference),
		T(form_naming_no_document_is_form_reference),
		T(first_column_prints_the_action_points_title_from_the_form),
		T(first_column_changes_with_the_forms_title),
		T(every_rows_resources_text_is_in_the_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
