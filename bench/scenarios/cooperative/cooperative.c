/*
 * Cooperative switching: five tasks of equal priority each count and call
 * tos_task_yield(); an iteration is one pass of one task (one yield and the
 * switch to the next task).
 */
#include "bench.h"

#define COOP_TASKS 5u

static k_task_t coop_tasks[COOP_TASKS];

static void coop_entry(void *arg)
{
    volatile uint32_t *counter = arg;

    for (;;) {
        ++*counter;
        tos_task_yield();
    }
}

void bench_main(void)
{
    unsigned int i;

    for (i = 0u; i < COOP_TASKS; ++i) {
        bench_task(&coop_tasks[i], coop_entry, (void *)&bench_counters[i], 1u);
    }
    bench_window("cooperative", COOP_TASKS, K_NULL, 0u);
    for (i = 1u; i < COOP_TASKS; ++i) {
        if (bench_counters[i] + 1u < bench_counters[0] || bench_counters[i] > bench_counters[0]) {
            bench_check("cooperative: the tasks did not take turns", K_ERR_OBJ_INVALID);
        }
    }
}
