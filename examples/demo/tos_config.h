/* The demo's kernel configuration: an application supplies its own tos_config.h. */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_TASK_PRIO_MAX                      10u
#define TOS_CFG_OBJECT_VERIFY_EN                   1u
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 1u
#define TOS_CFG_TASK_RUNTIME_STATS_EN              1u

#define TOS_CFG_SEM_EN        1u
#define TOS_CFG_MUTEX_EN      1u
#define TOS_CFG_MAIL_QUEUE_EN 1u

#define TOS_CFG_TIMER_EN      1u
#define TOS_CFG_TIMER_AS_PROC 1u

#define TOS_CFG_MMHEAP_EN                1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE 0x2000u

#define TOS_CFG_CPU_TICK_PER_SECOND 1000u

#endif /* _TOS_CONFIG_H_ */
