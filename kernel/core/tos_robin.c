/* Round robin among equal priorities (contract §12). */
#include "knl_private.h"

#if TOS_CFG_ROUND_ROBIN_EN > 0u

#define ROBIN_DEFAULT_TIMESLICE ((k_timeslice_t)(TOS_CFG_CPU_TICK_PER_SECOND / 10u))

k_timeslice_t k_robin_default_timeslice = ROBIN_DEFAULT_TIMESLICE;

__API__ void tos_robin_default_timeslice_config(k_timeslice_t default_timeslice)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    k_robin_default_timeslice =
        default_timeslice > 0u ? default_timeslice : ROBIN_DEFAULT_TIMESLICE;
    TOS_CPU_INT_ENABLE();
}

__API__ void tos_robin_timeslice_set(k_task_t *task, k_timeslice_t timeslice)
{
    TOS_CPU_CPSR_ALLOC();

    if (task == K_NULL) {
        task = k_curr_task;
    }
    if (task != K_NULL && !cpu_is_foreign_context()) {
        TOS_CPU_INT_DISABLE();
        task->timeslice_reload = timeslice > 0u ? timeslice : k_robin_default_timeslice;
        /* The remaining slice is raised to the new value, never lowered (§12.3). */
        if (task->timeslice_reload > task->timeslice) {
            task->timeslice = task->timeslice_reload;
        }
        TOS_CPU_INT_ENABLE();
    }
}

static int robin_may_rotate(k_task_t *head, k_prio_t prio)
{
    return head != K_NULL && !knl_task_is_idle(head) && !readyqueue_is_prio_onlyone(prio) &&
           !knl_locked();
}

__KNL__ void robin_sched(k_prio_t prio)
{
    k_task_t *head;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    head = readyqueue_first_task_get(prio);
    if (robin_may_rotate(head, prio)) {
        if (head->timeslice > 0u) {
            --head->timeslice;
        }
        if (head->timeslice == 0u) {
            /* Only the task that becomes head is reloaded (contract §12.1, §40.13). */
            readyqueue_move_head_to_tail(prio);
            head = readyqueue_first_task_get(prio);
            head->timeslice =
                head->timeslice_reload > 0u ? head->timeslice_reload : k_robin_default_timeslice;
            knl_resched(cpu_cpsr);
        }
    }
    TOS_CPU_INT_ENABLE();
}

#endif
