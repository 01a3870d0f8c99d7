/* Ring queue (contract §20). */
#include "knl_private.h"

/* Foreign context, then NULL of the queue and of a second pointer argument. */
static k_err_t ring_q_ptrs_check(const k_ring_q_t *ring_q, const void *ptr)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (ring_q == K_NULL || ptr == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* As ring_q_ptrs_check(), then VERIFY. */
static k_err_t ring_q_args_check(const k_ring_q_t *ring_q, const void *ptr)
{
    k_err_t err = ring_q_ptrs_check(ring_q, ptr);

    if (err == K_ERR_NONE) {
        err = knl_obj_verify(ring_q, KNL_OBJ_TYPE_RING_QUEUE);
    }
    return err;
}

/* 16-bit head/tail (§40.33) would wrap silently beyond this capacity. */
static k_err_t ring_q_cnt_check(size_t item_cnt)
{
    return item_cnt > K_RING_Q_ITEM_CNT_MAX ? K_ERR_OBJ_INVALID : K_ERR_NONE;
}

static void ring_q_setup(k_ring_q_t *ring_q, void *pool, size_t item_cnt, size_t item_size,
                         knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    ring_q_fields_init(ring_q, pool, item_cnt, item_size, alloc_type);
    TOS_CPU_INT_ENABLE();
}

/* Clears the control block; returns the pool so a _dyn destroy can free it. */
static void *ring_q_teardown(k_ring_q_t *ring_q)
{
    void *pool;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    pool = ring_q->pool;
    ring_q->head = 0u;
    ring_q->tail = 0u;
    ring_q->total = 0u;
    ring_q->pool = K_NULL;
    ring_q->item_size = 0u;
    ring_q->item_cnt = 0u;
    knl_object_alloc_reset(&ring_q->knl_obj);
    knl_object_deinit(&ring_q->knl_obj);
    TOS_CPU_INT_ENABLE();
    return pool;
}

__API__ k_err_t tos_ring_q_create(k_ring_q_t *ring_q, void *pool, size_t item_cnt, size_t item_size)
{
    k_err_t err = ring_q_ptrs_check(ring_q, pool);

    if (err == K_ERR_NONE) {
        err = ring_q_cnt_check(item_cnt);
    }
    if (err == K_ERR_NONE) {
        ring_q_setup(ring_q, pool, item_cnt, item_size, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_ring_q_destroy(k_ring_q_t *ring_q)
{
    k_err_t err = knl_obj_check(ring_q, KNL_OBJ_TYPE_RING_QUEUE);

    if (err == K_ERR_NONE && !knl_object_alloc_is_static(&ring_q->knl_obj)) {
        err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
    }
    if (err == K_ERR_NONE) {
        (void)ring_q_teardown(ring_q);
    }
    return err;
}

/* Pool bytes for a _dyn queue; 0 if the product does not fit a size_t. */
static size_t ring_q_pool_bytes(size_t item_cnt, size_t item_size)
{
    size_t bytes = 0u;

    if (item_size == 0u || item_cnt <= SIZE_MAX / item_size) {
        bytes = item_cnt * item_size;
        /* A zero-capacity queue still gets a (never touched) buffer. */
        bytes = bytes == 0u ? 1u : bytes;
    }
    return bytes;
}

__API__ k_err_t tos_ring_q_create_dyn(k_ring_q_t *ring_q, size_t item_cnt, size_t item_size)
{
    void *pool = K_NULL;
    size_t bytes = 0u;
    k_err_t err = ring_q_ptrs_check(ring_q, ring_q); /* no second pointer */

    if (err == K_ERR_NONE) {
        err = ring_q_cnt_check(item_cnt);
    }
    if (err == K_ERR_NONE) {
        bytes = ring_q_pool_bytes(item_cnt, item_size);
        pool = bytes == 0u ? K_NULL : tos_mmheap_alloc(bytes);
        err = pool == K_NULL ? K_ERR_OUT_OF_MEMORY : K_ERR_NONE;
    }
    if (err == K_ERR_NONE) {
        ring_q_setup(ring_q, pool, item_cnt, item_size, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    }
    return err;
}

__API__ k_err_t tos_ring_q_destroy_dyn(k_ring_q_t *ring_q)
{
    k_err_t err = knl_obj_check(ring_q, KNL_OBJ_TYPE_RING_QUEUE);

    if (err == K_ERR_NONE && !knl_object_alloc_is_dynamic(&ring_q->knl_obj)) {
        err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
    }
    if (err == K_ERR_NONE) {
        tos_mmheap_free(ring_q_teardown(ring_q));
    }
    return err;
}

/* Interrupts disabled. */
/*
 * Item copy: queue items are mostly a few aligned words (messages are one
 * pointer, mails small structs), for which a word loop beats the C
 * library's general memcpy several times over. The loop must stay a loop.
 */
/* Four words copied as one object: compilers move it with load/store-multiple. */
typedef struct ring_q_blk_st {
    uint32_t w[4];
} ring_q_blk_t;

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
__KNL_INLINE__ void
ring_q_copy(void *dst, const void *src, size_t size)
{
    uint32_t *d = dst;
    const uint32_t *s = src;
    const uint32_t *blocks_end = s + ((size >> 2) & ~(size_t)3u);
    const uint32_t *end = s + (size >> 2);

    if ((((uintptr_t)dst | (uintptr_t)src | size) & 3u) == 0u) {
        while (s != blocks_end) {
            *(ring_q_blk_t *)(void *)d = *(const ring_q_blk_t *)(const void *)s;
            d += 4;
            s += 4;
        }
        while (s != end) {
            *d++ = *s++;
        }
    } else {
        memcpy(dst, src, size);
    }
}

__KNL__ k_err_t ring_q_do_enqueue(k_ring_q_t *ring_q, const void *item)
{
    k_err_t err = K_ERR_RING_Q_FULL;

    if (ring_q->total < ring_q->item_cnt) {
        ring_q_copy(RING_TAIL_ITEM(ring_q), item, ring_q->item_size);
        ring_q->tail = (uint16_t)RING_NEXT(ring_q, ring_q->tail);
        ++ring_q->total;
        err = K_ERR_NONE;
    }
    return err;
}

/* Interrupts disabled. */
__KNL__ k_err_t ring_q_do_dequeue(k_ring_q_t *ring_q, void *item, size_t *item_size)
{
    k_err_t err = K_ERR_RING_Q_EMPTY;

    if (ring_q->total > 0u) {
        ring_q_copy(item, RING_HEAD_ITEM(ring_q), ring_q->item_size);
        if (item_size != K_NULL) {
            *item_size = ring_q->item_size;
        }
        ring_q->head = (uint16_t)RING_NEXT(ring_q, ring_q->head);
        --ring_q->total;
        err = K_ERR_NONE;
    }
    return err;
}

__API__ k_err_t tos_ring_q_enqueue(k_ring_q_t *ring_q, void *item, size_t item_size)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = ring_q_args_check(ring_q, item);

    if (err == K_ERR_NONE && item_size != ring_q->item_size) {
        err = K_ERR_RING_Q_ITEM_SIZE_NOT_MATCH;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = ring_q_do_enqueue(ring_q, item);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_ring_q_dequeue(k_ring_q_t *ring_q, void *item, size_t *item_size)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = ring_q_args_check(ring_q, item);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = ring_q_do_dequeue(ring_q, item, item_size);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_ring_q_flush(k_ring_q_t *ring_q)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(ring_q, KNL_OBJ_TYPE_RING_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        ring_q->head = 0u;
        ring_q->tail = 0u;
        ring_q->total = 0u;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ int tos_ring_q_is_empty(k_ring_q_t *ring_q)
{
    int is_empty = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(ring_q, KNL_OBJ_TYPE_RING_QUEUE)) {
        TOS_CPU_INT_DISABLE();
        is_empty = ring_q->total == 0u ? K_TRUE : K_FALSE;
        TOS_CPU_INT_ENABLE();
    }
    return is_empty;
}

__API__ int tos_ring_q_is_full(k_ring_q_t *ring_q)
{
    int is_full = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(ring_q, KNL_OBJ_TYPE_RING_QUEUE)) {
        TOS_CPU_INT_DISABLE();
        is_full = ring_q->total == ring_q->item_cnt ? K_TRUE : K_FALSE;
        TOS_CPU_INT_ENABLE();
    }
    return is_full;
}
