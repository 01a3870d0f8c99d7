/*
 * The interrupt lines with handlers and priorities fixed at build time
 * (TOS_CFG_CPU_IRQ_ATTACH_EN 0; tests/riscv/CMakeLists.txt builds the
 * kernel, port and board of this program with it): the table below is the
 * only place a line gets its handler and priority. Checked: lines without a
 * handler (a hole in the table, past its end) cannot be enabled, delivery,
 * pending while masked or disabled, order and nesting by the table's
 * priorities, and the task switch waiting for the outermost handler.
 *
 * A task runs the cases; handlers log what they see. Exit status 0: every
 * case passed; 1: one failed (the console says which).
 */
#include <stdio.h>
#include <string.h>

#include "tos_k.h"
#include "tern_board.h"

#if TOS_CFG_CPU_IRQ_ATTACH_EN != 0u
#error "irq_table tests the port built with TOS_CFG_CPU_IRQ_ATTACH_EN 0"
#endif

#define LINE_LOW1  1u /* priority 7 */
#define LINE_HIGH  2u /* priority 3 */
#define LINE_LOW2  3u /* priority 7 */
#define LINE_NEST  4u /* priority 5: pends LINE_HIGH and LINE_LOW1 */
#define LINE_EQUAL 5u /* priority 3: pends LINE_HIGH */
#define LINE_WAKE  6u /* priority 5: resumes the waiter, which is more urgent than the runner */
#define LINE_COUNT 7u /* the table's length; line 0 is a hole */

#define RUNNER_PRIO 5u
#define WAITER_PRIO 4u
#define STK_SIZE    1024u
#define LOG_MAX     32u

static k_task_t runner, waiter;
static k_stack_t runner_stk[STK_SIZE] __ALIGNED__(16);
static k_stack_t waiter_stk[STK_SIZE] __ALIGNED__(16);

/* What ran, in order: a letter per step and the interrupt nesting depth it saw. */
static char log_text[LOG_MAX + 1u];
static volatile unsigned int log_len;
static int failures;

static void log_put(char what)
{
    if (log_len + 2u <= LOG_MAX) {
        log_text[log_len] = what;
        log_text[log_len + 1u] = (char)('0' + k_irq_nest_cnt);
        log_len += 2u;
        log_text[log_len] = '\0';
    }
}

static void log_clear(void)
{
    log_len = 0u;
    log_text[0] = '\0';
}

/* A handler's body: its letters at entry and exit, and the lines it pends in between. */
static void isr_body(char enter, uint32_t pends, char leave)
{
    unsigned int irq;

    tos_knl_irq_enter();
    log_put(enter);
    for (irq = 0u; irq < PORT_IRQ_COUNT; ++irq) {
        if ((pends & (1u << irq)) != 0u) {
            (void)port_irq_pend(irq);
        }
    }
    if (leave != '\0') {
        log_put(leave);
    }
    tos_knl_irq_leave();
}

static void isr_low1(void)
{
    isr_body('a', 0u, '\0');
}

static void isr_high(void)
{
    isr_body('b', 0u, '\0');
}

static void isr_low2(void)
{
    isr_body('c', 0u, '\0');
}

static void isr_nest(void)
{
    isr_body('N', (1u << LINE_HIGH) | (1u << LINE_LOW1), 'n');
}

static void isr_equal(void)
{
    isr_body('E', 1u << LINE_HIGH, 'e');
}

static void isr_wake(void)
{
    tos_knl_irq_enter();
    log_put('W');
    (void)tos_task_resume(&waiter);
    log_put('w');
    tos_knl_irq_leave();
}

PORT_IRQ_LINES(
    [LINE_LOW1] = {.isr = isr_low1, .prio = 7u}, [LINE_HIGH] = {.isr = isr_high, .prio = 3u},
    [LINE_LOW2] = {.isr = isr_low2, .prio = 7u}, [LINE_NEST] = {.isr = isr_nest, .prio = 5u},
    [LINE_EQUAL] = {.isr = isr_equal, .prio = 3u}, [LINE_WAKE] = {.isr = isr_wake, .prio = 5u});

static int ssip_pending(void)
{
    uint32_t mip;

    __asm__ volatile("csrr %0, mip" : "=r"(mip));
    return (mip & PORT_MIP_SSIP) != 0u;
}

static void check(int ok, const char *what, int line)
{
    if (!ok) {
        printf("irq_table: FAIL line %d: %s (log \"%s\")\n", line, what, log_text);
        ++failures;
    }
}

#define CHECK(cond) check((cond) != 0, #cond, __LINE__)

static void lines_set(int enable)
{
    unsigned int irq;

    for (irq = 1u; irq < LINE_COUNT; ++irq) {
        CHECK((enable ? port_irq_enable(irq) : port_irq_disable(irq)) == 0);
    }
}

/* Line 0 is a hole in the table, LINE_COUNT lies past its end: no handler, never enabled. */
static void case_lines_without_handler(void)
{
    CHECK(port_irq_line_count == LINE_COUNT);
    CHECK(port_irq_enable(0u) == -1);
    CHECK(port_irq_enable(LINE_COUNT) == -1);
    CHECK(port_irq_enable(PORT_IRQ_COUNT) == -1);
    CHECK(port_irq_disable(PORT_IRQ_COUNT) == -1);
    CHECK(port_irq_pend(PORT_IRQ_COUNT) == -1);
    /* Pending them is allowed and runs nothing. */
    CHECK(port_irq_pend(0u) == 0);
    CHECK(port_irq_pend(LINE_COUNT) == 0);
    CHECK(!ssip_pending());
    CHECK(log_len == 0u);
}

static void case_disabled_line_stays_pending(void)
{
    CHECK(port_irq_pend(LINE_LOW2) == 0);
    CHECK(log_len == 0u && !ssip_pending());
    CHECK(port_irq_enable(LINE_LOW2) == 0);
    CHECK(strcmp(log_text, "c1") == 0);
    CHECK(port_irq_disable(LINE_LOW2) == 0);
}

/* Lines pended together (masked: as one batch), and what must have run when unmasked. */
typedef struct delivery_st {
    uint32_t lines;
    int masked;
    const char *expect;
} delivery_t;

static const delivery_t deliveries[] = {
    /* From a task: at once, at interrupt level. */
    {1u << LINE_LOW1, 0, "a1"},
    /* Masked: a real pending interrupt (mip.SSIP), taken when unmasked. */
    {1u << LINE_HIGH, 1, "b1"},
    /* The table's priorities decide the order, equal ones by line number. */
    {(1u << LINE_LOW2) | (1u << LINE_LOW1) | (1u << LINE_HIGH), 1, "b1a1c1"},
    /* A more urgent line nests at once, a less urgent one waits for the handler's end. */
    {1u << LINE_NEST, 0, "N1b2n1a1"},
    /* Equal priorities never nest. */
    {1u << LINE_EQUAL, 0, "E1e1b1"},
    /* The waiter, readied by a handler, runs when the handler has returned. */
    {1u << LINE_WAKE, 0, "W1w1T0"},
};

static void case_delivery(const delivery_t *d)
{
    unsigned int irq;
    int ssip_masked = 0;
    unsigned int len_masked = 0u;
    TOS_CPU_CPSR_ALLOC();

    lines_set(K_TRUE);
    if (d->masked) {
        TOS_CPU_INT_DISABLE();
    }
    for (irq = 0u; irq < PORT_IRQ_COUNT; ++irq) {
        if ((d->lines & (1u << irq)) != 0u) {
            (void)port_irq_pend(irq);
        }
    }
    if (d->masked) {
        ssip_masked = ssip_pending();
        len_masked = log_len;
        TOS_CPU_INT_ENABLE();
        CHECK(ssip_masked && len_masked == 0u);
    }
    CHECK(strcmp(log_text, d->expect) == 0);
    CHECK(k_irq_nest_cnt == 0u && !ssip_pending());
    lines_set(K_FALSE);
}

static void waiter_entry(void *arg)
{
    (void)arg;
    for (;;) {
        (void)tos_task_suspend(K_NULL);
        log_put('T');
    }
}

static void runner_entry(void *arg)
{
    unsigned int i;

    (void)arg;
    case_lines_without_handler();
    log_clear();
    case_disabled_line_stays_pending();
    for (i = 0u; i < sizeof(deliveries) / sizeof(deliveries[0]); ++i) {
        log_clear();
        case_delivery(&deliveries[i]);
    }
    printf("irq_table: %d failure(s)\n", failures);
    tern_board_exit(failures == 0 ? 0 : 1);
}

static k_err_t task_start(k_task_t *task, k_task_entry_t entry, k_prio_t prio, k_stack_t *stk)
{
    return tos_task_create(task, "irq_table", entry, K_NULL, prio, stk, STK_SIZE, 0u);
}

int main(void)
{
    k_err_t err;

    tern_board_init();
    err = tos_knl_init();
    if (err == K_ERR_NONE) {
        err = task_start(&waiter, waiter_entry, WAITER_PRIO, waiter_stk);
    }
    if (err == K_ERR_NONE) {
        err = task_start(&runner, runner_entry, RUNNER_PRIO, runner_stk);
    }
    if (err == K_ERR_NONE) {
        err = tos_knl_start();
    }
    printf("irq_table: the kernel did not start (error %d)\n", (int)err);
    tern_board_exit(1);
}
