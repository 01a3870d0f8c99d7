/*
 * Countdown latch (contract §17): waiters block until count posts have
 * arrived; reaching 0 releases every waiter at once.
 */
#ifndef _TOS_COUNTDOWNLATCH_H_
#define _TOS_COUNTDOWNLATCH_H_

__CDECLS_BEGIN

#if TOS_CFG_COUNTDOWNLATCH_EN > 0u

typedef struct k_countdownlatch_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    k_countdownlatch_cnt_t count; /* posts still expected */
} k_countdownlatch_t;

/* Initializes a latch expecting count posts (0: already open). Errors: K_ERR_OBJ_PTR_NULL. */
__API__ k_err_t tos_countdownlatch_create(k_countdownlatch_t *countdownlatch,
                                          k_countdownlatch_cnt_t count);

/*
 * Wakes every waiter with K_ERR_PEND_DESTROY and invalidates the latch.
 * Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_countdownlatch_destroy(k_countdownlatch_t *countdownlatch);

/*
 * Returns at once if the count is 0, else waits up to timeout ticks.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_PEND_NOWAIT; K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT;
 * K_ERR_PEND_DESTROY.
 */
__API__ k_err_t tos_countdownlatch_pend_timed(k_countdownlatch_t *countdownlatch, k_tick_t timeout);

/* tos_countdownlatch_pend_timed(countdownlatch, TOS_TIME_FOREVER). Errors: as timed. */
__API__ k_err_t tos_countdownlatch_pend(k_countdownlatch_t *countdownlatch);

/*
 * Counts one post down; the post that reaches 0 wakes every waiter and
 * reschedules. Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_COUNTDOWNLATCH_OVERFLOW (count already 0).
 */
__API__ k_err_t tos_countdownlatch_post(k_countdownlatch_t *countdownlatch);

/*
 * Sets the count; waiters are unaffected (a reset to 0 does not wake them).
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_countdownlatch_reset(k_countdownlatch_t *countdownlatch,
                                         k_countdownlatch_cnt_t count);

#endif /* TOS_CFG_COUNTDOWNLATCH_EN */

__CDECLS_END

#endif /* _TOS_COUNTDOWNLATCH_H_ */
