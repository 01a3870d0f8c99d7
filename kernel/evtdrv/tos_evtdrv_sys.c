/*
 * The event-driven system (contract §35.2, §35.3): initialisation and the
 * loop.
 *
 * The loop runs on the kernel's foundations: k_knl_state RUNNING lets the
 * tick (tos_tick_handler) and tos_knl_irq_enter/leave work, the scheduler
 * stays a no-op (there are no tasks to switch), and an idle loop sleeps in
 * the port's cpu_idle() or the power manager, like the kernel's idle task.
 */
#include "evtdrv_private.h"

#if TOS_CFG_EVENT_DRIVEN_EN > 0u

#if TOS_CFG_EVTDRV_TASK_MAX == 0u
static evtdrv_err_t evtdrv_heap_init(void)
{
    evtdrv_err_t err = EVTDRV_ERR_NONE;

#if TOS_CFG_MMHEAP_EN > 0u
#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
    if (mmheap_init_with_pool(k_mmheap_default_pool, TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE) !=
        K_ERR_NONE) {
        err = EVTDRV_ERR_MMHEAP_INIT_FAILED;
    }
#else
    mmheap_init();
#endif
#endif
    return err;
}
#endif

/*
 * Forgets the previous initialisation (timers, messages and deferred work
 * are dropped) and sets up the new one. Interrupts disabled: a handler sees
 * either the old table or the new one (static storage; with the heap, no
 * task while it is rebuilt).
 */
static evtdrv_err_t evtdrv_sys_setup(evtdrv_task_entry_t tasks[], evtdrv_ttb_sz_t task_table_size,
                                     k_evtdrv_poll_t poll)
{
    evtdrv_err_t err = EVTDRV_ERR_NONE;

#if TOS_CFG_EVTDRV_TASK_MAX == 0u
    evtdrv_task_table_size = 0u;
    evtdrv_poll = K_NULL;
#endif
#if TOS_CFG_EVTDRV_MSG_POOL_NUM == 0u
    evtdrv_msg_reset(); /* before the heap is initialised again */
#endif
    /* Timers still linked are stale now: a timer runs while it is in the list. */
    tos_list_init(&evtdrv_timer_list);
    tos_list_init(&evtdrv_msg_list);
#if EVTDRV_STORE_EN
    memset(&evtdrv_store, 0, sizeof(evtdrv_store));
#endif
#if TOS_CFG_EVTDRV_TASK_MAX == 0u
    evtdrv_event_storage_put(); /* before the heap is initialised again */
    err = evtdrv_heap_init();
    if (err == EVTDRV_ERR_NONE) {
        err = evtdrv_event_storage_get(task_table_size);
    }
    if (err == EVTDRV_ERR_NONE)
#endif
    {
        evtdrv_task_table = tasks;
        evtdrv_task_table_size = task_table_size;
        evtdrv_poll = poll;
    }
    return err;
}

/*
 * EVTDRV_ERR_PTR_NULL if the table is NULL or has a NULL entry; with static
 * storage, EVTDRV_ERR_MEM_ALLOC_FAILED if it has more tasks than it holds.
 */
static evtdrv_err_t evtdrv_task_table_check(evtdrv_task_entry_t tasks[], evtdrv_ttb_sz_t size)
{
    evtdrv_ttb_sz_t i = 0u;
    evtdrv_err_t err = EVTDRV_ERR_PTR_NULL;

    if (tasks != K_NULL) {
        while (i < size && tasks[i] != K_NULL) {
            ++i;
        }
    }
    if (i == size) {
#if TOS_CFG_EVTDRV_TASK_MAX > 0u
        err = size <= TOS_CFG_EVTDRV_TASK_MAX ? EVTDRV_ERR_NONE : EVTDRV_ERR_MEM_ALLOC_FAILED;
#else
        err = EVTDRV_ERR_NONE;
#endif
    }
    return err;
}

__API__ evtdrv_err_t tos_evtdrv_sys_init(evtdrv_task_entry_t tasks[],
                                         evtdrv_ttb_sz_t task_table_size, k_evtdrv_poll_t poll)
{
    evtdrv_err_t err = evtdrv_task_table_check(tasks, task_table_size);
    evtdrv_ttb_sz_t i;
    TOS_CPU_CPSR_ALLOC();

    if (err == EVTDRV_ERR_NONE) {
        cpu_init();
#if TOS_CFG_PWR_MGR_EN > 0u
        pm_init(); /* as tos_knl_init() does */
#endif
        TOS_CPU_INT_DISABLE();
        err = evtdrv_sys_setup(tasks, task_table_size, poll);
        TOS_CPU_INT_ENABLE();
    }
    if (err == EVTDRV_ERR_NONE) {
        for (i = 0u; i < task_table_size; ++i) {
            (void)tasks[i](TOS_EVTDRV_SYS_EVENT_INIT);
        }
    }
    return err;
}

/*
 * The task of the lowest id with pending bits: its bits in the low 16 bits,
 * its id above them (one value, no result in memory); 0 if no task has
 * any. Unlocked reads: a bit an interrupt sets meanwhile is seen by the
 * next pass.
 */
static uint32_t evtdrv_task_pending(void)
{
    evtdrv_ttb_sz_t id;
    uint32_t pending = 0u;

    for (id = 0u; id < evtdrv_task_table_size && pending == 0u; ++id) {
        /* Read once: the handler gets the bits that were pending, an interrupt may add more. */
        pending = evtdrv_events[id].flags;
        if (pending != 0u) {
            pending |= (uint32_t)id << 16;
        }
    }
    return pending;
}

/* Calls the pending task of the lowest id once; non-zero if one was called. */
static evtdrv_bool_t evtdrv_task_run(void)
{
    uint32_t pending = evtdrv_task_pending();
    evtdrv_task_id_t id = (evtdrv_task_id_t)(pending >> 16);
    evtdrv_event_flag_t handled;

    if (pending != 0u) {
        evtdrv_curr_task = id;
        handled = evtdrv_task_table[id]((evtdrv_event_flag_t)pending);
        evtdrv_curr_task = TOS_EVTDRV_TASK_ID_NONE;
        (void)evtdrv_event_update(id, handled, EVTDRV_EVENT_DOWN);
    }
    return (evtdrv_bool_t)(pending != 0u);
}

__API__ evtdrv_bool_t tos_evtdrv_sys_poll(void)
{
    evtdrv_bool_t busy = K_FALSE;

    if (!evtdrv_globals.in_pass) {
        evtdrv_globals.in_pass = K_TRUE;
        k_knl_state = KNL_STATE_RUNNING;
        busy = evtdrv_timer_service();
#if TOS_CFG_EVTDRV_WORK_NUM > 0u
        busy |= evtdrv_work_service();
#endif
        if (evtdrv_poll != K_NULL) {
            evtdrv_poll();
        }
        busy |= evtdrv_task_run();
        evtdrv_globals.in_pass = K_FALSE;
    }
    return busy;
}

__API__ void tos_evtdrv_sys_idle(void)
{
    int work;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    work = evtdrv_task_pending() != 0u || evtdrv_timer_due() != 0u;
#if TOS_CFG_EVTDRV_WORK_NUM > 0u
    work = work || evtdrv_work_pending();
#endif
    TOS_CPU_INT_ENABLE();
    /*
     * Entered with interrupts enabled, as the kernel's idle task does: a
     * port may mask with a priority threshold (BASEPRI), and WFI does not
     * wake for interrupts masked that way.
     */
    if (!work) {
#if TOS_CFG_PWR_MGR_EN > 0u
        pm_power_manager();
#else
        cpu_idle();
#endif
    }
}

__API__ void tos_evtdrv_sys_start(void)
{
    /* The first pass marks the system running. */
    for (;;) {
        if (!tos_evtdrv_sys_poll()) {
            tos_evtdrv_sys_idle();
        }
    }
}

/*
 * For the kernel's idle and tickless code (knl_next_expires_get): ticks
 * until the loop has something to do. A poll hook has to be called on
 * every tick, as the original's spinning loop would.
 */
__KNL__ k_tick_t evtdrv_next_expires_get(void)
{
    k_tick_t next = evtdrv_timer_next_expires_get();

    if (evtdrv_poll != K_NULL && next > (k_tick_t)1u) {
        next = (k_tick_t)1u;
    }
    return next;
}

#endif /* TOS_CFG_EVENT_DRIVEN_EN */
