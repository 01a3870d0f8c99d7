/* tt platform functions on the host simulator (arch/host, port_sim.h). */
#include "tos_k.h"
#include "port_sim.h"
#include "tt.h"
#include "tt_port.h"
/* The simulator's tick boundaries are the multiples of the tick period from the kernel's start. */
#include "tt_port_clock_exact.h"

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

int tt_clock_available(void)
{
    return 1;
}

uint64_t tt_clock_get(void)
{
    return port_sim_cycles_get();
}

void tt_irq_raise_at(unsigned irq, uint64_t cycle)
{
    port_sim_irq_raise_at(irq, cycle == TT_CLOCK_NEVER ? PORT_SIM_NEVER : cycle);
}
