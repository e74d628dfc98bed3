/* output.h - writing outputs so that nothing is ever half-written: each
 * file goes to a temporary name in its target directory and is renamed
 * into place only when every output of the run has been written. */
#ifndef MISHTO_OUTPUT_H
#define MISHTO_OUTPUT_H

#include <stddef.h>

struct diag;

struct output_pending;

struct output_file {
	char *path;     /* final name */
	char *tmp;      /* temporary name while staged */
	struct output_pending *pending;   /* for the signal handler */
};

/* Writes data to a temporary file beside path. 0, or -1 after a
 * diagnostic (nothing is left behind). */
int output_stage(struct output_file *of, const char *path, const void *data,
                 size_t len, struct diag *d);
/* Renames the staged file into place. */
int output_commit(struct output_file *of, struct diag *d);
/* Removes a staged file that will not be committed. */
void output_discard(struct output_file *of);

/* While outputs are staged, every catchable signal that ends the process
 * (INT, TERM, HUP, PIPE, QUIT, XFSZ, XCPU, ALRM, USR1, USR2, VTALRM, PROF;
 * those not ignored already) removes every
 * temporary file before the process ends as the signal asks. */
void output_guard_signals(void);
void output_unguard_signals(void);

#endif
