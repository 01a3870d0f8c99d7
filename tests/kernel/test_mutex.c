/*
 * Mutex suite (contract §14, §10.9, §40.16-20): ownership, recursion,
 * priority inheritance and its restoration with several mutexes held,
 * owner death, destroy with waiters, deferred priority changes, ISR and
 * scheduler-lock refusals, dynamic mutexes.
 *
 * "Owner" helper tasks are remote-controlled: they wait suspended for a
 * command (pend or post a mutex), run it, and suspend again, so the runner
 * can inspect priorities between steps.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_MUTEX_EN > 0u

#define PRIO_HIGHER (k_prio_t)(TT_RUNNER_PRIO - 2u)
#define PRIO_HIGH   (k_prio_t)(TT_RUNNER_PRIO - 1u)
#define PRIO_RUNNER (k_prio_t)(TT_RUNNER_PRIO)
#define PRIO_LOW    (k_prio_t)(TT_RUNNER_PRIO + 1u)
#define PRIO_LOWER  (k_prio_t)(TT_RUNNER_PRIO + 2u)

#define STK_SIZE   1024u
#define WAITER_MAX 4
#define OWNER_MAX  2
#define TEST_IRQ   6u

/* ---- remote-controlled owners ---------------------------------------------- */

typedef enum owner_op_en {
    OP_PEND,
    OP_POST,
    OP_EXIT,
} owner_op_t;

typedef struct owner_st {
    k_task_t task;
    k_stack_t stk[STK_SIZE];
    owner_op_t op;
    k_mutex_t *mutex;
    k_err_t err;
} owner_t;

static owner_t owners[OWNER_MAX];

static void owner_entry(void *arg)
{
    owner_t *o = (owner_t *)arg;

    while (tos_task_suspend(K_NULL) == K_ERR_NONE && o->op != OP_EXIT) {
        if (o->op == OP_PEND) {
            o->err = tos_mutex_pend(o->mutex);
        } else {
            o->err = tos_mutex_post(o->mutex);
        }
    }
}

/* Lets every less urgent ready task run until it blocks. */
static void let_others_run(void)
{
    (void)tos_task_delay(1u);
}

static k_err_t owner_start(int idx, k_prio_t prio)
{
    owner_t *o = &owners[idx];
    k_err_t err =
        tos_task_create(&o->task, "mtx_owner", owner_entry, o, prio, o->stk, STK_SIZE, 0u);

    let_others_run();
    return err;
}

/* Runs one command in owner idx; K_ERR_PEND_ABNORMAL if it is still blocked in it. */
static k_err_t owner_do(int idx, owner_op_t op, k_mutex_t *mutex)
{
    owner_t *o = &owners[idx];

    o->op = op;
    o->mutex = mutex;
    o->err = K_ERR_PEND_ABNORMAL;
    (void)tos_task_resume(&o->task);
    let_others_run();
    return o->err;
}

/* ---- waiters ------------------------------------------------------------------ */

typedef struct waiter_st {
    k_task_t task;
    k_stack_t stk[STK_SIZE];
    k_mutex_t *mutex;
    k_tick_t timeout;
    int hold; /* keep the mutex (stay suspended) instead of posting it */
    k_err_t err;
    int done;
    int was_owner; /* owner when it ran again */
    k_prio_t orig_prio;
} waiter_t;

static waiter_t waiters[WAITER_MAX];
static int wake_order[WAITER_MAX];
static int wake_count;

static void waiter_entry(void *arg)
{
    waiter_t *w = (waiter_t *)arg;

    w->err = tos_mutex_pend_timed(w->mutex, w->timeout);
    w->was_owner = w->mutex->owner == &w->task && w->mutex->pend_nesting == 1u;
    w->orig_prio = w->mutex->owner_orig_prio;
    wake_order[wake_count++] = (int)(w - waiters);
    w->done = 1;
    if (w->err == K_ERR_NONE) {
        if (w->hold) {
            (void)tos_task_suspend(K_NULL);
        }
        (void)tos_mutex_post(w->mutex);
    }
}

/* Starts a waiter; a less urgent one is given the CPU so that it blocks. */
static k_err_t waiter_start(int idx, k_mutex_t *mutex, k_prio_t prio, k_tick_t timeout)
{
    waiter_t *w = &waiters[idx];
    k_err_t err;

    w->mutex = mutex;
    w->timeout = timeout;
    w->err = K_ERR_PEND_ABNORMAL;
    err = tos_task_create(&w->task, "mtx_waiter", waiter_entry, w, prio, w->stk, STK_SIZE, 0u);
    if (prio > PRIO_RUNNER) {
        let_others_run();
    }
    return err;
}

static k_mutex_t m1;
static k_mutex_t m2;
static k_mutex_t m3;
static k_mutex_t m_never_created;

static k_err_t isr_errs[8];
static k_mutex_t *isr_dyn;

static int medium_ran;
static k_task_t medium_task;
static k_stack_t medium_stk[STK_SIZE];

static k_err_t create_all(void)
{
    k_err_t err = tos_mutex_create(&m1);

    if (err == K_ERR_NONE) {
        err = tos_mutex_create(&m2);
    }
    if (err == K_ERR_NONE) {
        err = tos_mutex_create(&m3);
    }
    return err;
}

static void setup(void)
{
    memset(owners, 0, sizeof(owners));
    memset(waiters, 0, sizeof(waiters));
    memset(wake_order, 0, sizeof(wake_order));
    wake_count = 0;
    memset(&m_never_created, 0, sizeof(m_never_created));
    memset(isr_errs, 0, sizeof(isr_errs));
    isr_dyn = K_NULL;
    medium_ran = 0;
    /* Valid objects for teardown to destroy, whatever the case does. */
    TT_ASSERT_ERR(create_all(), K_ERR_NONE);
}

/*
 * Runs before the runner destroys the helpers: destroying the mutexes wakes
 * any waiter with K_ERR_PEND_DESTROY and releases any owner.
 */
static void teardown(void)
{
    (void)tos_mutex_destroy(&m1);
    (void)tos_mutex_destroy(&m2);
    (void)tos_mutex_destroy(&m3);
}

/* ---- create / destroy ------------------------------------------------------------ */

static void test_mutex_create_null(void)
{
    TT_ASSERT_ERR(tos_mutex_create(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mutex_create_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mutex_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mutex_pend(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mutex_pend_timed(K_NULL, TOS_TIME_NOWAIT), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mutex_post(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_mutex_create_initial_state(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_EQ(m1.pend_nesting, 0);
    TT_ASSERT_NULL(m1.owner);
    TT_ASSERT_EQ(m1.owner_orig_prio, K_TASK_PRIO_INVALID);
    TT_ASSERT(tos_list_empty(&m1.owner_anchor));
    TT_ASSERT(tos_list_empty(&m1.pend_obj.list));
}

/* §40.19 fix: create marks the mutex STATIC, so destroy never frees it. */
static void test_mutex_create_sets_alloc_static(void)
{
    memset(&m1, 0xA5, sizeof(m1));
    m1.knl_obj.alloc_type = KNL_OBJ_ALLOC_TYPE_DYNAMIC;
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_EQ(m1.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
    TT_ASSERT_ERR(tos_mutex_destroy(&m1), K_ERR_NONE);
    /* Still usable storage: re-create works. */
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
}

static void test_mutex_invalid_object(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_mutex_destroy(&m_never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_mutex_pend(&m_never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_mutex_post(&m_never_created), K_ERR_OBJ_INVALID);

    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_destroy(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_destroy(&m1), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_mutex_pend_timed(&m1, TOS_TIME_NOWAIT), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_mutex_destroy_owned_by_caller_releases_it(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    TT_ASSERT(!tos_list_empty(&k_curr_task->mutex_own_list));
    TT_ASSERT_ERR(tos_mutex_destroy(&m1), K_ERR_NONE);
    TT_ASSERT(tos_list_empty(&k_curr_task->mutex_own_list));
    TT_ASSERT_NULL(m1.owner);
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_RUNNER);
}

/* The owner is released and restored; every waiter gets K_ERR_PEND_DESTROY. */
static void test_mutex_destroy_with_waiters_restores_owner(void)
{
    TT_ASSERT_ERR(create_all(), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &m1, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);

    TT_ASSERT_ERR(tos_mutex_destroy(&m1), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_EQ(waiters[0].was_owner, 0);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT(tos_list_empty(&owners[0].task.mutex_own_list));
    TT_ASSERT_EQ(owners[0].task.prio_pending, K_TASK_PRIO_INVALID);
}

/* ---- ISR ------------------------------------------------------------------------------ */

static void isr_all_calls(void)
{
    tos_knl_irq_enter();
    isr_errs[0] = tos_mutex_create(&m2);
    isr_errs[1] = tos_mutex_create_dyn(&isr_dyn);
    isr_errs[2] = tos_mutex_destroy(&m1);
    isr_errs[3] = tos_mutex_pend(&m1);
    isr_errs[4] = tos_mutex_pend_timed(&m1, TOS_TIME_NOWAIT);
    isr_errs[5] = tos_mutex_post(&m1);
    /* IRQ is checked before NULL. */
    isr_errs[6] = tos_mutex_post(K_NULL);
    isr_errs[7] = tos_mutex_create(K_NULL);
    tos_knl_irq_leave();
}

static void test_mutex_all_calls_refused_in_isr(void)
{
    int i;

    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_all_calls);
    tt_irq_raise(TEST_IRQ);
    for (i = 0; i < 8; ++i) {
        TT_ASSERT_ERR(isr_errs[i], K_ERR_IN_IRQ);
    }
    TT_ASSERT_NULL(isr_dyn);
    /* Nothing changed: still ours, once. */
    TT_ASSERT_PTR_EQ(m1.owner, k_curr_task);
    TT_ASSERT_EQ(m1.pend_nesting, 1);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
}

/* ---- pend / post ------------------------------------------------------------------------ */

static void test_mutex_pend_free_takes_ownership(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(m1.owner, k_curr_task);
    TT_ASSERT_EQ(m1.pend_nesting, 1);
    TT_ASSERT_EQ(m1.owner_orig_prio, PRIO_RUNNER);
    TT_ASSERT_PTR_EQ(k_curr_task->mutex_own_list.next, &m1.owner_anchor);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
    TT_ASSERT_NULL(m1.owner);
    TT_ASSERT_EQ(m1.pend_nesting, 0);
    TT_ASSERT_EQ(m1.owner_orig_prio, K_TASK_PRIO_INVALID);
    TT_ASSERT(tos_list_empty(&k_curr_task->mutex_own_list));
}

static void test_mutex_pend_free_succeeds_with_sched_locked(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend_timed(&m1, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
}

/* §40.18 (kept): recursive pend and inner posts report K_ERR_MUTEX_NESTING. */
static void test_mutex_recursive_pend_returns_nesting(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_MUTEX_NESTING);
    TT_ASSERT_ERR(tos_mutex_pend_timed(&m1, TOS_TIME_NOWAIT), K_ERR_MUTEX_NESTING);
    TT_ASSERT_EQ(m1.pend_nesting, 3);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_MUTEX_NESTING);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_MUTEX_NESTING);
    TT_ASSERT_PTR_EQ(m1.owner, k_curr_task);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
    TT_ASSERT_NULL(m1.owner);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_MUTEX_NOT_OWNER);
}

static void test_mutex_nesting_overflow_at_255(void)
{
    int i;

    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    for (i = 1; i < 255; ++i) {
        TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_MUTEX_NESTING);
    }
    TT_ASSERT_EQ(m1.pend_nesting, 255);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_MUTEX_NESTING_OVERFLOW);
    TT_ASSERT_EQ(m1.pend_nesting, 255);
    for (i = 1; i < 255; ++i) {
        TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_MUTEX_NESTING);
    }
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
    TT_ASSERT_EQ(m1.pend_nesting, 0);
}

static void test_mutex_post_by_non_owner_or_free(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_MUTEX_NOT_OWNER);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOW), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_MUTEX_NOT_OWNER);
    TT_ASSERT_PTR_EQ(m1.owner, &owners[0].task);
    TT_ASSERT_EQ(m1.pend_nesting, 1);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_MUTEX_NOT_OWNER);
}

/* Boosting only happens when the caller really blocks. */
static void test_mutex_nowait_and_sched_locked_do_not_boost(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);

    TT_ASSERT_ERR(tos_mutex_pend_timed(&m1, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend_timed(&m1, 10u), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT(tos_list_empty(&m1.pend_obj.list));
}

static void test_mutex_pend_timeout_exact_ticks(void)
{
    k_tick_t start;

    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_mutex_pend_timed(&m1, 30u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 30);
    TT_ASSERT_PTR_EQ(m1.owner, &owners[0].task);
    TT_ASSERT(tos_list_empty(&m1.pend_obj.list));
}

/* The new owner is recorded before it runs; the old one cannot take it back. */
static void test_mutex_post_hands_over_before_new_owner_runs(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    /* A less urgent waiter does not boost us. */
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_RUNNER);

    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 0);
    TT_ASSERT_PTR_EQ(m1.owner, &waiters[0].task);
    TT_ASSERT_EQ(m1.pend_nesting, 1);
    TT_ASSERT_EQ(m1.owner_orig_prio, PRIO_LOW);
    TT_ASSERT_ERR(tos_mutex_pend_timed(&m1, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);

    let_others_run();
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].was_owner, 1);
    TT_ASSERT_NULL(m1.owner);
}

static void test_mutex_wakes_waiters_by_priority_then_fifo(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, &m1, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_HIGHER);

    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
    /* Each took it in turn and passed it on before we ran again. */
    TT_ASSERT_EQ(wake_count, 3);
    TT_ASSERT_EQ(wake_order[0], 2);
    TT_ASSERT_EQ(wake_order[1], 0);
    TT_ASSERT_EQ(wake_order[2], 1);
    TT_ASSERT_EQ(waiters[0].was_owner, 1);
    TT_ASSERT_EQ(waiters[1].was_owner, 1);
    TT_ASSERT_EQ(waiters[2].was_owner, 1);
    TT_ASSERT_EQ(waiters[2].orig_prio, PRIO_HIGHER);
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_RUNNER);
    TT_ASSERT_NULL(m1.owner);
}

/* ---- priority inheritance ---------------------------------------------------------------- */

static void test_mutex_inheritance_boosts_owner_and_post_restores(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(m1.owner_orig_prio, PRIO_LOWER);

    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_ERR(waiter_start(1, &m1, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
    /* A less urgent waiter lowers nothing. */
    TT_ASSERT_ERR(waiter_start(2, &m1, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);

    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT_EQ(wake_count, 3);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_EQ(wake_order[1], 0);
    TT_ASSERT_EQ(wake_order[2], 2);
}

static void medium_entry(void *arg)
{
    (void)arg;
    medium_ran = 1;
}

/*
 * Classic inversion: the owner (lowest) must finish its critical section
 * before a medium task runs, or the urgent waiter waits for the medium one.
 */
static void test_mutex_inheritance_lets_owner_run_before_medium_task(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);

    owners[0].op = OP_POST;
    owners[0].mutex = &m1;
    TT_ASSERT_ERR(tos_task_resume(&owners[0].task), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&medium_task, "medium", medium_entry, K_NULL, PRIO_LOW,
                                  medium_stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    TT_ASSERT_EQ(medium_ran, 0);
    TT_ASSERT_PTR_EQ(m1.owner, k_curr_task);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
    let_others_run();
    TT_ASSERT_EQ(medium_ran, 1);
}

/* §40.16 (kept): the boost survives a waiter that gives up, until release. */
static void test_mutex_owner_stays_boosted_after_waiter_timeout(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, 20u), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);

    (void)tos_task_delay(30u);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(waiters[0].was_owner, 0);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);

    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
}

/* §10.9: a waiter's priority change does not propagate to the owner. */
static void test_mutex_waiter_prio_change_does_not_propagate(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);

    TT_ASSERT_ERR(tos_task_prio_change(&waiters[1].task, PRIO_HIGHER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    /* ... but it re-queues the waiter: it is served first. */
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_EQ(wake_order[1], 0);
}

/* Known limit: inheritance is one level deep. */
static void test_mutex_inheritance_is_not_transitive(void)
{
    TT_ASSERT_ERR(create_all(), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(1, PRIO_LOW), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(1, OP_PEND, &m2), K_ERR_NONE);
    /* Owner 1 (LOW) now waits for m1, behind waiter 0 (HIGH). */
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    (void)owner_do(1, OP_PEND, &m1);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_PTR_EQ(m1.pend_obj.list.next, &waiters[0].task.pend_list);

    /* A HIGHER waiter on m2 boosts owner 1 (and re-queues it in m1's list)... */
    TT_ASSERT_ERR(waiter_start(1, &m2, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[1].task.prio, PRIO_HIGHER);
    TT_ASSERT_PTR_EQ(m1.pend_obj.list.next, &owners[1].task.pend_list);
    /* ... but not owner 0, the owner of the mutex owner 1 waits for. */
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);

    /* Owner 0 releases m1: owner 1 (first in line now) gets it. */
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT_PTR_EQ(m1.owner, &owners[1].task);
    TT_ASSERT_ERR(owners[1].err, K_ERR_NONE);
}

/* ---- restoration with several mutexes held ------------------------------------------------ */

/* Owner 0 (LOWER) takes m1; waiter 0 (HIGH) boosts it; it takes m2 while boosted; waiter 1
 * (HIGHER). */
static void two_mutexes_boosted(void)
{
    TT_ASSERT_ERR(create_all(), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m2), K_ERR_NONE);
    TT_ASSERT_EQ(m2.owner_orig_prio, PRIO_HIGH);
    TT_ASSERT_ERR(waiter_start(1, &m2, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
}

static void test_mutex_restore_two_mutexes_lifo(void)
{
    two_mutexes_boosted();
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m2), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_NONE);
}

/* Per-mutex restore would return to m2's stale orig prio (HIGH). */
static void test_mutex_restore_two_mutexes_non_lifo(void)
{
    two_mutexes_boosted();
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m2), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT(tos_list_empty(&owners[0].task.mutex_own_list));
}

/* m1 (orig LOWER) waited by LOW, m2 (orig LOW) by HIGH, m3 (orig HIGH) by HIGHER. */
static void three_mutexes_boosted(void)
{
    TT_ASSERT_ERR(create_all(), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_LOW, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOW);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m2), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &m2, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m3), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, &m3, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
    TT_ASSERT_EQ(m1.owner_orig_prio, PRIO_LOWER);
    TT_ASSERT_EQ(m2.owner_orig_prio, PRIO_LOW);
    TT_ASSERT_EQ(m3.owner_orig_prio, PRIO_HIGH);
}

static void test_mutex_restore_three_mutexes_lifo(void)
{
    three_mutexes_boosted();
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m3), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m2), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOW);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT_EQ(wake_count, 3);
}

static void test_mutex_restore_three_mutexes_non_lifo(void)
{
    three_mutexes_boosted();
    /* Earliest first: its base moves on to m2. */
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m3), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m2), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
    TT_ASSERT_EQ(wake_count, 3);
}

static void test_mutex_restore_three_mutexes_middle_first(void)
{
    three_mutexes_boosted();
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m2), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m3), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOW);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOWER);
}

/* ---- priority change while owning -------------------------------------------------------- */

/* §10.9: a change below the boost waits for the release. */
static void test_mutex_prio_change_while_boosted_is_deferred(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);

    TT_ASSERT_ERR(tos_task_prio_change(&owners[0].task, PRIO_LOW), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_EQ(owners[0].task.prio_pending, PRIO_LOW);

    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOW);
    TT_ASSERT_EQ(owners[0].task.prio_pending, K_TASK_PRIO_INVALID);
}

/* A deferred change is the base for every later release, in any order. */
static void test_mutex_deferred_prio_change_survives_partial_release(void)
{
    two_mutexes_boosted();
    TT_ASSERT_ERR(tos_task_prio_change(&owners[0].task, PRIO_LOW), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m2), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGH);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_LOW);
}

/* A change above the boost applies at once and is kept after the release. */
static void test_mutex_prio_change_above_boost_applies_now(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);

    TT_ASSERT_ERR(tos_task_prio_change(&owners[0].task, PRIO_HIGHER), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
    TT_ASSERT_ERR(owner_do(0, OP_POST, &m1), K_ERR_NONE);
    TT_ASSERT_EQ(owners[0].task.prio, PRIO_HIGHER);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
}

/* ---- owner death ------------------------------------------------------------------------------
 */

/* §40.20 (kept): all waiters of all owned mutexes learn it; the mutexes stay free and valid. */
static void test_mutex_owner_death_wakes_all_waiters_with_owner_die(void)
{
    TT_ASSERT_ERR(create_all(), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m2), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &m1, PRIO_HIGHER, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, &m2, PRIO_LOW, 500u), K_ERR_NONE);

    TT_ASSERT_ERR(tos_task_destroy(&owners[0].task), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 2);
    let_others_run();
    TT_ASSERT_EQ(wake_count, 3);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_OWNER_DIE);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_PEND_OWNER_DIE);
    TT_ASSERT_ERR(waiters[2].err, K_ERR_PEND_OWNER_DIE);
    TT_ASSERT_EQ(waiters[1].was_owner, 0);

    /* Both left in the unowned state of §14, not merely without an owner. */
    TT_ASSERT_NULL(m1.owner);
    TT_ASSERT_EQ(m1.pend_nesting, 0);
    TT_ASSERT_EQ(m1.owner_orig_prio, K_TASK_PRIO_INVALID);
    TT_ASSERT(tos_list_empty(&m1.owner_anchor));
    TT_ASSERT_NULL(m2.owner);
    TT_ASSERT_EQ(m2.pend_nesting, 0);
    TT_ASSERT_EQ(m2.owner_orig_prio, K_TASK_PRIO_INVALID);
    TT_ASSERT(tos_list_empty(&m2.owner_anchor));
    TT_ASSERT_ERR(tos_mutex_pend_timed(&m1, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend_timed(&m2, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_post(&m2), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
}

/* Returning from the entry function while owning is an owner death too. */
static void test_mutex_owner_exit_while_owning_wakes_waiters(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(owner_start(0, PRIO_LOWER), K_ERR_NONE);
    TT_ASSERT_ERR(owner_do(0, OP_PEND, &m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    (void)owner_do(0, OP_EXIT, K_NULL);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_OWNER_DIE);
    TT_ASSERT_NULL(m1.owner);
}

/* A waiter destroyed while waiting just leaves the wait list. */
static void test_mutex_destroyed_waiter_leaves_wait_list(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(&m1), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, &m1, PRIO_HIGH, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_destroy(&waiters[0].task), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_post(&m1), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 1);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_EQ(waiters[1].was_owner, 1);
}

/* ---- dynamic -----------------------------------------------------------------------------------
 */

static void test_mutex_dyn_create_use_destroy(void)
{
    k_mutex_t *dyn = K_NULL;

    TT_ASSERT_ERR(tos_mutex_create_dyn(&dyn), K_ERR_NONE);
    TT_ASSERT_NOT_NULL(dyn);
    TT_ASSERT_EQ(dyn->knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_ERR(tos_mutex_pend(dyn), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_pend(dyn), K_ERR_MUTEX_NESTING);
    /* Destroyed while owned (twice): the owner is released, memory freed. */
    TT_ASSERT_ERR(tos_mutex_destroy(dyn), K_ERR_NONE);
    TT_ASSERT(tos_list_empty(&k_curr_task->mutex_own_list));
}

#if TOS_CFG_MMHEAP_EN > 0u
static void test_mutex_dyn_destroy_frees_memory(void)
{
    k_mmheap_info_t before;
    k_mmheap_info_t after;
    k_mutex_t *dyn = K_NULL;

    TT_ASSERT_ERR(tos_mmheap_check(&before), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_create_dyn(&dyn), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_destroy(dyn), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_check(&after), K_ERR_NONE);
    TT_ASSERT_EQ(after.used, before.used);
}

#define HOG_MAX 64

static void *hogs[HOG_MAX];

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

static void test_mutex_dyn_out_of_memory(void)
{
    k_mutex_t *dyn = &m_never_created;
    k_err_t err;
    int n = heap_exhaust();
    void *probe = tos_mmheap_alloc(sizeof(k_mutex_t));

    tos_mmheap_free(probe);
    err = tos_mutex_create_dyn(&dyn);
    while (n > 0) {
        tos_mmheap_free(hogs[--n]);
    }
    TT_ASSERT_NULL(probe);
    TT_ASSERT_ERR(err, K_ERR_MUTEX_OUT_OF_MEMORY);
    TT_ASSERT_PTR_EQ(dyn, &m_never_created);
}
#endif /* TOS_CFG_MMHEAP_EN */

TT_SUITE("mutex", setup, teardown, TT_CASE(test_mutex_create_null),
         TT_CASE(test_mutex_create_initial_state), TT_CASE(test_mutex_create_sets_alloc_static),
         TT_CASE(test_mutex_invalid_object),
         TT_CASE(test_mutex_destroy_owned_by_caller_releases_it),
         TT_CASE(test_mutex_destroy_with_waiters_restores_owner),
         TT_CASE(test_mutex_all_calls_refused_in_isr),
         TT_CASE(test_mutex_pend_free_takes_ownership),
         TT_CASE(test_mutex_pend_free_succeeds_with_sched_locked),
         TT_CASE(test_mutex_recursive_pend_returns_nesting),
         TT_CASE(test_mutex_nesting_overflow_at_255), TT_CASE(test_mutex_post_by_non_owner_or_free),
         TT_CASE(test_mutex_nowait_and_sched_locked_do_not_boost),
         TT_CASE(test_mutex_pend_timeout_exact_ticks),
         TT_CASE(test_mutex_post_hands_over_before_new_owner_runs),
         TT_CASE(test_mutex_wakes_waiters_by_priority_then_fifo),
         TT_CASE(test_mutex_inheritance_boosts_owner_and_post_restores),
         TT_CASE(test_mutex_inheritance_lets_owner_run_before_medium_task),
         TT_CASE(test_mutex_owner_stays_boosted_after_waiter_timeout),
         TT_CASE(test_mutex_waiter_prio_change_does_not_propagate),
         TT_CASE(test_mutex_inheritance_is_not_transitive),
         TT_CASE(test_mutex_restore_two_mutexes_lifo),
         TT_CASE(test_mutex_restore_two_mutexes_non_lifo),
         TT_CASE(test_mutex_restore_three_mutexes_lifo),
         TT_CASE(test_mutex_restore_three_mutexes_non_lifo),
         TT_CASE(test_mutex_restore_three_mutexes_middle_first),
         TT_CASE(test_mutex_prio_change_while_boosted_is_deferred),
         TT_CASE(test_mutex_deferred_prio_change_survives_partial_release),
         TT_CASE(test_mutex_prio_change_above_boost_applies_now),
         TT_CASE(test_mutex_owner_death_wakes_all_waiters_with_owner_die),
         TT_CASE(test_mutex_owner_exit_while_owning_wakes_waiters),
         TT_CASE(test_mutex_destroyed_waiter_leaves_wait_list),
#if TOS_CFG_MMHEAP_EN > 0u
         TT_CASE(test_mutex_dyn_destroy_frees_memory), TT_CASE(test_mutex_dyn_out_of_memory),
#endif
         TT_CASE(test_mutex_dyn_create_use_destroy));

#else /* TOS_CFG_MUTEX_EN */

static void test_mutex_disabled(void)
{
    TT_SKIP("TOS_CFG_MUTEX_EN is 0");
}

TT_SUITE("mutex", K_NULL, K_NULL, TT_CASE(test_mutex_disabled));

#endif /* TOS_CFG_MUTEX_EN */
