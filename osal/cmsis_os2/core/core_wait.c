/*
 * CMSIS core: calling context, waits with per-waiter data, timeouts,
 * control block memory, kernel lock and tickless suspend/resume.
 */
#include "cmsis_core.h"

#if CMSIS_CORE_EN > 0u

/*
 * The k_task_t field that points at a waiter's record while it waits on a
 * core object (see cmsis_core.h): the kernel only uses it while the task
 * waits on a kernel event / message queue / mail queue.
 */
#if TOS_CFG_EVENT_EN > 0u
#define CMSIS_SLOT(task) ((task)->flag_match)
#define CMSIS_SLOT_TYPE  k_event_flag_t *
#elif (TOS_CFG_MESSAGE_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u)
#define CMSIS_SLOT(task) ((task)->msg)
#define CMSIS_SLOT_TYPE  void *
#else
#define CMSIS_SLOT(task) ((task)->mail)
#define CMSIS_SLOT_TYPE  void *
#endif

/* Alignment of every core object and of heap memory handed to the adapters. */
#define CMSIS_ALIGN (sizeof(k_tick_t) > sizeof(void *) ? sizeof(k_tick_t) : sizeof(void *))

static int cmsis_suspended;
static k_tick_t cmsis_suspend_tick;

cmsis_ctx_t cmsis_ctx(void)
{
    cmsis_ctx_t ctx = CMSIS_CTX_TASK;

    if (cpu_is_foreign_context()) {
        ctx = CMSIS_CTX_FOREIGN;
    } else if (knl_is_inirq()) {
        ctx = CMSIS_CTX_ISR;
    }
    return ctx;
}

k_tick_t cmsis_ticks(uint32_t timeout)
{
    return timeout == CMSIS_WAIT_FOREVER ? TOS_TIME_FOREVER : (k_tick_t)timeout;
}

k_tick_t cmsis_ticks_left(k_tick_t timeout, k_tick_t start)
{
    k_tick_t spent = tos_systick_get() - start;
    k_tick_t left = TOS_TIME_FOREVER;

    if (timeout != TOS_TIME_FOREVER) {
        left = spent < timeout ? timeout - spent : TOS_TIME_NOWAIT;
    }
    return left;
}

k_err_t cmsis_wait(pend_obj_t *obj, cmsis_waiter_t *w, k_tick_t timeout, cpu_cpsr_t cpu_cpsr)
{
    k_err_t err = K_ERR_NONE;
    int blocked = K_FALSE;

    if (timeout == TOS_TIME_NOWAIT) {
        err = K_ERR_PEND_NOWAIT;
    } else if (!tos_knl_is_running() || knl_is_inirq() || knl_is_sched_locked()) {
        err = K_ERR_PEND_SCHED_LOCKED;
    } else {
        CMSIS_SLOT(k_curr_task) = (CMSIS_SLOT_TYPE)(void *)w;
        pend_task_block(k_curr_task, obj, timeout);
        knl_sched();
        blocked = K_TRUE;
    }
    /* The switch away happens here; we continue once woken. */
    TOS_CPU_INT_ENABLE();
    if (blocked) {
        err = pend_state2errno(k_curr_task->pend_state);
        CMSIS_SLOT(k_curr_task) = K_NULL;
    }
    return err;
}

cmsis_waiter_t *cmsis_waiter_of(k_task_t *task)
{
    return (cmsis_waiter_t *)(void *)CMSIS_SLOT(task);
}

void cmsis_wake(k_task_t *task, pend_state_t state)
{
    pend_task_wakeup(task, state);
}

void cmsis_wake_all_destroyed(pend_obj_t *obj)
{
    pend_wakeup_all(obj, PEND_STATE_DESTROY);
}

int cmsis_is_aligned(const void *mem, size_t align)
{
    return ((uintptr_t)mem & (uintptr_t)(align - 1u)) == 0u;
}

void *cmsis_alloc(size_t size)
{
    void *mem;

#if TOS_CFG_MMHEAP_EN > 0u
    mem = tos_mmheap_aligned_alloc(size, CMSIS_ALIGN);
#else
    mem = tos_mmheap_alloc(size);
#endif
    if (mem != K_NULL) {
        memset(mem, 0, size);
    }
    return mem;
}

void cmsis_free(void *mem)
{
    tos_mmheap_free(mem);
}

/* Refuses memory that still holds a live object of the same kind. */
static int cmsis_cb_is_live(const void *cb_mem, size_t magic_at, uint32_t magic)
{
    uint32_t found;

    memcpy(&found, (const uint8_t *)cb_mem + magic_at, sizeof(found));
    return found == magic;
}

void *cmsis_cb_get(void *cb_mem, uint32_t cb_size, size_t size, size_t align, size_t magic_at,
                   uint32_t magic, int *dynamic)
{
    void *mem = K_NULL;

    *dynamic = K_FALSE;
    if (cb_mem == K_NULL && cb_size == 0u) {
        mem = cmsis_alloc(size);
        *dynamic = K_TRUE;
    } else if (cb_mem != K_NULL && cb_size >= size && cmsis_is_aligned(cb_mem, align) &&
               !cmsis_cb_is_live(cb_mem, magic_at, magic)) {
        mem = cb_mem;
        memset(mem, 0, size);
    }
    return mem;
}

/* ---- priorities --------------------------------------------------------------- */

#define CMSIS_PRIO_SPAN ((uint32_t)(CMSIS_PRIO_ISR - CMSIS_PRIO_IDLE))

k_prio_t cmsis_prio_to_kernel(int32_t prio)
{
    uint32_t levels = (uint32_t)K_TASK_PRIO_IDLE - 1u;
    uint32_t step = (uint32_t)(prio - CMSIS_PRIO_IDLE) * levels / CMSIS_PRIO_SPAN;

    return (k_prio_t)(levels - step);
}

int32_t cmsis_prio_from_kernel(k_prio_t prio)
{
    uint32_t levels = (uint32_t)K_TASK_PRIO_IDLE - 1u;
    int32_t result = CMSIS_PRIO_IDLE;
    uint32_t step;

    if (levels == 0u) {
        result = (CMSIS_PRIO_IDLE + CMSIS_PRIO_ISR) / 2; /* one level: any value is it */
    } else if (prio < K_TASK_PRIO_IDLE) {
        step = levels - (uint32_t)prio;
        result = CMSIS_PRIO_IDLE + (int32_t)((step * CMSIS_PRIO_SPAN + levels - 1u) / levels);
    }
    return result;
}

/* ---- kernel control ---------------------------------------------------------- */

int cmsis_kernel_initialized(void)
{
    /* tos_knl_init() links the idle task into the task list. */
    return k_idle_task.stat_list.next != K_NULL;
}

int cmsis_kernel_suspended(void)
{
    return cmsis_suspended;
}

int cmsis_kernel_locked(void)
{
    return knl_is_sched_locked();
}

k_err_t cmsis_kernel_lock_set(int lock)
{
    k_err_t err = K_ERR_NONE;

    if (lock && !knl_is_sched_locked()) {
        err = tos_knl_sched_lock();
    }
    /* CMSIS knows one lock level: unlocking drops every level. */
    while (!lock && err == K_ERR_NONE && knl_is_sched_locked()) {
        err = tos_knl_sched_unlock();
    }
    return err;
}

k_tick_t cmsis_kernel_suspend(void)
{
    k_tick_t next = TOS_TIME_NOWAIT;

    if (tos_knl_sched_lock() == K_ERR_NONE) {
        cmsis_suspended = K_TRUE;
        cmsis_suspend_tick = tos_systick_get();
        next = knl_next_expires_get();
    }
    return next;
}

void cmsis_kernel_resume(k_tick_t ticks)
{
    /* A tick that kept running during the sleep has counted these already. */
    k_tick_t counted = tos_systick_get() - cmsis_suspend_tick;

    if (cmsis_suspended) {
        if (ticks > counted) {
            /* With the scheduler locked, woken tasks wait for the unlock below. */
            tick_update(ticks - counted);
        }
        cmsis_suspended = K_FALSE;
        (void)tos_knl_sched_unlock();
    }
}

#endif /* CMSIS_CORE_EN */
