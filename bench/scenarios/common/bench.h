/*
 * The measurement harness every scenario shares (bench/README.md).
 *
 * A scenario is a small application: its own tos_config.h, one C file that
 * uses the public kernel API only, and bench_main(). The harness owns
 * main(): it boots the board and the kernel and runs bench_main() in the
 * measuring task, the most urgent task (priority BENCH_PRIO_MEASURE).
 * bench_main() creates the workload at less urgent priorities and calls
 * bench_window() once per result; the workload counts iterations in
 * bench_counters[].
 *
 * Why it is built this way: under QEMU -icount every instruction advances
 * virtual time by the same amount, so a window of W ticks of a CPU that
 * never sleeps is exactly W * (instructions per tick) instructions. The
 * measuring task sleeps through the windows (tos_task_delay) and reads the
 * counters when the tick wakes it, so the window always starts and ends on
 * a tick and the measurement adds two wake-ups per window, nothing per
 * iteration. The runner (bench/run.sh) turns the printed counts into
 * instructions per iteration.
 */
#ifndef _BENCH_H_
#define _BENCH_H_

#include <stdint.h>

#include "tos_k.h"

/* Ticks of warm-up and of measurement (run.sh sets them; --smoke shortens them). */
#ifndef BENCH_WARMUP_TICKS
#define BENCH_WARMUP_TICKS 100u
#endif
#ifndef BENCH_WINDOW_TICKS
#define BENCH_WINDOW_TICKS 1000u
#endif

#define BENCH_PRIO_MEASURE 0u
#define BENCH_COUNTERS_MAX 8u

/* Iteration counters of the workload, summed by bench_window(). */
extern volatile uint32_t bench_counters[BENCH_COUNTERS_MAX];

/* Written by the scenario: creates the workload and measures it. */
void bench_main(void);

/*
 * Lets the workload warm up, then counts for BENCH_WINDOW_TICKS: prints
 * "BENCH <name> count=<sum of counters[0..n)> window_ticks=<W>
 * excluded=<instructions>" where excluded is what *excluded_counter counted
 * in the window times excluded_per_count (instructions the result must not
 * include, e.g. a background loop standing in for idle; K_NULL for none).
 */
void bench_window(const char *name, unsigned int n, volatile uint32_t *excluded_counter,
                  uint32_t excluded_per_count);

/* Reports a failed kernel call (what, err) and ends the program with status 1. */
__NO_RETURN__ void bench_fail(const char *what, k_err_t err);

/*
 * Checks a kernel call's result. Inline so that a passing check costs what
 * an application's own check does (a compare and a branch), not a call.
 */
static inline void bench_check(const char *what, k_err_t err)
{
    if (err != K_ERR_NONE) {
        bench_fail(what, err);
    }
}

/* Creates a task or ends the program; stack from the harness's stack pool. */
void bench_task(k_task_t *task, k_task_entry_t entry, void *arg, k_prio_t prio);

/* Bytes of stack bench_task() gives each task. */
#ifndef BENCH_TASK_STK_SIZE
#define BENCH_TASK_STK_SIZE (K_TASK_STK_SIZE_MIN + 256u)
#endif
/* Tasks bench_task() can create in all. */
#ifndef BENCH_TASKS_MAX
#define BENCH_TASKS_MAX 8u
#endif

/*
 * Loops forever counting in *counter, exactly four instructions per count
 * (load, add, store, branch: written in assembly so that the compiler cannot
 * change it). A task running it at the least urgent priority stands in for
 * idle; its count times 4 is the time nothing else ran.
 */
__NO_RETURN__ void bench_spin(volatile uint32_t *counter);
#define BENCH_SPIN_INSTRUCTIONS 4u

/* ---- the software interrupt (bench_irq.c, per architecture) ------------ */

/*
 * Connects isr to the benchmark's interrupt line, at a priority that may
 * call the kernel (the least urgent level that is still more urgent than
 * the context switch). isr brackets its kernel calls with
 * tos_knl_irq_enter()/tos_knl_irq_leave().
 */
void bench_irq_connect(void (*isr)(void));

/* Sets the line pending (NVIC set-pending on ARM, the port's line on RISC-V). */
void bench_irq_raise(void);

#endif /* _BENCH_H_ */
