/* Round robin among equal priorities (contract §12). */
#ifndef _TOS_ROBIN_H_
#define _TOS_ROBIN_H_

#if TOS_CFG_ROUND_ROBIN_EN > 0u

__CDECLS_BEGIN

/* Sets the slice used by tasks created with timeslice 0 (0 = back to the default). */
__API__ void tos_robin_default_timeslice_config(k_timeslice_t default_timeslice);

/* Sets a task's slice (K_NULL = the caller; 0 = the default). */
__API__ void tos_robin_timeslice_set(k_task_t *task, k_timeslice_t timeslice);

/* Kernel-internal: one tick of time slicing for priority prio. */
__KNL__ void robin_sched(k_prio_t prio);

__CDECLS_END

#endif

#endif /* _TOS_ROBIN_H_ */
