/*
 * <time.h> of the POSIX adapter: the C library's header plus the POSIX
 * clocks, sleeps and timers, implemented on the kernel tick.
 *
 * struct timespec, struct itimerspec and clockid_t are the C library's. The
 * functions below are defined under tos_posix_* names and the standard names
 * map onto them, so that the C library's own functions (which know nothing
 * of the kernel) are never called by mistake. See docs/posix.md.
 */
#include_next <time.h>

#ifndef _TOS_POSIX_TIME_H_
#define _TOS_POSIX_TIME_H_

#include <sys/types.h>
#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's values when it has them (they differ between libraries). */
#ifndef CLOCK_REALTIME
#define CLOCK_REALTIME ((clockid_t)1)
#endif
#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC ((clockid_t)4)
#endif
#ifndef TIMER_ABSTIME
#define TIMER_ABSTIME 4
#endif

/* Most overruns timer_getoverrun() reports (POSIX minimum: 32). */
#undef DELAYTIMER_MAX
#define DELAYTIMER_MAX 0x7FFFFFFF

typedef struct tos_posix_timer_st *tos_posix_timer_t;

/* The C library's (declared only when its POSIX interfaces are visible). */
struct itimerspec;

/*
 * Clocks. CLOCK_MONOTONIC counts kernel ticks since tos_knl_start();
 * CLOCK_REALTIME is CLOCK_MONOTONIC plus an offset that clock_settime()
 * sets (0 at boot). Resolution: one tick. Usable from an ISR, except
 * clock_settime().
 * Errors (-1, errno): EINVAL (unknown clock; NULL pointer; tv_nsec outside
 * [0, 1e9); clock_settime of CLOCK_MONOTONIC; a time before the epoch);
 * EPERM (clock_settime from an ISR).
 */
int tos_posix_clock_gettime(clockid_t clock_id, struct timespec *tp);
int tos_posix_clock_settime(clockid_t clock_id, const struct timespec *tp);
int tos_posix_clock_getres(clockid_t clock_id, struct timespec *res);

/*
 * Sleeps for at least req as measured on CLOCK_MONOTONIC (rounded up to
 * whole ticks). A cancellation point. Never interrupted (no signals), so
 * rem is never written.
 * Errors (-1, errno): EINVAL (NULL req, tv_nsec outside [0, 1e9), negative
 * tv_sec); EPERM (an ISR, the scheduler locked, or the kernel not started:
 * the caller cannot block).
 */
int tos_posix_nanosleep(const struct timespec *req, struct timespec *rem);

/*
 * nanosleep() on a chosen clock; with TIMER_ABSTIME, until the clock
 * reaches req (a CLOCK_REALTIME sleeper follows clock_settime()).
 * Returns 0 or the error number (errno is not set): EINVAL (unknown clock,
 * bad req); ENOTSUP (a CPU-time clock); EPERM (the caller cannot block).
 */
int tos_posix_clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *req,
                              struct timespec *rem);

/*
 * Timers. A SIGEV_THREAD timer owns a notification thread, created here
 * with evp->sigev_notify_attributes (NULL: default attributes, the
 * creator's priority), that calls sigev_notify_function(sigev_value) once
 * per expiry; expiries while a call is pending are counted as overruns.
 * SIGEV_NONE timers only count time. Usable from an ISR: settime,
 * gettime, getoverrun.
 * Errors (-1, errno): EINVAL (unknown clock, NULL timerid or evp, bad
 * sigevent, invalid timer, bad itimerspec); ENOTSUP (SIGEV_SIGNAL, a
 * CPU-time clock, or the kernel built without TOS_CFG_TIMER_EN); EAGAIN
 * (POSIX_CFG_TIMERS_MAX timers exist, or no memory for the timer or its
 * thread); EPERM (create/delete from an ISR).
 */
int tos_posix_timer_create(clockid_t clock_id, struct tos_posix_sigevent *evp,
                           tos_posix_timer_t *timerid);
int tos_posix_timer_delete(tos_posix_timer_t timerid);
int tos_posix_timer_settime(tos_posix_timer_t timerid, int flags, const struct itimerspec *value,
                            struct itimerspec *ovalue);
int tos_posix_timer_gettime(tos_posix_timer_t timerid, struct itimerspec *value);
int tos_posix_timer_getoverrun(tos_posix_timer_t timerid);

#define timer_t tos_posix_timer_t

#define clock_gettime    tos_posix_clock_gettime
#define clock_settime    tos_posix_clock_settime
#define clock_getres     tos_posix_clock_getres
#define nanosleep        tos_posix_nanosleep
#define clock_nanosleep  tos_posix_clock_nanosleep
#define timer_create     tos_posix_timer_create
#define timer_delete     tos_posix_timer_delete
#define timer_settime    tos_posix_timer_settime
#define timer_gettime    tos_posix_timer_gettime
#define timer_getoverrun tos_posix_timer_getoverrun

#ifdef __cplusplus
}
#endif

#endif /* _TOS_POSIX_TIME_H_ */
