/*
 * Scaling of the heap: a task allocates 128 bytes and frees them while 10,
 * then 10 000, other blocks are live. The live blocks have sizes from 16
 * to 256 bytes, and every third one is freed again, so the heap holds free
 * fragments of many sizes, as a long-running program's does. TLSF
 * (mmheap) promises a cost independent of both.
 *
 * The tick that ends a window stops the worker wherever it is, with its
 * block taken or not. Blocks allocated around a taken one would lie
 * elsewhere, and which free block the next worker gets, and what splitting
 * and merging that costs, would depend on where the tick fell. So a worker
 * serves one window: it is destroyed after it, and a block it still holds
 * is freed on its behalf before the next step allocates anything. Every
 * window thus sees the same heap and the same operations, whatever the
 * port's speed.
 */
#include <stdint.h>
#include <stdio.h>

#include "bench.h"

#define HEAP_STEPS 2u
#define HEAP_MAX   15000u
#define HEAP_BLOCK 128u

static const unsigned int heap_live[HEAP_STEPS] = {10u, 10000u};
static k_task_t heap_workers[HEAP_STEPS];
static void *heap_blocks[HEAP_MAX];
/* Address of the block the current worker takes in every iteration. */
static uintptr_t heap_worker_blk;

static void *heap_alloc(size_t size, const char *what)
{
    void *p = tos_mmheap_alloc(size);

    if (p == K_NULL) {
        bench_check(what, K_ERR_OUT_OF_MEMORY);
    }
    return p;
}

static void heap_entry(void *arg)
{
    void *p;

    (void)arg;
    for (;;) {
        p = tos_mmheap_alloc(HEAP_BLOCK);
        if (p == K_NULL) {
            bench_check("tos_mmheap_alloc", K_ERR_OUT_OF_MEMORY);
        }
        tos_mmheap_free(p);
        ++bench_counters[0];
    }
}

/* Allocates blocks until `live` of them are live (no worker runs meanwhile). */
static unsigned int heap_fill(unsigned int made, unsigned int *live, unsigned int target)
{
    while (*live < target && made < HEAP_MAX) {
        heap_blocks[made] = heap_alloc(16u + 8u * (made % 31u), "tos_mmheap_alloc (live blocks)");
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

/*
 * An allocation and its free leave the heap as they found it (the freed
 * block merges back into what it was cut from and heads its list again),
 * so the worker takes the same block in every iteration: the one a request
 * of its size gets before it starts.
 */
static void heap_start_worker(k_task_t *worker)
{
    void *p = heap_alloc(HEAP_BLOCK, "tos_mmheap_alloc (worker's block)");

    heap_worker_blk = (uintptr_t)p;
    tos_mmheap_free(p);
    bench_task(worker, heap_entry, K_NULL, 1u);
}

/*
 * Ends a worker. While it holds its block, a request of the same size gets
 * another one; then its block is freed here, as it would have freed it.
 */
static void heap_retire_worker(k_task_t *worker)
{
    void *p;
    int held;

    bench_check("tos_task_destroy", tos_task_destroy(worker));
    p = heap_alloc(HEAP_BLOCK, "tos_mmheap_alloc (worker's block)");
    held = (uintptr_t)p != heap_worker_blk;
    tos_mmheap_free(p);
    if (held) {
        tos_mmheap_free((void *)heap_worker_blk);
    }
}

void bench_main(void)
{
    char name[32];
    unsigned int made = 0u, live = 0u;
    unsigned int step;

    for (step = 0u; step < HEAP_STEPS; ++step) {
        made = heap_fill(made, &live, heap_live[step]);
        heap_start_worker(&heap_workers[step]);
        (void)snprintf(name, sizeof(name), "scaling-heap-%u", heap_live[step]);
        bench_window(name, 1u, K_NULL, 0u);
        heap_retire_worker(&heap_workers[step]);
    }
}
