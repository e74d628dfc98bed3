/* test_hyph.c - where words may be hyphenated (hyph.c): by the patterns of
 * the word's language, at byte offsets of the word as written, never in a
 * word that is not a plain word of letters. */
#include "testutil.h"

#include "hyph.h"

#define N(a) (sizeof (a) / sizeof *(a))

static struct hyph *hy_new(const char *dir)
{
	struct hyph *h = hyph_new(dir);
	assert_non_null(h);
	return tu_keep_fn(h, (void (*)(void *))hyph_free);
}

/* The word with a "=" at each point found, as the patterns' own tools
 * show them ("de=part=mental"). */
static char *hy_marked(struct hyph *h, const char *lang, const char *word)
{
	size_t at[32];
	size_t n = hyph_points(h, lang, word, strlen(word), at, N(at));
	char *out = tu_keep(calloc(strlen(word) + n + 1, 1));
	size_t o = 0, k = 0;
	for (size_t i = 0; word[i]; i++) {
		if (k < n && at[k] == i) {
			out[o++] = '=';
			k++;
		}
		out[o++] = word[i];
	}
	return out;
}

static void english_words_break_where_the_patterns_say(void **state)
{
	(void)state;
	struct hyph *h = hy_new(NULL);
	assert_string_equal(hy_marked(h, "en-GB", "departmental"),
	                    "de=part=mental");
	assert_string_equal(hy_marked(h, "en", "accessibility"),
	                    "ac=cess=ib=il=ity");
	/* NULL: the document says no language; English */
	assert_string_equal(hy_marked(h, NULL, "departmental"),
	                    "de=part=mental");
}

/* Points are byte offsets of the word as written, whatever the letters'
 * length in UTF-8 and whatever the patterns' own encoding (the Slovak and
 * Polish ones are ISO 8859-2). */
static void points_fall_between_the_letters_of_utf8_words(void **state)
{
	(void)state;
	struct hyph *h = hy_new(NULL);
	static const struct {
		const char *lang, *word, *marked;
	} c[] = {
		{"ro", "autoritățile", "au=to=ri=tă=țile"},
		{"bg", "общините", "об=щи=ните"},
		{"pl", "samorządowych", "sa=mo=rzą=do=wych"},
		{"sk-SK", "samospráva", "sa=mospráva"},
	};
	for (size_t i = 0; i < N(c); i++)
		assert_string_equal(hy_marked(h, c[i].lang, c[i].word),
		                    c[i].marked);
}

/* Punctuation around a word is not part of it; its capital is fine. */
static void punctuation_and_a_first_capital_are_left_alone(void **state)
{
	(void)state;
	struct hyph *h = hy_new(NULL);
	assert_string_equal(hy_marked(h, "en", "(departmental),"),
	                    "(de=part=mental),");
	assert_string_equal(hy_marked(h, "en", "Departmental"),
	                    "De=part=mental");
}

/* A number, an address, an abbreviation in capitals, a name with a
 * capital inside, words joined by punctuation, a short word: no points. */
static void only_plain_words_of_letters_are_hyphenated(void **state)
{
	(void)state;
	struct hyph *h = hy_new(NULL);
	static const char *const words[] = {
		"2017/18", "30/06/2026", "info@example.org", "www.example.org",
		"GYPSY", "NHS", "McDonald", "O'Connell", "e.g.", "file_name",
		"under20s", "and", "word",
	};
	for (size_t i = 0; i < N(words); i++) {
		char *m = hy_marked(h, "en", words[i]);
		if (strcmp(m, words[i]) != 0)
			fail_msg("\"%s\" was given points: %s", words[i], m);
	}
}

static void a_language_without_patterns_is_never_hyphenated(void **state)
{
	(void)state;
	struct hyph *h = hy_new(NULL);
	assert_string_equal(hy_marked(h, "rom", "departmental"), "departmental");
	assert_string_equal(hy_marked(h, "de", "Gemeinschaft"), "Gemeinschaft");
}

/* No patterns where they should be: nothing is hyphenated, nothing fails. */
static void missing_patterns_mean_no_hyphenation(void **state)
{
	(void)state;
	struct hyph *h = hy_new("/nonexistent/hyphen");
	assert_string_equal(hy_marked(h, "en", "departmental"), "departmental");
	/* and asking again does not try to read them again */
	assert_string_equal(hy_marked(h, "en", "accessibility"),
	                    "accessibility");
}

/* At most max points are given, the first ones. */
static void no_more_points_than_asked_for(void **state)
{
	(void)state;
	struct hyph *h = hy_new(NULL);
	size_t at[2];
	assert_int_equal(hyph_points(h, "en", "accessibility", 13, at, 2), 2);
	assert_int_equal(at[0], 2);
	assert_int_equal(at[1], 6);
	assert_int_equal(hyph_points(h, "en", "accessibility", 13, at, 0), 0);
	assert_int_equal(hyph_points(NULL, "en", "accessibility", 13, at, 2),
	                 0);
}

static void capitalised_is_the_first_letter_after_punctuation(void **state)
{
	(void)state;
	assert_true(hyph_capitalised("Rivermouth", 10));
	assert_true(hyph_capitalised("(Amaro", 6));
	assert_true(hyph_capitalised("Šariš", strlen("Šariš")));
	assert_true(hyph_capitalised("Общините", strlen("Общините")));
	assert_false(hyph_capitalised("river", 5));
	assert_false(hyph_capitalised("(2017", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(
		    english_words_break_where_the_patterns_say, tu_teardown),
		cmocka_unit_test_teardown(
		    points_fall_between_the_letters_of_utf8_words, tu_teardown),
		cmocka_unit_test_teardown(
		    punctuation_and_a_first_capital_are_left_alone, tu_teardown),
		cmocka_unit_test_teardown(
		    only_plain_words_of_letters_are_hyphenated, tu_teardown),
		cmocka_unit_test_teardown(
		    a_language_without_patterns_is_never_hyphenated,
		    tu_teardown),
		cmocka_unit_test_teardown(missing_patterns_mean_no_hyphenation,
		                          tu_teardown),
		cmocka_unit_test_teardown(no_more_points_than_asked_for,
		                          tu_teardown),
		cmocka_unit_test_teardown(
		    capitalised_is_the_first_letter_after_punctuation,
		    tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
