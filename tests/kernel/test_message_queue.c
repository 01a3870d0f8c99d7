/*
 * Message queue (contract §22, §7.4, §40.29).
 *
 * Waiters are helper tasks that pend once and record what they got. Helpers
 * more urgent than the runner block as soon as they are created; less urgent
 * ones block when the runner sleeps for a tick (let_run()). A waiter starts
 * with msg == SENTINEL, so "untouched" is observable.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_MESSAGE_QUEUE_EN > 0u

#define PRIO_HI  ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO  ((k_prio_t)(TT_RUNNER_PRIO + 1u))
#define PRIO_LO2 ((k_prio_t)(TT_RUNNER_PRIO + 2u))

#define MSG_CNT    4u
#define WAITER_MAX 4u
#define STK_SIZE   1024u
#define TEST_IRQ   5u

static int payload[8];
#define MSG(i) ((void *)&payload[(i)])

static int sentinel_obj;
#define SENTINEL ((void *)&sentinel_obj)

typedef struct waiter_st {
    k_tick_t timeout;
    k_err_t err;
    void *msg;
    int done;
    unsigned int seq; /* order in which the waiters returned */
} waiter_t;

static k_msg_q_t q;
static void *q_pool[MSG_CNT];
static k_msg_q_t dq;

static k_task_t w_task[WAITER_MAX];
static k_stack_t w_stk[WAITER_MAX][STK_SIZE];
static waiter_t w[WAITER_MAX];
static unsigned int done_seq;

static k_err_t isr_err;
static void *isr_msg;
static int isr_saw_done;

static void setup(void)
{
    memset(&q, 0, sizeof(q));
    memset(&dq, 0, sizeof(dq));
    memset(w, 0, sizeof(w));
    done_seq = 0u;
    isr_err = K_ERR_NONE;
    isr_msg = SENTINEL;
    isr_saw_done = -1;
    TT_ASSERT_ERR(tos_msg_q_create(&q, q_pool, MSG_CNT), K_ERR_NONE);
}

/* Wakes any waiter left behind, so none outlives its case blocked on q. */
static void teardown(void)
{
    (void)tos_msg_q_destroy(&q);
    (void)tos_msg_q_destroy_dyn(&dq);
}

static void waiter_entry(void *arg)
{
    waiter_t *me = (waiter_t *)arg;

    me->err = tos_msg_q_pend(&q, &me->msg, me->timeout);
    me->seq = ++done_seq;
    me->done = 1;
}

static void waiter_start(unsigned int i, k_prio_t prio, k_tick_t timeout)
{
    w[i].timeout = timeout;
    w[i].msg = SENTINEL;
    TT_ASSERT_ERR(tos_task_create(&w_task[i], "msg_waiter", waiter_entry, &w[i], prio, w_stk[i],
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
}

/* Lets every less urgent ready task run until it blocks. */
static void let_run(void)
{
    (void)tos_task_delay(1u);
}

#if TOS_CFG_MMHEAP_EN > 0u
static uint32_t heap_used(void)
{
    k_mmheap_info_t info;

    memset(&info, 0, sizeof(info));
    (void)tos_mmheap_check(&info);
    return info.used;
}
#endif

/* ---- argument checks ------------------------------------------------------ */

static void test_msg_q_null_pointers(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_msg_q_create(K_NULL, q_pool, MSG_CNT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_create(&dq, K_NULL, MSG_CNT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_create_dyn(K_NULL, MSG_CNT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_destroy_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_flush(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_pend(K_NULL, &m, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, K_NULL, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_post(K_NULL, MSG(0)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_msg_q_post_all(K_NULL, MSG(0)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_PTR_EQ(m, SENTINEL);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    /* The failed create of dq did not make it a queue. */
    TT_ASSERT_ERR(tos_msg_q_post(&dq, MSG(0)), K_ERR_OBJ_INVALID);
#endif
}

static void test_msg_q_invalid_objects(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_msg_q_t zeroed;
    void *m = SENTINEL;

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_msg_q_destroy(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_destroy_dyn(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_flush(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_pend(&zeroed, &m, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_post(&zeroed, MSG(0)), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_post_all(&zeroed, MSG(0)), K_ERR_OBJ_INVALID);
    TT_ASSERT_PTR_EQ(m, SENTINEL);

    /* Destroyed: every later use is refused, a second destroy too. */
    TT_ASSERT_ERR(tos_msg_q_destroy(&q), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_destroy(&q), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(0)), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_flush(&q), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

/* NULL beats VERIFY, IRQ beats everything (§1 check order). */
static void isr_pend_null(void)
{
    tos_knl_irq_enter();
    isr_err = tos_msg_q_pend(K_NULL, K_NULL, TOS_TIME_NOWAIT);
    tos_knl_irq_leave();
}

static void test_msg_q_check_order(void)
{
    k_msg_q_t zeroed;

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_msg_q_pend(&zeroed, K_NULL, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    tt_irq_connect(TEST_IRQ, isr_pend_null);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
}

static void test_msg_q_alloc_type_mismatch(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_msg_q_destroy_dyn(&q), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    /* Refused destroy left the queue intact. */
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(1)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(1));

    TT_ASSERT_ERR(tos_msg_q_create_dyn(&dq, MSG_CNT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_destroy(&dq), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_ERR(tos_msg_q_post(&dq, MSG(2)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&dq, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(2));
    TT_ASSERT_ERR(tos_msg_q_destroy_dyn(&dq), K_ERR_NONE);
}

/* The ring's 16-bit indices bound the capacity (§40.33); refused, not wrapped. */
static void test_msg_q_create_rejects_oversized_count(void)
{
    TT_ASSERT_ERR(tos_msg_q_create(&dq, q_pool, K_RING_Q_ITEM_CNT_MAX + 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_msg_q_create_dyn(&dq, K_RING_Q_ITEM_CNT_MAX + 1u), K_ERR_OBJ_INVALID);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_msg_q_post(&dq, MSG(0)), K_ERR_OBJ_INVALID);
#endif
}

/* ---- queueing without waiters --------------------------------------------- */

static void test_msg_q_fifo_order(void)
{
    unsigned int i;
    void *m;

    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(i)), K_ERR_NONE);
    }
    for (i = 0u; i < MSG_CNT; ++i) {
        m = SENTINEL;
        TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
        TT_ASSERT_PTR_EQ(m, MSG(i));
    }
    /* Wrap around the ring once more. */
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(5)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(6)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(5));
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, 10u), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(6));
}

/*
 * The contract takes any buffer as the pool: messages go through slots at
 * every misalignment (the queue stores pointers itself, not through the
 * ring queue's item copy), and the slot index wraps at the pool's end.
 */
static void test_msg_q_misaligned_pool(void)
{
    static uint8_t raw[(MSG_CNT + 1u) * sizeof(void *)];
    k_msg_q_t mq;
    size_t off;
    unsigned int round, i;
    void *m;

    for (off = 0u; off < sizeof(void *); ++off) {
        memset(&mq, 0, sizeof(mq));
        memset(raw, 0xa5, sizeof(raw));
        TT_ASSERT_ERR(tos_msg_q_create(&mq, &raw[off], MSG_CNT), K_ERR_NONE);
        for (round = 0u; round < 3u; ++round) {
            for (i = 0u; i < MSG_CNT - 1u; ++i) {
                TT_ASSERT_ERR(tos_msg_q_post(&mq, MSG(round + i)), K_ERR_NONE);
            }
            for (i = 0u; i < MSG_CNT - 1u; ++i) {
                m = SENTINEL;
                TT_ASSERT_ERR(tos_msg_q_pend(&mq, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
                TT_ASSERT_PTR_EQ(m, MSG(round + i));
            }
        }
        /* Bytes outside the slots are never written. */
        for (i = 0u; i < off; ++i) {
            TT_ASSERT_EQ(raw[i], 0xa5);
        }
        for (i = (unsigned int)(off + MSG_CNT * sizeof(void *)); i < sizeof(raw); ++i) {
            TT_ASSERT_EQ(raw[i], 0xa5);
        }
        TT_ASSERT_ERR(tos_msg_q_destroy(&mq), K_ERR_NONE);
    }
}

/* A one-slot queue: every post and pend wraps the slot index. */
static void test_msg_q_single_slot(void)
{
    void *slot[1];
    k_msg_q_t mq;
    unsigned int i;
    void *m = SENTINEL;

    memset(&mq, 0, sizeof(mq));
    TT_ASSERT_ERR(tos_msg_q_create(&mq, slot, 1u), K_ERR_NONE);
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_ERR(tos_msg_q_post(&mq, MSG(i)), K_ERR_NONE);
        TT_ASSERT_ERR(tos_msg_q_post(&mq, MSG(7)), K_ERR_RING_Q_FULL);
        TT_ASSERT_ERR(tos_msg_q_pend(&mq, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
        TT_ASSERT_PTR_EQ(m, MSG(i));
        TT_ASSERT_EQ(mq.ring_q.head, 0u);
        TT_ASSERT_EQ(mq.ring_q.tail, 0u);
    }
    TT_ASSERT_ERR(tos_msg_q_pend(&mq, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_msg_q_destroy(&mq), K_ERR_NONE);
}

static void test_msg_q_null_message_is_a_message(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_msg_q_post(&q, K_NULL), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_NULL(m);
}

static void test_msg_q_full(void)
{
    unsigned int i;
    void *m;

    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(i)), K_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(7)), K_ERR_RING_Q_FULL);
    TT_ASSERT_ERR(tos_msg_q_post_all(&q, MSG(7)), K_ERR_RING_Q_FULL);
    /* The refused posts changed nothing. */
    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
        TT_ASSERT_PTR_EQ(m, MSG(i));
    }
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

static void test_msg_q_pend_nowait_writes_null(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_NULL(m);
}

static void test_msg_q_flush_discards_queued(void)
{
    unsigned int i;
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(0)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(1)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_flush(&q), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    /* The whole capacity is free again. */
    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(i)), K_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(0));
}

static void test_msg_q_post_all_without_waiter_queues_one_copy(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_msg_q_post_all(&q, MSG(3)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(3));
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

/* ---- blocking ------------------------------------------------------------- */

static void test_msg_q_pend_sched_locked(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, 10u), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_FOREVER), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_PTR_EQ(m, SENTINEL);
    /* An available message is taken even while locked. */
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(2)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(2));
}

static void test_msg_q_pend_timeout_is_exact(void)
{
    void *m = SENTINEL;
    k_tick_t start = tos_systick_get();

    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, 10u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 10);
    TT_ASSERT_PTR_EQ(m, SENTINEL);
}

static void test_msg_q_post_wakes_higher_prio_waiter_at_once(void)
{
    void *m = SENTINEL;

    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(4)), K_ERR_NONE);
    /* It ran before post returned, with the message handed over directly. */
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(4));
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

static void test_msg_q_handoff_survives_flush(void)
{
    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(5)), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 0); /* less urgent: woken, not yet run */
    TT_ASSERT_ERR(tos_msg_q_flush(&q), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(5));
}

static void test_msg_q_flush_keeps_waiters(void)
{
    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_msg_q_flush(&q), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(6)), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(6));
}

/*
 * Wait list: w2 (HI), then w1 and w3 (LO, in pend order), then w0 (LO2).
 * Each post goes to the head of that list.
 */
static void test_msg_q_wake_order_priority_then_fifo(void)
{
    unsigned int i;

    waiter_start(0u, PRIO_LO2, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(2u, PRIO_HI, TOS_TIME_FOREVER);
    waiter_start(3u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(i)), K_ERR_NONE);
    }
    let_run();
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_EQ(w[i].done, 1);
        TT_ASSERT_ERR(w[i].err, K_ERR_NONE);
    }
    TT_ASSERT_PTR_EQ(w[2].msg, MSG(0));
    TT_ASSERT_PTR_EQ(w[1].msg, MSG(1));
    TT_ASSERT_PTR_EQ(w[3].msg, MSG(2));
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(3));
}

static void test_msg_q_post_wakes_only_one(void)
{
    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(1)), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(1));
    TT_ASSERT_EQ(w[1].done, 0);
    TT_ASSERT_PTR_EQ(w[1].msg, SENTINEL);
}

static void test_msg_q_post_all_wakes_every_waiter(void)
{
    void *m = SENTINEL;
    unsigned int i;

    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(2u, PRIO_LO2, 1000u);
    waiter_start(3u, PRIO_HI, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_msg_q_post_all(&q, MSG(7)), K_ERR_NONE);
    TT_ASSERT_EQ(w[3].done, 1); /* the more urgent one ran at once */
    /* Handed over to all: nothing was queued. */
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    let_run();
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_EQ(w[i].done, 1);
        TT_ASSERT_ERR(w[i].err, K_ERR_NONE);
        TT_ASSERT_PTR_EQ(w[i].msg, MSG(7));
    }
}

static void test_msg_q_destroy_wakes_all_waiters(void)
{
    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_HI, 1000u);
    let_run();
    TT_ASSERT_ERR(tos_msg_q_destroy(&q), K_ERR_NONE);
    TT_ASSERT_EQ(w[1].done, 1);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(w[1].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_PTR_EQ(w[0].msg, SENTINEL);
    TT_ASSERT_PTR_EQ(w[1].msg, SENTINEL);
}

static void test_msg_q_timed_out_waiter_is_gone(void)
{
    void *m = SENTINEL;

    waiter_start(0u, PRIO_HI, 5u);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_TIMEOUT);
    TT_ASSERT_PTR_EQ(w[0].msg, SENTINEL);
    /* Nobody waits any more: the post is queued. */
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(3)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(3));
}

static void test_msg_q_post_with_sched_locked_defers_switch(void)
{
    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(2)), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(2));
}

static void test_msg_q_suspended_waiter_keeps_its_message(void)
{
    void *m = SENTINEL;

    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    TT_ASSERT_ERR(tos_task_suspend(&w_task[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(1)), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_task_resume(&w_task[0]), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(1));
}

/* ---- interrupts ------------------------------------------------------------ */

static void isr_pend(void)
{
    tos_knl_irq_enter();
    isr_err = tos_msg_q_pend(&q, &isr_msg, TOS_TIME_NOWAIT);
    tos_knl_irq_leave();
}

static void test_msg_q_pend_from_isr_refused(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_msg_q_post(&q, MSG(1)), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_pend);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
    TT_ASSERT_PTR_EQ(isr_msg, SENTINEL);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(1));
}

static void isr_post(void)
{
    tos_knl_irq_enter();
    isr_err = tos_msg_q_post(&q, MSG(6));
    isr_saw_done = w[0].done;
    tos_knl_irq_leave();
}

static void test_msg_q_post_from_isr_wakes_waiter_after_isr(void)
{
    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    tt_irq_connect(TEST_IRQ, isr_post);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(isr_saw_done, 0); /* no switch inside the ISR */
    TT_ASSERT_EQ(w[0].done, 1);    /* but right at its exit */
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(6));
}

static void isr_post_all(void)
{
    tos_knl_irq_enter();
    isr_err = tos_msg_q_post_all(&q, MSG(2));
    tos_knl_irq_leave();
}

static void test_msg_q_post_from_isr_without_waiter_queues(void)
{
    void *m = SENTINEL;

    tt_irq_connect(TEST_IRQ, isr_post_all);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(2));
    TT_ASSERT_ERR(tos_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

/* ---- dynamic queues --------------------------------------------------------- */

static void test_msg_q_dyn_lifecycle(void)
{
    void *m = SENTINEL;
    unsigned int i;
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();
#endif

    TT_ASSERT_ERR(tos_msg_q_create_dyn(&dq, MSG_CNT), K_ERR_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_GE(heap_used(), used + MSG_CNT * sizeof(void *));
#endif
    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_msg_q_post(&dq, MSG(i)), K_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_msg_q_post(&dq, MSG(7)), K_ERR_RING_Q_FULL);
    TT_ASSERT_ERR(tos_msg_q_pend(&dq, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(0));
    TT_ASSERT_ERR(tos_msg_q_destroy_dyn(&dq), K_ERR_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(heap_used(), used);
#endif
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_msg_q_destroy_dyn(&dq), K_ERR_OBJ_INVALID);
#endif
}

static void dyn_waiter_entry(void *arg)
{
    waiter_t *me = (waiter_t *)arg;

    me->err = tos_msg_q_pend(&dq, &me->msg, me->timeout);
    me->done = 1;
}

static void test_msg_q_dyn_destroy_wakes_waiters(void)
{
    TT_ASSERT_ERR(tos_msg_q_create_dyn(&dq, MSG_CNT), K_ERR_NONE);
    w[0].msg = SENTINEL;
    w[0].timeout = TOS_TIME_FOREVER;
    TT_ASSERT_ERR(tos_task_create(&w_task[0], "dyn_waiter", dyn_waiter_entry, &w[0], PRIO_HI,
                                  w_stk[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_msg_q_destroy_dyn(&dq), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_PTR_EQ(w[0].msg, SENTINEL);
}

static void test_msg_q_create_dyn_out_of_memory(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();

    /* 60000 pointers are far more than the test heap holds. */
    TT_ASSERT_ERR(tos_msg_q_create_dyn(&dq, 60000u), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(heap_used(), used);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_msg_q_post(&dq, MSG(0)), K_ERR_OBJ_INVALID);
#endif
#else
    TT_SKIP("the C library heap cannot be exhausted deterministically");
#endif
}

TT_SUITE("message_queue", setup, teardown, TT_CASE(test_msg_q_null_pointers),
         TT_CASE(test_msg_q_invalid_objects), TT_CASE(test_msg_q_check_order),
         TT_CASE(test_msg_q_alloc_type_mismatch),
         TT_CASE(test_msg_q_create_rejects_oversized_count), TT_CASE(test_msg_q_fifo_order),
         TT_CASE(test_msg_q_misaligned_pool), TT_CASE(test_msg_q_single_slot),
         TT_CASE(test_msg_q_null_message_is_a_message), TT_CASE(test_msg_q_full),
         TT_CASE(test_msg_q_pend_nowait_writes_null), TT_CASE(test_msg_q_flush_discards_queued),
         TT_CASE(test_msg_q_post_all_without_waiter_queues_one_copy),
         TT_CASE(test_msg_q_pend_sched_locked), TT_CASE(test_msg_q_pend_timeout_is_exact),
         TT_CASE(test_msg_q_post_wakes_higher_prio_waiter_at_once),
         TT_CASE(test_msg_q_handoff_survives_flush), TT_CASE(test_msg_q_flush_keeps_waiters),
         TT_CASE(test_msg_q_wake_order_priority_then_fifo), TT_CASE(test_msg_q_post_wakes_only_one),
         TT_CASE(test_msg_q_post_all_wakes_every_waiter),
         TT_CASE(test_msg_q_destroy_wakes_all_waiters),
         TT_CASE(test_msg_q_timed_out_waiter_is_gone),
         TT_CASE(test_msg_q_post_with_sched_locked_defers_switch),
         TT_CASE(test_msg_q_suspended_waiter_keeps_its_message),
         TT_CASE(test_msg_q_pend_from_isr_refused),
         TT_CASE(test_msg_q_post_from_isr_wakes_waiter_after_isr),
         TT_CASE(test_msg_q_post_from_isr_without_waiter_queues), TT_CASE(test_msg_q_dyn_lifecycle),
         TT_CASE(test_msg_q_dyn_destroy_wakes_waiters),
         TT_CASE(test_msg_q_create_dyn_out_of_memory));

#else

static void test_msg_q_skipped(void)
{
    TT_SKIP("TOS_CFG_MESSAGE_QUEUE_EN is 0");
}

TT_SUITE("message_queue", NULL, NULL, TT_CASE(test_msg_q_skipped));

#endif
