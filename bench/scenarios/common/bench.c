/*
 * The harness: main(), the measuring task, the windows, the task pool and
 * the spin loop (see bench.h).
 */
#include <stdio.h>

#include "bench.h"
#include "tern_board.h"

#define BENCH_MEASURE_STK_SIZE 1024u

volatile uint32_t bench_counters[BENCH_COUNTERS_MAX];

static k_task_t bench_measure_task;
static k_stack_t bench_measure_stk[BENCH_MEASURE_STK_SIZE] __ALIGNED__(8);
static k_stack_t bench_task_stk[BENCH_TASKS_MAX][BENCH_TASK_STK_SIZE] __ALIGNED__(8);
static unsigned int bench_tasks_used;

void bench_fail(const char *what, k_err_t err)
{
    printf("BENCH-ERROR %s returned %d\n", what, (int)err);
    tern_board_exit(1);
}

void bench_task(k_task_t *task, k_task_entry_t entry, void *arg, k_prio_t prio)
{
    if (bench_tasks_used >= BENCH_TASKS_MAX) {
        printf("BENCH-ERROR more than %u tasks (BENCH_TASKS_MAX)\n", (unsigned int)BENCH_TASKS_MAX);
        tern_board_exit(1);
    }
    bench_check("tos_task_create",
                tos_task_create(task, "bench", entry, arg, prio, bench_task_stk[bench_tasks_used],
                                BENCH_TASK_STK_SIZE, 0u));
    ++bench_tasks_used;
}

static uint32_t bench_counters_sum(unsigned int n)
{
    uint32_t sum = 0u;
    unsigned int i;

    for (i = 0u; i < n; ++i) {
        sum += bench_counters[i];
    }
    return sum;
}

/*
 * Both snapshots are taken right after the tick that ends a delay woke this
 * task, the most urgent one, so they are exactly BENCH_WINDOW_TICKS ticks of
 * virtual time apart. The tick count is checked too: a window that is not
 * what it claims to be is an error, not a result.
 */
void bench_window(const char *name, unsigned int n, volatile uint32_t *excluded_counter,
                  uint32_t excluded_per_count)
{
    uint32_t count0, count1, excl0 = 0u, excl1 = 0u;
    k_tick_t tick0, tick1;

    bench_check("tos_task_delay (warm-up)", tos_task_delay(BENCH_WARMUP_TICKS));
    tick0 = tos_systick_get();
    count0 = bench_counters_sum(n);
    if (excluded_counter != K_NULL) {
        excl0 = *excluded_counter;
    }
    bench_check("tos_task_delay (window)", tos_task_delay(BENCH_WINDOW_TICKS));
    tick1 = tos_systick_get();
    count1 = bench_counters_sum(n);
    if (excluded_counter != K_NULL) {
        excl1 = *excluded_counter;
    }
    if (tick1 - tick0 != BENCH_WINDOW_TICKS || count1 == count0) {
        printf("BENCH-ERROR %s: %lu ticks, %lu iterations in the window\n", name,
               (unsigned long)(tick1 - tick0), (unsigned long)(count1 - count0));
        tern_board_exit(1);
    }
    printf("BENCH %s count=%lu window_ticks=%lu tick_hz=%lu excluded=%lu\n", name,
           (unsigned long)(count1 - count0), (unsigned long)BENCH_WINDOW_TICKS,
           (unsigned long)TOS_CFG_CPU_TICK_PER_SECOND,
           (unsigned long)((excl1 - excl0) * excluded_per_count));
}

static void bench_measure_entry(void *arg)
{
    (void)arg;
    bench_main();
    printf("BENCH-END\n");
    tern_board_exit(0);
}

int main(void)
{
    tern_board_init();
    bench_check("tos_knl_init", tos_knl_init());
    bench_check("tos_task_create (measure)",
                tos_task_create(&bench_measure_task, "measure", bench_measure_entry, K_NULL,
                                (k_prio_t)BENCH_PRIO_MEASURE, bench_measure_stk,
                                sizeof(bench_measure_stk), 0u));
    bench_check("tos_knl_start", tos_knl_start());
    return 1;
}

#if defined(__arm__)
void bench_spin(volatile uint32_t *counter)
{
    __asm__ volatile(".syntax unified\n"
                     "1:\n\t"
                     "ldr r1, [%0]\n\t"
                     "adds r1, r1, #1\n\t"
                     "str r1, [%0]\n\t"
                     "b 1b\n"
                     :
                     : "l"(counter)
                     : "r1", "memory", "cc");
    for (;;) {
    }
}
#elif defined(__riscv)
void bench_spin(volatile uint32_t *counter)
{
    __asm__ volatile("1:\n\t"
                     "lw t0, 0(%0)\n\t"
                     "addi t0, t0, 1\n\t"
                     "sw t0, 0(%0)\n\t"
                     "j 1b\n"
                     :
                     : "r"(counter)
                     : "t0", "memory");
    for (;;) {
    }
}
#else
#error "bench_spin: no loop for this architecture"
#endif
