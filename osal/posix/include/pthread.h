/*
 * <pthread.h> of the POSIX adapter: threads and their synchronisation on
 * Tern's kernel. Standard names map onto tos_posix_* definitions (see
 * tos_posix.h); the C library's pthread functions are never involved.
 *
 * Every function returns 0 or an error number (errno is untouched). Common
 * errors, not repeated below:
 *   EINVAL  a NULL object, attribute or output pointer; an object that was
 *           never initialised, was destroyed, or is of another kind;
 *   EPERM   (Tern) a function that may block, or that changes threads,
 *           called from an ISR, before tos_knl_start() where a thread is
 *           needed, or (blocking) with the scheduler locked.
 * Functions that never block and touch no thread may be called from an
 * ISR: pthread_self, pthread_equal, the attribute functions,
 * pthread_getspecific, pthread_cond_signal/broadcast.
 */
#ifndef _TOS_POSIX_PTHREAD_H_
#define _TOS_POSIX_PTHREAD_H_

#include "tos_posix.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- constants ----------------------------------------------------------- */

#undef PTHREAD_STACK_MIN
#undef PTHREAD_KEYS_MAX
#undef PTHREAD_DESTRUCTOR_ITERATIONS
#undef PTHREAD_THREADS_MAX
#define PTHREAD_STACK_MIN             ((size_t)POSIX_CFG_PTHREAD_STACK_MIN)
#define PTHREAD_KEYS_MAX              POSIX_CFG_PTHREAD_KEYS_MAX
#define PTHREAD_DESTRUCTOR_ITERATIONS POSIX_CFG_PTHREAD_DESTRUCTOR_ITERATIONS
#define PTHREAD_THREADS_MAX           POSIX_CFG_PTHREAD_THREADS_MAX

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_INHERIT_SCHED  0
#define PTHREAD_EXPLICIT_SCHED 1

#define PTHREAD_SCOPE_SYSTEM  0
#define PTHREAD_SCOPE_PROCESS 1

#define PTHREAD_CANCEL_ENABLE       0
#define PTHREAD_CANCEL_DISABLE      1
#define PTHREAD_CANCEL_DEFERRED     0
#define PTHREAD_CANCEL_ASYNCHRONOUS 1
#define PTHREAD_CANCELED            ((void *)-1)

/*
 * DEFAULT detects errors like ERRORCHECK (relock: EDEADLK, foreign unlock:
 * EPERM), which POSIX allows for its undefined cases. NORMAL deadlocks on a
 * relock, as POSIX requires.
 */
#define PTHREAD_MUTEX_DEFAULT    0
#define PTHREAD_MUTEX_NORMAL     1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_RECURSIVE  3

#define PTHREAD_PRIO_NONE    0
#define PTHREAD_PRIO_INHERIT 1
#define PTHREAD_PRIO_PROTECT 2

#define PTHREAD_MUTEX_STALLED 0
#define PTHREAD_MUTEX_ROBUST  1

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED  1

#define PTHREAD_BARRIER_SERIAL_THREAD (-1)

#define PTHREAD_ONCE_INIT \
    {                     \
        0, 0              \
    }

/* Statically initialised objects are set up at their first use. */
#define PTHREAD_MUTEX_INITIALIZER             \
    {                                         \
        .magic = TOS_POSIX_MAGIC_MUTEX_STATIC \
    }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP                                 \
    {                                                                          \
        .magic = TOS_POSIX_MAGIC_MUTEX_STATIC, .type = PTHREAD_MUTEX_RECURSIVE \
    }
#define PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP                                 \
    {                                                                           \
        .magic = TOS_POSIX_MAGIC_MUTEX_STATIC, .type = PTHREAD_MUTEX_ERRORCHECK \
    }
#define PTHREAD_COND_INITIALIZER             \
    {                                        \
        .magic = TOS_POSIX_MAGIC_COND_STATIC \
    }
#define PTHREAD_RWLOCK_INITIALIZER             \
    {                                          \
        .magic = TOS_POSIX_MAGIC_RWLOCK_STATIC \
    }

/* ---- threads ------------------------------------------------------------- */

/*
 * Starts start(arg) in a new thread. The stack comes from attr
 * (pthread_attr_setstack: the adapter keeps the thread's control block at
 * its top) or from the heap (stacksize, default
 * POSIX_CFG_PTHREAD_STACK_DEFAULT). *thread is written before the thread
 * can run. With PTHREAD_INHERIT_SCHED (the default) the thread gets the
 * creator's priority and policy (created outside a task: the defaults).
 * Errors: EINVAL (NULL thread or start, invalid attr, priority or policy
 * out of range); EAGAIN (POSIX_CFG_PTHREAD_THREADS_MAX threads exist, or no
 * memory for the stack); EPERM (called from an ISR).
 */
int tos_posix_pthread_create(tos_posix_pthread_t *thread, const tos_posix_pthread_attr_t *attr,
                             void *(*start)(void *), void *arg);

/*
 * Waits for a thread to end and collects its exit value (NULL value_ptr:
 * discarded); the thread's resources are then released. A cancellation
 * point.
 * Errors: ESRCH (no such thread); EINVAL (detached, or another thread is
 * already joining it); EDEADLK (the caller itself); EPERM (the caller
 * cannot block).
 */
int tos_posix_pthread_join(tos_posix_pthread_t thread, void **value_ptr);

/*
 * Makes a thread's resources go back on its own when it ends (at once if it
 * has ended). Errors: ESRCH (no such thread); EINVAL (already detached).
 */
int tos_posix_pthread_detach(tos_posix_pthread_t thread);

/*
 * Ends the calling thread: pops and runs its cleanup handlers, runs the key
 * destructors, then wakes a joiner (or releases a detached thread). From a
 * task that is not a POSIX thread, destroys that task. Does not return.
 */
__NO_RETURN__ void tos_posix_pthread_exit(void *value_ptr);

/* The calling thread (any task; 0 outside a task). Never fails. */
tos_posix_pthread_t tos_posix_pthread_self(void);

/* Non-zero iff t1 and t2 designate the same thread. */
int tos_posix_pthread_equal(tos_posix_pthread_t t1, tos_posix_pthread_t t2);

/*
 * Runs init_routine once per once_control; concurrent callers wait until it
 * has returned. If it is cancelled, the next caller runs it.
 * Errors: EINVAL (NULL argument); EDEADLK (init_routine calls pthread_once
 * on the same once_control); EPERM (must wait but cannot block).
 */
int tos_posix_pthread_once(tos_posix_pthread_once_t *once_control, void (*init_routine)(void));

/*
 * Scheduling of a thread (any live task may be designated, not only
 * POSIX threads). A change of the caller's own priority keeps it at the
 * head of its new priority (POSIX: the tail when raised; see
 * docs/posix.md). Errors: ESRCH (no such thread); EINVAL (policy unknown,
 * priority out of range, NULL param); EPERM (called from an ISR).
 */
int tos_posix_pthread_getschedparam(tos_posix_pthread_t thread, int *policy,
                                    struct sched_param *param);
int tos_posix_pthread_setschedparam(tos_posix_pthread_t thread, int policy,
                                    const struct sched_param *param);
int tos_posix_pthread_setschedprio(tos_posix_pthread_t thread, int prio);

/* ---- cancellation ---------------------------------------------------------- */

/*
 * Requests cancellation. Deferred (the default): acted upon at the next
 * cancellation point (join, cond waits, sem waits, message queue send and
 * receive, sleeps, testcancel); a thread blocked in one is woken.
 * Asynchronous: a thread blocked in any adapter wait is woken; a thread
 * that is ready and has neither cleanup handlers nor thread-specific values
 * with destructors is ended at once; otherwise the request is acted upon
 * when the thread next enters the adapter (see docs/posix.md).
 * Errors: ESRCH (no such POSIX thread); EPERM (called from an ISR).
 */
int tos_posix_pthread_cancel(tos_posix_pthread_t thread);

/*
 * Cancelability of the calling POSIX thread (a plain task cannot be
 * cancelled: its setting is accepted and has no effect). Enabling with a
 * request pending and asynchronous type acts on it at once.
 * Errors: EINVAL (unknown state or type).
 */
int tos_posix_pthread_setcancelstate(int state, int *oldstate);
int tos_posix_pthread_setcanceltype(int type, int *oldtype);

/* A cancellation point: acts on a pending request. */
void tos_posix_pthread_testcancel(void);

/* The record pthread_cleanup_push() keeps on the caller's stack. */
struct tos_posix_pthread_cleanup_st {
    void (*routine)(void *);
    void *arg;
    struct tos_posix_pthread_cleanup_st *prev;
};

void tos_posix_pthread_cleanup_push_(struct tos_posix_pthread_cleanup_st *cleanup,
                                     void (*routine)(void *), void *arg);
void tos_posix_pthread_cleanup_pop_(struct tos_posix_pthread_cleanup_st *cleanup, int execute);

/* A lexical pair, as POSIX requires: both in the same block. */
#define pthread_cleanup_push(routine, arg)                      \
    do {                                                        \
        struct tos_posix_pthread_cleanup_st tos_posix_cleanup_; \
    tos_posix_pthread_cleanup_push_(&tos_posix_cleanup_, (routine), (arg))

#define pthread_cleanup_pop(execute)                                \
    tos_posix_pthread_cleanup_pop_(&tos_posix_cleanup_, (execute)); \
    }                                                               \
    while (0)

/* ---- thread attributes ----------------------------------------------------- */

/*
 * Defaults: joinable, PTHREAD_INHERIT_SCHED, SCHED_OTHER at the default
 * priority, PTHREAD_SCOPE_SYSTEM, heap stack of
 * POSIX_CFG_PTHREAD_STACK_DEFAULT bytes, guard size 0.
 * Errors of the setters: EINVAL (a value out of range: unknown detach
 * state, inherit mode or policy; priority outside the range of every
 * policy; stack smaller than PTHREAD_STACK_MIN or NULL stack address);
 * ENOTSUP (PTHREAD_SCOPE_PROCESS).
 */
int tos_posix_pthread_attr_init(tos_posix_pthread_attr_t *attr);
int tos_posix_pthread_attr_destroy(tos_posix_pthread_attr_t *attr);
int tos_posix_pthread_attr_getdetachstate(const tos_posix_pthread_attr_t *attr, int *state);
int tos_posix_pthread_attr_setdetachstate(tos_posix_pthread_attr_t *attr, int state);
int tos_posix_pthread_attr_getinheritsched(const tos_posix_pthread_attr_t *attr, int *inherit);
int tos_posix_pthread_attr_setinheritsched(tos_posix_pthread_attr_t *attr, int inherit);
int tos_posix_pthread_attr_getschedparam(const tos_posix_pthread_attr_t *attr,
                                         struct sched_param *param);
int tos_posix_pthread_attr_setschedparam(tos_posix_pthread_attr_t *attr,
                                         const struct sched_param *param);
int tos_posix_pthread_attr_getschedpolicy(const tos_posix_pthread_attr_t *attr, int *policy);
int tos_posix_pthread_attr_setschedpolicy(tos_posix_pthread_attr_t *attr, int policy);
int tos_posix_pthread_attr_getscope(const tos_posix_pthread_attr_t *attr, int *scope);
int tos_posix_pthread_attr_setscope(tos_posix_pthread_attr_t *attr, int scope);
int tos_posix_pthread_attr_getstack(const tos_posix_pthread_attr_t *attr, void **stackaddr,
                                    size_t *stacksize);
int tos_posix_pthread_attr_setstack(tos_posix_pthread_attr_t *attr, void *stackaddr,
                                    size_t stacksize);
int tos_posix_pthread_attr_getstacksize(const tos_posix_pthread_attr_t *attr, size_t *stacksize);
int tos_posix_pthread_attr_setstacksize(tos_posix_pthread_attr_t *attr, size_t stacksize);
int tos_posix_pthread_attr_getguardsize(const tos_posix_pthread_attr_t *attr, size_t *guardsize);
int tos_posix_pthread_attr_setguardsize(tos_posix_pthread_attr_t *attr, size_t guardsize);

/* ---- thread-specific data -------------------------------------------------- */

/*
 * Creates a key, NULL in every thread. Errors: EAGAIN
 * (POSIX_CFG_PTHREAD_KEYS_MAX keys exist).
 */
int tos_posix_pthread_key_create(tos_posix_pthread_key_t *key, void (*destructor)(void *));

/* Deletes a key (destructors are not called). Errors: EINVAL (no such key). */
int tos_posix_pthread_key_delete(tos_posix_pthread_key_t key);

/* The caller's value; NULL for an invalid key or a task that is not a POSIX thread. */
void *tos_posix_pthread_getspecific(tos_posix_pthread_key_t key);

/*
 * Sets the caller's value. Errors: EINVAL (no such key); ENOMEM (the caller
 * is a task that is not a POSIX thread, which has no storage for values).
 */
int tos_posix_pthread_setspecific(tos_posix_pthread_key_t key, const void *value);

/* ---- mutexes --------------------------------------------------------------- */

/*
 * Defaults: PTHREAD_MUTEX_DEFAULT, PTHREAD_PRIO_NONE, ceiling = the highest
 * priority, process-private, stalled.
 * Errors of the setters: EINVAL (unknown type, protocol, pshared or robust
 * value; ceiling out of range); ENOTSUP (PTHREAD_PRIO_INHERIT without
 * TOS_CFG_MUTEX_EN; PTHREAD_MUTEX_ROBUST).
 */
int tos_posix_pthread_mutexattr_init(tos_posix_pthread_mutexattr_t *attr);
int tos_posix_pthread_mutexattr_destroy(tos_posix_pthread_mutexattr_t *attr);
int tos_posix_pthread_mutexattr_gettype(const tos_posix_pthread_mutexattr_t *attr, int *type);
int tos_posix_pthread_mutexattr_settype(tos_posix_pthread_mutexattr_t *attr, int type);
int tos_posix_pthread_mutexattr_getprotocol(const tos_posix_pthread_mutexattr_t *attr,
                                            int *protocol);
int tos_posix_pthread_mutexattr_setprotocol(tos_posix_pthread_mutexattr_t *attr, int protocol);
int tos_posix_pthread_mutexattr_getprioceiling(const tos_posix_pthread_mutexattr_t *attr,
                                               int *prioceiling);
int tos_posix_pthread_mutexattr_setprioceiling(tos_posix_pthread_mutexattr_t *attr,
                                               int prioceiling);
int tos_posix_pthread_mutexattr_getpshared(const tos_posix_pthread_mutexattr_t *attr, int *pshared);
int tos_posix_pthread_mutexattr_setpshared(tos_posix_pthread_mutexattr_t *attr, int pshared);
int tos_posix_pthread_mutexattr_getrobust(const tos_posix_pthread_mutexattr_t *attr, int *robust);
int tos_posix_pthread_mutexattr_setrobust(tos_posix_pthread_mutexattr_t *attr, int robust);

/*
 * Initialises a mutex (NULL attr: defaults). PTHREAD_PRIO_INHERIT mutexes
 * are the kernel's inheriting mutex; the others the adapter's own, which
 * leave priorities alone (PRIO_NONE) or raise the owner to the ceiling
 * (PRIO_PROTECT). Waiters are served by priority, FIFO among equals.
 * Like every *_init of the adapter it does not read the object (its
 * storage may hold anything): re-initialising a live object is undefined,
 * as in POSIX. Errors: only the common ones.
 */
int tos_posix_pthread_mutex_init(tos_posix_pthread_mutex_t *mutex,
                                 const tos_posix_pthread_mutexattr_t *attr);

/* Errors: EBUSY (locked, or a thread waits for it). */
int tos_posix_pthread_mutex_destroy(tos_posix_pthread_mutex_t *mutex);

/*
 * Locks a mutex. By the owner: RECURSIVE counts one more level (0);
 * ERRORCHECK and DEFAULT: EDEADLK; NORMAL: deadlocks (a timed lock waits
 * out its timeout). Not a cancellation point.
 * Errors: EDEADLK (see above); EAGAIN (RECURSIVE: too many levels);
 * EINVAL (PRIO_PROTECT and the caller is more urgent than the ceiling);
 * EPERM (the caller cannot block). trylock: EBUSY (held by another thread,
 * or relocked by the owner of a non-recursive mutex). timedlock and
 * clocklock (abstime on CLOCK_REALTIME, or on clock_id): ETIMEDOUT;
 * EINVAL (an abstime with tv_nsec outside [0, 1e9) when the lock would
 * block; unknown clock).
 */
int tos_posix_pthread_mutex_lock(tos_posix_pthread_mutex_t *mutex);
int tos_posix_pthread_mutex_trylock(tos_posix_pthread_mutex_t *mutex);
int tos_posix_pthread_mutex_timedlock(tos_posix_pthread_mutex_t *mutex,
                                      const struct timespec *abstime);
int tos_posix_pthread_mutex_clocklock(tos_posix_pthread_mutex_t *mutex, clockid_t clock_id,
                                      const struct timespec *abstime);

/*
 * Unlocks one level; the last level hands the mutex to the most urgent
 * waiter. Errors: EPERM (the caller does not own it).
 */
int tos_posix_pthread_mutex_unlock(tos_posix_pthread_mutex_t *mutex);

/*
 * Priority ceiling of a PRIO_PROTECT mutex; setprioceiling locks the
 * mutex, changes the ceiling, unlocks it. Errors: EINVAL (not a
 * PRIO_PROTECT mutex, ceiling out of range); those of lock.
 */
int tos_posix_pthread_mutex_getprioceiling(const tos_posix_pthread_mutex_t *mutex,
                                           int *prioceiling);
int tos_posix_pthread_mutex_setprioceiling(tos_posix_pthread_mutex_t *mutex, int prioceiling,
                                           int *old_ceiling);

/* Robust mutexes are not supported. Errors: EINVAL (always: not robust). */
int tos_posix_pthread_mutex_consistent(tos_posix_pthread_mutex_t *mutex);

/* ---- condition variables --------------------------------------------------- */

/*
 * Defaults: CLOCK_REALTIME, process-private. Errors of the setters:
 * EINVAL (a clock other than CLOCK_REALTIME and CLOCK_MONOTONIC, unknown
 * pshared value).
 */
int tos_posix_pthread_condattr_init(tos_posix_pthread_condattr_t *attr);
int tos_posix_pthread_condattr_destroy(tos_posix_pthread_condattr_t *attr);
int tos_posix_pthread_condattr_getclock(const tos_posix_pthread_condattr_t *attr,
                                        clockid_t *clock_id);
int tos_posix_pthread_condattr_setclock(tos_posix_pthread_condattr_t *attr, clockid_t clock_id);
int tos_posix_pthread_condattr_getpshared(const tos_posix_pthread_condattr_t *attr, int *pshared);
int tos_posix_pthread_condattr_setpshared(tos_posix_pthread_condattr_t *attr, int pshared);

/* Errors: EBUSY (destroy while threads wait). */
int tos_posix_pthread_cond_init(tos_posix_pthread_cond_t *cond,
                                const tos_posix_pthread_condattr_t *attr);
int tos_posix_pthread_cond_destroy(tos_posix_pthread_cond_t *cond);

/*
 * Releases mutex and waits for a signal, as one step (no signal is lost),
 * then relocks mutex (every level of a recursive one) before returning,
 * also on timeout and cancellation. Cancellation points. timedwait:
 * abstime on the condition's clock; clockwait: on clock_id.
 * Errors: EPERM (the caller does not own mutex; the caller cannot block);
 * ETIMEDOUT; EINVAL (bad abstime, unknown clock, mutex invalid).
 */
int tos_posix_pthread_cond_wait(tos_posix_pthread_cond_t *cond, tos_posix_pthread_mutex_t *mutex);
int tos_posix_pthread_cond_timedwait(tos_posix_pthread_cond_t *cond,
                                     tos_posix_pthread_mutex_t *mutex,
                                     const struct timespec *abstime);
int tos_posix_pthread_cond_clockwait(tos_posix_pthread_cond_t *cond,
                                     tos_posix_pthread_mutex_t *mutex, clockid_t clock_id,
                                     const struct timespec *abstime);

/* Wakes the most urgent waiter / every waiter; nothing if none waits. ISR-safe. */
int tos_posix_pthread_cond_signal(tos_posix_pthread_cond_t *cond);
int tos_posix_pthread_cond_broadcast(tos_posix_pthread_cond_t *cond);

/* ---- read-write locks ------------------------------------------------------ */

/* Errors of the setter: EINVAL (unknown pshared value). */
int tos_posix_pthread_rwlockattr_init(tos_posix_pthread_rwlockattr_t *attr);
int tos_posix_pthread_rwlockattr_destroy(tos_posix_pthread_rwlockattr_t *attr);
int tos_posix_pthread_rwlockattr_getpshared(const tos_posix_pthread_rwlockattr_t *attr,
                                            int *pshared);
int tos_posix_pthread_rwlockattr_setpshared(tos_posix_pthread_rwlockattr_t *attr, int pshared);

/* Errors: EBUSY (destroy while held or waited for). */
int tos_posix_pthread_rwlock_init(tos_posix_pthread_rwlock_t *rwlock,
                                  const tos_posix_pthread_rwlockattr_t *attr);
int tos_posix_pthread_rwlock_destroy(tos_posix_pthread_rwlock_t *rwlock);

/*
 * A reader gets in unless a writer holds the lock or a writer at least as
 * urgent waits; a leaving writer hands over to the most urgent waiting
 * writer unless a more urgent reader waits, in which case the readers more
 * urgent than every waiting writer get in together. Read locks nest.
 * Errors: EDEADLK (the caller holds the write lock); EAGAIN (rdlock:
 * UINT32_MAX readers); EBUSY (try: not available); ETIMEDOUT; EINVAL (bad
 * abstime, unknown clock); EPERM (the caller cannot block).
 */
int tos_posix_pthread_rwlock_rdlock(tos_posix_pthread_rwlock_t *rwlock);
int tos_posix_pthread_rwlock_tryrdlock(tos_posix_pthread_rwlock_t *rwlock);
int tos_posix_pthread_rwlock_timedrdlock(tos_posix_pthread_rwlock_t *rwlock,
                                         const struct timespec *abstime);
int tos_posix_pthread_rwlock_clockrdlock(tos_posix_pthread_rwlock_t *rwlock, clockid_t clock_id,
                                         const struct timespec *abstime);
int tos_posix_pthread_rwlock_wrlock(tos_posix_pthread_rwlock_t *rwlock);
int tos_posix_pthread_rwlock_trywrlock(tos_posix_pthread_rwlock_t *rwlock);
int tos_posix_pthread_rwlock_timedwrlock(tos_posix_pthread_rwlock_t *rwlock,
                                         const struct timespec *abstime);
int tos_posix_pthread_rwlock_clockwrlock(tos_posix_pthread_rwlock_t *rwlock, clockid_t clock_id,
                                         const struct timespec *abstime);

/* Errors: EPERM (neither the write owner nor any reader holds it). */
int tos_posix_pthread_rwlock_unlock(tos_posix_pthread_rwlock_t *rwlock);

/* ---- barriers -------------------------------------------------------------- */

/* Errors of the setter: EINVAL (unknown pshared value). */
int tos_posix_pthread_barrierattr_init(tos_posix_pthread_barrierattr_t *attr);
int tos_posix_pthread_barrierattr_destroy(tos_posix_pthread_barrierattr_t *attr);
int tos_posix_pthread_barrierattr_getpshared(const tos_posix_pthread_barrierattr_t *attr,
                                             int *pshared);
int tos_posix_pthread_barrierattr_setpshared(tos_posix_pthread_barrierattr_t *attr, int pshared);

/*
 * Errors: EINVAL (count 0); EBUSY (destroy while threads wait).
 */
int tos_posix_pthread_barrier_init(tos_posix_pthread_barrier_t *barrier,
                                   const tos_posix_pthread_barrierattr_t *attr, unsigned count);
int tos_posix_pthread_barrier_destroy(tos_posix_pthread_barrier_t *barrier);

/*
 * Waits until `count` threads have arrived; the last one to arrive
 * returns PTHREAD_BARRIER_SERIAL_THREAD, the others 0, and the barrier
 * starts its next cycle. Not a cancellation point.
 * Errors: EPERM (the caller cannot block).
 */
int tos_posix_pthread_barrier_wait(tos_posix_pthread_barrier_t *barrier);

/* ---- spinlocks ------------------------------------------------------------- */

/*
 * On one CPU a spinning waiter could only starve the holder, so holding a
 * spinlock locks the scheduler: while it is held no other task runs
 * (interrupts stay enabled), hence lock never has to spin. A holder must
 * not block (blocking calls fail with EPERM).
 * Errors: EBUSY (destroy of a held lock; trylock of a held lock);
 * EDEADLK (lock by the holder); EPERM (unlock by a non-holder; lock from
 * an ISR); EAGAIN (the scheduler lock is nested 250 deep).
 */
int tos_posix_pthread_spin_init(tos_posix_pthread_spinlock_t *lock, int pshared);
int tos_posix_pthread_spin_destroy(tos_posix_pthread_spinlock_t *lock);
int tos_posix_pthread_spin_lock(tos_posix_pthread_spinlock_t *lock);
int tos_posix_pthread_spin_trylock(tos_posix_pthread_spinlock_t *lock);
int tos_posix_pthread_spin_unlock(tos_posix_pthread_spinlock_t *lock);

/* ---- the standard names ---------------------------------------------------- */

#define pthread_t             tos_posix_pthread_t
#define pthread_attr_t        tos_posix_pthread_attr_t
#define pthread_key_t         tos_posix_pthread_key_t
#define pthread_once_t        tos_posix_pthread_once_t
#define pthread_mutex_t       tos_posix_pthread_mutex_t
#define pthread_mutexattr_t   tos_posix_pthread_mutexattr_t
#define pthread_cond_t        tos_posix_pthread_cond_t
#define pthread_condattr_t    tos_posix_pthread_condattr_t
#define pthread_rwlock_t      tos_posix_pthread_rwlock_t
#define pthread_rwlockattr_t  tos_posix_pthread_rwlockattr_t
#define pthread_barrier_t     tos_posix_pthread_barrier_t
#define pthread_barrierattr_t tos_posix_pthread_barrierattr_t
#define pthread_spinlock_t    tos_posix_pthread_spinlock_t

#define pthread_create                   tos_posix_pthread_create
#define pthread_join                     tos_posix_pthread_join
#define pthread_detach                   tos_posix_pthread_detach
#define pthread_exit                     tos_posix_pthread_exit
#define pthread_self                     tos_posix_pthread_self
#define pthread_equal                    tos_posix_pthread_equal
#define pthread_once                     tos_posix_pthread_once
#define pthread_getschedparam            tos_posix_pthread_getschedparam
#define pthread_setschedparam            tos_posix_pthread_setschedparam
#define pthread_setschedprio             tos_posix_pthread_setschedprio
#define pthread_cancel                   tos_posix_pthread_cancel
#define pthread_setcancelstate           tos_posix_pthread_setcancelstate
#define pthread_setcanceltype            tos_posix_pthread_setcanceltype
#define pthread_testcancel               tos_posix_pthread_testcancel
#define pthread_attr_init                tos_posix_pthread_attr_init
#define pthread_attr_destroy             tos_posix_pthread_attr_destroy
#define pthread_attr_getdetachstate      tos_posix_pthread_attr_getdetachstate
#define pthread_attr_setdetachstate      tos_posix_pthread_attr_setdetachstate
#define pthread_attr_getinheritsched     tos_posix_pthread_attr_getinheritsched
#define pthread_attr_setinheritsched     tos_posix_pthread_attr_setinheritsched
#define pthread_attr_getschedparam       tos_posix_pthread_attr_getschedparam
#define pthread_attr_setschedparam       tos_posix_pthread_attr_setschedparam
#define pthread_attr_getschedpolicy      tos_posix_pthread_attr_getschedpolicy
#define pthread_attr_setschedpolicy      tos_posix_pthread_attr_setschedpolicy
#define pthread_attr_getscope            tos_posix_pthread_attr_getscope
#define pthread_attr_setscope            tos_posix_pthread_attr_setscope
#define pthread_attr_getstack            tos_posix_pthread_attr_getstack
#define pthread_attr_setstack            tos_posix_pthread_attr_setstack
#define pthread_attr_getstacksize        tos_posix_pthread_attr_getstacksize
#define pthread_attr_setstacksize        tos_posix_pthread_attr_setstacksize
#define pthread_attr_getguardsize        tos_posix_pthread_attr_getguardsize
#define pthread_attr_setguardsize        tos_posix_pthread_attr_setguardsize
#define pthread_key_create               tos_posix_pthread_key_create
#define pthread_key_delete               tos_posix_pthread_key_delete
#define pthread_getspecific              tos_posix_pthread_getspecific
#define pthread_setspecific              tos_posix_pthread_setspecific
#define pthread_mutexattr_init           tos_posix_pthread_mutexattr_init
#define pthread_mutexattr_destroy        tos_posix_pthread_mutexattr_destroy
#define pthread_mutexattr_gettype        tos_posix_pthread_mutexattr_gettype
#define pthread_mutexattr_settype        tos_posix_pthread_mutexattr_settype
#define pthread_mutexattr_getprotocol    tos_posix_pthread_mutexattr_getprotocol
#define pthread_mutexattr_setprotocol    tos_posix_pthread_mutexattr_setprotocol
#define pthread_mutexattr_getprioceiling tos_posix_pthread_mutexattr_getprioceiling
#define pthread_mutexattr_setprioceiling tos_posix_pthread_mutexattr_setprioceiling
#define pthread_mutexattr_getpshared     tos_posix_pthread_mutexattr_getpshared
#define pthread_mutexattr_setpshared     tos_posix_pthread_mutexattr_setpshared
#define pthread_mutexattr_getrobust      tos_posix_pthread_mutexattr_getrobust
#define pthread_mutexattr_setrobust      tos_posix_pthread_mutexattr_setrobust
#define pthread_mutex_init               tos_posix_pthread_mutex_init
#define pthread_mutex_destroy            tos_posix_pthread_mutex_destroy
#define pthread_mutex_lock               tos_posix_pthread_mutex_lock
#define pthread_mutex_trylock            tos_posix_pthread_mutex_trylock
#define pthread_mutex_timedlock          tos_posix_pthread_mutex_timedlock
#define pthread_mutex_clocklock          tos_posix_pthread_mutex_clocklock
#define pthread_mutex_unlock             tos_posix_pthread_mutex_unlock
#define pthread_mutex_getprioceiling     tos_posix_pthread_mutex_getprioceiling
#define pthread_mutex_setprioceiling     tos_posix_pthread_mutex_setprioceiling
#define pthread_mutex_consistent         tos_posix_pthread_mutex_consistent
#define pthread_condattr_init            tos_posix_pthread_condattr_init
#define pthread_condattr_destroy         tos_posix_pthread_condattr_destroy
#define pthread_condattr_getclock        tos_posix_pthread_condattr_getclock
#define pthread_condattr_setclock        tos_posix_pthread_condattr_setclock
#define pthread_condattr_getpshared      tos_posix_pthread_condattr_getpshared
#define pthread_condattr_setpshared      tos_posix_pthread_condattr_setpshared
#define pthread_cond_init                tos_posix_pthread_cond_init
#define pthread_cond_destroy             tos_posix_pthread_cond_destroy
#define pthread_cond_wait                tos_posix_pthread_cond_wait
#define pthread_cond_timedwait           tos_posix_pthread_cond_timedwait
#define pthread_cond_clockwait           tos_posix_pthread_cond_clockwait
#define pthread_cond_signal              tos_posix_pthread_cond_signal
#define pthread_cond_broadcast           tos_posix_pthread_cond_broadcast
#define pthread_rwlockattr_init          tos_posix_pthread_rwlockattr_init
#define pthread_rwlockattr_destroy       tos_posix_pthread_rwlockattr_destroy
#define pthread_rwlockattr_getpshared    tos_posix_pthread_rwlockattr_getpshared
#define pthread_rwlockattr_setpshared    tos_posix_pthread_rwlockattr_setpshared
#define pthread_rwlock_init              tos_posix_pthread_rwlock_init
#define pthread_rwlock_destroy           tos_posix_pthread_rwlock_destroy
#define pthread_rwlock_rdlock            tos_posix_pthread_rwlock_rdlock
#define pthread_rwlock_tryrdlock         tos_posix_pthread_rwlock_tryrdlock
#define pthread_rwlock_timedrdlock       tos_posix_pthread_rwlock_timedrdlock
#define pthread_rwlock_clockrdlock       tos_posix_pthread_rwlock_clockrdlock
#define pthread_rwlock_wrlock            tos_posix_pthread_rwlock_wrlock
#define pthread_rwlock_trywrlock         tos_posix_pthread_rwlock_trywrlock
#define pthread_rwlock_timedwrlock       tos_posix_pthread_rwlock_timedwrlock
#define pthread_rwlock_clockwrlock       tos_posix_pthread_rwlock_clockwrlock
#define pthread_rwlock_unlock            tos_posix_pthread_rwlock_unlock
#define pthread_barrierattr_init         tos_posix_pthread_barrierattr_init
#define pthread_barrierattr_destroy      tos_posix_pthread_barrierattr_destroy
#define pthread_barrierattr_getpshared   tos_posix_pthread_barrierattr_getpshared
#define pthread_barrierattr_setpshared   tos_posix_pthread_barrierattr_setpshared
#define pthread_barrier_init             tos_posix_pthread_barrier_init
#define pthread_barrier_destroy          tos_posix_pthread_barrier_destroy
#define pthread_barrier_wait             tos_posix_pthread_barrier_wait
#define pthread_spin_init                tos_posix_pthread_spin_init
#define pthread_spin_destroy             tos_posix_pthread_spin_destroy
#define pthread_spin_lock                tos_posix_pthread_spin_lock
#define pthread_spin_trylock             tos_posix_pthread_spin_trylock
#define pthread_spin_unlock              tos_posix_pthread_spin_unlock

#ifdef __cplusplus
}
#endif

#endif /* _TOS_POSIX_PTHREAD_H_ */
