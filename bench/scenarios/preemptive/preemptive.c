/*
 * Preemptive switching: five tasks at five priorities. The least urgent
 * counts and resumes the next more urgent one, which preempts it, counts,
 * resumes the next, and suspends itself; the most urgent only counts and
 * suspends. An iteration is one count: one resume with its preemption and
 * one suspension with its switch (four of each per five counts).
 */
#include "bench.h"

#define PRE_TASKS 5u

static k_task_t pre_tasks[PRE_TASKS];

/* Task i has priority i + 1 (0 the most urgent of them). */
static void pre_entry(void *arg)
{
    unsigned int i = (unsigned int)(uintptr_t)arg;

    for (;;) {
        if (i + 1u < PRE_TASKS) {
            bench_check("tos_task_suspend", tos_task_suspend(K_NULL));
        }
        ++bench_counters[i];
        if (i > 0u) {
            bench_check("tos_task_resume", tos_task_resume(&pre_tasks[i - 1u]));
        }
    }
}

void bench_main(void)
{
    unsigned int i;

    for (i = 0u; i < PRE_TASKS; ++i) {
        bench_task(&pre_tasks[i], pre_entry, (void *)(uintptr_t)i, (k_prio_t)(i + 1u));
    }
    bench_window("preemptive", PRE_TASKS, K_NULL, 0u);
    for (i = 1u; i < PRE_TASKS; ++i) {
        if (bench_counters[i] + 1u < bench_counters[0] ||
            bench_counters[i] > bench_counters[0] + 1u) {
            bench_check("preemptive: the chain is broken", K_ERR_OBJ_INVALID);
        }
    }
}
