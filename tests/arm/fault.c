/*
 * Deliberate faults: one executable per FAULT_KIND (tests/arm/CMakeLists.txt).
 * Each runs in a task (or an interrupt handler) with a known name, prints
 * what the report must contain ("expect: ..." lines, and the function the
 * backtrace must lead to) and then faults. The port's report ends the
 * program with PORT_FAULT_EXIT_STATUS; tests/arm/expect_fault.cmake checks
 * the status, the expectations and, with addr2line, the backtrace. A kind
 * the core cannot produce prints "SKIPPED:" and exits 0 (ctest: skipped).
 */
#include "tos_k.h"
#include "port_cm.h"
#include "tern_board.h"
#include "tt.h"

#define FAULT_UDF            1
#define FAULT_BAD_ADDRESS    2
#define FAULT_DIV_ZERO       3
#define FAULT_UNHANDLED_IRQ  4
#define FAULT_IN_ISR         5
#define FAULT_STACK_OVERFLOW 6

#ifndef FAULT_KIND
#error "FAULT_KIND selects the fault"
#endif

#define PRIO_HI1   ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define STK_SIZE   1024u
#define IRQ_FAULTY 25u

static __UNUSED__ k_task_t faulty;
static __UNUSED__ k_stack_t faulty_stk[STK_SIZE] __ALIGNED__(8);

static void expect(const char *text)
{
    printf("expect: %s\n", text);
}

static __UNUSED__ void skip(const char *why)
{
    printf("SKIPPED: %s\n", why);
    tern_board_exit(0);
}

/* The fault happens in here: the backtrace must name it. */
__attribute__((noinline)) void fault_trigger(void);

#if FAULT_KIND == FAULT_UDF || FAULT_KIND == FAULT_IN_ISR
__attribute__((noinline)) void fault_trigger(void)
{
    __asm__ volatile("udf #0x42");
}
#elif FAULT_KIND == FAULT_BAD_ADDRESS
/* Nothing answers at this address on any of the QEMU boards (external RAM space). */
#define FAULT_ADDRESS 0x70000000u
__attribute__((noinline)) void fault_trigger(void)
{
    (void)*(volatile uint32_t *)(uintptr_t)FAULT_ADDRESS;
}
#elif FAULT_KIND == FAULT_DIV_ZERO
static volatile int divisor;
volatile int fault_quotient;
__attribute__((noinline)) void fault_trigger(void)
{
    fault_quotient = 100 / divisor;
}
#elif FAULT_KIND == FAULT_STACK_OVERFLOW
static volatile int depth;
/* Bounded on paper (the compiler cannot know the stack ends first). */
__attribute__((noinline)) void fault_trigger(void)
{
    volatile uint8_t frame[64];

    frame[0] = (uint8_t)depth++;
    if (depth < 1000000) {
        fault_trigger();
    }
    frame[1] = frame[0];
}
#else
__attribute__((noinline)) void fault_trigger(void)
{
    port_irq_priority_set(IRQ_FAULTY, TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP);
    port_irq_enable(IRQ_FAULTY);
    port_irq_pend(IRQ_FAULTY);
}
#endif

static __UNUSED__ void isr_faulty(void)
{
    fault_trigger();
}

static __UNUSED__ void entry_faulty(void *arg)
{
    (void)arg;
    fault_trigger();
    printf("fault test: the fault did not happen\n");
    tern_board_exit(1);
}

static __UNUSED__ void expect_task(void)
{
    expect("running: task 'faulty'");
    expect("backtrace:");
    printf("expect-function: fault_trigger\n");
}

static void expectations(void)
{
#if FAULT_KIND == FAULT_UDF
    expect(PORT_ARMV7M_LIKE ? "*** tern fault: UsageFault" : "*** tern fault: HardFault");
    if (PORT_ARMV7M_LIKE) {
        expect("UNDEFINSTR");
    }
    expect_task();
#elif FAULT_KIND == FAULT_BAD_ADDRESS
    expect(PORT_ARMV7M_LIKE ? "*** tern fault: BusFault" : "*** tern fault: HardFault");
    if (PORT_ARMV7M_LIKE) {
        expect("PRECISERR");
        expect("BFAR 0x70000000");
    }
    expect_task();
#elif FAULT_KIND == FAULT_DIV_ZERO
    if (!PORT_ARMV7M_LIKE) {
        skip("ARMv6-M has no divide instruction to trap");
    }
    expect("*** tern fault: UsageFault");
    expect("DIVBYZERO");
    expect_task();
#elif FAULT_KIND == FAULT_UNHANDLED_IRQ
    expect("*** tern fault: interrupt 25 without a handler");
    expect("running: task 'faulty'"); /* the interrupted context */
#elif FAULT_KIND == FAULT_IN_ISR
    expect(PORT_ARMV7M_LIKE ? "*** tern fault: UsageFault" : "*** tern fault: HardFault");
    expect("running: an exception handler");
    printf("expect-function: fault_trigger\n");
#elif FAULT_KIND == FAULT_STACK_OVERFLOW
    if (!PORT_HAS_PSPLIM) {
        skip("no stack limit register (the guard bytes catch it: suite stack_guard)");
    }
    expect("*** tern fault: UsageFault");
    expect("STKOF");
    expect("stack overflow in task 'faulty'");
#endif
    expect("*** end of fault report, exit 134");
}

static void test_fault(void)
{
    expectations();
#if FAULT_KIND == FAULT_IN_ISR
    TT_ASSERT_EQ(port_irq_attach(IRQ_FAULTY, isr_faulty), 0);
    port_irq_priority_set(IRQ_FAULTY, TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP);
    port_irq_enable(IRQ_FAULTY);
    port_irq_pend(IRQ_FAULTY);
#else
    TT_ASSERT_ERR(tos_task_create(&faulty, "faulty", entry_faulty, K_NULL, PRIO_HI1, faulty_stk,
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
#endif
    TT_FAIL("the fault did not end the program");
}

TT_SUITE("fault", K_NULL, K_NULL, TT_CASE(test_fault));
