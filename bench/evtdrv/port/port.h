/*
 * The footprint bench's stand-in port: only what the event-driven mode
 * uses (PRIMASK critical sections, SysTick, WFI). The context is the
 * Cortex-M exception frame plus R4-R11, as in arch/arm; no task ever uses
 * it here.
 */
#ifndef _PORT_H_
#define _PORT_H_

__CDECLS_BEGIN

typedef struct cpu_context_st {
    cpu_data_t r4_r11[8];
    cpu_data_t r0, r1, r2, r3, r12, lr, pc, xpsr;
} cpu_context_t;

__CDECLS_END

#endif /* _PORT_H_ */
