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

__KNL__ k_prio_t knl_rdyq_highest_scan(void)
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
    knl_rdyq_init();
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
    return knl_rdyq_highest();
}

/* Not a hot path (priority changes): the tail insertion, then a move to the front. */
/* Head and tail by one insertion: ahead of the first is behind the list head. */
__KNL__ void readyqueue_add_at(k_task_t *task, int at_head)
{
    k_list_t *at = &k_rdyq.task_list_head[task->prio];

    if (at_head) {
        at = at->next;
    }
    tos_list_add_tail(&task->pend_list, at);
    knl_rdyq_mark(task->prio);
}

__KNL__ void readyqueue_add_head(k_task_t *task)
{
    readyqueue_add_at(task, 1);
}

__KNL__ void readyqueue_add_tail(k_task_t *task)
{
    readyqueue_add_at(task, 0);
}

__KNL__ void readyqueue_add(k_task_t *task)
{
    knl_rdyq_add(task);
}

__KNL__ void readyqueue_remove(k_task_t *task)
{
    knl_rdyq_remove(task);
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

__KNL__ void knl_switch_check(void)
{
    if (k_curr_task->state != K_TASK_STATE_DELETED) {
        knl_stack_check(k_curr_task);
    }
}
#endif

__KNL__ void knl_switch_to(k_task_t *next, cpu_cpsr_t outer)
{
#if !defined(PORT_SWITCH_PICKS_NEXT)
    k_next_task = next;
#endif
    knl_switch_check();
#if defined(PORT_SWITCH_AT_ONCE)
    if (PORT_CPSR_MASKED(outer)) {
        cpu_irq_context_switch(); /* taken once the caller unmasks */
    } else {
        cpu_context_switch_to(next);
    }
#else
    (void)outer;
    cpu_context_switch();
#endif
}

__KNL__ void knl_resched_irq(void)
{
    /*
     * k_next_task is set even when it is the running task: a switch
     * requested earlier in the same interrupt then resumes that task.
     */
    if (!TOS_CFG_EVENT_DRIVEN_EN && !knl_locked() && knl_next_task_select()) {
        cpu_irq_context_switch();
    }
}

__KNL__ void knl_resched(cpu_cpsr_t outer)
{
    knl_resched_inline(outer);
}

/* Contract §9: callable with or without interrupts masked. */
__KNL__ void knl_sched(void)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    knl_resched(cpu_cpsr);
    TOS_CPU_INT_ENABLE();
}
