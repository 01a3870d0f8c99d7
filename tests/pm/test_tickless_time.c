/*
 * Tickless idle keeps exact time, on every platform: the host simulator and
 * the boards under QEMU with their ports' real alarms (SysTick on Cortex-M,
 * the CLINT comparator on RISC-V). Time is judged against each platform's
 * reference clock (pm_ref.h), and the interrupts that end sleeps early come
 * from a timer at arbitrary instants (tt_irq_raise_at()).
 *
 * Absolute cases: delays and timers end on their ticks; an early interrupt
 * sees the corrected clock and a task it wakes counts on from the right
 * tick; a thousand random early interrupts leave no drift; long sleeps are
 * split at the alarm's reach; no sleep while a task is ready. Differential
 * cases run one scenario ticked (mode NONE) and tickless and require the
 * same events on the same ticks: timers, delay_abort, early interrupts with
 * timed pends (also in STOP, with a device), round robin.
 *
 * Boundary 0 is measured once; every case ends by checking that it has not
 * moved, so the whole suite is one long drift test.
 *
 * On the host simulator (pm_exact()) the cases also assert what only it
 * shows exactly: the instant of every wake-up and event to the cycle, the
 * cycles slept, and how often the CPU woke up.
 */
#include <string.h>

#include "tos_k.h"
#include "tt.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

#include "pm_ref.h"

#define IRQ_DEV  5u
#define STK_SIZE 1024u
#define PRIO_HI  (TT_RUNNER_PRIO - 1u)
#define PRIO_LO  (TT_RUNNER_PRIO + 1u)

static k_task_t task_a;
static k_task_t task_b;
static k_stack_t stk_a[STK_SIZE] __ALIGNED__(8);
static k_stack_t stk_b[STK_SIZE] __ALIGNED__(8);
static k_sem_t sem;
static k_sem_t done;
static k_timer_t timer_p;
static k_timer_t timer_o;

/* An alarm that is the port's, with a shorter reach (in ms). */
static k_tickless_wkup_alarm_t short_alarm;
static k_time_t short_reach_ms;

static k_time_t short_max_delay(void)
{
    return short_reach_ms;
}

static void short_alarm_install(k_time_t ms)
{
    short_alarm = pm_ref_alarm;
    short_alarm.max_delay = short_max_delay;
    short_reach_ms = ms;
    pm_modes_install(&short_alarm);
}

/* Whole ticks an alarm reaches (the kernel's conversion, for 1 kHz and other whole rates). */
static k_tick_t reach_ticks(const k_tickless_wkup_alarm_t *alarm)
{
    return (k_tick_t)((uint64_t)alarm->max_delay() * k_cpu_tick_per_second / 1000u);
}

static void setup(void)
{
    if (!tt_clock_available()) {
        TT_SKIP("no reference clock on this board (tt_clock_available)");
    }
    pm_quiesce();
    pm_ref_start();
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_create(&done, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_stats_reset(), K_ERR_NONE);
}

static void teardown(void)
{
    uint64_t drift;

    tt_irq_raise_at(IRQ_DEV, TT_CLOCK_NEVER);
    (void)tos_timer_destroy(&timer_p);
    (void)tos_timer_destroy(&timer_o);
    (void)tos_sem_destroy(&sem);
    (void)tos_sem_destroy(&done);
    /* Whatever the case did, the clock is where a ticked kernel's would be. */
    TT_ASSERT(pm_ref_agrees());
    drift = pm_ref_drift();
    if (drift > pm_ref_tolerance()) {
        printf("    boundary 0 moved by %lu cycles in %lu sleeps\n", (unsigned long)drift,
               (unsigned long)pm_ref_sleeps);
        TT_FAIL("the tick grid drifted");
    }
    pm_ref_stop();
}

/* ---- absolute cases ------------------------------------------------------------- */

/* One sleep per alarm reach, ending on the delay's tick. */
static void test_delay_ends_on_its_tick(void)
{
    k_tick_t reach = reach_ticks(&port_tickless_wkup_alarm);
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = pm_wakeups();
    k_pm_stats_t st;

    TT_ASSERT_ERR(tos_task_delay(1234u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1234u);
    TT_ASSERT(pm_ref_agrees());
    TT_ASSERT_GE(tt_clock_get(), pm_ref_cycle_of(t0 + 1234u));
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, (1234u + reach - 1u) / reach);
    TT_ASSERT_EQ(st.early, 0u);
    TT_ASSERT_EQ(st.aborts, 0u);
    /* Asleep for the whole delay but the start of its first tick. */
    TT_ASSERT_LE(st.cycles, 1234u * pm_cpt());
    TT_ASSERT_GT(st.cycles, 1233u * pm_cpt());
    if (pm_exact()) {
        /* One sleep from phase 0 that ends on the boundary itself. */
        TT_ASSERT_EQ(tt_clock_get(), pm_ref_cycle_of(t0 + 1234u));
        TT_ASSERT_EQ(pm_wakeups() - w0, 1u);
        TT_ASSERT_EQ(st.cycles, 1234u * pm_cpt());
    }
}

static volatile k_tick_t isr_tick;
static volatile uint64_t isr_clock;
static volatile int isr_agreed;
static volatile unsigned isr_count;

static void isr_record(void)
{
    tos_knl_irq_enter();
    isr_tick = tos_systick_get();
    isr_clock = tt_clock_get();
    isr_agreed = pm_ref_agrees();
    ++isr_count;
    tos_knl_irq_leave();
}

/* The ISR of an early wake-up already sees the corrected clock. */
static void test_early_interrupt_sees_the_corrected_time(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = pm_wakeups();
    k_pm_stats_t st;

    isr_count = 0u;
    tt_irq_connect(IRQ_DEV, isr_record);
    tt_irq_raise_at(IRQ_DEV, pm_ref_cycle_of(t0 + 300u) + pm_cpt() / 2u);
    TT_ASSERT_ERR(tos_task_delay(1000u), K_ERR_NONE);
    TT_ASSERT_EQ(isr_count, 1u);
    TT_ASSERT_EQ(isr_tick, t0 + 300u);
    TT_ASSERT(isr_agreed);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1000u);
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_GE(st.early, 1u);
    TT_ASSERT_LE(st.cycles, 1000u * pm_cpt());
    TT_ASSERT_GT(st.cycles, 999u * pm_cpt());
    if (pm_exact()) {
        /* Two sleeps, the first cut short by the interrupt, asleep all the while. */
        TT_ASSERT_EQ(isr_clock, pm_ref_cycle_of(t0 + 300u) + pm_cpt() / 2u);
        TT_ASSERT_EQ(tt_clock_get(), pm_ref_cycle_of(t0 + 1000u));
        TT_ASSERT_EQ(pm_wakeups() - w0, 2u);
        TT_ASSERT_EQ(st.entries, 2u);
        TT_ASSERT_EQ(st.early, 1u);
        TT_ASSERT_EQ(st.cycles, 1000u * pm_cpt());
    }
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

    tt_irq_connect(IRQ_DEV, isr_post);
    tt_irq_raise_at(IRQ_DEV, pm_ref_cycle_of(t0 + 300u) + 7u);
    TT_ASSERT_ERR(tos_sem_pend(&sem, 1000u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 300u);
    TT_ASSERT(pm_ref_agrees());
    if (pm_exact()) {
        TT_ASSERT_EQ(tt_clock_get(), pm_ref_cycle_of(t0 + 300u) + 7u);
    }
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 310u);
    TT_ASSERT(pm_ref_agrees());
    if (pm_exact()) {
        TT_ASSERT_EQ(tt_clock_get(), pm_ref_cycle_of(t0 + 310u));
    }
}

/* ---- many early interrupts ------------------------------------------------------- */

#define STORM 1000u

static uint32_t lcg_state;
static volatile unsigned storm_left;
static volatile unsigned storm_disagree;
static volatile unsigned timer_fires;
static volatile unsigned timer_disagree;
static uint64_t irq_next_at;

static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state >> 8u;
}

/* The next timed interrupt, 1 cycle to `span` ticks after the previous instant. */
static void irq_schedule_next(uint32_t span)
{
    irq_next_at += 1u + lcg_next() % (uint32_t)(span * pm_cpt());
    tt_irq_raise_at(IRQ_DEV, irq_next_at);
}

/* Each interrupt checks the clock, then schedules the next one. */
static void isr_storm(void)
{
    tos_knl_irq_enter();
    if (!pm_ref_agrees()) {
        ++storm_disagree;
    }
    if (storm_left > 0u) {
        --storm_left;
        irq_schedule_next(3u);
    }
    tos_knl_irq_leave();
}

static void timer_check(void *arg)
{
    (void)arg;
    ++timer_fires;
    if (!pm_ref_agrees()) {
        ++timer_disagree;
    }
}

static void test_thousand_early_interrupts_leave_no_drift(void)
{
    k_tick_t t0 = tos_systick_get();
    k_pm_stats_t st;

    lcg_state = 12345u;
    storm_left = STORM;
    storm_disagree = 0u;
    timer_fires = 0u;
    timer_disagree = 0u;
    tt_irq_connect(IRQ_DEV, isr_storm);
    TT_ASSERT_ERR(tos_timer_create(&timer_p, 13u, 13u, timer_check, K_NULL, TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&timer_p), K_ERR_NONE);
    irq_next_at = pm_ref_cycle_of(t0);
    irq_schedule_next(1u);
    TT_ASSERT_ERR(tos_task_delay(5000u), K_ERR_NONE);
    TT_ASSERT_EQ(storm_left, 0u);
    TT_ASSERT_EQ(storm_disagree, 0u);
    TT_ASSERT_EQ(timer_fires, 5000u / 13u);
    TT_ASSERT_EQ(timer_disagree, 0u);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 5000u);
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    printf("    %u sleeps, %u ended early; boundary 0 moved by %lu cycles (allowed: %lu)\n",
           (unsigned)st.entries, (unsigned)st.early, (unsigned long)pm_ref_drift(),
           (unsigned long)pm_ref_tolerance());
    TT_ASSERT_GE(st.early, STORM * 9u / 10u);
}

/* ---- the alarm's reach ------------------------------------------------------------ */

/* Beyond the reach: sleeps of the reach, back to back, the last one ending on the tick. */
static void test_long_sleep_is_split_at_the_alarm_maximum(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = pm_wakeups();
    k_pm_stats_t st;

    short_alarm_install(50u * 1000u / k_cpu_tick_per_second); /* 50 ticks */
    TT_ASSERT_ERR(tos_task_delay(1020u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1020u);
    TT_ASSERT(pm_ref_agrees());
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 21u);
    TT_ASSERT_EQ(st.early, 0u);
    TT_ASSERT_EQ(st.aborts, 0u);
    if (pm_exact()) {
        /* Back to back: one wake-up a sleep, asleep all the while. */
        TT_ASSERT_EQ(pm_wakeups() - w0, 21u);
        TT_ASSERT_EQ(st.cycles, 1020u * pm_cpt());
    }
}

/* The port's own reach, where it is small enough to test (SysTick: under a second). */
static void test_sleep_beyond_the_port_alarm_reach_is_split(void)
{
    k_tick_t reach = reach_ticks(&port_tickless_wkup_alarm);
    k_tick_t t0 = tos_systick_get();
    k_pm_stats_t st;

    if (reach > 100000u) {
        TT_SKIP("the port's alarm reaches further than this case sleeps");
    }
    TT_ASSERT_ERR(tos_task_delay(3u * reach + 7u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 3u * reach + 7u);
    TT_ASSERT(pm_ref_agrees());
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 4u);
    TT_ASSERT_EQ(st.early, 0u);
}

/* No kernel deadline at all: sleeps of the alarm's maximum until the interrupt. */
static void test_without_deadline_the_alarm_maximum_is_used(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = pm_wakeups();
    k_pm_stats_t st;

    short_alarm_install(100u * 1000u / k_cpu_tick_per_second); /* 100 ticks */
    tt_irq_connect(IRQ_DEV, isr_post);
    tt_irq_raise_at(IRQ_DEV, pm_ref_cycle_of(t0 + 1000u) + pm_cpt() / 4u);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1000u);
    TT_ASSERT(pm_ref_agrees());
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 11u);
    TT_ASSERT_EQ(st.early, 1u);
    if (pm_exact()) {
        TT_ASSERT_EQ(pm_wakeups() - w0, 11u);
    }
}

/*
 * The port's alarm through the original API only (setup(ms)): the kernel
 * stops the tick, sleeps the planned time and restarts the tick from the
 * wake-up (contract §33.3), which keeps the count but not the sub-tick
 * phase: the grid is measured anew afterwards.
 */
static void test_original_api_alarm_sleeps_the_planned_time(void)
{
    static k_tickless_wkup_alarm_t original;
    k_tick_t t0 = tos_systick_get();
    k_pm_stats_t st;

    original = port_tickless_wkup_alarm;
    original.setup_cycles = K_NULL;
    original.elapsed_cycles = K_NULL;
    pm_modes_install(&original);
    TT_ASSERT_ERR(tos_task_delay(250u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 250u);
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 1u);
    TT_ASSERT_EQ(st.cycles, 250u * pm_cpt());
    pm_ref_start();
    /* The restarted tick ticks. */
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_NONE), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(3u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 253u);
    TT_ASSERT(pm_ref_agrees());
}

/* ---- never while a task is ready ---------------------------------------------------- */

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
    uint64_t w0 = pm_wakeups();
    k_pm_stats_t st;

    TT_ASSERT_ERR(
        tos_task_create(&task_a, "busy", busy_worker, K_NULL, PRIO_LO, stk_a, sizeof(stk_a), 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(600u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 600u);
    /* The worker needed 500 ticks or more; only what was left after it was slept, in one go. */
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 1u);
    TT_ASSERT_LE(st.cycles, 100u * pm_cpt());
    if (pm_exact()) {
        /* The worker needed exactly 500 ticks. */
        TT_ASSERT_EQ(pm_wakeups() - w0, 1u);
        TT_ASSERT_EQ(st.cycles, 100u * pm_cpt());
    }
    pm_stats_of(TOS_LOW_POWER_MODE_NONE, &st);
    TT_ASSERT_EQ(st.entries, 0u);
}

/* ---- differential cases: ticked and tickless show the same events on the same ticks ---- */

#define TRACE_MAX 400u

typedef struct trace_ev_st {
    k_tick_t tick;
    uint64_t cycles; /* since the run's first boundary; compared where pm_exact() */
    int tag;
    long value;
} trace_ev_t;

typedef struct trace_st {
    trace_ev_t ev[TRACE_MAX];
    unsigned n;
    int overflow;
    unsigned disagree; /* events at which the clock and the reference disagreed */
    k_pm_stats_t sleeps;
    uint64_t wakeups;
} trace_t;

static trace_t traces[2];
static trace_t *trace_cur;
static k_tick_t trace_t0;

static void trace_mark(int tag, long value)
{
    TOS_CPU_CPSR_ALLOC();
    trace_ev_t *ev;

    TOS_CPU_INT_DISABLE();
    if (trace_cur->n < TRACE_MAX) {
        ev = &trace_cur->ev[trace_cur->n++];
        ev->tick = tos_systick_get() - trace_t0;
        ev->cycles = tt_clock_get() - pm_ref_cycle_of(trace_t0);
        ev->tag = tag;
        ev->value = value;
    } else {
        trace_cur->overflow = K_TRUE;
    }
    TOS_CPU_INT_ENABLE();
    if (!pm_ref_agrees()) {
        ++trace_cur->disagree;
    }
}

/* One run of `scenario` in `mode`, from a tick boundary. */
static void trace_run(trace_t *tr, k_cpu_lpwr_mode_t mode, void (*scenario)(void))
{
    uint64_t w0;

    memset(tr, 0, sizeof(*tr));
    trace_cur = tr;
    pm_quiesce();
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(mode), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_stats_reset(), K_ERR_NONE);
    trace_t0 = tos_systick_get();
    w0 = pm_wakeups();
    scenario();
    tr->wakeups = pm_wakeups() - w0;
    pm_stats_of(mode, &tr->sleeps);
    TT_ASSERT(pm_ref_agrees());
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

        if (a->tick != b->tick || a->tag != b->tag || a->value != b->value ||
            (pm_exact() && a->cycles != b->cycles)) {
            printf("    event %u: ticked tag %c value %ld at tick %lu, tickless tag %c value %ld "
                   "at tick %lu\n",
                   i, a->tag, a->value, (unsigned long)a->tick, b->tag, b->value,
                   (unsigned long)b->tick);
            TT_FAIL("the tickless run differs from the ticked run");
        }
    }
    TT_ASSERT_EQ(ticked->disagree, 0u);
    TT_ASSERT_EQ(tickless->disagree, 0u);
}

/*
 * Ticked, then tickless in `mode`; the same trace; the tickless run really
 * slept, and where wake-ups are counted it woke the CPU less than 1/`cut`
 * as often.
 */
static void trace_differential(k_cpu_lpwr_mode_t mode, void (*scenario)(void), unsigned cut)
{
    trace_run(&traces[0], TOS_LOW_POWER_MODE_NONE, scenario);
    trace_run(&traces[1], mode, scenario);
    printf("    %u events; tickless: %u sleeps, %u ended early\n", traces[1].n,
           (unsigned)traces[1].sleeps.entries, (unsigned)traces[1].sleeps.early);
    trace_expect_equal(&traces[0], &traces[1]);
    TT_ASSERT_GT(traces[0].sleeps.entries, 0u); /* ticked waits */
    TT_ASSERT_GT(traces[1].sleeps.entries, 0u);
    if (pm_exact()) {
        printf("    wake-ups: %lu ticked, %lu tickless\n", (unsigned long)traces[0].wakeups,
               (unsigned long)traces[1].wakeups);
        TT_ASSERT_LT(traces[1].wakeups * cut, traces[0].wakeups);
    }
}

static void timer_mark(void *arg)
{
    trace_mark((int)(intptr_t)arg, 0);
}

/* Periodic and one-shot software timers around delays. */
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
    trace_differential(TOS_LOW_POWER_MODE_SLEEP, scenario_timers, 4u);
    /* 14 periodic firings, the one-shot twice, two marks. */
    TT_ASSERT_EQ(traces[1].n, 18u);
    TT_ASSERT_EQ(traces[1].ev[0].tick, 7u);
    if (pm_exact()) {
        TT_ASSERT_EQ(traces[1].ev[0].cycles, 7u * pm_cpt());
    }
    TT_ASSERT_EQ(traces[1].ev[3].tag, 'O');
    TT_ASSERT_EQ(traces[1].ev[3].tick, 25u);
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
    trace_differential(TOS_LOW_POWER_MODE_SLEEP, scenario_delay_abort, 4u);
    TT_ASSERT_EQ(traces[1].n, 5u);
    TT_ASSERT_EQ(traces[1].ev[1].tag, 'U');
    TT_ASSERT_EQ(traces[1].ev[2].tag, 't');
    TT_ASSERT_EQ(traces[1].ev[2].tick, 100u);
    TT_ASSERT_EQ(traces[1].ev[3].tick, 110u);
}

/*
 * Interrupts at odd instants wake a task whose timed pends keep expiring.
 * The instants are fixed relative to the run's first tick, not to when each
 * handler happened to run, so both runs see the same ones. On a CPU a
 * handler runs later after a tickless sleep than after a ticked one (the
 * clock is corrected first): the instants keep an eighth of a tick away
 * from boundaries, so that both runs see each one on the same tick.
 */
static volatile unsigned irq_left;

static void irq_schedule_inside_a_tick(uint32_t span)
{
    uint64_t cpt = pm_cpt();
    uint64_t tick = (irq_next_at - pm_ref_zero) / cpt + 1u + lcg_next() % span;

    irq_next_at = pm_ref_cycle_of((k_tick_t)tick) + cpt / 8u + lcg_next() % (cpt * 3u / 4u);
    tt_irq_raise_at(IRQ_DEV, irq_next_at);
}

static void isr_trace(void)
{
    tos_knl_irq_enter();
    trace_mark('I', (long)irq_left);
    (void)tos_sem_post(&sem);
    if (irq_left > 0u) {
        --irq_left;
        irq_schedule_inside_a_tick(40u);
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
    irq_next_at = pm_ref_cycle_of(trace_t0) + 5u * pm_cpt() + 3u;
    tt_irq_raise_at(IRQ_DEV, irq_next_at);
    TT_ASSERT_ERR(tos_timer_create(&timer_p, 11u, 11u, timer_mark, (void *)(intptr_t)'P',
                                   TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&timer_p), K_ERR_NONE);
    TT_ASSERT_ERR(
        tos_task_create(&task_a, "pender", pender, K_NULL, PRIO_HI, stk_a, sizeof(stk_a), 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&done, TOS_TIME_FOREVER), K_ERR_NONE);
    tt_irq_raise_at(IRQ_DEV, TT_CLOCK_NEVER);
    (void)tos_timer_destroy(&timer_p);
    trace_mark('E', 0);
}

static void test_early_interrupts_and_timeouts_as_ticked(void)
{
    trace_differential(TOS_LOW_POWER_MODE_SLEEP, scenario_interrupts, 4u);
    TT_ASSERT_GT(traces[1].sleeps.early, 0u);
}

/* The same in STOP: a registered device is suspended around each sleep. */
static int dev_suspends;

static int dev_suspend(void)
{
    ++dev_suspends;
    return 0;
}

static void test_early_interrupts_and_timeouts_as_ticked_in_stop(void)
{
    static k_pm_device_t dev = {"uart", K_NULL, dev_suspend, K_NULL};

    pm_init();
    dev_suspends = 0;
    TT_ASSERT_ERR(tos_pm_device_register(&dev), K_ERR_NONE);
    trace_differential(TOS_LOW_POWER_MODE_STOP, scenario_interrupts, 4u);
    TT_ASSERT_EQ(dev_suspends, traces[1].sleeps.entries + traces[1].sleeps.aborts);
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
    /* The workers compute most of the time: fewer wake-ups, not many fewer. */
    trace_differential(TOS_LOW_POWER_MODE_SLEEP, scenario_robin, 1u);
    /* Slices interleave the workers. */
    TT_ASSERT_EQ(traces[1].ev[0].tag, 'a');
    TT_ASSERT_EQ(traces[1].ev[1].tag, 'b');
}
#else
static void test_round_robin_as_ticked(void)
{
    TT_SKIP("TOS_CFG_ROUND_ROBIN_EN is 0 (config tickless_max has it)");
}
#endif

TT_SUITE("tickless_time", setup, teardown, TT_CASE(test_delay_ends_on_its_tick),
         TT_CASE(test_early_interrupt_sees_the_corrected_time),
         TT_CASE(test_early_interrupt_wakes_a_task_at_the_right_tick),
         TT_CASE(test_thousand_early_interrupts_leave_no_drift),
         TT_CASE(test_long_sleep_is_split_at_the_alarm_maximum),
         TT_CASE(test_sleep_beyond_the_port_alarm_reach_is_split),
         TT_CASE(test_without_deadline_the_alarm_maximum_is_used),
         TT_CASE(test_original_api_alarm_sleeps_the_planned_time),
         TT_CASE(test_no_sleep_while_a_task_is_ready), TT_CASE(test_timers_fire_as_ticked),
         TT_CASE(test_delay_abort_as_ticked), TT_CASE(test_early_interrupts_and_timeouts_as_ticked),
         TT_CASE(test_early_interrupts_and_timeouts_as_ticked_in_stop),
         TT_CASE(test_round_robin_as_ticked));

#else
TT_SUITE_SKIPPED("tickless_time", "TOS_CFG_PWR_MGR_EN or TOS_CFG_TICKLESS_EN is 0");
#endif
