/* Kernel globals (contract §38.1). */
#ifndef _TOS_GLOBAL_H_
#define _TOS_GLOBAL_H_

__CDECLS_BEGIN

extern k_nesting_t k_irq_nest_cnt;
extern k_nesting_t k_sched_lock_nest_cnt;
extern knl_state_t k_knl_state;
extern readyqueue_t k_rdyq;
extern k_tick_t k_tick_count;
extern k_task_t *k_curr_task;
extern k_task_t *k_next_task;

extern k_task_t k_idle_task;
extern k_stack_t k_idle_task_stk[];
extern k_stack_t *const k_idle_task_stk_addr;
extern size_t const k_idle_task_stk_size;

#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
extern k_list_t k_dead_task_list;
#endif

extern k_list_t k_stat_list;
extern k_list_t k_tick_list;

extern k_tick_t k_cpu_tick_per_second;
extern k_cycle_t k_cpu_cycle_per_tick;

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
extern k_fault_log_writer_t k_fault_log_writer;
#endif

#if TOS_CFG_MMHEAP_EN > 0u
#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
extern uint8_t k_mmheap_default_pool[] __ALIGNED__(K_MMHEAP_ALIGN_SIZE);
#endif
extern k_mmheap_ctl_t k_mmheap_ctl;
#endif

#if TOS_CFG_ROUND_ROBIN_EN > 0u
extern k_timeslice_t k_robin_default_timeslice;
#endif

#if TOS_CFG_TIMER_EN > 0u
extern timer_ctl_t k_timer_ctl;
#if TOS_CFG_TIMER_AS_PROC == 0u
extern k_task_t k_timer_task;
extern k_stack_t k_timer_task_stk[];
extern k_prio_t const k_timer_task_prio;
extern k_stack_t *const k_timer_task_stk_addr;
extern size_t const k_timer_task_stk_size;
#endif
#endif

__CDECLS_END

#endif /* _TOS_GLOBAL_H_ */
