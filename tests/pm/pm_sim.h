/*
 * Helpers of the power-management suites that drive the host simulator
 * directly (port_sim.h).
 *
 * The yardstick is the simulator's cycle counter: tick boundary b lies at
 * cycle b * k_cpu_cycle_per_tick and virtual time starts at 0 with the
 * kernel, so a kernel that neither loses nor gains a tick shows
 * tos_systick_get() == port_sim_cycles_get() / k_cpu_cycle_per_tick whenever
 * a task looks (ticked or tickless alike).
 */
#ifndef _PM_SIM_H_
#define _PM_SIM_H_

#include "pm_test.h"
#include "port_sim.h"

/* What a ticked kernel shows now: the tick boundaries passed since start. */
static inline k_tick_t pm_ticked_reference(void)
{
    return (k_tick_t)(port_sim_cycles_get() / pm_cpt());
}

#endif /* _PM_SIM_H_ */
