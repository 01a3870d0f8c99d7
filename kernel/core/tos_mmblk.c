/*
 * Block pool (contract §29). Free blocks form a LIFO chain through their
 * first pointer-sized word, so alloc and free are O(1).
 *
 * §40.34: create also rejects a NULL pool object, blk_num == 0 and
 * blk_size == 0; alloc rejects a NULL result pointer.
 * §40.35: create_dyn frees the control block when the pool allocation fails.
 * §40.36: free still detects a double/foreign free only when it would push
 * blk_free past blk_max.
 */
#include "knl_private.h"

/* Foreign context, then NULL of the pool and of a second pointer argument. */
static k_err_t mmblk_ptrs_check(const void *mbp, const void *ptr)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (mbp == K_NULL || ptr == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* As mmblk_ptrs_check(), then VERIFY. */
static k_err_t mmblk_args_check(const k_mmblk_pool_t *mbp, const void *ptr)
{
    k_err_t err = mmblk_ptrs_check(mbp, ptr);

    if (err == K_ERR_NONE) {
        err = knl_obj_verify(mbp, KNL_OBJ_TYPE_MMBLK_POOL);
    }
    return err;
}

/* Blocks must hold the chain pointer aligned, and the pool must fit a size_t. */
static k_err_t mmblk_geometry_check(size_t blk_num, size_t blk_size)
{
    k_err_t err = K_ERR_NONE;

    if (blk_size == 0u || (blk_size & K_MMBLK_ALIGN_MASK) != 0u) {
        err = K_ERR_MMBLK_INVALID_BLK_SIZE;
    } else if (blk_num == 0u || blk_num > SIZE_MAX / blk_size) {
        err = K_ERR_MMBLK_INVALID_BLK_SIZE;
    }
    return err;
}

/* Chains the blocks in address order, the first one on top. */
static void mmblk_setup(k_mmblk_pool_t *mbp, void *pool_start, size_t blk_num, size_t blk_size,
                        knl_obj_alloc_type_t alloc_type)
{
    size_t i;
    void *blk = pool_start;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    for (i = 1u; i < blk_num; ++i) {
        *(void **)blk = K_MMBLK_NEXT_BLK(blk, blk_size);
        blk = K_MMBLK_NEXT_BLK(blk, blk_size);
    }
    *(void **)blk = K_NULL;
    mbp->pool_start = pool_start;
    mbp->free_list = pool_start;
    mbp->blk_size = blk_size;
    mbp->blk_max = blk_num;
    mbp->blk_free = blk_num;
    mbp->knl_obj.alloc_type = alloc_type;
    knl_object_init(&mbp->knl_obj, KNL_OBJ_TYPE_MMBLK_POOL);
    TOS_CPU_INT_ENABLE();
}

static void mmblk_teardown(k_mmblk_pool_t *mbp)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    mbp->pool_start = K_NULL;
    mbp->free_list = K_NULL;
    mbp->blk_size = 0u;
    mbp->blk_max = 0u;
    mbp->blk_free = 0u;
    knl_object_alloc_reset(&mbp->knl_obj);
    knl_object_deinit(&mbp->knl_obj);
    TOS_CPU_INT_ENABLE();
}

__API__ k_err_t tos_mmblk_pool_create(k_mmblk_pool_t *mbp, void *pool_start, size_t blk_num,
                                      size_t blk_size)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        err = mmblk_ptrs_check(mbp, pool_start);
    }
    if (err == K_ERR_NONE && ((cpu_addr_t)pool_start & K_MMBLK_ALIGN_MASK) != 0u) {
        err = K_ERR_MMBLK_INVALID_POOL_ADDR;
    }
    if (err == K_ERR_NONE) {
        err = mmblk_geometry_check(blk_num, blk_size);
    }
    if (err == K_ERR_NONE) {
        mmblk_setup(mbp, pool_start, blk_num, blk_size, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_mmblk_pool_destroy(k_mmblk_pool_t *mbp)
{
    k_err_t err = knl_obj_check(mbp, KNL_OBJ_TYPE_MMBLK_POOL);

#if TOS_CFG_MMHEAP_EN > 0u
    /* Without a heap there are no _dyn pools to confuse it with (contract). */
    if (err == K_ERR_NONE && !knl_object_alloc_is_static(&mbp->knl_obj)) {
        err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
    }
#endif
    if (err == K_ERR_NONE) {
        mmblk_teardown(mbp);
    }
    return err;
}

#if TOS_CFG_MMHEAP_EN > 0u

/*
 * Control block, then pool; on failure nothing stays allocated. The heap
 * aligns payloads to at least sizeof(void *), as the block chain needs.
 */
static k_err_t mmblk_dyn_alloc(size_t pool_bytes, k_mmblk_pool_t **ctl, void **pool)
{
    k_err_t err = K_ERR_NONE;

    *pool = K_NULL;
    *ctl = (k_mmblk_pool_t *)tos_mmheap_calloc(1u, sizeof(k_mmblk_pool_t));
    if (*ctl == K_NULL) {
        err = K_ERR_MMBLK_OUT_OF_MEMORY;
    } else {
        *pool = tos_mmheap_alloc(pool_bytes);
    }
    if (err == K_ERR_NONE && *pool == K_NULL) {
        tos_mmheap_free(*ctl);
        *ctl = K_NULL;
        err = K_ERR_MMBLK_POOL_OUT_OF_MEMORY;
    }
    return err;
}

__API__ k_err_t tos_mmblk_pool_create_dyn(k_mmblk_pool_t **mbp, size_t blk_num, size_t blk_size)
{
    k_mmblk_pool_t *ctl = K_NULL;
    void *pool = K_NULL;
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        err = mmblk_ptrs_check(mbp, mbp); /* no second pointer */
    }
    if (err == K_ERR_NONE) {
        err = mmblk_geometry_check(blk_num, blk_size);
    }
    if (err == K_ERR_NONE) {
        err = mmblk_dyn_alloc(blk_num * blk_size, &ctl, &pool);
    }
    if (err == K_ERR_NONE) {
        mmblk_setup(ctl, pool, blk_num, blk_size, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
        *mbp = ctl;
    }
    return err;
}

__API__ k_err_t tos_mmblk_pool_destroy_dyn(k_mmblk_pool_t *mbp)
{
    void *pool = K_NULL;
    k_err_t err = knl_obj_check(mbp, KNL_OBJ_TYPE_MMBLK_POOL);

    if (err == K_ERR_NONE && !knl_object_alloc_is_dynamic(&mbp->knl_obj)) {
        err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
    }
    if (err == K_ERR_NONE) {
        pool = mbp->pool_start;
        mmblk_teardown(mbp);
        tos_mmheap_free(pool);
        tos_mmheap_free(mbp);
    }
    return err;
}

#endif

__API__ k_err_t tos_mmblk_alloc(k_mmblk_pool_t *mbp, void **blk)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = mmblk_args_check(mbp, blk);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (mbp->blk_free == 0u) {
            *blk = K_NULL;
            err = K_ERR_MMBLK_POOL_EMPTY;
        } else {
            *blk = mbp->free_list;
            mbp->free_list = *(void **)mbp->free_list;
            --mbp->blk_free;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_mmblk_free(k_mmblk_pool_t *mbp, void *blk)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = mmblk_args_check(mbp, blk);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (mbp->blk_free >= mbp->blk_max) {
            err = K_ERR_MMBLK_POOL_FULL;
        } else {
            *(void **)blk = mbp->free_list;
            mbp->free_list = blk;
            ++mbp->blk_free;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}
