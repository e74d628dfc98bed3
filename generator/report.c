/* report.c - the signatories register, and its CSV. */
#include "report.h"
#include "arena.h"
#include "diag.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source.h"

static int report_by_authority(const void *a, const void *b)
{
	const struct document *x = ((const struct signatory *)a)->pledge;
	const struct document *y = ((const struct signatory *)b)->pledge;
	int c = strcmp(x->u.pledge.authority, y->u.pledge.authority);
	if (c != 0)
		return c;
	long dx = mdate_days(&x->u.pledge.signed_on);
	long dy = mdate_days(&y->u.pledge.signed_on);
	return (dx > dy) - (dx < dy);
}

/* A report's fingerprint, as printed in its footer, from the hash of the
 * sources it was made from. */
static void report_set_fingerprint(struct document *rep,
                                   struct sha256_ctx *h)
{
	unsigned char digest[32];
	sha256_digest(h, sizeof digest, digest);
	memcpy(rep->fingerprint, "sha256:", 7);
	for (int i = 0; i < 6; i++)
		snprintf(rep->fingerprint + 7 + 2 * i, 3, "%02x", digest[i]);
}

/* The register's fingerprint covers the form and every pledge in it, in
 * the register's order, so it changes when any of them does. */
static void report_fingerprint(struct document *rep)
{
	const struct signatories *s = &rep->u.signatories;
	struct sha256_ctx h;
	sha256_init(&h);
	sha256_update(&h, sizeof s->form->src->sha256, s->form->src->sha256);
	for (size_t i = 0; i < s->n; i++)
		sha256_update(&h, sizeof s->v[i].pledge->src->sha256,
		              s->v[i].pledge->src->sha256);
	report_set_fingerprint(rep, &h);
}

/* A signatory's commitments by step of form f: its own when it signed
 * f, else matched by action point and step id, or an id a step had. */
static void report_match_commits(struct signatory *sg,
                                 const struct pledge_form *f, size_t n)
{
	const struct pledge *p = &sg->pledge->u.pledge;
	memset(sg->commits, 0, n * sizeof *sg->commits);
	sg->gone = 0;
	if (&p->form->u.form == f) {
		for (size_t i = 0; i < n; i++)
			sg->commits[i] = p->commit_for_step[i];
		return;
	}
	for (const struct pledge_commit *k = p->commits; k; k = k->next) {
		if (k->step == NULL)
			continue;
		const struct pledge_step *found = NULL;
		for (const struct pledge_group *g = f->groups; g && !found;
		     g = g->next)
			for (const struct action_point *a = g->action_points;
			     a && !found; a = a->next) {
				if (strcmp(a->id, k->step->action_point->id) != 0)
					continue;
				for (const struct pledge_step *s = a->steps; s;
				     s = s->next)
					if (strcmp(s->id, k->step->id) == 0 ||
					    pledge_step_was(s, k->step->id))
						found = s;
			}
		if (found != NULL && found->ordinal < n &&
		    sg->commits[found->ordinal] == NULL)
			sg->commits[found->ordinal] = k;
		else
			sg->gone++;
	}
}

struct document *report_signatories(struct document *const *docs, size_t n,
                                    const struct mdate *as_of,
                                    struct diag *d)
{
	const struct document *form = NULL;
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		const struct document *doc = docs[i];
		if (doc->kind != DOCUMENT_PLEDGE)
			continue;
		const struct document *f = doc->u.pledge.form;
		if (f == NULL)
			return NULL;   /* check has said why */
		if (form != NULL && strcmp(f->id, form->id) != 0) {
			diag_report(d, DIAG_ERROR, &doc->loc, "report-form",
			            "this pledge signs the form \"%s\", the "
			            "others \"%s\"; a register covers one form:"
			            " make one per form", f->id, form->id);
			return NULL;
		}
		/* the form as it is now, not a version kept for some */
		if (form == NULL || (form->u.form.kept && !f->u.form.kept))
			form = f;
		count++;
	}
	for (size_t i = 0; form && form->u.form.kept && i < n; i++)
		if (docs[i]->kind == DOCUMENT_PLEDGE_FORM &&
		    !docs[i]->u.form.kept && docs[i]->id &&
		    strcmp(docs[i]->id, form->id) == 0)
			form = docs[i];
	if (form == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "report-form",
		            "no signed pledge among the inputs: give the "
		            "pledges to list (content/pledges/*.xml)");
		return NULL;
	}
	struct arena *a = arena_new();
	struct document *rep = a ? arena_alloc(a, sizeof *rep) : NULL;
	if (rep == NULL) {
		arena_free(a);
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while making the register");
		return NULL;
	}
	rep->kind = DOCUMENT_SIGNATORIES;
	rep->arena = a;
	rep->id = "signatories";
	rep->lang = form->lang;
	rep->loc = form->loc;
	rep->src = form->src;
	struct signatories *s = &rep->u.signatories;
	s->form = form;
	s->title = arena_printf(a, "Signatories: %s", form->u.form.title);
	s->subtitle = form->u.form.audience;
	if (as_of != NULL && as_of->valid)
		s->as_of = *as_of;
	s->v = arena_alloc(a, (count ? count : 1) * sizeof *s->v);
	size_t nsteps = 0;
	for (const struct pledge_group *g = form->u.form.groups; g; g = g->next)
		for (const struct action_point *ap = g->action_points; ap;
		     ap = ap->next)
			nsteps += ap->nsteps;
	s->tally = arena_alloc(a, (nsteps ? nsteps : 1) * sizeof *s->tally);
	if (s->title == NULL || s->v == NULL || s->tally == NULL) {
		document_free(rep);
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while making the register");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const struct document *doc = docs[i];
		if (doc->kind != DOCUMENT_PLEDGE)
			continue;
		struct signatory *sg = &s->v[s->n++];
		sg->pledge = doc;
		const struct mdate *due = &doc->u.pledge.report_due;
		sg->report_overdue = s->as_of.valid && due->text && due->valid &&
		                     mdate_days(due) < mdate_days(&s->as_of);
		s->noverdue += (size_t)sg->report_overdue;
	}
	qsort(s->v, s->n, sizeof *s->v, report_by_authority);
	for (size_t i = 0; i < s->n; i++) {
		s->v[i].commits = arena_alloc(a, (nsteps ? nsteps : 1) *
		                                 sizeof *s->v[i].commits);
		if (s->v[i].commits == NULL) {
			document_free(rep);
			diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory while making the register");
			return NULL;
		}
		report_match_commits(&s->v[i], &form->u.form, nsteps);
		/* one authority twice: said, both kept (a council may sign
		 * again on a later form) */
		const struct pledge *p = &s->v[i].pledge->u.pledge;
		if (i > 0 && strcasecmp(s->v[i - 1].pledge->u.pledge.authority,
		                        p->authority) == 0) {
			diag_report(d, DIAG_WARNING, &s->v[i].pledge->loc,
			            "signed-twice", "%s has signed twice; both "
			            "pledges are in the register", p->authority);
			diag_report(d, DIAG_NOTE, &s->v[i - 1].pledge->loc, NULL,
			            "the other pledge is here");
		}
	}
	for (const struct pledge_group *g = form->u.form.groups; g; g = g->next)
		for (const struct action_point *ap = g->action_points; ap;
		     ap = ap->next)
			for (const struct pledge_step *st = ap->steps; st;
			     st = st->next) {
				struct step_tally *t = &s->tally[s->ntally++];
				t->action_point = ap;
				t->step = st;
				for (size_t i = 0; i < s->n; i++)
					t->count += s->v[i].commits[st->ordinal]
					            != NULL;
				if (t->count > s->max_count)
					s->max_count = t->count;
			}
	report_fingerprint(rep);
	return rep;
}

/* ---- progress ---- */

struct progress_list {
	struct progress_item *v;
	size_t n, cap;
	struct arena *a;
	int oom;
};

static void progress_push(struct progress_list *l,
                          const struct plan_action *a,
                          const struct plan_goal *g, const char *ref,
                          const char *key)
{
	if (arena_grow(l->a, (void **)&l->v, &l->cap, l->n + 1,
	               sizeof *l->v) != 0) {
		l->oom = 1;
		return;
	}
	l->v[l->n++] = (struct progress_item){a, g, ref, key, NULL};
}

/* Every action and sub-action, in reading order, with the reference a
 * reader sees (its own and its parents' refs, "1.2 A", or its place,
 * "#3"; never its id) and the key that names it across versions (its id
 * if it has one, else where it is: goal, area, reference). Check has made
 * sure the references of a goal's area name one action each. */
static void progress_walk(struct progress_list *l, const char *where,
                          const struct plan_goal *g,
                          const struct plan_action *a, const char *parent,
                          size_t *pos)
{
	for (; a != NULL && !l->oom; a = a->next) {
		++*pos;
		const char *own = a->ref ? a->ref
		                  : arena_printf(l->a, "#%zu", *pos);
		const char *ref = parent && own
		                  ? arena_printf(l->a, "%s %s", parent, own)
		                  : own;
		const char *key = a->id ? arena_printf(l->a, "id %s", a->id)
		                  : ref ? arena_printf(l->a, "%s\n%s", where, ref)
		                  : NULL;
		if (ref == NULL || key == NULL) {
			l->oom = 1;
			return;
		}
		progress_push(l, a, g, ref, key);
		progress_walk(l, where, g, a->children, ref, pos);
	}
}

static int progress_items(struct progress_list *l,
                          const struct action_plan *p)
{
	size_t pos = 0;
	for (const struct plan_goal *g = p->goals; g; g = g->next) {
		for (const struct plan_area *ar = g->areas; ar; ar = ar->next) {
			const char *where = arena_printf(
			    l->a, "%s\n%s", g->id ? g->id : g->ref ? g->ref : "",
			    ar->title ? ar->title : "");
			if (where == NULL)
				return -1;
			progress_walk(l, where, g, ar->actions, NULL, &pos);
		}
	}
	return l->oom ? -1 : 0;
}

static void progress_count(struct progress_count *c,
                           const struct plan_action *a)
{
	c->actions++;
	c->status[a->status < PROGRESS_NSTATUS ? a->status : 0]++;
	c->rag[a->rag < PROGRESS_NRAG ? a->rag : 0]++;
}

static int progress_by_key(const void *x, const void *y)
{
	const struct progress_item *a = x, *b = y;
	return strcmp(a->key, b->key);
}

/* Whether two milestones are one: the same due date and words. */
static int progress_same_milestone(struct arena *a,
                                   const struct plan_milestone *m,
                                   const struct plan_milestone *n, int *oom)
{
	const char *d1 = m->due.text ? m->due.text : "";
	const char *d2 = n->due.text ? n->due.text : "";
	if (strcmp(d1, d2) != 0)
		return 0;
	char *t1 = inline_plain_text(a, m->text);
	char *t2 = inline_plain_text(a, n->text);
	if (t1 == NULL || t2 == NULL) {
		*oom = 1;
		return 0;
	}
	return strcmp(t1, t2) == 0;
}

static int progress_same_update(const struct plan_update *u,
                                const struct plan_update *w)
{
	const char *a = u->date.text ? u->date.text : "";
	const char *b = w->date.text ? w->date.text : "";
	return strcmp(a, b) == 0;
}

static struct progress_change *progress_change(struct progress *p,
                                               struct arena *a, int *oom,
                                               size_t *cap,
                                               enum progress_change_kind kind,
                                               const struct progress_item *it)
{
	if (arena_grow(a, (void **)&p->changes, cap, p->nchanges + 1,
	               sizeof *p->changes) != 0) {
		*oom = 1;
		return NULL;
	}
	struct progress_change *c = &p->changes[p->nchanges++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->action = it->action;
	c->ref = it->ref;
	return c;
}

/* What changed between the versions, matched by reference (sorted, so the
 * cost stays n log n however long the plans). Reported in the later
 * version's order. */
static int progress_compare(struct progress *p, struct arena *a,
                            const struct progress_list *now)
{
	struct progress_list then = {NULL, 0, 0, a, 0};
	if (progress_items(&then, &p->before->u.plan) != 0)
		return -1;
	struct progress_item *old = then.v;
	qsort(old, then.n, sizeof *old, progress_by_key);
	size_t cap = 0;
	int oom = 0;
	for (size_t i = 0; i < now->n && !oom; i++) {
		const struct progress_item *it = &now->v[i];
		const struct plan_action *x = it->action;
		const struct progress_item *o =
		    then.n ? bsearch(it, old, then.n, sizeof *old,
		                     progress_by_key) : NULL;
		struct progress_change *c;
		if (o == NULL) {
			progress_change(p, a, &oom, &cap, CHANGE_NEW_ACTION, it);
			continue;
		}
		const struct plan_action *y = o->action;
		if (x->status != y->status &&
		    (c = progress_change(p, a, &oom, &cap, CHANGE_STATUS, it)))
			c->from = y->status;
		if (x->rag != y->rag &&
		    (c = progress_change(p, a, &oom, &cap, CHANGE_RAG, it)))
			c->rag_from = y->rag;
		for (const struct plan_milestone *m = x->milestones; m && !oom;
		     m = m->next) {
			if (m->status != STATUS_COMPLETE)
				continue;
			const struct plan_milestone *n = y->milestones;
			while (n && !oom && !progress_same_milestone(a, m, n, &oom))
				n = n->next;
			if ((n == NULL || n->status != STATUS_COMPLETE) &&
			    (c = progress_change(p, a, &oom, &cap,
			                         CHANGE_MILESTONE_DONE, it)))
				c->milestone = m;
		}
		for (const struct plan_update *u = x->updates; u; u = u->next) {
			const struct plan_update *w = y->updates;
			while (w && !progress_same_update(u, w))
				w = w->next;
			if (w == NULL &&
			    (c = progress_change(p, a, &oom, &cap,
			                         CHANGE_NEW_UPDATE, it)))
				c->update = u;
		}
		if (x->overdue && !y->overdue)
			progress_change(p, a, &oom, &cap, CHANGE_NEW_OVERDUE, it);
	}
	return oom ? -1 : 0;
}

struct document *report_progress(const struct document *plan,
                                 const struct document *before,
                                 const struct mdate *as_of,
                                 struct diag *d)
{
	struct arena *a = arena_new();
	struct document *rep = a ? arena_alloc(a, sizeof *rep) : NULL;
	if (rep == NULL)
		goto oom;
	rep->kind = DOCUMENT_PROGRESS;
	rep->arena = a;
	rep->id = arena_printf(a, "%s-progress", plan->id);
	rep->lang = plan->lang;
	rep->loc = plan->loc;
	rep->src = plan->src;
	struct progress *p = &rep->u.progress;
	p->plan = plan;
	p->before = before;
	if (as_of != NULL && as_of->valid)
		p->as_of = *as_of;
	p->title = arena_printf(a, "Progress: %s", plan->u.plan.title);
	p->subtitle = plan->u.plan.subtitle;
	size_t ngoals = 0;
	for (const struct plan_goal *g = plan->u.plan.goals; g; g = g->next)
		ngoals++;
	p->goals = arena_alloc(a, (ngoals ? ngoals : 1) * sizeof *p->goals);
	struct progress_list now = {NULL, 0, 0, a, 0};
	if (rep->id == NULL || p->title == NULL || p->goals == NULL ||
	    progress_items(&now, &plan->u.plan) != 0)
		goto oom;
	p->items = now.v;
	p->nitems = now.n;
	size_t late = 0;
	for (size_t i = 0; i < now.n; i++) {
		late += (size_t)now.v[i].action->overdue;
		for (const struct plan_milestone *m = now.v[i].action->milestones;
		     m; m = m->next)
			late += (size_t)m->overdue;
	}
	p->overdue = arena_alloc(a, (late ? late : 1) * sizeof *p->overdue);
	if (p->overdue == NULL)
		goto oom;
	for (const struct plan_goal *g = plan->u.plan.goals; g; g = g->next) {
		struct progress_count *c = &p->goals[p->ngoals++];
		c->goal = g;
		c->name = g->title ? g->title : g->ref ? g->ref : g->id;
	}
	p->total.name = "Whole plan";
	size_t gi = 0;
	for (size_t i = 0; i < now.n; i++) {
		while (p->goals[gi].goal != now.v[i].goal)
			gi++;
		progress_count(&p->goals[gi], now.v[i].action);
		progress_count(&p->total, now.v[i].action);
		if (now.v[i].action->overdue)
			p->overdue[p->noverdue++] = now.v[i];
		/* past-due milestones are overdue as actions are */
		for (const struct plan_milestone *m = now.v[i].action->milestones;
		     m; m = m->next)
			if (m->overdue) {
				p->overdue[p->noverdue] = now.v[i];
				p->overdue[p->noverdue++].milestone = m;
			}
	}
	if (before != NULL && progress_compare(p, a, &now) != 0)
		goto oom;
	/* its fingerprint covers both versions */
	struct sha256_ctx h;
	sha256_init(&h);
	sha256_update(&h, sizeof plan->src->sha256, plan->src->sha256);
	if (before != NULL)
		sha256_update(&h, sizeof before->src->sha256,
		              before->src->sha256);
	report_set_fingerprint(rep, &h);
	return rep;
oom:
	if (rep != NULL)
		document_free(rep);
	else
		arena_free(a);
	diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory while making the progress report");
	return NULL;
}
