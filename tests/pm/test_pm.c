/*
 * Power management API and behaviour on the host simulator (contract §33,
 * Tern extensions): device registration, what a device veto and the
 * fallbacks to a ticked wait cost in wake-ups, stay-awake checks,
 * statistics, mode selection, wake-up alarm installation, the ticked SLEEP
 * idle mode, and foreign callers. Suspend/resume order, vetoes and
 * stay-awake fallbacks themselves are tested on every platform
 * (test_pm_devices.c).
 */
#include <pthread.h>
#include <string.h>

#include "pm_devlog.h"
#include "pm_sim.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

#define IRQ_DEV 6u

static k_sem_t sem;

static void setup(void)
{
    dev_case_setup();
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
}

static void teardown(void)
{
    (void)port_sim_irq_connect(IRQ_DEV, NULL, 1u);
    (void)tos_sem_destroy(&sem);
    pm_idle_pwr_mgr_mode_set(IDLE_POWER_MANAGER_MODE_TICKLESS);
    dev_case_teardown();
    TT_ASSERT_EQ(tos_systick_get(), pm_ticked_reference());
}

/* ---- registration --------------------------------------------------------------- */

static void test_device_register_checks_in_order(void)
{
    static char names[K_PM_DEVICE_MAX_COUNT][8];
    static k_pm_device_t devs[K_PM_DEVICE_MAX_COUNT];
    static k_pm_device_t twin = {"dev_0", K_NULL, K_NULL, K_NULL};
    static k_pm_device_t extra = {"extra", K_NULL, K_NULL, K_NULL};
    static k_pm_device_t nameless = {K_NULL, K_NULL, K_NULL, K_NULL};
    unsigned i;

    TT_ASSERT_ERR(tos_pm_device_register(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_pm_device_register(&nameless), K_ERR_OBJ_PTR_NULL);
    for (i = 0u; i < K_PM_DEVICE_MAX_COUNT; ++i) {
        (void)snprintf(names[i], sizeof(names[i]), "dev_%u", i);
        devs[i].name = names[i];
        TT_ASSERT_ERR(tos_pm_device_register(&devs[i]), K_ERR_NONE);
    }
    TT_ASSERT_EQ(k_pm_device_ctl.count, K_PM_DEVICE_MAX_COUNT);
    TT_ASSERT_PTR_EQ(k_pm_device_ctl.mgr[3], &devs[3]);
    /* A name already taken is reported before the full table. */
    TT_ASSERT_ERR(tos_pm_device_register(&twin), K_ERR_PM_DEVICE_ALREADY_REG);
    TT_ASSERT_ERR(tos_pm_device_register(&extra), K_ERR_PM_DEVICE_OVERFLOW);
    TT_ASSERT_EQ(k_pm_device_ctl.count, K_PM_DEVICE_MAX_COUNT);
}

static void test_device_with_same_name_is_refused(void)
{
    static k_pm_device_t other_a = {"dev_a", K_NULL, K_NULL, K_NULL};

    TT_ASSERT_ERR(tos_pm_device_register(&dev_a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_device_register(&dev_a), K_ERR_PM_DEVICE_ALREADY_REG);
    TT_ASSERT_ERR(tos_pm_device_register(&other_a), K_ERR_PM_DEVICE_ALREADY_REG);
    TT_ASSERT_EQ(k_pm_device_ctl.count, 1u);
}

/* ---- suspend and resume ------------------------------------------------------------ */

/* b refuses: a is resumed, c never suspended, no STOP; the idle waits ticked. */
static void test_device_veto_aborts_the_sleep_and_resumes_the_others(void)
{
    uint64_t w0;

    register_abc();
    dev_veto = 'b';
    w0 = port_sim_wakeups_get();
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    TT_ASSERT_STR_EQ(dev_log, "abA");
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 10u);
    expect_sleeps_and_aborts(TOS_LOW_POWER_MODE_STOP, 0u, 1u);
    expect_sleeps(TOS_LOW_POWER_MODE_NONE, 1u);
}

/* ---- stay-awake requests ----------------------------------------------------------- */

/* SLEEP forbidden: no low-power mode at all, the tick keeps running. */
static void test_stay_awake_on_sleep_keeps_the_tick(void)
{
    uint64_t w0 = port_sim_wakeups_get();

    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    sleep_once_in(TOS_LOW_POWER_MODE_STANDBY);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 10u);
    expect_sleeps(TOS_LOW_POWER_MODE_STANDBY, 0u);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 0u);
    expect_sleeps(TOS_LOW_POWER_MODE_NONE, 1u);
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
}

static void test_stay_awake_checks(void)
{
    uint32_t i;

    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_NONE), K_ERR_PM_MODE_INVALID);
    TT_ASSERT_ERR(tos_pm_stay_awake_get(__LOW_POWER_MODE_DUMMY), K_ERR_PM_MODE_INVALID);
    TT_ASSERT_ERR(tos_pm_stay_awake_put((k_cpu_lpwr_mode_t)-1), K_ERR_PM_MODE_INVALID);
    TT_ASSERT_EQ(tos_pm_stay_awake_count(__LOW_POWER_MODE_DUMMY), 0u);
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_STOP), K_ERR_PM_STAY_AWAKE_UNDERFLOW);
    for (i = 0u; i < K_PM_STAY_AWAKE_MAX; ++i) {
        TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_SLEEP), K_ERR_PM_STAY_AWAKE_OVERFLOW);
    TT_ASSERT_EQ(tos_pm_stay_awake_count(TOS_LOW_POWER_MODE_SLEEP), K_PM_STAY_AWAKE_MAX);
    for (i = 0u; i < K_PM_STAY_AWAKE_MAX; ++i) {
        TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    }
    TT_ASSERT_EQ(tos_pm_stay_awake_count(TOS_LOW_POWER_MODE_SLEEP), 0u);
}

/* ---- statistics --------------------------------------------------------------------- */

static void test_stats_checks_and_reset(void)
{
    k_pm_stats_t st;

    TT_ASSERT_ERR(tos_pm_stats_get(TOS_LOW_POWER_MODE_SLEEP, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_pm_stats_get(__LOW_POWER_MODE_DUMMY, &st), K_ERR_PM_MODE_INVALID);
    TT_ASSERT_ERR(tos_pm_stats_get((k_cpu_lpwr_mode_t)-1, &st), K_ERR_PM_MODE_INVALID);
    sleep_once_in(TOS_LOW_POWER_MODE_SLEEP);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 1u);
    TT_ASSERT_ERR(tos_pm_stats_reset(), K_ERR_NONE);
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 0u);
    TT_ASSERT_EQ(st.cycles, 0u);
}

/* ---- modes and alarms -------------------------------------------------------------- */

static void test_lpwr_mode_set_checks(void)
{
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(__LOW_POWER_MODE_DUMMY),
                  K_ERR_PM_WKUP_SOURCE_NOT_INSTALL);
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set((k_cpu_lpwr_mode_t)-1),
                  K_ERR_PM_WKUP_SOURCE_NOT_INSTALL);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STANDBY, K_NULL);
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_STANDBY),
                  K_ERR_PM_WKUP_SOURCE_NOT_INSTALL);
    TT_ASSERT_EQ(k_cpu_lpwr_mode, TOS_LOW_POWER_MODE_SLEEP);
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_NONE), K_ERR_NONE);
    TT_ASSERT_EQ(pm_cpu_lpwr_mode_get(), TOS_LOW_POWER_MODE_NONE);
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
    TT_ASSERT_EQ(pm_cpu_lpwr_mode_get(), TOS_LOW_POWER_MODE_STOP);
}

static int init_ok(void)
{
    return 0;
}

static int init_fails(void)
{
    return 5;
}

static void test_alarm_install_and_init_checks(void)
{
    static k_tickless_wkup_alarm_t no_init = {K_NULL, K_NULL, K_NULL, K_NULL, K_NULL, K_NULL};
    static k_tickless_wkup_alarm_t bad_init = {init_fails, K_NULL, K_NULL, K_NULL, K_NULL, K_NULL};
    static k_tickless_wkup_alarm_t good_init = {init_ok, K_NULL, K_NULL, K_NULL, K_NULL, K_NULL};

    TT_ASSERT_ERR(tos_tickless_wkup_alarm_init(__LOW_POWER_MODE_DUMMY),
                  K_ERR_TICKLESS_WKUP_ALARM_NOT_INSTALLED);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, K_NULL);
    TT_ASSERT(!tickless_wkup_alarm_is_installed(TOS_LOW_POWER_MODE_STOP));
    TT_ASSERT_ERR(tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_STOP),
                  K_ERR_TICKLESS_WKUP_ALARM_NOT_INSTALLED);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, &no_init);
    TT_ASSERT_ERR(tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_STOP),
                  K_ERR_TICKLESS_WKUP_ALARM_NO_INIT);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, &bad_init);
    TT_ASSERT_ERR(tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_STOP),
                  K_ERR_TICKLESS_WKUP_ALARM_INIT_FAILED);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, &good_init);
    TT_ASSERT_ERR(tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_STOP), K_ERR_NONE);
    /* Out of range: ignored, nothing written beyond the table. */
    tos_tickless_wkup_alarm_install(__LOW_POWER_MODE_DUMMY, &good_init);
    tos_tickless_wkup_alarm_install((k_cpu_lpwr_mode_t)-1, &good_init);
    TT_ASSERT_PTR_EQ(k_tickless_wkup_alarm[TOS_LOW_POWER_MODE_STANDBY], &port_tickless_wkup_alarm);
    TT_ASSERT(!tickless_wkup_alarm_is_installed(__LOW_POWER_MODE_DUMMY));
}

/* An alarm without a maximum cannot be programmed: ticked waits (contract §33.3). */
static void test_alarm_without_max_delay_means_no_tickless_sleep(void)
{
    static k_tickless_wkup_alarm_t no_max;
    uint64_t w0 = port_sim_wakeups_get();

    no_max = port_tickless_wkup_alarm;
    no_max.max_delay = K_NULL;
    pm_modes_install(&no_max);
    sleep_once_in(TOS_LOW_POWER_MODE_SLEEP);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 10u);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 0u);
}

/* An alarm that refuses to be set: the sleep is abandoned, the tick keeps time. */
static int setup_refuses(uint64_t cycles)
{
    (void)cycles;
    return -1;
}

static void test_alarm_refusing_setup_means_ticked_wait(void)
{
    static k_tickless_wkup_alarm_t refusing;

    refusing = port_tickless_wkup_alarm;
    refusing.setup_cycles = setup_refuses;
    pm_modes_install(&refusing);
    register_abc();
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    TT_ASSERT_STR_EQ(dev_log, "abcCBA");
    expect_sleeps_and_aborts(TOS_LOW_POWER_MODE_STOP, 0u, 1u);
}

/* Original API without a setup method: nothing to arm, the tick keeps running. */
static void test_alarm_without_setup_means_ticked_wait(void)
{
    static k_tickless_wkup_alarm_t no_setup = {.max_delay = port_sim_wkup_max_delay};
    uint64_t w0 = port_sim_wakeups_get();

    pm_modes_install(&no_setup);
    sleep_once_in(TOS_LOW_POWER_MODE_SLEEP);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 10u);
    expect_sleeps_and_aborts(TOS_LOW_POWER_MODE_SLEEP, 0u, 1u);
}

static void test_mode_none_is_ticked(void)
{
    uint64_t w0 = port_sim_wakeups_get();

    sleep_once_in(TOS_LOW_POWER_MODE_NONE);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 10u);
    expect_sleeps(TOS_LOW_POWER_MODE_NONE, 1u);
}

/* Idle mode SLEEP (what a build without tickless does): WFI with the tick running. */
static void test_idle_mode_sleep_keeps_the_tick(void)
{
    uint64_t w0 = port_sim_wakeups_get();

    TT_ASSERT(pm_idle_pwr_mgr_mode_is_tickless());
    pm_idle_pwr_mgr_mode_set(IDLE_POWER_MANAGER_MODE_SLEEP);
    TT_ASSERT(pm_idle_pwr_mgr_mode_is_sleep());
    TT_ASSERT(!pm_idle_pwr_mgr_mode_is_tickless());
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 10u);
    expect_sleeps(TOS_LOW_POWER_MODE_SLEEP, 1u);
    expect_sleeps(TOS_LOW_POWER_MODE_STOP, 0u);
    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    sleep_once_in(TOS_LOW_POWER_MODE_STOP);
    expect_sleeps(TOS_LOW_POWER_MODE_NONE, 1u);
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
}

/* ---- foreign callers (host simulator) ------------------------------------------------ */

typedef struct foreign_result_st {
    k_err_t reg;
    k_err_t get;
    k_err_t put;
    k_err_t stats;
    k_err_t reset;
    k_err_t mode;
    k_err_t init;
    uint32_t count;
} foreign_result_t;

static void *foreign_main(void *arg)
{
    foreign_result_t *r = arg;
    k_pm_stats_t st;

    r->reg = tos_pm_device_register(&dev_a);
    r->get = tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_STOP);
    r->put = tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_STOP);
    r->stats = tos_pm_stats_get(TOS_LOW_POWER_MODE_STOP, &st);
    r->reset = tos_pm_stats_reset();
    r->mode = tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_NONE);
    r->init = tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_SLEEP);
    r->count = tos_pm_stay_awake_count(TOS_LOW_POWER_MODE_STANDBY);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_SLEEP, K_NULL);
    return NULL;
}

static void test_foreign_thread_is_rejected(void)
{
    foreign_result_t r;
    pthread_t thread;

    TT_ASSERT_ERR(tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_STANDBY), K_ERR_NONE);
    TT_ASSERT_EQ(pthread_create(&thread, NULL, foreign_main, &r), 0);
    TT_ASSERT_EQ(pthread_join(thread, NULL), 0);
    TT_ASSERT_ERR(r.reg, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.get, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.put, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.stats, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.reset, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.mode, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.init, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_EQ(r.count, 0u);
    TT_ASSERT(tickless_wkup_alarm_is_installed(TOS_LOW_POWER_MODE_SLEEP));
    TT_ASSERT_EQ(k_pm_device_ctl.count, 0u);
    TT_ASSERT_EQ(k_cpu_lpwr_mode, TOS_LOW_POWER_MODE_SLEEP);
    TT_ASSERT_EQ(tos_pm_stay_awake_count(TOS_LOW_POWER_MODE_STANDBY), 1u);
    TT_ASSERT_ERR(tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_STANDBY), K_ERR_NONE);
}

TT_SUITE("pm", setup, teardown, TT_CASE(test_device_register_checks_in_order),
         TT_CASE(test_device_with_same_name_is_refused),
         TT_CASE(test_device_veto_aborts_the_sleep_and_resumes_the_others),
         TT_CASE(test_stay_awake_on_sleep_keeps_the_tick), TT_CASE(test_stay_awake_checks),
         TT_CASE(test_stats_checks_and_reset), TT_CASE(test_lpwr_mode_set_checks),
         TT_CASE(test_alarm_install_and_init_checks),
         TT_CASE(test_alarm_without_max_delay_means_no_tickless_sleep),
         TT_CASE(test_alarm_refusing_setup_means_ticked_wait),
         TT_CASE(test_alarm_without_setup_means_ticked_wait), TT_CASE(test_mode_none_is_ticked),
         TT_CASE(test_idle_mode_sleep_keeps_the_tick), TT_CASE(test_foreign_thread_is_rejected));

#else
TT_SUITE_SKIPPED("pm", "TOS_CFG_PWR_MGR_EN or TOS_CFG_TICKLESS_EN is 0");
#endif
