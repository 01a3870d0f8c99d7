/*
 * Scaling of the context switch: the preemptive pair of "preemptive" (a
 * task resumes a more urgent one, which counts and suspends itself: two
 * switches per iteration) while 1, 8, 64 and 256 other tasks are ready at
 * less urgent priorities, spread over all of them (they never run: the
 * pair always has the CPU). A flat result means the scheduler's choice
 * does not depend on how many tasks are ready.
 */
#include <stdio.h>

#include "bench.h"

#define SW_STEPS 4u

static const unsigned int sw_ready[SW_STEPS] = {1u, 8u, 64u, 256u};
static k_task_t sw_low, sw_high;
static k_task_t sw_others[256];

static void sw_high_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_task_suspend", tos_task_suspend(K_NULL));
        ++bench_counters[0];
    }
}

static void sw_low_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_task_resume", tos_task_resume(&sw_high));
    }
}

static void sw_other_entry(void *arg)
{
    (void)arg;
    for (;;) {
    }
}

void bench_main(void)
{
    char name[32];
    unsigned int created = 0u;
    unsigned int step;

    bench_task(&sw_high, sw_high_entry, K_NULL, 1u);
    bench_task(&sw_low, sw_low_entry, K_NULL, 2u);
    for (step = 0u; step < SW_STEPS; ++step) {
        for (; created < sw_ready[step]; ++created) {
            /* Priorities 3 .. idle - 1, round robin over them. */
            bench_task(&sw_others[created], sw_other_entry, K_NULL,
                       (k_prio_t)(3u + created % (K_TASK_PRIO_IDLE - 3u)));
        }
        (void)snprintf(name, sizeof(name), "scaling-switch-%u", sw_ready[step]);
        bench_window(name, 1u, K_NULL, 0u);
    }
}
