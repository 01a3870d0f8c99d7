/*
 * Build-time limits of the POSIX adapter. Every value may be overridden in
 * the application's tos_config.h (read first, through tos_k.h); the values
 * below are the defaults. docs/posix.md explains each one.
 */
#ifndef _TOS_POSIX_CONFIG_H_
#define _TOS_POSIX_CONFIG_H_

/* Threads that may exist at once, counting exited threads not yet joined. */
#ifndef POSIX_CFG_PTHREAD_THREADS_MAX
#define POSIX_CFG_PTHREAD_THREADS_MAX 32u
#endif

/* Thread-specific data keys (pthread_key_create) that may exist at once. */
#ifndef POSIX_CFG_PTHREAD_KEYS_MAX
#define POSIX_CFG_PTHREAD_KEYS_MAX 8u
#endif

/* Rounds of key destructors run when a thread exits. */
#ifndef POSIX_CFG_PTHREAD_DESTRUCTOR_ITERATIONS
#define POSIX_CFG_PTHREAD_DESTRUCTOR_ITERATIONS 4u
#endif

/* Stack, in bytes, of a thread created without a stack size or address. */
#ifndef POSIX_CFG_PTHREAD_STACK_DEFAULT
#define POSIX_CFG_PTHREAD_STACK_DEFAULT 2048u
#endif

/*
 * PTHREAD_STACK_MIN: the smallest stack a thread may be given. The adapter
 * keeps a thread's control block at the top of its stack area, so this
 * bound includes it (the adapter checks at build time that it fits).
 */
#ifndef POSIX_CFG_PTHREAD_STACK_MIN
#define POSIX_CFG_PTHREAD_STACK_MIN 1024u
#endif

/*
 * Time slice, in ticks, of SCHED_RR threads when the kernel's round robin
 * is on; 0 selects the kernel's default slice.
 */
#ifndef POSIX_CFG_RR_TIMESLICE
#define POSIX_CFG_RR_TIMESLICE 0u
#endif

/* Timers (timer_create) that may exist at once. */
#ifndef POSIX_CFG_TIMERS_MAX
#define POSIX_CFG_TIMERS_MAX 8u
#endif

/* Message queue descriptors (mq_open) that may be open at once. */
#ifndef POSIX_CFG_MQ_OPEN_MAX
#define POSIX_CFG_MQ_OPEN_MAX 8u
#endif

/* Named semaphores (sem_open) that may exist at once. */
#ifndef POSIX_CFG_SEM_NSEMS_MAX
#define POSIX_CFG_SEM_NSEMS_MAX 8u
#endif

/* Longest name of a named semaphore or message queue, '/' included. */
#ifndef POSIX_CFG_NAME_MAX
#define POSIX_CFG_NAME_MAX 31u
#endif

/* Queue geometry mq_open() uses when O_CREAT comes without attributes. */
#ifndef POSIX_CFG_MQ_MAXMSG_DEFAULT
#define POSIX_CFG_MQ_MAXMSG_DEFAULT 8
#endif
#ifndef POSIX_CFG_MQ_MSGSIZE_DEFAULT
#define POSIX_CFG_MQ_MSGSIZE_DEFAULT 64
#endif

/*
 * The adapter needs the task kernel and its wait lists: it compiles to
 * nothing in event-driven mode or without them (TOS_CFG_PEND_EN 0).
 */
#if TOS_CFG_EVENT_DRIVEN_EN > 0u || TOS_CFG_PEND_EN == 0u
#define TOS_POSIX_EN 0
#else
#define TOS_POSIX_EN 1
#endif

#if TOS_POSIX_EN
#if POSIX_CFG_PTHREAD_KEYS_MAX < 1u || POSIX_CFG_PTHREAD_KEYS_MAX > 255u
#error "POSIX_CFG_PTHREAD_KEYS_MAX must lie in 1..255"
#endif
#if POSIX_CFG_PTHREAD_THREADS_MAX < 1u
#error "POSIX_CFG_PTHREAD_THREADS_MAX must be at least 1"
#endif
#if POSIX_CFG_PTHREAD_STACK_DEFAULT < POSIX_CFG_PTHREAD_STACK_MIN
#error "POSIX_CFG_PTHREAD_STACK_DEFAULT is below POSIX_CFG_PTHREAD_STACK_MIN"
#endif
#if TOS_CFG_TASK_PRIO_MAX < 3u
#error "the POSIX adapter needs at least two thread priorities besides the idle task"
#endif
#endif

#endif /* _TOS_POSIX_CONFIG_H_ */
