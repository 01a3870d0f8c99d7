/*
 * Scenario: a task loads from an address where the virt machine has no
 * memory or device. The report shows the load access fault with the
 * address in mtval.
 *
 * EXPECT: tern: trap: load access fault \(mcause 0x00000005, mepc 0x8
 * EXPECT: load access fault .*, mtval 0x00000400\)
 * EXPECT: tern:   in task "reader" prio 3
 * EXPECT: tern: ending the program, status 134
 * BACKTRACE: read_word entry_reader
 */
#include "tos_k.h"
#include "tt.h"

#define STK_SIZE 1024u

/* Between the machine's debug area (0x0..0x100) and its boot ROM (0x1000). */
#define NOWHERE 0x00000400u

static k_task_t task;
static k_stack_t stack[STK_SIZE] __ALIGNED__(16);
static volatile uint32_t sink;
/* Through a variable: the compiler would reject a constant address it knows is invalid. */
static volatile uintptr_t nowhere = NOWHERE;

__attribute__((noinline)) static uint32_t read_word(uintptr_t addr)
{
    return *(volatile uint32_t *)addr + 1u;
}

static void entry_reader(void *arg)
{
    (void)arg;
    sink = read_word(nowhere) + 1u;
    sink = 0u;
}

static void test_load_access_fault_ends_the_program(void)
{
    TT_ASSERT_ERR(tos_task_create(&task, "reader", entry_reader, K_NULL,
                                  (k_prio_t)(TT_RUNNER_PRIO - 1u), stack, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_FAIL("the task's trap did not end the program");
}

TT_SUITE("fault.load", K_NULL, K_NULL, TT_CASE(test_load_access_fault_ends_the_program));
