/*
 * What the mmheap suites share: the layout formulas of contract §28.2, byte
 * patterns, a reproducible random sequence, and the white-box oracle,
 * heap_violation(), which walks every pool and every free list and reports
 * the first broken invariant of the TLSF layout.
 *
 * Everything is written against the K_MMHEAP_* constants and the names of
 * tos_mmheap.c, and compiled in the including file: test_mmheap.c checks
 * the kernel's heap with it, test_mmheap_small.c its own copy of the
 * allocator with a smaller class table (which renames the heap's symbols
 * before including this).
 */
#ifndef _MMHEAP_ORACLE_H_
#define _MMHEAP_ORACLE_H_

#include "tos_k.h"
#include "tt.h"

#define OH      (sizeof(size_t))
#define ALIGN   ((size_t)K_MMHEAP_ALIGN_SIZE)
#define BLK_MIN ((size_t)K_MMHEAP_BLK_SIZE_MIN)
#define BLK_MAX ((size_t)K_MMHEAP_BLK_SIZE_MAX)
#define IS_LP64 (sizeof(void *) == 8u)

/* Byte size of a pool whose fresh free block has exactly `payload` bytes. */
#define POOL_FOR(payload) ((size_t)(payload) + 2u * OH)

/* §28.2: free payload of a fresh pool. */
static inline size_t fresh(size_t pool_size)
{
    return (pool_size - 2u * OH) & ~(ALIGN - 1u);
}

static inline void pattern_fill(void *p, size_t n, uint8_t seed)
{
    size_t i;

    for (i = 0u; i < n; ++i) {
        ((uint8_t *)p)[i] = (uint8_t)(seed + i * 7u);
    }
}

static inline int pattern_ok(const void *p, size_t n, uint8_t seed)
{
    size_t i;
    int ok = 1;

    for (i = 0u; i < n; ++i) {
        ok = ok && ((const uint8_t *)p)[i] == (uint8_t)(seed + i * 7u);
    }
    return ok;
}

static inline uint32_t rng_next(uint32_t *state)
{
    *state = *state * 1103515245u + 12345u;
    return *state >> 8;
}

static inline int oracle_fls(size_t size)
{
    int bit = -1;

    while (size != 0u) {
        size >>= 1;
        ++bit;
    }
    return bit;
}

/* The class a free block of this size must be filed in (contract §28.2). */
static inline void oracle_class(size_t size, int *fl, int *sl)
{
    int bit;

    if (size < (size_t)K_MMHEAP_SMALL_BLOCK_SIZE) {
        *fl = 0;
        *sl = (int)(size / (K_MMHEAP_SMALL_BLOCK_SIZE / K_MMHEAP_SL_INDEX_COUNT));
    } else {
        bit = oracle_fls(size);
        *sl = (int)((size >> (bit - K_MMHEAP_SL_INDEX_COUNT_LOG2)) - K_MMHEAP_SL_INDEX_COUNT);
        *fl = bit - K_MMHEAP_FL_INDEX_SHIFT + 1;
    }
    if (*fl >= K_MMHEAP_FL_INDEX_COUNT) {
        *fl = K_MMHEAP_FL_INDEX_COUNT - 1;
        *sl = K_MMHEAP_SL_INDEX_COUNT - 1;
    }
}

static inline size_t oracle_size(const mmheap_blk_t *blk)
{
    return blk->size & ~(size_t)K_MMHEAP_BLOCK_STATE_MASK;
}

static inline int oracle_is_free(const mmheap_blk_t *blk)
{
    return (blk->size & (size_t)K_MMHEAP_BLOCK_CURR_FREE) != 0u;
}

static inline int oracle_prev_free(const mmheap_blk_t *blk)
{
    return (blk->size & (size_t)K_MMHEAP_BLOCK_PREV_FREE) != 0u;
}

static inline mmheap_blk_t *oracle_next(const mmheap_blk_t *blk)
{
    return (mmheap_blk_t *)((uintptr_t)blk + K_MMHEAP_BLK_START_OFFSET + oracle_size(blk) -
                            K_MMHEAP_BLK_HEADER_OVERHEAD);
}

/* Physical walk of pool i; counts its free blocks. NULL if sound. */
static inline const char *oracle_pool(int i, unsigned *free_cnt)
{
    uintptr_t start = (uintptr_t)k_mmheap_ctl.pool_start[i];
    uintptr_t end = start + OH + fresh(k_mmheap_ctl.pool_size[i]);
    mmheap_blk_t *blk = (mmheap_blk_t *)(start - OH);
    mmheap_blk_t *prev = NULL;
    const char *bad = NULL;

    if (oracle_prev_free(blk)) {
        bad = "first block claims a free predecessor";
    }
    while (bad == NULL && oracle_size(blk) != 0u) {
        if (oracle_size(blk) < BLK_MIN || oracle_size(blk) % ALIGN != 0u) {
            bad = "block size below minimum or misaligned";
        } else if ((uintptr_t)blk + K_MMHEAP_BLK_START_OFFSET + oracle_size(blk) > end) {
            bad = "block runs past its pool";
        } else if (prev != NULL && oracle_is_free(prev) != oracle_prev_free(blk)) {
            bad = "PREV_FREE bit disagrees with the predecessor";
        } else if (prev != NULL && oracle_is_free(prev) && blk->prev_phys_blk != prev) {
            bad = "prev_phys_blk of a block after a free block is wrong";
        } else if (prev != NULL && oracle_is_free(prev) && oracle_is_free(blk)) {
            bad = "two adjacent free blocks (missed merge)";
        }
        *free_cnt += oracle_is_free(blk) ? 1u : 0u;
        prev = blk;
        blk = oracle_next(blk);
    }
    if (bad == NULL && (uintptr_t)blk + K_MMHEAP_BLK_START_OFFSET != end + OH) {
        bad = "sentinel not at the end of the pool";
    } else if (bad == NULL &&
               (oracle_is_free(blk) || oracle_is_free(prev) != oracle_prev_free(blk))) {
        bad = "sentinel state bits wrong";
    }
    return bad;
}

static inline int oracle_in_pool(const mmheap_blk_t *blk)
{
    int i;
    int in = 0;
    uintptr_t addr = (uintptr_t)blk;
    uintptr_t start;

    for (i = 0; i < k_mmheap_ctl.pool_cnt; ++i) {
        start = (uintptr_t)k_mmheap_ctl.pool_start[i];
        if (addr + OH >= start && addr < start + fresh(k_mmheap_ctl.pool_size[i])) {
            in = 1;
        }
    }
    return in;
}

/* One free list: members free, in a pool, in the right class, doubly linked. */
static inline const char *oracle_list(int fl, int sl, unsigned *free_cnt)
{
    mmheap_blk_t *null_blk = &k_mmheap_ctl.block_null;
    mmheap_blk_t *blk = k_mmheap_ctl.blocks[fl][sl];
    /* The first block links back to the head slot, as if it were a next_free. */
    mmheap_blk_t *prev = (mmheap_blk_t *)(void *)((uintptr_t)&k_mmheap_ctl.blocks[fl][sl] -
                                                  offsetof(mmheap_blk_t, next_free));
    const char *bad = NULL;
    int bit = (k_mmheap_ctl.sl_bitmap[fl] >> sl) & 1u;
    int f, s;

    if (bit != (blk != null_blk)) {
        bad = "second-level bit disagrees with its list";
    }
    while (bad == NULL && blk != null_blk) {
        oracle_class(oracle_size(blk), &f, &s);
        if (!oracle_in_pool(blk) || !oracle_is_free(blk)) {
            bad = "listed block is outside the pools or not free";
        } else if (f != fl || s != sl) {
            bad = "listed block in the wrong size class";
        } else if (blk->prev_free != prev) {
            bad = "free list back link broken";
        } else if (++*free_cnt > 100000u) {
            bad = "free list loops";
        }
        prev = blk;
        blk = blk->next_free;
    }
    return bad;
}

/* NULL if the heap is sound, else what is wrong. */
static inline const char *heap_violation(void)
{
    unsigned phys_free = 0u;
    unsigned listed_free = 0u;
    const char *bad = NULL;
    int i, fl, sl;

    for (i = 0; bad == NULL && i < k_mmheap_ctl.pool_cnt; ++i) {
        bad = oracle_pool(i, &phys_free);
    }
    for (fl = 0; bad == NULL && fl < K_MMHEAP_FL_INDEX_COUNT; ++fl) {
        if (((k_mmheap_ctl.fl_bitmap >> fl) & 1u) != (k_mmheap_ctl.sl_bitmap[fl] != 0u)) {
            bad = "first-level bit disagrees with the second-level word";
        }
        /* Two shifts: a row of 32 lists fills the whole word. */
        if (bad == NULL &&
            ((k_mmheap_ctl.sl_bitmap[fl] >> (K_MMHEAP_SL_INDEX_COUNT - 1)) >> 1) != 0u) {
            bad = "second-level bits beyond the row";
        }
        for (sl = 0; bad == NULL && sl < K_MMHEAP_SL_INDEX_COUNT; ++sl) {
            bad = oracle_list(fl, sl, &listed_free);
        }
    }
    if (bad == NULL && (k_mmheap_ctl.fl_bitmap >> K_MMHEAP_FL_INDEX_COUNT) != 0u) {
        bad = "first-level bits beyond the table";
    }
    if (bad == NULL && phys_free != listed_free) {
        bad = "free blocks in the pools and in the lists differ";
    }
    return bad;
}

/* Blocks (used and free, sentinel excluded) of a registered pool. */
static inline unsigned pool_block_count(const void *pool_start)
{
    mmheap_blk_t *blk = (mmheap_blk_t *)((uintptr_t)pool_start - OH);
    unsigned count = 0u;

    while (oracle_size(blk) != 0u) {
        ++count;
        blk = oracle_next(blk);
    }
    return count;
}

static inline int bytes_all(const uint8_t *p, size_t n, uint8_t value)
{
    size_t i;
    int all = 1;

    for (i = 0u; i < n; ++i) {
        all = all && p[i] == value;
    }
    return all;
}

#define EXPECT_SOUND() TT_ASSERT_STR_EQ(heap_violation(), NULL)

/*
 * The random stress of both suites: slots of live blocks, each filled with
 * its own pattern; requests mostly small, one in eight up to len_big bytes,
 * alignments up to 2^align_log2_max.
 */
struct oracle_stress {
    uint8_t **ptr;
    size_t *len;
    size_t len_small;
    size_t len_big;
    unsigned align_log2_max;
};

/* A new block for an empty slot (*p): alloc, aligned, calloc or realloc(NULL). */
static inline void oracle_stress_new(uint32_t op, uint8_t **p, size_t *len, size_t align)
{
    if (op < 4u) {
        *p = tos_mmheap_alloc(*len);
    } else if (op < 6u) {
        *p = tos_mmheap_aligned_alloc(*len, align);
        TT_ASSERT(*p == K_NULL || (uintptr_t)*p % align == 0u);
    } else if (op == 6u) {
        *p = tos_mmheap_calloc(1u + *len % 16u, *len / 16u);
        *len = (1u + *len % 16u) * (*len / 16u);
        TT_ASSERT(*p == K_NULL || bytes_all(*p, *len, 0));
    } else {
        *p = tos_mmheap_realloc(K_NULL, *len);
    }
    TT_ASSERT(*p == K_NULL || (uintptr_t)*p % ALIGN == 0u);
    TT_ASSERT(*len != 0u || *p == K_NULL);
}

/* One random operation on slot i; patterns are checked before anything is released. */
static inline void oracle_stress_step(const struct oracle_stress *s, unsigned i, uint32_t *rng)
{
    uint32_t op = rng_next(rng) % 8u;
    size_t len =
        rng_next(rng) % 8u == 0u ? rng_next(rng) % s->len_big : rng_next(rng) % s->len_small;
    size_t align = (size_t)1u << (rng_next(rng) % (s->align_log2_max + 1u));
    uint8_t *p;

    if (s->ptr[i] == K_NULL) {
        oracle_stress_new(op, &p, &len, align);
    } else {
        TT_ASSERT(pattern_ok(s->ptr[i], s->len[i], (uint8_t)i));
        if (op < 4u) {
            tos_mmheap_free(s->ptr[i]);
            p = K_NULL;
        } else {
            p = tos_mmheap_realloc(s->ptr[i], len);
            if (p != K_NULL) {
                TT_ASSERT(pattern_ok(p, len < s->len[i] ? len : s->len[i], (uint8_t)i));
            } else if (len != 0u) {
                p = s->ptr[i]; /* no room: the old block is kept as it was */
                len = s->len[i];
                TT_ASSERT(pattern_ok(p, len, (uint8_t)i));
            }
        }
    }
    s->ptr[i] = p;
    s->len[i] = len;
    if (p != K_NULL) {
        pattern_fill(p, len, (uint8_t)i);
    }
}

/* Exact §28.2 accounting of one pool, and a sound heap. */
#define EXPECT_POOL(pool_, used_, free_)                                   \
    do {                                                                   \
        k_mmheap_info_t info_;                                             \
        TT_ASSERT_ERR(tos_mmheap_pool_check((pool_), &info_), K_ERR_NONE); \
        TT_ASSERT_EQ(info_.used, (used_));                                 \
        TT_ASSERT_EQ(info_.free, (free_));                                 \
        EXPECT_SOUND();                                                    \
    } while (0)

#endif /* _MMHEAP_ORACLE_H_ */
