/*
 * Architecture facts of the host simulator port (contract §6.1, port table).
 *
 * Why these values: the simulator runs on the build machine, so word sizes
 * follow the host's pointer width (tasks keep pointers in cpu_data_t-sized
 * slots, e.g. in message queues), and byte order follows the host. There is
 * no high-resolution timer and no CLZ instruction wrapper (tos_cpu_clz is
 * plain C in the port). The foreign-context check is on because a host
 * program can call the kernel from OS threads that are not simulated tasks;
 * the kernel answers such calls with K_ERR_KNL_FOREIGN_CONTEXT.
 */
#ifndef _PORT_CONFIG_H_
#define _PORT_CONFIG_H_

#include <stdint.h>

#if UINTPTR_MAX > 0xFFFFFFFFu
#define TOS_CFG_CPU_ADDR_SIZE CPU_WORD_SIZE_64
#define TOS_CFG_CPU_DATA_SIZE CPU_WORD_SIZE_64
#else
#define TOS_CFG_CPU_ADDR_SIZE CPU_WORD_SIZE_32
#define TOS_CFG_CPU_DATA_SIZE CPU_WORD_SIZE_32
#endif

#define TOS_CFG_CPU_STK_GROWTH CPU_STK_GROWTH_DESCENDING

#define TOS_CFG_CPU_HRTIMER_EN 0u

#define TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT 0u

#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
#define TOS_CFG_CPU_BYTE_ORDER CPU_BYTE_ORDER_BIG_ENDIAN
#else
#define TOS_CFG_CPU_BYTE_ORDER CPU_BYTE_ORDER_LITTLE_ENDIAN
#endif

#define TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK 1u

/*
 * Size of the real host stack each task thread runs on. The kernel-visible
 * stack the application passes to tos_task_create() only holds the initial
 * context; code runs here. Generous so that sanitizers and printf fit.
 */
#ifndef PORT_SIM_THREAD_STACK_SIZE
#define PORT_SIM_THREAD_STACK_SIZE (256u * 1024u)
#endif

#endif /* _PORT_CONFIG_H_ */
