/*
 * Tests of the host simulator itself (arch/host), through the kernel API and
 * port_sim.h: the virtual clock, simulated interrupts (masking, nesting,
 * deferred switching), cycle burning, foreign OS threads, deadlock
 * detection, task threads and stacks, and, in child processes, the
 * deadlock/exit reports and the real clock.
 *
 * Why child processes: the default deadlock reaction ends the process, and
 * the clock mode is fixed at tos_knl_init(). The suite therefore re-runs
 * its own executable with TERN_SIM_CHILD set; setup() of the first case of
 * such a child runs the requested scenario instead of the case.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tos_k.h"
#include "port_sim.h"
#include "tern_board.h"
#include "tt.h"

extern char **environ;

#define PRIO_HI ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO ((k_prio_t)(TT_RUNNER_PRIO + 1u))

/* Lines and priorities: B is more urgent than A, which is more urgent than C. */
#define IRQ_A      5u
#define IRQ_B      6u
#define IRQ_C      7u
#define IRQ_A_PRIO 10u
#define IRQ_B_PRIO 5u
#define IRQ_C_PRIO 20u

#define STK_SIZE 1024u
#define LOG_MAX  16

static k_task_t helper;
static k_stack_t helper_stk[STK_SIZE] __ALIGNED__(16);

static int log_buf[LOG_MAX];
static int log_len;

static k_task_t *runner;

static void log_put(int v)
{
    if (log_len < LOG_MAX) {
        log_buf[log_len++] = v;
    }
}

/* Non-zero if the log holds exactly the n values given. */
static int log_is(int n, ...)
{
    va_list ap;
    int i;
    int same = (n == log_len);

    va_start(ap, n);
    for (i = 0; i < n; ++i) {
        int v = va_arg(ap, int);

        if (same && log_buf[i] != v) {
            same = 0;
        }
    }
    va_end(ap);
    if (!same) {
        printf("    log (%d entries):", log_len);
        for (i = 0; i < log_len; ++i) {
            printf(" %d", log_buf[i]);
        }
        printf("\n");
    }
    return same;
}

static void disconnect_all(void)
{
    (void)port_sim_irq_connect(IRQ_A, NULL, IRQ_A_PRIO);
    (void)port_sim_irq_connect(IRQ_B, NULL, IRQ_B_PRIO);
    (void)port_sim_irq_connect(IRQ_C, NULL, IRQ_C_PRIO);
}

static void child_scenario(const char *mode);

static void setup(void)
{
    const char *child = getenv("TERN_SIM_CHILD");

    if (child != NULL) {
        child_scenario(child); /* does not return */
    }
    log_len = 0;
    runner = tos_task_curr_task_get();
    disconnect_all();
}

static void teardown(void)
{
    port_sim_set_deadlock_handler(NULL);
    disconnect_all();
}

/* ---- CPU services ---------------------------------------------------------- */

static void test_clz(void)
{
    uint32_t i;

    TT_ASSERT_EQ(tos_cpu_clz(0u), 32);
    TT_ASSERT_EQ(tos_cpu_clz(0xFFFFFFFFu), 0);
    for (i = 0u; i < 32u; ++i) {
        TT_ASSERT_EQ(tos_cpu_clz((uint32_t)1u << i), 31u - i);
        TT_ASSERT_EQ(tos_cpu_clz(((uint32_t)1u << i) | 1u), 31u - i);
    }
}

static void test_irq_connect_checks_arguments(void)
{
    TT_ASSERT_EQ(port_sim_irq_connect(PORT_SIM_IRQ_TICK, disconnect_all, 1u), -1);
    TT_ASSERT_EQ(port_sim_irq_connect(PORT_SIM_IRQ_MAX, disconnect_all, 1u), -1);
    TT_ASSERT_EQ(port_sim_irq_connect(IRQ_A, disconnect_all, PORT_SIM_IRQ_PRIO_LOWEST + 1u), -1);
    TT_ASSERT_EQ(port_sim_irq_connect(PORT_SIM_IRQ_MAX - 1u, NULL, PORT_SIM_IRQ_PRIO_LOWEST), 0);
    /* No ISR: the raise is discarded; out of range: ignored. */
    port_sim_irq_raise(PORT_SIM_IRQ_MAX - 1u);
    port_sim_irq_raise(PORT_SIM_IRQ_MAX);
    TT_ASSERT_EQ(port_sim_clock_get(), PORT_SIM_CLOCK_VIRTUAL);
}

/* ---- the virtual clock ----------------------------------------------------- */

static void test_virtual_clock_jumps_over_long_delays(void)
{
    k_tick_t t0 = tos_systick_get();
    uint64_t c0 = port_sim_cycles_get();
    uint64_t c1;

    /* Ten minutes at 1000 Hz, done in no time. */
    TT_ASSERT_ERR(tos_task_delay((k_tick_t)600000u), K_ERR_NONE);
    c1 = port_sim_cycles_get();
    TT_ASSERT_EQ(tos_systick_get(), t0 + 600000u);
    TT_ASSERT_GT(c1 - c0, (uint64_t)599999u * k_cpu_cycle_per_tick);
    TT_ASSERT_LE(c1 - c0, (uint64_t)600000u * k_cpu_cycle_per_tick);
}

static void test_cycles_burn_drives_ticks(void)
{
    k_tick_t t0;

    /* Align to a tick boundary first: a 1-tick delay ends exactly on one. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = tos_systick_get();
    port_sim_cycles_burn(10u * k_cpu_cycle_per_tick);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 10u);
    port_sim_cycles_burn(k_cpu_cycle_per_tick / 2u);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 10u);
    port_sim_cycles_burn(k_cpu_cycle_per_tick - k_cpu_cycle_per_tick / 2u);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 11u);
}

static void test_ticks_burned_while_masked_are_not_lost(void)
{
    k_tick_t t0 = tos_systick_get();
    k_tick_t masked_tick;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    port_sim_cycles_burn(5u * k_cpu_cycle_per_tick);
    masked_tick = k_tick_count;
    TOS_CPU_INT_ENABLE();
    TT_ASSERT_EQ(masked_tick, t0);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 5u);
}

#if TOS_CFG_TIMER_EN > 0u && TOS_CFG_TIMER_AS_PROC > 0u
static void timer_log_tick(void *arg)
{
    (void)arg;
    log_put((int)k_tick_count);
}

/* Piled-up ticks are replayed one by one: a periodic timer keeps its phase. */
static void test_piled_up_ticks_keep_timer_phase(void)
{
    k_timer_t tmr;
    k_tick_t t0;
    TOS_CPU_CPSR_ALLOC();

    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(tos_timer_create(&tmr, 10u, 10u, timer_log_tick, K_NULL, TOS_OPT_TIMER_PERIODIC),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_timer_start(&tmr), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(8u), K_ERR_NONE);
    TOS_CPU_INT_DISABLE();
    port_sim_cycles_burn(5u * k_cpu_cycle_per_tick); /* ticks t0+9 .. t0+13 pile up */
    TOS_CPU_INT_ENABLE();
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    (void)tos_timer_destroy(&tmr);
    TT_ASSERT(log_is(2, (int)(t0 + 10u), (int)(t0 + 20u)));
}
#endif

static void entry_delay_then_log(void *arg)
{
    (void)tos_task_delay((k_tick_t)(uintptr_t)arg);
    log_put((int)tos_systick_get());
}

/* A busy task is preempted exactly on the tick its peer wakes up. */
static void test_burn_is_preempted_on_the_exact_tick(void)
{
    k_tick_t t0;

    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(tos_task_create(&helper, "sleeper", entry_delay_then_log, (void *)(uintptr_t)7u,
                                  PRIO_HI, helper_stk, sizeof(helper_stk), 0u),
                  K_ERR_NONE);
    port_sim_cycles_burn(20u * k_cpu_cycle_per_tick);
    TT_ASSERT(log_is(1, (int)(t0 + 7u)));
}

/* ---- interrupts ------------------------------------------------------------ */

static volatile int isr_runs;

static void isr_count(void)
{
    ++isr_runs;
}

static void test_irq_runs_at_once_when_unmasked(void)
{
    isr_runs = 0;
    TT_ASSERT_EQ(port_sim_irq_connect(IRQ_A, isr_count, IRQ_A_PRIO), 0);
    port_sim_irq_raise(IRQ_A);
    TT_ASSERT_EQ(isr_runs, 1);
    port_sim_irq_raise(IRQ_A);
    TT_ASSERT_EQ(isr_runs, 2);
}

static void test_irq_is_deferred_while_masked(void)
{
    int during;
    int after_inner;
    TOS_CPU_CPSR_ALLOC();
    cpu_cpsr_t outer;

    isr_runs = 0;
    TT_ASSERT_EQ(port_sim_irq_connect(IRQ_A, isr_count, IRQ_A_PRIO), 0);
    outer = tos_cpu_cpsr_save();
    TOS_CPU_INT_DISABLE();
    port_sim_irq_raise(IRQ_A);
    during = isr_runs;
    TOS_CPU_INT_ENABLE(); /* inner restore: still masked */
    after_inner = isr_runs;
    tos_cpu_cpsr_restore(outer);
    TT_ASSERT_EQ(during, 0);
    TT_ASSERT_EQ(after_inner, 0);
    TT_ASSERT_EQ(isr_runs, 1);

    tos_cpu_int_disable();
    port_sim_irq_raise(IRQ_A);
    during = isr_runs;
    tos_cpu_int_enable();
    TT_ASSERT_EQ(during, 1);
    TT_ASSERT_EQ(isr_runs, 2);
}

static int nest_in_b;

static void isr_c(void)
{
    tos_knl_irq_enter();
    log_put(3);
    tos_knl_irq_leave();
}

static void isr_b(void)
{
    tos_knl_irq_enter();
    nest_in_b = (int)k_irq_nest_cnt;
    log_put(2);
    port_sim_irq_raise(IRQ_C); /* less urgent: waits for the ISRs above it */
    log_put(22);
    tos_knl_irq_leave();
}

static void isr_a(void)
{
    tos_knl_irq_enter();
    log_put(1);
    port_sim_irq_raise(IRQ_B); /* more urgent: nests at once */
    log_put(11);
    tos_knl_irq_leave();
}

static void test_irq_nesting_follows_priority(void)
{
    nest_in_b = 0;
    TT_ASSERT_EQ(port_sim_irq_connect(IRQ_A, isr_a, IRQ_A_PRIO), 0);
    TT_ASSERT_EQ(port_sim_irq_connect(IRQ_B, isr_b, IRQ_B_PRIO), 0);
    TT_ASSERT_EQ(port_sim_irq_connect(IRQ_C, isr_c, IRQ_C_PRIO), 0);
    port_sim_irq_raise(IRQ_A);
    log_put(0);
    TT_ASSERT_EQ(nest_in_b, 2);
    TT_ASSERT(log_is(6, 1, 2, 22, 11, 3, 0));
    TT_ASSERT_EQ(k_irq_nest_cnt, 0);
}

static void entry_suspend_then_log(void *arg)
{
    (void)arg;
    log_put(1);
    (void)tos_task_suspend(K_NULL);
    log_put(4);
}

static void isr_resume_helper(void)
{
    tos_knl_irq_enter();
    log_put(2);
    (void)tos_task_resume(&helper); /* more urgent than the runner */
    tos_knl_irq_leave();
    log_put(3); /* still before the helper: the switch waits for the return */
}

static void test_switch_is_deferred_to_isr_return(void)
{
    TT_ASSERT_ERR(tos_task_create(&helper, "suspender", entry_suspend_then_log, K_NULL, PRIO_HI,
                                  helper_stk, sizeof(helper_stk), 0u),
                  K_ERR_NONE);
    TT_ASSERT(log_is(1, 1));
    TT_ASSERT_EQ(port_sim_irq_connect(IRQ_A, isr_resume_helper, IRQ_A_PRIO), 0);
    port_sim_irq_raise(IRQ_A);
    log_put(5);
    TT_ASSERT(log_is(5, 1, 2, 3, 4, 5));
}

/* ---- tasks as threads ------------------------------------------------------ */

static void entry_log_arg(void *arg)
{
    log_put((int)(uintptr_t)arg);
}

static void entry_wait_forever(void *arg)
{
    log_put((int)(uintptr_t)arg);
    (void)tos_task_suspend(K_NULL);
    log_put(99); /* never */
}

/* The same TCB and stack serve again after the task ended or was destroyed. */
static void test_task_objects_and_stacks_are_reusable(void)
{
    int round;

    for (round = 0; round < 3; ++round) {
        TT_ASSERT_ERR(tos_task_create(&helper, "returns", entry_log_arg, (void *)(uintptr_t)round,
                                      PRIO_HI, helper_stk, sizeof(helper_stk), 0u),
                      K_ERR_NONE);
    }
    for (round = 3; round < 6; ++round) {
        TT_ASSERT_ERR(tos_task_create(&helper, "parked", entry_wait_forever,
                                      (void *)(uintptr_t)round, PRIO_HI, helper_stk,
                                      sizeof(helper_stk), 0u),
                      K_ERR_NONE);
        TT_ASSERT_ERR(tos_task_destroy(&helper), K_ERR_NONE);
    }
    TT_ASSERT(log_is(6, 0, 1, 2, 3, 4, 5));
}

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
/* Code runs on a host stack: the kernel-visible one only holds the frame. */
static void test_stack_holds_only_the_initial_frame(void)
{
    int depth = -1;
    size_t i;

    TT_ASSERT_ERR(tos_task_create(&helper, "parked", entry_wait_forever, (void *)(uintptr_t)7u,
                                  PRIO_LO, helper_stk, sizeof(helper_stk), 0u),
                  K_ERR_NONE);
    TT_ASSERT_PTR_EQ(helper.sp, helper_stk + sizeof(helper_stk) - sizeof(port_sim_frame_t));
    for (i = 0u; i < sizeof(helper_stk) - sizeof(port_sim_frame_t); ++i) {
        TT_ASSERT_EQ(helper_stk[i], 0xCC);
    }
    TT_ASSERT_ERR(tos_task_stack_draught_depth(&helper, &depth), K_ERR_NONE);
    TT_ASSERT_EQ(depth, sizeof(port_sim_frame_t));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE); /* it runs, on its own thread */
    TT_ASSERT_ERR(tos_task_stack_draught_depth(&helper, &depth), K_ERR_NONE);
    TT_ASSERT_EQ(depth, sizeof(port_sim_frame_t));
    TT_ASSERT(log_is(1, 7));
}

#endif

/*
 * Minimal stacks at any alignment: the frame stays inside the buffer, and
 * (with the 0xCC fill) the kernel's guard bytes at the bottom stay intact.
 */
static void test_minimal_stack_at_any_alignment(void)
{
    size_t skew;

    for (skew = 0u; skew < sizeof(void *); ++skew) {
        k_stack_t *base = helper_stk + 16u + skew;

        memset(helper_stk, 0x5A, sizeof(helper_stk));
        TT_ASSERT_ERR(tos_task_create(&helper, "tiny", entry_wait_forever, (void *)(uintptr_t)skew,
                                      PRIO_HI, base, K_TASK_STK_SIZE_MIN, 0u),
                      K_ERR_NONE);
        TT_ASSERT_EQ(base[K_TASK_STK_SIZE_MIN], 0x5A); /* nothing written above */
        TT_ASSERT_EQ(base[-1], 0x5A);                  /* nor below */
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
        TT_ASSERT_EQ(base[0], 0xCC);
        TT_ASSERT_EQ(base[1], 0xCC);
        TT_ASSERT_EQ(base[2], 0xCC);
        TT_ASSERT_EQ(base[3], 0xCC);
#endif
        TT_ASSERT_ERR(tos_task_destroy(&helper), K_ERR_NONE);
    }
    TT_ASSERT_EQ(log_len, (int)sizeof(void *));
}

/* ---- foreign OS threads ------------------------------------------------------ */

typedef struct foreign_result_st {
    int is_foreign;
    k_err_t delay;
    k_err_t lock;
    k_err_t suspend;
    k_err_t post;
} foreign_result_t;

#if TOS_CFG_SEM_EN > 0u
static k_sem_t foreign_sem;
#endif

static void *foreign_caller(void *arg)
{
    foreign_result_t *r = arg;

    r->is_foreign = cpu_is_foreign_context();
    r->delay = tos_task_delay(1u);
    r->lock = tos_knl_sched_lock();
    r->suspend = tos_task_suspend(K_NULL);
#if TOS_CFG_SEM_EN > 0u
    r->post = tos_sem_post(&foreign_sem);
#else
    r->post = K_ERR_KNL_FOREIGN_CONTEXT;
#endif
    return NULL;
}

static void test_foreign_thread_is_rejected(void)
{
    foreign_result_t r;
    pthread_t thread;

    memset(&r, 0, sizeof(r));
#if TOS_CFG_SEM_EN > 0u
    TT_ASSERT_ERR(tos_sem_create(&foreign_sem, 0u), K_ERR_NONE);
#endif
    TT_ASSERT_EQ(cpu_is_foreign_context(), 0);
    TT_ASSERT_EQ(pthread_create(&thread, NULL, foreign_caller, &r), 0);
    TT_ASSERT_EQ(pthread_join(thread, NULL), 0);
    TT_ASSERT_NE(r.is_foreign, 0);
    TT_ASSERT_ERR(r.delay, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.lock, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.suspend, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_ERR(r.post, K_ERR_KNL_FOREIGN_CONTEXT);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0);
    TT_ASSERT_EQ(runner->state, K_TASK_STATE_READY);
#if TOS_CFG_SEM_EN > 0u
    TT_ASSERT_EQ(foreign_sem.count, 0);
    TT_ASSERT_ERR(tos_sem_destroy(&foreign_sem), K_ERR_NONE);
#endif
}

static atomic_int foreign_ack;

static void isr_wake_runner(void)
{
    tos_knl_irq_enter();
    if (task_state_is_suspended(runner)) {
        (void)tos_task_resume(runner);
        atomic_store(&foreign_ack, 1);
    }
    tos_knl_irq_leave();
}

/* Raises until the ISR found the runner suspended (the thread may be early). */
static void *foreign_raiser(void *arg)
{
    struct timespec pause = {0, 1000000L};

    (void)arg;
    while (!atomic_load(&foreign_ack)) {
        port_sim_irq_raise(IRQ_A);
        (void)nanosleep(&pause, NULL);
    }
    port_sim_foreign_raisers(-1);
    return NULL;
}

static volatile int deadlocks;

static void on_deadlock(void)
{
    ++deadlocks;
    (void)tos_task_resume(runner);
}

/* An idle CPU waits for a registered foreign raiser instead of giving up. */
static void test_foreign_raise_wakes_the_idle_cpu(void)
{
    pthread_t thread;

    deadlocks = 0;
    atomic_store(&foreign_ack, 0);
    port_sim_set_deadlock_handler(on_deadlock);
    TT_ASSERT_EQ(port_sim_irq_connect(IRQ_A, isr_wake_runner, IRQ_A_PRIO), 0);
    port_sim_foreign_raisers(1);
    TT_ASSERT_EQ(pthread_create(&thread, NULL, foreign_raiser, NULL), 0);
    TT_ASSERT_ERR(tos_task_suspend(K_NULL), K_ERR_NONE);
    TT_ASSERT_EQ(pthread_join(thread, NULL), 0);
    TT_ASSERT_EQ(atomic_load(&foreign_ack), 1);
    TT_ASSERT_EQ(deadlocks, 0);
}

/* ---- deadlock detection ------------------------------------------------------ */

static k_task_t *deadlock_ctx;
static k_tick_t deadlock_tick;

static void on_deadlock_record(void)
{
    ++deadlocks;
    deadlock_ctx = tos_task_curr_task_get();
    deadlock_tick = tos_systick_get();
    (void)tos_task_resume(runner);
}

static void test_deadlock_handler_observes_a_deadlock(void)
{
    k_tick_t t0;

    deadlocks = 0;
    port_sim_set_deadlock_handler(on_deadlock_record);
    TT_ASSERT_ERR(tos_task_create(&helper, "waiter", entry_wait_forever, (void *)(uintptr_t)1u,
                                  PRIO_LO, helper_stk, sizeof(helper_stk), 0u),
                  K_ERR_NONE);
    t0 = tos_systick_get();
    TT_ASSERT_ERR(tos_task_suspend(K_NULL), K_ERR_NONE);
    TT_ASSERT_EQ(deadlocks, 1);
    TT_ASSERT_PTR_EQ(deadlock_ctx, &k_idle_task);
    TT_ASSERT_EQ(deadlock_tick, t0);
    TT_ASSERT(log_is(1, 1));

    /* A delay is a deadline: no deadlock, just a jump. */
    TT_ASSERT_ERR(tos_task_delay(1000u), K_ERR_NONE);
    TT_ASSERT_EQ(deadlocks, 1);
}

/* ---- child processes: default deadlock reaction, real clock ----------------- */

/* In the child: these never return, they end the process. */
static void child_deadlock(void)
{
    (void)tos_task_suspend(K_NULL);
    printf("child: still running after a deadlock\n");
    tern_board_exit(1);
}

static void child_ended(void)
{
    (void)tos_task_destroy(K_NULL);
    tern_board_exit(1);
}

static volatile sig_atomic_t child_flag;

static void entry_delay_then_flag(void *arg)
{
    (void)tos_task_delay((k_tick_t)(uintptr_t)arg);
    child_flag = 1;
}

static long long elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;

    (void)clock_gettime(CLOCK_MONOTONIC, &t1);
    return (long long)(t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Real clock: delays take wall time, and a spinning task is preempted. */
static void child_real(void)
{
    struct timespec t0;
    k_tick_t k0 = tos_systick_get();
    int ok;

    (void)clock_gettime(CLOCK_MONOTONIC, &t0);
    ok = tos_task_delay(50u) == K_ERR_NONE;
    ok = ok && elapsed_ms(&t0) >= 45 && tos_systick_get() - k0 >= 50u;
    ok = ok && port_sim_clock_get() == PORT_SIM_CLOCK_REAL;
    child_flag = 0;
    ok = ok && tos_task_create(&helper, "flagger", entry_delay_then_flag, (void *)(uintptr_t)5u,
                               PRIO_HI, helper_stk, sizeof(helper_stk), 0u) == K_ERR_NONE;
    (void)clock_gettime(CLOCK_MONOTONIC, &t0);
    while (ok && !child_flag && elapsed_ms(&t0) < 10000) {
        /* Spin without calling the kernel: only the tick signal can preempt. */
    }
    ok = ok && child_flag;
    printf("child: real clock %s\n", ok ? "ok" : "FAILED");
    tern_board_exit(ok ? 0 : 1);
}

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
/* Overwrites its own stack guard, then gets switched out. */
static void entry_overflow(void *arg)
{
    (void)arg;
    helper.stk_base[0] = 0x00u;
    (void)tos_task_delay(1u);
}

/* The kernel's default overflow hook ends the program through cpu_fatal_halt(). */
static void child_overflow(void)
{
    (void)tos_task_create(&helper, "overflowing", entry_overflow, K_NULL, PRIO_HI, helper_stk,
                          sizeof(helper_stk), 0u);
    printf("child: still running after a stack overflow\n");
    tern_board_exit(1);
}
#endif

/*
 * A task may not end where tos_task_destroy(K_NULL) would be refused or
 * the task is not simply running: with the scheduler locked, or blocked
 * by its own call inside its own critical section (the switch away still
 * pending). Either ends the program through cpu_fatal_halt().
 */
static void entry_return_locked(void *arg)
{
    (void)arg;
    (void)tos_knl_sched_lock();
}

static void entry_return_blocked(void *arg)
{
    TOS_CPU_CPSR_ALLOC();

    (void)arg;
    TOS_CPU_INT_DISABLE();
    (void)tos_task_delay(1u);
    (void)cpu_cpsr;
}

static void child_bad_return(k_task_entry_t entry)
{
    (void)tos_task_create(&helper, "returning", entry, K_NULL, PRIO_HI, helper_stk,
                          sizeof(helper_stk), 0u);
    printf("child: still running after a task's bad return\n");
    tern_board_exit(1);
}

static void child_scenario(const char *mode)
{
    if (strcmp(mode, "return_locked") == 0) {
        child_bad_return(entry_return_locked);
    } else if (strcmp(mode, "return_blocked") == 0) {
        child_bad_return(entry_return_blocked);
    }
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    if (strcmp(mode, "overflow") == 0) {
        child_overflow();
    }
#endif
    if (strcmp(mode, "deadlock") == 0) {
        child_deadlock();
    } else if (strcmp(mode, "ended") == 0) {
        child_ended();
    } else if (strcmp(mode, "real") == 0) {
        child_real();
    }
    printf("child: unknown scenario \"%s\"\n", mode);
    tern_board_exit(1);
}

/* Environment of a child: ours without TERN_*, plus the two variables. */
static char **child_env(char *mode_var, char *clock_var)
{
    size_t n = 0u;
    size_t i;
    char **env;

    while (environ[n] != NULL) {
        ++n;
    }
    env = calloc(n + 3u, sizeof(*env));
    if (env != NULL) {
        n = 0u;
        for (i = 0u; environ[i] != NULL; ++i) {
            if (strncmp(environ[i], "TERN_", 5u) != 0) {
                env[n++] = environ[i];
            }
        }
        env[n++] = mode_var;
        env[n] = clock_var;
    }
    return env;
}

/*
 * Runs this executable as a child in scenario `mode`; stderr goes to `err`
 * (size n). Returns the exit status, or -1. The runner holds the simulated
 * CPU while it waits, which is fine: nothing else needs to run meanwhile.
 */
static int run_child(const char *mode, const char *clock, char *err, size_t n)
{
    char exe[1024];
    char mode_var[64];
    char clock_var[64];
    char err_path[] = "/tmp/tern-sim-test-XXXXXX";
    char *argv[2] = {exe, NULL};
    char **env;
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int status = -1;
    int fd = mkstemp(err_path);
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1u);

    (void)snprintf(mode_var, sizeof(mode_var), "TERN_SIM_CHILD=%s", mode);
    (void)snprintf(clock_var, sizeof(clock_var), "TERN_CLOCK=%s", clock);
    env = child_env(mode_var, clock_var);
    if (fd >= 0 && len > 0 && env != NULL) {
        exe[len] = '\0';
        (void)posix_spawn_file_actions_init(&fa);
        (void)posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        (void)posix_spawn_file_actions_adddup2(&fa, fd, 2);
        if (posix_spawn(&pid, exe, &fa, NULL, argv, env) == 0 && waitpid(pid, &status, 0) == pid) {
            status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            len = pread(fd, err, n - 1u, 0);
            err[len > 0 ? len : 0] = '\0';
        }
        (void)posix_spawn_file_actions_destroy(&fa);
    }
    free(env);
    if (fd >= 0) {
        (void)close(fd);
        (void)unlink(err_path);
    }
    return status;
}

static char child_err[4096];

static void test_deadlock_default_reports_and_exits_3(void)
{
    TT_ASSERT_EQ(run_child("deadlock", "virtual", child_err, sizeof(child_err)), 3);
    TT_ASSERT(strstr(child_err, "tern-sim: deadlock: every task is blocked forever at tick") !=
              NULL);
    TT_ASSERT(strstr(child_err, "\"tt_runner\" prio 4 SUSPENDED") != NULL);
    TT_ASSERT(strstr(child_err, "\"idle\"") != NULL);
}

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
/* Never a silent hang: the default overflow hook exits with the fault status. */
static void test_default_overflow_hook_exits_134(void)
{
    TT_ASSERT_EQ(run_child("overflow", "virtual", child_err, sizeof(child_err)), 134);
}
#endif

static void test_task_returning_locked_or_blocked_exits_134(void)
{
    TT_ASSERT_EQ(run_child("return_locked", "virtual", child_err, sizeof(child_err)), 134);
    TT_ASSERT_EQ(run_child("return_blocked", "virtual", child_err, sizeof(child_err)), 134);
}

static void test_all_tasks_ended_exits_0(void)
{
    TT_ASSERT_EQ(run_child("ended", "virtual", child_err, sizeof(child_err)), 0);
    TT_ASSERT(strstr(child_err, "tern-sim: every task has ended at tick") != NULL);
}

static void test_real_clock_follows_wall_time_and_preempts(void)
{
    int status = run_child("real", "real", child_err, sizeof(child_err));

    if (status != 0) {
        printf("    child stderr: %s\n", child_err);
    }
    TT_ASSERT_EQ(status, 0);
}

TT_SUITE("sim", setup, teardown, TT_CASE(test_clz), TT_CASE(test_irq_connect_checks_arguments),
         TT_CASE(test_virtual_clock_jumps_over_long_delays), TT_CASE(test_cycles_burn_drives_ticks),
         TT_CASE(test_ticks_burned_while_masked_are_not_lost),
#if TOS_CFG_TIMER_EN > 0u && TOS_CFG_TIMER_AS_PROC > 0u
         TT_CASE(test_piled_up_ticks_keep_timer_phase),
#endif
         TT_CASE(test_burn_is_preempted_on_the_exact_tick),
         TT_CASE(test_irq_runs_at_once_when_unmasked), TT_CASE(test_irq_is_deferred_while_masked),
         TT_CASE(test_irq_nesting_follows_priority), TT_CASE(test_switch_is_deferred_to_isr_return),
         TT_CASE(test_task_objects_and_stacks_are_reusable),
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
         TT_CASE(test_stack_holds_only_the_initial_frame),
#endif
         TT_CASE(test_minimal_stack_at_any_alignment), TT_CASE(test_foreign_thread_is_rejected),
         TT_CASE(test_foreign_raise_wakes_the_idle_cpu),
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
         TT_CASE(test_default_overflow_hook_exits_134),
#endif
         TT_CASE(test_deadlock_handler_observes_a_deadlock),
         TT_CASE(test_deadlock_default_reports_and_exits_3),
         TT_CASE(test_task_returning_locked_or_blocked_exits_134),
         TT_CASE(test_all_tasks_ended_exits_0),
         TT_CASE(test_real_clock_follows_wall_time_and_preempts));
