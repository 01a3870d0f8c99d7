/* Completion (contract §16, §40.23: pend does not consume). */
#include "knl_private.h"

#if TOS_CFG_COMPLETION_EN > 0u

#define COMPLETION_DONE_MAX ((completion_done_t)0xFFFFu)

__API__ k_err_t tos_completion_create(k_completion_t *completion)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && completion == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        completion->done = 0u;
        pend_object_init(&completion->pend_obj);
        knl_object_init(&completion->knl_obj, KNL_OBJ_TYPE_COMPLETION);
        knl_object_alloc_set_static(&completion->knl_obj);
    }
    return err;
}

__API__ k_err_t tos_completion_destroy(k_completion_t *completion)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(completion, KNL_OBJ_TYPE_COMPLETION);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        completion->done = 0u;
        knl_pend_destroy(&completion->pend_obj, cpu_cpsr);
        knl_object_deinit(&completion->knl_obj);
        knl_object_alloc_reset(&completion->knl_obj);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_completion_pend_timed(k_completion_t *completion, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_obj_check(completion, KNL_OBJ_TYPE_COMPLETION);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (completion->done > 0u) {
            TOS_CPU_INT_ENABLE();
        } else {
            err = knl_pend_wait(&completion->pend_obj, cpu_cpsr, timeout);
        }
    }
    return err;
}

__API__ k_err_t tos_completion_pend(k_completion_t *completion)
{
    return tos_completion_pend_timed(completion, TOS_TIME_FOREVER);
}

static k_err_t completion_do_post(k_completion_t *completion, opt_post_t opt)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(completion, KNL_OBJ_TYPE_COMPLETION);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (completion->done == COMPLETION_DONE_MAX) {
            err = K_ERR_COMPLETION_OVERFLOW;
        } else {
            ++completion->done;
            if (!pend_is_nopending(&completion->pend_obj)) {
                knl_pend_post(&completion->pend_obj, PEND_STATE_POST, opt, cpu_cpsr);
            }
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_completion_post(k_completion_t *completion)
{
    return completion_do_post(completion, OPT_POST_ONE);
}

__API__ k_err_t tos_completion_post_all(k_completion_t *completion)
{
    return completion_do_post(completion, OPT_POST_ALL);
}

__API__ k_err_t tos_completion_reset(k_completion_t *completion)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(completion, KNL_OBJ_TYPE_COMPLETION);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        completion->done = 0u;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ int tos_completion_is_done(k_completion_t *completion)
{
    TOS_CPU_CPSR_ALLOC();
    int is_done = K_FALSE;

    if (knl_obj_is_valid(completion, KNL_OBJ_TYPE_COMPLETION)) {
        TOS_CPU_INT_DISABLE();
        is_done = completion->done > 0u ? K_TRUE : K_FALSE;
        TOS_CPU_INT_ENABLE();
    }
    return is_done;
}

#endif /* TOS_CFG_COMPLETION_EN */
