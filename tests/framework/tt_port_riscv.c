/*
 * tt platform functions on the RISC-V port (arch/riscv): test interrupts are
 * the port's interrupt lines, real pending interrupts delivered through the
 * hart's software interrupt; busy work is the board's calibrated loop.
 * Timed interrupts come from the CLINT comparator (port_irq_pend_at()): a
 * real timer interrupt that wakes the hart, also from tickless sleep.
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

/*
 * The reference clock is mtime itself: the tick is derived from it, so what
 * is checked is that the kernel's count and the port's grid on mtime agree.
 */
int tt_clock_available(void)
{
    return 1;
}

uint64_t tt_clock_get(void)
{
    return port_mtime_get();
}

uint64_t tt_clock_tick_zero(void)
{
    cpu_cpsr_t cpsr = tos_cpu_cpsr_save();
    uint64_t zero = port_tick_last_boundary() - (uint64_t)tos_systick_get() * k_cpu_cycle_per_tick;

    tos_cpu_cpsr_restore(cpsr);
    return zero;
}

/* mtime moves on (10 MHz) while a tick count and a clock reading are taken one after the other. */
uint32_t tt_clock_jitter(void)
{
    return 16u;
}

/* The tick is never restarted: a sleep is measured on mtime and the grid stays where it was. */
uint32_t tt_clock_sleep_slack(void)
{
    return 0u;
}

void tt_irq_raise_at(unsigned irq, uint64_t cycle)
{
    (void)port_irq_pend_at(irq, cycle);
}
