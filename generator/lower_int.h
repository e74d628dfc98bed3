/* lower_int.h - what the per-kind lowering files share: the state of one
 * lowering, the kinds' label tables, and builders for the shapes every
 * kind uses (title blocks, sections, tables, fields, dates, people). Not
 * an interface for other stages (that is lower.h). */
#ifndef MISHTO_LOWER_INT_H
#define MISHTO_LOWER_INT_H

#include "lower.h"
#include "model.h"
#include "ptree.h"

struct lower {
	struct arena *a;
	const struct document *doc;
	struct pt_node *root;
	int oom;
};

/* A printed word of a kind: the key a translation gives it under
 * ("label.tick") and its English. Each kind has a table of them. */
struct lower_word {
	const char *key;
	const char *text;
};

/* Domains of translation keys: the document's own translation, or the
 * translation of the form it prints (a pledge's words, the action point
 * titles of guidance). */
#define LOWER_OWN 0
#define LOWER_FORM 1

/* Records running out of memory; returns n. */
struct pt_node *lower_ok(struct lower *L, struct pt_node *n);
const char *lower_str(struct lower *L, const char *s);
/* n's struct pt_more, made when missing (NULL, and running out of
 * memory recorded, when it cannot be; also when n is NULL). */
struct pt_more *lower_more(struct lower *L, struct pt_node *n);
/* Sets n's language or anchor (pt_more): nothing when n is NULL. */
void lower_lang(struct lower *L, struct pt_node *n, const char *lang);
void lower_id(struct lower *L, struct pt_node *n, const char *id);
/* Names the form's field n is (pt_input). */
void lower_input(struct lower *L, struct pt_node *n, const char *input);
struct pt_node *lower_add(struct lower *L, struct pt_node *parent,
                          enum pt_type type, const struct loc *loc);
/* Plain text, translated under key (NULL: not translated). */
struct pt_node *lower_text(struct lower *L, struct pt_node *parent,
                           const char *text, const struct loc *loc,
                           const char *key, int domain);
/* A person's name: set whole, never hyphenated. */
struct pt_node *lower_name(struct lower *L, struct pt_node *parent,
                           const char *name, const struct loc *loc);
struct pt_node *lower_textf(struct lower *L, struct pt_node *parent,
                            const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A word of a kind's table. */
struct pt_node *lower_word(struct lower *L, struct pt_node *parent,
                           const struct lower_word *w, int domain);
/* Inline content translated as a whole under key: a PT_SPAN holding it
 * (NULL key: the content itself, no span). */
struct pt_node *lower_inlines(struct lower *L, struct pt_node *parent,
                              const struct inline_node *n,
                              const char *key, int domain,
                              const char *field);
/* The model's blocks; keys "prefix.N" as translations name them; top is
 * the heading level of a section at this depth. */
void lower_blocks(struct lower *L, struct pt_node *parent,
                  const struct block *b, int top, const char *prefix,
                  int domain);
/* "prefix" + "suffix" (or "prefix.N" with n > 0), in the arena; NULL
 * when prefix is (a place with no key has none under it either). */
const char *lower_key(struct lower *L, const char *prefix,
                      const char *suffix, size_t n);

/* The document's slots. */
struct pt_node *lower_meta(struct lower *L, enum pt_role role);
/* The title block: title, subtitle (may be NULL), and an empty band
 * paragraph returned when band is set. */
struct pt_node *lower_header(struct lower *L, const char *title,
                             const char *title_key, int domain,
                             const char *subtitle, const char *subtitle_key,
                             int band);
/* The running header, the footer ("WORD sha256:...") and the page words;
 * NULL words: the default English. */
void lower_furniture(struct lower *L, const struct lower_word *source,
                     const struct lower_word *page,
                     const struct lower_word *of, int domain);
/* A section with an h2 of the words given (key may be NULL); number 0:
 * none. */
struct pt_node *lower_section(struct lower *L, struct pt_node *parent,
                              const char *id, int number, const char *title,
                              const char *key, int domain,
                              const struct loc *loc);
/* A table: class, its column heads (words), their relative widths. */
struct pt_node *lower_table(struct lower *L, struct pt_node *parent,
                            const char *cls, const struct lower_word *heads,
                            int ncols, const double *weights, int domain);
/* A row, and a cell in column col of it. */
struct pt_node *lower_row(struct lower *L, struct pt_node *group,
                          const char *cls);
struct pt_node *lower_cell(struct lower *L, struct pt_node *row, int col);
/* A header cell (the row's head). */
struct pt_node *lower_head_cell(struct lower *L, struct pt_node *row,
                                int col);
/* A band across the table: a group's or area's title. */
struct pt_node *lower_band(struct lower *L, struct pt_node *group,
                           const char *cls, int ncols, const char *title,
                           const char *key, int domain,
                           const struct loc *loc);
/* A labelled field: returns the value (to fill; empty prints a line to
 * write on, lines high). */
struct pt_node *lower_field(struct lower *L, struct pt_node *fields,
                            const char *cls, const struct lower_word *label,
                            int domain, int lines);
/* Dates and periods: <time> with the words printed. */
struct pt_node *lower_date(struct lower *L, struct pt_node *parent,
                           const struct mdate *d);
struct pt_node *lower_long_date(struct lower *L, struct pt_node *parent,
                                const struct mdate *d);
struct pt_node *lower_period(struct lower *L, struct pt_node *parent,
                             const struct mperiod *p);
/* People by name, separated by commas. */
void lower_people(struct lower *L, struct pt_node *parent,
                  const struct person_refs *r);
/* A coloured label carrying its word. */
struct pt_node *lower_label(struct lower *L, struct pt_node *parent,
                            enum pt_role colour, const char *cls,
                            const struct lower_word *w);
/* Status, RAG and priority labels of plans (lower_plan.c). */
struct pt_node *lower_status_label(struct lower *L, struct pt_node *parent,
                                   enum action_status s);
struct pt_node *lower_rag_label(struct lower *L, struct pt_node *parent,
                                enum rag r);

/* the kinds, and their label tables */
const struct lower_word *lower_pledge_words(size_t *n);
const struct lower_word *lower_guidance_words(size_t *n);
const struct lower_word *lower_plan_words(size_t *n);
const struct lower_word *lower_minutes_words(size_t *n);
const struct lower_word *lower_report_words(size_t *n);
void lower_pledge(struct lower *L);
void lower_guidance(struct lower *L);
void lower_plan(struct lower *L);
void lower_minutes(struct lower *L);
void lower_signatories(struct lower *L);
void lower_progress(struct lower *L);

#endif
