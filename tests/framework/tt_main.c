/*
 * tt: the kernel side of the framework. main() boots the board and the
 * kernel and hands the CPU to the runner task, which runs the suite of this
 * executable (tt_suite) and ends the program with its verdict.
 */
#include "tos_k.h"
#include "tern_board.h"
#include "tt.h"

#if (TT_RUNNER_PRIO < 2) || (TT_RUNNER_PRIO + 2 >= TOS_CFG_TASK_PRIO_MAX - 1)
#error "TT_RUNNER_PRIO leaves no room for helper tasks at +-2 above the idle task"
#endif

/* Tasks left alive by a case are destroyed in batches of this many. */
#define TT_CLEANUP_BATCH 16u

static k_task_t tt_runner_task;
static k_stack_t tt_runner_stk[TT_RUNNER_STK_SIZE] __ALIGNED__(16);

/* Tasks that outlive every case: the runner and the kernel's own tasks. */
static int tt_task_is_permanent(const k_task_t *task)
{
#if (TOS_CFG_TIMER_EN > 0u) && (TOS_CFG_TIMER_AS_PROC == 0u)
    if (task == &k_timer_task) {
        return 1;
    }
#endif
    return task == &tt_runner_task || task == &k_idle_task;
}

/* Collects up to TT_CLEANUP_BATCH tasks to destroy, walking k_stat_list. */
static unsigned int tt_leftovers_collect(k_task_t **victims)
{
    unsigned int count = 0u;
    k_list_t *node;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH(node, &k_stat_list) {
        k_task_t *task = TOS_LIST_ENTRY(node, k_task_t, stat_list);

        if (count == TT_CLEANUP_BATCH) {
            break;
        }
        if (!tt_task_is_permanent(task)) {
            victims[count++] = task;
        }
    }
    TOS_CPU_INT_ENABLE();
    return count;
}

/*
 * After every case: no helper task and no scheduler lock survive into the
 * next one. The scheduler stays locked while tasks are destroyed, so a task
 * woken by a destruction (e.g. a mutex waiter) cannot run and change the
 * task list under the walk.
 */
static void tt_cleanup(void)
{
    k_task_t *victims[TT_CLEANUP_BATCH];
    k_nesting_t left_locked = k_sched_lock_nest_cnt;
    unsigned int count;
    unsigned int i;
    k_err_t err = K_ERR_NONE;

    (void)tos_knl_sched_lock();
    do {
        count = tt_leftovers_collect(victims);
        for (i = 0u; i < count && err == K_ERR_NONE; ++i) {
            err = tos_task_destroy(victims[i]);
            if (err != K_ERR_NONE) {
                printf("    cleanup: tos_task_destroy(\"%s\") returned %d\n", victims[i]->name,
                       (int)err);
                tt_fail_(__FILE__, __LINE__, "a task left by the case could not be destroyed");
            }
        }
    } while (count == TT_CLEANUP_BATCH && err == K_ERR_NONE);

    if (left_locked > 0u) {
        printf("    cleanup: the case left the scheduler locked (depth %u); unlocking\n",
               (unsigned int)left_locked);
    }
    while (k_sched_lock_nest_cnt > 0u && tos_knl_sched_unlock() == K_ERR_NONE) {
    }
}

#if TT_HW_TICK
/*
 * A hardware tick comes whenever its timer says: each case starts right
 * after one, with a whole tick period ahead of it, so where a tick falls in
 * a case does not depend on what earlier cases printed.
 */
static void tt_tick_align(void)
{
    (void)tos_task_delay(1u);
}
#endif

static void tt_runner(void *arg)
{
    (void)arg;
#if TT_HW_TICK
    tt_case_prologue = tt_tick_align;
#endif
    tern_board_exit(tt_run(&tt_suite, tt_cleanup));
}

int main(void)
{
    k_err_t err;

    tern_board_init();
    err = tos_knl_init();
    if (err == K_ERR_NONE) {
        err = tos_task_create(&tt_runner_task, "tt_runner", tt_runner, K_NULL,
                              (k_prio_t)TT_RUNNER_PRIO, tt_runner_stk, sizeof(tt_runner_stk), 0u);
    }
    if (err == K_ERR_NONE) {
        err = tos_knl_start(); /* returns only if the kernel could not start */
    }
    printf("tt: the kernel did not start (error %d)\n", (int)err);
    fflush(stdout);
    tern_board_exit(1);
}
