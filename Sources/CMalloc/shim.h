#ifndef RELGRAPH_CMALLOC_SHIM_H
#define RELGRAPH_CMALLOC_SHIM_H
/*
 * glibc's malloc tuning, which Swift's Glibc module leaves out (<malloc.h>).
 */
#if defined(__linux__)
#include <malloc.h>
#endif

#if defined(__GLIBC__) && defined(M_ARENA_MAX)
/* One malloc arena for every thread (M_ARENA_MAX = 1); 1 on success. */
static inline int relgraph_use_one_malloc_arena(void) { return mallopt(M_ARENA_MAX, 1); }
#else
/* Not glibc: nothing to tune. */
static inline int relgraph_use_one_malloc_arena(void) { return 0; }
#endif

#endif
