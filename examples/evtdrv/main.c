/*
 * The event-driven example on a board with a console: the host simulator
 * (preset example-evtdrv) or an emulated board. The glue prints what the
 * node does and checks it: the k-th report must leave at tick
 * k * APP_SAMPLES_PER_REPORT * APP_SAMPLE_TICKS, the LED must stay on for
 * APP_LED_TICKS. After APP_REPORTS reports the program ends (status 0: as
 * expected). bench/evtdrv_footprint.sh builds app.c with bare-metal glue
 * instead.
 */
#include "tern_board.h"
#include "app.h"

#define APP_REPORTS 5u

static evtdrv_tick_t t0;
static unsigned int reports;
static uint16_t phase;
static evtdrv_tick_t led_on_at;
static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("example: unexpected %s\n", what);
        failures++;
    }
}

uint16_t app_sensor_read(void)
{
    /* A sawtooth between 100 and 163: its average over 4 samples is known. */
    phase = (uint16_t)((phase + 1u) & 0x3Fu);
    return (uint16_t)(100u + phase);
}

void app_led_set(int on)
{
    evtdrv_tick_t now = tos_evtdrv_systick_get();

    printf("[tick %6lu] led %s\n", (unsigned long)(now - t0), on ? "on" : "off");
    if (on) {
        led_on_at = now;
    } else {
        check(now - led_on_at == APP_LED_TICKS, "LED on-time");
    }
}

void app_radio_send(uint16_t average)
{
    evtdrv_tick_t now = tos_evtdrv_systick_get();

    ++reports;

    printf("[tick %6lu] radio: average %u\n", (unsigned long)(now - t0), (unsigned)average);
    check(now - t0 == (evtdrv_tick_t)reports * APP_SAMPLES_PER_REPORT * APP_SAMPLE_TICKS,
          "report tick");
    /* Samples 100 + 4k-3 .. 100 + 4k: the truncated average is 100 + 4k - 2. */
    check(average == 100u + 4u * reports - 2u, "average");
    if (reports == APP_REPORTS) {
        printf("example: %u reports, %s\n", reports, failures == 0 ? "as expected" : "FAILED");
        tern_board_exit(failures == 0 ? 0 : 1);
    }
}

int main(void)
{
    evtdrv_err_t err;

    tern_board_init();
    err = APP_SYS_INIT();
    if (err != EVTDRV_ERR_NONE) {
        printf("example: tos_evtdrv_sys_init failed (%d)\n", (int)err);
        tern_board_exit(1);
    }
    t0 = tos_evtdrv_systick_get();
    tos_evtdrv_sys_start();
}
