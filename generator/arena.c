/* arena.c - bump allocator: large chunks, aligned slices, one free. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Chunks start small and double every second chunk: a signed pledge's
 * model and what its checks add take 4.2 KB (one 6 KB chunk; it took
 * two of 4 KB), and a batch holds thousands of them at once; a long
 * plan's layout gets large chunks after a few doublings. */
#define ARENA_FIRST_CHUNK (6 * 1024)
#define ARENA_CHUNK (256 * 1024)
#define ARENA_ALIGN 16

struct arena_chunk {
	struct arena_chunk *prev;
	size_t size, used;
	unsigned char data[];
};

struct arena {
	struct arena_chunk *top;
	unsigned chunks;          /* made so far */
};

/* A full-sized chunk is written from end to end as it is used (every
 * slice is cleared): its pages are asked for at once, where the kernel
 * can (Linux 5.14 and later), not by a fault at each page's first
 * write. On this project's virtual machines a page fault costs about
 * 13 us and a page asked for in bulk 7; a 5,000-action plan fills 200
 * chunks. Advice only: where it is refused the pages come as before. */
static void arena_populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	long page = sysconf(_SC_PAGESIZE);
	if (page <= 0)
		return;
	uintptr_t from = ((uintptr_t)p + (uintptr_t)page - 1) &
	                 ~((uintptr_t)page - 1);
	uintptr_t to = ((uintptr_t)p + n) & ~((uintptr_t)page - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	for (struct arena_chunk *c = a->top, *p; c != NULL; c = p) {
		p = c->prev;
		free(c);
	}
	free(a);
}

void arena_reset(struct arena *a)
{
	for (struct arena_chunk *c = a->top, *p; c != NULL; c = p) {
		p = c->prev;
		free(c);
	}
	a->top = NULL;
	a->chunks = 0;
}

void *arena_alloc(struct arena *a, size_t size)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - ARENA_ALIGN - sizeof(struct arena_chunk))
		return NULL;
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	struct arena_chunk *c = a->top;
	if (c == NULL || c->size - c->used < size) {
		/* 6, 6, 12, 12, 24, 24... KB up to ARENA_CHUNK */
		unsigned k = a->chunks++ / 2;
		size_t chunk = k < 8 ? (size_t)ARENA_FIRST_CHUNK << k
		                     : ARENA_CHUNK;
		if (chunk > ARENA_CHUNK)
			chunk = ARENA_CHUNK;
		size_t want = size > chunk ? size : chunk;
		c = malloc(sizeof(*c) + want);
		if (c == NULL)
			return NULL;
		if (want >= ARENA_CHUNK)
			arena_populate(c->data, want);
		c->size = want;
		c->used = 0;
		/* A big one-off block goes below the current chunk so the
		 * current chunk's free space is not wasted. */
		if (a->top != NULL && want > chunk) {
			c->prev = a->top->prev;
			a->top->prev = c;
		} else {
			c->prev = a->top;
			a->top = c;
		}
	}
	void *p = c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int arena_grow(struct arena *a, void **items, size_t *cap, size_t want,
               size_t item_size)
{
	if (want <= *cap)
		return 0;
	/* small at first when items are large: most of a table's cells
	 * hold one or two lines, and 8 of 128 bytes each was a quarter of
	 * a long plan's memory */
	size_t ncap = *cap ? *cap * 2 : item_size > 32 ? 2 : 8;
	while (ncap < want)
		ncap *= 2;
	if (ncap > SIZE_MAX / item_size ||
	    ncap * item_size > SIZE_MAX - ARENA_ALIGN)
		return -1;
	/* the array last allocated, with room after it: grown where it is */
	struct arena_chunk *c = a->top;
	size_t had = (*cap * item_size + ARENA_ALIGN - 1) &
	             ~(size_t)(ARENA_ALIGN - 1);
	size_t will = (ncap * item_size + ARENA_ALIGN - 1) &
	              ~(size_t)(ARENA_ALIGN - 1);
	if (*cap && c != NULL && (unsigned char *)*items + had ==
	                             c->data + c->used &&
	    will - had <= c->size - c->used) {
		memset(c->data + c->used, 0, will - had);
		c->used += will - had;
		*cap = ncap;
		return 0;
	}
	void *n = arena_alloc(a, ncap * item_size);
	if (n == NULL)
		return -1;
	if (*cap)
		memcpy(n, *items, *cap * item_size);
	*items = n;
	*cap = ncap;
	return 0;
}
