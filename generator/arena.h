/* arena.h - bump allocation for one document: everything a document's model,
 * layout and rendering allocate lives here and is freed at once. */
#ifndef MISHTO_ARENA_H
#define MISHTO_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Frees everything allocated in a, which stays usable (for scratch
 * memory: what one step needs and no step after it). */
void arena_reset(struct arena *a);

/* All return NULL only when memory is exhausted; callers propagate that. */
void *arena_alloc(struct arena *a, size_t size);      /* zeroed */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The next of the numbers 1, 2, 3... the arena hands out, for naming
 * what is made in it (a tree's nodes): a writer can then keep a record
 * per object in an array rather than a table keyed by address. A number
 * is never handed out twice in the arena's life (arena_reset does not
 * start again); 0 once 2^32 - 1 have been (no run comes near). */
uint32_t arena_serial(struct arena *a);

/* A block of ARENA_BLOCK bytes mapped on its own, as an arena's large
 * chunks are (aligned to its size, in huge pages where the system gives
 * them), for memory let go a block at a time rather than with an arena
 * (a long document's pages' boxes, let go as a writer draws them):
 * unmapped, it goes back to the system at once, where memory freed to
 * the C library stays in its heap. NULL when none is to be had. */
#define ARENA_BLOCK ((size_t)2 << 20)
void *arena_block_map(void);
void arena_block_unmap(void *block);

/* A growable array whose storage lives in the arena (old blocks are simply
 * abandoned there, which costs at most twice the final size). */
int arena_grow(struct arena *a, void **items, size_t *cap, size_t want,
               size_t item_size);

#endif
