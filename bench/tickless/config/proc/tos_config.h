/*
 * Configuration of the tickless benchmarks (bench/tickless): power
 * management and tickless idle on, software timers serviced from the tick (procedure mode).
 * Only what the benchmark application uses is enabled.
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_TASK_PRIO_MAX    10u
#define TOS_CFG_OBJECT_VERIFY_EN 1u

#define TOS_CFG_SEM_EN 1u

#define TOS_CFG_TIMER_EN      1u
#define TOS_CFG_TIMER_AS_PROC 1u

#define TOS_CFG_PWR_MGR_EN  1u
#define TOS_CFG_TICKLESS_EN 1u

#define TOS_CFG_CPU_CLOCK           16000000u
#define TOS_CFG_CPU_TICK_PER_SECOND 1000u

#endif /* _TOS_CONFIG_H_ */
