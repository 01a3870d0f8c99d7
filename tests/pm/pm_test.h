/*
 * Helpers shared by the power-management suites (host simulator).
 *
 * The yardstick is the simulator's cycle counter: tick boundary b lies at
 * cycle b * k_cpu_cycle_per_tick and virtual time starts at 0 with the
 * kernel, so a kernel that neither loses nor gains a tick shows
 * tos_systick_get() == port_sim_cycles_get() / k_cpu_cycle_per_tick whenever
 * a task looks (ticked or tickless alike).
 */
#ifndef _PM_TEST_H_
#define _PM_TEST_H_

#include "tos_k.h"
#include "port_sim.h"
#include "tt.h"
#include "tt_port.h"

/* Cycles of one tick. */
static inline uint64_t pm_cpt(void)
{
    return (uint64_t)k_cpu_cycle_per_tick;
}

/* What a ticked kernel shows now: the tick boundaries passed since start. */
static inline k_tick_t pm_ticked_reference(void)
{
    return (k_tick_t)(port_sim_cycles_get() / pm_cpt());
}

/* Waits for the next tick boundary, so a measurement starts at phase 0. */
static inline void pm_align(void)
{
    (void)tos_task_delay(1u);
}

/*
 * Waits until no other task has a deadline left over from an earlier case
 * (e.g. the timer task still sleeping towards a timer that was destroyed),
 * then aligns: wake-up counts of the next measurement are its own.
 */
static inline void pm_quiesce(void)
{
    k_tick_t next;

    while ((next = knl_next_expires_get()) != TOS_TIME_FOREVER) {
        (void)tos_task_delay(next > 0u ? next : 1u);
    }
    pm_align();
}

#endif /* _PM_TEST_H_ */
