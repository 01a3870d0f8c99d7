/*
 * Error codes of the event-driven API (contract §35.1). The values are the
 * original's; Tern's additions (marked) use values the original leaves free.
 */
#ifndef _TOS_EVTDRV_ERR_H_
#define _TOS_EVTDRV_ERR_H_

__CDECLS_BEGIN

typedef enum evtdrv_err_en {
    EVTDRV_ERR_NONE = 0x0u,
    EVTDRV_ERR_MEM_ALLOC_FAILED = 0x1u,
    EVTDRV_ERR_PTR_NULL = 0x2u,
    EVTDRV_ERR_MSG_BUSY = 0x3u,
    EVTDRV_ERR_TASK_INVALID = 0x4u,
    EVTDRV_ERR_MMHEAP_INIT_FAILED = 0x5u,
    /* Tern: not a message handed out by the pool (foreign pointer, double free). */
    EVTDRV_ERR_MSG_INVALID = 0x6u,

    /* Never returned: sets are counted and saturate silently (§35.2). */
    EVTDRV_ERR_EVENT_INVALID = 0x10u,
    EVTDRV_ERR_EVENT_OVERFLOW = 0x11u,

    EVTDRV_ERR_TIMER_ALREADY_EXIST = 0x20u,
    EVTDRV_ERR_TIMER_INACTIVE = 0x21u,
    /* Tern: the option is neither EVTDRV_TIMER_OPT_ONESHOT nor _PERIODIC. */
    EVTDRV_ERR_TIMER_INVALID_OPT = 0x22u,

    /* Tern, transmissions with retries (tos_evtdrv_tx.h). */
    EVTDRV_ERR_TX_BUSY = 0x30u,   /* the frame is already queued */
    EVTDRV_ERR_TX_IDLE = 0x31u,   /* nothing to acknowledge / cancel */
    EVTDRV_ERR_TX_NO_ACK = 0x32u, /* outcome: every transmission went unanswered */
} evtdrv_err_t;

__CDECLS_END

#endif /* _TOS_EVTDRV_ERR_H_ */
