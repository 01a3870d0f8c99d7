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
 *   free (pool only)          len 0, in the free list or never used
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

static int evtdrv_msg_is_busy(const evtdrv_msg_hdr_t *hdr)
{
    return hdr->dst_task_id != TOS_EVTDRV_TASK_ID_NONE || !tos_list_empty(&hdr->list);
}

static void evtdrv_msg_hdr_init(evtdrv_msg_hdr_t *hdr, evtdrv_msg_len_t len)
{
    tos_list_init(&hdr->list);
    hdr->dst_task_id = TOS_EVTDRV_TASK_ID_NONE;
    hdr->len = len;
}

#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u

/*
 * The pool: blocks of header + the largest body. The body starts right
 * after the header (EVTDRV_MSG_HDR2BODY), aligned for pointers since the
 * header holds pointers. Blocks below `fresh` have been handed out since
 * the last reset and are either in use or in the free list; the others have
 * never been used, so a reset is O(1).
 */
typedef struct evtdrv_msg_blk_st {
    evtdrv_msg_hdr_t hdr;
    uint8_t body[TOS_CFG_EVTDRV_MSG_SIZE_MAX];
} evtdrv_msg_blk_t;

static evtdrv_msg_blk_t evtdrv_msg_pool[TOS_CFG_EVTDRV_MSG_POOL_NUM];
/* Freed blocks, linked through list.next (push and pop at the head only). */
static evtdrv_msg_hdr_t *evtdrv_msg_free;
static uint8_t evtdrv_msg_pool_fresh = 0u;

/* A free block, or NULL. Interrupts disabled. */
static evtdrv_msg_hdr_t *evtdrv_msg_blk_get(void)
{
    evtdrv_msg_hdr_t *hdr = evtdrv_msg_free;

    if (hdr != K_NULL) {
        evtdrv_msg_free = (evtdrv_msg_hdr_t *)(void *)hdr->list.next;
    } else if (evtdrv_msg_pool_fresh < TOS_CFG_EVTDRV_MSG_POOL_NUM) {
        hdr = &evtdrv_msg_pool[evtdrv_msg_pool_fresh++].hdr;
    }
    return hdr;
}

__API__ evtdrv_msg_body_t tos_evtdrv_msg_alloc(evtdrv_msg_len_t msg_len)
{
    evtdrv_msg_hdr_t *hdr = K_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (msg_len != 0u && msg_len <= TOS_CFG_EVTDRV_MSG_SIZE_MAX) {
        TOS_CPU_INT_DISABLE();
        hdr = evtdrv_msg_blk_get();
        if (hdr != K_NULL) {
            evtdrv_msg_hdr_init(hdr, msg_len);
        }
        TOS_CPU_INT_ENABLE();
    }
    return hdr != K_NULL ? EVTDRV_MSG_HDR2BODY(hdr) : K_NULL;
}

/*
 * The header of a body handed out and not freed, or NULL. Compares
 * addresses instead of dividing: Cortex-M0 has no divide instruction.
 * Interrupts disabled.
 */
static evtdrv_msg_hdr_t *evtdrv_msg_hdr_get(evtdrv_msg_body_t msg_body)
{
    uint8_t i;
    evtdrv_msg_hdr_t *hdr = K_NULL;

    for (i = 0u; i < evtdrv_msg_pool_fresh && hdr == K_NULL; ++i) {
        if (msg_body == evtdrv_msg_pool[i].body && evtdrv_msg_pool[i].hdr.len != 0u) {
            hdr = &evtdrv_msg_pool[i].hdr;
        }
    }
    return hdr;
}

/* Interrupts disabled; hdr owned by the application. */
static void evtdrv_msg_release(evtdrv_msg_hdr_t *hdr)
{
    hdr->len = 0u;
    hdr->list.next = (k_list_t *)(void *)evtdrv_msg_free;
    evtdrv_msg_free = hdr;
}

__KNL__ void evtdrv_msg_reset(void)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    tos_list_init(&evtdrv_msg_list);
    evtdrv_msg_free = K_NULL;
    evtdrv_msg_pool_fresh = 0u;
    TOS_CPU_INT_ENABLE();
}

#else /* the original's way: from the heap */

__API__ evtdrv_msg_body_t tos_evtdrv_msg_alloc(evtdrv_msg_len_t msg_len)
{
    evtdrv_msg_hdr_t *hdr = K_NULL;

    if (msg_len != 0u) {
        hdr = (evtdrv_msg_hdr_t *)tos_mmheap_alloc(EVTDRV_MSG_LEN(msg_len));
        if (hdr != K_NULL) {
            evtdrv_msg_hdr_init(hdr, msg_len);
        }
    }
    return hdr != K_NULL ? EVTDRV_MSG_HDR2BODY(hdr) : K_NULL;
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

/* Queues hdr for a valid task and counts its MSG event. Interrupts disabled. */
static void evtdrv_msg_queue(evtdrv_msg_hdr_t *hdr, evtdrv_task_id_t dst_task_id)
{
    hdr->dst_task_id = dst_task_id;
    tos_list_add_tail(&hdr->list, &evtdrv_msg_list);
    evtdrv_event_count(&evtdrv_events[dst_task_id], TOS_EVTDRV_SYS_EVENT_MSG, K_TRUE);
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

/* The first message queued for task_id, or NULL. Interrupts disabled. */
static evtdrv_msg_hdr_t *evtdrv_msg_first_for(evtdrv_task_id_t task_id)
{
    evtdrv_msg_hdr_t *hdr;
    evtdrv_msg_hdr_t *found = K_NULL;

    TOS_LIST_FOR_EACH_ENTRY(hdr, evtdrv_msg_hdr_t, list, &evtdrv_msg_list) {
        if (hdr->dst_task_id == task_id) {
            found = hdr;
            break;
        }
    }
    return found;
}

__API__ evtdrv_msg_body_t tos_evtdrv_msg_recv(void)
{
    evtdrv_task_id_t self = evtdrv_curr_task;
    evtdrv_msg_hdr_t *hdr = K_NULL;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (evtdrv_task_id_is_valid(self)) {
        hdr = evtdrv_msg_first_for(self);
        if (hdr != K_NULL) {
            tos_list_del_init(&hdr->list);
            hdr->dst_task_id = TOS_EVTDRV_TASK_ID_NONE;
        }
        /* The original's protocol: a message, call the handler again; none, one set less. */
        evtdrv_event_count(&evtdrv_events[self], TOS_EVTDRV_SYS_EVENT_MSG, hdr != K_NULL);
    }
    TOS_CPU_INT_ENABLE();
    return hdr != K_NULL ? EVTDRV_MSG_HDR2BODY(hdr) : K_NULL;
}

__API__ evtdrv_err_t tos_evtdrv_msg_post(evtdrv_task_id_t dst_task_id, const void *data,
                                         evtdrv_msg_len_t len)
{
    evtdrv_err_t err = EVTDRV_ERR_NONE;
    evtdrv_msg_body_t body = K_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (data == K_NULL) {
        err = EVTDRV_ERR_PTR_NULL;
    } else if (!evtdrv_task_id_is_valid(dst_task_id)) {
        err = EVTDRV_ERR_TASK_INVALID;
    } else if (len == 0u) {
        err = EVTDRV_ERR_MSG_INVALID;
    } else {
        body = tos_evtdrv_msg_alloc(len);
        if (body == K_NULL) {
            err = EVTDRV_ERR_MEM_ALLOC_FAILED;
        }
    }
    if (err == EVTDRV_ERR_NONE) {
        memcpy(body, data, len);
        TOS_CPU_INT_DISABLE();
        evtdrv_msg_queue(EVTDRV_MSG_BODY2HDR(body), dst_task_id);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

#endif /* TOS_CFG_EVENT_DRIVEN_EN */
