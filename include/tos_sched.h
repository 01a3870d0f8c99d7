/*
 * Ready queue (contract §7.5, §38.1). One FIFO list per priority plus a
 * bitmap of non-empty priorities; the highest ready priority is found with a
 * count-leading-zeros, so the lookup does not depend on the number of tasks.
 */
#ifndef _TOS_SCHED_H_
#define _TOS_SCHED_H_

__CDECLS_BEGIN

#define K_PRIO_TBL_SIZE      ((TOS_CFG_TASK_PRIO_MAX + 31) / 32)
#define K_PRIO_TBL_SLOT_SIZE (8u * sizeof(uint32_t))
#define K_PRIO_NDX(prio)     ((prio) >> 5u)
/* MSB-first: priority 0 is bit 31 of word 0, so clz gives the priority. */
#define K_PRIO_BIT(prio) \
    ((uint32_t)1u << (K_PRIO_TBL_SLOT_SIZE - 1u - ((prio) & (K_PRIO_TBL_SLOT_SIZE - 1u))))

typedef struct readyqueue_st {
    k_list_t task_list_head[TOS_CFG_TASK_PRIO_MAX];
    uint32_t prio_mask[K_PRIO_TBL_SIZE];
    k_prio_t highest_prio;
} readyqueue_t;

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
