/*
 * Tasks on a Cortex-M: initial context, first start, context switch.
 *
 * Why it is built this way:
 *  - Tasks run in Thread mode on the process stack (PSP); exceptions run on
 *    the main stack (MSP), so an interrupt costs a task only the frame the
 *    hardware stacks, and task stacks need no room for nested ISRs.
 *  - Every switch happens in Thread mode, in cpu_context_switch(): it pushes
 *    the callee-saved registers on the outgoing task's stack, stores the
 *    stack pointer in its TCB, loads the incoming task's and pops the same.
 *    That is a function call for both tasks (the caller-saved registers are
 *    the compiler's business), so a switch a task asks for (yield, block,
 *    wake a more urgent task) costs a dozen instructions and no exception.
 *    The kernel calls it as the last step of a critical section, so the
 *    incoming task continues inside its own critical section and ends it.
 *  - A switch an interrupt asks for (tos_knl_irq_leave) pends PendSV, the
 *    least urgent exception, which runs once no other one is active. PendSV
 *    does not switch: it stacks one more exception frame on the interrupted
 *    task's stack that "returns" to port_preempt_entry in Thread mode with
 *    the kernel's interrupts masked, and there the task calls the switch
 *    like any other. When the task is switched back in, it executes SVC,
 *    whose handler drops that frame and returns from the exception into the
 *    interrupted code with every register as the interrupt found it (a
 *    Thread-mode return could not restore the IT/ICI state of xPSR).
 *  - Lazy FPU stacking: a task that never used the FPU (CONTROL.FPCA clear)
 *    pays nothing; the switch saves s16..s31 and FPSCR only when FPCA is
 *    set, and CONTROL travels with the task. PendSV forces the lazy save of
 *    the interrupted task's s0..s15 (they stay in its exception frame) and
 *    builds an extended frame when the task had FPU state, so that the
 *    entry keeps FPCA and the switch keeps s16..s31.
 *  - ARMv8-M mainline: PSPLIM holds the running task's stack limit, so a
 *    push below its stack faults at once (UsageFault STKOF) instead of
 *    corrupting memory. The limit travels in the task's saved context; it is
 *    cleared while the stack pointer moves between the two stacks.
 */
#include <string.h>

#include "tos_k.h"
#include "port_cm.h"

/* The kernel's guard bytes (tos_sched.c) stay below the PSPLIM limit. */
#define PORT_STK_GUARD_SIZE 4u

extern uint32_t _estack[];

void port_task_start(void);
void port_preempt_entry(void);
void SVC_Handler(void);

__KNL__ k_stack_t *cpu_task_stk_init(void *entry, void *arg, void *exit, k_stack_t *stk_base,
                                     size_t stk_size)
{
    uintptr_t top = ((uintptr_t)stk_base + stk_size) & ~(uintptr_t)7u;
    port_frame_t *frame = (port_frame_t *)(top - sizeof(port_frame_t));

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    memset(stk_base, 0xCC, (size_t)((k_stack_t *)frame - stk_base));
#endif
    memset(frame, 0, sizeof(*frame));
#if PORT_HAS_PSPLIM
    frame->PSPLIM = ((uintptr_t)stk_base + PORT_STK_GUARD_SIZE + 7u) & ~(uintptr_t)7u;
#endif
#if PORT_HAS_FPU
    frame->CONTROL = PORT_INITIAL_CONTROL;
#endif
    frame->RESUME = (cpu_data_t)(uintptr_t)port_task_start;
    frame->_R0 = (cpu_data_t)(uintptr_t)arg;
    frame->_R14 = (cpu_data_t)(uintptr_t)exit;
    frame->_PC = (cpu_data_t)(uintptr_t)entry & ~1u; /* the Thumb bit lives in xPSR */
    frame->_xPSR = PORT_INITIAL_XPSR;
    return (k_stack_t *)frame;
}

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
__KNL__ k_err_t cpu_task_stack_draught_depth(k_stack_t *stk_base, size_t stk_size, int *depth)
{
    const k_stack_t *top = (const k_stack_t *)(((uintptr_t)stk_base + stk_size) & ~(uintptr_t)7u);
    const k_stack_t *p = stk_base;

    while (p < top && *p == (k_stack_t)0xCCu) {
        ++p;
    }
    *depth = (int)(top - p);
    return (p == stk_base) ? K_ERR_TASK_STK_OVERFLOW : K_ERR_NONE;
}
#endif

/* ---- the switch (Thread mode) --------------------------------------------- */

/*
 * The pieces of the variant: r0 = incoming task, r1 = outgoing task, r2/r3
 * scratch. Saved below r4..r11 and the return address: FPSCR and s16..s31
 * (only with FPU state), CONTROL (FPU cores), PSPLIM (ARMv8-M mainline).
 */
#if PORT_HAS_FPU
#define PORT_SAVE_FPU                                                                 \
    "mrs r3, control\n\ttst r3, #4\n\tittt ne\n\tvmrsne r2, fpscr\n\tpushne {r2}\n\t" \
    "vpushne {s16-s31}\n\t"
#define PORT_LOAD_FPU                                                                 \
    "tst r3, #4\n\tittt ne\n\tvpopne {s16-s31}\n\tpopne {r2}\n\tvmsrne fpscr, r2\n\t" \
    "msr control, r3\n\tisb 0xF\n\t"
#else
#define PORT_SAVE_FPU ""
#define PORT_LOAD_FPU ""
#endif

#if PORT_HAS_FPU && PORT_HAS_PSPLIM
#define PORT_SAVE_WORDS "mrs r2, psplim\n\tpush {r2, r3}\n\t"
#define PORT_LOAD_WORDS "pop {r2, r3}\n\tmsr psplim, r2\n\t"
#elif PORT_HAS_FPU
#define PORT_SAVE_WORDS "push {r3}\n\t"
#define PORT_LOAD_WORDS "pop {r3}\n\t"
#elif PORT_HAS_PSPLIM
#define PORT_SAVE_WORDS "mrs r2, psplim\n\tpush {r2}\n\t"
#define PORT_LOAD_WORDS "pop {r2}\n\tmsr psplim, r2\n\t"
#else
#define PORT_SAVE_WORDS ""
#define PORT_LOAD_WORDS ""
#endif

/* No stack limit while sp moves from one task's stack to the other's. */
#if PORT_HAS_PSPLIM
#define PORT_NO_LIMIT "movs r3, #0\n\tmsr psplim, r3\n\t"
#else
#define PORT_NO_LIMIT ""
#endif

#if PORT_ARMV7M_LIKE
#define PORT_SAVE_CORE "push {r4-r11, lr}\n\t"
#define PORT_LOAD_CORE "pop {r4-r11, pc}\n\t"
#define PORT_SP_STORE  "str sp, [r1]\n\t"
#define PORT_SP_LOAD   "ldr r2, [r0]\n\t" PORT_NO_LIMIT "mov sp, r2\n\t"
#else /* Thumb-1: push/pop reach r0..r7 and lr/pc only */
#define PORT_SAVE_CORE                                                                    \
    "push {r4-r7, lr}\n\tmov r4, r8\n\tmov r5, r9\n\tmov r6, r10\n\tmov r7, r11\n\tpush " \
    "{r4-r7}\n\t"
#define PORT_LOAD_CORE \
    "pop {r4-r7}\n\tmov r8, r4\n\tmov r9, r5\n\tmov r10, r6\n\tmov r11, r7\n\tpop {r4-r7, pc}\n\t"
#define PORT_SP_STORE "mov r2, sp\n\tstr r2, [r1]\n\t"
#define PORT_SP_LOAD  "ldr r2, [r0]\n\tmov sp, r2\n\t"
#endif

/* The kernel's interrupts masked / unmasked (Thread mode entry points, SVC). */
#if PORT_USES_BASEPRI
#define PORT_KNL_MASK   "movs r1, %[basepri]\n\tmsr basepri, r1\n\t"
#define PORT_KNL_UNMASK "movs r1, #0\n\tmsr basepri, r1\n\t"
#define PORT_SVC_UNMASK PORT_KNL_UNMASK
#define PORT_PRE_SVC    ""
#else
#define PORT_KNL_MASK   "cpsid i\n\t"
#define PORT_KNL_UNMASK "cpsie i\n\t"
#define PORT_SVC_UNMASK ""
#define PORT_PRE_SVC    "cpsie i\n\t" /* SVC with PRIMASK set would escalate to HardFault */
#endif

#if PORT_ARMV7M_LIKE
#define PORT_IF_HANDLER_GOTO_1 "cbnz r1, 1f\n\t"
#else
#define PORT_IF_HANDLER_GOTO_1 "cmp r1, #0\n\tbne 1f\n\t"
#endif

/*
 * cpu_context_switch_to(next): from k_curr_task to `next` (which becomes
 * k_next_task and k_curr_task), at once. Called in Thread mode with the
 * kernel's interrupts masked; returns when the caller is switched back in.
 * Called in Handler mode (an ISR that did not bracket itself with
 * tos_knl_irq_enter/leave), it only pends PendSV, which switches once the
 * handlers are done. port_switch_load is also the first start's way into
 * a task (r0 = task).
 */
__attribute__((naked)) void cpu_context_switch_to(k_task_t *next)
{
    (void)next;
    __asm__ volatile(
        "mrs r1, ipsr\n\t" PORT_IF_HANDLER_GOTO_1 "ldr r3, =k_next_task\n\t"
        "ldr r2, =k_curr_task\n\t"
        "str r0, [r3]\n\t"
        "ldr r1, [r2]\n\t"
        "str r0, [r2]\n\t" PORT_SAVE_CORE PORT_SAVE_FPU PORT_SAVE_WORDS PORT_SP_STORE
        ".global port_switch_load\n"
        "port_switch_load:\n\t" PORT_SP_LOAD PORT_LOAD_WORDS PORT_LOAD_FPU PORT_LOAD_CORE "1:\n\t"
        "ldr r3, =k_next_task\n\t"
        "str r0, [r3]\n\t"
        "ldr r0, =%c[icsr]\n\t"
        "ldr r1, =%c[pendsv]\n\t"
        "str r1, [r0]\n\t"
        "bx lr\n\t"
        ".ltorg\n\t"
        :
        : [icsr] "i"(0xE000ED04u), [pendsv] "i"(PORT_ICSR_PENDSVSET));
}

/* cpu_context_switch(): the same to k_next_task (contract §37.2). */
__attribute__((naked)) void cpu_context_switch(void)
{
    __asm__ volatile("ldr r0, =k_next_task\n\t"
                     "ldr r0, [r0]\n\t"
                     "b cpu_context_switch_to\n\t"
                     ".ltorg\n\t");
}

/* A new task's first instructions: the kernel's interrupts still masked. */
__attribute__((naked)) void port_task_start(void)
{
#if PORT_ARMV7M_LIKE
    __asm__ volatile("pop {r0-r3, r12, lr}\n\t" /* r0 = argument, lr = exit */
                     "pop {r2, r3}\n\t"         /* r2 = entry, r3 = xPSR */
                     "orr r2, r2, #1\n\t" PORT_KNL_UNMASK "bx r2\n\t");
#else
    __asm__ volatile("pop {r0-r3}\n\t" /* r0 = argument */
                     "pop {r4-r7}\n\t" /* r12, lr = exit, pc = entry, xPSR */
                     "mov lr, r5\n\t"
                     "movs r7, #1\n\t"
                     "orrs r6, r7\n\t" PORT_KNL_UNMASK "bx r6\n\t");
#endif
}

__PORT__ void port_context_switch(void)
{
    cpu_context_switch();
}

__PORT__ void port_irq_context_switch(void)
{
    PORT_SCB_ICSR = PORT_ICSR_PENDSVSET;
    __asm__ volatile("dsb 0xF" : : : "memory");
}

__KNL__ void cpu_irq_context_switch(void)
{
    port_irq_context_switch();
}

/* ---- preemption by an interrupt -------------------------------------------- */

/*
 * Thread mode, kernel masked, on the interrupted task's stack right above
 * its exception frame: switch if the kernel still wants to (a nested
 * interrupt may have changed its mind).
 */
__PORT__ void port_preempt(void)
{
    k_next_task = readyqueue_highest_ready_task_get();
    if (k_next_task != k_curr_task) {
        cpu_context_switch();
    }
}

__attribute__((naked)) void port_preempt_entry(void)
{
    __asm__ volatile("bl port_preempt\n\t" PORT_PRE_SVC "svc #0\n\t");
}

/*
 * PendSV: an extra exception frame below the interrupted task's, which
 * returns to port_preempt_entry with the kernel masked. With FPU state it
 * is an extended frame (FPCA stays set there), and reading FPSCR first
 * makes the lazy save of the task's s0..s15 and FPSCR happen now, into its
 * own frame, where the final return finds them.
 */
#if PORT_HAS_FPU
#define PORT_PENDSV_FPU                                                                   \
    "tst lr, #0x10\n\tbne 1f\n\tvmrs r1, fpscr\n\tsub r0, r0, #72\n\tstr r1, [r0, #64]\n" \
    "1:\n\t"
#else
#define PORT_PENDSV_FPU ""
#endif

#if PORT_ARMV7M_LIKE
#define PORT_PENDSV_BUILD                                                  \
    "sub r0, r0, #32\n\tldr r1, =port_preempt_entry\n\tbic r1, r1, #1\n\t" \
    "str r1, [r0, #24]\n\tmov r1, #0x01000000\n\tstr r1, [r0, #28]\n\t"
#else
#define PORT_PENDSV_BUILD                                                    \
    "subs r0, r0, #32\n\tldr r1, =port_preempt_entry\n\tsubs r1, r1, #1\n\t" \
    "str r1, [r0, #24]\n\tldr r1, =0x01000000\n\tstr r1, [r0, #28]\n\t"
#endif

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile("mrs r0, psp\n\t" PORT_PENDSV_FPU PORT_PENDSV_BUILD
                     "msr psp, r0\n\t" PORT_KNL_MASK "bx lr\n\t"
                     ".ltorg\n\t"
                     :
                     : [basepri] "i"(TOS_CFG_CPU_BASEPRI));
}

/*
 * SVC: port_preempt_entry's way back into the interrupted code. Drops the
 * SVC's own frame (and the word the hardware may have added to align it),
 * so that the exception return restores the frame the interrupt stacked.
 * Any other SVC number is reported as a fault. With FPU state, reading
 * FPSCR settles the lazy save the SVC entry set up (into the frame being
 * dropped), so that the return loads s0..s15 from the interrupted frame.
 */
#if PORT_ARMV7M_LIKE
#define PORT_SVC_CHECK "ldr r1, [r0, #24]\n\tldrb r1, [r1, #-2]\n\tcbnz r1, 2f\n\t"
#define PORT_SVC_DROP  "add r0, r0, #32\n\ttst r1, #0x200\n\tit ne\n\taddne r0, r0, #4\n\t"
#else
#define PORT_SVC_CHECK \
    "ldr r1, [r0, #24]\n\tsubs r1, r1, #2\n\tldrb r1, [r1]\n\tcmp r1, #0\n\tbne 2f\n\t"
#define PORT_SVC_DROP "adds r0, r0, #32\n\tlsls r1, r1, #22\n\tbpl 3f\n\tadds r0, r0, #4\n3:\n\t"
#endif
#if PORT_HAS_FPU
#define PORT_SVC_FPU "tst lr, #0x10\n\tbne 1f\n\tvmrs r2, fpscr\n\tadd r0, r0, #72\n1:\n\t"
#else
#define PORT_SVC_FPU ""
#endif

__attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile("mrs r0, psp\n\t" PORT_SVC_CHECK
                     "ldr r1, [r0, #28]\n\t" /* xPSR bit 9: the frame was aligned by a word */
                     PORT_SVC_FPU PORT_SVC_DROP "msr psp, r0\n\t" PORT_SVC_UNMASK "bx lr\n"
                     "2:\n\t"
                     "ldr r0, =port_fault_entry\n\t"
                     "bx r0\n\t"
                     ".ltorg\n\t");
}

/*
 * Starts k_curr_task: PendSV becomes the least urgent exception and SVC the
 * most urgent (it must be taken with the kernel masked); Thread mode moves
 * to the task's stack (CONTROL = SPSEL: no FPU state of main() survives),
 * MSP goes back to the top of the main stack (main() never resumes, its
 * frames are dead), and the task's context is loaded like any switch-in,
 * with the kernel masked until the task start unmasks it.
 */
__PORT__ __NO_RETURN__ void port_sched_start(void)
{
    PORT_SCB_SHPR3 |= 0xFFu << 16;    /* PendSV: least urgent */
    PORT_SCB_SHPR2 &= ~(0xFFu << 24); /* SVCall: most urgent */
    __asm__ volatile(PORT_KNL_MASK "ldr r0, =k_curr_task\n\t"
                                   "ldr r0, [r0]\n\t"
                                   "ldr r2, [r0]\n\t" PORT_NO_LIMIT "msr psp, r2\n\t"
                                   "movs r3, %[control]\n\t"
                                   "msr control, r3\n\t"
                                   "isb 0xF\n\t"
                                   "ldr r3, =_estack\n\t"
                                   "msr msp, r3\n\t"
                                   "b port_switch_load\n\t"
                                   ".ltorg\n\t"
                     :
                     : [basepri] "i"(TOS_CFG_CPU_BASEPRI), [control] "i"(PORT_INITIAL_CONTROL)
                     : "r0", "r1", "r2", "r3", "memory");
    __builtin_unreachable();
}

__KNL__ __NO_RETURN__ void cpu_sched_start(void)
{
    port_sched_start();
}
