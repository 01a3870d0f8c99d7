/*
 * CMSIS-RTOS2 adapter: thread management and thread flags.
 *
 * Thread ids are kernel task addresses. Threads made by osThreadNew are
 * CMSIS threads (thread flags, join, detach); plain kernel tasks, such as
 * tasks an application creates with tos_task_create(), may be named by
 * their ids for the functions that need no CMSIS state.
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

/* The kernel task of a valid thread id (live, or a zombie: *t says), else NULL. */
static k_task_t *os2_task_of(osThreadId_t id, cmsis_thread_t **t)
{
    k_task_t *task = (k_task_t *)id;

    *t = cmsis_thread_of(id);
    if (*t == K_NULL && !cmsis_task_is_live(task)) {
        task = K_NULL;
    }
    return task;
}

static int os2_is_zombie(const cmsis_thread_t *t)
{
    return t != K_NULL && (t->attr & CMSIS_THREAD_ZOMBIE) != 0u;
}

osThreadId_t osThreadNew(osThreadFunc_t func, void *argument, const osThreadAttr_t *attr)
{
    static const osThreadAttr_t defaults = {K_NULL,         0u, K_NULL, 0u, K_NULL, 0u,
                                            osPriorityNone, 0u, 0u};
    const osThreadAttr_t *a = attr != K_NULL ? attr : &defaults;
    osPriority_t prio = a->priority == osPriorityNone ? osPriorityNormal : a->priority;
    cmsis_thread_cfg_t cfg;
    cmsis_thread_t *t = K_NULL;
    osThreadId_t id = K_NULL;

    if (os2_ctx_check(K_FALSE) == osOK && func != K_NULL && os2_prio_valid(prio)) {
        cfg.name = a->name;
        cfg.attr = (a->attr_bits & osThreadJoinable) != 0u ? CMSIS_THREAD_JOINABLE : 0u;
        cfg.cb_mem = a->cb_mem;
        cfg.cb_size = a->cb_size;
        cfg.stack_mem = a->stack_mem;
        cfg.stack_size = a->stack_size;
        cfg.prio = os2_prio_to_kernel(prio);
        cfg.api_prio = (int32_t)prio;
        if (cmsis_thread_create(&cfg, (cmsis_func_t)func, argument, &t) == K_ERR_NONE) {
            id = t;
        }
    }
    return id;
}

const char *osThreadGetName(osThreadId_t thread_id)
{
    cmsis_thread_t *t = K_NULL;
    k_task_t *task = os2_ctx_check(K_FALSE) == osOK ? os2_task_of(thread_id, &t) : K_NULL;
    const char *name = K_NULL;

    if (t != K_NULL) {
        name = t->name;
    } else if (task != K_NULL) {
        name = task->name;
    }
    return name;
}

osThreadId_t osThreadGetId(void)
{
    return os2_ctx_check(K_TRUE) == osOK ? (osThreadId_t)tos_task_curr_task_get() : K_NULL;
}

osThreadState_t osThreadGetState(osThreadId_t thread_id)
{
    cmsis_thread_t *t = K_NULL;
    k_task_t *task = os2_ctx_check(K_FALSE) == osOK ? os2_task_of(thread_id, &t) : K_NULL;
    osThreadState_t state = osThreadError;

    if (task == K_NULL) {
        /* invalid id, or not allowed here */
    } else if (os2_is_zombie(t)) {
        state = osThreadTerminated;
    } else if (task == tos_task_curr_task_get()) {
        state = osThreadRunning;
    } else if (task->state == K_TASK_STATE_READY) {
        state = osThreadReady;
    } else {
        state = osThreadBlocked;
    }
    return state;
}

uint32_t osThreadGetStackSize(osThreadId_t thread_id)
{
    cmsis_thread_t *t = K_NULL;
    k_task_t *task = os2_ctx_check(K_FALSE) == osOK ? os2_task_of(thread_id, &t) : K_NULL;

    return task != K_NULL ? (uint32_t)task->stk_size : 0u;
}

uint32_t osThreadGetStackSpace(osThreadId_t thread_id)
{
    cmsis_thread_t *t = K_NULL;
    k_task_t *task = os2_ctx_check(K_FALSE) == osOK ? os2_task_of(thread_id, &t) : K_NULL;

    return task != K_NULL && !os2_is_zombie(t) ? cmsis_task_stack_space(task) : 0u;
}

osStatus_t osThreadSetPriority(osThreadId_t thread_id, osPriority_t priority)
{
    cmsis_thread_t *t = K_NULL;
    osStatus_t status = os2_ctx_check(K_FALSE);
    k_task_t *task = status == osOK ? os2_task_of(thread_id, &t) : K_NULL;

    if (status == osOK && (task == K_NULL || !os2_prio_valid(priority))) {
        status = osErrorParameter;
    } else if (status == osOK && (os2_is_zombie(t) || task == &k_idle_task)) {
        status = osErrorResource;
    } else if (status == osOK) {
        status = os2_status(tos_task_prio_change(task, os2_prio_to_kernel(priority)));
        if (status == osOK && t != K_NULL) {
            t->api_prio = (int32_t)priority;
        }
    }
    return status;
}

osPriority_t osThreadGetPriority(osThreadId_t thread_id)
{
    cmsis_thread_t *t = K_NULL;
    k_task_t *task = os2_ctx_check(K_FALSE) == osOK ? os2_task_of(thread_id, &t) : K_NULL;
    osPriority_t prio = osPriorityError;
    int32_t inherited;

    if (task == K_NULL || os2_is_zombie(t)) {
        /* osPriorityError */
    } else if (t != K_NULL && task->prio == os2_prio_to_kernel((osPriority_t)t->api_prio)) {
        prio = (osPriority_t)t->api_prio;
    } else if (cmsis_task_inherited_prio(task, 0u, &inherited)) {
        prio = (osPriority_t)inherited; /* raised to a waiting thread's priority */
    } else {
        /* A kernel task, or a priority set through the kernel API. */
        prio = os2_prio_from_kernel(task->prio);
    }
    return prio;
}

osStatus_t osThreadYield(void)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    if (status == osOK) {
        tos_task_yield();
    }
    return status;
}

/* Checks shared by suspend, resume and terminate: valid, not terminated. */
static osStatus_t os2_thread_check(osThreadId_t thread_id, k_task_t **task)
{
    cmsis_thread_t *t = K_NULL;
    osStatus_t status = os2_ctx_check(K_FALSE);

    *task = status == osOK ? os2_task_of(thread_id, &t) : K_NULL;
    if (status == osOK && *task == K_NULL) {
        status = osErrorParameter;
    } else if (status == osOK && os2_is_zombie(t)) {
        status = osErrorResource;
    }
    return status;
}

osStatus_t osThreadSuspend(osThreadId_t thread_id)
{
    k_task_t *task;
    osStatus_t status = os2_thread_check(thread_id, &task);

    if (status == osOK) {
        status = os2_status(cmsis_task_suspend(task));
    }
    return status;
}

osStatus_t osThreadResume(osThreadId_t thread_id)
{
    k_task_t *task;
    osStatus_t status = os2_thread_check(thread_id, &task);

    if (status == osOK) {
        status = os2_status(cmsis_task_resume(task));
    }
    return status;
}

/* Checks of detach and join: a CMSIS thread (live or zombie). */
static osStatus_t os2_joinable_check(osThreadId_t thread_id, cmsis_thread_t **t)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    *t = K_NULL;
    k_task_t *task = status == osOK ? os2_task_of(thread_id, t) : K_NULL;

    if (status == osOK && task == K_NULL) {
        status = osErrorParameter;
    } else if (status == osOK && *t == K_NULL) {
        status = osErrorResource; /* a kernel task is never joinable */
    }
    return status;
}

osStatus_t osThreadDetach(osThreadId_t thread_id)
{
    cmsis_thread_t *t;
    osStatus_t status = os2_joinable_check(thread_id, &t);

    if (status == osOK) {
        cmsis_reap();
        status = os2_status(cmsis_thread_detach(t));
    }
    return status;
}

osStatus_t osThreadJoin(osThreadId_t thread_id)
{
    cmsis_thread_t *t;
    osStatus_t status = os2_joinable_check(thread_id, &t);

    if (status == osOK) {
        cmsis_reap();
        status = os2_status(cmsis_thread_join(t));
    }
    return status;
}

void osThreadExit(void)
{
    cmsis_thread_exit();
}

osStatus_t osThreadTerminate(osThreadId_t thread_id)
{
    k_task_t *task;
    osStatus_t status = os2_thread_check(thread_id, &task);

    if (status == osOK) {
        status = os2_status(cmsis_task_terminate(task));
        cmsis_reap();
    }
    return status;
}

uint32_t osThreadGetCount(void)
{
    uint32_t count = 0u;

    if (os2_ctx_check(K_FALSE) == osOK) {
        cmsis_reap();
        count = cmsis_task_enumerate(K_NULL, 0u);
    }
    return count;
}

uint32_t osThreadEnumerate(osThreadId_t *thread_array, uint32_t array_items)
{
    uint32_t count = 0u;

    if (os2_ctx_check(K_FALSE) == osOK && thread_array != K_NULL && array_items > 0u) {
        cmsis_reap();
        count = cmsis_task_enumerate(thread_array, array_items);
    }
    return count;
}

/* ---- thread flags ---------------------------------------------------------- */

uint32_t osThreadFlagsSet(osThreadId_t thread_id, uint32_t flags)
{
    int ctx_ok = os2_ctx_check(K_TRUE) == osOK;
    cmsis_thread_t *t = ctx_ok ? cmsis_thread_of(thread_id) : K_NULL;
    uint32_t result;

    if (!ctx_ok) {
        result = osFlagsErrorUnknown;
    } else if (t == K_NULL || (flags & osFlagsError) != 0u) {
        result = osFlagsErrorParameter;
    } else if (os2_is_zombie(t)) {
        result = osFlagsErrorResource;
    } else {
        result = cmsis_flags_set(&t->tflags, flags, K_NULL);
    }
    return result;
}

/* The calling CMSIS thread for the flag functions, or the error to return. */
static uint32_t os2_flags_self(uint32_t flags, cmsis_thread_t **t)
{
    osStatus_t status = os2_ctx_check(K_FALSE);
    uint32_t result = 0u;

    *t = K_NULL;
    if (status == osErrorISR) {
        result = osFlagsErrorISR;
    } else if (status != osOK) {
        result = osFlagsErrorUnknown;
    } else if ((flags & osFlagsError) != 0u) {
        result = osFlagsErrorParameter;
    } else {
        *t = cmsis_thread_self();
        result = *t == K_NULL ? osFlagsErrorUnknown : 0u;
    }
    return result;
}

uint32_t osThreadFlagsClear(uint32_t flags)
{
    cmsis_thread_t *t;
    uint32_t result = os2_flags_self(flags, &t);

    if (t != K_NULL) {
        result = cmsis_flags_clear(&t->tflags, flags);
    }
    return result;
}

uint32_t osThreadFlagsGet(void)
{
    cmsis_thread_t *t;

    (void)os2_flags_self(0u, &t);
    return t != K_NULL ? cmsis_flags_get(&t->tflags) : 0u;
}

uint32_t osThreadFlagsWait(uint32_t flags, uint32_t options, uint32_t timeout)
{
    cmsis_thread_t *t;
    uint32_t result = os2_flags_self(flags, &t);
    k_err_t err;

    if (t != K_NULL) {
        err = cmsis_flags_wait(&t->tflags, flags, options & (osFlagsWaitAll | osFlagsNoClear),
                               cmsis_ticks(timeout), &result);
        result = err == K_ERR_NONE ? result : os2_flags_error(err);
    }
    return result;
}

#endif /* CMSIS_CORE_EN */
