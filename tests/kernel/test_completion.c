/*
 * Completion suite (contract §16, §40.23, §40.27): non-consuming pend,
 * post vs post_all, overflow, reset, is_done, destroy with waiters, ISR
 * use, scheduler lock.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_COMPLETION_EN > 0u

#define PRIO_HIGHER (k_prio_t)(TT_RUNNER_PRIO - 2u)
#define PRIO_HIGH   (k_prio_t)(TT_RUNNER_PRIO - 1u)
#define PRIO_LOW    (k_prio_t)(TT_RUNNER_PRIO + 1u)

#define STK_SIZE   1024u
#define WAITER_MAX 3
#define TEST_IRQ   8u

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

static k_completion_t completion;
static k_completion_t completion_never_created;

static k_err_t isr_err;
static k_err_t isr_err2;

static void setup(void)
{
    memset(waiters, 0, sizeof(waiters));
    memset(wake_order, 0, sizeof(wake_order));
    wake_count = 0;
    memset(&completion_never_created, 0, sizeof(completion_never_created));
    isr_err = K_ERR_NONE;
    isr_err2 = K_ERR_NONE;
}

static void waiter_entry(void *arg)
{
    waiter_t *w = (waiter_t *)arg;

    if (w->timeout == TOS_TIME_FOREVER) {
        w->err = tos_completion_pend(&completion);
    } else {
        w->err = tos_completion_pend_timed(&completion, w->timeout);
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
    err = tos_task_create(&w->task, "cpl_waiter", waiter_entry, w, prio, w->stk, STK_SIZE, 0u);
    if (prio > TT_RUNNER_PRIO) {
        (void)tos_task_delay(1u);
    }
    return err;
}

static void test_completion_null(void)
{
    TT_ASSERT_ERR(tos_completion_create(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_completion_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_completion_pend(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_completion_pend_timed(K_NULL, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_completion_post(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_completion_post_all(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_completion_reset(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(tos_completion_is_done(K_NULL), K_FALSE);
}

static void test_completion_invalid_object(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_completion_t *c = &completion_never_created;

    TT_ASSERT_ERR(tos_completion_destroy(c), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_completion_pend_timed(c, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_completion_post(c), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_completion_post_all(c), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_completion_reset(c), K_ERR_OBJ_INVALID);
    /* Invalid even when its done field says otherwise. */
    c->done = 3u;
    TT_ASSERT_EQ(tos_completion_is_done(c), K_FALSE);

    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_completion_is_done(&completion), K_FALSE);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_completion_create_initial_state(void)
{
    memset(&completion, 0xFF, sizeof(completion));
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(completion.done, 0);
    TT_ASSERT_EQ(completion.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
    TT_ASSERT_EQ(tos_completion_is_done(&completion), K_FALSE);
    TT_ASSERT_ERR(tos_completion_pend_timed(&completion, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

/* §40.23 (kept): once posted, every pend succeeds until reset. */
static void test_completion_pend_does_not_consume(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(completion.done, 1);
    TT_ASSERT_ERR(tos_completion_pend(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_pend_timed(&completion, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_EQ(completion.done, 1);
    TT_ASSERT_EQ(tos_completion_is_done(&completion), K_TRUE);
    TT_ASSERT_ERR(tos_completion_reset(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(tos_completion_is_done(&completion), K_FALSE);
    TT_ASSERT_ERR(tos_completion_pend_timed(&completion, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

static void test_completion_post_counts_and_overflows(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_post_all(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(completion.done, 2);
    completion.done = 0xFFFEu;
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(completion.done, 0xFFFF);
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_COMPLETION_OVERFLOW);
    TT_ASSERT_ERR(tos_completion_post_all(&completion), K_ERR_COMPLETION_OVERFLOW);
    TT_ASSERT_EQ(completion.done, 0xFFFF);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

static void test_completion_post_wakes_first_waiter_only(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 1);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    /* Waiter 0 stays blocked although done > 0 now; a second post frees it. */
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_EQ(completion.done, 2);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

static void test_completion_post_all_wakes_every_waiter(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, PRIO_HIGHER, 1000u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_post_all(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(wake_order[0], 2);
    TT_ASSERT_EQ(wake_order[1], 1);
    (void)tos_task_delay(1u);
    TT_ASSERT_EQ(wake_count, 3);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_NONE);
    TT_ASSERT_ERR(waiters[2].err, K_ERR_NONE);
    TT_ASSERT_EQ(completion.done, 1);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

static void test_completion_reset_leaves_waiters(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_reset(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT(!tos_list_empty(&completion.pend_obj.list));
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

static void test_completion_pend_timeout_exact_ticks(void)
{
    k_tick_t start;

    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_completion_pend_timed(&completion, 12u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 12);
    TT_ASSERT(tos_list_empty(&completion.pend_obj.list));
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

static void test_completion_pend_sched_locked(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_pend(&completion), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_completion_pend_timed(&completion, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_pend(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

static void test_completion_destroy_wakes_waiters_with_destroy(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    (void)tos_task_delay(1u);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_PEND_DESTROY);
}

static void isr_pend(void)
{
    tos_knl_irq_enter();
    isr_err = tos_completion_pend_timed(&completion, TOS_TIME_NOWAIT);
    isr_err2 = tos_completion_pend(K_NULL);
    tos_knl_irq_leave();
}

/* Refused even when it would succeed at once. */
static void test_completion_pend_refused_in_isr(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(tos_completion_post(&completion), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_pend);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err2, K_ERR_IN_IRQ);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

static void isr_post_all(void)
{
    tos_knl_irq_enter();
    isr_err = tos_completion_post_all(&completion);
    tos_knl_irq_leave();
}

static void test_completion_post_all_from_isr(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_post_all);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_ERR(tos_completion_destroy(&completion), K_ERR_NONE);
}

/* §40.27 (kept): destroy has no ISR check. */
static void isr_destroy(void)
{
    tos_knl_irq_enter();
    isr_err = tos_completion_destroy(&completion);
    tos_knl_irq_leave();
}

static void test_completion_destroy_allowed_in_isr(void)
{
    TT_ASSERT_ERR(tos_completion_create(&completion), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_destroy);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_DESTROY);
}

TT_SUITE("completion", setup, K_NULL, TT_CASE(test_completion_null),
         TT_CASE(test_completion_invalid_object), TT_CASE(test_completion_create_initial_state),
         TT_CASE(test_completion_pend_does_not_consume),
         TT_CASE(test_completion_post_counts_and_overflows),
         TT_CASE(test_completion_post_wakes_first_waiter_only),
         TT_CASE(test_completion_post_all_wakes_every_waiter),
         TT_CASE(test_completion_reset_leaves_waiters),
         TT_CASE(test_completion_pend_timeout_exact_ticks),
         TT_CASE(test_completion_pend_sched_locked),
         TT_CASE(test_completion_destroy_wakes_waiters_with_destroy),
         TT_CASE(test_completion_pend_refused_in_isr), TT_CASE(test_completion_post_all_from_isr),
         TT_CASE(test_completion_destroy_allowed_in_isr));

#else /* TOS_CFG_COMPLETION_EN */

static void test_completion_disabled(void)
{
    TT_SKIP("TOS_CFG_COMPLETION_EN is 0");
}

TT_SUITE("completion", K_NULL, K_NULL, TT_CASE(test_completion_disabled));

#endif /* TOS_CFG_COMPLETION_EN */
