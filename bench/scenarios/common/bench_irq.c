/*
 * The benchmark's software interrupt, per architecture: a real interrupt
 * line of the port, made pending the way a device would (bench.h).
 */
#include "bench.h"

#if defined(__arm__)
/*
 * NVIC line 0 (a device line that nothing else enables here), one level
 * less urgent than the kernel's mask threshold on BASEPRI cores: may call
 * the kernel, more urgent than PendSV. ARMv6-M masks with PRIMASK: any
 * level but the least urgent (PendSV's) will do.
 */
#define BENCH_IRQ 0u
#if PORT_USES_BASEPRI
#define BENCH_IRQ_PRIO (TOS_CFG_CPU_BASEPRI + PORT_PRIO_STEP)
#else
#define BENCH_IRQ_PRIO PORT_PRIO_STEP
#endif

void bench_irq_connect(void (*isr)(void))
{
    if (port_irq_attach(BENCH_IRQ, isr) != 0) {
        bench_check("port_irq_attach", K_ERR_OBJ_INVALID);
    }
    port_irq_priority_set(BENCH_IRQ, BENCH_IRQ_PRIO);
    port_irq_enable(BENCH_IRQ);
}

void bench_irq_raise(void)
{
    port_irq_pend(BENCH_IRQ);
}

#elif defined(__riscv)
/* Port line 0, less urgent than the tick (priority 0). */
#define BENCH_IRQ      0u
#define BENCH_IRQ_PRIO 1u

void bench_irq_connect(void (*isr)(void))
{
    if (port_irq_attach(BENCH_IRQ, isr) != 0 ||
        port_irq_priority_set(BENCH_IRQ, BENCH_IRQ_PRIO) != 0 || port_irq_enable(BENCH_IRQ) != 0) {
        bench_check("port_irq_attach/priority_set/enable", K_ERR_OBJ_INVALID);
    }
}

void bench_irq_raise(void)
{
    (void)port_irq_pend(BENCH_IRQ);
}

#else
#error "bench_irq: no software interrupt for this architecture"
#endif
