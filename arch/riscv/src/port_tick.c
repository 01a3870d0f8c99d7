/*
 * The tick, idle, and the hooks of power management and tickless idle.
 *
 * Why it is built this way:
 *  - The tick is the CLINT's mtimecmp. Each tick moves the compare value one
 *    period on from the previous boundary (not from "now"), so the tick
 *    never drifts, and a tick that could not be taken in time leaves the
 *    timer interrupt pending: late ticks are replayed one by one, never
 *    lost. TOS_CFG_CPU_CLOCK is mtime's frequency, so a "cycle" is an mtime
 *    unit, and the boundaries lie on one grid from start-up on.
 *  - Idle suppresses the tick (TOS_CFG_CPU_IDLE_TICKLESS_EN, on by
 *    default): with nothing to run, the hart sleeps until the tick boundary
 *    of the next kernel deadline, or until any other interrupt, and the
 *    next tick interrupt hands the kernel the ticks that passed as one
 *    tick_update(n), which has exactly the effect of n ticks, on the
 *    interrupt stack (timer callbacks never run on the idle task's stack).
 *    Fewer wake-ups on a board; under QEMU with -icount,sleep=off a sleep
 *    costs no host time at all.
 *  - Tickless idle of the power manager (TOS_CFG_TICKLESS_EN) uses the same
 *    comparator as its wake-up alarm (port_tickless_wkup_alarm): mtime runs
 *    on while the hart sleeps, so the alarm measures the sleep exactly and
 *    hands the tick back on its grid.
 *  - The machine has no other timer the hart can take an interrupt from
 *    without an interrupt controller, so the comparator also serves one
 *    timed pend of an interrupt line (port_irq_pend_at()): it is programmed
 *    with the earlier of what the tick (or the alarm) wants and that
 *    instant, and its interrupt sorts out which of the two is due. A device
 *    interrupt at an arbitrary instant, also while the hart sleeps, is what
 *    tests of tickless idle need.
 */
#include "port_riscv.h"

uint32_t port_tick_prio = TOS_CFG_CPU_SYSTICK_PRIO;
uint64_t port_tick_next;
uint32_t port_tick_period = 1u;
int port_tick_stopped;

static uint32_t port_tick_interrupts;

/* What the tick (or the tickless alarm) wants the comparator at. */
static uint64_t port_cmp_want = UINT64_MAX;
/* The timed pend: line port_pend_irq at mtime port_pend_when (UINT64_MAX: none). */
static uint64_t port_pend_when = UINT64_MAX;
static unsigned int port_pend_irq;

#if TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u
/* Set while the idle task sleeps through ticks: the next tick interrupt delivers them all. */
static int port_idle_skipping;
#endif

/* The tick interrupt's own copies are inline: it runs a thousand times a second. */
__attribute__((__always_inline__)) static inline uint64_t port_mtime_read(void)
{
    volatile uint32_t *mtime = port_mmio32(PORT_CLINT_MTIME);
    uint32_t hi;
    uint32_t lo;

    /* Re-read if the low word wrapped between the two reads. */
    do {
        hi = mtime[1];
        lo = mtime[0];
    } while (hi != mtime[1]);
    return ((uint64_t)hi << 32u) | lo;
}

/* Never a moment where the 64-bit compare value is below both the old and the new one. */
__attribute__((__always_inline__)) static inline void port_mtimecmp_store(uint64_t when)
{
    volatile uint32_t *cmp = port_mmio32(PORT_CLINT_MTIMECMP);

    cmp[0] = 0xFFFFFFFFu;
    cmp[1] = (uint32_t)(when >> 32u);
    cmp[0] = (uint32_t)when;
}

__attribute__((__always_inline__)) static inline void port_compare_program(uint64_t when)
{
    port_cmp_want = when;
    port_mtimecmp_store(when < port_pend_when ? when : port_pend_when);
}

__PORT__ uint64_t port_mtime_get(void)
{
    return port_mtime_read();
}

void port_mtimecmp_write(uint64_t when)
{
    port_mtimecmp_store(when);
}

__PORT__ void port_compare_set(uint64_t when)
{
    port_compare_program(when);
}

__PORT__ int port_irq_pend_at(unsigned int irq, uint64_t when)
{
    cpu_cpsr_t cpsr;
    int rc = -1;

    if (irq < PORT_IRQ_COUNT) {
        cpsr = port_cpsr_save();
        port_pend_irq = irq;
        port_pend_when = when;
        if (when <= port_mtime_get()) {
            port_pend_when = UINT64_MAX;
            (void)port_irq_pend(irq);
        }
        port_compare_set(port_cmp_want);
        port_cpsr_restore(cpsr);
        rc = 0;
    }
    return rc;
}

#if (TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u) || (TOS_CFG_TICKLESS_EN > 0u)
/* Tick boundaries that have passed without the kernel being told. */
static uint32_t port_ticks_due(void)
{
    uint64_t now = port_mtime_get();
    uint64_t late;
    uint32_t due = 0u;

    if (now >= port_tick_next) {
        late = now - port_tick_next;
        due = (late > 0x7FFFFFFFu ? 0x7FFFFFFFu : (uint32_t)late) / port_tick_period + 1u;
    }
    return due;
}
#endif

__PORT__ void port_systick_config(uint32_t cycle_per_tick)
{
    port_tick_period = cycle_per_tick > 0u ? cycle_per_tick : 1u;
    port_tick_stopped = K_FALSE;
    port_tick_next = port_mtime_get() + port_tick_period;
    port_compare_set(port_tick_next);
}

__PORT__ void port_systick_priority_set(uint32_t prio)
{
    port_tick_prio = prio > PORT_IRQ_PRIO_LOWEST ? PORT_IRQ_PRIO_LOWEST : prio;
}

__PORT__ uint32_t port_systick_interrupts(void)
{
    return port_tick_interrupts;
}

__PORT__ uint64_t port_tick_last_boundary(void)
{
    return port_tick_next - port_tick_period;
}

__KNL__ void cpu_systick_init(k_cycle_t cycle_per_tick)
{
    port_systick_priority_set(TOS_CFG_CPU_SYSTICK_PRIO);
    port_systick_config((uint32_t)cycle_per_tick);
}

/*
 * What the timer interrupt does besides a due tick: the timed pend, the
 * tickless alarm, an interrupt for the timed pend alone. Returns non-zero
 * when a tick boundary is due as well.
 */
__attribute__((noinline)) static int port_tick_other(uint64_t now)
{
    int due = K_FALSE;

    if (port_pend_when <= now) {
        port_pend_when = UINT64_MAX;
        (void)port_irq_pend(port_pend_irq);
    }
    if (port_tick_stopped) {
        /* A wake-up alarm of tickless idle that fired: the kernel credits the sleep itself. */
        port_compare_set(port_cmp_want <= now ? UINT64_MAX : port_cmp_want);
    } else if (now < port_tick_next) {
        /* Only the timed pend was due. */
        port_compare_set(port_tick_next);
    } else {
        due = K_TRUE;
    }
    return due;
}

void port_tick_isr(void)
{
    uint64_t now = port_mtime_read();
    uint32_t batch = 1u;
    port_level_t outer;

    ++port_tick_interrupts;
    if ((port_pend_when > now && !port_tick_stopped && now >= port_tick_next) ||
        port_tick_other(now)) {
#if TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u
        if (port_idle_skipping) {
            /* The idle task slept through these: nothing ran that could see them one by one. */
            port_idle_skipping = K_FALSE;
            batch = port_ticks_due();
        }
        port_tick_next += (uint64_t)batch * port_tick_period;
#else
        port_tick_next += port_tick_period;
#endif
        /* On from the last boundary: a late tick stays pending for the next round. */
        port_compare_program(port_tick_next);
        outer = port_level_raise(port_tick_prio);
        knl_tick_isr((k_tick_t)batch);
        port_level_restore(outer);
    }
}

/* ---- idle ------------------------------------------------------------------------ */

static void port_wfi(void)
{
    __asm__ volatile("wfi" : : : "memory");
}

#if TOS_CFG_CPU_IDLE_TICKLESS_EN > 0u
__KNL__ void cpu_idle(void)
{
    cpu_cpsr_t cpsr = port_cpsr_save();
    k_tick_t next = knl_next_expires_get();
    /* Longest sleep without a tick: its length in mtime units stays below 2^31. */
    k_tick_t most = (k_tick_t)(0x7FFFFFFFu / port_tick_period);

    /* The ticks before the next deadline would find nothing to do: sleep through them. */
    if (next > most) {
        next = most;
    }
    if (next > 1u && !port_tick_stopped) {
        port_idle_skipping = K_TRUE;
        port_compare_set(port_tick_next + (uint64_t)(next - 1u) * port_tick_period);
    }
    /*
     * Masked, wfi still wakes on any enabled pending interrupt. Back to the
     * next regular boundary: if boundaries have passed, that leaves the tick
     * interrupt pending, and it is taken first (MTI outranks SSI) and, at
     * the default tick priority, delivers the skipped ticks before any
     * other handler looks at the time.
     */
    port_wfi();
    if (port_idle_skipping) {
        port_idle_skipping = port_ticks_due() > 0u;
        port_compare_set(port_tick_next);
    }
    port_cpsr_restore(cpsr);
}
#else
__KNL__ void cpu_idle(void)
{
    /* Wakes on any enabled pending interrupt, which is then taken. */
    port_wfi();
}
#endif

/* ---- power management --------------------------------------------------------------- */

#if TOS_CFG_PWR_MGR_EN > 0u
/*
 * Machine mode has one low-power instruction; deeper modes are a matter of
 * the SoC's clock and power controller, which a board adds around these.
 */
__PORT__ void port_sleep_mode_enter(void)
{
    port_wfi();
}

__PORT__ void port_stop_mode_enter(void)
{
    port_wfi();
}

__PORT__ void port_standby_mode_enter(void)
{
    port_wfi();
}

__KNL__ void cpu_sleep_mode_enter(void)
{
    port_sleep_mode_enter();
}

__KNL__ void cpu_stop_mode_enter(void)
{
    port_stop_mode_enter();
}

__KNL__ void cpu_standby_mode_enter(void)
{
    port_standby_mode_enter();
}
#endif

/* ---- the tick hooks of tickless idle ------------------------------------------------- */

#if TOS_CFG_TICKLESS_EN > 0u
__PORT__ void port_systick_suspend(void)
{
    port_tick_stopped = K_TRUE;
    port_compare_set(UINT64_MAX);
}

/* Restarts a period from now: the time the tick was stopped has been credited by the kernel. */
__PORT__ void port_systick_resume(void)
{
    port_tick_stopped = K_FALSE;
    port_tick_next = port_mtime_get() + port_tick_period;
    port_compare_set(port_tick_next);
}

__PORT__ void port_systick_reload(uint32_t cycle_per_tick)
{
    port_tick_period = cycle_per_tick > 0u ? cycle_per_tick : 1u;
    if (!port_tick_stopped) {
        port_systick_resume();
    }
}

__PORT__ void port_systick_pending_reset(void)
{
    /* MTIP follows mtime >= mtimecmp: a running tick that is due moves a period on. */
    if (!port_tick_stopped && port_ticks_due() > 0u) {
        port_tick_next = port_mtime_get() + port_tick_period;
        port_compare_set(port_tick_next);
    }
}

__PORT__ k_time_t port_systick_max_delay_millisecond(void)
{
    uint32_t per_ms = (uint32_t)(TOS_CFG_CPU_CLOCK / 1000u);

    /* Sleeps stay below 2^31 mtime units (see the alarm). */
    return (k_time_t)(0x7FFFFFFFu / (per_ms > 0u ? per_ms : 1u));
}

__KNL__ void cpu_systick_resume(void)
{
    port_systick_resume();
}

__KNL__ void cpu_systick_suspend(void)
{
    port_systick_suspend();
}

__KNL__ void cpu_systick_reload_reset(void)
{
    port_systick_reload((uint32_t)k_cpu_cycle_per_tick);
}

__KNL__ void cpu_systick_pending_reset(void)
{
    port_systick_pending_reset();
}

__KNL__ k_time_t cpu_systick_max_delay_millisecond(void)
{
    return port_systick_max_delay_millisecond();
}

/* A one-shot tick `millisecond` ms from now (the original tickless API). */
__KNL__ void cpu_systick_expires_set(k_time_t millisecond)
{
    uint64_t cycles = (uint64_t)millisecond * (TOS_CFG_CPU_CLOCK / 1000u);

    port_tick_stopped = K_FALSE;
    port_tick_next = port_mtime_get() + (cycles > 0u ? cycles : 1u);
    port_compare_set(port_tick_next);
}

__KNL__ void cpu_systick_reset(void)
{
    port_systick_reload((uint32_t)k_cpu_cycle_per_tick);
}
#endif
