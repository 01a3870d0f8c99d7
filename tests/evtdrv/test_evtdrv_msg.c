/*
 * Messages of the event-driven mode (contract §35.2, §35.3; §40.53): order
 * (FIFO per task, Tern's decision), the receive protocol, the fixed pool and
 * its exhaustion, sending to an invalid task, misuse (busy, foreign and
 * freed messages), tos_evtdrv_msg_post. The storage-specific cases run in
 * the configurations they are about (TERN_TEST_EVTDRV_STORAGE).
 */
#include "tt_evtdrv.h"

#define TASKS   3u
#define LOG_MAX 32u

/* Messages in the tests carry one tag byte; the receiving task logs it. */
typedef struct rx_st {
    evtdrv_task_id_t task;
    uint8_t tag;
    evtdrv_msg_len_t len;
} rx_t;

static rx_t rx[LOG_MAX];
static unsigned int nrx;
static unsigned int ncalls[TASKS];
static int drain_all; /* receive every message in one call */

static void rx_log(evtdrv_task_id_t id, evtdrv_msg_body_t body)
{
    if (nrx < LOG_MAX) {
        rx[nrx].task = id;
        rx[nrx].tag = body[0];
        rx[nrx].len = EVTDRV_MSG_BODY2HDR(body)->len;
    }
    nrx++;
}

static void rx_take(evtdrv_task_id_t id)
{
    evtdrv_msg_body_t body;

    do {
        body = tos_evtdrv_msg_recv();
        if (body != NULL) {
            rx_log(id, body);
            TT_ASSERT_ERR(tos_evtdrv_msg_free(body), EVTDRV_ERR_NONE);
        }
    } while (drain_all && body != NULL);
}

static evtdrv_event_flag_t receiver(evtdrv_task_id_t id, evtdrv_event_flag_t flags)
{
    ncalls[id]++;
    if ((flags & TOS_EVTDRV_SYS_EVENT_MSG) != 0u) {
        rx_take(id);
    }
    return flags;
}

static evtdrv_event_flag_t task0(evtdrv_event_flag_t flags)
{
    return receiver(0u, flags);
}

static evtdrv_event_flag_t task1(evtdrv_event_flag_t flags)
{
    return receiver(1u, flags);
}

static evtdrv_event_flag_t task2(evtdrv_event_flag_t flags)
{
    return receiver(2u, flags);
}

static evtdrv_task_entry_t table[TASKS] = {task0, task1, task2};

static void setup(void)
{
    memset(rx, 0, sizeof(rx));
    memset(ncalls, 0, sizeof(ncalls));
    nrx = 0u;
    drain_all = 0;
    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, TASKS, NULL), EVTDRV_ERR_NONE);
    memset(ncalls, 0, sizeof(ncalls));
}

/* A message of `len` bytes whose first byte is tag. */
static evtdrv_msg_body_t msg_new(uint8_t tag, evtdrv_msg_len_t len)
{
    evtdrv_msg_body_t body = tos_evtdrv_msg_alloc(len);

    if (body != NULL) {
        memset(body, 0, len);
        body[0] = tag;
    }
    return body;
}

static void send_tag(evtdrv_task_id_t dst, uint8_t tag)
{
    evtdrv_msg_body_t body = msg_new(tag, 4u);

    TT_ASSERT_NOT_NULL(body);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(dst, body), EVTDRV_ERR_NONE);
}

static void test_messages_arrive_in_sending_order(void)
{
    send_tag(0u, 1u);
    send_tag(0u, 2u);
    send_tag(0u, 3u);
    TT_ASSERT_EQ(evtdrv_events[0].nesting[14], 3u);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 3u);
    TT_ASSERT_EQ(rx[0].tag, 1u);
    TT_ASSERT_EQ(rx[1].tag, 2u);
    TT_ASSERT_EQ(rx[2].tag, 3u);
    TT_ASSERT_EQ(rx[2].len, 4u);
    TT_ASSERT(tos_list_empty(&evtdrv_msg_list));
}

static void test_each_task_gets_its_own_messages_in_order(void)
{
    send_tag(2u, 10u);
    send_tag(0u, 20u);
    send_tag(2u, 11u);
    send_tag(1u, 30u);
    send_tag(0u, 21u);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 5u);
    /* Lowest id first; within a task, sending order. */
    TT_ASSERT_EQ(rx[0].task, 0u);
    TT_ASSERT_EQ(rx[0].tag, 20u);
    TT_ASSERT_EQ(rx[1].task, 0u);
    TT_ASSERT_EQ(rx[1].tag, 21u);
    TT_ASSERT_EQ(rx[2].task, 1u);
    TT_ASSERT_EQ(rx[2].tag, 30u);
    TT_ASSERT_EQ(rx[3].task, 2u);
    TT_ASSERT_EQ(rx[3].tag, 10u);
    TT_ASSERT_EQ(rx[4].task, 2u);
    TT_ASSERT_EQ(rx[4].tag, 11u);
}

/*
 * The original's protocol: a send and a successful receive each set MSG
 * once, an empty receive and the handler's return each take one set back.
 * One message per call: 3 messages take 3 calls that receive and 2 that
 * find none; all in one call: 1 call that receives, 2 that find none.
 * Either way every message is received and the MSG count ends at 0.
 */
static void test_receive_protocol_calls_until_empty(void)
{
    send_tag(1u, 1u);
    send_tag(1u, 2u);
    send_tag(1u, 3u);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 3u);
    TT_ASSERT_EQ(ncalls[1], 5u);
    TT_ASSERT_EQ(evtdrv_events[1].flags, 0u);
    TT_ASSERT_EQ(evtdrv_events[1].nesting[14], 0u);

    drain_all = 1;
    send_tag(1u, 4u);
    send_tag(1u, 5u);
    send_tag(1u, 6u);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 6u);
    TT_ASSERT_EQ(ncalls[1], 8u);
    TT_ASSERT_EQ(evtdrv_events[1].flags, 0u);
    TT_ASSERT_EQ(rx[5].tag, 6u);
}

static void test_receive_outside_a_handler_is_null(void)
{
    send_tag(0u, 1u);
    TT_ASSERT_NULL(tos_evtdrv_msg_recv());
    TT_ASSERT_EQ(evtdrv_events[0].nesting[14], 1u); /* untouched */
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 1u);
}

static void test_alloc_refuses_zero_length(void)
{
    TT_ASSERT_NULL(tos_evtdrv_msg_alloc(0u));
}

static void test_header_layout(void)
{
    evtdrv_msg_body_t body = tos_evtdrv_msg_alloc(5u);
    evtdrv_msg_hdr_t *hdr;

    TT_ASSERT_NOT_NULL(body);
    hdr = EVTDRV_MSG_BODY2HDR(body);
    TT_ASSERT_PTR_EQ(EVTDRV_MSG_HDR2BODY(hdr), body);
    TT_ASSERT_PTR_EQ((uint8_t *)hdr + sizeof(evtdrv_msg_hdr_t), body);
    TT_ASSERT_EQ(EVTDRV_MSG_LEN(5u), sizeof(evtdrv_msg_hdr_t) + 5u);
    TT_ASSERT_EQ(hdr->len, 5u);
    TT_ASSERT_EQ(hdr->dst_task_id, TOS_EVTDRV_TASK_ID_NONE);
    TT_ASSERT_EQ((uintptr_t)body % sizeof(void *), 0u);
    TT_ASSERT_ERR(tos_evtdrv_msg_free(body), EVTDRV_ERR_NONE);
}

static void test_send_to_invalid_task_frees_the_message(void)
{
    evtdrv_msg_body_t body = msg_new(1u, 4u);

    TT_ASSERT_NOT_NULL(body);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(TASKS, body), EVTDRV_ERR_TASK_INVALID);
    TT_ASSERT(tos_list_empty(&evtdrv_msg_list));
#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u
    /* Back in the pool: a second free is a double free. */
    TT_ASSERT_ERR(tos_evtdrv_msg_free(body), EVTDRV_ERR_MSG_INVALID);
#endif
    body = msg_new(2u, 4u);
    TT_ASSERT_NOT_NULL(body);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(TOS_EVTDRV_TASK_ID_NONE, body), EVTDRV_ERR_TASK_INVALID);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 0u);
}

static void test_queued_message_cannot_be_freed_or_sent_again(void)
{
    evtdrv_msg_body_t body = msg_new(7u, 4u);

    TT_ASSERT_NOT_NULL(body);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(1u, body), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_msg_free(body), EVTDRV_ERR_MSG_BUSY);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(2u, body), EVTDRV_ERR_MSG_BUSY);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(TASKS, body), EVTDRV_ERR_MSG_BUSY); /* not freed */
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 1u);
    TT_ASSERT_EQ(rx[0].task, 1u);
    TT_ASSERT_EQ(ncalls[2], 0u);
}

static void test_null_arguments(void)
{
    uint8_t byte = 0u;

    TT_ASSERT_ERR(tos_evtdrv_msg_free(NULL), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(0u, NULL), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_msg_post(0u, NULL, 1u), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_msg_post(TASKS, &byte, 1u), EVTDRV_ERR_TASK_INVALID);
    TT_ASSERT_ERR(tos_evtdrv_msg_post(0u, &byte, 0u), EVTDRV_ERR_MSG_INVALID);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 0u);
}

static void test_post_copies_and_sends(void)
{
    uint8_t data[3] = {42u, 43u, 44u};

    TT_ASSERT_ERR(tos_evtdrv_msg_post(2u, data, sizeof(data)), EVTDRV_ERR_NONE);
    data[0] = 0u; /* the message holds its own copy */
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 1u);
    TT_ASSERT_EQ(rx[0].task, 2u);
    TT_ASSERT_EQ(rx[0].tag, 42u);
    TT_ASSERT_EQ(rx[0].len, 3u);
}

static void test_reinit_drops_queued_messages(void)
{
    send_tag(0u, 1u);
    send_tag(1u, 2u);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, TASKS, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT(tos_list_empty(&evtdrv_msg_list));
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 0u);
}

#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u || TOS_CFG_MMHEAP_EN > 0u

#define HELD_MAX 256u

static evtdrv_msg_body_t held[HELD_MAX];

/* Allocates until the storage is exhausted; returns how many it got. */
static unsigned int exhaust(evtdrv_msg_len_t len)
{
    unsigned int n = 0u;

    while (n < HELD_MAX && (held[n] = tos_evtdrv_msg_alloc(len)) != NULL) {
        ++n;
    }
    return n;
}

static void release(unsigned int n)
{
    unsigned int i;

    for (i = 0u; i < n; ++i) {
        TT_ASSERT_ERR(tos_evtdrv_msg_free(held[i]), EVTDRV_ERR_NONE);
    }
}

static void test_exhausted_storage_is_a_clear_error(void)
{
    uint8_t byte = 9u;
    unsigned int n = exhaust(8u);

    TT_ASSERT_GT(n, 0u);
    TT_ASSERT_LT(n, HELD_MAX);
#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u
    TT_ASSERT_EQ(n, TOS_CFG_EVTDRV_MSG_POOL_NUM);
#endif
    TT_ASSERT_NULL(tos_evtdrv_msg_alloc(1u));
    TT_ASSERT_ERR(tos_evtdrv_msg_post(0u, &byte, 1u), EVTDRV_ERR_MEM_ALLOC_FAILED);
    TT_ASSERT(tos_list_empty(&evtdrv_msg_list)); /* nothing queued */

    /* One back, one more: the storage is reusable, nothing leaked. */
    TT_ASSERT_ERR(tos_evtdrv_msg_free(held[n - 1u]), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_msg_post(0u, &byte, 1u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nrx, 1u);
    TT_ASSERT_EQ(rx[0].tag, 9u);
    release(n - 1u);
    TT_ASSERT_EQ(exhaust(8u), n);
    release(n);
}

static void test_reinit_returns_every_message_to_storage(void)
{
    unsigned int n = exhaust(8u);

    TT_ASSERT_ERR(tos_evtdrv_msg_send(0u, held[0]), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, TASKS, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(exhaust(8u), n);
    release(n);
}

#endif

#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u

static void test_pool_refuses_long_messages(void)
{
    TT_ASSERT_NOT_NULL(tos_evtdrv_msg_alloc(TOS_CFG_EVTDRV_MSG_SIZE_MAX));
    TT_ASSERT_NULL(tos_evtdrv_msg_alloc(TOS_CFG_EVTDRV_MSG_SIZE_MAX + 1u));
}

static void test_pool_refuses_foreign_and_freed_messages(void)
{
    static uint8_t foreign[64];
    evtdrv_msg_body_t body = tos_evtdrv_msg_alloc(4u);

    TT_ASSERT_NOT_NULL(body);
    TT_ASSERT_ERR(tos_evtdrv_msg_free(foreign + 16), EVTDRV_ERR_MSG_INVALID);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(0u, foreign + 16), EVTDRV_ERR_MSG_INVALID);
    TT_ASSERT_ERR(tos_evtdrv_msg_free(body + 1), EVTDRV_ERR_MSG_INVALID);
    TT_ASSERT_ERR(tos_evtdrv_msg_free(body), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_msg_free(body), EVTDRV_ERR_MSG_INVALID);
    TT_ASSERT_ERR(tos_evtdrv_msg_send(0u, body), EVTDRV_ERR_MSG_INVALID);
    TT_ASSERT(tos_list_empty(&evtdrv_msg_list));
    /* The pool is intact: every block can still be handed out once. */
    TT_ASSERT_EQ(exhaust(4u), TOS_CFG_EVTDRV_MSG_POOL_NUM);
    release(TOS_CFG_EVTDRV_MSG_POOL_NUM);
}

/* A message from before a re-initialisation is not a live message any more. */
static void test_pool_refuses_stale_messages(void)
{
    evtdrv_msg_body_t body = tos_evtdrv_msg_alloc(4u);

    TT_ASSERT_NOT_NULL(body);
    (void)tos_evtdrv_msg_alloc(4u);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, TASKS, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_msg_free(body), EVTDRV_ERR_MSG_INVALID);
    TT_ASSERT_EQ(exhaust(4u), TOS_CFG_EVTDRV_MSG_POOL_NUM);
    release(TOS_CFG_EVTDRV_MSG_POOL_NUM);
}

#endif

#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u || TOS_CFG_MMHEAP_EN > 0u
#define CASES_EXHAUST                                 \
    TT_CASE(test_exhausted_storage_is_a_clear_error), \
        TT_CASE(test_reinit_returns_every_message_to_storage),
#else
#define CASES_EXHAUST
#endif

#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u
#define CASES_POOL                                             \
    TT_CASE(test_pool_refuses_long_messages),                  \
        TT_CASE(test_pool_refuses_foreign_and_freed_messages), \
        TT_CASE(test_pool_refuses_stale_messages),
#else
#define CASES_POOL
#endif

TT_SUITE("evtdrv_msg", setup, NULL, TT_CASE(test_messages_arrive_in_sending_order),
         TT_CASE(test_each_task_gets_its_own_messages_in_order),
         TT_CASE(test_receive_protocol_calls_until_empty),
         TT_CASE(test_receive_outside_a_handler_is_null), TT_CASE(test_alloc_refuses_zero_length),
         TT_CASE(test_header_layout), TT_CASE(test_send_to_invalid_task_frees_the_message),
         TT_CASE(test_queued_message_cannot_be_freed_or_sent_again), TT_CASE(test_null_arguments),
         TT_CASE(test_post_copies_and_sends), TT_CASE(test_reinit_drops_queued_messages),
         CASES_EXHAUST CASES_POOL);
