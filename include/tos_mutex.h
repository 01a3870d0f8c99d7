/*
 * Recursive mutex with owner tracking and priority inheritance (contract §14).
 *
 * Inheritance is one level deep: a waiter boosts the direct owner only, not
 * the owner of a mutex that owner itself waits on. An owner stays boosted
 * after a boosting waiter gives up (timeout, destroy) until it releases the
 * mutex. On release the owner's priority becomes the more urgent of its base
 * priority and the highest waiter over the mutexes it still owns.
 */
#ifndef _TOS_MUTEX_H_
#define _TOS_MUTEX_H_

__CDECLS_BEGIN

#if TOS_CFG_MUTEX_EN > 0u

/* Deepest recursive ownership (pend_nesting is a k_nesting_t). */
#define K_MUTEX_NESTING_MAX ((k_nesting_t)255u)

typedef struct k_mutex_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    k_nesting_t pend_nesting; /* 0: free */
    k_task_t *owner;
    k_prio_t owner_orig_prio; /* owner's priority when it took this mutex */
    k_list_t owner_anchor;    /* link in owner->mutex_own_list */
} k_mutex_t;

/*
 * Initializes a free mutex in caller storage.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL.
 */
__API__ k_err_t tos_mutex_create(k_mutex_t *mutex);

/*
 * As tos_mutex_create() with the mutex allocated from the heap; *mutex
 * receives it. tos_mutex_destroy() frees it.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_MUTEX_OUT_OF_MEMORY.
 */
__API__ k_err_t tos_mutex_create_dyn(k_mutex_t **mutex);

/*
 * Wakes every waiter with K_ERR_PEND_DESTROY, releases the owner (its
 * priority is restored as on a final post), invalidates the mutex and frees
 * it if dynamic. Reschedules.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_mutex_destroy(k_mutex_t *mutex);

/*
 * Takes the mutex, waiting up to timeout ticks; boosts a less urgent owner
 * to the caller's priority while the caller waits.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_MUTEX_NESTING (the caller already owned it: acquired once more,
 * this is a success); K_ERR_MUTEX_NESTING_OVERFLOW (already 255 deep);
 * K_ERR_PEND_NOWAIT; K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT;
 * K_ERR_PEND_DESTROY; K_ERR_PEND_OWNER_DIE (the owner was destroyed).
 */
__API__ k_err_t tos_mutex_pend_timed(k_mutex_t *mutex, k_tick_t timeout);

/* tos_mutex_pend_timed(mutex, TOS_TIME_FOREVER). Errors: as tos_mutex_pend_timed(). */
__API__ k_err_t tos_mutex_pend(k_mutex_t *mutex);

/*
 * Releases one level of ownership; the last level restores the caller's
 * priority and hands the mutex to the first waiter. Reschedules.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_MUTEX_NOT_OWNER (caller is not the owner, or the mutex is free);
 * K_ERR_MUTEX_NESTING (one level released, the caller still owns it).
 */
__API__ k_err_t tos_mutex_post(k_mutex_t *mutex);

#endif /* TOS_CFG_MUTEX_EN */

__CDECLS_END

#endif /* _TOS_MUTEX_H_ */
