/*
 * CMSIS-RTOS2 suite: thread management. Creation with default, static,
 * mixed and invalid attributes; priorities; names and states; suspend and
 * resume (waits end, as CMSIS specifies); join, detach, exit and
 * terminate, with the memory of every kind of thread given back;
 * enumeration; stack queries; yield; and the ISR rules.
 */
#include "cmsis_core.h" /* kernel configuration, CMSIS_CORE_EN */
#include "os2_tt.h"

#if CMSIS_CORE_EN > 0u

#define STK_SIZE 1024u

static osTernThread_t tcb[2];
static uint64_t stack[2][STK_SIZE / sizeof(uint64_t)];

static void logger(void *arg)
{
    ct_log((int)(uintptr_t)arg);
}

static osThreadAttr_t attr_of(const char *name, uint32_t bits, osPriority_t prio)
{
    osThreadAttr_t attr;

    memset(&attr, 0, sizeof(attr));
    attr.name = name;
    attr.attr_bits = bits;
    attr.priority = prio;
    return attr;
}

/* ---- creation ------------------------------------------------------------------------ */

static void default_thread(void *arg)
{
    ct_log((int)(uintptr_t)arg);
    ct_log((int)osThreadGetPriority(osThreadGetId()));
    ct_log((int)osThreadGetStackSize(osThreadGetId()));
}

CT_CASE(test_thread_new_defaults)
{
    osThreadId_t id = osThreadNew(default_thread, (void *)(uintptr_t)42u, NULL);

    TT_ASSERT_NOT_NULL(id);
    /* Same priority as the body: it runs when the body blocks. */
    TT_ASSERT_EQ(ct_log_count(), 0);
    TT_ASSERT_NULL(osThreadGetName(id));
    TT_ASSERT_EQ(osThreadJoin(id), osErrorResource); /* detached by default */
    TT_ASSERT_EQ(osDelay(CT_SETTLE), osOK);
    TT_ASSERT_EQ(ct_log_count(), 3);
    TT_ASSERT_EQ(ct_log_at(0), 42);
    TT_ASSERT_EQ(ct_log_at(1), osPriorityNormal);
    TT_ASSERT_EQ(ct_log_at(2), TOS_CFG_CMSIS_THREAD_STACK_SIZE);
}

CT_CASE(test_thread_new_static_memory)
{
    osThreadAttr_t attr = attr_of("static", osThreadJoinable, osPriorityHigh);
    osThreadId_t id;

    attr.cb_mem = &tcb[0];
    attr.cb_size = sizeof(tcb[0]);
    attr.stack_mem = stack[0];
    attr.stack_size = sizeof(stack[0]);
    id = osThreadNew(logger, (void *)(uintptr_t)7u, &attr);
    TT_ASSERT_PTR_EQ(id, &tcb[0]);
    TT_ASSERT_EQ(ct_log_count(), 1); /* more urgent: ran at once */
    TT_ASSERT_STR_EQ(osThreadGetName(id), "static");
    TT_ASSERT_EQ(osThreadGetStackSize(id), sizeof(stack[0]));
    TT_ASSERT_EQ(osThreadGetState(id), osThreadTerminated);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    /* The control block can be used again. */
    id = osThreadNew(logger, (void *)(uintptr_t)8u, &attr);
    TT_ASSERT_PTR_EQ(id, &tcb[0]);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(ct_log_at(1), 8);
}

CT_CASE(test_thread_new_mixed_memory_is_given_back)
{
    osThreadAttr_t attr = attr_of("mixed", 0u, osPriorityHigh);

    /* Static control block, heap stack; then heap control block, static stack. */
    attr.cb_mem = &tcb[1];
    attr.cb_size = sizeof(tcb[1]);
    attr.stack_size = 512u;
    TT_ASSERT_NOT_NULL(osThreadNew(logger, (void *)(uintptr_t)1u, &attr));
    attr.cb_mem = NULL;
    attr.cb_size = 0u;
    attr.stack_mem = stack[1];
    attr.stack_size = sizeof(stack[1]);
    TT_ASSERT_NOT_NULL(osThreadNew(logger, (void *)(uintptr_t)2u, &attr));
    TT_ASSERT_EQ(ct_log_count(), 2);
    /* Both ended on their own memory; teardown checks the heap. */
}

static void never_runs(void *arg)
{
    (void)arg;
    ct_log(99);
}

CT_CASE(test_thread_new_rejects_bad_attributes)
{
    osThreadAttr_t attr = attr_of("bad", 0u, osPriorityNormal);

    TT_ASSERT_NULL(osThreadNew(NULL, NULL, NULL));
    attr.priority = osPriorityError;
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    attr.priority = (osPriority_t)(osPriorityISR + 1);
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    attr.priority = osPriorityNormal;
    attr.cb_size = sizeof(tcb[0]); /* size without memory */
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    attr.cb_mem = &tcb[0];
    attr.cb_size = 16u; /* too small */
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    attr.cb_mem = (uint8_t *)&tcb[0] + 4; /* misaligned */
    attr.cb_size = sizeof(tcb[0]) - 8u;
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    attr.cb_mem = NULL;
    attr.cb_size = 0u;
    attr.stack_mem = (uint8_t *)stack[0] + 4; /* misaligned stack */
    attr.stack_size = 512u;
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    attr.stack_mem = stack[0];
    attr.stack_size = 500u; /* not a multiple of 8 */
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    attr.stack_size = 8u; /* below the kernel's minimum */
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    attr.stack_mem = NULL; /* the same from the heap: refused by the kernel, memory given back */
    TT_ASSERT_NULL(osThreadNew(never_runs, NULL, &attr));
    TT_ASSERT_EQ(osDelay(CT_SETTLE), osOK);
    TT_ASSERT_EQ(ct_log_count(), 0);
}

CT_CASE(test_thread_new_refuses_live_control_block)
{
    osThreadAttr_t attr = attr_of("live", osThreadJoinable, osPriorityBelowNormal);
    osThreadId_t id;

    attr.cb_mem = &tcb[0];
    attr.cb_size = sizeof(tcb[0]);
    id = osThreadNew(logger, (void *)(uintptr_t)1u, &attr);
    TT_ASSERT_NOT_NULL(id);
    TT_ASSERT_NULL(osThreadNew(logger, (void *)(uintptr_t)2u, &attr)); /* ready, not run */
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(ct_log_at(0), 1);
}

/* ---- priorities -------------------------------------------------------------------------- */

CT_CASE(test_thread_priority_order_and_preemption)
{
    osThreadId_t low = ct_spawn(logger, (void *)(uintptr_t)3u, osPriorityLow);
    osThreadId_t high = ct_spawn(logger, (void *)(uintptr_t)1u, osPriorityRealtime);
    osThreadId_t above = ct_spawn(logger, (void *)(uintptr_t)2u, osPriorityAboveNormal);

    /* The more urgent ones ran at creation; the low one waits for the body to block. */
    TT_ASSERT_EQ(ct_log_count(), 2);
    TT_ASSERT_EQ(osThreadJoin(low), osOK);
    TT_ASSERT_EQ(osThreadJoin(high), osOK);
    TT_ASSERT_EQ(osThreadJoin(above), osOK);
    TT_ASSERT_EQ(ct_log_at(0), 1);
    TT_ASSERT_EQ(ct_log_at(1), 2);
    TT_ASSERT_EQ(ct_log_at(2), 3);
}

CT_CASE(test_thread_set_and_get_priority)
{
    osThreadId_t self = osThreadGetId();
    osThreadId_t low = ct_spawn(logger, (void *)(uintptr_t)1u, osPriorityLow);

    TT_ASSERT_EQ(osThreadGetPriority(self), osPriorityNormal);
    TT_ASSERT_EQ(osThreadGetPriority(low), osPriorityLow);
    TT_ASSERT_EQ(osThreadSetPriority(low, osPriorityBelowNormal3), osOK);
    TT_ASSERT_EQ(osThreadGetPriority(low), osPriorityBelowNormal3);
    TT_ASSERT_EQ(ct_log_count(), 0);
    /* Raised above the body: it runs at once. */
    TT_ASSERT_EQ(osThreadSetPriority(low, osPriorityHigh), osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(osThreadSetPriority(self, osPriorityIdle), osOK);
    TT_ASSERT_EQ(osThreadGetPriority(self), osPriorityIdle);
    TT_ASSERT_EQ(osThreadSetPriority(self, osPriorityNormal), osOK);
    TT_ASSERT_EQ(osThreadSetPriority(self, osPriorityNone), osErrorParameter);
    TT_ASSERT_EQ(osThreadSetPriority(self, osPriorityError), osErrorParameter);
    TT_ASSERT_EQ(osThreadSetPriority(NULL, osPriorityHigh), osErrorParameter);
    TT_ASSERT_EQ(osThreadSetPriority(low, osPriorityHigh), osErrorResource); /* terminated */
    TT_ASSERT_EQ(osThreadGetPriority(low), osPriorityError);
    TT_ASSERT_EQ(osThreadGetPriority(NULL), osPriorityError);
    TT_ASSERT_EQ(osThreadJoin(low), osOK);
}

/* ---- names, ids, states -------------------------------------------------------------------- */

static void state_reporter(void *arg)
{
    (void)arg;
    ct_log((int)osThreadGetState(osThreadGetId()));
    (void)osDelay(5u);
}

CT_CASE(test_thread_states)
{
    osThreadId_t self = osThreadGetId();
    osThreadId_t ready = ct_spawn(state_reporter, NULL, osPriorityLow);
    osThreadId_t blocked = ct_spawn(state_reporter, NULL, osPriorityHigh);

    TT_ASSERT_EQ(osThreadGetState(self), osThreadRunning);
    TT_ASSERT_EQ(osThreadGetState(ready), osThreadReady);
    TT_ASSERT_EQ(osThreadGetState(blocked), osThreadBlocked);
    TT_ASSERT_EQ(ct_log_at(0), osThreadRunning);
    TT_ASSERT_EQ(osThreadJoin(blocked), osOK);
    TT_ASSERT_EQ(osThreadJoin(ready), osOK);
    TT_ASSERT_EQ(osThreadGetState(NULL), osThreadError);
    TT_ASSERT_EQ(osThreadGetState(&tcb[0]), osThreadError); /* never a thread */
}

CT_CASE(test_thread_names_and_ids_of_kernel_tasks)
{
    osThreadId_t ids[16];
    uint32_t n = osThreadEnumerate(ids, 16u);
    uint32_t i;
    int found_idle = 0;

    TT_ASSERT_STR_EQ(osThreadGetName(osThreadGetId()), "ct_body");
    for (i = 0u; i < n; ++i) {
        if (ct_kernel_is_idle(ids[i])) {
            found_idle = 1;
            TT_ASSERT_STR_EQ(osThreadGetName(ids[i]), "idle");
            TT_ASSERT_EQ(osThreadGetPriority(ids[i]), osPriorityIdle);
            TT_ASSERT_EQ(osThreadGetState(ids[i]), osThreadReady);
            TT_ASSERT_EQ(osThreadTerminate(ids[i]), osErrorResource);
            TT_ASSERT_EQ(osThreadSuspend(ids[i]), osErrorResource);
            TT_ASSERT_EQ(osThreadSetPriority(ids[i], osPriorityHigh), osErrorResource);
            TT_ASSERT_EQ(osThreadJoin(ids[i]), osErrorResource);
            TT_ASSERT_EQ(osThreadFlagsSet(ids[i], 1u), osFlagsErrorParameter);
        }
    }
    TT_ASSERT(found_idle);
    TT_ASSERT_NULL(osThreadGetName(NULL));
}

/* ---- suspend, resume --------------------------------------------------------------------- */

CT_CASE(test_thread_suspend_and_resume_ready_thread)
{
    osThreadId_t id = ct_spawn(logger, (void *)(uintptr_t)1u, osPriorityLow);

    TT_ASSERT_EQ(osThreadSuspend(id), osOK);
    TT_ASSERT_EQ(osThreadGetState(id), osThreadBlocked);
    TT_ASSERT_EQ(osDelay(CT_SETTLE), osOK);
    TT_ASSERT_EQ(ct_log_count(), 0);
    TT_ASSERT_EQ(osThreadResume(id), osOK);
    TT_ASSERT_EQ(osThreadGetState(id), osThreadReady);
    TT_ASSERT_EQ(osThreadResume(id), osErrorResource); /* not blocked */
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
}

static void timed_waiter(void *arg)
{
    osSemaphoreId_t sem = (osSemaphoreId_t)arg;
    uint32_t t0 = osKernelGetTickCount();

    ct_log((int)osSemaphoreAcquire(sem, 100u));
    ct_log((int)(osKernelGetTickCount() - t0));
}

CT_CASE(test_thread_suspend_ends_a_wait)
{
    osSemaphoreId_t sem = osSemaphoreNew(1u, 0u, NULL);
    osThreadId_t id = ct_spawn(timed_waiter, sem, osPriorityHigh);

    TT_ASSERT_EQ(osThreadGetState(id), osThreadBlocked);
    TT_ASSERT_EQ(osThreadSuspend(id), osOK);
    TT_ASSERT_EQ(osDelay(10u), osOK);
    /* The wait was abandoned: a token now stays with the semaphore. */
    TT_ASSERT_EQ(osSemaphoreRelease(sem), osOK);
    TT_ASSERT_EQ(osSemaphoreGetCount(sem), 1u);
    TT_ASSERT_EQ(ct_log_count(), 0);
    TT_ASSERT_EQ(osThreadResume(id), osOK);
    TT_ASSERT_EQ(ct_log_count(), 2);
    TT_ASSERT_EQ(ct_log_at(0), osErrorTimeout);
    TT_ASSERT_EQ(ct_log_at(1), 10);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(osSemaphoreDelete(sem), osOK);
}

CT_CASE(test_thread_resume_ends_a_wait)
{
    osSemaphoreId_t sem = osSemaphoreNew(1u, 0u, NULL);
    osThreadId_t id = ct_spawn(timed_waiter, sem, osPriorityHigh);

    TT_ASSERT_EQ(osDelay(3u), osOK);
    TT_ASSERT_EQ(osThreadResume(id), osOK);
    TT_ASSERT_EQ(ct_log_at(0), osErrorTimeout);
    TT_ASSERT_EQ(ct_log_at(1), 3);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(osSemaphoreDelete(sem), osOK);
}

CT_CASE(test_thread_suspend_resume_errors)
{
    TT_ASSERT_EQ(osThreadSuspend(NULL), osErrorParameter);
    TT_ASSERT_EQ(osThreadResume(NULL), osErrorParameter);
    TT_ASSERT_EQ(osThreadResume(osThreadGetId()), osErrorResource);
    TT_ASSERT_EQ(osKernelLock(), 0);
    TT_ASSERT_EQ(osThreadSuspend(osThreadGetId()), osErrorResource);
    TT_ASSERT_EQ(osKernelUnlock(), 1);
}

static void self_suspender(void *arg)
{
    (void)arg;
    ct_log(1);
    (void)osThreadSuspend(osThreadGetId());
    ct_log(2);
}

CT_CASE(test_thread_suspend_self)
{
    osThreadId_t id = ct_spawn(self_suspender, NULL, osPriorityHigh);

    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(osThreadGetState(id), osThreadBlocked);
    TT_ASSERT_EQ(osThreadResume(id), osOK);
    TT_ASSERT_EQ(ct_log_count(), 2);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

/* ---- join, detach, exit, terminate --------------------------------------------------------- */

static void delayed_exit(void *arg)
{
    (void)osDelay((uint32_t)(uintptr_t)arg);
    ct_log(1);
    osThreadExit();
}

CT_CASE(test_thread_join_waits_for_the_end)
{
    uint32_t t0 = osKernelGetTickCount();
    osThreadId_t id = ct_spawn(delayed_exit, (void *)(uintptr_t)15u, osPriorityHigh);

    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(osKernelGetTickCount() - t0, 15u);
    TT_ASSERT_EQ(ct_log_count(), 1);
}

CT_CASE(test_thread_join_errors)
{
    osThreadId_t id = ct_spawn(delayed_exit, (void *)(uintptr_t)5u, osPriorityHigh);
    osThreadId_t detached = osThreadNew(logger, NULL, NULL);

    TT_ASSERT_EQ(osThreadJoin(NULL), osErrorParameter);
    TT_ASSERT_EQ(osThreadJoin(osThreadGetId()), osErrorResource);
    TT_ASSERT_EQ(osThreadJoin(detached), osErrorResource);
    TT_ASSERT_EQ(osThreadDetach(detached), osErrorResource);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(osDelay(CT_SETTLE), osOK);
}

static void joiner(void *arg)
{
    ct_log((int)osThreadJoin((osThreadId_t)arg));
}

CT_CASE(test_thread_second_joiner_refused)
{
    osThreadId_t target = ct_spawn(delayed_exit, (void *)(uintptr_t)10u, osPriorityHigh);
    osThreadId_t first = ct_spawn(joiner, target, osPriorityAboveNormal);

    TT_ASSERT_EQ(osThreadJoin(target), osErrorResource); /* `first` joins it already */
    TT_ASSERT_EQ(osThreadDetach(target), osErrorResource);
    TT_ASSERT_EQ(osThreadJoin(first), osOK);
    TT_ASSERT_EQ(ct_log_count(), 2);
    TT_ASSERT_EQ(ct_log_at(0), 1);    /* target ended */
    TT_ASSERT_EQ(ct_log_at(1), osOK); /* then first's join returned */
}

CT_CASE(test_thread_join_aborted_by_resume)
{
    osThreadId_t target = ct_spawn(delayed_exit, (void *)(uintptr_t)50u, osPriorityHigh);
    osThreadId_t waiting = ct_spawn(joiner, target, osPriorityAboveNormal);

    TT_ASSERT_EQ(osThreadResume(waiting), osOK);
    TT_ASSERT_EQ(ct_log_at(0), osErrorTimeout);
    TT_ASSERT_EQ(osThreadJoin(waiting), osOK);
    TT_ASSERT_EQ(osThreadJoin(target), osOK); /* still joinable */
}

static void returner(void *arg)
{
    (void)arg;
    ct_log(1);
}

CT_CASE(test_thread_detach_frees_at_end)
{
    osThreadId_t running = ct_spawn(delayed_exit, (void *)(uintptr_t)5u, osPriorityHigh);
    osThreadId_t ended = ct_spawn(returner, NULL, osPriorityHigh);

    TT_ASSERT_EQ(osThreadGetState(ended), osThreadTerminated);
    TT_ASSERT_EQ(osThreadDetach(ended), osOK); /* a zombie: freed now */
    TT_ASSERT_EQ(osThreadDetach(running), osOK);
    TT_ASSERT_EQ(osThreadJoin(running), osErrorResource);
    TT_ASSERT_EQ(osDelay(10u), osOK);
    TT_ASSERT_EQ(ct_log_count(), 2); /* teardown checks that both were freed */
}

static void exit_with_lock(void *arg)
{
    (void)arg;
    (void)osKernelLock();
    osThreadExit();
}

CT_CASE(test_thread_exit_releases_kernel_lock)
{
    osThreadId_t id = ct_spawn(exit_with_lock, NULL, osPriorityHigh);

    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

static void forever_waiter(void *arg)
{
    osSemaphoreId_t sem = (osSemaphoreId_t)arg;

    ct_log((int)osSemaphoreAcquire(sem, osWaitForever));
}

CT_CASE(test_thread_terminate_blocked_thread)
{
    osSemaphoreId_t sem = osSemaphoreNew(2u, 0u, NULL);
    osThreadId_t victim = ct_spawn(forever_waiter, sem, osPriorityHigh);
    osThreadId_t other = ct_spawn(forever_waiter, sem, osPriorityAboveNormal);

    TT_ASSERT_EQ(osThreadTerminate(victim), osOK);
    TT_ASSERT_EQ(osThreadGetState(victim), osThreadTerminated);
    TT_ASSERT_EQ(osThreadTerminate(victim), osErrorResource);
    TT_ASSERT_EQ(osThreadSuspend(victim), osErrorResource);
    TT_ASSERT_EQ(osThreadFlagsSet(victim, 1u), osFlagsErrorResource);
    /* The semaphore's wait list lost the victim cleanly: the token goes to `other`. */
    TT_ASSERT_EQ(osSemaphoreRelease(sem), osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(ct_log_at(0), osOK);
    TT_ASSERT_EQ(osThreadJoin(victim), osOK);
    TT_ASSERT_EQ(osThreadJoin(other), osOK);
    TT_ASSERT_EQ(osSemaphoreDelete(sem), osOK);
}

static void self_terminator(void *arg)
{
    (void)arg;
    ct_log(1);
    (void)osThreadTerminate(osThreadGetId());
    ct_log(2);
}

CT_CASE(test_thread_terminate_self_and_detached)
{
    osThreadId_t joinable = ct_spawn(self_terminator, NULL, osPriorityHigh);
    osThreadId_t detached;

    TT_ASSERT_EQ(osThreadJoin(joinable), osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    detached = osThreadNew(logger, (void *)(uintptr_t)3u, NULL); /* heap, detached, not run */
    TT_ASSERT_EQ(osThreadTerminate(detached), osOK);             /* freed at once */
    TT_ASSERT_EQ(osDelay(CT_SETTLE), osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(osThreadTerminate(NULL), osErrorParameter);
    TT_ASSERT_EQ(osKernelLock(), 0);
    TT_ASSERT_EQ(osThreadTerminate(osThreadGetId()), osErrorResource);
    TT_ASSERT_EQ(osKernelUnlock(), 1);
}

/* ---- count, enumerate, stack, yield -------------------------------------------------------- */

CT_CASE(test_thread_count_and_enumerate)
{
    uint32_t before = osThreadGetCount();
    osThreadId_t a = ct_spawn(logger, NULL, osPriorityLow);
    osThreadId_t b = ct_spawn(logger, NULL, osPriorityLow);
    osThreadId_t ids[16];
    uint32_t n;
    uint32_t i;
    int seen = 0;

    TT_ASSERT_EQ(osThreadGetCount(), before + 2u);
    n = osThreadEnumerate(ids, 16u);
    TT_ASSERT_EQ(n, before + 2u);
    for (i = 0u; i < n; ++i) {
        seen += ids[i] == a || ids[i] == b || ids[i] == osThreadGetId();
    }
    TT_ASSERT_EQ(seen, 3);
    TT_ASSERT_EQ(osThreadEnumerate(ids, 1u), 1u);
    TT_ASSERT_EQ(osThreadEnumerate(NULL, 4u), 0u);
    TT_ASSERT_EQ(osThreadEnumerate(ids, 0u), 0u);
    TT_ASSERT_EQ(osThreadJoin(a), osOK);
    TT_ASSERT_EQ(osThreadJoin(b), osOK);
    TT_ASSERT_EQ(osThreadGetCount(), before);
}

CT_CASE(test_thread_stack_queries)
{
    osThreadId_t self = osThreadGetId();
    uint32_t size = osThreadGetStackSize(self);
    uint32_t space = osThreadGetStackSpace(self);

    TT_ASSERT_EQ(size, TOS_CFG_CMSIS_THREAD_STACK_SIZE);
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    TT_ASSERT_GT(space, 0u);
    TT_ASSERT_LT(space, size);
    TT_ASSERT_EQ(space, size - ct_kernel_stack_depth(self));
#else
    TT_ASSERT_EQ(space, 0u);
#endif
    TT_ASSERT_EQ(osThreadGetStackSize(NULL), 0u);
    TT_ASSERT_EQ(osThreadGetStackSpace(NULL), 0u);
}

static void yielder(void *arg)
{
    int base = (int)(uintptr_t)arg;

    ct_log(base + 1);
    (void)osThreadYield();
    ct_log(base + 2);
}

CT_CASE(test_thread_yield_round)
{
    osThreadId_t a = ct_spawn(yielder, (void *)(uintptr_t)10u, osPriorityBelowNormal);
    osThreadId_t b = ct_spawn(yielder, (void *)(uintptr_t)20u, osPriorityBelowNormal);

    TT_ASSERT_EQ(osThreadJoin(a), osOK);
    TT_ASSERT_EQ(osThreadJoin(b), osOK);
    TT_ASSERT_EQ(ct_log_count(), 4);
    TT_ASSERT_EQ(ct_log_at(0), 11);
    TT_ASSERT_EQ(ct_log_at(1), 21);
    TT_ASSERT_EQ(ct_log_at(2), 12);
    TT_ASSERT_EQ(ct_log_at(3), 22);
}

/* ---- ISR rules ------------------------------------------------------------------------------- */

static osThreadId_t isr_target;
static struct {
    osThreadId_t created, id;
    const char *name;
    osThreadState_t state;
    osPriority_t prio;
    uint32_t stack_size, stack_space, count, enumerated;
    osStatus_t set_prio, yield, suspend, resume, detach, join, terminate;
} isr_result;

static void isr_thread_calls(void)
{
    osThreadId_t ids[4];

    isr_result.created = osThreadNew(logger, NULL, NULL);
    isr_result.id = osThreadGetId();
    isr_result.name = osThreadGetName(isr_target);
    isr_result.state = osThreadGetState(isr_target);
    isr_result.prio = osThreadGetPriority(isr_target);
    isr_result.stack_size = osThreadGetStackSize(isr_target);
    isr_result.stack_space = osThreadGetStackSpace(isr_target);
    isr_result.set_prio = osThreadSetPriority(isr_target, osPriorityLow);
    isr_result.yield = osThreadYield();
    isr_result.suspend = osThreadSuspend(isr_target);
    isr_result.resume = osThreadResume(isr_target);
    isr_result.detach = osThreadDetach(isr_target);
    isr_result.join = osThreadJoin(isr_target);
    isr_result.terminate = osThreadTerminate(isr_target);
    isr_result.count = osThreadGetCount();
    isr_result.enumerated = osThreadEnumerate(ids, 4u);
}

CT_CASE(test_thread_isr_rules)
{
    isr_target = osThreadGetId();
    ct_in_isr(isr_thread_calls);
    TT_ASSERT_NULL(isr_result.created);
    TT_ASSERT_PTR_EQ(isr_result.id, isr_target); /* allowed: the interrupted thread */
    TT_ASSERT_NULL(isr_result.name);
    TT_ASSERT_EQ(isr_result.state, osThreadError);
    TT_ASSERT_EQ(isr_result.prio, osPriorityError);
    TT_ASSERT_EQ(isr_result.stack_size, 0u);
    TT_ASSERT_EQ(isr_result.stack_space, 0u);
    TT_ASSERT_EQ(isr_result.set_prio, osErrorISR);
    TT_ASSERT_EQ(isr_result.yield, osErrorISR);
    TT_ASSERT_EQ(isr_result.suspend, osErrorISR);
    TT_ASSERT_EQ(isr_result.resume, osErrorISR);
    TT_ASSERT_EQ(isr_result.detach, osErrorISR);
    TT_ASSERT_EQ(isr_result.join, osErrorISR);
    TT_ASSERT_EQ(isr_result.terminate, osErrorISR);
    TT_ASSERT_EQ(isr_result.count, 0u);
    TT_ASSERT_EQ(isr_result.enumerated, 0u);
    TT_ASSERT_EQ(osThreadGetPriority(isr_target), osPriorityNormal);
    TT_ASSERT_EQ(osThreadGetState(isr_target), osThreadRunning);
}

TT_SUITE("cmsis_os2_thread", ct_setup, ct_teardown, TT_CASE(test_thread_new_defaults),
         TT_CASE(test_thread_new_static_memory),
         TT_CASE(test_thread_new_mixed_memory_is_given_back),
         TT_CASE(test_thread_new_rejects_bad_attributes),
         TT_CASE(test_thread_new_refuses_live_control_block),
         TT_CASE(test_thread_priority_order_and_preemption),
         TT_CASE(test_thread_set_and_get_priority), TT_CASE(test_thread_states),
         TT_CASE(test_thread_names_and_ids_of_kernel_tasks),
         TT_CASE(test_thread_suspend_and_resume_ready_thread),
         TT_CASE(test_thread_suspend_ends_a_wait), TT_CASE(test_thread_resume_ends_a_wait),
         TT_CASE(test_thread_suspend_resume_errors), TT_CASE(test_thread_suspend_self),
         TT_CASE(test_thread_join_waits_for_the_end), TT_CASE(test_thread_join_errors),
         TT_CASE(test_thread_second_joiner_refused), TT_CASE(test_thread_join_aborted_by_resume),
         TT_CASE(test_thread_detach_frees_at_end), TT_CASE(test_thread_exit_releases_kernel_lock),
         TT_CASE(test_thread_terminate_blocked_thread),
         TT_CASE(test_thread_terminate_self_and_detached), TT_CASE(test_thread_count_and_enumerate),
         TT_CASE(test_thread_stack_queries), TT_CASE(test_thread_yield_round),
         TT_CASE(test_thread_isr_rules));

#else
TT_SUITE_SKIPPED("cmsis_os2_thread",
                 "the CMSIS adapters need TOS_CFG_EVENT_EN or a message/mail queue module");
#endif
