/*
 * CPU types of the host simulator port (contract §4).
 *
 * cpu_addr_t/cpu_data_t are as wide as a host pointer so that the kernel and
 * applications may store pointers in them (as they do on 32-bit targets).
 * cpu_cpsr_t holds the simulated interrupt mask state saved by
 * tos_cpu_cpsr_save(): 0 = interrupts were enabled, 1 = masked.
 */
#ifndef _TOS_CPU_TYPES_H_
#define _TOS_CPU_TYPES_H_

#include <stdint.h>

#if TOS_CFG_CPU_ADDR_SIZE == CPU_WORD_SIZE_64
typedef uint64_t cpu_addr_t;
#else
typedef uint32_t cpu_addr_t;
#endif

#if TOS_CFG_CPU_DATA_SIZE == CPU_WORD_SIZE_64
typedef uint64_t cpu_data_t;
#else
typedef uint32_t cpu_data_t;
#endif

typedef uint32_t cpu_hrtimer_t;

typedef cpu_addr_t cpu_cpsr_t;

#endif /* _TOS_CPU_TYPES_H_ */
