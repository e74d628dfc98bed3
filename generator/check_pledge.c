/* check_pledge.c - the rules of pledge forms and signed pledges. */
#include "arena.h"
#include "check_int.h"
#include "diag.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct action_point *check_find_action_point(const struct pledge_form *f,
                                             const char *id, size_t len)
{
	return check_map_get(f->by_action_point, id, len);
}

/* "ap/step" to a step; *ap_out gets the action point if only it matched. */
static struct pledge_step *check_resolve_step(const struct pledge_form *f,
                                              const char *ref,
                                              struct action_point **ap_out)
{
	*ap_out = NULL;
	const char *slash = ref ? strchr(ref, '/') : NULL;
	if (slash == NULL)
		return NULL;
	*ap_out = check_find_action_point(f, ref, (size_t)(slash - ref));
	return check_map_get(f->by_step, ref, strlen(ref));
}

/* The step of action point a that once had id (formerly="..."). */
static struct pledge_step *check_renamed_step(const struct action_point *a,
                                              const char *id)
{
	for (struct pledge_step *s = a ? a->steps : NULL; s; s = s->next)
		if (pledge_step_was(s, id))
			return s;
	return NULL;
}

static const char *check_step_list(struct check_list *l,
                                   const struct action_point *a)
{
	for (struct pledge_step *s = a->steps; s; s = s->next)
		check_list_add(l, s->name);
	return check_list_text(l);
}

/* What a misspelt reference most likely means: with its action point
 * known, the nearest of its steps; else the nearest action point, with
 * the step when that action point has it. Written into buf; 0 if none
 * is near. */
static int check_step_near(const struct pledge_form *f,
                           const struct action_point *a, const char *ref,
                           char *buf, size_t size,
                           const struct action_point **meant)
{
	*meant = a;
	const char *slash = strchr(ref, '/');
	if (slash == NULL)
		return 0;
	const char *names[256];
	size_t n = 0;
	if (a != NULL) {
		for (const struct pledge_step *st = a->steps; st && n < 256;
		     st = st->next)
			names[n++] = st->id;
		const char *near = diag_nearest(slash + 1, names, n);
		if (near != NULL)
			snprintf(buf, size, "%s/%s", a->id, near);
		return near != NULL;
	}
	const struct action_point *aps[256];
	for (const struct pledge_group *g = f->groups; g; g = g->next)
		for (const struct action_point *p = g->action_points; p && n < 256;
		     p = p->next) {
			aps[n] = p;
			names[n++] = p->id;
		}
	char ap[128];
	snprintf(ap, sizeof ap, "%.*s", (int)(slash - ref), ref);
	const char *near = diag_nearest(ap, names, n);
	for (size_t i = 0; near && i < n; i++)
		if (names[i] == near) {
			int has = 0;
			for (const struct pledge_step *st = aps[i]->steps; st;
			     st = st->next)
				has |= strcmp(st->id, slash + 1) == 0;
			snprintf(buf, size, has ? "%s/%s" : "%s", near, slash + 1);
			*meant = aps[i];
			return 1;
		}
	return 0;
}

/* A deadline: a date, or a period as plans write them ("2027-06",
 * "Q1 2027/28", "spring 2027"); told as a date error when it is neither,
 * with the date it means when written as in a letter. */
static void check_deadline(struct check *c, struct mperiod *by)
{
	if (by->text == NULL)
		return;
	if (check_parse_period(by)) {
		by->valid = 1;
		return;
	}
	int y, m, d;
	if (check_parse_written_date(by->text, &y, &m, &d))
		check_letter_date(c, &by->loc, by->text, "the deadline", y, m, d);
	else
		CHECK_ERROR(c, &by->loc, "date",
		            "the deadline \"%s\" is not a valid date; write it "
		            "as YYYY-MM-DD, for example 2027-06-30, or as a "
		            "period (2027-06, Q1 2027/28, 2027/28)", by->text);
}

/* The defaults a form's own words leave: its sections' titles. */
static void check_form_defaults(struct pledge_form *f)
{
	if (f->actions_title == NULL)
		f->actions_title = "Action points";
	if (f->support_title == NULL)
		f->support_title = "Support";
	if (f->other_label == NULL)
		f->other_label = "Other";
	if (f->monitoring_title == NULL)
		f->monitoring_title = "Monitoring and reporting";
	if (f->report_due_label == NULL)
		f->report_due_label = "Progress report due by";
	if (f->contact_title == NULL)
		f->contact_title = "Contact information";
}

void check_form(struct check *c, struct document *doc)
{
	struct pledge_form *f = &doc->u.form;
	if (check_blank(f->title))
		CHECK_ERROR(c, &doc->loc, "form-title",
		            "the pledge form has no title; add <title> as its "
		            "first element");
	check_form_defaults(f);

	int number = 0;
	for (struct block *b = f->intro; b; b = b->next)
		if (b->kind == BLOCK_SECTION)
			b->number = ++number;
	f->actions_number = ++number;
	if (f->options || f->has_other)
		f->support_number = ++number;
	if (f->monitoring || f->has_report_due)
		f->monitoring_number = ++number;
	if (f->has_contact)
		f->contact_number = ++number;

	f->by_action_point = arena_alloc(doc->arena, sizeof *f->by_action_point);
	f->by_step = arena_alloc(doc->arena, sizeof *f->by_step);
	f->by_option = arena_alloc(doc->arena, sizeof *f->by_option);
	if (!f->by_action_point || !f->by_step || !f->by_option) {
		CHECK_ERROR(c, &doc->loc, "out-of-memory", "out of memory");
		return;
	}
	check_map_init(f->by_action_point, doc->arena, &c->oom);
	check_map_init(f->by_step, doc->arena, &c->oom);
	check_map_init(f->by_option, doc->arena, &c->oom);

	size_t ordinal = 0;
	for (struct pledge_group *g = f->groups; g; g = g->next) {
		if (check_blank(g->title))
			CHECK_ERROR(c, &g->loc, "group-title",
			            "this group of action points has no title");
		for (struct action_point *a = g->action_points; a; a = a->next) {
			check_id(c, a->id, &a->loc, "action point");
			if (check_blank(a->title))
				CHECK_ERROR(c, &a->loc, "action-point-title",
				            "action point \"%s\" has no title",
				            a->id);
			struct action_point *first = check_map_add(
			    f->by_action_point, a->id, strlen(a->id), a);
			if (first != NULL) {
				CHECK_ERROR(c, &a->loc, "duplicate-id",
				            "action point id \"%s\" is used twice"
				            " in this form", a->id);
				CHECK_NOTE(c, &first->loc,
				           "\"%s\" was first defined here", a->id);
			}
			for (struct pledge_step *s = a->steps; s; s = s->next) {
				s->ordinal = ordinal++;
				check_id(c, s->id, &s->loc, "step");
				/* a duplicate action point was reported; its
				 * steps' names would only repeat that */
				struct pledge_step *fs = first ? NULL :
				    check_map_add(f->by_step, s->name,
				                  strlen(s->name), s);
				if (fs != NULL) {
					CHECK_ERROR(c, &s->loc, "duplicate-id",
					            "step id \"%s\" is used twice"
					            " in action point \"%s\"",
					            s->id, a->id);
					CHECK_NOTE(c, &fs->loc,
					           "\"%s\" was first defined here",
					           s->name);
				}
			}
		}
	}
	f->nsteps = ordinal;

	/* Reused steps: resolved after every step is numbered. */
	for (struct pledge_group *g = f->groups; g; g = g->next)
		for (struct action_point *a = g->action_points; a; a = a->next)
			for (struct pledge_step *s = a->steps; s; s = s->next) {
				if (s->same_as == NULL) {
					if (s->text == NULL)
						CHECK_ERROR(c, &s->loc, "step-text",
						            "step \"%s\" has no text;"
						            " write its text, or reuse"
						            " another step's with "
						            "same-as=\"ACTION-POINT/"
						            "STEP\"", s->name);
					continue;
				}
				if (s->text != NULL) {
					CHECK_ERROR(c, &s->loc, "step-text",
					            "step \"%s\" has both text and"
					            " same-as; keep one", s->name);
					continue;
				}
				struct action_point *ta;
				struct pledge_step *t = check_resolve_step(
				    f, s->same_as, &ta);
				if (t == NULL) {
					CHECK_ERROR(c, &s->same_as_loc,
					            "step-reference",
					            "same-as=\"%s\" names no step of"
					            " this form; write it as "
					            "ACTION-POINT/STEP", s->same_as);
				} else if (t->same_as != NULL || t->text == NULL) {
					CHECK_ERROR(c, &s->same_as_loc,
					            "step-reference",
					            "same-as=\"%s\" names a step that "
					            "has no text of its own; point at"
					            " the step that has the text",
					            s->same_as);
				} else {
					s->original = t;
					s->text = t->text;
				}
			}

	size_t nopt = 0;
	for (struct support_option *o = f->options; o; o = o->next) {
		o->ordinal = nopt++;
		check_id(c, o->id, &o->loc, "support option");
		struct support_option *first = check_map_add(
		    f->by_option, o->id, strlen(o->id), o);
		if (first != NULL) {
			CHECK_ERROR(c, &o->loc, "duplicate-id",
			            "support option id \"%s\" is used twice in "
			            "this form", o->id);
			CHECK_NOTE(c, &first->loc, "\"%s\" was first defined "
			           "here", o->id);
		}
	}
	f->noptions = nopt;
}

/* ---------------------------------------------------------------- */
/* signed pledges                                                    */

/* The version of form id a pledge was signed on: the form as it is now,
 * or a kept version (form-versions/ID/VERSION.xml). */
static struct document *check_form_version(struct check *c,
                                           struct document *doc,
                                           struct document *now)
{
	struct pledge *p = &doc->u.pledge;
	const char *v = p->form_version;
	if (v == NULL) {
		/* before a form's versions are kept, a pledge follows it */
		if (!now->u.form.has_kept)
			return now;
		CHECK_WARN(c, &p->form_loc, "form-version",
		           "the pledge does not say which version of the form "
		           "it was signed on; add form-version=\"%s\" (the "
		           "version of \"%s\" now) so that editing the form "
		           "never changes what this pledge says",
		           now->u.form.version, now->id);
		return now;
	}
	if (strcmp(v, now->u.form.version) == 0)
		return now;
	for (size_t i = 0; i < c->ndocs; i++) {
		struct document *k = c->docs[i];
		if (k->kind == DOCUMENT_PLEDGE_FORM && k->u.form.kept &&
		    k->id && strcmp(k->id, now->id) == 0 &&
		    strcmp(k->u.form.version, v) == 0) {
			CHECK_WARN(c, &p->form_version_loc, "older-form-version",
			           "signed on an earlier version of \"%s\" (%s, "
			           "kept in %s); it prints the words that were "
			           "signed, not those of the form now (%s)",
			           now->id, v, k->src->path, now->u.form.version);
			return k;
		}
	}
	/* its kept file, edited, has been said to be (one message) */
	char kept[32];
	snprintf(kept, sizeof kept, "/%.12s.xml", v);
	for (size_t i = 0; i < c->ndocs; i++) {
		const struct document *k = c->docs[i];
		size_t pl = k->src ? strlen(k->src->path) : 0;
		if (k->kind == DOCUMENT_PLEDGE_FORM && k->u.form.kept &&
		    pl >= strlen(kept) &&
		    strcmp(k->src->path + pl - strlen(kept), kept) == 0)
			return NULL;
	}
	CHECK_ERROR(c, &p->form_version_loc, "form-version",
	            "signed on version %s of \"%s\", which is neither the "
	            "form now (%s) nor a kept version: keep the form as it "
	            "was signed in form-versions/%s/%s.xml beside %s "
	            "(mishto keep-form writes it)", v, now->id,
	            now->u.form.version, now->id, v, now->src->path);
	return NULL;
}

static void check_pledge_links(struct check *c, struct document *doc)
{
	struct pledge *p = &doc->u.pledge;
	struct document *now = check_find_form(c, p->form_ref, &p->form_loc);
	if (now == NULL)
		return;
	struct document *fd = check_form_version(c, doc, now);
	if (fd == NULL)
		return;
	p->form = fd;
	struct pledge_form *f = &fd->u.form;
	struct arena *ar = doc->arena;
	p->commit_for_step = arena_alloc(ar, (f->nsteps + 1) *
	                                 sizeof *p->commit_for_step);
	p->option_chosen = arena_alloc(ar, (f->noptions + 1) *
	                               sizeof *p->option_chosen);
	if (p->commit_for_step == NULL || p->option_chosen == NULL) {
		CHECK_ERROR(c, &doc->loc, "out-of-memory", "out of memory");
		return;
	}

#define CHECK_MEANT 64
	const struct action_point *meant_aps[CHECK_MEANT];
	size_t nmeant = 0;
	for (struct pledge_commit *k = p->commits; k; k = k->next) {
		struct action_point *a;
		struct pledge_step *s = check_resolve_step(f, k->step_ref, &a);
		const char *id = k->step_ref ? strchr(k->step_ref, '/') : NULL;
		if (s == NULL && a != NULL &&
		    (s = check_renamed_step(a, id + 1)) != NULL)
			CHECK_WARN(c, &k->step_loc, "step-renamed",
			           "step \"%s\" has been renamed \"%s\"; this "
			           "commitment is to that step (write step=\"%s\")",
			           k->step_ref, s->name, s->name);
		if (s == NULL) {
			char nearbuf[256];
			const struct action_point *meant = a;
			const char *near = k->step_ref &&
			                   check_step_near(f, a, k->step_ref, nearbuf,
			                                   sizeof nearbuf, &meant)
			                   ? nearbuf : NULL;
			/* the action point it meant is not also told it has
			 * no commitment: one mistake, one message */
			if (meant != NULL && nmeant < CHECK_MEANT)
				meant_aps[nmeant++] = meant;
			if (a != NULL && near != NULL) {
				CHECK_ERROR(c, &k->step_loc, "step-reference",
				            "action point \"%s\" has no step "
				            "\"%s\"; did you mean \"%s\"?", a->id,
				            strchr(k->step_ref, '/') + 1, near);
			} else if (a != NULL) {
				struct check_list l = {0};
				CHECK_ERROR(c, &k->step_loc, "step-reference",
				            "action point \"%s\" has no step "
				            "\"%s\"; its steps are: %s", a->id,
				            strchr(k->step_ref, '/') + 1,
				            check_step_list(&l, a));
			} else if (id != NULL && near != NULL) {
				CHECK_ERROR(c, &k->step_loc, "step-reference",
				            "form \"%s\" has no action point "
				            "\"%.*s\"; did you mean \"%s\"?", fd->id,
				            (int)(id - k->step_ref), k->step_ref, near);
			} else if (id != NULL) {
				CHECK_ERROR(c, &k->step_loc, "step-reference",
				            "form \"%s\" has no action point "
				            "\"%.*s\" (%s lists its action points)",
				            fd->id, (int)(id - k->step_ref),
				            k->step_ref, fd->loc.file);
			} else {
				CHECK_ERROR(c, &k->step_loc, "step-reference",
				            "\"%s\" names no step of form \"%s\";"
				            " write it as ACTION-POINT/STEP",
				            k->step_ref, fd->id);
			}
			continue;
		}
		k->step = s;
		struct pledge_commit *prev = p->commit_for_step[s->ordinal];
		if (prev != NULL) {
			CHECK_ERROR(c, &k->loc, "duplicate-commit",
			            "step \"%s\" is committed twice; keep one "
			            "<commit>", s->name);
			CHECK_NOTE(c, &prev->loc, "first committed here");
			continue;
		}
		p->commit_for_step[s->ordinal] = k;
		/* a period ends before signing: "2026" signed in 2027 */
		if (k->by.valid && k->by.last.valid && p->signed_on.valid &&
		    check_days(&k->by.last) < check_days(&p->signed_on))
			CHECK_ERROR(c, &k->by.loc, "deadline-before-signing",
			            "the deadline %s for step \"%s\" is before "
			            "the pledge was signed (%s)", k->by.text,
			            s->name, p->signed_on.text);
	}

	size_t uncommitted = 0;
	for (struct pledge_group *g = f->groups; g; g = g->next)
		for (struct action_point *a = g->action_points; a; a = a->next) {
			int any = 0;
			for (struct pledge_step *s = a->steps; s; s = s->next)
				any |= p->commit_for_step[s->ordinal] != NULL;
			for (size_t i = 0; i < nmeant && !any; i++)
				any = meant_aps[i] == a;
			if (any)
				continue;
			struct check_list l = {0};
			uncommitted++;
			if (p->incomplete)
				CHECK_WARN(c, &doc->loc, "incomplete-pledge",
				           "action point \"%s\" (%s) was left "
				           "blank; the pledge is recorded as "
				           "incomplete", a->id, a->title);
			else
				CHECK_ERROR(c, &doc->loc,
				            "action-point-uncommitted",
				            "action point \"%s\" (%s) has no "
				            "committed step; commit to at least one "
				            "of: %s, or mark a return left blank "
				            "there status=\"incomplete\"", a->id,
				            a->title, check_step_list(&l, a));
			CHECK_NOTE(c, &a->loc, "action point \"%s\" is defined"
			           " here", a->id);
		}
	if (p->incomplete && uncommitted == 0)
		CHECK_WARN(c, &doc->loc, "incomplete-pledge",
		           "the pledge says it is incomplete "
		           "(status=\"incomplete\") but commits to every "
		           "action point; remove status=\"incomplete\"");

	for (struct pledge_support *s = p->supports; s; s = s->next) {
		struct support_option *o = check_map_get(
		    f->by_option, s->option_ref, strlen(s->option_ref));
		if (o == NULL) {
			struct check_list l = {0};
			for (o = f->options; o; o = o->next)
				check_list_add(&l, o->id);
			CHECK_ERROR(c, &s->option_loc, "option-reference",
			            "form \"%s\" has no support option \"%s\"; "
			            "its options are: %s", fd->id, s->option_ref,
			            check_list_text(&l));
			continue;
		}
		s->option = o;
		if (p->option_chosen[o->ordinal]) {
			CHECK_ERROR(c, &s->loc, "duplicate-support",
			            "support option \"%s\" is asked for twice",
			            o->id);
			continue;
		}
		p->option_chosen[o->ordinal] = 1;
	}
	if (p->support_other != NULL && !f->has_other)
		CHECK_ERROR(c, &p->support_other_loc, "support-other",
		            "form \"%s\" has no \"other support\" line; remove"
		            " <support-other>", fd->id);
}

static void check_pledge_values(struct check *c, struct document *doc)
{
	struct pledge *p = &doc->u.pledge;
	if (check_blank(p->authority))
		CHECK_ERROR(c, &p->authority_loc, "authority",
		            "the pledge does not name its authority; set "
		            "authority=\"...\" to the council's name");
	check_date(c, &p->signed_on, "the signing date");
	check_date(c, &p->report_due, "the progress report date");
	for (struct pledge_commit *k = p->commits; k; k = k->next)
		check_deadline(c, &k->by);

	if (p->report_due.text == NULL) {
		CHECK_WARN(c, &doc->loc, "report-due",
		           "the pledge has no <report-due> date for its "
		           "progress report");
	} else if (p->report_due.valid && p->signed_on.valid) {
		long days = check_days(&p->report_due) -
		            check_days(&p->signed_on);
		struct mdate limit = p->signed_on;
		limit.y += (limit.m + 13 - 1) / 12;
		limit.m = (limit.m + 13 - 1) % 12 + 1;
		int last = check_month_days(limit.y, limit.m);
		if (limit.d > last)
			limit.d = last;
		if (days <= 0)
			CHECK_ERROR(c, &p->report_due.loc,
			            "report-due-before-signing",
			            "the progress report is due on %s, which is "
			            "not after the signing date %s",
			            p->report_due.text, p->signed_on.text);
		else if (check_days(&p->report_due) > check_days(&limit))
			CHECK_WARN(c, &p->report_due.loc, "report-due-late",
			           "the progress report is due on %s, more than"
			           " 13 months after signing (%s); the campaign "
			           "asks for a report at least once a year",
			           p->report_due.text, p->signed_on.text);
	}

	if (!p->has_contact) {
		CHECK_WARN(c, &doc->loc, "contact",
		           "the pledge has no <contact>; the campaign needs "
		           "someone to write to");
	} else {
		struct pledge_contact *k = &p->contact;
		if (k->email != NULL && !check_match(c, c->re->email, k->email))
			CHECK_ERROR(c, &k->email_loc, "email",
			            "\"%s\" is not an email address; write it "
			            "as name@example.org", k->email);
		if (k->phone != NULL && !check_match(c, c->re->phone, k->phone))
			CHECK_ERROR(c, &k->phone_loc, "phone",
			            "\"%s\" is not a UK phone number; write 0 or"
			            " +44 followed by 9 or 10 digits, for example"
			            " 0113 496 0000", k->phone);
		if (check_blank(k->name))
			CHECK_WARN(c, &k->loc, "contact",
			           "the contact has no name");
	}
}

/* ---------------------------------------------------------------- */

void check_pledge(struct check *c, struct document *doc)
{
	check_pledge_values(c, doc);
	check_pledge_links(c, doc);
}
