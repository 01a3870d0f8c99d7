/*
 * Read-write lock suite (contract §19, §40.26 fixed): check order, try
 * variants, the admission policy (writer preference for new readers,
 * queued readers first after a writer), hand-over to waiters (a waiting
 * reader is counted), timeouts, the "too many" paths, wrong-kind posts,
 * destroy with waiters, ISR refusal, scheduler lock.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if (TOS_CFG_SEM_EN > 0u) && (TOS_CFG_MUTEX_EN > 0u)

#define PRIO_HIGHER (k_prio_t)(TT_RUNNER_PRIO - 2u)
#define PRIO_HIGH   (k_prio_t)(TT_RUNNER_PRIO - 1u)
#define PRIO_LOW    (k_prio_t)(TT_RUNNER_PRIO + 1u)
#define PRIO_LOWER  (k_prio_t)(TT_RUNNER_PRIO + 2u)

#define STK_SIZE 1024u
#define TASK_MAX 4
#define TEST_IRQ 11u

typedef enum kind_en {
    KIND_READER,
    KIND_WRITER,
} kind_t;

typedef struct worker_st {
    k_task_t task;
    k_stack_t stk[STK_SIZE];
    kind_t kind;
    k_tick_t timeout;
    int hold; /* keep the lock (stay suspended) before posting */
    k_err_t err;
    k_err_t post_err;
    int done;
    rw_cnt_t readers_seen; /* n_readers right after getting in */
    int writing_seen;      /* is_writting right after getting in */
} worker_t;

static worker_t workers[TASK_MAX];
static int order[TASK_MAX];
static int order_count;

static k_rwlock_t rwlock;
static k_rwlock_t rwlock_never_created;

static k_err_t isr_errs[12];

static void setup(void)
{
    memset(workers, 0, sizeof(workers));
    memset(order, 0, sizeof(order));
    order_count = 0;
    memset(&rwlock_never_created, 0, sizeof(rwlock_never_created));
    memset(isr_errs, 0, sizeof(isr_errs));
    /* A valid object for teardown to destroy, whatever the case does. */
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
}

static void worker_entry(void *arg)
{
    worker_t *w = (worker_t *)arg;

    if (w->kind == KIND_READER) {
        w->err = tos_rwlock_rpend_timed(&rwlock, w->timeout);
    } else {
        w->err = tos_rwlock_wpend_timed(&rwlock, w->timeout);
    }
    w->readers_seen = rwlock.n_readers;
    w->writing_seen = rwlock.is_writting;
    order[order_count++] = (int)(w - workers);
    w->done = 1;
    if (w->err == K_ERR_NONE) {
        if (w->hold) {
            (void)tos_task_suspend(K_NULL);
        }
        w->post_err =
            (w->kind == KIND_READER) ? tos_rwlock_rpost(&rwlock) : tos_rwlock_wpost(&rwlock);
    }
}

/* Starts a worker; a less urgent one is given the CPU so that it blocks. */
static k_err_t worker_start(int idx, kind_t kind, k_prio_t prio, k_tick_t timeout, int hold)
{
    worker_t *w = &workers[idx];
    k_err_t err;

    w->kind = kind;
    w->timeout = timeout;
    w->hold = hold;
    w->err = K_ERR_PEND_ABNORMAL;
    w->post_err = K_ERR_PEND_ABNORMAL;
    err = tos_task_create(&w->task, "rw_worker", worker_entry, w, prio, w->stk, STK_SIZE, 0u);
    if (prio > TT_RUNNER_PRIO) {
        (void)tos_task_delay(1u);
    }
    return err;
}

/* A holding worker gives the lock back. */
static void worker_release(int idx)
{
    (void)tos_task_resume(&workers[idx].task);
    (void)tos_task_delay(1u);
}

/* Runs before the runner destroys the workers: any still waiting get K_ERR_PEND_DESTROY. */
static void teardown(void)
{
    (void)tos_rwlock_destroy(&rwlock);
}

/* ---- create / destroy / checks ---------------------------------------------------------- */

static void test_rwlock_null(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_rpend(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_rpend_timed(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_wpend(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_wpend_timed(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_rpost(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_wpost(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_rwlock_post(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_rwlock_invalid_object(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_rwlock_t *r = &rwlock_never_created;

    TT_ASSERT_ERR(tos_rwlock_destroy(r), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_rwlock_rpend(r), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(r), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_rwlock_wpend(r), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(r), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_rwlock_rpost(r), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_rwlock_wpost(r), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_rwlock_post(r), K_ERR_OBJ_INVALID);

    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_destroy(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_destroy(&rwlock), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_rwlock_create_initial_state(void)
{
    memset(&rwlock, 0xFF, sizeof(rwlock));
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_readers, 0);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
    TT_ASSERT_EQ(rwlock.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    /* The embedded lock and signal are not usable as a mutex and semaphore. */
    TT_ASSERT_ERR(tos_mutex_pend(&rwlock.lock), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_sem_post(&rwlock.signal), K_ERR_OBJ_INVALID);
#endif
}

static void isr_all_calls(void)
{
    tos_knl_irq_enter();
    isr_errs[0] = tos_rwlock_create(&rwlock_never_created);
    isr_errs[1] = tos_rwlock_destroy(&rwlock);
    isr_errs[2] = tos_rwlock_rpend(&rwlock);
    isr_errs[3] = tos_rwlock_rpend_timed(&rwlock, TOS_TIME_NOWAIT);
    isr_errs[4] = tos_rwlock_rpend_try(&rwlock);
    isr_errs[5] = tos_rwlock_wpend(&rwlock);
    isr_errs[6] = tos_rwlock_wpend_timed(&rwlock, TOS_TIME_NOWAIT);
    isr_errs[7] = tos_rwlock_wpend_try(&rwlock);
    isr_errs[8] = tos_rwlock_rpost(&rwlock);
    isr_errs[9] = tos_rwlock_wpost(&rwlock);
    isr_errs[10] = tos_rwlock_post(&rwlock);
    /* NULL is checked before IRQ (as the original's internal mutex did). */
    isr_errs[11] = tos_rwlock_post(K_NULL);
    tos_knl_irq_leave();
}

static void test_rwlock_calls_refused_in_isr(void)
{
    int i;

    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_all_calls);
    tt_irq_raise(TEST_IRQ);
    for (i = 0; i < 11; ++i) {
        TT_ASSERT_ERR(isr_errs[i], K_ERR_IN_IRQ);
    }
    TT_ASSERT_ERR(isr_errs[11], K_ERR_OBJ_PTR_NULL);
    /* Nothing changed. */
    TT_ASSERT_EQ(rwlock.n_readers, 1);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
}

/* ---- uncontended ---------------------------------------------------------------------------- */

static void test_rwlock_readers_share(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend_timed(&rwlock, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_readers, 3);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(&rwlock), K_ERR_RWLOCK_IS_READING);
    TT_ASSERT_ERR(tos_rwlock_wpend_timed(&rwlock, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_post(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_readers, 0);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_RWLOCK_NOT_READING);
}

static void test_rwlock_writer_excludes_everyone(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.is_writting, K_TRUE);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(&rwlock), K_ERR_RWLOCK_IS_WRITTING);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_RWLOCK_IS_WRITTING);
    TT_ASSERT_ERR(tos_rwlock_rpend_timed(&rwlock, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_rwlock_wpend_timed(&rwlock, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_post(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_RWLOCK_NOT_WRITTING);
}

static void test_rwlock_post_by_the_wrong_kind(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_post(&rwlock), K_ERR_RWLOCK_NOT_TAKEN);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_RWLOCK_NOT_READING);
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_RWLOCK_NOT_WRITTING);

    TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_RWLOCK_NOT_READING);
    TT_ASSERT_EQ(rwlock.is_writting, K_TRUE);
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_NONE);

    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_RWLOCK_NOT_WRITTING);
    TT_ASSERT_EQ(rwlock.n_readers, 1);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_post(&rwlock), K_ERR_RWLOCK_NOT_TAKEN);
}

static void test_rwlock_sched_locked(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend_timed(&rwlock, 10u), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    /* The refused writer does not keep new readers out. */
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_readers, 2);
}

/* ---- hand-over to waiters (§40.26) -------------------------------------------------------- */

/* The original deadlocked here: the waiting reader kept the internal mutex wpost needs. */
static void test_rwlock_reader_waiting_for_writer_gets_in_after_wpost(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_READER, PRIO_HIGH, TOS_TIME_FOREVER, 1), K_ERR_NONE);
    TT_ASSERT_EQ(workers[0].done, 0);
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(workers[0].done, 1);
    TT_ASSERT_ERR(workers[0].err, K_ERR_NONE);
    /* The reader that waited is counted. */
    TT_ASSERT_EQ(workers[0].readers_seen, 1);
    TT_ASSERT_EQ(workers[0].writing_seen, K_FALSE);
    TT_ASSERT_EQ(rwlock.n_readers, 1);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(&rwlock), K_ERR_RWLOCK_IS_READING);
    worker_release(0);
    TT_ASSERT_ERR(workers[0].post_err, K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_readers, 0);
}

static void test_rwlock_writer_waiting_for_readers_gets_in_after_last_rpost(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_WRITER, PRIO_HIGH, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_writers, 1);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(workers[0].done, 0);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(workers[0].done, 1);
    TT_ASSERT_ERR(workers[0].err, K_ERR_NONE);
    TT_ASSERT_EQ(workers[0].writing_seen, K_TRUE);
    TT_ASSERT_EQ(workers[0].readers_seen, 0);
    TT_ASSERT_ERR(workers[0].post_err, K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
}

/* Hand-over happens before the waiter runs: the releaser cannot take it back. */
static void test_rwlock_handover_precedes_waiter_run(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_WRITER, PRIO_LOW, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(workers[0].done, 0);
    TT_ASSERT_EQ(rwlock.is_writting, K_TRUE);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_RWLOCK_IS_WRITTING);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(&rwlock), K_ERR_RWLOCK_IS_WRITTING);
    (void)tos_task_delay(1u);
    TT_ASSERT_ERR(workers[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(workers[0].post_err, K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
}

/* Writer preference: a waiting writer keeps new readers out. */
static void test_rwlock_waiting_writer_blocks_new_readers(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_WRITER, PRIO_HIGH, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_RWLOCK_IS_WRITTING);
    TT_ASSERT_ERR(tos_rwlock_rpend_timed(&rwlock, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(worker_start(1, KIND_READER, PRIO_HIGHER, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_EQ(workers[1].done, 0);
    TT_ASSERT_EQ(rwlock.n_readers, 1);

    /* Last reader out: the writer first, then the reader that queued behind it. */
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(order_count, 2);
    TT_ASSERT_EQ(order[0], 0);
    TT_ASSERT_EQ(order[1], 1);
    TT_ASSERT_ERR(workers[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(workers[1].err, K_ERR_NONE);
    TT_ASSERT_EQ(workers[1].readers_seen, 1);
    TT_ASSERT_EQ(rwlock.n_readers, 0);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
}

/* After a writer, the readers that queued go first, as one batch, before the next writer. */
static void test_rwlock_queued_readers_go_before_next_writer(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_WRITER, PRIO_HIGHER, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(1, KIND_READER, PRIO_HIGH, TOS_TIME_FOREVER, 1), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(2, KIND_READER, PRIO_HIGH, TOS_TIME_FOREVER, 1), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_writers, 1);

    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_NONE);
    /* Both readers got in together; the writer still waits. */
    TT_ASSERT_EQ(workers[1].done, 1);
    TT_ASSERT_EQ(workers[2].done, 1);
    TT_ASSERT_EQ(workers[0].done, 0);
    TT_ASSERT_EQ(rwlock.n_readers, 2);
    TT_ASSERT_EQ(workers[1].readers_seen, 2);

    worker_release(1);
    TT_ASSERT_EQ(workers[0].done, 0);
    worker_release(2);
    TT_ASSERT_EQ(workers[0].done, 1);
    TT_ASSERT_ERR(workers[0].err, K_ERR_NONE);
    TT_ASSERT_EQ(order[2], 0);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
}

static void test_rwlock_writers_served_by_priority_then_fifo(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_WRITER, PRIO_HIGH, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(1, KIND_WRITER, PRIO_HIGH, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(2, KIND_WRITER, PRIO_HIGHER, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_writers, 3);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(order_count, 3);
    TT_ASSERT_EQ(order[0], 2);
    TT_ASSERT_EQ(order[1], 0);
    TT_ASSERT_EQ(order[2], 1);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
}

/* ---- timeouts ------------------------------------------------------------------------------- */

static void test_rwlock_rpend_timeout_exact_ticks(void)
{
    k_tick_t start;

    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_WRITER, PRIO_HIGH, TOS_TIME_FOREVER, 1), K_ERR_NONE);
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_rwlock_rpend_timed(&rwlock, 20u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 20);
    TT_ASSERT_EQ(rwlock.n_readers, 0);
    TT_ASSERT(tos_list_empty(&rwlock.signal.pend_obj.list));
    worker_release(0);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_NONE);
}

static void test_rwlock_wpend_timeout_exact_ticks(void)
{
    k_tick_t start;

    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_READER, PRIO_HIGH, TOS_TIME_FOREVER, 1), K_ERR_NONE);
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_rwlock_wpend_timed(&rwlock, 20u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 20);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
    /* Readers get in again once the writer gave up. */
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
}

/* A writer that times out must not leave the readers it held back stuck. */
static void test_rwlock_timed_out_writer_admits_queued_readers(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_WRITER, PRIO_HIGH, 10u, 0), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(1, KIND_READER, PRIO_HIGHER, TOS_TIME_FOREVER, 1), K_ERR_NONE);
    TT_ASSERT_EQ(workers[1].done, 0);
    (void)tos_task_delay(20u);
    TT_ASSERT_ERR(workers[0].err, K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(workers[1].done, 1);
    TT_ASSERT_ERR(workers[1].err, K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_readers, 2);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    worker_release(1);
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_readers, 0);
}

/* The original's stale signal counts made later waits return at once and loop. */
static void test_rwlock_no_stale_signal_after_uncontended_posts(void)
{
    k_tick_t start;
    int i;

    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    for (i = 0; i < 5; ++i) {
        TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_NONE);
        TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_NONE);
        TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
        TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    }
    TT_ASSERT_ERR(worker_start(0, KIND_WRITER, PRIO_HIGH, TOS_TIME_FOREVER, 1), K_ERR_NONE);
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_rwlock_rpend_timed(&rwlock, 7u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 7);
    worker_release(0);
}

/* ---- limits ------------------------------------------------------------------------------------
 */

static void rpend_try_entry(void *arg)
{
    worker_t *w = (worker_t *)arg;

    w->err = tos_rwlock_rpend_try(&rwlock);
    w->done = 1;
}

/* The "too many" paths keep nothing: another task is served at once afterwards. */
static void test_rwlock_too_many_readers_keeps_no_lock(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    rwlock.n_readers = 0xFFFFu;
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_RWLOCK_READERS_TO_MANY);
    TT_ASSERT_ERR(tos_rwlock_rpend_timed(&rwlock, TOS_TIME_NOWAIT), K_ERR_RWLOCK_READERS_TO_MANY);
    TT_ASSERT_ERR(tos_rwlock_rpend_try(&rwlock), K_ERR_RWLOCK_READERS_TO_MANY);
    TT_ASSERT_EQ(rwlock.n_readers, 0xFFFF);

    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&workers[0].task, "rw_try", rpend_try_entry, &workers[0],
                                  PRIO_HIGH, workers[0].stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_EQ(workers[0].done, 1);
    TT_ASSERT_ERR(workers[0].err, K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_readers, 0xFFFF);
    rwlock.n_readers = 1u;
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(&rwlock), K_ERR_NONE);
}

static void test_rwlock_too_many_waiting_writers(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_rpend(&rwlock), K_ERR_NONE);
    rwlock.n_writers = 0xFFFFu;
    TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_RWLOCK_WAITING_WRITERS_TO_MANY);
    TT_ASSERT_ERR(tos_rwlock_wpend_timed(&rwlock, TOS_TIME_NOWAIT),
                  K_ERR_RWLOCK_WAITING_WRITERS_TO_MANY);
    TT_ASSERT(tos_list_empty(&rwlock.lock.pend_obj.list));
    rwlock.n_writers = 0u;
    /* Nothing held back: the reader releases and a writer gets in. */
    TT_ASSERT_ERR(tos_rwlock_rpost(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend_timed(&rwlock, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_NONE);
}

/* ---- destroy -------------------------------------------------------------------------------- */

static void test_rwlock_destroy_with_waiters(void)
{
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(0, KIND_READER, PRIO_HIGH, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(1, KIND_WRITER, PRIO_HIGHER, TOS_TIME_FOREVER, 0), K_ERR_NONE);
    TT_ASSERT_ERR(worker_start(2, KIND_WRITER, PRIO_LOW, 100u, 0), K_ERR_NONE);
    TT_ASSERT_EQ(rwlock.n_writers, 2);

    TT_ASSERT_ERR(tos_rwlock_destroy(&rwlock), K_ERR_NONE);
    TT_ASSERT_EQ(order_count, 2);
    (void)tos_task_delay(1u);
    TT_ASSERT_EQ(order_count, 3);
    TT_ASSERT_ERR(workers[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(workers[1].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(workers[2].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_EQ(rwlock.n_readers, 0);
    TT_ASSERT_EQ(rwlock.n_writers, 0);
    TT_ASSERT_EQ(rwlock.is_writting, K_FALSE);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_rwlock_wpost(&rwlock), K_ERR_OBJ_INVALID);
#endif
    /* The storage can be reused. */
    TT_ASSERT_ERR(tos_rwlock_create(&rwlock), K_ERR_NONE);
    TT_ASSERT_ERR(tos_rwlock_wpend_try(&rwlock), K_ERR_NONE);
}

TT_SUITE("rwlock", setup, teardown, TT_CASE(test_rwlock_null), TT_CASE(test_rwlock_invalid_object),
         TT_CASE(test_rwlock_create_initial_state), TT_CASE(test_rwlock_calls_refused_in_isr),
         TT_CASE(test_rwlock_readers_share), TT_CASE(test_rwlock_writer_excludes_everyone),
         TT_CASE(test_rwlock_post_by_the_wrong_kind), TT_CASE(test_rwlock_sched_locked),
         TT_CASE(test_rwlock_reader_waiting_for_writer_gets_in_after_wpost),
         TT_CASE(test_rwlock_writer_waiting_for_readers_gets_in_after_last_rpost),
         TT_CASE(test_rwlock_handover_precedes_waiter_run),
         TT_CASE(test_rwlock_waiting_writer_blocks_new_readers),
         TT_CASE(test_rwlock_queued_readers_go_before_next_writer),
         TT_CASE(test_rwlock_writers_served_by_priority_then_fifo),
         TT_CASE(test_rwlock_rpend_timeout_exact_ticks),
         TT_CASE(test_rwlock_wpend_timeout_exact_ticks),
         TT_CASE(test_rwlock_timed_out_writer_admits_queued_readers),
         TT_CASE(test_rwlock_no_stale_signal_after_uncontended_posts),
         TT_CASE(test_rwlock_too_many_readers_keeps_no_lock),
         TT_CASE(test_rwlock_too_many_waiting_writers), TT_CASE(test_rwlock_destroy_with_waiters));

#else /* TOS_CFG_SEM_EN && TOS_CFG_MUTEX_EN */

static void test_rwlock_disabled(void)
{
    TT_SKIP("TOS_CFG_SEM_EN or TOS_CFG_MUTEX_EN is 0");
}

TT_SUITE("rwlock", K_NULL, K_NULL, TT_CASE(test_rwlock_disabled));

#endif /* TOS_CFG_SEM_EN && TOS_CFG_MUTEX_EN */
