/*
 * Power management (contract §33): the device table, the idle task's power
 * manager, and the Tern extensions (stay-awake requests, statistics).
 *
 * Why it is built this way:
 *  - The idle task is the only place the CPU may sleep: it runs only when no
 *    other task is ready. Every decision is taken with interrupts disabled,
 *    so a task made ready by an ISR is never overlooked.
 *  - Deep modes (STOP, STANDBY) stop clocks that peripherals need, so a
 *    driver that is busy must be able to veto them: either for one sleep
 *    (its suspend method fails) or for as long as it is busy (a counted
 *    stay-awake request, usable from ISRs).
 *  - Without tickless idle the periodic tick keeps running and the sleep
 *    lasts until the next interrupt; the tickless path is tos_tickless.c.
 */
#include <string.h>

#include "knl_private.h"

#if TOS_CFG_PWR_MGR_EN > 0u

pm_device_ctl_t k_pm_device_ctl;
idle_pwrmgr_mode_t k_idle_pwr_mgr_mode = IDLE_POWER_MANAGER_MODE_SLEEP;
k_cpu_lpwr_mode_t k_cpu_lpwr_mode = TOS_LOW_POWER_MODE_NONE;

/* Tern: stay-awake counts (index: mode) and statistics. */
static uint32_t pm_stay_awake[__LOW_POWER_MODE_DUMMY];
static k_pm_stats_t pm_stats[__LOW_POWER_MODE_DUMMY];

__KNL__ void pm_init(void)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    memset(&k_pm_device_ctl, 0, sizeof(k_pm_device_ctl));
    memset(pm_stay_awake, 0, sizeof(pm_stay_awake));
    memset(pm_stats, 0, sizeof(pm_stats));
    TOS_CPU_INT_ENABLE();
}

/* ---- devices ------------------------------------------------------------- */

static int pm_device_is_registered(const char *name)
{
    uint8_t i;
    int found = K_FALSE;

    for (i = 0u; i < k_pm_device_ctl.count && !found; ++i) {
        found = strcmp(k_pm_device_ctl.mgr[i]->name, name) == 0;
    }
    return found;
}

__API__ k_err_t tos_pm_device_register(k_pm_device_t *device)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (device == K_NULL || device->name == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (pm_device_is_registered(device->name)) {
            err = K_ERR_PM_DEVICE_ALREADY_REG;
        } else if (k_pm_device_ctl.count >= K_PM_DEVICE_MAX_COUNT) {
            err = K_ERR_PM_DEVICE_OVERFLOW;
        } else {
            k_pm_device_ctl.mgr[k_pm_device_ctl.count++] = device;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Resumes devices [0, count) in reverse order. */
static void pm_device_resume_first(uint8_t count)
{
    k_pm_device_t *device;

    while (count > 0u) {
        device = k_pm_device_ctl.mgr[--count];
        if (device->resume != K_NULL) {
            (void)device->resume();
        }
    }
}

__KNL__ int pm_device_suspend(void)
{
    k_pm_device_t *device;
    uint8_t done = 0u;
    int vetoed = K_FALSE;

    while (done < k_pm_device_ctl.count && !vetoed) {
        device = k_pm_device_ctl.mgr[done];
        vetoed = device->suspend != K_NULL && device->suspend() != 0;
        if (!vetoed) {
            ++done;
        }
    }
    if (vetoed) {
        pm_device_resume_first(done);
    }
    return vetoed;
}

__KNL__ void pm_device_resume(void)
{
    pm_device_resume_first(k_pm_device_ctl.count);
}

/* ---- modes ----------------------------------------------------------------- */

__KNL__ void pm_cpu_lpwr_mode_enter(k_cpu_lpwr_mode_t mode)
{
    if (mode == TOS_LOW_POWER_MODE_SLEEP) {
        cpu_sleep_mode_enter();
    } else if (mode == TOS_LOW_POWER_MODE_STOP) {
        cpu_stop_mode_enter();
    } else if (mode == TOS_LOW_POWER_MODE_STANDBY) {
        cpu_standby_mode_enter();
    }
}

__KNL__ k_cpu_lpwr_mode_t pm_cpu_lpwr_mode_get(void)
{
    return k_cpu_lpwr_mode;
}

__KNL__ void pm_idle_pwr_mgr_mode_set(idle_pwrmgr_mode_t idle_pwr_mgr_mode)
{
    k_idle_pwr_mgr_mode = idle_pwr_mgr_mode;
}

__KNL__ int pm_idle_pwr_mgr_mode_is_sleep(void)
{
    return k_idle_pwr_mgr_mode == IDLE_POWER_MANAGER_MODE_SLEEP;
}

__KNL__ int pm_idle_pwr_mgr_mode_is_tickless(void)
{
    return k_idle_pwr_mgr_mode == IDLE_POWER_MANAGER_MODE_TICKLESS;
}

/* ---- stay-awake requests (Tern) ------------------------------------------ */

/* NONE .. STANDBY; unsigned, so that a negative value is out of range too. */
static int pm_mode_is_valid(k_cpu_lpwr_mode_t mode)
{
    return (unsigned int)mode < (unsigned int)__LOW_POWER_MODE_DUMMY;
}

/* SLEEP, STOP and STANDBY can be forbidden; NONE cannot. */
static int pm_mode_is_forbiddable(k_cpu_lpwr_mode_t mode)
{
    return pm_mode_is_valid(mode) && mode != TOS_LOW_POWER_MODE_NONE;
}

__KNL__ k_cpu_lpwr_mode_t pm_mode_allowed(k_cpu_lpwr_mode_t wanted)
{
    k_cpu_lpwr_mode_t mode = TOS_LOW_POWER_MODE_NONE;

    /* A request for a mode forbids it and everything deeper. */
    while (mode < wanted && mode + 1 < __LOW_POWER_MODE_DUMMY && pm_stay_awake[mode + 1] == 0u) {
        mode = (k_cpu_lpwr_mode_t)(mode + 1);
    }
    return mode;
}

static k_err_t pm_stay_awake_check(k_cpu_lpwr_mode_t mode)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && !pm_mode_is_forbiddable(mode)) {
        err = K_ERR_PM_MODE_INVALID;
    }
    return err;
}

__API__ k_err_t tos_pm_stay_awake_get(k_cpu_lpwr_mode_t mode)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = pm_stay_awake_check(mode);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (pm_stay_awake[mode] >= K_PM_STAY_AWAKE_MAX) {
            err = K_ERR_PM_STAY_AWAKE_OVERFLOW;
        } else {
            ++pm_stay_awake[mode];
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_pm_stay_awake_put(k_cpu_lpwr_mode_t mode)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = pm_stay_awake_check(mode);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (pm_stay_awake[mode] == 0u) {
            err = K_ERR_PM_STAY_AWAKE_UNDERFLOW;
        } else {
            --pm_stay_awake[mode];
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ uint32_t tos_pm_stay_awake_count(k_cpu_lpwr_mode_t mode)
{
    uint32_t count = 0u;

    if (pm_stay_awake_check(mode) == K_ERR_NONE) {
        count = pm_stay_awake[mode];
    }
    return count;
}

/* ---- statistics (Tern) ----------------------------------------------------- */

__KNL__ void pm_stats_sleep(k_cpu_lpwr_mode_t mode, uint64_t cycles, int early)
{
    ++pm_stats[mode].entries;
    pm_stats[mode].cycles += cycles;
    if (early) {
        ++pm_stats[mode].early;
    }
}

__KNL__ void pm_stats_abort(k_cpu_lpwr_mode_t mode)
{
    ++pm_stats[mode].aborts;
}

__API__ k_err_t tos_pm_stats_get(k_cpu_lpwr_mode_t mode, k_pm_stats_t *stats)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && stats == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE && !pm_mode_is_valid(mode)) {
        err = K_ERR_PM_MODE_INVALID;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        *stats = pm_stats[mode];
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_pm_stats_reset(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        memset(pm_stats, 0, sizeof(pm_stats));
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* ---- the idle step ----------------------------------------------------------- */

/*
 * Idle mode SLEEP: the periodic tick keeps running, so the next interrupt
 * (at the latest the tick) ends the sleep; nothing needs measuring. With
 * SLEEP forbidden the idle task waits the way a kernel without power
 * management does.
 */
static void pm_sleep_ticked(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_cpu_lpwr_mode_t mode;

    TOS_CPU_INT_DISABLE();
    mode = pm_mode_allowed(TOS_LOW_POWER_MODE_SLEEP);
    pm_stats_sleep(mode, 0u, K_FALSE);
    TOS_CPU_INT_ENABLE();
    if (mode == TOS_LOW_POWER_MODE_SLEEP) {
        cpu_sleep_mode_enter();
    } else {
        cpu_idle();
    }
}

__KNL__ void pm_power_manager(void)
{
#if TOS_CFG_TICKLESS_EN > 0u
    if (pm_idle_pwr_mgr_mode_is_tickless()) {
        tickless_proc();
    } else {
        pm_sleep_ticked();
    }
#else
    pm_sleep_ticked();
#endif
}

#endif /* TOS_CFG_PWR_MGR_EN */
