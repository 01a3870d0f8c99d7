/* Configuration sanity checks (contract §6.1, §6.3). */
#ifndef _TOS_CONFIG_CHECK_H_
#define _TOS_CONFIG_CHECK_H_

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

#if TOS_CFG_TICKLESS_EN == 1u
#error "INVALID config, tickless is not supported in event-driven mode"
#endif

#else /* task-based mode */

#if TOS_CFG_TASK_PRIO_MAX < 8u
#error "INVALID config, TOS_CFG_TASK_PRIO_MAX must be >= 8"
#endif

#if TOS_CFG_TIMER_EN > 0u && !defined(TOS_CFG_TIMER_AS_PROC)
#error "INVALID config, TOS_CFG_TIMER_EN > 0 but TOS_CFG_TIMER_AS_PROC not defined"
#endif

#if !defined(TOS_CFG_CPU_ADDR_SIZE) ||                                                             \
    ((TOS_CFG_CPU_ADDR_SIZE != CPU_WORD_SIZE_08) && (TOS_CFG_CPU_ADDR_SIZE != CPU_WORD_SIZE_16) && \
     (TOS_CFG_CPU_ADDR_SIZE != CPU_WORD_SIZE_32) && (TOS_CFG_CPU_ADDR_SIZE != CPU_WORD_SIZE_64))
#error "INVALID config, TOS_CFG_CPU_ADDR_SIZE"
#endif

#if !defined(TOS_CFG_CPU_DATA_SIZE) ||                                                             \
    ((TOS_CFG_CPU_DATA_SIZE != CPU_WORD_SIZE_08) && (TOS_CFG_CPU_DATA_SIZE != CPU_WORD_SIZE_16) && \
     (TOS_CFG_CPU_DATA_SIZE != CPU_WORD_SIZE_32) && (TOS_CFG_CPU_DATA_SIZE != CPU_WORD_SIZE_64))
#error "INVALID config, TOS_CFG_CPU_DATA_SIZE"
#endif

#if !defined(TOS_CFG_CPU_STK_GROWTH) || ((TOS_CFG_CPU_STK_GROWTH != CPU_STK_GROWTH_ASCENDING) && \
                                         (TOS_CFG_CPU_STK_GROWTH != CPU_STK_GROWTH_DESCENDING))
#error "INVALID config, TOS_CFG_CPU_STK_GROWTH"
#endif

#if !defined(TOS_CFG_CPU_HRTIMER_EN)
#error "INVALID config, TOS_CFG_CPU_HRTIMER_EN not defined"
#elif TOS_CFG_CPU_HRTIMER_EN > 0u
#if !defined(TOS_CFG_CPU_HRTIMER_SIZE) || ((TOS_CFG_CPU_HRTIMER_SIZE != CPU_WORD_SIZE_08) && \
                                           (TOS_CFG_CPU_HRTIMER_SIZE != CPU_WORD_SIZE_16) && \
                                           (TOS_CFG_CPU_HRTIMER_SIZE != CPU_WORD_SIZE_32) && \
                                           (TOS_CFG_CPU_HRTIMER_SIZE != CPU_WORD_SIZE_64))
#error "INVALID config, TOS_CFG_CPU_HRTIMER_SIZE"
#endif
#endif

#if !defined(TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT)
#error "INVALID config, TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT not defined"
#endif

#if !defined(TOS_CFG_CPU_BYTE_ORDER) ||                          \
    ((TOS_CFG_CPU_BYTE_ORDER != CPU_BYTE_ORDER_LITTLE_ENDIAN) && \
     (TOS_CFG_CPU_BYTE_ORDER != CPU_BYTE_ORDER_BIG_ENDIAN))
#error "INVALID config, TOS_CFG_CPU_BYTE_ORDER"
#endif

#endif /* TOS_CFG_EVENT_DRIVEN_EN */

#if TOS_CFG_MMHEAP_EN > 0u && TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
#if !defined(TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE) || (TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE == 0u)
#error "INVALID config, TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE must be defined and non-zero"
#endif
#endif

#endif /* _TOS_CONFIG_CHECK_H_ */
