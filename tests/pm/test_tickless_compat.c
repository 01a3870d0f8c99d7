/*
 * Tickless idle with a wake-up alarm written for the original API: only
 * init/setup/dismiss/max_delay, no way to say how long the CPU slept. The
 * kernel then follows the contract (§33.3): the periodic tick is stopped and
 * restarted with the port's systick hooks, and the planned sleep is
 * credited. That is exact for timed wake-ups and, as documented (§40.49),
 * runs ahead when an interrupt ends the sleep early; the last case shows it
 * and therefore leaves the clock ahead of the ticked reference (its own
 * executable, so no other suite is affected).
 */
#include "pm_sim.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

#define IRQ_DEV 7u

static k_tickless_wkup_alarm_t legacy_alarm = {
    .init = port_sim_wkup_init,
    .setup = port_sim_wkup_setup,
    .dismiss = port_sim_wkup_dismiss,
    .max_delay = port_sim_wkup_max_delay,
};

static void setup(void)
{
    pm_quiesce();
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, &legacy_alarm);
    TT_ASSERT_ERR(tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_stats_reset(), K_ERR_NONE);
}

static void teardown(void)
{
    port_sim_irq_raise_at(IRQ_DEV, PORT_SIM_NEVER);
    (void)port_sim_irq_connect(IRQ_DEV, NULL, 1u);
    port_sim_wkup_max_set(0u);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, &port_tickless_wkup_alarm);
}

static void test_timed_wakeup_is_exact(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    TT_ASSERT_ERR(tos_task_delay(100u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 100u);
    TT_ASSERT_EQ(port_sim_cycles_get(), c0 + 100u * pm_cpt());
    TT_ASSERT_EQ(tos_systick_get(), pm_ticked_reference());
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 1u);
    TT_ASSERT_ERR(tos_pm_stats_get(TOS_LOW_POWER_MODE_STOP, &st), K_ERR_NONE);
    TT_ASSERT_EQ(st.entries, 1u);
    TT_ASSERT_EQ(st.cycles, 100u * pm_cpt());
}

/* max_delay() in ms bounds each sleep: 100 ticks at 20 ms each are five sleeps. */
static void test_sleeps_are_split_at_max_delay(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = port_sim_wakeups_get();

    port_sim_wkup_max_set(20u * pm_cpt());
    TT_ASSERT_EQ(port_sim_wkup_max_delay(), 20u * 1000u / TOS_CFG_CPU_TICK_PER_SECOND);
    TT_ASSERT_ERR(tos_task_delay(100u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 100u);
    TT_ASSERT_EQ(tos_systick_get(), pm_ticked_reference());
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 5u);
}

static volatile k_tick_t isr_tick;
static volatile k_tick_t isr_reference;

static void isr_record(void)
{
    tos_knl_irq_enter();
    isr_tick = tos_systick_get();
    isr_reference = pm_ticked_reference();
    tos_knl_irq_leave();
}

/* Contract §40.49: an early interrupt still gets the whole planned sleep credited. */
static void test_early_wakeup_credits_the_planned_sleep(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();

    tt_irq_connect(IRQ_DEV, isr_record);
    port_sim_irq_raise_at(IRQ_DEV, c0 + 30u * pm_cpt() + pm_cpt() / 2u);
    TT_ASSERT_ERR(tos_task_delay(100u), K_ERR_NONE);
    TT_ASSERT_EQ(isr_tick, t0 + 100u);
    TT_ASSERT_EQ(isr_reference, t0 + 30u);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 100u);
    TT_ASSERT_EQ(pm_ticked_reference(), t0 + 30u);
}

TT_SUITE("tickless_compat", setup, teardown, TT_CASE(test_timed_wakeup_is_exact),
         TT_CASE(test_sleeps_are_split_at_max_delay),
         TT_CASE(test_early_wakeup_credits_the_planned_sleep));

#else
TT_SUITE_SKIPPED("tickless_compat", "TOS_CFG_PWR_MGR_EN or TOS_CFG_TICKLESS_EN is 0");
#endif
