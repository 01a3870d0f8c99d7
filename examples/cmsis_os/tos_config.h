/*
 * Kernel configuration of the CMSIS-RTOS v1 example. The CMSIS adapter needs
 * the event module (or a message/mail queue module) for its waits, the
 * mutex and timer modules for osMutex* and osTimer*, and the heap for
 * objects created without caller memory.
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_TASK_PRIO_MAX                      16u
#define TOS_CFG_OBJECT_VERIFY_EN                   1u
#define TOS_CFG_TASK_DYNAMIC_CREATE_EN             1u
#define TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN 1u

#define TOS_CFG_EVENT_EN 1u
#define TOS_CFG_MUTEX_EN 1u

#define TOS_CFG_TIMER_EN      1u
#define TOS_CFG_TIMER_AS_PROC 1u

#define TOS_CFG_MMHEAP_EN                1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE 0x4000u

/* Stack of threads created without a stack size (osThreadNew attr NULL). */
#define TOS_CFG_CMSIS_THREAD_STACK_SIZE 1024u

#define TOS_CFG_CPU_TICK_PER_SECOND 1000u

#endif /* _TOS_CONFIG_H_ */
