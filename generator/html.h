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

#endif
