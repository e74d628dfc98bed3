/* lower.h - a checked document to its presentation tree (ptree.h), once
 * per kind: lower_pledge.c (forms and signed pledges), lower_guidance.c,
 * lower_plan.c, lower_minutes.c, lower_report.c (the register and
 * progress reports). The model is only read. Every word printed comes
 * from here, the kinds' label tables included, with the key a translation
 * gives it under. */
#ifndef MISHTO_LOWER_H
#define MISHTO_LOWER_H

#include <stddef.h>

#include "model.h"

struct arena;
struct document;
struct pt_node;

/* The tree of doc (checked) in arena a; NULL when memory runs out. */
struct pt_node *lower_document(const struct document *doc, struct arena *a);

/* Whether key names a printed word of a kind of document (its label
 * table: "label.tick"), so a translation may give it though this
 * document does not print it (a blank form has no "Signed on"). */
int lower_is_word(enum document_kind kind, const char *key);

/* One document of a site, for its index page. */
struct lower_site_entry {
	const char *name;          /* NAME: NAME.html, NAME.pdf (NAME.csv) */
	const char *title;         /* as its edition's tree has it */
	const char *group;         /* the heading it is listed under */
	const char *lang;          /* NULL: the index's language */
	int has_csv;
	int no_pdf;                /* a page only (what changed) */
	int pdf_pages;             /* the PDF's pages and size */
	size_t pdf_bytes;
	int large_print;           /* NAME.large-print.pdf too */
	int large_print_pages;
	size_t large_print_bytes;
};

/* The address of a site's file NAME.EXT, relative ("./NAME.EXT"), every
 * byte but letters, digits and "._~-" percent-encoded. */
char *lower_file_href(struct arena *a, const char *name, const char *ext);

/* A page of a site with a title and one paragraph (the 404 page). */
struct pt_node *lower_site_notice(const char *title, const char *lang,
                                  const char *text, struct arena *a);

/* The index page of a site: its entries under their group headings, in
 * the order given, each linking to its HTML, PDF (and large print, CSV)
 * with the PDFs' pages and sizes; dated (may be NULL) says the date of
 * the content. */
struct pt_node *lower_site_index(const char *title, const char *lang,
                                 const char *dated,
                                 const struct lower_site_entry *e, size_t n,
                                 struct arena *a);

#endif
