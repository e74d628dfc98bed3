/* csv.h - the CSV writer: the rows for machines a presentation tree
 * carries (PT_DATA: the register of signatories), as RFC 4180 CSV. */
#ifndef MISHTO_CSV_H
#define MISHTO_CSV_H

#include <stddef.h>

struct pt_node;

/* The tree's rows as CSV (CRLF line ends; a field quoted when it holds a
 * comma, quote or line break, its quotes doubled) in a malloc'd buffer.
 * 0, or -1 when memory runs out. */
int csv_render(const struct pt_node *root, char **out, size_t *len);

#endif
