/*
 * Message queue (contract §22): a blocking FIFO of `void *` messages (the
 * pointer value is queued, never the pointee). A post that finds a waiter
 * hands the message straight to it; only a post with nobody waiting stores it.
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_MESSAGE_QUEUE_H_
#define _TOS_MESSAGE_QUEUE_H_

__CDECLS_BEGIN

#if TOS_CFG_MESSAGE_QUEUE_EN > 0u

/* Member order is part of the contract (adapters read ring_q directly). */
typedef struct k_message_queue_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    k_ring_q_t ring_q;
} k_msg_q_t;

/*
 * Creates an empty queue over a caller-provided pool of msg_cnt pointers
 * (msg_cnt * sizeof(void *) bytes).
 * Errors: K_ERR_OBJ_PTR_NULL (msg_q, pool); K_ERR_OBJ_INVALID (msg_cnt above
 * K_RING_Q_ITEM_CNT_MAX).
 */
__API__ k_err_t tos_msg_q_create(k_msg_q_t *msg_q, void *pool, size_t msg_cnt);

/*
 * Destroys a queue made by tos_msg_q_create(); every waiter returns
 * K_ERR_PEND_DESTROY. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (verify on: not a live
 * message queue); K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_msg_q_create_dyn()).
 */
__API__ k_err_t tos_msg_q_destroy(k_msg_q_t *msg_q);

/*
 * As tos_msg_q_create() with the pool taken from the heap (the control block
 * stays caller-owned).
 * Errors: K_ERR_OBJ_PTR_NULL (msg_q); K_ERR_OBJ_INVALID (msg_cnt above
 * K_RING_Q_ITEM_CNT_MAX); K_ERR_OUT_OF_MEMORY.
 */
__API__ k_err_t tos_msg_q_create_dyn(k_msg_q_t *msg_q, size_t msg_cnt);

/*
 * Destroys a queue made by tos_msg_q_create_dyn() and frees its pool; every
 * waiter returns K_ERR_PEND_DESTROY. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_msg_q_create()).
 */
__API__ k_err_t tos_msg_q_destroy_dyn(k_msg_q_t *msg_q);

/*
 * Discards every queued message. Waiters keep waiting.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_msg_q_flush(k_msg_q_t *msg_q);

/*
 * Receives the oldest queued message into *msg_ptr, or waits up to timeout
 * ticks (TOS_TIME_FOREVER: no limit) for one to be posted.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL (msg_q, msg_ptr);
 * K_ERR_OBJ_INVALID; K_ERR_PEND_NOWAIT (timeout TOS_TIME_NOWAIT and empty;
 * *msg_ptr is set to K_NULL); K_ERR_PEND_SCHED_LOCKED (would block with the
 * scheduler locked); K_ERR_PEND_TIMEOUT; K_ERR_PEND_DESTROY (queue destroyed
 * meanwhile). On every error but K_ERR_PEND_NOWAIT *msg_ptr is untouched.
 */
__API__ k_err_t tos_msg_q_pend(k_msg_q_t *msg_q, void **msg_ptr, k_tick_t timeout);

/*
 * Gives msg_ptr to the first waiter (highest priority, then longest waiting)
 * and reschedules; with no waiter it is queued. Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL (msg_q); K_ERR_OBJ_INVALID; K_ERR_RING_Q_FULL
 * (no waiter and the queue is full).
 */
__API__ k_err_t tos_msg_q_post(k_msg_q_t *msg_q, void *msg_ptr);

/*
 * As tos_msg_q_post(), but every waiter receives msg_ptr; with no waiter
 * exactly one copy is queued. Usable from an ISR.
 * Errors: as tos_msg_q_post().
 */
__API__ k_err_t tos_msg_q_post_all(k_msg_q_t *msg_q, void *msg_ptr);

#endif /* TOS_CFG_MESSAGE_QUEUE_EN */

__CDECLS_END

#endif /* _TOS_MESSAGE_QUEUE_H_ */
