/*
 * main() of the event-driven suites: runs tt_suite on the boot context (no
 * task kernel), starting every case from an empty system.
 */
#include "tern_board.h"
#include "tt_evtdrv.h"

#if TT_HW_TICK
/*
 * A hardware tick comes whenever its timer says: each case starts right
 * after one, so where a tick falls in a case does not depend on what the
 * cases before it printed.
 */
static void tt_evtdrv_tick_align(void)
{
    evtdrv_tick_t now = tos_evtdrv_systick_get();

    while (tos_evtdrv_systick_get() == now) {
        tos_evtdrv_sys_idle();
    }
}
#endif

static void tt_evtdrv_after_case(void)
{
    if (tos_evtdrv_sys_init(NULL, 0u, NULL) != EVTDRV_ERR_NONE) {
        tt_fail_(__FILE__, __LINE__, "the system could not be re-initialised after the case");
    }
}

int main(void)
{
    int status = 1;

    tern_board_init();
    tt_evtdrv_exit_guard();
    /* The port is initialised before the first case (interrupts can be connected). */
    if (tos_evtdrv_sys_init(NULL, 0u, NULL) == EVTDRV_ERR_NONE) {
        (void)tos_evtdrv_sys_poll(); /* the system runs: the tick counts */
#if TT_HW_TICK
        tt_case_prologue = tt_evtdrv_tick_align;
#endif
        status = tt_run(&tt_suite, tt_evtdrv_after_case);
    } else {
        printf("tt: the event-driven system could not be initialised\n");
    }
    tt_evtdrv_exit(status);
}
