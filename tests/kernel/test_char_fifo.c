/*
 * Character FIFO (contract §21, §40.34): byte order, stream push/pop with
 * partial transfers, error codes passed through from the ring queue,
 * static/_dyn lifetimes, use from an ISR.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define FIFO_SIZE 8u
#define IRQ_LINE  6u

static k_chr_fifo_t fifo;
static uint8_t buffer[FIFO_SIZE];

static void setup(void)
{
    memset(&fifo, 0, sizeof(fifo));
    memset(buffer, 0, sizeof(buffer));
    TT_ASSERT_ERR(tos_chr_fifo_create(&fifo, buffer, FIFO_SIZE), K_ERR_NONE);
}

static void teardown(void)
{
    if (fifo.knl_obj.alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
        TT_ASSERT_ERR(tos_chr_fifo_destroy(&fifo), K_ERR_NONE);
    }
}

static void test_chr_fifo_create_sets_up_byte_ring(void)
{
    TT_ASSERT_EQ(fifo.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(fifo.knl_obj.type, KNL_OBJ_TYPE_CHAR_FIFO);
#endif
    TT_ASSERT_EQ(fifo.ring_q.item_size, 1);
    TT_ASSERT_EQ(fifo.ring_q.item_cnt, FIFO_SIZE);
    TT_ASSERT_PTR_EQ(fifo.ring_q.pool, buffer);
    TT_ASSERT(tos_chr_fifo_is_empty(&fifo) == K_TRUE);
    TT_ASSERT(tos_chr_fifo_is_full(&fifo) == K_FALSE);
}

static void test_chr_fifo_create_null_args(void)
{
    k_chr_fifo_t other;

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_chr_fifo_create(K_NULL, buffer, FIFO_SIZE), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_chr_fifo_create(&other, K_NULL, FIFO_SIZE), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_chr_fifo_create_dyn(K_NULL, FIFO_SIZE), K_ERR_OBJ_PTR_NULL);
}

static void test_chr_fifo_create_rejects_oversized_fifo(void)
{
    k_chr_fifo_t other;

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_chr_fifo_create(&other, buffer, K_RING_Q_ITEM_CNT_MAX + 1u),
                  K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_chr_fifo_create_dyn(&other, K_RING_Q_ITEM_CNT_MAX + 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
}

static void test_chr_fifo_push_pop_order(void)
{
    uint8_t i;
    uint8_t out = 0u;

    for (i = 0u; i < FIFO_SIZE; ++i) {
        TT_ASSERT_ERR(tos_chr_fifo_push(&fifo, (uint8_t)('a' + i)), K_ERR_NONE);
    }
    TT_ASSERT(tos_chr_fifo_is_full(&fifo) == K_TRUE);
    TT_ASSERT_ERR(tos_chr_fifo_push(&fifo, 'z'), K_ERR_RING_Q_FULL);
    for (i = 0u; i < FIFO_SIZE; ++i) {
        TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, &out), K_ERR_NONE);
        TT_ASSERT_EQ(out, 'a' + i);
    }
    TT_ASSERT(tos_chr_fifo_is_empty(&fifo) == K_TRUE);
    TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, &out), K_ERR_RING_Q_EMPTY);
    TT_ASSERT_EQ(out, 'a' + FIFO_SIZE - 1u);
}

static void test_chr_fifo_push_stream_stops_when_full(void)
{
    uint8_t stream[12] = "0123456789A";
    uint8_t out[12];

    memset(out, 0, sizeof(out));
    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, stream, 3u), 3);
    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, &stream[3], 9u), 5);
    TT_ASSERT(tos_chr_fifo_is_full(&fifo) == K_TRUE);
    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, stream, 1u), 0);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, out, sizeof(out)), FIFO_SIZE);
    TT_ASSERT_MEM_EQ(out, "01234567", FIFO_SIZE);
    TT_ASSERT(tos_chr_fifo_is_empty(&fifo) == K_TRUE);
}

static void test_chr_fifo_pop_stream_partial(void)
{
    uint8_t out[4];

    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, (uint8_t *)"hello", 5u), 5);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, out, 2u), 2);
    TT_ASSERT_MEM_EQ(out, "he", 2u);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, out, 4u), 3);
    TT_ASSERT_MEM_EQ(out, "llo", 3u);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, out, 4u), 0);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, out, 0u), 0);
}

static void test_chr_fifo_streams_wrap_around(void)
{
    uint8_t out[FIFO_SIZE];
    int round;

    for (round = 0; round < 5; ++round) {
        TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, (uint8_t *)"abcde", 5u), 5);
        TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, out, 5u), 5);
        TT_ASSERT_MEM_EQ(out, "abcde", 5u);
    }
}

/* §40.34: the streams reject NULL data instead of dereferencing it. */
static void test_chr_fifo_streams_reject_null_data(void)
{
    uint8_t out[2];

    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, K_NULL, 4u), 0);
    TT_ASSERT(tos_chr_fifo_is_empty(&fifo) == K_TRUE);
    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, (uint8_t *)"xy", 2u), 2);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, K_NULL, 2u), 0);
    TT_ASSERT_EQ(tos_chr_fifo_push_stream(K_NULL, (uint8_t *)"xy", 2u), 0);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(K_NULL, out, 2u), 0);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, out, 2u), 2);
    TT_ASSERT_MEM_EQ(out, "xy", 2u);
}

static void test_chr_fifo_push_pop_null_args(void)
{
    uint8_t out;

    TT_ASSERT_ERR(tos_chr_fifo_push(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_chr_fifo_pop(K_NULL, &out), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_chr_fifo_push(&fifo, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, K_NULL), K_ERR_OBJ_PTR_NULL);
    /* The rejected pop left the byte in place. */
    TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, &out), K_ERR_NONE);
    TT_ASSERT_EQ(out, 1);
}

static void test_chr_fifo_flush(void)
{
    uint8_t out;

    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, (uint8_t *)"abc", 3u), 3);
    TT_ASSERT_ERR(tos_chr_fifo_flush(&fifo), K_ERR_NONE);
    TT_ASSERT(tos_chr_fifo_is_empty(&fifo) == K_TRUE);
    TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, &out), K_ERR_RING_Q_EMPTY);
    TT_ASSERT_ERR(tos_chr_fifo_push(&fifo, 'q'), K_ERR_NONE);
    TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, &out), K_ERR_NONE);
    TT_ASSERT_EQ(out, 'q');
    TT_ASSERT_ERR(tos_chr_fifo_flush(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_chr_fifo_queries_reject_null(void)
{
    TT_ASSERT(tos_chr_fifo_is_empty(K_NULL) == K_FALSE);
    TT_ASSERT(tos_chr_fifo_is_full(K_NULL) == K_FALSE);
}

static void test_chr_fifo_destroy_clears_object(void)
{
    TT_ASSERT_ERR(tos_chr_fifo_destroy(&fifo), K_ERR_NONE);
    TT_ASSERT_EQ(fifo.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_EQ(fifo.ring_q.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_NULL(fifo.ring_q.pool);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(fifo.knl_obj.type, KNL_OBJ_TYPE_NONE);
#endif
    TT_ASSERT_ERR(tos_chr_fifo_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_chr_fifo_destroy_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_chr_fifo_destroyed_fifo_is_invalid(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    uint8_t out;
    k_chr_fifo_t zeroed;

    TT_ASSERT_ERR(tos_chr_fifo_destroy(&fifo), K_ERR_NONE);
    TT_ASSERT_ERR(tos_chr_fifo_destroy(&fifo), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_chr_fifo_destroy_dyn(&fifo), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_chr_fifo_push(&fifo, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, &out), K_ERR_OBJ_INVALID);
    /* VERIFY comes before the ring queue's NULL check of out. */
    TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, K_NULL), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_chr_fifo_flush(&fifo), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, (uint8_t *)"ab", 2u), 0);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, &out, 1u), 0);
    TT_ASSERT(tos_chr_fifo_is_empty(&fifo) == K_FALSE);
    TT_ASSERT(tos_chr_fifo_is_full(&fifo) == K_FALSE);

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_chr_fifo_push(&zeroed, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_chr_fifo_destroy(&zeroed), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_chr_fifo_static_and_dyn_destroy_mismatch(void)
{
    k_chr_fifo_t dyn;
    uint8_t out;

    TT_ASSERT_ERR(tos_chr_fifo_destroy_dyn(&fifo), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_ERR(tos_chr_fifo_push(&fifo, 7u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_chr_fifo_pop(&fifo, &out), K_ERR_NONE);
    TT_ASSERT_EQ(out, 7);

    memset(&dyn, 0, sizeof(dyn));
    TT_ASSERT_ERR(tos_chr_fifo_create_dyn(&dyn, 4u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_chr_fifo_destroy(&dyn), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_ERR(tos_chr_fifo_push(&dyn, 9u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_chr_fifo_destroy_dyn(&dyn), K_ERR_NONE);
}

static void test_chr_fifo_dyn_roundtrip(void)
{
    k_chr_fifo_t dyn;
    uint8_t out[4];

    memset(&dyn, 0, sizeof(dyn));
    TT_ASSERT_ERR(tos_chr_fifo_create_dyn(&dyn, 3u), K_ERR_NONE);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_EQ(dyn.ring_q.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&dyn, (uint8_t *)"wxyz", 4u), 3);
    TT_ASSERT(tos_chr_fifo_is_full(&dyn) == K_TRUE);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&dyn, out, 4u), 3);
    TT_ASSERT_MEM_EQ(out, "wxy", 3u);
    TT_ASSERT_ERR(tos_chr_fifo_destroy_dyn(&dyn), K_ERR_NONE);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_NULL(dyn.ring_q.pool);
}

static void test_chr_fifo_create_dyn_out_of_memory(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    k_chr_fifo_t dyn;

    memset(&dyn, 0, sizeof(dyn));
    /* More than the whole default heap pool (and within the 16-bit limit). */
    TT_ASSERT_ERR(tos_chr_fifo_create_dyn(&dyn, TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE + 1u),
                  K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(dyn.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_EQ(dyn.ring_q.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0: the C library heap cannot be exhausted safely");
#endif
}

/* ---- ISR ------------------------------------------------------------------ */

static int isr_pushed;
static int isr_popped;
static uint8_t isr_out[4];

static void isr_uart_rx(void)
{
    tos_knl_irq_enter();
    isr_pushed = tos_chr_fifo_push_stream(&fifo, (uint8_t *)"RXDATA", 6u);
    isr_popped = tos_chr_fifo_pop_stream(&fifo, isr_out, 2u);
    tos_knl_irq_leave();
}

static void test_chr_fifo_usable_from_isr(void)
{
    uint8_t out[FIFO_SIZE];

    TT_ASSERT_EQ(tos_chr_fifo_push_stream(&fifo, (uint8_t *)"abcd", 4u), 4);
    tt_irq_connect(IRQ_LINE, isr_uart_rx);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_EQ(isr_pushed, 4);
    TT_ASSERT_EQ(isr_popped, 2);
    TT_ASSERT_MEM_EQ(isr_out, "ab", 2u);
    TT_ASSERT_EQ(tos_chr_fifo_pop_stream(&fifo, out, sizeof(out)), 6);
    TT_ASSERT_MEM_EQ(out, "cdRXDA", 6u);
}

TT_SUITE("char_fifo", setup, teardown, TT_CASE(test_chr_fifo_create_sets_up_byte_ring),
         TT_CASE(test_chr_fifo_create_null_args),
         TT_CASE(test_chr_fifo_create_rejects_oversized_fifo),
         TT_CASE(test_chr_fifo_push_pop_order), TT_CASE(test_chr_fifo_push_stream_stops_when_full),
         TT_CASE(test_chr_fifo_pop_stream_partial), TT_CASE(test_chr_fifo_streams_wrap_around),
         TT_CASE(test_chr_fifo_streams_reject_null_data), TT_CASE(test_chr_fifo_push_pop_null_args),
         TT_CASE(test_chr_fifo_flush), TT_CASE(test_chr_fifo_queries_reject_null),
         TT_CASE(test_chr_fifo_destroy_clears_object),
         TT_CASE(test_chr_fifo_destroyed_fifo_is_invalid),
         TT_CASE(test_chr_fifo_static_and_dyn_destroy_mismatch),
         TT_CASE(test_chr_fifo_dyn_roundtrip), TT_CASE(test_chr_fifo_create_dyn_out_of_memory),
         TT_CASE(test_chr_fifo_usable_from_isr));
