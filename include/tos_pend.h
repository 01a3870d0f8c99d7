/*
 * Wait lists of blocking objects (contract §7.4, §8.4). Kernel-internal, but
 * declared in a public header so that components built on the kernel can
 * reuse the same wait-list rules.
 *
 * Every function here is called with interrupts disabled.
 */
#ifndef _TOS_PEND_H_
#define _TOS_PEND_H_

__CDECLS_BEGIN

typedef struct pend_object_st {
    k_list_t list;
} pend_obj_t;

typedef enum pend_state_en {
    PEND_STATE_NONE,      /* woken with no reason recorded */
    PEND_STATE_POST,      /* the object was posted to this waiter */
    PEND_STATE_TIMEOUT,   /* the timed wait expired */
    PEND_STATE_DESTROY,   /* the object was destroyed */
    PEND_STATE_OWNER_DIE, /* the owner of the mutex was destroyed */
} pend_state_t;

typedef enum opt_post_en {
    OPT_POST_ONE,
    OPT_POST_ALL,
} opt_post_t;

/* The three list-only calls are inline: a call costs more than their body. */
__STATIC_INLINE__ void pend_object_init(pend_obj_t *object)
{
    tos_list_init(&object->list);
}

__STATIC_INLINE__ void pend_object_deinit(pend_obj_t *object)
{
    tos_list_init(&object->list);
}

__STATIC_INLINE__ int pend_is_nopending(pend_obj_t *object)
{
    return tos_list_empty(&object->list);
}

/* K_TASK_PRIO_INVALID if nobody waits. */
__KNL__ k_prio_t pend_highest_pending_prio_get(pend_obj_t *object);
/* K_NULL if nobody waits. */
__KNL__ k_task_t *pend_highest_pending_task_get(pend_obj_t *object);
__KNL__ void pend_list_remove(k_task_t *task);
/* Re-inserts a waiter whose priority changed (behind its equals). */
__KNL__ void pend_list_adjust(k_task_t *task);
__KNL__ k_err_t pend_state2errno(pend_state_t state);
/* Wakes one task with the given reason (unlinks wait and tick lists). */
__KNL__ void pend_task_wakeup(k_task_t *task, pend_state_t state);
#if TOS_CFG_PEND_EN > 0u
/* Blocks the current task on object (timeout in ticks, or TOS_TIME_FOREVER). */
__KNL__ void pend_task_block(k_task_t *task, pend_obj_t *object, k_tick_t timeout);
#endif
__KNL__ void pend_wakeup_one(pend_obj_t *object, pend_state_t state);
__KNL__ void pend_wakeup_all(pend_obj_t *object, pend_state_t state);
__KNL__ void pend_wakeup(pend_obj_t *object, pend_state_t state, opt_post_t opt);

__CDECLS_END

#endif /* _TOS_PEND_H_ */
