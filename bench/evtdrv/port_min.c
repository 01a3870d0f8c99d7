/*
 * The footprint bench's stand-in for the Cortex-M port's sources, limited to
 * what an event-driven application reaches: the critical sections, the
 * SysTick tick, WFI for cpu_idle(). The headers are the port's own
 * (arch/arm/include), so the inline critical sections are the ones a
 * product links (ARMv6-M: PRIMASK; ARMv7-M: BASEPRI at its default
 * threshold, the tick at that level).
 */
#include "tos_k.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SHPR3    (*(volatile uint32_t *)0xE000ED20u)

/* CLKSOURCE (processor clock) | TICKINT | ENABLE */
#define SYST_CSR_RUN 0x7u

__API__ cpu_cpsr_t tos_cpu_cpsr_save(void)
{
    return port_cpsr_save_inline();
}

__API__ void tos_cpu_cpsr_restore(cpu_cpsr_t cpsr)
{
    port_cpsr_restore_inline(cpsr);
}

__API__ void tos_cpu_int_disable(void)
{
    __asm__ volatile("cpsid i" : : : "memory");
}

__API__ void tos_cpu_int_enable(void)
{
    __asm__ volatile("cpsie i\n\tisb 0xF" : : : "memory");
}

__KNL__ void cpu_systick_init(k_cycle_t cycle_per_tick)
{
    /* The kernel's tick is masked by the critical section (port_config.h). */
    SHPR3 = (SHPR3 & 0x00FFFFFFu) | (TOS_CFG_CPU_BASEPRI << 24);
    SYST_CSR = 0u;
    SYST_RVR = cycle_per_tick - 1u;
    SYST_CVR = 0u;
    SYST_CSR = SYST_CSR_RUN;
}

/*
 * k_cpu_tick_per_second is a k_tick_t (64-bit): dividing by it as such
 * would link libgcc's 64-bit division (about 500 bytes on Cortex-M0).
 */
__KNL__ void cpu_init(void)
{
    k_cpu_cycle_per_tick = (k_cycle_t)(TOS_CFG_CPU_CLOCK / (uint32_t)k_cpu_tick_per_second);
    cpu_systick_init(k_cpu_cycle_per_tick);
}

__KNL__ void cpu_idle(void)
{
    __asm__ volatile("dsb 0xF\n\twfi" : : : "memory");
}

/* Unreachable in event-driven mode (no task switch), required by the link. */
__KNL__ void cpu_context_switch(void)
{
}

__KNL__ void cpu_irq_context_switch(void)
{
}

void SysTick_Handler(void);

void SysTick_Handler(void)
{
    if (tos_knl_is_running()) {
        tos_knl_irq_enter();
        tos_tick_handler();
        tos_knl_irq_leave();
    }
}
