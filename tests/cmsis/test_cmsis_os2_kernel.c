/*
 * CMSIS-RTOS2 suite: kernel information and control (lock state, tickless
 * suspend/resume, tick and system timer queries) and the generic waits
 * osDelay / osDelayUntil, with their ISR rules.
 */
#include "cmsis_core.h" /* kernel configuration, CMSIS_CORE_EN */
#include "os2_tt.h"

#if CMSIS_CORE_EN > 0u

/* ---- information --------------------------------------------------------------- */

CT_CASE(test_kernel_get_info)
{
    osVersion_t v = {0u, 0u};
    char id[32];

    memset(id, 'x', sizeof(id));
    TT_ASSERT_EQ(osKernelGetInfo(&v, id, sizeof(id)), osOK);
    TT_ASSERT_EQ(v.api, 20010003u);
    TT_ASSERT_EQ(v.kernel, (uint32_t)TERN_VERSION_MAJOR * 10000000u +
                               (uint32_t)TERN_VERSION_MINOR * 10000u + TERN_VERSION_PATCH);
    TT_ASSERT_STR_EQ(id, osKernelSystemId);
}

CT_CASE(test_kernel_get_info_truncates_and_skips_null)
{
    char id[5];

    memset(id, 'x', sizeof(id));
    TT_ASSERT_EQ(osKernelGetInfo(NULL, id, sizeof(id)), osOK);
    TT_ASSERT_STR_EQ(id, "Tern");
    id[0] = 'x';
    TT_ASSERT_EQ(osKernelGetInfo(NULL, id, 0u), osOK);
    TT_ASSERT_EQ(id[0], 'x');
    TT_ASSERT_EQ(osKernelGetInfo(NULL, NULL, 10u), osOK);
}

CT_CASE(test_kernel_state_and_restart_refused)
{
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
    TT_ASSERT_EQ(osKernelInitialize(), osError);
    TT_ASSERT_EQ(osKernelStart(), osError);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
}

/* ---- lock ------------------------------------------------------------------------ */

CT_CASE(test_kernel_lock_returns_previous_state)
{
    TT_ASSERT_EQ(osKernelLock(), 0);
    TT_ASSERT_EQ(osKernelGetState(), osKernelLocked);
    TT_ASSERT_EQ(osKernelLock(), 1);
    TT_ASSERT_EQ(osKernelUnlock(), 1);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
    TT_ASSERT_EQ(osKernelUnlock(), 0);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
}

CT_CASE(test_kernel_restore_lock)
{
    int32_t outer = osKernelLock();
    int32_t inner;

    TT_ASSERT_EQ(outer, 0);
    inner = osKernelUnlock(); /* an uncritical section inside a critical one */
    TT_ASSERT_EQ(inner, 1);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
    TT_ASSERT_EQ(osKernelRestoreLock(inner), 1);
    TT_ASSERT_EQ(osKernelGetState(), osKernelLocked);
    TT_ASSERT_EQ(osKernelRestoreLock(outer), 0);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
    TT_ASSERT_EQ(osKernelRestoreLock(2), osError);
    TT_ASSERT_EQ(osKernelRestoreLock(-1), osError);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
}

static void high_logger(void *arg)
{
    (void)arg;
    ct_log(2);
}

CT_CASE(test_kernel_lock_defers_preemption)
{
    osThreadId_t high;

    TT_ASSERT_EQ(osKernelLock(), 0);
    high = ct_spawn(high_logger, NULL, osPriorityHigh);
    TT_ASSERT_NOT_NULL(high);
    ct_log(1);
    TT_ASSERT_EQ(osKernelUnlock(), 1);
    ct_log(3);
    TT_ASSERT_EQ(osThreadJoin(high), osOK);
    TT_ASSERT_EQ(ct_log_count(), 3);
    TT_ASSERT_EQ(ct_log_at(0), 1);
    TT_ASSERT_EQ(ct_log_at(1), 2);
    TT_ASSERT_EQ(ct_log_at(2), 3);
}

CT_CASE(test_kernel_delay_while_locked_fails)
{
    TT_ASSERT_EQ(osKernelLock(), 0);
    TT_ASSERT_EQ(osDelay(1u), osError);
    TT_ASSERT_EQ(osKernelUnlock(), 1);
}

/* ---- tick and system timer ------------------------------------------------------- */

CT_CASE(test_kernel_tick_queries)
{
    uint32_t t0 = osKernelGetTickCount();
    uint32_t per_tick = osKernelGetSysTimerFreq() / osKernelGetTickFreq();

    TT_ASSERT_EQ(osKernelGetTickFreq(), TOS_CFG_CPU_TICK_PER_SECOND);
    TT_ASSERT_EQ(osKernelGetSysTimerFreq(), TOS_CFG_CPU_CLOCK);
    TT_ASSERT_EQ(osDelay(7u), osOK);
    TT_ASSERT_EQ(osKernelGetTickCount() - t0, 7u);
    TT_ASSERT_EQ(osKernelGetSysTimerCount(), osKernelGetTickCount() * per_tick);
}

/* ---- osDelay, osDelayUntil --------------------------------------------------------- */

CT_CASE(test_delay_zero_is_a_parameter_error)
{
    TT_ASSERT_EQ(osDelay(0u), osErrorParameter);
}

static void sleeper(void *arg)
{
    osStatus_t *result = (osStatus_t *)arg;

    *result = osDelay(osWaitForever);
    ct_log(1);
}

CT_CASE(test_delay_forever_ends_on_resume)
{
    osStatus_t result = osError;
    osThreadId_t id = ct_spawn(sleeper, &result, osPriorityAboveNormal);

    TT_ASSERT_NOT_NULL(id);
    TT_ASSERT_EQ(osThreadGetState(id), osThreadBlocked);
    TT_ASSERT_EQ(osDelay(1000u), osOK); /* still asleep long after */
    TT_ASSERT_EQ(ct_log_count(), 0);
    TT_ASSERT_EQ(osThreadResume(id), osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(result, osOK);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

CT_CASE(test_delay_until_absolute_tick)
{
    uint32_t target = osKernelGetTickCount() + 12u;

    TT_ASSERT_EQ(osDelayUntil(target), osOK);
    TT_ASSERT_EQ(osKernelGetTickCount(), target);
    TT_ASSERT_EQ(osDelayUntil(osKernelGetTickCount()), osErrorParameter);
    TT_ASSERT_EQ(osDelayUntil(osKernelGetTickCount() - 1u), osErrorParameter);
    TT_ASSERT_EQ(osDelayUntil(osKernelGetTickCount() + 0x80000000u), osErrorParameter);
}

CT_CASE(test_delay_until_across_tick_wrap)
{
    uint32_t target;

    ct_tick_set(0xFFFFFFFBu);
    target = osKernelGetTickCount() + 9u; /* wraps to 4 */
    TT_ASSERT_EQ(target, 4u);
    TT_ASSERT_EQ(osDelayUntil(target), osOK);
    TT_ASSERT_EQ(osKernelGetTickCount(), 4u);
}

/* ---- tickless suspend / resume ------------------------------------------------------ */

static void delayed_logger(void *arg)
{
    (void)osDelay((uint32_t)(uintptr_t)arg);
    ct_log((int)osKernelGetTickCount());
}

CT_CASE(test_kernel_suspend_reports_next_deadline)
{
    uint32_t t0 = osKernelGetTickCount();
    osThreadId_t id = ct_spawn(delayed_logger, (void *)(uintptr_t)10u, osPriorityHigh);
    uint32_t sleep;

    TT_ASSERT_NOT_NULL(id);
    sleep = osKernelSuspend();
    TT_ASSERT_EQ(sleep, 10u);
    TT_ASSERT_EQ(osKernelGetState(), osKernelSuspended);
    osKernelResume(sleep);
    /* The delayed thread woke by the credited time and ran at once. */
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
    TT_ASSERT_EQ(osKernelGetTickCount(), t0 + 10u);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(ct_log_at(0), (int)(t0 + 10u));
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

CT_CASE(test_kernel_suspend_without_deadline_and_short_sleep)
{
    uint32_t t0 = osKernelGetTickCount();
    osThreadId_t id;

    TT_ASSERT_EQ(osKernelSuspend(), osWaitForever);
    osKernelResume(0u);
    TT_ASSERT_EQ(osKernelGetTickCount(), t0);
    /* Woken early (after 4 of 20 ticks): the delayed thread still waits. */
    id = ct_spawn(delayed_logger, (void *)(uintptr_t)20u, osPriorityHigh);
    TT_ASSERT_EQ(osKernelSuspend(), 20u);
    osKernelResume(4u);
    TT_ASSERT_EQ(osKernelGetTickCount(), t0 + 4u);
    TT_ASSERT_EQ(ct_log_count(), 0);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(ct_log_at(0), (int)(t0 + 20u));
}

CT_CASE(test_kernel_resume_deducts_ticks_counted_while_suspended)
{
    uint32_t t0 = osKernelGetTickCount();
    uint32_t per_tick = osKernelGetSysTimerFreq() / osKernelGetTickFreq();
    osThreadId_t id = ct_spawn(delayed_logger, (void *)(uintptr_t)10u, osPriorityHigh);

    TT_ASSERT_EQ(osKernelSuspend(), 10u);
    /* The tick was not stopped: some of the sleep is counted already. */
    tt_busy(3u * per_tick);
    TT_ASSERT_LE(osKernelGetTickCount() - t0, 10u);
    osKernelResume(10u);
    TT_ASSERT_EQ(osKernelGetTickCount(), t0 + 10u);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

CT_CASE(test_kernel_suspend_refused_when_locked_or_suspended)
{
    TT_ASSERT_EQ(osKernelLock(), 0);
    TT_ASSERT_EQ(osKernelSuspend(), 0u);
    TT_ASSERT_EQ(osKernelGetState(), osKernelLocked);
    TT_ASSERT_EQ(osKernelUnlock(), 1);
    TT_ASSERT_EQ(osKernelSuspend(), osWaitForever);
    TT_ASSERT_EQ(osKernelSuspend(), 0u); /* already suspended */
    TT_ASSERT_EQ(osKernelLock(), osError);
    TT_ASSERT_EQ(osKernelUnlock(), osError);
    TT_ASSERT_EQ(osKernelRestoreLock(0), osError);
    osKernelResume(0u);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
    osKernelResume(5u); /* not suspended: ignored */
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
}

/* ---- ISR rules ------------------------------------------------------------------------ */

static struct {
    osStatus_t init, start, delay, delay_until, info;
    int32_t lock, unlock, restore;
    uint32_t suspend, tick, freq, sys_freq;
    osKernelState_t state;
} isr_result;

static void isr_kernel_calls(void)
{
    isr_result.init = osKernelInitialize();
    isr_result.start = osKernelStart();
    isr_result.lock = osKernelLock();
    isr_result.unlock = osKernelUnlock();
    isr_result.restore = osKernelRestoreLock(0);
    isr_result.suspend = osKernelSuspend();
    osKernelResume(100u);
    isr_result.delay = osDelay(1u);
    isr_result.delay_until = osDelayUntil(osKernelGetTickCount() + 5u);
    isr_result.info = osKernelGetInfo(NULL, NULL, 0u);
    isr_result.state = osKernelGetState();
    isr_result.tick = osKernelGetTickCount();
    isr_result.freq = osKernelGetTickFreq();
    isr_result.sys_freq = osKernelGetSysTimerFreq();
}

CT_CASE(test_kernel_isr_rules)
{
    uint32_t t0 = osKernelGetTickCount();

    ct_in_isr(isr_kernel_calls);
    TT_ASSERT_EQ(isr_result.init, osErrorISR);
    TT_ASSERT_EQ(isr_result.start, osErrorISR);
    TT_ASSERT_EQ(isr_result.lock, osErrorISR);
    TT_ASSERT_EQ(isr_result.unlock, osErrorISR);
    TT_ASSERT_EQ(isr_result.restore, osErrorISR);
    TT_ASSERT_EQ(isr_result.suspend, 0u);
    TT_ASSERT_EQ(isr_result.delay, osErrorISR);
    TT_ASSERT_EQ(isr_result.delay_until, osErrorISR);
    /* These may be called from an ISR. */
    TT_ASSERT_EQ(isr_result.info, osOK);
    TT_ASSERT_EQ(isr_result.state, osKernelRunning);
    TT_ASSERT_EQ(isr_result.tick, t0);
    TT_ASSERT_EQ(isr_result.freq, TOS_CFG_CPU_TICK_PER_SECOND);
    TT_ASSERT_EQ(isr_result.sys_freq, TOS_CFG_CPU_CLOCK);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
    TT_ASSERT_EQ(osKernelGetTickCount(), t0);
}

TT_SUITE("cmsis_os2_kernel", ct_setup, ct_teardown, TT_CASE(test_kernel_get_info),
         TT_CASE(test_kernel_get_info_truncates_and_skips_null),
         TT_CASE(test_kernel_state_and_restart_refused),
         TT_CASE(test_kernel_lock_returns_previous_state), TT_CASE(test_kernel_restore_lock),
         TT_CASE(test_kernel_lock_defers_preemption), TT_CASE(test_kernel_delay_while_locked_fails),
         TT_CASE(test_kernel_tick_queries), TT_CASE(test_delay_zero_is_a_parameter_error),
         TT_CASE(test_delay_forever_ends_on_resume), TT_CASE(test_delay_until_absolute_tick),
         TT_CASE(test_delay_until_across_tick_wrap),
         TT_CASE(test_kernel_suspend_reports_next_deadline),
         TT_CASE(test_kernel_suspend_without_deadline_and_short_sleep),
         TT_CASE(test_kernel_resume_deducts_ticks_counted_while_suspended),
         TT_CASE(test_kernel_suspend_refused_when_locked_or_suspended),
         TT_CASE(test_kernel_isr_rules));

#else
TT_SUITE_SKIPPED("cmsis_os2_kernel",
                 "the CMSIS adapters need TOS_CFG_EVENT_EN or a message/mail queue module");
#endif
