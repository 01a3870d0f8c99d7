/*
 * Time for the host simulator: the tick interrupt, the virtual and the real
 * clock, the idle CPU, and deadlock detection.
 *
 * Why it is built this way:
 *  - Tests need time to be exact and reproducible, and fast: a 10-minute
 *    delay must not take 10 minutes. The virtual clock therefore has no
 *    timer at all. Simulated time is a cycle counter that moves only when
 *    (a) the idle task runs: nothing is ready, so the CPU would sleep until
 *    the next deadline; the port jumps straight there and delivers the
 *    skipped ticks as one tick interrupt (tick_update(n)); or (b) a task
 *    burns cycles: every k_cpu_cycle_per_tick cycles the tick interrupt is
 *    raised synchronously, so busy tasks are preempted at exact points.
 *  - With nothing ever due and nothing able to raise an interrupt, nothing
 *    can happen any more: that is a deadlock, reported with the list of
 *    tasks instead of hanging the test run.
 *  - Demos want wall-clock time: the real clock has a timer thread that
 *    marks the tick pending and sends a signal to the thread holding the CPU;
 *    the handler delivers it when interrupts are unmasked and no port code
 *    or ISR runs (otherwise delivery happens at the next mask lift). Only
 *    this mode uses signals.
 *  - Ticks are never lost. Ticks that piled up while the tick ISR could not
 *    run (interrupts masked, a late host thread) are replayed one
 *    tos_tick_handler() at a time, so each expiry sees its own tick count
 *    (periodic timers re-arm from "now" and would drift otherwise). An idle
 *    jump is handed over as one tick_update(n): nothing else can run
 *    meanwhile and the jump ends exactly on the next deadline.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "port_sim_internal.h"

#define SIM_NSEC_PER_SEC 1000000000ull

typedef struct sim_clock_st {
    int mode;
    int frozen; /* cpu_init() ran: the mode is fixed */
    uint64_t cycles_per_tick;
    _Atomic uint64_t now;     /* virtual clock: cycles since init */
    uint64_t next_tick;       /* virtual clock: cycle of the next tick */
    _Atomic k_tick_t backlog; /* periodic ticks raised, not yet given to the kernel */
    _Atomic k_tick_t jump;    /* ticks skipped by an idle jump, not yet given */
    atomic_int tick_stopped;  /* tickless: periodic tick suspended */
    uint64_t alarm;           /* tickless: one-shot wake-up cycle, 0 = none */
    void (*deadlock_fn)(void);
    unsigned long deadlock_progress;
    pthread_mutex_t lock; /* raisers, idle wake-up */
    pthread_cond_t wakeup;
    int raisers;
    struct timespec origin; /* real clock: monotonic time at init */
} sim_clock_t;

static sim_clock_t sim_clock = {
    .mode = PORT_SIM_CLOCK_VIRTUAL,
    .cycles_per_tick = 1u,
    .next_tick = 1u,
    .deadlock_progress = (unsigned long)-1,
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .wakeup = PTHREAD_COND_INITIALIZER,
};

static int sim_tick_signal(void)
{
    return SIGRTMIN + 2;
}

void port_sim_clock_set(int mode)
{
    if (!sim_clock.frozen) {
        sim_clock.mode =
            (mode == PORT_SIM_CLOCK_REAL) ? PORT_SIM_CLOCK_REAL : PORT_SIM_CLOCK_VIRTUAL;
    }
}

int port_sim_clock_get(void)
{
    return sim_clock.mode;
}

void port_sim_set_deadlock_handler(void (*fn)(void))
{
    sim_clock.deadlock_fn = fn;
    sim_clock.deadlock_progress = (unsigned long)-1;
}

void port_sim_foreign_raisers(int delta)
{
    (void)pthread_mutex_lock(&sim_clock.lock);
    sim_clock.raisers += delta;
    if (sim_clock.raisers < 0) {
        sim_clock.raisers = 0;
    }
    (void)pthread_cond_broadcast(&sim_clock.wakeup);
    (void)pthread_mutex_unlock(&sim_clock.lock);
}

/* ---- the tick interrupt -------------------------------------------------- */

/* Irq 0. Ticks before tos_knl_start() are dropped, as on a target. */
static void sim_tick_isr(void)
{
    k_tick_t jump = atomic_exchange(&sim_clock.jump, (k_tick_t)0u);
    k_tick_t ticks = atomic_exchange(&sim_clock.backlog, (k_tick_t)0u);

    if (tos_knl_is_running() && (jump > 0u || ticks > 0u)) {
        tos_knl_irq_enter();
        if (jump > 0u) {
            tick_update(jump);
        }
        for (; ticks > 0u; --ticks) {
            tos_tick_handler();
        }
        tos_knl_irq_leave();
    }
}

static void sim_tick_raise(_Atomic k_tick_t *counter, k_tick_t ticks)
{
    atomic_fetch_add(counter, ticks);
    port_sim_irq_raise(PORT_SIM_IRQ_TICK);
}

__KNL__ void cpu_systick_init(k_cycle_t cycle_per_tick)
{
    unsigned prio = TOS_CFG_CPU_SYSTICK_PRIO;

    sim_clock.cycles_per_tick = cycle_per_tick > 0u ? cycle_per_tick : 1u;
    sim_clock.next_tick = atomic_load(&sim_clock.now) + sim_clock.cycles_per_tick;
    sim_irq_install(PORT_SIM_IRQ_TICK, sim_tick_isr,
                    prio <= PORT_SIM_IRQ_PRIO_LOWEST ? prio : PORT_SIM_IRQ_PRIO_LOWEST);
}

/* ---- virtual clock ------------------------------------------------------- */

/* Time passes on the running task; each tick boundary raises the tick. */
static void sim_virtual_burn(uint64_t cycles)
{
    uint64_t now;
    uint64_t step;

    while (cycles > 0u) {
        now = atomic_load(&sim_clock.now);
        step = sim_clock.next_tick - now;
        step = step < cycles ? step : cycles;
        atomic_store(&sim_clock.now, now + step);
        cycles -= step;
        if (now + step == sim_clock.next_tick) {
            sim_clock.next_tick += sim_clock.cycles_per_tick;
            if (!atomic_load(&sim_clock.tick_stopped)) {
                sim_tick_raise(&sim_clock.backlog, (k_tick_t)1u); /* may switch away and back */
            }
        }
    }
}

/* Idle: skip to the tick on which the next deadline falls (interrupts masked). */
static void sim_virtual_jump(k_tick_t ticks)
{
    uint64_t cpt = sim_clock.cycles_per_tick;
    uint64_t room = (UINT64_MAX - sim_clock.next_tick) / cpt;
    uint64_t target = sim_clock.next_tick + (ticks - 1u <= room ? ticks - 1u : room) * cpt;

    atomic_store(&sim_clock.now, target);
    sim_clock.next_tick = target + cpt;
    sim_tick_raise(&sim_clock.jump, ticks);
}

/* ---- real clock ---------------------------------------------------------- */

static uint64_t sim_real_elapsed_ns(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)(ts.tv_sec - sim_clock.origin.tv_sec) * SIM_NSEC_PER_SEC +
           (uint64_t)ts.tv_nsec - (uint64_t)sim_clock.origin.tv_nsec;
}

static void sim_timespec_add_ns(struct timespec *ts, uint64_t ns)
{
    ns += (uint64_t)ts->tv_nsec;
    ts->tv_sec += (time_t)(ns / SIM_NSEC_PER_SEC);
    ts->tv_nsec = (long)(ns % SIM_NSEC_PER_SEC);
}

/* Sleeps until `deadline` (CLOCK_MONOTONIC); ticks may preempt meanwhile. */
static void sim_real_sleep_until(const struct timespec *deadline)
{
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline, NULL) == EINTR) {
    }
}

static void sim_real_burn(uint64_t cycles)
{
    struct timespec deadline;
    uint64_t ns = cycles / TOS_CFG_CPU_CLOCK * SIM_NSEC_PER_SEC +
                  cycles % TOS_CFG_CPU_CLOCK * SIM_NSEC_PER_SEC / TOS_CFG_CPU_CLOCK;

    (void)clock_gettime(CLOCK_MONOTONIC, &deadline);
    sim_timespec_add_ns(&deadline, ns);
    sim_real_sleep_until(&deadline);
}

static void *sim_timer_main(void *arg)
{
    sigset_t all;
    struct timespec next;
    uint64_t period = sim_clock.cycles_per_tick * SIM_NSEC_PER_SEC / TOS_CFG_CPU_CLOCK;

    (void)arg;
    (void)sigfillset(&all);
    (void)pthread_sigmask(SIG_BLOCK, &all, NULL);
    (void)clock_gettime(CLOCK_MONOTONIC, &next);
    for (;;) {
        sim_timespec_add_ns(&next, period > 0u ? period : 1u);
        sim_real_sleep_until(&next);
        if (!atomic_load(&sim_clock.tick_stopped)) {
            sim_tick_raise(&sim_clock.backlog, (k_tick_t)1u);
        }
    }
    return NULL;
}

/*
 * Asynchronous "interrupt entry". Delivers only if this thread holds the CPU
 * at task level with interrupts unmasked, outside port code; otherwise the
 * pending work is picked up when the mask is lifted or port code is left.
 */
static void sim_tick_signal_handler(int signo)
{
    int saved_errno = errno;

    (void)signo;
    if (sim_self_peek() != NULL && atomic_load(&sim_cpu.owner) == sim_self_peek() &&
        atomic_load(&sim_cpu.masked) == 0 && atomic_load(&sim_cpu.in_port) == 0 &&
        atomic_load(&sim_cpu.level) == SIM_LEVEL_TASK) {
        sim_service();
    }
    errno = saved_errno;
}

static void sim_real_install_signal(void)
{
    struct sigaction sa;

    sa.sa_handler = sim_tick_signal_handler;
    sa.sa_flags = SA_RESTART;
    (void)sigemptyset(&sa.sa_mask);
    if (sigaction(sim_tick_signal(), &sa, NULL) != 0) {
        sim_fatal("cannot install the tick signal handler");
    }
    atomic_store(&sim_cpu.signals, 1);
}

void sim_signal_unblock(void)
{
    sigset_t set;

    if (atomic_load(&sim_cpu.signals)) {
        (void)sigemptyset(&set);
        (void)sigaddset(&set, sim_tick_signal());
        (void)pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    }
}

/* A foreign thread raised an interrupt: wake an idle CPU, interrupt a busy one. */
void sim_foreign_notify(void)
{
    struct port_sim_thread_st *owner;

    (void)pthread_mutex_lock(&sim_clock.lock);
    (void)pthread_cond_broadcast(&sim_clock.wakeup);
    (void)pthread_mutex_unlock(&sim_clock.lock);
    if (atomic_load(&sim_cpu.signals)) {
        /* The registry lock keeps a thread from ending while it is signalled. */
        sim_registry_lock();
        owner = atomic_load(&sim_cpu.owner);
        if (owner != NULL) {
            (void)pthread_kill(owner->thread, sim_tick_signal());
        }
        sim_registry_unlock();
    }
}

/* ---- both clocks ----------------------------------------------------------- */

void sim_clock_init(void)
{
    sim_clock.frozen = K_TRUE;
    (void)clock_gettime(CLOCK_MONOTONIC, &sim_clock.origin);
    if (sim_clock.mode == PORT_SIM_CLOCK_REAL && !atomic_load(&sim_cpu.signals)) {
        sim_real_install_signal();
    }
}

/* At tos_knl_start(): the real clock starts ticking. */
void sim_clock_start(void)
{
    pthread_t timer;
    pthread_attr_t attr;

    if (sim_clock.mode == PORT_SIM_CLOCK_REAL) {
        (void)pthread_attr_init(&attr);
        (void)pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&timer, &attr, sim_timer_main, NULL) != 0) {
            sim_fatal("cannot create the tick timer thread");
        }
        (void)pthread_attr_destroy(&attr);
    }
}

void port_sim_cycles_burn(uint32_t cycles)
{
    if (sim_self() != NULL) {
        if (sim_clock.mode == PORT_SIM_CLOCK_VIRTUAL) {
            sim_virtual_burn(cycles);
        } else {
            sim_real_burn(cycles);
        }
        sim_service_if_work(); /* a delivery point for foreign raises */
    }
}

uint64_t port_sim_cycles_get(void)
{
    uint64_t cycles = atomic_load(&sim_clock.now);

    if (sim_clock.mode == PORT_SIM_CLOCK_REAL) {
        uint64_t ns = sim_real_elapsed_ns();

        cycles = ns / SIM_NSEC_PER_SEC * TOS_CFG_CPU_CLOCK +
                 ns % SIM_NSEC_PER_SEC * TOS_CFG_CPU_CLOCK / SIM_NSEC_PER_SEC;
    }
    return cycles;
}

__PORT__ void port_delay_ms(uint32_t ms)
{
    uint64_t cycles = (uint64_t)ms * TOS_CFG_CPU_CLOCK / 1000u;

    for (; cycles > UINT32_MAX; cycles -= UINT32_MAX) {
        port_sim_cycles_burn(UINT32_MAX);
    }
    port_sim_cycles_burn((uint32_t)cycles);
}

/* ---- the idle CPU ---------------------------------------------------------- */

static const char *sim_task_state_name(const k_task_t *task)
{
    static const char *const names[] = {
        "READY",     "SLEEP",           "PEND",           "PENDTIMEOUT",
        "SUSPENDED", "SLEEP_SUSPENDED", "PEND_SUSPENDED", "PENDTIMEOUT_SUSPENDED",
    };
    const char *name = "DELETED";

    if (task->state < (k_task_state_t)(sizeof(names) / sizeof(names[0]))) {
        name = names[task->state];
    }
    return (task == k_curr_task) ? "RUNNING" : name;
}

/* Non-zero if only the kernel's own tasks are left. */
static int sim_only_system_tasks(void)
{
    k_list_t *node;
    k_task_t *task;
    int only = K_TRUE;

    TOS_LIST_FOR_EACH(node, &k_stat_list) {
        task = sim_task_of_stat_node(node);
#if TOS_CFG_TIMER_EN > 0u && TOS_CFG_TIMER_AS_PROC == 0u
        if (task == &k_timer_task) {
            continue;
        }
#endif
        if (task != &k_idle_task) {
            only = K_FALSE;
        }
    }
    return only;
}

static __NO_RETURN__ void sim_deadlock_exit(void)
{
    k_list_t *node;
    k_task_t *task;
    int status = 0;

    if (sim_only_system_tasks()) {
        fprintf(stderr, "tern-sim: every task has ended at tick %llu\n",
                (unsigned long long)k_tick_count);
    } else {
        status = SIM_EXIT_FAILURE;
        fprintf(stderr, "tern-sim: deadlock: every task is blocked forever at tick %llu\n",
                (unsigned long long)k_tick_count);
        TOS_LIST_FOR_EACH(node, &k_stat_list) {
            task = sim_task_of_stat_node(node);
            fprintf(stderr, "tern-sim:   task \"%s\" prio %u %s\n", task->name,
                    (unsigned)task->prio, sim_task_state_name(task));
        }
    }
    fflush(NULL);
    exit(status);
}

/* Called in the idle task, interrupts unmasked. */
static void sim_deadlock(void)
{
    void (*fn)(void) = sim_clock.deadlock_fn;

    if (fn != NULL && sim_cpu.progress != sim_clock.deadlock_progress) {
        sim_clock.deadlock_progress = sim_cpu.progress;
        fn();
    } else {
        sim_deadlock_exit();
    }
}

/*
 * Blocks until an interrupt is pending. Virtual clock: only while foreign
 * raisers exist. Returns non-zero if one is pending.
 */
static int sim_idle_wait(void)
{
    int pending;

    (void)pthread_mutex_lock(&sim_clock.lock);
    while (atomic_load(&sim_cpu.irq_pending) == 0u &&
           (sim_clock.mode == PORT_SIM_CLOCK_REAL || sim_clock.raisers > 0)) {
        (void)pthread_cond_wait(&sim_clock.wakeup, &sim_clock.lock);
    }
    pending = atomic_load(&sim_cpu.irq_pending) != 0u;
    (void)pthread_mutex_unlock(&sim_clock.lock);
    return pending;
}

static int sim_foreign_raisers_active(void)
{
    int active;

    (void)pthread_mutex_lock(&sim_clock.lock);
    active = sim_clock.raisers > 0;
    (void)pthread_mutex_unlock(&sim_clock.lock);
    return active;
}

/*
 * Nothing is ready: wait for the next interrupt, which the virtual clock
 * produces at once by jumping to the next deadline. Returns non-zero if no
 * interrupt can ever come (deadlock).
 */
static int sim_wait_for_interrupt(void)
{
    k_tick_t next;
    int stuck = K_FALSE;

    if (atomic_load(&sim_cpu.irq_pending) == 0u) {
        next = knl_next_expires_get();
        if (next == TOS_TIME_FOREVER && !sim_foreign_raisers_active()) {
            stuck = K_TRUE;
        } else if (next != TOS_TIME_FOREVER && sim_clock.mode == PORT_SIM_CLOCK_VIRTUAL &&
                   !atomic_load(&sim_clock.tick_stopped)) {
            sim_virtual_jump(next > 0u ? next : (k_tick_t)1u);
        } else {
            stuck = !sim_idle_wait();
        }
    }
    return stuck;
}

__KNL__ void cpu_idle(void)
{
    cpu_cpsr_t cpsr = port_cpsr_save();
    int stuck = sim_wait_for_interrupt();

    port_cpsr_restore(cpsr); /* delivers the interrupt, then the switch */
    if (stuck) {
        sim_deadlock();
    }
}

/* ---- tickless idle hooks --------------------------------------------------- */

#if TOS_CFG_PWR_MGR_EN > 0u
/* Low-power modes: wait for an interrupt; with the tick stopped, for the alarm. */
static void sim_low_power(void)
{
    cpu_cpsr_t cpsr = port_cpsr_save();

    if (atomic_load(&sim_clock.tick_stopped) && sim_clock.alarm != 0u &&
        sim_clock.mode == PORT_SIM_CLOCK_VIRTUAL) {
        atomic_store(&sim_clock.now, sim_clock.alarm);
        sim_clock.alarm = 0u;
        port_cpsr_restore(cpsr);
    } else {
        port_cpsr_restore(cpsr);
        cpu_idle();
    }
}

__KNL__ void cpu_sleep_mode_enter(void)
{
    sim_low_power();
}

__KNL__ void cpu_stop_mode_enter(void)
{
    sim_low_power();
}

__KNL__ void cpu_standby_mode_enter(void)
{
    sim_low_power();
}
#endif

#if TOS_CFG_TICKLESS_EN > 0u
__KNL__ void cpu_systick_suspend(void)
{
    atomic_store(&sim_clock.tick_stopped, 1);
}

__KNL__ void cpu_systick_resume(void)
{
    atomic_store(&sim_clock.tick_stopped, 0);
}

__KNL__ void cpu_systick_reload_reset(void)
{
    sim_clock.next_tick = atomic_load(&sim_clock.now) + sim_clock.cycles_per_tick;
}

__KNL__ void cpu_systick_pending_reset(void)
{
    atomic_store(&sim_clock.backlog, (k_tick_t)0u);
    atomic_store(&sim_clock.jump, (k_tick_t)0u);
    atomic_fetch_and(&sim_cpu.irq_pending, ~((uint32_t)1u << PORT_SIM_IRQ_TICK));
}

__KNL__ k_time_t cpu_systick_max_delay_millisecond(void)
{
    return (k_time_t)3600000u;
}

__KNL__ void cpu_systick_expires_set(k_time_t millisecond)
{
    sim_clock.alarm =
        atomic_load(&sim_clock.now) + (uint64_t)millisecond * TOS_CFG_CPU_CLOCK / 1000u;
}

__KNL__ void cpu_systick_reset(void)
{
    cpu_systick_reload_reset();
}
#endif
