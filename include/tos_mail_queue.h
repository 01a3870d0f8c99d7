/*
 * Mail queue (contract §23): a blocking FIFO of fixed-size mails copied by
 * value. A post that finds a waiter copies the mail straight into the
 * waiter's buffer; only a post with nobody waiting stores it.
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_MAIL_QUEUE_H_
#define _TOS_MAIL_QUEUE_H_

__CDECLS_BEGIN

#if TOS_CFG_MAIL_QUEUE_EN > 0u

typedef struct k_mail_queue_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    k_ring_q_t ring_q;
} k_mail_q_t;

/*
 * Creates an empty queue of mail_cnt mails of mail_size bytes over a
 * caller-provided pool of mail_cnt * mail_size bytes.
 * Errors: K_ERR_OBJ_PTR_NULL (mail_q, pool); K_ERR_OBJ_INVALID (mail_cnt
 * above K_RING_Q_ITEM_CNT_MAX).
 */
__API__ k_err_t tos_mail_q_create(k_mail_q_t *mail_q, void *pool, size_t mail_cnt,
                                  size_t mail_size);

/*
 * Destroys a queue made by tos_mail_q_create(); every waiter returns
 * K_ERR_PEND_DESTROY. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (verify on: not a live mail
 * queue); K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_mail_q_create_dyn()).
 */
__API__ k_err_t tos_mail_q_destroy(k_mail_q_t *mail_q);

/*
 * As tos_mail_q_create() with the pool taken from the heap (the control
 * block stays caller-owned).
 * Errors: K_ERR_OBJ_PTR_NULL (mail_q); K_ERR_OBJ_INVALID (mail_cnt above
 * K_RING_Q_ITEM_CNT_MAX); K_ERR_OUT_OF_MEMORY (also when the pool size
 * overflows).
 */
__API__ k_err_t tos_mail_q_create_dyn(k_mail_q_t *mail_q, size_t mail_cnt, size_t mail_size);

/*
 * Destroys a queue made by tos_mail_q_create_dyn() and frees its pool; every
 * waiter returns K_ERR_PEND_DESTROY. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_mail_q_create()).
 */
__API__ k_err_t tos_mail_q_destroy_dyn(k_mail_q_t *mail_q);

/*
 * Discards every queued mail. Waiters keep waiting.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_mail_q_flush(k_mail_q_t *mail_q);

/*
 * Copies the oldest queued mail into mail_buf (which must hold the queue's
 * mail size), or waits up to timeout ticks for one to be posted. On success
 * *mail_size receives the mail size; mail_size may be K_NULL.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL (mail_q, mail_buf);
 * K_ERR_OBJ_INVALID; K_ERR_PEND_NOWAIT (timeout TOS_TIME_NOWAIT and empty;
 * *mail_size is set to 0); K_ERR_PEND_SCHED_LOCKED (would block with the
 * scheduler locked); K_ERR_PEND_TIMEOUT; K_ERR_PEND_DESTROY (queue destroyed
 * meanwhile).
 */
__API__ k_err_t tos_mail_q_pend(k_mail_q_t *mail_q, void *mail_buf, size_t *mail_size,
                                k_tick_t timeout);

/*
 * Copies the mail into the first waiter's buffer (highest priority, then
 * longest waiting) and reschedules; with no waiter it is queued. Usable from
 * an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL (mail_q, mail_buf); K_ERR_OBJ_INVALID;
 * K_ERR_RING_Q_ITEM_SIZE_NOT_MATCH (mail_size is not the queue's mail size;
 * checked before anyone is woken, so a waiter's buffer never overflows);
 * K_ERR_RING_Q_FULL (no waiter and the queue is full).
 */
__API__ k_err_t tos_mail_q_post(k_mail_q_t *mail_q, void *mail_buf, size_t mail_size);

/*
 * As tos_mail_q_post(), but every waiter receives a copy; with no waiter
 * exactly one copy is queued. Usable from an ISR.
 * Errors: as tos_mail_q_post().
 */
__API__ k_err_t tos_mail_q_post_all(k_mail_q_t *mail_q, void *mail_buf, size_t mail_size);

#endif /* TOS_CFG_MAIL_QUEUE_EN */

__CDECLS_END

#endif /* _TOS_MAIL_QUEUE_H_ */
