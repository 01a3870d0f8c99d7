/*
 * Test configuration "small": for boards with 16 KiB of RAM (microbit). The
 * modules of "default" with every RAM cost cut: 8 priorities, no TLSF heap
 * (its control block alone is over 3 KiB: dynamic objects come from the C
 * library's heap, which gets whatever RAM is left), no run-time statistics,
 * and a smaller test runner stack. Boards select it with TERN_BOARD_CONFIG
 * (boards/README.md).
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_TASK_PRIO_MAX                      8u
#define TOS_CFG_ROUND_ROBIN_EN                     0u
#define TOS_CFG_OBJECT_VERIFY_EN                   1u
#define TOS_CFG_TASK_DYNAMIC_CREATE_EN             1u
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 1u
#define TOS_CFG_TASK_RUNTIME_STATS_EN              0u

#define TOS_CFG_EVENT_EN                  1u
#define TOS_CFG_SEM_EN                    1u
#define TOS_CFG_MUTEX_EN                  1u
#define TOS_CFG_COMPLETION_EN             1u
#define TOS_CFG_COUNTDOWNLATCH_EN         1u
#define TOS_CFG_BARRIER_EN                1u
#define TOS_CFG_MESSAGE_QUEUE_EN          1u
#define TOS_CFG_MAIL_QUEUE_EN             1u
#define TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN 1u
#define TOS_CFG_PRIORITY_MAIL_QUEUE_EN    1u

#define TOS_CFG_MMHEAP_EN 0u

/* Timers serviced from the tick interrupt: no timer task stack. */
#define TOS_CFG_TIMER_EN      1u
#define TOS_CFG_TIMER_AS_PROC 1u

#define TOS_CFG_PWR_MGR_EN         0u
#define TOS_CFG_TICKLESS_EN        0u
#define TOS_CFG_FAULT_BACKTRACE_EN 0u

#define TOS_CFG_IDLE_TASK_STK_SIZE  128u
#define TOS_CFG_CPU_TICK_PER_SECOND 1000u

/* Test framework (tests/framework/tt.h): the runner's stack (4 KiB
 * elsewhere), and cases needing buffers of tens of KiB skip themselves. */
#define TT_RUNNER_STK_SIZE 1536u
#define TT_RAM_SMALL       1

#endif /* _TOS_CONFIG_H_ */
