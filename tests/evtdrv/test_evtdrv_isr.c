/*
 * Interrupt handlers and the event-driven mode: events, messages, timers and
 * deferred work from real (simulated or hardware) interrupts, with
 * tos_knl_irq_enter/leave bracketing; nothing of it allocates from a heap
 * in the static configuration.
 */
#include "tt_evtdrv.h"

#define EV_RX    ((evtdrv_event_flag_t)0x0001u)
#define TEST_IRQ 6u
#define LOG_MAX  32u

/* The log of what ran, in order: 'T' task 0, 'W' work, 'M' message. */
static char trace[LOG_MAX];
static uintptr_t trace_arg[LOG_MAX];
static unsigned int ntrace;
static k_nesting_t nest_seen;

static void log_it(char what, uintptr_t arg)
{
    if (ntrace < LOG_MAX) {
        trace[ntrace] = what;
        trace_arg[ntrace] = arg;
    }
    ntrace++;
}

static void take_messages(void)
{
    evtdrv_msg_body_t body = tos_evtdrv_msg_recv();

    if (body != NULL) {
        log_it('M', body[0]);
        TT_ASSERT_ERR(tos_evtdrv_msg_free(body), EVTDRV_ERR_NONE);
    }
}

static evtdrv_event_flag_t task0(evtdrv_event_flag_t flags)
{
    if ((flags & EV_RX) != 0u) {
        log_it('T', flags);
    }
    if ((flags & TOS_EVTDRV_SYS_EVENT_MSG) != 0u) {
        take_messages();
    }
    return flags;
}

static evtdrv_task_entry_t table[1] = {task0};

/* What the next raise of TEST_IRQ does. */
static void (*isr_body)(void);
static uint8_t isr_tag;

static void test_isr(void)
{
    tos_knl_irq_enter();
    nest_seen = k_irq_nest_cnt;
    isr_body();
    tos_knl_irq_leave();
}

static void setup(void)
{
    memset(trace, 0, sizeof(trace));
    ntrace = 0u;
    nest_seen = 0u;
    isr_tag = 0u;
    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, 1u, NULL), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_drain(); /* the system runs: irq_enter/leave count */
    tt_irq_connect(TEST_IRQ, test_isr);
}

static void teardown(void)
{
    tt_irq_connect(TEST_IRQ, NULL);
}

static void isr_set_event(void)
{
    (void)tos_evtdrv_event_set(0u, EV_RX);
}

static void test_events_from_an_interrupt_are_counted(void)
{
    isr_body = isr_set_event;
    tt_irq_raise(TEST_IRQ);
    tt_irq_raise(TEST_IRQ);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(nest_seen, 1u); /* the ISR ran as an interrupt of the running system */
    TT_ASSERT_EQ(k_irq_nest_cnt, 0u);
    TT_ASSERT_EQ(ntrace, 0u); /* handlers run in the loop, not in the ISR */
    TT_ASSERT_EQ(tt_evtdrv_drain(), 3u);
    TT_ASSERT_EQ(ntrace, 3u);
    TT_ASSERT_EQ(trace[2], 'T');
}

static void isr_post(void)
{
    ++isr_tag;
    TT_ASSERT_ERR(tos_evtdrv_msg_post(0u, &isr_tag, 1u), EVTDRV_ERR_NONE);
}

static void test_messages_from_an_interrupt(void)
{
    isr_body = isr_post;
    tt_irq_raise(TEST_IRQ);
    tt_irq_raise(TEST_IRQ);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(ntrace, 2u);
    TT_ASSERT_EQ(trace[0], 'M');
    TT_ASSERT_EQ(trace_arg[0], 1u);
    TT_ASSERT_EQ(trace_arg[1], 2u);
}

#if TOS_CFG_EVTDRV_WORK_NUM > 0u

static evtdrv_task_id_t self_seen;

static void work_fn(void *arg)
{
    nest_seen = k_irq_nest_cnt;
    self_seen = tos_evtdrv_task_self();
    log_it('W', (uintptr_t)arg);
}

static void isr_defer(void)
{
    ++isr_tag;
    TT_ASSERT_ERR(tos_evtdrv_work_queue(work_fn, (void *)(uintptr_t)isr_tag), EVTDRV_ERR_NONE);
    (void)tos_evtdrv_event_set(0u, EV_RX);
}

/* Deferred work runs later, in the loop, in queueing order, before the tasks. */
static void test_deferred_work_runs_in_the_loop_in_order(void)
{
    isr_body = isr_defer;
    tt_irq_raise(TEST_IRQ);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(ntrace, 0u);
    self_seen = 0u;
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(ntrace, 3u);
    TT_ASSERT_EQ(trace[0], 'W');
    TT_ASSERT_EQ(trace_arg[0], 1u);
    TT_ASSERT_EQ(trace[1], 'W');
    TT_ASSERT_EQ(trace_arg[1], 2u);
    TT_ASSERT_EQ(trace[2], 'T');
    TT_ASSERT_EQ(nest_seen, 0u); /* not in interrupt context */
    TT_ASSERT_EQ(self_seen, TOS_EVTDRV_TASK_ID_NONE);
}

static void isr_fill(void)
{
    unsigned int i;

    for (i = 0u; i < TOS_CFG_EVTDRV_WORK_NUM; ++i) {
        TT_ASSERT_ERR(tos_evtdrv_work_queue(work_fn, (void *)(uintptr_t)(i + 1u)), EVTDRV_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_evtdrv_work_queue(work_fn, (void *)(uintptr_t)99u),
                  EVTDRV_ERR_MEM_ALLOC_FAILED);
    TT_ASSERT_ERR(tos_evtdrv_work_queue(NULL, NULL), EVTDRV_ERR_PTR_NULL);
}

static void test_full_work_queue_is_a_clear_error(void)
{
    unsigned int i;

    isr_body = isr_fill;
    tt_irq_raise(TEST_IRQ);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(ntrace, TOS_CFG_EVTDRV_WORK_NUM);
    for (i = 0u; i < TOS_CFG_EVTDRV_WORK_NUM; ++i) {
        TT_ASSERT_EQ(trace_arg[i], i + 1u);
    }
    /* Emptied: the whole ring is usable again, wrapping around. */
    tt_irq_raise(TEST_IRQ);
    (void)tt_evtdrv_drain();
    TT_ASSERT_EQ(ntrace, 2u * TOS_CFG_EVTDRV_WORK_NUM);
    TT_ASSERT_EQ(trace_arg[2u * TOS_CFG_EVTDRV_WORK_NUM - 1u], TOS_CFG_EVTDRV_WORK_NUM);
}

static unsigned int requeues;

static void requeue_fn(void *arg)
{
    (void)arg;
    if (++requeues < 3u) {
        (void)tos_evtdrv_work_queue(requeue_fn, NULL);
    }
}

/* Work queued by work waits for the next pass: the tasks are not starved. */
static void test_requeued_work_waits_for_the_next_pass(void)
{
    requeues = 0u;
    TT_ASSERT_ERR(tos_evtdrv_work_queue(requeue_fn, NULL), EVTDRV_ERR_NONE);
    (void)tos_evtdrv_event_set(0u, EV_RX);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(requeues, 1u);
    TT_ASSERT_EQ(ntrace, 1u); /* the task ran in the same pass */
    TT_ASSERT_EQ(tt_evtdrv_drain(), 2u);
    TT_ASSERT_EQ(requeues, 3u);
}

#endif /* TOS_CFG_EVTDRV_WORK_NUM */

static evtdrv_timer_t isr_timer;
static evtdrv_tick_t fired_at;

static void isr_timer_cb(void *arg)
{
    (void)arg;
    fired_at = tos_evtdrv_systick_get();
}

static void isr_start_timer(void)
{
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&isr_timer, 15u), EVTDRV_ERR_NONE);
}

static void test_timer_started_from_an_interrupt(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    fired_at = 0u;
    TT_ASSERT_ERR(tos_evtdrv_timer_create(&isr_timer, isr_timer_cb, NULL, EVTDRV_TIMER_OPT_ONESHOT),
                  EVTDRV_ERR_NONE);
    isr_body = isr_start_timer;
    tt_irq_raise(TEST_IRQ);
    (void)tt_evtdrv_run_until(t0 + 20u);
    TT_ASSERT_EQ(fired_at, t0 + 15u);
}

static void isr_tick(void)
{
    tos_evtdrv_tick_handler();
}

/* An application's own tick interrupt: the same kernel tick. */
static void test_tick_handler_from_an_interrupt(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    isr_body = isr_tick;
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(tos_evtdrv_systick_get(), t0 + 1u);
    TT_ASSERT_EQ(k_tick_count, t0 + 1u);
}

#if TOS_CFG_EVTDRV_WORK_NUM > 0u
#define CASES_WORK                                         \
    TT_CASE(test_deferred_work_runs_in_the_loop_in_order), \
        TT_CASE(test_full_work_queue_is_a_clear_error),    \
        TT_CASE(test_requeued_work_waits_for_the_next_pass),
#else
#define CASES_WORK
#endif

TT_SUITE("evtdrv_isr", setup, teardown, TT_CASE(test_events_from_an_interrupt_are_counted),
         TT_CASE(test_messages_from_an_interrupt),
         CASES_WORK TT_CASE(test_timer_started_from_an_interrupt),
         TT_CASE(test_tick_handler_from_an_interrupt));
