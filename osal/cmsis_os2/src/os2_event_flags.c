/*
 * CMSIS-RTOS2 adapter: event flags (core flags; see core_flags.c for when
 * a waiter's condition is evaluated).
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

static os2_event_flags_t *os2_ef_of(osEventFlagsId_t id)
{
    os2_event_flags_t *ef = (os2_event_flags_t *)id;

    return ef != K_NULL && ef->magic == CMSIS_MAGIC_FLAGS ? ef : K_NULL;
}

osEventFlagsId_t osEventFlagsNew(const osEventFlagsAttr_t *attr)
{
    os2_event_flags_t *ef = K_NULL;
    uint32_t dyn = 0u;

    if (os2_ctx_check(K_FALSE) == osOK) {
        ef = (os2_event_flags_t *)os2_cb_get(attr != K_NULL ? attr->cb_mem : K_NULL,
                                             attr != K_NULL ? attr->cb_size : 0u,
                                             sizeof(os2_event_flags_t), CMSIS_MAGIC_FLAGS, &dyn);
    }
    if (ef != K_NULL) {
        cmsis_flags_init(&ef->flags);
        ef->name = attr != K_NULL ? attr->name : K_NULL;
        ef->dyn = dyn;
        ef->magic = CMSIS_MAGIC_FLAGS;
    }
    return ef;
}

const char *osEventFlagsGetName(osEventFlagsId_t ef_id)
{
    os2_event_flags_t *ef = os2_ctx_check(K_FALSE) == osOK ? os2_ef_of(ef_id) : K_NULL;

    return ef != K_NULL ? ef->name : K_NULL;
}

/* Checks shared by set, clear and wait: the object or the error to return. */
static uint32_t os2_ef_check(osEventFlagsId_t ef_id, uint32_t flags, os2_event_flags_t **ef)
{
    uint32_t result = 0u;

    *ef = K_NULL;
    if (os2_ctx_check(K_TRUE) != osOK) {
        result = osFlagsErrorUnknown;
    } else if (os2_ef_of(ef_id) == K_NULL || (flags & osFlagsError) != 0u) {
        result = osFlagsErrorParameter;
    } else {
        *ef = os2_ef_of(ef_id);
    }
    return result;
}

uint32_t osEventFlagsSet(osEventFlagsId_t ef_id, uint32_t flags)
{
    os2_event_flags_t *ef;
    uint32_t result = os2_ef_check(ef_id, flags, &ef);

    if (ef != K_NULL) {
        result = cmsis_flags_set(&ef->flags, flags, K_NULL);
    }
    return result;
}

uint32_t osEventFlagsClear(osEventFlagsId_t ef_id, uint32_t flags)
{
    os2_event_flags_t *ef;
    uint32_t result = os2_ef_check(ef_id, flags, &ef);

    if (ef != K_NULL) {
        result = cmsis_flags_clear(&ef->flags, flags);
    }
    return result;
}

uint32_t osEventFlagsGet(osEventFlagsId_t ef_id)
{
    os2_event_flags_t *ef;

    (void)os2_ef_check(ef_id, 0u, &ef);
    return ef != K_NULL ? cmsis_flags_get(&ef->flags) : 0u;
}

uint32_t osEventFlagsWait(osEventFlagsId_t ef_id, uint32_t flags, uint32_t options,
                          uint32_t timeout)
{
    os2_event_flags_t *ef;
    uint32_t result = os2_ef_check(ef_id, flags, &ef);
    k_err_t err;

    if (ef != K_NULL && timeout != 0u && cmsis_ctx() == CMSIS_CTX_ISR) {
        result = osFlagsErrorParameter; /* an ISR cannot wait */
    } else if (ef != K_NULL) {
        err = cmsis_flags_wait(&ef->flags, flags, options & (osFlagsWaitAll | osFlagsNoClear),
                               cmsis_ticks(timeout), &result);
        result = err == K_ERR_NONE ? result : os2_flags_error(err);
    }
    return result;
}

osStatus_t osEventFlagsDelete(osEventFlagsId_t ef_id)
{
    osStatus_t status = os2_ctx_check(K_FALSE);
    os2_event_flags_t *ef = status == osOK ? os2_ef_of(ef_id) : K_NULL;

    if (status == osOK && ef == K_NULL) {
        status = osErrorParameter;
    }
    if (ef != K_NULL) {
        ef->magic = 0u;
        cmsis_flags_destroy(&ef->flags);
        os2_cb_put(ef, ef->dyn);
    }
    return status;
}

#endif /* CMSIS_CORE_EN */
