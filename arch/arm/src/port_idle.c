/*
 * The tick's handler, mid-period restarts of SysTick, and the idle CPU
 * (cpu_idle(), called by the idle task when power management is off or for
 * a ticked wait of the power manager): sleep, and with
 * TOS_CFG_CPU_IDLE_TICKLESS_EN skip the ticks nobody waits for.
 *
 * Why it is built this way:
 *  - A periodic tick wakes an idle CPU a thousand times a second for
 *    nothing. When the kernel's next deadline (knl_next_expires_get()) is
 *    several ticks away, SysTick's next reload is stretched to cover them:
 *    the tick that ends the current period still comes (it loads the long
 *    period), then the CPU sleeps through to the deadline's tick boundary,
 *    where the counter reloads the normal period again. The tick grid is
 *    never moved, so time is exact. The ticks that passed are handed to the
 *    SysTick handler, which delivers them as one tick_update(n) (exactly the
 *    effect of n ticks) on the main stack, so the idle task's stack stays as
 *    small as the idle loop itself.
 *  - An interrupt that ends such a sleep early gets the ticks that really
 *    passed, and the counter is brought back to the grid by a restart with
 *    what is left of the current tick. A restart stops the count for the few
 *    cycles between reading CVR and writing it: port_systick_restart() does
 *    both in one fixed instruction sequence under PRIMASK (so even
 *    interrupts above the kernel's mask cannot stretch it), and its callers
 *    add the fixed loss back (PORT_SYSTICK_RESTART_LOSS, in 1/256 cycle
 *    with the fraction carried: under an emulator an instruction need not
 *    last a whole number of cycles). Without that, every early wake-up
 *    would move the grid a few cycles, ticks per day. The tickless alarm
 *    (port_tickless.c) uses the same restart.
 *  - Everything runs with the kernel's interrupts masked, so the SysTick
 *    handler with the credit runs before the interrupt that woke the CPU (it
 *    is more urgent or equal) and that interrupt sees the right time;
 *    port_wfi_masked() sleeps through the mask.
 */
#include "tos_k.h"
#include "port_cm.h"

/*
 * Cycles a reloaded counter keeps before its next boundary at least: less
 * would let that boundary's interrupt merge with the pending credit.
 */
#define PORT_IDLE_MARGIN_CYCLES 256u

/* Skipped ticks are credited by idle tick suppression and by the tickless alarm. */
#define PORT_TICK_CREDIT_EN \
    (TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u || (TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u))

#if PORT_TICK_CREDIT_EN
/*
 * Ticks that passed without their interrupt, for the SysTick handler to
 * deliver. 32 bits: every credit comes from positions of the 32-bit cycle
 * count (a 24-bit SysTick span at most), and the handler takes the sum
 * before the next one can be added; the handler's common path is then one
 * word load and a test.
 */
static uint32_t port_tick_credit;
#endif
/* Fraction (1/256 cycle) of the restart losses not yet added back. */
static uint32_t port_restart_frac;

__PORT__ uint32_t port_systick_restart(uint32_t offset)
{
    uint32_t primask;
    uint32_t cvr;
    uint32_t scratch;

    /*
     * From the CVR load to the CVR store: two instructions in between, the
     * same on every call. The counter reloads from RVR one cycle after the
     * store; only then may RVR take the normal period again.
     */
    __asm__ volatile("mrs %[pm], primask\n\t"
                     "cpsid i\n\t"
                     "ldr %[cvr], [%[syst], %[cvr_off]]\n\t"
                     "adds %[tmp], %[ofs], %[cvr]\n\t"
                     "str %[tmp], [%[syst], %[rvr_off]]\n\t"
                     "str %[cvr], [%[syst], %[cvr_off]]\n"
                     "1:\n\t"
                     "ldr %[tmp], [%[syst], %[cvr_off]]\n\t"
                     "cmp %[tmp], #0\n\t"
                     "beq 1b\n\t"
                     "str %[normal], [%[syst], %[rvr_off]]\n\t"
                     "msr primask, %[pm]"
                     : [pm] "=&r"(primask), [cvr] "=&l"(cvr), [tmp] "=&l"(scratch)
                     : [syst] "l"(PORT_SYST_BASE), [ofs] "l"(offset),
                       [normal] "l"((uint32_t)k_cpu_cycle_per_tick - 1u),
                       [cvr_off] "I"(PORT_SYST_CVR_OFFSET), [rvr_off] "I"(PORT_SYST_RVR_OFFSET)
                     : "cc", "memory");
    return cvr;
}

__PORT__ uint32_t port_systick_restart_loss(void)
{
    uint32_t sum = port_restart_frac + (uint32_t)PORT_SYSTICK_RESTART_LOSS;

    port_restart_frac = sum & 0xFFu;
    return sum >> 8u;
}

#if PORT_TICK_CREDIT_EN
/* Pends SysTick with the ticks: delivered once the caller unmasks. */
__PORT__ void port_systick_credit(k_tick_t ticks)
{
    if (ticks > 0u) {
        port_tick_credit += (uint32_t)ticks;
        PORT_SCB_ICSR = PORT_ICSR_PENDSTSET;
    }
}
#endif

#if TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u

static int port_tick_pending(void)
{
    return (PORT_SCB_ICSR & PORT_ICSR_PENDSTSET) != 0u;
}

/*
 * Ends a long period of `reload` + 1 cycles (a whole number of ticks) early:
 * credits the whole ticks that passed in it and restarts the counter with
 * what is left of the current tick, then the normal period again. If the
 * period ended meanwhile, the counter is already back on the grid.
 */
static k_tick_t port_long_period_end(uint32_t cpt, uint32_t reload)
{
    uint32_t left = PORT_SYST_CVR; /* cycles to the planned boundary */
    uint32_t rest = left % cpt;    /* cycles to the next boundary of the grid */
    k_tick_t passed = (k_tick_t)((reload + 1u - left) / cpt);
    /* CVR at the next boundary of the grid (one "now" is already in passed). */
    uint32_t block = left - (rest == 0u ? cpt : rest);

    if (port_tick_pending()) {
        PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR;
        passed = (k_tick_t)((reload + 1u) / cpt);
    } else {
        if (rest != 0u && rest < PORT_IDLE_MARGIN_CYCLES) { /* that boundary counts as passed */
            ++passed;
            block -= cpt; /* wraps below 0: a boundary after the planned one */
        }
        /*
         * The counter would reach `block` (left - block) cycles after the
         * restart's own reading of CVR: the next period is that long, less
         * what the restart loses.
         */
        (void)port_systick_restart(0u - block - port_systick_restart_loss() - 1u);
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
        port_systick_credit(port_ticks_skip(ticks));
    }
    port_cpsr_restore(cpsr);
    if (ticks == 0u) {
        __asm__ volatile("dsb 0xF\n\twfi" : : : "memory");
    }
}

#else

__KNL__ void cpu_idle(void)
{
    port_idle_inline();
}

#endif

/* The tick; it may carry ticks that passed without their own interrupt. */
void SysTick_Handler(void)
{
#if PORT_TICK_CREDIT_EN
    uint32_t credit = port_tick_credit;

    if (credit != 0u) {
        port_tick_credit = 0u;
        knl_tick_isr((k_tick_t)credit);
    } else {
        knl_tick_isr((k_tick_t)1u);
    }
#else
    knl_tick_isr_one();
#endif
}
