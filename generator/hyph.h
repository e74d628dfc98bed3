/* hyph.h - where a word may be hyphenated, by Debian's patterns for
 * libhyphen (hyphen-en-gb, hyphen-ro, hyphen-bg, hyphen-sk, hyphen-pl),
 * chosen by the text's language. A dictionary is read the first time a
 * language asks for it and kept for the rest of the process, as fonts
 * are; a language without patterns, or patterns that cannot be read, is
 * simply never hyphenated. */
#ifndef MISHTO_HYPH_H
#define MISHTO_HYPH_H

#include <stddef.h>

struct hyph;

/* Patterns are read from dir (NULL: MISHTO_HYPHEN_DIR, Debian's
 * /usr/share/hyphen). NULL only when out of memory. */
struct hyph *hyph_new(const char *dir);
void hyph_free(struct hyph *h);

/* Where word (UTF-8, len bytes, no spaces) may take a hyphen, in lang (a
 * BCP 47 tag such as "en-GB"; NULL is English): each at[k] is the length
 * in bytes of a part that may end a line with a hyphen after it, in
 * ascending order, at most max of them. Only a word of letters is
 * hyphenated (leading and trailing punctuation aside, at least five
 * letters, two kept before a hyphen and three after); not a word with
 * digits, an address, an abbreviation in capitals or a name written with
 * capitals inside it. Returns how many were found. */
size_t hyph_points(struct hyph *h, const char *lang, const char *word,
                   size_t len, size_t *at, size_t max);

/* Whether lang's patterns (read now if they were not yet) are the
 * tables compiled into the program: the pattern file in the directory is
 * the very one they were compiled from (its length and CRC-32 match). */
int hyph_from_compiled(struct hyph *h, const char *lang);

/* Whether memory ran out while patterns were read (they are then left
 * unused, which would change where lines break: the caller stops). */
int hyph_out_of_memory(const struct hyph *h);

/* Whether word's first letter (after any punctuation) is a capital: a
 * name, or the start of a sentence. */
int hyph_capitalised(const char *word, size_t len);

#endif
