/*
 * Binary heap (contract §24): an array-based heap of fixed-size items ordered
 * by a user comparator. ISR-safe, never blocks. The exact sift algorithm is
 * part of the contract because it fixes the order in which equal keys leave
 * the heap (the priority queues inherit it).
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_BINARY_HEAP_H_
#define _TOS_BINARY_HEAP_H_

__CDECLS_BEGIN

/* Non-zero iff first must leave the heap before second (0 for equal keys). */
typedef int (*k_bin_heap_cmp)(void *first, void *second);

typedef struct k_binary_heap_st {
    knl_obj_t knl_obj;

    size_t total; /* items stored */

    k_bin_heap_cmp cmp;

    size_t item_size;
    size_t item_cnt; /* capacity in items */

    uint8_t *pool;
} k_bin_heap_t;

#define BIN_HEAP_FIRST_ITEM(bin_heap) ((void *)(&(bin_heap)->pool[0]))
#define BIN_HEAP_LAST_ITEM(bin_heap) \
    ((void *)(&(bin_heap)->pool[(bin_heap)->total * (bin_heap)->item_size]))
#define BIN_HEAP_THE_ITEM(bin_heap, index) \
    ((void *)(&(bin_heap)->pool[(size_t)(index) * (bin_heap)->item_size]))

#define BIN_HEAP_PARENT(index)   (((index)-1) / 2)
#define BIN_HEAP_RCHILD(index)   (2 * ((index) + 1))
#define BIN_HEAP_LSIBLING(index) ((index)-1)

/*
 * Creates an empty heap of item_cnt items of item_size bytes in pool
 * (item_cnt * item_size bytes, caller-owned).
 * Errors: K_ERR_OBJ_PTR_NULL (bin_heap, pool or cmp NULL).
 */
__API__ k_err_t tos_bin_heap_create(k_bin_heap_t *bin_heap, void *pool, size_t item_cnt,
                                    size_t item_size, k_bin_heap_cmp cmp);

/*
 * Destroys a heap made by tos_bin_heap_create().
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (not a live heap, verify on);
 * K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_bin_heap_create_dyn()).
 */
__API__ k_err_t tos_bin_heap_destroy(k_bin_heap_t *bin_heap);

/*
 * As tos_bin_heap_create() with a heap-allocated pool.
 * Errors: K_ERR_OBJ_PTR_NULL (bin_heap or cmp NULL); K_ERR_OUT_OF_MEMORY
 * (allocation failed or item_cnt * item_size overflows).
 */
__API__ k_err_t tos_bin_heap_create_dyn(k_bin_heap_t *bin_heap, size_t item_cnt, size_t item_size,
                                        k_bin_heap_cmp cmp);

/*
 * Destroys a heap made by tos_bin_heap_create_dyn() and frees its pool.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_OBJ_INVALID_ALLOC_TYPE.
 */
__API__ k_err_t tos_bin_heap_destroy_dyn(k_bin_heap_t *bin_heap);

/*
 * Inserts a copy of item.
 * Errors: K_ERR_OBJ_PTR_NULL (bin_heap or item NULL); K_ERR_OBJ_INVALID;
 * K_ERR_BIN_HEAP_ITEM_SIZE_NOT_MATCH; K_ERR_BIN_HEAP_FULL.
 */
__API__ k_err_t tos_bin_heap_push(k_bin_heap_t *bin_heap, void *item, size_t item_size);

/*
 * Removes the top item into item; its size goes to *item_size unless
 * item_size is NULL.
 * Errors: K_ERR_OBJ_PTR_NULL (bin_heap or item NULL); K_ERR_OBJ_INVALID;
 * K_ERR_BIN_HEAP_EMPTY.
 */
__API__ k_err_t tos_bin_heap_pop(k_bin_heap_t *bin_heap, void *item, size_t *item_size);

/*
 * Discards every stored item.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_bin_heap_flush(k_bin_heap_t *bin_heap);

/* K_TRUE iff empty; K_FALSE also for NULL/invalid. */
__API__ int tos_bin_heap_is_empty(k_bin_heap_t *bin_heap);

/* K_TRUE iff full; K_FALSE also for NULL/invalid. */
__API__ int tos_bin_heap_is_full(k_bin_heap_t *bin_heap);

__CDECLS_END

#endif /* _TOS_BINARY_HEAP_H_ */
