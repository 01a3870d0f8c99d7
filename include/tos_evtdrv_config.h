/*
 * Tern's own options of the event-driven mode (TencentOS Tiny has none):
 * where the per-task event state, the messages and the deferred work live.
 * Each defaults to the original's behaviour where there is one (the heap),
 * so an unchanged tos_config.h keeps working; a value > 0 selects static
 * storage sized at build time, and then no heap is needed at all.
 *
 *   TOS_CFG_EVTDRV_TASK_MAX      0: tos_evtdrv_sys_init() allocates the event
 *                                state of the tasks with tos_mmheap_calloc (as
 *                                the original). N: a static array for up to
 *                                N tasks (34 bytes each).
 *   TOS_CFG_EVTDRV_MSG_POOL_NUM  0: messages are allocated with
 *                                tos_mmheap_alloc (as the original). N: a
 *                                static pool of N messages, each of up to
 *                                TOS_CFG_EVTDRV_MSG_SIZE_MAX body bytes.
 *   TOS_CFG_EVTDRV_MSG_SIZE_MAX  largest message body of the pool (bytes).
 *   TOS_CFG_EVTDRV_WORK_NUM      capacity of the deferred-work queue
 *                                (tos_evtdrv_work_queue); 0 leaves the
 *                                feature out.
 */
#ifndef _TOS_EVTDRV_CONFIG_H_
#define _TOS_EVTDRV_CONFIG_H_

#ifndef TOS_CFG_EVTDRV_TASK_MAX
#define TOS_CFG_EVTDRV_TASK_MAX 0u
#endif

#ifndef TOS_CFG_EVTDRV_MSG_POOL_NUM
#define TOS_CFG_EVTDRV_MSG_POOL_NUM 0u
#endif

#ifndef TOS_CFG_EVTDRV_MSG_SIZE_MAX
#define TOS_CFG_EVTDRV_MSG_SIZE_MAX 32u
#endif

#ifndef TOS_CFG_EVTDRV_WORK_NUM
#define TOS_CFG_EVTDRV_WORK_NUM 4u
#endif

/* Task ids are uint8_t and 0xFF means "none": at most 255 tasks. */
#if TOS_CFG_EVTDRV_TASK_MAX > 255u
#error "INVALID config, TOS_CFG_EVTDRV_TASK_MAX must be <= 255"
#endif

#if TOS_CFG_EVTDRV_MSG_POOL_NUM > 255u
#error "INVALID config, TOS_CFG_EVTDRV_MSG_POOL_NUM must be <= 255"
#endif

#if (TOS_CFG_EVTDRV_MSG_POOL_NUM > 0u) && \
    ((TOS_CFG_EVTDRV_MSG_SIZE_MAX == 0u) || (TOS_CFG_EVTDRV_MSG_SIZE_MAX > 0xFFFFu))
#error "INVALID config, TOS_CFG_EVTDRV_MSG_SIZE_MAX must be 1..65535"
#endif

#if TOS_CFG_EVTDRV_WORK_NUM > 255u
#error "INVALID config, TOS_CFG_EVTDRV_WORK_NUM must be <= 255"
#endif

#endif /* _TOS_EVTDRV_CONFIG_H_ */
