/*
 * Priority message queue (contract §26): like the message queue, but every
 * queued message carries a priority and the numerically smallest comes out
 * first. Equal priorities leave in binary-heap order, not FIFO (§40.37).
 * A post that finds a waiter hands the message straight to it (its priority
 * is then irrelevant).
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_PRIORITY_MESSAGE_QUEUE_H_
#define _TOS_PRIORITY_MESSAGE_QUEUE_H_

__CDECLS_BEGIN

#if TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u

typedef struct k_priority_message_queue_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    /* Heap-allocated management array of a static queue; K_NULL otherwise. */
    void *prio_q_mgr_array;
    k_prio_q_t prio_q;
} k_prio_msg_q_t;

/*
 * Creates an empty queue over a caller-provided pool of msg_cnt pointers.
 * The priority queue's management array (TOS_PRIO_Q_MGR_ARRAY_SIZE(msg_cnt)
 * bytes) is taken from the heap even here (§40.32).
 * Errors: K_ERR_OBJ_PTR_NULL (prio_msg_q; pool, after the array was
 * allocated and freed again); K_ERR_OUT_OF_MEMORY (management array);
 * K_ERR_OBJ_INVALID (msg_cnt above K_PRIO_Q_ITEM_CNT_MAX).
 */
__API__ k_err_t tos_prio_msg_q_create(k_prio_msg_q_t *prio_msg_q, void *pool, size_t msg_cnt);

/*
 * Destroys a queue made by tos_prio_msg_q_create() and frees its management
 * array; every waiter returns K_ERR_PEND_DESTROY. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (verify on: not a live
 * priority message queue); K_ERR_OBJ_INVALID_ALLOC_TYPE (made by
 * tos_prio_msg_q_create_dyn()).
 */
__API__ k_err_t tos_prio_msg_q_destroy(k_prio_msg_q_t *prio_msg_q);

/*
 * As tos_prio_msg_q_create() with all storage of the inner priority queue
 * taken from the heap (the control block stays caller-owned).
 * Errors: K_ERR_OBJ_PTR_NULL (prio_msg_q); K_ERR_OBJ_INVALID (msg_cnt above
 * K_PRIO_Q_ITEM_CNT_MAX); K_ERR_OUT_OF_MEMORY.
 */
__API__ k_err_t tos_prio_msg_q_create_dyn(k_prio_msg_q_t *prio_msg_q, size_t msg_cnt);

/*
 * Destroys a queue made by tos_prio_msg_q_create_dyn() and frees its
 * storage; every waiter returns K_ERR_PEND_DESTROY. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID;
 * K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_prio_msg_q_create()).
 */
__API__ k_err_t tos_prio_msg_q_destroy_dyn(k_prio_msg_q_t *prio_msg_q);

/*
 * Discards every queued message. Waiters keep waiting.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_prio_msg_q_flush(k_prio_msg_q_t *prio_msg_q);

/*
 * Receives the queued message with the smallest priority number into
 * *msg_ptr, or waits up to timeout ticks for one to be posted.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL (prio_msg_q, msg_ptr);
 * K_ERR_OBJ_INVALID; K_ERR_PEND_NOWAIT (timeout TOS_TIME_NOWAIT and empty;
 * *msg_ptr is set to K_NULL); K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT;
 * K_ERR_PEND_DESTROY. On every error but K_ERR_PEND_NOWAIT *msg_ptr is
 * untouched.
 */
__API__ k_err_t tos_prio_msg_q_pend(k_prio_msg_q_t *prio_msg_q, void **msg_ptr, k_tick_t timeout);

/*
 * Gives msg_ptr to the first waiter and reschedules; with no waiter it is
 * queued with priority prio. Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL (prio_msg_q); K_ERR_OBJ_INVALID;
 * K_ERR_PRIO_Q_FULL (no waiter and the queue is full).
 */
__API__ k_err_t tos_prio_msg_q_post(k_prio_msg_q_t *prio_msg_q, void *msg_ptr, k_prio_t prio);

/*
 * As tos_prio_msg_q_post(), but every waiter receives msg_ptr; with no
 * waiter exactly one copy is queued. Usable from an ISR.
 * Errors: as tos_prio_msg_q_post().
 */
__API__ k_err_t tos_prio_msg_q_post_all(k_prio_msg_q_t *prio_msg_q, void *msg_ptr, k_prio_t prio);

#endif /* TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN */

__CDECLS_END

#endif /* _TOS_PRIORITY_MESSAGE_QUEUE_H_ */
