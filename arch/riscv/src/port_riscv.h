/*
 * Private to arch/riscv/src: CSR and CLINT access, and the state the trap
 * path, the tick and the interrupt lines share.
 */
#ifndef _PORT_RISCV_H_
#define _PORT_RISCV_H_

#include "tos_k.h"

/* Priority of code that is not an interrupt handler: below every level. */
#define PORT_PRIO_TASK (PORT_IRQ_PRIO_LOWEST + 1u)

/* ---- CSRs ----------------------------------------------------------------- */

/* The "memory" clobbers keep the compiler from moving memory accesses across
 * a change of the interrupt state. */

static inline uint32_t port_mstatus_mie_clear(void)
{
    uint32_t old;

    __asm__ volatile("csrrci %0, mstatus, 8" : "=r"(old) : : "memory");
    return old;
}

static inline void port_mstatus_mie_set(void)
{
    __asm__ volatile("csrsi mstatus, 8" : : : "memory");
}

static inline void port_mstatus_set(uint32_t bits)
{
    __asm__ volatile("csrs mstatus, %0" : : "r"(bits) : "memory");
}

static inline uint32_t port_mie_read(void)
{
    uint32_t v;

    __asm__ volatile("csrr %0, mie" : "=r"(v));
    return v;
}

static inline void port_mie_write(uint32_t v)
{
    __asm__ volatile("csrw mie, %0" : : "r"(v) : "memory");
}

static inline void port_mip_set(uint32_t bits)
{
    __asm__ volatile("csrs mip, %0" : : "r"(bits) : "memory");
}

static inline void port_mip_clear(uint32_t bits)
{
    __asm__ volatile("csrc mip, %0" : : "r"(bits) : "memory");
}

static inline uint32_t port_mip_read(void)
{
    uint32_t v;

    __asm__ volatile("csrr %0, mip" : "=r"(v));
    return v;
}

/* ---- CLINT ---------------------------------------------------------------- */

static inline volatile uint32_t *port_mmio32(uint32_t addr)
{
    return (volatile uint32_t *)(uintptr_t)addr;
}

/* ---- shared state --------------------------------------------------------- */

/*
 * Trap nesting depth (every trap, kernel-aware or not); 0 in task code. The
 * trap entry and exit code reads and writes it with interrupts masked.
 */
extern volatile uint32_t port_trap_nest;

/* Top of the interrupt stack once the kernel runs; 0 before (traps stay on the boot stack). */
extern uint32_t port_isr_stack_top;

/* Priority level of the code running now: PORT_PRIO_TASK, or the level of the running handler. */
extern uint32_t port_prio_running;

/* Priority level of the tick (TOS_CFG_CPU_SYSTICK_PRIO unless changed). */
extern uint32_t port_tick_prio;

/* The next tick boundary (mtime), not yet delivered to the kernel; one period after the last. */
extern uint64_t port_tick_next;

/* mtime units per tick. */
extern uint32_t port_tick_period;

/* Non-zero while tickless idle has stopped the tick (the comparator is its alarm). */
extern int port_tick_stopped;

/* Programs the CLINT comparator of this hart. */
void port_mtimecmp_write(uint64_t when);

/* Lines made pending and not yet run (port_irq.c). */
extern uint32_t port_irq_pending;

/* Sets or clears mip.SSIP: set iff a line could interrupt the code running now. */
void port_irq_trigger_update(void);

/* The mie bits for code running at priority level prio. */
static inline uint32_t port_mie_for_prio(uint32_t prio)
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

/* What port_level_raise() replaced: the level and mie of the code interrupted. */
typedef struct port_level_st {
    uint32_t prio;
    uint32_t mie;
} port_level_t;

/*
 * Enters a handler at priority level prio (more urgent than the code
 * running): only more urgent sources may interrupt it, and interrupts are
 * enabled. mip.SSIP is set iff a line more urgent than the code running is
 * ready; the set can only shrink here, so a clear SSIP stays clear.
 */
static inline port_level_t port_level_raise(uint32_t prio)
{
    port_level_t outer;

    outer.prio = port_prio_running;
    outer.mie = port_mie_read();
    port_prio_running = prio;
    port_mie_write(port_mie_for_prio(prio));
    if ((port_mip_read() & PORT_MIP_SSIP) != 0u) {
        port_irq_trigger_update();
    }
    port_mstatus_mie_set();
    return outer;
}

/*
 * Leaves the handler: interrupts masked again, back to the outer level.
 * A nested trap's mret left mstatus.MPP at the least privileged mode: the
 * trap being served returns to machine mode, so it is set again. The lines
 * the outer level may take can only have grown: SSIP is evaluated again if
 * any line is pending (with none, it is clear already).
 */
static inline void port_level_lower(port_level_t outer)
{
    (void)port_mstatus_mie_clear();
    port_mstatus_set(PORT_MSTATUS_MPP);
    port_prio_running = outer.prio;
    port_mie_write(outer.mie);
}

/* port_level_lower() for a handler outside the line dispatch loop. */
static inline void port_level_restore(port_level_t outer)
{
    port_level_lower(outer);
    if (port_irq_pending != 0u) {
        port_irq_trigger_update();
    }
}

/* Supervisor software interrupt: runs the deliverable lines, most urgent first. */
void port_irq_dispatch(void);

/* Machine timer interrupt: the tick. */
void port_tick_isr(void);

/* Reports a trap that must not happen and ends the program. */
__NO_RETURN__ void port_fault(port_frame_t *frame, uint32_t mcause, int stack_overflow);

/* Linker-script symbols: code range and the boot/interrupt stack. */
extern char _stext[];
extern char _etext[];
extern char _sstack[];
extern char _estack[];

#endif /* _PORT_RISCV_H_ */
