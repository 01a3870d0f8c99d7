/*
 * The idle CPU (cpu_idle(), called by the idle task when power management
 * is off): sleep, and with TOS_CFG_CPU_IDLE_TICKLESS_EN skip the ticks
 * nobody waits for.
 *
 * Why it is built this way: a periodic tick wakes an idle CPU a thousand
 * times a second for nothing. When the kernel's next deadline
 * (knl_next_expires_get()) is several ticks away, SysTick's next reload is
 * stretched to cover them: the tick that ends the current period still
 * comes (it loads the long period), then the CPU sleeps through to the
 * deadline's tick boundary, where the counter reloads the normal period
 * again. The tick grid is never moved, so time is exact. The ticks that
 * passed are handed to the SysTick handler, which delivers them as one
 * tick_update(n) (exactly the effect of n ticks) on the main stack, so the
 * idle task's stack stays as small as the idle loop itself. An interrupt
 * that ends the sleep early gets the ticks that really passed; only then is
 * the counter brought back to the grid, by reloading it with what is left
 * of the current tick (a few cycles are lost there, on early wake-ups only).
 *
 * Everything runs with the kernel's interrupts masked, so the SysTick
 * handler with the credit runs before the interrupt that woke the CPU (it is
 * more urgent or equal) and that interrupt sees the right time;
 * port_wfi_masked() sleeps through the mask.
 */
#include "tos_k.h"
#include "port_cm.h"

#ifndef TOS_CFG_CPU_IDLE_TICKLESS_EN
#define TOS_CFG_CPU_IDLE_TICKLESS_EN 1u
#endif

#define PORT_ICSR_PENDSTSET (1u << 26)

/*
 * Cycles a reloaded counter keeps before its next boundary at least: less
 * would let that boundary's interrupt merge with the pending credit.
 */
#define PORT_IDLE_MARGIN_CYCLES 256u

#if TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u

/* Ticks the idle CPU slept through, for the SysTick handler to deliver. */
static k_tick_t port_idle_credit;

static int port_tick_pending(void)
{
    return (PORT_SCB_ICSR & PORT_ICSR_PENDSTSET) != 0u;
}

/* Pends SysTick with the slept ticks: delivered once the caller unmasks. */
static void port_ticks_credit(k_tick_t ticks)
{
    if (ticks > 0u) {
        port_idle_credit = ticks;
        PORT_SCB_ICSR = PORT_ICSR_PENDSTSET;
    }
}

/*
 * Ends a long period of `reload` + 1 cycles (a whole number of ticks) early:
 * credits the whole ticks that passed in it and reloads the counter with
 * what is left of the current tick, then the normal period again. If the
 * period ended meanwhile, the counter is already back on the grid.
 */
static k_tick_t port_long_period_end(uint32_t cpt, uint32_t reload)
{
    uint32_t left = PORT_SYST_CVR; /* cycles to the planned boundary */
    uint32_t rest = left % cpt;    /* cycles to the next boundary of the grid */
    k_tick_t passed = (k_tick_t)((reload + 1u - left) / cpt);

    if (port_tick_pending()) {
        PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR;
        passed = (k_tick_t)((reload + 1u) / cpt);
    } else {
        if (rest == 0u) {
            rest = cpt;
        }
        if (rest < PORT_IDLE_MARGIN_CYCLES) { /* that boundary counts as passed */
            ++passed;
            rest += cpt;
        }
        PORT_SYST_RVR = rest - 1u;
        PORT_SYST_CVR = 0u;
        PORT_SYST_RVR = cpt - 1u; /* the counter has taken the rest: normal periods again */
    }
    return passed;
}

/*
 * Sleeps from inside the current tick to the boundary `ticks` ticks ahead
 * (ticks >= 2) or an earlier interrupt; returns the ticks that passed.
 */
static k_tick_t port_ticks_skip(k_tick_t ticks)
{
    uint32_t cpt = (uint32_t)k_cpu_cycle_per_tick;
    k_tick_t longest = (k_tick_t)(PORT_SYST_RVR_MAX / cpt);
    k_tick_t extra = ticks - 1u < longest ? ticks - 1u : longest;
    uint32_t reload = (uint32_t)extra * cpt - 1u;
    k_tick_t passed = 0u;

    PORT_SYST_RVR = reload; /* taken at the end of the current tick */
    port_wfi_masked();
    if (!port_tick_pending()) {
        /* Woken inside the current tick. */
        PORT_SYST_RVR = cpt - 1u;
        if (port_tick_pending()) { /* ... which just ended, loading the long period */
            PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR;
            passed = 1u + port_long_period_end(cpt, reload);
        }
    } else {
        PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR; /* the long period runs ... */
        PORT_SYST_RVR = cpt - 1u;            /* ... and normal ones follow */
        port_wfi_masked();
        if (port_tick_pending()) {
            PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR;
            passed = 1u + extra;
        } else {
            passed = 1u + port_long_period_end(cpt, reload);
        }
    }
    return passed;
}

/* Worth skipping: only idle is ready, no switch or tick waits, a deadline is 2+ ticks away. */
static k_tick_t port_ticks_to_skip(void)
{
    k_tick_t next = 0u;

    if ((PORT_SCB_ICSR & (PORT_ICSR_PENDSVSET | PORT_ICSR_PENDSTSET)) == 0u &&
        (PORT_SYST_CSR & PORT_SYST_CSR_ENABLE) != 0u && tos_knl_is_running()) {
        next = knl_next_expires_get();
    }
    return next >= 2u ? next : 0u;
}

__KNL__ void cpu_idle(void)
{
    k_tick_t ticks;
    cpu_cpsr_t cpsr = port_cpsr_save();

    ticks = port_ticks_to_skip();
    if (ticks != 0u) {
        port_ticks_credit(port_ticks_skip(ticks));
    }
    port_cpsr_restore(cpsr);
    if (ticks == 0u) {
        __asm__ volatile("dsb 0xF\n\twfi" : : : "memory");
    }
}

/* The tick; with idle tick suppression it may carry the ticks the CPU slept. */
void SysTick_Handler(void)
{
    k_tick_t ticks = port_idle_credit;

    port_idle_credit = 0u;
    if (tos_knl_is_running()) {
        tos_knl_irq_enter();
        if (ticks > 1u) {
            tick_update(ticks);
        } else {
            tos_tick_handler();
        }
        tos_knl_irq_leave();
    }
}

#else

__KNL__ void cpu_idle(void)
{
    __asm__ volatile("dsb 0xF\n\twfi" : : : "memory");
}

void SysTick_Handler(void)
{
    if (tos_knl_is_running()) {
        tos_knl_irq_enter();
        tos_tick_handler();
        tos_knl_irq_leave();
    }
}

#endif
