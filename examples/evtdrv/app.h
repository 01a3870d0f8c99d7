/*
 * A sensor node in event-driven mode: three tasks, two timers, messages.
 *
 *   sensor  a periodic timer (every APP_SAMPLE_TICKS) signals the task,
 *           which reads the sensor and sends the sample to the filter
 *   filter  averages APP_SAMPLES_PER_REPORT samples, sends the average to
 *           the radio
 *   radio   transmits the average and blinks the LED: on now, off after
 *           APP_LED_TICKS (a one-shot timer)
 *
 * app.c is portable: the board glue (main.c on a board with a console,
 * bench/evtdrv/bench_main.c bare-metal) supplies main() and the app_* hooks.
 */
#ifndef _APP_H_
#define _APP_H_

#include "tos_evtdrv.h"

#define APP_TASK_SENSOR 0u
#define APP_TASK_FILTER 1u
#define APP_TASK_RADIO  2u
#define APP_TASK_NUM    3u

/* Ticks computed at build time: no 64-bit division at run time. */
#define APP_SAMPLE_TICKS       ((evtdrv_tick_t)(100u * TOS_CFG_CPU_TICK_PER_SECOND / 1000u))
#define APP_LED_TICKS          ((evtdrv_tick_t)(20u * TOS_CFG_CPU_TICK_PER_SECOND / 1000u))
#define APP_SAMPLES_PER_REPORT 4u

/* The task table; const, so it stays in flash (the kernel only reads it). */
extern const evtdrv_task_entry_t app_tasks[APP_TASK_NUM];

/* tos_evtdrv_sys_init() with the table and no poll hook. */
#define APP_SYS_INIT() tos_evtdrv_sys_init((evtdrv_task_entry_t *)app_tasks, APP_TASK_NUM, K_NULL)

/* Board glue. */
uint16_t app_sensor_read(void);
void app_led_set(int on);
void app_radio_send(uint16_t average);

#endif /* _APP_H_ */
