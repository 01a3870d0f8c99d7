/*
 * The event-driven system (contract §35.2, §35.3): initialisation and the
 * loop.
 *
 * One pass of the loop: service the timers; run the deferred work; call the
 * poll hook if any; then call the handler of the pending task with the
 * lowest id, once, with all its pending bits, and reset the bits it returns.
 * When a pass finds nothing to do the CPU sleeps until the next interrupt:
 * cpu_idle() of the port (WFI on a CPU; the host simulator's virtual clock
 * jumps straight to the first timer expiry), or the power manager when
 * TOS_CFG_PWR_MGR_EN is on. The loop checks that nothing is pending with
 * interrupts disabled, then sleeps with them enabled (as the kernel's idle
 * task does); an interrupt that lands between the two is handled at once,
 * and its work waits at most until the next interrupt, which the periodic
 * tick bounds to one tick.
 *
 * The tick, the critical sections and the sleep are the kernel's and the
 * port's; the preemptive part of the kernel (tasks, tos_knl_init/start) is
 * not used in this mode.
 */
#ifndef _TOS_EVTDRV_SYS_H_
#define _TOS_EVTDRV_SYS_H_

__CDECLS_BEGIN

/*
 * Initialises the port (cpu_init: tick), the power manager
 * (TOS_CFG_PWR_MGR_EN: no device registered) and, with TOS_CFG_MMHEAP_EN,
 * the heap (and its default pool); records the task table, its size and the
 * poll hook (may be NULL); then calls every task once with
 * TOS_EVTDRV_SYS_EVENT_INIT (tos_evtdrv_task_self() is NONE meanwhile).
 * Tasks are scheduled from tos_evtdrv_sys_start(). Calling it again starts
 * over: pending events, queued messages and deferred work, and running
 * timers (senders' included) of the previous initialisation are dropped.
 * Errors, in this order: EVTDRV_ERR_PTR_NULL (tasks is NULL with a non-zero
 * size, or an entry is NULL); EVTDRV_ERR_MMHEAP_INIT_FAILED;
 * EVTDRV_ERR_MEM_ALLOC_FAILED (no memory for the tasks' event state: more
 * than TOS_CFG_EVTDRV_TASK_MAX tasks, or the heap is full). On error no task
 * is called: after EVTDRV_ERR_PTR_NULL, and with static storage after any
 * error, nothing has changed; with the heap, after the others the system
 * has no tasks. Not from a handler, a callback or an interrupt handler.
 */
__API__ evtdrv_err_t tos_evtdrv_sys_init(evtdrv_task_entry_t tasks[],
                                         evtdrv_ttb_sz_t task_table_size, k_evtdrv_poll_t poll);

/*
 * Starts the system (the tick counts from now on, interrupt handlers may
 * use tos_knl_irq_enter/leave) and runs the loop. Never returns.
 */
__API__ __NO_RETURN__ void tos_evtdrv_sys_start(void);

/*
 * Tern: one pass of the loop, for applications with a loop of their own;
 * the first call starts the system as tos_evtdrv_sys_start() does. Returns
 * non-zero if the pass did something (called a timer callback, deferred
 * work or a handler); a handler calling it gets 0 and nothing happens (the
 * loop does not nest).
 */
__API__ evtdrv_bool_t tos_evtdrv_sys_poll(void);

/*
 * Tern: sleeps until the next interrupt, unless work is pending (an event,
 * deferred work, a due timer); the sleep of tos_evtdrv_sys_start().
 */
__API__ void tos_evtdrv_sys_idle(void);

__CDECLS_END

#endif /* _TOS_EVTDRV_SYS_H_ */
