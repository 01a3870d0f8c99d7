/*
 * Completion (contract §16): "it has happened" state that waiters observe
 * without consuming it; it stays done until tos_completion_reset().
 */
#ifndef _TOS_COMPLETION_H_
#define _TOS_COMPLETION_H_

__CDECLS_BEGIN

#if TOS_CFG_COMPLETION_EN > 0u

typedef uint16_t completion_done_t;

typedef struct k_completion_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    completion_done_t done;
} k_completion_t;

/* Initializes a not-done completion in caller storage. Errors: K_ERR_OBJ_PTR_NULL. */
__API__ k_err_t tos_completion_create(k_completion_t *completion);

/*
 * Wakes every waiter with K_ERR_PEND_DESTROY and invalidates the completion.
 * Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_completion_destroy(k_completion_t *completion);

/*
 * Returns at once if done (without consuming it), else waits up to timeout ticks.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_PEND_NOWAIT; K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT;
 * K_ERR_PEND_DESTROY.
 */
__API__ k_err_t tos_completion_pend_timed(k_completion_t *completion, k_tick_t timeout);

/* tos_completion_pend_timed(completion, TOS_TIME_FOREVER). Errors: as the timed variant. */
__API__ k_err_t tos_completion_pend(k_completion_t *completion);

/*
 * Marks it done (counts posts) and wakes the first waiter. Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_COMPLETION_OVERFLOW
 * (already posted 0xFFFF times).
 */
__API__ k_err_t tos_completion_post(k_completion_t *completion);

/* As tos_completion_post(), but wakes every waiter. Errors: as tos_completion_post(). */
__API__ k_err_t tos_completion_post_all(k_completion_t *completion);

/*
 * Makes it not done again; waiters are unaffected.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_completion_reset(k_completion_t *completion);

/* K_TRUE iff posted since creation/reset; K_FALSE also for NULL or an invalid object. */
__API__ int tos_completion_is_done(k_completion_t *completion);

#endif /* TOS_CFG_COMPLETION_EN */

__CDECLS_END

#endif /* _TOS_COMPLETION_H_ */
