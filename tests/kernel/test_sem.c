/*
 * Semaphore suite (contract §13, §40.24, §40.27): check order of every
 * function, counting, wake-up order, post vs post_all, destroy with
 * waiters, ISR use, scheduler lock, dynamic semaphores and heap exhaustion.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_SEM_EN > 0u

#define PRIO_HIGHER (k_prio_t)(TT_RUNNER_PRIO - 2u)
#define PRIO_HIGH   (k_prio_t)(TT_RUNNER_PRIO - 1u)
#define PRIO_LOW    (k_prio_t)(TT_RUNNER_PRIO + 1u)
#define PRIO_LOWER  (k_prio_t)(TT_RUNNER_PRIO + 2u)

#define WAITER_MAX 4
#define STK_SIZE   1024u
#define TEST_IRQ   5u

typedef struct waiter_st {
    k_task_t task;
    k_stack_t stk[STK_SIZE];
    k_sem_t *sem;
    k_tick_t timeout;
    k_err_t err;
    int done;
} waiter_t;

static waiter_t waiters[WAITER_MAX];
static int wake_order[WAITER_MAX];
static int wake_count;

static k_sem_t sem;
static k_sem_t sem_other;
static k_sem_t sem_never_created;

static k_err_t isr_err;
static k_err_t isr_err2;
static k_sem_t *isr_dyn_sem;

static void setup(void)
{
    memset(waiters, 0, sizeof(waiters));
    memset(wake_order, 0, sizeof(wake_order));
    wake_count = 0;
    memset(&sem_never_created, 0, sizeof(sem_never_created));
    isr_err = K_ERR_NONE;
    isr_err2 = K_ERR_NONE;
    isr_dyn_sem = K_NULL;
}

static void waiter_entry(void *arg)
{
    waiter_t *w = (waiter_t *)arg;

    w->err = tos_sem_pend(w->sem, w->timeout);
    w->done = 1;
    wake_order[wake_count++] = (int)(w - waiters);
}

static k_err_t waiter_start(int idx, k_sem_t *the_sem, k_prio_t prio, k_tick_t timeout)
{
    waiter_t *w = &waiters[idx];

    w->sem = the_sem;
    w->timeout = timeout;
    w->err = K_ERR_PEND_ABNORMAL;
    return tos_task_create(&w->task, "sem_waiter", waiter_entry, w, prio, w->stk, STK_SIZE, 0u);
}

/* Lets every less urgent ready task run until it blocks. */
static void let_others_run(void)
{
    (void)tos_task_delay(1u);
}

/* ---- create ---------------------------------------------------------------- */

static void test_sem_create_null(void)
{
    TT_ASSERT_ERR(tos_sem_create(K_NULL, 0u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_sem_create_max(K_NULL, 0u, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_sem_create_dyn(K_NULL, 0u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_sem_create_max_dyn(K_NULL, 0u, 1u), K_ERR_OBJ_PTR_NULL);
}

static void test_sem_create_sets_counts(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 3u), K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 3);
    TT_ASSERT_EQ(sem.count_max, 0xFFFF);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

static void test_sem_create_max_clamps_init_count(void)
{
    TT_ASSERT_ERR(tos_sem_create_max(&sem, 9u, 4u), K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 4);
    TT_ASSERT_EQ(sem.count_max, 4);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* A stale DYNAMIC mark in recycled storage must not make destroy free it. */
static void test_sem_create_marks_static(void)
{
    memset(&sem, 0xFF, sizeof(sem));
    sem.knl_obj.alloc_type = KNL_OBJ_ALLOC_TYPE_DYNAMIC;
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(sem.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
    TT_ASSERT(tos_list_empty(&sem.pend_obj.list));
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

static void test_sem_create_recreate_after_destroy(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_create(&sem, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 1);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* ---- destroy ------------------------------------------------------------------ */

static void test_sem_destroy_null(void)
{
    TT_ASSERT_ERR(tos_sem_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_sem_invalid_object(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_sem_destroy(&sem_never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_sem_pend(&sem_never_created, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_sem_post(&sem_never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_sem_post_all(&sem_never_created), K_ERR_OBJ_INVALID);

    TT_ASSERT_ERR(tos_sem_create(&sem, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_sem_post_all(&sem), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_sem_destroy_wakes_waiters_with_destroy(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &sem, PRIO_LOW, 1000u), K_ERR_NONE);
    let_others_run();
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_EQ(waiters[1].done, 0);

    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
    /* The more urgent waiter ran before destroy returned. */
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_DESTROY);
    let_others_run();
    TT_ASSERT_EQ(waiters[1].done, 1);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_PEND_DESTROY);
}

/* ---- pend ----------------------------------------------------------------------- */

static void test_sem_pend_null(void)
{
    TT_ASSERT_ERR(tos_sem_pend(K_NULL, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_sem_post(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_sem_post_all(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_sem_pend_takes_units_then_nowait(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 0);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_EQ(sem.count, 0);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

static void test_sem_pend_timeout_exact_ticks(void)
{
    k_tick_t start;

    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_sem_pend(&sem, 25u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 25);
    TT_ASSERT(tos_list_empty(&sem.pend_obj.list));
    TT_ASSERT_EQ(sem.count, 0);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

static void test_sem_pend_sched_locked(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    /* Available: taken even while locked. */
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&sem, 10u), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_FOREVER), K_ERR_PEND_SCHED_LOCKED);
    /* NOWAIT is decided before the lock. */
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT(tos_list_empty(&sem.pend_obj.list));
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* ---- post ------------------------------------------------------------------------- */

static void test_sem_post_without_waiter_counts(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post_all(&sem), K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 2);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

static void test_sem_post_overflow_at_max(void)
{
    TT_ASSERT_ERR(tos_sem_create_max(&sem, 1u, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_SEM_OVERFLOW);
    TT_ASSERT_ERR(tos_sem_post_all(&sem), K_ERR_SEM_OVERFLOW);
    TT_ASSERT_EQ(sem.count, 2);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);

    TT_ASSERT_ERR(tos_sem_create(&sem, 0xFFFFu), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_SEM_OVERFLOW);
    TT_ASSERT_EQ(sem.count, 0xFFFF);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* §40.24 (kept): the ceiling is checked before the waiters, so max 0 never posts. */
static void test_sem_max_zero_overflows_even_with_waiter(void)
{
    TT_ASSERT_ERR(tos_sem_create_max(&sem, 0u, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_HIGH, 50u), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_SEM_OVERFLOW);
    TT_ASSERT_ERR(tos_sem_post_all(&sem), K_ERR_SEM_OVERFLOW);
    TT_ASSERT_EQ(waiters[0].done, 0);
    (void)tos_task_delay(60u);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_TIMEOUT);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* A more urgent waiter runs before post returns; the unit is handed over. */
static void test_sem_post_preempts_for_urgent_waiter(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 0);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* A less urgent waiter gets the unit but only runs when the poster blocks. */
static void test_sem_post_to_less_urgent_waiter_does_not_preempt(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    let_others_run();
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_EQ(sem.count, 0);
    /* Already handed over: the poster cannot take it back. */
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    let_others_run();
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* Priority first, then FIFO among equals. */
static void test_sem_post_wakes_by_priority_then_fifo(void)
{
    int i;

    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_LOWER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &sem, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, &sem, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    let_others_run();
    TT_ASSERT_EQ(wake_count, 0);
    for (i = 0; i < 3; ++i) {
        TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
        let_others_run();
        TT_ASSERT_EQ(wake_count, i + 1);
    }
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_EQ(wake_order[1], 2);
    TT_ASSERT_EQ(wake_order[2], 0);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* §40.24 (kept): one post_all releases every waiter with a single unit. */
static void test_sem_post_all_wakes_every_waiter_with_one_unit(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &sem, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, &sem, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    let_others_run();
    TT_ASSERT_ERR(tos_sem_post_all(&sem), K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 0);
    /* Both urgent waiters ran, the more urgent first. */
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_EQ(wake_order[1], 0);
    let_others_run();
    TT_ASSERT_EQ(wake_count, 3);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_NONE);
    TT_ASSERT_ERR(waiters[2].err, K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 0);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

static void test_sem_post_one_leaves_other_waiters(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_HIGH, 40u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &sem, PRIO_HIGH, 40u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 1);
    TT_ASSERT_EQ(wake_order[0], 0);
    (void)tos_task_delay(50u);
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_PEND_TIMEOUT);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

static void test_sem_objects_are_independent(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_create(&sem_other, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(&sem_other), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_EQ(sem_other.count, 1);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(tos_sem_destroy(&sem_other), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* ---- ISR ---------------------------------------------------------------------------- */

static void isr_pend_and_dyn(void)
{
    tos_knl_irq_enter();
    isr_err = tos_sem_pend(&sem, TOS_TIME_NOWAIT);
    isr_err2 = tos_sem_create_dyn(&isr_dyn_sem, 0u);
    tos_knl_irq_leave();
}

static void test_sem_pend_and_create_dyn_refused_in_isr(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 1u), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_pend_and_dyn);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err2, K_ERR_IN_IRQ);
    TT_ASSERT_NULL(isr_dyn_sem);
    TT_ASSERT_EQ(sem.count, 1);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

static void isr_post(void)
{
    tos_knl_irq_enter();
    isr_err = tos_sem_post(&sem);
    tos_knl_irq_leave();
}

static void test_sem_post_from_isr_wakes_waiter(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &sem, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_post);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    /* The switch happened at irq_leave. */
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    /* Without a waiter the ISR post counts. */
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(sem.count, 1);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}

/* §40.27 (kept): create/destroy of a static semaphore have no ISR check. */
static void isr_create_destroy(void)
{
    tos_knl_irq_enter();
    isr_err = tos_sem_create(&sem_other, 1u);
    isr_err2 = tos_sem_destroy(&sem_other);
    tos_knl_irq_leave();
}

static void test_sem_static_create_destroy_allowed_in_isr(void)
{
    tt_irq_connect(TEST_IRQ, isr_create_destroy);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_ERR(isr_err2, K_ERR_NONE);
}

/* ---- dynamic ------------------------------------------------------------------------- */

static void test_sem_dyn_create_pend_post_destroy(void)
{
    k_sem_t *dyn = K_NULL;

    TT_ASSERT_ERR(tos_sem_create_max_dyn(&dyn, 7u, 5u), K_ERR_NONE);
    TT_ASSERT_NOT_NULL(dyn);
    TT_ASSERT_EQ(dyn->count, 5);
    TT_ASSERT_EQ(dyn->count_max, 5);
    TT_ASSERT_EQ(dyn->knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_ERR(tos_sem_pend(dyn, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(dyn), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(dyn), K_ERR_SEM_OVERFLOW);
    TT_ASSERT_ERR(tos_sem_destroy(dyn), K_ERR_NONE);

    TT_ASSERT_ERR(tos_sem_create_dyn(&dyn, 1u), K_ERR_NONE);
    TT_ASSERT_EQ(dyn->count_max, 0xFFFF);
    TT_ASSERT_ERR(tos_sem_destroy(dyn), K_ERR_NONE);
}

#if TOS_CFG_MMHEAP_EN > 0u
static void test_sem_dyn_destroy_frees_memory(void)
{
    k_mmheap_info_t before;
    k_mmheap_info_t during;
    k_mmheap_info_t after;
    k_sem_t *dyn = K_NULL;

    TT_ASSERT_ERR(tos_mmheap_check(&before), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_create_dyn(&dyn, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_check(&during), K_ERR_NONE);
    TT_ASSERT_GE(during.used, before.used + sizeof(k_sem_t));
    TT_ASSERT_ERR(tos_sem_destroy(dyn), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_check(&after), K_ERR_NONE);
    TT_ASSERT_EQ(after.used, before.used);
}

/* Static destroy must not hand the object to the heap. */
static void test_sem_static_destroy_does_not_free(void)
{
    k_mmheap_info_t before;
    k_mmheap_info_t after;

    TT_ASSERT_ERR(tos_mmheap_check(&before), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_check(&after), K_ERR_NONE);
    TT_ASSERT_EQ(after.used, before.used);
    TT_ASSERT_EQ(after.free, before.free);
}

#define HOG_MAX 64

static void *hogs[HOG_MAX];

/* Takes every block the heap can still give; returns how many. */
static int heap_exhaust(void)
{
    size_t size = TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE;
    int n = 0;

    while (size >= sizeof(void *) && n < HOG_MAX) {
        hogs[n] = tos_mmheap_alloc(size);
        if (hogs[n] != K_NULL) {
            ++n;
        } else {
            size /= 2u;
        }
    }
    return n;
}

static void heap_release(int n)
{
    while (n > 0) {
        tos_mmheap_free(hogs[--n]);
    }
}

static void test_sem_dyn_out_of_memory(void)
{
    k_sem_t *dyn = (k_sem_t *)&sem_other;
    k_err_t err;
    int n = heap_exhaust();
    void *probe = tos_mmheap_alloc(sizeof(k_sem_t));

    tos_mmheap_free(probe);
    err = tos_sem_create_dyn(&dyn, 0u);
    heap_release(n);
    TT_ASSERT_NULL(probe);
    TT_ASSERT_ERR(err, K_ERR_SEM_OUT_OF_MEMORY);
    /* The handle is only written on success. */
    TT_ASSERT_PTR_EQ(dyn, &sem_other);
    TT_ASSERT_ERR(tos_sem_create_max_dyn(&dyn, 0u, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(dyn), K_ERR_NONE);
}
#endif /* TOS_CFG_MMHEAP_EN */

TT_SUITE("sem", setup, K_NULL, TT_CASE(test_sem_create_null), TT_CASE(test_sem_create_sets_counts),
         TT_CASE(test_sem_create_max_clamps_init_count), TT_CASE(test_sem_create_marks_static),
         TT_CASE(test_sem_create_recreate_after_destroy), TT_CASE(test_sem_destroy_null),
         TT_CASE(test_sem_invalid_object), TT_CASE(test_sem_destroy_wakes_waiters_with_destroy),
         TT_CASE(test_sem_pend_null), TT_CASE(test_sem_pend_takes_units_then_nowait),
         TT_CASE(test_sem_pend_timeout_exact_ticks), TT_CASE(test_sem_pend_sched_locked),
         TT_CASE(test_sem_post_without_waiter_counts), TT_CASE(test_sem_post_overflow_at_max),
         TT_CASE(test_sem_max_zero_overflows_even_with_waiter),
         TT_CASE(test_sem_post_preempts_for_urgent_waiter),
         TT_CASE(test_sem_post_to_less_urgent_waiter_does_not_preempt),
         TT_CASE(test_sem_post_wakes_by_priority_then_fifo),
         TT_CASE(test_sem_post_all_wakes_every_waiter_with_one_unit),
         TT_CASE(test_sem_post_one_leaves_other_waiters), TT_CASE(test_sem_objects_are_independent),
         TT_CASE(test_sem_pend_and_create_dyn_refused_in_isr),
         TT_CASE(test_sem_post_from_isr_wakes_waiter),
         TT_CASE(test_sem_static_create_destroy_allowed_in_isr),
#if TOS_CFG_MMHEAP_EN > 0u
         TT_CASE(test_sem_dyn_destroy_frees_memory), TT_CASE(test_sem_static_destroy_does_not_free),
         TT_CASE(test_sem_dyn_out_of_memory),
#endif
         TT_CASE(test_sem_dyn_create_pend_post_destroy));

#else /* TOS_CFG_SEM_EN */

static void test_sem_disabled(void)
{
    TT_SKIP("TOS_CFG_SEM_EN is 0");
}

TT_SUITE("sem", K_NULL, K_NULL, TT_CASE(test_sem_disabled));

#endif /* TOS_CFG_SEM_EN */
