/*
 * CPU types of the Cortex-M port (contract §4). Every Cortex-M is a 32-bit
 * CPU; cpu_cpsr_t holds what a critical section saved: the previous BASEPRI
 * on cores whose critical sections use it, else the previous PRIMASK.
 */
#ifndef _TOS_CPU_TYPES_H_
#define _TOS_CPU_TYPES_H_

#include <stdint.h>

typedef uint32_t cpu_addr_t;
typedef uint32_t cpu_data_t;
typedef uint32_t cpu_hrtimer_t;
typedef uint32_t cpu_cpsr_t;

#endif /* _TOS_CPU_TYPES_H_ */
