/*
 * Basic processing, the calibration: one task runs a fixed arithmetic
 * workload (a linear congruential step and a xorshift over a small array)
 * and counts one iteration per pass. Its cost is the compiler's, not the
 * kernel's: it shows what the board and the measurement add.
 */
#include "bench.h"

#define BASIC_WORDS 8u

static k_task_t basic_worker;
static volatile uint32_t basic_data[BASIC_WORDS];

static void basic_entry(void *arg)
{
    uint32_t x = 1u;
    unsigned int i;

    (void)arg;
    for (;;) {
        for (i = 0u; i < BASIC_WORDS; ++i) {
            x = x * 1664525u + 1013904223u;
            x ^= x >> 13;
            basic_data[i] += x;
        }
        ++bench_counters[0];
    }
}

void bench_main(void)
{
    bench_task(&basic_worker, basic_entry, K_NULL, 1u);
    bench_window("basic", 1u, K_NULL, 0u);
}
