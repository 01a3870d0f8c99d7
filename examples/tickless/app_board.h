/*
 * What the tickless example needs from its board (app_board_<arch>.c).
 *
 * The example's logic (main.c) only uses the kernel API and these hooks, so
 * moving it to a board means writing one file: the button and radio
 * interrupts, and the tickless BSP hook tos_bsp_tickless_setup() that
 * installs the wake-up alarms (see README.md).
 */
#ifndef _APP_BOARD_H_
#define _APP_BOARD_H_

#include <stddef.h>
#include <stdint.h>

/* Connects the button and radio interrupts; called by main() before the kernel starts. */
void app_board_init(void);

/*
 * Starts sending `len` bytes in the background (DMA): returns at once; the
 * radio's completion interrupt then calls app_radio_done(). The peripheral
 * needs its clock until then: the caller keeps the CPU out of STOP.
 */
void app_radio_start(const void *data, size_t len);

/* Some work on the CPU, about `cycles` CPU cycles (reading a sensor). */
void app_board_work(uint32_t cycles);

/*
 * Non-zero if the CPU always wakes on time: true on a board and on the
 * simulator's virtual clock; with the real clock a loaded host may wake the
 * simulated CPU a tick late (time is still credited exactly, but a timer
 * then runs a tick late).
 */
int app_board_wakeups_on_time(void);

/* ---- called by the board's ISRs, between tos_knl_irq_enter() and _leave() ---- */

void app_button_pressed(void);
void app_radio_done(void);

#endif /* _APP_BOARD_H_ */
