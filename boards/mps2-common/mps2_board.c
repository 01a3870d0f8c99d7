/*
 * The QEMU MPS2 boards (AN385, AN386, AN500, AN505): console on UART0 (an
 * ARM CMSDK APB UART), exit through semihosting, and a calibrated busy loop.
 *
 * Why it is built this way: under QEMU the UART transmits at once and needs
 * no clock setup beyond a valid baud divisor, and the CPU clock is fixed
 * (the board's TOS_CFG_CPU_CLOCK). The busy loop is calibrated against
 * SysTick once at start-up (before the kernel programs it), so
 * tern_board_burn() means CPU cycles whatever the core and whatever QEMU's
 * instructions-per-time setting; with -icount the calibration, and hence
 * every run, is deterministic.
 */
#include <stdio.h>

#include "tos_k.h"
#include "port_cm.h"
#include "tern_board.h"
#include "tern_board_tickless.h"

#ifndef MPS2_UART0_BASE
#error "the board's CMakeLists.txt defines MPS2_UART0_BASE"
#endif

#define UART_DATA    PORT_REG(MPS2_UART0_BASE + 0x00u)
#define UART_STATE   PORT_REG(MPS2_UART0_BASE + 0x04u)
#define UART_CTRL    PORT_REG(MPS2_UART0_BASE + 0x08u)
#define UART_BAUDDIV PORT_REG(MPS2_UART0_BASE + 0x10u)

#define UART_STATE_TX_FULL (1u << 0)
#define UART_CTRL_TX_EN    (1u << 0)
#define UART_BAUD          115200u

static void uart_init(void)
{
    UART_BAUDDIV = TOS_CFG_CPU_CLOCK / UART_BAUD;
    UART_CTRL = UART_CTRL_TX_EN;
}

void port_console_write(const char *buf, size_t len)
{
    size_t i;

    for (i = 0u; i < len; ++i) {
        while ((UART_STATE & UART_STATE_TX_FULL) != 0u) {
        }
        UART_DATA = (uint8_t)buf[i];
    }
}

void tern_board_init(void)
{
    uart_init();
    (void)setvbuf(stdout, NULL, _IONBF, 0u);
    port_burn_calibrate();
}

void tern_board_burn(uint32_t cycles)
{
    port_burn(cycles);
}

__NO_RETURN__ void tern_board_exit(int status)
{
    (void)fflush(NULL);
    port_semihost_exit(status);
}

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/*
 * The tickless BSP hook (contract §33, docs/power.md section 6), weak: an
 * application's own one replaces it. The MPS2 FPGA images gate no clocks in
 * deep sleep (and QEMU's machines treat it as WFI), so SysTick keeps
 * counting in every mode and the port's SysTick alarm wakes the CPU from
 * SLEEP, STOP and STANDBY alike. Tickless idle starts in SLEEP.
 */
__WEAK__ int tos_bsp_tickless_setup(void)
{
    return tern_board_tickless_setup();
}
#endif
