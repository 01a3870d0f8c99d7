/*
 * Tickless idle on the host simulator, what only the simulator can show:
 * a sleep started mid-tick, the reach of the simulator's own wake-up timer
 * (whole milliseconds of it, and a reach shorter than a tick), and the real
 * clock in a child process. Everything else about tickless idle, with
 * exact cycles and wake-up counts on this platform, is in the portable
 * suite (test_tickless_time.c).
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pm_sim.h"
#include "tern_board.h"

extern char **environ;

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u

#define IRQ_DEV 5u

static k_sem_t sem;

static void child_scenario(const char *which);

static void setup(void)
{
    const char *child = getenv("TERN_PM_CHILD");

    if (child != NULL) {
        child_scenario(child); /* never returns */
    }
    pm_quiesce();
    TT_ASSERT_ERR(tos_pm_cpu_lpwr_mode_set(TOS_LOW_POWER_MODE_SLEEP), K_ERR_NONE);
    TT_ASSERT_ERR(tos_pm_stats_reset(), K_ERR_NONE);
}

static void teardown(void)
{
    port_sim_wkup_max_set(0u);
    /* Whatever the case did, the clock is the ticked reference. */
    TT_ASSERT_EQ(tos_systick_get(), pm_ticked_reference());
}

/* Started a third into a tick: the wake-up is still on the deadline's boundary. */
static void test_sleep_from_mid_tick_wakes_on_the_boundary(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();
    k_pm_stats_t st;

    tt_busy((uint32_t)(pm_cpt() / 3u));
    TT_ASSERT_EQ(tos_systick_get(), t0);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 10u);
    TT_ASSERT_EQ(port_sim_cycles_get(), c0 + 10u * pm_cpt());
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.cycles, 10u * pm_cpt() - pm_cpt() / 3u);
}

/* ---- the simulator's wake-up timer ---------------------------------------------- */

/* A reach of 50.5 ticks: 50 whole ticks fit (max_delay() is whole ms). */
static void test_alarm_reach_counts_in_whole_milliseconds(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    port_sim_wkup_max_set(50u * pm_cpt() + pm_cpt() / 2u);
    TT_ASSERT_EQ(port_sim_wkup_max_delay(), 50u * 1000u / TOS_CFG_CPU_TICK_PER_SECOND);
    TT_ASSERT_ERR(tos_task_delay(1000u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 1000u);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 20u);
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 20u);
    TT_ASSERT_EQ(st.aborts, 0u);
    TT_ASSERT_EQ(st.cycles, 1000u * pm_cpt());
}

/* A tick that is shorter than the alarm's reach: no tickless sleep, ticked waits. */
static void test_alarm_too_short_for_a_tick_waits_ticked(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t w0 = port_sim_wakeups_get();
    k_pm_stats_t st;

    port_sim_wkup_max_set(pm_cpt() / 2u);
    TT_ASSERT_ERR(tos_task_delay(40u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 40u);
    TT_ASSERT_EQ(port_sim_wakeups_get() - w0, 40u);
    pm_stats_of(TOS_LOW_POWER_MODE_SLEEP, &st);
    TT_ASSERT_EQ(st.entries, 0u);
    pm_stats_of(TOS_LOW_POWER_MODE_NONE, &st);
    TT_ASSERT_EQ(st.entries, 1u);
}

/* ---- the real clock (a child process: the clock is chosen before the kernel starts) ---- */

static long long wall_ms_since(const struct timespec *t0)
{
    struct timespec t1;

    (void)clock_gettime(CLOCK_MONOTONIC, &t1);
    return (long long)(t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Within `slack` ticks of the ticked reference (time runs on between the two reads). */
static int near_reference(k_tick_t slack)
{
    k_tick_t tick = tos_systick_get();
    k_tick_t reference = pm_ticked_reference();

    return tick <= reference && reference - tick <= slack;
}

/*
 * A 100-tick delay is one sleep (or a handful: the host may wake the
 * process late), and the ticks follow the wall clock; an interrupt 30.5 ms
 * into a sleep ends it, its ISR sees the corrected clock, and the waiting
 * task runs. The bounds are wide on purpose: with the real clock a loaded
 * host delays threads by milliseconds, which a CPU would not.
 */
static volatile k_tick_t child_isr_lag;

static void isr_post_check(void)
{
    tos_knl_irq_enter();
    child_isr_lag = pm_ticked_reference() - tos_systick_get();
    (void)tos_sem_post(&sem);
    tos_knl_irq_leave();
}

static void child_real(void)
{
    struct timespec w0;
    k_tick_t t0 = tos_systick_get();
    uint64_t wakeups = port_sim_wakeups_get();
    int ok = port_sim_clock_get() == PORT_SIM_CLOCK_REAL && tos_sem_create(&sem, 0u) == K_ERR_NONE;

    (void)clock_gettime(CLOCK_MONOTONIC, &w0);
    ok = ok && tos_task_delay(100u) == K_ERR_NONE && tos_systick_get() - t0 >= 100u;
    ok = ok && port_sim_wakeups_get() - wakeups <= 5u && near_reference(50u);
    printf("child: delay(100): %lld ms, %llu ticks, %llu wake-ups\n", wall_ms_since(&w0),
           (unsigned long long)(tos_systick_get() - t0),
           (unsigned long long)(port_sim_wakeups_get() - wakeups));
    child_isr_lag = TOS_TIME_FOREVER;
    tt_irq_connect(IRQ_DEV, isr_post_check);
    t0 = tos_systick_get();
    (void)clock_gettime(CLOCK_MONOTONIC, &w0);
    port_sim_irq_raise_at(IRQ_DEV, port_sim_cycles_get() + 30u * pm_cpt() + pm_cpt() / 2u);
    ok = ok && tos_sem_pend(&sem, 1000u) == K_ERR_NONE && tos_systick_get() - t0 >= 30u;
    ok = ok && child_isr_lag <= 50u && near_reference(50u);
    printf("child: early interrupt after %lld ms, %llu ticks: %s\n", wall_ms_since(&w0),
           (unsigned long long)(tos_systick_get() - t0), ok ? "ok" : "FAILED");
    fflush(stdout);
    tern_board_exit(ok ? 0 : 1);
}

static void child_scenario(const char *which)
{
    if (strcmp(which, "real") == 0) {
        child_real();
    }
    tern_board_exit(1);
}

/* Runs this executable again with TERN_CLOCK=real; its output goes to `log`. */
static int run_child_real(const char *log)
{
    char exe[1024];
    char *argv[2] = {exe, NULL};
    posix_spawn_file_actions_t fa;
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1u);
    pid_t pid;
    int status = -1;

    if (len > 0 && setenv("TERN_PM_CHILD", "real", 1) == 0 &&
        setenv("TERN_CLOCK", "real", 1) == 0) {
        exe[len] = '\0';
        (void)posix_spawn_file_actions_init(&fa);
        (void)posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (posix_spawn(&pid, exe, &fa, NULL, argv, environ) == 0 &&
            waitpid(pid, &status, 0) == pid) {
            status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        (void)posix_spawn_file_actions_destroy(&fa);
    }
    (void)unsetenv("TERN_PM_CHILD");
    (void)setenv("TERN_CLOCK", "virtual", 1);
    return status;
}

/*
 * Wall-clock timing on a shared host can be disturbed by load; a failed
 * child is retried twice before the case fails (the virtual-clock cases
 * above test the same logic deterministically).
 */
static void test_real_clock_sleeps_tickless_and_keeps_time(void)
{
    char log[] = "/tmp/tern-pm-child-XXXXXX";
    char text[512];
    int fd = mkstemp(log);
    ssize_t len;
    int status = -1;
    int attempt;

    TT_ASSERT(fd >= 0);
    for (attempt = 0; attempt < 3 && status != 0; ++attempt) {
        status = run_child_real(log);
        len = pread(fd, text, sizeof(text) - 1u, 0);
        text[len > 0 ? len : 0] = '\0';
        printf("%s", strstr(text, "child:") != NULL ? strstr(text, "child:") : text);
    }
    (void)close(fd);
    (void)unlink(log);
    TT_ASSERT_EQ(status, 0);
}

TT_SUITE("tickless", setup, teardown, TT_CASE(test_sleep_from_mid_tick_wakes_on_the_boundary),
         TT_CASE(test_alarm_reach_counts_in_whole_milliseconds),
         TT_CASE(test_alarm_too_short_for_a_tick_waits_ticked),
         TT_CASE(test_real_clock_sleeps_tickless_and_keeps_time));

#else
TT_SUITE_SKIPPED("tickless", "TOS_CFG_PWR_MGR_EN or TOS_CFG_TICKLESS_EN is 0");
#endif
