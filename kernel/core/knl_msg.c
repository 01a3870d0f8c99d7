/*
 * Direct hand-off shared by the message and mail queues and their priority
 * variants (contract §22, §23, §26, §27): a post that finds waiters gives the
 * item straight to them through their TCBs, so it never enters the queue and
 * a later flush cannot lose it. Interrupts are disabled by the callers.
 */
#include "knl_private.h"

#if (TOS_CFG_MESSAGE_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u)

__KNL__ void knl_msg_hand_over(pend_obj_t *object, void *msg_ptr, opt_post_t opt,
                               cpu_cpsr_t cpu_cpsr)
{
    k_task_t *task;

    if (opt == OPT_POST_ONE) {
        TOS_LIST_FIRST_ENTRY(&object->list, k_task_t, pend_list)->msg = msg_ptr;
    } else {
        TOS_LIST_FOR_EACH_ENTRY(task, k_task_t, pend_list, &object->list) {
            task->msg = msg_ptr;
        }
    }
    knl_pend_post(object, PEND_STATE_POST, opt, cpu_cpsr);
}

/*
 * No critical section: a poster writes k_task_t.msg only while the task is
 * on the wait list, and once knl_pend_wait() has returned it no longer is.
 */
__KNL__ void knl_msg_pend_finish(k_err_t err, void **msg_ptr)
{
    k_task_t *self = k_curr_task;

    if (err == K_ERR_NONE) {
        *msg_ptr = self->msg;
    } else if (err == K_ERR_PEND_NOWAIT) {
        *msg_ptr = K_NULL;
    }
    self->msg = K_NULL;
}

#endif

#if (TOS_CFG_MAIL_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u)

static void mail_task_recv(k_task_t *task, const void *mail_buf, size_t mail_size)
{
    memcpy(task->mail, mail_buf, mail_size);
    task->mail_size = mail_size;
}

__KNL__ void knl_mail_hand_over(pend_obj_t *object, const void *mail_buf, size_t mail_size,
                                opt_post_t opt, cpu_cpsr_t cpu_cpsr)
{
    k_task_t *task;

    if (opt == OPT_POST_ONE) {
        mail_task_recv(TOS_LIST_FIRST_ENTRY(&object->list, k_task_t, pend_list), mail_buf,
                       mail_size);
    } else {
        TOS_LIST_FOR_EACH_ENTRY(task, k_task_t, pend_list, &object->list) {
            mail_task_recv(task, mail_buf, mail_size);
        }
    }
    knl_pend_post(object, PEND_STATE_POST, opt, cpu_cpsr);
}

__KNL__ void knl_mail_wait_buf_set(void *mail_buf)
{
    k_curr_task->mail = mail_buf;
}

/* No critical section, as for knl_msg_pend_finish(). */
__KNL__ void knl_mail_pend_finish(k_err_t err, size_t *mail_size)
{
    k_task_t *self = k_curr_task;

    /* A K_NULL mail_size is honoured on every path (§40.28). */
    if (mail_size != K_NULL && err == K_ERR_NONE) {
        *mail_size = self->mail_size;
    } else if (mail_size != K_NULL && err == K_ERR_PEND_NOWAIT) {
        *mail_size = 0u;
    }
    self->mail = K_NULL;
    self->mail_size = 0u;
}

#endif
