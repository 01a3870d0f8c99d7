/*
 * Tickless idle (contract §33.3, with §40.49 fixed): the idle task stops the
 * periodic tick and sleeps until the next kernel deadline.
 *
 * Why it is built this way:
 *  - Everything from "is anything ready?" to "credit the time" runs with
 *    interrupts disabled. The low-power mode is entered with interrupts
 *    disabled too (WFI semantics: a pending interrupt still ends the sleep),
 *    so an interrupt that wakes the CPU early is serviced only after the
 *    kernel's clock has been corrected: its ISR sees the right time, and a
 *    task it wakes starts its next delay from the right tick.
 *  - The time is measured, not assumed: an exact alarm reports the cycles
 *    of its counter since the last tick boundary, the kernel credits the
 *    whole ticks in them, and the alarm restarts the periodic tick on the
 *    same grid so the remainder is carried forward. After any mix of early
 *    and timed wake-ups, tos_systick_get() is what a ticked kernel shows.
 *  - The wake-up is planned in whole ticks: at the boundary of the first
 *    deadline, never later, and never further than the alarm can reach
 *    (longer sleeps are split: the idle loop simply sleeps again).
 *  - The credited ticks are delivered as the tick interrupt would deliver
 *    them: inside an ISR bracket, so procedure-mode timer callbacks run in
 *    interrupt context and the switch to a woken task happens when the idle
 *    task enables interrupts again.
 *  - An alarm written for the original API (no setup_cycles/elapsed_cycles)
 *    cannot measure; for it the original behaviour remains: the periodic
 *    tick is stopped with the contract's port hooks and the planned sleep
 *    is credited.
 */
#include "knl_private.h"

#if TOS_CFG_TICKLESS_EN > 0u && TOS_CFG_PWR_MGR_EN > 0u

k_tickless_wkup_alarm_t *k_tickless_wkup_alarm[__LOW_POWER_MODE_DUMMY];

/* What one idle step ended with. */
typedef enum tickless_outcome_en {
    TICKLESS_SLEPT, /* slept tickless; the credited ticks are in the plan */
    TICKLESS_READY, /* a task is ready: return, the switch follows */
    TICKLESS_TICKED /* no tickless sleep possible now: wait with the tick running */
} tickless_outcome_t;

typedef struct tickless_plan_st {
    k_cpu_lpwr_mode_t mode;
    k_tickless_wkup_alarm_t *alarm;
    k_tick_t ticks;  /* planned sleep, whole ticks from the last credited boundary */
    k_time_t ms;     /* the same for an alarm of the original API */
    k_tick_t credit; /* ticks to credit after the sleep */
} tickless_plan_t;

static int tickless_mode_is_valid(k_cpu_lpwr_mode_t mode)
{
    return (unsigned int)mode < (unsigned int)__LOW_POWER_MODE_DUMMY;
}

__KNL__ int tickless_wkup_alarm_is_installed(k_cpu_lpwr_mode_t mode)
{
    return tickless_mode_is_valid(mode) && k_tickless_wkup_alarm[mode] != K_NULL;
}

/* ---- API ----------------------------------------------------------------- */

__API__ void tos_tickless_wkup_alarm_install(k_cpu_lpwr_mode_t mode,
                                             k_tickless_wkup_alarm_t *wkup_alarm)
{
    TOS_CPU_CPSR_ALLOC();

    if (!cpu_is_foreign_context() && tickless_mode_is_valid(mode)) {
        TOS_CPU_INT_DISABLE();
        k_tickless_wkup_alarm[mode] = wkup_alarm;
        TOS_CPU_INT_ENABLE();
    }
}

__API__ k_err_t tos_tickless_wkup_alarm_init(k_cpu_lpwr_mode_t mode)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && !tickless_wkup_alarm_is_installed(mode)) {
        err = K_ERR_TICKLESS_WKUP_ALARM_NOT_INSTALLED;
    }
    if (err == K_ERR_NONE && k_tickless_wkup_alarm[mode]->init == K_NULL) {
        err = K_ERR_TICKLESS_WKUP_ALARM_NO_INIT;
    }
    if (err == K_ERR_NONE && k_tickless_wkup_alarm[mode]->init() != 0) {
        err = K_ERR_TICKLESS_WKUP_ALARM_INIT_FAILED;
    }
    return err;
}

__API__ k_err_t tos_pm_cpu_lpwr_mode_set(k_cpu_lpwr_mode_t cpu_lpwr_mode)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && cpu_lpwr_mode != TOS_LOW_POWER_MODE_NONE &&
        !tickless_wkup_alarm_is_installed(cpu_lpwr_mode)) {
        err = K_ERR_PM_WKUP_SOURCE_NOT_INSTALL;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        k_cpu_lpwr_mode = cpu_lpwr_mode;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__KNL__ void tickless_init(void)
{
    pm_idle_pwr_mgr_mode_set(IDLE_POWER_MANAGER_MODE_TICKLESS);
    (void)tos_bsp_tickless_setup();
}

/* ---- planning ---------------------------------------------------------------- */

/* An alarm that measures the sleep (Tern extension) and can hand the tick back. */
static int tickless_alarm_is_exact(const k_tickless_wkup_alarm_t *alarm)
{
    return alarm->setup_cycles != K_NULL && alarm->elapsed_cycles != K_NULL &&
           alarm->dismiss != K_NULL;
}

/*
 * The mode to sleep in: the configured one, made shallower by stay-awake
 * requests and, if needed, until a mode with an alarm is found.
 */
static k_cpu_lpwr_mode_t tickless_mode_pick(void)
{
    k_cpu_lpwr_mode_t mode = pm_mode_allowed(k_cpu_lpwr_mode);

    while (mode != TOS_LOW_POWER_MODE_NONE && !tickless_wkup_alarm_is_installed(mode)) {
        mode = (k_cpu_lpwr_mode_t)(mode - 1);
    }
    return mode;
}

static k_time_t tickless_max_ms(const k_tickless_wkup_alarm_t *alarm)
{
    return alarm->max_delay != K_NULL ? alarm->max_delay() : (k_time_t)0u;
}

/* Whole ticks within the alarm's reach (its maximum, in ms, converted exactly). */
static k_tick_t tickless_max_ticks(const k_tickless_wkup_alarm_t *alarm)
{
    uint64_t ms = tickless_max_ms(alarm);
    uint64_t per_second = (uint64_t)k_cpu_cycle_per_tick * (uint64_t)k_cpu_tick_per_second;
    uint64_t cycles = ms / 1000u * per_second + ms % 1000u * per_second / 1000u;

    return k_cpu_cycle_per_tick > 0u ? (k_tick_t)(cycles / k_cpu_cycle_per_tick) : (k_tick_t)0u;
}

/* Original API: the sleep in ms, min(max_delay, deadline) (contract §33.3). */
static k_time_t tickless_plan_ms(const k_tickless_wkup_alarm_t *alarm, k_tick_t ticks)
{
    k_time_t ms = tickless_max_ms(alarm);
    k_tick_t reach = (k_tick_t)ms * k_cpu_tick_per_second / K_TIME_MILLISEC_PER_SEC;

    if (ticks != TOS_TIME_FOREVER && ticks <= reach) {
        ms = (k_time_t)(ticks * K_TIME_MILLISEC_PER_SEC / k_cpu_tick_per_second);
    }
    return ms;
}

/* Fills *plan; zero if no tickless sleep is possible (ticked wait instead). */
static int tickless_plan_make(tickless_plan_t *plan)
{
    k_tick_t next = knl_next_expires_get();

    /* Something already due is serviced on the next tick: sleep until it. */
    plan->ticks = next > 0u ? next : (k_tick_t)1u;
    plan->mode = tickless_mode_pick();
    plan->alarm = K_NULL;
    plan->ms = (k_time_t)0u;
    plan->credit = (k_tick_t)0u;
    if (plan->mode != TOS_LOW_POWER_MODE_NONE) {
        plan->alarm = k_tickless_wkup_alarm[plan->mode];
        if (tickless_alarm_is_exact(plan->alarm)) {
            k_tick_t reach = tickless_max_ticks(plan->alarm);

            plan->ticks = plan->ticks < reach ? plan->ticks : reach;
        } else {
            plan->ms = tickless_plan_ms(plan->alarm, plan->ticks);
            plan->ticks = (k_tick_t)plan->ms * k_cpu_tick_per_second / K_TIME_MILLISEC_PER_SEC;
        }
    }
    return plan->mode != TOS_LOW_POWER_MODE_NONE && plan->ticks > 0u;
}

/* ---- sleeping ------------------------------------------------------------------ */

/* Measured sleep (Tern): the alarm reports where in time the CPU woke. */
static tickless_outcome_t tickless_sleep_exact(tickless_plan_t *plan)
{
    k_tickless_wkup_alarm_t *alarm = plan->alarm;
    uint64_t planned = (uint64_t)plan->ticks * k_cpu_cycle_per_tick;
    uint64_t before;
    uint64_t after;
    tickless_outcome_t outcome = TICKLESS_TICKED;

    if (alarm->setup_cycles(planned) == 0) {
        before = alarm->elapsed_cycles(); /* the part of the tick already gone */
        pm_cpu_lpwr_mode_enter(plan->mode);
        after = alarm->elapsed_cycles();
        (void)alarm->dismiss();
        plan->credit = (k_tick_t)(after / k_cpu_cycle_per_tick);
        pm_stats_sleep(plan->mode, after - before, after < planned);
        outcome = TICKLESS_SLEPT;
    }
    return outcome;
}

/* Original API (§33.3): cannot measure, credits the planned sleep (§40.49). */
static tickless_outcome_t tickless_sleep_planned(tickless_plan_t *plan)
{
    k_tickless_wkup_alarm_t *alarm = plan->alarm;
    tickless_outcome_t outcome = TICKLESS_TICKED;

    if (alarm->setup != K_NULL) {
        cpu_systick_suspend();
        cpu_systick_pending_reset();
        if (alarm->setup(plan->ms) == 0) {
            pm_cpu_lpwr_mode_enter(plan->mode);
            if (alarm->dismiss != K_NULL) {
                (void)alarm->dismiss();
            }
            plan->credit = plan->ticks;
            pm_stats_sleep(plan->mode, (uint64_t)plan->ticks * k_cpu_cycle_per_tick, K_FALSE);
            outcome = TICKLESS_SLEPT;
        }
        cpu_systick_reset();
        cpu_systick_resume();
    }
    return outcome;
}

/* Non-zero if a task other than idle is ready (it must run; the CPU must not sleep). */
static int tickless_task_ready(void)
{
    return readyqueue_highest_ready_task_get() != &k_idle_task;
}

/*
 * Devices first (STOP, STANDBY): a veto costs nothing to undo. Their
 * callbacks may make a task ready (e.g. a flushed transfer posts a
 * semaphore): then there is no sleep either.
 */
static tickless_outcome_t tickless_sleep(tickless_plan_t *plan)
{
    int deep = plan->mode >= TOS_LOW_POWER_MODE_STOP;
    tickless_outcome_t outcome = TICKLESS_TICKED;

    if (deep && pm_device_suspend() != 0) {
        pm_stats_abort(plan->mode);
    } else {
        if (tickless_task_ready()) {
            outcome = TICKLESS_READY;
        } else if (tickless_alarm_is_exact(plan->alarm)) {
            outcome = tickless_sleep_exact(plan);
        } else {
            outcome = tickless_sleep_planned(plan);
        }
        if (deep) {
            pm_device_resume();
        }
        if (outcome != TICKLESS_SLEPT) {
            pm_stats_abort(plan->mode);
        }
    }
    return outcome;
}

/*
 * Hands the slept ticks to the kernel the way the tick interrupt would: the
 * same tick_update(), inside an ISR bracket.
 */
static void tickless_credit(k_tick_t ticks)
{
    if (ticks > 0u) {
        tos_knl_irq_enter();
        tick_update(ticks);
        tos_knl_irq_leave();
    }
}

__KNL__ void tickless_proc(void)
{
    TOS_CPU_CPSR_ALLOC();
    tickless_plan_t plan = {.credit = (k_tick_t)0u};
    tickless_outcome_t outcome = TICKLESS_READY;

    TOS_CPU_INT_DISABLE();
    if (!tickless_task_ready()) {
        outcome = tickless_plan_make(&plan) ? tickless_sleep(&plan) : TICKLESS_TICKED;
    }
    if (outcome == TICKLESS_SLEPT) {
        tickless_credit(plan.credit);
    } else if (outcome == TICKLESS_TICKED) {
        pm_stats_sleep(TOS_LOW_POWER_MODE_NONE, 0u, K_FALSE);
    }
    TOS_CPU_INT_ENABLE(); /* an early wake-up's ISR runs here, then a switch */
    if (outcome == TICKLESS_TICKED) {
        cpu_idle();
    }
}

#elif TOS_CFG_TICKLESS_EN > 0u

/* Tickless without power management has no idle hook to run in (§6.2). */
__KNL__ void tickless_init(void)
{
}

#endif
