/*
 * Stack overflow caught by the kernel's guard bytes on cores without a
 * hardware stack limit (ARMv6-M, ARMv7-M): a task really overflows its
 * stack by recursion (into a spill area placed below it, so nothing else is
 * damaged), and is reported with its name when it is switched out. This
 * suite replaces tos_task_stack_overflow_hook to observe the report instead
 * of halting. On ARMv8-M mainline PSPLIM stops the overflow in hardware
 * before a byte is written: the executable fault_stack_overflow covers that.
 */
#include "tos_k.h"
#include "tt.h"

#if (TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u) && !PORT_HAS_PSPLIM

#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define STK_SIZE 512u
#define SPILL    512u

static struct {
    uint8_t spill[SPILL];
    k_stack_t stk[STK_SIZE];
} victim_mem __ALIGNED__(8);

static k_task_t victim;
static k_task_t *volatile hook_task;
static volatile int hook_calls;
static volatile uintptr_t deepest;

void tos_task_stack_overflow_hook(k_task_t *task)
{
    hook_task = task;
    ++hook_calls;
}

static void setup(void)
{
    unsigned int i;

    hook_task = K_NULL;
    hook_calls = 0;
    deepest = (uintptr_t)-1;
    for (i = 0u; i < SPILL; ++i) {
        victim_mem.spill[i] = 0u;
    }
}

/* Recurses until its frames lie `below` bytes under the stack base (or above it, if negative). */
static __attribute__((noinline)) int recurse(intptr_t below)
{
    volatile uint8_t frame[32];
    int sum = 0;
    unsigned int i;

    for (i = 0u; i < sizeof(frame); ++i) {
        frame[i] = (uint8_t)(0xA0u + i);
    }
    if ((uintptr_t)frame < deepest) {
        deepest = (uintptr_t)frame;
    }
    if ((intptr_t)(uintptr_t)frame > (intptr_t)(uintptr_t)victim_mem.stk - below) {
        sum = recurse(below);
    }
    return sum + frame[3];
}

static void entry_overflow(void *arg)
{
    (void)recurse((intptr_t)arg);
    (void)tos_task_delay(1u); /* switched out: the kernel checks the guard */
}

static void test_real_overflow_is_reported_with_the_task(void)
{
    TT_ASSERT_ERR(tos_task_create(&victim, "victim", entry_overflow, (void *)128, PRIO_HI1,
                                  victim_mem.stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_LT(deepest, (uintptr_t)victim_mem.stk); /* it really went below its stack */
    TT_ASSERT_EQ(hook_calls, 1);
    TT_ASSERT_PTR_EQ(hook_task, &victim);
    TT_ASSERT_STR_EQ(hook_task->name, "victim");
}

static void test_deep_use_within_the_stack_is_not_reported(void)
{
    int depth = 0;

    TT_ASSERT_ERR(tos_task_create(&victim, "deep", entry_overflow, (void *)-64, PRIO_HI1,
                                  victim_mem.stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_stack_draught_depth(&victim, &depth), K_ERR_NONE);
    TT_ASSERT_GT(depth, (int)STK_SIZE - 160);
    TT_ASSERT_ERR(tos_task_delay(2u), K_ERR_NONE);
    TT_ASSERT_EQ(hook_calls, 0);
}

TT_SUITE("stack_guard", setup, K_NULL, TT_CASE(test_real_overflow_is_reported_with_the_task),
         TT_CASE(test_deep_use_within_the_stack_is_not_reported));

#elif PORT_HAS_PSPLIM

TT_SUITE_SKIPPED("stack_guard", "PSPLIM stops the overflow in hardware (see fault_stack_overflow)");

#else

TT_SUITE_SKIPPED("stack_guard", "TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN is 0");

#endif
