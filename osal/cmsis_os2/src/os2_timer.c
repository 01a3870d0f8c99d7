/*
 * CMSIS-RTOS2 adapter: timers on kernel software timers. Callbacks run
 * where the kernel runs timer callbacks: in the tick interrupt
 * (TOS_CFG_TIMER_AS_PROC) or in the kernel's timer task.
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

#if TOS_CFG_TIMER_EN > 0u

static os2_timer_t *os2_timer_of(osTimerId_t id)
{
    os2_timer_t *tm = (os2_timer_t *)id;

    return tm != K_NULL && tm->magic == CMSIS_MAGIC_TIMER ? tm : K_NULL;
}

osTimerId_t osTimerNew(osTimerFunc_t func, osTimerType_t type, void *argument,
                       const osTimerAttr_t *attr)
{
    os2_timer_t *tm = K_NULL;
    uint32_t dyn = 0u;
    k_opt_t opt = type == osTimerPeriodic ? TOS_OPT_TIMER_PERIODIC : TOS_OPT_TIMER_ONESHOT;

    if (os2_ctx_check(K_FALSE) == osOK && func != K_NULL &&
        (type == osTimerOnce || type == osTimerPeriodic)) {
        tm = (os2_timer_t *)os2_cb_get(attr != K_NULL ? attr->cb_mem : K_NULL,
                                       attr != K_NULL ? attr->cb_size : 0u, sizeof(os2_timer_t),
                                       CMSIS_MAGIC_TIMER, &dyn);
    }
    /* Delay and period are set by every osTimerStart; 1 is a valid placeholder. */
    if (tm != K_NULL && tos_timer_create(&tm->timer, 1u, 1u, func, argument, opt) != K_ERR_NONE) {
        os2_cb_put(tm, dyn);
        tm = K_NULL;
    }
    if (tm != K_NULL) {
        tm->name = attr != K_NULL ? attr->name : K_NULL;
        tm->dyn = dyn;
        tm->magic = CMSIS_MAGIC_TIMER;
    }
    return tm;
}

const char *osTimerGetName(osTimerId_t timer_id)
{
    os2_timer_t *tm = os2_ctx_check(K_FALSE) == osOK ? os2_timer_of(timer_id) : K_NULL;

    return tm != K_NULL ? tm->name : K_NULL;
}

/* Checks shared by start, stop and delete. */
static osStatus_t os2_timer_check(osTimerId_t timer_id, os2_timer_t **tm)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    *tm = status == osOK ? os2_timer_of(timer_id) : K_NULL;
    if (status == osOK && *tm == K_NULL) {
        status = osErrorParameter;
    }
    return status;
}

osStatus_t osTimerStart(osTimerId_t timer_id, uint32_t ticks)
{
    os2_timer_t *tm;
    osStatus_t status = os2_timer_check(timer_id, &tm);
    k_err_t err = K_ERR_NONE;

    if (status == osOK && ticks == 0u) {
        status = osErrorParameter;
    }
    if (status == osOK) {
        /* The kernel changes delay and period only while the timer is stopped. */
        (void)tos_timer_stop(&tm->timer);
        err = tos_timer_delay_change(&tm->timer, (k_tick_t)ticks);
        if (err == K_ERR_NONE && tm->timer.opt == TOS_OPT_TIMER_PERIODIC) {
            err = tos_timer_period_change(&tm->timer, (k_tick_t)ticks);
        }
        err = err == K_ERR_NONE ? tos_timer_start(&tm->timer) : err;
        status = err == K_ERR_NONE ? osOK : osErrorParameter;
    }
    return status;
}

osStatus_t osTimerStop(osTimerId_t timer_id)
{
    os2_timer_t *tm;
    osStatus_t status = os2_timer_check(timer_id, &tm);

    if (status == osOK) {
        status = tos_timer_stop(&tm->timer) == K_ERR_NONE ? osOK : osErrorResource;
    }
    return status;
}

uint32_t osTimerIsRunning(osTimerId_t timer_id)
{
    os2_timer_t *tm = os2_ctx_check(K_FALSE) == osOK ? os2_timer_of(timer_id) : K_NULL;

    return tm != K_NULL && tm->timer.state == TIMER_STATE_RUNNING ? 1u : 0u;
}

osStatus_t osTimerDelete(osTimerId_t timer_id)
{
    os2_timer_t *tm;
    osStatus_t status = os2_timer_check(timer_id, &tm);

    if (status == osOK) {
        tm->magic = 0u;
        (void)tos_timer_destroy(&tm->timer);
        os2_cb_put(tm, tm->dyn);
    }
    return status;
}

#else /* TOS_CFG_TIMER_EN == 0: no kernel timers, no timer can exist */

osTimerId_t osTimerNew(osTimerFunc_t func, osTimerType_t type, void *argument,
                       const osTimerAttr_t *attr)
{
    (void)func;
    (void)type;
    (void)argument;
    (void)attr;
    return K_NULL;
}

const char *osTimerGetName(osTimerId_t timer_id)
{
    (void)timer_id;
    return K_NULL;
}

osStatus_t osTimerStart(osTimerId_t timer_id, uint32_t ticks)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    (void)timer_id;
    (void)ticks;
    return status == osOK ? osErrorParameter : status;
}

osStatus_t osTimerStop(osTimerId_t timer_id)
{
    return osTimerStart(timer_id, 1u);
}

uint32_t osTimerIsRunning(osTimerId_t timer_id)
{
    (void)timer_id;
    return 0u;
}

osStatus_t osTimerDelete(osTimerId_t timer_id)
{
    return osTimerStart(timer_id, 1u);
}

#endif /* TOS_CFG_TIMER_EN */

#endif /* CMSIS_CORE_EN */
