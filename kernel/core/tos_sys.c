/* Kernel system API (contract §9): init, start, ISR bracketing, scheduler lock, idle. */
#include "knl_private.h"

#if TOS_CFG_MMHEAP_EN > 0u
static k_err_t knl_heap_init(void)
{
#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
    mmheap_init_default_pool();
#else
    mmheap_init();
#endif
    return K_ERR_NONE;
}
#endif

static void knl_idle_entry(void *arg)
{
    (void)arg;
    for (;;) {
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
        task_free_all();
#endif
#if TOS_CFG_PWR_MGR_EN > 0u
        pm_power_manager();
#else
        knl_cpu_idle();
#endif
    }
}

/*
 * The stack by its array and size macro rather than through
 * k_idle_task_stk_addr/k_idle_task_stk_size (the same values, §38.1): two
 * constants folded into the call, and the two globals stay out of an image
 * that does not read them.
 */
static k_err_t knl_idle_init(void)
{
    return tos_task_create(&k_idle_task, "idle", knl_idle_entry, K_NULL, K_TASK_PRIO_IDLE,
                           k_idle_task_stk, TOS_CFG_IDLE_TASK_STK_SIZE, (k_timeslice_t)0u);
}

__API__ k_err_t tos_knl_init(void)
{
    k_err_t err = K_ERR_NONE;

    cpu_init();
    knl_lists_init();
#if TOS_CFG_MMHEAP_EN > 0u
    err = knl_heap_init();
#endif
    if (err == K_ERR_NONE) {
        err = knl_idle_init();
    }
#if TOS_CFG_TIMER_EN > 0u && TOS_CFG_TIMER_AS_PROC == 0u
    if (err == K_ERR_NONE) {
        err = timer_task_init();
    }
#endif
#if TOS_CFG_PWR_MGR_EN > 0u
    pm_init();
#endif
#if TOS_CFG_TICKLESS_EN > 0u
    tickless_init();
#endif
    return err;
}

__API__ k_err_t tos_knl_start(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && knl_running()) {
        err = K_ERR_KNL_RUNNING;
    }
    if (err == K_ERR_NONE) {
        /* Masked for good: the first task's start unmasks (cpu_sched_start). */
        TOS_CPU_INT_DISABLE();
        (void)cpu_cpsr;
        k_curr_task = knl_rdyq_highest();
#if !defined(PORT_SWITCH_PICKS_NEXT)
        k_next_task = k_curr_task;
#endif
        k_knl_state = KNL_STATE_RUNNING;
        cpu_sched_start();
    }
    return err;
}

__API__ int tos_knl_is_running(void)
{
    return k_knl_state == KNL_STATE_RUNNING;
}

/* The out-of-line forms of the inline bracket (tos_sys.h). */
__API__ void(tos_knl_irq_enter)(void)
{
    knl_irq_enter_inline();
}

/*
 * The kernel calls of the ISR have already requested any switch it needs
 * (knl_resched_irq()); the port performs it once the outermost ISR
 * returns, so only the count is left.
 */
__API__ void(tos_knl_irq_leave)(void)
{
    knl_irq_leave_inline();
}

__KNL__ k_err_t knl_task_unlocked_check(void)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE && !knl_running()) {
        err = K_ERR_KNL_NOT_RUNNING;
    }
    if (err == K_ERR_NONE && knl_locked()) {
        err = K_ERR_SCHED_LOCKED;
    }
    return err;
}

static k_err_t knl_sched_lock_check(void)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE && !knl_running()) {
        err = K_ERR_KNL_NOT_RUNNING;
    }
    return err;
}

__API__ k_err_t tos_knl_sched_lock(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_sched_lock_check();

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (k_sched_lock_nest_cnt >= K_NESTING_LIMIT_SCHED_LOCK) {
            err = K_ERR_LOCK_NESTING_OVERFLOW;
        } else {
            ++k_sched_lock_nest_cnt;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_knl_sched_unlock(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_sched_lock_check();

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (!knl_locked()) {
            err = K_ERR_SCHED_NOT_LOCKED;
        } else {
            --k_sched_lock_nest_cnt;
            knl_resched(cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__KNL__ int knl_is_sched_locked(void)
{
    return k_sched_lock_nest_cnt > 0u;
}

__KNL__ int knl_is_inirq(void)
{
    return k_irq_nest_cnt > 0u;
}

__KNL__ int knl_is_idle(k_task_t *task)
{
    return knl_task_is_idle(task);
}

__KNL__ int knl_is_self(k_task_t *task)
{
    return knl_task_is_self(task);
}

__KNL__ k_tick_t knl_next_expires_get(void)
{
    k_tick_t next = tick_next_expires_get();
#if TOS_CFG_TIMER_EN > 0u && TOS_CFG_TIMER_AS_PROC > 0u
    k_tick_t timer_next = timer_next_expires_get();

    if (timer_next < next) {
        next = timer_next;
    }
#endif
#if TOS_CFG_EVENT_DRIVEN_EN > 0u
    k_tick_t evtdrv_next = evtdrv_next_expires_get();

    if (evtdrv_next < next) {
        next = evtdrv_next;
    }
#endif
    return next;
}
