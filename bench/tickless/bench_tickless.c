/*
 * Tickless idle measurements on the host simulator (results: bench/RESULTS.md).
 *
 * The application: three periodic software timers (1 s, 7 s, 13 s) and one
 * task blocked forever; a runner task measures and then ends the program.
 *
 *   bench_tickless wakeups IDLE [stagger]
 *       60 s of virtual time. IDLE is "ticked" (the idle task waits with the
 *       1 kHz tick running: low-power mode NONE), "sleep" or "stop"
 *       (tickless idle in that mode). "stagger" starts the 7 s and 13 s
 *       timers 250 ms and 500 ms later, so that no two expiries coincide.
 *   bench_tickless drift ALARM [INTERRUPTS [HOURS [SEED]]]
 *       HOURS (default 24) of virtual time with INTERRUPTS (default 10000)
 *       device interrupts at uniformly random instants (fixed SEED, default
 *       1), each waking the CPU early. ALARM is "exact" (the port's alarm,
 *       which measures the sleep), "legacy" (the same timer behind the
 *       original four-method API, which cannot) or "ticked".
 *
 * Output: one "name value" line per result. The simulator counts CPU
 * wake-ups (port_sim_wakeups_get): a ticked CPU wakes at every tick, a
 * tickless one once per sleep. The clock error is the kernel's tick count
 * minus the ticked reference (tick boundaries passed on the cycle counter).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tos_k.h"
#include "port_sim.h"
#include "tern_board.h"

#define BENCH_IRQ       3u
#define BENCH_IRQ_PRIO  1u
#define BENCH_STK_SIZE  4096u
#define BENCH_MAX_EARLY 100000u
#define BENCH_TIMERS    3u
#define BENCH_TICKS_SEC ((k_tick_t)TOS_CFG_CPU_TICK_PER_SECOND)

typedef struct bench_args_st {
    int drift;                /* drift run (else wake-ups) */
    k_cpu_lpwr_mode_t mode;   /* NONE: ticked */
    int legacy;               /* drift: the original-API alarm */
    int stagger;              /* wake-ups: offsets for the 7 s and 13 s timers */
    unsigned long interrupts; /* drift */
    unsigned long hours;      /* drift */
    unsigned long seed;       /* drift */
} bench_args_t;

static bench_args_t args;

static k_task_t runner_task;
static k_task_t blocked_task;
static k_stack_t runner_stk[BENCH_STK_SIZE];
static k_stack_t blocked_stk[BENCH_STK_SIZE];
static k_sem_t never;
static k_timer_t timers[BENCH_TIMERS];

static const k_tick_t timer_period_s[BENCH_TIMERS] = {1u, 7u, 13u};
static const k_tick_t timer_stagger_ms[BENCH_TIMERS] = {0u, 250u, 500u};

static unsigned long expiries;
static unsigned long instants; /* distinct ticks on which timers expired */
static k_tick_t last_instant = TOS_TIME_FOREVER;
static unsigned long timer_off_reference;

static uint64_t early_at[BENCH_MAX_EARLY];
static unsigned long early_next;
static unsigned long early_seen;
static unsigned long early_off_reference;

/* The alarm behind the original API: no setup_cycles/elapsed_cycles. */
static k_tickless_wkup_alarm_t legacy_alarm = {
    .init = port_sim_wkup_init,
    .setup = port_sim_wkup_setup,
    .dismiss = port_sim_wkup_dismiss,
    .max_delay = port_sim_wkup_max_delay,
};

static k_tick_t reference(void)
{
    return (k_tick_t)(port_sim_cycles_get() / k_cpu_cycle_per_tick);
}

static void timer_expired(void *arg)
{
    k_tick_t now = tos_systick_get();

    (void)arg;
    ++expiries;
    if (now != last_instant) {
        last_instant = now;
        ++instants;
    }
    if (now != reference()) {
        ++timer_off_reference;
    }
}

/* A device interrupt: looks at the clock, arms the next one. */
static void early_isr(void)
{
    tos_knl_irq_enter();
    ++early_seen;
    if (tos_systick_get() != reference()) {
        ++early_off_reference;
    }
    if (early_next < args.interrupts) {
        port_sim_irq_raise_at(BENCH_IRQ, early_at[early_next++]);
    }
    tos_knl_irq_leave();
}

static uint64_t lcg_state;

static uint64_t lcg_next(void)
{
    lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
    return lcg_state >> 11u;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a;
    uint64_t y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

/* Uniformly random instants within (start, start + span), sorted. */
static void early_plan(uint64_t start, uint64_t span)
{
    unsigned long i;

    lcg_state = args.seed;
    for (i = 0u; i < args.interrupts; ++i) {
        early_at[i] = start + 1u + lcg_next() % (span - 1u);
    }
    qsort(early_at, args.interrupts, sizeof(early_at[0]), cmp_u64);
    early_next = 0u;
    if (args.interrupts > 0u) {
        (void)port_sim_irq_connect(BENCH_IRQ, early_isr, BENCH_IRQ_PRIO);
        port_sim_irq_raise_at(BENCH_IRQ, early_at[early_next++]);
    }
}

static void blocked_entry(void *arg)
{
    (void)arg;
    (void)tos_sem_pend(&never, TOS_TIME_FOREVER);
    printf("error: the blocked task woke up\n");
    tern_board_exit(1);
}

static int timers_start(void)
{
    unsigned i;
    k_tick_t period;
    k_tick_t delay;
    int ok = K_TRUE;

    for (i = 0u; i < BENCH_TIMERS && ok; ++i) {
        period = timer_period_s[i] * BENCH_TICKS_SEC;
        delay = period + (args.stagger ? timer_stagger_ms[i] * BENCH_TICKS_SEC / 1000u : 0u);
        ok = tos_timer_create(&timers[i], delay, period, timer_expired, K_NULL,
                              TOS_OPT_TIMER_PERIODIC) == K_ERR_NONE &&
             tos_timer_start(&timers[i]) == K_ERR_NONE;
    }
    return ok;
}

static int idle_configure(void)
{
    int ok = K_TRUE;

    if (args.legacy) {
        tos_tickless_wkup_alarm_install(TOS_LOW_POWER_MODE_STOP, &legacy_alarm);
        ok = tos_tickless_wkup_alarm_init(TOS_LOW_POWER_MODE_STOP) == K_ERR_NONE;
    }
    return ok && tos_pm_cpu_lpwr_mode_set(args.mode) == K_ERR_NONE;
}

static void report_stats(void)
{
    static const char *const names[__LOW_POWER_MODE_DUMMY] = {"none", "sleep", "stop", "standby"};
    k_pm_stats_t st;
    unsigned m;

    for (m = 0u; m < (unsigned)__LOW_POWER_MODE_DUMMY; ++m) {
        if (tos_pm_stats_get((k_cpu_lpwr_mode_t)m, &st) == K_ERR_NONE && st.entries > 0u) {
            printf("sleeps_%s %lu\nearly_%s %lu\nslept_us_%s %llu\n", names[m],
                   (unsigned long)st.entries, names[m], (unsigned long)st.early, names[m],
                   (unsigned long long)(st.cycles * 1000000u /
                                        ((uint64_t)k_cpu_cycle_per_tick * BENCH_TICKS_SEC)));
        }
    }
}

static void runner_entry(void *arg)
{
    k_tick_t duration = (args.drift ? (k_tick_t)args.hours * 3600u : 60u) * BENCH_TICKS_SEC;
    k_tick_t t0;
    uint64_t w0;
    long long error;

    (void)arg;
    (void)tos_task_delay(1u); /* start on a tick boundary */
    if (!idle_configure() || !timers_start()) {
        printf("error: set-up failed\n");
        tern_board_exit(1);
    }
    t0 = tos_systick_get();
    w0 = port_sim_wakeups_get();
    (void)tos_pm_stats_reset();
    if (args.drift) {
        early_plan(port_sim_cycles_get(), (uint64_t)duration * k_cpu_cycle_per_tick);
    }
    (void)tos_task_delay(duration);
    error = (long long)tos_systick_get() - (long long)reference();
    printf("virtual_seconds %llu\n", (unsigned long long)(duration / BENCH_TICKS_SEC));
    printf("ticks %llu\n", (unsigned long long)(tos_systick_get() - t0));
    printf("wakeups %llu\n", (unsigned long long)(port_sim_wakeups_get() - w0));
    printf("expiries %lu\ninstants %lu\n", expiries, instants);
    printf("timer_off_reference %lu\n", timer_off_reference);
    printf("early_interrupts %lu\nearly_off_reference %lu\n", early_seen, early_off_reference);
    printf("clock_error_ticks %lld\n", error);
    report_stats();
    tern_board_exit(0);
}

static int args_idle(const char *word)
{
    int ok = K_TRUE;

    args.mode = TOS_LOW_POWER_MODE_STOP;
    if (strcmp(word, "ticked") == 0) {
        args.mode = TOS_LOW_POWER_MODE_NONE;
    } else if (strcmp(word, "sleep") == 0) {
        args.mode = TOS_LOW_POWER_MODE_SLEEP;
    } else if (strcmp(word, "legacy") == 0) {
        args.legacy = K_TRUE;
    } else if (strcmp(word, "stop") != 0 && strcmp(word, "exact") != 0) {
        ok = K_FALSE;
    }
    return ok;
}

static int args_parse(int argc, char **argv)
{
    int ok = argc >= 3 && args_idle(argv[2]);

    args.interrupts = 10000u;
    args.hours = 24u;
    args.seed = 1u;
    if (ok && strcmp(argv[1], "wakeups") == 0) {
        args.stagger = argc >= 4 && strcmp(argv[3], "stagger") == 0;
        ok = !args.legacy;
    } else if (ok && strcmp(argv[1], "drift") == 0) {
        args.drift = K_TRUE;
        args.interrupts = argc >= 4 ? strtoul(argv[3], NULL, 10) : args.interrupts;
        args.hours = argc >= 5 ? strtoul(argv[4], NULL, 10) : args.hours;
        args.seed = argc >= 6 ? strtoul(argv[5], NULL, 10) : args.seed;
        ok = args.interrupts <= BENCH_MAX_EARLY && args.hours > 0u && args.hours <= 24u * 365u;
    } else {
        ok = K_FALSE;
    }
    return ok;
}

int main(int argc, char **argv)
{
    k_err_t err;

    if (!args_parse(argc, argv)) {
        fprintf(stderr,
                "usage: %s wakeups ticked|sleep|stop [stagger]\n"
                "       %s drift exact|legacy|ticked [interrupts [hours [seed]]]\n",
                argv[0], argv[0]);
        return 2;
    }
    tern_board_init();
    err = tos_knl_init();
    err = err != K_ERR_NONE ? err : tos_sem_create(&never, 0u);
    err = err != K_ERR_NONE ? err
                            : tos_task_create(&blocked_task, "blocked", blocked_entry, K_NULL, 5u,
                                              blocked_stk, sizeof(blocked_stk), 0u);
    err = err != K_ERR_NONE ? err
                            : tos_task_create(&runner_task, "runner", runner_entry, K_NULL, 4u,
                                              runner_stk, sizeof(runner_stk), 0u);
    err = err != K_ERR_NONE ? err : tos_knl_start();
    fprintf(stderr, "error: the kernel did not start (%d)\n", (int)err);
    return 1;
}
