/*
 * Software timers of the event-driven mode (contract §35.3).
 *
 * Running timers are kept in evtdrv_timer_list sorted by absolute expiry
 * tick, equal expiries in start order, by the kernel timers' own ordering
 * code; as for them, a deadline may lie at most half the tick range ahead
 * (longer timeouts and periods are cut to 2^63 ticks). The loop
 * services them on every iteration, before the tasks: a pass fires the
 * timers due when it began, each taken off the list (a periodic one
 * re-armed) and then called back with interrupts enabled (Tern: the
 * original keeps them disabled, §40.54), with the cb_arg given to create
 * (Tern: the original never stores it, §40.51). A callback may start, stop
 * or re-create any timer, its own included; a pass never fires more timers
 * than were due when it began, so restarting cannot hold the loop.
 *
 *   run after n ticks   one-shot, tos_evtdrv_timer_start(tmr, n)
 *   run every n ticks   periodic, tos_evtdrv_timer_start(tmr, n)
 *   run at tick t       tos_evtdrv_timer_start_at(tmr, t, period)
 *
 * A periodic timer keeps its phase: the next expiry is the previous one
 * plus the period, however late the callback ran. If a handler held the
 * loop for more than a period, the missed expiries are skipped, not
 * replayed: one call, then the next one period later.
 * A timer runs exactly while it is in evtdrv_timer_list: a stopped or
 * fired timer can be started again (Tern: the original leaves it looking
 * active, §40.52), and tos_evtdrv_sys_init() stops every timer at once.
 *
 * Every function is interrupt-safe. The loop sleeps until the first expiry
 * (evtdrv_next_expires_get() tells the kernel's idle and tickless code).
 */
#ifndef _TOS_EVTDRV_TIMER_H_
#define _TOS_EVTDRV_TIMER_H_

__CDECLS_BEGIN

typedef void (*evtdrv_timer_callback_t)(void *arg);

typedef enum evtdrv_timer_option_en {
    EVTDRV_TIMER_OPT_ONESHOT,
    EVTDRV_TIMER_OPT_PERIODIC,
} evtdrv_timer_opt_t;

/* Member order is the contract's. */
typedef struct evtdrv_timer_st {
    evtdrv_timer_callback_t cb;
    void *cb_arg;
    k_list_t list;         /* in evtdrv_timer_list while running (and only then) */
    evtdrv_tick_t expires; /* absolute tick of the next expiry while running */
    evtdrv_tick_t period;  /* periodic: ticks between expiries (0 counts as 1) */
    evtdrv_timer_opt_t opt;
} evtdrv_timer_t;

/* Declared by the contract, unused (the list is evtdrv_timer_list). */
typedef struct evtdrv_timer_control_st {
    evtdrv_tick_t next_expires;
    evtdrv_tick_t list;
} evtdrv_timer_ctl_t;

/*
 * Prepares a stopped timer calling callback(cb_arg) on expiry.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL (tmr, callback);
 * EVTDRV_ERR_TIMER_INVALID_OPT; EVTDRV_ERR_TIMER_ALREADY_EXIST (tmr is
 * running: stop it first; Tern refuses instead of corrupting the list).
 */
__API__ evtdrv_err_t tos_evtdrv_timer_create(evtdrv_timer_t *tmr, evtdrv_timer_callback_t callback,
                                             void *cb_arg, evtdrv_timer_opt_t opt);

/*
 * Starts a created timer: it expires `timeout` ticks from now (0: at the
 * next pass of the loop); a periodic one then every `timeout` ticks.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL; EVTDRV_ERR_TIMER_ALREADY_EXIST
 * (running, or never created: zeroed storage has no callback).
 */
__API__ evtdrv_err_t tos_evtdrv_timer_start(evtdrv_timer_t *tmr, evtdrv_tick_t timeout);

/*
 * Tern: starts a created timer expiring at absolute tick `at` (a tick that
 * has passed: at the next pass of the loop); a periodic one then every
 * `period` ticks (ignored for one-shot timers).
 * Errors: as tos_evtdrv_timer_start().
 */
__API__ evtdrv_err_t tos_evtdrv_timer_start_at(evtdrv_timer_t *tmr, evtdrv_tick_t at,
                                               evtdrv_tick_t period);

/*
 * Stops a running timer; it can be started again.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL; EVTDRV_ERR_TIMER_INACTIVE (not
 * running: stopped, fired one-shot, or never created in zeroed storage).
 */
__API__ evtdrv_err_t tos_evtdrv_timer_stop(evtdrv_timer_t *tmr);

__CDECLS_END

#endif /* _TOS_EVTDRV_TIMER_H_ */
