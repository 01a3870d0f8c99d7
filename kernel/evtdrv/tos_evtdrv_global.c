/* Globals of the event-driven mode (contract §35.1). */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

#if EVTDRV_STORE_EN
evtdrv_store_t evtdrv_store;
#endif

/* Valid before tos_evtdrv_sys_init(): empty lists, no task, none running. */
evtdrv_globals_t evtdrv_globals = {
    TOS_LIST_NODE(evtdrv_globals.msg_list),
    TOS_LIST_NODE(evtdrv_globals.timer_list),
    K_NULL,
#if TOS_CFG_EVTDRV_TASK_MAX > 0u
    evtdrv_store.events, /* static storage: never changes */
#else
    K_NULL,
#endif
    K_NULL,
    0u,
    TOS_EVTDRV_TASK_ID_NONE,
    K_FALSE,
};

#endif
