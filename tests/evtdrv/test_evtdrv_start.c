/*
 * tos_evtdrv_sys_start(): the real loop, which never returns. main() runs a
 * small application under it (a sampling task driven by a periodic timer,
 * a logging task fed by messages, a task that ends the run); the last task
 * then runs this suite's cases, which check what the application recorded,
 * and ends the program with their verdict.
 */
#include "tern_board.h"
#include "tt_evtdrv.h"

#define EV_SAMPLE ((evtdrv_event_flag_t)0x0001u)
#define EV_DONE   ((evtdrv_event_flag_t)0x0002u)
#define SAMPLES   3u
#define PERIOD    10u

static evtdrv_timer_t sample_timer;
static knl_state_t state_before;
static evtdrv_tick_t t0;
static unsigned int init_calls;
static unsigned int samples;
static evtdrv_tick_t logged_at[SAMPLES];
static uint8_t logged[SAMPLES];
static unsigned int nlogged;
static evtdrv_task_id_t finisher_self;

static void sample_cb(void *arg)
{
    (void)tos_evtdrv_event_set((evtdrv_task_id_t)(uintptr_t)arg, EV_SAMPLE);
}

static evtdrv_event_flag_t sampler(evtdrv_event_flag_t flags)
{
    uint8_t value;

    if (flags == TOS_EVTDRV_SYS_EVENT_INIT) {
        init_calls++;
        (void)tos_evtdrv_timer_create(&sample_timer, sample_cb, (void *)(uintptr_t)0u,
                                      EVTDRV_TIMER_OPT_PERIODIC);
        (void)tos_evtdrv_timer_start(&sample_timer, PERIOD);
    } else if ((flags & EV_SAMPLE) != 0u) {
        value = (uint8_t)++samples;
        (void)tos_evtdrv_msg_post(1u, &value, 1u);
        if (samples == SAMPLES) {
            (void)tos_evtdrv_timer_stop(&sample_timer);
            (void)tos_evtdrv_event_set(2u, EV_DONE);
        }
    }
    return flags;
}

static evtdrv_event_flag_t logger(evtdrv_event_flag_t flags)
{
    evtdrv_msg_body_t body;

    if (flags == TOS_EVTDRV_SYS_EVENT_INIT) {
        init_calls++;
    } else if ((flags & TOS_EVTDRV_SYS_EVENT_MSG) != 0u) {
        body = tos_evtdrv_msg_recv();
        if (body != NULL && nlogged < SAMPLES) {
            logged[nlogged] = body[0];
            logged_at[nlogged] = tos_evtdrv_systick_get();
            nlogged++;
        }
        if (body != NULL) {
            (void)tos_evtdrv_msg_free(body);
        }
    }
    return flags;
}

static evtdrv_event_flag_t finisher(evtdrv_event_flag_t flags)
{
    if (flags == TOS_EVTDRV_SYS_EVENT_INIT) {
        init_calls++;
    } else if ((flags & EV_DONE) != 0u) {
        finisher_self = tos_evtdrv_task_self();
        tt_evtdrv_exit(tt_run(&tt_suite, NULL));
    }
    return flags;
}

static evtdrv_task_entry_t table[3] = {sampler, logger, finisher};

static void test_init_called_each_task_before_start(void)
{
    TT_ASSERT_EQ(init_calls, 3u);
    TT_ASSERT_EQ(state_before, KNL_STATE_STOPPED);
}

static void test_start_runs_the_system(void)
{
    TT_ASSERT_EQ(k_knl_state, KNL_STATE_RUNNING);
    TT_ASSERT(tos_knl_is_running());
    TT_ASSERT_EQ(finisher_self, 2u);
}

static void test_timer_and_messages_drive_the_tasks_at_exact_ticks(void)
{
    unsigned int i;

    TT_ASSERT_EQ(samples, SAMPLES);
    TT_ASSERT_EQ(nlogged, SAMPLES);
    for (i = 0u; i < SAMPLES; ++i) {
        TT_ASSERT_EQ(logged[i], i + 1u);
        TT_ASSERT_EQ(logged_at[i], t0 + PERIOD * (i + 1u));
    }
    if (tt_evtdrv_clock_is_virtual()) { /* a hardware tick goes on while the cases print */
        TT_ASSERT_EQ(tos_evtdrv_systick_get(), t0 + PERIOD * SAMPLES);
    }
}

TT_SUITE("evtdrv_start", NULL, NULL, TT_CASE(test_init_called_each_task_before_start),
         TT_CASE(test_start_runs_the_system),
         TT_CASE(test_timer_and_messages_drive_the_tasks_at_exact_ticks));

int main(void)
{
    tern_board_init();
    tt_evtdrv_exit_guard();
    state_before = k_knl_state;
    if (tos_evtdrv_sys_init(table, 3u, NULL) == EVTDRV_ERR_NONE) {
        t0 = tos_evtdrv_systick_get();
        tos_evtdrv_sys_start();
    }
    printf("evtdrv_start: the system could not be initialised\n");
    tt_evtdrv_exit(1);
}
