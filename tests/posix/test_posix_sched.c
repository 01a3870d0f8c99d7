/*
 * POSIX adapter, scheduling: the priority mapping (POSIX larger = more
 * urgent onto kernel smaller = more urgent), policies and time slices,
 * pthread_*schedparam / setschedprio and the sched_* functions.
 */
#include <string.h>

#include <unistd.h>

#include "px_test.h"

#if TOS_POSIX_EN

static pthread_t tid;
static sem_t gate;
static volatile int order[16];
static volatile int order_n;

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    order_n = 0;
    memset((void *)order, 0, sizeof(order));
    TT_ASSERT_EQ(sem_init(&gate, 0, 0u), 0);
}

static void teardown(void)
{
    (void)sem_destroy(&gate);
}

static void *wait_gate(void *arg)
{
    (void)sem_wait(&gate);
    order[order_n++] = (int)(intptr_t)arg;
    return NULL;
}

static void test_priority_range(void)
{
    TT_ASSERT_EQ(sched_get_priority_min(SCHED_FIFO), 1);
    TT_ASSERT_EQ(sched_get_priority_max(SCHED_FIFO), (int)TOS_CFG_TASK_PRIO_MAX - 1);
    TT_ASSERT_EQ(sched_get_priority_min(SCHED_RR), 1);
    TT_ASSERT_EQ(sched_get_priority_max(SCHED_RR), (int)TOS_CFG_TASK_PRIO_MAX - 1);
    TT_ASSERT_EQ(sched_get_priority_min(SCHED_OTHER), 1);
    TT_ASSERT_EQ(sched_get_priority_max(SCHED_OTHER), (int)TOS_CFG_TASK_PRIO_MAX - 1);
    errno = 0;
    TT_ASSERT_EQ(sched_get_priority_max(99), -1);
    TT_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    TT_ASSERT_EQ(sched_get_priority_min(-5), -1);
    TT_ASSERT_EQ(errno, EINVAL);
}

/* POSIX priority p runs at kernel priority TOS_CFG_TASK_PRIO_MAX - 1 - p. */
static void test_priority_maps_onto_kernel(void)
{
    const k_task_t *task;

    TT_ASSERT_EQ(px_t_spawn(&tid, +2, wait_gate, NULL), 0);
    task = (const k_task_t *)(uintptr_t)tid;
    TT_ASSERT_EQ(task->prio, TT_RUNNER_PRIO - 2u);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    /* The extremes of the range. */
    TT_ASSERT_EQ(PX_T_RUNNER_PRIO, (int)TOS_CFG_TASK_PRIO_MAX - 1 - (int)TT_RUNNER_PRIO);
}

/* A more urgent POSIX priority preempts: raising a waiting thread makes it run at once. */
static void test_setschedprio_raises_and_preempts(void)
{
    int policy = -1;
    struct sched_param param;

    TT_ASSERT_EQ(px_t_spawn(&tid, -1, wait_gate, (void *)1), 0);
    TT_ASSERT_EQ(sem_post(&gate), 0); /* it is ready but less urgent: it waits for us */
    TT_ASSERT_EQ(order_n, 0);
    TT_ASSERT_EQ(pthread_setschedprio(tid, PX_T_PRIO(+1)), 0);
    TT_ASSERT_EQ(order_n, 1); /* ran inside setschedprio */
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(pthread_getschedparam(tid, &policy, &param), ESRCH);
}

static void test_schedparam_get_set_and_errors(void)
{
    int policy = -1;
    struct sched_param param;

    TT_ASSERT_EQ(px_t_spawn(&tid, -2, wait_gate, NULL), 0);
    TT_ASSERT_EQ(pthread_getschedparam(tid, &policy, &param), 0);
    TT_ASSERT_EQ(policy, SCHED_FIFO);
    TT_ASSERT_EQ(param.sched_priority, PX_T_PRIO(-2));
    param.sched_priority = PX_T_PRIO(-1);
    TT_ASSERT_EQ(pthread_setschedparam(tid, SCHED_RR, &param), 0);
    TT_ASSERT_EQ(pthread_getschedparam(tid, &policy, &param), 0);
    TT_ASSERT_EQ(policy, SCHED_RR);
    TT_ASSERT_EQ(param.sched_priority, PX_T_PRIO(-1));
    TT_ASSERT_EQ(((const k_task_t *)(uintptr_t)tid)->prio, TT_RUNNER_PRIO + 1u);
    /* Errors change nothing. */
    param.sched_priority = 0;
    TT_ASSERT_EQ(pthread_setschedparam(tid, SCHED_FIFO, &param), EINVAL);
    param.sched_priority = sched_get_priority_max(SCHED_FIFO) + 1;
    TT_ASSERT_EQ(pthread_setschedparam(tid, SCHED_FIFO, &param), EINVAL);
    param.sched_priority = PX_T_PRIO(-1);
    TT_ASSERT_EQ(pthread_setschedparam(tid, 99, &param), EINVAL);
    TT_ASSERT_EQ(pthread_setschedparam(tid, SCHED_FIFO, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_setschedprio(tid, 0), EINVAL);
    TT_ASSERT_EQ(pthread_getschedparam(tid, NULL, &param), EINVAL);
    TT_ASSERT_EQ(pthread_getschedparam(tid, &policy, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_getschedparam(tid, &policy, &param), 0);
    TT_ASSERT_EQ(policy, SCHED_RR);
    TT_ASSERT_EQ(param.sched_priority, PX_T_PRIO(-1));
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(pthread_setschedprio(tid, PX_T_PRIO(0)), ESRCH);
}

/* Plain kernel tasks are threads too for scheduling purposes. */
static void test_schedparam_of_plain_task(void)
{
    int policy = -1;
    struct sched_param param;

    TT_ASSERT_EQ(pthread_getschedparam(pthread_self(), &policy, &param), 0);
    TT_ASSERT_EQ(param.sched_priority, PX_T_RUNNER_PRIO);
    TT_ASSERT_EQ(policy, SCHED_OTHER);
    TT_ASSERT_EQ(pthread_setschedprio(pthread_self(), PX_T_PRIO(-1)), 0);
    TT_ASSERT_EQ(tos_task_curr_task_get()->prio, TT_RUNNER_PRIO + 1u);
    TT_ASSERT_EQ(pthread_setschedprio(pthread_self(), PX_T_RUNNER_PRIO), 0);
    TT_ASSERT_EQ(tos_task_curr_task_get()->prio, TT_RUNNER_PRIO);
    TT_ASSERT_EQ(pthread_getschedparam((pthread_t)(uintptr_t)&tid, &policy, &param), ESRCH);
    TT_ASSERT_EQ(pthread_setschedprio((pthread_t)(uintptr_t)&k_idle_task, 1), ESRCH);
}

static void *yielder(void *arg)
{
    int i;

    for (i = 0; i < 3; ++i) {
        order[order_n++] = (int)(intptr_t)arg;
        (void)sched_yield();
    }
    return NULL;
}

/* sched_yield() lets the other thread of the same priority run. */
static void test_sched_yield_alternates(void)
{
    pthread_t a;
    pthread_t b;

    TT_ASSERT_EQ(px_t_spawn(&a, -1, yielder, (void *)1), 0);
    TT_ASSERT_EQ(px_t_spawn(&b, -1, yielder, (void *)2), 0);
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(pthread_join(b, NULL), 0);
    TT_ASSERT_EQ(order_n, 6);
    TT_ASSERT_EQ(order[0], 1);
    TT_ASSERT_EQ(order[1], 2);
    TT_ASSERT_EQ(order[2], 1);
    TT_ASSERT_EQ(order[3], 2);
    TT_ASSERT_EQ(order[4], 1);
    TT_ASSERT_EQ(order[5], 2);
}

static int pid_results[12];

static void *pid_calls(void *arg)
{
    struct sched_param param;
    struct timespec slice;
    int *r = pid_results;

    (void)arg;
    r[0] = sched_getparam(0, &param);
    r[1] = param.sched_priority;
    r[2] = sched_getscheduler(0);
    param.sched_priority = PX_T_PRIO(+2);
    r[3] = sched_setscheduler(0, SCHED_RR, &param); /* the previous policy */
    r[4] = sched_getscheduler(0);
    r[5] = ((const k_task_t *)tos_task_curr_task_get())->prio;
    param.sched_priority = PX_T_PRIO(+1);
    r[6] = sched_setparam(0, &param);
    r[7] = sched_getparam(0, &param) == 0 ? param.sched_priority : -1;
    r[8] = sched_getparam(42, &param) == -1 ? errno : 0;
    r[9] = sched_rr_get_interval(0, &slice);
    r[10] = (int)(slice.tv_sec * 1000 + slice.tv_nsec / 1000000);
    r[11] = sched_rr_get_interval(0, NULL) == -1 ? errno : 0;
    return NULL;
}

static void test_sched_pid_functions(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, pid_calls, NULL), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(pid_results[0], 0);
    TT_ASSERT_EQ(pid_results[1], PX_T_PRIO(+1));
    TT_ASSERT_EQ(pid_results[2], SCHED_FIFO);
    TT_ASSERT_EQ(pid_results[3], SCHED_FIFO);
    TT_ASSERT_EQ(pid_results[4], SCHED_RR);
    TT_ASSERT_EQ(pid_results[5], TT_RUNNER_PRIO - 2u);
    TT_ASSERT_EQ(pid_results[6], 0);
    TT_ASSERT_EQ(pid_results[7], PX_T_PRIO(+1));
    TT_ASSERT_EQ(pid_results[8], ESRCH);
    TT_ASSERT_EQ(pid_results[9], 0);
#if TOS_CFG_ROUND_ROBIN_EN > 0u
    /* SCHED_RR with POSIX_CFG_RR_TIMESLICE 0: the kernel's default slice. */
    TT_ASSERT_EQ(pid_results[10],
                 (int)(k_robin_default_timeslice * 1000u / TOS_CFG_CPU_TICK_PER_SECOND));
#else
    TT_ASSERT_EQ(pid_results[10], 0); /* no time slicing in this kernel */
#endif
    TT_ASSERT_EQ(pid_results[11], EINVAL);
}

static void test_sched_pid_errors(void)
{
    struct sched_param param;

    param.sched_priority = PX_T_RUNNER_PRIO;
    errno = 0;
    TT_ASSERT_EQ(sched_setparam(7, &param), -1);
    TT_ASSERT_EQ(errno, ESRCH);
    errno = 0;
    TT_ASSERT_EQ(sched_setscheduler(0, 99, &param), -1);
    TT_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    TT_ASSERT_EQ(sched_setparam(0, NULL), -1);
    TT_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    TT_ASSERT_EQ(sched_getscheduler(3), -1);
    TT_ASSERT_EQ(errno, ESRCH);
    TT_ASSERT_EQ(sched_getscheduler(0), SCHED_OTHER); /* the runner: a plain task */
}

#if TOS_CFG_ROUND_ROBIN_EN > 0u

/* Runs 250 ticks, noting each time it takes over from the other worker. */
static void *busy_worker(void *arg)
{
    int me = (int)(intptr_t)arg;
    int i;

    for (i = 0; i < 250; ++i) {
        if (order_n == 0 || (order[order_n - 1] != me && order_n < 16)) {
            order[order_n++] = me;
        }
        tt_busy((uint32_t)(TOS_CFG_CPU_CLOCK / TOS_CFG_CPU_TICK_PER_SECOND)); /* one tick */
    }
    return NULL;
}

static int spawn_policy(pthread_t *t, int policy, void *arg)
{
    pthread_attr_t attr;
    struct sched_param param;
    int err;

    (void)pthread_attr_init(&attr);
    (void)pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
    (void)pthread_attr_setschedpolicy(&attr, policy);
    param.sched_priority = PX_T_PRIO(-1); /* both wait until we join */
    (void)pthread_attr_setschedparam(&attr, &param);
    err = pthread_create(t, &attr, busy_worker, arg);
    (void)pthread_attr_destroy(&attr);
    return err;
}

/* SCHED_RR threads of one priority share the CPU; SCHED_FIFO ones run to completion. */
static void test_rr_slices_fifo_does_not(void)
{
    pthread_t a;
    pthread_t b;

    /* Default slice: a tenth of a second, so 250 ticks each take turns. */
    TT_ASSERT_EQ(spawn_policy(&a, SCHED_RR, (void *)0), 0);
    TT_ASSERT_EQ(spawn_policy(&b, SCHED_RR, (void *)1), 0);
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(pthread_join(b, NULL), 0);
    TT_ASSERT_GE(order_n, 4);

    order_n = 0;
    TT_ASSERT_EQ(spawn_policy(&a, SCHED_FIFO, (void *)0), 0);
    TT_ASSERT_EQ(spawn_policy(&b, SCHED_FIFO, (void *)1), 0);
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(pthread_join(b, NULL), 0);
    TT_ASSERT_EQ(order_n, 2); /* a to its end, then b */
    TT_ASSERT_EQ(order[0], 0);
    TT_ASSERT_EQ(order[1], 1);
}

#else

static void test_rr_slices_fifo_does_not(void)
{
    TT_SKIP("TOS_CFG_ROUND_ROBIN_EN is 0: every policy runs to block");
}

#endif

/* The option macros describe the adapter, not the C library. */
static void test_option_macros(void)
{
    TT_ASSERT_EQ(_POSIX_THREADS, 200809L);
    TT_ASSERT_EQ(_POSIX_THREAD_PRIORITY_SCHEDULING, 200809L);
    TT_ASSERT_EQ(_POSIX_THREAD_PRIO_PROTECT, 200809L);
    TT_ASSERT_EQ(_POSIX_THREAD_PRIO_INHERIT, TOS_CFG_MUTEX_EN > 0u ? 200809L : -1L);
    TT_ASSERT_EQ(_POSIX_TIMERS, TOS_CFG_TIMER_EN > 0u ? 200809L : -1L);
    TT_ASSERT_EQ(_POSIX_SEMAPHORES, 200809L);
    TT_ASSERT_EQ(_POSIX_MESSAGE_PASSING, 200809L);
    TT_ASSERT_EQ(_POSIX_MONOTONIC_CLOCK, 200809L);
    TT_ASSERT_EQ(_POSIX_THREAD_CPUTIME, -1L);
    TT_ASSERT_EQ(_POSIX_THREAD_PROCESS_SHARED, -1L);
}

TT_SUITE("posix_sched", setup, teardown, TT_CASE(test_priority_range),
         TT_CASE(test_priority_maps_onto_kernel), TT_CASE(test_setschedprio_raises_and_preempts),
         TT_CASE(test_schedparam_get_set_and_errors), TT_CASE(test_schedparam_of_plain_task),
         TT_CASE(test_sched_yield_alternates), TT_CASE(test_sched_pid_functions),
         TT_CASE(test_sched_pid_errors), TT_CASE(test_rr_slices_fifo_does_not),
         TT_CASE(test_option_macros));

#else

TT_SUITE_SKIPPED("posix_sched", "the POSIX adapter needs the task kernel");

#endif
