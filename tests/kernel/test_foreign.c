/*
 * Calls from a foreign OS thread (Tern extension, tos_cpu.h): on the host
 * simulator a program can call the kernel from a raw pthread that is not a
 * simulated task. Such calls must be refused with K_ERR_KNL_FOREIGN_CONTEXT
 * (or their failure value) and leave every piece of kernel state alone.
 *
 * Only the host port has foreign threads; elsewhere the suite is skipped.
 */
#include "tos_k.h"
#include "tt.h"

#if defined(TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK) && (TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK > 0u)

#include <pthread.h>

#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO1 ((k_prio_t)(TT_RUNNER_PRIO + 1u))

#define STK_SIZE 1024u

/* A value no kernel call returns: "not called". */
#define NOT_CALLED ((k_err_t)-1)

enum {
    F_CREATE,
    F_CREATE_DYN,
    F_DESTROY,
    F_DELAY,
    F_DELAY_ABORT,
    F_SUSPEND,
    F_RESUME,
    F_PRIO_CHANGE,
    F_SCHED_LOCK,
    F_SCHED_UNLOCK,
    F_SEM_CREATE_DYN,
    F_SEM_POST,
    F_SEM_PEND,
    F_COUNT
};

static k_task_t target;  /* ready, less urgent than the runner */
static k_task_t sleeper; /* in tos_task_delay() */
static k_task_t fresh;   /* what the foreign thread tries to create */
static k_stack_t target_stk[STK_SIZE] __ALIGNED__(16);
static k_stack_t sleeper_stk[STK_SIZE] __ALIGNED__(16);
static k_stack_t fresh_stk[STK_SIZE] __ALIGNED__(16);

static volatile int ran_target;
static volatile int ran_sleeper;
static volatile int ran_fresh;

static k_err_t results[F_COUNT];
static void *heap_result;
static void *calloc_result;

#if TOS_CFG_SEM_EN > 0u
static k_sem_t sem;
#endif

static void entry_target(void *arg)
{
    (void)arg;
    ran_target = 1;
}

static void entry_sleeper(void *arg)
{
    (void)arg;
    (void)tos_task_delay(1000u);
    ran_sleeper = 1;
}

static void entry_fresh(void *arg)
{
    (void)arg;
    ran_fresh = 1;
}

/* The kernel state a foreign call could disturb. */
typedef struct snapshot_st {
    k_nesting_t irq_nest;
    k_nesting_t lock_nest;
    k_tick_t tick;
    k_task_t *curr;
    int tasks;
    k_task_state_t target_state;
    k_prio_t target_prio;
    k_task_state_t sleeper_state;
    uint32_t prio_mask[K_PRIO_TBL_SIZE];
#if TOS_CFG_SEM_EN > 0u
    k_sem_cnt_t sem_count;
#endif
#if TOS_CFG_MMHEAP_EN > 0u
    uint32_t heap_used;
#endif
} snapshot_t;

static void snapshot_take(snapshot_t *s)
{
    k_list_t *node;
    TOS_CPU_CPSR_ALLOC();

    memset(s, 0, sizeof(*s));
    TOS_CPU_INT_DISABLE();
    s->irq_nest = k_irq_nest_cnt;
    s->lock_nest = k_sched_lock_nest_cnt;
    s->tick = k_tick_count;
    s->curr = k_curr_task;
    TOS_LIST_FOR_EACH(node, &k_stat_list) {
        ++s->tasks;
    }
    s->target_state = target.state;
    s->target_prio = target.prio;
    s->sleeper_state = sleeper.state;
    memcpy(s->prio_mask, k_rdyq.prio_mask, sizeof(s->prio_mask));
#if TOS_CFG_SEM_EN > 0u
    s->sem_count = sem.count;
#endif
    TOS_CPU_INT_ENABLE();
#if TOS_CFG_MMHEAP_EN > 0u
    {
        k_mmheap_info_t info;

        (void)tos_mmheap_check(&info);
        s->heap_used = info.used;
    }
#endif
}

/* Everything the foreign thread does; it holds no simulated CPU. */
static void *foreign_main(void *arg)
{
    (void)arg;
    results[F_CREATE] =
        tos_task_create(&fresh, "fresh", entry_fresh, K_NULL, PRIO_HI1, fresh_stk, STK_SIZE, 0u);
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    {
        k_task_t *dyn = K_NULL;

        results[F_CREATE_DYN] =
            tos_task_create_dyn(&dyn, "dyn", entry_fresh, K_NULL, PRIO_HI1, STK_SIZE, 0u);
    }
#endif
    results[F_DELAY] = tos_task_delay(10u);
    results[F_DELAY_ABORT] = tos_task_delay_abort(&sleeper);
    results[F_SUSPEND] = tos_task_suspend(&target);
    results[F_RESUME] = tos_task_resume(&target);
    results[F_PRIO_CHANGE] = tos_task_prio_change(&target, PRIO_HI1);
    results[F_SCHED_LOCK] = tos_knl_sched_lock();
    results[F_SCHED_UNLOCK] = tos_knl_sched_unlock();
    results[F_DESTROY] = tos_task_destroy(&target);
#if TOS_CFG_SEM_EN > 0u
    {
        k_sem_t *dyn_sem = K_NULL;

        results[F_SEM_CREATE_DYN] = tos_sem_create_dyn(&dyn_sem, 0u);
    }
    results[F_SEM_POST] = tos_sem_post(&sem);
    results[F_SEM_PEND] = tos_sem_pend(&sem, TOS_TIME_NOWAIT);
#endif
    heap_result = tos_mmheap_alloc(64u);
    calloc_result = tos_mmheap_calloc(4u, 16u);
    /* Void calls: they must simply do nothing. */
    tos_task_yield();
    tos_knl_irq_enter();
    tos_tick_handler();
    tos_systick_set(12345u);
    return K_NULL;
}

static void setup(void)
{
    int i;

    for (i = 0; i < F_COUNT; ++i) {
        results[i] = NOT_CALLED;
    }
    heap_result = &heap_result;
    calloc_result = &calloc_result;
    ran_target = 0;
    ran_sleeper = 0;
    ran_fresh = 0;
}

static void run_foreign_thread(void)
{
    pthread_t thread;

    TT_ASSERT_EQ(pthread_create(&thread, K_NULL, foreign_main, K_NULL), 0);
    TT_ASSERT_EQ(pthread_join(thread, K_NULL), 0);
}

static void expect_refused(int which)
{
    TT_ASSERT_ERR(results[which], K_ERR_KNL_FOREIGN_CONTEXT);
}

static void test_foreign_calls_refused_and_state_untouched(void)
{
    snapshot_t before;
    snapshot_t after;

    TT_ASSERT_ERR(tos_task_create(&target, "target", entry_target, K_NULL, PRIO_LO1, target_stk,
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&sleeper, "sleeper", entry_sleeper, K_NULL, PRIO_HI1, sleeper_stk,
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
#if TOS_CFG_SEM_EN > 0u
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
#endif
    snapshot_take(&before);

    run_foreign_thread();
    snapshot_take(&after);

    expect_refused(F_CREATE);
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    expect_refused(F_CREATE_DYN);
#endif
    expect_refused(F_DELAY);
    expect_refused(F_DELAY_ABORT);
    expect_refused(F_SUSPEND);
    expect_refused(F_RESUME);
    expect_refused(F_PRIO_CHANGE);
    expect_refused(F_SCHED_LOCK);
    expect_refused(F_SCHED_UNLOCK);
    expect_refused(F_DESTROY);
#if TOS_CFG_SEM_EN > 0u
    expect_refused(F_SEM_CREATE_DYN);
    expect_refused(F_SEM_POST);
    expect_refused(F_SEM_PEND);
    TT_ASSERT_EQ(after.sem_count, before.sem_count);
#endif
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_NULL(heap_result);
    TT_ASSERT_NULL(calloc_result);
    TT_ASSERT_EQ(after.heap_used, before.heap_used);
#else
    /* The C library's allocator is thread-safe: nothing to refuse there. */
    tos_mmheap_free(heap_result);
    tos_mmheap_free(calloc_result);
#endif

    TT_ASSERT_EQ(after.irq_nest, before.irq_nest);
    TT_ASSERT_EQ(after.lock_nest, before.lock_nest);
    TT_ASSERT_EQ(after.tick, before.tick);
    TT_ASSERT_PTR_EQ(after.curr, before.curr);
    TT_ASSERT_EQ(after.tasks, before.tasks);
    TT_ASSERT_EQ(after.target_state, K_TASK_STATE_READY);
    TT_ASSERT_EQ(after.target_prio, PRIO_LO1);
    TT_ASSERT_EQ(after.sleeper_state, K_TASK_STATE_SLEEP);
    TT_ASSERT_MEM_EQ(after.prio_mask, before.prio_mask, sizeof(before.prio_mask));
    TT_ASSERT_EQ(ran_fresh, 0);
    TT_ASSERT_EQ(ran_target, 0);
    TT_ASSERT_EQ(ran_sleeper, 0);

    /* The kernel carries on as if nothing happened. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_EQ(ran_target, 1);
    TT_ASSERT_EQ(tos_systick_get(), before.tick + 1u);
    TT_ASSERT_ERR(tos_task_delay_abort(&sleeper), K_ERR_NONE);
    TT_ASSERT_EQ(ran_sleeper, 1);
    /* The TCB the foreign thread tried to use was never touched. */
    TT_ASSERT_ERR(
        tos_task_create(&fresh, "fresh", entry_fresh, K_NULL, PRIO_HI1, fresh_stk, STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT_EQ(ran_fresh, 1);
}

/* While the scheduler is locked by a task, a foreign unlock cannot release it. */
static void *foreign_unlock_main(void *arg)
{
    (void)arg;
    results[F_SCHED_UNLOCK] = tos_knl_sched_unlock();
    results[F_RESUME] = tos_task_resume(&target);
    return K_NULL;
}

static void test_foreign_unlock_cannot_release_task_lock(void)
{
    pthread_t thread;

    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&target, "target", entry_target, K_NULL, PRIO_HI1, target_stk,
                                  STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&target), K_ERR_NONE);

    TT_ASSERT_EQ(pthread_create(&thread, K_NULL, foreign_unlock_main, K_NULL), 0);
    TT_ASSERT_EQ(pthread_join(thread, K_NULL), 0);
    expect_refused(F_SCHED_UNLOCK);
    expect_refused(F_RESUME);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 1u);
    TT_ASSERT_EQ(target.state, K_TASK_STATE_SUSPENDED);

    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(ran_target, 0);
    TT_ASSERT_ERR(tos_task_resume(&target), K_ERR_NONE);
    TT_ASSERT_EQ(ran_target, 1);
}

TT_SUITE("foreign", setup, NULL, TT_CASE(test_foreign_calls_refused_and_state_untouched),
         TT_CASE(test_foreign_unlock_cannot_release_task_lock));

#else

static void test_foreign_threads_not_possible(void)
{
    TT_SKIP("this port has no foreign threads (TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK is 0)");
}

TT_SUITE("foreign", NULL, NULL, TT_CASE(test_foreign_threads_not_possible));

#endif
