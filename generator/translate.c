/* translate.c - putting a translation's strings into a presentation
 * tree. */
#include "translate.h"
#include "arena.h"
#include "diag.h"
#include "lower.h"
#include "ptree.h"

#include <stdlib.h>
#include <string.h>

/* One translation, its strings by key. */
struct translate_book {
	struct document *tr;
	struct translation_string **index;
	size_t n;
};

struct translate {
	struct arena *a;
	struct translate_book book[2];   /* by domain: own, the form's */
	const char *source_lang;
	struct diag *d;          /* each string's warnings; quiet if not */
	/* keys said already (untranslated or stale), so a key printed in
	 * several places counts once */
	const char **said;
	size_t nsaid, capsaid;
	int missing;
	int oom;
};

static int translate_by_key(const void *a, const void *b)
{
	const struct translation_string *x =
	    *(const struct translation_string *const *)a;
	const struct translation_string *y =
	    *(const struct translation_string *const *)b;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

static int translate_open(struct translate_book *b, struct document *tr)
{
	b->tr = tr;
	if (tr == NULL)
		return 0;
	struct translation *x = &tr->u.translation;
	b->index = malloc((x->nstrings ? x->nstrings : 1) * sizeof *b->index);
	if (b->index == NULL)
		return -1;
	for (struct translation_string *s = x->strings; s; s = s->next)
		if (s->key != NULL)
			b->index[b->n++] = s;
	qsort(b->index, b->n, sizeof *b->index, translate_by_key);
	return 0;
}

static struct translation_string *translate_find(
    const struct translate_book *b, const char *key)
{
	struct translation_string k = {0};
	k.key = key;
	struct translation_string *kp = &k;
	struct translation_string **hit =
	    b->n ? bsearch(&kp, b->index, b->n, sizeof *b->index,
	                   translate_by_key) : NULL;
	return hit ? *hit : NULL;
}

static int translate_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *translate_skip_space(const char *s)
{
	while (translate_is_space(*s))
		s++;
	return s;
}

/* Whether two texts are the same once each run of white space counts as
 * one space and the ends are trimmed (a source attribute may be wrapped
 * or indented differently from the text it copies). */
static int translate_same(const char *a, const char *b)
{
	a = translate_skip_space(a);
	b = translate_skip_space(b);
	for (;;) {
		int wa = translate_is_space(*a), wb = translate_is_space(*b);
		if (wa || wb) {
			const char *na = translate_skip_space(a);
			const char *nb = translate_skip_space(b);
			/* a run matches a run, or trailing space the end */
			if (wa != wb && *(wa ? na : nb) != '\0')
				return 0;
			a = na;
			b = nb;
			continue;
		}
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

/* Whether a key has been said already; records it. */
static int translate_said(struct translate *t, const char *key)
{
	for (size_t i = 0; i < t->nsaid; i++)
		if (strcmp(t->said[i], key) == 0)
			return 1;
	if (t->nsaid == t->capsaid) {
		size_t n = t->capsaid ? t->capsaid * 2 : 64;
		const char **v = realloc(t->said, n * sizeof *v);
		if (v == NULL) {
			t->oom = 1;
			return 1;
		}
		t->said = v;
		t->capsaid = n;
	}
	t->said[t->nsaid++] = key;
	return 0;
}

/* The translation of a node's words, or NULL (then they stay as they are,
 * and, for the document's own words, the reader is told why). */
static struct translation_string *translate_lookup(struct translate *t,
                                                   const struct pt_node *n,
                                                   const char *source)
{
	const struct translate_book *b = &t->book[n->domain ? 1 : 0];
	if (b->tr == NULL || source == NULL || source[0] == '\0')
		return NULL;
	struct translation_string *ts = translate_find(b, n->key);
	int own = n->domain == 0;
	const char *lang = b->tr->lang;
	if (ts != NULL)
		ts->used = 1;
	if (ts == NULL) {
		if (own && !translate_said(t, n->key)) {
			t->missing++;
			diag_report(t->d, DIAG_WARNING, n->loc, "untranslated",
			            "no %s translation of \"%.60s%s\" (key %s); "
			            "it stays in the source language", lang,
			            source, strlen(source) > 60 ? "..." : "",
			            n->key);
		}
		return NULL;
	}
	if (!translate_same(ts->source ? ts->source : "", source)) {
		if (own && !translate_said(t, n->key)) {
			t->missing++;
			diag_report(t->d, DIAG_WARNING, &ts->loc,
			            "stale-translation", "the %s translation of "
			            "%s was made from other text; the source now "
			            "says \"%.60s%s\"; it stays in the source "
			            "language until translated again", lang,
			            n->key, source, strlen(source) > 60 ? "..."
			                                                : "");
			diag_report(t->d, DIAG_NOTE, n->loc, NULL,
			            "the source text is here");
		}
		return NULL;
	}
	return ts;
}

static void translate_mark(struct pt_node *n)
{
	for (; n != NULL; n = n->next) {
		n->from_translation = 1;
		translate_mark(n->first);
	}
}

/* Words left in the source language are marked with it, so a screen
 * reader reads them in their own voice. */
static void translate_keep(struct translate *t, struct pt_node *n)
{
	struct pt_node *span = pt_new(t->a, PT_SPAN, n->loc);
	if (span == NULL || pt_set_lang(t->a, span, t->source_lang) != 0) {
		t->oom = 1;
		return;
	}
	if (n->type == PT_TEXT) {
		/* the text goes into the span, which takes its place */
		struct pt_node *copy = pt_new(t->a, PT_TEXT, n->loc);
		struct pt_more *more = copy != NULL && n->more != NULL
		                       ? pt_more(t->a, copy) : NULL;
		if (copy == NULL || (n->more && more == NULL)) {
			t->oom = 1;
			return;
		}
		uint32_t serial = copy->serial;
		*copy = *n;
		copy->serial = serial;
		/* its own: the span's language is set below */
		if (more != NULL)
			*more = *n->more;
		copy->more = more;
		copy->parent = copy->prev = copy->next = NULL;
		copy->key = NULL;
		n->type = PT_SPAN;
		if (pt_set_lang(t->a, n, t->source_lang) != 0) {
			t->oom = 1;
			return;
		}
		n->text = NULL;
		pt_clear(n);
		pt_append(n, copy);
		return;
	}
	/* the inline words move into the span, the lists after stay */
	struct pt_node *at = n->first;
	while (at && pt_is_inline(at)) {
		struct pt_node *next = at->next;
		pt_unlink(at);
		pt_append(span, at);
		at = next;
	}
	if (n->first != NULL)
		pt_insert_before(n->first, span);
	else
		pt_append(n, span);
}

static void translate_node(struct translate *t, struct pt_node *n)
{
	if (n->type == PT_TEXT || n->plain) {
		const char *source = n->type == PT_TEXT ? n->text : NULL;
		struct translation_string *ts = translate_lookup(t, n, source);
		if (ts == NULL) {
			if (n->domain == 0 && t->book[0].tr && source && *source)
				translate_keep(t, n);
			return;
		}
		char *plain = inline_plain_text(t->a, ts->text);
		if (plain == NULL) {
			t->oom = 1;
			return;
		}
		n->text = plain;
		n->loc = &ts->loc;
		n->from_translation = 1;
		return;
	}
	/* a paragraph's, an item's or a span's words (not its lists) */
	struct pt_node words = *n;
	words.first = n->first;
	char *source = pt_plain(&words);
	if (source == NULL) {
		t->oom = 1;
		return;
	}
	struct translation_string *ts = translate_lookup(t, n, source);
	int empty = source[0] == '\0';
	free(source);
	if (ts == NULL) {
		if (n->domain == 0 && t->book[0].tr && !empty)
			translate_keep(t, n);
		return;
	}
	struct pt_node *blocks = n->first;
	while (blocks && pt_is_inline(blocks))
		blocks = blocks->next;
	/* the new words, then the lists it had */
	pt_clear(n);
	if (pt_add_inlines(t->a, n, ts->text) != 0) {
		t->oom = 1;
		return;
	}
	translate_mark(n->first);
	while (blocks) {
		struct pt_node *next = blocks->next;
		blocks->parent = NULL;
		blocks->prev = blocks->next = NULL;
		pt_append(n, blocks);
		blocks = next;
	}
}

static void translate_walk(struct translate *t, struct pt_node *n)
{
	for (; n != NULL && !t->oom; n = n->next) {
		if (n->key != NULL) {
			translate_node(t, n);
			/* its words are done; lists under it have keys of
			 * their own */
			for (struct pt_node *c = n->first; c; c = c->next)
				if (!pt_is_inline(c))
					translate_walk(t, c);
			continue;
		}
		translate_walk(t, n->first);
	}
}

int translate_tree(struct pt_node *tree, struct arena *a,
                   enum document_kind kind, struct document *tr,
                   struct document *form_tr, int each, struct diag *d)
{
	struct diag quiet;
	diag_init(&quiet, NULL, DIAG_HUMAN);
	struct translate t = {0};
	t.a = a;
	t.d = each ? d : &quiet;
	t.source_lang = pt_more_of(tree)->lang;
	if (translate_open(&t.book[0], tr) != 0 ||
	    translate_open(&t.book[1], form_tr) != 0) {
		free(t.book[0].index);
		return -1;
	}
	translate_walk(&t, tree);
	const struct translation *x = &tr->u.translation;
	const char *of = x->of ? x->of : "";
	if (!each && t.missing > 0)
		diag_report(d, DIAG_WARNING, &tr->loc, "untranslated",
		            "%d string%s of %s %s no %s translation, or a stale "
		            "one, and stay%s in the source language (mishto "
		            "check --lang %s lists them)", t.missing,
		            t.missing == 1 ? "" : "s", of,
		            t.missing == 1 ? "has" : "have", tr->lang,
		            t.missing == 1 ? "s" : "", tr->lang);
	for (struct translation_string *s = x->strings; s; s = s->next)
		if (!s->used && s->key != NULL && !lower_is_word(kind, s->key))
			diag_report(d, DIAG_WARNING, &s->loc,
			            "translation-unused", "nothing in %s has "
			            "the key \"%s\"; its text was moved or "
			            "removed", of, s->key);
	free(t.book[0].index);
	free(t.book[1].index);
	free(t.said);
	if (t.oom || pt_set_lang(a, tree, tr->lang) != 0)
		return -1;
	return t.missing;
}
