/*
 * Kernel-private helpers shared by every module in kernel/core.
 *
 * Conventions (see docs/architecture.md):
 *  - Public functions evaluate the contract's checks in the contract's order
 *    and have one exit path; no macro hides a `return`.
 *  - The common prologues below return K_ERR_NONE or the first failing check:
 *      knl_obj_check()      NULL, then VERIFY
 *      knl_irq_obj_check()  IRQ, then NULL, then VERIFY
 *    Both first reject a caller that is not running on the (simulated) CPU
 *    with K_ERR_KNL_FOREIGN_CONTEXT; on real CPUs that check compiles away.
 *  - Kernel state is only touched with interrupts disabled
 *    (TOS_CPU_CPSR_ALLOC / TOS_CPU_INT_DISABLE / TOS_CPU_INT_ENABLE).
 *  - knl_sched() may be called inside a critical section: the switch it
 *    requests happens when interrupts are enabled again.
 */
#ifndef _KNL_PRIVATE_H_
#define _KNL_PRIVATE_H_

#include "tos_k.h"

/* Hot-path helpers are inlined even at -Os: a call costs more than their body. */
#if defined(__GNUC__)
#define __KNL_INLINE__ static inline __attribute__((__always_inline__))
#else
#define __KNL_INLINE__ static inline
#endif

/*
 * The contract's core globals (§38.1) are members of one block,
 * k_knl_core (tos_sys.h; tos_global.c defines the contract's names as
 * symbols at the members). The kernel reaches them through the block
 * only: the names below stand for the members in kernel code, so that the
 * compiler sees one object (no store through one name can be missed by a
 * load through another) and takes one base address for all of them.
 * k_knl_state, k_sched_lock_nest_cnt and k_irq_nest_cnt are the bytes of
 * one word, so that the question every kernel call asks, "a running task,
 * outside interrupts, scheduler unlocked?", is one load and one compare.
 */
#define k_knl_status          (k_knl_core.status)
#define k_knl_state           (k_knl_core.status.b.state)
#define k_sched_lock_nest_cnt (k_knl_core.status.b.lock)
#define k_irq_nest_cnt        (k_knl_core.status.b.irq)
#if KNL_CORE_TASKS
#define k_curr_task  (k_knl_core.curr_task)
#define k_tick_count (k_knl_core.tick_count)
#define k_tick_list  (k_knl_core.tick_list)
#define k_stat_list  (k_knl_core.stat_list)
#endif
#if KNL_CORE_RDYQ
#define k_rdyq (k_knl_core.rdyq)
#endif

/* The word of a running kernel, in task context, with the scheduler unlocked. */
#if TOS_CFG_CPU_BYTE_ORDER == CPU_BYTE_ORDER_LITTLE_ENDIAN
#define KNL_STATUS_TASK ((uint32_t)KNL_STATE_RUNNING)
#else
#define KNL_STATUS_TASK ((uint32_t)KNL_STATE_RUNNING << 24u)
#endif

/*
 * The kernel's own view of its state, inlined on the hot paths (scheduler,
 * pend/post, tick); the out-of-line knl_is_inirq(), knl_is_sched_locked(),
 * knl_is_idle(), knl_is_self() and tos_knl_is_running() remain for ports
 * and adapters.
 */
__STATIC_INLINE__ int knl_running(void)
{
    return k_knl_state == KNL_STATE_RUNNING;
}

__STATIC_INLINE__ int knl_inirq(void)
{
    return k_irq_nest_cnt > 0u;
}

__STATIC_INLINE__ int knl_locked(void)
{
    return k_sched_lock_nest_cnt > 0u;
}

/* A running kernel, task context, scheduler unlocked (not the foreign-context test). */
__STATIC_INLINE__ int knl_task_unlocked(void)
{
    return k_knl_status.word == KNL_STATUS_TASK;
}

__STATIC_INLINE__ int knl_task_is_idle(const k_task_t *task)
{
    return task == &k_idle_task;
}

__STATIC_INLINE__ int knl_task_is_self(const k_task_t *task)
{
    return task == k_curr_task;
}

/* Every kernel object except k_task_t starts with its knl_obj_t. */
#define KNL_OBJ_OF(obj) ((knl_obj_t *)(void *)(obj))

__STATIC_INLINE__ k_err_t knl_ctx_check(void)
{
    return cpu_is_foreign_context() ? K_ERR_KNL_FOREIGN_CONTEXT : K_ERR_NONE;
}

/* Foreign context, then IRQ. */
__STATIC_INLINE__ k_err_t knl_irq_check(void)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && knl_inirq()) {
        err = K_ERR_IN_IRQ;
    }
    return err;
}

/*
 * The first failing check of a call that needs a running task with the
 * scheduler unlocked (foreign context, IRQ, not running, locked), or
 * K_ERR_NONE: the slow path behind knl_task_unlocked() (tos_sys.c).
 */
__KNL__ k_err_t knl_task_unlocked_check(void);

/* knl_task_unlocked_check() with the common case inline. */
__STATIC_INLINE__ k_err_t knl_task_unlocked_err(void)
{
    k_err_t err = K_ERR_NONE;

    if (cpu_is_foreign_context() || !knl_task_unlocked()) {
        err = knl_task_unlocked_check();
    }
    return err;
}

/* VERIFY alone (K_ERR_OBJ_INVALID when the tag differs; nothing when verify is off). */
__STATIC_INLINE__ k_err_t knl_obj_verify(const void *obj, knl_obj_type_t type)
{
    return knl_object_verify(KNL_OBJ_OF(obj), type) ? K_ERR_NONE : K_ERR_OBJ_INVALID;
}

/* Foreign context, NULL, VERIFY. obj must start with its knl_obj_t. */
__STATIC_INLINE__ k_err_t knl_obj_check(const void *obj, knl_obj_type_t type)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && obj == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        err = knl_obj_verify(obj, type);
    }
    return err;
}

/* Foreign context, IRQ, NULL, VERIFY. */
__STATIC_INLINE__ k_err_t knl_irq_obj_check(const void *obj, knl_obj_type_t type)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        err = knl_obj_check(obj, type);
    }
    return err;
}

/* Foreign context, NULL object or NULL argument, VERIFY (calls with a buffer or output). */
__STATIC_INLINE__ k_err_t knl_obj_arg_check(const void *obj, const void *arg, knl_obj_type_t type)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (obj == K_NULL || arg == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        err = knl_obj_check(obj, type);
    }
    return err;
}

/* For the int-returning queries (is_empty & co): valid object or not. */
__STATIC_INLINE__ int knl_obj_is_valid(const void *obj, knl_obj_type_t type)
{
    return knl_obj_check(obj, type) == K_ERR_NONE;
}

/*
 * Signed distance a - b in ticks, correct across the wrap of k_tick_t as long
 * as the two are less than half the tick range apart (absolute deadlines:
 * software timers).
 */
__STATIC_INLINE__ int64_t knl_tick_diff(k_tick_t a, k_tick_t b)
{
#if TOS_CFG_CPU_DATA_SIZE == CPU_WORD_SIZE_08
    return (int64_t)(int32_t)(uint32_t)(a - b);
#else
    return (int64_t)(uint64_t)(a - b);
#endif
}

/*
 * The tail of every blocking pend (contract §7.4 steps 3-5), entered with
 * interrupts disabled into `cpsr` after the caller found the resource
 * unavailable. Returns K_ERR_PEND_NOWAIT or K_ERR_PEND_SCHED_LOCKED without
 * blocking, otherwise blocks the caller on `object` and returns the wake-up
 * reason mapped to an error code. Always returns with interrupts restored.
 * `cpsr` comes before the 64-bit timeout so that every argument travels in
 * a register.
 */
#if TOS_CFG_PEND_EN > 0u
__KNL__ k_err_t knl_pend_wait(pend_obj_t *object, cpu_cpsr_t cpsr, k_tick_t timeout);
#endif

/*
 * Wakes one or all waiters of `object` with `state`, then reschedules.
 * Callers hold interrupts disabled, have checked that somebody waits, and
 * pass the state their critical section saved as cpu_cpsr (knl_resched()).
 */
__KNL__ void knl_pend_post(pend_obj_t *object, pend_state_t state, opt_post_t opt,
                           cpu_cpsr_t cpu_cpsr);

/* Destroy helper: wakes every waiter with PEND_STATE_DESTROY and reschedules. */
__KNL__ void knl_pend_destroy(pend_obj_t *object, cpu_cpsr_t cpu_cpsr);

#if (TOS_CFG_MESSAGE_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u)
/* Gives msg_ptr to the first or every waiter of object, then reschedules (knl_msg.c). */
__KNL__ void knl_msg_hand_over(pend_obj_t *object, void *msg_ptr, opt_post_t opt,
                               cpu_cpsr_t cpu_cpsr);
/* After knl_pend_wait(): collects the handed-over message (NOWAIT: K_NULL). */
__KNL__ void knl_msg_pend_finish(k_err_t err, void **msg_ptr);
#endif

#if (TOS_CFG_MAIL_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u)
/* Copies the mail into the buffer of the first or every waiter, then reschedules. */
__KNL__ void knl_mail_hand_over(pend_obj_t *object, const void *mail_buf, size_t mail_size,
                                opt_post_t opt, cpu_cpsr_t cpu_cpsr);
/* After knl_pend_wait(): reports the handed-over size (NOWAIT: 0) unless K_NULL. */
__KNL__ void knl_mail_pend_finish(k_err_t err, size_t *mail_size);
/*
 * Publishes the buffer a poster copies into while the caller sleeps. Out
 * of line: a pend whose mail is at hand then never reaches for the current
 * task, and keeps its registers for itself.
 */
__KNL__ void knl_mail_wait_buf_set(void *mail_buf);
#endif

/*
 * The ring queue's item transfer without the API's checks and critical
 * section, for the queues built on it (interrupts disabled, arguments
 * valid, item size the queue's): K_ERR_RING_Q_FULL / K_ERR_RING_Q_EMPTY.
 */
__KNL__ k_err_t ring_q_do_enqueue(k_ring_q_t *ring_q, const void *item);
__KNL__ k_err_t ring_q_do_dequeue(k_ring_q_t *ring_q, void *item, size_t *item_size);

/* An empty ring on `pool` (the caller decides whether a critical section is needed). */
__KNL_INLINE__ void ring_q_fields_init(k_ring_q_t *ring_q, void *pool, size_t item_cnt,
                                       size_t item_size, knl_obj_alloc_type_t alloc_type)
{
    ring_q->head = 0u;
    ring_q->tail = 0u;
    ring_q->total = 0u;
    ring_q->pool = (uint8_t *)pool;
    ring_q->item_size = item_size;
    ring_q->item_cnt = item_cnt;
    ring_q->knl_obj.alloc_type = alloc_type;
    knl_object_init(&ring_q->knl_obj, KNL_OBJ_TYPE_RING_QUEUE);
}

#if TOS_CFG_MUTEX_EN > 0u
/* Owner death (§14.6): releases `mutex` held by a dying task. */
__KNL__ void mutex_release(k_mutex_t *mutex);
/* Highest priority among waiters of all mutexes `task` owns (§10.9). */
__KNL__ k_prio_t mutex_highest_pending_prio_get(k_task_t *task);
#endif

/* ---- ready queue, inline (tos_sched.c has the out-of-line API) ---------- */

/* Rescans the bitmap for the highest ready priority (tos_sched.c). */
__KNL__ k_prio_t knl_rdyq_highest_scan(void);

/*
 * The bitmap word and bit of a priority. With at most 32 priorities (every
 * shipped configuration) the bitmap is one word: no index arithmetic, and
 * the bit is one shift of the top bit (the values of K_PRIO_NDX/K_PRIO_BIT).
 */
#if K_PRIO_TBL_SIZE == 1
#define KNL_PRIO_WORD(prio) (k_rdyq.prio_mask[0])
#define KNL_PRIO_BIT(prio)  ((uint32_t)0x80000000u >> (prio))
#else
#define KNL_PRIO_WORD(prio) (k_rdyq.prio_mask[K_PRIO_NDX(prio)])
#define KNL_PRIO_BIT(prio)  K_PRIO_BIT(prio)
#endif

/* An empty ready queue (tos_knl_init() inlines it: its only caller in an image). */
__KNL_INLINE__ void knl_rdyq_init(void)
{
    uint32_t i;

    for (i = 0u; i < TOS_CFG_TASK_PRIO_MAX; ++i) {
        tos_list_init(&k_rdyq.task_list_head[i]);
    }
    for (i = 0u; i < K_PRIO_TBL_SIZE; ++i) {
        k_rdyq.prio_mask[i] = 0u;
    }
    k_rdyq.highest_prio = K_TASK_PRIO_INVALID;
}

/*
 * The tick list, the task list and an empty ready queue (tos_knl_init()):
 * the list heads are one run in the core block (tos_sys.h), linked empty
 * in one loop, walked through the block's bytes (one object).
 */
__KNL_INLINE__ void knl_lists_init(void)
{
#if KNL_CORE_RDYQ
    uint32_t i;
    uint8_t *head = (uint8_t *)&k_knl_core + offsetof(knl_core_t, tick_list);

    for (i = 0u; i < 2u + TOS_CFG_TASK_PRIO_MAX; ++i) {
        tos_list_init((k_list_t *)(void *)head);
        head += sizeof(k_list_t);
    }
    for (i = 0u; i < K_PRIO_TBL_SIZE; ++i) {
        k_rdyq.prio_mask[i] = 0u;
    }
    k_rdyq.highest_prio = K_TASK_PRIO_INVALID;
#else
    knl_rdyq_init();
#if KNL_CORE_TASKS
    tos_list_init(&k_tick_list);
    tos_list_init(&k_stat_list);
#endif
#endif
}

/* The highest ready priority from the bitmap: one instruction where the core counts zeros. */
__KNL_INLINE__ k_prio_t knl_rdyq_scan(void)
{
#if (K_PRIO_TBL_SIZE == 1) && (TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT > 0u) && defined(__GNUC__)
    uint32_t mask = k_rdyq.prio_mask[0];

    return mask != 0u ? (k_prio_t)__builtin_clz(mask) : K_TASK_PRIO_INVALID;
#else
    return knl_rdyq_highest_scan();
#endif
}

/* knl_rdyq_scan() once the kernel runs: the idle task is always ready, the bitmap never empty. */
__KNL_INLINE__ k_prio_t knl_rdyq_scan_running(void)
{
#if (K_PRIO_TBL_SIZE == 1) && (TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT > 0u) && defined(__GNUC__)
    return (k_prio_t)__builtin_clz(k_rdyq.prio_mask[0]);
#else
    return knl_rdyq_highest_scan();
#endif
}

__KNL_INLINE__ k_task_t *knl_rdyq_highest(void)
{
    return TOS_LIST_FIRST_ENTRY(&k_rdyq.task_list_head[k_rdyq.highest_prio], k_task_t, pend_list);
}

__KNL_INLINE__ void knl_rdyq_mark(k_prio_t prio)
{
    KNL_PRIO_WORD(prio) |= KNL_PRIO_BIT(prio);
    if (prio < k_rdyq.highest_prio) {
        k_rdyq.highest_prio = prio;
    }
}

__KNL_INLINE__ void knl_rdyq_add_tail(k_task_t *task)
{
    tos_list_add_tail(&task->pend_list, &k_rdyq.task_list_head[task->prio]);
    knl_rdyq_mark(task->prio);
}

__KNL_INLINE__ void knl_rdyq_add_head(k_task_t *task)
{
    tos_list_add(&task->pend_list, &k_rdyq.task_list_head[task->prio]);
    knl_rdyq_mark(task->prio);
}

/*
 * Wake-up placement rule of §7.5: behind the running peers, ahead otherwise
 * (ahead of the first is behind the list head; one insertion either way).
 */
__KNL_INLINE__ void knl_rdyq_add(k_task_t *task)
{
    k_list_t *at = &k_rdyq.task_list_head[task->prio];

    if (k_curr_task != K_NULL && task->prio != k_curr_task->prio) {
        at = at->next;
    }
    tos_list_add_tail(&task->pend_list, at);
    knl_rdyq_mark(task->prio);
}

/* knl_rdyq_add() while the kernel runs (k_curr_task set). */
__KNL_INLINE__ void knl_rdyq_add_running(k_task_t *task)
{
    k_list_t *at = &k_rdyq.task_list_head[task->prio];

    if (task->prio != k_curr_task->prio) {
        at = at->next;
    }
    tos_list_add_tail(&task->pend_list, at);
    knl_rdyq_mark(task->prio);
}

/*
 * knl_rdyq_remove() for the running task, which sleeps, waits or ends. When
 * its list empties the highest priority is taken from the bitmap without
 * asking whether it was the highest: it is, unless a switch to a more
 * urgent task is pending, and then the scan gives that task's priority
 * again. The kernel runs, so the idle task keeps the bitmap non-empty.
 */
__KNL_INLINE__ void knl_rdyq_remove_running(k_task_t *task)
{
    k_prio_t prio = task->prio;

    tos_list_del(&task->pend_list);
    if (tos_list_empty(&k_rdyq.task_list_head[prio])) {
        KNL_PRIO_WORD(prio) &= ~KNL_PRIO_BIT(prio);
        k_rdyq.highest_prio = knl_rdyq_scan_running();
    }
}

__KNL_INLINE__ void knl_rdyq_remove(k_task_t *task)
{
    k_prio_t prio = task->prio;
    k_list_t *list = &k_rdyq.task_list_head[prio];

    tos_list_del(&task->pend_list);
    if (tos_list_empty(list)) {
        KNL_PRIO_WORD(prio) &= ~KNL_PRIO_BIT(prio);
        if (prio == k_rdyq.highest_prio) {
            k_rdyq.highest_prio = knl_rdyq_scan();
        }
    }
}

/* ---- rescheduling -------------------------------------------------------- */

/* Before a switch away from k_curr_task: its stack guard (tos_sched.c). */
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
__KNL__ void knl_switch_check(void);
#else
#define knl_switch_check() ((void)0)
#endif

/*
 * Chooses the highest ready task (into k_next_task, unless the port picks
 * it itself: PORT_SWITCH_PICKS_NEXT); returns non-zero when that is not
 * k_curr_task (a switch is needed). Interrupts disabled.
 */
__KNL_INLINE__ int knl_next_task_select(void)
{
    k_task_t *next = knl_rdyq_highest();
    int needed = next != k_curr_task;

#if !defined(PORT_SWITCH_PICKS_NEXT)
    k_next_task = next;
#endif
    if (needed) {
        knl_switch_check();
    }
    return needed;
}

/*
 * No switch is needed (any more). A port that switches when interrupts are
 * enabled again reads k_next_task then: a switch requested earlier in the
 * same critical section must not happen. A port that switches at once
 * recomputes the choice when a deferred switch runs, so it needs nothing.
 */
__KNL_INLINE__ void knl_switch_cancel(void)
{
#if !defined(PORT_SWITCH_AT_ONCE)
    k_next_task = k_curr_task;
#endif
}

/*
 * Switches to `next` (not k_curr_task) from a critical section that saved
 * `outer` (tos_sched.c): the guard check of the outgoing stack, then a
 * switch at once when `outer` was unmasked, otherwise one that waits until
 * the caller unmasks (see knl_resched()).
 */
__KNL__ void knl_switch_to(k_task_t *next, cpu_cpsr_t outer);

/* knl_switch_to() with the common case (switch at once, no guard check) inline. */
__KNL_INLINE__ void knl_switch_inline(k_task_t *next, cpu_cpsr_t outer)
{
#if defined(PORT_SWITCH_AT_ONCE) && defined(PORT_SWITCH_PICKS_NEXT) && \
    (TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN == 0u)
    /* knl_switch_to() has nothing to record or check then. */
    if (unlikely(PORT_CPSR_MASKED(outer))) {
        cpu_irq_context_switch(); /* taken once the caller unmasks */
    } else {
        cpu_context_switch_to(next);
    }
#elif defined(PORT_SWITCH_AT_ONCE) && (TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN == 0u)
    if (unlikely(PORT_CPSR_MASKED(outer))) {
        knl_switch_to(next, outer);
    } else {
        cpu_context_switch_to(next);
    }
#else
    knl_switch_to(next, outer);
#endif
}

/*
 * knl_resched_inline() inside an ISR bracketed by tos_knl_irq_enter/leave:
 * chooses k_next_task and, if it is not the running task, requests the
 * switch that the port performs once the outermost ISR has returned
 * (tos_sched.c). Requesting it here rather than in tos_knl_irq_leave()
 * keeps the exit of every interrupt that readied nobody free of
 * scheduling work (docs/compat.md, "tos_knl_irq_leave").
 */
__KNL__ void knl_resched_irq(void);

/*
 * knl_resched_inline() for a caller known to be a running task outside
 * interrupts with the scheduler unlocked (knl_task_unlocked()).
 */
__KNL_INLINE__ void knl_resched_switch(cpu_cpsr_t outer)
{
    k_list_t *first;

    /* In event-driven mode there are no tasks to switch between. */
    if (!TOS_CFG_EVENT_DRIVEN_EN) {
        first = k_rdyq.task_list_head[k_rdyq.highest_prio].next;
        if (first != &k_curr_task->pend_list) {
            knl_switch_inline(TOS_LIST_ENTRY(first, k_task_t, pend_list), outer);
        } else {
            knl_switch_cancel();
        }
    }
}

/* knl_resched_inline() for a caller known to be a running task outside interrupts. */
__KNL_INLINE__ void knl_resched_task(cpu_cpsr_t outer)
{
    if (!knl_locked()) {
        knl_resched_switch(outer);
    }
}

/*
 * The running task has just left the ready queue (it sleeps, waits or
 * ends) with the scheduler unlocked, in a critical section that saved
 * `outer`: another task runs now, so there is nothing to compare.
 */
__KNL_INLINE__ void knl_switch_away(cpu_cpsr_t outer)
{
    /* In event-driven mode there are no tasks to switch between. */
    if (!TOS_CFG_EVENT_DRIVEN_EN) {
        knl_switch_inline(knl_rdyq_highest(), outer);
    }
}

/*
 * Makes the most urgent ready task run. The kernel calls it as the last step
 * of a critical section, with `outer` the interrupt state that critical
 * section saved (its cpu_cpsr): if the caller's own code had interrupts
 * masked around the kernel call, the switch waits until it unmasks them
 * (contract §37.2), otherwise a port that can switches at once.
 */
__KNL_INLINE__ void knl_resched_inline(cpu_cpsr_t outer)
{
    /* Only a running kernel counts interrupts (§9.5): inside one, it runs. */
    if (knl_task_unlocked()) {
        knl_resched_switch(outer);
    } else if (knl_inirq()) {
        knl_resched_irq();
    }
}

/* The same, out of line (everything but the hottest paths). */
__KNL__ void knl_resched(cpu_cpsr_t outer);

/* Internal priority change used by mutex inheritance (no checks). */
__KNL__ void task_do_prio_change(k_task_t *task, k_prio_t prio_new);

/* Wakes a task from tos_task_delay() without the API's checks (timer task). */
__KNL__ void task_do_delay_abort(k_task_t *task);

#if TOS_CFG_TIMER_EN > 0u
#if TOS_CFG_TIMER_AS_PROC > 0u
__KNL__ void timer_update(void);
#else
__KNL__ k_err_t timer_task_init(void);
#endif
/* Ticks until the first running timer expires; TOS_TIME_FOREVER if none, 0 if overdue. */
__KNL__ k_tick_t timer_next_expires_get(void);
#endif

#if TOS_CFG_PWR_MGR_EN > 0u
/* kernel/pm: clears the device table (tos_knl_init, contract §9.2 step 6). */
__KNL__ void pm_init(void);
/* kernel/pm: one idle-loop step of the power manager (contract §33.3). */
__KNL__ void pm_power_manager(void);
#endif

#if TOS_CFG_TICKLESS_EN > 0u
/* kernel/pm: tickless idle mode and the BSP hook (tos_knl_init, §9.2 step 7). */
__KNL__ void tickless_init(void);
#endif

#if TOS_CFG_EVENT_DRIVEN_EN > 0u
/* kernel/evtdrv: ticks until the first event-driven timer is due (FOREVER if none). */
__KNL__ k_tick_t evtdrv_next_expires_get(void);
#endif

#if TOS_CFG_MMHEAP_EN > 0u
__KNL__ k_err_t mmheap_init_with_pool(void *pool_start, size_t pool_size);
#endif

#endif /* _KNL_PRIVATE_H_ */
