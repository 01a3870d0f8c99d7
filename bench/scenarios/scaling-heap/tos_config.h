/*
 * Benchmark "scaling-heap": heap allocate and free with 10 and 10 000 live blocks.
 * Only what the scenario needs; everything else keeps the kernel's
 * default, which is off (include/tos_config_default.h).
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_CPU_TICK_PER_SECOND      1000u
#define TOS_CFG_TASK_PRIO_MAX            8u
#define TOS_CFG_MMHEAP_EN                1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_EN   1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE 0x180000u

#endif /* _TOS_CONFIG_H_ */
