/*
 * Reset and the vector table of every Cortex-M board.
 *
 * Why it is built this way: what happens between reset and main() is the
 * same on every Cortex-M (copy .data, clear .bss, enable the FPU and the
 * fault exceptions, run constructors); only the memory layout differs, and
 * that comes from the board's linker script through the symbols of
 * arch/arm/ld/cortexm.ld. The vector table is sized by the board's
 * PORT_IRQ_COUNT. With run-time attachment it is copied to RAM on cores with
 * VTOR, where port_irq_attach() writes the handlers into it (the ROM table
 * then holds only the system vectors); on ARMv6-M every external line enters
 * port_irq_dispatch(). Without run-time attachment the lines' vectors are
 * the application's handler table itself (no dispatcher, no second table).
 */
#include <stdlib.h>

#include "tos_k.h"
#include "port_cm.h"

/* Linker script symbols (arch/arm/ld/cortexm.ld). */
extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _sstack[], _estack[];

extern int main(void);
extern void __libc_init_array(void);

__NO_RETURN__ void Reset_Handler(void);
void port_fault_entry(void);
void SVC_Handler(void);
void PendSV_Handler(void);
void SysTick_Handler(void);

typedef union port_vector_un {
    void (*handler)(void);
    void *stack_top;
} port_vector_t;

#define PORT_VEC(fn)    \
    {                   \
        .handler = (fn) \
    }

/*
 * Without run-time attachment the external lines' vectors are the
 * application's port_irq_table, which the linker script places right
 * behind these (port.h).
 */
#if (TOS_CFG_CPU_IRQ_ATTACH_EN > 0u) && !PORT_RAM_VECTORS
#define PORT_VECTOR_COUNT (16u + PORT_IRQ_COUNT)
#else
#define PORT_VECTOR_COUNT 16u
#endif

/* Every exception without a handler of its own is a fault to report. */
__attribute__((section(".vectors"), used))
const port_vector_t tern_vector_table[PORT_VECTOR_COUNT] = {
    [0] = {.stack_top = _estack},
    [1] = PORT_VEC(Reset_Handler),
    [2 ... 10] = PORT_VEC(port_fault_entry),  /* NMI, faults */
    [11] = PORT_VEC(SVC_Handler),             /* the return from a preemption */
    [12 ... 13] = PORT_VEC(port_fault_entry), /* DebugMonitor */
    [14] = PORT_VEC(PendSV_Handler),
    [15] = PORT_VEC(SysTick_Handler),
#if (TOS_CFG_CPU_IRQ_ATTACH_EN > 0u) && !PORT_RAM_VECTORS
    [16 ... 15u + PORT_IRQ_COUNT] = PORT_VEC(port_irq_dispatch),
#endif
};

#if PORT_RAM_VECTORS
/* VTOR: aligned to the table's size rounded up to a power of two, at least 128 bytes. */
#define PORT_VECTORS_RAM_BYTES ((16u + PORT_IRQ_COUNT) * 4u)
#define PORT_VECTORS_RAM_ALIGN                 \
    (PORT_VECTORS_RAM_BYTES <= 128u    ? 128u  \
     : PORT_VECTORS_RAM_BYTES <= 256u  ? 256u  \
     : PORT_VECTORS_RAM_BYTES <= 512u  ? 512u  \
     : PORT_VECTORS_RAM_BYTES <= 1024u ? 1024u \
                                       : 2048u)

__attribute__((section(".bss.port_vectors_ram"), aligned(PORT_VECTORS_RAM_ALIGN)))
port_isr_t port_vectors_ram[16u + PORT_IRQ_COUNT];

/* The system vectors from ROM, every line a fault until attached; then VTOR. */
static void port_vectors_init(void)
{
    size_t i;

    for (i = 0u; i < 16u; ++i) {
        port_vectors_ram[i] = tern_vector_table[i].handler;
    }
    for (i = 16u; i < 16u + PORT_IRQ_COUNT; ++i) {
        port_vectors_ram[i] = port_fault_entry;
    }
    PORT_SCB_VTOR = (uint32_t)(uintptr_t)port_vectors_ram;
}
#endif

/* newlib's __libc_init_array() calls these; -nostartfiles leaves them out. */
void _init(void)
{
}

void _fini(void)
{
}

/* Word counts from the linker symbols' addresses (distinct objects to C). */
static void port_memory_init(void)
{
    size_t data_words = ((uintptr_t)_edata - (uintptr_t)_sdata) / sizeof(uint32_t);
    size_t bss_words = ((uintptr_t)_ebss - (uintptr_t)_sbss) / sizeof(uint32_t);
    size_t i;

    for (i = 0u; i < data_words; ++i) {
        _sdata[i] = _sidata[i];
    }
    for (i = 0u; i < bss_words; ++i) {
        _sbss[i] = 0u;
    }
}

/*
 * Fault exceptions of their own (not escalated to HardFault) so the report
 * names them; division by zero traps instead of yielding 0. The FPU is
 * enabled with lazy stacking (ASPEN, LSPEN: the reset values, set anyway).
 */
static void port_core_init(void)
{
#if PORT_HAS_FPU
    PORT_SCB_CPACR |= PORT_CPACR_CP10_CP11;
    PORT_FPU_FPCCR |= PORT_FPCCR_ASPEN | PORT_FPCCR_LSPEN;
#endif
#if PORT_ARMV7M_LIKE
    PORT_SCB_SHCSR |= PORT_SHCSR_MEMFAULTENA | PORT_SHCSR_BUSFAULTENA | PORT_SHCSR_USGFAULTENA;
    PORT_SCB_CCR |= PORT_CCR_DIV_0_TRP | PORT_CCR_STKALIGN;
#endif
#if PORT_RAM_VECTORS
    port_vectors_init();
#endif
    port_barrier();
}

__NO_RETURN__ void Reset_Handler(void)
{
#if PORT_HAS_PSPLIM
    /* The main stack (interrupts, main()) gets a hardware limit too. */
    __asm__ volatile("msr msplim, %0" : : "r"(_sstack));
#endif
    port_memory_init();
    port_core_init();
    __libc_init_array();
    exit(main());
}
