/* test_reserve.c - the region a long document's libxml2 tree is kept in
 * (reserve.h): blocks taken while it is open are its own and keep their
 * bytes, freeing one does nothing, a block grows where it is when it is
 * the last, moves (bytes kept) when it is not or the region is closed,
 * and the heap's blocks are the heap's all along; a short region's first
 * chunk is kept for the next. */
#include "testutil.h"
#include "reserve.h"

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static int filled(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 7))
			return 0;
	return 1;
}

static void test_blocks_taken_while_the_region_is_open_are_its_own(void **state)
{
	(void)state;
	unsigned char *before = reserve_malloc(64);
	assert_non_null(before);
	reserve_region_open(0);
	unsigned char *a = reserve_malloc(100);
	unsigned char *b = reserve_malloc(1);
	unsigned char *c = reserve_malloc(0);
	char *s = reserve_strdup("an attribute's value");
	reserve_region_close();
	unsigned char *after = reserve_malloc(64);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_non_null(s);
	assert_non_null(after);
	assert_true(reserve_region_holds(a));
	assert_true(reserve_region_holds(b));
	assert_true(reserve_region_holds(c));
	assert_true(reserve_region_holds(s));
	assert_false(reserve_region_holds(before));
	assert_false(reserve_region_holds(after));
	/* 16-byte aligned, as malloc's */
	assert_int_equal((uintptr_t)a % 16, 0);
	assert_int_equal((uintptr_t)b % 16, 0);
	assert_int_equal((uintptr_t)c % 16, 0);
	reserve_free(before);
	reserve_free(after);
	reserve_free(a);
	reserve_free(b);
	reserve_free(c);
	reserve_free(s);
	reserve_region_free();
	assert_false(reserve_region_holds(a));
}

static void test_freeing_a_block_of_the_region_leaves_the_others_whole(void **state)
{
	(void)state;
	reserve_region_open(0);
	unsigned char *v[50];
	for (unsigned i = 0; i < 50; i++) {
		v[i] = reserve_malloc(40 + i);
		assert_non_null(v[i]);
		fill(v[i], 40 + i, i);
	}
	for (unsigned i = 0; i < 50; i += 2)
		reserve_free(v[i]);
	/* a block taken after the frees is a new one, not one freed */
	unsigned char *n = reserve_malloc(48);
	assert_non_null(n);
	fill(n, 48, 99);
	for (unsigned i = 1; i < 50; i += 2)
		assert_true(filled(v[i], 40 + i, i));
	reserve_region_close();
	reserve_region_free();
}

static void test_the_last_block_grows_where_it_is(void **state)
{
	(void)state;
	reserve_region_open(0);
	unsigned char *p = reserve_malloc(100);
	assert_non_null(p);
	fill(p, 100, 3);
	unsigned char *q = reserve_realloc(p, 5000);
	assert_ptr_equal(q, p);
	assert_true(filled(q, 100, 3));
	fill(q, 5000, 4);
	/* the next block starts past the grown one */
	unsigned char *r = reserve_malloc(10);
	assert_non_null(r);
	assert_true(r >= q + 5000);
	assert_true(filled(q, 5000, 4));
	reserve_region_close();
	reserve_region_free();
}

static void test_a_block_not_last_moves_when_it_grows_and_keeps_its_bytes(void **state)
{
	(void)state;
	reserve_region_open(0);
	unsigned char *p = reserve_malloc(100);
	unsigned char *q = reserve_malloc(100);
	assert_non_null(p);
	assert_non_null(q);
	fill(p, 100, 5);
	fill(q, 100, 6);
	unsigned char *m = reserve_realloc(p, 3000);
	assert_non_null(m);
	assert_ptr_not_equal(m, p);
	assert_true(reserve_region_holds(m));
	assert_true(filled(m, 100, 5));
	assert_true(filled(q, 100, 6));
	/* shrinking keeps a block where it is */
	assert_ptr_equal(reserve_realloc(q, 10), q);
	assert_true(filled(q, 10, 6));
	reserve_region_close();
	reserve_region_free();
}

static void test_after_the_close_a_growing_block_moves_to_the_heap(void **state)
{
	(void)state;
	reserve_region_open(0);
	unsigned char *p = reserve_malloc(200);
	assert_non_null(p);
	fill(p, 200, 8);
	reserve_region_close();
	/* the last block, with room after it: the region takes no more */
	unsigned char *m = reserve_realloc(p, 400);
	assert_non_null(m);
	assert_false(reserve_region_holds(m));
	assert_true(filled(m, 200, 8));
	reserve_free(m);
	reserve_region_free();
}

static void test_a_block_larger_than_a_chunk_gets_a_chunk_of_its_own(void **state)
{
	(void)state;
	reserve_region_open(0);   /* a first chunk of 2 MB */
	unsigned char *small = reserve_malloc(1000);
	size_t big_len = 5u << 20;
	unsigned char *big = reserve_malloc(big_len);
	unsigned char *more = reserve_malloc(1000);
	assert_non_null(small);
	assert_non_null(big);
	assert_non_null(more);
	assert_true(reserve_region_holds(big));
	assert_true(reserve_region_holds(big + big_len - 1));
	assert_true(reserve_region_holds(more));
	fill(small, 1000, 1);
	fill(big, big_len, 2);
	fill(more, 1000, 3);
	assert_true(filled(small, 1000, 1));
	assert_true(filled(big, big_len, 2));
	reserve_region_close();
	reserve_region_free();
	assert_false(reserve_region_holds(big));
}

static void test_many_blocks_fill_several_chunks(void **state)
{
	(void)state;
	reserve_region_open(0);
	/* 40,000 blocks of 300 bytes: 12 MB, past the first chunks */
	unsigned char *first = NULL, *last = NULL;
	for (unsigned i = 0; i < 40000; i++) {
		unsigned char *p = reserve_malloc(300);
		assert_non_null(p);
		assert_true(reserve_region_holds(p));
		fill(p, 300, i);
		if (i == 0)
			first = p;
		last = p;
	}
	assert_true(filled(first, 300, 0));
	assert_true(filled(last, 300, 39999));
	reserve_region_close();
	reserve_region_free();
}

/* A batch's documents: the first chunk (from the heap) is kept for the
 * next region, whose first block is where the last one's was. */
static void test_the_next_region_starts_in_the_chunk_the_last_one_began(void **state)
{
	(void)state;
	reserve_heap_end();
	assert_int_equal(reserve_region_kept(), 0);
	reserve_region_open(0);
	unsigned char *first = reserve_malloc(100);
	assert_non_null(first);
	fill(first, 100, 1);
	reserve_region_close();
	reserve_region_free();
	assert_true(reserve_region_kept() >= 100);
	reserve_region_open(0);
	unsigned char *again = reserve_malloc(100);
	assert_ptr_equal(again, first);
	assert_true(reserve_region_holds(again));
	/* in use again, not kept aside */
	assert_int_equal(reserve_region_kept(), 0);
	reserve_region_close();
	reserve_region_free();
	/* a region that expects more than a chunk from the heap holds
	 * does not start in the kept one */
	reserve_region_open(64u << 20);
	unsigned char *big = reserve_malloc(100);
	assert_non_null(big);
	assert_ptr_not_equal(big, first);
	reserve_region_close();
	reserve_region_free();
	reserve_heap_end();
	assert_int_equal(reserve_region_kept(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks_taken_while_the_region_is_open_are_its_own),
		cmocka_unit_test(test_freeing_a_block_of_the_region_leaves_the_others_whole),
		cmocka_unit_test(test_the_last_block_grows_where_it_is),
		cmocka_unit_test(test_a_block_not_last_moves_when_it_grows_and_keeps_its_bytes),
		cmocka_unit_test(test_after_the_close_a_growing_block_moves_to_the_heap),
		cmocka_unit_test(test_a_block_larger_than_a_chunk_gets_a_chunk_of_its_own),
		cmocka_unit_test(test_many_blocks_fill_several_chunks),
		cmocka_unit_test(test_the_next_region_starts_in_the_chunk_the_last_one_began),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
