/* CPU types of the footprint bench's stand-in port (32-bit Cortex-M). */
#ifndef _TOS_CPU_TYPES_H_
#define _TOS_CPU_TYPES_H_

#include <stdint.h>

typedef uint32_t cpu_addr_t;
typedef uint32_t cpu_data_t;
typedef uint32_t cpu_hrtimer_t;
typedef cpu_addr_t cpu_cpsr_t;

#endif /* _TOS_CPU_TYPES_H_ */
