/* diag.h - every message mishto gives about a document goes through here:
 * one place decides its format (human, JSON lines, GitHub annotations) and
 * keeps the worst level seen, which becomes the exit status. */
#ifndef MISHTO_DIAG_H
#define MISHTO_DIAG_H

#include <stdio.h>

struct source;

/* Where something is: file, 1-based line and column (0 = unknown). src, if
 * set, lets a human-format diagnostic quote the line. */
struct loc {
	const char *file;
	const struct source *src;
	int line, col;
};

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };
enum diag_format { DIAG_HUMAN, DIAG_JSON, DIAG_GITHUB };

/* The registry (diag_rules.c): every rule a diagnostic names. */
struct diag_rule {
	const char *name;
	const char *level_text;     /* as the README's table gives it */
	enum diag_level level;      /* as it is given, unless set otherwise */
	const char *summary;        /* what it checks, the README's words */
};
extern const struct diag_rule diag_rules[];
extern const size_t diag_nrules;
#define DIAG_MAX_RULES 160
/* The rule's place in the registry, or -1. */
int diag_rule_index(const char *name);
/* The registered rule nearest to a misspelt name (NULL if none is near). */
const char *diag_rule_near(const char *name);
/* Edits (Levenshtein) to turn a into b, or limit + 1 when more. */
size_t diag_distance(const char *a, const char *b, size_t limit);
/* The candidate nearest to a misspelt name, within a third of its
 * length in edits (case counts as an edit); NULL if none is that near. */
const char *diag_nearest(const char *name, const char *const *cands,
                         size_t n);
/* The README's rules table, in Markdown, from the registry. */
void diag_rules_table(FILE *out);

/* What -W options set for one rule: as given, never said (-Wno-RULE),
 * said even under -w (-W RULE), an error (-Werror=RULE). */
enum diag_rule_setting {
	DIAG_RULE_DEFAULT, DIAG_RULE_OFF, DIAG_RULE_ON, DIAG_RULE_ERROR
};

/* How many errors are said before the rest are only counted (as clang's
 * -ferror-limit); 0 says them all. */
#define DIAG_MAX_ERRORS 20

struct diag {
	FILE *out;
	enum diag_format format;
	int werror;                 /* warnings count as errors */
	int no_warnings;            /* -w: warnings (and their notes) unsaid */
	int muted;                  /* the last warning was unsaid */
	enum diag_level worst;
	int seen_any;
	unsigned count[3];
	unsigned environment;       /* errors of the environment: exit 2 */
	unsigned max_errors;        /* --max-errors; 0: no limit */
	unsigned unsaid;            /* errors past max_errors, counted */
	unsigned char rule_setting[DIAG_MAX_RULES];   /* by registry index */
	const struct loc *const *watch;   /* see diag_watch */
	size_t nwatch;
	unsigned char *watch_hit;
};

/* out NULL: diagnostics are counted, not written. The error limit is
 * DIAG_MAX_ERRORS. */
void diag_init(struct diag *d, FILE *out, enum diag_format format);

/* rule names the check (documented in README) so machines can filter. */
void diag_report(struct diag *d, enum diag_level level, const struct loc *loc,
                 const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A fix a machine can apply (JSON's "fixit"): the characters of line
 * from col up to end_col (not included) become text. Given only where
 * the fix is certain. */
struct diag_fix {
	int line, col, end_col;
	const char *text;
};
void diag_report_fix(struct diag *d, enum diag_level level,
                     const struct loc *loc, const struct diag_fix *fix,
                     const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* While n > 0, an error reported (said or only counted) at one of the
 * places at[i] (same file, line and column) sets hit[i]; n = 0 stops.
 * For the checker, to know which mistakes the schema held for it it has
 * said. */
void diag_watch(struct diag *d, const struct loc *const *at, size_t n,
                unsigned char *hit);

/* Human summary line ("2 errors, 1 warning"); nothing for machine formats. */
void diag_summary(const struct diag *d);

int diag_has_errors(const struct diag *d);
/* Whether an error was about the environment rather than a document:
 * memory, files, fonts, layouts (rules out-of-memory, internal, input,
 * output, layout, font, environment, pdf). Such a run exits 2. */
int diag_environment_failed(const struct diag *d);

#endif
