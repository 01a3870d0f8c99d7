# QEMU microbit: nRF51822, Cortex-M0 (ARMv6-M, no FPU), 16 MHz, 256 KiB flash,
# 16 KiB RAM, 32 interrupt lines. The tests use tests/config/small (the
# config for 16 KiB boards); suites whose own buffers do not fit next to the
# kernel are listed in TERN_SUITES_EXCLUDE (see boards/README.md).
set(TERN_BOARD_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
set(TERN_BOARD_LINK_FLAGS -T${TERN_BOARD_DIR}/link.ld -nostartfiles --specs=nano.specs)
set(TERN_QEMU_ICOUNT_SHIFT 5 CACHE STRING "QEMU -icount shift for the test runs (2^N ns per instruction)")
# PORT_SYSTICK_RESTART_LOSS: as for the MPS2 boards (mps2-common/mps2.cmake),
# three instructions of 2^shift ns at 16 MHz plus half a cycle, in 1/256 cycle.
math(EXPR microbit_restart_loss "3 * (1 << ${TERN_QEMU_ICOUNT_SHIFT}) * 16000000 * 256 / 1000000000 + 128")
set(TERN_BOARD_DEFINITIONS TOS_CFG_CPU_CLOCK=16000000u PORT_IRQ_COUNT=32u
                           PORT_FAULT_STACK_SIZE=512u TT_HW_TICK=1
                           PORT_SYSTICK_RESTART_LOSS=${microbit_restart_loss}u)
set(TERN_BOARD_CONFIG small)
find_program(TERN_QEMU_SYSTEM_ARM qemu-system-arm)
if(NOT TERN_QEMU_SYSTEM_ARM)
    message(WARNING "Tern: qemu-system-arm not found; the tests of ${TERN_BOARD} cannot run "
                    "(scripts/install-deps.sh installs it)")
    set(TERN_QEMU_SYSTEM_ARM qemu-system-arm)
endif()
set(TERN_BOARD_EMULATOR
    ${TERN_QEMU_SYSTEM_ARM} -M microbit -nodefaults -display none -monitor none -serial stdio
    -semihosting-config enable=on,target=native
    -icount shift=${TERN_QEMU_ICOUNT_SHIFT},align=off,sleep=off -no-reboot -kernel)
