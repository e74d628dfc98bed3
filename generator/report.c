/* report.c - the signatories register, and its CSV. */
#include "report.h"
#include "arena.h"
#include "diag.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The register's fingerprint covers the form and every pledge in it, in
 * the register's order, so it changes when any of them does. */
static void report_fingerprint(struct document *rep)
{
	const struct signatories *s = &rep->u.signatories;
	unsigned char digest[32];
	struct sha256_ctx h;
	sha256_init(&h);
	sha256_update(&h, sizeof s->form->src->sha256, s->form->src->sha256);
	for (size_t i = 0; i < s->n; i++)
		sha256_update(&h, sizeof s->v[i].pledge->src->sha256,
		              s->v[i].pledge->src->sha256);
	sha256_digest(&h, sizeof digest, digest);
	memcpy(rep->fingerprint, "sha256:", 7);
	for (int i = 0; i < 6; i++)
		snprintf(rep->fingerprint + 7 + 2 * i, 3, "%02x", digest[i]);
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
		if (form != NULL && f != form) {
			diag_report(d, DIAG_ERROR, &doc->loc, "report-form",
			            "this pledge signs the form \"%s\", the "
			            "others \"%s\"; a register covers one form:"
			            " make one per form", f->id, form->id);
			return NULL;
		}
		form = f;
		count++;
	}
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
	for (const struct pledge_group *g = form->u.form.groups; g; g = g->next)
		for (const struct action_point *ap = g->action_points; ap;
		     ap = ap->next)
			for (const struct pledge_step *st = ap->steps; st;
			     st = st->next) {
				struct step_tally *t = &s->tally[s->ntally++];
				t->action_point = ap;
				t->step = st;
				for (size_t i = 0; i < s->n; i++)
					t->count += s->v[i].pledge->u.pledge
					                .commit_for_step[st->ordinal]
					            != NULL;
				if (t->count > s->max_count)
					s->max_count = t->count;
			}
	report_fingerprint(rep);
	return rep;
}

/* ---- CSV ---- */

struct report_buf {
	char *b;
	size_t len, cap;
	int oom;
};

static void report_put(struct report_buf *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->cap - o->len < n + 1) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap - o->len < n + 1)
			cap *= 2;
		char *b = realloc(o->b, cap);
		if (b == NULL) {
			o->oom = 1;
			return;
		}
		o->b = b;
		o->cap = cap;
	}
	memcpy(o->b + o->len, s, n);
	o->len += n;
	o->b[o->len] = '\0';
}

/* One field, quoted when it must be (RFC 4180 section 2). */
static void report_field(struct report_buf *o, const char *s, int last)
{
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") != NULL) {
		report_put(o, "\"", 1);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				report_put(o, "\"", 1);   /* doubled */
			report_put(o, p, 1);
		}
		report_put(o, "\"", 1);
	} else {
		report_put(o, s, strlen(s));
	}
	report_put(o, last ? "\r\n" : ",", last ? 2 : 1);
}

static void report_date_field(struct report_buf *o, const struct mdate *m,
                              int last)
{
	char buf[16] = "";
	if (m->text != NULL && m->valid)
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", m->y % 10000,
		         m->m % 100, m->d % 100);
	report_field(o, m->text != NULL && !m->valid ? m->text : buf, last);
}

/* One row: a signatory and one step it committed to (t NULL: none). */
static void report_row(struct report_buf *o, const struct pledge *p,
                       const char *overdue, const struct step_tally *t,
                       const struct pledge_commit *c, const char *support)
{
	report_field(o, p->authority, 0);
	report_date_field(o, &p->signed_on, 0);
	report_date_field(o, &p->report_due, 0);
	report_field(o, overdue, 0);
	report_field(o, t ? t->action_point->id : "", 0);
	report_field(o, t ? t->step->id : "", 0);
	if (c != NULL)
		report_date_field(o, &c->by, 0);
	else
		report_field(o, "", 0);
	report_field(o, support, 0);
	report_field(o, p->has_contact ? p->contact.name : "", 0);
	report_field(o, p->has_contact ? p->contact.email : "", 0);
	report_field(o, p->has_contact ? p->contact.phone : "", 1);
}

int report_csv(const struct document *rep, char **out, size_t *len)
{
	const struct signatories *s = &rep->u.signatories;
	struct report_buf o = {0};
	static const char *const head[] = {
	    "authority", "signed", "report_due", "report_overdue",
	    "action_point", "step", "deadline", "support", "contact_name",
	    "contact_email", "contact_phone"};
	size_t ncols = sizeof head / sizeof *head;
	for (size_t i = 0; i < ncols; i++)
		report_field(&o, head[i], i + 1 == ncols);
	for (size_t i = 0; i < s->n; i++) {
		const struct pledge *p = &s->v[i].pledge->u.pledge;
		/* support chosen, as option ids, then any words of its own */
		struct report_buf sup = {0};
		report_put(&sup, "", 0);
		for (const struct pledge_support *u = p->supports; u;
		     u = u->next) {
			if (sup.len)
				report_put(&sup, "; ", 2);
			report_put(&sup, u->option_ref, strlen(u->option_ref));
		}
		if (p->support_other) {
			if (sup.len)
				report_put(&sup, "; ", 2);
			report_put(&sup, p->support_other,
			           strlen(p->support_other));
		}
		o.oom |= sup.oom;
		const char *overdue = !s->as_of.valid || !p->report_due.text
		                      ? "" : s->v[i].report_overdue ? "yes"
		                                                    : "no";
		size_t rows = 0;
		for (size_t t = 0; t < s->ntally && !sup.oom; t++) {
			const struct pledge_commit *c =
			    p->commit_for_step[s->tally[t].step->ordinal];
			if (c == NULL)
				continue;
			report_row(&o, p, overdue, &s->tally[t], c, sup.b);
			rows++;
		}
		if (rows == 0 && !sup.oom)
			report_row(&o, p, overdue, NULL, NULL, sup.b);
		free(sup.b);
	}
	if (o.oom) {
		free(o.b);
		return -1;
	}
	*out = o.b;
	*len = o.len;
	return 0;
}
