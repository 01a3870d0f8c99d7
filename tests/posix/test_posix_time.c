/*
 * POSIX adapter, clocks, sleeps and timers: CLOCK_MONOTONIC and
 * CLOCK_REALTIME (set, followed by absolute waits and timers), nanosleep,
 * clock_nanosleep, sleep and usleep to the tick, timers with SIGEV_THREAD
 * (one-shot, periodic, absolute, overruns, deletion from the notification)
 * and SIGEV_NONE, and the functions usable from an ISR.
 */
#include <string.h>
#include <unistd.h>

#include "px_test.h"

#if TOS_POSIX_EN

#define TEST_IRQ 13u
#define HZ       ((long long)TOS_CFG_CPU_TICK_PER_SECOND)
#define MS(ms)   ((long long)(ms)*HZ / 1000LL) /* ticks */

static volatile int fired;
static volatile long long fired_at[16];
static int results[4];
static sem_t gate;

#define EXPECT_ERRNO(call, err)   \
    do {                          \
        errno = 0;                \
        TT_ASSERT_EQ((call), -1); \
        TT_ASSERT_EQ(errno, err); \
    } while (0)

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    fired = 0;
    memset((void *)fired_at, 0, sizeof(fired_at));
    memset(results, 0, sizeof(results));
    memset(&gate, 0, sizeof(gate));
    TT_ASSERT_EQ(sem_init(&gate, 0, 0u), 0);
}

#if TOS_CFG_TIMER_EN > 0u
static timer_t tmr;
#endif

static void teardown(void)
{
#if TOS_CFG_TIMER_EN > 0u
    (void)timer_delete(tmr); /* a failed case may have left it; EINVAL otherwise */
#endif
    (void)sem_destroy(&gate);
}

static long long ts_ns(const struct timespec *ts)
{
    return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

/* ---- clocks ---------------------------------------------------------------------- */

static void test_monotonic_counts_ticks(void)
{
    struct timespec ts;
    struct timespec res;
    k_tick_t before = tos_systick_get();

    TT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
    TT_ASSERT_EQ(ts_ns(&ts), (long long)before * (1000000000LL / HZ));
    TT_ASSERT_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
    TT_ASSERT_EQ(ts_ns(&res), 1000000000LL / HZ);
    TT_ASSERT_EQ(clock_getres(CLOCK_REALTIME, NULL), 0);
    EXPECT_ERRNO(clock_gettime((clockid_t)1234, &ts), EINVAL);
    EXPECT_ERRNO(clock_gettime(CLOCK_MONOTONIC, NULL), EINVAL);
    EXPECT_ERRNO(clock_getres((clockid_t)1234, &res), EINVAL);
}

static void test_realtime_is_settable_monotonic_is_not(void)
{
    struct timespec set = {1700000000, 250000000L};
    struct timespec rt;
    struct timespec mono;
    struct timespec ten = px_t_ms(10);
    struct timespec bad = {5, 1000000000L};
    struct timespec before_epoch = {-1, 0};

    TT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &mono), 0);
    TT_ASSERT_EQ(clock_settime(CLOCK_REALTIME, &set), 0);
    TT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &rt), 0);
    TT_ASSERT_EQ(ts_ns(&rt), ts_ns(&set));
    TT_ASSERT_EQ(nanosleep(&ten, NULL), 0);
    TT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &rt), 0);
    TT_ASSERT_EQ(ts_ns(&rt), ts_ns(&set) + 10000000LL);
    EXPECT_ERRNO(clock_settime(CLOCK_MONOTONIC, &set), EINVAL);
    EXPECT_ERRNO(clock_settime(CLOCK_REALTIME, &bad), EINVAL);
    EXPECT_ERRNO(clock_settime(CLOCK_REALTIME, &before_epoch), EINVAL);
    EXPECT_ERRNO(clock_settime(CLOCK_REALTIME, NULL), EINVAL);
    /* CLOCK_MONOTONIC went on untouched. */
    TT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &rt), 0);
    TT_ASSERT_EQ(ts_ns(&rt) - ts_ns(&mono), 10000000LL);
}

static void isr_clock(void)
{
    struct timespec ts;

    tos_knl_irq_enter();
    results[0] = clock_gettime(CLOCK_MONOTONIC, &ts);
    results[1] = clock_settime(CLOCK_REALTIME, &ts) == 0 ? 0 : errno;
    results[2] = nanosleep(&ts, NULL) == 0 ? 0 : errno;
    tos_knl_irq_leave();
}

static void test_clocks_from_isr(void)
{
    tt_irq_connect(TEST_IRQ, isr_clock);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], EPERM);
    TT_ASSERT_EQ(results[2], EPERM);
}

/* ---- sleeps ------------------------------------------------------------------------ */

static void test_nanosleep_rounds_up_to_ticks(void)
{
    struct timespec d;
    long long t0;

    d = px_t_ms(10);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(nanosleep(&d, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, MS(10));
    d.tv_sec = 0;
    d.tv_nsec = 1; /* less than a tick: one tick */
    t0 = px_t_ticks();
    TT_ASSERT_EQ(nanosleep(&d, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, 1);
    d.tv_nsec = 0; /* zero: no wait */
    t0 = px_t_ticks();
    TT_ASSERT_EQ(nanosleep(&d, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, 0);
    d.tv_sec = 2;
    d.tv_nsec = 500000000L;
    t0 = px_t_ticks();
    TT_ASSERT_EQ(nanosleep(&d, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, MS(2500));
}

static void test_nanosleep_errors(void)
{
    struct timespec d = {0, 1000000000L};
    struct timespec neg = {-1, 0};

    EXPECT_ERRNO(nanosleep(&d, NULL), EINVAL);
    d.tv_nsec = -1;
    EXPECT_ERRNO(nanosleep(&d, NULL), EINVAL);
    EXPECT_ERRNO(nanosleep(&neg, NULL), EINVAL);
    EXPECT_ERRNO(nanosleep(NULL, NULL), EINVAL);
    d.tv_nsec = 1000;
    TT_ASSERT_EQ(tos_knl_sched_lock(), K_ERR_NONE);
    EXPECT_ERRNO(nanosleep(&d, NULL), EPERM);
    TT_ASSERT_EQ(tos_knl_sched_unlock(), K_ERR_NONE);
}

static void test_clock_nanosleep_relative_and_absolute(void)
{
    struct timespec d = px_t_ms(7);
    struct timespec abs;
    struct timespec bad = {0, 1000000000L};
    long long t0 = px_t_ticks();

    TT_ASSERT_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, MS(7));
    t0 = px_t_ticks();
    TT_ASSERT_EQ(clock_nanosleep(CLOCK_REALTIME, 0, &d, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, MS(7));
    abs = px_t_abs(CLOCK_MONOTONIC, 33);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, MS(33));
    abs = px_t_abs(CLOCK_REALTIME, 21);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, MS(21));
    /* In the past: no wait. */
    t0 = px_t_ticks();
    TT_ASSERT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &d, NULL), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, 0);
    /* Errors are returned, not put in errno. */
    TT_ASSERT_EQ(clock_nanosleep((clockid_t)1234, 0, &d, NULL), EINVAL);
    TT_ASSERT_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
    TT_ASSERT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, NULL, NULL), EINVAL);
#ifdef CLOCK_PROCESS_CPUTIME_ID
    TT_ASSERT_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &d, NULL), ENOTSUP);
#endif
}

static void *realtime_sleeper(void *arg)
{
    struct timespec abs = px_t_abs(CLOCK_REALTIME, 100);
    long long t0 = px_t_ticks();

    (void)arg;
    results[0] = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL);
    results[1] = (int)(px_t_ticks() - t0);
    return NULL;
}

/* An absolute CLOCK_REALTIME sleep follows clock changes both ways. */
static void test_realtime_sleep_follows_clock_settime(void)
{
    pthread_t t;
    struct timespec now;
    struct timespec ten = px_t_ms(10);

    /* Set forward past the deadline: wakes at once. */
    TT_ASSERT_EQ(px_t_spawn(&t, +1, realtime_sleeper, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&ten, NULL), 0);
    TT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &now), 0);
    now.tv_sec += 5;
    TT_ASSERT_EQ(clock_settime(CLOCK_REALTIME, &now), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], MS(10));
    /* Set back by 50 ms: sleeps 50 ms longer. */
    TT_ASSERT_EQ(px_t_spawn(&t, +1, realtime_sleeper, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&ten, NULL), 0);
    TT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &now), 0);
    now.tv_nsec -= 50000000L;
    if (now.tv_nsec < 0) {
        now.tv_nsec += 1000000000L;
        --now.tv_sec;
    }
    TT_ASSERT_EQ(clock_settime(CLOCK_REALTIME, &now), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], MS(150));
}

static void test_sleep_and_usleep(void)
{
    long long t0 = px_t_ticks();

    TT_ASSERT_EQ(sleep(2u), 0u);
    TT_ASSERT_EQ(px_t_ticks() - t0, 2 * HZ);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(usleep(1500ul), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, MS(2)); /* rounded up to whole ticks */
    TT_ASSERT_EQ(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_EQ(sleep(3u), 3u); /* cannot block: nothing slept */
    EXPECT_ERRNO(usleep(10ul), EPERM);
    TT_ASSERT_EQ(tos_knl_sched_unlock(), K_ERR_NONE);
}

/* ---- timers --------------------------------------------------------------------- */

#if TOS_CFG_TIMER_EN > 0u

static void on_expiry(union sigval value)
{
    if (fired < 16) {
        fired_at[fired] = px_t_ticks();
    }
    ++fired;
    results[3] = value.sival_int;
}

static int make_timer(timer_t *t, clockid_t clock, void (*fn)(union sigval), int value)
{
    struct sigevent ev;

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = fn;
    ev.sigev_value.sival_int = value;
    return timer_create(clock, &ev, t);
}

static struct itimerspec its(long value_ms, long interval_ms)
{
    struct itimerspec v;

    v.it_value = px_t_ms(value_ms);
    v.it_interval = px_t_ms(interval_ms);
    return v;
}

static void test_timer_one_shot_fires_at_its_tick(void)
{
    struct itimerspec v = its(30, 0);
    struct itimerspec cur;
    long long t0;

    TT_ASSERT_EQ(make_timer(&tmr, CLOCK_MONOTONIC, on_expiry, 77), 0);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(timer_settime(tmr, 0, &v, NULL), 0);
    TT_ASSERT_EQ(timer_gettime(tmr, &cur), 0);
    TT_ASSERT_EQ(ts_ns(&cur.it_value), 30000000LL);
    TT_ASSERT_EQ(ts_ns(&cur.it_interval), 0);
    v = its(100, 0);
    TT_ASSERT_EQ(nanosleep(&v.it_value, NULL), 0);
    TT_ASSERT_EQ(fired, 1);
    TT_ASSERT_EQ(fired_at[0] - t0, MS(30));
    TT_ASSERT_EQ(results[3], 77);
    TT_ASSERT_EQ(timer_gettime(tmr, &cur), 0);
    TT_ASSERT_EQ(ts_ns(&cur.it_value), 0); /* disarmed after its one expiry */
    TT_ASSERT_EQ(timer_getoverrun(tmr), 0);
    TT_ASSERT_EQ(timer_delete(tmr), 0);
}

static void test_timer_periodic_keeps_its_schedule(void)
{
    struct itimerspec v = its(20, 10);
    struct itimerspec old;
    struct timespec wait = px_t_ms(55);
    long long t0;
    int i;

    TT_ASSERT_EQ(make_timer(&tmr, CLOCK_MONOTONIC, on_expiry, 1), 0);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(timer_settime(tmr, 0, &v, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0); /* expiries at 20, 30, 40, 50 */
    TT_ASSERT_EQ(fired, 4);
    for (i = 0; i < 4; ++i) {
        TT_ASSERT_EQ(fired_at[i] - t0, MS(20 + 10 * i));
    }
    /* Disarm, reporting the old setting: next expiry in 5 ms, every 10 ms. */
    memset(&v, 0, sizeof(v));
    TT_ASSERT_EQ(timer_settime(tmr, 0, &v, &old), 0);
    TT_ASSERT_EQ(ts_ns(&old.it_value), 5000000LL);
    TT_ASSERT_EQ(ts_ns(&old.it_interval), 10000000LL);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(fired, 4);
    TT_ASSERT_EQ(timer_delete(tmr), 0);
}

static void *busy_25_ticks(void *arg)
{
    int i;

    (void)arg;
    for (i = 0; i < 25; ++i) {
        tt_busy((uint32_t)(TOS_CFG_CPU_CLOCK / TOS_CFG_CPU_TICK_PER_SECOND)); /* one tick */
    }
    return NULL;
}

static void note_expiry(union sigval value)
{
    (void)value;
    if (fired < 16) {
        fired_at[fired] = px_t_ticks();
    }
    results[fired < 4 ? fired : 3] = timer_getoverrun(tmr);
    ++fired;
}

/*
 * A busy thread keeps the kernel from servicing the timer (timer task mode):
 * the expiries keep their schedule, the ones missed count as overruns.
 */
static void test_timer_late_service_keeps_schedule(void)
{
    pthread_t busy;
    pthread_attr_t attr;
    struct sched_param param;
    struct sigevent ev;
    struct itimerspec v = its(10, 10);
    struct timespec wait = px_t_ms(45);
    long long t0;

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED), 0);
    param.sched_priority = PX_T_PRIO(+2);
    TT_ASSERT_EQ(pthread_attr_setschedparam(&attr, &param), 0);
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = note_expiry;
    ev.sigev_notify_attributes = &attr;
    TT_ASSERT_EQ(timer_create(CLOCK_MONOTONIC, &ev, &tmr), 0);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(timer_settime(tmr, 0, &v, NULL), 0);
    TT_ASSERT_EQ(px_t_spawn(&busy, -1, busy_25_ticks, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(pthread_join(busy, NULL), 0);
#if TOS_CFG_TIMER_AS_PROC > 0u
    /* Serviced in the tick interrupt: on time whatever the tasks do. */
    TT_ASSERT_EQ(fired, 4);
    TT_ASSERT_EQ(fired_at[0] - t0, MS(10));
    TT_ASSERT_EQ(fired_at[1] - t0, MS(20));
    TT_ASSERT_EQ(fired_at[2] - t0, MS(30));
    TT_ASSERT_EQ(results[0], 0);
#else
    /* Serviced at 25 for 10 (20 overran it), then 30 and 40 as scheduled. */
    TT_ASSERT_EQ(fired, 3);
    TT_ASSERT_EQ(fired_at[0] - t0, MS(25));
    TT_ASSERT_EQ(results[0], 1);
    TT_ASSERT_EQ(fired_at[1] - t0, MS(30));
    TT_ASSERT_EQ(fired_at[2] - t0, MS(40));
    TT_ASSERT_EQ(results[1], 0);
#endif
    TT_ASSERT_EQ(timer_delete(tmr), 0);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
}

static void blocking_expiry(union sigval value)
{
    (void)value;
    ++fired;
    results[0] = timer_getoverrun(tmr);
    if (fired == 1) {
        (void)sem_wait(&gate); /* expiries meanwhile become overruns */
    }
}

static void test_timer_overruns_counted_while_notification_pending(void)
{
    struct itimerspec v = its(10, 10);
    struct timespec wait = px_t_ms(45);

    TT_ASSERT_EQ(make_timer(&tmr, CLOCK_MONOTONIC, blocking_expiry, 0), 0);
    TT_ASSERT_EQ(timer_settime(tmr, 0, &v, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0); /* expiries at 10 (delivered), 20, 30, 40 */
    TT_ASSERT_EQ(fired, 1);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    wait = px_t_ms(1);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    /* 20 queued a notification, 30 and 40 overran it. */
    TT_ASSERT_EQ(fired, 2);
    TT_ASSERT_EQ(results[0], 2);
    TT_ASSERT_EQ(timer_getoverrun(tmr), 2);
    TT_ASSERT_EQ(timer_delete(tmr), 0);
}

static void test_timer_absolute_and_past(void)
{
    struct itimerspec v;
    struct timespec wait = px_t_ms(50);
    long long t0 = px_t_ticks();

    TT_ASSERT_EQ(make_timer(&tmr, CLOCK_MONOTONIC, on_expiry, 0), 0);
    v.it_value = px_t_abs(CLOCK_MONOTONIC, 25);
    v.it_interval = px_t_ms(0);
    TT_ASSERT_EQ(timer_settime(tmr, TIMER_ABSTIME, &v, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(fired, 1);
    TT_ASSERT_EQ(fired_at[0] - t0, MS(25));
    /* A time already passed expires at once. */
    v.it_value = px_t_abs(CLOCK_MONOTONIC, -10);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(timer_settime(tmr, TIMER_ABSTIME, &v, NULL), 0);
    wait = px_t_ms(1);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(fired, 2);
    TT_ASSERT_EQ(fired_at[1] - t0, 0);
    TT_ASSERT_EQ(timer_delete(tmr), 0);
}

/* A CLOCK_REALTIME absolute timer follows clock_settime. */
static void test_realtime_timer_follows_clock_settime(void)
{
    struct itimerspec v;
    struct timespec now;
    struct timespec wait = px_t_ms(10);
    long long t0 = px_t_ticks();

    TT_ASSERT_EQ(make_timer(&tmr, CLOCK_REALTIME, on_expiry, 0), 0);
    v.it_value = px_t_abs(CLOCK_REALTIME, 100);
    v.it_interval = px_t_ms(0);
    TT_ASSERT_EQ(timer_settime(tmr, TIMER_ABSTIME, &v, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &now), 0);
    now.tv_nsec += 60000000L; /* 60 ms later: 30 ms left */
    if (now.tv_nsec >= 1000000000L) {
        now.tv_nsec -= 1000000000L;
        ++now.tv_sec;
    }
    TT_ASSERT_EQ(clock_settime(CLOCK_REALTIME, &now), 0);
    wait = px_t_ms(100);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(fired, 1);
    TT_ASSERT_EQ(fired_at[0] - t0, MS(40));
    TT_ASSERT_EQ(timer_delete(tmr), 0);
}

static void delete_itself(union sigval value)
{
    (void)value;
    ++fired;
    results[0] = timer_delete(tmr);
}

/* A notification function may delete its own timer; its memory comes back. */
static void test_timer_deleted_from_its_notification(void)
{
    struct itimerspec v = its(5, 5);
    struct timespec wait = px_t_ms(30);
    unsigned long used = px_t_heap_baseline();

    TT_ASSERT_EQ(make_timer(&tmr, CLOCK_MONOTONIC, delete_itself, 0), 0);
    TT_ASSERT_EQ(timer_settime(tmr, 0, &v, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(fired, 1);
    TT_ASSERT_EQ(results[0], 0);
    EXPECT_ERRNO(timer_gettime(tmr, &v), EINVAL);
    TT_ASSERT_EQ(px_t_heap_baseline(), used);
}

/* Notification threads take their attributes from the sigevent. */
static void note_priority(union sigval value)
{
    (void)value;
    results[1] = tos_task_curr_task_get()->prio;
    ++fired;
}

static void test_timer_thread_attributes(void)
{
    struct sigevent ev;
    pthread_attr_t attr;
    struct sched_param param;
    struct itimerspec v = its(3, 0);
    struct timespec wait = px_t_ms(5);

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED), 0);
    param.sched_priority = PX_T_PRIO(+2);
    TT_ASSERT_EQ(pthread_attr_setschedparam(&attr, &param), 0);
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = note_priority;
    ev.sigev_notify_attributes = &attr;
    TT_ASSERT_EQ(timer_create(CLOCK_MONOTONIC, &ev, &tmr), 0);
    TT_ASSERT_EQ(timer_settime(tmr, 0, &v, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(fired, 1);
    TT_ASSERT_EQ(results[1], TT_RUNNER_PRIO - 2u);
    TT_ASSERT_EQ(timer_delete(tmr), 0);
    /* Invalid attributes are refused. */
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
    EXPECT_ERRNO(timer_create(CLOCK_MONOTONIC, &ev, &tmr), EINVAL);
}

static void test_timer_sigev_none_counts_time(void)
{
    struct sigevent ev;
    struct itimerspec v = its(40, 0);
    struct itimerspec cur;
    struct timespec wait = px_t_ms(15);

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_NONE;
    TT_ASSERT_EQ(timer_create(CLOCK_MONOTONIC, &ev, &tmr), 0);
    TT_ASSERT_EQ(timer_settime(tmr, 0, &v, NULL), 0);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(timer_gettime(tmr, &cur), 0);
    TT_ASSERT_EQ(ts_ns(&cur.it_value), 25000000LL);
    wait = px_t_ms(30);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(timer_gettime(tmr, &cur), 0);
    TT_ASSERT_EQ(ts_ns(&cur.it_value), 0);
    TT_ASSERT_EQ(timer_delete(tmr), 0);
}

static void test_timer_errors(void)
{
    struct sigevent ev;
    struct itimerspec v = its(10, 0);
    timer_t many[POSIX_CFG_TIMERS_MAX];
    timer_t extra;
    unsigned i;
    unsigned long used = px_t_heap_baseline();

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_SIGNAL;
    EXPECT_ERRNO(timer_create(CLOCK_MONOTONIC, &ev, &tmr), ENOTSUP);
    EXPECT_ERRNO(timer_create(CLOCK_MONOTONIC, NULL, &tmr), EINVAL);
    ev.sigev_notify = 99;
    EXPECT_ERRNO(timer_create(CLOCK_MONOTONIC, &ev, &tmr), EINVAL);
    ev.sigev_notify = SIGEV_THREAD; /* without a function */
    EXPECT_ERRNO(timer_create(CLOCK_MONOTONIC, &ev, &tmr), EINVAL);
    ev.sigev_notify = SIGEV_NONE;
    EXPECT_ERRNO(timer_create((clockid_t)1234, &ev, &tmr), EINVAL);
    EXPECT_ERRNO(timer_create(CLOCK_MONOTONIC, &ev, NULL), EINVAL);
    for (i = 0u; i < POSIX_CFG_TIMERS_MAX; ++i) {
        TT_ASSERT_EQ(timer_create(CLOCK_MONOTONIC, &ev, &many[i]), 0);
    }
    EXPECT_ERRNO(timer_create(CLOCK_MONOTONIC, &ev, &extra), EAGAIN);
    v.it_value.tv_nsec = 1000000000L;
    EXPECT_ERRNO(timer_settime(many[0], 0, &v, NULL), EINVAL);
    v.it_value.tv_nsec = 0;
    v.it_value.tv_sec = -1;
    EXPECT_ERRNO(timer_settime(many[0], 0, &v, NULL), EINVAL);
    EXPECT_ERRNO(timer_settime(many[0], 0, NULL, NULL), EINVAL);
    EXPECT_ERRNO(timer_gettime(many[0], NULL), EINVAL);
    for (i = 0u; i < POSIX_CFG_TIMERS_MAX; ++i) {
        TT_ASSERT_EQ(timer_delete(many[i]), 0);
    }
    EXPECT_ERRNO(timer_delete(many[0]), EINVAL);
    EXPECT_ERRNO(timer_settime(many[0], 0, &v, NULL), EINVAL);
    EXPECT_ERRNO(timer_getoverrun(many[0]), EINVAL);
    TT_ASSERT_EQ(px_t_heap_baseline(), used);
}

static void isr_timer(void)
{
    struct itimerspec v = its(10, 0);
    struct sigevent ev;
    timer_t t;

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_NONE;
    tos_knl_irq_enter();
    results[0] = timer_settime(tmr, 0, &v, NULL);
    results[1] = timer_gettime(tmr, &v) == 0 ? (int)(ts_ns(&v.it_value) / 1000000LL) : -1;
    results[2] = timer_create(CLOCK_MONOTONIC, &ev, &t) == 0 ? 0 : errno;
    results[3] = timer_delete(tmr) == 0 ? 0 : errno;
    tos_knl_irq_leave();
}

/* From an ISR a timer can be armed and read, not created or deleted. */
static void test_timer_from_isr(void)
{
    struct timespec wait = px_t_ms(12);
    long long t0;

    TT_ASSERT_EQ(make_timer(&tmr, CLOCK_MONOTONIC, on_expiry, 5), 0);
    tt_irq_connect(TEST_IRQ, isr_timer);
    t0 = px_t_ticks();
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], 10);
    TT_ASSERT_EQ(results[2], EPERM);
    TT_ASSERT_EQ(results[3], EPERM);
    TT_ASSERT_EQ(nanosleep(&wait, NULL), 0);
    TT_ASSERT_EQ(fired, 1);
    TT_ASSERT_EQ(fired_at[0] - t0, MS(10));
    TT_ASSERT_EQ(timer_delete(tmr), 0);
}

#else

static void test_timers_need_kernel_timers(void)
{
    struct sigevent ev;
    timer_t t;

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_NONE;
    EXPECT_ERRNO(timer_create(CLOCK_MONOTONIC, &ev, &t), ENOTSUP);
}

#endif /* TOS_CFG_TIMER_EN */

#if TOS_CFG_TIMER_EN > 0u

TT_SUITE("posix_time", setup, teardown, TT_CASE(test_monotonic_counts_ticks),
         TT_CASE(test_realtime_is_settable_monotonic_is_not), TT_CASE(test_clocks_from_isr),
         TT_CASE(test_nanosleep_rounds_up_to_ticks), TT_CASE(test_nanosleep_errors),
         TT_CASE(test_clock_nanosleep_relative_and_absolute),
         TT_CASE(test_realtime_sleep_follows_clock_settime), TT_CASE(test_sleep_and_usleep),
         TT_CASE(test_timer_one_shot_fires_at_its_tick),
         TT_CASE(test_timer_periodic_keeps_its_schedule),
         TT_CASE(test_timer_late_service_keeps_schedule),
         TT_CASE(test_timer_overruns_counted_while_notification_pending),
         TT_CASE(test_timer_absolute_and_past), TT_CASE(test_realtime_timer_follows_clock_settime),
         TT_CASE(test_timer_deleted_from_its_notification), TT_CASE(test_timer_thread_attributes),
         TT_CASE(test_timer_sigev_none_counts_time), TT_CASE(test_timer_errors),
         TT_CASE(test_timer_from_isr));

#else

TT_SUITE("posix_time", setup, teardown, TT_CASE(test_monotonic_counts_ticks),
         TT_CASE(test_realtime_is_settable_monotonic_is_not), TT_CASE(test_clocks_from_isr),
         TT_CASE(test_nanosleep_rounds_up_to_ticks), TT_CASE(test_nanosleep_errors),
         TT_CASE(test_clock_nanosleep_relative_and_absolute),
         TT_CASE(test_realtime_sleep_follows_clock_settime), TT_CASE(test_sleep_and_usleep),
         TT_CASE(test_timers_need_kernel_timers));

#endif

#else

TT_SUITE_SKIPPED("posix_time", "the POSIX adapter needs the task kernel");

#endif
