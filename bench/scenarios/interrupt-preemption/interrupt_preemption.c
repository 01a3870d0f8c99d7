/*
 * Interrupt preemption: a task raises the software interrupt; the handler
 * resumes a more urgent task that had suspended itself, which runs when the
 * handler ends, counts and suspends itself again. An iteration is one
 * count: interrupt, resume, switch in, suspension, switch back.
 */
#include "bench.h"

static k_task_t ipre_raiser;
static k_task_t ipre_urgent;

static void ipre_isr(void)
{
    tos_knl_irq_enter();
    (void)tos_task_resume(&ipre_urgent);
    tos_knl_irq_leave();
}

static void ipre_urgent_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_task_suspend", tos_task_suspend(K_NULL));
        ++bench_counters[0];
    }
}

static void ipre_raiser_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_irq_raise();
        ++bench_counters[1];
    }
}

void bench_main(void)
{
    bench_irq_connect(ipre_isr);
    bench_task(&ipre_urgent, ipre_urgent_entry, K_NULL, 1u);
    bench_task(&ipre_raiser, ipre_raiser_entry, K_NULL, 2u);
    bench_window("interrupt-preemption", 1u, K_NULL, 0u);
    /* Every interrupt must have made the urgent task run once. */
    if (bench_counters[1] + 1u < bench_counters[0] || bench_counters[1] > bench_counters[0] + 1u) {
        bench_check("interrupt-preemption: a resume was lost", K_ERR_OBJ_INVALID);
    }
}
