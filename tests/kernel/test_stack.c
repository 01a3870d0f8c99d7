/*
 * Stack overflow detection by guard pattern (Tern extension, see
 * tos_task_stack_overflow_hook in tos_task.h): the lowest bytes of every
 * task stack keep the 0xCC fill until the stack grows into them; the kernel
 * checks them whenever it switches a task out. This suite replaces the hook
 * to observe it instead of halting. On the host simulator tasks execute on
 * their own host stacks, so an overflow is staged by writing the guard.
 */
#include "tos_k.h"
#include "tt.h"

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u

#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define STK_SIZE 512u

static k_task_t victim;
static k_stack_t victim_stk[STK_SIZE] __ALIGNED__(8);
static k_task_t *hook_task;
static int hook_calls;

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
}

/* Overwrites the far end of its own stack, then lets the kernel switch it out. */
static void overflowing_entry(void *arg)
{
    (void)arg;
#if TOS_CFG_CPU_STK_GROWTH == CPU_STK_GROWTH_DESCENDING
    victim.stk_base[0] = 0x00u;
#else
    victim.stk_base[victim.stk_size - 1u] = 0x00u;
#endif
    (void)tos_task_delay(1u);
}

static void well_behaved_entry(void *arg)
{
    int i;

    (void)arg;
    for (i = 0; i < 5; ++i) {
        (void)tos_task_delay(1u);
    }
}

static void test_overflow_reported_with_the_task(void)
{
    TT_ASSERT_ERR(tos_task_create(&victim, "victim", overflowing_entry, K_NULL, PRIO_HI1,
                                  victim_stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_EQ(hook_calls, 1);
    TT_ASSERT_PTR_EQ(hook_task, &victim);
    TT_ASSERT_STR_EQ(hook_task->name, "victim");
}

static void test_intact_stacks_never_reported(void)
{
    TT_ASSERT_ERR(tos_task_create(&victim, "calm", well_behaved_entry, K_NULL, PRIO_HI1, victim_stk,
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(hook_calls, 0);
}

static void test_overflow_also_seen_by_draught_depth(void)
{
    int depth = 0;

    TT_ASSERT_ERR(tos_task_create(&victim, "victim", overflowing_entry, K_NULL, PRIO_HI1,
                                  victim_stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    /* The deepest byte touched is the last one: the whole stack counts as used. */
    TT_ASSERT_ERR(tos_task_stack_draught_depth(&victim, &depth), K_ERR_TASK_STK_OVERFLOW);
    TT_ASSERT_EQ(depth, (long long)STK_SIZE);
}

TT_SUITE("stack", setup, K_NULL, TT_CASE(test_overflow_reported_with_the_task),
         TT_CASE(test_intact_stacks_never_reported),
         TT_CASE(test_overflow_also_seen_by_draught_depth));

#else

TT_SUITE_SKIPPED("stack", "TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN is 0");

#endif
