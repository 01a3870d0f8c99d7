/*
 * Bitmap (contract §32) over a caller-supplied table of 32-bit words.
 * Bit 0 is the most significant bit of word 0 (MSB-first numbering).
 * Every access is a short critical section, so ISRs may use it too.
 *
 * Valid bits (contract §40.38): 0 .. bit_max - 1, plus bit_max itself when it
 * still lies inside the table (bit_max not a multiple of 32). The original
 * accepted bit_max unconditionally and so wrote one word past the table when
 * bit_max is a multiple of 32; that one case is rejected here.
 *
 * On the host simulator every k_err_t function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_BITMAP_H_
#define _TOS_BITMAP_H_

__CDECLS_BEGIN

typedef uint32_t k_bmtbl_t;

typedef struct k_bitmap_st {
    knl_obj_t knl_obj;

    uint32_t bit_ndx_max; /* words in the table */
    uint32_t bit_max;
    k_bmtbl_t *bitmap_tbl;
} k_bitmap_t;

#define K_BITMAP_SLOT_SIZE         (sizeof(k_bmtbl_t) * 8)
#define K_BITMAP_TBL_SIZE(bit_max) (((bit_max) + 31) / 32)
#define K_BITMAP_NDX(bit)          ((bit) >> 5u)
#define K_BITMAP_BIT(bit)          ((uint32_t)1u << (31 - ((bit)&31)))

/* Words (k_bmtbl_t) the caller supplies for a bitmap of bit_max bits. */
#define TOS_BITMAP_SIZE(bit_max) K_BITMAP_TBL_SIZE(bit_max)

/*
 * Creates a bitmap over bitmap_tbl (TOS_BITMAP_SIZE(bit_max) words) with
 * every bit clear.
 * Errors: K_ERR_OBJ_PTR_NULL (bitmap or bitmap_tbl NULL).
 */
__API__ k_err_t tos_bitmap_create_empty(k_bitmap_t *bitmap, k_bmtbl_t *bitmap_tbl,
                                        uint32_t bit_max);

/*
 * As tos_bitmap_create_empty() with every bit of the table set.
 * Errors: K_ERR_OBJ_PTR_NULL (bitmap or bitmap_tbl NULL).
 */
__API__ k_err_t tos_bitmap_create_full(k_bitmap_t *bitmap, k_bmtbl_t *bitmap_tbl, uint32_t bit_max);

/*
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (not a live bitmap, verify on).
 */
__API__ k_err_t tos_bitmap_destroy(k_bitmap_t *bitmap);

/*
 * Sets one bit.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_BITMAP_EXCEED (bit not
 * valid, see above).
 */
__API__ k_err_t tos_bitmap_set(k_bitmap_t *bitmap, uint32_t bit);

/*
 * Clears one bit.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_BITMAP_EXCEED.
 */
__API__ k_err_t tos_bitmap_reset(k_bitmap_t *bitmap, uint32_t bit);

/* K_TRUE iff bit is set; K_FALSE also for NULL/invalid/out-of-range. */
__API__ int tos_bitmap_is_set(k_bitmap_t *bitmap, uint32_t bit);

/* K_TRUE iff bit is clear; K_FALSE also for NULL/invalid/out-of-range. */
__API__ int tos_bitmap_is_reset(k_bitmap_t *bitmap, uint32_t bit);

/*
 * The smallest valid bit index that is set; bit_max + 1 if none is; -1 for
 * NULL/invalid.
 */
__API__ int tos_bitmap_lsb(k_bitmap_t *bitmap);

__CDECLS_END

#endif /* _TOS_BITMAP_H_ */
