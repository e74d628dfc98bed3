/* lower_report.c - the reports: the register of signatories (a summary
 * with a bar chart of the steps committed to, the counts as a table, the
 * list of signatories, and rows for the CSV) and a plan's progress report
 * (a stacked bar per goal, counts by status and by RAG, what changed,
 * overdue actions, each action's latest update). */
#include "lower_int.h"
#include "arena.h"

#include <stdio.h>

enum {
	RW_SUMMARY, RW_SIGNATORIES, RW_PROGRESS,
	RW_AP, RW_STEP, RW_COUNT_HEAD,
	RW_AUTHORITY, RW_SIGNED, RW_STEPS, RW_SUPPORT, RW_REPORT_DUE,
	RW_OVERDUE,
	RW_GOAL, RW_ACTIONS, RW_COMPLETE, RW_IN_PROGRESS, RW_NOT_STARTED,
	RW_BLOCKED, RW_NO_STATUS,
	RW_GOAL2, RW_RED, RW_AMBER, RW_GREEN, RW_NO_RAG,
	RW_REF, RW_ACTION, RW_DUE, RW_LEAD, RW_STATUS,
	RW_REF2, RW_ACTION2, RW_STATUS2, RW_LATEST,
	RW_CHANGED, RW_OVERDUE_HEAD, RW_LATEST_HEAD, RW_NO_UPDATE,
	RW_NOTHING_CHANGED, RW_NONE_OVERDUE, RW_MILESTONE, RW_INCOMPLETE,
	RW_COUNT
};

static const struct lower_word report_words[RW_COUNT] = {
	[RW_SUMMARY] = {"label.summary", "Summary"},
	[RW_INCOMPLETE] = {"label.incomplete", "Incomplete return"},
	[RW_SIGNATORIES] = {"label.signatories", "Signatories"},
	[RW_PROGRESS] = {"label.progress", "Progress"},
	[RW_AP] = {"label.action-point", "Action point"},
	[RW_STEP] = {"label.step", "Step"},
	[RW_COUNT_HEAD] = {"label.count", "Count"},
	[RW_AUTHORITY] = {"label.authority", "Authority"},
	[RW_SIGNED] = {"label.signed", "Signed"},
	[RW_STEPS] = {"label.steps", "Steps committed to"},
	[RW_SUPPORT] = {"label.support", "Support asked for"},
	[RW_REPORT_DUE] = {"label.report-due", "Report due"},
	[RW_OVERDUE] = {"label.overdue", "Overdue"},
	[RW_GOAL] = {"label.goal", "Goal"},
	[RW_ACTIONS] = {"label.actions", "Actions"},
	[RW_COMPLETE] = {"label.status.complete", "Complete"},
	[RW_IN_PROGRESS] = {"label.status.in-progress", "In progress"},
	[RW_NOT_STARTED] = {"label.status.not-started", "Not started"},
	[RW_BLOCKED] = {"label.status.blocked", "Blocked"},
	[RW_NO_STATUS] = {"label.status.none", "No status"},
	[RW_GOAL2] = {"label.goal", "Goal"},
	[RW_RED] = {"label.rag.red", "Red"},
	[RW_AMBER] = {"label.rag.amber", "Amber"},
	[RW_GREEN] = {"label.rag.green", "Green"},
	[RW_NO_RAG] = {"label.rag.none", "No RAG"},
	[RW_REF] = {"label.ref", "Ref"},
	[RW_ACTION] = {"label.action", "Action"},
	[RW_DUE] = {"label.due", "Due"},
	[RW_LEAD] = {"label.lead", "Lead"},
	[RW_STATUS] = {"label.status", "Status"},
	[RW_REF2] = {"label.ref", "Ref"},
	[RW_ACTION2] = {"label.action", "Action"},
	[RW_STATUS2] = {"label.status", "Status"},
	[RW_LATEST] = {"label.latest", "Latest update"},
	[RW_CHANGED] = {"label.changed", "What changed"},
	[RW_OVERDUE_HEAD] = {"label.overdue", "Overdue"},
	[RW_LATEST_HEAD] = {"label.latest-each",
	                    "Latest update of each action"},
	[RW_NO_UPDATE] = {"label.no-update", "No update yet."},
	[RW_NOTHING_CHANGED] = {"label.nothing-changed", "Nothing changed."},
	[RW_NONE_OVERDUE] = {"label.none-overdue", "No action is overdue."},
	[RW_MILESTONE] = {"label.milestone", "Milestone: "},
};

static const double tally_columns[] = {0.3, 0.58, 0.12};
static const double status_columns[] = {0.31, 0.09, 0.12, 0.12, 0.12, 0.12,
                                        0.12};
static const double rag_columns[] = {0.4, 0.15, 0.15, 0.15, 0.15};
static const double overdue_columns[] = {0.1, 0.5, 0.14, 0.14, 0.12};
static const double latest_columns[] = {0.1, 0.38, 0.12, 0.4};

static void report_meta(struct lower *L, const char *title,
                        const char *subtitle, int right)
{
	lower_text(L, lower_meta(L, PR_META_TITLE), title, NULL, NULL, 0);
	if (subtitle)
		lower_text(L, lower_meta(L, PR_META_SUBJECT), subtitle, NULL,
		           NULL, 0);
	lower_text(L, lower_meta(L, PR_META_HEAD_LEFT), title, NULL, NULL, 0);
	lower_word(L, lower_meta(L, PR_META_HEAD_RIGHT), &report_words[right],
	           LOWER_OWN);
	lower_furniture(L, NULL, NULL, NULL, LOWER_OWN);
	lower_header(L, title, NULL, 0, subtitle, NULL, 0);
}

static struct pt_node *report_section(struct lower *L, const char *id,
                                      int word)
{
	return lower_section(L, L->root, id, 0, report_words[word].text,
	                     report_words[word].key, LOWER_OWN, NULL);
}

static struct pt_node *report_para(struct lower *L, struct pt_node *parent,
                                   enum pt_role role)
{
	struct pt_node *p = lower_add(L, parent, PT_PARAGRAPH, NULL);
	if (p != NULL)
		p->role = role;
	return p;
}

/* ---- the register ---- */

static void report_tally(struct lower *L, struct pt_node *s,
                         const struct signatories *sg)
{
	struct pt_node *ch = lower_add(L, s, PT_CHART, NULL);
	struct pt_more *x = lower_more(L, ch);
	if (x == NULL)
		return;
	x->max_value = sg->max_count;
	x->nvalues = 1;
	struct pt_node *t = lower_add(L, ch, PT_TERM, NULL);
	lower_textf(L, t, "Signatories committed to each step, of %zu",
	            sg->n);
	size_t nth = 0;
	for (size_t i = 0; i < sg->ntally; i++) {
		struct pt_node *bar = lower_add(L, ch, PT_BAR, NULL);
		size_t *v = arena_alloc(L->a, sizeof *v);
		struct pt_more *bx = lower_more(L, bar);
		if (bx == NULL || v == NULL) {
			L->oom = 1;
			return;
		}
		*v = sg->tally[i].count;
		bx->values = v;
		bx->nvalues = 1;
		/* named as a reader finds it: the action point's title and
		 * the step's place in it (the table below has its words) */
		nth = i > 0 && sg->tally[i - 1].action_point ==
		                   sg->tally[i].action_point ? nth + 1 : 1;
		lower_textf(L, lower_add(L, bar, PT_TERM, NULL),
		            "%s, step %zu", sg->tally[i].action_point->title, nth);
	}
	struct pt_node *cap = report_para(L, ch, PR_NONE);
	lower_text(L, cap, "How many signatories committed to each step of "
	           "the form (the table below gives the same counts).", NULL,
	           NULL, 0);

	struct pt_node *tb = lower_table(L, s, "tally", &report_words[RW_AP], 3,
	                                 tally_columns, LOWER_OWN);
	struct pt_node *body = lower_add(L, tb, PT_ROW_GROUP, NULL);
	if (body == NULL)
		return;
	tb->keep_rows = 1;
	for (size_t i = 0; i < sg->ntally && !L->oom; i++) {
		const struct step_tally *k = &sg->tally[i];
		struct pt_node *row = lower_row(L, body, NULL);
		if (i == 0 || sg->tally[i - 1].action_point != k->action_point) {
			struct pt_node *h = lower_head_cell(L, row, 0);
			if (h == NULL)
				return;
			size_t n = 0;
			for (size_t j = i; j < sg->ntally &&
			     sg->tally[j].action_point == k->action_point; j++)
				n++;
			h->rowspan = (unsigned char)(n < 255 ? n : 255);
			lower_text(L, h, k->action_point->title, NULL, NULL, 0);
		}
		lower_inlines(L, lower_cell(L, row, 1), k->step->text, NULL,
		              LOWER_OWN, NULL);
		struct pt_node *c = lower_cell(L, row, 2);
		if (c != NULL)
			c->cls = "count";
		lower_textf(L, c, "%zu", k->count);
	}
}

static void report_signatory_rows(struct lower *L, struct pt_node *s,
                                  const struct signatories *sg)
{
	struct pt_node *tb = lower_table(L, s, "signatories",
	                                 &report_words[RW_AUTHORITY], 5,
	                                 NULL, LOWER_OWN);
	if (tb != NULL)
		tb->fit = 1;
	struct pt_node *body = lower_add(L, tb, PT_ROW_GROUP, NULL);
	if (body == NULL)
		return;
	tb->keep_rows = 1;
	for (size_t i = 0; i < sg->n && !L->oom; i++) {
		const struct pledge *p = &sg->v[i].pledge->u.pledge;
		struct pt_node *row = lower_row(L, body, NULL);
		struct pt_node *h = lower_head_cell(L, row, 0);
		if (h == NULL)
			return;
		row->bookmark = 1;
		h->field = "the authority";
		lower_text(L, h, p->authority, &p->authority_loc, NULL, 0);
		/* a return with an action point left blank is never shown
		 * as a complete pledge */
		if (p->incomplete) {
			lower_add(L, h, PT_BREAK, NULL);
			lower_label(L, h, PR_AMBER, "incomplete",
			            &report_words[RW_INCOMPLETE]);
		}
		lower_date(L, lower_cell(L, row, 1), &p->signed_on);
		/* per action point, its title and group, then the steps
		 * committed to in their own words, each with its deadline */
		struct pt_node *c = lower_cell(L, row, 2);
		const struct action_point *ap = NULL;
		struct pt_node *steps = NULL;
		for (size_t t = 0; t < sg->ntally && c; t++) {
			const struct step_tally *k = &sg->tally[t];
			const struct pledge_commit *cm =
			    sg->v[i].commits[k->step->ordinal];
			if (cm == NULL)
				continue;
			if (k->action_point != ap) {
				ap = k->action_point;
				struct pt_node *h = lower_add(L, c, PT_PARAGRAPH,
				                              &ap->loc);
				struct pt_node *b = lower_add(L, h, PT_STRONG,
				                              &ap->loc);
				if (b == NULL)
					return;
				h->bare = 1;
				lower_text(L, b, ap->title, &ap->loc, NULL, 0);
				if (ap->group && ap->group->title)
					lower_textf(L, h, " (%s)", ap->group->title);
				steps = lower_add(L, c, PT_LIST, &ap->loc);
				if (steps != NULL)
					steps->list = PL_BULLET;
			}
			struct pt_node *it = lower_add(L, steps, PT_ITEM, &cm->loc);
			/* the words it signed, which an earlier version of
			 * the form may have put otherwise */
			lower_inlines(L, it, cm->step->text, NULL, LOWER_OWN,
			              NULL);
			if (cm->by.text) {
				lower_text(L, it, " (by ", NULL, NULL, 0);
				lower_period(L, it, &cm->by);
				lower_text(L, it, ")", NULL, NULL, 0);
			}
		}
		c = lower_cell(L, row, 3);
		int any = 0;
		for (const struct pledge_support *u = p->supports; u && c;
		     u = u->next)
			if (u->option) {
				if (any++)
					lower_add(L, c, PT_BREAK, NULL);
				lower_inlines(L, c, u->option->text, NULL,
				              LOWER_OWN, NULL);
			}
		if (p->support_other && c) {
			if (any)
				lower_add(L, c, PT_BREAK, NULL);
			struct pt_node *e = lower_add(L, c, PT_EMPH,
			                              &p->support_other_loc);
			if (e != NULL)
				e->field = "the other support asked for";
			lower_text(L, e, p->support_other,
			           &p->support_other_loc, NULL, 0);
		}
		c = lower_cell(L, row, 4);
		if (c == NULL)
			return;
		if (p->report_due.text)
			lower_date(L, c, &p->report_due);
		if (sg->v[i].report_overdue) {
			if (c->first)
				lower_text(L, c, " ", NULL, NULL, 0);
			lower_label(L, c, PR_RED, "overdue",
			            &report_words[RW_OVERDUE]);
		}
	}
}

/* The rows of the CSV: a header, then a row per signatory and step
 * committed to (a row with an empty step for one who committed to none).
 * Contact details are private: the public edition leaves them empty. */
static void report_csv_cell(struct lower *L, struct pt_node *row,
                            const char *text, const struct loc *loc,
                            int private_data)
{
	struct pt_node *c = lower_add(L, row, PT_CELL, loc);
	if (c == NULL)
		return;
	c->private_data = private_data ? PP_CONTACT : PP_NONE;
	if (text != NULL && text[0])
		lower_text(L, c, text, loc, NULL, 0);
}

static const char *report_iso(struct lower *L, const struct mdate *m)
{
	if (m->text == NULL)
		return "";
	if (!m->valid)
		return m->text;
	return lower_str(L, arena_printf(L->a, "%04d-%02d-%02d", m->y % 10000,
	                                 m->m % 100, m->d % 100));
}

/* A deadline for machines: a date as YYYY-MM-DD, a period as written. */
static const char *report_period_iso(struct lower *L, const struct mperiod *p)
{
	if (p->valid && p->kind == PERIOD_DATE)
		return lower_str(L, arena_printf(
		    L->a, "%04d-%02d-%02d", p->first.y % 10000,
		    p->first.m % 100, p->first.d % 100));
	return p->text ? p->text : "";
}

static void report_csv_row(struct lower *L, struct pt_node *data,
                           const struct pledge *p, const char *overdue,
                           const struct step_tally *t,
                           const struct pledge_commit *c)
{
	struct pt_node *row = lower_add(L, data, PT_ROW, NULL);
	if (row == NULL)
		return;
	report_csv_cell(L, row, p->authority, &p->authority_loc, 0);
	report_csv_cell(L, row, report_iso(L, &p->signed_on), NULL, 0);
	report_csv_cell(L, row, report_iso(L, &p->report_due), NULL, 0);
	report_csv_cell(L, row, overdue, NULL, 0);
	report_csv_cell(L, row, t ? t->action_point->id : "", NULL, 0);
	report_csv_cell(L, row, t ? t->step->id : "", NULL, 0);
	report_csv_cell(L, row, c ? report_period_iso(L, &c->by) : "", NULL, 0);
	/* the options asked for, then any words of its own, by "; " */
	struct pt_node *s = lower_add(L, row, PT_CELL, NULL);
	const char *sep = "";
	for (const struct pledge_support *u = p->supports; u && s;
	     u = u->next) {
		lower_textf(L, s, "%s%s", sep, u->option_ref);
		sep = "; ";
	}
	if (p->support_other && s) {
		lower_text(L, s, sep, NULL, NULL, 0);
		lower_text(L, s, p->support_other, &p->support_other_loc, NULL,
		           0);
	}
	const struct pledge_contact *k = p->has_contact ? &p->contact : NULL;
	report_csv_cell(L, row, k ? k->name : "", k ? &k->name_loc : NULL, 1);
	report_csv_cell(L, row, k ? k->email : "", k ? &k->email_loc : NULL,
	                1);
	report_csv_cell(L, row, k ? k->phone : "", k ? &k->phone_loc : NULL,
	                1);
}

static void report_csv(struct lower *L, const struct signatories *sg)
{
	static const char *const head[] = {
	    "authority", "signed", "report_due", "report_overdue",
	    "action_point", "step", "deadline", "support", "contact_name",
	    "contact_email", "contact_phone"};
	struct pt_node *data = lower_add(L, L->root, PT_DATA, NULL);
	struct pt_node *row = lower_add(L, data, PT_ROW, NULL);
	for (size_t i = 0; row && i < sizeof head / sizeof *head; i++)
		report_csv_cell(L, row, head[i], NULL, 0);
	for (size_t i = 0; i < sg->n && !L->oom; i++) {
		const struct pledge *p = &sg->v[i].pledge->u.pledge;
		const char *overdue = !sg->as_of.valid || !p->report_due.text
		                      ? "" : sg->v[i].report_overdue ? "yes"
		                                                     : "no";
		size_t rows = 0;
		for (size_t t = 0; t < sg->ntally; t++) {
			const struct pledge_commit *c =
			    sg->v[i].commits[sg->tally[t].step->ordinal];
			if (c == NULL)
				continue;
			report_csv_row(L, data, p, overdue, &sg->tally[t], c);
			rows++;
		}
		if (rows == 0)
			report_csv_row(L, data, p, overdue, NULL, NULL);
	}
}

void lower_signatories(struct lower *L)
{
	const struct signatories *sg = &L->doc->u.signatories;
	report_meta(L, sg->title, sg->subtitle, RW_SIGNATORIES);
	struct pt_node *s = report_section(L, "summary", RW_SUMMARY);
	struct pt_node *p = report_para(L, s, PR_NONE);
	lower_textf(L, p, "%zu %s signed.", sg->n,
	            sg->n == 1 ? "authority has" : "authorities have");
	if (sg->as_of.valid) {
		lower_text(L, p, " As of ", NULL, NULL, 0);
		lower_date(L, p, &sg->as_of);
		lower_textf(L, p, ", %zu progress %s overdue.", sg->noverdue,
		            sg->noverdue == 1 ? "report is" : "reports are");
	}
	report_tally(L, s, sg);
	report_signatory_rows(L, report_section(L, "signatories",
	                                        RW_SIGNATORIES), sg);
	report_csv(L, sg);
}

/* ---- progress ---- */

/* Statuses in the report's order, with the colours of the plan's labels. */
static const struct {
	enum action_status status;
	int word;
	enum pt_role colour;
} report_statuses[] = {
	{STATUS_COMPLETE, RW_COMPLETE, PR_GREEN},
	{STATUS_IN_PROGRESS, RW_IN_PROGRESS, PR_PROGRESS},
	{STATUS_NOT_STARTED, RW_NOT_STARTED, PR_NEUTRAL},
	{STATUS_BLOCKED, RW_BLOCKED, PR_RED},
	{STATUS_NONE, RW_NO_STATUS, PR_NONE},
};
#define REPORT_NSTATUSES 5

static const enum rag report_rags[] = {RAG_RED, RAG_AMBER, RAG_GREEN,
                                       RAG_NONE};

/* "3 (25%)": a count with its share of the goal's actions, rounded. */
static void report_share(struct lower *L, struct pt_node *c, size_t n,
                         size_t of)
{
	lower_textf(L, c, "%zu (%zu%%)", n, of ? (n * 200 + of) / (2 * of) : 0);
}

static void report_chart(struct lower *L, struct pt_node *s,
                         const struct progress *p)
{
	struct pt_node *ch = lower_add(L, s, PT_CHART, NULL);
	struct pt_more *x = lower_more(L, ch);
	if (x == NULL)
		return;
	ch->stacked = 1;
	x->nvalues = REPORT_NSTATUSES;
	lower_text(L, lower_add(L, ch, PT_TERM, NULL),
	           "Actions of each goal by status", NULL, NULL, 0);
	for (size_t i = 0; i <= p->ngoals && !L->oom; i++) {
		const struct progress_count *c = i < p->ngoals ? &p->goals[i]
		                                               : &p->total;
		struct pt_node *bar = lower_add(L, ch, PT_BAR, NULL);
		size_t *v = arena_alloc(L->a, REPORT_NSTATUSES * sizeof *v);
		struct pt_more *bx = lower_more(L, bar);
		if (bx == NULL || v == NULL) {
			L->oom = 1;
			return;
		}
		for (size_t k = 0; k < REPORT_NSTATUSES; k++)
			v[k] = c->status[report_statuses[k].status];
		bx->values = v;
		bx->nvalues = REPORT_NSTATUSES;
		bx->max_value = c->actions;
		bar->role = i < p->ngoals ? PR_NONE : PR_TOTAL;
		lower_text(L, lower_add(L, bar, PT_TERM, NULL), c->name, NULL,
		           NULL, 0);
	}
	/* the key: a label per status, in its colour */
	struct pt_node *key = lower_add(L, ch, PT_LIST, NULL);
	for (size_t k = 0; k < REPORT_NSTATUSES && key; k++)
		lower_label(L, lower_add(L, key, PT_ITEM, NULL),
		            report_statuses[k].colour, NULL,
		            &report_words[report_statuses[k].word]);
	lower_text(L, report_para(L, ch, PR_NONE),
	           "The actions of each goal by status (the table below gives "
	           "the numbers).", NULL, NULL, 0);
}

static void report_counts(struct lower *L, struct pt_node *s,
                          const struct progress *p, int rag)
{
	struct pt_node *t = rag
	    ? lower_table(L, s, "progress-counts", &report_words[RW_GOAL2], 5,
	                  rag_columns, LOWER_OWN)
	    : lower_table(L, s, "progress-counts", &report_words[RW_GOAL], 7,
	                  status_columns, LOWER_OWN);
	struct pt_node *body = lower_add(L, t, PT_ROW_GROUP, NULL);
	if (body == NULL)
		return;
	t->keep_rows = 1;
	for (size_t i = 0; i <= p->ngoals && !L->oom; i++) {
		const struct progress_count *c = i < p->ngoals ? &p->goals[i]
		                                               : &p->total;
		struct pt_node *row = lower_row(L, body,
		                                i < p->ngoals ? NULL : "total");
		if (row != NULL && i == p->ngoals)
			row->role = PR_TOTAL;
		lower_text(L, lower_head_cell(L, row, 0), c->name, NULL, NULL,
		           0);
		int col = 1;
		if (!rag) {
			struct pt_node *n = lower_cell(L, row, col++);
			if (n != NULL)
				n->cls = "count";
			lower_textf(L, n, "%zu", c->actions);
		}
		for (int k = 0; col < (rag ? 5 : 7); col++, k++) {
			struct pt_node *n = lower_cell(L, row, col);
			if (n == NULL)
				return;
			n->cls = "count";
			report_share(L, n, rag ? c->rag[report_rags[k]]
			                       : c->status[report_statuses[k]
			                                       .status],
			             c->actions);
		}
	}
}

static void report_action_words(struct lower *L, struct pt_node *parent,
                                 const struct plan_action *a)
{
	if (a->text != NULL)
		lower_inlines(L, parent, a->text->text, NULL, LOWER_OWN, NULL);
}

static void report_changes(struct lower *L, const struct progress *p)
{
	struct pt_node *s = report_section(L, "changes", RW_CHANGED);
	struct pt_node *q = report_para(L, s, PR_NONE);
	lower_text(L, q, "Since the version with fingerprint ", NULL, NULL, 0);
	struct pt_node *code = lower_add(L, q, PT_CODE, NULL);
	if (code != NULL)
		code->text = p->before->fingerprint;
	lower_text(L, q, ".", NULL, NULL, 0);
	if (p->nchanges == 0) {
		lower_word(L, report_para(L, s, PR_NONE),
		           &report_words[RW_NOTHING_CHANGED], LOWER_OWN);
		return;
	}
	struct pt_node *list = lower_add(L, s, PT_LIST, NULL);
	if (list == NULL)
		return;
	list->list = PL_PLAIN;
	list->cls = "changes";
	for (size_t i = 0; i < p->nchanges && !L->oom; i++) {
		const struct progress_change *c = &p->changes[i];
		const char *ref = c->ref ? c->ref : "";
		struct pt_node *it = lower_add(L, list, PT_ITEM, NULL);
		lower_text(L, lower_add(L, it, PT_STRONG, NULL), ref, NULL,
		           NULL, 0);
		switch (c->kind) {
		case CHANGE_NEW_ACTION:
			lower_text(L, it, " is a new action: ", NULL, NULL, 0);
			report_action_words(L, it, c->action);
			break;
		case CHANGE_STATUS: {
			const char *from = action_status_name(c->from);
			const char *to = action_status_name(c->action->status);
			lower_textf(L, it, " moved from %s to %s.",
			            from ? from : "no status",
			            to ? to : "no status");
			break;
		}
		case CHANGE_NEW_UPDATE:
			lower_text(L, it, " has a new update (", NULL, NULL, 0);
			lower_period(L, it, &c->update->date);
			lower_text(L, it, ")", NULL, NULL, 0);
			if (c->update->text) {
				lower_text(L, it, ": ", NULL, NULL, 0);
				lower_inlines(L, it, c->update->text->text,
				              NULL, LOWER_OWN, NULL);
			}
			break;
		case CHANGE_NEW_OVERDUE:
			lower_text(L, it, " is now overdue (due ", NULL, NULL,
			           0);
			lower_period(L, it, &c->action->due);
			lower_text(L, it, ").", NULL, NULL, 0);
			break;
		case CHANGE_RAG: {
			const char *from = rag_name(c->rag_from);
			const char *to = rag_name(c->action->rag);
			lower_textf(L, it, " is rated %s, was %s.",
			            to ? to : "no RAG", from ? from : "no RAG");
			break;
		}
		case CHANGE_MILESTONE_DONE:
			lower_text(L, it, " completed a milestone", NULL, NULL,
			           0);
			if (c->milestone->due.text) {
				lower_text(L, it, " (due ", NULL, NULL, 0);
				lower_period(L, it, &c->milestone->due);
				lower_text(L, it, ")", NULL, NULL, 0);
			}
			lower_text(L, it, ": ", NULL, NULL, 0);
			lower_inlines(L, it, c->milestone->text, NULL, LOWER_OWN,
			              NULL);
			break;
		}
	}
}

/* The overdue actions (latest: 0) or every action with its latest update
 * (latest: 1). */
static void report_actions(struct lower *L, struct pt_node *s,
                           const struct progress_item *items, size_t n,
                           int latest)
{
	struct pt_node *t = latest
	    ? lower_table(L, s, "latest", &report_words[RW_REF2], 4,
	                  latest_columns, LOWER_OWN)
	    : lower_table(L, s, "overdue", &report_words[RW_REF], 5,
	                  overdue_columns, LOWER_OWN);
	struct pt_node *body = lower_add(L, t, PT_ROW_GROUP, NULL);
	for (size_t i = 0; i < n && body && !L->oom; i++) {
		const struct plan_action *a = items[i].action;
		const struct plan_milestone *m = items[i].milestone;
		struct pt_node *row = lower_row(L, body, NULL);
		lower_text(L, lower_head_cell(L, row, 0), items[i].ref, NULL,
		           NULL, 0);
		struct pt_node *c = lower_cell(L, row, 1);
		if (m != NULL) {
			/* an overdue milestone: the action, then it */
			report_action_words(L, lower_add(L, c, PT_PARAGRAPH,
			                                 NULL), a);
			struct pt_node *mp = lower_add(L, c, PT_PARAGRAPH, &m->loc);
			lower_word(L, lower_add(L, mp, PT_STRONG, NULL),
			           &report_words[RW_MILESTONE], LOWER_OWN);
			lower_inlines(L, mp, m->text, NULL, LOWER_OWN, NULL);
		} else {
			report_action_words(L, c, a);
		}
		if (!latest) {
			lower_period(L, lower_cell(L, row, 2),
			             m != NULL ? &m->due : &a->due);
			lower_people(L, lower_cell(L, row, 3), &a->leads);
			lower_status_label(L, lower_cell(L, row, 4),
			                   m != NULL ? m->status : a->status);
			continue;
		}
		lower_status_label(L, lower_cell(L, row, 2), a->status);
		c = lower_cell(L, row, 3);
		const struct plan_update *u = a->updates;
		while (u && u->next)
			u = u->next;
		if (u == NULL) {
			lower_word(L, report_para(L, c, PR_MUTED),
			           &report_words[RW_NO_UPDATE], LOWER_OWN);
			continue;
		}
		struct pt_node *b = lower_add(L, c, PT_STRONG, NULL);
		lower_period(L, b, &u->date);
		lower_text(L, b, ": ", NULL, NULL, 0);
		if (u->text)
			lower_inlines(L, c, u->text->text, NULL, LOWER_OWN,
			              NULL);
	}
}

void lower_progress(struct lower *L)
{
	const struct progress *p = &L->doc->u.progress;
	report_meta(L, p->title, p->subtitle, RW_PROGRESS);
	struct pt_node *s = report_section(L, "summary", RW_SUMMARY);
	struct pt_node *q = report_para(L, s, PR_NONE);
	lower_textf(L, q, "%zu actions (sub-actions included), %zu complete",
	            p->total.actions, p->total.status[STATUS_COMPLETE]);
	if (p->as_of.valid) {
		lower_text(L, q, "; as of ", NULL, NULL, 0);
		lower_date(L, q, &p->as_of);
		lower_textf(L, q, ", %zu overdue", p->noverdue);
	}
	lower_text(L, q, ".", NULL, NULL, 0);
	report_chart(L, s, p);
	report_counts(L, s, p, 0);
	report_counts(L, s, p, 1);
	if (p->before != NULL)
		report_changes(L, p);
	if (p->as_of.valid) {
		struct pt_node *o = report_section(L, "overdue",
		                                   RW_OVERDUE_HEAD);
		if (p->noverdue == 0)
			lower_word(L, report_para(L, o, PR_NONE),
			           &report_words[RW_NONE_OVERDUE], LOWER_OWN);
		else
			report_actions(L, o, p->overdue, p->noverdue, 0);
	}
	report_actions(L, report_section(L, "latest", RW_LATEST_HEAD),
	               p->items, p->nitems, 1);
}

const struct lower_word *lower_report_words(size_t *n)
{
	*n = RW_COUNT;
	return report_words;
}
