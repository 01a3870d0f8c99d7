/*
 * Thread life cycle: create, exit, join, detach, self, equal.
 *
 * Memory. A thread's control block (px_thread_t, the kernel task inside)
 * sits at the top of its stack area: one heap block (mem) when the adapter
 * allocates the stack, else the caller's stack (pthread_attr_setstack),
 * which then needs no heap at all.
 *
 * End of a thread. The exiting thread marks itself exited, wakes its
 * joiner (or, detached, gives its block to the graveyard) and destroys its
 * own task, all in one critical section: the switch away happens when that
 * section ends, so whoever runs next finds the thread gone from the CPU
 * and may free its block. A joiner frees it; graveyard blocks are freed by
 * the next create, join or detach (a thread cannot free the stack it runs
 * on).
 */
#include "posix_private.h"

#if TOS_POSIX_EN

#define PX_CTL_ALIGN 8u

_Static_assert(_Alignof(px_thread_t) <= PX_CTL_ALIGN, "control block alignment");
_Static_assert(sizeof(px_thread_t) + PX_CTL_ALIGN + K_TASK_STK_SIZE_MIN + 256u <=
                   POSIX_CFG_PTHREAD_STACK_MIN,
               "POSIX_CFG_PTHREAD_STACK_MIN leaves less than 256 bytes of stack");

/* Live threads: running, or exited and not yet joined. */
static k_list_t px_threads = {&px_threads, &px_threads};
static uint32_t px_thread_count;

/* Blocks of ended detached threads, freed by the next px_reap(). */
static k_list_t px_graveyard = {&px_graveyard, &px_graveyard};

/* Numbers the task names: "pthread<N>". */
static uint32_t px_thread_serial;

static void px_thread_entry(void *arg);

px_thread_t *px_thread_of(k_task_t *task)
{
    return (task != K_NULL && task->entry == px_thread_entry) ? (px_thread_t *)(void *)task
                                                              : K_NULL;
}

px_thread_t *px_self(void)
{
    return px_in_isr() ? K_NULL : px_thread_of(tos_task_curr_task_get());
}

void px_thread_unlink(px_thread_t *t)
{
    tos_list_del(&t->node);
    --px_thread_count;
}

/*
 * A thread whose task was destroyed behind the adapter's back (for example
 * with tos_task_destroy) counts as ended by cancellation. Interrupts disabled.
 */
static void px_thread_vanish_check(px_thread_t *t)
{
    if (t->state == PX_THREAD_RUNNING && t->task.state == K_TASK_STATE_DELETED) {
        t->state = PX_THREAD_EXITED;
        t->retval = PTHREAD_CANCELED;
        if (t->detached) {
            px_thread_unlink(t);
            if (t->mem != K_NULL) {
                tos_list_add_tail(&t->node, &px_graveyard);
            }
        } else {
            pend_wakeup_all(&t->join_pend, PEND_STATE_POST);
        }
    }
}

px_thread_t *px_thread_find(tos_posix_pthread_t handle)
{
    px_thread_t *t;
    px_thread_t *found = K_NULL;

    TOS_LIST_FOR_EACH_ENTRY(t, px_thread_t, node, &px_threads) {
        if ((tos_posix_pthread_t)(uintptr_t)t == handle) {
            found = t;
            break;
        }
    }
    if (found != K_NULL) {
        px_thread_vanish_check(found);
        if (found->state == PX_THREAD_EXITED && found->detached) {
            found = K_NULL; /* a vanished detached thread is gone */
        }
    }
    return found;
}

/* Frees the blocks of ended detached threads. Task context. */
static void px_reap(void)
{
    px_thread_t *t;
    TOS_CPU_CPSR_ALLOC();

    do {
        TOS_CPU_INT_DISABLE();
        t = TOS_LIST_FIRST_ENTRY_OR_NULL(&px_graveyard, px_thread_t, node);
        if (t != K_NULL) {
            tos_list_del(&t->node);
        }
        TOS_CPU_INT_ENABLE();
        if (t != K_NULL) {
            px_free(t->mem);
        }
    } while (t != K_NULL);
}

/* Checks every thread for a task destroyed behind the adapter's back. */
static void px_thread_sweep(void)
{
    px_thread_t *t;
    px_thread_t *tmp;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH_ENTRY_SAFE(t, tmp, px_thread_t, node, &px_threads) {
        px_thread_vanish_check(t);
    }
    TOS_CPU_INT_ENABLE();
}

/* ---- create ------------------------------------------------------------------- */

/* What pthread_create() derives from its attributes. */
typedef struct px_create_st {
    k_prio_t kprio;
    int policy;
    int detached;
    void *stackaddr;
    size_t stacksize;
} px_create_t;

static int px_create_sched(const tos_posix_pthread_attr_t *attr, px_create_t *c)
{
    k_task_t *creator = tos_task_curr_task_get();
    int err = 0;

    if (attr->inheritsched == PTHREAD_INHERIT_SCHED) {
        c->kprio = creator != K_NULL ? creator->prio : PX_KPRIO_DEFAULT;
        c->policy = creator != K_NULL ? px_policy_of(creator) : SCHED_OTHER;
        if (creator != K_NULL && creator->prio >= K_TASK_PRIO_IDLE) {
            c->kprio = PX_KPRIO_DEFAULT; /* created by the idle task's hooks */
        }
    } else if (!px_policy_valid(attr->schedpolicy) ||
               !px_prio_valid(attr->schedparam.sched_priority)) {
        err = EINVAL;
    } else {
        c->kprio = PX_KPRIO(attr->schedparam.sched_priority);
        c->policy = attr->schedpolicy;
    }
    return err;
}

static int px_create_params(const tos_posix_pthread_attr_t *attr, px_create_t *c)
{
    tos_posix_pthread_attr_t defaults;
    int err = 0;

    if (attr == K_NULL) {
        (void)tos_posix_pthread_attr_init(&defaults);
        attr = &defaults;
    } else if (attr->magic != TOS_POSIX_MAGIC_ATTR) {
        err = EINVAL;
    }
    if (err == 0) {
        err = px_create_sched(attr, c);
    }
    if (err == 0) {
        c->detached = attr->detachstate == PTHREAD_CREATE_DETACHED;
        c->stackaddr = attr->stackaddr;
        c->stacksize = attr->stacksize;
    }
    return err;
}

/* Places the control block at the top of [base, base + size); the stack is the rest. */
static px_thread_t *px_carve(void *base, size_t size, k_stack_t **stk, size_t *stk_size)
{
    uintptr_t lo = (uintptr_t)base;
    uintptr_t ctl;

#if TOS_CFG_CPU_STK_GROWTH == CPU_STK_GROWTH_DESCENDING
    ctl = (lo + size - sizeof(px_thread_t)) & ~(uintptr_t)(PX_CTL_ALIGN - 1u);
    *stk = (k_stack_t *)base;
    *stk_size = (size_t)(ctl - lo);
#else
    ctl = (lo + PX_CTL_ALIGN - 1u) & ~(uintptr_t)(PX_CTL_ALIGN - 1u);
    *stk = (k_stack_t *)(ctl + sizeof(px_thread_t));
    *stk_size = (size_t)(lo + size - (uintptr_t)*stk);
#endif
    memset((void *)ctl, 0, sizeof(px_thread_t));
    return (px_thread_t *)ctl;
}

/* "pthread<N>", without the C library's formatted output. */
static void px_thread_name(char *name, uint32_t serial)
{
    static const char prefix[] = "pthread";
    char digits[10];
    size_t n = 0u;
    size_t i;

    do {
        digits[n++] = (char)('0' + (int)(serial % 10u));
        serial /= 10u;
    } while (serial != 0u);
    memcpy(name, prefix, sizeof(prefix) - 1u);
    for (i = 0u; i < n; ++i) {
        name[sizeof(prefix) - 1u + i] = digits[n - 1u - i];
    }
    name[sizeof(prefix) - 1u + n] = '\0';
}

/* Registers t, or EAGAIN at the thread limit. */
static int px_thread_register(px_thread_t *t, uint32_t *serial)
{
    int err = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (px_thread_count >= POSIX_CFG_PTHREAD_THREADS_MAX) {
        err = EAGAIN;
    } else {
        ++px_thread_count;
        tos_list_add_tail(&t->node, &px_threads);
        *serial = ++px_thread_serial;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

static void px_thread_unregister(px_thread_t *t)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    px_thread_unlink(t);
    TOS_CPU_INT_ENABLE();
}

static int px_kerr_to_create_errno(k_err_t kerr)
{
    int err = EAGAIN;

    if (kerr == K_ERR_NONE) {
        err = 0;
    } else if (kerr == K_ERR_IN_IRQ || kerr == K_ERR_KNL_FOREIGN_CONTEXT) {
        err = EPERM;
    } else if (kerr == K_ERR_TASK_PRIO_INVALID) {
        err = EINVAL;
    }
    return err;
}

/* Builds the thread in its memory and starts its task. */
static int px_thread_start(const px_create_t *c, void *mem, void *area, size_t area_size,
                           void *(*start)(void *), void *arg, tos_posix_pthread_t *thread)
{
    k_stack_t *stk;
    size_t stk_size;
    px_thread_t *t = px_carve(area, area_size, &stk, &stk_size);
    uint32_t serial = 0u;
    char name[K_TASK_NAME_MAX];
    int err;

    t->start = start;
    t->arg = arg;
    t->mem = mem;
    t->policy = c->policy;
    t->base_kprio = c->kprio;
    t->detached = (uint8_t)c->detached;
    t->cancel_state = PTHREAD_CANCEL_ENABLE;
    t->cancel_type = PTHREAD_CANCEL_DEFERRED;
    t->state = PX_THREAD_RUNNING;
    pend_object_init(&t->join_pend);
    tos_list_init(&t->node);
    err = px_thread_register(t, &serial);
    if (err == 0) {
        px_thread_name(name, serial);
        /* Published before the thread can run (it may be more urgent than us). */
        *thread = (tos_posix_pthread_t)(uintptr_t)t;
        err =
            px_kerr_to_create_errno(tos_task_create(&t->task, name, px_thread_entry, t, c->kprio,
                                                    stk, stk_size, px_policy_timeslice(c->policy)));
        if (err != 0) {
            px_thread_unregister(t);
        }
    }
    return err;
}

int tos_posix_pthread_create(tos_posix_pthread_t *thread, const tos_posix_pthread_attr_t *attr,
                             void *(*start)(void *), void *arg)
{
    px_create_t c;
    void *mem = K_NULL;
    int err = px_ctx_check();

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0 && (thread == K_NULL || start == K_NULL)) {
        err = EINVAL;
    }
    if (err == 0) {
        err = px_create_params(attr, &c);
    }
    if (err == 0) {
        px_reap();
        px_thread_sweep();
        if (c.stackaddr == K_NULL) {
            /* The whole stack size is the thread's: the control block comes on top. */
            c.stacksize += sizeof(px_thread_t) + PX_CTL_ALIGN;
            mem = px_alloc(c.stacksize);
            err = mem == K_NULL ? EAGAIN : 0;
        }
    }
    if (err == 0) {
        err = px_thread_start(&c, mem, mem != K_NULL ? mem : c.stackaddr, c.stacksize, start, arg,
                              thread);
        if (err != 0) {
            px_free(mem);
        }
    }
    return err;
}

static void px_thread_entry(void *arg)
{
    px_thread_t *self = (px_thread_t *)arg;

    px_thread_exit(self, self->start(self->arg));
}

/* ---- exit ------------------------------------------------------------------------ */

__NO_RETURN__ void px_thread_exit(px_thread_t *self, void *retval)
{
    struct tos_posix_pthread_cleanup_st *c;
    TOS_CPU_CPSR_ALLOC();

    self->exiting = K_TRUE;
    self->cancel_state = PTHREAD_CANCEL_DISABLE;
    while ((c = self->cleanup) != K_NULL) {
        self->cleanup = c->prev;
        if (c->routine != K_NULL) {
            c->routine(c->arg);
        }
    }
    px_key_run_destructors(self);
    /* A task cannot end with the scheduler locked (e.g. inside a spinlock). */
    while (knl_is_sched_locked() && tos_knl_sched_unlock() == K_ERR_NONE) {
    }

    TOS_CPU_INT_DISABLE();
    self->retval = retval;
    self->state = PX_THREAD_EXITED;
    if (self->detached) {
        px_thread_unlink(self);
        if (self->mem != K_NULL) {
            tos_list_add_tail(&self->node, &px_graveyard);
        }
    } else {
        pend_wakeup_all(&self->join_pend, PEND_STATE_POST);
    }
    /* Returns: the switch away waits for the end of this critical section. */
    (void)tos_task_destroy(K_NULL);
    TOS_CPU_INT_ENABLE();
    for (;;) {
        /* not reached */
    }
}

__NO_RETURN__ void tos_posix_pthread_exit(void *value_ptr)
{
    px_thread_t *self = px_self();

    if (self != K_NULL) {
        px_thread_exit(self, value_ptr);
    }
    if (!px_in_isr()) {
        while (knl_is_sched_locked() && tos_knl_sched_unlock() == K_ERR_NONE) {
        }
        if (tos_knl_is_running()) {
            (void)tos_task_destroy(K_NULL); /* a plain task ends */
        } else {
            (void)tos_knl_start(); /* main() ends: the threads it created run */
        }
    }
    for (;;) {
        /* only reached from an ISR, where pthread_exit() has no meaning */
    }
}

/* ---- join and detach ----------------------------------------------------------------- */

static int px_join_check(const px_thread_t *t, k_task_t *self)
{
    int err = 0;

    if (t == K_NULL) {
        err = ESRCH;
    } else if (&t->task == self) {
        err = EDEADLK;
    } else if (t->detached || (t->joiner != K_NULL && t->joiner != self)) {
        err = EINVAL;
    } else if (t->state != PX_THREAD_EXITED && !px_can_block()) {
        err = EPERM;
    }
    return err;
}

/* Waits until the thread has exited and unlinks it; 0, or an error (then it is untouched). */
static int px_join_wait(tos_posix_pthread_t thread, px_thread_t **out)
{
    k_task_t *self = tos_task_curr_task_get();
    px_thread_t *t;
    px_wake_t wake = PX_WAKE_POST;
    int joined = K_FALSE;
    int err;
    TOS_CPU_CPSR_ALLOC();

    do {
        TOS_CPU_INT_DISABLE();
        t = px_thread_find(thread);
        err = px_join_check(t, self);
        if (err == 0 && t->state == PX_THREAD_EXITED) {
            px_thread_unlink(t);
            joined = K_TRUE;
        }
        if (err == 0 && !joined) {
            t->joiner = self;
            wake = px_wait(&t->join_pend, K_NULL, cpu_cpsr, PX_WAIT_CANCEL_POINT);
        } else {
            TOS_CPU_INT_ENABLE();
        }
    } while (err == 0 && !joined && (wake == PX_WAKE_POST || wake == PX_WAKE_TIMEOUT));
    if (err == 0 && !joined) {
        t->joiner = K_NULL; /* cancelled: the target stays joinable */
        px_cancel_point();
    }
    *out = t;
    return err;
}

int tos_posix_pthread_join(tos_posix_pthread_t thread, void **value_ptr)
{
    px_thread_t *t = K_NULL;
    int err = px_ctx_check();

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0) {
        px_cancel_point();
        px_reap();
        err = px_join_wait(thread, &t);
    }
    if (err == 0) {
        if (value_ptr != K_NULL) {
            *value_ptr = t->retval;
        }
        px_free(t->mem); /* NULL (caller's stack) is a no-op */
    }
    return err;
}

int tos_posix_pthread_detach(tos_posix_pthread_t thread)
{
    px_thread_t *t;
    void *mem = K_NULL;
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        px_reap();
        TOS_CPU_INT_DISABLE();
        t = px_thread_find(thread);
        if (t == K_NULL) {
            err = ESRCH;
        } else if (t->detached || t->joiner != K_NULL) {
            err = EINVAL;
        } else if (t->state == PX_THREAD_EXITED) {
            px_thread_unlink(t);
            mem = t->mem;
        } else {
            t->detached = K_TRUE;
        }
        TOS_CPU_INT_ENABLE();
        px_free(mem);
    }
    return err;
}

tos_posix_pthread_t tos_posix_pthread_self(void)
{
    return px_in_isr() ? (tos_posix_pthread_t)0 : (uintptr_t)tos_task_curr_task_get();
}

int tos_posix_pthread_equal(tos_posix_pthread_t t1, tos_posix_pthread_t t2)
{
    return t1 == t2;
}

#endif /* TOS_POSIX_EN */
