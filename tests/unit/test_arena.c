/* test_arena.c - a document's arena: growable arrays keep their items
 * and zero what is new, grow where they are when they were the last
 * thing allocated, and move (keeping their items) when they were not;
 * slices come zeroed in small chunks and large alike. */
#include "testutil.h"
#include "arena.h"
#include "reserve.h"

struct item {
	double a, b;
	const char *s;
	int n;
	char pad[100];
};

static void test_a_grown_array_keeps_its_items_and_zeroes_the_new_ones(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_non_null(a);
	struct item *v = NULL;
	size_t cap = 0;
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(arena_grow(a, (void **)&v, &cap, (size_t)i + 1,
		                            sizeof *v), 0);
		assert_true(cap >= (size_t)i + 1);
		/* the new item is zeroed */
		assert_int_equal(v[i].n, 0);
		assert_null(v[i].s);
		v[i].n = i;
		/* something else allocated now and then: the array moves */
		if (i % 7 == 0)
			assert_non_null(arena_strdup(a, "in between"));
	}
	for (int i = 0; i < 1000; i++)
		assert_int_equal(v[i].n, i);
	arena_free(a);
}

static void test_slices_are_aligned_for_what_is_kept_and_packed_by_eight(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_non_null(a);
	for (size_t n = 1; n < 300; n++) {
		unsigned char *p = arena_alloc(a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(double), 0);
		assert_int_equal((uintptr_t)p % _Alignof(void *), 0);
		assert_int_equal((uintptr_t)p % _Alignof(uint64_t), 0);
		/* zeroed, and all of it usable */
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n);
	}
	/* a short string takes 8 bytes, not 16 */
	char *x = arena_strdup(a, "abc"), *y = arena_strdup(a, "def");
	assert_non_null(x);
	assert_non_null(y);
	assert_int_equal(y - x, 8);
	arena_free(a);
}

static void test_an_arena_numbers_from_one_and_never_repeats(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_non_null(a);
	assert_int_equal(arena_serial(a), 1);
	assert_int_equal(arena_serial(a), 2);
	/* what is freed is not named again: a record kept by number from
	 * before a reset would otherwise be taken for a new thing's */
	arena_reset(a);
	assert_int_equal(arena_serial(a), 3);
	struct arena *b = arena_new();
	assert_non_null(b);
	assert_int_equal(arena_serial(b), 1);
	arena_free(b);
	arena_free(a);
}

static void test_a_large_item_array_starts_with_room_for_two(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct item *v = NULL;
	size_t cap = 0;
	assert_int_equal(arena_grow(a, (void **)&v, &cap, 1, sizeof *v), 0);
	assert_int_equal(cap, 2);
	int *small = NULL;
	size_t scap = 0;
	assert_int_equal(arena_grow(a, (void **)&small, &scap, 1, sizeof *small),
	                 0);
	assert_int_equal(scap, 8);
	arena_free(a);
}

static void test_the_array_last_allocated_grows_where_it_is(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct item *v = NULL;
	size_t cap = 0;
	assert_int_equal(arena_grow(a, (void **)&v, &cap, 2, sizeof *v), 0);
	v[0].n = 1;
	v[1].n = 2;
	struct item *was = v;
	assert_int_equal(arena_grow(a, (void **)&v, &cap, 3, sizeof *v), 0);
	assert_ptr_equal(v, was);
	assert_int_equal(cap, 4);
	assert_int_equal(v[1].n, 2);
	assert_int_equal(v[2].n, 0);
	assert_int_equal(v[3].n, 0);
	/* not the last any more: it moves, keeping its items */
	char *after = arena_strdup(a, "after");
	assert_non_null(after);
	assert_int_equal(arena_grow(a, (void **)&v, &cap, 5, sizeof *v), 0);
	assert_ptr_not_equal(v, was);
	assert_int_equal(v[0].n, 1);
	assert_int_equal(v[1].n, 2);
	assert_string_equal(after, "after");
	arena_free(a);
}

static void test_what_follows_a_grown_array_is_not_overwritten(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct item *v = NULL;
	size_t cap = 0;
	assert_int_equal(arena_grow(a, (void **)&v, &cap, 2, sizeof *v), 0);
	char *s = arena_strdup(a, "kept");
	for (size_t n = 3; n < 200; n++) {
		assert_int_equal(arena_grow(a, (void **)&v, &cap, n, sizeof *v),
		                 0);
		memset(&v[n - 1], 0xAB, sizeof v[n - 1]);
	}
	assert_string_equal(s, "kept");
	arena_free(a);
}

/* A long document's arena runs past its growing chunks into chunks of
 * 2 MB of their own: every slice still comes zeroed and keeps what is
 * written in it, whatever its size. */
static void test_a_long_documents_slices_come_zeroed_and_keep_their_bytes(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	enum { N = 12000 };
	static unsigned char *slice[N];
	static size_t len[N];
	for (size_t i = 0; i < N; i++) {
		len[i] = 1 + (i * 7919) % 6000;
		if (i == N / 2)
			len[i] = 3u << 20;    /* more than a chunk holds */
		slice[i] = arena_alloc(a, len[i]);
		assert_non_null(slice[i]);
		for (size_t k = 0; k < len[i]; k += 97)
			assert_int_equal(slice[i][k], 0);
		assert_int_equal(slice[i][len[i] - 1], 0);
		memset(slice[i], (int)(i & 0xFF), len[i]);
	}
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(slice[i][0], i & 0xFF);
		assert_int_equal(slice[i][len[i] - 1], i & 0xFF);
	}
	arena_free(a);
}

/* A reset arena begins again with small chunks, and what it gives is
 * zeroed though the memory was used before. */
static void test_a_reset_arena_gives_zeroed_slices_again(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 2000; i++) {
			unsigned char *p = arena_alloc(a, 4000);
			assert_non_null(p);
			assert_int_equal(p[0], 0);
			assert_int_equal(p[3999], 0);
			memset(p, 0xEE, 4000);
		}
		arena_reset(a);
	}
	arena_free(a);
}

/* short (formatted once, in a buffer) and long (past the buffer,
 * formatted into the arena) alike */
static void test_a_printf_keeps_short_and_long_text_whole(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_non_null(a);
	char *s = arena_printf(a, "goal.%d.%d.update.%s", 12, 3, "1.1");
	assert_string_equal(s, "goal.12.3.update.1.1");
	char want[400];
	memset(want, 'x', 300);
	want[300] = '\0';
	strcat(want, "-end");
	char *m = arena_printf(a, "%.300s%s", want, "-end");
	assert_int_equal(strlen(m), 304);
	assert_string_equal(m, want);
	for (int n = 120; n <= 135; n++) {
		char *e = arena_printf(a, "%*d", n, 7);
		assert_int_equal(strlen(e), (size_t)n);
		assert_int_equal(e[n - 1], '7');
		assert_int_equal(e[0], ' ');
	}
	/* the short one is intact after the long ones */
	assert_string_equal(s, "goal.12.3.update.1.1");
	arena_free(a);
}

/* Not with the sanitizers: their allocator has a heap of its own. */
#if !defined(__SANITIZE_ADDRESS__)
/* Whether [p, p + len) lies in a mapping the kernel was asked to back
 * with huge pages ("hg" among its flags in /proc/self/smaps). */
static int in_huge_page_mapping(const void *p, size_t len)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	assert_non_null(f);
	char line[512];
	unsigned long from = 0, to = 0;
	int found = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned long a, b;
		char c;
		if (sscanf(line, "%lx-%lx %c", &a, &b, &c) == 3) {
			from = a;
			to = b;
		} else if (strncmp(line, "VmFlags:", 8) == 0 &&
		           strstr(line, " hg") != NULL &&
		           (uintptr_t)p >= from && (uintptr_t)p + len <= to) {
			found = 1;
		}
	}
	fclose(f);
	return found;
}

/* The C library's heap is asked to grow in huge pages (reserve.c): a
 * block of up to 32 MB comes from a part of it the kernel was told to
 * back with 2 MB pages. */
static void test_the_heap_grows_in_huge_pages(void **state)
{
	(void)state;
	reserve_heap_in_huge_pages();
	/* larger than the heap had free before, smaller than 32 MB: from
	 * the heap's new part (a C library left alone maps a block of more
	 * than 128 KB on its own) */
	size_t len = 3u << 20;
	unsigned char *block = malloc(len);
	assert_non_null(block);
	memset(block, 1, len);
	assert_true(in_huge_page_mapping(block, len));
	assert_true(reserve_heap_kept());
	free(block);
}
#endif

/* A block is ARENA_BLOCK bytes of its own, aligned to its size, every
 * byte writable and kept; two blocks do not overlap. */
static void test_a_block_is_its_own_aligned_and_whole(void **state)
{
	(void)state;
	unsigned char *a = arena_block_map(), *b = arena_block_map();
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal((uintptr_t)a % ARENA_BLOCK, 0);
	assert_true(b >= a + ARENA_BLOCK || a >= b + ARENA_BLOCK);
	memset(a, 0xA5, ARENA_BLOCK);
	memset(b, 0x5A, ARENA_BLOCK);
	assert_int_equal(a[0], 0xA5);
	assert_int_equal(a[ARENA_BLOCK - 1], 0xA5);
	assert_int_equal(b[ARENA_BLOCK / 2], 0x5A);
	arena_block_unmap(a);
	assert_int_equal(b[ARENA_BLOCK - 1], 0x5A);
	arena_block_unmap(b);
	arena_block_unmap(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#if !defined(__SANITIZE_ADDRESS__)
		/* first: a heap the tests before had left megabytes free in
		 * is left as it is */
		cmocka_unit_test(test_the_heap_grows_in_huge_pages),
#endif
		cmocka_unit_test(test_a_printf_keeps_short_and_long_text_whole),
		cmocka_unit_test(test_a_grown_array_keeps_its_items_and_zeroes_the_new_ones),
		cmocka_unit_test(test_slices_are_aligned_for_what_is_kept_and_packed_by_eight),
		cmocka_unit_test(test_an_arena_numbers_from_one_and_never_repeats),
		cmocka_unit_test(test_a_large_item_array_starts_with_room_for_two),
		cmocka_unit_test(test_the_array_last_allocated_grows_where_it_is),
		cmocka_unit_test(test_what_follows_a_grown_array_is_not_overwritten),
		cmocka_unit_test(test_a_long_documents_slices_come_zeroed_and_keep_their_bytes),
		cmocka_unit_test(test_a_reset_arena_gives_zeroed_slices_again),
		cmocka_unit_test(test_a_block_is_its_own_aligned_and_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
