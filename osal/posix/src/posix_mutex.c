/*
 * Mutexes.
 *
 * PTHREAD_PRIO_INHERIT mutexes are the kernel's k_mutex (priority
 * inheritance, owner death); the adapter adds the POSIX types on top. The
 * kernel mutex always inherits, so PTHREAD_PRIO_NONE and
 * PTHREAD_PRIO_PROTECT mutexes are the adapter's own: an owner, a depth
 * and a wait list served by priority with direct hand-off (the unlocker
 * makes the most urgent waiter the owner before it runs). A PRIO_PROTECT
 * owner runs at least at the ceiling of every such mutex it owns; its base
 * priority (saved_prio, kept in each of those mutexes) comes back when it
 * owns none.
 *
 * Before tos_knl_start() (main() setting things up) the adapter's own
 * mutexes work, owned by a boot token; PRIO_INHERIT ones need the kernel
 * running (EPERM).
 */
#include "posix_private.h"

#if TOS_POSIX_EN

#define PX_MUST_WAIT (-1) /* internal: the lock is busy, wait for it */
#define PX_CANCELLED (-2) /* internal: a cancellation request is due */

/* Owner of mutexes locked before the kernel runs (main()). */
static const uint8_t px_boot_token;
#define PX_BOOT_OWNER ((k_task_t *)(uintptr_t)&px_boot_token)

/* PRIO_PROTECT mutexes currently owned, whoever owns them. */
static k_list_t px_protect_held = {&px_protect_held, &px_protect_held};

static k_task_t *px_caller(void)
{
    k_task_t *task = tos_task_curr_task_get();

    return task != K_NULL ? task : PX_BOOT_OWNER;
}

static int px_is_pi(const tos_posix_pthread_mutex_t *m)
{
    return m->protocol == PTHREAD_PRIO_INHERIT;
}

/* ---- attributes --------------------------------------------------------------- */

static int px_mutexattr_ok(const tos_posix_pthread_mutexattr_t *attr)
{
    return attr != K_NULL && attr->magic == TOS_POSIX_MAGIC_MUTEXATTR;
}

static int px_mutexattr_get_check(const tos_posix_pthread_mutexattr_t *attr, const void *out)
{
    return (px_mutexattr_ok(attr) && out != K_NULL) ? 0 : EINVAL;
}

int tos_posix_pthread_mutexattr_init(tos_posix_pthread_mutexattr_t *attr)
{
    int err = attr != K_NULL ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = TOS_POSIX_MAGIC_MUTEXATTR;
        attr->type = PTHREAD_MUTEX_DEFAULT;
        attr->protocol = PTHREAD_PRIO_NONE;
        attr->prioceiling = PX_PRIO_MAX;
        attr->pshared = PTHREAD_PROCESS_PRIVATE;
        attr->robust = PTHREAD_MUTEX_STALLED;
    }
    return err;
}

int tos_posix_pthread_mutexattr_destroy(tos_posix_pthread_mutexattr_t *attr)
{
    int err = px_mutexattr_ok(attr) ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = 0u;
    }
    return err;
}

int tos_posix_pthread_mutexattr_gettype(const tos_posix_pthread_mutexattr_t *attr, int *type)
{
    int err = px_mutexattr_get_check(attr, type);

    if (err == 0) {
        *type = attr->type;
    }
    return err;
}

int tos_posix_pthread_mutexattr_settype(tos_posix_pthread_mutexattr_t *attr, int type)
{
    int err = px_mutexattr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && type != PTHREAD_MUTEX_DEFAULT && type != PTHREAD_MUTEX_NORMAL &&
        type != PTHREAD_MUTEX_ERRORCHECK && type != PTHREAD_MUTEX_RECURSIVE) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->type = type;
    }
    return err;
}

int tos_posix_pthread_mutexattr_getprotocol(const tos_posix_pthread_mutexattr_t *attr,
                                            int *protocol)
{
    int err = px_mutexattr_get_check(attr, protocol);

    if (err == 0) {
        *protocol = attr->protocol;
    }
    return err;
}

int tos_posix_pthread_mutexattr_setprotocol(tos_posix_pthread_mutexattr_t *attr, int protocol)
{
    int err = px_mutexattr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && protocol != PTHREAD_PRIO_NONE && protocol != PTHREAD_PRIO_INHERIT &&
        protocol != PTHREAD_PRIO_PROTECT) {
        err = EINVAL;
    }
#if TOS_CFG_MUTEX_EN == 0u
    if (err == 0 && protocol == PTHREAD_PRIO_INHERIT) {
        err = ENOTSUP; /* inheritance is the kernel mutex's, configured out */
    }
#endif
    if (err == 0) {
        attr->protocol = protocol;
    }
    return err;
}

int tos_posix_pthread_mutexattr_getprioceiling(const tos_posix_pthread_mutexattr_t *attr,
                                               int *prioceiling)
{
    int err = px_mutexattr_get_check(attr, prioceiling);

    if (err == 0) {
        *prioceiling = attr->prioceiling;
    }
    return err;
}

int tos_posix_pthread_mutexattr_setprioceiling(tos_posix_pthread_mutexattr_t *attr, int prioceiling)
{
    int err = px_mutexattr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && !px_prio_valid(prioceiling)) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->prioceiling = prioceiling;
    }
    return err;
}

int tos_posix_pthread_mutexattr_getpshared(const tos_posix_pthread_mutexattr_t *attr, int *pshared)
{
    int err = px_mutexattr_get_check(attr, pshared);

    if (err == 0) {
        *pshared = attr->pshared;
    }
    return err;
}

int tos_posix_pthread_mutexattr_setpshared(tos_posix_pthread_mutexattr_t *attr, int pshared)
{
    int err = px_mutexattr_ok(attr) ? 0 : EINVAL;

    /* One address space: a shared mutex is an ordinary one. */
    if (err == 0 && pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->pshared = pshared;
    }
    return err;
}

int tos_posix_pthread_mutexattr_getrobust(const tos_posix_pthread_mutexattr_t *attr, int *robust)
{
    int err = px_mutexattr_get_check(attr, robust);

    if (err == 0) {
        *robust = attr->robust;
    }
    return err;
}

int tos_posix_pthread_mutexattr_setrobust(tos_posix_pthread_mutexattr_t *attr, int robust)
{
    int err = px_mutexattr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && robust == PTHREAD_MUTEX_ROBUST) {
        err = ENOTSUP;
    } else if (err == 0 && robust != PTHREAD_MUTEX_STALLED) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->robust = robust;
    }
    return err;
}

/* ---- priority ceilings (interrupts disabled) ------------------------------------ */

/* The most urgent of `base` and the ceilings of the PRIO_PROTECT mutexes task owns. */
static k_prio_t px_protect_target(const k_task_t *task, k_prio_t base)
{
    tos_posix_pthread_mutex_t *m;
    k_prio_t target = base;

    TOS_LIST_FOR_EACH_ENTRY(m, tos_posix_pthread_mutex_t, held, &px_protect_held) {
        if (m->owner == task && PX_KPRIO(m->prioceiling) < target) {
            target = PX_KPRIO(m->prioceiling);
        }
    }
    return target;
}

/* The base priority recorded by a PRIO_PROTECT mutex task owns, else `prio`. */
static k_prio_t px_protect_base(const k_task_t *task, k_prio_t prio)
{
    tos_posix_pthread_mutex_t *m;

    TOS_LIST_FOR_EACH_ENTRY(m, tos_posix_pthread_mutex_t, held, &px_protect_held) {
        if (m->owner == task) {
            prio = m->saved_prio;
            break;
        }
    }
    return prio;
}

static void px_protect_apply(k_task_t *task, k_prio_t base)
{
    k_prio_t target = px_protect_target(task, base);

    if (task != PX_BOOT_OWNER && target != task->prio) {
        (void)tos_task_prio_change(task, target);
    }
}

k_prio_t px_mutex_prio_request(k_task_t *task, k_prio_t kprio)
{
    tos_posix_pthread_mutex_t *m;

    /* A new base while ceilings hold: remembered for when they are all released. */
    TOS_LIST_FOR_EACH_ENTRY(m, tos_posix_pthread_mutex_t, held, &px_protect_held) {
        if (m->owner == task) {
            m->saved_prio = kprio;
        }
    }
    return px_protect_target(task, kprio);
}

/* Base priority of a task that is not a POSIX thread (interrupts disabled). */
static k_prio_t px_plain_base_kprio(k_task_t *task)
{
    k_prio_t prio = task->prio;

#if TOS_CFG_MUTEX_EN > 0u
    /* Undo inheritance the way the kernel will (tos_mutex.c): request, else earliest mutex. */
    if (!tos_list_empty(&task->mutex_own_list)) {
        prio = task->prio_pending != K_TASK_PRIO_INVALID
                   ? task->prio_pending
                   : TOS_LIST_ENTRY(task->mutex_own_list.prev, k_mutex_t, owner_anchor)
                         ->owner_orig_prio;
    }
#endif
    return px_protect_base(task, prio);
}

k_prio_t px_task_base_kprio(k_task_t *task)
{
    px_thread_t *t = px_thread_of(task);

    return t != K_NULL ? t->base_kprio : px_plain_base_kprio(task);
}

/* Non-zero if the caller is more urgent than the ceiling of m (interrupts disabled). */
static int px_ceiling_violated(const tos_posix_pthread_mutex_t *m, const k_task_t *self)
{
    return m->protocol == PTHREAD_PRIO_PROTECT && self != PX_BOOT_OWNER &&
           px_task_base_kprio((k_task_t *)(uintptr_t)self) < PX_KPRIO(m->prioceiling);
}

/* ---- set-up ------------------------------------------------------------------------ */

static void px_mutex_setup(tos_posix_pthread_mutex_t *m, int type, int protocol, int ceiling)
{
    m->type = (uint8_t)type;
    m->protocol = (uint8_t)protocol;
    m->prioceiling = ceiling;
    m->owner = K_NULL;
    m->count = 0u;
    m->saved_prio = 0u;
    pend_object_init(&m->pend);
    tos_list_init(&m->held);
#if TOS_CFG_MUTEX_EN > 0u
    if (protocol == PTHREAD_PRIO_INHERIT) {
        (void)tos_mutex_create(&m->kmutex);
    }
#endif
    m->magic = TOS_POSIX_MAGIC_MUTEX;
}

int px_mutex_ready(tos_posix_pthread_mutex_t *m)
{
    int err = 0;
    TOS_CPU_CPSR_ALLOC();

    if (m == K_NULL) {
        err = EINVAL;
    } else {
        TOS_CPU_INT_DISABLE();
        if (m->magic == TOS_POSIX_MAGIC_MUTEX_STATIC) {
            px_mutex_setup(m, m->type, PTHREAD_PRIO_NONE, PX_PRIO_MAX);
        }
        err = m->magic == TOS_POSIX_MAGIC_MUTEX ? 0 : EINVAL;
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* The owner, whatever the implementation (interrupts disabled). */
static k_task_t *px_mutex_owner(const tos_posix_pthread_mutex_t *m)
{
    k_task_t *owner = m->owner;

#if TOS_CFG_MUTEX_EN > 0u
    if (px_is_pi(m)) {
        owner = m->kmutex.owner;
    }
#endif
    return owner;
}

/* Locked or waited for (interrupts disabled). */
static int px_mutex_busy(const tos_posix_pthread_mutex_t *m)
{
    int busy = px_mutex_owner(m) != K_NULL || !pend_is_nopending((pend_obj_t *)&m->pend);

#if TOS_CFG_MUTEX_EN > 0u
    if (px_is_pi(m)) {
        busy = busy || !pend_is_nopending((pend_obj_t *)&m->kmutex.pend_obj);
    }
#endif
    return busy;
}

int tos_posix_pthread_mutex_init(tos_posix_pthread_mutex_t *mutex,
                                 const tos_posix_pthread_mutexattr_t *attr)
{
    tos_posix_pthread_mutexattr_t defaults;
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (attr == K_NULL) {
        (void)tos_posix_pthread_mutexattr_init(&defaults);
        attr = &defaults;
    }
    if (err == 0 && (mutex == K_NULL || !px_mutexattr_ok(attr))) {
        err = EINVAL;
    }
    if (err == 0) {
        /* The storage is not read: it may hold anything (POSIX: re-init is undefined). */
        TOS_CPU_INT_DISABLE();
        px_mutex_setup(mutex, attr->type, attr->protocol, attr->prioceiling);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_mutex_destroy(tos_posix_pthread_mutex_t *mutex)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        err = px_mutex_ready(mutex);
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (px_mutex_busy(mutex)) {
            err = EBUSY;
        } else {
#if TOS_CFG_MUTEX_EN > 0u
            if (px_is_pi(mutex)) {
                (void)tos_mutex_destroy(&mutex->kmutex);
            }
#endif
            mutex->magic = 0u;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* ---- the adapter's own mutex --------------------------------------------------------- */

/* Makes task the owner (interrupts disabled). */
static void px_own_take(tos_posix_pthread_mutex_t *m, k_task_t *task)
{
    m->owner = task;
    m->count = 1u;
    if (m->protocol == PTHREAD_PRIO_PROTECT) {
        m->saved_prio = task != PX_BOOT_OWNER ? px_task_base_kprio(task) : 0u;
        tos_list_add(&m->held, &px_protect_held);
        px_protect_apply(task, m->saved_prio);
    }
}

/* The last level was released: restore the owner, hand over (interrupts disabled). */
static void px_own_give(tos_posix_pthread_mutex_t *m)
{
    k_task_t *owner = m->owner;
    k_task_t *next = pend_highest_pending_task_get(&m->pend);

    if (m->protocol == PTHREAD_PRIO_PROTECT) {
        tos_list_del_init(&m->held);
        px_protect_apply(owner, m->saved_prio);
    }
    m->owner = K_NULL;
    m->count = 0u;
    if (next != K_NULL) {
        pend_task_wakeup(next, PEND_STATE_POST);
        px_own_take(m, next);
    }
    knl_sched();
}

/* The owner locks again (interrupts disabled): 0, an error, or PX_MUST_WAIT (NORMAL). */
static int px_relock(tos_posix_pthread_mutex_t *m, int try)
{
    int err;

    if (m->type == PTHREAD_MUTEX_RECURSIVE) {
        err = m->count < UINT32_MAX ? 0 : EAGAIN;
        m->count += err == 0 ? 1u : 0u;
    } else if (try) {
        err = EBUSY;
    } else if (m->type == PTHREAD_MUTEX_NORMAL) {
        err = PX_MUST_WAIT; /* POSIX: a NORMAL mutex deadlocks */
    } else {
        err = EDEADLK;
    }
    return err;
}

/* One attempt (interrupts disabled): 0, an error, or PX_MUST_WAIT. */
static int px_own_try(tos_posix_pthread_mutex_t *m, k_task_t *self, int try)
{
    int err = PX_MUST_WAIT;

    if (m->owner == self) {
        err = px_relock(m, try);
    } else if (px_ceiling_violated(m, self)) {
        err = EINVAL;
    } else if (m->owner == K_NULL) {
        px_own_take(m, self);
        err = 0;
    } else if (try) {
        err = EBUSY;
    }
    return err;
}

static int px_wake_to_err(px_wake_t wake)
{
    int err;

    switch (wake) {
    case PX_WAKE_POST:
        err = 0;
        break;
    case PX_WAKE_TIMEOUT:
        err = PX_MUST_WAIT; /* check the deadline again */
        break;
    case PX_WAKE_EXPIRED:
        err = ETIMEDOUT;
        break;
    case PX_WAKE_CANCEL:
        err = PX_CANCELLED;
        break;
    default:
        err = EINVAL; /* destroyed under us */
        break;
    }
    return err;
}

static int px_own_lock(tos_posix_pthread_mutex_t *m, const px_timeout_t *to, int try,
                       unsigned flags)
{
    k_task_t *self = px_caller();
    pend_obj_t nobody; /* a relocked NORMAL mutex waits here: nothing ever posts it */
    int relock;
    int err;
    TOS_CPU_CPSR_ALLOC();

    pend_object_init(&nobody);
    do {
        TOS_CPU_INT_DISABLE();
        relock = m->owner == self;
        err = px_own_try(m, self, try);
        if (err == PX_MUST_WAIT && !px_can_block()) {
            err = EPERM;
        }
        if (err == PX_MUST_WAIT) {
            err = px_wake_to_err(px_wait(relock ? &nobody : &m->pend, to, cpu_cpsr, flags));
            /* On POST the unlocker made us the owner. */
        } else {
            TOS_CPU_INT_ENABLE();
        }
    } while (err == PX_MUST_WAIT);
    return err;
}

static int px_own_unlock(tos_posix_pthread_mutex_t *m)
{
    int err = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (m->owner != px_caller() || m->count == 0u) {
        err = EPERM;
    } else if (--m->count == 0u) {
        px_own_give(m);
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

/* ---- the kernel's inheriting mutex ----------------------------------------------------- */

#if TOS_CFG_MUTEX_EN > 0u

static int px_kerr_to_lock_err(k_err_t kerr)
{
    int err;

    switch (kerr) {
    case K_ERR_NONE:
    case K_ERR_MUTEX_NESTING:
        err = 0;
        break;
    case K_ERR_MUTEX_NESTING_OVERFLOW:
        err = EAGAIN;
        break;
    case K_ERR_PEND_NOWAIT:
        err = EBUSY;
        break;
    case K_ERR_PEND_TIMEOUT:
    case K_ERR_PEND_OWNER_DIE: /* the owner was destroyed: the mutex is free, try again */
    case K_ERR_PEND_ABNORMAL:  /* woken for a cancellation request, or spuriously */
        err = PX_MUST_WAIT;
        break;
    case K_ERR_PEND_DESTROY:
    case K_ERR_OBJ_INVALID:
        err = EINVAL;
        break;
    default:
        err = EPERM; /* ISR, scheduler locked, kernel not running */
        break;
    }
    return err;
}

/* One blocking attempt on the kernel mutex, interruptible by an asynchronous cancel. */
static int px_pi_wait(tos_posix_pthread_mutex_t *m, const px_timeout_t *to)
{
    px_thread_t *self = px_self();
    k_tick_t ticks = to != K_NULL ? px_timeout_ticks(to) : TOS_TIME_FOREVER;
    int realtime = to != K_NULL && to->clock == CLOCK_REALTIME;
    px_rt_waiter_t rt;
    int err;

    if (ticks == 0u) {
        err = ETIMEDOUT;
    } else if (!px_can_block()) {
        err = EPERM;
    } else {
        if (self != K_NULL) {
            self->waiting = K_TRUE;
        }
        if (realtime) {
            px_rt_register(&rt); /* clock_settime() wakes the kernel wait to re-check */
        }
        err = px_kerr_to_lock_err(tos_mutex_pend_timed(&m->kmutex, ticks));
        if (realtime) {
            px_rt_unregister(&rt);
        }
        if (self != K_NULL) {
            self->waiting = K_FALSE;
        }
        if (err == PX_MUST_WAIT && px_cancel_due(self, K_FALSE)) {
            err = PX_CANCELLED;
        }
    }
    return err;
}

static int px_pi_lock(tos_posix_pthread_mutex_t *m, const px_timeout_t *to, int try)
{
    k_task_t *self = tos_task_curr_task_get();
    pend_obj_t nobody;
    int err = PX_MUST_WAIT;
    TOS_CPU_CPSR_ALLOC();

    if (self == K_NULL || px_in_isr()) {
        err = EPERM;
    } else if (m->kmutex.owner == self) {
        err = m->type == PTHREAD_MUTEX_RECURSIVE
                  ? px_kerr_to_lock_err(tos_mutex_pend_timed(&m->kmutex, TOS_TIME_NOWAIT))
                  : px_relock(m, try);
        pend_object_init(&nobody);
        while (err == PX_MUST_WAIT) { /* a relocked NORMAL mutex: wait for nothing */
            TOS_CPU_INT_DISABLE();
            err = px_wake_to_err(px_wait(&nobody, to, cpu_cpsr, PX_WAIT_PLAIN));
        }
    } else {
        /* An immediate success ignores the deadline, as POSIX requires. */
        err = px_kerr_to_lock_err(tos_mutex_pend_timed(&m->kmutex, TOS_TIME_NOWAIT));
        while (err == EBUSY && !try) {
            err = px_pi_wait(m, to);
            err = err == PX_MUST_WAIT ? EBUSY : err;
        }
    }
    return err;
}

static int px_pi_unlock(tos_posix_pthread_mutex_t *m)
{
    k_err_t kerr = tos_mutex_post(&m->kmutex);

    return (kerr == K_ERR_NONE || kerr == K_ERR_MUTEX_NESTING) ? 0 : EPERM;
}

#endif /* TOS_CFG_MUTEX_EN */

/* ---- lock and unlock --------------------------------------------------------------------- */

static int px_mutex_lock(tos_posix_pthread_mutex_t *m, const px_timeout_t *to, int try)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;

    if (err == 0) {
        err = px_mutex_ready(m);
    }
    if (err == 0) {
#if TOS_CFG_MUTEX_EN > 0u
        err = px_is_pi(m) ? px_pi_lock(m, to, try) : px_own_lock(m, to, try, PX_WAIT_PLAIN);
#else
        err = px_own_lock(m, to, try, PX_WAIT_PLAIN);
#endif
    }
    if (err == PX_CANCELLED) {
        px_cancel_point(); /* an asynchronous request: the thread ends here */
    }
    return err;
}

int tos_posix_pthread_mutex_lock(tos_posix_pthread_mutex_t *mutex)
{
    return px_mutex_lock(mutex, K_NULL, K_FALSE);
}

int tos_posix_pthread_mutex_trylock(tos_posix_pthread_mutex_t *mutex)
{
    return px_mutex_lock(mutex, K_NULL, K_TRUE);
}

int tos_posix_pthread_mutex_clocklock(tos_posix_pthread_mutex_t *mutex, clockid_t clock_id,
                                      const struct timespec *abstime)
{
    px_timeout_t to;
    int err = px_timeout_abs(&to, clock_id, abstime);
    int busy;

    if (err == 0) {
        err = px_mutex_lock(mutex, &to, K_FALSE);
    } else if (px_clock_valid(clock_id)) {
        /* A bad abstime matters only if the lock would have to wait. */
        busy = px_mutex_lock(mutex, K_NULL, K_TRUE);
        err = busy == EBUSY ? EINVAL : busy;
    }
    return err;
}

int tos_posix_pthread_mutex_timedlock(tos_posix_pthread_mutex_t *mutex,
                                      const struct timespec *abstime)
{
    return tos_posix_pthread_mutex_clocklock(mutex, CLOCK_REALTIME, abstime);
}

int tos_posix_pthread_mutex_unlock(tos_posix_pthread_mutex_t *mutex)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;

    if (err == 0) {
        err = px_mutex_ready(mutex);
    }
    if (err == 0) {
#if TOS_CFG_MUTEX_EN > 0u
        err = px_is_pi(mutex) ? px_pi_unlock(mutex) : px_own_unlock(mutex);
#else
        err = px_own_unlock(mutex);
#endif
    }
    return err;
}

int tos_posix_pthread_mutex_getprioceiling(const tos_posix_pthread_mutex_t *mutex, int *prioceiling)
{
    int err = (mutex != K_NULL && prioceiling != K_NULL && mutex->magic == TOS_POSIX_MAGIC_MUTEX &&
               mutex->protocol == PTHREAD_PRIO_PROTECT)
                  ? 0
                  : EINVAL;

    if (err == 0) {
        *prioceiling = mutex->prioceiling;
    }
    return err;
}

int tos_posix_pthread_mutex_setprioceiling(tos_posix_pthread_mutex_t *mutex, int prioceiling,
                                           int *old_ceiling)
{
    int err = px_mutex_ready(mutex);
    int owned = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && (mutex->protocol != PTHREAD_PRIO_PROTECT || !px_prio_valid(prioceiling))) {
        err = EINVAL;
    }
    if (err == 0) {
        owned = px_mutex_owned(mutex);
        err = owned ? 0 : tos_posix_pthread_mutex_lock(mutex);
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (old_ceiling != K_NULL) {
            *old_ceiling = mutex->prioceiling;
        }
        mutex->prioceiling = prioceiling;
        px_protect_apply(mutex->owner, mutex->saved_prio);
        TOS_CPU_INT_ENABLE();
        err = owned ? 0 : tos_posix_pthread_mutex_unlock(mutex);
    }
    return err;
}

int tos_posix_pthread_mutex_consistent(tos_posix_pthread_mutex_t *mutex)
{
    (void)mutex;
    return EINVAL; /* no mutex is robust, so none is ever inconsistent */
}

/* ---- for condition variables ------------------------------------------------------------- */

int px_mutex_owned(const tos_posix_pthread_mutex_t *m)
{
    return px_mutex_owner(m) == px_caller();
}

uint32_t px_mutex_release_all(tos_posix_pthread_mutex_t *m)
{
    uint32_t depth = m->count;

#if TOS_CFG_MUTEX_EN > 0u
    if (px_is_pi(m)) {
        depth = m->kmutex.pend_nesting;
        while (tos_mutex_post(&m->kmutex) == K_ERR_MUTEX_NESTING) {
        }
    }
#endif
    if (!px_is_pi(m)) {
        m->count = 0u;
        px_own_give(m);
    }
    return depth;
}

void px_mutex_reacquire(tos_posix_pthread_mutex_t *m, uint32_t depth)
{
    /* Not cancellable: a cancelled waiter must own the mutex for its cleanup handlers. */
#if TOS_CFG_MUTEX_EN > 0u
    if (px_is_pi(m)) {
        while (tos_mutex_pend(&m->kmutex) != K_ERR_NONE) {
        }
        while (depth-- > 1u) {
            (void)tos_mutex_pend(&m->kmutex);
        }
    }
#endif
    if (!px_is_pi(m)) {
        while (px_own_lock(m, K_NULL, K_FALSE, PX_WAIT_UNCANCELLABLE) != 0) {
        }
        m->count = depth;
    }
}

#endif /* TOS_POSIX_EN */
