/*
 * Simulated interrupt controller and interrupt mask of the host port.
 *
 * Why it is built this way: the kernel relies on Cortex-M-like semantics,
 * so the simulator reproduces them instead of mapping critical sections to
 * host locks:
 *  - the mask is one flag of the simulated CPU; save/restore nest because
 *    restore puts back what save found;
 *  - a task-level switch request (cpu_context_switch) only sets a pending
 *    flag, like pending PendSV, and happens when the mask is lifted;
 *  - interrupts are bits in a pending word. Whenever the mask is lifted (and
 *    whenever an ISR returns) the port first runs every pending interrupt
 *    that is more urgent than the code running, then, back at task level,
 *    the pending switch. An ISR runs on the thread holding the CPU, nested
 *    by priority, so k_irq_nest_cnt and "deferred switch on leave" behave
 *    as on hardware.
 * Calls from OS threads that do not hold the CPU must not disturb it: the
 * mask functions ignore them, and their raises only set a pending bit and
 * wake the CPU (port_clock.c).
 */
#include "port_sim_internal.h"

typedef struct sim_irq_slot_st {
    void (*isr)(void);
    unsigned prio;
} sim_irq_slot_t;

/* Unconnected slots have priority 0: a stray raise is discarded quickly. */
static sim_irq_slot_t sim_irq_table[PORT_SIM_IRQ_MAX];

/* Most urgent pending irq allowed to interrupt `level`, or -1 (ties: lowest number). */
static int sim_irq_pick(unsigned level)
{
    uint32_t pending = (uint32_t)atomic_load(&sim_cpu.irq_pending);
    unsigned best_prio = level;
    int best = -1;
    int irq;

    for (irq = 0; pending != 0u; ++irq, pending >>= 1u) {
        if ((pending & 1u) != 0u && sim_irq_table[irq].prio < best_prio) {
            best_prio = sim_irq_table[irq].prio;
            best = irq;
        }
    }
    return best;
}

/* Runs the ISR of `irq` unless another delivery claimed it first. */
static void sim_irq_run(int irq)
{
    uint32_t bit = (uint32_t)1u << (unsigned)irq;
    unsigned prev_level = atomic_load(&sim_cpu.level);
    void (*isr)(void) = sim_irq_table[irq].isr;

    if ((atomic_fetch_and(&sim_cpu.irq_pending, ~bit) & bit) != 0u) {
        atomic_store(&sim_cpu.level, sim_irq_table[irq].prio);
        ++sim_cpu.progress;
        if (isr != NULL) {
            isr();
        }
        /* Exception return: the interrupted code had interrupts enabled. */
        atomic_store(&sim_cpu.masked, 0);
        atomic_store(&sim_cpu.level, prev_level);
    }
}

static int sim_has_work(void)
{
    unsigned level = atomic_load(&sim_cpu.level);

    return sim_irq_pick(level) >= 0 ||
           (level == SIM_LEVEL_TASK && atomic_load(&sim_cpu.switch_pending) != 0);
}

/* One delivery step; returns non-zero if it did something. */
static int sim_service_step(void)
{
    unsigned level = atomic_load(&sim_cpu.level);
    int irq = sim_irq_pick(level);
    int done = K_TRUE;

    if (irq >= 0) {
        sim_irq_run(irq);
    } else if (level == SIM_LEVEL_TASK && atomic_exchange(&sim_cpu.switch_pending, 0) != 0) {
        sim_switch_now();
    } else {
        done = K_FALSE;
    }
    return done;
}

/*
 * Delivers pending interrupts, then (at task level) the pending switch.
 * Called by the CPU holder with interrupts unmasked. The outermost call
 * re-checks after leaving port code: a tick signal that arrived meanwhile
 * found in_port set and left its work to us.
 */
void sim_service(void)
{
    int outer = atomic_exchange(&sim_cpu.in_port, 1) == 0;
    int again = K_TRUE;

    while (again) {
        while (sim_service_step()) {
        }
        again = K_FALSE;
        if (outer) {
            atomic_store(&sim_cpu.in_port, 0);
            if (sim_has_work()) {
                atomic_store(&sim_cpu.in_port, 1);
                again = K_TRUE;
            }
        }
    }
}

void sim_service_if_work(void)
{
    if (atomic_load(&sim_cpu.masked) == 0 && sim_has_work()) {
        sim_service();
    }
}

void sim_irq_install(unsigned irq, void (*isr)(void), unsigned prio)
{
    cpu_cpsr_t cpsr = port_cpsr_save();

    sim_irq_table[irq].isr = isr;
    sim_irq_table[irq].prio = prio;
    port_cpsr_restore(cpsr);
}

int port_sim_irq_connect(unsigned irq, void (*isr)(void), unsigned prio)
{
    int rc = -1;

    if (irq != PORT_SIM_IRQ_TICK && irq < PORT_SIM_IRQ_MAX && prio <= PORT_SIM_IRQ_PRIO_LOWEST &&
        sim_self() != NULL) {
        sim_irq_install(irq, isr, prio);
        rc = 0;
    }
    return rc;
}

void port_sim_irq_raise(unsigned irq)
{
    if (irq < PORT_SIM_IRQ_MAX) {
        atomic_fetch_or(&sim_cpu.irq_pending, (uint32_t)1u << irq);
        if (sim_self_peek() != NULL) {
            sim_service_if_work();
        } else {
            sim_foreign_notify();
        }
    }
}

/* ---- the mask (contract §37.1) ------------------------------------------- */

__PORT__ void port_int_disable(void)
{
    if (sim_self() != NULL) {
        atomic_store(&sim_cpu.masked, 1);
    }
}

__PORT__ void port_int_enable(void)
{
    if (sim_self() != NULL) {
        atomic_store(&sim_cpu.masked, 0);
        sim_service_if_work();
    }
}

/* A foreign thread gets "masked", so that its restore cannot unmask. */
__PORT__ cpu_cpsr_t port_cpsr_save(void)
{
    cpu_cpsr_t cpsr = (cpu_cpsr_t)1u;

    if (sim_self() != NULL) {
        cpsr = (cpu_cpsr_t)atomic_exchange(&sim_cpu.masked, 1);
    }
    return cpsr;
}

__PORT__ void port_cpsr_restore(cpu_cpsr_t cpsr)
{
    if (sim_self() != NULL) {
        atomic_store(&sim_cpu.masked, cpsr != 0u);
        if (cpsr == 0u) {
            sim_service_if_work();
        }
    }
}

__PORT__ void port_context_switch(void)
{
    if (sim_self() != NULL) {
        atomic_store(&sim_cpu.switch_pending, 1);
        /* Requested with interrupts enabled: PendSV would fire at once. */
        sim_service_if_work();
    }
}

__PORT__ void port_irq_context_switch(void)
{
    /* Performed by the delivery loop once the outermost ISR has returned. */
    if (sim_self() != NULL) {
        atomic_store(&sim_cpu.switch_pending, 1);
    }
}

__API__ void tos_cpu_int_disable(void)
{
    port_int_disable();
}

__API__ void tos_cpu_int_enable(void)
{
    port_int_enable();
}

__API__ cpu_cpsr_t tos_cpu_cpsr_save(void)
{
    return port_cpsr_save();
}

__API__ void tos_cpu_cpsr_restore(cpu_cpsr_t cpsr)
{
    port_cpsr_restore(cpsr);
}

__KNL__ void cpu_context_switch(void)
{
    port_context_switch();
}

__KNL__ void cpu_irq_context_switch(void)
{
    port_irq_context_switch();
}
