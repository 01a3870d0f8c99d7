/*
 * Barrier (contract §18). §40.22, decided: the last arrival reschedules
 * after releasing the others, so released tasks more urgent than it run at
 * once instead of at some later scheduling point.
 */
#include "knl_private.h"

#if TOS_CFG_BARRIER_EN > 0u

__API__ k_err_t tos_barrier_create(k_barrier_t *barrier, k_barrier_cnt_t count)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && barrier == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE && count == 0u) {
        err = K_ERR_BARRIER_COUNT_INVALID;
    }
    if (err == K_ERR_NONE) {
        barrier->count = count;
        pend_object_init(&barrier->pend_obj);
        knl_object_init(&barrier->knl_obj, KNL_OBJ_TYPE_BARRIER);
        knl_object_alloc_set_static(&barrier->knl_obj);
    }
    return err;
}

__API__ k_err_t tos_barrier_destroy(k_barrier_t *barrier)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(barrier, KNL_OBJ_TYPE_BARRIER);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        barrier->count = 0u;
        knl_pend_destroy(&barrier->pend_obj, cpu_cpsr);
        knl_object_deinit(&barrier->knl_obj);
        knl_object_alloc_reset(&barrier->knl_obj);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Entered with interrupts disabled into cpu_cpsr; returns with them restored. */
static k_err_t barrier_arrive(k_barrier_t *barrier, cpu_cpsr_t cpu_cpsr)
{
    k_err_t err = K_ERR_NONE;

    if (barrier->count == 1u) {
        barrier->count = 0u;
        /* A waiter may have been destroyed: the count does not prove one waits. */
        if (!tos_list_empty(&barrier->pend_obj.list)) {
            knl_pend_post(&barrier->pend_obj, PEND_STATE_POST, OPT_POST_ALL, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    } else if (knl_locked()) {
        /* Checked here so that a refused arrival is not counted. */
        err = K_ERR_PEND_SCHED_LOCKED;
        TOS_CPU_INT_ENABLE();
    } else {
        --barrier->count;
        err = knl_pend_wait(&barrier->pend_obj, cpu_cpsr, TOS_TIME_FOREVER);
    }
    return err;
}

__API__ k_err_t tos_barrier_pend(k_barrier_t *barrier)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_obj_check(barrier, KNL_OBJ_TYPE_BARRIER);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (barrier->count == 0u) {
            err = K_ERR_BARRIER_OVERFLOW;
            TOS_CPU_INT_ENABLE();
        } else {
            err = barrier_arrive(barrier, cpu_cpsr);
        }
    }
    return err;
}

__API__ k_err_t tos_barrier_reset(k_barrier_t *barrier, k_barrier_cnt_t count)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(barrier, KNL_OBJ_TYPE_BARRIER);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        barrier->count = count;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

#endif /* TOS_CFG_BARRIER_EN */
