/*
 * CMSIS-RTOS2 suite: timers. One-shot and periodic expiry at exact ticks,
 * restart of a running timer with a new interval, stop, delete of a
 * running timer, static control blocks, bad arguments and the ISR rules.
 * Callbacks run where the kernel runs timer callbacks (tick interrupt or
 * timer task): the cases let them run by delaying.
 */
#include "cmsis_core.h" /* kernel configuration, CMSIS_CORE_EN */
#include "os2_tt.h"

#if (CMSIS_CORE_EN > 0u) && (TOS_CFG_TIMER_EN > 0u)

static void tick_logger(void *arg)
{
    (void)arg;
    ct_log((int)osKernelGetTickCount());
}

CT_CASE(test_timer_one_shot)
{
    static osTernTimer_t cb;
    osTimerAttr_t attr = {"once", 0u, &cb, sizeof(cb)};
    osTimerId_t tm = osTimerNew(tick_logger, osTimerOnce, NULL, &attr);
    uint32_t t0 = osKernelGetTickCount();

    TT_ASSERT_PTR_EQ(tm, &cb);
    TT_ASSERT_STR_EQ(osTimerGetName(tm), "once");
    TT_ASSERT_EQ(osTimerIsRunning(tm), 0u);
    TT_ASSERT_EQ(osTimerStart(tm, 5u), osOK);
    TT_ASSERT_EQ(osTimerIsRunning(tm), 1u);
    TT_ASSERT_EQ(osDelay(20u), osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(ct_log_at(0), (int)(t0 + 5u));
    TT_ASSERT_EQ(osTimerIsRunning(tm), 0u);
    TT_ASSERT_EQ(osTimerStop(tm), osErrorResource); /* not running */
    /* A fired one-shot timer can be started again. */
    TT_ASSERT_EQ(osTimerStart(tm, 2u), osOK);
    TT_ASSERT_EQ(osDelay(3u), osOK);
    TT_ASSERT_EQ(ct_log_count(), 2);
    TT_ASSERT_EQ(osTimerDelete(tm), osOK);
    TT_ASSERT_NULL(osTimerGetName(tm));
    TT_ASSERT_EQ(osTimerStart(tm, 1u), osErrorParameter);
}

CT_CASE(test_timer_periodic_and_stop)
{
    osTimerId_t tm = osTimerNew(tick_logger, osTimerPeriodic, NULL, NULL);
    uint32_t t0 = osKernelGetTickCount();

    TT_ASSERT_NOT_NULL(tm);
    TT_ASSERT_EQ(osTimerStart(tm, 3u), osOK);
    TT_ASSERT_EQ(osDelay(10u), osOK);
    TT_ASSERT_EQ(ct_log_count(), 3);
    TT_ASSERT_EQ(ct_log_at(0), (int)(t0 + 3u));
    TT_ASSERT_EQ(ct_log_at(1), (int)(t0 + 6u));
    TT_ASSERT_EQ(ct_log_at(2), (int)(t0 + 9u));
    TT_ASSERT_EQ(osTimerIsRunning(tm), 1u);
    TT_ASSERT_EQ(osTimerStop(tm), osOK);
    TT_ASSERT_EQ(osTimerIsRunning(tm), 0u);
    TT_ASSERT_EQ(osDelay(10u), osOK);
    TT_ASSERT_EQ(ct_log_count(), 3);
    TT_ASSERT_EQ(osTimerDelete(tm), osOK);
}

CT_CASE(test_timer_restart_takes_the_new_interval)
{
    osTimerId_t once = osTimerNew(tick_logger, osTimerOnce, NULL, NULL);
    osTimerId_t periodic = osTimerNew(tick_logger, osTimerPeriodic, NULL, NULL);
    uint32_t t0 = osKernelGetTickCount();

    TT_ASSERT_EQ(osTimerStart(once, 10u), osOK);
    TT_ASSERT_EQ(osTimerStart(periodic, 50u), osOK);
    TT_ASSERT_EQ(osDelay(4u), osOK);
    TT_ASSERT_EQ(osTimerStart(once, 3u), osOK);     /* restarted: fires at +7, not +10 */
    TT_ASSERT_EQ(osTimerStart(periodic, 5u), osOK); /* every 5 from +4 */
    TT_ASSERT_EQ(osDelay(12u), osOK);
    TT_ASSERT_EQ(ct_log_count(), 3);
    TT_ASSERT_EQ(ct_log_at(0), (int)(t0 + 7u));
    TT_ASSERT_EQ(ct_log_at(1), (int)(t0 + 9u));
    TT_ASSERT_EQ(ct_log_at(2), (int)(t0 + 14u));
    TT_ASSERT_EQ(osTimerDelete(once), osOK);
    TT_ASSERT_EQ(osTimerDelete(periodic), osOK); /* deleted while running */
    TT_ASSERT_EQ(osDelay(10u), osOK);
    TT_ASSERT_EQ(ct_log_count(), 3);
}

CT_CASE(test_timer_bad_arguments)
{
    static osTernTimer_t cb;
    osTimerAttr_t attr = {NULL, 0u, &cb, 8u};
    osTimerId_t tm = osTimerNew(tick_logger, osTimerOnce, NULL, NULL);

    TT_ASSERT_NULL(osTimerNew(NULL, osTimerOnce, NULL, NULL));
    TT_ASSERT_NULL(osTimerNew(tick_logger, (osTimerType_t)2, NULL, NULL));
    TT_ASSERT_NULL(osTimerNew(tick_logger, osTimerOnce, NULL, &attr)); /* cb too small */
    TT_ASSERT_EQ(osTimerStart(tm, 0u), osErrorParameter);
    TT_ASSERT_EQ(osTimerStart(NULL, 5u), osErrorParameter);
    TT_ASSERT_EQ(osTimerStop(NULL), osErrorParameter);
    TT_ASSERT_EQ(osTimerIsRunning(NULL), 0u);
    TT_ASSERT_EQ(osTimerDelete(NULL), osErrorParameter);
    TT_ASSERT_EQ(osTimerDelete(tm), osOK);
    TT_ASSERT_EQ(osTimerDelete(tm), osErrorParameter);
}

static void arg_logger(void *arg)
{
    ct_log(*(int *)arg);
}

CT_CASE(test_timer_passes_its_argument)
{
    static int value = 1234;
    osTimerId_t tm = osTimerNew(arg_logger, osTimerOnce, &value, NULL);

    TT_ASSERT_EQ(osTimerStart(tm, 1u), osOK);
    TT_ASSERT_EQ(osDelay(2u), osOK);
    TT_ASSERT_EQ(ct_log_at(0), 1234);
    TT_ASSERT_EQ(osTimerDelete(tm), osOK);
}

static osTimerId_t isr_tm;
static osTimerId_t isr_tm_new;
static osStatus_t isr_tm_status[3];
static uint32_t isr_tm_running;
static const char *isr_tm_name;

static void isr_timer_calls(void)
{
    isr_tm_new = osTimerNew(tick_logger, osTimerOnce, NULL, NULL);
    isr_tm_status[0] = osTimerStart(isr_tm, 5u);
    isr_tm_status[1] = osTimerStop(isr_tm);
    isr_tm_status[2] = osTimerDelete(isr_tm);
    isr_tm_running = osTimerIsRunning(isr_tm);
    isr_tm_name = osTimerGetName(isr_tm);
}

CT_CASE(test_timer_isr_rules)
{
    osTimerAttr_t attr = {"isr", 0u, NULL, 0u};

    isr_tm = osTimerNew(tick_logger, osTimerPeriodic, NULL, &attr);
    TT_ASSERT_EQ(osTimerStart(isr_tm, 100u), osOK);
    ct_in_isr(isr_timer_calls);
    TT_ASSERT_NULL(isr_tm_new);
    TT_ASSERT_EQ(isr_tm_status[0], osErrorISR);
    TT_ASSERT_EQ(isr_tm_status[1], osErrorISR);
    TT_ASSERT_EQ(isr_tm_status[2], osErrorISR);
    TT_ASSERT_EQ(isr_tm_running, 0u);
    TT_ASSERT_NULL(isr_tm_name);
    TT_ASSERT_EQ(osTimerIsRunning(isr_tm), 1u);
    TT_ASSERT_EQ(osTimerDelete(isr_tm), osOK);
}

TT_SUITE("cmsis_os2_timer", ct_setup, ct_teardown, TT_CASE(test_timer_one_shot),
         TT_CASE(test_timer_periodic_and_stop), TT_CASE(test_timer_restart_takes_the_new_interval),
         TT_CASE(test_timer_bad_arguments), TT_CASE(test_timer_passes_its_argument),
         TT_CASE(test_timer_isr_rules));

#elif CMSIS_CORE_EN > 0u
TT_SUITE_SKIPPED("cmsis_os2_timer", "TOS_CFG_TIMER_EN is 0");
#else
TT_SUITE_SKIPPED("cmsis_os2_timer",
                 "the CMSIS adapters need TOS_CFG_EVENT_EN or a message/mail queue module");
#endif
