/*
 * The tickless BSP hook shared by the boards whose tick timer keeps counting
 * in every low-power mode (contract §33, docs/power.md section 6): one
 * alarm, the port's exact port_tickless_wkup_alarm, serves SLEEP, STOP and
 * STANDBY, and tickless idle starts in SLEEP. A board's weak
 * tos_bsp_tickless_setup() returns tern_board_tickless_setup(); a board
 * with a separate deep-sleep timer writes its own.
 */
#ifndef _TERN_BOARD_TICKLESS_H_
#define _TERN_BOARD_TICKLESS_H_

#include "tos_k.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/* 0, or -1 if the alarm did not initialise or SLEEP could not be selected. */
__STATIC_INLINE__ int tern_board_tickless_setup(void)
{
    static const k_cpu_lpwr_mode_t modes[] = {
        TOS_LOW_POWER_MODE_SLEEP,
        TOS_LOW_POWER_MODE_STOP,
        TOS_LOW_POWER_MODE_STANDBY,
    };
    unsigned int i;
    int rc = 0;

    for (i = 0u; i < sizeof(modes) / sizeof(modes[0]); ++i) {
        tos_tickless_wkup_alarm_install(modes[i], &port_tickless_wkup_alarm);
        if (tos_tickless_wkup_alarm_init(modes[i]) != K_ERR_NONE) {
            rc = -1;
        }
    }
    if (rc == 0 && tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_SLEEP) != K_ERR_NONE) {
        rc = -1;
    }
    return rc;
}
#endif

#endif /* _TERN_BOARD_TICKLESS_H_ */
