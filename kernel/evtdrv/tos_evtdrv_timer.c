/*
 * Software timers of the event-driven mode (contract §35.3; decisions on
 * §40.51, 52 and 54 in include/tos_evtdrv_timer.h).
 *
 * evtdrv_timer_list holds the running timers sorted by absolute expiry,
 * equal expiries in start order: the kernel's timers' rule and code
 * (knl_order.h), called out of line here since this mode counts bytes. A
 * timer runs exactly while it is in that list; the list is walked to tell
 * (the running timers are few), never the timer's
 * own node, which may hold anything before create and is left stale when
 * tos_evtdrv_sys_init() empties the list.
 *
 * A service pass takes the due timers one by one, in one short critical
 * section each: off the list, a periodic one re-armed, the callback copied
 * out; the callback then runs with interrupts enabled. It takes no more
 * than were due when it began, nor more than are still due (callbacks may
 * stop timers), so however callbacks restart timers (even their own, with
 * timeout 0), a pass ends.
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

#define EVTDRV_TIMER_KEY_OFF KNL_ORDER_KEY_OFF(evtdrv_timer_t, list, expires)

__KNL__ unsigned int evtdrv_timer_due(void)
{
    return knl_order_count(&evtdrv_timer_list, EVTDRV_TIMER_KEY_OFF, k_tick_count);
}

/* Links tmr, expiring at `expires`, behind every timer expiring no later (FIFO). Interrupts
 * disabled. */
static void evtdrv_timer_link(evtdrv_timer_t *tmr, evtdrv_tick_t expires)
{
    tmr->expires = expires;
    knl_order_insert(&evtdrv_timer_list, &tmr->list, EVTDRV_TIMER_KEY_OFF);
}

/*
 * Links tmr `ticks` after the expiry it holds or, if that is not in the
 * future (a late periodic timer skips what it missed), `ticks` from now.
 * Deadlines compare as the kernel's do (knl_tick_diff), so none may lie
 * more than half the tick range ahead: longer intervals are cut to that
 * (2^63 ticks, still "never" in practice). Interrupts disabled.
 */
static void evtdrv_timer_place(evtdrv_timer_t *tmr, evtdrv_tick_t ticks)
{
    evtdrv_tick_t now = (evtdrv_tick_t)k_tick_count;
    evtdrv_tick_t expires;

    if (ticks > EVTDRV_TICKS_MAX) {
        ticks = EVTDRV_TICKS_MAX;
    }
    expires = tmr->expires + ticks;
    if (knl_tick_diff(expires, now) <= 0) {
        expires = now + ticks;
    }
    evtdrv_timer_link(tmr, expires);
}

__API__ evtdrv_err_t tos_evtdrv_timer_create(evtdrv_timer_t *tmr, evtdrv_timer_callback_t callback,
                                             void *cb_arg, evtdrv_timer_opt_t opt)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (tmr != K_NULL && callback != K_NULL) {
        err = EVTDRV_ERR_TIMER_INVALID_OPT;
    }
    if (err == EVTDRV_ERR_TIMER_INVALID_OPT && (unsigned int)opt <= EVTDRV_TIMER_OPT_PERIODIC) {
        TOS_CPU_INT_DISABLE();
        err = EVTDRV_ERR_TIMER_ALREADY_EXIST;
        if (!evtdrv_timer_is_running(tmr)) {
            tmr->cb = callback;
            tmr->cb_arg = cb_arg;
            tos_list_init(&tmr->list);
            tmr->opt = opt;
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/*
 * Out of line on purpose: inlined into both callers, the body below would
 * be there twice. Not on Thumb-1, where the callers could not tail-call it
 * and their frames would deepen the main stack that an application of the
 * smallest MCUs counts byte by byte (docs/evtdrv.md, Size).
 */
#if defined(__thumb__) && !defined(__thumb2__)
#define EVTDRV_TIMER_SWITCH_ATTR
#else
#define EVTDRV_TIMER_SWITCH_ATTR __attribute__((__noinline__))
#endif

/*
 * Starts tmr `ticks` from now or stops it: one critical section serves
 * both. A start needs a created timer (zeroed storage has no callback) that
 * does not run, a stop one that runs; otherwise refused untouched.
 */
EVTDRV_TIMER_SWITCH_ATTR static evtdrv_err_t evtdrv_timer_switch(evtdrv_timer_t *tmr, int start,
                                                                 evtdrv_tick_t ticks)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    int running;
    TOS_CPU_CPSR_ALLOC();

    if (tmr != K_NULL) {
        TOS_CPU_INT_DISABLE();
        running = evtdrv_timer_is_running(tmr);
        err = start ? EVTDRV_ERR_TIMER_ALREADY_EXIST : EVTDRV_ERR_TIMER_INACTIVE;
        if (!start && running) {
            tos_list_del_init(&tmr->list);
            err = EVTDRV_ERR_NONE;
        } else if (start && !running && tmr->cb != K_NULL) {
            tmr->period = ticks;
            /* "now" and the insertion in one critical section: no tick in between. */
            tmr->expires = (evtdrv_tick_t)k_tick_count;
            evtdrv_timer_place(tmr, ticks);
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_timer_start(evtdrv_timer_t *tmr, evtdrv_tick_t timeout)
{
    return evtdrv_timer_switch(tmr, K_TRUE, timeout);
}

__API__ evtdrv_err_t tos_evtdrv_timer_start_at(evtdrv_timer_t *tmr, evtdrv_tick_t at,
                                               evtdrv_tick_t period)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (tmr != K_NULL) {
        TOS_CPU_INT_DISABLE();
        err = EVTDRV_ERR_TIMER_ALREADY_EXIST;
        if (tmr->cb != K_NULL && !evtdrv_timer_is_running(tmr)) {
            tmr->period = period;
            /* `at` itself, even if it has passed: due at once, a period keeps its phase. */
            evtdrv_timer_link(tmr, at);
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_timer_stop(evtdrv_timer_t *tmr)
{
    return evtdrv_timer_switch(tmr, K_FALSE, (evtdrv_tick_t)0u);
}

__KNL__ void evtdrv_timer_arm(evtdrv_timer_t *tmr, evtdrv_tick_t ticks)
{
    tos_list_del(&tmr->list);
    tmr->expires = (evtdrv_tick_t)k_tick_count;
    evtdrv_timer_place(tmr, ticks);
}

/* ---- servicing (the loop) ------------------------------------------------ */

/*
 * Takes the first timer, due, off the list; a periodic one goes back one
 * period after its expiry, so the phase holds. A sender's timer stays
 * until its callback re-arms or stops it: the sender's queue is not empty
 * exactly while its timer runs. Interrupts disabled.
 */
static evtdrv_timer_t *evtdrv_timer_expire(void)
{
    evtdrv_timer_t *tmr = TOS_LIST_FIRST_ENTRY(&evtdrv_timer_list, evtdrv_timer_t, list);

    if (tmr->opt != EVTDRV_TIMER_OPT_SENDER) {
        tos_list_del_init(&tmr->list);
    }
    if (tmr->opt == EVTDRV_TIMER_OPT_PERIODIC) {
        evtdrv_timer_place(tmr, tmr->period != 0u ? tmr->period : (evtdrv_tick_t)1u);
    }
    return tmr;
}

/*
 * One critical section per timer: take the first one if it is still due
 * (callbacks may have stopped due timers) and no more than were due when
 * the pass began have fired (callbacks may restart timers with timeout 0),
 * copy its callback out (an interrupt may re-create the timer right after),
 * then call it with interrupts enabled. `left` starts above any count: the
 * first look sets it to the count due then.
 */
__KNL__ evtdrv_bool_t evtdrv_timer_service(void)
{
    evtdrv_timer_t *tmr;
    evtdrv_timer_callback_t cb;
    void *cb_arg = K_NULL;
    unsigned int left = ~0u;
    unsigned int due;
    evtdrv_bool_t fired = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    do {
        cb = K_NULL;
        TOS_CPU_INT_DISABLE();
        due = evtdrv_timer_due();
        if (due < left) {
            left = due;
        }
        if (left != 0u) {
            --left;
            tmr = evtdrv_timer_expire();
            cb = tmr->cb;
            cb_arg = tmr->cb_arg;
        }
        TOS_CPU_INT_ENABLE();
        if (cb != K_NULL) {
            fired = K_TRUE;
            cb(cb_arg);
        }
    } while (cb != K_NULL);
    return fired;
}

__KNL__ k_tick_t evtdrv_timer_next_expires_get(void)
{
    evtdrv_timer_t *first;
    int64_t left;
    k_tick_t next = TOS_TIME_FOREVER;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    first = TOS_LIST_FIRST_ENTRY_OR_NULL(&evtdrv_timer_list, evtdrv_timer_t, list);
    if (first != K_NULL) {
        /* Deadlines lie at most half the tick range ahead: never FOREVER ("none"). */
        left = knl_tick_diff(first->expires, k_tick_count);
        next = left > 0 ? (k_tick_t)left : (k_tick_t)0u;
    }
    TOS_CPU_INT_ENABLE();
    return next;
}

#endif /* TOS_CFG_EVENT_DRIVEN_EN */
