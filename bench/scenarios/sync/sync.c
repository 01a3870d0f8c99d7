/*
 * Synchronisation: one task takes a binary semaphore without waiting and
 * gives it back.
 */
#include "bench.h"

static k_task_t sync_worker;
static k_sem_t sync_sem;

static void sync_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_sem_pend", tos_sem_pend(&sync_sem, TOS_TIME_NOWAIT));
        bench_check("tos_sem_post", tos_sem_post(&sync_sem));
        ++bench_counters[0];
    }
}

void bench_main(void)
{
    bench_check("tos_sem_create_max", tos_sem_create_max(&sync_sem, 1u, 1u));
    bench_task(&sync_worker, sync_entry, K_NULL, 1u);
    bench_window("sync", 1u, K_NULL, 0u);
}
