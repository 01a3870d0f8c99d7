/* Counting semaphore (contract §13). */
#ifndef _TOS_SEM_H_
#define _TOS_SEM_H_

__CDECLS_BEGIN

#if TOS_CFG_SEM_EN > 0u

/* Default ceiling of tos_sem_create() / tos_sem_create_dyn(). */
#define TOS_SEM_CNT_MAX ((k_sem_cnt_t)0xFFFFu)

typedef struct k_sem_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    k_sem_cnt_t count;
    k_sem_cnt_t count_max;
} k_sem_t;

/*
 * Initializes a semaphore in caller storage; init_count is clamped to
 * max_count. Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL.
 */
__API__ k_err_t tos_sem_create_max(k_sem_t *sem, k_sem_cnt_t init_count, k_sem_cnt_t max_count);

/* tos_sem_create_max(sem, init_count, 0xFFFF). Errors: as tos_sem_create_max(). */
__API__ k_err_t tos_sem_create(k_sem_t *sem, k_sem_cnt_t init_count);

/*
 * As tos_sem_create_max() with the semaphore allocated from the heap; *sem
 * receives it. tos_sem_destroy() frees it.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_SEM_OUT_OF_MEMORY.
 */
__API__ k_err_t tos_sem_create_max_dyn(k_sem_t **sem, k_sem_cnt_t init_count,
                                       k_sem_cnt_t max_count);

/* tos_sem_create_max_dyn(sem, init_count, 0xFFFF). Errors: as tos_sem_create_max_dyn(). */
__API__ k_err_t tos_sem_create_dyn(k_sem_t **sem, k_sem_cnt_t init_count);

/*
 * Wakes every waiter with K_ERR_PEND_DESTROY, invalidates the semaphore and
 * frees it if it was created by a _dyn variant. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_sem_destroy(k_sem_t *sem);

/*
 * Takes one unit, waiting up to timeout ticks (TOS_TIME_FOREVER: no limit).
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_PEND_NOWAIT (timeout 0, no unit); K_ERR_PEND_SCHED_LOCKED;
 * K_ERR_PEND_TIMEOUT; K_ERR_PEND_DESTROY.
 */
__API__ k_err_t tos_sem_pend(k_sem_t *sem, k_tick_t timeout);

/*
 * Hands one unit to the first waiter, or adds it to the count if nobody
 * waits (no reschedule then). Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_SEM_OVERFLOW
 * (count == count_max, checked even when tasks wait).
 */
__API__ k_err_t tos_sem_post(k_sem_t *sem);

/*
 * As tos_sem_post(), but one unit releases every waiter.
 * Errors: as tos_sem_post().
 */
__API__ k_err_t tos_sem_post_all(k_sem_t *sem);

#endif /* TOS_CFG_SEM_EN */

__CDECLS_END

#endif /* _TOS_SEM_H_ */
