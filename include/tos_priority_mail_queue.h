/*
 * Priority mail queue (contract §27): like the mail queue, but every queued
 * mail carries a priority and the numerically smallest comes out first.
 * Equal priorities leave in binary-heap order, not FIFO (§40.37). A post
 * that finds a waiter copies the mail straight into the waiter's buffer.
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_PRIORITY_MAIL_QUEUE_H_
#define _TOS_PRIORITY_MAIL_QUEUE_H_

__CDECLS_BEGIN

#if TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u

typedef struct k_priority_mail_queue_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    /* Heap-allocated management array of a static queue; K_NULL otherwise. */
    void *prio_q_mgr_array;
    k_prio_q_t prio_q;
} k_prio_mail_q_t;

/*
 * Creates an empty queue of mail_cnt mails of mail_size bytes over a
 * caller-provided pool of mail_cnt * mail_size bytes. The priority queue's
 * management array is taken from the heap even here (§40.32).
 * Errors: K_ERR_OBJ_PTR_NULL (prio_mail_q; pool, after the array was
 * allocated and freed again); K_ERR_OUT_OF_MEMORY (management array);
 * K_ERR_OBJ_INVALID (mail_cnt above K_PRIO_Q_ITEM_CNT_MAX).
 */
__API__ k_err_t tos_prio_mail_q_create(k_prio_mail_q_t *prio_mail_q, void *pool, size_t mail_cnt,
                                       size_t mail_size);

/*
 * Destroys a queue made by tos_prio_mail_q_create() and frees its management
 * array; every waiter returns K_ERR_PEND_DESTROY. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (verify on: not a live
 * priority mail queue); K_ERR_OBJ_INVALID_ALLOC_TYPE (made by
 * tos_prio_mail_q_create_dyn()).
 */
__API__ k_err_t tos_prio_mail_q_destroy(k_prio_mail_q_t *prio_mail_q);

/*
 * As tos_prio_mail_q_create() with all storage of the inner priority queue
 * taken from the heap (the control block stays caller-owned).
 * Errors: K_ERR_OBJ_PTR_NULL (prio_mail_q); K_ERR_OBJ_INVALID (mail_cnt above
 * K_PRIO_Q_ITEM_CNT_MAX); K_ERR_OUT_OF_MEMORY (also when a size overflows).
 */
__API__ k_err_t tos_prio_mail_q_create_dyn(k_prio_mail_q_t *prio_mail_q, size_t mail_cnt,
                                           size_t mail_size);

/*
 * Destroys a queue made by tos_prio_mail_q_create_dyn() and frees its
 * storage; every waiter returns K_ERR_PEND_DESTROY. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_prio_mail_q_create()).
 */
__API__ k_err_t tos_prio_mail_q_destroy_dyn(k_prio_mail_q_t *prio_mail_q);

/*
 * Discards every queued mail. Waiters keep waiting.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_prio_mail_q_flush(k_prio_mail_q_t *prio_mail_q);

/*
 * Copies the queued mail with the smallest priority number into mail_buf
 * (which must hold the queue's mail size), or waits up to timeout ticks for
 * one to be posted. On success *mail_size receives the mail size; mail_size
 * may be K_NULL.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL (prio_mail_q, mail_buf);
 * K_ERR_OBJ_INVALID; K_ERR_PEND_NOWAIT (timeout TOS_TIME_NOWAIT and empty;
 * *mail_size is set to 0); K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT;
 * K_ERR_PEND_DESTROY.
 */
__API__ k_err_t tos_prio_mail_q_pend(k_prio_mail_q_t *prio_mail_q, void *mail_buf,
                                     size_t *mail_size, k_tick_t timeout);

/*
 * Copies the mail into the first waiter's buffer and reschedules; with no
 * waiter it is queued with priority prio. Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL (prio_mail_q, mail_buf); K_ERR_OBJ_INVALID;
 * K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH (mail_size is not the queue's mail size;
 * checked before anyone is woken, so a waiter's buffer never overflows);
 * K_ERR_PRIO_Q_FULL (no waiter and the queue is full).
 */
__API__ k_err_t tos_prio_mail_q_post(k_prio_mail_q_t *prio_mail_q, void *mail_buf, size_t mail_size,
                                     k_prio_t prio);

/*
 * As tos_prio_mail_q_post(), but every waiter receives a copy; with no
 * waiter exactly one copy is queued. Usable from an ISR.
 * Errors: as tos_prio_mail_q_post().
 */
__API__ k_err_t tos_prio_mail_q_post_all(k_prio_mail_q_t *prio_mail_q, void *mail_buf,
                                         size_t mail_size, k_prio_t prio);

#endif /* TOS_CFG_PRIORITY_MAIL_QUEUE_EN */

__CDECLS_END

#endif /* _TOS_PRIORITY_MAIL_QUEUE_H_ */
