/*
 * The wake-up alarm of tickless idle (tos_tickless.h) on SysTick, with the
 * exact methods setup_cycles/elapsed_cycles (docs/power.md, section 5).
 *
 * Why it is built this way:
 *  - SysTick is the tick and the one timer every Cortex-M has, and it counts
 *    on while the core sleeps in WFI. Tickless idle turns it into a one-shot:
 *    from the last tick boundary the kernel was given ("base"), the current
 *    period is cut short by a restart whose single period ends at the
 *    planned wake-up; the reload register already holds the normal period
 *    again, so the periods after the wake-up are ticks on the old grid.
 *  - Position in cycles since base = (restart position + one-shot length)
 *    - CVR while the one-shot runs, or + (cpt - CVR) once it expired. That
 *    measures the sleep exactly, whatever woke the CPU. After an early
 *    wake-up the counter is restarted once more so that its next boundary
 *    is the next one of the grid: the sub-tick remainder is carried, and
 *    the restarts add back the cycles they lose (port_systick_restart()).
 *  - A wake-up at the next boundary needs no restart at all: the running
 *    period is already the alarm.
 *  - No reading is taken within PORT_ALARM_GUARD cycles of a boundary (of
 *    the counter or of the grid): the code spins past it first. Then the
 *    expiry flag and CVR always agree, the kernel's credit and the restart
 *    in dismiss() that follows it see the same boundaries, and a restart
 *    never targets a boundary that passes while it is being programmed.
 *  - A boundary that nevertheless passes between the kernel's last reading
 *    and dismiss() (the kernel was slow) is handed to the SysTick handler,
 *    never lost.
 *  - Arithmetic stays in 32 bits: the reach is below 2^24 cycles.
 */
#include "tos_k.h"
#include "port_cm.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

/*
 * Cycles around a boundary in which nothing is read or programmed: more
 * than the longest path from a reading to the end of the restart in
 * dismiss() (a 32-bit division on cores without a divider included).
 */
#define PORT_ALARM_GUARD 512u

/* The counter's reach: one period of at most 2^24 cycles. */
#define PORT_ALARM_REACH (PORT_SYST_RVR_MAX + 1u)

typedef struct port_alarm_st {
    uint32_t start;  /* position of the one-shot's start, cycles after base */
    uint32_t length; /* the one-shot's length in cycles */
    uint32_t last;   /* the last position elapsed_cycles() returned */
    uint8_t armed;   /* between setup_cycles() and dismiss() */
    uint8_t expired; /* the one-shot's boundary has passed */
    uint8_t natural; /* the one-shot is the running tick period (no restart) */
} port_alarm_t;

static port_alarm_t port_alarm;

static uint32_t port_cpt(void)
{
    return (uint32_t)k_cpu_cycle_per_tick;
}

static int port_systick_boundary_seen(void)
{
    return (PORT_SYST_CSR & PORT_SYST_CSR_COUNTFLAG) != 0u ||
           (PORT_SCB_ICSR & PORT_ICSR_PENDSTSET) != 0u;
}

/* CVR at least PORT_ALARM_GUARD cycles away from the counter's next boundary. */
static uint32_t port_cvr_settled(void)
{
    uint32_t cvr;

    do {
        cvr = PORT_SYST_CVR;
    } while (cvr < PORT_ALARM_GUARD);
    return cvr;
}

/*
 * Position now, cycles after base, at least PORT_ALARM_GUARD cycles from
 * any boundary of the grid and of the counter.
 */
static uint32_t port_alarm_position(void)
{
    uint32_t cpt = port_cpt();
    uint32_t position;
    uint32_t cvr;

    do {
        cvr = port_cvr_settled();
        /* No boundary is near: the flags describe the past only. */
        if (!port_alarm.expired && port_systick_boundary_seen()) {
            port_alarm.expired = K_TRUE;
        }
        position = port_alarm.start + port_alarm.length;
        position = port_alarm.expired ? position + (cpt - cvr) : position - cvr;
    } while (cpt - position % cpt < PORT_ALARM_GUARD);
    return position;
}

static int port_wkup_init(void)
{
    return 0;
}

/*
 * Original API: the kernel has stopped SysTick; run it again as a one-shot
 * of `millisecond` (the kernel restarts the tick after the sleep).
 */
static int port_wkup_setup(k_time_t millisecond)
{
    uint32_t per_ms = (uint32_t)(TOS_CFG_CPU_CLOCK / 1000u);
    int rc = -1;

    if (millisecond > 0u && (uint64_t)millisecond * per_ms <= PORT_ALARM_REACH &&
        !port_alarm.armed) {
        PORT_SYST_RVR = (uint32_t)millisecond * per_ms - 1u;
        PORT_SYST_CVR = 0u;
        PORT_SYST_CSR |= PORT_SYST_CSR_ENABLE;
        rc = 0;
    }
    return rc;
}

/* Whole ms within the counter's reach. */
static k_time_t port_wkup_max_delay(void)
{
    return (k_time_t)((uint64_t)PORT_ALARM_REACH * 1000u / TOS_CFG_CPU_CLOCK);
}

/* Stops the tick and arms the wake-up `cycles` after base (the kernel passes whole ticks). */
static int port_wkup_setup_cycles(uint64_t cycles)
{
    uint32_t cpt = port_cpt();
    uint32_t cvr;
    uint32_t at; /* position of the next boundary of the counter */
    int rc = -1;

    if (cycles >= cpt && cycles <= PORT_ALARM_REACH && (uint32_t)cycles % cpt == 0u &&
        !port_alarm.armed) {
        cvr = port_cvr_settled();
        (void)PORT_SYST_CSR; /* clears COUNTFLAG: boundaries so far are known by now */
        at = cpt;
        if ((PORT_SCB_ICSR & PORT_ICSR_PENDSTSET) != 0u) {
            /* A boundary passed but was not delivered: it is part of the measurement. */
            at += cpt;
        }
        port_alarm.armed = K_TRUE;
        port_alarm.expired = at > cpt && (uint32_t)cycles == cpt;
        port_alarm.natural = (uint32_t)cycles == cpt;
        port_alarm.start = 0u;
        port_alarm.length = cpt;
        if (!port_alarm.natural) {
            uint32_t loss = port_systick_restart_loss();

            /* Next period: from the restart's reading (position at - CVR) to `cycles`. */
            cvr = port_systick_restart((uint32_t)cycles - at - loss - 1u);
            PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR;
            port_alarm.start = at - cvr + loss;
            port_alarm.length = (uint32_t)cycles - port_alarm.start;
        }
        port_alarm.last = 0u;
        rc = 0;
    }
    return rc;
}

static uint64_t port_wkup_elapsed_cycles(void)
{
    if (port_alarm.armed) {
        port_alarm.last = port_alarm_position();
    }
    return port_alarm.armed ? port_alarm.last : 0u;
}

/*
 * The kernel credits floor(last / cpt) ticks. The tick resumes on the grid:
 * after an expiry the counter already runs normal periods from the planned
 * boundary; after an early wake-up it is restarted to end its period on the
 * next boundary of the grid.
 */
static int port_wkup_dismiss(void)
{
    uint32_t cpt = port_cpt();
    uint32_t position;
    uint32_t next;

    if (port_alarm.armed) {
        position = port_alarm_position();
        if (!port_alarm.expired && !port_alarm.natural) {
            uint32_t loss = port_systick_restart_loss();
            uint32_t end = port_alarm.start + port_alarm.length;

            next = (position / cpt + 1u) * cpt;
            /* The counter would reach `next` when CVR == end - next. */
            (void)port_systick_restart(0u - (end - next) - loss - 1u);
        }
        /* A pending SysTick stands for a boundary within `position`. */
        PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR;
        port_systick_credit((k_tick_t)(position / cpt - port_alarm.last / cpt));
        port_alarm.armed = K_FALSE;
    } else {
        /* Original API: the one-shot's interrupt is not a tick (the kernel credits the sleep). */
        PORT_SCB_ICSR = PORT_ICSR_PENDSTCLR;
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
