/*
 * Devices around deep sleeps, on every platform (host simulator, and the
 * boards under QEMU with their ports' alarms): registered devices are
 * suspended in registration order before STOP and STANDBY and resumed in
 * reverse order after; a device that refuses aborts the sleep and the
 * devices already suspended are resumed; a device callback that makes a
 * task ready keeps the CPU awake; stay-awake requests make the idle task
 * choose a shallower mode (and leave the devices alone). Every sleep still
 * ends on its tick.
 */
#include "pm_devlog.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

#define IRQ_DEV  6u
#define STK_SIZE 1024u

static k_task_t task_h;
static k_stack_t stk_h[STK_SIZE] __ALIGNED__(8);
static k_sem_t sem;

/* dev_a..dev_c log their calls (pm_devlog.h); this one also has a side effect. */
static int dev_posts;

/* Suspending this one completes a transfer: it posts the semaphore a task waits on. */
static int suspend_post(void)
{
    log_put('p');
    if (dev_posts > 0) {
        --dev_posts;
        (void)tos_sem_post(&sem);
    }
    return 0;
}

static k_pm_device_t dev_post = {"dev_post", K_NULL, suspend_post, K_NULL};

static void setup(void)
{
    dev_case_setup();
    dev_posts = 0;
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
}

static void teardown(void)
{
    (void)tos_sem_destroy(&sem);
    dev_case_teardown();
}

/* ---- suspend and resume ------------------------------------------------------------ */

static void test_stop_suspends_in_order_and_resumes_in_reverse(void)
{
    k_pm_stats_t st;

    register_abc();
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    TT_ASSERT_STR_EQ(dev_log, "abcCBA");
    pm_stats_of(TOS_LOW_POWER_MODE_STOP, &st);
    TT_ASSERT_EQ(st.entries, 1u);
    TT_ASSERT_EQ(st.early, 0u);
    TT_ASSERT_LE(st.cycles, 10u * pm_cpt());
    TT_ASSERT_GT(st.cycles, 9u * pm_cpt());
}

static void test_standby_suspends_and_sleep_does_not(void)
{
    register_abc();
    sleep_once_in(TOS_LOW_POWER_MODE_STANDBY);
    TT_ASSERT_STR_EQ(dev_log, "abcCBA");
    sleep_once_in(TOS_LOW_POWER_MODE_SLEEP);
    TT_ASSERT_STR_EQ(dev_log, "abcCBA");
    expect_sleeps(TOS_LOW_POWER_MODE_STANDBY, 1u);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 1u);
}

/* b refuses: a is resumed, c never suspended, no STOP; the idle waits ticked instead. */
static void test_device_veto_aborts_the_sleep_and_resumes_the_others(void)
{
    register_abc();
    dev_veto = 'b';
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    TT_ASSERT_STR_EQ(dev_log, "abA");
    expect_sleeps_and_aborts(TOS_LOW_POWER_MODE_STOP, 0u, 1u);
    expect_sleeps(TOS_LOW_POWER_MODE_NONE, 1u);
}

/* The veto lasts while the device refuses; once it agrees the next idle period sleeps. */
static void test_device_veto_is_retried_on_the_next_idle_period(void)
{
    register_abc();
    dev_veto = 'c';
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    TT_ASSERT_STR_EQ(dev_log, "abcBA");
    dev_veto = 0;
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    TT_ASSERT_STR_EQ(dev_log, "abcBAabcCBA");
    expect_sleeps_and_aborts(TOS_LOW_POWER_MODE_STOP, 1u, 1u);
}

static void test_first_device_veto_resumes_nothing(void)
{
    register_abc();
    dev_veto = 'a';
    sleep_once_in(TOS_LOW_POWER_MODE_STANDBY);
    TT_ASSERT_STR_EQ(dev_log, "a");
    expect_sleeps(TOS_LOW_POWER_MODE_STANDBY, 0u);
}

static void test_devices_without_methods_do_not_block_stop(void)
{
    static k_pm_device_t bare = {"bare", K_NULL, K_NULL, K_NULL};

    TT_ASSERT_ERR(tos_pm_device_register(&bare), K_ERR_NONE);
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    expect_sleeps(TOS_LOW_POWER_MODE_STOP, 1u);
}

static volatile k_tick_t woke_tick;

static void waiter(void *arg)
{
    (void)arg;
    if (tos_sem_pend(&sem, TOS_TIME_FOREVER) == K_ERR_NONE) {
        woke_tick = tos_systick_get();
    }
}

/*
 * A device's suspend makes a task ready: the CPU must not go to sleep with
 * a task ready, so the sleep is abandoned (devices resumed) and the task
 * runs at once, on the same tick.
 */
static void test_task_made_ready_by_a_device_prevents_the_sleep(void)
{
    k_tick_t t0 = tos_systick_get();

    woke_tick = 0u;
    TT_ASSERT_ERR(tos_task_create(&task_h, "waiter", waiter, K_NULL, TT_RUNNER_PRIO - 1u, stk_h,
                                  sizeof(stk_h), 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_device_register(&dev_post), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_device_register(&dev_a), K_ERR_NONE);
    dev_posts = 1;
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    TT_ASSERT_EQ(woke_tick, t0);
    /* First attempt: both suspended, then resumed unslept; second attempt slept. */
    TT_ASSERT_STR_EQ(dev_log, "paApaA");
    expect_sleeps_and_aborts(TOS_LOW_POWER_MODE_STOP, 1u, 1u);
}

/* ---- stay-awake requests -------------------------------------------------------------- */

static void test_stay_awake_forbids_a_mode_and_deeper_ones(void)
{
    register_abc();
    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_STANDBY), K_ERR_NONE);
    sleep_once_in(TOS_LOW_POWER_MODE_STOP); /* STANDBY forbidden: STOP still allowed */
    expect_sleeps(TOS_LOW_POWER_MODE_STOP, 1u);
    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
    TT_ASSERT_EQ(tos_pm_stay_awake_count(TOS_LOW_POWER_MODE_STOP), 2u);
    sleep_once_in(TOS_LOW_POWER_MODE_STOP); /* falls back to SLEEP: devices untouched */
    expect_sleeps(TOS_LOW_POWER_MODE_STOP, 1u);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 1u);
    TT_ASSERT_STR_EQ(dev_log, "abcCBA");
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
    sleep_once_in(TOS_LOW_POWER_MODE_STOP); /* one request is still held */
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 2u);
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_STANDBY), K_ERR_NONE);
    sleep_once_in(TOS_LOW_POWER_MODE_STANDBY);
    expect_sleeps(TOS_LOW_POWER_MODE_STANDBY, 1u);
    TT_ASSERT_STR_EQ(dev_log, "abcCBAabcCBA");
}

/* SLEEP forbidden: no low-power mode at all, the idle waits with the tick running. */
static void test_stay_awake_on_sleep_keeps_the_tick(void)
{
    register_abc();
    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    sleep_once_in(TOS_LOW_POWER_MODE_STANDBY);
    expect_sleeps(TOS_LOW_POWER_MODE_STANDBY, 0u);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 0u);
    expect_sleeps(TOS_LOW_POWER_MODE_NONE, 1u);
    TT_ASSERT_STR_EQ(dev_log, "");
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
}

/* A mode without an alarm is skipped for the next shallower one that has one. */
static void test_mode_without_alarm_falls_back_to_a_shallower_one(void)
{
    register_abc();
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_STANDBY), K_ERR_NONE);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STANDBY, K_NULL);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, K_NULL);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 1u);
    TT_ASSERT_STR_EQ(dev_log, "");
}

static void isr_stay_awake(void)
{
    tos_knl_irq_enter();
    (void)tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_STOP);
    tos_knl_irq_leave();
}

/* A driver's interrupt takes the request (e.g. a DMA transfer started). */
static void test_stay_awake_from_an_isr(void)
{
    tt_irq_connect(IRQ_DEV, isr_stay_awake);
    tt_irq_raise(IRQ_DEV);
    TT_ASSERT_EQ(tos_pm_stay_awake_count(TOS_LOW_POWER_MODE_STOP), 1u);
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 1u);
    expect_sleeps(TOS_LOW_POWER_MODE_STOP, 0u);
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
}

TT_SUITE("pm_devices", setup, teardown, TT_CASE(test_stop_suspends_in_order_and_resumes_in_reverse),
         TT_CASE(test_standby_suspends_and_sleep_does_not),
         TT_CASE(test_device_veto_aborts_the_sleep_and_resumes_the_others),
         TT_CASE(test_device_veto_is_retried_on_the_next_idle_period),
         TT_CASE(test_first_device_veto_resumes_nothing),
         TT_CASE(test_devices_without_methods_do_not_block_stop),
         TT_CASE(test_task_made_ready_by_a_device_prevents_the_sleep),
         TT_CASE(test_stay_awake_forbids_a_mode_and_deeper_ones),
         TT_CASE(test_stay_awake_on_sleep_keeps_the_tick),
         TT_CASE(test_mode_without_alarm_falls_back_to_a_shallower_one),
         TT_CASE(test_stay_awake_from_an_isr));

#else
TT_SUITE_SKIPPED("pm_devices", "TOS_CFG_PWR_MGR_EN or TOS_CFG_TICKLESS_EN is 0");
#endif
