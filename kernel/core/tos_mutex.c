/*
 * Recursive mutex with priority inheritance (contract §14, §10.9, §40.16-20).
 *
 * Priority bookkeeping. An owner's "base" priority is the one it returns to
 * when it no longer needs a boost:
 *  - a change deferred by tos_task_prio_change() (task->prio_pending), else
 *  - owner_orig_prio of the earliest-acquired mutex it still owns (the tail
 *    of task->mutex_own_list; pend links new mutexes at the head).
 * Releasing a mutex consumes prio_pending and stores the base in the new
 * tail, so the base survives releases in any order. After a release the
 * owner runs at the more urgent of its base and the most urgent waiter of
 * the mutexes it still owns.
 *
 * Known limits: inheritance is not transitive (a boosted owner that waits
 * on another mutex does not boost that mutex's owner), and an owner keeps
 * its boost when a boosting waiter gives up, until it releases (§40.16).
 */
#include "knl_private.h"

#if TOS_CFG_MUTEX_EN > 0u

/* The unowned state of §14: nesting 0, no owner, no original priority, unlinked. */
static void mutex_do_free(k_mutex_t *mutex)
{
    mutex->pend_nesting = 0u;
    mutex->owner = K_NULL;
    mutex->owner_orig_prio = K_TASK_PRIO_INVALID;
    tos_list_init(&mutex->owner_anchor);
}

static void mutex_do_init(k_mutex_t *mutex)
{
    pend_object_init(&mutex->pend_obj);
    mutex_do_free(mutex);
    knl_object_init(&mutex->knl_obj, KNL_OBJ_TYPE_MUTEX);
}

static k_mutex_t *mutex_earliest_owned_get(k_task_t *task)
{
    return TOS_LIST_ENTRY(task->mutex_own_list.prev, k_mutex_t, owner_anchor);
}

/* Called with interrupts disabled; task owns at least one mutex. */
static k_prio_t mutex_base_prio_get(k_task_t *task)
{
    k_prio_t prio = task->prio_pending;

    if (prio == K_TASK_PRIO_INVALID) {
        prio = mutex_earliest_owned_get(task)->owner_orig_prio;
    }
    return prio;
}

/* Out of line: pend and release both take a mutex, and no benchmark path does. */
#if defined(__GNUC__)
__attribute__((__noinline__))
#endif
static void
mutex_take(k_mutex_t *mutex, k_task_t *task)
{
    mutex->owner = task;
    mutex->owner_orig_prio = task->prio;
    mutex->pend_nesting = 1u;
    tos_list_add(&mutex->owner_anchor, &task->mutex_own_list);
}

/*
 * §14.5 step 3: detaches mutex from its owner and settles the owner's
 * priority, then gives mutex to next and wakes it (owned before it runs, so
 * the old owner cannot take it back first), or frees it when next is K_NULL.
 */
static void mutex_owner_release(k_mutex_t *mutex, k_task_t *next)
{
    k_task_t *owner = mutex->owner;
    k_prio_t prio = mutex_base_prio_get(owner);
    k_prio_t highest;

    tos_list_del(&mutex->owner_anchor);
    owner->prio_pending = K_TASK_PRIO_INVALID;
    if (!tos_list_empty(&owner->mutex_own_list)) {
        mutex_earliest_owned_get(owner)->owner_orig_prio = prio;
        highest = mutex_highest_pending_prio_get(owner);
        if (highest < prio) {
            prio = highest;
        }
    }
    if (prio != owner->prio) {
        task_do_prio_change(owner, prio);
    }
    if (next != K_NULL) {
        mutex_take(mutex, next);
        pend_task_wakeup(next, PEND_STATE_POST);
    } else {
        mutex_do_free(mutex);
    }
}

__KNL__ k_prio_t mutex_highest_pending_prio_get(k_task_t *task)
{
    k_prio_t highest = K_TASK_PRIO_INVALID;
    k_list_t *waiters;
    k_prio_t prio;
    k_mutex_t *mutex;

    TOS_LIST_FOR_EACH_ENTRY(mutex, k_mutex_t, owner_anchor, &task->mutex_own_list) {
        /* The first waiter is the most urgent one (§7.4). */
        waiters = &mutex->pend_obj.list;
        if (!tos_list_empty(waiters)) {
            prio = TOS_LIST_FIRST_ENTRY(waiters, k_task_t, pend_list)->prio;
            if (prio < highest) {
                highest = prio;
            }
        }
    }
    return highest;
}

/*
 * Owner death (§14.6), called by task destruction with interrupts disabled.
 * No waiter inherits the mutex; the caller reschedules once the task is gone.
 */
__KNL__ void mutex_release(k_mutex_t *mutex)
{
    mutex_owner_release(mutex, K_NULL);
    pend_wakeup_all(&mutex->pend_obj, PEND_STATE_OWNER_DIE);
}

__API__ k_err_t tos_mutex_create(k_mutex_t *mutex)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE && mutex == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        mutex_do_init(mutex);
        /* §40.19: never leave a stale DYNAMIC mark for destroy to free. */
        knl_object_alloc_set_static(&mutex->knl_obj);
    }
    return err;
}

__API__ k_err_t tos_mutex_create_dyn(k_mutex_t **mutex)
{
    k_err_t err = knl_irq_check();
    k_mutex_t *the_mutex = K_NULL;

    if (err == K_ERR_NONE && mutex == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        the_mutex = tos_mmheap_calloc(1, sizeof(k_mutex_t));
        if (the_mutex == K_NULL) {
            err = K_ERR_MUTEX_OUT_OF_MEMORY;
        }
    }
    if (err == K_ERR_NONE) {
        mutex_do_init(the_mutex);
        knl_object_alloc_set_dynamic(&the_mutex->knl_obj);
        *mutex = the_mutex;
    }
    return err;
}

__API__ k_err_t tos_mutex_destroy(k_mutex_t *mutex)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_obj_check(mutex, KNL_OBJ_TYPE_MUTEX);
    int is_dynamic;

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (mutex->owner != K_NULL) {
            mutex_owner_release(mutex, K_NULL);
        }
        knl_pend_destroy(&mutex->pend_obj, cpu_cpsr);
        knl_object_deinit(&mutex->knl_obj);
        is_dynamic = knl_object_alloc_is_dynamic(&mutex->knl_obj);
        knl_object_alloc_reset(&mutex->knl_obj);
        TOS_CPU_INT_ENABLE();
        if (is_dynamic) {
            tos_mmheap_free(mutex);
        }
    }
    return err;
}

/* The caller already owns mutex: one more level (§40.18: reported as K_ERR_MUTEX_NESTING). */
static k_err_t mutex_nest(k_mutex_t *mutex)
{
    k_err_t err = K_ERR_MUTEX_NESTING_OVERFLOW;

    if (mutex->pend_nesting < K_MUTEX_NESTING_MAX) {
        ++mutex->pend_nesting;
        err = K_ERR_MUTEX_NESTING;
    }
    return err;
}

/* Entered with interrupts disabled into cpu_cpsr; returns with them restored. */
static k_err_t mutex_wait(k_mutex_t *mutex, k_tick_t timeout, cpu_cpsr_t cpu_cpsr)
{
    k_task_t *owner = mutex->owner;

    /* Boost only if we are really going to block (§14.4 steps 3-4). */
    if (timeout != TOS_TIME_NOWAIT && !knl_locked() && owner->prio > k_curr_task->prio) {
        task_do_prio_change(owner, k_curr_task->prio);
    }
    /* On K_ERR_NONE the poster has already made us the owner. */
    return knl_pend_wait(&mutex->pend_obj, cpu_cpsr, timeout);
}

__API__ k_err_t tos_mutex_pend_timed(k_mutex_t *mutex, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_obj_check(mutex, KNL_OBJ_TYPE_MUTEX);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (mutex->pend_nesting == 0u) {
            mutex_take(mutex, k_curr_task);
            TOS_CPU_INT_ENABLE();
        } else if (mutex->owner == k_curr_task) {
            err = mutex_nest(mutex);
            TOS_CPU_INT_ENABLE();
        } else {
            err = mutex_wait(mutex, timeout, cpu_cpsr);
        }
    }
    return err;
}

__API__ k_err_t tos_mutex_pend(k_mutex_t *mutex)
{
    return tos_mutex_pend_timed(mutex, TOS_TIME_FOREVER);
}

__API__ k_err_t tos_mutex_post(k_mutex_t *mutex)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_obj_check(mutex, KNL_OBJ_TYPE_MUTEX);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (mutex->pend_nesting == 0u || mutex->owner != k_curr_task) {
            err = K_ERR_MUTEX_NOT_OWNER;
        } else if (--mutex->pend_nesting > 0u) {
            err = K_ERR_MUTEX_NESTING;
        } else {
            /* Final release: restore the caller, hand the mutex to the first waiter. */
            mutex_owner_release(
                mutex, TOS_LIST_FIRST_ENTRY_OR_NULL(&mutex->pend_obj.list, k_task_t, pend_list));
            knl_resched(cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

#endif /* TOS_CFG_MUTEX_EN */
