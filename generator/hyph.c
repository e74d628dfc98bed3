/* hyph.c - hyphenation points by libhyphen (see hyph.h).
 *
 * libhyphen takes a word in its dictionary's own encoding (Debian's
 * English, Romanian and Bulgarian patterns are UTF-8, the Slovak and
 * Polish ones ISO 8859-2), in lower case, and marks the points by
 * character. So a word is cut to its letters, lowered, converted (iconv,
 * from the C library) and the marks are turned back into byte offsets of
 * the word as written. */
#include "hyph.h"
#include "utf8.h"

#include <errno.h>
#include <hyphen.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef MISHTO_HYPHEN_DIR
#define MISHTO_HYPHEN_DIR "/usr/share/hyphen"
#endif

/* The longest word hyphenated, in letters: longer is not a word. */
#define HYPH_MAX_LETTERS 64
#define HYPH_MIN_LETTERS 5
#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 3

static const struct hyph_lang {
	const char *lang;        /* primary language subtag */
	const char *file;
} hyph_langs[] = {
	{"en", "hyph_en_GB.dic"},
	{"ro", "hyph_ro_RO.dic"},
	{"bg", "hyph_bg_BG.dic"},
	{"sk", "hyph_sk_SK.dic"},
	{"pl", "hyph_pl_PL.dic"},
};
#define HYPH_NLANGS (sizeof hyph_langs / sizeof hyph_langs[0])

struct hyph {
	char *dir;
	HyphenDict *dict[HYPH_NLANGS];
	iconv_t conv[HYPH_NLANGS];       /* UTF-8 to a dictionary's own */
	unsigned char tried[HYPH_NLANGS];
};

struct hyph *hyph_new(const char *dir)
{
	struct hyph *h = calloc(1, sizeof *h);
	if (h == NULL)
		return NULL;
	h->dir = strdup(dir ? dir : MISHTO_HYPHEN_DIR);
	if (h->dir == NULL) {
		free(h);
		return NULL;
	}
	for (size_t i = 0; i < HYPH_NLANGS; i++)
		h->conv[i] = (iconv_t)-1;
	return h;
}

void hyph_free(struct hyph *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < HYPH_NLANGS; i++) {
		if (h->dict[i] != NULL)
			hnj_hyphen_free(h->dict[i]);
		if (h->conv[i] != (iconv_t)-1)
			iconv_close(h->conv[i]);
	}
	free(h->dir);
	free(h);
}

/* The dictionary of lang's primary subtag, read on first use. */
static HyphenDict *hyph_dict(struct hyph *h, const char *lang, size_t *which)
{
	if (lang == NULL)
		lang = "en";
	size_t n = strcspn(lang, "-_");
	for (size_t i = 0; i < HYPH_NLANGS; i++) {
		const char *l = hyph_langs[i].lang;
		if (strlen(l) != n)
			continue;
		size_t k = 0;
		while (k < n && (lang[k] | 0x20) == l[k])
			k++;
		if (k < n)
			continue;
		*which = i;
		if (!h->tried[i]) {
			h->tried[i] = 1;
			size_t len = strlen(h->dir) + strlen(hyph_langs[i].file) + 2;
			char *path = malloc(len);
			if (path == NULL)
				return NULL;
			memcpy(path, h->dir, strlen(h->dir));
			path[strlen(h->dir)] = '/';
			strcpy(path + strlen(h->dir) + 1, hyph_langs[i].file);
			h->dict[i] = hnj_hyphen_load(path);
			free(path);
			if (h->dict[i] != NULL && !h->dict[i]->utf8) {
				h->conv[i] = iconv_open(h->dict[i]->cset,
				                        "UTF-8");
				if (h->conv[i] == (iconv_t)-1) {
					hnj_hyphen_free(h->dict[i]);
					h->dict[i] = NULL;
				}
			}
		}
		return h->dict[i];
	}
	return NULL;
}


/* Letters of the scripts there are patterns for: Latin (with the
 * diacritics of Romanian, Slovak and Polish) and Cyrillic. */
static int hyph_is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	       (c >= 0x400 && c <= 0x4FF);
}

/* A letter's lower case, or 0 when it is lower case already. */
static uint32_t hyph_lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 0x20;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 0x20;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) ||
	    (c >= 0x218 && c <= 0x21B))
		return c % 2 == 0 ? c + 1 : 0;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return c % 2 == 1 ? c + 1 : 0;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	return 0;
}

static size_t hyph_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (c >> 12));
	out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

size_t hyph_points(struct hyph *h, const char *lang, const char *word,
                   size_t len, size_t *at, size_t max)
{
	if (h == NULL || max == 0)
		return 0;
	/* the word's characters: where each ends, and its letters */
	const unsigned char *s = (const unsigned char *)word;
	uint32_t cps[HYPH_MAX_LETTERS + 2];
	size_t ends[HYPH_MAX_LETTERS + 2];
	size_t first = len, n = 0;   /* where the letters begin */
	size_t p = 0;
	while (p < len) {
		uint32_t c;
		size_t k = utf8_decode(s + p, len - p, &c);
		if (hyph_is_letter(c)) {
			if (first == len)
				first = p;
			else if (n > 0 && ends[n - 1] != p)
				return 0;    /* letters, then not, then letters */
			if (n == HYPH_MAX_LETTERS)
				return 0;
			cps[n] = c;
			ends[n++] = p + k;
		} else if (first == len) {
			/* leading punctuation: quotes, brackets */
			if (c >= '0' && c <= '9')
				return 0;
		} else if ((c >= '0' && c <= '9') || c == '@' || c == '/' ||
		           c == '_' || c == '&' || c == '=') {
			return 0;
		}
		p += k;
	}
	if (n < HYPH_MIN_LETTERS)
		return 0;
	/* a capital after the first letter: an abbreviation or a name */
	for (size_t i = 1; i < n; i++)
		if (hyph_lower(cps[i]) != 0)
			return 0;

	size_t which = 0;
	HyphenDict *d = hyph_dict(h, lang, &which);
	if (d == NULL)
		return 0;

	/* lower case, UTF-8, then the dictionary's encoding */
	char low[HYPH_MAX_LETTERS * 3 + 1], enc[HYPH_MAX_LETTERS * 3 + 1];
	size_t lowlen = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t l = hyph_lower(cps[i]);
		lowlen += hyph_encode(l ? l : cps[i], low + lowlen);
	}
	low[lowlen] = '\0';   /* libhyphen reads the word as a string */
	const char *w = low;
	size_t wlen = lowlen;
	if (!d->utf8) {
		char *in = low, *out = enc;
		size_t inleft = lowlen, outleft = sizeof enc;
		iconv(h->conv[which], NULL, NULL, NULL, NULL);
		if (iconv(h->conv[which], &in, &inleft, &out, &outleft) ==
		        (size_t)-1 ||
		    (size_t)(out - enc) != n)
			return 0;    /* a letter its encoding lacks */
		enc[n] = '\0';
		w = enc;
		wlen = n;
	}

	char hyphens[HYPH_MAX_LETTERS * 3 + 5];
	char hyphword[HYPH_MAX_LETTERS * 6 + 10];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int lmin = d->lhmin > HYPH_LEFT_MIN ? d->lhmin : HYPH_LEFT_MIN;
	int rmin = d->rhmin > HYPH_RIGHT_MIN ? d->rhmin : HYPH_RIGHT_MIN;
	memset(hyphens, 0, sizeof hyphens);
	if (hnj_hyphen_hyphenate3(d, w, (int)wlen, hyphens, hyphword, &rep,
	                          &pos, &cut, lmin, rmin, lmin, rmin) != 0)
		return 0;
	size_t found = 0;
	/* hyphens[i] odd: a hyphen may follow character i; a point with a
	 * replacement (a spelling that changes when hyphenated) is not used */
	for (size_t i = 0; i + 1 < n && found < max; i++)
		if ((hyphens[i] & 1) && (rep == NULL || rep[i] == NULL))
			at[found++] = ends[i];
	if (rep != NULL) {
		for (size_t i = 0; i < wlen; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	return found;
}

int hyph_capitalised(const char *word, size_t len)
{
	const unsigned char *s = (const unsigned char *)word;
	for (size_t p = 0; p < len;) {
		uint32_t c;
		p += utf8_decode(s + p, len - p, &c);
		if (hyph_is_letter(c))
			return hyph_lower(c) != 0;
	}
	return 0;
}
