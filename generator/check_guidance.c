/* check_guidance.c - guidance rows point at action points of a form, like
 * a linker resolving symbols; action points left without guidance are
 * reported. */
#include "arena.h"
#include "check_int.h"
#include "diag.h"

#include <string.h>

/* Whether group g is among the space-separated ids of list (NULL: all). */
static int check_group_covered(const char *list, const char *id)
{
	if (list == NULL)
		return 1;
	size_t idlen = id ? strlen(id) : 0, len;
	const char *w;
	for (const char *s = list; (w = check_next_word(&s, &len));)
		if (len == idlen && strncmp(w, id, len) == 0)
			return 1;
	return 0;
}

static void check_guidance_groups(struct check *c, struct guidance *g,
                                  const struct pledge_form *f)
{
	size_t len;
	const char *w;
	for (const char *s = g->groups ? g->groups : "";
	     (w = check_next_word(&s, &len));) {
		const struct pledge_group *grp = f->groups;
		while (grp && !(grp->id && strlen(grp->id) == len &&
		                strncmp(grp->id, w, len) == 0))
			grp = grp->next;
		if (grp == NULL)
			CHECK_ERROR(c, &g->groups_loc, "group-reference",
			            "the form has no group with id \"%.*s\"",
			            (int)len, w);
	}
}

/* A row naming an action point the form does not have: the one it
 * meant, or the form's action points. */
static void check_guidance_unknown(struct check *c, const struct document *fd,
                                   const struct guidance_row *r,
                                   struct check_map *meant)
{
	const struct pledge_form *f = &fd->u.form;
	const char *names[256];
	struct action_point *aps[256];
	size_t n = 0;
	struct check_list l = {0};
	for (const struct pledge_group *grp = f->groups; grp; grp = grp->next)
		for (struct action_point *a = grp->action_points; a;
		     a = a->next) {
			if (n < 256) {
				aps[n] = a;
				names[n++] = a->id;
			}
			check_list_add(&l, a->id);
		}
	const char *near = diag_nearest(r->action_point_ref, names, n);
	if (near == NULL) {
		CHECK_ERROR(c, &r->ref_loc, "action-point-reference",
		            "form \"%s\" has no action point \"%s\"; its action "
		            "points are: %s", fd->id, r->action_point_ref,
		            check_list_text(&l));
		return;
	}
	CHECK_ERROR(c, &r->ref_loc, "action-point-reference",
	            "form \"%s\" has no action point \"%s\"; did you mean "
	            "\"%s\"?", fd->id, r->action_point_ref, near);
	for (size_t i = 0; i < n; i++)
		if (names[i] == near)
			check_map_add(meant, near, strlen(near), aps[i]);
}

void check_guidance(struct check *c, struct document *doc)
{
	struct guidance *g = &doc->u.guidance;
	if (check_blank(g->title))
		CHECK_ERROR(c, &doc->loc, "title", "the guidance has no title");
	struct document *fd = check_find_form(c, g->form_ref, &g->form_loc);
	if (fd == NULL)
		return;
	g->form = fd;
	const struct pledge_form *f = &fd->u.form;
	check_guidance_groups(c, g, f);

	struct check_map rows, meant;
	check_map_init(&rows, doc->arena, &c->oom);
	check_map_init(&meant, doc->arena, &c->oom);
	for (struct guidance_row *r = g->rows; r; r = r->next) {
		const char *id = r->action_point_ref;
		r->action_point = check_find_action_point(f, id, strlen(id));
		if (r->action_point == NULL) {
			check_guidance_unknown(c, fd, r, &meant);
			continue;
		}
		struct guidance_row *q = check_map_add(
		    &rows, r->action_point->id, strlen(r->action_point->id), r);
		if (q != NULL) {
			CHECK_ERROR(c, &r->loc, "duplicate-guidance",
			            "action point \"%s\" already has a row of "
			            "guidance", id);
			CHECK_NOTE(c, &q->loc, "the first row is here");
		}
	}
	for (const struct pledge_group *grp = f->groups; grp; grp = grp->next) {
		if (!check_group_covered(g->groups, grp->id))
			continue;
		for (struct action_point *a = grp->action_points; a;
		     a = a->next) {
			/* the one a misspelt row meant: told once, there */
			if (check_map_get(&rows, a->id, strlen(a->id)) == NULL &&
			    check_map_get(&meant, a->id, strlen(a->id)) == NULL)
				CHECK_WARN(c, &g->table_loc, "guidance-missing",
				           "action point \"%s\" (%s) has no "
				           "guidance; add a <row action-point="
				           "\"%s\">", a->id, a->title, a->id);
		}
	}
}
