/*
 * Architecture facts and options of the Cortex-M port (contract §6.1, §37).
 *
 * One port serves the whole family; the variant comes from the compiler's
 * target macros (-mcpu / -march of the board), never from a board name:
 *
 *   ARMv6-M (M0, M0+), ARMv8-M baseline (M23): PRIMASK critical sections,
 *       no CLZ instruction, no fault status registers.
 *   ARMv7-M (M3), ARMv7E-M (M4, M7): BASEPRI critical sections, CLZ, CFSR.
 *   ARMv8-M mainline (M33, M55): as ARMv7-M, plus PSPLIM, the per-task
 *       hardware stack limit.
 *   Any of them with an FPU (__ARM_FP: -mfloat-abi=hard or softfp): lazy FPU
 *       context stacking, decided per task by EXC_RETURN bit 4.
 *
 * Options (define them in tos_config.h to change the defaults):
 *
 *   TOS_CFG_CPU_NVIC_PRIO_BITS   interrupt priority bits the port relies on
 *       (default 3, the architectural minimum of ARMv7-M/ARMv8-M mainline; 2
 *       on ARMv6-M). Priorities are 8-bit register values whose low
 *       8 - bits bits are ignored; a CPU implementing more bits is fine.
 *   TOS_CFG_CPU_BASEPRI          (BASEPRI cores) the 8-bit priority value the
 *       kernel's critical sections mask: interrupts whose priority value is
 *       numerically lower (more urgent) are never masked by the kernel. They
 *       have zero added latency and must not call the kernel. Default: one
 *       level below the most urgent, (1 << (8 - BITS)), so priority value 0
 *       is zero-latency and every other level may call the kernel. 0 makes
 *       critical sections mask everything through PRIMASK instead.
 *   TOS_CFG_CPU_SYSTICK_PRIO     (kernel option) the tick's priority level,
 *       0 = most urgent, unshifted (CMSIS NVIC_SetPriority style). The tick
 *       calls the kernel, so on BASEPRI cores it is never given a priority
 *       more urgent than TOS_CFG_CPU_BASEPRI.
 *   TOS_CFG_CPU_IRQ_ATTACH_EN    (default 1) interrupt handlers are attached
 *       at run time (port_irq_attach(), a table of PORT_IRQ_COUNT pointers
 *       in RAM); 0: the application defines the table in ROM instead.
 *   TOS_CFG_CPU_FAULT_REPORT_EN  (default 1) the fault handlers print which
 *       fault, the task, registers, fault status and a backtrace before
 *       ending the program; 0 ends it at once (smallest footprint).
 *   TOS_CFG_CPU_IDLE_TICKLESS_EN (default 1) the idle task skips the ticks
 *       nobody waits for (port_idle.c). Its calls run deeper in the idle
 *       task, where an interrupt that preempts it stacks its frame and the
 *       switch frame too: the idle stack is then at least 256 bytes (128
 *       overflowed under the interrupt-latency stress benchmark).
 */
#ifndef _PORT_CONFIG_H_
#define _PORT_CONFIG_H_

#if !defined(__ARM_ARCH_PROFILE) || (__ARM_ARCH_PROFILE != 'M')
#error "arch/arm is the Cortex-M port: compile with an M-profile -mcpu or -march"
#endif

/* ---- variant ------------------------------------------------------------ */

#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || defined(__ARM_ARCH_8M_MAIN__) || \
    defined(__ARM_ARCH_8_1M_MAIN__)
#define PORT_ARMV7M_LIKE 1 /* BASEPRI, CLZ, CFSR/HFSR/MMFAR/BFAR, Thumb-2 */
#else
#define PORT_ARMV7M_LIKE 0 /* ARMv6-M, ARMv8-M baseline */
#endif

#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
#define PORT_HAS_PSPLIM 1
#else
#define PORT_HAS_PSPLIM 0
#endif

#if defined(__ARM_FP)
#define PORT_HAS_FPU 1
#else
#define PORT_HAS_FPU 0
#endif

/* ---- facts for the kernel ----------------------------------------------- */

/*
 * Thumb-1 loads with a register offset only, never register plus constant:
 * a ready list is one load from the ready queue's own address, but two
 * from inside the kernel's core block (tos_sys.h), so there it stays apart.
 */
#if !PORT_ARMV7M_LIKE
#define PORT_CORE_RDYQ_APART 1
#endif

#define TOS_CFG_CPU_ADDR_SIZE  CPU_WORD_SIZE_32
#define TOS_CFG_CPU_DATA_SIZE  CPU_WORD_SIZE_32
#define TOS_CFG_CPU_STK_GROWTH CPU_STK_GROWTH_DESCENDING
#define TOS_CFG_CPU_HRTIMER_EN 0u

#if PORT_ARMV7M_LIKE
#define TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT 1u
#else
#define TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT 0u
#endif

#if defined(__ARM_BIG_ENDIAN)
#define TOS_CFG_CPU_BYTE_ORDER CPU_BYTE_ORDER_BIG_ENDIAN
#else
#define TOS_CFG_CPU_BYTE_ORDER CPU_BYTE_ORDER_LITTLE_ENDIAN
#endif

/* ---- options ------------------------------------------------------------ */

#ifndef TOS_CFG_CPU_NVIC_PRIO_BITS
#if PORT_ARMV7M_LIKE
#define TOS_CFG_CPU_NVIC_PRIO_BITS 3u
#else
#define TOS_CFG_CPU_NVIC_PRIO_BITS 2u
#endif
#endif

#if (TOS_CFG_CPU_NVIC_PRIO_BITS < 2u) || (TOS_CFG_CPU_NVIC_PRIO_BITS > 8u)
#error "INVALID config, TOS_CFG_CPU_NVIC_PRIO_BITS must be 2..8"
#endif

/* Distance between two priority levels in 8-bit priority values. */
#define PORT_PRIO_STEP (1u << (8u - TOS_CFG_CPU_NVIC_PRIO_BITS))

#if PORT_ARMV7M_LIKE
#ifndef TOS_CFG_CPU_BASEPRI
#define TOS_CFG_CPU_BASEPRI PORT_PRIO_STEP
#endif
#if (TOS_CFG_CPU_BASEPRI > 0xFFu) || ((TOS_CFG_CPU_BASEPRI % PORT_PRIO_STEP) != 0u)
#error "INVALID config, TOS_CFG_CPU_BASEPRI must be a priority value of an implemented level"
#endif
#define PORT_USES_BASEPRI (TOS_CFG_CPU_BASEPRI > 0u)
#else
#undef TOS_CFG_CPU_BASEPRI
#define TOS_CFG_CPU_BASEPRI 0u /* ARMv6-M has no BASEPRI */
#define PORT_USES_BASEPRI   0
#endif

#ifndef TOS_CFG_CPU_IRQ_ATTACH_EN
#define TOS_CFG_CPU_IRQ_ATTACH_EN 1u
#endif

#ifndef TOS_CFG_CPU_IDLE_TICKLESS_EN
#define TOS_CFG_CPU_IDLE_TICKLESS_EN 1u
#endif
#if (TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u) && defined(TOS_CFG_IDLE_TASK_STK_SIZE) && \
    (TOS_CFG_IDLE_TASK_STK_SIZE < 256u)
#undef TOS_CFG_IDLE_TASK_STK_SIZE
#define TOS_CFG_IDLE_TASK_STK_SIZE 256u
#endif

/*
 * Attached handlers on cores with VTOR (not ARMv6-M) are the vectors of a
 * vector table in RAM, entered by the hardware without a dispatcher.
 */
#if (TOS_CFG_CPU_IRQ_ATTACH_EN > 0u) && PORT_ARMV7M_LIKE
#define PORT_RAM_VECTORS 1
#else
#define PORT_RAM_VECTORS 0
#endif

#ifndef TOS_CFG_CPU_FAULT_REPORT_EN
#define TOS_CFG_CPU_FAULT_REPORT_EN 1u
#endif
#if (TOS_CFG_CPU_FAULT_REPORT_EN == 0u) && defined(TOS_CFG_FAULT_BACKTRACE_EN) && \
    (TOS_CFG_FAULT_BACKTRACE_EN > 0u)
#error "INVALID config, TOS_CFG_FAULT_BACKTRACE_EN needs TOS_CFG_CPU_FAULT_REPORT_EN"
#endif

/*
 * K_TASK_STK_SIZE_MIN (the size of cpu_context_t): the smallest stack on
 * which a trivial task runs to its end with an interrupt frame on top of its
 * deepest call, the kernel's guard bytes untouched (measured by the port
 * suite, tests/arm/test_port.c). Thumb-1 code (ARMv6-M) needs more stack;
 * FPU and PSPLIM add a word each to the saved context.
 */
#if !PORT_ARMV7M_LIKE
#define PORT_TASK_STK_MIN 144u
#elif PORT_HAS_FPU || PORT_HAS_PSPLIM
#define PORT_TASK_STK_MIN 136u
#else
#define PORT_TASK_STK_MIN 128u
#endif

/* The kernel's own tasks get at least that (the defaults are 128 bytes). */
#if TOS_CFG_IDLE_TASK_STK_SIZE < PORT_TASK_STK_MIN
#undef TOS_CFG_IDLE_TASK_STK_SIZE
#define TOS_CFG_IDLE_TASK_STK_SIZE PORT_TASK_STK_MIN
#endif
#if defined(TOS_CFG_TIMER_TASK_STK_SIZE) && (TOS_CFG_TIMER_TASK_STK_SIZE < PORT_TASK_STK_MIN)
#undef TOS_CFG_TIMER_TASK_STK_SIZE
#define TOS_CFG_TIMER_TASK_STK_SIZE PORT_TASK_STK_MIN
#endif

#endif /* _PORT_CONFIG_H_ */
