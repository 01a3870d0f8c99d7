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

/*
 * The heap's class table (docs/mmheap.md): the bitmaps are 32-bit words, so
 * at most 32 lists per row and 32 rows; the first row (the small blocks)
 * must lie below the largest block; 1 << FL_INDEX_MAX must fit an int.
 */
#if TOS_CFG_MMHEAP_EN > 0u
#if (TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2 < 1) || (TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2 > 5)
#error "INVALID config, TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2 must be 1 to 5"
#endif
#if TOS_CFG_CPU_ADDR_SIZE == CPU_WORD_SIZE_64
#define TOS_CFG_CHECK_MMHEAP_ALIGN_LOG2 3
#else
#define TOS_CFG_CHECK_MMHEAP_ALIGN_LOG2 2
#endif
#if (TOS_CFG_MMHEAP_FL_INDEX_MAX > 30) || \
    (TOS_CFG_MMHEAP_FL_INDEX_MAX <=       \
     TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2 + TOS_CFG_CHECK_MMHEAP_ALIGN_LOG2)
#error "INVALID config, TOS_CFG_MMHEAP_FL_INDEX_MAX out of range (docs/mmheap.md)"
#endif
#undef TOS_CFG_CHECK_MMHEAP_ALIGN_LOG2
#if TOS_CFG_MMHEAP_POOL_MAX < 1
#error "INVALID config, TOS_CFG_MMHEAP_POOL_MAX must be at least 1"
#endif
#endif

/* Every blocking module waits on the kernel's wait lists. */
#if (TOS_CFG_PEND_EN == 0u) &&                                                      \
    ((TOS_CFG_SEM_EN > 0u) || (TOS_CFG_MUTEX_EN > 0u) || (TOS_CFG_EVENT_EN > 0u) || \
     (TOS_CFG_COMPLETION_EN > 0u) || (TOS_CFG_COUNTDOWNLATCH_EN > 0u) ||            \
     (TOS_CFG_BARRIER_EN > 0u) || (TOS_CFG_MESSAGE_QUEUE_EN > 0u) ||                \
     (TOS_CFG_MAIL_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u) ||    \
     (TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u))
#error "INVALID config, a blocking module needs TOS_CFG_PEND_EN"
#endif

#endif /* _TOS_CONFIG_CHECK_H_ */
