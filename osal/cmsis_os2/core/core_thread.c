/*
 * CMSIS core: threads on kernel tasks.
 *
 * A CMSIS thread is a cmsis_thread_t whose first member is its kernel task,
 * so thread ids, kernel task pointers and mutex owners are the same
 * addresses, and plain kernel tasks can be named by thread ids too. Every
 * CMSIS thread runs cmsis_thread_entry(), which is how a kernel task is
 * recognised as one; the magic word tells a live or zombie thread from a
 * deleted one.
 *
 * End of a thread:
 *  - joinable: it becomes a zombie (kernel task destroyed, memory kept)
 *    and wakes its joiner; osThreadJoin frees it;
 *  - detached: its memory is freed at once when another task ended it.
 *    A thread that ends itself still runs on that memory: when control
 *    block and stack both come from the heap the kernel frees them the way
 *    it frees its own dynamic tasks (idle task); otherwise the thread is
 *    parked on the reap list and freed by the next thread-management call.
 * The zombie marking, the joiner's wake-up and the task's destruction
 * happen in one critical section, so a joiner never sees a half-ended
 * thread and never frees a stack that is still in use.
 */
#include "cmsis_core.h"

#if CMSIS_CORE_EN > 0u

/* Stack memory rules of CMSIS-RTOS2 (8-byte aligned, size a multiple of 8). */
#define CMSIS_STACK_ALIGN 8u

typedef enum thread_free_en {
    THREAD_FREE_NONE, /* nothing to free (static memory, zombie, or the kernel frees it) */
    THREAD_FREE_NOW,  /* the caller frees it after the kernel task is gone */
} thread_free_t;

static TOS_LIST_DEFINE(cmsis_reap_list);

static void cmsis_thread_entry(void *arg)
{
    cmsis_thread_t *t = (cmsis_thread_t *)arg;

    if ((t->attr & CMSIS_THREAD_V1) != 0u) {
        t->func.v1(t->arg);
    } else {
        t->func.v2(t->arg);
    }
    cmsis_thread_exit();
}

cmsis_thread_t *cmsis_thread_of(void *id)
{
    cmsis_thread_t *t = (cmsis_thread_t *)id;

    if (t != K_NULL && (t->task.entry != cmsis_thread_entry || t->magic != CMSIS_MAGIC_THREAD)) {
        t = K_NULL;
    }
    return t;
}

int cmsis_task_is_live(k_task_t *task)
{
    cmsis_thread_t *t = cmsis_thread_of(task);

    return task != K_NULL && knl_object_verify(&task->knl_obj, KNL_OBJ_TYPE_TASK) &&
           (task->state & K_TASK_STATE_DELETED) == 0u &&
           (t == K_NULL || (t->attr & CMSIS_THREAD_ZOMBIE) == 0u);
}

cmsis_thread_t *cmsis_thread_self(void)
{
    return tos_knl_is_running() ? cmsis_thread_of(k_curr_task) : K_NULL;
}

/* Frees the heap parts of a thread whose kernel task is gone. */
static void thread_release(cmsis_thread_t *t)
{
    k_stack_t *stk = t->task.stk_base;

    t->magic = 0u;
    if ((t->attr & CMSIS_THREAD_STK_DYN) != 0u) {
        cmsis_free(stk);
    }
    if ((t->attr & CMSIS_THREAD_CB_DYN) != 0u) {
        cmsis_free(t);
    }
}

void cmsis_reap(void)
{
    cmsis_thread_t *t;
    TOS_CPU_CPSR_ALLOC();

    do {
        TOS_CPU_INT_DISABLE();
        t = TOS_LIST_FIRST_ENTRY_OR_NULL(&cmsis_reap_list, cmsis_thread_t, reap);
        if (t != K_NULL) {
            tos_list_del(&t->reap);
        }
        TOS_CPU_INT_ENABLE();
        if (t != K_NULL) {
            thread_release(t);
        }
    } while (t != K_NULL);
}

/* A thread that ends itself while running on heap memory: who frees it. */
static void thread_retire_self_memory(cmsis_thread_t *t)
{
    uint32_t both = CMSIS_THREAD_CB_DYN | CMSIS_THREAD_STK_DYN;

    if (TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u && (t->attr & both) == both) {
        /* Exactly the layout of the kernel's own dynamic tasks: its idle task frees it. */
        t->task.knl_obj.alloc_type = KNL_OBJ_ALLOC_TYPE_DYNAMIC;
    } else {
        tos_list_add_tail(&t->reap, &cmsis_reap_list);
    }
}

/*
 * Interrupts disabled, the kernel task is destroyed next (by the caller):
 * settles the CMSIS side of the thread's end.
 */
static thread_free_t thread_retire(cmsis_thread_t *t, int self)
{
    thread_free_t action = THREAD_FREE_NONE;
    k_task_t *joiner = pend_highest_pending_task_get(&t->join);

    if ((t->attr & CMSIS_THREAD_JOINABLE) != 0u) {
        t->attr |= CMSIS_THREAD_ZOMBIE;
        if (joiner != K_NULL) {
            cmsis_wake(joiner, PEND_STATE_POST);
        }
    } else if ((t->attr & (CMSIS_THREAD_CB_DYN | CMSIS_THREAD_STK_DYN)) == 0u) {
        t->magic = 0u;
    } else if (!self) {
        action = THREAD_FREE_NOW;
    } else {
        t->magic = 0u;
        thread_retire_self_memory(t);
    }
    return action;
}

void cmsis_thread_exit(void)
{
    cmsis_thread_t *t;
    TOS_CPU_CPSR_ALLOC();

    if (cmsis_ctx() == CMSIS_CTX_TASK && tos_knl_is_running()) {
        /* Ending the caller is refused while the scheduler is locked. */
        (void)cmsis_kernel_lock_set(K_FALSE);
        TOS_CPU_INT_DISABLE();
        t = cmsis_thread_of(k_curr_task);
        if (t != K_NULL) {
            (void)thread_retire(t, K_TRUE);
        }
        (void)tos_task_destroy(K_NULL);
        /* The switch away happens here. */
        TOS_CPU_INT_ENABLE();
    }
    for (;;) {
        /* Not a task (an ISR, or before the kernel runs): nothing can end. */
    }
}

/* The kernel's own tasks (idle, timer task) are not for the application to end. */
static int task_is_kernel_own(k_task_t *task)
{
    int own = task == &k_idle_task;

#if (TOS_CFG_TIMER_EN > 0u) && (TOS_CFG_TIMER_AS_PROC == 0u)
    own = own || task == &k_timer_task;
#endif
    return own;
}

k_err_t cmsis_task_terminate(k_task_t *task)
{
    cmsis_thread_t *t = cmsis_thread_of(task);
    thread_free_t action = THREAD_FREE_NONE;
    k_err_t err = K_ERR_NONE;
    TOS_CPU_CPSR_ALLOC();

    if (!cmsis_task_is_live(task)) {
        err = K_ERR_OBJ_INVALID;
    } else if (task_is_kernel_own(task)) {
        err = K_ERR_TASK_DESTROY_IDLE;
    } else if (task == k_curr_task && knl_is_sched_locked()) {
        err = K_ERR_SCHED_LOCKED;
    } else {
        TOS_CPU_INT_DISABLE();
        if (t != K_NULL) {
            action = thread_retire(t, task == k_curr_task);
        }
        err = tos_task_destroy(task);
        TOS_CPU_INT_ENABLE();
    }
    if (action == THREAD_FREE_NOW) {
        thread_release(t);
    }
    return err;
}

k_err_t cmsis_thread_join(cmsis_thread_t *t)
{
    k_err_t err = K_ERR_NONE;
    cmsis_waiter_t w;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if ((t->attr & CMSIS_THREAD_JOINABLE) == 0u || !pend_is_nopending(&t->join) ||
        &t->task == k_curr_task) {
        err = K_ERR_OBJ_INVALID;
        TOS_CPU_INT_ENABLE();
    } else if ((t->attr & CMSIS_THREAD_ZOMBIE) != 0u) {
        TOS_CPU_INT_ENABLE();
    } else {
        /* Woken by the thread's end, in the critical section that ends it. */
        err = cmsis_wait(&t->join, &w, TOS_TIME_FOREVER, cpu_cpsr);
    }
    if (err == K_ERR_NONE) {
        thread_release(t);
    }
    return err;
}

k_err_t cmsis_thread_detach(cmsis_thread_t *t)
{
    k_err_t err = K_ERR_NONE;
    int zombie = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if ((t->attr & CMSIS_THREAD_JOINABLE) == 0u || !pend_is_nopending(&t->join)) {
        err = K_ERR_OBJ_INVALID;
    } else {
        t->attr &= ~CMSIS_THREAD_JOINABLE;
        zombie = (t->attr & CMSIS_THREAD_ZOMBIE) != 0u;
    }
    TOS_CPU_INT_ENABLE();
    if (zombie) {
        thread_release(t);
    }
    return err;
}

/* Checks the caller's stack memory; K_ERR_NONE if usable. */
static k_err_t thread_stack_check(const cmsis_thread_cfg_t *cfg)
{
    k_err_t err = K_ERR_NONE;

    if (cfg->stack_mem != K_NULL &&
        (cfg->stack_size < K_TASK_STK_SIZE_MIN || cfg->stack_size % CMSIS_STACK_ALIGN != 0u ||
         !cmsis_is_aligned(cfg->stack_mem, CMSIS_STACK_ALIGN))) {
        err = K_ERR_OBJ_INVALID;
    }
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    /* Memory that holds a live kernel task must not be wiped. */
    if (err == K_ERR_NONE && cfg->cb_mem != K_NULL && cfg->cb_size >= sizeof(cmsis_thread_t) &&
        cmsis_is_aligned(cfg->cb_mem, _Alignof(cmsis_thread_t)) &&
        cmsis_task_is_live((k_task_t *)cfg->cb_mem)) {
        err = K_ERR_OBJ_INVALID;
    }
#endif
    return err;
}

/* Control block and stack for a new thread; K_ERR_NONE and *out set on success. */
static k_err_t thread_memory_get(const cmsis_thread_cfg_t *cfg, cmsis_thread_t **out,
                                 k_stack_t **stk, size_t *stk_size)
{
    int cb_dyn = K_FALSE;
    cmsis_thread_t *t = (cmsis_thread_t *)cmsis_cb_get(
        cfg->cb_mem, cfg->cb_size, sizeof(cmsis_thread_t), _Alignof(cmsis_thread_t),
        offsetof(cmsis_thread_t, magic), CMSIS_MAGIC_THREAD, &cb_dyn);
    k_err_t err = t != K_NULL ? K_ERR_NONE : (cb_dyn ? K_ERR_OUT_OF_MEMORY : K_ERR_OBJ_INVALID);

    *stk = (k_stack_t *)cfg->stack_mem;
    *stk_size = cfg->stack_size;
    if (err == K_ERR_NONE && *stk == K_NULL) {
        *stk_size = cfg->stack_size != 0u ? cfg->stack_size : TOS_CFG_CMSIS_THREAD_STACK_SIZE;
        *stk_size = (*stk_size + CMSIS_STACK_ALIGN - 1u) & ~(size_t)(CMSIS_STACK_ALIGN - 1u);
        *stk = (k_stack_t *)cmsis_alloc(*stk_size);
        err = *stk != K_NULL ? K_ERR_NONE : K_ERR_OUT_OF_MEMORY;
        t->attr = err == K_ERR_NONE ? CMSIS_THREAD_STK_DYN : 0u;
    }
    if (t != K_NULL) {
        t->attr |= cb_dyn ? CMSIS_THREAD_CB_DYN : 0u;
        /* Known before the task exists, so that a failed create frees it. */
        t->task.stk_base = *stk;
    }
    *out = t;
    return err;
}

static void thread_init(cmsis_thread_t *t, const cmsis_thread_cfg_t *cfg, cmsis_func_t func,
                        void *arg)
{
    t->magic = CMSIS_MAGIC_THREAD;
    t->attr |= cfg->attr & (CMSIS_THREAD_JOINABLE | CMSIS_THREAD_V1);
    t->api_prio = cfg->api_prio;
    t->name = cfg->name;
    if ((cfg->attr & CMSIS_THREAD_V1) != 0u) {
        t->func.v1 = (void (*)(const void *))func;
    } else {
        t->func.v2 = (void (*)(void *))func;
    }
    t->arg = arg;
    cmsis_flags_init(&t->tflags);
    pend_object_init(&t->join);
    tos_list_init(&t->reap);
}

k_err_t cmsis_thread_create(const cmsis_thread_cfg_t *cfg, cmsis_func_t func, void *arg,
                            cmsis_thread_t **thread)
{
    cmsis_thread_t *t = K_NULL;
    k_stack_t *stk = K_NULL;
    size_t stk_size = 0u;
    k_err_t err = cmsis_kernel_initialized() ? K_ERR_NONE : K_ERR_KNL_NOT_RUNNING;

    cmsis_reap();
    if (err == K_ERR_NONE) {
        err = thread_stack_check(cfg);
    }
    if (err == K_ERR_NONE) {
        err = thread_memory_get(cfg, &t, &stk, &stk_size);
    }
    if (err == K_ERR_NONE) {
        thread_init(t, cfg, func, arg);
        /* Published first: a more urgent thread runs (and may end) inside the create. */
        *thread = t;
        err = tos_task_create(&t->task, (char *)(uintptr_t)(cfg->name != K_NULL ? cfg->name : ""),
                              cmsis_thread_entry, t, cfg->prio, stk, stk_size, 0u);
    }
    if (err != K_ERR_NONE && t != K_NULL) {
        thread_release(t);
    }
    return err;
}

/* ---- suspend, resume, enumerate, stack ---------------------------------------- */

static int task_is_waiting(k_task_t *task)
{
    return (task->state & (K_TASK_STATE_SLEEP | K_TASK_STATE_PEND)) != 0u;
}

k_err_t cmsis_task_suspend(k_task_t *task)
{
    k_err_t err;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (task != k_curr_task && !task_state_is_suspended(task) && task_is_waiting(task)) {
        /* CMSIS: a suspended thread leaves the wait it was in. */
        cmsis_wake(task, PEND_STATE_TIMEOUT);
    }
    err = tos_task_suspend(task);
    TOS_CPU_INT_ENABLE();
    return err;
}

k_err_t cmsis_task_resume(k_task_t *task)
{
    k_err_t err = K_ERR_NONE;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (task_state_is_suspended(task)) {
        err = tos_task_resume(task);
    } else if (task_is_waiting(task)) {
        cmsis_wake(task, PEND_STATE_TIMEOUT);
        knl_sched();
    } else {
        err = K_ERR_TASK_NOT_DELAY;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

int cmsis_task_inherited_prio(k_task_t *task, uint32_t attr_v1, int32_t *prio)
{
    int found = K_FALSE;
#if TOS_CFG_MUTEX_EN > 0u
    k_mutex_t *m;
    k_task_t *waiter;
    cmsis_thread_t *t;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH_ENTRY(m, k_mutex_t, owner_anchor, &task->mutex_own_list) {
        waiter = pend_highest_pending_task_get(&m->pend_obj);
        t = waiter != K_NULL && waiter->prio == task->prio ? cmsis_thread_of(waiter) : K_NULL;
        if (!found && t != K_NULL && (t->attr & CMSIS_THREAD_V1) == attr_v1) {
            *prio = t->api_prio;
            found = K_TRUE;
        }
    }
    TOS_CPU_INT_ENABLE();
#else
    (void)task;
    (void)attr_v1;
    (void)prio;
#endif
    return found;
}

uint32_t cmsis_task_enumerate(void **ids, uint32_t max)
{
    uint32_t count = 0u;
    k_list_t *node;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH(node, &k_stat_list) {
        if (ids != K_NULL && count < max) {
            ids[count] = TOS_LIST_ENTRY(node, k_task_t, stat_list);
        }
        ++count;
    }
    TOS_CPU_INT_ENABLE();
    return ids != K_NULL && count > max ? max : count;
}

uint32_t cmsis_task_stack_space(k_task_t *task)
{
    uint32_t space = 0u;
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    int depth = 0;

    if (tos_task_stack_draught_depth(task, &depth) == K_ERR_NONE && depth >= 0 &&
        (size_t)depth <= task->stk_size) {
        space = (uint32_t)(task->stk_size - (size_t)depth);
    }
#else
    (void)task;
#endif
    return space;
}

#endif /* CMSIS_CORE_EN */
