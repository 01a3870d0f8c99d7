/*
 * Benchmark "scaling-switch": a preemptive switch pair with 1 to 256 other tasks ready.
 * Only what the scenario needs; everything else keeps the kernel's
 * default, which is off (include/tos_config_default.h).
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_CPU_TICK_PER_SECOND 1000u
#define TOS_CFG_TASK_PRIO_MAX       32u

/* Harness (bench.h): room for the pair and 256 ready tasks. */
#define BENCH_TASKS_MAX 258u

#endif /* _TOS_CONFIG_H_ */
