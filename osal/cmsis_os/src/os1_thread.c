/*
 * CMSIS-RTOS v1 adapter: kernel control, threads, osDelay and signals,
 * plus the helpers shared by the other os1_*.c files.
 *
 * Threads are core CMSIS threads (see core_thread.c), always detached (v1
 * has no join): a thread's memory is back in its definition's storage as
 * soon as it ends. Signals are the thread's core flags.
 */
#include "os1_private.h"

#if CMSIS_CORE_EN > 0u

const uint32_t os_tern_systick_frequency = (uint32_t)TOS_CFG_CPU_CLOCK;

/* ---- helpers ---------------------------------------------------------------------------- */

osStatus os1_ctx_check(int isr_ok)
{
    cmsis_ctx_t ctx = cmsis_ctx();
    osStatus status = osOK;

    if (ctx == CMSIS_CTX_FOREIGN) {
        status = osErrorOS;
    } else if (ctx == CMSIS_CTX_ISR && !isr_ok) {
        status = osErrorISR;
    }
    return status;
}

k_tick_t os1_ticks(uint32_t millisec)
{
    k_tick_t ticks = TOS_TIME_FOREVER;

    if (millisec != osWaitForever) {
        /* Rounded up: a wait never ends before the time asked for. */
        ticks = (k_tick_t)(((uint64_t)millisec * TOS_CFG_CPU_TICK_PER_SECOND + 999u) / 1000u);
    }
    return ticks;
}

int os1_prio_valid(osPriority prio)
{
    return prio >= osPriorityIdle && prio <= osPriorityRealtime;
}

/* v1 levels on the CMSIS-RTOS2 scale: Idle, Low, BelowNormal, ..., Realtime. */
static const int32_t os1_prio_scale[7] = {1, 8, 16, 24, 32, 40, 48};

k_prio_t os1_prio_to_kernel(osPriority prio)
{
    return cmsis_prio_to_kernel(os1_prio_scale[(int)prio - (int)osPriorityIdle]);
}

osPriority os1_prio_from_kernel(k_prio_t prio)
{
    int32_t scaled = cmsis_prio_from_kernel(prio);
    int level = 0;

    while (level < 6 && scaled >= os1_prio_scale[level + 1]) {
        ++level;
    }
    return (osPriority)(level + (int)osPriorityIdle);
}

void *os1_object_of(const void *id, uint32_t magic)
{
    uint32_t found = 0u;

    if (id != K_NULL) {
        memcpy(&found, id, sizeof(found));
    }
    return found == magic ? (void *)(uintptr_t)id : K_NULL;
}

void *os1_storage_claim(osTernStorage_t *cb, size_t size, uint32_t magic)
{
    int dynamic;

    /* The definition macros reserve osTernXxxCbSize bytes; the asserts make that enough. */
    return cb != K_NULL ? cmsis_cb_get(cb, (uint32_t)size, size, sizeof(osTernStorage_t), 0u, magic,
                                       &dynamic)
                        : K_NULL;
}

/* ---- kernel -------------------------------------------------------------------------------- */

osStatus osKernelInitialize(void)
{
    osStatus status = os1_ctx_check(K_FALSE);

    if (status == osOK && tos_knl_is_running()) {
        status = osErrorOS;
    } else if (status == osOK && !cmsis_kernel_initialized()) {
        status = tos_knl_init() == K_ERR_NONE ? osOK : osErrorOS;
    }
    return status;
}

osStatus osKernelStart(void)
{
    osStatus status = os1_ctx_check(K_FALSE);

    if (status == osOK && (tos_knl_is_running() || !cmsis_kernel_initialized())) {
        status = osErrorOS;
    }
    if (status == osOK) {
        (void)tos_knl_start(); /* returns only if the kernel could not start */
        status = osErrorOS;
    }
    return status;
}

int32_t osKernelRunning(void)
{
    return tos_knl_is_running() ? 1 : 0;
}

uint32_t osKernelSysTick(void)
{
    return (uint32_t)(tos_systick_get() * (k_tick_t)k_cpu_cycle_per_tick);
}

/* ---- threads -------------------------------------------------------------------------------- */

/* Tries each instance of the definition until one is free. */
static cmsis_thread_t *os1_thread_start(const osThreadDef_t *def, cmsis_thread_cfg_t *cfg,
                                        void *argument)
{
    size_t cb_words = osTernWords(osTernThreadCbSize);
    size_t stk_words = osTernWords(osTernStackBytes(def->stacksize));
    cmsis_thread_t *t = K_NULL;
    uint32_t i;

    for (i = 0u; i < def->instances && t == K_NULL; ++i) {
        cfg->cb_mem = def->cb + i * cb_words;
        cfg->cb_size = (uint32_t)(cb_words * sizeof(osTernStorage_t));
        cfg->stack_mem = def->stack + i * stk_words;
        if (cmsis_thread_create(cfg, (cmsis_func_t)def->pthread, argument, &t) != K_ERR_NONE) {
            t = K_NULL;
        }
    }
    return t;
}

osThreadId osThreadCreate(const osThreadDef_t *thread_def, void *argument)
{
    cmsis_thread_cfg_t cfg;
    cmsis_thread_t *t = K_NULL;
    int locked;

    if (os1_ctx_check(K_FALSE) == osOK && thread_def != K_NULL && thread_def->pthread != K_NULL &&
        os1_prio_valid(thread_def->tpriority) && thread_def->instances > 0u) {
        memset(&cfg, 0, sizeof(cfg));
        cfg.name = thread_def->name;
        cfg.attr = CMSIS_THREAD_V1;
        cfg.stack_size = (uint32_t)osTernStackBytes(thread_def->stacksize);
        cfg.prio = os1_prio_to_kernel(thread_def->tpriority);
        cfg.api_prio = (int32_t)thread_def->tpriority;
        /* Two creators must not pick the same free instance. */
        locked = tos_knl_sched_lock() == K_ERR_NONE;
        if (thread_def->cb == K_NULL) {
            (void)cmsis_thread_create(&cfg, (cmsis_func_t)thread_def->pthread, argument, &t);
        } else {
            t = os1_thread_start(thread_def, &cfg, argument);
        }
        if (locked) {
            (void)tos_knl_sched_unlock();
        }
    }
    return (osThreadId)t;
}

osThreadId osThreadGetId(void)
{
    return os1_ctx_check(K_FALSE) == osOK ? (osThreadId)tos_task_curr_task_get() : K_NULL;
}

/* The kernel task of a valid thread id (v1 threads are never zombies), else NULL. */
static k_task_t *os1_task_of(osThreadId id)
{
    k_task_t *task = (k_task_t *)id;

    return cmsis_task_is_live(task) ? task : K_NULL;
}

osStatus osThreadTerminate(osThreadId thread_id)
{
    osStatus status = os1_ctx_check(K_FALSE);
    k_task_t *task = status == osOK ? os1_task_of(thread_id) : K_NULL;

    if (status == osOK && task == K_NULL) {
        status = osErrorParameter;
    } else if (status == osOK) {
        status = cmsis_task_terminate(task) == K_ERR_NONE ? osOK : osErrorResource;
        cmsis_reap();
    }
    return status;
}

osStatus osThreadYield(void)
{
    osStatus status = os1_ctx_check(K_FALSE);

    if (status == osOK) {
        tos_task_yield();
    }
    return status;
}

osStatus osThreadSetPriority(osThreadId thread_id, osPriority priority)
{
    osStatus status = os1_ctx_check(K_FALSE);
    k_task_t *task = status == osOK ? os1_task_of(thread_id) : K_NULL;
    cmsis_thread_t *t = cmsis_thread_of(task);

    if (status == osOK && task == K_NULL) {
        status = osErrorParameter;
    } else if (status == osOK && !os1_prio_valid(priority)) {
        status = osErrorValue;
    } else if (status == osOK) {
        status = tos_task_prio_change(task, os1_prio_to_kernel(priority)) == K_ERR_NONE
                     ? osOK
                     : osErrorResource;
        if (status == osOK && t != K_NULL) {
            t->api_prio = (int32_t)priority;
        }
    }
    return status;
}

osPriority osThreadGetPriority(osThreadId thread_id)
{
    k_task_t *task = os1_ctx_check(K_FALSE) == osOK ? os1_task_of(thread_id) : K_NULL;
    cmsis_thread_t *t = cmsis_thread_of(task);
    osPriority prio = osPriorityError;
    int32_t inherited;

    if (task == K_NULL) {
        /* osPriorityError */
    } else if (t != K_NULL && task->prio == os1_prio_to_kernel((osPriority)t->api_prio)) {
        prio = (osPriority)t->api_prio;
    } else if (cmsis_task_inherited_prio(task, CMSIS_THREAD_V1, &inherited)) {
        prio = (osPriority)inherited; /* raised to a waiting thread's priority */
    } else {
        prio = os1_prio_from_kernel(task->prio);
    }
    return prio;
}

/* ---- osDelay ------------------------------------------------------------------------------------
 */

/* osDelay(osWaitForever): a wait nobody posts. */
static k_err_t os1_sleep_forever(void)
{
    pend_obj_t never;
    cmsis_waiter_t w;
    TOS_CPU_CPSR_ALLOC();

    pend_object_init(&never);
    TOS_CPU_INT_DISABLE();
    return cmsis_wait(&never, &w, TOS_TIME_FOREVER, cpu_cpsr);
}

osStatus osDelay(uint32_t millisec)
{
    osStatus status = os1_ctx_check(K_FALSE);
    k_err_t err;

    if (status == osOK) {
        if (millisec == osWaitForever) {
            err = os1_sleep_forever();
            err = err == K_ERR_PEND_TIMEOUT ? K_ERR_NONE : err;
        } else {
            err = tos_task_delay(os1_ticks(millisec)); /* 0: yields */
        }
        status = err == K_ERR_NONE ? osEventTimeout : osErrorOS;
    }
    return status;
}

/* ---- signals
 * --------------------------------------------------------------------------------------- */

/* The live CMSIS thread for the signal functions, or NULL. */
static cmsis_thread_t *os1_signal_thread(osThreadId thread_id, int isr_ok)
{
    cmsis_thread_t *t = os1_ctx_check(isr_ok) == osOK ? cmsis_thread_of(thread_id) : K_NULL;

    return t != K_NULL && (t->attr & CMSIS_THREAD_ZOMBIE) == 0u ? t : K_NULL;
}

int32_t osSignalSet(osThreadId thread_id, int32_t signals)
{
    cmsis_thread_t *t = os1_signal_thread(thread_id, K_TRUE);
    uint32_t before = (uint32_t)OS1_SIGNAL_ERROR;

    if (t != K_NULL && signals >= 0) {
        (void)cmsis_flags_set(&t->tflags, (uint32_t)signals, &before);
    }
    return (int32_t)before;
}

int32_t osSignalClear(osThreadId thread_id, int32_t signals)
{
    cmsis_thread_t *t = os1_signal_thread(thread_id, K_FALSE);
    uint32_t before = (uint32_t)OS1_SIGNAL_ERROR;

    if (t != K_NULL && signals >= 0) {
        before = cmsis_flags_clear(&t->tflags, (uint32_t)signals);
    }
    return (int32_t)before;
}

/* The status of a signal wait that did not get its signals. */
static osStatus os1_signal_wait_status(k_err_t err)
{
    osStatus status = osErrorOS;

    if (err == K_ERR_PEND_NOWAIT) {
        status = osOK;
    } else if (err == K_ERR_PEND_TIMEOUT) {
        status = osEventTimeout;
    }
    return status;
}

osEvent osSignalWait(int32_t signals, uint32_t millisec)
{
    osEvent event;
    cmsis_thread_t *t = K_NULL;
    uint32_t wanted = signals != 0 ? (uint32_t)signals : CMSIS_FLAGS_MASK;
    uint32_t pattern = 0u;
    k_err_t err;

    memset(&event, 0, sizeof(event));
    event.status = os1_ctx_check(K_FALSE);
    if (event.status == osOK && signals < 0) {
        event.status = osErrorValue;
    } else if (event.status == osOK) {
        t = cmsis_thread_self();
        event.status = t != K_NULL ? osOK : osErrorOS;
    }
    if (t != K_NULL) {
        err = cmsis_flags_wait(&t->tflags, wanted, signals != 0 ? CMSIS_FLAGS_WAIT_ALL : 0u,
                               os1_ticks(millisec), &pattern);
        event.status = err == K_ERR_NONE ? osEventSignal : os1_signal_wait_status(err);
        event.value.signals = err == K_ERR_NONE ? (int32_t)pattern : 0;
    }
    return event;
}

#endif /* CMSIS_CORE_EN */
