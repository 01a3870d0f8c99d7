/*
 * Defaults for every TOS_CFG_* option the application's tos_config.h leaves
 * unset (contract §6). Options marked "none" in the contract get no default
 * here on purpose: an undefined macro reads as 0 in #if, i.e. "off".
 */
#ifndef _TOS_CONFIG_DEFAULT_H_
#define _TOS_CONFIG_DEFAULT_H_

#ifndef TOS_CFG_EVENT_DRIVEN_EN
#define TOS_CFG_EVENT_DRIVEN_EN 0u
#endif

/*
 * Tern extension: wait lists. 0 when no task ever waits on a kernel object
 * (none of the blocking modules, no CMSIS or POSIX adapter): the timed
 * paths then leave the wait-list steps out (tos_config_check.h refuses a
 * blocking module without it).
 */
#ifndef TOS_CFG_PEND_EN
#define TOS_CFG_PEND_EN 1u
#endif

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

/* Event-driven mode (§6.3): these are forced, whatever the user asked for. */
#undef TOS_CFG_ROUND_ROBIN_EN
#define TOS_CFG_ROUND_ROBIN_EN 0u
#undef TOS_CFG_TASK_DYNAMIC_CREATE_EN
#define TOS_CFG_TASK_DYNAMIC_CREATE_EN 0u
#undef TOS_CFG_EVENT_EN
#define TOS_CFG_EVENT_EN 0u
#undef TOS_CFG_MUTEX_EN
#define TOS_CFG_MUTEX_EN 0u
#undef TOS_CFG_SEM_EN
#define TOS_CFG_SEM_EN 0u
#undef TOS_CFG_TIMER_EN
#define TOS_CFG_TIMER_EN 0u
#undef TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 0u

#ifndef TOS_CFG_MMHEAP_EN
#define TOS_CFG_MMHEAP_EN 0u
#endif
#ifndef TOS_CFG_MMHEAP_DEFAULT_POOL_EN
#define TOS_CFG_MMHEAP_DEFAULT_POOL_EN 1u
#endif
#ifndef TOS_CFG_FAULT_BACKTRACE_EN
#define TOS_CFG_FAULT_BACKTRACE_EN 0u
#endif
#ifndef TOS_CFG_CPU_SYSTICK_PRIO
#define TOS_CFG_CPU_SYSTICK_PRIO 0u
#endif
#ifndef TOS_CFG_PWR_MGR_EN
#define TOS_CFG_PWR_MGR_EN 0u
#endif
#ifndef TOS_CFG_TICKLESS_EN
#define TOS_CFG_TICKLESS_EN 0u
#endif
#ifndef TOS_CFG_TASK_PRIO_MAX
#define TOS_CFG_TASK_PRIO_MAX 8u
#endif
#ifndef TOS_CFG_IDLE_TASK_STK_SIZE
#define TOS_CFG_IDLE_TASK_STK_SIZE 128u
#endif

#else /* task-based mode (§6.1) */

#ifndef TOS_CFG_TASK_PRIO_MAX
#define TOS_CFG_TASK_PRIO_MAX 8u
#endif
#ifndef TOS_CFG_ROUND_ROBIN_EN
#define TOS_CFG_ROUND_ROBIN_EN 0u
#endif
#ifndef TOS_CFG_OBJECT_VERIFY_EN
#define TOS_CFG_OBJECT_VERIFY_EN 0u
#endif
#ifndef TOS_CFG_TASK_DYNAMIC_CREATE_EN
#define TOS_CFG_TASK_DYNAMIC_CREATE_EN 0u
#endif
#ifndef TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 0u
#endif
#ifndef TOS_CFG_EVENT_EN
#define TOS_CFG_EVENT_EN 0u
#endif
#ifndef TOS_CFG_MUTEX_EN
#define TOS_CFG_MUTEX_EN 0u
#endif
#ifndef TOS_CFG_SEM_EN
#define TOS_CFG_SEM_EN 0u
#endif
#ifndef TOS_CFG_MESSAGE_QUEUE_EN
#define TOS_CFG_MESSAGE_QUEUE_EN 0u
#endif
#ifndef TOS_CFG_MAIL_QUEUE_EN
#define TOS_CFG_MAIL_QUEUE_EN 0u
#endif
#ifndef TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN
#define TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN 0u
#endif
#ifndef TOS_CFG_PRIORITY_MAIL_QUEUE_EN
#define TOS_CFG_PRIORITY_MAIL_QUEUE_EN 0u
#endif
#ifndef TOS_CFG_TIMER_EN
#define TOS_CFG_TIMER_EN 0u
#endif
#if TOS_CFG_TIMER_EN > 0u
#ifndef TOS_CFG_TIMER_AS_PROC
#define TOS_CFG_TIMER_AS_PROC 0u
#endif
#if TOS_CFG_TIMER_AS_PROC == 0u
#ifndef TOS_CFG_TIMER_TASK_PRIO
#define TOS_CFG_TIMER_TASK_PRIO (k_prio_t)(K_TASK_PRIO_IDLE - (k_prio_t)1u)
#endif
#ifndef TOS_CFG_TIMER_TASK_STK_SIZE
#define TOS_CFG_TIMER_TASK_STK_SIZE 128u
#endif
#endif
#endif
#ifndef TOS_CFG_LIBC_PRINTF_EN
#define TOS_CFG_LIBC_PRINTF_EN 1u
#endif
#ifndef TOS_CFG_CPU_SYSTICK_PRIO
#define TOS_CFG_CPU_SYSTICK_PRIO 0u
#endif
#ifndef TOS_CFG_CPU_TICK_PER_SECOND
#define TOS_CFG_CPU_TICK_PER_SECOND 1000u
#endif
#ifndef TOS_CFG_CPU_CLOCK
#define TOS_CFG_CPU_CLOCK 16000000u
#endif
#ifndef TOS_CFG_MMHEAP_EN
#define TOS_CFG_MMHEAP_EN 0u
#endif
#if TOS_CFG_MMHEAP_EN > 0u
#ifndef TOS_CFG_MMHEAP_DEFAULT_POOL_EN
#define TOS_CFG_MMHEAP_DEFAULT_POOL_EN 1u
#endif
#endif
#ifndef TOS_CFG_PWR_MGR_EN
#define TOS_CFG_PWR_MGR_EN 0u
#endif
#ifndef TOS_CFG_TICKLESS_EN
#define TOS_CFG_TICKLESS_EN 0u
#endif
#ifndef TOS_CFG_FAULT_BACKTRACE_EN
#define TOS_CFG_FAULT_BACKTRACE_EN 0u
#endif
/* Tern extension: count, per task, the ticks that found it running. */
#ifndef TOS_CFG_TASK_RUNTIME_STATS_EN
#define TOS_CFG_TASK_RUNTIME_STATS_EN 0u
#endif

#ifndef TOS_CFG_IDLE_TASK_STK_SIZE
#define TOS_CFG_IDLE_TASK_STK_SIZE 128u
#endif
#if (TOS_CFG_PWR_MGR_EN > 0u || TOS_CFG_TICKLESS_EN > 0u) && TOS_CFG_IDLE_TASK_STK_SIZE < 256u
#undef TOS_CFG_IDLE_TASK_STK_SIZE
#define TOS_CFG_IDLE_TASK_STK_SIZE 256u
#endif
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u && TOS_CFG_IDLE_TASK_STK_SIZE < 512u
#undef TOS_CFG_IDLE_TASK_STK_SIZE
#define TOS_CFG_IDLE_TASK_STK_SIZE 512u
#endif

#endif /* TOS_CFG_EVENT_DRIVEN_EN */

/*
 * Tern extension, both modes: the size of the TLSF heap's class table
 * (docs/mmheap.md). Plain integers, like the K_MMHEAP_* constants they
 * set; the defaults are the contract's values (§28.1).
 *   FL_INDEX_MAX        log2 of the largest block (K_MMHEAP_BLK_SIZE_MAX)
 *   SL_INDEX_COUNT_LOG2 log2 of the lists each power of two is split into
 *   POOL_MAX            pools the heap can hold at once
 */
#if TOS_CFG_MMHEAP_EN > 0u
#ifndef TOS_CFG_MMHEAP_FL_INDEX_MAX
#define TOS_CFG_MMHEAP_FL_INDEX_MAX 30
#endif
#ifndef TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2
#define TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2 5
#endif
#ifndef TOS_CFG_MMHEAP_POOL_MAX
#define TOS_CFG_MMHEAP_POOL_MAX 3
#endif
#endif

#endif /* _TOS_CONFIG_DEFAULT_H_ */
