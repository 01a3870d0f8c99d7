/*
 * Critical sections, count-leading-zeros, start-up of the port and reset.
 *
 * Why it is built this way:
 *  - Critical sections clear mstatus.MIE and hand back the bit as it was, so
 *    they nest; restoring sets the bit again only if it was set. Machine
 *    mode has no priority threshold register, so the kernel masks every
 *    interrupt while it holds a critical section.
 *  - Count-leading-zeros without Zbb is a five-step binary search: constant
 *    time, no table, no library call.
 *  - Reset has no architectural mechanism on RISC-V: the port puts the
 *    hart's own state back (interrupts, CLINT timer and software interrupt)
 *    and restarts at the board's entry point, which rebuilds the C
 *    environment (data copied from its load image, .bss cleared).
 */
#include "port_riscv.h"

#if TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT > 0u
__PORT__ uint32_t port_clz(uint32_t val)
{
    /* Zbb's clz gives 32 for 0, as the contract wants. */
    return val == 0u ? 32u : (uint32_t)__builtin_clz(val);
}

__API__ uint32_t tos_cpu_clz(uint32_t val)
{
    return port_clz(val);
}
#endif

/* ---- critical sections ----------------------------------------------------- */

__PORT__ void port_int_disable(void)
{
    (void)port_mstatus_mie_clear();
}

__PORT__ void port_int_enable(void)
{
    port_mstatus_mie_set();
}

__PORT__ cpu_cpsr_t port_cpsr_save(void)
{
    return port_cpsr_save_inline();
}

__PORT__ void port_cpsr_restore(cpu_cpsr_t cpsr)
{
    port_cpsr_restore_inline(cpsr & PORT_MSTATUS_MIE);
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

/* ---- start-up and reset ------------------------------------------------------- */

/*
 * k_cpu_tick_per_second still holds its initial value here (cpu_init() is
 * the kernel's first step), so the division is done by the compiler: at run
 * time it would be a 64-bit one (k_tick_t), about 1 KB of C library code.
 */
__KNL__ void cpu_init(void)
{
    k_cpu_cycle_per_tick = (k_cycle_t)(TOS_CFG_CPU_CLOCK / TOS_CFG_CPU_TICK_PER_SECOND);
    cpu_systick_init(k_cpu_cycle_per_tick);
    port_mie_write(port_mie_for_prio(PORT_PRIO_TASK));
#if TOS_CFG_EVENT_DRIVEN_EN > 0u
    /*
     * The event-driven loop never starts a task, whose initial mstatus would
     * enable interrupts: enable them here, as a Cortex-M comes out of reset.
     */
    port_int_enable();
#endif
}

/* The board's entry point (start-up code). */
extern void _start(void);

__PORT__ __NO_RETURN__ void port_cpu_reset(void)
{
    port_int_disable();
    port_mie_write(0u);
    *port_mmio32(PORT_CLINT_MSIP) = 0u;
    port_mtimecmp_write(UINT64_MAX);
    port_mip_clear(PORT_MIP_SSIP);
    __asm__ volatile("jr %0" : : "r"(_start) : "memory");
    __builtin_unreachable();
}

__KNL__ void cpu_reset(void)
{
    port_cpu_reset();
}
