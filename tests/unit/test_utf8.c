/* test_utf8.c - UTF-8 is read one way by every stage: code points of one
 * to four bytes, malformed bytes as U+FFFD moving on, the direction
 * controls. */
#include "testutil.h"
#include "utf8.h"

static uint32_t decode(const char *s, size_t *used)
{
	uint32_t cp = 0;
	*used = utf8_decode((const unsigned char *)s, strlen(s), &cp);
	return cp;
}

static void test_one_to_four_bytes_read_as_their_code_points(void **state)
{
	(void)state;
	size_t n;
	assert_int_equal(decode("A", &n), 0x41);
	assert_int_equal(n, 1);
	assert_int_equal(decode("\xC3\xA9", &n), 0xE9);          /* é */
	assert_int_equal(n, 2);
	assert_int_equal(decode("\xE2\x80\x94", &n), 0x2014);     /* — */
	assert_int_equal(n, 3);
	assert_int_equal(decode("\xF0\x9F\x98\x80", &n), 0x1F600);
	assert_int_equal(n, 4);
}

static void test_a_lone_continuation_byte_is_one_replacement(void **state)
{
	(void)state;
	size_t n;
	assert_int_equal(decode("\x80" "A", &n), 0xFFFD);
	assert_int_equal(n, 1);
	assert_int_equal(decode("\xF8\x88\x80\x80\x80", &n), 0xFFFD);
	assert_int_equal(n, 1);
}

static void test_a_cut_off_sequence_stops_before_the_byte_that_does_not_belong(void **state)
{
	(void)state;
	size_t n;
	/* a three-byte lead, one continuation, then ASCII: the ASCII is
	 * read next, not swallowed */
	assert_int_equal(decode("\xE2\x80" "A", &n), 0xFFFD);
	assert_int_equal(n, 2);
	/* the text ends inside a sequence */
	uint32_t cp;
	assert_int_equal(utf8_decode((const unsigned char *)"\xE2\x80", 2, &cp),
	                 1);
	assert_int_equal(cp, 0xFFFD);
}

static void test_the_direction_controls_are_the_embeddings_overrides_and_isolates(void **state)
{
	(void)state;
	for (uint32_t cp = 0x202A; cp <= 0x202E; cp++)
		assert_true(utf8_is_bidi_control(cp));
	for (uint32_t cp = 0x2066; cp <= 0x2069; cp++)
		assert_true(utf8_is_bidi_control(cp));
	assert_false(utf8_is_bidi_control(0x2029));
	assert_false(utf8_is_bidi_control(0x202F));
	assert_false(utf8_is_bidi_control(0x2065));
	assert_false(utf8_is_bidi_control(0x206A));
	assert_false(utf8_is_bidi_control(0x200F));   /* a mark, not a control */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_to_four_bytes_read_as_their_code_points),
		cmocka_unit_test(test_a_lone_continuation_byte_is_one_replacement),
		cmocka_unit_test(test_a_cut_off_sequence_stops_before_the_byte_that_does_not_belong),
		cmocka_unit_test(test_the_direction_controls_are_the_embeddings_overrides_and_isolates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
