/* translate.c - putting a translation's strings into a document. */
#include "translate.h"
#include "arena.h"
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct translate {
	struct document *doc;
	const struct document *tr;
	struct translation_string **index;   /* by key */
	size_t n;
	struct diag *d;          /* each string's warnings; quiet if not */
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

static struct translation_string *translate_find(struct translate *t,
                                                 const char *key)
{
	struct translation_string k = {0};
	k.key = key;
	struct translation_string *kp = &k;
	struct translation_string **hit =
	    t->n ? bsearch(&kp, t->index, t->n, sizeof *t->index,
	                   translate_by_key) : NULL;
	return hit ? *hit : NULL;
}

/* Whether two texts are the same once runs of white space are one space
 * and the ends are trimmed (a source attribute may wrap). */
static int translate_same(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r') {
			a++;
			if (*a && *a != ' ' && *a != '\t' && *a != '\n' &&
			    *a != '\r' && *b == ' ')
				b++;
		}
		while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
			b++;
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

/* The translation of one string, or NULL (then it stays as it is, and the
 * reader is told why). */
static struct translation_string *translate_lookup(struct translate *t,
                                                   const char *key,
                                                   const char *source,
                                                   const struct loc *where)
{
	if (key == NULL || source == NULL || source[0] == '\0')
		return NULL;
	struct translation_string *ts = translate_find(t, key);
	const char *lang = t->tr->lang;
	if (ts == NULL) {
		t->missing++;
		diag_report(t->d, DIAG_WARNING, where, "untranslated",
		            "no %s translation of \"%.60s%s\" (key %s); it "
		            "stays in the source language", lang, source,
		            strlen(source) > 60 ? "..." : "", key);
		return NULL;
	}
	ts->used = 1;
	if (!translate_same(ts->source ? ts->source : "", source)) {
		t->missing++;
		diag_report(t->d, DIAG_WARNING, &ts->loc, "stale-translation",
		            "the %s translation of %s was made from other "
		            "text; the source now says \"%.60s%s\"; it stays in "
		            "the source language until translated again", lang,
		            key, source, strlen(source) > 60 ? "..." : "");
		diag_report(t->d, DIAG_NOTE, where, NULL,
		            "the source text is here");
		return NULL;
	}
	return ts;
}

static void translate_plain(struct translate *t, const char *key,
                            const char **text, const struct loc *where)
{
	if (*text == NULL)
		return;
	struct translation_string *ts = translate_lookup(t, key, *text, where);
	if (ts == NULL)
		return;
	char *plain = inline_plain_text(t->doc->arena, ts->text);
	if (plain == NULL)
		t->oom = 1;
	else
		*text = plain;
}

static void translate_inline(struct translate *t, const char *key,
                             struct inline_node **text,
                             const struct loc *where)
{
	if (*text == NULL)
		return;
	char *source = inline_plain_text(t->doc->arena, *text);
	if (source == NULL) {
		t->oom = 1;
		return;
	}
	struct translation_string *ts = translate_lookup(t, key, source,
	                                                 where);
	if (ts != NULL)
		*text = ts->text;
}

/* "ap." + "housing-access": a key made of a kind and a name, in the
 * document's arena. */
static const char *translate_key(struct translate *t, const char *kind,
                                 const char *name)
{
	char *k = arena_printf(t->doc->arena, "%s%s", kind, name);
	if (k == NULL)
		t->oom = 1;
	return k;
}

/* Blocks are keyed by their place: "intro.2" is the second block of the
 * intro, "intro.2.title" a section's title, "intro.2.1" its first block. */
static void translate_blocks(struct translate *t, const char *prefix,
                             struct block *b)
{
	size_t i = 0;
	for (; b != NULL && !t->oom; b = b->next) {
		char *key = arena_printf(t->doc->arena, "%s.%zu", prefix, ++i);
		if (key == NULL) {
			t->oom = 1;
			return;
		}
		if (b->kind == BLOCK_SECTION) {
			const char *tk = translate_key(t, key, ".title");
			if (tk == NULL)
				return;
			translate_plain(t, tk, &b->title, &b->loc);
		}
		if (b->text != NULL)
			translate_inline(t, key, &b->text, &b->loc);
		translate_blocks(t, key, b->child);
	}
}

static void translate_labels(struct translate *t, struct pledge_labels *l,
                             const struct loc *where)
{
	struct {
		const char *key;
		const char **text;
	} v[] = {
		{"label.action-point", &l->action_point},
		{"label.steps", &l->steps},
		{"label.tick", &l->tick},
		{"label.deadline", &l->deadline},
		{"label.name", &l->name},
		{"label.role", &l->role},
		{"label.email", &l->email},
		{"label.phone", &l->phone},
		{"label.signed-for", &l->signed_for},
		{"label.signature", &l->signature},
		{"label.date", &l->date},
		{"label.signed-on", &l->signed_on},
		{"label.committed", &l->committed},
		{"label.not-committed", &l->not_committed},
		{"label.page", &l->page},
		{"label.of", &l->of},
		{"label.fingerprint", &l->fingerprint},
		{"label.continued", &l->continued},
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		translate_plain(t, v[i].key, v[i].text, where);
}

static void translate_form(struct translate *t, struct pledge_form *f,
                           const struct loc *root)
{
	translate_plain(t, "title", &f->title, root);
	translate_plain(t, "audience", &f->audience, root);
	translate_blocks(t, "intro", f->intro);
	translate_plain(t, "actions.title", &f->actions_title, &f->actions_loc);
	translate_blocks(t, "actions.intro", f->actions_intro);
	translate_inline(t, "actions.instruction", &f->instruction,
	                 &f->actions_loc);
	size_t gi = 0;
	for (struct pledge_group *g = f->groups; g && !t->oom; g = g->next) {
		char n[24];
		snprintf(n, sizeof n, "%zu", ++gi);
		const char *key = translate_key(t, "group.", g->id ? g->id : n);
		if (key != NULL)
			translate_plain(t, key, &g->title, &g->loc);
		for (struct action_point *a = g->action_points; a && !t->oom;
		     a = a->next) {
			key = translate_key(t, "ap.", a->id);
			if (key != NULL)
				translate_plain(t, key, &a->title, &a->loc);
			for (struct pledge_step *s = a->steps; s; s = s->next) {
				if (s->same_as != NULL)
					continue;   /* follows its original */
				key = translate_key(t, "step.", s->name);
				if (key != NULL)
					translate_inline(t, key, &s->text,
					                 &s->loc);
			}
		}
	}
	/* a step that reuses another's text takes it again, translated */
	for (struct pledge_group *g = f->groups; g; g = g->next)
		for (struct action_point *a = g->action_points; a; a = a->next)
			for (struct pledge_step *s = a->steps; s; s = s->next) {
				if (s->same_as == NULL)
					continue;
				for (struct pledge_group *h = f->groups; h;
				     h = h->next)
					for (struct action_point *b =
					         h->action_points;
					     b; b = b->next)
						for (struct pledge_step *o =
						         b->steps;
						     o; o = o->next)
							if (o->same_as == NULL &&
							    strcmp(o->name,
							           s->same_as) == 0)
								s->text = o->text;
			}
	translate_plain(t, "support.title", &f->support_title, &f->support_loc);
	translate_blocks(t, "support.intro", f->support_intro);
	for (struct support_option *o = f->options; o && !t->oom; o = o->next) {
		const char *key = translate_key(t, "option.", o->id);
		if (key != NULL)
			translate_inline(t, key, &o->text, &o->loc);
	}
	if (f->has_other)
		translate_plain(t, "support.other", &f->other_label,
		                &f->support_loc);
	translate_plain(t, "monitoring.title", &f->monitoring_title,
	                &f->monitoring_loc);
	translate_blocks(t, "monitoring", f->monitoring);
	translate_plain(t, "report-due", &f->report_due_label,
	                &f->monitoring_loc);
	translate_plain(t, "contact.title", &f->contact_title, &f->contact_loc);
	translate_labels(t, &f->labels, root);
}

int translate_document(struct document *doc, struct document *tr,
                       int each, struct diag *d)
{
	struct translation *x = &tr->u.translation;
	struct diag quiet;
	diag_init(&quiet, NULL, DIAG_HUMAN);
	struct translate t = {doc, tr, NULL, 0, each ? d : &quiet, 0, 0};
	t.index = malloc((x->nstrings ? x->nstrings : 1) * sizeof *t.index);
	if (t.index == NULL)
		return -1;
	for (struct translation_string *s = x->strings; s; s = s->next)
		if (s->key != NULL)
			t.index[t.n++] = s;
	qsort(t.index, t.n, sizeof *t.index, translate_by_key);
	if (doc->kind == DOCUMENT_PLEDGE_FORM)
		translate_form(&t, &doc->u.form, &doc->loc);
	else
		diag_report(d, DIAG_WARNING, &doc->loc, "untranslated",
		            "only pledge forms (and the pledges signing them) "
		            "can be translated yet; this %s stays in its "
		            "source language", document_kind_name(doc->kind));
	if (!each && t.missing > 0)
		diag_report(d, DIAG_WARNING, &tr->loc, "untranslated",
		            "%d string%s of %s %s no %s translation, or a stale "
		            "one, and stay%s in the source language (mishto "
		            "check --lang %s lists them)", t.missing,
		            t.missing == 1 ? "" : "s", doc->id,
		            t.missing == 1 ? "has" : "have", tr->lang,
		            t.missing == 1 ? "s" : "", tr->lang);
	for (struct translation_string *s = x->strings; s; s = s->next)
		if (!s->used && s->key != NULL)
			diag_report(d, DIAG_WARNING, &s->loc,
			            "translation-unused", "nothing in %s has "
			            "the key \"%s\"; its text was moved or "
			            "removed", doc->id, s->key);
	free(t.index);
	if (t.oom)
		return -1;
	doc->lang = tr->lang;
	return t.missing;
}
