/* html.h - the HTML writer: a presentation tree (ptree.h) as one semantic,
 * self-contained page (stylesheet inlined from the layout). Knows nothing
 * of XML, PDF or the kinds of document. */
#ifndef MISHTO_HTML_H
#define MISHTO_HTML_H

#include <stddef.h>

struct pt_node;
struct style;

/* A link of a site's navigation: where, its words, and the language of
 * the page it leads to when not the page's own (NULL). */
struct html_link {
	const char *href;
	const char *text;
	const char *lang;
};

/* The navigation of a page of a site, written before its content: home,
 * the page's PDF (with its pages and size), its large-print PDF, then
 * the links the site gives (its other languages, the form a pledge was
 * signed on...), and the date of its content. Words are the site's;
 * only "PDF", "pages" and the sizes are the writer's. */
struct html_nav {
	const char *home;            /* "index.html" */
	const char *home_text;
	const char *pdf;             /* NULL: none */
	size_t pdf_bytes;
	int pdf_pages;
	const char *large_print;     /* NULL: none */
	size_t large_print_bytes;
	int large_print_pages;
	struct html_link links[12];
	size_t nlinks;
	const char *dated;           /* "Content dated 1 May 2026", or NULL */
};

/* Writes the page of root into a malloc'd buffer; css may be NULL; st (may
 * be NULL) gives charts their colours. A tree with a form to fill in
 * (PR_META_FORM) is written as a form, with script (may be NULL: then it
 * is filled in and printed, not saved) after it; nav (may be NULL) is
 * the navigation of a site's page. 0, or -1 when out of memory. */
int html_render(const struct pt_node *root, const char *css,
                const char *script, const struct style *st,
                const struct html_nav *nav, char **out, size_t *len);

#endif
