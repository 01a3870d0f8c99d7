/*
 * Bitmap (contract §32, §40.38): MSB-first numbering, set/reset/query, the
 * lowest-set-bit search, the range rule for bit == bit_max, argument checks.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define BIT_MAX  40u
#define IRQ_LINE 9u

static k_bitmap_t bm;
/* A guard word after the table catches any write past it. */
static k_bmtbl_t tbl[TOS_BITMAP_SIZE(BIT_MAX) + 1u];

#define GUARD 0xA5A5A5A5u

static void setup(void)
{
    memset(&bm, 0, sizeof(bm));
    tbl[TOS_BITMAP_SIZE(BIT_MAX)] = GUARD;
    TT_ASSERT_ERR(tos_bitmap_create_empty(&bm, tbl, BIT_MAX), K_ERR_NONE);
}

static void teardown(void)
{
    TT_ASSERT_EQ(tbl[TOS_BITMAP_SIZE(BIT_MAX)], GUARD);
}

static void test_bitmap_macros(void)
{
    TT_ASSERT_EQ(K_BITMAP_SLOT_SIZE, 32);
    TT_ASSERT_EQ(K_BITMAP_TBL_SIZE(1u), 1);
    TT_ASSERT_EQ(K_BITMAP_TBL_SIZE(32u), 1);
    TT_ASSERT_EQ(K_BITMAP_TBL_SIZE(33u), 2);
    TT_ASSERT_EQ(TOS_BITMAP_SIZE(BIT_MAX), 2);
    TT_ASSERT_EQ(K_BITMAP_NDX(31u), 0);
    TT_ASSERT_EQ(K_BITMAP_NDX(32u), 1);
    TT_ASSERT_EQ(K_BITMAP_BIT(0u), 0x80000000u);
    TT_ASSERT_EQ(K_BITMAP_BIT(31u), 1u);
    TT_ASSERT_EQ(K_BITMAP_BIT(33u), 0x40000000u);
}

static void test_bitmap_create_empty(void)
{
    TT_ASSERT_EQ(bm.bit_max, BIT_MAX);
    TT_ASSERT_EQ(bm.bit_ndx_max, 2);
    TT_ASSERT_PTR_EQ(bm.bitmap_tbl, tbl);
    TT_ASSERT_EQ(tbl[0], 0u);
    TT_ASSERT_EQ(tbl[1], 0u);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(bm.knl_obj.type, KNL_OBJ_TYPE_BITMAP);
#endif
    TT_ASSERT_EQ(tos_bitmap_is_reset(&bm, 0u), K_TRUE);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, 39u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), BIT_MAX + 1u);
}

static void test_bitmap_create_full(void)
{
    TT_ASSERT_ERR(tos_bitmap_create_full(&bm, tbl, BIT_MAX), K_ERR_NONE);
    TT_ASSERT_EQ(tbl[0], 0xFFFFFFFFu);
    TT_ASSERT_EQ(tbl[1], 0xFFFFFFFFu);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, 0u), K_TRUE);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, BIT_MAX - 1u), K_TRUE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), 0);
}

static void test_bitmap_create_null_args(void)
{
    k_bitmap_t other;

    memset(&other, 0, sizeof(other));
    TT_ASSERT_ERR(tos_bitmap_create_empty(K_NULL, tbl, BIT_MAX), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bitmap_create_full(K_NULL, tbl, BIT_MAX), K_ERR_OBJ_PTR_NULL);
    /* §40.34-style hardening: a NULL table is refused instead of written. */
    TT_ASSERT_ERR(tos_bitmap_create_empty(&other, K_NULL, BIT_MAX), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bitmap_create_full(&other, K_NULL, BIT_MAX), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_NULL(other.bitmap_tbl);
}

/* Bit 0 is the most significant bit of word 0; bit 32 that of word 1. */
static void test_bitmap_set_uses_msb_first_numbering(void)
{
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(tbl[0], 0x80000000u);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 31u), K_ERR_NONE);
    TT_ASSERT_EQ(tbl[0], 0x80000001u);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 32u), K_ERR_NONE);
    TT_ASSERT_EQ(tbl[1], 0x80000000u);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 39u), K_ERR_NONE);
    TT_ASSERT_EQ(tbl[1], 0x81000000u);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, 31u), K_TRUE);
    TT_ASSERT_EQ(tos_bitmap_is_reset(&bm, 31u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, 30u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_is_reset(&bm, 30u), K_TRUE);
}

static void test_bitmap_reset_clears_only_that_bit(void)
{
    TT_ASSERT_ERR(tos_bitmap_create_full(&bm, tbl, BIT_MAX), K_ERR_NONE);
    TT_ASSERT_ERR(tos_bitmap_reset(&bm, 1u), K_ERR_NONE);
    TT_ASSERT_EQ(tbl[0], 0xBFFFFFFFu);
    TT_ASSERT_ERR(tos_bitmap_reset(&bm, 35u), K_ERR_NONE);
    TT_ASSERT_EQ(tbl[1], 0xEFFFFFFFu);
    TT_ASSERT_EQ(tos_bitmap_is_reset(&bm, 35u), K_TRUE);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 35u), K_ERR_NONE);
    TT_ASSERT_EQ(tbl[1], 0xFFFFFFFFu);
}

static void test_bitmap_lsb_finds_lowest_set_bit(void)
{
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 37u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), 37);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 33u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), 33);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 5u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), 5);
    TT_ASSERT_ERR(tos_bitmap_reset(&bm, 5u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), 33);
    TT_ASSERT_ERR(tos_bitmap_reset(&bm, 33u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_bitmap_reset(&bm, 37u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), BIT_MAX + 1u);
}

/* Padding bits beyond bit_max (set by create_full) never count as found. */
static void test_bitmap_lsb_ignores_padding_bits(void)
{
    uint32_t bit;

    TT_ASSERT_ERR(tos_bitmap_create_full(&bm, tbl, BIT_MAX), K_ERR_NONE);
    for (bit = 0u; bit <= BIT_MAX; ++bit) {
        TT_ASSERT_ERR(tos_bitmap_reset(&bm, bit), K_ERR_NONE);
    }
    TT_ASSERT_NE(tbl[1], 0u);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), BIT_MAX + 1u);
    /* The caller owns the table: clear padding bit 41 so that 42 is the first set bit. */
    tbl[1] &= ~K_BITMAP_BIT(BIT_MAX + 1u);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), BIT_MAX + 1u);
}

/*
 * §40.38: bit == bit_max is accepted while it lies inside the table
 * (bit_max = 40: bit 40 is in word 1); anything above bit_max is refused.
 */
static void test_bitmap_bit_max_accepted_inside_table(void)
{
    TT_ASSERT_ERR(tos_bitmap_set(&bm, BIT_MAX), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, BIT_MAX), K_TRUE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), BIT_MAX);
    TT_ASSERT_ERR(tos_bitmap_reset(&bm, BIT_MAX), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bitmap_is_reset(&bm, BIT_MAX), K_TRUE);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, BIT_MAX + 1u), K_ERR_BITMAP_EXCEED);
    TT_ASSERT_ERR(tos_bitmap_reset(&bm, BIT_MAX + 1u), K_ERR_BITMAP_EXCEED);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 0xFFFFFFFFu), K_ERR_BITMAP_EXCEED);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, BIT_MAX + 1u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_is_reset(&bm, BIT_MAX + 1u), K_FALSE);
    TT_ASSERT_EQ(tbl[0], 0u);
    TT_ASSERT_EQ(tbl[1], 0u);
}

/*
 * §40.38: with bit_max a multiple of 32, bit == bit_max would be one word past
 * the table; it is refused and the word after the table stays untouched.
 */
static void test_bitmap_rejects_bit_max_outside_table(void)
{
    k_bitmap_t b64;
    k_bmtbl_t t64[TOS_BITMAP_SIZE(64u) + 1u];

    t64[2] = GUARD;
    TT_ASSERT_ERR(tos_bitmap_create_empty(&b64, t64, 64u), K_ERR_NONE);
    TT_ASSERT_EQ(b64.bit_ndx_max, 2);
    TT_ASSERT_ERR(tos_bitmap_set(&b64, 63u), K_ERR_NONE);
    TT_ASSERT_EQ(t64[1], 1u);
    TT_ASSERT_ERR(tos_bitmap_set(&b64, 64u), K_ERR_BITMAP_EXCEED);
    TT_ASSERT_ERR(tos_bitmap_reset(&b64, 64u), K_ERR_BITMAP_EXCEED);
    TT_ASSERT_EQ(tos_bitmap_is_set(&b64, 64u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_is_reset(&b64, 64u), K_FALSE);
    TT_ASSERT_EQ(t64[2], GUARD);
    TT_ASSERT_ERR(tos_bitmap_create_full(&b64, t64, 64u), K_ERR_NONE);
    TT_ASSERT_EQ(t64[2], GUARD);
    TT_ASSERT_ERR(tos_bitmap_reset(&b64, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&b64), 1);
}

static void test_bitmap_zero_bits(void)
{
    k_bitmap_t b0;
    k_bmtbl_t t0[1] = {GUARD};

    TT_ASSERT_ERR(tos_bitmap_create_full(&b0, t0, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(t0[0], GUARD);
    TT_ASSERT_ERR(tos_bitmap_set(&b0, 0u), K_ERR_BITMAP_EXCEED);
    TT_ASSERT_EQ(tos_bitmap_lsb(&b0), 1);
    TT_ASSERT_EQ(t0[0], GUARD);
}

static void test_bitmap_null_args(void)
{
    TT_ASSERT_ERR(tos_bitmap_set(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bitmap_reset(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_bitmap_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(tos_bitmap_is_set(K_NULL, 1u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_is_reset(K_NULL, 1u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_lsb(K_NULL), -1);
}

static void test_bitmap_destroy(void)
{
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 3u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_bitmap_destroy(&bm), K_ERR_NONE);
    TT_ASSERT_NULL(bm.bitmap_tbl);
    TT_ASSERT_EQ(bm.bit_max, 0);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(bm.knl_obj.type, KNL_OBJ_TYPE_NONE);
    TT_ASSERT_ERR(tos_bitmap_destroy(&bm), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 3u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bitmap_reset(&bm, 3u), K_ERR_OBJ_INVALID);
    /* VERIFY comes before the range check. */
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 1000u), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, 3u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_is_reset(&bm, 4u), K_FALSE);
    TT_ASSERT_EQ(tos_bitmap_lsb(&bm), -1);
#endif
    /* Destroy leaves the caller's table alone. */
    TT_ASSERT_EQ(tbl[0], 0x10000000u);
}

static void test_bitmap_never_created_is_invalid(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_bitmap_t zeroed;

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_bitmap_set(&zeroed, 0u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_bitmap_destroy(&zeroed), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_bitmap_lsb(&zeroed), -1);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

/* ---- ISR ------------------------------------------------------------------ */

static k_err_t isr_err;
static int isr_lsb;

static void isr_mark(void)
{
    tos_knl_irq_enter();
    isr_err = tos_bitmap_set(&bm, 12u);
    isr_lsb = tos_bitmap_lsb(&bm);
    tos_knl_irq_leave();
}

static void test_bitmap_usable_from_isr(void)
{
    TT_ASSERT_ERR(tos_bitmap_set(&bm, 20u), K_ERR_NONE);
    tt_irq_connect(IRQ_LINE, isr_mark);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(isr_lsb, 12);
    TT_ASSERT_EQ(tos_bitmap_is_set(&bm, 12u), K_TRUE);
}

TT_SUITE("bitmap", setup, teardown, TT_CASE(test_bitmap_macros), TT_CASE(test_bitmap_create_empty),
         TT_CASE(test_bitmap_create_full), TT_CASE(test_bitmap_create_null_args),
         TT_CASE(test_bitmap_set_uses_msb_first_numbering),
         TT_CASE(test_bitmap_reset_clears_only_that_bit),
         TT_CASE(test_bitmap_lsb_finds_lowest_set_bit),
         TT_CASE(test_bitmap_lsb_ignores_padding_bits),
         TT_CASE(test_bitmap_bit_max_accepted_inside_table),
         TT_CASE(test_bitmap_rejects_bit_max_outside_table), TT_CASE(test_bitmap_zero_bits),
         TT_CASE(test_bitmap_null_args), TT_CASE(test_bitmap_destroy),
         TT_CASE(test_bitmap_never_created_is_invalid), TT_CASE(test_bitmap_usable_from_isr));
