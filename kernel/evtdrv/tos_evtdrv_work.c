/*
 * Deferred work (Tern, include/tos_evtdrv_work.h): a ring of (function,
 * argument) pairs filled by interrupt handlers and emptied by the loop,
 * kept in evtdrv_store (tos_evtdrv_sys_init() empties it with the store).
 * Queueing is O(1) and allocates nothing; each entry is taken in its own
 * short critical section and run with interrupts enabled.
 */
#include "evtdrv_private.h"

#if (TOS_CFG_EVENT_DRIVEN_EN > 0u) && (TOS_CFG_EVTDRV_WORK_NUM > 0u)

/* No modulo: Cortex-M0 has no divide instruction. */
static uint8_t evtdrv_work_index(uint8_t offset)
{
    unsigned int index = (unsigned int)evtdrv_store.work_head + offset;

    if (index >= TOS_CFG_EVTDRV_WORK_NUM) {
        index -= TOS_CFG_EVTDRV_WORK_NUM;
    }
    return (uint8_t)index;
}

__API__ evtdrv_err_t tos_evtdrv_work_queue(evtdrv_work_fn_t fn, void *arg)
{
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;
    evtdrv_work_t *slot;
    TOS_CPU_CPSR_ALLOC();

    if (fn != K_NULL) {
        TOS_CPU_INT_DISABLE();
        if (evtdrv_store.work_count == TOS_CFG_EVTDRV_WORK_NUM) {
            err = EVTDRV_ERR_MEM_ALLOC_FAILED;
        } else {
            slot = &evtdrv_store.work[evtdrv_work_index(evtdrv_store.work_count)];
            slot->fn = fn;
            slot->arg = arg;
            ++evtdrv_store.work_count;
            err = EVTDRV_ERR_NONE;
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Takes the oldest entry; K_FALSE if the ring is empty. */
static int evtdrv_work_take(evtdrv_work_t *work)
{
    int taken = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (evtdrv_store.work_count > 0u) {
        *work = evtdrv_store.work[evtdrv_store.work_head];
        evtdrv_store.work_head = evtdrv_work_index(1u);
        --evtdrv_store.work_count;
        taken = K_TRUE;
    }
    TOS_CPU_INT_ENABLE();
    return taken;
}

__KNL__ evtdrv_bool_t evtdrv_work_service(void)
{
    evtdrv_work_t work;
    /* Only what was queued before the pass: a self-requeueing item cannot hold the loop. */
    uint8_t left = evtdrv_store.work_count;
    evtdrv_bool_t ran = K_FALSE;

    while (left > 0u && evtdrv_work_take(&work)) {
        work.fn(work.arg);
        --left;
        ran = K_TRUE;
    }
    return ran;
}

#endif
