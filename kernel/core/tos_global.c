/* Kernel globals (contract §38.1); module-specific ones live with their module. */
#include "knl_private.h"

/*
 * The contract's core globals are members of k_knl_core (tos_sys.h says
 * why): zero is every initial value (KNL_STATE_STOPPED, counts 0, no
 * current task, tick 0); tos_knl_init() links the lists.
 */
knl_core_t k_knl_core;

#if defined(__STDC_VERSION__) && (__STDC_VERSION__ >= 201112L)
_Static_assert(sizeof(knl_state_t) == 1u && sizeof(k_nesting_t) == 1u,
               "the status bytes must fit the status word");
#endif

/* One contract name: a symbol of its own type's size at its member. */
#define KNL_CORE_NAME(name, member)                                                  \
    __asm__ volatile(".globl " #name "\n\t.type " #name ", %%object\n\t.size " #name \
                     ", %c0\n\t.set " #name ", k_knl_core + %c1\n\t"                 \
                     :                                                               \
                     : "i"(sizeof(k_knl_core.member)), "i"(offsetof(knl_core_t, member)))

/*
 * Never called: its assembly defines the names, whose values do not
 * depend on where the function is (the linker drops its code).
 */
__attribute__((used)) static void knl_core_names(void)
{
    KNL_CORE_NAME(k_knl_state, status.b.state);
    KNL_CORE_NAME(k_sched_lock_nest_cnt, status.b.lock);
    KNL_CORE_NAME(k_irq_nest_cnt, status.b.irq);
#if KNL_CORE_TASKS
    KNL_CORE_NAME(k_curr_task, curr_task);
    KNL_CORE_NAME(k_tick_count, tick_count);
    KNL_CORE_NAME(k_tick_list, tick_list);
    KNL_CORE_NAME(k_stat_list, stat_list);
#endif
#if KNL_CORE_RDYQ
    KNL_CORE_NAME(k_rdyq, rdyq);
#endif
}

#if !KNL_CORE_RDYQ
readyqueue_t k_rdyq; /* apart from the block (tos_sys.h) */
#endif
#if !KNL_CORE_TASKS
/* Apart from the block (event-driven mode, PORT_CORE_APART). */
k_task_t *k_curr_task = K_NULL;
k_tick_t k_tick_count = (k_tick_t)0u;
TOS_LIST_DEFINE(k_stat_list);
TOS_LIST_DEFINE(k_tick_list);
#endif

k_task_t *k_next_task = K_NULL;

k_task_t k_idle_task;
/* 8-byte alignment: the AAPCS stack alignment, and enough for every port. */
k_stack_t k_idle_task_stk[TOS_CFG_IDLE_TASK_STK_SIZE] __ALIGNED__(8);
k_stack_t *const k_idle_task_stk_addr = &k_idle_task_stk[0];
size_t const k_idle_task_stk_size = TOS_CFG_IDLE_TASK_STK_SIZE;

#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
TOS_LIST_DEFINE(k_dead_task_list);
#endif

k_tick_t k_cpu_tick_per_second = TOS_CFG_CPU_TICK_PER_SECOND;
k_cycle_t k_cpu_cycle_per_tick = (k_cycle_t)0u;
