/*
 * Internals shared by the POSIX adapter's sources.
 *
 * How the adapter blocks. Every wait of the adapter's own objects (threads
 * being joined, condition variables, semaphores, read-write locks,
 * barriers, PRIO_NONE / PRIO_PROTECT mutexes, message queues, sleeps) goes
 * through px_wait(), which parks the caller on a kernel wait list
 * (pend_obj_t, tos_pend.h) exactly like the kernel's own objects do: the
 * decision to wait and the blocking form one critical section, and a
 * waker hands the resource over (PEND_STATE_POST means "you have it") in
 * the same critical section in which it wakes the waiter. Cancellation and
 * clock changes wake a waiter through the same list, with PEND_STATE_NONE
 * (cancel) or PEND_STATE_TIMEOUT (re-check the deadline).
 *
 * Time. Deadlines are absolute nanoseconds on a clock (px_timeout_t), and
 * each attempt converts what is left into kernel ticks, rounded up, so a
 * wait never ends before its deadline as measured by the clock.
 */
#ifndef _POSIX_PRIVATE_H_
#define _POSIX_PRIVATE_H_

#include <errno.h>
#include <string.h>

#include <pthread.h>
#include <semaphore.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#if TOS_POSIX_EN

/* ---- priorities (sched.h explains the mapping) ----------------------------- */

#define PX_PRIO_MIN ((int)1)
#define PX_PRIO_MAX ((int)TOS_CFG_TASK_PRIO_MAX - 1)

#define PX_KPRIO(posix_prio) ((k_prio_t)((int)TOS_CFG_TASK_PRIO_MAX - 1 - (posix_prio)))
#define PX_PRIO(kprio)       ((int)TOS_CFG_TASK_PRIO_MAX - 1 - (int)(kprio))

/* Kernel priority of threads created outside a task with inherited scheduling. */
#define PX_KPRIO_DEFAULT ((k_prio_t)(TOS_CFG_TASK_PRIO_MAX / 2u))

/* ---- threads ----------------------------------------------------------------- */

typedef enum px_thread_state_en {
    PX_THREAD_RUNNING,
    PX_THREAD_EXITED, /* ended, joinable: waits for pthread_join */
} px_thread_state_t;

/*
 * A POSIX thread. The task comes first: the thread's handle is the address
 * of both. The block lives at the top of the thread's stack area (see
 * posix_thread.c).
 */
typedef struct px_thread_st {
    k_task_t task;
    k_list_t node; /* in px_threads */
    void *(*start)(void *);
    void *arg;
    void *retval;
    void *mem;            /* heap block holding stack and this block; NULL: caller's stack */
    pend_obj_t join_pend; /* the joiner waits here */
    k_task_t *joiner;
    struct tos_posix_pthread_cleanup_st *cleanup;
    void *tsd[POSIX_CFG_PTHREAD_KEYS_MAX];
    uint32_t tsd_gen[POSIX_CFG_PTHREAD_KEYS_MAX]; /* a value belongs to this key generation */
    int policy;
    k_prio_t base_kprio; /* the priority asked for (create, setschedparam) */
    uint8_t state;
    uint8_t detached;
    uint8_t cancel_state;
    uint8_t cancel_type;
    uint8_t cancel_pending;
    uint8_t waiting;      /* blocked (or about to) in px_wait or a kernel mutex */
    uint8_t cancel_point; /* ... in a cancellation point */
    uint8_t exiting;
} px_thread_t;

/* The POSIX thread a task is, or NULL. */
px_thread_t *px_thread_of(k_task_t *task);

/* The caller's POSIX thread, or NULL (plain task, ISR, boot context). */
px_thread_t *px_self(void);

/* The live (running or exited, not joined) thread with this handle, or NULL. Locked. */
px_thread_t *px_thread_find(tos_posix_pthread_t handle);

/* Removes a thread from the live list (interrupts disabled). */
void px_thread_unlink(px_thread_t *t);

/* Ends the calling thread (cleanup handlers, destructors, join hand-off). */
__NO_RETURN__ void px_thread_exit(px_thread_t *self, void *retval);

/* Non-zero when a cancellation request must be acted upon now (cp: at a cancellation point). */
int px_cancel_due(const px_thread_t *t, int cp);

/* Acts on a due cancellation request of the caller, if any (does not return then). */
void px_cancel_point(void);

/* Runs the key destructors of an exiting thread (posix_key.c). */
void px_key_run_destructors(px_thread_t *t);

/* Non-zero if t has a thread-specific value whose key has a destructor. Locked. */
int px_key_has_destructible(const px_thread_t *t);

/* The scheduling policy of any task (POSIX threads keep theirs). */
int px_policy_of(k_task_t *task);

/* Kernel time slice that implements a policy. */
k_timeslice_t px_policy_timeslice(int policy);

int px_policy_valid(int policy);
int px_prio_valid(int prio);

/* ---- contexts ----------------------------------------------------------------- */

/* Non-zero when the caller may block: a task, kernel running, scheduler unlocked. */
int px_can_block(void);

/* Non-zero from an ISR or (host simulator) a thread that does not run the CPU. */
int px_in_isr(void);

/* 0, or EPERM from a foreign host thread (kernel state would race). */
int px_ctx_check(void);

/* ---- waiting ------------------------------------------------------------------ */

typedef struct px_timeout_st {
    clockid_t clock;
    int64_t deadline_ns; /* absolute, on clock */
} px_timeout_t;

typedef enum px_wake_en {
    PX_WAKE_POST,    /* handed the resource */
    PX_WAKE_TIMEOUT, /* the tick count ran out or the clock moved: check the deadline again */
    PX_WAKE_EXPIRED, /* the deadline has passed: nothing was waited */
    PX_WAKE_CANCEL,  /* a cancellation request is due: act on it */
    PX_WAKE_DESTROY, /* the object went away */
} px_wake_t;

#define PX_WAIT_PLAIN         0u
#define PX_WAIT_CANCEL_POINT  1u /* a cancellation point */
#define PX_WAIT_UNCANCELLABLE 2u /* cancellation requests do not interrupt it */

/*
 * Blocks the caller on obj until handed the resource, the deadline (NULL:
 * none) or a due cancellation request. Entered with interrupts disabled
 * into cpsr after the caller found the resource unavailable and checked
 * px_can_block(); returns with them restored.
 */
px_wake_t px_wait(pend_obj_t *obj, const px_timeout_t *to, cpu_cpsr_t cpsr, unsigned flags);

/* Wakes a waiter to act on a cancellation request (interrupts disabled). */
void px_wait_interrupt(px_thread_t *t);

/* Wakes every waiter with a CLOCK_REALTIME deadline to re-check it (clock_settime). */
void px_rt_waiters_recheck(void);

/* A waiter with a CLOCK_REALTIME deadline, linked (on its stack) while it waits. */
typedef struct px_rt_waiter_st {
    k_list_t node;
    k_task_t *task;
} px_rt_waiter_t;

/* Links / unlinks the caller as such a waiter (any interrupt state). */
void px_rt_register(px_rt_waiter_t *rt);
void px_rt_unregister(px_rt_waiter_t *rt);

/* ---- time ----------------------------------------------------------------------- */

#define PX_NSEC_PER_SEC 1000000000LL

int px_clock_valid(clockid_t clock);

/* Non-zero for the C library's CPU-time clocks, which Tern does not provide. */
int px_clock_is_cputime(clockid_t clock);

/* A timespec with 0 <= tv_nsec < 1e9 (and, if relative, tv_sec >= 0). */
int px_ts_valid(const struct timespec *ts);

/* Nanoseconds of a valid timespec, saturated to INT64_MAX / INT64_MIN. */
int64_t px_ts_to_ns(const struct timespec *ts);

void px_ns_to_ts(int64_t ns, struct timespec *ts);

/* Ticks covering ns (rounded up; 0 for ns <= 0; capped at K_TIME_MAX). */
k_tick_t px_ns_to_ticks(int64_t ns);

int64_t px_ticks_to_ns(k_tick_t ticks);

/* Now on a valid clock, in nanoseconds. */
int64_t px_clock_now_ns(clockid_t clock);

/*
 * A deadline from an absolute time on clock. EINVAL for an invalid clock or
 * timespec (callers report it only when they would block).
 */
int px_timeout_abs(px_timeout_t *to, clockid_t clock, const struct timespec *abstime);

/* A deadline `ns` from now on CLOCK_MONOTONIC. */
void px_timeout_rel(px_timeout_t *to, int64_t ns);

/* Ticks left before the deadline (0: passed). */
k_tick_t px_timeout_ticks(const px_timeout_t *to);

/* ---- mutex internals used by condition variables -------------------------------- */

/* Validates a mutex, setting up a statically initialised one. 0 or EINVAL. */
int px_mutex_ready(tos_posix_pthread_mutex_t *m);

/* Non-zero if the caller owns m. */
int px_mutex_owned(const tos_posix_pthread_mutex_t *m);

/* Releases every level of m held by the caller, returns the depth (interrupts disabled). */
uint32_t px_mutex_release_all(tos_posix_pthread_mutex_t *m);

/* Takes m back at `depth` levels, waiting as long as needed, not cancellable. */
void px_mutex_reacquire(tos_posix_pthread_mutex_t *m, uint32_t depth);

/* Base kernel priority of any task: what it runs at without mutex protocols. Locked. */
k_prio_t px_task_base_kprio(k_task_t *task);

/* Effective kernel priority for a task asking for `kprio` (PRIO_PROTECT ceilings it owns). */
k_prio_t px_mutex_prio_request(k_task_t *task, k_prio_t kprio);

/* ---- timers (posix_timer.c) ------------------------------------------------------ */

/* Re-arms CLOCK_REALTIME absolute timers after clock_settime (interrupts enabled). */
void px_timer_clock_changed(void);

/*
 * SIGEV_THREAD / SIGEV_NONE notification machinery shared by timers and
 * mq_notify: one thread per notifier, waiting for px_notifier_fire().
 */
typedef struct px_notifier_st px_notifier_t;

struct px_notifier_st {
    pend_obj_t pend;
    void (*fn)(union tos_posix_sigval value);
    union tos_posix_sigval value;
    void (*release)(px_notifier_t *n); /* called once nobody needs n any more */
    uint32_t pending;                  /* a notification is queued */
    uint32_t overrun_acc;              /* expiries while one was queued */
    uint32_t overrun_last;             /* overruns of the last delivered one */
    uint8_t has_thread;                /* a notification thread exists */
    uint8_t quit;                      /* the owner is gone: the thread ends */
    uint8_t oneshot;                   /* end after one notification */
};

/*
 * Checks a sigevent: 0, EINVAL (unknown notify type, SIGEV_THREAD
 * without function) or ENOTSUP (SIGEV_SIGNAL).
 */
int px_sigevent_check(const struct tos_posix_sigevent *evp);

/*
 * Prepares n for evp and, for SIGEV_THREAD, starts its thread: 0, EINVAL
 * (invalid sigev_notify_attributes) or EAGAIN (no thread); on failure n is
 * left to the caller. Once started, release(n) is called exactly once:
 * by the thread when it ends after px_notifier_stop() (or, oneshot, after
 * its notification), or by px_notifier_stop() itself when there is no
 * thread.
 */
int px_notifier_start(px_notifier_t *n, const struct tos_posix_sigevent *evp, int oneshot,
                      void (*release)(px_notifier_t *n));

/* Queues a notification, or counts `1 + missed` overruns if one is queued. Any context. */
void px_notifier_fire(px_notifier_t *n, uint32_t missed);

/* Stops notifications; n is released by its thread or at once. */
void px_notifier_stop(px_notifier_t *n);

/* ---- heap ------------------------------------------------------------------------- */

void *px_alloc(size_t size);
void px_free(void *ptr);

/* Length of a valid name: 0 if invalid, > POSIX_CFG_NAME_MAX if too long. */
size_t px_name_len(const char *name);

#endif /* TOS_POSIX_EN */

#endif /* _POSIX_PRIVATE_H_ */
