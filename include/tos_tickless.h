/*
 * Tickless idle (contract §33; Tern extensions marked).
 *
 * When nothing is ready, the idle task stops the periodic tick, programs a
 * one-shot wake-up alarm no later than the next kernel deadline (bounded by
 * the alarm's maximum; longer sleeps are split), and sleeps in the selected
 * low-power mode. On wake-up, at the deadline or earlier because of another
 * interrupt, it credits the kernel with the ticks that really passed.
 *
 * Exact time keeping (contract §40.49, fixed): an alarm that also provides
 * the Tern extension methods setup_cycles/elapsed_cycles measures the time
 * the CPU really slept on its counter; the kernel credits exactly the whole
 * ticks in it and the sub-tick remainder stays on the tick timer's grid, so
 * tos_systick_get() always equals what a ticked kernel would show. An alarm
 * written for the original API (only init/setup/dismiss/max_delay) cannot
 * say how long the CPU slept: the kernel then credits the planned sleep, as
 * the original does. See docs/power.md.
 */
#ifndef _TOS_TICKLESS_H_
#define _TOS_TICKLESS_H_

__CDECLS_BEGIN

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

/*
 * A wake-up source for one low-power mode. Durations of the original methods
 * are in milliseconds; "cycles" are the tick timer's cycles, the unit of
 * k_cpu_cycle_per_tick (an alarm counting another clock converts, carrying
 * its own conversion remainder).
 */
typedef struct k_tickless_wkup_alarm_st {
    /* Prepares the alarm (tos_tickless_wkup_alarm_init()); 0 on success. */
    int (*init)(void);
    /* Original API: one-shot wake-up `millisecond` ms from now; 0 on success. */
    int (*setup)(k_time_t millisecond);
    /* Disarms the alarm after the sleep; for an exact alarm also hands time
     * keeping back to the periodic tick (see elapsed_cycles). */
    int (*dismiss)(void);
    /* The longest wake-up it can program, in ms. */
    k_time_t (*max_delay)(void);

    /* ---- Tern extension: exact time keeping (NULL when absent) ---------- */

    /*
     * Takes over time keeping from the periodic tick (stops it, folding a
     * tick that is due but not yet delivered into the measurement) and arms
     * a one-shot wake-up `cycles` cycles after the last tick boundary the
     * kernel was credited with; the kernel passes a whole number of ticks
     * whose wake-up lies at most max_delay() ms ahead. 0 on success; on
     * failure the tick keeps running and the kernel does not sleep tickless.
     */
    int (*setup_cycles)(uint64_t cycles);
    /*
     * Cycles from that tick boundary until now, read from the free-running
     * or reload counter that kept running while the CPU slept. Valid between
     * setup_cycles() and dismiss(). The kernel credits floor(e /
     * k_cpu_cycle_per_tick) ticks for the last value e it read; dismiss()
     * restarts the periodic tick so that its next interrupt marks the first
     * boundary after those (the remainder is carried forward on the grid).
     */
    uint64_t (*elapsed_cycles)(void);
} k_tickless_wkup_alarm_t;

/* The alarm installed for each mode (NULL: none). */
extern k_tickless_wkup_alarm_t *k_tickless_wkup_alarm[__LOW_POWER_MODE_DUMMY];

/*
 * Selects the low-power mode of tickless idle. NONE keeps the tick running.
 * Only exists with tickless enabled (contract §40.50).
 * Errors, in this order: K_ERR_KNL_FOREIGN_CONTEXT (host simulator),
 * K_ERR_PM_WKUP_SOURCE_NOT_INSTALL (a mode other than NONE without an
 * installed alarm, or out of range).
 */
__API__ k_err_t tos_pm_cpu_lpwr_mode_set(k_cpu_lpwr_mode_t cpu_lpwr_mode);

/*
 * Installs (NULL: removes) the wake-up alarm of `mode`. No checks (contract);
 * Tern ignores an out-of-range mode and calls from a foreign thread.
 */
__API__ void tos_tickless_wkup_alarm_install(k_cpu_lpwr_mode_t mode,
                                             k_tickless_wkup_alarm_t *wkup_alarm);

/*
 * Calls the init method of the alarm of `mode`.
 * Errors, in this order: K_ERR_KNL_FOREIGN_CONTEXT,
 * K_ERR_TICKLESS_WKUP_ALARM_NOT_INSTALLED (none installed, or mode out of
 * range), K_ERR_TICKLESS_WKUP_ALARM_NO_INIT (no init method),
 * K_ERR_TICKLESS_WKUP_ALARM_INIT_FAILED (init returned non-zero).
 */
__API__ k_err_t tos_tickless_wkup_alarm_init(k_cpu_lpwr_mode_t mode);

/*
 * Hook the BSP implements (mandatory, contract §40.50); tos_knl_init() calls
 * it after switching the idle task to tickless. Typical body: install and
 * init an alarm per mode, then tos_pm_cpu_lpwr_mode_set(). Result ignored.
 */
__API__ int tos_bsp_tickless_setup(void);

/* ---- kernel-internal (contract §33.2 names) ------------------------------ */

__KNL__ int tickless_wkup_alarm_is_installed(k_cpu_lpwr_mode_t mode);
/* tos_knl_init(): idle power mode TICKLESS, then the BSP hook. */
__KNL__ void tickless_init(void);
/* One tickless idle step (idle task, interrupts enabled on entry and exit). */
__KNL__ void tickless_proc(void);

#endif /* TOS_CFG_PWR_MGR_EN && TOS_CFG_TICKLESS_EN */

__CDECLS_END

#endif /* _TOS_TICKLESS_H_ */
