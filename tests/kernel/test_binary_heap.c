/*
 * Binary heap (contract §24): the exact sift algorithm (pop order of equal
 * keys against hand-computed sequences), full/empty codes, argument checks
 * in the contract's order, static/_dyn lifetimes, use from an ISR.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define ITEM_CNT 8u
#define IRQ_LINE 7u

typedef struct node_st {
    int32_t key;
    uint32_t tag;
} node_t;

static k_bin_heap_t heap;
static node_t pool[ITEM_CNT];

static int node_less(void *first, void *second)
{
    return ((node_t *)first)->key < ((node_t *)second)->key;
}

static int node_greater(void *first, void *second)
{
    return ((node_t *)first)->key > ((node_t *)second)->key;
}

static void setup(void)
{
    memset(&heap, 0, sizeof(heap));
    memset(pool, 0, sizeof(pool));
    TT_ASSERT_ERR(tos_bin_heap_create(&heap, pool, ITEM_CNT, sizeof(node_t), node_less),
                  K_ERR_NONE);
}

static void teardown(void)
{
    if (heap.knl_obj.alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
        TT_ASSERT_ERR(tos_bin_heap_destroy(&heap), K_ERR_NONE);
    }
}

static void push_node(k_bin_heap_t *h, int32_t key, uint32_t tag)
{
    node_t node;

    node.key = key;
    node.tag = tag;
    TT_ASSERT_ERR(tos_bin_heap_push(h, &node, sizeof(node)), K_ERR_NONE);
}

/* Pops one node and checks its key and tag. */
static void pop_expect(k_bin_heap_t *h, int32_t key, uint32_t tag)
{
    node_t node;
    size_t size = 0u;

    TT_ASSERT_ERR(tos_bin_heap_pop(h, &node, &size), K_ERR_NONE);
    TT_ASSERT_EQ(size, sizeof(node_t));
    TT_ASSERT_EQ(node.key, key);
    TT_ASSERT_EQ(node.tag, tag);
}

static void test_bin_heap_create_sets_empty_static_heap(void)
{
    TT_ASSERT_EQ(heap.total, 0);
    TT_ASSERT(heap.cmp == node_less);
    TT_ASSERT_EQ(heap.item_size, sizeof(node_t));
    TT_ASSERT_EQ(heap.item_cnt, ITEM_CNT);
    TT_ASSERT_PTR_EQ(heap.pool, pool);
    TT_ASSERT_EQ(heap.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(heap.knl_obj.type, KNL_OBJ_TYPE_BINARY_HEAP);
#endif
    TT_ASSERT_EQ(tos_bin_heap_is_empty(&heap), K_TRUE);
    TT_ASSERT_EQ(tos_bin_heap_is_full(&heap), K_FALSE);
}

static void test_bin_heap_create_null_args(void)
{
    k_bin_heap_t other;

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_bin_heap_create(K_NULL, pool, ITEM_CNT, sizeof(node_t), node_less),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bin_heap_create(&other, K_NULL, ITEM_CNT, sizeof(node_t), node_less),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bin_heap_create(&other, pool, ITEM_CNT, sizeof(node_t), K_NULL),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_bin_heap_create_dyn(K_NULL, ITEM_CNT, sizeof(node_t), node_less),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bin_heap_create_dyn(&other, ITEM_CNT, sizeof(node_t), K_NULL),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
}

/*
 * Six equal keys pushed as tags 0..5 (each stays where it lands). Worked by
 * hand with the contract's pop rule (ties pick the right child):
 *   [0 1 2 3 4 5] pop 0 -> [2 1 5 3 4]  pop 2 -> [5 1 4 3]  pop 5 -> [4 1 3]
 *   pop 4 -> [1 3] (only a left child)  pop 1 -> [3]  pop 3.
 */
static void test_bin_heap_equal_keys_pop_in_contract_order(void)
{
    static const uint32_t order[6] = {0u, 2u, 5u, 4u, 1u, 3u};
    uint32_t i;

    for (i = 0u; i < 6u; ++i) {
        push_node(&heap, 1, i);
    }
    for (i = 0u; i < 6u; ++i) {
        pop_expect(&heap, 1, order[i]);
    }
    TT_ASSERT_EQ(tos_bin_heap_is_empty(&heap), K_TRUE);
}

/* Keys 5 3 5 1 3 5 1 3 pushed as tags 0..7; the order follows §24 exactly. */
static void test_bin_heap_mixed_keys_pop_in_contract_order(void)
{
    static const int32_t keys[8] = {5, 3, 5, 1, 3, 5, 1, 3};
    static const int32_t want_key[8] = {1, 1, 3, 3, 3, 5, 5, 5};
    static const uint32_t want_tag[8] = {3u, 6u, 1u, 4u, 7u, 2u, 5u, 0u};
    uint32_t i;

    for (i = 0u; i < 8u; ++i) {
        push_node(&heap, keys[i], i);
    }
    TT_ASSERT_EQ(tos_bin_heap_is_full(&heap), K_TRUE);
    for (i = 0u; i < 8u; ++i) {
        pop_expect(&heap, want_key[i], want_tag[i]);
    }
}

/* Pushes between pops: tags 0..4 key 2, pop two, push 5 (2), 6 (1), 7 (2). */
static void test_bin_heap_interleaved_push_pop_order(void)
{
    static const int32_t want_key[6] = {1, 2, 2, 2, 2, 2};
    static const uint32_t want_tag[6] = {6u, 3u, 7u, 1u, 4u, 5u};
    uint32_t i;

    for (i = 0u; i < 5u; ++i) {
        push_node(&heap, 2, i);
    }
    pop_expect(&heap, 2, 0u);
    pop_expect(&heap, 2, 2u);
    push_node(&heap, 2, 5u);
    push_node(&heap, 1, 6u);
    push_node(&heap, 2, 7u);
    for (i = 0u; i < 6u; ++i) {
        pop_expect(&heap, want_key[i], want_tag[i]);
    }
}

/* Any sequence comes out sorted by the comparator (deterministic LCG keys). */
static void test_bin_heap_sorts_min_and_max(void)
{
    uint32_t seed = 12345u;
    uint32_t i;
    int32_t last;
    node_t node;
    k_bin_heap_t max_heap;
    node_t max_pool[ITEM_CNT];

    TT_ASSERT_ERR(tos_bin_heap_create(&max_heap, max_pool, ITEM_CNT, sizeof(node_t), node_greater),
                  K_ERR_NONE);
    for (i = 0u; i < ITEM_CNT; ++i) {
        seed = seed * 1103515245u + 12345u;
        push_node(&heap, (int32_t)((seed >> 16) % 50u) - 25, i);
        push_node(&max_heap, (int32_t)((seed >> 16) % 50u) - 25, i);
    }
    for (last = -1000, i = 0u; i < ITEM_CNT; ++i) {
        TT_ASSERT_ERR(tos_bin_heap_pop(&heap, &node, K_NULL), K_ERR_NONE);
        TT_ASSERT_GE(node.key, last);
        last = node.key;
    }
    for (last = 1000, i = 0u; i < ITEM_CNT; ++i) {
        TT_ASSERT_ERR(tos_bin_heap_pop(&max_heap, &node, K_NULL), K_ERR_NONE);
        TT_ASSERT_LE(node.key, last);
        last = node.key;
    }
    TT_ASSERT_ERR(tos_bin_heap_destroy(&max_heap), K_ERR_NONE);
}

static void test_bin_heap_full_and_empty(void)
{
    node_t node = {0, 0u};
    uint32_t i;

    TT_ASSERT_ERR(tos_bin_heap_pop(&heap, &node, K_NULL), K_ERR_BIN_HEAP_EMPTY);
    for (i = 0u; i < ITEM_CNT; ++i) {
        push_node(&heap, (int32_t)(ITEM_CNT - i), i);
    }
    TT_ASSERT_EQ(tos_bin_heap_is_full(&heap), K_TRUE);
    TT_ASSERT_ERR(tos_bin_heap_push(&heap, &node, sizeof(node)), K_ERR_BIN_HEAP_FULL);
    /* The rejected push changed nothing: the minimum is still on top. */
    pop_expect(&heap, 1, ITEM_CNT - 1u);
    TT_ASSERT_EQ(heap.total, ITEM_CNT - 1u);
}

static void test_bin_heap_push_checks_in_order(void)
{
    node_t node = {1, 1u};
    uint32_t i;

    TT_ASSERT_ERR(tos_bin_heap_push(K_NULL, &node, sizeof(node)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bin_heap_push(&heap, K_NULL, sizeof(node)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bin_heap_push(&heap, &node, sizeof(node) + 1u),
                  K_ERR_BIN_HEAP_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_EQ(heap.total, 0);
    for (i = 0u; i < ITEM_CNT; ++i) {
        push_node(&heap, 1, i);
    }
    /* Size mismatch is reported before fullness. */
    TT_ASSERT_ERR(tos_bin_heap_push(&heap, &node, 1u), K_ERR_BIN_HEAP_ITEM_SIZE_NOT_MATCH);
}

static void test_bin_heap_pop_null_args(void)
{
    node_t node;

    push_node(&heap, 4, 4u);
    TT_ASSERT_ERR(tos_bin_heap_pop(K_NULL, &node, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bin_heap_pop(&heap, K_NULL, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(heap.total, 1);
    TT_ASSERT_ERR(tos_bin_heap_pop(&heap, &node, K_NULL), K_ERR_NONE);
    TT_ASSERT_EQ(node.tag, 4);
}

static void test_bin_heap_flush(void)
{
    node_t node;

    push_node(&heap, 3, 0u);
    push_node(&heap, 2, 1u);
    TT_ASSERT_ERR(tos_bin_heap_flush(&heap), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bin_heap_is_empty(&heap), K_TRUE);
    TT_ASSERT_ERR(tos_bin_heap_pop(&heap, &node, K_NULL), K_ERR_BIN_HEAP_EMPTY);
    push_node(&heap, 9, 9u);
    pop_expect(&heap, 9, 9u);
    TT_ASSERT_ERR(tos_bin_heap_flush(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_bin_heap_queries_reject_null(void)
{
    TT_ASSERT_EQ(tos_bin_heap_is_empty(K_NULL), K_FALSE);
    TT_ASSERT_EQ(tos_bin_heap_is_full(K_NULL), K_FALSE);
}

static void test_bin_heap_destroy_clears_object(void)
{
    push_node(&heap, 1, 1u);
    TT_ASSERT_ERR(tos_bin_heap_destroy(&heap), K_ERR_NONE);
    TT_ASSERT_EQ(heap.total, 0);
    TT_ASSERT(heap.cmp == K_NULL);
    TT_ASSERT_EQ(heap.item_size, 0);
    TT_ASSERT_EQ(heap.item_cnt, 0);
    TT_ASSERT_NULL(heap.pool);
    TT_ASSERT_EQ(heap.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_bin_heap_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bin_heap_destroy_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_bin_heap_destroyed_heap_is_invalid(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    node_t node = {1, 1u};
    k_bin_heap_t zeroed;

    TT_ASSERT_ERR(tos_bin_heap_destroy(&heap), K_ERR_NONE);
    TT_ASSERT_ERR(tos_bin_heap_destroy(&heap), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bin_heap_destroy_dyn(&heap), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bin_heap_push(&heap, &node, sizeof(node)), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bin_heap_push(&heap, &node, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bin_heap_pop(&heap, &node, K_NULL), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bin_heap_push(&heap, K_NULL, sizeof(node)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bin_heap_flush(&heap), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_bin_heap_is_empty(&heap), K_FALSE);
    TT_ASSERT_EQ(tos_bin_heap_is_full(&heap), K_FALSE);

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_bin_heap_pop(&zeroed, &node, K_NULL), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bin_heap_destroy(&zeroed), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_bin_heap_static_and_dyn_destroy_mismatch(void)
{
    k_bin_heap_t dyn;

    TT_ASSERT_ERR(tos_bin_heap_destroy_dyn(&heap), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    push_node(&heap, 2, 2u);
    pop_expect(&heap, 2, 2u);

    memset(&dyn, 0, sizeof(dyn));
    TT_ASSERT_ERR(tos_bin_heap_create_dyn(&dyn, 2u, sizeof(node_t), node_less), K_ERR_NONE);
    TT_ASSERT_ERR(tos_bin_heap_destroy(&dyn), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    push_node(&dyn, 1, 1u);
    TT_ASSERT_ERR(tos_bin_heap_destroy_dyn(&dyn), K_ERR_NONE);
}

static void test_bin_heap_dyn_roundtrip(void)
{
    k_bin_heap_t dyn;
    uint32_t i;

    memset(&dyn, 0, sizeof(dyn));
    TT_ASSERT_ERR(tos_bin_heap_create_dyn(&dyn, 6u, sizeof(node_t), node_less), K_ERR_NONE);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_NOT_NULL(dyn.pool);
    for (i = 0u; i < 6u; ++i) {
        push_node(&dyn, 7, i);
    }
    TT_ASSERT_EQ(tos_bin_heap_is_full(&dyn), K_TRUE);
    pop_expect(&dyn, 7, 0u);
    pop_expect(&dyn, 7, 2u);
    pop_expect(&dyn, 7, 5u);
    TT_ASSERT_ERR(tos_bin_heap_destroy_dyn(&dyn), K_ERR_NONE);
    TT_ASSERT_NULL(dyn.pool);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
}

static void test_bin_heap_create_dyn_out_of_memory(void)
{
    k_bin_heap_t dyn;

    memset(&dyn, 0, sizeof(dyn));
    TT_ASSERT_ERR(tos_bin_heap_create_dyn(&dyn, SIZE_MAX / 4u, sizeof(node_t), node_less),
                  K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_ERR(
        tos_bin_heap_create_dyn(&dyn, TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE, sizeof(node_t), node_less),
        K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#endif
}

/* ---- ISR and scheduler lock ---------------------------------------------- */

static k_err_t isr_err[3];
static node_t isr_node;

static void isr_timer_event(void)
{
    node_t node = {-5, 50u};

    tos_knl_irq_enter();
    isr_err[0] = tos_bin_heap_push(&heap, &node, sizeof(node));
    isr_err[1] = tos_bin_heap_pop(&heap, &isr_node, K_NULL);
    isr_err[2] = tos_bin_heap_push(&heap, &node, sizeof(node));
    tos_knl_irq_leave();
}

static void test_bin_heap_usable_from_isr(void)
{
    push_node(&heap, 3, 3u);
    tt_irq_connect(IRQ_LINE, isr_timer_event);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[1], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[2], K_ERR_NONE);
    TT_ASSERT_EQ(isr_node.tag, 50);
    pop_expect(&heap, -5, 50u);
    pop_expect(&heap, 3, 3u);
}

static void test_bin_heap_works_with_scheduler_locked(void)
{
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    push_node(&heap, 2, 0u);
    push_node(&heap, 1, 1u);
    pop_expect(&heap, 1, 1u);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
}

TT_SUITE("binary_heap", setup, teardown, TT_CASE(test_bin_heap_create_sets_empty_static_heap),
         TT_CASE(test_bin_heap_create_null_args),
         TT_CASE(test_bin_heap_equal_keys_pop_in_contract_order),
         TT_CASE(test_bin_heap_mixed_keys_pop_in_contract_order),
         TT_CASE(test_bin_heap_interleaved_push_pop_order),
         TT_CASE(test_bin_heap_sorts_min_and_max), TT_CASE(test_bin_heap_full_and_empty),
         TT_CASE(test_bin_heap_push_checks_in_order), TT_CASE(test_bin_heap_pop_null_args),
         TT_CASE(test_bin_heap_flush), TT_CASE(test_bin_heap_queries_reject_null),
         TT_CASE(test_bin_heap_destroy_clears_object),
         TT_CASE(test_bin_heap_destroyed_heap_is_invalid),
         TT_CASE(test_bin_heap_static_and_dyn_destroy_mismatch),
         TT_CASE(test_bin_heap_dyn_roundtrip), TT_CASE(test_bin_heap_create_dyn_out_of_memory),
         TT_CASE(test_bin_heap_usable_from_isr),
         TT_CASE(test_bin_heap_works_with_scheduler_locked));
