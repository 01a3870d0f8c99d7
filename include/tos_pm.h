/*
 * Power management (contract §33.1, §33.2; Tern extensions marked).
 *
 * The idle task runs the power manager whenever nothing else is ready. With
 * tickless idle (tos_tickless.h) it stops the periodic tick and sleeps in a
 * low-power mode until the next kernel deadline; without it, it sleeps until
 * the next interrupt (at the latest the next tick). Registered devices are
 * suspended before STOP and STANDBY and resumed afterwards, in reverse order.
 * docs/power.md explains the model, the port hooks and the Tern extensions.
 */
#ifndef _TOS_PM_H_
#define _TOS_PM_H_

__CDECLS_BEGIN

#if TOS_CFG_PWR_MGR_EN > 0u

#define K_PM_DEVICE_MAX_COUNT 10u

/* Tern's extension error codes K_ERR_PM_MODE_INVALID (1303), K_ERR_PM_STAY_AWAKE_OVERFLOW
 * (1304) and K_ERR_PM_STAY_AWAKE_UNDERFLOW (1305) are in tos_kerr.h. */

/* Tern extension: the largest count of one mode's stay-awake requests. */
#define K_PM_STAY_AWAKE_MAX 0xFFFFu

/* What the idle task does when nothing is ready. */
typedef enum idle_power_manager_mode_en {
    IDLE_POWER_MANAGER_MODE_SLEEP = 0,    /* sleep until the next interrupt, tick running */
    IDLE_POWER_MANAGER_MODE_TICKLESS = 1, /* tick stopped, sleep until the next deadline */
} idle_pwrmgr_mode_t;

/* CPU low-power modes, from light to deep. */
typedef enum k_cpu_low_power_mode_en {
    TOS_LOW_POWER_MODE_NONE = 0,    /* no low-power mode: the ticked idle wait */
    TOS_LOW_POWER_MODE_SLEEP = 1,   /* CPU clock stopped, peripherals running */
    TOS_LOW_POWER_MODE_STOP = 2,    /* most clocks stopped; devices suspended */
    TOS_LOW_POWER_MODE_STANDBY = 3, /* deepest; devices suspended */
    __LOW_POWER_MODE_DUMMY = 4,     /* array bound */
} k_cpu_lpwr_mode_t;

/*
 * A device the power manager suspends before STOP/STANDBY. `name` identifies
 * it (registration refuses a second device of the same name). `init` is
 * never called by the kernel (contract §40.50). `suspend` returns 0 when the
 * device is ready for the deep mode, anything else to veto it; `resume`
 * undoes `suspend` (its result is ignored). A NULL method counts as success.
 */
typedef struct k_pm_device_st {
    char *name;
    int (*init)(void);
    int (*suspend)(void);
    int (*resume)(void);
} k_pm_device_t;

typedef struct pm_device_control_st {
    uint8_t count;
    k_pm_device_t *mgr[K_PM_DEVICE_MAX_COUNT];
} pm_device_ctl_t;

/*
 * Tern extension: what the idle task did in one mode (tos_pm_stats_get()).
 * For TOS_LOW_POWER_MODE_NONE: the ticked idle waits (no low-power mode).
 */
typedef struct k_pm_stats_st {
    uint32_t entries; /* times the CPU went to sleep in the mode (= wake-ups from it) */
    uint32_t early;   /* of those, woken by an interrupt before the planned wake-up */
    uint32_t aborts; /* sleeps abandoned: a device vetoed, a task became ready, the alarm refused */
    /*
     * Time spent in the mode, in the tick timer's cycles (the unit of
     * k_cpu_cycle_per_tick), as measured by an exact wake-up alarm. Ticked
     * sleeps (idle mode SLEEP, mode NONE) are not measured: 0.
     */
    uint64_t cycles;
} k_pm_stats_t;

extern pm_device_ctl_t k_pm_device_ctl;
extern idle_pwrmgr_mode_t k_idle_pwr_mgr_mode;
extern k_cpu_lpwr_mode_t k_cpu_lpwr_mode;

/*
 * Registers a device whose suspend/resume the power manager calls around
 * STOP and STANDBY, in registration order (resume in reverse).
 * Errors, in this order: K_ERR_KNL_FOREIGN_CONTEXT (host simulator),
 * K_ERR_OBJ_PTR_NULL (device or its name NULL), K_ERR_PM_DEVICE_ALREADY_REG
 * (a device with the same name), K_ERR_PM_DEVICE_OVERFLOW (10 registered).
 */
__API__ k_err_t tos_pm_device_register(k_pm_device_t *device);

/*
 * Tern extension: a reference-counted request that the CPU does not enter
 * `mode` or any deeper mode (e.g. a driver takes STOP while its DMA runs,
 * and puts it back when done). The idle task then uses the deepest allowed
 * mode that has a wake-up alarm; with SLEEP forbidden it waits ticked.
 * Callable from tasks and ISRs.
 * Errors, in this order: K_ERR_KNL_FOREIGN_CONTEXT, K_ERR_PM_MODE_INVALID
 * (not SLEEP, STOP or STANDBY), K_ERR_PM_STAY_AWAKE_OVERFLOW (get: 65535
 * requests held) / K_ERR_PM_STAY_AWAKE_UNDERFLOW (put: none held).
 */
__API__ k_err_t tos_pm_stay_awake_get(k_cpu_lpwr_mode_t mode);
__API__ k_err_t tos_pm_stay_awake_put(k_cpu_lpwr_mode_t mode);

/* Tern extension: requests held for `mode`; 0 for an invalid mode or a foreign caller. */
__API__ uint32_t tos_pm_stay_awake_count(k_cpu_lpwr_mode_t mode);

/*
 * Tern extension: copies the statistics of `mode` (NONE .. STANDBY) into
 * *stats. Errors, in this order: K_ERR_KNL_FOREIGN_CONTEXT,
 * K_ERR_OBJ_PTR_NULL, K_ERR_PM_MODE_INVALID.
 */
__API__ k_err_t tos_pm_stats_get(k_cpu_lpwr_mode_t mode, k_pm_stats_t *stats);

/* Tern extension: zeroes every mode's statistics. Errors: K_ERR_KNL_FOREIGN_CONTEXT. */
__API__ k_err_t tos_pm_stats_reset(void);

/* ---- kernel-internal (contract §33.2 names) ------------------------------ */

/* Clears the device table, the stay-awake counts and the statistics. */
__KNL__ void pm_init(void);
/* Enters `mode` through the port (cpu_*_mode_enter); NONE does nothing. */
__KNL__ void pm_cpu_lpwr_mode_enter(k_cpu_lpwr_mode_t mode);
__KNL__ k_cpu_lpwr_mode_t pm_cpu_lpwr_mode_get(void);
__KNL__ void pm_idle_pwr_mgr_mode_set(idle_pwrmgr_mode_t idle_pwr_mgr_mode);
__KNL__ int pm_idle_pwr_mgr_mode_is_sleep(void);
__KNL__ int pm_idle_pwr_mgr_mode_is_tickless(void);
/* One idle-loop step (contract §33.3, with the Tern fixes of docs/power.md). */
__KNL__ void pm_power_manager(void);
/*
 * Suspends every device in registration order; on a veto resumes the ones
 * already suspended, in reverse, and returns non-zero. 0 on success.
 */
__KNL__ int pm_device_suspend(void);
/* Resumes every device, in reverse registration order. */
__KNL__ void pm_device_resume(void);

/*
 * Kernel-internal, shared with tickless idle: the deepest mode, not deeper
 * than `wanted`, that no stay-awake request forbids (NONE if SLEEP is).
 */
__KNL__ k_cpu_lpwr_mode_t pm_mode_allowed(k_cpu_lpwr_mode_t wanted);
/* Records one sleep (or abort) of `mode` in the statistics. Interrupts disabled. */
__KNL__ void pm_stats_sleep(k_cpu_lpwr_mode_t mode, uint64_t cycles, int early);
__KNL__ void pm_stats_abort(k_cpu_lpwr_mode_t mode);

#endif /* TOS_CFG_PWR_MGR_EN */

__CDECLS_END

#endif /* _TOS_PM_H_ */
