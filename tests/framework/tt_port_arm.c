/*
 * tt platform functions on Cortex-M boards (arch/arm): test interrupt line n
 * is NVIC line n, raised by setting it pending in the NVIC.
 *
 * The reference clock and timed interrupts use the MPS2 boards' CMSDK
 * timers, which count the CPU clock like SysTick but are not touched by the
 * kernel: timer 1 runs free (a 32-bit down-counter, extended to 64 bits on
 * every reading), timer 0 is a one-shot whose handler pends the test line
 * that was scheduled.
 *
 * Why the dual timer runs too: QEMU (7.2, -icount sleep=off) advances the
 * clock of an idle CPU to the next timer deadline, and when the timer that
 * wakes the CPU reloads itself and its next expiry is then the earliest
 * deadline, QEMU advances once more before the CPU runs: the CPU sleeps
 * through one more period of that timer (SysTick, a tick) and the tick it
 * stands for merges with the first. A counter that reloads every quarter
 * tick (no interrupt) always has the earlier deadline, so wake-ups come on
 * time, as on hardware. It only runs while a test uses the reference clock.
 */
#include "tos_k.h"
#include "port_cm.h"
#include "tt.h"
#include "tt_port.h"

/*
 * Test interrupts may call the kernel: one level less urgent than the
 * kernel's mask threshold, i.e. also less urgent than the tick (as on the
 * host simulator), more urgent than PendSV.
 */
#define TT_IRQ_PRIO (TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP)

void tt_busy(uint32_t cycles)
{
    port_burn(cycles);
}

void tt_irq_connect(unsigned irq, void (*isr)(void))
{
    if (port_irq_attach(irq, isr) != 0) {
        printf("    tt_irq_connect: the board has no interrupt line %u\n", irq);
        TT_FAIL("tt_irq_connect failed");
    }
    port_irq_priority_set(irq, TT_IRQ_PRIO);
    port_irq_enable(irq);
}

void tt_irq_raise(unsigned irq)
{
    port_irq_pend(irq);
}

#if defined(MPS2_TIMER0_BASE) && defined(MPS2_TIMER1_BASE) && defined(MPS2_TIMER0_IRQ) && \
    defined(MPS2_DUALTIMER_BASE)

#define TT_TIMER_CTRL(base)     PORT_REG((base) + 0x00u)
#define TT_TIMER_VALUE(base)    PORT_REG((base) + 0x04u)
#define TT_TIMER_RELOAD(base)   PORT_REG((base) + 0x08u)
#define TT_TIMER_INTCLEAR(base) PORT_REG((base) + 0x0Cu)
#define TT_TIMER_EN             (1u << 0)
#define TT_TIMER_IRQ_EN         (1u << 3)

#define TT_DUALTIMER1_LOAD  PORT_REG(MPS2_DUALTIMER_BASE + 0x00u)
#define TT_DUALTIMER1_CTRL  PORT_REG(MPS2_DUALTIMER_BASE + 0x08u)
#define TT_DUALTIMER_EN     (1u << 7)
#define TT_DUALTIMER_PERIOD (1u << 6)
#define TT_DUALTIMER_32BIT  (1u << 1)

/* Everything here runs under PRIMASK: the clock is read from ISRs and tasks. */
static uint32_t tt_primask_set(void)
{
    uint32_t primask;

    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) : : "memory");
    return primask;
}

static void tt_primask_restore(uint32_t primask)
{
    __asm__ volatile("msr primask, %0" : : "r"(primask) : "memory");
}

/*
 * Cycles from boundary 0 by which a reading of the tick count and one of
 * the clock may disagree: the two readings are some cycles apart, and
 * QEMU's counters each round to their own phase.
 */
#define TT_CLOCK_JITTER 64u

static int tt_clock_started;
static uint32_t tt_clock_last;
static uint64_t tt_clock_total;
static unsigned tt_timed_irq;

static uint64_t tt_clock_read(void)
{
    uint32_t value;

    if (!tt_clock_started) {
        TT_DUALTIMER1_LOAD = (uint32_t)k_cpu_cycle_per_tick / 4u;
        TT_DUALTIMER1_CTRL = TT_DUALTIMER_EN | TT_DUALTIMER_PERIOD | TT_DUALTIMER_32BIT;
        TT_TIMER_CTRL(MPS2_TIMER1_BASE) = 0u;
        TT_TIMER_RELOAD(MPS2_TIMER1_BASE) = 0xFFFFFFFFu;
        TT_TIMER_VALUE(MPS2_TIMER1_BASE) = 0xFFFFFFFFu;
        TT_TIMER_CTRL(MPS2_TIMER1_BASE) = TT_TIMER_EN;
        tt_clock_last = 0xFFFFFFFFu;
        tt_clock_started = 1;
    }
    value = TT_TIMER_VALUE(MPS2_TIMER1_BASE);
    tt_clock_total += (uint32_t)(tt_clock_last - value); /* counts down, wraps every 2^32 */
    tt_clock_last = value;
    return tt_clock_total;
}

int tt_clock_available(void)
{
    return 1;
}

uint64_t tt_clock_get(void)
{
    uint32_t primask = tt_primask_set();
    uint64_t now = tt_clock_read();

    tt_primask_restore(primask);
    return now;
}

uint64_t tt_clock_tick_zero(void)
{
    uint64_t cpt = (uint64_t)k_cpu_cycle_per_tick;
    uint32_t primask = tt_primask_set();
    uint64_t now;
    uint64_t phase;
    uint32_t cvr;

    (void)tt_clock_read(); /* started: the same instructions between the two readings every time */
    /* Away from a SysTick boundary, so that the pending flag matches CVR. */
    do {
        cvr = PORT_SYST_CVR;
    } while (cvr < TT_CLOCK_JITTER);
    now = tt_clock_read();
    phase = cpt - cvr;
    if ((PORT_SCB_ICSR & PORT_ICSR_PENDSTSET) != 0u) {
        phase += cpt; /* a boundary the handler has not delivered yet */
    }
    now -= phase + (uint64_t)tos_systick_get() * cpt;
    tt_primask_restore(primask);
    return now;
}

uint32_t tt_clock_jitter(void)
{
    return TT_CLOCK_JITTER;
}

/* Up to two restarts per sleep (arming it, and after an early wake-up), half a cycle each. */
uint32_t tt_clock_sleep_slack(void)
{
    return 1u;
}

/* Timer 0 reached the instant: it stops, and the scheduled line is raised. */
static void tt_timed_isr(void)
{
    TT_TIMER_CTRL(MPS2_TIMER0_BASE) = 0u;
    TT_TIMER_INTCLEAR(MPS2_TIMER0_BASE) = 1u;
    port_irq_pend(tt_timed_irq);
}

/*
 * A device's interrupt comes at any phase of the instruction stream. Under
 * QEMU an instruction lasts a fraction of a cycle more or less than a whole
 * number (32 ns against 40 at 25 MHz), and a timer armed a fixed number of
 * instructions after the previous wake-up would always fire at the same
 * fraction: every SysTick restart that follows would round the same way.
 * A few spare instructions before arming vary it (1 to 5 loops of 2: all
 * five phases of 8 ns).
 */
static void tt_phase_vary(void)
{
    static uint32_t seed = 1u;
    uint32_t loops;

    seed = seed * 1664525u + 1013904223u;
    loops = (seed >> 16) % 5u + 1u;
    __asm__ volatile("1:\n\t"
                     "subs %0, %0, #1\n\t"
                     "bne 1b"
                     : "+l"(loops)
                     :
                     : "cc");
}

void tt_irq_raise_at(unsigned irq, uint64_t cycle)
{
    uint32_t primask = tt_primask_set();
    uint64_t now;
    uint64_t wait;

    tt_phase_vary();
    now = tt_clock_read();
    wait = cycle > now ? cycle - now : 0u;

    TT_TIMER_CTRL(MPS2_TIMER0_BASE) = 0u;
    TT_TIMER_INTCLEAR(MPS2_TIMER0_BASE) = 1u;
    PORT_NVIC_ICPR(MPS2_TIMER0_IRQ / 32u) = 1u << (MPS2_TIMER0_IRQ % 32u);
    if (cycle == TT_CLOCK_NEVER) {
        port_irq_disable(MPS2_TIMER0_IRQ);
    } else if (wait == 0u) {
        port_irq_pend(irq);
    } else {
        tt_timed_irq = irq;
        (void)port_irq_attach(MPS2_TIMER0_IRQ, tt_timed_isr);
        port_irq_priority_set(MPS2_TIMER0_IRQ, TT_IRQ_PRIO);
        TT_TIMER_RELOAD(MPS2_TIMER0_BASE) = 0xFFFFFFFFu;
        TT_TIMER_VALUE(MPS2_TIMER0_BASE) = wait < 0xFFFFFFFFu ? (uint32_t)wait : 0xFFFFFFFFu;
        TT_TIMER_CTRL(MPS2_TIMER0_BASE) = TT_TIMER_EN | TT_TIMER_IRQ_EN;
        port_irq_enable(MPS2_TIMER0_IRQ);
    }
    tt_primask_restore(primask);
}

#else /* no CMSDK timers (micro:bit) */

int tt_clock_available(void)
{
    return 0;
}

uint64_t tt_clock_get(void)
{
    return 0u;
}

#include "tt_port_clock_exact.h"

void tt_irq_raise_at(unsigned irq, uint64_t cycle)
{
    (void)irq;
    (void)cycle;
}

#endif
