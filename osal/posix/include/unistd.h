/*
 * <unistd.h> of the POSIX adapter: the C library's header, with sleep()
 * and usleep() mapped onto the kernel (the C library's versions would stall
 * the whole system, or on the host simulator the host thread). See
 * docs/posix.md.
 */
#include_next <unistd.h>

#ifndef _TOS_POSIX_UNISTD_H_
#define _TOS_POSIX_UNISTD_H_

#ifdef __cplusplus
extern "C" {
#endif

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
