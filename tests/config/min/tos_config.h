/*
 * Test configuration "min": every optional module off, the smallest kernel
 * that still schedules tasks. Suites of absent modules report themselves
 * skipped.
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_TASK_PRIO_MAX                      8u
#define TOS_CFG_ROUND_ROBIN_EN                     0u
#define TOS_CFG_OBJECT_VERIFY_EN                   0u
#define TOS_CFG_TASK_DYNAMIC_CREATE_EN             0u
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 0u
#define TOS_CFG_TASK_RUNTIME_STATS_EN              0u

#define TOS_CFG_EVENT_EN                  0u
#define TOS_CFG_SEM_EN                    0u
#define TOS_CFG_MUTEX_EN                  0u
#define TOS_CFG_COMPLETION_EN             0u
#define TOS_CFG_COUNTDOWNLATCH_EN         0u
#define TOS_CFG_BARRIER_EN                0u
#define TOS_CFG_MESSAGE_QUEUE_EN          0u
#define TOS_CFG_MAIL_QUEUE_EN             0u
#define TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN 0u
#define TOS_CFG_PRIORITY_MAIL_QUEUE_EN    0u

/* No TLSF heap: tos_mmheap_* fall back to the C library's allocator. */
#define TOS_CFG_MMHEAP_EN 0u

#define TOS_CFG_TIMER_EN 0u

#define TOS_CFG_PWR_MGR_EN         0u
#define TOS_CFG_TICKLESS_EN        0u
#define TOS_CFG_FAULT_BACKTRACE_EN 0u
#define TOS_CFG_PEND_EN            0u /* no blocking module, no adapter waits */

#define TOS_CFG_IDLE_TASK_STK_SIZE  128u
#define TOS_CFG_CPU_TICK_PER_SECOND 1000u

#endif /* _TOS_CONFIG_H_ */
