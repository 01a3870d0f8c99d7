/*
 * CMSIS-RTOS v1 adapter: memory pools, message queues (32-bit messages)
 * and mail queues (a block pool for the mails plus a queue of pointers to
 * the mails put). All on core objects: usable from interrupts with timeout
 * 0, blocking with a timeout from threads, frees of foreign or free blocks
 * refused.
 */
#include "os1_private.h"

#if CMSIS_CORE_EN > 0u

/* The object for the functions an ISR may call, or NULL. */
static void *os1_isr_object_of(const void *id, uint32_t magic)
{
    return os1_ctx_check(K_TRUE) == osOK ? os1_object_of(id, magic) : K_NULL;
}

/* Non-zero if a wait of millisec is allowed here (an ISR cannot wait). */
static int os1_may_wait(uint32_t millisec)
{
    return millisec == 0u || cmsis_ctx() != CMSIS_CTX_ISR;
}

/* ---- memory pools ------------------------------------------------------------------------ */

osPoolId osPoolCreate(const osPoolDef_t *pool_def)
{
    os1_pool_t *p = K_NULL;

    if (os1_ctx_check(K_FALSE) == osOK && pool_def != K_NULL && pool_def->pool != K_NULL &&
        pool_def->pool_sz > 0u && pool_def->item_sz > 0u) {
        p = (os1_pool_t *)os1_storage_claim(pool_def->cb, sizeof(os1_pool_t), CMSIS_MAGIC_POOL);
    }
    if (p != K_NULL) {
        cmsis_pool_init(&p->pool, pool_def->pool, pool_def->pool_sz, pool_def->item_sz);
        p->magic = CMSIS_MAGIC_POOL;
    }
    return (osPoolId)p;
}

void *osPoolAlloc(osPoolId pool_id)
{
    os1_pool_t *p = (os1_pool_t *)os1_isr_object_of(pool_id, CMSIS_MAGIC_POOL);
    void *blk = K_NULL;

    if (p != K_NULL) {
        (void)cmsis_pool_alloc(&p->pool, TOS_TIME_NOWAIT, &blk);
    }
    return blk;
}

void *osPoolCAlloc(osPoolId pool_id)
{
    os1_pool_t *p = (os1_pool_t *)os1_isr_object_of(pool_id, CMSIS_MAGIC_POOL);
    void *blk = osPoolAlloc(pool_id);

    if (blk != K_NULL) {
        memset(blk, 0, p->pool.blk_size);
    }
    return blk;
}

/* Pool free result: a bad block is osErrorValue. */
static osStatus os1_free_status(k_err_t err)
{
    return err == K_ERR_NONE ? osOK : osErrorValue;
}

osStatus osPoolFree(osPoolId pool_id, void *block)
{
    osStatus status = os1_ctx_check(K_TRUE);
    os1_pool_t *p = status == osOK ? os1_object_of(pool_id, CMSIS_MAGIC_POOL) : K_NULL;

    if (status == osOK && (p == K_NULL || block == K_NULL)) {
        status = osErrorParameter;
    } else if (status == osOK) {
        status = os1_free_status(cmsis_pool_free(&p->pool, block));
    }
    return status;
}

/* ---- message queues ------------------------------------------------------------------------ */

osMessageQId osMessageCreate(const osMessageQDef_t *queue_def, osThreadId thread_id)
{
    os1_message_queue_t *q = K_NULL;

    (void)thread_id; /* no owner in this implementation */
    if (os1_ctx_check(K_FALSE) == osOK && queue_def != K_NULL && queue_def->pool != K_NULL &&
        queue_def->queue_sz > 0u) {
        q = (os1_message_queue_t *)os1_storage_claim(queue_def->cb, sizeof(os1_message_queue_t),
                                                     CMSIS_MAGIC_MSGQ);
    }
    if (q != K_NULL) {
        cmsis_mq_init(&q->mq, queue_def->pool, queue_def->queue_sz, sizeof(uint32_t));
        q->magic = CMSIS_MAGIC_MSGQ;
    }
    return (osMessageQId)q;
}

osStatus osMessagePut(osMessageQId queue_id, uint32_t info, uint32_t millisec)
{
    osStatus status = os1_ctx_check(K_TRUE);
    os1_message_queue_t *q = status == osOK ? os1_object_of(queue_id, CMSIS_MAGIC_MSGQ) : K_NULL;
    k_err_t err;

    if (status == osOK && (q == K_NULL || !os1_may_wait(millisec))) {
        status = osErrorParameter;
    } else if (status == osOK) {
        err = cmsis_mq_put(&q->mq, &info, 0u, os1_ticks(millisec));
        if (err == K_ERR_NONE) {
            status = osOK;
        } else {
            status = err == K_ERR_PEND_TIMEOUT ? osErrorTimeoutResource : osErrorResource;
        }
    }
    return status;
}

/* The status of a get that received nothing. */
static osStatus os1_get_status(k_err_t err)
{
    osStatus status = osErrorOS;

    if (err == K_ERR_PEND_NOWAIT) {
        status = osOK;
    } else if (err == K_ERR_PEND_TIMEOUT) {
        status = osEventTimeout;
    }
    return status;
}

osEvent osMessageGet(osMessageQId queue_id, uint32_t millisec)
{
    osEvent event;
    os1_message_queue_t *q = K_NULL;
    uint32_t info = 0u;
    k_err_t err;

    memset(&event, 0, sizeof(event));
    event.def.message_id = queue_id;
    event.status = os1_ctx_check(K_TRUE);
    if (event.status == osOK) {
        q = os1_object_of(queue_id, CMSIS_MAGIC_MSGQ);
        event.status = q != K_NULL && os1_may_wait(millisec) ? osOK : osErrorParameter;
    }
    if (event.status == osOK) {
        err = cmsis_mq_get(&q->mq, &info, K_NULL, os1_ticks(millisec));
        event.status = err == K_ERR_NONE ? osEventMessage : os1_get_status(err);
        event.value.v = info;
    }
    return event;
}

/* ---- mail queues ------------------------------------------------------------------------------
 */

osMailQId osMailCreate(const osMailQDef_t *queue_def, osThreadId thread_id)
{
    os1_mail_queue_t *m = K_NULL;
    uint8_t *mem;

    (void)thread_id; /* no owner in this implementation */
    if (os1_ctx_check(K_FALSE) == osOK && queue_def != K_NULL && queue_def->pool != K_NULL &&
        queue_def->queue_sz > 0u && queue_def->item_sz > 0u) {
        m = (os1_mail_queue_t *)os1_storage_claim(queue_def->cb, sizeof(os1_mail_queue_t),
                                                  CMSIS_MAGIC_MAILQ);
    }
    if (m != K_NULL) {
        /* osMailQDef: the pointer queue first (pointer-sized), then the mail blocks. */
        mem = (uint8_t *)queue_def->pool;
        cmsis_mq_init(&m->mq, mem, queue_def->queue_sz, sizeof(void *));
        cmsis_pool_init(&m->pool, mem + cmsis_mq_mem_size(queue_def->queue_sz, sizeof(void *)),
                        queue_def->queue_sz, queue_def->item_sz);
        m->magic = CMSIS_MAGIC_MAILQ;
    }
    return (osMailQId)m;
}

void *osMailAlloc(osMailQId queue_id, uint32_t millisec)
{
    os1_mail_queue_t *m = (os1_mail_queue_t *)os1_isr_object_of(queue_id, CMSIS_MAGIC_MAILQ);
    void *mail = K_NULL;

    if (m != K_NULL && os1_may_wait(millisec)) {
        (void)cmsis_pool_alloc(&m->pool, os1_ticks(millisec), &mail);
    }
    return mail;
}

void *osMailCAlloc(osMailQId queue_id, uint32_t millisec)
{
    os1_mail_queue_t *m = (os1_mail_queue_t *)os1_isr_object_of(queue_id, CMSIS_MAGIC_MAILQ);
    void *mail = osMailAlloc(queue_id, millisec);

    if (mail != K_NULL) {
        memset(mail, 0, m->pool.blk_size);
    }
    return mail;
}

/* Common checks of put and free: osOK and *m, or the error. */
static osStatus os1_mail_check(osMailQId queue_id, const void *mail, os1_mail_queue_t **m)
{
    osStatus status = os1_ctx_check(K_TRUE);

    *m = status == osOK ? os1_object_of(queue_id, CMSIS_MAGIC_MAILQ) : K_NULL;
    if (status == osOK && (*m == K_NULL || mail == K_NULL)) {
        status = osErrorParameter;
    }
    return status;
}

osStatus osMailPut(osMailQId queue_id, void *mail)
{
    os1_mail_queue_t *m;
    osStatus status = os1_mail_check(queue_id, mail, &m);

    if (status == osOK && cmsis_pool_check(&m->pool, mail) != K_ERR_NONE) {
        status = osErrorValue;
    } else if (status == osOK) {
        /* As many slots as mails: only a mail put twice can find the queue full. */
        status =
            cmsis_mq_put(&m->mq, &mail, 0u, TOS_TIME_NOWAIT) == K_ERR_NONE ? osOK : osErrorResource;
    }
    return status;
}

osEvent osMailGet(osMailQId queue_id, uint32_t millisec)
{
    osEvent event;
    os1_mail_queue_t *m = K_NULL;
    void *mail = K_NULL;
    k_err_t err;

    memset(&event, 0, sizeof(event));
    event.def.mail_id = queue_id;
    event.status = os1_ctx_check(K_TRUE);
    if (event.status == osOK) {
        m = os1_object_of(queue_id, CMSIS_MAGIC_MAILQ);
        event.status = m != K_NULL && os1_may_wait(millisec) ? osOK : osErrorParameter;
    }
    if (event.status == osOK) {
        err = cmsis_mq_get(&m->mq, &mail, K_NULL, os1_ticks(millisec));
        event.status = err == K_ERR_NONE ? osEventMail : os1_get_status(err);
        event.value.p = mail;
    }
    return event;
}

osStatus osMailFree(osMailQId queue_id, void *mail)
{
    os1_mail_queue_t *m;
    osStatus status = os1_mail_check(queue_id, mail, &m);

    if (status == osOK) {
        status = os1_free_status(cmsis_pool_free(&m->pool, mail));
    }
    return status;
}

#endif /* CMSIS_CORE_EN */
