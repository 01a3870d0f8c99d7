/* Time API (contract §11.3). */
#include "knl_private.h"

__API__ k_tick_t tos_systick_get(void)
{
    k_tick_t tick;
    TOS_CPU_CPSR_ALLOC();

    /* k_tick_t is 64-bit on 32-bit CPUs: read it in one piece. */
    TOS_CPU_INT_DISABLE();
    tick = k_tick_count;
    TOS_CPU_INT_ENABLE();
    return tick;
}

__API__ void tos_systick_set(k_tick_t tick)
{
    TOS_CPU_CPSR_ALLOC();

    if (!cpu_is_foreign_context()) {
        TOS_CPU_INT_DISABLE();
        k_tick_count = tick;
        TOS_CPU_INT_ENABLE();
    }
}

__API__ k_time_t tos_tick2millisec(k_tick_t tick)
{
    return (k_time_t)(tick * K_TIME_MILLISEC_PER_SEC / TOS_CFG_CPU_TICK_PER_SECOND);
}

__API__ k_tick_t tos_millisec2tick(k_time_t millisec)
{
    return (k_tick_t)millisec * TOS_CFG_CPU_TICK_PER_SECOND / K_TIME_MILLISEC_PER_SEC;
}

__API__ k_err_t tos_sleep_ms(k_time_t millisec)
{
    return tos_task_delay(tos_millisec2tick(millisec));
}

__API__ k_err_t tos_sleep_hmsm(k_time_t hour, k_time_t minute, k_time_t second, k_time_t millisec)
{
    const k_tick_t tps = TOS_CFG_CPU_TICK_PER_SECOND;
    k_tick_t ticks;

    ticks = ((k_tick_t)hour * 3600u + (k_tick_t)minute * 60u + (k_tick_t)second) * tps;
    ticks += (tps * ((k_tick_t)millisec + 500u / tps)) / K_TIME_MILLISEC_PER_SEC;
    return tos_task_delay(ticks);
}
