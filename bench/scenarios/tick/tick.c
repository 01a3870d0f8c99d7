/*
 * Tick cost: one task loops on tos_task_delay(1) at 1 kHz. The idle task
 * would sleep (and a sleeping CPU executes nothing while virtual time
 * runs on), so a task at the least urgent application priority spins in
 * bench_spin() instead: every instruction of the window is then either
 * that loop's, counted exactly, or "outside idle". An iteration is one
 * loop: the tick interrupt, the wake-up and switch, the delay call and the
 * switch back.
 */
#include "bench.h"

static k_task_t tick_worker, tick_background;
static volatile uint32_t tick_spins;

static void tick_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_task_delay", tos_task_delay(1u));
        ++bench_counters[0];
    }
}

static void background_entry(void *arg)
{
    (void)arg;
    bench_spin(&tick_spins);
}

void bench_main(void)
{
    bench_task(&tick_worker, tick_entry, K_NULL, 1u);
    bench_task(&tick_background, background_entry, K_NULL, (k_prio_t)(K_TASK_PRIO_IDLE - 1u));
    bench_window("tick", 1u, &tick_spins, BENCH_SPIN_INSTRUCTIONS);
}
