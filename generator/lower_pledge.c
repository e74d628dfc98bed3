/* lower_pledge.c - the pledge form and signed pledges: the action-point
 * table with tick boxes and deadlines, the support checklist, the report
 * date, and the contact and signature block. A signed pledge prints its
 * form's words (translated by the form's translation) with its own ticks,
 * dates and names filled in. */
#include "lower_int.h"

#include "arena.h"

#include <stdio.h>

enum {
	PW_ACTION_POINT, PW_STEPS, PW_TICK, PW_DEADLINE, PW_NAME, PW_ROLE,
	PW_EMAIL, PW_PHONE, PW_SIGNED_FOR, PW_SIGNATURE, PW_DATE,
	PW_SIGNED_ON, PW_COMMITTED, PW_NOT_COMMITTED, PW_PAGE, PW_OF,
	PW_SOURCE, PW_DEADLINE_HINT, PW_INCOMPLETE, PW_LEFT_BLANK, PW_COUNT
};

static const struct lower_word pledge_words[PW_COUNT] = {
	[PW_ACTION_POINT] = {"label.action-point", "Action point"},
	[PW_STEPS] = {"label.steps", "Steps taken to support this action"},
	[PW_TICK] = {"label.tick", "Tick"},
	[PW_DEADLINE] = {"label.deadline", "Timeline / deadline"},
	[PW_NAME] = {"label.name", "Name"},
	[PW_ROLE] = {"label.role", "Role"},
	[PW_EMAIL] = {"label.email", "Email"},
	[PW_PHONE] = {"label.phone", "Phone"},
	[PW_SIGNED_FOR] = {"label.signed-for", "Signed on behalf of"},
	[PW_SIGNATURE] = {"label.signature", "Signature"},
	[PW_DATE] = {"label.date", "Date"},
	[PW_SIGNED_ON] = {"label.signed-on", "Signed on"},
	[PW_COMMITTED] = {"label.committed", "Ticked"},
	[PW_NOT_COMMITTED] = {"label.not-committed", "Not ticked"},
	[PW_PAGE] = {"label.page", "Page"},
	[PW_OF] = {"label.of", "of"},
	[PW_SOURCE] = {"label.fingerprint", "Source"},
	[PW_INCOMPLETE] = {"label.incomplete", "Incomplete return"},
	[PW_LEFT_BLANK] = {"label.left-blank",
	                   "No step is ticked for these action points:"},
	[PW_DEADLINE_HINT] = {"label.deadline-hint",
	                      "Write each deadline as a date (31/03/2027), a "
	                      "month (March 2027) or a financial year or "
	                      "quarter (2027/28, Q1 2027/28)."},
};

/* the tick and deadline columns are as wide as what they hold */
static const double pledge_columns[] = {0.34, 0.66, PT_COLUMN_TICKS,
                                        PT_COLUMN_DATES};

/* The authority that signed, wherever it is printed. */
static void pledge_authority(struct lower *L, struct pt_node *parent,
                             const struct pledge *pl)
{
	struct pt_node *t = lower_text(L, parent, pl->authority,
	                               &pl->authority_loc, NULL, 0);
	if (t != NULL)
		t->field = "the authority";
}

/* A tick box; on the blank form also a check box named input (NULL:
 * none), named for a reader by the words of label_by. */
static struct pt_node *pledge_tick(struct lower *L, struct pt_node *parent,
                                   int ticked, const char *input,
                                   const struct pt_node *label_by)
{
	struct pt_node *t = lower_add(L, parent, PT_TICK, NULL);
	if (t == NULL)
		return NULL;
	t->ticked = (unsigned char)(ticked != 0);
	struct pt_more *x = lower_more(L, t);
	if (x == NULL)
		return NULL;
	x->input = input;
	x->label_by = label_by;
	lower_word(L, t, &pledge_words[ticked ? PW_COMMITTED
	                                      : PW_NOT_COMMITTED], LOWER_OWN);
	return t;
}

/* A step's number as printed and matched by eye on a paper return: its
 * action point's number and a letter ("3b"); past z, "3.27". */
static const char *pledge_step_number(struct lower *L, size_t ap,
                                      size_t step)
{
	return step < 26 ? arena_printf(L->a, "%zu%c", ap, (int)('a' + step))
	                 : arena_printf(L->a, "%zu.%zu", ap, step + 1);
}

static void pledge_actions(struct lower *L, const struct pledge_form *f,
                           const struct pledge *pl)
{
	struct pt_node *s = lower_section(L, L->root, "actions",
	                                  f->actions_number, f->actions_title,
	                                  "actions.title", LOWER_OWN,
	                                  &f->actions_loc);
	lower_blocks(L, s, f->actions_intro, 3, "actions.intro", LOWER_OWN);
	if (f->instruction) {
		struct pt_node *p = lower_add(L, s, PT_PARAGRAPH,
		                              &f->actions_loc);
		struct pt_node *b = lower_add(L, p, PT_STRONG, NULL);
		if (b == NULL)
			return;
		p->role = PR_INSTRUCTION;
		lower_inlines(L, b, f->instruction, "actions.instruction",
		              LOWER_OWN, "the instruction");
	}
	/* the blank form says how to write a deadline, and its fields say
	 * it again to whoever fills them in on screen */
	struct pt_node *hint = NULL;
	if (pl == NULL) {
		hint = lower_add(L, s, PT_PARAGRAPH, &f->actions_loc);
		if (hint == NULL)
			return;
		lower_id(L, hint, "deadline-hint");
		lower_word(L, hint, &pledge_words[PW_DEADLINE_HINT],
		           LOWER_OWN);
	}
	struct pt_node *t = lower_table(L, s, "actions",
	                                &pledge_words[PW_ACTION_POINT], 4,
	                                pledge_columns, LOWER_OWN);
	if (t == NULL)
		return;
	t->keep_rows = 1;   /* an action point is read and ticked as one */
	size_t gi = 0, api = 0;
	for (const struct pledge_group *g = f->groups; g && !L->oom;
	     g = g->next) {
		char n[24];
		snprintf(n, sizeof n, "%zu", ++gi);
		struct pt_node *body = lower_add(L, t, PT_ROW_GROUP, &g->loc);
		lower_band(L, body, "group", 4, g->title,
		           lower_key(L, "group.", g->id ? g->id : n, 0),
		           LOWER_OWN, &g->loc);
		for (const struct action_point *a = g->action_points;
		     a && !L->oom; a = a->next) {
			api++;
			size_t si = 0;
			for (const struct pledge_step *st = a->steps; st;
			     st = st->next, si++) {
				const struct pledge_commit *k =
				    pl ? pl->commit_for_step[st->ordinal] : NULL;
				struct pt_node *row = lower_row(
				    L, body, st == a->steps ? "first" : NULL);
				if (st == a->steps) {
					struct pt_node *h =
					    lower_head_cell(L, row, 0);
					if (h == NULL)
						return;
					h->rowspan = (unsigned char)
					    (a->nsteps < 255 ? a->nsteps : 255);
					lower_id(L, h, a->id);
					h->field = "the action point's title";
					lower_text(L, h, arena_printf(
					    L->a, "%zu. ", api), NULL, NULL, 0);
					lower_text(L, h, a->title, &a->loc,
					           lower_key(L, "ap.", a->id, 0),
					           LOWER_OWN);
				}
				struct pt_node *c = lower_cell(L, row, 1);
				if (c == NULL)
					return;
				c->cls = "step";
				c->bare = 1;
				struct pt_node *num = lower_add(L, c, PT_STRONG,
				                                NULL);
				lower_text(L, num, pledge_step_number(L, api, si),
				           NULL, NULL, 0);
				lower_text(L, c, " ", NULL, NULL, 0);
				/* a step that reuses another's text is
				 * translated as that one is */
				const struct pledge_step *own =
				    st->original ? st->original : st;
				lower_inlines(L, c, st->text,
				              lower_key(L, "step.", own->name, 0),
				              LOWER_OWN, "this step");
				struct pt_node *words = c;
				c = lower_cell(L, row, 2);
				if (c == NULL)
					return;
				c->cls = "tick-cell";
				pledge_tick(L, c, k != NULL,
				            pl ? NULL : arena_printf(
				                L->a, "step:%s", st->name),
				            words);
				c = lower_cell(L, row, 3);
				if (c == NULL)
					return;
				c->cls = "deadline";
				if (k != NULL && k->by.valid)
					lower_period(L, c, &k->by);
				if (pl == NULL) {
					struct pt_node *e = lower_add(
					    L, c, PT_ENTRY, NULL);
					if (e == NULL)
						return;
					e->lines = 1;
					struct pt_more *x = lower_more(L, e);
					if (x == NULL)
						return;
					x->input = lower_str(L, arena_printf(
					    L->a, "by:%s", st->name));
					x->label_by = words;
					x->hint = hint;
				}
			}
		}
	}
}

static void pledge_support(struct lower *L, const struct pledge_form *f,
                           const struct pledge *pl)
{
	struct pt_node *s = lower_section(L, L->root, "support",
	                                  f->support_number, f->support_title,
	                                  "support.title", LOWER_OWN,
	                                  &f->support_loc);
	if (s == NULL)
		return;
	s->keep = PK_WHOLE;   /* a short checklist stays with its heading */
	lower_blocks(L, s, f->support_intro, 3, "support.intro", LOWER_OWN);
	struct pt_node *list = lower_add(L, s, PT_LIST, &f->support_loc);
	if (list == NULL)
		return;
	list->list = PL_CHECKLIST;
	list->cls = "checklist";
	for (const struct support_option *o = f->options; o && !L->oom;
	     o = o->next) {
		struct pt_node *it = lower_add(L, list, PT_ITEM, &o->loc);
		struct pt_node *tick = pledge_tick(
		    L, it, pl && pl->option_chosen[o->ordinal],
		    pl ? NULL : arena_printf(L->a, "support:%s", o->id), NULL);
		lower_text(L, it, " ", NULL, NULL, 0);
		struct pt_node *words = lower_inlines(
		    L, it, o->text, lower_key(L, "option.", o->id, 0),
		    LOWER_OWN, "this support option");
		if (words != NULL)
			words->cls = "";   /* a <span> of its own */
		if (tick != NULL && tick->more != NULL)
			tick->more->label_by = words;
	}
	if (!f->has_other)
		return;
	struct pt_node *fields = lower_add(L, s, PT_FIELDS, &f->support_loc);
	if (fields == NULL)
		return;
	fields->cls = "fields";
	const struct lower_word other = {"support.other", f->other_label};
	struct pt_node *v = lower_field(L, fields, "field", &other, LOWER_OWN,
	                                2);
	if (v != NULL && pl == NULL) {
		lower_input(L, v, "support-other");
		v->multiline = 1;
	}
	if (v != NULL && pl != NULL && pl->support_other != NULL) {
		v->field = "the other support asked for";
		lower_text(L, v, pl->support_other, &pl->support_other_loc,
		           NULL, 0);
	}
}

static void pledge_monitoring(struct lower *L, const struct pledge_form *f,
                              const struct pledge *pl)
{
	struct pt_node *s = lower_section(L, L->root, "monitoring",
	                                  f->monitoring_number,
	                                  f->monitoring_title,
	                                  "monitoring.title", LOWER_OWN,
	                                  &f->monitoring_loc);
	lower_blocks(L, s, f->monitoring, 3, "monitoring", LOWER_OWN);
	if (!f->has_report_due)
		return;
	struct pt_node *fields = lower_add(L, s, PT_FIELDS,
	                                   &f->monitoring_loc);
	if (fields == NULL)
		return;
	fields->cls = "fields";
	const struct lower_word due = {"report-due", f->report_due_label};
	struct pt_node *v = lower_field(L, fields, "field", &due, LOWER_OWN,
	                                2);
	if (v != NULL && pl == NULL) {
		lower_input(L, v, "report-due");
		v->input_kind = PI_DATE;
	}
	if (v != NULL && pl != NULL && pl->report_due.valid)
		lower_date(L, v, &pl->report_due);
}

/* One field of the contact block: the value, private (a person's contact
 * details: the public edition leaves them out). */
static void pledge_contact_field(struct lower *L, struct pt_node *fields,
                                 int word, const char *value,
                                 const struct loc *loc, const char *what,
                                 const char *input, enum pt_input kind)
{
	struct pt_node *v = lower_field(L, fields, "field",
	                                &pledge_words[word], LOWER_OWN, 2);
	if (v == NULL)
		return;
	lower_input(L, v, value == NULL ? input : NULL);
	v->input_kind = (unsigned char)kind;
	v->private_data = PP_CONTACT;
	v->field = what;
	if (value != NULL)
		lower_text(L, v, value, loc, NULL, 0);
}

static void pledge_contact(struct lower *L, const struct pledge_form *f,
                           const struct pledge *pl)
{
	const struct pledge_contact *c =
	    pl && pl->has_contact ? &pl->contact : NULL;
	struct pt_node *s = lower_section(L, L->root, "contact",
	                                  f->contact_number, f->contact_title,
	                                  "contact.title", LOWER_OWN,
	                                  &f->contact_loc);
	struct pt_node *who = lower_add(L, s, PT_FIELDS, &f->contact_loc);
	struct pt_node *sign = lower_add(L, s, PT_FIELDS, &f->contact_loc);
	if (sign == NULL)
		return;
	/* the block is signed as one: it stays on one page */
	s->keep = PK_WHOLE;
	who->cls = sign->cls = "fields";
	pledge_contact_field(L, who, PW_NAME, c ? c->name : NULL,
	                     c ? &c->name_loc : NULL, "the contact's name",
	                     pl ? NULL : "contact-name", PI_PERSON);
	pledge_contact_field(L, who, PW_ROLE, c ? c->role : NULL,
	                     c ? &c->role_loc : NULL, "the contact's role",
	                     pl ? NULL : "contact-role", PI_ROLE);
	pledge_contact_field(L, who, PW_EMAIL, c ? c->email : NULL,
	                     c ? &c->email_loc : NULL, "the contact's email",
	                     pl ? NULL : "contact-email", PI_EMAIL);
	pledge_contact_field(L, who, PW_PHONE, c ? c->phone : NULL,
	                     c ? &c->phone_loc : NULL, "the contact's phone",
	                     pl ? NULL : "contact-phone", PI_PHONE);
	struct pt_node *v = lower_field(L, sign, "field",
	                                &pledge_words[PW_SIGNED_FOR],
	                                LOWER_OWN, 2);
	if (v != NULL && pl == NULL) {
		lower_input(L, v, "signed-for");
		v->input_kind = PI_ORGANISATION;
		v->required = 1;
	}
	if (v != NULL && pl != NULL)
		pledge_authority(L, v, pl);
	lower_field(L, sign, "field signature", &pledge_words[PW_SIGNATURE],
	            LOWER_OWN, 3);
	v = lower_field(L, sign, "field", &pledge_words[PW_DATE], LOWER_OWN,
	                2);
	if (v != NULL && pl == NULL) {
		lower_input(L, v, "signed-on");
		v->input_kind = PI_DATE;
		v->required = 1;
	}
	if (v != NULL && pl != NULL && pl->signed_on.valid)
		lower_date(L, v, &pl->signed_on);
}

/* A return recorded with action points left blank says so at its top:
 * it is never taken for a complete pledge. */
static void pledge_incomplete(struct lower *L, const struct pledge_form *f,
                              const struct pledge *pl)
{
	struct pt_node *p = lower_add(L, L->root, PT_PARAGRAPH, &pl->form_loc);
	if (p == NULL)
		return;
	p->role = PR_INSTRUCTION;
	lower_label(L, p, PR_AMBER, "incomplete", &pledge_words[PW_INCOMPLETE]);
	lower_text(L, p, " ", NULL, NULL, 0);
	lower_word(L, p, &pledge_words[PW_LEFT_BLANK], LOWER_OWN);
	size_t api = 0;
	const char *sep = " ";
	for (const struct pledge_group *g = f->groups; g; g = g->next)
		for (const struct action_point *a = g->action_points; a;
		     a = a->next) {
			api++;
			int any = 0;
			for (const struct pledge_step *s = a->steps; s;
			     s = s->next)
				any |= pl->commit_for_step[s->ordinal] != NULL;
			if (any)
				continue;
			lower_textf(L, p, "%s%zu", sep, api);
			sep = ", ";
		}
	lower_text(L, p, ".", NULL, NULL, 0);
}

void lower_pledge(struct lower *L)
{
	const struct document *doc = L->doc;
	const struct pledge *pl = doc->kind == DOCUMENT_PLEDGE
	                          ? &doc->u.pledge : NULL;
	const struct pledge_form *f = pl ? &pl->form->u.form : &doc->u.form;

	struct pt_node *m = lower_meta(L, PR_META_TITLE);
	lower_text(L, m, f->title, NULL, "title", LOWER_OWN);
	if (pl != NULL) {
		lower_text(L, m, " \xE2\x80\x93 ", NULL, NULL, 0);
		pledge_authority(L, m, pl);
	}
	lower_text(L, lower_meta(L, PR_META_SUBJECT), f->audience, NULL,
	           "audience", LOWER_OWN);
	lower_text(L, lower_meta(L, PR_META_HEAD_LEFT), f->title, NULL,
	           "title", LOWER_OWN);
	if (pl != NULL)
		pledge_authority(L, lower_meta(L, PR_META_HEAD_RIGHT), pl);
	else if (f->audience != NULL)
		lower_text(L, lower_meta(L, PR_META_HEAD_RIGHT), f->audience,
		           NULL, "audience", LOWER_OWN);
	lower_furniture(L, &pledge_words[PW_SOURCE], &pledge_words[PW_PAGE],
	                &pledge_words[PW_OF], LOWER_OWN);
	/* the blank form is filled in on screen too: what a filled form
	 * saves names the form and its version */
	if (pl == NULL) {
		struct pt_node *fm = lower_meta(L, PR_META_FORM);
		struct pt_node *id = lower_add(L, fm, PT_CODE, NULL);
		struct pt_node *v = lower_add(L, fm, PT_CODE, NULL);
		struct pt_node *lang = lower_add(L, fm, PT_CODE, NULL);
		if (lang != NULL) {
			id->text = doc->id;
			v->text = f->version;
			lang->text = doc->lang;
		}
	}

	struct pt_node *band = lower_header(L, f->title, "title", LOWER_OWN,
	                                    f->audience, "audience",
	                                    pl != NULL);
	if (pl != NULL && band != NULL) {
		struct pt_node *b = lower_add(L, band, PT_STRONG, NULL);
		band->field = "the authority";
		pledge_authority(L, b, pl);
		lower_text(L, band, " ", NULL, NULL, 0);
		lower_word(L, band, &pledge_words[PW_SIGNED_ON], LOWER_OWN);
		lower_text(L, band, " ", NULL, NULL, 0);
		lower_date(L, band, &pl->signed_on);
	}
	if (pl != NULL && pl->incomplete)
		pledge_incomplete(L, f, pl);
	lower_blocks(L, L->root, f->intro, 2, "intro", LOWER_OWN);
	pledge_actions(L, f, pl);
	if (f->support_number)
		pledge_support(L, f, pl);
	if (f->monitoring_number)
		pledge_monitoring(L, f, pl);
	if (f->has_contact)
		pledge_contact(L, f, pl);
}

const struct lower_word *lower_pledge_words(size_t *n)
{
	*n = PW_COUNT;
	return pledge_words;
}
