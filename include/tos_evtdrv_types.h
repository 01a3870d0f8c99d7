/* Basic types of the event-driven mode (contract §35.1). */
#ifndef _TOS_EVTDRV_TYPES_H_
#define _TOS_EVTDRV_TYPES_H_

__CDECLS_BEGIN

typedef int8_t evtdrv_bool_t;
typedef uint8_t evtdrv_task_id_t; /* index in the task table */
typedef uint8_t evtdrv_ttb_sz_t;  /* size of the task table */
typedef uint64_t evtdrv_tick_t;   /* ticks: the kernel's tick count */
typedef uint32_t evtdrv_time_t;   /* milliseconds */
typedef uint16_t evtdrv_event_flag_t;
typedef uint16_t evtdrv_event_nesting_t;
typedef uint16_t evtdrv_msg_len_t;
typedef uint8_t *evtdrv_msg_body_t;

/*
 * A task: called with every event bit pending for it, returns the bits it
 * handled (each returned bit is reset once, see tos_evtdrv_event_reset).
 */
typedef evtdrv_event_flag_t (*evtdrv_task_entry_t)(evtdrv_event_flag_t event_flags);

/* Called on every loop iteration (see tos_evtdrv_sys_init). */
typedef void (*k_evtdrv_poll_t)(void);

__CDECLS_END

#endif /* _TOS_EVTDRV_TYPES_H_ */
