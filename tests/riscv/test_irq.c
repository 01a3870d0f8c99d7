/*
 * The RISC-V port's interrupt lines (port_irq_* in port.h): real pending
 * interrupts delivered through the hart's supervisor software interrupt
 * (mip.SSIP), priorities, nesting of more urgent sources (lines and the
 * tick) into running handlers, and the task switch deferred to the return
 * of the outermost handler.
 *
 * Handlers log what they see; cases assert the order of the log.
 */
#include "tos_k.h"
#include "tern_board.h"
#include "tt.h"
#include "tt_port.h"

#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))

#define LINE_A 4u
#define LINE_B 5u
#define LINE_C 6u
#define LINE_D 7u

#define LOG_MAX 16

#define STK_SIZE 1024u

static k_task_t task;
static k_stack_t stack[STK_SIZE] __ALIGNED__(16);

static volatile int log_buf[LOG_MAX];
static volatile int log_len;
static volatile k_nesting_t nest_seen[LOG_MAX];

static void log_put(int v)
{
    if (log_len < LOG_MAX) {
        nest_seen[log_len] = k_irq_nest_cnt;
        log_buf[log_len] = v;
    }
    ++log_len;
}

/* True if the log holds exactly the n values given; prints it otherwise. */
static int log_is(int n, ...)
{
    va_list ap;
    int i;
    int ok = (log_len == n);

    va_start(ap, n);
    for (i = 0; i < n; ++i) {
        int want = va_arg(ap, int);
        if (ok && log_buf[i] != want) {
            ok = 0;
        }
    }
    va_end(ap);
    if (!ok) {
        printf("    log (%d entries):", (int)log_len);
        for (i = 0; i < log_len && i < LOG_MAX; ++i) {
            printf(" %d", log_buf[i]);
        }
        printf("\n");
    }
    return ok;
}

static uint32_t csr_mip(void)
{
    uint32_t v;

    __asm__ volatile("csrr %0, mip" : "=r"(v));
    return v;
}

static void line_setup(unsigned int irq, port_isr_t isr, uint32_t prio)
{
    TT_ASSERT_EQ(port_irq_attach(irq, isr), 0);
    TT_ASSERT_EQ(port_irq_priority_set(irq, prio), 0);
    TT_ASSERT_EQ(port_irq_enable(irq), 0);
}

static void setup(void)
{
    log_len = 0;
}

static void teardown(void)
{
    unsigned int irq;

    for (irq = 0u; irq < PORT_IRQ_COUNT; ++irq) {
        (void)port_irq_disable(irq);
        (void)port_irq_attach(irq, K_NULL);
        (void)port_irq_priority_set(irq, PORT_IRQ_PRIO_LOWEST);
    }
    port_systick_priority_set(TOS_CFG_CPU_SYSTICK_PRIO);
}

/* ---- handlers ----------------------------------------------------------- */

static void isr_a(void)
{
    tos_knl_irq_enter();
    log_put(1);
    tos_knl_irq_leave();
}

static void isr_b(void)
{
    tos_knl_irq_enter();
    log_put(2);
    tos_knl_irq_leave();
}

static void isr_c(void)
{
    tos_knl_irq_enter();
    log_put(3);
    tos_knl_irq_leave();
}

/* Raises B inside its own body: nested only if B is more urgent. */
static void isr_a_raises_b(void)
{
    tos_knl_irq_enter();
    log_put(10);
    (void)port_irq_pend(LINE_B);
    log_put(11);
    tos_knl_irq_leave();
}

static void isr_d(void)
{
    tos_knl_irq_enter();
    log_put(4);
    tos_knl_irq_leave();
}

/* Raises D (less urgent than A and B) and C (more urgent than B) from inside. */
static void isr_b_raises_d_and_c(void)
{
    tos_knl_irq_enter();
    log_put(20);
    (void)port_irq_pend(LINE_D);
    log_put(21);
    (void)port_irq_pend(LINE_C);
    log_put(22);
    tos_knl_irq_leave();
}

/* ---- argument checks ---------------------------------------------------- */

static void test_out_of_range_lines_and_priorities_rejected(void)
{
    TT_ASSERT_EQ(port_irq_attach(PORT_IRQ_COUNT, isr_a), -1);
    TT_ASSERT_EQ(port_irq_priority_set(PORT_IRQ_COUNT, 1u), -1);
    TT_ASSERT_EQ(port_irq_priority_set(LINE_A, PORT_IRQ_PRIO_LOWEST + 1u), -1);
    TT_ASSERT_EQ(port_irq_enable(PORT_IRQ_COUNT), -1);
    TT_ASSERT_EQ(port_irq_disable(PORT_IRQ_COUNT), -1);
    TT_ASSERT_EQ(port_irq_pend(PORT_IRQ_COUNT), -1);
    TT_ASSERT_EQ(port_irq_pend(0xFFFFFFFFu), -1);
    /* Nothing became pending. */
    TT_ASSERT_EQ(csr_mip() & PORT_MIP_SSIP, 0u);
    TT_ASSERT(log_is(0));
}

/* ---- delivery ------------------------------------------------------------ */

static void test_pend_from_task_runs_before_returning(void)
{
    line_setup(LINE_A, isr_a, 1u);
    TT_ASSERT_EQ(port_irq_pend(LINE_A), 0);
    TT_ASSERT(log_is(1, 1));
    /* The handler ran at interrupt level, bracketed. */
    TT_ASSERT_EQ(nest_seen[0], 1u);
    TT_ASSERT_EQ(k_irq_nest_cnt, 0u);
    TT_ASSERT_EQ(csr_mip() & PORT_MIP_SSIP, 0u);
}

/* Masked, the line is a hardware-pending interrupt that is taken when unmasked. */
static void test_pend_while_masked_waits_in_mip(void)
{
    uint32_t mip_inside;
    int len_inside;
    TOS_CPU_CPSR_ALLOC();

    line_setup(LINE_A, isr_a, 1u);
    TOS_CPU_INT_DISABLE();
    (void)port_irq_pend(LINE_A);
    mip_inside = csr_mip();
    tern_board_burn(1000u);
    len_inside = log_len;
    TOS_CPU_INT_ENABLE();

    TT_ASSERT(mip_inside & PORT_MIP_SSIP);
    TT_ASSERT_EQ(len_inside, 0);
    TT_ASSERT(log_is(1, 1));
    TT_ASSERT_EQ(csr_mip() & PORT_MIP_SSIP, 0u);
}

static void test_disabled_line_stays_pending_until_enabled(void)
{
    line_setup(LINE_A, isr_a, 1u);
    TT_ASSERT_EQ(port_irq_disable(LINE_A), 0);
    TT_ASSERT_EQ(port_irq_pend(LINE_A), 0);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(csr_mip() & PORT_MIP_SSIP, 0u);
    TT_ASSERT_EQ(port_irq_enable(LINE_A), 0);
    TT_ASSERT(log_is(1, 1));
}

static void test_unattached_line_stays_pending_until_attached(void)
{
    TT_ASSERT_EQ(port_irq_enable(LINE_A), 0);
    TT_ASSERT_EQ(port_irq_pend(LINE_A), 0);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(port_irq_attach(LINE_A, isr_a), 0);
    TT_ASSERT(log_is(1, 1));
    /* Delivered once: pending is cleared when the handler is entered. */
    TT_ASSERT_EQ(port_irq_pend(LINE_A), 0);
    TT_ASSERT(log_is(2, 1, 1));
}

/* Pending together: most urgent first; equal priorities by line number. */
static void test_pending_lines_run_by_priority_then_number(void)
{
    TOS_CPU_CPSR_ALLOC();

    line_setup(LINE_A, isr_a, 7u);
    line_setup(LINE_B, isr_b, 3u);
    line_setup(LINE_C, isr_c, 7u);
    TOS_CPU_INT_DISABLE();
    (void)port_irq_pend(LINE_C);
    (void)port_irq_pend(LINE_A);
    (void)port_irq_pend(LINE_B);
    TOS_CPU_INT_ENABLE();
    TT_ASSERT(log_is(3, 2, 1, 3));
    /* One after the other, never nested. */
    TT_ASSERT_EQ(nest_seen[0], 1u);
    TT_ASSERT_EQ(nest_seen[1], 1u);
    TT_ASSERT_EQ(nest_seen[2], 1u);
}

/* ---- nesting ------------------------------------------------------------- */

static void test_more_urgent_line_nests_at_once(void)
{
    line_setup(LINE_A, isr_a_raises_b, 5u);
    line_setup(LINE_B, isr_b, 2u);
    (void)port_irq_pend(LINE_A);
    TT_ASSERT(log_is(3, 10, 2, 11));
    TT_ASSERT_EQ(nest_seen[0], 1u);
    TT_ASSERT_EQ(nest_seen[1], 2u);
    TT_ASSERT_EQ(nest_seen[2], 1u);
}

static void test_equal_or_less_urgent_line_waits_for_the_handler(void)
{
    line_setup(LINE_A, isr_a_raises_b, 2u);
    line_setup(LINE_B, isr_b, 2u);
    (void)port_irq_pend(LINE_A);
    TT_ASSERT(log_is(3, 10, 11, 2));
    TT_ASSERT_EQ(nest_seen[2], 1u);

    log_len = 0;
    TT_ASSERT_EQ(port_irq_priority_set(LINE_B, 9u), 0);
    (void)port_irq_pend(LINE_A);
    TT_ASSERT(log_is(3, 10, 11, 2));
}

/* Three levels: B nests into A, C into B; D, less urgent than both, waits for A to end. */
static void test_three_levels_nest_and_unwind_in_order(void)
{
    line_setup(LINE_A, isr_a_raises_b, 6u);
    line_setup(LINE_B, isr_b_raises_d_and_c, 4u);
    line_setup(LINE_C, isr_c, 1u);
    line_setup(LINE_D, isr_d, 8u);
    (void)port_irq_pend(LINE_A);
    TT_ASSERT(log_is(7, 10, 20, 21, 3, 22, 11, 4));
    TT_ASSERT_EQ(nest_seen[0], 1u);
    TT_ASSERT_EQ(nest_seen[1], 2u);
    TT_ASSERT_EQ(nest_seen[3], 3u);
    TT_ASSERT_EQ(nest_seen[4], 2u);
    TT_ASSERT_EQ(nest_seen[5], 1u);
    TT_ASSERT_EQ(nest_seen[6], 1u);
}

/* ---- the tick and the lines ---------------------------------------------- */

static volatile k_tick_t isr_tick_first;
static volatile k_tick_t isr_tick_last;

/* Computes through three ticks. */
static void isr_busy(void)
{
    tos_knl_irq_enter();
    isr_tick_first = tos_systick_get();
    tern_board_burn((uint32_t)(3u * k_cpu_cycle_per_tick + k_cpu_cycle_per_tick / 2u));
    isr_tick_last = tos_systick_get();
    tos_knl_irq_leave();
}

/* The tick (priority 0) interrupts a handler of priority 1. */
static void test_tick_nests_into_a_less_urgent_handler(void)
{
    line_setup(LINE_A, isr_busy, 1u);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    (void)port_irq_pend(LINE_A);
    TT_ASSERT_EQ(isr_tick_last, isr_tick_first + 3u);
}

/* A handler more urgent than the tick holds it off; the ticks arrive late, none lost. */
static void test_handler_more_urgent_than_tick_holds_it_off(void)
{
    k_tick_t t0;

    port_systick_priority_set(3u);
    line_setup(LINE_A, isr_busy, 1u);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = tos_systick_get();
    (void)port_irq_pend(LINE_A);
    TT_ASSERT_EQ(isr_tick_first, t0);
    TT_ASSERT_EQ(isr_tick_last, t0);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 3u);
}

/* ---- the task switch ----------------------------------------------------- */

static void entry_waiter(void *arg)
{
    (void)arg;
    (void)tos_task_suspend(K_NULL);
    log_put(99);
}

/* The inner handler readies a task: it runs when the outer handler has returned. */
static void isr_resume_task(void)
{
    tos_knl_irq_enter();
    log_put(30);
    (void)tos_task_resume(&task);
    log_put(31);
    tos_knl_irq_leave();
}

static void isr_outer(void)
{
    tos_knl_irq_enter();
    log_put(40);
    (void)port_irq_pend(LINE_B);
    log_put(41);
    tos_knl_irq_leave();
}

/* A more urgent task that suspends itself at once: a handler's resume readies it. */
static void spawn_suspended_waiter(void)
{
    TT_ASSERT_ERR(
        tos_task_create(&task, "waiter", entry_waiter, K_NULL, PRIO_HI1, stack, STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_EQ(task.state, K_TASK_STATE_SUSPENDED);
}

static void test_switch_waits_for_the_outermost_handler(void)
{
    spawn_suspended_waiter();
    line_setup(LINE_A, isr_outer, 5u);
    line_setup(LINE_B, isr_resume_task, 2u);
    (void)port_irq_pend(LINE_A);
    TT_ASSERT(log_is(5, 40, 30, 31, 41, 99));
    TT_ASSERT_EQ(nest_seen[1], 2u);
    TT_ASSERT_EQ(nest_seen[4], 0u);
}

/*
 * A handler that calls the kernel without tos_knl_irq_enter/leave looks
 * like a task to the kernel, which then switches at once by a call
 * (cpu_context_switch_to). In a handler that must not happen: the port
 * pends the switch instead, and it happens when the handler has returned.
 */
static void isr_unbracketed_resume(void)
{
    log_put(50);
    (void)tos_task_resume(&task);
    log_put(51);
}

static void test_unbracketed_handler_switch_waits_for_its_return(void)
{
    spawn_suspended_waiter();
    line_setup(LINE_A, isr_unbracketed_resume, 5u);
    (void)port_irq_pend(LINE_A);
    TT_ASSERT(log_is(3, 50, 51, 99));
    TT_ASSERT_EQ(csr_mip() & PORT_MIP_MSIP, 0u);
}

TT_SUITE("irq", setup, teardown, TT_CASE(test_out_of_range_lines_and_priorities_rejected),
         TT_CASE(test_pend_from_task_runs_before_returning),
         TT_CASE(test_pend_while_masked_waits_in_mip),
         TT_CASE(test_disabled_line_stays_pending_until_enabled),
         TT_CASE(test_unattached_line_stays_pending_until_attached),
         TT_CASE(test_pending_lines_run_by_priority_then_number),
         TT_CASE(test_more_urgent_line_nests_at_once),
         TT_CASE(test_equal_or_less_urgent_line_waits_for_the_handler),
         TT_CASE(test_three_levels_nest_and_unwind_in_order),
         TT_CASE(test_tick_nests_into_a_less_urgent_handler),
         TT_CASE(test_handler_more_urgent_than_tick_holds_it_off),
         TT_CASE(test_switch_waits_for_the_outermost_handler),
         TT_CASE(test_unbracketed_handler_switch_waits_for_its_return));
