/* utf8.c - reading UTF-8. */
#include "utf8.h"

size_t utf8_decode_long(const unsigned char *s, size_t len, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t n = s[0] >= 0xF8 ? 0 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 :
	           s[0] >= 0xC0 ? 2 : 0;
	if (n == 0 || n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	uint32_t c = s[0] & (0x3Fu >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return i;
		}
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	*cp = c;
	return n;
}

int utf8_is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}
