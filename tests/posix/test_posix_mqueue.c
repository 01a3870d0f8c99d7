/*
 * POSIX adapter, message queues: open/close/unlink life cycle and limits,
 * priorities and FIFO order, sizes, access modes, O_NONBLOCK, blocking and
 * timed send/receive to the tick, hand-off to waiting parties, ISR use,
 * mq_notify, cancellation.
 */
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <string.h>

#include "px_test.h"

#if TOS_POSIX_EN

#define TEST_IRQ 12u
#define MSGSIZE  16

static mqd_t q;
static volatile int order[8];
static volatile int order_n;
static int results[4];
static char got[8][MSGSIZE];

#define EXPECT_ERRNO(call, err)   \
    do {                          \
        errno = 0;                \
        TT_ASSERT_EQ((call), -1); \
        TT_ASSERT_EQ(errno, err); \
    } while (0)

static mqd_t open_queue(const char *name, int oflag, long maxmsg)
{
    struct mq_attr attr;

    memset(&attr, 0, sizeof(attr));
    attr.mq_maxmsg = maxmsg;
    attr.mq_msgsize = MSGSIZE;
    return mq_open(name, oflag | O_CREAT, 0600, &attr);
}

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    order_n = 0;
    memset((void *)order, 0, sizeof(order));
    memset(results, 0, sizeof(results));
    memset(got, 0, sizeof(got));
    q = open_queue("/px_q", O_RDWR, 4);
    TT_ASSERT(q != (mqd_t)-1);
}

static void teardown(void)
{
    (void)mq_close(q);
    (void)mq_unlink("/px_q");
}

static void test_open_attr_and_life_cycle(void)
{
    struct mq_attr attr;
    mqd_t r;

    TT_ASSERT_EQ(mq_getattr(q, &attr), 0);
    TT_ASSERT_EQ(attr.mq_maxmsg, 4);
    TT_ASSERT_EQ(attr.mq_msgsize, MSGSIZE);
    TT_ASSERT_EQ(attr.mq_curmsgs, 0);
    TT_ASSERT_EQ(attr.mq_flags, 0);
    r = mq_open("/px_q", O_RDONLY | O_NONBLOCK);
    TT_ASSERT(r != (mqd_t)-1);
    TT_ASSERT_EQ(mq_send(q, "abc", 3u, 1u), 0);
    TT_ASSERT_EQ(mq_getattr(r, &attr), 0);
    TT_ASSERT_EQ(attr.mq_curmsgs, 1);
    TT_ASSERT_EQ(attr.mq_flags, O_NONBLOCK);
    /* Unlinked: the name is gone, the queue lives while a descriptor is open. */
    TT_ASSERT_EQ(mq_unlink("/px_q"), 0);
    EXPECT_ERRNO(mq_unlink("/px_q"), ENOENT);
    errno = 0;
    TT_ASSERT(mq_open("/px_q", O_RDONLY) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, ENOENT);
    TT_ASSERT_EQ(mq_close(q), 0);
    TT_ASSERT_EQ(mq_receive(r, got[0], MSGSIZE, NULL), 3);
    TT_ASSERT_MEM_EQ(got[0], "abc", 3u);
    TT_ASSERT_EQ(mq_close(r), 0);
    EXPECT_ERRNO(mq_close(r), EBADF);
    q = open_queue("/px_q", O_RDWR, 4); /* for the teardown */
    TT_ASSERT(q != (mqd_t)-1);
}

static void test_default_geometry_and_memory(void)
{
    struct mq_attr attr;
    mqd_t d;
    unsigned long used = px_t_heap_baseline();

    d = mq_open("/px_default", O_CREAT | O_WRONLY, 0600, (struct mq_attr *)NULL);
    TT_ASSERT(d != (mqd_t)-1);
    TT_ASSERT_EQ(mq_getattr(d, &attr), 0);
    TT_ASSERT_EQ(attr.mq_maxmsg, POSIX_CFG_MQ_MAXMSG_DEFAULT);
    TT_ASSERT_EQ(attr.mq_msgsize, POSIX_CFG_MQ_MSGSIZE_DEFAULT);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_GT(px_t_heap_used(), used);
#endif
    TT_ASSERT_EQ(mq_close(d), 0);
    TT_ASSERT_EQ(mq_unlink("/px_default"), 0);
    TT_ASSERT_EQ(px_t_heap_used(), used);
}

static void test_open_errors(void)
{
    struct mq_attr attr;
    mqd_t d[POSIX_CFG_MQ_OPEN_MAX];
    char long_name[POSIX_CFG_NAME_MAX + 2u];
    unsigned i;

    errno = 0;
    TT_ASSERT(open_queue("/px_q", O_RDWR | O_EXCL, 4) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, EEXIST);
    errno = 0;
    TT_ASSERT(mq_open("/px_none", O_RDWR) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, ENOENT);
    errno = 0;
    TT_ASSERT(mq_open("/px_q", O_ACCMODE) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    TT_ASSERT(open_queue("/px_zero", O_RDWR, 0) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, EINVAL);
    memset(&attr, 0, sizeof(attr));
    attr.mq_maxmsg = 2;
    attr.mq_msgsize = 0;
    errno = 0;
    TT_ASSERT(mq_open("/px_zero", O_CREAT | O_RDWR, 0600, &attr) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, EINVAL);
    attr.mq_msgsize = 8;
    attr.mq_maxmsg = LONG_MAX; /* more than any heap holds */
    errno = 0;
    TT_ASSERT(mq_open("/px_huge", O_CREAT | O_RDWR, 0600, &attr) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, ENOMEM);
    errno = 0;
    TT_ASSERT(mq_open("", O_CREAT | O_RDWR, 0600, (struct mq_attr *)NULL) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, EINVAL);
    memset(long_name, 'q', sizeof(long_name) - 1u);
    long_name[sizeof(long_name) - 1u] = '\0';
    errno = 0;
    TT_ASSERT(mq_open(long_name, O_CREAT | O_RDWR, 0600, (struct mq_attr *)NULL) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, ENAMETOOLONG);
    EXPECT_ERRNO(mq_unlink(long_name), ENAMETOOLONG);
    EXPECT_ERRNO(mq_unlink(""), EINVAL);
    /* Descriptors: one is in use (q). */
    for (i = 0u; i + 1u < POSIX_CFG_MQ_OPEN_MAX; ++i) {
        d[i] = mq_open("/px_q", O_RDONLY);
        TT_ASSERT(d[i] != (mqd_t)-1);
    }
    errno = 0;
    TT_ASSERT(mq_open("/px_q", O_RDONLY) == (mqd_t)-1);
    TT_ASSERT_EQ(errno, EMFILE);
    for (i = 0u; i + 1u < POSIX_CFG_MQ_OPEN_MAX; ++i) {
        TT_ASSERT_EQ(mq_close(d[i]), 0);
    }
}

static void test_priority_then_fifo_order(void)
{
    unsigned prio = 99u;

    TT_ASSERT_EQ(mq_send(q, "low1", 5u, 1u), 0);
    TT_ASSERT_EQ(mq_send(q, "high", 5u, MQ_PRIO_MAX - 1u), 0);
    TT_ASSERT_EQ(mq_send(q, "low2", 5u, 1u), 0);
    TT_ASSERT_EQ(mq_send(q, "zero", 5u, 0u), 0);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, &prio), 5);
    TT_ASSERT_STR_EQ(got[0], "high");
    TT_ASSERT_EQ(prio, MQ_PRIO_MAX - 1u);
    TT_ASSERT_EQ(mq_receive(q, got[1], MSGSIZE, &prio), 5);
    TT_ASSERT_STR_EQ(got[1], "low1");
    TT_ASSERT_EQ(mq_receive(q, got[2], MSGSIZE, NULL), 5);
    TT_ASSERT_STR_EQ(got[2], "low2");
    TT_ASSERT_EQ(mq_receive(q, got[3], MSGSIZE, &prio), 5);
    TT_ASSERT_STR_EQ(got[3], "zero");
    TT_ASSERT_EQ(prio, 0u);
    /* Empty messages are messages too. */
    TT_ASSERT_EQ(mq_send(q, NULL, 0u, 3u), 0);
    TT_ASSERT_EQ(mq_receive(q, got[4], MSGSIZE, &prio), 0);
    TT_ASSERT_EQ(prio, 3u);
}

static void test_size_prio_and_access_errors(void)
{
    mqd_t wo;
    mqd_t ro;
    char big[MSGSIZE + 1];

    memset(big, 'b', sizeof(big));
    EXPECT_ERRNO(mq_send(q, big, sizeof(big), 0u), EMSGSIZE);
    EXPECT_ERRNO(mq_send(q, "x", 1u, MQ_PRIO_MAX), EINVAL);
    EXPECT_ERRNO(mq_send(q, NULL, 1u, 0u), EINVAL);
    TT_ASSERT_EQ(mq_send(q, big, MSGSIZE, 0u), 0);
    EXPECT_ERRNO(mq_receive(q, got[0], MSGSIZE - 1, NULL), EMSGSIZE);
    EXPECT_ERRNO(mq_receive(q, NULL, MSGSIZE, NULL), EINVAL);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, NULL), MSGSIZE);
    wo = mq_open("/px_q", O_WRONLY);
    ro = mq_open("/px_q", O_RDONLY);
    TT_ASSERT(wo != (mqd_t)-1 && ro != (mqd_t)-1);
    EXPECT_ERRNO(mq_receive(wo, got[0], MSGSIZE, NULL), EBADF);
    EXPECT_ERRNO(mq_send(ro, "x", 1u, 0u), EBADF);
    TT_ASSERT_EQ(mq_close(wo), 0);
    EXPECT_ERRNO(mq_send(wo, "x", 1u, 0u), EBADF);
    EXPECT_ERRNO(mq_send((mqd_t)(void *)&order, "x", 1u, 0u), EBADF);
    EXPECT_ERRNO(mq_getattr((mqd_t)(void *)&order, NULL), EINVAL);
    TT_ASSERT_EQ(mq_close(ro), 0);
}

static void test_nonblock_and_setattr(void)
{
    struct mq_attr attr;
    struct mq_attr old;
    int i;

    memset(&attr, 0, sizeof(attr));
    attr.mq_flags = O_NONBLOCK;
    attr.mq_maxmsg = 99; /* ignored */
    TT_ASSERT_EQ(mq_setattr(q, &attr, &old), 0);
    TT_ASSERT_EQ(old.mq_flags, 0);
    TT_ASSERT_EQ(old.mq_maxmsg, 4);
    EXPECT_ERRNO(mq_receive(q, got[0], MSGSIZE, NULL), EAGAIN);
    for (i = 0; i < 4; ++i) {
        TT_ASSERT_EQ(mq_send(q, "m", 1u, 0u), 0);
    }
    EXPECT_ERRNO(mq_send(q, "m", 1u, 0u), EAGAIN);
    TT_ASSERT_EQ(mq_getattr(q, &attr), 0);
    TT_ASSERT_EQ(attr.mq_maxmsg, 4);
    TT_ASSERT_EQ(attr.mq_curmsgs, 4);
    TT_ASSERT_EQ(attr.mq_flags, O_NONBLOCK);
    attr.mq_flags = 0x12345;
    EXPECT_ERRNO(mq_setattr(q, &attr, NULL), EINVAL);
    EXPECT_ERRNO(mq_setattr(q, NULL, NULL), EINVAL);
    attr.mq_flags = 0;
    TT_ASSERT_EQ(mq_setattr(q, &attr, NULL), 0);
    TT_ASSERT_EQ(mq_getattr(q, &attr), 0);
    TT_ASSERT_EQ(attr.mq_flags, 0);
}

/* Receives into got[arg]. */
static void *receiver(void *arg)
{
    if (mq_receive(q, got[(intptr_t)arg], MSGSIZE, NULL) >= 0) {
        order[order_n++] = (int)(intptr_t)arg;
    }
    return NULL;
}

/* A message goes straight to the most urgent waiting receiver. */
static void test_blocked_receivers_served_most_urgent_first(void)
{
    pthread_t a;
    pthread_t b;
    struct mq_attr attr;

    TT_ASSERT_EQ(px_t_spawn(&a, +1, receiver, (void *)1), 0);
    TT_ASSERT_EQ(px_t_spawn(&b, +2, receiver, (void *)2), 0);
    TT_ASSERT_EQ(mq_send(q, "first", 6u, 0u), 0);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 2);
    TT_ASSERT_STR_EQ(got[2], "first");
    TT_ASSERT_EQ(mq_getattr(q, &attr), 0);
    TT_ASSERT_EQ(attr.mq_curmsgs, 0); /* handed over, never queued */
    TT_ASSERT_EQ(mq_send(q, "second", 7u, 0u), 0);
    TT_ASSERT_EQ(order[1], 1);
    TT_ASSERT_STR_EQ(got[1], "second");
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(pthread_join(b, NULL), 0);
}

static void *sender(void *arg)
{
    if (mq_send(q, "late", 5u, (unsigned)(intptr_t)arg) == 0) {
        order[order_n++] = (int)(intptr_t)arg;
    }
    return NULL;
}

/* A full queue blocks senders; a receive gives the freed slot to the most urgent one. */
static void test_blocked_senders_get_freed_slots(void)
{
    pthread_t a;
    pthread_t b;
    unsigned prio = 0u;
    int i;

    for (i = 0; i < 4; ++i) {
        TT_ASSERT_EQ(mq_send(q, "full", 5u, 0u), 0);
    }
    TT_ASSERT_EQ(px_t_spawn(&a, +1, sender, (void *)1), 0);
    TT_ASSERT_EQ(px_t_spawn(&b, +2, sender, (void *)2), 0);
    TT_ASSERT_EQ(order_n, 0);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, NULL), 5);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 2);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, &prio), 5);
    TT_ASSERT_EQ(prio, 2u); /* the urgent sender's message overtook the rest */
    TT_ASSERT_EQ(order_n, 2);
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(pthread_join(b, NULL), 0);
}

static void test_timed_send_and_receive_to_the_tick(void)
{
    struct timespec abs;
    struct timespec bad = {0, -5};
    long long t0;
    int i;

    abs = px_t_abs(CLOCK_REALTIME, 13);
    t0 = px_t_ticks();
    EXPECT_ERRNO(mq_timedreceive(q, got[0], MSGSIZE, NULL, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 13);
    EXPECT_ERRNO(mq_timedreceive(q, got[0], MSGSIZE, NULL, &bad), EINVAL);
    for (i = 0; i < 4; ++i) {
        TT_ASSERT_EQ(mq_timedsend(q, "t", 1u, 0u, &bad), 0); /* room: abstime unchecked */
    }
    abs = px_t_abs(CLOCK_REALTIME, 9);
    t0 = px_t_ticks();
    EXPECT_ERRNO(mq_timedsend(q, "t", 1u, 0u, &abs), ETIMEDOUT);
    TT_ASSERT_EQ(px_t_ticks() - t0, 9);
    EXPECT_ERRNO(mq_timedsend(q, "t", 1u, 0u, &bad), EINVAL);
    TT_ASSERT_EQ(mq_timedreceive(q, got[0], MSGSIZE, NULL, &bad), 1);
}

static void isr_mq(void)
{
    tos_knl_irq_enter();
    results[0] = mq_send(q, "isr", 4u, 5u) == 0 ? 0 : errno;           /* to the receiver */
    results[1] = mq_send(q, "isr2", 5u, 5u) == 0 ? 0 : errno;          /* queued */
    results[2] = (int)mq_receive(q, got[5], MSGSIZE, NULL);            /* takes it back */
    results[3] = mq_receive(q, got[6], MSGSIZE, NULL) < 0 ? errno : 0; /* empty: no wait */
    tos_knl_irq_leave();
}

static void test_isr_send_and_receive_never_block(void)
{
    pthread_t t;

    TT_ASSERT_EQ(px_t_spawn(&t, +1, receiver, (void *)1), 0);
    tt_irq_connect(TEST_IRQ, isr_mq);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(results[0], 0);
    TT_ASSERT_EQ(results[1], 0);
    TT_ASSERT_EQ(results[2], 5);
    TT_ASSERT_STR_EQ(got[5], "isr2");
    TT_ASSERT_EQ(results[3], EAGAIN);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_STR_EQ(got[1], "isr");
}

/* ---- notification ---------------------------------------------------------------------- */

static volatile int notified;
static volatile int notified_value;

static void on_message(union sigval value)
{
    ++notified;
    notified_value = value.sival_int;
}

static void test_notify_thread_once_on_arrival(void)
{
    struct sigevent ev;
    pthread_t t;

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = on_message;
    ev.sigev_value.sival_int = 42;
    notified = 0;
    TT_ASSERT_EQ(mq_notify(q, &ev), 0);
    EXPECT_ERRNO(mq_notify(q, &ev), EBUSY);
    /* A waiting receiver takes the message: no notification. */
    TT_ASSERT_EQ(px_t_spawn(&t, +1, receiver, (void *)1), 0);
    TT_ASSERT_EQ(mq_send(q, "a", 2u, 0u), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(notified, 0);
    /* Empty to non-empty with nobody waiting: notified once, registration gone. */
    TT_ASSERT_EQ(mq_send(q, "b", 2u, 0u), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(notified, 1);
    TT_ASSERT_EQ(notified_value, 42);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, NULL), 2);
    TT_ASSERT_EQ(mq_send(q, "c", 2u, 0u), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(notified, 1);
    TT_ASSERT_EQ(mq_notify(q, &ev), 0); /* free to register again */
    TT_ASSERT_EQ(mq_notify(q, NULL), 0);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, NULL), 2);
}

static void test_notify_removed_by_null_and_close(void)
{
    struct sigevent ev;
    mqd_t other;
    unsigned long used;

    px_t_settle();
    used = px_t_heap_used();

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = on_message;
    notified = 0;
    TT_ASSERT_EQ(mq_notify(q, &ev), 0);
    TT_ASSERT_EQ(mq_notify(q, NULL), 0);
    TT_ASSERT_EQ(mq_send(q, "a", 2u, 0u), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(notified, 0);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, NULL), 2);
    /* A registration made through a descriptor goes when it is closed. */
    other = mq_open("/px_q", O_RDONLY);
    TT_ASSERT(other != (mqd_t)-1);
    TT_ASSERT_EQ(mq_notify(other, &ev), 0);
    TT_ASSERT_EQ(mq_close(other), 0);
    TT_ASSERT_EQ(mq_send(q, "a", 2u, 0u), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(notified, 0);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, NULL), 2);
    /* SIGEV_NONE registers without a thread; SIGEV_SIGNAL does not exist. */
    ev.sigev_notify = SIGEV_NONE;
    TT_ASSERT_EQ(mq_notify(q, &ev), 0);
    TT_ASSERT_EQ(mq_send(q, "a", 2u, 0u), 0);
    TT_ASSERT_EQ(mq_notify(q, &ev), 0); /* the arrival removed the registration */
    TT_ASSERT_EQ(mq_notify(q, NULL), 0);
    ev.sigev_notify = SIGEV_SIGNAL;
    EXPECT_ERRNO(mq_notify(q, &ev), ENOTSUP);
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = NULL;
    EXPECT_ERRNO(mq_notify(q, &ev), EINVAL);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, NULL), 2);
    /* The notification threads end and are reclaimed: nothing leaks. */
    px_t_settle();
    TT_ASSERT_EQ(px_t_heap_used(), used);
}

/* ---- cancellation and closing ----------------------------------------------------------- */

static void test_cancelled_receiver_leaves_queue_intact(void)
{
    pthread_t t;
    struct mq_attr attr;

    TT_ASSERT_EQ(px_t_spawn(&t, +1, receiver, (void *)1), 0);
    TT_ASSERT_EQ(pthread_cancel(t), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(order_n, 0);
    TT_ASSERT_EQ(mq_send(q, "kept", 5u, 0u), 0); /* queued: nobody waits any more */
    TT_ASSERT_EQ(mq_getattr(q, &attr), 0);
    TT_ASSERT_EQ(attr.mq_curmsgs, 1);
    TT_ASSERT_EQ(mq_receive(q, got[0], MSGSIZE, NULL), 5);
}

static void *gone_receiver(void *arg)
{
    mqd_t d = (mqd_t)arg;

    results[0] = mq_receive(d, got[0], MSGSIZE, NULL) < 0 ? errno : 0;
    return NULL;
}

/* A receiver still blocked when the last descriptor goes is sent away with EBADF. */
static void test_last_close_releases_blocked_receiver(void)
{
    pthread_t t;
    mqd_t d = open_queue("/px_gone", O_RDWR, 2);

    TT_ASSERT(d != (mqd_t)-1);
    TT_ASSERT_EQ(mq_unlink("/px_gone"), 0);
    TT_ASSERT_EQ(px_t_spawn(&t, +1, gone_receiver, d), 0);
    TT_ASSERT_EQ(mq_close(d), 0);
    TT_ASSERT_EQ(pthread_join(t, NULL), 0);
    TT_ASSERT_EQ(results[0], EBADF);
}

TT_SUITE("posix_mqueue", setup, teardown, TT_CASE(test_open_attr_and_life_cycle),
         TT_CASE(test_default_geometry_and_memory), TT_CASE(test_open_errors),
         TT_CASE(test_priority_then_fifo_order), TT_CASE(test_size_prio_and_access_errors),
         TT_CASE(test_nonblock_and_setattr),
         TT_CASE(test_blocked_receivers_served_most_urgent_first),
         TT_CASE(test_blocked_senders_get_freed_slots),
         TT_CASE(test_timed_send_and_receive_to_the_tick),
         TT_CASE(test_isr_send_and_receive_never_block),
         TT_CASE(test_notify_thread_once_on_arrival),
         TT_CASE(test_notify_removed_by_null_and_close),
         TT_CASE(test_cancelled_receiver_leaves_queue_intact),
         TT_CASE(test_last_close_releases_blocked_receiver));

#else

TT_SUITE_SKIPPED("posix_mqueue", "the POSIX adapter needs the task kernel");

#endif
