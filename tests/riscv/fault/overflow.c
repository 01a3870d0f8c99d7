/*
 * Scenario: a task recurses past the bottom of its stack (into memory the
 * test owns, so nothing else is harmed) and computes there. The next
 * interrupt finds its stack pointer below the stack's base: the port
 * reports the overflow with the task's name and ends the program.
 *
 * EXPECT: tern: stack overflow, detected at an interrupt \(mcause 0x80000007
 * EXPECT: tern:   in task "hog" prio 3
 * EXPECT: tern:   stack overflow in task "hog": the interrupted sp is below the stack's base
 * EXPECT: tern:   stack at sp: 0x
 * EXPECT: tern: ending the program, status 134
 * BACKTRACE: dig
 */
#include "tos_k.h"
#include "tern_board.h"
#include "tt.h"

#define STK_SIZE  1024u
#define MOAT_SIZE 2048u

static k_task_t task;
/* The moat below the stack takes what the overflow writes. */
static struct {
    k_stack_t moat[MOAT_SIZE];
    k_stack_t stk[STK_SIZE];
} area __ALIGNED__(16);

__attribute__((noinline)) static int dig(int level)
{
    volatile uint8_t pad[48];
    int r;

    pad[0] = (uint8_t)level;
    if ((uintptr_t)&pad[0] > (uintptr_t)area.stk - 256u) {
        r = dig(level + 1) + pad[0];
    } else {
        /* Well below the base now: compute until the tick interrupts. */
        tern_board_burn((uint32_t)(3u * k_cpu_cycle_per_tick));
        r = pad[0];
    }
    return r;
}

static void entry_hog(void *arg)
{
    (void)arg;
    (void)dig(0);
}

static void test_overflow_found_at_next_interrupt(void)
{
    TT_ASSERT_ERR(tos_task_create(&task, "hog", entry_hog, K_NULL, (k_prio_t)(TT_RUNNER_PRIO - 1u),
                                  area.stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_FAIL("the overflow did not end the program");
}

TT_SUITE("fault.overflow", K_NULL, K_NULL, TT_CASE(test_overflow_found_at_next_interrupt));
