/*
 * cpu_reset() restarts the program from the board's entry point with its
 * memory image rebuilt: a task modifies initialized data and .bss, then
 * resets. The second start must find both as the image defines them. The
 * UART's scratch register (not touched by the start-up code) tells the two
 * starts apart. Exit status 0: restarted cleanly; 1: it did not.
 */
#include <stdio.h>

#include "tos_k.h"
#include "tern_board.h"

#define UART_SCR   ((volatile uint8_t *)(uintptr_t)0x10000007u)
#define SECOND_RUN 0xA5u

#define STK_SIZE 1024u

static k_task_t task;
static k_stack_t stack[STK_SIZE] __ALIGNED__(16);

static volatile uint32_t initialized = 0x600DDA7Au;
static volatile uint32_t cleared;

static void entry_resetter(void *arg)
{
    (void)arg;
    initialized = 0xBADu;
    cleared = 0xBADu;
    *UART_SCR = SECOND_RUN;
    (void)tos_task_delay(3u);
    printf("reset: first run, resetting\n");
    cpu_reset();
}

static int second_run(void)
{
    int ok = initialized == 0x600DDA7Au && cleared == 0u;

    *UART_SCR = 0u;
    printf("reset: second run, data %s\n", ok ? "as in the image" : "NOT restored");
    return ok ? 0 : 1;
}

int main(void)
{
    k_err_t err;

    tern_board_init();
    if (*UART_SCR == SECOND_RUN) {
        tern_board_exit(second_run());
    }
    err = tos_knl_init();
    if (err == K_ERR_NONE) {
        err = tos_task_create(&task, "resetter", entry_resetter, K_NULL, 2u, stack, STK_SIZE, 0u);
    }
    if (err == K_ERR_NONE) {
        err = tos_knl_start();
    }
    printf("reset: the kernel did not start (error %d)\n", (int)err);
    tern_board_exit(1);
}
