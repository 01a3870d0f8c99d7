/*
 * POSIX adapter, read-write locks, barriers and spinlocks.
 */
#include <string.h>

#include "px_test.h"

#if TOS_POSIX_EN

#define TEST_IRQ 10u

static pthread_rwlock_t rw;
static pthread_barrier_t bar;
static pthread_spinlock_t spin;
static sem_t gate;
static volatile int order[8];
static volatile int order_n;
static int results[4];
static int isr_err[3];

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    order_n = 0;
    memset((void *)order, 0, sizeof(order));
    memset(results, 0, sizeof(results));
    TT_ASSERT_EQ(sem_init(&gate, 0, 0u), 0);
    memset(&rw, 0, sizeof(rw)); /* whatever a failed case left behind */
    TT_ASSERT_EQ(pthread_rwlock_init(&rw, NULL), 0);
}

static void teardown(void)
{
    (void)pthread_rwlock_destroy(&rw);
    (void)sem_destroy(&gate);
}

static void note(int what)
{
    order[order_n++] = what;
}

/* ---- read-write locks -------------------------------------------------------------- */

static void *reader(void *arg)
{
    if (pthread_rwlock_rdlock(&rw) == 0) {
        note((int)(intptr_t)arg);
        (void)sem_wait(&gate);
        (void)pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

static void *writer(void *arg)
{
    if (pthread_rwlock_wrlock(&rw) == 0) {
        note((int)(intptr_t)arg);
        (void)sem_wait(&gate);
        (void)pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

static void test_rwlockattr(void)
{
    pthread_rwlockattr_t attr;
    int v = -1;

    TT_ASSERT_EQ(pthread_rwlockattr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_rwlockattr_getpshared(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_PROCESS_PRIVATE);
    TT_ASSERT_EQ(pthread_rwlockattr_setpshared(&attr, PTHREAD_PROCESS_SHARED), 0);
    TT_ASSERT_EQ(pthread_rwlockattr_setpshared(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_rwlockattr_getpshared(&attr, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_rwlockattr_destroy(&attr), 0);
    TT_ASSERT_EQ(pthread_rwlockattr_destroy(&attr), EINVAL);
    TT_ASSERT_EQ(pthread_rwlock_init(&rw, &attr), EINVAL);
}

/* Readers share; a writer waits for all of them, then excludes everyone. */
static void test_readers_share_writer_excludes(void)
{
    pthread_t r1;
    pthread_t r2;
    pthread_t w;

    TT_ASSERT_EQ(px_t_spawn(&r1, +1, reader, (void *)1), 0);
    TT_ASSERT_EQ(px_t_spawn(&r2, +1, reader, (void *)2), 0);
    TT_ASSERT_EQ(order_n, 2); /* both read at once */
    TT_ASSERT_EQ(px_t_spawn(&w, +1, writer, (void *)3), 0);
    TT_ASSERT_EQ(order_n, 2);
    TT_ASSERT_EQ(pthread_rwlock_trywrlock(&rw), EBUSY);
    TT_ASSERT_EQ(sem_post(&gate), 0); /* r1 leaves: r2 still reads */
    TT_ASSERT_EQ(order_n, 2);
    TT_ASSERT_EQ(sem_post(&gate), 0); /* r2 leaves: the writer gets in */
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(pthread_rwlock_tryrdlock(&rw), EBUSY);
    TT_ASSERT_EQ(pthread_rwlock_destroy(&rw), EBUSY);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(r1, NULL), 0);
    TT_ASSERT_EQ(pthread_join(r2, NULL), 0);
    TT_ASSERT_EQ(pthread_join(w, NULL), 0);
    TT_ASSERT_EQ(pthread_rwlock_trywrlock(&rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0);
}

/*
 * A waiting writer at least as urgent keeps new readers out; a more urgent
 * reader still gets in.
 */
static void test_waiting_writer_blocks_less_urgent_readers(void)
{
    pthread_t w;
    pthread_t r_low;
    pthread_t r_high;

    TT_ASSERT_EQ(pthread_rwlock_rdlock(&rw), 0);
    TT_ASSERT_EQ(px_t_spawn(&w, +1, writer, (void *)1), 0);     /* waits for our read lock */
    TT_ASSERT_EQ(px_t_spawn(&r_low, +1, reader, (void *)2), 0); /* held back by the writer */
    TT_ASSERT_EQ(order_n, 0);
    TT_ASSERT_EQ(pthread_rwlock_tryrdlock(&rw), EBUSY);          /* we are less urgent too */
    TT_ASSERT_EQ(px_t_spawn(&r_high, +2, reader, (void *)3), 0); /* more urgent: reads */
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 3);
    TT_ASSERT_EQ(sem_post(&gate), 0);            /* r_high leaves */
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0); /* last reader: the writer goes next */
    TT_ASSERT_EQ(order_n, 2);
    TT_ASSERT_EQ(order[1], 1);
    TT_ASSERT_EQ(sem_post(&gate), 0); /* the writer leaves: the held-back reader reads */
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(order[2], 2);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(w, NULL), 0);
    TT_ASSERT_EQ(pthread_join(r_low, NULL), 0);
    TT_ASSERT_EQ(pthread_join(r_high, NULL), 0);
}

/* A writer leaving hands over to waiting readers all together if one is more urgent. */
static void test_leaving_writer_admits_urgent_readers_together(void)
{
    pthread_t r1;
    pthread_t r2;
    pthread_t w;

    TT_ASSERT_EQ(pthread_rwlock_wrlock(&rw), 0);
    TT_ASSERT_EQ(px_t_spawn(&w, +1, writer, (void *)1), 0);
    TT_ASSERT_EQ(px_t_spawn(&r1, +2, reader, (void *)2), 0);
    TT_ASSERT_EQ(px_t_spawn(&r2, +2, reader, (void *)3), 0);
    TT_ASSERT_EQ(order_n, 0);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0);
    /* Both read (woken tasks of one priority run in the kernel's ready-queue order). */
    TT_ASSERT_EQ(order_n, 2);
    TT_ASSERT_EQ(order[0] + order[1], 5);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(order[2], 1);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(w, NULL), 0);
    TT_ASSERT_EQ(pthread_join(r1, NULL), 0);
    TT_ASSERT_EQ(pthread_join(r2, NULL), 0);
}

static void *timed_writer(void *arg)
{
    struct timespec abs = px_t_abs(CLOCK_MONOTONIC, 30);
    long long t0 = px_t_ticks();

    (void)arg;
    results[0] = pthread_rwlock_clockwrlock(&rw, CLOCK_MONOTONIC, &abs);
    results[1] = (int)(px_t_ticks() - t0);
    if (results[0] == 0) {
        (void)pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

/* A writer that gives up lets in the readers it held back. */
static void test_timed_locks_and_writer_giving_up(void)
{
    pthread_t w;
    pthread_t r;
    struct timespec abs;
    struct timespec bad = {0, 1000000000L};
    long long t0;

    TT_ASSERT_EQ(pthread_rwlock_rdlock(&rw), 0);
    TT_ASSERT_EQ(px_t_spawn(&w, +1, timed_writer, NULL), 0);
    TT_ASSERT_EQ(px_t_spawn(&r, +1, reader, (void *)1), 0); /* held back by the writer */
    TT_ASSERT_EQ(order_n, 0);
    TT_ASSERT_EQ(pthread_join(w, NULL), 0);
    TT_ASSERT_EQ(results[0], ETIMEDOUT);
    TT_ASSERT_EQ(results[1], 30);
    TT_ASSERT_EQ(order_n, 1); /* the reader got in when the writer gave up */
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(r, NULL), 0);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0);

    TT_ASSERT_EQ(pthread_rwlock_wrlock(&rw), 0);
    TT_ASSERT_EQ(px_t_spawn(&w, +1, timed_writer, NULL), 0);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0); /* hands over before the deadline */
    TT_ASSERT_EQ(pthread_join(w, NULL), 0);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], 0);

    TT_ASSERT_EQ(px_t_spawn(&w, +1, writer, (void *)2), 0);
    abs = px_t_abs(CLOCK_REALTIME, 8);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(pthread_rwlock_timedrdlock(&rw, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 8);
    abs = px_t_abs(CLOCK_REALTIME, 4);
    TT_ASSERT_EQ(pthread_rwlock_timedwrlock(&rw, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(pthread_rwlock_timedwrlock(&rw, &bad), EINVAL);
    TT_ASSERT_EQ(pthread_rwlock_clockrdlock(&rw, (clockid_t)1234, &abs), EINVAL);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(w, NULL), 0);
    TT_ASSERT_EQ(pthread_rwlock_timedrdlock(&rw, &bad), 0); /* free: no wait, no check */
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0);
}

static void test_rwlock_errors(void)
{
    pthread_rwlock_t static_rw = PTHREAD_RWLOCK_INITIALIZER;

    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), EPERM);
    TT_ASSERT_EQ(pthread_rwlock_wrlock(&rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_wrlock(&rw), EDEADLK);
    TT_ASSERT_EQ(pthread_rwlock_rdlock(&rw), EDEADLK);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0);
    /* Read locks nest. */
    TT_ASSERT_EQ(pthread_rwlock_rdlock(&rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_rdlock(&rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&rw), EPERM);
    TT_ASSERT_EQ(pthread_rwlock_rdlock(NULL), EINVAL);
    TT_ASSERT_EQ(pthread_rwlock_rdlock(&static_rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_unlock(&static_rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_destroy(&static_rw), 0);
    TT_ASSERT_EQ(pthread_rwlock_rdlock(&static_rw), EINVAL);
    TT_ASSERT_EQ(pthread_rwlock_init(&static_rw, NULL), 0);
    TT_ASSERT_EQ(pthread_rwlock_destroy(&static_rw), 0);
}

static void isr_rwlock(void)
{
    tos_knl_irq_enter();
    isr_err[0] = pthread_rwlock_tryrdlock(&rw);
    isr_err[1] = pthread_rwlock_unlock(&rw);
    tos_knl_irq_leave();
}

static void test_rwlock_refused_in_isr(void)
{
    tt_irq_connect(TEST_IRQ, isr_rwlock);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(isr_err[0], EPERM);
    TT_ASSERT_EQ(isr_err[1], EPERM);
}

/* ---- barriers -------------------------------------------------------------------------- */

static void *barrier_waiter(void *arg)
{
    int rc = pthread_barrier_wait(&bar);

    note(rc == PTHREAD_BARRIER_SERIAL_THREAD ? 100 + (int)(intptr_t)arg : (int)(intptr_t)arg);
    return (void *)(intptr_t)rc;
}

static void test_barrier_releases_all_one_serial(void)
{
    pthread_t a;
    pthread_t b;
    int cycle;
    int rc;

    TT_ASSERT_EQ(pthread_barrier_init(&bar, NULL, 3u), 0);
    for (cycle = 0; cycle < 2; ++cycle) { /* reusable at once */
        order_n = 0;
        TT_ASSERT_EQ(px_t_spawn(&a, +1, barrier_waiter, (void *)1), 0);
        TT_ASSERT_EQ(px_t_spawn(&b, +2, barrier_waiter, (void *)2), 0);
        TT_ASSERT_EQ(order_n, 0);
        TT_ASSERT_EQ(pthread_barrier_destroy(&bar), EBUSY);
        rc = pthread_barrier_wait(&bar); /* the last one: releases them */
        TT_ASSERT_EQ(rc, PTHREAD_BARRIER_SERIAL_THREAD);
        TT_ASSERT_EQ(order_n, 2);
        TT_ASSERT_EQ(order[0], 2);
        TT_ASSERT_EQ(order[1], 1);
        TT_ASSERT_EQ(pthread_join(a, NULL), 0);
        TT_ASSERT_EQ(pthread_join(b, NULL), 0);
    }
    TT_ASSERT_EQ(pthread_barrier_destroy(&bar), 0);
    TT_ASSERT_EQ(pthread_barrier_wait(&bar), EINVAL);
}

static void test_barrier_of_one_and_errors(void)
{
    pthread_barrierattr_t attr;
    int v = -1;

    TT_ASSERT_EQ(pthread_barrierattr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_barrierattr_getpshared(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_PROCESS_PRIVATE);
    TT_ASSERT_EQ(pthread_barrierattr_setpshared(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_barrierattr_setpshared(&attr, PTHREAD_PROCESS_SHARED), 0);
    TT_ASSERT_EQ(pthread_barrier_init(&bar, &attr, 0u), EINVAL);
    TT_ASSERT_EQ(pthread_barrier_init(NULL, &attr, 1u), EINVAL);
    TT_ASSERT_EQ(pthread_barrier_init(&bar, &attr, 1u), 0);
    TT_ASSERT_EQ(pthread_barrier_wait(&bar), PTHREAD_BARRIER_SERIAL_THREAD);
    TT_ASSERT_EQ(pthread_barrier_wait(&bar), PTHREAD_BARRIER_SERIAL_THREAD);
    TT_ASSERT_EQ(pthread_barrier_destroy(&bar), 0);
    TT_ASSERT_EQ(pthread_barrier_destroy(&bar), EINVAL);
    TT_ASSERT_EQ(pthread_barrierattr_destroy(&attr), 0);
    TT_ASSERT_EQ(pthread_barrierattr_destroy(&attr), EINVAL);
    TT_ASSERT_EQ(pthread_barrier_init(&bar, &attr, 1u), EINVAL);
}

static void isr_barrier(void)
{
    tos_knl_irq_enter();
    isr_err[0] = pthread_barrier_wait(&bar);
    tos_knl_irq_leave();
}

static void test_barrier_refused_in_isr(void)
{
    TT_ASSERT_EQ(pthread_barrier_init(&bar, NULL, 2u), 0);
    tt_irq_connect(TEST_IRQ, isr_barrier);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(isr_err[0], EPERM);
    TT_ASSERT_EQ(pthread_barrier_destroy(&bar), 0); /* nobody arrived */
}

/* ---- spinlocks ---------------------------------------------------------------------------- */

static void *urgent(void *arg)
{
    (void)sem_wait(&gate);
    note((int)(intptr_t)arg);
    return NULL;
}

/* While a spinlock is held no other task runs, even a more urgent one made ready. */
static void test_spinlock_keeps_others_off_the_cpu(void)
{
    pthread_t t;

    TT_ASSERT_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, urgent, (void *)1), 0);
    TT_ASSERT_EQ(pthread_spin_lock(&spin), 0);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(order_n, 0);
    /* Blocking while holding it is refused. */
    errno = 0;
    TT_ASSERT_EQ(sem_wait(&gate), -1);
    TT_ASSERT_EQ(errno, EPERM);
    TT_ASSERT_EQ(pthread_spin_unlock(&spin), 0);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(pthread_spin_destroy(&spin), 0);
}

static void *foreign_unlock(void *arg)
{
    results[0] = pthread_spin_unlock((pthread_spinlock_t *)arg);
    return NULL;
}

static void test_spinlock_errors(void)
{
    pthread_t t;

    TT_ASSERT_EQ(pthread_spin_init(NULL, PTHREAD_PROCESS_PRIVATE), EINVAL);
    TT_ASSERT_EQ(pthread_spin_init(&spin, 99), EINVAL);
    TT_ASSERT_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_SHARED), 0);
    TT_ASSERT_EQ(pthread_spin_unlock(&spin), EPERM);
    TT_ASSERT_EQ(pthread_spin_trylock(&spin), 0);
    TT_ASSERT_EQ(pthread_spin_trylock(&spin), EBUSY);
    TT_ASSERT_EQ(pthread_spin_lock(&spin), EDEADLK);
    TT_ASSERT_EQ(pthread_spin_destroy(&spin), EBUSY);
    TT_ASSERT_EQ(pthread_spin_unlock(&spin), 0);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0); /* the failed attempts left no lock behind */
    TT_ASSERT_EQ(pthread_spin_lock(&spin), 0);
    TT_ASSERT_EQ(pthread_spin_unlock(&spin), 0);
    /* Unlock by a thread that does not hold it. */
    TT_ASSERT_EQ(pthread_spin_lock(&spin), 0);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, foreign_unlock, &spin), 0); /* runs after our unlock */
    TT_ASSERT_EQ(pthread_spin_unlock(&spin), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], EPERM);
    TT_ASSERT_EQ(pthread_spin_destroy(&spin), 0);
    TT_ASSERT_EQ(pthread_spin_lock(&spin), EINVAL);
}

static void isr_spin(void)
{
    tos_knl_irq_enter();
    isr_err[0] = pthread_spin_lock(&spin);
    isr_err[1] = pthread_spin_trylock(&spin);
    isr_err[2] = pthread_spin_unlock(&spin);
    tos_knl_irq_leave();
}

static void test_spinlock_refused_in_isr(void)
{
    TT_ASSERT_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
    tt_irq_connect(TEST_IRQ, isr_spin);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(isr_err[0], EPERM);
    TT_ASSERT_EQ(isr_err[1], EPERM);
    TT_ASSERT_EQ(isr_err[2], EPERM);
    TT_ASSERT_EQ(pthread_spin_destroy(&spin), 0);
}

/* A thread ending with a spinlock held does not leave the scheduler locked. */
static void *ends_holding_spin(void *arg)
{
    (void)pthread_spin_lock((pthread_spinlock_t *)arg);
    return NULL;
}

static void test_thread_ending_in_spinlock_unlocks_scheduler(void)
{
    pthread_t t;

    TT_ASSERT_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, ends_holding_spin, &spin), 0);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(pthread_spin_lock(&spin), EDEADLK); /* still marked held: never released */
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0);
}

TT_SUITE("posix_sync", setup, teardown, TT_CASE(test_rwlockattr),
         TT_CASE(test_readers_share_writer_excludes),
         TT_CASE(test_waiting_writer_blocks_less_urgent_readers),
         TT_CASE(test_leaving_writer_admits_urgent_readers_together),
         TT_CASE(test_timed_locks_and_writer_giving_up), TT_CASE(test_rwlock_errors),
         TT_CASE(test_rwlock_refused_in_isr), TT_CASE(test_barrier_releases_all_one_serial),
         TT_CASE(test_barrier_of_one_and_errors), TT_CASE(test_barrier_refused_in_isr),
         TT_CASE(test_spinlock_keeps_others_off_the_cpu), TT_CASE(test_spinlock_errors),
         TT_CASE(test_spinlock_refused_in_isr),
         TT_CASE(test_thread_ending_in_spinlock_unlocks_scheduler));

#else

TT_SUITE_SKIPPED("posix_sync", "the POSIX adapter needs the task kernel");

#endif
