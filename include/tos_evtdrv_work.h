/*
 * Tern: deferred work of the event-driven mode. An interrupt handler does
 * the urgent part of its job and queues the rest, a function and its
 * argument, to run later in the loop with interrupts enabled, like any
 * handler. The queue is a fixed ring of TOS_CFG_EVTDRV_WORK_NUM entries
 * (tos_evtdrv_config.h): queueing allocates nothing and takes constant time.
 *
 * On every iteration the loop runs, after the timers and before the tasks,
 * the work queued before that pass began, in queueing order; work queued
 * meanwhile waits for the next pass, so work that re-queues itself cannot
 * starve the tasks.
 */
#ifndef _TOS_EVTDRV_WORK_H_
#define _TOS_EVTDRV_WORK_H_

__CDECLS_BEGIN

typedef void (*evtdrv_work_fn_t)(void *arg);

#if TOS_CFG_EVTDRV_WORK_NUM > 0u

/*
 * Queues fn(arg) to run in the loop. Callable from anywhere, interrupt
 * handlers included.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL (fn);
 * EVTDRV_ERR_MEM_ALLOC_FAILED (TOS_CFG_EVTDRV_WORK_NUM entries already
 * queued: nothing is queued).
 */
__API__ evtdrv_err_t tos_evtdrv_work_queue(evtdrv_work_fn_t fn, void *arg);

#endif

__CDECLS_END

#endif /* _TOS_EVTDRV_WORK_H_ */
