/*
 * Memory allocation from a block pool: one task allocates a 128-byte block
 * and frees it.
 */
#include "bench.h"

#define BLK_SIZE  128u
#define BLK_COUNT 4u

static k_task_t blk_worker;
static k_mmblk_pool_t blk_pool;
static uint8_t blk_memory[BLK_COUNT * BLK_SIZE] __ALIGNED__(4);

static void blk_entry(void *arg)
{
    void *blk;

    (void)arg;
    for (;;) {
        bench_check("tos_mmblk_alloc", tos_mmblk_alloc(&blk_pool, &blk));
        bench_check("tos_mmblk_free", tos_mmblk_free(&blk_pool, blk));
        ++bench_counters[0];
    }
}

void bench_main(void)
{
    bench_check("tos_mmblk_pool_create",
                tos_mmblk_pool_create(&blk_pool, blk_memory, BLK_COUNT, BLK_SIZE));
    bench_task(&blk_worker, blk_entry, K_NULL, 1u);
    bench_window("mem-block", 1u, K_NULL, 0u);
}
