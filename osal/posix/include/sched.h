/*
 * <sched.h> of the POSIX adapter: the C library's header (struct
 * sched_param, the SCHED_* policies) plus the scheduling functions,
 * implemented on the kernel's scheduler.
 *
 * Priorities. POSIX: a larger sched_priority is more urgent. Kernel: a
 * smaller priority number is more urgent and TOS_CFG_TASK_PRIO_MAX - 1
 * belongs to the idle task. sched_priority p maps onto kernel priority
 * TOS_CFG_TASK_PRIO_MAX - 1 - p, so the valid range for every policy is
 * 1 .. TOS_CFG_TASK_PRIO_MAX - 1 (1 is the least urgent thread, just above
 * idle; TOS_CFG_TASK_PRIO_MAX - 1 is kernel priority 0).
 *
 * Policies. SCHED_FIFO: never time-sliced. SCHED_RR: time-sliced among
 * equal priorities with POSIX_CFG_RR_TIMESLICE (kernel round robin on).
 * SCHED_OTHER: the kernel's default slice, like a task created with
 * tos_task_create(). Without kernel round robin all three run to block.
 *
 * pid: there is one process. pid 0 (or the value getpid() would return,
 * which the adapter does not provide) designates the calling thread.
 */
#include_next <sched.h>

#ifndef _TOS_POSIX_SCHED_H_
#define _TOS_POSIX_SCHED_H_

#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef SCHED_OTHER
#define SCHED_OTHER 0
#endif
#ifndef SCHED_FIFO
#define SCHED_FIFO 1
#endif
#ifndef SCHED_RR
#define SCHED_RR 2
#endif

/* Moves the caller behind the other ready threads of its priority. Always 0. */
int tos_posix_sched_yield(void);

/*
 * Priority range of a policy.
 * Errors (-1, errno): EINVAL (unknown policy).
 */
int tos_posix_sched_get_priority_max(int policy);
int tos_posix_sched_get_priority_min(int policy);

/*
 * Parameters and policy of the calling thread (pid 0).
 * Errors (-1, errno): ESRCH (pid is not 0); EINVAL (NULL param, unknown
 * policy, priority out of range); EPERM (called from an ISR).
 * sched_setscheduler returns the previous policy.
 */
int tos_posix_sched_getparam(pid_t pid, struct sched_param *param);
int tos_posix_sched_setparam(pid_t pid, const struct sched_param *param);
int tos_posix_sched_getscheduler(pid_t pid);
int tos_posix_sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);

/*
 * The time slice of the calling thread (pid 0): its round-robin slice when
 * it is time-sliced, else 0.
 * Errors (-1, errno): ESRCH (pid is not 0); EINVAL (NULL interval).
 */
int tos_posix_sched_rr_get_interval(pid_t pid, struct timespec *interval);

#define sched_yield            tos_posix_sched_yield
#define sched_get_priority_max tos_posix_sched_get_priority_max
#define sched_get_priority_min tos_posix_sched_get_priority_min
#define sched_getparam         tos_posix_sched_getparam
#define sched_setparam         tos_posix_sched_setparam
#define sched_getscheduler     tos_posix_sched_getscheduler
#define sched_setscheduler     tos_posix_sched_setscheduler
#define sched_rr_get_interval  tos_posix_sched_rr_get_interval

#ifdef __cplusplus
}
#endif

#endif /* _TOS_POSIX_SCHED_H_ */
