/*
 * Event flags suite (contract §15, §40.25, §40.27): check order, match
 * rules, CLR semantics, post vs post_keep, wake-up walk, destroy with
 * waiters, ISR use, scheduler lock.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_EVENT_EN > 0u

#define PRIO_HIGHER (k_prio_t)(TT_RUNNER_PRIO - 2u)
#define PRIO_HIGH   (k_prio_t)(TT_RUNNER_PRIO - 1u)
#define PRIO_LOW    (k_prio_t)(TT_RUNNER_PRIO + 1u)

#define STK_SIZE   1024u
#define WAITER_MAX 4
#define TEST_IRQ   7u

#define ANY TOS_OPT_EVENT_PEND_ANY
#define ALL TOS_OPT_EVENT_PEND_ALL
#define CLR TOS_OPT_EVENT_PEND_CLR

typedef struct waiter_st {
    k_task_t task;
    k_stack_t stk[STK_SIZE];
    k_event_flag_t expect;
    k_opt_t opt;
    k_tick_t timeout;
    k_event_flag_t match;
    k_err_t err;
    int done;
} waiter_t;

static waiter_t waiters[WAITER_MAX];
static int wake_order[WAITER_MAX];
static int wake_count;

static k_event_t event;
static k_event_t event_never_created;

static k_err_t isr_err;
static k_err_t isr_err2;
static k_event_flag_t isr_match;

static void setup(void)
{
    memset(waiters, 0, sizeof(waiters));
    memset(wake_order, 0, sizeof(wake_order));
    wake_count = 0;
    memset(&event_never_created, 0, sizeof(event_never_created));
    isr_err = K_ERR_NONE;
    isr_err2 = K_ERR_NONE;
    isr_match = 0u;
}

static void waiter_entry(void *arg)
{
    waiter_t *w = (waiter_t *)arg;

    w->err = tos_event_pend(&event, w->expect, &w->match, w->timeout, w->opt);
    wake_order[wake_count++] = (int)(w - waiters);
    w->done = 1;
}

static k_err_t waiter_start(int idx, k_prio_t prio, k_event_flag_t expect, k_opt_t opt,
                            k_tick_t timeout)
{
    waiter_t *w = &waiters[idx];
    k_err_t err;

    w->expect = expect;
    w->opt = opt;
    w->timeout = timeout;
    w->match = 0xDEADBEEFu;
    w->err = K_ERR_PEND_ABNORMAL;
    err = tos_task_create(&w->task, "evt_waiter", waiter_entry, w, prio, w->stk, STK_SIZE, 0u);
    if (prio > TT_RUNNER_PRIO) {
        (void)tos_task_delay(1u);
    }
    return err;
}

/* ---- create / destroy ------------------------------------------------------------ */

static void test_event_create_null(void)
{
    TT_ASSERT_ERR(tos_event_create(K_NULL, 0u), K_ERR_OBJ_PTR_NULL);
}

static void test_event_create_sets_flag_and_static(void)
{
    memset(&event, 0xFF, sizeof(event));
    TT_ASSERT_ERR(tos_event_create(&event, 0x5Au), K_ERR_NONE);
    TT_ASSERT_EQ(event.flag, 0x5A);
    TT_ASSERT_EQ(event.knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
    TT_ASSERT(tos_list_empty(&event.pend_obj.list));
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

static void test_event_destroy_null(void)
{
    TT_ASSERT_ERR(tos_event_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_event_post(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_event_post_keep(K_NULL, 1u), K_ERR_OBJ_PTR_NULL);
}

static void test_event_invalid_object(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    k_event_flag_t match;

    TT_ASSERT_ERR(tos_event_destroy(&event_never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_event_post(&event_never_created, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_event_post_keep(&event_never_created, 1u), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_event_pend(&event_never_created, 1u, &match, TOS_TIME_NOWAIT, ANY),
                  K_ERR_OBJ_INVALID);
    /* VERIFY comes before the option check. */
    TT_ASSERT_ERR(tos_event_pend(&event_never_created, 1u, &match, TOS_TIME_NOWAIT, 0u),
                  K_ERR_OBJ_INVALID);

    TT_ASSERT_ERR(tos_event_create(&event, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_event_post(&event, 1u), K_ERR_OBJ_INVALID);
#else
    TT_SKIP("TOS_CFG_OBJECT_VERIFY_EN is 0");
#endif
}

static void test_event_destroy_wakes_waiters_and_clears_flag(void)
{
    TT_ASSERT_ERR(tos_event_create(&event, 0x10u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, 0x1u, ANY, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_LOW, 0x3u, ALL, 100u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_PEND_DESTROY);
    TT_ASSERT_EQ(event.flag, 0);
    (void)tos_task_delay(1u);
    TT_ASSERT_ERR(waiters[1].err, K_ERR_PEND_DESTROY);
    /* Untouched: nothing matched. */
    TT_ASSERT_EQ(waiters[1].match, 0xDEADBEEFu);
}

/* ---- pend checks ------------------------------------------------------------------------ */

static void test_event_pend_null_checks(void)
{
    k_event_flag_t match;

    TT_ASSERT_ERR(tos_event_create(&event, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(K_NULL, 1u, &match, TOS_TIME_NOWAIT, ANY), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_event_pend(&event, 1u, K_NULL, TOS_TIME_NOWAIT, ANY), K_ERR_OBJ_PTR_NULL);
    /* NULL checks come before VERIFY and the options. */
    TT_ASSERT_ERR(tos_event_pend(&event_never_created, 1u, K_NULL, TOS_TIME_NOWAIT, 0u),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

static void test_event_pend_option_invalid(void)
{
    k_event_flag_t match = 0u;

    TT_ASSERT_ERR(tos_event_create(&event, 0xFFu), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(&event, 1u, &match, TOS_TIME_NOWAIT, 0u),
                  K_ERR_EVENT_PEND_OPT_INVALID);
    TT_ASSERT_ERR(tos_event_pend(&event, 1u, &match, TOS_TIME_NOWAIT, CLR),
                  K_ERR_EVENT_PEND_OPT_INVALID);
    TT_ASSERT_ERR(tos_event_pend(&event, 1u, &match, TOS_TIME_NOWAIT, ANY | ALL),
                  K_ERR_EVENT_PEND_OPT_INVALID);
    TT_ASSERT_ERR(tos_event_pend(&event, 1u, &match, TOS_TIME_NOWAIT, ANY | ALL | CLR),
                  K_ERR_EVENT_PEND_OPT_INVALID);
    TT_ASSERT_EQ(match, 0);
    /* The refused calls did not clear anything. */
    TT_ASSERT_EQ(event.flag, 0xFF);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

/* ---- match rules -------------------------------------------------------------------------- */

static void test_event_pend_any_matches_some_bits(void)
{
    k_event_flag_t match = 0u;

    TT_ASSERT_ERR(tos_event_create(&event, 0x0Cu), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x06u, &match, TOS_TIME_NOWAIT, ANY), K_ERR_NONE);
    TT_ASSERT_EQ(match, 0x04);
    /* Not consumed. */
    TT_ASSERT_EQ(event.flag, 0x0C);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x03u, &match, TOS_TIME_NOWAIT, ANY), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

static void test_event_pend_all_needs_every_bit(void)
{
    k_event_flag_t match = 0u;

    TT_ASSERT_ERR(tos_event_create(&event, 0x0Cu), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x06u, &match, TOS_TIME_NOWAIT, ALL), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x0Cu, &match, TOS_TIME_NOWAIT, ALL), K_ERR_NONE);
    TT_ASSERT_EQ(match, 0x0C);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x08u, &match, TOS_TIME_NOWAIT, ALL), K_ERR_NONE);
    TT_ASSERT_EQ(match, 0x08);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

/* expect 0: ALL always matches with 0, ANY never matches. */
static void test_event_pend_expect_zero(void)
{
    k_event_flag_t match = 0xFFu;

    TT_ASSERT_ERR(tos_event_create(&event, 0xFFu), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(&event, 0u, &match, TOS_TIME_NOWAIT, ALL), K_ERR_NONE);
    TT_ASSERT_EQ(match, 0);
    TT_ASSERT_ERR(tos_event_pend(&event, 0u, &match, TOS_TIME_NOWAIT, ANY), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

/* §40.25 (kept): CLR clears the whole word, not just the matched bits. */
static void test_event_pend_clr_clears_whole_word(void)
{
    k_event_flag_t match = 0u;

    TT_ASSERT_ERR(tos_event_create(&event, 0xF1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x01u, &match, TOS_TIME_NOWAIT, ANY | CLR), K_ERR_NONE);
    TT_ASSERT_EQ(match, 0x01);
    TT_ASSERT_EQ(event.flag, 0);
    /* A failed CLR pend clears nothing. */
    TT_ASSERT_ERR(tos_event_post(&event, 0x02u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x05u, &match, TOS_TIME_NOWAIT, ALL | CLR),
                  K_ERR_PEND_NOWAIT);
    TT_ASSERT_EQ(event.flag, 0x02);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

static void test_event_pend_timeout_exact_ticks_and_tcb_cleared(void)
{
    k_event_flag_t match = 0x77u;
    k_tick_t start;

    TT_ASSERT_ERR(tos_event_create(&event, 0u), K_ERR_NONE);
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_event_pend(&event, 0x1u, &match, 15u, ANY | CLR), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(tos_systick_get() - start, 15);
    TT_ASSERT_EQ(match, 0x77);
    TT_ASSERT_EQ(k_curr_task->flag_expect, 0);
    TT_ASSERT_NULL(k_curr_task->flag_match);
    TT_ASSERT_EQ(k_curr_task->opt_event_pend, 0);
    TT_ASSERT(tos_list_empty(&event.pend_obj.list));
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

static void test_event_pend_sched_locked(void)
{
    k_event_flag_t match = 0u;

    TT_ASSERT_ERR(tos_event_create(&event, 0x1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x1u, &match, TOS_TIME_FOREVER, ANY), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x2u, &match, TOS_TIME_FOREVER, ANY),
                  K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_event_pend(&event, 0x2u, &match, TOS_TIME_NOWAIT, ANY), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT(tos_list_empty(&event.pend_obj.list));
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

/* ---- post ------------------------------------------------------------------------------------ */

static void test_event_post_overwrites_post_keep_ors(void)
{
    TT_ASSERT_ERR(tos_event_create(&event, 0x0Fu), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_post_keep(&event, 0x30u), K_ERR_NONE);
    TT_ASSERT_EQ(event.flag, 0x3F);
    TT_ASSERT_ERR(tos_event_post(&event, 0x40u), K_ERR_NONE);
    TT_ASSERT_EQ(event.flag, 0x40);
    TT_ASSERT_ERR(tos_event_post(&event, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(event.flag, 0);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

static void test_event_post_wakes_matching_waiters_only(void)
{
    TT_ASSERT_ERR(tos_event_create(&event, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, 0x3u, ALL, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGH, 0x6u, ANY, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, PRIO_HIGHER, 0x8u, ANY, TOS_TIME_FOREVER), K_ERR_NONE);

    TT_ASSERT_ERR(tos_event_post_keep(&event, 0x1u), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 0);
    TT_ASSERT_ERR(tos_event_post_keep(&event, 0x2u), K_ERR_NONE);
    /*
     * 0x3 satisfies both 0 (ALL 0x3) and 1 (ANY 0x6). Woken together at a
     * priority other than ours, equals run last-woken first (§7.5).
     */
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(wake_order[0], 1);
    TT_ASSERT_EQ(wake_order[1], 0);
    TT_ASSERT_EQ(waiters[0].match, 0x3);
    TT_ASSERT_EQ(waiters[1].match, 0x2);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_EQ(waiters[2].done, 0);
    /* Posting does not consume bits. */
    TT_ASSERT_EQ(event.flag, 0x3);
    TT_ASSERT_ERR(tos_event_post(&event, 0x8u), K_ERR_NONE);
    TT_ASSERT_EQ(waiters[2].done, 1);
    TT_ASSERT_EQ(waiters[2].match, 0x8);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

static void test_event_post_wakes_in_priority_order(void)
{
    TT_ASSERT_ERR(tos_event_create(&event, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_LOW, 0x1u, ANY, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGH, 0x1u, ANY, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(2, PRIO_HIGHER, 0x1u, ANY, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_post(&event, 0x1u), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(wake_order[0], 2);
    TT_ASSERT_EQ(wake_order[1], 1);
    (void)tos_task_delay(1u);
    TT_ASSERT_EQ(wake_count, 3);
    TT_ASSERT_ERR(waiters[0].err, K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

/*
 * §40.25 (kept): the first woken CLR waiter clears the word and ends the
 * walk; later waiters are never offered the posted value. (Ending the walk
 * or going on against the cleared word cannot be told apart: a waiter that
 * matches 0 never blocks.)
 */
static void test_event_clr_waiter_stops_the_walk(void)
{
    TT_ASSERT_ERR(tos_event_create(&event, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGHER, 0x1u, ANY, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(1, PRIO_HIGH, 0x1u, ANY | CLR, TOS_TIME_FOREVER), K_ERR_NONE);
    /* Would match the posted 0x3, but comes after the CLR waiter. */
    TT_ASSERT_ERR(waiter_start(2, PRIO_LOW, 0x1u, ANY, 50u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_event_post(&event, 0x3u), K_ERR_NONE);
    TT_ASSERT_EQ(wake_count, 2);
    TT_ASSERT_EQ(waiters[0].match, 0x1);
    TT_ASSERT_EQ(waiters[1].match, 0x1);
    TT_ASSERT_EQ(event.flag, 0);
    (void)tos_task_delay(60u);
    TT_ASSERT_EQ(waiters[2].done, 1);
    TT_ASSERT_ERR(waiters[2].err, K_ERR_PEND_TIMEOUT);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

/* ---- ISR --------------------------------------------------------------------------------------
 */

static void isr_pend(void)
{
    tos_knl_irq_enter();
    isr_err = tos_event_pend(&event, 0x1u, &isr_match, TOS_TIME_NOWAIT, ANY);
    /* IRQ is checked before NULL. */
    isr_err2 = tos_event_pend(K_NULL, 0x1u, K_NULL, TOS_TIME_NOWAIT, 0u);
    tos_knl_irq_leave();
}

static void test_event_pend_refused_in_isr(void)
{
    TT_ASSERT_ERR(tos_event_create(&event, 0x1u), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_pend);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err2, K_ERR_IN_IRQ);
    TT_ASSERT_EQ(isr_match, 0);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

static void isr_post_keep(void)
{
    tos_knl_irq_enter();
    isr_err = tos_event_post_keep(&event, 0x4u);
    tos_knl_irq_leave();
}

static void test_event_post_keep_from_isr_wakes_waiter(void)
{
    TT_ASSERT_ERR(tos_event_create(&event, 0x1u), K_ERR_NONE);
    TT_ASSERT_ERR(waiter_start(0, PRIO_HIGH, 0x5u, ALL | CLR, TOS_TIME_FOREVER), K_ERR_NONE);
    tt_irq_connect(TEST_IRQ, isr_post_keep);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_EQ(waiters[0].done, 1);
    TT_ASSERT_EQ(waiters[0].match, 0x5);
    TT_ASSERT_EQ(event.flag, 0);
    TT_ASSERT_ERR(tos_event_destroy(&event), K_ERR_NONE);
}

/* §40.27 (kept): create and destroy have no ISR check. */
static void isr_create_destroy(void)
{
    tos_knl_irq_enter();
    isr_err = tos_event_create(&event, 0x9u);
    isr_err2 = tos_event_destroy(&event);
    tos_knl_irq_leave();
}

static void test_event_create_destroy_allowed_in_isr(void)
{
    tt_irq_connect(TEST_IRQ, isr_create_destroy);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_ERR(isr_err, K_ERR_NONE);
    TT_ASSERT_ERR(isr_err2, K_ERR_NONE);
}

TT_SUITE("event", setup, K_NULL, TT_CASE(test_event_create_null),
         TT_CASE(test_event_create_sets_flag_and_static), TT_CASE(test_event_destroy_null),
         TT_CASE(test_event_invalid_object),
         TT_CASE(test_event_destroy_wakes_waiters_and_clears_flag),
         TT_CASE(test_event_pend_null_checks), TT_CASE(test_event_pend_option_invalid),
         TT_CASE(test_event_pend_any_matches_some_bits),
         TT_CASE(test_event_pend_all_needs_every_bit), TT_CASE(test_event_pend_expect_zero),
         TT_CASE(test_event_pend_clr_clears_whole_word),
         TT_CASE(test_event_pend_timeout_exact_ticks_and_tcb_cleared),
         TT_CASE(test_event_pend_sched_locked), TT_CASE(test_event_post_overwrites_post_keep_ors),
         TT_CASE(test_event_post_wakes_matching_waiters_only),
         TT_CASE(test_event_post_wakes_in_priority_order),
         TT_CASE(test_event_clr_waiter_stops_the_walk), TT_CASE(test_event_pend_refused_in_isr),
         TT_CASE(test_event_post_keep_from_isr_wakes_waiter),
         TT_CASE(test_event_create_destroy_allowed_in_isr));

#else /* TOS_CFG_EVENT_EN */

static void test_event_disabled(void)
{
    TT_SKIP("TOS_CFG_EVENT_EN is 0");
}

TT_SUITE("event", K_NULL, K_NULL, TT_CASE(test_event_disabled));

#endif /* TOS_CFG_EVENT_EN */
