/*
 * Ready queue (contract §7.5, §38.1). One FIFO list per priority plus a
 * bitmap of non-empty priorities; the highest ready priority is found with a
 * count-leading-zeros, so the lookup does not depend on the number of tasks.
 */
#ifndef _TOS_SCHED_H_
#define _TOS_SCHED_H_

__CDECLS_BEGIN

/* K_PRIO_* and readyqueue_t are in tos_sys.h: the kernel's core block holds the ready queue. */

__KNL__ void readyqueue_init(void);
__KNL__ int readyqueue_is_prio_onlyone(k_prio_t prio);
__KNL__ k_task_t *readyqueue_first_task_get(k_prio_t prio);
__KNL__ k_task_t *readyqueue_highest_ready_task_get(void);
__KNL__ void readyqueue_add_head(k_task_t *task);
__KNL__ void readyqueue_add_tail(k_task_t *task);
/* Tern: readyqueue_add_head() (at_head non-zero) or readyqueue_add_tail() in one body. */
__KNL__ void readyqueue_add_at(k_task_t *task, int at_head);
/* Inserts by the wake-up rule: tail if task's priority equals the current task's, else head. */
__KNL__ void readyqueue_add(k_task_t *task);
__KNL__ void readyqueue_remove(k_task_t *task);
__KNL__ void readyqueue_move_head_to_tail(k_prio_t prio);

__CDECLS_END

#endif /* _TOS_SCHED_H_ */
