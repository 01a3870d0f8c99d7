/*
 * POSIX adapter, mutexes: attributes, the four types under each protocol
 * (PTHREAD_PRIO_NONE: the adapter's own mutex; PTHREAD_PRIO_INHERIT: the
 * kernel's inheriting mutex; PTHREAD_PRIO_PROTECT: ceilings), hand-off
 * order, timed locks to the tick, priority inversion with and without
 * inheritance, ceilings, static initialisers, ISR refusal.
 */
#include <string.h>

#include "px_test.h"

#if TOS_POSIX_EN

#define TEST_IRQ 8u

static pthread_mutex_t m;
static sem_t gate;
static sem_t gate2;
static volatile int order[8];
static volatile int order_n;
static int results[8];
static int isr_err[3];

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    order_n = 0;
    memset((void *)order, 0, sizeof(order));
    memset(results, 0, sizeof(results));
    TT_ASSERT_EQ(sem_init(&gate, 0, 0u), 0);
    TT_ASSERT_EQ(sem_init(&gate2, 0, 0u), 0);
}

static pthread_mutex_t m2;

static void teardown(void)
{
    /* A failed case may leave us owning them: a kernel mutex must not be re-created so. */
    while (pthread_mutex_unlock(&m) == 0) {
    }
    while (pthread_mutex_unlock(&m2) == 0) {
    }
    (void)sem_destroy(&gate);
    (void)sem_destroy(&gate2);
}

static void note(int what)
{
    order[order_n++] = what;
}

static int make_mutex(pthread_mutex_t *mutex, int type, int protocol, int ceiling)
{
    pthread_mutexattr_t attr;
    int err;

    (void)pthread_mutexattr_init(&attr);
    (void)pthread_mutexattr_settype(&attr, type);
    err = pthread_mutexattr_setprotocol(&attr, protocol);
    if (err == 0 && protocol == PTHREAD_PRIO_PROTECT) {
        err = pthread_mutexattr_setprioceiling(&attr, ceiling);
    }
    if (err == 0) {
        err = pthread_mutex_init(mutex, &attr);
    }
    (void)pthread_mutexattr_destroy(&attr);
    return err;
}

/* The protocols this configuration has. */
static const int protocols[] = {
    PTHREAD_PRIO_NONE,
    PTHREAD_PRIO_PROTECT,
#if TOS_CFG_MUTEX_EN > 0u
    PTHREAD_PRIO_INHERIT,
#endif
};
#define PROTOCOL_COUNT (sizeof(protocols) / sizeof(protocols[0]))

/* ---- attributes ------------------------------------------------------------------- */

static void test_mutexattr_defaults_and_setters(void)
{
    pthread_mutexattr_t attr;
    int v = -1;

    TT_ASSERT_EQ(pthread_mutexattr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_mutexattr_gettype(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_MUTEX_DEFAULT);
    TT_ASSERT_EQ(pthread_mutexattr_getprotocol(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_PRIO_NONE);
    TT_ASSERT_EQ(pthread_mutexattr_getprioceiling(&attr, &v), 0);
    TT_ASSERT_EQ(v, sched_get_priority_max(SCHED_FIFO));
    TT_ASSERT_EQ(pthread_mutexattr_getpshared(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_PROCESS_PRIVATE);
    TT_ASSERT_EQ(pthread_mutexattr_getrobust(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_MUTEX_STALLED);

    TT_ASSERT_EQ(pthread_mutexattr_settype(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE), 0);
    TT_ASSERT_EQ(pthread_mutexattr_gettype(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_MUTEX_RECURSIVE);
    TT_ASSERT_EQ(pthread_mutexattr_setprotocol(&attr, 99), EINVAL);
#if TOS_CFG_MUTEX_EN > 0u
    TT_ASSERT_EQ(pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT), 0);
#else
    TT_ASSERT_EQ(pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT), ENOTSUP);
#endif
    TT_ASSERT_EQ(pthread_mutexattr_setprioceiling(&attr, 0), EINVAL);
    TT_ASSERT_EQ(pthread_mutexattr_setprioceiling(&attr, sched_get_priority_max(SCHED_FIFO) + 1),
                 EINVAL);
    TT_ASSERT_EQ(pthread_mutexattr_setprioceiling(&attr, 1), 0);
    TT_ASSERT_EQ(pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED), 0);
    TT_ASSERT_EQ(pthread_mutexattr_setpshared(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST), ENOTSUP);
    TT_ASSERT_EQ(pthread_mutexattr_setrobust(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_mutexattr_gettype(&attr, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_mutexattr_destroy(&attr), 0);
    TT_ASSERT_EQ(pthread_mutexattr_destroy(&attr), EINVAL);
    TT_ASSERT_EQ(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_NORMAL), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_init(&m, &attr), EINVAL);
}

/* ---- the types, under every protocol ------------------------------------------------ */

static void *try_from_other(void *arg)
{
    results[0] = pthread_mutex_trylock((pthread_mutex_t *)arg);
    results[1] = pthread_mutex_unlock((pthread_mutex_t *)arg);
    return NULL;
}

static void check_types(int protocol)
{
    pthread_t t;
    struct timespec abs;
    long long t0;
    int i;

    /* NORMAL: a relock deadlocks (a timed one waits out its timeout). */
    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_NORMAL, protocol, PX_T_PRIO(+3)), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_trylock(&m), EBUSY);
    abs = px_t_abs(CLOCK_REALTIME, 20);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(pthread_mutex_timedlock(&m, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 20);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), EPERM);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);

    /* ERRORCHECK and DEFAULT: a relock is EDEADLK; a foreign or spare unlock EPERM. */
    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_ERRORCHECK, protocol, PX_T_PRIO(+3)), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), EDEADLK);
    TT_ASSERT_EQ(pthread_mutex_trylock(&m), EBUSY);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, try_from_other, &m), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], EBUSY);
    TT_ASSERT_EQ(results[1], EPERM);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), EPERM);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocol, PX_T_PRIO(+3)), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), EDEADLK);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);

    /* RECURSIVE: every relock succeeds; another thread gets it after the last unlock. */
    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_RECURSIVE, protocol, PX_T_PRIO(+3)), 0);
    for (i = 0; i < 3; ++i) {
        TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
    }
    TT_ASSERT_EQ(pthread_mutex_trylock(&m), 0);
    for (i = 0; i < 3; ++i) {
        TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    }
    TT_ASSERT_EQ(px_t_spawn(&t, +1, try_from_other, &m), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], EBUSY); /* still held once */
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), EPERM);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, try_from_other, &m), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], 0);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
}

static void test_types_prio_none(void)
{
    check_types(PTHREAD_PRIO_NONE);
}

static void test_types_prio_protect(void)
{
    check_types(PTHREAD_PRIO_PROTECT);
}

static void test_types_prio_inherit(void)
{
#if TOS_CFG_MUTEX_EN > 0u
    check_types(PTHREAD_PRIO_INHERIT);
#else
    TT_SKIP("TOS_CFG_MUTEX_EN is 0: no PTHREAD_PRIO_INHERIT");
#endif
}

/* ---- contention ------------------------------------------------------------------------- */

static void *locker(void *arg)
{
    if (pthread_mutex_lock(&m) == 0) {
        note((int)(intptr_t)arg);
        (void)pthread_mutex_unlock(&m);
    }
    return NULL;
}

/* Waiters get the mutex most urgent first, whatever their arrival order. */
static void test_handoff_to_most_urgent_waiter(void)
{
    pthread_t a;
    pthread_t b;
    unsigned i;

    for (i = 0u; i < PROTOCOL_COUNT; ++i) {
        order_n = 0;
        TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocols[i], PX_T_PRIO(+3)), 0);
        TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
        TT_ASSERT_EQ(px_t_spawn(&a, +1, locker, (void *)1), 0);
        TT_ASSERT_EQ(px_t_spawn(&b, +2, locker, (void *)2), 0);
        TT_ASSERT_EQ(order_n, 0);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), EBUSY);
        TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
        TT_ASSERT_EQ(order_n, 2);
        TT_ASSERT_EQ(order[0], 2);
        TT_ASSERT_EQ(order[1], 1);
        TT_ASSERT_EQ(pthread_join(a, NULL), 0);
        TT_ASSERT_EQ(pthread_join(b, NULL), 0);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    }
}

static void *holder(void *arg)
{
    (void)arg;
    (void)pthread_mutex_lock(&m);
    (void)sem_wait(&gate);
    (void)pthread_mutex_unlock(&m);
    return NULL;
}

/* trylock, timedlock and clocklock on a mutex another thread holds. */
static void test_busy_mutex_try_and_timed(void)
{
    pthread_t t;
    struct timespec abs;
    struct timespec bad = {0, 1000000000L};
    long long t0;
    unsigned i;

    for (i = 0u; i < PROTOCOL_COUNT; ++i) {
        TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocols[i], PX_T_PRIO(+3)), 0);
        TT_ASSERT_EQ(px_t_spawn(&t, +1, holder, NULL), 0);
        TT_ASSERT_EQ(pthread_mutex_trylock(&m), EBUSY);
        abs = px_t_abs(CLOCK_REALTIME, 15);
        t0 = px_t_ticks();
        TT_ASSERT_EQ(pthread_mutex_timedlock(&m, &abs), ETIMEDOUT);
        TT_ASSERT_EQ(px_t_ticks() - t0, 15);
        abs = px_t_abs(CLOCK_MONOTONIC, 7);
        t0 = px_t_ticks();
        TT_ASSERT_EQ(pthread_mutex_clocklock(&m, CLOCK_MONOTONIC, &abs), ETIMEDOUT);
        TT_ASSERT_EQ(px_t_ticks() - t0, 7);
        /* A deadline already passed: ETIMEDOUT without waiting. */
        abs = px_t_abs(CLOCK_MONOTONIC, 0);
        t0 = px_t_ticks();
        TT_ASSERT_EQ(pthread_mutex_clocklock(&m, CLOCK_MONOTONIC, &abs), ETIMEDOUT);
        TT_ASSERT_EQ(px_t_ticks() - t0, 0);
        TT_ASSERT_EQ(pthread_mutex_timedlock(&m, &bad), EINVAL);
        TT_ASSERT_EQ(pthread_mutex_clocklock(&m, (clockid_t)1234, &abs), EINVAL);
        TT_ASSERT_EQ(sem_post(&gate), 0);
        TT_ASSERT_EQ(pthread_join(t, NULL), 0);
        /* Free: an invalid abstime does not matter, the lock is taken at once. */
        TT_ASSERT_EQ(pthread_mutex_timedlock(&m, &bad), 0);
        TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    }
}

/* A timed waiter gets the mutex when it is released before the deadline. */
static void *timed_locker(void *arg)
{
    struct timespec abs = px_t_abs(CLOCK_MONOTONIC, 50);
    long long t0 = px_t_ticks();

    (void)arg;
    results[2] = pthread_mutex_clocklock(&m, CLOCK_MONOTONIC, &abs);
    results[3] = (int)(px_t_ticks() - t0);
    (void)pthread_mutex_unlock(&m);
    return NULL;
}

static void test_timed_lock_obtained_before_deadline(void)
{
    pthread_t t;
    struct timespec ten = px_t_ms(10);
    unsigned i;

    for (i = 0u; i < PROTOCOL_COUNT; ++i) {
        TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocols[i], PX_T_PRIO(+3)), 0);
        TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
        TT_ASSERT_EQ(px_t_spawn(&t, +1, timed_locker, NULL), 0);
        TT_ASSERT_EQ(nanosleep(&ten, NULL), 0);
        TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
        TT_ASSERT_EQ(pthread_join(t, NULL), 0);
        TT_ASSERT_EQ(results[2], 0);
        TT_ASSERT_EQ(results[3], 10);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    }
}

static void *realtime_locker(void *arg)
{
    struct timespec abs = px_t_abs(CLOCK_REALTIME, 100);
    long long t0 = px_t_ticks();

    (void)arg;
    results[2] = pthread_mutex_timedlock(&m, &abs);
    results[3] = (int)(px_t_ticks() - t0);
    return NULL;
}

/* Setting CLOCK_REALTIME past a timed lock's deadline ends the wait at once. */
static void test_realtime_timedlock_follows_clock_settime(void)
{
    pthread_t t;
    struct timespec ten = px_t_ms(10);
    struct timespec now;
    unsigned i;

    for (i = 0u; i < PROTOCOL_COUNT; ++i) {
        TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocols[i], PX_T_PRIO(+3)), 0);
        TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
        TT_ASSERT_EQ(px_t_spawn(&t, +1, realtime_locker, NULL), 0);
        TT_ASSERT_EQ(nanosleep(&ten, NULL), 0);
        TT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &now), 0);
        now.tv_sec += 1;
        TT_ASSERT_EQ(clock_settime(CLOCK_REALTIME, &now), 0);
        TT_ASSERT_EQ(pthread_join(t, NULL), 0);
        TT_ASSERT_EQ(results[2], ETIMEDOUT);
        TT_ASSERT_EQ(results[3], 10);
        TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    }
}

/* ---- priority inversion ------------------------------------------------------------------- */

static pthread_t low;

static void *inv_low(void *arg)
{
    (void)arg;
    (void)pthread_mutex_lock(&m);
    (void)sem_wait(&gate); /* holds m; made ready by the test */
    note(1);
    (void)pthread_mutex_unlock(&m);
    return NULL;
}

static void *inv_high(void *arg)
{
    (void)arg;
    (void)pthread_mutex_lock(&m);
    note(3);
    (void)pthread_mutex_unlock(&m);
    return NULL;
}

static void *inv_medium(void *arg)
{
    (void)arg;
    (void)sem_wait(&gate2);
    note(2);
    return NULL;
}

/*
 * Low holds m, high waits for it, medium becomes ready together with low.
 * Returns the kernel priority low ran at meanwhile; order[] tells who ran.
 */
static k_prio_t inversion(int protocol)
{
    pthread_t high;
    pthread_t medium;
    k_prio_t boosted = K_TASK_PRIO_INVALID;

    if (make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocol, PX_T_PRIO(+2)) == 0 &&
        px_t_spawn(&low, -1, inv_low, NULL) == 0) {
        px_t_yield_to_lower(); /* low locks m and blocks on gate */
        (void)px_t_spawn(&high, +2, inv_high, NULL);
        (void)px_t_spawn(&medium, +1, inv_medium, NULL);
        boosted = ((const k_task_t *)(uintptr_t)low)->prio;
        (void)sem_post(&gate);
        (void)sem_post(&gate2);
        (void)pthread_join(high, NULL);
        (void)pthread_join(medium, NULL);
        (void)pthread_join(low, NULL);
        (void)pthread_mutex_destroy(&m);
    }
    return boosted;
}

/* PRIO_NONE: medium overtakes low while high waits (the inversion POSIX allows). */
static void test_prio_none_lets_inversion_happen(void)
{
    TT_ASSERT_EQ(inversion(PTHREAD_PRIO_NONE), TT_RUNNER_PRIO + 1u);
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(order[0], 2);
    TT_ASSERT_EQ(order[1], 1);
    TT_ASSERT_EQ(order[2], 3);
}

/* PRIO_INHERIT: low runs at high's priority until it releases m. */
static void test_prio_inherit_prevents_inversion(void)
{
#if TOS_CFG_MUTEX_EN > 0u
    TT_ASSERT_EQ(inversion(PTHREAD_PRIO_INHERIT), TT_RUNNER_PRIO - 2u);
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(order[0], 1);
    TT_ASSERT_EQ(order[1], 3);
    TT_ASSERT_EQ(order[2], 2);
#else
    TT_SKIP("TOS_CFG_MUTEX_EN is 0: no PTHREAD_PRIO_INHERIT");
#endif
}

/* PRIO_PROTECT: low runs at the ceiling from the moment it locks. */
static void test_prio_protect_prevents_inversion(void)
{
    TT_ASSERT_EQ(inversion(PTHREAD_PRIO_PROTECT), TT_RUNNER_PRIO - 2u);
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(order[0], 1);
    TT_ASSERT_EQ(order[1], 3);
    TT_ASSERT_EQ(order[2], 2);
}

/* A boosted thread still reports its own (base) priority. */
static void *boosted_reporter(void *arg)
{
    int policy;
    struct sched_param param;

    (void)arg;
    (void)pthread_mutex_lock(&m);
    (void)sem_wait(&gate);
    (void)pthread_getschedparam(pthread_self(), &policy, &param);
    results[4] = param.sched_priority;
    results[5] = tos_task_curr_task_get()->prio;
    (void)pthread_mutex_unlock(&m);
    results[6] = tos_task_curr_task_get()->prio;
    return NULL;
}

static void test_boosted_thread_reports_base_priority(void)
{
    pthread_t t;
    unsigned i;

    for (i = 1u; i < PROTOCOL_COUNT; ++i) { /* PROTECT, INHERIT */
        TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocols[i], PX_T_PRIO(+2)), 0);
        TT_ASSERT_EQ(px_t_spawn(&t, -1, boosted_reporter, NULL), 0);
        px_t_yield_to_lower();
        TT_ASSERT_EQ(sem_post(&gate), 0);
        if (protocols[i] == PTHREAD_PRIO_PROTECT) {
            TT_ASSERT_EQ(results[4], PX_T_PRIO(-1)); /* ran at the ceiling, inside sem_post */
        } else {
            TT_ASSERT_EQ(pthread_mutex_lock(&m), 0); /* boosts it to our priority */
            TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
        }
        TT_ASSERT_EQ(pthread_join(t, NULL), 0);
        TT_ASSERT_EQ(results[4], PX_T_PRIO(-1));
        TT_ASSERT_LT(results[5], (int)TT_RUNNER_PRIO + 1);
        TT_ASSERT_EQ(results[6], TT_RUNNER_PRIO + 1u);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    }
}

/* A plain task reports its base priority too, whatever boosts it. */
static void test_plain_task_reports_base_priority_when_boosted(void)
{
    pthread_t t;
    int policy;
    struct sched_param param;
    unsigned i;

    for (i = 1u; i < PROTOCOL_COUNT; ++i) { /* PROTECT, INHERIT */
        TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocols[i], PX_T_PRIO(+2)), 0);
        TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
        TT_ASSERT_EQ(px_t_spawn(&t, +2, inv_high, NULL), 0); /* waits: boosts us (INHERIT) */
        TT_ASSERT_EQ(tos_task_curr_task_get()->prio, TT_RUNNER_PRIO - 2u);
        TT_ASSERT_EQ(pthread_getschedparam(pthread_self(), &policy, &param), 0);
        TT_ASSERT_EQ(param.sched_priority, PX_T_RUNNER_PRIO);
        TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
        TT_ASSERT_EQ(tos_task_curr_task_get()->prio, TT_RUNNER_PRIO);
        TT_ASSERT_EQ(pthread_join(t, NULL), 0);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    }
}

/* A recursive inheriting mutex nests as deep as the kernel mutex does. */
static void test_recursive_inherit_depth_limit(void)
{
#if TOS_CFG_MUTEX_EN > 0u
    int i;

    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_RECURSIVE, PTHREAD_PRIO_INHERIT, 1), 0);
    for (i = 0; i < (int)K_MUTEX_NESTING_MAX; ++i) {
        TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
    }
    TT_ASSERT_EQ(pthread_mutex_lock(&m), EAGAIN);
    TT_ASSERT_EQ(pthread_mutex_trylock(&m), EAGAIN);
    for (i = 0; i < (int)K_MUTEX_NESTING_MAX; ++i) {
        TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    }
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), EPERM);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
#else
    TT_SKIP("TOS_CFG_MUTEX_EN is 0: no PTHREAD_PRIO_INHERIT");
#endif
}

/* ---- ceilings ------------------------------------------------------------------------------ */

static void *nested_ceilings(void *arg)
{
    (void)arg;
    (void)pthread_mutex_lock(&m); /* ceiling +1 */
    results[0] = tos_task_curr_task_get()->prio;
    (void)pthread_mutex_lock(&m2); /* ceiling +2 */
    results[1] = tos_task_curr_task_get()->prio;
    (void)pthread_mutex_unlock(&m); /* out of order: +2 still holds */
    results[2] = tos_task_curr_task_get()->prio;
    (void)pthread_setschedprio(pthread_self(), PX_T_PRIO(-2)); /* a new base, kept for later */
    results[3] = tos_task_curr_task_get()->prio;
    (void)pthread_mutex_unlock(&m2);
    results[4] = tos_task_curr_task_get()->prio;
    return NULL;
}

static void test_ceilings_nest_in_any_order(void)
{
    pthread_t t;

    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, PTHREAD_PRIO_PROTECT, PX_T_PRIO(+1)), 0);
    TT_ASSERT_EQ(make_mutex(&m2, PTHREAD_MUTEX_DEFAULT, PTHREAD_PRIO_PROTECT, PX_T_PRIO(+2)), 0);
    TT_ASSERT_EQ(px_t_spawn(&t, -1, nested_ceilings, NULL), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], TT_RUNNER_PRIO - 1u);
    TT_ASSERT_EQ(results[1], TT_RUNNER_PRIO - 2u);
    TT_ASSERT_EQ(results[2], TT_RUNNER_PRIO - 2u);
    TT_ASSERT_EQ(results[3], TT_RUNNER_PRIO - 2u);
    TT_ASSERT_EQ(results[4], TT_RUNNER_PRIO + 2u);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m2), 0);
}

static void test_ceiling_errors_and_changes(void)
{
    int ceiling = -1;

    /* The runner is more urgent than this ceiling. */
    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, PTHREAD_PRIO_PROTECT, PX_T_PRIO(-1)), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_trylock(&m), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_getprioceiling(&m, &ceiling), 0);
    TT_ASSERT_EQ(ceiling, PX_T_PRIO(-1));
    TT_ASSERT_EQ(pthread_mutex_setprioceiling(&m, PX_T_PRIO(+1), &ceiling), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);

    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, PTHREAD_PRIO_PROTECT, PX_T_PRIO(+1)), 0);
    TT_ASSERT_EQ(pthread_mutex_setprioceiling(&m, PX_T_PRIO(+2), &ceiling), 0);
    TT_ASSERT_EQ(ceiling, PX_T_PRIO(+1));
    TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
    TT_ASSERT_EQ(tos_task_curr_task_get()->prio, TT_RUNNER_PRIO - 2u);
    /* Changed by the owner: applies at once. */
    TT_ASSERT_EQ(pthread_mutex_setprioceiling(&m, PX_T_PRIO(+1), &ceiling), 0);
    TT_ASSERT_EQ(tos_task_curr_task_get()->prio, TT_RUNNER_PRIO - 1u);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    TT_ASSERT_EQ(tos_task_curr_task_get()->prio, TT_RUNNER_PRIO);
    TT_ASSERT_EQ(pthread_mutex_setprioceiling(&m, 0, &ceiling), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);

    TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, PTHREAD_PRIO_NONE, 1), 0);
    TT_ASSERT_EQ(pthread_mutex_getprioceiling(&m, &ceiling), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_setprioceiling(&m, 1, &ceiling), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_consistent(&m), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
}

/* ---- life cycle, static initialisers, ISRs ----------------------------------------------- */

static void test_init_destroy_errors(void)
{
    TT_ASSERT_EQ(pthread_mutex_init(NULL, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_lock(NULL), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_unlock(NULL), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_init(&m, NULL), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), EBUSY);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&m), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_trylock(&m), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_unlock(&m), EINVAL);
    TT_ASSERT_EQ(pthread_mutex_destroy(&m), EINVAL);
    /* An object of another kind is refused. */
    TT_ASSERT_EQ(pthread_mutex_lock((pthread_mutex_t *)(void *)&gate), EINVAL);
}

static pthread_mutex_t static_default = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t static_recursive = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pthread_mutex_t static_errorcheck = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;

static void test_static_initializers(void)
{
    TT_ASSERT_EQ(pthread_mutex_lock(&static_default), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&static_default), EDEADLK);
    TT_ASSERT_EQ(pthread_mutex_unlock(&static_default), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&static_recursive), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&static_recursive), 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&static_recursive), 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&static_recursive), 0);
    TT_ASSERT_EQ(pthread_mutex_unlock(&static_recursive), EPERM);
    TT_ASSERT_EQ(pthread_mutex_trylock(&static_errorcheck), 0);
    TT_ASSERT_EQ(pthread_mutex_lock(&static_errorcheck), EDEADLK);
    TT_ASSERT_EQ(pthread_mutex_unlock(&static_errorcheck), 0);
    TT_ASSERT_EQ(pthread_mutex_destroy(&static_errorcheck), 0);
}

static void isr_mutex(void)
{
    tos_knl_irq_enter();
    isr_err[0] = pthread_mutex_lock(&m);
    isr_err[1] = pthread_mutex_trylock(&m);
    isr_err[2] = pthread_mutex_unlock(&m);
    tos_knl_irq_leave();
}

static void test_mutex_refused_in_isr(void)
{
    unsigned i;

    for (i = 0u; i < PROTOCOL_COUNT; ++i) {
        TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocols[i], PX_T_PRIO(+3)), 0);
        memset(isr_err, 0, sizeof(isr_err));
        tt_irq_connect(TEST_IRQ, isr_mutex);
        tt_irq_raise(TEST_IRQ);
        TT_ASSERT_EQ(isr_err[0], EPERM);
        TT_ASSERT_EQ(isr_err[1], EPERM);
        TT_ASSERT_EQ(isr_err[2], EPERM);
        TT_ASSERT_EQ(pthread_mutex_trylock(&m), 0); /* untouched */
        TT_ASSERT_EQ(pthread_mutex_unlock(&m), 0);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    }
}

/* With the scheduler locked a busy mutex cannot be waited for. */
static void test_lock_with_scheduler_locked_is_eperm(void)
{
    pthread_t t;
    unsigned i;

    for (i = 0u; i < PROTOCOL_COUNT; ++i) {
        TT_ASSERT_EQ(make_mutex(&m, PTHREAD_MUTEX_DEFAULT, protocols[i], PX_T_PRIO(+3)), 0);
        TT_ASSERT_EQ(px_t_spawn(&t, +1, holder, NULL), 0);
        TT_ASSERT_EQ(tos_knl_sched_lock(), K_ERR_NONE);
        TT_ASSERT_EQ(pthread_mutex_lock(&m), EPERM);
        TT_ASSERT_EQ(tos_knl_sched_unlock(), K_ERR_NONE);
        TT_ASSERT_EQ(sem_post(&gate), 0);
        TT_ASSERT_EQ(pthread_join(t, NULL), 0);
        TT_ASSERT_EQ(pthread_mutex_destroy(&m), 0);
    }
}

TT_SUITE("posix_mutex", setup, teardown, TT_CASE(test_mutexattr_defaults_and_setters),
         TT_CASE(test_types_prio_none), TT_CASE(test_types_prio_protect),
         TT_CASE(test_types_prio_inherit), TT_CASE(test_handoff_to_most_urgent_waiter),
         TT_CASE(test_busy_mutex_try_and_timed), TT_CASE(test_timed_lock_obtained_before_deadline),
         TT_CASE(test_realtime_timedlock_follows_clock_settime),
         TT_CASE(test_prio_none_lets_inversion_happen),
         TT_CASE(test_prio_inherit_prevents_inversion),
         TT_CASE(test_prio_protect_prevents_inversion),
         TT_CASE(test_boosted_thread_reports_base_priority),
         TT_CASE(test_plain_task_reports_base_priority_when_boosted),
         TT_CASE(test_recursive_inherit_depth_limit), TT_CASE(test_ceilings_nest_in_any_order),
         TT_CASE(test_ceiling_errors_and_changes), TT_CASE(test_init_destroy_errors),
         TT_CASE(test_static_initializers), TT_CASE(test_mutex_refused_in_isr),
         TT_CASE(test_lock_with_scheduler_locked_is_eperm));

#else

TT_SUITE_SKIPPED("posix_mutex", "the POSIX adapter needs the task kernel");

#endif
