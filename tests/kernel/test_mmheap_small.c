/*
 * mmheap suite for a class table sized for a small heap (docs/mmheap.md):
 * TOS_CFG_MMHEAP_FL_INDEX_MAX 12 (blocks up to 4 KiB), TOS_CFG_MMHEAP_
 * SL_INDEX_COUNT_LOG2 2 (four lists per power of two), TOS_CFG_MMHEAP_POOL_MAX
 * 1: the configuration of the footprint application "typical"
 * (bench/footprint/typical).
 *
 * The kernel library is compiled for the test configuration, so this file
 * compiles the allocator a second time, with these options and under names
 * of its own (the #defines below): the small heap lives beside the kernel's
 * and the suite runs in every configuration, also those without the heap.
 * Every case starts from an empty small heap and registers its own pool.
 *
 * heap_violation() is the layout oracle of both suites (mmheap_oracle.h),
 * written against the K_MMHEAP_* constants, so here it checks the small
 * table: every free block in the class its size maps to, bitmaps and lists
 * in agreement, nothing filed past the last row.
 */
#include "tos_config.h"

#undef TOS_CFG_MMHEAP_EN
#define TOS_CFG_MMHEAP_EN 1u
#undef TOS_CFG_MMHEAP_DEFAULT_POOL_EN
#define TOS_CFG_MMHEAP_DEFAULT_POOL_EN 0u
#undef TOS_CFG_MMHEAP_FL_INDEX_MAX
#define TOS_CFG_MMHEAP_FL_INDEX_MAX 12
#undef TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2
#define TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2 2
#undef TOS_CFG_MMHEAP_POOL_MAX
#define TOS_CFG_MMHEAP_POOL_MAX 1

/* The kernel's heap keeps its names; this copy gets others. */
#define k_mmheap_ctl             small_heap_ctl
#define tos_mmheap_pool_add      small_heap_pool_add
#define tos_mmheap_pool_rmv      small_heap_pool_rmv
#define tos_mmheap_alloc         small_heap_alloc
#define tos_mmheap_calloc        small_heap_calloc
#define tos_mmheap_aligned_alloc small_heap_aligned_alloc
#define tos_mmheap_realloc       small_heap_realloc
#define tos_mmheap_free          small_heap_free
#define tos_mmheap_pool_check    small_heap_pool_check
#define tos_mmheap_check         small_heap_check
#define mmheap_init              small_heap_init
#define mmheap_init_with_pool    small_heap_init_with_pool

#include "../../kernel/core/tos_mmheap.c"

#include "tt.h"
#include "tt_port.h"
#include "mmheap_oracle.h"

/* Smallest size of the last class: the top quarter below BLK_MAX. */
#define LAST_CLASS_MIN (BLK_MAX - (BLK_MAX >> (K_MMHEAP_SL_INDEX_COUNT_LOG2 + 1)))

/* Room for the largest pool the table accepts, and more (never handed over). */
static uint8_t pool[2u * 4096u + 256u] __ALIGNED__(64);

static void setup(void)
{
    mmheap_init();
}

/* ---- the table the options describe ----------------------------------------- */

static void test_mmheap_small_constants_follow_the_options(void)
{
    TT_ASSERT_EQ(K_MMHEAP_FL_INDEX_MAX, 12);
    TT_ASSERT_EQ(K_MMHEAP_SL_INDEX_COUNT_LOG2, 2);
    TT_ASSERT_EQ(K_MMHEAP_SL_INDEX_COUNT, 4);
    TT_ASSERT_EQ(K_MMHEAP_POOL_MAX, 1);
    TT_ASSERT_EQ(K_MMHEAP_FL_INDEX_SHIFT, 2 + K_MMHEAP_ALIGN_SIZE_LOG2);
    TT_ASSERT_EQ(K_MMHEAP_FL_INDEX_COUNT, 12 - K_MMHEAP_FL_INDEX_SHIFT + 1);
    TT_ASSERT_EQ(K_MMHEAP_SMALL_BLOCK_SIZE, 1 << K_MMHEAP_FL_INDEX_SHIFT);
    TT_ASSERT_EQ(BLK_MAX, 4096);
    TT_ASSERT_EQ(BLK_MIN, 3u * sizeof(void *));
    TT_ASSERT_EQ(sizeof(k_mmheap_ctl.sl_bitmap) / sizeof(uint32_t), K_MMHEAP_FL_INDEX_COUNT);
    TT_ASSERT_EQ(sizeof(k_mmheap_ctl.blocks) / sizeof(mmheap_blk_t *),
                 K_MMHEAP_FL_INDEX_COUNT * K_MMHEAP_SL_INDEX_COUNT);
    TT_ASSERT_EQ(sizeof(k_mmheap_ctl.pool_start) / sizeof(void *), 1);
    if (sizeof(void *) == 4u) {
        /* 9 rows of 4 lists: the control block of bench/footprint "typical". */
        TT_ASSERT_EQ(K_MMHEAP_FL_INDEX_COUNT, 9);
        TT_ASSERT_EQ(K_MMHEAP_SMALL_BLOCK_SIZE, 16);
        TT_ASSERT_EQ(sizeof(k_mmheap_ctl_t), 212);
    }
    TT_ASSERT_LE(sizeof(k_mmheap_ctl_t), IS_LP64 ? 512u : 256u);
}

/* ---- pool size limits and error codes --------------------------------------- */

static void test_mmheap_small_pool_size_limits(void)
{
    /* Above the largest block: refused before the memory is touched. */
    memset(pool, 0xEE, sizeof(pool));
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, POOL_FOR(BLK_MAX) + ALIGN),
                  K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 2u * 4096u), K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, (size_t)1u << 20), K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, SIZE_MAX), K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT(bytes_all(pool, sizeof(pool), 0xEE));
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);

    /* Below the minimum block. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, POOL_FOR(BLK_MIN) - 1u),
                  K_ERR_MMHEAP_INVALID_POOL_SIZE);
    /* The start address is checked before the size. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool + 1, 2u * 4096u), K_ERR_MMHEAP_INVALID_POOL_ADDR);
    TT_ASSERT_ERR(tos_mmheap_pool_add(K_NULL, 2u * 4096u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);

    /* The smallest pool. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, POOL_FOR(BLK_MIN)), K_ERR_NONE);
    EXPECT_POOL(pool, 0, BLK_MIN);
    TT_ASSERT_PTR_EQ(tos_mmheap_alloc(1), pool + OH);
    EXPECT_POOL(pool, BLK_MIN, 0);
    tos_mmheap_free(pool + OH);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool), K_ERR_NONE);

    /* Exactly the largest block, and the typical 4 KiB pool. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, POOL_FOR(BLK_MAX)), K_ERR_NONE);
    EXPECT_POOL(pool, 0, BLK_MAX);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 4096u), K_ERR_NONE);
    EXPECT_POOL(pool, 0, fresh(4096u));
    if (!IS_LP64) {
        EXPECT_POOL(pool, 0, 4088);
    }

    /* One pool is all the table holds: the count is checked first of all. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool + 4096u + 64u, 1024u), K_ERR_MMHEAP_POOL_OVERFLOW);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool + 4096u + 65u, SIZE_MAX), K_ERR_MMHEAP_POOL_OVERFLOW);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 4096u), K_ERR_MMHEAP_POOL_OVERFLOW);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 1);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool + 4096u + 64u), K_ERR_MMHEAP_POOL_NOT_EXIST);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool), K_ERR_NONE);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);
    TT_ASSERT_EQ(k_mmheap_ctl.fl_bitmap, 0);

    /* After the removal a pool fits again. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool + 4096u + 64u, 1024u), K_ERR_NONE);
    EXPECT_POOL(pool + 4096u + 64u, 0, fresh(1024u));
}

/* Requests the table cannot classify get NULL, and change nothing. */
static void test_mmheap_small_oversized_requests_fail_cleanly(void)
{
    size_t f = fresh(4096u);
    uint8_t *a;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 4096u), K_ERR_NONE);
    TT_ASSERT_NULL(tos_mmheap_alloc(0));
    TT_ASSERT_NULL(tos_mmheap_alloc(BLK_MAX));
    TT_ASSERT_NULL(tos_mmheap_alloc(BLK_MAX + 1u));
    TT_ASSERT_NULL(tos_mmheap_alloc((size_t)1u << 20));
    TT_ASSERT_NULL(tos_mmheap_alloc(SIZE_MAX));
    TT_ASSERT_NULL(tos_mmheap_calloc(1, BLK_MAX + 1u));
    TT_ASSERT_NULL(tos_mmheap_calloc(SIZE_MAX / 16u + 2u, 16));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(40, BLK_MAX));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(40, 2u * BLK_MAX));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(BLK_MAX + 1u, 64));
    EXPECT_POOL(pool, 0, f);

    a = tos_mmheap_alloc(96);
    TT_ASSERT_PTR_EQ(a, pool + OH);
    pattern_fill(a, 96, 1);
    TT_ASSERT_NULL(tos_mmheap_realloc(a, BLK_MAX + 1u));
    TT_ASSERT_NULL(tos_mmheap_realloc(a, (size_t)1u << 20));
    TT_ASSERT_NULL(tos_mmheap_realloc(a, f + ALIGN)); /* more than the pool, though classified */
    TT_ASSERT(pattern_ok(a, 96, 1));
    EXPECT_POOL(pool, 96, f - 96u - OH);
    tos_mmheap_free(a);
    EXPECT_POOL(pool, 0, f);
}

/*
 * A pool of exactly BLK_MAX usable bytes computes a class one row past the
 * table; it is filed in the last class, where the largest request that the
 * good fit lets through finds it.
 */
static void test_mmheap_small_maximal_block_is_filed_in_the_last_class(void)
{
    void *p;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, POOL_FOR(BLK_MAX)), K_ERR_NONE);
    TT_ASSERT_EQ(k_mmheap_ctl.fl_bitmap, 1u << (K_MMHEAP_FL_INDEX_COUNT - 1));
    TT_ASSERT_EQ(k_mmheap_ctl.sl_bitmap[K_MMHEAP_FL_INDEX_COUNT - 1],
                 1u << (K_MMHEAP_SL_INDEX_COUNT - 1));
    EXPECT_SOUND();

    TT_ASSERT_NULL(tos_mmheap_alloc(BLK_MAX));
    TT_ASSERT_NULL(tos_mmheap_alloc(LAST_CLASS_MIN + 1u));
    p = tos_mmheap_alloc(LAST_CLASS_MIN);
    TT_ASSERT_PTR_EQ(p, pool + OH);
    EXPECT_POOL(pool, LAST_CLASS_MIN, BLK_MAX - LAST_CLASS_MIN - OH);
    tos_mmheap_free(p);
    EXPECT_POOL(pool, 0, BLK_MAX);
    TT_ASSERT_EQ(pool_block_count(pool), 1);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool), K_ERR_NONE);
}

/*
 * Every request size from 1 byte to the whole pool, on a fresh 4 KiB pool:
 * granted exactly when the good fit's class lies inside the table, with
 * §28.2 accounting, and the split remainder filed in its class (oracle).
 */
static void test_mmheap_small_every_request_size(void)
{
    size_t f = fresh(4096u);
    size_t n, got, search;
    uint8_t *p;
    int bit;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 4096u), K_ERR_NONE);
    for (n = 1u; n <= f + ALIGN; ++n) {
        got = (n + ALIGN - 1u) & ~(ALIGN - 1u);
        got = got < BLK_MIN ? BLK_MIN : got;
        search = got;
        if (search >= (size_t)K_MMHEAP_SMALL_BLOCK_SIZE) {
            bit = oracle_fls(search);
            search += ((size_t)1u << (bit - K_MMHEAP_SL_INDEX_COUNT_LOG2)) - 1u;
        }
        p = tos_mmheap_alloc(n);
        if (search >= BLK_MAX) {
            TT_ASSERT_NULL(p);
            EXPECT_POOL(pool, 0, f);
        } else {
            TT_ASSERT_PTR_EQ(p, pool + OH);
            if (f - got >= sizeof(mmheap_blk_t)) {
                EXPECT_POOL(pool, got, f - got - OH);
            } else {
                EXPECT_POOL(pool, f, 0);
            }
            tos_mmheap_free(p);
            EXPECT_POOL(pool, 0, f);
        }
    }
}

/*
 * §28.2 good fit with four lists per power of two: from 1024 up the class
 * step is 256 bytes, so a 1104-byte block (class 1024..1279) is passed over
 * for 1025 bytes, which search from 1280.
 */
static void test_mmheap_small_good_fit_uses_the_coarser_classes(void)
{
    void *p;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, POOL_FOR(1104)), K_ERR_NONE);
    TT_ASSERT_NULL(tos_mmheap_alloc(1025));
    TT_ASSERT_NULL(tos_mmheap_alloc(1104));
    p = tos_mmheap_alloc(1024);
    TT_ASSERT_PTR_EQ(p, pool + OH);
    EXPECT_POOL(pool, 1024, 1104u - 1024u - OH);
    tos_mmheap_free(p);
    /* Below 1024 the step is 128: 1000 searches from 1127, the class of the block. */
    p = tos_mmheap_alloc(1000);
    TT_ASSERT_PTR_EQ(p, pool + OH);
    tos_mmheap_free(p);
    EXPECT_POOL(pool, 0, 1104);
}

/* Small blocks until nothing is left, then back to one free block. */
static void test_mmheap_small_exhaustion_and_coalescing(void)
{
    static void *blocks[4096u / 16u];
    size_t f = fresh(4096u);
    unsigned n = 0u;
    unsigned i;
    k_mmheap_info_t info;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 4096u), K_ERR_NONE);
    while (n < TOS_COUNT_OF(blocks) && (blocks[n] = tos_mmheap_alloc(BLK_MIN)) != K_NULL) {
        pattern_fill(blocks[n], BLK_MIN, (uint8_t)n);
        ++n;
    }
    TT_ASSERT_LT(n, TOS_COUNT_OF(blocks));
    TT_ASSERT_EQ(n, f / (BLK_MIN + OH) + (f % (BLK_MIN + OH) >= BLK_MIN ? 1u : 0u));
    TT_ASSERT_ERR(tos_mmheap_pool_check(pool, &info), K_ERR_NONE);
    TT_ASSERT_EQ(info.free, 0);
    TT_ASSERT_EQ(info.used + (n - 1u) * OH, f);
    EXPECT_SOUND();

    /* Every other block, then the rest: each free merges with its neighbours. */
    for (i = 0u; i < n; i += 2u) {
        TT_ASSERT(pattern_ok(blocks[i], BLK_MIN, (uint8_t)i));
        tos_mmheap_free(blocks[i]);
    }
    EXPECT_SOUND();
    for (i = 1u; i < n; i += 2u) {
        TT_ASSERT(pattern_ok(blocks[i], BLK_MIN, (uint8_t)i));
        tos_mmheap_free(blocks[i]);
    }
    EXPECT_POOL(pool, 0, f);
    TT_ASSERT_EQ(pool_block_count(pool), 1);
}

/* realloc in place and moving, aligned_alloc and calloc in the small table. */
static void test_mmheap_small_realloc_aligned_calloc(void)
{
    size_t f = fresh(4096u);
    uint8_t *a, *b, *p;
    size_t align;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 4096u), K_ERR_NONE);
    a = tos_mmheap_alloc(64);
    pattern_fill(a, 64, 2);
    p = tos_mmheap_realloc(a, 600); /* grows into the free tail */
    TT_ASSERT_PTR_EQ(p, a);
    TT_ASSERT(pattern_ok(p, 64, 2));
    b = tos_mmheap_alloc(32);
    p = tos_mmheap_realloc(a, 1500); /* must move behind b */
    TT_ASSERT_NOT_NULL(p);
    TT_ASSERT(p > b);
    TT_ASSERT(pattern_ok(p, 64, 2));
    p = tos_mmheap_realloc(p, 100); /* shrinks in place */
    TT_ASSERT(pattern_ok(p, 64, 2));
    EXPECT_SOUND();
    tos_mmheap_free(p);
    tos_mmheap_free(b);
    EXPECT_POOL(pool, 0, f);

    for (align = 2u * ALIGN; align <= 1024u; align <<= 1) {
        p = tos_mmheap_aligned_alloc(40, align);
        TT_ASSERT_NOT_NULL(p);
        TT_ASSERT_EQ((uintptr_t)p % align, 0);
        EXPECT_SOUND();
        tos_mmheap_free(p);
        EXPECT_POOL(pool, 0, f);
    }

    p = tos_mmheap_alloc(64);
    memset(p, 0xA5, 64);
    tos_mmheap_free(p);
    p = tos_mmheap_calloc(8, 8);
    TT_ASSERT_PTR_EQ(p, pool + OH);
    TT_ASSERT(bytes_all(p, 64, 0));
    tos_mmheap_free(p);
    EXPECT_POOL(pool, 0, f);
}

/* Random operations with the oracle after each one; exact accounting throughout. */
#define STRESS_SLOTS 24u
#define STRESS_STEPS 2000u

static uint8_t *stress_ptr[STRESS_SLOTS];
static size_t stress_len[STRESS_SLOTS];

static const struct oracle_stress stress = {stress_ptr, stress_len, 100u, 1500u, 7u};

static void test_mmheap_small_random_stress_fixed_seed(void)
{
    size_t f = fresh(4096u);
    uint32_t rng = 4096u;
    unsigned step, i, granted = 0u;
    k_mmheap_info_t info;

    memset(stress_ptr, 0, sizeof(stress_ptr));
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 4096u), K_ERR_NONE);
    for (step = 0u; step < STRESS_STEPS; ++step) {
        i = rng_next(&rng) % STRESS_SLOTS;
        oracle_stress_step(&stress, i, &rng);
        granted += stress_ptr[i] != K_NULL ? 1u : 0u;
        EXPECT_SOUND();
        TT_ASSERT_ERR(tos_mmheap_check(&info), K_ERR_NONE);
        TT_ASSERT_EQ(info.used + info.free + (pool_block_count(pool) - 1u) * OH, f);
    }
    TT_ASSERT_GT(granted, STRESS_STEPS / 4u);
    for (i = 0u; i < STRESS_SLOTS; ++i) {
        if (stress_ptr[i] != K_NULL) {
            TT_ASSERT(pattern_ok(stress_ptr[i], stress_len[i], (uint8_t)i));
            tos_mmheap_free(stress_ptr[i]);
        }
    }
    EXPECT_POOL(pool, 0, f);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool), K_ERR_NONE);
}

/* The small heap masks interrupts like the big one: an ISR may allocate. */
#define IRQ_SMALL 5u

static void *volatile isr_block;

static void isr_alloc_free(void)
{
    tos_knl_irq_enter();
    isr_block = tos_mmheap_alloc(48);
    tos_mmheap_free(tos_mmheap_alloc(200));
    tos_knl_irq_leave();
}

static void test_mmheap_small_alloc_from_isr(void)
{
    size_t f = fresh(4096u);

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool, 4096u), K_ERR_NONE);
    isr_block = K_NULL;
    tt_irq_connect(IRQ_SMALL, isr_alloc_free);
    tt_irq_raise(IRQ_SMALL);
    TT_ASSERT_PTR_EQ(isr_block, pool + OH);
    EXPECT_POOL(pool, 48, f - 48u - OH);
    tos_mmheap_free(isr_block);
    EXPECT_POOL(pool, 0, f);
}

/* clang-format off */
TT_SUITE("mmheap_small", setup, K_NULL,
         TT_CASE(test_mmheap_small_constants_follow_the_options),
         TT_CASE(test_mmheap_small_pool_size_limits),
         TT_CASE(test_mmheap_small_oversized_requests_fail_cleanly),
         TT_CASE(test_mmheap_small_maximal_block_is_filed_in_the_last_class),
         TT_CASE(test_mmheap_small_every_request_size),
         TT_CASE(test_mmheap_small_good_fit_uses_the_coarser_classes),
         TT_CASE(test_mmheap_small_exhaustion_and_coalescing),
         TT_CASE(test_mmheap_small_realloc_aligned_calloc),
         TT_CASE(test_mmheap_small_random_stress_fixed_seed),
         TT_CASE(test_mmheap_small_alloc_from_isr));
/* clang-format on */
