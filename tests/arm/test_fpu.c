/*
 * FPU context (cores with an FPU: M4F, M7, M33): the registers a function
 * call must preserve (s16..s31 and FPSCR's control bits, AAPCS) survive
 * kernel calls that switch to tasks holding different values; every FPU
 * register and FPSCR survive an interrupt that uses the FPU itself (lazy
 * stacking) and a preemption by a task that loads its own values, also
 * when both tasks are switched out and in by PendSV; a task
 * that never touches the FPU pays nothing (its saved context has no FPU
 * part).
 *
 * The register values are loaded and checked with VLDM/VSTM. Between the two
 * the task calls only the kernel or the port, which use no FPU register, so
 * whatever changes them is the port's context handling.
 */
#include "tos_k.h"
#include "port_cm.h"
#include "tt.h"
#include "tt_port.h"

#if PORT_HAS_FPU

#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define STK_SIZE 1024u
#define ROUNDS   50
#define IRQ_FPU  24u

/* s0..s31, then FPSCR. */
#define FPU_WORDS 33u
typedef uint32_t fpu_state_t[FPU_WORDS];

static k_task_t tasks[2];
static k_stack_t stacks[2][STK_SIZE] __ALIGNED__(8);
static volatile int mismatches[2];
static volatile int rounds_done[2];
static volatile int first_bad_word[2];

/* Rounding mode (bits 23:22) and flush-to-zero differ per user. */
static const uint32_t fpscr_of[3] = {0x00C00000u, 0x01400000u, 0x00800000u};

static void fpu_state_make(fpu_state_t state, unsigned int who, int round)
{
    unsigned int i;

    for (i = 0u; i < 32u; ++i) {
        state[i] = 0x3F800000u + (who << 20) + ((uint32_t)round << 8) + i;
    }
    state[32] = fpscr_of[who];
}

static void fpu_load(const uint32_t *state)
{
    __asm__ volatile("vldmia %0, {s0-s31}\n\t"
                     "vmsr fpscr, %1"
                     :
                     : "r"(state), "r"(state[32])
                     : "memory");
}

static void fpu_save(uint32_t *state)
{
    uint32_t fpscr;

    __asm__ volatile("vstmia %1, {s0-s31}\n\t"
                     "vmrs %0, fpscr"
                     : "=r"(fpscr)
                     : "r"(state)
                     : "memory");
    state[32] = fpscr & 0x07C00000u; /* the control bits; exception flags may differ */
}

/* Index of the first differing word from `from` on, or -1. */
static int fpu_state_diff(const uint32_t *a, const uint32_t *b, int from)
{
    int i;
    int at = -1;

    for (i = from; i < (int)FPU_WORDS && at < 0; ++i) {
        if (a[i] != b[i]) {
            at = i;
        }
    }
    return at;
}

/* Compares from word `from` on: 0 for everything, 16 for what a call preserves. */
static void fpu_check_from(int id, const uint32_t *want, int from)
{
    fpu_state_t got;
    int at;

    fpu_save(got);
    at = fpu_state_diff(got, want, from);
    if (at >= 0) {
        if (mismatches[id] == 0) {
            first_bad_word[id] = at;
        }
        ++mismatches[id];
    }
}

static void fpu_check(int id, const uint32_t *want)
{
    fpu_check_from(id, want, 0);
}

/* s16..s31 and FPSCR: what a function call (here: a kernel call) must preserve. */
static void fpu_check_callee_saved(int id, const uint32_t *want)
{
    fpu_check_from(id, want, 16);
}

/*
 * One round of task `id` across an interrupt: loads its values, pends line
 * irq (its handler, or the task it wakes, runs right here), checks every
 * register.
 */
static void fpu_round_across_irq(int id, int round, unsigned int irq)
{
    fpu_state_t mine;

    fpu_state_make(mine, (unsigned int)id, round);
    fpu_load(mine);
    port_irq_pend(irq);
    fpu_check(id, mine);
    ++rounds_done[id];
}

static void setup(void)
{
    int i;

    for (i = 0; i < 2; ++i) {
        mismatches[i] = 0;
        rounds_done[i] = 0;
        first_bad_word[i] = -1;
    }
}

/* Loads its own values, lets the other task run, checks they are still there. */
static void entry_yielder(void *arg)
{
    int id = (int)(intptr_t)arg;
    fpu_state_t mine;
    int round;

    for (round = 0; round < ROUNDS; ++round) {
        fpu_state_make(mine, (unsigned int)id, round);
        fpu_load(mine);
        tos_task_yield();
        fpu_check_callee_saved(id, mine);
        (void)tos_task_delay((k_tick_t)(round % 3)); /* 0: yield; else sleep over ticks */
        fpu_check_callee_saved(id, mine);
        ++rounds_done[id];
    }
}

static void test_fpu_registers_survive_switches(void)
{
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "fpu_a", entry_yielder, (void *)0, PRIO_HI1, stacks[0],
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&tasks[1], "fpu_b", entry_yielder, (void *)1, PRIO_HI1, stacks[1],
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    while (rounds_done[0] < ROUNDS || rounds_done[1] < ROUNDS) {
        TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    }
    TT_ASSERT_EQ(first_bad_word[0], -1);
    TT_ASSERT_EQ(first_bad_word[1], -1);
    TT_ASSERT_EQ(mismatches[0], 0);
    TT_ASSERT_EQ(mismatches[1], 0);
}

/* An interrupt handler that uses the FPU: s0..s15 and FPSCR are clobbered. */
static volatile int fpu_isr_runs;

static void isr_fpu(void)
{
    static fpu_state_t theirs;

    fpu_state_make(theirs, 2u, 99);
    __asm__ volatile("vldmia %0, {s0-s15}\n\t"
                     "vmsr fpscr, %1"
                     :
                     : "r"(theirs), "r"(theirs[32])
                     : "memory");
    ++fpu_isr_runs;
}

static void entry_interrupted(void *arg)
{
    int round;

    (void)arg;
    for (round = 0; round < ROUNDS; ++round) {
        fpu_round_across_irq(0, round, IRQ_FPU);
    }
}

static void test_fpu_registers_survive_an_fpu_using_interrupt(void)
{
    fpu_isr_runs = 0;
    TT_ASSERT_EQ(port_irq_attach(IRQ_FPU, isr_fpu), 0);
    port_irq_priority_set(IRQ_FPU, TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP);
    port_irq_enable(IRQ_FPU);
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "fpu_irq", entry_interrupted, K_NULL, PRIO_HI1,
                                  stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    port_irq_disable(IRQ_FPU);
    TT_ASSERT_EQ(fpu_isr_runs, ROUNDS);
    TT_ASSERT_EQ(rounds_done[0], ROUNDS);
    TT_ASSERT_EQ(first_bad_word[0], -1);
}

/* ---- preemption: every register survives ----------------------------------- */

static k_sem_t wake;
static volatile int loads;

static void isr_wakes_loader(void)
{
    tos_knl_irq_enter();
    (void)tos_sem_post(&wake);
    tos_knl_irq_leave();
}

/* More urgent: each time it is woken, loads values of its own into every register. */
static void entry_loader(void *arg)
{
    fpu_state_t theirs;
    int round = 0;

    (void)arg;
    while (tos_sem_pend(&wake, TOS_TIME_FOREVER) == K_ERR_NONE) {
        fpu_state_make(theirs, 2u, round++);
        fpu_load(theirs);
        ++loads;
    }
}

/* The loader preempts it inside each round. */
static void entry_preempted(void *arg)
{
    int round;

    (void)arg;
    for (round = 0; round < ROUNDS; ++round) {
        fpu_round_across_irq(1, round, IRQ_FPU);
    }
}

static void test_fpu_registers_survive_preemption(void)
{
    loads = 0;
    TT_ASSERT_ERR(tos_sem_create(&wake, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(port_irq_attach(IRQ_FPU, isr_wakes_loader), 0);
    port_irq_priority_set(IRQ_FPU, TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP);
    port_irq_enable(IRQ_FPU);
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "loader", entry_loader, K_NULL,
                                  (k_prio_t)(PRIO_HI1 - 1u), stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&tasks[1], "preempted", entry_preempted, K_NULL, PRIO_HI1,
                                  stacks[1], STK_SIZE, 0u),
                  K_ERR_NONE);
    port_irq_disable(IRQ_FPU);
    TT_ASSERT_EQ(rounds_done[1], ROUNDS);
    TT_ASSERT_EQ(loads, ROUNDS); /* one preemption per round */
    TT_ASSERT_EQ(first_bad_word[1], -1);
    TT_ASSERT_EQ(mismatches[1], 0);
    TT_ASSERT_ERR(tos_sem_destroy(&wake), K_ERR_NONE);
}

/* ---- preempted tasks resume each other: every register survives ------------- */

#define IRQ_RESUME  25u
#define IRQ_SUSPEND 26u

static void isr_resumes_upper(void)
{
    tos_knl_irq_enter();
    (void)tos_task_resume(&tasks[0]);
    tos_knl_irq_leave();
}

static void isr_suspends_upper(void)
{
    tos_knl_irq_enter();
    (void)tos_task_suspend(&tasks[0]); /* the task it interrupted */
    tos_knl_irq_leave();
}

/* More urgent: suspended by an interrupt right after loading its values. */
static void entry_upper(void *arg)
{
    int round;

    (void)arg;
    for (round = 0;; ++round) {
        fpu_round_across_irq(0, round, IRQ_SUSPEND);
    }
}

/* The upper task preempts it inside each round. */
static void entry_lower(void *arg)
{
    int round;

    (void)arg;
    for (round = 0; round < ROUNDS; ++round) {
        fpu_round_across_irq(1, round, IRQ_RESUME);
    }
}

/* PendSV switches each of them out and back in: both return from the exception. */
static void test_fpu_registers_survive_preemption_both_ways(void)
{
    TT_ASSERT_EQ(port_irq_attach(IRQ_RESUME, isr_resumes_upper), 0);
    TT_ASSERT_EQ(port_irq_attach(IRQ_SUSPEND, isr_suspends_upper), 0);
    port_irq_priority_set(IRQ_RESUME, TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP);
    port_irq_priority_set(IRQ_SUSPEND, TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP);
    port_irq_enable(IRQ_RESUME);
    port_irq_enable(IRQ_SUSPEND);
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "upper", entry_upper, K_NULL,
                                  (k_prio_t)(PRIO_HI1 - 1u), stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(
        tos_task_create(&tasks[1], "lower", entry_lower, K_NULL, PRIO_HI1, stacks[1], STK_SIZE, 0u),
        K_ERR_NONE);
    port_irq_disable(IRQ_RESUME);
    port_irq_disable(IRQ_SUSPEND);
    TT_ASSERT_EQ(rounds_done[1], ROUNDS);
    TT_ASSERT_EQ(rounds_done[0], ROUNDS);
    TT_ASSERT_EQ(first_bad_word[0], -1);
    TT_ASSERT_EQ(first_bad_word[1], -1);
    TT_ASSERT_EQ(mismatches[0] + mismatches[1], 0);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
}

/* ---- what a switched-out task's context holds ------------------------------ */

static k_sem_t gate;

/* Both tasks run this; only one touches the FPU, so their stacks differ by the FPU context only. */
static void entry_gate(void *arg)
{
    fpu_state_t mine;

    fpu_state_make(mine, 1u, 0);
    if (arg != K_NULL) {
        fpu_load(mine);
    }
    (void)tos_sem_pend(&gate, TOS_TIME_FOREVER);
}

/* CONTROL saved by the switch (FPCA: FPU state), and the bytes the context takes. */
static uint32_t saved_control(const k_task_t *t)
{
    const port_frame_t *frame = (const port_frame_t *)(const void *)t->sp;

    return frame->CONTROL;
}

static uintptr_t context_bytes(const k_task_t *t, const k_stack_t *stk)
{
    uintptr_t top = ((uintptr_t)stk + STK_SIZE) & ~(uintptr_t)7u;

    return top - (uintptr_t)t->sp;
}

static void test_task_without_fpu_pays_nothing(void)
{
    uintptr_t plain;
    uintptr_t with_fpu;

    TT_ASSERT_ERR(tos_sem_create(&gate, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(
        tos_task_create(&tasks[0], "no_fpu", entry_gate, K_NULL, PRIO_HI1, stacks[0], STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(
        tos_task_create(&tasks[1], "fpu", entry_gate, (void *)1, PRIO_HI1, stacks[1], STK_SIZE, 0u),
        K_ERR_NONE);
    /* Both are blocked now, switched out inside tos_sem_pend(). */
    TT_ASSERT_EQ(saved_control(&tasks[0]) & 0x4u, 0u);   /* FPCA clear: no FPU state */
    TT_ASSERT_EQ(saved_control(&tasks[1]) & 0x4u, 0x4u); /* FPCA set */
    plain = context_bytes(&tasks[0], stacks[0]);
    with_fpu = context_bytes(&tasks[1], stacks[1]);
    /* The FPU adds s16..s31 and FPSCR; the caller-saved s0..s15 are the compiler's. */
    TT_ASSERT_EQ(with_fpu - plain, 16u * 4u + 4u);
    TT_ASSERT_ERR(tos_sem_post_all(&gate), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(&gate), K_ERR_NONE);
}

TT_SUITE("fpu", setup, K_NULL, TT_CASE(test_fpu_registers_survive_switches),
         TT_CASE(test_fpu_registers_survive_an_fpu_using_interrupt),
         TT_CASE(test_fpu_registers_survive_preemption),
         TT_CASE(test_fpu_registers_survive_preemption_both_ways),
         TT_CASE(test_task_without_fpu_pays_nothing));

#else

TT_SUITE_SKIPPED("fpu", "this core has no FPU");

#endif
