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
};

/* out NULL: diagnostics are counted, not written. */
void diag_init(struct diag *d, FILE *out, enum diag_format format);

/* rule names the check (documented in README) so machines can filter. */
void diag_report(struct diag *d, enum diag_level level, const struct loc *loc,
                 const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Human summary line ("2 errors, 1 warning"); nothing for machine formats. */
void diag_summary(const struct diag *d);

int diag_has_errors(const struct diag *d);
/* Whether an error was about the environment rather than a document:
 * memory, files, fonts, layouts (rules out-of-memory, internal, input,
 * output, layout, font, environment, pdf). Such a run exits 2. */
int diag_environment_failed(const struct diag *d);

#endif
