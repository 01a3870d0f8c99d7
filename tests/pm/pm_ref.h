/*
 * Helpers of the power-management suites that run on every platform
 * (host simulator, Cortex-M and RISC-V under QEMU): time is judged against
 * the platform's reference clock (tt_port.h), a counter the kernel does not
 * use.
 *
 * pm_ref_start() finds where tick boundary 0 lies on that clock and
 * installs the port's alarm for every mode, wrapped so that its sleeps are
 * counted. From then on boundary b of the kernel's tick count must lie at
 * pm_ref_zero + b * k_cpu_cycle_per_tick, give or take what the platform
 * allows: tt_clock_jitter() for reading two counters one after the other,
 * and tt_clock_sleep_slack() per sleep (an emulator's rounding; 0 where
 * the grid cannot move).
 *
 * Needs TOS_CFG_PWR_MGR_EN and TOS_CFG_TICKLESS_EN.
 */
#ifndef _PM_REF_H_
#define _PM_REF_H_

#include "pm_test.h"

/*
 * The host simulator keeps time to the cycle and counts every wake-up of
 * the CPU (port_sim.h); tests/pm/CMakeLists.txt defines PM_REF_EXACT there.
 * The suites then also assert the exact instants, sleep lengths and
 * wake-up counts, which elsewhere move by interrupt latency or are not
 * counted at all.
 */
#ifdef PM_REF_EXACT
#include "port_sim.h"
#endif

/* Whether this platform keeps time to the cycle (the checks of PM_REF_EXACT apply). */
static inline int pm_exact(void)
{
#ifdef PM_REF_EXACT
    return 1;
#else
    return 0;
#endif
}

/* Wake-ups of the CPU so far where they are counted (pm_exact()), else 0. */
static inline uint64_t pm_wakeups(void)
{
#ifdef PM_REF_EXACT
    return port_sim_wakeups_get();
#else
    return 0u;
#endif
}

/* Where boundary 0 lies on the reference clock, and sleeps since that was measured. */
static uint64_t pm_ref_zero;
static volatile uint32_t pm_ref_sleeps;

/* The port's alarm, counting the sleeps it arms. */
static k_tickless_wkup_alarm_t pm_ref_alarm;

static int pm_ref_setup_cycles(uint64_t cycles)
{
    int rc = port_tickless_wkup_alarm.setup_cycles(cycles);

    if (rc == 0) {
        ++pm_ref_sleeps;
    }
    return rc;
}

/* Installs the counting alarm and measures boundary 0. */
static inline void pm_ref_start(void)
{
    pm_ref_alarm = port_tickless_wkup_alarm;
    pm_ref_alarm.setup_cycles = pm_ref_setup_cycles;
    pm_modes_install(&pm_ref_alarm);
    pm_ref_sleeps = 0u;
    pm_ref_zero = tt_clock_tick_zero();
}

/* Puts the port's own alarm back. */
static inline void pm_ref_stop(void)
{
    pm_modes_install(&port_tickless_wkup_alarm);
}

/* Reference cycle of tick boundary `tick`. */
static inline uint64_t pm_ref_cycle_of(k_tick_t tick)
{
    return pm_ref_zero + (uint64_t)tick * pm_cpt();
}

/* How far boundary 0 may have moved by now. */
static inline uint64_t pm_ref_tolerance(void)
{
    return (uint64_t)tt_clock_jitter() + (uint64_t)tt_clock_sleep_slack() * pm_ref_sleeps;
}

/*
 * Does the kernel's tick count agree with the reference clock now? The two
 * are read one after the other with interrupts masked; they may disagree
 * only within pm_ref_tolerance() cycles of a boundary.
 */
static inline int pm_ref_agrees(void)
{
    TOS_CPU_CPSR_ALLOC();
    uint64_t slack = pm_ref_tolerance();
    uint64_t since;
    k_tick_t tick;

    TOS_CPU_INT_DISABLE();
    tick = tos_systick_get();
    since = tt_clock_get() - pm_ref_zero;
    TOS_CPU_INT_ENABLE();
    return since + slack >= (uint64_t)tick * pm_cpt() &&
           since < ((uint64_t)tick + 1u) * pm_cpt() + slack;
}

/* Cycles by which boundary 0 has moved on the reference clock since pm_ref_start(). */
static inline uint64_t pm_ref_drift(void)
{
    uint64_t zero = tt_clock_tick_zero();

    return zero > pm_ref_zero ? zero - pm_ref_zero : pm_ref_zero - zero;
}

#endif /* _PM_REF_H_ */
