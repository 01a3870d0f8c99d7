/*
 * The trap path and the context switch: entry, dispatch, the switch a task
 * asks for, the switch an interrupt asks for, and the start of the first
 * task.
 *
 * Why it is built this way:
 *  - A switch a task asks for (yield, block, wake a more urgent task) is a
 *    function call, cpu_context_switch_to(): the kernel calls it from a task
 *    with interrupts masked, as the last step of a critical section. It
 *    pushes ra and s0..s11 (port_switch_frame_t) on the outgoing task's
 *    stack, stores sp in its TCB, loads the incoming task's sp and pops the
 *    same. The caller-saved registers are the compiler's business, so that
 *    is all a switch needs: no trap, no CSR access. The incoming task
 *    continues inside its own critical section and ends it.
 *  - One vector (mtvec direct mode) for every trap. The entry stores only
 *    the caller-saved registers and mepc (port_trap_frame_t) on the stack
 *    it interrupted: the handler is C code and preserves s0..s11 itself.
 *    Handlers run on the interrupt stack (_sstack.._estack, the boot stack
 *    once the kernel runs), so a task stack only ever holds one trap frame
 *    beyond the task's own calls.
 *  - A switch an interrupt asks for pends the machine software interrupt
 *    (msip), like PendSV on Cortex-M. Handlers never run with mie.MSIE set,
 *    so it waits for the outermost trap, whose return path checks mip.MSIP
 *    and switches there: it pushes the interrupted task's s0..s11 below its
 *    trap frame with port_trap_resume as the resume address, and loads the
 *    incoming task like any switch. It picks the most urgent ready task
 *    itself: a request made inside the application's own critical section
 *    (the kernel pends msip then, taken when the task unmasks) may be stale
 *    by the time it is taken. A task saved either way is loaded the same way
 *    ("pop and ret"): port_trap_resume restores the trap frame and returns
 *    from the trap; a task-level switch's resume address is its caller.
 *  - A new task's initial context is one the trap path could have saved,
 *    so the first switch-in enters it with mret, interrupts enabled.
 *  - Exceptions save the callee-saved registers too, in the same layout as
 *    a preempted task (port_frame_t), so the trap report shows them all.
 *  - The handler runs with interrupts masked; the interrupt lines (and the
 *    tick when it is not the most urgent source) re-enable them around their
 *    handlers (port_irq_run_at) so that more urgent sources nest. mepc is in
 *    the frame; mstatus.MPP, which a nested mret drops, is put back by
 *    port_irq_run_at, so a trap that does not nest touches neither.
 */
#include "port_riscv.h"

volatile uint32_t port_trap_nest;
uint32_t port_isr_stack_top;

/* The asm below hard-codes the frame layouts. */
_Static_assert(sizeof(port_switch_frame_t) == PORT_SWITCH_FRAME_SIZE, "port_switch_frame_t");
_Static_assert(sizeof(port_trap_frame_t) == PORT_TRAP_FRAME_SIZE, "port_trap_frame_t");
_Static_assert(sizeof(port_frame_t) == PORT_FRAME_SIZE, "port_frame_t");
_Static_assert(offsetof(port_switch_frame_t, s0) == 4u && offsetof(port_switch_frame_t, s11) == 48u,
               "port_switch_frame_t layout");
_Static_assert(offsetof(port_trap_frame_t, ra) == 4u && offsetof(port_trap_frame_t, t0) == 8u &&
                   offsetof(port_trap_frame_t, a0) == 20u &&
                   offsetof(port_trap_frame_t, t3) == 52u && offsetof(port_trap_frame_t, t6) == 64u,
               "port_trap_frame_t layout");
_Static_assert(sizeof(cpu_context_t) == PORT_TASK_STK_SIZE_MIN, "K_TASK_STK_SIZE_MIN");
_Static_assert(offsetof(k_task_t, sp) == 0u, "the asm stores task->sp at offset 0");
_Static_assert(sizeof(k_prio_t) == 1u && sizeof(k_list_t) == 8u &&
                   offsetof(readyqueue_t, task_list_head) == 0u && offsetof(k_list_t, next) == 0u,
               "the trap return reads the ready queue as lbu/lw of these offsets");

/* clang-format off */
#define PORT_SAVE_S(base)                                                                   \
    "sw s0, 4(" base ")\n\tsw s1, 8(" base ")\n\tsw s2, 12(" base ")\n\t"                   \
    "sw s3, 16(" base ")\n\tsw s4, 20(" base ")\n\tsw s5, 24(" base ")\n\t"                 \
    "sw s6, 28(" base ")\n\tsw s7, 32(" base ")\n\tsw s8, 36(" base ")\n\t"                 \
    "sw s9, 40(" base ")\n\tsw s10, 44(" base ")\n\tsw s11, 48(" base ")\n\t"
#define PORT_LOAD_S(base)                                                                   \
    "lw s0, 4(" base ")\n\tlw s1, 8(" base ")\n\tlw s2, 12(" base ")\n\t"                   \
    "lw s3, 16(" base ")\n\tlw s4, 20(" base ")\n\tlw s5, 24(" base ")\n\t"                 \
    "lw s6, 28(" base ")\n\tlw s7, 32(" base ")\n\tlw s8, 36(" base ")\n\t"                 \
    "lw s9, 40(" base ")\n\tlw s10, 44(" base ")\n\tlw s11, 48(" base ")\n\t"

/* Loads the task in t4: pops its switch frame and continues at its resume address. */
#define PORT_LOAD_TASK                                                                      \
    "lw sp, 0(t4)\n\t"                                                                      \
    "lw ra, 0(sp)\n\t" PORT_LOAD_S("sp") "addi sp, sp, 52\n\t"                              \
    "ret\n\t"
/* clang-format on */

/*
 * The trap vector. Registers after the save: a0 = the trap frame, a1 =
 * mcause; across the handler the frame's address is kept in the word at
 * 0(sp) of the stack the handler runs on.
 */
__attribute__((naked, aligned(4))) void port_trap_entry(void)
{
    __asm__ volatile(
        /* clang-format off */
        "addi sp, sp, -80\n\t"
        "sw ra, 4(sp)\n\t"
        "sw t0, 8(sp)\n\t"
        "sw t1, 12(sp)\n\t"
        "sw t2, 16(sp)\n\t"
        "sw a0, 20(sp)\n\t"
        "sw a1, 24(sp)\n\t"
        "sw a2, 28(sp)\n\t"
        "sw a3, 32(sp)\n\t"
        "sw a4, 36(sp)\n\t"
        "sw a5, 40(sp)\n\t"
        "sw a6, 44(sp)\n\t"
        "sw a7, 48(sp)\n\t"
        "sw t3, 52(sp)\n\t"
        "sw t4, 56(sp)\n\t"
        "sw t5, 60(sp)\n\t"
        "sw t6, 64(sp)\n\t"
        "csrr t0, mepc\n\t"
        "sw t0, 0(sp)\n\t"
        "csrr a1, mcause\n\t"
        "mv a0, sp\n\t"
        "bgez a1, .Lport_exception\n\t"
        "lw t1, port_trap_nest\n\t"
        "addi t2, t1, 1\n\t"
        "sw t2, port_trap_nest, t0\n\t"
        /* Nested: already on the interrupt stack. Before the kernel runs: stay on the boot stack. */
        "bnez t1, .Lport_stay\n\t"
        "lw t0, port_isr_stack_top\n\t"
        "beqz t0, .Lport_stay\n\t"
        /* From a task: is the frame still inside its stack? (machine mode has no stack limit) */
        "lw t1, k_curr_task\n\t"
        "lw t1, %[stk_base](t1)\n\t"
        "bltu a0, t1, .Lport_overflow\n\t"
        "addi sp, t0, -16\n"
        ".Lport_call:\n\t"
        "sw a0, 0(sp)\n\t"
        /* The two frequent causes go straight to their handlers: SSI (1), MTI (7). */
        "slli t1, a1, 1\n\t"
        "addi t1, t1, -2\n\t"
        "beqz t1, .Lport_ssi\n\t"
        "addi t1, t1, -12\n\t"
        "beqz t1, .Lport_mti\n\t"
        "call port_irq_trap\n\t"
        "bnez a0, .Lport_unexpected\n"
        ".Lport_handled:\n\t"
        "lw a0, 0(sp)\n\t"
        "lw t1, port_trap_nest\n\t"
        "addi t1, t1, -1\n\t"
        "sw t1, port_trap_nest, t0\n\t"
        "bnez t1, .Lport_restore\n\t"
        /* Back to task level: a switch pending (msip)? Then do it here. */
        "csrr t2, mip\n\t"
        "andi t2, t2, %[msip_bit]\n\t"
        "bnez t2, .Lport_switch\n"
        ".Lport_restore:\n\t"
        "mv sp, a0\n"
        /* Restores the trap frame at sp and returns from the trap. */
        ".Lport_trap_restore:\n\t"
        "lw t0, 0(sp)\n\t"
        "csrw mepc, t0\n\t"
        "lw ra, 4(sp)\n\t"
        "lw t0, 8(sp)\n\t"
        "lw t1, 12(sp)\n\t"
        "lw t2, 16(sp)\n\t"
        "lw a0, 20(sp)\n\t"
        "lw a1, 24(sp)\n\t"
        "lw a2, 28(sp)\n\t"
        "lw a3, 32(sp)\n\t"
        "lw a4, 36(sp)\n\t"
        "lw a5, 40(sp)\n\t"
        "lw a6, 44(sp)\n\t"
        "lw a7, 48(sp)\n\t"
        "lw t3, 52(sp)\n\t"
        "lw t4, 56(sp)\n\t"
        "lw t5, 60(sp)\n\t"
        "lw t6, 64(sp)\n\t"
        "addi sp, sp, 80\n\t"
        "mret\n"

        ".Lport_stay:\n\t"
        "addi sp, sp, -16\n\t"
        "j .Lport_call\n"
        ".Lport_ssi:\n\t"
        "call port_irq_dispatch\n\t"
        "j .Lport_handled\n"
        ".Lport_mti:\n\t"
        "call port_tick_isr\n\t"
        "j .Lport_handled\n"

        /*
         * The switch on the way out of the outermost trap (a0 = the trap
         * frame of k_curr_task): to the most urgent ready task, if that is
         * another one.
         */
        ".Lport_switch:\n\t"
        "li t2, %[msip_addr]\n\t"
        "sw zero, 0(t2)\n\t"
        "la t3, k_rdyq\n\t"
        "lbu t4, %[highest](t3)\n\t"
        "slli t4, t4, 3\n\t"
        "add t4, t4, t3\n\t"
        "lw t4, 0(t4)\n\t"
        "addi t4, t4, -%[pend]\n\t"
        "lw t5, k_curr_task\n\t"
        "beq t4, t5, .Lport_restore\n\t"
        "addi sp, a0, -52\n\t"
        "la t6, port_trap_resume\n\t"
        "sw t6, 0(sp)\n\t" PORT_SAVE_S("sp")
        "sw sp, 0(t5)\n\t"
        "sw t4, k_curr_task, t6\n\t" PORT_LOAD_TASK

        /*
         * The resume address of a task switched out by an interrupt, and of
         * a new task: returns from the trap into it, interrupts enabled.
         * Also reached from a task-level switch, where mstatus's previous
         * state is not the trap's: MPP and MPIE are set here.
         */
        ".globl port_trap_resume\n"
        "port_trap_resume:\n\t"
        "li t0, %[mpp_mpie]\n\t"
        "csrs mstatus, t0\n\t"
        "j .Lport_trap_restore\n"

        /*
         * Exceptions: the report runs on the interrupt stack, or right below
         * the frame when the trap came from there or before the kernel ran.
         */
        ".Lport_exception:\n\t"
        "lw t1, port_trap_nest\n\t"
        "addi t2, t1, 1\n\t"
        "sw t2, port_trap_nest, t0\n\t"
        "li a2, 0\n\t"
        "bnez t1, .Lport_fault_below\n\t"
        "lw t0, port_isr_stack_top\n\t"
        "beqz t0, .Lport_fault_below\n\t"
        "mv sp, t0\n\t"
        "j .Lport_fault\n"
        /* A task's frame below its stack (t0 = top of the interrupt stack). */
        ".Lport_overflow:\n\t"
        "li a2, 1\n\t"
        "mv sp, t0\n\t"
        "j .Lport_fault\n"
        /*
         * An interrupt cause the port does not use. If the handler ran right
         * below the trap frame, the report runs below the switch part.
         */
        ".Lport_unexpected:\n\t"
        "lw a0, 0(sp)\n\t"
        "csrr a1, mcause\n\t"
        "li a2, 0\n\t"
        "addi t1, sp, 16\n\t"
        "bne t1, a0, .Lport_fault\n"
        ".Lport_fault_below:\n\t"
        "addi sp, a0, -64\n\t"
        "andi sp, sp, -16\n"
        /* a0 = the trap frame: the switch part goes below it (port_frame_t), then the report. */
        ".Lport_fault:\n\t"
        "addi a0, a0, -52\n\t" PORT_SAVE_S("a0")
        "call port_fault\n\t"
        /* clang-format on */
        :
        : [stk_base] "i"(offsetof(k_task_t, stk_base)), [msip_bit] "i"(PORT_MIP_MSIP),
          [msip_addr] "i"(PORT_CLINT_MSIP), [highest] "i"(offsetof(readyqueue_t, highest_prio)),
          [pend] "i"(offsetof(k_task_t, pend_list)),
          [mpp_mpie] "i"(PORT_MSTATUS_MPP | PORT_MSTATUS_MPIE));
}

/*
 * cpu_context_switch_to(next): from k_curr_task to `next` at once, a
 * function call for both tasks; called from a task with interrupts masked,
 * returns when the caller is switched back in. k_next_task names the task
 * of a pending switch only, so it is left alone (tos_cpu.h). Called from a
 * handler (one that did not bracket itself with tos_knl_irq_enter/leave),
 * it pends msip instead, and the outermost trap switches on its way out.
 * port_switch_load is the first start's way into a task (t4 = the task).
 */
__attribute__((naked)) void cpu_context_switch_to(k_task_t *next)
{
    (void)next;
    __asm__ volatile(
        /* clang-format off */
        "lw t0, port_trap_nest\n\t"
        "bnez t0, 1f\n\t"
        "addi sp, sp, -52\n\t"
        "sw ra, 0(sp)\n\t" PORT_SAVE_S("sp")
        "la t2, k_curr_task\n\t"
        "lw t1, 0(t2)\n\t"
        "sw sp, 0(t1)\n\t"
        "sw a0, 0(t2)\n\t"
        "mv t4, a0\n"
        ".globl port_switch_load\n"
        "port_switch_load:\n\t" PORT_LOAD_TASK
        "1:\n\t"
        "li t0, %[msip_addr]\n\t"
        "li t1, 1\n\t"
        "sw t1, 0(t0)\n\t"
        "ret\n\t"
        /* clang-format on */
        :
        : [msip_addr] "i"(PORT_CLINT_MSIP));
}

/* Pends msip: taken when the task unmasks, or on the way out of the outermost trap. */
__attribute__((naked)) void cpu_irq_context_switch(void)
{
    __asm__ volatile("li t0, %[msip_addr]\n\t"
                     "li t1, 1\n\t"
                     "sw t1, 0(t0)\n\t"
                     "ret\n\t"
                     :
                     : [msip_addr] "i"(PORT_CLINT_MSIP));
}

/*
 * The same to the most urgent ready task (contract §37.2), which the trap
 * exit would take too (PORT_SWITCH_PICKS_NEXT: no choice in k_next_task).
 */
__KNL__ void cpu_context_switch(void)
{
    cpu_context_switch_to(
        TOS_LIST_FIRST_ENTRY(&k_rdyq.task_list_head[k_rdyq.highest_prio], k_task_t, pend_list));
}

__PORT__ void port_context_switch(void)
{
    cpu_context_switch();
}

__PORT__ void port_irq_context_switch(void)
{
    cpu_irq_context_switch();
}

__PORT__ uint32_t port_irq_trap(port_trap_frame_t *frame, uint32_t mcause)
{
    uint32_t unexpected = 0u;

    (void)frame;
    switch (mcause) {
    case PORT_MCAUSE_INTERRUPT | PORT_IRQ_CAUSE_MTI:
        port_tick_isr();
        break;
    case PORT_MCAUSE_INTERRUPT | PORT_IRQ_CAUSE_SSI:
        port_irq_dispatch();
        break;
    case PORT_MCAUSE_INTERRUPT | PORT_IRQ_CAUSE_MSI:
        /* The switch itself happens on the way out of the outermost trap. */
        break;
    default:
        unexpected = 1u;
        break;
    }
    return unexpected;
}

__PORT__ __NO_RETURN__ void port_sched_start(void)
{
    /* From here on the boot stack is the interrupt stack; main() never returns. */
    port_isr_stack_top = (uint32_t)(uintptr_t)_estack;
    port_trap_nest = 0u;
    port_prio_running = PORT_PRIO_TASK;
    port_mie_write(port_mie_for_prio(PORT_PRIO_TASK));
    port_irq_trigger_update();
    /* Into the first task's initial frame; its resume enables interrupts (MPIE). */
    __asm__ volatile("mv t4, %0\n"
                     "j port_switch_load\n"
                     :
                     : "r"(k_curr_task)
                     : "memory");
    __builtin_unreachable();
}

__KNL__ void cpu_sched_start(void)
{
    port_sched_start();
}
