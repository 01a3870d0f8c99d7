/*
 * port_* layer of the RISC-V port (contract §37.3), its cpu_context_t, and
 * the services the port offers to boards and applications: interrupt lines
 * and the trap report.
 *
 * Every trap (interrupt or exception) stores a port_frame_t on the stack it
 * interrupted; a switched-out task's stack holds exactly one, and task->sp
 * points at it. Handlers then run on the interrupt stack (the boot stack,
 * _sstack.._estack, once the kernel runs).
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
 * The trap frame. Word i holds register x<i>, except word 0 (mepc: where the
 * interrupted code resumes) and word 2 (mstatus; sp itself is the frame's
 * address plus PORT_FRAME_SIZE). gp and tp are saved for the trap report
 * only: they are the same for every task and never restored.
 */
typedef struct port_frame_st {
    cpu_data_t mepc, ra, mstatus, gp, tp, t0, t1, t2;
    cpu_data_t s0, s1, a0, a1, a2, a3, a4, a5;
    cpu_data_t a6, a7, s2, s3, s4, s5, s6, s7;
    cpu_data_t s8, s9, s10, s11, t3, t4, t5, t6;
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
/* Both pend the machine software interrupt; the switch happens on its way out. */
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
 * priority (0 most urgent .. PORT_IRQ_PRIO_LOWEST), enabled, and made
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

/* Attaches isr (K_NULL detaches) to line irq. Returns 0, or -1 if irq is out of range. */
__PORT__ int port_irq_attach(unsigned int irq, port_isr_t isr);
/* Returns 0, or -1 if irq or prio is out of range. Default priority: PORT_IRQ_PRIO_LOWEST. */
__PORT__ int port_irq_priority_set(unsigned int irq, uint32_t prio);
/* Both return 0, or -1 if irq is out of range. */
__PORT__ int port_irq_enable(unsigned int irq);
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

/* C side of every trap; frame is where the interrupted context was saved. */
__PORT__ void port_trap_handler(port_frame_t *frame, uint32_t mcause);

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
