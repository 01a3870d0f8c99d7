/*
 * Boot, reset and the small CPU services of the host simulator.
 *
 * Why it is built this way: cpu_init() is the kernel's first call into the
 * port, so it is where the simulator fixes its configuration (the clock mode
 * chosen by the board), claims the calling thread as the boot context that
 * holds the simulated CPU until tos_knl_start(), and wires the tick. Reset
 * has no hardware to reset: it ends the process, after flushing stdio so
 * that no test output is lost. Count-leading-zeros is portable C (five
 * halving steps, constant time) so that the port has no compiler-specific
 * code at all.
 */
#include <stdio.h>
#include <stdlib.h>

#include "port_sim_internal.h"

__PORT__ void port_init(void)
{
    if (sim_self() == NULL) {
        sim_fatal("tos_knl_init() called while another thread holds the simulated CPU");
    }
    sim_clock_init();
}

__KNL__ void cpu_init(void)
{
    port_init();
    k_cpu_cycle_per_tick = (k_cycle_t)(TOS_CFG_CPU_CLOCK / k_cpu_tick_per_second);
    cpu_systick_init(k_cpu_cycle_per_tick);
#if TOS_CFG_EVENT_DRIVEN_EN > 0u
    /* No tos_knl_start() in this mode: the clock runs from here (ticks before
     * tos_evtdrv_sys_start() are dropped by the tick handler). */
    sim_clock_start();
#endif
}

__PORT__ __NO_RETURN__ void port_cpu_reset(void)
{
    fflush(NULL);
    exit(0);
}

/* The status of a fatal diagnosis, as on the emulated boards (134 = SIGABRT's shell status). */
__KNL__ __NO_RETURN__ void cpu_fatal_halt(void)
{
    fflush(NULL);
    exit(134);
}

__KNL__ void cpu_reset(void)
{
    port_cpu_reset();
}

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
/* The host has no fault status registers: a crash is the host's to report. */
__KNL__ void cpu_fault_diagnosis(void)
{
}

__KNL__ void cpu_flush_fpu(void)
{
}
#endif
