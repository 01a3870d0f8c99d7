/*
 * The footprint bench's stand-in for a Cortex-M port's facts: the same
 * values as arch/arm for the ARMv6-M/ARMv7-M cores the bench targets.
 */
#ifndef _PORT_CONFIG_H_
#define _PORT_CONFIG_H_

#define TOS_CFG_CPU_ADDR_SIZE              CPU_WORD_SIZE_32
#define TOS_CFG_CPU_DATA_SIZE              CPU_WORD_SIZE_32
#define TOS_CFG_CPU_STK_GROWTH             CPU_STK_GROWTH_DESCENDING
#define TOS_CFG_CPU_HRTIMER_EN             0u
#define TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT 0u
#define TOS_CFG_CPU_BYTE_ORDER             CPU_BYTE_ORDER_LITTLE_ENDIAN

#endif /* _PORT_CONFIG_H_ */
