/* arena.c - bump allocator: large chunks, aligned slices, one free. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Chunks start small and double every second chunk: a signed pledge's
 * model and what its checks add take 4.2 KB (one 6 KB chunk; it took
 * two of 4 KB), and a batch holds thousands of them at once; a long
 * plan's layout gets large chunks after a few doublings. */
#define ARENA_FIRST_CHUNK (6 * 1024)
#define ARENA_CHUNK (256 * 1024)
/* 8: what every type mishto keeps in an arena needs (pointers, doubles,
 * 64-bit integers; no long double). Slices of 16 made a long plan's
 * strings a third larger: a 100,000-action plan's peak 982 -> 946 MB. */
#define ARENA_ALIGN 8

struct arena_chunk {
	struct arena_chunk *prev;
	size_t size, used;
	size_t mapped;            /* an ARENA_HUGE mapping, not malloc'd */
	unsigned char data[];
};

struct arena {
	struct arena_chunk *top;
	unsigned chunks;          /* made so far */
	uint32_t serial;          /* the last number handed out */
};

/* Memory a program touches for the first time is dear on a virtual
 * machine (on this project's: about 13 us a 4 KB page faulted in one at
 * a time, 7 asked for in bulk, a tenth or less of that in 2 MB pages),
 * and a long document's arena is most of what it touches: an arena past
 * its first ARENA_HUGE_AFTER chunks takes chunks of 2 MB, mapped on
 * their own, aligned, with the advice that they are to be backed by huge
 * pages (transparent huge pages, madvise mode) and that they are about
 * to be written (Linux 5.14 and later). Advice only: where it is refused
 * the pages come as they would have. A 5,000-action plan took 554 ms of
 * CPU with its pages faulted in one at a time, 474 ms with 256 KB chunks
 * asked for in bulk, 396 ms with these (perf stat -r 5, three pairs);
 * at 100,000 actions the kernel's clearing of the huge pages takes about
 * what the faults took. */
#define ARENA_HUGE (2u << 20)
#define ARENA_HUGE_AFTER 24       /* 16 growing chunks, 8 of 256 KB */

static void arena_advise(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	(void)madvise(p, n, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
	(void)madvise(p, n, MADV_POPULATE_WRITE);
#endif
	(void)p;
	(void)n;
}

/* ARENA_HUGE bytes mapped, aligned to their size, or NULL. */
static void *arena_map_aligned(void)
{
	size_t n = ARENA_HUGE;
	unsigned char *p = mmap(NULL, 2 * n, PROT_READ | PROT_WRITE,
	                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	uintptr_t at = ((uintptr_t)p + n - 1) & ~(uintptr_t)(n - 1);
	size_t head = at - (uintptr_t)p;
	if (head > 0)
		munmap(p, head);
	munmap((unsigned char *)at + n, n - head);
	arena_advise((void *)at, n);
	return (void *)at;
}

_Static_assert(ARENA_BLOCK == ARENA_HUGE,
               "a block is mapped as an arena's large chunk is");

void *arena_block_map(void)
{
	return arena_map_aligned();
}

void arena_block_unmap(void *block)
{
	if (block != NULL)
		munmap(block, ARENA_BLOCK);
}

/* A chunk of ARENA_HUGE bytes aligned to its size, or NULL. */
static struct arena_chunk *arena_map_huge(void)
{
	struct arena_chunk *c = arena_map_aligned();
	if (c == NULL)
		return NULL;
	size_t n = ARENA_HUGE;
	c->size = n - sizeof *c;
	c->mapped = 1;
	return c;
}

static void arena_chunk_free(struct arena_chunk *c)
{
	if (c->mapped)
		munmap(c, ARENA_HUGE);
	else
		free(c);
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
		arena_chunk_free(c);
	}
	free(a);
}

uint32_t arena_serial(struct arena *a)
{
	return a->serial < UINT32_MAX ? ++a->serial : 0;
}

void arena_reset(struct arena *a)
{
	for (struct arena_chunk *c = a->top, *p; c != NULL; c = p) {
		p = c->prev;
		arena_chunk_free(c);
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
		c = NULL;
		if (a->chunks > ARENA_HUGE_AFTER &&
		    size <= ARENA_HUGE - sizeof(*c)) {
			c = arena_map_huge();
			if (c != NULL)
				want = chunk = c->size;
		}
		if (c == NULL) {
			c = malloc(sizeof(*c) + want);
			if (c == NULL)
				return NULL;
			c->size = want;
			c->mapped = 0;
		}
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
	/* formatted once when it fits the buffer, as keys and numbers do
	 * (measuring, then writing, formatted each twice: a fiftieth of a
	 * batch of pledges) */
	char buf[128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	if ((size_t)n < sizeof buf) {
		memcpy(p, buf, (size_t)n + 1);
		return p;
	}
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
