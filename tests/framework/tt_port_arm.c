/*
 * tt platform functions on Cortex-M boards (arch/arm): test interrupt line n
 * is NVIC line n, raised by setting it pending in the NVIC.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

/*
 * Test interrupts may call the kernel: one level less urgent than the
 * kernel's mask threshold, i.e. also less urgent than the tick (as on the
 * host simulator), more urgent than PendSV.
 */
#define TT_IRQ_PRIO (TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP)

void tt_busy(uint32_t cycles)
{
    port_burn(cycles);
}

void tt_irq_connect(unsigned irq, void (*isr)(void))
{
    if (port_irq_attach(irq, isr) != 0) {
        printf("    tt_irq_connect: the board has no interrupt line %u\n", irq);
        TT_FAIL("tt_irq_connect failed");
    }
    port_irq_priority_set(irq, TT_IRQ_PRIO);
    port_irq_enable(irq);
}

void tt_irq_raise(unsigned irq)
{
    port_irq_pend(irq);
}
