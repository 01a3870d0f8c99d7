/*
 * The port's line table when handlers are fixed at build time
 * (TOS_CFG_CPU_IRQ_ATTACH_EN 0) and the application defines none: no lines.
 *
 * Why it is an object of its own: an application that defines its table
 * (PORT_IRQ_LINES, port.h) keeps this object out of the link, since the
 * linker takes an archive member only for a symbol still undefined. An
 * empty table is never read, so it needs an address, not storage: it is
 * the count's.
 */
#include "tos_k.h"

#if TOS_CFG_CPU_IRQ_ATTACH_EN == 0u
const unsigned int port_irq_line_count = 0u;
extern const port_irq_line_t port_irq_lines[1] __attribute__((alias("port_irq_line_count")));
#endif
