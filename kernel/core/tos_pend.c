/*
 * Wait lists (contract §7.4). Waiters are kept in priority order, FIFO among
 * equals, so "wake one" is O(1) and takes the first; inserting is linear in
 * the number of waiters of lower priority (pend_list_add()).
 * Every function here runs with interrupts disabled.
 */
#include "knl_private.h"

__KNL__ k_task_t *pend_highest_pending_task_get(pend_obj_t *object)
{
    return TOS_LIST_FIRST_ENTRY_OR_NULL(&object->list, k_task_t, pend_list);
}

__KNL__ k_prio_t pend_highest_pending_prio_get(pend_obj_t *object)
{
    k_task_t *task = pend_highest_pending_task_get(object);

    return task != K_NULL ? task->prio : K_TASK_PRIO_INVALID;
}

/*
 * Inserts behind every waiter of higher or equal priority. The search runs
 * from the tail: waiters of one priority (a pool of workers) then join in
 * O(1), however many wait; only a waiter more urgent than those already
 * waiting walks past them.
 */
static void pend_list_add(k_task_t *task, pend_obj_t *object)
{
    k_list_t *pos = object->list.prev;

    while (pos != &object->list && TOS_LIST_ENTRY(pos, k_task_t, pend_list)->prio > task->prio) {
        pos = pos->prev;
    }
    tos_list_add(&task->pend_list, pos);
}

__KNL__ void pend_list_remove(k_task_t *task)
{
    tos_list_del(&task->pend_list);
    task->pending_obj = K_NULL;
    task_state_reset_pending(task);
}

__KNL__ void pend_list_adjust(k_task_t *task)
{
    tos_list_del(&task->pend_list);
    pend_list_add(task, task->pending_obj);
}

/*
 * The §7.4 table without a table: POST is success, NONE is abnormal, and the
 * other reasons follow one another in the same order as their codes.
 */
_Static_assert(K_ERR_PEND_ABNORMAL + 1 == K_ERR_PEND_TIMEOUT &&
                   K_ERR_PEND_TIMEOUT + 1 == K_ERR_PEND_DESTROY &&
                   K_ERR_PEND_DESTROY + 1 == K_ERR_PEND_OWNER_DIE &&
                   PEND_STATE_TIMEOUT + 1 == PEND_STATE_DESTROY &&
                   PEND_STATE_DESTROY + 1 == PEND_STATE_OWNER_DIE,
               "wake reasons and their codes in the same order");

__KNL_INLINE__ k_err_t pend_errno(pend_state_t state)
{
    k_err_t err = K_ERR_NONE;

    if (state != PEND_STATE_POST) {
        err =
            (k_err_t)(K_ERR_PEND_TIMEOUT - PEND_STATE_TIMEOUT + state + (state == PEND_STATE_NONE));
    }
    return err;
}

__KNL__ k_err_t pend_state2errno(pend_state_t state)
{
    return pend_errno(state);
}

__KNL__ void pend_task_wakeup(k_task_t *task, pend_state_t state)
{
    if (task_state_is_pending(task)) {
        pend_list_remove(task);
    }
    if (task_state_is_sleeping(task)) {
        tick_list_remove(task);
    }
    task->pend_state = state;
    /* A suspended waiter keeps what it was given and runs after resume. */
    if (task_state_is_ready(task)) {
        knl_rdyq_add(task);
    }
}

#if TOS_CFG_PEND_EN > 0u
__KNL__ void pend_task_block(k_task_t *task, pend_obj_t *object, k_tick_t timeout)
{
    knl_rdyq_remove_running(task);
    task->pend_state = PEND_STATE_NONE;
    task->pending_obj = object;
    pend_list_add(task, object);
    task_state_set_pend(task);
    if (timeout != TOS_TIME_FOREVER) {
        tick_list_add(task, timeout);
    }
}
#endif

__KNL__ void pend_wakeup_one(pend_obj_t *object, pend_state_t state)
{
    k_task_t *task = pend_highest_pending_task_get(object);

    if (task != K_NULL) {
        pend_task_wakeup(task, state);
    }
}

__KNL__ void pend_wakeup_all(pend_obj_t *object, pend_state_t state)
{
    while (!pend_is_nopending(object)) {
        pend_task_wakeup(TOS_LIST_FIRST_ENTRY(&object->list, k_task_t, pend_list), state);
    }
}

__KNL__ void pend_wakeup(pend_obj_t *object, pend_state_t state, opt_post_t opt)
{
    if (opt == OPT_POST_ONE) {
        pend_wakeup_one(object, state);
    } else {
        pend_wakeup_all(object, state);
    }
}

#if TOS_CFG_PEND_EN > 0u
__KNL__ k_err_t knl_pend_wait(pend_obj_t *object, cpu_cpsr_t cpu_cpsr, k_tick_t timeout)
{
    k_err_t err = K_ERR_NONE;
    int blocked = K_FALSE;

    if (timeout == TOS_TIME_NOWAIT) {
        err = K_ERR_PEND_NOWAIT;
    } else if (knl_locked()) {
        err = K_ERR_PEND_SCHED_LOCKED;
    } else {
        pend_task_block(k_curr_task, object, timeout);
        knl_resched_inline(cpu_cpsr);
        blocked = K_TRUE;
    }
    /* The switch away happens here; we continue once woken. */
    TOS_CPU_INT_ENABLE();
    if (blocked) {
        err = pend_errno(k_curr_task->pend_state);
    }
    return err;
}
#endif

/* Callers have checked that somebody waits. */
__KNL__ void knl_pend_post(pend_obj_t *object, pend_state_t state, opt_post_t opt,
                           cpu_cpsr_t cpu_cpsr)
{
    /* The first waiter directly: the hot path is one post, one waiter. */
    if (opt == OPT_POST_ONE) {
        pend_task_wakeup(TOS_LIST_FIRST_ENTRY(&object->list, k_task_t, pend_list), state);
    } else {
        pend_wakeup_all(object, state);
    }
    knl_resched_inline(cpu_cpsr);
}

__KNL__ void knl_pend_destroy(pend_obj_t *object, cpu_cpsr_t cpu_cpsr)
{
    pend_wakeup_all(object, PEND_STATE_DESTROY);
    pend_object_deinit(object);
    knl_resched(cpu_cpsr);
}
