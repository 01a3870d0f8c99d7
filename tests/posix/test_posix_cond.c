/*
 * POSIX adapter, condition variables: attributes, signal and broadcast
 * (most urgent first, lost without waiters, from an ISR), timed waits on
 * CLOCK_REALTIME and CLOCK_MONOTONIC to the tick, clock changes, the mutex
 * released and reacquired around the wait (every level, every protocol).
 */
#include <string.h>

#include "px_test.h"

#if TOS_POSIX_EN

#define TEST_IRQ 9u

static pthread_mutex_t mtx;
static pthread_cond_t cond;
static volatile int order[8];
static volatile int order_n;
static volatile int ready;
static int results[4];

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    order_n = 0;
    ready = 0;
    memset((void *)order, 0, sizeof(order));
    memset(results, 0, sizeof(results));
    TT_ASSERT_EQ(pthread_mutex_init(&mtx, NULL), 0);
    TT_ASSERT_EQ(pthread_cond_init(&cond, NULL), 0);
}

static void teardown(void)
{
    (void)pthread_cond_destroy(&cond);
    (void)pthread_mutex_destroy(&mtx);
}

/* Waits until `ready` is set, noting its argument when it wakes. */
static void *waiter(void *arg)
{
    (void)pthread_mutex_lock(&mtx);
    while (!ready) {
        (void)pthread_cond_wait(&cond, &mtx);
    }
    order[order_n++] = (int)(intptr_t)arg;
    (void)pthread_mutex_unlock(&mtx);
    return NULL;
}

static void test_condattr(void)
{
    pthread_condattr_t attr;
    clockid_t clock = (clockid_t)-1;
    int v = -1;

    TT_ASSERT_EQ(pthread_condattr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_condattr_getclock(&attr, &clock), 0);
    TT_ASSERT_EQ(clock, CLOCK_REALTIME);
    TT_ASSERT_EQ(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC), 0);
    TT_ASSERT_EQ(pthread_condattr_getclock(&attr, &clock), 0);
    TT_ASSERT_EQ(clock, CLOCK_MONOTONIC);
    TT_ASSERT_EQ(pthread_condattr_setclock(&attr, (clockid_t)1234), EINVAL);
    TT_ASSERT_EQ(pthread_condattr_getpshared(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_PROCESS_PRIVATE);
    TT_ASSERT_EQ(pthread_condattr_setpshared(&attr, PTHREAD_PROCESS_SHARED), 0);
    TT_ASSERT_EQ(pthread_condattr_setpshared(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_condattr_getclock(&attr, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_condattr_destroy(&attr), 0);
    TT_ASSERT_EQ(pthread_condattr_destroy(&attr), EINVAL);
    TT_ASSERT_EQ(pthread_condattr_setclock(&attr, CLOCK_REALTIME), EINVAL);
    TT_ASSERT_EQ(pthread_cond_init(&cond, &attr), EINVAL);
}

static void test_signal_wakes_most_urgent_one(void)
{
    pthread_t a;
    pthread_t b;

    TT_ASSERT_EQ(px_t_spawn(&a, +1, waiter, (void *)1), 0);
    TT_ASSERT_EQ(px_t_spawn(&b, +2, waiter, (void *)2), 0);
    ready = 1;
    TT_ASSERT_EQ(pthread_cond_signal(&cond), 0);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 2);
    TT_ASSERT_EQ(pthread_cond_signal(&cond), 0);
    TT_ASSERT_EQ(order_n, 2);
    TT_ASSERT_EQ(order[1], 1);
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(pthread_join(b, NULL), 0);
}

static void test_broadcast_wakes_all(void)
{
    pthread_t t[3];
    int i;

    for (i = 0; i < 3; ++i) {
        TT_ASSERT_EQ(px_t_spawn(&t[i], +1 + i, waiter, (void *)(intptr_t)(i + 1)), 0);
    }
    TT_ASSERT_EQ(pthread_cond_destroy(&cond), EBUSY);
    ready = 1;
    TT_ASSERT_EQ(pthread_cond_broadcast(&cond), 0);
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(order[0], 3);
    TT_ASSERT_EQ(order[1], 2);
    TT_ASSERT_EQ(order[2], 1);
    for (i = 0; i < 3; ++i) {
        TT_ASSERT_EQ(pthread_join(t[i], NULL), 0);
    }
}

/* A signal with nobody waiting is not remembered. */
static void test_signal_without_waiter_is_lost(void)
{
    struct timespec abs;
    long long t0;

    TT_ASSERT_EQ(pthread_cond_signal(&cond), 0);
    TT_ASSERT_EQ(pthread_cond_broadcast(&cond), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&mtx), 0);
    abs = px_t_abs(CLOCK_REALTIME, 5);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(pthread_cond_timedwait(&cond, &mtx, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 5);
    TT_ASSERT_EQ(pthread_mutex_unlock(&mtx), 0); /* held again after the timeout */
}

/* The waiter cannot miss a signal sent right after it released the mutex. */
static void *signaller(void *arg)
{
    (void)arg;
    (void)pthread_mutex_lock(&mtx); /* gets it only once the waiter waits */
    ready = 1;
    (void)pthread_cond_signal(&cond);
    (void)pthread_mutex_unlock(&mtx);
    return NULL;
}

static void test_no_lost_wakeup_between_unlock_and_wait(void)
{
    pthread_t t;
    struct timespec abs = px_t_abs(CLOCK_MONOTONIC, 1000);
    int err = 0;

    TT_ASSERT_EQ(pthread_mutex_lock(&mtx), 0);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, signaller, NULL), 0); /* blocks on mtx */
    while (!ready && err == 0) {
        err = pthread_cond_clockwait(&cond, &mtx, CLOCK_MONOTONIC, &abs);
    }
    TT_ASSERT_EQ(err, 0);
    TT_ASSERT_EQ(ready, 1);
    TT_ASSERT_EQ(pthread_mutex_unlock(&mtx), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
}

static void test_timed_waits_on_both_clocks(void)
{
    pthread_condattr_t attr;
    pthread_cond_t mono;
    struct timespec abs;
    struct timespec bad = {0, -1};
    long long t0;

    TT_ASSERT_EQ(pthread_condattr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC), 0);
    TT_ASSERT_EQ(pthread_cond_init(&mono, &attr), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&mtx), 0);
    abs = px_t_abs(CLOCK_MONOTONIC, 12);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(pthread_cond_timedwait(&mono, &mtx, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 12);
    abs = px_t_abs(CLOCK_MONOTONIC, 3);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(pthread_cond_clockwait(&cond, &mtx, CLOCK_MONOTONIC, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 3);
    /* Already passed: no wait. */
    abs = px_t_abs(CLOCK_REALTIME, 0);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(pthread_cond_timedwait(&cond, &mtx, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 0);
    TT_ASSERT_EQ(pthread_cond_timedwait(&cond, &mtx, &bad), EINVAL);
    TT_ASSERT_EQ(pthread_cond_clockwait(&cond, &mtx, (clockid_t)1234, &abs), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_unlock(&mtx), 0);
    TT_ASSERT_EQ(pthread_cond_destroy(&mono), 0);
    TT_ASSERT_EQ(pthread_condattr_destroy(&attr), 0);
}

static void *realtime_waiter(void *arg)
{
    struct timespec abs = px_t_abs(CLOCK_REALTIME, 100);
    long long t0 = px_t_ticks();

    (void)arg;
    (void)pthread_mutex_lock(&mtx);
    results[0] = pthread_cond_timedwait(&cond, &mtx, &abs);
    results[1] = (int)(px_t_ticks() - t0);
    (void)pthread_mutex_unlock(&mtx);
    return NULL;
}

/* Setting CLOCK_REALTIME past a waiter's deadline ends its wait at once. */
static void test_realtime_wait_follows_clock_settime(void)
{
    pthread_t t;
    struct timespec now;
    struct timespec ten = px_t_ms(10);

    TT_ASSERT_EQ(px_t_spawn(&t, +1, realtime_waiter, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&ten, NULL), 0);
    TT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &now), 0);
    now.tv_sec += 1;
    TT_ASSERT_EQ(clock_settime(CLOCK_REALTIME, &now), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], ETIMEDOUT);
    TT_ASSERT_EQ(results[1], 10);
}

static void test_wait_needs_owned_mutex(void)
{
    struct timespec abs = px_t_abs(CLOCK_REALTIME, 5);

    TT_ASSERT_EQ(pthread_cond_wait(&cond, &mtx), EPERM);
    TT_ASSERT_EQ(pthread_cond_timedwait(&cond, &mtx, &abs), EPERM);
    TT_ASSERT_EQ(pthread_cond_wait(NULL, &mtx), EINVAL);
    TT_ASSERT_EQ(pthread_cond_wait(&cond, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_cond_signal(NULL), EINVAL);
}

/* Every level of a recursive mutex is released for the wait and held again after it. */
static void *recursive_waiter(void *arg)
{
    pthread_mutex_t *rm = (pthread_mutex_t *)arg;
    struct timespec abs = px_t_abs(CLOCK_MONOTONIC, 20);

    (void)pthread_mutex_lock(rm);
    (void)pthread_mutex_lock(rm);
    (void)pthread_mutex_lock(rm);
    results[0] = pthread_cond_clockwait(&cond, rm, CLOCK_MONOTONIC, &abs);
    results[1] = pthread_mutex_unlock(rm);
    results[2] = pthread_mutex_unlock(rm);
    results[3] = pthread_mutex_unlock(rm);
    return NULL;
}

static void check_recursive_wait(int protocol)
{
    pthread_mutexattr_t attr;
    pthread_mutex_t rm;
    pthread_t t;

    TT_ASSERT_EQ(pthread_mutexattr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE), 0);
    TT_ASSERT_EQ(pthread_mutexattr_setprotocol(&attr, protocol), 0);
    TT_ASSERT_EQ(pthread_mutex_init(&rm, &attr), 0);
    memset(results, -1, sizeof(results));
    TT_ASSERT_EQ(px_t_spawn(&t, +1, recursive_waiter, &rm), 0);
    /* While it waits, the mutex is free for us. */
    TT_ASSERT_EQ(pthread_mutex_trylock(&rm), 0);
    TT_ASSERT_EQ(pthread_cond_signal(&cond), 0); /* it wakes, then waits for rm */
    TT_ASSERT_EQ(results[0], -1);
    TT_ASSERT_EQ(pthread_mutex_unlock(&rm), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], 0);
    TT_ASSERT_EQ(results[2], 0);
    TT_ASSERT_EQ(results[3], 0);
    TT_ASSERT_EQ(pthread_mutex_destroy(&rm), 0);
    TT_ASSERT_EQ(pthread_mutexattr_destroy(&attr), 0);
}

static void test_recursive_mutex_fully_released_and_restored(void)
{
    check_recursive_wait(PTHREAD_PRIO_NONE);
#if TOS_CFG_MUTEX_EN > 0u
    check_recursive_wait(PTHREAD_PRIO_INHERIT);
#endif
}

static void isr_signal(void)
{
    tos_knl_irq_enter();
    ready = 1;
    results[0] = pthread_cond_signal(&cond);
    tos_knl_irq_leave();
}

static void test_signal_from_isr_wakes_waiter(void)
{
    pthread_t t;

    TT_ASSERT_EQ(px_t_spawn(&t, +1, waiter, (void *)5), 0);
    results[0] = -1;
    tt_irq_connect(TEST_IRQ, isr_signal);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 5);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
}

static pthread_cond_t static_cond = PTHREAD_COND_INITIALIZER;

static void test_static_initializer_and_life_cycle(void)
{
    struct timespec abs = px_t_abs(CLOCK_REALTIME, 2);

    TT_ASSERT_EQ(pthread_mutex_lock(&mtx), 0);
    TT_ASSERT_EQ(pthread_cond_timedwait(&static_cond, &mtx, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(pthread_mutex_unlock(&mtx), 0);
    TT_ASSERT_EQ(pthread_cond_destroy(&static_cond), 0);
    TT_ASSERT_EQ(pthread_cond_signal(&static_cond), EINVAL);
    TT_ASSERT_EQ(pthread_cond_destroy(&static_cond), EINVAL);
    TT_ASSERT_EQ(pthread_cond_init(&static_cond, NULL), 0);
    TT_ASSERT_EQ(pthread_cond_broadcast(&static_cond), 0);
    TT_ASSERT_EQ(pthread_cond_init(NULL, NULL), EINVAL);
}

TT_SUITE("posix_cond", setup, teardown, TT_CASE(test_condattr),
         TT_CASE(test_signal_wakes_most_urgent_one), TT_CASE(test_broadcast_wakes_all),
         TT_CASE(test_signal_without_waiter_is_lost),
         TT_CASE(test_no_lost_wakeup_between_unlock_and_wait),
         TT_CASE(test_timed_waits_on_both_clocks),
         TT_CASE(test_realtime_wait_follows_clock_settime), TT_CASE(test_wait_needs_owned_mutex),
         TT_CASE(test_recursive_mutex_fully_released_and_restored),
         TT_CASE(test_signal_from_isr_wakes_waiter),
         TT_CASE(test_static_initializer_and_life_cycle));

#else

TT_SUITE_SKIPPED("posix_cond", "the POSIX adapter needs the task kernel");

#endif
