/*
 * Helpers shared by every power-management suite, on every platform (host
 * simulator, Cortex-M and RISC-V under QEMU). The host-only suites add the
 * simulator's yardstick (pm_sim.h), the portable ones the reference clock
 * (pm_ref.h).
 */
#ifndef _PM_TEST_H_
#define _PM_TEST_H_

#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

/* Cycles of one tick. */
static inline uint64_t pm_cpt(void)
{
    return (uint64_t)k_cpu_cycle_per_tick;
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

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/* The statistics of `mode`, which the kernel always has. */
static inline void pm_stats_of(k_cpu_lpwr_mode_t mode, k_pm_stats_t *st)
{
    TT_ASSERT_ERR(tos_pm_stats_get(mode, st), K_ERR_NONE);
}

/* Installs `alarm` for every low-power mode. */
static inline void pm_modes_install(k_tickless_wkup_alarm_t *alarm)
{
    k_cpu_lpwr_mode_t mode;

    for (mode = TOS_LOW_POWER_MODE_SLEEP; mode < __LOW_POWER_MODE_DUMMY;
         mode = (k_cpu_lpwr_mode_t)(mode + 1)) {
        tos_tickless_wkup_alarm_install(mode, alarm);
    }
}
#endif

#endif /* _PM_TEST_H_ */
