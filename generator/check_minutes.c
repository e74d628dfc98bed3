/* check_minutes.c - meetings: dates and times, action owners among the
 * attendees, the next meeting after this one. */
#include "arena.h"
#include "check_int.h"

#include <string.h>

static void check_meeting(struct check *c, struct meeting *m, const char *what)
{
	char buf[64];
	snprintf(buf, sizeof buf, "the %s's date", what);
	check_date(c, &m->date, buf);
	snprintf(buf, sizeof buf, "the %s's start", what);
	check_time(c, &m->start, buf);
	snprintf(buf, sizeof buf, "the %s's end", what);
	check_time(c, &m->end, buf);
	if (m->start.valid && m->end.valid &&
	    m->end.h * 60 + m->end.m <= m->start.h * 60 + m->start.m)
		CHECK_ERROR(c, &m->end.loc, "time-order",
		            "the %s ends (%s) before it starts (%s)", what,
		            m->end.text, m->start.text);
}

void check_minutes(struct check *c, struct document *doc)
{
	struct minutes *mi = &doc->u.minutes;
	if (check_blank(mi->title))
		CHECK_ERROR(c, &doc->loc, "title", "the minutes have no title");
	check_meeting(c, &mi->meeting, "meeting");
	struct check_map attendees, apologies;
	check_map_init(&attendees, doc->arena, &c->oom);
	check_map_init(&apologies, doc->arena, &c->oom);
	check_people(c, mi->attendees, "attendee", &attendees);
	check_people(c, mi->apologies, "person", &apologies);
	for (struct minutes_item *it = mi->items; it; it = it->next) {
		if (check_blank(it->title))
			CHECK_ERROR(c, &it->loc, "title",
			            "this agenda item has no title");
		for (struct minutes_action *a = it->actions; a; a = a->next) {
			check_person_refs(c, &a->owners, mi->attendees,
			                  &attendees, 1,
			                  doc->arena, "owner");
			check_period(c, &a->due, "the due date");
		}
	}
	if (!mi->has_next)
		return;
	check_meeting(c, &mi->next_meeting, "next meeting");
	struct meeting *a = &mi->meeting, *b = &mi->next_meeting;
	if (!a->date.valid || !b->date.valid)
		return;
	long da = check_days(&a->date), db = check_days(&b->date);
	int later = db > da ||
	            (db == da && a->start.valid && b->start.valid &&
	             b->start.h * 60 + b->start.m > a->start.h * 60 + a->start.m);
	if (!later)
		CHECK_ERROR(c, &b->date.loc, "next-meeting",
		            "the next meeting (%s) is not after this one (%s)",
		            b->date.text, a->date.text);
}
