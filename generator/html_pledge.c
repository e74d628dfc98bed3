/* html_pledge.c - the pledge form and signed pledges in HTML. */
#include "html_int.h"

static void html_tick(struct html *h, const struct pledge_labels *lb,
                      int ticked)
{
	html_printf(h, "<span class=\"tick%s\" role=\"img\" aria-label=\"",
	            ticked ? " ticked" : "");
	html_text(h, ticked ? lb->committed : lb->not_committed);
	html_raw(h, "\">");
	if (ticked)
		html_raw(h, "\xE2\x9C\x93");
	html_raw(h, "</span>");
}

static void html_actions(struct html *h, const struct pledge_form *f,
                         const struct pledge *pl)
{
	const struct pledge_labels *lb = &f->labels;
	html_heading(h, "actions", f->actions_number, f->actions_title);
	html_blocks(h, f->actions_intro, 3);
	if (f->instruction) {
		html_raw(h, "<p class=\"instruction\"><strong>");
		html_inlines(h, f->instruction);
		html_raw(h, "</strong></p>\n");
	}
	const char *heads[4] = {lb->action_point, lb->steps, lb->tick,
	                        lb->deadline};
	html_table_head(h, "actions", heads, 4);
	for (const struct pledge_group *g = f->groups; g; g = g->next) {
		html_raw(h, "<tbody>\n<tr class=\"group\"><th colspan=\"4\" "
		         "scope=\"colgroup\">");
		html_text(h, g->title);
		html_raw(h, "</th></tr>\n");
		for (const struct action_point *a = g->action_points; a;
		     a = a->next) {
			for (const struct pledge_step *s = a->steps; s;
			     s = s->next) {
				const struct pledge_commit *k =
				    pl ? pl->commit_for_step[s->ordinal] : NULL;
				html_raw(h, "<tr");
				if (s == a->steps)
					html_raw(h, " class=\"first\"");
				html_raw(h, ">");
				if (s == a->steps) {
					html_printf(h, "<th scope=\"row\" "
					            "rowspan=\"%zu\" id=\"",
					            a->nsteps);
					html_text(h, a->id);
					html_raw(h, "\">");
					html_text(h, a->title);
					html_raw(h, "</th>");
				}
				html_raw(h, "<td class=\"step\">");
				html_inlines(h, s->text);
				html_raw(h, "</td>");
				html_cell(h, "tick-cell", lb->tick);
				html_tick(h, lb, k != NULL);
				html_raw(h, "</td>");
				html_cell(h, "deadline", lb->deadline);
				if (k != NULL && k->by.valid)
					html_date(h, &k->by);
				html_raw(h, "</td></tr>\n");
			}
		}
		html_raw(h, "</tbody>\n");
	}
	html_raw(h, "</table>\n</section>\n");
}

static void html_support(struct html *h, const struct pledge_form *f,
                         const struct pledge *pl)
{
	html_heading(h, "support", f->support_number, f->support_title);
	html_blocks(h, f->support_intro, 3);
	html_raw(h, "<ul class=\"checklist\">\n");
	for (const struct support_option *o = f->options; o; o = o->next) {
		html_raw(h, "<li>");
		html_tick(h, &f->labels, pl && pl->option_chosen[o->ordinal]);
		html_raw(h, " <span>");
		html_inlines(h, o->text);
		html_raw(h, "</span></li>\n");
	}
	html_raw(h, "</ul>\n");
	if (f->has_other) {
		html_raw(h, "<dl class=\"fields\">\n");
		html_field(h, f->other_label, pl ? pl->support_other : NULL,
		           NULL);
		html_raw(h, "</dl>\n");
	}
	html_raw(h, "</section>\n");
}

static void html_monitoring(struct html *h, const struct pledge_form *f,
                            const struct pledge *pl)
{
	html_heading(h, "monitoring", f->monitoring_number,
	             f->monitoring_title);
	html_blocks(h, f->monitoring, 3);
	if (f->has_report_due) {
		html_raw(h, "<dl class=\"fields\">\n");
		html_field(h, f->report_due_label, NULL,
		           pl ? &pl->report_due : NULL);
		html_raw(h, "</dl>\n");
	}
	html_raw(h, "</section>\n");
}

static void html_contact(struct html *h, const struct pledge_form *f,
                         const struct pledge *pl)
{
	const struct pledge_labels *lb = &f->labels;
	const struct pledge_contact *c =
	    pl && pl->has_contact ? &pl->contact : NULL;
	html_heading(h, "contact", f->contact_number, f->contact_title);
	html_raw(h, "<dl class=\"fields\">\n");
	html_field(h, lb->name, c ? c->name : NULL, NULL);
	html_field(h, lb->role, c ? c->role : NULL, NULL);
	html_field(h, lb->email, c ? c->email : NULL, NULL);
	html_field(h, lb->phone, c ? c->phone : NULL, NULL);
	html_field(h, lb->signed_for, pl ? pl->authority : NULL, NULL);
	html_raw(h, "<div class=\"field signature\"><dt>");
	html_text(h, lb->signature);
	html_raw(h, "</dt><dd><span class=\"blank\"></span></dd></div>\n");
	html_field(h, lb->date, NULL, pl ? &pl->signed_on : NULL);
	html_raw(h, "</dl>\n</section>\n");
}


void html_pledge(struct html *h)
{
	const struct document *doc = h->doc;
	const struct pledge *pl = doc->kind == DOCUMENT_PLEDGE
	                          ? &doc->u.pledge : NULL;
	const struct pledge_form *f = pl ? &pl->form->u.form : &doc->u.form;
	html_header(h, f->title, f->audience);
	if (pl) {
		html_raw(h, "<p class=\"signatory\"><strong>");
		html_text(h, pl->authority);
		html_raw(h, "</strong> ");
		html_text(h, f->labels.signed_on);
		html_raw(h, " ");
		html_date(h, &pl->signed_on);
		html_raw(h, "</p>\n");
	}
	html_raw(h, "</header>\n<main>\n");
	html_blocks(h, f->intro, 2);
	html_actions(h, f, pl);
	if (f->support_number)
		html_support(h, f, pl);
	if (f->monitoring_number)
		html_monitoring(h, f, pl);
	if (f->has_contact)
		html_contact(h, f, pl);
}
