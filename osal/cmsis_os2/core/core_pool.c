/*
 * CMSIS core: fixed-size block pool. Pool memory holds the blocks and, at
 * its end, one bit per block telling whether it is allocated, so a free of
 * a foreign pointer or a double free is refused instead of corrupting the
 * free list. A free with waiters hands the block to the most urgent one.
 */
#include "cmsis_core.h"

#if CMSIS_CORE_EN > 0u

#define POOL_ALIGN    sizeof(void *)
#define MAP_WORD_BITS 32u

static uint64_t pool_stride(uint32_t size)
{
    return ((uint64_t)size + POOL_ALIGN - 1u) & ~(uint64_t)(POOL_ALIGN - 1u);
}

size_t cmsis_pool_mem_size(uint32_t count, uint32_t size)
{
    uint64_t bytes = (uint64_t)count * pool_stride(size) +
                     ((uint64_t)count + MAP_WORD_BITS - 1u) / MAP_WORD_BITS * sizeof(uint32_t);

    /* 0 = not representable (CMSIS sizes are 32-bit). */
    return bytes > 0xFFFFFFFFu || bytes > (uint64_t)SIZE_MAX ? 0u : (size_t)bytes;
}

void cmsis_pool_init(cmsis_pool_t *p, void *mem, uint32_t count, uint32_t size)
{
    uint32_t i;
    uint8_t *blk;

    pend_object_init(&p->pend);
    p->base = (uint8_t *)mem;
    p->blk_count = count;
    p->blk_size = size;
    p->blk_stride = (uint32_t)pool_stride(size);
    p->used = 0u;
    p->used_map = (uint32_t *)(void *)(p->base + (size_t)count * p->blk_stride);
    memset(p->used_map, 0, (count + MAP_WORD_BITS - 1u) / MAP_WORD_BITS * sizeof(uint32_t));
    p->free_list = K_NULL;
    /* Chain from the last block down so that allocation starts at the first. */
    for (i = count; i > 0u; --i) {
        blk = p->base + (size_t)(i - 1u) * p->blk_stride;
        *(void **)(void *)blk = p->free_list;
        p->free_list = blk;
    }
}

static void pool_mark(cmsis_pool_t *p, uint32_t idx, int used)
{
    uint32_t bit = 1u << (idx % MAP_WORD_BITS);

    if (used) {
        p->used_map[idx / MAP_WORD_BITS] |= bit;
    } else {
        p->used_map[idx / MAP_WORD_BITS] &= ~bit;
    }
}

static uint32_t pool_index(cmsis_pool_t *p, const void *blk)
{
    return (uint32_t)(((const uint8_t *)blk - p->base) / p->blk_stride);
}

k_err_t cmsis_pool_alloc(cmsis_pool_t *p, k_tick_t timeout, void **blk)
{
    k_err_t err = K_ERR_NONE;
    cmsis_waiter_t w;
    TOS_CPU_CPSR_ALLOC();

    *blk = K_NULL;
    TOS_CPU_INT_DISABLE();
    if (p->free_list != K_NULL) {
        *blk = p->free_list;
        p->free_list = *(void **)p->free_list;
        pool_mark(p, pool_index(p, *blk), K_TRUE);
        ++p->used;
        TOS_CPU_INT_ENABLE();
    } else {
        w.data = K_NULL;
        err = cmsis_wait(&p->pend, &w, timeout, cpu_cpsr);
        if (err == K_ERR_NONE) {
            *blk = w.data;
        }
    }
    return err;
}

/* Interrupts disabled: K_ERR_NONE if blk is an allocated block of p. */
static k_err_t pool_check_block(cmsis_pool_t *p, const void *blk)
{
    k_err_t err = K_ERR_NONE;
    const uint8_t *at = (const uint8_t *)blk;
    uint32_t idx;

    if (at < p->base || at >= p->base + (size_t)p->blk_count * p->blk_stride ||
        (size_t)(at - p->base) % p->blk_stride != 0u) {
        err = K_ERR_OBJ_INVALID;
    } else {
        idx = pool_index(p, blk);
        if ((p->used_map[idx / MAP_WORD_BITS] & (1u << (idx % MAP_WORD_BITS))) == 0u) {
            err = K_ERR_MMBLK_POOL_FULL;
        }
    }
    return err;
}

k_err_t cmsis_pool_check(cmsis_pool_t *p, const void *blk)
{
    k_err_t err;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    err = pool_check_block(p, blk);
    TOS_CPU_INT_ENABLE();
    return err;
}

k_err_t cmsis_pool_free(cmsis_pool_t *p, void *blk)
{
    k_task_t *task;
    TOS_CPU_CPSR_ALLOC();
    k_err_t err;

    TOS_CPU_INT_DISABLE();
    err = pool_check_block(p, blk);
    task = err == K_ERR_NONE ? pend_highest_pending_task_get(&p->pend) : K_NULL;
    if (task != K_NULL) {
        /* The block stays allocated: it changes hands. */
        cmsis_waiter_of(task)->data = blk;
        cmsis_wake(task, PEND_STATE_POST);
        knl_sched();
    } else if (err == K_ERR_NONE) {
        pool_mark(p, pool_index(p, blk), K_FALSE);
        *(void **)blk = p->free_list;
        p->free_list = blk;
        --p->used;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

uint32_t cmsis_pool_used(cmsis_pool_t *p)
{
    return p->used;
}

void cmsis_pool_destroy(cmsis_pool_t *p)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    cmsis_wake_all_destroyed(&p->pend);
    knl_sched();
    TOS_CPU_INT_ENABLE();
}

#endif /* CMSIS_CORE_EN */
