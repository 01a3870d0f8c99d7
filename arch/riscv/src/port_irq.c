/*
 * Interrupt lines with priorities, delivered through the supervisor software
 * interrupt, and the priority masking that lets handlers nest.
 *
 * Why it is built this way: machine mode on a CLINT hart has three local
 * interrupt sources and no priority controller: MEI, MSI, MTI in a fixed
 * order, masked all together by mstatus.MIE. The port keeps MSI for the
 * context switch and MTI for the tick, and builds the rest of an interrupt
 * controller in software on top of mip.SSIP, the one pending bit machine
 * mode can set and clear itself (on harts with S-mode; it is taken in
 * machine mode because nothing is delegated):
 *  - each line has a handler, a priority, an enable and a pending bit;
 *  - the code running has a priority level (port_prio_running: a handler's
 *    level, or PORT_PRIO_TASK below every level);
 *  - mip.SSIP is set exactly when some pending, enabled, attached line is
 *    more urgent than the code running; it is re-evaluated whenever one of
 *    those inputs changes, always with interrupts masked;
 *  - a handler runs with mstatus.MIE set and mie restricted to the sources
 *    that are more urgent than it (SSI always, gated by SSIP as above; MTI
 *    if the tick is more urgent; MSI never), so nesting follows priority
 *    and a task switch waits for the return to task level.
 */
#include "port_riscv.h"

uint32_t port_prio_running = PORT_PRIO_TASK;

static port_isr_t port_irq_isr[PORT_IRQ_COUNT];
/* PORT_IRQ_PRIO_LOWEST - priority: zero (the start-up value) is the lowest priority. */
static uint8_t port_irq_rank[PORT_IRQ_COUNT];
static uint32_t port_irq_attached;
static uint32_t port_irq_enabled;
static uint32_t port_irq_pending;

static uint32_t port_irq_prio_of(uint32_t irq)
{
    return PORT_IRQ_PRIO_LOWEST - (uint32_t)port_irq_rank[irq];
}

/* The most urgent line that may interrupt code at level running; PORT_IRQ_COUNT if none. */
static uint32_t port_irq_next(uint32_t running)
{
    uint32_t ready = port_irq_pending & port_irq_enabled & port_irq_attached;
    uint32_t best = PORT_IRQ_COUNT;
    uint32_t best_prio = running;

    /* Lowest line first, so that a strictly better priority is needed to win a tie. */
    while (ready != 0u) {
        uint32_t irq = 31u - tos_cpu_clz(ready & (~ready + 1u));
        uint32_t prio = port_irq_prio_of(irq);

        ready &= ready - 1u;
        if (prio < best_prio) {
            best = irq;
            best_prio = prio;
        }
    }
    return best;
}

void port_irq_trigger_update(void)
{
    if (port_irq_next(port_prio_running) < PORT_IRQ_COUNT) {
        port_mip_set(PORT_MIP_SSIP);
    } else {
        port_mip_clear(PORT_MIP_SSIP);
    }
}

uint32_t port_mie_for_prio(uint32_t prio)
{
    uint32_t mie = PORT_MIP_SSIP;

    if (port_tick_prio < prio) {
        mie |= PORT_MIP_MTIP;
    }
    if (prio == PORT_PRIO_TASK) {
        mie |= PORT_MIP_MSIP;
    }
    return mie;
}

void port_irq_run_at(uint32_t prio, port_isr_t handler)
{
    uint32_t outer_prio = port_prio_running;
    uint32_t outer_mie = port_mie_read();

    port_prio_running = prio;
    port_mie_write(port_mie_for_prio(prio));
    port_irq_trigger_update();
    port_mstatus_mie_set();
    handler();
    (void)port_mstatus_mie_clear();
    port_prio_running = outer_prio;
    port_mie_write(outer_mie);
    port_irq_trigger_update();
}

void port_irq_dispatch(void)
{
    uint32_t irq;

    while ((irq = port_irq_next(port_prio_running)) < PORT_IRQ_COUNT) {
        port_irq_pending &= ~(1u << irq);
        port_irq_run_at(port_irq_prio_of(irq), port_irq_isr[irq]);
    }
    port_irq_trigger_update();
}

static void port_irq_mask_write(uint32_t *mask, unsigned int irq, int set)
{
    if (set) {
        *mask |= 1u << irq;
    } else {
        *mask &= ~(1u << irq);
    }
}

/* Sets or clears the bit of line irq in mask under a critical section; -1 if out of range. */
static int port_irq_update(unsigned int irq, uint32_t *mask, int set)
{
    int rc = -1;
    TOS_CPU_CPSR_ALLOC();

    if (irq < PORT_IRQ_COUNT) {
        TOS_CPU_INT_DISABLE();
        port_irq_mask_write(mask, irq, set);
        port_irq_trigger_update();
        TOS_CPU_INT_ENABLE();
        rc = 0;
    }
    return rc;
}

__PORT__ int port_irq_attach(unsigned int irq, port_isr_t isr)
{
    int rc = -1;
    TOS_CPU_CPSR_ALLOC();

    if (irq < PORT_IRQ_COUNT) {
        /* Handler and attached bit change together: never a set bit with a stale handler. */
        TOS_CPU_INT_DISABLE();
        port_irq_isr[irq] = isr;
        port_irq_mask_write(&port_irq_attached, irq, isr != K_NULL);
        port_irq_trigger_update();
        TOS_CPU_INT_ENABLE();
        rc = 0;
    }
    return rc;
}

__PORT__ int port_irq_priority_set(unsigned int irq, uint32_t prio)
{
    int rc = -1;
    TOS_CPU_CPSR_ALLOC();

    if (irq < PORT_IRQ_COUNT && prio <= PORT_IRQ_PRIO_LOWEST) {
        TOS_CPU_INT_DISABLE();
        port_irq_rank[irq] = (uint8_t)(PORT_IRQ_PRIO_LOWEST - prio);
        port_irq_trigger_update();
        TOS_CPU_INT_ENABLE();
        rc = 0;
    }
    return rc;
}

__PORT__ int port_irq_enable(unsigned int irq)
{
    return port_irq_update(irq, &port_irq_enabled, K_TRUE);
}

__PORT__ int port_irq_disable(unsigned int irq)
{
    return port_irq_update(irq, &port_irq_enabled, K_FALSE);
}

__PORT__ int port_irq_pend(unsigned int irq)
{
    return port_irq_update(irq, &port_irq_pending, K_TRUE);
}
