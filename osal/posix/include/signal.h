/*
 * <signal.h> of the POSIX adapter: the C library's header plus the
 * notification structure timer_create() and mq_notify() take.
 *
 * Tern has no signals; struct sigevent exists for SIGEV_NONE and
 * SIGEV_THREAD notifications. The C library's own struct sigevent differs
 * between libraries (and names the library's pthread_attr_t), so the
 * adapter defines its own and maps the standard names onto it, after the
 * library's header has been read. See docs/posix.md, "Headers".
 */
#include_next <signal.h>

#ifndef _TOS_POSIX_SIGNAL_H_
#define _TOS_POSIX_SIGNAL_H_

#ifdef __cplusplus
extern "C" {
#endif

/* Some libraries spell these members as macros over a union. */
#undef sigev_notify_function
#undef sigev_notify_attributes
#undef sigev_notify_thread_id

#ifndef SIGEV_NONE
#define SIGEV_NONE 1
#endif
#ifndef SIGEV_SIGNAL
#define SIGEV_SIGNAL 2
#endif
#ifndef SIGEV_THREAD
#define SIGEV_THREAD 3
#endif

union tos_posix_sigval {
    int sival_int;
    void *sival_ptr;
};

typedef union tos_posix_sigval tos_posix_sigval_t;

/* pthread_attr_t of <pthread.h> is a typedef of this structure. */
struct tos_posix_pthread_attr_st;

struct tos_posix_sigevent {
    int sigev_notify; /* SIGEV_NONE or SIGEV_THREAD (SIGEV_SIGNAL is refused) */
    int sigev_signo;  /* unused: there are no signals */
    union tos_posix_sigval sigev_value;
    void (*sigev_notify_function)(union tos_posix_sigval value);
    struct tos_posix_pthread_attr_st *sigev_notify_attributes; /* NULL: defaults */
};

#define sigval   tos_posix_sigval
#define sigval_t tos_posix_sigval_t
#define sigevent tos_posix_sigevent

#ifdef __cplusplus
}
#endif

#endif /* _TOS_POSIX_SIGNAL_H_ */
