/*
 * Barrier suite (contract §18, §40.22 decided, §40.27): tripping, the
 * reschedule at the last arrival, overflow after tripping, reset, destroy
 * with waiters, ISR refusal, scheduler lock.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_BARRIER_EN > 0u

#define PRIO_HIGHER (k_prio_t)(TT_RUNNER_PRIO - 2u)
#define PRIO_HIGH   (k_prio_t)(TT_RUNNER_PRIO - 1u)
#define PRIO_LOW    (k_prio_t)(TT_RUNNER_PRIO + 1u)

#define STK_SIZE   1024u
#define WAITER_MAX 3
#define TEST_IRQ   10u

typedef struct waiter_st {
    k_task_t task;
    k_stack_t stk[STK_SIZE];
    k_err_t err;
    int done;
} waiter_t;

static waiter_t waiters[WAITER_MAX];
static int wake_order[WAITER_MAX];
static int wake_count;

static k_barrier_t barrier;
static k_barrier_t barrier_never_created;

static k_err_t isr_err;
static k_err_t isr_err2;

static void setup(void)
{
    memset(waiters, 0, sizeof(waiters));
    memset(wake_order, 0, sizeof(wake_order));
    wake_count = 0;
    memset(&barrier_never_created, 0, sizeof(barrier_never_created));
    isr_err = K_ERR_NONE;
    isr_err2 = K_ERR_NONE;
}

static void waiter_entry(void *arg)
{
    waiter_t *w = (waiter_t *)arg;

    w->err = tos_barrier_pend(&barrier);
    wake_order[wake_count++] = (int)(w - waiters);
    w->done = 1;
}

static k_err_t waiter_start(int idx, k_prio_t prio)
{
    waiter_t *w = &waiters[idx];
    k_err_t err;

    w->err = K_ERR_PEND_ABNORMAL;
    err = tos_task_create(&w->task, "bar_waiter", waiter_entry, w, prio, w->stk, STK_SIZE, 0u);
    if (prio > TT_RUNNER_PRIO) {
        (void)tos_task_delay(1u);
    }
    return err;
}

static void test_barrier_null(void)
{
    TT_ASSERT_ERR(tos_barrier_create(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
    /* NULL is checked before the count. */
    TT_ASSERT_ERR(tos_barrier_create(K_NULL, 0u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_barrier_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_barrier_pend(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_barrier_reset(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
}

static void test_barrier_create_count_zero_invalid(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier_never_created, 0u), K_ERR_BARRIER_COUNT_INVALID);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    /* Nothing was initialised. */
    TT_ASSERT_ERR(tos_barrier_pend(&barrier_never_created), K_ERR_OBJ_INVALID);
#endif
}

static void test_barrier_invalid_object(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier_never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier_never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_barrier_reset(&barrier_never_created, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_barrier_single_party_trips_at_once(void)
{
    memset(&barrier, 0xFF, sizeof(barrier));
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 1u), K_ERR_NONE);
    TT_ASSERT_EQ(barrier.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_NONE);
    TT_ASSERT_EQ(barrier.count, 0);
    /* Tripped: further arrivals overflow until reset. */
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_BARRIER_OVERFLOW);
    TT_ASSERT_ERR(tos_barrier_reset(&barrier, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
}

static void test_barrier_last_arrival_releases_all(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 3u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_LOW), K_ERR_NONE);
    TT_ASSERT_EQ(barrier.count, 2);
    TT_ASSERT_ERR(waiter_start(1, PRIO_LOW), K_ERR_NONE);
    TT_ASSERT_EQ(barrier.count, 1);
    TT_ASSERT_EQ(wake_count, 0);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_NONE);
    TT_ASSERT_EQ(barrier.count, 0);
    TT_ASSERT(tos_list_empty(&barrier.pend_obj.list));
    (void)tos_task_delay(1u);
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
}

/* §40.22 decided: released tasks more urgent than the last arrival run at once. */
static void test_barrier_last_arrival_reschedules(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 3u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGHER), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 0);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_EQ(wake_order[1], 0);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
}

/* The last arrival may be a helper: the waiting runner is released. */
static void test_barrier_runner_released_by_last_helper(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&waiters[0].task, "bar_waiter", waiter_entry, &waiters[0],
                                  PRIO_LOW, waiters[0].stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_NONE);
    /* The helper arrived last and is less urgent: it has not returned yet. */
    TT_ASSERT_EQ(waiters[0].done, 0);
    (void)tos_task_delay(1u);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
}

/* Reset changes the expectation only; waiters are not released by it. */
static void test_barrier_reset_leaves_waiters(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 3u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_reset(&barrier, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_BARRIER_OVERFLOW);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_ERR(tos_barrier_reset(&barrier, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
}

/* A refused arrival is not counted; the last arrival needs no switch. */
static void test_barrier_pend_sched_locked(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_EQ(barrier.count, 2);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);

    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_pend(&barrier), K_ERR_NONE);
    /* Released, but it cannot run before the unlock. */
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
}

static void test_barrier_destroy_wakes_waiters_with_destroy(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 5u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_LOW), K_ERR_NONE);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    (void)tos_task_delay(1u);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_PEND_DESTROY);
}

static void isr_pend(void)
{
    tos_knl_irq_enter();
    isr_err = tos_barrier_pend(&barrier);
    isr_err2 = tos_barrier_pend(K_NULL);
    tos_knl_irq_leave();
}

static void test_barrier_pend_refused_in_isr(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 1u), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_pend);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err2, K_ERR_IN_IRQ);
    TT_ASSERT_EQ(barrier.count, 1);
    TT_ASSERT_ERR(tos_barrier_destroy(&barrier), K_ERR_NONE);
}

/* §40.27 (kept): destroy and reset have no ISR check. */
static void isr_reset_destroy(void)
{
    tos_knl_irq_enter();
    isr_err = tos_barrier_reset(&barrier, 4u);
    isr_err2 = tos_barrier_destroy(&barrier);
    tos_knl_irq_leave();
}

static void test_barrier_destroy_allowed_in_isr(void)
{
    TT_ASSERT_ERR(tos_barrier_create(&barrier, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_reset_destroy);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_ERR(isr_err2, K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_DESTROY);
}

TT_SUITE("barrier", setup, K_NULL, TT_CASE(test_barrier_null),
         TT_CASE(test_barrier_create_count_zero_invalid), TT_CASE(test_barrier_invalid_object),
         TT_CASE(test_barrier_single_party_trips_at_once),
         TT_CASE(test_barrier_last_arrival_releases_all),
         TT_CASE(test_barrier_last_arrival_reschedules),
         TT_CASE(test_barrier_runner_released_by_last_helper),
         TT_CASE(test_barrier_reset_leaves_waiters), TT_CASE(test_barrier_pend_sched_locked),
         TT_CASE(test_barrier_destroy_wakes_waiters_with_destroy),
         TT_CASE(test_barrier_pend_refused_in_isr), TT_CASE(test_barrier_destroy_allowed_in_isr));

#else /* TOS_CFG_BARRIER_EN */

static void test_barrier_disabled(void)
{
    TT_SKIP("TOS_CFG_BARRIER_EN is 0");
}

TT_SUITE("barrier", K_NULL, K_NULL, TT_CASE(test_barrier_disabled));

#endif /* TOS_CFG_BARRIER_EN */
