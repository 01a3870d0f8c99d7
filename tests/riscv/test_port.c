/*
 * The RISC-V port itself (arch/riscv): count-leading-zeros, critical
 * sections on mstatus.MIE, the switch request through msip, the saved
 * context (every register survives preemption by ticks, interrupt lines and
 * other tasks), the task frame, the minimum stack, the tick period, the
 * busy-loop calibration and the idle task sleeping through ticks.
 *
 * Time is QEMU's -icount virtual time: instructions take a fixed time, so
 * tick counts are exact and mtime distances are asserted within the few
 * hundred instructions an interrupt entry costs.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tos_k.h"
#include "tern_board.h"
#include "tt.h"
#include "tt_port.h"

#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_HI2 ((k_prio_t)(TT_RUNNER_PRIO - 2u))
#define PRIO_LO1 ((k_prio_t)(TT_RUNNER_PRIO + 1u))

#define STK_SIZE  1024u
#define MOAT_SIZE 256u
#define IRQ_LINE  9u

/* The program's code (link.ld). */
extern char _stext[];
extern char _etext[];

/* Runs of the register checker: each must be preempted this many times. */
#define DISTURB_ROUNDS 6

static k_task_t tasks[2];
static k_stack_t stacks[2][STK_SIZE] __ALIGNED__(16);

/* A stack with guarded memory below it, to see whether anything is written there. */
static struct {
    k_stack_t moat[MOAT_SIZE];
    k_stack_t stk[K_TASK_STK_SIZE_MIN];
} small __ALIGNED__(16);

static uint32_t csr_mstatus(void)
{
    uint32_t v;

    __asm__ volatile("csrr %0, mstatus" : "=r"(v));
    return v;
}

static uint32_t csr_mip(void)
{
    uint32_t v;

    __asm__ volatile("csrr %0, mip" : "=r"(v));
    return v;
}

static k_tick_t now(void)
{
    return tos_systick_get();
}

/* ---- count leading zeros ---------------------------------------------------- */

static uint32_t clz_reference(uint32_t v)
{
    uint32_t n = 0u;

    while (n < 32u && (v & (0x80000000u >> n)) == 0u) {
        ++n;
    }
    return n;
}

static void test_clz_matches_reference(void)
{
    uint32_t seed = 12345u;
    uint32_t i;

    TT_ASSERT_EQ(tos_cpu_clz(0u), 32);
    for (i = 0u; i < 32u; ++i) {
        TT_ASSERT_EQ(tos_cpu_clz(1u << i), 31u - i);
        TT_ASSERT_EQ(tos_cpu_clz(0xFFFFFFFFu >> i), i);
        TT_ASSERT_EQ(tos_cpu_clz((1u << i) | 1u), clz_reference((1u << i) | 1u));
    }
    for (i = 0u; i < 2000u; ++i) {
        seed = seed * 1664525u + 1013904223u;
        TT_ASSERT_EQ(tos_cpu_clz(seed >> (seed & 31u)), clz_reference(seed >> (seed & 31u)));
    }
}

/* ---- critical sections ------------------------------------------------------ */

static void test_cpsr_save_restore_nest_on_mie(void)
{
    uint32_t before = csr_mstatus() & PORT_MSTATUS_MIE;
    cpu_cpsr_t outer;
    cpu_cpsr_t inner;
    uint32_t in_outer;
    uint32_t in_inner;
    uint32_t after_inner;

    outer = tos_cpu_cpsr_save();
    in_outer = csr_mstatus() & PORT_MSTATUS_MIE;
    inner = tos_cpu_cpsr_save();
    in_inner = csr_mstatus() & PORT_MSTATUS_MIE;
    tos_cpu_cpsr_restore(inner);
    after_inner = csr_mstatus() & PORT_MSTATUS_MIE;
    tos_cpu_cpsr_restore(outer);

    TT_ASSERT_EQ(before, PORT_MSTATUS_MIE);
    TT_ASSERT_EQ(outer, PORT_MSTATUS_MIE);
    TT_ASSERT_EQ(in_outer, 0u);
    TT_ASSERT_EQ(inner, 0u);
    TT_ASSERT_EQ(in_inner, 0u);
    /* Restoring the inner state keeps the outer section masked. */
    TT_ASSERT_EQ(after_inner, 0u);
    TT_ASSERT_EQ(csr_mstatus() & PORT_MSTATUS_MIE, PORT_MSTATUS_MIE);
}

static void test_int_disable_enable_are_unconditional(void)
{
    uint32_t off;
    uint32_t off_twice;

    tos_cpu_int_disable();
    off = csr_mstatus() & PORT_MSTATUS_MIE;
    tos_cpu_int_disable();
    off_twice = csr_mstatus() & PORT_MSTATUS_MIE;
    tos_cpu_int_enable();
    TT_ASSERT_EQ(off, 0u);
    TT_ASSERT_EQ(off_twice, 0u);
    TT_ASSERT_EQ(csr_mstatus() & PORT_MSTATUS_MIE, PORT_MSTATUS_MIE);
}

/* Ticks that fall inside a critical section wait, pending, and are all delivered after it. */
static void test_masked_ticks_are_late_not_lost(void)
{
    k_tick_t t0;
    k_tick_t inside;
    uint32_t mip_inside;
    TOS_CPU_CPSR_ALLOC();

    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = now();
    TOS_CPU_INT_DISABLE();
    tern_board_burn((uint32_t)(3u * k_cpu_cycle_per_tick + k_cpu_cycle_per_tick / 2u));
    inside = now();
    mip_inside = csr_mip();
    TOS_CPU_INT_ENABLE();

    TT_ASSERT_EQ(inside, t0);
    TT_ASSERT(mip_inside & PORT_MIP_MTIP);
    TT_ASSERT_EQ(now(), t0 + 3u);
}

/* ---- the switch request ------------------------------------------------------- */

static volatile int hi_ran;

static void entry_hi_suspended(void *arg)
{
    (void)arg;
    (void)tos_task_suspend(K_NULL);
    hi_ran = 1;
}

/* Like PendSV: requested inside the critical section, taken when it ends. */
static void test_switch_is_pending_msip_until_unmasked(void)
{
    uint32_t mip_inside;
    int ran_inside;
    TOS_CPU_CPSR_ALLOC();

    hi_ran = 0;
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "hi", entry_hi_suspended, K_NULL, PRIO_HI1, stacks[0],
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_EQ(csr_mip() & PORT_MIP_MSIP, 0u);
    TOS_CPU_INT_DISABLE();
    (void)tos_task_resume(&tasks[0]);
    mip_inside = csr_mip();
    ran_inside = hi_ran;
    TOS_CPU_INT_ENABLE();

    TT_ASSERT(mip_inside & PORT_MIP_MSIP);
    TT_ASSERT_EQ(ran_inside, 0);
    TT_ASSERT_EQ(hi_ran, 1);
    TT_ASSERT_EQ(csr_mip() & PORT_MIP_MSIP, 0u);
}

/* ---- every register survives -------------------------------------------------- */

/*
 * uint32_t reg_check(uint32_t seed, volatile uint32_t *flag): loads every
 * general register except sp, gp, tp, a0 and a1 with seed + its number,
 * spins until *flag is non-zero, and returns the OR of the differences
 * between each register and its value (0: all intact).
 */
uint32_t reg_check(uint32_t seed, volatile uint32_t *flag);

/* clang-format off */
__asm__(
    "    .pushsection .text.reg_check, \"ax\", @progbits\n"
    "    .globl reg_check\n"
    "    .type reg_check, @function\n"
    "reg_check:\n"
    "    addi sp, sp, -64\n"
    "    sw ra, 60(sp)\n"
    "    sw s0, 56(sp)\n"
    "    sw s1, 52(sp)\n"
    "    sw s2, 48(sp)\n"
    "    sw s3, 44(sp)\n"
    "    sw s4, 40(sp)\n"
    "    sw s5, 36(sp)\n"
    "    sw s6, 32(sp)\n"
    "    sw s7, 28(sp)\n"
    "    sw s8, 24(sp)\n"
    "    sw s9, 20(sp)\n"
    "    sw s10, 16(sp)\n"
    "    sw s11, 12(sp)\n"
    "    sw a0, 8(sp)\n"
    "    addi ra, a0, 1\n"
    "    addi t0, a0, 5\n"
    "    addi t1, a0, 6\n"
    "    addi t2, a0, 7\n"
    "    addi s0, a0, 8\n"
    "    addi s1, a0, 9\n"
    "    addi a2, a0, 12\n"
    "    addi a3, a0, 13\n"
    "    addi a4, a0, 14\n"
    "    addi a5, a0, 15\n"
    "    addi a6, a0, 16\n"
    "    addi a7, a0, 17\n"
    "    addi s2, a0, 18\n"
    "    addi s3, a0, 19\n"
    "    addi s4, a0, 20\n"
    "    addi s5, a0, 21\n"
    "    addi s6, a0, 22\n"
    "    addi s7, a0, 23\n"
    "    addi s8, a0, 24\n"
    "    addi s9, a0, 25\n"
    "    addi s10, a0, 26\n"
    "    addi s11, a0, 27\n"
    "    addi t3, a0, 28\n"
    "    addi t4, a0, 29\n"
    "    addi t5, a0, 30\n"
    "    addi t6, a0, 31\n"
    "1:  lw a0, 0(a1)\n"
    "    beqz a0, 1b\n"
    "    lw a0, 8(sp)\n"
    "    addi a1, a0, 5\n"
    "    xor t0, t0, a1\n"
#define REG_CHECK_ONE(reg, n) \
    "    addi a1, a0, " #n "\n    xor a1, a1, " #reg "\n    or t0, t0, a1\n"
    REG_CHECK_ONE(ra, 1) REG_CHECK_ONE(t1, 6) REG_CHECK_ONE(t2, 7)
    REG_CHECK_ONE(s0, 8) REG_CHECK_ONE(s1, 9) REG_CHECK_ONE(a2, 12)
    REG_CHECK_ONE(a3, 13) REG_CHECK_ONE(a4, 14) REG_CHECK_ONE(a5, 15)
    REG_CHECK_ONE(a6, 16) REG_CHECK_ONE(a7, 17) REG_CHECK_ONE(s2, 18)
    REG_CHECK_ONE(s3, 19) REG_CHECK_ONE(s4, 20) REG_CHECK_ONE(s5, 21)
    REG_CHECK_ONE(s6, 22) REG_CHECK_ONE(s7, 23) REG_CHECK_ONE(s8, 24)
    REG_CHECK_ONE(s9, 25) REG_CHECK_ONE(s10, 26) REG_CHECK_ONE(s11, 27)
    REG_CHECK_ONE(t3, 28) REG_CHECK_ONE(t4, 29) REG_CHECK_ONE(t5, 30)
    REG_CHECK_ONE(t6, 31)
    "    mv a0, t0\n"
    "    lw ra, 60(sp)\n"
    "    lw s0, 56(sp)\n"
    "    lw s1, 52(sp)\n"
    "    lw s2, 48(sp)\n"
    "    lw s3, 44(sp)\n"
    "    lw s4, 40(sp)\n"
    "    lw s5, 36(sp)\n"
    "    lw s6, 32(sp)\n"
    "    lw s7, 28(sp)\n"
    "    lw s8, 24(sp)\n"
    "    lw s9, 20(sp)\n"
    "    lw s10, 16(sp)\n"
    "    lw s11, 12(sp)\n"
    "    addi sp, sp, 64\n"
    "    ret\n"
    "    .size reg_check, . - reg_check\n"
    "    .popsection\n");
/*
 * uint32_t reg_fill_call(uint32_t seed, void (*fn)(void)): loads s0..s11
 * with seed + their number, calls fn, and returns the OR of the differences
 * afterwards (0: intact). While fn blocks, the caller's context (switched
 * out by a trap) holds these values in every callee-saved register.
 */
uint32_t reg_fill_call(uint32_t seed, void (*fn)(void));

/* clang-format off */
__asm__(
    "    .pushsection .text.reg_fill_call, \"ax\", @progbits\n"
    "    .globl reg_fill_call\n"
    "    .type reg_fill_call, @function\n"
    "reg_fill_call:\n"
    "    addi sp, sp, -64\n"
    "    sw ra, 60(sp)\n"
    "    sw s0, 56(sp)\n"
    "    sw s1, 52(sp)\n"
    "    sw s2, 48(sp)\n"
    "    sw s3, 44(sp)\n"
    "    sw s4, 40(sp)\n"
    "    sw s5, 36(sp)\n"
    "    sw s6, 32(sp)\n"
    "    sw s7, 28(sp)\n"
    "    sw s8, 24(sp)\n"
    "    sw s9, 20(sp)\n"
    "    sw s10, 16(sp)\n"
    "    sw s11, 12(sp)\n"
    "    sw a0, 8(sp)\n"
    "    addi s0, a0, 8\n"
    "    addi s1, a0, 9\n"
    "    addi s2, a0, 18\n"
    "    addi s3, a0, 19\n"
    "    addi s4, a0, 20\n"
    "    addi s5, a0, 21\n"
    "    addi s6, a0, 22\n"
    "    addi s7, a0, 23\n"
    "    addi s8, a0, 24\n"
    "    addi s9, a0, 25\n"
    "    addi s10, a0, 26\n"
    "    addi s11, a0, 27\n"
    "    jalr a1\n"
    "    lw a0, 8(sp)\n"
    "    li t0, 0\n"
    REG_CHECK_ONE(s0, 8) REG_CHECK_ONE(s1, 9) REG_CHECK_ONE(s2, 18)
    REG_CHECK_ONE(s3, 19) REG_CHECK_ONE(s4, 20) REG_CHECK_ONE(s5, 21)
    REG_CHECK_ONE(s6, 22) REG_CHECK_ONE(s7, 23) REG_CHECK_ONE(s8, 24)
    REG_CHECK_ONE(s9, 25) REG_CHECK_ONE(s10, 26) REG_CHECK_ONE(s11, 27)
    "    mv a0, t0\n"
    "    lw ra, 60(sp)\n"
    "    lw s0, 56(sp)\n"
    "    lw s1, 52(sp)\n"
    "    lw s2, 48(sp)\n"
    "    lw s3, 44(sp)\n"
    "    lw s4, 40(sp)\n"
    "    lw s5, 36(sp)\n"
    "    lw s6, 32(sp)\n"
    "    lw s7, 28(sp)\n"
    "    lw s8, 24(sp)\n"
    "    lw s9, 20(sp)\n"
    "    lw s10, 16(sp)\n"
    "    lw s11, 12(sp)\n"
    "    addi sp, sp, 64\n"
    "    ret\n"
    "    .size reg_fill_call, . - reg_fill_call\n"
    "    .popsection\n");
/* clang-format on */

/*
 * A software timer raises the line from the tick interrupt, i.e. in the
 * context of whatever task the tick interrupted: the checker, spinning.
 */
#define LINE_FROM_TICK (TOS_CFG_SEM_EN > 0u && TOS_CFG_TIMER_EN > 0u && TOS_CFG_TIMER_AS_PROC > 0u)

static volatile uint32_t checker_flag;
static volatile uint32_t checker_result;
static volatile int checker_done;
static volatile int disturb_rounds;
static volatile int isr_runs;

#if LINE_FROM_TICK
static k_sem_t disturb_sem;
static k_timer_t disturb_timer;

static void timer_raise_disturb(void *arg)
{
    (void)arg;
    tt_irq_raise(IRQ_LINE);
}
#endif

static void entry_checker(void *arg)
{
    checker_result = reg_check((uint32_t)(uintptr_t)arg, &checker_flag);
    checker_done = 1;
}

/* A line ISR: clobbers registers as C code does, and wakes the disturber. */
static void isr_disturb(void)
{
    tos_knl_irq_enter();
    ++isr_runs;
#if LINE_FROM_TICK
    (void)tos_sem_post(&disturb_sem);
#endif
    tos_knl_irq_leave();
}

static volatile uint32_t disturber_result;

/* One round of disturbing, with the disturber's own patterns in s0..s11. */
static void disturb_once(void)
{
    (void)tos_task_delay(2u);
    tt_busy((uint32_t)(k_cpu_cycle_per_tick + k_cpu_cycle_per_tick / 4u));
#if LINE_FROM_TICK
    (void)tos_sem_pend(&disturb_sem, TOS_TIME_FOREVER);
#endif
    ++disturb_rounds;
}

/*
 * More urgent than the checker: woken by ticks (a switch on the way out of
 * the tick interrupt), by the line ISR (a switch on the way out of the
 * software interrupt), computing through ticks, and blocking again (a
 * task-level switch back to the checker), each time with its own values in
 * every callee-saved register, which the C code of handlers never touches.
 */
static void entry_disturber(void *arg)
{
    int i;

    (void)arg;
    disturber_result = 0u;
    for (i = 0; i < DISTURB_ROUNDS; ++i) {
        disturber_result |= reg_fill_call(0xC3C30000u + (uint32_t)i * 0x100u, disturb_once);
    }
    checker_flag = 1u;
}

static void test_every_register_survives_preemption(void)
{
    checker_flag = 0u;
    checker_result = 0xDEADu;
    checker_done = 0;
    disturb_rounds = 0;
    isr_runs = 0;
    tt_irq_connect(IRQ_LINE, isr_disturb);
#if LINE_FROM_TICK
    TT_ASSERT_ERR(tos_sem_create(&disturb_sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_create(&disturb_timer, 3u, 3u, timer_raise_disturb, K_NULL,
                                   TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&disturb_timer), K_ERR_NONE);
#endif
    TT_ASSERT_ERR(tos_task_create(&tasks[1], "disturb", entry_disturber, K_NULL, PRIO_HI2,
                                  stacks[1], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "checker", entry_checker, (void *)0x5A5A0000u,
                                  PRIO_HI1, stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
#if LINE_FROM_TICK
    (void)tos_timer_destroy(&disturb_timer);
    (void)tos_sem_destroy(&disturb_sem);
#endif
    (void)port_irq_attach(IRQ_LINE, K_NULL);
    /* The runner gets the CPU back only when the checker has finished. */
    TT_ASSERT_EQ(checker_done, 1);
    TT_ASSERT_EQ(disturb_rounds, DISTURB_ROUNDS);
    TT_ASSERT_EQ(checker_result, 0u);
    TT_ASSERT_EQ(disturber_result, 0u);
#if LINE_FROM_TICK
    TT_ASSERT_GE(isr_runs, DISTURB_ROUNDS);
#endif
}

/* ---- the task frame ------------------------------------------------------------- */

static void entry_sleep(void *arg)
{
    (void)arg;
    (void)tos_task_delay(1000u);
}

/* The resume address of a task switched out by an interrupt (port_trap.c). */
extern void port_trap_resume(void);

/* A task that blocked switched itself out by a call: only its switch frame is saved. */
static void test_blocked_task_holds_a_switch_frame(void)
{
    const port_switch_frame_t *sw;
    uintptr_t top = (uintptr_t)&stacks[0][STK_SIZE];

    TT_ASSERT_ERR(tos_task_create(&tasks[0], "sleeper", entry_sleep, K_NULL, PRIO_HI1, stacks[0],
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    sw = (const port_switch_frame_t *)(void *)tasks[0].sp;
    /* Inside its stack, below the task's own few calls. */
    TT_ASSERT_GE((uintptr_t)sw, (uintptr_t)&stacks[0][0]);
    TT_ASSERT_LE((uintptr_t)sw + PORT_SWITCH_FRAME_SIZE, top);
    TT_ASSERT_LT(top - (uintptr_t)sw, 512u);
    /* It resumes in the kernel call it made, not through the trap return. */
    TT_ASSERT_NE(sw->resume, (uintptr_t)port_trap_resume);
    TT_ASSERT_GE(sw->resume, (uintptr_t)_stext);
    TT_ASSERT_LT(sw->resume, (uintptr_t)_etext);
    TT_ASSERT_EQ(sw->resume & 1u, 0u);
}

static volatile uint32_t spin_count;

static void entry_spin(void *arg)
{
    (void)arg;
    for (;;) {
        ++spin_count;
    }
}

/*
 * A task preempted by an interrupt (the tick waking a more urgent one): its
 * switch frame sits right on its trap frame and resumes through the trap
 * return, into the task's code.
 */
static void test_preempted_task_holds_both_frames(void)
{
    const port_frame_t *frame;
    uintptr_t top = (uintptr_t)&stacks[0][STK_SIZE];

    spin_count = 0u;
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "spinner", entry_spin, K_NULL, PRIO_LO1, stacks[0],
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(2u), K_ERR_NONE);
    TT_ASSERT_GT(spin_count, 0u);
    frame = (const port_frame_t *)(void *)tasks[0].sp;
    TT_ASSERT_GE((uintptr_t)frame, (uintptr_t)&stacks[0][0]);
    TT_ASSERT_LE((uintptr_t)frame + PORT_FRAME_SIZE, top);
    TT_ASSERT_EQ(frame->sw.resume, (uintptr_t)port_trap_resume);
    TT_ASSERT_GE(frame->trap.mepc, (uintptr_t)_stext);
    TT_ASSERT_LT(frame->trap.mepc, (uintptr_t)_etext);
    TT_ASSERT_EQ(frame->trap.mepc & 1u, 0u);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
}

static void test_initial_frame_enters_the_task(void)
{
    const port_frame_t *frame;

    TT_ASSERT_ERR(tos_task_create(&tasks[0], "fresh", entry_sleep, (void *)0x1234u, PRIO_LO1,
                                  stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    frame = (const port_frame_t *)(void *)tasks[0].sp;
    TT_ASSERT_EQ((uintptr_t)frame + PORT_FRAME_SIZE, (uintptr_t)&stacks[0][STK_SIZE]);
    TT_ASSERT_EQ(frame->sw.resume, (uintptr_t)port_trap_resume);
    TT_ASSERT_EQ(frame->trap.mepc, (uintptr_t)entry_sleep);
    TT_ASSERT_EQ(frame->trap.a0, 0x1234u);
    TT_ASSERT_NE(frame->trap.ra, 0u);
}

/* ---- the minimum stack -------------------------------------------------------- */

static volatile int small_ran;

static void isr_small(void)
{
    tos_knl_irq_enter();
    tos_knl_irq_leave();
}

static void entry_small(void *arg)
{
    (void)arg;
    (void)tos_task_delay(1u);
    tt_irq_raise(IRQ_LINE);
    tt_busy((uint32_t)(2u * k_cpu_cycle_per_tick));
    small_ran = 1;
}

static size_t lowest_touched(const k_stack_t *stk, size_t size)
{
    size_t i = 0u;

    while (i < size && stk[i] == (k_stack_t)0xCCu) {
        ++i;
    }
    return i;
}

/*
 * K_TASK_STK_SIZE_MIN is a stack a trivial task can live and end on: it is
 * switched out, interrupted by the tick and a line, and ends through the
 * kernel's exit path, and nothing below its stack is touched.
 */
static void test_minimum_stack_is_enough(void)
{
    size_t i;
    size_t spare;

    memset(small.moat, 0x5A, sizeof(small.moat));
    small_ran = 0;
    tt_irq_connect(IRQ_LINE, isr_small);
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "small", entry_small, K_NULL, PRIO_HI1, small.stk,
                                  sizeof(small.stk), 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(5u), K_ERR_NONE);
    (void)port_irq_attach(IRQ_LINE, K_NULL);
    TT_ASSERT_EQ(small_ran, 1);
    for (i = 0u; i < sizeof(small.moat); ++i) {
        TT_ASSERT_EQ(small.moat[i], 0x5A);
    }
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    /* The fill below the initial frame shows how deep it went: not to the guard. */
    spare = lowest_touched(small.stk, sizeof(small.stk));
    printf("    minimum stack %u bytes, %u never touched\n", (unsigned)sizeof(small.stk),
           (unsigned)spare);
    TT_ASSERT_GE(spare, 16u);
#else
    (void)lowest_touched;
    (void)spare;
#endif
}

/* ---- time -------------------------------------------------------------------- */

static void test_cycle_per_tick_follows_mtime_clock(void)
{
    TT_ASSERT_EQ(k_cpu_cycle_per_tick, TOS_CFG_CPU_CLOCK / TOS_CFG_CPU_TICK_PER_SECOND);
}

static void test_ticks_are_cycle_per_tick_mtime_apart(void)
{
    uint64_t m0;
    uint64_t m1;
    uint64_t want = 10u * (uint64_t)k_cpu_cycle_per_tick;

    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    m0 = port_mtime_get();
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    m1 = port_mtime_get();
    /* Both samples are taken the same few instructions after a tick. */
    TT_ASSERT_GE(m1 - m0 + k_cpu_cycle_per_tick / 50u, want);
    TT_ASSERT_LE(m1 - m0, want + k_cpu_cycle_per_tick / 50u);
}

static void test_burn_is_calibrated_to_cpu_clock(void)
{
    uint64_t m0;
    uint64_t m1;
    uint64_t want = 5u * (uint64_t)k_cpu_cycle_per_tick;
    TOS_CPU_CPSR_ALLOC();

    /* Masked: only the loop runs (the ticks it covers are delivered late). */
    TOS_CPU_INT_DISABLE();
    m0 = port_mtime_get();
    tern_board_burn((uint32_t)want);
    m1 = port_mtime_get();
    TOS_CPU_INT_ENABLE();
    TT_ASSERT_GE(m1 - m0, want);
    TT_ASSERT_LE(m1 - m0, want + want / 100u);
}

static void test_idle_sleeps_through_ticks(void)
{
    k_tick_t t0;
    uint32_t irqs0;
    uint32_t irqs;

    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = now();
    irqs0 = port_systick_interrupts();
    TT_ASSERT_ERR(tos_task_delay(50000u), K_ERR_NONE);
    irqs = port_systick_interrupts() - irqs0;
    TT_ASSERT_EQ(now(), t0 + 50000u);
#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
    /* The power manager sleeps on the port's alarm, masked: at most a late tick after it. */
    TT_ASSERT_LE(irqs, 1u);
#elif TOS_CFG_PWR_MGR_EN > 0u || TOS_CFG_CPU_IDLE_TICKLESS_EN == 0u
    /* Idle waits for every tick. */
    TT_ASSERT_EQ(irqs, 50000u);
#else
    /* The port's idle: one wake-up at the deadline (a sleep is at most 2^31 mtime units). */
    TT_ASSERT_EQ(irqs, 1u);
#endif
}

/*
 * The idle task sleeps through the ticks up to a timer deadline; the timer
 * then raises a line, whose handler must see the deadline's tick: the
 * skipped ticks are delivered before any other handler runs.
 */
#if TOS_CFG_TIMER_EN > 0u
static volatile k_tick_t isr_saw_tick;
static k_timer_t wake_timer;

static void isr_record_tick(void)
{
    isr_saw_tick = now();
}

static void timer_raise_line(void *arg)
{
    (void)arg;
    tt_irq_raise(IRQ_LINE);
}

static void test_interrupt_after_idle_sleep_sees_exact_time(void)
{
    k_tick_t t0;

    tt_irq_connect(IRQ_LINE, isr_record_tick);
    TT_ASSERT_ERR(
        tos_timer_create(&wake_timer, 37u, 0u, timer_raise_line, K_NULL, TOS_OPT_TIMER_ONESHOT),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = now();
    isr_saw_tick = 0u;
    TT_ASSERT_ERR(tos_timer_start(&wake_timer), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(100u), K_ERR_NONE);
    (void)tos_timer_destroy(&wake_timer);
    (void)port_irq_attach(IRQ_LINE, K_NULL);
    TT_ASSERT_EQ(now(), t0 + 100u);
    TT_ASSERT_EQ(isr_saw_tick, t0 + 37u);
}
#else
static void test_interrupt_after_idle_sleep_sees_exact_time(void)
{
    TT_SKIP("TOS_CFG_TIMER_EN is 0");
}
#endif

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/* The port's alarm through the original API only: the kernel stops and restarts the tick. */
static k_tickless_wkup_alarm_t alarm_original_api;

static void test_tickless_original_api_alarm_keeps_time(void)
{
    k_tick_t t0;

    alarm_original_api = port_tickless_wkup_alarm;
    alarm_original_api.setup_cycles = K_NULL;
    alarm_original_api.elapsed_cycles = K_NULL;
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_SLEEP, &alarm_original_api);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = now();
    TT_ASSERT_ERR(tos_task_delay(250u), K_ERR_NONE);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_SLEEP, &port_tickless_wkup_alarm);
    TT_ASSERT_EQ(now(), t0 + 250u);
    /* The restarted tick still ticks. */
    TT_ASSERT_ERR(tos_task_delay(3u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 253u);
}
#else
static void test_tickless_original_api_alarm_keeps_time(void)
{
    TT_SKIP("TOS_CFG_PWR_MGR_EN or TOS_CFG_TICKLESS_EN is 0");
}
#endif

/* ---- the C library ------------------------------------------------------------ */

/* picolibc keeps errno in thread-local storage, addressed through tp (set by the board). */
static void test_libc_thread_local_errno_works(void)
{
    uint32_t tp;
    long v;

    __asm__ volatile("mv %0, tp" : "=r"(tp));
    TT_ASSERT_NE(tp, 0u);
    errno = 0;
    v = strtol("99999999999999999999", K_NULL, 10);
    TT_ASSERT_EQ(v, LONG_MAX);
    TT_ASSERT_EQ(errno, ERANGE);
    errno = 0;
    TT_ASSERT_EQ(strtol("42", K_NULL, 10), 42);
    TT_ASSERT_EQ(errno, 0);
}

/* ---- the fault log writer (contract §34) ----------------------------------------- */

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u && TOS_CFG_CPU_FAULT_REPORT_EN > 0u
static char captured[256];
static size_t captured_len;

static int capture_writer(const char *format, ...)
{
    va_list ap;
    int n;

    va_start(ap, format);
    n = vsnprintf(&captured[captured_len], sizeof(captured) - captured_len, format, ap);
    va_end(ap);
    if (n > 0) {
        captured_len += (size_t)n < sizeof(captured) - captured_len
                            ? (size_t)n
                            : sizeof(captured) - captured_len - 1u;
    }
    return n;
}

static void test_fault_lines_go_through_the_log_writer(void)
{
    k_fault_log_writer_t saved = k_fault_log_writer;

    captured_len = 0u;
    captured[0] = '\0';
    tos_fault_log_writer_set(capture_writer);
    port_fault_diagnosis();
    tos_fault_log_writer_set(saved);
    TT_ASSERT_PTR_EQ(k_fault_log_writer, saved);
    TT_ASSERT(strstr(captured, "tern:   mcause 0x") != K_NULL);
    TT_ASSERT(strstr(captured, "tern:   mstatus 0x") != K_NULL);
}
#else
static void test_fault_lines_go_through_the_log_writer(void)
{
    TT_SKIP("TOS_CFG_FAULT_BACKTRACE_EN or TOS_CFG_CPU_FAULT_REPORT_EN is 0");
}
#endif

TT_SUITE("port", K_NULL, K_NULL, TT_CASE(test_clz_matches_reference),
         TT_CASE(test_cpsr_save_restore_nest_on_mie),
         TT_CASE(test_int_disable_enable_are_unconditional),
         TT_CASE(test_masked_ticks_are_late_not_lost),
         TT_CASE(test_switch_is_pending_msip_until_unmasked),
         TT_CASE(test_every_register_survives_preemption),
         TT_CASE(test_blocked_task_holds_a_switch_frame),
         TT_CASE(test_preempted_task_holds_both_frames),
         TT_CASE(test_initial_frame_enters_the_task), TT_CASE(test_minimum_stack_is_enough),
         TT_CASE(test_cycle_per_tick_follows_mtime_clock),
         TT_CASE(test_ticks_are_cycle_per_tick_mtime_apart),
         TT_CASE(test_burn_is_calibrated_to_cpu_clock), TT_CASE(test_idle_sleeps_through_ticks),
         TT_CASE(test_interrupt_after_idle_sleep_sees_exact_time),
         TT_CASE(test_tickless_original_api_alarm_keeps_time),
         TT_CASE(test_libc_thread_local_errno_works),
         TT_CASE(test_fault_lines_go_through_the_log_writer));
