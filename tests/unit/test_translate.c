/* test_translate.c - putting a translation into a checked pledge form:
 * which strings change, which stay, and what the reader is told. */
#include "testutil.h"

#include "translate.h"

#define TR_HEAD                                                          \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                     \
	"<translation xmlns=\"urn:mishto:1\" id=\"la-pledge.ro\""          \
	" of=\"la-pledge\" xml:lang=\"ro\">\n"

/* The real form and a translation, parsed and checked; then the form is
 * translated, its warnings going to r->diag like the rest. */
static struct tu_run *translated(const char *strings, int each, int *rc)
{
	static char text[4096];
	snprintf(text, sizeof text, "%s%s</translation>\n", TR_HEAD, strings);
	const char *names[] = {TU_FORM_PATH, "la-pledge.ro.xml"};
	const char *texts[] = {NULL, text};
	struct tu_run *r = tu_run_docs(2, names, texts, NULL);
	assert_int_equal(r->check_rc, 0);
	*rc = translate_document(r->doc[0], r->doc[1], each, &r->d);
	fflush(r->out);
	return r;
}

static void a_translated_string_replaces_the_source(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"title\" source=\"The Mishto Pledge – Action "
	    "Plan\">Angajamentul Mishto</string>\n",
	    1, &rc);
	assert_string_equal(r->doc[0]->u.form.title, "Angajamentul Mishto");
	assert_string_equal(r->doc[0]->lang, "ro");
	assert_true(rc > 0);   /* the rest is untranslated */
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
	const struct inline_node *in = r->doc[0]->u.form.instruction;
	assert_non_null(in);
	assert_string_equal(inline_plain_text(r->doc[0]->arena, in),
	                    "Trebuie să vă angajați.");
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
	assert_string_equal(r->doc[0]->u.form.audience, "Local Authorities");
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
	assert_string_equal(r->doc[0]->u.form.title,
	                    "The Mishto Pledge – Action Plan");
	/* each string missing is one warning: headings, texts, options,
	 * labels */
	assert_int_equal(rc, tu_count_says(r, "warning", "untranslated", NULL));
	assert_true(rc > 60);
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
	const struct pledge_step *copy = NULL;
	for (const struct pledge_group *g = r->doc[0]->u.form.groups; g;
	     g = g->next)
		for (const struct action_point *a = g->action_points; a;
		     a = a->next)
			for (const struct pledge_step *s = a->steps; s;
			     s = s->next)
				if (s->same_as != NULL)
					copy = s;
	assert_non_null(copy);
	assert_string_equal(inline_plain_text(r->doc[0]->arena, copy->text),
	                    "Încurajați interpreții.");
}

static void labels_translate_with_the_text(void **state)
{
	(void)state;
	int rc;
	struct tu_run *r = translated(
	    "<string key=\"label.tick\" source=\"Tick\">Bifă</string>\n"
	    "<string key=\"label.page\" source=\"Page\">Pagina</string>\n",
	    1, &rc);
	assert_string_equal(r->doc[0]->u.form.labels.tick, "Bifă");
	assert_string_equal(r->doc[0]->u.form.labels.page, "Pagina");
	assert_string_equal(r->doc[0]->u.form.labels.of, "of");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(
		    a_translated_string_replaces_the_source, tu_teardown),
		cmocka_unit_test_teardown(
		    a_source_wrapped_differently_is_still_current, tu_teardown),
		cmocka_unit_test_teardown(
		    a_changed_source_makes_the_translation_stale, tu_teardown),
		cmocka_unit_test_teardown(
		    a_missing_string_is_named_with_its_key, tu_teardown),
		cmocka_unit_test_teardown(
		    without_each_a_build_hears_one_summary, tu_teardown),
		cmocka_unit_test_teardown(a_key_nothing_has_is_reported,
		                          tu_teardown),
		cmocka_unit_test_teardown(
		    a_same_as_step_follows_its_translated_original,
		    tu_teardown),
		cmocka_unit_test_teardown(labels_translate_with_the_text,
		                          tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
