/* check_int.h - what the checker's files share: the run's state, the
 * diagnostic shorthands and the value checks every kind of document uses.
 * Not an interface for other stages (that is check.h). */
#ifndef MISHTO_CHECK_INT_H
#define MISHTO_CHECK_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "check.h"
#include "diag.h"
#include "model.h"

struct arena;

struct check {
	struct diag *diag;
	struct document **docs;
	size_t ndocs;
	const struct check_options *opts;
	/* the patterns, compiled once for every part of a batch */
	const struct check_patterns {
		pcre2_code *id, *lang, *email, *phone, *complete;
		pcre2_match_data *md;
	} *re;
	int errors;
	int oom;                 /* reported once, at the end */
	struct arena *arena;     /* the document being checked */
};

#define CHECK_ERROR(c, loc, rule, ...)                                       \
	do {                                                                 \
		diag_report((c)->diag, DIAG_ERROR, (loc), (rule), __VA_ARGS__); \
		(c)->errors++;                                               \
	} while (0)
#define CHECK_WARN(c, loc, rule, ...)                                        \
	diag_report((c)->diag, DIAG_WARNING, (loc), (rule), __VA_ARGS__)
#define CHECK_NOTE(c, loc, ...)                                              \
	diag_report((c)->diag, DIAG_NOTE, (loc), NULL, __VA_ARGS__)

/* A map from strings to pointers, in an arena: lookups by id stay linear
 * in the size of a document however many ids it has. */
struct check_map_entry {
	const char *key;
	size_t len;
	void *value;
};

struct check_map {
	struct check_map_entry *v;
	size_t cap, n;
	struct arena *a;
	int *oom;                /* set when memory runs out */
};

void check_map_init(struct check_map *m, struct arena *a, int *oom);
void *check_map_get(const struct check_map *m, const char *key, size_t len);
/* Adds key with value unless it is there; returns the value already there,
 * or NULL when key was added. */
void *check_map_add(struct check_map *m, const char *key, size_t len,
                    void *value);

/* A list of ids for a message: the first few, then how many more. */
struct check_list {
	char buf[256];
	size_t len, shown, more;
};
void check_list_add(struct check_list *l, const char *id);
const char *check_list_text(struct check_list *l);

int check_match(struct check *c, pcre2_code *re, const char *s);
int check_blank(const char *s);
/* A date written as in a letter ("28/02/2027"): an error that says it
 * as YYYY-MM-DD, with a fix-it where certain. */
void check_letter_date(struct check *c, const struct loc *loc,
                       const char *text, const char *what, int y, int m,
                       int d);
/* A fix-it replacing the value written at loc (an attribute's value, as
 * the source has it: no entity in it) by text; 0 when the source does
 * not have the value there verbatim, so the fix would not be certain. */
int check_value_fix(const struct loc *loc, const char *value,
                    const char *text, struct diag_fix *fix);
int check_month_days(int y, int m);
/* The next word of a space-separated list (NULL at the end); *s moves
 * past it. */
const char *check_next_word(const char **s, size_t *len);
int check_parse_period(struct mperiod *p);
long check_days(const struct mdate *d);
void check_date(struct check *c, struct mdate *d, const char *what);
void check_period(struct check *c, struct mperiod *p, const char *what);
void check_time(struct check *c, struct mtime *t, const char *what);
void check_id(struct check *c, const char *id, const struct loc *loc,
              const char *what);
struct document *check_find_document(struct check *c, const char *id);
/* Resolves a document reference to a pledge form (reports when not). */
struct document *check_find_form(struct check *c, const char *id,
                                 const struct loc *loc);
/* A register of people: ids valid and unique, contact fields valid; the
 * map by id is filled for check_person_refs. */
void check_people(struct check *c, struct person *people, const char *what,
                  struct check_map *by_id);
/* Resolves ids written in refs against the register; "all" only if
 * allow_all. */
void check_person_refs(struct check *c, struct person_refs *refs,
                       const struct person *people,
                       const struct check_map *by_id, int allow_all,
                       struct arena *a, const char *what);
/* Whether the plain text of inline content matches re. */
int check_inline_matches(struct check *c, pcre2_code *re,
                         const struct inline_node *n);

/* Whether any text in blocks (and their nested lists) matches re. */
int check_blocks_match(struct check *c, pcre2_code *re, const struct block *b);

/* The kinds of document (check_pledge.c, check_guidance.c, ...). */
void check_form(struct check *c, struct document *doc);
void check_pledge(struct check *c, struct document *doc);
void check_guidance(struct check *c, struct document *doc);
void check_plan(struct check *c, struct document *doc);
void check_minutes(struct check *c, struct document *doc);

/* Shared with guidance: finding action points of a form. */
struct action_point *check_find_action_point(const struct pledge_form *f,
                                             const char *id, size_t len);

#endif
