/*
 * Scaling of the semaphore post: 1, 8, 64 and 256 tasks of equal priority
 * wait on one semaphore; a less urgent task posts it in a loop. Each post
 * wakes the longest waiting task, which preempts the poster, counts and
 * waits again (at the end of the wait list). An iteration is one post
 * with its wake-up, two switches and one wait.
 */
#include <stdio.h>

#include "bench.h"

#define SEM_STEPS 4u

static const unsigned int sem_waiting[SEM_STEPS] = {1u, 8u, 64u, 256u};
static k_task_t sem_poster;
static k_task_t sem_waiters[256];
static k_sem_t sem_sem;

static void sem_waiter_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_sem_pend", tos_sem_pend(&sem_sem, TOS_TIME_FOREVER));
        ++bench_counters[0];
    }
}

static void sem_poster_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_sem_post", tos_sem_post(&sem_sem));
    }
}

void bench_main(void)
{
    char name[32];
    unsigned int created = 0u;
    unsigned int step;

    bench_check("tos_sem_create", tos_sem_create(&sem_sem, 0u));
    bench_task(&sem_poster, sem_poster_entry, K_NULL, 2u);
    for (step = 0u; step < SEM_STEPS; ++step) {
        for (; created < sem_waiting[step]; ++created) {
            bench_task(&sem_waiters[created], sem_waiter_entry, K_NULL, 1u);
        }
        (void)snprintf(name, sizeof(name), "scaling-sem-%u", sem_waiting[step]);
        bench_window(name, 1u, K_NULL, 0u);
    }
}
