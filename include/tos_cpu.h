/*
 * The architecture boundary (contract §37).
 *
 * This is the only interface between the portable kernel and a CPU port. A
 * port lives in arch/<family>/ and supplies, in its include directory:
 *   port_config.h    TOS_CFG_CPU_* facts (word sizes, stack growth, CLZ, ...)
 *   tos_cpu_types.h  cpu_addr_t, cpu_data_t, cpu_hrtimer_t, cpu_cpsr_t
 *   port.h           port_* prototypes and the port's cpu_context_t
 * and implements every function declared below. The kernel calls nothing
 * else in a port.
 *
 * Rules every port follows:
 *  - cpu_cpsr_t save/restore nest: restore puts back exactly what save found.
 *  - cpu_context_switch() is called with interrupts disabled, as the last
 *    step of the critical section that made another task the most urgent.
 *    The switch happens when interrupts are enabled again (PendSV style),
 *    or, in a port that defines PORT_SWITCH_AT_ONCE, at once: the task
 *    continues there when it is switched back in, still inside its critical
 *    section, and ends it. Such a port also defines PORT_CPSR_MASKED(cpsr);
 *    when the critical section was entered with interrupts already masked
 *    (the application's own critical section around a kernel call), the
 *    kernel calls cpu_irq_context_switch() instead, which must then switch
 *    once the task unmasks, exactly as a PendSV-style port would. It also
 *    provides cpu_context_switch_to(next), which is cpu_context_switch()
 *    to `next`; it need not write k_next_task, which names the task of a
 *    pending switch only (none is pending once the switch is done).
 *  - A port whose deferred switch takes the most urgent ready task itself
 *    when it runs (the ready queue is consistent whenever interrupts are
 *    enabled) defines PORT_SWITCH_PICKS_NEXT: then nobody reads a choice,
 *    the kernel never writes k_next_task (it stays K_NULL), and the port's
 *    cpu_context_switch() switches to the most urgent ready task.
 *  - A port may keep the kernel's core globals out of their shared block
 *    (tos_sys.h: PORT_CORE_APART, PORT_CORE_RDYQ_APART) where the block
 *    would cost instructions on its ISA.
 *  - A port may supply the critical section inline: with PORT_CPSR_INLINE
 *    defined, port.h provides port_cpsr_save_inline() and
 *    port_cpsr_restore_inline(), which TOS_CPU_INT_DISABLE/ENABLE use.
 *  - cpu_irq_context_switch() is called from tos_knl_irq_leave() of the
 *    outermost ISR; the switch happens when that ISR returns.
 *  - A switch stores the outgoing context so that k_curr_task->sp (the first
 *    member of k_task_t) describes it, sets k_curr_task = k_next_task and
 *    resumes k_next_task.
 */
#ifndef _TOS_CPU_H_
#define _TOS_CPU_H_

__CDECLS_BEGIN

/* ---- interrupt control, public (§37.1) ---------------------------------- */

/* Number of leading zero bits of val; 32 for 0. */
__API__ uint32_t tos_cpu_clz(uint32_t val);

__API__ void tos_cpu_int_disable(void);
__API__ void tos_cpu_int_enable(void);

/* Returns the current interrupt mask state and disables interrupts. */
__API__ cpu_cpsr_t tos_cpu_cpsr_save(void);

/* Restores a state returned by tos_cpu_cpsr_save(). */
__API__ void tos_cpu_cpsr_restore(cpu_cpsr_t cpsr);

#if TOS_CFG_CPU_HRTIMER_EN > 0u
__API__ void tos_cpu_hrtimer_init(void);
__API__ cpu_hrtimer_t tos_cpu_hrtimer_read(void);
#endif

#define TOS_CPU_CPSR_ALLOC() cpu_cpsr_t cpu_cpsr = (cpu_cpsr_t)0u

#if defined(PORT_CPSR_INLINE)
#define TOS_CPU_INT_DISABLE()               \
    do {                                    \
        cpu_cpsr = port_cpsr_save_inline(); \
    } while (0)

#define TOS_CPU_INT_ENABLE()                \
    do {                                    \
        port_cpsr_restore_inline(cpu_cpsr); \
    } while (0)
#else
#define TOS_CPU_INT_DISABLE()           \
    do {                                \
        cpu_cpsr = tos_cpu_cpsr_save(); \
    } while (0)

#define TOS_CPU_INT_ENABLE()            \
    do {                                \
        tos_cpu_cpsr_restore(cpu_cpsr); \
    } while (0)
#endif

/* ---- kernel-facing hooks (§37.2) ---------------------------------------- */

/* First call of tos_knl_init(): sets k_cpu_cycle_per_tick and starts the tick. */
__KNL__ void cpu_init(void);

__KNL__ void cpu_reset(void);

/* Programs a periodic tick interrupt every cycle_per_tick CPU cycles. */
__KNL__ void cpu_systick_init(k_cycle_t cycle_per_tick);

/* Runs k_curr_task from its initial context; never returns. */
__KNL__ __NO_RETURN__ void cpu_sched_start(void);

/* Task-level switch request (interrupts disabled; effective on enable). */
__KNL__ void cpu_context_switch(void);

#if defined(PORT_SWITCH_AT_ONCE)
/* cpu_context_switch() to `next` at once (see the rules above). */
__KNL__ void cpu_context_switch_to(struct k_task_st *next);
#endif

/* ISR-level switch request (effective when the outermost ISR returns). */
__KNL__ void cpu_irq_context_switch(void);

/*
 * Builds the initial context of a task in [stk_base, stk_base + stk_size) so
 * that the first switch-in calls entry(arg) and a return from entry continues
 * into exit. With TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN, every byte of
 * the stack below the initial frame is filled with 0xCC. Returns the value
 * for task->sp.
 */
__KNL__ k_stack_t *cpu_task_stk_init(void *entry, void *arg, void *exit, k_stack_t *stk_base,
                                     size_t stk_size);

/* A port may supply it inline as port_task_stk_init_inline() (PORT_TASK_STK_INIT_INLINE). */
#if defined(PORT_TASK_STK_INIT_INLINE)
#define knl_task_stk_init port_task_stk_init_inline
#else
#define knl_task_stk_init cpu_task_stk_init
#endif

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
/*
 * Bytes between the aligned stack top and the deepest byte that no longer
 * holds 0xCC. Returns K_ERR_TASK_STK_OVERFLOW when that is the whole stack.
 */
__KNL__ k_err_t cpu_task_stack_draught_depth(k_stack_t *stk_base, size_t stk_size, int *depth);
#endif

/*
 * Tern extension: ends the program after a fatal kernel diagnosis (the
 * default stack-overflow hook calls it after naming the task). Emulated
 * boards and the host exit with status 134, like a fault report; a real
 * board resets or stops. Never returns.
 */
__KNL__ __NO_RETURN__ void cpu_fatal_halt(void);

/*
 * Tern extension: called by the idle task when there is nothing to do and
 * power management is off. Waits for the next interrupt (WFI on a CPU). The
 * host simulator's virtual clock advances time to the next deadline here.
 */
__KNL__ void cpu_idle(void);

/* A port may supply it inline as port_idle_inline() (PORT_IDLE_INLINE). */
#if defined(PORT_IDLE_INLINE)
#define knl_cpu_idle port_idle_inline
#else
#define knl_cpu_idle cpu_idle
#endif

#if TOS_CFG_PWR_MGR_EN > 0u
__KNL__ void cpu_sleep_mode_enter(void);
__KNL__ void cpu_stop_mode_enter(void);
__KNL__ void cpu_standby_mode_enter(void);
#endif

#if TOS_CFG_TICKLESS_EN > 0u
__KNL__ void cpu_systick_resume(void);
__KNL__ void cpu_systick_suspend(void);
__KNL__ void cpu_systick_reload_reset(void);
__KNL__ void cpu_systick_pending_reset(void);
__KNL__ k_time_t cpu_systick_max_delay_millisecond(void);
__KNL__ void cpu_systick_expires_set(k_time_t millisecond);
__KNL__ void cpu_systick_reset(void);
#endif

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
__KNL__ void cpu_fault_diagnosis(void);
__KNL__ void cpu_flush_fpu(void);
#endif

/*
 * Tern extension: the host simulator runs each task on an OS thread; a call
 * into the kernel from any other OS thread would race with the simulated
 * CPU. Ports where that cannot happen set TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK
 * to 0 (the default) and pay nothing.
 */
#if defined(TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK) && (TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK > 0u)
/* Non-zero when the caller is not the context owning the simulated CPU. */
__KNL__ int cpu_is_foreign_context(void);
#else
#define cpu_is_foreign_context() (0)
#endif

__CDECLS_END

#endif /* _TOS_CPU_H_ */
