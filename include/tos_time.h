/* Time API (contract §11.1, §11.3). */
#ifndef _TOS_TIME_H_
#define _TOS_TIME_H_

__CDECLS_BEGIN

#define TOS_TIME_FOREVER        (k_tick_t)(-1)
#define TOS_TIME_NOWAIT         (k_tick_t)0u
#define K_TIME_MILLISEC_PER_SEC 1000u
#define K_TIME_MAX              (k_tick_t)(TOS_TIME_FOREVER - 1)

/* Ticks since tos_knl_start(), read atomically. ISR-safe. */
__API__ k_tick_t tos_systick_get(void);

/* Overwrites the tick count (delays are relative and unaffected). */
__API__ void tos_systick_set(k_tick_t tick);

/* tick * 1000 / TOS_CFG_CPU_TICK_PER_SECOND, truncating. */
__API__ k_time_t tos_tick2millisec(k_tick_t tick);

/* ms * TOS_CFG_CPU_TICK_PER_SECOND / 1000, truncating. */
__API__ k_tick_t tos_millisec2tick(k_time_t millisec);

/* tos_task_delay() of ms converted to ticks; its errors. */
__API__ k_err_t tos_sleep_ms(k_time_t millisec);

/* tos_task_delay() of the given duration; its errors. */
__API__ k_err_t tos_sleep_hmsm(k_time_t hour, k_time_t minute, k_time_t second, k_time_t millisec);

__CDECLS_END

#endif /* _TOS_TIME_H_ */
