/*
 * Countdown latch suite (contract §17, §40.21, §40.27): counting down,
 * release of every waiter at 0, overflow, reset, destroy with waiters, ISR
 * use, scheduler lock.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_COUNTDOWNLATCH_EN > 0u

#define PRIO_HIGHER (k_prio_t)(TT_RUNNER_PRIO - 2u)
#define PRIO_HIGH   (k_prio_t)(TT_RUNNER_PRIO - 1u)
#define PRIO_LOW    (k_prio_t)(TT_RUNNER_PRIO + 1u)

#define STK_SIZE   1024u
#define WAITER_MAX 3
#define TEST_IRQ   9u

typedef struct waiter_st {
    k_task_t task;
    k_stack_t stk[STK_SIZE];
    k_tick_t timeout;
    k_err_t err;
    int done;
} waiter_t;

static waiter_t waiters[WAITER_MAX];
static int wake_order[WAITER_MAX];
static int wake_count;

static k_countdownlatch_t latch;
static k_countdownlatch_t latch_never_created;

static k_err_t isr_err;
static k_err_t isr_err2;

static void setup(void)
{
    memset(waiters, 0, sizeof(waiters));
    memset(wake_order, 0, sizeof(wake_order));
    wake_count = 0;
    memset(&latch_never_created, 0, sizeof(latch_never_created));
    isr_err = K_ERR_NONE;
    isr_err2 = K_ERR_NONE;
}

static void waiter_entry(void *arg)
{
    waiter_t *w = (waiter_t *)arg;

    if (w->timeout == TOS_TIME_FOREVER) {
        w->err = tos_countdownlatch_pend(&latch);
    } else {
        w->err = tos_countdownlatch_pend_timed(&latch, w->timeout);
    }
    wake_order[wake_count++] = (int)(w - waiters);
    w->done = 1;
}

static k_err_t waiter_start(int idx, k_prio_t prio, k_tick_t timeout)
{
    waiter_t *w = &waiters[idx];
    k_err_t err;

    w->timeout = timeout;
    w->err = K_ERR_PEND_ABNORMAL;
    err = tos_task_create(&w->task, "cdl_waiter", waiter_entry, w, prio, w->stk, STK_SIZE, 0u);
    if (prio > TT_RUNNER_PRIO) {
        (void)tos_task_delay(1u);
    }
    return err;
}

static void test_latch_null(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_countdownlatch_pend(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_countdownlatch_pend_timed(K_NULL, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_countdownlatch_post(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_countdownlatch_reset(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
}

static void test_latch_invalid_object(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_countdownlatch_t *l = &latch_never_created;

    TT_ASSERT_ERR(tos_countdownlatch_destroy(l), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_countdownlatch_pend_timed(l, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_countdownlatch_post(l), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_countdownlatch_reset(l, 1u), K_ERR_OBJ_INVALID);

    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_latch_create_zero_is_open(void)
{
    memset(&latch, 0xFF, sizeof(latch));
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(latch.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
    TT_ASSERT_EQ(latch.count, 0);
    TT_ASSERT_ERR(tos_countdownlatch_pend(&latch), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_pend_timed(&latch, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_COUNTDOWNLATCH_OVERFLOW);
    TT_ASSERT_EQ(latch.count, 0);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

static void test_latch_counts_down_then_opens(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 3u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_pend_timed(&latch, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    TT_ASSERT_EQ(latch.count, 1);
    TT_ASSERT_ERR(tos_countdownlatch_pend_timed(&latch, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    TT_ASSERT_EQ(latch.count, 0);
    TT_ASSERT_ERR(tos_countdownlatch_pend_timed(&latch, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_COUNTDOWNLATCH_OVERFLOW);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

/* §40.21 fix: reaching 0 releases every waiter, not only the first. */
static void test_latch_wakes_all_waiters(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);

    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 0);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    /* The urgent ones ran before post returned, the more urgent first. */
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(wake_order[0], 2);
    TT_ASSERT_EQ(wake_order[1], 1);
    (void)tos_task_delay(1u);
    TT_ASSERT_EQ(wake_count, 3);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_NONE);
    TT_ASSERT_ERR(waiters[2].err, K_ERR_NONE);
    TT_ASSERT(tos_list_empty(&latch.pend_obj.list));
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

/* §40.21 fix: reaching 0 with nobody waiting touches no (bogus) waiter. */
static void test_latch_reaching_zero_without_waiters_is_harmless(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    TT_ASSERT(tos_list_empty(&latch.pend_obj.list));
    TT_ASSERT_PTR_EQ(latch.pend_obj.list.next, &latch.pend_obj.list);
    TT_ASSERT_PTR_EQ(latch.pend_obj.list.prev, &latch.pend_obj.list);
    /* Still a working latch afterwards. */
    TT_ASSERT_ERR(tos_countdownlatch_reset(&latch, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

/* Reset changes the count only: waiters stay, even on a reset to 0. */
static void test_latch_reset_leaves_waiters(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, 40u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_reset(&latch, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(latch.count, 0);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_ERR(tos_countdownlatch_pend(&latch), K_ERR_NONE);
    (void)tos_task_delay(50u);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_TIMEOUT);

    TT_ASSERT_ERR(tos_countdownlatch_reset(&latch, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    TT_ASSERT_EQ(latch.count, 1);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

static void test_latch_pend_timeout_exact_ticks(void)
{
    k_tick_t start;

    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 1u), K_ERR_NONE);
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_countdownlatch_pend_timed(&latch, 33u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 33);
    TT_ASSERT(tos_list_empty(&latch.pend_obj.list));
    TT_ASSERT_EQ(latch.count, 1);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

static void test_latch_pend_sched_locked(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_pend(&latch), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_countdownlatch_pend_timed(&latch, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_pend(&latch), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

static void test_latch_destroy_wakes_waiters_with_destroy(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 5u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_LOW, 100u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    (void)tos_task_delay(1u);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_PEND_DESTROY);
}

static void isr_pend(void)
{
    tos_knl_irq_enter();
    isr_err = tos_countdownlatch_pend_timed(&latch, TOS_TIME_NOWAIT);
    isr_err2 = tos_countdownlatch_pend(K_NULL);
    tos_knl_irq_leave();
}

static void test_latch_pend_refused_in_isr(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 0u), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_pend);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err2, K_ERR_IN_IRQ);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

static void isr_post(void)
{
    tos_knl_irq_enter();
    isr_err = tos_countdownlatch_post(&latch);
    tos_knl_irq_leave();
}

static void test_latch_post_from_isr_releases_waiters(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_post);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 0);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(wake_count, 2);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_COUNTDOWNLATCH_OVERFLOW);
    TT_ASSERT_ERR(tos_countdownlatch_destroy(&latch), K_ERR_NONE);
}

/* §40.27 (kept): destroy has no ISR check. */
static void isr_destroy(void)
{
    tos_knl_irq_enter();
    isr_err = tos_countdownlatch_destroy(&latch);
    tos_knl_irq_leave();
}

static void test_latch_destroy_allowed_in_isr(void)
{
    TT_ASSERT_ERR(tos_countdownlatch_create(&latch, 1u), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_destroy);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_countdownlatch_post(&latch), K_ERR_OBJ_INVALID);
#endif
}

TT_SUITE("countdownlatch", setup, K_NULL, TT_CASE(test_latch_null),
         TT_CASE(test_latch_invalid_object), TT_CASE(test_latch_create_zero_is_open),
         TT_CASE(test_latch_counts_down_then_opens), TT_CASE(test_latch_wakes_all_waiters),
         TT_CASE(test_latch_reaching_zero_without_waiters_is_harmless),
         TT_CASE(test_latch_reset_leaves_waiters), TT_CASE(test_latch_pend_timeout_exact_ticks),
         TT_CASE(test_latch_pend_sched_locked),
         TT_CASE(test_latch_destroy_wakes_waiters_with_destroy),
         TT_CASE(test_latch_pend_refused_in_isr),
         TT_CASE(test_latch_post_from_isr_releases_waiters),
         TT_CASE(test_latch_destroy_allowed_in_isr));

#else /* TOS_CFG_COUNTDOWNLATCH_EN */

static void test_latch_disabled(void)
{
    TT_SKIP("TOS_CFG_COUNTDOWNLATCH_EN is 0");
}

TT_SUITE("countdownlatch", K_NULL, K_NULL, TT_CASE(test_latch_disabled));

#endif /* TOS_CFG_COUNTDOWNLATCH_EN */
