/*
 * The host simulator's devices for power management, in every configuration:
 * interrupts scheduled at a virtual time (inside a burn, inside an idle
 * jump), the wake-up count, and the checks of the wake-up timer's API.
 */
#include <pthread.h>

#include "pm_sim.h"

#define IRQ_DEV 9u

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

static void setup(void)
{
    pm_quiesce();
    isr_count = 0u;
    tt_irq_connect(IRQ_DEV, isr_record);
#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
    /* The idle jump with the tick running is what these cases look at. */
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_NONE), K_ERR_NONE);
#endif
}

static void teardown(void)
{
    port_sim_irq_raise_at(IRQ_DEV, PORT_SIM_NEVER);
    (void)port_sim_irq_connect(IRQ_DEV, NULL, 1u);
    port_sim_wkup_max_set(0u);
#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
#endif
    TT_ASSERT_EQ(tos_systick_get(), pm_ticked_reference());
}

static void test_scheduled_irq_lands_inside_a_burn(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();

    port_sim_irq_raise_at(IRQ_DEV, c0 + 2u * pm_cpt() + pm_cpt() / 2u);
    tt_busy((uint32_t)(5u * pm_cpt()));
    TT_ASSERT_EQ(isr_count, 1u);
    TT_ASSERT_EQ(isr_tick, t0 + 2u);
    TT_ASSERT_EQ(isr_cycles, c0 + 2u * pm_cpt() + pm_cpt() / 2u);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 5u);
}

/* The idle jump stops at the interrupt; each tick spanned counts as a wake-up. */
static void test_scheduled_irq_interrupts_an_idle_jump(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();
    uint64_t w0 = port_sim_wakeups_get();

    port_sim_irq_raise_at(IRQ_DEV, c0 + 3u * pm_cpt() + pm_cpt() / 4u);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(isr_count, 1u);
    TT_ASSERT_EQ(isr_tick, t0 + 3u);
    TT_ASSERT_EQ(isr_cycles, c0 + 3u * pm_cpt() + pm_cpt() / 4u);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 10u);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 3u + 1u + 7u);
}

static k_task_t *sleeper;

static void isr_resume(void)
{
    tos_knl_irq_enter();
    isr_tick = tos_systick_get();
    (void)tos_task_resume(sleeper);
    tos_knl_irq_leave();
}

/* With no kernel deadline at all the scheduled interrupt is what ends the wait. */
static void test_scheduled_irq_ends_a_wait_without_deadline(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();

    sleeper = tos_task_curr_task_get();
    tt_irq_connect(IRQ_DEV, isr_resume);
    port_sim_irq_raise_at(IRQ_DEV, c0 + 1000u * pm_cpt() + 1u);
    TT_ASSERT_ERR(tos_task_suspend(K_NULL), K_ERR_NONE);
    TT_ASSERT_EQ(isr_tick, t0 + 1000u);
    TT_ASSERT_EQ(port_sim_cycles_get(), c0 + 1000u * pm_cpt() + 1u);
}

static void test_raise_at_checks(void)
{
    uint64_t now = port_sim_cycles_get();

    port_sim_irq_raise_at(IRQ_DEV, now); /* reached: at once */
    TT_ASSERT_EQ(isr_count, 1u);
    port_sim_irq_raise_at(IRQ_DEV, now + 10u);
    port_sim_irq_raise_at(IRQ_DEV, PORT_SIM_NEVER); /* cancelled */
    tt_busy(20u);
    TT_ASSERT_EQ(isr_count, 1u);
    port_sim_irq_raise_at(IRQ_DEV, now + 100u);
    port_sim_irq_raise_at(IRQ_DEV, now + 200u); /* replaces */
    tt_busy(150u);
    TT_ASSERT_EQ(isr_count, 1u);
    tt_busy(100u);
    TT_ASSERT_EQ(isr_count, 2u);
    TT_ASSERT_EQ(isr_cycles, now + 200u);
    /* The tick and lines out of range are not schedulable. */
    port_sim_irq_raise_at(PORT_SIM_IRQ_TICK, now + 300u);
    port_sim_irq_raise_at(PORT_SIM_IRQ_MAX, now + 300u);
    tt_busy(200u);
    TT_ASSERT_EQ(isr_count, 2u);
}

static void *foreign_main(void *arg)
{
    int *rc = arg;

    port_sim_irq_raise_at(IRQ_DEV, 1u); /* ignored: would raise at once */
    rc[0] = port_sim_wkup_setup(1u);
    rc[1] = port_sim_wkup_setup_cycles(1000u);
    rc[2] = port_sim_wkup_init();
    return NULL;
}

static void test_wakeup_timer_refusals(void)
{
    pthread_t thread;
    int rc[3] = {0, 0, 0};

    TT_ASSERT_EQ(pthread_create(&thread, NULL, foreign_main, rc), 0);
    TT_ASSERT_EQ(pthread_join(thread, NULL), 0);
    TT_ASSERT_EQ(rc[0], -1);
    TT_ASSERT_EQ(rc[1], -1);
    TT_ASSERT_EQ(rc[2], -1);
    TT_ASSERT_EQ(isr_count, 0u);
    TT_ASSERT_EQ(port_sim_wkup_init(), 0);
    /* Nothing but the timer could end such a sleep: refused. */
    TT_ASSERT_EQ(port_sim_wkup_setup(5u), -1);
    TT_ASSERT_EQ(port_sim_wkup_setup_cycles(5u * pm_cpt()), -1);
    /* Beyond the reach: refused even with something else to end it. */
    port_sim_irq_raise_at(IRQ_DEV, port_sim_cycles_get() + 1000u * pm_cpt());
    port_sim_wkup_max_set(10u * pm_cpt());
    TT_ASSERT_EQ(port_sim_wkup_max_delay(), 10u * 1000u / TOS_CFG_CPU_TICK_PER_SECOND);
    TT_ASSERT_EQ(port_sim_wkup_setup(11u * 1000u / TOS_CFG_CPU_TICK_PER_SECOND), -1);
    TT_ASSERT_EQ(port_sim_wkup_setup_cycles(11u * pm_cpt()), -1);
    TT_ASSERT_EQ(port_sim_wkup_setup_cycles(0u), -1);
    /* An armed original-API wake-up is disarmed without touching the tick. */
    TT_ASSERT_EQ(port_sim_wkup_setup(5u), 0);
    TT_ASSERT_EQ(port_sim_wkup_elapsed_cycles(), 0u);
    TT_ASSERT_EQ(port_sim_wkup_dismiss(), 0);
    port_sim_wkup_max_set(0u);
    TT_ASSERT_EQ(
        port_sim_wkup_max_delay(),
        (uint32_t)(PORT_SIM_WKUP_MAX_DEFAULT / (pm_cpt() * TOS_CFG_CPU_TICK_PER_SECOND / 1000u)));
}

TT_SUITE("pm_sim", setup, teardown, TT_CASE(test_scheduled_irq_lands_inside_a_burn),
         TT_CASE(test_scheduled_irq_interrupts_an_idle_jump),
         TT_CASE(test_scheduled_irq_ends_a_wait_without_deadline), TT_CASE(test_raise_at_checks),
         TT_CASE(test_wakeup_timer_refusals));
