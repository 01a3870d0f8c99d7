/*
 * The wake-up alarm of tickless idle (tos_tickless.h): the CLINT comparator
 * that also makes the tick.
 *
 * Why it is built this way: mtime keeps counting while the hart sleeps in
 * wfi, so one comparator can stop being the tick, wake the hart at the
 * planned moment, and measure how long it really slept (the Tern extension
 * setup_cycles/elapsed_cycles): the kernel credits exactly the whole ticks
 * that passed, and the tick resumes on its old grid, so tos_systick_get()
 * reads as if the tick had never stopped. The original API (setup(ms)) is
 * served too: the kernel then stops and restarts the tick itself.
 * Sleeps are limited to 2^31 mtime units (214 s at 10 MHz), far beyond what
 * a sleep needs, so that the millisecond conversions stay in 32 bits.
 */
#include "port_riscv.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

#define PORT_ALARM_REACH 0x7FFFFFFFu

/* An exact sleep measures from this boundary, the last one the kernel was credited with. */
static uint64_t port_alarm_base;
static uint64_t port_alarm_elapsed;
static int port_alarm_exact;

static uint32_t port_mtime_per_ms(void)
{
    uint32_t per_ms = (uint32_t)(TOS_CFG_CPU_CLOCK / 1000u);

    return per_ms > 0u ? per_ms : 1u;
}

static int port_wkup_init(void)
{
    return 0;
}

static k_time_t port_wkup_max_delay(void)
{
    return (k_time_t)(PORT_ALARM_REACH / port_mtime_per_ms());
}

/* Original API: the kernel has stopped the tick (cpu_systick_suspend). */
static int port_wkup_setup(k_time_t millisecond)
{
    int rc = -1;

    if (millisecond <= port_wkup_max_delay()) {
        port_compare_set(port_mtime_get() + (uint64_t)millisecond * port_mtime_per_ms());
        rc = 0;
    }
    return rc;
}

static int port_wkup_setup_cycles(uint64_t cycles)
{
    int rc = -1;

    if (cycles > 0u && cycles <= PORT_ALARM_REACH) {
        /* A boundary that is due but not delivered stays in the measurement. */
        port_tick_stopped = K_TRUE;
        port_alarm_base = port_tick_next - port_tick_period;
        port_alarm_elapsed = 0u;
        port_alarm_exact = K_TRUE;
        port_compare_set(port_alarm_base + cycles);
        rc = 0;
    }
    return rc;
}

static uint64_t port_wkup_elapsed_cycles(void)
{
    if (port_alarm_exact) {
        port_alarm_elapsed = port_mtime_get() - port_alarm_base;
    }
    return port_alarm_exact ? port_alarm_elapsed : 0u;
}

/*
 * Exact sleep: the kernel credits the whole ticks of the last elapsed value;
 * the tick resumes at the boundary after them (already passed: it is
 * pending and delivered as a late tick). Original API: the alarm is
 * disarmed and the kernel restarts the tick.
 */
static int port_wkup_dismiss(void)
{
    uint64_t credited;

    if (port_alarm_exact) {
        port_alarm_exact = K_FALSE;
        /* Exactly the kernel's floor(e / cpt), also for a wake-up just past the reach. */
        credited = port_alarm_elapsed / port_tick_period;
        port_tick_next = port_alarm_base + (credited + 1u) * port_tick_period;
        port_tick_stopped = K_FALSE;
        port_compare_set(port_tick_next);
    } else {
        port_compare_set(UINT64_MAX);
    }
    return 0;
}

k_tickless_wkup_alarm_t port_tickless_wkup_alarm = {
    .init = port_wkup_init,
    .setup = port_wkup_setup,
    .dismiss = port_wkup_dismiss,
    .max_delay = port_wkup_max_delay,
    .setup_cycles = port_wkup_setup_cycles,
    .elapsed_cycles = port_wkup_elapsed_cycles,
};

#endif
