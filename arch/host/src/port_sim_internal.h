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
#include <time.h>

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

/* "No time": a disarmed alarm, no scheduled raise (cycle counts start at 0). */
#define SIM_NEVER UINT64_MAX

/*
 * The time base (port_clock.c; the wake-up timer in port_power.c uses it).
 * Cycles count from tos_knl_init(); tick boundary b lies at cycle
 * b * cycles_per_tick. `accounted` is the last boundary the kernel has been
 * given (delivered by the tick ISR, dropped before tos_knl_start(), or
 * credited by tickless idle): the tick ISR delivers every boundary after it
 * that has passed, so no tick is ever lost or counted twice, whoever stops
 * and restarts the tick in between. Only the CPU holder touches the plain
 * fields; the others are atomics read by foreign threads.
 */
typedef struct sim_clock_st {
    int mode;
    int frozen; /* cpu_init() ran: the mode is fixed */
    uint64_t cycles_per_tick;
    _Atomic uint64_t now;                      /* virtual clock: cycles since init */
    uint64_t accounted;                        /* boundaries given to the kernel */
    atomic_int jump;                           /* the pending tick stands for an idle jump */
    atomic_int tick_stopped;                   /* tickless: the periodic tick is suspended */
    _Atomic uint64_t irq_at[PORT_SIM_IRQ_MAX]; /* scheduled raises; 0: none */
    _Atomic uint64_t wakeups;                  /* exits from an idle wait or sleep */
    uint64_t wkup_at;                          /* wake-up timer: armed at this cycle; 0: disarmed */
    uint64_t wkup_max;                         /* its reach, cycles */
    int wkup_exact;                            /* armed by setup_cycles (it owns the tick) */
    uint64_t wkup_elapsed;                     /* last elapsed_cycles() result */
    void (*deadlock_fn)(void);
    unsigned long deadlock_progress;
    pthread_mutex_t lock; /* raisers, idle wake-up */
    pthread_cond_t wakeup;
    int raisers;
    struct timespec origin; /* real clock: monotonic time at init */
} sim_clock_t;

extern sim_clock_t sim_clock;

/* port_clock.c */
void sim_clock_init(void);
void sim_clock_start(void);
void sim_foreign_notify(void);
void sim_signal_unblock(void);
/* Cycles since init, on either clock. */
uint64_t sim_now(void);
/* Cycle of the earliest scheduled raise, SIM_NEVER if none. */
uint64_t sim_sched_next(void);
/* Raises every scheduled interrupt due at `now`. */
void sim_sched_fire(uint64_t now);
void sim_wakeups_add(uint64_t count);
/* The CPU's wait for an interrupt with the tick running (cpu_idle). */
void sim_idle(void);
/* Real clock: sleeps until cycle `until` or an interrupt is pending. */
void sim_real_wait_until(uint64_t until);

#endif /* _PORT_SIM_INTERNAL_H_ */
