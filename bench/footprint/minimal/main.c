/*
 * Footprint "minimal": one application task that delays in a loop. It runs
 * for FOOTPRINT_ROUNDS delays and ends the program with status 0, so that
 * run.sh can also check that the measured image works.
 */
#include "tos_k.h"
#include "tern_board.h"

#define APP_PRIO         4u
#define APP_STK_SIZE     512u
#define FOOTPRINT_ROUNDS 10u

static k_task_t app_task;
static k_stack_t app_stk[APP_STK_SIZE] __ALIGNED__(8);

static void app_entry(void *arg)
{
    uint32_t round;

    (void)arg;
    for (round = 0u; round < FOOTPRINT_ROUNDS; ++round) {
        (void)tos_task_delay(10u);
    }
    tern_board_exit(tos_systick_get() == 10u * FOOTPRINT_ROUNDS ? 0 : 1);
}

int main(void)
{
    tern_board_init();
    if (tos_knl_init() == K_ERR_NONE &&
        tos_task_create(&app_task, "app", app_entry, K_NULL, APP_PRIO, app_stk, APP_STK_SIZE, 0u) ==
            K_ERR_NONE) {
        (void)tos_knl_start();
    }
    tern_board_exit(1);
}
