# QEMU mps2-an386: Cortex-M4F (ARMv7E-M, single-precision FPU), 25 MHz, 32 interrupt lines.
set(MPS2_MACHINE mps2-an386)
set(MPS2_CPU_FLAGS -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard)
set(MPS2_CLOCK_HZ 25000000)
set(MPS2_IRQ_COUNT 32)
set(MPS2_TIMER0_BASE 0x40000000)
set(MPS2_TIMER0_IRQ 8)
include("${TERN_ROOT}/boards/mps2-common/mps2.cmake")
