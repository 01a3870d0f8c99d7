/*
 * Clocks and sleeps. CLOCK_MONOTONIC is the kernel tick count converted to
 * nanoseconds; CLOCK_REALTIME adds an offset set by clock_settime(). Every
 * deadline is rounded up to a whole tick, so a sleeper wakes no earlier
 * than its deadline as the clock measures it.
 */
#include "posix_private.h"

#if TOS_POSIX_EN

#define PX_HZ ((int64_t)TOS_CFG_CPU_TICK_PER_SECOND)

/* CLOCK_REALTIME minus CLOCK_MONOTONIC, in nanoseconds. */
static int64_t px_rt_offset_ns;

int px_clock_valid(clockid_t clock)
{
    return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC;
}

int px_ts_valid(const struct timespec *ts)
{
    return ts != K_NULL && ts->tv_nsec >= 0 && ts->tv_nsec < (long)PX_NSEC_PER_SEC;
}

int64_t px_ts_to_ns(const struct timespec *ts)
{
    int64_t sec = (int64_t)ts->tv_sec;
    int64_t ns;

    if (sec >= INT64_MAX / PX_NSEC_PER_SEC) {
        ns = INT64_MAX;
    } else if (sec <= INT64_MIN / PX_NSEC_PER_SEC) {
        ns = INT64_MIN;
    } else {
        ns = sec * PX_NSEC_PER_SEC + (int64_t)ts->tv_nsec;
    }
    return ns;
}

void px_ns_to_ts(int64_t ns, struct timespec *ts)
{
    int64_t sec = ns / PX_NSEC_PER_SEC;
    int64_t rem = ns % PX_NSEC_PER_SEC;

    if (rem < 0) {
        rem += PX_NSEC_PER_SEC;
        --sec;
    }
    ts->tv_sec = (time_t)sec;
    ts->tv_nsec = (long)rem;
}

k_tick_t px_ns_to_ticks(int64_t ns)
{
    int64_t sec;
    int64_t rem;
    uint64_t ticks = 0u;

    if (ns > 0) {
        sec = ns / PX_NSEC_PER_SEC;
        rem = ns % PX_NSEC_PER_SEC;
        /* Both terms fit: sec < 9.3e9 and the tick rate is far below 1e6. */
        ticks = (uint64_t)(sec * PX_HZ) +
                (uint64_t)((rem * PX_HZ + PX_NSEC_PER_SEC - 1) / PX_NSEC_PER_SEC);
    }
    if (ticks > (uint64_t)K_TIME_MAX) {
        ticks = (uint64_t)K_TIME_MAX;
    }
    return (k_tick_t)ticks;
}

int64_t px_ticks_to_ns(k_tick_t ticks)
{
    uint64_t sec = (uint64_t)ticks / (uint64_t)PX_HZ;
    uint64_t rem = (uint64_t)ticks % (uint64_t)PX_HZ;
    int64_t ns = INT64_MAX;

    if (sec < (uint64_t)(INT64_MAX / PX_NSEC_PER_SEC)) {
        ns = (int64_t)sec * PX_NSEC_PER_SEC + (int64_t)rem * PX_NSEC_PER_SEC / PX_HZ;
    }
    return ns;
}

static int64_t px_sat_add(int64_t a, int64_t b)
{
    int64_t sum;

    if (b > 0 && a > INT64_MAX - b) {
        sum = INT64_MAX;
    } else if (b < 0 && a < INT64_MIN - b) {
        sum = INT64_MIN;
    } else {
        sum = a + b;
    }
    return sum;
}

int64_t px_clock_now_ns(clockid_t clock)
{
    int64_t now = px_ticks_to_ns(tos_systick_get());
    int64_t offset = 0;
    TOS_CPU_CPSR_ALLOC();

    if (clock == CLOCK_REALTIME) {
        /* Read atomically: 64 bits take two loads on a 32-bit CPU. */
        TOS_CPU_INT_DISABLE();
        offset = px_rt_offset_ns;
        TOS_CPU_INT_ENABLE();
    }
    return px_sat_add(now, offset);
}

int px_timeout_abs(px_timeout_t *to, clockid_t clock, const struct timespec *abstime)
{
    int err = 0;

    if (!px_clock_valid(clock) || !px_ts_valid(abstime)) {
        err = EINVAL;
    } else {
        to->clock = clock;
        to->deadline_ns = px_ts_to_ns(abstime);
    }
    return err;
}

void px_timeout_rel(px_timeout_t *to, int64_t ns)
{
    to->clock = CLOCK_MONOTONIC;
    to->deadline_ns = px_sat_add(px_clock_now_ns(CLOCK_MONOTONIC), ns);
}

k_tick_t px_timeout_ticks(const px_timeout_t *to)
{
    int64_t now = px_clock_now_ns(to->clock);
    k_tick_t ticks = 0u;

    if (to->deadline_ns > now) {
        /* now >= 0 on both clocks (clock_settime refuses negative times): no overflow. */
        ticks = px_ns_to_ticks(to->deadline_ns - now);
    }
    return ticks;
}

/* ---- the clock API --------------------------------------------------------- */

int tos_posix_clock_gettime(clockid_t clock_id, struct timespec *tp)
{
    int err = 0;

    if (!px_clock_valid(clock_id) || tp == K_NULL) {
        err = EINVAL;
    } else {
        px_ns_to_ts(px_clock_now_ns(clock_id), tp);
    }
    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

int tos_posix_clock_settime(clockid_t clock_id, const struct timespec *tp)
{
    int err = px_ctx_check();
    int64_t mono;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0 && (clock_id != CLOCK_REALTIME || !px_ts_valid(tp) || tp->tv_sec < 0)) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        mono = px_ticks_to_ns(tos_systick_get());
        px_rt_offset_ns = px_ts_to_ns(tp) - mono;
        TOS_CPU_INT_ENABLE();
        /* Absolute CLOCK_REALTIME waits and timers follow the new time. */
        px_rt_waiters_recheck();
        px_timer_clock_changed();
    } else {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

int tos_posix_clock_getres(clockid_t clock_id, struct timespec *res)
{
    int err = 0;

    if (!px_clock_valid(clock_id)) {
        err = EINVAL;
        errno = err;
    } else if (res != K_NULL) {
        px_ns_to_ts((PX_NSEC_PER_SEC + PX_HZ - 1) / PX_HZ, res);
    }
    return err == 0 ? 0 : -1;
}

/* ---- sleeps -------------------------------------------------------------------- */

/* Sleeps until the deadline; a cancellation point. 0, or EPERM if the caller cannot block. */
static int px_sleep_until(const px_timeout_t *to)
{
    pend_obj_t nobody; /* nothing posts it: only the deadline or a cancellation ends the wait */
    px_wake_t wake = PX_WAKE_TIMEOUT;
    int err = px_can_block() ? 0 : EPERM;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        px_cancel_point();
        pend_object_init(&nobody);
        while (wake == PX_WAKE_TIMEOUT) {
            TOS_CPU_INT_DISABLE();
            wake = px_wait(&nobody, to, cpu_cpsr, PX_WAIT_CANCEL_POINT);
        }
        if (wake == PX_WAKE_CANCEL) {
            px_cancel_point();
        }
    }
    return err;
}

static int px_sleep_rel(int64_t ns)
{
    px_timeout_t to;

    px_timeout_rel(&to, ns);
    return px_sleep_until(&to);
}

int tos_posix_nanosleep(const struct timespec *req, struct timespec *rem)
{
    int err = (!px_ts_valid(req) || req->tv_sec < 0) ? EINVAL : 0;

    (void)rem; /* only written when interrupted by a signal: never */
    if (err == 0) {
        err = px_sleep_rel(px_ts_to_ns(req));
    }
    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

int px_clock_is_cputime(clockid_t clock_id)
{
    int cputime = K_FALSE;

#ifdef CLOCK_PROCESS_CPUTIME_ID
    cputime = cputime || clock_id == CLOCK_PROCESS_CPUTIME_ID;
#endif
#ifdef CLOCK_THREAD_CPUTIME_ID
    cputime = cputime || clock_id == CLOCK_THREAD_CPUTIME_ID;
#endif
    (void)clock_id;
    return cputime;
}

int tos_posix_clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *req,
                              struct timespec *rem)
{
    px_timeout_t to;
    int err = 0;

    (void)rem;
    if (px_clock_is_cputime(clock_id)) {
        err = ENOTSUP;
    } else if (!px_clock_valid(clock_id) || !px_ts_valid(req)) {
        err = EINVAL;
    } else if ((flags & TIMER_ABSTIME) != 0) {
        err = px_timeout_abs(&to, clock_id, req);
        err = err != 0 ? err : px_sleep_until(&to);
    } else if (req->tv_sec < 0) {
        err = EINVAL;
    } else {
        /* A relative sleep ignores clock_settime(): measured on CLOCK_MONOTONIC. */
        err = px_sleep_rel(px_ts_to_ns(req));
    }
    return err;
}

unsigned int tos_posix_sleep(unsigned int seconds)
{
    int err = px_sleep_rel((int64_t)seconds * PX_NSEC_PER_SEC);

    return err == 0 ? 0u : seconds;
}

int tos_posix_usleep(unsigned long usec)
{
    uint64_t us = usec; /* as wide as it gets on every target */
    int err = px_sleep_rel(us < (uint64_t)(INT64_MAX / 1000) ? (int64_t)us * 1000 : INT64_MAX);

    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

#endif /* TOS_POSIX_EN */
