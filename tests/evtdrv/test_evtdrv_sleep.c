/*
 * Sleeping between events: the loop sleeps only when nothing is pending,
 * until the next interrupt; on the host's virtual clock that interrupt is
 * the tick of the first timer expiry, reached in one jump, so the number of
 * sleeps and the ticks are exact. An interrupt from outside (a device; here
 * a host thread) wakes a loop that has no timer at all.
 */
#include "tt_evtdrv.h"

#if TT_EVTDRV_HOST
#include <pthread.h>
#include <unistd.h>
#include "port_sim.h"
#endif

#define EV_A     ((evtdrv_event_flag_t)0x0001u)
#define TEST_IRQ 3u

static evtdrv_timer_t tmr[3];
static evtdrv_tick_t fired[3];
static unsigned int ncalls;
static unsigned int hook_calls;

static void fired_cb(void *arg)
{
    fired[(uintptr_t)arg] = tos_evtdrv_systick_get();
}

static evtdrv_event_flag_t task0(evtdrv_event_flag_t flags)
{
    ncalls++;
    return flags;
}

static evtdrv_task_entry_t table[1] = {task0};

static void hook(void)
{
    hook_calls++;
}

static void setup(void)
{
    unsigned int i;

    memset(fired, 0, sizeof(fired));
    ncalls = 0u;
    hook_calls = 0u;
    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, 1u, NULL), EVTDRV_ERR_NONE);
    ncalls = 0u;
    for (i = 0u; i < 3u; ++i) {
        TT_ASSERT_ERR(tos_evtdrv_timer_create(&tmr[i], fired_cb, (void *)(uintptr_t)i,
                                              EVTDRV_TIMER_OPT_ONESHOT),
                      EVTDRV_ERR_NONE);
    }
}

static void test_loop_sleeps_from_expiry_to_expiry(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();
    unsigned int sleeps;

    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 100u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 250u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[2], 1000u), EVTDRV_ERR_NONE);
    sleeps = tt_evtdrv_run_until(t0 + 1000u);
    TT_ASSERT_EQ(fired[0], t0 + 100u);
    TT_ASSERT_EQ(fired[1], t0 + 250u);
    TT_ASSERT_EQ(fired[2], t0 + 1000u);
    TT_ASSERT_EQ(tos_evtdrv_systick_get(), t0 + 1000u);
    if (tt_evtdrv_clock_is_virtual()) {
        TT_ASSERT_EQ(sleeps, 3u); /* three wake-ups for 1000 ticks */
    } else {
        TT_ASSERT_GE(sleeps, 3u);
    }
}

static void test_no_sleep_while_work_is_pending(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    /* A later expiry: a wrong sleep would show as a jump to it. */
    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[2], 500u), EVTDRV_ERR_NONE);
    (void)tos_evtdrv_event_set(0u, EV_A);
    tos_evtdrv_sys_idle();
    TT_ASSERT_EQ(evtdrv_events[0].flags, EV_A);
    TT_ASSERT_EQ(tos_evtdrv_systick_get(), t0);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);

    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 0u), EVTDRV_ERR_NONE); /* due now */
    tos_evtdrv_sys_idle();
    TT_ASSERT_EQ(fired[0], 0u);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    TT_ASSERT_EQ(fired[0], t0);

    if (tt_evtdrv_clock_is_virtual()) {
        TT_ASSERT_EQ(tos_evtdrv_systick_get(), t0);
        /* Nothing pending: one sleep, straight to the next expiry. */
        TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[1], 7u), EVTDRV_ERR_NONE);
        tos_evtdrv_sys_idle();
        TT_ASSERT_EQ(tos_evtdrv_systick_get(), t0 + 7u);
        TT_ASSERT_EQ(fired[1], 0u); /* woken, not yet serviced */
        TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
        TT_ASSERT_EQ(fired[1], t0 + 7u);
    }
}

#if TOS_CFG_EVTDRV_WORK_NUM > 0u
static void nop_work(void *arg)
{
    (void)arg;
    ncalls += 100u;
}

static void test_no_sleep_with_deferred_work_queued(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();

    TT_ASSERT_ERR(tos_evtdrv_timer_start(&tmr[0], 50u), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_work_queue(nop_work, NULL), EVTDRV_ERR_NONE);
    tos_evtdrv_sys_idle();
    if (tt_evtdrv_clock_is_virtual()) {
        TT_ASSERT_EQ(tos_evtdrv_systick_get(), t0);
    }
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    TT_ASSERT_EQ(ncalls, 100u);
}
#endif

/* A poll hook has to be called on every tick: the loop wakes on each one. */
static void test_poll_hook_wakes_the_loop_every_tick(void)
{
    unsigned int sleeps;

    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, 1u, hook), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(knl_next_expires_get(), 1u);
    hook_calls = 0u;
    sleeps = tt_evtdrv_run_for(10u);
    TT_ASSERT_GE(hook_calls, 10u);
    if (tt_evtdrv_clock_is_virtual()) {
        TT_ASSERT_EQ(sleeps, 10u);
    }
}

#if TT_EVTDRV_HOST

static void wake_isr(void)
{
    tos_knl_irq_enter();
    (void)tos_evtdrv_event_set(0u, EV_A);
    tos_knl_irq_leave();
}

static void *raiser(void *arg)
{
    (void)arg;
    (void)usleep(20000u);
    port_sim_irq_raise(TEST_IRQ);
    port_sim_foreign_raisers(-1);
    return NULL;
}

/* No timer, no event: the loop sleeps until a device interrupts, then runs the task. */
static void test_interrupt_wakes_a_loop_without_timers(void)
{
    evtdrv_tick_t t0 = tos_evtdrv_systick_get();
    pthread_t thread;

    tt_irq_connect(TEST_IRQ, wake_isr);
    port_sim_foreign_raisers(1);
    TT_ASSERT_EQ(pthread_create(&thread, NULL, raiser, NULL), 0);
    TT_ASSERT_EQ(knl_next_expires_get(), TOS_TIME_FOREVER);
    tos_evtdrv_sys_idle();
    TT_ASSERT_EQ(evtdrv_events[0].flags, EV_A);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    TT_ASSERT_EQ(ncalls, 1u);
    TT_ASSERT_EQ(pthread_join(thread, NULL), 0);
    TT_ASSERT_EQ(tos_evtdrv_systick_get(), t0); /* no tick was invented */
    tt_irq_connect(TEST_IRQ, NULL);
}

#endif

#if TOS_CFG_EVTDRV_WORK_NUM > 0u
#define CASES_WORK TT_CASE(test_no_sleep_with_deferred_work_queued),
#else
#define CASES_WORK
#endif

#if TT_EVTDRV_HOST
#define CASES_HOST TT_CASE(test_interrupt_wakes_a_loop_without_timers),
#else
#define CASES_HOST
#endif

TT_SUITE("evtdrv_sleep", setup, NULL, TT_CASE(test_loop_sleeps_from_expiry_to_expiry),
         TT_CASE(test_no_sleep_while_work_is_pending),
         CASES_WORK TT_CASE(test_poll_hook_wakes_the_loop_every_tick), CASES_HOST);
