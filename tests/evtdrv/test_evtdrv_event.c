/*
 * Events and tasks of the event-driven mode (contract §35.2): counting
 * semantics, which task runs (lowest id first, one handler call per pass),
 * what a handler is given and what its return value resets, the INIT calls
 * of tos_evtdrv_sys_init and its errors.
 */
#include "tt_evtdrv.h"

#define EV_A ((evtdrv_event_flag_t)0x0001u)
#define EV_B ((evtdrv_event_flag_t)0x0002u)
#define EV_C ((evtdrv_event_flag_t)0x2000u)

#define TASKS   4u
#define LOG_MAX 64u

/* Return value of a handler: RET_ALL returns the flags it was given. */
#define RET_ALL ((evtdrv_event_flag_t)0xFFFFu)

typedef struct call_st {
    evtdrv_task_id_t task;
    evtdrv_event_flag_t flags;
    evtdrv_task_id_t self;
} call_t;

static call_t calls[LOG_MAX];
static unsigned int ncalls;
static evtdrv_event_flag_t ret[TASKS];
/* Optional extra action of a handler (NULL: none). */
static void (*action[TASKS])(evtdrv_task_id_t id, evtdrv_event_flag_t flags);

static evtdrv_event_flag_t task_common(evtdrv_task_id_t id, evtdrv_event_flag_t flags)
{
    if (ncalls < LOG_MAX) {
        calls[ncalls].task = id;
        calls[ncalls].flags = flags;
        calls[ncalls].self = tos_evtdrv_task_self();
    }
    ncalls++;
    if (action[id] != NULL && flags != TOS_EVTDRV_SYS_EVENT_INIT) {
        action[id](id, flags);
    }
    return ret[id] == RET_ALL ? flags : ret[id];
}

static evtdrv_event_flag_t task0(evtdrv_event_flag_t flags)
{
    return task_common(0u, flags);
}

static evtdrv_event_flag_t task1(evtdrv_event_flag_t flags)
{
    return task_common(1u, flags);
}

static evtdrv_event_flag_t task2(evtdrv_event_flag_t flags)
{
    return task_common(2u, flags);
}

static evtdrv_event_flag_t task3(evtdrv_event_flag_t flags)
{
    return task_common(3u, flags);
}

static evtdrv_task_entry_t table[TASKS] = {task0, task1, task2, task3};

static void setup(void)
{
    unsigned int i;

    memset(calls, 0, sizeof(calls));
    ncalls = 0u;
    for (i = 0u; i < TASKS; ++i) {
        ret[i] = RET_ALL;
        action[i] = NULL;
    }
}

/* Initialises with `n` tasks and forgets the INIT calls. */
static void start(evtdrv_ttb_sz_t n)
{
    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, n, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(ncalls, n);
    ncalls = 0u;
}

static void test_init_calls_every_task_once_with_init(void)
{
    unsigned int i;

    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, 3u, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(ncalls, 3u);
    for (i = 0u; i < 3u; ++i) {
        TT_ASSERT_EQ(calls[i].task, i);
        TT_ASSERT_EQ(calls[i].flags, TOS_EVTDRV_SYS_EVENT_INIT);
        TT_ASSERT_EQ(calls[i].self, TOS_EVTDRV_TASK_ID_NONE);
    }
    /* INIT was a call, not an event: nothing is pending afterwards. */
    TT_ASSERT_EQ(tt_evtdrv_drain(), 0u);
    TT_ASSERT_EQ(ncalls, 3u);
    TT_ASSERT_EQ(evtdrv_task_table_size, 3u);
    TT_ASSERT_PTR_EQ(evtdrv_task_table, table);
    TT_ASSERT_PTR_EQ(EVTDRV_TASK_ID2TASK(2u), task2);
}

static void test_each_set_is_handled_once(void)
{
    start(2u);
    TT_ASSERT_ERR(tos_evtdrv_event_set(1u, EV_A), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_event_set(1u, EV_A), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_event_set(1u, EV_A), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(evtdrv_events[1].flags, EV_A);
    TT_ASSERT_EQ(evtdrv_events[1].nesting[0], 3u);

    TT_ASSERT_EQ(tt_evtdrv_drain(), 3u);
    TT_ASSERT_EQ(ncalls, 3u);
    TT_ASSERT_EQ(calls[2].task, 1u);
    TT_ASSERT_EQ(calls[2].flags, EV_A);
    TT_ASSERT_EQ(evtdrv_events[1].flags, 0u);
    TT_ASSERT_EQ(evtdrv_events[1].nesting[0], 0u);
}

static void test_reset_takes_back_one_set(void)
{
    start(1u);
    (void)tos_evtdrv_event_set(0u, EV_A);
    (void)tos_evtdrv_event_set(0u, EV_A);
    TT_ASSERT_ERR(tos_evtdrv_event_reset(0u, EV_A), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(evtdrv_events[0].flags, EV_A);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    TT_ASSERT_EQ(ncalls, 1u);

    /* Resetting a bit that is not pending changes nothing. */
    TT_ASSERT_ERR(tos_evtdrv_event_reset(0u, EV_A | EV_B), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(evtdrv_events[0].flags, 0u);
    TT_ASSERT_EQ(evtdrv_events[0].nesting[0], 0u);
    TT_ASSERT_EQ(evtdrv_events[0].nesting[1], 0u);
}

static void test_unreturned_bit_stays_pending(void)
{
    start(1u);
    ret[0] = TOS_EVTDRV_EVENT_NONE;
    (void)tos_evtdrv_event_set(0u, EV_A);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(ncalls, 2u);
    TT_ASSERT_EQ(evtdrv_events[0].flags, EV_A);
    ret[0] = EV_A;
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    TT_ASSERT_EQ(ncalls, 3u);
}

static void test_handler_gets_every_pending_bit(void)
{
    start(1u);
    (void)tos_evtdrv_event_set(0u, EV_A | EV_C);
    (void)tos_evtdrv_event_set(0u, EV_A);
    (void)tos_evtdrv_event_set(0u, EV_B);
    /* Each call resets one set of every returned bit. */
    TT_ASSERT_EQ(tt_evtdrv_drain(), 2u);
    TT_ASSERT_EQ(calls[0].flags, EV_A | EV_B | EV_C);
    TT_ASSERT_EQ(calls[1].flags, EV_A);
}

static void test_handler_resets_only_what_it_returns(void)
{
    start(2u);
    ret[0] = EV_A;
    (void)tos_evtdrv_event_set(0u, EV_A | EV_B);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(evtdrv_events[0].flags, EV_B);
    ret[0] = RET_ALL;
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    TT_ASSERT_EQ(calls[1].flags, EV_B);
}

static void test_returned_bits_not_pending_are_ignored(void)
{
    start(2u);
    ret[0] = (evtdrv_event_flag_t)0xFFFFu & (evtdrv_event_flag_t)~EV_A;
    (void)tos_evtdrv_event_set(0u, EV_B);
    (void)tos_evtdrv_event_set(1u, EV_A | EV_B);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 2u);
    /* Task 0's return touched only task 0, and only its pending bit. */
    TT_ASSERT_EQ(calls[1].task, 1u);
    TT_ASSERT_EQ(calls[1].flags, EV_A | EV_B);
    TT_ASSERT_EQ(evtdrv_events[0].nesting[0], 0u);
}

static void test_lowest_id_first(void)
{
    start(4u);
    (void)tos_evtdrv_event_set(3u, EV_A);
    (void)tos_evtdrv_event_set(1u, EV_A);
    (void)tos_evtdrv_event_set(2u, EV_A);
    (void)tos_evtdrv_event_set(0u, EV_A);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 4u);
    TT_ASSERT_EQ(calls[0].task, 0u);
    TT_ASSERT_EQ(calls[1].task, 1u);
    TT_ASSERT_EQ(calls[2].task, 2u);
    TT_ASSERT_EQ(calls[3].task, 3u);
}

static void set_on_task0(evtdrv_task_id_t id, evtdrv_event_flag_t flags)
{
    (void)id;
    (void)flags;
    (void)tos_evtdrv_event_set(0u, EV_B);
}

/* One handler call per pass: a more urgent task made ready meanwhile goes first. */
static void test_one_task_per_pass(void)
{
    start(3u);
    action[1] = set_on_task0;
    (void)tos_evtdrv_event_set(1u, EV_A);
    (void)tos_evtdrv_event_set(2u, EV_A);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(ncalls, 1u);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 2u);
    TT_ASSERT_EQ(calls[0].task, 1u);
    TT_ASSERT_EQ(calls[1].task, 0u);
    TT_ASSERT_EQ(calls[1].flags, EV_B);
    TT_ASSERT_EQ(calls[2].task, 2u);
}

static void test_self_is_the_running_task(void)
{
    start(3u);
    TT_ASSERT_EQ(tos_evtdrv_task_self(), TOS_EVTDRV_TASK_ID_NONE);
    (void)tos_evtdrv_event_set(2u, EV_A);
    (void)tos_evtdrv_event_set(1u, EV_A);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 2u);
    TT_ASSERT_EQ(calls[0].self, 1u);
    TT_ASSERT_EQ(calls[1].self, 2u);
    TT_ASSERT_EQ(tos_evtdrv_task_self(), TOS_EVTDRV_TASK_ID_NONE);
    TT_ASSERT_EQ(evtdrv_curr_task, TOS_EVTDRV_TASK_ID_NONE);
}

static void test_set_saturates_at_0xffff(void)
{
    uint32_t i;

    start(1u);
    for (i = 0u; i < 0x10000u + 5u; ++i) {
        TT_ASSERT_ERR(tos_evtdrv_event_set(0u, EV_C), EVTDRV_ERR_NONE);
    }
    TT_ASSERT_EQ(evtdrv_events[0].nesting[13], 0xFFFFu);
    for (i = 0u; i < 0xFFFEu; ++i) {
        (void)tos_evtdrv_event_reset(0u, EV_C);
    }
    TT_ASSERT_EQ(evtdrv_events[0].flags, EV_C);
    (void)tos_evtdrv_event_reset(0u, EV_C);
    TT_ASSERT_EQ(evtdrv_events[0].flags, 0u);
    TT_ASSERT_EQ(evtdrv_events[0].nesting[13], 0u);
}

static void test_system_bits_are_accepted(void)
{
    start(1u);
    TT_ASSERT_ERR(tos_evtdrv_event_set(0u, TOS_EVTDRV_SYS_EVENT_INIT | TOS_EVTDRV_SYS_EVENT_MSG),
                  EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    TT_ASSERT_EQ(calls[0].flags, TOS_EVTDRV_SYS_EVENT_INIT | TOS_EVTDRV_SYS_EVENT_MSG);
    TT_ASSERT_EQ(evtdrv_events[0].nesting[15], 0u);
    TT_ASSERT_EQ(evtdrv_events[0].nesting[14], 0u);
}

static void test_invalid_task_is_refused(void)
{
    TT_ASSERT_ERR(tos_evtdrv_event_set(0u, EV_A), EVTDRV_ERR_TASK_INVALID); /* no task yet */
    start(2u);
    TT_ASSERT_ERR(tos_evtdrv_event_set(2u, EV_A), EVTDRV_ERR_TASK_INVALID);
    TT_ASSERT_ERR(tos_evtdrv_event_set(TOS_EVTDRV_TASK_ID_NONE, EV_A), EVTDRV_ERR_TASK_INVALID);
    TT_ASSERT_ERR(tos_evtdrv_event_reset(2u, EV_A), EVTDRV_ERR_TASK_INVALID);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 0u);
    TT_ASSERT_EQ(ncalls, 0u);
}

static void test_masks_and_helpers(void)
{
    TT_ASSERT_EQ(EVTDRV_SYS_EVENT_MASK, 0xC000u);
    TT_ASSERT_EQ(EVTDRV_USR_EVENT_MASK, 0x3FFFu);
    TT_ASSERT_EQ(TOS_EVTDRV_SYS_EVENT_INIT, 0x8000u);
    TT_ASSERT_EQ(TOS_EVTDRV_SYS_EVENT_MSG, 0x4000u);
    TT_ASSERT_EQ(TOS_EVTDRV_TASK_ID_NONE, 0xFFu);
    TT_ASSERT(evtdrv_event_is_usr(EV_C));
    TT_ASSERT(!evtdrv_event_is_usr(TOS_EVTDRV_SYS_EVENT_MSG));
    TT_ASSERT(evtdrv_event_is_sys(TOS_EVTDRV_SYS_EVENT_INIT));
    TT_ASSERT(!evtdrv_event_is_sys(EV_A));
    TT_ASSERT_EQ(sizeof(evtdrv_event_t), 34u);
}

/*
 * Contract §35.1: the globals are lvalues of the contract's types (Tern
 * keeps them in one structure, their names are macros for its members).
 */
static void test_contract_globals(void)
{
    evtdrv_task_entry_t **tasks = &evtdrv_task_table;
    evtdrv_ttb_sz_t *size = &evtdrv_task_table_size;
    evtdrv_task_id_t *curr = &evtdrv_curr_task;
    evtdrv_event_t **events = &evtdrv_events;
    k_list_t *msgs = &evtdrv_msg_list;
    k_list_t *timers = &evtdrv_timer_list;
    k_evtdrv_poll_t *poll = &evtdrv_poll;

    start(2u);
    TT_ASSERT_PTR_EQ(*tasks, table);
    TT_ASSERT_EQ(*size, 2u);
    TT_ASSERT_EQ(*curr, TOS_EVTDRV_TASK_ID_NONE);
    TT_ASSERT(*events != K_NULL);
    TT_ASSERT(tos_list_empty(msgs));
    TT_ASSERT(tos_list_empty(timers));
    TT_ASSERT_PTR_EQ(*poll, NULL);
    TT_ASSERT_PTR_EQ(EVTDRV_TASK_ID2TASK(1u), table[1]);
}

/* Contract §35.1: types, member order, error values. */
static void test_contract_types_and_values(void)
{
    TT_ASSERT_EQ(sizeof(evtdrv_bool_t), 1u);
    TT_ASSERT_LT((evtdrv_bool_t)-1, 0); /* int8_t */
    TT_ASSERT_EQ(sizeof(evtdrv_task_id_t), 1u);
    TT_ASSERT_EQ(sizeof(evtdrv_ttb_sz_t), 1u);
    TT_ASSERT_EQ(sizeof(evtdrv_tick_t), 8u);
    TT_ASSERT_EQ(sizeof(evtdrv_time_t), 4u);
    TT_ASSERT_EQ(sizeof(evtdrv_event_flag_t), 2u);
    TT_ASSERT_EQ(sizeof(evtdrv_event_nesting_t), 2u);
    TT_ASSERT_EQ(sizeof(evtdrv_msg_len_t), 2u);
    TT_ASSERT_LT(offsetof(evtdrv_timer_t, cb), offsetof(evtdrv_timer_t, cb_arg));
    TT_ASSERT_LT(offsetof(evtdrv_timer_t, cb_arg), offsetof(evtdrv_timer_t, list));
    TT_ASSERT_LT(offsetof(evtdrv_timer_t, list), offsetof(evtdrv_timer_t, expires));
    TT_ASSERT_LT(offsetof(evtdrv_timer_t, expires), offsetof(evtdrv_timer_t, period));
    TT_ASSERT_LT(offsetof(evtdrv_timer_t, period), offsetof(evtdrv_timer_t, opt));
    TT_ASSERT_LT(offsetof(evtdrv_msg_hdr_t, list), offsetof(evtdrv_msg_hdr_t, dst_task_id));
    TT_ASSERT_LT(offsetof(evtdrv_msg_hdr_t, dst_task_id), offsetof(evtdrv_msg_hdr_t, len));
    TT_ASSERT_EQ(EVTDRV_TIMER_OPT_ONESHOT, 0);
    TT_ASSERT_EQ(EVTDRV_TIMER_OPT_PERIODIC, 1);
    TT_ASSERT_EQ(EVTDRV_ERR_NONE, 0x0);
    TT_ASSERT_EQ(EVTDRV_ERR_MEM_ALLOC_FAILED, 0x1);
    TT_ASSERT_EQ(EVTDRV_ERR_PTR_NULL, 0x2);
    TT_ASSERT_EQ(EVTDRV_ERR_MSG_BUSY, 0x3);
    TT_ASSERT_EQ(EVTDRV_ERR_TASK_INVALID, 0x4);
    TT_ASSERT_EQ(EVTDRV_ERR_MMHEAP_INIT_FAILED, 0x5);
    TT_ASSERT_EQ(EVTDRV_ERR_EVENT_INVALID, 0x10);
    TT_ASSERT_EQ(EVTDRV_ERR_EVENT_OVERFLOW, 0x11);
    TT_ASSERT_EQ(EVTDRV_ERR_TIMER_ALREADY_EXIST, 0x20);
    TT_ASSERT_EQ(EVTDRV_ERR_TIMER_INACTIVE, 0x21);
    TT_ASSERT_EQ(EVTDRV_TIME_MILLISEC_PER_SEC, 1000u);
    TT_ASSERT_EQ(EVTDRV_MSG_LEN(3u), sizeof(evtdrv_msg_hdr_t) + 3u);
}

static void test_init_refuses_bad_tables(void)
{
    evtdrv_task_entry_t holey[2] = {task0, NULL};

    start(2u);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(NULL, 2u, NULL), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(holey, 2u, NULL), EVTDRV_ERR_PTR_NULL);
    TT_ASSERT_EQ(ncalls, 0u);
    /* Refused before anything changed: the previous system still runs. */
    TT_ASSERT_ERR(tos_evtdrv_event_set(1u, EV_A), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    /* No task at all is a valid (idle) system. */
    TT_ASSERT_ERR(tos_evtdrv_sys_init(NULL, 0u, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_ERR(tos_evtdrv_event_set(0u, EV_A), EVTDRV_ERR_TASK_INVALID);
}

#if TOS_CFG_EVTDRV_TASK_MAX > 0u
static void test_init_refuses_more_tasks_than_task_max(void)
{
    static evtdrv_task_entry_t many[TOS_CFG_EVTDRV_TASK_MAX + 1u];
    unsigned int i;

    for (i = 0u; i < TOS_CFG_EVTDRV_TASK_MAX + 1u; ++i) {
        many[i] = task0;
    }
    start(2u);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(many, TOS_CFG_EVTDRV_TASK_MAX + 1u, NULL),
                  EVTDRV_ERR_MEM_ALLOC_FAILED);
    TT_ASSERT_EQ(ncalls, 0u);
    /* Refused before anything changed, as a bad table is: the previous system still runs. */
    TT_ASSERT_EQ(evtdrv_task_table_size, 2u);
    TT_ASSERT_ERR(tos_evtdrv_event_set(1u, EV_A), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
    ncalls = 0u;
    TT_ASSERT_ERR(tos_evtdrv_sys_init(many, TOS_CFG_EVTDRV_TASK_MAX, NULL), EVTDRV_ERR_NONE);
    TT_ASSERT_EQ(ncalls, TOS_CFG_EVTDRV_TASK_MAX);
}
#endif

#if TOS_CFG_EVTDRV_TASK_MAX == 0u && TOS_CFG_MMHEAP_EN > 0u
/* The event state comes from the heap: a table too large for it is refused. */
static void test_init_refuses_a_table_the_heap_cannot_hold(void)
{
    static evtdrv_task_entry_t many[255];
    unsigned int i;

    for (i = 0u; i < 255u; ++i) {
        many[i] = task0;
    }
    TT_ASSERT_GT(255u * sizeof(evtdrv_event_t), TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE);
    TT_ASSERT_ERR(tos_evtdrv_sys_init(many, 255u, NULL), EVTDRV_ERR_MEM_ALLOC_FAILED);
    TT_ASSERT_EQ(ncalls, 0u);
    TT_ASSERT_ERR(tos_evtdrv_event_set(0u, EV_A), EVTDRV_ERR_TASK_INVALID);
    start(2u);
}
#endif

static void test_reinit_drops_pending_events(void)
{
    start(2u);
    (void)tos_evtdrv_event_set(0u, EV_A);
    (void)tos_evtdrv_event_set(1u, EV_B);
    start(2u);
    TT_ASSERT_EQ(evtdrv_events[0].flags, 0u);
    TT_ASSERT_EQ(tt_evtdrv_drain(), 0u);
    TT_ASSERT_EQ(ncalls, 0u);
}

static int nested_poll_result = -1;

static void poll_inside(evtdrv_task_id_t id, evtdrv_event_flag_t flags)
{
    (void)id;
    (void)flags;
    nested_poll_result = tos_evtdrv_sys_poll();
}

static void test_poll_does_not_nest(void)
{
    start(2u);
    action[0] = poll_inside;
    (void)tos_evtdrv_event_set(0u, EV_A);
    (void)tos_evtdrv_event_set(1u, EV_A);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(nested_poll_result, 0);
    TT_ASSERT_EQ(ncalls, 1u); /* task 1 did not run inside task 0 */
    TT_ASSERT_EQ(tt_evtdrv_drain(), 1u);
}

static unsigned int hook_calls;

static void hook_sets_task1(void)
{
    hook_calls++;
    if (hook_calls == 1u) {
        (void)tos_evtdrv_event_set(1u, EV_C);
    }
}

/* The poll hook runs every pass, before the tasks are chosen. */
static void test_poll_hook_runs_every_pass(void)
{
    hook_calls = 0u;
    TT_ASSERT_ERR(tos_evtdrv_sys_init(table, 2u, hook_sets_task1), EVTDRV_ERR_NONE);
    TT_ASSERT_PTR_EQ(evtdrv_poll, hook_sets_task1);
    ncalls = 0u;
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(hook_calls, 1u);
    TT_ASSERT_EQ(ncalls, 1u);
    TT_ASSERT_EQ(calls[0].flags, EV_C);
    TT_ASSERT(!tos_evtdrv_sys_poll());
    TT_ASSERT_EQ(hook_calls, 2u);
}

static void test_poll_reports_idle_and_starts_the_system(void)
{
    start(1u);
    TT_ASSERT(!tos_evtdrv_sys_poll());
    TT_ASSERT(tos_knl_is_running());
    (void)tos_evtdrv_event_set(0u, EV_A);
    TT_ASSERT(tos_evtdrv_sys_poll());
    TT_ASSERT(!tos_evtdrv_sys_poll());
}

#if TOS_CFG_EVTDRV_TASK_MAX > 0u
#define CASES_TASK_MAX TT_CASE(test_init_refuses_more_tasks_than_task_max),
#elif TOS_CFG_MMHEAP_EN > 0u
#define CASES_TASK_MAX TT_CASE(test_init_refuses_a_table_the_heap_cannot_hold),
#else
#define CASES_TASK_MAX
#endif

TT_SUITE("evtdrv_event", setup, NULL, TT_CASE(test_init_calls_every_task_once_with_init),
         TT_CASE(test_each_set_is_handled_once), TT_CASE(test_reset_takes_back_one_set),
         TT_CASE(test_unreturned_bit_stays_pending), TT_CASE(test_handler_gets_every_pending_bit),
         TT_CASE(test_handler_resets_only_what_it_returns),
         TT_CASE(test_returned_bits_not_pending_are_ignored), TT_CASE(test_lowest_id_first),
         TT_CASE(test_one_task_per_pass), TT_CASE(test_self_is_the_running_task),
         TT_CASE(test_set_saturates_at_0xffff), TT_CASE(test_system_bits_are_accepted),
         TT_CASE(test_invalid_task_is_refused), TT_CASE(test_masks_and_helpers),
         TT_CASE(test_contract_types_and_values), TT_CASE(test_contract_globals),
         TT_CASE(test_init_refuses_bad_tables),
         CASES_TASK_MAX TT_CASE(test_reinit_drops_pending_events), TT_CASE(test_poll_does_not_nest),
         TT_CASE(test_poll_hook_runs_every_pass),
         TT_CASE(test_poll_reports_idle_and_starts_the_system));
