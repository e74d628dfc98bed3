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
size_t utf8_decode_long(const unsigned char *s, size_t len, uint32_t *cp);
/* Inline for the one-byte characters that are most of any text: the
 * call alone cost more than decoding them in the layout's and the PDF
 * writer's loops. */
static inline size_t utf8_decode(const unsigned char *s, size_t len,
                                 uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	return utf8_decode_long(s, len, cp);
}

/* The invisible controls that reorder the text around them: the
 * embeddings and overrides U+202A-202E, the isolates U+2066-2069. */
int utf8_is_bidi_control(uint32_t cp);

#endif
