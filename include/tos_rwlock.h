/*
 * Read-write lock (contract §19): many readers or one writer.
 *
 * Tern implements it directly on two wait lists instead of the original's
 * internal mutex + semaphore (§40.26): `signal.pend_obj` holds the waiting
 * readers and `lock.pend_obj` the waiting writers. `lock` and `signal` are
 * not usable as a mutex or semaphore (their type tags stay NONE).
 *
 * Policy:
 *  - A new reader gets in only while no writer holds the lock AND no writer
 *    waits, so a stream of readers cannot starve a writer.
 *  - When the last reader leaves, the first waiting writer (priority, then
 *    FIFO) takes the lock.
 *  - When a writer leaves, every reader that queued up meanwhile gets in as
 *    one batch; if none waits, the next writer takes it. Readers and
 *    writers therefore alternate under contention and neither starves.
 *  - Ownership is handed over by the releasing task before the waiter runs;
 *    a reader that waited is counted in n_readers.
 *  - There is no owner tracking: a reader asking for write access (or a
 *    writer asking for read access) waits for itself.
 *
 * Every function except create checks NULL, then VERIFY, then IRQ (the
 * original reached its internal mutex only after validating the lock).
 */
#ifndef _TOS_RWLOCK_H_
#define _TOS_RWLOCK_H_

__CDECLS_BEGIN

#if (TOS_CFG_SEM_EN > 0u) && (TOS_CFG_MUTEX_EN > 0u)

typedef uint16_t rw_cnt_t;

#define K_RWLOCK_CNT_MAX ((rw_cnt_t)0xFFFFu)

typedef struct k_rwlock_st {
    knl_obj_t knl_obj;
    k_mutex_t lock;     /* lock.pend_obj: waiting writers */
    k_sem_t signal;     /* signal.pend_obj: waiting readers */
    rw_cnt_t n_readers; /* readers holding the lock */
    rw_cnt_t n_writers; /* writers waiting for the lock */
    int is_writting;    /* K_TRUE while a writer holds the lock */
} k_rwlock_t;

/*
 * Initializes a free rwlock in caller storage.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_IN_IRQ.
 */
__API__ k_err_t tos_rwlock_create(k_rwlock_t *rwlock);

/*
 * Wakes every waiter with K_ERR_PEND_DESTROY, clears the counters and
 * invalidates the rwlock. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_IN_IRQ.
 */
__API__ k_err_t tos_rwlock_destroy(k_rwlock_t *rwlock);

/*
 * Takes read access, waiting up to timeout ticks while a writer holds or waits.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_IN_IRQ;
 * K_ERR_RWLOCK_READERS_TO_MANY (0xFFFF readers hold it); K_ERR_PEND_NOWAIT;
 * K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT; K_ERR_PEND_DESTROY.
 */
__API__ k_err_t tos_rwlock_rpend_timed(k_rwlock_t *rwlock, k_tick_t timeout);

/* tos_rwlock_rpend_timed(rwlock, TOS_TIME_FOREVER). Errors: as the timed variant. */
__API__ k_err_t tos_rwlock_rpend(k_rwlock_t *rwlock);

/*
 * Takes read access without waiting.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_IN_IRQ;
 * K_ERR_RWLOCK_READERS_TO_MANY; K_ERR_RWLOCK_IS_WRITTING (a writer holds
 * or waits).
 */
__API__ k_err_t tos_rwlock_rpend_try(k_rwlock_t *rwlock);

/*
 * Takes write access, waiting up to timeout ticks while anyone holds it.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_IN_IRQ;
 * K_ERR_RWLOCK_WAITING_WRITERS_TO_MANY (0xFFFF writers wait);
 * K_ERR_PEND_NOWAIT; K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT;
 * K_ERR_PEND_DESTROY.
 */
__API__ k_err_t tos_rwlock_wpend_timed(k_rwlock_t *rwlock, k_tick_t timeout);

/* tos_rwlock_wpend_timed(rwlock, TOS_TIME_FOREVER). Errors: as the timed variant. */
__API__ k_err_t tos_rwlock_wpend(k_rwlock_t *rwlock);

/*
 * Takes write access without waiting.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_IN_IRQ;
 * K_ERR_RWLOCK_IS_READING (readers hold it); K_ERR_RWLOCK_IS_WRITTING.
 */
__API__ k_err_t tos_rwlock_wpend_try(k_rwlock_t *rwlock);

/*
 * Gives back one read access; the last reader hands the lock on. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_IN_IRQ;
 * K_ERR_RWLOCK_NOT_READING (no reader holds it).
 */
__API__ k_err_t tos_rwlock_rpost(k_rwlock_t *rwlock);

/*
 * Gives back write access and hands the lock on. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_IN_IRQ;
 * K_ERR_RWLOCK_NOT_WRITTING (no writer holds it).
 */
__API__ k_err_t tos_rwlock_wpost(k_rwlock_t *rwlock);

/*
 * tos_rwlock_rpost() if readers hold it, tos_rwlock_wpost() if a writer does.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_IN_IRQ;
 * K_ERR_RWLOCK_NOT_TAKEN (nobody holds it).
 */
__API__ k_err_t tos_rwlock_post(k_rwlock_t *rwlock);

#endif /* TOS_CFG_SEM_EN && TOS_CFG_MUTEX_EN */

__CDECLS_END

#endif /* _TOS_RWLOCK_H_ */
