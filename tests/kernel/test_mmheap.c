/*
 * mmheap suite (contract §28, §40.41-43).
 *
 * Every case runs on a private heap: setup saves the kernel's heap control
 * block and empties it, the case registers its own pools, and teardown puts
 * the saved control block back. The default pool is never touched by a case
 * (it is not registered meanwhile), so restoring the control block restores
 * the kernel's heap exactly, even after a failed case.
 *
 * Exact accounting (§28.2) is asserted with the layout formulas, and with
 * literal numbers on 64-bit hosts where the formulas could share a mistake.
 * After each heap-changing step heap_violation() (mmheap_oracle.h) walks
 * every pool and every free list and reports the first broken invariant of
 * the TLSF layout.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_MMHEAP_EN > 0u

#include "mmheap_oracle.h"

#define HDR (sizeof(mmheap_blk_t))

#define STK_SIZE 1024u

static uint8_t pool_a[4096] __ALIGNED__(256);
static uint8_t pool_b[4096] __ALIGNED__(256);
static uint8_t pool_c[1024] __ALIGNED__(256);
static uint8_t pool_big[16384] __ALIGNED__(256);

static k_mmheap_ctl_t saved_ctl;

/* §28.2: payload a request of n bytes receives (when the block is split). */
static size_t adj(size_t n)
{
    n = (n + ALIGN - 1u) & ~(ALIGN - 1u);
    return n < BLK_MIN ? BLK_MIN : n;
}

static void setup(void)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    saved_ctl = k_mmheap_ctl;
    TOS_CPU_INT_ENABLE();
    mmheap_init();
}

static void teardown(void)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    k_mmheap_ctl = saved_ctl;
    TOS_CPU_INT_ENABLE();
}

/* ---- constants, types, init ------------------------------------------------ */

static void test_mmheap_constants_match_contract(void)
{
    TT_ASSERT_EQ(K_MMHEAP_SL_INDEX_COUNT_LOG2, 5);
    TT_ASSERT_EQ(K_MMHEAP_ALIGN_SIZE, 1 << K_MMHEAP_ALIGN_SIZE_LOG2);
    TT_ASSERT_EQ(K_MMHEAP_FL_INDEX_MAX, 30);
    TT_ASSERT_EQ(K_MMHEAP_SL_INDEX_COUNT, 32);
    TT_ASSERT_EQ(K_MMHEAP_FL_INDEX_SHIFT, 5 + K_MMHEAP_ALIGN_SIZE_LOG2);
    TT_ASSERT_EQ(K_MMHEAP_FL_INDEX_COUNT, 30 - K_MMHEAP_FL_INDEX_SHIFT + 1);
    TT_ASSERT_EQ(K_MMHEAP_SMALL_BLOCK_SIZE, 1 << K_MMHEAP_FL_INDEX_SHIFT);
    TT_ASSERT_EQ(K_MMHEAP_BLOCK_CURR_FREE, 1);
    TT_ASSERT_EQ(K_MMHEAP_BLOCK_PREV_FREE, 2);
    TT_ASSERT_EQ(K_MMHEAP_BLOCK_SIZE_MASK, ~3);
    TT_ASSERT_EQ(K_MMHEAP_BLOCK_STATE_MASK, 3);
    TT_ASSERT_EQ(K_MMHEAP_BLK_SIZE_MIN, 3u * sizeof(void *));
    TT_ASSERT_EQ(K_MMHEAP_BLK_SIZE_MAX, 1L << 30);
    TT_ASSERT_EQ(K_MMHEAP_BLK_HEADER_OVERHEAD, sizeof(size_t));
    TT_ASSERT_EQ(K_MMHEAP_BLK_START_OFFSET, sizeof(void *) + sizeof(size_t));
    TT_ASSERT_EQ(K_MMHEAP_POOL_MAX, 3);
    if (sizeof(void *) == 4u) {
        TT_ASSERT_EQ(K_MMHEAP_ALIGN_SIZE, 4);
        TT_ASSERT_EQ(K_MMHEAP_FL_INDEX_COUNT, 24);
        TT_ASSERT_EQ(K_MMHEAP_SMALL_BLOCK_SIZE, 128);
        TT_ASSERT_EQ(K_MMHEAP_BLK_SIZE_MIN, 12);
    }

    /* Member order (§28.1). */
    TT_ASSERT_EQ(offsetof(mmheap_blk_t, prev_phys_blk), 0);
    TT_ASSERT_LT(offsetof(mmheap_blk_t, prev_phys_blk), offsetof(mmheap_blk_t, size));
    TT_ASSERT_LT(offsetof(mmheap_blk_t, size), offsetof(mmheap_blk_t, next_free));
    TT_ASSERT_LT(offsetof(mmheap_blk_t, next_free), offsetof(mmheap_blk_t, prev_free));
    TT_ASSERT_EQ(offsetof(k_mmheap_ctl_t, pool_cnt), 0);
    TT_ASSERT_LT(offsetof(k_mmheap_ctl_t, pool_cnt), offsetof(k_mmheap_ctl_t, pool_start));
    TT_ASSERT_LT(offsetof(k_mmheap_ctl_t, pool_start), offsetof(k_mmheap_ctl_t, block_null));
    TT_ASSERT_LT(offsetof(k_mmheap_ctl_t, block_null), offsetof(k_mmheap_ctl_t, fl_bitmap));
    TT_ASSERT_LT(offsetof(k_mmheap_ctl_t, fl_bitmap), offsetof(k_mmheap_ctl_t, sl_bitmap));
    TT_ASSERT_LT(offsetof(k_mmheap_ctl_t, sl_bitmap), offsetof(k_mmheap_ctl_t, blocks));
    TT_ASSERT_EQ(sizeof(k_mmheap_ctl.sl_bitmap) / sizeof(uint32_t), K_MMHEAP_FL_INDEX_COUNT);
    TT_ASSERT_EQ(sizeof(k_mmheap_ctl.blocks) / sizeof(mmheap_blk_t *),
                 K_MMHEAP_FL_INDEX_COUNT * K_MMHEAP_SL_INDEX_COUNT);
}

typedef struct wide_st {
    char tag;
    void *ptr;
    uint64_t ticks;
} wide_t;

/* §40.42: payloads are aligned to max(4, sizeof(void *)). */
static void test_mmheap_alignment_is_pointer_width(void)
{
    wide_t *w[40];
    size_t i;

    TT_ASSERT_EQ(K_MMHEAP_ALIGN_SIZE, sizeof(void *) > 4u ? sizeof(void *) : 4u);
    TT_ASSERT_EQ(K_MMHEAP_ALIGN_SIZE_LOG2, IS_LP64 ? 3 : 2);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_big, sizeof(pool_big)), K_ERR_NONE);
    for (i = 0u; i < TOS_COUNT_OF(w); ++i) {
        /* Odd request sizes would drift the payloads if sizes were rounded to 4 only. */
        w[i] = tos_mmheap_alloc(sizeof(wide_t) + i * 3u + 1u);
        TT_ASSERT_NOT_NULL(w[i]);
        TT_ASSERT_EQ((uintptr_t)w[i] % ALIGN, 0);
        TT_ASSERT_EQ((uintptr_t)w[i] % sizeof(void *), 0);
        w[i]->ptr = w[i];
        w[i]->ticks = (uint64_t)i << 40;
    }
    for (i = 0u; i < TOS_COUNT_OF(w); ++i) {
        TT_ASSERT_PTR_EQ(w[i]->ptr, w[i]);
        TT_ASSERT_EQ(w[i]->ticks >> 40, i);
        tos_mmheap_free(w[i]);
    }
    EXPECT_POOL(pool_big, 0, fresh(sizeof(pool_big)));
}

#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
/* tos_knl_init registered k_mmheap_default_pool as one fresh pool (§9.2, §28.2). */
static void test_mmheap_default_pool_registered_by_knl_init(void)
{
    TOS_CPU_CPSR_ALLOC();
    k_mmheap_ctl_t private_ctl;
    k_mmheap_info_t info;
    k_err_t err;

    TT_ASSERT_EQ(saved_ctl.pool_cnt, 1);
    TT_ASSERT_PTR_EQ(saved_ctl.pool_start[0], k_mmheap_default_pool);
    TT_ASSERT_EQ(saved_ctl.pool_size[0], TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE);
    TT_ASSERT_EQ((uintptr_t)k_mmheap_default_pool % ALIGN, 0);

    /* Look at the kernel's heap itself for a moment. */
    TOS_CPU_INT_DISABLE();
    private_ctl = k_mmheap_ctl;
    k_mmheap_ctl = saved_ctl;
    err = tos_mmheap_pool_check(k_mmheap_default_pool, &info);
    TOS_CPU_INT_ENABLE();
    TT_ASSERT_ERR(err, K_ERR_NONE);
    TT_ASSERT_EQ(info.used, 0);
    TT_ASSERT_EQ(info.free, fresh(TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE));
    if (IS_LP64 && TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE == 0x8000u) {
        TT_ASSERT_EQ(info.free, 32752);
    }
    EXPECT_SOUND();

    TOS_CPU_INT_DISABLE();
    k_mmheap_ctl = private_ctl;
    TOS_CPU_INT_ENABLE();
}
#endif

static void test_mmheap_init_with_pool_resets_heap(void)
{
    k_mmheap_info_t info;

    TT_ASSERT_ERR(mmheap_init_with_pool(pool_a, sizeof(pool_a)), K_ERR_NONE);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 1);
    EXPECT_POOL(pool_a, 0, fresh(sizeof(pool_a)));
    TT_ASSERT_NOT_NULL(tos_mmheap_alloc(100));

    /* Starts over: pool_a is forgotten, including its allocation. */
    TT_ASSERT_ERR(mmheap_init_with_pool(pool_b, sizeof(pool_b)), K_ERR_NONE);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 1);
    TT_ASSERT_PTR_EQ(k_mmheap_ctl.pool_start[0], pool_b);
    TT_ASSERT_ERR(tos_mmheap_pool_check(pool_a, &info), K_ERR_MMHEAP_POOL_NOT_EXIST);
    EXPECT_POOL(pool_b, 0, fresh(sizeof(pool_b)));

    TT_ASSERT_ERR(mmheap_init_with_pool(K_NULL, sizeof(pool_b)), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);

    mmheap_init();
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);
    TT_ASSERT_EQ(k_mmheap_ctl.fl_bitmap, 0);
    TT_ASSERT_NULL(tos_mmheap_alloc(16));
    TT_ASSERT_ERR(tos_mmheap_check(&info), K_ERR_NONE);
    TT_ASSERT_EQ(info.used, 0);
    TT_ASSERT_EQ(info.free, 0);
    EXPECT_SOUND();
}

/* ---- accounting and layout (§28.2) ----------------------------------------- */

static void test_mmheap_fresh_pool_accounting(void)
{
    k_mmheap_info_t info;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    EXPECT_POOL(pool_a, 0, fresh(sizeof(pool_a)));
    if (IS_LP64) {
        EXPECT_POOL(pool_a, 0, 4080);
    } else {
        EXPECT_POOL(pool_a, 0, 4088);
    }
    TT_ASSERT_EQ(pool_block_count(pool_a), 1);

    /* A size that is not a multiple of the alignment is rounded down. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b, 1000u + 2u * OH + ALIGN - 1u), K_ERR_NONE);
    EXPECT_POOL(pool_b, 0, 1000);

    TT_ASSERT_ERR(tos_mmheap_check(&info), K_ERR_NONE);
    TT_ASSERT_EQ(info.used, 0);
    TT_ASSERT_EQ(info.free, fresh(sizeof(pool_a)) + 1000u);
}

static void test_mmheap_alloc_accounting_and_layout(void)
{
    size_t f = fresh(sizeof(pool_a));
    uint8_t *p1, *p2, *p3;
    k_mmheap_info_t info;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);

    p1 = tos_mmheap_alloc(1);
    TT_ASSERT_PTR_EQ(p1, pool_a + OH); /* first payload right after one header word */
    EXPECT_POOL(pool_a, BLK_MIN, f - BLK_MIN - OH);

    p2 = tos_mmheap_alloc(100);
    TT_ASSERT_PTR_EQ(p2, p1 + BLK_MIN + OH);
    EXPECT_POOL(pool_a, BLK_MIN + adj(100), f - BLK_MIN - adj(100) - 2u * OH);

    p3 = tos_mmheap_alloc(300);
    TT_ASSERT_PTR_EQ(p3, p2 + adj(100) + OH);
    EXPECT_POOL(pool_a, BLK_MIN + adj(100) + adj(300), f - BLK_MIN - adj(100) - adj(300) - 3u * OH);
    if (IS_LP64) {
        EXPECT_POOL(pool_a, 24 + 104 + 304, 4080 - 432 - 24);
    }
    TT_ASSERT_EQ(pool_block_count(pool_a), 4);

    TT_ASSERT_ERR(tos_mmheap_check(&info), K_ERR_NONE);
    TT_ASSERT_EQ(info.used, BLK_MIN + adj(100) + adj(300));

    tos_mmheap_free(p2);
    tos_mmheap_free(p1);
    tos_mmheap_free(p3);
    EXPECT_POOL(pool_a, 0, f);
    TT_ASSERT_EQ(pool_block_count(pool_a), 1);
}

static void test_mmheap_alloc_zero_and_oversized_return_null(void)
{
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    TT_ASSERT_NULL(tos_mmheap_alloc(0));
    TT_ASSERT_NULL(tos_mmheap_alloc(BLK_MAX + 1u));
    TT_ASSERT_NULL(tos_mmheap_alloc(BLK_MAX)); /* allowed size, but no pool holds it */
    TT_ASSERT_NULL(tos_mmheap_alloc(SIZE_MAX));
    TT_ASSERT_NULL(tos_mmheap_alloc(SIZE_MAX - ALIGN + 2u)); /* would wrap when aligned */
    TT_ASSERT_NULL(tos_mmheap_alloc(sizeof(pool_a)));
    EXPECT_POOL(pool_a, 0, fresh(sizeof(pool_a)));
}

static void test_mmheap_alloc_exhaustion_returns_null(void)
{
    void *blocks[80];
    unsigned n = 0u;
    unsigned i;
    void *whole;

    /* A payload of 1024 is a class boundary, so the whole block can be asked for. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b, POOL_FOR(1024)), K_ERR_NONE);
    whole = tos_mmheap_alloc(1024);
    TT_ASSERT_PTR_EQ(whole, pool_b + OH);
    EXPECT_POOL(pool_b, 1024, 0);
    TT_ASSERT_NULL(tos_mmheap_alloc(1));
    tos_mmheap_free(whole);
    EXPECT_POOL(pool_b, 0, 1024);
    TT_ASSERT_NULL(tos_mmheap_alloc(1024u + ALIGN));

    /* Small blocks until nothing is left: every free byte ends up used. */
    while (n < TOS_COUNT_OF(blocks) && (blocks[n] = tos_mmheap_alloc(BLK_MIN)) != K_NULL) {
        ++n;
    }
    TT_ASSERT_LT(n, TOS_COUNT_OF(blocks));
    TT_ASSERT_EQ(n, 1024u / (BLK_MIN + OH) + (1024u % (BLK_MIN + OH) >= BLK_MIN ? 1u : 0u));
    {
        k_mmheap_info_t info;

        TT_ASSERT_ERR(tos_mmheap_pool_check(pool_b, &info), K_ERR_NONE);
        TT_ASSERT_EQ(info.free, 0);
        TT_ASSERT_EQ(info.used + (n - 1u) * OH, 1024);
    }
    for (i = 0u; i < n; ++i) {
        tos_mmheap_free(blocks[i]);
    }
    EXPECT_POOL(pool_b, 0, 1024);
}

/*
 * §28.2 good fit: requests of SMALL_BLOCK_SIZE and more search from the next
 * class boundary up, so a block that would fit exactly can be passed over.
 * With 32 steps per power of two, the class step at 1024 is 32 bytes.
 */
static void test_mmheap_good_fit_rounds_large_requests_up(void)
{
    /* The largest block whose remainder after 1024 bytes cannot hold a block. */
    const size_t blk = 1024u + OH + BLK_MIN - ALIGN;
    void *p;

    TT_ASSERT_LT(blk, 1056u); /* 1048 on LP64, 1036 on 32-bit CPUs */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b, POOL_FOR(blk)), K_ERR_NONE);
    TT_ASSERT_NULL(tos_mmheap_alloc(blk)); /* good fit searches from 1056 up */
    TT_ASSERT_NULL(tos_mmheap_alloc(1025));
    p = tos_mmheap_alloc(1024);
    TT_ASSERT_NOT_NULL(p);
    /* blk - 1024 cannot hold a block: the whole block is handed out. */
    EXPECT_POOL(pool_b, blk, 0);
    tos_mmheap_free(p);
    EXPECT_POOL(pool_b, 0, blk);
}

/* §28.2: split only when the remainder can stand as a block of its own. */
static void test_mmheap_split_only_when_remainder_fits(void)
{
    size_t f = 96u; /* below the small-block limit: no good-fit rounding */
    void *p;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, POOL_FOR(f)), K_ERR_NONE);
    p = tos_mmheap_alloc(f - HDR);
    TT_ASSERT_NOT_NULL(p);
    EXPECT_POOL(pool_c, f - HDR, f - (f - HDR) - OH); /* remainder of exactly BLK_MIN */
    EXPECT_POOL(pool_c, f - HDR, BLK_MIN);
    tos_mmheap_free(p);

    p = tos_mmheap_alloc(f - HDR + ALIGN);
    TT_ASSERT_NOT_NULL(p);
    EXPECT_POOL(pool_c, f, 0);
    tos_mmheap_free(p);
    EXPECT_POOL(pool_c, 0, f);
}

/* ---- free and coalescing --------------------------------------------------- */

static void test_mmheap_free_coalesces_neighbours(void)
{
    size_t f = fresh(sizeof(pool_a));
    size_t tail = f - 3u * 64u - 3u * OH;
    void *a, *b, *c;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    a = tos_mmheap_alloc(64);
    b = tos_mmheap_alloc(64);
    c = tos_mmheap_alloc(64);
    TT_ASSERT(a != K_NULL && b != K_NULL && c != K_NULL);
    EXPECT_POOL(pool_a, 3u * 64u, tail);

    tos_mmheap_free(b); /* both neighbours used: no merge */
    EXPECT_POOL(pool_a, 2u * 64u, 64u + tail);
    TT_ASSERT_EQ(pool_block_count(pool_a), 4);

    tos_mmheap_free(a); /* merges with its free successor b: one header comes back */
    EXPECT_POOL(pool_a, 64u, 64u + OH + 64u + tail);
    TT_ASSERT_EQ(pool_block_count(pool_a), 3);

    tos_mmheap_free(c); /* merges with both sides */
    EXPECT_POOL(pool_a, 0, f);
    TT_ASSERT_EQ(pool_block_count(pool_a), 1);

    /* The other way round: merge with a free predecessor. */
    a = tos_mmheap_alloc(64);
    b = tos_mmheap_alloc(64);
    c = tos_mmheap_alloc(64);
    tos_mmheap_free(a);
    tos_mmheap_free(b);
    EXPECT_POOL(pool_a, 64u, 64u + OH + 64u + tail);
    tos_mmheap_free(c);
    EXPECT_POOL(pool_a, 0, f);
}

/* §28.2: within one size class the most recently freed block is reused first. */
static void test_mmheap_free_lists_are_lifo_within_a_class(void)
{
    void *a, *b, *c, *d;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    a = tos_mmheap_alloc(32);
    TT_ASSERT_NOT_NULL(tos_mmheap_alloc(32)); /* keeps a and b apart */
    b = tos_mmheap_alloc(32);
    TT_ASSERT_NOT_NULL(tos_mmheap_alloc(32)); /* keeps b off the tail */
    tos_mmheap_free(a);
    tos_mmheap_free(b);
    c = tos_mmheap_alloc(32);
    d = tos_mmheap_alloc(32);
    TT_ASSERT_PTR_EQ(c, b);
    TT_ASSERT_PTR_EQ(d, a);
    EXPECT_SOUND();
}

/*
 * Many sizes until the pool is full, every block carrying its own pattern;
 * free every other block, refill the holes, then free everything: the pool
 * must end as the single fresh block again.
 */
#define FRAG_MAX 512u
static void *frag_ptr[FRAG_MAX];
static size_t frag_len[FRAG_MAX];

static void test_mmheap_fragmentation_coalesces_back_to_one_block(void)
{
    size_t f = fresh(sizeof(pool_big));
    unsigned n = 0u;
    unsigned i;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_big, sizeof(pool_big)), K_ERR_NONE);
    for (;;) {
        frag_len[n] = 1u + (n * 37u) % 300u;
        frag_ptr[n] = tos_mmheap_alloc(frag_len[n]);
        if (frag_ptr[n] == K_NULL || n + 1u == FRAG_MAX) {
            break;
        }
        pattern_fill(frag_ptr[n], frag_len[n], (uint8_t)n);
        ++n;
    }
    TT_ASSERT_GT(n, 50);
    TT_ASSERT_LT(n, FRAG_MAX - 1u);
    EXPECT_SOUND();

    for (i = 1u; i < n; i += 2u) {
        TT_ASSERT(pattern_ok(frag_ptr[i], frag_len[i], (uint8_t)i));
        tos_mmheap_free(frag_ptr[i]);
    }
    EXPECT_SOUND();
    for (i = 1u; i < n; i += 2u) {
        frag_len[i] = 1u + i % BLK_MIN;
        frag_ptr[i] = tos_mmheap_alloc(frag_len[i]);
        TT_ASSERT_NOT_NULL(frag_ptr[i]); /* a minimum block fits every hole */
        pattern_fill(frag_ptr[i], frag_len[i], (uint8_t)(i + 100u));
    }
    EXPECT_SOUND();
    for (i = 0u; i < n; ++i) {
        TT_ASSERT(pattern_ok(frag_ptr[i], frag_len[i], (uint8_t)(i % 2u != 0u ? i + 100u : i)));
        tos_mmheap_free(frag_ptr[i]);
    }
    EXPECT_POOL(pool_big, 0, f);
    TT_ASSERT_EQ(pool_block_count(pool_big), 1);
}

/* ---- calloc ---------------------------------------------------------------- */

static void test_mmheap_calloc_zero_fills(void)
{
    uint8_t *p;
    uint8_t zero[64];
    size_t f = fresh(sizeof(pool_a));

    memset(zero, 0, sizeof(zero));
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    p = tos_mmheap_alloc(64);
    memset(p, 0xA5, 64);
    tos_mmheap_free(p);

    p = tos_mmheap_calloc(8, 8); /* the same, dirty block comes back */
    TT_ASSERT_PTR_EQ(p, pool_a + OH);
    TT_ASSERT_MEM_EQ(p, zero, 64);
    EXPECT_POOL(pool_a, 64, f - 64u - OH);
    tos_mmheap_free(p);

    TT_ASSERT_NULL(tos_mmheap_calloc(0, 8));
    TT_ASSERT_NULL(tos_mmheap_calloc(8, 0));
    TT_ASSERT_NULL(tos_mmheap_calloc(1, BLK_MAX + 1u));
    EXPECT_POOL(pool_a, 0, f);
}

/* §40.43 fix: num * size overflowing size_t must not yield a small block. */
static void test_mmheap_calloc_rejects_overflowing_product(void)
{
    size_t f = fresh(sizeof(pool_a));

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    /* (SIZE_MAX / 16 + 2) * 16 wraps around to 16. */
    TT_ASSERT_NULL(tos_mmheap_calloc(SIZE_MAX / 16u + 2u, 16));
    TT_ASSERT_NULL(tos_mmheap_calloc(16, SIZE_MAX / 16u + 2u));
    TT_ASSERT_NULL(tos_mmheap_calloc(SIZE_MAX, SIZE_MAX));
    TT_ASSERT_NULL(tos_mmheap_calloc((size_t)1u << (sizeof(size_t) * 4u),
                                     ((size_t)1u << (sizeof(size_t) * 4u)) + 1u));
    EXPECT_POOL(pool_a, 0, f);
    TT_ASSERT_NOT_NULL(tos_mmheap_calloc(1, 16)); /* a sane product still works */
}

/* ---- aligned_alloc ----------------------------------------------------------- */

static void test_mmheap_aligned_alloc_alignment_and_accounting(void)
{
    size_t f = fresh(sizeof(pool_a));
    size_t pre_len = 64u - ALIGN - 2u * OH; /* puts the next payload ALIGN below a 64 boundary */
    uint8_t *p, *pre;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);

    /* Up to the heap's own alignment it is plain alloc. */
    TT_ASSERT_PTR_EQ(p = tos_mmheap_aligned_alloc(40, 1), pool_a + OH);
    tos_mmheap_free(p);
    TT_ASSERT_PTR_EQ(p = tos_mmheap_aligned_alloc(40, ALIGN), pool_a + OH);
    tos_mmheap_free(p);
    EXPECT_POOL(pool_a, 0, f);

    /* Fresh pool: the payload moves from pool_a + OH to pool_a + 64; the gap is a free block. */
    p = tos_mmheap_aligned_alloc(40, 64);
    TT_ASSERT_PTR_EQ(p, pool_a + 64);
    EXPECT_POOL(pool_a, adj(40), f - adj(40) - 2u * OH);
    TT_ASSERT_EQ(pool_block_count(pool_a), 3);
    tos_mmheap_free(p);
    EXPECT_POOL(pool_a, 0, f);

    /* A gap too small for a free block moves on by one more alignment step. */
    pre = tos_mmheap_alloc(pre_len);
    TT_ASSERT_PTR_EQ(pre + pre_len + OH, pool_a + 64u - ALIGN);
    p = tos_mmheap_aligned_alloc(40, 64);
    TT_ASSERT_PTR_EQ(p, pool_a + 128);
    EXPECT_POOL(pool_a, adj(pre_len) + adj(40), f - adj(pre_len) - adj(40) - 3u * OH);
    TT_ASSERT_EQ(pool_block_count(pool_a), 4);
    tos_mmheap_free(p);
    tos_mmheap_free(pre);
    EXPECT_POOL(pool_a, 0, f);
}

/* Every alignment from 2 * ALIGN to 2 KiB after differently sized predecessors. */
static void test_mmheap_aligned_alloc_sweep(void)
{
    size_t f = fresh(sizeof(pool_a));
    size_t align, pre_len;
    uint8_t *p, *pre;
    k_mmheap_info_t info;
    unsigned blocks;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    for (align = 2u * ALIGN; align <= 2048u; align <<= 1) {
        for (pre_len = BLK_MIN; pre_len <= BLK_MIN + 12u * ALIGN; pre_len += ALIGN) {
            pre = tos_mmheap_alloc(pre_len);
            p = tos_mmheap_aligned_alloc(40, align);
            TT_ASSERT_NOT_NULL(p);
            TT_ASSERT_EQ((uintptr_t)p % align, 0);
            pattern_fill(p, 40, (uint8_t)align);
            pattern_fill(pre, pre_len, (uint8_t)pre_len);
            TT_ASSERT_ERR(tos_mmheap_pool_check(pool_a, &info), K_ERR_NONE);
            blocks = pool_block_count(pool_a);
            TT_ASSERT_EQ(info.used, pre_len + 40u);
            TT_ASSERT_EQ(info.free + info.used + (blocks - 1u) * OH, f);
            /* A gap in front of p, if any, is a free block: at least a header. */
            TT_ASSERT((p == pre + pre_len + OH) || (p >= pre + pre_len + OH + HDR));
            EXPECT_SOUND();
            TT_ASSERT(pattern_ok(p, 40, (uint8_t)align));
            TT_ASSERT(pattern_ok(pre, pre_len, (uint8_t)pre_len));
            tos_mmheap_free(pre);
            tos_mmheap_free(p);
            EXPECT_POOL(pool_a, 0, f);
        }
    }
}

static void test_mmheap_aligned_alloc_invalid_arguments(void)
{
    size_t f = fresh(sizeof(pool_a));

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(40, 0));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(40, 3));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(40, 48));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(0, 64));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(BLK_MAX + 1u, 64));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(40, BLK_MAX));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(40, (SIZE_MAX >> 1) + 1u));
    TT_ASSERT_NULL(tos_mmheap_aligned_alloc(f, 64)); /* no room for the alignment gap */
    EXPECT_POOL(pool_a, 0, f);
}

/* ---- realloc ----------------------------------------------------------------- */

static void test_mmheap_realloc_null_and_zero_size(void)
{
    size_t f = fresh(sizeof(pool_a));
    void *p;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    p = tos_mmheap_realloc(K_NULL, 32); /* NULL: plain alloc */
    TT_ASSERT_PTR_EQ(p, pool_a + OH);
    EXPECT_POOL(pool_a, 32, f - 32u - OH);
    TT_ASSERT_NULL(tos_mmheap_realloc(p, 0)); /* size 0: free */
    EXPECT_POOL(pool_a, 0, f);
    TT_ASSERT_NULL(tos_mmheap_realloc(K_NULL, 0));
    EXPECT_POOL(pool_a, 0, f);
}

static void test_mmheap_realloc_grows_in_place(void)
{
    size_t f = fresh(sizeof(pool_a));
    uint8_t *a, *b, *c, *p;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);

    /* Into the free tail. */
    a = tos_mmheap_alloc(64);
    pattern_fill(a, 64, 1);
    p = tos_mmheap_realloc(a, 200);
    TT_ASSERT_PTR_EQ(p, a);
    TT_ASSERT(pattern_ok(p, 64, 1));
    EXPECT_POOL(pool_a, adj(200), f - adj(200) - OH);
    tos_mmheap_free(p);

    /* Into a free successor that is exactly big enough. */
    a = tos_mmheap_alloc(64);
    b = tos_mmheap_alloc(64);
    c = tos_mmheap_alloc(64);
    pattern_fill(a, 64, 2);
    tos_mmheap_free(b);
    p = tos_mmheap_realloc(a, 64u + OH + 64u);
    TT_ASSERT_PTR_EQ(p, a);
    TT_ASSERT(pattern_ok(p, 64, 2));
    EXPECT_POOL(pool_a, 64u + OH + 64u + 64u, f - 3u * 64u - 3u * OH);

    /* One step more than the successor offers: the block has to move. */
    tos_mmheap_free(c);
    c = tos_mmheap_alloc(64);
    TT_ASSERT_PTR_EQ(c, a + 64u + OH + 64u + OH);
    p = tos_mmheap_realloc(a, 64u + OH + 64u + ALIGN);
    TT_ASSERT_NOT_NULL(p);
    TT_ASSERT(p != a);
    TT_ASSERT(pattern_ok(p, 64, 2));
    tos_mmheap_free(p);
    tos_mmheap_free(c);
    EXPECT_POOL(pool_a, 0, f);
}

static void test_mmheap_realloc_shrinks_in_place(void)
{
    size_t f = fresh(sizeof(pool_a));
    uint8_t *a, *guard, *p;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    a = tos_mmheap_alloc(256);
    guard = tos_mmheap_alloc(32);
    pattern_fill(a, 256, 3);

    /* The cut-off tail becomes a free block of its own. */
    p = tos_mmheap_realloc(a, 64);
    TT_ASSERT_PTR_EQ(p, a);
    TT_ASSERT(pattern_ok(p, 64, 3));
    EXPECT_POOL(pool_a, 64u + 32u, f - 64u - 32u - 3u * OH);
    TT_ASSERT_EQ(pool_block_count(pool_a), 4);

    /* Too little to cut off: nothing changes. */
    p = tos_mmheap_realloc(a, 64u - ALIGN);
    TT_ASSERT_PTR_EQ(p, a);
    EXPECT_POOL(pool_a, 64u + 32u, f - 64u - 32u - 3u * OH);

    /* The cut-off tail merges with the free block behind it. */
    p = tos_mmheap_realloc(a, 1);
    TT_ASSERT_PTR_EQ(p, a);
    TT_ASSERT(pattern_ok(p, 1, 3));
    EXPECT_POOL(pool_a, BLK_MIN + 32u, f - BLK_MIN - 32u - 3u * OH);
    TT_ASSERT_EQ(pool_block_count(pool_a), 4);

    tos_mmheap_free(guard);
    tos_mmheap_free(a);
    EXPECT_POOL(pool_a, 0, f);
}

static void test_mmheap_realloc_moves_and_copies(void)
{
    size_t f = fresh(sizeof(pool_a));
    uint8_t *a, *guard, *p;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    a = tos_mmheap_alloc(64);
    guard = tos_mmheap_alloc(32);
    pattern_fill(a, 64, 4);

    p = tos_mmheap_realloc(a, 512);
    TT_ASSERT_NOT_NULL(p);
    TT_ASSERT(p != a);
    TT_ASSERT(pattern_ok(p, 64, 4));
    EXPECT_POOL(pool_a, 512u + 32u, f - 512u - 32u - 3u * OH);
    TT_ASSERT_PTR_EQ(tos_mmheap_alloc(64), a); /* the old block was freed */

    /* Moving to a smaller block copies only what fits. */
    tos_mmheap_free(a);
    pattern_fill(p, 512, 5);
    a = tos_mmheap_realloc(p, 500);
    TT_ASSERT_PTR_EQ(a, p); /* shrinking never moves */
    TT_ASSERT(pattern_ok(a, 500, 5));
    tos_mmheap_free(a);
    tos_mmheap_free(guard);
    EXPECT_POOL(pool_a, 0, f);
}

/* No room, oversized, or not a live block: NULL, and the old block is untouched. */
static void test_mmheap_realloc_failure_keeps_old_block(void)
{
    void *blocks[80];
    unsigned n = 0u;
    unsigned i;
    uint8_t *a;
    k_mmheap_info_t before, after;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, POOL_FOR(512)), K_ERR_NONE);
    a = tos_mmheap_alloc(64);
    pattern_fill(a, 64, 6);
    while (n < TOS_COUNT_OF(blocks) && (blocks[n] = tos_mmheap_alloc(BLK_MIN)) != K_NULL) {
        ++n;
    }
    TT_ASSERT_LT(n, TOS_COUNT_OF(blocks));
    TT_ASSERT_ERR(tos_mmheap_pool_check(pool_c, &before), K_ERR_NONE);
    TT_ASSERT_EQ(before.free, 0);

    TT_ASSERT_NULL(tos_mmheap_realloc(a, 64u + ALIGN));
    TT_ASSERT_NULL(tos_mmheap_realloc(a, BLK_MAX + 1u));
    TT_ASSERT_NULL(tos_mmheap_realloc(a, SIZE_MAX));
    TT_ASSERT_NULL(tos_mmheap_realloc(a + ALIGN, 16)); /* not a block */
    TT_ASSERT(pattern_ok(a, 64, 6));
    TT_ASSERT_ERR(tos_mmheap_pool_check(pool_c, &after), K_ERR_NONE);
    TT_ASSERT_EQ(after.used, before.used);
    TT_ASSERT_EQ(after.free, 0);
    EXPECT_SOUND();

    for (i = 0u; i < n; ++i) {
        tos_mmheap_free(blocks[i]);
    }
    tos_mmheap_free(a);
    EXPECT_POOL(pool_c, 0, 512);
}

/* ---- pools ------------------------------------------------------------------- */

static void test_mmheap_pool_add_errors_in_contract_order(void)
{
    void *near_top = (void *)(UINTPTR_MAX - 4095u); /* never dereferenced */

    /* Start address: aligned to K_MMHEAP_ALIGN_SIZE, checked before the size. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a + 1, 1024), K_ERR_MMHEAP_INVALID_POOL_ADDR);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a + ALIGN / 2u, 1024), K_ERR_MMHEAP_INVALID_POOL_ADDR);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a + 1, 0), K_ERR_MMHEAP_INVALID_POOL_ADDR);

    /* Usable size below the minimum block. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, 0), K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, 1), K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, 2u * OH), K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, POOL_FOR(BLK_MIN) - 1u),
                  K_ERR_MMHEAP_INVALID_POOL_SIZE);

    /* Above 1 GiB, or wrapping the address space: refused before memory is touched. */
    memset(pool_c, 0xEE, sizeof(pool_c));
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, POOL_FOR(BLK_MAX) + ALIGN),
                  K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, SIZE_MAX), K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT(bytes_all(pool_c, sizeof(pool_c), 0xEE));
    TT_ASSERT_ERR(tos_mmheap_pool_add(near_top, 8192), K_ERR_MMHEAP_INVALID_POOL_SIZE);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);

    /* The smallest pool holds exactly one minimum block. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, POOL_FOR(BLK_MIN)), K_ERR_NONE);
    EXPECT_POOL(pool_a, 0, BLK_MIN);
    TT_ASSERT_PTR_EQ(tos_mmheap_alloc(1), pool_a + OH);
    EXPECT_POOL(pool_a, BLK_MIN, 0);
    tos_mmheap_free(pool_a + OH);

    /* Same start again, then ranges overlapping a registered pool. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_MMHEAP_POOL_ALREADY_EXIST);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_a), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_big + 8192, 8192), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_big + 8192 + 256, 1024),
                  K_ERR_MMHEAP_POOL_ALREADY_EXIST);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_big, 8192 + 256), K_ERR_MMHEAP_POOL_ALREADY_EXIST);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_big, 8192), K_ERR_NONE); /* adjacent is fine */
    EXPECT_POOL(pool_big, 0, fresh(8192));
    EXPECT_POOL(pool_big + 8192, 0, fresh(8192));

    /* A fourth pool: the count is checked first of all. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b, sizeof(pool_b)), K_ERR_MMHEAP_POOL_OVERFLOW);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_MMHEAP_POOL_OVERFLOW);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b + 1, 0), K_ERR_MMHEAP_POOL_OVERFLOW);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, K_MMHEAP_POOL_MAX);
    EXPECT_SOUND();
}

/* §40.43 fix: NULL was accepted (NULL is aligned) and written below address 0. */
static void test_mmheap_pool_add_rejects_null(void)
{
    TT_ASSERT_ERR(tos_mmheap_pool_add(K_NULL, 4096), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmheap_pool_add(K_NULL, 0), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b, sizeof(pool_b)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, sizeof(pool_c)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(K_NULL, 4096), K_ERR_OBJ_PTR_NULL); /* before the count */
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 3);
}

static void test_mmheap_pool_rmv_errors(void)
{
    void *p;

    TT_ASSERT_ERR(tos_mmheap_pool_rmv(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_a), K_ERR_MMHEAP_POOL_NOT_EXIST);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b, sizeof(pool_b)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, sizeof(pool_c)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_a + OH), K_ERR_MMHEAP_POOL_NOT_EXIST);

    /* Removing the middle pool keeps the others in order and in use. */
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_b), K_ERR_NONE);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 2);
    TT_ASSERT_PTR_EQ(k_mmheap_ctl.pool_start[0], pool_a);
    TT_ASSERT_PTR_EQ(k_mmheap_ctl.pool_start[1], pool_c);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_b), K_ERR_MMHEAP_POOL_NOT_EXIST);
    EXPECT_SOUND();
    p = tos_mmheap_alloc(2000); /* only pool_a can hold it now */
    TT_ASSERT((uint8_t *)p >= pool_a && (uint8_t *)p < pool_a + sizeof(pool_a));
    tos_mmheap_free(p);

    /* Removing the first pool moves the later ones down, sizes with them. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b, sizeof(pool_b) - 256u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_a), K_ERR_NONE);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 2);
    TT_ASSERT_PTR_EQ(k_mmheap_ctl.pool_start[0], pool_c);
    TT_ASSERT_PTR_EQ(k_mmheap_ctl.pool_start[1], pool_b);
    EXPECT_POOL(pool_c, 0, fresh(sizeof(pool_c)));
    EXPECT_POOL(pool_b, 0, fresh(sizeof(pool_b) - 256u));

    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_b), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_c), K_ERR_NONE);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);
    TT_ASSERT_EQ(k_mmheap_ctl.fl_bitmap, 0);
    TT_ASSERT_NULL(tos_mmheap_alloc(16));
    EXPECT_SOUND();
}

/* §40.43 decision: a pool with live blocks is refused and left intact. */
static void test_mmheap_pool_rmv_refuses_pool_with_live_allocations(void)
{
    size_t f = fresh(sizeof(pool_a));
    uint8_t *a, *b;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    a = tos_mmheap_alloc(64);
    pattern_fill(a, 64, 7);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_a), K_ERR_MMHEAP_INVALID_POOL_ADDR);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 1);
    EXPECT_POOL(pool_a, 64, f - 64u - OH);
    TT_ASSERT(pattern_ok(a, 64, 7));

    /* First block free, but not the whole pool: still busy. */
    b = tos_mmheap_alloc(64);
    tos_mmheap_free(a);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_a), K_ERR_MMHEAP_INVALID_POOL_ADDR);
    EXPECT_POOL(pool_a, 64, f - 64u - 2u * OH);

    tos_mmheap_free(b);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_a), K_ERR_NONE);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 0);
    EXPECT_SOUND();
}

static void test_mmheap_pool_check_errors(void)
{
    k_mmheap_info_t info;

    TT_ASSERT_ERR(tos_mmheap_check(&info), K_ERR_NONE); /* no pools: nothing */
    TT_ASSERT_EQ(info.used, 0);
    TT_ASSERT_EQ(info.free, 0);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_check(K_NULL, &info), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmheap_pool_check(pool_a, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_mmheap_check(K_NULL), K_ERR_OBJ_PTR_NULL);

    /* An unregistered pool is not walked; the result is zeroed. */
    memset(&info, 0xFF, sizeof(info));
    TT_ASSERT_ERR(tos_mmheap_pool_check(pool_b, &info), K_ERR_MMHEAP_POOL_NOT_EXIST);
    TT_ASSERT_EQ(info.used, 0);
    TT_ASSERT_EQ(info.free, 0);
}

static void test_mmheap_several_pools(void)
{
    size_t fb = fresh(sizeof(pool_b));
    size_t fc = fresh(sizeof(pool_c));
    uint8_t *small, *big;
    k_mmheap_info_t info;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_b, sizeof(pool_b)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, sizeof(pool_c)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_check(&info), K_ERR_NONE);
    TT_ASSERT_EQ(info.used, 0);
    TT_ASSERT_EQ(info.free, fb + fc);

    /* Good fit: the smaller pool's block sits in a lower class, so it serves first. */
    small = tos_mmheap_alloc(64);
    TT_ASSERT_PTR_EQ(small, pool_c + OH);
    big = tos_mmheap_alloc(2000); /* only pool_b can */
    TT_ASSERT_PTR_EQ(big, pool_b + OH);
    EXPECT_POOL(pool_c, 64, fc - 64u - OH);
    EXPECT_POOL(pool_b, 2000, fb - 2000u - OH);
    TT_ASSERT_ERR(tos_mmheap_check(&info), K_ERR_NONE);
    TT_ASSERT_EQ(info.used, 64u + 2000u);
    TT_ASSERT_EQ(info.free, fb + fc - 64u - 2000u - 2u * OH);

    /* Blocks never merge across pools. */
    tos_mmheap_free(small);
    tos_mmheap_free(big);
    EXPECT_POOL(pool_b, 0, fb);
    EXPECT_POOL(pool_c, 0, fc);
}

/*
 * §40.43 decision: pointers that are not live blocks of a registered pool
 * are ignored instead of corrupting the heap.
 */
static void test_mmheap_free_ignores_invalid_and_double_free(void)
{
    size_t f = fresh(sizeof(pool_a));
    size_t used = 128u;
    size_t left = f - 128u - 2u * OH;
    size_t word, fake_hdr, fake_next;
    uint8_t *a, *b, *fake_prev;
    int local = 0;
    uint8_t snapshot[64];

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    a = tos_mmheap_alloc(64);
    b = tos_mmheap_alloc(64);
    memset(a, 0xFF, 64); /* inner "headers" claiming a huge size */
    memset(b, 0x00, 64); /* inner "headers" claiming size 0 */

    tos_mmheap_free(&local);               /* outside every pool */
    tos_mmheap_free(a + ALIGN);            /* inside a block */
    tos_mmheap_free(b + 2u * ALIGN);       /* inside a block */
    tos_mmheap_free(a + 1);                /* misaligned */
    tos_mmheap_free(pool_a);               /* before the first payload */
    tos_mmheap_free(pool_a + OH + f + OH); /* the sentinel */
    tos_mmheap_free(b + 64 + OH);          /* the free tail */
    TT_ASSERT_NULL(tos_mmheap_realloc(&local, 16));
    TT_ASSERT_NULL(tos_mmheap_realloc(b + ALIGN, 0));
    EXPECT_POOL(pool_a, used, left);

    /*
     * Fake blocks of BLK_MIN bytes at a + 2 * ALIGN, headers inside a's
     * payload. A used header whose successor claims "previous block free" is
     * refused; so is one claiming a free predecessor that is a used block.
     */
    fake_hdr = BLK_MIN;
    fake_next = (size_t)K_MMHEAP_BLOCK_PREV_FREE | BLK_MIN;
    memset(a, 0, 64);
    memcpy(a + 2u * ALIGN - OH, &fake_hdr, sizeof(size_t));
    memcpy(a + 2u * ALIGN + BLK_MIN, &fake_next, sizeof(size_t));
    tos_mmheap_free(a + 2u * ALIGN);
    EXPECT_POOL(pool_a, used, left);
    fake_hdr = (size_t)K_MMHEAP_BLOCK_PREV_FREE | BLK_MIN;
    fake_next = BLK_MIN;
    fake_prev = a - K_MMHEAP_BLK_START_OFFSET; /* a's own, used, block */
    memcpy(a + 2u * ALIGN - OH, &fake_hdr, sizeof(size_t));
    memcpy(a + 2u * ALIGN + BLK_MIN, &fake_next, sizeof(size_t));
    memcpy(a + 2u * ALIGN - 2u * OH, &fake_prev, sizeof(fake_prev));
    tos_mmheap_free(a + 2u * ALIGN);
    EXPECT_POOL(pool_a, used, left);

    tos_mmheap_free(a);
    EXPECT_POOL(pool_a, 64, f - 64u - 2u * OH);
    tos_mmheap_free(a); /* double free: block already free */
    EXPECT_POOL(pool_a, 64, f - 64u - 2u * OH);
    tos_mmheap_free(b); /* merges into one block with a and the tail */
    EXPECT_POOL(pool_a, 0, f);
    tos_mmheap_free(b); /* stale headers of merged blocks still say "free" */
    tos_mmheap_free(a);
    EXPECT_POOL(pool_a, 0, f);

    /* A removed pool: even a header that looks used is not freed into the heap. */
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, sizeof(pool_c)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_c), K_ERR_NONE);
    word = 64u;
    memcpy(pool_c, &word, sizeof(word));
    word = 0u;
    memcpy(pool_c + OH + 64u, &word, sizeof(word));
    memcpy(snapshot, pool_c, sizeof(snapshot));
    tos_mmheap_free(pool_c + OH);
    TT_ASSERT_MEM_EQ(pool_c, snapshot, sizeof(snapshot));
    EXPECT_POOL(pool_a, 0, f);
    TT_ASSERT_EQ(k_mmheap_ctl.pool_cnt, 1);

    /* The heap still works. */
    a = tos_mmheap_alloc(64);
    TT_ASSERT_PTR_EQ(a, pool_a + OH);
    tos_mmheap_free(a);
    EXPECT_POOL(pool_a, 0, f);
}

/* ---- concurrency (§40.41) ------------------------------------------------------ */

#define IRQ_ALLOC 5u
#define IRQ_FREE  6u
#define IRQ_MIX   7u

static void *volatile isr_block;
static volatile unsigned isr_mix_runs;
static volatile unsigned isr_mix_failures;

static void isr_alloc(void)
{
    tos_knl_irq_enter();
    isr_block = tos_mmheap_alloc(48);
    tos_knl_irq_leave();
}

static void isr_free(void)
{
    tos_knl_irq_enter();
    tos_mmheap_free(isr_block);
    isr_block = K_NULL;
    tos_knl_irq_leave();
}

/* Every allocation call from interrupt context, balanced before returning. */
static void isr_mix(void)
{
    uint8_t *p, *q, *r;

    tos_knl_irq_enter();
    p = tos_mmheap_calloc(5, 8);
    q = tos_mmheap_aligned_alloc(24, 64);
    r = tos_mmheap_realloc(K_NULL, 100);
    if (r != K_NULL) {
        pattern_fill(r, 100, 8);
        r = tos_mmheap_realloc(r, 300);
    }
    if (p == K_NULL || q == K_NULL || r == K_NULL || (uintptr_t)q % 64u != 0u ||
        !bytes_all(p, 40, 0) || !pattern_ok(r, 100, 8) || heap_violation() != K_NULL) {
        ++isr_mix_failures;
    }
    tos_mmheap_free(p);
    tos_mmheap_free(q);
    tos_mmheap_free(r);
    ++isr_mix_runs;
    tos_knl_irq_leave();
}

static void test_mmheap_alloc_and_free_from_isr(void)
{
    size_t f = fresh(sizeof(pool_a));
    void *t;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    isr_block = K_NULL;
    isr_mix_runs = 0u;
    isr_mix_failures = 0u;
    tt_irq_connect(IRQ_ALLOC, isr_alloc);
    tt_irq_connect(IRQ_FREE, isr_free);
    tt_irq_connect(IRQ_MIX, isr_mix);

    tt_irq_raise(IRQ_ALLOC);
    TT_ASSERT_PTR_EQ(isr_block, pool_a + OH);
    EXPECT_POOL(pool_a, 48, f - 48u - OH);

    t = tos_mmheap_alloc(64); /* task side, while the ISR's block is live */
    TT_ASSERT_PTR_EQ(t, pool_a + OH + 48u + OH);
    tt_irq_raise(IRQ_FREE);
    TT_ASSERT_NULL(isr_block);
    EXPECT_POOL(pool_a, 64, f - 64u - 2u * OH);

    isr_block = t; /* allocated by a task, freed by an ISR */
    tt_irq_raise(IRQ_FREE);
    EXPECT_POOL(pool_a, 0, f);

    tt_irq_raise(IRQ_MIX);
    tt_irq_raise(IRQ_MIX);
    TT_ASSERT_EQ(isr_mix_runs, 2);
    TT_ASSERT_EQ(isr_mix_failures, 0);
    EXPECT_POOL(pool_a, 0, f);
}

/*
 * The heap masks interrupts itself and must restore, not force-enable, the
 * caller's state: called inside a critical section, no interrupt may slip
 * in before the caller unmasks. The simulator keeps an IRQ raised under the
 * mask pending until then.
 */
static void test_mmheap_calls_nest_inside_a_critical_section(void)
{
    TOS_CPU_CPSR_ALLOC();
    size_t f = fresh(sizeof(pool_a));
    uint8_t *p, *q, *r;
    k_mmheap_info_t info;
    int isr_stayed_out;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_a, sizeof(pool_a)), K_ERR_NONE);
    isr_block = K_NULL;
    tt_irq_connect(IRQ_ALLOC, isr_alloc);

    TOS_CPU_INT_DISABLE();
    tt_irq_raise(IRQ_ALLOC);
    p = tos_mmheap_alloc(32);
    q = tos_mmheap_aligned_alloc(32, 64);
    r = tos_mmheap_calloc(4, 8);
    p = tos_mmheap_realloc(p, 200); /* moves: q follows p */
    tos_mmheap_free(q);
    tos_mmheap_free(r);
    (void)tos_mmheap_check(&info);
    (void)tos_mmheap_pool_check(pool_a, &info);
    isr_stayed_out = isr_block == K_NULL;
    TOS_CPU_INT_ENABLE();

    TT_ASSERT(isr_stayed_out);
    TT_ASSERT_NOT_NULL(isr_block); /* delivered at the caller's unmask */
    TT_ASSERT_NOT_NULL(p);
    tos_mmheap_free(p);
    tos_mmheap_free(isr_block);
    EXPECT_POOL(pool_a, 0, f);
}

#define WORKERS      3u
#define WORKER_STEPS 60u
#define WORKER_SLOTS 4u

static k_task_t worker_task[WORKERS];
static k_stack_t worker_stk[WORKERS][STK_SIZE] __ALIGNED__(16);
static volatile unsigned workers_done;
static volatile unsigned worker_last;
static volatile unsigned worker_switches;

/* One worker's step on slot k: verify what it holds, replace or resize it, refill. */
static void worker_step(unsigned id, unsigned step, uint8_t **blk, size_t *len, uint32_t *rng)
{
    uint8_t seed = (uint8_t)(id * 64u + step % WORKER_SLOTS);
    size_t new_len = 1u + rng_next(rng) % 300u;
    uint8_t *p;

    if (*blk != K_NULL) {
        TT_ASSERT(pattern_ok(*blk, *len, seed));
    }
    if (*blk != K_NULL && step % 3u == 0u) {
        p = tos_mmheap_realloc(*blk, new_len);
        TT_ASSERT_NOT_NULL(p);
        TT_ASSERT(pattern_ok(p, new_len < *len ? new_len : *len, seed));
    } else {
        tos_mmheap_free(*blk);
        p = tos_mmheap_alloc(new_len);
        TT_ASSERT_NOT_NULL(p);
    }
    *blk = p;
    *len = new_len;
    pattern_fill(p, new_len, seed);
}

static void worker_entry(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    uint32_t rng = 77u + id;
    uint8_t *blk[WORKER_SLOTS] = {K_NULL};
    size_t len[WORKER_SLOTS] = {0u};
    unsigned step;
    unsigned k;

    for (step = 0u; step < WORKER_STEPS; ++step) {
        if (worker_last != id) {
            ++worker_switches;
            worker_last = id;
        }
        k = step % WORKER_SLOTS;
        worker_step(id, step, &blk[k], &len[k], &rng);
        if (blk[k] == K_NULL) {
            return; /* the failure is already recorded */
        }
        if (step % 5u == id) {
            tt_irq_raise(IRQ_MIX); /* an ISR uses the heap while tasks hold blocks */
        }
        tos_task_yield(); /* the next worker runs in the middle of this one's work */
    }
    for (k = 0u; k < WORKER_SLOTS; ++k) {
        TT_ASSERT(pattern_ok(blk[k], len[k], (uint8_t)(id * 64u + k)));
        tos_mmheap_free(blk[k]);
    }
    ++workers_done;
}

static void test_mmheap_tasks_and_isr_interleave_safely(void)
{
    size_t f = fresh(sizeof(pool_big));
    unsigned i;

    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_big, sizeof(pool_big)), K_ERR_NONE);
    workers_done = 0u;
    worker_last = WORKERS;
    worker_switches = 0u;
    isr_mix_runs = 0u;
    isr_mix_failures = 0u;
    tt_irq_connect(IRQ_MIX, isr_mix);

    for (i = 0u; i < WORKERS; ++i) {
        TT_ASSERT_ERR(tos_task_create(&worker_task[i], "mmheap_worker", worker_entry,
                                      (void *)(uintptr_t)i, (k_prio_t)(TT_RUNNER_PRIO + 1u),
                                      worker_stk[i], STK_SIZE, 0u),
                      K_ERR_NONE);
    }
    for (i = 0u; i < 100u && workers_done < WORKERS; ++i) {
        (void)tos_task_delay(10);
    }
    TT_ASSERT_EQ(workers_done, WORKERS);
    /* The workers really took turns, step by step. */
    TT_ASSERT_GE(worker_switches, WORKERS * WORKER_STEPS);
    TT_ASSERT_GT(isr_mix_runs, 0);
    TT_ASSERT_EQ(isr_mix_failures, 0);
    EXPECT_POOL(pool_big, 0, f);
}

/* ---- stress ------------------------------------------------------------------- */

#define STRESS_SLOTS 48u
#define STRESS_STEPS 3000u

static uint8_t *stress_ptr[STRESS_SLOTS];
static size_t stress_len[STRESS_SLOTS];

static const struct oracle_stress stress = {stress_ptr, stress_len, 160u, 2000u, 9u};

static void test_mmheap_random_stress_fixed_seed(void)
{
    size_t f = fresh(sizeof(pool_big)) + fresh(sizeof(pool_c));
    uint32_t rng = 20240601u;
    unsigned step, i;
    unsigned blocks;
    k_mmheap_info_t info;

    memset(stress_ptr, 0, sizeof(stress_ptr));
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_big, sizeof(pool_big)), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_add(pool_c, sizeof(pool_c)), K_ERR_NONE);
    for (step = 0u; step < STRESS_STEPS; ++step) {
        oracle_stress_step(&stress, rng_next(&rng) % STRESS_SLOTS, &rng);
        EXPECT_SOUND();
        TT_ASSERT_ERR(tos_mmheap_check(&info), K_ERR_NONE);
        blocks = pool_block_count(pool_big) + pool_block_count(pool_c);
        TT_ASSERT_EQ(info.used + info.free + (blocks - 2u) * OH, f);
    }
    for (i = 0u; i < STRESS_SLOTS; ++i) {
        if (stress_ptr[i] != K_NULL) {
            TT_ASSERT(pattern_ok(stress_ptr[i], stress_len[i], (uint8_t)i));
            tos_mmheap_free(stress_ptr[i]);
        }
    }
    EXPECT_POOL(pool_big, 0, fresh(sizeof(pool_big)));
    EXPECT_POOL(pool_c, 0, fresh(sizeof(pool_c)));
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_big), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mmheap_pool_rmv(pool_c), K_ERR_NONE);
}

/*
 * A pool of the maximal usable size (1 GiB) yields a block whose size class
 * lies one row past the table; it must be filed in the last class instead.
 * Only the headers are touched, so the big buffer costs address space only.
 */
static void test_mmheap_maximal_pool_is_usable(void)
{
#if UINTPTR_MAX > 0xFFFFFFFFu
    size_t pool_size = POOL_FOR(BLK_MAX);
    size_t last_class_min = BLK_MAX - (BLK_MAX >> 6); /* lower bound of the last class */
    uint8_t *mem = malloc(pool_size + 256u);
    uint8_t *base;
    void *p;

    if (mem == K_NULL) {
        TT_SKIP("no address space for a 1 GiB pool");
    }
    base = (uint8_t *)(((uintptr_t)mem + 255u) & ~(uintptr_t)255u);
    if (tos_mmheap_pool_add(base, pool_size + ALIGN) != K_ERR_MMHEAP_INVALID_POOL_SIZE ||
        tos_mmheap_pool_add(base, pool_size) != K_ERR_NONE) {
        free(mem);
        TT_FAIL("a pool of exactly K_MMHEAP_BLK_SIZE_MAX usable bytes must be accepted");
    }
    p = tos_mmheap_alloc(last_class_min);
    if (p != base + OH || tos_mmheap_alloc(BLK_MAX) != K_NULL ||
        tos_mmheap_alloc(last_class_min + 1u) != K_NULL || heap_violation() != K_NULL) {
        free(mem);
        TT_FAIL("the 1 GiB block is not filed where the largest request finds it");
    }
    tos_mmheap_free(p);
    p = tos_mmheap_alloc(64);
    tos_mmheap_free(p);
    if (p != base + OH || tos_mmheap_pool_rmv(base) != K_ERR_NONE) {
        free(mem);
        TT_FAIL("the 1 GiB pool did not coalesce back into one free block");
    }
    free(mem);
#else
    TT_SKIP("needs a 64-bit address space");
#endif
}

/* clang-format off */
TT_SUITE("mmheap", setup, teardown,
         TT_CASE(test_mmheap_constants_match_contract),
         TT_CASE(test_mmheap_alignment_is_pointer_width),
#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
         TT_CASE(test_mmheap_default_pool_registered_by_knl_init),
#endif
         TT_CASE(test_mmheap_init_with_pool_resets_heap),
         TT_CASE(test_mmheap_fresh_pool_accounting),
         TT_CASE(test_mmheap_alloc_accounting_and_layout),
         TT_CASE(test_mmheap_alloc_zero_and_oversized_return_null),
         TT_CASE(test_mmheap_alloc_exhaustion_returns_null),
         TT_CASE(test_mmheap_good_fit_rounds_large_requests_up),
         TT_CASE(test_mmheap_split_only_when_remainder_fits),
         TT_CASE(test_mmheap_free_coalesces_neighbours),
         TT_CASE(test_mmheap_free_lists_are_lifo_within_a_class),
         TT_CASE(test_mmheap_fragmentation_coalesces_back_to_one_block),
         TT_CASE(test_mmheap_calloc_zero_fills),
         TT_CASE(test_mmheap_calloc_rejects_overflowing_product),
         TT_CASE(test_mmheap_aligned_alloc_alignment_and_accounting),
         TT_CASE(test_mmheap_aligned_alloc_sweep),
         TT_CASE(test_mmheap_aligned_alloc_invalid_arguments),
         TT_CASE(test_mmheap_realloc_null_and_zero_size),
         TT_CASE(test_mmheap_realloc_grows_in_place),
         TT_CASE(test_mmheap_realloc_shrinks_in_place),
         TT_CASE(test_mmheap_realloc_moves_and_copies),
         TT_CASE(test_mmheap_realloc_failure_keeps_old_block),
         TT_CASE(test_mmheap_pool_add_errors_in_contract_order),
         TT_CASE(test_mmheap_pool_add_rejects_null),
         TT_CASE(test_mmheap_pool_rmv_errors),
         TT_CASE(test_mmheap_pool_rmv_refuses_pool_with_live_allocations),
         TT_CASE(test_mmheap_pool_check_errors),
         TT_CASE(test_mmheap_several_pools),
         TT_CASE(test_mmheap_free_ignores_invalid_and_double_free),
         TT_CASE(test_mmheap_alloc_and_free_from_isr),
         TT_CASE(test_mmheap_calls_nest_inside_a_critical_section),
         TT_CASE(test_mmheap_tasks_and_isr_interleave_safely),
         TT_CASE(test_mmheap_random_stress_fixed_seed),
         TT_CASE(test_mmheap_maximal_pool_is_usable));
/* clang-format on */

#else /* TOS_CFG_MMHEAP_EN == 0 */

/* §28: without the TLSF heap the four calls are the C library's. */
static void test_mmheap_disabled_maps_to_libc(void)
{
    uint8_t *p = tos_mmheap_calloc(4, 8);
    size_t i;

    TT_ASSERT_NOT_NULL(p);
    for (i = 0u; i < 32u; ++i) {
        TT_ASSERT_EQ(p[i], 0);
    }
    p[31] = 0x5A;
    p = tos_mmheap_realloc(p, 4096);
    TT_ASSERT_NOT_NULL(p);
    TT_ASSERT_EQ(p[31], 0x5A);
    tos_mmheap_free(p);
    p = tos_mmheap_alloc(16);
    TT_ASSERT_NOT_NULL(p);
    tos_mmheap_free(p);
}

static void test_mmheap_tlsf_configured_out(void)
{
    TT_SKIP("TOS_CFG_MMHEAP_EN is 0");
}

/* clang-format off */
TT_SUITE("mmheap", K_NULL, K_NULL,
         TT_CASE(test_mmheap_disabled_maps_to_libc),
         TT_CASE(test_mmheap_tlsf_configured_out));
/* clang-format on */

#endif /* TOS_CFG_MMHEAP_EN */
