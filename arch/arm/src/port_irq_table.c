/*
 * The port's default handler table when handlers are fixed at build time
 * (TOS_CFG_CPU_IRQ_ATTACH_EN 0): every line a fault to report.
 *
 * Why it is an object of its own: the table is the tail of the vector table
 * (port.h, the linker script's .vectors.irq), so exactly one may be linked.
 * An application that defines port_irq_table keeps this object out of the
 * link: the linker takes an archive member only for a symbol still
 * undefined.
 */
#include "tos_k.h"
#include "port_cm.h"

#if TOS_CFG_CPU_IRQ_ATTACH_EN == 0u
void port_fault_entry(void);

const port_isr_t port_irq_table[PORT_IRQ_COUNT] = {[0 ... PORT_IRQ_COUNT - 1u] = port_fault_entry};
#endif
