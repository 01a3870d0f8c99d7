/*
 * Messages of the event-driven mode (contract §35.2, §35.3; decisions on
 * §40.53 and 54 in include/tos_evtdrv_msg.h).
 *
 * Queued messages wait in evtdrv_msg_list in sending order; a task receives
 * the first one addressed to it, so every task sees its own messages in
 * order. Interrupt handlers may send, so the list is only touched with
 * interrupts disabled.
 *
 * A message is in one of three states, told by its header:
 *   owned by the application  dst NONE, node self-linked, len > 0
 *   queued                    dst = the task, linked in evtdrv_msg_list
 *   free (pool only)          len 0
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

static int evtdrv_msg_is_busy(const evtdrv_msg_hdr_t *hdr)
{
    return !tos_list_empty(&hdr->list); /* queued: linked, with a destination */
}

static void evtdrv_msg_hdr_init(evtdrv_msg_hdr_t *hdr, evtdrv_msg_len_t len)
{
    tos_list_init(&hdr->list);
    hdr->dst_task_id = TOS_EVTDRV_TASK_ID_NONE;
    hdr->len = len;
}

#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u

/*
 * The pool (evtdrv_store.msgs, evtdrv_private.h) is small by design, so
 * finding a block is a short scan: no free list to keep, and no division
 * (Cortex-M0 has no divide instruction) to tell a block from a pointer.
 * tos_evtdrv_sys_init() frees every block by zeroing the store.
 */

/*
 * The block of msg_body if it is handed out (not free), or with msg_body
 * NULL a free block; NULL if there is none. A block's key is its body while
 * handed out, NULL while free: one comparison finds either. Interrupts
 * disabled.
 */
static evtdrv_msg_hdr_t *evtdrv_msg_blk_find(evtdrv_msg_body_t msg_body)
{
    evtdrv_msg_blk_t *blk;
    evtdrv_msg_hdr_t *found = K_NULL;

    /* A loop at any pool size: GCC would unroll a small pool's scan, at a cost in bytes. */
#pragma GCC unroll 1
    for (blk = evtdrv_store.msgs; blk < &evtdrv_store.msgs[TOS_CFG_EVTDRV_MSG_POOL_NUM]; ++blk) {
        if ((blk->hdr.len != 0u ? blk->body : K_NULL) == msg_body) {
            found = &blk->hdr;
        }
    }
    return found;
}

/* A new message of msg_len bytes, or NULL. Interrupts disabled. */
static evtdrv_msg_hdr_t *evtdrv_msg_take(evtdrv_msg_len_t msg_len)
{
    evtdrv_msg_hdr_t *hdr = K_NULL;

    /* Length 0 wraps around to the largest value: one comparison refuses both. */
    if ((evtdrv_msg_len_t)(msg_len - 1u) < TOS_CFG_EVTDRV_MSG_SIZE_MAX) {
        hdr = evtdrv_msg_blk_find(K_NULL);
    }
    if (hdr != K_NULL) {
        evtdrv_msg_hdr_init(hdr, msg_len);
    }
    return hdr;
}

/* The header of a body handed out and not freed, or NULL. Interrupts disabled. */
static evtdrv_msg_hdr_t *evtdrv_msg_hdr_get(evtdrv_msg_body_t msg_body)
{
    return evtdrv_msg_blk_find(msg_body);
}

/* Interrupts disabled; hdr owned by the application. */
static void evtdrv_msg_release(evtdrv_msg_hdr_t *hdr)
{
    hdr->len = 0u;
}

#else /* the original's way: from the heap */

/* A new message of msg_len bytes, or NULL. */
static evtdrv_msg_hdr_t *evtdrv_msg_take(evtdrv_msg_len_t msg_len)
{
    evtdrv_msg_hdr_t *hdr = K_NULL;

    if (msg_len != 0u) {
        hdr = (evtdrv_msg_hdr_t *)tos_mmheap_alloc(EVTDRV_MSG_LEN(msg_len));
    }
    if (hdr != K_NULL) {
        evtdrv_msg_hdr_init(hdr, msg_len);
    }
    return hdr;
}

/* A heap block cannot be checked cheaply: trusted. */
static evtdrv_msg_hdr_t *evtdrv_msg_hdr_get(evtdrv_msg_body_t msg_body)
{
    return EVTDRV_MSG_BODY2HDR(msg_body);
}

static void evtdrv_msg_release(evtdrv_msg_hdr_t *hdr)
{
    tos_mmheap_free(hdr);
}

__KNL__ void evtdrv_msg_reset(void)
{
    evtdrv_msg_hdr_t *hdr;

    while (!tos_list_empty(&evtdrv_msg_list)) {
        hdr = TOS_LIST_FIRST_ENTRY(&evtdrv_msg_list, evtdrv_msg_hdr_t, list);
        tos_list_del(&hdr->list);
        tos_mmheap_free(hdr);
    }
}

#endif /* TOS_CFG_EVTDRV_MSG_POOL_NUM */

__API__ evtdrv_msg_body_t tos_evtdrv_msg_alloc(evtdrv_msg_len_t msg_len)
{
    evtdrv_msg_hdr_t *hdr;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    hdr = evtdrv_msg_take(msg_len);
    TOS_CPU_INT_ENABLE();
    return hdr != K_NULL ? EVTDRV_MSG_HDR2BODY(hdr) : K_NULL;
}

/* Queues hdr for a valid task and counts its MSG event. Interrupts disabled. */
static void evtdrv_msg_queue(evtdrv_msg_hdr_t *hdr, evtdrv_task_id_t dst_task_id)
{
    hdr->dst_task_id = dst_task_id;
    tos_list_add_tail(&hdr->list, &evtdrv_msg_list);
    (void)evtdrv_event_update(dst_task_id, TOS_EVTDRV_SYS_EVENT_MSG, EVTDRV_EVENT_UP);
}

/*
 * The header of a message the caller owns, in *hdr, or the reason it may
 * not give it away: NULL, not a live message, queued. Interrupts disabled.
 */
static evtdrv_err_t evtdrv_msg_owned(evtdrv_msg_body_t msg_body, evtdrv_msg_hdr_t **hdr)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;

    if (msg_body != K_NULL) {
        *hdr = evtdrv_msg_hdr_get(msg_body);
        err = EVTDRV_ERR_MSG_INVALID;
        if (*hdr != K_NULL) {
            err = evtdrv_msg_is_busy(*hdr) ? EVTDRV_ERR_MSG_BUSY : EVTDRV_ERR_NONE;
        }
    }
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_msg_free(evtdrv_msg_body_t msg_body)
{
    evtdrv_err_t err;
    evtdrv_msg_hdr_t *hdr = K_NULL;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    err = evtdrv_msg_owned(msg_body, &hdr);
    if (err == EVTDRV_ERR_NONE) {
        evtdrv_msg_release(hdr);
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_msg_send(evtdrv_task_id_t dst_task_id, evtdrv_msg_body_t msg_body)
{
    evtdrv_err_t err;
    evtdrv_msg_hdr_t *hdr = K_NULL;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    err = evtdrv_msg_owned(msg_body, &hdr);
    if (err == EVTDRV_ERR_NONE && !evtdrv_task_id_is_valid(dst_task_id)) {
        /* The original consumes the message even then; callers rely on it. */
        evtdrv_msg_release(hdr);
        err = EVTDRV_ERR_TASK_INVALID;
    } else if (err == EVTDRV_ERR_NONE) {
        evtdrv_msg_queue(hdr, dst_task_id);
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

__API__ evtdrv_msg_body_t tos_evtdrv_msg_recv(void)
{
    evtdrv_task_id_t self = evtdrv_curr_task;
    k_list_t *curr;
    evtdrv_msg_hdr_t *hdr;
    evtdrv_msg_body_t body = K_NULL;
    /* The original's protocol: a message, call the handler again; none, one set less. */
    uint32_t step = EVTDRV_EVENT_DOWN;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    /* Queued messages have a valid destination: outside a handler, none is found. */
    TOS_LIST_FOR_EACH(curr, &evtdrv_msg_list) {
        if (TOS_LIST_ENTRY(curr, evtdrv_msg_hdr_t, list)->dst_task_id == self) {
            break;
        }
    }
    if (curr != &evtdrv_msg_list) {
        hdr = TOS_LIST_ENTRY(curr, evtdrv_msg_hdr_t, list);
        tos_list_del_init(curr);
        hdr->dst_task_id = TOS_EVTDRV_TASK_ID_NONE;
        body = EVTDRV_MSG_HDR2BODY(hdr);
        step = EVTDRV_EVENT_UP;
    }
    (void)evtdrv_event_update(self, TOS_EVTDRV_SYS_EVENT_MSG, step);
    TOS_CPU_INT_ENABLE();
    return body;
}

/* Allocates and queues in one critical section: no other caller sees the message half-made. */
__API__ evtdrv_err_t tos_evtdrv_msg_post(evtdrv_task_id_t dst_task_id, const void *data,
                                         evtdrv_msg_len_t len)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    evtdrv_msg_hdr_t *hdr;
    TOS_CPU_CPSR_ALLOC();

    if (data != K_NULL) {
        err = EVTDRV_ERR_TASK_INVALID;
    }
    if (err == EVTDRV_ERR_TASK_INVALID && evtdrv_task_id_is_valid(dst_task_id)) {
        err = len == 0u ? EVTDRV_ERR_MSG_INVALID : EVTDRV_ERR_MEM_ALLOC_FAILED;
    }
    if (err == EVTDRV_ERR_MEM_ALLOC_FAILED) {
        TOS_CPU_INT_DISABLE();
        hdr = evtdrv_msg_take(len);
        if (hdr != K_NULL) {
            memcpy(EVTDRV_MSG_HDR2BODY(hdr), data, len);
            evtdrv_msg_queue(hdr, dst_task_id);
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

#endif /* TOS_CFG_EVENT_DRIVEN_EN */
