/*
 * CMSIS-RTOS v1 suite: kernel queries, threads (instances, priorities,
 * terminate), osDelay in milliseconds, timers, signals, mutexes,
 * semaphores, memory pools, message and mail queues, with the standard
 * status codes (osEventSignal/Message/Mail/Timeout, osErrorTimeoutResource,
 * osErrorValue, ...) and the ISR rules.
 *
 * Each case body runs in a v1 thread of osPriorityNormal (the runner waits
 * for it on a semaphore), so that cases see the same priorities whatever
 * the kernel's priority count. The suite includes the adapters' private
 * core header only for the kernel configuration and for teardown.
 */
#include "cmsis_core.h" /* kernel configuration, CMSIS_CORE_EN; tos_k.h */
#include "cmsis_os.h"
#include "tt.h"
#include "tt_port.h"

#if CMSIS_CORE_EN > 0u

#define V1_IRQ 7u

/* Stack of the helper threads (they neither print nor nest calls deeply). */
#define HELPER_STACK 384

/* Ticks of a millisecond wait (the adapter rounds up). */
#define MS_TICKS(ms) ((uint32_t)(((uint64_t)(ms)*TOS_CFG_CPU_TICK_PER_SECOND + 999u) / 1000u))

static int log_events[32];
static int log_len;

static void log_event(int e)
{
    if (log_len < 32) {
        log_events[log_len++] = e;
    }
}

static uint32_t ticks_now(void)
{
    return (uint32_t)tos_systick_get();
}

/* ---- body runner ------------------------------------------------------------------------------
 */

osSemaphoreDef(body_done);
static osSemaphoreId body_done_id;
static void (*body_fn)(void);

static void body_thread(void const *arg)
{
    (void)arg;
    body_fn(); /* returns early when an assertion fails */
    (void)osSemaphoreRelease(body_done_id);
}
osThreadDef(body_thread, osPriorityNormal, 1, 0);

static void run_body(void (*body)(void))
{
    body_fn = body;
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(body_thread), NULL));
    TT_ASSERT_EQ(osSemaphoreWait(body_done_id, osWaitForever), 1);
    (void)tos_task_delay(1u); /* lets the body thread end */
}

#define V1_CASE(name)              \
    static void name##_body(void); \
    static void name(void)         \
    {                              \
        run_body(name##_body);     \
    }                              \
    static void name##_body(void)

static void setup(void)
{
    log_len = 0;
    if (body_done_id == NULL) {
        body_done_id = osSemaphoreCreate(osSemaphore(body_done), 0);
    }
}

/* Ends the tasks a failed case left, through the adapter so their storage is freed. */
static void teardown(void)
{
    k_task_t *left[8];
    int n = 0;
    int i;
    k_list_t *node;

    TOS_LIST_FOR_EACH(node, &k_stat_list) {
        k_task_t *task = TOS_LIST_ENTRY(node, k_task_t, stat_list);

        if (n < 8 && task != k_curr_task && task != &k_idle_task && cmsis_thread_of(task) != NULL) {
            left[n++] = task;
        }
    }
    for (i = 0; i < n; ++i) {
        (void)osThreadTerminate((osThreadId)left[i]);
    }
}

static void (*isr_fn)(void);

static void v1_isr(void)
{
    tos_knl_irq_enter();
    isr_fn();
    tos_knl_irq_leave();
}

static void in_isr(void (*fn)(void))
{
    isr_fn = fn;
    tt_irq_connect(V1_IRQ, v1_isr);
    tt_irq_raise(V1_IRQ);
}

/* ---- kernel ------------------------------------------------------------------------------------
 */

V1_CASE(test_v1_kernel)
{
    uint32_t per_tick = osKernelSysTickFrequency / TOS_CFG_CPU_TICK_PER_SECOND;

    TT_ASSERT_EQ(osCMSIS, 0x10002);
    TT_ASSERT_EQ(osKernelRunning(), 1);
    TT_ASSERT_EQ(osKernelInitialize(), osErrorOS);
    TT_ASSERT_EQ(osKernelStart(), osErrorOS);
    TT_ASSERT_EQ(osKernelSysTickFrequency, TOS_CFG_CPU_CLOCK);
    TT_ASSERT_EQ(osKernelSysTick(), ticks_now() * per_tick);
    TT_ASSERT_EQ(osKernelSysTickMicroSec(1000u), TOS_CFG_CPU_CLOCK / 1000u);
    TT_ASSERT_EQ(osDelay(0u), osEventTimeout);
    TT_ASSERT_EQ(osDelay(2u), osEventTimeout);
}

V1_CASE(test_v1_delay_milliseconds)
{
    uint32_t t0 = ticks_now();

    TT_ASSERT_EQ(osDelay(25u), osEventTimeout);
    TT_ASSERT_EQ(ticks_now() - t0, MS_TICKS(25u));
}

/* ---- threads ------------------------------------------------------------------------------------
 */

static void worker(void const *arg)
{
    log_event((int)(uintptr_t)arg);
    (void)osDelay(10u);
}
osThreadDef(worker, osPriorityHigh, 2, HELPER_STACK);

V1_CASE(test_v1_thread_instances)
{
    osThreadId a = osThreadCreate(osThread(worker), (void *)(uintptr_t)1u);
    osThreadId b = osThreadCreate(osThread(worker), (void *)(uintptr_t)2u);

    TT_ASSERT_NOT_NULL(a);
    TT_ASSERT_NOT_NULL(b);
    TT_ASSERT(a != b);
    TT_ASSERT_EQ(log_len, 2); /* more urgent: ran at once */
    TT_ASSERT_NULL(osThreadCreate(osThread(worker), (void *)(uintptr_t)3u)); /* both in use */
    TT_ASSERT_EQ(osDelay(20u), osEventTimeout);
    /* Both ended: their instances are free again. */
    a = osThreadCreate(osThread(worker), (void *)(uintptr_t)4u);
    TT_ASSERT_NOT_NULL(a);
    TT_ASSERT_EQ(log_events[2], 4);
    TT_ASSERT_EQ(osThreadTerminate(a), osOK);
    TT_ASSERT_NULL(osThreadCreate(NULL, NULL));
}

static void dyn_worker(void const *arg)
{
    log_event(*(const int *)arg);
}
osThreadDynamicDef(dyn_worker, osPriorityAboveNormal, 1, HELPER_STACK);

static void bad_prio(void const *arg)
{
    (void)arg;
}
static const osThreadDef_t bad_prio_def = {"bad", bad_prio, (osPriority)7, 1u, 0u, NULL, NULL};

V1_CASE(test_v1_thread_dynamic_and_bad_def)
{
    static const int value = 5;

    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(dyn_worker), (void *)(uintptr_t)&value));
    TT_ASSERT_EQ(log_len, 1);
    TT_ASSERT_EQ(log_events[0], 5);
    TT_ASSERT_NULL(osThreadCreate(&bad_prio_def, NULL));
}

V1_CASE(test_v1_thread_id_and_priority)
{
    osThreadId self = osThreadGetId();

    TT_ASSERT_NOT_NULL(self);
    TT_ASSERT_EQ(osThreadGetPriority(self), osPriorityNormal);
    TT_ASSERT_EQ(osThreadSetPriority(self, osPriorityBelowNormal), osOK);
    TT_ASSERT_EQ(osThreadGetPriority(self), osPriorityBelowNormal);
    TT_ASSERT_EQ(osThreadSetPriority(self, (osPriority)4), osErrorValue);
    TT_ASSERT_EQ(osThreadSetPriority(self, osPriorityError), osErrorValue);
    TT_ASSERT_EQ(osThreadSetPriority(NULL, osPriorityHigh), osErrorParameter);
    TT_ASSERT_EQ(osThreadSetPriority(self, osPriorityNormal), osOK);
    TT_ASSERT_EQ(osThreadGetPriority(NULL), osPriorityError);
    TT_ASSERT_EQ(osThreadGetPriority((osThreadId)&k_idle_task), osPriorityIdle);
    TT_ASSERT_EQ(osThreadYield(), osOK);
}

static void forever(void const *arg)
{
    (void)arg;
    log_event(1);
    (void)osDelay(osWaitForever);
    log_event(2);
}
osThreadDef(forever, osPriorityHigh, 1, HELPER_STACK);

V1_CASE(test_v1_thread_terminate)
{
    osThreadId id = osThreadCreate(osThread(forever), NULL);

    TT_ASSERT_NOT_NULL(id);
    TT_ASSERT_EQ(osDelay(100u), osEventTimeout);
    TT_ASSERT_EQ(osThreadTerminate(id), osOK);
    TT_ASSERT_EQ(osThreadTerminate(id), osErrorParameter); /* gone */
    TT_ASSERT_EQ(osThreadTerminate(NULL), osErrorParameter);
    TT_ASSERT_EQ(osThreadTerminate((osThreadId)&k_idle_task), osErrorResource);
    TT_ASSERT_EQ(log_len, 1);
    id = osThreadCreate(osThread(forever), NULL); /* its instance is free again */
    TT_ASSERT_NOT_NULL(id);
    TT_ASSERT_EQ(osThreadTerminate(id), osOK);
    TT_ASSERT_EQ(log_len, 2);
}

/* ---- timers
 * -------------------------------------------------------------------------------------- */

static void timer_cb(void const *arg)
{
    log_event((int)(ticks_now() - *(const uint32_t *)arg));
}
osTimerDef(once_timer, timer_cb);
osTimerDef(periodic_timer, timer_cb);

V1_CASE(test_v1_timers)
{
    static uint32_t t0;
    osTimerId once = osTimerCreate(osTimer(once_timer), osTimerOnce, &t0);
    osTimerId periodic = osTimerCreate(osTimer(periodic_timer), osTimerPeriodic, &t0);

    TT_ASSERT_NOT_NULL(once);
    TT_ASSERT_NOT_NULL(periodic);
    TT_ASSERT_NULL(osTimerCreate(osTimer(once_timer), osTimerOnce, &t0)); /* def in use */
    TT_ASSERT_NULL(osTimerCreate(NULL, osTimerOnce, &t0));
    t0 = ticks_now();
    TT_ASSERT_EQ(osTimerStart(once, 5u), osOK);
    TT_ASSERT_EQ(osTimerStart(periodic, 4u), osOK);
    TT_ASSERT_EQ(osDelay(13u), osEventTimeout);
    TT_ASSERT_EQ(osTimerStop(periodic), osOK);
    TT_ASSERT_EQ(osTimerStop(periodic), osErrorResource);
    TT_ASSERT_EQ(osTimerStop(once), osErrorResource); /* fired already */
    TT_ASSERT_EQ(log_len, 4);
    TT_ASSERT_EQ(log_events[0], (int)MS_TICKS(4u));
    TT_ASSERT_EQ(log_events[1], (int)MS_TICKS(5u));
    TT_ASSERT_EQ(log_events[2], (int)(2u * MS_TICKS(4u)));
    TT_ASSERT_EQ(log_events[3], (int)(3u * MS_TICKS(4u)));
    TT_ASSERT_EQ(osTimerStart(once, 0u), osErrorValue);
    TT_ASSERT_EQ(osTimerStart(NULL, 5u), osErrorParameter);
    TT_ASSERT_EQ(osTimerDelete(once), osOK);
    TT_ASSERT_EQ(osTimerDelete(once), osErrorParameter);
    TT_ASSERT_EQ(osTimerDelete(periodic), osOK);
    once = osTimerCreate(osTimer(once_timer), osTimerOnce, &t0); /* its definition is free again */
    TT_ASSERT_NOT_NULL(once);
    TT_ASSERT_EQ(osTimerDelete(once), osOK);
}

/* ---- signals
 * -------------------------------------------------------------------------------------- */

static int32_t wait_signals;
static uint32_t wait_ms;
static osEvent wait_result;

static void signal_waiter(void const *arg)
{
    (void)arg;
    wait_result = osSignalWait(wait_signals, wait_ms);
    log_event(1);
}
osThreadDef(signal_waiter, osPriorityHigh, 1, HELPER_STACK);

V1_CASE(test_v1_signals_set_clear_wait_own)
{
    osThreadId self = osThreadGetId();
    osEvent ev;

    TT_ASSERT_EQ(osSignalSet(self, 0x5), 0);
    TT_ASSERT_EQ(osSignalSet(self, 0x2), 0x5);
    TT_ASSERT_EQ(osSignalClear(self, 0x1), 0x7);
    ev = osSignalWait(0x6, 0u);
    TT_ASSERT_EQ(ev.status, osEventSignal);
    TT_ASSERT_EQ(ev.value.signals, 0x6);
    ev = osSignalWait(0, 0u);
    TT_ASSERT_EQ(ev.status, osOK); /* none left, no timeout */
    TT_ASSERT_EQ(osSignalSet(self, 0x30), 0);
    ev = osSignalWait(0, 0u); /* any: everything, all cleared */
    TT_ASSERT_EQ(ev.status, osEventSignal);
    TT_ASSERT_EQ(ev.value.signals, 0x30);
    TT_ASSERT_EQ(osSignalClear(self, 0), 0);
    TT_ASSERT_EQ(osSignalSet(self, (int32_t)0x80000000u), (int32_t)0x80000000u);
    TT_ASSERT_EQ(osSignalSet(NULL, 1), (int32_t)0x80000000u);
    TT_ASSERT_EQ(osSignalClear(NULL, 1), (int32_t)0x80000000u);
    TT_ASSERT_EQ(osSignalWait((int32_t)0x80000000u, 0u).status, osErrorValue);
}

V1_CASE(test_v1_signal_wait_all_and_timeout)
{
    osThreadId id;

    wait_signals = 0x3;
    wait_ms = osWaitForever;
    id = osThreadCreate(osThread(signal_waiter), NULL);
    TT_ASSERT_EQ(osSignalSet(id, 0x1), 0);
    TT_ASSERT_EQ(log_len, 0); /* waits for both */
    TT_ASSERT_EQ(osSignalSet(id, 0x6), 0x1);
    TT_ASSERT_EQ(log_len, 1);
    TT_ASSERT_EQ(wait_result.status, osEventSignal);
    TT_ASSERT_EQ(wait_result.value.signals, 0x7);
    TT_ASSERT_EQ(osDelay(1u), osEventTimeout);
    wait_ms = 7u;
    id = osThreadCreate(osThread(signal_waiter), NULL);
    TT_ASSERT_NOT_NULL(id);
    TT_ASSERT_EQ(osDelay(20u), osEventTimeout);
    TT_ASSERT_EQ(wait_result.status, osEventTimeout);
    TT_ASSERT_EQ(log_len, 2);
}

static osThreadId isr_signal_target;
static int32_t isr_signal_result[2];
static osEvent isr_signal_wait;

static void isr_signal_calls(void)
{
    isr_signal_result[0] = osSignalSet(isr_signal_target, 0x8);
    isr_signal_result[1] = osSignalClear(isr_signal_target, 0x8);
    isr_signal_wait = osSignalWait(0x8, 0u);
}

V1_CASE(test_v1_signals_from_isr)
{
    wait_signals = 0x8;
    wait_ms = osWaitForever;
    isr_signal_target = osThreadCreate(osThread(signal_waiter), NULL);
    in_isr(isr_signal_calls);
    TT_ASSERT_EQ(isr_signal_result[0], 0);
    TT_ASSERT_EQ(isr_signal_result[1], (int32_t)0x80000000u); /* not from an ISR */
    TT_ASSERT_EQ(isr_signal_wait.status, osErrorISR);
    TT_ASSERT_EQ(log_len, 1); /* the waiter ran as the interrupt returned */
    TT_ASSERT_EQ(wait_result.status, osEventSignal);
    TT_ASSERT_EQ(wait_result.value.signals, 0x8);
}

/* ---- mutexes
 * ---------------------------------------------------------------------------------------- */

#if TOS_CFG_MUTEX_EN > 0u
osMutexDef(v1_mutex);
static osMutexId mutex_id;
static uint32_t mutex_ms;
static osStatus mutex_result;

static void mutex_taker(void const *arg)
{
    (void)arg;
    mutex_result = osMutexWait(mutex_id, mutex_ms);
    log_event(1);
    if (mutex_result == osOK) {
        (void)osMutexRelease(mutex_id);
    }
}
osThreadDef(mutex_taker, osPriorityHigh, 1, HELPER_STACK);

V1_CASE(test_v1_mutex)
{
    mutex_id = osMutexCreate(osMutex(v1_mutex));
    TT_ASSERT_NOT_NULL(mutex_id);
    TT_ASSERT_NULL(osMutexCreate(osMutex(v1_mutex))); /* def in use */
    TT_ASSERT_EQ(osMutexWait(mutex_id, 0u), osOK);
    TT_ASSERT_EQ(osMutexWait(mutex_id, 0u), osOK); /* recursive */
    mutex_ms = 0u;
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(mutex_taker), NULL));
    TT_ASSERT_EQ(mutex_result, osErrorResource);
    TT_ASSERT_EQ(osDelay(1u), osEventTimeout);
    mutex_ms = 6u;
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(mutex_taker), NULL));
    TT_ASSERT_EQ(osDelay(20u), osEventTimeout);
    TT_ASSERT_EQ(mutex_result, osErrorTimeoutResource);
    TT_ASSERT_EQ(osMutexRelease(mutex_id), osOK);
    TT_ASSERT_EQ(osMutexRelease(mutex_id), osOK);
    TT_ASSERT_EQ(osMutexRelease(mutex_id), osErrorResource);
    mutex_ms = osWaitForever;
    TT_ASSERT_EQ(osMutexWait(mutex_id, 0u), osOK);
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(mutex_taker), NULL));
    TT_ASSERT_EQ(osMutexDelete(mutex_id), osOK); /* the waiter is released */
    TT_ASSERT_EQ(mutex_result, osErrorResource);
    TT_ASSERT_EQ(osMutexWait(mutex_id, 0u), osErrorParameter);
    TT_ASSERT_EQ(osMutexDelete(mutex_id), osErrorParameter);
}

/* Priority inheritance: `pi_low` holds the mutex while `pi_high` waits for it. */
osMutexDef(v1_pi_mutex);
osSemaphoreDef(v1_pi_go);
static osMutexId pi_mutex;
static osSemaphoreId pi_go;
static osPriority pi_boosted;

static void pi_low(void const *arg)
{
    (void)arg;
    (void)osMutexWait(pi_mutex, osWaitForever);
    (void)osSemaphoreWait(pi_go, osWaitForever);
    pi_boosted = osThreadGetPriority(osThreadGetId());
    log_event(1);
    (void)osMutexRelease(pi_mutex); /* pi_high takes over at once */
    log_event(3);
}
osThreadDef(pi_low, osPriorityLow, 1, HELPER_STACK);

static void pi_high(void const *arg)
{
    (void)arg;
    log_event(osMutexWait(pi_mutex, osWaitForever) == osOK ? 2 : -2);
    (void)osMutexRelease(pi_mutex);
}
osThreadDef(pi_high, osPriorityHigh, 1, HELPER_STACK);

V1_CASE(test_v1_mutex_priority_inheritance)
{
    osThreadId low;

    pi_mutex = osMutexCreate(osMutex(v1_pi_mutex));
    pi_go = osSemaphoreCreate(osSemaphore(v1_pi_go), 0);
    low = osThreadCreate(osThread(pi_low), NULL);
    TT_ASSERT_EQ(osDelay(2u), osEventTimeout); /* pi_low takes the mutex, waits for `go` */
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(pi_high), NULL));
    TT_ASSERT_EQ(osThreadGetPriority(low), osPriorityHigh); /* inherited */
    /* pi_low now outranks this thread: it runs, releases, pi_high runs. */
    TT_ASSERT_EQ(osSemaphoreRelease(pi_go), osOK);
    TT_ASSERT_EQ(log_len, 2);
    TT_ASSERT_EQ(log_events[0], 1);
    TT_ASSERT_EQ(log_events[1], 2);
    TT_ASSERT_EQ(pi_boosted, osPriorityHigh);
    TT_ASSERT_EQ(osThreadGetPriority(low), osPriorityLow); /* back, not yet finished */
    TT_ASSERT_EQ(osDelay(2u), osEventTimeout);
    TT_ASSERT_EQ(log_len, 3);
    TT_ASSERT_EQ(osMutexDelete(pi_mutex), osOK);
    TT_ASSERT_EQ(osSemaphoreDelete(pi_go), osOK);
}

static osStatus isr_mutex_status[3];

static void isr_mutex_calls(void)
{
    isr_mutex_status[0] = osMutexWait(mutex_id, 0u);
    isr_mutex_status[1] = osMutexRelease(mutex_id);
    isr_mutex_status[2] = osMutexDelete(mutex_id);
}

V1_CASE(test_v1_mutex_isr_rules)
{
    mutex_id = osMutexCreate(osMutex(v1_mutex));
    in_isr(isr_mutex_calls);
    TT_ASSERT_EQ(isr_mutex_status[0], osErrorISR);
    TT_ASSERT_EQ(isr_mutex_status[1], osErrorISR);
    TT_ASSERT_EQ(isr_mutex_status[2], osErrorISR);
    TT_ASSERT_NULL(osMutexCreate(NULL));
    TT_ASSERT_EQ(osMutexDelete(mutex_id), osOK);
}
#endif

/* ---- semaphores
 * --------------------------------------------------------------------------------------- */

osSemaphoreDef(v1_sem);
static osSemaphoreId sem_id;
static int32_t sem_tokens;

static void sem_taker(void const *arg)
{
    (void)arg;
    sem_tokens = osSemaphoreWait(sem_id, osWaitForever);
    log_event(1);
}
osThreadDef(sem_taker, osPriorityHigh, 1, HELPER_STACK);

V1_CASE(test_v1_semaphore)
{
    uint32_t t0;

    sem_id = osSemaphoreCreate(osSemaphore(v1_sem), 2);
    TT_ASSERT_NOT_NULL(sem_id);
    TT_ASSERT_NULL(osSemaphoreCreate(osSemaphore(v1_sem), 1)); /* def in use */
    TT_ASSERT_EQ(osSemaphoreWait(sem_id, 0u), 2); /* tokens there were, this one included */
    TT_ASSERT_EQ(osSemaphoreWait(sem_id, 0u), 1);
    TT_ASSERT_EQ(osSemaphoreWait(sem_id, 0u), 0);
    t0 = ticks_now();
    TT_ASSERT_EQ(osSemaphoreWait(sem_id, 9u), 0);
    TT_ASSERT_EQ(ticks_now() - t0, MS_TICKS(9u));
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(sem_taker), NULL));
    TT_ASSERT_EQ(osSemaphoreRelease(sem_id), osOK); /* handed to the waiter */
    TT_ASSERT_EQ(sem_tokens, 1);
    TT_ASSERT_EQ(osSemaphoreWait(sem_id, 0u), 0);
    TT_ASSERT_EQ(osSemaphoreDelete(sem_id), osOK);
    TT_ASSERT_EQ(osSemaphoreWait(sem_id, 0u), -1);
    TT_ASSERT_EQ(osSemaphoreRelease(sem_id), osErrorParameter);
    TT_ASSERT_NULL(osSemaphoreCreate(osSemaphore(v1_sem), -1));
    TT_ASSERT_NULL(osSemaphoreCreate(osSemaphore(v1_sem), osFeature_Semaphore + 1));
    sem_id = osSemaphoreCreate(osSemaphore(v1_sem), osFeature_Semaphore);
    TT_ASSERT_EQ(osSemaphoreRelease(sem_id), osErrorResource); /* all tokens out already */
    TT_ASSERT_EQ(osSemaphoreDelete(sem_id), osOK);
}

static int32_t isr_sem_wait;
static osStatus isr_sem_status[2];

static void isr_sem_calls(void)
{
    isr_sem_status[0] = osSemaphoreRelease(sem_id);
    isr_sem_wait = osSemaphoreWait(sem_id, 0u);
    isr_sem_status[1] = osSemaphoreDelete(sem_id);
}

V1_CASE(test_v1_semaphore_isr_and_delete)
{
    sem_id = osSemaphoreCreate(osSemaphore(v1_sem), 0);
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(sem_taker), NULL));
    in_isr(isr_sem_calls);
    TT_ASSERT_EQ(isr_sem_status[0], osOK);
    TT_ASSERT_EQ(isr_sem_wait, -1); /* not from an ISR */
    TT_ASSERT_EQ(isr_sem_status[1], osErrorISR);
    TT_ASSERT_EQ(log_len, 1);
    TT_ASSERT_EQ(sem_tokens, 1);
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(sem_taker), NULL));
    TT_ASSERT_EQ(osSemaphoreDelete(sem_id), osOK);
    TT_ASSERT_EQ(sem_tokens, -1); /* the waiter learns of the delete */
}

/* ---- memory pools
 * ---------------------------------------------------------------------------------------- */

typedef struct {
    uint32_t a;
    uint8_t b[5];
} item_t;

osPoolDef(v1_pool, 3, item_t);

static osPoolId isr_pool_id;
static void *isr_pool_blk;
static osStatus isr_pool_status;

static void isr_pool_calls(void)
{
    isr_pool_blk = osPoolAlloc(isr_pool_id);
    isr_pool_status = osPoolFree(isr_pool_id, isr_pool_blk);
}

V1_CASE(test_v1_pool)
{
    osPoolId pool = osPoolCreate(osPool(v1_pool));
    item_t *x, *y, *z;
    item_t local;

    TT_ASSERT_NOT_NULL(pool);
    TT_ASSERT_NULL(osPoolCreate(osPool(v1_pool))); /* def in use */
    x = osPoolAlloc(pool);
    TT_ASSERT_NOT_NULL(x);
    memset(x, 0xFF, sizeof(*x));
    TT_ASSERT_EQ(osPoolFree(pool, x), osOK);
    y = osPoolCAlloc(pool); /* the same block, zero-filled */
    TT_ASSERT_PTR_EQ(y, x);
    x = osPoolAlloc(pool);
    z = osPoolAlloc(pool);
    TT_ASSERT(x != NULL && y != NULL && z != NULL && x != y && y != z && x != z);
    TT_ASSERT_EQ(y->a, 0u);
    TT_ASSERT_EQ(y->b[4], 0u);
    TT_ASSERT_NULL(osPoolAlloc(pool));
    TT_ASSERT_EQ(osPoolFree(pool, &local), osErrorValue);
    TT_ASSERT_EQ(osPoolFree(pool, NULL), osErrorParameter);
    TT_ASSERT_EQ(osPoolFree(NULL, x), osErrorParameter);
    TT_ASSERT_EQ(osPoolFree(pool, x), osOK);
    TT_ASSERT_EQ(osPoolFree(pool, x), osErrorValue); /* double free */
    isr_pool_id = pool;
    in_isr(isr_pool_calls);
    TT_ASSERT_PTR_EQ(isr_pool_blk, x);
    TT_ASSERT_EQ(isr_pool_status, osOK);
    TT_ASSERT_EQ(osPoolFree(pool, y), osOK);
    TT_ASSERT_EQ(osPoolFree(pool, z), osOK);
}

/* ---- message queues
 * ------------------------------------------------------------------------------------------ */

osMessageQDef(v1_msgq, 2, uint32_t);
osMessageQDef(v1_msgq_other, 2, uint32_t);
static osMessageQId msgq_id;

/* v1 queues cannot be deleted: the cases share one, created on first use. */
static osMessageQId shared_msgq(void)
{
    if (msgq_id == NULL) {
        msgq_id = osMessageCreate(osMessageQ(v1_msgq), NULL);
    }
    return msgq_id;
}
static osEvent msg_event;
static uint32_t msg_ms;
static osStatus put_status;

static void msg_getter(void const *arg)
{
    (void)arg;
    msg_event = osMessageGet(msgq_id, msg_ms);
    log_event(1);
}
osThreadDef(msg_getter, osPriorityHigh, 1, HELPER_STACK);

static void msg_putter(void const *arg)
{
    put_status = osMessagePut(msgq_id, (uint32_t)(uintptr_t)arg, msg_ms);
    log_event(2);
}
osThreadDef(msg_putter, osPriorityHigh, 1, HELPER_STACK);

V1_CASE(test_v1_message_queue)
{
    osMessageQId other = osMessageCreate(osMessageQ(v1_msgq_other), NULL);
    osEvent ev;

    TT_ASSERT_NOT_NULL(shared_msgq());
    TT_ASSERT_NOT_NULL(other); /* two definitions, two separate buffers */
    TT_ASSERT_NULL(osMessageCreate(osMessageQ(v1_msgq), NULL));
    TT_ASSERT_EQ(osMessagePut(msgq_id, 11u, 0u), osOK);
    TT_ASSERT_EQ(osMessagePut(other, 99u, 0u), osOK);
    TT_ASSERT_EQ(osMessagePut(msgq_id, 12u, 0u), osOK);
    TT_ASSERT_EQ(osMessagePut(msgq_id, 13u, 0u), osErrorResource);
    TT_ASSERT_EQ(osMessagePut(msgq_id, 13u, 5u), osErrorTimeoutResource);
    ev = osMessageGet(msgq_id, 0u);
    TT_ASSERT_EQ(ev.status, osEventMessage);
    TT_ASSERT_EQ(ev.value.v, 11u);
    TT_ASSERT_PTR_EQ(ev.def.message_id, msgq_id);
    TT_ASSERT_EQ(osMessageGet(msgq_id, 0u).value.v, 12u);
    TT_ASSERT_EQ(osMessageGet(msgq_id, 0u).status, osOK); /* empty, no timeout */
    TT_ASSERT_EQ(osMessageGet(msgq_id, 3u).status, osEventTimeout);
    TT_ASSERT_EQ(osMessageGet(other, 0u).value.v, 99u);
    TT_ASSERT_EQ(osMessageGet(NULL, 0u).status, osErrorParameter);
    TT_ASSERT_EQ(osMessagePut(NULL, 1u, 0u), osErrorParameter);
}

V1_CASE(test_v1_message_queue_blocking)
{
    TT_ASSERT_NOT_NULL(shared_msgq());
    while (osMessageGet(msgq_id, 0u).status == osEventMessage) {
    }
    msg_ms = osWaitForever;
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(msg_getter), NULL));
    TT_ASSERT_EQ(osMessagePut(msgq_id, 42u, 0u), osOK); /* straight to the waiting getter */
    TT_ASSERT_EQ(msg_event.status, osEventMessage);
    TT_ASSERT_EQ(msg_event.value.v, 42u);
    TT_ASSERT_EQ(osMessagePut(msgq_id, 1u, 0u), osOK);
    TT_ASSERT_EQ(osMessagePut(msgq_id, 2u, 0u), osOK);
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(msg_putter), (void *)(uintptr_t)3u));
    TT_ASSERT_EQ(log_len, 1); /* the putter waits for room */
    TT_ASSERT_EQ(osMessageGet(msgq_id, 0u).value.v, 1u);
    TT_ASSERT_EQ(put_status, osOK);
    TT_ASSERT_EQ(osMessageGet(msgq_id, 0u).value.v, 2u);
    TT_ASSERT_EQ(osMessageGet(msgq_id, 0u).value.v, 3u);
}

static osStatus isr_msg_status[2];
static osEvent isr_msg_event[2];

static void isr_msg_calls(void)
{
    isr_msg_status[0] = osMessagePut(msgq_id, 7u, 0u);
    isr_msg_status[1] = osMessagePut(msgq_id, 8u, 10u);
    isr_msg_event[0] = osMessageGet(msgq_id, 0u);
    isr_msg_event[1] = osMessageGet(msgq_id, 10u);
}

V1_CASE(test_v1_message_queue_isr)
{
    TT_ASSERT_NOT_NULL(shared_msgq());
    while (osMessageGet(msgq_id, 0u).status == osEventMessage) {
    }
    in_isr(isr_msg_calls);
    TT_ASSERT_EQ(isr_msg_status[0], osOK);
    TT_ASSERT_EQ(isr_msg_status[1], osErrorParameter);
    TT_ASSERT_EQ(isr_msg_event[0].status, osEventMessage);
    TT_ASSERT_EQ(isr_msg_event[0].value.v, 7u);
    TT_ASSERT_EQ(isr_msg_event[1].status, osErrorParameter);
}

/* ---- mail queues
 * --------------------------------------------------------------------------------------------- */

osMailQDef(v1_mailq, 2, item_t);
static osMailQId mailq_id;
static void *mail_alloc_result;

static void mail_allocator(void const *arg)
{
    (void)arg;
    mail_alloc_result = osMailAlloc(mailq_id, osWaitForever);
    log_event(3);
}
osThreadDef(mail_allocator, osPriorityHigh, 1, HELPER_STACK);

static osEvent isr_mail_event;
static osStatus isr_mail_status[2];
static void *isr_mail;

static void isr_mail_calls(void)
{
    isr_mail = osMailAlloc(mailq_id, 0u);
    isr_mail_status[0] = osMailPut(mailq_id, isr_mail);
    isr_mail_event = osMailGet(mailq_id, 0u);
    isr_mail_status[1] = osMailFree(mailq_id, isr_mail_event.value.p);
}

V1_CASE(test_v1_mail_queue)
{
    item_t *m1, *m2;
    item_t local;
    osEvent ev;

    mailq_id = osMailCreate(osMailQ(v1_mailq), NULL);
    TT_ASSERT_NOT_NULL(mailq_id);
    TT_ASSERT_NULL(osMailCreate(osMailQ(v1_mailq), NULL));
    m1 = osMailAlloc(mailq_id, 0u);
    m2 = osMailCAlloc(mailq_id, 0u);
    TT_ASSERT(m1 != NULL && m2 != NULL && m1 != m2);
    TT_ASSERT_EQ(m2->a, 0u);
    TT_ASSERT_NULL(osMailAlloc(mailq_id, 0u));
    TT_ASSERT_NULL(osMailAlloc(mailq_id, 4u)); /* timed out */
    m1->a = 100u;
    m2->a = 200u;
    TT_ASSERT_EQ(osMailPut(mailq_id, m1), osOK);
    TT_ASSERT_EQ(osMailPut(mailq_id, m2), osOK);
    TT_ASSERT_EQ(osMailPut(mailq_id, &local), osErrorValue);
    TT_ASSERT_EQ(osMailPut(mailq_id, NULL), osErrorParameter);
    ev = osMailGet(mailq_id, 0u);
    TT_ASSERT_EQ(ev.status, osEventMail);
    TT_ASSERT_PTR_EQ(ev.def.mail_id, mailq_id);
    TT_ASSERT_EQ(((item_t *)ev.value.p)->a, 100u);
    /* A waiting allocator gets the slot as soon as it is freed. */
    TT_ASSERT_NOT_NULL(osThreadCreate(osThread(mail_allocator), NULL));
    TT_ASSERT_EQ(log_len, 0);
    TT_ASSERT_EQ(osMailFree(mailq_id, ev.value.p), osOK);
    TT_ASSERT_EQ(log_len, 1);
    TT_ASSERT_PTR_EQ(mail_alloc_result, m1);
    TT_ASSERT_EQ(osMailFree(mailq_id, &local), osErrorValue);
    ev = osMailGet(mailq_id, 0u);
    TT_ASSERT_EQ(((item_t *)ev.value.p)->a, 200u);
    TT_ASSERT_EQ(osMailGet(mailq_id, 0u).status, osOK);
    TT_ASSERT_EQ(osMailGet(mailq_id, 2u).status, osEventTimeout);
    TT_ASSERT_EQ(osMailFree(mailq_id, ev.value.p), osOK);
    TT_ASSERT_EQ(osMailFree(mailq_id, ev.value.p), osErrorValue); /* double free */
    in_isr(isr_mail_calls);
    TT_ASSERT_NOT_NULL(isr_mail);
    TT_ASSERT_EQ(isr_mail_status[0], osOK);
    TT_ASSERT_EQ(isr_mail_event.status, osEventMail);
    TT_ASSERT_PTR_EQ(isr_mail_event.value.p, isr_mail);
    TT_ASSERT_EQ(isr_mail_status[1], osOK);
    TT_ASSERT_EQ(osMailFree(mailq_id, m1), osOK);
}

/* ---- ISR rules of the thread and kernel functions
 * ---------------------------------------------------------------- */

static struct {
    osStatus init, start, terminate, yield, set_prio, delay;
    osThreadId created, id;
    osPriority prio;
    int32_t running;
} isr_result;

static void isr_thread_calls(void)
{
    isr_result.init = osKernelInitialize();
    isr_result.start = osKernelStart();
    isr_result.running = osKernelRunning();
    isr_result.created = osThreadCreate(osThread(worker), NULL);
    isr_result.id = osThreadGetId();
    isr_result.terminate = osThreadTerminate((osThreadId)k_curr_task);
    isr_result.yield = osThreadYield();
    isr_result.set_prio = osThreadSetPriority((osThreadId)k_curr_task, osPriorityLow);
    isr_result.prio = osThreadGetPriority((osThreadId)k_curr_task);
    isr_result.delay = osDelay(1u);
}

V1_CASE(test_v1_isr_rules)
{
    in_isr(isr_thread_calls);
    TT_ASSERT_EQ(isr_result.init, osErrorISR);
    TT_ASSERT_EQ(isr_result.start, osErrorISR);
    TT_ASSERT_EQ(isr_result.running, 1);
    TT_ASSERT_NULL(isr_result.created);
    TT_ASSERT_NULL(isr_result.id);
    TT_ASSERT_EQ(isr_result.terminate, osErrorISR);
    TT_ASSERT_EQ(isr_result.yield, osErrorISR);
    TT_ASSERT_EQ(isr_result.set_prio, osErrorISR);
    TT_ASSERT_EQ(isr_result.prio, osPriorityError);
    TT_ASSERT_EQ(isr_result.delay, osErrorISR);
    TT_ASSERT_EQ(osThreadGetPriority(osThreadGetId()), osPriorityNormal);
}

#if TOS_CFG_MUTEX_EN > 0u
#define V1_MUTEX_CASES                                                   \
    TT_CASE(test_v1_mutex), TT_CASE(test_v1_mutex_priority_inheritance), \
        TT_CASE(test_v1_mutex_isr_rules),
#else
#define V1_MUTEX_CASES
#endif

TT_SUITE("cmsis_os", setup, teardown, TT_CASE(test_v1_kernel), TT_CASE(test_v1_delay_milliseconds),
         TT_CASE(test_v1_thread_instances), TT_CASE(test_v1_thread_dynamic_and_bad_def),
         TT_CASE(test_v1_thread_id_and_priority), TT_CASE(test_v1_thread_terminate),
         TT_CASE(test_v1_timers), TT_CASE(test_v1_signals_set_clear_wait_own),
         TT_CASE(test_v1_signal_wait_all_and_timeout), TT_CASE(test_v1_signals_from_isr),
         V1_MUTEX_CASES TT_CASE(test_v1_semaphore), TT_CASE(test_v1_semaphore_isr_and_delete),
         TT_CASE(test_v1_pool), TT_CASE(test_v1_message_queue),
         TT_CASE(test_v1_message_queue_blocking), TT_CASE(test_v1_message_queue_isr),
         TT_CASE(test_v1_mail_queue), TT_CASE(test_v1_isr_rules));

#else
TT_SUITE_SKIPPED("cmsis_os",
                 "the CMSIS adapters need TOS_CFG_EVENT_EN or a message/mail queue module");
#endif
