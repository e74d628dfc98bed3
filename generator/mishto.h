/* mishto.h - the command line. All state lives in one context made per
 * call, so the whole CLI can be run from tests and fuzzers. */
#ifndef MISHTO_MISHTO_H
#define MISHTO_MISHTO_H

#include <stdio.h>

#define MISHTO_VERSION "0.1.0"

/* Exit statuses. */
enum {
	MISHTO_EXIT_OK = 0,       /* no errors (warnings allowed) */
	MISHTO_EXIT_ERRORS = 1,   /* a document has errors */
	MISHTO_EXIT_USAGE = 2     /* bad usage or environment */
};

/* Runs `mishto ARGS`; diagnostics go to err, --help and reports to
 * stdout. Returns the exit status. */
int mishto_main(int argc, char **argv, FILE *err);

#endif
