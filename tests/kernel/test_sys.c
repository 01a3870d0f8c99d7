/*
 * Kernel system API (contract §9, §40 items 10 and 15): the state left by
 * tos_knl_init/tos_knl_start, ISR bracketing and its nesting limit, the
 * scheduler lock and its errors, and what is refused from an ISR.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define PRIO_RUN ((k_prio_t)TT_RUNNER_PRIO)
#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO1 ((k_prio_t)(TT_RUNNER_PRIO + 1u))

#define TASK_MAX 2
#define STK_SIZE 1024u
#define IRQ_LINE 5u

/* More enters than the limit allows, to see the count saturate. */
#define IRQ_ENTER_EXCESS 300

#define ID(arg) ((int)(intptr_t)(arg))
#define ARG(id) ((void *)(intptr_t)(id))

static k_task_t tasks[TASK_MAX];
static k_stack_t stacks[TASK_MAX][STK_SIZE] __ALIGNED__(16);

static volatile int ran[TASK_MAX];
static void (*volatile isr_body)(void);
static volatile int isr_ran;
static volatile k_err_t isr_err[2];
static volatile k_nesting_t isr_nest[4];
static volatile int isr_saw_ran;

static void entry_mark(void *arg)
{
    ran[ID(arg)] = 1;
}

static void entry_suspend_then_mark(void *arg)
{
    (void)tos_task_suspend(K_NULL);
    ran[ID(arg)] = 1;
}

static k_err_t spawn(int id, k_prio_t prio, k_task_entry_t entry)
{
    return tos_task_create(&tasks[id], "sys", entry, ARG(id), prio, stacks[id], STK_SIZE, 0u);
}

/* The whole ISR is the body: it brackets (or deliberately mis-brackets) itself. */
static void isr_entry(void)
{
    isr_ran = 1;
    isr_body();
}

static void in_isr(void (*body)(void))
{
    isr_body = body;
    isr_ran = 0;
    tt_irq_raise(IRQ_LINE);
}

static void setup(void)
{
    static int connected;

    if (!connected) {
        tt_irq_connect(IRQ_LINE, isr_entry);
        connected = 1;
    }
    ran[0] = 0;
    ran[1] = 0;
    isr_err[0] = (k_err_t)-1;
    isr_err[1] = (k_err_t)-1;
    isr_saw_ran = -1;
}

/* ---- init / start ------------------------------------------------------------ */

static void test_kernel_is_running_after_start(void)
{
    TT_ASSERT_NE(tos_knl_is_running(), 0);
    TT_ASSERT_EQ(k_knl_state, KNL_STATE_RUNNING);
    TT_ASSERT_NOT_NULL(tos_task_curr_task_get());
    TT_ASSERT_PTR_EQ(tos_task_curr_task_get(), k_curr_task);
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_RUN);
    TT_ASSERT_EQ(k_irq_nest_cnt, 0u);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0u);
}

static void test_start_twice_returns_knl_running(void)
{
    TT_ASSERT_ERR(tos_knl_start(), K_ERR_KNL_RUNNING);
    TT_ASSERT_NE(tos_knl_is_running(), 0);
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_RUN);
    /* Scheduling still works. */
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_mark), K_ERR_NONE);
    TT_ASSERT_EQ(ran[0], 1);
}

static void test_init_created_idle_task(void)
{
    TT_ASSERT_EQ(K_TASK_PRIO_IDLE, TOS_CFG_TASK_PRIO_MAX - 1u);
    TT_ASSERT_STR_EQ(k_idle_task.name, "idle");
    TT_ASSERT_EQ(k_idle_task.prio, K_TASK_PRIO_IDLE);
    TT_ASSERT_EQ(k_idle_task.state, K_TASK_STATE_READY);
    TT_ASSERT_PTR_EQ(k_idle_task.stk_base, k_idle_task_stk_addr);
    TT_ASSERT_PTR_EQ(k_idle_task_stk_addr, &k_idle_task_stk[0]);
    TT_ASSERT_EQ(k_idle_task.stk_size, k_idle_task_stk_size);
    TT_ASSERT_EQ(k_idle_task_stk_size, TOS_CFG_IDLE_TASK_STK_SIZE);
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    /* Freeing dead tasks needs room: the default is raised to 512. */
    TT_ASSERT_GE(k_idle_task_stk_size, 512u);
#endif
    /* Idle is always ready: alone at its priority. */
    TT_ASSERT_PTR_EQ(
        TOS_LIST_FIRST_ENTRY(&k_rdyq.task_list_head[K_TASK_PRIO_IDLE], k_task_t, pend_list),
        &k_idle_task);
    TT_ASSERT(k_rdyq.task_list_head[K_TASK_PRIO_IDLE].next->next ==
              &k_rdyq.task_list_head[K_TASK_PRIO_IDLE]);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    /* §40.15: a second init would re-create idle; its creation is refused. */
    TT_ASSERT_ERR(tos_task_create(&k_idle_task, "idle", entry_mark, K_NULL, K_TASK_PRIO_IDLE,
                                  k_idle_task_stk_addr, k_idle_task_stk_size, 0u),
                  K_ERR_TASK_ALREADY_CREATED);
#endif
}

static void test_init_set_clock_globals(void)
{
    TT_ASSERT_EQ(k_cpu_tick_per_second, TOS_CFG_CPU_TICK_PER_SECOND);
    TT_ASSERT_EQ(k_cpu_cycle_per_tick, TOS_CFG_CPU_CLOCK / TOS_CFG_CPU_TICK_PER_SECOND);
}

/*
 * Before tos_knl_start() (simulated by flipping k_knl_state with interrupts
 * masked, so nothing can run meanwhile): the lock refuses, enter/leave and
 * the tick handler do nothing, there is no current task.
 */
static void test_not_running_state(void)
{
    k_tick_t tick = k_tick_count;
    int running;
    k_task_t *curr;
    k_err_t lock_err;
    k_err_t unlock_err;
    k_nesting_t nest_after_enter;
    k_nesting_t lock_nest;
    k_tick_t tick_after;
    k_err_t delay_err;
    k_list_t *head_after_yield;
    TOS_CPU_CPSR_ALLOC();

    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_mark), K_ERR_NONE);

    TOS_CPU_INT_DISABLE();
    k_knl_state = KNL_STATE_STOPPED;
    running = tos_knl_is_running();
    curr = tos_task_curr_task_get();
    lock_err = tos_knl_sched_lock();
    unlock_err = tos_knl_sched_unlock();
    lock_nest = k_sched_lock_nest_cnt;
    tos_knl_irq_enter();
    nest_after_enter = k_irq_nest_cnt;
    tos_knl_irq_leave();
    tos_tick_handler();
    tick_after = k_tick_count;
    /* §40.8: yield and delay are guarded instead of using a missing current task. */
    tos_task_yield();
    head_after_yield = k_rdyq.task_list_head[PRIO_RUN].next;
    delay_err = tos_task_delay(5u);
    k_knl_state = KNL_STATE_RUNNING;
    TOS_CPU_INT_ENABLE();

    TT_ASSERT_EQ(running, 0);
    TT_ASSERT_NULL(curr);
    TT_ASSERT_ERR(lock_err, K_ERR_KNL_NOT_RUNNING);
    TT_ASSERT_ERR(unlock_err, K_ERR_KNL_NOT_RUNNING);
    TT_ASSERT_EQ(lock_nest, 0u);
    TT_ASSERT_EQ(nest_after_enter, 0u);
    TT_ASSERT_EQ(tick_after, tick);
    TT_ASSERT_EQ(k_irq_nest_cnt, 0u);
    TT_ASSERT_PTR_EQ(head_after_yield, &k_curr_task->pend_list);
    TT_ASSERT_ERR(delay_err, K_ERR_KNL_NOT_RUNNING);
    TT_ASSERT_EQ(k_curr_task->state, K_TASK_STATE_READY);
    TT_ASSERT_EQ(tos_systick_get(), tick);
    TT_ASSERT_EQ(ran[0], 0);
}

/* ---- irq enter / leave -------------------------------------------------------- */

static void isr_count(void)
{
    isr_nest[0] = k_irq_nest_cnt;
    tos_knl_irq_enter();
    isr_nest[1] = k_irq_nest_cnt;
    isr_err[0] = tos_knl_sched_lock();
    tos_knl_irq_leave();
    isr_nest[2] = k_irq_nest_cnt;
}

static void test_irq_enter_leave_count_isr_context(void)
{
    in_isr(isr_count);
    TT_ASSERT_EQ(isr_ran, 1);
    TT_ASSERT_EQ(isr_nest[0], 0u);
    TT_ASSERT_EQ(isr_nest[1], 1u);
    TT_ASSERT_EQ(isr_nest[2], 0u);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0u);
}

/* An ISR without enter/leave is indistinguishable from task context. */
static void isr_unbracketed(void)
{
    isr_nest[0] = k_irq_nest_cnt;
}

static void test_unbracketed_isr_is_not_in_irq(void)
{
    in_isr(isr_unbracketed);
    TT_ASSERT_EQ(isr_ran, 1);
    TT_ASSERT_EQ(isr_nest[0], 0u);
}

/* Nested ISRs: the switch they request happens only after the outermost leave. */
static void isr_nested_resume(void)
{
    tos_knl_irq_enter();
    tos_knl_irq_enter();
    isr_nest[0] = k_irq_nest_cnt;
    isr_err[0] = tos_task_resume(&tasks[0]);
    tos_knl_irq_leave();
    isr_nest[1] = k_irq_nest_cnt;
    isr_saw_ran = ran[0];
    tos_knl_irq_leave();
    isr_nest[2] = k_irq_nest_cnt;
}

static void test_isr_switch_happens_after_outermost_leave(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_suspend_then_mark), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    in_isr(isr_nested_resume);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(isr_nest[0], 2u);
    TT_ASSERT_EQ(isr_nest[1], 1u);
    TT_ASSERT_EQ(isr_nest[2], 0u);
    TT_ASSERT_EQ(isr_saw_ran, 0);
    TT_ASSERT_EQ(ran[0], 1);
}

/* §40.10: enter beyond 250 levels is ignored; leave never goes below 0. */
static void isr_enter_beyond_limit(void)
{
    int i;

    for (i = 0; i < IRQ_ENTER_EXCESS; ++i) {
        tos_knl_irq_enter();
    }
    isr_nest[0] = k_irq_nest_cnt;
    for (i = 0; i < (int)K_NESTING_LIMIT_IRQ - 1; ++i) {
        tos_knl_irq_leave();
    }
    isr_nest[1] = k_irq_nest_cnt;
    for (i = 0; i < IRQ_ENTER_EXCESS; ++i) {
        tos_knl_irq_leave();
    }
    isr_nest[2] = k_irq_nest_cnt;
}

static void test_irq_nesting_saturates_at_limit(void)
{
    TT_ASSERT_EQ(K_NESTING_LIMIT_IRQ, 250u);
    in_isr(isr_enter_beyond_limit);
    TT_ASSERT_EQ(isr_nest[0], K_NESTING_LIMIT_IRQ);
    TT_ASSERT_EQ(isr_nest[1], 1u);
    TT_ASSERT_EQ(isr_nest[2], 0u);
    TT_ASSERT_EQ(k_irq_nest_cnt, 0u);
    /* Back in task context for the kernel too. */
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
}

static void isr_resume_task0(void)
{
    tos_knl_irq_enter();
    isr_err[0] = tos_task_resume(&tasks[0]);
    isr_saw_ran = ran[0];
    tos_knl_irq_leave();
}

static void test_isr_wake_of_higher_prio_task_switches_at_exit(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_suspend_then_mark), K_ERR_NONE);
    in_isr(isr_resume_task0);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(isr_saw_ran, 0);
    TT_ASSERT_EQ(ran[0], 1);
}

static void test_isr_wake_with_sched_locked_switches_at_unlock(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_suspend_then_mark), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    /* Interrupts stay enabled while the scheduler is locked. */
    in_isr(isr_resume_task0);
    TT_ASSERT_EQ(isr_ran, 1);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(ran[0], 0);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_READY);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(ran[0], 1);
}

/*
 * The ISR readies a more urgent task and suspends it again before it
 * leaves: the switch requested by the resume must not take it anywhere.
 */
static void isr_resume_then_suspend_task0(void)
{
    tos_knl_irq_enter();
    isr_err[0] = tos_task_resume(&tasks[0]);
    isr_err[1] = tos_task_suspend(&tasks[0]);
    tos_knl_irq_leave();
}

static void test_isr_readiness_undone_before_leave_does_not_switch(void)
{
    k_task_t *self = tos_task_curr_task_get();

    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_suspend_then_mark), K_ERR_NONE);
    in_isr(isr_resume_then_suspend_task0);
    TT_ASSERT_EQ(isr_ran, 1);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[1], K_ERR_NONE);
    TT_ASSERT_EQ(ran[0], 0);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_PTR_EQ(tos_task_curr_task_get(), self);
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(ran[0], 1);
}

/* ---- scheduler lock ------------------------------------------------------------- */

static void test_sched_lock_nests_and_unlock_without_lock_fails(void)
{
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_SCHED_NOT_LOCKED);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0u);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 1u);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 2u);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 1u);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0u);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_SCHED_NOT_LOCKED);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0u);
}

static void test_sched_lock_nesting_overflow(void)
{
    int i;
    k_err_t err = K_ERR_NONE;

    TT_ASSERT_EQ(K_NESTING_LIMIT_SCHED_LOCK, 250u);
    for (i = 0; i < (int)K_NESTING_LIMIT_SCHED_LOCK && err == K_ERR_NONE; ++i) {
        err = tos_knl_sched_lock();
    }
    TT_ASSERT_ERR(err, K_ERR_NONE);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, K_NESTING_LIMIT_SCHED_LOCK);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_LOCK_NESTING_OVERFLOW);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, K_NESTING_LIMIT_SCHED_LOCK);

    for (i = 0; i < (int)K_NESTING_LIMIT_SCHED_LOCK && err == K_ERR_NONE; ++i) {
        err = tos_knl_sched_unlock();
    }
    TT_ASSERT_ERR(err, K_ERR_NONE);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0u);
}

static void test_sched_lock_defers_preemption_until_fully_unlocked(void)
{
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_mark), K_ERR_NONE);
    TT_ASSERT_EQ(ran[0], 0);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_READY);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(ran[0], 0);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(ran[0], 1);
}

static void test_sched_lock_keeps_yield_from_switching(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_mark), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    tos_task_yield();
    TT_ASSERT_EQ(ran[0], 0);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    /* Yield put the runner behind its peer: the unlock lets the peer run. */
    TT_ASSERT_EQ(ran[0], 1);
}

static void isr_lock_unlock(void)
{
    tos_knl_irq_enter();
    isr_err[0] = tos_knl_sched_lock();
    isr_err[1] = tos_knl_sched_unlock();
    isr_nest[0] = k_sched_lock_nest_cnt;
    tos_knl_irq_leave();
}

static void test_sched_lock_unlock_in_isr_return_in_irq(void)
{
    in_isr(isr_lock_unlock);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);
    TT_ASSERT_EQ(isr_nest[0], 0u);

    /* A lock held by the interrupted task cannot be undone from the ISR. */
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    in_isr(isr_lock_unlock);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);
    TT_ASSERT_EQ(isr_nest[0], 1u);
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 1u);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
}

static void test_blocking_calls_refused_while_locked(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_mark), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(5u), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_task_suspend(K_NULL), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_task_destroy(K_NULL), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_sleep_ms(5u), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0);
    TT_ASSERT_EQ(ran[1], 0);
    TT_ASSERT_EQ(k_curr_task->state, K_TASK_STATE_READY);
}

#if TOS_CFG_SEM_EN > 0u
static void test_pend_while_locked_follows_pend_algorithm(void)
{
    static k_sem_t sem;

    TT_ASSERT_ERR(tos_sem_create(&sem, 1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    /* Available: taken even while locked. */
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_FOREVER), K_ERR_NONE);
    /* NOWAIT is decided before the lock. */
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_NOWAIT), K_ERR_PEND_NOWAIT);
    TT_ASSERT_ERR(tos_sem_pend(&sem, 10u), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_sem_pend(&sem, TOS_TIME_FOREVER), K_ERR_PEND_SCHED_LOCKED);
    TT_ASSERT(tos_list_empty(&sem.pend_obj.list));
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_destroy(&sem), K_ERR_NONE);
}
#endif

/* Idle keeps the system alive: with every task asleep, time moves on. */
static void test_idle_runs_when_everything_sleeps(void)
{
    k_tick_t t0 = tos_systick_get();

    TT_ASSERT_ERR(tos_task_delay(100000u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), t0 + 100000u);
}

/* A waiter woken with no recorded reason must not look successful (contract §7.4). */
static void test_pend_reason_mapping(void)
{
    TT_ASSERT_ERR(pend_state2errno(PEND_STATE_NONE), K_ERR_PEND_ABNORMAL);
    TT_ASSERT_ERR(pend_state2errno(PEND_STATE_POST), K_ERR_NONE);
    TT_ASSERT_ERR(pend_state2errno(PEND_STATE_TIMEOUT), K_ERR_PEND_TIMEOUT);
    TT_ASSERT_ERR(pend_state2errno(PEND_STATE_DESTROY), K_ERR_PEND_DESTROY);
    TT_ASSERT_ERR(pend_state2errno(PEND_STATE_OWNER_DIE), K_ERR_PEND_OWNER_DIE);
}

TT_SUITE("sys", setup, NULL, TT_CASE(test_kernel_is_running_after_start),
         TT_CASE(test_start_twice_returns_knl_running), TT_CASE(test_init_created_idle_task),
         TT_CASE(test_init_set_clock_globals), TT_CASE(test_not_running_state),
         TT_CASE(test_irq_enter_leave_count_isr_context),
         TT_CASE(test_unbracketed_isr_is_not_in_irq),
         TT_CASE(test_isr_switch_happens_after_outermost_leave),
         TT_CASE(test_irq_nesting_saturates_at_limit),
         TT_CASE(test_isr_wake_of_higher_prio_task_switches_at_exit),
         TT_CASE(test_isr_readiness_undone_before_leave_does_not_switch),
         TT_CASE(test_isr_wake_with_sched_locked_switches_at_unlock),
         TT_CASE(test_sched_lock_nests_and_unlock_without_lock_fails),
         TT_CASE(test_sched_lock_nesting_overflow),
         TT_CASE(test_sched_lock_defers_preemption_until_fully_unlocked),
         TT_CASE(test_sched_lock_keeps_yield_from_switching),
         TT_CASE(test_sched_lock_unlock_in_isr_return_in_irq),
         TT_CASE(test_blocking_calls_refused_while_locked),
#if TOS_CFG_SEM_EN > 0u
         TT_CASE(test_pend_while_locked_follows_pend_algorithm),
#endif
         TT_CASE(test_idle_runs_when_everything_sleeps), TT_CASE(test_pend_reason_mapping));
