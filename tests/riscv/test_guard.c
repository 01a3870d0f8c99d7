/*
 * A real stack overflow on the RISC-V port, caught by the kernel's guard
 * pattern: a task calls a function whose locals reach past the bottom of
 * its stack (into memory the test owns), comes back, and blocks; switching it out, the kernel finds
 * the 0xCC guard bytes the port laid below the initial frame overwritten
 * and calls tos_task_stack_overflow_hook() with the task. The overrun runs
 * with interrupts masked, so no interrupt finds the stack pointer below the
 * base first (that case ends the program: tests/riscv/fault/overflow.c).
 */
#include <string.h>

#include "tos_k.h"
#include "tt.h"

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u

#define PRIO_HI1  ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define STK_SIZE  1024u
#define MOAT_SIZE 512u

static k_task_t victim;
static struct {
    k_stack_t moat[MOAT_SIZE];
    k_stack_t stk[STK_SIZE];
} area __ALIGNED__(16);

static k_task_t *hook_task;
static int hook_calls;
static volatile int victim_came_back;

/* Replaces the kernel's default, which would halt. */
void tos_task_stack_overflow_hook(k_task_t *task)
{
    hook_task = task;
    ++hook_calls;
}

static void setup(void)
{
    hook_task = K_NULL;
    hook_calls = 0;
    victim_came_back = 0;
    memset(area.moat, 0x5A, sizeof(area.moat));
}

/* Uses n bytes of stack at once: a local array that reaches that deep. */
__attribute__((noinline)) static int overrun(size_t n)
{
    volatile uint8_t big[n];

    memset((void *)big, 0x77, n);
    return big[n / 2u];
}

/* Reaches `beyond` bytes past the stack's base (negative: stops short of it). */
static void entry_overflow(void *arg)
{
    uint8_t here = 0u;
    intptr_t beyond = (intptr_t)arg;
    size_t n = (size_t)((intptr_t)((uintptr_t)&here - (uintptr_t)area.stk) + beyond);
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    here = (uint8_t)overrun(n);
    TOS_CPU_INT_ENABLE();
    victim_came_back = here == 0x77u;
    (void)tos_task_delay(1u);
}

static int moat_touched(void)
{
    size_t i;
    int touched = 0;

    for (i = 0u; i < sizeof(area.moat); ++i) {
        touched |= area.moat[i] != 0x5A;
    }
    return touched;
}

static void test_real_overflow_caught_at_switch_out(void)
{
    int depth = 0;

    TT_ASSERT_ERR(tos_task_create(&victim, "digger", entry_overflow, (void *)64u, PRIO_HI1,
                                  area.stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_EQ(victim_came_back, 1);
    TT_ASSERT(moat_touched());
    TT_ASSERT_EQ(hook_calls, 1);
    TT_ASSERT_PTR_EQ(hook_task, &victim);
    TT_ASSERT_STR_EQ(hook_task->name, "digger");
    TT_ASSERT_ERR(tos_task_stack_draught_depth(&victim, &depth), K_ERR_TASK_STK_OVERFLOW);
    TT_ASSERT_EQ(depth, (long long)STK_SIZE);
}

/* The same, stopping short of the base: no report, the guard is intact. */
static void test_deep_but_inside_is_not_reported(void)
{
    int depth = 0;

    TT_ASSERT_ERR(tos_task_create(&victim, "deep", entry_overflow, (void *)(intptr_t)-128, PRIO_HI1,
                                  area.stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_EQ(victim_came_back, 1);
    TT_ASSERT(!moat_touched());
    TT_ASSERT_EQ(hook_calls, 0);
    TT_ASSERT_ERR(tos_task_stack_draught_depth(&victim, &depth), K_ERR_NONE);
    TT_ASSERT_GT(depth, (long long)(STK_SIZE - 192u));
    TT_ASSERT_LT(depth, (long long)STK_SIZE);
}

TT_SUITE("guard", setup, K_NULL, TT_CASE(test_real_overflow_caught_at_switch_out),
         TT_CASE(test_deep_but_inside_is_not_reported));

#else

TT_SUITE_SKIPPED("guard", "TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN is 0");

#endif
