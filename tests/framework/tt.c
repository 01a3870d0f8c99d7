/*
 * tt: assertion back ends, outcome bookkeeping and the case loop.
 * Independent of the kernel; tt_main.c provides the kernel side.
 */
#include <stdio.h>

#include "tt.h"

typedef struct tt_state_st {
    unsigned int failures; /* of the running case */
    unsigned int skips;    /* of the running case */
    int capturing;
    tt_capture_t capture;
} tt_state_t;

static tt_state_t tt_state;

/* printf() of small C libraries may lack %lld; numbers are formatted here. */
#define TT_NUM_BUF 24

static const char *tt_fmt_dec(char *buf, long long v)
{
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    char *p = buf + TT_NUM_BUF;

    *--p = '\0';
    do {
        *--p = (char)('0' + (int)(u % 10u));
        u /= 10u;
    } while (u != 0u);
    if (v < 0) {
        *--p = '-';
    }
    return p;
}

static const char *tt_fmt_hex(char *buf, unsigned long long u)
{
    static const char digits[] = "0123456789abcdef";
    char *p = buf + TT_NUM_BUF;

    *--p = '\0';
    do {
        *--p = digits[u & 0xfu];
        u >>= 4;
    } while (u != 0u);
    *--p = 'x';
    *--p = '0';
    return p;
}

static void tt_print_int(const char *label, long long v)
{
    char dec[TT_NUM_BUF];
    char hex[TT_NUM_BUF];

    printf("    %s: %s", label, tt_fmt_dec(dec, v));
    if (v > 9) {
        printf(" (%s)", tt_fmt_hex(hex, (unsigned long long)v));
    }
    printf("\n");
}

static void tt_print_str(const char *label, const char *s)
{
    if (s == NULL) {
        printf("    %s: NULL\n", label);
    } else {
        printf("    %s: \"%s\"\n", label, s);
    }
}

static void tt_record(const char *file, int line, const char *what, const char *text, int is_skip)
{
    printf("%s%s:%d: %s%s\n", tt_state.capturing ? "(captured) " : "", file, line, what, text);
    if (tt_state.capturing) {
        if (is_skip) {
            tt_state.capture.skips++;
        } else {
            tt_state.capture.failures++;
        }
        tt_state.capture.last_line = line;
    } else if (is_skip) {
        tt_state.skips++;
    } else {
        tt_state.failures++;
    }
}

static void tt_record_failure(const char *file, int line, const char *text)
{
    tt_record(file, line, "failed: ", text, 0);
}

int tt_check_(int ok, const char *file, int line, const char *text)
{
    if (!ok) {
        tt_record_failure(file, line, text);
    }
    return ok;
}

int tt_check_int_(int ok, long long a, long long b, const char *file, int line, const char *text,
                  const char *a_text, const char *b_text)
{
    if (!ok) {
        tt_record_failure(file, line, text);
        tt_print_int(a_text, a);
        tt_print_int(b_text, b);
    }
    return ok;
}

int tt_check_ptr_(int ok, int show_both, const void *a, const void *b, const char *file, int line,
                  const char *text)
{
    if (!ok) {
        tt_record_failure(file, line, text);
        if (show_both) {
            printf("    left:  %p\n    right: %p\n", a, b);
        } else {
            printf("    value: %p\n", a);
        }
    }
    return ok;
}

int tt_check_str_(const char *a, const char *b, const char *file, int line, const char *text)
{
    size_t i = 0;
    int ok;

    if (a == NULL || b == NULL) {
        ok = a == b;
    } else {
        while (a[i] != '\0' && a[i] == b[i]) {
            ++i;
        }
        ok = a[i] == b[i];
    }
    if (!ok) {
        tt_record_failure(file, line, text);
        tt_print_str("left", a);
        tt_print_str("right", b);
        if (a != NULL && b != NULL) {
            tt_print_int("first difference at offset", (long long)i);
        }
    }
    return ok;
}

int tt_check_mem_(const void *a, const void *b, size_t n, const char *file, int line,
                  const char *text)
{
    const unsigned char *pa = a;
    const unsigned char *pb = b;
    size_t i = 0;
    int ok;

    if (pa == NULL || pb == NULL) {
        ok = pa == pb;
    } else {
        while (i < n && pa[i] == pb[i]) {
            ++i;
        }
        ok = i == n;
    }
    if (!ok) {
        tt_record_failure(file, line, text);
        if (pa == NULL || pb == NULL) {
            printf("    left:  %p\n    right: %p\n", a, b);
        } else {
            tt_print_int("first difference at offset", (long long)i);
            tt_print_int("left byte", pa[i]);
            tt_print_int("right byte", pb[i]);
        }
    }
    return ok;
}

int tt_check_err_(long long got, long long want, const char *file, int line, const char *text,
                  const char *want_text)
{
    int ok = got == want;

    if (!ok) {
        tt_record_failure(file, line, text);
        tt_print_int(want_text, want);
        tt_print_int("got", got);
    }
    return ok;
}

void tt_fail_(const char *file, int line, const char *msg)
{
    tt_record_failure(file, line, msg);
}

void tt_skip_(const char *file, int line, const char *reason)
{
    tt_record(file, line, "skipped: ", reason, 1);
}

void tt_capture_begin(void)
{
    tt_capture_t none = {0u, 0u, 0};

    tt_state.capture = none;
    tt_state.capturing = 1;
}

tt_capture_t tt_capture_end(void)
{
    tt_state.capturing = 0;
    return tt_state.capture;
}

tt_fn_t tt_case_prologue = NULL;

static void tt_run_case(const tt_suite_t *suite, const tt_case_t *tc, tt_fn_t after_case)
{
    if (tt_case_prologue != NULL) {
        tt_case_prologue();
    }
    if (suite->setup != NULL) {
        suite->setup();
    }
    if (tt_state.failures == 0u && tt_state.skips == 0u) {
        tc->fn();
        if (tt_state.capturing) {
            tt_state.capturing = 0;
            tt_fail_(__FILE__, __LINE__, "the case ended inside tt_capture_begin/end");
        }
        if (suite->teardown != NULL) {
            suite->teardown();
        }
    }
    if (after_case != NULL) {
        after_case();
    }
}

int tt_run(const tt_suite_t *suite, tt_fn_t after_case)
{
    unsigned int passed = 0u;
    unsigned int failed = 0u;
    unsigned int skipped = 0u;
    unsigned int i;

    if (suite->skip_reason != NULL) {
        printf("[  SKIPPED ] %s: %s\n", suite->name, suite->skip_reason);
        skipped = 1u;
    } else {
        printf("[==========] %s: %u cases\n", suite->name, suite->case_count);
    }

    for (i = 0u; suite->skip_reason == NULL && i < suite->case_count; ++i) {
        const tt_case_t *tc = &suite->cases[i];
        const char *verdict;

        tt_state.failures = 0u;
        tt_state.skips = 0u;
        tt_state.capturing = 0;
        printf("[ RUN      ] %s.%s\n", suite->name, tc->name);
        fflush(stdout);

        tt_run_case(suite, tc, after_case);

        if (tt_state.failures != 0u) {
            verdict = "[  FAILED  ]";
            failed++;
        } else if (tt_state.skips != 0u) {
            verdict = "[  SKIPPED ]";
            skipped++;
        } else {
            verdict = "[       OK ]";
            passed++;
        }
        printf("%s %s.%s\n", verdict, suite->name, tc->name);
        fflush(stdout);
    }

    printf("%u passed, %u failed", passed, failed);
    if (skipped != 0u) {
        printf(", %u skipped", skipped);
    }
    printf("\n");
    fflush(stdout);

    if (failed != 0u) {
        return 1;
    }
    return (passed == 0u && skipped != 0u) ? 77 : 0;
}
