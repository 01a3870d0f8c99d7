/*
 * Timers and the notification machinery they share with mq_notify().
 *
 * Notifier. SIGEV_THREAD notifications run in a thread the notifier owns,
 * created up front with sigev_notify_attributes: a timer may expire in an
 * ISR, where no thread can be created. An expiry that finds the previous
 * notification still queued counts as an overrun (timer_getoverrun), as
 * POSIX specifies for a notification that is generated but not yet
 * delivered.
 *
 * Timer. A kernel one-shot timer armed for the next expiry. The adapter
 * keeps the expiry schedule itself (deadline, interval) and re-arms from
 * the callback relative to the schedule, not to the moment of service: a
 * late service (timer task busy) neither shifts later expiries nor loses
 * any (they are counted as overruns).
 */
#include "posix_private.h"

#if TOS_POSIX_EN

/* ---- notifier ------------------------------------------------------------------ */

/* The thread is going (it ended, or its function called pthread_exit / was cancelled). */
static void px_notifier_gone(void *arg)
{
    px_notifier_t *n = (px_notifier_t *)arg;
    int owner_gone;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    n->has_thread = K_FALSE;
    owner_gone = n->quit;
    TOS_CPU_INT_ENABLE();
    if (owner_gone) {
        n->release(n); /* stop() found the thread alive and left n to it */
    }
}

/* Waits for a notification or a stop; returns non-zero to deliver one. */
static int px_notifier_next(px_notifier_t *n, int *more)
{
    int deliver = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    while (!n->pending && !n->quit) {
        (void)px_wait(&n->pend, K_NULL, cpu_cpsr, PX_WAIT_UNCANCELLABLE);
        TOS_CPU_INT_DISABLE();
    }
    if (n->pending && !n->quit) {
        n->pending = 0u;
        n->overrun_last = n->overrun_acc;
        n->overrun_acc = 0u;
        deliver = K_TRUE;
    }
    *more = !n->quit && !n->oneshot;
    TOS_CPU_INT_ENABLE();
    return deliver;
}

static void *px_notifier_main(void *arg)
{
    px_notifier_t *n = (px_notifier_t *)arg;
    int more = K_TRUE;

    pthread_cleanup_push(px_notifier_gone, n);
    while (more) {
        if (px_notifier_next(n, &more)) {
            n->fn(n->value);
        }
    }
    pthread_cleanup_pop(1);
    return K_NULL;
}

int px_notifier_start(px_notifier_t *n, const struct tos_posix_sigevent *evp, int oneshot,
                      void (*release)(px_notifier_t *n))
{
    tos_posix_pthread_attr_t attr;
    tos_posix_pthread_t thread;
    int err = 0;

    memset(n, 0, sizeof(*n));
    pend_object_init(&n->pend);
    n->fn = evp->sigev_notify_function;
    n->value = evp->sigev_value;
    n->release = release;
    n->oneshot = (uint8_t)(oneshot != 0);
    if (evp->sigev_notify == SIGEV_THREAD) {
        if (evp->sigev_notify_attributes != K_NULL) {
            attr = *evp->sigev_notify_attributes;
            err = attr.magic == TOS_POSIX_MAGIC_ATTR ? 0 : EINVAL;
        } else {
            (void)tos_posix_pthread_attr_init(&attr);
        }
        attr.detachstate = PTHREAD_CREATE_DETACHED; /* nobody joins it */
        n->has_thread = K_TRUE;                     /* before it can run */
        err = err == 0 ? tos_posix_pthread_create(&thread, &attr, px_notifier_main, n) : err;
        if (err != 0) {
            n->has_thread = K_FALSE;
            err = err == EINVAL ? EINVAL : EAGAIN;
        }
    }
    return err;
}

void px_notifier_fire(px_notifier_t *n, uint32_t missed)
{
    uint64_t acc;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (n->quit) {
        /* stopping: nothing is delivered any more */
    } else if (n->pending) {
        acc = (uint64_t)n->overrun_acc + missed + 1u;
        n->overrun_acc = acc < (uint64_t)DELAYTIMER_MAX ? (uint32_t)acc : (uint32_t)DELAYTIMER_MAX;
    } else {
        n->pending = 1u;
        n->overrun_acc = missed < (uint32_t)DELAYTIMER_MAX ? missed : (uint32_t)DELAYTIMER_MAX;
        pend_wakeup_one(&n->pend, PEND_STATE_POST);
        knl_sched();
    }
    TOS_CPU_INT_ENABLE();
}

void px_notifier_stop(px_notifier_t *n)
{
    int has_thread;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    n->quit = K_TRUE;
    n->pending = 0u;
    has_thread = n->has_thread;
    if (has_thread) {
        pend_wakeup_all(&n->pend, PEND_STATE_POST);
        knl_sched();
    }
    TOS_CPU_INT_ENABLE();
    if (!has_thread) {
        n->release(n);
    }
}

/* ---- timers --------------------------------------------------------------------- */

#if TOS_CFG_TIMER_EN > 0u

#define PX_TIMER_MAGIC 0x5054494Du

struct tos_posix_timer_st {
    px_notifier_t n; /* first: the notifier's release finds the timer */
    k_list_t node;   /* in px_timers */
    uint32_t magic;
    clockid_t clock;
    k_timer_t ktimer;
    k_tick_t deadline; /* tick of the next expiry, while armed */
    k_tick_t interval; /* ticks between expiries; 0: one-shot */
    int64_t rt_abs_ns; /* first expiry as a CLOCK_REALTIME time, while rt_abs */
    uint8_t armed;
    uint8_t rt_abs;
};

static k_list_t px_timers = {&px_timers, &px_timers};
static uint32_t px_timer_count;

/* A live timer (interrupts disabled). */
static int px_timer_ok(tos_posix_timer_t timer)
{
    tos_posix_timer_t t;
    int found = K_FALSE;

    TOS_LIST_FOR_EACH_ENTRY(t, struct tos_posix_timer_st, node, &px_timers) {
        if (t == timer) {
            found = t->magic == PX_TIMER_MAGIC;
            break;
        }
    }
    return found;
}

/* Arms the kernel timer `ticks` (>= 1) from now. */
static void px_timer_arm(tos_posix_timer_t t, k_tick_t ticks)
{
    (void)tos_timer_stop(&t->ktimer);
    (void)tos_timer_delay_change(&t->ktimer, ticks);
    (void)tos_timer_start(&t->ktimer);
}

/* An expiry is due: schedule the next one, notify. Any context. */
static void px_timer_expire(tos_posix_timer_t t)
{
    k_tick_t now;
    k_tick_t next;
    k_tick_t missed = 0u;
    int fire = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (t->magic == PX_TIMER_MAGIC && t->armed) {
        now = tos_systick_get();
        t->rt_abs = K_FALSE;
        if (t->interval != 0u) {
            next = t->deadline + t->interval;
            if (next <= now) {
                /* Served late: the expiries in between are overruns, not delays. */
                missed = (now - next) / t->interval + 1u;
                next += missed * t->interval;
            }
            t->deadline = next;
            px_timer_arm(t, next - now);
        } else {
            t->armed = K_FALSE;
        }
        fire = K_TRUE;
    }
    TOS_CPU_INT_ENABLE();
    if (fire) {
        px_notifier_fire(&t->n, missed < (k_tick_t)UINT32_MAX ? (uint32_t)missed : UINT32_MAX);
    }
}

static void px_timer_callback(void *arg)
{
    px_timer_expire((tos_posix_timer_t)arg);
}

static void px_timer_release(px_notifier_t *n)
{
    px_free(n); /* the notifier is the timer's first member */
}

/* Reserves one of the POSIX_CFG_TIMERS_MAX places (undone with delta -1). */
static int px_timer_reserve(int delta)
{
    int err = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (delta > 0 && px_timer_count >= POSIX_CFG_TIMERS_MAX) {
        err = EAGAIN;
    } else {
        px_timer_count = delta > 0 ? px_timer_count + 1u : px_timer_count - 1u;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

static tos_posix_timer_t px_timer_new(clockid_t clock_id, const struct tos_posix_sigevent *evp,
                                      int *err)
{
    tos_posix_timer_t t = (tos_posix_timer_t)px_alloc(sizeof(struct tos_posix_timer_st));
    TOS_CPU_CPSR_ALLOC();

    *err = t != K_NULL ? 0 : EAGAIN;
    if (*err == 0) {
        memset(t, 0, sizeof(*t));
        t->clock = clock_id;
        (void)tos_timer_create(&t->ktimer, 1u, 0u, px_timer_callback, t, TOS_OPT_TIMER_ONESHOT);
        *err = px_notifier_start(&t->n, evp, K_FALSE, px_timer_release);
        if (*err != 0) {
            (void)tos_timer_destroy(&t->ktimer);
            px_free(t);
            t = K_NULL;
        }
    }
    if (*err == 0) {
        TOS_CPU_INT_DISABLE();
        t->magic = PX_TIMER_MAGIC;
        tos_list_add_tail(&t->node, &px_timers);
        TOS_CPU_INT_ENABLE();
    }
    return t;
}

int tos_posix_timer_create(clockid_t clock_id, struct tos_posix_sigevent *evp,
                           tos_posix_timer_t *timerid)
{
    tos_posix_timer_t t;
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;

    if (err == 0 && px_clock_is_cputime(clock_id)) {
        err = ENOTSUP;
    } else if (err == 0 && (timerid == K_NULL || !px_clock_valid(clock_id))) {
        err = EINVAL;
    }
    if (err == 0) {
        err = px_sigevent_check(evp);
    }
    if (err == 0) {
        err = px_timer_reserve(1);
    }
    if (err == 0) {
        t = px_timer_new(clock_id, evp, &err);
        if (err == 0) {
            *timerid = t;
        } else {
            (void)px_timer_reserve(-1);
        }
    }
    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

int tos_posix_timer_delete(tos_posix_timer_t timerid)
{
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!px_timer_ok(timerid)) {
            err = EINVAL;
        } else {
            tos_list_del(&timerid->node);
            timerid->magic = 0u;
            timerid->armed = K_FALSE;
        }
        TOS_CPU_INT_ENABLE();
    }
    if (err == 0) {
        (void)px_timer_reserve(-1);
        (void)tos_timer_stop(&timerid->ktimer);
        (void)tos_timer_destroy(&timerid->ktimer);
        /* Freed now, or by its thread once a running notification returns. */
        px_notifier_stop(&timerid->n);
    } else {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

/* Current setting (interrupts disabled). */
static void px_timer_get(tos_posix_timer_t t, struct itimerspec *value)
{
    k_tick_t now = tos_systick_get();
    int64_t left = 0;

    if (t->armed) {
        left = t->deadline > now ? px_ticks_to_ns(t->deadline - now) : 1; /* due: about to fire */
    }
    px_ns_to_ts(left, &value->it_value);
    px_ns_to_ts(t->armed ? px_ticks_to_ns(t->interval) : 0, &value->it_interval);
}

static int px_itimerspec_valid(const struct itimerspec *value)
{
    return value != K_NULL && px_ts_valid(&value->it_value) && px_ts_valid(&value->it_interval) &&
           value->it_value.tv_sec >= 0 && value->it_interval.tv_sec >= 0;
}

/* Ticks to the first expiry (0: due now); records a CLOCK_REALTIME absolute start. */
static k_tick_t px_timer_first(tos_posix_timer_t t, int flags, const struct timespec *value)
{
    px_timeout_t to;
    k_tick_t ticks;

    if ((flags & TIMER_ABSTIME) != 0) {
        (void)px_timeout_abs(&to, t->clock, value);
        ticks = px_timeout_ticks(&to);
        t->rt_abs = t->clock == CLOCK_REALTIME && ticks > 0u;
        t->rt_abs_ns = to.deadline_ns;
    } else {
        ticks = px_ns_to_ticks(px_ts_to_ns(value));
    }
    return ticks;
}

/* Applies a setting (interrupts disabled); returns non-zero if it expires at once. */
static int px_timer_set(tos_posix_timer_t t, int flags, const struct itimerspec *value)
{
    k_tick_t ticks;
    int now_due = K_FALSE;

    (void)tos_timer_stop(&t->ktimer);
    t->armed = K_FALSE;
    t->rt_abs = K_FALSE;
    if (value->it_value.tv_sec != 0 || value->it_value.tv_nsec != 0) {
        ticks = px_timer_first(t, flags, &value->it_value);
        t->interval = px_ns_to_ticks(px_ts_to_ns(&value->it_interval));
        t->deadline = tos_systick_get() + ticks;
        t->armed = K_TRUE;
        if (ticks == 0u) {
            now_due = K_TRUE;
        } else {
            px_timer_arm(t, ticks);
        }
    }
    return now_due;
}

int tos_posix_timer_settime(tos_posix_timer_t timerid, int flags, const struct itimerspec *value,
                            struct itimerspec *ovalue)
{
    int now_due = K_FALSE;
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && !px_itimerspec_valid(value)) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!px_timer_ok(timerid)) {
            err = EINVAL;
        } else {
            if (ovalue != K_NULL) {
                px_timer_get(timerid, ovalue);
            }
            now_due = px_timer_set(timerid, flags, value);
        }
        TOS_CPU_INT_ENABLE();
    }
    if (now_due) {
        px_timer_expire(timerid); /* an absolute time already passed */
    }
    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

int tos_posix_timer_gettime(tos_posix_timer_t timerid, struct itimerspec *value)
{
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && value == K_NULL) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!px_timer_ok(timerid)) {
            err = EINVAL;
        } else {
            px_timer_get(timerid, value);
        }
        TOS_CPU_INT_ENABLE();
    }
    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

int tos_posix_timer_getoverrun(tos_posix_timer_t timerid)
{
    int overrun = -1;
    TOS_CPU_CPSR_ALLOC();

    if (px_ctx_check() == 0) {
        TOS_CPU_INT_DISABLE();
        if (px_timer_ok(timerid)) {
            overrun = (int)timerid->n.overrun_last;
        }
        TOS_CPU_INT_ENABLE();
    }
    if (overrun < 0) {
        errno = EINVAL;
    }
    return overrun;
}

void px_timer_clock_changed(void)
{
    tos_posix_timer_t t;
    tos_posix_timer_t due = K_NULL;
    px_timeout_t to;
    k_tick_t ticks;
    TOS_CPU_CPSR_ALLOC();

    do {
        due = K_NULL;
        TOS_CPU_INT_DISABLE();
        TOS_LIST_FOR_EACH_ENTRY(t, struct tos_posix_timer_st, node, &px_timers) {
            if (t->armed && t->rt_abs) {
                to.clock = CLOCK_REALTIME;
                to.deadline_ns = t->rt_abs_ns;
                ticks = px_timeout_ticks(&to);
                t->deadline = tos_systick_get() + ticks;
                if (ticks == 0u) {
                    due = t;
                    break;
                }
                px_timer_arm(t, ticks);
            }
        }
        TOS_CPU_INT_ENABLE();
        if (due != K_NULL) {
            (void)tos_timer_stop(&due->ktimer);
            px_timer_expire(due); /* clears rt_abs: the walk moves on */
        }
    } while (due != K_NULL);
}

#else /* TOS_CFG_TIMER_EN */

/* Without kernel timers no timer can exist. */

int tos_posix_timer_create(clockid_t clock_id, struct tos_posix_sigevent *evp,
                           tos_posix_timer_t *timerid)
{
    (void)clock_id;
    (void)evp;
    (void)timerid;
    errno = ENOTSUP;
    return -1;
}

int tos_posix_timer_delete(tos_posix_timer_t timerid)
{
    (void)timerid;
    errno = EINVAL;
    return -1;
}

int tos_posix_timer_settime(tos_posix_timer_t timerid, int flags, const struct itimerspec *value,
                            struct itimerspec *ovalue)
{
    (void)timerid;
    (void)flags;
    (void)value;
    (void)ovalue;
    errno = EINVAL;
    return -1;
}

int tos_posix_timer_gettime(tos_posix_timer_t timerid, struct itimerspec *value)
{
    (void)timerid;
    (void)value;
    errno = EINVAL;
    return -1;
}

int tos_posix_timer_getoverrun(tos_posix_timer_t timerid)
{
    (void)timerid;
    errno = EINVAL;
    return -1;
}

void px_timer_clock_changed(void)
{
}

#endif /* TOS_CFG_TIMER_EN */

#endif /* TOS_POSIX_EN */
