/*
 * CMSIS-RTOS2 adapter: counting semaphores (core semaphores: usable from
 * interrupts with timeout 0, counts up to 2^32 - 1).
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

static os2_semaphore_t *os2_sem_of(osSemaphoreId_t id)
{
    os2_semaphore_t *s = (os2_semaphore_t *)id;

    return s != K_NULL && s->magic == CMSIS_MAGIC_SEM ? s : K_NULL;
}

osSemaphoreId_t osSemaphoreNew(uint32_t max_count, uint32_t initial_count,
                               const osSemaphoreAttr_t *attr)
{
    os2_semaphore_t *s = K_NULL;
    uint32_t dyn = 0u;

    if (os2_ctx_check(K_FALSE) == osOK && max_count > 0u && initial_count <= max_count) {
        s = (os2_semaphore_t *)os2_cb_get(attr != K_NULL ? attr->cb_mem : K_NULL,
                                          attr != K_NULL ? attr->cb_size : 0u,
                                          sizeof(os2_semaphore_t), CMSIS_MAGIC_SEM, &dyn);
    }
    if (s != K_NULL) {
        cmsis_sem_init(&s->sem, initial_count, max_count);
        s->name = attr != K_NULL ? attr->name : K_NULL;
        s->dyn = dyn;
        s->magic = CMSIS_MAGIC_SEM;
    }
    return s;
}

const char *osSemaphoreGetName(osSemaphoreId_t semaphore_id)
{
    os2_semaphore_t *s = os2_ctx_check(K_FALSE) == osOK ? os2_sem_of(semaphore_id) : K_NULL;

    return s != K_NULL ? s->name : K_NULL;
}

/* Checks shared by the functions an ISR may call. */
static osStatus_t os2_sem_check(osSemaphoreId_t semaphore_id, os2_semaphore_t **s)
{
    osStatus_t status = os2_ctx_check(K_TRUE);

    *s = status == osOK ? os2_sem_of(semaphore_id) : K_NULL;
    if (status == osOK && *s == K_NULL) {
        status = osErrorParameter;
    }
    return status;
}

osStatus_t osSemaphoreAcquire(osSemaphoreId_t semaphore_id, uint32_t timeout)
{
    os2_semaphore_t *s;
    osStatus_t status = os2_sem_check(semaphore_id, &s);

    if (status == osOK && timeout != 0u && cmsis_ctx() == CMSIS_CTX_ISR) {
        status = osErrorParameter; /* an ISR cannot wait */
    }
    if (status == osOK) {
        status = os2_status(cmsis_sem_acquire(&s->sem, cmsis_ticks(timeout), K_NULL));
    }
    return status;
}

osStatus_t osSemaphoreRelease(osSemaphoreId_t semaphore_id)
{
    os2_semaphore_t *s;
    osStatus_t status = os2_sem_check(semaphore_id, &s);

    if (status == osOK) {
        status = os2_status(cmsis_sem_release(&s->sem));
    }
    return status;
}

uint32_t osSemaphoreGetCount(osSemaphoreId_t semaphore_id)
{
    os2_semaphore_t *s;

    (void)os2_sem_check(semaphore_id, &s);
    return s != K_NULL ? cmsis_sem_count(&s->sem) : 0u;
}

osStatus_t osSemaphoreDelete(osSemaphoreId_t semaphore_id)
{
    os2_semaphore_t *s;
    osStatus_t status = os2_ctx_check(K_FALSE);

    s = status == osOK ? os2_sem_of(semaphore_id) : K_NULL;
    if (status == osOK && s == K_NULL) {
        status = osErrorParameter;
    }
    if (s != K_NULL) {
        s->magic = 0u;
        cmsis_sem_destroy(&s->sem);
        os2_cb_put(s, s->dyn);
    }
    return status;
}

#endif /* CMSIS_CORE_EN */
