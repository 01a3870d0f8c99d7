/*
 * Scheduling rules (contract §7.5 ready-queue placement, §7.6 preemption,
 * §40.3 the "head" rule for wake-ups at another priority).
 *
 * Who runs next is observed through a log that helper tasks append their
 * id to; where useful the ready lists of k_rdyq are inspected directly.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define PRIO_RUN ((k_prio_t)TT_RUNNER_PRIO)
#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO1 ((k_prio_t)(TT_RUNNER_PRIO + 1u))
#define PRIO_LO2 ((k_prio_t)(TT_RUNNER_PRIO + 2u))

/* Enough for two tasks at every priority. */
#define TASK_MAX (2 * (int)TOS_CFG_TASK_PRIO_MAX)
#define STK_SIZE 512u
#define LOG_MAX  (TASK_MAX + 16)
#define IRQ_LINE 4u

/* Ids logged by a task after it was resumed or after it yielded. */
#define AGAIN(id) ((id) + 100)

#define ID(arg) ((int)(intptr_t)(arg))
#define ARG(id) ((void *)(intptr_t)(id))

static k_task_t tasks[TASK_MAX];
static k_stack_t stacks[TASK_MAX][STK_SIZE] __ALIGNED__(16);
static k_tick_t delay_ticks[TASK_MAX];

static volatile int log_buf[LOG_MAX];
static volatile int log_len;
static volatile int wrong_curr; /* a task found k_curr_task was not itself */

static void (*volatile isr_body)(void);

static void log_put(int v)
{
    if (log_len < LOG_MAX) {
        log_buf[log_len] = v;
    }
    ++log_len;
}

/* True if the log holds exactly the n values given; prints it otherwise. */
static int log_is(int n, ...)
{
    va_list ap;
    int i;
    int ok = (log_len == n);

    va_start(ap, n);
    for (i = 0; i < n; ++i) {
        int want = va_arg(ap, int);
        if (ok && log_buf[i] != want) {
            ok = 0;
        }
    }
    va_end(ap);
    if (!ok) {
        printf("    log (%d entries):", (int)log_len);
        for (i = 0; i < log_len && i < LOG_MAX; ++i) {
            printf(" %d", log_buf[i]);
        }
        printf("\n");
    }
    return ok;
}

static k_tick_t now(void)
{
    return tos_systick_get();
}

static void note_self(int id)
{
    if (k_curr_task != &tasks[id] || tos_task_curr_task_get() != &tasks[id]) {
        wrong_curr = 1;
    }
}

static k_err_t spawn(int id, k_prio_t prio, k_task_entry_t entry)
{
    return tos_task_create(&tasks[id], "sched", entry, ARG(id), prio, stacks[id], STK_SIZE, 0u);
}

/* Position of task in its priority's ready list, or -1. */
static int ready_index(const k_task_t *task)
{
    k_list_t *node;
    int i = 0;
    int at = -1;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH(node, &k_rdyq.task_list_head[task->prio]) {
        if (TOS_LIST_ENTRY(node, k_task_t, pend_list) == task) {
            at = i;
        }
        ++i;
    }
    TOS_CPU_INT_ENABLE();
    return at;
}

static int prio_bit_is_set(k_prio_t prio)
{
    return (k_rdyq.prio_mask[K_PRIO_NDX(prio)] & K_PRIO_BIT(prio)) != 0u;
}

static void isr_entry(void)
{
    tos_knl_irq_enter();
    isr_body();
    tos_knl_irq_leave();
}

static void in_isr(void (*body)(void))
{
    isr_body = body;
    tt_irq_raise(IRQ_LINE);
}

/* ---- helper task entries ------------------------------------------------- */

static void entry_log(void *arg)
{
    note_self(ID(arg));
    log_put(ID(arg));
}

static void entry_suspend_self(void *arg)
{
    int id = ID(arg);

    (void)tos_task_suspend(K_NULL);
    note_self(id);
    log_put(AGAIN(id));
}

static void entry_delay(void *arg)
{
    int id = ID(arg);

    (void)tos_task_delay(delay_ticks[id]);
    note_self(id);
    log_put(id);
}

static void entry_log_yield_log(void *arg)
{
    int id = ID(arg);

    log_put(id);
    tos_task_yield();
    note_self(id);
    log_put(AGAIN(id));
}

/* ---- setup / teardown ------------------------------------------------------ */

static void setup(void)
{
    static int connected;
    int i;

    if (!connected) {
        tt_irq_connect(IRQ_LINE, isr_entry);
        connected = 1;
    }
    log_len = 0;
    wrong_curr = 0;
    for (i = 0; i < TASK_MAX; ++i) {
        delay_ticks[i] = 0u;
    }
}

static void teardown(void)
{
    TT_ASSERT_EQ(wrong_curr, 0);
    if (k_curr_task->prio != PRIO_RUN) {
        (void)tos_task_prio_change(k_curr_task, PRIO_RUN);
    }
}

/* Suspends tasks first..first+n-1 (at prio) by letting them suspend themselves. */
static void spawn_suspended(int first, int n, k_prio_t prio)
{
    int i;

    for (i = first; i < first + n; ++i) {
        TT_ASSERT_ERR(spawn(i, prio, entry_suspend_self), K_ERR_NONE);
    }
    if (prio >= PRIO_RUN) {
        TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    }
    for (i = first; i < first + n; ++i) {
        TT_ASSERT_EQ(tasks[i].state, K_TASK_STATE_SUSPENDED);
    }
}

/* ---- creation -------------------------------------------------------------- */

static void test_created_tasks_queue_at_tail_in_creation_order(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 0);
    TT_ASSERT_EQ(ready_index(&tasks[1]), 1);
    TT_ASSERT_EQ(ready_index(&tasks[2]), 2);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, 0, 1, 2));
}

static void test_create_preempts_only_for_strictly_higher_prio(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_RUN, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(spawn(2, PRIO_HI1, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(1, 2));
    /* The equal-priority one needs the runner to step aside... */
    tos_task_yield();
    TT_ASSERT(log_is(2, 2, 1));
    /* ...the less urgent one needs it to block. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, 2, 1, 0));
}

/* ---- yield ----------------------------------------------------------------- */

static void test_yield_moves_current_task_to_tail(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_log_yield_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_RUN, entry_log_yield_log), K_ERR_NONE);
    TT_ASSERT_EQ(ready_index(k_curr_task), 0);

    /* [runner, 0, 1] -> [0, 1, runner]; each of them yields in turn. */
    tos_task_yield();
    TT_ASSERT(log_is(2, 0, 1));
    TT_ASSERT_EQ(ready_index(k_curr_task), 0);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 1);
    TT_ASSERT_EQ(ready_index(&tasks[1]), 2);

    tos_task_yield();
    TT_ASSERT(log_is(4, 0, 1, AGAIN(0), AGAIN(1)));
}

/* ---- wake-ups: the head/tail rule ------------------------------------------ */

/* Woken together by one tick while idle runs: last woken runs first. */
static void test_delay_expiry_at_other_prio_goes_to_head(void)
{
    k_tick_t t0 = now();
    int i;

    for (i = 0; i < 3; ++i) {
        delay_ticks[i] = 10u;
        TT_ASSERT_ERR(spawn(i, PRIO_LO1, entry_delay), K_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_task_delay(20u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 20u);
    TT_ASSERT(log_is(3, 2, 1, 0));
}

/* Woken by a tick while the runner (same priority) computes: tail, no preemption. */
static void test_delay_expiry_at_current_prio_goes_to_tail(void)
{
    delay_ticks[0] = 5u;
    delay_ticks[1] = 5u;
    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_RUN, entry_delay), K_ERR_NONE);
    tos_task_yield();
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);
    TT_ASSERT_EQ(tasks[1].state, K_TASK_STATE_SLEEP);

    tt_busy((uint32_t)(k_cpu_cycle_per_tick * 10u));
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(ready_index(k_curr_task), 0);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 1);
    TT_ASSERT_EQ(ready_index(&tasks[1]), 2);
    tos_task_yield();
    TT_ASSERT(log_is(2, 0, 1));
}

/* A more urgent sleeper preempts the computing runner on its exact tick. */
static void test_delay_expiry_at_higher_prio_preempts_on_its_tick(void)
{
    static volatile k_tick_t woke_at;
    k_tick_t t0 = now();

    delay_ticks[0] = 7u;
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    delay_ticks[1] = 2u;
    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_delay), K_ERR_NONE);
    /* Lets the less urgent one start its delay (at t0); we are back at t0 + 1. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[1].state, K_TASK_STATE_SLEEP);
    woke_at = 0u;

    /* Burn one tick at a time so we see when the runner got the CPU back. */
    while (log_len == 0) {
        tt_busy((uint32_t)k_cpu_cycle_per_tick);
    }
    woke_at = now();
    TT_ASSERT_EQ(woke_at, t0 + 7u);
    /* Only the more urgent one ran; the less urgent one was woken at t0+2 but waits. */
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(tasks[1].state, K_TASK_STATE_READY);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(2, 0, 1));
}

static void isr_resume_0_1_2(void)
{
    (void)tos_task_resume(&tasks[0]);
    (void)tos_task_resume(&tasks[1]);
    (void)tos_task_resume(&tasks[2]);
}

/* §40.3: resumed together at another priority, they run in reverse order. */
static void test_isr_resume_at_lower_prio_runs_last_woken_first(void)
{
    spawn_suspended(0, 3, PRIO_LO1);
    in_isr(isr_resume_0_1_2);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(ready_index(&tasks[2]), 0);
    TT_ASSERT_EQ(ready_index(&tasks[1]), 1);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 2);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, AGAIN(2), AGAIN(1), AGAIN(0)));
}

static void test_isr_resume_at_higher_prio_runs_last_woken_first(void)
{
    spawn_suspended(0, 3, PRIO_HI1);
    in_isr(isr_resume_0_1_2);
    TT_ASSERT(log_is(3, AGAIN(2), AGAIN(1), AGAIN(0)));
}

static void test_task_resume_at_other_prio_goes_to_head(void)
{
    spawn_suspended(0, 3, PRIO_LO1);
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_resume(&tasks[1]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_resume(&tasks[2]), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, AGAIN(2), AGAIN(1), AGAIN(0)));
}

/* At the runner's own priority: tail, FIFO in resume order, no preemption. */
static void test_task_resume_at_current_prio_goes_to_tail(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_suspend_self), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_RUN, entry_suspend_self), K_ERR_NONE);
    tos_task_yield();
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_EQ(tasks[1].state, K_TASK_STATE_SUSPENDED);

    TT_ASSERT_ERR(tos_task_resume(&tasks[1]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(ready_index(k_curr_task), 0);
    TT_ASSERT_EQ(ready_index(&tasks[1]), 1);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 2);
    tos_task_yield();
    TT_ASSERT(log_is(2, AGAIN(1), AGAIN(0)));
}

static void test_delay_abort_at_other_prio_goes_to_head(void)
{
    delay_ticks[0] = 1000u;
    delay_ticks[1] = 1000u;
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);

    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[1]), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(2, 1, 0));
}

static void test_delay_abort_at_current_prio_goes_to_tail(void)
{
    delay_ticks[0] = 1000u;
    delay_ticks[1] = 1000u;
    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_RUN, entry_delay), K_ERR_NONE);
    tos_task_yield();

    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[1]), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    tos_task_yield();
    TT_ASSERT(log_is(2, 0, 1));
}

#if TOS_CFG_SEM_EN > 0u
static k_sem_t sem;

static void entry_sem_pend(void *arg)
{
    int id = ID(arg);

    if (tos_sem_pend(&sem, TOS_TIME_FOREVER) == K_ERR_NONE) {
        note_self(id);
        log_put(id);
    }
}

/* §40.3: post_all wakes in wait-list order; the head rule reverses them. */
static void test_post_all_waiters_run_in_reverse_wait_order(void)
{
    int i;

    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    for (i = 0; i < 3; ++i) {
        TT_ASSERT_ERR(spawn(i, PRIO_LO1, entry_sem_pend), K_ERR_NONE);
    }
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post_all(&sem), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, 2, 1, 0));
}

/* Waiters more urgent than the poster run at once, in the same reversed order. */
static void test_post_all_higher_prio_waiters_preempt_poster(void)
{
    int i;

    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    for (i = 0; i < 3; ++i) {
        TT_ASSERT_ERR(spawn(i, PRIO_HI1, entry_sem_pend), K_ERR_NONE);
    }
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_sem_post_all(&sem), K_ERR_NONE);
    TT_ASSERT(log_is(3, 2, 1, 0));
}

/* One post at a time: priority first, then FIFO among equals. */
static void test_post_wakes_highest_prio_then_longest_waiting(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(0, PRIO_LO2, entry_sem_pend), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_sem_pend), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, PRIO_LO1, entry_sem_pend), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);

    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 1));
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(2, 1, 2));
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, 1, 2, 0));
}
#endif

/* ---- priority changes ------------------------------------------------------ */

static void test_prio_change_of_current_task_goes_to_head(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_log), K_ERR_NONE);

    /* Joins the less urgent list at its head: it keeps running. */
    TT_ASSERT_ERR(tos_task_prio_change(k_curr_task, PRIO_LO1), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(ready_index(k_curr_task), 0);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 1);
    TT_ASSERT_EQ(ready_index(&tasks[1]), 2);
    TT_ASSERT(tos_list_empty(&k_rdyq.task_list_head[PRIO_RUN]));
    TT_ASSERT(!prio_bit_is_set(PRIO_RUN));

    tos_task_yield();
    TT_ASSERT(log_is(2, 0, 1));
    TT_ASSERT_ERR(tos_task_prio_change(k_curr_task, PRIO_RUN), K_ERR_NONE);
    TT_ASSERT(prio_bit_is_set(PRIO_RUN));
}

static void test_prio_change_of_other_ready_task_goes_to_tail(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO2, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_LO1), K_ERR_NONE);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 2);
    TT_ASSERT(tos_list_empty(&k_rdyq.task_list_head[PRIO_LO2]));
    TT_ASSERT(!prio_bit_is_set(PRIO_LO2));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, 1, 2, 0));
}

static void test_prio_change_to_runner_prio_does_not_preempt(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_RUN), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(ready_index(&tasks[0]), 1);
    tos_task_yield();
    TT_ASSERT(log_is(1, 0));
}

/* ---- the ready bitmap with many tasks at many priorities -------------------- */

/* Every bit agrees with its list, and highest_prio is the first set bit. */
static int rdyq_is_consistent(void)
{
    k_prio_t prio;
    k_prio_t first = K_TASK_PRIO_INVALID;
    int ok = 1;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    for (prio = 0u; prio < TOS_CFG_TASK_PRIO_MAX; ++prio) {
        int nonempty = !tos_list_empty(&k_rdyq.task_list_head[prio]);

        if (nonempty != prio_bit_is_set(prio)) {
            ok = 0;
        }
        if (nonempty && first == K_TASK_PRIO_INVALID) {
            first = prio;
        }
    }
    if (k_rdyq.highest_prio != first) {
        ok = 0;
    }
    TOS_CPU_INT_ENABLE();
    return ok;
}

/* Two tasks per priority; they log prio * 2 + (0 | 1). */
static void entry_log_prio(void *arg)
{
    int id = ID(arg);

    note_self(id);
    log_put((int)k_curr_task->prio * 2 + (id & 1));
}

static int many_expected(int first_prio, int end_prio, int at)
{
    int prio;
    int k;

    for (prio = first_prio; prio < end_prio; ++prio) {
        if ((k_prio_t)prio == PRIO_RUN) {
            continue;
        }
        for (k = 0; k < 2; ++k) {
            if (at == 0) {
                return prio * 2 + k;
            }
            --at;
        }
    }
    return -1;
}

static int log_matches_many(int from, int first_prio, int end_prio)
{
    int i;

    for (i = from; i < log_len; ++i) {
        if (log_buf[i] != many_expected(first_prio, end_prio, i - from)) {
            printf("    entry %d is %d\n", i, log_buf[i]);
            return 0;
        }
    }
    return many_expected(first_prio, end_prio, log_len - from) == -1;
}

static void test_many_tasks_run_by_priority_then_fifo(void)
{
    int prio;
    int id = 0;
    int above;

    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    for (prio = 0; prio < (int)K_TASK_PRIO_IDLE; ++prio) {
        if ((k_prio_t)prio == PRIO_RUN) {
            continue;
        }
        /* id parity tells the two tasks of a priority apart. */
        TT_ASSERT_ERR(spawn(id, (k_prio_t)prio, entry_log_prio), K_ERR_NONE);
        TT_ASSERT_ERR(spawn(id + 1, (k_prio_t)prio, entry_log_prio), K_ERR_NONE);
        id += 2;
    }
    TT_ASSERT(rdyq_is_consistent());
    TT_ASSERT_EQ(k_rdyq.highest_prio, 0u);
    for (prio = 0; prio < (int)TOS_CFG_TASK_PRIO_MAX; ++prio) {
        TT_ASSERT(prio_bit_is_set((k_prio_t)prio));
    }
    TT_ASSERT(log_is(0));

    /* Unlocked: every more urgent task runs, strictly by priority, FIFO within. */
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    above = (int)PRIO_RUN * 2;
    TT_ASSERT_EQ(log_len, above);
    TT_ASSERT(log_matches_many(0, 0, (int)PRIO_RUN));
    TT_ASSERT(rdyq_is_consistent());
    TT_ASSERT_EQ(k_rdyq.highest_prio, PRIO_RUN);

    /* Blocked: the less urgent ones run, then idle. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
#if TT_HW_TICK
    /* A CPU may need more than one tick for them all (the runner wakes between). */
    for (above = 0; log_len < id && above < 100; ++above) {
        TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    }
    above = (int)PRIO_RUN * 2;
#endif
    TT_ASSERT_EQ(log_len, id);
    TT_ASSERT(log_matches_many(above, (int)PRIO_RUN + 1, (int)K_TASK_PRIO_IDLE));
    TT_ASSERT(rdyq_is_consistent());
    for (prio = 0; prio < (int)K_TASK_PRIO_IDLE; ++prio) {
        TT_ASSERT_EQ(prio_bit_is_set((k_prio_t)prio), (k_prio_t)prio == PRIO_RUN);
    }
    TT_ASSERT(prio_bit_is_set(K_TASK_PRIO_IDLE));
}

/* Lookup by bitmap: the lowest set bit wins wherever it is in the table. */
static void test_ready_bitmap_follows_single_task_across_all_priorities(void)
{
    k_prio_t prio;

    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(0, (k_prio_t)(K_TASK_PRIO_IDLE - 1u), entry_log), K_ERR_NONE);
    for (prio = (k_prio_t)(K_TASK_PRIO_IDLE - 1u); prio > 0u; --prio) {
        TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], (k_prio_t)(prio - 1u)), K_ERR_NONE);
        TT_ASSERT(prio_bit_is_set((k_prio_t)(prio - 1u)));
        TT_ASSERT(rdyq_is_consistent());
        if ((k_prio_t)(prio - 1u) < PRIO_RUN) {
            TT_ASSERT_EQ(k_rdyq.highest_prio, (k_prio_t)(prio - 1u));
        } else {
            TT_ASSERT_EQ(k_rdyq.highest_prio, PRIO_RUN);
        }
    }
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT(rdyq_is_consistent());
}

TT_SUITE("sched", setup, teardown, TT_CASE(test_created_tasks_queue_at_tail_in_creation_order),
         TT_CASE(test_create_preempts_only_for_strictly_higher_prio),
         TT_CASE(test_yield_moves_current_task_to_tail),
         TT_CASE(test_delay_expiry_at_other_prio_goes_to_head),
         TT_CASE(test_delay_expiry_at_current_prio_goes_to_tail),
         TT_CASE(test_delay_expiry_at_higher_prio_preempts_on_its_tick),
         TT_CASE(test_isr_resume_at_lower_prio_runs_last_woken_first),
         TT_CASE(test_isr_resume_at_higher_prio_runs_last_woken_first),
         TT_CASE(test_task_resume_at_other_prio_goes_to_head),
         TT_CASE(test_task_resume_at_current_prio_goes_to_tail),
         TT_CASE(test_delay_abort_at_other_prio_goes_to_head),
         TT_CASE(test_delay_abort_at_current_prio_goes_to_tail),
#if TOS_CFG_SEM_EN > 0u
         TT_CASE(test_post_all_waiters_run_in_reverse_wait_order),
         TT_CASE(test_post_all_higher_prio_waiters_preempt_poster),
         TT_CASE(test_post_wakes_highest_prio_then_longest_waiting),
#endif
         TT_CASE(test_prio_change_of_current_task_goes_to_head),
         TT_CASE(test_prio_change_of_other_ready_task_goes_to_tail),
         TT_CASE(test_prio_change_to_runner_prio_does_not_preempt),
         TT_CASE(test_many_tasks_run_by_priority_then_fifo),
         TT_CASE(test_ready_bitmap_follows_single_task_across_all_priorities));
