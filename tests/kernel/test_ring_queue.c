/*
 * Ring queue (contract §20, §40.33): FIFO order across wrap-around, full and
 * empty codes, argument checks in the contract's order, static/_dyn
 * lifetimes, use from an ISR and with the scheduler locked.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define ITEM_CNT 4u
#define IRQ_LINE 5u

typedef struct item_st {
    uint32_t a;
    uint16_t b;
} item_t;

static k_ring_q_t q;
static item_t pool[ITEM_CNT];

static item_t item_make(uint32_t n)
{
    item_t item;

    memset(&item, 0, sizeof(item));
    item.a = n * 1000u + 7u;
    item.b = (uint16_t)n;
    return item;
}

static void setup(void)
{
    memset(&q, 0, sizeof(q));
    memset(pool, 0, sizeof(pool));
    TT_ASSERT_ERR(tos_ring_q_create(&q, pool, ITEM_CNT, sizeof(item_t)), K_ERR_NONE);
}

static void teardown(void)
{
    if (q.knl_obj.alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
        TT_ASSERT_ERR(tos_ring_q_destroy(&q), K_ERR_NONE);
    }
}

/* Enqueues items first .. first + n - 1; all must succeed. */
static void enqueue_run(k_ring_q_t *ring_q, uint32_t first, uint32_t n)
{
    uint32_t i;
    item_t item;

    for (i = 0u; i < n; ++i) {
        item = item_make(first + i);
        TT_ASSERT_ERR(tos_ring_q_enqueue(ring_q, &item, sizeof(item)), K_ERR_NONE);
    }
}

/* Dequeues n items and checks they are first .. first + n - 1, in order. */
static void dequeue_run(k_ring_q_t *ring_q, uint32_t first, uint32_t n)
{
    uint32_t i;
    item_t want;
    item_t got;
    size_t size;

    for (i = 0u; i < n; ++i) {
        want = item_make(first + i);
        size = 0u;
        TT_ASSERT_ERR(tos_ring_q_dequeue(ring_q, &got, &size), K_ERR_NONE);
        TT_ASSERT_EQ(size, sizeof(item_t));
        TT_ASSERT_MEM_EQ(&got, &want, sizeof(item_t));
    }
}

static void test_ring_q_create_sets_empty_static_queue(void)
{
    TT_ASSERT_EQ(q.head, 0);
    TT_ASSERT_EQ(q.tail, 0);
    TT_ASSERT_EQ(q.total, 0);
    TT_ASSERT_PTR_EQ(q.pool, pool);
    TT_ASSERT_EQ(q.item_size, sizeof(item_t));
    TT_ASSERT_EQ(q.item_cnt, ITEM_CNT);
    TT_ASSERT_EQ(q.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(q.knl_obj.type, KNL_OBJ_TYPE_RING_QUEUE);
#endif
    TT_ASSERT_EQ(tos_ring_q_is_empty(&q), K_TRUE);
    TT_ASSERT_EQ(tos_ring_q_is_full(&q), K_FALSE);
}

static void test_ring_q_create_null_args(void)
{
    k_ring_q_t other;

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_ring_q_create(K_NULL, pool, ITEM_CNT, sizeof(item_t)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_ring_q_create(&other, K_NULL, ITEM_CNT, sizeof(item_t)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_ring_q_create_dyn(K_NULL, ITEM_CNT, sizeof(item_t)), K_ERR_OBJ_PTR_NULL);
}

static void test_ring_q_fifo_order_and_full(void)
{
    item_t item = item_make(99u);

    enqueue_run(&q, 0u, ITEM_CNT);
    TT_ASSERT_EQ(tos_ring_q_is_full(&q), K_TRUE);
    TT_ASSERT_EQ(tos_ring_q_is_empty(&q), K_FALSE);
    TT_ASSERT_ERR(tos_ring_q_enqueue(&q, &item, sizeof(item)), K_ERR_RING_Q_FULL);
    TT_ASSERT_EQ(q.total, ITEM_CNT);
    dequeue_run(&q, 0u, ITEM_CNT);
    TT_ASSERT_EQ(tos_ring_q_is_empty(&q), K_TRUE);
}

static void test_ring_q_dequeue_empty(void)
{
    item_t got = item_make(5u);
    item_t before = got;

    TT_ASSERT_ERR(tos_ring_q_dequeue(&q, &got, K_NULL), K_ERR_RING_Q_EMPTY);
    TT_ASSERT_MEM_EQ(&got, &before, sizeof(got));
    enqueue_run(&q, 1u, 1u);
    dequeue_run(&q, 1u, 1u);
    TT_ASSERT_ERR(tos_ring_q_dequeue(&q, &got, K_NULL), K_ERR_RING_Q_EMPTY);
}

static void test_ring_q_order_survives_wraparound(void)
{
    uint32_t round;

    /* Offsets of 3 against a capacity of 4 move head and tail through every slot. */
    for (round = 0u; round < 10u; ++round) {
        enqueue_run(&q, round * 3u, 3u);
        dequeue_run(&q, round * 3u, 3u);
    }
    enqueue_run(&q, 100u, ITEM_CNT);
    dequeue_run(&q, 100u, 2u);
    enqueue_run(&q, 104u, 2u);
    TT_ASSERT_EQ(tos_ring_q_is_full(&q), K_TRUE);
    dequeue_run(&q, 102u, ITEM_CNT);
}

static void test_ring_q_dequeue_item_size_optional(void)
{
    item_t got;

    enqueue_run(&q, 3u, 1u);
    TT_ASSERT_ERR(tos_ring_q_dequeue(&q, &got, K_NULL), K_ERR_NONE);
    TT_ASSERT_EQ(got.b, 3);
}

static void test_ring_q_enqueue_checks_in_order(void)
{
    item_t item = item_make(1u);

    TT_ASSERT_ERR(tos_ring_q_enqueue(K_NULL, &item, sizeof(item)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_ring_q_enqueue(&q, K_NULL, sizeof(item)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_ring_q_enqueue(&q, &item, sizeof(item) - 1u),
                  K_ERR_RING_Q_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_ERR(tos_ring_q_enqueue(&q, &item, sizeof(item) + 1u),
                  K_ERR_RING_Q_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_EQ(q.total, 0);
    /* The size check comes before the full check. */
    enqueue_run(&q, 0u, ITEM_CNT);
    TT_ASSERT_ERR(tos_ring_q_enqueue(&q, &item, 1u), K_ERR_RING_Q_ITEM_SIZE_NOT_MATCH);
    dequeue_run(&q, 0u, ITEM_CNT);
}

static void test_ring_q_dequeue_null_args(void)
{
    item_t got;
    size_t size = 0u;

    enqueue_run(&q, 0u, 1u);
    TT_ASSERT_ERR(tos_ring_q_dequeue(K_NULL, &got, &size), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_ring_q_dequeue(&q, K_NULL, &size), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(size, 0);
    TT_ASSERT_EQ(q.total, 1);
    dequeue_run(&q, 0u, 1u);
}

static void test_ring_q_flush_discards_items(void)
{
    enqueue_run(&q, 0u, 3u);
    TT_ASSERT_ERR(tos_ring_q_flush(&q), K_ERR_NONE);
    TT_ASSERT_EQ(tos_ring_q_is_empty(&q), K_TRUE);
    TT_ASSERT_EQ(q.head, 0);
    TT_ASSERT_EQ(q.tail, 0);
    enqueue_run(&q, 50u, ITEM_CNT);
    dequeue_run(&q, 50u, ITEM_CNT);
    TT_ASSERT_ERR(tos_ring_q_flush(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_ring_q_queries_reject_null(void)
{
    TT_ASSERT_EQ(tos_ring_q_is_empty(K_NULL), K_FALSE);
    TT_ASSERT_EQ(tos_ring_q_is_full(K_NULL), K_FALSE);
}

static void test_ring_q_zero_capacity_is_full_and_empty(void)
{
    k_ring_q_t zq;
    uint8_t zpool[1];
    uint8_t byte = 1u;

    TT_ASSERT_ERR(tos_ring_q_create(&zq, zpool, 0u, 1u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_ring_q_is_empty(&zq), K_TRUE);
    TT_ASSERT_EQ(tos_ring_q_is_full(&zq), K_TRUE);
    TT_ASSERT_ERR(tos_ring_q_enqueue(&zq, &byte, 1u), K_ERR_RING_Q_FULL);
    TT_ASSERT_ERR(tos_ring_q_dequeue(&zq, &byte, K_NULL), K_ERR_RING_Q_EMPTY);
    TT_ASSERT_ERR(tos_ring_q_destroy(&zq), K_ERR_NONE);
}

static void test_ring_q_destroy_clears_object(void)
{
    enqueue_run(&q, 0u, 2u);
    TT_ASSERT_ERR(tos_ring_q_destroy(&q), K_ERR_NONE);
    TT_ASSERT_EQ(q.head, 0);
    TT_ASSERT_EQ(q.tail, 0);
    TT_ASSERT_EQ(q.total, 0);
    TT_ASSERT_NULL(q.pool);
    TT_ASSERT_EQ(q.item_size, 0);
    TT_ASSERT_EQ(q.item_cnt, 0);
    TT_ASSERT_EQ(q.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(q.knl_obj.type, KNL_OBJ_TYPE_NONE);
#endif
    TT_ASSERT_ERR(tos_ring_q_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_ring_q_destroy_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_ring_q_destroyed_queue_is_invalid(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    item_t item = item_make(1u);

    TT_ASSERT_ERR(tos_ring_q_destroy(&q), K_ERR_NONE);
    TT_ASSERT_ERR(tos_ring_q_destroy(&q), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_ring_q_destroy_dyn(&q), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_ring_q_enqueue(&q, &item, sizeof(item)), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_ring_q_dequeue(&q, &item, K_NULL), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_ring_q_flush(&q), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_ring_q_is_empty(&q), K_FALSE);
    TT_ASSERT_EQ(tos_ring_q_is_full(&q), K_FALSE);
    /* NULL checks come before VERIFY. */
    TT_ASSERT_ERR(tos_ring_q_enqueue(&q, K_NULL, sizeof(item)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_ring_q_dequeue(&q, K_NULL, K_NULL), K_ERR_OBJ_PTR_NULL);
    /* VERIFY comes before the size check. */
    TT_ASSERT_ERR(tos_ring_q_enqueue(&q, &item, 1u), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_ring_q_never_created_is_invalid(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_ring_q_t zeroed;
    item_t item = item_make(1u);

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_ring_q_enqueue(&zeroed, &item, sizeof(item)), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_ring_q_destroy(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_ring_q_is_empty(&zeroed), K_FALSE);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_ring_q_static_and_dyn_destroy_mismatch(void)
{
    k_ring_q_t dq;
    item_t item = item_make(8u);

    TT_ASSERT_ERR(tos_ring_q_destroy_dyn(&q), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    /* The rejected destroy left the queue intact. */
    enqueue_run(&q, 0u, 1u);
    dequeue_run(&q, 0u, 1u);

    memset(&dq, 0, sizeof(dq));
    TT_ASSERT_ERR(tos_ring_q_create_dyn(&dq, 2u, sizeof(item_t)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_ring_q_destroy(&dq), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_ERR(tos_ring_q_enqueue(&dq, &item, sizeof(item)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_ring_q_destroy_dyn(&dq), K_ERR_NONE);
}

static void test_ring_q_dyn_roundtrip(void)
{
    k_ring_q_t dq;

    memset(&dq, 0, sizeof(dq));
    TT_ASSERT_ERR(tos_ring_q_create_dyn(&dq, 3u, sizeof(item_t)), K_ERR_NONE);
    TT_ASSERT_EQ(dq.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_NOT_NULL(dq.pool);
    enqueue_run(&dq, 10u, 3u);
    TT_ASSERT_EQ(tos_ring_q_is_full(&dq), K_TRUE);
    dequeue_run(&dq, 10u, 2u);
    enqueue_run(&dq, 13u, 2u);
    dequeue_run(&dq, 12u, 3u);
    TT_ASSERT_ERR(tos_ring_q_destroy_dyn(&dq), K_ERR_NONE);
    TT_ASSERT_NULL(dq.pool);
    TT_ASSERT_EQ(dq.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_ring_q_destroy_dyn(&dq), K_ERR_OBJ_INVALID);
#endif
}

static void test_ring_q_create_dyn_out_of_memory(void)
{
    k_ring_q_t dq;

    memset(&dq, 0, sizeof(dq));
    /* item_cnt * item_size does not fit a size_t: refused before allocating. */
    TT_ASSERT_ERR(tos_ring_q_create_dyn(&dq, 16u, SIZE_MAX / 8u), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(dq.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    /* Larger than the whole default heap pool. */
    TT_ASSERT_ERR(tos_ring_q_create_dyn(&dq, 2u, TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE),
                  K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(dq.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#endif
}

/* §40.33: 16-bit head/tail index at most 65536 slots; more is refused. */
static void test_ring_q_rejects_capacity_beyond_16bit_index(void)
{
    k_ring_q_t big;
    uint8_t byte = 0u;

    memset(&big, 0, sizeof(big));
    TT_ASSERT_ERR(tos_ring_q_create(&big, pool, K_RING_Q_ITEM_CNT_MAX + 1u, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(big.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_ring_q_create_dyn(&big, K_RING_Q_ITEM_CNT_MAX + 1u, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(big.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_NULL(big.pool);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_ring_q_enqueue(&big, &byte, 1u), K_ERR_OBJ_INVALID);
#else
    (void)byte;
#endif
}

/* The largest capacity works, including the wrap of the 16-bit indices. */
#if !TT_RAM_SMALL
static uint16_t big_pool[K_RING_Q_ITEM_CNT_MAX];

static void test_ring_q_full_16bit_capacity_wraps_correctly(void)
{
    k_ring_q_t big;
    uint32_t i;
    uint16_t v;

    TT_ASSERT_ERR(tos_ring_q_create(&big, big_pool, K_RING_Q_ITEM_CNT_MAX, sizeof(uint16_t)),
                  K_ERR_NONE);
    for (i = 0u; i < K_RING_Q_ITEM_CNT_MAX; ++i) {
        v = (uint16_t)i;
        TT_ASSERT_ERR(tos_ring_q_enqueue(&big, &v, sizeof(v)), K_ERR_NONE);
    }
    TT_ASSERT_EQ(tos_ring_q_is_full(&big), K_TRUE);
    TT_ASSERT_EQ(big.tail, 0);
    TT_ASSERT_ERR(tos_ring_q_dequeue(&big, &v, K_NULL), K_ERR_NONE);
    TT_ASSERT_EQ(v, 0);
    v = 0xBEEFu;
    TT_ASSERT_ERR(tos_ring_q_enqueue(&big, &v, sizeof(v)), K_ERR_NONE);
    TT_ASSERT_EQ(big.tail, 1);
    for (i = 1u; i < K_RING_Q_ITEM_CNT_MAX; ++i) {
        TT_ASSERT_ERR(tos_ring_q_dequeue(&big, &v, K_NULL), K_ERR_NONE);
        TT_ASSERT_EQ(v, (uint16_t)i);
    }
    TT_ASSERT_EQ(big.head, 0);
    TT_ASSERT_ERR(tos_ring_q_dequeue(&big, &v, K_NULL), K_ERR_NONE);
    TT_ASSERT_EQ(v, 0xBEEF);
    TT_ASSERT_EQ(tos_ring_q_is_empty(&big), K_TRUE);
    TT_ASSERT_ERR(tos_ring_q_destroy(&big), K_ERR_NONE);
}
#else
static void test_ring_q_full_16bit_capacity_wraps_correctly(void)
{
    TT_SKIP("needs a 128 KiB buffer (TT_RAM_SMALL)");
}
#endif

/* ---- ISR and scheduler lock ---------------------------------------------- */

static k_err_t isr_err[4];
static int isr_full;

static void isr_producer(void)
{
    item_t item;

    tos_knl_irq_enter();
    item = item_make(40u);
    isr_err[0] = tos_ring_q_enqueue(&q, &item, sizeof(item));
    item = item_make(41u);
    isr_err[1] = tos_ring_q_enqueue(&q, &item, sizeof(item));
    isr_err[2] = tos_ring_q_dequeue(&q, &item, K_NULL);
    isr_err[3] = item.b == 0u ? K_ERR_NONE : K_ERR_RING_Q_EMPTY; /* the oldest item */
    isr_full = tos_ring_q_is_full(&q);
    tos_knl_irq_leave();
}

static void test_ring_q_usable_from_isr(void)
{
    enqueue_run(&q, 0u, 2u);
    tt_irq_connect(IRQ_LINE, isr_producer);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[1], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[2], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[3], K_ERR_NONE);
    TT_ASSERT_EQ(isr_full, K_FALSE);
    /* The ISR removed item 0; the rest keeps its order. */
    dequeue_run(&q, 1u, 1u);
    dequeue_run(&q, 40u, 2u);
    TT_ASSERT_EQ(tos_ring_q_is_empty(&q), K_TRUE);
    /* From an ISR too, a full queue says so. */
    enqueue_run(&q, 0u, ITEM_CNT);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(isr_err[0], K_ERR_RING_Q_FULL);
}

static void test_ring_q_works_with_scheduler_locked(void)
{
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    enqueue_run(&q, 0u, ITEM_CNT);
    dequeue_run(&q, 0u, ITEM_CNT);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
}

TT_SUITE("ring_queue", setup, teardown, TT_CASE(test_ring_q_create_sets_empty_static_queue),
         TT_CASE(test_ring_q_create_null_args), TT_CASE(test_ring_q_fifo_order_and_full),
         TT_CASE(test_ring_q_dequeue_empty), TT_CASE(test_ring_q_order_survives_wraparound),
         TT_CASE(test_ring_q_dequeue_item_size_optional),
         TT_CASE(test_ring_q_enqueue_checks_in_order), TT_CASE(test_ring_q_dequeue_null_args),
         TT_CASE(test_ring_q_flush_discards_items), TT_CASE(test_ring_q_queries_reject_null),
         TT_CASE(test_ring_q_zero_capacity_is_full_and_empty),
         TT_CASE(test_ring_q_destroy_clears_object),
         TT_CASE(test_ring_q_destroyed_queue_is_invalid),
         TT_CASE(test_ring_q_never_created_is_invalid),
         TT_CASE(test_ring_q_static_and_dyn_destroy_mismatch), TT_CASE(test_ring_q_dyn_roundtrip),
         TT_CASE(test_ring_q_create_dyn_out_of_memory),
         TT_CASE(test_ring_q_rejects_capacity_beyond_16bit_index),
         TT_CASE(test_ring_q_full_16bit_capacity_wraps_correctly),
         TT_CASE(test_ring_q_usable_from_isr), TT_CASE(test_ring_q_works_with_scheduler_locked));
