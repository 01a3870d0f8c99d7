/* Counting semaphore (contract §13). */
#include "knl_private.h"

#if TOS_CFG_SEM_EN > 0u

static void sem_do_init(k_sem_t *sem, k_sem_cnt_t init_count, k_sem_cnt_t max_count)
{
    sem->count = init_count > max_count ? max_count : init_count;
    sem->count_max = max_count;
    pend_object_init(&sem->pend_obj);
    knl_object_init(&sem->knl_obj, KNL_OBJ_TYPE_SEMAPHORE);
}

__API__ k_err_t tos_sem_create_max(k_sem_t *sem, k_sem_cnt_t init_count, k_sem_cnt_t max_count)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && sem == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        sem_do_init(sem, init_count, max_count);
        knl_object_alloc_set_static(&sem->knl_obj);
    }
    return err;
}

__API__ k_err_t tos_sem_create(k_sem_t *sem, k_sem_cnt_t init_count)
{
    return tos_sem_create_max(sem, init_count, TOS_SEM_CNT_MAX);
}

__API__ k_err_t tos_sem_create_max_dyn(k_sem_t **sem, k_sem_cnt_t init_count, k_sem_cnt_t max_count)
{
    k_err_t err = knl_irq_check();
    k_sem_t *the_sem = K_NULL;

    if (err == K_ERR_NONE && sem == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        the_sem = tos_mmheap_calloc(1, sizeof(k_sem_t));
        if (the_sem == K_NULL) {
            err = K_ERR_SEM_OUT_OF_MEMORY;
        }
    }
    if (err == K_ERR_NONE) {
        sem_do_init(the_sem, init_count, max_count);
        knl_object_alloc_set_dynamic(&the_sem->knl_obj);
        *sem = the_sem;
    }
    return err;
}

__API__ k_err_t tos_sem_create_dyn(k_sem_t **sem, k_sem_cnt_t init_count)
{
    return tos_sem_create_max_dyn(sem, init_count, TOS_SEM_CNT_MAX);
}

__API__ k_err_t tos_sem_destroy(k_sem_t *sem)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(sem, KNL_OBJ_TYPE_SEMAPHORE);
    int is_dynamic;

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        knl_pend_destroy(&sem->pend_obj, cpu_cpsr);
        knl_object_deinit(&sem->knl_obj);
        is_dynamic = knl_object_alloc_is_dynamic(&sem->knl_obj);
        knl_object_alloc_reset(&sem->knl_obj);
        TOS_CPU_INT_ENABLE();
        /* Nobody can reach it any more: its tag is gone and its waiters left. */
        if (is_dynamic) {
            tos_mmheap_free(sem);
        }
    }
    return err;
}

__API__ k_err_t tos_sem_pend(k_sem_t *sem, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_obj_check(sem, KNL_OBJ_TYPE_SEMAPHORE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (sem->count > 0u) {
            --sem->count;
            TOS_CPU_INT_ENABLE();
        } else {
            /* A successful wake-up means the poster handed us its unit. */
            err = knl_pend_wait(&sem->pend_obj, cpu_cpsr, timeout);
        }
    }
    return err;
}

static k_err_t sem_do_post(k_sem_t *sem, opt_post_t opt)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(sem, KNL_OBJ_TYPE_SEMAPHORE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        /* §40.24 (kept): the ceiling is checked before looking for waiters. */
        if (sem->count == sem->count_max) {
            err = K_ERR_SEM_OVERFLOW;
        } else if (tos_list_empty(&sem->pend_obj.list)) {
            ++sem->count;
        } else {
            knl_pend_post(&sem->pend_obj, PEND_STATE_POST, opt, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_sem_post(k_sem_t *sem)
{
    return sem_do_post(sem, OPT_POST_ONE);
}

__API__ k_err_t tos_sem_post_all(k_sem_t *sem)
{
    return sem_do_post(sem, OPT_POST_ALL);
}

#endif /* TOS_CFG_SEM_EN */
