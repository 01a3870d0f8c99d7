/*
 * port_* layer of the Cortex-M port (contract §37.3), its cpu_context_t,
 * and the services the port offers to boards and applications: interrupt
 * lines, semihosting and the fault report.
 *
 * Tasks switch in Thread mode, or in PendSV when an interrupt preempts them
 * (arch/arm/src/port_switch.c): a switched-out
 * task's stack holds, from task->sp upwards, what cpu_context_switch()
 * pushed: on ARMv8-M mainline its PSPLIM value, on cores with an FPU its
 * CONTROL value (FPCA: the task has FPU state) and, only then, s16..s31 and
 * FPSCR; r4..r11 (ARMv6-M: r8..r11 first) and the address at which the task
 * continues. A task preempted by an interrupt has, above that, the frame
 * the hardware stacked when the interrupt came; PendSV saved it in the
 * same layout, with port_exc_resume as the address at which it continues.
 * A new task's context is the
 * same switch frame, continuing at port_exc_resume, followed by a frame
 * shaped like the hardware's (r0 = argument, lr = exit, pc = entry): it is
 * entered by an exception return, like a preempted task.
 */
#ifndef _PORT_H_
#define _PORT_H_

#include <stddef.h>

__CDECLS_BEGIN

/* Interrupt lines of the board's NVIC (the board defines it; 32 by default). */
#ifndef PORT_IRQ_COUNT
#define PORT_IRQ_COUNT 32u
#endif

/* EXC_RETURN of a task that runs in Thread mode on the process stack, no FPU state. */
#define PORT_EXC_RETURN_THREAD_PSP 0xFFFFFFFDu

/* Initial xPSR of a task: the Thumb bit. */
#define PORT_INITIAL_XPSR 0x01000000u

/* CONTROL of a task in Thread mode: SPSEL (process stack), privileged, no FPU state yet. */
#define PORT_INITIAL_CONTROL 0x2u

/* A new task's context, from task->sp up (a switched-out task's, without FPU state). */
typedef struct port_frame_st {
#if PORT_HAS_PSPLIM
    cpu_data_t PSPLIM;
#endif
#if PORT_HAS_FPU
    cpu_data_t CONTROL;
#endif
#if PORT_ARMV7M_LIKE
    cpu_data_t _R4, _R5, _R6, _R7, _R8, _R9, _R10, _R11;
#else
    cpu_data_t _R8, _R9, _R10, _R11, _R4, _R5, _R6, _R7;
#endif
    cpu_data_t RESUME; /* where cpu_context_switch() returns to: port_exc_resume */
    cpu_data_t _R0, _R1, _R2, _R3, _R12, _R14, _PC, _xPSR;
} port_frame_t;

/*
 * sizeof(cpu_context_t) is K_TASK_STK_SIZE_MIN: the initial context plus
 * the room a trivial task needs to run and end (PORT_TASK_STK_MIN,
 * port_config.h), so that the minimum is a stack that works.
 */
typedef struct cpu_context_st {
    port_frame_t frame;
    uint8_t headroom[PORT_TASK_STK_MIN - sizeof(port_frame_t)];
} cpu_context_t;

/* The kernel's guard bytes (tos_sched.c) stay below the PSPLIM limit. */
#define PORT_STK_GUARD_SIZE 4u

void port_exc_resume(void);

/*
 * cpu_idle() inline for the idle task's loop (tos_cpu.h: PORT_IDLE_INLINE)
 * when it only waits for an interrupt: without idle tick suppression.
 */
#if !(TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u)
#define PORT_IDLE_INLINE 1

__attribute__((__always_inline__)) static inline void port_idle_inline(void)
{
    __asm__ volatile("dsb 0xF\n\twfi" : : : "memory");
}
#endif

/*
 * cpu_task_stk_init(), inline for task creation, its one caller (tos_cpu.h:
 * PORT_TASK_STK_INIT_INLINE): no call, no argument on the stack.
 */
#define PORT_TASK_STK_INIT_INLINE 1

__attribute__((__always_inline__)) static inline k_stack_t *
port_task_stk_init_inline(void *entry, void *arg, void *exit, k_stack_t *stk_base, size_t stk_size)
{
    uintptr_t top = ((uintptr_t)stk_base + stk_size) & ~(uintptr_t)7u;
    port_frame_t *frame = (port_frame_t *)(top - sizeof(port_frame_t));

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    __builtin_memset(stk_base, 0xCC, (size_t)((k_stack_t *)frame - stk_base));
#endif
#if PORT_HAS_PSPLIM
    frame->PSPLIM = ((uintptr_t)stk_base + PORT_STK_GUARD_SIZE + 7u) & ~(uintptr_t)7u;
#endif
#if PORT_HAS_FPU
    frame->CONTROL = PORT_INITIAL_CONTROL;
#endif
    frame->RESUME = (cpu_data_t)(uintptr_t)port_exc_resume;
    frame->_R0 = (cpu_data_t)(uintptr_t)arg;
    frame->_R14 = (cpu_data_t)(uintptr_t)exit;
    frame->_PC = (cpu_data_t)(uintptr_t)entry & ~1u; /* the Thumb bit lives in xPSR */
    frame->_xPSR = PORT_INITIAL_XPSR;
    return (k_stack_t *)frame;
}

/*
 * The critical section, inline for the kernel's hot paths (tos_cpu.h uses
 * these for TOS_CPU_INT_DISABLE/ENABLE; tos_cpu_cpsr_save/restore are the
 * same as functions). With BASEPRI only the kernel's interrupts are masked.
 * Raising the mask is followed by an ISB so that no kernel interrupt is
 * taken after it; lowering it needs none, because every context switch a
 * task requests happens at once in Thread mode, not when it unmasks.
 */
#define PORT_CPSR_INLINE 1

/*
 * cpu_context_switch() switches at once (tos_cpu.h); a state saved by
 * port_cpsr_save*() is "masked" when it is not the fully open one.
 */
#define PORT_SWITCH_AT_ONCE    1
#define PORT_CPSR_MASKED(cpsr) ((cpsr) != 0u)

/*
 * A deferred switch (PendSV) takes the most urgent ready task when it
 * runs, so the kernel records no choice in k_next_task (tos_cpu.h).
 */
#define PORT_SWITCH_PICKS_NEXT 1

#if PORT_USES_BASEPRI
#if defined(TOS_CFG_CPU_ARM_ERRATUM_837070) && (TOS_CFG_CPU_ARM_ERRATUM_837070 > 0u)
/* Cortex-M7 r0p1 erratum 837070: a BASEPRI write needs PRIMASK around it. */
#define PORT_BASEPRI_RAISE(op) "cpsid i\n\tmsr basepri_max, " op "\n\tcpsie i\n\tisb 0xF"
#else
/*
 * No ISB: an MSR that raises the execution priority takes effect for the
 * very next instruction (only lowering it needs a context synchronisation
 * before a pending interrupt is guaranteed to be taken). The erratum above
 * is the one core where the raise itself is not immediate.
 */
#define PORT_BASEPRI_RAISE(op) "msr basepri_max, " op
#endif

__attribute__((__always_inline__)) static inline cpu_cpsr_t port_cpsr_save_inline(void)
{
    cpu_cpsr_t old;

    __asm__ volatile("mrs %0, basepri\n\t" PORT_BASEPRI_RAISE("%1")
                     : "=&r"(old)
                     : "r"((uint32_t)TOS_CFG_CPU_BASEPRI)
                     : "memory");
    return old;
}

__attribute__((__always_inline__)) static inline void port_cpsr_restore_inline(cpu_cpsr_t cpsr)
{
    __asm__ volatile("msr basepri, %0" : : "r"(cpsr) : "memory");
}
#else
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

/* ---- the contract's port_* functions ------------------------------------ */

__PORT__ uint32_t port_clz(uint32_t val);
__PORT__ void port_int_disable(void);
__PORT__ void port_int_enable(void);
__PORT__ cpu_cpsr_t port_cpsr_save(void);
__PORT__ void port_cpsr_restore(cpu_cpsr_t cpsr);
__PORT__ __NO_RETURN__ void port_cpu_reset(void);
__PORT__ __NO_RETURN__ void port_sched_start(void);
__PORT__ void port_context_switch(void);
__PORT__ void port_irq_context_switch(void);
__PORT__ void port_systick_config(uint32_t cycle_per_tick);
/* prio: a level, 0 most urgent, unshifted; never above TOS_CFG_CPU_BASEPRI. */
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

/* Waits for an interrupt even inside a critical section (see port_cpu.c). */
__PORT__ void port_wfi_masked(void);

/* ---- tick timer restarts, tickless alarm (port_idle.c, port_tickless.c) ---- */

/*
 * Cycles SysTick does not count across port_systick_restart(), in 1/256
 * cycle: from its reading of CVR to the restart. A fixed number for its
 * fixed instruction sequence; the board states it for its core and memory
 * system (or, under an emulator, for the emulated instruction timing).
 */
#ifndef PORT_SYSTICK_RESTART_LOSS
#define PORT_SYSTICK_RESTART_LOSS (3u * 256u)
#endif

/*
 * Restarts SysTick mid-period, under PRIMASK and in a fixed sequence: reads
 * CVR (the value is returned), makes the next period CVR + offset + 1
 * cycles long (offset wraps: negative values are fine), and sets the reload
 * back to a normal tick for the periods after it. The next boundary then
 * comes CVR + offset + 1 + port_systick_restart_loss() cycles after the
 * reading, as seen by a clock that kept running.
 */
__PORT__ uint32_t port_systick_restart(uint32_t offset);

/* Whole cycles the next restart loses, the fraction carried to the next one. */
__PORT__ uint32_t port_systick_restart_loss(void);

/*
 * Has the SysTick handler deliver `ticks` ticks (boundaries that passed
 * without their interrupt) as soon as interrupts are unmasked.
 */
__PORT__ void port_systick_credit(k_tick_t ticks);

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/*
 * The wake-up alarm of tickless idle on SysTick (port_tickless.c), with the
 * exact methods; the BSP installs it for the modes in which SysTick counts.
 */
extern struct k_tickless_wkup_alarm_st port_tickless_wkup_alarm;
#endif

/* ---- interrupt lines ----------------------------------------------------- */

/*
 * With run-time attachment on ARMv7-M and ARMv8-M mainline the vector table
 * is moved to RAM (VTOR) and an attached handler is its line's vector; on
 * ARMv6-M (no VTOR) every external vector of the board's table enters
 * port_irq_dispatch(), which calls the handler attached to its line.
 * Without run-time attachment the handlers are the vectors themselves. A
 * handler that
 * uses the kernel brackets its body with tos_knl_irq_enter() and
 * tos_knl_irq_leave() and must have a priority value of at least
 * TOS_CFG_CPU_BASEPRI; one above that threshold is never delayed by the
 * kernel and must not call it. A line that fires with no handler attached
 * is reported like a fault.
 */
typedef void (*port_isr_t)(void);

#if TOS_CFG_CPU_IRQ_ATTACH_EN > 0u
/* Attaches isr (K_NULL detaches) to line irq. Returns 0, or -1 if irq is out of range. */
__PORT__ int port_irq_attach(unsigned int irq, port_isr_t isr);
#else
/*
 * Without run-time attachment the application defines the handlers in ROM:
 *     const port_isr_t port_irq_table[PORT_IRQ_COUNT] = {[5] = uart_isr};
 * This declaration puts the definition right behind the 16 system vectors
 * (the linker script's .vectors.irq): the table is the vector table's
 * external part, each handler entered directly by the hardware. An entry
 * left NULL vectors to address 0, which faults (and is reported as such);
 * an application that defines no table gets the port's, all faults.
 */
extern const port_isr_t port_irq_table[PORT_IRQ_COUNT] __attribute__((section(".vectors.irq")));
#endif
/* prio: the 8-bit priority value (0 most urgent; unimplemented low bits ignored). */
__PORT__ void port_irq_priority_set(unsigned int irq, uint32_t prio);
__PORT__ void port_irq_enable(unsigned int irq);
__PORT__ void port_irq_disable(unsigned int irq);
/* Sets line irq pending, as if its device signalled it; taken at once when unmasked. */
__PORT__ void port_irq_pend(unsigned int irq);
#if PORT_RAM_VECTORS
/*
 * The vector table in RAM: the 16 system vectors, then one per line
 * (port_fault_entry while no handler is attached). Reset_Handler fills it
 * and points VTOR at it; the linker script puts it at the start of RAM,
 * where it has the alignment VTOR needs.
 */
extern port_isr_t port_vectors_ram[16u + PORT_IRQ_COUNT];
#elif TOS_CFG_CPU_IRQ_ATTACH_EN > 0u
__PORT__ void port_irq_dispatch(void);
#endif

/* ---- busy loop ----------------------------------------------------------- */

/*
 * Measures the busy loop against SysTick (which it then leaves stopped).
 * Call once before tos_knl_init(); port_burn() assumes 1 loop per cycle
 * until then.
 */
__PORT__ void port_burn_calibrate(void);

/* Keeps the CPU busy for about `cycles` cycles of the caller's own execution. */
__PORT__ void port_burn(uint32_t cycles);

/* ---- services the board supplies to the port ------------------------------ */

/* Writes len bytes to the board's console, polling (usable with interrupts masked). */
void port_console_write(const char *buf, size_t len);

/* ---- semihosting (a debugger or QEMU -semihosting-config enable=on) ---- */

/* Ends the session with status (SYS_EXIT_EXTENDED): QEMU exits with it. */
__PORT__ __NO_RETURN__ void port_semihost_exit(int status);

/* ---- faults -------------------------------------------------------------- */

/* Exit status of a program ended by a fault or a detected stack overflow. */
#define PORT_FAULT_EXIT_STATUS 134

/*
 * The fault handlers print a report (which fault, the task, the stacked and
 * callee-saved registers, the fault status registers, a stack dump and a
 * backtrace; see arch/arm/README.md) and end the program through
 * tern_board_exit(PORT_FAULT_EXIT_STATUS). They never return.
 */
__PORT__ void HardFault_Handler(void);
__PORT__ void port_fault_diagnosis(void);

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
/* §34 frame types: what the hardware stacks on exception entry. */
typedef struct fault_cpu_frame_st {
    cpu_data_t r0, r1, r2, r3, r12, lr, pc, spsr;
} fault_cpu_frame_t;

#if PORT_HAS_FPU
typedef struct fault_fpu_frame_st {
    cpu_data_t s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15;
    cpu_data_t fpscr;
} fault_fpu_frame_t;
#endif

typedef struct fault_exc_frame_st {
    fault_cpu_frame_t cpu_frame;
#if PORT_HAS_FPU
    fault_fpu_frame_t fpu_frame;
#endif
} fault_exc_frame_t;

typedef struct fault_info_st {
    int is_thumb : 1;
    int is_on_task : 1;
    int is_stk_ovrf : 1;
#if PORT_HAS_FPU
    int is_ext_stk_frm : 1;
#endif
    cpu_addr_t pc;
    cpu_addr_t sp_before_fault;
    cpu_addr_t stack_start;
    cpu_addr_t stack_limit;
    cpu_addr_t code_start;
    cpu_addr_t code_limit;
} fault_info_t;

/*
 * §34 entry: reports the fault described by EXC_RETURN lr and the stacked
 * frame, then ends the program (Tern never spins silently).
 */
__NO_RETURN__ void fault_backtrace(cpu_addr_t lr, fault_exc_frame_t *frame);
#endif

__CDECLS_END

#endif /* _PORT_H_ */
