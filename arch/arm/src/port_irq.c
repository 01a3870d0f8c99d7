/*
 * The tick (SysTick) and the external interrupt lines (NVIC).
 *
 * Why it is built this way: SysTick exists on every Cortex-M and counts CPU
 * cycles, so cycle_per_tick is exactly its reload. Ticks that arrive before
 * tos_knl_start() are dropped: the kernel's time starts with the kernel.
 * Handlers attached at run time are written straight into the vector table
 * in RAM (VTOR), so the hardware enters them like ROM vectors. ARMv6-M has
 * no VTOR: there every external line enters one dispatcher that looks the
 * handler up by the active exception number, which costs one table load and
 * an indirect jump per interrupt.
 */
#include "tos_k.h"
#include "port_cm.h"

void port_fault_entry(void);

#if !PORT_RAM_VECTORS && (TOS_CFG_CPU_IRQ_ATTACH_EN > 0u)
/* Read by port_irq_dispatch's assembly. */
__attribute__((used)) static port_isr_t port_irq_table[PORT_IRQ_COUNT];
#endif

/* An 8-bit priority value for a kernel-aware handler: never above the mask threshold. */
static uint32_t port_prio_kernel_aware(uint32_t value)
{
#if PORT_USES_BASEPRI
    if (value < TOS_CFG_CPU_BASEPRI) {
        value = TOS_CFG_CPU_BASEPRI;
    }
#endif
    return value & 0xFFu;
}

/*
 * The register sequences are written once, inline, on a base address the
 * compiler cannot see through: on Thumb-2 one register then reaches the
 * SCB and SysTick alike (12-bit offsets), where the compiler would build a
 * constant for each. ARMv6-M's 16-bit offsets reach 124 bytes only, so
 * there the addresses stay constants.
 */
#define PORT_SCS_BASE          0xE000E000u
#define PORT_SCS8(base, addr)  (*(volatile uint8_t *)((base) + ((uintptr_t)(addr)-PORT_SCS_BASE)))
#define PORT_SCS16(base, addr) (*(volatile uint16_t *)((base) + ((uintptr_t)(addr)-PORT_SCS_BASE)))
#define PORT_SCS32(base, addr) (*(volatile uint32_t *)((base) + ((uintptr_t)(addr)-PORT_SCS_BASE)))

__STATIC_INLINE__ uintptr_t port_scs_base(void)
{
    uintptr_t base = PORT_SCS_BASE;

#if PORT_ARMV7M_LIKE
    __asm__("" : "+r"(base));
#endif
    return base;
}

__STATIC_INLINE__ void port_systick_priority_write(uintptr_t scs, uint32_t prio)
{
    uint32_t value = port_prio_kernel_aware(prio * PORT_PRIO_STEP);

#if PORT_ARMV7M_LIKE
    PORT_SCS8(scs, 0xE000ED14u + PORT_EXC_SYSTICK) = (uint8_t)value;
#else
    PORT_SCS32(scs, 0xE000ED20u) = (PORT_SCS32(scs, 0xE000ED20u) & 0x00FFFFFFu) | (value << 24);
#endif
}

/* Inline even at -Os: with a constant period the reload folds to one constant. */
__attribute__((always_inline)) __STATIC_INLINE__ void port_systick_start(uintptr_t scs,
                                                                         uint32_t cycle_per_tick)
{
    PORT_SCS32(scs, 0xE000E010u) = 0u;
    PORT_SCS32(scs, 0xE000E014u) = (cycle_per_tick - 1u) & PORT_SYST_RVR_MAX;
    PORT_SCS32(scs, 0xE000E018u) = 0u;
    PORT_SCS32(scs, 0xE000E010u) =
        PORT_SYST_CSR_CLKSOURCE | PORT_SYST_CSR_TICKINT | PORT_SYST_CSR_ENABLE;
}

__PORT__ void port_systick_priority_set(uint32_t prio)
{
    port_systick_priority_write(port_scs_base(), prio);
}

__PORT__ void port_systick_config(uint32_t cycle_per_tick)
{
    port_systick_start(port_scs_base(), cycle_per_tick);
}

__KNL__ void cpu_systick_init(k_cycle_t cycle_per_tick)
{
    uintptr_t scs = port_scs_base();

    port_systick_priority_write(scs, TOS_CFG_CPU_SYSTICK_PRIO);
    port_systick_start(scs, (uint32_t)cycle_per_tick);
}

/*
 * The kernel's first step. It also makes SVCall and PendSV the least urgent
 * exceptions (the switch needs that from the first task on; nothing pends
 * them before): written here with the tick's priority, one base register
 * serves them all. k_cpu_tick_per_second still holds its initial value
 * here, so the division is done by the compiler: at run time it would pull
 * in the C library's division on cores without a divide instruction (and a
 * 64-bit one everywhere, k_tick_t being 64 bits).
 */
__KNL__ void cpu_init(void)
{
    uintptr_t scs = port_scs_base();

    k_cpu_cycle_per_tick = (k_cycle_t)(TOS_CFG_CPU_CLOCK / TOS_CFG_CPU_TICK_PER_SECOND);
#if PORT_ARMV7M_LIKE
    PORT_SCS8(scs, 0xE000ED14u + PORT_EXC_SVCALL) = 0xFFu;
    /* PendSV's and SysTick's bytes are the upper half of SHPR3: one store. */
    PORT_SCS16(scs, 0xE000ED14u + PORT_EXC_PENDSV) =
        (uint16_t)(0xFFu |
                   (port_prio_kernel_aware(TOS_CFG_CPU_SYSTICK_PRIO * PORT_PRIO_STEP) << 8));
#else
    /* Word-only registers; their other bits are reserved. */
    PORT_SCS32(scs, 0xE000ED1Cu) = 0xFFu << 24;
    PORT_SCS32(scs, 0xE000ED20u) =
        (port_prio_kernel_aware(TOS_CFG_CPU_SYSTICK_PRIO * PORT_PRIO_STEP) << 24) | (0xFFu << 16);
#endif
    port_systick_start(scs, (uint32_t)(TOS_CFG_CPU_CLOCK / TOS_CFG_CPU_TICK_PER_SECOND));
}

#if TOS_CFG_TICKLESS_EN > 0u
__PORT__ void port_systick_suspend(void)
{
    PORT_SYST_CSR &= ~PORT_SYST_CSR_ENABLE;
}

__PORT__ void port_systick_resume(void)
{
    PORT_SYST_CSR |= PORT_SYST_CSR_ENABLE;
}

/* A new period from now: the counter restarts from the new reload value. */
__PORT__ void port_systick_reload(uint32_t cycle_per_tick)
{
    uint32_t csr = PORT_SYST_CSR;

    PORT_SYST_CSR = csr & ~PORT_SYST_CSR_ENABLE;
    PORT_SYST_RVR = (cycle_per_tick - 1u) & PORT_SYST_RVR_MAX;
    PORT_SYST_CVR = 0u;
    PORT_SYST_CSR = csr;
}

__PORT__ void port_systick_pending_reset(void)
{
    PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR;
}

/* The longest one-shot delay the 24-bit counter can time, in milliseconds. */
__PORT__ k_time_t port_systick_max_delay_millisecond(void)
{
    return (k_time_t)((uint64_t)PORT_SYST_RVR_MAX * 1000u / TOS_CFG_CPU_CLOCK);
}

__KNL__ void cpu_systick_suspend(void)
{
    port_systick_suspend();
}

__KNL__ void cpu_systick_resume(void)
{
    port_systick_resume();
}

__KNL__ void cpu_systick_reload_reset(void)
{
    port_systick_reload((uint32_t)k_cpu_cycle_per_tick);
}

__KNL__ void cpu_systick_pending_reset(void)
{
    port_systick_pending_reset();
}

__KNL__ k_time_t cpu_systick_max_delay_millisecond(void)
{
    return port_systick_max_delay_millisecond();
}

/* One-shot wake-up after `millisecond`, clamped to what the counter can time. */
__KNL__ void cpu_systick_expires_set(k_time_t millisecond)
{
    k_time_t max = port_systick_max_delay_millisecond();
    uint64_t cycles;

    if (millisecond > max) {
        millisecond = max;
    }
    cycles = (uint64_t)millisecond * TOS_CFG_CPU_CLOCK / 1000u;
    if (cycles == 0u) {
        cycles = 1u;
    }
    port_systick_reload((uint32_t)cycles);
}

__KNL__ void cpu_systick_reset(void)
{
    cpu_systick_reload_reset();
}
#endif

/* ---- external interrupt lines -------------------------------------------- */

#if TOS_CFG_CPU_IRQ_ATTACH_EN > 0u
__PORT__ int port_irq_attach(unsigned int irq, port_isr_t isr)
{
    int ret = -1;
    cpu_cpsr_t cpsr;

    if (irq < PORT_IRQ_COUNT) {
        cpsr = port_cpsr_save();
#if PORT_RAM_VECTORS
        port_vectors_ram[16u + irq] = (isr != K_NULL) ? isr : port_fault_entry;
#else
        port_irq_table[irq] = isr;
#endif
        port_cpsr_restore(cpsr);
        ret = 0;
    }
    return ret;
}
#endif

/* Word access: ARMv6-M does not allow byte access to NVIC_IPR. */
__PORT__ void port_irq_priority_set(unsigned int irq, uint32_t prio)
{
    uint32_t shift = (irq % 4u) * 8u;
    cpu_cpsr_t cpsr;

    if (irq < PORT_IRQ_COUNT) {
        cpsr = port_cpsr_save();
        PORT_NVIC_IPR(irq / 4u) =
            (PORT_NVIC_IPR(irq / 4u) & ~(0xFFu << shift)) | ((prio & 0xFFu) << shift);
        port_cpsr_restore(cpsr);
    }
}

__PORT__ void port_irq_enable(unsigned int irq)
{
    if (irq < PORT_IRQ_COUNT) {
        PORT_NVIC_ISER(irq / 32u) = 1u << (irq % 32u);
    }
}

__PORT__ void port_irq_disable(unsigned int irq)
{
    if (irq < PORT_IRQ_COUNT) {
        PORT_NVIC_ICER(irq / 32u) = 1u << (irq % 32u);
        port_barrier();
    }
}

__PORT__ void port_irq_pend(unsigned int irq)
{
    if (irq < PORT_IRQ_COUNT) {
#if PORT_ARMV7M_LIKE
        PORT_NVIC_STIR = irq; /* the line's number: no bit to compute */
#else
        PORT_NVIC_ISPR(irq / 32u) = 1u << (irq % 32u);
#endif
        port_barrier();
    }
}

#if !PORT_RAM_VECTORS && (TOS_CFG_CPU_IRQ_ATTACH_EN > 0u)
/*
 * The vector of every external line (ARMv6-M). The handler is tail-called with LR
 * still holding EXC_RETURN, so it returns straight from the exception, as
 * if it were in the vector table itself. A line without a handler goes to
 * the fault report (port_fault.c).
 */
__attribute__((naked)) void port_irq_dispatch(void)
{
    /* The vector table has exactly PORT_IRQ_COUNT lines: IPSR - 16 indexes the table. */
#if PORT_ARMV7M_LIKE
    __asm__ volatile("mrs r0, ipsr\n\t"
                     "ldr r1, =port_irq_table - 64\n\t"
                     "ldr r1, [r1, r0, lsl #2]\n\t"
                     "cbz r1, 1f\n\t"
                     "bx r1\n"
                     "1:\n\t"
                     "ldr r1, =port_fault_entry\n\t"
                     "bx r1\n\t"
                     ".ltorg\n\t");
#else
    __asm__ volatile("mrs r0, ipsr\n\t"
                     "ldr r1, =port_irq_table - 64\n\t"
                     "lsls r0, r0, #2\n\t"
                     "ldr r1, [r1, r0]\n\t"
                     "cmp r1, #0\n\t"
                     "beq 1f\n\t"
                     "bx r1\n"
                     "1:\n\t"
                     "ldr r1, =port_fault_entry\n\t"
                     "bx r1\n\t"
                     ".ltorg\n\t");
#endif
}
#endif
