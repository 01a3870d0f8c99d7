/*
 * Priority queue (contract §25). Data slots come from a free-slot stack
 * threaded through the caller's management array; occupied slots are ordered
 * by an inner binary heap of {priority, slot} entries, so items of equal
 * priority leave in heap order (§40.37), exactly as in the original.
 *
 * The management array is caller memory of unspecified alignment: its
 * entries are only read and written byte-wise (memcpy).
 */
#include "knl_private.h"

/* Foreign context, then NULL of the queue and of a second pointer argument. */
static k_err_t prio_q_ptrs_check(const k_prio_q_t *prio_q, const void *ptr)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (prio_q == K_NULL || ptr == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* As prio_q_ptrs_check(), then VERIFY. */
static k_err_t prio_q_args_check(const k_prio_q_t *prio_q, const void *ptr)
{
    k_err_t err = prio_q_ptrs_check(prio_q, ptr);

    if (err == K_ERR_NONE) {
        err = knl_obj_verify(prio_q, KNL_OBJ_TYPE_PRIORITY_QUEUE);
    }
    return err;
}

/* NULL, VERIFY, then the allocation type a destroy expects. */
static k_err_t prio_q_destroy_check(k_prio_q_t *prio_q, knl_obj_alloc_type_t alloc_type)
{
    k_err_t err = knl_obj_check(prio_q, KNL_OBJ_TYPE_PRIORITY_QUEUE);

    if (err == K_ERR_NONE && prio_q->knl_obj.alloc_type != alloc_type) {
        err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
    }
    return err;
}

/* Slots are 16-bit and 0xFFFF means "no slot": larger queues cannot be indexed. */
static k_err_t prio_q_cnt_check(size_t item_cnt)
{
    return item_cnt > K_PRIO_Q_ITEM_CNT_MAX ? K_ERR_OBJ_INVALID : K_ERR_NONE;
}

static uint8_t *prio_q_pool_mgr_ent(const k_prio_q_t *prio_q, prio_q_slot_t slot)
{
    return (uint8_t *)prio_q->pool_mgr.pool_mgr_ent_array +
           (size_t)slot * sizeof(prio_q_pool_mgr_ent_t) +
           TOS_OFFSET_OF_FIELD(prio_q_pool_mgr_ent_t, next);
}

static prio_q_slot_t prio_q_slot_next_get(const k_prio_q_t *prio_q, prio_q_slot_t slot)
{
    prio_q_slot_t next;

    memcpy(&next, prio_q_pool_mgr_ent(prio_q, slot), sizeof(next));
    return next;
}

static void prio_q_slot_next_set(k_prio_q_t *prio_q, prio_q_slot_t slot, prio_q_slot_t next)
{
    memcpy(prio_q_pool_mgr_ent(prio_q, slot), &next, sizeof(next));
}

/* Min-heap on the priority value of {priority, slot} entries. */
static int prio_q_prio_cmp(void *first, void *second)
{
    k_prio_t first_prio;
    k_prio_t second_prio;
    size_t offset = TOS_OFFSET_OF_FIELD(prio_q_prio_mgr_ent_t, priority);

    memcpy(&first_prio, (uint8_t *)first + offset, sizeof(first_prio));
    memcpy(&second_prio, (uint8_t *)second + offset, sizeof(second_prio));
    return first_prio < second_prio;
}

/* Free stack 0, 1, ..., item_cnt - 1 (slot 0 on top). Interrupts disabled. */
static void prio_q_free_list_reset(k_prio_q_t *prio_q)
{
    size_t slot;
    prio_q_slot_t next;

    for (slot = 0u; slot < prio_q->item_cnt; ++slot) {
        next = slot + 1u < prio_q->item_cnt ? (prio_q_slot_t)(slot + 1u) : PRIO_Q_POOL_SLOT_INVALID;
        prio_q_slot_next_set(prio_q, (prio_q_slot_t)slot, next);
    }
    prio_q->pool_mgr.first_free =
        prio_q->item_cnt > 0u ? (prio_q_slot_t)0u : PRIO_Q_POOL_SLOT_INVALID;
}

/* Slot array first, heap entries right after it (TOS_PRIO_Q_MGR_ARRAY_SIZE). */
static k_err_t prio_q_setup(k_prio_q_t *prio_q, void *mgr_array, void *pool, size_t item_cnt,
                            size_t item_size, knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();
    uint8_t *ent_pool = (uint8_t *)mgr_array + PRIO_Q_POOL_MGR_ENT_ARRAY_SIZE(item_cnt);
    k_err_t err = tos_bin_heap_create(&prio_q->prio_mgr.prio_mgr_bin_heap, ent_pool, item_cnt,
                                      sizeof(prio_q_prio_mgr_ent_t), prio_q_prio_cmp);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        prio_q->pool_mgr.pool_mgr_ent_array = (prio_q_pool_mgr_ent_t *)mgr_array;
        prio_q->prio_mgr.prio_mgr_ent_pool = (prio_q_prio_mgr_ent_t *)(void *)ent_pool;
        prio_q->total = 0u;
        prio_q->item_size = item_size;
        prio_q->item_cnt = item_cnt;
        prio_q->mgr_pool = (uint8_t *)mgr_array;
        prio_q->data_pool = (uint8_t *)pool;
        prio_q_free_list_reset(prio_q);
        prio_q->knl_obj.alloc_type = alloc_type;
        knl_object_init(&prio_q->knl_obj, KNL_OBJ_TYPE_PRIORITY_QUEUE);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Destroys the inner heap and clears the control block. */
static k_err_t prio_q_teardown(k_prio_q_t *prio_q)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = tos_bin_heap_destroy(&prio_q->prio_mgr.prio_mgr_bin_heap);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        prio_q->pool_mgr.first_free = PRIO_Q_POOL_SLOT_INVALID;
        prio_q->pool_mgr.pool_mgr_ent_array = K_NULL;
        prio_q->prio_mgr.prio_mgr_ent_pool = K_NULL;
        prio_q->total = 0u;
        prio_q->item_size = 0u;
        prio_q->item_cnt = 0u;
        prio_q->mgr_pool = K_NULL;
        prio_q->data_pool = K_NULL;
        knl_object_alloc_reset(&prio_q->knl_obj);
        knl_object_deinit(&prio_q->knl_obj);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_prio_q_create(k_prio_q_t *prio_q, void *mgr_array, void *pool, size_t item_cnt,
                                  size_t item_size)
{
    k_err_t err = prio_q_ptrs_check(prio_q, mgr_array);

    if (err == K_ERR_NONE && pool == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        err = prio_q_cnt_check(item_cnt);
    }
    if (err == K_ERR_NONE) {
        err = prio_q_setup(prio_q, mgr_array, pool, item_cnt, item_size, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_prio_q_destroy(k_prio_q_t *prio_q)
{
    k_err_t err = prio_q_destroy_check(prio_q, KNL_OBJ_ALLOC_TYPE_STATIC);

    if (err == K_ERR_NONE) {
        err = prio_q_teardown(prio_q);
    }
    return err;
}

/* Data pool bytes for a _dyn queue; 0 if the product does not fit a size_t. */
static size_t prio_q_pool_bytes(size_t item_cnt, size_t item_size)
{
    size_t bytes = 0u;

    if (item_size == 0u || item_cnt <= SIZE_MAX / item_size) {
        bytes = item_cnt * item_size;
        /* A zero-capacity queue still gets a (never touched) buffer. */
        bytes = bytes == 0u ? 1u : bytes;
    }
    return bytes;
}

/* Both buffers or neither: on failure nothing stays allocated (§25). */
static k_err_t prio_q_dyn_alloc(size_t item_cnt, size_t item_size, void **mgr_array, void **pool)
{
    size_t mgr_bytes = TOS_PRIO_Q_MGR_ARRAY_SIZE(item_cnt);
    size_t pool_bytes = prio_q_pool_bytes(item_cnt, item_size);
    k_err_t err = K_ERR_OUT_OF_MEMORY;

    *mgr_array = tos_mmheap_alloc(mgr_bytes == 0u ? 1u : mgr_bytes);
    *pool = K_NULL;
    if (*mgr_array != K_NULL && pool_bytes != 0u) {
        *pool = tos_mmheap_alloc(pool_bytes);
    }
    if (*pool != K_NULL) {
        err = K_ERR_NONE;
    } else if (*mgr_array != K_NULL) {
        tos_mmheap_free(*mgr_array);
        *mgr_array = K_NULL;
    }
    return err;
}

/*
 * §40.30: an inner create failure is returned (after freeing both buffers)
 * instead of being reported as success.
 */
__API__ k_err_t tos_prio_q_create_dyn(k_prio_q_t *prio_q, size_t item_cnt, size_t item_size)
{
    void *mgr_array = K_NULL;
    void *pool = K_NULL;
    k_err_t err = prio_q_ptrs_check(prio_q, prio_q); /* no buffer arguments */

    if (err == K_ERR_NONE) {
        err = prio_q_cnt_check(item_cnt);
    }
    if (err == K_ERR_NONE) {
        err = prio_q_dyn_alloc(item_cnt, item_size, &mgr_array, &pool);
    }
    if (err == K_ERR_NONE) {
        err =
            prio_q_setup(prio_q, mgr_array, pool, item_cnt, item_size, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
        if (err != K_ERR_NONE) {
            tos_mmheap_free(pool);
            tos_mmheap_free(mgr_array);
        }
    }
    return err;
}

__API__ k_err_t tos_prio_q_destroy_dyn(k_prio_q_t *prio_q)
{
    void *mgr_array = K_NULL;
    void *pool = K_NULL;
    k_err_t err = prio_q_destroy_check(prio_q, KNL_OBJ_ALLOC_TYPE_DYNAMIC);

    if (err == K_ERR_NONE) {
        mgr_array = prio_q->mgr_pool;
        pool = prio_q->data_pool;
        err = prio_q_teardown(prio_q);
    }
    if (err == K_ERR_NONE) {
        tos_mmheap_free(pool);
        tos_mmheap_free(mgr_array);
    }
    return err;
}

/* Interrupts disabled. */
static k_err_t prio_q_do_enqueue(k_prio_q_t *prio_q, const void *item, k_prio_t prio)
{
    prio_q_prio_mgr_ent_t ent;
    k_err_t err = K_ERR_PRIO_Q_FULL;

    memset(&ent, 0, sizeof(ent));
    if (prio_q->total < prio_q->item_cnt) {
        ent.priority = prio;
        ent.slot = prio_q->pool_mgr.first_free;
        err = tos_bin_heap_push(&prio_q->prio_mgr.prio_mgr_bin_heap, &ent, sizeof(ent));
    }
    if (err == K_ERR_NONE) {
        prio_q->pool_mgr.first_free = prio_q_slot_next_get(prio_q, ent.slot);
        memcpy(PRIO_Q_THE_ITEM(prio_q, ent.slot), item, prio_q->item_size);
        ++prio_q->total;
    }
    return err;
}

/* Interrupts disabled. */
static k_err_t prio_q_do_dequeue(k_prio_q_t *prio_q, void *item, size_t *item_size, k_prio_t *prio)
{
    prio_q_prio_mgr_ent_t ent;
    k_err_t err = K_ERR_PRIO_Q_EMPTY;

    memset(&ent, 0, sizeof(ent));
    if (prio_q->total > 0u) {
        err = tos_bin_heap_pop(&prio_q->prio_mgr.prio_mgr_bin_heap, &ent, K_NULL);
    }
    if (err == K_ERR_NONE) {
        memcpy(item, PRIO_Q_THE_ITEM(prio_q, ent.slot), prio_q->item_size);
        prio_q_slot_next_set(prio_q, ent.slot, prio_q->pool_mgr.first_free);
        prio_q->pool_mgr.first_free = ent.slot;
        --prio_q->total;
        if (item_size != K_NULL) {
            *item_size = prio_q->item_size;
        }
        if (prio != K_NULL) {
            *prio = ent.priority;
        }
    }
    return err;
}

__API__ k_err_t tos_prio_q_enqueue(k_prio_q_t *prio_q, void *item, size_t item_size, k_prio_t prio)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = prio_q_args_check(prio_q, item);

    if (err == K_ERR_NONE && item_size != prio_q->item_size) {
        err = K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = prio_q_do_enqueue(prio_q, item, prio);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_prio_q_dequeue(k_prio_q_t *prio_q, void *item, size_t *item_size,
                                   k_prio_t *prio)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = prio_q_args_check(prio_q, item);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = prio_q_do_dequeue(prio_q, item, item_size, prio);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_prio_q_flush(k_prio_q_t *prio_q)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(prio_q, KNL_OBJ_TYPE_PRIORITY_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = tos_bin_heap_flush(&prio_q->prio_mgr.prio_mgr_bin_heap);
        if (err == K_ERR_NONE) {
            prio_q_free_list_reset(prio_q);
            prio_q->total = 0u;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ int tos_prio_q_is_empty(k_prio_q_t *prio_q)
{
    int is_empty = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(prio_q, KNL_OBJ_TYPE_PRIORITY_QUEUE)) {
        TOS_CPU_INT_DISABLE();
        is_empty = prio_q->total == 0u ? K_TRUE : K_FALSE;
        TOS_CPU_INT_ENABLE();
    }
    return is_empty;
}

__API__ int tos_prio_q_is_full(k_prio_q_t *prio_q)
{
    int is_full = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(prio_q, KNL_OBJ_TYPE_PRIORITY_QUEUE)) {
        TOS_CPU_INT_DISABLE();
        is_full = prio_q->total == prio_q->item_cnt ? K_TRUE : K_FALSE;
        TOS_CPU_INT_ENABLE();
    }
    return is_full;
}
