/* html_report.c - the signatories register in HTML: the summary with its
 * bar chart (SVG, drawn from the same counts as the table beside it), the
 * steps with their counts, and the list of signatories. */
#include "html_int.h"

#include <stdio.h>

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
	                                    "Report due"};
	html_table_head(h, "signatories", heads, 4);
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
	html_header(h, s->title, s->subtitle);
	html_raw(h, "</header>\n<main>\n<section id=\"summary\">\n<h2>"
	         "Summary</h2>\n<p>");
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
