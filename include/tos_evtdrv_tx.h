/*
 * Tern: transmissions with retries (stop-and-wait), for radios and serial
 * links whose peer acknowledges each frame.
 *
 * A sender transmits the frames queued to it one at a time, in queueing
 * order. The frame at the head is transmitted (the sender's `send` is
 * called in the loop), then again every `interval` ticks, up to `repeat`
 * more times, until the application reports the peer's acknowledgement
 * with tos_evtdrv_tx_ack() (typically from the receive interrupt). Then
 * `done` is called with EVTDRV_ERR_NONE, or, when `interval` ticks after the
 * last transmission still no acknowledgement came, with
 * EVTDRV_ERR_TX_NO_ACK; and the next frame starts. send and done run in the
 * loop with interrupts enabled (they are the callback of the sender's timer,
 * an ordinary evtdrv timer) and may queue frames, their own included.
 *
 * Frames and their data belong to the application; nothing is copied or
 * allocated. A frame may be queued when it is not queued: zeroed storage
 * (static, or memset) the first time, then after `done` or a cancel.
 * tos_evtdrv_sys_init() empties every sender's queue (without calling done).
 */
#ifndef _TOS_EVTDRV_TX_H_
#define _TOS_EVTDRV_TX_H_

__CDECLS_BEGIN

typedef struct evtdrv_tx_frame_st evtdrv_tx_frame_t;
typedef struct evtdrv_sender_st evtdrv_sender_t;

/* Transmits frame->data once (e.g. starts a UART or radio transfer). */
typedef void (*evtdrv_tx_send_t)(evtdrv_tx_frame_t *frame);

/* The frame left the queue: EVTDRV_ERR_NONE (acknowledged) or EVTDRV_ERR_TX_NO_ACK. */
typedef void (*evtdrv_tx_done_t)(evtdrv_tx_frame_t *frame, evtdrv_err_t result);

struct evtdrv_tx_frame_st {
    k_list_t list;           /* in the sender's queue */
    evtdrv_sender_t *sender; /* the sender it was last queued to */
    const void *data;        /* what send transmits */
    evtdrv_msg_len_t len;    /* bytes of data */
    uint16_t repeat;         /* retransmissions allowed after the first one */
    uint32_t sent;           /* transmissions so far (1 during the first send) */
    evtdrv_tick_t interval;  /* ticks between transmissions */
};

struct evtdrv_sender_st {
    evtdrv_timer_t timer; /* paces the head frame */
    k_list_t queue;       /* frames; the head is the one in flight */
    evtdrv_tx_send_t send;
    evtdrv_tx_done_t done; /* may be NULL */
    evtdrv_bool_t acked;   /* the head was acknowledged; the loop completes it */
};

/*
 * Prepares an idle sender (no frame queued).
 * Errors, in this order: EVTDRV_ERR_PTR_NULL (sender, send);
 * EVTDRV_ERR_TX_BUSY (frames are queued to it: it is in use).
 */
__API__ evtdrv_err_t tos_evtdrv_sender_create(evtdrv_sender_t *sender, evtdrv_tx_send_t send,
                                              evtdrv_tx_done_t done);

/*
 * Queues frame (data, len) to sender: sent at the next pass of the loop if
 * the sender is idle, otherwise after the frames ahead of it; retransmitted
 * every `interval` ticks (0 counts as 1), at most `repeat` times, until
 * acknowledged. Callable from anywhere, interrupt handlers included.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL (sender or frame is NULL, or
 * the sender was never created: it has no send function); EVTDRV_ERR_TX_BUSY
 * (frame is queued).
 */
__API__ evtdrv_err_t tos_evtdrv_tx_send(evtdrv_sender_t *sender, evtdrv_tx_frame_t *frame,
                                        const void *data, evtdrv_msg_len_t len,
                                        evtdrv_tick_t interval, uint16_t repeat);

/*
 * The peer acknowledged the frame in flight (the head, transmitted at least
 * once): no more retransmissions; the loop calls done(frame, EVTDRV_ERR_NONE)
 * and starts the next frame at its next pass. Callable from anywhere.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL; EVTDRV_ERR_TX_IDLE (no frame
 * has been transmitted and awaits an acknowledgement).
 */
__API__ evtdrv_err_t tos_evtdrv_tx_ack(evtdrv_sender_t *sender);

/*
 * Withdraws frame from sender's queue without calling done; if it was in
 * flight, the next frame starts at the next pass. Callable from anywhere.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL (sender, frame);
 * EVTDRV_ERR_TX_IDLE (frame is not queued to sender).
 */
__API__ evtdrv_err_t tos_evtdrv_tx_cancel(evtdrv_sender_t *sender, evtdrv_tx_frame_t *frame);

__CDECLS_END

#endif /* _TOS_EVTDRV_TX_H_ */
