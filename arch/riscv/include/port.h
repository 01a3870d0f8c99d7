/*
 * port_* layer of the RISC-V port (contract §37.3), its cpu_context_t, and
 * the services the port offers to boards and applications: interrupt lines
 * and the trap report.
 *
 * Every trap stores the caller-saved registers (port_trap_frame_t) on the
 * stack it interrupted and runs its handler on the interrupt stack (the
 * boot stack, _sstack.._estack, once the kernel runs). A switched-out
 * task's stack holds its callee-saved registers (port_switch_frame_t), and
 * task->sp points at them.
 */
#ifndef _PORT_H_
#define _PORT_H_

#include <stddef.h>

__CDECLS_BEGIN

/* ---- machine-mode CSR bits the port uses ---------------------------------- */

#define PORT_MSTATUS_MIE  0x00000008u
#define PORT_MSTATUS_MPIE 0x00000080u
#define PORT_MSTATUS_MPP  0x00001800u /* previous privilege: machine */

#define PORT_MIP_SSIP 0x00000002u /* supervisor software: the port's interrupt lines */
#define PORT_MIP_MSIP 0x00000008u /* machine software: the context switch */
#define PORT_MIP_MTIP 0x00000080u /* machine timer: the tick */

#define PORT_MCAUSE_INTERRUPT 0x80000000u
#define PORT_IRQ_CAUSE_SSI    1u
#define PORT_IRQ_CAUSE_MSI    3u
#define PORT_IRQ_CAUSE_MTI    7u

/*
 * A task's saved context, two parts (arch/riscv/README.md):
 *
 * port_switch_frame_t: what a context switch saves, the callee-saved
 * registers and the address the task resumes at. A switch a task asks for
 * is a plain function call: that is all it saves (the caller-saved
 * registers are the compiler's business). task->sp points at it.
 *
 * port_trap_frame_t: what the trap entry saves, the caller-saved registers
 * and mepc (the handler, C code, preserves the rest). A task switched out by
 * an interrupt has its switch frame right below its trap frame, with
 * port_trap_resume as its resume address. 80 bytes keep sp 16-byte aligned
 * (the psABI) for nested handlers; the last three words are not used.
 *
 * port_frame_t: both, as the initial context of a task and as the frame
 * the trap report reads (an exception saves the switch part too). gp and
 * tp are the same for every task and never saved.
 */
typedef struct port_switch_frame_st {
    cpu_data_t resume;
    cpu_data_t s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
} port_switch_frame_t;

typedef struct port_trap_frame_st {
    cpu_data_t mepc, ra, t0, t1, t2;
    cpu_data_t a0, a1, a2, a3, a4, a5, a6, a7;
    cpu_data_t t3, t4, t5, t6;
    cpu_data_t unused[3];
} port_trap_frame_t;

typedef struct port_frame_st {
    port_switch_frame_t sw;
    port_trap_frame_t trap;
} port_frame_t;

/*
 * sizeof(cpu_context_t) is K_TASK_STK_SIZE_MIN: the initial frame plus the
 * headroom a trivial task needs to run and end (PORT_STK_HEADROOM,
 * port_config.h), so that the minimum stack is one that works.
 */
typedef struct cpu_context_st {
    port_frame_t frame;
    uint8_t headroom[PORT_STK_HEADROOM];
} cpu_context_t;

/*
 * The critical section, inline for the kernel's hot paths (tos_cpu.h uses
 * these for TOS_CPU_INT_DISABLE/ENABLE): clear mstatus.MIE and hand back
 * the bit as it was; restoring sets it again only if it was set.
 */
#define PORT_CPSR_INLINE 1

/*
 * cpu_context_switch() switches at once, as a function call (tos_cpu.h); a
 * saved state is "masked" when interrupts were already off.
 */
#define PORT_SWITCH_AT_ONCE    1
#define PORT_CPSR_MASKED(cpsr) ((cpsr) == 0u)

/*
 * The switch on the way out of the outermost trap takes the most urgent
 * ready task when it runs: the kernel records no choice in k_next_task
 * (tos_cpu.h).
 */
#define PORT_SWITCH_PICKS_NEXT 1

/*
 * Small variables are one gp-relative instruction away (the small data
 * section), the kernel's core block two: it keeps only its status word
 * (tos_sys.h).
 */
#define PORT_CORE_APART 1

__attribute__((__always_inline__)) static inline cpu_cpsr_t port_cpsr_save_inline(void)
{
    cpu_cpsr_t old;

    __asm__ volatile("csrrci %0, mstatus, 8" : "=r"(old) : : "memory");
    return old & PORT_MSTATUS_MIE;
}

__attribute__((__always_inline__)) static inline void port_cpsr_restore_inline(cpu_cpsr_t cpsr)
{
    __asm__ volatile("csrs mstatus, %0" : : "r"(cpsr) : "memory");
}

/* ---- the contract's port_* functions ------------------------------------ */

#if TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT > 0u
__PORT__ uint32_t port_clz(uint32_t val);
#endif
__PORT__ void port_int_disable(void);
__PORT__ void port_int_enable(void);
__PORT__ cpu_cpsr_t port_cpsr_save(void);
__PORT__ void port_cpsr_restore(cpu_cpsr_t cpsr);
/* Resets the hart's own state (CLINT timer, interrupts) and restarts at _start. */
__PORT__ __NO_RETURN__ void port_cpu_reset(void);
__PORT__ __NO_RETURN__ void port_sched_start(void);
/* At once from a task (cpu_context_switch); pends msip, taken on the way out
 * (cpu_irq_context_switch). */
__PORT__ void port_context_switch(void);
__PORT__ void port_irq_context_switch(void);
/* Programs mtimecmp for a periodic tick every cycle_per_tick mtime units. */
__PORT__ void port_systick_config(uint32_t cycle_per_tick);
/* prio: the tick's level among the port's priorities, 0 most urgent. */
__PORT__ void port_systick_priority_set(uint32_t prio);

#if TOS_CFG_TICKLESS_EN > 0u
__PORT__ void port_systick_resume(void);
__PORT__ void port_systick_suspend(void);
__PORT__ void port_systick_reload(uint32_t cycle_per_tick);
__PORT__ void port_systick_pending_reset(void);
__PORT__ k_time_t port_systick_max_delay_millisecond(void);
#endif

#if TOS_CFG_PWR_MGR_EN > 0u
__PORT__ void port_sleep_mode_enter(void);
__PORT__ void port_stop_mode_enter(void);
__PORT__ void port_standby_mode_enter(void);
#endif

/* ---- the comparator: tickless alarm, timed pend (port_tick.c, port_tickless.c) ---- */

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/* The wake-up alarm of tickless idle: the CLINT comparator (port_tickless.c). */
extern struct k_tickless_wkup_alarm_st port_tickless_wkup_alarm;
#endif

/*
 * Programs the comparator for the tick or the tickless alarm: mtimecmp is
 * `when`, or the timed pend's instant if that comes first. Port-internal
 * (the tick and the alarm share it).
 */
__PORT__ void port_compare_set(uint64_t when);

/*
 * Pends line irq once mtime reaches `when`, as a device with its own timer
 * would: also while the hart sleeps (it wakes, early for tickless idle).
 * One timed pend at a time, a new call replaces it; UINT64_MAX cancels, an
 * instant already reached pends at once. Callable from tasks and handlers.
 * Returns 0, or -1 if irq is out of range.
 */
__PORT__ int port_irq_pend_at(unsigned int irq, uint64_t when);

/*
 * mtime of the last tick boundary given to the kernel (delivered by the
 * tick or credited by tickless idle); boundary n after it lies n tick
 * periods later. Call with interrupts masked.
 */
__PORT__ uint64_t port_tick_last_boundary(void);

/* mtime, the free-running 64-bit counter the tick is derived from. */
__PORT__ uint64_t port_mtime_get(void);

/*
 * Tick interrupts taken since start-up (wraps). With the idle task sleeping
 * through ticks this grows slower than the tick count: the difference is
 * the wake-ups saved.
 */
__PORT__ uint32_t port_systick_interrupts(void);

/* ---- interrupt lines ----------------------------------------------------- */

/*
 * PORT_IRQ_COUNT software interrupt lines with priorities, in the manner of
 * an interrupt controller: a line is attached to a handler, given a
 * priority (0 most urgent .. PORT_IRQ_PRIO_LOWEST; both at run time, or
 * fixed at build time, see PORT_IRQ_LINES below), enabled, and made
 * pending by port_irq_pend() from a task, an ISR or a device driver. A
 * pending, enabled line whose priority is more urgent than the code running
 * raises the hart's supervisor software interrupt (mip.SSIP, taken in
 * machine mode): a real pending interrupt, so it waits while interrupts are
 * masked and is taken as soon as they are not.
 *
 * Handlers run with interrupts enabled; only sources strictly more urgent
 * interrupt them (the tick too, when TOS_CFG_CPU_SYSTICK_PRIO is more
 * urgent). Equal priorities never nest; among pending lines of equal
 * priority the lower number runs first. A handler that uses the kernel
 * brackets its body with tos_knl_irq_enter()/tos_knl_irq_leave(); a task
 * switch it causes happens when the outermost handler has returned.
 */
#define PORT_IRQ_COUNT       32u
#define PORT_IRQ_PRIO_LOWEST 255u

typedef void (*port_isr_t)(void);

#if TOS_CFG_CPU_IRQ_ATTACH_EN > 0u
/* Attaches isr (K_NULL detaches) to line irq. Returns 0, or -1 if irq is out of range. */
__PORT__ int port_irq_attach(unsigned int irq, port_isr_t isr);
/* Returns 0, or -1 if irq or prio is out of range. Default priority: PORT_IRQ_PRIO_LOWEST. */
__PORT__ int port_irq_priority_set(unsigned int irq, uint32_t prio);
/* Both return 0, or -1 if irq is out of range. */
__PORT__ int port_irq_enable(unsigned int irq);
#else
/*
 * Without run-time attachment (TOS_CFG_CPU_IRQ_ATTACH_EN 0) the handler and
 * the priority of each line are fixed at build time, in ROM: line n is
 * entry n of the application's table, defined once with
 *     PORT_IRQ_LINES([2] = {.isr = uart_isr, .prio = 1u}, [5] = {.isr = timer_isr, .prio = 0u});
 * The table is as long as its highest line; lines beyond it and entries
 * without a handler have none. An application that defines no table gets
 * the port's, without lines (port_irq_lines.c).
 */
typedef struct port_irq_line_st {
    port_isr_t isr;
    uint8_t prio; /* 0 most urgent .. PORT_IRQ_PRIO_LOWEST */
} port_irq_line_t;

extern const port_irq_line_t port_irq_lines[];
extern const unsigned int port_irq_line_count;

#define PORT_IRQ_LINES(...)                                                                      \
    const port_irq_line_t port_irq_lines[] = {__VA_ARGS__};                                      \
    const unsigned int port_irq_line_count = sizeof(port_irq_lines) / sizeof(port_irq_lines[0]); \
    _Static_assert(sizeof(port_irq_lines) / sizeof(port_irq_lines[0]) <= PORT_IRQ_COUNT,         \
                   "more interrupt lines than PORT_IRQ_COUNT")

/* Returns 0, or -1 if irq is out of range or has no handler in port_irq_lines. */
__PORT__ int port_irq_enable(unsigned int irq);
#endif
/* Returns 0, or -1 if irq is out of range. */
__PORT__ int port_irq_disable(unsigned int irq);
/*
 * Sets line irq pending, as if its device signalled it; taken at once when
 * deliverable. Returns 0, or -1 if irq is out of range. A pending line that
 * is disabled or has no handler stays pending until it is enabled and
 * attached.
 */
__PORT__ int port_irq_pend(unsigned int irq);

/* ---- traps ---------------------------------------------------------------- */

/* The trap vector (mtvec, direct mode); the board's start-up code installs it. */
__PORT__ void port_trap_entry(void);

/*
 * C side of an interrupt (frame: the caller-saved registers the entry
 * stored). Returns non-zero for a cause the port does not use, which the
 * entry then reports as a fault.
 */
__PORT__ uint32_t port_irq_trap(port_trap_frame_t *frame, uint32_t mcause);

/* Exit status of a program ended by a fault or a detected stack overflow. */
#define PORT_FAULT_EXIT_STATUS 134

/*
 * An exception, an unexpected interrupt, or an interrupted stack pointer
 * below its task's stack ends the program: the handler prints a report
 * (which trap, mepc/mtval, the task, the registers, a stack dump and a
 * backtrace; see arch/riscv/README.md) and calls
 * tern_board_exit(PORT_FAULT_EXIT_STATUS). It never returns.
 */
__PORT__ void port_fault_diagnosis(void);

/* ---- services the board supplies to the port ------------------------------ */

/* Writes len bytes to the board's console, polling (usable with interrupts masked). */
void port_console_write(const char *buf, size_t len);

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
/* §34 for RISC-V: the saved frame is the exception frame. */
typedef port_frame_t fault_exc_frame_t;

typedef struct fault_info_st {
    unsigned int is_on_task : 1;
    unsigned int is_stk_ovrf : 1;
    cpu_addr_t pc;
    cpu_addr_t sp_before_fault;
    cpu_addr_t stack_start;
    cpu_addr_t stack_limit;
    cpu_addr_t code_start;
    cpu_addr_t code_limit;
} fault_info_t;

/*
 * §34 entry: reports the trap described by mcause and the saved frame, then
 * ends the program (Tern never spins silently). On RISC-V the first argument
 * is mcause (the contract's lr is ARM's EXC_RETURN).
 */
__NO_RETURN__ void fault_backtrace(cpu_addr_t mcause, fault_exc_frame_t *frame);
#endif

__CDECLS_END

#endif /* _PORT_H_ */
