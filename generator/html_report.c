/* html_report.c - the signatories register in HTML: the summary with its
 * bar chart (SVG, drawn from the same counts as the table beside it), the
 * steps with their counts, and the list of signatories. */
#include "html_int.h"

#include <stdio.h>

/* A report opens with its title and a summary paragraph (left open). */
static void html_report_open(struct html *h, const char *title,
                             const char *subtitle)
{
	html_header(h, title, subtitle);
	html_raw(h, "</header>\n<main>\n<section id=\"summary\">\n<h2>"
	         "Summary</h2>\n<p>");
}

/* The chart: one bar per step, as long as its count is of the longest.
 * The table after it carries the same numbers for those who cannot see
 * the chart, so the SVG is one image with a short description. */
static void html_tally_chart(struct html *h, const struct signatories *s)
{
	const double label_w = 270, bar_w = 250, bar_h = 14, gap = 6;
	double height = s->ntally * (bar_h + gap) + gap;
	html_printf(h, "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3."
	            "org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	            "aria-labelledby=\"chart-title\">\n<title id=\"chart-"
	            "title\">Signatories committed to each step, of %zu</title>"
	            "\n", label_w + bar_w + 40, height, s->n);
	for (size_t i = 0; i < s->ntally; i++) {
		const struct step_tally *t = &s->tally[i];
		double y = gap + i * (bar_h + gap);
		double w = s->max_count ? bar_w * (double)t->count /
		                              (double)s->max_count : 0;
		html_printf(h, "<text x=\"0\" y=\"%.1f\" font-size=\"10\">",
		            y + bar_h - 3);
		html_text(h, t->step->name);
		html_printf(h, "</text><rect class=\"bar\" x=\"%.0f\" y=\"%.1f\""
		            " width=\"%.1f\" height=\"%.0f\"/><text x=\"%.1f\" "
		            "y=\"%.1f\" font-size=\"10\">%zu</text>\n", label_w,
		            y, w, bar_h, label_w + w + 4, y + bar_h - 3,
		            t->count);
	}
	html_raw(h, "</svg>\n<figcaption>How many signatories committed to "
	         "each step of the form (the table below gives the same "
	         "counts).</figcaption>\n</figure>\n");
}

static void html_tally_table(struct html *h, const struct signatories *s)
{
	static const char *const heads[] = {"Action point", "Step", "Count"};
	html_table_head(h, "tally", heads, 3);
	html_raw(h, "<tbody>\n");
	for (size_t i = 0; i < s->ntally; i++) {
		const struct step_tally *t = &s->tally[i];
		html_raw(h, "<tr><th scope=\"row\">");
		html_text(h, t->action_point->title);
		html_raw(h, "</th>");
		html_cell(h, NULL, heads[1]);
		html_inlines(h, t->step->text);
		html_raw(h, "</td>");
		html_cell(h, "count", heads[2]);
		html_printf(h, "%zu</td></tr>\n", t->count);
	}
	html_raw(h, "</tbody>\n</table>\n");
}

static void html_signatory_rows(struct html *h, const struct signatories *s)
{
	static const char *const heads[] = {"Authority", "Signed",
	                                    "Steps committed to",
	                                    "Support asked for", "Report due"};
	html_table_head(h, "signatories", heads, 5);
	html_raw(h, "<tbody>\n");
	for (size_t i = 0; i < s->n; i++) {
		const struct pledge *p = &s->v[i].pledge->u.pledge;
		html_raw(h, "<tr><th scope=\"row\">");
		html_text(h, p->authority);
		html_raw(h, "</th>");
		html_cell(h, NULL, heads[1]);
		html_date(h, &p->signed_on);
		html_raw(h, "</td>");
		html_cell(h, NULL, heads[2]);
		/* a line per action point: "id: step, step" */
		const struct action_point *ap = NULL;
		for (size_t t = 0; t < s->ntally; t++) {
			const struct step_tally *k = &s->tally[t];
			if (!p->commit_for_step[k->step->ordinal])
				continue;
			if (k->action_point == ap) {
				html_raw(h, ", ");
			} else {
				if (ap != NULL)
					html_raw(h, "<br>\n");
				ap = k->action_point;
				html_text(h, ap->id);
				html_raw(h, ": ");
			}
			html_text(h, k->step->id);
		}
		html_raw(h, "</td>");
		html_cell(h, NULL, heads[3]);
		const char *sep = "";
		for (const struct pledge_support *u = p->supports; u;
		     u = u->next)
			if (u->option) {
				html_raw(h, sep);
				html_inlines(h, u->option->text);
				sep = "<br>\n";
			}
		if (p->support_other) {
			html_raw(h, sep);
			html_raw(h, "<em>");
			html_text(h, p->support_other);
			html_raw(h, "</em>");
		}
		html_raw(h, "</td>");
		html_cell(h, NULL, heads[4]);
		if (p->report_due.text)
			html_date(h, &p->report_due);
		if (s->v[i].report_overdue) {
			html_raw(h, " ");
			html_label(h, "overdue", "Overdue");
		}
		html_raw(h, "</td></tr>\n");
	}
	html_raw(h, "</tbody>\n</table>\n");
}

void html_signatories(struct html *h)
{
	const struct signatories *s = &h->doc->u.signatories;
	html_report_open(h, s->title, s->subtitle);
	html_printf(h, "%zu %s signed.", s->n,
	            s->n == 1 ? "authority has" : "authorities have");
	if (s->as_of.valid) {
		html_printf(h, " As of ");
		html_date(h, &s->as_of);
		html_printf(h, ", %zu progress %s overdue.", s->noverdue,
		            s->noverdue == 1 ? "report is" : "reports are");
	}
	html_raw(h, "</p>\n");
	html_tally_chart(h, s);
	html_tally_table(h, s);
	html_raw(h, "</section>\n<section id=\"signatories\">\n<h2>"
	         "Signatories</h2>\n");
	html_signatory_rows(h, s);
	html_raw(h, "</section>\n");
}

/* ---- progress ---- */

/* Statuses in the order the report gives them, with the label classes and
 * chart colours of the plan's own labels. */
static const struct {
	enum action_status status;
	const char *name, *cls, *fill;
} html_statuses[] = {
	{STATUS_COMPLETE, "Complete", "status-complete", "#2e7d32"},
	{STATUS_IN_PROGRESS, "In progress", "status-in-progress", "#cfe3f7"},
	{STATUS_NOT_STARTED, "Not started", "status-not-started", "#e2e6e8"},
	{STATUS_BLOCKED, "Blocked", "status-blocked", "#b3261e"},
	{STATUS_NONE, "No status", "", "#ffffff"},
};
#define HTML_NSTATUSES (sizeof html_statuses / sizeof *html_statuses)

static const struct {
	enum rag rag;
	const char *name;
} html_rags[] = {{RAG_RED, "Red"}, {RAG_AMBER, "Amber"},
                 {RAG_GREEN, "Green"}, {RAG_NONE, "No RAG"}};
#define HTML_NRAGS (sizeof html_rags / sizeof *html_rags)

/* "3 (25%)": a count with its share of the goal's actions, rounded. */
static void html_share(struct html *h, size_t n, size_t of)
{
	html_printf(h, "%zu (%zu%%)", n, of ? (n * 200 + of) / (2 * of) : 0);
}

/* One stacked bar per goal: its actions by status, each segment as wide
 * as its share. */
static void html_progress_chart(struct html *h, const struct progress *p)
{
	const double label_w = 260, bar_w = 300, bar_h = 16, gap = 8;
	double height = (p->ngoals + 1) * (bar_h + gap) + gap + 24;
	html_printf(h, "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3."
	            "org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	            "aria-labelledby=\"chart-title\">\n<title id=\"chart-"
	            "title\">Actions of each goal by status</title>\n",
	            label_w + bar_w + 10, height);
	for (size_t i = 0; i <= p->ngoals; i++) {
		const struct progress_count *c = i < p->ngoals ? &p->goals[i]
		                                               : &p->total;
		double y = gap + i * (bar_h + gap), x = label_w;
		html_printf(h, "<text x=\"0\" y=\"%.1f\" font-size=\"11\">",
		            y + bar_h - 4);
		html_text(h, c->name);
		html_raw(h, "</text>");
		for (size_t k = 0; k < HTML_NSTATUSES; k++) {
			size_t n = c->status[html_statuses[k].status];
			double w = c->actions ? bar_w * (double)n /
			                            (double)c->actions : 0;
			if (n == 0)
				continue;
			html_printf(h, "<rect class=\"seg\" x=\"%.1f\" y=\"%.1f\""
			            " width=\"%.1f\" height=\"%.0f\" fill=\"%s\" "
			            "stroke=\"#5b6a70\" stroke-width=\"0.5\"/>",
			            x, y, w, bar_h, html_statuses[k].fill);
			x += w;
		}
		html_raw(h, "\n");
	}
	/* the key */
	double y = gap + (p->ngoals + 1) * (bar_h + gap) + 4, x = label_w;
	for (size_t k = 0; k < HTML_NSTATUSES; k++) {
		html_printf(h, "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" "
		            "height=\"10\" fill=\"%s\" stroke=\"#5b6a70\" "
		            "stroke-width=\"0.5\"/><text x=\"%.0f\" y=\"%.0f\" "
		            "font-size=\"10\">%s</text>", x, y,
		            html_statuses[k].fill, x + 13, y + 9,
		            html_statuses[k].name);
		x += 62;
	}
	html_raw(h, "\n</svg>\n<figcaption>The actions of each goal by "
	         "status (the table below gives the numbers).</figcaption>\n"
	         "</figure>\n");
}

static void html_progress_counts(struct html *h, const struct progress *p)
{
	const char *heads[2 + HTML_NSTATUSES + HTML_NRAGS];
	heads[0] = "Goal";
	heads[1] = "Actions";
	for (size_t k = 0; k < HTML_NSTATUSES; k++)
		heads[2 + k] = html_statuses[k].name;
	for (size_t k = 0; k < HTML_NRAGS; k++)
		heads[2 + HTML_NSTATUSES + k] = html_rags[k].name;
	int ncols = (int)(sizeof heads / sizeof *heads);
	html_table_head(h, "progress-counts", heads, ncols);
	html_raw(h, "<tbody>\n");
	for (size_t i = 0; i <= p->ngoals; i++) {
		const struct progress_count *c = i < p->ngoals ? &p->goals[i]
		                                               : &p->total;
		html_raw(h, i < p->ngoals ? "<tr>" : "<tr class=\"total\">");
		html_raw(h, "<th scope=\"row\">");
		html_text(h, c->name);
		html_raw(h, "</th>");
		html_cell(h, "count", heads[1]);
		html_printf(h, "%zu</td>", c->actions);
		for (size_t k = 0; k < HTML_NSTATUSES; k++) {
			html_cell(h, "count", heads[2 + k]);
			html_share(h, c->status[html_statuses[k].status],
			           c->actions);
			html_raw(h, "</td>");
		}
		for (size_t k = 0; k < HTML_NRAGS; k++) {
			html_cell(h, "count", heads[2 + HTML_NSTATUSES + k]);
			html_share(h, c->rag[html_rags[k].rag], c->actions);
			html_raw(h, "</td>");
		}
		html_raw(h, "</tr>\n");
	}
	html_raw(h, "</tbody>\n</table>\n");
}

static void html_action_words(struct html *h, const struct plan_action *a)
{
	if (a->text != NULL)
		html_inlines(h, a->text->text);
}

static void html_status_label(struct html *h, enum action_status s)
{
	for (size_t k = 0; k < HTML_NSTATUSES; k++)
		if (html_statuses[k].status == s && s != STATUS_NONE)
			html_label(h, html_statuses[k].cls,
			           html_statuses[k].name);
}

/* A row's head (the action's ref) and its words, in the first cells. */
static void html_action_row_open(struct html *h, const struct progress_item *it,
                                 const char *action_head)
{
	html_raw(h, "<tr><th scope=\"row\">");
	html_text(h, it->ref);
	html_raw(h, "</th>");
	html_cell(h, NULL, action_head);
	html_action_words(h, it->action);
	html_raw(h, "</td>");
}

static void html_progress_overdue(struct html *h, const struct progress *p)
{
	static const char *const heads[] = {"Ref", "Action", "Due", "Lead",
	                                    "Status"};
	if (p->noverdue == 0) {
		html_raw(h, "<p>No action is overdue.</p>\n");
		return;
	}
	html_table_head(h, "overdue", heads, 5);
	html_raw(h, "<tbody>\n");
	for (size_t i = 0; i < p->noverdue; i++) {
		const struct plan_action *a = p->overdue[i].action;
		html_action_row_open(h, &p->overdue[i], heads[1]);
		html_cell(h, NULL, heads[2]);
		html_period(h, &a->due);
		html_raw(h, "</td>");
		html_cell(h, NULL, heads[3]);
		html_people(h, &a->leads);
		html_raw(h, "</td>");
		html_cell(h, NULL, heads[4]);
		html_status_label(h, a->status);
		html_raw(h, "</td></tr>\n");
	}
	html_raw(h, "</tbody>\n</table>\n");
}

static void html_progress_latest(struct html *h, const struct progress *p)
{
	static const char *const heads[] = {"Ref", "Action", "Status",
	                                    "Latest update"};
	html_table_head(h, "latest", heads, 4);
	html_raw(h, "<tbody>\n");
	for (size_t i = 0; i < p->nitems; i++) {
		const struct plan_action *a = p->items[i].action;
		const struct plan_update *last = a->updates;
		while (last && last->next)
			last = last->next;
		html_action_row_open(h, &p->items[i], heads[1]);
		html_cell(h, NULL, heads[2]);
		html_status_label(h, a->status);
		html_raw(h, "</td>");
		html_cell(h, NULL, heads[3]);
		if (last != NULL) {
			html_raw(h, "<strong>");
			html_period(h, &last->date);
			html_raw(h, ":</strong> ");
			if (last->text)
				html_inlines(h, last->text->text);
		} else {
			html_raw(h, "No update yet.");
		}
		html_raw(h, "</td></tr>\n");
	}
	html_raw(h, "</tbody>\n</table>\n");
}

static void html_progress_changes(struct html *h, const struct progress *p)
{
	html_raw(h, "<section id=\"changes\">\n<h2>What changed</h2>\n<p>"
	         "Since the version with fingerprint <code>");
	html_text(h, p->before->fingerprint);
	html_raw(h, "</code>.</p>\n");
	if (p->nchanges == 0) {
		html_raw(h, "<p>Nothing changed.</p>\n</section>\n");
		return;
	}
	html_raw(h, "<ul class=\"changes\">\n");
	for (size_t i = 0; i < p->nchanges; i++) {
		const struct progress_change *c = &p->changes[i];
		const char *ref = c->action->id ? c->action->id
		                  : c->action->ref ? c->action->ref : "";
		html_raw(h, "<li><strong>");
		html_text(h, ref);
		html_raw(h, "</strong> ");
		switch (c->kind) {
		case CHANGE_NEW_ACTION:
			html_raw(h, "is a new action: ");
			html_action_words(h, c->action);
			break;
		case CHANGE_STATUS: {
			const char *from = action_status_name(c->from);
			const char *to = action_status_name(c->action->status);
			html_raw(h, "moved from ");
			html_text(h, from ? from : "no status");
			html_raw(h, " to ");
			html_text(h, to ? to : "no status");
			html_raw(h, ".");
			break;
		}
		case CHANGE_NEW_UPDATE:
			html_raw(h, "has a new update (");
			html_period(h, &c->update->date);
			html_raw(h, ")");
			if (c->update->text) {
				html_raw(h, ": ");
				html_inlines(h, c->update->text->text);
			}
			break;
		case CHANGE_NEW_OVERDUE:
			html_raw(h, "is now overdue (due ");
			html_period(h, &c->action->due);
			html_raw(h, ").");
			break;
		}
		html_raw(h, "</li>\n");
	}
	html_raw(h, "</ul>\n</section>\n");
}

void html_progress(struct html *h)
{
	const struct progress *p = &h->doc->u.progress;
	html_report_open(h, p->title, p->subtitle);
	html_printf(h, "%zu actions (sub-actions included), %zu complete",
	            p->total.actions, p->total.status[STATUS_COMPLETE]);
	if (p->as_of.valid) {
		html_raw(h, "; as of ");
		html_date(h, &p->as_of);
		html_printf(h, ", %zu overdue", p->noverdue);
	}
	html_raw(h, ".</p>\n");
	html_progress_chart(h, p);
	html_progress_counts(h, p);
	html_raw(h, "</section>\n");
	if (p->before != NULL)
		html_progress_changes(h, p);
	if (p->as_of.valid) {
		html_raw(h, "<section id=\"overdue\">\n<h2>Overdue</h2>\n");
		html_progress_overdue(h, p);
		html_raw(h, "</section>\n");
	}
	html_raw(h, "<section id=\"latest\">\n<h2>Latest update of each "
	         "action</h2>\n");
	html_progress_latest(h, p);
	html_raw(h, "</section>\n");
}
