/*
 * Helpers shared by the POSIX adapter's suites. Priorities are POSIX ones
 * (larger is more urgent) relative to the runner task, which is a plain
 * kernel task at TT_RUNNER_PRIO: PX_T_PRIO(+1) is one level more urgent.
 */
#ifndef _PX_TEST_H_
#define _PX_TEST_H_

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <time.h>

#include "tt.h"
#include "tt_port.h"

/* The runner's POSIX priority, and one `delta` levels more (or less) urgent. */
#define PX_T_RUNNER_PRIO ((int)TOS_CFG_TASK_PRIO_MAX - 1 - (int)TT_RUNNER_PRIO)
#define PX_T_PRIO(delta) (PX_T_RUNNER_PRIO + (delta))

/* Ticks as the clock sees them: CLOCK_MONOTONIC in ticks. */
static inline long long px_t_ticks(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((long long)ts.tv_sec * (long long)TOS_CFG_CPU_TICK_PER_SECOND) +
           ((long long)ts.tv_nsec * (long long)TOS_CFG_CPU_TICK_PER_SECOND / 1000000000LL);
}

/* Milliseconds as a timespec. */
static inline struct timespec px_t_ms(long ms)
{
    struct timespec ts;

    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    return ts;
}

/* Now on `clock` plus `ms` milliseconds. */
static inline struct timespec px_t_abs(clockid_t clock, long ms)
{
    struct timespec ts;

    (void)clock_gettime(clock, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_nsec -= 1000000000L;
        ++ts.tv_sec;
    }
    return ts;
}

/* Creates a SCHED_FIFO thread `delta` levels from the runner, joinable. */
static inline int px_t_spawn(pthread_t *thread, int delta, void *(*fn)(void *), void *arg)
{
    pthread_attr_t attr;
    struct sched_param param;
    int err;

    (void)pthread_attr_init(&attr);
    (void)pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
    (void)pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
    param.sched_priority = PX_T_PRIO(delta);
    (void)pthread_attr_setschedparam(&attr, &param);
    err = pthread_create(thread, &attr, fn, arg);
    (void)pthread_attr_destroy(&attr);
    return err;
}

/* Lets every less urgent ready thread run until it blocks (one tick of sleep). */
static inline void px_t_yield_to_lower(void)
{
    struct timespec one = px_t_ms(1000 / (long)TOS_CFG_CPU_TICK_PER_SECOND);

    (void)nanosleep(&one, NULL);
}

static inline void *px_t_noop(void *arg)
{
    return arg;
}

/*
 * Lets ended detached threads go and reclaims their memory (the adapter
 * frees it at the next create), so that heap figures can be compared.
 */
static inline void px_t_settle(void)
{
    pthread_t t;

    px_t_yield_to_lower();
    if (pthread_create(&t, NULL, px_t_noop, NULL) == 0) {
        (void)pthread_join(t, NULL);
    }
}

/* Payload bytes in use on the heap (the C library's allocator: always 0). */
static inline unsigned long px_t_heap_used(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    k_mmheap_info_t info;

    (void)tos_mmheap_check(&info);
    return (unsigned long)info.used;
#else
    return 0ul;
#endif
}

/* Heap use once ended threads are reclaimed: the figure to compare with later. */
static inline unsigned long px_t_heap_baseline(void)
{
    px_t_settle();
    return px_t_heap_used();
}

#endif /* _PX_TEST_H_ */
