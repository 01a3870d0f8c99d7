/*
 * Priority queue (contract §25): fixed-size items, each enqueued with a
 * k_prio_t; dequeue yields the numerically smallest priority first. Items of
 * equal priority leave in binary-heap order (contract §24, §40.37), not FIFO.
 * ISR-safe, never blocks.
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_PRIORITY_QUEUE_H_
#define _TOS_PRIORITY_QUEUE_H_

__CDECLS_BEGIN

typedef uint16_t prio_q_slot_t;

typedef struct prio_q_pool_manager_entry_st {
    prio_q_slot_t next;
} prio_q_pool_mgr_ent_t;

/* Free data slots, as a stack threaded through the entry array. */
typedef struct prio_q_pool_manager_st {
    prio_q_slot_t first_free;
    prio_q_pool_mgr_ent_t *pool_mgr_ent_array;
} prio_q_pool_mgr_t;

typedef struct prio_q_prio_manager_entry_st {
    k_prio_t priority;
    prio_q_slot_t slot;
} prio_q_prio_mgr_ent_t;

/* Occupied slots, ordered by priority in a min-heap of {priority, slot}. */
typedef struct prio_q_prio_manager_st {
    k_bin_heap_t prio_mgr_bin_heap;
    prio_q_prio_mgr_ent_t *prio_mgr_ent_pool;
} prio_q_prio_mgr_t;

typedef struct k_priority_queue_st {
    knl_obj_t knl_obj;

    prio_q_pool_mgr_t pool_mgr;
    prio_q_prio_mgr_t prio_mgr;

    size_t total;
    size_t item_size;
    size_t item_cnt;

    uint8_t *mgr_pool;
    uint8_t *data_pool;
} k_prio_q_t;

#define PRIO_Q_POOL_SLOT_INVALID ((prio_q_slot_t)-1)

/* Slots are 16-bit and the all-ones value marks "none": capacity limit. */
#define K_PRIO_Q_ITEM_CNT_MAX ((size_t)PRIO_Q_POOL_SLOT_INVALID)

#define PRIO_Q_POOL_MGR_ENT_ARRAY_SIZE(item_cnt) ((item_cnt) * sizeof(prio_q_pool_mgr_ent_t))
#define PRIO_Q_PRIO_MGR_ENT_POOL_SIZE(item_cnt)  ((item_cnt) * sizeof(prio_q_prio_mgr_ent_t))

#define PRIO_Q_THE_ITEM(prio_q, slot) \
    ((void *)(&(prio_q)->data_pool[(size_t)(slot) * (prio_q)->item_size]))

/* Bytes of management memory tos_prio_q_create() needs for item_cnt items. */
#define TOS_PRIO_Q_MGR_ARRAY_SIZE(item_cnt) \
    (PRIO_Q_POOL_MGR_ENT_ARRAY_SIZE(item_cnt) + PRIO_Q_PRIO_MGR_ENT_POOL_SIZE(item_cnt))

/*
 * Creates an empty queue of item_cnt items of item_size bytes. mgr_array
 * holds TOS_PRIO_Q_MGR_ARRAY_SIZE(item_cnt) bytes (any alignment), pool
 * item_cnt * item_size bytes; both caller-owned.
 * Errors: K_ERR_OBJ_PTR_NULL (prio_q, mgr_array or pool NULL);
 * K_ERR_OBJ_INVALID (item_cnt > K_PRIO_Q_ITEM_CNT_MAX).
 */
__API__ k_err_t tos_prio_q_create(k_prio_q_t *prio_q, void *mgr_array, void *pool, size_t item_cnt,
                                  size_t item_size);

/*
 * Destroys a queue made by tos_prio_q_create().
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (not a live queue, verify on);
 * K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_prio_q_create_dyn()).
 */
__API__ k_err_t tos_prio_q_destroy(k_prio_q_t *prio_q);

/*
 * As tos_prio_q_create() with the management array and the pool allocated
 * from the heap (nothing stays allocated on failure).
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (item_cnt too large);
 * K_ERR_OUT_OF_MEMORY (an allocation failed or a size overflows).
 */
__API__ k_err_t tos_prio_q_create_dyn(k_prio_q_t *prio_q, size_t item_cnt, size_t item_size);

/*
 * Destroys a queue made by tos_prio_q_create_dyn() and frees its memory.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_OBJ_INVALID_ALLOC_TYPE.
 */
__API__ k_err_t tos_prio_q_destroy_dyn(k_prio_q_t *prio_q);

/*
 * Stores a copy of item with priority prio.
 * Errors: K_ERR_OBJ_PTR_NULL (prio_q or item NULL); K_ERR_OBJ_INVALID;
 * K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH; K_ERR_PRIO_Q_FULL.
 */
__API__ k_err_t tos_prio_q_enqueue(k_prio_q_t *prio_q, void *item, size_t item_size, k_prio_t prio);

/*
 * Removes the item with the smallest priority value into item; its size and
 * priority go to *item_size / *prio unless those are NULL.
 * Errors: K_ERR_OBJ_PTR_NULL (prio_q or item NULL); K_ERR_OBJ_INVALID;
 * K_ERR_PRIO_Q_EMPTY.
 */
__API__ k_err_t tos_prio_q_dequeue(k_prio_q_t *prio_q, void *item, size_t *item_size,
                                   k_prio_t *prio);

/*
 * Discards every stored item.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_prio_q_flush(k_prio_q_t *prio_q);

/* K_TRUE iff empty; K_FALSE also for NULL/invalid. */
__API__ int tos_prio_q_is_empty(k_prio_q_t *prio_q);

/* K_TRUE iff full; K_FALSE also for NULL/invalid. */
__API__ int tos_prio_q_is_full(k_prio_q_t *prio_q);

__CDECLS_END

#endif /* _TOS_PRIORITY_QUEUE_H_ */
