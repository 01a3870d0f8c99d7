/* Task management (contract §10). */
#ifndef _TOS_TASK_H_
#define _TOS_TASK_H_

__CDECLS_BEGIN

#define K_TASK_NAME_LEN_MAX (15u)
#define K_TASK_NAME_MAX     (K_TASK_NAME_LEN_MAX + 1)

#define K_TASK_STK_SIZE_MIN (sizeof(cpu_context_t))

#define K_TASK_PRIO_IDLE    (k_prio_t)(TOS_CFG_TASK_PRIO_MAX - (k_prio_t)1u)
#define K_TASK_PRIO_INVALID (k_prio_t)(TOS_CFG_TASK_PRIO_MAX)

/* The state is a bit set; "ready" (and "running") is exactly 0. */
#define K_TASK_STATE_READY           (k_task_state_t)0x0000
#define K_TASK_STATE_SLEEP           (k_task_state_t)0x0001
#define K_TASK_STATE_PEND            (k_task_state_t)0x0002
#define K_TASK_STATE_SUSPENDED       (k_task_state_t)0x0004
#define K_TASK_STATE_DELETED         (k_task_state_t)0x0008
#define K_TASK_STATE_PENDTIMEOUT     (k_task_state_t)(K_TASK_STATE_PEND | K_TASK_STATE_SLEEP)
#define K_TASK_STATE_SLEEP_SUSPENDED (k_task_state_t)(K_TASK_STATE_SLEEP | K_TASK_STATE_SUSPENDED)
#define K_TASK_STATE_PEND_SUSPENDED  (k_task_state_t)(K_TASK_STATE_PEND | K_TASK_STATE_SUSPENDED)
#define K_TASK_STATE_PENDTIMEOUT_SUSPENDED \
    (k_task_state_t)(K_TASK_STATE_PENDTIMEOUT | K_TASK_STATE_SUSPENDED)

typedef void (*k_task_entry_t)(void *arg);
typedef void (*k_task_walker_t)(k_task_t *task);

/* Member order is part of the contract; `sp` must stay first (ports use it). */
struct k_task_st {
    k_stack_t *sp;
    knl_obj_t knl_obj;
    char name[K_TASK_NAME_MAX];
    k_task_entry_t entry;
    void *arg;
    k_task_state_t state;
    k_prio_t prio;
    k_stack_t *stk_base;
    size_t stk_size;
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    k_list_t dead_list;
#endif
    k_list_t stat_list;
    k_tick_t tick_expires;
    k_list_t tick_list;
    k_list_t pend_list;
#if TOS_CFG_MUTEX_EN > 0u
    k_list_t mutex_own_list;
    k_prio_t prio_pending;
#endif
    pend_obj_t *pending_obj;
    pend_state_t pend_state;
#if TOS_CFG_ROUND_ROBIN_EN > 0u
    k_timeslice_t timeslice_reload;
    k_timeslice_t timeslice;
#endif
#if (TOS_CFG_MESSAGE_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u)
    void *msg;
#endif
#if (TOS_CFG_MAIL_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u)
    void *mail;
    size_t mail_size;
#endif
#if TOS_CFG_EVENT_EN > 0u
    k_opt_t opt_event_pend;
    k_event_flag_t flag_expect;
    k_event_flag_t *flag_match;
#endif
#if TOS_CFG_TASK_RUNTIME_STATS_EN > 0u
    /* Tern extension: ticks that found this task running (CPU share). */
    k_tick_t run_ticks;
#endif
};

/*
 * Creates a task on caller-provided TCB and stack (bytes). Returning from
 * entry destroys the task. Reschedules if the kernel is running.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL (task, entry, stk_base);
 * K_ERR_TASK_ALREADY_CREATED (verify on, live task object);
 * K_ERR_TASK_STK_SIZE_INVALID (< K_TASK_STK_SIZE_MIN);
 * K_ERR_TASK_PRIO_INVALID (idle priority or above).
 */
__API__ k_err_t tos_task_create(k_task_t *task, char *name, k_task_entry_t entry, void *arg,
                                k_prio_t prio, k_stack_t *stk_base, size_t stk_size,
                                k_timeslice_t timeslice);

#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
/*
 * As tos_task_create() with TCB and stack from the heap; *task is written
 * before the new task can run.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL (task, entry);
 * K_ERR_TASK_STK_SIZE_INVALID; K_ERR_TASK_PRIO_INVALID;
 * K_ERR_TASK_OUT_OF_MEMORY; any error of tos_task_create().
 */
__API__ k_err_t tos_task_create_dyn(k_task_t **task, char *name, k_task_entry_t entry, void *arg,
                                    k_prio_t prio, size_t stk_size, k_timeslice_t timeslice);
#endif

/*
 * Destroys a task (K_NULL = the caller; then it does not return). Owned
 * mutexes are released with K_ERR_PEND_OWNER_DIE to their waiters.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_INVALID; K_ERR_SCHED_LOCKED (self while
 * locked); K_ERR_OBJ_INVALID_ALLOC_TYPE; K_ERR_TASK_DESTROY_IDLE.
 */
__API__ k_err_t tos_task_destroy(k_task_t *task);

/*
 * Sleeps delay ticks (0 = yield). Returns K_ERR_NONE on expiry or abort.
 * Errors: K_ERR_IN_IRQ; K_ERR_SCHED_LOCKED; K_ERR_DELAY_FOREVER.
 */
__API__ k_err_t tos_task_delay(k_tick_t delay);

/*
 * Ends another task's tos_task_delay() early.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_TASK_NOT_DELAY (self, not sleeping, or in a timed wait on an
 * object); K_ERR_TASK_SUSPENDED.
 */
__API__ k_err_t tos_task_delay_abort(k_task_t *task);

/*
 * Suspends a task (K_NULL = the caller). Usable from an ISR.
 * Errors: K_ERR_OBJ_INVALID; K_ERR_TASK_SUSPEND_IDLE; K_ERR_SCHED_LOCKED
 * (self while locked).
 */
__API__ k_err_t tos_task_suspend(k_task_t *task);

/*
 * Resumes a suspended task. Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_TASK_RESUME_SELF (the
 * running task; in an ISR the interrupted one, unless it has just suspended
 * itself and is being switched out: that resume succeeds).
 */
__API__ k_err_t tos_task_resume(k_task_t *task);

/*
 * Changes a task's priority, honouring priority inheritance of owned mutexes.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_TASK_PRIO_INVALID (>= K_TASK_PRIO_IDLE).
 */
__API__ k_err_t tos_task_prio_change(k_task_t *task, k_prio_t prio_new);

/* Moves the caller behind its equal-priority peers. No effect in an ISR. */
__API__ void tos_task_yield(void);

/* The running task, or K_NULL before tos_knl_start(). */
__API__ k_task_t *tos_task_curr_task_get(void);

/* Calls walker on every live task, newest first, with interrupts disabled. */
__API__ void tos_task_walkthru(k_task_walker_t walker);

__DEBUG__ void tos_task_info_display(void);

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
/*
 * Deepest stack use of a task in bytes (K_NULL = the caller).
 * Errors: K_ERR_OBJ_PTR_NULL (depth); K_ERR_OBJ_INVALID;
 * K_ERR_TASK_STK_OVERFLOW (the whole stack was used).
 */
__API__ k_err_t tos_task_stack_draught_depth(k_task_t *task, int *depth);

/*
 * Tern extension: called when a task is switched out with the guard bytes at
 * the far end of its stack overwritten. The default prints the task's name
 * and ends the program through cpu_fatal_halt() (status 134 on emulated
 * boards and the host); a board or test may replace it.
 */
__HOOK__ void tos_task_stack_overflow_hook(k_task_t *task);
#endif

/* Kernel-internal: frees self-destroyed dynamic tasks (idle task). */
__KNL__ void task_free_all(void);

__KNL__ __STATIC_INLINE__ int task_state_is_ready(k_task_t *task)
{
    return task->state == K_TASK_STATE_READY;
}

__KNL__ __STATIC_INLINE__ int task_state_is_sleeping(k_task_t *task)
{
    return task->state & K_TASK_STATE_SLEEP;
}

/* Constant 0 without wait lists (TOS_CFG_PEND_EN 0): no task ever waits. */
__KNL__ __STATIC_INLINE__ int task_state_is_pending(k_task_t *task)
{
    return TOS_CFG_PEND_EN > 0u && (task->state & K_TASK_STATE_PEND);
}

__KNL__ __STATIC_INLINE__ int task_state_is_suspended(k_task_t *task)
{
    return task->state & K_TASK_STATE_SUSPENDED;
}

__KNL__ __STATIC_INLINE__ void task_state_reset_pending(k_task_t *task)
{
    task->state &= ~K_TASK_STATE_PEND;
}

__KNL__ __STATIC_INLINE__ void task_state_reset_sleeping(k_task_t *task)
{
    task->state &= ~K_TASK_STATE_SLEEP;
}

__KNL__ __STATIC_INLINE__ void task_state_reset_suspended(k_task_t *task)
{
    task->state &= ~K_TASK_STATE_SUSPENDED;
}

__KNL__ __STATIC_INLINE__ void task_state_set_suspended(k_task_t *task)
{
    task->state |= K_TASK_STATE_SUSPENDED;
}

__KNL__ __STATIC_INLINE__ void task_state_set_pend(k_task_t *task)
{
    task->state |= K_TASK_STATE_PEND;
}

__KNL__ __STATIC_INLINE__ void task_state_set_ready(k_task_t *task)
{
    task->state = K_TASK_STATE_READY;
}

__KNL__ __STATIC_INLINE__ void task_state_set_deleted(k_task_t *task)
{
    task->state = K_TASK_STATE_DELETED;
}

__KNL__ __STATIC_INLINE__ void task_state_set_sleeping(k_task_t *task)
{
    task->state |= K_TASK_STATE_SLEEP;
}

extern k_task_t *k_curr_task;

__DEBUG__ __STATIC_INLINE__ void task_default_walker(k_task_t *task)
{
    const char *state_str = "ABNORMAL";

    if (task == k_curr_task) {
        state_str = "RUNNING";
    } else if (task->state == K_TASK_STATE_PENDTIMEOUT_SUSPENDED) {
        state_str = "PENDTIMEOUT_SUSPENDED";
    } else if (task->state == K_TASK_STATE_PEND_SUSPENDED) {
        state_str = "PEND_SUSPENDED";
    } else if (task->state == K_TASK_STATE_SLEEP_SUSPENDED) {
        state_str = "SLEEP_SUSPENDED";
    } else if (task->state == K_TASK_STATE_PENDTIMEOUT) {
        state_str = "PENDTIMEOUT";
    } else if (task->state == K_TASK_STATE_SUSPENDED) {
        state_str = "SUSPENDED";
    } else if (task->state == K_TASK_STATE_PEND) {
        state_str = "PEND";
    } else if (task->state == K_TASK_STATE_SLEEP) {
        state_str = "SLEEP";
    } else if (task->state == K_TASK_STATE_READY) {
        state_str = "READY";
    }

    (void)state_str; /* unused when printing is compiled out */
    tos_kprintln("tsk name: %s", task->name);
    tos_kprintln("tsk stat: %s", state_str);
    tos_kprintln("stk size: %u", (unsigned)task->stk_size);
    tos_kprintln("stk base: 0x%p", (void *)task->stk_base);
    tos_kprintln("stk top : 0x%p", (void *)(task->stk_base + task->stk_size));
    tos_kprintf("\n");
}

__CDECLS_END

#endif /* _TOS_TASK_H_ */
