/* utf8.h - UTF-8 read one code point at a time, the same way by every
 * stage (layout, hyphenation, PDF, HTML, diagnostics), and the few
 * classes of character more than one stage must agree on. */
#ifndef MISHTO_UTF8_H
#define MISHTO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The code point at s (len > 0 bytes left) in *cp, and the bytes it
 * takes. A malformed or cut-off sequence reads as U+FFFD over the bytes
 * before the first that does not belong (at least one), so a reader
 * always moves on. */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* The invisible controls that reorder the text around them: the
 * embeddings and overrides U+202A-202E, the isolates U+2066-2069. */
int utf8_is_bidi_control(uint32_t cp);

#endif
