/* tt platform functions on the host simulator (arch/host, port_sim.h). */
#include "tos_k.h"
#include "port_sim.h"
#include "tt.h"
#include "tt_port.h"

/* Priority given to test interrupts; the simulator orders nested ISRs by it. */
#define TT_IRQ_PRIO 1u

void tt_busy(uint32_t cycles)
{
    port_sim_cycles_burn(cycles);
}

void tt_irq_connect(unsigned irq, void (*isr)(void))
{
    if (port_sim_irq_connect(irq, isr, TT_IRQ_PRIO) != 0) {
        printf("    tt_irq_connect: the simulator rejected irq %u\n", irq);
        TT_FAIL("tt_irq_connect failed");
    }
}

void tt_irq_raise(unsigned irq)
{
    port_sim_irq_raise(irq);
}
