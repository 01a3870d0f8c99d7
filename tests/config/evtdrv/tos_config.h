/*
 * Test configuration "evtdrv": the event-driven mode (contract §35).
 *
 * TERN_TEST_EVTDRV_STORAGE (a compile definition, e.g.
 * -DCMAKE_C_FLAGS=-DTERN_TEST_EVTDRV_STORAGE=1) selects where the event
 * state and the messages live, so that every storage path is tested:
 *   0 (default)  static: TOS_CFG_EVTDRV_TASK_MAX tasks, a pool of
 *                TOS_CFG_EVTDRV_MSG_POOL_NUM messages; no heap at all
 *   1            the C library's heap (the original's way, mmheap off)
 *   2            the TLSF heap (mmheap on, default pool)
 * TERN_TEST_EVTDRV_PM=1 also turns the power manager on: the loop then
 * sleeps through pm_power_manager() instead of cpu_idle().
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_EVENT_DRIVEN_EN 1u

/* The event-driven mode has no defaults for these (contract §6.3, §40.55). */
#define TOS_CFG_CPU_TICK_PER_SECOND 1000u
#ifndef TOS_CFG_CPU_CLOCK /* a board states its own clock */
#define TOS_CFG_CPU_CLOCK 16000000u
#endif
#define TOS_CFG_LIBC_PRINTF_EN   1u
#define TOS_CFG_OBJECT_VERIFY_EN 0u

#ifndef TERN_TEST_EVTDRV_STORAGE
#define TERN_TEST_EVTDRV_STORAGE 0
#endif

#if TERN_TEST_EVTDRV_STORAGE == 0
#define TOS_CFG_EVTDRV_TASK_MAX     8u
#define TOS_CFG_EVTDRV_MSG_POOL_NUM 6u
#define TOS_CFG_EVTDRV_MSG_SIZE_MAX 24u
#define TOS_CFG_MMHEAP_EN           0u
#elif TERN_TEST_EVTDRV_STORAGE == 1
#define TOS_CFG_EVTDRV_TASK_MAX     0u
#define TOS_CFG_EVTDRV_MSG_POOL_NUM 0u
#define TOS_CFG_MMHEAP_EN           0u
#else
#define TOS_CFG_EVTDRV_TASK_MAX          0u
#define TOS_CFG_EVTDRV_MSG_POOL_NUM      0u
#define TOS_CFG_MMHEAP_EN                1u
#define TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE 0x800u
#endif

#ifndef TOS_CFG_EVTDRV_WORK_NUM /* -DTOS_CFG_EVTDRV_WORK_NUM=0u: deferred work left out */
#define TOS_CFG_EVTDRV_WORK_NUM 4u
#endif

#if defined(TERN_TEST_EVTDRV_PM) && TERN_TEST_EVTDRV_PM
#define TOS_CFG_PWR_MGR_EN 1u
#endif

#endif /* _TOS_CONFIG_H_ */
