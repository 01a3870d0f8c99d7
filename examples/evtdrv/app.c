/* The sensor node of app.h: tasks, timers and messages, nothing else. */
#include "app.h"

/* "Your timer expired": the sensor samples, the radio turns the LED off. */
#define EV_TIMER ((evtdrv_event_flag_t)0x0001u)

static evtdrv_timer_t sample_timer;
static evtdrv_timer_t led_timer;

/* Both timers only signal their task (the argument): the work happens there. */
static void signal_cb(void *arg)
{
    (void)tos_evtdrv_event_set((evtdrv_task_id_t)(uintptr_t)arg, EV_TIMER);
}

static evtdrv_event_flag_t sensor_task(evtdrv_event_flag_t flags)
{
    uint16_t sample;

    if ((flags & TOS_EVTDRV_SYS_EVENT_INIT) != 0u) {
        (void)tos_evtdrv_timer_create(&sample_timer, signal_cb, (void *)(uintptr_t)APP_TASK_SENSOR,
                                      EVTDRV_TIMER_OPT_PERIODIC);
        (void)tos_evtdrv_timer_start(&sample_timer, APP_SAMPLE_TICKS);
    } else if ((flags & EV_TIMER) != 0u) {
        sample = app_sensor_read();
        /* The pool is sized for the traffic; a full pool would drop this sample. */
        (void)tos_evtdrv_msg_post(APP_TASK_FILTER, &sample, sizeof(sample));
    }
    return flags;
}

static evtdrv_event_flag_t filter_task(evtdrv_event_flag_t flags)
{
    static uint32_t sum;
    static uint8_t count;
    evtdrv_msg_body_t msg;
    uint16_t value;

    if ((flags & TOS_EVTDRV_SYS_EVENT_MSG) != 0u) {
        msg = tos_evtdrv_msg_recv();
        if (msg != K_NULL) {
            memcpy(&value, msg, sizeof(value));
            (void)tos_evtdrv_msg_free(msg);
            sum += value;
            if (++count == APP_SAMPLES_PER_REPORT) {
                value = (uint16_t)(sum / APP_SAMPLES_PER_REPORT);
                (void)tos_evtdrv_msg_post(APP_TASK_RADIO, &value, sizeof(value));
                sum = 0u;
                count = 0u;
            }
        }
    }
    return flags;
}

static evtdrv_event_flag_t radio_task(evtdrv_event_flag_t flags)
{
    evtdrv_msg_body_t msg;
    uint16_t value;

    if ((flags & TOS_EVTDRV_SYS_EVENT_INIT) != 0u) {
        (void)tos_evtdrv_timer_create(&led_timer, signal_cb, (void *)(uintptr_t)APP_TASK_RADIO,
                                      EVTDRV_TIMER_OPT_ONESHOT);
    } else {
        if ((flags & TOS_EVTDRV_SYS_EVENT_MSG) != 0u) {
            msg = tos_evtdrv_msg_recv();
            if (msg != K_NULL) {
                memcpy(&value, msg, sizeof(value));
                (void)tos_evtdrv_msg_free(msg);
                app_led_set(1);
                (void)tos_evtdrv_timer_stop(&led_timer);
                (void)tos_evtdrv_timer_start(&led_timer, APP_LED_TICKS);
                app_radio_send(value);
            }
        }
        if ((flags & EV_TIMER) != 0u) {
            app_led_set(0);
        }
    }
    return flags;
}

const evtdrv_task_entry_t app_tasks[APP_TASK_NUM] = {sensor_task, filter_task, radio_task};
