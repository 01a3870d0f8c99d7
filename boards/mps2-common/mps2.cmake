# Shared part of the board.cmake of the QEMU MPS2 boards (see boards/README.md).
# The including board.cmake sets, before including this file:
#   MPS2_MACHINE     QEMU machine name (-M)
#   MPS2_CPU_FLAGS   -mcpu/-mfloat-abi/... for its core
#   MPS2_CLOCK_HZ    the CPU clock SysTick counts
#   MPS2_IRQ_COUNT   external interrupt lines of its NVIC
#   MPS2_TIMER0_BASE, MPS2_TIMER0_IRQ   its CMSDK timer 0 (address the
#                    program can reach, interrupt line)
#
# QEMU runs each test with
#   -icount shift=5,align=off,sleep=off   deterministic time: every guest
#       instruction advances virtual time by 2^5 ns (31.25 MIPS, close to the
#       boards' 20-25 MHz), and an idle WFI jumps straight to the next timer
#       deadline, so delays cost no wall time;
#   -semihosting-config enable=on,target=native   tern_board_exit() ends QEMU
#       with the program's status (SYS_EXIT_EXTENDED);
#   -serial stdio   UART0 is the console: printf() reaches ctest's log.
set(TERN_BOARD_CPU_FLAGS ${MPS2_CPU_FLAGS} -mthumb)
set(TERN_BOARD_LINK_FLAGS -T${TERN_BOARD_DIR}/link.ld -nostartfiles --specs=nano.specs)
# MPS2_TIMER0_*: the CMSDK timer the port tests use to wake an idle CPU.
set(TERN_BOARD_DEFINITIONS TOS_CFG_CPU_CLOCK=${MPS2_CLOCK_HZ}u PORT_IRQ_COUNT=${MPS2_IRQ_COUNT}u
                           TT_HW_TICK=1 MPS2_TIMER0_BASE=${MPS2_TIMER0_BASE}u
                           MPS2_TIMER0_IRQ=${MPS2_TIMER0_IRQ}u)

set(TERN_QEMU_ICOUNT_SHIFT 5 CACHE STRING "QEMU -icount shift for the test runs (2^N ns per instruction)")
find_program(TERN_QEMU_SYSTEM_ARM qemu-system-arm)
if(NOT TERN_QEMU_SYSTEM_ARM)
    message(WARNING "Tern: qemu-system-arm not found; the tests of ${TERN_BOARD} cannot run "
                    "(scripts/install-deps.sh installs it)")
    set(TERN_QEMU_SYSTEM_ARM qemu-system-arm)
endif()
set(TERN_BOARD_EMULATOR
    ${TERN_QEMU_SYSTEM_ARM} -M ${MPS2_MACHINE} -nodefaults -display none -monitor none
    -serial stdio -semihosting-config enable=on,target=native
    -icount shift=${TERN_QEMU_ICOUNT_SHIFT},align=off,sleep=off -no-reboot -kernel)
