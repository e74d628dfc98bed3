/* test_ptree.c - a presentation tree's children: a list from the first by
 * next, each one's prev the one before and the first's prev the last
 * (the tree keeps no last child of its own); appending, unlinking and
 * inserting keep the list whole in both directions. */
#include "testutil.h"
#include "arena.h"
#include "ptree.h"

/* The children of n in order, one letter each (their text), and the same
 * read backwards from pt_last by prev, which must agree. */
static const char *children_of(const struct pt_node *n, char *buf,
                               size_t len)
{
	size_t k = 0;
	for (const struct pt_node *c = n->first; c && k + 1 < len; c = c->next) {
		assert_ptr_equal(c->parent, n);
		buf[k++] = c->text[0];
	}
	buf[k] = '\0';
	/* backwards: from the last, by prev, to the first */
	size_t back = k;
	const struct pt_node *c = pt_last(n);
	while (back > 0) {
		assert_non_null(c);
		assert_int_equal(c->text[0], buf[back - 1]);
		back--;
		if (back > 0)
			c = c->prev;
	}
	assert_true(k == 0 ? pt_last(n) == NULL : c == n->first);
	return buf;
}

static void arena_free_kept(void *a)
{
	arena_free(a);
}

/* An arena freed when the test ends, however it ends. */
static struct arena *kept_arena(void)
{
	return tu_keep_fn(arena_new(), arena_free_kept);
}

static struct pt_node *letter(struct arena *a, struct pt_node *parent,
                              const char *s)
{
	struct pt_node *t = pt_add_text(a, parent, s, NULL);
	assert_non_null(t);
	return t;
}

static void children_are_kept_in_the_order_they_are_appended(void **state)
{
	(void)state;
	struct arena *a = kept_arena();
	struct pt_node *p = pt_new(a, PT_PARAGRAPH, NULL);
	char buf[16];
	assert_null(pt_last(p));
	assert_string_equal(children_of(p, buf, sizeof buf), "");
	letter(a, p, "a");
	assert_string_equal(children_of(p, buf, sizeof buf), "a");
	letter(a, p, "b");
	struct pt_node *c = letter(a, p, "c");
	assert_ptr_equal(pt_last(p), c);
	assert_string_equal(children_of(p, buf, sizeof buf), "abc");
}

static void a_child_unlinked_leaves_the_rest_in_order(void **state)
{
	(void)state;
	struct arena *a = kept_arena();
	struct pt_node *p = pt_new(a, PT_PARAGRAPH, NULL);
	char buf[16];
	struct pt_node *x[5];
	for (int i = 0; i < 5; i++)
		x[i] = letter(a, p, (const char *[]){"a", "b", "c", "d", "e"}[i]);
	pt_unlink(x[2]);   /* in the middle */
	assert_null(x[2]->parent);
	assert_string_equal(children_of(p, buf, sizeof buf), "abde");
	pt_unlink(x[4]);   /* the last */
	assert_string_equal(children_of(p, buf, sizeof buf), "abd");
	pt_unlink(x[0]);   /* the first */
	assert_string_equal(children_of(p, buf, sizeof buf), "bd");
	pt_append(p, x[0]);
	assert_string_equal(children_of(p, buf, sizeof buf), "bda");
	pt_unlink(x[1]);
	pt_unlink(x[3]);
	pt_unlink(x[0]);   /* the only one */
	assert_null(p->first);
	assert_null(pt_last(p));
	pt_append(p, x[4]);
	assert_string_equal(children_of(p, buf, sizeof buf), "e");
}

static void a_child_inserted_before_another_goes_just_before_it(void **state)
{
	(void)state;
	struct arena *a = kept_arena();
	struct pt_node *p = pt_new(a, PT_PARAGRAPH, NULL);
	struct pt_node *q = pt_new(a, PT_PARAGRAPH, NULL);
	char buf[16];
	struct pt_node *b = letter(a, p, "b");
	struct pt_node *d = letter(a, p, "d");
	struct pt_node *x = letter(a, q, "a");
	struct pt_node *y = letter(a, q, "c");
	struct pt_node *z = letter(a, q, "e");
	pt_unlink(x);
	pt_insert_before(b, x);   /* before the first */
	assert_string_equal(children_of(p, buf, sizeof buf), "abd");
	pt_unlink(y);
	pt_insert_before(d, y);   /* before the last */
	assert_string_equal(children_of(p, buf, sizeof buf), "abcd");
	pt_unlink(z);
	pt_append(p, z);
	assert_string_equal(children_of(p, buf, sizeof buf), "abcde");
	assert_string_equal(children_of(q, buf, sizeof buf), "");
}

static void a_cleared_node_has_no_children(void **state)
{
	(void)state;
	struct arena *a = kept_arena();
	struct pt_node *p = pt_new(a, PT_PARAGRAPH, NULL);
	char buf[16];
	letter(a, p, "a");
	letter(a, p, "b");
	pt_clear(p);
	assert_null(pt_last(p));
	letter(a, p, "c");
	assert_string_equal(children_of(p, buf, sizeof buf), "c");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(
		    children_are_kept_in_the_order_they_are_appended,
		    tu_teardown),
		cmocka_unit_test_teardown(
		    a_child_unlinked_leaves_the_rest_in_order, tu_teardown),
		cmocka_unit_test_teardown(
		    a_child_inserted_before_another_goes_just_before_it,
		    tu_teardown),
		cmocka_unit_test_teardown(a_cleared_node_has_no_children,
		                          tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
