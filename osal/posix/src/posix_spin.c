/*
 * Spinlocks on one CPU. Spinning for a lock whose holder cannot run is
 * pointless, so a holder keeps every other task off the CPU instead: lock
 * locks the scheduler, unlock unlocks it. Interrupts stay enabled. The
 * lock therefore never has to spin: when it is taken, its holder is the
 * caller (EDEADLK) or a task that ended holding it (EDEADLK too: with the
 * scheduler locked nobody could ever release it). Before tos_knl_start()
 * there is nothing to lock out and only the flag is set.
 */
#include "posix_private.h"

#if TOS_POSIX_EN

static int px_spin_ok(const tos_posix_pthread_spinlock_t *lock)
{
    return lock != K_NULL && lock->magic == TOS_POSIX_MAGIC_SPIN;
}

int tos_posix_pthread_spin_init(tos_posix_pthread_spinlock_t *lock, int pshared)
{
    int err = px_ctx_check();

    if (err == 0 && (lock == K_NULL ||
                     (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED))) {
        err = EINVAL;
    }
    if (err == 0) {
        /* The storage is not read: it may hold anything (POSIX: re-init is undefined). */
        lock->locked = 0u;
        lock->owner = K_NULL;
        lock->magic = TOS_POSIX_MAGIC_SPIN;
    }
    return err;
}

int tos_posix_pthread_spin_destroy(tos_posix_pthread_spinlock_t *lock)
{
    int err = px_ctx_check();

    if (err == 0 && !px_spin_ok(lock)) {
        err = EINVAL;
    }
    if (err == 0 && lock->locked) {
        err = EBUSY;
    }
    if (err == 0) {
        lock->magic = 0u;
    }
    return err;
}

static int px_spin_acquire(tos_posix_pthread_spinlock_t *lock, int try)
{
    k_err_t kerr = K_ERR_NONE;
    int err = px_ctx_check();

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0 && !px_spin_ok(lock)) {
        err = EINVAL;
    }
    if (err == 0 && tos_knl_is_running()) {
        kerr = tos_knl_sched_lock();
        err = kerr == K_ERR_NONE ? 0 : EAGAIN;
    }
    if (err == 0 && lock->locked) {
        err = try ? EBUSY : EDEADLK;
        if (tos_knl_is_running()) {
            (void)tos_knl_sched_unlock();
        }
    }
    if (err == 0) {
        lock->locked = 1u;
        lock->owner = tos_task_curr_task_get();
    }
    return err;
}

int tos_posix_pthread_spin_lock(tos_posix_pthread_spinlock_t *lock)
{
    return px_spin_acquire(lock, K_FALSE);
}

int tos_posix_pthread_spin_trylock(tos_posix_pthread_spinlock_t *lock)
{
    return px_spin_acquire(lock, K_TRUE);
}

int tos_posix_pthread_spin_unlock(tos_posix_pthread_spinlock_t *lock)
{
    int err = px_ctx_check();

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0 && !px_spin_ok(lock)) {
        err = EINVAL;
    }
    if (err == 0 && (!lock->locked || lock->owner != tos_task_curr_task_get())) {
        err = EPERM;
    }
    if (err == 0) {
        lock->locked = 0u;
        lock->owner = K_NULL;
        if (tos_knl_is_running()) {
            (void)tos_knl_sched_unlock();
        }
    }
    return err;
}

#endif /* TOS_POSIX_EN */
