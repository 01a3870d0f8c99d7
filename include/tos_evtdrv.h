/*
 * The event-driven mode (contract §35): no tasks with stacks, no preemption.
 * "Tasks" are handler functions run to completion from one loop, chosen by
 * pending event bits; software timers, messages, deferred interrupt work and
 * transmissions with retries feed them. Applications include this header
 * instead of (or after) tos_k.h. docs/evtdrv.md is the guide.
 *
 * Everything compiles to nothing unless TOS_CFG_EVENT_DRIVEN_EN > 0.
 */
#ifndef _TOS_EVTDRV_H_
#define _TOS_EVTDRV_H_

#include "tos_k.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

#include "tos_evtdrv_config.h"
#include "tos_evtdrv_err.h"
#include "tos_evtdrv_types.h"
#include "tos_evtdrv_event.h"
#include "tos_evtdrv_msg.h"
#include "tos_evtdrv_task.h"
#include "tos_evtdrv_timer.h"
#include "tos_evtdrv_tick.h"
#include "tos_evtdrv_work.h"
#include "tos_evtdrv_tx.h"
#include "tos_evtdrv_sys.h"
#include "tos_evtdrv_global.h"

#endif /* TOS_CFG_EVENT_DRIVEN_EN */

#endif /* _TOS_EVTDRV_H_ */
