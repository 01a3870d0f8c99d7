/*
 * tt support for the event-driven mode (tests/evtdrv).
 *
 * In event-driven builds tt_main.c (which boots the task kernel) is not
 * part of tt_framework; tt_evtdrv_main.c supplies main() instead: it runs
 * the suite's cases one after the other on the boot context, and after
 * each case re-initialises the event-driven system with no task, so that no
 * timer, message, deferred work or pending event survives into the next
 * case. A case initialises the system with its own task table
 * (tos_evtdrv_sys_init) and drives the loop with the helpers below, which
 * use only the public API, so the suites run on every port.
 */
#ifndef _TT_EVTDRV_H_
#define _TT_EVTDRV_H_

#include "tos_evtdrv.h"
#include "tt.h"
#include "tt_port.h"

/*
 * Runs the loop (tos_evtdrv_sys_poll, and tos_evtdrv_sys_idle when a pass
 * found nothing to do) until tick `at`, then finishes the work due at that
 * tick without sleeping (tt_evtdrv_drain). A stop timer (an ordinary evtdrv
 * timer, started after the case's own) ends the run: on the host's virtual
 * clock time jumps from expiry to expiry and ends exactly on `at`.
 * Returns the number of times the loop went to sleep.
 */
unsigned int tt_evtdrv_run_until(evtdrv_tick_t at);

/* tt_evtdrv_run_until(now + ticks). */
unsigned int tt_evtdrv_run_for(evtdrv_tick_t ticks);

/*
 * Runs passes of the loop until one finds nothing to do (at most 10000),
 * never sleeping. Returns the number of passes that did something.
 */
unsigned int tt_evtdrv_drain(void);

/* Non-zero when time only moves when the loop sleeps (host, virtual clock). */
int tt_evtdrv_clock_is_virtual(void);

/*
 * Makes any end of the program other than tt_evtdrv_exit() a failure: a
 * loop that sleeps with nothing left to wake it ends the host simulator
 * with status 0 ("every task has ended"), which must not pass for success.
 */
void tt_evtdrv_exit_guard(void);

/* Ends the program with the suite's verdict. Never returns. */
__NO_RETURN__ void tt_evtdrv_exit(int status);

#endif /* _TT_EVTDRV_H_ */
