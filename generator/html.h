/* html.h - the HTML writer: a presentation tree (ptree.h) as one semantic,
 * self-contained page (stylesheet inlined from the layout). Knows nothing
 * of XML, PDF or the kinds of document. */
#ifndef MISHTO_HTML_H
#define MISHTO_HTML_H

#include <stddef.h>

struct pt_node;
struct style;

/* Writes the page of root into a malloc'd buffer; css may be NULL; st (may
 * be NULL) gives charts their colours. A tree with a form to fill in
 * (PR_META_FORM) is written as a form, with script (may be NULL: then it
 * is filled in and printed, not saved) after it. 0, or -1 when out of
 * memory. */
int html_render(const struct pt_node *root, const char *css,
                const char *script, const struct style *st, char **out,
                size_t *len);

#endif
