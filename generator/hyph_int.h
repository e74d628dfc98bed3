/* hyph_int.h - hyphenation patterns compiled into the program: the
 * tables hyph.c reads a Debian pattern file into, written as C by
 * build/hyph-compile (tools/hyph-compile.c) when mishto is built
 * (build/hyph_tables.c), for every dictionary installed then. At run
 * time hyph.c uses a dictionary's compiled tables only when its file
 * holds the very bytes they were compiled from (same size and CRC-32);
 * otherwise it reads the file, as it always could. */
#ifndef MISHTO_HYPH_INT_H
#define MISHTO_HYPH_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A state: a prefix of some pattern's letters (key, klen bytes of the
 * pool), with the pattern's values when it is a whole pattern (match:
 * '0'-'9', leading zeros left out, as libhyphen keeps them). */
struct hyph_state {
	uint32_t key, match;
	uint8_t klen, mlen, has_match;
};

struct hyph_compiled {
	const char *file;           /* the dictionary's file name */
	size_t size;                /* the file compiled: its length */
	uint32_t crc;               /* and CRC-32 */
	const char *cset;
	int utf8, lhmin, rhmin;
	unsigned char *pool;        /* never written */
	size_t npool;
	struct hyph_state *tab;     /* never written */
	size_t cap, n, maxlen;
};

/* The dictionaries compiled in (build/hyph_tables.c). */
extern const struct hyph_compiled hyph_compiled[];
extern const size_t hyph_ncompiled;

/* Writes, as C, the tables of every dictionary in dir (NULL: the
 * default) that reads; 0, or -1 when out could not be written. */
int hyph_compile(const char *dir, FILE *out);

#endif
