/*
 * Ready queue and scheduler (contract §7.5, §7.6).
 *
 * One FIFO list per priority and a bitmap of the non-empty ones, MSB-first so
 * that count-leading-zeros of a word is the highest ready priority in it. The
 * highest ready priority is cached: adding a task is a compare, and only
 * removing the last task of the highest level rescans the (priority-count
 * sized, task-count independent) bitmap.
 */
#include "knl_private.h"

__STATIC_INLINE__ void prio_mark(k_prio_t prio)
{
    k_rdyq.prio_mask[K_PRIO_NDX(prio)] |= K_PRIO_BIT(prio);
}

__STATIC_INLINE__ void prio_unmark(k_prio_t prio)
{
    k_rdyq.prio_mask[K_PRIO_NDX(prio)] &= ~K_PRIO_BIT(prio);
}

static k_prio_t prio_highest_get(void)
{
    uint32_t i;
    k_prio_t prio = K_TASK_PRIO_INVALID;

    for (i = 0u; i < K_PRIO_TBL_SIZE; ++i) {
        if (k_rdyq.prio_mask[i] != 0u) {
            prio = (k_prio_t)(i * K_PRIO_TBL_SLOT_SIZE + tos_cpu_clz(k_rdyq.prio_mask[i]));
            break;
        }
    }
    return prio;
}

__KNL__ void readyqueue_init(void)
{
    uint32_t i;

    for (i = 0u; i < TOS_CFG_TASK_PRIO_MAX; ++i) {
        tos_list_init(&k_rdyq.task_list_head[i]);
    }
    for (i = 0u; i < K_PRIO_TBL_SIZE; ++i) {
        k_rdyq.prio_mask[i] = 0u;
    }
    k_rdyq.highest_prio = K_TASK_PRIO_INVALID;
}

__KNL__ int readyqueue_is_prio_onlyone(k_prio_t prio)
{
    k_list_t *list = &k_rdyq.task_list_head[prio];

    return !tos_list_empty(list) && list->next->next == list;
}

__KNL__ k_task_t *readyqueue_first_task_get(k_prio_t prio)
{
    return TOS_LIST_FIRST_ENTRY_OR_NULL(&k_rdyq.task_list_head[prio], k_task_t, pend_list);
}

__KNL__ k_task_t *readyqueue_highest_ready_task_get(void)
{
    return TOS_LIST_FIRST_ENTRY(&k_rdyq.task_list_head[k_rdyq.highest_prio], k_task_t, pend_list);
}

static void readyqueue_mark(k_prio_t prio)
{
    prio_mark(prio);
    if (prio < k_rdyq.highest_prio) {
        k_rdyq.highest_prio = prio;
    }
}

__KNL__ void readyqueue_add_head(k_task_t *task)
{
    tos_list_add(&task->pend_list, &k_rdyq.task_list_head[task->prio]);
    readyqueue_mark(task->prio);
}

__KNL__ void readyqueue_add_tail(k_task_t *task)
{
    tos_list_add_tail(&task->pend_list, &k_rdyq.task_list_head[task->prio]);
    readyqueue_mark(task->prio);
}

__KNL__ void readyqueue_add(k_task_t *task)
{
    /* Wake-up placement rule of §7.5: behind the running peers, ahead otherwise. */
    if (k_curr_task == K_NULL || task->prio == k_curr_task->prio) {
        readyqueue_add_tail(task);
    } else {
        readyqueue_add_head(task);
    }
}

__KNL__ void readyqueue_remove(k_task_t *task)
{
    k_prio_t prio = task->prio;

    tos_list_del(&task->pend_list);
    if (tos_list_empty(&k_rdyq.task_list_head[prio])) {
        prio_unmark(prio);
        if (prio == k_rdyq.highest_prio) {
            k_rdyq.highest_prio = prio_highest_get();
        }
    }
}

__KNL__ void readyqueue_move_head_to_tail(k_prio_t prio)
{
    k_list_t *list = &k_rdyq.task_list_head[prio];

    if (!tos_list_empty(list)) {
        tos_list_move_tail(list->next, list);
    }
}

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
/*
 * Guard-pattern overflow check of the task being switched out: the lowest
 * bytes of a descending stack keep the 0xCC fill until the stack overflows
 * into them. Ports with a hardware stack limit catch it earlier.
 */
#define KNL_STACK_GUARD_SIZE 4u

/* The default names the task and ends the program: never a silent hang. */
__HOOK__ __WEAK__ void tos_task_stack_overflow_hook(k_task_t *task)
{
    tos_kprintln("tern: stack overflow in task '%s'", task->name);
    cpu_fatal_halt();
}

static void knl_stack_check(k_task_t *task)
{
    uint32_t i;
    const k_stack_t *guard = task->stk_base;

#if TOS_CFG_CPU_STK_GROWTH == CPU_STK_GROWTH_ASCENDING
    guard = task->stk_base + task->stk_size - KNL_STACK_GUARD_SIZE;
#endif
    for (i = 0u; i < KNL_STACK_GUARD_SIZE; ++i) {
        if (guard[i] != (k_stack_t)0xCCu) {
            tos_task_stack_overflow_hook(task);
            break;
        }
    }
}
#else
#define knl_stack_check(task) ((void)0)
#endif

/* Picks the next task; returns non-zero if it is not the current one. */
__KNL__ int knl_next_task_select(void)
{
    k_next_task = readyqueue_highest_ready_task_get();
    if (k_next_task == k_curr_task) {
        return K_FALSE;
    }
    if (k_curr_task->state != K_TASK_STATE_DELETED) {
        knl_stack_check(k_curr_task);
    }
    return K_TRUE;
}

__KNL__ void knl_sched(void)
{
    TOS_CPU_CPSR_ALLOC();

    /* In event-driven mode there are no tasks to switch between. */
    if (!TOS_CFG_EVENT_DRIVEN_EN && knl_running() && !knl_inirq() && !knl_locked()) {
        TOS_CPU_INT_DISABLE();
        if (knl_next_task_select()) {
            cpu_context_switch();
        }
        TOS_CPU_INT_ENABLE();
    }
}
