/*
 * tt: Tern's test framework.
 *
 * Small enough for a bare-metal target: no heap, no constructors, no
 * setjmp, output through printf() only.
 *
 * One suite per executable. A suite file lists its cases in one table:
 *
 *     static void setup(void) { ... }       // before every case; may be NULL
 *     static void teardown(void) { ... }    // after every case; may be NULL
 *     static void test_sem_create(void) { ... }
 *
 *     TT_SUITE("sem", setup, teardown,
 *              TT_CASE(test_sem_create),
 *              TT_CASE(test_sem_post_all));
 *
 * A suite whose module is configured out says so instead of compiling empty:
 *
 *     #if TOS_CFG_SEM_EN > 0u
 *     ... cases, TT_SUITE(...) ...
 *     #else
 *     TT_SUITE_SKIPPED("sem", "TOS_CFG_SEM_EN is 0");
 *     #endif
 *
 * tt_main.c supplies main(): it starts the kernel and runs the cases in a
 * runner task of priority TT_RUNNER_PRIO. Per case: setup, the case,
 * teardown (only if setup neither failed nor skipped), then the runner
 * destroys every task the case left alive and undoes a scheduler lock the
 * case left behind. The executable exits 0 (all passed), 1 (a failure) or 77
 * (nothing passed, something skipped).
 *
 * Assertions. On failure an assertion prints file:line, the assertion as
 * written and, for comparisons, both values; marks the current case failed;
 * and executes `return;` from the enclosing function. They can therefore be
 * used in any function returning void: cases, setup, teardown, helpers, and
 * the entry functions of helper tasks (returning from a task's entry
 * destroys that task). A failure recorded by a helper task counts for the
 * case that is running. Each operand is evaluated exactly once.
 *
 *   TT_ASSERT(cond)
 *   TT_ASSERT_EQ(a, b)  TT_ASSERT_NE(a, b)       compared as long long
 *   TT_ASSERT_LT(a, b)  TT_ASSERT_LE(a, b)
 *   TT_ASSERT_GT(a, b)  TT_ASSERT_GE(a, b)
 *   TT_ASSERT_PTR_EQ(a, b)  TT_ASSERT_NULL(p)  TT_ASSERT_NOT_NULL(p)
 *   TT_ASSERT_STR_EQ(a, b)                        NUL-terminated; two NULLs are equal
 *   TT_ASSERT_MEM_EQ(a, b, n)                     n bytes
 *   TT_ASSERT_ERR(expr, K_ERR_X)                  expr == K_ERR_X, printed as numbers
 *   TT_FAIL(msg)                                  unconditional failure
 *   TT_SKIP(reason)                               ends the case as skipped
 */
#ifndef _TT_H_
#define _TT_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Priority of the runner task; tests put helper tasks at +-1 and +-2 of it. */
#ifndef TT_RUNNER_PRIO
#define TT_RUNNER_PRIO 4u
#endif

/*
 * Non-zero when the tick comes from a hardware timer that runs on its own
 * (every board but the host simulator, whose virtual clock moves only when
 * the program lets it). The board defines it (boards/README.md). Then every
 * case starts right after a tick (see tt_case_prologue), and the few cases
 * that would sleep for days check the planned wake-up instead of waiting.
 */
#ifndef TT_HW_TICK
#define TT_HW_TICK 0
#endif

/*
 * Non-zero on targets with too little RAM for the few cases that need
 * buffers of tens of KiB (the test configuration for 16 KiB boards sets it);
 * those cases skip themselves.
 */
#ifndef TT_RAM_SMALL
#define TT_RAM_SMALL 0
#endif

/* Stack of the runner task, in bytes (statically allocated). */
#ifndef TT_RUNNER_STK_SIZE
#define TT_RUNNER_STK_SIZE 4096u
#endif

typedef void (*tt_fn_t)(void);

typedef struct tt_case_st {
    const char *name;
    tt_fn_t fn;
} tt_case_t;

typedef struct tt_suite_st {
    const char *name;
    tt_fn_t setup;    /* may be NULL */
    tt_fn_t teardown; /* may be NULL */
    const tt_case_t *cases;
    unsigned int case_count;
    const char *skip_reason; /* non-NULL: the whole suite is skipped */
} tt_suite_t;

/* The suite of this executable, defined by TT_SUITE or TT_SUITE_SKIPPED. */
extern const tt_suite_t tt_suite;

/* clang-format off */
#define TT_CASE(fn) {#fn, fn}
/* clang-format on */

#define TT_SUITE(name, setup, teardown, ...)                                               \
    static const tt_case_t tt_cases_[] = {__VA_ARGS__};                                    \
    const tt_suite_t tt_suite = {(name),                                                   \
                                 (setup),                                                  \
                                 (teardown),                                               \
                                 tt_cases_,                                                \
                                 (unsigned int)(sizeof(tt_cases_) / sizeof(tt_cases_[0])), \
                                 NULL}

#define TT_SUITE_SKIPPED(name, reason) \
    const tt_suite_t tt_suite = {(name), NULL, NULL, NULL, 0u, (reason)}

/* ---- assertions ---------------------------------------------------------- */

#define TT_ASSERT(cond)                                                         \
    do {                                                                        \
        if (!tt_check_(!!(cond), __FILE__, __LINE__, "TT_ASSERT(" #cond ")")) { \
            return;                                                             \
        }                                                                       \
    } while (0)

#define TT_CMP_(macro, a, op, b)                                             \
    do {                                                                     \
        long long tt_a_ = (long long)(a);                                    \
        long long tt_b_ = (long long)(b);                                    \
        if (!tt_check_int_(tt_a_ op tt_b_, tt_a_, tt_b_, __FILE__, __LINE__, \
                           macro "(" #a ", " #b ")", #a, #b)) {              \
            return;                                                          \
        }                                                                    \
    } while (0)

#define TT_ASSERT_EQ(a, b) TT_CMP_("TT_ASSERT_EQ", a, ==, b)
#define TT_ASSERT_NE(a, b) TT_CMP_("TT_ASSERT_NE", a, !=, b)
#define TT_ASSERT_LT(a, b) TT_CMP_("TT_ASSERT_LT", a, <, b)
#define TT_ASSERT_LE(a, b) TT_CMP_("TT_ASSERT_LE", a, <=, b)
#define TT_ASSERT_GT(a, b) TT_CMP_("TT_ASSERT_GT", a, >, b)
#define TT_ASSERT_GE(a, b) TT_CMP_("TT_ASSERT_GE", a, >=, b)

#define TT_PTR_CMP_(macro, text, a, b)                                                         \
    do {                                                                                       \
        const void *tt_a_ = (const void *)(a);                                                 \
        const void *tt_b_ = (const void *)(b);                                                 \
        if (!tt_check_ptr_(tt_a_ == tt_b_, (macro), tt_a_, tt_b_, __FILE__, __LINE__, text)) { \
            return;                                                                            \
        }                                                                                      \
    } while (0)

#define TT_ASSERT_PTR_EQ(a, b) TT_PTR_CMP_(1, "TT_ASSERT_PTR_EQ(" #a ", " #b ")", a, b)
#define TT_ASSERT_NULL(p)      TT_PTR_CMP_(0, "TT_ASSERT_NULL(" #p ")", p, NULL)

#define TT_ASSERT_NOT_NULL(p)                                                 \
    do {                                                                      \
        const void *tt_p_ = (const void *)(p);                                \
        if (!tt_check_ptr_(tt_p_ != NULL, 0, tt_p_, NULL, __FILE__, __LINE__, \
                           "TT_ASSERT_NOT_NULL(" #p ")")) {                   \
            return;                                                           \
        }                                                                     \
    } while (0)

#define TT_ASSERT_STR_EQ(a, b)                                                                  \
    do {                                                                                        \
        if (!tt_check_str_((a), (b), __FILE__, __LINE__, "TT_ASSERT_STR_EQ(" #a ", " #b ")")) { \
            return;                                                                             \
        }                                                                                       \
    } while (0)

#define TT_ASSERT_MEM_EQ(a, b, n)                                         \
    do {                                                                  \
        if (!tt_check_mem_((a), (b), (size_t)(n), __FILE__, __LINE__,     \
                           "TT_ASSERT_MEM_EQ(" #a ", " #b ", " #n ")")) { \
            return;                                                       \
        }                                                                 \
    } while (0)

#define TT_ASSERT_ERR(expr, err)                                          \
    do {                                                                  \
        long long tt_got_ = (long long)(expr);                            \
        long long tt_want_ = (long long)(err);                            \
        if (!tt_check_err_(tt_got_, tt_want_, __FILE__, __LINE__,         \
                           "TT_ASSERT_ERR(" #expr ", " #err ")", #err)) { \
            return;                                                       \
        }                                                                 \
    } while (0)

#define TT_FAIL(msg)                         \
    do {                                     \
        tt_fail_(__FILE__, __LINE__, (msg)); \
        return;                              \
    } while (0)

#define TT_SKIP(reason)                         \
    do {                                        \
        tt_skip_(__FILE__, __LINE__, (reason)); \
        return;                                 \
    } while (0)

/* ---- capturing outcomes (for testing assertions themselves) -------------- */

/*
 * Between tt_capture_begin() and tt_capture_end(), failures and skips are
 * still printed (marked "captured") but do not affect the case; they are
 * counted in the returned record instead. The framework's own suite
 * (tests/kernel/test_framework.c) uses this to prove that each assertion
 * fails when it should.
 */
typedef struct tt_capture_st {
    unsigned int failures;
    unsigned int skips;
    int last_line; /* line of the last captured failure or skip; 0 if none */
} tt_capture_t;

void tt_capture_begin(void);
tt_capture_t tt_capture_end(void);

/* ---- runner interface (tt_main.c) and assertion back ends ---------------- */

/*
 * Called before each case's setup, after its "[ RUN ]" line; NULL (the
 * default) for none. tt_main.c sets it on boards with a hardware tick
 * (TT_HW_TICK): every case then starts right after a tick, so a
 * short sequence of kernel calls in it is not split by a tick at a point
 * that depends on what earlier cases printed.
 */
extern tt_fn_t tt_case_prologue;

/*
 * Runs every case of suite; after_case (may be NULL) runs after each case's
 * teardown and may record failures for it. Prints the report and returns the
 * exit status: 1 if a case failed, else 77 if none passed and one was
 * skipped, else 0.
 */
int tt_run(const tt_suite_t *suite, tt_fn_t after_case);

int tt_check_(int ok, const char *file, int line, const char *text);
int tt_check_int_(int ok, long long a, long long b, const char *file, int line, const char *text,
                  const char *a_text, const char *b_text);
/* show_both: print a and b; otherwise only a (the pointer under test). */
int tt_check_ptr_(int ok, int show_both, const void *a, const void *b, const char *file, int line,
                  const char *text);
int tt_check_str_(const char *a, const char *b, const char *file, int line, const char *text);
int tt_check_mem_(const void *a, const void *b, size_t n, const char *file, int line,
                  const char *text);
int tt_check_err_(long long got, long long want, const char *file, int line, const char *text,
                  const char *want_text);
void tt_fail_(const char *file, int line, const char *msg);
void tt_skip_(const char *file, int line, const char *reason);

#ifdef __cplusplus
}
#endif

#endif /* _TT_H_ */
