/*
 * <unistd.h> of the POSIX adapter: the C library's header, with sleep()
 * and usleep() mapped onto the kernel (the C library's versions would stall
 * the whole system, or on the host simulator the host thread). See
 * docs/posix.md.
 */
#include_next <unistd.h>

#ifndef _TOS_POSIX_UNISTD_H_
#define _TOS_POSIX_UNISTD_H_

#include "tos_posix.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The POSIX options as this adapter provides them (the C library's values
 * describe the C library). 200809L: supported; -1: not supported.
 * sysconf() stays the C library's and does not know them: test these.
 */
#undef _POSIX_THREADS
#undef _POSIX_THREAD_ATTR_STACKADDR
#undef _POSIX_THREAD_ATTR_STACKSIZE
#undef _POSIX_THREAD_PRIORITY_SCHEDULING
#undef _POSIX_THREAD_PRIO_INHERIT
#undef _POSIX_THREAD_PRIO_PROTECT
#undef _POSIX_THREAD_PROCESS_SHARED
#undef _POSIX_THREAD_ROBUST_PRIO_INHERIT
#undef _POSIX_THREAD_ROBUST_PRIO_PROTECT
#undef _POSIX_THREAD_SPORADIC_SERVER
#undef _POSIX_THREAD_CPUTIME
#undef _POSIX_CPUTIME
#undef _POSIX_SEMAPHORES
#undef _POSIX_MESSAGE_PASSING
#undef _POSIX_TIMERS
#undef _POSIX_MONOTONIC_CLOCK
#undef _POSIX_CLOCK_SELECTION
#undef _POSIX_TIMEOUTS
#undef _POSIX_BARRIERS
#undef _POSIX_SPIN_LOCKS
#undef _POSIX_READER_WRITER_LOCKS
#undef _POSIX_REALTIME_SIGNALS
#define _POSIX_THREADS                    200809L
#define _POSIX_THREAD_ATTR_STACKADDR      200809L
#define _POSIX_THREAD_ATTR_STACKSIZE      200809L
#define _POSIX_THREAD_PRIORITY_SCHEDULING 200809L
#if TOS_CFG_MUTEX_EN > 0u
#define _POSIX_THREAD_PRIO_INHERIT 200809L
#else
#define _POSIX_THREAD_PRIO_INHERIT (-1)
#endif
#define _POSIX_THREAD_PRIO_PROTECT        200809L
#define _POSIX_THREAD_PROCESS_SHARED      (-1)
#define _POSIX_THREAD_ROBUST_PRIO_INHERIT (-1)
#define _POSIX_THREAD_ROBUST_PRIO_PROTECT (-1)
#define _POSIX_THREAD_SPORADIC_SERVER     (-1)
#define _POSIX_THREAD_CPUTIME             (-1)
#define _POSIX_CPUTIME                    (-1)
#define _POSIX_SEMAPHORES                 200809L
#define _POSIX_MESSAGE_PASSING            200809L
#if TOS_CFG_TIMER_EN > 0u
#define _POSIX_TIMERS 200809L
#else
#define _POSIX_TIMERS (-1)
#endif
#define _POSIX_MONOTONIC_CLOCK     200809L
#define _POSIX_CLOCK_SELECTION     200809L
#define _POSIX_TIMEOUTS            200809L
#define _POSIX_BARRIERS            200809L
#define _POSIX_SPIN_LOCKS          200809L
#define _POSIX_READER_WRITER_LOCKS 200809L
#define _POSIX_REALTIME_SIGNALS    (-1)

/*
 * Sleeps `seconds` seconds (a cancellation point). Returns 0, the unslept
 * amount (never interrupted), or `seconds` without sleeping when the
 * caller cannot block (ISR, scheduler locked, kernel not started).
 */
unsigned int tos_posix_sleep(unsigned int seconds);

/*
 * Sleeps at least `usec` microseconds, rounded up to whole ticks (a
 * cancellation point).
 * Errors (-1, errno): EPERM (the caller cannot block).
 */
int tos_posix_usleep(unsigned long usec);

#define sleep  tos_posix_sleep
#define usleep tos_posix_usleep

#ifdef __cplusplus
}
#endif

#endif /* _TOS_POSIX_UNISTD_H_ */
