/*
 * Heap allocator mmheap (contract §28): Two-Level Segregated Fit over up to
 * K_MMHEAP_POOL_MAX pools. Every operation is O(1) in the number of blocks
 * except the *_check walks. Design note: docs/mmheap.md.
 *
 * With TOS_CFG_MMHEAP_EN == 0 only four macros exist, mapping the
 * allocation calls onto the C library.
 */
#ifndef _TOS_MMHEAP_H_
#define _TOS_MMHEAP_H_

#if TOS_CFG_MMHEAP_EN > 0u

__CDECLS_BEGIN

/*
 * Returned payloads are aligned to K_MMHEAP_ALIGN_SIZE: 4 bytes (log2 2) as
 * the contract states on 8/16/32-bit CPUs, 8 bytes (log2 3) on 64-bit
 * targets, so that structures holding pointers and 64-bit counters are
 * naturally aligned there (contract §40.42).
 *
 * The size-class table is sized by three Tern options whose defaults give
 * the contract's values (5, 30, 3; docs/mmheap.md): a heap of a few KiB
 * sets TOS_CFG_MMHEAP_FL_INDEX_MAX to log2 of its largest block and a
 * smaller second-level split, and its control block shrinks from about
 * 3 KiB to a few hundred bytes. Every operation stays O(1).
 */
#define K_MMHEAP_SL_INDEX_COUNT_LOG2 TOS_CFG_MMHEAP_SL_INDEX_COUNT_LOG2
#if TOS_CFG_CPU_ADDR_SIZE == CPU_WORD_SIZE_64
#define K_MMHEAP_ALIGN_SIZE_LOG2 3
#else
#define K_MMHEAP_ALIGN_SIZE_LOG2 2
#endif
#define K_MMHEAP_ALIGN_SIZE (1 << K_MMHEAP_ALIGN_SIZE_LOG2)

#define K_MMHEAP_FL_INDEX_MAX     TOS_CFG_MMHEAP_FL_INDEX_MAX
#define K_MMHEAP_SL_INDEX_COUNT   (1 << K_MMHEAP_SL_INDEX_COUNT_LOG2)
#define K_MMHEAP_FL_INDEX_SHIFT   (K_MMHEAP_SL_INDEX_COUNT_LOG2 + K_MMHEAP_ALIGN_SIZE_LOG2)
#define K_MMHEAP_FL_INDEX_COUNT   (K_MMHEAP_FL_INDEX_MAX - K_MMHEAP_FL_INDEX_SHIFT + 1)
#define K_MMHEAP_SMALL_BLOCK_SIZE (1 << K_MMHEAP_FL_INDEX_SHIFT)

/* State bits kept in the two low bits of mmheap_blk_t.size. */
#define K_MMHEAP_BLOCK_CURR_FREE  (1 << 0)
#define K_MMHEAP_BLOCK_PREV_FREE  (1 << 1)
#define K_MMHEAP_BLOCK_SIZE_MASK  (~(K_MMHEAP_BLOCK_CURR_FREE | K_MMHEAP_BLOCK_PREV_FREE))
#define K_MMHEAP_BLOCK_STATE_MASK (K_MMHEAP_BLOCK_CURR_FREE | K_MMHEAP_BLOCK_PREV_FREE)

/*
 * A free block's payload must hold next_free, prev_free and the following
 * block's prev_phys_blk, hence "the header minus one pointer".
 */
#define K_MMHEAP_BLK_SIZE_MIN        (sizeof(mmheap_blk_t) - sizeof(mmheap_blk_t *))
#define K_MMHEAP_BLK_SIZE_MAX        (1 << K_MMHEAP_FL_INDEX_MAX)
#define K_MMHEAP_BLK_HEADER_OVERHEAD (sizeof(size_t))
#define K_MMHEAP_BLK_START_OFFSET    (TOS_OFFSET_OF_FIELD(mmheap_blk_t, size) + sizeof(size_t))

#define K_MMHEAP_POOL_MAX TOS_CFG_MMHEAP_POOL_MAX

/* Result of the check functions: payload bytes, headers not counted. */
typedef struct k_mmheap_information_st {
    uint32_t used;
    uint32_t free;
} k_mmheap_info_t;

/*
 * Block header. prev_phys_blk is only valid while the previous block is
 * free (it lives in that block's last payload word); next_free/prev_free
 * only while this block is free (they live in its own payload).
 */
typedef struct mmheap_blk_st {
    struct mmheap_blk_st *prev_phys_blk;
    size_t size;
    struct mmheap_blk_st *next_free;
    struct mmheap_blk_st *prev_free;
} mmheap_blk_t;

typedef struct k_mmheap_control_st {
    int pool_cnt;
    void *pool_start[K_MMHEAP_POOL_MAX];

    /* Terminates every free list, so list code needs no NULL tests. */
    mmheap_blk_t block_null;

    uint32_t fl_bitmap;
    uint32_t sl_bitmap[K_MMHEAP_FL_INDEX_COUNT];

    mmheap_blk_t *blocks[K_MMHEAP_FL_INDEX_COUNT][K_MMHEAP_SL_INDEX_COUNT];

    /*
     * Tern extension, after every contract member: the byte size each pool
     * was added with, so free() can bound pointers and pool_rmv() can tell
     * an idle pool from a busy one in O(1).
     */
    size_t pool_size[K_MMHEAP_POOL_MAX];
} k_mmheap_ctl_t;

/*
 * Every function below masks interrupts around its own list work, so tasks
 * and ISRs may use the heap concurrently (contract §40.41). The memory copy
 * of a moving realloc and the zero-fill of calloc run with interrupts
 * enabled; the *_check walks keep them masked for the whole walk.
 * On the host simulator a call from an OS thread that does not run the
 * simulated CPU allocates nothing (NULL) and frees nothing.
 */

/*
 * Adds [pool_start, pool_start + pool_size) to the heap as one free block.
 * pool_start must be aligned to K_MMHEAP_ALIGN_SIZE.
 * Errors, first failing check decides:
 *   K_ERR_KNL_FOREIGN_CONTEXT      (host simulator) called from outside the simulated CPU;
 *   K_ERR_OBJ_PTR_NULL             pool_start is NULL;
 *   K_ERR_MMHEAP_POOL_OVERFLOW     K_MMHEAP_POOL_MAX pools already registered;
 *   K_ERR_MMHEAP_POOL_ALREADY_EXIST pool_start already registered;
 *   K_ERR_MMHEAP_INVALID_POOL_ADDR pool_start not aligned to K_MMHEAP_ALIGN_SIZE;
 *   K_ERR_MMHEAP_INVALID_POOL_SIZE usable size (pool_size - 2 * sizeof(size_t), aligned
 *                                  down) below K_MMHEAP_BLK_SIZE_MIN or above
 *                                  K_MMHEAP_BLK_SIZE_MAX (1 GiB, or
 *                                  1 << TOS_CFG_MMHEAP_FL_INDEX_MAX), or the range
 *                                  wraps the address space;
 *   K_ERR_MMHEAP_POOL_ALREADY_EXIST the range overlaps a registered pool.
 */
__API__ k_err_t tos_mmheap_pool_add(void *pool_start, size_t pool_size);

/*
 * Forgets a pool. Only a pool without live allocations can be removed.
 * Errors, first failing check decides:
 *   K_ERR_KNL_FOREIGN_CONTEXT      (host simulator) called from outside the simulated CPU;
 *   K_ERR_OBJ_PTR_NULL             pool_start is NULL;
 *   K_ERR_MMHEAP_POOL_NOT_EXIST    pool_start is not a registered pool;
 *   K_ERR_MMHEAP_INVALID_POOL_ADDR the pool still has live allocations (it stays registered
 *                                  and untouched).
 */
__API__ k_err_t tos_mmheap_pool_rmv(void *pool_start);

/*
 * Returns a block of at least size bytes aligned to K_MMHEAP_ALIGN_SIZE, or
 * NULL when size is 0, above K_MMHEAP_BLK_SIZE_MAX, or no free block fits.
 */
__API__ void *tos_mmheap_alloc(size_t size);

/* alloc(num * size) zero-filled; NULL also when num * size overflows. */
__API__ void *tos_mmheap_calloc(size_t num, size_t size);

/*
 * Like alloc, with the payload aligned to align (a power of two; up to
 * K_MMHEAP_ALIGN_SIZE it is plain alloc). The space skipped in front of
 * the payload goes back to the free lists. NULL when size is 0, align is
 * not a power of two, or nothing fits.
 */
__API__ void *tos_mmheap_aligned_alloc(size_t size, size_t align);

/*
 * ptr NULL: alloc(size). size 0: free(ptr), returns NULL. Otherwise grows
 * in place into a free successor, shrinks in place, or moves (copying
 * min(old payload, size) bytes). Returns NULL and leaves the old block
 * untouched when no room is found, size is above K_MMHEAP_BLK_SIZE_MAX, or
 * ptr is not a live block (see tos_mmheap_free).
 */
__API__ void *tos_mmheap_realloc(void *ptr, size_t size);

/*
 * Frees a block and merges it with free neighbours. NULL is a no-op. A
 * pointer that is not the payload of a live block of a registered pool is
 * ignored when it fails the cheap O(1) checks (inside a pool, aligned,
 * block marked used, size and neighbour links consistent); see
 * docs/mmheap.md for what these checks cannot catch.
 */
__API__ void tos_mmheap_free(void *ptr);

/*
 * Sums the payload bytes of the used and free blocks of one pool.
 * Errors, first failing check decides:
 *   K_ERR_KNL_FOREIGN_CONTEXT   (host simulator) called from outside the simulated CPU;
 *   K_ERR_OBJ_PTR_NULL          pool_start or info is NULL;
 *   K_ERR_MMHEAP_POOL_NOT_EXIST pool_start is not a registered pool (*info left zeroed).
 */
__API__ k_err_t tos_mmheap_pool_check(void *pool_start, k_mmheap_info_t *info);

/*
 * Sums tos_mmheap_pool_check() over every registered pool.
 * Errors: K_ERR_KNL_FOREIGN_CONTEXT (host simulator); K_ERR_OBJ_PTR_NULL (info).
 */
__API__ k_err_t tos_mmheap_check(k_mmheap_info_t *info);

/* Resets the heap to "no pools" (tos_knl_init without a default pool). */
__KNL__ void mmheap_init(void);

/* mmheap_init() then tos_mmheap_pool_add(pool_start, pool_size); returns its error. */
__KNL__ k_err_t mmheap_init_with_pool(void *pool_start, size_t pool_size);

#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
/*
 * mmheap_init() then k_mmheap_default_pool added as the heap's one pool
 * (tos_knl_init). Cannot fail: the pool's size is checked when compiled.
 */
__KNL__ void mmheap_init_default_pool(void);
#endif

__CDECLS_END

#else /* TOS_CFG_MMHEAP_EN == 0: the C library serves the kernel's _dyn calls */

#define tos_mmheap_alloc   malloc
#define tos_mmheap_calloc  calloc
#define tos_mmheap_realloc realloc
#define tos_mmheap_free    free

#endif /* TOS_CFG_MMHEAP_EN */

#endif /* _TOS_MMHEAP_H_ */
