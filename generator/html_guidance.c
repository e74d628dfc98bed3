/* html_guidance.c - guidance in HTML: intro, values, and the table of
 * action points with actions and resources. */
#include "html_int.h"

void html_guidance(struct html *h)
{
	const struct guidance *g = &h->doc->u.guidance;
	html_header(h, g->title, g->subtitle);
	html_raw(h, "</header>\n<main>\n");
	html_blocks(h, g->intro, 2);
	html_raw(h, "<section id=\"guidance\">\n");
	if (g->table_title) {
		html_raw(h, "<h2>");
		html_text(h, g->table_title);
		html_raw(h, "</h2>\n");
	}
	const char *heads[3] = {g->pledge_label, g->actions_label,
	                        g->resources_label};
	html_table_head(h, "guidance", heads, 3);
	html_raw(h, "<tbody>\n");
	for (const struct guidance_row *r = g->rows; r; r = r->next) {
		html_raw(h, "<tr><th scope=\"row\" id=\"");
		html_text(h, r->action_point->id);
		html_raw(h, "\">");
		html_text(h, r->action_point->title);
		html_raw(h, "</th>");
		html_cell(h, NULL, g->actions_label);
		html_raw(h, "\n");
		html_blocks(h, r->actions, 3);
		html_raw(h, "</td>");
		html_cell(h, NULL, g->resources_label);
		html_raw(h, "\n");
		html_blocks(h, r->resources, 3);
		html_raw(h, "</td></tr>\n");
	}
	html_raw(h, "</tbody>\n</table>\n</section>\n");
	html_blocks(h, g->outro, 2);
}
