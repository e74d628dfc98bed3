/* lower_minutes.c - minutes: the meeting's details, a table of agenda
 * items, minutes and action items with their owners, then the next
 * meeting. */
#include "lower_int.h"
#include "arena.h"

enum {
	MW_DATE, MW_TIME, MW_LOCATION, MW_ATTENDEES, MW_APOLOGIES,
	MW_AGENDA, MW_MINUTES, MW_ACTIONS, MW_NEXT_MEETING, MW_ALL, MW_TO,
	MW_UNTIL, MW_DUE, MW_COUNT
};

static const struct lower_word minutes_words[MW_COUNT] = {
	[MW_DATE] = {"label.date", "Date"},
	[MW_TIME] = {"label.time", "Time"},
	[MW_LOCATION] = {"label.location", "Location"},
	[MW_ATTENDEES] = {"label.attendees", "Attendees"},
	[MW_APOLOGIES] = {"label.apologies", "Apologies"},
	[MW_AGENDA] = {"label.agenda", "Agenda item"},
	[MW_MINUTES] = {"label.minutes", "Minutes"},
	[MW_ACTIONS] = {"label.actions", "Action items"},
	[MW_NEXT_MEETING] = {"label.next-meeting", "Next meeting"},
	[MW_ALL] = {"label.all", "All"},
	[MW_TO] = {"label.to", "to"},
	[MW_UNTIL] = {"label.until", "until"},
	[MW_DUE] = {"label.due", "Due"},
};

static const double minutes_columns[] = {0.30, 0.40, 0.30};

/* Attendees by name; their contact details (the internal edition's only:
 * they are private) in brackets. */
static void minutes_people(struct lower *L, struct pt_node *parent,
                           const struct person *p)
{
	for (const struct person *q = p; q; q = q->next) {
		if (q != p)
			lower_text(L, parent, ", ", NULL, NULL, 0);
		lower_name(L, parent, person_display(q), &q->loc);
		if (!q->email && !q->phone)
			continue;
		struct pt_node *c = lower_add(L, parent, PT_SPAN, &q->loc);
		if (c == NULL)
			return;
		c->private_data = PP_CONTACT;
		lower_text(L, c, " (", NULL, NULL, 0);
		if (q->email) {
			struct pt_node *a = lower_add(L, c, PT_LINK,
			                              &q->email_loc);
			if (a == NULL)
				return;
			a->href = arena_printf(L->a, "mailto:%s", q->email);
			lower_str(L, a->href);
			lower_text(L, a, q->email, &q->email_loc, NULL, 0);
		}
		if (q->email && q->phone)
			lower_text(L, c, ", ", NULL, NULL, 0);
		if (q->phone)
			lower_text(L, c, q->phone, &q->phone_loc, NULL, 0);
		lower_text(L, c, ")", NULL, NULL, 0);
	}
}

/* "11:00 to 13:00", "until 13:00", "11:00". */
static void minutes_when(struct lower *L, struct pt_node *parent,
                         const struct meeting *m)
{
	char start[6], end[6];
	mtime_format(&m->start, start);
	mtime_format(&m->end, end);
	if (start[0]) {
		struct pt_node *t = lower_add(L, parent, PT_TIME, &m->start.loc);
		lower_text(L, t, arena_strdup(L->a, start), &m->start.loc, NULL,
		           0);
	}
	if (!end[0])
		return;
	if (start[0])
		lower_text(L, parent, " ", NULL, NULL, 0);
	lower_word(L, parent, &minutes_words[start[0] ? MW_TO : MW_UNTIL],
	           LOWER_OWN);
	lower_text(L, parent, " ", NULL, NULL, 0);
	struct pt_node *t = lower_add(L, parent, PT_TIME, &m->end.loc);
	lower_text(L, t, arena_strdup(L->a, end), &m->end.loc, NULL, 0);
}

static void minutes_field_text(struct lower *L, struct pt_node *fields,
                               int word, const char *text,
                               const struct loc *loc, const char *key,
                               const char *what)
{
	struct pt_node *v = lower_field(L, fields, NULL, &minutes_words[word],
	                                LOWER_OWN, 1);
	if (v == NULL)
		return;
	v->field = what;
	lower_text(L, v, text, loc, key, LOWER_OWN);
}

static void minutes_item(struct lower *L, struct pt_node *body,
                         const struct minutes_item *it, size_t n)
{
	const char *k = lower_key(L, "item", NULL, n);
	struct pt_node *row = lower_row(L, body, NULL);
	struct pt_node *h = lower_head_cell(L, row, 0);
	struct pt_node *t = lower_add(L, h, PT_PARAGRAPH, &it->loc);
	if (t == NULL || k == NULL)
		return;
	row->bookmark = 1;
	t->role = PR_ITEM_TITLE;
	t->field = "the agenda item's title";
	lower_text(L, t, it->title, &it->loc, lower_key(L, k, ".title", 0),
	           LOWER_OWN);
	lower_blocks(L, h, it->agenda, 3, lower_key(L, k, ".agenda", 0),
	             LOWER_OWN);
	lower_blocks(L, lower_cell(L, row, 1), it->discussion, 3,
	             lower_key(L, k, ".minutes", 0), LOWER_OWN);
	struct pt_node *c = lower_cell(L, row, 2);
	if (c == NULL || it->actions == NULL)
		return;
	struct pt_node *list = lower_add(L, c, PT_LIST, &it->loc);
	if (list == NULL)
		return;
	list->list = PL_PLAIN;
	list->cls = "actions";
	list->spaced = 1;
	const char *kx = lower_key(L, k, ".action", 0);
	size_t j = 0;
	for (const struct minutes_action *a = it->actions; a && !L->oom;
	     a = a->next) {
		struct pt_node *li = lower_add(L, list, PT_ITEM, &a->loc);
		struct pt_node *who = lower_add(L, li, PT_PARAGRAPH,
		                                &a->owners.loc);
		if (who == NULL)
			return;
		who->role = PR_OWNER;
		who->bare = 1;
		if (a->owners.all)
			lower_word(L, who, &minutes_words[MW_ALL], LOWER_OWN);
		for (size_t i = 0; i < a->owners.n; i++) {
			if (i || a->owners.all)
				lower_text(L, who, ", ", NULL, NULL, 0);
			lower_name(L, who, person_display(a->owners.people[i]),
			           &a->owners.loc);
		}
		lower_text(L, who, ":", NULL, NULL, 0);
		/* the action's words: a paragraph and its lists, keyed as
		 * translations name them ("item.1.action.2.1") */
		struct pt_node *p = lower_add(L, li, PT_PARAGRAPH, &a->loc);
		if (p == NULL)
			return;
		p->bare = 1;
		lower_blocks(L, p, a->text, 4, lower_key(L, kx, NULL, ++j),
		             LOWER_OWN);
		if (p->first && p->first->type == PT_PARAGRAPH) {
			/* one paragraph: its words are this one's */
			struct pt_node *inner = p->first;
			pt_unlink(inner);
			p->key = inner->key;
			p->field = "this action";
			for (struct pt_node *x = inner->first, *nx; x; x = nx) {
				nx = x->next;
				pt_unlink(x);
				pt_append(p, x);
			}
		}
		if (a->due.text) {
			struct pt_node *d = lower_add(L, li, PT_PARAGRAPH,
			                              &a->due.loc);
			if (d == NULL)
				return;
			d->role = PR_DUE;
			d->bare = 1;
			lower_word(L, d, &minutes_words[MW_DUE], LOWER_OWN);
			lower_text(L, d, " ", NULL, NULL, 0);
			lower_period(L, d, &a->due);
		}
	}
}

void lower_minutes(struct lower *L)
{
	const struct minutes *mi = &L->doc->u.minutes;
	lower_text(L, lower_meta(L, PR_META_TITLE), mi->title, NULL, "title",
	           LOWER_OWN);
	if (mi->subtitle)
		lower_text(L, lower_meta(L, PR_META_SUBJECT), mi->subtitle,
		           NULL, "subtitle", LOWER_OWN);
	lower_text(L, lower_meta(L, PR_META_HEAD_LEFT), mi->title, NULL,
	           "title", LOWER_OWN);
	lower_long_date(L, lower_meta(L, PR_META_HEAD_RIGHT),
	                &mi->meeting.date);
	lower_furniture(L, NULL, NULL, NULL, LOWER_OWN);

	lower_header(L, mi->title, "title", LOWER_OWN, mi->subtitle,
	             "subtitle", 0);
	struct pt_node *f = lower_add(L, L->root, PT_FIELDS, &mi->meeting.loc);
	if (f == NULL)
		return;
	f->cls = "meeting";
	struct pt_node *v = lower_field(L, f, NULL, &minutes_words[MW_DATE],
	                                LOWER_OWN, 1);
	lower_long_date(L, v, &mi->meeting.date);
	if (mi->meeting.start.valid || mi->meeting.end.valid)
		minutes_when(L, lower_field(L, f, NULL, &minutes_words[MW_TIME],
		                            LOWER_OWN, 1), &mi->meeting);
	if (mi->meeting.location)
		minutes_field_text(L, f, MW_LOCATION, mi->meeting.location,
		                   &mi->meeting.loc, "location",
		                   "the meeting's location");
	v = lower_field(L, f, NULL, &minutes_words[MW_ATTENDEES], LOWER_OWN,
	                1);
	if (v != NULL)
		v->field = "the attendees";
	minutes_people(L, v, mi->attendees);
	if (mi->apologies) {
		v = lower_field(L, f, NULL, &minutes_words[MW_APOLOGIES],
		                LOWER_OWN, 1);
		if (v != NULL)
			v->field = "the apologies";
		minutes_people(L, v, mi->apologies);
	}
	lower_blocks(L, L->root, mi->intro, 2, "intro", LOWER_OWN);

	struct pt_node *t = lower_table(L, L->root, "minutes",
	                                &minutes_words[MW_AGENDA], 3,
	                                minutes_columns, LOWER_OWN);
	struct pt_node *body = lower_add(L, t, PT_ROW_GROUP, NULL);
	size_t n = 0;
	for (const struct minutes_item *it = mi->items; it && !L->oom;
	     it = it->next)
		minutes_item(L, body, it, ++n);
	if (mi->has_next) {
		struct pt_node *nf = lower_add(L, L->root, PT_FIELDS,
		                               &mi->next_meeting.loc);
		if (nf == NULL)
			return;
		nf->cls = "meeting";
		v = lower_field(L, nf, NULL, &minutes_words[MW_NEXT_MEETING],
		                LOWER_OWN, 1);
		lower_long_date(L, v, &mi->next_meeting.date);
		if (mi->next_meeting.start.valid || mi->next_meeting.end.valid) {
			lower_text(L, v, ", ", NULL, NULL, 0);
			minutes_when(L, v, &mi->next_meeting);
		}
		if (mi->next_meeting.location)
			minutes_field_text(L, nf, MW_LOCATION,
			                   mi->next_meeting.location,
			                   &mi->next_meeting.loc, NULL,
			                   "the next meeting's location");
	}
	lower_blocks(L, L->root, mi->outro, 2, "outro", LOWER_OWN);
}

const struct lower_word *lower_minutes_words(size_t *n)
{
	*n = MW_COUNT;
	return minutes_words;
}
