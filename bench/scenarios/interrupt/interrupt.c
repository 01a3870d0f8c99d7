/*
 * Interrupt processing: a task raises the software interrupt; the handler,
 * between tos_knl_irq_enter() and tos_knl_irq_leave(), posts a semaphore;
 * the task takes it without waiting and counts.
 */
#include "bench.h"

static k_task_t irq_worker;
static k_sem_t irq_sem;

static void irq_isr(void)
{
    tos_knl_irq_enter();
    (void)tos_sem_post(&irq_sem);
    tos_knl_irq_leave();
}

static void irq_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_irq_raise();
        bench_check("tos_sem_pend (the interrupt did not post)",
                    tos_sem_pend(&irq_sem, TOS_TIME_NOWAIT));
        ++bench_counters[0];
    }
}

void bench_main(void)
{
    bench_check("tos_sem_create", tos_sem_create(&irq_sem, 0u));
    bench_irq_connect(irq_isr);
    bench_task(&irq_worker, irq_entry, K_NULL, 1u);
    bench_window("interrupt", 1u, K_NULL, 0u);
}
