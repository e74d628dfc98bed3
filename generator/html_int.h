/* html_int.h - the HTML engine shared by the per-document writers. Not an
 * interface for other stages (that is html.h). */
#ifndef MISHTO_HTML_INT_H
#define MISHTO_HTML_INT_H

#include <stddef.h>

#include "html.h"
#include "model.h"

struct html {
	char *buf;
	size_t len, cap;
	int oom;
	const struct document *doc;
};

void html_put(struct html *h, const char *s, size_t n);
void html_raw(struct html *h, const char *s);
void html_printf(struct html *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Escapes for element content and quoted attribute values alike. */
void html_text(struct html *h, const char *s);
void html_inlines(struct html *h, const struct inline_node *n);
void html_blocks(struct html *h, const struct block *b, int level);
/* <header> with h1 and subtitle; the writer closes it and opens <main>. */
void html_header(struct html *h, const char *title, const char *subtitle);
/* Opens <section id=...> with an h2 (number 0: none). */
void html_heading(struct html *h, const char *id, int number,
                  const char *title);
void html_date(struct html *h, const struct mdate *d);
void html_period(struct html *h, const struct mperiod *p);
/* A dl field: a value, a date, or a blank line to fill in on paper. */
void html_field(struct html *h, const char *label, const char *value,
                const struct mdate *date);
/* <table class=cls> and its row of column headers. */
void html_table_head(struct html *h, const char *cls,
                     const char *const *heads, int n);
/* Opens a <td> (cls NULL: no class) whose data-label repeats its column
 * header, so a narrow screen can show each cell as a labelled block. */
void html_cell(struct html *h, const char *cls, const char *label);
/* People by name, separated by commas. */
void html_people(struct html *h, const struct person_refs *r);
/* A label that carries its word, coloured by class. */
void html_label(struct html *h, const char *cls, const char *word);

void html_pledge(struct html *h);
void html_guidance(struct html *h);
void html_plan(struct html *h);
void html_minutes(struct html *h);
void html_signatories(struct html *h);
void html_progress(struct html *h);

#endif
