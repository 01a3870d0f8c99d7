/*
 * Tern's POSIX adapter (PSE51, the minimal real-time profile, as far as it
 * applies without processes): threads, mutexes, condition variables,
 * read-write locks, barriers, spinlocks, semaphores, message queues,
 * clocks, sleeps, timers and scheduling, on top of the kernel.
 *
 * Applications include the standard headers (<pthread.h>, <semaphore.h>,
 * <mqueue.h>, <sched.h>, <time.h>, <signal.h>, <unistd.h>) with
 * osal/posix/include ahead of the system directories (linking the CMake
 * target tern_posix arranges that). Each of those headers reads the C
 * library's header of the same name first, then maps the standard names
 * onto tos_posix_* definitions. This header holds what they share: the
 * adapter's configuration, its object types and tos_posix_init(). It also
 * brings in tos_k.h, so a POSIX application needs no kernel header of its
 * own to boot the kernel.
 *
 * Errors follow POSIX: pthread_* functions and clock_nanosleep() return an
 * error number; the others return -1 and set errno, the C library's errno
 * of the calling context (per task on the host simulator, where tasks are
 * host threads; see docs/posix.md for bare-metal C libraries).
 */
#ifndef _TOS_POSIX_H_
#define _TOS_POSIX_H_

/* The C library's headers first: the adapter's name mappings must follow them. */
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <fcntl.h>
#include <sys/types.h>
#include <sched.h>
#include <time.h>
#include <signal.h>

#include "tos_k.h"
#include "tos_posix_config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Object tags: an object of another kind, or one destroyed, is refused. */
#define TOS_POSIX_MAGIC_ATTR          0x50415454u
#define TOS_POSIX_MAGIC_MUTEX         0x504D5458u
#define TOS_POSIX_MAGIC_MUTEX_STATIC  0x704D5458u
#define TOS_POSIX_MAGIC_MUTEXATTR     0x504D5441u
#define TOS_POSIX_MAGIC_COND          0x50434E44u
#define TOS_POSIX_MAGIC_COND_STATIC   0x70434E44u
#define TOS_POSIX_MAGIC_CONDATTR      0x50434E41u
#define TOS_POSIX_MAGIC_RWLOCK        0x5052574Cu
#define TOS_POSIX_MAGIC_RWLOCK_STATIC 0x7052574Cu
#define TOS_POSIX_MAGIC_RWLOCKATTR    0x50525741u
#define TOS_POSIX_MAGIC_BARRIER       0x50424152u
#define TOS_POSIX_MAGIC_BARRIERATTR   0x50424141u
#define TOS_POSIX_MAGIC_SPIN          0x5053504Eu
#define TOS_POSIX_MAGIC_SEM           0x5053454Du

/* ---- thread attributes --------------------------------------------------- */

typedef struct tos_posix_pthread_attr_st {
    uint32_t magic;
    int detachstate;
    int inheritsched;
    int schedpolicy;
    int scope;
    struct sched_param schedparam;
    void *stackaddr; /* NULL: the adapter allocates the stack */
    size_t stacksize;
    size_t guardsize; /* recorded only: no memory protection */
} tos_posix_pthread_attr_t;

/* A thread: its control block's address (any task: the task's address). */
typedef uintptr_t tos_posix_pthread_t;

typedef uint32_t tos_posix_pthread_key_t;

typedef struct tos_posix_pthread_once_st {
    volatile int state; /* 0 not run, 1 running, 2 done */
    k_task_t *runner;
} tos_posix_pthread_once_t;

/* ---- mutexes ------------------------------------------------------------- */

typedef struct tos_posix_pthread_mutexattr_st {
    uint32_t magic;
    int type;
    int protocol;
    int prioceiling;
    int pshared;
    int robust;
} tos_posix_pthread_mutexattr_t;

typedef struct tos_posix_pthread_mutex_st {
    uint32_t magic;
    uint8_t type;
    uint8_t protocol;
    uint8_t pshared;
    k_prio_t saved_prio; /* PRIO_PROTECT: owner's priority before the ceiling */
    int prioceiling;     /* PRIO_PROTECT: sched_priority of the ceiling */
    k_task_t *owner;     /* PRIO_NONE / PRIO_PROTECT: the owner, K_NULL if free */
    uint32_t count;      /* recursion depth */
    pend_obj_t pend;     /* PRIO_NONE / PRIO_PROTECT waiters */
    k_list_t held;       /* PRIO_PROTECT: link in the list of owned ceilings */
#if TOS_CFG_MUTEX_EN > 0u
    k_mutex_t kmutex; /* PRIO_INHERIT: the kernel's inheriting mutex */
#endif
} tos_posix_pthread_mutex_t;

/* ---- condition variables ------------------------------------------------- */

typedef struct tos_posix_pthread_condattr_st {
    uint32_t magic;
    clockid_t clock;
    int pshared;
} tos_posix_pthread_condattr_t;

typedef struct tos_posix_pthread_cond_st {
    uint32_t magic;
    clockid_t clock;
    pend_obj_t pend;
} tos_posix_pthread_cond_t;

/* ---- read-write locks ---------------------------------------------------- */

typedef struct tos_posix_pthread_rwlockattr_st {
    uint32_t magic;
    int pshared;
} tos_posix_pthread_rwlockattr_t;

typedef struct tos_posix_pthread_rwlock_st {
    uint32_t magic;
    uint32_t readers;   /* read locks held */
    k_task_t *writer;   /* the write owner, K_NULL if none */
    pend_obj_t rd_pend; /* waiting readers */
    pend_obj_t wr_pend; /* waiting writers */
} tos_posix_pthread_rwlock_t;

/* ---- barriers and spinlocks ---------------------------------------------- */

typedef struct tos_posix_pthread_barrierattr_st {
    uint32_t magic;
    int pshared;
} tos_posix_pthread_barrierattr_t;

typedef struct tos_posix_pthread_barrier_st {
    uint32_t magic;
    uint32_t count;   /* threads per cycle */
    uint32_t arrived; /* threads waiting in the current cycle */
    uint32_t cycle;   /* completed cycles (tells waiters their cycle ended) */
    pend_obj_t pend;
} tos_posix_pthread_barrier_t;

typedef struct tos_posix_pthread_spinlock_st {
    uint32_t magic;
    volatile uint32_t locked;
    k_task_t *owner;
} tos_posix_pthread_spinlock_t;

/* ---- the adapter --------------------------------------------------------- */

/*
 * Prepares the adapter; call it once after tos_knl_init() and before any
 * other POSIX function (calling it again does nothing). Returns 0. The
 * adapter's own state needs no allocation: a failure is impossible, the
 * -1 of the original API is kept for source compatibility only.
 */
int tos_posix_init(void);

#ifdef __cplusplus
}
#endif

#endif /* _TOS_POSIX_H_ */
