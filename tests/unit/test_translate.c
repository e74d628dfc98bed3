/* test_translate.c - putting a translation into the presentation tree of
 * the checked pledge form: which words change, which stay (marked with
 * their language), what the reader is told, and that the words a
 * translation brings are held to the same rules as the document's. */
#include "testutil.h"

#include "translate.h"

#define TR_HEAD                                                          \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                     \
	"<translation xmlns=\"urn:mishto:1\" id=\"la-pledge.ro\""          \
	" of=\"la-pledge\" xml:lang=\"ro\">\n"

/* The real form and a translation, parsed and checked; the form's tree is
 * made and translated, its warnings going to r->d like the rest. */
static struct tu_run *translated(const char *strings, int each, int *rc)
{
	static char text[4096];
	snprintf(text, sizeof text, "%s%s</translation>\n", TR_HEAD, strings);
	const char *names[] = {TU_FORM_PATH, "la-pledge.ro.xml"};
	const char *texts[] = {NULL, text};
	struct tu_run *r = tu_run_docs(2, names, texts, NULL);
	assert_int_equal(r->check_rc, 0);
	struct pt_node *tree = tu_run_tree(r, 0);
	*rc = translate_tree(tree, r->a, DOCUMENT_PLEDGE_FORM, r->doc[1], NULL,
	                     each, &r->d);
	fflush(r->out);
	return r;
}

/* The translated tree as HTML (kept). */
static const char *html_of(struct tu_run *r)
{
	char *html = NULL;
	size_t len = 0;
	assert_int_equal(html_render(r->tree, NULL, NULL, NULL, NULL, &html, &len), 0);
	return tu_keep(html);
}

static void a_translated_string_replaces_the_source(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"title\" source=\"The Mishto Pledge – Action "
	    "Plan\">Angajamentul Mishto</string>\n",
	    1, &rc);
	const char *html = html_of(r);
	assert_non_null(strstr(html, "<h1>Angajamentul Mishto</h1>"));
	assert_non_null(strstr(html, "<title>Angajamentul Mishto</title>"));
	assert_non_null(strstr(html, "<html lang=\"ro\">"));
	assert_true(rc > 0);   /* the rest is untranslated */
}

static void the_source_document_is_untouched(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"title\" source=\"The Mishto Pledge – Action "
	    "Plan\">Angajamentul Mishto</string>\n",
	    0, &rc);
	assert_string_equal(r->doc[0]->u.form.title,
	                    "The Mishto Pledge – Action Plan");
	assert_string_equal(r->doc[0]->lang, "en");
	/* the form's own edition, made after, is English */
	tu_run_tree(r, 0);
	assert_non_null(strstr(html_of(r), "<h1>The Mishto Pledge – Action "
	                                   "Plan</h1>"));
}

static void a_source_wrapped_differently_is_still_current(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"actions.instruction\" source=\"  You must commit "
	    "to all\n   action points by ticking at least one of the\n"
	    "corresponding steps.  \">Trebuie să vă angajați.</string>\n",
	    1, &rc);
	assert_non_null(strstr(html_of(r), "<p class=\"instruction\"><strong>"
	                                   "Trebuie să vă angajați.</strong>"));
	assert_false(tu_reports(r, "warning", "stale-translation"));
}

static void a_changed_source_makes_the_translation_stale(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"audience\" source=\"Local Councils\">Consilii"
	    "</string>\n",
	    1, &rc);
	const char *html = html_of(r);
	assert_null(strstr(html, "Consilii"));
	assert_non_null(strstr(html, "<p class=\"audience\"><span lang=\"en\">"
	                             "Local Authorities</span></p>"));
	assert_true(tu_reports(r, "warning", "stale-translation"));
	assert_int_equal(tu_count_says(r, "note", NULL,
	                               "the source text is here"), 1);
}

static void a_missing_string_is_named_with_its_key(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated("", 1, &rc);
	assert_true(tu_says(r, "warning", "untranslated",
	                    "(key ap.housing-access); it stays in the source "
	                    "language"));
	/* each string missing is one warning, however often it is printed
	 * (the title is in the window's title, the running header and the
	 * page): headings, texts, options, labels */
	assert_int_equal(rc, tu_count_says(r, "warning", "untranslated", NULL));
	assert_int_equal(tu_count_says(r, "warning", "untranslated",
	                               "(key title)"), 1);
	assert_true(rc > 60);
}

static void untranslated_words_are_marked_with_their_language(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"label.tick\" source=\"Tick\">Bifă</string>\n", 0,
	    &rc);
	const char *html = html_of(r);
	/* a label, a heading and running text alike */
	/* the blank form is a form: a column's head labels its fields */
	assert_non_null(strstr(html, "<label class=\"entry\" for=\"by:"
	                             "promote-culture/calendar-events\"><span "
	                             "lang=\"en\">Timeline / deadline</span>"
	                             "</label>"));
	assert_non_null(strstr(html, "<h2>1. <span lang=\"en\">Purpose"
	                             "</span></h2>"));
	assert_non_null(strstr(html, "\"><strong>1a</strong> "
	                             "<span lang=\"en\">Integrate events"));
}

static int serial_order(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* The PDF writer keeps a node's structure element by its serial: the
 * words a translation leaves in the source language move into a copy of
 * their node, which is numbered as a node of its own. */
static void every_node_of_a_translated_tree_has_a_serial_of_its_own(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"label.tick\" source=\"Tick\">Bifă</string>\n", 0,
	    &rc);
	size_t n = 0, cap = 1024;
	uint32_t *serials = malloc(cap * sizeof *serials);
	assert_non_null(serials);
	for (const struct pt_node *x = r->tree; x != NULL;
	     x = pt_walk_next(r->tree, x)) {
		if (n == cap) {
			cap *= 2;
			serials = realloc(serials, cap * sizeof *serials);
			assert_non_null(serials);
		}
		serials[n++] = x->serial;
	}
	assert_true(n > 100);
	qsort(serials, n, sizeof *serials, serial_order);
	assert_true(serials[0] > 0);
	for (size_t i = 1; i < n; i++)
		assert_true(serials[i] > serials[i - 1]);
	free(serials);
	/* words were left untranslated, so copies were made */
	assert_non_null(strstr(html_of(r), "<span lang=\"en\">"));
}

static void without_each_a_build_hears_one_summary(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated("", 0, &rc);
	assert_int_equal(tu_count_says(r, "warning", "untranslated",
	                               "no ro translation of"), 0);
	assert_int_equal(tu_count_says(r, "warning", "untranslated", NULL), 1);
	assert_true(tu_says(r, "warning", "untranslated",
	                    "strings of la-pledge have no ro translation, or "
	                    "a stale one"));
}

static void a_key_nothing_has_is_reported(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"ap.gone\" source=\"Gone\">Dispărut</string>\n", 1,
	    &rc);
	assert_true(tu_says(r, "warning", "translation-unused",
	                    "nothing in la-pledge has the key \\\"ap.gone\\\""));
}

static void a_word_of_the_kind_not_printed_here_is_not_unused(void **state)
{
	(void)state;
	int rc;
	/* the blank form prints no "Signed on"; a signed pledge does */
	struct tu_run *r = translated(
	    "<string key=\"label.signed-on\" source=\"Signed on\">Semnat la"
	    "</string>\n", 1, &rc);
	assert_false(tu_reports(r, "warning", "translation-unused"));
}

static void a_same_as_step_follows_its_translated_original(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"step.children-access/romanes-interpreters\" "
	    "source=\"Encourage your language provider to source interpreters"
	    " that speak relevant dialects of Romanes (the first language of "
	    "many Roma people).\">Încurajați interpreții.</string>\n",
	    1, &rc);
	/* once under children's services, once under housing (same-as) */
	const char *html = html_of(r), *at = html;
	int n = 0;
	while ((at = strstr(at, "</strong> Încurajați interpreții."
	                        "</label>")) != NULL) {
		n++;
		at++;
	}
	assert_int_equal(n, 2);
}

static void labels_translate_with_the_text(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"label.deadline\" source=\"Timeline / deadline\">"
	    "Termen</string>\n"
	    "<string key=\"label.page\" source=\"Page\">Pagina</string>\n",
	    1, &rc);
	const struct pt_node *page = pt_meta(r->tree, PR_META_PAGE);
	assert_non_null(page);
	char *words = tu_keep(pt_plain(page));
	assert_string_equal(words, "Paginaof");
	assert_non_null(strstr(html_of(r), "\">Termen</label>"));
}

static void a_translated_link_is_held_to_the_link_rules(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"intro.1.1\" source=\"Thank you for your interest "
	    "in the Mishto campaign and for committing to take meaningful "
	    "action to make your services more accessible, welcoming, and "
	    "inclusive for Roma communities. This action plan is designed to "
	    "help your organisation set clear and measurable steps to put that"
	    " commitment into practice, support progress monitoring, and "
	    "shared learning among all pledge signatories.\">Vă mulțumim: "
	    "<link href=\"javascript:alert(1)\">aici</link>, "
	    "jo@example.org</string>\n", 0, &rc);
	assert_true(rules_check(r->rules, r->tree, 1) > 0);
	fflush(r->out);
	assert_true(tu_reports(r, "error", "link-scheme"));
	assert_true(tu_reports(r, "warning", "personal-data"));
	/* and a writer never makes a link of it, whatever reaches it */
	assert_null(strstr(html_of(r), "javascript:"));
}

#define T(f) cmocka_unit_test_teardown(f, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_translated_string_replaces_the_source),
		T(the_source_document_is_untouched),
		T(a_source_wrapped_differently_is_still_current),
		T(a_changed_source_makes_the_translation_stale),
		T(a_missing_string_is_named_with_its_key),
		T(untranslated_words_are_marked_with_their_language),
		T(every_node_of_a_translated_tree_has_a_serial_of_its_own),
		T(without_each_a_build_hears_one_summary),
		T(a_key_nothing_has_is_reported),
		T(a_word_of_the_kind_not_printed_here_is_not_unused),
		T(a_same_as_step_follows_its_translated_original),
		T(labels_translate_with_the_text),
		T(a_translated_link_is_held_to_the_link_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
