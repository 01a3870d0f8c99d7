/*
 * Software timers (contract §30, §40.44-48), in the servicing mode of the
 * configuration: the default config services timers from the tick ISR
 * (procedure mode), host-max from the timer task. Every case holds in both;
 * where the modes differ by contract (callback context, late servicing) the
 * case asserts the behaviour of the mode it runs in.
 *
 * Callbacks record the tick they ran at, so expiries are asserted exactly.
 * A case checks "not yet fired" by sleeping to the tick before an expiry,
 * and "fired at t" by sleeping past t and reading the recorded tick (in task
 * mode the runner, more urgent than the timer task, wakes before the
 * callback of the same tick runs).
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_TIMER_EN > 0u

#define TIMER_TASK_MODE (TOS_CFG_TIMER_AS_PROC == 0u)

#define TMR_NUM  48u
#define REC_MAX  8u
#define LOG_MAX  128u
#define TEST_IRQ 7u

#if TOS_CFG_OBJECT_VERIFY_EN > 0u
#define ERR_STALE K_ERR_OBJ_INVALID /* destroyed or never created */
#else
#define ERR_STALE K_ERR_TIMER_INACTIVE
#endif

/* What one timer's callback saw. */
typedef struct rec_st {
    unsigned int count;
    k_tick_t at[REC_MAX];
} rec_t;

static k_timer_t tmr[TMR_NUM];
static rec_t rec[TMR_NUM];

/* Global firing order: the index passed as callback argument. */
static unsigned int order_log[LOG_MAX];
static k_tick_t order_at[LOG_MAX];
static unsigned int order_n;

/* Absolute expiry of the first running timer, TOS_TIME_FOREVER if none. */
static k_tick_t first_expiry(void)
{
    k_tick_t at = TOS_TIME_FOREVER;

    if (!tos_list_empty(&k_timer_ctl.list)) {
        at = TOS_LIST_FIRST_ENTRY(&k_timer_ctl.list, k_timer_t, list)->expires;
    }
    return at;
}

static void setup(void)
{
    memset(tmr, 0, sizeof(tmr));
    memset(rec, 0, sizeof(rec));
    order_n = 0u;
}

/* No timer may outlive its case: its callback would write into the next one. */
static void teardown(void)
{
    unsigned int i;

    for (i = 0u; i < TMR_NUM; ++i) {
        (void)tos_timer_destroy(&tmr[i]);
    }
}

static void rec_cb(void *arg)
{
    rec_t *r = (rec_t *)arg;

    if (r->count < REC_MAX) {
        r->at[r->count] = tos_systick_get();
    }
    r->count++;
}

static void order_cb(void *arg)
{
    if (order_n < LOG_MAX) {
        order_log[order_n] = (unsigned int)(uintptr_t)arg;
        order_at[order_n] = tos_systick_get();
    }
    order_n++;
}

static void sleep_until(k_tick_t when)
{
    k_tick_t now = tos_systick_get();

    if (when > now) {
        (void)tos_task_delay(when - now);
    }
}

/* Creates tmr[i] recording into rec[i]. */
static k_err_t rec_create(unsigned int i, k_tick_t delay, k_tick_t period, k_opt_t opt)
{
    return tos_timer_create(&tmr[i], delay, period, rec_cb, &rec[i], opt);
}

static k_err_t order_create(unsigned int i, k_tick_t delay, k_tick_t period, k_opt_t opt)
{
    return tos_timer_create(&tmr[i], delay, period, order_cb, (void *)(uintptr_t)i, opt);
}

/* ---- create -------------------------------------------------------------- */

static void test_timer_create_null_pointers(void)
{
    TT_ASSERT_ERR(tos_timer_create(K_NULL, 10u, 0u, rec_cb, K_NULL, TOS_OPT_TIMER_ONESHOT),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 10u, 0u, K_NULL, K_NULL, TOS_OPT_TIMER_ONESHOT),
                  K_ERR_OBJ_PTR_NULL);
    /* NULL comes before every argument check. */
    TT_ASSERT_ERR(tos_timer_create(K_NULL, TOS_TIME_FOREVER, 0u, rec_cb, K_NULL, (k_opt_t)0u),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 0u, 0u, K_NULL, K_NULL, TOS_OPT_TIMER_PERIODIC),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_UNUSED);
}

static void test_timer_create_argument_errors_in_contract_order(void)
{
    const k_opt_t one = TOS_OPT_TIMER_ONESHOT;
    const k_opt_t per = TOS_OPT_TIMER_PERIODIC;
    const k_tick_t ever = TOS_TIME_FOREVER;

    /* Each line also breaks every later rule, so only the order can pick the code. */
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], ever, 0u, rec_cb, K_NULL, per),
                  K_ERR_TIMER_INVALID_PERIOD);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 0u, ever, rec_cb, K_NULL, one),
                  K_ERR_TIMER_INVALID_DELAY);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], ever, ever, rec_cb, K_NULL, (k_opt_t)0u),
                  K_ERR_TIMER_INVALID_OPT);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 5u, 5u, rec_cb, K_NULL, (k_opt_t)(one | per)),
                  K_ERR_TIMER_INVALID_OPT);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], ever, ever, rec_cb, K_NULL, one),
                  K_ERR_TIMER_DELAY_FOREVER);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], ever, ever, rec_cb, K_NULL, per),
                  K_ERR_TIMER_DELAY_FOREVER);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 5u, ever, rec_cb, K_NULL, one),
                  K_ERR_TIMER_PERIOD_FOREVER);
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 0u, ever, rec_cb, K_NULL, per),
                  K_ERR_TIMER_PERIOD_FOREVER);
    /* Nothing was initialised by a refused create. */
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_UNUSED);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), ERR_STALE);
}

static void test_timer_create_initialises_a_stopped_timer(void)
{
    int arg = 0;

    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 7u, 9u, rec_cb, &arg, TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_STOPPED);
    TT_ASSERT_EQ(tmr[0].delay, 7u);
    TT_ASSERT_EQ(tmr[0].period, 9u);
    TT_ASSERT_EQ(tmr[0].opt, TOS_OPT_TIMER_PERIODIC);
    TT_ASSERT(tmr[0].cb == rec_cb);
    TT_ASSERT_PTR_EQ(tmr[0].cb_arg, &arg);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(tmr[0].knl_obj.type, KNL_OBJ_TYPE_TIMER);
#endif
    /* Limits that are accepted: a periodic timer without delay, a one-shot without period. */
    TT_ASSERT_ERR(rec_create(1u, 0u, 1u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(2u, 1u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(3u, K_TIME_MAX, K_TIME_MAX, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
}

static void test_timer_create_does_not_start(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(rec_create(0u, 5u, 5u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_EQ(first_expiry(), TOS_TIME_FOREVER);
    sleep_until(t0 + 50u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_STOPPED);
}

/* §40.47 (decided): create on a running timer is refused; the timer runs on untouched. */
static void test_timer_create_on_running_timer_is_refused(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(rec_create(0u, 100u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(1u, 50u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(2u, 150u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[1]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[2]), K_ERR_NONE);

    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 10u, 0u, rec_cb, &rec[3], TOS_OPT_TIMER_ONESHOT),
                  K_ERR_TIMER_RUNNING);
    /* Argument errors still come first. */
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 0u, 0u, rec_cb, &rec[3], TOS_OPT_TIMER_ONESHOT),
                  K_ERR_TIMER_INVALID_DELAY);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_RUNNING);
    TT_ASSERT_EQ(tmr[0].delay, 100u);
    TT_ASSERT_PTR_EQ(tmr[0].cb_arg, &rec[0]);

    sleep_until(t0 + 160u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 100u);
    TT_ASSERT_EQ(rec[1].at[0], t0 + 50u);
    TT_ASSERT_EQ(rec[2].at[0], t0 + 150u);
    TT_ASSERT_EQ(rec[3].count, 0u);

    /* Completed (and stopped) timers are not running: create re-initialises them. */
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 10u, 0u, rec_cb, &rec[3], TOS_OPT_TIMER_ONESHOT),
                  K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_STOPPED);
}

/* ---- start / stop -------------------------------------------------------- */

static void test_timer_oneshot_fires_once_at_exact_tick_then_completed(void)
{
    k_tick_t t0;

    TT_ASSERT_ERR(rec_create(0u, 500u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_RUNNING);
    TT_ASSERT_EQ(tmr[0].expires, t0 + 500u);
    TT_ASSERT_EQ(first_expiry(), t0 + 500u);

    sleep_until(t0 + 499u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_RUNNING);

    sleep_until(t0 + 510u); /* the contract's test point */
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 500u);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_COMPLETED);
    TT_ASSERT_EQ(first_expiry(), TOS_TIME_FOREVER);

    sleep_until(t0 + 2000u);
    TT_ASSERT_EQ(rec[0].count, 1u);
}

static void test_timer_completed_oneshot_is_restartable(void)
{
    k_tick_t t1;

    TT_ASSERT_ERR(rec_create(0u, 20u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(tos_systick_get() + 30u);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_COMPLETED);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_TIMER_STOPPED);

    t1 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_RUNNING);
    sleep_until(t1 + 30u);
    TT_ASSERT_EQ(rec[0].count, 2u);
    TT_ASSERT_EQ(rec[0].at[1], t1 + 20u);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_COMPLETED);
}

/*
 * §40.45 (kept): a periodic timer re-arms at "service tick + period"; on-time
 * servicing makes that exact. The contract's (500, 400) timer.
 */
static void test_timer_periodic_fires_at_exact_ticks(void)
{
    k_tick_t t0;
    unsigned int k;

    TT_ASSERT_ERR(rec_create(0u, 500u, 400u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    for (k = 1u; k <= 4u; ++k) {
        sleep_until(t0 + 510u + k * 410u);
        TT_ASSERT_EQ(rec[0].count, 1u + k);
    }
    for (k = 0u; k < 5u; ++k) {
        TT_ASSERT_EQ(rec[0].at[k], t0 + 500u + k * 400u);
    }
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_RUNNING);
    TT_ASSERT_EQ(tmr[0].expires, t0 + 500u + 5u * 400u);
}

static void test_timer_periodic_without_delay_starts_with_period(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(rec_create(0u, 0u, 100u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 99u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    sleep_until(t0 + 250u);
    TT_ASSERT_EQ(rec[0].count, 2u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 100u);
    TT_ASSERT_EQ(rec[0].at[1], t0 + 200u);
}

static void test_timer_one_tick_timers(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(rec_create(0u, 1u, 1u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(1u, 1u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[1]), K_ERR_NONE);
    sleep_until(t0 + 5u);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_NONE);
    /* In task mode the callback of the runner's wake-up tick has not run yet. */
    TT_ASSERT_EQ(rec[0].count, TIMER_TASK_MODE ? 4u : 5u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 1u);
    TT_ASSERT_EQ(rec[0].at[3], t0 + 4u);
    TT_ASSERT_EQ(rec[1].count, 1u);
    TT_ASSERT_EQ(rec[1].at[0], t0 + 1u);
}

static void test_timer_start_errors(void)
{
    TT_ASSERT_ERR(tos_timer_start(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), ERR_STALE); /* never created */

    TT_ASSERT_ERR(rec_create(0u, 10u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    /* The state checks, reached with a valid tag. */
    tmr[0].state = TIMER_STATE_UNUSED;
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_TIMER_INACTIVE);
    tmr[0].state = (timer_state_t)7;
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_TIMER_INVALID_STATE);
    TT_ASSERT_EQ(first_expiry(), TOS_TIME_FOREVER);
    tmr[0].state = TIMER_STATE_STOPPED;

    TT_ASSERT_ERR(tos_timer_destroy(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), ERR_STALE);
}

static void test_timer_stop_semantics_and_errors(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(tos_timer_stop(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), ERR_STALE);

    TT_ASSERT_ERR(rec_create(0u, 50u, 50u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_TIMER_STOPPED); /* created, never started */
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 60u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_STOPPED);
    TT_ASSERT_EQ(first_expiry(), TOS_TIME_FOREVER);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_TIMER_STOPPED);
    sleep_until(t0 + 300u);
    TT_ASSERT_EQ(rec[0].count, 1u);

    tmr[0].state = TIMER_STATE_UNUSED;
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_TIMER_INACTIVE);
    tmr[0].state = (timer_state_t)7;
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_TIMER_INVALID_STATE);
    tmr[0].state = TIMER_STATE_STOPPED;
}

static void test_timer_stop_then_start_rearms_from_now(void)
{
    k_tick_t t0 = tos_systick_get();
    k_tick_t t1;

    TT_ASSERT_ERR(rec_create(0u, 100u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 70u);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 90u);
    t1 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t1 + 150u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t1 + 100u);
}

static void test_timer_restart_running_uses_delay(void)
{
    k_tick_t t0 = tos_systick_get();
    k_tick_t t1;

    TT_ASSERT_ERR(rec_create(0u, 100u, 40u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 60u);
    t1 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_RUNNING);
    TT_ASSERT_EQ(tmr[0].expires, t1 + 100u);
    sleep_until(t1 + 99u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    sleep_until(t1 + 150u);
    TT_ASSERT_EQ(rec[0].count, 2u);
    TT_ASSERT_EQ(rec[0].at[0], t1 + 100u);
    TT_ASSERT_EQ(rec[0].at[1], t1 + 140u);
}

/* §40.44 (decided): a restart with delay 0 waits a period, like a start. */
static void test_timer_restart_with_zero_delay_waits_a_period(void)
{
    k_tick_t t0 = tos_systick_get();
    k_tick_t t1;

    TT_ASSERT_ERR(rec_create(0u, 0u, 100u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 30u);
    t1 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].expires, t1 + 100u);
    sleep_until(t1 + 99u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    sleep_until(t1 + 250u);
    TT_ASSERT_EQ(rec[0].count, 2u);
    TT_ASSERT_EQ(rec[0].at[0], t1 + 100u);
    TT_ASSERT_EQ(rec[0].at[1], t1 + 200u);
}

/* ---- delay_change / period_change ---------------------------------------- */

static void test_timer_delay_change_rules(void)
{
    k_tick_t t0;

    TT_ASSERT_ERR(tos_timer_delay_change(K_NULL, 5u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[0], 5u), ERR_STALE);

    TT_ASSERT_ERR(rec_create(0u, 50u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[0], 0u), K_ERR_TIMER_INVALID_DELAY);
    TT_ASSERT_EQ(tmr[0].delay, 50u);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    /* Running beats the value checks. */
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[0], 0u), K_ERR_TIMER_RUNNING);
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[0], 20u), K_ERR_TIMER_RUNNING);
    TT_ASSERT_EQ(tmr[0].delay, 50u);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_NONE);

    /* The new delay takes effect at the next start. */
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[0], 20u), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].delay, 20u);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 60u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 20u);
    /* A completed timer may be changed too. */
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[0], 30u), K_ERR_NONE);

    /* A periodic timer may drop its delay (the period is used instead). */
    TT_ASSERT_ERR(rec_create(1u, 50u, 10u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[1], 0u), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[1].delay, 0u);

    tmr[1].state = TIMER_STATE_UNUSED;
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[1], 5u), K_ERR_TIMER_INACTIVE);
    tmr[1].state = TIMER_STATE_STOPPED;
}

static void test_timer_period_change_rules(void)
{
    k_tick_t t0;

    TT_ASSERT_ERR(tos_timer_period_change(K_NULL, 5u), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[0], 5u), ERR_STALE);

    TT_ASSERT_ERR(rec_create(0u, 10u, 10u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[0], 0u), K_ERR_TIMER_INVALID_PERIOD);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[0], 0u), K_ERR_TIMER_RUNNING);
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[0], 30u), K_ERR_TIMER_RUNNING);
    TT_ASSERT_EQ(tmr[0].period, 10u);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_NONE);

    TT_ASSERT_ERR(tos_timer_period_change(&tmr[0], 30u), K_ERR_NONE);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 75u);
    TT_ASSERT_EQ(rec[0].count, 3u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 10u);
    TT_ASSERT_EQ(rec[0].at[1], t0 + 40u);
    TT_ASSERT_EQ(rec[0].at[2], t0 + 70u);

    /* A one-shot timer has no use for its period: 0 is fine. */
    TT_ASSERT_ERR(rec_create(1u, 10u, 10u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[1], 0u), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[1].period, 0u);

    tmr[1].state = TIMER_STATE_UNUSED;
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[1], 5u), K_ERR_TIMER_INACTIVE);
    tmr[1].state = TIMER_STATE_STOPPED;
}

/*
 * Beyond the contract (which has no FOREVER check in the change calls): an
 * armed FOREVER would wrap the absolute expiry into the past and fire at
 * once, so the change calls refuse it as create does.
 */
static void test_timer_change_to_forever_is_refused(void)
{
    k_tick_t t0;

    TT_ASSERT_ERR(rec_create(0u, 20u, 30u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[0], TOS_TIME_FOREVER), K_ERR_TIMER_DELAY_FOREVER);
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[0], TOS_TIME_FOREVER), K_ERR_TIMER_PERIOD_FOREVER);
    TT_ASSERT_ERR(rec_create(1u, 20u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[1], TOS_TIME_FOREVER), K_ERR_TIMER_DELAY_FOREVER);
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[1], TOS_TIME_FOREVER), K_ERR_TIMER_PERIOD_FOREVER);
    /* The largest finite values are fine. */
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[1], K_TIME_MAX), K_ERR_NONE);

    /* Both keep their old values and fire as before. */
    t0 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[1], 20u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[1]), K_ERR_NONE);
    sleep_until(t0 + 60u);
    TT_ASSERT_EQ(rec[0].count, 2u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 20u);
    TT_ASSERT_EQ(rec[0].at[1], t0 + 50u);
    TT_ASSERT_EQ(rec[1].count, 1u);
    TT_ASSERT_EQ(rec[1].at[0], t0 + 20u);
}

/* ---- destroy ------------------------------------------------------------- */

static void test_timer_destroy_errors_and_reset(void)
{
    TT_ASSERT_ERR(tos_timer_destroy(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_timer_destroy(&tmr[0]), ERR_STALE);

    TT_ASSERT_ERR(rec_create(0u, 10u, 20u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    tmr[0].state = TIMER_STATE_UNUSED;
    TT_ASSERT_ERR(tos_timer_destroy(&tmr[0]), K_ERR_TIMER_INACTIVE);
    tmr[0].state = TIMER_STATE_STOPPED;

    TT_ASSERT_ERR(tos_timer_destroy(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_UNUSED);
    TT_ASSERT(tmr[0].cb == K_NULL);
    TT_ASSERT_EQ(tmr[0].delay, 0u);
    TT_ASSERT_EQ(tmr[0].period, 0u);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_EQ(tmr[0].knl_obj.type, KNL_OBJ_TYPE_NONE);
#endif
    TT_ASSERT_ERR(tos_timer_destroy(&tmr[0]), ERR_STALE);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), ERR_STALE);
    TT_ASSERT_ERR(tos_timer_delay_change(&tmr[0], 5u), ERR_STALE);
    TT_ASSERT_ERR(tos_timer_period_change(&tmr[0], 5u), ERR_STALE);

    /* A destroyed timer can be created again. */
    TT_ASSERT_ERR(rec_create(0u, 10u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_STOPPED);
}

static void test_timer_destroy_running_timer_unlinks_it(void)
{
    k_tick_t t0 = tos_systick_get();
    unsigned int i;

    TT_ASSERT_ERR(rec_create(0u, 30u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(1u, 20u, 20u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(2u, 40u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(3u, 28u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_ERR(tos_timer_start(&tmr[i]), K_ERR_NONE);
    }

    /* At t0 + 25 the list is 3 (28), 0 (30), 2 (40), 1 (40, re-armed at t0 + 20). */
    sleep_until(t0 + 25u);
    TT_ASSERT_ERR(tos_timer_destroy(&tmr[3]), K_ERR_NONE); /* the first */
    TT_ASSERT_EQ(first_expiry(), t0 + 30u);
    TT_ASSERT_ERR(tos_timer_destroy(&tmr[2]), K_ERR_NONE); /* a middle one */
    TT_ASSERT_ERR(tos_timer_destroy(&tmr[1]), K_ERR_NONE); /* the last */
    TT_ASSERT_PTR_EQ(k_timer_ctl.list.next, &tmr[0].list);
    TT_ASSERT_PTR_EQ(k_timer_ctl.list.prev, &tmr[0].list);
    sleep_until(t0 + 100u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 30u);
    TT_ASSERT_EQ(rec[1].count, 1u);
    TT_ASSERT_EQ(rec[2].count, 0u);
    TT_ASSERT_EQ(rec[3].count, 0u);
    TT_ASSERT(tos_list_empty(&k_timer_ctl.list));
    TT_ASSERT_EQ(first_expiry(), TOS_TIME_FOREVER);
}

/* ---- ordering and many timers --------------------------------------------- */

static void test_timer_equal_expiries_fire_in_start_order(void)
{
    static const unsigned int start_order[4] = {2u, 0u, 3u, 1u};
    k_tick_t t0 = tos_systick_get();
    unsigned int i;

    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_ERR(order_create(i, 50u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    }
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_ERR(tos_timer_start(&tmr[start_order[i]]), K_ERR_NONE);
    }
    /* A restart goes behind its equals. */
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 60u);
    TT_ASSERT_EQ(order_n, 4u);
    TT_ASSERT_EQ(order_log[0], 2u);
    TT_ASSERT_EQ(order_log[1], 3u);
    TT_ASSERT_EQ(order_log[2], 1u);
    TT_ASSERT_EQ(order_log[3], 0u);
    for (i = 0u; i < 4u; ++i) {
        TT_ASSERT_EQ(order_at[i], t0 + 50u);
    }
}

/* A periodic re-arm is inserted behind timers already waiting for the same tick. */
static void test_timer_periodic_rearm_goes_behind_equal_expiry(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(order_create(0u, 10u, 10u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(order_create(1u, 15u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 5u);
    TT_ASSERT_ERR(tos_timer_start(&tmr[1]), K_ERR_NONE); /* expires at t0 + 20 */
    sleep_until(t0 + 25u);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(order_n, 3u);
    TT_ASSERT_EQ(order_log[0], 0u);
    TT_ASSERT_EQ(order_at[0], t0 + 10u);
    TT_ASSERT_EQ(order_log[1], 1u);
    TT_ASSERT_EQ(order_at[1], t0 + 20u);
    TT_ASSERT_EQ(order_log[2], 0u);
    TT_ASSERT_EQ(order_at[2], t0 + 20u);
}

static k_tick_t many_delay(unsigned int i)
{
    /* A permutation-like spread with repeats (i and i + 16 share a delay). */
    return (k_tick_t)((i % 16u) * 37u % 101u + 3u);
}

static void test_timer_many_oneshots_fire_in_expiry_then_start_order(void)
{
    k_tick_t t0 = tos_systick_get();
    unsigned int i;

    for (i = 0u; i < TMR_NUM; ++i) {
        TT_ASSERT_ERR(order_create(i, many_delay(i), 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
        TT_ASSERT_ERR(tos_timer_start(&tmr[i]), K_ERR_NONE);
    }
    sleep_until(t0 + 200u);
    TT_ASSERT_EQ(order_n, TMR_NUM);
    for (i = 0u; i < TMR_NUM; ++i) {
        TT_ASSERT_EQ(order_at[i], t0 + many_delay(order_log[i]));
        TT_ASSERT_EQ(tmr[i].state, TIMER_STATE_COMPLETED);
    }
    for (i = 1u; i < TMR_NUM; ++i) {
        unsigned int a = order_log[i - 1u];
        unsigned int b = order_log[i];

        TT_ASSERT(many_delay(a) < many_delay(b) || (many_delay(a) == many_delay(b) && a < b));
    }
}

static void test_timer_many_periodic_timers_keep_their_periods(void)
{
    const unsigned int n = 16u;
    const k_tick_t span = 1000u;
    k_tick_t t0 = tos_systick_get();
    unsigned int i;

    for (i = 0u; i < n; ++i) {
        TT_ASSERT_ERR(rec_create(i, i + 1u, 7u + i, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
        TT_ASSERT_ERR(tos_timer_start(&tmr[i]), K_ERR_NONE);
    }
    sleep_until(t0 + span);
    for (i = 0u; i < n; ++i) {
        TT_ASSERT_ERR(tos_timer_stop(&tmr[i]), K_ERR_NONE);
    }
    for (i = 0u; i < n; ++i) {
        k_tick_t delay = i + 1u;
        k_tick_t period = 7u + i;
        unsigned int fires = (unsigned int)((span - delay) / period + 1u);

        /* In task mode the last tick's callbacks run after the runner woke: none of them. */
        if (TIMER_TASK_MODE && (span - delay) % period == 0u) {
            fires--;
        }
        TT_ASSERT_EQ(rec[i].count, fires);
        TT_ASSERT_EQ(rec[i].at[0], t0 + delay);
        TT_ASSERT_EQ(rec[i].at[REC_MAX - 1u], t0 + delay + (REC_MAX - 1u) * period);
    }
}

/* ---- callbacks ------------------------------------------------------------ */

/* What a callback observed about the context it runs in. */
typedef struct ctx_rec_st {
    unsigned int ran;
    k_nesting_t irq_nest;
    k_nesting_t sched_nest;
    k_task_t *task;
    k_err_t lock_err;
    k_err_t delay_err;
    k_err_t pend_err;
} ctx_rec_t;

static ctx_rec_t ctx;

#if TOS_CFG_SEM_EN > 0u
static k_sem_t ctx_sem;
#endif

static void ctx_cb(void *arg)
{
    (void)arg;
    ctx.ran++;
    ctx.irq_nest = k_irq_nest_cnt;
    ctx.sched_nest = k_sched_lock_nest_cnt;
    ctx.task = k_curr_task;
    ctx.lock_err = tos_knl_sched_lock();
    if (ctx.lock_err == K_ERR_NONE) {
        (void)tos_knl_sched_unlock();
    }
    ctx.delay_err = tos_task_delay(5u);
#if TOS_CFG_SEM_EN > 0u
    ctx.pend_err = tos_sem_pend(&ctx_sem, 5u);
#endif
}

/* §40.46 (kept): ISR context in procedure mode, scheduler locked in task mode. */
static void test_timer_callback_context(void)
{
    k_tick_t t0 = tos_systick_get();

    memset(&ctx, 0, sizeof(ctx));
#if TOS_CFG_SEM_EN > 0u
    TT_ASSERT_ERR(tos_sem_create(&ctx_sem, 0u), K_ERR_NONE);
#endif
    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 10u, 0u, ctx_cb, K_NULL, TOS_OPT_TIMER_ONESHOT),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 30u);
#if TOS_CFG_SEM_EN > 0u
    TT_ASSERT_ERR(tos_sem_destroy(&ctx_sem), K_ERR_NONE);
#endif
    TT_ASSERT_EQ(ctx.ran, 1u);
#if TIMER_TASK_MODE
    TT_ASSERT_EQ(ctx.irq_nest, 0u);
    TT_ASSERT_GT(ctx.sched_nest, 0u);
    TT_ASSERT_PTR_EQ(ctx.task, &k_timer_task);
    TT_ASSERT_ERR(ctx.lock_err, K_ERR_NONE); /* nests */
    TT_ASSERT_ERR(ctx.delay_err, K_ERR_SCHED_LOCKED);
#if TOS_CFG_SEM_EN > 0u
    TT_ASSERT_ERR(ctx.pend_err, K_ERR_PEND_SCHED_LOCKED);
#endif
    /* The lock is released after the callbacks. */
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0u);
#else
    TT_ASSERT_GT(ctx.irq_nest, 0u);
    TT_ASSERT_ERR(ctx.lock_err, K_ERR_IN_IRQ);
    TT_ASSERT_ERR(ctx.delay_err, K_ERR_IN_IRQ);
#if TOS_CFG_SEM_EN > 0u
    TT_ASSERT_ERR(ctx.pend_err, K_ERR_IN_IRQ);
#endif
#endif
}

/* Callbacks acting on timers: the service loop must survive every change. */
static void self_stop_cb(void *arg)
{
    unsigned int i = (unsigned int)(uintptr_t)arg;

    rec_cb(&rec[i]);
    if (rec[i].count == 3u) {
        (void)tos_timer_stop(&tmr[i]);
    }
}

static void self_destroy_cb(void *arg)
{
    unsigned int i = (unsigned int)(uintptr_t)arg;

    rec_cb(&rec[i]);
    (void)tos_timer_destroy(&tmr[i]);
}

static void self_restart_cb(void *arg)
{
    unsigned int i = (unsigned int)(uintptr_t)arg;

    rec_cb(&rec[i]);
    if (rec[i].count < 4u) {
        (void)tos_timer_start(&tmr[i]);
    }
}

/* Destroys its neighbour, due on the same tick, before that one fires. */
static void kill_next_cb(void *arg)
{
    unsigned int i = (unsigned int)(uintptr_t)arg;

    rec_cb(&rec[i]);
    (void)tos_timer_destroy(&tmr[i + 1u]);
}

/* Starts a timer that is due before every other running one. */
static void start_other_cb(void *arg)
{
    unsigned int i = (unsigned int)(uintptr_t)arg;

    rec_cb(&rec[i]);
    (void)tos_timer_start(&tmr[i + 1u]);
}

static void test_timer_callbacks_may_change_timers(void)
{
    k_tick_t t0 = tos_systick_get();
    unsigned int i;

    TT_ASSERT_ERR(tos_timer_create(&tmr[0], 10u, 10u, self_stop_cb, (void *)(uintptr_t)0u,
                                   TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_create(&tmr[1], 10u, 10u, self_destroy_cb, (void *)(uintptr_t)1u,
                                   TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_create(&tmr[2], 15u, 0u, self_restart_cb, (void *)(uintptr_t)2u,
                                   TOS_OPT_TIMER_ONESHOT),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_create(&tmr[3], 25u, 0u, kill_next_cb, (void *)(uintptr_t)3u,
                                   TOS_OPT_TIMER_ONESHOT),
                  K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(4u, 25u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_create(&tmr[5], 30u, 0u, start_other_cb, (void *)(uintptr_t)5u,
                                   TOS_OPT_TIMER_ONESHOT),
                  K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(6u, 3u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(7u, 500u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    for (i = 0u; i <= 5u; ++i) {
        TT_ASSERT_ERR(tos_timer_start(&tmr[i]), K_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_timer_start(&tmr[7]), K_ERR_NONE);

    sleep_until(t0 + 200u);
    TT_ASSERT_EQ(rec[0].count, 3u);
    TT_ASSERT_EQ(rec[0].at[2], t0 + 30u);
    TT_ASSERT_EQ(tmr[0].state, TIMER_STATE_STOPPED);
    TT_ASSERT_EQ(rec[1].count, 1u);
    TT_ASSERT_EQ(tmr[1].state, TIMER_STATE_UNUSED);
    TT_ASSERT_EQ(rec[2].count, 4u);
    TT_ASSERT_EQ(rec[2].at[3], t0 + 60u);
    TT_ASSERT_EQ(rec[3].count, 1u);
    TT_ASSERT_EQ(rec[4].count, 0u);
    TT_ASSERT_EQ(tmr[4].state, TIMER_STATE_UNUSED);
    TT_ASSERT_EQ(rec[6].count, 1u);
    TT_ASSERT_EQ(rec[6].at[0], t0 + 33u); /* started at t0 + 30 by tmr[5] */
    TT_ASSERT_EQ(rec[7].count, 0u);
    TT_ASSERT_EQ(first_expiry(), t0 + 500u);
}

/* ---- ISR ------------------------------------------------------------------ */

static k_timer_t *isr_tmr;
static k_err_t (*isr_op)(k_timer_t *tmr);
static k_err_t isr_err;
static k_nesting_t isr_nest;

static void timer_isr(void)
{
    tos_knl_irq_enter();
    isr_nest = k_irq_nest_cnt;
    isr_err = isr_op(isr_tmr);
    tos_knl_irq_leave();
}

static k_err_t isr_raise(k_err_t (*op)(k_timer_t *tmr), k_timer_t *target)
{
    isr_op = op;
    isr_tmr = target;
    isr_err = (k_err_t)-1;
    isr_nest = 0u;
    tt_irq_raise(TEST_IRQ);
    return isr_err;
}

static k_err_t isr_create_oneshot_20(k_timer_t *target)
{
    return tos_timer_create(target, 20u, 0u, rec_cb, &rec[0], TOS_OPT_TIMER_ONESHOT);
}

static k_err_t isr_delay_change_40(k_timer_t *target)
{
    return tos_timer_delay_change(target, 40u);
}

static void test_timer_api_from_isr(void)
{
    k_tick_t t0;

    tt_irq_connect(TEST_IRQ, timer_isr);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(isr_raise(isr_create_oneshot_20, &tmr[0]), K_ERR_NONE);
    TT_ASSERT_GT(isr_nest, 0u); /* the ISR really ran as one */
    TT_ASSERT_ERR(isr_raise(tos_timer_start, &tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 30u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 20u);

    TT_ASSERT_ERR(isr_raise(isr_delay_change_40, &tmr[0]), K_ERR_NONE);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(isr_raise(tos_timer_start, &tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 10u);
    TT_ASSERT_ERR(isr_raise(tos_timer_stop, &tmr[0]), K_ERR_NONE);
    TT_ASSERT_ERR(isr_raise(tos_timer_stop, &tmr[0]), K_ERR_TIMER_STOPPED);
    sleep_until(t0 + 60u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_ERR(isr_raise(tos_timer_destroy, &tmr[0]), K_ERR_NONE);
    TT_ASSERT_ERR(isr_raise(tos_timer_destroy, &tmr[0]), ERR_STALE);
}

/*
 * §40.48 (fixed): a timer started from an ISR that becomes the earliest one
 * fires on time, also while the timer task sleeps towards a later expiry.
 */
static void test_timer_start_from_isr_wakes_sleeping_timer_task(void)
{
    k_tick_t t0 = tos_systick_get();
    k_tick_t t1;

    tt_irq_connect(TEST_IRQ, timer_isr);
    TT_ASSERT_ERR(rec_create(0u, 1000u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(1u, 10u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 5u);
#if TIMER_TASK_MODE
    TT_ASSERT(task_state_is_sleeping(&k_timer_task));
#endif
    t1 = tos_systick_get();
    TT_ASSERT_ERR(isr_raise(tos_timer_start, &tmr[1]), K_ERR_NONE);
    sleep_until(t1 + 20u);
    TT_ASSERT_EQ(rec[1].count, 1u);
    TT_ASSERT_EQ(rec[1].at[0], t1 + 10u);
    TT_ASSERT_EQ(rec[0].count, 0u);
    sleep_until(t0 + 1010u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 1000u);
}

/* §40.48 (fixed), the other half: the timer task is suspended while no timer runs. */
static void test_timer_start_from_isr_wakes_suspended_timer_task(void)
{
    k_tick_t t0;
#if TIMER_TASK_MODE
    unsigned int i;
#endif

    tt_irq_connect(TEST_IRQ, timer_isr);
    TT_ASSERT_ERR(rec_create(0u, 10u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    /* Let the timer task see the empty list (it may still sleep from an earlier case). */
    (void)tos_task_delay(1u);
#if TIMER_TASK_MODE
    for (i = 0u; i < 20u && !task_state_is_suspended(&k_timer_task); ++i) {
        (void)tos_task_delay(100u);
    }
    TT_ASSERT(task_state_is_suspended(&k_timer_task));
#endif
    t0 = tos_systick_get();
    TT_ASSERT_ERR(isr_raise(tos_timer_start, &tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 20u);
    TT_ASSERT_EQ(rec[0].count, 1u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 10u);
}

/* The same from a task: an earlier timer cuts the timer task's sleep short. */
static void test_timer_earlier_start_from_task_fires_on_time(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(rec_create(0u, 300u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(1u, 50u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(rec_create(2u, 100u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    sleep_until(t0 + 10u);
    TT_ASSERT_ERR(tos_timer_start(&tmr[1]), K_ERR_NONE); /* the earliest now */
    sleep_until(t0 + 20u);
    TT_ASSERT_ERR(tos_timer_start(&tmr[2]), K_ERR_NONE); /* behind tmr[1] */
    sleep_until(t0 + 310u);
    TT_ASSERT_EQ(rec[1].at[0], t0 + 60u);
    TT_ASSERT_EQ(rec[2].at[0], t0 + 120u);
    TT_ASSERT_EQ(rec[0].at[0], t0 + 300u);
}

/*
 * §40.45 (kept): re-arming is relative to the tick of servicing. From the
 * tick ISR servicing is never late; the timer task is held off by a busy
 * runner and then fires late, and its period counts from then.
 */
static void test_timer_periodic_rearm_is_relative_to_service_tick(void)
{
    k_tick_t t0;
    k_tick_t busy_end;

    (void)tos_task_delay(1u); /* start on a tick boundary */
    t0 = tos_systick_get();
    TT_ASSERT_ERR(rec_create(0u, 100u, 100u, TOS_OPT_TIMER_PERIODIC), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    tt_busy((uint32_t)(150u * k_cpu_cycle_per_tick));
    busy_end = tos_systick_get();
    TT_ASSERT_GE(busy_end, t0 + 150u);
    sleep_until(busy_end + 150u);
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_NONE);
#if TIMER_TASK_MODE
    TT_ASSERT_EQ(rec[0].at[0], busy_end);
    TT_ASSERT_EQ(rec[0].at[1], busy_end + 100u);
#else
    TT_ASSERT_EQ(rec[0].at[0], t0 + 100u);
    TT_ASSERT_EQ(rec[0].at[1], t0 + 200u);
#endif
}

/*
 * The tick count may pass through TOS_TIME_FOREVER, the value that marks an
 * empty timer list, and wrap to 0: nothing fires on an empty list then, and
 * a timer armed across the wrap fires exactly on its tick, not before.
 * Ticks are driven one at a time here (an idle CPU would jump over the wrap).
 */
static void test_timer_exact_across_tick_count_wrap(void)
{
    const k_tick_t start = TOS_TIME_FOREVER - 3u;
    k_tick_t saved = tos_systick_get();

    tos_systick_set(start);
    tt_busy((uint32_t)(5u * k_cpu_cycle_per_tick)); /* through FOREVER with no timer */
    TT_ASSERT_EQ(tos_systick_get(), start + 5u);
    TT_ASSERT_ERR(rec_create(0u, 6u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    tt_busy((uint32_t)(5u * k_cpu_cycle_per_tick));
    TT_ASSERT_EQ(rec[0].count, 0);
    tt_busy((uint32_t)(3u * k_cpu_cycle_per_tick));
    (void)tos_task_delay(1u); /* lets the timer task run, in task mode */
    tos_systick_set(saved);
    TT_ASSERT_EQ(rec[0].count, 1);
#if TIMER_TASK_MODE
    TT_ASSERT_EQ(rec[0].at[0], start + 13u); /* serviced once the runner blocks */
#else
    TT_ASSERT_EQ(rec[0].at[0], start + 11u);
#endif
}

/* ---- globals -------------------------------------------------------------- */

static void test_timer_globals(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_EQ(first_expiry(), TOS_TIME_FOREVER);
    TT_ASSERT(tos_list_empty(&k_timer_ctl.list));
    TT_ASSERT_ERR(rec_create(0u, 40u, 0u, TOS_OPT_TIMER_ONESHOT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(first_expiry(), t0 + 40u);
    /* Layout only, not kept up to date (docs/compat.md). */
    TT_ASSERT_EQ(k_timer_ctl.next_expires, TOS_TIME_FOREVER);
    TT_ASSERT_PTR_EQ(k_timer_ctl.list.next, &tmr[0].list);
#if TIMER_TASK_MODE
    TT_ASSERT_STR_EQ(k_timer_task.name, "timer");
    TT_ASSERT_EQ(k_timer_task_prio, TOS_CFG_TIMER_TASK_PRIO);
    TT_ASSERT_EQ(k_timer_task.prio, k_timer_task_prio);
    TT_ASSERT_PTR_EQ(k_timer_task.stk_base, k_timer_task_stk_addr);
    TT_ASSERT_PTR_EQ(k_timer_task_stk_addr, &k_timer_task_stk[0]);
    TT_ASSERT_EQ(k_timer_task.stk_size, k_timer_task_stk_size);
    TT_ASSERT_EQ(k_timer_task_stk_size, TOS_CFG_TIMER_TASK_STK_SIZE);
#endif
    TT_ASSERT_ERR(tos_timer_stop(&tmr[0]), K_ERR_NONE);
    TT_ASSERT_EQ(first_expiry(), TOS_TIME_FOREVER);
}

TT_SUITE("timer", setup, teardown, TT_CASE(test_timer_create_null_pointers),
         TT_CASE(test_timer_exact_across_tick_count_wrap),
         TT_CASE(test_timer_create_argument_errors_in_contract_order),
         TT_CASE(test_timer_create_initialises_a_stopped_timer),
         TT_CASE(test_timer_create_does_not_start),
         TT_CASE(test_timer_create_on_running_timer_is_refused),
         TT_CASE(test_timer_oneshot_fires_once_at_exact_tick_then_completed),
         TT_CASE(test_timer_completed_oneshot_is_restartable),
         TT_CASE(test_timer_periodic_fires_at_exact_ticks),
         TT_CASE(test_timer_periodic_without_delay_starts_with_period),
         TT_CASE(test_timer_one_tick_timers), TT_CASE(test_timer_start_errors),
         TT_CASE(test_timer_stop_semantics_and_errors),
         TT_CASE(test_timer_stop_then_start_rearms_from_now),
         TT_CASE(test_timer_restart_running_uses_delay),
         TT_CASE(test_timer_restart_with_zero_delay_waits_a_period),
         TT_CASE(test_timer_delay_change_rules), TT_CASE(test_timer_period_change_rules),
         TT_CASE(test_timer_change_to_forever_is_refused),
         TT_CASE(test_timer_destroy_errors_and_reset),
         TT_CASE(test_timer_destroy_running_timer_unlinks_it),
         TT_CASE(test_timer_equal_expiries_fire_in_start_order),
         TT_CASE(test_timer_periodic_rearm_goes_behind_equal_expiry),
         TT_CASE(test_timer_many_oneshots_fire_in_expiry_then_start_order),
         TT_CASE(test_timer_many_periodic_timers_keep_their_periods),
         TT_CASE(test_timer_callback_context), TT_CASE(test_timer_callbacks_may_change_timers),
         TT_CASE(test_timer_api_from_isr),
         TT_CASE(test_timer_start_from_isr_wakes_sleeping_timer_task),
         TT_CASE(test_timer_start_from_isr_wakes_suspended_timer_task),
         TT_CASE(test_timer_earlier_start_from_task_fires_on_time),
         TT_CASE(test_timer_periodic_rearm_is_relative_to_service_tick),
         TT_CASE(test_timer_globals));

#else

TT_SUITE_SKIPPED("timer", "TOS_CFG_TIMER_EN is 0");

#endif
