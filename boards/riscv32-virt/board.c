/*
 * The riscv32-virt board: console, program exit, busy work.
 *
 * Why it is built this way:
 *  - Console: the NS16550A UART at 0x10000000, polled. picolibc's stdio
 *    calls the board's put/get functions through one FILE shared by stdin,
 *    stdout and stderr; it is unbuffered, so output is complete whenever
 *    the program ends and the same driver serves the port's trap report
 *    (port_console_write) with interrupts masked.
 *  - Exit: the SiFive test device at 0x100000 ends QEMU. 0x5555 exits with
 *    status 0; (code << 16) | 0x3333 exits with status code, so QEMU's exit
 *    status is the program's (77 = skipped for ctest). A failure whose
 *    status would read as 0 (a multiple of 65536) exits with 1 instead.
 *  - Tickless idle (TOS_CFG_TICKLESS_EN): tos_bsp_tickless_setup() installs
 *    the port's CLINT alarm for every low-power mode.
 *  - Busy work: a two-instruction loop. QEMU runs with -icount shift=N, so
 *    every instruction takes exactly 2^N ns of virtual time and the loop
 *    is calibrated exactly against TOS_CFG_CPU_CLOCK (mtime's frequency):
 *    "cycles" are converted to loop iterations at compile time.
 */
#include <stdio.h>
#include <unistd.h>

#include "tos_k.h"
#include "tern_board.h"
#include "tern_board_tickless.h"

#define BOARD_UART_BASE     0x10000000u
#define BOARD_UART_RBR      0u /* receive buffer (read) */
#define BOARD_UART_THR      0u /* transmit holding (write) */
#define BOARD_UART_IER      1u
#define BOARD_UART_FCR      2u /* FIFO control (write) */
#define BOARD_UART_LCR      3u
#define BOARD_UART_LSR      5u
#define BOARD_UART_LSR_DR   0x01u /* a received byte is waiting */
#define BOARD_UART_LSR_THRE 0x20u /* room to transmit */

#define BOARD_TEST_DEVICE 0x00100000u
#define BOARD_TEST_PASS   0x5555u
#define BOARD_TEST_FAIL   0x3333u

#ifndef BOARD_ICOUNT_SHIFT
#define BOARD_ICOUNT_SHIFT 3
#endif

/* Busy-loop iterations per TOS_CFG_CPU_CLOCK cycle, 16.16 fixed point (2 instructions each). */
#define BOARD_BURN_PER_CYCLE            \
    ((uint32_t)((1000000000ull << 16) / \
                ((uint64_t)TOS_CFG_CPU_CLOCK * (2ull << BOARD_ICOUNT_SHIFT))))

static volatile uint8_t *board_uart(uint32_t reg)
{
    return (volatile uint8_t *)(uintptr_t)(BOARD_UART_BASE + reg);
}

static void board_uart_init(void)
{
    *board_uart(BOARD_UART_IER) = 0x00u;
    *board_uart(BOARD_UART_LCR) = 0x03u; /* 8 data bits, no parity, 1 stop bit */
    *board_uart(BOARD_UART_FCR) = 0x07u; /* FIFOs on and cleared */
}

static void board_uart_put(char c)
{
    while ((*board_uart(BOARD_UART_LSR) & BOARD_UART_LSR_THRE) == 0u) {
    }
    *board_uart(BOARD_UART_THR) = (uint8_t)c;
}

void port_console_write(const char *buf, size_t len)
{
    size_t i;

    for (i = 0u; i < len; ++i) {
        board_uart_put(buf[i]);
    }
}

static int board_stdio_put(char c, FILE *file)
{
    (void)file;
    board_uart_put(c);
    return (unsigned char)c;
}

static int board_stdio_get(FILE *file)
{
    (void)file;
    while ((*board_uart(BOARD_UART_LSR) & BOARD_UART_LSR_DR) == 0u) {
    }
    return *board_uart(BOARD_UART_RBR);
}

static FILE board_stdio = FDEV_SETUP_STREAM(board_stdio_put, board_stdio_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &board_stdio;
FILE *const stdout = &board_stdio;
FILE *const stderr = &board_stdio;

void tern_board_init(void)
{
    board_uart_init();
}

void tern_board_burn(uint32_t cycles)
{
    uint32_t n = (uint32_t)(((uint64_t)cycles * BOARD_BURN_PER_CYCLE) >> 16u);

    if (n > 0u) {
        __asm__ volatile("1: addi %0, %0, -1\n"
                         "   bnez %0, 1b\n"
                         : "+r"(n));
    }
}

static __NO_RETURN__ void board_finish(int status)
{
    uint32_t code = (uint32_t)status & 0xFFFFu;
    uint32_t word = BOARD_TEST_PASS;

    if (status != 0) {
        word = ((code != 0u ? code : 1u) << 16u) | BOARD_TEST_FAIL;
    }
    *(volatile uint32_t *)(uintptr_t)BOARD_TEST_DEVICE = word;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

__NO_RETURN__ void tern_board_exit(int status)
{
    (void)fflush(stdout);
    board_finish(status);
}

/* The C library's exit() ends here. */
void _exit(int status)
{
    board_finish(status);
}

#if TOS_CFG_PWR_MGR_EN > 0u && TOS_CFG_TICKLESS_EN > 0u
/*
 * The tickless BSP hook (contract §33): the port's CLINT alarm wakes the
 * hart from every low-power mode (all of them are wfi on this machine).
 * Tickless idle starts in SLEEP. Weak: an application's own one replaces it.
 */
__WEAK__ int tos_bsp_tickless_setup(void)
{
    return tern_board_tickless_setup();
}
#endif
