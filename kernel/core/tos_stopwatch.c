/*
 * Stopwatch (contract §31): an absolute deadline on the system tick.
 *
 * §40.39: tos_stopwatch_remain_ms() returns milliseconds (rounded up), as its
 * name says; the original returned whole seconds.
 */
#include "knl_private.h"

/* (k_time_t)-1 reports an invalid stopwatch, so real results stop below it. */
#define STOPWATCH_REMAIN_MS_MAX ((k_time_t)-2)

__API__ k_err_t tos_stopwatch_create(k_stopwatch_t *stopwatch)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && stopwatch == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        stopwatch->until = (k_tick_t)0u;
        knl_object_alloc_set_static(&stopwatch->knl_obj);
        knl_object_init(&stopwatch->knl_obj, KNL_OBJ_TYPE_STOPWATCH);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_stopwatch_destroy(k_stopwatch_t *stopwatch)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(stopwatch, KNL_OBJ_TYPE_STOPWATCH);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        stopwatch->until = (k_tick_t)0u;
        knl_object_alloc_reset(&stopwatch->knl_obj);
        knl_object_deinit(&stopwatch->knl_obj);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* now + tick, saturated so a huge countdown cannot wrap into the past. */
static k_tick_t stopwatch_deadline(k_tick_t now, k_tick_t tick)
{
    return tick > K_TIME_MAX - now ? K_TIME_MAX : now + tick;
}

__API__ k_err_t tos_stopwatch_countdown(k_stopwatch_t *stopwatch, k_tick_t tick)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(stopwatch, KNL_OBJ_TYPE_STOPWATCH);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        stopwatch->until = stopwatch_deadline(tos_systick_get(), tick);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_stopwatch_countdown_ms(k_stopwatch_t *stopwatch, k_time_t millisec)
{
    return tos_stopwatch_countdown(stopwatch, tos_millisec2tick(millisec));
}

/*
 * Spins on the tick count on purpose (contract): no yield, no blocking. The
 * subtraction keeps working if the count wraps during the wait.
 */
__API__ void tos_stopwatch_delay(k_tick_t tick)
{
    k_tick_t start = tos_systick_get();

    while (tos_systick_get() - start < tick) {
    }
}

__API__ void tos_stopwatch_delay_ms(k_time_t millisec)
{
    tos_stopwatch_delay(tos_millisec2tick(millisec));
}

/* Interrupts disabled. */
static k_tick_t stopwatch_remain_ticks(const k_stopwatch_t *stopwatch)
{
    k_tick_t now = tos_systick_get();

    return now >= stopwatch->until ? (k_tick_t)0u : stopwatch->until - now;
}

__API__ k_tick_t tos_stopwatch_remain(k_stopwatch_t *stopwatch)
{
    k_tick_t remain = (k_tick_t)-1;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(stopwatch, KNL_OBJ_TYPE_STOPWATCH)) {
        TOS_CPU_INT_DISABLE();
        remain = stopwatch_remain_ticks(stopwatch);
        TOS_CPU_INT_ENABLE();
    }
    return remain;
}

/* ceil(tick * 1000 / TPS) without overflowing, saturated at STOPWATCH_REMAIN_MS_MAX. */
static k_time_t stopwatch_tick2ms_ceil(k_tick_t tick)
{
    const k_tick_t tps = (k_tick_t)TOS_CFG_CPU_TICK_PER_SECOND;
    const k_tick_t limit = (k_tick_t)STOPWATCH_REMAIN_MS_MAX;
    k_tick_t secs = tick / tps;
    k_tick_t part = ((tick % tps) * K_TIME_MILLISEC_PER_SEC + tps - 1u) / tps;
    k_tick_t ms = limit;

    if (secs <= limit / K_TIME_MILLISEC_PER_SEC && part <= limit - secs * K_TIME_MILLISEC_PER_SEC) {
        ms = secs * K_TIME_MILLISEC_PER_SEC + part;
    }
    return (k_time_t)ms;
}

__API__ k_time_t tos_stopwatch_remain_ms(k_stopwatch_t *stopwatch)
{
    k_time_t remain = (k_time_t)-1;
    k_tick_t tick;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(stopwatch, KNL_OBJ_TYPE_STOPWATCH)) {
        TOS_CPU_INT_DISABLE();
        tick = stopwatch_remain_ticks(stopwatch);
        TOS_CPU_INT_ENABLE();
        remain = stopwatch_tick2ms_ceil(tick);
    }
    return remain;
}

__API__ int tos_stopwatch_is_expired(k_stopwatch_t *stopwatch)
{
    int is_expired = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(stopwatch, KNL_OBJ_TYPE_STOPWATCH)) {
        TOS_CPU_INT_DISABLE();
        is_expired = tos_systick_get() >= stopwatch->until ? K_TRUE : K_FALSE;
        TOS_CPU_INT_ENABLE();
    }
    return is_expired;
}
