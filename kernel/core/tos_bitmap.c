/*
 * Bitmap (contract §32). Bit numbering is MSB-first: bit 0 is the top bit of
 * word 0, so the lowest set index is a count of leading zeros.
 *
 * §40.38: bit == bit_max stays accepted (the original's inclusive bit_max)
 * but only while it lies inside the caller's table; when bit_max is a
 * multiple of 32 that bit would be one word past the table and is rejected.
 */
#include "knl_private.h"

/* Foreign context, then NULL of the bitmap and of its table. */
static k_err_t bitmap_ptrs_check(const k_bitmap_t *bitmap, const k_bmtbl_t *bitmap_tbl)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (bitmap == K_NULL || bitmap_tbl == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* Words needed for bit_max bits, without the overflow of bit_max + 31. */
static uint32_t bitmap_tbl_words(uint32_t bit_max)
{
    return bit_max / 32u + (bit_max % 32u != 0u ? 1u : 0u);
}

static int bitmap_bit_is_valid(const k_bitmap_t *bitmap, uint32_t bit)
{
    return bit <= bitmap->bit_max && K_BITMAP_NDX(bit) < bitmap->bit_ndx_max;
}

static void bitmap_setup(k_bitmap_t *bitmap, k_bmtbl_t *bitmap_tbl, uint32_t bit_max,
                         k_bmtbl_t fill)
{
    uint32_t ndx;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    bitmap->bit_ndx_max = bitmap_tbl_words(bit_max);
    bitmap->bit_max = bit_max;
    bitmap->bitmap_tbl = bitmap_tbl;
    for (ndx = 0u; ndx < bitmap->bit_ndx_max; ++ndx) {
        bitmap_tbl[ndx] = fill;
    }
    knl_object_alloc_set_static(&bitmap->knl_obj);
    knl_object_init(&bitmap->knl_obj, KNL_OBJ_TYPE_BITMAP);
    TOS_CPU_INT_ENABLE();
}

static k_err_t bitmap_create(k_bitmap_t *bitmap, k_bmtbl_t *bitmap_tbl, uint32_t bit_max,
                             k_bmtbl_t fill)
{
    k_err_t err = bitmap_ptrs_check(bitmap, bitmap_tbl);

    if (err == K_ERR_NONE) {
        bitmap_setup(bitmap, bitmap_tbl, bit_max, fill);
    }
    return err;
}

__API__ k_err_t tos_bitmap_create_empty(k_bitmap_t *bitmap, k_bmtbl_t *bitmap_tbl, uint32_t bit_max)
{
    return bitmap_create(bitmap, bitmap_tbl, bit_max, (k_bmtbl_t)0u);
}

__API__ k_err_t tos_bitmap_create_full(k_bitmap_t *bitmap, k_bmtbl_t *bitmap_tbl, uint32_t bit_max)
{
    return bitmap_create(bitmap, bitmap_tbl, bit_max, (k_bmtbl_t) ~(k_bmtbl_t)0u);
}

__API__ k_err_t tos_bitmap_destroy(k_bitmap_t *bitmap)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(bitmap, KNL_OBJ_TYPE_BITMAP);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        bitmap->bit_ndx_max = 0u;
        bitmap->bit_max = 0u;
        bitmap->bitmap_tbl = K_NULL;
        knl_object_alloc_reset(&bitmap->knl_obj);
        knl_object_deinit(&bitmap->knl_obj);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* Sets (value != 0) or clears one bit after the common checks. */
static k_err_t bitmap_write(k_bitmap_t *bitmap, uint32_t bit, int value)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(bitmap, KNL_OBJ_TYPE_BITMAP);

    if (err == K_ERR_NONE && !bitmap_bit_is_valid(bitmap, bit)) {
        err = K_ERR_BITMAP_EXCEED;
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (value) {
            bitmap->bitmap_tbl[K_BITMAP_NDX(bit)] |= K_BITMAP_BIT(bit);
        } else {
            bitmap->bitmap_tbl[K_BITMAP_NDX(bit)] &= ~K_BITMAP_BIT(bit);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_bitmap_set(k_bitmap_t *bitmap, uint32_t bit)
{
    return bitmap_write(bitmap, bit, K_TRUE);
}

__API__ k_err_t tos_bitmap_reset(k_bitmap_t *bitmap, uint32_t bit)
{
    return bitmap_write(bitmap, bit, K_FALSE);
}

/* K_TRUE if the bit has the wanted state; K_FALSE also for NULL/invalid/out of range. */
static int bitmap_test(k_bitmap_t *bitmap, uint32_t bit, int want_set)
{
    int is_set;
    int match = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(bitmap, KNL_OBJ_TYPE_BITMAP) && bitmap_bit_is_valid(bitmap, bit)) {
        TOS_CPU_INT_DISABLE();
        is_set = (bitmap->bitmap_tbl[K_BITMAP_NDX(bit)] & K_BITMAP_BIT(bit)) != 0u;
        TOS_CPU_INT_ENABLE();
        match = is_set == want_set ? K_TRUE : K_FALSE;
    }
    return match;
}

__API__ int tos_bitmap_is_set(k_bitmap_t *bitmap, uint32_t bit)
{
    return bitmap_test(bitmap, bit, K_TRUE);
}

__API__ int tos_bitmap_is_reset(k_bitmap_t *bitmap, uint32_t bit)
{
    return bitmap_test(bitmap, bit, K_FALSE);
}

/* First set bit of the table, or bit_max + 1; bits past bit_max do not count. */
static uint32_t bitmap_first_set(const k_bitmap_t *bitmap)
{
    uint32_t ndx;
    uint32_t bit = bitmap->bit_max + 1u;

    for (ndx = 0u; ndx < bitmap->bit_ndx_max; ++ndx) {
        if (bitmap->bitmap_tbl[ndx] != 0u) {
            bit = ndx * 32u + tos_cpu_clz(bitmap->bitmap_tbl[ndx]);
            break;
        }
    }
    return bit > bitmap->bit_max ? bitmap->bit_max + 1u : bit;
}

__API__ int tos_bitmap_lsb(k_bitmap_t *bitmap)
{
    int lsb = -1;
    TOS_CPU_CPSR_ALLOC();

    if (knl_obj_is_valid(bitmap, KNL_OBJ_TYPE_BITMAP)) {
        TOS_CPU_INT_DISABLE();
        lsb = (int)bitmap_first_set(bitmap);
        TOS_CPU_INT_ENABLE();
    }
    return lsb;
}
