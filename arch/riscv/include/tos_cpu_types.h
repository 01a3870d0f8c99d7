/*
 * CPU types of the RISC-V port (contract §4). RV32: addresses and data words
 * are 32 bits. cpu_cpsr_t holds what a critical section saved: the mstatus.MIE
 * bit as it was (0 or PORT_MSTATUS_MIE).
 */
#ifndef _TOS_CPU_TYPES_H_
#define _TOS_CPU_TYPES_H_

#include <stdint.h>

typedef uint32_t cpu_addr_t;
typedef uint32_t cpu_data_t;
typedef uint32_t cpu_hrtimer_t;
typedef uint32_t cpu_cpsr_t;

#endif /* _TOS_CPU_TYPES_H_ */
