/* source.c - source files in memory with a line index and a SHA-256. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int source_index(struct source *s)
{
	struct sha256_ctx h;
	sha256_init(&h);
	sha256_update(&h, s->len, (const uint8_t *)s->text);
	sha256_digest(&h, sizeof s->sha256, s->sha256);

	/* A line ending of CR alone (old Mac files) is read as LF, as XML
	 * itself reads it (XML 1.0, 2.11), so that lines are counted the
	 * same here and in libxml2; CR LF is left as it is. The
	 * fingerprint is of the bytes as they were. */
	for (char *cr = memchr(s->text, '\r', s->len); cr != NULL;
	     cr = memchr(cr + 1, '\r', s->len - (size_t)(cr + 1 - s->text)))
		if ((size_t)(cr + 1 - s->text) >= s->len || cr[1] != '\n')
			*cr = '\n';

	size_t n = 1;
	for (size_t i = 0; i < s->len; i++)
		if (s->text[i] == '\n')
			n++;
	s->line_start = malloc(n * sizeof(size_t));
	s->nblocks = (s->len + SOURCE_BLOCK - 1) / SOURCE_BLOCK;
	s->block_col = malloc((s->nblocks ? s->nblocks : 1) *
	                      sizeof *s->block_col);
	if (s->line_start == NULL || s->block_col == NULL)
		return -1;
	s->nlines = 0;
	s->line_start[s->nlines++] = 0;
	/* columns count characters: every byte but UTF-8's continuation
	 * bytes (10xxxxxx); at most SOURCE_MAX_BYTES, so an int holds one */
	int col = 1;
	for (size_t i = 0; i < s->len; i++) {
		if (i % SOURCE_BLOCK == 0)
			s->block_col[i / SOURCE_BLOCK] = col;
		unsigned char c = (unsigned char)s->text[i];
		if (c == '\n') {
			s->line_start[s->nlines++] = i + 1;
			col = 1;
		} else {
			col += (c & 0xC0) != 0x80;
		}
	}
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

/* The bytes of a file, NUL-terminated; NULL with errno set. Only files
 * and pipes are read: a device (/dev/zero) never ends and a directory
 * is not a document. The size is checked before anything is read, and
 * again as it is read (a pipe, or a file growing under us), so memory
 * is never spent on an input that will be refused. A FIFO is opened
 * without waiting for a writer: with none, it reads as empty. */
static char *source_slurp(const char *path, size_t *length)
{
	int in = strcmp(path, "-") == 0;
	int fd = in ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
	            : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return NULL;
	struct stat st;
	int err = 0;
	if (fstat(fd, &st) != 0)
		err = errno;
	else if (S_ISDIR(st.st_mode))
		err = EISDIR;
	else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !in)
		err = ENODEV;
	else if (S_ISREG(st.st_mode) && st.st_size > SOURCE_MAX_BYTES)
		err = EFBIG;
	else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
		err = errno;
	if (err) {
		close(fd);
		errno = err;
		return NULL;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (cap - len < 65536) {
			size_t ncap = cap ? cap * 2 : 65536;
			/* a file's size, and room to see that it ended */
			if (S_ISREG(st.st_mode) && cap == 0)
				ncap = (size_t)st.st_size + 65536;
			if (ncap > (size_t)SOURCE_MAX_BYTES + 1)
				ncap = (size_t)SOURCE_MAX_BYTES + 1;
			char *n = realloc(buf, ncap + 1);
			if (n == NULL) {
				err = ENOMEM;
				break;
			}
			buf = n;
			cap = ncap;
		}
		ssize_t got = read(fd, buf + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = errno ? errno : EIO;
			break;
		}
		if (got == 0)
			break;
		len += (size_t)got;
		if (len > SOURCE_MAX_BYTES) {
			err = EFBIG;
			break;
		}
	}
	close(fd);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	if (buf == NULL && (buf = malloc(1)) == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	buf[len] = '\0';
	*length = len;
	return buf;
}

const char *source_error(int err)
{
	switch (err) {
	case EFBIG:
		return "the file is larger than " SOURCE_MAX_TEXT ", the most "
		       "mishto reads (a plan of 100,000 actions is about "
		       "13 MB)";
	case EISDIR:
		return "it is a folder; name the XML files in it";
	case ENODEV:
		return "it is a device or socket, not a file";
	default:
		return strerror(err);
	}
}

struct source *source_read(const char *path)
{
	size_t len;
	char *buf = source_slurp(path, &len);
	if (buf == NULL)
		return NULL;
	struct source *s = calloc(1, sizeof *s);
	if (s == NULL || (s->path = strdup(strcmp(path, "-") == 0
	                                   ? SOURCE_STDIN : path)) == NULL) {
		free(s);
		free(buf);
		errno = ENOMEM;
		return NULL;
	}
	/* the buffer had room for a file growing as it was read */
	char *fit = realloc(buf, len + 1);
	s->text = fit ? fit : buf;
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
	free(s->block_col);
	free(s);
}

/* The line of offset (0-based), searched for in lines lo.. (offset is
 * at or after line lo's start). */
static size_t source_line_of(const struct source *s, size_t lo, size_t offset)
{
	/* ahead of lo by steps that double, then halved back */
	size_t step = 1, hi = lo + 1;
	while (hi < s->nlines && s->line_start[hi] <= offset) {
		lo = hi;
		hi = lo + step < s->nlines ? lo + step : s->nlines;
		step *= 2;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->line_start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The column of offset on line lo, counted from the nearest of: the
 * line's start, the start of offset's block, and from (at col) when it
 * is on the line before offset. */
static int source_col(const struct source *s, size_t lo, size_t offset,
                      size_t from, int col)
{
	size_t start = s->line_start[lo], block = offset / SOURCE_BLOCK;
	if (from < start || from > offset) {
		from = start;
		col = 1;
	}
	if (block < s->nblocks && block * SOURCE_BLOCK > from) {
		from = block * SOURCE_BLOCK;
		col = s->block_col[block];
	}
	for (size_t i = from; i < offset; i++)
		if (((unsigned char)s->text[i] & 0xC0) != 0x80)
			col++;
	return col;
}

void source_position_from(const struct source *s, struct source_cursor *c,
                          size_t offset, int *line, int *col)
{
	if (offset > s->len)
		offset = s->len;
	int ahead = c->col > 0 && offset >= c->offset && c->line < s->nlines;
	size_t lo = source_line_of(s, ahead ? c->line : 0, offset);
	/* from the cursor only on its own line: source_col counts from
	 * the line's start when the cursor is on a line before */
	int k = ahead ? source_col(s, lo, offset, c->offset, c->col)
	              : source_col(s, lo, offset, 0, 1);
	c->offset = offset;
	c->line = lo;
	c->col = k;
	*line = (int)(lo + 1);
	*col = k;
}

void source_position(const struct source *s, size_t offset, int *line,
                     int *col)
{
	struct source_cursor fresh = {0};
	source_position_from(s, &fresh, offset, line, col);
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
