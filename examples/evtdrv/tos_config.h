/*
 * Configuration of the event-driven example, sized for a micro:bit-class
 * MCU (nRF51: Cortex-M0 at 16 MHz, 16 KB of RAM; the application needs
 * under 512 bytes of it). Everything is static: no heap.
 */
#ifndef _TOS_CONFIG_H_
#define _TOS_CONFIG_H_

#define TOS_CFG_EVENT_DRIVEN_EN 1u

/*
 * No defaults in event-driven mode (contract §6.3). Printing on: nothing on
 * the event-driven path prints, so printf is linked only if the
 * application itself uses it.
 */
#define TOS_CFG_CPU_TICK_PER_SECOND 1000u
#ifndef TOS_CFG_CPU_CLOCK /* a board states its own clock */
#define TOS_CFG_CPU_CLOCK 16000000u
#endif
#define TOS_CFG_LIBC_PRINTF_EN   1u
#define TOS_CFG_OBJECT_VERIFY_EN 0u

#define TOS_CFG_MMHEAP_EN 0u

/*
 * Three tasks. Messages of up to 4 bytes: each is received in the pass
 * after it was sent, so at most one is ever in flight; two leave a spare.
 * No deferred work.
 */
#define TOS_CFG_EVTDRV_TASK_MAX     3u
#define TOS_CFG_EVTDRV_MSG_POOL_NUM 2u
#define TOS_CFG_EVTDRV_MSG_SIZE_MAX 4u
#define TOS_CFG_EVTDRV_WORK_NUM     0u

#endif /* _TOS_CONFIG_H_ */
