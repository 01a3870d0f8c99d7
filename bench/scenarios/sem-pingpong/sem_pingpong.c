/*
 * Semaphore ping-pong: two tasks of equal priority. The first gives the
 * second's semaphore and waits on its own; the second, woken, gives it back
 * and waits again. An iteration is one round trip: two posts, two waits
 * that block, two switches.
 */
#include "bench.h"

static k_task_t ping_task, pong_task;
static k_sem_t ping_sem, pong_sem;

static void ping_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_sem_post", tos_sem_post(&pong_sem));
        bench_check("tos_sem_pend", tos_sem_pend(&ping_sem, TOS_TIME_FOREVER));
        ++bench_counters[0];
    }
}

static void pong_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_sem_pend", tos_sem_pend(&pong_sem, TOS_TIME_FOREVER));
        bench_check("tos_sem_post", tos_sem_post(&ping_sem));
    }
}

void bench_main(void)
{
    bench_check("tos_sem_create", tos_sem_create(&ping_sem, 0u));
    bench_check("tos_sem_create", tos_sem_create(&pong_sem, 0u));
    bench_task(&pong_task, pong_entry, K_NULL, 1u);
    bench_task(&ping_task, ping_entry, K_NULL, 1u);
    bench_window("sem-pingpong", 1u, K_NULL, 0u);
}
