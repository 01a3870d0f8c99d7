/*
 * Mail queue (contract §23): a ring queue of fixed-size mails plus a wait
 * list.
 *
 * A mail is stored only when nobody waits. A post that finds waiters copies
 * the mail into the buffers they registered in their TCBs (k_task_t.mail)
 * before waking them (§40.29). The mail size is checked against the queue's
 * on every path before anything is copied or anyone is woken: the original
 * skipped the check on the hand-off path and overflowed the receiver's
 * buffer (§40.28).
 */
#include "knl_private.h"

#if TOS_CFG_MAIL_QUEUE_EN > 0u

/* Create-time prologue: there is no tag to verify yet. */
static k_err_t mail_q_create_check(const k_mail_q_t *mail_q)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && mail_q == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* Publishes a queue whose ring is already set up. */
static void mail_q_init(k_mail_q_t *mail_q, knl_obj_alloc_type_t alloc_type)
{
    pend_object_init(&mail_q->pend_obj);
    knl_object_init(&mail_q->knl_obj, KNL_OBJ_TYPE_MAIL_QUEUE);
    mail_q->knl_obj.alloc_type = alloc_type;
}

__API__ k_err_t tos_mail_q_create(k_mail_q_t *mail_q, void *pool, size_t mail_cnt, size_t mail_size)
{
    k_err_t err = mail_q_create_check(mail_q);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_create(&mail_q->ring_q, pool, mail_cnt, mail_size);
    }
    if (err == K_ERR_NONE) {
        mail_q_init(mail_q, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_mail_q_create_dyn(k_mail_q_t *mail_q, size_t mail_cnt, size_t mail_size)
{
    k_err_t err = mail_q_create_check(mail_q);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_create_dyn(&mail_q->ring_q, mail_cnt, mail_size);
    }
    if (err == K_ERR_NONE) {
        mail_q_init(mail_q, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    }
    return err;
}

/*
 * Common body of destroy/destroy_dyn. The ring goes first: if it refuses,
 * nothing else has been touched and the waiters keep waiting.
 */
static k_err_t mail_q_do_destroy(k_mail_q_t *mail_q, knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(mail_q, KNL_OBJ_TYPE_MAIL_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (mail_q->knl_obj.alloc_type != alloc_type) {
            err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
        } else if (alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
            err = tos_ring_q_destroy(&mail_q->ring_q);
        } else {
            err = tos_ring_q_destroy_dyn(&mail_q->ring_q);
        }
        if (err == K_ERR_NONE) {
            knl_pend_destroy(&mail_q->pend_obj, cpu_cpsr);
            knl_object_deinit(&mail_q->knl_obj);
            knl_object_alloc_reset(&mail_q->knl_obj);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_mail_q_destroy(k_mail_q_t *mail_q)
{
    return mail_q_do_destroy(mail_q, KNL_OBJ_ALLOC_TYPE_STATIC);
}

__API__ k_err_t tos_mail_q_destroy_dyn(k_mail_q_t *mail_q)
{
    return mail_q_do_destroy(mail_q, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
}

__API__ k_err_t tos_mail_q_flush(k_mail_q_t *mail_q)
{
    k_err_t err = knl_obj_check(mail_q, KNL_OBJ_TYPE_MAIL_QUEUE);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_flush(&mail_q->ring_q);
    }
    return err;
}

__API__ k_err_t tos_mail_q_pend(k_mail_q_t *mail_q, void *mail_buf, size_t *mail_size,
                                k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        err = knl_obj_arg_check(mail_q, mail_buf, KNL_OBJ_TYPE_MAIL_QUEUE);
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (ring_q_do_dequeue(&mail_q->ring_q, mail_buf, mail_size) == K_ERR_NONE) {
            TOS_CPU_INT_ENABLE();
        } else {
            knl_mail_wait_buf_set(mail_buf);
            err = knl_pend_wait(&mail_q->pend_obj, cpu_cpsr, timeout);
            knl_mail_pend_finish(err, mail_size);
        }
    }
    return err;
}

static k_err_t mail_q_do_post(k_mail_q_t *mail_q, void *mail_buf, size_t mail_size, opt_post_t opt)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_arg_check(mail_q, mail_buf, KNL_OBJ_TYPE_MAIL_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (mail_size != mail_q->ring_q.item_size) {
            err = K_ERR_RING_Q_ITEM_SIZE_NOT_MATCH;
        } else if (tos_list_empty(&mail_q->pend_obj.list)) {
            err = ring_q_do_enqueue(&mail_q->ring_q, mail_buf);
        } else {
            knl_mail_hand_over(&mail_q->pend_obj, mail_buf, mail_size, opt, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_mail_q_post(k_mail_q_t *mail_q, void *mail_buf, size_t mail_size)
{
    return mail_q_do_post(mail_q, mail_buf, mail_size, OPT_POST_ONE);
}

__API__ k_err_t tos_mail_q_post_all(k_mail_q_t *mail_q, void *mail_buf, size_t mail_size)
{
    return mail_q_do_post(mail_q, mail_buf, mail_size, OPT_POST_ALL);
}

#endif /* TOS_CFG_MAIL_QUEUE_EN */
