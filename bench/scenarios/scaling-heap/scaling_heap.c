/*
 * Scaling of the heap: a task allocates 128 bytes and frees them while 10,
 * then 10 000, other blocks are live. The live blocks have sizes from 16
 * to 256 bytes, and every third one is freed again, so the heap holds free
 * fragments of many sizes, as a long-running program's does. TLSF
 * (mmheap) promises a cost independent of both.
 */
#include <stdio.h>

#include "bench.h"

#define HEAP_STEPS 2u
#define HEAP_MAX   15000u

static const unsigned int heap_live[HEAP_STEPS] = {10u, 10000u};
static k_task_t heap_worker;
static void *heap_blocks[HEAP_MAX];

static void heap_entry(void *arg)
{
    void *p;

    (void)arg;
    for (;;) {
        p = tos_mmheap_alloc(128u);
        if (p == K_NULL) {
            bench_check("tos_mmheap_alloc", K_ERR_OUT_OF_MEMORY);
        }
        tos_mmheap_free(p);
        ++bench_counters[0];
    }
}

/*
 * Allocates blocks until `live` of them are live; the heap is protected by
 * critical sections, so the worker may be preempted in a call meanwhile.
 */
static unsigned int heap_fill(unsigned int made, unsigned int *live, unsigned int target)
{
    while (*live < target && made < HEAP_MAX) {
        heap_blocks[made] = tos_mmheap_alloc(16u + 8u * (made % 31u));
        if (heap_blocks[made] == K_NULL) {
            bench_check("tos_mmheap_alloc (live blocks)", K_ERR_OUT_OF_MEMORY);
        }
        ++*live;
        if (made % 3u == 2u) {
            tos_mmheap_free(heap_blocks[made - 1u]);
            heap_blocks[made - 1u] = K_NULL;
            --*live;
        }
        ++made;
    }
    return made;
}

void bench_main(void)
{
    char name[32];
    unsigned int made = 0u, live = 0u;
    unsigned int step;

    bench_task(&heap_worker, heap_entry, K_NULL, 1u);
    for (step = 0u; step < HEAP_STEPS; ++step) {
        made = heap_fill(made, &live, heap_live[step]);
        (void)snprintf(name, sizeof(name), "scaling-heap-%u", heap_live[step]);
        bench_window(name, 1u, K_NULL, 0u);
    }
}
