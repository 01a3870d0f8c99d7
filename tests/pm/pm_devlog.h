/*
 * Devices that log their calls, shared by the power-management suites
 * (pm_devlog.c): dev_a, dev_b and dev_c append their letter to dev_log,
 * lower case when suspended and upper case when resumed, so that a case
 * reads the order of the calls in one string. The device whose letter is
 * in dev_veto refuses to suspend. With them, what every case of those
 * suites starts and ends with and the sleeps it checks. Declared only with
 * TOS_CFG_PWR_MGR_EN and TOS_CFG_TICKLESS_EN (the suites report "skipped"
 * otherwise).
 */
#ifndef _PM_DEVLOG_H_
#define _PM_DEVLOG_H_

#include "pm_test.h"

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

#define PM_DEVLOG_SIZE 64u

extern char dev_log[PM_DEVLOG_SIZE];
extern int dev_veto; /* the device letter that refuses to suspend, 0: none */

extern k_pm_device_t dev_a;
extern k_pm_device_t dev_b;
extern k_pm_device_t dev_c;

/* Appends `c` to dev_log (dropped once the log is full). */
void log_put(char c);

/*
 * Each case's setup: a quiet kernel (pm_quiesce()), no device registered,
 * no stay-awake request, statistics cleared, the log empty, no veto.
 */
void dev_case_setup(void);

/*
 * Each case's teardown: the port's alarm installed for every mode, SLEEP
 * selected, no device registered, statistics cleared.
 */
void dev_case_teardown(void);

/* Registers dev_a, dev_b and dev_c, in that order. */
void register_abc(void);

/* Idles for 10 ticks with `mode` selected; the delay ends on its tick. */
void sleep_once_in(k_cpu_lpwr_mode_t mode);

/* `mode` was entered `entries` times since the statistics were reset. */
void expect_sleeps(k_cpu_lpwr_mode_t mode, uint32_t entries);

/* ... and was abandoned before sleeping `aborts` times. */
void expect_sleeps_and_aborts(k_cpu_lpwr_mode_t mode, uint32_t entries, uint32_t aborts);

#endif

#endif /* _PM_DEVLOG_H_ */
