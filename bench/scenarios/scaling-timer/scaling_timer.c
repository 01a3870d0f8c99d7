/*
 * Scaling of the timer start: 1, 10, 100 and 1000 one-shot timers run (due
 * far beyond the end of the program, so none fires); a task starts and
 * stops one more timer in a loop. An iteration is one tos_timer_start()
 * and one tos_timer_stop(). Two cases: scaling-timer-N, the new timer is
 * due before every running one (the kernel searches the sorted list from
 * its latest end, so this is its longest search), and
 * scaling-timer-last-N, due after all of them (its shortest).
 */
#include <stdio.h>

#include "bench.h"

#define TMR_STEPS     4u
#define TMR_MAX       1000u
#define TMR_FAR_TICKS 1000000u

static const unsigned int tmr_running[TMR_STEPS] = {1u, 10u, 100u, 1000u};
static k_task_t tmr_worker_first, tmr_worker_last;
static k_timer_t tmr_timers[TMR_MAX];
static k_timer_t tmr_first, tmr_last;

static void tmr_callback(void *arg)
{
    (void)arg;
}

static void tmr_entry(void *arg)
{
    k_timer_t *tmr = arg;

    for (;;) {
        bench_check("tos_timer_start", tos_timer_start(tmr));
        bench_check("tos_timer_stop", tos_timer_stop(tmr));
        ++bench_counters[0];
    }
}

/* Measures with one worker running and the other suspended. */
/*
 * A worker held between its start and its stop would leave its timer in
 * the list, one entry more in the other worker's search depending on where
 * the last tick fell: the timer is taken out while its worker is held and
 * put back before the worker runs again (it then stops it as usual).
 */
struct tmr_worker {
    k_task_t *task;
    k_timer_t *tmr;
    int parked;
};

static void tmr_hold(struct tmr_worker *w)
{
    bench_check("tos_task_suspend", tos_task_suspend(w->task));
    w->parked = w->tmr->state == TIMER_STATE_RUNNING;
    if (w->parked) {
        bench_check("tos_timer_stop", tos_timer_stop(w->tmr));
    }
}

static void tmr_run(struct tmr_worker *w)
{
    if (w->parked) {
        bench_check("tos_timer_start", tos_timer_start(w->tmr));
        w->parked = 0;
    }
    bench_check("tos_task_resume", tos_task_resume(w->task));
}

static struct tmr_worker tmr_workers[2] = {{&tmr_worker_first, &tmr_first, 0},
                                           {&tmr_worker_last, &tmr_last, 0}};

static void tmr_measure(const char *kind, unsigned int running, struct tmr_worker *run,
                        struct tmr_worker *hold)
{
    char name[40];

    tmr_hold(hold);
    tmr_run(run);
    (void)snprintf(name, sizeof(name), "scaling-timer%s-%u", kind, running);
    bench_window(name, 1u, K_NULL, 0u);
}

void bench_main(void)
{
    unsigned int started = 0u;
    unsigned int step;

    bench_check("tos_timer_create", tos_timer_create(&tmr_first, TMR_FAR_TICKS / 2u, 0u,
                                                     tmr_callback, K_NULL, TOS_OPT_TIMER_ONESHOT));
    bench_check("tos_timer_create", tos_timer_create(&tmr_last, 2u * TMR_FAR_TICKS, 0u,
                                                     tmr_callback, K_NULL, TOS_OPT_TIMER_ONESHOT));
    bench_task(&tmr_worker_first, tmr_entry, &tmr_first, 1u);
    bench_task(&tmr_worker_last, tmr_entry, &tmr_last, 1u);
    tmr_hold(&tmr_workers[1]);
    for (step = 0u; step < TMR_STEPS; ++step) {
        for (; started < tmr_running[step]; ++started) {
            bench_check("tos_timer_create",
                        tos_timer_create(&tmr_timers[started], TMR_FAR_TICKS + started, 0u,
                                         tmr_callback, K_NULL, TOS_OPT_TIMER_ONESHOT));
            bench_check("tos_timer_start", tos_timer_start(&tmr_timers[started]));
        }
        tmr_measure("", tmr_running[step], &tmr_workers[0], &tmr_workers[1]);
        tmr_measure("-last", tmr_running[step], &tmr_workers[1], &tmr_workers[0]);
    }
}
