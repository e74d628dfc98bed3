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
	static const double weights[] = {0.19, 0.14, 0.35, 0.18, 0.14};
	layout_table_columns(L, &tb, 5, weights);
	tb.keep_rows = 1;
	static const char *const heads[] = {"Authority", "Signed",
	                                    "Steps committed to",
	                                    "Support asked for", "Report due"};
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
		for (const struct pledge_support *u = p->supports; u;
		     u = u->next)
			if (u->option)
				layout_cell_inline(L, &row->cells[3],
				                   u->option->text, FACE_REGULAR,
				                   layout_cell_width(&tb, 3), 0);
		if (p->support_other)
			layout_cell_plain(L, &row->cells[3], p->support_other,
			                  FACE_ITALIC, st->text_colour,
			                  layout_cell_width(&tb, 3));
		if (p->report_due.text) {
			mdate_format(&p->report_due, date);
			layout_cell_plain(L, &row->cells[4],
			                  layout_printf(L, "%s", date),
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, 4));
		}
		if (s->v[i].report_overdue)
			layout_cell_label(L, &row->cells[4], "Overdue",
			                  st->red_colour, 0xFFFFFF,
			                  layout_cell_width(&tb, 4));
		layout_row_finish(row, 5);
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

/* ---- progress ---- */

/* Statuses in the report's order, with the colours of the plan's labels
 * (light fills carry the text colour, dark ones white). */
struct layout_status {
	enum action_status status;
	const char *name;
};

static const struct layout_status layout_statuses[] = {
	{STATUS_COMPLETE, "Complete"}, {STATUS_IN_PROGRESS, "In progress"},
	{STATUS_NOT_STARTED, "Not started"}, {STATUS_BLOCKED, "Blocked"},
	{STATUS_NONE, "No status"}};
#define LAYOUT_NSTATUSES 5

static uint32_t layout_status_fill(const struct style *st,
                                   enum action_status s)
{
	switch (s) {
	case STATUS_COMPLETE: return st->green_colour;
	case STATUS_IN_PROGRESS: return st->progress_colour;
	case STATUS_NOT_STARTED: return st->neutral_colour;
	case STATUS_BLOCKED: return st->red_colour;
	case STATUS_NONE: break;
	}
	return 0xFFFFFF;
}

static const char *layout_share(struct layout *L, size_t n, size_t of)
{
	return layout_printf(L, "%zu (%zu%%)", n,
	                     of ? (n * 200 + of) / (2 * of) : 0);
}

/* A stacked bar per goal and one for the whole plan, then the key. */
static void layout_progress_chart(struct layout *L, const struct progress *p)
{
	const struct style *st = L->st;
	double size = st->body_size, bar_h = size * 1.1, gap = size * 0.6;
	double label_w = (L->right - L->left) * 0.35;
	double x0 = L->left + label_w + size, bar_max = L->right - x0;
	for (size_t i = 0; i <= p->ngoals && !L->oom; i++) {
		const struct progress_count *c = i < p->ngoals ? &p->goals[i]
		                                               : &p->total;
		layout_need(L, bar_h + gap);
		double top = L->y;
		const char *name = layout_fit(L, c->name,
		                              i < p->ngoals ? FACE_REGULAR
		                                            : FACE_BOLD,
		                              size, label_w);
		layout_text_box(L, L->left, layout_baseline(top, size,
		                                             bar_h + gap),
		                i < p->ngoals ? FACE_REGULAR : FACE_BOLD, size,
		                st->text_colour, name, strlen(name));
		double x = x0;
		for (size_t k = 0; k < LAYOUT_NSTATUSES; k++) {
			size_t n = c->status[layout_statuses[k].status];
			if (n == 0 || c->actions == 0)
				continue;
			double w = bar_max * (double)n / (double)c->actions;
			layout_rect(L, x, top - gap / 2 - bar_h, w, bar_h, 1,
			            layout_status_fill(st,
			                               layout_statuses[k].status),
			            0.5, st->rule_colour);
			x += w;
		}
		L->y -= bar_h + gap;
	}
	/* the key, on one line */
	layout_need(L, size * 2);
	double x = x0, top = L->y;
	for (size_t k = 0; k < LAYOUT_NSTATUSES; k++) {
		const char *name = layout_statuses[k].name;
		layout_rect(L, x, top - size, size * 0.8, size * 0.8, 1,
		            layout_status_fill(st, layout_statuses[k].status),
		            0.5, st->rule_colour);
		layout_text_box(L, x + size, top - size * 0.9, FACE_REGULAR,
		                size * 0.85, st->text_colour, name, strlen(name));
		x += size * 1.6 + layout_width(L, FACE_REGULAR, size * 0.85,
		                               name, strlen(name));
	}
	L->y -= size * 2 + st->paragraph_gap;
}

static void layout_progress_counts(struct layout *L, const struct progress *p,
                                   int rag)
{
	const struct style *st = L->st;
	struct ltable tb = {0};
	static const double status_w[] = {0.31, 0.09, 0.12, 0.12, 0.12, 0.12,
	                                  0.12};
	static const double rag_w[] = {0.4, 0.15, 0.15, 0.15, 0.15};
	static const char *const status_heads[] = {
	    "Goal", "Actions", "Complete", "In progress", "Not started",
	    "Blocked", "No status"};
	static const char *const rag_heads[] = {"Goal", "Red", "Amber",
	                                        "Green", "No RAG"};
	static const enum rag rags[] = {RAG_RED, RAG_AMBER, RAG_GREEN,
	                                RAG_NONE};
	int ncols = rag ? 5 : 7;
	layout_table_columns(L, &tb, ncols, rag ? rag_w : status_w);
	tb.keep_rows = 1;
	tb.header = layout_header_row(L, &tb, rag ? rag_heads : status_heads);
	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i <= p->ngoals && !L->oom; i++) {
		const struct progress_count *c = i < p->ngoals ? &p->goals[i]
		                                               : &p->total;
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		layout_cell_plain(L, &row->cells[0], c->name,
		                  FACE_BOLD, st->text_colour,
		                  layout_cell_width(&tb, 0));
		int col = 1;
		if (!rag)
			layout_cell_plain(L, &row->cells[col++],
			                  layout_printf(L, "%zu", c->actions),
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, 1));
		for (; col < ncols; col++) {
			size_t v = rag ? c->rag[rags[col - 1]]
			               : c->status[layout_statuses[col - 2].status];
			layout_cell_plain(L, &row->cells[col],
			                  layout_share(L, v, c->actions),
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, col));
		}
		layout_row_finish(row, ncols);
		if (i == p->ngoals) {
			row->filled = 1;
			row->fill = st->band_colour;
		}
		layout_push_row(L, &rows, &n, &cap, row);
	}
	layout_table_rows(L, &tb, rows, n);
	L->y -= st->paragraph_gap * 2;
}

static void layout_progress_status(struct layout *L, struct lcell *c,
                                   enum action_status s, double width)
{
	const char *name = action_status_name(s);
	if (name == NULL)
		return;
	int light = s == STATUS_COMPLETE || s == STATUS_BLOCKED;
	layout_cell_label(L, c, name, layout_status_fill(L->st, s),
	                  light ? 0xFFFFFF : L->st->text_colour, width);
}

/* The overdue actions (latest: 0) or every action with its latest update
 * (latest: 1). */
static void layout_progress_actions(struct layout *L,
                                    const struct progress_item *items,
                                    size_t nitems, int latest)
{
	const struct style *st = L->st;
	struct ltable tb = {0};
	static const double overdue_w[] = {0.1, 0.5, 0.14, 0.14, 0.12};
	static const double latest_w[] = {0.1, 0.38, 0.12, 0.4};
	static const char *const overdue_heads[] = {"Ref", "Action", "Due",
	                                            "Lead", "Status"};
	static const char *const latest_heads[] = {"Ref", "Action", "Status",
	                                           "Latest update"};
	int ncols = latest ? 4 : 5;
	layout_table_columns(L, &tb, ncols, latest ? latest_w : overdue_w);
	tb.header = layout_header_row(L, &tb,
	                              latest ? latest_heads : overdue_heads);
	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < nitems && !L->oom; i++) {
		const struct plan_action *a = items[i].action;
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		layout_cell_plain(L, &row->cells[0], items[i].ref, FACE_BOLD,
		                  st->text_colour, layout_cell_width(&tb, 0));
		if (a->text)
			layout_cell_inline(L, &row->cells[1], a->text->text,
			                   FACE_REGULAR, layout_cell_width(&tb, 1),
			                   0);
		if (latest) {
			layout_progress_status(L, &row->cells[2], a->status,
			                       layout_cell_width(&tb, 2));
			const struct plan_update *u = a->updates;
			while (u && u->next)
				u = u->next;
			if (u != NULL) {
				char when[64];
				mperiod_format(&u->date, when, sizeof when);
				layout_cell_plain(L, &row->cells[3],
				                  layout_printf(L, "%s:", when),
				                  FACE_BOLD, st->text_colour,
				                  layout_cell_width(&tb, 3));
				if (u->text)
					layout_cell_inline(
					    L, &row->cells[3], u->text->text,
					    FACE_REGULAR,
					    layout_cell_width(&tb, 3), 0);
			} else {
				layout_cell_plain(L, &row->cells[3],
				                  "No update yet.", FACE_ITALIC,
				                  st->muted_colour,
				                  layout_cell_width(&tb, 3));
			}
		} else {
			char due[64];
			mperiod_format(&a->due, due, sizeof due);
			layout_cell_plain(L, &row->cells[2],
			                  layout_printf(L, "%s", due), FACE_REGULAR,
			                  st->text_colour,
			                  layout_cell_width(&tb, 2));
			layout_cell_plain(L, &row->cells[3],
			                  layout_people(L, &a->leads), FACE_REGULAR,
			                  st->text_colour,
			                  layout_cell_width(&tb, 3));
			layout_progress_status(L, &row->cells[4], a->status,
			                       layout_cell_width(&tb, 4));
		}
		layout_row_finish(row, ncols);
		layout_push_row(L, &rows, &n, &cap, row);
	}
	layout_table_rows(L, &tb, rows, n);
	L->y -= st->paragraph_gap * 2;
}

static void layout_line_of_text(struct layout *L, const char *text,
                                enum face face)
{
	struct ltext t = {0};
	layout_wrap_text(L, text, face, L->st->text_colour, L->st->body_size,
	                 L->right - L->left, &t);
	layout_flow(L, &t, L->left);
}

static void layout_progress_changes(struct layout *L,
                                    const struct progress *p)
{
	layout_heading(L, "What changed", 0, L->st->heading_size, 0);
	layout_line_of_text(L, layout_printf(L, "Since the version with "
	                                     "fingerprint %s.",
	                                     p->before->fingerprint),
	                    FACE_REGULAR);
	L->y -= L->st->paragraph_gap;
	if (p->nchanges == 0)
		layout_line_of_text(L, "Nothing changed.", FACE_REGULAR);
	for (size_t i = 0; i < p->nchanges && !L->oom; i++) {
		const struct progress_change *c = &p->changes[i];
		const char *ref = c->action->id ? c->action->id
		                  : c->action->ref ? c->action->ref : "";
		const char *what = "";
		char when[64];
		switch (c->kind) {
		case CHANGE_NEW_ACTION:
			what = layout_printf(
			    L, "%s is a new action: %s", ref,
			    c->action->text
			        ? inline_plain_text(L->a, c->action->text->text)
			        : "");
			break;
		case CHANGE_STATUS: {
			const char *from = action_status_name(c->from);
			const char *to = action_status_name(c->action->status);
			what = layout_printf(L, "%s moved from %s to %s.", ref,
			                     from ? from : "no status",
			                     to ? to : "no status");
			break;
		}
		case CHANGE_NEW_UPDATE:
			mperiod_format(&c->update->date, when, sizeof when);
			what = layout_printf(L, "%s has a new update (%s).", ref,
			                     when);
			break;
		case CHANGE_NEW_OVERDUE:
			mperiod_format(&c->action->due, when, sizeof when);
			what = layout_printf(L, "%s is now overdue (due %s).",
			                     ref, when);
			break;
		}
		layout_line_of_text(L, what ? what : "", FACE_REGULAR);
	}
	L->y -= L->st->paragraph_gap * 2;
}

void layout_progress(struct layout *L)
{
	const struct progress *p = &L->doc->u.progress;
	const struct style *st = L->st;
	L->ld->subject = p->subtitle;
	layout_title_block(L, p->title, p->subtitle, NULL, NULL);
	layout_heading(L, "Summary", 0, st->heading_size, 0);
	const char *line = layout_printf(
	    L, "%zu actions (sub-actions included), %zu complete",
	    p->total.actions, p->total.status[STATUS_COMPLETE]);
	if (p->as_of.valid) {
		char date[11];
		mdate_format(&p->as_of, date);
		line = layout_printf(L, "%s; as of %s, %zu overdue", line, date,
		                     p->noverdue);
	}
	layout_line_of_text(L, layout_printf(L, "%s.", line), FACE_REGULAR);
	L->y -= st->paragraph_gap;
	layout_progress_chart(L, p);
	layout_progress_counts(L, p, 0);
	layout_progress_counts(L, p, 1);
	if (p->before != NULL)
		layout_progress_changes(L, p);
	if (p->as_of.valid) {
		layout_heading(L, "Overdue", 0, st->heading_size, 0);
		if (p->noverdue == 0)
			layout_line_of_text(L, "No action is overdue.",
			                    FACE_REGULAR);
		else
			layout_progress_actions(L, p->overdue, p->noverdue, 0);
	}
	layout_heading(L, "Latest update of each action", 0, st->heading_size,
	               0);
	layout_progress_actions(L, p->items, p->nitems, 1);
	layout_page_furniture(L, p->title, "Progress",
	                      layout_printf(L, "Source %s",
	                                    L->doc->fingerprint));
}
