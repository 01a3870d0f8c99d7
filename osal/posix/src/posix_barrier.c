/*
 * Barriers: a count of arrivals and a wait list. The last arrival of a
 * cycle wakes every waiter, returns PTHREAD_BARRIER_SERIAL_THREAD and
 * starts the next cycle at once (the cycle number tells a late-running
 * waiter that its cycle is over).
 */
#include "posix_private.h"

#if TOS_POSIX_EN

static int px_barrierattr_ok(const tos_posix_pthread_barrierattr_t *attr)
{
    return attr != K_NULL && attr->magic == TOS_POSIX_MAGIC_BARRIERATTR;
}

int tos_posix_pthread_barrierattr_init(tos_posix_pthread_barrierattr_t *attr)
{
    int err = attr != K_NULL ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = TOS_POSIX_MAGIC_BARRIERATTR;
        attr->pshared = PTHREAD_PROCESS_PRIVATE;
    }
    return err;
}

int tos_posix_pthread_barrierattr_destroy(tos_posix_pthread_barrierattr_t *attr)
{
    int err = px_barrierattr_ok(attr) ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = 0u;
    }
    return err;
}

int tos_posix_pthread_barrierattr_getpshared(const tos_posix_pthread_barrierattr_t *attr,
                                             int *pshared)
{
    int err = (px_barrierattr_ok(attr) && pshared != K_NULL) ? 0 : EINVAL;

    if (err == 0) {
        *pshared = attr->pshared;
    }
    return err;
}

int tos_posix_pthread_barrierattr_setpshared(tos_posix_pthread_barrierattr_t *attr, int pshared)
{
    int err = px_barrierattr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->pshared = pshared;
    }
    return err;
}

int tos_posix_pthread_barrier_init(tos_posix_pthread_barrier_t *barrier,
                                   const tos_posix_pthread_barrierattr_t *attr, unsigned count)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 &&
        (barrier == K_NULL || count == 0u || (attr != K_NULL && !px_barrierattr_ok(attr)))) {
        err = EINVAL;
    }
    if (err == 0) {
        /* The storage is not read: it may hold anything (POSIX: re-init is undefined). */
        TOS_CPU_INT_DISABLE();
        barrier->count = count;
        barrier->arrived = 0u;
        barrier->cycle = 0u;
        pend_object_init(&barrier->pend);
        barrier->magic = TOS_POSIX_MAGIC_BARRIER;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

static int px_barrier_ok(const tos_posix_pthread_barrier_t *barrier)
{
    return barrier != K_NULL && barrier->magic == TOS_POSIX_MAGIC_BARRIER;
}

int tos_posix_pthread_barrier_destroy(tos_posix_pthread_barrier_t *barrier)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && !px_barrier_ok(barrier)) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (barrier->arrived != 0u) {
            err = EBUSY;
        } else {
            barrier->magic = 0u;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Waits for the rest of the cycle (interrupts disabled into cpsr; restored on return). */
static int px_barrier_block(tos_posix_pthread_barrier_t *barrier, cpu_cpsr_t cpsr)
{
    uint32_t cycle = barrier->cycle;
    px_wake_t wake = PX_WAKE_TIMEOUT;
    int err = 0;

    while (wake == PX_WAKE_TIMEOUT && barrier->cycle == cycle) {
        wake = px_wait(&barrier->pend, K_NULL, cpsr, PX_WAIT_PLAIN);
        cpsr = tos_cpu_cpsr_save();
    }
    if (wake == PX_WAKE_CANCEL && barrier->cycle == cycle) {
        --barrier->arrived; /* leaves the cycle it did not complete */
        err = ECANCELED;
    }
    tos_cpu_cpsr_restore(cpsr);
    return err;
}

int tos_posix_pthread_barrier_wait(tos_posix_pthread_barrier_t *barrier)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && !px_barrier_ok(barrier)) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (barrier->arrived + 1u == barrier->count) {
            barrier->arrived = 0u;
            ++barrier->cycle;
            pend_wakeup_all(&barrier->pend, PEND_STATE_POST);
            knl_sched();
            TOS_CPU_INT_ENABLE();
            err = PTHREAD_BARRIER_SERIAL_THREAD;
        } else if (!px_can_block()) {
            TOS_CPU_INT_ENABLE();
            err = EPERM;
        } else {
            ++barrier->arrived;
            err = px_barrier_block(barrier, cpu_cpsr);
        }
    }
    if (err == ECANCELED) {
        px_cancel_point();
    }
    return err;
}

#endif /* TOS_POSIX_EN */
