# QEMU mps2-an505: Cortex-M33 (ARMv8-M mainline, single-precision FPU), running
# in the Secure state as it comes out of reset, 20 MHz, 32 + 92 interrupt lines.
set(MPS2_MACHINE mps2-an505)
set(MPS2_CPU_FLAGS -mcpu=cortex-m33 -mfpu=fpv5-sp-d16 -mfloat-abi=hard)
set(MPS2_CLOCK_HZ 20000000)
set(MPS2_IRQ_COUNT 124)
set(MPS2_TIMER0_BASE 0x50000000)
set(MPS2_TIMER0_IRQ 3)
set(MPS2_TIMER1_BASE 0x50001000)
set(MPS2_DUALTIMER_BASE 0x50002000)
include("${TERN_ROOT}/boards/mps2-common/mps2.cmake")
