/* reserve.c - the libraries' allocations, with a reserve behind them. */
#define _GNU_SOURCE   /* malloc_usable_size */
#include "reserve.h"

#include <libxml/xmlmemory.h>
#include <malloc.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 4 MB: far more than the libraries ask for after one failure (their
 * largest single blocks are tables of a few hundred KB); a request larger
 * than what is left still fails as it would have. */
#define RESERVE_SIZE (4u << 20)
#define RESERVE_ALIGN 16u

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

void *reserve_malloc(size_t size)
{
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
	if (!reserve_owns(p))
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

int reserve_tripped(void)
{
	return reserve_hit;
}

void reserve_rearm(void)
{
	reserve_hit = 0;
}
