/*
 * Heap allocator mmheap (contract §28): Two-Level Segregated Fit.
 *
 * Free blocks are filed by size class: the first level is the power of two
 * below the size, the second level splits that range into 32 equal steps
 * (K_MMHEAP_SL_INDEX_COUNT; fewer, and fewer rows, when the configuration
 * sizes the table for a small heap, docs/mmheap.md).
 * Two bitmaps (one word per level) record which lists are non-empty, so a
 * fitting list is found with two count-leading-zeros, whatever the number
 * of blocks. Every block starts with a header (size + state bits); a free
 * block additionally links into its class list and leaves a back pointer in
 * its successor's header for O(1) merging. Layout and accounting follow
 * §28.2 exactly; docs/mmheap.md explains the choices.
 *
 * Concurrency (§40.41): all list and header work runs with interrupts
 * masked. Copies and zero-fills run outside, on memory the caller owns.
 */
#include "knl_private.h"

#if TOS_CFG_MMHEAP_EN > 0u

/* Payloads must be able to hold pointers (64-bit hosts, §40.42). */
typedef char mmheap_align_holds_pointers[(K_MMHEAP_ALIGN_SIZE >= sizeof(void *)) ? 1 : -1];
/* The header arithmetic below assumes size_t and pointers share one width. */
typedef char mmheap_size_is_pointer_wide[(sizeof(size_t) == sizeof(void *)) ? 1 : -1];

#define MMHEAP_OVERHEAD ((size_t)K_MMHEAP_BLK_HEADER_OVERHEAD)
#define MMHEAP_ALIGN    ((size_t)K_MMHEAP_ALIGN_SIZE)
#define MMHEAP_SIZE_MIN ((size_t)K_MMHEAP_BLK_SIZE_MIN)
#define MMHEAP_SIZE_MAX ((size_t)K_MMHEAP_BLK_SIZE_MAX)
#define MMHEAP_START    ((size_t)K_MMHEAP_BLK_START_OFFSET)
#define MMHEAP_NULL_BLK (&k_mmheap_ctl.block_null)
#define MMHEAP_SMALL    ((size_t)K_MMHEAP_SMALL_BLOCK_SIZE)

/* The table's dimensions as int, whatever integer type the options were written in. */
#define MMHEAP_FL_COUNT ((int)K_MMHEAP_FL_INDEX_COUNT)
#define MMHEAP_SL_COUNT ((int)K_MMHEAP_SL_INDEX_COUNT)
#define MMHEAP_SL_LOG2  ((int)K_MMHEAP_SL_INDEX_COUNT_LOG2)
#define MMHEAP_FL_SHIFT ((int)K_MMHEAP_FL_INDEX_SHIFT)

#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
uint8_t k_mmheap_default_pool[TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE] __ALIGNED__(K_MMHEAP_ALIGN_SIZE);

/*
 * The default pool's size check, made when the configuration is compiled:
 * usable size between the smallest block and the largest the table
 * classifies (TOS_CFG_MMHEAP_FL_INDEX_MAX). mmheap_init_default_pool()
 * relies on it.
 */
#define MMHEAP_DEFAULT_USABLE \
    (((size_t)TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE - 2u * MMHEAP_OVERHEAD) & ~(MMHEAP_ALIGN - 1u))
typedef char mmheap_default_pool_fits_the_table[(MMHEAP_DEFAULT_USABLE >= MMHEAP_SIZE_MIN &&
                                                 MMHEAP_DEFAULT_USABLE <= MMHEAP_SIZE_MAX)
                                                    ? 1
                                                    : -1];
#endif

k_mmheap_ctl_t k_mmheap_ctl;

/* ---- arithmetic ----------------------------------------------------------- */

__STATIC_INLINE__ size_t mmheap_align_up(size_t x, size_t align)
{
    return (x + (align - 1u)) & ~(align - 1u);
}

__STATIC_INLINE__ size_t mmheap_align_down(size_t x, size_t align)
{
    return x & ~(align - 1u);
}

__STATIC_INLINE__ int mmheap_is_pow2(size_t x)
{
    return x != 0u && (x & (x - 1u)) == 0u;
}

/*
 * Count of leading zeros: the instruction itself, inline, where the core has
 * one (no call), otherwise the port's or the kernel's tos_cpu_clz().
 */
__STATIC_INLINE__ int mmheap_clz(uint32_t word)
{
#if TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT > 0u && defined(__GNUC__)
    return word != 0u ? __builtin_clz(word) : 32;
#else
    return (int)tos_cpu_clz(word);
#endif
}

/* Index of the lowest set bit; word is never 0 here. */
__STATIC_INLINE__ int mmheap_ffs(uint32_t word)
{
    return 31 - mmheap_clz(word & (~word + 1u));
}

/* Index of the highest set bit; word is never 0 here. */
__STATIC_INLINE__ int mmheap_fls(uint32_t word)
{
    return 31 - mmheap_clz(word);
}

/*
 * Payload size that serves a request: aligned and at least the minimum.
 * 0 for a request of 0 or above K_MMHEAP_BLK_SIZE_MAX (align <= that max).
 */
static size_t mmheap_adjust_size(size_t size, size_t align)
{
    size_t adjusted = 0u;

    if (size != 0u && size <= MMHEAP_SIZE_MAX) {
        adjusted = mmheap_align_up(size, align);
        if (adjusted < MMHEAP_SIZE_MIN) {
            adjusted = MMHEAP_SIZE_MIN;
        }
    }
    return adjusted;
}

/* ---- block headers -------------------------------------------------------- */

__STATIC_INLINE__ mmheap_blk_t *blk_at(uintptr_t addr)
{
    return (mmheap_blk_t *)addr;
}

__STATIC_INLINE__ size_t blk_size(const mmheap_blk_t *blk)
{
    return blk->size & (size_t)K_MMHEAP_BLOCK_SIZE_MASK;
}

__STATIC_INLINE__ void blk_size_set(mmheap_blk_t *blk, size_t size)
{
    blk->size = size | (blk->size & (size_t)K_MMHEAP_BLOCK_STATE_MASK);
}

__STATIC_INLINE__ int blk_is_free(const mmheap_blk_t *blk)
{
    return (blk->size & (size_t)K_MMHEAP_BLOCK_CURR_FREE) != 0u;
}

__STATIC_INLINE__ void blk_free_set(mmheap_blk_t *blk)
{
    blk->size |= (size_t)K_MMHEAP_BLOCK_CURR_FREE;
}

__STATIC_INLINE__ void blk_used_set(mmheap_blk_t *blk)
{
    blk->size &= ~(size_t)K_MMHEAP_BLOCK_CURR_FREE;
}

__STATIC_INLINE__ int blk_is_prev_free(const mmheap_blk_t *blk)
{
    return (blk->size & (size_t)K_MMHEAP_BLOCK_PREV_FREE) != 0u;
}

__STATIC_INLINE__ void blk_prev_free_set(mmheap_blk_t *blk)
{
    blk->size |= (size_t)K_MMHEAP_BLOCK_PREV_FREE;
}

__STATIC_INLINE__ void blk_prev_used_set(mmheap_blk_t *blk)
{
    blk->size &= ~(size_t)K_MMHEAP_BLOCK_PREV_FREE;
}

__STATIC_INLINE__ mmheap_blk_t *blk_from_ptr(const void *ptr)
{
    return blk_at((uintptr_t)ptr - MMHEAP_START);
}

__STATIC_INLINE__ void *blk_to_ptr(mmheap_blk_t *blk)
{
    return (void *)((uint8_t *)blk + MMHEAP_START);
}

/* The successor's header overlaps our last payload word (its prev_phys_blk). */
__STATIC_INLINE__ mmheap_blk_t *blk_next(mmheap_blk_t *blk)
{
    return blk_at((uintptr_t)blk_to_ptr(blk) + blk_size(blk) - MMHEAP_OVERHEAD);
}

__STATIC_INLINE__ mmheap_blk_t *blk_link_next(mmheap_blk_t *blk)
{
    mmheap_blk_t *next = blk_next(blk);

    next->prev_phys_blk = blk;
    return next;
}

static void blk_mark_free(mmheap_blk_t *blk)
{
    blk_prev_free_set(blk_link_next(blk));
    blk_free_set(blk);
}

static void blk_mark_used(mmheap_blk_t *blk)
{
    blk_prev_used_set(blk_next(blk));
    blk_used_set(blk);
}

/* A split must leave a remainder able to stand as a free block. */
__STATIC_INLINE__ int blk_can_split(mmheap_blk_t *blk, size_t size)
{
    return blk_size(blk) >= sizeof(mmheap_blk_t) + size;
}

/* ---- size classes ---------------------------------------------------------- */

/*
 * A class is named by one number, fl * SL_COUNT + sl (the index its list
 * head would have in blocks[] read as one row): it is passed and returned
 * in a register, and split into the two levels where the bitmaps need them.
 */
#define MMHEAP_CLASS_COUNT (MMHEAP_FL_COUNT * MMHEAP_SL_COUNT)

__STATIC_INLINE__ int class_fl(int cls)
{
    return cls >> MMHEAP_SL_LOG2;
}

__STATIC_INLINE__ int class_sl(int cls)
{
    return cls & (MMHEAP_SL_COUNT - 1);
}

/* blocks[] read as one row: the head of a class is one index away. */
__STATIC_INLINE__ mmheap_blk_t **class_head(int cls)
{
    return (mmheap_blk_t **)(void *)((uintptr_t)&k_mmheap_ctl.blocks[0][0] +
                                     (size_t)cls * sizeof(mmheap_blk_t *));
}

/* Out of line: one copy of the mapping serves both insertion and search. */
#if defined(__GNUC__)
#define MMHEAP_OUT_OF_LINE __attribute__((__noinline__))
#else
#define MMHEAP_OUT_OF_LINE
#endif

/*
 * Small sizes: row 0, one list per aligned size. Otherwise the row is the
 * power of two below the size and the list its next SL_LOG2 bits.
 */
MMHEAP_OUT_OF_LINE static int mapping_calc(size_t size)
{
    int bit;
    int cls;

    if (size < MMHEAP_SMALL) {
        cls = (int)(size / MMHEAP_ALIGN);
    } else {
        bit = mmheap_fls((uint32_t)size);
        cls = ((bit - MMHEAP_FL_SHIFT) << MMHEAP_SL_LOG2) + (int)(size >> (bit - MMHEAP_SL_LOG2));
    }
    return cls;
}

/*
 * Class a free block is filed in. Only a block of exactly
 * K_MMHEAP_BLK_SIZE_MAX (a maximal pool) computes one row past the table;
 * it joins the last class, whose other members are all smaller.
 */
static int mapping_insert(size_t size)
{
    int cls = mapping_calc(size);

    return cls < MMHEAP_CLASS_COUNT ? cls : MMHEAP_CLASS_COUNT - 1;
}

/*
 * First class whose every block fits `size` (good fit): large requests are
 * rounded up to the next class boundary. May return a row past the table,
 * which freelist_search() treats as "nothing fits".
 */
__STATIC_INLINE__ int mapping_search(size_t size)
{
    if (size >= MMHEAP_SMALL) {
        size += ((size_t)1u << (mmheap_fls((uint32_t)size) - MMHEAP_SL_LOG2)) - 1u;
    }
    return mapping_calc(size);
}

/* ---- free lists ------------------------------------------------------------ */

/*
 * The head slot of a class, seen as the next_free member of a block that
 * does not exist (its "anchor"): the first block of a list points back to
 * it, so unlinking any block is the same two stores, and a list that just
 * became empty names its class by that address, without mapping the size
 * again. Anchors are only ever written through their next_free, the head
 * slot itself; the links go through plain pointer slots, as the anchor is
 * no object of the block type.
 */
__STATIC_INLINE__ mmheap_blk_t **blk_next_free_slot(mmheap_blk_t *blk)
{
    return (mmheap_blk_t **)(void *)((uintptr_t)blk + offsetof(mmheap_blk_t, next_free));
}

__STATIC_INLINE__ mmheap_blk_t *class_anchor(mmheap_blk_t **head)
{
    return blk_at((uintptr_t)head - offsetof(mmheap_blk_t, next_free));
}

static void freelist_insert(mmheap_blk_t *blk)
{
    int cls = mapping_insert(blk_size(blk));
    mmheap_blk_t **head = class_head(cls);
    mmheap_blk_t *next = *head;

    blk->next_free = next;
    blk->prev_free = class_anchor(head);
    next->prev_free = blk;
    *head = blk;
    k_mmheap_ctl.fl_bitmap |= (uint32_t)1u << class_fl(cls);
    k_mmheap_ctl.sl_bitmap[class_fl(cls)] |= (uint32_t)1u << class_sl(cls);
}

static void freelist_remove(mmheap_blk_t *blk)
{
    mmheap_blk_t *prev = blk->prev_free;
    mmheap_blk_t *next = blk->next_free;
    mmheap_blk_t **link = blk_next_free_slot(prev);
    /* The class whose head slot `link` is; out of the table for a block. */
    uintptr_t cls = ((uintptr_t)link - (uintptr_t)class_head(0)) / sizeof(mmheap_blk_t *);
    uint32_t *sl_map;

    next->prev_free = prev;
    *link = next;
    if (next == MMHEAP_NULL_BLK && cls < (uintptr_t)MMHEAP_CLASS_COUNT) {
        sl_map = &k_mmheap_ctl.sl_bitmap[class_fl((int)cls)];
        *sl_map &= ~((uint32_t)1u << class_sl((int)cls));
        if (*sl_map == 0u) {
            k_mmheap_ctl.fl_bitmap &= ~((uint32_t)1u << class_fl((int)cls));
        }
    }
}

/* Head of the first non-empty list of class cls or above, K_NULL if none. */
__STATIC_INLINE__ mmheap_blk_t *freelist_search(int cls)
{
    int fl = class_fl(cls);
    uint32_t sl_map = 0u;
    uint32_t fl_map;
    mmheap_blk_t *blk = K_NULL;

    if (fl < MMHEAP_FL_COUNT) {
        sl_map = k_mmheap_ctl.sl_bitmap[fl] & (~(uint32_t)0u << class_sl(cls));
        if (sl_map == 0u) {
            fl_map = k_mmheap_ctl.fl_bitmap & (~(uint32_t)0u << (fl + 1));
            if (fl_map != 0u) {
                fl = mmheap_ffs(fl_map);
                sl_map = k_mmheap_ctl.sl_bitmap[fl];
            }
        }
    }
    if (sl_map != 0u) {
        blk = k_mmheap_ctl.blocks[fl][mmheap_ffs(sl_map)];
    }
    return blk;
}

/* ---- split and merge ------------------------------------------------------- */

/* Cuts blk to `size`; the remainder becomes a new free block (not listed). */
static mmheap_blk_t *blk_split(mmheap_blk_t *blk, size_t size)
{
    mmheap_blk_t *rest = blk_at((uintptr_t)blk_to_ptr(blk) + size - MMHEAP_OVERHEAD);

    rest->size = blk_size(blk) - (size + MMHEAP_OVERHEAD);
    blk_size_set(blk, size);
    blk_mark_free(rest);
    return rest;
}

/* prev swallows its physical successor blk (neither is listed). */
static mmheap_blk_t *blk_absorb(mmheap_blk_t *prev, mmheap_blk_t *blk)
{
    prev->size += blk_size(blk) + MMHEAP_OVERHEAD;
    blk_link_next(prev);
    return prev;
}

static mmheap_blk_t *blk_merge_next(mmheap_blk_t *blk)
{
    mmheap_blk_t *next = blk_next(blk);

    if (blk_is_free(next)) {
        freelist_remove(next);
        blk = blk_absorb(blk, next);
    }
    return blk;
}

/* A used block shrinks to `size`; its tail merges with a free successor. */
static void blk_trim_used(mmheap_blk_t *blk, size_t size)
{
    mmheap_blk_t *rest;

    if (blk_can_split(blk, size)) {
        rest = blk_split(blk, size);
        blk_prev_used_set(rest);
        rest = blk_merge_next(rest);
        freelist_insert(rest);
    }
}

/*
 * A free block gives its first `gap` bytes (header included) back to the
 * lists; returns the block that starts right after them.
 */
static mmheap_blk_t *blk_trim_free_leading(mmheap_blk_t *blk, size_t gap)
{
    mmheap_blk_t *rest = blk;

    if (blk_can_split(blk, gap)) {
        rest = blk_split(blk, gap - MMHEAP_OVERHEAD);
        blk_prev_free_set(rest);
        blk_link_next(blk);
        freelist_insert(blk);
    }
    return rest;
}

/* Takes a block of payload >= size off the lists, or K_NULL. */
static mmheap_blk_t *blk_locate_free(size_t size)
{
    mmheap_blk_t *blk = freelist_search(mapping_search(size));

    if (blk != K_NULL) {
        freelist_remove(blk);
    }
    return blk;
}

/*
 * Hands out a free block taken off the lists, keeping `size` bytes: a tail
 * that can stand as a block goes back to the lists (the split leaves it
 * free behind a used block), otherwise the successor learns we are used.
 */
static void *blk_prepare_used(mmheap_blk_t *blk, size_t size)
{
    void *ptr = K_NULL;

    if (blk != K_NULL) {
        if (blk_can_split(blk, size)) {
            freelist_insert(blk_split(blk, size));
        } else {
            blk_prev_used_set(blk_next(blk));
        }
        blk_used_set(blk);
        ptr = blk_to_ptr(blk);
    }
    return ptr;
}

/*
 * Frees a used block: it swallows a free successor and is swallowed by a
 * free predecessor, then the result is marked free (one back link, one
 * state update) and listed.
 */
static void blk_release(mmheap_blk_t *blk)
{
    mmheap_blk_t *next = blk_next(blk);
    mmheap_blk_t *prev;

    if (blk_is_free(next)) {
        freelist_remove(next);
        blk->size += blk_size(next) + MMHEAP_OVERHEAD;
    }
    if (blk_is_prev_free(blk)) {
        prev = blk->prev_phys_blk;
        freelist_remove(prev);
        prev->size += blk_size(blk) + MMHEAP_OVERHEAD;
        blk = prev;
    }
    blk_mark_free(blk);
    freelist_insert(blk);
}

/* ---- pools ----------------------------------------------------------------- */

/* §28.2: the pool minus the first header and the sentinel's, aligned down. */
static size_t mmheap_pool_usable(size_t pool_size)
{
    size_t usable = 0u;

    if (pool_size > 2u * MMHEAP_OVERHEAD) {
        usable = mmheap_align_down(pool_size - 2u * MMHEAP_OVERHEAD, MMHEAP_ALIGN);
    }
    return usable;
}

/* The first header starts one word before the pool; that word is never touched. */
__STATIC_INLINE__ mmheap_blk_t *mmheap_pool_first_blk(const void *pool_start)
{
    return blk_at((uintptr_t)pool_start - MMHEAP_OVERHEAD);
}

static int mmheap_pool_index(const void *pool_start)
{
    int i;
    int idx = -1;

    for (i = 0; i < k_mmheap_ctl.pool_cnt; ++i) {
        if (k_mmheap_ctl.pool_start[i] == pool_start) {
            idx = i;
        }
    }
    return idx;
}

static int mmheap_pool_overlaps(const void *pool_start, size_t pool_size)
{
    int i;
    int overlap = K_FALSE;
    uintptr_t begin = (uintptr_t)pool_start;
    uintptr_t other;

    for (i = 0; i < k_mmheap_ctl.pool_cnt; ++i) {
        other = (uintptr_t)k_mmheap_ctl.pool_start[i];
        if (other < begin + pool_size && begin < other + k_mmheap_ctl.pool_size[i]) {
            overlap = K_TRUE;
        }
    }
    return overlap;
}

/* §28.3 order after the NULL check; an overlap (Tern addition) comes last. */
static k_err_t mmheap_pool_add_check(void *pool_start, size_t pool_size)
{
    k_err_t err = K_ERR_NONE;
    size_t usable = mmheap_pool_usable(pool_size);

    if (k_mmheap_ctl.pool_cnt >= (int)K_MMHEAP_POOL_MAX) {
        err = K_ERR_MMHEAP_POOL_OVERFLOW;
    } else if (mmheap_pool_index(pool_start) >= 0) {
        err = K_ERR_MMHEAP_POOL_ALREADY_EXIST;
    } else if (((uintptr_t)pool_start & (MMHEAP_ALIGN - 1u)) != 0u) {
        err = K_ERR_MMHEAP_INVALID_POOL_ADDR;
    } else if (usable < MMHEAP_SIZE_MIN || usable > MMHEAP_SIZE_MAX ||
               (uintptr_t)pool_start > UINTPTR_MAX - pool_size) {
        err = K_ERR_MMHEAP_INVALID_POOL_SIZE;
    } else if (mmheap_pool_overlaps(pool_start, pool_size)) {
        err = K_ERR_MMHEAP_POOL_ALREADY_EXIST;
    }
    return err;
}

/* One free block covering the pool, closed by a zero-size used sentinel. */
/* The pool becomes number idx, pool_cnt being idx. */
__KNL_INLINE__ void mmheap_pool_do_add(void *pool_start, size_t pool_size, int idx)
{
    mmheap_blk_t *blk = mmheap_pool_first_blk(pool_start);
    size_t usable = mmheap_pool_usable(pool_size);
    mmheap_blk_t *sentinel = blk_at((uintptr_t)pool_start + usable);

    blk->size = usable | (size_t)K_MMHEAP_BLOCK_CURR_FREE;
    sentinel->prev_phys_blk = blk;
    sentinel->size = (size_t)K_MMHEAP_BLOCK_PREV_FREE;
    freelist_insert(blk);

    k_mmheap_ctl.pool_start[idx] = pool_start;
    k_mmheap_ctl.pool_size[idx] = pool_size;
    k_mmheap_ctl.pool_cnt = idx + 1;
}

/* A pool without live allocations is exactly one free block spanning it. */
static int mmheap_pool_is_idle(int idx)
{
    mmheap_blk_t *blk = mmheap_pool_first_blk(k_mmheap_ctl.pool_start[idx]);

    return blk_is_free(blk) && blk_size(blk) == mmheap_pool_usable(k_mmheap_ctl.pool_size[idx]);
}

/*
 * The later pools move down one place, so registration order is kept. The
 * loop is also bounded by the array, which last never exceeds, so that the
 * compiler sees no access past a one-pool table.
 */
static void mmheap_pool_forget(int idx)
{
    int i;
    int last = k_mmheap_ctl.pool_cnt - 1;

    for (i = idx; i < last && i + 1 < (int)K_MMHEAP_POOL_MAX; ++i) {
        k_mmheap_ctl.pool_start[i] = k_mmheap_ctl.pool_start[i + 1];
        k_mmheap_ctl.pool_size[i] = k_mmheap_ctl.pool_size[i + 1];
    }
    k_mmheap_ctl.pool_start[last] = K_NULL;
    k_mmheap_ctl.pool_size[last] = 0u;
    k_mmheap_ctl.pool_cnt = last;
}

static void mmheap_pool_sum(int idx, k_mmheap_info_t *info)
{
    mmheap_blk_t *blk = mmheap_pool_first_blk(k_mmheap_ctl.pool_start[idx]);
    size_t size = blk_size(blk);

    while (size != 0u) {
        if (blk_is_free(blk)) {
            info->free += (uint32_t)size;
        } else {
            info->used += (uint32_t)size;
        }
        blk = blk_next(blk);
        size = blk_size(blk);
    }
}

/* ---- pointer validation (§40.43) ------------------------------------------- */

/* A free predecessor must be in the pool, free, and end exactly at blk. */
static int mmheap_prev_link_sane(mmheap_blk_t *blk, uintptr_t first)
{
    uintptr_t prev;
    int sane = !blk_is_prev_free(blk);

    if (!sane && (uintptr_t)blk > first) {
        prev = (uintptr_t)blk->prev_phys_blk;
        sane = prev >= first && prev < (uintptr_t)blk && (prev & (MMHEAP_ALIGN - 1u)) == 0u &&
               blk_is_free(blk_at(prev)) && blk_next(blk_at(prev)) == blk;
    }
    return sane;
}

/*
 * The checks of the block at ptr, inside the payload area [first block's
 * payload, end) of its pool: aligned, marked used, size within the pool,
 * successor agreeing that we are used, predecessor link consistent.
 */
static int mmheap_blk_in_pool_is_live(mmheap_blk_t *blk, const void *ptr, uintptr_t first,
                                      uintptr_t end)
{
    int live = K_FALSE;
    size_t size;

    /* The header is read only once ptr is known to be aligned. */
    if (((uintptr_t)ptr & (MMHEAP_ALIGN - 1u)) == 0u && !blk_is_free(blk)) {
        size = blk_size(blk);
        live = size >= MMHEAP_SIZE_MIN && (size & (MMHEAP_ALIGN - 1u)) == 0u &&
               size <= end - (uintptr_t)ptr && !blk_is_prev_free(blk_next(blk)) &&
               mmheap_prev_link_sane(blk, first);
    }
    return live;
}

/*
 * Cheap O(1) plausibility of "ptr is the payload of a live block" of a
 * registered pool (pools never overlap, so at most one holds it). Reads only
 * words that lie inside that pool. The block, or K_NULL: callers work on the
 * block, so the header address is computed once.
 */
static mmheap_blk_t *mmheap_live_blk(const void *ptr)
{
    int i;
    mmheap_blk_t *blk = blk_from_ptr(ptr);
    mmheap_blk_t *live = K_NULL;
    uintptr_t addr = (uintptr_t)ptr;
    uintptr_t begin, end;

    /* Bounded by the table too: a one-pool heap has no loop. */
    for (i = 0; i < (int)K_MMHEAP_POOL_MAX && i < k_mmheap_ctl.pool_cnt; ++i) {
        begin = (uintptr_t)k_mmheap_ctl.pool_start[i] + MMHEAP_OVERHEAD;
        /* mmheap_pool_usable() of a registered pool, known to exceed two headers. */
        end = begin +
              mmheap_align_down(k_mmheap_ctl.pool_size[i] - 2u * MMHEAP_OVERHEAD, MMHEAP_ALIGN);
        if (addr >= begin && addr < end &&
            mmheap_blk_in_pool_is_live(blk, ptr, begin - MMHEAP_START, end)) {
            live = blk;
        }
    }
    return live;
}

/* ---- allocation ------------------------------------------------------------ */

__API__ void *tos_mmheap_alloc(size_t size)
{
    TOS_CPU_CPSR_ALLOC();
    void *ptr = K_NULL;
    size_t adjusted = mmheap_adjust_size(size, MMHEAP_ALIGN);

    if (adjusted != 0u && !cpu_is_foreign_context()) {
        TOS_CPU_INT_DISABLE();
        ptr = blk_prepare_used(blk_locate_free(adjusted), adjusted);
        TOS_CPU_INT_ENABLE();
    }
    return ptr;
}

__API__ void *tos_mmheap_calloc(size_t num, size_t size)
{
    void *ptr = K_NULL;

    if (size != 0u && num <= SIZE_MAX / size) {
        ptr = tos_mmheap_alloc(num * size);
    }
    if (ptr != K_NULL) {
        memset(ptr, 0, num * size);
    }
    return ptr;
}

/*
 * Distance from ptr to the first `align` boundary that leaves either no gap
 * or a gap big enough to become a free block of its own.
 */
static size_t mmheap_aligned_gap(const void *ptr, size_t align)
{
    uintptr_t addr = (uintptr_t)ptr;
    uintptr_t mask = (uintptr_t)align - 1u;
    uintptr_t aligned = (addr + mask) & ~mask;
    size_t gap = (size_t)(aligned - addr);
    size_t step;

    if (gap != 0u && gap < sizeof(mmheap_blk_t)) {
        step = sizeof(mmheap_blk_t) - gap;
        if (step < align) {
            step = align;
        }
        aligned = (aligned + step + mask) & ~mask;
        gap = (size_t)(aligned - addr);
    }
    return gap;
}

/*
 * The gap never exceeds align + header - K_MMHEAP_ALIGN_SIZE, so searching
 * for adjusted + align + a header guarantees that, wherever the found block
 * starts, an aligned payload of `adjusted` bytes fits behind a gap that is
 * either 0 or able to stand as a free block. (Rounding that search size up
 * to `align`, as the design's reference code does, would refuse large
 * alignments that fit.)
 */
static void *mmheap_do_aligned_alloc(size_t adjusted, size_t align)
{
    mmheap_blk_t *blk = K_NULL;
    size_t search = 0u;
    size_t gap;

    if (align <= MMHEAP_SIZE_MAX) {
        search = mmheap_adjust_size(adjusted + align + sizeof(mmheap_blk_t), MMHEAP_ALIGN);
    }
    if (search != 0u) {
        blk = blk_locate_free(search);
    }
    if (blk != K_NULL) {
        gap = mmheap_aligned_gap(blk_to_ptr(blk), align);
        if (gap != 0u) {
            blk = blk_trim_free_leading(blk, gap);
        }
    }
    return blk_prepare_used(blk, adjusted);
}

__API__ void *tos_mmheap_aligned_alloc(size_t size, size_t align)
{
    TOS_CPU_CPSR_ALLOC();
    void *ptr = K_NULL;
    size_t adjusted = mmheap_adjust_size(size, MMHEAP_ALIGN);

    if (!mmheap_is_pow2(align)) {
        ptr = K_NULL;
    } else if (align <= MMHEAP_ALIGN) {
        ptr = tos_mmheap_alloc(size);
    } else if (adjusted != 0u && !cpu_is_foreign_context()) {
        TOS_CPU_INT_DISABLE();
        ptr = mmheap_do_aligned_alloc(adjusted, align);
        TOS_CPU_INT_ENABLE();
    }
    return ptr;
}

/* Grows into a free successor or shrinks; K_FALSE if the block must move. */
static int mmheap_resize_in_place(mmheap_blk_t *blk, size_t size)
{
    mmheap_blk_t *next = blk_next(blk);
    size_t cur = blk_size(blk);
    int done = K_FALSE;

    if (size <= cur || (blk_is_free(next) && size <= cur + blk_size(next) + MMHEAP_OVERHEAD)) {
        if (size > cur) {
            blk_merge_next(blk);
            blk_mark_used(blk);
        }
        blk_trim_used(blk, size);
        done = K_TRUE;
    }
    return done;
}

/* The old block stays the caller's until the copy is done, so no lock is held. */
static void *mmheap_realloc_move(void *ptr, size_t cur_size, size_t size)
{
    void *new_ptr = tos_mmheap_alloc(size);

    if (new_ptr != K_NULL) {
        memcpy(new_ptr, ptr, cur_size < size ? cur_size : size);
        tos_mmheap_free(ptr);
    }
    return new_ptr;
}

static void *mmheap_realloc_block(void *ptr, size_t size)
{
    TOS_CPU_CPSR_ALLOC();
    void *new_ptr = K_NULL;
    size_t adjusted = mmheap_adjust_size(size, MMHEAP_ALIGN);
    size_t cur_size = 0u;
    mmheap_blk_t *blk;

    if (adjusted != 0u && !cpu_is_foreign_context()) {
        TOS_CPU_INT_DISABLE();
        blk = mmheap_live_blk(ptr);
        if (blk != K_NULL) {
            cur_size = blk_size(blk);
            if (mmheap_resize_in_place(blk, adjusted)) {
                new_ptr = ptr;
            }
        }
        TOS_CPU_INT_ENABLE();
    }
    if (new_ptr == K_NULL && cur_size != 0u) {
        new_ptr = mmheap_realloc_move(ptr, cur_size, size);
    }
    return new_ptr;
}

__API__ void *tos_mmheap_realloc(void *ptr, size_t size)
{
    void *new_ptr = K_NULL;

    if (ptr == K_NULL) {
        new_ptr = tos_mmheap_alloc(size);
    } else if (size == 0u) {
        tos_mmheap_free(ptr);
    } else {
        new_ptr = mmheap_realloc_block(ptr, size);
    }
    return new_ptr;
}

__API__ void tos_mmheap_free(void *ptr)
{
    TOS_CPU_CPSR_ALLOC();
    mmheap_blk_t *blk;

    if (ptr != K_NULL && !cpu_is_foreign_context()) {
        TOS_CPU_INT_DISABLE();
        blk = mmheap_live_blk(ptr);
        if (blk != K_NULL) {
            blk_release(blk);
        }
        TOS_CPU_INT_ENABLE();
    }
}

/* ---- pools and checks ------------------------------------------------------ */

__API__ k_err_t tos_mmheap_pool_add(void *pool_start, size_t pool_size)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && pool_start == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        err = mmheap_pool_add_check(pool_start, pool_size);
        if (err == K_ERR_NONE) {
            mmheap_pool_do_add(pool_start, pool_size, k_mmheap_ctl.pool_cnt);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_mmheap_pool_rmv(void *pool_start)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();
    int idx;

    if (err == K_ERR_NONE && pool_start == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        idx = mmheap_pool_index(pool_start);
        if (idx < 0) {
            err = K_ERR_MMHEAP_POOL_NOT_EXIST;
        } else if (!mmheap_pool_is_idle(idx)) {
            err = K_ERR_MMHEAP_INVALID_POOL_ADDR;
        } else {
            freelist_remove(mmheap_pool_first_blk(pool_start));
            mmheap_pool_forget(idx);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_mmheap_pool_check(void *pool_start, k_mmheap_info_t *info)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();
    int idx;

    if (err == K_ERR_NONE && (pool_start == K_NULL || info == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        memset(info, 0, sizeof(k_mmheap_info_t));
        TOS_CPU_INT_DISABLE();
        idx = mmheap_pool_index(pool_start);
        if (idx < 0) {
            err = K_ERR_MMHEAP_POOL_NOT_EXIST;
        } else {
            mmheap_pool_sum(idx, info);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_mmheap_check(k_mmheap_info_t *info)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_ctx_check();
    int i;

    if (err == K_ERR_NONE && info == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        memset(info, 0, sizeof(k_mmheap_info_t));
        TOS_CPU_INT_DISABLE();
        for (i = 0; i < k_mmheap_ctl.pool_cnt; ++i) {
            mmheap_pool_sum(i, info);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/*
 * No pools, every list empty. Interrupts disabled. block_null is only ever
 * written (a list's last block points to it, an insertion into an empty
 * list writes its prev_free), never read, so it needs no links of its own.
 */
static void mmheap_reset(void)
{
    int cls;

    memset(&k_mmheap_ctl, 0, sizeof(k_mmheap_ctl));
    for (cls = 0; cls < MMHEAP_CLASS_COUNT; ++cls) {
        *class_head(cls) = MMHEAP_NULL_BLK;
    }
}

__KNL__ void mmheap_init(void)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    mmheap_reset();
    TOS_CPU_INT_ENABLE();
}

#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
/*
 * None of tos_mmheap_pool_add()'s checks can fail here: the default pool is
 * aligned by its definition, its size was checked when compiled, and an
 * empty heap has no pool to exceed the table or to collide with. So the
 * pool is added without them, and an application that never calls
 * tos_mmheap_pool_add() does not link it.
 */
__KNL__ void mmheap_init_default_pool(void)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    mmheap_reset();
    mmheap_pool_do_add(k_mmheap_default_pool, TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE, 0);
    TOS_CPU_INT_ENABLE();
}
#endif

__KNL__ k_err_t mmheap_init_with_pool(void *pool_start, size_t pool_size)
{
    mmheap_init();
    return tos_mmheap_pool_add(pool_start, pool_size);
}

#endif /* TOS_CFG_MMHEAP_EN */
