/*
 * Software timers (contract §30).
 *
 * Running timers are kept in k_timer_ctl.list, sorted by their absolute
 * expiry tick, equal expiries in start order. They are serviced either from
 * the tick interrupt (TOS_CFG_TIMER_AS_PROC != 0: callbacks run in interrupt
 * context) or by the timer task (callbacks run in that task with the
 * scheduler locked, so a blocking call inside a callback fails with
 * K_ERR_PEND_SCHED_LOCKED / K_ERR_SCHED_LOCKED).
 *
 * An expired timer is unlinked, then a periodic one is re-armed at
 * "service tick + period" (a late service shifts its phase) and a one-shot
 * one becomes TIMER_STATE_COMPLETED, then its callback is called.
 *
 * Every function is usable from an ISR, including tos_timer_start() in
 * timer-task mode: it wakes the timer task when the timer becomes the
 * earliest one.
 */
#ifndef _TOS_TIMER_H_
#define _TOS_TIMER_H_

#if TOS_CFG_TIMER_EN > 0u

__CDECLS_BEGIN

#define TOS_OPT_TIMER_ONESHOT  (k_opt_t)(0x0001u)
#define TOS_OPT_TIMER_PERIODIC (k_opt_t)(0x0002u)

typedef enum timer_change_type_en {
    TIMER_CHANGE_TYPE_DELAY,
    TIMER_CHANGE_TYPE_PERIOD,
} timer_change_type_t;

typedef enum timer_state_en {
    TIMER_STATE_UNUSED,    /* never created, or destroyed */
    TIMER_STATE_STOPPED,   /* created, or stopped */
    TIMER_STATE_RUNNING,   /* linked in k_timer_ctl.list */
    TIMER_STATE_COMPLETED, /* a one-shot timer that fired */
} timer_state_t;

typedef void (*k_timer_callback_t)(void *arg);

/* Member order is part of the contract (adapters write delay/period, read expires). */
typedef struct k_timer_st {
    knl_obj_t knl_obj;
    k_timer_callback_t cb;
    void *cb_arg;
    k_list_t list;
    k_tick_t expires; /* absolute tick of the next expiry while running */
    k_tick_t delay;   /* first interval after a start (0: use period) */
    k_tick_t period;  /* interval between expiries of a periodic timer */
    k_opt_t opt;
    timer_state_t state;
} k_timer_t;

typedef struct timer_control_st {
    k_tick_t next_expires; /* layout only: stays TOS_TIME_FOREVER, the list is asked */
    k_list_t list;
} timer_ctl_t;

/*
 * Initializes a stopped timer. Once started it first fires `delay` ticks
 * later (`period` ticks if delay is 0); a periodic timer then fires every
 * `period` ticks. Does not start it.
 * Errors, in this order: K_ERR_OBJ_PTR_NULL (tmr, callback);
 * K_ERR_TIMER_INVALID_PERIOD (periodic with period 0);
 * K_ERR_TIMER_INVALID_DELAY (one-shot with delay 0);
 * K_ERR_TIMER_INVALID_OPT (opt is neither ONESHOT nor PERIODIC);
 * K_ERR_TIMER_DELAY_FOREVER; K_ERR_TIMER_PERIOD_FOREVER;
 * K_ERR_TIMER_RUNNING (tmr is a running timer: stop or destroy it first;
 * Tern refuses instead of corrupting the timer list).
 */
__API__ k_err_t tos_timer_create(k_timer_t *tmr, k_tick_t delay, k_tick_t period,
                                 k_timer_callback_t callback, void *cb_arg, k_opt_t opt);

/*
 * Stops the timer if it runs and invalidates it.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (verify on: not a live
 * timer); K_ERR_TIMER_INACTIVE (never created or already destroyed).
 */
__API__ k_err_t tos_timer_destroy(k_timer_t *tmr);

/*
 * Starts a stopped or completed timer, or restarts a running one: in every
 * case the next expiry is `delay` ticks from now, or `period` ticks if delay
 * is 0 (Tern applies the same rule to a restart, so it never fires at once).
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_TIMER_INACTIVE;
 * K_ERR_TIMER_INVALID_STATE (state holds no timer state).
 */
__API__ k_err_t tos_timer_start(k_timer_t *tmr);

/*
 * Stops a running timer.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_TIMER_INACTIVE;
 * K_ERR_TIMER_STOPPED (stopped or completed); K_ERR_TIMER_INVALID_STATE.
 */
__API__ k_err_t tos_timer_stop(k_timer_t *tmr);

/*
 * Sets the delay used by the next start.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_TIMER_INACTIVE;
 * K_ERR_TIMER_RUNNING; K_ERR_TIMER_INVALID_DELAY (one-shot and delay 0);
 * K_ERR_TIMER_DELAY_FOREVER.
 */
__API__ k_err_t tos_timer_delay_change(k_timer_t *tmr, k_tick_t delay);

/*
 * Sets the period used from the next start on.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_TIMER_INACTIVE;
 * K_ERR_TIMER_RUNNING; K_ERR_TIMER_INVALID_PERIOD (periodic and period 0);
 * K_ERR_TIMER_PERIOD_FOREVER.
 */
__API__ k_err_t tos_timer_period_change(k_timer_t *tmr, k_tick_t period);

__CDECLS_END

#endif /* TOS_CFG_TIMER_EN */

#endif /* _TOS_TIMER_H_ */
