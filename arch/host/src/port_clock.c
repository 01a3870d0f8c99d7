/*
 * Time for the host simulator: the tick interrupt, the virtual and the real
 * clock, scheduled interrupts, the idle CPU, and deadlock detection.
 *
 * Why it is built this way:
 *  - Tests need time to be exact and reproducible, and fast: a 10-minute
 *    delay must not take 10 minutes. The virtual clock therefore has no
 *    timer at all. Simulated time is a cycle counter that moves only when
 *    (a) the idle task runs: nothing is ready, so the CPU would sleep until
 *    the next deadline; the port jumps straight there and delivers the
 *    skipped ticks as one tick interrupt (tick_update(n)); or (b) a task
 *    burns cycles: every k_cpu_cycle_per_tick cycles the tick interrupt is
 *    raised synchronously, so busy tasks are preempted at exact points; or
 *    (c) the CPU sleeps tickless until the wake-up timer (port_power.c).
 *  - Devices can be told to interrupt at a given virtual time
 *    (port_sim_irq_raise_at): time advances in steps that stop there, so an
 *    interrupt can land anywhere inside a tick, also while the CPU sleeps.
 *  - The tick ISR delivers what the clock says: every tick boundary that
 *    has passed since the last one the kernel was given (`accounted`). Ticks
 *    that piled up while the ISR could not run (interrupts masked, a late
 *    host thread) are replayed one tos_tick_handler() at a time, so each
 *    expiry sees its own tick count; an idle jump, which by construction
 *    ends on the next deadline, is handed over as one tick_update(n).
 *  - With nothing ever due and nothing able to raise an interrupt, nothing
 *    can happen any more: that is a deadlock, reported with the list of
 *    tasks instead of hanging the test run.
 *  - Demos want wall-clock time: the real clock has a timer thread that
 *    marks the tick pending at every boundary and sends a signal to the
 *    thread holding the CPU; the handler delivers it when interrupts are
 *    unmasked and no port code or ISR runs (otherwise delivery happens at
 *    the next mask lift). Only this mode uses signals.
 */
#define _GNU_SOURCE /* pthread_cond_clockwait */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "port_sim_internal.h"

#define SIM_NSEC_PER_SEC 1000000000ull

sim_clock_t sim_clock = {
    .mode = PORT_SIM_CLOCK_VIRTUAL,
    .cycles_per_tick = 1u,
    .wkup_max = PORT_SIM_WKUP_MAX_DEFAULT,
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

void sim_wakeups_add(uint64_t count)
{
    atomic_fetch_add(&sim_clock.wakeups, count);
}

uint64_t port_sim_wakeups_get(void)
{
    return atomic_load(&sim_clock.wakeups);
}

/* ---- real-clock arithmetic --------------------------------------------------- */

static uint64_t sim_real_elapsed_ns(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)(ts.tv_sec - sim_clock.origin.tv_sec) * SIM_NSEC_PER_SEC +
           (uint64_t)ts.tv_nsec - (uint64_t)sim_clock.origin.tv_nsec;
}

static uint64_t sim_ns_to_cycles(uint64_t ns)
{
    return ns / SIM_NSEC_PER_SEC * TOS_CFG_CPU_CLOCK +
           ns % SIM_NSEC_PER_SEC * TOS_CFG_CPU_CLOCK / SIM_NSEC_PER_SEC;
}

/* Rounded up: waiting until this instant never ends before the cycle. */
static uint64_t sim_cycles_to_ns(uint64_t cycles)
{
    uint64_t part = cycles % TOS_CFG_CPU_CLOCK * SIM_NSEC_PER_SEC;

    return cycles / TOS_CFG_CPU_CLOCK * SIM_NSEC_PER_SEC + part / TOS_CFG_CPU_CLOCK +
           (part % TOS_CFG_CPU_CLOCK != 0u ? 1u : 0u);
}

static void sim_timespec_add_ns(struct timespec *ts, uint64_t ns)
{
    ns += (uint64_t)ts->tv_nsec;
    ts->tv_sec += (time_t)(ns / SIM_NSEC_PER_SEC);
    ts->tv_nsec = (long)(ns % SIM_NSEC_PER_SEC);
}

/* The monotonic instant of simulated cycle `cycles`. */
static struct timespec sim_real_instant(uint64_t cycles)
{
    struct timespec ts = sim_clock.origin;

    sim_timespec_add_ns(&ts, sim_cycles_to_ns(cycles));
    return ts;
}

uint64_t sim_now(void)
{
    return sim_clock.mode == PORT_SIM_CLOCK_REAL ? sim_ns_to_cycles(sim_real_elapsed_ns())
                                                 : atomic_load(&sim_clock.now);
}

uint64_t port_sim_cycles_get(void)
{
    return sim_now();
}

/* ---- the tick interrupt -------------------------------------------------- */

/* Irq 0: every passed boundary after `accounted`; dropped before tos_knl_start(). */
static void sim_tick_isr(void)
{
    int jump = atomic_exchange(&sim_clock.jump, 0);
    uint64_t boundary = sim_now() / sim_clock.cycles_per_tick;
    k_tick_t due = 0u;

    if (!atomic_load(&sim_clock.tick_stopped) && boundary > sim_clock.accounted) {
        due = (k_tick_t)(boundary - sim_clock.accounted);
        sim_clock.accounted = boundary;
    }
    if (tos_knl_is_running() && due > 0u) {
        tos_knl_irq_enter();
        if (jump) {
            tick_update(due);
        } else {
            for (; due > 0u; --due) {
                tos_tick_handler();
            }
        }
        tos_knl_irq_leave();
    }
}

__KNL__ void cpu_systick_init(k_cycle_t cycle_per_tick)
{
    unsigned prio = TOS_CFG_CPU_SYSTICK_PRIO;

    sim_clock.cycles_per_tick = cycle_per_tick > 0u ? cycle_per_tick : 1u;
    sim_clock.accounted = sim_now() / sim_clock.cycles_per_tick;
    sim_irq_install(PORT_SIM_IRQ_TICK, sim_tick_isr,
                    prio <= PORT_SIM_IRQ_PRIO_LOWEST ? prio : PORT_SIM_IRQ_PRIO_LOWEST);
}

/* ---- scheduled interrupts ------------------------------------------------------ */

void port_sim_irq_raise_at(unsigned irq, uint64_t cycle)
{
    if (irq != PORT_SIM_IRQ_TICK && irq < PORT_SIM_IRQ_MAX && sim_self() != NULL) {
        if (cycle == PORT_SIM_NEVER) {
            atomic_store(&sim_clock.irq_at[irq], (uint64_t)0u);
        } else if (cycle <= sim_now()) {
            atomic_store(&sim_clock.irq_at[irq], (uint64_t)0u);
            port_sim_irq_raise(irq);
        } else {
            atomic_store(&sim_clock.irq_at[irq], cycle);
        }
    }
}

uint64_t sim_sched_next(void)
{
    uint64_t next = SIM_NEVER;
    uint64_t at;
    unsigned irq;

    for (irq = 0u; irq < PORT_SIM_IRQ_MAX; ++irq) {
        at = atomic_load(&sim_clock.irq_at[irq]);
        if (at != 0u && at < next) {
            next = at;
        }
    }
    return next;
}

/* Claims each due entry before raising it: an ISR may schedule the next one. */
void sim_sched_fire(uint64_t now)
{
    uint64_t at;
    unsigned irq;

    for (irq = 0u; irq < PORT_SIM_IRQ_MAX; ++irq) {
        at = atomic_load(&sim_clock.irq_at[irq]);
        if (at != 0u && at <= now &&
            atomic_compare_exchange_strong(&sim_clock.irq_at[irq], &at, (uint64_t)0u)) {
            port_sim_irq_raise(irq);
        }
    }
}

/* ---- virtual clock ------------------------------------------------------- */

/*
 * Time passes on the running task, in steps ending at each tick boundary
 * (the tick is raised there, unless tickless idle stopped it) and at each
 * scheduled interrupt.
 */
static void sim_virtual_burn(uint64_t cycles)
{
    uint64_t cpt = sim_clock.cycles_per_tick;
    uint64_t now;
    uint64_t stop;
    uint64_t boundary;

    while (cycles > 0u) {
        now = atomic_load(&sim_clock.now);
        boundary = (now / cpt + 1u) * cpt;
        stop = now + cycles;
        stop = boundary < stop ? boundary : stop;
        stop = sim_sched_next() < stop ? sim_sched_next() : stop;
        atomic_store(&sim_clock.now, stop);
        cycles -= stop - now;
        if (stop == boundary && !atomic_load(&sim_clock.tick_stopped)) {
            port_sim_irq_raise(PORT_SIM_IRQ_TICK); /* may switch away and back */
        }
        sim_sched_fire(stop);
    }
}

/*
 * Idle with the tick running (interrupts masked): skip to the boundary of
 * the next deadline, or to an earlier scheduled interrupt. A ticked CPU
 * would have woken at every boundary on the way: they count as wake-ups.
 */
static void sim_virtual_jump(k_tick_t ticks)
{
    uint64_t cpt = sim_clock.cycles_per_tick;
    uint64_t from = atomic_load(&sim_clock.now) / cpt;
    uint64_t room = UINT64_MAX / cpt - from;
    uint64_t target = (from + (ticks < room ? ticks : room)) * cpt;
    uint64_t sched = sim_sched_next();
    uint64_t crossed;

    target = sched < target ? sched : target;
    crossed = target / cpt - from;
    atomic_store(&sim_clock.now, target);
    sim_wakeups_add(crossed + ((target == sched && target % cpt != 0u) ? 1u : 0u));
    if (crossed > 0u) {
        atomic_store(&sim_clock.jump, 1);
        port_sim_irq_raise(PORT_SIM_IRQ_TICK);
    }
    sim_sched_fire(target);
}

/* ---- real clock ---------------------------------------------------------- */

/* Sleeps until `deadline` (CLOCK_MONOTONIC); ticks may preempt meanwhile. */
static void sim_real_sleep_until(const struct timespec *deadline)
{
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline, NULL) == EINTR) {
    }
}

static void sim_real_burn(uint64_t cycles)
{
    struct timespec deadline;

    (void)clock_gettime(CLOCK_MONOTONIC, &deadline);
    sim_timespec_add_ns(&deadline, sim_cycles_to_ns(cycles));
    sim_real_sleep_until(&deadline);
}

/* Marks the tick pending at every boundary; raises scheduled interrupts on the way. */
static void *sim_timer_main(void *arg)
{
    sigset_t all;
    struct timespec next;
    uint64_t cpt = sim_clock.cycles_per_tick;
    uint64_t boundary = sim_now() / cpt + 1u;
    uint64_t now;

    (void)arg;
    (void)sigfillset(&all);
    (void)pthread_sigmask(SIG_BLOCK, &all, NULL);
    for (;;) {
        next = sim_real_instant(boundary * cpt);
        sim_real_sleep_until(&next);
        now = sim_now();
        if (!atomic_load(&sim_clock.tick_stopped)) {
            port_sim_irq_raise(PORT_SIM_IRQ_TICK);
        }
        sim_sched_fire(now);
        boundary = now / cpt + 1u;
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

void sim_real_wait_until(uint64_t until)
{
    struct timespec deadline = sim_real_instant(until);

    (void)pthread_mutex_lock(&sim_clock.lock);
    while (atomic_load(&sim_cpu.irq_pending) == 0u && sim_now() < until) {
        (void)pthread_cond_clockwait(&sim_clock.wakeup, &sim_clock.lock, CLOCK_MONOTONIC,
                                     &deadline);
    }
    (void)pthread_mutex_unlock(&sim_clock.lock);
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

/*
 * At tos_knl_start(): boundaries passed since tos_knl_init() are dropped, as
 * the tick ISR drops them on a CPU; the real clock starts ticking.
 */
void sim_clock_start(void)
{
    pthread_t timer;
    pthread_attr_t attr;

    sim_clock.accounted = sim_now() / sim_clock.cycles_per_tick;
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
    if (pending) {
        sim_wakeups_add(1u);
    }
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
 * produces at once by jumping to the next deadline or scheduled interrupt.
 * Returns non-zero if no interrupt can ever come (deadlock).
 */
static int sim_wait_for_interrupt(void)
{
    k_tick_t next;
    int stuck = K_FALSE;
    int finite;

    if (atomic_load(&sim_cpu.irq_pending) == 0u) {
        next = knl_next_expires_get();
        finite = next != TOS_TIME_FOREVER || sim_sched_next() != SIM_NEVER;
        if (!finite && !sim_foreign_raisers_active()) {
            stuck = K_TRUE;
        } else if (finite && sim_clock.mode == PORT_SIM_CLOCK_VIRTUAL &&
                   !atomic_load(&sim_clock.tick_stopped)) {
            sim_virtual_jump(next > 0u ? next : (k_tick_t)1u);
        } else {
            stuck = !sim_idle_wait();
        }
    }
    return stuck;
}

void sim_idle(void)
{
    cpu_cpsr_t cpsr = port_cpsr_save();
    int stuck = sim_wait_for_interrupt();

    port_cpsr_restore(cpsr); /* delivers the interrupt, then the switch */
    if (stuck) {
        sim_deadlock();
    }
}

__KNL__ void cpu_idle(void)
{
    sim_idle();
}
