/*
 * Globals of the event-driven mode (contract §35.1). They are read by the
 * API's macros (EVTDRV_TASK_ID2TASK) and by debuggers; change them only
 * through the API.
 */
#ifndef _TOS_EVTDRV_GLOBAL_H_
#define _TOS_EVTDRV_GLOBAL_H_

__CDECLS_BEGIN

extern evtdrv_task_entry_t *evtdrv_task_table;
extern evtdrv_ttb_sz_t evtdrv_task_table_size;
extern evtdrv_task_id_t evtdrv_curr_task;
extern evtdrv_event_t *evtdrv_events;
extern k_list_t evtdrv_msg_list;
extern k_list_t evtdrv_timer_list;
extern k_evtdrv_poll_t evtdrv_poll;

/* The original's own tick counter is the kernel's here: there is one tick. */
#define evtdrv_tick_count k_tick_count

__CDECLS_END

#endif /* _TOS_EVTDRV_GLOBAL_H_ */
