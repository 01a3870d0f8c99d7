/*
 * CMSIS-RTOS2 suite: thread flags and event flags. Wait-any / wait-all /
 * no-clear semantics, return values (flags before the clear, flags after a
 * set), the osFlagsError* codes, timeouts, several waiters (a clearing
 * waiter consumes before the next one is examined; a pulse releases
 * everyone it satisfied), delete with waiters, and ISR use.
 */
#include "cmsis_core.h" /* kernel configuration, CMSIS_CORE_EN */
#include "os2_tt.h"

#if CMSIS_CORE_EN > 0u

typedef struct {
    osEventFlagsId_t ef; /* NULL: wait on the thread's own flags */
    uint32_t flags;
    uint32_t options;
    uint32_t timeout;
    uint32_t result;
    uint32_t ticks;
} wait_req_t;

static wait_req_t req[3];

static void flag_waiter(void *arg)
{
    wait_req_t *r = (wait_req_t *)arg;
    uint32_t t0 = osKernelGetTickCount();

    if (r->ef != NULL) {
        r->result = osEventFlagsWait(r->ef, r->flags, r->options, r->timeout);
    } else {
        r->result = osThreadFlagsWait(r->flags, r->options, r->timeout);
    }
    r->ticks = osKernelGetTickCount() - t0;
    ct_log((int)(r - req));
}

static osThreadId_t start_waiter(int i, osEventFlagsId_t ef, uint32_t flags, uint32_t options,
                                 uint32_t timeout, osPriority_t prio)
{
    req[i].ef = ef;
    req[i].flags = flags;
    req[i].options = options;
    req[i].timeout = timeout;
    req[i].result = 0x12345678u;
    return ct_spawn(flag_waiter, &req[i], prio);
}

/* ---- thread flags ---------------------------------------------------------------------------- */

CT_CASE(test_thread_flags_set_get_clear)
{
    osThreadId_t self = osThreadGetId();

    TT_ASSERT_EQ(osThreadFlagsGet(), 0u);
    TT_ASSERT_EQ(osThreadFlagsSet(self, 0x5u), 0x5u);
    TT_ASSERT_EQ(osThreadFlagsSet(self, 0x10u), 0x15u);
    TT_ASSERT_EQ(osThreadFlagsGet(), 0x15u);
    TT_ASSERT_EQ(osThreadFlagsClear(0x4u), 0x15u);
    TT_ASSERT_EQ(osThreadFlagsGet(), 0x11u);
    TT_ASSERT_EQ(osThreadFlagsClear(0x7FFFFFFFu), 0x11u);
    TT_ASSERT_EQ(osThreadFlagsGet(), 0u);
}

CT_CASE(test_thread_flags_errors)
{
    osThreadId_t self = osThreadGetId();

    TT_ASSERT_EQ(osThreadFlagsSet(self, 0x80000000u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osThreadFlagsSet(NULL, 1u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osThreadFlagsClear(0x80000001u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osThreadFlagsWait(0x80000000u, osFlagsWaitAny, 0u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osThreadFlagsWait(1u, osFlagsWaitAny, 0u), osFlagsErrorResource);
    TT_ASSERT_EQ(osThreadFlagsGet(), 0u);
}

CT_CASE(test_thread_flags_wait_any_clears_waited_flags)
{
    osThreadId_t id = start_waiter(0, NULL, 0x6u, osFlagsWaitAny, osWaitForever, osPriorityHigh);

    TT_ASSERT_EQ(osThreadGetState(id), osThreadBlocked);
    TT_ASSERT_EQ(osThreadFlagsSet(id, 0x1u), 0x1u); /* not waited for */
    TT_ASSERT_EQ(ct_log_count(), 0);
    /* Wakes it; the set returns the flags after the waiter's clear. */
    TT_ASSERT_EQ(osThreadFlagsSet(id, 0x4u), 0x1u);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(req[0].result, 0x5u); /* flags before the clear */
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

CT_CASE(test_thread_flags_wait_all_and_no_clear)
{
    osThreadId_t id =
        start_waiter(0, NULL, 0x3u, osFlagsWaitAll | osFlagsNoClear, osWaitForever, osPriorityHigh);

    TT_ASSERT_EQ(osThreadFlagsSet(id, 0x1u), 0x1u);
    TT_ASSERT_EQ(ct_log_count(), 0);
    TT_ASSERT_EQ(osThreadFlagsSet(id, 0x6u), 0x7u); /* nothing cleared */
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(req[0].result, 0x7u);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

static void own_flags_user(void *arg)
{
    (void)arg;
    /* Already set: returns at once, and clears only what it waited for. */
    ct_log((int)osThreadFlagsWait(0x3u, osFlagsWaitAll, 0u));
    ct_log((int)osThreadFlagsGet());
    ct_log((int)osThreadFlagsWait(0x8u, osFlagsWaitAny, 0u));
}

CT_CASE(test_thread_flags_already_set)
{
    osThreadId_t id = ct_spawn(own_flags_user, NULL, osPriorityLow);

    TT_ASSERT_EQ(osThreadFlagsSet(id, 0x7u), 0x7u);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(ct_log_at(0), 0x7);
    TT_ASSERT_EQ(ct_log_at(1), 0x4);
    TT_ASSERT_EQ(ct_log_at(2), (int)osFlagsErrorResource);
}

CT_CASE(test_thread_flags_timeout)
{
    osThreadId_t id = start_waiter(0, NULL, 0x1u, osFlagsWaitAny, 9u, osPriorityHigh);

    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(req[0].result, osFlagsErrorTimeout);
    TT_ASSERT_EQ(req[0].ticks, 9u);
}

CT_CASE(test_thread_flags_not_for_kernel_tasks)
{
    static uint32_t results[3];
    osThreadId_t ids[16];
    uint32_t n = osThreadEnumerate(ids, 16u);
    uint32_t i;

    /* The idle task is a kernel task, not a CMSIS thread: no thread flags. */
    for (i = 0u; i < n; ++i) {
        if (ct_kernel_is_idle(ids[i])) {
            results[0] = osThreadFlagsSet(ids[i], 1u);
        }
    }
    TT_ASSERT_EQ(results[0], osFlagsErrorParameter);
}

static uint32_t isr_flags_result[4];
static osThreadId_t isr_flags_target;

static void isr_thread_flags(void)
{
    isr_flags_result[0] = osThreadFlagsSet(isr_flags_target, 0x2u);
    isr_flags_result[1] = osThreadFlagsClear(0x2u);
    isr_flags_result[2] = osThreadFlagsWait(0x2u, osFlagsWaitAny, 0u);
    isr_flags_result[3] = osThreadFlagsGet();
}

CT_CASE(test_thread_flags_from_isr)
{
    osThreadId_t id = start_waiter(0, NULL, 0x2u, osFlagsWaitAny, osWaitForever, osPriorityHigh);

    isr_flags_target = id;
    ct_in_isr(isr_thread_flags);
    TT_ASSERT_EQ(isr_flags_result[0], 0u); /* set, then cleared by the woken waiter */
    TT_ASSERT_EQ(isr_flags_result[1], osFlagsErrorISR);
    TT_ASSERT_EQ(isr_flags_result[2], osFlagsErrorISR);
    TT_ASSERT_EQ(isr_flags_result[3], 0u);
    TT_ASSERT_EQ(ct_log_count(), 1); /* ran as the interrupt returned */
    TT_ASSERT_EQ(req[0].result, 0x2u);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

/* ---- event flags ------------------------------------------------------------------------------
 */

CT_CASE(test_event_flags_new_delete_name)
{
    static osTernEventFlags_t cb;
    osEventFlagsAttr_t attr = {"events", 0u, &cb, sizeof(cb)};
    osEventFlagsId_t ef = osEventFlagsNew(&attr);
    osEventFlagsId_t dyn = osEventFlagsNew(NULL);

    TT_ASSERT_PTR_EQ(ef, &cb);
    TT_ASSERT_NOT_NULL(dyn);
    TT_ASSERT_STR_EQ(osEventFlagsGetName(ef), "events");
    TT_ASSERT_NULL(osEventFlagsGetName(dyn));
    TT_ASSERT_NULL(osEventFlagsNew(&attr)); /* cb holds a live object */
    TT_ASSERT_EQ(osEventFlagsDelete(ef), osOK);
    TT_ASSERT_EQ(osEventFlagsDelete(ef), osErrorParameter);
    TT_ASSERT_NULL(osEventFlagsGetName(ef));
    TT_ASSERT_EQ(osEventFlagsDelete(dyn), osOK);
    attr.cb_size = 4u;
    TT_ASSERT_NULL(osEventFlagsNew(&attr));
    attr.cb_mem = NULL;
    TT_ASSERT_NULL(osEventFlagsNew(&attr)); /* cb_size without cb_mem */
    TT_ASSERT_EQ(osEventFlagsDelete(NULL), osErrorParameter);
}

CT_CASE(test_event_flags_set_clear_get)
{
    osEventFlagsId_t ef = osEventFlagsNew(NULL);

    TT_ASSERT_EQ(osEventFlagsGet(ef), 0u);
    TT_ASSERT_EQ(osEventFlagsSet(ef, 0x9u), 0x9u);
    TT_ASSERT_EQ(osEventFlagsSet(ef, 0x2u), 0xBu);
    TT_ASSERT_EQ(osEventFlagsClear(ef, 0x8u), 0xBu);
    TT_ASSERT_EQ(osEventFlagsGet(ef), 0x3u);
    TT_ASSERT_EQ(osEventFlagsSet(ef, 0x80000000u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osEventFlagsClear(ef, 0x80000000u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osEventFlagsWait(ef, 0x80000000u, 0u, 0u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osEventFlagsSet(NULL, 1u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osEventFlagsClear(NULL, 1u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osEventFlagsWait(NULL, 1u, 0u, 0u), osFlagsErrorParameter);
    TT_ASSERT_EQ(osEventFlagsGet(NULL), 0u);
    TT_ASSERT_EQ(osEventFlagsGet(ef), 0x3u);
    TT_ASSERT_EQ(osEventFlagsDelete(ef), osOK);
}

CT_CASE(test_event_flags_wait_options)
{
    osEventFlagsId_t ef = osEventFlagsNew(NULL);

    TT_ASSERT_EQ(osEventFlagsSet(ef, 0x5u), 0x5u);
    TT_ASSERT_EQ(osEventFlagsWait(ef, 0x3u, osFlagsWaitAll, 0u), osFlagsErrorResource);
    TT_ASSERT_EQ(osEventFlagsWait(ef, 0x3u, osFlagsWaitAny | osFlagsNoClear, 0u), 0x5u);
    TT_ASSERT_EQ(osEventFlagsGet(ef), 0x5u);
    TT_ASSERT_EQ(osEventFlagsWait(ef, 0x3u, osFlagsWaitAny, 0u), 0x5u);
    TT_ASSERT_EQ(osEventFlagsGet(ef), 0x4u); /* only the waited-for flags cleared */
    TT_ASSERT_EQ(osEventFlagsSet(ef, 0x3u), 0x7u);
    TT_ASSERT_EQ(osEventFlagsWait(ef, 0x3u, osFlagsWaitAll, 0u), 0x7u);
    TT_ASSERT_EQ(osEventFlagsGet(ef), 0x4u);
    TT_ASSERT_EQ(osEventFlagsDelete(ef), osOK);
}

CT_CASE(test_event_flags_timeout)
{
    osEventFlagsId_t ef = osEventFlagsNew(NULL);
    uint32_t t0 = osKernelGetTickCount();

    TT_ASSERT_EQ(osEventFlagsWait(ef, 0x1u, osFlagsWaitAny, 6u), osFlagsErrorTimeout);
    TT_ASSERT_EQ(osKernelGetTickCount() - t0, 6u);
    TT_ASSERT_EQ(osEventFlagsDelete(ef), osOK);
}

CT_CASE(test_event_flags_clearing_waiter_consumes_first)
{
    osEventFlagsId_t ef = osEventFlagsNew(NULL);
    osThreadId_t high = start_waiter(0, ef, 0x1u, osFlagsWaitAny, osWaitForever, osPriorityHigh);
    osThreadId_t low =
        start_waiter(1, ef, 0x1u, osFlagsWaitAny, osWaitForever, osPriorityAboveNormal);
    osThreadId_t all = start_waiter(2, ef, 0x3u, osFlagsWaitAll | osFlagsNoClear, osWaitForever,
                                    osPriorityAboveNormal);

    /* 0x3 satisfies all three; `high` clears 0x1 before the others are examined. */
    TT_ASSERT_EQ(osEventFlagsSet(ef, 0x3u), 0x2u);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(ct_log_at(0), 0);
    TT_ASSERT_EQ(req[0].result, 0x3u);
    TT_ASSERT_EQ(osThreadGetState(low), osThreadBlocked);
    TT_ASSERT_EQ(osThreadGetState(all), osThreadBlocked);
    TT_ASSERT_EQ(osEventFlagsSet(ef, 0x1u), 0x2u); /* low: woken and cleared; all: still not 0x3 */
    TT_ASSERT_EQ(ct_log_count(), 2);
    TT_ASSERT_EQ(req[1].result, 0x3u);
    TT_ASSERT_EQ(osThreadDetach(all), osOK);
    TT_ASSERT_EQ(osEventFlagsDelete(ef), osOK); /* releases `all` with an error */
    TT_ASSERT_EQ(req[2].result, osFlagsErrorResource);
    TT_ASSERT_EQ(osThreadJoin(high), osOK);
    TT_ASSERT_EQ(osThreadJoin(low), osOK);
}

CT_CASE(test_event_flags_pulse_releases_every_satisfied_waiter)
{
    osEventFlagsId_t ef = osEventFlagsNew(NULL);
    osThreadId_t a = start_waiter(0, ef, 0x4u, osFlagsWaitAny | osFlagsNoClear, osWaitForever,
                                  osPriorityBelowNormal);
    osThreadId_t b =
        start_waiter(1, ef, 0x4u, osFlagsWaitAny | osFlagsNoClear, osWaitForever, osPriorityLow);

    TT_ASSERT_EQ(osDelay(CT_SETTLE), osOK); /* both wait now */
    TT_ASSERT_EQ(osEventFlagsSet(ef, 0x4u), 0x4u);
    TT_ASSERT_EQ(osEventFlagsClear(ef, 0x4u), 0x4u);
    /* Neither has run since, yet both were released with the pulse. */
    TT_ASSERT_EQ(osThreadJoin(a), osOK);
    TT_ASSERT_EQ(osThreadJoin(b), osOK);
    TT_ASSERT_EQ(req[0].result, 0x4u);
    TT_ASSERT_EQ(req[1].result, 0x4u);
    TT_ASSERT_EQ(osEventFlagsDelete(ef), osOK);
}

static osEventFlagsId_t isr_ef;
static uint32_t isr_ef_result[6];
static osStatus_t isr_ef_delete;
static osEventFlagsId_t isr_ef_new;
static const char *isr_ef_name;

static void isr_event_flags(void)
{
    isr_ef_result[0] = osEventFlagsSet(isr_ef, 0x11u);
    isr_ef_result[1] = osEventFlagsWait(isr_ef, 0x1u, osFlagsWaitAny, 0u);
    isr_ef_result[2] = osEventFlagsWait(isr_ef, 0x1u, osFlagsWaitAny, 5u);
    isr_ef_result[3] = osEventFlagsClear(isr_ef, 0x10u);
    isr_ef_result[4] = osEventFlagsGet(isr_ef);
    isr_ef_result[5] = osEventFlagsWait(isr_ef, 0x20u, osFlagsWaitAny, 0u);
    isr_ef_delete = osEventFlagsDelete(isr_ef);
    isr_ef_new = osEventFlagsNew(NULL);
    isr_ef_name = osEventFlagsGetName(isr_ef);
}

CT_CASE(test_event_flags_from_isr)
{
    osEventFlagsAttr_t attr = {"isr", 0u, NULL, 0u};

    isr_ef = osEventFlagsNew(&attr);
    ct_in_isr(isr_event_flags);
    TT_ASSERT_EQ(isr_ef_result[0], 0x11u);
    TT_ASSERT_EQ(isr_ef_result[1], 0x11u);
    TT_ASSERT_EQ(isr_ef_result[2], osFlagsErrorParameter); /* an ISR cannot wait */
    TT_ASSERT_EQ(isr_ef_result[3], 0x10u);
    TT_ASSERT_EQ(isr_ef_result[4], 0u);
    TT_ASSERT_EQ(isr_ef_result[5], osFlagsErrorResource);
    TT_ASSERT_EQ(isr_ef_delete, osErrorISR);
    TT_ASSERT_NULL(isr_ef_new);
    TT_ASSERT_NULL(isr_ef_name);
    TT_ASSERT_EQ(osEventFlagsDelete(isr_ef), osOK);
}

static void isr_set_only(void)
{
    isr_ef_result[0] = osEventFlagsSet(isr_ef, 0x8u);
}

CT_CASE(test_event_flags_isr_set_wakes_waiter)
{
    osThreadId_t id;

    isr_ef = osEventFlagsNew(NULL);
    id = start_waiter(0, isr_ef, 0x8u, osFlagsWaitAny, osWaitForever, osPriorityHigh);
    ct_in_isr(isr_set_only);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(req[0].result, 0x8u);
    TT_ASSERT_EQ(isr_ef_result[0], 0u);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(osEventFlagsDelete(isr_ef), osOK);
}

TT_SUITE("cmsis_os2_flags", ct_setup, ct_teardown, TT_CASE(test_thread_flags_set_get_clear),
         TT_CASE(test_thread_flags_errors), TT_CASE(test_thread_flags_wait_any_clears_waited_flags),
         TT_CASE(test_thread_flags_wait_all_and_no_clear), TT_CASE(test_thread_flags_already_set),
         TT_CASE(test_thread_flags_timeout), TT_CASE(test_thread_flags_not_for_kernel_tasks),
         TT_CASE(test_thread_flags_from_isr), TT_CASE(test_event_flags_new_delete_name),
         TT_CASE(test_event_flags_set_clear_get), TT_CASE(test_event_flags_wait_options),
         TT_CASE(test_event_flags_timeout),
         TT_CASE(test_event_flags_clearing_waiter_consumes_first),
         TT_CASE(test_event_flags_pulse_releases_every_satisfied_waiter),
         TT_CASE(test_event_flags_from_isr), TT_CASE(test_event_flags_isr_set_wakes_waiter));

#else
TT_SUITE_SKIPPED("cmsis_os2_flags",
                 "the CMSIS adapters need TOS_CFG_EVENT_EN or a message/mail queue module");
#endif
