/*
 * <semaphore.h> of the POSIX adapter: unnamed (sem_init) and named
 * (sem_open) counting semaphores on Tern's kernel. Waiters are served by
 * priority, FIFO among equals; a post hands its unit to the most urgent
 * waiter.
 *
 * Every function returns 0 (sem_open: the semaphore) or -1 / SEM_FAILED
 * with errno set. Common errors, not repeated below:
 *   EINVAL  NULL or invalid semaphore (never initialised, destroyed, or a
 *           named semaphore where an unnamed one is expected and back);
 *   EPERM   (Tern) a call that would block from an ISR, before
 *           tos_knl_start() or with the scheduler locked.
 * sem_post, sem_trywait and sem_getvalue may be called from an ISR.
 */
#ifndef _TOS_POSIX_SEMAPHORE_H_
#define _TOS_POSIX_SEMAPHORE_H_

#include "tos_posix.h"

#ifdef __cplusplus
extern "C" {
#endif

#undef SEM_VALUE_MAX
#undef SEM_NSEMS_MAX
#define SEM_VALUE_MAX 0x7FFFFFFF
#define SEM_NSEMS_MAX POSIX_CFG_SEM_NSEMS_MAX

typedef struct tos_posix_sem_st {
    uint32_t magic;
    uint32_t value;
    pend_obj_t pend;
    void *named; /* the name record of a named semaphore, NULL if unnamed */
} tos_posix_sem_t;

#define SEM_FAILED ((tos_posix_sem_t *)0)

/*
 * Initialises an unnamed semaphore to value (pshared is accepted either way:
 * there is one address space). The object is not read first: re-initialising
 * a live semaphore is undefined, as in POSIX. Errors: EINVAL (value >
 * SEM_VALUE_MAX).
 */
int tos_posix_sem_init(tos_posix_sem_t *sem, int pshared, unsigned value);

/* Errors: EBUSY (threads wait on it). */
int tos_posix_sem_destroy(tos_posix_sem_t *sem);

/*
 * Takes a unit, waiting for one if needed (cancellation points: wait,
 * timedwait, clockwait). timedwait: abstime on CLOCK_REALTIME; clockwait:
 * on clock_id.
 * Errors: EAGAIN (trywait: no unit); ETIMEDOUT; EINVAL (abstime with
 * tv_nsec outside [0, 1e9) when the call would block, unknown clock).
 */
int tos_posix_sem_wait(tos_posix_sem_t *sem);
int tos_posix_sem_trywait(tos_posix_sem_t *sem);
int tos_posix_sem_timedwait(tos_posix_sem_t *sem, const struct timespec *abstime);
int tos_posix_sem_clockwait(tos_posix_sem_t *sem, clockid_t clock_id,
                            const struct timespec *abstime);

/* Gives a unit to the most urgent waiter, or counts it. Errors: EOVERFLOW. */
int tos_posix_sem_post(tos_posix_sem_t *sem);

/* The count (0 while threads wait). */
int tos_posix_sem_getvalue(tos_posix_sem_t *sem, int *sval);

/*
 * Opens a named semaphore (names up to POSIX_CFG_NAME_MAX characters; a
 * leading '/' is conventional, not required). oflag O_CREAT takes two
 * more arguments, (mode_t mode, unsigned value); mode is ignored.
 * Errors: EEXIST (O_CREAT | O_EXCL and it exists); ENOENT (no O_CREAT and it
 * does not exist); EINVAL (NULL or empty name, value > SEM_VALUE_MAX);
 * ENAMETOOLONG; ENOSPC (POSIX_CFG_SEM_NSEMS_MAX named semaphores exist);
 * ENOMEM (heap exhausted); EPERM (ISR).
 */
tos_posix_sem_t *tos_posix_sem_open(const char *name, int oflag, ...);

/*
 * Closes the caller's reference; the semaphore goes when it is unlinked
 * and every opener has closed it. Errors: EINVAL (not a named semaphore);
 * EPERM (ISR).
 */
int tos_posix_sem_close(tos_posix_sem_t *sem);

/* Removes a name. Errors: ENOENT; ENAMETOOLONG; EINVAL (NULL); EPERM (ISR). */
int tos_posix_sem_unlink(const char *name);

#define sem_t tos_posix_sem_t

#define sem_init      tos_posix_sem_init
#define sem_destroy   tos_posix_sem_destroy
#define sem_wait      tos_posix_sem_wait
#define sem_trywait   tos_posix_sem_trywait
#define sem_timedwait tos_posix_sem_timedwait
#define sem_clockwait tos_posix_sem_clockwait
#define sem_post      tos_posix_sem_post
#define sem_getvalue  tos_posix_sem_getvalue
#define sem_open      tos_posix_sem_open
#define sem_close     tos_posix_sem_close
#define sem_unlink    tos_posix_sem_unlink

#ifdef __cplusplus
}
#endif

#endif /* _TOS_POSIX_SEMAPHORE_H_ */
