/*
 * Scenario: a task executes an illegal instruction three calls deep. The
 * report names the trap, the task, prints the registers and a backtrace
 * through the three functions, and the program ends with status 134.
 *
 * EXPECT: tern: trap: illegal instruction \(mcause 0x00000002, mepc 0x8
 * EXPECT: tern:   in task "faulty" prio 3, sp 0x8[0-9a-f]+, stack 0x8
 * EXPECT: tern:   pc  0x8[0-9a-f]+ ra  0x8[0-9a-f]+ sp  0x8
 * EXPECT: tern:   s8  0x[0-9a-f]+ s9  0x[0-9a-f]+ s10 0x[0-9a-f]+ s11 0x
 * EXPECT: tern:   mcause 0x00000002 mepc 0x8
 * EXPECT: tern:   stack at sp: 0x
 * EXPECT: tern: ending the program, status 134
 * BACKTRACE: fault_level3 fault_level2 fault_level1
 */
#include "tos_k.h"
#include "tt.h"

#define STK_SIZE 1024u

static k_task_t task;
static k_stack_t stack[STK_SIZE] __ALIGNED__(16);
static volatile int depth;

/* noinline and work after each call: every level keeps a return address. */
__attribute__((noinline)) static int fault_level3(int x)
{
    depth = x;
    __asm__ volatile(".word 0x00000000"); /* all zeros: defined to be illegal */
    return depth + 3;
}

__attribute__((noinline)) static int fault_level2(int x)
{
    return fault_level3(x + 1) * 2;
}

__attribute__((noinline)) static int fault_level1(int x)
{
    return fault_level2(x + 1) * 3;
}

static void entry_faulty(void *arg)
{
    depth = fault_level1((int)(intptr_t)arg);
}

static void test_illegal_instruction_ends_the_program(void)
{
    TT_ASSERT_ERR(tos_task_create(&task, "faulty", entry_faulty, K_NULL,
                                  (k_prio_t)(TT_RUNNER_PRIO - 1u), stack, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_FAIL("the task's trap did not end the program");
}

TT_SUITE("fault.illegal", K_NULL, K_NULL, TT_CASE(test_illegal_instruction_ends_the_program));
