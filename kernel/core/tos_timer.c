/*
 * Software timers (contract §30; decisions on §40.44-48 in include/tos_timer.h
 * and below).
 *
 * k_timer_ctl.list holds the running timers sorted by absolute expiry tick,
 * equal expiries in start order, only touched with interrupts disabled.
 * k_timer_ctl.next_expires stays TOS_TIME_FOREVER: every reader asks the
 * list (timer_next_expires_get()), so nothing pays for keeping a copy of
 * its first expiry up to date (docs/compat.md). The service loop
 * (tick ISR or timer task) takes one due timer at a time and calls its
 * callback outside the critical section, so callbacks may start, stop or
 * destroy any timer, their own included.
 */
#include "knl_private.h"
#include "knl_order.h"

#if TOS_CFG_TIMER_EN > 0u

/* Ready from reset on: tos_knl_init(), which runs once, has nothing to add. */
timer_ctl_t k_timer_ctl = {TOS_TIME_FOREVER, TOS_LIST_NODE(k_timer_ctl.list)};

#if TOS_CFG_TIMER_AS_PROC == 0u
k_task_t k_timer_task;
/* 8-byte alignment, as for the idle stack: enough for every port. */
k_stack_t k_timer_task_stk[TOS_CFG_TIMER_TASK_STK_SIZE] __ALIGNED__(8);
k_prio_t const k_timer_task_prio = TOS_CFG_TIMER_TASK_PRIO;
k_stack_t *const k_timer_task_stk_addr = &k_timer_task_stk[0];
size_t const k_timer_task_stk_size = TOS_CFG_TIMER_TASK_STK_SIZE;
#endif

/* ---- the list of running timers (interrupts disabled) -------------------- */

/* Arms tmr `interval` ticks from now, behind every timer expiring no later (FIFO). */
static void timer_place(k_timer_t *tmr, k_tick_t interval)
{
    /*
     * A zero interval (delay and period both 0) is only reachable by writing
     * the members directly, as the API refuses it; one tick keeps every
     * service pass finite.
     */
    tmr->expires = k_tick_count + (interval != 0u ? interval : (k_tick_t)1u);
    knl_order_link(&k_timer_ctl.list, &tmr->list, KNL_ORDER_KEY_OFF(k_timer_t, list, expires));
}

static void timer_takeoff(k_timer_t *tmr)
{
    tos_list_del_init(&tmr->list);
}

/*
 * Membership by address, not by tmr->state: create is meant for memory that
 * holds anything, so only the list itself can tell that tmr is running.
 */
static int timer_is_linked(const k_timer_t *tmr)
{
    return knl_list_has(&k_timer_ctl.list, &tmr->list);
}

/*
 * Ticks from now to the first expiry; 0 when overdue, TOS_TIME_FOREVER with
 * no running timer. Decided on the list (a tick count can reach the value
 * TOS_TIME_FOREVER), and wrap-safe.
 */
static k_tick_t timer_ticks_to_first(void)
{
    k_timer_t *first = TOS_LIST_FIRST_ENTRY_OR_NULL(&k_timer_ctl.list, k_timer_t, list);
    k_tick_t ticks = TOS_TIME_FOREVER;
    int64_t left;

    if (first != K_NULL) {
        left = knl_tick_diff(first->expires, k_tick_count);
        ticks = left > 0 ? (k_tick_t)left : (k_tick_t)0u;
    }
    return ticks;
}

/* ---- servicing ----------------------------------------------------------- */

/*
 * Takes the first due timer off the list, re-arms (periodic, relative to
 * now: §40.45) or completes (one-shot) it, and copies its callback out while
 * still locked, since a destroy from an ISR may clear it as soon as the lock
 * is released. K_FALSE when no timer is due.
 */
static int timer_due_take(k_timer_callback_t *cb, void **cb_arg)
{
    TOS_CPU_CPSR_ALLOC();
    k_timer_t *tmr;
    int due;

    TOS_CPU_INT_DISABLE();
    tmr = TOS_LIST_FIRST_ENTRY_OR_NULL(&k_timer_ctl.list, k_timer_t, list);
    due = tmr != K_NULL && knl_tick_diff(tmr->expires, k_tick_count) <= 0;
    if (due) {
        tos_list_del_init(&tmr->list);
        if (tmr->opt == TOS_OPT_TIMER_PERIODIC) {
            timer_place(tmr, tmr->period);
        } else {
            tmr->state = TIMER_STATE_COMPLETED;
        }
        *cb = tmr->cb;
        *cb_arg = tmr->cb_arg;
    }
    TOS_CPU_INT_ENABLE();
    return due;
}

/* Calls every due callback once; re-armed timers lie at least a tick ahead. */
static void timer_service(void)
{
    k_timer_callback_t cb = K_NULL;
    void *cb_arg = K_NULL;

    while (timer_due_take(&cb, &cb_arg)) {
        cb(cb_arg);
    }
}

/*
 * Procedure mode: the tick ISR looks at the list on every tick, nobody to
 * wake. Task mode: the timer task sleeps until the first expiry, or is
 * suspended while no timer runs, so a timer that becomes the first has to
 * cut that short. The internal wake-up has no ISR check: a start from an ISR
 * wakes it too (§40.48). Resume first, so that a task also suspended by the
 * user while asleep ends up awake. Interrupts disabled.
 */
static void timer_task_notify(const k_timer_t *tmr)
{
#if TOS_CFG_TIMER_AS_PROC > 0u
    (void)tmr;
#else
    if (k_timer_ctl.list.next == &tmr->list) {
        if (task_state_is_suspended(&k_timer_task)) {
            (void)tos_task_resume(&k_timer_task);
        }
        if (task_state_is_sleeping(&k_timer_task)) {
            task_do_delay_abort(&k_timer_task);
        }
    }
#endif
}

#if TOS_CFG_TIMER_AS_PROC > 0u

/* Called by the tick ISR after the tick list: callbacks run in interrupt context. */
__KNL__ void timer_update(void)
{
    timer_service();
}

#else

/*
 * Blocks until the first expiry. Deciding and blocking form one critical
 * section (the switch happens at its end), so a timer started from an ISR
 * can never find the task between the two, neither asleep nor suspended.
 */
static void timer_task_wait(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_tick_t ticks;

    TOS_CPU_INT_DISABLE();
    ticks = timer_ticks_to_first();
    if (ticks == TOS_TIME_FOREVER) {
        (void)tos_task_suspend(K_NULL);
    } else if (ticks != 0u) {
        (void)tos_task_delay(ticks);
    }
    TOS_CPU_INT_ENABLE();
}

/* Callbacks run with the scheduler locked (§40.46: blocking calls in them fail). */
static void timer_task_entry(void *arg)
{
    (void)arg;
    for (;;) {
        timer_task_wait();
        (void)tos_knl_sched_lock();
        timer_service();
        (void)tos_knl_sched_unlock();
    }
}

__KNL__ k_err_t timer_task_init(void)
{
    return tos_task_create(&k_timer_task, "timer", timer_task_entry, K_NULL, k_timer_task_prio,
                           k_timer_task_stk_addr, k_timer_task_stk_size, (k_timeslice_t)0u);
}

#endif /* TOS_CFG_TIMER_AS_PROC */

__KNL__ k_tick_t timer_next_expires_get(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_tick_t ticks;

    TOS_CPU_INT_DISABLE();
    ticks = timer_ticks_to_first();
    TOS_CPU_INT_ENABLE();
    return ticks;
}

/* ---- API ----------------------------------------------------------------- */

/* Everything but state and tag: create fills it in, destroy clears it. */
static void timer_fields_set(k_timer_t *tmr, k_tick_t delay, k_tick_t period,
                             k_timer_callback_t callback, void *cb_arg, k_opt_t opt)
{
    tmr->cb = callback;
    tmr->cb_arg = cb_arg;
    tos_list_init(&tmr->list);
    tmr->expires = (k_tick_t)0u;
    tmr->delay = delay;
    tmr->period = period;
    tmr->opt = opt;
}

/*
 * The contract's argument checks of create, in its order. The codes are
 * neighbours, K_ERR_TIMER_INACTIVE (never returned here) plus a small step:
 * each refusal loads a byte-sized step, and one add makes it a code.
 */
static k_err_t timer_create_args_check(k_tick_t delay, k_tick_t period, k_opt_t opt)
{
    unsigned int step = 0u;

    if (opt == TOS_OPT_TIMER_PERIODIC && period == 0u) {
        step = K_ERR_TIMER_INVALID_PERIOD - K_ERR_TIMER_INACTIVE;
    } else if (opt == TOS_OPT_TIMER_ONESHOT && delay == 0u) {
        step = K_ERR_TIMER_INVALID_DELAY - K_ERR_TIMER_INACTIVE;
    } else if (opt != TOS_OPT_TIMER_ONESHOT && opt != TOS_OPT_TIMER_PERIODIC) {
        step = K_ERR_TIMER_INVALID_OPT - K_ERR_TIMER_INACTIVE;
    } else if (delay == TOS_TIME_FOREVER) {
        step = K_ERR_TIMER_DELAY_FOREVER - K_ERR_TIMER_INACTIVE;
    } else if (period == TOS_TIME_FOREVER) {
        step = K_ERR_TIMER_PERIOD_FOREVER - K_ERR_TIMER_INACTIVE;
    }
    return step != 0u ? (k_err_t)(K_ERR_TIMER_INACTIVE + step) : K_ERR_NONE;
}

__API__ k_err_t tos_timer_create(k_timer_t *tmr, k_tick_t delay, k_tick_t period,
                                 k_timer_callback_t callback, void *cb_arg, k_opt_t opt)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (tmr == K_NULL || callback == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        err = timer_create_args_check(delay, period, opt);
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        /* §40.47: re-initialising a linked timer would corrupt the list. */
        if (timer_is_linked(tmr)) {
            err = K_ERR_TIMER_RUNNING;
        } else {
            timer_fields_set(tmr, delay, period, callback, cb_arg, opt);
            tmr->state = TIMER_STATE_STOPPED;
            knl_object_alloc_set_static(&tmr->knl_obj);
            knl_object_init(&tmr->knl_obj, KNL_OBJ_TYPE_TIMER);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* The operations on an existing timer; interrupts disabled, NULL and VERIFY passed. */
typedef k_err_t (*timer_op_t)(k_timer_t *tmr, k_tick_t value);

static k_err_t timer_apply(k_timer_t *tmr, timer_op_t op, k_tick_t value)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(tmr, KNL_OBJ_TYPE_TIMER);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = op(tmr, value);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

static k_err_t timer_do_destroy(k_timer_t *tmr, k_tick_t unused)
{
    k_err_t err = K_ERR_NONE;

    (void)unused;
    if (tmr->state == TIMER_STATE_UNUSED) {
        err = K_ERR_TIMER_INACTIVE;
    } else {
        if (tmr->state == TIMER_STATE_RUNNING) {
            timer_takeoff(tmr);
        }
        timer_fields_set(tmr, (k_tick_t)0u, (k_tick_t)0u, K_NULL, K_NULL, (k_opt_t)0u);
        tmr->state = TIMER_STATE_UNUSED;
        knl_object_alloc_reset(&tmr->knl_obj);
        knl_object_deinit(&tmr->knl_obj);
    }
    return err;
}

/*
 * §40.44: a restart uses the same first interval as a start (delay, or
 * period when delay is 0), so it never fires "immediately".
 */
static k_err_t timer_do_start(k_timer_t *tmr)
{
    k_err_t err = K_ERR_NONE;

    if (tmr->state == TIMER_STATE_UNUSED) {
        err = K_ERR_TIMER_INACTIVE;
    } else if (tmr->state == TIMER_STATE_RUNNING) {
        timer_takeoff(tmr);
    } else if (tmr->state == TIMER_STATE_STOPPED || tmr->state == TIMER_STATE_COMPLETED) {
        tmr->state = TIMER_STATE_RUNNING;
    } else {
        err = K_ERR_TIMER_INVALID_STATE;
    }
    if (err == K_ERR_NONE) {
        timer_place(tmr, tmr->delay != 0u ? tmr->delay : tmr->period);
        timer_task_notify(tmr);
    }
    return err;
}

static k_err_t timer_do_stop(k_timer_t *tmr, k_tick_t unused)
{
    k_err_t err = K_ERR_NONE;

    (void)unused;
    if (tmr->state == TIMER_STATE_UNUSED) {
        err = K_ERR_TIMER_INACTIVE;
    } else if (tmr->state == TIMER_STATE_STOPPED || tmr->state == TIMER_STATE_COMPLETED) {
        err = K_ERR_TIMER_STOPPED;
    } else if (tmr->state == TIMER_STATE_RUNNING) {
        timer_takeoff(tmr);
        tmr->state = TIMER_STATE_STOPPED;
    } else {
        err = K_ERR_TIMER_INVALID_STATE;
    }
    return err;
}

/*
 * Beyond the contract, FOREVER is refused here as in create: armed, it would
 * wrap the absolute expiry to the past and fire at once.
 */
static k_err_t timer_do_change(k_timer_t *tmr, k_tick_t value, timer_change_type_t type)
{
    int is_delay = type == TIMER_CHANGE_TYPE_DELAY;
    k_opt_t zero_refused_by = is_delay ? TOS_OPT_TIMER_ONESHOT : TOS_OPT_TIMER_PERIODIC;
    k_err_t err = K_ERR_NONE;

    if (tmr->state == TIMER_STATE_UNUSED) {
        err = K_ERR_TIMER_INACTIVE;
    } else if (tmr->state == TIMER_STATE_RUNNING) {
        err = K_ERR_TIMER_RUNNING;
    } else if (value == 0u && tmr->opt == zero_refused_by) {
        err = is_delay ? K_ERR_TIMER_INVALID_DELAY : K_ERR_TIMER_INVALID_PERIOD;
    } else if (value == TOS_TIME_FOREVER) {
        err = is_delay ? K_ERR_TIMER_DELAY_FOREVER : K_ERR_TIMER_PERIOD_FOREVER;
    } else if (is_delay) {
        tmr->delay = value;
    } else {
        tmr->period = value;
    }
    return err;
}

static k_err_t timer_do_delay_change(k_timer_t *tmr, k_tick_t delay)
{
    return timer_do_change(tmr, delay, TIMER_CHANGE_TYPE_DELAY);
}

static k_err_t timer_do_period_change(k_timer_t *tmr, k_tick_t period)
{
    return timer_do_change(tmr, period, TIMER_CHANGE_TYPE_PERIOD);
}

__API__ k_err_t tos_timer_destroy(k_timer_t *tmr)
{
    return timer_apply(tmr, timer_do_destroy, (k_tick_t)0u);
}

/* Direct, not through timer_apply(): the one operation every timer needs. */
__API__ k_err_t tos_timer_start(k_timer_t *tmr)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(tmr, KNL_OBJ_TYPE_TIMER);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = timer_do_start(tmr);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_timer_stop(k_timer_t *tmr)
{
    return timer_apply(tmr, timer_do_stop, (k_tick_t)0u);
}

__API__ k_err_t tos_timer_delay_change(k_timer_t *tmr, k_tick_t delay)
{
    return timer_apply(tmr, timer_do_delay_change, delay);
}

__API__ k_err_t tos_timer_period_change(k_timer_t *tmr, k_tick_t period)
{
    return timer_apply(tmr, timer_do_period_change, period);
}

#endif /* TOS_CFG_TIMER_EN */
