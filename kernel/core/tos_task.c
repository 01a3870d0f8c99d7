/* Task management (contract §10). */
#include "knl_private.h"

static void task_exit(void);

/*
 * Ready-queue steps of task creation and exit, neither a hot path: with
 * mutexes, priority inheritance (task_do_prio_change()) links the
 * out-of-line forms anyway, so these share them instead of a copy inline.
 */
__KNL_INLINE__ void task_rdyq_add_tail(k_task_t *task)
{
#if TOS_CFG_MUTEX_EN > 0u
    readyqueue_add_at(task, 0);
#else
    knl_rdyq_add_tail(task);
#endif
}

__KNL_INLINE__ void task_rdyq_remove(k_task_t *task)
{
#if TOS_CFG_MUTEX_EN > 0u
    readyqueue_remove(task);
#else
    knl_rdyq_remove_running(task);
#endif
}

/*
 * The bookkeeping a new or destroyed task starts from. The list nodes are
 * not part of it: a new task is linked at once (task_do_create), and no
 * list operation looks at a destroyed task's nodes (its state says it is in
 * no list) until it is created again.
 */
static void task_reset(k_task_t *task)
{
#if TOS_CFG_MUTEX_EN > 0u
    tos_list_init(&task->mutex_own_list);
    task->prio_pending = K_TASK_PRIO_INVALID;
#endif
    task->pending_obj = K_NULL;
    task->pend_state = PEND_STATE_NONE;
    /* Cleared whenever the fields exist, also for the priority variants only (§40.7). */
#if (TOS_CFG_MESSAGE_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u)
    task->msg = K_NULL;
#endif
#if (TOS_CFG_MAIL_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u)
    task->mail = K_NULL;
    task->mail_size = 0u;
#endif
#if TOS_CFG_EVENT_EN > 0u
    task->opt_event_pend = (k_opt_t)0u;
    task->flag_expect = (k_event_flag_t)0u;
    task->flag_match = K_NULL;
#endif
#if TOS_CFG_TASK_RUNTIME_STATS_EN > 0u
    task->run_ticks = (k_tick_t)0u;
#endif
}

/* Always NUL-terminated, and a NULL name is taken as "" (§40.6). */
static void task_name_set(k_task_t *task, const char *name)
{
    size_t i = 0u;

    if (name != K_NULL) {
        for (; i < K_TASK_NAME_LEN_MAX && name[i] != '\0'; ++i) {
            task->name[i] = name[i];
        }
    }
    task->name[i] = '\0';
}

static k_err_t task_prio_check(k_task_t *task, k_prio_t prio)
{
    k_err_t err = K_ERR_NONE;

    if ((prio == K_TASK_PRIO_IDLE && !knl_task_is_idle(task)) || prio > K_TASK_PRIO_IDLE) {
        err = K_ERR_TASK_PRIO_INVALID;
    }
    return err;
}

static k_err_t task_create_check(k_task_t *task, k_task_entry_t entry, k_prio_t prio,
                                 k_stack_t *stk_base, size_t stk_size)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE && (task == K_NULL || entry == K_NULL || stk_base == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    if (err == K_ERR_NONE && knl_object_verify(&task->knl_obj, KNL_OBJ_TYPE_TASK)) {
        err = K_ERR_TASK_ALREADY_CREATED;
    }
#endif
    if (err == K_ERR_NONE && stk_size < K_TASK_STK_SIZE_MIN) {
        err = K_ERR_TASK_STK_SIZE_INVALID;
    }
    if (err == K_ERR_NONE) {
        err = task_prio_check(task, prio);
    }
    return err;
}

/* Everything but the checks; the alloc type is set before the task can run (§40.5). */
static void task_do_create(k_task_t *task, char *name, k_task_entry_t entry, void *arg,
                           k_prio_t prio, k_stack_t *stk_base, size_t stk_size,
                           k_timeslice_t timeslice, knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();

    task_reset(task);
    knl_object_init(&task->knl_obj, KNL_OBJ_TYPE_TASK);
    task->knl_obj.alloc_type = alloc_type;
    task->entry = entry;
    task->arg = arg;
    task->prio = prio;
    task->stk_base = stk_base;
    task->stk_size = stk_size;
    task_name_set(task, name);
    task->sp = knl_task_stk_init((void *)entry, arg, (void *)task_exit, stk_base, stk_size);
#if TOS_CFG_ROUND_ROBIN_EN > 0u
    task->timeslice_reload = timeslice;
    task->timeslice = timeslice > 0u ? timeslice : k_robin_default_timeslice;
#else
    (void)timeslice;
#endif

    TOS_CPU_INT_DISABLE();
    tos_list_add(&task->stat_list, &k_stat_list);
    task_state_set_ready(task);
    task_rdyq_add_tail(task);
    knl_resched(cpu_cpsr);
    TOS_CPU_INT_ENABLE();
}

__API__ k_err_t tos_task_create(k_task_t *task, char *name, k_task_entry_t entry, void *arg,
                                k_prio_t prio, k_stack_t *stk_base, size_t stk_size,
                                k_timeslice_t timeslice)
{
    k_err_t err = task_create_check(task, entry, prio, stk_base, stk_size);

    if (err == K_ERR_NONE) {
        task_do_create(task, name, entry, arg, prio, stk_base, stk_size, timeslice,
                       KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u

static k_err_t task_create_dyn_check(k_task_t **task, k_task_entry_t entry, k_prio_t prio,
                                     size_t stk_size)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE && (task == K_NULL || entry == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE && stk_size < K_TASK_STK_SIZE_MIN) {
        err = K_ERR_TASK_STK_SIZE_INVALID;
    }
    if (err == K_ERR_NONE && prio >= K_TASK_PRIO_IDLE) {
        err = K_ERR_TASK_PRIO_INVALID;
    }
    return err;
}

__API__ k_err_t tos_task_create_dyn(k_task_t **task, char *name, k_task_entry_t entry, void *arg,
                                    k_prio_t prio, size_t stk_size, k_timeslice_t timeslice)
{
    k_task_t *the_task = K_NULL;
    k_stack_t *stk_base = K_NULL;
    k_err_t err = task_create_dyn_check(task, entry, prio, stk_size);

    if (err == K_ERR_NONE) {
        the_task = (k_task_t *)tos_mmheap_calloc(1u, sizeof(k_task_t));
        stk_base = the_task != K_NULL ? (k_stack_t *)tos_mmheap_alloc(stk_size) : K_NULL;
        if (stk_base == K_NULL) {
            tos_mmheap_free(the_task);
            err = K_ERR_TASK_OUT_OF_MEMORY;
        }
    }
    if (err == K_ERR_NONE) {
        /* Published before the new task can run and, possibly, end (§40.5). */
        *task = the_task;
        task_do_create(the_task, name, entry, arg, prio, stk_base, stk_size, timeslice,
                       KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    }
    return err;
}

static void task_free(k_task_t *task)
{
    tos_mmheap_free(task->stk_base);
    tos_mmheap_free(task);
}

__KNL__ void task_free_all(void)
{
    k_task_t *task;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    while (!tos_list_empty(&k_dead_task_list)) {
        task = TOS_LIST_FIRST_ENTRY(&k_dead_task_list, k_task_t, dead_list);
        tos_list_del(&task->dead_list);
        /* The heap serialises itself; no need to hold interrupts off while freeing. */
        TOS_CPU_INT_ENABLE();
        task_free(task);
        TOS_CPU_INT_DISABLE();
    }
    TOS_CPU_INT_ENABLE();
}

#endif /* TOS_CFG_TASK_DYNAMIC_CREATE_EN */

/* Owner death (§14.6): every waiter of every mutex the task owns learns of it. */
static void task_mutexes_release(k_task_t *task)
{
#if TOS_CFG_MUTEX_EN > 0u
    k_mutex_t *mutex, *tmp;

    TOS_LIST_FOR_EACH_ENTRY_SAFE(mutex, tmp, k_mutex_t, owner_anchor, &task->mutex_own_list) {
        mutex_release(mutex);
    }
#else
    (void)task;
#endif
}

/* Removes a task from every kernel list; interrupts disabled. */
static void task_unlink(k_task_t *task)
{
    task_mutexes_release(task);
    if (task_state_is_ready(task)) {
        readyqueue_remove(task);
    }
    if (task_state_is_sleeping(task)) {
        tick_list_remove(task);
    }
    if (task_state_is_pending(task)) {
        pend_list_remove(task);
    }
    tos_list_del(&task->stat_list);
}

/*
 * The end of a task taken off every list: nothing of it stays live. A
 * dynamic task that destroys itself still runs on its stack: the idle task
 * frees it later. Interrupts disabled.
 */
static void task_retire(k_task_t *task)
{
#if TOS_CFG_PEND_EN > 0u
    task_reset(task);
#elif TOS_CFG_TASK_RUNTIME_STATS_EN > 0u
    task->run_ticks = (k_tick_t)0u; /* the pend fields never leave their creation values */
#endif
    knl_object_deinit(&task->knl_obj);
    task_state_set_deleted(task);
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    if (knl_object_alloc_is_dynamic(&task->knl_obj) && knl_task_is_self(task)) {
        tos_list_add(&task->dead_list, &k_dead_task_list);
    }
#endif
}

static void task_do_destroy(k_task_t *task)
{
    int free_now = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    task_unlink(task);
    task_retire(task);
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    free_now = knl_object_alloc_is_dynamic(&task->knl_obj) && !knl_task_is_self(task);
#endif
    knl_resched(cpu_cpsr);
    TOS_CPU_INT_ENABLE();
    /* Only reached when the victim was another task. */
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    if (free_now) {
        task_free(task);
    }
#else
    (void)free_now;
#endif
}

/*
 * The last step of a task that returned: the switch away, which must take
 * place even when the task returned with interrupts masked (its state ends
 * with it; the next task runs with its own). A port that switches at once
 * never comes back here; on the others, unmasking takes the switch.
 */
__KNL_INLINE__ void task_exit_switch(cpu_cpsr_t cpu_cpsr)
{
#if defined(PORT_SWITCH_AT_ONCE)
    (void)cpu_cpsr;
    cpu_context_switch_to(knl_rdyq_highest());
#else
    knl_switch_to(knl_rdyq_highest(), cpu_cpsr);
    tos_cpu_int_enable();
#endif
    cpu_fatal_halt();
}

/*
 * A task whose entry function returns lands here (the port's initial frame
 * has it as the return address): tos_task_destroy(K_NULL) without the checks
 * that cannot fail for the running task (not in an ISR; a live, created
 * task object; not idle, whose entry never returns). The running task is in
 * the ready queue and in no other list, unless it returned from inside its
 * own critical section after blocking itself; that, and returning with the
 * scheduler locked (refused, with nothing to return to), is reported as
 * fatal: never a silent hang or a corrupted list.
 */
static void task_exit(void)
{
    k_task_t *self = k_curr_task;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (knl_locked() || !task_state_is_ready(self)) {
        tos_kprintln("tern: task '%s' returned with the scheduler locked or blocked", self->name);
        cpu_fatal_halt();
    }
    task_mutexes_release(self);
    task_rdyq_remove(self);
    tos_list_del(&self->stat_list);
    task_retire(self);
    task_exit_switch(cpu_cpsr);
}

static k_err_t task_destroy_check(k_task_t *task)
{
    k_err_t err = K_ERR_NONE;

    if (task == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL; /* only before tos_knl_start() */
    }
    if (err == K_ERR_NONE && !knl_object_verify(&task->knl_obj, KNL_OBJ_TYPE_TASK)) {
        err = K_ERR_OBJ_INVALID;
    }
    if (err == K_ERR_NONE && knl_task_is_self(task) && knl_locked()) {
        err = K_ERR_SCHED_LOCKED;
    }
    if (err == K_ERR_NONE && !knl_object_alloc_is_static(&task->knl_obj) &&
        !knl_object_alloc_is_dynamic(&task->knl_obj)) {
        err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
    }
    if (err == K_ERR_NONE && knl_task_is_idle(task)) {
        err = K_ERR_TASK_DESTROY_IDLE;
    }
    return err;
}

__API__ k_err_t tos_task_destroy(k_task_t *task)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        if (task == K_NULL) {
            task = k_curr_task;
        }
        err = task_destroy_check(task);
    }
    if (err == K_ERR_NONE) {
        task_do_destroy(task);
    }
    return err;
}

__API__ k_err_t tos_task_delay(k_tick_t delay)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_task_unlocked_err();

    if (err == K_ERR_NONE && delay == TOS_TIME_FOREVER) {
        err = K_ERR_DELAY_FOREVER;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (delay == (k_tick_t)0u) {
            /* tos_task_yield() (§10.5) for a caller already known to run unlocked. */
            tos_list_move_tail(&k_curr_task->pend_list, &k_rdyq.task_list_head[k_curr_task->prio]);
            knl_resched_switch(cpu_cpsr);
        } else {
            knl_rdyq_remove_running(k_curr_task);
            tick_list_add(k_curr_task, delay);
            knl_switch_away(cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__KNL__ void task_do_delay_abort(k_task_t *task)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (task->state == K_TASK_STATE_SLEEP) {
        tick_list_remove(task);
        readyqueue_add(task);
        knl_resched(cpu_cpsr);
    }
    TOS_CPU_INT_ENABLE();
}

__API__ k_err_t tos_task_delay_abort(k_task_t *task)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE && task == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE && !knl_object_verify(&task->knl_obj, KNL_OBJ_TYPE_TASK)) {
        err = K_ERR_OBJ_INVALID;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        /* A timed wait on an object is not a delay (§40.1: rejected, lists intact). */
        if (knl_task_is_self(task) || !task_state_is_sleeping(task) ||
            task_state_is_pending(task)) {
            err = K_ERR_TASK_NOT_DELAY;
        } else if (task_state_is_suspended(task)) {
            err = K_ERR_TASK_SUSPENDED;
        } else {
            tick_list_remove(task);
            readyqueue_add(task);
            knl_resched(cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

static k_err_t task_target_check(k_task_t *task)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && task == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE && !knl_object_verify(&task->knl_obj, KNL_OBJ_TYPE_TASK)) {
        err = K_ERR_OBJ_INVALID;
    }
    return err;
}

__API__ k_err_t tos_task_suspend(k_task_t *task)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = task_target_check(task != K_NULL ? task : k_curr_task);

    if (task == K_NULL) {
        task = k_curr_task;
    }
    if (err == K_ERR_NONE && knl_task_is_idle(task)) {
        err = K_ERR_TASK_SUSPEND_IDLE;
    }
    if (err == K_ERR_NONE && knl_task_is_self(task) && knl_locked()) {
        err = K_ERR_SCHED_LOCKED;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (task_state_is_ready(task)) {
            knl_rdyq_remove(task);
        }
        task_state_set_suspended(task);
        knl_resched_inline(cpu_cpsr);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_task_resume(k_task_t *task)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = task_target_check(task);

    /*
     * A current task that is suspended has suspended itself and is only
     * waiting for the switch-out; an ISR taken in that window may resume it
     * (the original refused it as "self" and the wake-up was lost).
     */
    if (err == K_ERR_NONE && knl_task_is_self(task) && !task_state_is_suspended(task)) {
        err = K_ERR_TASK_RESUME_SELF;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (task_state_is_suspended(task)) {
            task_state_reset_suspended(task);
            if (task_state_is_ready(task)) {
                knl_rdyq_add(task);
            }
        }
        knl_resched_inline(cpu_cpsr);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__KNL__ void task_do_prio_change(k_task_t *task, k_prio_t prio_new)
{
    if (task->prio == prio_new) {
        /* nothing to move */
    } else if (task_state_is_pending(task)) {
        task->prio = prio_new;
        pend_list_adjust(task);
    } else if (task_state_is_ready(task)) {
        readyqueue_remove(task);
        task->prio = prio_new;
        readyqueue_add_at(task, knl_task_is_self(task));
    } else {
        /* Sleeping or only suspended: queued at the new priority when it wakes (§40.2). */
        task->prio = prio_new;
    }
}

/* Applies a requested priority, clamped by the waiters of the mutexes the task owns. */
static void task_prio_apply(k_task_t *task, k_prio_t prio_new)
{
#if TOS_CFG_MUTEX_EN > 0u
    k_prio_t waiter_prio;

    if (!tos_list_empty(&task->mutex_own_list)) {
        /* Remember the request: it is the base to return to at release (§14.5). */
        task->prio_pending = prio_new;
        waiter_prio = mutex_highest_pending_prio_get(task);
        if (waiter_prio < prio_new) {
            prio_new = waiter_prio;
        }
    }
#endif
    task_do_prio_change(task, prio_new);
}

__API__ k_err_t tos_task_prio_change(k_task_t *task, k_prio_t prio_new)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        err = task_target_check(task);
    }
    if (err == K_ERR_NONE && prio_new >= K_TASK_PRIO_IDLE) {
        err = K_ERR_TASK_PRIO_INVALID;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        task_prio_apply(task, prio_new);
        knl_resched(cpu_cpsr);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/*
 * The running task is in the ready queue: behind its peers it goes. With
 * the scheduler locked it goes there all the same, and the peer runs at
 * the unlock.
 */
__API__ void tos_task_yield(void)
{
    TOS_CPU_CPSR_ALLOC();
    int unlocked = knl_task_unlocked();

    if (unlocked || (knl_running() && !knl_inirq())) {
        if (!cpu_is_foreign_context()) {
            TOS_CPU_INT_DISABLE();
            tos_list_move_tail(&k_curr_task->pend_list, &k_rdyq.task_list_head[k_curr_task->prio]);
            if (unlocked) {
                knl_resched_switch(cpu_cpsr);
            }
            TOS_CPU_INT_ENABLE();
        }
    }
}

__API__ k_task_t *tos_task_curr_task_get(void)
{
    return knl_running() ? k_curr_task : K_NULL;
}

__API__ void tos_task_walkthru(k_task_walker_t walker)
{
    k_task_t *task;
    TOS_CPU_CPSR_ALLOC();

    if (walker != K_NULL && knl_ctx_check() == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        TOS_LIST_FOR_EACH_ENTRY(task, k_task_t, stat_list, &k_stat_list) {
            walker(task);
        }
        TOS_CPU_INT_ENABLE();
    }
}

__DEBUG__ void tos_task_info_display(void)
{
    tos_task_walkthru(task_default_walker);
}

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
__API__ k_err_t tos_task_stack_draught_depth(k_task_t *task, int *depth)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && depth == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        err = task_target_check(task != K_NULL ? task : k_curr_task);
    }
    if (err == K_ERR_NONE) {
        task = task != K_NULL ? task : k_curr_task;
        TOS_CPU_INT_DISABLE();
        err = cpu_task_stack_draught_depth(task->stk_base, task->stk_size, depth);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}
#endif
