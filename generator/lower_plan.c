/* lower_plan.c - action plans: the people register, per goal a table of
 * actions (sub-actions indented, each with its reference hung to its
 * left) with measures, due dates, leads, coloured labels that also carry
 * their word (status, RAG, priority, overdue), milestones, internal notes
 * and progress updates; then the key performance measures. */
#include "lower_int.h"
#include "arena.h"

#include <stdio.h>
#include <string.h>

enum {
	/* the details' column heads, in their order */
	LW_MEASURE, LW_MILESTONES, LW_STATUS, LW_PROGRESS,
	LW_ACTION, LW_DUE, LW_LEAD,
	LW_KPI, LW_BASELINE, LW_TARGET, LW_KPI_LEAD, LW_READINGS,
	LW_NAME, LW_ROLE, LW_ORGANISATION,
	LW_OVERDUE, LW_PEOPLE, LW_NOTE, LW_AS_OF,
	LW_NOT_STARTED, LW_IN_PROGRESS, LW_COMPLETE, LW_BLOCKED,
	LW_RED, LW_AMBER, LW_GREEN,
	LW_IMMEDIATE, LW_HIGH, LW_MEDIUM, LW_LOW, LW_COUNT
};

static const struct lower_word plan_words[LW_COUNT] = {
	[LW_ACTION] = {"label.action", "Action"},
	[LW_MEASURE] = {"label.measure", "Measure"},
	[LW_DUE] = {"label.due", "Due"},
	[LW_LEAD] = {"label.lead", "Lead"},
	[LW_STATUS] = {"label.status", "Status"},
	[LW_PROGRESS] = {"label.progress", "Progress"},
	[LW_KPI] = {"label.kpi", "Measure"},
	[LW_BASELINE] = {"label.baseline", "Baseline"},
	[LW_TARGET] = {"label.target", "Target"},
	[LW_KPI_LEAD] = {"label.lead", "Lead"},
	[LW_READINGS] = {"label.readings", "Readings"},
	[LW_NAME] = {"label.name", "Name"},
	[LW_ROLE] = {"label.role", "Role"},
	[LW_ORGANISATION] = {"label.organisation", "Organisation"},
	[LW_MILESTONES] = {"label.milestones", "Milestones"},
	[LW_OVERDUE] = {"label.overdue", "Overdue"},
	[LW_PEOPLE] = {"label.people", "People"},
	[LW_NOTE] = {"label.note", "Internal note: "},
	[LW_AS_OF] = {"label.as-of", "Progress as of "},
	[LW_NOT_STARTED] = {"label.status.not-started", "Not started"},
	[LW_IN_PROGRESS] = {"label.status.in-progress", "In progress"},
	[LW_COMPLETE] = {"label.status.complete", "Complete"},
	[LW_BLOCKED] = {"label.status.blocked", "Blocked"},
	[LW_RED] = {"label.rag.red", "RAG: Red"},
	[LW_AMBER] = {"label.rag.amber", "RAG: Amber"},
	[LW_GREEN] = {"label.rag.green", "RAG: Green"},
	[LW_IMMEDIATE] = {"label.priority.immediate", "Immediate priority"},
	[LW_HIGH] = {"label.priority.high", "High priority"},
	[LW_MEDIUM] = {"label.priority.medium", "Medium priority"},
	[LW_LOW] = {"label.priority.low", "Low priority"},
};

/* The columns of an action's details (plan_actions). */
#define PLAN_DETAILS 4
/* An action's updates each have a row, up to this many (a cell spans at
 * most 255 rows); the rest share the last. */
#define PLAN_MAX_UPDATE_ROWS 200

/* The plan's tables fit their content (layout.c measures it): a column
 * empty in every row is left out, so a plan with no measures, no
 * milestones or no RAG has no column for them. */

struct pt_node *lower_status_label(struct lower *L, struct pt_node *parent,
                                   enum action_status s)
{
	switch (s) {
	case STATUS_NONE: break;
	case STATUS_NOT_STARTED:
		return lower_label(L, parent, PR_NEUTRAL, "status-not-started",
		                   &plan_words[LW_NOT_STARTED]);
	case STATUS_IN_PROGRESS:
		return lower_label(L, parent, PR_PROGRESS, "status-in-progress",
		                   &plan_words[LW_IN_PROGRESS]);
	case STATUS_COMPLETE:
		return lower_label(L, parent, PR_GREEN, "status-complete",
		                   &plan_words[LW_COMPLETE]);
	case STATUS_BLOCKED:
		return lower_label(L, parent, PR_RED, "status-blocked",
		                   &plan_words[LW_BLOCKED]);
	}
	return NULL;
}

struct pt_node *lower_rag_label(struct lower *L, struct pt_node *parent,
                                enum rag r)
{
	switch (r) {
	case RAG_NONE: break;
	case RAG_RED:
		return lower_label(L, parent, PR_RED, "rag-red",
		                   &plan_words[LW_RED]);
	case RAG_AMBER:
		return lower_label(L, parent, PR_AMBER, "rag-amber",
		                   &plan_words[LW_AMBER]);
	case RAG_GREEN:
		return lower_label(L, parent, PR_GREEN, "rag-green",
		                   &plan_words[LW_GREEN]);
	}
	return NULL;
}

static void plan_priority_label(struct lower *L, struct pt_node *parent,
                                enum priority p)
{
	switch (p) {
	case PRIORITY_NONE: break;
	case PRIORITY_IMMEDIATE:
		lower_label(L, parent, PR_RED, "priority-immediate",
		            &plan_words[LW_IMMEDIATE]);
		break;
	case PRIORITY_HIGH:
		lower_label(L, parent, PR_AMBER, "priority-high",
		            &plan_words[LW_HIGH]);
		break;
	case PRIORITY_MEDIUM:
		lower_label(L, parent, PR_NEUTRAL, "priority-medium",
		            &plan_words[LW_MEDIUM]);
		break;
	case PRIORITY_LOW:
		lower_label(L, parent, PR_NEUTRAL, "priority-low",
		            &plan_words[LW_LOW]);
		break;
	}
}

/* Labels in a row, a space between them (the words a reader hears). */
static void plan_space(struct lower *L, struct pt_node *c)
{
	if (c->first != NULL)
		lower_text(L, c, " ", NULL, NULL, 0);
}

/* "July 2026: " in bold, the period as a <time>. */
static void plan_lead_in(struct lower *L, struct pt_node *parent,
                         const struct mperiod *p)
{
	struct pt_node *b = lower_add(L, parent, PT_STRONG, &p->loc);
	lower_period(L, b, p);
	lower_text(L, b, ": ", NULL, NULL, 0);
}

/* Running text of the model (a P with its lists, and the paragraphs of
 * words written after a list) into parent in the order written, under
 * keys "KEY.1", "KEY.2" ... as translations name them. Returns the first
 * paragraph's words. */
static struct pt_node *plan_text(struct lower *L, struct pt_node *parent,
                                 const struct block *b, const char *key,
                                 const char *field)
{
	struct pt_node *first = NULL;
	size_t i = 0;
	for (; b != NULL && !L->oom; b = b->next) {
		const char *k = key ? lower_key(L, key, NULL, ++i) : NULL;
		struct pt_node *words = lower_inlines(L, parent, b->text, k,
		                                      LOWER_OWN, field);
		if (first == NULL)
			first = words;
		lower_blocks(L, parent, b->child, 4, k, LOWER_OWN);
	}
	return first;
}

/* An action's due date (short month names) and its leads, in its head:
 * "Due Q1 2027 · Lead Jo Banks". */
static void plan_facts(struct lower *L, struct pt_node *c,
                       const struct plan_action *a)
{
	if (a->due.text == NULL && a->leads.n == 0)
		return;
	struct pt_node *f = lower_add(L, c, PT_PARAGRAPH, &a->loc);
	if (f == NULL)
		return;
	f->role = PR_FACTS;
	f->bare = 1;
	if (a->due.text) {
		struct pt_node *b = lower_add(L, f, PT_STRONG, &a->due.loc);
		lower_word(L, b, &plan_words[LW_DUE], LOWER_OWN);
		lower_text(L, f, " ", NULL, NULL, 0);
		char due[48];
		mperiod_format_short(&a->due, due, sizeof due);
		struct pt_node *t = lower_period(L, f, &a->due);
		struct pt_node *w = t && t->type == PT_TIME ? t->first : t;
		if (w != NULL)
			w->text = arena_strdup(L->a, due);
	}
	if (a->leads.n > 0) {
		if (a->due.text)
			lower_text(L, f, " \u00B7 ", NULL, NULL, 0);
		struct pt_node *b = lower_add(L, f, PT_STRONG, &a->leads.loc);
		lower_word(L, b, &plan_words[LW_LEAD], LOWER_OWN);
		lower_text(L, f, " ", NULL, NULL, 0);
		lower_people(L, f, &a->leads);
	}
}

static void plan_action_cell(struct lower *L, struct pt_node *row,
                             const struct plan_action *a, const char *key)
{
	struct pt_node *c = lower_cell(L, row, 0);
	struct pt_node *p = lower_add(L, c, PT_PARAGRAPH, &a->loc);
	if (p == NULL)
		return;
	c->cls = "action";
	c->bare = 1;
	p->bare = 1;
	p->level = (unsigned char)(a->depth < 5 ? a->depth : 5);
	/* bold says what plans say it says: immediate need */
	if (a->priority == PRIORITY_IMMEDIATE)
		p->role = PR_LEAD;
	if (a->ref) {
		struct pt_node *r = lower_add(L, p, PT_SPAN, &a->loc);
		if (r == NULL)
			return;
		r->role = PR_REF;
		r->field = "the action's reference";
		lower_text(L, r, a->ref, &a->loc, NULL, 0);
		lower_text(L, p, " ", NULL, NULL, 0);
	}
	if (a->text)
		plan_text(L, p, a->text, key, "the action's text");
	plan_facts(L, c, a);
	/* priority describes the action: its label goes under the text,
	 * where the column is wide enough for "Immediate priority" whole */
	if (a->priority != PRIORITY_NONE) {
		lower_text(L, c, " ", NULL, NULL, 0);
		plan_priority_label(L, c, a->priority);
	}
	for (const struct plan_note *n = a->notes; n; n = n->next) {
		struct pt_node *np = lower_add(L, c, PT_PARAGRAPH, &n->loc);
		struct pt_node *b = lower_add(L, np, PT_STRONG, &n->loc);
		if (b == NULL)
			return;
		np->role = PR_NOTE;
		np->private_data = PP_INTERNAL;   /* never in the public edition */
		lower_word(L, b, &plan_words[LW_NOTE], LOWER_OWN);
		lower_inlines(L, np, n->text, NULL, LOWER_OWN,
		              "this internal note");
	}
}

/* The action's milestones, in a column of their own: each dated (the
 * date in bold before it) or not, with its status. */
static void plan_milestones(struct lower *L, struct pt_node *c,
                            const struct plan_action *a, const char *key)
{
	if (a->milestones == NULL || c == NULL)
		return;
	struct pt_node *list = lower_add(L, c, PT_LIST, &a->loc);
	if (list == NULL)
		return;
	list->list = PL_BULLET;
	list->cls = "milestones";
	size_t j = 0;
	for (const struct plan_milestone *m = a->milestones; m; m = m->next) {
		struct pt_node *it = lower_add(L, list, PT_ITEM, &m->loc);
		if (m->due.text)
			plan_lead_in(L, it, &m->due);
		lower_inlines(L, it, m->text,
		              key ? lower_key(L, lower_key(L, key, ".milestone",
		                                           0), NULL, ++j)
		                  : NULL,
		              LOWER_OWN, "this milestone");
		if (m->status != STATUS_NONE) {
			plan_space(L, it);
			lower_status_label(L, it, m->status);
		}
		if (m->overdue) {
			plan_space(L, it);
			lower_label(L, it, PR_RED, "overdue",
			            &plan_words[LW_OVERDUE]);
		}
	}
}

/* Whether an action has nothing to print but what its head holds: its
 * words, due date, leads, priority and notes. */
static int plan_action_alone(const struct plan_action *a)
{
	return a->measure == NULL && a->milestones == NULL && !a->overdue &&
	       a->status == STATUS_NONE && a->rag == RAG_NONE &&
	       a->updates == NULL;
}

/* Actions with a row of their own, and those with a status or RAG. */
static void plan_count_status(const struct plan_action *a, size_t *rows,
                              size_t *rated)
{
	for (; a != NULL; a = a->next) {
		if (!plan_action_alone(a))
			++*rows;
		if (a->status != STATUS_NONE || a->rag != RAG_NONE)
			++*rated;
		plan_count_status(a->children, rows, rated);
	}
}

/* Whether a plan's statuses go in the Progress column: when fewer than a
 * quarter of its actions have one, a Status column would be a strip of
 * empty cells beside every row for the sake of a few labels. */
static int plan_status_in_progress(const struct action_plan *pl)
{
	size_t rows = 0, rated = 0;
	for (const struct plan_goal *g = pl->goals; g; g = g->next)
		for (const struct plan_area *ar = g->areas; ar; ar = ar->next)
			plan_count_status(ar->actions, &rows, &rated);
	return rated * 4 < rows;
}

/* Status, RAG and, when it is past due, Overdue. */
static void plan_status_labels(struct lower *L, struct pt_node *c,
                               const struct plan_action *a)
{
	lower_status_label(L, c, a->status);
	if (a->rag != RAG_NONE) {
		if (a->status != STATUS_NONE)
			plan_space(L, c);
		lower_rag_label(L, c, a->rag);
	}
	if (a->overdue) {
		if (a->status != STATUS_NONE || a->rag != RAG_NONE)
			plan_space(L, c);
		lower_label(L, c, PR_RED, "overdue", &plan_words[LW_OVERDUE]);
	}
}

/* Whether a node prints anything: words, a label. */
static int plan_prints(const struct pt_node *n)
{
	if ((n->type == PT_TEXT || n->type == PT_CODE) &&
	    n->text[strspn(n->text, " ")] != '\0')
		return 1;
	if (n->type == PT_LABEL)
		return 1;
	for (const struct pt_node *c = n->first; c; c = c->next)
		if (plan_prints(c))
			return 1;
	return 0;
}

/* An update: its date and words, and the lists in them where they are
 * (a list ends a paragraph; words after it are a paragraph of their own,
 * so nothing moves), its RAG label after its first paragraph. */
static void plan_update(struct lower *L, struct pt_node *c,
                        const struct plan_update *u, const char *key)
{
	struct pt_node *g = lower_add(L, c, PT_GROUP, &u->loc);
	struct pt_node *p = lower_add(L, g, PT_PARAGRAPH, &u->loc);
	if (p == NULL)
		return;
	g->cls = "update";
	if (u->date.text)
		plan_lead_in(L, p, &u->date);
	if (u->text)
		plan_text(L, p, u->text, key, "this update");
	/* in the first paragraph, before any list, as a reader meets it */
	struct pt_node *first_list = NULL;
	for (struct pt_node *x = p->first; x && first_list == NULL; x = x->next)
		if (x->type == PT_LIST)
			first_list = x;
	if (u->rag != RAG_NONE) {
		struct pt_node *sp = lower_text(L, p, " ", NULL, NULL, 0);
		struct pt_node *lab = lower_rag_label(L, p, u->rag);
		if (first_list != NULL && sp != NULL && lab != NULL) {
			pt_unlink(sp);
			pt_unlink(lab);
			pt_insert_before(first_list, sp);
			pt_insert_before(first_list, lab);
		}
	}
	/* lists, and what follows each, out of the paragraph in order */
	struct pt_node *cur = p;
	int words = 0;
	for (struct pt_node *x = p->first, *nx; x; x = nx) {
		nx = x->next;
		if (x->type == PT_LIST) {
			pt_unlink(x);
			pt_append(g, x);
			cur = NULL;
		} else if (cur == p) {
			words |= plan_prints(x);
		} else if (cur != p) {
			if (cur == NULL) {
				cur = lower_add(L, g, PT_PARAGRAPH, x->loc);
				if (cur == NULL)
					return;
			}
			pt_unlink(x);
			pt_append(cur, x);
		}
	}
	/* an update that is only a list: no empty paragraph before it */
	if (!words)
		pt_unlink(p);
}

/* Each action is a group of rows: its words across the table (the
 * group's head: its reference hung before them, its priority, its
 * internal notes), then a row of its details under the columns: measure,
 * milestones, due, lead, status, progress. So its words are read at the
 * table's width, not squeezed into a column beside five others, and the
 * details share what is left. An action that is only its words (one that
 * heads the actions under it, as a rule) is its first row alone. */
static void plan_actions(struct lower *L, struct pt_node *table,
                         const struct plan_action *a, const char *prefix,
                         int status_in_progress)
{
	size_t n = 0;
	for (; a != NULL && !L->oom; a = a->next) {
		char pos[24];
		snprintf(pos, sizeof pos, "%zu", ++n);
		const char *key = arena_printf(L->a, "%s.%s", prefix,
		                               a->id ? a->id : a->ref ? a->ref
		                                                      : pos);
		const char *cls = arena_printf(
		    L->a, "depth-%d%s", a->depth < 4 ? a->depth : 4,
		    a->priority == PRIORITY_IMMEDIATE ? " immediate" : "");
		struct pt_node *group = lower_add(L, table, PT_ROW_GROUP,
		                                  &a->loc);
		struct pt_node *row = lower_row(L, group, "action");
		if (lower_str(L, key) == NULL || lower_str(L, cls) == NULL ||
		    row == NULL)
			return;
		group->cls = cls;
		plan_action_cell(L, row, a, key);
		if (row->first != NULL) {
			row->first->scope = PS_ROWGROUP;
			row->first->span = PLAN_DETAILS;
		}
		if (plan_action_alone(a)) {
			plan_actions(L, table, a->children, key,
			             status_in_progress);
			continue;
		}
		row = lower_row(L, group, "details");

		struct pt_node *c = lower_cell(L, row, 0);
		lower_inlines(L, c, a->measure, lower_key(L, key, ".measure", 0),
		              LOWER_OWN, "the action's measure");
		plan_milestones(L, lower_cell(L, row, 1), a, key);
		c = lower_cell(L, row, 2);
		if (c == NULL)
			return;
		if (!status_in_progress)
			plan_status_labels(L, c, a);
		c = lower_cell(L, row, 3);
		if (c != NULL && status_in_progress)
			plan_status_labels(L, c, a);
		/* one row per update, a page may break between them; the
		 * other details span those rows */
		size_t nup = 0;
		for (const struct plan_update *u = a->updates; u; u = u->next)
			nup++;
		if (nup > PLAN_MAX_UPDATE_ROWS)
			nup = PLAN_MAX_UPDATE_ROWS;
		if (nup > 1)
			for (struct pt_node *x = row->first; x; x = x->next)
				if (x->col < 3)
					x->rowspan = (unsigned char)nup;
		size_t j = 0;
		for (const struct plan_update *u = a->updates; u && c;
		     u = u->next) {
			if (j > 0 && j < nup) {
				row = lower_row(L, group, "details");
				c = lower_cell(L, row, 3);
				if (c == NULL)
					return;
			}
			plan_update(L, c, u,
			            lower_key(L, lower_key(L, key, ".update", 0),
			                      NULL, ++j));
		}
		plan_actions(L, table, a->children, key, status_in_progress);
	}
}

static void plan_objectives(struct lower *L, struct pt_node *parent,
                            const struct plan_objective *o, const char *key,
                            int bare)
{
	size_t j = 0;
	for (; o != NULL; o = o->next) {
		struct pt_node *p = lower_add(L, parent, PT_PARAGRAPH, &o->loc);
		if (p == NULL)
			return;
		p->role = PR_OBJECTIVE;
		p->bare = (unsigned char)bare;
		lower_inlines(L, p, o->text,
		              key ? lower_key(L, lower_key(L, key, ".objective",
		                                           0), NULL, ++j)
		                  : NULL,
		              LOWER_OWN, "this objective");
	}
}

static void plan_goal(struct lower *L, const struct plan_goal *g, int index,
                      int status_in_progress)
{
	char id[32];
	snprintf(id, sizeof id, "goal-%d", index);
	const char *gk = lower_key(L, "goal.", g->id ? g->id : g->ref ? g->ref
	                                                           : "", 0);
	struct pt_node *s = lower_section(L, L->root,
	                                  arena_strdup(L->a, id), 0, NULL,
	                                  NULL, 0, &g->loc);
	struct pt_node *h = lower_add(L, s, PT_HEADING, &g->loc);
	if (h == NULL || gk == NULL)
		return;
	s->keep = PK_TO_TABLE;
	h->level = 2;
	h->field = "the goal's title";
	if (g->label) {
		lower_text(L, h, g->label, &g->loc, lower_key(L, gk, ".label", 0),
		           LOWER_OWN);
		lower_text(L, h, ": ", NULL, NULL, 0);
	} else if (g->ref)
		lower_textf(L, h, "%s. ", g->ref);
	lower_text(L, h, g->title, &g->loc, lower_key(L, gk, ".title", 0),
	           LOWER_OWN);
	if (g->objectives) {
		struct pt_node *group = lower_add(L, s, PT_GROUP, &g->loc);
		plan_objectives(L, group, g->objectives, gk, 0);
	}
	struct pt_node *t = lower_table(L, s, "plan", &plan_words[LW_MEASURE],
	                                PLAN_DETAILS, NULL, LOWER_OWN);
	if (t != NULL)
		t->fit = 1;
	size_t ai = 0;
	for (const struct plan_area *ar = g->areas; ar && !L->oom;
	     ar = ar->next) {
		const char *ak = lower_key(L, lower_key(L, gk, ".area", 0),
		                           NULL, ++ai);
		if (ar->title) {
			struct pt_node *body = lower_add(L, t, PT_ROW_GROUP,
			                                 &ar->loc);
			if (body != NULL)
				body->cls = "area";
			struct pt_node *band = lower_band(
			    L, body, "area", PLAN_DETAILS, ar->title,
			    lower_key(L, ak, ".title", 0), LOWER_OWN, &ar->loc);
			if (band != NULL)
				plan_objectives(L, band, ar->objectives, NULL, 1);
		}
		plan_actions(L, t, ar->actions, gk, status_in_progress);
	}
}

static void plan_kpis(struct lower *L, const struct action_plan *pl)
{
	struct pt_node *s = lower_section(L, L->root, "kpis", 0,
	                                  pl->kpis_title, "kpis.title",
	                                  LOWER_OWN, &pl->kpis_loc);
	struct pt_node *t = lower_table(L, s, "kpis", &plan_words[LW_KPI], 5,
	                                NULL, LOWER_OWN);
	if (t != NULL)
		t->fit = 1;
	struct pt_node *body = lower_add(L, t, PT_ROW_GROUP, NULL);
	for (const struct plan_kpi *k = pl->kpis; k && !L->oom; k = k->next) {
		struct pt_node *row = lower_row(L, body, NULL);
		struct pt_node *h = lower_head_cell(L, row, 0);
		const char *kk = lower_key(L, "kpi.", k->id ? k->id : "", 0);
		if (h == NULL || kk == NULL)
			return;
		h->field = "the measure's title";
		lower_text(L, h, k->title, &k->loc, lower_key(L, kk, ".title", 0),
		           LOWER_OWN);
		struct pt_node *c = lower_cell(L, row, 1);
		if (c != NULL && k->baseline) {
			c->field = "the measure's baseline";
			lower_text(L, c, k->baseline, &k->loc, NULL, 0);
		}
		c = lower_cell(L, row, 2);
		if (c != NULL && k->target) {
			c->field = "the measure's target";
			lower_text(L, c, k->target, &k->loc, NULL, 0);
		}
		lower_people(L, lower_cell(L, row, 3), &k->leads);
		c = lower_cell(L, row, 4);
		struct pt_node *list = lower_add(L, c, PT_LIST, &k->loc);
		if (list == NULL)
			return;
		list->list = PL_PLAIN;
		list->cls = "readings";
		for (const struct plan_reading *r = k->readings; r;
		     r = r->next) {
			struct pt_node *it = lower_add(L, list, PT_ITEM, &r->loc);
			if (it == NULL)
				return;
			it->field = "this reading";
			plan_lead_in(L, it, &r->period);
			if (r->value)
				lower_text(L, it, r->value, &r->loc, NULL, 0);
			if (r->rag != RAG_NONE) {
				plan_space(L, it);
				lower_rag_label(L, it, r->rag);
			}
		}
	}
}

/* The people the plan names: each by name (or, with none, by role, then
 * organisation; the id only when it has nothing else), with the role and
 * organisation not already shown. The ids themselves are for the source:
 * the plan prints names wherever a person is named. */
static void plan_people(struct lower *L, const struct action_plan *pl)
{
	int named = 0;
	for (const struct person *p = pl->people; p; p = p->next)
		named |= p->name != NULL || p->role != NULL ||
		         p->organisation != NULL;
	if (!named)
		return;
	struct pt_node *s = lower_section(L, L->root, "people", 0,
	                                  plan_words[LW_PEOPLE].text,
	                                  plan_words[LW_PEOPLE].key, LOWER_OWN,
	                                  NULL);
	struct pt_node *t = lower_table(L, s, "people", &plan_words[LW_NAME],
	                                3, NULL, LOWER_OWN);
	if (t != NULL)
		t->fit = 1;
	struct pt_node *body = lower_add(L, t, PT_ROW_GROUP, NULL);
	for (const struct person *p = pl->people; p && !L->oom; p = p->next) {
		struct pt_node *row = lower_row(L, body, NULL);
		struct pt_node *h = lower_head_cell(L, row, 0);
		if (h == NULL)
			return;
		const char *shown = person_display(p);
		h->field = "a person's name";
		lower_name(L, h, shown, &p->loc);
		struct pt_node *c = lower_cell(L, row, 1);
		if (c != NULL && p->role && shown != p->role) {
			c->field = "a person's role";
			lower_text(L, c, p->role, &p->loc, NULL, 0);
		}
		c = lower_cell(L, row, 2);
		if (c != NULL && p->organisation && shown != p->organisation) {
			c->field = "a person's organisation";
			lower_text(L, c, p->organisation, &p->loc, NULL, 0);
		}
	}
}

void lower_plan(struct lower *L)
{
	const struct action_plan *pl = &L->doc->u.plan;
	lower_text(L, lower_meta(L, PR_META_TITLE), pl->title, NULL, "title",
	           LOWER_OWN);
	if (pl->subtitle) {
		lower_text(L, lower_meta(L, PR_META_SUBJECT), pl->subtitle,
		           NULL, "subtitle", LOWER_OWN);
		lower_text(L, lower_meta(L, PR_META_HEAD_RIGHT), pl->subtitle,
		           NULL, "subtitle", LOWER_OWN);
	}
	lower_text(L, lower_meta(L, PR_META_HEAD_LEFT), pl->title, NULL,
	           "title", LOWER_OWN);
	lower_furniture(L, NULL, NULL, NULL, LOWER_OWN);

	struct pt_node *band = lower_header(L, pl->title, "title", LOWER_OWN,
	                                    pl->subtitle, "subtitle",
	                                    pl->as_of.valid);
	if (pl->as_of.valid && band != NULL) {
		struct pt_node *b = lower_add(L, band, PT_STRONG, NULL);
		lower_word(L, b, &plan_words[LW_AS_OF], LOWER_OWN);
		lower_date(L, b, &pl->as_of);
	}
	lower_blocks(L, L->root, pl->intro, 2, "intro", LOWER_OWN);
	plan_people(L, pl);
	int i = 0;
	int status_in_progress = plan_status_in_progress(pl);
	for (const struct plan_goal *g = pl->goals; g && !L->oom; g = g->next)
		plan_goal(L, g, ++i, status_in_progress);
	if (pl->kpis)
		plan_kpis(L, pl);
	lower_blocks(L, L->root, pl->outro, 2, "outro", LOWER_OWN);
}

const struct lower_word *lower_plan_words(size_t *n)
{
	*n = LW_COUNT;
	return plan_words;
}
