/*
 * Priority queue (contract §25, §40.30, §40.37): smallest priority first,
 * equal priorities in the exact heap order of §24 (hand-computed), slot
 * reuse, full/empty codes, argument checks, static/_dyn lifetimes, use from
 * an ISR.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define ITEM_CNT 6u
#define IRQ_LINE 8u

typedef struct msg_st {
    char name;
    uint16_t seq;
} msg_t;

static k_prio_q_t pq;
/* One spare byte: the case below runs on a deliberately odd address. */
static uint8_t mgr[TOS_PRIO_Q_MGR_ARRAY_SIZE(ITEM_CNT) + 1u];
static msg_t pool[ITEM_CNT];

static void setup(void)
{
    memset(&pq, 0, sizeof(pq));
    TT_ASSERT_ERR(tos_prio_q_create(&pq, mgr, pool, ITEM_CNT, sizeof(msg_t)), K_ERR_NONE);
}

static void teardown(void)
{
    if (pq.knl_obj.alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
        TT_ASSERT_ERR(tos_prio_q_destroy(&pq), K_ERR_NONE);
    }
}

static void enqueue(k_prio_q_t *q, char name, k_prio_t prio)
{
    msg_t msg;

    memset(&msg, 0, sizeof(msg));
    msg.name = name;
    msg.seq = (uint16_t)(name * 3);
    TT_ASSERT_ERR(tos_prio_q_enqueue(q, &msg, sizeof(msg), prio), K_ERR_NONE);
}

static void dequeue_expect(k_prio_q_t *q, char name, k_prio_t prio)
{
    msg_t msg;
    size_t size = 0u;
    k_prio_t got_prio = 0xFFu;

    TT_ASSERT_ERR(tos_prio_q_dequeue(q, &msg, &size, &got_prio), K_ERR_NONE);
    TT_ASSERT_EQ(msg.name, name);
    TT_ASSERT_EQ(msg.seq, (uint16_t)(name * 3));
    TT_ASSERT_EQ(size, sizeof(msg_t));
    TT_ASSERT_EQ(got_prio, prio);
}

static void test_prio_q_mgr_array_size_macro(void)
{
    TT_ASSERT_EQ(TOS_PRIO_Q_MGR_ARRAY_SIZE(ITEM_CNT),
                 ITEM_CNT * (sizeof(prio_q_pool_mgr_ent_t) + sizeof(prio_q_prio_mgr_ent_t)));
    TT_ASSERT_EQ(PRIO_Q_POOL_SLOT_INVALID, 0xFFFF);
}

static void test_prio_q_create_sets_empty_static_queue(void)
{
    TT_ASSERT_EQ(pq.total, 0);
    TT_ASSERT_EQ(pq.item_size, sizeof(msg_t));
    TT_ASSERT_EQ(pq.item_cnt, ITEM_CNT);
    TT_ASSERT_PTR_EQ(pq.mgr_pool, mgr);
    TT_ASSERT_PTR_EQ(pq.data_pool, pool);
    TT_ASSERT_PTR_EQ(pq.pool_mgr.pool_mgr_ent_array, mgr);
    TT_ASSERT_PTR_EQ(pq.prio_mgr.prio_mgr_ent_pool, mgr + PRIO_Q_POOL_MGR_ENT_ARRAY_SIZE(ITEM_CNT));
    TT_ASSERT_EQ(pq.pool_mgr.first_free, 0);
    TT_ASSERT_EQ(pq.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(pq.knl_obj.type, KNL_OBJ_TYPE_PRIORITY_QUEUE);
#endif
    TT_ASSERT_EQ(tos_prio_q_is_empty(&pq), K_TRUE);
    TT_ASSERT_EQ(tos_prio_q_is_full(&pq), K_FALSE);
}

static void test_prio_q_create_null_args(void)
{
    k_prio_q_t other;

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_prio_q_create(K_NULL, mgr, pool, ITEM_CNT, sizeof(msg_t)),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_q_create(&other, K_NULL, pool, ITEM_CNT, sizeof(msg_t)),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_q_create(&other, mgr, K_NULL, ITEM_CNT, sizeof(msg_t)),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_prio_q_create_dyn(K_NULL, ITEM_CNT, sizeof(msg_t)), K_ERR_OBJ_PTR_NULL);
}

static void test_prio_q_rejects_capacity_beyond_16bit_slots(void)
{
    k_prio_q_t other;

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_prio_q_create(&other, mgr, pool, K_PRIO_Q_ITEM_CNT_MAX + 1u, 1u),
                  K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_prio_q_create_dyn(&other, K_PRIO_Q_ITEM_CNT_MAX + 1u, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
}

static void test_prio_q_smallest_priority_first(void)
{
    enqueue(&pq, 'a', 7u);
    enqueue(&pq, 'b', 0u);
    enqueue(&pq, 'c', 255u);
    enqueue(&pq, 'd', 3u);
    dequeue_expect(&pq, 'b', 0u);
    dequeue_expect(&pq, 'd', 3u);
    dequeue_expect(&pq, 'a', 7u);
    dequeue_expect(&pq, 'c', 255u);
    TT_ASSERT_EQ(tos_prio_q_is_empty(&pq), K_TRUE);
}

/*
 * §40.37: equal priorities are not FIFO. A..F take slots 0..5; the heap of
 * {5, slot} pops slots 0 2 5 4 1 3 (worked by hand in test_binary_heap.c).
 */
static void test_prio_q_equal_priority_follows_heap_order(void)
{
    static const char order[ITEM_CNT] = {'A', 'C', 'F', 'E', 'B', 'D'};
    uint32_t i;

    for (i = 0u; i < ITEM_CNT; ++i) {
        enqueue(&pq, (char)('A' + i), 5u);
    }
    for (i = 0u; i < ITEM_CNT; ++i) {
        dequeue_expect(&pq, order[i], 5u);
    }
}

/*
 * Mixed priorities with slot reuse: A3 B1 C3 D1 E2 F3 fill slots 0..5; two
 * dequeues free slots 1 then 3, so G1 takes slot 3 and H3 slot 1. Expected
 * order computed with the §24 algorithm on {prio, slot} entries.
 */
static void test_prio_q_mixed_priorities_and_slot_reuse(void)
{
    enqueue(&pq, 'A', 3u);
    enqueue(&pq, 'B', 1u);
    enqueue(&pq, 'C', 3u);
    enqueue(&pq, 'D', 1u);
    enqueue(&pq, 'E', 2u);
    enqueue(&pq, 'F', 3u);
    TT_ASSERT_EQ(tos_prio_q_is_full(&pq), K_TRUE);
    dequeue_expect(&pq, 'B', 1u);
    dequeue_expect(&pq, 'D', 1u);
    TT_ASSERT_EQ(pq.pool_mgr.first_free, 3);
    enqueue(&pq, 'G', 1u);
    TT_ASSERT_EQ(pq.pool_mgr.first_free, 1);
    enqueue(&pq, 'H', 3u);
    TT_ASSERT_EQ(pq.pool_mgr.first_free, PRIO_Q_POOL_SLOT_INVALID);
    dequeue_expect(&pq, 'G', 1u);
    dequeue_expect(&pq, 'E', 2u);
    dequeue_expect(&pq, 'C', 3u);
    dequeue_expect(&pq, 'H', 3u);
    dequeue_expect(&pq, 'A', 3u);
    dequeue_expect(&pq, 'F', 3u);
}

static void test_prio_q_full_and_empty(void)
{
    msg_t msg;
    uint32_t i;

    memset(&msg, 0, sizeof(msg));
    TT_ASSERT_ERR(tos_prio_q_dequeue(&pq, &msg, K_NULL, K_NULL), K_ERR_PRIO_Q_EMPTY);
    for (i = 0u; i < ITEM_CNT; ++i) {
        enqueue(&pq, (char)('a' + i), (k_prio_t)(10u - i));
    }
    TT_ASSERT_ERR(tos_prio_q_enqueue(&pq, &msg, sizeof(msg), 0u), K_ERR_PRIO_Q_FULL);
    TT_ASSERT_EQ(pq.total, ITEM_CNT);
    /* The rejected prio-0 item is not in the queue. */
    dequeue_expect(&pq, 'f', 5u);
}

static void test_prio_q_enqueue_checks_in_order(void)
{
    msg_t msg;
    uint32_t i;

    memset(&msg, 0, sizeof(msg));
    TT_ASSERT_ERR(tos_prio_q_enqueue(K_NULL, &msg, sizeof(msg), 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_q_enqueue(&pq, K_NULL, sizeof(msg), 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_q_enqueue(&pq, &msg, sizeof(msg) - 1u, 1u),
                  K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_EQ(pq.total, 0);
    for (i = 0u; i < ITEM_CNT; ++i) {
        enqueue(&pq, 'x', 1u);
    }
    TT_ASSERT_ERR(tos_prio_q_enqueue(&pq, &msg, 1u, 1u), K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
}

static void test_prio_q_dequeue_outputs_optional(void)
{
    msg_t msg;

    enqueue(&pq, 'k', 4u);
    TT_ASSERT_ERR(tos_prio_q_dequeue(K_NULL, &msg, K_NULL, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_q_dequeue(&pq, K_NULL, K_NULL, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(pq.total, 1);
    TT_ASSERT_ERR(tos_prio_q_dequeue(&pq, &msg, K_NULL, K_NULL), K_ERR_NONE);
    TT_ASSERT_EQ(msg.name, 'k');
}

static void test_prio_q_flush_resets_slots_and_heap(void)
{
    msg_t msg;

    enqueue(&pq, 'a', 1u);
    enqueue(&pq, 'b', 2u);
    enqueue(&pq, 'c', 0u);
    (void)tos_prio_q_dequeue(&pq, &msg, K_NULL, K_NULL);
    TT_ASSERT_ERR(tos_prio_q_flush(&pq), K_ERR_NONE);
    TT_ASSERT_EQ(tos_prio_q_is_empty(&pq), K_TRUE);
    TT_ASSERT_EQ(pq.pool_mgr.first_free, 0);
    TT_ASSERT_EQ(pq.prio_mgr.prio_mgr_bin_heap.total, 0);
    TT_ASSERT_ERR(tos_prio_q_dequeue(&pq, &msg, K_NULL, K_NULL), K_ERR_PRIO_Q_EMPTY);
    /* All slots are free again. */
    test_prio_q_equal_priority_follows_heap_order();
    TT_ASSERT_ERR(tos_prio_q_flush(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_prio_q_queries_reject_null(void)
{
    TT_ASSERT_EQ(tos_prio_q_is_empty(K_NULL), K_FALSE);
    TT_ASSERT_EQ(tos_prio_q_is_full(K_NULL), K_FALSE);
}

/* The management array is plain bytes; an odd address must work too. */
static void test_prio_q_mgr_array_at_odd_address(void)
{
    k_prio_q_t odd;
    uint32_t i;

    TT_ASSERT_ERR(tos_prio_q_destroy(&pq), K_ERR_NONE);
    memset(&odd, 0, sizeof(odd));
    TT_ASSERT_ERR(tos_prio_q_create(&odd, &mgr[1], pool, ITEM_CNT, sizeof(msg_t)), K_ERR_NONE);
    for (i = 0u; i < ITEM_CNT; ++i) {
        enqueue(&odd, (char)('A' + i), 5u);
    }
    dequeue_expect(&odd, 'A', 5u);
    dequeue_expect(&odd, 'C', 5u);
    enqueue(&odd, 'Z', 4u);
    dequeue_expect(&odd, 'Z', 4u);
    TT_ASSERT_ERR(tos_prio_q_destroy(&odd), K_ERR_NONE);
}

static void test_prio_q_destroy_clears_object(void)
{
    enqueue(&pq, 'a', 1u);
    TT_ASSERT_ERR(tos_prio_q_destroy(&pq), K_ERR_NONE);
    TT_ASSERT_EQ(pq.total, 0);
    TT_ASSERT_EQ(pq.item_cnt, 0);
    TT_ASSERT_EQ(pq.item_size, 0);
    TT_ASSERT_NULL(pq.mgr_pool);
    TT_ASSERT_NULL(pq.data_pool);
    TT_ASSERT_NULL(pq.pool_mgr.pool_mgr_ent_array);
    TT_ASSERT_EQ(pq.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_EQ(pq.prio_mgr.prio_mgr_bin_heap.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_prio_q_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_q_destroy_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_prio_q_destroyed_queue_is_invalid(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    msg_t msg;
    k_prio_q_t zeroed;

    memset(&msg, 0, sizeof(msg));
    TT_ASSERT_ERR(tos_prio_q_destroy(&pq), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_q_destroy(&pq), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_q_destroy_dyn(&pq), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_q_enqueue(&pq, &msg, sizeof(msg), 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_q_enqueue(&pq, &msg, 1u, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_q_enqueue(&pq, K_NULL, sizeof(msg), 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_q_dequeue(&pq, &msg, K_NULL, K_NULL), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_q_flush(&pq), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_prio_q_is_empty(&pq), K_FALSE);
    TT_ASSERT_EQ(tos_prio_q_is_full(&pq), K_FALSE);

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_prio_q_dequeue(&zeroed, &msg, K_NULL, K_NULL), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_q_destroy(&zeroed), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_prio_q_static_and_dyn_destroy_mismatch(void)
{
    k_prio_q_t dyn;

    TT_ASSERT_ERR(tos_prio_q_destroy_dyn(&pq), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    enqueue(&pq, 'q', 2u);
    dequeue_expect(&pq, 'q', 2u);

    memset(&dyn, 0, sizeof(dyn));
    TT_ASSERT_ERR(tos_prio_q_create_dyn(&dyn, 2u, sizeof(msg_t)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_q_destroy(&dyn), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    enqueue(&dyn, 'r', 1u);
    TT_ASSERT_ERR(tos_prio_q_destroy_dyn(&dyn), K_ERR_NONE);
}

static void test_prio_q_dyn_roundtrip(void)
{
    k_prio_q_t dyn;
    uint32_t i;
    static const char order[ITEM_CNT] = {'A', 'C', 'F', 'E', 'B', 'D'};

    memset(&dyn, 0, sizeof(dyn));
    TT_ASSERT_ERR(tos_prio_q_create_dyn(&dyn, ITEM_CNT, sizeof(msg_t)), K_ERR_NONE);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_NOT_NULL(dyn.mgr_pool);
    TT_ASSERT_NOT_NULL(dyn.data_pool);
    for (i = 0u; i < ITEM_CNT; ++i) {
        enqueue(&dyn, (char)('A' + i), 9u);
    }
    TT_ASSERT_EQ(tos_prio_q_is_full(&dyn), K_TRUE);
    for (i = 0u; i < ITEM_CNT; ++i) {
        dequeue_expect(&dyn, order[i], 9u);
    }
    TT_ASSERT_ERR(tos_prio_q_destroy_dyn(&dyn), K_ERR_NONE);
    TT_ASSERT_NULL(dyn.mgr_pool);
    TT_ASSERT_NULL(dyn.data_pool);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
}

/* §40.30: a failed _dyn create reports the failure and keeps no memory. */
static void test_prio_q_create_dyn_failure_is_reported_and_frees_memory(void)
{
    k_prio_q_t dyn;
#if TOS_CFG_MMHEAP_EN > 0u
    k_mmheap_info_t before;
    k_mmheap_info_t after;
#endif

    memset(&dyn, 0, sizeof(dyn));
    TT_ASSERT_ERR(tos_prio_q_create_dyn(&dyn, 16u, SIZE_MAX / 8u), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_ERR(tos_mmheap_check(&before), K_ERR_NONE);
    /* The management array fits, the data pool does not: both must be gone. */
    TT_ASSERT_ERR(tos_prio_q_create_dyn(&dyn, 4u, TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE / 2u),
                  K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_ERR(tos_mmheap_check(&after), K_ERR_NONE);
    TT_ASSERT_EQ(after.used, before.used);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#endif
}

/* ---- ISR ------------------------------------------------------------------ */

static k_err_t isr_err[2];
static msg_t isr_msg;
static k_prio_t isr_prio;

static void isr_urgent_event(void)
{
    msg_t msg;

    memset(&msg, 0, sizeof(msg));
    msg.name = '!';
    msg.seq = (uint16_t)('!' * 3);
    tos_knl_irq_enter();
    isr_err[0] = tos_prio_q_enqueue(&pq, &msg, sizeof(msg), 0u);
    isr_err[1] = tos_prio_q_dequeue(&pq, &isr_msg, K_NULL, &isr_prio);
    (void)tos_prio_q_enqueue(&pq, &msg, sizeof(msg), 0u);
    tos_knl_irq_leave();
}

static void test_prio_q_usable_from_isr(void)
{
    enqueue(&pq, 'n', 6u);
    tt_irq_connect(IRQ_LINE, isr_urgent_event);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[1], K_ERR_NONE);
    TT_ASSERT_EQ(isr_msg.name, '!');
    TT_ASSERT_EQ(isr_prio, 0);
    dequeue_expect(&pq, '!', 0u);
    dequeue_expect(&pq, 'n', 6u);
}

TT_SUITE("priority_queue", setup, teardown, TT_CASE(test_prio_q_mgr_array_size_macro),
         TT_CASE(test_prio_q_create_sets_empty_static_queue), TT_CASE(test_prio_q_create_null_args),
         TT_CASE(test_prio_q_rejects_capacity_beyond_16bit_slots),
         TT_CASE(test_prio_q_smallest_priority_first),
         TT_CASE(test_prio_q_equal_priority_follows_heap_order),
         TT_CASE(test_prio_q_mixed_priorities_and_slot_reuse), TT_CASE(test_prio_q_full_and_empty),
         TT_CASE(test_prio_q_enqueue_checks_in_order),
         TT_CASE(test_prio_q_dequeue_outputs_optional),
         TT_CASE(test_prio_q_flush_resets_slots_and_heap), TT_CASE(test_prio_q_queries_reject_null),
         TT_CASE(test_prio_q_mgr_array_at_odd_address), TT_CASE(test_prio_q_destroy_clears_object),
         TT_CASE(test_prio_q_destroyed_queue_is_invalid),
         TT_CASE(test_prio_q_static_and_dyn_destroy_mismatch), TT_CASE(test_prio_q_dyn_roundtrip),
         TT_CASE(test_prio_q_create_dyn_failure_is_reported_and_frees_memory),
         TT_CASE(test_prio_q_usable_from_isr));
