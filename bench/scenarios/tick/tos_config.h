/*
 * Benchmark "tick": tos_task_delay(1) at 1 kHz, counted outside a stand-in for idle.
 * Only what the scenario needs; everything else keeps the kernel's
 * default, which is off (include/tos_config_default.h).
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_CPU_TICK_PER_SECOND 1000u
#define TOS_CFG_TASK_PRIO_MAX       8u

#endif /* _TOS_CONFIG_H_ */
