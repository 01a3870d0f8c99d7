/*
 * The trap path: entry, dispatch, the context switch, and the start of the
 * first task.
 *
 * Why it is built this way:
 *  - One vector (mtvec direct mode) for every trap. The entry stores the
 *    complete register file (port_frame_t) on the stack it interrupted, so
 *    a trap taken from a task leaves that task's whole context on its own
 *    stack: switching tasks is then only "store sp in the outgoing TCB, load
 *    sp from the incoming one". Handlers run on the interrupt stack
 *    (_sstack.._estack, the boot stack once the kernel runs), so a task
 *    stack only ever holds one frame beyond the task's own calls.
 *  - The kernel requests switches by pending the machine software interrupt
 *    (msip), like PendSV on Cortex-M: from a task inside a critical section
 *    the interrupt is taken the moment interrupts are enabled again; from an
 *    ISR it is masked (handlers never run with mie.MSIE set) and the switch
 *    happens as the outermost trap returns. The return path of the
 *    outermost trap checks mip.MSIP itself and switches there, so an ISR
 *    that readies a task costs no second trap.
 *  - The trap handler runs with interrupts masked; the tick and the
 *    interrupt lines re-enable them around their handlers (port_irq_run_at)
 *    so that more urgent sources nest. mepc and mstatus are in the frame,
 *    so nesting cannot lose them.
 */
#include "port_riscv.h"

volatile uint32_t port_trap_nest;
uint32_t port_isr_stack_top;

/* The asm below hard-codes the frame layout. */
_Static_assert(sizeof(port_frame_t) == PORT_FRAME_SIZE, "port_frame_t layout");
_Static_assert(offsetof(port_frame_t, mstatus) == 8u, "port_frame_t layout");
_Static_assert(offsetof(port_frame_t, s0) == 32u, "port_frame_t layout");
_Static_assert(offsetof(port_frame_t, t6) == 124u, "port_frame_t layout");
_Static_assert(sizeof(cpu_context_t) == PORT_TASK_STK_SIZE_MIN, "K_TASK_STK_SIZE_MIN");
_Static_assert(offsetof(k_task_t, sp) == 0u, "the asm stores task->sp at offset 0");

/* Address of this hart's msip register, for the return path. */
const uint32_t port_clint_msip_addr = PORT_CLINT_MSIP;

/* clang-format off */
__asm__(
    "    .pushsection .text.port_trap_entry, \"ax\", @progbits\n"
    "    .globl port_trap_entry\n"
    "    .type port_trap_entry, @function\n"
    "    .balign 4\n"
    "port_trap_entry:\n"
    "    addi sp, sp, -128\n"
    "    sw ra, 4(sp)\n"
    "    sw gp, 12(sp)\n"
    "    sw tp, 16(sp)\n"
    "    sw t0, 20(sp)\n"
    "    sw t1, 24(sp)\n"
    "    sw t2, 28(sp)\n"
    "    sw s0, 32(sp)\n"
    "    sw s1, 36(sp)\n"
    "    sw a0, 40(sp)\n"
    "    sw a1, 44(sp)\n"
    "    sw a2, 48(sp)\n"
    "    sw a3, 52(sp)\n"
    "    sw a4, 56(sp)\n"
    "    sw a5, 60(sp)\n"
    "    sw a6, 64(sp)\n"
    "    sw a7, 68(sp)\n"
    "    sw s2, 72(sp)\n"
    "    sw s3, 76(sp)\n"
    "    sw s4, 80(sp)\n"
    "    sw s5, 84(sp)\n"
    "    sw s6, 88(sp)\n"
    "    sw s7, 92(sp)\n"
    "    sw s8, 96(sp)\n"
    "    sw s9, 100(sp)\n"
    "    sw s10, 104(sp)\n"
    "    sw s11, 108(sp)\n"
    "    sw t3, 112(sp)\n"
    "    sw t4, 116(sp)\n"
    "    sw t5, 120(sp)\n"
    "    sw t6, 124(sp)\n"
    "    csrr t0, mepc\n"
    "    sw t0, 0(sp)\n"
    "    csrr t0, mstatus\n"
    "    sw t0, 8(sp)\n"
    /* s0 keeps the frame's address across the call (callee-saved). */
    "    mv s0, sp\n"
    "    la t0, port_trap_nest\n"
    "    lw t1, 0(t0)\n"
    "    addi t2, t1, 1\n"
    "    sw t2, 0(t0)\n"
    /* Nested: already on the interrupt stack. Before the kernel runs: stay on the boot stack. */
    "    bnez t1, 1f\n"
    "    la t0, port_isr_stack_top\n"
    "    lw t0, 0(t0)\n"
    "    beqz t0, 1f\n"
    "    mv sp, t0\n"
    "1:  mv a0, s0\n"
    "    csrr a1, mcause\n"
    "    call port_trap_handler\n"
    "    la t0, port_trap_nest\n"
    "    lw t1, 0(t0)\n"
    "    addi t1, t1, -1\n"
    "    sw t1, 0(t0)\n"
    "    bnez t1, port_trap_return\n"
    /* Back to task level: a switch pending (msip)? Then do it here. */
    "    csrr t2, mip\n"
    "    andi t2, t2, 8\n"
    "    beqz t2, port_trap_return\n"
    "    la t2, port_clint_msip_addr\n"
    "    lw t2, 0(t2)\n"
    "    sw zero, 0(t2)\n"
    "    la t3, k_curr_task\n"
    "    lw t4, 0(t3)\n"
    "    sw s0, 0(t4)\n"
    "    la t5, k_next_task\n"
    "    lw t5, 0(t5)\n"
    "    sw t5, 0(t3)\n"
    "    lw s0, 0(t5)\n"
    "port_trap_return:\n"
    "    mv sp, s0\n"
    /* Restores the frame at sp and returns into it (also the first start of a task). */
    "    .globl port_frame_restore\n"
    "port_frame_restore:\n"
    "    lw t0, 0(sp)\n"
    "    csrw mepc, t0\n"
    "    lw t0, 8(sp)\n"
    "    csrw mstatus, t0\n"
    "    lw ra, 4(sp)\n"
    "    lw t0, 20(sp)\n"
    "    lw t1, 24(sp)\n"
    "    lw t2, 28(sp)\n"
    "    lw s0, 32(sp)\n"
    "    lw s1, 36(sp)\n"
    "    lw a0, 40(sp)\n"
    "    lw a1, 44(sp)\n"
    "    lw a2, 48(sp)\n"
    "    lw a3, 52(sp)\n"
    "    lw a4, 56(sp)\n"
    "    lw a5, 60(sp)\n"
    "    lw a6, 64(sp)\n"
    "    lw a7, 68(sp)\n"
    "    lw s2, 72(sp)\n"
    "    lw s3, 76(sp)\n"
    "    lw s4, 80(sp)\n"
    "    lw s5, 84(sp)\n"
    "    lw s6, 88(sp)\n"
    "    lw s7, 92(sp)\n"
    "    lw s8, 96(sp)\n"
    "    lw s9, 100(sp)\n"
    "    lw s10, 104(sp)\n"
    "    lw s11, 108(sp)\n"
    "    lw t3, 112(sp)\n"
    "    lw t4, 116(sp)\n"
    "    lw t5, 120(sp)\n"
    "    lw t6, 124(sp)\n"
    "    addi sp, sp, 128\n"
    "    mret\n"
    "    .size port_trap_entry, . - port_trap_entry\n"
    "    .popsection\n");
/* clang-format on */

__PORT__ void port_trap_handler(port_frame_t *frame, uint32_t mcause)
{
    if ((mcause & PORT_MCAUSE_INTERRUPT) == 0u) {
        port_fault(frame, mcause, K_FALSE);
    }
    /* Outermost trap from a task: is its stack pointer still inside its stack? */
    if (port_trap_nest == 1u && port_isr_stack_top != 0u) {
        port_stack_check(frame, mcause);
    }
    switch (mcause & ~PORT_MCAUSE_INTERRUPT) {
    case PORT_IRQ_CAUSE_MTI:
        port_tick_isr();
        break;
    case PORT_IRQ_CAUSE_SSI:
        port_irq_dispatch();
        break;
    case PORT_IRQ_CAUSE_MSI:
        /* The switch itself happens on the way out of the outermost trap. */
        break;
    default:
        port_fault(frame, mcause, K_FALSE);
    }
}

__PORT__ void port_context_switch(void)
{
    *port_mmio32(PORT_CLINT_MSIP) = 1u;
}

__PORT__ void port_irq_context_switch(void)
{
    *port_mmio32(PORT_CLINT_MSIP) = 1u;
}

__KNL__ void cpu_context_switch(void)
{
    port_context_switch();
}

__KNL__ void cpu_irq_context_switch(void)
{
    port_irq_context_switch();
}

__PORT__ __NO_RETURN__ void port_sched_start(void)
{
    /* From here on the boot stack is the interrupt stack; main() never returns. */
    port_isr_stack_top = (uint32_t)(uintptr_t)_estack;
    port_trap_nest = 0u;
    port_prio_running = PORT_PRIO_TASK;
    port_mie_write(port_mie_for_prio(PORT_PRIO_TASK));
    port_irq_trigger_update();
    /* Into the first task's initial frame; its mstatus enables interrupts (MPIE). */
    __asm__ volatile("mv sp, %0\n"
                     "j port_frame_restore\n"
                     :
                     : "r"(k_curr_task->sp)
                     : "memory");
    __builtin_unreachable();
}

__KNL__ void cpu_sched_start(void)
{
    port_sched_start();
}
