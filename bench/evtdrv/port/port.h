/*
 * The footprint bench's stand-in port: only what the event-driven mode
 * uses (critical sections, SysTick, WFI). The context is the
 * Cortex-M exception frame plus R4-R11, as in arch/arm; no task ever uses
 * it here.
 */
#ifndef _PORT_H_
#define _PORT_H_

__CDECLS_BEGIN

typedef struct cpu_context_st {
    cpu_data_t r4_r11[8];
    cpu_data_t r0, r1, r2, r3, r12, lr, pc, xpsr;
} cpu_context_t;

/*
 * The critical section inline, as arch/arm's port.h has it: PRIMASK on
 * ARMv6-M, BASEPRI (its default threshold, one level) on ARMv7-M.
 */
#define PORT_CPSR_INLINE 1

#if defined(__ARM_ARCH_7M__)
#define PORT_TICK_PRIO 0x20u /* the threshold: the highest priority it masks */

__attribute__((__always_inline__)) static inline cpu_cpsr_t port_cpsr_save_inline(void)
{
    cpu_cpsr_t old;

    __asm__ volatile("mrs %0, basepri\n\tmsr basepri_max, %1\n\tisb 0xF"
                     : "=&r"(old)
                     : "r"(PORT_TICK_PRIO)
                     : "memory");
    return old;
}

__attribute__((__always_inline__)) static inline void port_cpsr_restore_inline(cpu_cpsr_t cpsr)
{
    __asm__ volatile("msr basepri, %0" : : "r"(cpsr) : "memory");
}
#else
#define PORT_TICK_PRIO 0u

__attribute__((__always_inline__)) static inline cpu_cpsr_t port_cpsr_save_inline(void)
{
    cpu_cpsr_t old;

    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(old) : : "memory");
    return old;
}

__attribute__((__always_inline__)) static inline void port_cpsr_restore_inline(cpu_cpsr_t cpsr)
{
    __asm__ volatile("msr primask, %0" : : "r"(cpsr) : "memory");
}
#endif

__CDECLS_END

#endif /* _PORT_H_ */
