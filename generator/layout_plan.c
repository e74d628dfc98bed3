/* layout_plan.c - action plans, landscape: per goal a table of actions
 * (sub-actions indented), with due dates, leads, coloured labels that also
 * carry their word (status, RAG, priority, overdue) and progress updates;
 * then the key performance measures. */
#include "arena.h"
#include "layout_int.h"

#include <string.h>

enum { PLAN_ACTION, PLAN_MEASURE, PLAN_DUE, PLAN_LEAD, PLAN_STATUS,
       PLAN_PROGRESS, PLAN_COLS };

/* w: the width of the cell the label goes in */
static void plan_label(struct layout *L, struct lcell *c, double w,
                       const char *word, uint32_t fill, int light_text)
{
	layout_cell_label(L, c, word, fill,
	                  light_text ? 0xFFFFFF : L->st->text_colour, w);
}

static void plan_rag_label(struct layout *L, struct lcell *c, double w,
                           enum rag rag)
{
	const struct style *st = L->st;
	if (rag == RAG_NONE)
		return;
	const char *word = layout_printf(L, "RAG: %s", rag_name(rag));
	if (rag == RAG_RED)
		plan_label(L, c, w, word, st->red_colour, 1);
	else if (rag == RAG_AMBER)
		plan_label(L, c, w, word, st->amber_colour, 0);
	else
		plan_label(L, c, w, word, st->green_colour, 1);
}

static void plan_status_label(struct layout *L, struct lcell *c, double w,
                              enum action_status s)
{
	const struct style *st = L->st;
	switch (s) {
	case STATUS_NONE: break;
	case STATUS_NOT_STARTED:
		plan_label(L, c, w, action_status_name(s), st->neutral_colour, 0);
		break;
	case STATUS_IN_PROGRESS:
		plan_label(L, c, w, action_status_name(s), st->progress_colour, 0);
		break;
	case STATUS_COMPLETE:
		plan_label(L, c, w, action_status_name(s), st->green_colour, 1);
		break;
	case STATUS_BLOCKED:
		plan_label(L, c, w, action_status_name(s), st->red_colour, 1);
		break;
	}
}

static void plan_priority_label(struct layout *L, struct lcell *c, double w,
                                enum priority p)
{
	const struct style *st = L->st;
	if (p == PRIORITY_NONE)
		return;
	const char *word = layout_printf(L, "%s priority", priority_name(p));
	if (p == PRIORITY_IMMEDIATE)
		plan_label(L, c, w, word, st->red_colour, 1);
	else if (p == PRIORITY_HIGH)
		plan_label(L, c, w, word, st->amber_colour, 0);
	else
		plan_label(L, c, w, word, st->neutral_colour, 0);
}

/* "31/10/2026: " in bold before some inline text, as new inline nodes in
 * the layout's arena (the model is not touched). */
static const struct inline_node *plan_lead_in(struct layout *L,
                                              const char *lead,
                                              const struct inline_node *text)
{
	struct inline_node *strong = arena_alloc(L->a, sizeof *strong);
	struct inline_node *t = arena_alloc(L->a, sizeof *t);
	if (strong == NULL || t == NULL) {
		L->oom = 1;
		return text;
	}
	t->kind = INLINE_TEXT;
	t->text = lead;
	strong->kind = INLINE_STRONG;
	strong->child = t;
	strong->next = (struct inline_node *)text;
	return strong;
}

static void plan_action_rows(struct layout *L, const struct ltable *tb,
                             const struct plan_action *a,
                             struct lrow ***rows, size_t *n, size_t *cap)
{
	const struct style *st = L->st;
	for (; a != NULL && !L->oom; a = a->next) {
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		struct lcell *c = &row->cells[PLAN_ACTION];
		double w = layout_cell_width(tb, PLAN_ACTION);
		/* indented by depth, up to five levels */
		double dx = (a->depth < 5 ? a->depth : 5) * st->body_size * 1.2;
		/* the ref hangs to the left of the text */
		const char *ref = a->ref ? a->ref : "";
		double refw = layout_width(L, FACE_BOLD, st->body_size, ref,
		                           strlen(ref));
		double tdx = dx + (refw > 0 ? refw + st->body_size * 0.5 : 0);
		size_t first = c->n;
		enum face face = a->priority == PRIORITY_IMMEDIATE || a->depth == 0
		                 ? FACE_BOLD : FACE_REGULAR;
		if (a->text) {
			layout_cell_inline(L, c, a->text->text, face, w, tdx);
			for (const struct block *sub = a->text->child; sub;
			     sub = sub->next) {
				struct block one = *sub;
				one.next = NULL;
				layout_cell_blocks(L, c, &one, w, tdx);
			}
		}
		/* priority describes the action: its label goes under the
		 * text, where the column is wide enough for "Immediate
		 * priority" on one label */
		if (a->priority != PRIORITY_NONE) {
			size_t at = c->n;
			plan_priority_label(L, c, w - tdx, a->priority);
			for (size_t k = at; k < c->n; k++)
				c->items[k].dx = tdx;
		}
		if (c->n > first && ref[0]) {
			c->items[first].marker = ref;
			c->items[first].marker_dx = dx;
			c->items[first].marker_face = FACE_BOLD;
			c->items[first].marker_colour = st->accent_colour;
		}
		if (a->milestones) {
			layout_cell_gap(L, c, 4);
			size_t at = c->n;
			layout_cell_plain(L, c,
			                  L->doc->u.plan.labels.milestones,
			                  FACE_BOLD, st->muted_colour, w - tdx);
			for (size_t i = at; i < c->n; i++)
				c->items[i].dx = tdx;
			for (const struct plan_milestone *m = a->milestones; m;
			     m = m->next) {
				char due[48];
				mperiod_format(&m->due, due, sizeof due);
				const struct inline_node *text = m->text;
				if (due[0])
					text = plan_lead_in(
					    L, layout_printf(L, "%s: ", due), text);
				layout_cell_inline(L, c, text, FACE_REGULAR, w,
				                   tdx + st->body_size);
				if (m->status == STATUS_COMPLETE ||
				    m->status == STATUS_BLOCKED) {
					size_t at = c->n;
					plan_status_label(L, c, w - tdx - st->body_size,
					                  m->status);
					for (size_t k = at; k < c->n; k++)
						c->items[k].dx =
						    tdx + st->body_size;
				}
			}
		}
		for (const struct plan_note *nt = a->notes; nt; nt = nt->next) {
			layout_cell_gap(L, c, 4);
			layout_cell_inline(L, c, plan_lead_in(L, "Internal note: ",
			                                      nt->text),
			                   FACE_ITALIC, w, tdx);
		}

		layout_cell_inline(L, &row->cells[PLAN_MEASURE], a->measure,
		                   FACE_REGULAR,
		                   layout_cell_width(tb, PLAN_MEASURE), 0);
		if (a->due.text) {
			char due[48];
			mperiod_format_short(&a->due, due, sizeof due);
			layout_cell_plain(L, &row->cells[PLAN_DUE],
			                  layout_printf(L, "%s", due),
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(tb, PLAN_DUE));
		}
		if (a->overdue)
			plan_label(L, &row->cells[PLAN_DUE],
			           layout_cell_width(tb, PLAN_DUE),
			           L->doc->u.plan.labels.overdue, st->red_colour,
			           1);
		if (a->leads.n)
			layout_cell_plain(L, &row->cells[PLAN_LEAD],
			                  layout_people(L, &a->leads), FACE_REGULAR,
			                  st->text_colour,
			                  layout_cell_width(tb, PLAN_LEAD));
		struct lcell *sc = &row->cells[PLAN_STATUS];
		double sw = layout_cell_width(tb, PLAN_STATUS);
		plan_status_label(L, sc, sw, a->status);
		plan_rag_label(L, sc, sw, a->rag);

		struct lcell *pc = &row->cells[PLAN_PROGRESS];
		double pw = layout_cell_width(tb, PLAN_PROGRESS);
		for (const struct plan_update *u = a->updates; u; u = u->next) {
			if (u != a->updates)
				layout_cell_gap(L, pc, st->paragraph_gap * 0.6);
			char date[48];
			mperiod_format(&u->date, date, sizeof date);
			const struct inline_node *text = u->text ? u->text->text
			                                         : NULL;
			if (date[0])
				text = plan_lead_in(L, layout_printf(L, "%s: ",
				                                     date), text);
			layout_cell_inline(L, pc, text, FACE_REGULAR, pw, 0);
			if (u->text)
				for (const struct block *sub = u->text->child;
				     sub; sub = sub->next) {
					struct block one = *sub;
					one.next = NULL;
					layout_cell_blocks(L, pc, &one, pw, 0);
				}
			plan_rag_label(L, pc, pw, u->rag);
		}
		layout_row_finish(row, PLAN_COLS);
		layout_push_row(L, rows, n, cap, row);
		plan_action_rows(L, tb, a->children, rows, n, cap);
	}
}

static void plan_objectives(struct layout *L, const struct plan_objective *o,
                            struct lcell *c, double width)
{
	for (; o != NULL; o = o->next)
		layout_cell_inline(L, c, o->text, FACE_ITALIC, width, 0);
}

static void plan_goal(struct layout *L, const struct action_plan *pl,
                      const struct plan_goal *g)
{
	const struct style *st = L->st;
	const struct plan_labels *lb = &pl->labels;
	const char *title = g->ref ? layout_printf(L, "%s. %s", g->ref, g->title)
	                           : g->title;
	struct lcell obj = {0};
	plan_objectives(L, g->objectives, &obj, L->right - L->left);

	struct ltable tb = {0};
	/* Due fits "30/09/2026" and Status the labels "Not started",
	 * "RAG: Amber" and "High priority" at 12 pt */
	static const double weights[PLAN_COLS] = {0.24, 0.11, 0.108, 0.11,
	                                          0.15, 0.282};
	layout_table_columns(L, &tb, PLAN_COLS, weights);
	const char *heads[PLAN_COLS] = {lb->action, lb->measure, lb->due,
	                                lb->lead, lb->status, lb->progress};
	tb.header = layout_header_row(L, &tb, heads);

	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (const struct plan_area *ar = g->areas; ar && !L->oom;
	     ar = ar->next) {
		if (ar->title) {
			struct lrow *band = layout_band_row(L, &tb, ar->title,
			                                    ar->title);
			if (band && ar->objectives) {
				plan_objectives(L, ar->objectives,
				                &band->cells[0],
				                tb.x[tb.ncols] - tb.x[0] -
				                    2 * LAYOUT_CELL_PAD);
				layout_row_finish(band, tb.ncols);
			}
			layout_push_row(L, &rows, &n, &cap, band);
		}
		plan_action_rows(L, &tb, ar->actions, &rows, &n, &cap);
	}
	/* the heading stays with its objectives and the table's start */
	double gap = obj.n ? st->paragraph_gap : 0;
	layout_heading_keep(L, title, 0, st->heading_size, 0,
	                    obj.h + gap + layout_table_start(L, &tb, rows, n));
	layout_flow_cell(L, &obj, L->left, L->right - L->left);
	L->y -= gap;
	layout_table_rows(L, &tb, rows, n);
	L->y -= st->paragraph_gap * 2;
}

static void plan_kpis(struct layout *L, const struct action_plan *pl)
{
	const struct style *st = L->st;
	const struct plan_labels *lb = &pl->labels;
	layout_heading(L, pl->kpis_title, 0, st->heading_size, 0);
	struct ltable tb = {0};
	static const double weights[5] = {0.30, 0.14, 0.14, 0.12, 0.30};
	layout_table_columns(L, &tb, 5, weights);
	const char *heads[5] = {lb->kpi, lb->baseline, lb->target, lb->lead,
	                        lb->readings};
	tb.header = layout_header_row(L, &tb, heads);
	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (const struct plan_kpi *k = pl->kpis; k && !L->oom; k = k->next) {
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		layout_cell_plain(L, &row->cells[0], k->title, FACE_BOLD,
		                  st->text_colour, layout_cell_width(&tb, 0));
		if (k->baseline)
			layout_cell_plain(L, &row->cells[1], k->baseline,
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, 1));
		if (k->target)
			layout_cell_plain(L, &row->cells[2], k->target,
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, 2));
		if (k->leads.n)
			layout_cell_plain(L, &row->cells[3],
			                  layout_people(L, &k->leads), FACE_REGULAR,
			                  st->text_colour,
			                  layout_cell_width(&tb, 3));
		for (const struct plan_reading *r = k->readings; r;
		     r = r->next) {
			char period[48];
			mperiod_format(&r->period, period, sizeof period);
			layout_cell_plain(L, &row->cells[4],
			                  layout_printf(L, "%s: %s", period,
			                                r->value ? r->value : ""),
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, 4));
			plan_rag_label(L, &row->cells[4],
			               layout_cell_width(&tb, 4), r->rag);
		}
		layout_row_finish(row, 5);
		layout_push_row(L, &rows, &n, &cap, row);
	}
	layout_table_rows(L, &tb, rows, n);
	L->y -= st->paragraph_gap * 2;
}

static void plan_people_table(struct layout *L, const struct action_plan *pl)
{
	int named = 0;
	for (const struct person *p = pl->people; p; p = p->next)
		named |= p->name != NULL || p->role != NULL;
	if (!named)
		return;
	const struct style *st = L->st;
	layout_heading(L, pl->labels.people, 0, st->heading_size, 0);
	struct ltable tb = {0};
	static const double weights[3] = {0.15, 0.35, 0.50};
	layout_table_columns(L, &tb, 3, weights);
	const char *heads[3] = {"Id", "Name", "Role"};
	tb.header = layout_header_row(L, &tb, heads);
	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (const struct person *p = pl->people; p && !L->oom; p = p->next) {
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		layout_cell_plain(L, &row->cells[0], p->id, FACE_BOLD,
		                  st->text_colour, layout_cell_width(&tb, 0));
		if (p->name)
			layout_cell_plain(L, &row->cells[1], p->name,
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, 1));
		if (p->role)
			layout_cell_plain(L, &row->cells[2], p->role,
			                  FACE_REGULAR, st->text_colour,
			                  layout_cell_width(&tb, 2));
		layout_row_finish(row, 3);
		layout_push_row(L, &rows, &n, &cap, row);
	}
	layout_table_rows(L, &tb, rows, n);
	L->y -= st->paragraph_gap * 2;
}

void layout_plan(struct layout *L)
{
	const struct action_plan *pl = &L->doc->u.plan;
	L->ld->subject = pl->subtitle;
	const char *band = NULL;
	if (pl->as_of.valid) {
		char date[11];
		mdate_format(&pl->as_of, date);
		band = layout_printf(L, "Progress as of %s", date);
	}
	layout_title_block(L, pl->title, pl->subtitle, band, NULL);
	layout_blocks(L, pl->intro, L->left, L->right - L->left, 0);
	plan_people_table(L, pl);
	for (const struct plan_goal *g = pl->goals; g && !L->oom; g = g->next)
		plan_goal(L, pl, g);
	if (pl->kpis)
		plan_kpis(L, pl);
	layout_blocks(L, pl->outro, L->left, L->right - L->left, 0);
	layout_page_furniture(L, pl->title, pl->subtitle,
	                      layout_printf(L, "Source %s",
	                                    L->doc->fingerprint));
}
