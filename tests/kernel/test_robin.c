/*
 * Round robin (contract §12, §40 item 13).
 *
 * Busy tasks at one priority (more urgent than the runner) spin with
 * tt_busy() in steps shorter than a tick and record every change of the
 * task holding the CPU, with the tick it happened on. The virtual clock
 * raises each tick at an exact point of that computation, so slices are
 * asserted to the tick, and the 10:20 ratio of the original suite is
 * exactly 2.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#if TOS_CFG_ROUND_ROBIN_EN > 0u

#define PRIO_SPIN ((k_prio_t)(TT_RUNNER_PRIO - 1u))

#define TASK_MAX   3
#define STK_SIZE   1024u
#define SWITCH_MAX 64

/* Spin steps per tick: a spinner looks at the clock several times a tick. */
#define SPIN_STEPS_PER_TICK 4u

#define ID(arg) ((int)(intptr_t)(arg))
#define ARG(id) ((void *)(intptr_t)(id))

typedef struct switch_st {
    int id;
    k_tick_t tick;
} switch_t;

static k_task_t tasks[TASK_MAX];
static k_stack_t stacks[TASK_MAX][STK_SIZE] __ALIGNED__(16);

static k_tick_t t0;                   /* tick the spinners start on */
static k_tick_t spin_end;             /* spinners stop at this tick */
static k_tick_t lock_until[TASK_MAX]; /* non-zero: hold the scheduler lock until then */
static k_tick_t block_at[TASK_MAX];   /* non-zero: go to sleep at this tick */

static switch_t switches[SWITCH_MAX];
static volatile int switch_count;
static volatile int last_owner;
static volatile k_tick_t ticks_seen[TASK_MAX];

static void record(int id, k_tick_t tick)
{
    if (last_owner != id) {
        if (switch_count < SWITCH_MAX) {
            switches[switch_count].id = id;
            switches[switch_count].tick = tick;
        }
        ++switch_count;
        last_owner = id;
    }
}

/*
 * Reads the tick and records the holder in one go: a switch that fell
 * between the two would log the tick read before it.
 */
static k_tick_t spin_now(int id)
{
    TOS_CPU_CPSR_ALLOC();
    k_tick_t t;

    TOS_CPU_INT_DISABLE();
    t = tos_systick_get();
    if (t < spin_end) {
        record(id, t);
    }
    TOS_CPU_INT_ENABLE();
    return t;
}

/* Spins until spin_end; counts each tick it saw while holding the CPU. */
static void entry_spin(void *arg)
{
    int id = ID(arg);
    k_tick_t last = TOS_TIME_FOREVER;
    k_tick_t t;
    int locked = 0;

    if (lock_until[id] != 0u) {
        locked = (tos_knl_sched_lock() == K_ERR_NONE);
    }
    for (t = spin_now(id); t < spin_end; t = spin_now(id)) {
        if (t != last) {
            ++ticks_seen[id];
            last = t;
        }
        if (locked && t >= lock_until[id]) {
            (void)tos_knl_sched_unlock();
            locked = 0;
        }
        if (block_at[id] != 0u && t >= block_at[id]) {
            (void)tos_task_delay(100000u);
        }
        tt_busy((uint32_t)(k_cpu_cycle_per_tick / SPIN_STEPS_PER_TICK));
    }
}

static k_err_t spawn(int id, k_timeslice_t timeslice)
{
    return tos_task_create(&tasks[id], "spin", entry_spin, ARG(id), PRIO_SPIN, stacks[id], STK_SIZE,
                           timeslice);
}

/*
 * Spinners are created between spin_prepare() and spin_start() with the
 * scheduler locked, so that the first one does not start alone; they run
 * from a tick boundary (t0) until t0 + ticks.
 */
static void spin_prepare(k_tick_t ticks)
{
    /* A delay returns right at a tick boundary. */
    (void)tos_task_delay(1u);
    t0 = tos_systick_get();
    spin_end = t0 + ticks;
    (void)tos_knl_sched_lock();
}

static void spin_start(void)
{
    (void)tos_knl_sched_unlock();
}

static void switches_print(void)
{
    int i;

    printf("    switches (%d):", (int)switch_count);
    for (i = 0; i < switch_count && i < SWITCH_MAX; ++i) {
        printf(" %d@%d", switches[i].id, (int)(switches[i].tick - t0));
    }
    printf("\n");
}

/* True if the switch log is exactly the n (id, tick - t0) pairs given. */
static int switches_are(int n, ...)
{
    va_list ap;
    int i;
    int ok = (switch_count == n);

    va_start(ap, n);
    for (i = 0; i < n; ++i) {
        int id = va_arg(ap, int);
        int offset = va_arg(ap, int);

        if (ok && (switches[i].id != id || switches[i].tick != t0 + (k_tick_t)offset)) {
            ok = 0;
        }
    }
    va_end(ap);
    if (!ok) {
        switches_print();
    }
    return ok;
}

/* The log alternates strictly between tasks 0 and 1 with the given slices. */
static int switches_alternate(int slice0, int slice1)
{
    int i;
    int at = 0;
    int ok = switch_count <= SWITCH_MAX;

    for (i = 0; ok && i < switch_count; ++i) {
        ok = switches[i].id == i % 2 && switches[i].tick == t0 + (k_tick_t)at;
        at += (i % 2 == 0) ? slice0 : slice1;
    }
    if (!ok) {
        switches_print();
    }
    return ok;
}

static void setup(void)
{
    int i;

    switch_count = 0;
    last_owner = -1;
    for (i = 0; i < TASK_MAX; ++i) {
        ticks_seen[i] = 0u;
        lock_until[i] = 0u;
        block_at[i] = 0u;
    }
}

static void teardown(void)
{
    tos_robin_default_timeslice_config(0u);
    tos_robin_timeslice_set(K_NULL, 0u);
}

/* ---- cases --------------------------------------------------------------------- */

static void test_default_timeslice_is_a_tenth_of_a_second(void)
{
    TT_ASSERT_EQ(k_robin_default_timeslice, TOS_CFG_CPU_TICK_PER_SECOND / 10u);
    TT_ASSERT_ERR(spawn(0, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].timeslice_reload, 0u);
    TT_ASSERT_EQ(tasks[0].timeslice, TOS_CFG_CPU_TICK_PER_SECOND / 10u);
}

static void test_equal_prio_tasks_rotate_after_exact_slices(void)
{
    spin_prepare(300u);
    TT_ASSERT_ERR(spawn(0, 10u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, 20u), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].timeslice_reload, 10u);
    TT_ASSERT_EQ(tasks[0].timeslice, 10u);
    TT_ASSERT_EQ(tasks[1].timeslice, 20u);
    spin_start();

    /* 0@0, 1@10, 0@30, 1@40, ... 0@270, 1@280; the run ends at 300. */
    TT_ASSERT_EQ(switch_count, 20);
    TT_ASSERT(switches_alternate(10, 20));
    TT_ASSERT_EQ(tos_systick_get(), t0 + 300u);
}

/* The original suite's measure: slices 10 and 20 share the CPU 1:2 exactly. */
static void test_slices_10_and_20_share_cpu_exactly_1_to_2(void)
{
    spin_prepare(600u);
    TT_ASSERT_ERR(spawn(0, 10u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, 20u), K_ERR_NONE);
    spin_start();

    TT_ASSERT_EQ(ticks_seen[0], 200u);
    TT_ASSERT_EQ(ticks_seen[1], 400u);
    TT_ASSERT_EQ(ticks_seen[1], 2u * ticks_seen[0]);
}

static void test_zero_slice_takes_default_at_creation_and_reload(void)
{
    tos_robin_default_timeslice_config(5u);
    TT_ASSERT_EQ(k_robin_default_timeslice, 5u);
    spin_prepare(45u);
    TT_ASSERT_ERR(spawn(0, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, 0u), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].timeslice, 5u);
    TT_ASSERT_EQ(tasks[1].timeslice, 5u);

    /* Reloads use the default of the moment: 8 from now on. */
    tos_robin_default_timeslice_config(8u);
    spin_start();
    TT_ASSERT(switches_are(6, 0, 0, 1, 5, 0, 13, 1, 21, 0, 29, 1, 37));

    /* 0 restores TOS_CFG_CPU_TICK_PER_SECOND / 10. */
    tos_robin_default_timeslice_config(0u);
    TT_ASSERT_EQ(k_robin_default_timeslice, TOS_CFG_CPU_TICK_PER_SECOND / 10u);
}

/* §40.13: tos_robin_timeslice_set raises the remaining slice, never lowers it. */
static void test_timeslice_set_never_lowers_remaining(void)
{
    spin_prepare(75u);
    TT_ASSERT_ERR(spawn(0, 30u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, 10u), K_ERR_NONE);

    tos_robin_timeslice_set(&tasks[0], 5u);
    TT_ASSERT_EQ(tasks[0].timeslice_reload, 5u);
    TT_ASSERT_EQ(tasks[0].timeslice, 30u);
    tos_robin_timeslice_set(&tasks[1], 15u);
    TT_ASSERT_EQ(tasks[1].timeslice_reload, 15u);
    TT_ASSERT_EQ(tasks[1].timeslice, 15u);

    spin_start();
    TT_ASSERT(switches_are(6, 0, 0, 1, 30, 0, 45, 1, 50, 0, 65, 1, 70));
}

static void test_timeslice_set_of_current_task_and_zero(void)
{
    k_timeslice_t remaining = k_curr_task->timeslice;

    tos_robin_timeslice_set(K_NULL, 1u);
    TT_ASSERT_EQ(k_curr_task->timeslice_reload, 1u);
    TT_ASSERT_EQ(k_curr_task->timeslice, remaining > 1u ? remaining : 1u);

    tos_robin_timeslice_set(K_NULL, remaining + 100u);
    TT_ASSERT_EQ(k_curr_task->timeslice_reload, remaining + 100u);
    TT_ASSERT_EQ(k_curr_task->timeslice, remaining + 100u);

    /* 0 means the current default. */
    tos_robin_default_timeslice_config(7u);
    tos_robin_timeslice_set(K_NULL, 0u);
    TT_ASSERT_EQ(k_curr_task->timeslice_reload, 7u);
    TT_ASSERT_EQ(k_curr_task->timeslice, remaining + 100u);
}

static void test_no_rotation_while_scheduler_locked(void)
{
    spin_prepare(60u);
    TT_ASSERT_ERR(spawn(0, 10u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, 10u), K_ERR_NONE);
    lock_until[0] = t0 + 25u;
    spin_start();

    /* Locked for 25 ticks without losing any slice; rotated 10 ticks after. */
    TT_ASSERT(switches_are(4, 0, 0, 1, 35, 0, 45, 1, 55));
    TT_ASSERT_EQ(k_sched_lock_nest_cnt, 0u);
}

static void test_single_task_at_prio_is_not_rotated(void)
{
    spin_prepare(30u);
    TT_ASSERT_ERR(spawn(0, 5u), K_ERR_NONE);
    spin_start();
    TT_ASSERT(switches_are(1, 0, 0));
    TT_ASSERT_EQ(ticks_seen[0], 30u);
    /* Alone at its priority: its slice is not even consumed. */
    TT_ASSERT_EQ(tasks[0].timeslice, 5u);
}

/* §40.13: a task that becomes head with no slice left is rotated on the next tick. */
static void test_head_with_empty_slice_rotated_on_next_tick(void)
{
    spin_prepare(60u);
    TT_ASSERT_ERR(spawn(0, 10u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, 10u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, 10u), K_ERR_NONE);
    block_at[2] = t0 + 22u;
    spin_start();

    TT_ASSERT(switches_are(8, 0, 0, 1, 10, 2, 20, 0, 22, 1, 23, 0, 33, 1, 43, 0, 53));
    TT_ASSERT_EQ(tasks[2].state, K_TASK_STATE_SLEEP);
}

/* Rotation only concerns the current task's priority: less urgent peers wait. */
static void test_rotation_does_not_help_lower_prio_peers(void)
{
    spin_prepare(40u);
    TT_ASSERT_ERR(spawn(0, 10u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&tasks[1], "low", entry_spin, ARG(1),
                                  (k_prio_t)(TT_RUNNER_PRIO + 1u), stacks[1], STK_SIZE, 10u),
                  K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_create(&tasks[2], "low", entry_spin, ARG(2),
                                  (k_prio_t)(TT_RUNNER_PRIO + 1u), stacks[2], STK_SIZE, 10u),
                  K_ERR_NONE);
    spin_start();
    /* Task 0 spins alone to the end; 1 and 2 only start once the runner blocks. */
    TT_ASSERT(switches_are(1, 0, 0));
    TT_ASSERT_EQ(ticks_seen[1], 0u);
    TT_ASSERT_EQ(ticks_seen[2], 0u);
    /* Their slices were not consumed and their order is unchanged. */
    TT_ASSERT_EQ(tasks[1].timeslice, 10u);
    TT_ASSERT_EQ(tasks[2].timeslice, 10u);
    TT_ASSERT_PTR_EQ(
        TOS_LIST_FIRST_ENTRY(&k_rdyq.task_list_head[TT_RUNNER_PRIO + 1u], k_task_t, pend_list),
        &tasks[1]);
}

TT_SUITE("robin", setup, teardown, TT_CASE(test_default_timeslice_is_a_tenth_of_a_second),
         TT_CASE(test_equal_prio_tasks_rotate_after_exact_slices),
         TT_CASE(test_slices_10_and_20_share_cpu_exactly_1_to_2),
         TT_CASE(test_zero_slice_takes_default_at_creation_and_reload),
         TT_CASE(test_timeslice_set_never_lowers_remaining),
         TT_CASE(test_timeslice_set_of_current_task_and_zero),
         TT_CASE(test_no_rotation_while_scheduler_locked),
         TT_CASE(test_single_task_at_prio_is_not_rotated),
         TT_CASE(test_head_with_empty_slice_rotated_on_next_tick),
         TT_CASE(test_rotation_does_not_help_lower_prio_peers));

#else

static void test_robin_not_configured(void)
{
    TT_SKIP("TOS_CFG_ROUND_ROBIN_EN is 0");
}

TT_SUITE("robin", NULL, NULL, TT_CASE(test_robin_not_configured));

#endif
