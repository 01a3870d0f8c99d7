/*
 * CMSIS-RTOS2 adapter: kernel information and control, generic waits.
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

/* Versions as decimal mmnnnrrrr: API 2.1.3, kernel Tern's own release. */
#define OS2_API_VERSION 20010003u
#define OS2_KERNEL_VERSION                                                              \
    ((uint32_t)TERN_VERSION_MAJOR * 10000000u + (uint32_t)TERN_VERSION_MINOR * 10000u + \
     (uint32_t)TERN_VERSION_PATCH)

/* osDelayUntil: the farthest target accepted, in ticks from now. */
#define OS2_DELAY_UNTIL_MAX 0x7FFFFFFFu

osStatus_t osKernelInitialize(void)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    if (status == osOK && tos_knl_is_running()) {
        status = osError;
    } else if (status == osOK && !cmsis_kernel_initialized()) {
        /* Once only: the kernel does not support a second tos_knl_init(). */
        status = tos_knl_init() == K_ERR_NONE ? osOK : osError;
    }
    return status;
}

osStatus_t osKernelGetInfo(osVersion_t *version, char *id_buf, uint32_t id_size)
{
    static const char id[] = osKernelSystemId;
    size_t len = sizeof(id) - 1u;

    if (version != K_NULL) {
        version->api = OS2_API_VERSION;
        version->kernel = OS2_KERNEL_VERSION;
    }
    if (id_buf != K_NULL && id_size > 0u) {
        len = len < id_size - 1u ? len : id_size - 1u;
        memcpy(id_buf, id, len);
        id_buf[len] = '\0';
    }
    return osOK;
}

osKernelState_t osKernelGetState(void)
{
    osKernelState_t state = osKernelInactive;

    if (tos_knl_is_running()) {
        if (cmsis_kernel_suspended()) {
            state = osKernelSuspended;
        } else {
            state = cmsis_kernel_locked() ? osKernelLocked : osKernelRunning;
        }
    } else if (cmsis_kernel_initialized()) {
        state = osKernelReady;
    }
    return state;
}

osStatus_t osKernelStart(void)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    if (status == osOK && osKernelGetState() != osKernelReady) {
        status = osError;
    }
    if (status == osOK) {
        (void)tos_knl_start(); /* returns only if the kernel could not start */
        status = osError;
    }
    return status;
}

/* Common checks of the lock functions: osOK or the (negative) error. */
static osStatus_t os2_lock_check(void)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    if (status == osOK && (!tos_knl_is_running() || cmsis_kernel_suspended())) {
        status = osError;
    }
    return status;
}

/* Sets the lock state; returns the previous one, or an error. */
static int32_t os2_lock_set(int lock)
{
    int32_t result = (int32_t)os2_lock_check();
    int32_t previous = cmsis_kernel_locked() ? 1 : 0;

    if (result == (int32_t)osOK) {
        result = cmsis_kernel_lock_set(lock) == K_ERR_NONE ? previous : (int32_t)osError;
    }
    return result;
}

int32_t osKernelLock(void)
{
    return os2_lock_set(K_TRUE);
}

int32_t osKernelUnlock(void)
{
    return os2_lock_set(K_FALSE);
}

int32_t osKernelRestoreLock(int32_t lock)
{
    int32_t result = (int32_t)os2_lock_check();

    if (result == (int32_t)osOK && lock != 0 && lock != 1) {
        result = (int32_t)osError;
    }
    if (result == (int32_t)osOK) {
        result = os2_lock_set(lock) >= 0 ? lock : (int32_t)osError;
    }
    return result;
}

uint32_t osKernelSuspend(void)
{
    uint32_t ticks = 0u;
    k_tick_t next;

    if (os2_ctx_check(K_FALSE) == osOK && osKernelGetState() == osKernelRunning) {
        next = cmsis_kernel_suspend();
        if (next == TOS_TIME_FOREVER) {
            ticks = osWaitForever;
        } else {
            /* Below osWaitForever, which would mean "no deadline". */
            ticks = next < (k_tick_t)osWaitForever ? (uint32_t)next : osWaitForever - 1u;
        }
    }
    return ticks;
}

void osKernelResume(uint32_t sleep_ticks)
{
    if (os2_ctx_check(K_FALSE) == osOK) {
        cmsis_kernel_resume((k_tick_t)sleep_ticks);
    }
}

uint32_t osKernelGetTickCount(void)
{
    return (uint32_t)tos_systick_get();
}

uint32_t osKernelGetTickFreq(void)
{
    return (uint32_t)TOS_CFG_CPU_TICK_PER_SECOND;
}

uint32_t osKernelGetSysTimerCount(void)
{
    /* No sub-tick counter in the port contract: whole ticks in CPU cycles. */
    return (uint32_t)(tos_systick_get() * (k_tick_t)k_cpu_cycle_per_tick);
}

uint32_t osKernelGetSysTimerFreq(void)
{
    return (uint32_t)TOS_CFG_CPU_CLOCK;
}

/* ---- generic wait ------------------------------------------------------------ */

/* Sleeps until resumed (osDelay(osWaitForever)): a wait nobody posts. */
static k_err_t os2_sleep_forever(void)
{
    pend_obj_t never;
    cmsis_waiter_t w;
    k_err_t err;
    TOS_CPU_CPSR_ALLOC();

    pend_object_init(&never);
    TOS_CPU_INT_DISABLE();
    err = cmsis_wait(&never, &w, TOS_TIME_FOREVER, cpu_cpsr);
    /* Ended by osThreadResume: a completed delay. */
    return err == K_ERR_PEND_TIMEOUT ? K_ERR_NONE : err;
}

/* The delay's outcome: it cannot run while the kernel is locked or stopped. */
static osStatus_t os2_delay_status(k_err_t err)
{
    return err == K_ERR_NONE ? osOK : osError;
}

osStatus_t osDelay(uint32_t ticks)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    if (status == osOK && ticks == 0u) {
        status = osErrorParameter;
    } else if (status == osOK && ticks == osWaitForever) {
        status = os2_delay_status(os2_sleep_forever());
    } else if (status == osOK) {
        status = os2_delay_status(tos_task_delay((k_tick_t)ticks));
    }
    return status;
}

osStatus_t osDelayUntil(uint32_t ticks)
{
    osStatus_t status = os2_ctx_check(K_FALSE);
    uint32_t delta = ticks - osKernelGetTickCount();

    if (status == osOK && (delta == 0u || delta > OS2_DELAY_UNTIL_MAX)) {
        status = osErrorParameter;
    }
    if (status == osOK) {
        status = os2_delay_status(tos_task_delay((k_tick_t)delta));
    }
    return status;
}

#endif /* CMSIS_CORE_EN */
