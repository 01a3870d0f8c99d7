/* Countdown latch (contract §17, §40.21). */
#include "knl_private.h"

#if TOS_CFG_COUNTDOWNLATCH_EN > 0u

__API__ k_err_t tos_countdownlatch_create(k_countdownlatch_t *countdownlatch,
                                          k_countdownlatch_cnt_t count)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && countdownlatch == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        countdownlatch->count = count;
        pend_object_init(&countdownlatch->pend_obj);
        knl_object_init(&countdownlatch->knl_obj, KNL_OBJ_TYPE_COUNTDOWNLATCH);
        knl_object_alloc_set_static(&countdownlatch->knl_obj);
    }
    return err;
}

__API__ k_err_t tos_countdownlatch_destroy(k_countdownlatch_t *countdownlatch)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(countdownlatch, KNL_OBJ_TYPE_COUNTDOWNLATCH);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        countdownlatch->count = 0u;
        knl_pend_destroy(&countdownlatch->pend_obj, cpu_cpsr);
        knl_object_deinit(&countdownlatch->knl_obj);
        knl_object_alloc_reset(&countdownlatch->knl_obj);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_countdownlatch_pend_timed(k_countdownlatch_t *countdownlatch, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_obj_check(countdownlatch, KNL_OBJ_TYPE_COUNTDOWNLATCH);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (countdownlatch->count == 0u) {
            TOS_CPU_INT_ENABLE();
        } else {
            err = knl_pend_wait(&countdownlatch->pend_obj, cpu_cpsr, timeout);
        }
    }
    return err;
}

__API__ k_err_t tos_countdownlatch_pend(k_countdownlatch_t *countdownlatch)
{
    return tos_countdownlatch_pend_timed(countdownlatch, TOS_TIME_FOREVER);
}

__API__ k_err_t tos_countdownlatch_post(k_countdownlatch_t *countdownlatch)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(countdownlatch, KNL_OBJ_TYPE_COUNTDOWNLATCH);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (countdownlatch->count == 0u) {
            err = K_ERR_COUNTDOWNLATCH_OVERFLOW;
        } else if (--countdownlatch->count == 0u && !pend_is_nopending(&countdownlatch->pend_obj)) {
            /* §40.21: the latch is open for everybody, not just the first waiter. */
            knl_pend_post(&countdownlatch->pend_obj, PEND_STATE_POST, OPT_POST_ALL, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_countdownlatch_reset(k_countdownlatch_t *countdownlatch,
                                         k_countdownlatch_cnt_t count)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(countdownlatch, KNL_OBJ_TYPE_COUNTDOWNLATCH);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        countdownlatch->count = count;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

#endif /* TOS_CFG_COUNTDOWNLATCH_EN */
