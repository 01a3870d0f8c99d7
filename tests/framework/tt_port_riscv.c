/*
 * tt platform functions on the RISC-V port (arch/riscv): test interrupts are
 * the port's interrupt lines, real pending interrupts delivered through the
 * hart's software interrupt; busy work is the board's calibrated loop.
 */
#include "tos_k.h"
#include "tern_board.h"
#include "tt.h"
#include "tt_port.h"

/* Priority of test interrupts: below the tick (TOS_CFG_CPU_SYSTICK_PRIO, 0 by default). */
#define TT_IRQ_PRIO 1u

void tt_busy(uint32_t cycles)
{
    tern_board_burn(cycles);
}

void tt_irq_connect(unsigned irq, void (*isr)(void))
{
    if (port_irq_attach(irq, isr) != 0 || port_irq_priority_set(irq, TT_IRQ_PRIO) != 0 ||
        port_irq_enable(irq) != 0) {
        printf("    tt_irq_connect: the port rejected irq %u\n", irq);
        TT_FAIL("tt_irq_connect failed");
    }
}

void tt_irq_raise(unsigned irq)
{
    (void)port_irq_pend(irq);
}
