/*
 * Tick and the tick list (contract §7.7, §11.2).
 *
 * The tick list is a delta list: each entry stores the ticks remaining after
 * the entry before it, so a tick only touches the head. Entries that expire
 * together are ordered by priority, then FIFO.
 */
#include "knl_private.h"

/* `timeout` >= 1: the head of the list is never due with a delta of 0 (knl_tick_isr_one()). */
__KNL__ void tick_list_add(k_task_t *task, k_tick_t timeout)
{
    k_list_t *pos;
    k_task_t *iter;
    k_tick_t left = timeout;

    /* The entry the task goes before gives up its share where found: no second test. */
    TOS_LIST_FOR_EACH(pos, &k_tick_list) {
        iter = TOS_LIST_ENTRY(pos, k_task_t, tick_list);
        if (left < iter->tick_expires || (left == iter->tick_expires && task->prio < iter->prio)) {
            iter->tick_expires -= left;
            break;
        }
        left -= iter->tick_expires;
    }
    task->tick_expires = left;
    tos_list_add_tail(&task->tick_list, pos);
    task_state_set_sleeping(task);
}

__KNL__ void tick_list_remove(k_task_t *task)
{
    if (task->tick_list.next != &k_tick_list) {
        TOS_LIST_ENTRY(task->tick_list.next, k_task_t, tick_list)->tick_expires +=
            task->tick_expires;
    }
    tos_list_del(&task->tick_list);
    task_state_reset_sleeping(task);
}

__KNL__ k_tick_t tick_next_expires_get(void)
{
    k_tick_t next = TOS_TIME_FOREVER;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (!tos_list_empty(&k_tick_list)) {
        next = TOS_LIST_FIRST_ENTRY(&k_tick_list, k_task_t, tick_list)->tick_expires;
    }
    TOS_CPU_INT_ENABLE();
    return next;
}

#if TOS_CFG_EVENT_DRIVEN_EN == 0u
/*
 * pend_task_wakeup() for the due head of the tick list: its delta is spent,
 * so the next entry's delta stays as it is. The kernel runs (k_curr_task is
 * set), so the wake-up placement needs no check for it.
 */
static void tick_list_wake_head(k_task_t *task)
{
    tos_list_del(&task->tick_list);
    if (task_state_is_pending(task)) {
        pend_list_remove(task);
    }
    task_state_reset_sleeping(task);
#if TOS_CFG_PEND_EN > 0u
    task->pend_state = PEND_STATE_TIMEOUT; /* only a waiter reads it */
#endif
    /* A suspended sleeper stays off the ready queue until resumed. */
    if (task_state_is_ready(task)) {
        knl_rdyq_add_running(task);
    }
}

/* The head `first` (K_NULL: none) is not due: what is left of the ticks comes off its delta. */
__KNL_INLINE__ void tick_list_head_advance(k_task_t *first, k_tick_t ticks)
{
    if (first != K_NULL) {
        first->tick_expires -= ticks;
    }
}

/* The head `first` (K_NULL: none) is due within `ticks`. */
__KNL_INLINE__ int tick_list_is_due(const k_task_t *first, k_tick_t ticks)
{
    return first != K_NULL && first->tick_expires <= ticks;
}

/* The first entry of the tick list, K_NULL if it is empty. */
__KNL_INLINE__ k_task_t *tick_list_first(void)
{
    return TOS_LIST_FIRST_ENTRY_OR_NULL(&k_tick_list, k_task_t, tick_list);
}

#endif

/* What follows the tick list in a tick: software timers, round robin. */
__KNL_INLINE__ void tick_services(void)
{
#if TOS_CFG_TIMER_EN > 0u && TOS_CFG_TIMER_AS_PROC > 0u
    timer_update();
#endif
#if TOS_CFG_ROUND_ROBIN_EN > 0u
    robin_sched(k_curr_task->prio);
#endif
}

/*
 * The effect of `tick` ticks. `in_isr`: the caller is the tick interrupt
 * itself, so a wake-up requests its switch for the end of the interrupt
 * without asking where it runs (a constant: each caller gets its copy).
 */
__KNL_INLINE__ void tick_do_update(k_tick_t tick, int in_isr)
{
    TOS_CPU_CPSR_ALLOC();
#if TOS_CFG_EVENT_DRIVEN_EN == 0u
    k_task_t *first;
#endif

    TOS_CPU_INT_DISABLE();
    k_tick_count += tick;
#if TOS_CFG_TASK_RUNTIME_STATS_EN > 0u
    k_curr_task->run_ticks += tick;
#endif
    /* No task can sleep in event-driven mode: the tick list is not even linked in. */
#if TOS_CFG_EVENT_DRIVEN_EN == 0u
    first = tick_list_first();
    if (tick_list_is_due(first, tick)) {
        do {
            tick -= first->tick_expires;
            tick_list_wake_head(first);
            /* One critical section per woken task bounds interrupt latency. */
            TOS_CPU_INT_ENABLE();
            TOS_CPU_INT_DISABLE();
            first = tick_list_first();
        } while (tick_list_is_due(first, tick));
        tick_list_head_advance(first, tick);
        if (in_isr) {
            knl_resched_irq();
        } else {
            knl_resched(cpu_cpsr);
        }
    } else {
        /* The common tick: nobody is due, and nothing is set up for a wake-up. */
        tick_list_head_advance(first, tick);
    }
#else
    (void)in_isr;
#endif
    TOS_CPU_INT_ENABLE();
    tick_services();
}

__KNL__ void tick_update(k_tick_t tick)
{
    tick_do_update(tick, K_FALSE);
}

/*
 * Whether code run inside the tick asks if it runs in an interrupt:
 * software timer callbacks (procedure mode), round robin, the stack
 * overflow hook. Without any of them the tick entries below leave the
 * interrupt count alone, because nothing reads it before they would lower
 * it again; an interrupt nested in the tick counts itself, and the switch
 * its exit may request is the one the tick requests anyway, taken when
 * the interrupts are done.
 */
#define KNL_TICK_COUNTS_IRQ                                                                  \
    ((TOS_CFG_TIMER_EN > 0u && TOS_CFG_TIMER_AS_PROC > 0u) || TOS_CFG_ROUND_ROBIN_EN > 0u || \
     TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u)

__KNL_INLINE__ void tick_irq_enter(void)
{
#if KNL_TICK_COUNTS_IRQ
    ++k_irq_nest_cnt;
#endif
}

__KNL_INLINE__ void tick_irq_leave(void)
{
#if KNL_TICK_COUNTS_IRQ
    --k_irq_nest_cnt;
#endif
}

/*
 * The tick interrupt of a port: what contract §9.5 has the tick ISR do
 * (running check, tos_knl_irq_enter(), the tick, tos_knl_irq_leave()) in
 * one call, with `ticks` > 1 when ticks passed without their interrupt.
 * The count without tos_knl_irq_enter()'s limit: 250 nested interrupts
 * cannot occur (docs/compat.md #10), and this ISR undoes its own step. No
 * critical section: a nested ISR that lands inside a read-modify-write
 * leaves the count as it found it.
 */
__KNL__ void knl_tick_isr(k_tick_t ticks)
{
    if (knl_running() && !cpu_is_foreign_context()) {
        tick_irq_enter();
        tick_do_update(ticks, K_TRUE);
        tick_irq_leave();
    }
}

#if TOS_CFG_EVENT_DRIVEN_EN == 0u
/*
 * tick_do_update(1, K_TRUE) with what one tick allows: the head of the
 * tick list never has a delta of 0 (every timeout is at least one tick,
 * tick_list_add(), and a batch of ticks leaves a head that is not due
 * with at least one), so it is due exactly when its delta is 1, and the
 * entries due with it are those behind it with a delta of 0. No 64-bit
 * count of ticks left is carried through the loop.
 */
__KNL_INLINE__ void tick_one_update(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_task_t *first;

    TOS_CPU_INT_DISABLE();
    ++k_tick_count;
#if TOS_CFG_TASK_RUNTIME_STATS_EN > 0u
    ++k_curr_task->run_ticks;
#endif
    first = tick_list_first();
    if (first != K_NULL) {
        if (first->tick_expires > 1u) {
            --first->tick_expires;
        } else {
            do {
                tick_list_wake_head(first);
                /* One critical section per woken task bounds interrupt latency. */
                TOS_CPU_INT_ENABLE();
                TOS_CPU_INT_DISABLE();
                first = tick_list_first();
            } while (first != K_NULL && first->tick_expires == 0u);
            knl_resched_irq();
        }
    }
    TOS_CPU_INT_ENABLE();
    tick_services();
}

__KNL__ void knl_tick_isr_one(void)
{
    if (knl_running() && !cpu_is_foreign_context()) {
        tick_irq_enter();
        tick_one_update();
        tick_irq_leave();
    }
}
#endif

__API__ void tos_tick_handler(void)
{
    if (knl_running() && !cpu_is_foreign_context()) {
        tick_update((k_tick_t)1u);
    }
}
