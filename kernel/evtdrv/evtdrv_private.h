/*
 * Private to kernel/evtdrv: what the parts of the event-driven mode share.
 *
 * The mode is built on the kernel, not beside it: the tick is k_tick_count
 * (tos_tick_handler), critical sections are TOS_CPU_INT_DISABLE/ENABLE and
 * nest, the CPU sleeps in the port's cpu_idle() or the power manager, lists
 * are tos_list.h. State touched by interrupt handlers (events, message
 * queue, timer lists, work ring) is only touched with interrupts disabled;
 * callbacks and handlers always run with interrupts enabled.
 */
#ifndef _EVTDRV_PRIVATE_H_
#define _EVTDRV_PRIVATE_H_

#include "tos_evtdrv.h"
#include "knl_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

/*
 * Option of the timer inside an evtdrv_sender_t: one-shot to the service,
 * and tells evtdrv_timer_reset() to empty the sender's queue too.
 */
#define EVTDRV_TIMER_OPT_SENDER ((evtdrv_timer_opt_t)2)

#define EVTDRV_TICK_MAX ((evtdrv_tick_t)-1)

__STATIC_INLINE__ int evtdrv_task_id_is_valid(evtdrv_task_id_t task_id)
{
    return task_id < evtdrv_task_table_size;
}

/* Ticks from now, saturating (a huge timeout means "never"). Interrupts disabled. */
__STATIC_INLINE__ evtdrv_tick_t evtdrv_tick_after(evtdrv_tick_t ticks)
{
    evtdrv_tick_t now = (evtdrv_tick_t)k_tick_count;

    return ticks > EVTDRV_TICK_MAX - now ? EVTDRV_TICK_MAX : now + ticks;
}

/* ---- tos_evtdrv_event.c -------------------------------------------------- */

/*
 * Adds one set of every bit of event_flags (up), or takes one back from
 * every such bit that is pending. Interrupts disabled.
 */
__KNL__ void evtdrv_event_count(evtdrv_event_t *event, evtdrv_event_flag_t event_flags, int up);

/* Event state for `count` tasks, zeroed, into evtdrv_events (static or heap). */
__KNL__ evtdrv_err_t evtdrv_event_storage_get(evtdrv_ttb_sz_t count);
/* Gives the event state back (heap) and clears evtdrv_events. */
__KNL__ void evtdrv_event_storage_put(void);

/* ---- tos_evtdrv_timer.c -------------------------------------------------- */

/* Runs the callbacks of the timers due now; non-zero if it ran any. */
__KNL__ evtdrv_bool_t evtdrv_timer_service(void);
/* Non-zero if a timer is due. Interrupts disabled. */
__KNL__ int evtdrv_timer_is_due(void);
/* Ticks until the first timer is due: 0 if due, TOS_TIME_FOREVER if none. */
__KNL__ k_tick_t evtdrv_timer_next_expires_get(void);
/* Stops every timer; senders lose their queued frames. */
__KNL__ void evtdrv_timer_reset(void);
/* (Re)arms created timer tmr at absolute tick `at`, running or not. Interrupts disabled. */
__KNL__ void evtdrv_timer_arm(evtdrv_timer_t *tmr, evtdrv_tick_t at);
/* Stops created timer tmr if it runs. Interrupts disabled. */
__KNL__ void evtdrv_timer_disarm(evtdrv_timer_t *tmr);

/* ---- tos_evtdrv_msg.c ---------------------------------------------------- */

/* Drops every queued message; with the pool, every message is free again. */
__KNL__ void evtdrv_msg_reset(void);

/* ---- tos_evtdrv_work.c --------------------------------------------------- */

#if TOS_CFG_EVTDRV_WORK_NUM > 0u
/* Runs the work queued before the call; non-zero if it ran any. */
__KNL__ evtdrv_bool_t evtdrv_work_service(void);
/* Non-zero if work is queued. Interrupts disabled. */
__KNL__ int evtdrv_work_pending(void);
/* Drops the queued work. */
__KNL__ void evtdrv_work_reset(void);
#endif

#endif /* TOS_CFG_EVENT_DRIVEN_EN */

#endif /* _EVTDRV_PRIVATE_H_ */
