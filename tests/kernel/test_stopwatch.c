/*
 * Stopwatch (contract §31, §40.39): deadlines measured on the virtual tick
 * (exact counts), remain/remain_ms/is_expired, saturation, argument checks,
 * use from an ISR.
 *
 * tos_stopwatch_delay() busy-waits without yielding; on the simulator's
 * virtual clock time does not move while a task spins, so only the
 * zero-length waits are exercised here.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define IRQ_LINE 10u
#define TPS      ((k_tick_t)TOS_CFG_CPU_TICK_PER_SECOND)

static k_stopwatch_t sw;

static void setup(void)
{
    memset(&sw, 0, sizeof(sw));
    TT_ASSERT_ERR(tos_stopwatch_create(&sw), K_ERR_NONE);
}

/* ceil(tick * 1000 / TPS), the value remain_ms must report. */
static k_time_t ms_ceil(k_tick_t tick)
{
    return (k_time_t)((tick * 1000u + TPS - 1u) / TPS);
}

static void test_stopwatch_create_is_expired(void)
{
    TT_ASSERT_EQ(sw.until, 0);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(sw.knl_obj.type, KNL_OBJ_TYPE_STOPWATCH);
#endif
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_TRUE);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), 0);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(&sw), 0);
}

static void test_stopwatch_countdown_counts_exact_ticks(void)
{
    k_tick_t start = tos_systick_get();

    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 100u), K_ERR_NONE);
    TT_ASSERT_EQ(sw.until, start + 100u);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), 100);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_FALSE);
    TT_ASSERT_ERR(tos_task_delay(40u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), start + 40u);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), 60);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_FALSE);
    TT_ASSERT_ERR(tos_task_delay(59u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), 1);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_FALSE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), 0);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(&sw), 0);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_TRUE);
    TT_ASSERT_ERR(tos_task_delay(5u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), 0);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_TRUE);
}

static void test_stopwatch_countdown_restarts(void)
{
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 10u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_TRUE);
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 30u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), 30);
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_TRUE);
}

static void test_stopwatch_countdown_ms_converts_to_ticks(void)
{
    TT_ASSERT_ERR(tos_stopwatch_countdown_ms(&sw, 250u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), tos_millisec2tick(250u));
    TT_ASSERT_ERR(tos_task_delay(tos_millisec2tick(250u)), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_TRUE);
}

/* §40.39: remain_ms reports milliseconds (the original reported seconds). */
static void test_stopwatch_remain_ms_returns_milliseconds(void)
{
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 1500u * TPS / 1000u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(&sw), 1500);
    TT_ASSERT_ERR(tos_task_delay(TPS / 2u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(&sw), 1000);
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 1u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(&sw), ms_ceil(1u));
    TT_ASSERT_GE(tos_stopwatch_remain_ms(&sw), 1);
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 7u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(&sw), ms_ceil(7u));
}

/* A countdown past the end of time saturates instead of wrapping into the past. */
static void test_stopwatch_huge_countdown_saturates(void)
{
    TT_ASSERT_ERR(tos_task_delay(3u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(sw.until, K_TIME_MAX);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_FALSE);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), K_TIME_MAX - tos_systick_get());
    TT_ASSERT_NE(tos_stopwatch_remain(&sw), (k_tick_t)-1);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(&sw), (k_time_t)-2);
}

static void test_stopwatch_zero_delay_returns_at_once(void)
{
    k_tick_t start = tos_systick_get();

    tos_stopwatch_delay(0u);
    tos_stopwatch_delay_ms(0u);
    TT_ASSERT_EQ(tos_systick_get(), start);
}

static void test_stopwatch_null_args(void)
{
    TT_ASSERT_ERR(tos_stopwatch_create(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_stopwatch_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_stopwatch_countdown(K_NULL, 5u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_stopwatch_countdown_ms(K_NULL, 5u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(tos_stopwatch_remain(K_NULL), (k_tick_t)-1);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(K_NULL), (k_time_t)-1);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(K_NULL), K_FALSE);
}

static void test_stopwatch_destroy(void)
{
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 50u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_stopwatch_destroy(&sw), K_ERR_NONE);
    TT_ASSERT_EQ(sw.until, 0);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(sw.knl_obj.type, KNL_OBJ_TYPE_NONE);
#endif
}

static void test_stopwatch_destroyed_is_invalid(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_stopwatch_t zeroed;

    TT_ASSERT_ERR(tos_stopwatch_destroy(&sw), K_ERR_NONE);
    TT_ASSERT_ERR(tos_stopwatch_destroy(&sw), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_stopwatch_countdown(&sw, 5u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_stopwatch_countdown_ms(&sw, 5u), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(sw.until, 0);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), (k_tick_t)-1);
    TT_ASSERT_EQ(tos_stopwatch_remain_ms(&sw), (k_time_t)-1);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_FALSE);

    memset(&zeroed, 0, sizeof(zeroed));
    TT_ASSERT_ERR(tos_stopwatch_countdown(&zeroed, 5u), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&zeroed), K_FALSE);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

/* ---- ISR ------------------------------------------------------------------ */

static k_err_t isr_err;
static int isr_expired;

static void isr_arm(void)
{
    tos_knl_irq_enter();
    isr_err = tos_stopwatch_countdown(&sw, 20u);
    isr_expired = tos_stopwatch_is_expired(&sw);
    tos_knl_irq_leave();
}

static void test_stopwatch_usable_from_isr(void)
{
    tt_irq_connect(IRQ_LINE, isr_arm);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(isr_expired, K_FALSE);
    TT_ASSERT_EQ(tos_stopwatch_remain(&sw), 20);
    TT_ASSERT_ERR(tos_task_delay(20u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_stopwatch_is_expired(&sw), K_TRUE);
}

TT_SUITE("stopwatch", setup, NULL, TT_CASE(test_stopwatch_create_is_expired),
         TT_CASE(test_stopwatch_countdown_counts_exact_ticks),
         TT_CASE(test_stopwatch_countdown_restarts),
         TT_CASE(test_stopwatch_countdown_ms_converts_to_ticks),
         TT_CASE(test_stopwatch_remain_ms_returns_milliseconds),
         TT_CASE(test_stopwatch_huge_countdown_saturates),
         TT_CASE(test_stopwatch_zero_delay_returns_at_once), TT_CASE(test_stopwatch_null_args),
         TT_CASE(test_stopwatch_destroy), TT_CASE(test_stopwatch_destroyed_is_invalid),
         TT_CASE(test_stopwatch_usable_from_isr));
