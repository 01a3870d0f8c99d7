/*
 * Tick and time (contract §11, §40 items 11 and 12): the tick count, the
 * conversions, the sleep functions, and delays that end on exactly the
 * right tick, whether ticks come from the virtual clock or from a tick
 * interrupt raised by hand.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define PRIO_RUN ((k_prio_t)TT_RUNNER_PRIO)
#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_HI2 ((k_prio_t)(TT_RUNNER_PRIO - 2u))
#define PRIO_LO1 ((k_prio_t)(TT_RUNNER_PRIO + 1u))

#define TPS      ((k_tick_t)TOS_CFG_CPU_TICK_PER_SECOND)
#define TASK_MAX 4
#define STK_SIZE 1024u
#define IRQ_LINE 6u

#define ID(arg) ((int)(intptr_t)(arg))
#define ARG(id) ((void *)(intptr_t)(id))

static k_task_t tasks[TASK_MAX];
static k_stack_t stacks[TASK_MAX][STK_SIZE] __ALIGNED__(16);
static k_tick_t delay_ticks[TASK_MAX];
static volatile k_tick_t woke_at[TASK_MAX];
static volatile int woke[TASK_MAX];
static volatile k_err_t task_err[TASK_MAX];

static void (*volatile isr_body)(void);
static volatile k_err_t isr_err[2];
static volatile k_tick_t isr_tick;
static volatile int isr_saw_woke;

static k_tick_t now(void)
{
    return tos_systick_get();
}

static void entry_delay(void *arg)
{
    int id = ID(arg);

    task_err[id] = tos_task_delay(delay_ticks[id]);
    woke_at[id] = now();
    woke[id] = 1;
}

static void entry_mark(void *arg)
{
    woke[ID(arg)] = 1;
}

static k_err_t spawn_delay(int id, k_prio_t prio, k_tick_t ticks)
{
    delay_ticks[id] = ticks;
    return tos_task_create(&tasks[id], "time", entry_delay, ARG(id), prio, stacks[id], STK_SIZE,
                           0u);
}

static void isr_entry(void)
{
    tos_knl_irq_enter();
    isr_body();
    tos_knl_irq_leave();
}

static void in_isr(void (*body)(void))
{
    isr_body = body;
    tt_irq_raise(IRQ_LINE);
}

static void setup(void)
{
    static int connected;
    int i;

    if (!connected) {
        tt_irq_connect(IRQ_LINE, isr_entry);
        connected = 1;
    }
    for (i = 0; i < TASK_MAX; ++i) {
        woke[i] = 0;
        woke_at[i] = 0u;
        task_err[i] = (k_err_t)-1;
    }
    isr_err[0] = (k_err_t)-1;
    isr_err[1] = (k_err_t)-1;
}

/* The sleep time of tos_sleep_hmsm, computed as the contract states it. */
static k_tick_t hmsm_ticks(k_tick_t h, k_tick_t m, k_tick_t s, k_tick_t ms)
{
    return (h * 3600u + m * 60u + s) * TPS + (TPS * (ms + 500u / TPS)) / 1000u;
}

/* ---- constants and conversions -------------------------------------------- */

static void test_time_constants(void)
{
#if TOS_CFG_CPU_DATA_SIZE != CPU_WORD_SIZE_08
    TT_ASSERT_EQ(sizeof(k_tick_t), sizeof(uint64_t));
    TT_ASSERT(TOS_TIME_FOREVER == (k_tick_t)UINT64_MAX);
    TT_ASSERT(K_TIME_MAX == (k_tick_t)(UINT64_MAX - 1u));
#endif
    TT_ASSERT(TOS_TIME_NOWAIT == (k_tick_t)0u);
    TT_ASSERT(K_TIME_MAX == TOS_TIME_FOREVER - 1u);
    TT_ASSERT_EQ(K_TIME_MILLISEC_PER_SEC, 1000u);
}

static void test_tick2millisec_truncates_to_32_bits(void)
{
    static const k_tick_t ticks[] = {0u, 1u, 7u, 999u, 1000u, 1001u, 1234567u, 5000000000ull};
    size_t i;

    for (i = 0u; i < sizeof(ticks) / sizeof(ticks[0]); ++i) {
        TT_ASSERT_EQ(tos_tick2millisec(ticks[i]), (k_time_t)(ticks[i] * 1000u / TPS));
    }
#if TOS_CFG_CPU_TICK_PER_SECOND == 1000u
    TT_ASSERT_EQ(tos_tick2millisec(1234567u), 1234567u);
    /* Computed in 64 bits, then cut to the 32-bit k_time_t. */
    TT_ASSERT_EQ(tos_tick2millisec(5000000000ull), 705032704u);
#endif
}

static void test_millisec2tick_computes_in_tick_width(void)
{
    static const k_time_t ms[] = {0u, 1u, 5u, 999u, 1000u, 1234567u, 0xFFFFFFFFu};
    size_t i;

    for (i = 0u; i < sizeof(ms) / sizeof(ms[0]); ++i) {
        TT_ASSERT_EQ(tos_millisec2tick(ms[i]), (k_tick_t)ms[i] * TPS / 1000u);
    }
#if TOS_CFG_CPU_TICK_PER_SECOND == 1000u
    /* No 32-bit overflow in ms * TPS. */
    TT_ASSERT_EQ(tos_millisec2tick(0xFFFFFFFFu), 4294967295ull);
    TT_ASSERT_EQ(tos_millisec2tick(5u), 5u);
#endif
}

/* ---- the tick count ------------------------------------------------------------ */

static void test_systick_advances_exactly_by_delay(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(tos_task_delay(100u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 100u);
    TT_ASSERT_EQ(now(), k_tick_count);
}

static void test_systick_does_not_move_without_ticks(void)
{
    k_tick_t t0;

    /* A delay returns right at a tick boundary. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = now();
    tos_task_yield();
    TT_ASSERT_EQ(now(), t0);
    /* Less than one tick of computation: no tick interrupt yet. */
    tt_busy((uint32_t)(k_cpu_cycle_per_tick / 2u));
    TT_ASSERT_EQ(now(), t0);
    tt_busy((uint32_t)(k_cpu_cycle_per_tick / 2u));
    TT_ASSERT_EQ(now(), t0 + 1u);
}

static void test_systick_follows_computation(void)
{
    k_tick_t t0;

    /* Align to a tick boundary first: a delay returns right after a tick. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = now();
    tt_busy((uint32_t)(k_cpu_cycle_per_tick * 25u));
    TT_ASSERT_EQ(now(), t0 + 25u);
}

static void isr_systick(void)
{
    isr_tick = tos_systick_get();
}

static void test_systick_get_in_isr(void)
{
    k_tick_t t0 = now();

    isr_tick = (k_tick_t)0u - 1u;
    in_isr(isr_systick);
    TT_ASSERT_EQ(isr_tick, t0);
}

static void test_systick_set_overwrites_count(void)
{
    k_tick_t saved = now();

    tos_systick_set(12345u);
    TT_ASSERT_EQ(now(), 12345u);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), 12355u);
    tos_systick_set(saved + 10u);
    TT_ASSERT_EQ(now(), saved + 10u);
}

/* Delays are relative: moving the count does not move their end. */
static void test_systick_set_leaves_pending_delays_alone(void)
{
    k_tick_t saved = now();

    TT_ASSERT_ERR(spawn_delay(0, PRIO_HI1, 10u), K_ERR_NONE);
    tos_systick_set(saved + 1000u);
    TT_ASSERT_ERR(tos_task_delay(20u), K_ERR_NONE);
    TT_ASSERT_EQ(woke[0], 1);
    TT_ASSERT_EQ(woke_at[0], saved + 1000u + 10u);
    TT_ASSERT_EQ(now(), saved + 1000u + 20u);
}

static void test_systick_wraps_and_delays_stay_exact(void)
{
    k_tick_t saved = now();
    k_tick_t start = K_TIME_MAX - 5u;

    tos_systick_set(start);
    TT_ASSERT_ERR(spawn_delay(0, PRIO_HI1, 9u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    /* K_TIME_MAX - 5 + 10 wraps through TOS_TIME_FOREVER and 0 to 3. */
    TT_ASSERT_EQ(now(), (k_tick_t)3u);
    TT_ASSERT_EQ(woke_at[0], (k_tick_t)2u);
    tos_systick_set(saved);
}

/* ---- delays wake on exactly the right tick --------------------------------------- */

static void test_delays_of_several_tasks_end_on_their_ticks(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn_delay(0, PRIO_HI1, 3u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_delay(1, PRIO_HI2, 7u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_delay(2, PRIO_HI1, 7u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_delay(3, PRIO_HI1, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(50u), K_ERR_NONE);
    TT_ASSERT_EQ(woke_at[0], t0 + 3u);
    TT_ASSERT_EQ(woke_at[1], t0 + 7u);
    TT_ASSERT_EQ(woke_at[2], t0 + 7u);
    TT_ASSERT_EQ(woke_at[3], t0 + 1u);
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
    TT_ASSERT_ERR(task_err[1], K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 50u);
}

static void test_long_delay_is_exact(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn_delay(0, PRIO_HI1, 86400u * TPS), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(86400u * TPS + 1u), K_ERR_NONE);
    TT_ASSERT_EQ(woke_at[0], t0 + 86400u * TPS);
}

/* While a less urgent task computes, the ticks come from its computation. */
static void entry_busy(void *arg)
{
    (void)arg;
    for (;;) {
        tt_busy((uint32_t)(k_cpu_cycle_per_tick / 3u));
    }
}

static void test_delay_ends_on_its_tick_while_others_compute(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(
        tos_task_create(&tasks[1], "busy", entry_busy, K_NULL, PRIO_LO1, stacks[1], STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(spawn_delay(0, PRIO_HI1, 13u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(40u), K_ERR_NONE);
    TT_ASSERT_EQ(woke_at[0], t0 + 13u);
    TT_ASSERT_EQ(now(), t0 + 40u);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[1]), K_ERR_NONE);
}

static void isr_tick_by_hand(void)
{
    tos_tick_handler();
    isr_saw_woke = woke[0];
}

/* The delay-th tick interrupt after the call ends it, and the switch is at ISR exit. */
static void test_tick_interrupt_by_hand_ends_delay_on_its_tick(void)
{
    k_tick_t t0 = now();
    int i;

    TT_ASSERT_ERR(spawn_delay(0, PRIO_HI1, 3u), K_ERR_NONE);
    for (i = 1; i <= 2; ++i) {
        in_isr(isr_tick_by_hand);
        TT_ASSERT_EQ(now(), t0 + (k_tick_t)i);
        TT_ASSERT_EQ(woke[0], 0);
        TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);
    }
    isr_saw_woke = -1;
    in_isr(isr_tick_by_hand);
    TT_ASSERT_EQ(isr_saw_woke, 0);
    TT_ASSERT_EQ(woke[0], 1);
    TT_ASSERT_EQ(woke_at[0], t0 + 3u);
}

static volatile k_nesting_t isr_nest_after;

static void isr_port_tick(void)
{
    knl_tick_isr((k_tick_t)1u);
    isr_saw_woke = woke[0];
}

/* The ports' tick entry: the same wake-up, and the switch still waits for the ISR's exit. */
static void test_port_tick_entry_ends_delay_on_its_tick(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn_delay(0, PRIO_HI1, 2u), K_ERR_NONE);
    in_isr(isr_port_tick);
    TT_ASSERT_EQ(woke[0], 0);
    isr_saw_woke = -1;
    in_isr(isr_port_tick);
    TT_ASSERT_EQ(isr_saw_woke, 0);
    TT_ASSERT_EQ(woke[0], 1);
    TT_ASSERT_EQ(woke_at[0], t0 + 2u);
}

static void isr_port_tick_one(void)
{
    knl_tick_isr_one();
    isr_saw_woke = woke[0];
}

/*
 * The one-tick entry of ports whose tick always stands for one tick: every
 * sleeper due on a tick wakes on it (those due together in priority
 * order), later ones keep their ticks, and the switch waits for the ISR.
 */
static void test_port_one_tick_entry_wakes_each_sleeper_on_its_tick(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn_delay(0, PRIO_HI1, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_delay(1, PRIO_HI2, 2u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_delay(2, PRIO_HI1, 3u), K_ERR_NONE);
    in_isr(isr_port_tick_one);
    TT_ASSERT_EQ(now(), t0 + 1u);
    TT_ASSERT_EQ(woke[0] + woke[1] + woke[2], 0);
    isr_saw_woke = -1;
    in_isr(isr_port_tick_one);
    TT_ASSERT_EQ(isr_saw_woke, 0);
    TT_ASSERT_EQ(woke[0], 1);
    TT_ASSERT_EQ(woke[1], 1);
    TT_ASSERT_EQ(woke[2], 0);
    TT_ASSERT_EQ(woke_at[0], t0 + 2u);
    TT_ASSERT_EQ(woke_at[1], t0 + 2u);
    TT_ASSERT_EQ(tasks[2].state, K_TASK_STATE_SLEEP);
    in_isr(isr_port_tick_one);
    TT_ASSERT_EQ(woke[2], 1);
    TT_ASSERT_EQ(woke_at[2], t0 + 3u);
}

static void isr_port_tick_at_nesting_limit(void)
{
    k_nesting_t saved = k_irq_nest_cnt;

    k_irq_nest_cnt = K_NESTING_LIMIT_IRQ;
    knl_tick_isr((k_tick_t)1u);
    isr_nest_after = k_irq_nest_cnt;
    k_irq_nest_cnt = saved;
}

/*
 * At the nesting limit the ports' tick entry leaves the count as it found
 * it (docs/compat.md #10; it used to skip its step up but not its step down).
 */
static void test_port_tick_entry_at_nesting_limit_keeps_the_count(void)
{
    k_tick_t t0 = now();

    isr_nest_after = 0u;
    in_isr(isr_port_tick_at_nesting_limit);
    TT_ASSERT_EQ(isr_nest_after, K_NESTING_LIMIT_IRQ);
    TT_ASSERT_EQ(now(), t0 + 1u);
    TT_ASSERT_EQ(k_irq_nest_cnt, 0u);
}

#if TOS_CFG_SEM_EN > 0u
/* A timed wait expires on exactly its tick (the original suite allowed 20 more). */
static void test_timed_pend_expires_on_its_tick(void)
{
    static k_sem_t sem;
    k_tick_t t0 = now();

    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_pend(&sem, 2000u), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(now(), t0 + 2000u);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}
#endif

/* ---- sleep functions ------------------------------------------------------------ */

static void test_sleep_ms_sleeps_converted_ticks(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(tos_sleep_ms(250u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + tos_millisec2tick(250u));
#if TOS_CFG_CPU_TICK_PER_SECOND == 1000u
    TT_ASSERT_EQ(now(), t0 + 250u);
#endif
    t0 = now();
    TT_ASSERT_ERR(tos_sleep_ms(60000u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 60u * TPS);
}

/* §40.11: zero ticks after conversion yields instead of sleeping. */
static void test_sleep_ms_zero_yields(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(
        tos_task_create(&tasks[0], "peer", entry_mark, ARG(0), PRIO_RUN, stacks[0], STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_sleep_ms(0u), K_ERR_NONE);
    TT_ASSERT_EQ(woke[0], 1);
    TT_ASSERT_EQ(now(), t0);
#if TOS_CFG_CPU_TICK_PER_SECOND < 1000u
    /* Less than one tick truncates to none. */
    woke[0] = 0;
    TT_ASSERT_ERR(tos_sleep_ms((k_time_t)(1000u / TOS_CFG_CPU_TICK_PER_SECOND - 1u)), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0);
#endif
}

static void test_sleep_hmsm_sleeps_exact_ticks(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(tos_sleep_hmsm(0u, 0u, 1u, 500u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + hmsm_ticks(0u, 0u, 1u, 500u));
    t0 = now();
    TT_ASSERT_ERR(tos_sleep_hmsm(1u, 2u, 3u, 4u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + hmsm_ticks(1u, 2u, 3u, 4u));
    t0 = now();
    TT_ASSERT_ERR(tos_sleep_hmsm(0u, 0u, 0u, 1u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + hmsm_ticks(0u, 0u, 0u, 1u));
#if TOS_CFG_CPU_TICK_PER_SECOND == 1000u
    TT_ASSERT_EQ(hmsm_ticks(0u, 0u, 1u, 500u), 1500u);
    TT_ASSERT_EQ(hmsm_ticks(1u, 2u, 3u, 4u), 3723004u);
    TT_ASSERT_EQ(hmsm_ticks(0u, 0u, 0u, 1u), 1u);
#endif
}

#if TT_HW_TICK
static void entry_sleep_2000h(void *arg)
{
    task_err[ID(arg)] = tos_sleep_hmsm(2000u, 0u, 0u, 0u);
    woke[ID(arg)] = 1;
}
#endif

static void test_sleep_hmsm_large_hours_no_overflow(void)
{
    k_tick_t t0 = now();

    /* 2^32 ms is exceeded: the sum must be done in k_tick_t. */
#if TT_HW_TICK
    /* A hardware tick would take 2000 hours: check the planned wake-up. */
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "sleeper", entry_sleep_2000h, ARG(0), PRIO_HI1,
                                  stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);
    TT_ASSERT_EQ(now(), t0);
    TT_ASSERT_PTR_EQ(TOS_LIST_FIRST_ENTRY(&k_tick_list, k_task_t, tick_list), &tasks[0]);
    TT_ASSERT_EQ(tasks[0].tick_expires, 2000u * 3600u * TPS);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(woke[0], 1);
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
#else
    TT_ASSERT_ERR(tos_sleep_hmsm(2000u, 0u, 0u, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 2000u * 3600u * TPS);
#endif
}

static void test_sleep_hmsm_zero_yields(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(
        tos_task_create(&tasks[0], "peer", entry_mark, ARG(0), PRIO_RUN, stacks[0], STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_sleep_hmsm(0u, 0u, 0u, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(woke[0], 1);
    TT_ASSERT_EQ(now(), t0);
}

static void isr_sleep(void)
{
    isr_err[0] = tos_sleep_ms(10u);
    isr_err[1] = tos_sleep_hmsm(0u, 0u, 1u, 0u);
}

static void test_sleep_errors_are_those_of_delay(void)
{
    k_tick_t t0 = now();

    in_isr(isr_sleep);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sleep_ms(10u), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_sleep_hmsm(0u, 0u, 1u, 0u), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0);
}

TT_SUITE("time", setup, NULL, TT_CASE(test_time_constants),
         TT_CASE(test_tick2millisec_truncates_to_32_bits),
         TT_CASE(test_millisec2tick_computes_in_tick_width),
         TT_CASE(test_systick_advances_exactly_by_delay),
         TT_CASE(test_systick_does_not_move_without_ticks),
         TT_CASE(test_systick_follows_computation), TT_CASE(test_systick_get_in_isr),
         TT_CASE(test_systick_set_overwrites_count),
         TT_CASE(test_systick_set_leaves_pending_delays_alone),
         TT_CASE(test_systick_wraps_and_delays_stay_exact),
         TT_CASE(test_delays_of_several_tasks_end_on_their_ticks),
         TT_CASE(test_long_delay_is_exact),
         TT_CASE(test_delay_ends_on_its_tick_while_others_compute),
         TT_CASE(test_tick_interrupt_by_hand_ends_delay_on_its_tick),
         TT_CASE(test_port_tick_entry_ends_delay_on_its_tick),
         TT_CASE(test_port_one_tick_entry_wakes_each_sleeper_on_its_tick),
         TT_CASE(test_port_tick_entry_at_nesting_limit_keeps_the_count),
#if TOS_CFG_SEM_EN > 0u
         TT_CASE(test_timed_pend_expires_on_its_tick),
#endif
         TT_CASE(test_sleep_ms_sleeps_converted_ticks), TT_CASE(test_sleep_ms_zero_yields),
         TT_CASE(test_sleep_hmsm_sleeps_exact_ticks),
         TT_CASE(test_sleep_hmsm_large_hours_no_overflow), TT_CASE(test_sleep_hmsm_zero_yields),
         TT_CASE(test_sleep_errors_are_those_of_delay));
