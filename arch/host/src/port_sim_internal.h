/*
 * State shared by the host simulator's source files (private to arch/host).
 *
 * Why: the simulated CPU is a handful of flags (interrupt mask, pending
 * interrupts, pending switch, running ISR level) plus the identity of the OS
 * thread that currently holds it. Every file of the port reads them, so they
 * live in one structure. The flags that foreign threads or the real-clock
 * signal handler touch are C11 atomics (lock-free, hence async-signal-safe);
 * everything else is only touched by the thread holding the CPU, and the
 * semaphore hand-over between threads orders those accesses.
 */
#ifndef _PORT_SIM_INTERNAL_H_
#define _PORT_SIM_INTERNAL_H_

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>

#include "tos_k.h"
#include "port_sim.h"

/* The "level" of code running at task level (less urgent than any ISR). */
#define SIM_LEVEL_TASK 0xFFFFFFFFu

/* Exit status of the simulator's own fatal errors and of a deadlock. */
#define SIM_EXIT_FAILURE 3

/* One OS thread standing for one task (or for main(), the boot context). */
struct port_sim_thread_st {
    pthread_t thread;
    sem_t wake;                      /* posted to hand over the CPU */
    port_sim_frame_t *frame;         /* in the kernel-visible stack */
    atomic_int dying;                /* reclaimed: end when woken */
    struct port_sim_thread_st *next; /* registry link */
};

typedef struct sim_cpu_st {
    _Atomic(struct port_sim_thread_st *) owner; /* holds the CPU */
    atomic_int masked;                          /* simulated PRIMASK */
    atomic_int in_port;                         /* port code running: no async delivery */
    atomic_int switch_pending;                  /* PendSV */
    atomic_uint level;                          /* priority of the running ISR */
    _Atomic uint32_t irq_pending;               /* one bit per irq */
    atomic_int signals;                         /* real clock: tick signal installed */
    unsigned long progress;                     /* switches + ISRs run, for the deadlock guard */
} sim_cpu_t;

extern sim_cpu_t sim_cpu;

/* The task linked into k_stat_list by `node` (offsetof: no null-pointer arithmetic). */
static inline k_task_t *sim_task_of_stat_node(k_list_t *node)
{
    return (k_task_t *)(void *)((char *)node - offsetof(k_task_t, stat_list));
}

/* port_task.c */
/* The caller's record if it is a simulator thread (the CPU holder), else NULL. */
struct port_sim_thread_st *sim_self_peek(void);
/* Same, but the first thread to use the kernel becomes the boot context. */
struct port_sim_thread_st *sim_self(void);
void sim_switch_now(void);
void sim_registry_lock(void);
void sim_registry_unlock(void);
__NO_RETURN__ void sim_fatal(const char *what);

/* port_irq.c */
void sim_service(void);
void sim_service_if_work(void);
void sim_irq_install(unsigned irq, void (*isr)(void), unsigned prio);

/* port_clock.c */
void sim_clock_init(void);
void sim_clock_start(void);
void sim_foreign_notify(void);
void sim_signal_unblock(void);

#endif /* _PORT_SIM_INTERNAL_H_ */
