/*
 * The tickless example's board: the host simulator.
 *
 * On a board this file would wire a GPIO interrupt for the button, start a
 * DMA transfer for the radio, and install a wake-up alarm per low-power
 * mode (README.md). Here the simulator stands in: the button is an
 * interrupt scheduled at fixed instants (deliberately between ticks, so
 * each press ends a tickless sleep early), the radio's completion interrupt
 * comes as long after the start as the bytes take on a 200 kbit/s link, and
 * the port's wake-up timer serves as the alarm of SLEEP and STOP.
 */
#include "tos_k.h"
#include "port_sim.h"
#include "tern_board.h"
#include "app_board.h"

#define BUTTON_IRQ         4u
#define RADIO_IRQ          5u
#define IRQ_PRIO           1u
#define CYCLES_PER_MS      ((uint64_t)TOS_CFG_CPU_CLOCK / 1000u)
#define RADIO_BYTES_PER_MS 25u

/* When the button is pressed, in microseconds from the start. */
static const uint64_t button_us[] = {4300370u, 17750810u, 29500050u};
static unsigned int button_next;

static uint64_t cycles_of_us(uint64_t us)
{
    return us * CYCLES_PER_MS / 1000u;
}

static void button_isr(void)
{
    tos_knl_irq_enter();
    app_button_pressed();
    if (button_next < sizeof(button_us) / sizeof(button_us[0])) {
        port_sim_irq_raise_at(BUTTON_IRQ, cycles_of_us(button_us[button_next++]));
    }
    tos_knl_irq_leave();
}

static void radio_isr(void)
{
    tos_knl_irq_enter();
    app_radio_done();
    tos_knl_irq_leave();
}

void app_board_init(void)
{
    (void)port_sim_irq_connect(BUTTON_IRQ, button_isr, IRQ_PRIO);
    (void)port_sim_irq_connect(RADIO_IRQ, radio_isr, IRQ_PRIO);
    button_next = 1u;
    port_sim_irq_raise_at(BUTTON_IRQ, cycles_of_us(button_us[0]));
}

void app_radio_start(const void *data, size_t len)
{
    uint64_t us = ((uint64_t)len * 1000u + RADIO_BYTES_PER_MS - 1u) / RADIO_BYTES_PER_MS;

    (void)data;
    port_sim_irq_raise_at(RADIO_IRQ, port_sim_cycles_get() + cycles_of_us(us));
}

void app_board_work(uint32_t cycles)
{
    tern_board_burn(cycles);
}

int app_board_wakeups_on_time(void)
{
    return port_sim_clock_get() == PORT_SIM_CLOCK_VIRTUAL;
}

/*
 * The tickless BSP hook: an alarm per mode the idle task may use, then the
 * mode. On a Cortex-M board SLEEP would use the port's SysTick alarm and
 * STOP an RTC or LPTIM alarm written for the board (docs/power.md).
 */
int tos_bsp_tickless_setup(void)
{
    int rc = 0;

    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_SLEEP, &port_tickless_wkup_alarm);
    tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, &port_tickless_wkup_alarm);
    if (tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_SLEEP) != K_ERR_NONE ||
        tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_STOP) != K_ERR_NONE ||
        tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_STOP) != K_ERR_NONE) {
        rc = -1;
    }
    return rc;
}
