/* csv.c - the CSV writer. */
#include "csv.h"
#include "ptree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void csv_field(FILE *o, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', o);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				fputc('"', o);   /* doubled */
			fputc(*p, o);
		}
		fputc('"', o);
	} else {
		fputs(s, o);
	}
	fputs(last ? "\r\n" : ",", o);
}

int csv_render(const struct pt_node *root, char **out, size_t *len)
{
	*out = NULL;
	FILE *o = open_memstream(out, len);
	if (o == NULL)
		return -1;
	int oom = 0;
	for (const struct pt_node *d = root->first; d && !oom; d = d->next) {
		if (d->type != PT_DATA)
			continue;
		for (const struct pt_node *r = d->first; r && !oom; r = r->next)
			for (const struct pt_node *c = r->first; c; c = c->next) {
				char *s = pt_plain(c);
				if (s == NULL) {
					oom = 1;
					break;
				}
				csv_field(o, s, c->next == NULL);
				free(s);
			}
	}
	oom |= ferror(o) != 0;
	if (fclose(o) != 0 || oom) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
