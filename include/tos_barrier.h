/*
 * Barrier (contract §18): count tasks meet; the last one to arrive releases
 * the others. Tern reschedules at that point, so released tasks more urgent
 * than the last arrival run before its tos_barrier_pend() returns.
 */
#ifndef _TOS_BARRIER_H_
#define _TOS_BARRIER_H_

__CDECLS_BEGIN

#if TOS_CFG_BARRIER_EN > 0u

typedef struct k_barrier_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    k_barrier_cnt_t count; /* tasks still expected */
} k_barrier_t;

/*
 * Initializes a barrier for count tasks.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_BARRIER_COUNT_INVALID (count 0).
 */
__API__ k_err_t tos_barrier_create(k_barrier_t *barrier, k_barrier_cnt_t count);

/*
 * Wakes every waiter with K_ERR_PEND_DESTROY and invalidates the barrier.
 * Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_barrier_destroy(k_barrier_t *barrier);

/*
 * Arrives at the barrier: waits (no timeout) for the others, or, as the
 * last arrival, releases them all and returns at once. After tripping the
 * barrier stays at 0 until tos_barrier_reset().
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_BARRIER_OVERFLOW (already tripped); K_ERR_PEND_SCHED_LOCKED (would
 * wait); K_ERR_PEND_DESTROY.
 */
__API__ k_err_t tos_barrier_pend(k_barrier_t *barrier);

/*
 * Sets the number of tasks still expected (0 allowed); waiters are unaffected.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_barrier_reset(k_barrier_t *barrier, k_barrier_cnt_t count);

#endif /* TOS_CFG_BARRIER_EN */

__CDECLS_END

#endif /* _TOS_BARRIER_H_ */
