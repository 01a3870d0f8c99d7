/*
 * Priority mail queue (contract §27): a priority queue of fixed-size mails
 * plus a wait list.
 *
 * A mail is stored (with its priority) only when nobody waits. A post that
 * finds waiters copies the mail into the buffers they registered in their
 * TCBs (k_task_t.mail) before waking them. The mail size is checked against
 * the queue's on every path before anything is copied or anyone is woken:
 * the original skipped the check on the hand-off path and overflowed the
 * receiver's buffer (§40.28).
 *
 * prio_q_mgr_array owns the heap-allocated management array of a static
 * queue (§40.32) and is K_NULL for every other state of the object.
 */
#include "knl_private.h"

#if TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u

/* Create-time prologue: there is no tag to verify yet. */
static k_err_t prio_mail_q_create_check(const k_prio_mail_q_t *prio_mail_q)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && prio_mail_q == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* Publishes a queue whose priority queue is already set up. */
static void prio_mail_q_init(k_prio_mail_q_t *prio_mail_q, void *mgr_array,
                             knl_obj_alloc_type_t alloc_type)
{
    prio_mail_q->prio_q_mgr_array = mgr_array;
    pend_object_init(&prio_mail_q->pend_obj);
    knl_object_init(&prio_mail_q->knl_obj, KNL_OBJ_TYPE_PRIORITY_MAIL_QUEUE);
    prio_mail_q->knl_obj.alloc_type = alloc_type;
}

/* Inner queue over the caller's pool and a heap management array. */
static k_err_t prio_mail_q_storage_create(k_prio_mail_q_t *prio_mail_q, void *pool, size_t mail_cnt,
                                          size_t mail_size, void **mgr_array)
{
    k_err_t err;

    *mgr_array = tos_mmheap_alloc(TOS_PRIO_Q_MGR_ARRAY_SIZE(mail_cnt));
    if (*mgr_array == K_NULL) {
        err = K_ERR_OUT_OF_MEMORY;
    } else {
        err = tos_prio_q_create(&prio_mail_q->prio_q, *mgr_array, pool, mail_cnt, mail_size);
    }
    if (err != K_ERR_NONE && *mgr_array != K_NULL) {
        tos_mmheap_free(*mgr_array);
        *mgr_array = K_NULL;
    }
    return err;
}

__API__ k_err_t tos_prio_mail_q_create(k_prio_mail_q_t *prio_mail_q, void *pool, size_t mail_cnt,
                                       size_t mail_size)
{
    void *mgr_array = K_NULL;
    k_err_t err = prio_mail_q_create_check(prio_mail_q);

    if (err == K_ERR_NONE) {
        err = prio_mail_q_storage_create(prio_mail_q, pool, mail_cnt, mail_size, &mgr_array);
    }
    if (err == K_ERR_NONE) {
        prio_mail_q_init(prio_mail_q, mgr_array, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_prio_mail_q_create_dyn(k_prio_mail_q_t *prio_mail_q, size_t mail_cnt,
                                           size_t mail_size)
{
    k_err_t err = prio_mail_q_create_check(prio_mail_q);

    if (err == K_ERR_NONE) {
        err = tos_prio_q_create_dyn(&prio_mail_q->prio_q, mail_cnt, mail_size);
    }
    if (err == K_ERR_NONE) {
        /* The inner queue owns all its storage: nothing for us to free. */
        prio_mail_q_init(prio_mail_q, K_NULL, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    }
    return err;
}

/* Releases the inner queue; the management array only if we allocated it. */
static k_err_t prio_mail_q_storage_destroy(k_prio_mail_q_t *prio_mail_q,
                                           knl_obj_alloc_type_t alloc_type)
{
    k_err_t err;

    if (alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
        err = tos_prio_q_destroy(&prio_mail_q->prio_q);
    } else {
        err = tos_prio_q_destroy_dyn(&prio_mail_q->prio_q);
    }
    if (err == K_ERR_NONE && prio_mail_q->prio_q_mgr_array != K_NULL) {
        tos_mmheap_free(prio_mail_q->prio_q_mgr_array);
    }
    if (err == K_ERR_NONE) {
        prio_mail_q->prio_q_mgr_array = K_NULL;
    }
    return err;
}

/*
 * Common body of destroy/destroy_dyn. The storage goes first: if the inner
 * queue refuses, nothing else has been touched and the waiters keep waiting.
 */
static k_err_t prio_mail_q_do_destroy(k_prio_mail_q_t *prio_mail_q, knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(prio_mail_q, KNL_OBJ_TYPE_PRIORITY_MAIL_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (prio_mail_q->knl_obj.alloc_type != alloc_type) {
            err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
        } else {
            err = prio_mail_q_storage_destroy(prio_mail_q, alloc_type);
        }
        if (err == K_ERR_NONE) {
            knl_pend_destroy(&prio_mail_q->pend_obj, cpu_cpsr);
            knl_object_deinit(&prio_mail_q->knl_obj);
            knl_object_alloc_reset(&prio_mail_q->knl_obj);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_prio_mail_q_destroy(k_prio_mail_q_t *prio_mail_q)
{
    return prio_mail_q_do_destroy(prio_mail_q, KNL_OBJ_ALLOC_TYPE_STATIC);
}

__API__ k_err_t tos_prio_mail_q_destroy_dyn(k_prio_mail_q_t *prio_mail_q)
{
    return prio_mail_q_do_destroy(prio_mail_q, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
}

__API__ k_err_t tos_prio_mail_q_flush(k_prio_mail_q_t *prio_mail_q)
{
    k_err_t err = knl_obj_check(prio_mail_q, KNL_OBJ_TYPE_PRIORITY_MAIL_QUEUE);

    if (err == K_ERR_NONE) {
        err = tos_prio_q_flush(&prio_mail_q->prio_q);
    }
    return err;
}

__API__ k_err_t tos_prio_mail_q_pend(k_prio_mail_q_t *prio_mail_q, void *mail_buf,
                                     size_t *mail_size, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        err = knl_obj_arg_check(prio_mail_q, mail_buf, KNL_OBJ_TYPE_PRIORITY_MAIL_QUEUE);
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (tos_prio_q_dequeue(&prio_mail_q->prio_q, mail_buf, mail_size, K_NULL) == K_ERR_NONE) {
            TOS_CPU_INT_ENABLE();
        } else {
            knl_mail_wait_buf_set(mail_buf);
            err = knl_pend_wait(&prio_mail_q->pend_obj, cpu_cpsr, timeout);
            knl_mail_pend_finish(err, mail_size);
        }
    }
    return err;
}

static k_err_t prio_mail_q_do_post(k_prio_mail_q_t *prio_mail_q, void *mail_buf, size_t mail_size,
                                   k_prio_t prio, opt_post_t opt)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_arg_check(prio_mail_q, mail_buf, KNL_OBJ_TYPE_PRIORITY_MAIL_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (mail_size != prio_mail_q->prio_q.item_size) {
            err = K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH;
        } else if (pend_is_nopending(&prio_mail_q->pend_obj)) {
            err = tos_prio_q_enqueue(&prio_mail_q->prio_q, mail_buf, mail_size, prio);
        } else {
            knl_mail_hand_over(&prio_mail_q->pend_obj, mail_buf, mail_size, opt, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_prio_mail_q_post(k_prio_mail_q_t *prio_mail_q, void *mail_buf, size_t mail_size,
                                     k_prio_t prio)
{
    return prio_mail_q_do_post(prio_mail_q, mail_buf, mail_size, prio, OPT_POST_ONE);
}

__API__ k_err_t tos_prio_mail_q_post_all(k_prio_mail_q_t *prio_mail_q, void *mail_buf,
                                         size_t mail_size, k_prio_t prio)
{
    return prio_mail_q_do_post(prio_mail_q, mail_buf, mail_size, prio, OPT_POST_ALL);
}

#endif /* TOS_CFG_PRIORITY_MAIL_QUEUE_EN */
