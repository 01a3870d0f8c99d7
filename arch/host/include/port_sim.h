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
 *    jumps straight to the next kernel deadline or scheduled interrupt),
 *    when the CPU sleeps tickless (it jumps to the wake-up timer or an
 *    earlier interrupt) and when a task calls port_sim_cycles_burn(). Fully
 *    deterministic: no signals, no timer thread. Real clock: the tick
 *    follows the wall clock (for demos).
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

/* "Never" for port_sim_irq_raise_at(). */
#define PORT_SIM_NEVER UINT64_MAX

/*
 * Schedules a raise of interrupt `irq` (1 .. PORT_SIM_IRQ_MAX - 1) when the
 * clock reaches cycle `cycle` (the scale of port_sim_cycles_get()), as a
 * device with its own timer would: virtual time advances in steps that stop
 * there, also while the CPU idles or sleeps tickless, so the interrupt can
 * land anywhere inside a tick. A cycle already reached raises at once;
 * PORT_SIM_NEVER cancels. One schedule per irq: a new call replaces the
 * previous one, and an ISR may schedule its own next raise. With the real
 * clock the raise happens at the first tick boundary at or after the cycle
 * (at the cycle itself while the CPU sleeps tickless). Ignored from a
 * foreign thread and for the tick.
 */
void port_sim_irq_raise_at(unsigned irq, uint64_t cycle);

/*
 * Times the simulated CPU woke up from waiting for an interrupt since
 * tos_knl_init(): each end of a tickless sleep counts one; an idle wait with
 * the tick running counts one per tick boundary it spans (a ticked CPU wakes
 * at every tick), plus one for an interrupt between boundaries. Thread-safe.
 */
uint64_t port_sim_wakeups_get(void);

/*
 * The wake-up timer of tickless idle: a one-shot compare on the cycle
 * counter, reaching at most PORT_SIM_WKUP_MAX_DEFAULT cycles ahead unless
 * changed. The port's alarm object port_tickless_wkup_alarm (port.h) is
 * built from these functions; a BSP may also wrap them in its own alarm.
 */
#define PORT_SIM_WKUP_MAX_DEFAULT 0xFFFFFFFFull

/* Sets the timer's reach in cycles (0: the default). CPU holder only. */
void port_sim_wkup_max_set(uint64_t cycles);
/* 0 (nothing to prepare); -1 from a foreign thread. */
int port_sim_wkup_init(void);
/* The reach in whole milliseconds. */
uint32_t port_sim_wkup_max_delay(void);
/*
 * Original API: arm a wake-up `ms` milliseconds from now. 0, or -1 when
 * refused: foreign caller, beyond the reach, or no kernel deadline and no
 * scheduled interrupt (nothing but the timer could end the sleep: the idle
 * task waits ticked instead, where the simulator recognises a deadlock).
 */
int port_sim_wkup_setup(uint32_t ms);
/*
 * Exact API: stop the periodic tick and arm a wake-up `cycles` cycles after
 * the last tick boundary the kernel was given (a due, undelivered tick is
 * folded into the measurement). 0, or -1 when refused (as above, or 0 cycles).
 */
int port_sim_wkup_setup_cycles(uint64_t cycles);
/* Exact API: cycles from that boundary until now (0 when not armed exactly). */
uint64_t port_sim_wkup_elapsed_cycles(void);
/*
 * Disarms the timer. After an exact sleep the kernel has credited the whole
 * ticks of the last elapsed value; the tick restarts on its grid and any
 * boundary passed after that reading is delivered as a tick. Returns 0.
 */
int port_sim_wkup_dismiss(void);

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
