/* test_personal.c - the personal-data rule and the public edition
 * (rules.c), over the presentation tree: which contact details are found
 * in running text, which look-alikes are not, and what the public edition
 * prints in their place. Each test builds a small form whose purpose
 * paragraph holds the text under test. */
#include "testutil.h"

/* A form whose only paragraph is text (inline content, not escaped). */
static struct tu_run *form_saying(const char *text, int public_edition)
{
	char *xml = tu_keep(calloc(1, strlen(text) + 1024));
	sprintf(xml,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<pledge-form xmlns=\"urn:mishto:1\" id=\"pform\" "
	        "xml:lang=\"en\">\n"
	        "  <title>Personal data form</title>\n"
	        "  <section title=\"Purpose\"><p>%s</p></section>\n"
	        "  <actions><group id=\"g\" title=\"Group\">\n"
	        "    <action-point id=\"ap\" title=\"Point\">\n"
	        "      <step id=\"s\">Step.</step></action-point>\n"
	        "  </group></actions>\n"
	        "  <support><option id=\"o\">Option</option></support>\n"
	        "  <monitoring><p>Report yearly.</p></monitoring>\n"
	        "  <contact/>\n"
	        "</pledge-form>\n", text);
	const char *names[] = {"pform.xml"};
	const char *texts[] = {xml};
	struct check_options opts = {{0}, public_edition};
	return tu_run_docs(1, names, texts, &opts);
}

static int personal(const char *text)
{
	struct tu_run *r = form_saying(text, 0);
	int found = tu_reports(r, "warning", "personal-data");
	tu_release(r);
	return found;
}

static void each_way_of_writing_an_address_is_found(void **state)
{
	(void)state;
	static const char *const found[] = {
		"Write to jo.bloggs@example.org today.",
		"Write to jo.bloggs＠example.org today.",           /* fullwidth */
		"Write to jo [at] example [dot] org today.",
		"Write to jo(at)example.org today.",
		"Write to jo at example dot org today.",
		"Write to jo<em>.bloggs</em>@example.org today.",  /* split */
	};
	for (size_t i = 0; i < sizeof found / sizeof *found; i++)
		if (!personal(found[i]))
			fail_msg("not found: %s", found[i]);
}

static void each_way_of_writing_a_number_is_found(void **state)
{
	(void)state;
	static const char *const found[] = {
		"Call 0113 496 0000.", "Call 01134960000.",
		"Call +44 113 496 0000.", "Call +44 (0)20 7946 0000.",
		"Call 0044 20 7946 0000.", "Call +44-7700-900123.",
		"Call 07700.900.123.", "Call +353 1 234 5678.",
		"Call 0113\xC2\xA0" "496\xC2\xA0" "0000.",   /* no-break spaces */
		"Call 0113 <strong>496</strong> 0000.",
	};
	for (size_t i = 0; i < sizeof found / sizeof *found; i++)
		if (!personal(found[i]))
			fail_msg("not found: %s", found[i]);
}

static void links_that_reach_a_person_are_found(void **state)
{
	(void)state;
	static const char *const found[] = {
		"<link href=\"mailto:jo@example.org\">write</link>",
		"<link href=\"mailto:jo%40example.org\">write</link>",
		"<link href=\"tel:+441134960000\">call</link>",
		"<link href=\"https://wa.me/447700900123\">message</link>",
		"<link href=\"https://example.org/?phone=07700900123\">form</link>",
	};
	for (size_t i = 0; i < sizeof found / sizeof *found; i++)
		if (!personal(found[i]))
			fail_msg("not found: %s", found[i]);
}

static void dates_times_amounts_and_short_numbers_are_not(void **state)
{
	(void)state;
	static const char *const not_found[] = {
		"Due 2027-01-31, or 31/01/2027, at 10:30.",
		"A budget of £1,000,000 for 2026–27.",
		"About 1,400 Roma people in 12 wards.",
		"Room 0.12 on floor 3.",
		"<link href=\"tel:999\">999</link> in an emergency.",
		"<link href=\"mailto:?subject=Mishto\">share</link> this.",
		"<link href=\"https://example.org/page\">the page</link>.",
		"Meet at the centre at noon.",
	};
	for (size_t i = 0; i < sizeof not_found / sizeof *not_found; i++)
		if (personal(not_found[i]))
			fail_msg("taken for contact details: %s", not_found[i]);
}

static void the_warning_names_the_field(void **state)
{
	(void)state;
	struct tu_run *r = form_saying("Call 0113 496 0000.", 0);
	assert_true(tu_says(r, "warning", "personal-data",
	                    "this paragraph holds an email address or a phone "
	                    "number"));
	assert_int_equal(tu_count_says(r, "warning", "personal-data", NULL),
	                 1);
}

static void the_public_edition_withholds_them_and_keeps_the_rest(
    void **state)
{
	(void)state;
	struct tu_run *r = form_saying(
	    "Write to jo<em>.bloggs</em>@example.org or call 0113 496 0000, "
	    "or <link href=\"mailto:jo@example.org\">send a note</link>.", 1);
	const char *html = tu_run_html(r, 0);
	assert_null(strstr(html, "bloggs"));
	assert_null(strstr(html, "496"));
	assert_null(strstr(html, "mailto:"));
	assert_non_null(strstr(html, "Write to [contact details withheld]"
	                             " or call [contact details withheld], "
	                             "or send a note."));
}

static void the_internal_edition_keeps_them(void **state)
{
	(void)state;
	struct tu_run *r = form_saying("Call 0113 496 0000.", 0);
	assert_non_null(strstr(tu_run_html(r, 0), "Call 0113 496 0000."));
}

#define T(f) cmocka_unit_test_teardown(f, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(each_way_of_writing_an_address_is_found),
		T(each_way_of_writing_a_number_is_found),
		T(links_that_reach_a_person_are_found),
		T(dates_times_amounts_and_short_numbers_are_not),
		T(the_warning_names_the_field),
		T(the_public_edition_withholds_them_and_keeps_the_rest),
		T(the_internal_edition_keeps_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
