/*
 * tt: what a test needs from the platform beyond the kernel API.
 * Implemented once per arch, in tt_port_<arch>.c.
 */
#ifndef _TT_PORT_H_
#define _TT_PORT_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Keeps the CPU busy for `cycles` CPU cycles without calling the kernel,
 * the way a computing task does; ticks (and preemption) happen meanwhile.
 * On the host the virtual clock advances by exactly that many cycles.
 */
void tt_busy(uint32_t cycles);

/*
 * Installs isr as the handler of simulated interrupt line irq. The ISR
 * brackets its kernel calls with tos_knl_irq_enter()/tos_knl_irq_leave().
 * Records a test failure if the platform rejects the line.
 */
void tt_irq_connect(unsigned irq, void (*isr)(void));

/* Raises interrupt line irq, as if a device signalled it. */
void tt_irq_raise(unsigned irq);

#ifdef __cplusplus
}
#endif

#endif /* _TT_PORT_H_ */
