/*
 * port_* layer of the host simulator (contract §37.3) and its cpu_context_t.
 *
 * Why it looks like this: on a CPU the context of a task is its registers,
 * pushed on the task's stack. On the host every task runs on its own OS
 * thread with its own host stack (so sanitizers and valgrind see ordinary
 * threads), and the "registers" are that thread. The kernel-visible stack
 * buffer therefore only carries a small frame at its top naming the thread
 * record and the entry/exit/argument the task starts with; k_task_t.sp
 * points at that frame.
 *
 * The port_* functions are the reference-port names the tos_cpu_* and cpu_*
 * functions are built on; BSP code may call them directly.
 */
#ifndef _PORT_H_
#define _PORT_H_

__CDECLS_BEGIN

/* The simulator's per-task record (opaque outside the port). */
struct port_sim_thread_st;

/* What cpu_task_stk_init() writes at the aligned top of the stack buffer. */
typedef struct port_sim_frame_st {
    struct port_sim_thread_st *thread;
    void (*entry)(void *arg);
    void (*exit)(void);
    void *arg;
} port_sim_frame_t;

/*
 * The initial context; its size is K_TASK_STK_SIZE_MIN. Besides the frame it
 * reserves two words: one for aligning the frame down to a pointer boundary
 * whatever the alignment of the buffer, one so that even a minimal stack
 * keeps the kernel's 0xCC guard bytes below the frame.
 */
typedef struct cpu_context_st {
    port_sim_frame_t frame;
    unsigned char reserved[2u * sizeof(void *)];
} cpu_context_t;

__PORT__ void port_init(void);

__PORT__ void port_int_disable(void);
__PORT__ void port_int_enable(void);
__PORT__ cpu_cpsr_t port_cpsr_save(void);
__PORT__ void port_cpsr_restore(cpu_cpsr_t cpsr);

/* Flushes stdio and ends the process with status 0. */
__PORT__ __NO_RETURN__ void port_cpu_reset(void);

__PORT__ __NO_RETURN__ void port_sched_start(void);
__PORT__ void port_context_switch(void);
__PORT__ void port_irq_context_switch(void);

/* Busy delay: the calling task keeps the simulated CPU for `ms` milliseconds. */
__PORT__ void port_delay_ms(uint32_t ms);

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/*
 * The simulator's wake-up timer as an exact tickless alarm (all six methods,
 * see tos_tickless.h and port_sim.h), usable for every low-power mode. The
 * host board's tos_bsp_tickless_setup() installs it. Declared with its struct
 * tag because this header precedes tos_tickless.h.
 */
extern struct k_tickless_wkup_alarm_st port_tickless_wkup_alarm;
#endif

__CDECLS_END

#endif /* _PORT_H_ */
