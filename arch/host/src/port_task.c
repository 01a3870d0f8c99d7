/*
 * Tasks as host threads, and the "simulated CPU" baton they pass around.
 *
 * Why it is built this way:
 *  - Each task runs on its own OS thread with a real host stack, so tasks
 *    can block anywhere (deep inside the kernel) and resume there without
 *    any assembly or ucontext tricks, and ASan/UBSan/valgrind see ordinary
 *    threads with ordinary stacks.
 *  - Exactly one thread runs at a time: it holds the CPU (sim_cpu.owner).
 *    A context switch posts the incoming thread's semaphore and waits on the
 *    outgoing one's. Semaphores, not condition variables, because sem_post
 *    and sem_wait are async-signal-safe, and the real-clock port switches
 *    from a signal handler.
 *  - The thread is created with the task (cpu_task_stk_init) and parks at
 *    once; the kernel-visible stack only holds the frame naming it.
 *  - A thread whose task destroyed itself ends after handing the CPU over. A
 *    task destroyed by another task leaves its thread parked; the thread is
 *    reclaimed (woken to end) the next time a task is created and the old
 *    task is found dead (its frame is no task's sp any more, or the new
 *    stack overlaps its frame). Records stay reachable from the registry
 *    until then, so leak checkers see no lost memory.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "port_sim_internal.h"

sim_cpu_t sim_cpu = {.level = SIM_LEVEL_TASK};

static _Thread_local struct port_sim_thread_st *sim_tls_self;

/* main(): holds the CPU until cpu_sched_start(), then parks forever. */
static struct port_sim_thread_st sim_boot_thread;

static pthread_mutex_t sim_registry_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct port_sim_thread_st *sim_registry;

__NO_RETURN__ void sim_fatal(const char *what)
{
    fprintf(stderr, "tern-sim: fatal: %s\n", what);
    fflush(NULL);
    exit(SIM_EXIT_FAILURE);
}

void sim_registry_lock(void)
{
    if (pthread_mutex_lock(&sim_registry_mutex) != 0) {
        sim_fatal("registry lock");
    }
}

void sim_registry_unlock(void)
{
    (void)pthread_mutex_unlock(&sim_registry_mutex);
}

struct port_sim_thread_st *sim_self_peek(void)
{
    return sim_tls_self;
}

struct port_sim_thread_st *sim_self(void)
{
    struct port_sim_thread_st *expected = NULL;

    if (sim_tls_self == NULL &&
        atomic_compare_exchange_strong(&sim_cpu.owner, &expected, &sim_boot_thread)) {
        sim_boot_thread.thread = pthread_self();
        if (sem_init(&sim_boot_thread.wake, 0, 0u) != 0) {
            sim_fatal("sem_init");
        }
        sim_tls_self = &sim_boot_thread;
    }
    return sim_tls_self;
}

__KNL__ int cpu_is_foreign_context(void)
{
    return sim_self() == NULL;
}

/* Waits until this thread is given the CPU; ends it if it was reclaimed instead. */
static void sim_park(struct port_sim_thread_st *self);

static __NO_RETURN__ void sim_thread_end(struct port_sim_thread_st *self)
{
    struct port_sim_thread_st **link;

    /* Under the lock: no reclaimer post and no tick signal is in flight. */
    sim_registry_lock();
    for (link = &sim_registry; *link != NULL && *link != self; link = &(*link)->next) {
    }
    if (*link == self) {
        *link = self->next;
    }
    sim_registry_unlock();
    (void)sem_destroy(&self->wake);
    free(self);
    pthread_exit(NULL);
}

static void sim_park(struct port_sim_thread_st *self)
{
    while (sem_wait(&self->wake) != 0) {
        if (errno != EINTR) {
            sim_fatal("sem_wait");
        }
    }
    if (atomic_load(&self->dying)) {
        sim_thread_end(self);
    }
}

static void sim_handover(struct port_sim_thread_st *next)
{
    atomic_store(&sim_cpu.owner, next);
    if (sem_post(&next->wake) != 0) {
        sim_fatal("sem_post");
    }
}

static struct port_sim_thread_st *sim_thread_of(k_task_t *task)
{
    return ((port_sim_frame_t *)(void *)task->sp)->thread;
}

/* Second half of every switch-in: leave port code, take what is pending. */
static void sim_resume(void)
{
    atomic_store(&sim_cpu.in_port, 0);
    sim_service_if_work();
}

/*
 * The switch itself (PendSV): called by the delivery loop at task level with
 * interrupts unmasked and inside port code (in_port set).
 */
void sim_switch_now(void)
{
    k_task_t *from = k_curr_task;
    k_task_t *to = k_next_task;
    struct port_sim_thread_st *self = sim_tls_self;
    int ending;

    if (tos_knl_is_running() && to != NULL && to != from) {
        if (from == NULL || sim_thread_of(from) != self) {
            sim_fatal("context switch from a thread that is not the current task's");
        }
        /* Read before the hand-over: the TCB may be freed right after it. */
        ending = (from->state & K_TASK_STATE_DELETED) != 0u;
        k_curr_task = to;
        ++sim_cpu.progress;
        sim_handover(sim_thread_of(to));
        if (ending) {
            sim_thread_end(self);
        }
        sim_park(self);
    }
}

static void *sim_thread_main(void *arg)
{
    struct port_sim_thread_st *self = arg;
    void (*entry)(void *);
    void (*exit_fn)(void);
    void *entry_arg;

    sim_tls_self = self;
    sim_signal_unblock();
    sim_park(self);
    /* First switch-in: "pop" the initial frame. */
    entry = self->frame->entry;
    exit_fn = self->frame->exit;
    entry_arg = self->frame->arg;
    sim_resume();
    entry(entry_arg);
    exit_fn();
    sim_fatal("the kernel's task exit routine returned");
}

static void sim_thread_start(struct port_sim_thread_st *thr)
{
    pthread_attr_t attr;
    size_t stack = PORT_SIM_THREAD_STACK_SIZE;
    int rc;

    if (stack < (size_t)PTHREAD_STACK_MIN) {
        stack = (size_t)PTHREAD_STACK_MIN;
    }
    rc = pthread_attr_init(&attr);
    rc = rc != 0 ? rc : pthread_attr_setstacksize(&attr, stack);
    rc = rc != 0 ? rc : pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = rc != 0 ? rc : pthread_create(&thr->thread, &attr, sim_thread_main, thr);
    (void)pthread_attr_destroy(&attr);
    if (rc != 0) {
        fprintf(stderr, "tern-sim: cannot create a task thread: %s\n", strerror(rc));
        sim_fatal("out of host threads");
    }
}

/* Non-zero if `frame` is the context of a live task (one in k_stat_list). */
static int sim_frame_is_live(const port_sim_frame_t *frame)
{
    k_list_t *node;
    int live = K_FALSE;

    TOS_LIST_FOR_EACH(node, &k_stat_list) {
        if ((const void *)sim_task_of_stat_node(node)->sp == (const void *)frame) {
            live = K_TRUE;
        }
    }
    return live;
}

/* Wakes the parked threads of dead tasks so that they end (see top of file). */
static void sim_reclaim_dead(const k_stack_t *stk_base, size_t stk_size)
{
    struct port_sim_thread_st **link = &sim_registry;
    struct port_sim_thread_st *thr;
    const k_stack_t *at;

    sim_registry_lock();
    while ((thr = *link) != NULL) {
        at = (const k_stack_t *)(const void *)thr->frame;
        if (thr != sim_tls_self &&
            ((at >= stk_base && at < stk_base + stk_size) || !sim_frame_is_live(thr->frame))) {
            *link = thr->next;
            atomic_store(&thr->dying, 1);
            (void)sem_post(&thr->wake);
        } else {
            link = &thr->next;
        }
    }
    sim_registry_unlock();
}

static struct port_sim_thread_st *sim_thread_new(port_sim_frame_t *frame)
{
    struct port_sim_thread_st *thr = calloc(1u, sizeof(*thr));

    if (thr == NULL || sem_init(&thr->wake, 0, 0u) != 0) {
        sim_fatal("out of host memory for a task thread");
    }
    thr->frame = frame;
    atomic_init(&thr->dying, 0);
    sim_registry_lock();
    thr->next = sim_registry;
    sim_registry = thr;
    sim_registry_unlock();
    sim_thread_start(thr);
    return thr;
}

/* The frame's place: at the top of the buffer, aligned down for its pointers. */
static port_sim_frame_t *sim_frame_place(k_stack_t *stk_base, size_t stk_size)
{
    uintptr_t top = (uintptr_t)(stk_base + stk_size);

    top &= ~(uintptr_t)(_Alignof(port_sim_frame_t) - 1u);
    if (stk_size < sizeof(port_sim_frame_t) ||
        top - sizeof(port_sim_frame_t) < (uintptr_t)stk_base) {
        sim_fatal("task stack too small for the initial frame");
    }
    return (port_sim_frame_t *)(stk_base + (top - sizeof(port_sim_frame_t) - (uintptr_t)stk_base));
}

__KNL__ k_stack_t *cpu_task_stk_init(void *entry, void *arg, void *exit, k_stack_t *stk_base,
                                     size_t stk_size)
{
    port_sim_frame_t *frame = sim_frame_place(stk_base, stk_size);

    sim_reclaim_dead(stk_base, stk_size);
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    memset(stk_base, 0xCC, (size_t)((k_stack_t *)(void *)frame - stk_base));
#endif
    frame->entry = (void (*)(void *))entry;
    frame->exit = (void (*)(void))exit;
    frame->arg = arg;
    frame->thread = sim_thread_new(frame);
    return (k_stack_t *)(void *)frame;
}

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
__KNL__ k_err_t cpu_task_stack_draught_depth(k_stack_t *stk_base, size_t stk_size, int *depth)
{
    const k_stack_t *top =
        (const k_stack_t *)(void *)sim_frame_place(stk_base, stk_size) + sizeof(port_sim_frame_t);
    const k_stack_t *p = stk_base;

    while (p < top && *p == (k_stack_t)0xCCu) {
        ++p;
    }
    *depth = (int)(top - p);
    return (p == stk_base) ? K_ERR_TASK_STK_OVERFLOW : K_ERR_NONE;
}
#endif

__PORT__ __NO_RETURN__ void port_sched_start(void)
{
    struct port_sim_thread_st *self = sim_self();

    if (self != &sim_boot_thread || k_curr_task == NULL) {
        sim_fatal("tos_knl_start() must run on the thread that initialized the kernel");
    }
    sim_clock_start();
    atomic_store(&sim_cpu.level, SIM_LEVEL_TASK);
    atomic_store(&sim_cpu.switch_pending, 0);
    atomic_store(&sim_cpu.in_port, 1);
    atomic_store(&sim_cpu.masked, 0);
    sim_handover(sim_thread_of(k_curr_task));
    for (;;) {
        (void)sem_wait(&self->wake);
    }
}

__KNL__ __NO_RETURN__ void cpu_sched_start(void)
{
    port_sched_start();
}
