/*
 * Idle tick suppression (arch/arm/src/port_idle.c): while every task sleeps
 * the port stretches SysTick over the ticks nobody waits for. Time must stay
 * exact: delays end on their ticks, also when interrupts end the sleep
 * early, and afterwards SysTick is back on its grid (one tick per
 * cycle_per_tick cycles). The early wake-ups come from the board's CMSDK
 * timer 0 (MPS2 boards; elsewhere that case is skipped).
 */
#include "tos_k.h"
#include "port_cm.h"
#include "tt.h"
#include "tt_port.h"

#if !defined(TOS_CFG_CPU_IDLE_TICKLESS_EN) || (TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u)

#if defined(MPS2_TIMER0_BASE)

#define TIMER_CTRL     PORT_REG(MPS2_TIMER0_BASE + 0x00u)
#define TIMER_VALUE    PORT_REG(MPS2_TIMER0_BASE + 0x04u)
#define TIMER_RELOAD   PORT_REG(MPS2_TIMER0_BASE + 0x08u)
#define TIMER_INTCLEAR PORT_REG(MPS2_TIMER0_BASE + 0x0Cu)
#define TIMER_EN       (1u << 0)
#define TIMER_IRQ_EN   (1u << 3)

static volatile k_tick_t isr_tick;
static volatile int isr_runs;
static volatile int isr_off_grid; /* SysTick not in a normal period when the handler ran */

static void isr_timer(void)
{
    tos_knl_irq_enter();
    TIMER_CTRL = 0u; /* one shot */
    TIMER_INTCLEAR = 1u;
    isr_tick = tos_systick_get();
    if (PORT_SYST_RVR != (uint32_t)k_cpu_cycle_per_tick - 1u ||
        PORT_SYST_CVR >= (uint32_t)k_cpu_cycle_per_tick) {
        ++isr_off_grid;
    }
    ++isr_runs;
    tos_knl_irq_leave();
}

/* Fires once, `cycles` CPU cycles from now (the timer counts the CPU clock). */
static void timer_start(uint32_t cycles)
{
    TIMER_CTRL = 0u;
    TIMER_INTCLEAR = 1u;
    TIMER_RELOAD = cycles;
    TIMER_VALUE = cycles;
    TIMER_CTRL = TIMER_EN | TIMER_IRQ_EN;
}

static void setup(void)
{
    isr_runs = 0;
    isr_tick = 0u;
    isr_off_grid = 0;
    TT_ASSERT_EQ(port_irq_attach(MPS2_TIMER0_IRQ, isr_timer), 0);
    port_irq_priority_set(MPS2_TIMER0_IRQ, TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP);
    port_irq_enable(MPS2_TIMER0_IRQ);
}

static void teardown(void)
{
    TIMER_CTRL = 0u;
    port_irq_disable(MPS2_TIMER0_IRQ);
    (void)port_irq_attach(MPS2_TIMER0_IRQ, K_NULL);
}

#else

#define setup    K_NULL
#define teardown K_NULL

#endif

/* After a sleep the counter is back on the grid: a tick every cycle_per_tick cycles. */
static void grid_check(void)
{
    k_tick_t t0;

    TT_ASSERT_EQ(PORT_SYST_RVR, (uint32_t)k_cpu_cycle_per_tick - 1u);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE); /* right after a tick */
    t0 = tos_systick_get();
    tt_busy((uint32_t)(10u * k_cpu_cycle_per_tick));
    TT_ASSERT_EQ(tos_systick_get(), t0 + 10u);
}

static void test_long_delay_ends_on_its_tick(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(tos_task_delay(5000u), K_ERR_NONE); /* several stretched periods */
    TT_ASSERT_EQ(tos_systick_get(), t0 + 5000u);
    grid_check();
}

/*
 * Interrupts that end the sleep early, at odd points inside ticks: each runs
 * once while the sleep is on and sees the tick its instant lies in on the
 * reference clock (tt_port.h), every delay still ends on its tick, and the
 * tick grid is intact afterwards. The instants keep an eighth of a tick
 * away from boundaries, more than the clock's jitter and the grid's
 * rounding per restart add up to. (Under QEMU 7.2 a wake-up by a timer
 * that reloads itself would come a whole period late; the reference
 * clock's quarter-tick counter keeps wake-ups on time, tt_port_arm.c.)
 */
static void test_early_wake_ups_keep_time(void)
{
#if defined(MPS2_TIMER0_BASE)
    uint64_t cpt = (uint64_t)k_cpu_cycle_per_tick;
    k_tick_t t0;
    uint64_t zero;
    uint32_t i;

    if (!tt_clock_available()) {
        TT_SKIP("no reference clock on this board (tt_clock_available)");
    }
    /*
     * The interrupts preempt idle deep in cpu_idle(), which stacks two frames
     * on its stack: port_config.h sizes it for that, and the kernel's stack
     * guard (on in the test configuration) reports an overflow as fatal.
     */
    TT_ASSERT(k_idle_task_stk_size >= 256u);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE); /* right after a tick, on the grid */
    t0 = tos_systick_get();
    zero = tt_clock_tick_zero();
    for (i = 1u; i <= 20u; ++i) {
        k_tick_t before = tos_systick_get();
        uint64_t now = tt_clock_get();
        k_tick_t tick = (k_tick_t)((now - zero) / cpt);
        uint64_t at = zero + (uint64_t)(tick + i) * cpt + cpt / 8u + (i * 997u) % (cpt * 3u / 4u);

        timer_start((uint32_t)(at - tt_clock_get()));
        TT_ASSERT_ERR(tos_task_delay(30u), K_ERR_NONE);
        TT_ASSERT_EQ(isr_runs, (int)i);
        TT_ASSERT_EQ(isr_tick, tick + i);
        TT_ASSERT_EQ(tos_systick_get(), before + 30u);
    }
    TT_ASSERT_EQ(tos_systick_get(), t0 + 20u * 30u);
    TT_ASSERT_EQ(isr_off_grid, 0); /* the sleep was cut back to the grid before it ran */
    grid_check();
#else
    TT_SKIP("the board has no timer this test knows (MPS2_TIMER0_BASE)");
#endif
}

TT_SUITE("idle", setup, teardown, TT_CASE(test_long_delay_ends_on_its_tick),
         TT_CASE(test_early_wake_ups_keep_time));

#else

TT_SUITE_SKIPPED("idle", "TOS_CFG_CPU_IDLE_TICKLESS_EN is 0");

#endif
