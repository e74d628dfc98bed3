/* reserve.c - the libraries' allocations, with a reserve behind them. */
#define _GNU_SOURCE   /* malloc_usable_size */
#include "reserve.h"

#include <libxml/xmlmemory.h>
#include <limits.h>
#include <malloc.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* 4 MB: far more than the libraries ask for after one failure (their
 * largest single blocks are tables of a few hundred KB); a request larger
 * than what is left still fails as it would have. */
#define RESERVE_SIZE (4u << 20)
#define RESERVE_ALIGN 16u
/* 2 MB: the size of an x86-64 huge page */
#define RESERVE_HUGE (2u << 20)

static alignas(RESERVE_ALIGN) unsigned char reserve[RESERVE_SIZE];
static size_t reserve_used;
static int reserve_hit;

static int reserve_owns(const void *p)
{
	return (const unsigned char *)p >= reserve &&
	       (const unsigned char *)p < reserve + RESERVE_SIZE;
}

/* A block of the reserve: its size, then the data, 16-byte aligned. Blocks
 * are never given back: the run ends soon after the first. */
static void *reserve_take(size_t size)
{
	size_t need = RESERVE_ALIGN + (size + RESERVE_ALIGN - 1) /
	                                  RESERVE_ALIGN * RESERVE_ALIGN;
	if (size > RESERVE_SIZE || need > RESERVE_SIZE - reserve_used)
		return NULL;
	unsigned char *b = reserve + reserve_used;
	reserve_used += need;
	memcpy(b, &size, sizeof size);
	reserve_hit = 1;
	return b + RESERVE_ALIGN;
}

static size_t reserve_size_of(const void *p)
{
	size_t size;
	memcpy(&size, (const unsigned char *)p - RESERVE_ALIGN, sizeof size);
	return size;
}

/* ---- the region: blocks let go all at once ----
 *
 * Blocks are laid out as the reserve's (their size, then the data) in
 * the region's chunks, one after another; freeing one does nothing, and
 * the chunks are let go together. Each chunk is twice the one before, so
 * a few hold any tree, and telling a block of the region from the
 * heap's looks at a few ranges. A chunk of up to REGION_FROM_HEAP bytes
 * comes from the heap (on huge pages already touched: a short
 * document's), a larger one is a mapping of its own (given back to the
 * system when the region is freed: a long document's tree); the first
 * chunk from the heap is kept for the next region (the documents of a
 * batch), until reserve_heap_end. */
#define REGION_CHUNKS 40
#define REGION_FIRST_MAX (256u << 20)
#define REGION_FROM_HEAP (4u << 20)

static struct region_chunk {
	unsigned char *base;
	size_t size, used;
} region[REGION_CHUNKS], region_spare;
static size_t region_nchunks;
static size_t region_first;          /* the first chunk's size */
static int region_open;              /* blocks are taken from it */
static unsigned char *region_last;   /* the last block taken */

static int region_owns(const void *p)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < region_nchunks; i++)
		if (b >= region[i].base && b < region[i].base + region[i].size)
			return 1;
	return 0;
}

/* a block's bytes in its chunk, its size before it; SIZE_MAX when too
 * large to count */
static size_t region_span(size_t size)
{
	if (size > SIZE_MAX / 2)
		return SIZE_MAX;
	return RESERVE_ALIGN + (size + RESERVE_ALIGN - 1) / RESERVE_ALIGN *
	                           RESERVE_ALIGN;
}

/* NULL when a chunk cannot be mapped: the block comes from the heap */
static void *region_take(size_t size)
{
	size_t need = region_span(size);
	struct region_chunk *c = region_nchunks > 0
	                         ? &region[region_nchunks - 1] : NULL;
	if (need == SIZE_MAX)
		return NULL;
	if (c == NULL && region_spare.base != NULL &&
	    region_first <= region_spare.size && need <= region_spare.size) {
		region[region_nchunks++] = region_spare;
		region_spare.base = NULL;
		c = &region[0];
		c->used = 0;
	} else if (c == NULL || need > c->size - c->used) {
		if (region_nchunks == REGION_CHUNKS)
			return NULL;
		size_t len = c == NULL ? region_first : c->size * 2;
		while (len < need && len <= SIZE_MAX / 2)
			len *= 2;
		if (len < need)
			return NULL;
		void *m;
		if (len <= REGION_FROM_HEAP) {
			m = malloc(len);
			if (m == NULL)
				return NULL;
		} else {
			m = mmap(NULL, len, PROT_READ | PROT_WRITE,
			         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m == MAP_FAILED)
				return NULL;
			/* as the heap's: first touches cost a fault a 2 MB
			 * page */
			madvise(m, len, MADV_HUGEPAGE);
		}
		c = &region[region_nchunks++];
		c->base = m;
		c->size = len;
		c->used = 0;
	}
	unsigned char *b = c->base + c->used;
	c->used += need;
	memcpy(b, &size, sizeof size);
	region_last = b + RESERVE_ALIGN;
	return region_last;
}

/* Resizes p, a block of the region, where it is: it shrinks, or it is
 * the last block taken and its chunk has room. NULL when it cannot. */
static void *region_resize(void *p, size_t size)
{
	size_t old = region_span(reserve_size_of(p));
	size_t need = region_span(size);
	struct region_chunk *c = &region[region_nchunks - 1];
	if (need == SIZE_MAX)
		return NULL;
	if (need > old) {
		if (!region_open || p != region_last ||
		    need - old > c->size - c->used)
			return NULL;
		c->used += need - old;
	}
	memcpy((unsigned char *)p - RESERVE_ALIGN, &size, sizeof size);
	return p;
}

void reserve_region_open(size_t expect)
{
	region_first = RESERVE_HUGE;
	while (region_first < expect && region_first < REGION_FIRST_MAX)
		region_first *= 2;
	region_open = 1;
}

void reserve_region_close(void)
{
	region_open = 0;
}

static void region_chunk_free(struct region_chunk *c)
{
	if (c->size <= REGION_FROM_HEAP)
		free(c->base);
	else
		munmap(c->base, c->size);
	c->base = NULL;
}

void reserve_region_free(void)
{
	region_open = 0;
	for (size_t i = 0; i < region_nchunks; i++) {
		if (region[i].size <= REGION_FROM_HEAP &&
		    region_spare.base == NULL)
			region_spare = region[i];
		else
			region_chunk_free(&region[i]);
	}
	region_nchunks = 0;
	region_last = NULL;
}

size_t reserve_region_kept(void)
{
	return region_spare.base != NULL ? region_spare.size : 0;
}

int reserve_region_holds(const void *p)
{
	return region_nchunks > 0 && region_owns(p);
}

void *reserve_malloc(size_t size)
{
	if (region_open) {
		void *r = region_take(size ? size : 1);
		if (r != NULL)
			return r;
	}
	void *p = malloc(size ? size : 1);
	return p != NULL ? p : reserve_take(size ? size : 1);
}

void *reserve_realloc(void *p, size_t size)
{
	if (p == NULL)
		return reserve_malloc(size);
	if (size == 0)
		size = 1;
	size_t old;
	if (reserve_owns(p)) {
		old = reserve_size_of(p);
	} else if (reserve_region_holds(p)) {
		void *same = region_resize(p, size);
		if (same != NULL)
			return same;
		old = reserve_size_of(p);
	} else {
		void *n = realloc(p, size);
		if (n != NULL)
			return n;
		old = malloc_usable_size(p);
	}
	void *n = reserve_malloc(size);
	if (n == NULL)
		return NULL;
	memcpy(n, p, old < size ? old : size);
	reserve_free(p);
	return n;
}

void reserve_free(void *p)
{
	if (!reserve_owns(p) && !reserve_region_holds(p))
		free(p);
}

char *reserve_strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *d = reserve_malloc(len);
	if (d != NULL)
		memcpy(d, s, len);
	return d;
}

void reserve_install_libxml2(void)
{
	xmlMemSetup(reserve_free, reserve_malloc, reserve_realloc,
	            reserve_strdup);
}

/* The heap is grown once by 1 GB of address space (memory is only taken
 * as it is touched, a huge page at a time), so that all a run's heap is
 * in huge pages, and no part of it is given back (a part given back and
 * taken again would be small pages). */
#define RESERVE_HEAP_FIRST (1u << 30)
/* <sys/mman.h> of glibc 2.36 does not name it yet (Linux's does) */
#define RESERVE_MADV_COLLAPSE 25

static int reserve_heap_huge;
static void *volatile reserve_early;   /* held for the run */

void reserve_heap_in_huge_pages(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	/* glibc's tunable glibc.malloc.hugetlb does what follows, but only
	 * when set in the environment of the process. The heap's next
	 * growth starts at a 2 MB boundary (malloc copes with a break moved
	 * by another: it leaves the gap unused), then the kernel is asked
	 * for huge pages there. */
	/* What the heap has free before then (the start-up's allocations
	 * take half of its first 132 KB: the C++ library's emergency pool)
	 * would serve the run's first small blocks, on small pages, 15
	 * page faults of the pledge form: it is held, untouched, until
	 * reserve_heap_end. (The size asked leaves malloc room for its
	 * header.) */
	size_t early = mallinfo2().fordblks;
	if (early > 64 && early < RESERVE_HUGE)
		reserve_early = malloc(early - 64);
	uintptr_t cur = (uintptr_t)sbrk(0);
	if (cur == (uintptr_t)-1)
		return;
	uintptr_t from = (cur + RESERVE_HUGE - 1) & ~(uintptr_t)(RESERVE_HUGE - 1);
	if (from != cur && sbrk((intptr_t)(from - cur)) == (void *)-1)
		return;
	/* a block larger than all the heap has free comes from its top,
	 * which grows, by the pad; a heap with megabytes free already (a
	 * test's, after others) is left as it is */
	size_t ask = mallinfo2().fordblks + RESERVE_HUGE / 2;
	if (ask >= RESERVE_HUGE * 2)
		return;
	/* blocks of up to 32 MB from the heap: the most glibc's own
	 * threshold rises to (each block mapped on its own is faulted in
	 * small pages, and unmapped when freed) */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, INT_MAX);
	mallopt(M_TOP_PAD, RESERVE_HEAP_FIRST);
	/* volatile: a block only freed would not be asked for at all */
	void *volatile grow = malloc(ask);
	free(grow);
	mallopt(M_TOP_PAD, 128 << 10);
	uintptr_t to = (uintptr_t)sbrk(0) & ~(uintptr_t)(RESERVE_HUGE - 1);
	if (to <= from)
		return;
	madvise((void *)from, to - from, MADV_HUGEPAGE);
	/* malloc wrote its first header at from before the advice: its 2
	 * MB would stay in small pages; the kernel makes them one (Linux
	 * 6.1 and later; older ones refuse, which costs nothing) */
	madvise((void *)from, RESERVE_HUGE, RESERVE_MADV_COLLAPSE);
	reserve_heap_huge = 1;
}

void reserve_heap_end(void)
{
	if (region_spare.base != NULL)
		region_chunk_free(&region_spare);
	free(reserve_early);
	reserve_early = NULL;
}

int reserve_heap_kept(void)
{
	return reserve_heap_huge;
}

int reserve_tripped(void)
{
	return reserve_hit;
}

void reserve_rearm(void)
{
	reserve_hit = 0;
}
