/* layout_pledge.c - the pledge form and signed pledges: the action-point
 * table with tick boxes and deadlines, the support checklist, the report
 * date, and the contact and signature block. */
#include "arena.h"
#include "layout_int.h"

#include <string.h>

static void layout_action_table(struct layout *L, const struct pledge_form *f,
                                const struct pledge *pl)
{
	const struct style *st = L->st;
	const struct pledge_labels *lb = &f->labels;
	double size = st->body_size, lead = size * st->leading;
	double width = L->right - L->left;
	struct ltable tb = {0};
	tb.ncols = 4;
	tb.keep_rows = 1;   /* an action point is read and ticked as one */
	/* tick and deadline columns sized for their content */
	double tick_w = layout_width(L, FACE_BOLD, size, lb->tick,
	                             strlen(lb->tick)) + 2 * LAYOUT_CELL_PAD;
	if (tick_w < st->tick_size * 3)
		tick_w = st->tick_size * 3;
	double date_w = layout_width(L, FACE_REGULAR, size, "00/00/0000", 10) +
	                2 * LAYOUT_CELL_PAD + 2;
	double rest = width - tick_w - date_w;
	tb.x[0] = L->left;
	tb.x[1] = L->left + rest * 0.34;
	tb.x[2] = L->left + rest;
	tb.x[3] = tb.x[2] + tick_w;
	tb.x[4] = L->right;

	struct lrow *hdr = layout_new_row(L);
	if (hdr == NULL)
		return;
	const char *heads[4] = {lb->action_point, lb->steps, lb->tick,
	                        lb->deadline};
	for (int i = 0; i < 4; i++) {
		struct ltext *t = arena_alloc(L->a, sizeof *t);
		if (t == NULL) {
			L->oom = 1;
			return;
		}
		layout_wrap_text(L, heads[i], FACE_BOLD, st->text_colour, size,
		                 layout_cell_width(&tb, i), t);
		layout_cell_text(L, &hdr->cells[i], t);
	}
	hdr->filled = 1;
	hdr->fill = st->fill_colour;
	layout_row_finish(hdr, 4);
	tb.header = hdr;

	/* Rows are built first so a group band can be kept with the row
	 * after it and the header with the first rows. */
	struct lrow **rows = NULL;
	size_t nrows = 0, rcap = 0;

	for (const struct pledge_group *g = f->groups; g && !L->oom;
	     g = g->next) {
		struct lrow *band = layout_new_row(L);
		struct ltext *t = arena_alloc(L->a, sizeof *t);
		if (band == NULL || t == NULL) {
			L->oom = 1;
			return;
		}
		band->span_all = 1;
		band->filled = 1;
		band->fill = st->band_colour;
		band->mark = g->title;
		layout_wrap_text(L, g->title, FACE_BOLD, st->accent_colour,
		                 size, width - 2 * LAYOUT_CELL_PAD, t);
		layout_cell_text(L, &band->cells[0], t);
		layout_row_finish(band, 4);
		if (arena_grow(L->a, (void **)&rows, &rcap, nrows + 1,
		               sizeof *rows) != 0) {
			L->oom = 1;
			return;
		}
		rows[nrows++] = band;

		for (const struct action_point *a = g->action_points;
		     a && !L->oom; a = a->next) {
			struct lrow *row = layout_new_row(L);
			struct ltext *tt = arena_alloc(L->a, sizeof *tt);
			if (row == NULL || tt == NULL) {
				L->oom = 1;
				return;
			}
			layout_wrap_text(L, a->title, FACE_BOLD,
			                 st->text_colour, size,
			                 layout_cell_width(&tb, 0), tt);
			layout_cell_text(L, &row->cells[0], tt);
			for (const struct pledge_step *s = a->steps; s;
			     s = s->next) {
				const struct pledge_commit *k =
				    pl ? pl->commit_for_step[s->ordinal] : NULL;
				struct ltext *st_text =
				    arena_alloc(L->a, sizeof *st_text);
				if (st_text == NULL) {
					L->oom = 1;
					return;
				}
				layout_wrap_inline(L, s->text, FACE_REGULAR,
				                   size,
				                   layout_cell_width(&tb, 1),
				                   st_text);
				double band_h = st_text->n * lead;
				if (band_h < lead)
					band_h = lead;
				double base = row->cells[1].h;
				layout_cell_text(L, &row->cells[1], st_text);
				struct litem *tick = layout_cell_add(
				    L, &row->cells[2], ITEM_TICK, lead);
				if (tick != NULL)
					tick->ticked = k != NULL;
				if (k != NULL && k->by.valid) {
					char *date = arena_alloc(L->a, 11);
					struct ltext *dt =
					    arena_alloc(L->a, sizeof *dt);
					if (date == NULL || dt == NULL) {
						L->oom = 1;
						return;
					}
					mdate_format(&k->by, date);
					layout_wrap_text(
					    L, date, FACE_REGULAR,
					    st->text_colour, size,
					    layout_cell_width(&tb, 3), dt);
					layout_cell_text(L, &row->cells[3], dt);
				}
				for (int c = 1; c <= 3; c++)
					layout_cell_pad_to(L, &row->cells[c],
					                   base + band_h);
				if (s->next != NULL)
					for (int c = 1; c <= 3; c++)
						layout_cell_add(
						    L, &row->cells[c], ITEM_RULE,
						    2 * LAYOUT_CELL_PAD);
			}
			layout_row_finish(row, 4);
			if (arena_grow(L->a, (void **)&rows, &rcap, nrows + 1,
			               sizeof *rows) != 0) {
				L->oom = 1;
				return;
			}
			rows[nrows++] = row;
		}
	}
	layout_table_rows(L, &tb, rows, nrows);
	L->y -= st->paragraph_gap * 2;
}

/* A label and either a value or a line to write on by hand. */

static void layout_support(struct layout *L, const struct pledge_form *f,
                           const struct pledge *pl)
{
	const struct style *st = L->st;
	double size = st->body_size, lead = size * st->leading;
	double indent = st->tick_size + 10;
	/* the checklist is short: keep it whole with its heading */
	double keep = f->has_other ? 3 * lead + 6 : 0;
	for (const struct support_option *o = f->options; o; o = o->next) {
		struct ltext t;
		layout_wrap_inline(L, o->text, FACE_REGULAR, size,
		                   L->right - L->left - indent, &t);
		keep += t.n * lead + 4;
	}
	layout_heading_keep(L, f->support_title, f->support_number,
	                    st->heading_size, 0, keep + 2 * lead);
	layout_blocks(L, f->support_intro, L->left, L->right - L->left, 1);
	for (const struct support_option *o = f->options; o && !L->oom;
	     o = o->next) {
		struct ltext t;
		layout_wrap_inline(L, o->text, FACE_REGULAR, size,
		                   L->right - L->left - indent, &t);
		int ticked = pl != NULL && pl->option_chosen[o->ordinal];
		for (size_t i = 0; i < t.n; i++) {
			layout_need(L, lead);
			if (i == 0)
				layout_draw_tick(L, L->left + st->tick_size / 2 + 1,
				                 L->y - lead / 2, ticked);
			layout_emit_line(L, &t.lines[i], L->left + indent, L->y,
			                 size, lead);
			L->y -= lead;
		}
		L->y -= 4;
	}
	if (f->has_other) {
		L->y -= 4;
		const char *label = arena_printf(L->a, "%s:", f->other_label);
		if (label == NULL) {
			L->oom = 1;
			return;
		}
		layout_field(L, label, pl ? pl->support_other : NULL, 2 * lead);
	}
	L->y -= st->paragraph_gap;
}

static void layout_monitoring(struct layout *L, const struct pledge_form *f,
                              const struct pledge *pl)
{
	const struct style *st = L->st;
	layout_heading(L, f->monitoring_title, f->monitoring_number,
	               st->heading_size, 0);
	layout_blocks(L, f->monitoring, L->left, L->right - L->left, 1);
	if (f->has_report_due) {
		char *date = NULL;
		if (pl != NULL && pl->report_due.valid) {
			date = arena_alloc(L->a, 11);
			if (date == NULL) {
				L->oom = 1;
				return;
			}
			mdate_format(&pl->report_due, date);
		}
		const char *label = arena_printf(L->a, "%s:",
		                                 f->report_due_label);
		if (label == NULL) {
			L->oom = 1;
			return;
		}
		layout_field(L, label, date, 2 * st->body_size * st->leading);
	}
	L->y -= st->paragraph_gap;
}

static void layout_contact(struct layout *L, const struct pledge_form *f,
                           const struct pledge *pl)
{
	const struct style *st = L->st;
	const struct pledge_labels *lb = &f->labels;
	double lead = st->body_size * st->leading;
	double write_h = 2 * lead;
	/* The whole block stays on one page, so it is signed as one: six
	 * fields, the taller signature field and the gap before it. */
	double block = 6 * (write_h + 6) + (3 * lead + 6) + lead * 0.5;
	layout_heading_keep(L, f->contact_title, f->contact_number,
	                    st->heading_size, 0, block);
	const struct pledge_contact *c =
	    pl && pl->has_contact ? &pl->contact : NULL;
	const char *labels[4] = {lb->name, lb->role, lb->email, lb->phone};
	const char *values[4] = {c ? c->name : NULL, c ? c->role : NULL,
	                         c ? c->email : NULL, c ? c->phone : NULL};
	for (int i = 0; i < 4; i++) {
		const char *l = arena_printf(L->a, "%s:", labels[i]);
		if (l == NULL) {
			L->oom = 1;
			return;
		}
		layout_field(L, l, values[i], write_h);
	}
	L->y -= lead * 0.5;
	char date[11] = "";
	if (pl != NULL)
		mdate_format(&pl->signed_on, date);
	const char *l1 = arena_printf(L->a, "%s:", lb->signed_for);
	const char *l2 = arena_printf(L->a, "%s:", lb->signature);
	const char *l3 = arena_printf(L->a, "%s:", lb->date);
	const char *d = pl ? arena_strdup(L->a, date) : NULL;
	if (l1 == NULL || l2 == NULL || l3 == NULL || (pl && d == NULL)) {
		L->oom = 1;
		return;
	}
	layout_field(L, l1, pl ? pl->authority : NULL, write_h);
	layout_field(L, l2, NULL, 3 * lead);
	layout_field(L, l3, d && d[0] ? d : NULL, write_h);
}


void layout_pledge(struct layout *L)
{
	const struct document *doc = L->doc;
	const struct style *st = L->st;
	const struct pledge *pl = NULL;
	const struct pledge_form *f;
	if (doc->kind == DOCUMENT_PLEDGE) {
		pl = &doc->u.pledge;
		f = &pl->form->u.form;
		L->ld->title = layout_printf(L, "%s \xE2\x80\x93 %s", f->title,
		                             pl->authority);
	} else {
		f = &doc->u.form;
	}
	L->ld->subject = f->audience;

	const char *band = NULL;
	if (pl != NULL) {
		char date[11];
		mdate_format(&pl->signed_on, date);
		band = layout_printf(L, "%s %s", f->labels.signed_on, date);
	}
	layout_title_block(L, f->title, f->audience,
	                   pl ? pl->authority : NULL, band);
	layout_blocks(L, f->intro, L->left, L->right - L->left, 0);
	layout_heading(L, f->actions_title, f->actions_number,
	               st->heading_size, 0);
	layout_blocks(L, f->actions_intro, L->left, L->right - L->left, 1);
	if (f->instruction != NULL) {
		struct ltext t;
		layout_wrap_inline(L, f->instruction, FACE_BOLD, st->body_size,
		                   L->right - L->left, &t);
		layout_flow(L, &t, L->left);
		L->y -= st->paragraph_gap;
	}
	layout_action_table(L, f, pl);
	if (f->support_number)
		layout_support(L, f, pl);
	if (f->monitoring_number)
		layout_monitoring(L, f, pl);
	if (f->has_contact)
		layout_contact(L, f, pl);

	L->page_word = f->labels.page;
	L->of_word = f->labels.of;
	layout_page_furniture(L, f->title, pl ? pl->authority : f->audience,
	                      layout_printf(L, "%s %s", f->labels.fingerprint,
	                                    doc->fingerprint));
}
