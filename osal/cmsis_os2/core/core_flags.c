/*
 * CMSIS core: flags (event flags, thread flags, v1 signals).
 *
 * A waiter's condition is evaluated when flags are set, in wait-list order
 * (priority, then FIFO): the waiter is released with the flags of that
 * moment, so a pulse (set then clear) releases everyone it satisfied even
 * if they have not run yet.
 */
#include "cmsis_core.h"

#if CMSIS_CORE_EN > 0u

static int flags_satisfied(uint32_t current, uint32_t wanted, uint32_t options)
{
    int ok;

    if ((options & CMSIS_FLAGS_WAIT_ALL) != 0u) {
        ok = (current & wanted) == wanted;
    } else {
        ok = (current & wanted) != 0u;
    }
    return ok;
}

/* Interrupts disabled. Returns non-zero and consumes if the wait is satisfied now. */
static int flags_take(cmsis_flags_t *f, uint32_t wanted, uint32_t options, uint32_t *pattern)
{
    int ok = flags_satisfied(f->flags, wanted, options);

    if (ok) {
        *pattern = f->flags;
        if ((options & CMSIS_FLAGS_NO_CLEAR) == 0u) {
            f->flags &= ~wanted;
        }
    }
    return ok;
}

void cmsis_flags_init(cmsis_flags_t *f)
{
    pend_object_init(&f->pend);
    f->flags = 0u;
}

uint32_t cmsis_flags_set(cmsis_flags_t *f, uint32_t flags, uint32_t *before)
{
    k_list_t *node, *next;
    k_task_t *task;
    cmsis_waiter_t *w;
    uint32_t result;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (before != K_NULL) {
        *before = f->flags;
    }
    f->flags |= flags;
    TOS_LIST_FOR_EACH_SAFE(node, next, &f->pend.list) {
        task = TOS_LIST_ENTRY(node, k_task_t, pend_list);
        w = cmsis_waiter_of(task);
        if (flags_take(f, w->flags, w->options, &w->flags)) {
            cmsis_wake(task, PEND_STATE_POST);
        }
    }
    result = f->flags;
    knl_sched();
    TOS_CPU_INT_ENABLE();
    return result;
}

uint32_t cmsis_flags_clear(cmsis_flags_t *f, uint32_t flags)
{
    uint32_t before;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    before = f->flags;
    f->flags &= ~flags;
    TOS_CPU_INT_ENABLE();
    return before;
}

uint32_t cmsis_flags_get(cmsis_flags_t *f)
{
    return f->flags;
}

k_err_t cmsis_flags_wait(cmsis_flags_t *f, uint32_t wanted, uint32_t options, k_tick_t timeout,
                         uint32_t *pattern)
{
    k_err_t err = K_ERR_NONE;
    cmsis_waiter_t w;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (flags_take(f, wanted, options, pattern)) {
        TOS_CPU_INT_ENABLE();
    } else {
        w.flags = wanted;
        w.options = options;
        err = cmsis_wait(&f->pend, &w, timeout, cpu_cpsr);
        if (err == K_ERR_NONE) {
            *pattern = w.flags;
        }
    }
    return err;
}

void cmsis_flags_destroy(cmsis_flags_t *f)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    cmsis_wake_all_destroyed(&f->pend);
    knl_sched();
    TOS_CPU_INT_ENABLE();
}

#endif /* CMSIS_CORE_EN */
