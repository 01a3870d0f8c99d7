/*
 * Bare-metal glue for the event-driven example (examples/evtdrv/app.c):
 * main(), and stand-ins for the sensor, LED and radio. The
 * measuring build (BENCH_MEASURE=1, run under QEMU) runs the node for
 * BENCH_REPORTS reports, checks their ticks, and reports the peak use of
 * the main stack through semihosting.
 */
#include "app.h"
#include "bench.h"

#ifndef BENCH_REPORTS
#define BENCH_REPORTS 50u
#endif

/* The "sensor" is the SysTick counter: a peripheral register, no RAM. */
uint16_t app_sensor_read(void)
{
    return (uint16_t)(*(volatile uint32_t *)0xE000E018u);
}

/* The LED and the radio have no device here; the calls stay (app.c cannot see this). */
void app_led_set(int on)
{
    (void)on;
}

#if BENCH_MEASURE
static evtdrv_tick_t t0;
static unsigned int reports;
static int late;

static char *bench_utoa(char *p, uint32_t v)
{
    char tmp[10];
    unsigned int n = 0u;

    do {
        tmp[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    while (n > 0u) {
        *p++ = tmp[--n];
    }
    return p;
}

static void bench_report(void)
{
    char line[64];
    char *p = line;
    const char *k = "stack_peak=";

    while (*k != '\0') {
        *p++ = *k++;
    }
    p = bench_utoa(p, bench_stack_peak());
    for (k = " stack_size="; *k != '\0';) {
        *p++ = *k++;
    }
    p = bench_utoa(p, bench_stack_size());
    for (k = late ? " timing=LATE\n" : " timing=exact\n"; *k != '\0';) {
        *p++ = *k++;
    }
    *p = '\0';
    bench_puts(line);
    bench_exit(late ? 1 : 0);
}
#endif

void app_radio_send(uint16_t average)
{
    (void)average;
#if BENCH_MEASURE
    ++reports;
    if (tos_evtdrv_systick_get() - t0 !=
        (evtdrv_tick_t)reports * APP_SAMPLES_PER_REPORT * APP_SAMPLE_TICKS) {
        late = 1;
    }
    if (reports == BENCH_REPORTS) {
        bench_report();
    }
#endif
}

int main(void)
{
    if (APP_SYS_INIT() == EVTDRV_ERR_NONE) {
#if BENCH_MEASURE
        t0 = tos_evtdrv_systick_get();
#endif
        tos_evtdrv_sys_start();
    }
    bench_exit(1);
    return 1;
}
