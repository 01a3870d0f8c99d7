/* Kernel globals (contract §38.1); module-specific ones live with their module. */
#include "knl_private.h"

/*
 * k_knl_state (KNL_STATE_STOPPED), k_sched_lock_nest_cnt and k_irq_nest_cnt
 * (0) are the bytes of k_knl_status (knl_private.h); the contract's names
 * are symbols of their own, with their own types and sizes, at those bytes.
 */
#if defined(__STDC_VERSION__) && (__STDC_VERSION__ >= 201112L)
_Static_assert(sizeof(knl_state_t) == 1u && sizeof(k_nesting_t) == 1u,
               "the status bytes must fit the status word");
#endif

knl_status_t k_knl_status;

#define KNL_STATUS_ALIAS(name, offset)                                                  \
    ".globl " #name "\n\t.type " #name ", %object\n\t.size " #name ", 1\n\t.set " #name \
    ", k_knl_status + " #offset "\n\t"

__asm__(KNL_STATUS_ALIAS(k_knl_state, 0) KNL_STATUS_ALIAS(k_sched_lock_nest_cnt, 1)
            KNL_STATUS_ALIAS(k_irq_nest_cnt, 2));

readyqueue_t k_rdyq;

k_tick_t k_tick_count = (k_tick_t)0u;

k_task_t *k_curr_task = K_NULL;
k_task_t *k_next_task = K_NULL;

k_task_t k_idle_task;
/* 8-byte alignment: the AAPCS stack alignment, and enough for every port. */
k_stack_t k_idle_task_stk[TOS_CFG_IDLE_TASK_STK_SIZE] __ALIGNED__(8);
k_stack_t *const k_idle_task_stk_addr = &k_idle_task_stk[0];
size_t const k_idle_task_stk_size = TOS_CFG_IDLE_TASK_STK_SIZE;

#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
TOS_LIST_DEFINE(k_dead_task_list);
#endif

TOS_LIST_DEFINE(k_stat_list);
TOS_LIST_DEFINE(k_tick_list);

k_tick_t k_cpu_tick_per_second = TOS_CFG_CPU_TICK_PER_SECOND;
k_cycle_t k_cpu_cycle_per_tick = (k_cycle_t)0u;
