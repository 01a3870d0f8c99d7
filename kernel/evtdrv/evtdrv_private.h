/*
 * Private to kernel/evtdrv: what the parts of the event-driven mode share.
 *
 * The mode is built on the kernel, not beside it: the tick is k_tick_count
 * (tos_tick_handler), critical sections are TOS_CPU_INT_DISABLE/ENABLE and
 * nest, the CPU sleeps in the port's cpu_idle() or the power manager, lists
 * are tos_list.h. State touched by interrupt handlers (events, message
 * queue, timer lists, work ring) is only touched with interrupts disabled;
 * callbacks and handlers always run with interrupts enabled.
 *
 * Written for size as much as for speed: the smallest MCUs this mode is for
 * have a few KB of flash, so the paths every application links (events,
 * the loop, timers, the message pool) share their code, the globals are one
 * structure (evtdrv_globals) and the static storage another (evtdrv_store,
 * zeroed in one go), and what only some applications use (run-at, senders,
 * deferred work) sits in functions of its own that the linker drops when
 * unused.
 */
#ifndef _EVTDRV_PRIVATE_H_
#define _EVTDRV_PRIVATE_H_

#include "tos_evtdrv.h"
#include "knl_private.h"
#include "knl_order.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

/*
 * Option of the timer inside an evtdrv_sender_t: one-shot, left in the list
 * while its callback runs (the callback re-arms or stops it).
 */
#define EVTDRV_TIMER_OPT_SENDER ((evtdrv_timer_opt_t)2)

/* The farthest a deadline may lie ahead: half the tick range (knl_order.h). */
#define EVTDRV_TICKS_MAX ((evtdrv_tick_t)-1 >> 1)

/* Timers are ordered by the kernel's helpers (knl_order.h), whose keys are k_tick_t. */
_Static_assert(sizeof(evtdrv_tick_t) == sizeof(k_tick_t), "evtdrv ticks are kernel ticks");

#define EVTDRV_NESTING_MAX ((evtdrv_event_nesting_t)0xFFFFu)

/* Steps of evtdrv_event_update(): one set more, one set less. */
#define EVTDRV_EVENT_UP   ((uint32_t)1u)
#define EVTDRV_EVENT_DOWN ((uint32_t)-1)

__STATIC_INLINE__ int evtdrv_task_id_is_valid(evtdrv_task_id_t task_id)
{
    return task_id < evtdrv_task_table_size;
}

/* ---- static storage (tos_evtdrv_config.h) -------------------------------- */

#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u
/*
 * A message of the pool: header + the largest body. The body starts right
 * after the header (EVTDRV_MSG_HDR2BODY), aligned for pointers since the
 * header holds pointers. A block is free while its length is 0.
 */
typedef struct evtdrv_msg_blk_st {
    evtdrv_msg_hdr_t hdr;
    uint8_t body[TOS_CFG_EVTDRV_MSG_SIZE_MAX];
} evtdrv_msg_blk_t;
#endif

#if TOS_CFG_EVTDRV_WORK_NUM > 0u
typedef struct evtdrv_work_st {
    evtdrv_work_fn_t fn;
    void *arg;
} evtdrv_work_t;
#endif

#define EVTDRV_STORE_EN                                                      \
    ((TOS_CFG_EVTDRV_TASK_MAX > 0u) || (TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u) || \
     (TOS_CFG_EVTDRV_WORK_NUM > 0u))

#if EVTDRV_STORE_EN
/*
 * Everything the static configuration keeps, all zero in its initial state:
 * tos_evtdrv_sys_init() starts over with one memset.
 */
typedef struct evtdrv_store_st {
#if TOS_CFG_EVTDRV_TASK_MAX > 0u
    evtdrv_event_t events[TOS_CFG_EVTDRV_TASK_MAX];
#endif
#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u
    evtdrv_msg_blk_t msgs[TOS_CFG_EVTDRV_MSG_POOL_NUM];
#endif
#if TOS_CFG_EVTDRV_WORK_NUM > 0u
    evtdrv_work_t work[TOS_CFG_EVTDRV_WORK_NUM];
    uint8_t work_head;  /* oldest entry */
    uint8_t work_count; /* entries queued */
#endif
} evtdrv_store_t;

extern evtdrv_store_t evtdrv_store;
#endif

/* ---- tos_evtdrv_event.c -------------------------------------------------- */

/*
 * Adds `step` (EVTDRV_EVENT_UP or _DOWN) to the counter of every bit of
 * event_flags of task task_id, where the result stays within 0..0xFFFF.
 * EVTDRV_ERR_TASK_INVALID if task_id is not a task. Interrupt-safe.
 */
__KNL__ evtdrv_err_t evtdrv_event_update(evtdrv_task_id_t task_id, evtdrv_event_flag_t event_flags,
                                         uint32_t step);

#if TOS_CFG_EVTDRV_TASK_MAX == 0u
/* Event state for `count` tasks, zeroed, into evtdrv_events (heap). */
__KNL__ evtdrv_err_t evtdrv_event_storage_get(evtdrv_ttb_sz_t count);
/* Gives the event state back to the heap and clears evtdrv_events. */
__KNL__ void evtdrv_event_storage_put(void);
#endif

/* ---- tos_evtdrv_timer.c -------------------------------------------------- */

/* Runs the callbacks of the timers due now; non-zero if any was due. */
__KNL__ evtdrv_bool_t evtdrv_timer_service(void);
/* How many timers are due now. Interrupts disabled. */
__KNL__ unsigned int evtdrv_timer_due(void);
/* Non-zero if tmr is in evtdrv_timer_list. Interrupts disabled. */
__STATIC_INLINE__ int evtdrv_timer_is_running(const evtdrv_timer_t *tmr)
{
    return knl_list_contains(&evtdrv_timer_list, &tmr->list);
}
/* Ticks until the first timer is due: 0 if due, TOS_TIME_FOREVER if none. */
__KNL__ k_tick_t evtdrv_timer_next_expires_get(void);
/*
 * (Re)arms created timer tmr `ticks` from now; its node is linked or
 * self-linked. Interrupts disabled.
 */
__KNL__ void evtdrv_timer_arm(evtdrv_timer_t *tmr, evtdrv_tick_t ticks);

/* ---- tos_evtdrv_msg.c ---------------------------------------------------- */

#if TOS_CFG_EVTDRV_MSG_POOL_NUM == 0u
/* Gives every queued message back to the heap. Interrupts disabled. */
__KNL__ void evtdrv_msg_reset(void);
#endif

/* ---- tos_evtdrv_work.c --------------------------------------------------- */

#if TOS_CFG_EVTDRV_WORK_NUM > 0u
/* Runs the work queued before the call; non-zero if it ran any. */
__KNL__ evtdrv_bool_t evtdrv_work_service(void);
/* Non-zero if work is queued. Interrupts disabled. */
__STATIC_INLINE__ int evtdrv_work_pending(void)
{
    return evtdrv_store.work_count > 0u;
}
#endif

#endif /* TOS_CFG_EVENT_DRIVEN_EN */

#endif /* _EVTDRV_PRIVATE_H_ */
