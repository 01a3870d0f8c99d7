/* Devices that log their calls, and what the cases around them share (pm_devlog.h). */
#include "pm_devlog.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

char dev_log[PM_DEVLOG_SIZE];
int dev_veto;
static unsigned dev_log_len;

void log_put(char c)
{
    if (dev_log_len + 1u < sizeof(dev_log)) {
        dev_log[dev_log_len++] = c;
        dev_log[dev_log_len] = '\0';
    }
}

void dev_case_setup(void)
{
    pm_quiesce();
    pm_init();
    dev_log[0] = '\0';
    dev_log_len = 0u;
    dev_veto = 0;
}

void dev_case_teardown(void)
{
    pm_modes_install(&port_tickless_wkup_alarm);
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    pm_init();
}

static int suspend_a(void)
{
    log_put('a');
    return dev_veto == 'a' ? -1 : 0;
}

static int suspend_b(void)
{
    log_put('b');
    return dev_veto == 'b' ? -1 : 0;
}

static int suspend_c(void)
{
    log_put('c');
    return dev_veto == 'c' ? -1 : 0;
}

static int resume_a(void)
{
    log_put('A');
    return 0;
}

static int resume_b(void)
{
    log_put('B');
    return 0;
}

static int resume_c(void)
{
    log_put('C');
    return 0;
}

k_pm_device_t dev_a = {"dev_a", K_NULL, suspend_a, resume_a};
k_pm_device_t dev_b = {"dev_b", K_NULL, suspend_b, resume_b};
k_pm_device_t dev_c = {"dev_c", K_NULL, suspend_c, resume_c};

void register_abc(void)
{
    TT_ASSERT_ERR(tos_pm_device_register(&dev_a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_device_register(&dev_b), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_device_register(&dev_c), K_ERR_NONE);
}

void sleep_once_in(k_cpu_lpwr_mode_t mode)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(mode), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 10u);
}

void expect_sleeps(k_cpu_lpwr_mode_t mode, uint32_t entries)
{
    k_pm_stats_t st;

    pm_stats_of(mode, &st);
    TT_ASSERT_EQ(st.entries, entries);
}

void expect_sleeps_and_aborts(k_cpu_lpwr_mode_t mode, uint32_t entries, uint32_t aborts)
{
    k_pm_stats_t st;

    pm_stats_of(mode, &st);
    TT_ASSERT_EQ(st.entries, entries);
    TT_ASSERT_EQ(st.aborts, aborts);
}

#endif
