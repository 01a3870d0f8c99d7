#ifndef _TOS_CPU_DEF_H_
#define _TOS_CPU_DEF_H_

/* Vocabulary a port uses in its port_config.h (contract §4). */
#define CPU_WORD_SIZE_08 1
#define CPU_WORD_SIZE_16 2
#define CPU_WORD_SIZE_32 3
#define CPU_WORD_SIZE_64 4

#define CPU_STK_GROWTH_ASCENDING  1
#define CPU_STK_GROWTH_DESCENDING 2

#define CPU_BYTE_ORDER_LITTLE_ENDIAN 1
#define CPU_BYTE_ORDER_BIG_ENDIAN    2

#endif /* _TOS_CPU_DEF_H_ */
