/*
 * A calibrated busy loop (tern_board_burn() on Cortex-M boards).
 *
 * Why it is built this way: a loop's cycles per iteration depend on the
 * core, the memory it runs from and, under QEMU, on -icount; so it is
 * measured once against SysTick, which counts CPU cycles on every
 * Cortex-M. The rate is kept as iterations per cycle in 16.16 fixed point,
 * so a burn is one multiplication. Interrupts and preemption may happen
 * during a burn; the loop counts its own iterations only, i.e. the cycles
 * the calling task itself spends.
 */
#include "tos_k.h"
#include "port_cm.h"

#define PORT_BURN_CALIBRATION_LOOPS 200000u

/* Iterations per cycle, 16.16 fixed point. */
static uint32_t port_burn_rate = 1u << 16;

static void port_burn_loop(uint32_t iterations)
{
    if (iterations != 0u) {
        __asm__ volatile("1: subs %0, %0, #1\n\t"
                         "bne 1b"
                         : "+l"(iterations)
                         :
                         : "cc");
    }
}

__PORT__ void port_burn_calibrate(void)
{
    uint32_t elapsed;
    cpu_cpsr_t cpsr = port_cpsr_save_inline();

    PORT_SYST_CSR = 0u;
    PORT_SYST_RVR = PORT_SYST_RVR_MAX;
    PORT_SYST_CVR = 0u;
    PORT_SYST_CSR = PORT_SYST_CSR_CLKSOURCE | PORT_SYST_CSR_ENABLE;
    port_burn_loop(1u); /* the counter has been reloaded */
    elapsed = PORT_SYST_CVR;
    port_burn_loop(PORT_BURN_CALIBRATION_LOOPS);
    elapsed -= PORT_SYST_CVR;
    PORT_SYST_CSR = 0u;
    port_cpsr_restore_inline(cpsr);
    if (elapsed != 0u) {
        port_burn_rate = (uint32_t)(((uint64_t)PORT_BURN_CALIBRATION_LOOPS << 16) / elapsed);
    }
}

__PORT__ void port_burn(uint32_t cycles)
{
    port_burn_loop((uint32_t)(((uint64_t)cycles * port_burn_rate) >> 16));
}
