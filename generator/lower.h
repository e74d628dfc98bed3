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
};

/* The index page of a site: its entries under their group headings, in
 * the order given, each linking to its HTML, PDF (and CSV). */
struct pt_node *lower_site_index(const char *title, const char *lang,
                                 const struct lower_site_entry *e, size_t n,
                                 struct arena *a);

#endif
