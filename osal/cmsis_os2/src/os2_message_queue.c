/*
 * CMSIS-RTOS2 adapter: message queues (core queues: messages copied in and
 * out, received by priority then FIFO, blocking put and get with
 * timeouts, usable from interrupts with timeout 0).
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

static os2_message_queue_t *os2_mq_of(osMessageQueueId_t id)
{
    os2_message_queue_t *q = (os2_message_queue_t *)id;

    return q != K_NULL && q->magic == CMSIS_MAGIC_MSGQ ? q : K_NULL;
}

/* Control block and slot memory, or NULL (nothing kept). */
static os2_message_queue_t *os2_mq_make(uint32_t count, uint32_t size,
                                        const osMessageQueueAttr_t *attr)
{
    os2_mem_src_t src = {K_NULL, 0u, K_NULL, 0u};
    uint32_t dyn = 0u;
    void *mem;
    os2_message_queue_t *q;

    if (attr != K_NULL) {
        src = (os2_mem_src_t){attr->cb_mem, attr->cb_size, attr->mq_mem, attr->mq_size};
    }
    q = (os2_message_queue_t *)os2_cb_mem_get(&src, sizeof(*q), CMSIS_MAGIC_MSGQ,
                                              cmsis_mq_mem_size(count, size), &mem, &dyn);
    if (q != K_NULL) {
        cmsis_mq_init(&q->mq, mem, count, size);
        q->name = attr != K_NULL ? attr->name : K_NULL;
        q->dyn = dyn;
        q->magic = CMSIS_MAGIC_MSGQ;
    }
    return q;
}

osMessageQueueId_t osMessageQueueNew(uint32_t msg_count, uint32_t msg_size,
                                     const osMessageQueueAttr_t *attr)
{
    os2_message_queue_t *q = K_NULL;

    if (os2_ctx_check(K_FALSE) == osOK && msg_count > 0u && msg_size > 0u) {
        q = os2_mq_make(msg_count, msg_size, attr);
    }
    return q;
}

const char *osMessageQueueGetName(osMessageQueueId_t mq_id)
{
    os2_message_queue_t *q = os2_ctx_check(K_FALSE) == osOK ? os2_mq_of(mq_id) : K_NULL;

    return q != K_NULL ? q->name : K_NULL;
}

/* Checks shared by put and get. */
static osStatus_t os2_mq_io_check(osMessageQueueId_t mq_id, const void *msg_ptr, uint32_t timeout,
                                  os2_message_queue_t **q)
{
    osStatus_t status = os2_ctx_check(K_TRUE);

    *q = status == osOK ? os2_mq_of(mq_id) : K_NULL;
    if (status == osOK && (*q == K_NULL || msg_ptr == K_NULL)) {
        status = osErrorParameter;
    } else if (status == osOK && timeout != 0u && cmsis_ctx() == CMSIS_CTX_ISR) {
        status = osErrorParameter; /* an ISR cannot wait */
    }
    return status;
}

osStatus_t osMessageQueuePut(osMessageQueueId_t mq_id, const void *msg_ptr, uint8_t msg_prio,
                             uint32_t timeout)
{
    os2_message_queue_t *q;
    osStatus_t status = os2_mq_io_check(mq_id, msg_ptr, timeout, &q);

    if (status == osOK) {
        status = os2_status(cmsis_mq_put(&q->mq, msg_ptr, msg_prio, cmsis_ticks(timeout)));
    }
    return status;
}

osStatus_t osMessageQueueGet(osMessageQueueId_t mq_id, void *msg_ptr, uint8_t *msg_prio,
                             uint32_t timeout)
{
    os2_message_queue_t *q;
    osStatus_t status = os2_mq_io_check(mq_id, msg_ptr, timeout, &q);

    if (status == osOK) {
        status = os2_status(cmsis_mq_get(&q->mq, msg_ptr, msg_prio, cmsis_ticks(timeout)));
    }
    return status;
}

/* The queue for the queries an ISR may call, or NULL. */
static os2_message_queue_t *os2_mq_isr_of(osMessageQueueId_t mq_id)
{
    return os2_ctx_check(K_TRUE) == osOK ? os2_mq_of(mq_id) : K_NULL;
}

uint32_t osMessageQueueGetCapacity(osMessageQueueId_t mq_id)
{
    os2_message_queue_t *q = os2_mq_isr_of(mq_id);

    return q != K_NULL ? q->mq.capacity : 0u;
}

uint32_t osMessageQueueGetMsgSize(osMessageQueueId_t mq_id)
{
    os2_message_queue_t *q = os2_mq_isr_of(mq_id);

    return q != K_NULL ? q->mq.msg_size : 0u;
}

uint32_t osMessageQueueGetCount(osMessageQueueId_t mq_id)
{
    os2_message_queue_t *q = os2_mq_isr_of(mq_id);

    return q != K_NULL ? cmsis_mq_count(&q->mq) : 0u;
}

uint32_t osMessageQueueGetSpace(osMessageQueueId_t mq_id)
{
    os2_message_queue_t *q = os2_mq_isr_of(mq_id);

    return q != K_NULL ? q->mq.capacity - cmsis_mq_count(&q->mq) : 0u;
}

/* Checks shared by reset and delete. */
static osStatus_t os2_mq_check(osMessageQueueId_t mq_id, os2_message_queue_t **q)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    *q = status == osOK ? os2_mq_of(mq_id) : K_NULL;
    if (status == osOK && *q == K_NULL) {
        status = osErrorParameter;
    }
    return status;
}

osStatus_t osMessageQueueReset(osMessageQueueId_t mq_id)
{
    os2_message_queue_t *q;
    osStatus_t status = os2_mq_check(mq_id, &q);

    if (status == osOK) {
        cmsis_mq_reset(&q->mq);
    }
    return status;
}

osStatus_t osMessageQueueDelete(osMessageQueueId_t mq_id)
{
    os2_message_queue_t *q;
    osStatus_t status = os2_mq_check(mq_id, &q);
    void *mem;

    if (status == osOK) {
        q->magic = 0u;
        cmsis_mq_destroy(&q->mq);
        mem = (q->dyn & OS2_MEM_DYN) != 0u ? q->mq.mem : K_NULL;
        cmsis_free(mem);
        os2_cb_put(q, q->dyn);
    }
    return status;
}

#endif /* CMSIS_CORE_EN */
