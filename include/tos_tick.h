/* System tick (contract §11.2). */
#ifndef _TOS_TICK_H_
#define _TOS_TICK_H_

__CDECLS_BEGIN

/*
 * Called by the board's tick ISR, between tos_knl_irq_enter/leave. Advances
 * time by one tick: expires delays and timed waits, services procedure-mode
 * software timers, rotates round-robin slices. No-op before tos_knl_start().
 */
__API__ void tos_tick_handler(void);

/*
 * Kernel-internal: advances time by `tick` ticks at once, with exactly the
 * effect of that many tos_tick_handler() calls on delays, timed waits and
 * software timers (used by tickless idle and the host's virtual clock; call
 * it from an ISR context).
 */
__KNL__ void tick_update(k_tick_t tick);

/*
 * Kernel-internal: the whole tick interrupt (no-op before tos_knl_start()),
 * for ports; `ticks` is 1 except when ticks passed without their interrupt.
 */
__KNL__ void knl_tick_isr(k_tick_t ticks);

/*
 * Kernel-internal: knl_tick_isr(1), smaller and faster, for a port whose
 * tick interrupt always stands for exactly one tick.
 */
__KNL__ void knl_tick_isr_one(void);

__KNL__ void tick_list_add(k_task_t *task, k_tick_t timeout);
__KNL__ void tick_list_remove(k_task_t *task);

/* Ticks until the first tick-list expiry, or TOS_TIME_FOREVER. */
__KNL__ k_tick_t tick_next_expires_get(void);

__CDECLS_END

#endif /* _TOS_TICK_H_ */
