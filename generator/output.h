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
 * diagnostic (nothing is left behind). The first file staged in a
 * directory joins the runs writing there (its lock file, .mishto.lock);
 * a run that finds itself alone there first removes the temporary files
 * that killed runs left. */
int output_stage(struct output_file *of, const char *path, const void *data,
                 size_t len, struct diag *d);
/* Renames staged files into place, all or none: if one rename fails,
 * the files the others replaced are put back (hard links to them are
 * kept until the end). Runs into one directory commit one at a time.
 * The entries are emptied either way. */
int output_commit_all(struct output_file *v, size_t n, struct diag *d);
int output_commit(struct output_file *of, struct diag *d);
/* Removes a staged file that will not be committed. */
void output_discard(struct output_file *of);

/* While outputs are staged, every catchable signal that ends the process
 * (INT, TERM, HUP, PIPE, QUIT, XFSZ, XCPU, ALRM, USR1, USR2, VTALRM, PROF;
 * those not ignored already) removes every
 * temporary file before the process ends as the signal asks. */
void output_guard_signals(void);
/* Ends a run's writing: each directory written into is left (the last
 * run out removes its lock file) and signals are as they were. */
void output_finish(void);

#endif
