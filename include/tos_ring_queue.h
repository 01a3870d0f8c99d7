/*
 * Ring queue (contract §20): a FIFO of fixed-size items copied by value.
 * No waiters, no scheduling; every operation is a short critical section and
 * may be called from an ISR.
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_RING_QUEUE_H_
#define _TOS_RING_QUEUE_H_

__CDECLS_BEGIN

typedef struct k_ring_queue_st {
    knl_obj_t knl_obj;

    uint16_t head; /* slot of the oldest item */
    uint16_t tail; /* slot the next item goes to */
    size_t total;  /* items stored */

    uint8_t *pool;
    size_t item_size;
    size_t item_cnt; /* capacity in items */
} k_ring_q_t;

/*
 * head/tail are 16-bit (contract §40.33), so slot indices reach at most
 * 65535: a queue holds at most this many items. Larger capacities are
 * rejected at creation instead of silently wrapping the indices.
 */
#define K_RING_Q_ITEM_CNT_MAX ((size_t)UINT16_MAX + 1u)

#define RING_HEAD_ITEM(ring_q) \
    ((void *)(&(ring_q)->pool[(size_t)(ring_q)->head * (ring_q)->item_size]))
#define RING_TAIL_ITEM(ring_q) \
    ((void *)(&(ring_q)->pool[(size_t)(ring_q)->tail * (ring_q)->item_size]))
#define RING_NEXT(ring_q, index) (((size_t)(index) + 1u) % (ring_q)->item_cnt)

/*
 * Creates an empty queue of item_cnt items of item_size bytes in pool
 * (item_cnt * item_size bytes, caller-owned).
 * Errors: K_ERR_OBJ_PTR_NULL (ring_q or pool NULL); K_ERR_OBJ_INVALID
 * (item_cnt > K_RING_Q_ITEM_CNT_MAX).
 */
__API__ k_err_t tos_ring_q_create(k_ring_q_t *ring_q, void *pool, size_t item_cnt,
                                  size_t item_size);

/*
 * Destroys a queue made by tos_ring_q_create().
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (not a live ring queue, verify
 * on); K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_ring_q_create_dyn()).
 */
__API__ k_err_t tos_ring_q_destroy(k_ring_q_t *ring_q);

/*
 * As tos_ring_q_create() but the pool comes from the heap (the control block
 * stays caller-owned).
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (item_cnt too large);
 * K_ERR_OUT_OF_MEMORY (allocation failed or item_cnt * item_size overflows).
 */
__API__ k_err_t tos_ring_q_create_dyn(k_ring_q_t *ring_q, size_t item_cnt, size_t item_size);

/*
 * Destroys a queue made by tos_ring_q_create_dyn() and frees its pool.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_OBJ_INVALID_ALLOC_TYPE
 * (made by tos_ring_q_create()).
 */
__API__ k_err_t tos_ring_q_destroy_dyn(k_ring_q_t *ring_q);

/*
 * Copies item_size bytes from item to the tail.
 * Errors: K_ERR_OBJ_PTR_NULL (ring_q or item NULL); K_ERR_OBJ_INVALID;
 * K_ERR_RING_Q_ITEM_SIZE_NOT_MATCH; K_ERR_RING_Q_FULL.
 */
__API__ k_err_t tos_ring_q_enqueue(k_ring_q_t *ring_q, void *item, size_t item_size);

/*
 * Moves the oldest item to item (which must hold the queue's item size) and
 * stores its size in *item_size unless item_size is NULL.
 * Errors: K_ERR_OBJ_PTR_NULL (ring_q or item NULL); K_ERR_OBJ_INVALID;
 * K_ERR_RING_Q_EMPTY.
 */
__API__ k_err_t tos_ring_q_dequeue(k_ring_q_t *ring_q, void *item, size_t *item_size);

/*
 * Discards every stored item.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_ring_q_flush(k_ring_q_t *ring_q);

/* K_TRUE iff the queue holds no item; K_FALSE also for NULL/invalid. */
__API__ int tos_ring_q_is_empty(k_ring_q_t *ring_q);

/* K_TRUE iff the queue holds item_cnt items; K_FALSE also for NULL/invalid. */
__API__ int tos_ring_q_is_full(k_ring_q_t *ring_q);

__CDECLS_END

#endif /* _TOS_RING_QUEUE_H_ */
