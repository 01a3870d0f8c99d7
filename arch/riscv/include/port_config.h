/*
 * Architecture facts and options of the RISC-V port (contract §6.1, §37).
 *
 * One port serves RV32 harts that run everything in machine mode: RV32I with
 * the M and A extensions, with or without C (rv32imac, rv32imc, rv32ima...).
 * The variant comes from the compiler's target macros (-march of the board),
 * never from a board name. Harts with an FPU (F/D) or the E base (16
 * registers) are refused at compile time: their context differs.
 *
 * What the port needs from the machine (see arch/riscv/README.md):
 *   - a CLINT-style timer and software interrupt block (mtime, mtimecmp,
 *     msip of this hart) at PORT_CLINT_BASE;
 *   - mip.SSIP writable from machine mode (a hart with S-mode): the port's
 *     interrupt lines are delivered through it;
 *   - TOS_CFG_CPU_CLOCK is the frequency mtime counts at (the board defines
 *     it: the tick is counted in mtime units, so it is not a choice).
 *
 * Options (define them in tos_config.h or as board definitions):
 *
 *   PORT_CLINT_BASE               address of the CLINT (default 0x02000000,
 *       where SiFive cores and QEMU's virt and sifive_* machines put it).
 *   PORT_HART_ID                  the hart the kernel runs on (default 0).
 *   TOS_CFG_CPU_SYSTICK_PRIO      (kernel option) the tick's priority among
 *       the port's interrupt priorities, 0 = most urgent (default 0).
 *   TOS_CFG_CPU_FAULT_REPORT_EN   (default 1) the trap handler prints which
 *       trap, the task, the registers and a backtrace before ending the
 *       program; 0 ends it at once (smallest footprint).
 *   TOS_CFG_CPU_IDLE_TICKLESS_EN  (default 1) with nothing to run, the idle
 *       task sleeps through the ticks before the next kernel deadline and
 *       gives them to the kernel at once on waking; 0 wakes on every tick.
 *   TOS_CFG_CPU_IRQ_ATTACH_EN     (default 1) interrupt handlers and line
 *       priorities are set at run time (port_irq_attach, port_irq_priority_set;
 *       164 bytes of RAM tables); 0: the application fixes them at build time
 *       in a ROM table, PORT_IRQ_LINES (port.h), and no RAM table is kept.
 *   PORT_STK_HEADROOM             bytes every task stack needs beyond its
 *       saved context (see below). The idle and timer task stacks are raised
 *       to at least the resulting minimum.
 */
#ifndef _PORT_CONFIG_H_
#define _PORT_CONFIG_H_

#if !defined(__riscv) || (__riscv_xlen != 32)
#error "arch/riscv is the RV32 machine-mode port: compile with -march=rv32..."
#endif
#if defined(__riscv_32e)
#error "arch/riscv saves 31 registers: the RV32E base (16 registers) is not supported"
#endif
#if defined(__riscv_flen)
#error "arch/riscv does not save FPU registers: compile for a hart without F/D (e.g. rv32imac)"
#endif
#if !defined(__riscv_mul) || !defined(__riscv_atomic)
#error "arch/riscv expects the M and A extensions (e.g. -march=rv32imac)"
#endif

/* ---- facts for the kernel ----------------------------------------------- */

#define TOS_CFG_CPU_ADDR_SIZE  CPU_WORD_SIZE_32
#define TOS_CFG_CPU_DATA_SIZE  CPU_WORD_SIZE_32
#define TOS_CFG_CPU_STK_GROWTH CPU_STK_GROWTH_DESCENDING
#define TOS_CFG_CPU_HRTIMER_EN 0u
#define TOS_CFG_CPU_BYTE_ORDER CPU_BYTE_ORDER_LITTLE_ENDIAN

/* Zbb has a clz instruction; without it tos_cpu_clz is constant-time C. */
#if defined(__riscv_zbb)
#define TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT 1u
#else
#define TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT 0u
#endif

/* ---- the machine -------------------------------------------------------- */

#ifndef PORT_CLINT_BASE
#define PORT_CLINT_BASE 0x02000000u
#endif

#ifndef PORT_HART_ID
#define PORT_HART_ID 0u
#endif

/* CLINT registers of this hart (SiFive CLINT layout, also ACLINT MTIMER/MSWI). */
#define PORT_CLINT_MSIP     (PORT_CLINT_BASE + 4u * PORT_HART_ID)
#define PORT_CLINT_MTIMECMP (PORT_CLINT_BASE + 0x4000u + 8u * PORT_HART_ID)
#define PORT_CLINT_MTIME    (PORT_CLINT_BASE + 0xBFF8u)

/* ---- options ------------------------------------------------------------ */

#ifndef TOS_CFG_CPU_FAULT_REPORT_EN
#define TOS_CFG_CPU_FAULT_REPORT_EN 1u
#endif

#ifndef TOS_CFG_CPU_IDLE_TICKLESS_EN
#define TOS_CFG_CPU_IDLE_TICKLESS_EN 1u
#endif

#ifndef TOS_CFG_CPU_IRQ_ATTACH_EN
#define TOS_CFG_CPU_IRQ_ATTACH_EN 1u
#endif

/*
 * Bytes of stack a task needs beyond its saved context to run at all: the
 * call chain of a trivial task's exit (task_exit, tos_task_destroy, the
 * scheduler), the interrupt frame stacked below it when it is switched out,
 * the alignment of the stack top and the kernel's guard bytes. Part of
 * K_TASK_STK_SIZE_MIN, so the minimum is a stack that works.
 */
#ifndef PORT_STK_HEADROOM
#define PORT_STK_HEADROOM 124u
#endif

/*
 * The saved context (port.h): a switch frame (resume address, s0..s11), a
 * trap frame (mepc, ra, t0..t6, a0..a7, padded so that sp stays 16-byte
 * aligned, the RISC-V psABI) and the two together (port_frame_t).
 */
#define PORT_SWITCH_FRAME_SIZE 52u
#define PORT_TRAP_FRAME_SIZE   80u
#define PORT_FRAME_SIZE        (PORT_SWITCH_FRAME_SIZE + PORT_TRAP_FRAME_SIZE)

/* K_TASK_STK_SIZE_MIN: the smallest stack a task can run on (sizeof(cpu_context_t)). */
#define PORT_TASK_STK_SIZE_MIN (PORT_FRAME_SIZE + PORT_STK_HEADROOM)

/*
 * The kernel's own tasks get at least that. The contract's defaults (128
 * bytes for the idle and the timer task) are smaller than one RV32 register
 * context, so they are raised here, the way tos_config_default.h raises the
 * idle stack for power management and dynamic tasks.
 */
#if TOS_CFG_IDLE_TASK_STK_SIZE < PORT_TASK_STK_SIZE_MIN
#undef TOS_CFG_IDLE_TASK_STK_SIZE
#define TOS_CFG_IDLE_TASK_STK_SIZE PORT_TASK_STK_SIZE_MIN
#endif
#if defined(TOS_CFG_TIMER_TASK_STK_SIZE) && (TOS_CFG_TIMER_TASK_STK_SIZE < PORT_TASK_STK_SIZE_MIN)
#undef TOS_CFG_TIMER_TASK_STK_SIZE
#define TOS_CFG_TIMER_TASK_STK_SIZE PORT_TASK_STK_SIZE_MIN
#endif

#endif /* _PORT_CONFIG_H_ */
