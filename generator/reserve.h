/* reserve.h - memory set aside for the libraries' allocations.
 *
 * libxml2 2.9.14 and libharu 2.3.0 have out-of-memory paths that crash:
 * the allocation-failure test (tests/oom) found libharu's font writer
 * using a dictionary it had just freed, and libxml2's schema compiler
 * corrupting its heap. So the libraries never see an allocation fail:
 * theirs go through these functions, which serve a failed request from a
 * reserve instead and remember that memory ran out. mishto then stops the
 * run with an out-of-memory error before it writes anything.
 *
 * The state is the process's: the libraries' allocator hooks carry no
 * context (libxml2's are process-wide). The reserve is static storage, so
 * it exists before the first allocation and costs nothing until used. */
#ifndef MISHTO_RESERVE_H
#define MISHTO_RESERVE_H

#include <stddef.h>

void *reserve_malloc(size_t size);
void *reserve_realloc(void *p, size_t size);
void reserve_free(void *p);
char *reserve_strdup(const char *s);

/* Sends libxml2's allocations through the functions above; once per
 * process, before libxml2 allocates anything. */
void reserve_install_libxml2(void);

/* A region for blocks let go all at once (one long document's libxml2
 * tree; a short document's libharu objects): from
 * reserve_region_open until reserve_region_close, the libraries'
 * allocations are taken one after another from the region's chunks
 * (expect: the bytes they are thought to need, for the first: a chunk
 * of a few MB from the heap, kept for the next region, a larger one
 * mapped on its own), and freeing one of them does nothing;
 * reserve_region_free lets them all go at once, when every block is let
 * go. A short document's libharu objects so cost a batch of signed
 * pledges 4% less CPU. A 100,000-action plan's tree
 * is 250 MB in millions of blocks: taking and freeing them one by one
 * from the heap was 3% of building the plan, and the heap kept their
 * 250 MB for the rest of the run, so that the PDF writer's records,
 * which reuse it, could not make the run smaller by being smaller.
 * Blocks taken before, and the heap's after the close, are freed as
 * ever; a block of the region is copied to the heap when it must grow
 * after the close. */
void reserve_region_open(size_t expect);
void reserve_region_close(void);
void reserve_region_free(void);
/* Whether p is a block of the region. */
int reserve_region_holds(const void *p);
/* The size of the chunk kept for the next region, 0 when none is. */
size_t reserve_region_kept(void);

/* Makes the C library's heap grow in 2 MB pages: on this kind of
 * machine (a virtual one) each 4 KB page touched for the first time cost
 * about 13 us; the form's first megabytes of heap were a fifth of its
 * time, and a long document's heap more. The heap is grown once by 1 GB
 * of address space (memory is taken as it is touched), blocks of up to
 * 32 MB come from it, and none of it is given back before the process
 * ends. Once per process (later calls do nothing); without effect where
 * the heap is not the C library's (the sanitizers'). */
void reserve_heap_in_huge_pages(void);

/* Lets go of what reserve_heap_in_huge_pages held for the run (the
 * heap's first free bytes, on small pages) and the region's chunk kept
 * for the next region; mishto_main's last step. */
void reserve_heap_end(void);

/* Whether the heap is so (then giving memory back, malloc_trim, would
 * only break its huge pages into small ones). */
int reserve_heap_kept(void);

/* Whether a request was served from the reserve since the last call to
 * reserve_rearm (then the run has to stop). */
int reserve_tripped(void);
void reserve_rearm(void);

#endif
