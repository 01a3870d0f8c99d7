/*
 * CMSIS-RTOS2 adapter: status and priority mapping, control block memory.
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

_Static_assert(osPriorityIdle == CMSIS_PRIO_IDLE && osPriorityISR == CMSIS_PRIO_ISR,
               "core priority range");

osStatus_t os2_status(k_err_t err)
{
    osStatus_t status;

    switch (err) {
    case K_ERR_NONE:
        status = osOK;
        break;
    case K_ERR_PEND_TIMEOUT:
        status = osErrorTimeout;
        break;
    case K_ERR_OUT_OF_MEMORY:
        status = osErrorNoMemory;
        break;
    case K_ERR_IN_IRQ:
        status = osErrorISR;
        break;
    case K_ERR_KNL_FOREIGN_CONTEXT:
    case K_ERR_KNL_NOT_RUNNING:
        status = osError;
        break;
    default:
        /* Every other refusal is about the object's or the kernel's state. */
        status = osErrorResource;
        break;
    }
    return status;
}

uint32_t os2_flags_error(k_err_t err)
{
    uint32_t result;

    switch (err) {
    case K_ERR_PEND_TIMEOUT:
        result = osFlagsErrorTimeout;
        break;
    case K_ERR_PEND_NOWAIT:
    case K_ERR_PEND_SCHED_LOCKED:
    case K_ERR_PEND_DESTROY:
        result = osFlagsErrorResource;
        break;
    default:
        result = osFlagsErrorUnknown;
        break;
    }
    return result;
}

osStatus_t os2_ctx_check(int isr_ok)
{
    cmsis_ctx_t ctx = cmsis_ctx();
    osStatus_t status = osOK;

    if (ctx == CMSIS_CTX_FOREIGN) {
        status = osError;
    } else if (ctx == CMSIS_CTX_ISR && !isr_ok) {
        status = osErrorISR;
    }
    return status;
}

int os2_prio_valid(osPriority_t prio)
{
    return prio >= osPriorityIdle && prio <= osPriorityISR;
}

k_prio_t os2_prio_to_kernel(osPriority_t prio)
{
    return cmsis_prio_to_kernel((int32_t)prio);
}

osPriority_t os2_prio_from_kernel(k_prio_t prio)
{
    return (osPriority_t)cmsis_prio_from_kernel(prio);
}

void *os2_cb_get(void *cb_mem, uint32_t cb_size, size_t size, uint32_t magic, uint32_t *dyn)
{
    int dynamic = K_FALSE;
    void *cb = cmsis_cb_get(cb_mem, cb_size, size, OS2_CB_ALIGN, 0u, magic, &dynamic);

    *dyn = dynamic ? OS2_CB_DYN : 0u;
    return cb;
}

void os2_cb_put(void *cb, uint32_t dyn)
{
    uint32_t none = 0u;

    /* The id stops being valid before anything else happens to the memory. */
    memcpy(cb, &none, sizeof(none));
    if ((dyn & OS2_CB_DYN) != 0u) {
        cmsis_free(cb);
    }
}

void *os2_mem_get(void *mem, uint32_t mem_size, size_t size, uint32_t *dyn)
{
    void *result = K_NULL;

    if (mem == K_NULL && mem_size == 0u) {
        result = cmsis_alloc(size);
        *dyn |= result != K_NULL ? OS2_MEM_DYN : 0u;
    } else if (mem != K_NULL && mem_size >= size && cmsis_is_aligned(mem, sizeof(void *))) {
        result = mem;
    }
    return result;
}

void *os2_cb_mem_get(const os2_mem_src_t *src, size_t cb_need, uint32_t magic, size_t need,
                     void **mem, uint32_t *dyn)
{
    void *cb = os2_cb_get(src->cb_mem, src->cb_size, cb_need, magic, dyn);

    *mem = K_NULL;
    if (cb != K_NULL && need > 0u) {
        *mem = os2_mem_get(src->mem, src->mem_size, need, dyn);
    }
    if (cb != K_NULL && *mem == K_NULL) {
        os2_cb_put(cb, *dyn);
        cb = K_NULL;
    }
    return cb;
}

#endif /* CMSIS_CORE_EN */
