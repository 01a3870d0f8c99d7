/*
 * Scenario: an interrupt handler stores to an address where there is
 * nothing. The report says the trap came from an interrupt handler (not
 * from the task it interrupted) and dumps the interrupt stack.
 *
 * EXPECT: tern: trap: store/AMO access fault \(mcause 0x00000007, mepc 0x8
 * EXPECT: store/AMO access fault .*, mtval 0x00000404\)
 * EXPECT: tern:   in an interrupt handler, nesting depth 1, sp 0x8
 * EXPECT: tern: ending the program, status 134
 * BACKTRACE: write_word isr_bad port_irq_run
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define IRQ_LINE 3u
#define NOWHERE  0x00000404u

/* Through a variable: the compiler would reject a constant address it knows is invalid. */
static volatile uintptr_t nowhere = NOWHERE;

__attribute__((noinline)) static void write_word(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
    __asm__ volatile("" : : : "memory");
}

static void isr_bad(void)
{
    tos_knl_irq_enter();
    write_word(nowhere, 0x12345678u);
    tos_knl_irq_leave();
}

static void test_fault_in_isr_ends_the_program(void)
{
    tt_irq_connect(IRQ_LINE, isr_bad);
    tt_irq_raise(IRQ_LINE);
    TT_FAIL("the handler's trap did not end the program");
}

TT_SUITE("fault.isr", K_NULL, K_NULL, TT_CASE(test_fault_in_isr_ends_the_program));
