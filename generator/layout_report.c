/* layout_report.c - the signatories register on paper: the summary, a bar
 * chart drawn as rectangles (one per step, as long as its count is of the
 * longest), the counts as a table, and the list of signatories. */
#include "layout_int.h"

#include <string.h>

/* The chart: step names in a column on the left, bars to their right,
 * each count printed after its bar. */
static void layout_tally_chart(struct layout *L, const struct signatories *s)
{
	const struct style *st = L->st;
	double size = st->body_size, bar_h = size * 0.9, gap = size * 0.6;
	double label_w = 0;
	for (size_t i = 0; i < s->ntally; i++) {
		const char *name = s->tally[i].step->name;
		double w = layout_width(L, FACE_REGULAR, size, name,
		                        strlen(name));
		if (w > label_w)
			label_w = w;
	}
	if (label_w > (L->right - L->left) / 2)
		label_w = (L->right - L->left) / 2;
	double x0 = L->left + label_w + size;
	double count_w = layout_width(L, FACE_REGULAR, size, "0000", 4);
	double bar_max = L->right - x0 - count_w - size / 2;
	for (size_t i = 0; i < s->ntally; i++) {
		const struct step_tally *t = &s->tally[i];
		layout_need(L, bar_h + gap);
		double top = L->y;
		double base = layout_baseline(top, size, bar_h + gap);
		const char *name = layout_fit(L, t->step->name, FACE_REGULAR,
		                              size, label_w);
		layout_text_box(L, L->left, base, FACE_REGULAR, size,
		                st->text_colour, name, strlen(name));
		double w = s->max_count ? bar_max * (double)t->count /
		                              (double)s->max_count : 0;
		if (w > 0)
			layout_rect(L, x0, top - gap / 2 - bar_h, w, bar_h, 1,
			            st->accent_colour, 0, 0);
		const char *n = layout_printf(L, "%zu", t->count);
		layout_text_box(L, x0 + w + size / 3, base, FACE_REGULAR, size,
		                st->text_colour, n, strlen(n));
		L->y -= bar_h + gap;
	}
	L->y -= st->paragraph_gap;
}

static void layout_tally_table(struct layout *L, const struct signatories *s)
{
	const struct style *st = L->st;
	struct ltable tb = {0};
	static const double weights[] = {0.3, 0.58, 0.12};
	layout_table_columns(L, &tb, 3, weights);
	tb.keep_rows = 1;
	static const char *const heads[] = {"Action point", "Step", "Count"};
	tb.header = layout_header_row(L, &tb, heads);
	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < s->ntally && !L->oom; i++) {
		const struct step_tally *t = &s->tally[i];
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		layout_cell_plain(L, &row->cells[0],
		                  i == 0 || s->tally[i - 1].action_point !=
		                                t->action_point
		                      ? t->action_point->title : "",
		                  FACE_BOLD, st->text_colour,
		                  layout_cell_width(&tb, 0));
		layout_cell_inline(L, &row->cells[1], t->step->text,
		                   FACE_REGULAR, layout_cell_width(&tb, 1), 0);
		layout_cell_plain(L, &row->cells[2],
		                  layout_printf(L, "%zu", t->count), FACE_REGULAR,
		                  st->text_colour, layout_cell_width(&tb, 2));
		layout_row_finish(row, 3);
		layout_push_row(L, &rows, &n, &cap, row);
	}
	layout_table_rows(L, &tb, rows, n);
	L->y -= st->paragraph_gap * 2;
}

static void layout_signatory_table(struct layout *L,
                                   const struct signatories *s)
{
	const struct style *st = L->st;
	struct ltable tb = {0};
	static const double weights[] = {0.24, 0.16, 0.44, 0.16};
	layout_table_columns(L, &tb, 4, weights);
	tb.keep_rows = 1;
	static const char *const heads[] = {"Authority", "Signed",
	                                    "Steps committed to",
	                                    "Report due"};
	tb.header = layout_header_row(L, &tb, heads);
	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < s->n && !L->oom; i++) {
		const struct pledge *p = &s->v[i].pledge->u.pledge;
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		char date[11];
		layout_cell_plain(L, &row->cells[0], p->authority, FACE_BOLD,
		                  st->text_colour, layout_cell_width(&tb, 0));
		mdate_format(&p->signed_on, date);
		layout_cell_plain(L, &row->cells[1], layout_printf(L, "%s", date),
		                  FACE_REGULAR, st->text_colour,
		                  layout_cell_width(&tb, 1));
		/* a line per action point: "id: step, step" */
		const char *line = NULL;
		const struct action_point *ap = NULL;
		for (size_t t = 0; t <= s->ntally; t++) {
			const struct step_tally *k =
			    t < s->ntally ? &s->tally[t] : NULL;
			if (k && !p->commit_for_step[k->step->ordinal])
				continue;
			if (line && (!k || k->action_point != ap)) {
				layout_cell_plain(L, &row->cells[2], line,
				                  FACE_REGULAR, st->text_colour,
				                  layout_cell_width(&tb, 2));
				line = NULL;
			}
			if (k == NULL)
				break;
			ap = k->action_point;
			line = line ? layout_printf(L, "%s, %s", line,
			                            k->step->id)
			            : layout_printf(L, "%s: %s", ap->id,
			                            k->step->id);
		}
		if (p->report_due.text) {
			mdate_format(&p->report_due, date);
			layout_cell_plain(L, &row->cells[3],
			                  layout_printf(L, "%s", date),
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, 3));
		}
		if (s->v[i].report_overdue)
			layout_cell_label(L, &row->cells[3], "Overdue",
			                  st->red_colour, 0xFFFFFF,
			                  layout_cell_width(&tb, 3));
		layout_row_finish(row, 4);
		row->mark = p->authority;
		layout_push_row(L, &rows, &n, &cap, row);
	}
	layout_table_rows(L, &tb, rows, n);
}

void layout_signatories(struct layout *L)
{
	const struct signatories *s = &L->doc->u.signatories;
	const struct style *st = L->st;
	L->ld->subject = s->subtitle;
	layout_title_block(L, s->title, s->subtitle, NULL, NULL);
	layout_heading(L, "Summary", 0, st->heading_size, 0);
	struct ltext t = {0};
	const char *line = layout_printf(L, "%zu %s signed.", s->n,
	                                 s->n == 1 ? "authority has"
	                                           : "authorities have");
	if (s->as_of.valid) {
		char date[11];
		mdate_format(&s->as_of, date);
		line = layout_printf(L, "%s As of %s, %zu progress %s overdue.",
		                     line, date, s->noverdue,
		                     s->noverdue == 1 ? "report is"
		                                      : "reports are");
	}
	layout_wrap_text(L, line, FACE_REGULAR, st->text_colour, st->body_size,
	                 L->right - L->left, &t);
	layout_flow(L, &t, L->left);
	L->y -= st->paragraph_gap;
	layout_tally_chart(L, s);
	layout_tally_table(L, s);
	layout_heading(L, "Signatories", 0, st->heading_size, 0);
	layout_signatory_table(L, s);
	layout_page_furniture(L, s->title, "Signatories",
	                      layout_printf(L, "Source %s",
	                                    L->doc->fingerprint));
}
