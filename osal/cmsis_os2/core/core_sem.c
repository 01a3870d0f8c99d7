/*
 * CMSIS core: counting semaphore. A release with waiters hands the token
 * to the most urgent one directly, so a task that arrives later cannot
 * take it first.
 */
#include "cmsis_core.h"

#if CMSIS_CORE_EN > 0u

void cmsis_sem_init(cmsis_sem_t *s, uint32_t initial, uint32_t max)
{
    pend_object_init(&s->pend);
    s->count = initial;
    s->max = max;
}

k_err_t cmsis_sem_acquire(cmsis_sem_t *s, k_tick_t timeout, uint32_t *available)
{
    k_err_t err = K_ERR_NONE;
    uint32_t had = 1u;
    cmsis_waiter_t w;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (s->count > 0u) {
        had = s->count--;
        TOS_CPU_INT_ENABLE();
    } else {
        err = cmsis_wait(&s->pend, &w, timeout, cpu_cpsr);
    }
    if (available != K_NULL) {
        *available = err == K_ERR_NONE ? had : 0u;
    }
    return err;
}

k_err_t cmsis_sem_release(cmsis_sem_t *s)
{
    k_err_t err = K_ERR_NONE;
    k_task_t *task;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    task = pend_highest_pending_task_get(&s->pend);
    if (task != K_NULL) {
        cmsis_wake(task, PEND_STATE_POST);
        knl_sched();
    } else if (s->count < s->max) {
        ++s->count;
    } else {
        err = K_ERR_SEM_OVERFLOW;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

uint32_t cmsis_sem_count(cmsis_sem_t *s)
{
    return s->count;
}

void cmsis_sem_destroy(cmsis_sem_t *s)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    cmsis_wake_all_destroyed(&s->pend);
    knl_sched();
    TOS_CPU_INT_ENABLE();
}

#endif /* CMSIS_CORE_EN */
