/*
 * The QEMU micro:bit (nRF51822, Cortex-M0): console on the nRF51 UART,
 * exit through semihosting, a calibrated busy loop.
 *
 * Why it is built this way: the UART is used in its simplest mode, one byte
 * at a time with the TXDRDY event polled, so output works with interrupts
 * masked and in the fault handler. The pins are the micro:bit's USB serial
 * pins (TX P0.24, RX P0.25), as on the real board.
 */
#include <stdio.h>

#include "tos_k.h"
#include "port_cm.h"
#include "tern_board.h"
#include "tern_board_tickless.h"

#define NRF_UART0_BASE     0x40002000u
#define UART_STARTTX       PORT_REG(NRF_UART0_BASE + 0x008u)
#define UART_EVENTS_TXDRDY PORT_REG(NRF_UART0_BASE + 0x11Cu)
#define UART_ENABLE        PORT_REG(NRF_UART0_BASE + 0x500u)
#define UART_PSELTXD       PORT_REG(NRF_UART0_BASE + 0x50Cu)
#define UART_PSELRXD       PORT_REG(NRF_UART0_BASE + 0x514u)
#define UART_TXD           PORT_REG(NRF_UART0_BASE + 0x51Cu)
#define UART_BAUDRATE      PORT_REG(NRF_UART0_BASE + 0x524u)

#define UART_ENABLE_ON   4u
#define UART_BAUD_115200 0x01D7E000u
#define MICROBIT_PIN_TX  24u
#define MICROBIT_PIN_RX  25u

static void uart_init(void)
{
    UART_PSELTXD = MICROBIT_PIN_TX;
    UART_PSELRXD = MICROBIT_PIN_RX;
    UART_BAUDRATE = UART_BAUD_115200;
    UART_ENABLE = UART_ENABLE_ON;
    UART_STARTTX = 1u;
}

void port_console_write(const char *buf, size_t len)
{
    size_t i;

    for (i = 0u; i < len; ++i) {
        UART_EVENTS_TXDRDY = 0u;
        UART_TXD = (uint8_t)buf[i];
        while (UART_EVENTS_TXDRDY == 0u) {
        }
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
 * application's own one replaces it. QEMU's micro:bit keeps SysTick counting
 * in every mode, so the port's SysTick alarm serves SLEEP, STOP and STANDBY.
 * (The real nRF51 has no SysTick: a board for it wakes from an RTC alarm.)
 */
__WEAK__ int tos_bsp_tickless_setup(void)
{
    return tern_board_tickless_setup();
}
#endif
