/*
 * Tasks of the event-driven mode (contract §35.1). A task is an entry of
 * the table given to tos_evtdrv_sys_init(); its id is its index. Among tasks
 * with pending events the loop runs the lowest id first.
 */
#ifndef _TOS_EVTDRV_TASK_H_
#define _TOS_EVTDRV_TASK_H_

__CDECLS_BEGIN

#define TOS_EVTDRV_TASK_ID_NONE ((evtdrv_task_id_t)-1)

#define EVTDRV_TASK_ID2TASK(task_id) (evtdrv_task_entry_t)(evtdrv_task_table[task_id])

/*
 * The id of the task whose handler is running; TOS_EVTDRV_TASK_ID_NONE
 * outside a handler (timer callbacks, deferred work, interrupt handlers, and
 * the initial TOS_EVTDRV_SYS_EVENT_INIT calls).
 */
__API__ evtdrv_task_id_t tos_evtdrv_task_self(void);

__CDECLS_END

#endif /* _TOS_EVTDRV_TASK_H_ */
