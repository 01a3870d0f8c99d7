/*
 * Events of the event-driven mode (contract §35.2): a pending bit and a
 * set counter per bit and task, so that an event signalled twice before its
 * task ran is handled twice. Interrupt handlers set events, so every access
 * is a short critical section.
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

#define EVTDRV_NESTING_MAX ((evtdrv_event_nesting_t)0xFFFFu)

#if TOS_CFG_EVTDRV_TASK_MAX > 0u
/* Static event state: no heap needed (tos_evtdrv_config.h). */
static evtdrv_event_t evtdrv_event_pool[TOS_CFG_EVTDRV_TASK_MAX];
#endif

__KNL__ void evtdrv_event_count(evtdrv_event_t *event, evtdrv_event_flag_t event_flags, int up)
{
    evtdrv_event_nesting_t *nesting = event->nesting;
    uint32_t mask;

    for (mask = 1u; mask <= event_flags; mask <<= 1, ++nesting) {
        if ((event_flags & mask) == 0u) {
            continue;
        }
        if (up && *nesting != EVTDRV_NESTING_MAX) {
            ++*nesting;
            event->flags |= (evtdrv_event_flag_t)mask;
        } else if (!up && (event->flags & mask) != 0u) {
            --*nesting;
            if (*nesting == 0u) {
                event->flags &= (evtdrv_event_flag_t)~mask;
            }
        }
    }
}

static evtdrv_err_t evtdrv_event_update(evtdrv_task_id_t task_id, evtdrv_event_flag_t event_flags,
                                        int up)
{
    evtdrv_err_t err = EVTDRV_ERR_TASK_INVALID;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (evtdrv_task_id_is_valid(task_id)) {
        evtdrv_event_count(&evtdrv_events[task_id], event_flags, up);
        err = EVTDRV_ERR_NONE;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_event_set(evtdrv_task_id_t task_id, evtdrv_event_flag_t event_flags)
{
    return evtdrv_event_update(task_id, event_flags, K_TRUE);
}

__API__ evtdrv_err_t tos_evtdrv_event_reset(evtdrv_task_id_t task_id,
                                            evtdrv_event_flag_t event_flags)
{
    return evtdrv_event_update(task_id, event_flags, K_FALSE);
}

__API__ evtdrv_task_id_t tos_evtdrv_task_self(void)
{
    return evtdrv_curr_task;
}

#if TOS_CFG_EVTDRV_TASK_MAX > 0u

__KNL__ evtdrv_err_t evtdrv_event_storage_get(evtdrv_ttb_sz_t count)
{
    evtdrv_err_t err = EVTDRV_ERR_MEM_ALLOC_FAILED;

    if (count <= TOS_CFG_EVTDRV_TASK_MAX) {
        memset(evtdrv_event_pool, 0, sizeof(evtdrv_event_pool[0]) * count);
        evtdrv_events = evtdrv_event_pool;
        err = EVTDRV_ERR_NONE;
    }
    return err;
}

__KNL__ void evtdrv_event_storage_put(void)
{
    evtdrv_events = K_NULL;
}

#else /* the original's way: from the heap */

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
