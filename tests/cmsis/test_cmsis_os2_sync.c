/*
 * CMSIS-RTOS2 suite: mutexes and semaphores. Ownership, recursion (each
 * level is osOK), non-recursive re-acquire, timeouts, priority inheritance
 * observed through scheduling, owner termination (robust behaviour),
 * delete with waiters; semaphore counting, limits, hand-over order, and
 * ISR use.
 */
#include "cmsis_core.h" /* kernel configuration, CMSIS_CORE_EN */
#include "os2_tt.h"

#if CMSIS_CORE_EN > 0u

typedef struct {
    void *obj;
    uint32_t timeout;
    osStatus_t result;
    uint32_t ticks;
    int tag;
} sync_req_t;

static sync_req_t req[3];

static osThreadId_t start(int i, osThreadFunc_t fn, void *obj, uint32_t timeout, osPriority_t prio)
{
    req[i].obj = obj;
    req[i].timeout = timeout;
    req[i].result = (osStatus_t)12345;
    req[i].tag = i;
    return ct_spawn(fn, &req[i], prio);
}

/* ---- mutex -------------------------------------------------------------------------------------
 */

#if TOS_CFG_MUTEX_EN > 0u

static void mutex_taker(void *arg)
{
    sync_req_t *r = (sync_req_t *)arg;
    uint32_t t0 = osKernelGetTickCount();

    r->result = osMutexAcquire(r->obj, r->timeout);
    r->ticks = osKernelGetTickCount() - t0;
    ct_log(r->tag);
    if (r->result == osOK) {
        (void)osMutexRelease(r->obj);
    }
}

CT_CASE(test_mutex_new_owner_release)
{
    static osTernMutex_t cb;
    osMutexAttr_t attr = {"lock", 0u, &cb, sizeof(cb)};
    osMutexId_t m = osMutexNew(&attr);

    TT_ASSERT_PTR_EQ(m, &cb);
    TT_ASSERT_STR_EQ(osMutexGetName(m), "lock");
    TT_ASSERT_NULL(osMutexGetOwner(m));
    TT_ASSERT_EQ(osMutexRelease(m), osErrorResource); /* not owned */
    TT_ASSERT_EQ(osMutexAcquire(m, 0u), osOK);
    TT_ASSERT_PTR_EQ(osMutexGetOwner(m), osThreadGetId());
    TT_ASSERT_NULL(osMutexNew(&attr)); /* cb holds a live mutex */
    TT_ASSERT_EQ(osMutexRelease(m), osOK);
    TT_ASSERT_NULL(osMutexGetOwner(m));
    TT_ASSERT_EQ(osMutexDelete(m), osOK);
    TT_ASSERT_EQ(osMutexAcquire(m, 0u), osErrorParameter);
    TT_ASSERT_EQ(osMutexRelease(m), osErrorParameter);
    TT_ASSERT_EQ(osMutexDelete(m), osErrorParameter);
    TT_ASSERT_NULL(osMutexGetName(m));
    attr.cb_size = 8u;
    TT_ASSERT_NULL(osMutexNew(&attr));
}

CT_CASE(test_mutex_recursive_levels_are_ok)
{
    osMutexAttr_t attr = {NULL, osMutexRecursive | osMutexPrioInherit, NULL, 0u};
    osMutexId_t m = osMutexNew(&attr);
    osThreadId_t other;

    TT_ASSERT_EQ(osMutexAcquire(m, 0u), osOK);
    TT_ASSERT_EQ(osMutexAcquire(m, 0u), osOK);
    TT_ASSERT_EQ(osMutexAcquire(m, osWaitForever), osOK);
    other = start(0, mutex_taker, m, 0u, osPriorityHigh);
    TT_ASSERT_EQ(req[0].result, osErrorResource);
    TT_ASSERT_EQ(osMutexRelease(m), osOK);
    TT_ASSERT_EQ(osMutexRelease(m), osOK);
    TT_ASSERT_PTR_EQ(osMutexGetOwner(m), osThreadGetId());
    TT_ASSERT_EQ(osMutexRelease(m), osOK);
    TT_ASSERT_NULL(osMutexGetOwner(m));
    TT_ASSERT_EQ(osMutexRelease(m), osErrorResource);
    TT_ASSERT_EQ(osThreadJoin(other), osOK);
    TT_ASSERT_EQ(osMutexDelete(m), osOK);
}

CT_CASE(test_mutex_non_recursive_reacquire_refused)
{
    osMutexId_t m = osMutexNew(NULL);

    TT_ASSERT_EQ(osMutexAcquire(m, 0u), osOK);
    TT_ASSERT_EQ(osMutexAcquire(m, 10u), osErrorResource); /* no self-deadlock either */
    TT_ASSERT_PTR_EQ(osMutexGetOwner(m), osThreadGetId());
    TT_ASSERT_EQ(osMutexRelease(m), osOK);
    TT_ASSERT_EQ(osMutexRelease(m), osErrorResource);
    TT_ASSERT_EQ(osMutexDelete(m), osOK);
}

CT_CASE(test_mutex_timeouts_and_foreign_release)
{
    osMutexId_t m = osMutexNew(NULL);
    osThreadId_t a;
    osThreadId_t b;

    TT_ASSERT_EQ(osMutexAcquire(m, 0u), osOK);
    a = start(0, mutex_taker, m, 0u, osPriorityHigh);
    b = start(1, mutex_taker, m, 8u, osPriorityHigh);
    TT_ASSERT_EQ(osThreadJoin(a), osOK);
    TT_ASSERT_EQ(osThreadJoin(b), osOK);
    TT_ASSERT_EQ(req[0].result, osErrorResource);
    TT_ASSERT_EQ(req[0].ticks, 0u);
    TT_ASSERT_EQ(req[1].result, osErrorTimeout);
    TT_ASSERT_EQ(req[1].ticks, 8u);
    TT_ASSERT_EQ(osMutexRelease(m), osOK);
    TT_ASSERT_EQ(osMutexDelete(m), osOK);
}

static void foreign_releaser(void *arg)
{
    ct_log((int)osMutexRelease(arg));
}

CT_CASE(test_mutex_release_by_non_owner_refused)
{
    osMutexId_t m = osMutexNew(NULL);
    osThreadId_t id;

    TT_ASSERT_EQ(osMutexAcquire(m, 0u), osOK);
    id = ct_spawn(foreign_releaser, m, osPriorityHigh);
    TT_ASSERT_EQ(ct_log_at(0), osErrorResource);
    TT_ASSERT_PTR_EQ(osMutexGetOwner(m), osThreadGetId());
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
    TT_ASSERT_EQ(osMutexRelease(m), osOK);
    TT_ASSERT_EQ(osMutexDelete(m), osOK);
}

/*
 * Priority inheritance: `low` holds the mutex, `high` waits for it, and
 * `mid` (between them) becomes ready. With inheritance `low` outranks
 * `mid`, releases, `high` runs, and only then `mid`.
 */
static osMutexId_t pi_mutex;
static osSemaphoreId_t pi_go;
static osPriority_t pi_boosted;
static osPriority_t pi_after;

static void pi_low(void *arg)
{
    (void)arg;
    (void)osMutexAcquire(pi_mutex, osWaitForever);
    ct_log(1);
    (void)osSemaphoreAcquire(pi_go, osWaitForever); /* holds the mutex meanwhile */
    pi_boosted = osThreadGetPriority(osThreadGetId());
    ct_log(2);
    (void)osMutexRelease(pi_mutex); /* `high` takes over at once */
    pi_after = osThreadGetPriority(osThreadGetId());
    ct_log(5);
}

static void pi_high(void *arg)
{
    (void)arg;
    ct_log(osMutexAcquire(pi_mutex, osWaitForever) == osOK ? 3 : -3);
    (void)osMutexRelease(pi_mutex);
}

static void pi_mid(void *arg)
{
    (void)arg;
    ct_log(4);
}

CT_CASE(test_mutex_priority_inheritance)
{
    osMutexAttr_t attr = {"pi", osMutexPrioInherit, NULL, 0u};
    osThreadId_t low, high, mid;

    pi_mutex = osMutexNew(&attr);
    pi_go = osSemaphoreNew(1u, 0u, NULL);
    low = ct_spawn(pi_low, NULL, osPriorityLow);
    TT_ASSERT_EQ(osDelay(CT_SETTLE), osOK); /* low takes the mutex and waits for `go` */
    high = ct_spawn(pi_high, NULL, osPriorityHigh);
    TT_ASSERT_EQ(osThreadGetPriority(low), osPriorityHigh); /* inherited from `high` */
    mid = ct_spawn(pi_mid, NULL, osPriorityBelowNormal);
    /* `low` now outranks the body and `mid`: it runs, releases, `high` runs. */
    TT_ASSERT_EQ(osSemaphoreRelease(pi_go), osOK);
    TT_ASSERT_EQ(ct_log_count(), 3);
    TT_ASSERT_EQ(osThreadJoin(high), osOK);
    TT_ASSERT_EQ(osThreadJoin(mid), osOK);
    TT_ASSERT_EQ(osThreadJoin(low), osOK);
    /* Without inheritance `mid` (4) would have run before `low` released (2). */
    TT_ASSERT_EQ(ct_log_count(), 5);
    TT_ASSERT_EQ(ct_log_at(0), 1);
    TT_ASSERT_EQ(ct_log_at(1), 2);
    TT_ASSERT_EQ(ct_log_at(2), 3);
    TT_ASSERT_EQ(ct_log_at(3), 4);
    TT_ASSERT_EQ(ct_log_at(4), 5);
    TT_ASSERT_EQ(pi_boosted, osPriorityHigh);
    TT_ASSERT_EQ(pi_after, osPriorityLow);
    TT_ASSERT_EQ(osMutexDelete(pi_mutex), osOK);
    TT_ASSERT_EQ(osSemaphoreDelete(pi_go), osOK);
}

static void holder_forever(void *arg)
{
    (void)osMutexAcquire(arg, osWaitForever);
    ct_log(1);
    (void)osDelay(osWaitForever);
}

CT_CASE(test_mutex_owner_termination_releases_to_waiter)
{
    osMutexAttr_t attr = {"robust", osMutexRobust, NULL, 0u};
    osMutexId_t m = osMutexNew(&attr);
    osThreadId_t owner = ct_spawn(holder_forever, m, osPriorityHigh);
    osThreadId_t waiter = start(0, mutex_taker, m, 100u, osPriorityAboveNormal);

    TT_ASSERT_PTR_EQ(osMutexGetOwner(m), owner);
    TT_ASSERT_EQ(osThreadTerminate(owner), osOK);
    /* The waiter got the mutex (and released it again). */
    TT_ASSERT_EQ(osThreadJoin(waiter), osOK);
    TT_ASSERT_EQ(req[0].result, osOK);
    TT_ASSERT_EQ(req[0].ticks, 0u);
    TT_ASSERT_NULL(osMutexGetOwner(m));
    TT_ASSERT_EQ(osThreadJoin(owner), osOK);
    TT_ASSERT_EQ(osMutexDelete(m), osOK);
}

CT_CASE(test_mutex_delete_with_waiter)
{
    osMutexId_t m = osMutexNew(NULL);
    osThreadId_t waiter;

    TT_ASSERT_EQ(osMutexAcquire(m, 0u), osOK);
    waiter = start(0, mutex_taker, m, osWaitForever, osPriorityHigh);
    TT_ASSERT_EQ(osMutexDelete(m), osOK);
    TT_ASSERT_EQ(osThreadJoin(waiter), osOK);
    TT_ASSERT_EQ(req[0].result, osErrorResource);
}

CT_CASE(test_mutex_acquire_while_locked)
{
    osMutexId_t m = osMutexNew(NULL);
    osThreadId_t holder = ct_spawn(holder_forever, m, osPriorityHigh);

    TT_ASSERT_EQ(osKernelLock(), 0);
    TT_ASSERT_EQ(osMutexAcquire(m, 10u), osErrorResource); /* cannot block while locked */
    TT_ASSERT_EQ(osKernelUnlock(), 1);
    TT_ASSERT_EQ(osThreadTerminate(holder), osOK);
    TT_ASSERT_EQ(osThreadJoin(holder), osOK);
    TT_ASSERT_EQ(osMutexDelete(m), osOK);
}

static osMutexId_t isr_mutex;
static osStatus_t isr_mutex_status[3];
static void *isr_mutex_ptr[3];

static void isr_mutex_calls(void)
{
    isr_mutex_ptr[0] = osMutexNew(NULL);
    isr_mutex_status[0] = osMutexAcquire(isr_mutex, 0u);
    isr_mutex_status[1] = osMutexRelease(isr_mutex);
    isr_mutex_status[2] = osMutexDelete(isr_mutex);
    isr_mutex_ptr[1] = osMutexGetOwner(isr_mutex);
    isr_mutex_ptr[2] = (void *)(uintptr_t)osMutexGetName(isr_mutex);
}

CT_CASE(test_mutex_isr_rules)
{
    osMutexAttr_t attr = {"isr", 0u, NULL, 0u};

    isr_mutex = osMutexNew(&attr);
    TT_ASSERT_EQ(osMutexAcquire(isr_mutex, 0u), osOK);
    ct_in_isr(isr_mutex_calls);
    TT_ASSERT_NULL(isr_mutex_ptr[0]);
    TT_ASSERT_EQ(isr_mutex_status[0], osErrorISR);
    TT_ASSERT_EQ(isr_mutex_status[1], osErrorISR);
    TT_ASSERT_EQ(isr_mutex_status[2], osErrorISR);
    TT_ASSERT_NULL(isr_mutex_ptr[1]);
    TT_ASSERT_NULL(isr_mutex_ptr[2]);
    TT_ASSERT_PTR_EQ(osMutexGetOwner(isr_mutex), osThreadGetId());
    TT_ASSERT_EQ(osMutexRelease(isr_mutex), osOK);
    TT_ASSERT_EQ(osMutexDelete(isr_mutex), osOK);
}

#endif /* TOS_CFG_MUTEX_EN */

/* ---- semaphore ----------------------------------------------------------------------------------
 */

static void sem_taker(void *arg)
{
    sync_req_t *r = (sync_req_t *)arg;
    uint32_t t0 = osKernelGetTickCount();

    r->result = osSemaphoreAcquire(r->obj, r->timeout);
    r->ticks = osKernelGetTickCount() - t0;
    ct_log(r->tag);
}

CT_CASE(test_semaphore_new_count_limits)
{
    static osTernSemaphore_t cb;
    osSemaphoreAttr_t attr = {"sem", 0u, &cb, sizeof(cb)};
    osSemaphoreId_t s = osSemaphoreNew(3u, 2u, &attr);

    TT_ASSERT_PTR_EQ(s, &cb);
    TT_ASSERT_STR_EQ(osSemaphoreGetName(s), "sem");
    TT_ASSERT_EQ(osSemaphoreGetCount(s), 2u);
    TT_ASSERT_EQ(osSemaphoreAcquire(s, 0u), osOK);
    TT_ASSERT_EQ(osSemaphoreAcquire(s, 0u), osOK);
    TT_ASSERT_EQ(osSemaphoreAcquire(s, 0u), osErrorResource);
    TT_ASSERT_EQ(osSemaphoreGetCount(s), 0u);
    TT_ASSERT_EQ(osSemaphoreRelease(s), osOK);
    TT_ASSERT_EQ(osSemaphoreRelease(s), osOK);
    TT_ASSERT_EQ(osSemaphoreRelease(s), osOK);
    TT_ASSERT_EQ(osSemaphoreRelease(s), osErrorResource); /* max_count reached */
    TT_ASSERT_EQ(osSemaphoreGetCount(s), 3u);
    TT_ASSERT_EQ(osSemaphoreDelete(s), osOK);
    TT_ASSERT_EQ(osSemaphoreAcquire(s, 0u), osErrorParameter);
    TT_ASSERT_EQ(osSemaphoreRelease(s), osErrorParameter);
    TT_ASSERT_EQ(osSemaphoreGetCount(s), 0u);
    TT_ASSERT_EQ(osSemaphoreDelete(s), osErrorParameter);
    TT_ASSERT_NULL(osSemaphoreNew(0u, 0u, NULL));
    TT_ASSERT_NULL(osSemaphoreNew(1u, 2u, NULL));
    attr.cb_size = 4u;
    TT_ASSERT_NULL(osSemaphoreNew(1u, 0u, &attr));
    s = osSemaphoreNew(0xFFFFFFFFu, 0xFFFFFFFFu, NULL); /* the full 32-bit range */
    TT_ASSERT_EQ(osSemaphoreGetCount(s), 0xFFFFFFFFu);
    TT_ASSERT_EQ(osSemaphoreRelease(s), osErrorResource);
    TT_ASSERT_EQ(osSemaphoreDelete(s), osOK);
}

CT_CASE(test_semaphore_timeout)
{
    osSemaphoreId_t s = osSemaphoreNew(1u, 0u, NULL);
    uint32_t t0 = osKernelGetTickCount();

    TT_ASSERT_EQ(osSemaphoreAcquire(s, 11u), osErrorTimeout);
    TT_ASSERT_EQ(osKernelGetTickCount() - t0, 11u);
    TT_ASSERT_EQ(osSemaphoreDelete(s), osOK);
}

CT_CASE(test_semaphore_hands_tokens_by_priority)
{
    osSemaphoreId_t s = osSemaphoreNew(2u, 0u, NULL);
    osThreadId_t a = start(0, sem_taker, s, osWaitForever, osPriorityAboveNormal);
    osThreadId_t b = start(1, sem_taker, s, osWaitForever, osPriorityRealtime);
    osThreadId_t c = start(2, sem_taker, s, osWaitForever, osPriorityAboveNormal);

    TT_ASSERT_EQ(osSemaphoreRelease(s), osOK);
    TT_ASSERT_EQ(osSemaphoreGetCount(s), 0u); /* handed over, not counted */
    TT_ASSERT_EQ(osSemaphoreRelease(s), osOK);
    TT_ASSERT_EQ(osSemaphoreRelease(s), osOK);
    TT_ASSERT_EQ(ct_log_count(), 3);
    TT_ASSERT_EQ(ct_log_at(0), 1); /* most urgent first, */
    TT_ASSERT_EQ(ct_log_at(1), 0); /* then FIFO among equals */
    TT_ASSERT_EQ(ct_log_at(2), 2);
    TT_ASSERT_EQ(osThreadJoin(a), osOK);
    TT_ASSERT_EQ(osThreadJoin(b), osOK);
    TT_ASSERT_EQ(osThreadJoin(c), osOK);
    TT_ASSERT_EQ(osSemaphoreDelete(s), osOK);
}

CT_CASE(test_semaphore_delete_with_waiters)
{
    osSemaphoreId_t s = osSemaphoreNew(1u, 0u, NULL);
    osThreadId_t a = start(0, sem_taker, s, osWaitForever, osPriorityHigh);

    TT_ASSERT_EQ(osSemaphoreDelete(s), osOK);
    TT_ASSERT_EQ(osThreadJoin(a), osOK);
    TT_ASSERT_EQ(req[0].result, osErrorResource);
}

static osSemaphoreId_t isr_sem;
static osStatus_t isr_sem_status[5];
static uint32_t isr_sem_count;
static void *isr_sem_ptr[2];

static void isr_semaphore_calls(void)
{
    isr_sem_status[0] = osSemaphoreAcquire(isr_sem, 0u);
    isr_sem_status[1] = osSemaphoreAcquire(isr_sem, 0u);
    isr_sem_status[2] = osSemaphoreAcquire(isr_sem, 5u);
    isr_sem_status[3] = osSemaphoreRelease(isr_sem);
    isr_sem_status[4] = osSemaphoreDelete(isr_sem);
    isr_sem_count = osSemaphoreGetCount(isr_sem);
    isr_sem_ptr[0] = osSemaphoreNew(1u, 1u, NULL);
    isr_sem_ptr[1] = (void *)(uintptr_t)osSemaphoreGetName(isr_sem);
}

CT_CASE(test_semaphore_from_isr)
{
    isr_sem = osSemaphoreNew(2u, 1u, NULL);
    ct_in_isr(isr_semaphore_calls);
    TT_ASSERT_EQ(isr_sem_status[0], osOK);
    TT_ASSERT_EQ(isr_sem_status[1], osErrorResource);
    TT_ASSERT_EQ(isr_sem_status[2], osErrorParameter); /* an ISR cannot wait */
    TT_ASSERT_EQ(isr_sem_status[3], osOK);
    TT_ASSERT_EQ(isr_sem_status[4], osErrorISR);
    TT_ASSERT_EQ(isr_sem_count, 1u);
    TT_ASSERT_NULL(isr_sem_ptr[0]);
    TT_ASSERT_NULL(isr_sem_ptr[1]);
    TT_ASSERT_EQ(osSemaphoreDelete(isr_sem), osOK);
}

static void isr_release_only(void)
{
    isr_sem_status[0] = osSemaphoreRelease(isr_sem);
}

CT_CASE(test_semaphore_isr_release_wakes_waiter)
{
    osThreadId_t a;

    isr_sem = osSemaphoreNew(1u, 0u, NULL);
    a = start(0, sem_taker, isr_sem, osWaitForever, osPriorityHigh);
    ct_in_isr(isr_release_only);
    TT_ASSERT_EQ(isr_sem_status[0], osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(req[0].result, osOK);
    TT_ASSERT_EQ(osThreadJoin(a), osOK);
    TT_ASSERT_EQ(osSemaphoreDelete(isr_sem), osOK);
}

#if TOS_CFG_MUTEX_EN > 0u
#define MUTEX_CASES                                                                       \
    TT_CASE(test_mutex_new_owner_release), TT_CASE(test_mutex_recursive_levels_are_ok),   \
        TT_CASE(test_mutex_non_recursive_reacquire_refused),                              \
        TT_CASE(test_mutex_timeouts_and_foreign_release),                                 \
        TT_CASE(test_mutex_release_by_non_owner_refused),                                 \
        TT_CASE(test_mutex_priority_inheritance),                                         \
        TT_CASE(test_mutex_owner_termination_releases_to_waiter),                         \
        TT_CASE(test_mutex_delete_with_waiter), TT_CASE(test_mutex_acquire_while_locked), \
        TT_CASE(test_mutex_isr_rules),
#else
#define MUTEX_CASES
#endif

TT_SUITE("cmsis_os2_sync", ct_setup, ct_teardown,
         MUTEX_CASES TT_CASE(test_semaphore_new_count_limits), TT_CASE(test_semaphore_timeout),
         TT_CASE(test_semaphore_hands_tokens_by_priority),
         TT_CASE(test_semaphore_delete_with_waiters), TT_CASE(test_semaphore_from_isr),
         TT_CASE(test_semaphore_isr_release_wakes_waiter));

#else
TT_SUITE_SKIPPED("cmsis_os2_sync",
                 "the CMSIS adapters need TOS_CFG_EVENT_EN or a message/mail queue module");
#endif
