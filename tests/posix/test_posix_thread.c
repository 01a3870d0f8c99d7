/*
 * POSIX adapter, threads: create (attributes, stacks, scheduling
 * inheritance, limits), join, detach, exit, self, equal, pthread_once,
 * thread-specific data with destructors, cleanup handlers.
 */
#include <string.h>

#include "px_test.h"

#if TOS_POSIX_EN

#define TEST_IRQ 6u

static pthread_t tid;
static pthread_t seen_self;
static pthread_t seen_tid;
static volatile int ran;
static volatile int order[8];
static volatile int order_n;
static sem_t gate;
static int isr_err;

static void setup(void)
{
    TT_ASSERT_EQ(tos_posix_init(), 0);
    ran = 0;
    order_n = 0;
    memset((void *)order, 0, sizeof(order));
    seen_self = 0;
    seen_tid = 0;
    TT_ASSERT_EQ(sem_init(&gate, 0, 0u), 0);
}

static void teardown(void)
{
    (void)sem_destroy(&gate);
}

static void note(int what)
{
    order[order_n++] = what;
}

static void *ret_arg(void *arg)
{
    ran = 1;
    return arg;
}

static void *record_self(void *arg)
{
    (void)arg;
    seen_self = pthread_self();
    seen_tid = tid; /* written by pthread_create before this thread could run */
    ran = 1;
    return NULL;
}

static void *wait_gate(void *arg)
{
    (void)sem_wait(&gate);
    return arg;
}

/* ---- create and join ------------------------------------------------------------ */

static void test_create_join_returns_value(void)
{
    void *value = NULL;

    TT_ASSERT_EQ(pthread_create(&tid, NULL, ret_arg, (void *)0x1234), 0);
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_EQ(ran, 1);
    TT_ASSERT_PTR_EQ(value, (void *)0x1234);
}

/* Default attributes inherit the creator's priority: it runs once we block. */
static void test_create_inherits_creator_priority(void)
{
    int policy = -1;
    struct sched_param param;

    TT_ASSERT_EQ(pthread_create(&tid, NULL, wait_gate, NULL), 0);
    TT_ASSERT_EQ(pthread_getschedparam(tid, &policy, &param), 0);
    TT_ASSERT_EQ(param.sched_priority, PX_T_RUNNER_PRIO);
    TT_ASSERT_EQ(policy, SCHED_OTHER);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
}

/* A more urgent thread runs inside pthread_create, and already sees its ID. */
static void test_create_more_urgent_runs_at_once_with_id_published(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, record_self, NULL), 0);
    TT_ASSERT_EQ(ran, 1);
    TT_ASSERT(pthread_equal(seen_self, tid));
    TT_ASSERT(pthread_equal(seen_tid, tid));
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
}

static void test_create_less_urgent_runs_when_we_block(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, -1, ret_arg, NULL), 0);
    TT_ASSERT_EQ(ran, 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(ran, 1);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
}

static void test_create_errors(void)
{
    pthread_attr_t attr;
    struct sched_param param;

    TT_ASSERT_EQ(pthread_create(NULL, NULL, ret_arg, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_create(&tid, NULL, NULL, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
    TT_ASSERT_EQ(pthread_create(&tid, &attr, ret_arg, NULL), EINVAL);
    /* Explicit scheduling with a priority the attribute did not check yet. */
    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED), 0);
    param.sched_priority = sched_get_priority_max(SCHED_FIFO) + 1;
    TT_ASSERT_EQ(pthread_attr_setschedparam(&attr, &param), EINVAL);
    attr.schedparam.sched_priority = 0; /* below the range, written behind the setter's back */
    TT_ASSERT_EQ(pthread_create(&tid, &attr, ret_arg, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
    TT_ASSERT_EQ(ran, 0);
}

static void isr_create(void)
{
    pthread_t t;

    tos_knl_irq_enter();
    isr_err = pthread_create(&t, NULL, ret_arg, NULL);
    tos_knl_irq_leave();
}

static void test_create_refused_in_isr(void)
{
    isr_err = -1;
    tt_irq_connect(TEST_IRQ, isr_create);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(isr_err, EPERM);
    TT_ASSERT_EQ(ran, 0);
}

static void test_create_out_of_memory_is_eagain(void)
{
    pthread_attr_t attr;
    unsigned long used = px_t_heap_baseline();

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setstacksize(&attr, (size_t)1 << 30), 0);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(pthread_create(&tid, &attr, ret_arg, NULL), EAGAIN);
    TT_ASSERT_EQ(px_t_heap_used(), used);
#else
    (void)used;
#endif
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
}

/* ---- stacks ------------------------------------------------------------------------ */

static uint8_t user_stack[2 * PTHREAD_STACK_MIN] __attribute__((aligned(16)));

/* A caller-supplied stack holds the control block too: no heap at all. */
static void test_create_on_caller_stack_uses_no_heap(void)
{
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0u;
    unsigned long used = px_t_heap_baseline();

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setstack(&attr, user_stack, sizeof(user_stack)), 0);
    TT_ASSERT_EQ(pthread_attr_getstack(&attr, &addr, &size), 0);
    TT_ASSERT_PTR_EQ(addr, user_stack);
    TT_ASSERT_EQ(size, sizeof(user_stack));
    TT_ASSERT_EQ(pthread_create(&tid, &attr, ret_arg, (void *)7), 0);
    TT_ASSERT_EQ(px_t_heap_used(), used);
    /* The handle lies inside the caller's stack area. */
    TT_ASSERT((uintptr_t)tid >= (uintptr_t)user_stack);
    TT_ASSERT((uintptr_t)tid < (uintptr_t)user_stack + sizeof(user_stack));
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(ran, 1);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
}

/* A heap stack and its control block go back to the heap at join. */
static void test_heap_stack_returned_at_join(void)
{
    unsigned long used = px_t_heap_baseline();

    TT_ASSERT_EQ(pthread_create(&tid, NULL, ret_arg, NULL), 0);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_GE(px_t_heap_used(), used + POSIX_CFG_PTHREAD_STACK_DEFAULT);
#endif
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(px_t_heap_used(), used);
}

static void test_attr_stack_errors(void)
{
    pthread_attr_t attr;
    size_t size = 0u;

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setstack(&attr, NULL, sizeof(user_stack)), EINVAL);
    TT_ASSERT_EQ(pthread_attr_setstack(&attr, user_stack, PTHREAD_STACK_MIN - 1u), EINVAL);
    TT_ASSERT_EQ(pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN - 1u), EINVAL);
    TT_ASSERT_EQ(pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN), 0);
    TT_ASSERT_EQ(pthread_attr_getstacksize(&attr, &size), 0);
    TT_ASSERT_EQ(size, PTHREAD_STACK_MIN);
    TT_ASSERT_EQ(pthread_attr_getstacksize(&attr, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN), EINVAL);
}

/* The smallest stack is enough to run a thread. */
static void test_minimum_stack_runs(void)
{
    static uint8_t small[PTHREAD_STACK_MIN] __attribute__((aligned(16)));
    pthread_attr_t attr;
    void *value = NULL;

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setstack(&attr, small, sizeof(small)), 0);
    TT_ASSERT_EQ(pthread_create(&tid, &attr, ret_arg, (void *)3), 0);
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_PTR_EQ(value, (void *)3);
}

/* ---- attributes ------------------------------------------------------------------------ */

static void test_attr_defaults(void)
{
    pthread_attr_t attr;
    struct sched_param param;
    int v = -1;
    size_t size = 0u;

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_getdetachstate(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_CREATE_JOINABLE);
    TT_ASSERT_EQ(pthread_attr_getinheritsched(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_INHERIT_SCHED);
    TT_ASSERT_EQ(pthread_attr_getschedpolicy(&attr, &v), 0);
    TT_ASSERT_EQ(v, SCHED_OTHER);
    TT_ASSERT_EQ(pthread_attr_getscope(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_SCOPE_SYSTEM);
    TT_ASSERT_EQ(pthread_attr_getschedparam(&attr, &param), 0);
    TT_ASSERT_GE(param.sched_priority, sched_get_priority_min(SCHED_OTHER));
    TT_ASSERT_LE(param.sched_priority, sched_get_priority_max(SCHED_OTHER));
    TT_ASSERT_EQ(pthread_attr_getstacksize(&attr, &size), 0);
    TT_ASSERT_EQ(size, POSIX_CFG_PTHREAD_STACK_DEFAULT);
    TT_ASSERT_EQ(pthread_attr_getguardsize(&attr, &size), 0);
    TT_ASSERT_EQ(size, 0u);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
}

static void test_attr_setters_validate(void)
{
    pthread_attr_t attr;
    size_t size = 0u;
    int v = -1;

    TT_ASSERT_EQ(pthread_attr_init(NULL), EINVAL);
    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setdetachstate(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
    TT_ASSERT_EQ(pthread_attr_getdetachstate(&attr, &v), 0);
    TT_ASSERT_EQ(v, PTHREAD_CREATE_DETACHED);
    TT_ASSERT_EQ(pthread_attr_setinheritsched(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_attr_setschedpolicy(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_attr_setschedpolicy(&attr, SCHED_RR), 0);
    TT_ASSERT_EQ(pthread_attr_getschedpolicy(&attr, &v), 0);
    TT_ASSERT_EQ(v, SCHED_RR);
    TT_ASSERT_EQ(pthread_attr_setscope(&attr, PTHREAD_SCOPE_PROCESS), ENOTSUP);
    TT_ASSERT_EQ(pthread_attr_setscope(&attr, 99), EINVAL);
    TT_ASSERT_EQ(pthread_attr_setguardsize(&attr, 256u), 0);
    TT_ASSERT_EQ(pthread_attr_getguardsize(&attr, &size), 0);
    TT_ASSERT_EQ(size, 256u);
    TT_ASSERT_EQ(pthread_attr_getdetachstate(&attr, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_attr_getschedparam(&attr, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), EINVAL);
    TT_ASSERT_EQ(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE), EINVAL);
}

/* ---- join, detach, exit ------------------------------------------------------------------- */

static void *exit_deep(void *arg)
{
    pthread_exit(arg);
}

static void test_exit_value_reaches_joiner(void)
{
    void *value = NULL;

    TT_ASSERT_EQ(px_t_spawn(&tid, +1, exit_deep, (void *)0x55), 0);
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_PTR_EQ(value, (void *)0x55);
}

/* A joiner blocks until the thread ends; a thread that ended first is collected at once. */
static void test_join_waits_then_collects(void)
{
    long long t0;
    void *value = NULL;

    TT_ASSERT_EQ(px_t_spawn(&tid, -1, wait_gate, (void *)9), 0);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    t0 = px_t_ticks();
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_EQ(px_t_ticks() - t0, 0);
    TT_ASSERT_PTR_EQ(value, (void *)9);
    /* Ended before the join: collected at once. */
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, ret_arg, (void *)4), 0);
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_PTR_EQ(value, (void *)4);
}

static void test_join_errors(void)
{
    pthread_t other;

    TT_ASSERT_EQ(pthread_join(pthread_self(), NULL), ESRCH); /* the runner is no POSIX thread */
    TT_ASSERT_EQ(pthread_create(&tid, NULL, ret_arg, NULL), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), ESRCH); /* already collected */
    TT_ASSERT_EQ(pthread_detach(tid), ESRCH);
    other = (pthread_t)(uintptr_t)&other;
    TT_ASSERT_EQ(pthread_join(other, NULL), ESRCH);
}

static void *join_self(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)pthread_join(pthread_self(), NULL);
}

static void test_join_self_is_edeadlk(void)
{
    void *value = NULL;

    TT_ASSERT_EQ(px_t_spawn(&tid, +1, join_self, NULL), 0);
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_EQ((intptr_t)value, EDEADLK);
}

static pthread_t second_join_target;
static int second_join_err;

static void *second_joiner(void *arg)
{
    (void)arg;
    second_join_err = pthread_join(second_join_target, NULL);
    return NULL;
}

/* While a thread joins, another join of the same thread is refused. */
static void test_second_joiner_refused(void)
{
    pthread_t joiner;

    second_join_err = -1;
    TT_ASSERT_EQ(px_t_spawn(&second_join_target, -1, wait_gate, NULL), 0);
    TT_ASSERT_EQ(px_t_spawn(&joiner, -1, second_joiner, NULL), 0);
    px_t_yield_to_lower(); /* the joiner blocks in its join */
    TT_ASSERT_EQ(pthread_join(second_join_target, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_detach(second_join_target), EINVAL);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(joiner, NULL), 0);
    TT_ASSERT_EQ(second_join_err, 0);
}

static void isr_join(void)
{
    tos_knl_irq_enter();
    isr_err = pthread_join(tid, NULL);
    tos_knl_irq_leave();
}

static void test_join_refused_in_isr(void)
{
    TT_ASSERT_EQ(pthread_create(&tid, NULL, wait_gate, NULL), 0);
    isr_err = -1;
    tt_irq_connect(TEST_IRQ, isr_join);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(isr_err, EPERM);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
}

/* A detached thread gives its memory back by itself (at the next create at the latest). */
static void test_detached_thread_memory_comes_back(void)
{
    pthread_attr_t attr;
    unsigned long used = px_t_heap_baseline();

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
    TT_ASSERT_EQ(pthread_create(&tid, &attr, ret_arg, NULL), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_detach(tid), EINVAL);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(ran, 1);
    TT_ASSERT_EQ(pthread_join(tid, NULL), ESRCH);
    /* The next create reclaims it; joining that one leaves the heap as it was. */
    TT_ASSERT_EQ(pthread_create(&tid, NULL, ret_arg, NULL), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(px_t_heap_used(), used);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
}

static void test_detach_running_and_ended_threads(void)
{
    unsigned long used = px_t_heap_baseline();

    /* Running: detached, then it ends on its own. */
    TT_ASSERT_EQ(pthread_create(&tid, NULL, wait_gate, NULL), 0);
    TT_ASSERT_EQ(pthread_detach(tid), 0);
    TT_ASSERT_EQ(pthread_detach(tid), EINVAL);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(pthread_detach(tid), ESRCH);
    /* Ended and unjoined: detach releases it at once. */
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, ret_arg, NULL), 0);
    TT_ASSERT_EQ(pthread_detach(tid), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), ESRCH);
    TT_ASSERT_EQ(pthread_create(&tid, NULL, ret_arg, NULL), 0); /* reaps the first one */
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(px_t_heap_used(), used);
}

/* Up to POSIX_CFG_PTHREAD_THREADS_MAX threads exist at once; one more is EAGAIN. */
#if !TT_RAM_SMALL

static uint8_t many_stacks[POSIX_CFG_PTHREAD_THREADS_MAX][PTHREAD_STACK_MIN]
    __attribute__((aligned(16)));
static pthread_t many[POSIX_CFG_PTHREAD_THREADS_MAX];

static void test_thread_limit_is_eagain(void)
{
    pthread_attr_t attr;
    pthread_t extra;
    unsigned i;

    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    for (i = 0u; i < POSIX_CFG_PTHREAD_THREADS_MAX; ++i) {
        TT_ASSERT_EQ(pthread_attr_setstack(&attr, many_stacks[i], PTHREAD_STACK_MIN), 0);
        TT_ASSERT_EQ(pthread_create(&many[i], &attr, wait_gate, NULL), 0);
    }
    TT_ASSERT_EQ(pthread_create(&extra, NULL, ret_arg, NULL), EAGAIN);
    for (i = 0u; i < POSIX_CFG_PTHREAD_THREADS_MAX; ++i) {
        TT_ASSERT_EQ(sem_post(&gate), 0);
    }
    for (i = 0u; i < POSIX_CFG_PTHREAD_THREADS_MAX; ++i) {
        TT_ASSERT_EQ(pthread_join(many[i], NULL), 0);
    }
    TT_ASSERT_EQ(pthread_create(&extra, NULL, ret_arg, NULL), 0);
    TT_ASSERT_EQ(pthread_join(extra, NULL), 0);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
}

#else

static void test_thread_limit_is_eagain(void)
{
    TT_SKIP("a board with little RAM cannot hold POSIX_CFG_PTHREAD_THREADS_MAX stacks");
}

#endif

/* ---- self and equal ----------------------------------------------------------------------- */

static void test_self_and_equal(void)
{
    pthread_t me = pthread_self();

    TT_ASSERT_NE(me, 0);
    TT_ASSERT(pthread_equal(me, pthread_self()));
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, record_self, NULL), 0);
    TT_ASSERT(!pthread_equal(me, seen_self));
    TT_ASSERT(pthread_equal(tid, seen_self));
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
}

static void isr_self(void)
{
    tos_knl_irq_enter();
    seen_self = pthread_self();
    tos_knl_irq_leave();
}

static void test_self_in_isr_is_zero(void)
{
    seen_self = 1;
    tt_irq_connect(TEST_IRQ, isr_self);
    tt_irq_raise(TEST_IRQ);
    TT_ASSERT_EQ(seen_self, 0);
}

/* pthread_exit() in a plain kernel task ends that task. */
static k_task_t plain_task;
static k_stack_t plain_stk[1024];

static void plain_exits(void *arg)
{
    (void)arg;
    ran = 1;
    pthread_exit(NULL);
}

static void test_exit_from_plain_task_destroys_it(void)
{
    TT_ASSERT_EQ(tos_task_create(&plain_task, "plain", plain_exits, NULL,
                                 (k_prio_t)(TT_RUNNER_PRIO - 1u), plain_stk, sizeof(plain_stk), 0u),
                 K_ERR_NONE);
    TT_ASSERT_EQ(ran, 1);
    TT_ASSERT_EQ(plain_task.state, K_TASK_STATE_DELETED);
}

/* A thread whose task is destroyed with the kernel API counts as cancelled. */
static void test_thread_destroyed_by_kernel_counts_as_cancelled(void)
{
    pthread_attr_t attr;
    void *value = NULL;
    unsigned long used = px_t_heap_baseline();

    TT_ASSERT_EQ(pthread_create(&tid, NULL, wait_gate, NULL), 0);
    TT_ASSERT_EQ(tos_task_destroy((k_task_t *)(uintptr_t)tid), K_ERR_NONE);
    TT_ASSERT_EQ(pthread_join(tid, &value), 0);
    TT_ASSERT_PTR_EQ(value, PTHREAD_CANCELED);
    /* Detached: it is simply gone, its memory reclaimed. */
    TT_ASSERT_EQ(pthread_attr_init(&attr), 0);
    TT_ASSERT_EQ(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
    TT_ASSERT_EQ(pthread_create(&tid, &attr, wait_gate, NULL), 0);
    TT_ASSERT_EQ(tos_task_destroy((k_task_t *)(uintptr_t)tid), K_ERR_NONE);
    TT_ASSERT_EQ(pthread_detach(tid), ESRCH);
    TT_ASSERT_EQ(px_t_heap_baseline(), used);
    TT_ASSERT_EQ(pthread_attr_destroy(&attr), 0);
}

/* ---- pthread_once --------------------------------------------------------------------------- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int once_runs;

static void once_init(void)
{
    ++once_runs;
    (void)sem_wait(&gate); /* holds the others back while it runs */
    note(1);
}

static void *once_caller(void *arg)
{
    (void)arg;
    (void)pthread_once(&once, once_init);
    note(2); /* only after once_init has returned */
    return NULL;
}

static void test_once_runs_once_and_others_wait(void)
{
    pthread_t a;
    pthread_t b;

    once_runs = 0;
    TT_ASSERT_EQ(px_t_spawn(&a, -1, once_caller, NULL), 0);
    TT_ASSERT_EQ(px_t_spawn(&b, -1, once_caller, NULL), 0);
    px_t_yield_to_lower(); /* a runs once_init and blocks in it; b waits for it */
    TT_ASSERT_EQ(once_runs, 1);
    TT_ASSERT_EQ(order_n, 0);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(pthread_join(b, NULL), 0);
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(order[0], 1);
    TT_ASSERT_EQ(order[1], 2);
    TT_ASSERT_EQ(order[2], 2);
    TT_ASSERT_EQ(pthread_once(&once, once_init), 0);
    TT_ASSERT_EQ(once_runs, 1);
}

static pthread_once_t once_rec = PTHREAD_ONCE_INIT;
static int once_rec_err;

static void once_recursive(void)
{
    once_rec_err = pthread_once(&once_rec, once_recursive);
}

static void test_once_errors(void)
{
    once_rec_err = -1;
    TT_ASSERT_EQ(pthread_once(NULL, once_recursive), EINVAL);
    TT_ASSERT_EQ(pthread_once(&once_rec, NULL), EINVAL);
    TT_ASSERT_EQ(pthread_once(&once_rec, once_recursive), 0);
    TT_ASSERT_EQ(once_rec_err, EDEADLK);
}

/* ---- thread-specific data ------------------------------------------------------------------- */

static pthread_key_t key;
static pthread_key_t key2;
static volatile int dtor_calls;
static void *dtor_last;

static void dtor(void *value)
{
    ++dtor_calls;
    dtor_last = value;
}

/* A destructor that stores a value again: called again, up to the iteration limit. */
static void dtor_restore(void *value)
{
    ++dtor_calls;
    (void)pthread_setspecific(key2, value);
}

static void *use_key(void *arg)
{
    if (pthread_getspecific(key) != NULL) {
        return (void *)1; /* must start NULL in a new thread */
    }
    if (pthread_setspecific(key, arg) != 0 || pthread_getspecific(key) != arg) {
        return (void *)2;
    }
    return NULL;
}

static void test_key_values_are_per_thread_and_destructed(void)
{
    pthread_t a;
    void *value = (void *)9;

    dtor_calls = 0;
    dtor_last = NULL;
    TT_ASSERT_EQ(pthread_key_create(&key, dtor), 0);
    TT_ASSERT_EQ(px_t_spawn(&a, +1, use_key, (void *)0x77), 0);
    TT_ASSERT_EQ(pthread_join(a, &value), 0);
    TT_ASSERT_NULL(value);
    TT_ASSERT_EQ(dtor_calls, 1);
    TT_ASSERT_PTR_EQ(dtor_last, (void *)0x77);
    /* A NULL value is not destructed. */
    TT_ASSERT_EQ(px_t_spawn(&a, +1, use_key, NULL), 0);
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(dtor_calls, 1);
    TT_ASSERT_EQ(pthread_key_delete(key), 0);
}

static void *set_key2(void *arg)
{
    (void)pthread_setspecific(key2, arg);
    return NULL;
}

static void test_key_destructor_iterations_bounded(void)
{
    pthread_t a;

    dtor_calls = 0;
    TT_ASSERT_EQ(pthread_key_create(&key2, dtor_restore), 0);
    TT_ASSERT_EQ(px_t_spawn(&a, +1, set_key2, (void *)1), 0);
    TT_ASSERT_EQ(pthread_join(a, NULL), 0);
    TT_ASSERT_EQ(dtor_calls, PTHREAD_DESTRUCTOR_ITERATIONS);
    TT_ASSERT_EQ(pthread_key_delete(key2), 0);
}

static void test_key_errors_and_reuse(void)
{
    pthread_key_t keys[PTHREAD_KEYS_MAX];
    pthread_key_t extra;
    pthread_key_t old;
    unsigned i;

    TT_ASSERT_EQ(pthread_key_create(NULL, NULL), EINVAL);
    for (i = 0u; i < PTHREAD_KEYS_MAX; ++i) {
        TT_ASSERT_EQ(pthread_key_create(&keys[i], NULL), 0);
    }
    TT_ASSERT_EQ(pthread_key_create(&extra, NULL), EAGAIN);
    old = keys[0];
    TT_ASSERT_EQ(pthread_key_delete(old), 0);
    TT_ASSERT_EQ(pthread_key_delete(old), EINVAL);
    TT_ASSERT_EQ(pthread_setspecific(old, (void *)1), EINVAL);
    TT_ASSERT_NULL(pthread_getspecific(old));
    /* The slot is reused under a new generation: the old key stays dead. */
    TT_ASSERT_EQ(pthread_key_create(&extra, NULL), 0);
    TT_ASSERT_NE(extra, old);
    TT_ASSERT_EQ(pthread_key_delete(old), EINVAL);
    /* The runner is no POSIX thread: no storage for values. */
    TT_ASSERT_EQ(pthread_setspecific(extra, (void *)1), ENOMEM);
    TT_ASSERT_NULL(pthread_getspecific(extra));
    TT_ASSERT_EQ(pthread_key_delete(extra), 0);
    for (i = 1u; i < PTHREAD_KEYS_MAX; ++i) {
        TT_ASSERT_EQ(pthread_key_delete(keys[i]), 0);
    }
}

static void *reads_reused_key(void *arg)
{
    (void)pthread_setspecific(key, arg);
    (void)sem_wait(&gate);
    return pthread_getspecific(key2); /* key2 reuses key's slot meanwhile */
}

/* A value stored under a deleted key does not show through a new key in its slot. */
static void test_new_key_starts_null_in_existing_threads(void)
{
    pthread_t a;
    void *value = (void *)1;

    TT_ASSERT_EQ(pthread_key_create(&key, NULL), 0);
    TT_ASSERT_EQ(px_t_spawn(&a, -1, reads_reused_key, (void *)0x99), 0);
    px_t_yield_to_lower();
    TT_ASSERT_EQ(pthread_key_delete(key), 0);
    TT_ASSERT_EQ(pthread_key_create(&key2, NULL), 0);
    TT_ASSERT_EQ(sem_post(&gate), 0);
    TT_ASSERT_EQ(pthread_join(a, &value), 0);
    TT_ASSERT_NULL(value);
    TT_ASSERT_EQ(pthread_key_delete(key2), 0);
}

/* ---- cleanup handlers --------------------------------------------------------------------- */

static void cleanup_note(void *arg)
{
    note((int)(intptr_t)arg);
}

static void *cleanup_user(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup_note, (void *)1);
    pthread_cleanup_push(cleanup_note, (void *)2);
    pthread_cleanup_push(cleanup_note, (void *)3);
    pthread_cleanup_pop(1); /* runs 3 */
    pthread_cleanup_push(cleanup_note, (void *)4);
    pthread_cleanup_pop(0); /* 4 is dropped */
    pthread_exit(NULL);     /* runs 2 then 1 */
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(0);
    return NULL;
}

static void test_cleanup_handlers_pop_and_exit_lifo(void)
{
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, cleanup_user, NULL), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(order_n, 3);
    TT_ASSERT_EQ(order[0], 3);
    TT_ASSERT_EQ(order[1], 2);
    TT_ASSERT_EQ(order[2], 1);
}

/* Cleanup handlers run before key destructors. */
static void dtor_note(void *value)
{
    note((int)(intptr_t)value);
}

static void *cleanup_then_key(void *arg)
{
    (void)pthread_setspecific(key, (void *)20);
    pthread_cleanup_push(cleanup_note, (void *)10);
    pthread_exit(arg);
    pthread_cleanup_pop(0);
    return NULL;
}

static void test_cleanup_handlers_before_destructors(void)
{
    TT_ASSERT_EQ(pthread_key_create(&key, dtor_note), 0);
    TT_ASSERT_EQ(px_t_spawn(&tid, +1, cleanup_then_key, NULL), 0);
    TT_ASSERT_EQ(pthread_join(tid, NULL), 0);
    TT_ASSERT_EQ(order_n, 2);
    TT_ASSERT_EQ(order[0], 10);
    TT_ASSERT_EQ(order[1], 20);
    TT_ASSERT_EQ(pthread_key_delete(key), 0);
}

/* In a plain task the pair still works lexically (pop(1) runs the handler). */
static void test_cleanup_in_plain_task(void)
{
    pthread_cleanup_push(cleanup_note, (void *)5);
    pthread_cleanup_pop(1);
    TT_ASSERT_EQ(order_n, 1);
    TT_ASSERT_EQ(order[0], 5);
}

TT_SUITE("posix_thread", setup, teardown, TT_CASE(test_create_join_returns_value),
         TT_CASE(test_create_inherits_creator_priority),
         TT_CASE(test_create_more_urgent_runs_at_once_with_id_published),
         TT_CASE(test_create_less_urgent_runs_when_we_block), TT_CASE(test_create_errors),
         TT_CASE(test_create_refused_in_isr), TT_CASE(test_create_out_of_memory_is_eagain),
         TT_CASE(test_create_on_caller_stack_uses_no_heap),
         TT_CASE(test_heap_stack_returned_at_join), TT_CASE(test_attr_stack_errors),
         TT_CASE(test_minimum_stack_runs), TT_CASE(test_attr_defaults),
         TT_CASE(test_attr_setters_validate), TT_CASE(test_exit_value_reaches_joiner),
         TT_CASE(test_join_waits_then_collects), TT_CASE(test_join_errors),
         TT_CASE(test_join_self_is_edeadlk), TT_CASE(test_second_joiner_refused),
         TT_CASE(test_join_refused_in_isr), TT_CASE(test_detached_thread_memory_comes_back),
         TT_CASE(test_detach_running_and_ended_threads), TT_CASE(test_thread_limit_is_eagain),
         TT_CASE(test_self_and_equal), TT_CASE(test_self_in_isr_is_zero),
         TT_CASE(test_exit_from_plain_task_destroys_it),
         TT_CASE(test_thread_destroyed_by_kernel_counts_as_cancelled),
         TT_CASE(test_once_runs_once_and_others_wait), TT_CASE(test_once_errors),
         TT_CASE(test_key_values_are_per_thread_and_destructed),
         TT_CASE(test_key_destructor_iterations_bounded), TT_CASE(test_key_errors_and_reuse),
         TT_CASE(test_new_key_starts_null_in_existing_threads),
         TT_CASE(test_cleanup_handlers_pop_and_exit_lifo),
         TT_CASE(test_cleanup_handlers_before_destructors), TT_CASE(test_cleanup_in_plain_task));

#else

TT_SUITE_SKIPPED("posix_thread", "the POSIX adapter needs the task kernel");

#endif
