/*
 * Kernel configuration of the POSIX example. The adapter builds its
 * objects on the kernel's wait lists; it needs the mutex module for
 * PTHREAD_PRIO_INHERIT, software timers for timer_create() and a heap for
 * thread stacks and message queues.
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_TASK_PRIO_MAX                      10u
#define TOS_CFG_OBJECT_VERIFY_EN                   1u
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 1u

#define TOS_CFG_MUTEX_EN 1u

#define TOS_CFG_TIMER_EN      1u
#define TOS_CFG_TIMER_AS_PROC 1u

#define TOS_CFG_MMHEAP_EN                1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE 0x6000u

#define TOS_CFG_CPU_TICK_PER_SECOND 1000u

/* The adapter's limits (tos_posix_config.h has the full list). */
#define POSIX_CFG_PTHREAD_THREADS_MAX   8u
#define POSIX_CFG_PTHREAD_STACK_DEFAULT 2048u

#endif /* _TOS_CONFIG_H_ */
