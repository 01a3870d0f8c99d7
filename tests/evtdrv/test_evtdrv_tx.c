/*
 * Transmissions with retries (Tern, tos_evtdrv_tx.h): the exact ticks of
 * transmissions and of the give-up, acknowledgement (also from an
 * interrupt), the queue of frames, cancellation and misuse.
 */
#include "tt_evtdrv.h"

#define LOG_MAX  32u
#define TEST_IRQ 4u

typedef struct tx_rec_st {
    char what; /* 'S' sent, 'D' done */
    evtdrv_tx_frame_t *frame;
    evtdrv_tick_t at;
    uint32_t sent;
    evtdrv_err_t result;
} tx_rec_t;

static evtdrv_sender_t sender;
static evtdrv_sender_t other;
static evtdrv_tx_frame_t frame[3];
static const uint8_t payload[4] = {1u, 2u, 3u, 4u};
static tx_rec_t log_[LOG_MAX];
static unsigned int nlog;
static evtdrv_tx_frame_t *requeue; /* done() queues this frame again once */

static void record(char what, evtdrv_tx_frame_t *f, evtdrv_err_t result)
{
    if (nlog < LOG_MAX) {
        log_[nlog].what = what;
        log_[nlog].frame = f;
        log_[nlog].at = tos_evtdrv_systick_get();
        log_[nlog].sent = f->sent;
        log_[nlog].result = result;
    }
    nlog++;
}

static void send_cb(evtdrv_tx_frame_t *f)
{
    record('S', f, EVTDRV_ERR_NONE);
}

static void done_cb(evtdrv_tx_frame_t *f, evtdrv_err_t result)
{
    record('D', f, result);
    if (requeue == f) {
        requeue = NULL;
        (void)tos_evtdrv_tx_send(f->sender, f, payload, 1u, 5u, 0u);
    }
}

static void setup(void)
{
    memset(&sender, 0, sizeof(sender));
    memset(&other, 0, sizeof(other));
    memset(frame, 0, sizeof(frame));
    memset(log_, 0, sizeof(log_));
    nlog = 0u;
    requeue = NULL;
    TT_ASSERT_ERR(tos_evtdrv_sys_init(NULL, 0u, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_sender_create(&sender, send_cb, done_cb), EVTDRV_ERR_NONE);
}

static void expect(unsigned int i, char what, evtdrv_tx_frame_t *f, evtdrv_tick_t at)
{
    TT_ASSERT_GT(nlog, i);
    TT_ASSERT_EQ(log_[i].what, what);
    TT_ASSERT_PTR_EQ(log_[i].frame, f);
    TT_ASSERT_EQ(log_[i].at, at);
}

/* No acknowledgement: 1 + repeat transmissions, interval apart; gives up one interval later. */
static void test_unanswered_frame_is_retried_then_given_up(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, sizeof(payload), 10u, 3u),
                  EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(nlog, 0u); /* nothing is transmitted in the caller's context */
    (void)tt_evtdrv_run_until(t0 + 100u);
    TT_ASSERT_EQ(nlog, 5u);
    expect(0u, 'S', &frame[0], t0);
    expect(1u, 'S', &frame[0], t0 + 10u);
    expect(2u, 'S', &frame[0], t0 + 20u);
    expect(3u, 'S', &frame[0], t0 + 30u);
    expect(4u, 'D', &frame[0], t0 + 40u);
    TT_ASSERT_EQ(log_[0].sent, 1u);
    TT_ASSERT_EQ(log_[3].sent, 4u);
    TT_ASSERT_EQ(log_[4].result, EVTDRV_ERR_TX_NO_ACK);
    TT_ASSERT_PTR_EQ(frame[0].data, payload);
    TT_ASSERT_EQ(frame[0].len, sizeof(payload));
    TT_ASSERT(tos_list_empty(&sender.queue));
    TT_ASSERT(tos_list_empty(&sender.timer.list)); /* idle sender, no timer */
}

static evtdrv_timer_t ack_timer;

static void ack_cb(void *arg)
{
    TT_ASSERT_ERR(tos_evtdrv_tx_ack((evtdrv_sender_t *)arg), EVTDRV_ERR_NONE);
}

static void test_acknowledgement_stops_the_retries(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    TT_ASSERT_ERR(tos_evtdrv_timer_create(&ack_timer, ack_cb, &sender, EVTDRV_TIMER_OPT_ONESHOT),
                  EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 2u, 10u, 5u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&ack_timer, 15u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 100u);
    TT_ASSERT_EQ(nlog, 3u);
    expect(0u, 'S', &frame[0], t0);
    expect(1u, 'S', &frame[0], t0 + 10u);
    expect(2u, 'D', &frame[0], t0 + 15u);
    TT_ASSERT_EQ(log_[2].result, EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(log_[2].sent, 2u);
}

static void isr_ack(void)
{
    tos_knl_irq_enter();
    TT_ASSERT_ERR(tos_evtdrv_tx_ack(&sender), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_ack(&sender), EVTDRV_ERR_TX_IDLE); /* only once */
    tos_knl_irq_leave();
}

static void test_acknowledgement_from_an_interrupt(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    tt_irq_connect(TEST_IRQ, isr_ack);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 2u, 10u, 5u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 3u);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(nlog, 1u); /* done runs in the loop */
    (void)tt_evtdrv_run_until(t0 + 50u);
    TT_ASSERT_EQ(nlog, 2u);
    expect(1u, 'D', &frame[0], t0 + 3u);
    TT_ASSERT_EQ(log_[1].result, EVTDRV_ERR_NONE);
    tt_irq_connect(TEST_IRQ, NULL);
}

static void test_frames_go_one_after_the_other(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 1u, 4u, 1u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[1], payload, 1u, 3u, 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[2], payload, 1u, 2u, 0u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 30u);
    printf("nlog %u: %c %c %c\n", nlog, log_[5].what, log_[6].what, log_[7].what);
    TT_ASSERT_EQ(nlog, 7u);
    expect(0u, 'S', &frame[0], t0);
    expect(1u, 'S', &frame[0], t0 + 4u);
    expect(2u, 'D', &frame[0], t0 + 8u);
    expect(3u, 'S', &frame[1], t0 + 8u);
    expect(4u, 'D', &frame[1], t0 + 11u);
    expect(5u, 'S', &frame[2], t0 + 11u);
    expect(6u, 'D', &frame[2], t0 + 13u);
    TT_ASSERT_EQ(log_[6].result, EVTDRV_ERR_TX_NO_ACK);
}

static void test_ack_without_a_frame_in_flight_is_refused(void)
{
    TT_ASSERT_ERR(tos_evtdrv_tx_ack(NULL), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_tx_ack(&sender), EVTDRV_ERR_TX_IDLE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 1u, 5u, 2u), EVTDRV_ERR_NONE);
    /* Queued but not transmitted yet: nothing to acknowledge. */
    TT_ASSERT_ERR(tos_evtdrv_tx_ack(&sender), EVTDRV_ERR_TX_IDLE);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(nlog, 1u);
    TT_ASSERT_ERR(tos_evtdrv_tx_ack(&sender), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_ack(&sender), EVTDRV_ERR_TX_IDLE);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(nlog, 2u);
    TT_ASSERT_EQ(log_[1].result, EVTDRV_ERR_NONE);
}

static void test_cancel_withdraws_a_frame(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 1u, 10u, 5u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[1], payload, 1u, 10u, 5u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[2], payload, 1u, 2u, 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_cancel(&sender, &frame[1]), EVTDRV_ERR_NONE); /* waiting */
    TT_ASSERT_ERR(tos_evtdrv_tx_cancel(&sender, &frame[1]), EVTDRV_ERR_TX_IDLE);
    (void)tt_evtdrv_run_until(t0 + 5u);
    TT_ASSERT_ERR(tos_evtdrv_tx_cancel(&sender, &frame[0]), EVTDRV_ERR_NONE); /* in flight */
    (void)tt_evtdrv_run_until(t0 + 30u);
    TT_ASSERT_EQ(nlog, 3u); /* no done for the cancelled ones */
    expect(0u, 'S', &frame[0], t0);
    expect(1u, 'S', &frame[2], t0 + 5u);
    expect(2u, 'D', &frame[2], t0 + 7u);
    /* The last frame cancelled: the sender falls idle, its timer stopped. */
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[1], payload, 1u, 10u, 5u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_cancel(&sender, &frame[1]), EVTDRV_ERR_NONE);
    TT_ASSERT(tos_list_empty(&sender.timer.list));
    TT_ASSERT_EQ(tt_evtdrv_drain(), 0u);
}

static void test_bad_arguments(void)
{
    TT_ASSERT_ERR(tos_evtdrv_sender_create(NULL, send_cb, NULL), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_sender_create(&other, NULL, NULL), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(NULL, &frame[0], payload, 1u, 1u, 0u), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, NULL, payload, 1u, 1u, 0u), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&other, &frame[0], payload, 1u, 1u, 0u),
                  EVTDRV_ERR_PTR_NULL); /* never created */
    TT_ASSERT_ERR(tos_evtdrv_tx_cancel(NULL, &frame[0]), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_tx_cancel(&sender, NULL), EVTDRV_ERR_PTR_NULL);

    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 1u, 5u, 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 1u, 5u, 0u), EVTDRV_ERR_TX_BUSY);
    TT_ASSERT_ERR(tos_evtdrv_sender_create(&sender, send_cb, done_cb), EVTDRV_ERR_TX_BUSY);
    TT_ASSERT_ERR(tos_evtdrv_sender_create(&other, send_cb, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&other, &frame[0], payload, 1u, 5u, 0u), EVTDRV_ERR_TX_BUSY);
    TT_ASSERT_ERR(tos_evtdrv_tx_cancel(&other, &frame[0]), EVTDRV_ERR_TX_IDLE); /* not its frame */
    (void)tt_evtdrv_run_for(10u);
    TT_ASSERT_EQ(nlog, 2u);
    TT_ASSERT_EQ(log_[1].what, 'D');
}

/* repeat 0: one transmission; interval 0: retransmit every tick; done may queue again. */
static void test_edge_parameters_and_requeue_from_done(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    requeue = &frame[0];
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 1u, 0u, 2u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 20u);
    TT_ASSERT_EQ(nlog, 6u);
    expect(0u, 'S', &frame[0], t0);
    expect(1u, 'S', &frame[0], t0 + 1u);
    expect(2u, 'S', &frame[0], t0 + 2u);
    expect(3u, 'D', &frame[0], t0 + 3u);
    expect(4u, 'S', &frame[0], t0 + 3u); /* queued again by done: repeat 0, interval 5 */
    expect(5u, 'D', &frame[0], t0 + 8u);
    TT_ASSERT_EQ(log_[5].sent, 1u);
}

/* A sender without done: frames still finish and the next one starts. */
static void test_sender_without_done(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    TT_ASSERT_ERR(tos_evtdrv_sender_create(&other, send_cb, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&other, &frame[0], payload, 1u, 2u, 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&other, &frame[1], payload, 1u, 2u, 0u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 10u);
    TT_ASSERT_EQ(nlog, 2u);
    expect(1u, 'S', &frame[1], t0 + 2u);
    TT_ASSERT(tos_list_empty(&other.queue));
}

/*
 * Re-initialising stops every sender: what was queued is dropped without
 * done, and the sender works on, created again or not.
 */
static void test_reinit_empties_the_queues(void)
{
    evtdrv_tick_t t0;

    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 1u, 5u, 3u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[1], payload, 1u, 5u, 3u), EVTDRV_ERR_NONE);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_ERR(tos_evtdrv_sys_init(NULL, 0u, NULL), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(30u);
    TT_ASSERT_EQ(nlog, 1u);
    TT_ASSERT_ERR(tos_evtdrv_tx_ack(&sender), EVTDRV_ERR_TX_IDLE);
    TT_ASSERT_ERR(tos_evtdrv_tx_cancel(&sender, &frame[0]), EVTDRV_ERR_TX_IDLE);
    TT_ASSERT(tos_list_empty(&sender.queue));
    /* Not created again: the frames are free, the sender sends. */
    t0 = tos_evtdrv_systick_get();
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[1], payload, 1u, 5u, 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[0], payload, 1u, 2u, 0u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(10u);
    TT_ASSERT_EQ(nlog, 5u);
    expect(1u, 'S', &frame[1], t0);
    expect(2u, 'D', &frame[1], t0 + 5u);
    expect(3u, 'S', &frame[0], t0 + 5u);
    expect(4u, 'D', &frame[0], t0 + 7u);
    TT_ASSERT_EQ(log_[4].result, EVTDRV_ERR_TX_NO_ACK);
    /* Created again, likewise; a frame queued to the old sender state is free. */
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&sender, &frame[2], payload, 1u, 5u, 3u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(NULL, 0u, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_sender_create(&sender, send_cb, done_cb), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&other, &frame[2], payload, 1u, 5u, 0u), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_sender_create(&other, send_cb, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_tx_send(&other, &frame[2], payload, 1u, 5u, 0u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(10u);
    TT_ASSERT_EQ(nlog, 6u); /* sent once; other has no done */
    TT_ASSERT_PTR_EQ(log_[5].frame, &frame[2]);
}

TT_SUITE("evtdrv_tx", setup, NULL, TT_CASE(test_unanswered_frame_is_retried_then_given_up),
         TT_CASE(test_acknowledgement_stops_the_retries),
         TT_CASE(test_acknowledgement_from_an_interrupt),
         TT_CASE(test_frames_go_one_after_the_other),
         TT_CASE(test_ack_without_a_frame_in_flight_is_refused),
         TT_CASE(test_cancel_withdraws_a_frame), TT_CASE(test_bad_arguments),
         TT_CASE(test_edge_parameters_and_requeue_from_done), TT_CASE(test_sender_without_done),
         TT_CASE(test_reinit_empties_the_queues));
