/*
 * Task stacks: the initial context and the high-water mark.
 *
 * Why it is built this way: a task starts the way a task preempted by an
 * interrupt resumes: its switch frame says "resume at port_trap_resume",
 * which restores the trap frame above it and returns from the trap into
 * entry(arg) with interrupts enabled and ra = exit, so returning from entry
 * ends the task. The context sits at the top of the stack aligned down to 16
 * bytes (the psABI's stack alignment). Below it the stack is filled with
 * 0xCC when the kernel's stack-depth detection is on: the high-water mark
 * and the kernel's overflow guard read that fill.
 *
 * Machine mode has no stack-limit register. Besides the kernel's guard
 * check at every switch, the trap entry checks on every interrupt taken
 * from a task that the frame it just saved lies inside the task's stack
 * (port_trap.c): a task that overflowed is caught at the next interrupt (at
 * most a tick later), by name, instead of corrupting its neighbours
 * unnoticed.
 */
#include <string.h>

#include "port_riscv.h"

/* The resume address of a task switched out by an interrupt (port_trap.c). */
extern void port_trap_resume(void);

/* The aligned top of a stack: the first byte above it. */
static uintptr_t port_stack_top(const k_stack_t *stk_base, size_t stk_size)
{
    return ((uintptr_t)stk_base + stk_size) & ~(uintptr_t)15u;
}

__KNL__ k_stack_t *cpu_task_stk_init(void *entry, void *arg, void *exit, k_stack_t *stk_base,
                                     size_t stk_size)
{
    port_frame_t *frame =
        (port_frame_t *)(port_stack_top(stk_base, stk_size) - (uintptr_t)PORT_FRAME_SIZE);

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    memset(stk_base, 0xCC, (size_t)((k_stack_t *)frame - stk_base));
#endif
    memset(frame, 0, sizeof(*frame));
    frame->sw.resume = (cpu_data_t)(uintptr_t)port_trap_resume;
    frame->trap.mepc = (cpu_data_t)(uintptr_t)entry;
    frame->trap.ra = (cpu_data_t)(uintptr_t)exit;
    frame->trap.a0 = (cpu_data_t)(uintptr_t)arg;
    return (k_stack_t *)frame;
}

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
/*
 * Measured from the end of the buffer: the bytes above the aligned top can
 * never be used, so they count as used, and a stack whose lowest byte is
 * overwritten is used entirely (depth == stk_size), whatever its alignment.
 */
__KNL__ k_err_t cpu_task_stack_draught_depth(k_stack_t *stk_base, size_t stk_size, int *depth)
{
    const k_stack_t *top = stk_base + stk_size;
    const k_stack_t *p = stk_base;

    while (p < top && *p == (k_stack_t)0xCCu) {
        ++p;
    }
    *depth = (int)(top - p);
    return (p == stk_base) ? K_ERR_TASK_STK_OVERFLOW : K_ERR_NONE;
}
#endif
