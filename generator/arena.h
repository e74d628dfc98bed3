/* arena.h - bump allocation for one document: everything a document's model,
 * layout and rendering allocate lives here and is freed at once. */
#ifndef MISHTO_ARENA_H
#define MISHTO_ARENA_H

#include <stddef.h>

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

/* A growable array whose storage lives in the arena (old blocks are simply
 * abandoned there, which costs at most twice the final size). */
int arena_grow(struct arena *a, void **items, size_t *cap, size_t want,
               size_t item_size);

#endif
