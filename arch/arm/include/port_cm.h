/*
 * Cortex-M system registers the port, boards and port tests use (ARMv6-M,
 * ARMv7-M and ARMv8-M architecture reference manuals, System Control Space).
 * Names carry a PORT_ prefix so that they never clash with a vendor's CMSIS
 * headers in the same program.
 */
#ifndef _PORT_CM_H_
#define _PORT_CM_H_

#include <stdint.h>

#define PORT_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* System Control Block */
#define PORT_SCB_CPUID PORT_REG(0xE000ED00u)
#define PORT_SCB_ICSR  PORT_REG(0xE000ED04u)
#define PORT_SCB_VTOR  PORT_REG(0xE000ED08u)
#define PORT_SCB_AIRCR PORT_REG(0xE000ED0Cu)
#define PORT_SCB_SCR   PORT_REG(0xE000ED10u)
#define PORT_SCB_CCR   PORT_REG(0xE000ED14u)
#define PORT_SCB_SHPR2 PORT_REG(0xE000ED1Cu) /* SVCall priority in [31:24] */
#define PORT_SCB_SHPR3 PORT_REG(0xE000ED20u) /* PendSV [23:16], SysTick [31:24] */
#define PORT_SCB_SHCSR PORT_REG(0xE000ED24u)
#define PORT_SCB_CFSR  PORT_REG(0xE000ED28u)
#define PORT_SCB_HFSR  PORT_REG(0xE000ED2Cu)
#define PORT_SCB_MMFAR PORT_REG(0xE000ED34u)
#define PORT_SCB_BFAR  PORT_REG(0xE000ED38u)
#define PORT_SCB_CPACR PORT_REG(0xE000ED88u)
#define PORT_SCB_SFSR  PORT_REG(0xE000EDE4u) /* ARMv8-M Security Extension */
#define PORT_SCB_SFAR  PORT_REG(0xE000EDE8u)
#define PORT_FPU_FPCCR PORT_REG(0xE000EF34u)

/* One system exception's priority byte (exc 4..15); not ARMv6-M, whose SHPRs are word-only. */
#define PORT_SCB_SHPR_BYTE(exc) (*(volatile uint8_t *)(uintptr_t)(0xE000ED14u + (exc)))

#define PORT_ICSR_PENDSVSET       (1u << 28)
#define PORT_ICSR_PENDSTCLR       (1u << 25)
#define PORT_ICSR_VECTACTIVE_MASK 0x1FFu

#define PORT_AIRCR_VECTKEY        (0x05FAu << 16)
#define PORT_AIRCR_SYSRESETREQ    (1u << 2)
#define PORT_SCR_SLEEPDEEP        (1u << 2)
#define PORT_CCR_DIV_0_TRP        (1u << 4)
#define PORT_CCR_STKALIGN         (1u << 9)
#define PORT_SHCSR_MEMFAULTENA    (1u << 16)
#define PORT_SHCSR_BUSFAULTENA    (1u << 17)
#define PORT_SHCSR_USGFAULTENA    (1u << 18)
#define PORT_SHCSR_SECUREFAULTENA (1u << 19)
#define PORT_CPACR_CP10_CP11      (0xFu << 20)
#define PORT_FPCCR_ASPEN          (1u << 31)
#define PORT_FPCCR_LSPEN          (1u << 30)

/* SysTick */
#define PORT_SYST_CSR PORT_REG(0xE000E010u)
#define PORT_SYST_RVR PORT_REG(0xE000E014u)
#define PORT_SYST_CVR PORT_REG(0xE000E018u)

#define PORT_SYST_CSR_ENABLE    (1u << 0)
#define PORT_SYST_CSR_TICKINT   (1u << 1)
#define PORT_SYST_CSR_CLKSOURCE (1u << 2)
#define PORT_SYST_CSR_COUNTFLAG (1u << 16)
#define PORT_SYST_RVR_MAX       0x00FFFFFFu

/* NVIC: one bit per line in 32-bit words, one priority byte per line. */
#define PORT_NVIC_ISER(n) PORT_REG(0xE000E100u + 4u * (n))
#define PORT_NVIC_ICER(n) PORT_REG(0xE000E180u + 4u * (n))
#define PORT_NVIC_ISPR(n) PORT_REG(0xE000E200u + 4u * (n))
#define PORT_NVIC_ICPR(n) PORT_REG(0xE000E280u + 4u * (n))
#define PORT_NVIC_IABR(n) PORT_REG(0xE000E300u + 4u * (n))
#define PORT_NVIC_IPR(n)  PORT_REG(0xE000E400u + 4u * (n))
#define PORT_NVIC_STIR    PORT_REG(0xE000EF00u) /* ARMv7-M, ARMv8-M mainline: pends line n */

/* Exception numbers (IPSR); external interrupt line n is exception 16 + n. */
#define PORT_EXC_NMI         2u
#define PORT_EXC_HARDFAULT   3u
#define PORT_EXC_MEMMANAGE   4u
#define PORT_EXC_BUSFAULT    5u
#define PORT_EXC_USAGEFAULT  6u
#define PORT_EXC_SECUREFAULT 7u
#define PORT_EXC_SVCALL      11u
#define PORT_EXC_DEBUGMON    12u
#define PORT_EXC_PENDSV      14u
#define PORT_EXC_SYSTICK     15u
#define PORT_EXC_IRQ0        16u

static inline uint32_t port_ipsr_get(void)
{
    uint32_t ipsr;

    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr & PORT_ICSR_VECTACTIVE_MASK;
}

static inline void port_barrier(void)
{
    __asm__ volatile("dsb 0xF\n\tisb 0xF" ::: "memory");
}

/* ---- tick timer: idle tick suppression and the tickless alarm --------------- */

#define PORT_ICSR_PENDSTSET (1u << 26)

/* Register offsets from PORT_SYST_BASE, for the restart sequence's assembly. */
#define PORT_SYST_BASE       0xE000E010u
#define PORT_SYST_RVR_OFFSET 4
#define PORT_SYST_CVR_OFFSET 8

#endif /* _PORT_CM_H_ */
