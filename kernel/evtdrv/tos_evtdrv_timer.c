/*
 * Software timers of the event-driven mode (contract §35.3; decisions on
 * §40.51, 52 and 54 in include/tos_evtdrv_timer.h).
 *
 * evtdrv_timer_list holds the running timers sorted by absolute expiry,
 * equal expiries in start order: the rule of the kernel's timers, with the
 * same list helpers. A service pass counts the timers due when it begins,
 * then takes at most that many, one by one (a short critical section each):
 * off the list, a periodic one re-armed, the callback copied out; the
 * callback then runs with interrupts enabled. However callbacks restart
 * timers (even their own, with timeout 0), a pass ends. A created timer's
 * node is self-linked while it is stopped; a never-created static (zeroed)
 * timer's node is NULL.
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

/* Links tmr behind every timer expiring no later than `at` (FIFO). Interrupts disabled. */
static void evtdrv_timer_place(evtdrv_timer_t *tmr, evtdrv_tick_t at)
{
    k_list_t *curr;

    tmr->expires = at;
    /* A new expiry is usually the latest one: search from the tail. */
    TOS_LIST_FOR_EACH_PREV(curr, &evtdrv_timer_list) {
        if (TOS_LIST_ENTRY(curr, evtdrv_timer_t, list)->expires <= at) {
            break;
        }
    }
    tos_list_add(&tmr->list, curr);
}

/* Linked in one of the lists (a created or zeroed timer's node tells). */
static int evtdrv_timer_is_linked(const evtdrv_timer_t *tmr)
{
    return tmr->list.next != K_NULL && tmr->list.next != &tmr->list;
}

/*
 * Running, judged by membership: create is meant for memory that may hold
 * anything, so its node cannot be trusted. Interrupts disabled.
 */
static int evtdrv_timer_is_member(const evtdrv_timer_t *tmr)
{
    const k_list_t *curr;
    int found = K_FALSE;

    TOS_LIST_FOR_EACH(curr, &evtdrv_timer_list) {
        found = found || curr == &tmr->list;
    }
    return found;
}

static void evtdrv_timer_setup(evtdrv_timer_t *tmr, evtdrv_timer_callback_t cb, void *cb_arg,
                               evtdrv_timer_opt_t opt)
{
    tmr->cb = cb;
    tmr->cb_arg = cb_arg;
    tos_list_init(&tmr->list);
    tmr->expires = (evtdrv_tick_t)0u;
    tmr->period = (evtdrv_tick_t)0u;
    tmr->opt = opt;
}

__API__ evtdrv_err_t tos_evtdrv_timer_create(evtdrv_timer_t *tmr, evtdrv_timer_callback_t callback,
                                             void *cb_arg, evtdrv_timer_opt_t opt)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (tmr != K_NULL && callback != K_NULL) {
        err = EVTDRV_ERR_TIMER_INVALID_OPT;
    }
    if (err == EVTDRV_ERR_TIMER_INVALID_OPT &&
        (opt == EVTDRV_TIMER_OPT_ONESHOT || opt == EVTDRV_TIMER_OPT_PERIODIC)) {
        TOS_CPU_INT_DISABLE();
        err = EVTDRV_ERR_TIMER_ALREADY_EXIST;
        if (!evtdrv_timer_is_member(tmr)) {
            evtdrv_timer_setup(tmr, callback, cb_arg, opt);
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/*
 * Starts a created, stopped timer (self-linked node) at `at`, or `at` ticks
 * from now when relative; anything else is refused untouched.
 */
static evtdrv_err_t evtdrv_timer_launch(evtdrv_timer_t *tmr, evtdrv_tick_t at, evtdrv_tick_t period,
                                        int relative)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (tmr != K_NULL) {
        TOS_CPU_INT_DISABLE();
        err = EVTDRV_ERR_TIMER_ALREADY_EXIST;
        if (tmr->list.next == &tmr->list) {
            tmr->period = period;
            /* "now" and the insertion in one critical section: no tick in between. */
            evtdrv_timer_place(tmr, relative ? evtdrv_tick_after(at) : at);
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_timer_start(evtdrv_timer_t *tmr, evtdrv_tick_t timeout)
{
    return evtdrv_timer_launch(tmr, timeout, timeout, K_TRUE);
}

__API__ evtdrv_err_t tos_evtdrv_timer_start_at(evtdrv_timer_t *tmr, evtdrv_tick_t at,
                                               evtdrv_tick_t period)
{
    return evtdrv_timer_launch(tmr, at, period, K_FALSE);
}

__API__ evtdrv_err_t tos_evtdrv_timer_stop(evtdrv_timer_t *tmr)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (tmr != K_NULL) {
        TOS_CPU_INT_DISABLE();
        err = EVTDRV_ERR_TIMER_INACTIVE;
        if (evtdrv_timer_is_linked(tmr)) {
            tos_list_del_init(&tmr->list);
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__KNL__ void evtdrv_timer_arm(evtdrv_timer_t *tmr, evtdrv_tick_t at)
{
    tos_list_del(&tmr->list);
    evtdrv_timer_place(tmr, at);
}

__KNL__ void evtdrv_timer_disarm(evtdrv_timer_t *tmr)
{
    tos_list_del_init(&tmr->list);
}

/* ---- servicing (the loop) ------------------------------------------------ */

/* The first running timer if it is due. Interrupts disabled. */
static evtdrv_timer_t *evtdrv_timer_first_due(void)
{
    evtdrv_timer_t *first = TOS_LIST_FIRST_ENTRY_OR_NULL(&evtdrv_timer_list, evtdrv_timer_t, list);

    return first != K_NULL && first->expires <= (evtdrv_tick_t)k_tick_count ? first : K_NULL;
}

__KNL__ int evtdrv_timer_is_due(void)
{
    return evtdrv_timer_first_due() != K_NULL;
}

/*
 * Next expiry of a periodic timer: one period after the previous one, so
 * the phase holds; after an overrun of more than a period, one period from
 * now (missed expiries are skipped, not replayed). Interrupts disabled.
 */
static evtdrv_tick_t evtdrv_timer_next_period(const evtdrv_timer_t *tmr)
{
    evtdrv_tick_t period = tmr->period != 0u ? tmr->period : (evtdrv_tick_t)1u;
    evtdrv_tick_t next = tmr->expires + period;

    /* Also catches a sum that wrapped: it lies in the past. */
    if (next <= (evtdrv_tick_t)k_tick_count) {
        next = evtdrv_tick_after(period);
    }
    return next;
}

/* How many timers are due now. Interrupts disabled. */
static unsigned int evtdrv_timer_due_count(void)
{
    const k_list_t *curr;
    unsigned int due = 0u;
    evtdrv_tick_t now = (evtdrv_tick_t)k_tick_count;

    for (curr = evtdrv_timer_list.next;
         curr != &evtdrv_timer_list && TOS_LIST_ENTRY(curr, evtdrv_timer_t, list)->expires <= now;
         curr = curr->next) {
        ++due;
    }
    return due;
}

/* Takes a due timer off the list; a periodic one goes back, one period on. Interrupts disabled. */
static void evtdrv_timer_expire(evtdrv_timer_t *tmr)
{
    tos_list_del_init(&tmr->list);
    if (tmr->opt == EVTDRV_TIMER_OPT_PERIODIC) {
        evtdrv_timer_place(tmr, evtdrv_timer_next_period(tmr));
    }
}

__KNL__ evtdrv_bool_t evtdrv_timer_service(void)
{
    evtdrv_timer_t *tmr;
    evtdrv_timer_callback_t cb;
    void *cb_arg;
    unsigned int left;
    evtdrv_bool_t fired = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    left = evtdrv_timer_due_count();
    TOS_CPU_INT_ENABLE();

    for (; left > 0u; --left) {
        TOS_CPU_INT_DISABLE();
        tmr = evtdrv_timer_first_due();
        cb = K_NULL;
        cb_arg = K_NULL;
        if (tmr != K_NULL) {
            evtdrv_timer_expire(tmr);
            /* Copied under the lock: an interrupt may re-create the timer right after. */
            cb = tmr->cb;
            cb_arg = tmr->cb_arg;
        }
        TOS_CPU_INT_ENABLE();
        if (cb != K_NULL) {
            cb(cb_arg);
            fired = K_TRUE;
        }
    }
    return fired;
}

__KNL__ k_tick_t evtdrv_timer_next_expires_get(void)
{
    evtdrv_timer_t *first;
    evtdrv_tick_t now;
    k_tick_t next = TOS_TIME_FOREVER;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    now = (evtdrv_tick_t)k_tick_count;
    first = TOS_LIST_FIRST_ENTRY_OR_NULL(&evtdrv_timer_list, evtdrv_timer_t, list);
    if (first != K_NULL && first->expires <= now) {
        next = (k_tick_t)0u;
    } else if (first != K_NULL) {
        /* FOREVER means "none": a far expiry is reported as the largest finite wait. */
        next = first->expires - now < (evtdrv_tick_t)K_TIME_MAX ? (k_tick_t)(first->expires - now)
                                                                : K_TIME_MAX;
    }
    TOS_CPU_INT_ENABLE();
    return next;
}

/* Stops every timer; a sender's timer also drops the sender's queue. */
__KNL__ void evtdrv_timer_reset(void)
{
    evtdrv_timer_t *tmr;
    evtdrv_sender_t *sender;
    TOS_CPU_CPSR_ALLOC();

    /* Called before the system gets its tasks: nothing else runs meanwhile. */
    TOS_CPU_INT_DISABLE();
    while (!tos_list_empty(&evtdrv_timer_list)) {
        tmr = TOS_LIST_FIRST_ENTRY(&evtdrv_timer_list, evtdrv_timer_t, list);
        tos_list_del_init(&tmr->list);
        if (tmr->opt == EVTDRV_TIMER_OPT_SENDER) {
            sender = TOS_CONTAINER_OF_FIELD(tmr, evtdrv_sender_t, timer);
            while (!tos_list_empty(&sender->queue)) {
                tos_list_del_init(sender->queue.next);
            }
            sender->acked = K_FALSE;
        }
    }
    TOS_CPU_INT_ENABLE();
}

#endif /* TOS_CFG_EVENT_DRIVEN_EN */
