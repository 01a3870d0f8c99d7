/* The footprint bench's bare-metal services (startup.c). */
#ifndef _BENCH_H_
#define _BENCH_H_

#include <stdint.h>

#ifndef BENCH_MEASURE
#define BENCH_MEASURE 0
#endif

#define BENCH_STACK_PAINT 0xDEADBEEFu

/* Deepest use of the main stack so far, in bytes (the stack is painted at reset). */
uint32_t bench_stack_peak(void);
/* Size of the main stack reserved by the linker script. */
uint32_t bench_stack_size(void);
/* Semihosting output (measuring build only; nothing otherwise). */
void bench_puts(const char *s);
/* Ends the run (semihosting exit in the measuring build; a halt otherwise). */
void bench_exit(int status);

#endif /* _BENCH_H_ */
