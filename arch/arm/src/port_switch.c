/*
 * Tasks on a Cortex-M: initial stack frame, first start, context switch.
 *
 * Why it is built this way:
 *  - Tasks run in Thread mode on the process stack (PSP); exceptions run on
 *    the main stack (MSP), so an interrupt costs a task only the frame the
 *    hardware stacks, and task stacks need no room for nested ISRs.
 *  - Every switch happens in PendSV, the least urgent exception: a switch
 *    requested by a task (interrupts masked) or by an ISR only pends it, and
 *    it runs once nothing more urgent is active. That is exactly the
 *    kernel's rule "the switch takes effect when interrupts are enabled
 *    again / when the outermost ISR returns".
 *  - Lazy FPU stacking: the hardware reserves room for s0..s15 on exception
 *    entry only when the task has used the FPU (CONTROL.FPCA), and writes
 *    them only if the handler touches the FPU. PendSV saves s16..s31 only
 *    when EXC_RETURN bit 4 says the task has FPU state, so a task that never
 *    used the FPU pays nothing. EXC_RETURN is saved per task for that.
 *  - ARMv8-M mainline: PSPLIM holds the running task's stack limit, so a
 *    push below its stack faults at once (UsageFault STKOF) instead of
 *    corrupting memory. The limit travels in the task's saved context, one
 *    word below r4, so PendSV needs no knowledge of k_task_t beyond `sp`.
 *  - PendSV swaps k_curr_task with interrupts masked: an ISR that preempts
 *    it between reading k_next_task and writing k_curr_task would otherwise
 *    see a half-done switch.
 */
#include <string.h>

#include "tos_k.h"
#include "port_cm.h"

/* The kernel's guard bytes (tos_sched.c) stay below the PSPLIM limit. */
#define PORT_STK_GUARD_SIZE 4u

extern uint32_t _estack[];

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
    frame->EXC_RETURN = PORT_EXC_RETURN_THREAD_PSP;
#endif
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

__PORT__ void port_context_switch(void)
{
    PORT_SCB_ICSR = PORT_ICSR_PENDSVSET;
    __asm__ volatile("dsb 0xF" : : : "memory");
}

__PORT__ void port_irq_context_switch(void)
{
    PORT_SCB_ICSR = PORT_ICSR_PENDSVSET;
    __asm__ volatile("dsb 0xF" : : : "memory");
}

__KNL__ void cpu_context_switch(void)
{
    port_context_switch();
}

__KNL__ void cpu_irq_context_switch(void)
{
    port_irq_context_switch();
}

/*
 * Starts k_curr_task: PendSV becomes the least urgent exception, PSP = 0
 * tells PendSV there is no outgoing context, MSP goes back to the top of the
 * main stack (main() never resumes, its frames are dead) and FPU state of
 * main() is dropped (CONTROL = 0) so that no lazy FPU save can ever target
 * the reclaimed stack. Then PendSV is pended and interrupts are enabled.
 */
#if PORT_HAS_PSPLIM
#define PORT_START_NO_LIMIT "msr psplim, r0\n\t"
#else
#define PORT_START_NO_LIMIT ""
#endif
#if PORT_USES_BASEPRI
#define PORT_START_UNMASK "msr basepri, r0\n\tcpsie i\n\t"
#else
#define PORT_START_UNMASK "cpsie i\n\t"
#endif

__PORT__ __NO_RETURN__ void port_sched_start(void)
{
    PORT_SCB_SHPR3 |= 0xFFu << 16; /* PendSV: least urgent */
    PORT_SCB_ICSR = PORT_ICSR_PENDSVSET;
    __asm__ volatile("movs r0, #0\n\t" PORT_START_NO_LIMIT "msr psp, r0\n\t"
                     "msr control, r0\n\t"
                     "isb 0xF\n\t"
                     "msr msp, %0\n\t" PORT_START_UNMASK "dsb 0xF\n\t"
                     "isb 0xF\n\t"
                     "1: b 1b\n\t"
                     :
                     : "r"(_estack)
                     : "r0", "memory");
    __builtin_unreachable();
}

__KNL__ __NO_RETURN__ void cpu_sched_start(void)
{
    port_sched_start();
}

/* ---- PendSV -------------------------------------------------------------- */

/*
 * Naked: the body is the whole handler. Only immediate operands ("i") are
 * passed in, which needs no register allocation and is safe in a naked
 * function. The variant's pieces are put together from the macros below.
 */
#if PORT_USES_BASEPRI
#define PORT_PENDSV_MASK   "movs r3, %0\n\tmsr basepri, r3\n\t"
#define PORT_PENDSV_UNMASK "movs r3, #0\n\tmsr basepri, r3\n\t"
#else
#define PORT_PENDSV_MASK   "cpsid i\n\t"
#define PORT_PENDSV_UNMASK "cpsie i\n\t"
#endif

/* Callee-saved registers; with an FPU, s16..s31 too when the task has FPU state. */
#if PORT_HAS_FPU
#define PORT_PENDSV_SAVE \
    "tst lr, #0x10\n\tit eq\n\tvstmdbeq r0!, {s16-s31}\n\tstmdb r0!, {r4-r11, lr}\n\t"
#define PORT_PENDSV_LOAD \
    "ldmia r0!, {r4-r11, lr}\n\ttst lr, #0x10\n\tit eq\n\tvldmiaeq r0!, {s16-s31}\n\t"
#else
#define PORT_PENDSV_SAVE "stmdb r0!, {r4-r11}\n\t"
/* EXC_RETURN 0xFFFFFFFD: Thread mode, PSP */
#define PORT_PENDSV_LOAD "ldmia r0!, {r4-r11}\n\tmvn lr, #2\n\t"
#endif

/* ARMv8-M mainline: the task's stack limit, one word below r4. */
#if PORT_HAS_PSPLIM
#define PORT_PENDSV_SAVE_LIMIT "mrs r2, psplim\n\tstr r2, [r0, #-4]!\n\t"
#define PORT_PENDSV_LOAD_LIMIT "ldr r2, [r0], #4\n\tmsr psplim, r2\n\t"
#else
#define PORT_PENDSV_SAVE_LIMIT ""
#define PORT_PENDSV_LOAD_LIMIT ""
#endif

#if PORT_ARMV7M_LIKE

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile("mrs r0, psp\n\t"
                     "cbz r0, 1f\n\t" /* first start: nothing to save */
                     PORT_PENDSV_SAVE PORT_PENDSV_SAVE_LIMIT "ldr r1, =k_curr_task\n\t"
                     "ldr r1, [r1]\n\t"
                     "str r0, [r1]\n"
                     "1:\n\t" PORT_PENDSV_MASK "ldr r1, =k_curr_task\n\t"
                     "ldr r2, =k_next_task\n\t"
                     "ldr r2, [r2]\n\t"
                     "str r2, [r1]\n\t" PORT_PENDSV_UNMASK
                     "ldr r0, [r2]\n\t" PORT_PENDSV_LOAD_LIMIT PORT_PENDSV_LOAD "msr psp, r0\n\t"
                     "isb 0xF\n\t"
                     "bx lr\n\t"
                     ".ltorg\n\t"
                     :
                     : "i"(TOS_CFG_CPU_BASEPRI));
}

#else /* ARMv6-M: Thumb-1, stm/ldm only ascending and only r0..r7 */

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile("mrs r0, psp\n\t"
                     "cmp r0, #0\n\t"
                     "beq 1f\n\t" /* first start: nothing to save */
                     "subs r0, r0, #32\n\t"
                     "mov r1, r0\n\t"
                     "stmia r1!, {r4-r7}\n\t"
                     "mov r4, r8\n\t"
                     "mov r5, r9\n\t"
                     "mov r6, r10\n\t"
                     "mov r7, r11\n\t"
                     "stmia r1!, {r4-r7}\n\t"
                     "ldr r1, =k_curr_task\n\t"
                     "ldr r1, [r1]\n\t"
                     "str r0, [r1]\n"
                     "1:\n\t" PORT_PENDSV_MASK "ldr r1, =k_curr_task\n\t"
                     "ldr r2, =k_next_task\n\t"
                     "ldr r2, [r2]\n\t"
                     "str r2, [r1]\n\t" PORT_PENDSV_UNMASK "ldr r0, [r2]\n\t"
                     "adds r0, r0, #16\n\t"
                     "ldmia r0!, {r4-r7}\n\t"
                     "mov r8, r4\n\t"
                     "mov r9, r5\n\t"
                     "mov r10, r6\n\t"
                     "mov r11, r7\n\t"
                     "msr psp, r0\n\t"
                     "subs r0, r0, #32\n\t"
                     "ldmia r0!, {r4-r7}\n\t"
                     "ldr r0, =0xFFFFFFFD\n\t" /* EXC_RETURN: Thread mode, PSP */
                     "bx r0\n\t"
                     ".ltorg\n\t"
                     :
                     : "i"(TOS_CFG_CPU_BASEPRI));
}

#endif
