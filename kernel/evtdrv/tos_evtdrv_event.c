/*
 * Events of the event-driven mode (contract §35.2): a pending bit and a
 * set counter per bit and task, so that an event signalled twice before its
 * task ran is handled twice. A bit is pending exactly while its counter is
 * not 0. Interrupt handlers set events, so every access is a short critical
 * section.
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

/*
 * Every counter is visited and the pending bits are rebuilt from the
 * counters: shorter than updating a bit at a time, and the same, since a
 * bit is pending exactly while its counter is not 0.
 */
__KNL__ evtdrv_err_t evtdrv_event_update(evtdrv_task_id_t task_id, evtdrv_event_flag_t event_flags,
                                         uint32_t step)
{
    evtdrv_err_t err = EVTDRV_ERR_TASK_INVALID;
    evtdrv_event_t *event;
    evtdrv_event_nesting_t *nesting;
    uint32_t count;
    uint32_t mask;
    uint32_t pending = 0u;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (evtdrv_task_id_is_valid(task_id)) {
        event = &evtdrv_events[task_id];
        nesting = event->nesting;
        for (mask = 1u; mask <= EVTDRV_NESTING_MAX; mask <<= 1, ++nesting) {
            /* Out of range (a set at 0xFFFF, a reset at 0 wraps around): ignored. */
            count = *nesting + ((event_flags & mask) != 0u ? step : 0u);
            if (count <= EVTDRV_NESTING_MAX) {
                *nesting = (evtdrv_event_nesting_t)count;
            }
            if (*nesting != 0u) {
                pending |= mask;
            }
        }
        event->flags = (evtdrv_event_flag_t)pending;
        err = EVTDRV_ERR_NONE;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_event_set(evtdrv_task_id_t task_id, evtdrv_event_flag_t event_flags)
{
    return evtdrv_event_update(task_id, event_flags, EVTDRV_EVENT_UP);
}

__API__ evtdrv_err_t tos_evtdrv_event_reset(evtdrv_task_id_t task_id,
                                            evtdrv_event_flag_t event_flags)
{
    return evtdrv_event_update(task_id, event_flags, EVTDRV_EVENT_DOWN);
}

__API__ evtdrv_task_id_t tos_evtdrv_task_self(void)
{
    return evtdrv_curr_task;
}

#if TOS_CFG_EVTDRV_TASK_MAX == 0u /* the original's way: from the heap */

__KNL__ evtdrv_err_t evtdrv_event_storage_get(evtdrv_ttb_sz_t count)
{
    evtdrv_err_t err = EVTDRV_ERR_NONE;

    if (count > 0u) {
        evtdrv_events = (evtdrv_event_t *)tos_mmheap_calloc(count, sizeof(evtdrv_event_t));
        if (evtdrv_events == K_NULL) {
            err = EVTDRV_ERR_MEM_ALLOC_FAILED;
        }
    }
    return err;
}

__KNL__ void evtdrv_event_storage_put(void)
{
    if (evtdrv_events != K_NULL) {
        tos_mmheap_free(evtdrv_events);
        evtdrv_events = K_NULL;
    }
}

#endif /* TOS_CFG_EVTDRV_TASK_MAX */

#endif /* TOS_CFG_EVENT_DRIVEN_EN */
