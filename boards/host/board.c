/*
 * The host "board": the process around the simulated CPU.
 *
 * Why it is built this way: on the host there is no clock tree or UART to
 * bring up; what a board decides here is how time flows (the simulator's
 * clock, chosen by the environment so that the same binary runs tests
 * deterministically and demos against the wall clock) and where output
 * goes (stdout, unbuffered so that output from tasks interleaves in order
 * and nothing is lost when a task ends the process). "Work" (burning CPU
 * cycles) is the simulator's cycle burner, so demos cost no host CPU and are
 * reproducible. Ending the program is exit() after flushing. With tickless
 * idle the board also supplies the mandatory BSP hook, as a weak default an
 * application replaces by defining its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern_board.h"
#include "tern_board_tickless.h"
#include "tos_k.h"
#include "port_sim.h"

/* TERN_CLOCK=virtual (default) or real. */
static void board_clock_select(void)
{
    const char *clock = getenv("TERN_CLOCK");
    int mode = PORT_SIM_CLOCK_VIRTUAL;

    if (clock != NULL && strcmp(clock, "real") == 0) {
        mode = PORT_SIM_CLOCK_REAL;
    } else if (clock != NULL && clock[0] != '\0' && strcmp(clock, "virtual") != 0) {
        fprintf(stderr, "tern-board: unknown TERN_CLOCK=\"%s\", using the virtual clock\n", clock);
    }
    port_sim_clock_set(mode);
}

void tern_board_init(void)
{
    (void)setvbuf(stdout, NULL, _IONBF, 0u);
    board_clock_select();
}

/* Simulated work: virtual cycles, or the task keeps the CPU for that long. */
void tern_board_burn(uint32_t cycles)
{
    port_sim_cycles_burn(cycles);
}

__NO_RETURN__ void tern_board_exit(int status)
{
    fflush(NULL);
    exit(status);
}

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/*
 * Tickless BSP hook (contract §33.2, §40.50), weak: an application's own
 * definition wins. The simulator has one wake-up timer that keeps counting
 * in every mode, so the port's exact alarm serves SLEEP, STOP and STANDBY
 * alike. Tickless idle starts in SLEEP; applications and tests select
 * another mode with tos_pm_cpu_lpwr_mode_set().
 */
__WEAK__ int tos_bsp_tickless_setup(void)
{
    return tern_board_tickless_setup();
}
#endif
