/*
 * Interrupt masking, count-leading-zeros, reset, idle and low-power entry of
 * the Cortex-M port.
 *
 * Why it is built this way: on cores with BASEPRI (ARMv7-M, ARMv8-M
 * mainline) a critical section raises the execution priority only to
 * TOS_CFG_CPU_BASEPRI, so interrupts more urgent than that keep their
 * latency whatever the kernel does (they must not call the kernel). ARMv6-M
 * has only PRIMASK, which masks everything. Saving returns the previous mask
 * and restoring writes it back, so critical sections nest (the inline
 * versions the kernel uses are in port.h).
 */
#include "tos_k.h"
#include "port_cm.h"

__PORT__ cpu_cpsr_t port_cpsr_save(void)
{
    return port_cpsr_save_inline();
}

__PORT__ void port_cpsr_restore(cpu_cpsr_t cpsr)
{
    port_cpsr_restore_inline(cpsr);
}

#if PORT_USES_BASEPRI

__PORT__ void port_int_disable(void)
{
    __asm__ volatile(PORT_BASEPRI_RAISE("%0") : : "r"((uint32_t)TOS_CFG_CPU_BASEPRI) : "memory");
}

__PORT__ void port_int_enable(void)
{
    __asm__ volatile("msr basepri, %0" : : "r"(0u) : "memory");
}

#else /* PRIMASK */

__PORT__ void port_int_disable(void)
{
    __asm__ volatile("cpsid i" : : : "memory");
}

__PORT__ void port_int_enable(void)
{
    __asm__ volatile("cpsie i" : : : "memory");
}

#endif

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
    port_int_disable();
}

__API__ void tos_cpu_int_enable(void)
{
    port_int_enable();
}

#if TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT > 0u
__PORT__ uint32_t port_clz(uint32_t val)
{
    uint32_t n;

    __asm__("clz %0, %1" : "=r"(n) : "r"(val));
    return n;
}

/* Without the instruction (ARMv6-M) the kernel's portable version is used. */
__API__ uint32_t tos_cpu_clz(uint32_t val)
{
    return port_clz(val);
}
#endif

__PORT__ __NO_RETURN__ void port_cpu_reset(void)
{
    port_barrier();
    PORT_SCB_AIRCR = PORT_AIRCR_VECTKEY | PORT_AIRCR_SYSRESETREQ;
    port_barrier();
    for (;;) {
    }
}

__KNL__ void cpu_reset(void)
{
    port_cpu_reset();
}

/*
 * Sleeps until an interrupt is pending, whatever the caller masked: WFI
 * ignores PRIMASK but not BASEPRI, so a kernel critical section (BASEPRI)
 * would keep kernel-aware interrupts from waking the CPU. The pending
 * interrupt is serviced once the caller lifts its own mask.
 */
__PORT__ void port_wfi_masked(void)
{
    uint32_t primask;
#if PORT_USES_BASEPRI
    uint32_t basepri;

    __asm__ volatile("mrs %0, primask\n\t"
                     "cpsid i\n\t"
                     "mrs %1, basepri\n\t"
                     "msr basepri, %2\n\t"
                     "dsb 0xF\n\t"
                     "wfi\n\t"
                     "msr basepri, %1\n\t"
                     "msr primask, %0\n\t"
                     "isb 0xF"
                     : "=&r"(primask), "=&r"(basepri)
                     : "r"(0u)
                     : "memory");
#else
    __asm__ volatile("mrs %0, primask\n\t"
                     "cpsid i\n\t"
                     "dsb 0xF\n\t"
                     "wfi\n\t"
                     "msr primask, %0\n\t"
                     "isb 0xF"
                     : "=&r"(primask)
                     :
                     : "memory");
#endif
}

#if TOS_CFG_PWR_MGR_EN > 0u
/*
 * Sleep: the core clock stops until an interrupt. Callable with interrupts
 * masked (tickless idle does): the interrupt that ends the sleep is serviced
 * when the caller unmasks.
 */
__PORT__ void port_sleep_mode_enter(void)
{
    PORT_SCB_SCR &= ~PORT_SCR_SLEEPDEEP;
    port_wfi_masked();
}

/*
 * Stop and standby: the core's deep sleep. What deep sleep powers down is
 * the chip's business (its power controller); the core only requests it.
 */
__PORT__ void port_stop_mode_enter(void)
{
    PORT_SCB_SCR |= PORT_SCR_SLEEPDEEP;
    port_wfi_masked();
    PORT_SCB_SCR &= ~PORT_SCR_SLEEPDEEP;
}

__PORT__ void port_standby_mode_enter(void)
{
    port_stop_mode_enter();
}

__KNL__ void cpu_sleep_mode_enter(void)
{
    port_sleep_mode_enter();
}

__KNL__ void cpu_stop_mode_enter(void)
{
    port_stop_mode_enter();
}

__KNL__ void cpu_standby_mode_enter(void)
{
    port_standby_mode_enter();
}
#endif
