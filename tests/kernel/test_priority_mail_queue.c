/*
 * Priority mail queue (contract §27, §7.4, §40.28, §40.29, §40.32, §40.37).
 *
 * Waiters are helper tasks that pend once into their own buffer and record
 * the result. Each buffer is followed by a canary so that an overflowing
 * copy is caught, and starts filled with FILL bytes so that "untouched" is
 * observable. Helpers more urgent than the runner block as soon as they are
 * created; less urgent ones block when the runner sleeps a tick (let_run()).
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u

#define PRIO_HI  ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO  ((k_prio_t)(TT_RUNNER_PRIO + 1u))
#define PRIO_LO2 ((k_prio_t)(TT_RUNNER_PRIO + 2u))

#define MAIL_CNT   6u
#define WAITER_MAX 4u
#define STK_SIZE   1024u
#define TEST_IRQ   8u
#define HOG_MAX    64u
#define CANARY_LEN 16u
#define FILL       0x5Au
#define CANARY     0xC3u
#define SIZE_UNSET ((size_t)0xDEADu)

typedef struct mail_st {
    uint32_t id;
    uint32_t a;
    uint32_t b;
} mail_t;

#define MAIL_SIZE sizeof(mail_t)

typedef struct guarded_st {
    mail_t mail;
    uint8_t canary[CANARY_LEN];
} guarded_t;

typedef struct waiter_st {
    k_tick_t timeout;
    int want_size; /* pass &size (1) or K_NULL (0) */
    k_err_t err;
    size_t size;
    guarded_t buf;
    int done;
} waiter_t;

static k_prio_mail_q_t q;
static mail_t q_pool[MAIL_CNT];
static k_prio_mail_q_t dq;
#if TOS_CFG_MMHEAP_EN > 0u
static mail_t dq_pool[MAIL_CNT];
#endif

static k_task_t w_task[WAITER_MAX];
static k_stack_t w_stk[WAITER_MAX][STK_SIZE];
static waiter_t w[WAITER_MAX];

static k_err_t isr_err;
static int isr_saw_done;

static void *hogs[HOG_MAX];
static unsigned int hog_n;

static mail_t mk(uint32_t id)
{
    mail_t m;

    m.id = id;
    m.a = id * 3u + 1u;
    m.b = ~id;
    return m;
}

static void guarded_init(guarded_t *g)
{
    memset(&g->mail, FILL, sizeof(g->mail));
    memset(g->canary, CANARY, sizeof(g->canary));
}

static int canary_intact(const guarded_t *g)
{
    unsigned int i;

    for (i = 0u; i < CANARY_LEN; ++i) {
        if (g->canary[i] != CANARY) {
            return 0;
        }
    }
    return 1;
}

static int untouched(const guarded_t *g)
{
    mail_t fill;

    memset(&fill, FILL, sizeof(fill));
    return memcmp(&g->mail, &fill, sizeof(fill)) == 0 && canary_intact(g);
}

static void setup(void)
{
    memset(&q, 0, sizeof(q));
    memset(&dq, 0, sizeof(dq));
    memset(w, 0, sizeof(w));
    hog_n = 0u;
    isr_err = K_ERR_NONE;
    isr_saw_done = -1;
    TT_ASSERT_ERR(tos_prio_mail_q_create(&q, q_pool, MAIL_CNT, MAIL_SIZE), K_ERR_NONE);
}

static void hogs_release(void)
{
    while (hog_n > 0u) {
        tos_mmheap_free(hogs[--hog_n]);
    }
}

static void teardown(void)
{
    (void)tos_prio_mail_q_destroy(&q);
    (void)tos_prio_mail_q_destroy(&dq);
    (void)tos_prio_mail_q_destroy_dyn(&dq);
    hogs_release();
}

static void waiter_entry(void *arg)
{
    waiter_t *me = (waiter_t *)arg;

    me->err =
        tos_prio_mail_q_pend(&q, &me->buf.mail, me->want_size ? &me->size : K_NULL, me->timeout);
    me->done = 1;
}

static void waiter_start(unsigned int i, k_prio_t prio, k_tick_t timeout)
{
    w[i].timeout = timeout;
    w[i].want_size = 1;
    w[i].size = SIZE_UNSET;
    guarded_init(&w[i].buf);
    TT_ASSERT_ERR(tos_task_create(&w_task[i], "pmail_waiter", waiter_entry, &w[i], prio, w_stk[i],
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

/* Pends NOWAIT `count` times and checks the mail ids come out as `want`. */
static void expect_order(k_prio_mail_q_t *pq, const uint32_t *want, unsigned int count)
{
    unsigned int i;
    mail_t out;
    mail_t expected;
    size_t size;

    for (i = 0u; i < count; ++i) {
        size = SIZE_UNSET;
        expected = mk(want[i]);
        TT_ASSERT_ERR(tos_prio_mail_q_pend(pq, &out, &size, TOS_TIME_NOWAIT), K_ERR_NONE);
        TT_ASSERT_MEM_EQ(&out, &expected, MAIL_SIZE);
        TT_ASSERT_EQ(size, MAIL_SIZE);
    }
    TT_ASSERT_ERR(tos_prio_mail_q_pend(pq, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

/* ---- argument checks ------------------------------------------------------ */

static void test_prio_mail_q_null_pointers(void)
{
    mail_t m = mk(1u);
    size_t size = SIZE_UNSET;

    TT_ASSERT_ERR(tos_prio_mail_q_create(K_NULL, q_pool, MAIL_CNT, MAIL_SIZE), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_create(&dq, K_NULL, MAIL_CNT, MAIL_SIZE), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_create_dyn(K_NULL, MAIL_CNT, MAIL_SIZE), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_flush(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(K_NULL, &m, &size, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, K_NULL, &size, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_post(K_NULL, &m, MAIL_SIZE, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, K_NULL, MAIL_SIZE, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_post_all(K_NULL, &m, MAIL_SIZE, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_post_all(&q, K_NULL, MAIL_SIZE, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(size, SIZE_UNSET);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &m, &size, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

static void test_prio_mail_q_invalid_objects(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_prio_mail_q_t zeroed;
    mail_t m = mk(2u);
    size_t size = SIZE_UNSET;

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_prio_mail_q_destroy(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy_dyn(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_mail_q_flush(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&zeroed, &m, &size, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&zeroed, &m, MAIL_SIZE, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_mail_q_post_all(&zeroed, &m, MAIL_SIZE, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(size, SIZE_UNSET);

    TT_ASSERT_ERR(tos_prio_mail_q_destroy(&q), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy(&q), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &m, MAIL_SIZE, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &m, &size, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_prio_mail_q_flush(&q), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void isr_pend_null(void)
{
    tos_knl_irq_enter();
    isr_err = tos_prio_mail_q_pend(K_NULL, K_NULL, K_NULL, TOS_TIME_NOWAIT);
    tos_knl_irq_leave();
}

static void test_prio_mail_q_check_order(void)
{
    k_prio_mail_q_t zeroed;
    mail_t m = mk(3u);

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&zeroed, K_NULL, K_NULL, TOS_TIME_NOWAIT),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&zeroed, K_NULL, MAIL_SIZE + 1u, 1u), K_ERR_OBJ_PTR_NULL);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_prio_mail_q_post(&zeroed, &m, MAIL_SIZE + 1u, 1u), K_ERR_OBJ_INVALID);
#else
    (void)m;
#endif
    tt_irq_connect(TEST_IRQ, isr_pend_null);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
}

static void test_prio_mail_q_alloc_type_mismatch(void)
{
    mail_t in = mk(4u);
    mail_t out;

    TT_ASSERT_ERR(tos_prio_mail_q_destroy_dyn(&q), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&out, &in, MAIL_SIZE);

    TT_ASSERT_ERR(tos_prio_mail_q_create_dyn(&dq, MAIL_CNT, MAIL_SIZE), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy(&dq), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&dq, &in, MAIL_SIZE, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&dq, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy_dyn(&dq), K_ERR_NONE);
}

/* 16-bit slots bound the capacity; refused before anything is allocated. */
static void test_prio_mail_q_create_dyn_rejects_oversized_count(void)
{
    mail_t m = mk(30u);
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();
#endif

    TT_ASSERT_ERR(tos_prio_mail_q_create_dyn(&dq, K_PRIO_Q_ITEM_CNT_MAX + 1u, MAIL_SIZE),
                  K_ERR_OBJ_INVALID);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(heap_used(), used);
#endif
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_prio_mail_q_post(&dq, &m, MAIL_SIZE, 1u), K_ERR_OBJ_INVALID);
#else
    (void)m;
#endif
}

/* ---- queueing without waiters --------------------------------------------- */

static void test_prio_mail_q_priority_order_and_copy(void)
{
    static const uint32_t want[] = {3u, 1u, 4u, 0u};
    mail_t in;

    in = mk(0u);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 9u), K_ERR_NONE);
    in = mk(1u);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 2u), K_ERR_NONE);
    in = mk(3u);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 0u), K_ERR_NONE);
    in = mk(4u);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 5u), K_ERR_NONE);
    in = mk(99u); /* queued mails are copies */
    expect_order(&q, want, 4u);
}

/* §40.37: equal priorities leave in §24 heap order (worked out by hand). */
static void test_prio_mail_q_equal_priority_follows_heap_order(void)
{
    static const uint32_t want_equal[] = {0u, 2u, 5u, 4u, 1u, 3u};
    static const uint32_t want_mixed[] = {4u, 1u, 3u, 2u, 0u, 5u};
    static const k_prio_t mixed_prio[] = {2u, 1u, 2u, 1u, 0u, 2u};
    unsigned int i;
    mail_t in;

    for (i = 0u; i < MAIL_CNT; ++i) {
        in = mk(i);
        TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 3u), K_ERR_NONE);
    }
    expect_order(&q, want_equal, MAIL_CNT);
    for (i = 0u; i < MAIL_CNT; ++i) {
        in = mk(i);
        TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, mixed_prio[i]), K_ERR_NONE);
    }
    expect_order(&q, want_mixed, MAIL_CNT);
}

static void test_prio_mail_q_pend_accepts_null_size(void)
{
    mail_t in = mk(5u);
    mail_t out;

    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&out, &in, MAIL_SIZE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

static void test_prio_mail_q_full(void)
{
    static const uint32_t want[] = {5u, 4u, 3u, 2u, 1u, 0u};
    unsigned int i;
    mail_t in;

    for (i = 0u; i < MAIL_CNT; ++i) {
        in = mk(i);
        TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, (k_prio_t)(10u - i)), K_ERR_NONE);
    }
    in = mk(50u);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 0u), K_ERR_PRIO_Q_FULL);
    TT_ASSERT_ERR(tos_prio_mail_q_post_all(&q, &in, MAIL_SIZE, 0u), K_ERR_PRIO_Q_FULL);
    expect_order(&q, want, MAIL_CNT);
}

static void test_prio_mail_q_pend_nowait_reports_size_zero(void)
{
    mail_t out;
    size_t size = SIZE_UNSET;

    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, &size, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_EQ(size, 0);
}

static void test_prio_mail_q_post_size_mismatch_without_waiter(void)
{
    uint8_t big[MAIL_SIZE + 8u];
    mail_t out;

    memset(big, 0x11, sizeof(big));
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, big, sizeof(big), 1u), K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, big, MAIL_SIZE - 1u, 1u),
                  K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_ERR(tos_prio_mail_q_post_all(&q, big, sizeof(big), 1u),
                  K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

static void test_prio_mail_q_flush_discards_queued(void)
{
    mail_t in = mk(6u);
    mail_t out;
    unsigned int i;

    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_flush(&q), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    for (i = 0u; i < MAIL_CNT; ++i) {
        TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    }
}

static void test_prio_mail_q_post_all_without_waiter_queues_one_copy(void)
{
    mail_t in = mk(7u);
    mail_t out;

    TT_ASSERT_ERR(tos_prio_mail_q_post_all(&q, &in, MAIL_SIZE, 4u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&out, &in, MAIL_SIZE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

/* ---- blocking ------------------------------------------------------------- */

static void test_prio_mail_q_pend_sched_locked(void)
{
    guarded_t buf;
    size_t size = SIZE_UNSET;
    mail_t in = mk(8u);

    guarded_init(&buf);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &buf.mail, &size, 10u), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &buf.mail, &size, TOS_TIME_FOREVER),
                  K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_EQ(size, SIZE_UNSET);
    TT_ASSERT(untouched(&buf));
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &buf.mail, &size, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&buf.mail, &in, MAIL_SIZE);
    TT_ASSERT_EQ(size, MAIL_SIZE);
}

static void test_prio_mail_q_pend_timeout_is_exact(void)
{
    guarded_t buf;
    size_t size = SIZE_UNSET;
    k_tick_t start = tos_systick_get();

    guarded_init(&buf);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &buf.mail, &size, 9u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 9);
    TT_ASSERT_EQ(size, SIZE_UNSET);
    TT_ASSERT(untouched(&buf));
}

static void test_prio_mail_q_post_copies_into_waiter_at_once(void)
{
    mail_t in = mk(9u);
    mail_t out;

    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 200u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&w[0].buf.mail, &in, MAIL_SIZE);
    TT_ASSERT_EQ(w[0].size, MAIL_SIZE);
    TT_ASSERT(canary_intact(&w[0].buf));
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

static void test_prio_mail_q_blocking_pend_accepts_null_size(void)
{
    mail_t in = mk(10u);

    w[0].want_size = 0;
    w[0].timeout = TOS_TIME_FOREVER;
    w[0].size = SIZE_UNSET;
    guarded_init(&w[0].buf);
    TT_ASSERT_ERR(tos_task_create(&w_task[0], "pmail_waiter", waiter_entry, &w[0], PRIO_HI,
                                  w_stk[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&w[0].buf.mail, &in, MAIL_SIZE);
}

/* §40.28: the hand-off path checks the size too, before waking anyone. */
static void test_prio_mail_q_post_size_mismatch_never_overflows_waiter(void)
{
    uint8_t big[MAIL_SIZE + CANARY_LEN];
    mail_t in = mk(11u);

    memset(big, 0x77, sizeof(big));
    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, big, sizeof(big), 1u), K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_ERR(tos_prio_mail_q_post_all(&q, big, sizeof(big), 1u),
                  K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, big, MAIL_SIZE - 4u, 1u),
                  K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
    let_run();
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_EQ(w[1].done, 0);
    TT_ASSERT(untouched(&w[0].buf));
    TT_ASSERT(untouched(&w[1].buf));
    TT_ASSERT_ERR(tos_prio_mail_q_post_all(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_EQ(w[1].done, 1);
    TT_ASSERT_MEM_EQ(&w[0].buf.mail, &in, MAIL_SIZE);
    TT_ASSERT_MEM_EQ(&w[1].buf.mail, &in, MAIL_SIZE);
    TT_ASSERT(canary_intact(&w[0].buf));
    TT_ASSERT(canary_intact(&w[1].buf));
}

static void test_prio_mail_q_handoff_survives_flush(void)
{
    mail_t in = mk(12u);

    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_prio_mail_q_flush(&q), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&w[0].buf.mail, &in, MAIL_SIZE);
    TT_ASSERT_EQ(w[0].size, MAIL_SIZE);
}

static void test_prio_mail_q_flush_keeps_waiters(void)
{
    mail_t in = mk(13u);

    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_prio_mail_q_flush(&q), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 0);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_MEM_EQ(&w[0].buf.mail, &in, MAIL_SIZE);
}

/* Wait list: w2 (HI), w1 and w3 (LO, in pend order), w0 (LO2). */
static void test_prio_mail_q_wake_order_priority_then_fifo(void)
{
    unsigned int i;
    mail_t in;

    waiter_start(0u, PRIO_LO2, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(2u, PRIO_HI, TOS_TIME_FOREVER);
    waiter_start(3u, PRIO_LO, TOS_TIME_FOREVER);
    let_run();
    for (i = 0u; i < 4u; ++i) {
        in = mk(i);
        TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, (k_prio_t)(9u - i)), K_ERR_NONE);
    }
    let_run();
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_EQ(w[i].done, 1);
        TT_ASSERT_ERR(w[i].err, K_ERR_NONE);
    }
    TT_ASSERT_EQ(w[2].buf.mail.id, 0);
    TT_ASSERT_EQ(w[1].buf.mail.id, 1);
    TT_ASSERT_EQ(w[3].buf.mail.id, 2);
    TT_ASSERT_EQ(w[0].buf.mail.id, 3);
}

static void test_prio_mail_q_post_all_copies_to_every_waiter(void)
{
    mail_t in = mk(14u);
    mail_t out;
    unsigned int i;

    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_LO2, 500u);
    waiter_start(2u, PRIO_HI, TOS_TIME_FOREVER);
    let_run();
    TT_ASSERT_ERR(tos_prio_mail_q_post_all(&q, &in, MAIL_SIZE, 3u), K_ERR_NONE);
    TT_ASSERT_EQ(w[2].done, 1);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    let_run();
    for (i = 0u; i < 3u; ++i) {
        TT_ASSERT_EQ(w[i].done, 1);
        TT_ASSERT_ERR(w[i].err, K_ERR_NONE);
        TT_ASSERT_MEM_EQ(&w[i].buf.mail, &in, MAIL_SIZE);
        TT_ASSERT_EQ(w[i].size, MAIL_SIZE);
        TT_ASSERT(canary_intact(&w[i].buf));
    }
}

static void test_prio_mail_q_destroy_wakes_all_waiters(void)
{
    waiter_start(0u, PRIO_LO, TOS_TIME_FOREVER);
    waiter_start(1u, PRIO_HI, 1000u);
    let_run();
    TT_ASSERT_ERR(tos_prio_mail_q_destroy(&q), K_ERR_NONE);
    TT_ASSERT_EQ(w[1].done, 1);
    let_run();
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(w[1].err, K_ERR_PEND_DESTROY);
    TT_ASSERT(untouched(&w[0].buf));
    TT_ASSERT(untouched(&w[1].buf));
    TT_ASSERT_EQ(w[0].size, SIZE_UNSET);
}

static void test_prio_mail_q_timed_out_waiter_is_gone(void)
{
    mail_t in = mk(15u);
    mail_t out;

    waiter_start(0u, PRIO_HI, 5u);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_TIMEOUT);
    TT_ASSERT(untouched(&w[0].buf));
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&out, &in, MAIL_SIZE);
}

/* ---- interrupts ------------------------------------------------------------ */

static guarded_t isr_buf;
static size_t isr_size;
static mail_t isr_mail;

static void isr_pend(void)
{
    tos_knl_irq_enter();
    isr_err = tos_prio_mail_q_pend(&q, &isr_buf.mail, &isr_size, TOS_TIME_NOWAIT);
    tos_knl_irq_leave();
}

static void test_prio_mail_q_pend_from_isr_refused(void)
{
    mail_t in = mk(16u);
    mail_t out;

    guarded_init(&isr_buf);
    isr_size = SIZE_UNSET;
    TT_ASSERT_ERR(tos_prio_mail_q_post(&q, &in, MAIL_SIZE, 1u), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_pend);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
    TT_ASSERT(untouched(&isr_buf));
    TT_ASSERT_EQ(isr_size, SIZE_UNSET);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&out, &in, MAIL_SIZE);
}

static void isr_post(void)
{
    tos_knl_irq_enter();
    isr_err = tos_prio_mail_q_post(&q, &isr_mail, MAIL_SIZE, 1u);
    isr_saw_done = w[0].done;
    tos_knl_irq_leave();
}

static void test_prio_mail_q_post_from_isr_wakes_waiter_after_isr(void)
{
    isr_mail = mk(17u);
    waiter_start(0u, PRIO_HI, TOS_TIME_FOREVER);
    tt_irq_connect(TEST_IRQ, isr_post);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(isr_saw_done, 0);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&w[0].buf.mail, &isr_mail, MAIL_SIZE);
}

static void isr_post_all(void)
{
    tos_knl_irq_enter();
    isr_err = tos_prio_mail_q_post_all(&q, &isr_mail, MAIL_SIZE, 1u);
    tos_knl_irq_leave();
}

static void test_prio_mail_q_post_from_isr_without_waiter_queues(void)
{
    mail_t out;

    isr_mail = mk(18u);
    tt_irq_connect(TEST_IRQ, isr_post_all);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_MEM_EQ(&out, &isr_mail, MAIL_SIZE);
    TT_ASSERT_ERR(tos_prio_mail_q_pend(&q, &out, K_NULL, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
}

/* ---- heap use: dynamic queues, §40.32 -------------------------------------- */

static void test_prio_mail_q_dyn_lifecycle(void)
{
    static const uint32_t want[] = {2u, 0u, 1u};
    mail_t in;
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();
#endif

    TT_ASSERT_ERR(tos_prio_mail_q_create_dyn(&dq, 3u, MAIL_SIZE), K_ERR_NONE);
    TT_ASSERT_NULL(dq.prio_q_mgr_array);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_GE(heap_used(), used + TOS_PRIO_Q_MGR_ARRAY_SIZE(3u) + 3u * MAIL_SIZE);
#endif
    in = mk(0u);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&dq, &in, MAIL_SIZE, 5u), K_ERR_NONE);
    in = mk(1u);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&dq, &in, MAIL_SIZE, 6u), K_ERR_NONE);
    in = mk(2u);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&dq, &in, MAIL_SIZE, 4u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&dq, &in, MAIL_SIZE, 0u), K_ERR_PRIO_Q_FULL);
    TT_ASSERT_ERR(tos_prio_mail_q_post(&dq, &in, MAIL_SIZE + 1u, 0u),
                  K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH);
    expect_order(&dq, want, 3u);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy_dyn(&dq), K_ERR_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(heap_used(), used);
#endif
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_prio_mail_q_destroy_dyn(&dq), K_ERR_OBJ_INVALID);
#endif
}

static void dyn_waiter_entry(void *arg)
{
    waiter_t *me = (waiter_t *)arg;

    me->err = tos_prio_mail_q_pend(&dq, &me->buf.mail, &me->size, me->timeout);
    me->done = 1;
}

static void test_prio_mail_q_dyn_destroy_wakes_waiters(void)
{
    TT_ASSERT_ERR(tos_prio_mail_q_create_dyn(&dq, MAIL_CNT, MAIL_SIZE), K_ERR_NONE);
    w[0].timeout = TOS_TIME_FOREVER;
    w[0].size = SIZE_UNSET;
    guarded_init(&w[0].buf);
    TT_ASSERT_ERR(tos_task_create(&w_task[0], "dyn_waiter", dyn_waiter_entry, &w[0], PRIO_HI,
                                  w_stk[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy_dyn(&dq), K_ERR_NONE);
    TT_ASSERT_EQ(w[0].done, 1);
    TT_ASSERT_ERR(w[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT(untouched(&w[0].buf));
}

static void test_prio_mail_q_static_create_uses_heap(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();

    TT_ASSERT_ERR(tos_prio_mail_q_create(&dq, dq_pool, MAIL_CNT, MAIL_SIZE), K_ERR_NONE);
    TT_ASSERT_NOT_NULL(dq.prio_q_mgr_array);
    TT_ASSERT_GE(heap_used(), used + TOS_PRIO_Q_MGR_ARRAY_SIZE(MAIL_CNT));
    TT_ASSERT_ERR(tos_prio_mail_q_destroy(&dq), K_ERR_NONE);
    TT_ASSERT_EQ(heap_used(), used);
    TT_ASSERT_NULL(dq.prio_q_mgr_array);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

static void test_prio_mail_q_static_create_out_of_memory_leaks_nothing(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used;
    mail_t in = mk(21u);

    heap_exhaust();
    TT_ASSERT_NULL(tos_mmheap_alloc(1u)); /* really exhausted */
    used = heap_used();
    TT_ASSERT_ERR(tos_prio_mail_q_create(&dq, dq_pool, MAIL_CNT, MAIL_SIZE), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(heap_used(), used);
    TT_ASSERT_ERR(tos_prio_mail_q_create_dyn(&dq, MAIL_CNT, MAIL_SIZE), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(heap_used(), used);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_prio_mail_q_post(&dq, &in, MAIL_SIZE, 1u), K_ERR_OBJ_INVALID);
#else
    (void)in;
#endif
    hogs_release();
    TT_ASSERT_ERR(tos_prio_mail_q_create(&dq, dq_pool, MAIL_CNT, MAIL_SIZE), K_ERR_NONE);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

static void test_prio_mail_q_create_null_pool_frees_array(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();

    TT_ASSERT_ERR(tos_prio_mail_q_create(&dq, K_NULL, MAIL_CNT, MAIL_SIZE), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

static void test_prio_mail_q_create_dyn_out_of_memory(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t used = heap_used();

    TT_ASSERT_ERR(tos_prio_mail_q_create_dyn(&dq, 60000u, MAIL_SIZE), K_ERR_OUT_OF_MEMORY);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

/* destroy_dyn leaves prio_q_mgr_array alone, whatever an earlier life left. */
static void test_prio_mail_q_destroy_dyn_never_frees_stale_mgr_array(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    void *stale = hog(64u);
    uint32_t used;

    TT_ASSERT_NOT_NULL(stale);
    used = heap_used();
    dq.prio_q_mgr_array = stale;
    TT_ASSERT_ERR(tos_prio_mail_q_create_dyn(&dq, MAIL_CNT, MAIL_SIZE), K_ERR_NONE);
    TT_ASSERT_ERR(tos_prio_mail_q_destroy_dyn(&dq), K_ERR_NONE);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
#endif
}

TT_SUITE("priority_mail_queue", setup, teardown, TT_CASE(test_prio_mail_q_null_pointers),
         TT_CASE(test_prio_mail_q_invalid_objects), TT_CASE(test_prio_mail_q_check_order),
         TT_CASE(test_prio_mail_q_alloc_type_mismatch),
         TT_CASE(test_prio_mail_q_create_dyn_rejects_oversized_count),
         TT_CASE(test_prio_mail_q_priority_order_and_copy),
         TT_CASE(test_prio_mail_q_equal_priority_follows_heap_order),
         TT_CASE(test_prio_mail_q_pend_accepts_null_size), TT_CASE(test_prio_mail_q_full),
         TT_CASE(test_prio_mail_q_pend_nowait_reports_size_zero),
         TT_CASE(test_prio_mail_q_post_size_mismatch_without_waiter),
         TT_CASE(test_prio_mail_q_flush_discards_queued),
         TT_CASE(test_prio_mail_q_post_all_without_waiter_queues_one_copy),
         TT_CASE(test_prio_mail_q_pend_sched_locked),
         TT_CASE(test_prio_mail_q_pend_timeout_is_exact),
         TT_CASE(test_prio_mail_q_post_copies_into_waiter_at_once),
         TT_CASE(test_prio_mail_q_blocking_pend_accepts_null_size),
         TT_CASE(test_prio_mail_q_post_size_mismatch_never_overflows_waiter),
         TT_CASE(test_prio_mail_q_handoff_survives_flush),
         TT_CASE(test_prio_mail_q_flush_keeps_waiters),
         TT_CASE(test_prio_mail_q_wake_order_priority_then_fifo),
         TT_CASE(test_prio_mail_q_post_all_copies_to_every_waiter),
         TT_CASE(test_prio_mail_q_destroy_wakes_all_waiters),
         TT_CASE(test_prio_mail_q_timed_out_waiter_is_gone),
         TT_CASE(test_prio_mail_q_pend_from_isr_refused),
         TT_CASE(test_prio_mail_q_post_from_isr_wakes_waiter_after_isr),
         TT_CASE(test_prio_mail_q_post_from_isr_without_waiter_queues),
         TT_CASE(test_prio_mail_q_dyn_lifecycle),
         TT_CASE(test_prio_mail_q_dyn_destroy_wakes_waiters),
         TT_CASE(test_prio_mail_q_static_create_uses_heap),
         TT_CASE(test_prio_mail_q_static_create_out_of_memory_leaks_nothing),
         TT_CASE(test_prio_mail_q_create_null_pool_frees_array),
         TT_CASE(test_prio_mail_q_create_dyn_out_of_memory),
         TT_CASE(test_prio_mail_q_destroy_dyn_never_frees_stale_mgr_array));

#else

static void test_prio_mail_q_skipped(void)
{
    TT_SKIP("TOS_CFG_PRIORITY_MAIL_QUEUE_EN is 0");
}

TT_SUITE("priority_mail_queue", NULL, NULL, TT_CASE(test_prio_mail_q_skipped));

#endif
