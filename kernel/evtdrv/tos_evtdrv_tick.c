/*
 * Time of the event-driven mode (contract §35.3): the kernel's tick, so
 * that timers, the power manager and the port agree on one clock.
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

__API__ evtdrv_tick_t tos_evtdrv_systick_get(void)
{
    return (evtdrv_tick_t)tos_systick_get();
}

__API__ void tos_evtdrv_tick_handler(void)
{
    tos_tick_handler();
}

__API__ evtdrv_time_t tos_evtdrv_tick2millisec(evtdrv_tick_t tick)
{
    return (evtdrv_time_t)(tick * EVTDRV_TIME_MILLISEC_PER_SEC / TOS_CFG_CPU_TICK_PER_SECOND);
}

__API__ evtdrv_tick_t tos_evtdrv_millisec2tick(evtdrv_time_t ms)
{
    return (evtdrv_tick_t)ms * TOS_CFG_CPU_TICK_PER_SECOND / EVTDRV_TIME_MILLISEC_PER_SEC;
}

#endif
