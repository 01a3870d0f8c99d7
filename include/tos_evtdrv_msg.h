/*
 * Messages of the event-driven mode (contract §35.2, §35.3).
 *
 * A message is a body of bytes with a hidden header in front of it.
 * tos_evtdrv_msg_alloc() hands out a body; tos_evtdrv_msg_send() queues it
 * for a task and sets that task's TOS_EVTDRV_SYS_EVENT_MSG; the task's
 * handler takes it with tos_evtdrv_msg_recv() and frees it. Each task
 * receives its messages in the order they were sent (Tern: the original
 * delivers the newest first, §40.53).
 *
 * Storage (tos_evtdrv_config.h): with TOS_CFG_EVTDRV_MSG_POOL_NUM > 0 the
 * messages come from a static pool of that many blocks, no heap involved,
 * and allocation, sending and freeing are safe in interrupt handlers; with
 * 0 they come from tos_mmheap_alloc as in the original (interrupt-safe only
 * with the TLSF heap, TOS_CFG_MMHEAP_EN).
 *
 * The receive protocol is the original's: a successful receive sets the MSG
 * event once more, so the handler is called again and receives until
 * tos_evtdrv_msg_recv() returns NULL, which takes one MSG set back. A
 * handler that receives one message per call and returns
 * TOS_EVTDRV_SYS_EVENT_MSG therefore sees every message.
 */
#ifndef _TOS_EVTDRV_MSG_H_
#define _TOS_EVTDRV_MSG_H_

__CDECLS_BEGIN

typedef struct evtdrv_msg_header_st {
    k_list_t list;                /* in evtdrv_msg_list while queued */
    evtdrv_task_id_t dst_task_id; /* TOS_EVTDRV_TASK_ID_NONE unless queued */
    evtdrv_msg_len_t len;         /* body bytes */
} evtdrv_msg_hdr_t;

#define EVTDRV_MSG_BODY2HDR(msg_body) \
    ((evtdrv_msg_hdr_t *)(void *)((uint8_t *)(msg_body) - sizeof(evtdrv_msg_hdr_t)))

#define EVTDRV_MSG_LEN(msg_len) (sizeof(evtdrv_msg_hdr_t) + (size_t)(msg_len))

#define EVTDRV_MSG_HDR2BODY(msg_hdr) \
    ((evtdrv_msg_body_t)(void *)((evtdrv_msg_hdr_t *)(msg_hdr) + 1))

/*
 * A body of msg_len bytes, aligned for any pointer, or NULL: msg_len is 0,
 * longer than TOS_CFG_EVTDRV_MSG_SIZE_MAX (pool), or no memory is left.
 * EVTDRV_MSG_BODY2HDR(body)->len tells the length later.
 */
__API__ evtdrv_msg_body_t tos_evtdrv_msg_alloc(evtdrv_msg_len_t msg_len);

/*
 * Gives back a message that is not queued (never sent, or received).
 * Errors, in this order: EVTDRV_ERR_PTR_NULL; EVTDRV_ERR_MSG_INVALID (pool:
 * not a body handed out by tos_evtdrv_msg_alloc since the last
 * tos_evtdrv_sys_init, or already freed); EVTDRV_ERR_MSG_BUSY (queued for a
 * task).
 */
__API__ evtdrv_err_t tos_evtdrv_msg_free(evtdrv_msg_body_t msg_body);

/*
 * Queues the message behind every other message of task dst_task_id and
 * sets the task's TOS_EVTDRV_SYS_EVENT_MSG. Interrupt-safe.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL; EVTDRV_ERR_MSG_INVALID (as
 * for free); EVTDRV_ERR_MSG_BUSY (already queued: nothing changes);
 * EVTDRV_ERR_TASK_INVALID (the message is freed, as in the original).
 */
__API__ evtdrv_err_t tos_evtdrv_msg_send(evtdrv_task_id_t dst_task_id, evtdrv_msg_body_t msg_body);

/*
 * In a task's handler: the oldest message queued for this task, detached
 * (the receiver frees it), and the MSG event set once more; or NULL when
 * there is none (or outside a handler), and one MSG set taken back.
 */
__API__ evtdrv_msg_body_t tos_evtdrv_msg_recv(void);

/*
 * Tern: allocates a message, copies len bytes of data into it and sends it
 * to dst_task_id, in one call (with the pool: interrupt-safe, no heap).
 * Errors, in this order: EVTDRV_ERR_PTR_NULL (data); EVTDRV_ERR_TASK_INVALID;
 * EVTDRV_ERR_MSG_INVALID (len is 0); EVTDRV_ERR_MEM_ALLOC_FAILED (pool
 * exhausted, len above TOS_CFG_EVTDRV_MSG_SIZE_MAX, or heap full). Nothing
 * is queued on error.
 */
__API__ evtdrv_err_t tos_evtdrv_msg_post(evtdrv_task_id_t dst_task_id, const void *data,
                                         evtdrv_msg_len_t len);

__CDECLS_END

#endif /* _TOS_EVTDRV_MSG_H_ */
