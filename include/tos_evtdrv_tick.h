/*
 * Time in the event-driven mode (contract §35.3). There is one tick, the
 * kernel's: k_tick_count, advanced by tos_tick_handler() (the port's tick
 * interrupt calls it); tos_evtdrv_tick_handler() is the same call and
 * tos_evtdrv_systick_get() the same count as tos_systick_get().
 */
#ifndef _TOS_EVTDRV_TICK_H_
#define _TOS_EVTDRV_TICK_H_

__CDECLS_BEGIN

#define EVTDRV_TIME_MILLISEC_PER_SEC (1000u)

/* The tick count, read in one piece (it is 64-bit). */
__API__ evtdrv_tick_t tos_evtdrv_systick_get(void);

/* For a tick interrupt of the application's own: tos_tick_handler(). */
__API__ void tos_evtdrv_tick_handler(void);

/* tick * 1000 / TOS_CFG_CPU_TICK_PER_SECOND (truncated to 32 bits). */
__API__ evtdrv_time_t tos_evtdrv_tick2millisec(evtdrv_tick_t tick);

/* ms * TOS_CFG_CPU_TICK_PER_SECOND / 1000 (rounded down). */
__API__ evtdrv_tick_t tos_evtdrv_millisec2tick(evtdrv_time_t ms);

__CDECLS_END

#endif /* _TOS_EVTDRV_TICK_H_ */
