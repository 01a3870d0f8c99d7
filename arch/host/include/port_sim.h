/*
 * The host simulator's own API: simulated interrupts, the two clocks, and
 * test hooks. Not part of the kernel contract; include it explicitly.
 *
 * Why it exists: on a board, devices raise interrupts and a crystal makes
 * time pass. On the host, tests and demos have to do both themselves, and
 * they can observe what only a simulator can offer (virtual cycles, a
 * deadlock report instead of a hang).
 *
 * Model (details in arch/host/README.md):
 *  - One simulated CPU. Every task runs on its own OS thread, but only the
 *    thread holding the CPU runs; all others are parked.
 *  - Interrupts 0..31. A smaller priority number is more urgent. Irq 0 is
 *    the system tick (priority TOS_CFG_CPU_SYSTICK_PRIO, 0 by default, i.e.
 *    most urgent) and cannot be connected by the application.
 *  - An ISR runs on the thread that holds the CPU, as an interruption of
 *    whatever runs there: immediately when raised there with interrupts
 *    unmasked and more urgent than the running ISR (nesting), otherwise when
 *    the mask is lifted or the running ISR returns. Kernel-aware ISRs
 *    bracket their body with tos_knl_irq_enter()/tos_knl_irq_leave(); a task
 *    switch they cause happens after the outermost ISR returned.
 *  - Virtual clock (default): time only moves when the idle task runs (it
 *    jumps straight to the next kernel deadline) and when a task calls
 *    port_sim_cycles_burn(). Fully deterministic: no signals, no timer
 *    thread. Real clock: the tick follows the wall clock (for demos).
 */
#ifndef _PORT_SIM_H_
#define _PORT_SIM_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PORT_SIM_CLOCK_VIRTUAL 0
#define PORT_SIM_CLOCK_REAL    1

/* Interrupt numbers are 0 .. PORT_SIM_IRQ_MAX - 1. */
#define PORT_SIM_IRQ_MAX 32u
/* The system tick; reserved. */
#define PORT_SIM_IRQ_TICK 0u
/* Priorities are 0 (most urgent) .. PORT_SIM_IRQ_PRIO_LOWEST. */
#define PORT_SIM_IRQ_PRIO_LOWEST 255u

/*
 * Selects the clock. Effective only before tos_knl_init(); later calls are
 * ignored. Unknown modes select the virtual clock. The host board calls it
 * from tern_board_init() with the value of the environment variable
 * TERN_CLOCK ("virtual" or "real").
 */
void port_sim_clock_set(int mode);

/* The clock in use: PORT_SIM_CLOCK_VIRTUAL or PORT_SIM_CLOCK_REAL. */
int port_sim_clock_get(void);

/*
 * Connects `isr` to interrupt `irq` (1 .. PORT_SIM_IRQ_MAX - 1) with
 * priority `prio` (0 .. PORT_SIM_IRQ_PRIO_LOWEST); a NULL isr disconnects.
 * Call it from main() or from a task, not from a foreign thread.
 * Returns 0, or -1 for an invalid irq or priority or a foreign caller.
 */
int port_sim_irq_connect(unsigned irq, void (*isr)(void), unsigned prio);

/*
 * Marks interrupt `irq` pending. Callable from task code, from an ISR and
 * from any OS thread. From the thread holding the CPU with interrupts
 * unmasked, a deliverable ISR runs before this returns. From a foreign
 * thread it is delivered at the running context's next delivery point
 * (lifting the interrupt mask, burning cycles, idling). Raising an irq that
 * has no ISR just discards it. Out-of-range irqs are ignored.
 */
void port_sim_irq_raise(unsigned irq);

/*
 * Bookkeeping of foreign OS threads that may still raise interrupts: add 1
 * before starting such a thread, subtract 1 once it raised its last one.
 * While the count is positive, an idle CPU with no kernel deadline waits for
 * an interrupt instead of reporting a deadlock. Thread-safe.
 */
void port_sim_foreign_raisers(int delta);

/*
 * The calling task consumes `cycles` CPU cycles. Virtual clock: time
 * advances by that much and every k_cpu_cycle_per_tick cycles the tick
 * interrupt is raised synchronously (a busy task is preempted at exact,
 * reproducible points). Real clock: the task keeps the CPU for the
 * equivalent wall time. Ignored from a foreign thread.
 */
void port_sim_cycles_burn(uint32_t cycles);

/*
 * Simulated CPU cycles since tos_knl_init(). Virtual clock: burned cycles
 * plus the time idle jumps skipped (ticks land on multiples of
 * k_cpu_cycle_per_tick). Real clock: wall time converted at
 * TOS_CFG_CPU_CLOCK. Thread-safe.
 */
uint64_t port_sim_cycles_get(void);

/*
 * Replaces the reaction to a deadlock (every task blocked forever: no
 * kernel deadline, no pending interrupt, no foreign raiser). Default (NULL):
 * print a diagnostic listing the tasks to stderr and exit(3). A handler
 * runs in the idle task with interrupts enabled and must make progress
 * (e.g. resume a task or raise an interrupt); a deadlock that recurs with no
 * task switch and no interrupt in between ends the process as the default.
 */
void port_sim_set_deadlock_handler(void (*fn)(void));

#ifdef __cplusplus
}
#endif

#endif /* _PORT_SIM_H_ */
