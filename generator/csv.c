/* csv.c - the CSV writer. */
#include "csv.h"
#include "ptree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A field a spreadsheet would run as a formula (=, +, -, @, a tab or a
 * carriage return first: "=HYPERLINK(...)") gets an apostrophe first, as
 * OWASP advises: the spreadsheet shows the words, and runs nothing. */
static int csv_formula(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

static void csv_field(FILE *o, const char *s, int last)
{
	int formula = csv_formula(s);
	if (formula && strpbrk(s, ",\"\r\n") == NULL) {
		fputc('\'', o);
		fputs(s, o);
	} else if (formula || strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', o);
		if (formula)
			fputc('\'', o);
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
	/* a byte-order mark: Excel on Windows reads the file as UTF-8 then
	 * ("Ştefania Lăcătuş", not mojibake) */
	fputs("\xEF\xBB\xBF", o);
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
