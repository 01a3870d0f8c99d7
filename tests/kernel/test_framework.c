/*
 * The test framework's own suite: every assertion passes when it should and
 * fails (and returns from its function) when it should, the runner calls
 * setup and teardown around each case, and cases run in the runner task of
 * a started kernel.
 *
 * Failures that are expected are captured (tt_capture_begin/end): they are
 * printed, marked "captured", and counted in the capture record instead of
 * failing the case.
 */
#include "tos_k.h"
#include "tt.h"

static unsigned int setup_calls;
static unsigned int teardown_calls;

/* Set by a helper after its assertion; stays 0 if the assertion returned. */
static int reached;

static void setup(void)
{
    setup_calls++;
}

static void teardown(void)
{
    teardown_calls++;
}

/* ---- helpers: each holds one assertion, then marks that it went on ------- */

static const char text_abc[] = "abc";
static const unsigned char bytes_a[4] = {1, 2, 3, 4};
static const unsigned char bytes_b[4] = {1, 2, 9, 4};

static void all_true(void)
{
    int x = 5;
    char abc_copy[4] = {'a', 'b', 'c', '\0'};

    TT_ASSERT(x == 5);
    TT_ASSERT_EQ(x, 5);
    TT_ASSERT_NE(x, 6);
    TT_ASSERT_LT(4, x);
    TT_ASSERT_LE(5, x);
    TT_ASSERT_LE(4, x);
    TT_ASSERT_GT(x, 4);
    TT_ASSERT_GE(x, 5);
    TT_ASSERT_GE(x, 4);
    TT_ASSERT_PTR_EQ(&x, &x);
    TT_ASSERT_NULL(NULL);
    TT_ASSERT_NOT_NULL(&x);
    TT_ASSERT_STR_EQ(text_abc, abc_copy);
    TT_ASSERT_STR_EQ(NULL, NULL);
    TT_ASSERT_MEM_EQ(bytes_a, bytes_a, sizeof(bytes_a));
    TT_ASSERT_MEM_EQ(bytes_a, bytes_b, 2);
    TT_ASSERT_ERR(K_ERR_NONE, K_ERR_NONE);
    TT_ASSERT_ERR(K_ERR_OBJ_PTR_NULL, K_ERR_OBJ_PTR_NULL);
    reached = 1;
}

static void false_assert(void)
{
    TT_ASSERT(1 == 2);
    reached = 1;
}

static void false_eq(void)
{
    TT_ASSERT_EQ(1, 2);
    reached = 1;
}

static void false_ne(void)
{
    TT_ASSERT_NE(3, 3);
    reached = 1;
}

static void false_lt(void)
{
    TT_ASSERT_LT(3, 3);
    reached = 1;
}

static void false_le(void)
{
    TT_ASSERT_LE(4, 3);
    reached = 1;
}

static void false_gt(void)
{
    TT_ASSERT_GT(3, 3);
    reached = 1;
}

static void false_ge(void)
{
    TT_ASSERT_GE(2, 3);
    reached = 1;
}

static void false_ptr_eq(void)
{
    TT_ASSERT_PTR_EQ(&bytes_a[0], &bytes_a[1]);
    reached = 1;
}

static void false_null(void)
{
    TT_ASSERT_NULL(bytes_a);
    reached = 1;
}

static void false_not_null(void)
{
    TT_ASSERT_NOT_NULL(NULL);
    reached = 1;
}

static void false_str_eq(void)
{
    TT_ASSERT_STR_EQ(text_abc, "abd");
    reached = 1;
}

static void false_str_eq_prefix(void)
{
    TT_ASSERT_STR_EQ(text_abc, "ab");
    reached = 1;
}

static void false_str_eq_null(void)
{
    TT_ASSERT_STR_EQ(text_abc, NULL);
    reached = 1;
}

static void false_mem_eq(void)
{
    TT_ASSERT_MEM_EQ(bytes_a, bytes_b, sizeof(bytes_a));
    reached = 1;
}

static void false_err(void)
{
    TT_ASSERT_ERR(K_ERR_OBJ_INVALID, K_ERR_OBJ_PTR_NULL);
    reached = 1;
}

static void false_fail(void)
{
    TT_FAIL("deliberate failure");
    reached = 1;
}

typedef struct failing_helper_st {
    const char *name;
    void (*fn)(void);
} failing_helper_t;

static const failing_helper_t failing_helpers[] = {
    {"TT_ASSERT", false_assert},
    {"TT_ASSERT_EQ", false_eq},
    {"TT_ASSERT_NE", false_ne},
    {"TT_ASSERT_LT", false_lt},
    {"TT_ASSERT_LE", false_le},
    {"TT_ASSERT_GT", false_gt},
    {"TT_ASSERT_GE", false_ge},
    {"TT_ASSERT_PTR_EQ", false_ptr_eq},
    {"TT_ASSERT_NULL", false_null},
    {"TT_ASSERT_NOT_NULL", false_not_null},
    {"TT_ASSERT_STR_EQ", false_str_eq},
    {"TT_ASSERT_STR_EQ (prefix)", false_str_eq_prefix},
    {"TT_ASSERT_STR_EQ (NULL)", false_str_eq_null},
    {"TT_ASSERT_MEM_EQ", false_mem_eq},
    {"TT_ASSERT_ERR", false_err},
    {"TT_FAIL", false_fail},
};

/* ---- cases ---------------------------------------------------------------- */

static void test_true_assertions_pass(void)
{
    tt_capture_t got;

    reached = 0;
    tt_capture_begin();
    all_true();
    got = tt_capture_end();

    TT_ASSERT_EQ(got.failures, 0);
    TT_ASSERT_EQ(got.skips, 0);
    TT_ASSERT_EQ(reached, 1);
}

static void test_false_assertions_fail_and_return(void)
{
    unsigned int i;

    for (i = 0u; i < sizeof(failing_helpers) / sizeof(failing_helpers[0]); ++i) {
        tt_capture_t got;

        reached = 0;
        tt_capture_begin();
        failing_helpers[i].fn();
        got = tt_capture_end();

        if (got.failures != 1u || reached != 0) {
            printf("    while checking %s\n", failing_helpers[i].name);
        }
        TT_ASSERT_EQ(got.failures, 1);
        TT_ASSERT_EQ(got.skips, 0);
        TT_ASSERT_EQ(reached, 0);
    }
}

static int fail_line;

static void fail_at_known_line(void)
{
    fail_line = __LINE__ + 1;
    TT_ASSERT_EQ(fail_line, 0);
}

static void test_failure_reports_its_line(void)
{
    tt_capture_t got;

    tt_capture_begin();
    fail_at_known_line();
    got = tt_capture_end();

    TT_ASSERT_EQ(got.failures, 1);
    TT_ASSERT_NE(fail_line, 0);
    TT_ASSERT_EQ(got.last_line, fail_line);
}

static void skip_helper(void)
{
    TT_SKIP("deliberate skip");
    reached = 1;
}

static void test_skip_is_recorded_and_returns(void)
{
    tt_capture_t got;

    reached = 0;
    tt_capture_begin();
    skip_helper();
    got = tt_capture_end();

    TT_ASSERT_EQ(got.skips, 1);
    TT_ASSERT_EQ(got.failures, 0);
    TT_ASSERT_EQ(reached, 0);
}

static void test_comparisons_are_signed_64_bit(void)
{
    unsigned int one = 1u;
    k_tick_t big = (k_tick_t)1u << 40;

    /* In plain C, -1 < 1u is false (the -1 becomes UINT_MAX). */
    TT_ASSERT_LT(-1, one);
    TT_ASSERT_GT(big, (k_tick_t)1u << 32);
    TT_ASSERT_NE(big, 0);
}

static void test_operands_evaluated_once(void)
{
    int n = 0;
    const char *s = text_abc;

    TT_ASSERT_EQ(n++, 0);
    TT_ASSERT_EQ(n, 1);
    TT_ASSERT_ERR(n++, 1);
    TT_ASSERT_EQ(n, 2);
    TT_ASSERT_NOT_NULL(s++);
    TT_ASSERT_PTR_EQ(s, text_abc + 1);
}

static void test_setup_runs_before_each_case(void)
{
    /* Every earlier case got its setup and teardown; this one only its setup so far. */
    TT_ASSERT_GE(setup_calls, 1);
    TT_ASSERT_EQ(setup_calls, teardown_calls + 1u);
}

static void test_case_runs_in_runner_task(void)
{
    k_task_t *self = tos_task_curr_task_get();

    TT_ASSERT(tos_knl_is_running());
    TT_ASSERT_NOT_NULL(self);
    TT_ASSERT_EQ(self->prio, TT_RUNNER_PRIO);
    TT_ASSERT_STR_EQ(self->name, "tt_runner");
}

TT_SUITE("framework", setup, teardown, TT_CASE(test_true_assertions_pass),
         TT_CASE(test_false_assertions_fail_and_return), TT_CASE(test_failure_reports_its_line),
         TT_CASE(test_skip_is_recorded_and_returns), TT_CASE(test_comparisons_are_signed_64_bit),
         TT_CASE(test_operands_evaluated_once), TT_CASE(test_setup_runs_before_each_case),
         TT_CASE(test_case_runs_in_runner_task));
