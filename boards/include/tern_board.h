/*
 * What every board provides to the application (implemented in
 * boards/<board>/). A board brings up the machine around the CPU port:
 * clocks, console, the tick source's wiring, and the way a program ends.
 */
#ifndef _TERN_BOARD_H_
#define _TERN_BOARD_H_

#include <stdint.h>
#include "tos_compiler.h"

__CDECLS_BEGIN

/*
 * Prepares the board. main() calls it first, before tos_knl_init(); it must
 * not use the kernel. Afterwards printf() reaches the board's console.
 */
void tern_board_init(void);

/*
 * Ends the program with `status` (0 success, 77 skipped, anything else
 * failure): exit() on the host, a semihosting or test-device exit on
 * emulated boards. Callable from any task. Never returns.
 */
__NO_RETURN__ void tern_board_exit(int status);

/*
 * Keeps the CPU busy for about `cycles` CPU cycles without calling the
 * kernel (stands for real work in demos and tests; interrupts and
 * preemption go on meanwhile). On a CPU it is a calibrated loop; on the host
 * simulator it advances the virtual clock by exactly that many cycles, or
 * spins for the equivalent wall-clock time with the real clock.
 */
void tern_board_burn(uint32_t cycles);

__CDECLS_END

#endif /* _TERN_BOARD_H_ */
