/*
 * Condition variables: a wait list. A waiter releases the mutex and joins
 * the list in one critical section, so a signal sent by a thread that took
 * the mutex after the release always finds it. A signal with nobody
 * waiting is lost, as POSIX requires.
 */
#include "posix_private.h"

#if TOS_POSIX_EN

static int px_condattr_ok(const tos_posix_pthread_condattr_t *attr)
{
    return attr != K_NULL && attr->magic == TOS_POSIX_MAGIC_CONDATTR;
}

int tos_posix_pthread_condattr_init(tos_posix_pthread_condattr_t *attr)
{
    int err = attr != K_NULL ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = TOS_POSIX_MAGIC_CONDATTR;
        attr->clock = CLOCK_REALTIME;
        attr->pshared = PTHREAD_PROCESS_PRIVATE;
    }
    return err;
}

int tos_posix_pthread_condattr_destroy(tos_posix_pthread_condattr_t *attr)
{
    int err = px_condattr_ok(attr) ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = 0u;
    }
    return err;
}

int tos_posix_pthread_condattr_getclock(const tos_posix_pthread_condattr_t *attr,
                                        clockid_t *clock_id)
{
    int err = (px_condattr_ok(attr) && clock_id != K_NULL) ? 0 : EINVAL;

    if (err == 0) {
        *clock_id = attr->clock;
    }
    return err;
}

int tos_posix_pthread_condattr_setclock(tos_posix_pthread_condattr_t *attr, clockid_t clock_id)
{
    int err = (px_condattr_ok(attr) && px_clock_valid(clock_id)) ? 0 : EINVAL;

    if (err == 0) {
        attr->clock = clock_id;
    }
    return err;
}

int tos_posix_pthread_condattr_getpshared(const tos_posix_pthread_condattr_t *attr, int *pshared)
{
    int err = (px_condattr_ok(attr) && pshared != K_NULL) ? 0 : EINVAL;

    if (err == 0) {
        *pshared = attr->pshared;
    }
    return err;
}

int tos_posix_pthread_condattr_setpshared(tos_posix_pthread_condattr_t *attr, int pshared)
{
    int err = px_condattr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->pshared = pshared;
    }
    return err;
}

static void px_cond_setup(tos_posix_pthread_cond_t *cond, clockid_t clock)
{
    cond->clock = clock;
    pend_object_init(&cond->pend);
    cond->magic = TOS_POSIX_MAGIC_COND;
}

/* Validates a condition variable, setting up a statically initialised one. */
static int px_cond_ready(tos_posix_pthread_cond_t *cond)
{
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && cond == K_NULL) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (cond->magic == TOS_POSIX_MAGIC_COND_STATIC) {
            px_cond_setup(cond, CLOCK_REALTIME);
        }
        err = cond->magic == TOS_POSIX_MAGIC_COND ? 0 : EINVAL;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_cond_init(tos_posix_pthread_cond_t *cond,
                                const tos_posix_pthread_condattr_t *attr)
{
    tos_posix_pthread_condattr_t defaults;
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (attr == K_NULL) {
        (void)tos_posix_pthread_condattr_init(&defaults);
        attr = &defaults;
    }
    if (err == 0 && (cond == K_NULL || !px_condattr_ok(attr))) {
        err = EINVAL;
    }
    if (err == 0) {
        /* The storage is not read: it may hold anything (POSIX: re-init is undefined). */
        TOS_CPU_INT_DISABLE();
        px_cond_setup(cond, attr->clock);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_cond_destroy(tos_posix_pthread_cond_t *cond)
{
    int err = px_cond_ready(cond);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!pend_is_nopending(&cond->pend)) {
            err = EBUSY;
        } else {
            cond->magic = 0u;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

static int px_cond_wait_checks(tos_posix_pthread_cond_t *cond, tos_posix_pthread_mutex_t *mutex)
{
    int err = px_cond_ready(cond);

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0) {
        err = px_mutex_ready(mutex);
    }
    if (err == 0) {
        px_cancel_point();
        err = px_can_block() ? 0 : EPERM;
    }
    return err;
}

/* What a wake-up means once the mutex is held again. */
static int px_cond_wake_result(px_wake_t wake, const px_timeout_t *to)
{
    int err = 0;

    if (wake == PX_WAKE_EXPIRED) {
        err = ETIMEDOUT;
    } else if (wake == PX_WAKE_TIMEOUT) {
        /* The tick count ran out, or the clock was set back: a spurious wake-up then. */
        err = (to != K_NULL && px_timeout_ticks(to) == 0u) ? ETIMEDOUT : 0;
    } else if (wake == PX_WAKE_CANCEL) {
        px_cancel_point(); /* the cleanup handlers run with the mutex held */
    } else if (wake == PX_WAKE_DESTROY) {
        err = EINVAL;
    }
    return err;
}

static int px_cond_wait(tos_posix_pthread_cond_t *cond, tos_posix_pthread_mutex_t *mutex,
                        const px_timeout_t *to)
{
    uint32_t depth;
    px_wake_t wake;
    int err = px_cond_wait_checks(cond, mutex);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!px_mutex_owned(mutex)) {
            err = EPERM;
            TOS_CPU_INT_ENABLE();
        } else {
            /* Release and wait in one critical section: no signal slips in between. */
            depth = px_mutex_release_all(mutex);
            wake = px_wait(&cond->pend, to, cpu_cpsr, PX_WAIT_CANCEL_POINT);
            px_mutex_reacquire(mutex, depth);
            err = px_cond_wake_result(wake, to);
        }
    }
    return err;
}

int tos_posix_pthread_cond_wait(tos_posix_pthread_cond_t *cond, tos_posix_pthread_mutex_t *mutex)
{
    return px_cond_wait(cond, mutex, K_NULL);
}

int tos_posix_pthread_cond_clockwait(tos_posix_pthread_cond_t *cond,
                                     tos_posix_pthread_mutex_t *mutex, clockid_t clock_id,
                                     const struct timespec *abstime)
{
    px_timeout_t to;
    int err = px_timeout_abs(&to, clock_id, abstime);

    if (err == 0) {
        err = px_cond_wait(cond, mutex, &to);
    }
    return err;
}

int tos_posix_pthread_cond_timedwait(tos_posix_pthread_cond_t *cond,
                                     tos_posix_pthread_mutex_t *mutex,
                                     const struct timespec *abstime)
{
    int err = px_cond_ready(cond);

    if (err == 0) {
        err = tos_posix_pthread_cond_clockwait(cond, mutex, cond->clock, abstime);
    }
    return err;
}

static int px_cond_post(tos_posix_pthread_cond_t *cond, opt_post_t opt)
{
    int err = px_cond_ready(cond);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        pend_wakeup(&cond->pend, PEND_STATE_POST, opt);
        knl_sched();
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_cond_signal(tos_posix_pthread_cond_t *cond)
{
    return px_cond_post(cond, OPT_POST_ONE);
}

int tos_posix_pthread_cond_broadcast(tos_posix_pthread_cond_t *cond)
{
    return px_cond_post(cond, OPT_POST_ALL);
}

#endif /* TOS_POSIX_EN */
