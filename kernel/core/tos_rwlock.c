/*
 * Read-write lock (contract §19, §40.26), built directly on two wait lists;
 * see tos_rwlock.h for the admission policy.
 *
 * State, always changed with interrupts disabled:
 *   n_readers    readers holding the lock (waiters are counted when admitted)
 *   is_writting  a writer holds it
 *   readers list (signal.pend_obj), writers list (lock.pend_obj)
 *   n_writers    mirror of the writers list length, for the too-many check
 *                and for adapters; decisions use the list itself, so a writer
 *                that timed out (or was destroyed while waiting) never blocks
 *                anyone.
 * The lock is handed over by whoever releases it: the woken waiter already
 * holds it when it runs, so there is no retry loop.
 */
#include "knl_private.h"

#if (TOS_CFG_SEM_EN > 0u) && (TOS_CFG_MUTEX_EN > 0u)

static pend_obj_t *rwlock_readers(k_rwlock_t *rwlock)
{
    return &rwlock->signal.pend_obj;
}

static pend_obj_t *rwlock_writers(k_rwlock_t *rwlock)
{
    return &rwlock->lock.pend_obj;
}

/* lock and signal only lend their wait lists; their tags stay NONE. */
static void rwlock_do_init(k_rwlock_t *rwlock)
{
    memset(&rwlock->lock, 0, sizeof(rwlock->lock));
    rwlock->lock.owner_orig_prio = K_TASK_PRIO_INVALID;
    tos_list_init(&rwlock->lock.owner_anchor);
    pend_object_init(&rwlock->lock.pend_obj);
    memset(&rwlock->signal, 0, sizeof(rwlock->signal));
    pend_object_init(&rwlock->signal.pend_obj);
    rwlock->n_readers = 0u;
    rwlock->n_writers = 0u;
    rwlock->is_writting = K_FALSE;
}

/* NULL, VERIFY, then IRQ: the order of the original (§19). */
static k_err_t rwlock_check(k_rwlock_t *rwlock)
{
    k_err_t err = knl_obj_check(rwlock, KNL_OBJ_TYPE_RWLOCK);

    if (err == K_ERR_NONE) {
        err = knl_irq_check();
    }
    return err;
}

static void rwlock_writers_sync(k_rwlock_t *rwlock)
{
    k_list_t *pos;
    rw_cnt_t count = 0u;

    TOS_LIST_FOR_EACH(pos, &rwlock_writers(rwlock)->list) {
        if (count < K_RWLOCK_CNT_MAX) {
            ++count;
        }
    }
    rwlock->n_writers = count;
}

static int rwlock_writer_present(k_rwlock_t *rwlock)
{
    return rwlock->is_writting || !pend_is_nopending(rwlock_writers(rwlock));
}

/* Admits every waiting reader (up to the reader limit) as one batch. */
static void rwlock_readers_admit(k_rwlock_t *rwlock)
{
    while (!pend_is_nopending(rwlock_readers(rwlock)) && rwlock->n_readers < K_RWLOCK_CNT_MAX) {
        ++rwlock->n_readers;
        pend_wakeup_one(rwlock_readers(rwlock), PEND_STATE_POST);
    }
}

static void rwlock_writer_admit(k_rwlock_t *rwlock)
{
    rwlock->is_writting = K_TRUE;
    pend_wakeup_one(rwlock_writers(rwlock), PEND_STATE_POST);
    rwlock_writers_sync(rwlock);
}

/* The last reader left: a waiting writer goes first. */
static void rwlock_readers_done(k_rwlock_t *rwlock, cpu_cpsr_t cpu_cpsr)
{
    if (!pend_is_nopending(rwlock_writers(rwlock))) {
        rwlock_writer_admit(rwlock);
    } else {
        rwlock_readers_admit(rwlock);
    }
    knl_resched(cpu_cpsr);
}

/* The writer left: readers that queued up meanwhile go first. */
static void rwlock_writer_done(k_rwlock_t *rwlock, cpu_cpsr_t cpu_cpsr)
{
    rwlock->is_writting = K_FALSE;
    if (!pend_is_nopending(rwlock_readers(rwlock))) {
        rwlock_readers_admit(rwlock);
    } else if (!pend_is_nopending(rwlock_writers(rwlock))) {
        rwlock_writer_admit(rwlock);
    }
    knl_resched(cpu_cpsr);
}

__API__ k_err_t tos_rwlock_create(k_rwlock_t *rwlock)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && rwlock == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        err = knl_irq_check();
    }
    if (err == K_ERR_NONE) {
        rwlock_do_init(rwlock);
        knl_object_init(&rwlock->knl_obj, KNL_OBJ_TYPE_RWLOCK);
        knl_object_alloc_set_static(&rwlock->knl_obj);
    }
    return err;
}

__API__ k_err_t tos_rwlock_destroy(k_rwlock_t *rwlock)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = rwlock_check(rwlock);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        pend_wakeup_all(rwlock_readers(rwlock), PEND_STATE_DESTROY);
        pend_wakeup_all(rwlock_writers(rwlock), PEND_STATE_DESTROY);
        rwlock_do_init(rwlock);
        knl_object_deinit(&rwlock->knl_obj);
        knl_object_alloc_reset(&rwlock->knl_obj);
        knl_resched(cpu_cpsr);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Entered with interrupts disabled into cpu_cpsr; returns with them restored. */
static k_err_t rwlock_rpend_locked(k_rwlock_t *rwlock, k_tick_t timeout, cpu_cpsr_t cpu_cpsr)
{
    k_err_t err = K_ERR_NONE;

    if (rwlock->n_readers == K_RWLOCK_CNT_MAX) {
        err = K_ERR_RWLOCK_READERS_TO_MANY;
        TOS_CPU_INT_ENABLE();
    } else if (!rwlock_writer_present(rwlock)) {
        ++rwlock->n_readers;
        TOS_CPU_INT_ENABLE();
    } else {
        /* Nothing to undo on failure: a reader is counted when admitted. */
        err = knl_pend_wait(rwlock_readers(rwlock), cpu_cpsr, timeout);
    }
    return err;
}

__API__ k_err_t tos_rwlock_rpend_timed(k_rwlock_t *rwlock, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = rwlock_check(rwlock);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = rwlock_rpend_locked(rwlock, timeout, cpu_cpsr);
    }
    return err;
}

__API__ k_err_t tos_rwlock_rpend(k_rwlock_t *rwlock)
{
    return tos_rwlock_rpend_timed(rwlock, TOS_TIME_FOREVER);
}

__API__ k_err_t tos_rwlock_rpend_try(k_rwlock_t *rwlock)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = rwlock_check(rwlock);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (rwlock->n_readers == K_RWLOCK_CNT_MAX) {
            err = K_ERR_RWLOCK_READERS_TO_MANY;
        } else if (rwlock_writer_present(rwlock)) {
            err = K_ERR_RWLOCK_IS_WRITTING;
        } else {
            ++rwlock->n_readers;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/*
 * A writer that stopped waiting without getting the lock (timeout, or it
 * never blocked): it may have been the only thing holding readers back.
 */
static void rwlock_writer_gave_up(k_rwlock_t *rwlock)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    /* It may have been destroyed after our timeout, before we ran again. */
    if (knl_obj_verify(rwlock, KNL_OBJ_TYPE_RWLOCK) == K_ERR_NONE) {
        rwlock_writers_sync(rwlock);
        if (!rwlock_writer_present(rwlock)) {
            rwlock_readers_admit(rwlock);
            knl_resched(cpu_cpsr);
        }
    }
    TOS_CPU_INT_ENABLE();
}

/* Entered with interrupts disabled into cpu_cpsr; returns with them restored. */
static k_err_t rwlock_wpend_locked(k_rwlock_t *rwlock, k_tick_t timeout, cpu_cpsr_t cpu_cpsr)
{
    k_err_t err = K_ERR_NONE;

    if (rwlock->n_writers == K_RWLOCK_CNT_MAX) {
        err = K_ERR_RWLOCK_WAITING_WRITERS_TO_MANY;
        TOS_CPU_INT_ENABLE();
    } else if (rwlock->n_readers == 0u && !rwlock->is_writting) {
        rwlock->is_writting = K_TRUE;
        TOS_CPU_INT_ENABLE();
    } else {
        ++rwlock->n_writers;
        err = knl_pend_wait(rwlock_writers(rwlock), cpu_cpsr, timeout);
        /* On success the releaser made us the writer; on destroy it is gone. */
        if (err != K_ERR_NONE && err != K_ERR_PEND_DESTROY) {
            rwlock_writer_gave_up(rwlock);
        }
    }
    return err;
}

__API__ k_err_t tos_rwlock_wpend_timed(k_rwlock_t *rwlock, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = rwlock_check(rwlock);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = rwlock_wpend_locked(rwlock, timeout, cpu_cpsr);
    }
    return err;
}

__API__ k_err_t tos_rwlock_wpend(k_rwlock_t *rwlock)
{
    return tos_rwlock_wpend_timed(rwlock, TOS_TIME_FOREVER);
}

__API__ k_err_t tos_rwlock_wpend_try(k_rwlock_t *rwlock)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = rwlock_check(rwlock);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (rwlock->n_readers > 0u) {
            err = K_ERR_RWLOCK_IS_READING;
        } else if (rwlock->is_writting) {
            err = K_ERR_RWLOCK_IS_WRITTING;
        } else {
            rwlock->is_writting = K_TRUE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Called with interrupts disabled; at least one reader holds the lock. */
static void rwlock_reader_leave(k_rwlock_t *rwlock, cpu_cpsr_t cpu_cpsr)
{
    --rwlock->n_readers;
    if (rwlock->n_readers == 0u) {
        rwlock_readers_done(rwlock, cpu_cpsr);
    }
}

__API__ k_err_t tos_rwlock_rpost(k_rwlock_t *rwlock)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = rwlock_check(rwlock);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (rwlock->n_readers == 0u) {
            err = K_ERR_RWLOCK_NOT_READING;
        } else {
            rwlock_reader_leave(rwlock, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_rwlock_wpost(k_rwlock_t *rwlock)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = rwlock_check(rwlock);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (!rwlock->is_writting) {
            err = K_ERR_RWLOCK_NOT_WRITTING;
        } else {
            rwlock_writer_done(rwlock, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_rwlock_post(k_rwlock_t *rwlock)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = rwlock_check(rwlock);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (rwlock->n_readers > 0u) {
            rwlock_reader_leave(rwlock, cpu_cpsr);
        } else if (rwlock->is_writting) {
            rwlock_writer_done(rwlock, cpu_cpsr);
        } else {
            err = K_ERR_RWLOCK_NOT_TAKEN;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

#endif /* TOS_CFG_SEM_EN && TOS_CFG_MUTEX_EN */
