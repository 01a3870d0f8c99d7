/*
 * Transmissions with retries (Tern, include/tos_evtdrv_tx.h).
 *
 * A sender is a queue of frames plus one evtdrv timer that paces the head
 * frame: the timer's callback (evtdrv_sender_service, in the loop) finishes
 * the head when it was acknowledged or has used up its retransmissions,
 * then transmits the (new) head and re-arms itself `interval` ticks ahead.
 * Acknowledging or cancelling only marks the state and re-arms the timer
 * for "now", so interrupt handlers never call the application's send/done
 * and the work happens at the next pass of the loop.
 *
 * Invariant: the queue is not empty exactly while the timer runs (the
 * timer service leaves a sender's timer in the list while its callback
 * runs). tos_evtdrv_sys_init() empties the timer list and so stops every
 * sender; the queue and frames it leaves behind are stale, and each call
 * first forgets them (evtdrv_sender_refresh). Whether a frame is queued is
 * told by walking its sender's queue, never by the frame's own links.
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

/*
 * A sender whose timer does not run has no frame queued: forgets a queue
 * left behind by tos_evtdrv_sys_init(). Interrupts disabled.
 */
static void evtdrv_sender_refresh(evtdrv_sender_t *sender)
{
    if (!evtdrv_timer_is_running(&sender->timer)) {
        tos_list_init(&sender->queue);
        tos_list_init(&sender->timer.list);
        sender->acked = K_FALSE;
    }
}

/* frame is in sender's queue. Interrupts disabled. */
static int evtdrv_frame_is_queued_to(evtdrv_sender_t *sender, const evtdrv_tx_frame_t *frame)
{
    const k_list_t *curr;
    int found = K_FALSE;

    evtdrv_sender_refresh(sender);
    TOS_LIST_FOR_EACH(curr, &sender->queue) {
        found = found || curr == &frame->list;
    }
    return found;
}

/* Zeroed storage (never queued) has no sender. Interrupts disabled. */
static int evtdrv_frame_is_queued(const evtdrv_tx_frame_t *frame)
{
    return frame->sender != K_NULL && evtdrv_frame_is_queued_to(frame->sender, frame);
}

static evtdrv_tx_frame_t *evtdrv_sender_head(evtdrv_sender_t *sender)
{
    return TOS_LIST_FIRST_ENTRY_OR_NULL(&sender->queue, evtdrv_tx_frame_t, list);
}

static evtdrv_tick_t evtdrv_frame_interval(const evtdrv_tx_frame_t *frame)
{
    return frame->interval != 0u ? frame->interval : (evtdrv_tick_t)1u;
}

/*
 * Finishes the head if acknowledged or out of retransmissions (returns it
 * and its result), then starts the next transmission of the new head
 * (*next). Interrupts disabled.
 */
static evtdrv_tx_frame_t *evtdrv_sender_step(evtdrv_sender_t *sender, evtdrv_err_t *result,
                                             evtdrv_tx_frame_t **next)
{
    evtdrv_tx_frame_t *head = evtdrv_sender_head(sender);
    evtdrv_tx_frame_t *finished = K_NULL;

    if (head != K_NULL && (sender->acked || head->sent > head->repeat)) {
        finished = head;
        *result = sender->acked ? EVTDRV_ERR_NONE : EVTDRV_ERR_TX_NO_ACK;
        tos_list_del_init(&head->list);
        sender->acked = K_FALSE;
        head = evtdrv_sender_head(sender);
    }
    if (head != K_NULL) {
        ++head->sent;
        evtdrv_timer_arm(&sender->timer, evtdrv_frame_interval(head));
    } else {
        tos_list_del_init(&sender->timer.list);
    }
    *next = head;
    return finished;
}

/* The sender's timer callback. */
static void evtdrv_sender_service(void *arg)
{
    evtdrv_sender_t *sender = (evtdrv_sender_t *)arg;
    evtdrv_tx_frame_t *finished;
    evtdrv_tx_frame_t *next;
    evtdrv_err_t result = EVTDRV_ERR_NONE;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    finished = evtdrv_sender_step(sender, &result, &next);
    TOS_CPU_INT_ENABLE();

    if (finished != K_NULL && sender->done != K_NULL) {
        sender->done(finished, result);
    }
    if (next != K_NULL) {
        sender->send(next);
    }
}

__API__ evtdrv_err_t tos_evtdrv_sender_create(evtdrv_sender_t *sender, evtdrv_tx_send_t send,
                                              evtdrv_tx_done_t done)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;

    if (sender != K_NULL && send != K_NULL) {
        /* A sender with frames has its timer running: create refuses it. */
        err = tos_evtdrv_timer_create(&sender->timer, evtdrv_sender_service, sender,
                                      EVTDRV_TIMER_OPT_ONESHOT);
        if (err == EVTDRV_ERR_TIMER_ALREADY_EXIST) {
            err = EVTDRV_ERR_TX_BUSY;
        }
    }
    if (err == EVTDRV_ERR_NONE) {
        sender->timer.opt = EVTDRV_TIMER_OPT_SENDER;
        tos_list_init(&sender->queue);
        sender->send = send;
        sender->done = done;
        sender->acked = K_FALSE;
    }
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_tx_send(evtdrv_sender_t *sender, evtdrv_tx_frame_t *frame,
                                        const void *data, evtdrv_msg_len_t len,
                                        evtdrv_tick_t interval, uint16_t repeat)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (sender != K_NULL && frame != K_NULL && sender->send != K_NULL) {
        TOS_CPU_INT_DISABLE();
        if (evtdrv_frame_is_queued(frame)) {
            err = EVTDRV_ERR_TX_BUSY;
        } else {
            evtdrv_sender_refresh(sender);
            frame->sender = sender;
            frame->data = data;
            frame->len = len;
            frame->repeat = repeat;
            frame->sent = 0u;
            frame->interval = interval;
            if (tos_list_empty(&sender->queue)) {
                evtdrv_timer_arm(&sender->timer, (evtdrv_tick_t)0u);
            }
            tos_list_add_tail(&frame->list, &sender->queue);
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_tx_ack(evtdrv_sender_t *sender)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    evtdrv_tx_frame_t *head;
    TOS_CPU_CPSR_ALLOC();

    if (sender != K_NULL) {
        TOS_CPU_INT_DISABLE();
        evtdrv_sender_refresh(sender);
        head = evtdrv_sender_head(sender);
        if (head == K_NULL || head->sent == 0u || sender->acked) {
            err = EVTDRV_ERR_TX_IDLE;
        } else {
            sender->acked = K_TRUE;
            evtdrv_timer_arm(&sender->timer, (evtdrv_tick_t)0u);
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_tx_cancel(evtdrv_sender_t *sender, evtdrv_tx_frame_t *frame)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    int was_head;
    TOS_CPU_CPSR_ALLOC();

    if (sender != K_NULL && frame != K_NULL) {
        TOS_CPU_INT_DISABLE();
        if (!evtdrv_frame_is_queued_to(sender, frame)) {
            err = EVTDRV_ERR_TX_IDLE;
        } else {
            was_head = sender->queue.next == &frame->list;
            tos_list_del_init(&frame->list);
            if (was_head) {
                sender->acked = K_FALSE;
                if (tos_list_empty(&sender->queue)) {
                    tos_list_del_init(&sender->timer.list);
                } else {
                    evtdrv_timer_arm(&sender->timer, (evtdrv_tick_t)0u);
                }
            }
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

#endif /* TOS_CFG_EVENT_DRIVEN_EN */
