/* html_plan.c - action plans in HTML: per goal a table of actions with
 * sub-actions indented, labels that carry their word, progress updates;
 * then key performance measures. */
#include "html_int.h"

#include <string.h>

static const char *html_status_class(enum action_status s)
{
	switch (s) {
	case STATUS_NONE: return "";
	case STATUS_NOT_STARTED: return "status-not-started";
	case STATUS_IN_PROGRESS: return "status-in-progress";
	case STATUS_COMPLETE: return "status-complete";
	case STATUS_BLOCKED: return "status-blocked";
	}
	return "";
}

static void html_rag(struct html *h, enum rag r)
{
	static const char *const cls[] = {"", "rag-red", "rag-amber",
	                                  "rag-green"};
	if (r == RAG_NONE)
		return;
	html_printf(h, "<span class=\"label %s\">RAG: %s</span>", cls[r],
	            rag_name(r));
}

static void html_plan_actions(struct html *h, const struct action_plan *pl,
                              const struct plan_action *a)
{
	const struct plan_labels *lb = &pl->labels;
	for (; a != NULL; a = a->next) {
		html_printf(h, "<tr class=\"depth-%d%s\"><td class=\"action\">",
		            a->depth < 4 ? a->depth : 4,
		            a->priority == PRIORITY_IMMEDIATE ? " immediate" : "");
		if (a->ref) {
			html_raw(h, "<span class=\"ref\">");
			html_text(h, a->ref);
			html_raw(h, "</span> ");
		}
		if (a->text) {
			html_inlines(h, a->text->text);
			html_blocks(h, a->text->child, 4);
		}
		if (a->milestones) {
			html_raw(h, "<p class=\"milestones-title\">");
			html_text(h, lb->milestones);
			html_raw(h, "</p>\n<ul class=\"milestones\">\n");
			for (const struct plan_milestone *m = a->milestones; m;
			     m = m->next) {
				html_raw(h, "<li>");
				if (m->due.text) {
					html_raw(h, "<strong>");
					html_period(h, &m->due);
					html_raw(h, ":</strong> ");
				}
				html_inlines(h, m->text);
				if (m->status != STATUS_NONE) {
					html_raw(h, " ");
					html_label(h, html_status_class(m->status),
					           action_status_name(m->status));
				}
				html_raw(h, "</li>\n");
			}
			html_raw(h, "</ul>\n");
		}
		for (const struct plan_note *n = a->notes; n; n = n->next) {
			html_raw(h, "<p class=\"note\"><strong>Internal note:"
			         "</strong> ");
			html_inlines(h, n->text);
			html_raw(h, "</p>\n");
		}
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->measure);
		html_inlines(h, a->measure);
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->due);
		if (a->due.text)
			html_period(h, &a->due);
		if (a->overdue) {
			html_raw(h, " ");
			html_label(h, "overdue", lb->overdue);
		}
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->lead);
		html_people(h, &a->leads);
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->status);
		html_label(h, html_status_class(a->status),
		           action_status_name(a->status));
		if (a->rag != RAG_NONE) {
			html_raw(h, " ");
			html_rag(h, a->rag);
		}
		if (a->priority != PRIORITY_NONE) {
			html_raw(h, " ");
			html_printf(h, "<span class=\"label priority-%s\">%s "
			            "priority</span>",
			            a->priority_word.text,
			            priority_name(a->priority));
		}
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->progress);
		for (const struct plan_update *u = a->updates; u; u = u->next) {
			html_raw(h, "<div class=\"update\"><p>");
			if (u->date.text) {
				html_raw(h, "<strong>");
				html_period(h, &u->date);
				html_raw(h, ":</strong> ");
			}
			if (u->text)
				html_inlines(h, u->text->text);
			if (u->rag != RAG_NONE) {
				html_raw(h, " ");
				html_rag(h, u->rag);
			}
			html_raw(h, "</p>\n");
			if (u->text)
				html_blocks(h, u->text->child, 4);
			html_raw(h, "</div>\n");
		}
		html_raw(h, "</td></tr>\n");
		html_plan_actions(h, pl, a->children);
	}
}

static void html_objectives(struct html *h, const struct plan_objective *o)
{
	for (; o != NULL; o = o->next) {
		html_raw(h, "<p class=\"objective\">");
		html_inlines(h, o->text);
		html_raw(h, "</p>\n");
	}
}

static void html_plan_goal(struct html *h, const struct action_plan *pl,
                           const struct plan_goal *g, int index)
{
	const struct plan_labels *lb = &pl->labels;
	html_printf(h, "<section id=\"goal-%d\">\n<h2>", index);
	if (g->ref) {
		html_text(h, g->ref);
		html_raw(h, ". ");
	}
	html_text(h, g->title);
	html_raw(h, "</h2>\n");
	html_objectives(h, g->objectives);
	const char *heads[6] = {lb->action, lb->measure, lb->due, lb->lead,
	                        lb->status, lb->progress};
	html_table_head(h, "plan", heads, 6);
	for (const struct plan_area *ar = g->areas; ar; ar = ar->next) {
		html_raw(h, "<tbody>\n");
		if (ar->title) {
			html_raw(h, "<tr class=\"area\"><th colspan=\"6\" "
			         "scope=\"colgroup\">");
			html_text(h, ar->title);
			for (const struct plan_objective *o = ar->objectives; o;
			     o = o->next) {
				html_raw(h, "<span class=\"objective\">");
				html_inlines(h, o->text);
				html_raw(h, "</span>");
			}
			html_raw(h, "</th></tr>\n");
		}
		html_plan_actions(h, pl, ar->actions);
		html_raw(h, "</tbody>\n");
	}
	html_raw(h, "</table>\n</section>\n");
}

static void html_plan_kpis(struct html *h, const struct action_plan *pl)
{
	const struct plan_labels *lb = &pl->labels;
	html_raw(h, "<section id=\"kpis\">\n<h2>");
	html_text(h, pl->kpis_title);
	html_raw(h, "</h2>\n");
	const char *heads[5] = {lb->kpi, lb->baseline, lb->target, lb->lead,
	                        lb->readings};
	html_table_head(h, "kpis", heads, 5);
	html_raw(h, "<tbody>\n");
	for (const struct plan_kpi *k = pl->kpis; k; k = k->next) {
		html_raw(h, "<tr><th scope=\"row\">");
		html_text(h, k->title);
		html_raw(h, "</th>");
		html_cell(h, NULL, lb->baseline);
		html_text(h, k->baseline);
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->target);
		html_text(h, k->target);
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->lead);
		html_people(h, &k->leads);
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->readings);
		html_raw(h, "<ul class=\"readings\">");
		for (const struct plan_reading *r = k->readings; r;
		     r = r->next) {
			html_raw(h, "<li><strong>");
			html_period(h, &r->period);
			html_raw(h, ":</strong> ");
			html_text(h, r->value);
			if (r->rag != RAG_NONE) {
				html_raw(h, " ");
				html_rag(h, r->rag);
			}
			html_raw(h, "</li>");
		}
		html_raw(h, "</ul></td></tr>\n");
	}
	html_raw(h, "</tbody>\n</table>\n</section>\n");
}

void html_plan(struct html *h)
{
	const struct action_plan *pl = &h->doc->u.plan;
	html_header(h, pl->title, pl->subtitle);
	if (pl->as_of.valid) {
		html_raw(h, "<p class=\"signatory\">Progress as of ");
		html_date(h, &pl->as_of);
		html_raw(h, "</p>\n");
	}
	html_raw(h, "</header>\n<main>\n");
	html_blocks(h, pl->intro, 2);
	int named = 0;
	for (const struct person *p = pl->people; p; p = p->next)
		named |= p->name != NULL || p->role != NULL;
	if (named) {
		html_raw(h, "<section id=\"people\">\n<h2>");
		html_text(h, pl->labels.people);
		html_raw(h, "</h2>\n<dl class=\"people\">\n");
		for (const struct person *p = pl->people; p; p = p->next) {
			html_raw(h, "<div><dt>");
			html_text(h, p->id);
			html_raw(h, "</dt><dd>");
			html_text(h, person_display(p));
			if (p->role) {
				html_raw(h, ", ");
				html_text(h, p->role);
			}
			html_raw(h, "</dd></div>\n");
		}
		html_raw(h, "</dl>\n</section>\n");
	}
	int i = 0;
	for (const struct plan_goal *g = pl->goals; g; g = g->next)
		html_plan_goal(h, pl, g, ++i);
	if (pl->kpis)
		html_plan_kpis(h, pl);
	html_blocks(h, pl->outro, 2);
}
