/*
 * Block pool (contract §29, §40.34-36): address-ordered LIFO allocation,
 * empty/full codes, the creation checks in the contract's order (plus the
 * added NULL/zero checks), static/_dyn lifetimes without leaks, ISR rules.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define BLK_NUM  4u
#define BLK_SIZE (4u * sizeof(void *))
#define IRQ_LINE 11u

static k_mmblk_pool_t mbp;
/* void * elements: pointer-aligned, as the pool requires. */
static void *pool[BLK_NUM * BLK_SIZE / sizeof(void *) + 1u];

static uint8_t *blk_addr(unsigned int i)
{
    return (uint8_t *)pool + (size_t)i * BLK_SIZE;
}

static void setup(void)
{
    memset(&mbp, 0, sizeof(mbp));
    TT_ASSERT_ERR(tos_mmblk_pool_create(&mbp, pool, BLK_NUM, BLK_SIZE), K_ERR_NONE);
}

static void teardown(void)
{
    if (mbp.knl_obj.alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
        TT_ASSERT_ERR(tos_mmblk_pool_destroy(&mbp), K_ERR_NONE);
    }
}

static void test_mmblk_macros(void)
{
    TT_ASSERT_EQ(K_MMBLK_ALIGN_MASK, sizeof(void *) - 1u);
    TT_ASSERT_PTR_EQ(K_MMBLK_NEXT_BLK(blk_addr(1u), BLK_SIZE), blk_addr(2u));
}

static void test_mmblk_create_builds_address_ordered_chain(void)
{
    TT_ASSERT_PTR_EQ(mbp.pool_start, pool);
    TT_ASSERT_PTR_EQ(mbp.free_list, pool);
    TT_ASSERT_EQ(mbp.blk_size, BLK_SIZE);
    TT_ASSERT_EQ(mbp.blk_max, BLK_NUM);
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM);
    TT_ASSERT_EQ(mbp.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(mbp.knl_obj.type, KNL_OBJ_TYPE_MMBLK_POOL);
#endif
    TT_ASSERT_PTR_EQ(*(void **)blk_addr(0u), blk_addr(1u));
    TT_ASSERT_PTR_EQ(*(void **)blk_addr(2u), blk_addr(3u));
    TT_ASSERT_NULL(*(void **)blk_addr(3u));
}

static void test_mmblk_alloc_in_address_order_until_empty(void)
{
    unsigned int i;
    void *blk;

    for (i = 0u; i < BLK_NUM; ++i) {
        TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &blk), K_ERR_NONE);
        TT_ASSERT_PTR_EQ(blk, blk_addr(i));
        TT_ASSERT_EQ(mbp.blk_free, BLK_NUM - 1u - i);
    }
    blk = pool;
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &blk), K_ERR_MMBLK_POOL_EMPTY);
    TT_ASSERT_NULL(blk);
    TT_ASSERT_EQ(mbp.blk_free, 0);
}

static void test_mmblk_free_is_lifo(void)
{
    void *a;
    void *b;
    void *c;

    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &b), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, b), K_ERR_NONE);
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &c), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(c, b);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &c), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(c, a);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &c), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(c, blk_addr(2u));
}

/* Every block is usable in full: fill all, then check nothing overlapped. */
static void test_mmblk_blocks_are_disjoint(void)
{
    void *blk[BLK_NUM];
    unsigned int i;
    uint8_t want[BLK_SIZE];

    for (i = 0u; i < BLK_NUM; ++i) {
        TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &blk[i]), K_ERR_NONE);
        TT_ASSERT_EQ((uintptr_t)blk[i] & K_MMBLK_ALIGN_MASK, 0);
        memset(blk[i], (int)(0x30u + i), BLK_SIZE);
    }
    for (i = 0u; i < BLK_NUM; ++i) {
        memset(want, (int)(0x30u + i), BLK_SIZE);
        TT_ASSERT_MEM_EQ(blk[i], want, BLK_SIZE);
        TT_ASSERT_ERR(tos_mmblk_free(&mbp, blk[i]), K_ERR_NONE);
    }
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM);
}

static void test_mmblk_create_checks_in_order(void)
{
    k_mmblk_pool_t other;
    void *odd = (void *)((cpu_addr_t)pool + 1u);

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, K_NULL, BLK_NUM, BLK_SIZE), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, K_NULL, 0u, 3u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, odd, BLK_NUM, BLK_SIZE),
                  K_ERR_MMBLK_INVALID_POOL_ADDR);
    /* The address check comes before the size check. */
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, odd, BLK_NUM, 3u), K_ERR_MMBLK_INVALID_POOL_ADDR);
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, pool, BLK_NUM, sizeof(void *) + 1u),
                  K_ERR_MMBLK_INVALID_BLK_SIZE);
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, pool, BLK_NUM, sizeof(void *) / 2u),
                  K_ERR_MMBLK_INVALID_BLK_SIZE);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
}

/* §40.34: a NULL pool object, zero blocks and zero-sized blocks are refused. */
static void test_mmblk_create_rejects_null_pool_and_zero_geometry(void)
{
    k_mmblk_pool_t other;

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_mmblk_pool_create(K_NULL, pool, BLK_NUM, BLK_SIZE), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, pool, 0u, BLK_SIZE), K_ERR_MMBLK_INVALID_BLK_SIZE);
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, pool, BLK_NUM, 0u), K_ERR_MMBLK_INVALID_BLK_SIZE);
    TT_ASSERT_ERR(tos_mmblk_pool_create(&other, pool, SIZE_MAX / 8u, 16u * sizeof(void *)),
                  K_ERR_MMBLK_INVALID_BLK_SIZE);
    TT_ASSERT_EQ(other.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_NULL(other.free_list);
}

/* §40.34: alloc refuses a NULL result pointer and leaves the pool as it was. */
static void test_mmblk_alloc_rejects_null_result_pointer(void)
{
    void *blk;

    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM);
    TT_ASSERT_ERR(tos_mmblk_alloc(K_NULL, &blk), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &blk), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(blk, blk_addr(0u));
}

static void test_mmblk_free_null_args(void)
{
    void *blk;

    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &blk), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(K_NULL, blk), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM - 1u);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, blk), K_ERR_NONE);
}

/* §40.36 (kept): a double free is caught only when the pool would overflow. */
static void test_mmblk_double_free_detected_only_when_pool_full(void)
{
    void *a;
    void *b;

    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, a), K_ERR_MMBLK_POOL_FULL);
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM);

    /* With another block out, the same mistake goes unnoticed. */
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &b), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, a), K_ERR_NONE);
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM);
}

static void test_mmblk_destroy_clears_object(void)
{
    TT_ASSERT_ERR(tos_mmblk_pool_destroy(&mbp), K_ERR_NONE);
    TT_ASSERT_NULL(mbp.pool_start);
    TT_ASSERT_NULL(mbp.free_list);
    TT_ASSERT_EQ(mbp.blk_size, 0);
    TT_ASSERT_EQ(mbp.blk_max, 0);
    TT_ASSERT_EQ(mbp.blk_free, 0);
    TT_ASSERT_EQ(mbp.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_NONE);
    TT_ASSERT_ERR(tos_mmblk_pool_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
}

static void test_mmblk_destroyed_pool_is_invalid(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    void *blk = pool;
    k_mmblk_pool_t zeroed;

    TT_ASSERT_ERR(tos_mmblk_pool_destroy(&mbp), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_pool_destroy(&mbp), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &blk), K_ERR_OBJ_INVALID);
    TT_ASSERT_PTR_EQ(blk, pool);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, blk), K_ERR_OBJ_INVALID);
    /* NULL arguments are reported before VERIFY. */
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, K_NULL), K_ERR_OBJ_PTR_NULL);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_ERR(tos_mmblk_pool_destroy_dyn(&mbp), K_ERR_OBJ_INVALID);
#endif
    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_mmblk_alloc(&zeroed, &blk), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_mmblk_pool_destroy(&zeroed), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

/* ---- _dyn pools (TOS_CFG_MMHEAP_EN) --------------------------------------- */

#if TOS_CFG_MMHEAP_EN > 0u
static size_t heap_used(void)
{
    k_mmheap_info_t info;

    memset(&info, 0, sizeof(info));
    (void)tos_mmheap_check(&info);
    return info.used;
}
#endif

static void test_mmblk_dyn_roundtrip_without_leak(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    k_mmblk_pool_t *dyn = K_NULL;
    size_t used = heap_used();
    void *a;
    void *b;

    TT_ASSERT_ERR(tos_mmblk_pool_create_dyn(&dyn, 3u, 2u * sizeof(void *)), K_ERR_NONE);
    TT_ASSERT_NOT_NULL(dyn);
    TT_ASSERT_EQ(dyn->knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_EQ(dyn->blk_max, 3);
    TT_ASSERT_GT(heap_used(), used);
    TT_ASSERT_ERR(tos_mmblk_alloc(dyn, &a), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(a, dyn->pool_start);
    TT_ASSERT_ERR(tos_mmblk_alloc(dyn, &b), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(b, K_MMBLK_NEXT_BLK(a, 2u * sizeof(void *)));
    TT_ASSERT_ERR(tos_mmblk_free(dyn, a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(dyn, b), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_pool_destroy_dyn(dyn), K_ERR_NONE);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0: no _dyn pools");
#endif
}

static void test_mmblk_dyn_static_destroy_mismatch(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    k_mmblk_pool_t *dyn = K_NULL;

    TT_ASSERT_ERR(tos_mmblk_pool_destroy_dyn(&mbp), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM);
    TT_ASSERT_ERR(tos_mmblk_pool_create_dyn(&dyn, 2u, sizeof(void *)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_pool_destroy(dyn), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_EQ(dyn->blk_max, 2);
    TT_ASSERT_ERR(tos_mmblk_pool_destroy_dyn(dyn), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_pool_destroy_dyn(K_NULL), K_ERR_OBJ_PTR_NULL);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0: no _dyn pools");
#endif
}

static void test_mmblk_create_dyn_checks(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    k_mmblk_pool_t *dyn = K_NULL;
    size_t used = heap_used();

    TT_ASSERT_ERR(tos_mmblk_pool_create_dyn(K_NULL, 2u, sizeof(void *)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmblk_pool_create_dyn(&dyn, 2u, sizeof(void *) + 1u),
                  K_ERR_MMBLK_INVALID_BLK_SIZE);
    TT_ASSERT_ERR(tos_mmblk_pool_create_dyn(&dyn, 2u, 0u), K_ERR_MMBLK_INVALID_BLK_SIZE);
    TT_ASSERT_ERR(tos_mmblk_pool_create_dyn(&dyn, 0u, sizeof(void *)),
                  K_ERR_MMBLK_INVALID_BLK_SIZE);
    TT_ASSERT_NULL(dyn);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0: no _dyn pools");
#endif
}

/* §40.35: when the pool buffer cannot be had, the control block is freed too. */
static void test_mmblk_create_dyn_frees_control_block_when_pool_alloc_fails(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    k_mmblk_pool_t *dyn = K_NULL;
    size_t used = heap_used();

    TT_ASSERT_ERR(tos_mmblk_pool_create_dyn(&dyn, TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE / 8u,
                                            16u * sizeof(void *)),
                  K_ERR_MMBLK_POOL_OUT_OF_MEMORY);
    TT_ASSERT_NULL(dyn);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0: no _dyn pools");
#endif
}

#if TOS_CFG_MMHEAP_EN > 0u
/* Enough slots to hold every 8-byte allocation of the default pool. */
static void *hog[TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE / 8u];
#endif

static void test_mmblk_create_dyn_out_of_memory_for_control_block(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    static const size_t sizes[] = {1024u, 128u, 16u, 1u};
    k_mmblk_pool_t *dyn = K_NULL;
    size_t used = heap_used();
    size_t n = 0u;
    size_t s;
    k_err_t err;

    /* Exhaust the heap with ever smaller blocks. */
    for (s = 0u; s < TOS_COUNT_OF(sizes); ++s) {
        while (n < TOS_COUNT_OF(hog) && (hog[n] = tos_mmheap_alloc(sizes[s])) != K_NULL) {
            ++n;
        }
    }
    err = tos_mmblk_pool_create_dyn(&dyn, 1u, sizeof(void *));
    while (n > 0u) {
        tos_mmheap_free(hog[--n]);
    }
    TT_ASSERT_ERR(err, K_ERR_MMBLK_OUT_OF_MEMORY);
    TT_ASSERT_NULL(dyn);
    TT_ASSERT_EQ(heap_used(), used);
#else
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0: no _dyn pools");
#endif
}

/* ---- ISR and scheduler lock ---------------------------------------------- */

static k_err_t isr_err[5];
static void *isr_blk;

static void isr_driver(void)
{
    k_mmblk_pool_t other;

    tos_knl_irq_enter();
    isr_err[0] = tos_mmblk_alloc(&mbp, &isr_blk);
    isr_err[1] = tos_mmblk_free(&mbp, isr_blk);
    isr_err[2] = tos_mmblk_alloc(&mbp, &isr_blk);
    isr_err[3] = tos_mmblk_pool_create(&other, pool, BLK_NUM, BLK_SIZE);
#if TOS_CFG_MMHEAP_EN > 0u
    {
        k_mmblk_pool_t *dyn = K_NULL;

        isr_err[4] = tos_mmblk_pool_create_dyn(&dyn, 1u, sizeof(void *));
    }
#else
    isr_err[4] = K_ERR_IN_IRQ;
#endif
    tos_knl_irq_leave();
}

static void test_mmblk_alloc_free_from_isr_create_refused(void)
{
    void *blk;

    tt_irq_connect(IRQ_LINE, isr_driver);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[1], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[2], K_ERR_NONE);
    TT_ASSERT_PTR_EQ(isr_blk, blk_addr(0u));
    TT_ASSERT_ERR(isr_err[3], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[4], K_ERR_IN_IRQ);
    /* The refused create did not rebuild the pool under the ISR's block. */
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM - 1u);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &blk), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(blk, blk_addr(1u));
}

static void test_mmblk_works_with_scheduler_locked(void)
{
    void *blk;

    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_alloc(&mbp, &blk), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmblk_free(&mbp, blk), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(mbp.blk_free, BLK_NUM);
}

TT_SUITE("mmblk", setup, teardown, TT_CASE(test_mmblk_macros),
         TT_CASE(test_mmblk_create_builds_address_ordered_chain),
         TT_CASE(test_mmblk_alloc_in_address_order_until_empty), TT_CASE(test_mmblk_free_is_lifo),
         TT_CASE(test_mmblk_blocks_are_disjoint), TT_CASE(test_mmblk_create_checks_in_order),
         TT_CASE(test_mmblk_create_rejects_null_pool_and_zero_geometry),
         TT_CASE(test_mmblk_alloc_rejects_null_result_pointer), TT_CASE(test_mmblk_free_null_args),
         TT_CASE(test_mmblk_double_free_detected_only_when_pool_full),
         TT_CASE(test_mmblk_destroy_clears_object), TT_CASE(test_mmblk_destroyed_pool_is_invalid),
         TT_CASE(test_mmblk_dyn_roundtrip_without_leak),
         TT_CASE(test_mmblk_dyn_static_destroy_mismatch), TT_CASE(test_mmblk_create_dyn_checks),
         TT_CASE(test_mmblk_create_dyn_frees_control_block_when_pool_alloc_fails),
         TT_CASE(test_mmblk_create_dyn_out_of_memory_for_control_block),
         TT_CASE(test_mmblk_alloc_free_from_isr_create_refused),
         TT_CASE(test_mmblk_works_with_scheduler_locked));
