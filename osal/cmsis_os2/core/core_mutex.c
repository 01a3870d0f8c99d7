/*
 * CMSIS core: CMSIS acquire semantics on the kernel mutex (recursive, with
 * priority inheritance). The kernel reports a recursive acquire as
 * K_ERR_MUTEX_NESTING although it succeeded; CMSIS calls it success. When
 * an owner is destroyed the kernel frees the mutex and wakes every waiter
 * with K_ERR_PEND_OWNER_DIE: each retries for what is left of its timeout,
 * so the most urgent one gets the mutex (robust-mutex behaviour).
 */
#include "cmsis_core.h"

#if (CMSIS_CORE_EN > 0u) && (TOS_CFG_MUTEX_EN > 0u)

k_err_t cmsis_mutex_acquire(k_mutex_t *m, int recursive, k_tick_t timeout)
{
    k_tick_t start = tos_systick_get();
    k_tick_t left = timeout;
    k_err_t err;

    if (!recursive && m->owner == k_curr_task) {
        err = K_ERR_MUTEX_NESTING;
    } else {
        do {
            err = tos_mutex_pend_timed(m, left);
            left = cmsis_ticks_left(timeout, start);
        } while (err == K_ERR_PEND_OWNER_DIE);
        if (err == K_ERR_MUTEX_NESTING) {
            err = K_ERR_NONE;
        } else if (err == K_ERR_PEND_NOWAIT && timeout != TOS_TIME_NOWAIT) {
            /* A retry found the time used up. */
            err = K_ERR_PEND_TIMEOUT;
        }
    }
    return err;
}

#endif
