/*
 * Timers of the event-driven mode (contract §35.3; §40.51, 52, 54): exact
 * expiry ticks of one-shot, periodic and run-at timers, ordering, restart
 * after stop and after firing, misuse, callbacks with interrupts enabled,
 * the phase of periodic timers after a late service, and the tick API.
 */
#include "tt_evtdrv.h"

#define TMR_NUM  6u
#define REC_MAX  8u
#define LOG_MAX  32u
#define TEST_IRQ 5u

typedef struct rec_st {
    unsigned int count;
    evtdrv_tick_t at[REC_MAX];
} rec_t;

static evtdrv_timer_t tmr[TMR_NUM];
static rec_t rec[TMR_NUM];
static unsigned int order[LOG_MAX];
static unsigned int norder;

static void setup(void)
{
    memset(tmr, 0, sizeof(tmr));
    memset(rec, 0, sizeof(rec));
    norder = 0u;
    TT_ASSERT_ERR(tos_evtdrv_sys_init(NULL, 0u, NULL), EVTDRV_ERR_NONE);
}

static evtdrv_tick_t now(void)
{
    return tos_evtdrv_systick_get();
}

/* Callback argument: the index of the timer. */
static void rec_cb(void *arg)
{
    unsigned int i = (unsigned int)(uintptr_t)arg;

    if (rec[i].count < REC_MAX) {
        rec[i].at[rec[i].count] = now();
    }
    rec[i].count++;
    if (norder < LOG_MAX) {
        order[norder] = i;
    }
    norder++;
}

static void create(unsigned int i, evtdrv_timer_opt_t opt)
{
    TT_ASSERT_ERR(tos_evtdrv_timer_create(&tmr[i], rec_cb, (void *)(uintptr_t)i, opt),
                  EVTDRV_ERR_NONE);
}

static void test_oneshot_fires_once_at_its_tick(void)
{
    evtdrv_tick_t t0 = now();

    create(0u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 10u), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].expires, t0 + 10u);
    (void)tt_evtdrv_run_until(t0 + 9u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    (void)tt_evtdrv_run_until(t0 + 50u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 10u);
    TT_ASSERT(tos_list_empty(&tmr[0].list));
}

static void test_periodic_fires_every_period(void)
{
    evtdrv_tick_t t0 = now();

    create(0u, EVTDRV_TIMER_OPT_PERIODIC);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 7u), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].period, 7u);
    (void)tt_evtdrv_run_until(t0 + 30u);
    TT_ASSERT_EQ(rec[0].count, 4u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 7u);
    TT_ASSERT_EQ(rec[0].at[1], t0 + 14u);
    TT_ASSERT_EQ(rec[0].at[2], t0 + 21u);
    TT_ASSERT_EQ(rec[0].at[3], t0 + 28u);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[0]), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(30u);
    TT_ASSERT_EQ(rec[0].count, 4u);
}

/* §40.51: the callback gets the argument given to create. */
static void test_callback_gets_its_argument(void)
{
    create(3u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_PTR_EQ(tmr[3].cb_arg, (void *)(uintptr_t)3u);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[3], 1u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(1u);
    TT_ASSERT_EQ(rec[3].count, 1u);
    TT_ASSERT_EQ(norder, 1u);
    TT_ASSERT_EQ(order[0], 3u);
}

/* §40.52: a fired one-shot and a stopped timer can be started again. */
static void test_fired_and_stopped_timers_restart(void)
{
    evtdrv_tick_t t0 = now();

    create(0u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 5u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 5u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[0]), EVTDRV_ERR_TIMER_INACTIVE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 5u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 10u);
    TT_ASSERT_EQ(rec[0].count, 2u);
    TT_ASSERT_EQ(rec[0].at[1], t0 + 10u);

    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 5u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[0]), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[0]), EVTDRV_ERR_TIMER_INACTIVE);
    (void)tt_evtdrv_run_until(t0 + 20u);
    TT_ASSERT_EQ(rec[0].count, 2u);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 3u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 30u);
    TT_ASSERT_EQ(rec[0].count, 3u);
    TT_ASSERT_EQ(rec[0].at[2], t0 + 23u);
}

static void test_running_timer_refuses_start_and_create(void)
{
    evtdrv_tick_t t0 = now();

    create(0u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 8u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 2u), EVTDRV_ERR_TIMER_ALREADY_EXIST);
    TT_ASSERT_ERR(tos_evtdrv_timer_start_at(&tmr[0], t0 + 1u, 0u), EVTDRV_ERR_TIMER_ALREADY_EXIST);
    TT_ASSERT_ERR(
        tos_evtdrv_timer_create(&tmr[0], rec_cb, (void *)(uintptr_t)1u, EVTDRV_TIMER_OPT_PERIODIC),
        EVTDRV_ERR_TIMER_ALREADY_EXIST);
    (void)tt_evtdrv_run_until(t0 + 20u);
    TT_ASSERT_EQ(rec[0].count, 1u); /* untouched: fired once, at t0 + 8, as itself */
    TT_ASSERT_EQ(rec[0].at[0], t0 + 8u);
    TT_ASSERT_EQ(rec[1].count, 0u);
}

static void test_bad_arguments(void)
{
    create(0u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_create(NULL, rec_cb, NULL, EVTDRV_TIMER_OPT_ONESHOT),
                  EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_timer_create(&tmr[1], NULL, NULL, EVTDRV_TIMER_OPT_ONESHOT),
                  EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_timer_create(&tmr[1], rec_cb, NULL, (evtdrv_timer_opt_t)2),
                  EVTDRV_ERR_TIMER_INVALID_OPT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(NULL, 1u), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_timer_start_at(NULL, 1u, 1u), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(NULL), EVTDRV_ERR_PTR_NULL);
    /* Never created (zeroed): refused, nothing written, the list intact. */
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[2], 1u), EVTDRV_ERR_TIMER_ALREADY_EXIST);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[2]), EVTDRV_ERR_TIMER_INACTIVE);
    TT_ASSERT_NULL(tmr[2].list.next);
    TT_ASSERT(tos_list_empty(&evtdrv_timer_list));
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 1u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(2u);
    TT_ASSERT_EQ(rec[0].count, 1u);
}

/* Sorted by expiry; equal expiries in start order, however they were started. */
static void test_expiry_order_fifo_for_ties(void)
{
    evtdrv_tick_t t0 = now();
    unsigned int i;

    for (i = 0u; i < 5u; ++i) {
        create(i, EVTDRV_TIMER_OPT_ONESHOT);
    }
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 20u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 10u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start_at(&tmr[2], t0 + 10u, 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[3], 5u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[4], 10u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 20u);
    TT_ASSERT_EQ(norder, 5u);
    TT_ASSERT_EQ(order[0], 3u);
    TT_ASSERT_EQ(order[1], 1u);
    TT_ASSERT_EQ(order[2], 2u);
    TT_ASSERT_EQ(order[3], 4u);
    TT_ASSERT_EQ(order[4], 0u);
    TT_ASSERT_EQ(rec[4].at[0], t0 + 10u);
}

static void test_run_at_an_absolute_tick(void)
{
    evtdrv_tick_t t0 = now();

    create(0u, EVTDRV_TIMER_OPT_ONESHOT);
    create(1u, EVTDRV_TIMER_OPT_PERIODIC);
    create(2u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start_at(&tmr[0], t0 + 25u, 99u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start_at(&tmr[1], t0 + 12u, 5u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 27u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 25u);
    TT_ASSERT_EQ(rec[1].count, 4u);
    TT_ASSERT_EQ(rec[1].at[0], t0 + 12u);
    TT_ASSERT_EQ(rec[1].at[3], t0 + 27u);

    /* A tick that has passed: due at once, at the next pass. */
    TT_ASSERT_ERR(tos_evtdrv_timer_start_at(&tmr[2], t0, 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(tmr[2].expires, t0);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(rec[2].count, 1u);
    TT_ASSERT_EQ(rec[2].at[0], t0 + 27u);

    /* Periodic from a tick that has passed: late once, then on the phase of `at`. */
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[1]), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start_at(&tmr[1], t0 + 25u, 10u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_until(t0 + 45u);
    TT_ASSERT_EQ(rec[1].count, 7u);
    TT_ASSERT_EQ(rec[1].at[4], t0 + 27u);
    TT_ASSERT_EQ(rec[1].at[5], t0 + 35u);
    TT_ASSERT_EQ(rec[1].at[6], t0 + 45u);
}

static void test_timeout_zero_fires_at_the_next_pass(void)
{
    evtdrv_tick_t t0 = now();

    create(0u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(knl_next_expires_get(), 0u);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0);
}

static unsigned int restarts;

static void restart_self_cb(void *arg)
{
    (void)arg;
    if (++restarts < 5u) {
        (void)tos_evtdrv_timer_start(&tmr[0], 0u);
    }
}

/* A callback restarting its own timer with 0 gets one call per pass, not a hung loop. */
static void test_callback_restart_waits_for_the_next_pass(void)
{
    evtdrv_tick_t t0 = now();

    restarts = 0u;
    TT_ASSERT_ERR(tos_evtdrv_timer_create(&tmr[0], restart_self_cb, NULL, EVTDRV_TIMER_OPT_ONESHOT),
                  EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 0u), EVTDRV_ERR_NONE);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(restarts, 1u);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 4u);
    TT_ASSERT_EQ(restarts, 5u);
    if (tt_evtdrv_clock_is_virtual()) {
        TT_ASSERT_EQ(now(), t0);
    }
}

static void stop_next_cb(void *arg)
{
    (void)arg;
    rec_cb((void *)(uintptr_t)0u);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[1]), EVTDRV_ERR_NONE);
}

/* A timer due in the same pass can still be stopped by an earlier callback. */
static void test_callback_stops_a_timer_due_in_the_same_pass(void)
{
    TT_ASSERT_ERR(tos_evtdrv_timer_create(&tmr[0], stop_next_cb, NULL, EVTDRV_TIMER_OPT_ONESHOT),
                  EVTDRV_ERR_NONE);
    create(1u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 3u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 3u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(10u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[1].count, 0u);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 1u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(1u);
    TT_ASSERT_EQ(rec[1].count, 1u);
}

static volatile int isr_ran;

static void test_isr(void)
{
    isr_ran = 1;
}

static void raise_cb(void *arg)
{
    (void)arg;
    isr_ran = 0;
    tt_irq_raise(TEST_IRQ);
    rec[0].count = (unsigned int)isr_ran; /* 1: the interrupt was taken at once */
}

/* §40.54: callbacks run with interrupts enabled. */
static void test_callbacks_run_with_interrupts_enabled(void)
{
    tt_irq_connect(TEST_IRQ, test_isr);
    TT_ASSERT_ERR(tos_evtdrv_timer_create(&tmr[0], raise_cb, NULL, EVTDRV_TIMER_OPT_ONESHOT),
                  EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 1u), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(1u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    tt_irq_connect(TEST_IRQ, NULL);
}

static evtdrv_event_flag_t busy_task(evtdrv_event_flag_t flags)
{
    if (flags != TOS_EVTDRV_SYS_EVENT_INIT) {
        tt_busy((uint32_t)(k_cpu_cycle_per_tick * flags)); /* flags = ticks of work */
    }
    return flags;
}

static evtdrv_task_entry_t busy_table[1] = {busy_task};

static void work_cb(void *arg)
{
    (void)tos_evtdrv_event_set(0u, (evtdrv_event_flag_t)(uintptr_t)arg);
}

/*
 * Handlers busy at expiries make the service late (busy_task works for as
 * many ticks as its event value). The periodic timer (period 10) keeps its
 * phase: t0+10 served at t0+12 and t0+30 at t0+38, the next ones still at
 * t0+20 and t0+40. An overrun of more than a period (t0+41 to t0+66) skips
 * the missed expiries t0+50 and t0+60: one call at t0+66, the next one
 * period later, t0+76.
 */
static void test_periodic_keeps_its_phase_after_a_late_service(void)
{
    static const uint8_t busy_at[3] = {8u, 25u, 41u};
    static const uint8_t busy_for[3] = {4u, 13u, 25u};
    static const uint8_t want[6] = {12u, 20u, 38u, 40u, 66u, 76u};
    evtdrv_tick_t t0;
    unsigned int i;

    TT_ASSERT_ERR(tos_evtdrv_sys_init(busy_table, 1u, NULL), EVTDRV_ERR_NONE);
    t0 = now();
    create(0u, EVTDRV_TIMER_OPT_PERIODIC);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 10u), EVTDRV_ERR_NONE);
    for (i = 0u; i < 3u; ++i) {
        TT_ASSERT_ERR(tos_evtdrv_timer_create(&tmr[i + 1u], work_cb, (void *)(uintptr_t)busy_for[i],
                                              EVTDRV_TIMER_OPT_ONESHOT),
                      EVTDRV_ERR_NONE);
        TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[i + 1u], busy_at[i]), EVTDRV_ERR_NONE);
    }
    (void)tt_evtdrv_run_until(t0 + 80u);
    TT_ASSERT_EQ(rec[0].count, 6u);
    for (i = 0u; i < 6u; ++i) {
        TT_ASSERT_EQ(rec[0].at[i], t0 + want[i]);
    }
}

static void test_next_expiry_for_the_idle_code(void)
{
    create(0u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_EQ(knl_next_expires_get(), TOS_TIME_FOREVER);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 40u), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(knl_next_expires_get(), 40u);
    (void)tt_evtdrv_run_for(15u);
    TT_ASSERT_EQ(knl_next_expires_get(), 25u);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[0]), EVTDRV_ERR_NONE);
    /*
     * A timeout beyond half the tick range (the kernel's rule for deadlines)
     * is cut to it: far, but not "none", and ordered after every nearer one.
     */
    create(1u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], (evtdrv_tick_t)-1), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].expires, now() + ((evtdrv_tick_t)-1 >> 1));
    TT_ASSERT_EQ(knl_next_expires_get(), (k_tick_t)((evtdrv_tick_t)-1 >> 1));
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 3u), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(knl_next_expires_get(), 3u);
    TT_ASSERT_PTR_EQ(evtdrv_timer_list.next, &tmr[1].list);
    (void)tt_evtdrv_run_for(100u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    TT_ASSERT_EQ(rec[1].count, 1u);
    TT_ASSERT_EQ(knl_next_expires_get(), (k_tick_t)(tmr[0].expires - now()));
}

/*
 * Deadlines are ordered and found due by the kernel's rule (knl_order.h,
 * knl_tick_diff): across a wrap of the tick counter they stay in time order.
 * The counter is set 5 ticks before it wraps; timer 0 expires after the
 * wrap, timer 1 before it, the periodic timer 2 on both sides.
 */
static void test_order_across_a_tick_wrap(void)
{
    static const uint8_t want_order[5] = {1u, 2u, 2u, 0u, 2u};
    evtdrv_tick_t t0;
    unsigned int i;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    k_tick_count = (k_tick_t)-5;
    TOS_CPU_INT_ENABLE();
    t0 = now();
    create(0u, EVTDRV_TIMER_OPT_ONESHOT);
    create(1u, EVTDRV_TIMER_OPT_ONESHOT);
    create(2u, EVTDRV_TIMER_OPT_PERIODIC);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 10u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 3u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[2], 4u), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].expires, 5u);
    TT_ASSERT_PTR_EQ(evtdrv_timer_list.next, &tmr[1].list);
    TT_ASSERT_PTR_EQ(evtdrv_timer_list.prev, &tmr[0].list);
    TT_ASSERT_EQ(knl_next_expires_get(), 3u);
    (void)tt_evtdrv_run_for(12u);
    TT_ASSERT_EQ(norder, 5u);
    for (i = 0u; i < 5u; ++i) {
        TT_ASSERT_EQ(order[i], want_order[i]);
    }
    TT_ASSERT_EQ(rec[1].at[0] - t0, 3u);
    TT_ASSERT_EQ(rec[0].at[0] - t0, 10u);
    TT_ASSERT_EQ(rec[2].at[0] - t0, 4u);
    TT_ASSERT_EQ(rec[2].at[1] - t0, 8u);
    TT_ASSERT_EQ(rec[2].at[2] - t0, 12u);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[2]), EVTDRV_ERR_NONE);
}

/*
 * Re-initialising stops every timer at once: the nodes of the timers that
 * ran are left stale, and the timers are stopped, restartable and
 * re-creatable all the same (running means being in the list).
 */
static void test_reinit_stops_every_timer(void)
{
    create(0u, EVTDRV_TIMER_OPT_PERIODIC);
    create(1u, EVTDRV_TIMER_OPT_ONESHOT);
    create(2u, EVTDRV_TIMER_OPT_ONESHOT);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 3u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 0u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[2], 5u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(NULL, 0u, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT(tos_list_empty(&evtdrv_timer_list));
    TT_ASSERT_EQ(knl_next_expires_get(), TOS_TIME_FOREVER);
    (void)tt_evtdrv_run_for(10u);
    TT_ASSERT_EQ(norder, 0u);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[0]), EVTDRV_ERR_TIMER_INACTIVE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 2u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 1u), EVTDRV_ERR_NONE);
    create(2u, EVTDRV_TIMER_OPT_PERIODIC);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[2], 1u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[0]), EVTDRV_ERR_NONE);
    (void)tt_evtdrv_run_for(2u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    TT_ASSERT_EQ(rec[1].count, 1u);
    TT_ASSERT_EQ(rec[2].count, 2u);
    TT_ASSERT_ERR(tos_evtdrv_timer_stop(&tmr[2]), EVTDRV_ERR_NONE);
    TT_ASSERT(tos_list_empty(&evtdrv_timer_list));
}

static void test_tick_is_the_kernel_tick(void)
{
    evtdrv_tick_t t0 = now();

    TT_ASSERT_EQ(t0, tos_systick_get());
    TT_ASSERT_EQ(evtdrv_tick_count, k_tick_count);
    tos_evtdrv_tick_handler();
    TT_ASSERT_EQ(now(), t0 + 1u);
    tos_tick_handler();
    TT_ASSERT_EQ(now(), t0 + 2u);
    TT_ASSERT_EQ(tos_evtdrv_tick2millisec(1500u), 1500u);
    TT_ASSERT_EQ(tos_evtdrv_millisec2tick(250u), 250u);
    TT_ASSERT_EQ(tos_evtdrv_tick2millisec(tos_evtdrv_millisec2tick(4000000000u)), 4000000000u);
    TT_ASSERT_EQ(EVTDRV_TIME_MILLISEC_PER_SEC, 1000u);
}

TT_SUITE("evtdrv_timer", setup, NULL, TT_CASE(test_oneshot_fires_once_at_its_tick),
         TT_CASE(test_periodic_fires_every_period), TT_CASE(test_callback_gets_its_argument),
         TT_CASE(test_fired_and_stopped_timers_restart),
         TT_CASE(test_running_timer_refuses_start_and_create), TT_CASE(test_bad_arguments),
         TT_CASE(test_expiry_order_fifo_for_ties), TT_CASE(test_run_at_an_absolute_tick),
         TT_CASE(test_timeout_zero_fires_at_the_next_pass),
         TT_CASE(test_callback_restart_waits_for_the_next_pass),
         TT_CASE(test_callback_stops_a_timer_due_in_the_same_pass),
         TT_CASE(test_callbacks_run_with_interrupts_enabled),
         TT_CASE(test_periodic_keeps_its_phase_after_a_late_service),
         TT_CASE(test_next_expiry_for_the_idle_code), TT_CASE(test_order_across_a_tick_wrap),
         TT_CASE(test_reinit_stops_every_timer), TT_CASE(test_tick_is_the_kernel_tick));
