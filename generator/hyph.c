/* hyph.c - hyphenation points from Debian's libhyphen pattern files
 * (see hyph.h).
 *
 * The patterns are Debian's (hyphen-en-gb, -ro, -bg, -sk, -pl), in
 * libhyphen's file format, and a word's points are found as libhyphen
 * 2.8 finds them: its automaton's state after each character is the
 * longest suffix of ".word." read so far that begins some pattern, and
 * only that state's own pattern is applied there (Debian's files are
 * made for this: each pattern already holds the values of the patterns
 * inside it). libhyphen itself took 38 million instructions and 750 page
 * faults to read the English file, a third of the time of building the
 * pledge form; this reads it into one table (a hash of the patterns'
 * prefixes) in a tenth of that. tests/unit/test_hyph.c holds it to
 * libhyphen, word for word, for every dictionary. Patterns with
 * non-standard hyphenation ("ff1f/f=f") and files with a NEXTLEVEL are
 * not read: no Debian file of these has them, and mishto would not use
 * a point that changes the spelling.
 *
 * A word is cut to its letters, lowered, converted to the dictionary's
 * encoding (iconv, from the C library; the English, Romanian and
 * Bulgarian patterns are UTF-8, the Slovak and Polish ones ISO 8859-2)
 * and the points turned back into byte offsets of the word as written. */
#include "hyph.h"
#include "hyph_int.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MISHTO_HYPHEN_DIR
#define MISHTO_HYPHEN_DIR "/usr/share/hyphen"
#endif

/* The longest word hyphenated, in letters: longer is not a word. */
#define HYPH_MAX_LETTERS 64
#define HYPH_MIN_LETTERS 5
#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 3
/* libhyphen reads lines of up to 99 bytes and skips longer ones */
#define HYPH_MAX_LINE 99
#define HYPH_MAX_FILE (8u << 20)

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

struct hyph_dict {
	int compiled;              /* pool and tab are the program's
	                              (hyph_int.h), not to be freed */
	char cset[64];
	int utf8;
	int lhmin, rhmin;
	unsigned char *pool;       /* letters and values of the patterns */
	size_t npool, cappool;
	struct hyph_state *tab;    /* open addressing; klen 0 and key 0: free */
	size_t cap, n;
	size_t maxlen;             /* the longest state, in bytes */
};

struct hyph {
	char *dir;
	struct hyph_dict *dict[HYPH_NLANGS];
	iconv_t conv[HYPH_NLANGS];       /* UTF-8 to a dictionary's own */
	unsigned char tried[HYPH_NLANGS];
	int oom;                         /* memory ran out reading patterns */
};

static uint32_t hyph_hash(const unsigned char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

/* The slot of key s, or of where it would go. The empty key is state 0
 * of libhyphen's automaton and is never stored. */
static struct hyph_state *hyph_slot_h(const struct hyph_dict *d,
                                      uint32_t h, const unsigned char *s,
                                      size_t n)
{
	size_t i = h & (d->cap - 1);
	for (;;) {
		struct hyph_state *st = &d->tab[i];
		if (st->klen == 0 ||
		    (st->klen == n && memcmp(d->pool + st->key, s, n) == 0))
			return st;
		i = (i + 1) & (d->cap - 1);
	}
}

static struct hyph_state *hyph_slot(const struct hyph_dict *d,
                                    const unsigned char *s, size_t n)
{
	return hyph_slot_h(d, hyph_hash(s, n), s, n);
}

static const struct hyph_state *hyph_find(const struct hyph_dict *d,
                                          const unsigned char *s, size_t n)
{
	const struct hyph_state *st = hyph_slot(d, s, n);
	return st->klen ? st : NULL;
}

static int hyph_grow(struct hyph_dict *d, size_t want)
{
	size_t cap = d->cap ? d->cap * 2 : 1024;
	while (cap < want)
		cap *= 2;
	struct hyph_state *old = d->tab;
	size_t oldcap = d->cap;
	d->tab = calloc(cap, sizeof *d->tab);
	if (d->tab == NULL) {
		d->tab = old;
		return -1;
	}
	d->cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].klen)
			*hyph_slot(d, d->pool + old[i].key, old[i].klen) = old[i];
	free(old);
	return 0;
}

static int hyph_pool_put(struct hyph_dict *d, const unsigned char *s,
                         size_t n, uint32_t *at)
{
	if (n > d->cappool - d->npool) {
		size_t cap = d->cappool ? d->cappool : 65536;
		while (n > cap - d->npool)
			cap *= 2;
		unsigned char *p = realloc(d->pool, cap);
		if (p == NULL)
			return -1;
		d->pool = p;
		d->cappool = cap;
	}
	if (d->npool > UINT32_MAX - n)
		return -1;
	memcpy(d->pool + d->npool, s, n);
	*at = (uint32_t)d->npool;
	d->npool += n;
	return 0;
}

static int hyph_keyword(const char *line, const char *kw, int *value)
{
	size_t n = strlen(kw);
	if (strncmp(line, kw, n) != 0)
		return 0;
	if (value != NULL)
		*value = atoi(line + n);
	return 1;
}

/* One line of patterns, as libhyphen's hnj_hyphen_load_line reads it:
 * the bytes up to the first blank, digits the values between letters. */
static int hyph_pattern(struct hyph_dict *d, const char *line)
{
	unsigned char word[HYPH_MAX_LINE + 1], values[HYPH_MAX_LINE + 2];
	size_t j = 0;
	values[0] = '0';
	for (size_t i = 0; (unsigned char)line[i] > ' '; i++) {
		unsigned char c = (unsigned char)line[i];
		if (c >= '0' && c <= '9') {
			values[j] = c;
		} else {
			word[j++] = c;
			values[j] = '0';
		}
	}
	if (j == 0)
		return 0;    /* state 0 never applies a match */
	size_t z = 0;
	while (z <= j && values[z] == '0')
		z++;
	/* at most three quarters full */
	if ((d->n + j + 1) * 4 > d->cap * 3 && hyph_grow(d, 0) != 0)
		return -1;
	uint32_t key, match = 0;
	if (hyph_pool_put(d, word, j, &key) != 0 ||
	    hyph_pool_put(d, values + z, j + 1 - z, &match) != 0)
		return -1;
	/* the pattern's state and each prefix's, as libhyphen adds them;
	 * each prefix's hash is the one before it taken one byte further */
	uint32_t h[HYPH_MAX_LINE + 1];
	h[0] = 2166136261u;
	for (size_t k = 0; k < j; k++)
		h[k + 1] = (h[k] ^ word[k]) * 16777619u;
	for (size_t k = j; k > 0; k--) {
		struct hyph_state *st = hyph_slot_h(d, h[k], word, k);
		int is_new = st->klen == 0;
		if (is_new) {
			st->key = key;
			st->klen = (uint8_t)k;
			d->n++;
		}
		if (k == j) {
			st->match = match;
			st->mlen = (uint8_t)(j + 1 - z);
			st->has_match = 1;
		}
		if (!is_new)
			break;
	}
	if (j > d->maxlen)
		d->maxlen = j;
	return 0;
}

static void hyph_dict_free(struct hyph_dict *d)
{
	if (d == NULL)
		return;
	if (!d->compiled) {
		free(d->pool);
		free(d->tab);
	}
	free(d);
}

#define HYPH_SUM_CHUNK (64u << 10)

/* The length and CRC-32 of the file at path; -1 when it cannot be
 * read (or is not a regular file). */
static int hyph_file_sum(const char *path, size_t *size, uint32_t *crc)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
	    (uintmax_t)sb.st_size > HYPH_MAX_FILE) {
		close(fd);
		return -1;
	}
	*size = (size_t)sb.st_size;
	/* read, not mapped: mapping it and letting it go took a fortieth of
	 * building the form (the faults, then the unmapping) */
	unsigned char *buf = malloc(HYPH_SUM_CHUNK);
	size_t got = 0;
	uint32_t sum = 0;
	while (buf != NULL && got < *size) {
		ssize_t n = read(fd, buf, HYPH_SUM_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sum = libdeflate_crc32(sum, buf, (size_t)n);
		got += (size_t)n;
	}
	free(buf);
	close(fd);
	*crc = sum;
	return got == *size ? 0 : -1;
}

#ifndef HYPH_NO_COMPILED
/* The dictionary file's tables compiled into the program, when the file
 * at path holds the bytes they were compiled from; else NULL. Reading
 * the English file took 8 million instructions and 150 page faults, a
 * sixth of building the pledge form; this takes a CRC of its bytes. */
static struct hyph_dict *hyph_dict_compiled(const char *path,
                                            const char *file, int *oom)
{
	const struct hyph_compiled *c = NULL;
	for (size_t i = 0; i < hyph_ncompiled && c == NULL; i++)
		if (strcmp(hyph_compiled[i].file, file) == 0)
			c = &hyph_compiled[i];
	size_t size;
	uint32_t crc;
	if (c == NULL || hyph_file_sum(path, &size, &crc) != 0 ||
	    size != c->size || crc != c->crc)
		return NULL;
	struct hyph_dict *d = calloc(1, sizeof *d);
	if (d == NULL) {
		*oom = 1;
		return NULL;
	}
	d->compiled = 1;
	snprintf(d->cset, sizeof d->cset, "%s", c->cset);
	d->utf8 = c->utf8;
	d->lhmin = c->lhmin;
	d->rhmin = c->rhmin;
	d->pool = c->pool;
	d->npool = d->cappool = c->npool;
	d->tab = c->tab;
	d->cap = c->cap;
	d->n = c->n;
	d->maxlen = c->maxlen;
	return d;
}
#endif

/* A dictionary file read, or NULL: missing, damaged, of a kind this
 * does not read, or out of memory (*oom set). */
static struct hyph_dict *hyph_dict_read(const char *path, int *oom)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	struct stat sb;
	size_t size = fstat(fileno(f), &sb) == 0 && sb.st_size >= 0 &&
	              (uintmax_t)sb.st_size <= HYPH_MAX_FILE
	              ? (size_t)sb.st_size : HYPH_MAX_FILE;
	struct hyph_dict *d = calloc(1, sizeof *d);
	char *text = malloc(size + 2);
	size_t len = text ? fread(text, 1, size + 1, f) : 0;
	int bad = ferror(f) || len > size;
	fclose(f);
	/* room for every pattern's states at once (a pattern adds 1.2 to
	 * 1.6 states in Debian's files), and its letters and values:
	 * growing by doubling touched twice the memory */
	size_t lines = 0;
	for (size_t i = 0; text != NULL && i < len; i++)
		lines += text[i] == '\n';
	if (d != NULL && text != NULL && !bad) {
		d->pool = malloc(len * 2 + 64);
		d->cappool = d->pool ? len * 2 + 64 : 0;
	}
	if (d == NULL || text == NULL || bad || d->pool == NULL ||
	    hyph_grow(d, lines * 2 + 64) != 0) {
		*oom = d == NULL || text == NULL ||
		       (!bad && (d->pool == NULL || d->tab == NULL));
		free(text);
		hyph_dict_free(d);
		return NULL;
	}
	text[len] = '\0';
	char line[HYPH_MAX_LINE + 2];
	int first = 1;
	for (size_t p = 0; p < len && !bad;) {
		size_t e = p;
		while (e < len && text[e] != '\n')
			e++;
		size_t n = e - p;
		int skip = n > HYPH_MAX_LINE;
		if (!skip) {
			memcpy(line, text + p, n);
			line[n] = '\0';
		}
		p = e + 1;
		if (first) {
			/* the first line names the encoding */
			first = 0;
			if (skip)
				line[0] = '\0';
			size_t c = strcspn(line, "\r");
			line[c < sizeof d->cset ? c : sizeof d->cset - 1] = '\0';
			memcpy(d->cset, line, strlen(line) + 1);
			d->utf8 = strcmp(d->cset, "UTF-8") == 0;
			continue;
		}
		if (skip || line[0] == '%')
			continue;
		int ignored;
		/* keywords are in capitals: most lines need no comparing */
		int upper = line[0] >= 'A' && line[0] <= 'Z';
		if (strchr(line, '/') != NULL ||
		    (upper && hyph_keyword(line, "NEXTLEVEL", NULL)))
			bad = 1;
		else if (upper &&
		         (hyph_keyword(line, "LEFTHYPHENMIN", &d->lhmin) ||
		          hyph_keyword(line, "RIGHTHYPHENMIN", &d->rhmin) ||
		          hyph_keyword(line, "COMPOUNDLEFTHYPHENMIN", &ignored) ||
		          hyph_keyword(line, "COMPOUNDRIGHTHYPHENMIN",
		                       &ignored) ||
		          hyph_keyword(line, "NOHYPHEN", NULL)))
			continue;
		else if (hyph_pattern(d, line) != 0)
			bad = *oom = 1;
	}
	free(text);
	if (bad || first) {
		hyph_dict_free(d);
		return NULL;
	}
	return d;
}

/* The points of word (w, wlen bytes, in the dictionary's encoding; n
 * characters): out[i] odd when a hyphen may follow character i, as
 * libhyphen's hnj_hyphen_hyphenate3 gives them for a word of letters
 * with left and right minimums lmin and rmin. */
static void hyph_values(const struct hyph_dict *d, const unsigned char *w,
                        size_t wlen, size_t n, int lmin, int rmin,
                        unsigned char *out)
{
	unsigned char prep[HYPH_MAX_LETTERS * 3 + 3];
	unsigned char vals[HYPH_MAX_LETTERS * 3 + 3];
	size_t j = 0;
	prep[j++] = '.';
	for (size_t i = 0; i < wlen; i++)
		prep[j++] = w[i] >= '0' && w[i] <= '9' ? '.' : w[i];
	prep[j++] = '.';
	memset(vals, '0', j);
	for (size_t i = 0; i < j; i++) {
		/* the longest suffix of prep[0..i] that is a state */
		size_t from = i + 1 > d->maxlen ? i + 1 - d->maxlen : 0;
		const struct hyph_state *st = NULL;
		for (size_t s = from; s <= i && st == NULL; s++)
			st = hyph_find(d, prep + s, i + 1 - s);
		if (st == NULL || !st->has_match)
			continue;
		const unsigned char *m = d->pool + st->match;
		/* values[k] of a pattern ending at i go after prep[i+1-mlen+k] */
		for (size_t k = 0; k < st->mlen; k++) {
			size_t at = i + 1 - st->mlen + k;
			if (i + 1 + k < st->mlen)
				continue;
			if (vals[at] < m[k])
				vals[at] = m[k];
		}
	}
	/* by byte of the word: after w[i] is after prep[i+1] */
	unsigned char byte[HYPH_MAX_LETTERS * 3 + 1];
	for (size_t i = 0; i < wlen; i++)
		byte[i] = i + 1 < wlen ? vals[i + 1] : '0';
	/* by character: a character's value is its last byte's */
	size_t c = 0;
	for (size_t i = 0; i < wlen; i++) {
		int last = !d->utf8 || i + 1 == wlen ||
		           (w[i + 1] & 0xC0) != 0x80;
		if (last)
			out[c++] = byte[i];
	}
	for (size_t i = 0; i < n; i++)
		if ((int)i + 1 < lmin || (int)(n - i - 1) < rmin)
			out[i] = '0';
}

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
		hyph_dict_free(h->dict[i]);
		if (h->conv[i] != (iconv_t)-1)
			iconv_close(h->conv[i]);
	}
	free(h->dir);
	free(h);
}

/* The dictionary of lang's primary subtag, read on first use. */
static struct hyph_dict *hyph_dict(struct hyph *h, const char *lang,
                                   size_t *which)
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
			char path[4096];
			int w = snprintf(path, sizeof path, "%s/%s", h->dir,
			                 hyph_langs[i].file);
			h->dict[i] = NULL;
#ifndef HYPH_NO_COMPILED
			if (w > 0 && (size_t)w < sizeof path)
				h->dict[i] = hyph_dict_compiled(
				    path, hyph_langs[i].file, &h->oom);
#endif
			if (h->dict[i] == NULL && !h->oom &&
			    w > 0 && (size_t)w < sizeof path)
				h->dict[i] = hyph_dict_read(path, &h->oom);
			if (h->dict[i] != NULL && !h->dict[i]->utf8) {
				h->conv[i] = iconv_open(h->dict[i]->cset,
				                        "UTF-8");
				if (h->conv[i] == (iconv_t)-1) {
					h->oom |= errno == ENOMEM;
					hyph_dict_free(h->dict[i]);
					h->dict[i] = NULL;
				}
			}
		}
		return h->dict[i];
	}
	return NULL;
}

int hyph_from_compiled(struct hyph *h, const char *lang)
{
	size_t i;
	const struct hyph_dict *d = hyph_dict(h, lang, &i);
	return d != NULL && d->compiled;
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
	struct hyph_dict *d = hyph_dict(h, lang, &which);
	if (d == NULL)
		return 0;

	/* lower case, UTF-8, then the dictionary's encoding */
	char low[HYPH_MAX_LETTERS * 3 + 1], enc[HYPH_MAX_LETTERS * 3 + 1];
	size_t lowlen = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t l = hyph_lower(cps[i]);
		lowlen += hyph_encode(l ? l : cps[i], low + lowlen);
	}
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
		w = enc;
		wlen = n;
	}

	unsigned char values[HYPH_MAX_LETTERS];
	int lmin = d->lhmin > HYPH_LEFT_MIN ? d->lhmin : HYPH_LEFT_MIN;
	int rmin = d->rhmin > HYPH_RIGHT_MIN ? d->rhmin : HYPH_RIGHT_MIN;
	hyph_values(d, (const unsigned char *)w, wlen, n, lmin, rmin, values);
	size_t found = 0;
	/* values[i] odd: a hyphen may follow character i */
	for (size_t i = 0; i + 1 < n && found < max; i++)
		if (values[i] & 1)
			at[found++] = ends[i];
	return found;
}

int hyph_out_of_memory(const struct hyph *h)
{
	return h != NULL && h->oom;
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

/* ---- the tables, written as C (hyph_int.h) ---- */

static int hyph_compile_one(FILE *out, size_t k, const char *file,
                            const char *path)
{
	size_t size;
	uint32_t crc;
	int oom = 0;
	if (hyph_file_sum(path, &size, &crc) != 0)
		return 0;
	struct hyph_dict *d = hyph_dict_read(path, &oom);
	if (d == NULL)
		return 0;
	/* a character set's name goes into a C string as it is */
	for (const char *p = d->cset; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')) {
			hyph_dict_free(d);
			return 0;
		}
	fprintf(out, "static unsigned char hyph_pool_%zu[%zu] = {", k,
	        d->npool ? d->npool : 1);
	for (size_t i = 0; i < d->npool; i++)
		fprintf(out, "%s%u", i == 0 ? "\n" : i % 24 ? "," : ",\n",
		        d->pool[i]);
	fprintf(out, "};\nstatic struct hyph_state hyph_tab_%zu[%zu] = {",
	        k, d->cap);
	for (size_t i = 0; i < d->cap; i++) {
		const struct hyph_state *st = &d->tab[i];
		if (st->klen)
			fprintf(out, "\n[%zu]={%lu,%lu,%u,%u,%u},", i,
			        (unsigned long)st->key,
			        (unsigned long)st->match, st->klen, st->mlen,
			        st->has_match);
	}
	fprintf(out, "};\n");
	fprintf(out, "#define HYPH_C%zu {\"%s\", %zuu, %luu, \"%s\", %d, %d, "
	        "%d, hyph_pool_%zu, %zuu, hyph_tab_%zu, %zuu, %zuu, %zuu}\n",
	        k, file, size, (unsigned long)crc, d->cset, d->utf8,
	        d->lhmin, d->rhmin, k, d->npool, k, d->cap, d->n, d->maxlen);
	hyph_dict_free(d);
	return 1;
}

int hyph_compile(const char *dir, FILE *out)
{
	fprintf(out, "/* Written by build/hyph-compile from the pattern "
	        "files of %s: do not edit. */\n#include \"hyph_int.h\"\n",
	        dir ? dir : MISHTO_HYPHEN_DIR);
	size_t n = 0;
	char done[HYPH_NLANGS];
	for (size_t i = 0; i < HYPH_NLANGS; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s",
		         dir ? dir : MISHTO_HYPHEN_DIR, hyph_langs[i].file);
		done[i] = (char)hyph_compile_one(out, i, hyph_langs[i].file,
		                                 path);
		n += (size_t)done[i];
	}
	fprintf(out, "const struct hyph_compiled hyph_compiled[] = {\n");
	for (size_t i = 0; i < HYPH_NLANGS; i++)
		if (done[i])
			fprintf(out, "\tHYPH_C%zu,\n", i);
	fprintf(out, "\t{0}\n};\nconst size_t hyph_ncompiled = %zu;\n", n);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
