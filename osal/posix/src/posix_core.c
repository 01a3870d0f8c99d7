/*
 * The adapter's foundation: contexts, the shared wait primitive, the heap.
 * See posix_private.h for the model.
 */
#include "posix_private.h"

#if TOS_POSIX_EN

/* Waiters with CLOCK_REALTIME deadlines: clock_settime() makes them re-check. */
static k_list_t px_rt_waiters = {&px_rt_waiters, &px_rt_waiters};

int tos_posix_init(void)
{
    /* Every list and table of the adapter is initialised statically. */
    return 0;
}

int px_ctx_check(void)
{
    return cpu_is_foreign_context() ? EPERM : 0;
}

int px_in_isr(void)
{
    return cpu_is_foreign_context() || knl_is_inirq();
}

int px_can_block(void)
{
    return !px_in_isr() && tos_knl_is_running() && !knl_is_sched_locked();
}

static px_wake_t px_wake_reason(const px_thread_t *t, pend_state_t state, unsigned flags)
{
    px_wake_t wake;

    switch (state) {
    case PEND_STATE_POST:
        wake = PX_WAKE_POST;
        break;
    case PEND_STATE_TIMEOUT:
        wake = PX_WAKE_TIMEOUT;
        break;
    case PEND_STATE_DESTROY:
    case PEND_STATE_OWNER_DIE:
        wake = PX_WAKE_DESTROY;
        break;
    default:
        /* Only px_wait_interrupt() wakes with NONE: a cancellation request. */
        wake = px_cancel_due(t, (flags & PX_WAIT_CANCEL_POINT) != 0u) ? PX_WAKE_CANCEL
                                                                      : PX_WAKE_TIMEOUT;
        break;
    }
    return wake;
}

void px_rt_register(px_rt_waiter_t *rt)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    rt->task = k_curr_task;
    tos_list_add_tail(&rt->node, &px_rt_waiters);
    TOS_CPU_INT_ENABLE();
}

void px_rt_unregister(px_rt_waiter_t *rt)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    tos_list_del(&rt->node);
    TOS_CPU_INT_ENABLE();
}

/* Blocks for `ticks` (interrupts disabled into cpsr); returns with them disabled. */
static pend_state_t px_block(pend_obj_t *obj, k_tick_t ticks, const px_timeout_t *to,
                             cpu_cpsr_t *cpsr, px_thread_t *t, unsigned flags)
{
    k_task_t *self = k_curr_task;
    px_rt_waiter_t rt;
    int realtime = to != K_NULL && to->clock == CLOCK_REALTIME;

    if (t != K_NULL && (flags & PX_WAIT_UNCANCELLABLE) == 0u) {
        t->waiting = K_TRUE;
        t->cancel_point = (flags & PX_WAIT_CANCEL_POINT) != 0u;
    }
    if (realtime) {
        px_rt_register(&rt); /* nests: interrupts stay disabled */
    }
    pend_task_block(self, obj, ticks);
    knl_sched();
    /* The switch away happens here; we continue once woken. */
    tos_cpu_cpsr_restore(*cpsr);
    *cpsr = tos_cpu_cpsr_save();
    if (realtime) {
        px_rt_unregister(&rt);
    }
    if (t != K_NULL) {
        t->waiting = K_FALSE;
        t->cancel_point = K_FALSE;
    }
    return self->pend_state;
}

px_wake_t px_wait(pend_obj_t *obj, const px_timeout_t *to, cpu_cpsr_t cpsr, unsigned flags)
{
    px_thread_t *t = px_thread_of(k_curr_task);
    k_tick_t ticks = to != K_NULL ? px_timeout_ticks(to) : TOS_TIME_FOREVER;
    int cp = (flags & PX_WAIT_CANCEL_POINT) != 0u;
    px_wake_t wake;

    if ((flags & PX_WAIT_UNCANCELLABLE) == 0u && px_cancel_due(t, cp)) {
        wake = PX_WAKE_CANCEL;
    } else if (ticks == 0u) {
        wake = PX_WAKE_EXPIRED;
    } else {
        wake = px_wake_reason(t, px_block(obj, ticks, to, &cpsr, t, flags), flags);
    }
    tos_cpu_cpsr_restore(cpsr);
    return wake;
}

void px_wait_interrupt(px_thread_t *t)
{
    if (t->waiting && (t->cancel_point || t->cancel_type == PTHREAD_CANCEL_ASYNCHRONOUS) &&
        task_state_is_pending(&t->task)) {
        pend_task_wakeup(&t->task, PEND_STATE_NONE);
        knl_sched();
    }
}

/* clock_settime(): every CLOCK_REALTIME waiter re-checks its deadline. */
void px_rt_waiters_recheck(void)
{
    px_rt_waiter_t *w;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH_ENTRY(w, px_rt_waiter_t, node, &px_rt_waiters) {
        if (task_state_is_pending(w->task)) {
            pend_task_wakeup(w->task, PEND_STATE_TIMEOUT);
        }
    }
    knl_sched();
    TOS_CPU_INT_ENABLE();
}

void *px_alloc(size_t size)
{
    return tos_mmheap_alloc(size);
}

void px_free(void *ptr)
{
    tos_mmheap_free(ptr);
}

size_t px_name_len(const char *name)
{
    size_t len = 0u;

    if (name != K_NULL) {
        while (len <= POSIX_CFG_NAME_MAX && name[len] != '\0') {
            ++len;
        }
    }
    return len;
}

int px_sigevent_check(const struct tos_posix_sigevent *evp)
{
    int err = 0;

    if (evp == K_NULL) {
        err = EINVAL;
    } else if (evp->sigev_notify == SIGEV_SIGNAL) {
        err = ENOTSUP;
    } else if (evp->sigev_notify == SIGEV_THREAD) {
        err = evp->sigev_notify_function == K_NULL ? EINVAL : 0;
    } else if (evp->sigev_notify != SIGEV_NONE) {
        err = EINVAL;
    }
    return err;
}

#endif /* TOS_POSIX_EN */
