/*
 * Benchmark "latency": the stress mix behind the interrupt latency figures
 * (bench/README.md). Every kernel service the other scenarios measure is
 * on, plus what a mix needs on top (mutex, event, software timer); the rest
 * keeps the kernel's default, which is off (include/tos_config_default.h).
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_CPU_TICK_PER_SECOND 1000u
#define TOS_CFG_TASK_PRIO_MAX       10u
#define TOS_CFG_SEM_EN              1u
#define TOS_CFG_MUTEX_EN            1u
#define TOS_CFG_EVENT_EN            1u
#define TOS_CFG_MESSAGE_QUEUE_EN    1u
#define TOS_CFG_MAIL_QUEUE_EN       1u
#define TOS_CFG_TIMER_EN            1u
#define TOS_CFG_TIMER_TASK_STK_SIZE 512u
/*
 * The port's minimum (128 bytes on ARMv7-M) overflows when an interrupt
 * preempts the idle task inside tickless cpu_idle(): the mix found it
 * (the bytes below the stack, k_cpu_cycle_per_tick among them, were
 * overwritten). 160 is enough on the Cortex-M3; 256 leaves room.
 */
#define TOS_CFG_IDLE_TASK_STK_SIZE       256u
#define TOS_CFG_MMHEAP_EN                1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_EN   1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE 0x800u

#endif /* _TOS_CONFIG_H_ */
