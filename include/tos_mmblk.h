/*
 * Block pool (contract §29): O(1) allocation of fixed-size blocks from a
 * caller-supplied (or, with TOS_CFG_MMHEAP_EN, heap-allocated) pool. Free
 * blocks are chained LIFO through their first pointer-sized word. Alloc and
 * free are ISR-safe and never block.
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_MMBLK_H_
#define _TOS_MMBLK_H_

__CDECLS_BEGIN

typedef struct k_mmblk_pool_st {
    knl_obj_t knl_obj;

    void *pool_start;
    void *free_list; /* first free block, K_NULL when none */
    size_t blk_size;
    size_t blk_max;
    size_t blk_free;
} k_mmblk_pool_t;

#define K_MMBLK_NEXT_BLK(blk_curr, blk_size) ((void *)((cpu_addr_t)(blk_curr) + (blk_size)))
#define K_MMBLK_ALIGN_MASK                   (sizeof(void *) - 1u)

/*
 * Builds a pool of blk_num blocks of blk_size bytes in
 * [pool_start, pool_start + blk_num * blk_size).
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL (mbp or pool_start NULL);
 * K_ERR_MMBLK_INVALID_POOL_ADDR (pool_start not pointer-aligned);
 * K_ERR_MMBLK_INVALID_BLK_SIZE (blk_size 0 or not a multiple of
 * sizeof(void *), blk_num 0, or the pool would not fit the address space).
 */
__API__ k_err_t tos_mmblk_pool_create(k_mmblk_pool_t *mbp, void *pool_start, size_t blk_num,
                                      size_t blk_size);

/*
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (not a live pool, verify on);
 * K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_mmblk_pool_create_dyn(); only
 * checked when TOS_CFG_MMHEAP_EN > 0).
 */
__API__ k_err_t tos_mmblk_pool_destroy(k_mmblk_pool_t *mbp);

#if TOS_CFG_MMHEAP_EN > 0u

/*
 * Allocates a control block and a pool of blk_num blocks of blk_size bytes
 * from the heap; *mbp receives the control block. Nothing stays allocated on
 * failure.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL; K_ERR_MMBLK_INVALID_BLK_SIZE (as
 * for tos_mmblk_pool_create()); K_ERR_MMBLK_OUT_OF_MEMORY (control block);
 * K_ERR_MMBLK_POOL_OUT_OF_MEMORY (pool).
 */
__API__ k_err_t tos_mmblk_pool_create_dyn(k_mmblk_pool_t **mbp, size_t blk_num, size_t blk_size);

/*
 * Frees the pool and the control block of a tos_mmblk_pool_create_dyn() pool.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_OBJ_INVALID_ALLOC_TYPE.
 */
__API__ k_err_t tos_mmblk_pool_destroy_dyn(k_mmblk_pool_t *mbp);

#endif

/*
 * Takes a free block into *blk (*blk = K_NULL when none is free).
 * Errors: K_ERR_OBJ_PTR_NULL (mbp or blk NULL); K_ERR_OBJ_INVALID;
 * K_ERR_MMBLK_POOL_EMPTY.
 */
__API__ k_err_t tos_mmblk_alloc(k_mmblk_pool_t *mbp, void **blk);

/*
 * Returns blk to the pool. Ownership is not checked: a foreign or double
 * freed block is only caught when it would push blk_free past blk_max.
 * Errors: K_ERR_OBJ_PTR_NULL (mbp or blk NULL); K_ERR_OBJ_INVALID;
 * K_ERR_MMBLK_POOL_FULL.
 */
__API__ k_err_t tos_mmblk_free(k_mmblk_pool_t *mbp, void *blk);

__CDECLS_END

#endif /* _TOS_MMBLK_H_ */
