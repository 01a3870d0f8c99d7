/*
 * Stopwatch (contract §31): a deadline on the system tick.
 *
 * On the host simulator every k_err_t function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_STOPWATCH_H_
#define _TOS_STOPWATCH_H_

__CDECLS_BEGIN

typedef struct k_stopwatch_st {
    knl_obj_t knl_obj;

    k_tick_t until; /* absolute deadline, in ticks */
} k_stopwatch_t;

/*
 * Creates a stopwatch that is already expired (deadline 0).
 * Errors: K_ERR_OBJ_PTR_NULL.
 */
__API__ k_err_t tos_stopwatch_create(k_stopwatch_t *stopwatch);

/*
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (not a live stopwatch, verify
 * on).
 */
__API__ k_err_t tos_stopwatch_destroy(k_stopwatch_t *stopwatch);

/*
 * Sets the deadline tick ticks from now (saturating at K_TIME_MAX rather than
 * wrapping into the past).
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_stopwatch_countdown(k_stopwatch_t *stopwatch, k_tick_t tick);

/*
 * tos_stopwatch_countdown() of tos_millisec2tick(millisec) ticks.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_stopwatch_countdown_ms(k_stopwatch_t *stopwatch, k_time_t millisec);

/*
 * Busy-waits, without yielding, until the tick count has advanced by tick.
 * Meant for short waits only: the caller keeps the CPU, so lower-priority
 * tasks starve, and it never returns if the tick does not run (before
 * tos_knl_start(), interrupts disabled, or inside the tick ISR). On the host
 * simulator's virtual clock time stands still while a task spins, so there
 * only a wait of 0 ticks returns.
 */
__API__ void tos_stopwatch_delay(k_tick_t tick);

/* tos_stopwatch_delay() of tos_millisec2tick(millisec) ticks. */
__API__ void tos_stopwatch_delay_ms(k_time_t millisec);

/* Ticks left until the deadline; 0 once expired; (k_tick_t)-1 for NULL/invalid. */
__API__ k_tick_t tos_stopwatch_remain(k_stopwatch_t *stopwatch);

/*
 * Milliseconds left until the deadline, rounded up to a whole millisecond
 * and saturated at (k_time_t)-2; 0 once expired; (k_time_t)-1 for
 * NULL/invalid. (The original returned seconds here, contract §40.39.)
 */
__API__ k_time_t tos_stopwatch_remain_ms(k_stopwatch_t *stopwatch);

/* K_TRUE iff the deadline has been reached; K_FALSE also for NULL/invalid. */
__API__ int tos_stopwatch_is_expired(k_stopwatch_t *stopwatch);

__CDECLS_END

#endif /* _TOS_STOPWATCH_H_ */
