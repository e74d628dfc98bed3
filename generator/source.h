/* source.h - a source file held in memory: its bytes, where its lines
 * start (for line:column and for quoting a line in a diagnostic) and a
 * fingerprint of its content. */
#ifndef MISHTO_SOURCE_H
#define MISHTO_SOURCE_H

#include <stddef.h>

struct source {
	char *path;            /* as the user named it */
	char *text;            /* the bytes, NUL-terminated */
	size_t len;
	size_t *line_start;    /* offset of each line's first byte */
	size_t nlines;
	/* the column of every SOURCE_BLOCK-th byte, for source_position:
	 * a search then counts at most SOURCE_BLOCK bytes, where one from
	 * the line's start took all of a document on one line (a 3.5 MB
	 * plan so written took 4 minutes, not 1 second); 4 bytes for every
	 * 256 of text */
	int *block_col;
	size_t nblocks;
	unsigned char sha256[32];
};

#define SOURCE_BLOCK 256

/* The largest input read (documented in the README's limits). */
#define SOURCE_MAX_BYTES (64L * 1024 * 1024)
#define SOURCE_MAX_TEXT "64 MB"

/* Reads a whole file or pipe; returns NULL and sets errno on failure
 * (EFBIG over SOURCE_MAX_BYTES, EISDIR a folder, ENODEV a device).
 * "-" is standard input (a terminal too), named SOURCE_STDIN. */
#define SOURCE_STDIN "<stdin>"
struct source *source_read(const char *path);
/* What went wrong reading, in plain English, for source_read's errno. */
const char *source_error(int err);
/* Takes a copy of bytes already in memory (tests, fuzzing). */
struct source *source_from_memory(const char *path, const char *text,
                                  size_t len);
void source_free(struct source *s);

/* 1-based line and column (in characters) of a byte offset. */
void source_position(const struct source *s, size_t offset, int *line,
                     int *col);
/* source_position for a reader that asks mostly in the order of the
 * text (the parser, element after element): the last answer, kept in a
 * cursor, is where the next search starts when it lies ahead. The same
 * answers as source_position. A cursor starts zeroed. */
struct source_cursor {
	size_t offset, line;   /* the last offset asked for, its line (0-based) */
	int col;
};
void source_position_from(const struct source *s, struct source_cursor *c,
                          size_t offset, int *line, int *col);
/* The text of a 1-based line without its newline; NULL if out of range. */
const char *source_line(const struct source *s, int line, size_t *len);

/* The fingerprint printed on a document, to match paper to its sources:
 * "sha256:" and the first 12 hex digits of SHA-256 over the SHA-256 of
 * each source in turn (the document; for a signed pledge, its form; for
 * an edition in another language, the translation too). */
void source_fingerprint(const struct source *const *srcs, size_t n,
                        char out[20]);

#endif
