/*
 * Benchmark "scaling-timer": starting a timer with 1 to 1000 timers running.
 * Only what the scenario needs; everything else keeps the kernel's
 * default, which is off (include/tos_config_default.h).
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_CPU_TICK_PER_SECOND 1000u
#define TOS_CFG_TASK_PRIO_MAX       8u
#define TOS_CFG_TIMER_EN            1u
#define TOS_CFG_TIMER_AS_PROC       1u

#endif /* _TOS_CONFIG_H_ */
