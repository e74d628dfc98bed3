/* html_minutes.c - minutes in HTML: the meeting, a table of agenda items,
 * minutes and action items, the next meeting. */
#include "html_int.h"

static void html_people_list(struct html *h, const struct person *p)
{
	for (const struct person *q = p; q; q = q->next) {
		if (q != p)
			html_raw(h, ", ");
		html_text(h, person_display(q));
		if (q->email) {
			html_raw(h, " (<a href=\"mailto:");
			html_text(h, q->email);
			html_raw(h, "\">");
			html_text(h, q->email);
			html_raw(h, "</a>)");
		}
		if (q->phone) {
			html_raw(h, " (");
			html_text(h, q->phone);
			html_raw(h, ")");
		}
	}
}

static void html_when(struct html *h, const struct meeting *m,
                      const struct minutes_labels *lb)
{
	char start[6], end[6];
	mtime_format(&m->start, start);
	mtime_format(&m->end, end);
	if (start[0])
		html_printf(h, "<time>%s</time>", start);
	if (end[0]) {
		html_raw(h, start[0] ? " " : "");
		html_text(h, start[0] ? lb->to : lb->until);
		html_printf(h, " <time>%s</time>", end);
	}
}

static void html_meeting_date(struct html *h, const struct mdate *d)
{
	char buf[64];
	mdate_format_long(d, buf, sizeof buf);
	html_printf(h, "<time datetime=\"%04u-%02u-%02u\">",
	            (unsigned)d->y % 10000u, (unsigned)d->m % 100u,
	            (unsigned)d->d % 100u);
	html_text(h, buf);
	html_raw(h, "</time>");
}

void html_minutes(struct html *h)
{
	const struct minutes *mi = &h->doc->u.minutes;
	const struct minutes_labels *lb = &mi->labels;
	html_header(h, mi->title, mi->subtitle);
	html_raw(h, "</header>\n<main>\n<dl class=\"meeting\">\n<div><dt>");
	html_text(h, lb->date);
	html_raw(h, "</dt><dd>");
	html_meeting_date(h, &mi->meeting.date);
	html_raw(h, "</dd></div>\n");
	if (mi->meeting.start.valid || mi->meeting.end.valid) {
		html_raw(h, "<div><dt>");
		html_text(h, lb->time);
		html_raw(h, "</dt><dd>");
		html_when(h, &mi->meeting, lb);
		html_raw(h, "</dd></div>\n");
	}
	if (mi->meeting.location) {
		html_raw(h, "<div><dt>");
		html_text(h, lb->location);
		html_raw(h, "</dt><dd>");
		html_text(h, mi->meeting.location);
		html_raw(h, "</dd></div>\n");
	}
	html_raw(h, "<div><dt>");
	html_text(h, lb->attendees);
	html_raw(h, "</dt><dd>");
	html_people_list(h, mi->attendees);
	html_raw(h, "</dd></div>\n");
	if (mi->apologies) {
		html_raw(h, "<div><dt>");
		html_text(h, lb->apologies);
		html_raw(h, "</dt><dd>");
		html_people_list(h, mi->apologies);
		html_raw(h, "</dd></div>\n");
	}
	html_raw(h, "</dl>\n");
	html_blocks(h, mi->intro, 2);

	const char *heads[3] = {lb->agenda, lb->minutes, lb->actions};
	html_table_head(h, "minutes", heads, 3);
	html_raw(h, "<tbody>\n");
	for (const struct minutes_item *it = mi->items; it; it = it->next) {
		html_raw(h, "<tr><th scope=\"row\"><p class=\"item-title\">");
		html_text(h, it->title);
		html_raw(h, "</p>\n");
		html_blocks(h, it->agenda, 3);
		html_raw(h, "</th>");
		html_cell(h, NULL, lb->minutes);
		html_raw(h, "\n");
		html_blocks(h, it->discussion, 3);
		html_raw(h, "</td>");
		html_cell(h, NULL, lb->actions);
		html_raw(h, "\n");
		if (it->actions)
			html_raw(h, "<ul class=\"actions\">\n");
		for (const struct minutes_action *a = it->actions; a;
		     a = a->next) {
			html_raw(h, "<li><strong class=\"owner\">");
			if (a->owners.all)
				html_text(h, lb->all);
			for (size_t i = 0; i < a->owners.n; i++) {
				if (i || a->owners.all)
					html_raw(h, ", ");
				html_text(h, person_display(a->owners.people[i]));
			}
			html_raw(h, ":</strong> ");
			if (a->text) {
				html_inlines(h, a->text->text);
				html_blocks(h, a->text->child, 4);
			}
			if (a->due.text) {
				html_raw(h, " <em>Due ");
				html_period(h, &a->due);
				html_raw(h, "</em>");
			}
			html_raw(h, "</li>\n");
		}
		if (it->actions)
			html_raw(h, "</ul>\n");
		html_raw(h, "</td></tr>\n");
	}
	html_raw(h, "</tbody>\n</table>\n");
	if (mi->has_next) {
		html_raw(h, "<p class=\"next-meeting\"><strong>");
		html_text(h, lb->next_meeting);
		html_raw(h, ":</strong> ");
		html_meeting_date(h, &mi->next_meeting.date);
		if (mi->next_meeting.start.valid ||
		    mi->next_meeting.end.valid) {
			html_raw(h, ", ");
			html_when(h, &mi->next_meeting, lb);
		}
		if (mi->next_meeting.location) {
			html_raw(h, ", ");
			html_text(h, mi->next_meeting.location);
		}
		html_raw(h, "</p>\n");
	}
	html_blocks(h, mi->outro, 2);
}
