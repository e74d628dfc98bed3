/* html.h - the HTML backend: one semantic, self-contained page per
 * document (stylesheet inlined from the layout). Reads only the checked
 * model; knows nothing of XML or PDF. */
#ifndef MISHTO_HTML_H
#define MISHTO_HTML_H

#include <stddef.h>

struct document;

/* Renders doc into a malloc'd buffer; css may be NULL. 0, or -1 when out
 * of memory. */
int html_render(const struct document *doc, const char *css, char **out,
                size_t *len);

/* One output of a site, for its index page. */
struct html_site_entry {
	const char *name;          /* NAME: NAME.html, NAME.pdf (NAME.csv) */
	const char *title;
	const char *group;         /* the heading it is listed under */
	const char *lang;          /* NULL: the index's language */
	int has_csv;
};

/* The index page of a site: its entries under their group headings, in
 * the order given, each with links to its HTML, PDF (and CSV). */
int html_site_index(const char *title, const char *lang,
                    const struct html_site_entry *e, size_t n,
                    const char *css, char **out, size_t *len);

#endif
