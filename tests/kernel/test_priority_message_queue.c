/*
 * Priority message queue (contract §26, §7.4, §40.29, §40.31, §40.32,
 * §40.37).
 *
 * Waiters are helper tasks that pend once and record what they got. Helpers
 * more urgent than the runner block as soon as they are created; less urgent
 * ones block when the runner sleeps for a tick (let_run()). A waiter starts
 * with msg == SENTINEL, so "untouched" is observable.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u

#define PRIO_HI  ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO  ((k_prio_t)(TT_RUNNER_PRIO + 1u))
#define PRIO_LO2 ((k_prio_t)(TT_RUNNER_PRIO + 2u))

#define MSG_CNT    6u
#define WAITER_MAX 4u
#define STK_SIZE   1024u
#define TEST_IRQ   7u
#define HOG_MAX    64u

static int payload[8];
#define MSG(i) ((void *)&payload[(i)])

static int sentinel_obj;
#define SENTINEL ((void *)&sentinel_obj)

typedef struct waiter_st {
    k_tick_t timeout;
    k_err_t err;
    void *msg;
    int done;
} waiter_t;

static k_prio_msg_q_t q;
static void *q_pool[MSG_CNT];
static k_prio_msg_q_t dq;
#if TOS_CFG_MMHEAP_EN > 0u
static void *dq_pool[MSG_CNT];
#endif

static k_task_t w_task[WAITER_MAX];
static k_stack_t w_stk[WAITER_MAX][STK_SIZE];
static waiter_t w[WAITER_MAX];

static k_err_t isr_err;
static void *isr_msg;
static int isr_saw_done;

/* Heap blocks a case holds on purpose; teardown frees whatever is left. */
static void *hogs[HOG_MAX];
static unsigned int hog_n;

static void setup(void)
{
    memset(&q, 0, sizeof(q));
    memset(&dq, 0, sizeof(dq));
    memset(w, 0, sizeof(w));
    hog_n = 0u;
    isr_err = K_ERR_NONE;
    isr_msg = SENTINEL;
    isr_saw_done = -1;
    TT_ASSERT_ERR(tos_prio_msg_q_create(&q, q_pool, MSG_CNT), K_ERR_NONE);
}

static void hogs_release(void)
{
    while (hog_n > 0u) {
        tos_mmheap_free(hogs[--hog_n]);
    }
}

static void teardown(void)
{
    (void)tos_prio_msg_q_destroy(&q);
    (void)tos_prio_msg_q_destroy(&dq);
    (void)tos_prio_msg_q_destroy_dyn(&dq);
    hogs_release();
}

static void waiter_entry(void *arg)
{
    waiter_t *me = (waiter_t *)arg;

    me->err = tos_prio_msg_q_pend(&q, &me->msg, me->timeout);
    me->done = 1;
}

static void waiter_start(unsigned int i, k_prio_t prio, k_tick_t timeout)
{
    w[i].timeout = timeout;
    w[i].msg = SENTINEL;
    TT_ASSERT_ERR(tos_task_create(&w_task[i], "pmsg_waiter", waiter_entry, &w[i], prio, w_stk[i],
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
}

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

static void *hog(size_t size)
{
    void *p = K_NULL;

    if (hog_n < HOG_MAX) {
        p = tos_mmheap_alloc(size);
    }
    if (p != K_NULL) {
        hogs[hog_n++] = p;
    }
    return p;
}

/* Takes every byte the heap can still hand out, largest blocks first. */
static void heap_exhaust(void)
{
    size_t size = (size_t)1u << 20;

    while (size > 0u && hog_n < HOG_MAX) {
        if (hog(size) == K_NULL) {
            size /= 2u;
        }
    }
}
#endif

/* Pends NOWAIT `count` times and checks the messages come out as `want`. */
static void expect_order(k_prio_msg_q_t *pq, const unsigned int *want, unsigned int count)
{
    unsigned int i;
    void *m;

    for (i = 0u; i < count; ++i) {
        m = SENTINEL;
        TT_ASSERT_ERR(tos_prio_msg_q_pend(pq, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
        TT_ASSERT_PTR_EQ(m, MSG(want[i]));
    }
    TT_ASSERT_ERR(tos_prio_msg_q_pend(pq, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

/* ---- argument checks ------------------------------------------------------ */

static void test_prio_msg_q_null_pointers(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_prio_msg_q_create(K_NULL, q_pool, MSG_CNT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_create(&dq, K_NULL, MSG_CNT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(K_NULL, MSG_CNT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_flush(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(K_NULL, &m, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, K_NULL, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_post(K_NULL, MSG(0), 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_msg_q_post_all(K_NULL, MSG(0), 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_PTR_EQ(m, SENTINEL);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_prio_msg_q_post(&dq, MSG(0), 1u), K_ERR_OBJ_INVALID);
#endif
}

static void test_prio_msg_q_invalid_objects(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_prio_msg_q_t zeroed;
    void *m = SENTINEL;

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_prio_msg_q_destroy(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_msg_q_flush(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&zeroed, &m, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&zeroed, MSG(0), 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_msg_q_post_all(&zeroed, MSG(0), 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_PTR_EQ(m, SENTINEL);

    TT_ASSERT_ERR(tos_prio_msg_q_destroy(&q), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy(&q), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(0), 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_msg_q_flush(&q), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void isr_pend_null(void)
{
    tos_knl_irq_enter();
    isr_err = tos_prio_msg_q_pend(K_NULL, K_NULL, TOS_TIME_NOWAIT);
    tos_knl_irq_leave();
}

static void test_prio_msg_q_check_order(void)
{
    k_prio_msg_q_t zeroed;

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&zeroed, K_NULL, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    tt_irq_connect(TEST_IRQ, isr_pend_null);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
}

static void test_prio_msg_q_alloc_type_mismatch(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(&q), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(1), 3u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(1));

    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(&dq, MSG_CNT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy(&dq), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&dq, MSG(2), 3u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&dq, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(2));
    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(&dq), K_ERR_NONE);
}

/* 16-bit slots bound the capacity; refused before anything is allocated. */
static void test_prio_msg_q_create_dyn_rejects_oversized_count(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();
#endif

    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(&dq, K_PRIO_Q_ITEM_CNT_MAX + 1u), K_ERR_OBJ_INVALID);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(heap_used(), used);
#endif
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_prio_msg_q_post(&dq, MSG(0), 1u), K_ERR_OBJ_INVALID);
#endif
}

/* ---- queueing without waiters --------------------------------------------- */

static void test_prio_msg_q_priority_order(void)
{
    static const unsigned int want[] = {3u, 1u, 4u, 0u};

    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(0), 9u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(1), 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(3), 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(4), 5u), K_ERR_NONE);
    expect_order(&q, want, 4u);
}

/*
 * §40.37: equal priorities leave in the order the §24 heap algorithm gives,
 * which is not FIFO. Both sequences were worked out by hand from §24.
 */
static void test_prio_msg_q_equal_priority_follows_heap_order(void)
{
    static const unsigned int want_equal[] = {0u, 2u, 5u, 4u, 1u, 3u};
    static const unsigned int want_mixed[] = {4u, 1u, 3u, 2u, 0u, 5u};
    static const k_prio_t mixed_prio[] = {2u, 1u, 2u, 1u, 0u, 2u};
    unsigned int i;

    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(i), 3u), K_ERR_NONE);
    }
    expect_order(&q, want_equal, MSG_CNT);
    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(i), mixed_prio[i]), K_ERR_NONE);
    }
    expect_order(&q, want_mixed, MSG_CNT);
}

static void test_prio_msg_q_null_message_is_a_message(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, K_NULL, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_NULL(m);
}

static void test_prio_msg_q_full(void)
{
    static const unsigned int want[] = {5u, 4u, 3u, 2u, 1u, 0u};
    unsigned int i;

    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(i), (k_prio_t)(10u - i)), K_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(7), 0u), K_ERR_PRIO_Q_FULL);
    TT_ASSERT_ERR(tos_prio_msg_q_post_all(&q, MSG(7), 0u), K_ERR_PRIO_Q_FULL);
    expect_order(&q, want, MSG_CNT);
}

static void test_prio_msg_q_pend_nowait_writes_null(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_NULL(m);
}

static void test_prio_msg_q_flush_discards_queued(void)
{
    unsigned int i;
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(0), 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(1), 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_flush(&q), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    for (i = 0u; i < MSG_CNT; ++i) {
        TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(i), 1u), K_ERR_NONE);
    }
}

static void test_prio_msg_q_post_all_without_waiter_queues_one_copy(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_prio_msg_q_post_all(&q, MSG(3), 4u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(3));
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

/* ---- blocking ------------------------------------------------------------- */

static void test_prio_msg_q_pend_sched_locked(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, 10u), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_FOREVER), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_PTR_EQ(m, SENTINEL);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(2), 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(2));
}

static void test_prio_msg_q_pend_timeout_is_exact(void)
{
    void *m = SENTINEL;
    k_tick_t start = tos_systick_get();

    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, 12u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 12);
    TT_ASSERT_PTR_EQ(m, SENTINEL);
}

static void test_prio_msg_q_post_wakes_higher_prio_waiter_at_once(void)
{
    void *m = SENTINEL;

    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    TT_ASSERT_EQ(w[0].done, 0);
    /* The message priority plays no role in a hand-over. */
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(4), 200u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(4));
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

static void test_prio_msg_q_handoff_survives_flush(void)
{
    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(5), 1u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_prio_msg_q_flush(&q), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(5));
}

static void test_prio_msg_q_flush_keeps_waiters(void)
{
    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_prio_msg_q_flush(&q), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(6), 1u), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(6));
}

/* Wait list: w2 (HI), w1 and w3 (LO, in pend order), w0 (LO2). */
static void test_prio_msg_q_wake_order_priority_then_fifo(void)
{
    unsigned int i;

    waiter_start(0u, PRIO_LO2, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(2u, PRIO_HI, TOS_TIME_FOREVER);
    waiter_start(3u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    for (i = 0u; i < 4u; ++i) {
        /* Message priorities deliberately opposite to the waiters'. */
        TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(i), (k_prio_t)(9u - i)), K_ERR_NONE);
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

static void test_prio_msg_q_post_all_wakes_every_waiter(void)
{
    void *m = SENTINEL;
    unsigned int i;

    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(2u, PRIO_LO2, 1000u);
    waiter_start(3u, PRIO_HI, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_prio_msg_q_post_all(&q, MSG(7), 2u), K_ERR_NONE);
    TT_ASSERT_EQ(w[3].done, 1);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    let_run();
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_EQ(w[i].done, 1);
        TT_ASSERT_ERR(w[i].err, K_ERR_NONE);
        TT_ASSERT_PTR_EQ(w[i].msg, MSG(7));
    }
}

static void test_prio_msg_q_destroy_wakes_all_waiters(void)
{
    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_HI, 1000u);
    let_run();
    TT_ASSERT_ERR(tos_prio_msg_q_destroy(&q), K_ERR_NONE);
    TT_ASSERT_EQ(w[1].done, 1);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(w[1].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_PTR_EQ(w[0].msg, SENTINEL);
    TT_ASSERT_PTR_EQ(w[1].msg, SENTINEL);
}

static void test_prio_msg_q_timed_out_waiter_is_gone(void)
{
    void *m = SENTINEL;

    waiter_start(0u, PRIO_HI, 5u);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_TIMEOUT);
    TT_ASSERT_PTR_EQ(w[0].msg, SENTINEL);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(3), 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(3));
}

static void test_prio_msg_q_post_with_sched_locked_defers_switch(void)
{
    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(2), 1u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(2));
}

/* ---- interrupts ------------------------------------------------------------ */

static void isr_pend(void)
{
    tos_knl_irq_enter();
    isr_err = tos_prio_msg_q_pend(&q, &isr_msg, TOS_TIME_NOWAIT);
    tos_knl_irq_leave();
}

static void test_prio_msg_q_pend_from_isr_refused(void)
{
    void *m = SENTINEL;

    TT_ASSERT_ERR(tos_prio_msg_q_post(&q, MSG(1), 1u), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_pend);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
    TT_ASSERT_PTR_EQ(isr_msg, SENTINEL);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(1));
}

static void isr_post(void)
{
    tos_knl_irq_enter();
    isr_err = tos_prio_msg_q_post(&q, MSG(6), 1u);
    isr_saw_done = w[0].done;
    tos_knl_irq_leave();
}

static void test_prio_msg_q_post_from_isr_wakes_waiter_after_isr(void)
{
    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    tt_irq_connect(TEST_IRQ, isr_post);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(isr_saw_done, 0);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_PTR_EQ(w[0].msg, MSG(6));
}

static void isr_post_all(void)
{
    tos_knl_irq_enter();
    isr_err = tos_prio_msg_q_post_all(&q, MSG(2), 1u);
    tos_knl_irq_leave();
}

static void test_prio_msg_q_post_from_isr_without_waiter_queues(void)
{
    void *m = SENTINEL;

    tt_irq_connect(TEST_IRQ, isr_post_all);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m, MSG(2));
    TT_ASSERT_ERR(tos_prio_msg_q_pend(&q, &m, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

/* ---- heap use: dynamic queues, §40.31, §40.32 ------------------------------ */

static void test_prio_msg_q_dyn_lifecycle(void)
{
    static const unsigned int want[] = {2u, 0u, 1u};
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();
#endif

    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(&dq, 3u), K_ERR_NONE);
    TT_ASSERT_NULL(dq.prio_q_mgr_array);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_GE(heap_used(), used + TOS_PRIO_Q_MGR_ARRAY_SIZE(3u) + 3u * sizeof(void *));
#endif
    TT_ASSERT_ERR(tos_prio_msg_q_post(&dq, MSG(0), 5u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&dq, MSG(1), 6u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&dq, MSG(2), 4u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_post(&dq, MSG(3), 0u), K_ERR_PRIO_Q_FULL);
    expect_order(&dq, want, 3u);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(&dq), K_ERR_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(heap_used(), used);
#endif
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(&dq), K_ERR_OBJ_INVALID);
#endif
}

static void dyn_waiter_entry(void *arg)
{
    waiter_t *me = (waiter_t *)arg;

    me->err = tos_prio_msg_q_pend(&dq, &me->msg, me->timeout);
    me->done = 1;
}

static void test_prio_msg_q_dyn_destroy_wakes_waiters(void)
{
    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(&dq, MSG_CNT), K_ERR_NONE);
    w[0].msg = SENTINEL;
    w[0].timeout = TOS_TIME_FOREVER;
    TT_ASSERT_ERR(tos_task_create(&w_task[0], "dyn_waiter", dyn_waiter_entry, &w[0], PRIO_HI,
                                  w_stk[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(&dq), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_PTR_EQ(w[0].msg, SENTINEL);
}

/* §40.32: even the static create takes its management array from the heap. */
static void test_prio_msg_q_static_create_uses_heap(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();

    TT_ASSERT_ERR(tos_prio_msg_q_create(&dq, dq_pool, MSG_CNT), K_ERR_NONE);
    TT_ASSERT_NOT_NULL(dq.prio_q_mgr_array);
    TT_ASSERT_GE(heap_used(), used + TOS_PRIO_Q_MGR_ARRAY_SIZE(MSG_CNT));
    TT_ASSERT_ERR(tos_prio_msg_q_destroy(&dq), K_ERR_NONE);
    TT_ASSERT_EQ(heap_used(), used);
    TT_ASSERT_NULL(dq.prio_q_mgr_array);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

static void test_prio_msg_q_static_create_out_of_memory_leaks_nothing(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used;

    heap_exhaust();
    TT_ASSERT_NULL(tos_mmheap_alloc(1u)); /* really exhausted */
    used = heap_used();
    TT_ASSERT_ERR(tos_prio_msg_q_create(&dq, dq_pool, MSG_CNT), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(heap_used(), used);
    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(&dq, MSG_CNT), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(heap_used(), used);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_prio_msg_q_post(&dq, MSG(0), 1u), K_ERR_OBJ_INVALID);
#endif
    /* With the heap back, the same call succeeds. */
    hogs_release();
    TT_ASSERT_ERR(tos_prio_msg_q_create(&dq, dq_pool, MSG_CNT), K_ERR_NONE);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

/* The array allocated before the pool is checked must not leak. */
static void test_prio_msg_q_create_null_pool_frees_array(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();

    TT_ASSERT_ERR(tos_prio_msg_q_create(&dq, K_NULL, MSG_CNT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

static void test_prio_msg_q_create_dyn_out_of_memory(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();

    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(&dq, 60000u), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

/*
 * §40.31: destroy_dyn must not free prio_q_mgr_array, whatever an earlier
 * life of the object left in it. Here it holds a live block of ours.
 */
static void test_prio_msg_q_destroy_dyn_never_frees_stale_mgr_array(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    void *stale = hog(64u);
    uint32_t used;

    TT_ASSERT_NOT_NULL(stale);
    used = heap_used();
    dq.prio_q_mgr_array = stale;
    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(&dq, MSG_CNT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(&dq), K_ERR_NONE);
    TT_ASSERT_EQ(heap_used(), used); /* our block is still allocated */
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

/* §40.31, the way it happens: a static life, then a dynamic one. */
static void test_prio_msg_q_static_then_dyn_reuse_frees_exactly_once(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t base = heap_used();
    uint32_t before_dyn;
    uint32_t after_create;
    uint32_t with_other;

    TT_ASSERT_ERR(tos_prio_msg_q_create(&dq, dq_pool, MSG_CNT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_msg_q_destroy(&dq), K_ERR_NONE);
    before_dyn = heap_used();
    TT_ASSERT_EQ(before_dyn, base);
    TT_ASSERT_ERR(tos_prio_msg_q_create_dyn(&dq, MSG_CNT), K_ERR_NONE);
    after_create = heap_used();
    /* Likely to land where the freed array was. */
    TT_ASSERT_NOT_NULL(hog(TOS_PRIO_Q_MGR_ARRAY_SIZE(MSG_CNT)));
    with_other = heap_used();
    TT_ASSERT_ERR(tos_prio_msg_q_destroy_dyn(&dq), K_ERR_NONE);
    TT_ASSERT_EQ(heap_used(), with_other - (after_create - before_dyn));
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

TT_SUITE("priority_message_queue", setup, teardown, TT_CASE(test_prio_msg_q_null_pointers),
         TT_CASE(test_prio_msg_q_invalid_objects), TT_CASE(test_prio_msg_q_check_order),
         TT_CASE(test_prio_msg_q_alloc_type_mismatch),
         TT_CASE(test_prio_msg_q_create_dyn_rejects_oversized_count),
         TT_CASE(test_prio_msg_q_priority_order),
         TT_CASE(test_prio_msg_q_equal_priority_follows_heap_order),
         TT_CASE(test_prio_msg_q_null_message_is_a_message), TT_CASE(test_prio_msg_q_full),
         TT_CASE(test_prio_msg_q_pend_nowait_writes_null),
         TT_CASE(test_prio_msg_q_flush_discards_queued),
         TT_CASE(test_prio_msg_q_post_all_without_waiter_queues_one_copy),
         TT_CASE(test_prio_msg_q_pend_sched_locked), TT_CASE(test_prio_msg_q_pend_timeout_is_exact),
         TT_CASE(test_prio_msg_q_post_wakes_higher_prio_waiter_at_once),
         TT_CASE(test_prio_msg_q_handoff_survives_flush),
         TT_CASE(test_prio_msg_q_flush_keeps_waiters),
         TT_CASE(test_prio_msg_q_wake_order_priority_then_fifo),
         TT_CASE(test_prio_msg_q_post_all_wakes_every_waiter),
         TT_CASE(test_prio_msg_q_destroy_wakes_all_waiters),
         TT_CASE(test_prio_msg_q_timed_out_waiter_is_gone),
         TT_CASE(test_prio_msg_q_post_with_sched_locked_defers_switch),
         TT_CASE(test_prio_msg_q_pend_from_isr_refused),
         TT_CASE(test_prio_msg_q_post_from_isr_wakes_waiter_after_isr),
         TT_CASE(test_prio_msg_q_post_from_isr_without_waiter_queues),
         TT_CASE(test_prio_msg_q_dyn_lifecycle), TT_CASE(test_prio_msg_q_dyn_destroy_wakes_waiters),
         TT_CASE(test_prio_msg_q_static_create_uses_heap),
         TT_CASE(test_prio_msg_q_static_create_out_of_memory_leaks_nothing),
         TT_CASE(test_prio_msg_q_create_null_pool_frees_array),
         TT_CASE(test_prio_msg_q_create_dyn_out_of_memory),
         TT_CASE(test_prio_msg_q_destroy_dyn_never_frees_stale_mgr_array),
         TT_CASE(test_prio_msg_q_static_then_dyn_reuse_frees_exactly_once));

#else

static void test_prio_msg_q_skipped(void)
{
    TT_SKIP("TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN is 0");
}

TT_SUITE("priority_message_queue", NULL, NULL, TT_CASE(test_prio_msg_q_skipped));

#endif
