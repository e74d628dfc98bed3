/* test_hyph.c - where words may be hyphenated (hyph.c): by the patterns of
 * the word's language, at byte offsets of the word as written, never in a
 * word that is not a plain word of letters. */
#include "testutil.h"

#include "hyph.h"
#include "utf8.h"

#include <dirent.h>
#include <hyphen.h>
#include <iconv.h>
#include <unistd.h>

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

/* Patterns compiled into the program are used only for the very file
 * they were compiled from: another file of the same name is read. */
static void a_pattern_file_unlike_the_one_compiled_in_is_read(void **state)
{
	(void)state;
	char dir[] = "/tmp/mishto-hyph-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/hyph_en_GB.dic", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\nx1y\n", f);
	assert_int_equal(fclose(f), 0);
	struct hyph *own = hy_new(dir), *debian = hy_new(NULL);
	assert_string_equal(hy_marked(own, "en", "abcxyzabc"), "abcx=yzabc");
	assert_string_equal(hy_marked(own, "en", "departmental"),
	                    "departmental");
	assert_string_equal(hy_marked(debian, "en", "departmental"),
	                    "de=part=mental");
	assert_false(hyph_from_compiled(own, "en"));
	unlink(path);
	rmdir(dir);
}

/* Debian's pattern files are the ones the program's tables were
 * compiled from (the English file is longer than the 64 KB read at a
 * time to check it). */
static void the_installed_patterns_are_the_ones_compiled_in(void **state)
{
	(void)state;
	struct hyph *h = hy_new(NULL);
	static const char *const langs[] = {"en-GB", "ro", "bg", "sk", "pl"};
	for (size_t i = 0; i < N(langs); i++)
		if (!hyph_from_compiled(h, langs[i]))
			fail_msg("%s: the pattern file is read, not the tables "
			         "compiled in", langs[i]);
}

/* A file as long as the one compiled from, one byte changed past its
 * first 64 KB, is not that file. */
static void a_pattern_file_changed_late_is_not_the_compiled_one(void **state)
{
	(void)state;
	char dir[] = "/tmp/mishto-hyph-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/hyph_en_GB.dic", dir);
	FILE *in = fopen("/usr/share/hyphen/hyph_en_GB.dic", "rb");
	FILE *out = fopen(path, "wb");
	assert_non_null(in);
	assert_non_null(out);
	long at = 0;
	int c;
	while ((c = getc(in)) != EOF) {
		/* a letter of a pattern in the second 64 KB, another letter */
		if (at++ > 70000 && c == 'a') {
			c = 'b';
			at = -1000000000L;
		}
		putc(c, out);
	}
	assert_true(at < 0);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	struct hyph *h = hy_new(dir), *debian = hy_new(NULL);
	assert_false(hyph_from_compiled(h, "en"));
	assert_true(hyph_from_compiled(debian, "en"));
	unlink(path);
	rmdir(dir);
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

/* ---- the same points as libhyphen ----
 *
 * hyph.c reads libhyphen's pattern files and finds points as libhyphen
 * 2.8 does; libhyphen itself (linked into this test only) is the
 * reference. Each dictionary is tried on words of letters: the words of
 * every document in content/ and tests/, and words made by joining the
 * dictionary's own patterns, which reach every pattern. */

#define ORACLE_MAX_WORDS 60000

struct oracle_words {
	char **v;
	size_t n;
	char *text;              /* the words, one after another */
	size_t used;
};

static void ow_add(struct oracle_words *w, const char *s, size_t len)
{
	if (w->n >= ORACLE_MAX_WORDS || len < 5 || len > 60)
		return;
	char *c = w->text + w->used;
	memcpy(c, s, len);
	c[len] = '\0';
	w->used += len + 1;
	w->v[w->n++] = c;
}

/* Lower-case letter words (ASCII, Latin-1 and Latin Extended-A and -B,
 * Cyrillic) of the UTF-8 text s. */
static void ow_words_of(struct oracle_words *w, const char *s, size_t len)
{
	size_t start = 0, p = 0;
	int in = 0;
	while (p <= len) {
		uint32_t c = 0;
		size_t k = p < len ? utf8_decode((const unsigned char *)s + p,
		                                 len - p, &c)
		                   : 1;
		int letter = p < len &&
		             ((c >= 'a' && c <= 'z') ||
		              (c >= 0xDF && c <= 0x24F && c != 0xF7) ||
		              (c >= 0x430 && c <= 0x45F));
		if (letter && !in) {
			in = 1;
			start = p;
		} else if (!letter && in) {
			in = 0;
			ow_add(w, s + start, p - start);
		}
		p += k;
	}
}

static void ow_files_under(struct oracle_words *w, const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t n = strlen(path);
		if (n > 4 && strcmp(path + n - 4, ".xml") == 0) {
			FILE *f = fopen(path, "rb");
			if (f == NULL)
				continue;
			static char buf[1 << 20];
			size_t len = fread(buf, 1, sizeof buf - 1, f);
			fclose(f);
			ow_words_of(w, buf, len);
		} else {
			ow_files_under(w, path);
		}
	}
	closedir(d);
}

/* libhyphen's points of word (lower-case UTF-8 letters), as byte
 * offsets, the way hyph.c was used before it read the files itself. */
static size_t oracle_points(HyphenDict *d, iconv_t conv, const char *word,
                            size_t *at, size_t max)
{
	size_t len = strlen(word), n = 0;
	size_t ends[128];
	for (size_t p = 0; p < len;) {
		uint32_t c;
		p += utf8_decode((const unsigned char *)word + p, len - p, &c);
		ends[n++] = p;
	}
	char enc[256];
	const char *w = word;
	size_t wlen = len;
	if (!d->utf8) {
		char *in = (char *)word, *out = enc;
		size_t inleft = len, outleft = sizeof enc - 1;
		iconv(conv, NULL, NULL, NULL, NULL);
		if (iconv(conv, &in, &inleft, &out, &outleft) == (size_t)-1 ||
		    (size_t)(out - enc) != n)
			return (size_t)-1;    /* not in this encoding */
		enc[n] = '\0';
		w = enc;
		wlen = n;
	}
	char hyphens[300], hyphword[600];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int lmin = d->lhmin > 2 ? d->lhmin : 2;
	int rmin = d->rhmin > 3 ? d->rhmin : 3;
	memset(hyphens, 0, sizeof hyphens);
	assert_int_equal(hnj_hyphen_hyphenate3(d, w, (int)wlen, hyphens,
	                                       hyphword, &rep, &pos, &cut,
	                                       lmin, rmin, lmin, rmin), 0);
	assert_null(rep);
	size_t found = 0;
	for (size_t i = 0; i + 1 < n && found < max; i++)
		if (hyphens[i] & 1)
			at[found++] = ends[i];
	return found;
}

static void oracle_compare(const char *lang, const char *file)
{
	char path[256];
	snprintf(path, sizeof path, "/usr/share/hyphen/%s", file);
	HyphenDict *d = hnj_hyphen_load(path);
	assert_non_null(d);
	iconv_t conv = d->utf8 ? (iconv_t)-1 : iconv_open(d->cset, "UTF-8");
	struct oracle_words w = {
	    tu_keep(calloc(ORACLE_MAX_WORDS, sizeof(char *))), 0,
	    tu_keep(malloc(ORACLE_MAX_WORDS * 61)), 0};
	ow_files_under(&w, "content");
	ow_files_under(&w, "tests");
	/* joined patterns: their letters without digits or dots, in UTF-8 */
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char line[256], prev[256] = "", prev2[256] = "";
	iconv_t back = d->utf8 ? (iconv_t)-1 : iconv_open("UTF-8", d->cset);
	while (fgets(line, sizeof line, f) != NULL) {
		char letters[256];
		size_t k = 0;
		for (size_t i = 0; (unsigned char)line[i] > ' '; i++)
			if (!(line[i] >= '0' && line[i] <= '9') && line[i] != '.')
				letters[k++] = line[i];
		letters[k] = '\0';
		if (k == 0 || line[0] == '%' || (line[0] >= 'A' && line[0] <= 'Z'))
			continue;
		char u[512];
		if (back != (iconv_t)-1) {
			char *in = letters, *out = u;
			size_t il = k, ol = sizeof u - 1;
			iconv(back, NULL, NULL, NULL, NULL);
			if (iconv(back, &in, &il, &out, &ol) == (size_t)-1)
				continue;
			*out = '\0';
		} else {
			memcpy(u, letters, k + 1);
		}
		char joined[1600];
		snprintf(joined, sizeof joined, "%s%s%s", prev2, u, prev);
		ow_words_of(&w, joined, strlen(joined));
		snprintf(joined, sizeof joined, "%s%s", u, prev);
		ow_words_of(&w, joined, strlen(joined));
		memcpy(prev2, prev, sizeof prev2);
		snprintf(prev, sizeof prev, "%.200s", u);
	}
	fclose(f);
	if (back != (iconv_t)-1)
		iconv_close(back);
	assert_true(w.n > 1000);

	/* the tables compiled into the program, and the same file read
	 * (a copy with a comment added is not the file compiled) */
	char dir[] = "/tmp/mishto-hyph-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char copy[512];
	snprintf(copy, sizeof copy, "%s/%s", dir, file);
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && printf '\\n%%%% a copy\\n' >> '%s'",
	         path, copy, copy);
	assert_int_equal(system(cmd), 0);
	struct hyph *hs[2] = {hy_new(NULL), hy_new(dir)};
	size_t compared = 0, with_points = 0;
	for (size_t i = 0; i < w.n; i++) {
		size_t want[64], got[64];
		size_t nw = oracle_points(d, conv, w.v[i], want, 64);
		if (nw == (size_t)-1)
			continue;
		for (int k = 0; k < 2; k++) {
			size_t ng = hyph_points(hs[k], lang, w.v[i],
			                        strlen(w.v[i]), got, 64);
			if (ng != nw ||
			    memcmp(want, got, ng * sizeof *got) != 0)
				fail_msg("%s: \"%s\": libhyphen %zu points, "
				         "hyph.c %zu (%s)", lang, w.v[i], nw,
				         ng, k ? "the file read" : "compiled");
		}
		compared++;
		with_points += nw > 0;
	}
	unlink(copy);
	rmdir(dir);
	assert_true(compared > 1000);
	/* thousands with points (the Bulgarian patterns find none in the
	 * Latin words of content/) */
	assert_true(with_points > 1000);
	if (conv != (iconv_t)-1)
		iconv_close(conv);
	hnj_hyphen_free(d);
}

static void english_points_are_libhyphens(void **state)
{
	(void)state;
	oracle_compare("en", "hyph_en_GB.dic");
}

static void romanian_points_are_libhyphens(void **state)
{
	(void)state;
	oracle_compare("ro", "hyph_ro_RO.dic");
}

static void bulgarian_points_are_libhyphens(void **state)
{
	(void)state;
	oracle_compare("bg", "hyph_bg_BG.dic");
}

static void slovak_points_are_libhyphens(void **state)
{
	(void)state;
	oracle_compare("sk", "hyph_sk_SK.dic");
}

static void polish_points_are_libhyphens(void **state)
{
	(void)state;
	oracle_compare("pl", "hyph_pl_PL.dic");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(english_points_are_libhyphens,
		                          tu_teardown),
		cmocka_unit_test_teardown(romanian_points_are_libhyphens,
		                          tu_teardown),
		cmocka_unit_test_teardown(bulgarian_points_are_libhyphens,
		                          tu_teardown),
		cmocka_unit_test_teardown(slovak_points_are_libhyphens,
		                          tu_teardown),
		cmocka_unit_test_teardown(polish_points_are_libhyphens,
		                          tu_teardown),
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
		cmocka_unit_test_teardown(
		    a_pattern_file_unlike_the_one_compiled_in_is_read,
		    tu_teardown),
		cmocka_unit_test_teardown(
		    the_installed_patterns_are_the_ones_compiled_in,
		    tu_teardown),
		cmocka_unit_test_teardown(
		    a_pattern_file_changed_late_is_not_the_compiled_one,
		    tu_teardown),
		cmocka_unit_test_teardown(no_more_points_than_asked_for,
		                          tu_teardown),
		cmocka_unit_test_teardown(
		    capitalised_is_the_first_letter_after_punctuation,
		    tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
