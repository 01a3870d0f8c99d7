/*
 * Footprint "typical" (issue 3): three tasks, a semaphore, a mutex, event
 * flags, a message queue, a software timer and a 4 KiB heap, whose class
 * table is sized for that one pool. Everything else off, the port's
 * optional parts included: the fault report's text (a debugging aid of
 * about 3 KiB on Cortex-M, reported separately), idle tick suppression (a
 * power saving, about 500 bytes, that none of the listed modules needs) and
 * run-time interrupt attachment (the handlers are fixed at build time in a
 * ROM table: the application attaches none).
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_TASK_PRIO_MAX                      8u
#define TOS_CFG_ROUND_ROBIN_EN                     0u
#define TOS_CFG_OBJECT_VERIFY_EN                   0u
#define TOS_CFG_TASK_DYNAMIC_CREATE_EN             0u
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 0u
#define TOS_CFG_TASK_RUNTIME_STATS_EN              0u

#define TOS_CFG_EVENT_EN                  1u
#define TOS_CFG_SEM_EN                    1u
#define TOS_CFG_MUTEX_EN                  1u
#define TOS_CFG_COMPLETION_EN             0u
#define TOS_CFG_COUNTDOWNLATCH_EN         0u
#define TOS_CFG_BARRIER_EN                0u
#define TOS_CFG_MESSAGE_QUEUE_EN          1u
#define TOS_CFG_MAIL_QUEUE_EN             0u
#define TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN 0u
#define TOS_CFG_PRIORITY_MAIL_QUEUE_EN    0u

#define TOS_CFG_MMHEAP_EN                1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_EN   1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE 4096u
/*
 * The heap's class table sized for its one 4 KiB pool (docs/mmheap.md):
 * blocks up to 4 KiB, each power of two split into 4 lists, one pool.
 */
#define TOS_CFG_MMHEAP_FL_INDEX_MAX        12
#define TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2 2
#define TOS_CFG_MMHEAP_POOL_MAX            1

#define TOS_CFG_TIMER_EN      1u
#define TOS_CFG_TIMER_AS_PROC 1u

#define TOS_CFG_PWR_MGR_EN         0u
#define TOS_CFG_TICKLESS_EN        0u
#define TOS_CFG_FAULT_BACKTRACE_EN 0u
#define TOS_CFG_LIBC_PRINTF_EN     0u

#define TOS_CFG_IDLE_TASK_STK_SIZE  128u
#define TOS_CFG_CPU_TICK_PER_SECOND 1000u

/* Port options (arch/arm/README.md, arch/riscv/README.md). */
#define TOS_CFG_CPU_FAULT_REPORT_EN  0u
#define TOS_CFG_CPU_IDLE_TICKLESS_EN 0u
#define TOS_CFG_CPU_IRQ_ATTACH_EN    0u

#endif /* _TOS_CONFIG_H_ */
