/*
 * CMSIS-RTOS2 adapter: mutexes on kernel mutexes.
 *
 * The kernel mutex always applies priority inheritance and always releases
 * a mutex whose owner ends (the waiters then compete for it again). So
 * osMutexPrioInherit and osMutexRobust are honoured for every mutex, with
 * or without the bits; osMutexRecursive decides whether the owner may
 * acquire again (docs/cmsis.md).
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

#if TOS_CFG_MUTEX_EN > 0u

static os2_mutex_t *os2_mutex_of(osMutexId_t id)
{
    os2_mutex_t *m = (os2_mutex_t *)id;

    return m != K_NULL && m->magic == CMSIS_MAGIC_MUTEX ? m : K_NULL;
}

osMutexId_t osMutexNew(const osMutexAttr_t *attr)
{
    os2_mutex_t *m = K_NULL;
    uint32_t dyn = 0u;

    if (os2_ctx_check(K_FALSE) == osOK) {
        m = (os2_mutex_t *)os2_cb_get(attr != K_NULL ? attr->cb_mem : K_NULL,
                                      attr != K_NULL ? attr->cb_size : 0u, sizeof(os2_mutex_t),
                                      CMSIS_MAGIC_MUTEX, &dyn);
    }
    if (m != K_NULL && tos_mutex_create(&m->mutex) != K_ERR_NONE) {
        os2_cb_put(m, dyn);
        m = K_NULL;
    }
    if (m != K_NULL) {
        m->name = attr != K_NULL ? attr->name : K_NULL;
        m->attr_bits = attr != K_NULL ? attr->attr_bits : 0u;
        m->dyn = dyn;
        m->magic = CMSIS_MAGIC_MUTEX;
    }
    return m;
}

const char *osMutexGetName(osMutexId_t mutex_id)
{
    os2_mutex_t *m = os2_ctx_check(K_FALSE) == osOK ? os2_mutex_of(mutex_id) : K_NULL;

    return m != K_NULL ? m->name : K_NULL;
}

/* Checks shared by acquire, release and delete. */
static osStatus_t os2_mutex_check(osMutexId_t mutex_id, os2_mutex_t **m)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    *m = status == osOK ? os2_mutex_of(mutex_id) : K_NULL;
    if (status == osOK && *m == K_NULL) {
        status = osErrorParameter;
    }
    return status;
}

osStatus_t osMutexAcquire(osMutexId_t mutex_id, uint32_t timeout)
{
    os2_mutex_t *m;
    osStatus_t status = os2_mutex_check(mutex_id, &m);

    if (status == osOK && !tos_knl_is_running()) {
        status = osError; /* owners are threads */
    }
    if (status == osOK) {
        status = os2_status(cmsis_mutex_acquire(&m->mutex, (m->attr_bits & osMutexRecursive) != 0u,
                                                cmsis_ticks(timeout)));
    }
    return status;
}

osStatus_t osMutexRelease(osMutexId_t mutex_id)
{
    os2_mutex_t *m;
    osStatus_t status = os2_mutex_check(mutex_id, &m);
    k_err_t err;

    if (status == osOK) {
        err = tos_mutex_post(&m->mutex);
        /* K_ERR_MUTEX_NESTING: one recursion level released, still owned. */
        status = err == K_ERR_NONE || err == K_ERR_MUTEX_NESTING ? osOK : osErrorResource;
    }
    return status;
}

osThreadId_t osMutexGetOwner(osMutexId_t mutex_id)
{
    os2_mutex_t *m = os2_ctx_check(K_FALSE) == osOK ? os2_mutex_of(mutex_id) : K_NULL;

    return m != K_NULL && m->mutex.pend_nesting > 0u ? (osThreadId_t)m->mutex.owner : K_NULL;
}

osStatus_t osMutexDelete(osMutexId_t mutex_id)
{
    os2_mutex_t *m;
    osStatus_t status = os2_mutex_check(mutex_id, &m);

    if (status == osOK) {
        m->magic = 0u;
        (void)tos_mutex_destroy(&m->mutex);
        os2_cb_put(m, m->dyn);
    }
    return status;
}

#else /* TOS_CFG_MUTEX_EN == 0: no kernel mutexes, no mutex can exist */

osMutexId_t osMutexNew(const osMutexAttr_t *attr)
{
    (void)attr;
    return K_NULL;
}

const char *osMutexGetName(osMutexId_t mutex_id)
{
    (void)mutex_id;
    return K_NULL;
}

osStatus_t osMutexAcquire(osMutexId_t mutex_id, uint32_t timeout)
{
    osStatus_t status = os2_ctx_check(K_FALSE);

    (void)mutex_id;
    (void)timeout;
    return status == osOK ? osErrorParameter : status;
}

osStatus_t osMutexRelease(osMutexId_t mutex_id)
{
    return osMutexAcquire(mutex_id, 0u);
}

osThreadId_t osMutexGetOwner(osMutexId_t mutex_id)
{
    (void)mutex_id;
    return K_NULL;
}

osStatus_t osMutexDelete(osMutexId_t mutex_id)
{
    return osMutexAcquire(mutex_id, 0u);
}

#endif /* TOS_CFG_MUTEX_EN */

#endif /* CMSIS_CORE_EN */
