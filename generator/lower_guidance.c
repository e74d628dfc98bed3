/* lower_guidance.c - guidance: intro, values, and the table of action
 * points (their titles from the form) with actions to implement and
 * resources. */
#include "lower_int.h"

enum { GW_PLEDGE, GW_ACTIONS, GW_RESOURCES, GW_COUNT };

static const struct lower_word guidance_words[GW_COUNT] = {
	[GW_PLEDGE] = {"label.pledge", "Pledge"},
	[GW_ACTIONS] = {"label.actions", "Actions to implement"},
	[GW_RESOURCES] = {"label.resources",
	                  "Activities and resources to support "
	                  "implementation"},
};

static const double guidance_columns[] = {0.25, 0.37, 0.38};

void lower_guidance(struct lower *L)
{
	const struct guidance *g = &L->doc->u.guidance;
	lower_text(L, lower_meta(L, PR_META_TITLE), g->title, NULL, "title",
	           LOWER_OWN);
	if (g->subtitle)
		lower_text(L, lower_meta(L, PR_META_SUBJECT), g->subtitle, NULL,
		           "subtitle", LOWER_OWN);
	lower_text(L, lower_meta(L, PR_META_HEAD_LEFT), g->title, NULL,
	           "title", LOWER_OWN);
	if (g->subtitle)
		lower_text(L, lower_meta(L, PR_META_HEAD_RIGHT), g->subtitle,
		           NULL, "subtitle", LOWER_OWN);
	lower_furniture(L, NULL, NULL, NULL, LOWER_OWN);

	lower_header(L, g->title, "title", LOWER_OWN, g->subtitle, "subtitle",
	             0);
	lower_blocks(L, L->root, g->intro, 2, "intro", LOWER_OWN);
	struct pt_node *s = lower_section(L, L->root, "guidance", 0,
	                                  g->table_title, "table.title",
	                                  LOWER_OWN, &g->table_loc);
	struct pt_node *t = lower_table(L, s, "guidance", guidance_words, 3,
	                                guidance_columns, LOWER_OWN);
	struct pt_node *body = lower_add(L, t, PT_ROW_GROUP, NULL);
	for (const struct guidance_row *r = g->rows; r && !L->oom; r = r->next) {
		const char *id = r->action_point_ref ? r->action_point_ref : "";
		const char *k = lower_key(L, "row.", id, 0);
		struct pt_node *row = lower_row(L, body, NULL);
		struct pt_node *head = lower_head_cell(L, row, 0);
		if (head == NULL || k == NULL)
			return;
		row->bookmark = 1;
		lower_id(L, head, r->action_point->id);
		lower_text(L, head, r->action_point->title, &r->loc,
		           lower_key(L, "ap.", r->action_point->id, 0),
		           LOWER_FORM);
		lower_blocks(L, lower_cell(L, row, 1), r->actions, 3,
		             lower_key(L, k, ".actions", 0), LOWER_OWN);
		lower_blocks(L, lower_cell(L, row, 2), r->resources, 3,
		             lower_key(L, k, ".resources", 0), LOWER_OWN);
	}
	lower_blocks(L, L->root, g->outro, 2, "outro", LOWER_OWN);
}

const struct lower_word *lower_guidance_words(size_t *n)
{
	*n = GW_COUNT;
	return guidance_words;
}
