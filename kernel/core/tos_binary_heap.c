/*
 * Binary heap (contract §24). The sift-up and sift-down steps below follow
 * the contract's algorithm step by step: the order in which equal keys leave
 * the heap is observable (also through the priority queues) and must match.
 */
#include "knl_private.h"

/* Foreign context, then NULL of the heap and of a second pointer argument. */
static k_err_t bin_heap_ptrs_check(const k_bin_heap_t *bin_heap, const void *ptr)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (bin_heap == K_NULL || ptr == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* As bin_heap_ptrs_check(), then VERIFY. */
static k_err_t bin_heap_args_check(const k_bin_heap_t *bin_heap, const void *ptr)
{
    k_err_t err = bin_heap_ptrs_check(bin_heap, ptr);

    if (err == K_ERR_NONE) {
        err = knl_obj_verify(bin_heap, KNL_OBJ_TYPE_BINARY_HEAP);
    }
    return err;
}

/* NULL, VERIFY, then the allocation type a destroy expects. */
static k_err_t bin_heap_destroy_check(k_bin_heap_t *bin_heap, knl_obj_alloc_type_t alloc_type)
{
    k_err_t err = knl_obj_check(bin_heap, KNL_OBJ_TYPE_BINARY_HEAP);

    if (err == K_ERR_NONE && bin_heap->knl_obj.alloc_type != alloc_type) {
        err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
    }
    return err;
}

static void bin_heap_setup(k_bin_heap_t *bin_heap, void *pool, size_t item_cnt, size_t item_size,
                           k_bin_heap_cmp cmp, knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    bin_heap->total = 0u;
    bin_heap->cmp = cmp;
    bin_heap->item_size = item_size;
    bin_heap->item_cnt = item_cnt;
    bin_heap->pool = (uint8_t *)pool;
    bin_heap->knl_obj.alloc_type = alloc_type;
    knl_object_init(&bin_heap->knl_obj, KNL_OBJ_TYPE_BINARY_HEAP);
    TOS_CPU_INT_ENABLE();
}

/* Clears the control block; returns the pool so a _dyn destroy can free it. */
static void *bin_heap_teardown(k_bin_heap_t *bin_heap)
{
    void *pool;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    pool = bin_heap->pool;
    bin_heap->total = 0u;
    bin_heap->cmp = K_NULL;
    bin_heap->item_size = 0u;
    bin_heap->item_cnt = 0u;
    bin_heap->pool = K_NULL;
    knl_object_alloc_reset(&bin_heap->knl_obj);
    knl_object_deinit(&bin_heap->knl_obj);
    TOS_CPU_INT_ENABLE();
    return pool;
}

/*
 * Moves ancestors of the hole down while item must come out before them,
 * then stores item in the final hole (the push rule). item never lies on the
 * path that is written, except possibly in the final hole itself.
 */
static void bin_heap_sift_up(k_bin_heap_t *bin_heap, size_t hole, void *item)
{
    size_t parent;
    void *slot;

    while (hole > 0u) {
        parent = BIN_HEAP_PARENT(hole);
        if (!bin_heap->cmp(item, BIN_HEAP_THE_ITEM(bin_heap, parent))) {
            break;
        }
        memcpy(BIN_HEAP_THE_ITEM(bin_heap, hole), BIN_HEAP_THE_ITEM(bin_heap, parent),
               bin_heap->item_size);
        hole = parent;
    }
    slot = BIN_HEAP_THE_ITEM(bin_heap, hole);
    if (slot != item) {
        memcpy(slot, item, bin_heap->item_size);
    }
}

/*
 * Pulls the better child up into the hole from the root down to a leaf of
 * the first n items, then sifts the former last item (index n) up from there.
 */
static void bin_heap_sift_down(k_bin_heap_t *bin_heap, size_t n)
{
    size_t hole = 0u;
    size_t rchild = BIN_HEAP_RCHILD(hole);
    size_t child;

    while (rchild < n) {
        child = BIN_HEAP_LSIBLING(rchild);
        if (!bin_heap->cmp(BIN_HEAP_THE_ITEM(bin_heap, child),
                           BIN_HEAP_THE_ITEM(bin_heap, rchild))) {
            child = rchild;
        }
        memcpy(BIN_HEAP_THE_ITEM(bin_heap, hole), BIN_HEAP_THE_ITEM(bin_heap, child),
               bin_heap->item_size);
        hole = child;
        rchild = BIN_HEAP_RCHILD(hole);
    }
    if (rchild == n) {
        child = BIN_HEAP_LSIBLING(rchild);
        memcpy(BIN_HEAP_THE_ITEM(bin_heap, hole), BIN_HEAP_THE_ITEM(bin_heap, child),
               bin_heap->item_size);
        hole = child;
    }
    bin_heap_sift_up(bin_heap, hole, BIN_HEAP_THE_ITEM(bin_heap, n));
}

/* Interrupts disabled. */
static k_err_t bin_heap_do_push(k_bin_heap_t *bin_heap, void *item)
{
    k_err_t err = K_ERR_BIN_HEAP_FULL;

    if (bin_heap->total < bin_heap->item_cnt) {
        bin_heap_sift_up(bin_heap, bin_heap->total, item);
        ++bin_heap->total;
        err = K_ERR_NONE;
    }
    return err;
}

/* Interrupts disabled. */
static k_err_t bin_heap_do_pop(k_bin_heap_t *bin_heap, void *item, size_t *item_size)
{
    k_err_t err = K_ERR_BIN_HEAP_EMPTY;

    if (bin_heap->total > 0u) {
        memcpy(item, BIN_HEAP_FIRST_ITEM(bin_heap), bin_heap->item_size);
        if (item_size != K_NULL) {
            *item_size = bin_heap->item_size;
        }
        --bin_heap->total;
        bin_heap_sift_down(bin_heap, bin_heap->total);
        err = K_ERR_NONE;
    }
    return err;
}

__API__ k_err_t tos_bin_heap_create(k_bin_heap_t *bin_heap, void *pool, size_t item_cnt,
                                    size_t item_size, k_bin_heap_cmp cmp)
{
    k_err_t err = bin_heap_ptrs_check(bin_heap, pool);

    if (err == K_ERR_NONE && cmp == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        bin_heap_setup(bin_heap, pool, item_cnt, item_size, cmp, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_bin_heap_destroy(k_bin_heap_t *bin_heap)
{
    k_err_t err = bin_heap_destroy_check(bin_heap, KNL_OBJ_ALLOC_TYPE_STATIC);

    if (err == K_ERR_NONE) {
        (void)bin_heap_teardown(bin_heap);
    }
    return err;
}

/* Pool bytes for a _dyn heap; 0 if the product does not fit a size_t. */
static size_t bin_heap_pool_bytes(size_t item_cnt, size_t item_size)
{
    size_t bytes = 0u;

    if (item_size == 0u || item_cnt <= SIZE_MAX / item_size) {
        bytes = item_cnt * item_size;
        /* A zero-capacity heap still gets a (never touched) buffer. */
        bytes = bytes == 0u ? 1u : bytes;
    }
    return bytes;
}

__API__ k_err_t tos_bin_heap_create_dyn(k_bin_heap_t *bin_heap, size_t item_cnt, size_t item_size,
                                        k_bin_heap_cmp cmp)
{
    void *pool = K_NULL;
    size_t bytes;
    k_err_t err = bin_heap_ptrs_check(bin_heap, bin_heap); /* no pool argument */

    if (err == K_ERR_NONE && cmp == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        bytes = bin_heap_pool_bytes(item_cnt, item_size);
        pool = bytes == 0u ? K_NULL : tos_mmheap_alloc(bytes);
        err = pool == K_NULL ? K_ERR_OUT_OF_MEMORY : K_ERR_NONE;
    }
    if (err == K_ERR_NONE) {
        bin_heap_setup(bin_heap, pool, item_cnt, item_size, cmp, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    }
    return err;
}

__API__ k_err_t tos_bin_heap_destroy_dyn(k_bin_heap_t *bin_heap)
{
    k_err_t err = bin_heap_destroy_check(bin_heap, KNL_OBJ_ALLOC_TYPE_DYNAMIC);

    if (err == K_ERR_NONE) {
        tos_mmheap_free(bin_heap_teardown(bin_heap));
    }
    return err;
}

__API__ k_err_t tos_bin_heap_push(k_bin_heap_t *bin_heap, void *item, size_t item_size)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = bin_heap_args_check(bin_heap, item);

    if (err == K_ERR_NONE && item_size != bin_heap->item_size) {
        err = K_ERR_BIN_HEAP_ITEM_SIZE_NOT_MATCH;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = bin_heap_do_push(bin_heap, item);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_bin_heap_pop(k_bin_heap_t *bin_heap, void *item, size_t *item_size)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = bin_heap_args_check(bin_heap, item);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = bin_heap_do_pop(bin_heap, item, item_size);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_bin_heap_flush(k_bin_heap_t *bin_heap)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(bin_heap, KNL_OBJ_TYPE_BINARY_HEAP);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        bin_heap->total = 0u;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ int tos_bin_heap_is_empty(k_bin_heap_t *bin_heap)
{
    int is_empty = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(bin_heap, KNL_OBJ_TYPE_BINARY_HEAP)) {
        TOS_CPU_INT_DISABLE();
        is_empty = bin_heap->total == 0u ? K_TRUE : K_FALSE;
        TOS_CPU_INT_ENABLE();
    }
    return is_empty;
}

__API__ int tos_bin_heap_is_full(k_bin_heap_t *bin_heap)
{
    int is_full = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(bin_heap, KNL_OBJ_TYPE_BINARY_HEAP)) {
        TOS_CPU_INT_DISABLE();
        is_full = bin_heap->total == bin_heap->item_cnt ? K_TRUE : K_FALSE;
        TOS_CPU_INT_ENABLE();
    }
    return is_full;
}
