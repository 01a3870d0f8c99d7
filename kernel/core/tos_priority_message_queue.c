/*
 * Priority message queue (contract §26): a priority queue of `void *` plus
 * a wait list.
 *
 * A message is stored (with its priority) only when nobody waits. A post
 * that finds waiters writes the message into their TCBs (k_task_t.msg)
 * before waking them; the priority is then irrelevant.
 *
 * prio_q_mgr_array owns the heap-allocated management array of a static
 * queue (§40.32) and is K_NULL for every other state of the object, so that
 * no path can free a stale pointer (§40.31).
 */
#include "knl_private.h"

#if TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u

#define PRIO_MSG_Q_ITEM_SIZE sizeof(void *)

/* Create-time prologue: there is no tag to verify yet. */
static k_err_t prio_msg_q_create_check(const k_prio_msg_q_t *prio_msg_q)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && prio_msg_q == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* Publishes a queue whose priority queue is already set up. */
static void prio_msg_q_init(k_prio_msg_q_t *prio_msg_q, void *mgr_array,
                            knl_obj_alloc_type_t alloc_type)
{
    prio_msg_q->prio_q_mgr_array = mgr_array;
    pend_object_init(&prio_msg_q->pend_obj);
    knl_object_init(&prio_msg_q->knl_obj, KNL_OBJ_TYPE_PRIORITY_MESSAGE_QUEUE);
    prio_msg_q->knl_obj.alloc_type = alloc_type;
}

/* Inner queue over the caller's pool and a heap management array. */
static k_err_t prio_msg_q_storage_create(k_prio_msg_q_t *prio_msg_q, void *pool, size_t msg_cnt,
                                         void **mgr_array)
{
    k_err_t err;

    *mgr_array = tos_mmheap_alloc(TOS_PRIO_Q_MGR_ARRAY_SIZE(msg_cnt));
    if (*mgr_array == K_NULL) {
        err = K_ERR_OUT_OF_MEMORY;
    } else {
        err =
            tos_prio_q_create(&prio_msg_q->prio_q, *mgr_array, pool, msg_cnt, PRIO_MSG_Q_ITEM_SIZE);
    }
    if (err != K_ERR_NONE && *mgr_array != K_NULL) {
        tos_mmheap_free(*mgr_array);
        *mgr_array = K_NULL;
    }
    return err;
}

__API__ k_err_t tos_prio_msg_q_create(k_prio_msg_q_t *prio_msg_q, void *pool, size_t msg_cnt)
{
    void *mgr_array = K_NULL;
    k_err_t err = prio_msg_q_create_check(prio_msg_q);

    if (err == K_ERR_NONE) {
        err = prio_msg_q_storage_create(prio_msg_q, pool, msg_cnt, &mgr_array);
    }
    if (err == K_ERR_NONE) {
        prio_msg_q_init(prio_msg_q, mgr_array, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_prio_msg_q_create_dyn(k_prio_msg_q_t *prio_msg_q, size_t msg_cnt)
{
    k_err_t err = prio_msg_q_create_check(prio_msg_q);

    if (err == K_ERR_NONE) {
        err = tos_prio_q_create_dyn(&prio_msg_q->prio_q, msg_cnt, PRIO_MSG_Q_ITEM_SIZE);
    }
    if (err == K_ERR_NONE) {
        /* The inner queue owns all its storage: nothing for us to free. */
        prio_msg_q_init(prio_msg_q, K_NULL, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    }
    return err;
}

/* Releases the inner queue; the management array only if we allocated it. */
static k_err_t prio_msg_q_storage_destroy(k_prio_msg_q_t *prio_msg_q,
                                          knl_obj_alloc_type_t alloc_type)
{
    k_err_t err;

    if (alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
        err = tos_prio_q_destroy(&prio_msg_q->prio_q);
    } else {
        err = tos_prio_q_destroy_dyn(&prio_msg_q->prio_q);
    }
    if (err == K_ERR_NONE && prio_msg_q->prio_q_mgr_array != K_NULL) {
        tos_mmheap_free(prio_msg_q->prio_q_mgr_array);
    }
    if (err == K_ERR_NONE) {
        prio_msg_q->prio_q_mgr_array = K_NULL;
    }
    return err;
}

/*
 * Common body of destroy/destroy_dyn. The storage goes first: if the inner
 * queue refuses, nothing else has been touched and the waiters keep waiting.
 */
static k_err_t prio_msg_q_do_destroy(k_prio_msg_q_t *prio_msg_q, knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(prio_msg_q, KNL_OBJ_TYPE_PRIORITY_MESSAGE_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (prio_msg_q->knl_obj.alloc_type != alloc_type) {
            err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
        } else {
            err = prio_msg_q_storage_destroy(prio_msg_q, alloc_type);
        }
        if (err == K_ERR_NONE) {
            knl_pend_destroy(&prio_msg_q->pend_obj, cpu_cpsr);
            knl_object_deinit(&prio_msg_q->knl_obj);
            knl_object_alloc_reset(&prio_msg_q->knl_obj);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_prio_msg_q_destroy(k_prio_msg_q_t *prio_msg_q)
{
    return prio_msg_q_do_destroy(prio_msg_q, KNL_OBJ_ALLOC_TYPE_STATIC);
}

__API__ k_err_t tos_prio_msg_q_destroy_dyn(k_prio_msg_q_t *prio_msg_q)
{
    return prio_msg_q_do_destroy(prio_msg_q, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
}

__API__ k_err_t tos_prio_msg_q_flush(k_prio_msg_q_t *prio_msg_q)
{
    k_err_t err = knl_obj_check(prio_msg_q, KNL_OBJ_TYPE_PRIORITY_MESSAGE_QUEUE);

    if (err == K_ERR_NONE) {
        err = tos_prio_q_flush(&prio_msg_q->prio_q);
    }
    return err;
}

__API__ k_err_t tos_prio_msg_q_pend(k_prio_msg_q_t *prio_msg_q, void **msg_ptr, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        err = knl_obj_arg_check(prio_msg_q, msg_ptr, KNL_OBJ_TYPE_PRIORITY_MESSAGE_QUEUE);
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (tos_prio_q_dequeue(&prio_msg_q->prio_q, msg_ptr, K_NULL, K_NULL) == K_ERR_NONE) {
            TOS_CPU_INT_ENABLE();
        } else {
            err = knl_pend_wait(&prio_msg_q->pend_obj, cpu_cpsr, timeout);
            knl_msg_pend_finish(err, msg_ptr);
        }
    }
    return err;
}

static k_err_t prio_msg_q_do_post(k_prio_msg_q_t *prio_msg_q, void *msg_ptr, k_prio_t prio,
                                  opt_post_t opt)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(prio_msg_q, KNL_OBJ_TYPE_PRIORITY_MESSAGE_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (pend_is_nopending(&prio_msg_q->pend_obj)) {
            err = tos_prio_q_enqueue(&prio_msg_q->prio_q, &msg_ptr, PRIO_MSG_Q_ITEM_SIZE, prio);
        } else {
            knl_msg_hand_over(&prio_msg_q->pend_obj, msg_ptr, opt, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_prio_msg_q_post(k_prio_msg_q_t *prio_msg_q, void *msg_ptr, k_prio_t prio)
{
    return prio_msg_q_do_post(prio_msg_q, msg_ptr, prio, OPT_POST_ONE);
}

__API__ k_err_t tos_prio_msg_q_post_all(k_prio_msg_q_t *prio_msg_q, void *msg_ptr, k_prio_t prio)
{
    return prio_msg_q_do_post(prio_msg_q, msg_ptr, prio, OPT_POST_ALL);
}

#endif /* TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN */
