/* check.h - the rules. Runs after parsing on all documents of one build,
 * like a linker: resolves references within and across documents, reports
 * every broken rule with its location, and fills in defaults and derived
 * values (section numbers, section titles, fingerprints) so backends never
 * re-check.
 * Each rule has a name, given with its diagnostics and listed in README. */
#ifndef MISHTO_CHECK_H
#define MISHTO_CHECK_H

#include <stddef.h>

#include "model.h"

struct diag;
struct document;

struct check_options {
	/* --as-of: actions of plans due before this day and not complete
	 * are reported overdue; ignored unless as_of.valid. */
	struct mdate as_of;
	/* --public: the edition anyone may read (made by rules.c, over the
	 * presentation tree; the checker does not change the model). */
	int public_edition;
};

/* Says the mistakes the schema held in doc's values (struct
 * held_error) in the schema's words: for a document left unchecked.
 * check_documents says them itself, those it does not say better. */
void check_say_held(const struct document *doc, struct diag *d);

/* Returns 0 when no error was reported (warnings allowed). */
int check_documents(struct document **docs, size_t ndocs,
                    const struct check_options *opts, struct diag *d);

/* One part of a batch checked on its own, so that a run of thousands of
 * signed pledges need not hold them all at once: refs are documents
 * checked before (forms, translations), which references resolve
 * against and which are not checked again; seen (may be NULL) keeps the
 * ids of every part, for the second of one id. */
struct check_seen;
struct check_seen *check_seen_new(void);
/* Every id is in: parts checked after (a pledge read again) neither add
 * nor look up ids, and only reuse seen's compiled patterns. */
void check_seen_close(struct check_seen *s);
void check_seen_free(struct check_seen *s);
int check_documents_part(struct document **docs, size_t ndocs,
                         struct document *const *refs, size_t nrefs,
                         struct check_seen *seen,
                         const struct check_options *opts, struct diag *d);

/* Strict ISO 8601 calendar date YYYY-MM-DD; 0 if not a real date. */
int check_parse_date(const char *text, int *y, int *m, int *d);
/* Whether p->text is a date or period as a plan's dates may be written
 * ("2027-06", "Q1 2027/28", "spring 2027", words); fills in p. */
int check_parse_period_text(struct mperiod *p);
/* A date as people write one in the UK: YYYY-MM-DD, 28/02/2027,
 * 28.2.2027, 28-02-2027 (day first), "28 February 2027", "28th Feb
 * 2027"; 0 if it is none of these or not a real date. */
int check_parse_written_date(const char *text, int *y, int *m, int *d);

#endif
