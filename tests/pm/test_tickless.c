/*
 * Tickless idle on the host simulator: the CPU sleeps until the next
 * deadline with the tick stopped, wakes early for other interrupts, and the
 * kernel's clock never drifts from the ticked reference.
 *
 * Two kinds of cases: absolute ones assert exact ticks, cycles, wake-ups and
 * statistics of simple situations; differential ones run the same scenario
 * (timers, round robin, delay_abort, early interrupts with timed pends) once
 * ticked (mode NONE) and once tickless and require identical traces (every
 * event at the same tick and cycle) with far fewer wake-ups.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pm_test.h"
#include "tern_board.h"

extern char **environ;

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

#define IRQ_DEV  5u
#define STK_SIZE 1024u
#define PRIO_HI  (TT_RUNNER_PRIO - 1u)
#define PRIO_LO  (TT_RUNNER_PRIO + 1u)

static k_task_t task_a;
static k_task_t task_b;
static k_stack_t stk_a[STK_SIZE];
static k_stack_t stk_b[STK_SIZE];
static k_sem_t sem;
static k_sem_t done;
static k_timer_t timer_p;
static k_timer_t timer_o;

static void child_scenario(const char *which);

static void setup(void)
{
    const char *child = getenv("TERN_PM_CHILD");

    if (child != NULL) {
        child_scenario(child); /* never returns */
    }
    pm_quiesce();
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_create(&done, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_stats_reset(), K_ERR_NONE);
}

static void teardown(void)
{
    port_sim_irq_raise_at(IRQ_DEV, PORT_SIM_NEVER);
    (void)port_sim_irq_connect(IRQ_DEV, NULL, 1u);
    port_sim_wkup_max_set(0u);
    (void)tos_timer_destroy(&timer_p);
    (void)tos_timer_destroy(&timer_o);
    (void)tos_sem_destroy(&sem);
    (void)tos_sem_destroy(&done);
    /* Whatever the case did, the clock is the ticked reference. */
    TT_ASSERT_EQ(tos_systick_get(), pm_ticked_reference());
}

static void stats_of(k_cpu_lpwr_mode_t mode, k_pm_stats_t *st)
{
    TT_ASSERT_ERR(tos_pm_stats_get(mode, st), K_ERR_NONE);
}

/* ---- absolute cases ----------------------------------------------------------- */

static void test_delay_is_one_sleep_ending_on_its_tick(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    TT_ASSERT_ERR(tos_task_delay(1234u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1234u);
    TT_ASSERT_EQ(port_sim_cycles_get(), c0 + 1234u * pm_cpt());
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 1u);
    stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 1u);
    TT_ASSERT_EQ(st.early, 0u);
    TT_ASSERT_EQ(st.aborts, 0u);
    TT_ASSERT_EQ(st.cycles, 1234u * pm_cpt());
}

/* Started a third into a tick: the wake-up is still on the deadline's boundary. */
static void test_sleep_from_mid_tick_wakes_on_the_boundary(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();
    k_pm_stats_t st;

    tt_busy((uint32_t)(pm_cpt() / 3u));
    TT_ASSERT_EQ(tos_systick_get(), t0);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 10u);
    TT_ASSERT_EQ(port_sim_cycles_get(), c0 + 10u * pm_cpt());
    stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.cycles, 10u * pm_cpt() - pm_cpt() / 3u);
}

static volatile k_tick_t isr_tick;
static volatile uint64_t isr_cycles;
static volatile unsigned isr_count;

static void isr_record(void)
{
    tos_knl_irq_enter();
    isr_tick = tos_systick_get();
    isr_cycles = port_sim_cycles_get();
    ++isr_count;
    tos_knl_irq_leave();
}

/* The ISR of an early wake-up already sees the corrected clock. */
static void test_early_interrupt_sees_the_corrected_time(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    tt_irq_connect(IRQ_DEV, isr_record);
    port_sim_irq_raise_at(IRQ_DEV, c0 + 300u * pm_cpt() + pm_cpt() / 2u);
    TT_ASSERT_ERR(tos_task_delay(1000u), K_ERR_NONE);
    TT_ASSERT_EQ(isr_tick, t0 + 300u);
    TT_ASSERT_EQ(isr_cycles, c0 + 300u * pm_cpt() + pm_cpt() / 2u);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1000u);
    TT_ASSERT_EQ(port_sim_cycles_get(), c0 + 1000u * pm_cpt());
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 2u);
    stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 2u);
    TT_ASSERT_EQ(st.early, 1u);
    TT_ASSERT_EQ(st.cycles, 1000u * pm_cpt());
}

static void isr_post(void)
{
    tos_knl_irq_enter();
    (void)tos_sem_post(&sem);
    tos_knl_irq_leave();
}

/* A task woken early counts its next delay from the right tick. */
static void test_early_interrupt_wakes_a_task_at_the_right_tick(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();

    tt_irq_connect(IRQ_DEV, isr_post);
    port_sim_irq_raise_at(IRQ_DEV, c0 + 300u * pm_cpt() + 7u);
    TT_ASSERT_ERR(tos_sem_pend(&sem, 1000u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 300u);
    TT_ASSERT_EQ(port_sim_cycles_get(), c0 + 300u * pm_cpt() + 7u);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 310u);
    TT_ASSERT_EQ(port_sim_cycles_get(), c0 + 310u * pm_cpt());
}

/* ---- many early interrupts ---------------------------------------------------- */

static uint32_t lcg_state;
static volatile unsigned storm_left;
static volatile unsigned storm_mismatch;
static volatile unsigned timer_fires;
static volatile unsigned timer_mismatch;

static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state >> 8u;
}

/* Each interrupt checks the clock, then schedules the next one 1..3 ticks on. */
static void isr_storm(void)
{
    tos_knl_irq_enter();
    if (tos_systick_get() != pm_ticked_reference()) {
        ++storm_mismatch;
    }
    if (storm_left > 0u) {
        --storm_left;
        port_sim_irq_raise_at(IRQ_DEV, port_sim_cycles_get() + 1u + lcg_next() % (3u * pm_cpt()));
    }
    tos_knl_irq_leave();
}

static void timer_check(void *arg)
{
    (void)arg;
    ++timer_fires;
    if (tos_systick_get() != pm_ticked_reference()) {
        ++timer_mismatch;
    }
}

static void test_thousand_early_interrupts_leave_no_drift(void)
{
    k_tick_t t0 = tos_systick_get();
    k_pm_stats_t st;

    lcg_state = 12345u;
    storm_left = 1000u;
    storm_mismatch = 0u;
    timer_fires = 0u;
    timer_mismatch = 0u;
    tt_irq_connect(IRQ_DEV, isr_storm);
    TT_ASSERT_ERR(tos_timer_create(&timer_p, 13u, 13u, timer_check, K_NULL, TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&timer_p), K_ERR_NONE);
    port_sim_irq_raise_at(IRQ_DEV, port_sim_cycles_get() + pm_cpt() / 2u);
    TT_ASSERT_ERR(tos_task_delay(5000u), K_ERR_NONE);
    TT_ASSERT_EQ(storm_left, 0u);
    TT_ASSERT_EQ(storm_mismatch, 0u);
    TT_ASSERT_EQ(timer_fires, 5000u / 13u);
    TT_ASSERT_EQ(timer_mismatch, 0u);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 5000u);
    TT_ASSERT_EQ(tos_systick_get(), pm_ticked_reference());
    stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_GE(st.early, 900u);
}

/* ---- the alarm's reach ----------------------------------------------------------- */

static void test_long_sleep_is_split_at_the_alarm_maximum(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    /* 50.5 ticks of reach: 50 whole ticks fit (max_delay() is whole ms). */
    port_sim_wkup_max_set(50u * pm_cpt() + pm_cpt() / 2u);
    TT_ASSERT_ERR(tos_task_delay(1000u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1000u);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 20u);
    stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 20u);
    TT_ASSERT_EQ(st.aborts, 0u);
    TT_ASSERT_EQ(st.cycles, 1000u * pm_cpt());
}

/* No kernel deadline at all: sleeps of the alarm's maximum until the interrupt. */
static void test_without_deadline_the_alarm_maximum_is_used(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    port_sim_wkup_max_set(100u * pm_cpt());
    tt_irq_connect(IRQ_DEV, isr_post);
    port_sim_irq_raise_at(IRQ_DEV, c0 + 1000u * pm_cpt() + pm_cpt() / 4u);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1000u);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 11u);
    stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 11u);
    TT_ASSERT_EQ(st.early, 1u);
}

/* A tick that is shorter than the alarm's reach: no tickless sleep, ticked waits. */
static void test_alarm_too_short_for_a_tick_waits_ticked(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    port_sim_wkup_max_set(pm_cpt() / 2u);
    TT_ASSERT_ERR(tos_task_delay(40u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 40u);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 40u);
    stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 0u);
    stats_of(TOS_LOW_POWER_MODE_NONE, &st);
    TT_ASSERT_EQ(st.entries, 1u);
}

/* ---- never while a task is ready ------------------------------------------------- */

static void busy_worker(void *arg)
{
    unsigned i;

    (void)arg;
    for (i = 0u; i < 50u; ++i) {
        tt_busy((uint32_t)(10u * pm_cpt()));
    }
}

/* While a lower-priority task computes, the idle task never runs: no sleep. */
static void test_no_sleep_while_a_task_is_ready(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    TT_ASSERT_ERR(
        tos_task_create(&task_a, "busy", busy_worker, K_NULL, PRIO_LO, stk_a, sizeof(stk_a), 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(600u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 600u);
    /* The worker needed 500 ticks; only the 100 after it ended were slept, in one go. */
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 1u);
    stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 1u);
    TT_ASSERT_EQ(st.cycles, 100u * pm_cpt());
}

/* ---- differential cases: ticked and tickless traces are identical ---------------- */

#define TRACE_MAX 400u

typedef struct trace_ev_st {
    k_tick_t tick;
    uint64_t cycles;
    int tag;
    long value;
} trace_ev_t;

typedef struct trace_st {
    trace_ev_t ev[TRACE_MAX];
    unsigned n;
    int overflow;
    uint64_t wakeups;
} trace_t;

static trace_t traces[2];
static trace_t *trace_cur;
static k_tick_t trace_t0;
static uint64_t trace_c0;

static void trace_mark(int tag, long value)
{
    TOS_CPU_CPSR_ALLOC();
    trace_ev_t *ev;

    TOS_CPU_INT_DISABLE();
    if (trace_cur->n < TRACE_MAX) {
        ev = &trace_cur->ev[trace_cur->n++];
        ev->tick = tos_systick_get() - trace_t0;
        ev->cycles = port_sim_cycles_get() - trace_c0;
        ev->tag = tag;
        ev->value = value;
    } else {
        trace_cur->overflow = K_TRUE;
    }
    TOS_CPU_INT_ENABLE();
}

/* One run of `scenario` in `mode`, from a tick boundary. */
static void trace_run(trace_t *tr, k_cpu_lpwr_mode_t mode, void (*scenario)(void))
{
    uint64_t w0;

    memset(tr, 0, sizeof(*tr));
    trace_cur = tr;
    pm_quiesce();
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(mode), K_ERR_NONE);
    trace_t0 = tos_systick_get();
    trace_c0 = port_sim_cycles_get();
    w0 = port_sim_wakeups_get();
    scenario();
    tr->wakeups = port_sim_wakeups_get() - w0;
    TT_ASSERT_EQ(tos_systick_get(), pm_ticked_reference());
}

static void trace_expect_equal(const trace_t *ticked, const trace_t *tickless)
{
    unsigned i;

    TT_ASSERT(!ticked->overflow && !tickless->overflow);
    TT_ASSERT_GT(ticked->n, 0u);
    TT_ASSERT_EQ(tickless->n, ticked->n);
    for (i = 0u; i < ticked->n; ++i) {
        const trace_ev_t *a = &ticked->ev[i];
        const trace_ev_t *b = &tickless->ev[i];

        if (a->tick != b->tick || a->cycles != b->cycles || a->tag != b->tag ||
            a->value != b->value) {
            printf("    event %u: ticked tag %c value %ld at tick %llu, tickless tag %c value %ld "
                   "at tick %llu\n",
                   i, a->tag, a->value, (unsigned long long)a->tick, b->tag, b->value,
                   (unsigned long long)b->tick);
            TT_FAIL("the tickless run differs from the ticked run");
        }
    }
}

/* Ticked, then tickless in `mode`; same trace, fewer wake-ups. */
static void trace_differential(k_cpu_lpwr_mode_t mode, void (*scenario)(void))
{
    trace_run(&traces[0], TOS_LOW_POWER_MODE_NONE, scenario);
    trace_run(&traces[1], mode, scenario);
    printf("    %u events; wake-ups: %llu ticked, %llu tickless\n", traces[1].n,
           (unsigned long long)traces[0].wakeups, (unsigned long long)traces[1].wakeups);
    trace_expect_equal(&traces[0], &traces[1]);
    TT_ASSERT_LT(traces[1].wakeups * 4u, traces[0].wakeups);
}

static void timer_mark(void *arg)
{
    trace_mark((int)(intptr_t)arg, 0);
}

/* Periodic and one-shot software timers around a delay. */
static void scenario_timers(void)
{
    TT_ASSERT_ERR(tos_timer_create(&timer_p, 7u, 7u, timer_mark, (void *)(intptr_t)'P',
                                   TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_create(&timer_o, 25u, 0u, timer_mark, (void *)(intptr_t)'O',
                                   TOS_OPT_TIMER_ONESHOT),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&timer_p), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&timer_o), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(100u), K_ERR_NONE);
    trace_mark('D', 0);
    TT_ASSERT_ERR(tos_timer_stop(&timer_p), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_delay_change(&timer_o, 60u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&timer_o), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(200u), K_ERR_NONE);
    trace_mark('E', 0);
    (void)tos_timer_destroy(&timer_p);
    (void)tos_timer_destroy(&timer_o);
}

static void test_timers_fire_as_ticked(void)
{
    trace_differential(TOS_LOW_POWER_MODE_SLEEP, scenario_timers);
    /* 14 periodic firings, the one-shot twice, two marks. */
    TT_ASSERT_EQ(traces[1].n, 18u);
    TT_ASSERT_EQ(traces[1].ev[0].tick, 7u);
    TT_ASSERT_EQ(traces[1].ev[0].cycles, 7u * pm_cpt());
}

/* delay_abort cuts a long sleep short; the aborted task's next delay counts from then. */
static void abortee(void *arg)
{
    (void)arg;
    trace_mark('t', (long)tos_task_delay(1000u));
    trace_mark('T', (long)tos_task_delay(10u));
    (void)tos_sem_post(&done);
}

static void aborter(void *arg)
{
    (void)arg;
    trace_mark('u', (long)tos_task_delay(100u));
    trace_mark('U', (long)tos_task_delay_abort(&task_a));
}

static void scenario_delay_abort(void)
{
    TT_ASSERT_ERR(
        tos_task_create(&task_a, "abortee", abortee, K_NULL, PRIO_HI, stk_a, sizeof(stk_a), 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&task_b, "aborter", aborter, K_NULL, PRIO_HI - 1u, stk_b,
                                  sizeof(stk_b), 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&done, TOS_TIME_FOREVER), K_ERR_NONE);
    trace_mark('E', 0);
}

static void test_delay_abort_as_ticked(void)
{
    trace_differential(TOS_LOW_POWER_MODE_SLEEP, scenario_delay_abort);
    TT_ASSERT_EQ(traces[1].n, 5u);
    TT_ASSERT_EQ(traces[1].ev[1].tag, 'U');
    TT_ASSERT_EQ(traces[1].ev[2].tag, 't');
    TT_ASSERT_EQ(traces[1].ev[2].tick, 100u);
    TT_ASSERT_EQ(traces[1].ev[3].tick, 110u);
}

/* Interrupts at odd instants wake a task whose timed pends keep expiring. */
static volatile unsigned irq_left;

static void isr_trace(void)
{
    tos_knl_irq_enter();
    trace_mark('I', (long)irq_left);
    (void)tos_sem_post(&sem);
    if (irq_left > 0u) {
        --irq_left;
        port_sim_irq_raise_at(IRQ_DEV, port_sim_cycles_get() + 1u + lcg_next() % (40u * pm_cpt()));
    }
    tos_knl_irq_leave();
}

static void pender(void *arg)
{
    unsigned i;

    (void)arg;
    for (i = 0u; i < 60u; ++i) {
        trace_mark('W', (long)tos_sem_pend(&sem, 17u));
    }
    (void)tos_sem_post(&done);
}

static void scenario_interrupts(void)
{
    lcg_state = 777u;
    irq_left = 30u;
    tt_irq_connect(IRQ_DEV, isr_trace);
    port_sim_irq_raise_at(IRQ_DEV, port_sim_cycles_get() + 5u * pm_cpt() + 3u);
    TT_ASSERT_ERR(tos_timer_create(&timer_p, 11u, 11u, timer_mark, (void *)(intptr_t)'P',
                                   TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&timer_p), K_ERR_NONE);
    TT_ASSERT_ERR(
        tos_task_create(&task_a, "pender", pender, K_NULL, PRIO_HI, stk_a, sizeof(stk_a), 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&done, TOS_TIME_FOREVER), K_ERR_NONE);
    port_sim_irq_raise_at(IRQ_DEV, PORT_SIM_NEVER);
    (void)tos_timer_destroy(&timer_p);
    trace_mark('E', 0);
}

static void test_early_interrupts_and_timeouts_as_ticked(void)
{
    trace_differential(TOS_LOW_POWER_MODE_SLEEP, scenario_interrupts);
}

/* The same in STOP: registered devices are suspended around each sleep. */
static int dev_suspends;

static int dev_suspend(void)
{
    ++dev_suspends;
    return 0;
}

static void test_early_interrupts_and_timeouts_as_ticked_in_stop(void)
{
    static k_pm_device_t dev = {"uart", K_NULL, dev_suspend, K_NULL};
    k_pm_stats_t st;

    pm_init();
    dev_suspends = 0;
    TT_ASSERT_ERR(tos_pm_device_register(&dev), K_ERR_NONE);
    trace_differential(TOS_LOW_POWER_MODE_STOP, scenario_interrupts);
    stats_of(TOS_LOW_POWER_MODE_STOP, &st);
    TT_ASSERT_GT(st.entries, 0u);
    TT_ASSERT_EQ(dev_suspends, st.entries + st.aborts);
    pm_init();
}

#if TOS_CFG_ROUND_ROBIN_EN > 0u
/* Two equal-priority workers share the CPU in slices, and sleep in between. */
static void robin_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    unsigned i;
    unsigned j;

    for (i = 0u; i < 4u; ++i) {
        for (j = 0u; j < 3u; ++j) {
            tt_busy((uint32_t)(pm_cpt() * 3u / 2u));
            trace_mark(id, (long)(i * 3u + j));
        }
        (void)tos_task_delay((k_tick_t)(10u + (unsigned)(id - 'a') * 3u));
    }
    (void)tos_sem_post(&done);
}

static void scenario_robin(void)
{
    TT_ASSERT_ERR(tos_task_create(&task_a, "rr_a", robin_worker, (void *)(intptr_t)'a', PRIO_LO,
                                  stk_a, sizeof(stk_a), 2u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&task_b, "rr_b", robin_worker, (void *)(intptr_t)'b', PRIO_LO,
                                  stk_b, sizeof(stk_b), 2u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&done, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&done, TOS_TIME_FOREVER), K_ERR_NONE);
    trace_mark('E', 0);
}

static void test_round_robin_as_ticked(void)
{
    trace_run(&traces[0], TOS_LOW_POWER_MODE_NONE, scenario_robin);
    trace_run(&traces[1], TOS_LOW_POWER_MODE_SLEEP, scenario_robin);
    trace_expect_equal(&traces[0], &traces[1]);
    /* Slices interleave the workers: a's second mark comes after one of b's. */
    TT_ASSERT_EQ(traces[1].ev[0].tag, 'a');
    TT_ASSERT_EQ(traces[1].ev[1].tag, 'b');
    TT_ASSERT_LT(traces[1].wakeups, traces[0].wakeups);
}
#else
static void test_round_robin_as_ticked(void)
{
    TT_SKIP("TOS_CFG_ROUND_ROBIN_EN is 0 (config tickless_max has it)");
}
#endif

/* ---- the real clock (a child process: the clock is chosen before the kernel starts) ---- */

static long long wall_ms_since(const struct timespec *t0)
{
    struct timespec t1;

    (void)clock_gettime(CLOCK_MONOTONIC, &t1);
    return (long long)(t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Within `slack` ticks of the ticked reference (time runs on between the two reads). */
static int near_reference(k_tick_t slack)
{
    k_tick_t tick = tos_systick_get();
    k_tick_t reference = pm_ticked_reference();

    return tick <= reference && reference - tick <= slack;
}

/*
 * A 100-tick delay is one sleep (or a handful: the host may wake the
 * process late), and the ticks follow the wall clock; an interrupt 30.5 ms
 * into a sleep ends it, its ISR sees the corrected clock, and the waiting
 * task runs. The bounds are wide on purpose: with the real clock a loaded
 * host delays threads by milliseconds, which a CPU would not.
 */
static volatile k_tick_t child_isr_lag;

static void isr_post_check(void)
{
    tos_knl_irq_enter();
    child_isr_lag = pm_ticked_reference() - tos_systick_get();
    (void)tos_sem_post(&sem);
    tos_knl_irq_leave();
}

static void child_real(void)
{
    struct timespec w0;
    k_tick_t t0 = tos_systick_get();
    uint64_t wakeups = port_sim_wakeups_get();
    int ok = port_sim_clock_get() == PORT_SIM_CLOCK_REAL && tos_sem_create(&sem, 0u) == K_ERR_NONE;

    (void)clock_gettime(CLOCK_MONOTONIC, &w0);
    ok = ok && tos_task_delay(100u) == K_ERR_NONE && tos_systick_get() - t0 >= 100u;
    ok = ok && port_sim_wakeups_get() - wakeups <= 5u && near_reference(50u);
    printf("child: delay(100): %lld ms, %llu ticks, %llu wake-ups\n", wall_ms_since(&w0),
           (unsigned long long)(tos_systick_get() - t0),
           (unsigned long long)(port_sim_wakeups_get() - wakeups));
    child_isr_lag = TOS_TIME_FOREVER;
    tt_irq_connect(IRQ_DEV, isr_post_check);
    t0 = tos_systick_get();
    (void)clock_gettime(CLOCK_MONOTONIC, &w0);
    port_sim_irq_raise_at(IRQ_DEV, port_sim_cycles_get() + 30u * pm_cpt() + pm_cpt() / 2u);
    ok = ok && tos_sem_pend(&sem, 1000u) == K_ERR_NONE && tos_systick_get() - t0 >= 30u;
    ok = ok && child_isr_lag <= 50u && near_reference(50u);
    printf("child: early interrupt after %lld ms, %llu ticks: %s\n", wall_ms_since(&w0),
           (unsigned long long)(tos_systick_get() - t0), ok ? "ok" : "FAILED");
    fflush(stdout);
    tern_board_exit(ok ? 0 : 1);
}

static void child_scenario(const char *which)
{
    if (strcmp(which, "real") == 0) {
        child_real();
    }
    tern_board_exit(1);
}

/* Runs this executable again with TERN_CLOCK=real; its output goes to `log`. */
static int run_child_real(const char *log)
{
    char exe[1024];
    char *argv[2] = {exe, NULL};
    posix_spawn_file_actions_t fa;
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1u);
    pid_t pid;
    int status = -1;

    if (len > 0 && setenv("TERN_PM_CHILD", "real", 1) == 0 &&
        setenv("TERN_CLOCK", "real", 1) == 0) {
        exe[len] = '\0';
        (void)posix_spawn_file_actions_init(&fa);
        (void)posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (posix_spawn(&pid, exe, &fa, NULL, argv, environ) == 0 &&
            waitpid(pid, &status, 0) == pid) {
            status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        (void)posix_spawn_file_actions_destroy(&fa);
    }
    (void)unsetenv("TERN_PM_CHILD");
    (void)setenv("TERN_CLOCK", "virtual", 1);
    return status;
}

/*
 * Wall-clock timing on a shared host can be disturbed by load; a failed
 * child is retried twice before the case fails (the virtual-clock cases
 * above test the same logic deterministically).
 */
static void test_real_clock_sleeps_tickless_and_keeps_time(void)
{
    char log[] = "/tmp/tern-pm-child-XXXXXX";
    char text[512];
    int fd = mkstemp(log);
    ssize_t len;
    int status = -1;
    int attempt;

    TT_ASSERT(fd >= 0);
    for (attempt = 0; attempt < 3 && status != 0; ++attempt) {
        status = run_child_real(log);
        len = pread(fd, text, sizeof(text) - 1u, 0);
        text[len > 0 ? len : 0] = '\0';
        printf("%s", strstr(text, "child:") != NULL ? strstr(text, "child:") : text);
    }
    (void)close(fd);
    (void)unlink(log);
    TT_ASSERT_EQ(status, 0);
}

TT_SUITE("tickless", setup, teardown, TT_CASE(test_delay_is_one_sleep_ending_on_its_tick),
         TT_CASE(test_sleep_from_mid_tick_wakes_on_the_boundary),
         TT_CASE(test_early_interrupt_sees_the_corrected_time),
         TT_CASE(test_early_interrupt_wakes_a_task_at_the_right_tick),
         TT_CASE(test_thousand_early_interrupts_leave_no_drift),
         TT_CASE(test_long_sleep_is_split_at_the_alarm_maximum),
         TT_CASE(test_without_deadline_the_alarm_maximum_is_used),
         TT_CASE(test_alarm_too_short_for_a_tick_waits_ticked),
         TT_CASE(test_no_sleep_while_a_task_is_ready), TT_CASE(test_timers_fire_as_ticked),
         TT_CASE(test_delay_abort_as_ticked), TT_CASE(test_early_interrupts_and_timeouts_as_ticked),
         TT_CASE(test_early_interrupts_and_timeouts_as_ticked_in_stop),
         TT_CASE(test_round_robin_as_ticked),
         TT_CASE(test_real_clock_sleeps_tickless_and_keeps_time));

#else
TT_SUITE_SKIPPED("tickless", "TOS_CFG_PWR_MGR_EN or TOS_CFG_TICKLESS_EN is 0");
#endif
