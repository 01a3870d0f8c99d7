/*
 * Tasks on a Cortex-M: initial context, first start, context switch.
 *
 * Why it is built this way:
 *  - Tasks run in Thread mode on the process stack (PSP); exceptions run on
 *    the main stack (MSP), so an interrupt costs a task only the frame the
 *    hardware stacks, and task stacks need no room for nested ISRs.
 *  - Two kinds of switch, one saved context. A switch a task asks for
 *    (yield, block, wake a more urgent task) happens in Thread mode, in
 *    cpu_context_switch_to(): it pushes the callee-saved registers and the
 *    return address on the outgoing task's stack, stores the stack pointer
 *    in its TCB, loads the incoming task's and pops the same. That is a
 *    function call for both tasks (the caller-saved registers are the
 *    compiler's business): a dozen instructions, no exception. The kernel
 *    calls it as the last step of a critical section, so the incoming task
 *    continues inside its own critical section and ends it.
 *  - A switch an interrupt asks for (the kernel call in the ISR) pends
 *    PendSV, the least urgent exception, which switches in Handler mode:
 *    it saves the interrupted task's r4..r11 (and FPU part, CONTROL,
 *    PSPLIM) in the same layout, with port_exc_resume as its resume address,
 *    right above the frame the interrupt stacked. The resume address says
 *    which kind a saved task is:
 *      PendSV -> task saved by PendSV: plain exception return (FPCA through
 *        EXC_RETURN bit 4);
 *      PendSV -> task saved in Thread mode: a basic frame that returns to
 *        its resume address, kernel still masked (with an FPU through
 *        port_fpu_resume, since only Thread mode can give it FPCA back);
 *      Thread -> task saved by PendSV: the pop "returns" to port_exc_resume,
 *        which unmasks; its SVC (as little urgent as PendSV) drops its own
 *        frame and returns from the exception into the interrupted code
 *        with every register as the interrupt found it (a Thread-mode
 *        return could not restore the IT/ICI bits of xPSR).
 *    A new task's initial context is one PendSV could have saved: the
 *    first switch-in of either kind enters it by an exception return.
 *    PendSV chooses the most urgent ready task itself: a request made in
 *    the application's own critical section may be stale by the time it
 *    unmasks.
 *  - Lazy FPU stacking: a task that never used the FPU (CONTROL.FPCA clear)
 *    pays nothing; a switch saves s16..s31 and FPSCR only when FPCA is set,
 *    and CONTROL travels with the task. PendSV's first FPU instruction
 *    makes the lazy save of the interrupted task's s0..s15 and FPSCR
 *    happen, into its own exception frame, where its exception return finds
 *    them.
 *  - ARMv8-M mainline: PSPLIM holds the running task's stack limit, so a
 *    push below its stack faults at once (UsageFault STKOF) instead of
 *    corrupting memory. The limit travels in the task's saved context; it is
 *    cleared while the stack pointer moves between the two stacks.
 */
#include <stddef.h>

#include "tos_k.h"
#include "port_cm.h"

extern uint32_t _estack[];

void SVC_Handler(void);

__KNL__ k_stack_t *cpu_task_stk_init(void *entry, void *arg, void *exit, k_stack_t *stk_base,
                                     size_t stk_size)
{
    return port_task_stk_init_inline(entry, arg, exit, stk_base, stk_size);
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
 * The current task and the ready queue in the core block. Without them
 * there (event-driven mode: no switch ever runs; the ready queue apart on
 * Thumb-1, PORT_CORE_RDYQ_APART) the code reads the contract's names.
 */
#if KNL_CORE_TASKS
#define PORT_CURR      "k_knl_core"
#define PORT_CORE_CURR offsetof(knl_core_t, curr_task)
#else
#define PORT_CURR      "k_curr_task"
#define PORT_CORE_CURR 0u
#endif
/* PendSV's choice: r0 = the first ready list entry, r3 + %[curr] = where the current task is. */
#if KNL_CORE_RDYQ
#define PORT_CORE_HEADS   offsetof(knl_core_t, rdyq.task_list_head)
#define PORT_CORE_HIGHEST offsetof(knl_core_t, rdyq.highest_prio)
#define PORT_PENDSV_PICK                                                                       \
    "ldr r3, =k_knl_core\n\tldrb r0, [r3, #%c[highest]]\n\tadd r0, r3, r0, lsl #3\n\tldr r0, " \
    "[r0, #%c[heads]]\n\t"
#else
#define PORT_CORE_HEADS   0u
#define PORT_CORE_HIGHEST offsetof(readyqueue_t, highest_prio)
#define PORT_PENDSV_PICK                                                                     \
    "ldr r3, =k_rdyq\n\tldrb r0, [r3, #%c[highest]]\n\tldr r0, [r3, r0, lsl #3]\n\tldr r3, " \
    "=" PORT_CURR "\n\t"
#endif

/*
 * The functions every kernel links (the switch, PendSV, SVC, the first
 * start) share one section, so that their assembly shares one literal
 * pool, emitted by the last of them (cpu_sched_start): each constant
 * (k_knl_core, ...) is stored once: the current task and the ready queue
 * are reached from the kernel's core block (tos_sys.h), one base address.
 */
#define PORT_SWITCH_TEXT __attribute__((section(".text.port_switch")))

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

/* The kernel's interrupts unmasked before the SVC (port_exc_resume). */
#if PORT_USES_BASEPRI
#define PORT_PRE_SVC "movs r1, #0\n\tmsr basepri, r1\n\t"
#else
#define PORT_PRE_SVC "cpsie i\n\t"
#endif

#if PORT_ARMV7M_LIKE
#define PORT_IF_HANDLER_GOTO_1 "cbnz r1, 1f\n\t"
#define PORT_PEND_SV           "mov r0, #0xE000E000\n\tmov r1, %[pendsv]\n\tstr r1, [r0, #0xD04]\n\t"
#else
#define PORT_IF_HANDLER_GOTO_1 "cmp r1, #0\n\tbne 1f\n\t"
#define PORT_PEND_SV           "ldr r0, =%c[icsr]\n\tldr r1, =%c[pendsv]\n\tstr r1, [r0]\n\t"
#endif

/*
 * cpu_context_switch_to(next): from k_curr_task to `next` (which becomes
 * k_curr_task), at once. k_next_task names the task of a pending switch
 * (contract §38.1); after one at once none is pending, so it is left
 * alone. Called in Thread mode with the kernel's interrupts masked;
 * returns when the caller is switched back in. Called in Handler mode (an
 * ISR that did not bracket itself with tos_knl_irq_enter/leave), it only
 * pends PendSV, which switches once the handlers are done, to the most
 * urgent ready task then (PORT_SWITCH_PICKS_NEXT: `next` is not kept). port_switch_load is also the
 * first start's way into a task (r0 = task).
 */
PORT_SWITCH_TEXT __attribute__((naked)) void cpu_context_switch_to(k_task_t *next)
{
    (void)next;
    __asm__ volatile(
        "mrs r1, ipsr\n\t" PORT_IF_HANDLER_GOTO_1 "ldr r2, =" PORT_CURR "\n\t"
        "ldr r1, [r2, #%c[curr]]\n\t"
        "str r0, [r2, #%c[curr]]\n\t" PORT_SAVE_CORE PORT_SAVE_FPU PORT_SAVE_WORDS PORT_SP_STORE
        ".global port_switch_load\n"
        "port_switch_load:\n"
        ".Lport_switch_load:\n\t" PORT_SP_LOAD PORT_LOAD_WORDS PORT_LOAD_FPU PORT_LOAD_CORE "1:\n\t"
        ".global cpu_irq_context_switch\n\t"
        ".type cpu_irq_context_switch, %%function\n\t"
        ".thumb_func\n"
        "cpu_irq_context_switch:\n\t" PORT_PEND_SV "dsb 0xF\n\t"
        "bx lr\n\t"
        :
        : [icsr] "i"(0xE000ED04u), [pendsv] "i"(PORT_ICSR_PENDSVSET), [curr] "i"(PORT_CORE_CURR));
}

/*
 * cpu_context_switch() (contract §37.2): the same to the most urgent ready
 * task, which is what PendSV would take (PORT_SWITCH_PICKS_NEXT: the kernel
 * records no choice in k_next_task).
 */
__attribute__((naked)) void cpu_context_switch(void)
{
    __asm__ volatile(
        "ldr r0, =k_rdyq + %c[highest]\n\t"
        "ldrb r0, [r0]\n\t"
        "lsls r0, r0, #3\n\t"
        "ldr r1, =k_rdyq\n\t"
        "ldr r0, [r1, r0]\n\t"
        "subs r0, r0, #%c[pend]\n\t"
        "b cpu_context_switch_to\n\t"
        ".ltorg\n\t"
        :
        : [highest] "i"(offsetof(readyqueue_t, highest_prio)), [pend] "i"(
                                                                   offsetof(k_task_t, pend_list)));
}

__PORT__ void port_context_switch(void)
{
    cpu_context_switch();
}

__PORT__ void port_irq_context_switch(void)
{
    cpu_irq_context_switch();
}

/* ---- preemption by an interrupt -------------------------------------------- */

/*
 * The resume address of a task that PendSV switched out (its switch frame
 * sits right above the frame the interrupt stacked) and of a new task (the
 * initial frame is shaped like the hardware's). A Thread-mode switch that
 * loads it "returns" here, in Thread mode with the kernel masked, sp at
 * that frame. SVC then returns from the exception into the interrupted
 * code with every register as the interrupt found it (a Thread-mode return
 * could not restore the IT/ICI state of xPSR).
 *
 * The kernel is unmasked before the SVC, so SVCall can be the least urgent
 * exception instead of one above the kernel's mask, and never delays a
 * zero-latency interrupt. Such a task was running unmasked (PendSV is
 * taken at no other level) and a new one starts unmasked. An interrupt
 * taken between the unmask and the SVC finds a task whose registers are
 * all its own: if it preempts the task, PendSV saves it here, and it later
 * resumes at the SVC.
 */
PORT_SWITCH_TEXT __attribute__((naked)) void port_exc_resume(void)
{
    __asm__ volatile(PORT_PRE_SVC "svc #0\n\t");
}

#if PORT_HAS_FPU
/*
 * PendSV's way into a task switched out in Thread mode: r0 = its CONTROL
 * (FPCA, which only a Thread-mode write can give it), r1 = where it resumes.
 * PendSV takes the local label's address: a frame's pc has bit 0 clear.
 */
PORT_SWITCH_TEXT __attribute__((naked)) void port_fpu_resume(void)
{
    __asm__ volatile(".Lport_fpu_resume:\n\tmsr control, r0\n\tisb 0xF\n\tbx r1\n\t");
}
#endif

/*
 * PendSV: the switch an interrupt requested, with the kernel masked. It
 * picks the most urgent ready task again (the request may be stale: a task
 * that masked interrupts around kernel calls may have made it so), saves
 * the interrupted task like cpu_context_switch_to() would, with
 * port_exc_resume as the resume address, and loads the chosen one. A task
 * saved the same way returns from the exception at once; one that switched
 * itself out in Thread mode gets a frame that returns to its resume
 * address (with FPU: through port_fpu_resume), still masked, as a
 * Thread-mode switch would.
 *
 * Registers: r0 = incoming, r1 = outgoing task, r2 = the stack being
 * saved or loaded, r3/r12 the words (PSPLIM, CONTROL) and scratch.
 */
_Static_assert(sizeof(k_prio_t) == 1u && sizeof(k_list_t) == 8u &&
                   offsetof(readyqueue_t, task_list_head) == 0u && offsetof(k_list_t, next) == 0u &&
                   offsetof(k_task_t, pend_list) < 256u,
               "PendSV reads the ready queue as ldrb/ldr of these offsets");

#if PORT_HAS_FPU
#define PORT_PENDSV_IS_EXC "adr.w r0, port_exc_resume\n\tcmp r1, r0\n\t"
/* With FPU state (EXC_RETURN bit 4 clear): FPSCR and s16..s31, and CONTROL.FPCA. */
#define PORT_PENDSV_SAVE_FPU                                                                   \
    "mov r12, #2\n\ttst lr, #0x10\n\titttt eq\n\tvmrseq r3, fpscr\n\tstreq r3, [r2, #-4]!\n\t" \
    "vstmdbeq r2!, {s16-s31}\n\torreq r12, r12, #4\n\t"
#define PORT_PENDSV_LOAD_FPU \
    "tst r12, #4\n\titt ne\n\tvldmiane r2!, {s16-s31}\n\tldrne r3, [r2], #4\n\t"
/* An exception return restores FPCA from EXC_RETURN bit 4. */
#define PORT_PENDSV_EXC_FPU \
    "tst r12, #4\n\tite ne\n\tbicne lr, lr, #0x10\n\torreq lr, lr, #0x10\n\t"
#define PORT_PENDSV_THREAD                                                                 \
    "tst r12, #4\n\tit ne\n\tvmsrne fpscr, r3\n\torr lr, lr, #0x10\n\tsub r2, r2, #32\n\t" \
    "strd r12, r1, [r2]\n\tadr.w r1, .Lport_fpu_resume\n\tmov r3, #0x01000000\n\t"         \
    "strd r1, r3, [r2, #24]\n\t"
#else
#define PORT_PENDSV_IS_EXC   "cmp r1, r12\n\t" /* r12: port_exc_resume since the save */
#define PORT_PENDSV_SAVE_FPU ""
#define PORT_PENDSV_LOAD_FPU ""
#define PORT_PENDSV_EXC_FPU  ""
#define PORT_PENDSV_THREAD \
    "bic r1, r1, #1\n\tmov r3, #0x01000000\n\tstrd r1, r3, [r2, #-8]\n\tsub r2, r2, #32\n\t"
#endif

#if PORT_HAS_FPU && PORT_HAS_PSPLIM
#define PORT_PENDSV_SAVE_WORDS "mrs r3, psplim\n\tstmdb r2!, {r3, r12}\n\t"
#define PORT_PENDSV_LOAD_WORDS "ldmia r2!, {r3, r12}\n\tmsr psplim, r3\n\t"
#elif PORT_HAS_FPU
#define PORT_PENDSV_SAVE_WORDS "str r12, [r2, #-4]!\n\t"
#define PORT_PENDSV_LOAD_WORDS "ldr r12, [r2], #4\n\t"
#elif PORT_HAS_PSPLIM
#define PORT_PENDSV_SAVE_WORDS "mrs r3, psplim\n\tstr r3, [r2, #-4]!\n\t"
#define PORT_PENDSV_LOAD_WORDS "ldr r3, [r2], #4\n\tmsr psplim, r3\n\t"
#else
#define PORT_PENDSV_SAVE_WORDS ""
#define PORT_PENDSV_LOAD_WORDS ""
#endif

#if PORT_USES_BASEPRI
#define PORT_PENDSV_MASK   "movs r0, %[basepri]\n\t" PORT_BASEPRI_RAISE("r0") "\n\t"
#define PORT_PENDSV_UNMASK "movs r0, #0\n\tmsr basepri, r0\n\t"
#else
#define PORT_PENDSV_MASK   "cpsid i\n\t"
#define PORT_PENDSV_UNMASK "cpsie i\n\t"
#endif

#if PORT_ARMV7M_LIKE
PORT_SWITCH_TEXT __attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        PORT_PENDSV_MASK PORT_PENDSV_PICK
        "sub r0, r0, #%c[pend]\n\t"
        "ldr r1, [r3, #%c[curr]]\n\t"
        "cmp r0, r1\n\t"
        "beq 2f\n\t"
        "str r0, [r3, #%c[curr]]\n\t"
        "mrs r2, psp\n\t"
        "adr.w r12, port_exc_resume\n\t" /* a Thumb function: bit 0 set */
        "stmdb r2!, {r4-r11, r12}\n\t" PORT_PENDSV_SAVE_FPU PORT_PENDSV_SAVE_WORDS
        "str r2, [r1]\n\t"
        "ldr r2, [r0]\n\t" PORT_PENDSV_LOAD_WORDS PORT_PENDSV_LOAD_FPU "ldmia r2!, {r4-r11}\n\t"
        "ldr r1, [r2], #4\n\t" PORT_PENDSV_IS_EXC "bne 1f\n\t" PORT_PENDSV_EXC_FPU "msr psp, r2\n"
        "2:\n\t" PORT_PENDSV_UNMASK "bx lr\n"
        "1:\n\t" PORT_PENDSV_THREAD "msr psp, r2\n\t"
        "bx lr\n\t"

        :
        : [basepri] "i"(TOS_CFG_CPU_BASEPRI), [highest] "i"(PORT_CORE_HIGHEST),
          [heads] "i"(PORT_CORE_HEADS), [curr] "i"(PORT_CORE_CURR),
          [pend] "i"(offsetof(k_task_t, pend_list)));
}
#else
/* Thumb-1: the same, the switch frame laid out as PORT_SAVE_CORE does (r8..r11 first). */
PORT_SWITCH_TEXT __attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(PORT_PENDSV_MASK "ldr r0, =k_rdyq + %c[highest]\n\t"
                                      "ldrb r0, [r0]\n\t"
                                      "lsls r0, r0, #3\n\t"
                                      "ldr r3, =k_rdyq\n\t"
                                      "ldr r0, [r3, r0]\n\t"
                                      "subs r0, r0, #%c[pend]\n\t"
                                      "ldr r2, =" PORT_CURR "\n\t"
                                      "ldr r1, [r2, %[curr]]\n\t"
                                      "cmp r0, r1\n\t"
                                      "beq 2f\n\t"
                                      "str r0, [r2, %[curr]]\n\t"
                                      "mrs r2, psp\n\t"
                                      "subs r2, r2, #36\n\t"
                                      "str r2, [r1]\n\t"
                                      "adds r2, r2, #16\n\t"
                                      "stmia r2!, {r4-r7}\n\t"
                                      "ldr r3, =port_exc_resume\n\t"
                                      "str r3, [r2]\n\t"
                                      "subs r2, r2, #32\n\t"
                                      "mov r4, r8\n\t"
                                      "mov r5, r9\n\t"
                                      "mov r6, r10\n\t"
                                      "mov r7, r11\n\t"
                                      "stmia r2!, {r4-r7}\n\t"
                                      "ldr r2, [r0]\n\t"
                                      "ldmia r2!, {r4-r7}\n\t"
                                      "mov r8, r4\n\t"
                                      "mov r9, r5\n\t"
                                      "mov r10, r6\n\t"
                                      "mov r11, r7\n\t"
                                      "ldmia r2!, {r4-r7}\n\t"
                                      "ldmia r2!, {r1}\n\t"
                                      "cmp r1, r3\n\t"
                                      "bne 1f\n\t"
                                      "msr psp, r2\n"
                                      "2:\n\t" PORT_PENDSV_UNMASK "bx lr\n"
                                      "1:\n\t"
                                      "subs r1, r1, #1\n\t"
                                      "subs r2, r2, #32\n\t"
                                      "str r1, [r2, #24]\n\t"
                                      "ldr r1, =0x01000000\n\t"
                                      "str r1, [r2, #28]\n\t"
                                      "msr psp, r2\n\t"
                                      "bx lr\n\t"

                     :
                     : [highest] "i"(offsetof(readyqueue_t, highest_prio)),
                       [curr] "i"(PORT_CORE_CURR), [pend] "i"(offsetof(k_task_t, pend_list)));
}
#endif

/*
 * SVC: port_exc_resume's way back into the interrupted code. Drops the
 * SVC's own frame, so that the exception return restores the frame the
 * interrupt stacked. That frame starts at an 8-byte boundary (the hardware
 * aligns it; a new task's is aligned by construction), so the SVC's frame
 * right below it never has the alignment word. Any other SVC number is
 * reported as a fault. With FPU state, reading FPSCR settles the lazy save
 * the SVC entry set up (into the frame being dropped), so that the return
 * loads s0..s15 from the interrupted frame. SVCall is as urgent as PendSV:
 * an interrupt may preempt the handler (it does not touch PSP), and a
 * switch it requests tail-chains once the frame is dropped.
 */
#if PORT_ARMV7M_LIKE
#define PORT_SVC_CHECK "ldr r1, [r0, #24]\n\tldrb r1, [r1, #-2]\n\tcbnz r1, 2f\n\t"
#define PORT_SVC_FAULT "b port_fault_entry\n\t"
#else
#define PORT_SVC_CHECK \
    "ldr r1, [r0, #24]\n\tsubs r1, r1, #2\n\tldrb r1, [r1]\n\tcmp r1, #0\n\tbne 2f\n\t"
#define PORT_SVC_FAULT "ldr r0, =port_fault_entry\n\tbx r0\n\t" /* B reaches 2 KiB only */
#endif
#if PORT_HAS_FPU
#define PORT_SVC_FPU "tst lr, #0x10\n\tbne 1f\n\tvmrs r2, fpscr\n\tadd r0, r0, #72\n1:\n\t"
#else
#define PORT_SVC_FPU ""
#endif

PORT_SWITCH_TEXT __attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile("mrs r0, psp\n\t" PORT_SVC_CHECK PORT_SVC_FPU "adds r0, r0, #32\n\t"
                     "msr psp, r0\n\t"
                     "bx lr\n"
                     "2:\n\t" PORT_SVC_FAULT);
}

/*
 * Starts k_curr_task, called with the kernel masked (tos_knl_start; SVCall
 * and PendSV are already the least urgent exceptions, cpu_init() made them
 * so): Thread mode moves to the task's stack (CONTROL = SPSEL: no FPU state
 * of main() survives), MSP goes back to the top of the main stack (main()
 * never resumes, its frames are dead), and the task's context is loaded
 * like any switch-in: its initial frame continues at port_exc_resume,
 * which unmasks and enters the task
 * through the SVC's exception return.
 */
__KNL__ __NO_RETURN__ PORT_SWITCH_TEXT __attribute__((naked)) void cpu_sched_start(void)
{
    __asm__ volatile("ldr r0, =" PORT_CURR "\n\t"
                     "ldr r0, [r0, #%c[curr]]\n\t"
                     "ldr r2, [r0]\n\t" PORT_NO_LIMIT "msr psp, r2\n\t"
                     "movs r3, %[control]\n\t"
                     "msr control, r3\n\t"
                     "isb 0xF\n\t"
                     "ldr r3, =_estack\n\t"
                     "msr msp, r3\n\t"
                     "b .Lport_switch_load\n\t" /* local: a 16-bit branch */
                     ".ltorg\n\t"               /* the pool of every function of PORT_SWITCH_TEXT */
                     :
                     : [control] "i"(PORT_INITIAL_CONTROL), [curr] "i"(PORT_CORE_CURR));
}

__PORT__ __NO_RETURN__ __attribute__((alias("cpu_sched_start"))) void port_sched_start(void);
