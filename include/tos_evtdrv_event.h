/*
 * Events of the event-driven mode (contract §35.1, §35.2).
 *
 * Each task has 16 event bits: the two high ones are the system's
 * (TOS_EVTDRV_SYS_EVENT_INIT, TOS_EVTDRV_SYS_EVENT_MSG), the fourteen low
 * ones the application's. Sets are counted: setting a bit N times keeps it
 * pending until it has been reset N times (the loop resets once per handler
 * call that returns the bit), so no set is lost when an interrupt signals
 * twice before the task runs. A counter saturates at 0xFFFF; further sets
 * are ignored.
 */
#ifndef _TOS_EVTDRV_EVENT_H_
#define _TOS_EVTDRV_EVENT_H_

__CDECLS_BEGIN

#define EVTDRV_SYS_EVENT_MASK (evtdrv_event_flag_t)(0xC000u)
#define EVTDRV_USR_EVENT_MASK (evtdrv_event_flag_t)(0x3FFFu)

#define TOS_EVTDRV_EVENT_NONE     (evtdrv_event_flag_t)(0x0u)
#define TOS_EVTDRV_SYS_EVENT_INIT (evtdrv_event_flag_t)(0x8000u)
#define TOS_EVTDRV_SYS_EVENT_MSG  (evtdrv_event_flag_t)(0x4000u)

/* Number of event bits of a task (one counter each). */
#define EVTDRV_EVENT_BIT_NUM 16u

typedef struct evtdrv_event_st {
    evtdrv_event_flag_t flags;                            /* pending bits */
    evtdrv_event_nesting_t nesting[EVTDRV_EVENT_BIT_NUM]; /* sets not yet reset, per bit */
} evtdrv_event_t;

/* Non-zero if event_flag has an application bit. */
__STATIC_INLINE__ evtdrv_bool_t evtdrv_event_is_usr(evtdrv_event_flag_t event_flag)
{
    return (evtdrv_bool_t)((event_flag & EVTDRV_USR_EVENT_MASK) != 0u);
}

/* Non-zero if event_flag has a system bit. */
__STATIC_INLINE__ evtdrv_bool_t evtdrv_event_is_sys(evtdrv_event_flag_t event_flag)
{
    return (evtdrv_bool_t)((event_flag & EVTDRV_SYS_EVENT_MASK) != 0u);
}

/*
 * Sets event_flags for task task_id: every bit counts once (any bit, system
 * bits included). Callable from anywhere, interrupt handlers included.
 * Errors: EVTDRV_ERR_TASK_INVALID (task_id is not an index of the task
 * table, or the system is not initialised).
 */
__API__ evtdrv_err_t tos_evtdrv_event_set(evtdrv_task_id_t task_id,
                                          evtdrv_event_flag_t event_flags);

/*
 * Takes back one set of every bit of event_flags that is pending for task
 * task_id; a bit stops pending when its count reaches 0. Bits not pending
 * are ignored. Callable from anywhere.
 * Errors: EVTDRV_ERR_TASK_INVALID.
 */
__API__ evtdrv_err_t tos_evtdrv_event_reset(evtdrv_task_id_t task_id,
                                            evtdrv_event_flag_t event_flags);

__CDECLS_END

#endif /* _TOS_EVTDRV_EVENT_H_ */
