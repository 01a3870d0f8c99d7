/*
 * POSIX adapter, semaphores: unnamed (counting, hand-off to the most urgent
 * waiter, timed waits to the tick, overflow, ISR use) and named (open,
 * close, unlink life cycle, limits), errno on every failure.
 */
#include <fcntl.h>
#include <string.h>

#include "px_test.h"

#if TOS_POSIX_EN

#define TEST_IRQ 11u

static sem_t sem;
static volatile int order[8];
static volatile int order_n;
static int results[4];

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    order_n = 0;
    memset((void *)order, 0, sizeof(order));
    memset(results, 0, sizeof(results));
    memset(&sem, 0, sizeof(sem));
    TT_ASSERT_EQ(sem_init(&sem, 0, 0u), 0);
}

static void teardown(void)
{
    (void)sem_destroy(&sem);
}

/* Expects call to fail with -1 and errno err. */
#define EXPECT_ERRNO(call, err)   \
    do {                          \
        errno = 0;                \
        TT_ASSERT_EQ((call), -1); \
        TT_ASSERT_EQ(errno, err); \
    } while (0)

static void *taker(void *arg)
{
    if (sem_wait(&sem) == 0) {
        order[order_n++] = (int)(intptr_t)arg;
    }
    return NULL;
}

static void test_counting_and_getvalue(void)
{
    int v = -1;

    TT_ASSERT_EQ(sem_destroy(&sem), 0);
    TT_ASSERT_EQ(sem_init(&sem, 1, 2u), 0); /* pshared: one address space, accepted */
    TT_ASSERT_EQ(sem_getvalue(&sem, &v), 0);
    TT_ASSERT_EQ(v, 2);
    TT_ASSERT_EQ(sem_wait(&sem), 0);
    TT_ASSERT_EQ(sem_trywait(&sem), 0);
    EXPECT_ERRNO(sem_trywait(&sem), EAGAIN);
    TT_ASSERT_EQ(sem_post(&sem), 0);
    TT_ASSERT_EQ(sem_getvalue(&sem, &v), 0);
    TT_ASSERT_EQ(v, 1);
}

/* A post hands its unit to the most urgent waiter, FIFO among equals. */
static void test_post_wakes_most_urgent_first(void)
{
    pthread_t t[3];
    int v = -1;
    int i;

    TT_ASSERT_EQ(px_t_spawn(&t[0], -1, taker, (void *)1), 0);
    TT_ASSERT_EQ(px_t_spawn(&t[1], -2, taker, (void *)2), 0);
    TT_ASSERT_EQ(px_t_spawn(&t[2], -1, taker, (void *)3), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(sem_getvalue(&sem, &v), 0);
    TT_ASSERT_EQ(v, 0);
    for (i = 0; i < 3; ++i) {
        TT_ASSERT_EQ(sem_post(&sem), 0);
        /* The unit is the waiter's already: a trywait finds none. */
        EXPECT_ERRNO(sem_trywait(&sem), EAGAIN);
        px_t_yield_to_lower();
        TT_ASSERT_EQ(order_n, i + 1);
    }
    for (i = 0; i < 3; ++i) {
        TT_ASSERT_EQ(pthread_join(t[i], NULL), 0);
    }
    TT_ASSERT_EQ(order[0], 1);
    TT_ASSERT_EQ(order[1], 3);
    TT_ASSERT_EQ(order[2], 2);
}

static void test_timedwait_to_the_tick(void)
{
    struct timespec abs;
    struct timespec bad = {0, 1000000000L};
    long long t0;

    abs = px_t_abs(CLOCK_REALTIME, 25);
    t0 = px_t_ticks();
    EXPECT_ERRNO(sem_timedwait(&sem, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 25);
    abs = px_t_abs(CLOCK_MONOTONIC, 6);
    t0 = px_t_ticks();
    EXPECT_ERRNO(sem_clockwait(&sem, CLOCK_MONOTONIC, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 6);
    /* A bad abstime is reported only when the call would block. */
    EXPECT_ERRNO(sem_timedwait(&sem, &bad), EINVAL);
    EXPECT_ERRNO(sem_clockwait(&sem, (clockid_t)1234, &abs), EINVAL);
    TT_ASSERT_EQ(sem_post(&sem), 0);
    TT_ASSERT_EQ(sem_timedwait(&sem, &bad), 0);
}

static void *timed_taker(void *arg)
{
    struct timespec abs = px_t_abs(CLOCK_MONOTONIC, 100);
    long long t0 = px_t_ticks();

    (void)arg;
    results[0] = sem_clockwait(&sem, CLOCK_MONOTONIC, &abs);
    results[1] = (int)(px_t_ticks() - t0);
    return NULL;
}

static void test_timed_waiter_posted_before_deadline(void)
{
    pthread_t t;
    struct timespec d = px_t_ms(40);

    TT_ASSERT_EQ(px_t_spawn(&t, +1, timed_taker, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&d, NULL), 0);
    TT_ASSERT_EQ(sem_post(&sem), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], 40);
}

static void test_limits_and_errors(void)
{
    int v = 0;
    sem_t other;

    EXPECT_ERRNO(sem_init(NULL, 0, 0u), EINVAL);
    memset(&other, 0, sizeof(other));
    EXPECT_ERRNO(sem_init(&other, 0, (unsigned)SEM_VALUE_MAX + 1u), EINVAL);
    TT_ASSERT_EQ(sem_init(&other, 0, (unsigned)SEM_VALUE_MAX), 0);
    EXPECT_ERRNO(sem_post(&other), EOVERFLOW);
    TT_ASSERT_EQ(sem_getvalue(&other, &v), 0);
    TT_ASSERT_EQ(v, SEM_VALUE_MAX);
    TT_ASSERT_EQ(sem_destroy(&other), 0);
    EXPECT_ERRNO(sem_post(&other), EINVAL);
    EXPECT_ERRNO(sem_wait(&other), EINVAL);
    EXPECT_ERRNO(sem_trywait(&other), EINVAL);
    EXPECT_ERRNO(sem_getvalue(&other, &v), EINVAL);
    EXPECT_ERRNO(sem_destroy(&other), EINVAL);
    EXPECT_ERRNO(sem_getvalue(&sem, NULL), EINVAL);
    EXPECT_ERRNO(sem_close(&sem), EINVAL); /* not a named one */
}

static void test_destroy_with_waiters_is_ebusy(void)
{
    pthread_t t;

    TT_ASSERT_EQ(px_t_spawn(&t, +1, taker, (void *)1), 0);
    EXPECT_ERRNO(sem_destroy(&sem), EBUSY);
    TT_ASSERT_EQ(sem_post(&sem), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(order_n, 1);
}

static void test_wait_with_scheduler_locked_is_eperm(void)
{
    TT_ASSERT_EQ(tos_knl_sched_lock(), K_ERR_NONE);
    EXPECT_ERRNO(sem_wait(&sem), EPERM);
    TT_ASSERT_EQ(tos_knl_sched_unlock(), K_ERR_NONE);
}

static void isr_sem(void)
{
    int v = -1;

    tos_knl_irq_enter();
    results[0] = sem_post(&sem);
    results[1] = sem_trywait(&sem) == 0 ? 0 : errno;
    results[2] = sem_trywait(&sem) == 0 ? 0 : errno;
    results[3] = sem_wait(&sem) == 0 ? 0 : errno;
    (void)sem_getvalue(&sem, &v);
    (void)sem_post(&sem); /* wakes the waiter once we leave */
    tos_knl_irq_leave();
}

/* From an ISR: post and trywait work, a wait that would block is refused. */
static void test_isr_post_trywait_wait(void)
{
    pthread_t t;

    tt_irq_connect(TEST_IRQ, isr_sem);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, taker, (void *)7), 0);
    tt_irq_raise(TEST_IRQ);
    /* The first post went to the waiter; the ISR's trywaits found nothing. */
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], EAGAIN);
    TT_ASSERT_EQ(results[2], EAGAIN);
    TT_ASSERT_EQ(results[3], EPERM);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 7);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(sem_trywait(&sem), 0); /* the ISR's second post was counted */
}

/* ---- named semaphores ------------------------------------------------------------------ */

static void test_named_open_share_close_unlink(void)
{
    sem_t *a;
    sem_t *b;
    sem_t *c;
    int v = -1;
    unsigned long used = px_t_heap_baseline();

    a = sem_open("/px_sem", O_CREAT, 0600, 2u);
    TT_ASSERT(a != SEM_FAILED);
    b = sem_open("/px_sem", 0);
    TT_ASSERT_PTR_EQ(b, a); /* the same object */
    TT_ASSERT_EQ(sem_wait(b), 0);
    TT_ASSERT_EQ(sem_getvalue(a, &v), 0);
    TT_ASSERT_EQ(v, 1);
    EXPECT_ERRNO(sem_destroy(a), EINVAL); /* named: closed, not destroyed */
    /* Unlinked: the name is free again, the object lives on until closed. */
    TT_ASSERT_EQ(sem_unlink("/px_sem"), 0);
    EXPECT_ERRNO(sem_unlink("/px_sem"), ENOENT);
    errno = 0;
    TT_ASSERT_PTR_EQ(sem_open("/px_sem", 0), SEM_FAILED);
    TT_ASSERT_EQ(errno, ENOENT);
    c = sem_open("/px_sem", O_CREAT | O_EXCL, 0600, 5u);
    TT_ASSERT(c != SEM_FAILED);
    TT_ASSERT(c != a);
    TT_ASSERT_EQ(sem_post(a), 0);
    TT_ASSERT_EQ(sem_getvalue(a, &v), 0);
    TT_ASSERT_EQ(v, 2);
    TT_ASSERT_EQ(sem_close(a), 0);
    TT_ASSERT_EQ(sem_close(b), 0);
    EXPECT_ERRNO(sem_close(a), EINVAL); /* gone */
    TT_ASSERT_EQ(sem_getvalue(c, &v), 0);
    TT_ASSERT_EQ(v, 5);
    TT_ASSERT_EQ(sem_close(c), 0);
    TT_ASSERT_EQ(sem_unlink("/px_sem"), 0);
    TT_ASSERT_EQ(px_t_heap_used(), used);
}

static void test_named_errors(void)
{
    char long_name[POSIX_CFG_NAME_MAX + 2u];
    sem_t *s[POSIX_CFG_SEM_NSEMS_MAX];
    char name[8] = "/n0";
    unsigned i;

    memset(long_name, 'x', sizeof(long_name) - 1u);
    long_name[sizeof(long_name) - 1u] = '\0';
    errno = 0;
    TT_ASSERT_PTR_EQ(sem_open(long_name, O_CREAT, 0600, 0u), SEM_FAILED);
    TT_ASSERT_EQ(errno, ENAMETOOLONG);
    errno = 0;
    TT_ASSERT_PTR_EQ(sem_open("", O_CREAT, 0600, 0u), SEM_FAILED);
    TT_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    TT_ASSERT_PTR_EQ(sem_open(NULL, O_CREAT, 0600, 0u), SEM_FAILED);
    TT_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    TT_ASSERT_PTR_EQ(sem_open("/big", O_CREAT, 0600, (unsigned)SEM_VALUE_MAX + 1u), SEM_FAILED);
    TT_ASSERT_EQ(errno, EINVAL);
    EXPECT_ERRNO(sem_unlink(long_name), ENAMETOOLONG);
    EXPECT_ERRNO(sem_unlink(NULL), EINVAL);
    for (i = 0u; i < POSIX_CFG_SEM_NSEMS_MAX; ++i) {
        name[2] = (char)('0' + (char)i);
        s[i] = sem_open(name, O_CREAT | O_EXCL, 0600, 0u);
        TT_ASSERT(s[i] != SEM_FAILED);
    }
    errno = 0;
    TT_ASSERT_PTR_EQ(sem_open("/more", O_CREAT, 0600, 0u), SEM_FAILED);
    TT_ASSERT_EQ(errno, ENOSPC);
    errno = 0;
    name[2] = '0';
    TT_ASSERT_PTR_EQ(sem_open(name, O_CREAT | O_EXCL, 0600, 0u), SEM_FAILED);
    TT_ASSERT_EQ(errno, EEXIST);
    for (i = 0u; i < POSIX_CFG_SEM_NSEMS_MAX; ++i) {
        name[2] = (char)('0' + (char)i);
        TT_ASSERT_EQ(sem_close(s[i]), 0);
        TT_ASSERT_EQ(sem_unlink(name), 0);
    }
}

static sem_t *named;

static void *named_waiter(void *arg)
{
    (void)arg;
    results[0] = sem_wait(named) == 0 ? 0 : errno;
    return NULL;
}

/* Closing the last reference wakes whoever still waits on an unlinked semaphore. */
static void test_named_last_close_releases_waiters(void)
{
    pthread_t t;

    named = sem_open("/px_gone", O_CREAT, 0600, 0u);
    TT_ASSERT(named != SEM_FAILED);
    TT_ASSERT_EQ(sem_unlink("/px_gone"), 0);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, named_waiter, NULL), 0);
    TT_ASSERT_EQ(sem_close(named), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], EINVAL);
}

TT_SUITE("posix_sem", setup, teardown, TT_CASE(test_counting_and_getvalue),
         TT_CASE(test_post_wakes_most_urgent_first), TT_CASE(test_timedwait_to_the_tick),
         TT_CASE(test_timed_waiter_posted_before_deadline), TT_CASE(test_limits_and_errors),
         TT_CASE(test_destroy_with_waiters_is_ebusy),
         TT_CASE(test_wait_with_scheduler_locked_is_eperm), TT_CASE(test_isr_post_trywait_wait),
         TT_CASE(test_named_open_share_close_unlink), TT_CASE(test_named_errors),
         TT_CASE(test_named_last_close_releases_waiters));

#else

TT_SUITE_SKIPPED("posix_sem", "the POSIX adapter needs the task kernel");

#endif
