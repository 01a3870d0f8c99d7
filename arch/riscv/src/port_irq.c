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
 *    handler and priority are RAM tables set at run time, or with
 *    TOS_CFG_CPU_IRQ_ATTACH_EN 0 the application's ROM table
 *    (port_irq_lines): then a line without a handler cannot be enabled, so
 *    "enabled" implies "attached" and no attached mask is kept either;
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
uint32_t port_irq_pending;

static uint32_t port_irq_enabled;

#if TOS_CFG_CPU_IRQ_ATTACH_EN > 0u
static port_isr_t port_irq_isr[PORT_IRQ_COUNT];
/* PORT_IRQ_PRIO_LOWEST - priority: zero (the start-up value) is the lowest priority. */
static uint8_t port_irq_rank[PORT_IRQ_COUNT];
static uint32_t port_irq_attached;

static uint32_t port_irq_prio_of(uint32_t irq)
{
    return PORT_IRQ_PRIO_LOWEST - (uint32_t)port_irq_rank[irq];
}

static port_isr_t port_irq_isr_of(uint32_t irq)
{
    return port_irq_isr[irq];
}

/* The lines of mask that run when pending: enabled and attached. */
static uint32_t port_irq_live(uint32_t mask)
{
    return mask & port_irq_enabled & port_irq_attached;
}
#else
static uint32_t port_irq_prio_of(uint32_t irq)
{
    return port_irq_lines[irq].prio;
}

static port_isr_t port_irq_isr_of(uint32_t irq)
{
    return port_irq_lines[irq].isr;
}

/* The lines of mask that run when pending: enabled, which only a line with a handler can be. */
static uint32_t port_irq_live(uint32_t mask)
{
    return mask & port_irq_enabled;
}
#endif

/* Index of the only set bit of bit: a de Bruijn multiply, no loop, no library call. */
static uint32_t port_bit_index(uint32_t bit)
{
    static const uint8_t index[32] = {0u,  1u,  28u, 2u,  29u, 14u, 24u, 3u,  30u, 22u, 20u,
                                      15u, 25u, 17u, 4u,  8u,  31u, 27u, 13u, 23u, 21u, 19u,
                                      16u, 7u,  26u, 12u, 18u, 6u,  11u, 5u,  10u, 9u};

    return index[(bit * 0x077CB531u) >> 27u];
}

/* Lines that are pending, enabled and attached. */
static uint32_t port_irq_ready(void)
{
    return port_irq_live(port_irq_pending);
}

/*
 * The most urgent of the ready lines that may interrupt code at level
 * running; PORT_IRQ_COUNT if none.
 */
static uint32_t port_irq_best(uint32_t ready, uint32_t running)
{
    uint32_t best = PORT_IRQ_COUNT;
    uint32_t best_prio = running;

    /* Lowest line first, so that a strictly better priority is needed to win a tie. */
    while (ready != 0u) {
        uint32_t irq = port_bit_index(ready & (~ready + 1u));
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
    if (port_irq_best(port_irq_ready(), port_prio_running) < PORT_IRQ_COUNT) {
        port_mip_set(PORT_MIP_SSIP);
    } else {
        port_mip_clear(PORT_MIP_SSIP);
    }
}

/* Runs line irq's handler at the line's priority: only more urgent sources interrupt it. */
__attribute__((noinline)) static void port_irq_run(uint32_t irq)
{
    port_level_t outer = port_level_raise(port_irq_prio_of(irq));

    port_irq_isr_of(irq)();
    port_level_lower(outer);
}

void port_irq_dispatch(void)
{
    uint32_t running = port_prio_running;
    uint32_t ready;
    uint32_t irq;

    while ((ready = port_irq_ready()) != 0u &&
           (irq = port_irq_best(ready, running)) < PORT_IRQ_COUNT) {
        /* irq is the most urgent ready line: none is left that may interrupt its handler. */
        port_irq_pending &= ~(1u << irq);
        port_mip_clear(PORT_MIP_SSIP);
        port_irq_run(irq);
    }
    /* Nothing ready is more urgent than the code this trap interrupted. */
    port_mip_clear(PORT_MIP_SSIP);
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

#if TOS_CFG_CPU_IRQ_ATTACH_EN > 0u
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
#else
/* Only a line with a handler is enabled: port_irq_live() relies on it. */
__PORT__ int port_irq_enable(unsigned int irq)
{
    int rc = -1;

    if (irq < port_irq_line_count && port_irq_lines[irq].isr != K_NULL) {
        rc = port_irq_update(irq, &port_irq_enabled, K_TRUE);
    }
    return rc;
}
#endif

__PORT__ int port_irq_disable(unsigned int irq)
{
    return port_irq_update(irq, &port_irq_enabled, K_FALSE);
}

/*
 * Pending can only add a deliverable line: SSIP is set if this one is, and
 * otherwise stays as it is (no search).
 */
__PORT__ int port_irq_pend(unsigned int irq)
{
    int rc = -1;
    uint32_t bit;
    TOS_CPU_CPSR_ALLOC();

    if (irq < PORT_IRQ_COUNT) {
        bit = 1u << irq;
        TOS_CPU_INT_DISABLE();
        port_irq_pending |= bit;
        if (port_irq_live(bit) != 0u && port_irq_prio_of(irq) < port_prio_running) {
            port_mip_set(PORT_MIP_SSIP);
        }
        TOS_CPU_INT_ENABLE();
        rc = 0;
    }
    return rc;
}
