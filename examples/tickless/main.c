/*
 * Tickless idle example: a battery-powered sensor node.
 *
 * Every second a software timer asks the sensor task for a sample; every ten
 * samples the task sends them over the radio. A button can be pressed at any
 * time and makes the node send at once. In between, nothing is ready: the
 * idle task stops the tick and puts the CPU in STOP until the next deadline
 * or interrupt, and the kernel's clock stays exact however early a button
 * press ends a sleep.
 *
 * What it shows:
 *  - tickless idle in STOP, with a wake-up alarm per mode (the board's
 *    tos_bsp_tickless_setup());
 *  - a device (the UART) suspended before STOP and resumed after;
 *  - a driver keeping the CPU out of STOP while its DMA transfer runs
 *    (tos_pm_stay_awake_get/put, a Tern extension): the idle task then
 *    sleeps in SLEEP, which keeps peripheral clocks running;
 *  - the statistics of time spent in each mode (Tern extension).
 * It runs for RUN_SECONDS, prints a summary and exits 0 if every sample was
 * taken (on its exact tick, where the board wakes on time) and STOP was
 * used. Only the sensor task prints (safe with the host's real clock).
 */
#include <stdio.h>

#include "tos_k.h"
#include "tern_board.h"
#include "app_board.h"

#define RUN_SECONDS      30u
#define SAMPLES_PER_SEND 10u
#define SENSOR_PRIO      3u
#define SENSOR_STK_SIZE  2048u
#define SAMPLE_CYCLES    3000u /* reading the sensor */

static k_task_t sensor_task;
static k_stack_t sensor_stk[SENSOR_STK_SIZE];
static k_sem_t wake_sem;  /* a sample is due or the button was pressed */
static k_sem_t radio_sem; /* the radio finished sending */
static k_timer_t sample_timer;

static volatile uint32_t samples_due;
static volatile uint32_t samples_late; /* timer expiries off their exact tick */
static volatile uint32_t button_presses;
static volatile uint32_t uart_suspends;
static uint16_t samples[SAMPLES_PER_SEND];

/* ---- the UART: idle in STOP would lose its clock, so it is suspended first ---- */

static int uart_suspend(void)
{
    /* A real driver waits for the transmitter to drain and gates its clock. */
    ++uart_suspends;
    return 0;
}

static int uart_resume(void)
{
    return 0;
}

static k_pm_device_t uart_device = {"uart", K_NULL, uart_suspend, uart_resume};

/* ---- interrupt context ------------------------------------------------------ */

static void sample_timer_expired(void *arg)
{
    (void)arg;
    ++samples_due;
    if (tos_systick_get() != (k_tick_t)samples_due * TOS_CFG_CPU_TICK_PER_SECOND) {
        ++samples_late;
    }
    (void)tos_sem_post(&wake_sem);
}

void app_button_pressed(void)
{
    ++button_presses;
    (void)tos_sem_post(&wake_sem);
}

/* The driver's completion: the transfer no longer needs STOP kept away. */
void app_radio_done(void)
{
    (void)tos_pm_stay_awake_put(TOS_LOW_POWER_MODE_STOP);
    (void)tos_sem_post(&radio_sem);
}

/* ---- the sensor task ------------------------------------------------------------- */

static double seconds_now(void)
{
    return (double)tos_systick_get() / (double)TOS_CFG_CPU_TICK_PER_SECOND;
}

static void radio_send(const void *data, size_t len)
{
    (void)tos_pm_stay_awake_get(TOS_LOW_POWER_MODE_STOP);
    app_radio_start(data, len);
    (void)tos_sem_pend(&radio_sem, TOS_TIME_FOREVER);
}

static void print_mode(const char *name, k_cpu_lpwr_mode_t mode)
{
    k_pm_stats_t st;
    uint64_t per_ms = (uint64_t)k_cpu_cycle_per_tick * TOS_CFG_CPU_TICK_PER_SECOND / 1000u;

    if (tos_pm_stats_get(mode, &st) == K_ERR_NONE) {
        printf("  %-6s %6lu sleeps (%lu ended early by an interrupt), %8.3f s\n", name,
               (unsigned long)st.entries, (unsigned long)st.early,
               (double)(st.cycles / per_ms) / 1000.0);
    }
}

static int summary(uint32_t taken, uint32_t sent)
{
    k_pm_stats_t stop;
    int ok = taken == RUN_SECONDS && (samples_late == 0u || !app_board_wakeups_on_time()) &&
             tos_pm_stats_get(TOS_LOW_POWER_MODE_STOP, &stop) == K_ERR_NONE && stop.entries > 0u;

    printf("after %.3f s: %lu samples (%lu late), %lu sends, %lu button presses\n", seconds_now(),
           (unsigned long)taken, (unsigned long)samples_late, (unsigned long)sent,
           (unsigned long)button_presses);
    print_mode("STOP", TOS_LOW_POWER_MODE_STOP);
    print_mode("SLEEP", TOS_LOW_POWER_MODE_SLEEP);
    printf("  the UART was suspended %lu times; a ticked kernel would have woken %lu times\n",
           (unsigned long)uart_suspends, (unsigned long)(RUN_SECONDS * 1000u));
    printf("tickless example: %s\n", ok ? "ok" : "FAILED");
    return ok;
}

static void sensor_entry(void *arg)
{
    uint32_t taken = 0u;
    uint32_t sent = 0u;
    uint32_t presses = 0u;
    uint32_t fill = 0u;

    (void)arg;
    while (taken < RUN_SECONDS) {
        (void)tos_sem_pend(&wake_sem, TOS_TIME_FOREVER);
        for (; taken < samples_due; ++taken) {
            app_board_work(SAMPLE_CYCLES);
            samples[fill++] = (uint16_t)(taken * 7u % 1000u);
        }
        if (fill == SAMPLES_PER_SEND || (button_presses != presses && fill > 0u)) {
            radio_send(samples, fill * sizeof(samples[0]));
            ++sent;
            printf("[%7.3f s] sent %lu samples%s\n", seconds_now(), (unsigned long)fill,
                   button_presses != presses ? " (button)" : "");
            presses = button_presses;
            fill = 0u;
        }
    }
    tern_board_exit(summary(taken, sent) ? 0 : 1);
}

int main(void)
{
    k_err_t err;

    tern_board_init();
    err = tos_knl_init(); /* calls the board's tos_bsp_tickless_setup() */
    err = err != K_ERR_NONE ? err : tos_pm_device_register(&uart_device);
    err = err != K_ERR_NONE ? err : tos_sem_create(&wake_sem, 0u);
    err = err != K_ERR_NONE ? err : tos_sem_create(&radio_sem, 0u);
    err = err != K_ERR_NONE ? err
                            : tos_timer_create(&sample_timer, 1000u, 1000u, sample_timer_expired,
                                               K_NULL, TOS_OPT_TIMER_PERIODIC);
    err = err != K_ERR_NONE ? err : tos_timer_start(&sample_timer);
    err = err != K_ERR_NONE ? err
                            : tos_task_create(&sensor_task, "sensor", sensor_entry, K_NULL,
                                              SENSOR_PRIO, sensor_stk, sizeof(sensor_stk), 0u);
    if (err == K_ERR_NONE) {
        app_board_init();
        err = tos_knl_start();
    }
    printf("tickless example: start failed (%d)\n", (int)err);
    tern_board_exit(1);
}
