/*
 * Start-up of the riscv32-virt board: from the first instruction to main().
 *
 * Why it is built this way: QEMU starts the hart at 0x80000000 in machine
 * mode with nothing set up, so the first instructions (section .text.boot,
 * placed first by link.ld) mask interrupts, install the port's trap vector
 * (so that even a fault during start-up is reported), and give the C code
 * its registers: gp for gp-relative data, sp on the boot stack, tp on the
 * C library's thread-local block. C then copies the initial data from ROM,
 * clears .bss, runs constructors and calls main(). The same path serves a
 * restart (cpu_reset jumps to _start), which is why interrupts are masked
 * and the data copied again here rather than trusted from the image.
 */
#include <stdlib.h>
#include <string.h>

#include "tos_k.h"

extern char __data_start[];
extern char __data_end[];
extern char __data_load[];
extern char __tdata_start[];
extern char __tdata_end[];
extern char __tdata_load[];
extern char __bss_start[];
extern char __bss_end[];

extern int main(void);
extern void __libc_init_array(void);
__NO_RETURN__ void board_start(void);

/* clang-format off */
__asm__(
    "    .pushsection .text.boot, \"ax\", @progbits\n"
    "    .globl _start\n"
    "    .type _start, @function\n"
    "_start:\n"
    "    csrci mstatus, 8\n"
    "    csrw mie, zero\n"
    "    .option push\n"
    "    .option norelax\n"
    "    la gp, __global_pointer$\n"
    "    .option pop\n"
    /* One hart runs the system; any other waits forever. */
    "    csrr t0, mhartid\n"
    "    bnez t0, 2f\n"
    "    la t0, port_trap_entry\n"
    "    csrw mtvec, t0\n"
    "    la sp, _estack\n"
    "    la tp, __tls_base\n"
    "    call board_start\n"
    "2:  wfi\n"
    "    j 2b\n"
    "    .size _start, . - _start\n"
    "    .popsection\n");
/* clang-format on */

/* Bytes from lo to hi: linker symbols are addresses, not parts of one C object. */
static size_t board_span(const char *lo, const char *hi)
{
    return (size_t)((uintptr_t)hi - (uintptr_t)lo);
}

__NO_RETURN__ void board_start(void)
{
    memcpy(__data_start, __data_load, board_span(__data_start, __data_end));
    memcpy(__tdata_start, __tdata_load, board_span(__tdata_start, __tdata_end));
    /* .tbss and .bss, and the padding between them. */
    memset(__bss_start, 0, board_span(__bss_start, __bss_end));
    __libc_init_array();
    exit(main());
}
