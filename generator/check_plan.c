/* check_plan.c - action plans: periods parse, closed-list values are
 * known, leads are in the register, overdue actions (with --as-of) and
 * texts that say COMPLETE while the status does not. */
#include "arena.h"
#include "check_int.h"
#include "diag.h"

#include <string.h>
#include <strings.h>

struct check_word {
	const char *word;
	int value;
};

static const struct check_word check_statuses[] = {
	{"not-started", STATUS_NOT_STARTED}, {"in-progress", STATUS_IN_PROGRESS},
	{"complete", STATUS_COMPLETE}, {"blocked", STATUS_BLOCKED}, {NULL, 0}};
static const struct check_word check_rags[] = {
	{"red", RAG_RED}, {"amber", RAG_AMBER}, {"green", RAG_GREEN},
	{NULL, 0}};
static const struct check_word check_priorities[] = {
	{"immediate", PRIORITY_IMMEDIATE}, {"high", PRIORITY_HIGH},
	{"medium", PRIORITY_MEDIUM}, {"low", PRIORITY_LOW}, {NULL, 0}};

/* The value of a word from a closed list; 0 (none) when absent or, after
 * a diagnostic, unknown. */
static int check_word(struct check *c, const struct mword *w,
                      const struct check_word *list, const char *rule,
                      const char *what)
{
	if (w->text == NULL)
		return 0;
	for (const struct check_word *k = list; k->word; k++)
		if (strcmp(k->word, w->text) == 0)
			return k->value;
	char words[128] = "";
	const char *cands[8];
	size_t n = 0;
	for (const struct check_word *k = list; k->word; k++) {
		strcat(words, k->word);
		if (k[1].word)
			strcat(words, k[2].word ? ", " : " or ");
		if (n < 8)
			cands[n++] = k->word;
	}
	/* what people write in plans for the words of the list */
	static const char *const said[][2] = {
		{"ongoing", "in-progress"}, {"in progress", "in-progress"},
		{"started", "in-progress"}, {"underway", "in-progress"},
		{"done", "complete"}, {"completed", "complete"},
		{"finished", "complete"}, {"not started", "not-started"},
		{"to do", "not-started"}, {"todo", "not-started"},
		{"planned", "not-started"}, {"on hold", "blocked"},
		{"stuck", "blocked"}, {"urgent", "immediate"},
		{"r", "red"}, {"a", "amber"}, {"g", "green"}};
	const char *meant = NULL;
	int certain = 0;
	for (const struct check_word *k = list; k->word && !meant; k++)
		if (strcasecmp(k->word, w->text) == 0) {
			meant = k->word;
			certain = 1;   /* only the case differs */
		}
	for (size_t i = 0; !meant && i < sizeof said / sizeof *said; i++)
		if (strcasecmp(said[i][0], w->text) == 0)
			for (const struct check_word *k = list; k->word; k++)
				if (strcmp(k->word, said[i][1]) == 0)
					meant = k->word;
	if (meant == NULL)
		meant = diag_nearest(w->text, cands, n);
	struct diag_fix fix;
	if (meant != NULL && certain) {
		/* the fix-it only where the source has the word verbatim */
		int fixed = check_value_fix(&w->loc, w->text, meant, &fix);
		diag_report_fix(c->diag, DIAG_ERROR, &w->loc, fixed ? &fix : NULL,
		                rule, "%s \"%s\" is written \"%s\", in lower "
		                "case", what, w->text, meant);
		c->errors++;
	} else if (meant != NULL) {
		CHECK_ERROR(c, &w->loc, rule, "%s \"%s\" is not known; did you "
		            "mean \"%s\"? (one of %s)", what, w->text, meant,
		            words);
	} else {
		CHECK_ERROR(c, &w->loc, rule, "%s \"%s\" is not known; use %s",
		            what, w->text, words);
	}
	return 0;
}

static void check_plan_action(struct check *c, struct document *doc,
                              const struct check_map *people,
                              struct plan_action *a, int depth)
{
	struct action_plan *pl = &doc->u.plan;
	a->depth = depth;
	a->status = check_word(c, &a->status_word, check_statuses, "status",
	                       "status");
	a->rag = check_word(c, &a->rag_word, check_rags, "rag", "RAG rating");
	a->priority = check_word(c, &a->priority_word, check_priorities,
	                         "priority", "priority");
	check_period(c, &a->due, "the due date");
	check_person_refs(c, &a->leads, pl->people, people, 0, doc->arena,
	                  "lead");
	if (a->text == NULL || (a->text->text == NULL && a->text->child == NULL))
		CHECK_ERROR(c, &a->loc, "action-text",
		            "action %s has no text", a->ref ? a->ref : "");

	/* a->text is one block whose lists hang below it */
	int says_complete = check_blocks_match(c, c->re->complete, a->text);
	for (struct plan_update *u = a->updates; u; u = u->next) {
		check_period(c, &u->date, "the update's date");
		u->rag = check_word(c, &u->rag_word, check_rags, "rag",
		                    "RAG rating");
		if (check_blocks_match(c, c->re->complete, u->text))
			says_complete = 1;
	}
	if (says_complete && a->status != STATUS_COMPLETE)
		CHECK_WARN(c, &a->loc, "complete-text",
		           "action %s says COMPLETE but its status is %s; set "
		           "status=\"complete\" if it is done",
		           a->ref ? a->ref : "",
		           a->status_word.text ? a->status_word.text
		                               : "not given");
	const struct mdate *as_of = &c->opts->as_of;
	for (struct plan_milestone *m = a->milestones; m; m = m->next) {
		check_period(c, &m->due, "the milestone's due date");
		m->status = check_word(c, &m->status_word, check_statuses,
		                       "status", "status");
		if (as_of->valid && m->due.valid && m->due.last.valid &&
		    m->status != STATUS_COMPLETE &&
		    check_days(&m->due.last) < check_days(as_of)) {
			m->overdue = 1;
			CHECK_WARN(c, &m->due.loc, "overdue",
			           "a milestone of action %s was due %s and is "
			           "not complete as of %s", a->ref ? a->ref : "",
			           m->due.text, as_of->text);
		}
	}

	if (as_of->valid && a->due.valid && a->due.last.valid &&
	    a->status != STATUS_COMPLETE &&
	    check_days(&a->due.last) < check_days(as_of)) {
		a->overdue = 1;
		CHECK_WARN(c, &a->due.loc, "overdue",
		           "action %s was due %s and is not complete as of %s",
		           a->ref ? a->ref : "", a->due.text, as_of->text);
	}

	for (struct plan_action *k = a->children; k; k = k->next)
		check_plan_action(c, doc, people, k, depth + 1);
}

/* An action's reference as the plan prints it, from its goal down ("2.3
 * A i"); NULL when it or one above it has none. */
static const char *check_plan_ref(struct arena *a, const char *parent,
                                  const struct plan_action *act)
{
	if (act->ref == NULL || (parent == NULL && act->depth > 0))
		return NULL;
	return parent ? arena_printf(a, "%s %s", parent, act->ref)
	              : arena_strdup(a, act->ref);
}

/* Refs identify actions (a progress report matches them across versions
 * by them): within a goal's service area (or a goal without areas), two
 * actions with the same reference are an error, unless both have an id to
 * tell them apart. */
static void check_plan_refs(struct check *c, struct document *doc,
                            struct check_map *seen, const char *parent,
                            struct plan_action *a)
{
	for (; a != NULL && !c->oom; a = a->next) {
		const char *ref = check_plan_ref(doc->arena, parent, a);
		if (ref != NULL) {
			struct plan_action *q = check_map_add(seen, ref,
			                                      strlen(ref), a);
			if (q != NULL && (q->id == NULL || a->id == NULL))
				CHECK_ERROR(c, &a->loc, "duplicate-ref",
				            "two actions here are both %s "
				            "(the other is on line %d); a reference "
				            "names one action: renumber one, or give "
				            "both an id", ref, q->loc.line);
		}
		check_plan_refs(c, doc, seen, ref, a->children);
	}
}

/* The defaults a plan's own words leave. */
static void check_plan_defaults(struct action_plan *pl)
{
	if (pl->kpis_title == NULL)
		pl->kpis_title = "Key performance measures";
}

void check_plan(struct check *c, struct document *doc)
{
	struct action_plan *pl = &doc->u.plan;
	if (check_blank(pl->title))
		CHECK_ERROR(c, &doc->loc, "title", "the plan has no title");
	check_plan_defaults(pl);
	pl->as_of = c->opts->as_of;
	struct check_map people;
	check_map_init(&people, doc->arena, &c->oom);
	check_people(c, pl->people, "person", &people);
	for (struct plan_goal *g = pl->goals; g; g = g->next) {
		for (struct plan_area *ar = g->areas; ar; ar = ar->next) {
			for (struct plan_action *a = ar->actions; a; a = a->next)
				check_plan_action(c, doc, &people, a, 0);
			/* refs start again in each service area */
			struct check_map refs;
			check_map_init(&refs, doc->arena, &c->oom);
			check_plan_refs(c, doc, &refs, NULL, ar->actions);
		}
	}
	for (struct plan_kpi *k = pl->kpis; k; k = k->next) {
		check_person_refs(c, &k->leads, pl->people, &people, 0,
		                  doc->arena, "lead");
		for (struct plan_reading *r = k->readings; r; r = r->next) {
			check_period(c, &r->period, "the reading's period");
			r->rag = check_word(c, &r->rag_word, check_rags, "rag",
			                    "RAG rating");
		}
	}
}
