/*
 * POSIX adapter, cancellation: deferred requests at each kind of
 * cancellation point (blocked there or arriving there), the state and type
 * switches, asynchronous requests (blocked, computing, with handlers), and
 * what is not a cancellation point.
 */
#include <string.h>

#include "px_test.h"

#if TOS_POSIX_EN

#define TEST_IRQ 7u

static pthread_t tid;
static sem_t gate;
static pthread_mutex_t mtx;
static pthread_cond_t cond;
static volatile int order[8];
static volatile int order_n;
static volatile int reached;
static volatile unsigned long spins;
static int isr_err;

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    order_n = 0;
    reached = 0;
    spins = 0u;
    memset((void *)order, 0, sizeof(order));
    TT_ASSERT_EQ(sem_init(&gate, 0, 0u), 0);
    TT_ASSERT_EQ(pthread_mutex_init(&mtx, NULL), 0);
    TT_ASSERT_EQ(pthread_cond_init(&cond, NULL), 0);
}

static void teardown(void)
{
    (void)sem_destroy(&gate);
    (void)pthread_mutex_destroy(&mtx);
    (void)pthread_cond_destroy(&cond);
}

static void note(void *what)
{
    order[order_n++] = (int)(intptr_t)what;
}

static void *sem_waiter(void *arg)
{
    (void)arg;
    pthread_cleanup_push(note, (void *)1);
    (void)sem_wait(&gate);
    reached = 1; /* not reached when cancelled */
    pthread_cleanup_pop(0);
    return NULL;
}

static void expect_cancelled(pthread_t t)
{
    void *value = NULL;

    TT_ASSERT_EQ(pthread_join(t, &value), 0);
    TT_ASSERT_PTR_EQ(value, PTHREAD_CANCELED);
}

/* ---- deferred -------------------------------------------------------------------- */

static void test_cancel_wakes_thread_blocked_in_sem_wait(void)
{
    int value = -1;

    TT_ASSERT_EQ(px_t_spawn(&tid, +1, sem_waiter, NULL), 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(reached, 0);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 1);
    /* The semaphore is untouched: no unit taken, nobody left waiting. */
    TT_ASSERT_EQ(sem_getvalue(&gate, &value), 0);
    TT_ASSERT_EQ(value, 0);
    TT_ASSERT_EQ(sem_destroy(&gate), 0);
    TT_ASSERT_EQ(sem_init(&gate, 0, 0u), 0);
}

static void *sleeper(void *arg)
{
    struct timespec long_time = px_t_ms(100000);

    (void)arg;
    (void)nanosleep(&long_time, NULL);
    reached = 1;
    return NULL;
}

/* A sleeper is woken by the request at once, not at the end of its sleep. */
static void test_cancel_wakes_sleeper_at_once(void)
{
    long long t0;

    TT_ASSERT_EQ(px_t_spawn(&tid, +1, sleeper, NULL), 0);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(px_t_ticks() - t0, 0);
    TT_ASSERT_EQ(reached, 0);
}

static void *timed_sleepers(void *arg)
{
    struct timespec abs = px_t_abs(CLOCK_MONOTONIC, 100000);

    if (arg == NULL) {
        (void)clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
    } else {
        (void)sem_timedwait(&gate, &abs);
    }
    reached = 1;
    return NULL;
}

static void test_cancel_wakes_timed_waits(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, timed_sleepers, NULL), 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, timed_sleepers, (void *)1), 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(reached, 0);
}

/* The cleanup handler of a cancelled condition wait runs with the mutex held. */
static void unlock_in_cleanup(void *arg)
{
    order[order_n++] = pthread_mutex_unlock((pthread_mutex_t *)arg) == 0 ? 1 : 2;
}

static void *cond_waiter(void *arg)
{
    (void)arg;
    (void)pthread_mutex_lock(&mtx);
    pthread_cleanup_push(unlock_in_cleanup, &mtx);
    for (;;) {
        (void)pthread_cond_wait(&cond, &mtx);
    }
    pthread_cleanup_pop(1);
    return NULL;
}

static void test_cancel_in_cond_wait_reacquires_mutex(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, cond_waiter, NULL), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&mtx), 0); /* the waiter released it */
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    /* The waiter must get the mutex back first: it has not ended yet. */
    TT_ASSERT_EQ(order_n, 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&mtx), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 1);
    TT_ASSERT_EQ(pthread_mutex_trylock(&mtx), 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&mtx), 0);
}

static pthread_t join_target;

static void *joiner(void *arg)
{
    (void)arg;
    (void)pthread_join(join_target, NULL);
    reached = 1;
    return NULL;
}

/* A cancelled joiner leaves its target joinable. */
static void test_cancel_in_join_leaves_target_joinable(void)
{
    void *value = NULL;

    TT_ASSERT_EQ(px_t_spawn(&join_target, -1, sem_waiter, NULL), 0);
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, joiner, NULL), 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(reached, 0);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(join_target, &value), 0);
    TT_ASSERT_NULL(value);
}

/* A request made before the thread reaches a cancellation point is acted upon there. */
static void *computes_then_waits(void *arg)
{
    (void)arg;
    (void)sem_wait(&gate); /* released by the test after the request */
    reached = 1;
    pthread_testcancel();
    reached = 2;
    return NULL;
}

static void test_pending_request_acted_on_at_testcancel(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, -1, computes_then_waits, NULL), 0);
    px_t_yield_to_lower(); /* blocked in sem_wait, a cancellation point... */
    TT_ASSERT_EQ(pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL), 0);
    TT_ASSERT_EQ(sem_post(&gate), 0); /* ...given its unit before the request */
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    expect_cancelled(tid);
    /* The wait succeeded (its event had come), the next point acted. */
    TT_ASSERT_EQ(reached, 1);
}

static void *disables_cancel(void *arg)
{
    int old = -1;

    (void)arg;
    (void)pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    order[order_n++] = old;
    (void)sem_wait(&gate); /* not interrupted: cancellation disabled */
    reached = 1;
    (void)pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old); /* deferred: still pending */
    order[order_n++] = old;
    reached = 2;
    pthread_testcancel();
    reached = 3;
    return NULL;
}

static void test_disabled_cancel_stays_pending_until_a_point(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, disables_cancel, NULL), 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    TT_ASSERT_EQ(reached, 0); /* still blocked in sem_wait */
    TT_ASSERT_EQ(sem_post(&gate), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(reached, 2);
    TT_ASSERT_EQ(order[0], PTHREAD_CANCEL_ENABLE);
    TT_ASSERT_EQ(order[1], PTHREAD_CANCEL_DISABLE);
}

/* A mutex lock is no cancellation point: the deferred request waits for the next one. */
static void *mutex_locker(void *arg)
{
    (void)arg;
    (void)pthread_mutex_lock(&mtx);
    reached = 1;
    (void)pthread_mutex_unlock(&mtx);
    pthread_testcancel();
    reached = 2;
    return NULL;
}

static void test_mutex_lock_is_no_cancellation_point(void)
{
    TT_ASSERT_EQ(pthread_mutex_lock(&mtx), 0);
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, mutex_locker, NULL), 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    TT_ASSERT_EQ(reached, 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&mtx), 0); /* hands the mutex over: it runs on */
    expect_cancelled(tid);
    TT_ASSERT_EQ(reached, 1);
}

static void *self_cancel(void *arg)
{
    if (arg != NULL) {
        (void)pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    }
    (void)pthread_cancel(pthread_self()); /* asynchronous: ends here */
    reached = 1;
    pthread_testcancel(); /* deferred: ends here */
    reached = 2;
    return NULL;
}

static void test_self_cancel_deferred_and_async(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, self_cancel, NULL), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(reached, 1);
    reached = 0;
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, self_cancel, (void *)1), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(reached, 0);
}

/* ---- asynchronous ------------------------------------------------------------------- */

static void *async_computer(void *arg)
{
    (void)arg;
    (void)pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    for (;;) {
        ++spins;
        tt_busy(1000u); /* computes; the tick preempts it */
    }
    return NULL;
}

/* A computing thread with nothing to clean up is ended where it stands. */
static void test_async_cancel_ends_computing_thread(void)
{
    unsigned long at_cancel;

    TT_ASSERT_EQ(px_t_spawn(&tid, -1, async_computer, NULL), 0);
    px_t_yield_to_lower(); /* it computes until our sleep ends */
    TT_ASSERT_GT(spins, 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    at_cancel = spins;
    expect_cancelled(tid);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(spins, at_cancel);
}

static void *async_computer_with_handler(void *arg)
{
    (void)arg;
    pthread_cleanup_push(note, (void *)7);
    (void)pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    for (;;) {
        ++spins;
        tt_busy(1000u);
        /* An adapter call where an asynchronous request is acted upon. */
        (void)pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    }
    pthread_cleanup_pop(0);
    return NULL;
}

/* With a cleanup handler the thread ends itself, at its next adapter call. */
static void test_async_cancel_with_handler_runs_it(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, -1, async_computer_with_handler, NULL), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    TT_ASSERT_EQ(order_n, 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 7);
}

static void *async_locker(void *arg)
{
    pthread_mutex_t *m = (pthread_mutex_t *)arg;

    pthread_cleanup_push(note, (void *)3);
    (void)pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    (void)pthread_mutex_lock(m);
    reached = 1;
    pthread_cleanup_pop(0);
    return NULL;
}

static void async_cancel_blocked_locker(int protocol)
{
    pthread_mutexattr_t attr;
    pthread_mutex_t m;

    TT_ASSERT_EQ(pthread_mutexattr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_mutexattr_setprotocol(&attr, protocol), 0);
    TT_ASSERT_EQ(pthread_mutex_init(&m, &attr), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, async_locker, &m), 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(reached, 0);
    TT_ASSERT_EQ(order_n, 1);
    /* It left the wait list: the mutex is ours, unlocking leaves it free. */
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
}

/* An asynchronous request wakes a thread blocked in a mutex lock. */
static void test_async_cancel_wakes_blocked_mutex_lock(void)
{
    async_cancel_blocked_locker(PTHREAD_PRIO_NONE);
}

static void test_async_cancel_wakes_blocked_inheriting_mutex_lock(void)
{
#if TOS_CFG_MUTEX_EN > 0u
    async_cancel_blocked_locker(PTHREAD_PRIO_INHERIT);
#else
    TT_SKIP("TOS_CFG_MUTEX_EN is 0: no PTHREAD_PRIO_INHERIT");
#endif
}

/* ---- errors ----------------------------------------------------------------------------- */

static void isr_cancel(void)
{
    tos_knl_irq_enter();
    isr_err = pthread_cancel(tid);
    tos_knl_irq_leave();
}

static void test_cancel_errors(void)
{
    int old = -1;
    void *value = NULL;

    TT_ASSERT_EQ(pthread_cancel(pthread_self()), ESRCH); /* the runner is a plain task */
    TT_ASSERT_EQ(pthread_setcancelstate(99, &old), EINVAL);
    TT_ASSERT_EQ(pthread_setcanceltype(99, &old), EINVAL);
    TT_ASSERT_EQ(pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old), 0);
    TT_ASSERT_EQ(old, PTHREAD_CANCEL_ENABLE);
    TT_ASSERT_EQ(pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old), 0);
    TT_ASSERT_EQ(old, PTHREAD_CANCEL_DEFERRED);
    /* An ended, unjoined thread: the request has no effect. */
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, sem_waiter, NULL), 0);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_NULL(value);
    TT_ASSERT_EQ(pthread_cancel(tid), ESRCH);
    /* From an ISR. */
    TT_ASSERT_EQ(px_t_spawn(&tid, -1, sem_waiter, NULL), 0);
    isr_err = -1;
    tt_irq_connect(TEST_IRQ, isr_cancel);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(isr_err, EPERM);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_NULL(value);
}

/* A cancelled pthread_once routine is run again by the next caller. */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int once_runs;

static void once_blocks(void)
{
    ++once_runs;
    (void)sem_wait(&gate);
}

static void *once_caller(void *arg)
{
    (void)arg;
    (void)pthread_once(&once, once_blocks);
    return NULL;
}

static void test_cancelled_once_routine_runs_again(void)
{
    once_runs = 0;
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, once_caller, NULL), 0);
    TT_ASSERT_EQ(once_runs, 1);
    TT_ASSERT_EQ(pthread_cancel(tid), 0);
    expect_cancelled(tid);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_once(&once, once_blocks), 0);
    TT_ASSERT_EQ(once_runs, 2);
    TT_ASSERT_EQ(pthread_once(&once, once_blocks), 0);
    TT_ASSERT_EQ(once_runs, 2);
}

TT_SUITE("posix_cancel", setup, teardown, TT_CASE(test_cancel_wakes_thread_blocked_in_sem_wait),
         TT_CASE(test_cancel_wakes_sleeper_at_once), TT_CASE(test_cancel_wakes_timed_waits),
         TT_CASE(test_cancel_in_cond_wait_reacquires_mutex),
         TT_CASE(test_cancel_in_join_leaves_target_joinable),
         TT_CASE(test_pending_request_acted_on_at_testcancel),
         TT_CASE(test_disabled_cancel_stays_pending_until_a_point),
         TT_CASE(test_mutex_lock_is_no_cancellation_point),
         TT_CASE(test_self_cancel_deferred_and_async),
         TT_CASE(test_async_cancel_ends_computing_thread),
         TT_CASE(test_async_cancel_with_handler_runs_it),
         TT_CASE(test_async_cancel_wakes_blocked_mutex_lock),
         TT_CASE(test_async_cancel_wakes_blocked_inheriting_mutex_lock),
         TT_CASE(test_cancel_errors), TT_CASE(test_cancelled_once_routine_runs_again));

#else

TT_SUITE_SKIPPED("posix_cancel", "the POSIX adapter needs the task kernel");

#endif
