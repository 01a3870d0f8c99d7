/*
 * CMSIS-RTOS v1 adapter: timers (kernel software timers), mutexes (kernel
 * mutexes: recursive, priority inheritance) and semaphores (core
 * semaphores, osFeature_Semaphore tokens).
 */
#include "os1_private.h"

#if CMSIS_CORE_EN > 0u

/* Common checks of the functions taking an object id: osOK and *obj, or the error. */
static osStatus os1_check(const void *id, uint32_t magic, int isr_ok, void **obj)
{
    osStatus status = os1_ctx_check(isr_ok);

    *obj = status == osOK ? os1_object_of(id, magic) : K_NULL;
    if (status == osOK && *obj == K_NULL) {
        status = osErrorParameter;
    }
    return status;
}

/* ---- timers ------------------------------------------------------------------------------ */

#if TOS_CFG_TIMER_EN > 0u

/* The kernel calls back with void *; v1 callbacks take const void *. */
static void os1_timer_callback(void *arg)
{
    os1_timer_t *tm = (os1_timer_t *)arg;

    tm->func(tm->arg);
}

osTimerId osTimerCreate(const osTimerDef_t *timer_def, os_timer_type type, void *argument)
{
    os1_timer_t *tm = K_NULL;
    k_opt_t opt = type == osTimerPeriodic ? TOS_OPT_TIMER_PERIODIC : TOS_OPT_TIMER_ONESHOT;

    if (os1_ctx_check(K_FALSE) == osOK && timer_def != K_NULL && timer_def->ptimer != K_NULL &&
        (type == osTimerOnce || type == osTimerPeriodic)) {
        tm =
            (os1_timer_t *)os1_storage_claim(timer_def->cb, sizeof(os1_timer_t), CMSIS_MAGIC_TIMER);
    }
    if (tm != K_NULL) {
        tm->func = timer_def->ptimer;
        tm->arg = argument;
        /* Delay and period are set by every osTimerStart; 1 is a valid placeholder. */
        tm->magic = tos_timer_create(&tm->timer, 1u, 1u, os1_timer_callback, tm, opt) == K_ERR_NONE
                        ? CMSIS_MAGIC_TIMER
                        : 0u;
        tm = tm->magic != 0u ? tm : K_NULL;
    }
    return (osTimerId)tm;
}

osStatus osTimerStart(osTimerId timer_id, uint32_t millisec)
{
    os1_timer_t *tm;
    osStatus status = os1_check(timer_id, CMSIS_MAGIC_TIMER, K_FALSE, (void **)&tm);
    k_tick_t ticks = os1_ticks(millisec);
    k_err_t err;

    if (status == osOK && (millisec == 0u || ticks == TOS_TIME_FOREVER)) {
        status = osErrorValue;
    }
    if (status == osOK) {
        /* The kernel changes delay and period only while the timer is stopped. */
        (void)tos_timer_stop(&tm->timer);
        err = tos_timer_delay_change(&tm->timer, ticks);
        if (err == K_ERR_NONE && tm->timer.opt == TOS_OPT_TIMER_PERIODIC) {
            err = tos_timer_period_change(&tm->timer, ticks);
        }
        err = err == K_ERR_NONE ? tos_timer_start(&tm->timer) : err;
        status = err == K_ERR_NONE ? osOK : osErrorValue;
    }
    return status;
}

osStatus osTimerStop(osTimerId timer_id)
{
    os1_timer_t *tm;
    osStatus status = os1_check(timer_id, CMSIS_MAGIC_TIMER, K_FALSE, (void **)&tm);

    if (status == osOK) {
        status = tos_timer_stop(&tm->timer) == K_ERR_NONE ? osOK : osErrorResource;
    }
    return status;
}

osStatus osTimerDelete(osTimerId timer_id)
{
    os1_timer_t *tm;
    osStatus status = os1_check(timer_id, CMSIS_MAGIC_TIMER, K_FALSE, (void **)&tm);

    if (status == osOK) {
        tm->magic = 0u;
        (void)tos_timer_destroy(&tm->timer);
    }
    return status;
}

#else /* TOS_CFG_TIMER_EN == 0: no timer can exist */

osTimerId osTimerCreate(const osTimerDef_t *timer_def, os_timer_type type, void *argument)
{
    (void)timer_def;
    (void)type;
    (void)argument;
    return K_NULL;
}

osStatus osTimerStart(osTimerId timer_id, uint32_t millisec)
{
    void *tm;

    (void)millisec;
    return os1_check(timer_id, CMSIS_MAGIC_TIMER, K_FALSE, &tm);
}

osStatus osTimerStop(osTimerId timer_id)
{
    return osTimerStart(timer_id, 1u);
}

osStatus osTimerDelete(osTimerId timer_id)
{
    return osTimerStart(timer_id, 1u);
}

#endif /* TOS_CFG_TIMER_EN */

/* ---- mutexes ------------------------------------------------------------------------------- */

#if TOS_CFG_MUTEX_EN > 0u

osMutexId osMutexCreate(const osMutexDef_t *mutex_def)
{
    os1_mutex_t *m = K_NULL;

    if (os1_ctx_check(K_FALSE) == osOK && mutex_def != K_NULL) {
        m = (os1_mutex_t *)os1_storage_claim(mutex_def->cb, sizeof(os1_mutex_t), CMSIS_MAGIC_MUTEX);
    }
    if (m != K_NULL) {
        m->magic = tos_mutex_create(&m->mutex) == K_ERR_NONE ? CMSIS_MAGIC_MUTEX : 0u;
        m = m->magic != 0u ? m : K_NULL;
    }
    return (osMutexId)m;
}

osStatus osMutexWait(osMutexId mutex_id, uint32_t millisec)
{
    os1_mutex_t *m;
    osStatus status = os1_check(mutex_id, CMSIS_MAGIC_MUTEX, K_FALSE, (void **)&m);
    k_err_t err;

    if (status == osOK && !tos_knl_is_running()) {
        status = osErrorOS; /* owners are threads */
    }
    if (status == osOK) {
        err = cmsis_mutex_acquire(&m->mutex, K_TRUE, os1_ticks(millisec));
        if (err == K_ERR_NONE) {
            status = osOK;
        } else if (err == K_ERR_PEND_TIMEOUT) {
            status = osErrorTimeoutResource;
        } else {
            status = osErrorResource;
        }
    }
    return status;
}

osStatus osMutexRelease(osMutexId mutex_id)
{
    os1_mutex_t *m;
    osStatus status = os1_check(mutex_id, CMSIS_MAGIC_MUTEX, K_FALSE, (void **)&m);
    k_err_t err;

    if (status == osOK) {
        err = tos_mutex_post(&m->mutex);
        /* K_ERR_MUTEX_NESTING: one recursion level released, still owned. */
        status = err == K_ERR_NONE || err == K_ERR_MUTEX_NESTING ? osOK : osErrorResource;
    }
    return status;
}

osStatus osMutexDelete(osMutexId mutex_id)
{
    os1_mutex_t *m;
    osStatus status = os1_check(mutex_id, CMSIS_MAGIC_MUTEX, K_FALSE, (void **)&m);

    if (status == osOK) {
        m->magic = 0u;
        (void)tos_mutex_destroy(&m->mutex);
    }
    return status;
}

#else /* TOS_CFG_MUTEX_EN == 0: no mutex can exist */

osMutexId osMutexCreate(const osMutexDef_t *mutex_def)
{
    (void)mutex_def;
    return K_NULL;
}

osStatus osMutexWait(osMutexId mutex_id, uint32_t millisec)
{
    void *m;

    (void)millisec;
    return os1_check(mutex_id, CMSIS_MAGIC_MUTEX, K_FALSE, &m);
}

osStatus osMutexRelease(osMutexId mutex_id)
{
    return osMutexWait(mutex_id, 0u);
}

osStatus osMutexDelete(osMutexId mutex_id)
{
    return osMutexWait(mutex_id, 0u);
}

#endif /* TOS_CFG_MUTEX_EN */

/* ---- semaphores ------------------------------------------------------------------------------ */

osSemaphoreId osSemaphoreCreate(const osSemaphoreDef_t *semaphore_def, int32_t count)
{
    os1_semaphore_t *s = K_NULL;

    if (os1_ctx_check(K_FALSE) == osOK && semaphore_def != K_NULL && count >= 0 &&
        count <= osFeature_Semaphore) {
        s = (os1_semaphore_t *)os1_storage_claim(semaphore_def->cb, sizeof(os1_semaphore_t),
                                                 CMSIS_MAGIC_SEM);
    }
    if (s != K_NULL) {
        cmsis_sem_init(&s->sem, (uint32_t)count, (uint32_t)osFeature_Semaphore);
        s->magic = CMSIS_MAGIC_SEM;
    }
    return (osSemaphoreId)s;
}

int32_t osSemaphoreWait(osSemaphoreId semaphore_id, uint32_t millisec)
{
    os1_semaphore_t *s;
    int32_t tokens = -1;
    uint32_t available = 0u;
    k_err_t err;

    if (os1_check(semaphore_id, CMSIS_MAGIC_SEM, K_FALSE, (void **)&s) == osOK) {
        err = cmsis_sem_acquire(&s->sem, os1_ticks(millisec), &available);
        if (err == K_ERR_NONE) {
            tokens = (int32_t)available; /* at least 1: the one taken */
        } else if (err != K_ERR_PEND_DESTROY) {
            tokens = 0;
        }
    }
    return tokens;
}

osStatus osSemaphoreRelease(osSemaphoreId semaphore_id)
{
    os1_semaphore_t *s;
    osStatus status = os1_check(semaphore_id, CMSIS_MAGIC_SEM, K_TRUE, (void **)&s);

    if (status == osOK) {
        status = cmsis_sem_release(&s->sem) == K_ERR_NONE ? osOK : osErrorResource;
    }
    return status;
}

osStatus osSemaphoreDelete(osSemaphoreId semaphore_id)
{
    os1_semaphore_t *s;
    osStatus status = os1_check(semaphore_id, CMSIS_MAGIC_SEM, K_FALSE, (void **)&s);

    if (status == osOK) {
        s->magic = 0u;
        cmsis_sem_destroy(&s->sem);
    }
    return status;
}

#endif /* CMSIS_CORE_EN */
