/* layout_guidance.c - guidance: intro, values, and the table of action
 * points with actions to implement and resources. */
#include "layout_int.h"

void layout_guidance(struct layout *L)
{
	const struct guidance *g = &L->doc->u.guidance;
	const struct style *st = L->st;
	L->ld->subject = g->subtitle;
	layout_title_block(L, g->title, g->subtitle, NULL, NULL);
	layout_blocks(L, g->intro, L->left, L->right - L->left, 0);
	if (g->table_title)
		layout_heading(L, g->table_title, 0, st->heading_size, 0);

	struct ltable tb = {0};
	static const double weights[] = {0.25, 0.37, 0.38};
	layout_table_columns(L, &tb, 3, weights);
	const char *heads[] = {g->pledge_label, g->actions_label,
	                       g->resources_label};
	tb.header = layout_header_row(L, &tb, heads);

	struct lrow **rows = NULL;
	size_t n = 0, cap = 0;
	for (const struct guidance_row *r = g->rows; r && !L->oom; r = r->next) {
		struct lrow *row = layout_new_row(L);
		if (row == NULL)
			return;
		layout_cell_plain(L, &row->cells[0], r->action_point->title,
		                  FACE_BOLD, st->text_colour,
		                  layout_cell_width(&tb, 0));
		layout_cell_blocks(L, &row->cells[1], r->actions,
		                   layout_cell_width(&tb, 1), 0);
		layout_cell_blocks(L, &row->cells[2], r->resources,
		                   layout_cell_width(&tb, 2), 0);
		layout_row_finish(row, 3);
		row->mark = r->action_point->title;
		layout_push_row(L, &rows, &n, &cap, row);
	}
	layout_table_rows(L, &tb, rows, n);
	L->y -= st->paragraph_gap * 2;
	layout_blocks(L, g->outro, L->left, L->right - L->left, 0);
	layout_page_furniture(L, g->title, g->subtitle,
	                      layout_printf(L, "Source %s",
	                                    L->doc->fingerprint));
}
