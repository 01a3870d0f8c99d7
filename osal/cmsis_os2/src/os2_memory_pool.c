/*
 * CMSIS-RTOS2 adapter: memory pools (core block pools: usable from
 * interrupts with timeout 0; bad and double frees are refused).
 */
#include "os2_private.h"

#if CMSIS_CORE_EN > 0u

static os2_memory_pool_t *os2_pool_of(osMemoryPoolId_t id)
{
    os2_memory_pool_t *mp = (os2_memory_pool_t *)id;

    return mp != K_NULL && mp->magic == CMSIS_MAGIC_POOL ? mp : K_NULL;
}

/* Control block and block memory, or NULL (nothing kept). */
static os2_memory_pool_t *os2_pool_make(uint32_t count, uint32_t size,
                                        const osMemoryPoolAttr_t *attr)
{
    os2_mem_src_t src = {K_NULL, 0u, K_NULL, 0u};
    uint32_t dyn = 0u;
    void *mem;
    os2_memory_pool_t *mp;

    if (attr != K_NULL) {
        src = (os2_mem_src_t){attr->cb_mem, attr->cb_size, attr->mp_mem, attr->mp_size};
    }
    mp = (os2_memory_pool_t *)os2_cb_mem_get(&src, sizeof(*mp), CMSIS_MAGIC_POOL,
                                             cmsis_pool_mem_size(count, size), &mem, &dyn);
    if (mp != K_NULL) {
        cmsis_pool_init(&mp->pool, mem, count, size);
        mp->name = attr != K_NULL ? attr->name : K_NULL;
        mp->dyn = dyn;
        mp->magic = CMSIS_MAGIC_POOL;
    }
    return mp;
}

osMemoryPoolId_t osMemoryPoolNew(uint32_t block_count, uint32_t block_size,
                                 const osMemoryPoolAttr_t *attr)
{
    os2_memory_pool_t *mp = K_NULL;

    if (os2_ctx_check(K_FALSE) == osOK && block_count > 0u && block_size > 0u) {
        mp = os2_pool_make(block_count, block_size, attr);
    }
    return mp;
}

const char *osMemoryPoolGetName(osMemoryPoolId_t mp_id)
{
    os2_memory_pool_t *mp = os2_ctx_check(K_FALSE) == osOK ? os2_pool_of(mp_id) : K_NULL;

    return mp != K_NULL ? mp->name : K_NULL;
}

/* The pool for the functions an ISR may call, or NULL. */
static os2_memory_pool_t *os2_pool_isr_of(osMemoryPoolId_t mp_id)
{
    return os2_ctx_check(K_TRUE) == osOK ? os2_pool_of(mp_id) : K_NULL;
}

void *osMemoryPoolAlloc(osMemoryPoolId_t mp_id, uint32_t timeout)
{
    os2_memory_pool_t *mp = os2_pool_isr_of(mp_id);
    void *blk = K_NULL;

    /* An ISR cannot wait: NULL. */
    if (mp != K_NULL && (timeout == 0u || cmsis_ctx() != CMSIS_CTX_ISR)) {
        (void)cmsis_pool_alloc(&mp->pool, cmsis_ticks(timeout), &blk);
    }
    return blk;
}

osStatus_t osMemoryPoolFree(osMemoryPoolId_t mp_id, void *block)
{
    osStatus_t status = os2_ctx_check(K_TRUE);
    os2_memory_pool_t *mp = status == osOK ? os2_pool_of(mp_id) : K_NULL;
    k_err_t err;

    if (status == osOK && (mp == K_NULL || block == K_NULL)) {
        status = osErrorParameter;
    } else if (status == osOK) {
        err = cmsis_pool_free(&mp->pool, block);
        status = err == K_ERR_OBJ_INVALID ? osErrorParameter : os2_status(err);
    }
    return status;
}

uint32_t osMemoryPoolGetCapacity(osMemoryPoolId_t mp_id)
{
    os2_memory_pool_t *mp = os2_pool_isr_of(mp_id);

    return mp != K_NULL ? mp->pool.blk_count : 0u;
}

uint32_t osMemoryPoolGetBlockSize(osMemoryPoolId_t mp_id)
{
    os2_memory_pool_t *mp = os2_pool_isr_of(mp_id);

    return mp != K_NULL ? mp->pool.blk_size : 0u;
}

uint32_t osMemoryPoolGetCount(osMemoryPoolId_t mp_id)
{
    os2_memory_pool_t *mp = os2_pool_isr_of(mp_id);

    return mp != K_NULL ? cmsis_pool_used(&mp->pool) : 0u;
}

uint32_t osMemoryPoolGetSpace(osMemoryPoolId_t mp_id)
{
    os2_memory_pool_t *mp = os2_pool_isr_of(mp_id);

    return mp != K_NULL ? mp->pool.blk_count - cmsis_pool_used(&mp->pool) : 0u;
}

osStatus_t osMemoryPoolDelete(osMemoryPoolId_t mp_id)
{
    osStatus_t status = os2_ctx_check(K_FALSE);
    os2_memory_pool_t *mp = status == osOK ? os2_pool_of(mp_id) : K_NULL;

    if (status == osOK && mp == K_NULL) {
        status = osErrorParameter;
    }
    if (mp != K_NULL) {
        mp->magic = 0u;
        cmsis_pool_destroy(&mp->pool);
        if ((mp->dyn & OS2_MEM_DYN) != 0u) {
            cmsis_free(mp->pool.base);
        }
        os2_cb_put(mp, mp->dyn);
    }
    return status;
}

#endif /* CMSIS_CORE_EN */
