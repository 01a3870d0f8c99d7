/* tt support for the event-driven mode: driving the loop (see tt_evtdrv.h). */
#include <stdlib.h>

#include "tern_board.h"
#include "tt_evtdrv.h"

#if TT_EVTDRV_HOST
#include "port_sim.h"
#endif

#define TT_DRAIN_MAX 10000u

static evtdrv_timer_t tt_stop_timer;
static volatile int tt_stop;

static void tt_stop_cb(void *arg)
{
    (void)arg;
    tt_stop = 1;
}

unsigned int tt_evtdrv_drain(void)
{
    unsigned int busy = 0u;
    unsigned int i;

    for (i = 0u; i < TT_DRAIN_MAX && tos_evtdrv_sys_poll(); ++i) {
        ++busy;
    }
    return busy;
}

static int tt_stop_timer_start(evtdrv_tick_t at)
{
    (void)tos_evtdrv_timer_stop(&tt_stop_timer);
    tt_stop = 0;
    return tos_evtdrv_timer_create(&tt_stop_timer, tt_stop_cb, NULL, EVTDRV_TIMER_OPT_ONESHOT) ==
               EVTDRV_ERR_NONE &&
           tos_evtdrv_timer_start_at(&tt_stop_timer, at, 0u) == EVTDRV_ERR_NONE;
}

unsigned int tt_evtdrv_run_until(evtdrv_tick_t at)
{
    unsigned int sleeps = 0u;

    if (!tt_stop_timer_start(at)) {
        tt_fail_(__FILE__, __LINE__, "tt_evtdrv_run_until: cannot start the stop timer");
        tt_stop = 1;
    }
    while (!tt_stop) {
        if (!tos_evtdrv_sys_poll()) {
            tos_evtdrv_sys_idle();
            ++sleeps;
        }
    }
    (void)tt_evtdrv_drain();
    return sleeps;
}

unsigned int tt_evtdrv_run_for(evtdrv_tick_t ticks)
{
    return tt_evtdrv_run_until(tos_evtdrv_systick_get() + ticks);
}

int tt_evtdrv_clock_is_virtual(void)
{
#if TT_EVTDRV_HOST
    return port_sim_clock_get() == PORT_SIM_CLOCK_VIRTUAL;
#else
    return 0;
#endif
}

static volatile int tt_exit_expected;

static void tt_exit_check(void)
{
    if (!tt_exit_expected) {
        printf("tt: the program ended before the suite finished (a sleep nothing could end?)\n");
        fflush(stdout);
        _Exit(1);
    }
}

void tt_evtdrv_exit_guard(void)
{
    if (atexit(tt_exit_check) != 0) {
        printf("tt: cannot guard the program's end\n");
    }
}

void tt_evtdrv_exit(int status)
{
    tt_exit_expected = 1;
    tern_board_exit(status);
}
