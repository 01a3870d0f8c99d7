/*
 * Task management (contract §10, §40 items 1, 2, 5, 6, 9).
 *
 * Helper tasks log their id (and sometimes an error code or a tick) so that
 * every case can assert who ran, in which order and when. Time is the
 * simulator's virtual clock: tick counts are exact.
 */
#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

/* The host simulator is a POSIX process: stdout can be captured there. */
#if defined(TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK) && (TOS_CFG_CPU_FOREIGN_CONTEXT_CHECK > 0u) && \
    (TOS_CFG_LIBC_PRINTF_EN > 0u)
#define INFO_CAPTURE 1
#include <unistd.h>
#else
#define INFO_CAPTURE 0
#endif

#define PRIO_RUN ((k_prio_t)TT_RUNNER_PRIO)
#define PRIO_HI1 ((k_prio_t)(TT_RUNNER_PRIO - 1u))
#define PRIO_LO1 ((k_prio_t)(TT_RUNNER_PRIO + 1u))
#define PRIO_LO2 ((k_prio_t)(TT_RUNNER_PRIO + 2u))

#define TASK_MAX 4
#define STK_SIZE 1024u
#define LOG_MAX  16
#define IRQ_LINE 3u

/* Offset of a byte marked in a stack buffer, well inside the 0xCC fill. */
#define STK_MARK_OFFSET 100u

#define ID(arg) ((int)(intptr_t)(arg))
#define ARG(id) ((void *)(intptr_t)(id))

static k_task_t tasks[TASK_MAX];
/* Aligned so that the aligned top of each stack is its end (exact depths). */
static k_stack_t stacks[TASK_MAX][STK_SIZE] __ALIGNED__(64);
static char *const names[TASK_MAX] = {"t0", "t1", "t2", "t3"};

/* What helper tasks report. */
static volatile int log_buf[LOG_MAX];
static volatile int log_len;
static volatile k_err_t task_err[TASK_MAX];
static volatile k_tick_t task_tick[TASK_MAX];
static k_tick_t delay_ticks[TASK_MAX];

/* What the test ISR reports. */
static void (*volatile isr_body)(void);
static volatile k_err_t isr_err[2];

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

static k_err_t spawn(int id, k_prio_t prio, k_task_entry_t entry)
{
    return tos_task_create(&tasks[id], names[id], entry, ARG(id), prio, stacks[id], STK_SIZE, 0u);
}

static int in_stat_list(const k_task_t *task)
{
    k_list_t *node;
    int found = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH(node, &k_stat_list) {
        if (TOS_LIST_ENTRY(node, k_task_t, stat_list) == task) {
            ++found;
        }
    }
    TOS_CPU_INT_ENABLE();
    return found;
}

/* Position of task in the list `head` linked through pend_list, or -1. */
static int list_index(k_list_t *head, const k_task_t *task)
{
    k_list_t *node;
    int i = 0;
    int at = -1;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH(node, head) {
        if (TOS_LIST_ENTRY(node, k_task_t, pend_list) == task) {
            at = i;
        }
        ++i;
    }
    TOS_CPU_INT_ENABLE();
    return at;
}

static int list_length(k_list_t *head)
{
    k_list_t *node;
    int n = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    TOS_LIST_FOR_EACH(node, head) {
        ++n;
    }
    TOS_CPU_INT_ENABLE();
    return n;
}

static int ready_index(const k_task_t *task)
{
    return list_index(&k_rdyq.task_list_head[task->prio], task);
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
    log_put(ID(arg));
}

/* Ends with interrupts masked: the task's state ends with it. */
static void entry_log_return_masked(void *arg)
{
    log_put(ID(arg));
    (void)tos_cpu_cpsr_save();
}

static void entry_delay(void *arg)
{
    int id = ID(arg);

    task_err[id] = tos_task_delay(delay_ticks[id]);
    task_tick[id] = now();
    log_put(id);
}

static void entry_suspend_self(void *arg)
{
    int id = ID(arg);

    log_put(id);
    task_err[id] = tos_task_suspend(K_NULL);
    log_put(id + 10);
}

static void entry_destroy_self(void *arg)
{
    int id = ID(arg);

    log_put(id);
    task_err[id] = tos_task_destroy(K_NULL);
    log_put(id + 10); /* never reached */
}

static void entry_destroy_self_by_pointer(void *arg)
{
    int id = ID(arg);

    log_put(id);
    task_err[id] = tos_task_destroy(&tasks[id]);
    log_put(id + 10); /* never reached */
}

static void *volatile seen_arg;

static void entry_record_arg(void *arg)
{
    seen_arg = arg;
}

static int arg_marker;

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
    for (i = 0; i < TASK_MAX; ++i) {
        task_err[i] = (k_err_t)-1;
        task_tick[i] = 0u;
        delay_ticks[i] = 0u;
    }
    isr_err[0] = (k_err_t)-1;
    isr_err[1] = (k_err_t)-1;
    seen_arg = K_NULL;
}

#if (TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u) && (TOS_CFG_MMHEAP_EN > 0u)
static void hog_release(void);
#endif

static void teardown(void)
{
#if (TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u) && (TOS_CFG_MMHEAP_EN > 0u)
    hog_release();
#endif
    if (k_curr_task->prio != PRIO_RUN) {
        (void)tos_task_prio_change(k_curr_task, PRIO_RUN);
    }
}

/* ---- tos_task_create ------------------------------------------------------- */

static void test_create_fills_tcb_and_readies_task(void)
{
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "worker", entry_record_arg, &arg_marker, PRIO_LO1,
                                  stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_STR_EQ(tasks[0].name, "worker");
    TT_ASSERT(tasks[0].entry == entry_record_arg);
    TT_ASSERT_PTR_EQ(tasks[0].arg, &arg_marker);
    TT_ASSERT_EQ(tasks[0].prio, PRIO_LO1);
    TT_ASSERT_PTR_EQ(tasks[0].stk_base, stacks[0]);
    TT_ASSERT_EQ(tasks[0].stk_size, STK_SIZE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_READY);
    TT_ASSERT_NULL(tasks[0].pending_obj);
    TT_ASSERT_EQ(tasks[0].pend_state, PEND_STATE_NONE);
#if TOS_CFG_MUTEX_EN > 0u
    TT_ASSERT_EQ(tasks[0].prio_pending, K_TASK_PRIO_INVALID);
#endif
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    TT_ASSERT_EQ(tasks[0].knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_STATIC);
#endif
    /* Newest task first in k_stat_list; queued at the tail of its priority. */
    TT_ASSERT_PTR_EQ(TOS_LIST_FIRST_ENTRY(&k_stat_list, k_task_t, stat_list), &tasks[0]);
    TT_ASSERT_EQ(ready_index(&tasks[0]), list_length(&k_rdyq.task_list_head[PRIO_LO1]) - 1);

    /* Less urgent than the runner: it has not run yet; it runs once we block. */
    TT_ASSERT_NULL(seen_arg);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(seen_arg, &arg_marker);
}

static void test_create_higher_prio_task_runs_before_create_returns(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

static void test_create_equal_prio_task_waits_for_yield(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    tos_task_yield();
    TT_ASSERT(log_is(1, 0));
}

static void isr_create(void)
{
    isr_err[0] =
        tos_task_create(&tasks[0], names[0], entry_log, ARG(0), PRIO_HI1, stacks[0], STK_SIZE, 0u);
    /* Every argument is bad too: the ISR check comes first. */
    isr_err[1] = tos_task_create(K_NULL, K_NULL, K_NULL, K_NULL, (k_prio_t)(K_TASK_PRIO_IDLE + 1u),
                                 K_NULL, 0u, 0u);
}

static void test_create_in_isr_returns_in_irq(void)
{
    in_isr(isr_create);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);

    /* Nothing was half-created: the same TCB can be created from a task. */
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

static void test_create_null_arguments_rejected(void)
{
    TT_ASSERT_ERR(
        tos_task_create(K_NULL, "x", entry_log, K_NULL, PRIO_HI1, stacks[0], STK_SIZE, 0u),
        K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(
        tos_task_create(&tasks[0], "x", K_NULL, K_NULL, PRIO_HI1, stacks[0], STK_SIZE, 0u),
        K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(
        tos_task_create(&tasks[0], "x", entry_log, K_NULL, PRIO_HI1, K_NULL, STK_SIZE, 0u),
        K_ERR_OBJ_PTR_NULL);
    /* NULL is checked before the stack size and the priority. */
    TT_ASSERT_ERR(
        tos_task_create(&tasks[0], "x", K_NULL, K_NULL, K_TASK_PRIO_IDLE, stacks[0], 0u, 0u),
        K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);
    TT_ASSERT(log_is(0));
}

#if TOS_CFG_OBJECT_VERIFY_EN > 0u
static void test_create_live_task_returns_already_created(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(
        tos_task_create(&tasks[0], "again", entry_log, ARG(1), PRIO_HI1, stacks[1], STK_SIZE, 0u),
        K_ERR_TASK_ALREADY_CREATED);
    /* Checked before the stack size and the priority. */
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "again", entry_log, ARG(1),
                                  (k_prio_t)(K_TASK_PRIO_IDLE + 1u), stacks[1], 1u, 0u),
                  K_ERR_TASK_ALREADY_CREATED);
    TT_ASSERT_ERR(tos_task_create(&k_idle_task, "idle2", entry_log, ARG(2), K_TASK_PRIO_IDLE,
                                  stacks[1], STK_SIZE, 0u),
                  K_ERR_TASK_ALREADY_CREATED);
    TT_ASSERT_STR_EQ(k_idle_task.name, "idle");

    /* The live task is untouched and runs exactly once. */
    TT_ASSERT_STR_EQ(tasks[0].name, "t0");
    TT_ASSERT_EQ(tasks[0].prio, PRIO_LO1);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 1);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}
#endif

static void test_create_stack_too_small_rejected(void)
{
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "x", entry_log, ARG(0), PRIO_HI1, stacks[0],
                                  K_TASK_STK_SIZE_MIN - 1u, 0u),
                  K_ERR_TASK_STK_SIZE_INVALID);
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "x", entry_log, ARG(0), PRIO_HI1, stacks[0], 0u, 0u),
                  K_ERR_TASK_STK_SIZE_INVALID);
    /* Checked before the priority. */
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "x", entry_log, ARG(0),
                                  (k_prio_t)(K_TASK_PRIO_IDLE + 1u), stacks[0], 1u, 0u),
                  K_ERR_TASK_STK_SIZE_INVALID);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);
    TT_ASSERT(log_is(0));

    /* Exactly the minimum is enough. */
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "x", entry_log, ARG(0), PRIO_HI1, stacks[0],
                                  K_TASK_STK_SIZE_MIN, 0u),
                  K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

static void test_create_idle_or_lower_priority_rejected(void)
{
    TT_ASSERT_ERR(spawn(0, K_TASK_PRIO_IDLE, entry_log), K_ERR_TASK_PRIO_INVALID);
    TT_ASSERT_ERR(spawn(0, (k_prio_t)(K_TASK_PRIO_IDLE + 1u), entry_log), K_ERR_TASK_PRIO_INVALID);
    TT_ASSERT_ERR(spawn(0, (k_prio_t)255u, entry_log), K_ERR_TASK_PRIO_INVALID);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);

    /* The least urgent user priority is accepted. */
    TT_ASSERT_ERR(spawn(0, (k_prio_t)(K_TASK_PRIO_IDLE - 1u), entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

/* §40.6: the name is cut to 15 characters and always terminated. */
static void test_create_long_name_truncated_and_terminated(void)
{
    /* Garbage in the TCB must not leak into the name. */
    memset(&tasks[0], 0x5A, sizeof(tasks[0]));
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "abcdefghijklmnopqrstuvwxyz", entry_log, ARG(0),
                                  PRIO_LO1, stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_STR_EQ(tasks[0].name, "abcdefghijklmno");
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);

    /* 15 characters fit exactly. */
    TT_ASSERT_ERR(tos_task_create(&tasks[0], "123456789012345", entry_log, ARG(0), PRIO_LO1,
                                  stacks[0], STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_STR_EQ(tasks[0].name, "123456789012345");
}

/* §40.6: Tern takes a NULL name as an empty one instead of crashing. */
static void test_create_null_name_gives_empty_name(void)
{
    memset(&tasks[0], 0x5A, sizeof(tasks[0]));
    TT_ASSERT_ERR(
        tos_task_create(&tasks[0], K_NULL, entry_log, ARG(0), PRIO_HI1, stacks[0], STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_STR_EQ(tasks[0].name, "");
}

static void test_return_from_entry_destroys_task(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_DELETED);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);
    TT_ASSERT(tos_list_empty(&k_rdyq.task_list_head[PRIO_HI1]));
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_OBJ_INVALID);
#endif
}

static void test_return_from_entry_with_interrupts_masked_still_switches(void)
{
    k_tick_t start;

    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_log_return_masked), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_DELETED);
    TT_ASSERT(tos_list_empty(&k_rdyq.task_list_head[PRIO_HI1]));
    /* Nothing stayed masked: the tick still wakes this task on time. */
    start = tos_systick_get();
    TT_ASSERT_ERR(tos_task_delay(2u), K_ERR_NONE);
    TT_ASSERT_EQ(tos_systick_get(), start + 2u);
}

static void test_destroyed_static_task_can_be_created_again(void)
{
    delay_ticks[0] = 1000u;
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_DELETED);

    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    /* The first incarnation's delay is gone with it: nothing wakes at 1000. */
    TT_ASSERT_ERR(tos_task_delay(1500u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

/* ---- tos_task_create_dyn ------------------------------------------------- */

#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u

static k_task_t *dyn_task;
static k_task_t dyn_sentinel;
static volatile int dyn_saw_handle;
static volatile int dyn_saw_dynamic;

#if TOS_CFG_MMHEAP_EN > 0u
#define HOG_MAX 512

static void *hog[HOG_MAX];
static int hog_count;

static size_t heap_used(void)
{
    k_mmheap_info_t info;

    info.used = 0u;
    (void)tos_mmheap_check(&info);
    return (size_t)info.used;
}

/* Allocates every byte the heap can still hand out. */
static void hog_all(void)
{
    static const size_t sizes[] = {4096u, 1024u, 256u, 64u, 16u, 1u};
    size_t i;
    void *p;

    for (i = 0u; i < sizeof(sizes) / sizeof(sizes[0]); ++i) {
        while (hog_count < HOG_MAX && (p = tos_mmheap_alloc(sizes[i])) != K_NULL) {
            hog[hog_count++] = p;
        }
    }
}

static void hog_release(void)
{
    while (hog_count > 0) {
        tos_mmheap_free(hog[--hog_count]);
    }
}
#endif

static void entry_dyn_check(void *arg)
{
    dyn_saw_handle = (dyn_task == k_curr_task);
    dyn_saw_dynamic = (k_curr_task->knl_obj.alloc_type == KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    log_put(ID(arg));
}

static void isr_create_dyn(void)
{
    isr_err[0] = tos_task_create_dyn(&dyn_task, "irq", entry_log, ARG(0), PRIO_HI1, STK_SIZE, 0u);
    isr_err[1] = tos_task_create_dyn(K_NULL, K_NULL, K_NULL, K_NULL, K_TASK_PRIO_IDLE, 0u, 0u);
}

static void test_create_dyn_errors_in_order(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    size_t used0 = heap_used();
#endif

    dyn_task = &dyn_sentinel;
    in_isr(isr_create_dyn);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);

    TT_ASSERT_ERR(tos_task_create_dyn(K_NULL, "x", entry_log, ARG(0), PRIO_HI1, STK_SIZE, 0u),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "x", K_NULL, ARG(0), PRIO_HI1, STK_SIZE, 0u),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "x", K_NULL, ARG(0), K_TASK_PRIO_IDLE, 0u, 0u),
                  K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "x", entry_log, ARG(0), PRIO_HI1,
                                      sizeof(cpu_context_t) - 1u, 0u),
                  K_ERR_TASK_STK_SIZE_INVALID);
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "x", entry_log, ARG(0), K_TASK_PRIO_IDLE, 0u, 0u),
                  K_ERR_TASK_STK_SIZE_INVALID);
    TT_ASSERT_ERR(
        tos_task_create_dyn(&dyn_task, "x", entry_log, ARG(0), K_TASK_PRIO_IDLE, STK_SIZE, 0u),
        K_ERR_TASK_PRIO_INVALID);
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "x", entry_log, ARG(0),
                                      (k_prio_t)(K_TASK_PRIO_IDLE + 1u), STK_SIZE, 0u),
                  K_ERR_TASK_PRIO_INVALID);

    TT_ASSERT_PTR_EQ(dyn_task, &dyn_sentinel);
    TT_ASSERT(log_is(0));
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(heap_used(), used0);
#endif
}

static void test_create_dyn_and_destroy_other_frees_at_once(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    size_t used0 = heap_used();
#endif

    dyn_task = K_NULL;
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "dyn", entry_log, ARG(0), PRIO_LO1, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_NOT_NULL(dyn_task);
    TT_ASSERT_EQ(dyn_task->knl_obj.alloc_type, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    TT_ASSERT_STR_EQ(dyn_task->name, "dyn");
    TT_ASSERT_EQ(dyn_task->prio, PRIO_LO1);
    TT_ASSERT_EQ(dyn_task->stk_size, STK_SIZE);
    TT_ASSERT_EQ(dyn_task->state, K_TASK_STATE_READY);
    TT_ASSERT_EQ(in_stat_list(dyn_task), 1);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_GE(heap_used(), used0 + sizeof(k_task_t) + STK_SIZE);
#endif

    TT_ASSERT_ERR(tos_task_destroy(dyn_task), K_ERR_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    /* Another task's memory is released by the destroy itself, not by idle. */
    TT_ASSERT_EQ(heap_used(), used0);
#endif
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(0));
}

static void test_create_dyn_runs_with_arg_at_its_priority(void)
{
    dyn_task = K_NULL;
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "dyn", entry_record_arg, &arg_marker, PRIO_LO1,
                                      STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT_NULL(seen_arg);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(seen_arg, &arg_marker);
}

/*
 * §40.5 regression: the handle is written and the task is DYNAMIC before a
 * more urgent new task runs, so one that ends at once is reclaimed by idle.
 */
static void test_create_dyn_marks_dynamic_before_higher_prio_task_runs(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    size_t used0 = heap_used();
#endif

    dyn_task = K_NULL;
    dyn_saw_handle = 0;
    dyn_saw_dynamic = 0;
    TT_ASSERT_ERR(
        tos_task_create_dyn(&dyn_task, "dyn", entry_dyn_check, ARG(0), PRIO_HI1, STK_SIZE, 0u),
        K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(dyn_saw_handle, 1);
    TT_ASSERT_EQ(dyn_saw_dynamic, 1);

    /* Let idle run: it frees the self-destroyed task's TCB and stack. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(heap_used(), used0);
#endif
}

static void test_create_dyn_self_destroy_reclaimed_by_idle(void)
{
#if TOS_CFG_MMHEAP_EN > 0u
    size_t used0 = heap_used();
#endif

    dyn_task = K_NULL;
    TT_ASSERT_ERR(
        tos_task_create_dyn(&dyn_task, "dyn", entry_destroy_self, ARG(0), PRIO_LO1, STK_SIZE, 0u),
        K_ERR_NONE);
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_GT(heap_used(), used0);
#endif
    TT_ASSERT_ERR(tos_task_delay(2u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(heap_used(), used0);
#endif
}

#if TOS_CFG_MMHEAP_EN > 0u
static void test_create_dyn_out_of_memory_for_tcb(void)
{
    size_t used_full;

    hog_all();
    used_full = heap_used();
    TT_ASSERT_NULL(tos_mmheap_calloc(1u, sizeof(k_task_t)));

    dyn_task = &dyn_sentinel;
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "oom", entry_log, ARG(0), PRIO_HI1, STK_SIZE, 0u),
                  K_ERR_TASK_OUT_OF_MEMORY);
    TT_ASSERT_PTR_EQ(dyn_task, &dyn_sentinel);
    TT_ASSERT_EQ(heap_used(), used_full);
    TT_ASSERT(log_is(0));

    /* With memory back, the same call succeeds. */
    hog_release();
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "oom", entry_log, ARG(0), PRIO_HI1, STK_SIZE, 0u),
                  K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

static void test_create_dyn_out_of_memory_for_stack_frees_tcb(void)
{
    void *room = tos_mmheap_alloc(2u * sizeof(k_task_t));
    void *probe;
    size_t used_before;

    TT_ASSERT_NOT_NULL(room);
    hog_all();
    tos_mmheap_free(room);

    /* The TCB fits in the one free block; a 4 KiB stack does not. */
    probe = tos_mmheap_calloc(1u, sizeof(k_task_t));
    TT_ASSERT_NOT_NULL(probe);
    tos_mmheap_free(probe);
    used_before = heap_used();

    dyn_task = &dyn_sentinel;
    TT_ASSERT_ERR(tos_task_create_dyn(&dyn_task, "oom", entry_log, ARG(0), PRIO_HI1, 4096u, 0u),
                  K_ERR_TASK_OUT_OF_MEMORY);
    TT_ASSERT_PTR_EQ(dyn_task, &dyn_sentinel);
    TT_ASSERT_EQ(heap_used(), used_before);
    TT_ASSERT(log_is(0));

    /* The TCB's memory really came back. */
    probe = tos_mmheap_calloc(1u, sizeof(k_task_t));
    TT_ASSERT_NOT_NULL(probe);
    tos_mmheap_free(probe);
}
#endif /* TOS_CFG_MMHEAP_EN */

/* A live task whose alloc type is neither STATIC nor DYNAMIC is refused. */
static void test_destroy_alloc_type_mismatch_rejected(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    tasks[0].knl_obj.alloc_type = KNL_OBJ_ALLOC_TYPE_NONE;
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_OBJ_INVALID_ALLOC_TYPE);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 1);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_READY);

    tasks[0].knl_obj.alloc_type = KNL_OBJ_ALLOC_TYPE_STATIC;
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

#endif /* TOS_CFG_TASK_DYNAMIC_CREATE_EN */

/* ---- tos_task_destroy ------------------------------------------------------ */

static void test_destroy_self_does_not_return(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_destroy_self), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_HI1, entry_destroy_self_by_pointer), K_ERR_NONE);
    TT_ASSERT(log_is(2, 0, 1));
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_DELETED);
    TT_ASSERT_EQ(tasks[1].state, K_TASK_STATE_DELETED);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);
    TT_ASSERT_EQ(in_stat_list(&tasks[1]), 0);
}

static void test_destroy_ready_task_never_runs(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 0);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_DELETED);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);
    TT_ASSERT_EQ(list_index(&k_rdyq.task_list_head[PRIO_LO1], &tasks[0]), -1);
    TT_ASSERT_ERR(tos_task_delay(5u), K_ERR_NONE);
    TT_ASSERT(log_is(0));
}

static void test_destroy_sleeping_task_leaves_tick_list(void)
{
    k_tick_t t0;

    delay_ticks[0] = 10u;
    delay_ticks[1] = 20u;
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_HI1, entry_delay), K_ERR_NONE);
    t0 = now();
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);

    /* The other sleeper still wakes on its own tick; the destroyed one never. */
    TT_ASSERT_ERR(tos_task_delay(30u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 1));
    TT_ASSERT_EQ(task_tick[1], t0 + 20u);
    TT_ASSERT_EQ(now(), t0 + 30u);
}

static void test_destroy_suspended_task(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_suspend_self), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_DELETED);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);
    TT_ASSERT(log_is(1, 0));
}

static void test_destroy_idle_rejected(void)
{
    k_tick_t t0;

    TT_ASSERT_ERR(tos_task_destroy(&k_idle_task), K_ERR_TASK_DESTROY_IDLE);
    TT_ASSERT_EQ(in_stat_list(&k_idle_task), 1);
    TT_ASSERT_EQ(k_idle_task.state, K_TASK_STATE_READY);
    /* Idle still does its job: time passes while everyone sleeps. */
    t0 = now();
    TT_ASSERT_ERR(tos_task_delay(3u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 3u);
}

static void test_destroy_self_with_sched_locked_rejected(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_destroy(K_NULL), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_task_destroy(k_curr_task), K_ERR_SCHED_LOCKED);
    /* Another task may be destroyed while locked. */
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(in_stat_list(k_curr_task), 1);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 0);
}

static void isr_destroy(void)
{
    isr_err[0] = tos_task_destroy(&tasks[0]);
    isr_err[1] = tos_task_destroy(K_NULL);
}

static void test_destroy_in_isr_returns_in_irq(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    in_isr(isr_destroy);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);
    TT_ASSERT_EQ(in_stat_list(&tasks[0]), 1);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

#if TOS_CFG_OBJECT_VERIFY_EN > 0u
static void test_destroy_twice_or_never_created_invalid(void)
{
    static k_task_t never_created;

    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_task_destroy(&never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(in_stat_list(k_curr_task), 1);
}
#endif

#if TOS_CFG_SEM_EN > 0u
static k_sem_t sem;
static k_tick_t pend_timeout[TASK_MAX];

static void entry_sem_pend(void *arg)
{
    int id = ID(arg);

    task_err[id] = tos_sem_pend(&sem, pend_timeout[id]);
    task_tick[id] = now();
    log_put(id);
}

static k_err_t spawn_sem_waiter(int id, k_prio_t prio, k_tick_t timeout)
{
    pend_timeout[id] = timeout;
    return spawn(id, prio, entry_sem_pend);
}

static void test_destroy_waiter_leaves_wait_list(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(0, PRIO_HI1, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(1, PRIO_HI1, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(2, PRIO_HI1, 50u), K_ERR_NONE);
    TT_ASSERT_EQ(list_length(&sem.pend_obj.list), 3);

    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_destroy(&tasks[2]), K_ERR_NONE);
    TT_ASSERT_EQ(list_length(&sem.pend_obj.list), 1);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[1]), 0);
    /* Destroying a waiter posts nothing. */
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(sem.count, 0u);

    /* The post goes to the survivor; the timed one does not time out later. */
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT(log_is(1, 1));
    TT_ASSERT_ERR(task_err[1], K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(100u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 1));
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_EQ(sem.count, 1u);
}
#endif

#if TOS_CFG_MUTEX_EN > 0u
static k_mutex_t mutex;
static volatile k_prio_t prio_seen[TASK_MAX];

/* Takes the mutex, then sleeps with it. */
static void entry_mutex_owner_sleeps(void *arg)
{
    int id = ID(arg);

    task_err[id] = tos_mutex_pend(&mutex);
    log_put(id);
    (void)tos_task_delay(100000u);
}

static void entry_mutex_waiter(void *arg)
{
    int id = ID(arg);

    task_err[id] = tos_mutex_pend(&mutex);
    log_put(id);
    if (task_err[id] == K_ERR_NONE) {
        (void)tos_mutex_post(&mutex);
    }
}

static void test_destroy_owner_wakes_mutex_waiters_with_owner_die(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&mutex), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_mutex_owner_sleeps), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_PTR_EQ(mutex.owner, &tasks[0]);

    TT_ASSERT_ERR(spawn(1, PRIO_HI1, entry_mutex_waiter), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, PRIO_HI1, entry_mutex_waiter), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));

    TT_ASSERT_ERR(tos_task_destroy(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(log_len, 3);
    TT_ASSERT_ERR(task_err[1], K_ERR_PEND_OWNER_DIE);
    TT_ASSERT_ERR(task_err[2], K_ERR_PEND_OWNER_DIE);

    /* Nobody inherited the mutex: it is free and valid. */
    TT_ASSERT_NULL(mutex.owner);
    TT_ASSERT_ERR(tos_mutex_pend_timed(&mutex, TOS_TIME_NOWAIT), K_ERR_NONE);
    TT_ASSERT_ERR(tos_mutex_post(&mutex), K_ERR_NONE);
}
#endif

/* ---- tos_task_delay -------------------------------------------------------- */

static void test_delay_wakes_on_exact_tick(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(tos_task_delay(37u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 37u);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_EQ(now(), t0 + 38u);

    /* A helper sees the same: its delay ends on the delay-th tick. */
    delay_ticks[0] = 12u;
    t0 = now();
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);
    TT_ASSERT_ERR(tos_task_delay(20u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(task_tick[0], t0 + 12u);
}

/* §40.4: a zero delay yields and succeeds; K_ERR_DELAY_ZERO never appears. */
static void test_delay_zero_yields(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_task_delay(0u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(now(), t0);
}

static void test_delay_zero_without_peer_returns_at_once(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(0u), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(now(), t0);
}

static void test_delay_forever_rejected(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(TOS_TIME_FOREVER), K_ERR_DELAY_FOREVER);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(now(), t0);
    TT_ASSERT_EQ(k_curr_task->state, K_TASK_STATE_READY);
}

static void isr_delay(void)
{
    isr_err[0] = tos_task_delay(10u);
    isr_err[1] = tos_task_delay(0u);
}

static void test_delay_in_isr_returns_in_irq(void)
{
    k_tick_t t0 = now();

    in_isr(isr_delay);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);
    TT_ASSERT_EQ(now(), t0);
    TT_ASSERT_EQ(k_curr_task->state, K_TASK_STATE_READY);
}

static void test_delay_with_sched_locked_rejected(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_SCHED_LOCKED);
    /* The lock is checked before the zero and forever cases. */
    TT_ASSERT_ERR(tos_task_delay(0u), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_task_delay(TOS_TIME_FOREVER), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(now(), t0);
}

/* ---- tos_task_delay_abort -------------------------------------------------- */

static void test_delay_abort_wakes_sleeper_at_once(void)
{
    k_tick_t t0 = now();

    delay_ticks[0] = K_TIME_MAX;
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(10u), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);

    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_NONE);
    /* More urgent: it ran before the abort returned, and its delay succeeded. */
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(task_tick[0], t0 + 10u);
}

static void test_delay_abort_lower_prio_sleeper_runs_when_runner_blocks(void)
{
    delay_ticks[0] = 1000u;
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_READY);
    TT_ASSERT(log_is(0));
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
}

static void test_delay_abort_errors(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    static k_task_t never_created;
#endif

    TT_ASSERT_ERR(tos_task_delay_abort(K_NULL), K_ERR_OBJ_PTR_NULL);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_task_delay_abort(&never_created), K_ERR_OBJ_INVALID);
#endif
    /* Self, a ready task, a task suspended without sleeping: not delayed. */
    TT_ASSERT_ERR(tos_task_delay_abort(k_curr_task), K_ERR_TASK_NOT_DELAY);
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_TASK_NOT_DELAY);
    TT_ASSERT_ERR(tos_task_suspend(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_TASK_NOT_DELAY);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_ERR(tos_task_delay_abort(&k_idle_task), K_ERR_TASK_NOT_DELAY);
    TT_ASSERT(log_is(0));
}

static void isr_delay_abort(void)
{
    isr_err[0] = tos_task_delay_abort(&tasks[0]);
    isr_err[1] = tos_task_delay_abort(K_NULL);
}

static void test_delay_abort_in_isr_returns_in_irq(void)
{
    k_tick_t t0 = now();

    delay_ticks[0] = 10u;
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    in_isr(isr_delay_abort);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);
    TT_ASSERT(log_is(0));
    /* Still sleeping on its original schedule. */
    TT_ASSERT_ERR(tos_task_delay(20u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(task_tick[0], t0 + 10u);
}

static void test_delay_abort_suspended_sleeper_rejected(void)
{
    delay_ticks[0] = 100u;
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP_SUSPENDED);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_TASK_SUSPENDED);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP_SUSPENDED);
    TT_ASSERT(log_is(0));
}

#if TOS_CFG_SEM_EN > 0u
/*
 * §40.1 regression: a task in a timed wait on an object is not "delayed";
 * the abort is refused and the wait list and tick list stay intact.
 */
static void test_delay_abort_rejects_timed_waiter_and_keeps_wait_list(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(0, PRIO_HI1, 50u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(1, PRIO_HI1, 50u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(2, PRIO_HI1, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_PENDTIMEOUT);
    TT_ASSERT_EQ(tasks[2].state, K_TASK_STATE_PEND);

    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[0]), K_ERR_TASK_NOT_DELAY);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[1]), K_ERR_TASK_NOT_DELAY);
    TT_ASSERT_ERR(tos_task_delay_abort(&tasks[2]), K_ERR_TASK_NOT_DELAY);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_PENDTIMEOUT);
    TT_ASSERT_EQ(tasks[1].state, K_TASK_STATE_PENDTIMEOUT);
    TT_ASSERT_EQ(list_length(&sem.pend_obj.list), 3);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[0]), 0);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[1]), 1);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[2]), 2);

    /* The first waiter gets the post; the second times out exactly on time. */
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(60u), K_ERR_NONE);
    TT_ASSERT(log_is(2, 0, 1));
    TT_ASSERT_ERR(task_err[1], K_ERR_PEND_TIMEOUT);
    TT_ASSERT_EQ(task_tick[1], t0 + 50u);
    TT_ASSERT_EQ(list_length(&sem.pend_obj.list), 1);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT(log_is(3, 0, 1, 2));
}
#endif

/* ---- tos_task_suspend / tos_task_resume ------------------------------------ */

static void test_suspend_ready_task_until_resumed(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_EQ(ready_index(&tasks[0]), -1);
    TT_ASSERT_ERR(tos_task_delay(5u), K_ERR_NONE);
    TT_ASSERT(log_is(0));

    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_READY);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

static void test_suspend_self_then_resume(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_suspend_self), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    /* More urgent: it continued before resume returned. */
    TT_ASSERT(log_is(2, 0, 10));
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
}

static void test_suspend_twice_needs_one_resume(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_suspend_self), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT(log_is(2, 0, 10));
}

static void test_suspend_idle_rejected(void)
{
    TT_ASSERT_ERR(tos_task_suspend(&k_idle_task), K_ERR_TASK_SUSPEND_IDLE);
    TT_ASSERT_EQ(k_idle_task.state, K_TASK_STATE_READY);
}

static void test_suspend_self_with_sched_locked_rejected(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_lock(), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(K_NULL), K_ERR_SCHED_LOCKED);
    TT_ASSERT_ERR(tos_task_suspend(k_curr_task), K_ERR_SCHED_LOCKED);
    /* Another task may be suspended while locked. */
    TT_ASSERT_ERR(tos_task_suspend(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_knl_sched_unlock(), K_ERR_NONE);
    TT_ASSERT_EQ(k_curr_task->state, K_TASK_STATE_READY);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
}

#if TOS_CFG_OBJECT_VERIFY_EN > 0u
static void test_suspend_resume_invalid_task_rejected(void)
{
    static k_task_t never_created;

    TT_ASSERT_ERR(tos_task_suspend(&never_created), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_task_resume(&never_created), K_ERR_OBJ_INVALID);
}
#endif

/* The timeout keeps running while suspended; the task runs only once resumed. */
static void test_suspended_sleeper_runs_only_after_resume(void)
{
    k_tick_t t0 = now();

    delay_ticks[0] = 10u;
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP_SUSPENDED);

    TT_ASSERT_ERR(tos_task_delay(20u), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);

    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(task_tick[0], t0 + 20u);
}

static void test_suspended_sleeper_resumed_early_wakes_on_time(void)
{
    k_tick_t t0 = now();

    delay_ticks[0] = 10u;
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(5u), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);
    TT_ASSERT(log_is(0));

    TT_ASSERT_ERR(tos_task_delay(20u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(task_tick[0], t0 + 10u);
}

static void test_resume_errors(void)
{
    TT_ASSERT_ERR(tos_task_resume(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_task_resume(k_curr_task), K_ERR_TASK_RESUME_SELF);

    /* Resuming a task that is not suspended changes nothing. */
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_READY);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 0);
    TT_ASSERT(log_is(0));
}

static volatile int isr_log_len;

static void isr_resume(void)
{
    isr_err[0] = tos_task_resume(&tasks[0]);
    isr_log_len = log_len;
    /* In an ISR "self" is the interrupted task. */
    isr_err[1] = tos_task_resume(k_curr_task);
}

static void test_resume_from_isr_switches_at_isr_exit(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_suspend_self), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    in_isr(isr_resume);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_ERR(isr_err[1], K_ERR_TASK_RESUME_SELF);
    /* Not inside the ISR: at its exit. */
    TT_ASSERT_EQ(isr_log_len, 1);
    TT_ASSERT(log_is(2, 0, 10));
}

static void isr_suspend_interrupted(void)
{
    isr_err[0] = tos_task_suspend(K_NULL);
}

static void entry_raise_suspend(void *arg)
{
    int id = ID(arg);

    log_put(id);
    in_isr(isr_suspend_interrupted);
    log_put(id + 10);
}

/* §40.9: suspend has no ISR check; NULL in an ISR is the interrupted task. */
static void test_suspend_null_from_isr_suspends_interrupted_task(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_raise_suspend), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT(log_is(2, 0, 10));
}

static void isr_suspend_other(void)
{
    isr_err[0] = tos_task_suspend(&tasks[0]);
}

static void test_suspend_other_from_isr(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    in_isr(isr_suspend_other);
    TT_ASSERT_ERR(isr_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);
    TT_ASSERT_ERR(tos_task_delay(5u), K_ERR_NONE);
    TT_ASSERT(log_is(0));
}

/* ---- tos_task_prio_change -------------------------------------------------- */

static void isr_prio_change(void)
{
    isr_err[0] = tos_task_prio_change(&tasks[0], PRIO_HI1);
    isr_err[1] = tos_task_prio_change(K_NULL, K_TASK_PRIO_IDLE);
}

static void test_prio_change_errors(void)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    static k_task_t never_created;
#endif

    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    in_isr(isr_prio_change);
    TT_ASSERT_ERR(isr_err[0], K_ERR_IN_IRQ);
    TT_ASSERT_ERR(isr_err[1], K_ERR_IN_IRQ);

    TT_ASSERT_ERR(tos_task_prio_change(K_NULL, PRIO_HI1), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_task_prio_change(K_NULL, K_TASK_PRIO_IDLE), K_ERR_OBJ_PTR_NULL);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(tos_task_prio_change(&never_created, PRIO_HI1), K_ERR_OBJ_INVALID);
    TT_ASSERT_ERR(tos_task_prio_change(&never_created, K_TASK_PRIO_IDLE), K_ERR_OBJ_INVALID);
#endif
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], K_TASK_PRIO_IDLE), K_ERR_TASK_PRIO_INVALID);
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], (k_prio_t)(K_TASK_PRIO_IDLE + 1u)),
                  K_ERR_TASK_PRIO_INVALID);

    TT_ASSERT_EQ(tasks[0].prio, PRIO_LO1);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 0);
    TT_ASSERT(log_is(0));
}

static void test_prio_change_same_prio_keeps_queue_position(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_LO1), K_ERR_NONE);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 0);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(2, 0, 1));
}

static void test_prio_change_ready_task_goes_to_tail(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, PRIO_LO2, entry_log), K_ERR_NONE);

    TT_ASSERT_ERR(tos_task_prio_change(&tasks[2], PRIO_LO1), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[2].prio, PRIO_LO1);
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_LO2), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_LO1), K_ERR_NONE);
    TT_ASSERT_EQ(ready_index(&tasks[1]), 0);
    TT_ASSERT_EQ(ready_index(&tasks[2]), 1);
    TT_ASSERT_EQ(ready_index(&tasks[0]), 2);
    TT_ASSERT(log_is(0));

    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, 1, 2, 0));
}

static void test_prio_change_ready_task_above_runner_preempts(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_HI1), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

static void test_prio_change_of_current_task_below_ready_task_yields_cpu(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_prio_change(k_curr_task, PRIO_LO2), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_LO2);
    TT_ASSERT_ERR(tos_task_prio_change(k_curr_task, PRIO_RUN), K_ERR_NONE);
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_RUN);
}

/* A sleeping task takes the new priority at once and wakes at it. */
static void test_prio_change_sleeping_task_wakes_at_new_prio(void)
{
    k_tick_t t0 = now();

    delay_ticks[0] = 10u;
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_delay), K_ERR_NONE);
    /* It starts its delay at t0, as soon as the runner blocks. */
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);

    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_HI1), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].prio, PRIO_HI1);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SLEEP);

    /* The runner computes through the expiry: the sleeper now preempts it. */
    tt_busy((uint32_t)(k_cpu_cycle_per_tick * 20u));
    TT_ASSERT(log_is(1, 0));
    TT_ASSERT_EQ(task_tick[0], t0 + 10u);
}

/* §40.2 regression: an exactly SUSPENDED task gets the new priority. */
static void test_prio_change_of_suspended_task_applies_new_prio(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&tasks[0]), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);

    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_HI1), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].prio, PRIO_HI1);
    TT_ASSERT(log_is(0));

    /* Resumed at the new priority: it preempts the runner. */
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}

#if TOS_CFG_SEM_EN > 0u
static void test_prio_change_waiting_task_reorders_wait_list(void)
{
    TT_ASSERT_ERR(tos_sem_create(&sem, 0u), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(0, PRIO_LO1, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(1, PRIO_LO1, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(spawn_sem_waiter(2, PRIO_LO1, TOS_TIME_FOREVER), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[0]), 0);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[1]), 1);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[2]), 2);

    /* Re-inserted behind the waiters of equal priority. */
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_LO2), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_LO1), K_ERR_NONE);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[1]), 0);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[2]), 1);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[0]), 2);

    /* Raised above the others: first in line, and it preempts the poster. */
    TT_ASSERT_ERR(tos_task_prio_change(&tasks[2], PRIO_HI1), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[2].state, K_TASK_STATE_PEND);
    TT_ASSERT_EQ(list_index(&sem.pend_obj.list, &tasks[2]), 0);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT(log_is(1, 2));

    /* Woken while the runner (another priority) runs: each goes to the head. */
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_sem_post(&sem), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(3, 2, 0, 1));
}
#endif

#if TOS_CFG_MUTEX_EN > 0u
/* Takes the mutex, suspends itself, then releases it and reports its priority. */
static void entry_mutex_owner_suspends(void *arg)
{
    int id = ID(arg);

    task_err[id] = tos_mutex_pend(&mutex);
    (void)tos_task_suspend(K_NULL);
    (void)tos_mutex_post(&mutex);
    prio_seen[id] = k_curr_task->prio;
    log_put(id);
}

/* A lowering request for a boosted mutex owner is deferred to the release. */
static void test_prio_change_of_boosted_mutex_owner_is_deferred(void)
{
    TT_ASSERT_ERR(tos_mutex_create(&mutex), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_mutex_owner_suspends), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT_ERR(task_err[0], K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].state, K_TASK_STATE_SUSPENDED);

    TT_ASSERT_ERR(spawn(1, PRIO_HI1, entry_mutex_waiter), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].prio, PRIO_HI1);

    TT_ASSERT_ERR(tos_task_prio_change(&tasks[0], PRIO_LO2), K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].prio, PRIO_HI1);
    TT_ASSERT_EQ(tasks[0].prio_pending, PRIO_LO2);

    /* The release hands the mutex over and applies the remembered priority. */
    TT_ASSERT_ERR(tos_task_resume(&tasks[0]), K_ERR_NONE);
    TT_ASSERT(log_is(1, 1));
    TT_ASSERT_ERR(task_err[1], K_ERR_NONE);
    TT_ASSERT_EQ(tasks[0].prio, PRIO_LO2);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(2, 1, 0));
    TT_ASSERT_EQ(prio_seen[0], PRIO_LO2);
}
#endif

/* ---- tos_task_yield -------------------------------------------------------- */

static void test_yield_runs_equal_prio_peers_in_fifo_order(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_RUN, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT(log_is(0));
    tos_task_yield();
    TT_ASSERT(log_is(2, 0, 1));
}

static void test_yield_without_peer_returns_at_once(void)
{
    k_tick_t t0 = now();

    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    tos_task_yield();
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(now(), t0);
    TT_ASSERT_EQ(ready_index(k_curr_task), 0);
}

static void isr_yield(void)
{
    tos_task_yield();
}

static void test_yield_in_isr_does_nothing(void)
{
    TT_ASSERT_ERR(spawn(0, PRIO_RUN, entry_log), K_ERR_NONE);
    in_isr(isr_yield);
    TT_ASSERT(log_is(0));
    TT_ASSERT_EQ(ready_index(k_curr_task), 0);
    tos_task_yield();
    TT_ASSERT(log_is(1, 0));
}

/* ---- tos_task_curr_task_get ------------------------------------------------- */

static k_task_t *volatile curr_seen[2];

static void entry_curr(void *arg)
{
    curr_seen[0] = tos_task_curr_task_get();
    curr_seen[1] = k_curr_task;
    log_put(ID(arg));
}

static void isr_curr(void)
{
    curr_seen[0] = tos_task_curr_task_get();
    curr_seen[1] = k_curr_task;
}

static void test_curr_task_get_matches_k_curr_task(void)
{
    TT_ASSERT_NOT_NULL(tos_task_curr_task_get());
    TT_ASSERT_PTR_EQ(tos_task_curr_task_get(), k_curr_task);
    TT_ASSERT_EQ(k_curr_task->prio, PRIO_RUN);
    TT_ASSERT_EQ(k_curr_task->state, K_TASK_STATE_READY);

    TT_ASSERT_ERR(spawn(0, PRIO_HI1, entry_curr), K_ERR_NONE);
    TT_ASSERT_PTR_EQ(curr_seen[0], &tasks[0]);
    TT_ASSERT_PTR_EQ(curr_seen[1], &tasks[0]);

    /* In an ISR: the interrupted task. */
    in_isr(isr_curr);
    TT_ASSERT_PTR_EQ(curr_seen[0], tos_task_curr_task_get());
    TT_ASSERT_PTR_EQ(curr_seen[1], k_curr_task);
}

/* ---- tos_task_walkthru ------------------------------------------------------ */

#define WALK_MAX 64

static k_task_t *walked[WALK_MAX];
static int walked_count;

static void walker(k_task_t *task)
{
    if (walked_count < WALK_MAX) {
        walked[walked_count] = task;
    }
    ++walked_count;
}

static int walked_times(const k_task_t *task)
{
    int i;
    int n = 0;

    for (i = 0; i < walked_count && i < WALK_MAX; ++i) {
        n += (walked[i] == task);
    }
    return n;
}

static int stat_list_length(void)
{
    k_list_t *node;
    int n = 0;

    TOS_LIST_FOR_EACH(node, &k_stat_list) {
        ++n;
    }
    return n;
}

static void test_walkthru_visits_every_task_once_newest_first(void)
{
    int i;

    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_LO2, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, PRIO_LO1, entry_log), K_ERR_NONE);

    walked_count = 0;
    tos_task_walkthru(walker);
    TT_ASSERT_EQ(walked_count, stat_list_length());
    TT_ASSERT_LE(walked_count, WALK_MAX);
    TT_ASSERT_PTR_EQ(walked[0], &tasks[2]);
    TT_ASSERT_PTR_EQ(walked[1], &tasks[1]);
    TT_ASSERT_PTR_EQ(walked[2], &tasks[0]);
    /* Idle was the first task ever created: it comes last. */
    TT_ASSERT_PTR_EQ(walked[walked_count - 1], &k_idle_task);
    TT_ASSERT_EQ(walked_times(k_curr_task), 1);
    for (i = 0; i < walked_count; ++i) {
        TT_ASSERT_EQ(walked_times(walked[i]), 1);
    }

    /* A destroyed task is no longer visited; NULL walks nothing. */
    TT_ASSERT_ERR(tos_task_destroy(&tasks[1]), K_ERR_NONE);
    tos_task_walkthru(K_NULL);
    walked_count = 0;
    tos_task_walkthru(walker);
    TT_ASSERT_EQ(walked_count, stat_list_length());
    TT_ASSERT_EQ(walked_times(&tasks[1]), 0);
    TT_ASSERT_PTR_EQ(walked[0], &tasks[2]);
    TT_ASSERT_PTR_EQ(walked[1], &tasks[0]);
    TT_ASSERT(log_is(0));
}

/* ---- tos_task_stack_draught_depth ------------------------------------------ */

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
static void test_stack_draught_depth_null_depth_rejected(void)
{
    TT_ASSERT_ERR(tos_task_stack_draught_depth(K_NULL, K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(tos_task_stack_draught_depth(k_curr_task, K_NULL), K_ERR_OBJ_PTR_NULL);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    {
        static k_task_t never_created;
        int depth = -1;

        /* depth is checked before the task. */
        TT_ASSERT_ERR(tos_task_stack_draught_depth(&never_created, K_NULL), K_ERR_OBJ_PTR_NULL);
        TT_ASSERT_ERR(tos_task_stack_draught_depth(&never_created, &depth), K_ERR_OBJ_INVALID);
    }
#endif
}

static void test_stack_draught_depth_of_own_task(void)
{
    int depth_null = -1;
    int depth_self = -2;

    TT_ASSERT_ERR(tos_task_stack_draught_depth(K_NULL, &depth_null), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_stack_draught_depth(k_curr_task, &depth_self), K_ERR_NONE);
    TT_ASSERT_EQ(depth_null, depth_self);
    TT_ASSERT_GT(depth_null, 0);
    TT_ASSERT_LT(depth_null, (int)k_curr_task->stk_size);
}

static void test_stack_draught_depth_of_other_task(void)
{
    int depth = -1;
    k_stack_t saved;

    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_stack_draught_depth(&tasks[0], &depth), K_ERR_NONE);
    /* Only the initial context at the top is in use. */
    TT_ASSERT_GT(depth, 0);
    TT_ASSERT_LT(depth, (int)(STK_SIZE - STK_MARK_OFFSET));
    TT_ASSERT_EQ(stacks[0][0], 0xCC);

    /* A byte written deep in the stack sets the high-water mark exactly. */
    saved = stacks[0][STK_MARK_OFFSET];
    stacks[0][STK_MARK_OFFSET] = 0x00;
    TT_ASSERT_ERR(tos_task_stack_draught_depth(&tasks[0], &depth), K_ERR_NONE);
    stacks[0][STK_MARK_OFFSET] = saved;
    TT_ASSERT_EQ(saved, 0xCC);
    TT_ASSERT_EQ(depth, (int)(STK_SIZE - STK_MARK_OFFSET));
}

static k_stack_t stack_copy[STK_SIZE];

static void test_stack_draught_depth_overflow_detected(void)
{
    int depth = -1;
    k_err_t err;

    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    /* The whole buffer overwritten; the context is put back before it matters. */
    memcpy(stack_copy, stacks[0], STK_SIZE);
    memset(stacks[0], 0x5A, STK_SIZE);
    err = tos_task_stack_draught_depth(&tasks[0], &depth);
    memcpy(stacks[0], stack_copy, STK_SIZE);
    TT_ASSERT_ERR(err, K_ERR_TASK_STK_OVERFLOW);
    TT_ASSERT_EQ(depth, (int)STK_SIZE);

    TT_ASSERT_ERR(tos_task_stack_draught_depth(&tasks[0], &depth), K_ERR_NONE);
    TT_ASSERT_LT(depth, (int)STK_SIZE);
    TT_ASSERT_ERR(tos_task_delay(1u), K_ERR_NONE);
    TT_ASSERT(log_is(1, 0));
}
#endif

/* ---- tos_task_info_display --------------------------------------------------- */

#if INFO_CAPTURE

#define INFO_MAX 8192

static char info_text[INFO_MAX];

/* Runs tos_task_info_display() with stdout redirected into info_text. */
static int info_capture(void)
{
    FILE *tmp = tmpfile();
    int saved;
    size_t n;

    if (tmp == K_NULL) {
        return 0;
    }
    fflush(stdout);
    saved = dup(1);
    if (saved < 0 || dup2(fileno(tmp), 1) < 0) {
        fclose(tmp);
        return 0;
    }
    tos_task_info_display();
    fflush(stdout);
    (void)dup2(saved, 1);
    close(saved);
    rewind(tmp);
    n = fread(info_text, 1u, INFO_MAX - 1u, tmp);
    info_text[n] = '\0';
    fclose(tmp);
    return 1;
}

static void test_info_display_lists_every_task_with_state(void)
{
    delay_ticks[1] = 1000u;
    TT_ASSERT_ERR(spawn(0, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(1, PRIO_HI1, entry_delay), K_ERR_NONE);
    TT_ASSERT_ERR(spawn(2, PRIO_LO1, entry_log), K_ERR_NONE);
    TT_ASSERT_ERR(tos_task_suspend(&tasks[2]), K_ERR_NONE);

    TT_ASSERT(info_capture());
    TT_ASSERT_NOT_NULL(strstr(info_text, "tsk name: idle\ntsk stat: READY\n"));
    TT_ASSERT_NOT_NULL(strstr(info_text, "tsk name: t0\ntsk stat: READY\nstk size: 1024\n"));
    TT_ASSERT_NOT_NULL(strstr(info_text, "tsk name: t1\ntsk stat: SLEEP\n"));
    TT_ASSERT_NOT_NULL(strstr(info_text, "tsk name: t2\ntsk stat: SUSPENDED\n"));
    TT_ASSERT_NOT_NULL(strstr(info_text, "tsk stat: RUNNING\n"));
    /* Newest first. */
    TT_ASSERT(strstr(info_text, "tsk name: t2") < strstr(info_text, "tsk name: t0"));
}
#else
static void test_info_display_lists_every_task_with_state(void)
{
    tos_task_info_display();
    TT_SKIP("stdout cannot be captured on this platform");
}
#endif

static k_err_t isr_resume_result;

static void isr_body_resume_interrupted(void)
{
    isr_resume_result = tos_task_resume(k_curr_task);
}

/*
 * An interrupt taken after a task suspended itself, but before it is switched
 * out, may resume it. The original refused that as "resume self" and the task
 * slept forever (here the simulator would report a deadlock).
 */
static void test_isr_resume_in_self_suspend_window_is_not_lost(void)
{
    k_task_t *self = k_curr_task;
    k_err_t suspend_err;
    TOS_CPU_CPSR_ALLOC();

    isr_resume_result = (k_err_t)-1;
    TOS_CPU_INT_DISABLE();
    in_isr(isr_body_resume_interrupted); /* pending while interrupts are masked */
    suspend_err = tos_task_suspend(K_NULL);
    TOS_CPU_INT_ENABLE(); /* the interrupt is taken before the switch-out */
    TT_ASSERT_ERR(suspend_err, K_ERR_NONE);
    TT_ASSERT_ERR(isr_resume_result, K_ERR_NONE);
    TT_ASSERT_PTR_EQ(k_curr_task, self);
    TT_ASSERT_EQ(self->state, K_TASK_STATE_READY);
}

TT_SUITE("task", setup, teardown, TT_CASE(test_create_fills_tcb_and_readies_task),
         TT_CASE(test_isr_resume_in_self_suspend_window_is_not_lost),
         TT_CASE(test_create_higher_prio_task_runs_before_create_returns),
         TT_CASE(test_create_equal_prio_task_waits_for_yield),
         TT_CASE(test_create_in_isr_returns_in_irq), TT_CASE(test_create_null_arguments_rejected),
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
         TT_CASE(test_create_live_task_returns_already_created),
#endif
         TT_CASE(test_create_stack_too_small_rejected),
         TT_CASE(test_create_idle_or_lower_priority_rejected),
         TT_CASE(test_create_long_name_truncated_and_terminated),
         TT_CASE(test_create_null_name_gives_empty_name),
         TT_CASE(test_return_from_entry_destroys_task),
         TT_CASE(test_return_from_entry_with_interrupts_masked_still_switches),
         TT_CASE(test_destroyed_static_task_can_be_created_again),
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
         TT_CASE(test_create_dyn_errors_in_order),
         TT_CASE(test_create_dyn_and_destroy_other_frees_at_once),
         TT_CASE(test_create_dyn_runs_with_arg_at_its_priority),
         TT_CASE(test_create_dyn_marks_dynamic_before_higher_prio_task_runs),
         TT_CASE(test_create_dyn_self_destroy_reclaimed_by_idle),
#if TOS_CFG_MMHEAP_EN > 0u
         TT_CASE(test_create_dyn_out_of_memory_for_tcb),
         TT_CASE(test_create_dyn_out_of_memory_for_stack_frees_tcb),
#endif
         TT_CASE(test_destroy_alloc_type_mismatch_rejected),
#endif
         TT_CASE(test_destroy_self_does_not_return), TT_CASE(test_destroy_ready_task_never_runs),
         TT_CASE(test_destroy_sleeping_task_leaves_tick_list), TT_CASE(test_destroy_suspended_task),
         TT_CASE(test_destroy_idle_rejected), TT_CASE(test_destroy_self_with_sched_locked_rejected),
         TT_CASE(test_destroy_in_isr_returns_in_irq),
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
         TT_CASE(test_destroy_twice_or_never_created_invalid),
#endif
#if TOS_CFG_SEM_EN > 0u
         TT_CASE(test_destroy_waiter_leaves_wait_list),
#endif
#if TOS_CFG_MUTEX_EN > 0u
         TT_CASE(test_destroy_owner_wakes_mutex_waiters_with_owner_die),
#endif
         TT_CASE(test_delay_wakes_on_exact_tick), TT_CASE(test_delay_zero_yields),
         TT_CASE(test_delay_zero_without_peer_returns_at_once),
         TT_CASE(test_delay_forever_rejected), TT_CASE(test_delay_in_isr_returns_in_irq),
         TT_CASE(test_delay_with_sched_locked_rejected),
         TT_CASE(test_delay_abort_wakes_sleeper_at_once),
         TT_CASE(test_delay_abort_lower_prio_sleeper_runs_when_runner_blocks),
         TT_CASE(test_delay_abort_errors), TT_CASE(test_delay_abort_in_isr_returns_in_irq),
         TT_CASE(test_delay_abort_suspended_sleeper_rejected),
#if TOS_CFG_SEM_EN > 0u
         TT_CASE(test_delay_abort_rejects_timed_waiter_and_keeps_wait_list),
#endif
         TT_CASE(test_suspend_ready_task_until_resumed), TT_CASE(test_suspend_self_then_resume),
         TT_CASE(test_suspend_twice_needs_one_resume), TT_CASE(test_suspend_idle_rejected),
         TT_CASE(test_suspend_self_with_sched_locked_rejected),
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
         TT_CASE(test_suspend_resume_invalid_task_rejected),
#endif
         TT_CASE(test_suspended_sleeper_runs_only_after_resume),
         TT_CASE(test_suspended_sleeper_resumed_early_wakes_on_time), TT_CASE(test_resume_errors),
         TT_CASE(test_resume_from_isr_switches_at_isr_exit),
         TT_CASE(test_suspend_null_from_isr_suspends_interrupted_task),
         TT_CASE(test_suspend_other_from_isr), TT_CASE(test_prio_change_errors),
         TT_CASE(test_prio_change_same_prio_keeps_queue_position),
         TT_CASE(test_prio_change_ready_task_goes_to_tail),
         TT_CASE(test_prio_change_ready_task_above_runner_preempts),
         TT_CASE(test_prio_change_of_current_task_below_ready_task_yields_cpu),
         TT_CASE(test_prio_change_sleeping_task_wakes_at_new_prio),
         TT_CASE(test_prio_change_of_suspended_task_applies_new_prio),
#if TOS_CFG_SEM_EN > 0u
         TT_CASE(test_prio_change_waiting_task_reorders_wait_list),
#endif
#if TOS_CFG_MUTEX_EN > 0u
         TT_CASE(test_prio_change_of_boosted_mutex_owner_is_deferred),
#endif
         TT_CASE(test_yield_runs_equal_prio_peers_in_fifo_order),
         TT_CASE(test_yield_without_peer_returns_at_once), TT_CASE(test_yield_in_isr_does_nothing),
         TT_CASE(test_curr_task_get_matches_k_curr_task),
         TT_CASE(test_walkthru_visits_every_task_once_newest_first),
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
         TT_CASE(test_stack_draught_depth_null_depth_rejected),
         TT_CASE(test_stack_draught_depth_of_own_task),
         TT_CASE(test_stack_draught_depth_of_other_task),
         TT_CASE(test_stack_draught_depth_overflow_detected),
#endif
         TT_CASE(test_info_display_lists_every_task_with_state));
