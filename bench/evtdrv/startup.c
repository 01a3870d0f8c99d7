/*
 * Minimal Cortex-M start-up for the footprint bench: vector table, .data
 * and .bss set-up, the main stack painted so that its peak use can be
 * measured, and semihosting output and exit for the measuring build.
 */
#include <stdint.h>

#include "bench.h"

extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _sstack[], _estack[];

int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void SysTick_Handler(void);

void Default_Handler(void)
{
    bench_exit(3);
}

/* Initial SP, reset, NMI, HardFault, 7 reserved/fault, SVC, 2 reserved, PendSV, SysTick. */
__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)_estack,
    Reset_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    0,
    0,
    0,
    0,
    Default_Handler,
    0,
    0,
    Default_Handler,
    SysTick_Handler,
};

/* Words between two linker symbols (addresses compared as integers). */
static uint32_t words(const uint32_t *from, const uint32_t *to)
{
    return (uint32_t)(((uintptr_t)to - (uintptr_t)from) / sizeof(uint32_t));
}

void Reset_Handler(void)
{
    uint32_t i;
    uint32_t *sp;

    for (i = 0u; i < words(_sdata, _edata); ++i) {
        _sdata[i] = _sidata[i];
    }
    for (i = 0u; i < words(_sbss, _ebss); ++i) {
        _sbss[i] = 0u;
    }
    /* Paint the stack up to a little below the running frame. */
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (i = 0u; i + 8u < words(_sstack, sp); ++i) {
        _sstack[i] = BENCH_STACK_PAINT;
    }
    (void)main();
    bench_exit(2);
}

uint32_t bench_stack_peak(void)
{
    uint32_t i = 0u;

    while (i < words(_sstack, _estack) && _sstack[i] == BENCH_STACK_PAINT) {
        ++i;
    }
    return (words(_sstack, _estack) - i) * sizeof(uint32_t);
}

uint32_t bench_stack_size(void)
{
    return (uint32_t)((uintptr_t)_estack - (uintptr_t)_sstack);
}

#if BENCH_MEASURE
/* ARM semihosting: operation in r0, argument in r1, BKPT 0xAB. */
static uint32_t bench_semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;

    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void bench_puts(const char *s)
{
    (void)bench_semihost(0x04u, s); /* SYS_WRITE0 */
}

void bench_exit(int status)
{
    /* SYS_EXIT, extended form: ADP_Stopped_ApplicationExit and the status. */
    uint32_t block[2] = {0x20026u, (uint32_t)status};

    (void)bench_semihost(0x20u, block);
    (void)bench_semihost(0x18u, (const void *)(uintptr_t)(status == 0 ? 0x20026u : 0x20024u));
    for (;;) {
    }
}
#else
void bench_puts(const char *s)
{
    (void)s;
}

void bench_exit(int status)
{
    (void)status;
    for (;;) {
    }
}
#endif
