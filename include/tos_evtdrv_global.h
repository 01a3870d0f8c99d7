/*
 * Globals of the event-driven mode (contract §35.1). They are read by the
 * API's macros (EVTDRV_TASK_ID2TASK) and by debuggers; change them only
 * through the API.
 *
 * Tern keeps them in one structure, evtdrv_globals: the code reaches all of
 * them from one base address instead of one literal address per global per
 * function, which on the small MCUs this mode is for is a good part of the
 * code. Their contract names are lvalue macros for its members (as
 * evtdrv_tick_count is one for the kernel's tick), so every use the contract
 * allows reads, writes and takes the address as before; only declaring them
 * again (extern) is not possible.
 */
#ifndef _TOS_EVTDRV_GLOBAL_H_
#define _TOS_EVTDRV_GLOBAL_H_

__CDECLS_BEGIN

typedef struct evtdrv_globals_st {
    k_list_t msg_list;               /* queued messages, in sending order */
    k_list_t timer_list;             /* running timers, by expiry */
    evtdrv_task_entry_t *task_table; /* a task's id is its index */
    evtdrv_event_t *events;          /* event state, one per task */
    k_evtdrv_poll_t poll;            /* the poll hook, or NULL */
    evtdrv_ttb_sz_t task_table_size; /* 0 before tos_evtdrv_sys_init */
    evtdrv_task_id_t curr_task;      /* the running handler's id, or NONE */
    evtdrv_bool_t in_pass;           /* private: a pass of the loop runs */
} evtdrv_globals_t;

extern evtdrv_globals_t evtdrv_globals;

#define evtdrv_task_table      (evtdrv_globals.task_table)
#define evtdrv_task_table_size (evtdrv_globals.task_table_size)
#define evtdrv_curr_task       (evtdrv_globals.curr_task)
#define evtdrv_events          (evtdrv_globals.events)
#define evtdrv_msg_list        (evtdrv_globals.msg_list)
#define evtdrv_timer_list      (evtdrv_globals.timer_list)
#define evtdrv_poll            (evtdrv_globals.poll)

/* The original's own tick counter is the kernel's here: there is one tick. */
#define evtdrv_tick_count k_tick_count

__CDECLS_END

#endif /* _TOS_EVTDRV_GLOBAL_H_ */
