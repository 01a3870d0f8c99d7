/*
 * The Cortex-M port itself (arch/arm): count-leading-zeros, interrupt
 * nesting with real pending interrupts (NVIC set-pending), the BASEPRI
 * threshold (zero-latency interrupts run inside kernel critical sections),
 * exception priorities, the initial task frame, tasks on the process
 * stack with a minimal stack, and the switches PendSV makes (a stale request
 * dropped, preempted tasks resuming each other).
 */
#include <string.h>

#include "tos_k.h"
#include "port_cm.h"
#include "tt.h"
#include "tt_port.h"

#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO1 ((k_prio_t)(TT_RUNNER_PRIO + 1u))

#define STK_SIZE 1024u

/* NVIC lines and 8-bit priority values of the test interrupts. */
#define IRQ_LOW       20u
#define IRQ_HIGH      21u
#define IRQ_ZERO_LAT  22u
#define IRQ_KERNEL    23u
#define PRIO_ZERO_LAT 0x00u
#define PRIO_HIGH     (TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP)
#define PRIO_LOW      (TOS_CFG_CPU_BASEPRI + 2u * PORT_PRIO_STEP)

#define LOG_MAX 16

static volatile int log_buf[LOG_MAX];
static volatile int log_len;
static volatile k_nesting_t nest_seen[LOG_MAX];

static k_task_t task;
static k_stack_t task_stk[STK_SIZE] __ALIGNED__(8);

static void log_put(int v)
{
    if (log_len < LOG_MAX) {
        nest_seen[log_len] = k_irq_nest_cnt;
        log_buf[log_len] = v;
    }
    ++log_len;
}

static int log_is(int n, const int *want)
{
    int i;
    int ok = (log_len == n);

    for (i = 0; ok && i < n; ++i) {
        ok = (log_buf[i] == want[i]);
    }
    if (!ok) {
        printf("    log (%d entries):", (int)log_len);
        for (i = 0; i < log_len && i < LOG_MAX; ++i) {
            printf(" %d", log_buf[i]);
        }
        printf("\n");
    }
    return ok;
}

static void irq_setup(unsigned int irq, void (*isr)(void), uint32_t prio)
{
    TT_ASSERT_EQ(port_irq_attach(irq, isr), 0);
    port_irq_priority_set(irq, prio);
    port_irq_enable(irq);
}

static void setup(void)
{
    log_len = 0;
}

static void teardown(void)
{
    unsigned int irq;

    for (irq = IRQ_LOW; irq <= IRQ_KERNEL; ++irq) {
        port_irq_disable(irq);
        (void)port_irq_attach(irq, K_NULL);
    }
}

/* ---- count leading zeros ------------------------------------------------- */

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

    TT_ASSERT_EQ(tos_cpu_clz(0u), 32u);
    for (i = 0u; i < 32u; ++i) {
        TT_ASSERT_EQ(tos_cpu_clz(1u << i), 31u - i);
        TT_ASSERT_EQ(tos_cpu_clz((1u << i) | ((1u << i) - 1u)), 31u - i);
    }
    for (i = 0u; i < 2000u; ++i) {
        seed = seed * 1103515245u + 12345u;
        TT_ASSERT_EQ(tos_cpu_clz(seed >> (seed % 32u)), clz_reference(seed >> (seed % 32u)));
    }
}

/* ---- interrupt nesting ---------------------------------------------------- */

static void isr_high(void)
{
    tos_knl_irq_enter();
    log_put(2);
    tos_knl_irq_leave();
}

static void isr_low_pends_high(void)
{
    tos_knl_irq_enter();
    log_put(1);
    port_irq_pend(IRQ_HIGH); /* more urgent: preempts this handler at once */
    log_put(3);
    tos_knl_irq_leave();
}

static void test_more_urgent_pending_interrupt_nests(void)
{
    static const int want[] = {1, 2, 3};

    irq_setup(IRQ_HIGH, isr_high, PRIO_HIGH);
    irq_setup(IRQ_LOW, isr_low_pends_high, PRIO_LOW);
    port_irq_pend(IRQ_LOW);
    TT_ASSERT(log_is(3, want));
    TT_ASSERT_EQ(nest_seen[0], 1);
    TT_ASSERT_EQ(nest_seen[1], 2);
    TT_ASSERT_EQ(nest_seen[2], 1);
    TT_ASSERT_EQ(k_irq_nest_cnt, 0);
}

static void isr_low(void)
{
    tos_knl_irq_enter();
    log_put(4);
    tos_knl_irq_leave();
}

static void isr_high_pends_low(void)
{
    tos_knl_irq_enter();
    log_put(1);
    port_irq_pend(IRQ_LOW); /* less urgent: waits until this handler returns */
    log_put(2);
    tos_knl_irq_leave();
}

static void test_less_urgent_pending_interrupt_waits(void)
{
    static const int want[] = {1, 2, 4};

    irq_setup(IRQ_LOW, isr_low, PRIO_LOW);
    irq_setup(IRQ_HIGH, isr_high_pends_low, PRIO_HIGH);
    port_irq_pend(IRQ_HIGH);
    TT_ASSERT(log_is(3, want));
    TT_ASSERT_EQ(nest_seen[0], 1);
    TT_ASSERT_EQ(nest_seen[2], 1);
}

static void entry_waiter(void *arg)
{
    (void)arg;
    if (tos_task_suspend(K_NULL) == K_ERR_NONE) {
        log_put(9);
    }
}

static void isr_high_resumes(void)
{
    tos_knl_irq_enter();
    log_put(2);
    (void)tos_task_resume(&task);
    tos_knl_irq_leave();
}

/* A task woken in a nested handler runs only once the outermost one returned. */
static void test_switch_waits_for_the_outermost_handler(void)
{
    static const int want[] = {1, 2, 3, 9};

    TT_ASSERT_ERR(
        tos_task_create(&task, "waiter", entry_waiter, K_NULL, PRIO_HI1, task_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    irq_setup(IRQ_HIGH, isr_high_resumes, PRIO_HIGH);
    irq_setup(IRQ_LOW, isr_low_pends_high, PRIO_LOW);
    port_irq_pend(IRQ_LOW);
    TT_ASSERT(log_is(4, want));
    TT_ASSERT_EQ(nest_seen[1], 2);
    TT_ASSERT_EQ(nest_seen[3], 0);
}

/* ---- the BASEPRI threshold ------------------------------------------------ */

static volatile int zero_lat_runs;
static volatile int kernel_runs;

static void isr_zero_latency(void)
{
    ++zero_lat_runs; /* must not call the kernel */
}

static void isr_kernel(void)
{
    tos_knl_irq_enter();
    ++kernel_runs;
    tos_knl_irq_leave();
}

static void test_critical_section_masks_only_kernel_interrupts(void)
{
    int zero_lat_inside;
    int kernel_inside;
    TOS_CPU_CPSR_ALLOC();

    zero_lat_runs = 0;
    kernel_runs = 0;
    irq_setup(IRQ_ZERO_LAT, isr_zero_latency, PRIO_ZERO_LAT);
    irq_setup(IRQ_KERNEL, isr_kernel, PRIO_HIGH);

    TOS_CPU_INT_DISABLE();
    port_irq_pend(IRQ_ZERO_LAT);
    port_irq_pend(IRQ_KERNEL);
    zero_lat_inside = zero_lat_runs;
    kernel_inside = kernel_runs;
    TOS_CPU_INT_ENABLE();

    TT_ASSERT_EQ(kernel_inside, 0);
#if PORT_USES_BASEPRI
    TT_ASSERT_EQ(zero_lat_inside, 1); /* above the threshold: never masked */
#else
    TT_ASSERT_EQ(zero_lat_inside, 0); /* PRIMASK masks every interrupt */
#endif
    TT_ASSERT_EQ(zero_lat_runs, 1);
    TT_ASSERT_EQ(kernel_runs, 1);
}

/* Nesting of critical sections: the inner restore keeps the outer mask. */
static void test_critical_sections_nest(void)
{
    cpu_cpsr_t outer;
    cpu_cpsr_t inner;

    kernel_runs = 0;
    irq_setup(IRQ_KERNEL, isr_kernel, PRIO_HIGH);
    outer = tos_cpu_cpsr_save();
    inner = tos_cpu_cpsr_save();
    port_irq_pend(IRQ_KERNEL);
    tos_cpu_cpsr_restore(inner);
    TT_ASSERT_EQ(kernel_runs, 0);
    tos_cpu_cpsr_restore(outer);
    TT_ASSERT_EQ(kernel_runs, 1);
}

static uint32_t shpr_byte(uint32_t reg, unsigned int shift)
{
    return (reg >> shift) & 0xFFu;
}

/*
 * The tick calls the kernel: masked by critical sections; PendSV is last,
 * and so is SVCall, which never delays a zero-latency interrupt.
 */
static void test_exception_priorities(void)
{
    uint32_t implemented = 0xFFu & ~(PORT_PRIO_STEP - 1u);
    uint32_t systick = shpr_byte(PORT_SCB_SHPR3, 24u);
    uint32_t pendsv = shpr_byte(PORT_SCB_SHPR3, 16u);

    TT_ASSERT_GE(systick, TOS_CFG_CPU_BASEPRI);
    TT_ASSERT_EQ(pendsv & implemented, implemented);
    TT_ASSERT_GT(pendsv, systick);
    TT_ASSERT_EQ(shpr_byte(PORT_SCB_SHPR2, 24u), pendsv); /* SVC: taken unmasked */
}

/* ---- tasks ----------------------------------------------------------------- */

static void entry_nop(void *arg)
{
    (void)arg;
}

static void entry_logs_9(void *arg)
{
    (void)arg;
    log_put(9);
}

/* A task-level switch is immediate, so the more urgent task ran inside the kernel call. */
static void test_task_switch_is_immediate(void)
{
    static const int want[] = {1, 9, 2};

    log_put(1);
    TT_ASSERT_ERR(
        tos_task_create(&task, "now", entry_logs_9, K_NULL, PRIO_HI1, task_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    log_put(2);
    TT_ASSERT(log_is(3, want));
}

/*
 * Inside the application's own critical section the switch waits until it
 * unmasks (contract §37.2), exactly as with a PendSV-only switch.
 */
static void test_switch_in_application_critical_section_waits(void)
{
    static const int want[] = {1, 2, 9, 3};
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    log_put(1);
    TT_ASSERT_ERR(
        tos_task_create(&task, "later", entry_logs_9, K_NULL, PRIO_HI1, task_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    log_put(2);
    TOS_CPU_INT_ENABLE();
    log_put(3);
    TT_ASSERT(log_is(4, want));
}

/*
 * A switch requested inside the application's critical section is dropped
 * when the task it was for stops being ready before the section ends:
 * PendSV chooses again.
 */
static void test_stale_switch_request_is_dropped(void)
{
    static const int want[] = {1, 2, 9};
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TT_ASSERT_ERR(
        tos_task_create(&task, "stale", entry_logs_9, K_NULL, PRIO_HI1, task_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&task), K_ERR_NONE);
    log_put(1);
    TOS_CPU_INT_ENABLE();
    log_put(2);
    TT_ASSERT_ERR(tos_task_resume(&task), K_ERR_NONE);
    TT_ASSERT(log_is(3, want));
}

/*
 * cpu_context_switch() goes to the most urgent ready task (the kernel
 * records no choice in k_next_task on this port, PORT_SWITCH_PICKS_NEXT):
 * here one readied while the scheduler was locked.
 */
static void test_context_switch_goes_to_most_urgent_ready_task(void)
{
    static const int want[] = {1, 9, 2};
    TOS_CPU_CPSR_ALLOC();

    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(
        tos_task_create(&task, "picked", entry_logs_9, K_NULL, PRIO_HI1, task_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_NULL(k_next_task);
    log_put(1);
    TOS_CPU_INT_DISABLE();
    k_sched_lock_nest_cnt = 0u; /* unlocked without tos_knl_sched_unlock()'s own switch */
    cpu_context_switch();
    TOS_CPU_INT_ENABLE();
    log_put(2);
    TT_ASSERT(log_is(3, want));
}

/*
 * On cores with VTOR an attached handler is its line's vector in the RAM
 * table (no dispatcher); detaching makes the line a fault again.
 */
static void test_attached_handler_is_the_vector(void)
{
#if PORT_RAM_VECTORS
    const port_isr_t *table = (const port_isr_t *)(uintptr_t)PORT_SCB_VTOR;
    port_isr_t unattached = table[PORT_EXC_IRQ0 + IRQ_KERNEL];

    TT_ASSERT_PTR_EQ(table, port_vectors_ram);
    TT_ASSERT_EQ(port_irq_attach(IRQ_KERNEL, isr_kernel), 0);
    TT_ASSERT(table[PORT_EXC_IRQ0 + IRQ_KERNEL] == isr_kernel);
    TT_ASSERT_EQ(port_irq_attach(IRQ_KERNEL, K_NULL), 0);
    TT_ASSERT(table[PORT_EXC_IRQ0 + IRQ_KERNEL] == unattached);
    kernel_runs = 0;
    irq_setup(IRQ_KERNEL, isr_kernel, PRIO_HIGH);
    port_irq_pend(IRQ_KERNEL);
    TT_ASSERT_EQ(kernel_runs, 1);
#else
    TT_SKIP("no VTOR: the lines enter port_irq_dispatch");
#endif
}

void port_exc_resume(void);

/* ---- tasks preempted by interrupts resume each other ------------------------- */

#define ROUNDS 20

static k_task_t upper;
static k_stack_t upper_stk[STK_SIZE] __ALIGNED__(8);
static volatile int lower_rounds;
static volatile int upper_rounds;
static volatile uint32_t lower_sum;
static volatile uint32_t upper_sum;

static void isr_resumes_upper(void)
{
    tos_knl_irq_enter();
    (void)tos_task_resume(&upper);
    tos_knl_irq_leave();
}

/* Suspends the task it interrupted (contract: no ISR check for suspend). */
static void isr_suspends_upper(void)
{
    tos_knl_irq_enter();
    (void)tos_task_suspend(&upper);
    tos_knl_irq_leave();
}

/* Values the compiler keeps in callee-saved registers across the interrupts. */
static uint32_t sum_step(uint32_t sum, uint32_t round)
{
    return sum * 33u + round;
}

static void entry_lower(void *arg)
{
    uint32_t sum = (uint32_t)(uintptr_t)arg;
    uint32_t round;

    for (round = 0u; round < ROUNDS; ++round) {
        port_irq_pend(IRQ_LOW); /* the upper task preempts this one right here */
        sum = sum_step(sum, round);
        ++lower_rounds;
    }
    lower_sum = sum;
}

static void entry_upper(void *arg)
{
    uint32_t sum = (uint32_t)(uintptr_t)arg;
    uint32_t round = 0u;

    for (;;) {
        ++upper_rounds;
        port_irq_pend(IRQ_HIGH); /* suspended right here */
        sum = sum_step(sum, round++);
        upper_sum = sum;
    }
}

/*
 * Each task is switched out by PendSV and switched back in by PendSV, so
 * both directions return straight from the exception into the other's
 * interrupted code.
 */
static void test_preempted_tasks_resume_each_other(void)
{
    uint32_t want_lower = 7u;
    uint32_t want_upper = 11u;
    uint32_t round;

    lower_rounds = 0;
    upper_rounds = 0;
    for (round = 0u; round < ROUNDS; ++round) {
        want_lower = sum_step(want_lower, round);
        want_upper = sum_step(want_upper, round);
    }
    irq_setup(IRQ_LOW, isr_resumes_upper, PRIO_LOW);
    irq_setup(IRQ_HIGH, isr_suspends_upper, PRIO_HIGH);
    TT_ASSERT_ERR(tos_task_create(&upper, "upper", entry_upper, (void *)11u,
                                  (k_prio_t)(PRIO_HI1 - 1u), upper_stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_EQ(upper_rounds, 1);
    TT_ASSERT_ERR(
        tos_task_create(&task, "lower", entry_lower, (void *)7u, PRIO_HI1, task_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_EQ(lower_rounds, ROUNDS);
    TT_ASSERT_EQ(upper_rounds, ROUNDS + 1);
    TT_ASSERT_EQ(lower_sum, want_lower);
    TT_ASSERT_EQ(upper_sum, want_upper);
    TT_ASSERT_ERR(tos_task_destroy(&upper), K_ERR_NONE);
}

/* ---- an interrupt taken between port_exc_resume's unmask and its SVC ------- */

#define SWEEP_ROUNDS 240u

static volatile uint32_t sweep_hits;
static volatile int sweep_arm;
static volatile uint32_t sweep_delay;

/* Resumes the upper task; counts the interrupts that found a task at its SVC. */
static void isr_resumes_upper_at_svc(void)
{
    uint32_t psp;
    uintptr_t at = (uintptr_t)port_exc_resume & ~(uintptr_t)1u;
    uintptr_t pc;

    __asm__ volatile("mrs %0, psp" : "=r"(psp));
    pc = ((const uint32_t *)(uintptr_t)psp)[6];
    if (pc >= at && pc < at + 8u) {
        ++sweep_hits;
    }
    isr_resumes_upper();
}

/* Arms the timer once per round of the lower task, then suspends itself. */
static void entry_upper_arms(void *arg)
{
    (void)arg;
    for (;;) {
        if (sweep_arm) {
            sweep_arm = 0;
            tt_irq_raise_at(IRQ_LOW, tt_clock_get() + sweep_delay);
        }
        ++upper_rounds;
        (void)tos_task_suspend(&upper);
    }
}

static void entry_lower_sweeps(void *arg)
{
    uint32_t sum = (uint32_t)(uintptr_t)arg;
    uint32_t round;

    for (round = 0u; round < SWEEP_ROUNDS; ++round) {
        sweep_delay = round;
        sweep_arm = 1;
        port_irq_pend(IRQ_LOW); /* the upper task preempts this one right here */
        sum = sum_step(sum, round);
        ++lower_rounds;
    }
    lower_sum = sum;
}

/*
 * The upper task's suspension switches in Thread mode back to the lower
 * task, which PendSV saved: through port_exc_resume, which unmasks before
 * its SVC. A timer interrupt swept across that path is, for some delays,
 * pending when it unmasks and taken right there: it resumes the upper task,
 * so PendSV saves the lower one at its SVC, and the lower task later
 * resumes through two SVCs with every register intact.
 */
static void test_interrupt_at_the_svc_of_a_resume(void)
{
    uint32_t want = 5u;
    uint32_t round;

    if (!tt_clock_available()) {
        TT_SKIP("no timer to sweep an interrupt with (tt_clock_available)");
    }
    for (round = 0u; round < SWEEP_ROUNDS; ++round) {
        want = sum_step(want, round);
    }
    lower_rounds = 0;
    upper_rounds = 0;
    sweep_hits = 0u;
    sweep_arm = 0;
    irq_setup(IRQ_LOW, isr_resumes_upper_at_svc, PRIO_LOW);
    TT_ASSERT_ERR(tos_task_create(&upper, "upper", entry_upper_arms, K_NULL,
                                  (k_prio_t)(PRIO_HI1 - 1u), upper_stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&task, "lower", entry_lower_sweeps, (void *)5u, PRIO_HI1,
                                  task_stk, STK_SIZE, 0u),
                  K_ERR_NONE);
    tt_irq_raise_at(IRQ_LOW, TT_CLOCK_NEVER);
    printf("    %u of %u interrupts found the lower task at its SVC\n", (unsigned int)sweep_hits,
           (unsigned int)(upper_rounds - 1));
    TT_ASSERT_EQ(lower_rounds, (int)SWEEP_ROUNDS);
    TT_ASSERT_EQ(lower_sum, want);
    TT_ASSERT_GT(sweep_hits, 0u);
    TT_ASSERT_ERR(tos_task_destroy(&upper), K_ERR_NONE);
}

static void test_initial_frame(void)
{
    const port_frame_t *frame;
    const k_stack_t *p;
    uintptr_t top = ((uintptr_t)task_stk + STK_SIZE) & ~(uintptr_t)7u;

    TT_ASSERT_ERR(tos_task_create(&task, "frame", entry_nop, (void *)0x1234u, PRIO_LO1, task_stk,
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    frame = (const port_frame_t *)(const void *)task.sp;
#if PORT_HAS_PSPLIM
    TT_ASSERT_EQ(frame->PSPLIM, (((uintptr_t)task_stk + 4u + 7u) & ~(uintptr_t)7u));
#endif
#if PORT_HAS_FPU
    TT_ASSERT_EQ(frame->CONTROL, PORT_INITIAL_CONTROL); /* no FPU state yet */
#endif
    TT_ASSERT_EQ((uintptr_t)(frame + 1), top); /* the context ends at the aligned top */
    TT_ASSERT_EQ(frame->RESUME, (uintptr_t)port_exc_resume); /* started by an exception return */
    TT_ASSERT_EQ(frame->_R0, 0x1234u);                       /* r0 = arg */
    TT_ASSERT_EQ(frame->_PC, (uintptr_t)entry_nop & ~1u);
    TT_ASSERT_EQ(frame->_xPSR, PORT_INITIAL_XPSR);
    TT_ASSERT_EQ(frame->_R14 & 1u, 1u); /* lr: the kernel's exit routine, Thumb */
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    for (p = task_stk; p < (const k_stack_t *)(const void *)task.sp; ++p) {
        TT_ASSERT_EQ(*p, 0xCC); /* the fill stack-depth detection reads */
    }
#else
    (void)p;
#endif
    TT_ASSERT_ERR(tos_task_destroy(&task), K_ERR_NONE);
}

static volatile uint32_t seen_control;
static volatile uintptr_t seen_sp;

static void entry_where_am_i(void *arg)
{
    uint32_t control;
    uint32_t here = 0u;

    (void)arg;
    __asm__ volatile("mrs %0, control" : "=r"(control));
    seen_control = control;
    seen_sp = (uintptr_t)&here;
}

/* Tasks run in Thread mode on the process stack, inside their own stack. */
static void test_tasks_run_on_the_process_stack(void)
{
    TT_ASSERT_ERR(
        tos_task_create(&task, "where", entry_where_am_i, K_NULL, PRIO_HI1, task_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_EQ(seen_control & 2u, 2u); /* SPSEL: PSP */
    TT_ASSERT_GE(seen_sp, (uintptr_t)task_stk);
    TT_ASSERT_LT(seen_sp, (uintptr_t)task_stk + STK_SIZE);
}

/* The smallest accepted stack runs a task to its end and stays inside itself. */
static struct {
    uint8_t below[64];
    k_stack_t stk[K_TASK_STK_SIZE_MIN];
    uint8_t above[64];
} minimal __ALIGNED__(8);
static volatile int minimal_ran;

static void entry_minimal(void *arg)
{
    (void)arg;
    minimal_ran = 1;
}

static void test_minimal_stack_is_enough(void)
{
    unsigned int i;

    for (i = 0u; i < sizeof(minimal.below); ++i) {
        minimal.below[i] = 0x5Au;
        minimal.above[i] = 0xA5u;
    }
    minimal_ran = 0;
    TT_ASSERT_ERR(tos_task_create(&task, "minimal", entry_minimal, K_NULL, PRIO_HI1, minimal.stk,
                                  K_TASK_STK_SIZE_MIN, 0u),
                  K_ERR_NONE);
    TT_ASSERT_EQ(minimal_ran, 1);
    for (i = 0u; i < sizeof(minimal.below); ++i) {
        TT_ASSERT_EQ(minimal.below[i], 0x5A);
        TT_ASSERT_EQ(minimal.above[i], 0xA5);
    }
}

/*
 * What K_TASK_STK_SIZE_MIN is for: a trivial task runs on it to its end,
 * with an interrupt frame on top. Measured on a big stack: the bytes below
 * the top that are no longer 0xCC once the task has ended.
 */
static void test_minimal_stack_covers_a_trivial_task(void)
{
    const k_stack_t *p = task_stk;
    uintptr_t top = ((uintptr_t)task_stk + STK_SIZE) & ~(uintptr_t)7u;
    uintptr_t used;

    minimal_ran = 0;
    memset(task_stk, 0xCC, sizeof(task_stk)); /* the port fills only with depth detection */
    TT_ASSERT_ERR(
        tos_task_create(&task, "trivial", entry_minimal, K_NULL, PRIO_HI1, task_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_EQ(minimal_ran, 1);
    while (*p == 0xCCu) {
        ++p;
    }
    used = top - (uintptr_t)p;
    printf("    a trivial task used %u bytes; K_TASK_STK_SIZE_MIN is %u\n", (unsigned int)used,
           (unsigned int)K_TASK_STK_SIZE_MIN);
    /* Room for one more exception frame and the kernel's 4 guard bytes. */
    TT_ASSERT_LE(used + 32u + 4u, K_TASK_STK_SIZE_MIN);
}

TT_SUITE("port", setup, teardown, TT_CASE(test_clz_matches_reference),
         TT_CASE(test_more_urgent_pending_interrupt_nests),
         TT_CASE(test_less_urgent_pending_interrupt_waits),
         TT_CASE(test_switch_waits_for_the_outermost_handler),
         TT_CASE(test_critical_section_masks_only_kernel_interrupts),
         TT_CASE(test_critical_sections_nest), TT_CASE(test_exception_priorities),
         TT_CASE(test_initial_frame), TT_CASE(test_task_switch_is_immediate),
         TT_CASE(test_switch_in_application_critical_section_waits),
         TT_CASE(test_stale_switch_request_is_dropped),
         TT_CASE(test_context_switch_goes_to_most_urgent_ready_task),
         TT_CASE(test_attached_handler_is_the_vector),
         TT_CASE(test_preempted_tasks_resume_each_other),
         TT_CASE(test_interrupt_at_the_svc_of_a_resume),
         TT_CASE(test_tasks_run_on_the_process_stack), TT_CASE(test_minimal_stack_is_enough),
         TT_CASE(test_minimal_stack_covers_a_trivial_task));
