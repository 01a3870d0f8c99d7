/*
 * Read-write locks: a reader count, a write owner and two wait lists. The
 * lock is handed over directly: whoever releases it admits the next owners
 * (px_rw_grant) before they run, so a woken waiter holds the lock.
 *
 * Policy (POSIX, priority scheduling): a reader is refused while a writer
 * holds the lock or a writer at least as urgent waits. When the lock
 * becomes free, the most urgent waiting writer gets it unless a more urgent
 * reader waits; then every reader more urgent than the most urgent writer
 * gets in together.
 */
#include "posix_private.h"

#if TOS_POSIX_EN

#define PX_MUST_WAIT (-1)

static int px_rwlockattr_ok(const tos_posix_pthread_rwlockattr_t *attr)
{
    return attr != K_NULL && attr->magic == TOS_POSIX_MAGIC_RWLOCKATTR;
}

int tos_posix_pthread_rwlockattr_init(tos_posix_pthread_rwlockattr_t *attr)
{
    int err = attr != K_NULL ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = TOS_POSIX_MAGIC_RWLOCKATTR;
        attr->pshared = PTHREAD_PROCESS_PRIVATE;
    }
    return err;
}

int tos_posix_pthread_rwlockattr_destroy(tos_posix_pthread_rwlockattr_t *attr)
{
    int err = px_rwlockattr_ok(attr) ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = 0u;
    }
    return err;
}

int tos_posix_pthread_rwlockattr_getpshared(const tos_posix_pthread_rwlockattr_t *attr,
                                            int *pshared)
{
    int err = (px_rwlockattr_ok(attr) && pshared != K_NULL) ? 0 : EINVAL;

    if (err == 0) {
        *pshared = attr->pshared;
    }
    return err;
}

int tos_posix_pthread_rwlockattr_setpshared(tos_posix_pthread_rwlockattr_t *attr, int pshared)
{
    int err = px_rwlockattr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->pshared = pshared;
    }
    return err;
}

static void px_rw_setup(tos_posix_pthread_rwlock_t *rw)
{
    rw->readers = 0u;
    rw->writer = K_NULL;
    pend_object_init(&rw->rd_pend);
    pend_object_init(&rw->wr_pend);
    rw->magic = TOS_POSIX_MAGIC_RWLOCK;
}

static int px_rw_busy(tos_posix_pthread_rwlock_t *rw)
{
    return rw->readers != 0u || rw->writer != K_NULL || !pend_is_nopending(&rw->rd_pend) ||
           !pend_is_nopending(&rw->wr_pend);
}

static int px_rw_ready(tos_posix_pthread_rwlock_t *rw)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && rw == K_NULL) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (rw->magic == TOS_POSIX_MAGIC_RWLOCK_STATIC) {
            px_rw_setup(rw);
        }
        err = rw->magic == TOS_POSIX_MAGIC_RWLOCK ? 0 : EINVAL;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_rwlock_init(tos_posix_pthread_rwlock_t *rwlock,
                                  const tos_posix_pthread_rwlockattr_t *attr)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && (rwlock == K_NULL || (attr != K_NULL && !px_rwlockattr_ok(attr)))) {
        err = EINVAL;
    }
    if (err == 0) {
        /* The storage is not read: it may hold anything (POSIX: re-init is undefined). */
        TOS_CPU_INT_DISABLE();
        px_rw_setup(rwlock);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_rwlock_destroy(tos_posix_pthread_rwlock_t *rwlock)
{
    int err = px_rw_ready(rwlock);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (px_rw_busy(rwlock)) {
            err = EBUSY;
        } else {
            rwlock->magic = 0u;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Admits the next owners when the lock allows it (interrupts disabled). */
static void px_rw_grant(tos_posix_pthread_rwlock_t *rw)
{
    k_task_t *writer = pend_highest_pending_task_get(&rw->wr_pend);
    k_task_t *reader = pend_highest_pending_task_get(&rw->rd_pend);

    if (rw->writer != K_NULL) {
        /* held for writing: nobody else gets in */
    } else if (rw->readers == 0u && writer != K_NULL &&
               (reader == K_NULL || writer->prio <= reader->prio)) {
        rw->writer = writer;
        pend_task_wakeup(writer, PEND_STATE_POST);
    } else {
        /* Readers more urgent than every waiting writer (all if none) get in. */
        while (reader != K_NULL && (writer == K_NULL || reader->prio < writer->prio) &&
               rw->readers < UINT32_MAX) {
            ++rw->readers;
            pend_task_wakeup(reader, PEND_STATE_POST);
            reader = pend_highest_pending_task_get(&rw->rd_pend);
        }
    }
    knl_sched();
}

/* One attempt (interrupts disabled): 0, an error, or PX_MUST_WAIT. */
static int px_rw_try(tos_posix_pthread_rwlock_t *rw, k_task_t *self, int write)
{
    int err = PX_MUST_WAIT;

    if (rw->writer == self) {
        err = EDEADLK;
    } else if (write && rw->writer == K_NULL && rw->readers == 0u) {
        rw->writer = self;
        err = 0;
    } else if (!write && rw->writer == K_NULL &&
               pend_highest_pending_prio_get(&rw->wr_pend) > self->prio) {
        err = rw->readers < UINT32_MAX ? 0 : EAGAIN;
        rw->readers += err == 0 ? 1u : 0u;
    }
    return err;
}

static int px_rw_wake_err(px_wake_t wake)
{
    int err = EINVAL;

    if (wake == PX_WAKE_POST) {
        err = 0;
    } else if (wake == PX_WAKE_TIMEOUT) {
        err = PX_MUST_WAIT;
    } else if (wake == PX_WAKE_EXPIRED) {
        err = ETIMEDOUT;
    } else if (wake == PX_WAKE_CANCEL) {
        err = ECANCELED;
    }
    return err;
}

static int px_rw_lock(tos_posix_pthread_rwlock_t *rw, int write, int try, const px_timeout_t *to)
{
    k_task_t *self = tos_task_curr_task_get();
    int err = px_rw_ready(rw);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        err = self != K_NULL ? PX_MUST_WAIT : EPERM; /* owners are recorded: a task is needed */
    }
    while (err == PX_MUST_WAIT) {
        TOS_CPU_INT_DISABLE();
        err = px_rw_try(rw, self, write);
        if (err == PX_MUST_WAIT && (try || !px_can_block())) {
            err = try ? EBUSY : EPERM;
        }
        if (err == PX_MUST_WAIT) {
            /* On POST the releaser has admitted us. */
            err = px_rw_wake_err(
                px_wait(write ? &rw->wr_pend : &rw->rd_pend, to, cpu_cpsr, PX_WAIT_PLAIN));
            if (err != 0 && write) {
                TOS_CPU_INT_DISABLE();
                px_rw_grant(rw); /* readers this writer held back may go now */
                TOS_CPU_INT_ENABLE();
            }
        } else {
            TOS_CPU_INT_ENABLE();
        }
    }
    if (err == ECANCELED) {
        px_cancel_point();
    }
    return err;
}

int tos_posix_pthread_rwlock_rdlock(tos_posix_pthread_rwlock_t *rwlock)
{
    return px_rw_lock(rwlock, K_FALSE, K_FALSE, K_NULL);
}

int tos_posix_pthread_rwlock_tryrdlock(tos_posix_pthread_rwlock_t *rwlock)
{
    return px_rw_lock(rwlock, K_FALSE, K_TRUE, K_NULL);
}

int tos_posix_pthread_rwlock_wrlock(tos_posix_pthread_rwlock_t *rwlock)
{
    return px_rw_lock(rwlock, K_TRUE, K_FALSE, K_NULL);
}

int tos_posix_pthread_rwlock_trywrlock(tos_posix_pthread_rwlock_t *rwlock)
{
    return px_rw_lock(rwlock, K_TRUE, K_TRUE, K_NULL);
}

static int px_rw_timed(tos_posix_pthread_rwlock_t *rw, int write, clockid_t clock,
                       const struct timespec *abstime)
{
    px_timeout_t to;
    int err = px_timeout_abs(&to, clock, abstime);
    int busy;

    if (err == 0) {
        err = px_rw_lock(rw, write, K_FALSE, &to);
    } else if (px_clock_valid(clock)) {
        /* A bad abstime matters only if the lock would have to wait. */
        busy = px_rw_lock(rw, write, K_TRUE, K_NULL);
        err = busy == EBUSY ? EINVAL : busy;
    }
    return err;
}

int tos_posix_pthread_rwlock_timedrdlock(tos_posix_pthread_rwlock_t *rwlock,
                                         const struct timespec *abstime)
{
    return px_rw_timed(rwlock, K_FALSE, CLOCK_REALTIME, abstime);
}

int tos_posix_pthread_rwlock_clockrdlock(tos_posix_pthread_rwlock_t *rwlock, clockid_t clock_id,
                                         const struct timespec *abstime)
{
    return px_rw_timed(rwlock, K_FALSE, clock_id, abstime);
}

int tos_posix_pthread_rwlock_timedwrlock(tos_posix_pthread_rwlock_t *rwlock,
                                         const struct timespec *abstime)
{
    return px_rw_timed(rwlock, K_TRUE, CLOCK_REALTIME, abstime);
}

int tos_posix_pthread_rwlock_clockwrlock(tos_posix_pthread_rwlock_t *rwlock, clockid_t clock_id,
                                         const struct timespec *abstime)
{
    return px_rw_timed(rwlock, K_TRUE, clock_id, abstime);
}

int tos_posix_pthread_rwlock_unlock(tos_posix_pthread_rwlock_t *rwlock)
{
    k_task_t *self = tos_task_curr_task_get();
    int err = px_rw_ready(rwlock);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (self != K_NULL && rwlock->writer == self) {
            rwlock->writer = K_NULL;
            px_rw_grant(rwlock);
        } else if (rwlock->writer == K_NULL && rwlock->readers > 0u) {
            /* Readers are counted, not recorded: any reader's unlock is taken. */
            if (--rwlock->readers == 0u) {
                px_rw_grant(rwlock);
            }
        } else {
            err = EPERM;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

#endif /* TOS_POSIX_EN */
