/* source.c - source files in memory with a line index and a SHA-256. */
#include "source.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int source_index(struct source *s)
{
	size_t n = 1;
	for (size_t i = 0; i < s->len; i++)
		if (s->text[i] == '\n')
			n++;
	s->line_start = malloc(n * sizeof(size_t));
	if (s->line_start == NULL)
		return -1;
	s->nlines = 0;
	s->line_start[s->nlines++] = 0;
	for (size_t i = 0; i < s->len; i++)
		if (s->text[i] == '\n')
			s->line_start[s->nlines++] = i + 1;

	struct sha256_ctx h;
	sha256_init(&h);
	sha256_update(&h, s->len, (const uint8_t *)s->text);
	sha256_digest(&h, sizeof s->sha256, s->sha256);
	return 0;
}

struct source *source_from_memory(const char *path, const char *text,
                                  size_t len)
{
	struct source *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	s->path = strdup(path);
	s->text = malloc(len + 1);
	if (s->path == NULL || s->text == NULL)
		goto fail;
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	if (source_index(s) != 0)
		goto fail;
	return s;
fail:
	source_free(s);
	errno = ENOMEM;
	return NULL;
}

/* The bytes of a file, NUL-terminated; NULL with errno set. */
static char *source_slurp(const char *path, size_t *length)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (cap - len < 65536) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *n = realloc(buf, ncap + 1);
			if (n == NULL) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = n;
			cap = ncap;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	int err = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[len] = '\0';
	*length = len;
	return buf;
}

struct source *source_read(const char *path)
{
	size_t len;
	char *buf = source_slurp(path, &len);
	if (buf == NULL)
		return NULL;
	struct source *s = calloc(1, sizeof *s);
	if (s == NULL || (s->path = strdup(path)) == NULL) {
		free(s);
		free(buf);
		errno = ENOMEM;
		return NULL;
	}
	s->text = buf;
	s->len = len;
	if (source_index(s) != 0) {
		source_free(s);
		errno = ENOMEM;
		return NULL;
	}
	return s;
}

void source_free(struct source *s)
{
	if (s == NULL)
		return;
	free(s->path);
	free(s->text);
	free(s->line_start);
	free(s);
}

void source_position(const struct source *s, size_t offset, int *line,
                     int *col)
{
	if (offset > s->len)
		offset = s->len;
	size_t lo = 0, hi = s->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->line_start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	int c = 1;
	for (size_t i = s->line_start[lo]; i < offset; i++)
		if (((unsigned char)s->text[i] & 0xC0) != 0x80)
			c++;
	*line = (int)(lo + 1);
	*col = c;
}

const char *source_line(const struct source *s, int line, size_t *len)
{
	if (line < 1 || (size_t)line > s->nlines)
		return NULL;
	size_t start = s->line_start[line - 1];
	size_t end = (size_t)line < s->nlines ? s->line_start[line] - 1 : s->len;
	if (end > start && s->text[end - 1] == '\r')
		end--;
	*len = end - start;
	return s->text + start;
}

void source_fingerprint(const struct source *const *srcs, size_t n,
                        char out[20])
{
	unsigned char digest[32];
	struct sha256_ctx h;
	sha256_init(&h);
	for (size_t i = 0; i < n; i++)
		sha256_update(&h, sizeof srcs[i]->sha256, srcs[i]->sha256);
	sha256_digest(&h, sizeof digest, digest);
	memcpy(out, "sha256:", 7);
	for (int i = 0; i < 6; i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", digest[i]);
}
