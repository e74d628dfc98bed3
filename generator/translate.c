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
	if (ts != NULL) {
		*text = ts->text;
		return;
	}
	/* left in the source language: marked so, for screen readers */
	struct inline_node *span = arena_alloc(t->doc->arena, sizeof *span);
	if (span == NULL) {
		t->oom = 1;
		return;
	}
	span->kind = INLINE_SPAN;
	span->loc = *where;
	span->lang = t->doc->lang;
	span->child = *text;
	*text = span;
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

/* "base.what.N" ("base.N" without what), in the document's arena. */
static const char *translate_nth(struct translate *t, const char *base,
                                 const char *what, size_t n)
{
	char *k = what ? arena_printf(t->doc->arena, "%s.%s.%zu", base, what,
	                              n)
	               : arena_printf(t->doc->arena, "%s.%zu", base, n);
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
		const char *key = translate_nth(t, prefix, NULL, ++i);
		if (key == NULL)
			return;
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

/* Labels: a list of (key, place of the string) pairs. */
struct translate_label {
	const char *key;
	const char **text;
};

static void translate_label_list(struct translate *t,
                                 const struct translate_label *v, size_t n,
                                 const struct loc *where)
{
	for (size_t i = 0; i < n; i++)
		translate_plain(t, v[i].key, v[i].text, where);
}

static void translate_labels(struct translate *t, struct pledge_labels *l,
                             const struct loc *where)
{
	const struct translate_label v[] = {
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
	translate_label_list(t, v, sizeof v / sizeof *v, where);
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
			for (struct pledge_step *s = a->steps; s; s = s->next)
				if (s->original != NULL)
					s->text = s->original->text;
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

static void translate_guidance(struct translate *t, struct guidance *g,
                               const struct loc *root)
{
	translate_plain(t, "title", &g->title, root);
	translate_plain(t, "subtitle", &g->subtitle, root);
	translate_blocks(t, "intro", g->intro);
	translate_plain(t, "table.title", &g->table_title, &g->table_loc);
	for (struct guidance_row *r = g->rows; r && !t->oom; r = r->next) {
		const char *id = r->action_point_ref ? r->action_point_ref : "";
		const char *k = translate_key(t, "row.", id);
		const char *ka = k ? translate_key(t, k, ".actions") : NULL;
		const char *kr = k ? translate_key(t, k, ".resources") : NULL;
		if (ka == NULL || kr == NULL)
			return;
		translate_blocks(t, ka, r->actions);
		translate_blocks(t, kr, r->resources);
	}
	translate_blocks(t, "outro", g->outro);
	const struct translate_label v[] = {
		{"label.pledge", &g->pledge_label},
		{"label.actions", &g->actions_label},
		{"label.resources", &g->resources_label},
	};
	translate_label_list(t, v, sizeof v / sizeof *v, root);
}

static void translate_minutes(struct translate *t, struct minutes *mi,
                              const struct loc *root)
{
	translate_plain(t, "title", &mi->title, root);
	translate_plain(t, "subtitle", &mi->subtitle, root);
	translate_plain(t, "location", &mi->meeting.location,
	                &mi->meeting.loc);
	translate_blocks(t, "intro", mi->intro);
	size_t n = 0;
	for (struct minutes_item *it = mi->items; it && !t->oom; it = it->next) {
		const char *k = translate_nth(t, "item", NULL, ++n);
		if (k == NULL)
			return;
		const char *kt = translate_key(t, k, ".title");
		const char *ka = translate_key(t, k, ".agenda");
		const char *kd = translate_key(t, k, ".minutes");
		const char *kx = translate_key(t, k, ".action");
		if (kt == NULL || ka == NULL || kd == NULL || kx == NULL)
			return;
		translate_plain(t, kt, &it->title, &it->loc);
		translate_blocks(t, ka, it->agenda);
		translate_blocks(t, kd, it->discussion);
		size_t j = 0;
		for (struct minutes_action *a = it->actions; a; a = a->next) {
			const char *ak = translate_nth(t, kx, NULL, ++j);
			if (ak == NULL)
				return;
			translate_blocks(t, ak, a->text);
		}
	}
	translate_blocks(t, "outro", mi->outro);
	struct minutes_labels *l = &mi->labels;
	const struct translate_label v[] = {
		{"label.date", &l->date}, {"label.time", &l->time},
		{"label.location", &l->location},
		{"label.attendees", &l->attendees},
		{"label.apologies", &l->apologies}, {"label.agenda", &l->agenda},
		{"label.minutes", &l->minutes}, {"label.actions", &l->actions},
		{"label.next-meeting", &l->next_meeting}, {"label.all", &l->all},
		{"label.to", &l->to}, {"label.until", &l->until},
	};
	translate_label_list(t, v, sizeof v / sizeof *v, root);
}

/* Actions by their references ("goal.A.action.A1.a"), else position. */
static void translate_actions(struct translate *t, const char *prefix,
                              struct plan_action *a)
{
	size_t n = 0;
	for (; a != NULL && !t->oom; a = a->next) {
		char pos[24];
		snprintf(pos, sizeof pos, "%zu", ++n);
		char *k = arena_printf(t->doc->arena, "%s.%s", prefix,
		                       a->id ? a->id : a->ref ? a->ref : pos);
		if (k == NULL) {
			t->oom = 1;
			return;
		}
		translate_blocks(t, k, a->text);
		const char *km = translate_key(t, k, ".measure");
		if (km == NULL)
			return;
		translate_inline(t, km, &a->measure, &a->loc);
		size_t j = 0;
		for (struct plan_milestone *m = a->milestones; m; m = m->next) {
			const char *mk = translate_nth(t, k, "milestone", ++j);
			if (mk == NULL)
				return;
			translate_inline(t, mk, &m->text, &m->loc);
		}
		j = 0;
		for (struct plan_update *u = a->updates; u; u = u->next) {
			const char *uk = translate_nth(t, k, "update", ++j);
			if (uk == NULL)
				return;
			translate_blocks(t, uk, u->text);
		}
		translate_actions(t, k, a->children);
	}
}

static void translate_plan(struct translate *t, struct action_plan *p,
                           const struct loc *root)
{
	translate_plain(t, "title", &p->title, root);
	translate_plain(t, "subtitle", &p->subtitle, root);
	translate_blocks(t, "intro", p->intro);
	for (struct plan_goal *g = p->goals; g && !t->oom; g = g->next) {
		const char *gk = translate_key(t, "goal.",
		                               g->id ? g->id : g->ref ? g->ref
		                                                      : "");
		const char *kt = gk ? translate_key(t, gk, ".title") : NULL;
		if (kt == NULL)
			return;
		translate_plain(t, kt, &g->title, &g->loc);
		size_t j = 0;
		for (struct plan_objective *o = g->objectives; o; o = o->next) {
			const char *ok = translate_nth(t, gk, "objective", ++j);
			if (ok == NULL)
				return;
			translate_inline(t, ok, &o->text, &o->loc);
		}
		size_t ai = 0;
		for (struct plan_area *ar = g->areas; ar; ar = ar->next) {
			const char *ak = translate_nth(t, gk, "area", ++ai);
			const char *akt = ak ? translate_key(t, ak, ".title")
			                     : NULL;
			if (akt == NULL)
				return;
			translate_plain(t, akt, &ar->title, &ar->loc);
			translate_actions(t, gk, ar->actions);
		}
	}
	translate_plain(t, "kpis.title", &p->kpis_title, &p->kpis_loc);
	for (struct plan_kpi *k = p->kpis; k && !t->oom; k = k->next) {
		const char *kk = translate_key(t, "kpi.", k->id ? k->id : "");
		const char *kt = kk ? translate_key(t, kk, ".title") : NULL;
		if (kt == NULL)
			return;
		translate_plain(t, kt, &k->title, &k->loc);
	}
	translate_blocks(t, "outro", p->outro);
	struct plan_labels *l = &p->labels;
	const struct translate_label v[] = {
		{"label.action", &l->action}, {"label.measure", &l->measure},
		{"label.due", &l->due}, {"label.lead", &l->lead},
		{"label.status", &l->status}, {"label.progress", &l->progress},
		{"label.milestones", &l->milestones},
		{"label.overdue", &l->overdue}, {"label.people", &l->people},
		{"label.kpi", &l->kpi}, {"label.baseline", &l->baseline},
		{"label.target", &l->target}, {"label.readings", &l->readings},
		{"label.priority", &l->priority},
	};
	translate_label_list(t, v, sizeof v / sizeof *v, root);
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
	switch (doc->kind) {
	case DOCUMENT_PLEDGE_FORM:
		translate_form(&t, &doc->u.form, &doc->loc);
		break;
	case DOCUMENT_GUIDANCE:
		translate_guidance(&t, &doc->u.guidance, &doc->loc);
		break;
	case DOCUMENT_MINUTES:
		translate_minutes(&t, &doc->u.minutes, &doc->loc);
		break;
	case DOCUMENT_ACTION_PLAN:
		translate_plan(&t, &doc->u.plan, &doc->loc);
		break;
	default:
		diag_report(d, DIAG_WARNING, &doc->loc, "untranslated",
		            "a %s cannot be translated; it stays in its source "
		            "language", document_kind_name(doc->kind));
	}
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
