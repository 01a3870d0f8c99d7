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

/* ---- the reference clock and timed interrupts (tickless idle tests) -------- */

/*
 * A kernel that neither loses nor gains a tick is checked against a clock
 * it does not use: a free-running counter of the tick timer's clock (the
 * unit of k_cpu_cycle_per_tick) that keeps counting while the CPU sleeps.
 * Host: the simulator's cycle counter. MPS2 boards: CMSDK timer 1 (timer 0
 * raises the timed interrupts). RISC-V: mtime (the comparator also raises
 * the timed interrupts, port_irq_pend_at()). Elsewhere (micro:bit) there is
 * none and tt_clock_available() is 0: the cases that need it skip.
 */
int tt_clock_available(void);

/*
 * The reference clock now. Extended from a 32-bit counter on MPS2: read it
 * at least every 2^32 cycles (171 s at 25 MHz). Callable from tasks and
 * ISRs.
 */
uint64_t tt_clock_get(void);

/*
 * Where tick boundary 0 lies on the reference clock, measured now from the
 * port's tick timer with interrupts masked: boundary b of the kernel's tick
 * count lies at tt_clock_tick_zero() + b * k_cpu_cycle_per_tick. It stays
 * the same as long as the kernel gains or loses no tick and the tick
 * timer's grid does not move; two readings differ by the drift in cycles
 * (plus at most tt_clock_jitter()). Call from a task.
 */
uint64_t tt_clock_tick_zero(void);

/*
 * Cycles by which two tt_clock_tick_zero() readings may differ without any
 * drift (the two counters' phases), and by which a reading of the tick
 * count and of the clock, taken one after the other with interrupts masked,
 * may disagree about the boundary between them.
 */
uint32_t tt_clock_jitter(void);

/*
 * Cycles by which one tickless sleep may move the tick timer's grid on this
 * platform without anything being wrong: 0 where the tick timer is never
 * restarted (host, RISC-V). SysTick is restarted to arm a sleep and after
 * an early wake-up; on silicon that is exact to the cycle, but QEMU times
 * instructions in steps that are not whole cycles (32 ns against 40 at
 * 25 MHz), so each restart rounds by up to half a cycle (docs/power.md).
 */
uint32_t tt_clock_sleep_slack(void);

/* "Never" for tt_irq_raise_at(). */
#define TT_CLOCK_NEVER UINT64_MAX

/*
 * Raises line irq (connected with tt_irq_connect()) once tt_clock_get()
 * reaches `cycle`, as a device with its own timer would: also while the CPU
 * sleeps, which ends the sleep early. One schedule at a time: a new call
 * replaces it (an ISR may schedule the next one), TT_CLOCK_NEVER cancels, a
 * cycle already reached raises at once. The instant is exact on the host,
 * within a few cycles on a CPU.
 */
void tt_irq_raise_at(unsigned irq, uint64_t cycle);

#ifdef __cplusplus
}
#endif

#endif /* _TT_PORT_H_ */
