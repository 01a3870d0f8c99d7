/*
 * Memory allocation from the general heap (mmheap, TLSF): one task
 * allocates 128 bytes and frees them.
 */
#include "bench.h"

static k_task_t heap_worker;

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

void bench_main(void)
{
    bench_task(&heap_worker, heap_entry, K_NULL, 1u);
    bench_window("mem-heap", 1u, K_NULL, 0u);
}
