/* layout_minutes.c - minutes: the meeting's details, then a table of
 * agenda items, minutes and action items with their owners, then the next
 * meeting. */
#include "layout_int.h"

#include <string.h>

static const char *minutes_people(struct layout *L, const struct person *p)
{
	const char *out = "";
	for (; p != NULL; p = p->next) {
		out = layout_printf(L, "%s%s%s", out, out[0] ? ", " : "",
		                    person_display(p));
		/* contact details: in the internal edition only (--public
		 * removes them from the model) */
		if (p->email && p->phone)
			out = layout_printf(L, "%s (%s, %s)", out, p->email,
			                    p->phone);
		else if (p->email || p->phone)
			out = layout_printf(L, "%s (%s)", out,
			                    p->email ? p->email : p->phone);
	}
	return out;
}

static const char *minutes_when(struct layout *L, const struct meeting *m,
                                int with_date)
{
	const struct minutes_labels *lb = &L->doc->u.minutes.labels;
	char date[64] = "", start[6], end[6];
	if (with_date)
		mdate_format_long(&m->date, date, sizeof date);
	mtime_format(&m->start, start);
	mtime_format(&m->end, end);
	const char *time = start[0] && end[0]
	                   ? layout_printf(L, "%s %s %s", start, lb->to, end)
	                   : end[0] ? layout_printf(L, "%s %s", lb->until, end)
	                            : layout_printf(L, "%s", start);
	if (!with_date)
		return time;
	return time[0] ? layout_printf(L, "%s, %s", date, time)
	               : layout_printf(L, "%s", date);
}

static const char *minutes_owners(struct layout *L,
                                  const struct minutes_action *a)
{
	const struct minutes_labels *lb = &L->doc->u.minutes.labels;
	const char *out = a->owners.all ? lb->all : "";
	for (size_t i = 0; i < a->owners.n; i++)
		out = layout_printf(L, "%s%s%s", out, out[0] ? ", " : "",
		                    person_display(a->owners.people[i]));
	return out;
}

void layout_minutes(struct layout *L)
{
	const struct minutes *mi = &L->doc->u.minutes;
	const struct minutes_labels *lb = &mi->labels;
	const struct style *st = L->st;
	double lead = st->body_size * st->leading;
	L->ld->subject = mi->subtitle;
	layout_title_block(L, mi->title, mi->subtitle, NULL, NULL);

	char date[64];
	mdate_format_long(&mi->meeting.date, date, sizeof date);
	layout_field(L, layout_printf(L, "%s:", lb->date), date, lead);
	const char *time = minutes_when(L, &mi->meeting, 0);
	if (time[0])
		layout_field(L, layout_printf(L, "%s:", lb->time), time, lead);
	if (mi->meeting.location)
		layout_field(L, layout_printf(L, "%s:", lb->location),
		             mi->meeting.location, lead);
	layout_field(L, layout_printf(L, "%s:", lb->attendees),
	             minutes_people(L, mi->attendees), lead);
	if (mi->apologies)
		layout_field(L, layout_printf(L, "%s:", lb->apologies),
		             minutes_people(L, mi->apologies), lead);
	L->y -= st->paragraph_gap;
	layout_blocks(L, mi->intro, L->left, L->right - L->left, 0);

	struct ltable tb = {0};
	static const double weights[3] = {0.30, 0.40, 0.30};
	layout_table_columns(L, &tb, 3, weights);
	const char *heads[3] = {lb->agenda, lb->minutes, lb->actions};
	tb.header = layout_header_row(L, &tb, heads);
	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (const struct minutes_item *it = mi->items; it && !L->oom;
	     it = it->next) {
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		double w0 = layout_cell_width(&tb, 0);
		layout_cell_plain(L, &row->cells[0], it->title, FACE_BOLD,
		                  st->text_colour, w0);
		if (it->agenda) {
			layout_cell_gap(L, &row->cells[0], 4);
			layout_cell_blocks(L, &row->cells[0], it->agenda, w0, 0);
		}
		layout_cell_blocks(L, &row->cells[1], it->discussion,
		                   layout_cell_width(&tb, 1), 0);
		double w2 = layout_cell_width(&tb, 2);
		for (const struct minutes_action *a = it->actions; a;
		     a = a->next) {
			struct lcell *c = &row->cells[2];
			if (a != it->actions)
				layout_cell_gap(L, c, st->paragraph_gap * 0.6);
			layout_cell_plain(L, c, minutes_owners(L, a), FACE_BOLD,
			                  st->accent_colour, w2);
			struct block one = *a->text;
			one.next = NULL;
			layout_cell_blocks(L, c, &one, w2, 0);
			if (a->due.text) {
				char due[48];
				mperiod_format(&a->due, due, sizeof due);
				layout_cell_plain(L, c, layout_printf(L, "Due %s",
				                                      due),
				                  FACE_ITALIC, st->text_colour, w2);
			}
		}
		layout_row_finish(row, 3);
		row->mark = it->title;
		layout_push_row(L, &rows, &n, &cap, row);
	}
	layout_table_rows(L, &tb, rows, n);
	L->y -= st->paragraph_gap * 2;
	if (mi->has_next) {
		layout_need(L, 2 * lead);
		layout_field(L, layout_printf(L, "%s:", lb->next_meeting),
		             minutes_when(L, &mi->next_meeting, 1), lead);
		if (mi->next_meeting.location)
			layout_field(L, layout_printf(L, "%s:", lb->location),
			             mi->next_meeting.location, lead);
	}
	layout_blocks(L, mi->outro, L->left, L->right - L->left, 0);
	layout_page_furniture(L, mi->title,
	                      layout_printf(L, "%s", date),
	                      layout_printf(L, "Source %s",
	                                    L->doc->fingerprint));
}
