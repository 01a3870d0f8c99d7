/*
 * Power management on the host simulator: the wake-up timer, the low-power
 * mode hooks and the tick hooks of tickless idle.
 *
 * Why it is built this way: on a board, tickless idle stops the periodic
 * tick, arms a one-shot timer, and the CPU sleeps until that timer or
 * another interrupt; afterwards a counter says how long it slept. The host
 * simulates exactly that device, so the kernel's tickless path runs
 * unchanged on it:
 *  - the wake-up timer is a one-shot compare on the simulator's cycle
 *    counter with a maximum reach (default: a 32-bit counter, settable to
 *    model a small timer);
 *  - the counter is free-running with cycle resolution, so the elapsed time
 *    is exact to the cycle, also inside a tick;
 *  - a sleep ends at the alarm or at the first interrupt: one raised by a
 *    foreign thread, or one a test scheduled at a virtual time
 *    (port_sim_irq_raise_at), which lands inside a tick as on hardware.
 * With the virtual clock "sleeping" is a jump of the cycle counter, the
 * same mechanism as the ticked idle jump; with the real clock it is a timed
 * wait. Time keeping never loses a tick: the alarm measures from the last
 * boundary the kernel was given, and when it hands the tick back every
 * boundary the kernel was not credited with is delivered by the tick ISR.
 */
#include "port_sim_internal.h"

static uint64_t sim_cycles_per_ms(void)
{
    uint64_t per_ms = sim_clock.cycles_per_tick * (uint64_t)k_cpu_tick_per_second / 1000u;

    return per_ms > 0u ? per_ms : 1u;
}

/* ---- the wake-up timer ------------------------------------------------------ */

void port_sim_wkup_max_set(uint64_t cycles)
{
    if (sim_self() != NULL) {
        sim_clock.wkup_max = cycles > 0u ? cycles : PORT_SIM_WKUP_MAX_DEFAULT;
    }
}

int port_sim_wkup_init(void)
{
    return sim_self() != NULL ? 0 : -1;
}

uint32_t port_sim_wkup_max_delay(void)
{
    uint64_t ms = sim_clock.wkup_max / sim_cycles_per_ms();

    return ms < UINT32_MAX ? (uint32_t)ms : UINT32_MAX;
}

/*
 * Refused: a foreign caller, a wake-up beyond the timer's reach, and a sleep
 * that nothing but the timer itself could end (no kernel deadline, no
 * scheduled interrupt). The last keeps the simulator's deadlock detection:
 * the idle task then waits ticked, where a deadlock is recognised.
 */
static int sim_wkup_refused(uint64_t at)
{
    uint64_t now = sim_now();

    return sim_self() == NULL || (at > now && at - now > sim_clock.wkup_max) ||
           (knl_next_expires_get() == TOS_TIME_FOREVER && sim_sched_next() == SIM_NEVER);
}

int port_sim_wkup_setup(uint32_t ms)
{
    uint64_t at = sim_now() + (uint64_t)ms * sim_cycles_per_ms();
    int rc = -1;

    if (!sim_wkup_refused(at)) {
        sim_clock.wkup_at = at > 0u ? at : 1u;
        sim_clock.wkup_exact = K_FALSE;
        rc = 0;
    }
    return rc;
}

int port_sim_wkup_setup_cycles(uint64_t cycles)
{
    uint64_t at = sim_clock.accounted * sim_clock.cycles_per_tick + cycles;
    int rc = -1;

    if (cycles > 0u && !sim_wkup_refused(at)) {
        /* Take over from the tick: a due tick is now part of the measurement. */
        atomic_store(&sim_clock.tick_stopped, 1);
        atomic_fetch_and(&sim_cpu.irq_pending, ~((uint32_t)1u << PORT_SIM_IRQ_TICK));
        atomic_store(&sim_clock.jump, 0);
        sim_clock.wkup_at = at;
        sim_clock.wkup_exact = K_TRUE;
        sim_clock.wkup_elapsed = 0u;
        rc = 0;
    }
    return rc;
}

uint64_t port_sim_wkup_elapsed_cycles(void)
{
    uint64_t elapsed = 0u;

    if (sim_self() != NULL && sim_clock.wkup_exact) {
        elapsed = sim_now() - sim_clock.accounted * sim_clock.cycles_per_tick;
        sim_clock.wkup_elapsed = elapsed;
    }
    return elapsed;
}

/*
 * The kernel credits the whole ticks of the last elapsed value; the tick
 * resumes on its grid, and a boundary passed after that reading (real
 * clock) is delivered as a tick.
 */
int port_sim_wkup_dismiss(void)
{
    if (sim_self() != NULL) {
        if (sim_clock.wkup_exact) {
            sim_clock.accounted += sim_clock.wkup_elapsed / sim_clock.cycles_per_tick;
            sim_clock.wkup_exact = K_FALSE;
            atomic_store(&sim_clock.tick_stopped, 0);
            if (sim_now() / sim_clock.cycles_per_tick > sim_clock.accounted) {
                port_sim_irq_raise(PORT_SIM_IRQ_TICK);
            }
        }
        sim_clock.wkup_at = 0u;
    }
    return 0;
}

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
k_tickless_wkup_alarm_t port_tickless_wkup_alarm = {
    .init = port_sim_wkup_init,
    .setup = port_sim_wkup_setup,
    .dismiss = port_sim_wkup_dismiss,
    .max_delay = port_sim_wkup_max_delay,
    .setup_cycles = port_sim_wkup_setup_cycles,
    .elapsed_cycles = port_sim_wkup_elapsed_cycles,
};
#endif

/* ---- low-power modes ------------------------------------------------------------ */

#if TOS_CFG_PWR_MGR_EN > 0u
/*
 * With the tick stopped and the timer armed: sleep until the timer, a
 * scheduled interrupt or any pending interrupt (also while masked, like
 * WFI). Otherwise the tick is running: wait like the idle CPU.
 */
static void sim_low_power(void)
{
    uint64_t until = sim_clock.wkup_at;
    uint64_t sched = sim_sched_next();

    if (until != 0u && atomic_load(&sim_clock.tick_stopped)) {
        until = sched < until ? sched : until;
        if (sim_clock.mode == PORT_SIM_CLOCK_REAL) {
            sim_real_wait_until(until);
        } else if (atomic_load(&sim_cpu.irq_pending) == 0u && until > atomic_load(&sim_clock.now)) {
            atomic_store(&sim_clock.now, until);
        }
        sim_sched_fire(sim_now());
        sim_wakeups_add(1u);
    } else {
        sim_idle();
    }
}

__KNL__ void cpu_sleep_mode_enter(void)
{
    sim_low_power();
}

__KNL__ void cpu_stop_mode_enter(void)
{
    sim_low_power();
}

__KNL__ void cpu_standby_mode_enter(void)
{
    sim_low_power();
}
#endif

/* ---- the tick hooks of the original tickless path (contract §37.2) ---------- */

#if TOS_CFG_TICKLESS_EN > 0u
/* Boundaries that passed while the tick was stopped by the original-API path are skipped. */
static void sim_tick_resync(void)
{
    uint64_t boundary = sim_now() / sim_clock.cycles_per_tick;

    if (boundary > sim_clock.accounted) {
        sim_clock.accounted = boundary;
    }
}

__KNL__ void cpu_systick_suspend(void)
{
    atomic_store(&sim_clock.tick_stopped, 1);
}

__KNL__ void cpu_systick_resume(void)
{
    sim_tick_resync();
    atomic_store(&sim_clock.tick_stopped, 0);
}

__KNL__ void cpu_systick_reload_reset(void)
{
    sim_tick_resync();
}

/* A tick that was due is dropped, as clearing the pending flag drops it on a CPU. */
__KNL__ void cpu_systick_pending_reset(void)
{
    atomic_fetch_and(&sim_cpu.irq_pending, ~((uint32_t)1u << PORT_SIM_IRQ_TICK));
    atomic_store(&sim_clock.jump, 0);
    sim_tick_resync();
}

__KNL__ k_time_t cpu_systick_max_delay_millisecond(void)
{
    return (k_time_t)port_sim_wkup_max_delay();
}

__KNL__ void cpu_systick_expires_set(k_time_t millisecond)
{
    (void)port_sim_wkup_setup((uint32_t)millisecond);
}

__KNL__ void cpu_systick_reset(void)
{
    sim_tick_resync();
}
#endif
