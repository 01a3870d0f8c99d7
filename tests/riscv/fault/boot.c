/*
 * Scenario: a fault before the kernel starts (in main, on the boot stack).
 * The trap vector is installed by the board's start-up code, so even this
 * is reported, and the program ends instead of hanging.
 *
 * EXPECT: tern: trap: breakpoint \(mcause 0x00000003, mepc 0x8
 * EXPECT: tern:   before the kernel started, sp 0x8
 * EXPECT: tern: ending the program, status 134
 * BACKTRACE: boot_step main
 */
#include <stdio.h>

#include "tos_k.h"
#include "tern_board.h"

static volatile int steps;

__attribute__((noinline)) static int boot_step(int n)
{
    steps = n;
    __asm__ volatile("ebreak");
    return steps + 1;
}

int main(void)
{
    tern_board_init();
    printf("boot: about to execute ebreak\n");
    steps = boot_step(1) * 2;
    printf("boot: ebreak returned\n");
    tern_board_exit(0);
}
