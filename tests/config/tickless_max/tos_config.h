/*
 * Test configuration "tickless_max": "max" (every module, round robin,
 * timers serviced by the timer task, 40 priorities) with power management
 * and tickless idle on. With "tickless" it covers both timer servicing modes
 * and round robin under tickless idle.
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_TASK_PRIO_MAX                      40u
#define TOS_CFG_ROUND_ROBIN_EN                     1u
#define TOS_CFG_OBJECT_VERIFY_EN                   1u
#define TOS_CFG_TASK_DYNAMIC_CREATE_EN             1u
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 1u
#define TOS_CFG_TASK_RUNTIME_STATS_EN              1u

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

#define TOS_CFG_MMHEAP_EN                1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_EN   1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE 0x8000u

/* Timers serviced by the timer task (default priority and stack). */
#define TOS_CFG_TIMER_EN      1u
#define TOS_CFG_TIMER_AS_PROC 0u

#define TOS_CFG_PWR_MGR_EN         1u
#define TOS_CFG_TICKLESS_EN        1u
#define TOS_CFG_FAULT_BACKTRACE_EN 0u

#define TOS_CFG_IDLE_TASK_STK_SIZE  128u
#define TOS_CFG_CPU_TICK_PER_SECOND 1000u

#endif /* _TOS_CONFIG_H_ */
