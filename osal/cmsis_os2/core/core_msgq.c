/*
 * CMSIS core: message queue of fixed-size messages with priorities.
 *
 * Messages are copied in and out. The queue is kept sorted by priority,
 * highest first, FIFO among equal priorities; appending behind the tail
 * (the common case: equal priorities) is O(1). A put that finds a receiver
 * waiting copies straight into the receiver's buffer; a get that frees a
 * slot while senders wait takes the first sender's message into the queue.
 * Copies of at most msg_size bytes run with interrupts disabled.
 */
#include "cmsis_core.h"

#if CMSIS_CORE_EN > 0u

#define MQ_ALIGN sizeof(void *)

static uint64_t mq_stride(uint32_t size)
{
    uint64_t payload = ((uint64_t)size + MQ_ALIGN - 1u) & ~(uint64_t)(MQ_ALIGN - 1u);

    return sizeof(cmsis_msg_t) + payload;
}

static void *mq_payload(cmsis_msg_t *msg)
{
    return (void *)(msg + 1);
}

size_t cmsis_mq_mem_size(uint32_t count, uint32_t size)
{
    uint64_t bytes = (uint64_t)count * mq_stride(size);

    /* 0 = not representable (CMSIS sizes are 32-bit). */
    return bytes > 0xFFFFFFFFu || bytes > (uint64_t)SIZE_MAX ? 0u : (size_t)bytes;
}

void cmsis_mq_init(cmsis_mq_t *q, void *mem, uint32_t count, uint32_t size)
{
    size_t stride = (size_t)mq_stride(size);
    cmsis_msg_t *msg;
    uint32_t i;

    pend_object_init(&q->recv_pend);
    pend_object_init(&q->send_pend);
    q->head = K_NULL;
    q->tail = K_NULL;
    q->free_list = K_NULL;
    q->mem = mem;
    q->capacity = count;
    q->msg_size = size;
    q->count = 0u;
    for (i = count; i > 0u; --i) {
        msg = (cmsis_msg_t *)(void *)((uint8_t *)mem + (size_t)(i - 1u) * stride);
        msg->next = q->free_list;
        q->free_list = msg;
    }
}

/* Interrupts disabled: links msg by priority, behind its equals. */
static void mq_insert(cmsis_mq_t *q, cmsis_msg_t *msg)
{
    cmsis_msg_t **link = &q->head;

    if (q->tail != K_NULL && q->tail->prio >= msg->prio) {
        link = &q->tail->next;
    } else {
        while (*link != K_NULL && (*link)->prio >= msg->prio) {
            link = &(*link)->next;
        }
    }
    msg->next = *link;
    *link = msg;
    if (msg->next == K_NULL) {
        q->tail = msg;
    }
    ++q->count;
}

/* Interrupts disabled, a free slot exists: queues a copy of data. */
static void mq_store(cmsis_mq_t *q, const void *data, uint8_t prio)
{
    cmsis_msg_t *msg = q->free_list;

    q->free_list = msg->next;
    memcpy(mq_payload(msg), data, q->msg_size);
    msg->prio = prio;
    mq_insert(q, msg);
}

/* Interrupts disabled: moves waiting senders' messages into free slots. */
static void mq_admit_senders(cmsis_mq_t *q)
{
    k_task_t *task;
    cmsis_waiter_t *w;

    while (q->free_list != K_NULL &&
           (task = pend_highest_pending_task_get(&q->send_pend)) != K_NULL) {
        w = cmsis_waiter_of(task);
        mq_store(q, w->data, w->prio);
        cmsis_wake(task, PEND_STATE_POST);
    }
}

k_err_t cmsis_mq_put(cmsis_mq_t *q, const void *msg, uint8_t prio, k_tick_t timeout)
{
    k_err_t err = K_ERR_NONE;
    k_task_t *task;
    cmsis_waiter_t w;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    task = pend_highest_pending_task_get(&q->recv_pend);
    if (task != K_NULL) {
        /* Receivers only wait on an empty queue: hand the message over. */
        memcpy(cmsis_waiter_of(task)->data, msg, q->msg_size);
        cmsis_waiter_of(task)->prio = prio;
        cmsis_wake(task, PEND_STATE_POST);
        knl_sched();
        TOS_CPU_INT_ENABLE();
    } else if (q->free_list != K_NULL) {
        mq_store(q, msg, prio);
        TOS_CPU_INT_ENABLE();
    } else {
        w.data = (void *)(uintptr_t)msg;
        w.prio = prio;
        err = cmsis_wait(&q->send_pend, &w, timeout, cpu_cpsr);
    }
    return err;
}

/* Interrupts disabled, queue not empty: unlinks the head into data/prio. */
static void mq_take(cmsis_mq_t *q, void *data, uint8_t *prio)
{
    cmsis_msg_t *msg = q->head;

    q->head = msg->next;
    if (q->head == K_NULL) {
        q->tail = K_NULL;
    }
    --q->count;
    memcpy(data, mq_payload(msg), q->msg_size);
    if (prio != K_NULL) {
        *prio = (uint8_t)msg->prio;
    }
    msg->next = q->free_list;
    q->free_list = msg;
}

k_err_t cmsis_mq_get(cmsis_mq_t *q, void *msg, uint8_t *prio, k_tick_t timeout)
{
    k_err_t err = K_ERR_NONE;
    cmsis_waiter_t w;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (q->head != K_NULL) {
        mq_take(q, msg, prio);
        mq_admit_senders(q);
        knl_sched();
        TOS_CPU_INT_ENABLE();
    } else {
        w.data = msg;
        w.prio = 0u;
        err = cmsis_wait(&q->recv_pend, &w, timeout, cpu_cpsr);
        if (err == K_ERR_NONE && prio != K_NULL) {
            *prio = w.prio;
        }
    }
    return err;
}

uint32_t cmsis_mq_count(cmsis_mq_t *q)
{
    return q->count;
}

void cmsis_mq_reset(cmsis_mq_t *q)
{
    cmsis_msg_t *msg;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    while (q->head != K_NULL) {
        msg = q->head;
        q->head = msg->next;
        msg->next = q->free_list;
        q->free_list = msg;
    }
    q->tail = K_NULL;
    q->count = 0u;
    mq_admit_senders(q);
    knl_sched();
    TOS_CPU_INT_ENABLE();
}

void cmsis_mq_destroy(cmsis_mq_t *q)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    cmsis_wake_all_destroyed(&q->recv_pend);
    cmsis_wake_all_destroyed(&q->send_pend);
    knl_sched();
    TOS_CPU_INT_ENABLE();
}

#endif /* CMSIS_CORE_EN */
