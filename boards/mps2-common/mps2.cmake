# Shared part of the board.cmake of the QEMU MPS2 boards (see boards/README.md).
# The including board.cmake sets, before including this file:
#   MPS2_MACHINE     QEMU machine name (-M)
#   MPS2_CPU_FLAGS   -mcpu/-mfloat-abi/... for its core
#   MPS2_CLOCK_HZ    the CPU clock SysTick counts
#   MPS2_IRQ_COUNT   external interrupt lines of its NVIC
#   MPS2_TIMER0_BASE, MPS2_TIMER0_IRQ   its CMSDK timer 0 (address the
#                    program can reach, interrupt line)
#   MPS2_TIMER1_BASE its CMSDK timer 1 (the tests' free-running reference clock)
#   MPS2_DUALTIMER_BASE its CMSDK dual timer (see tests/framework/tt_port_arm.c)
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
set(TERN_QEMU_ICOUNT_SHIFT 5 CACHE STRING "QEMU -icount shift for the test runs (2^N ns per instruction)")

# PORT_SYSTICK_RESTART_LOSS (arch/arm/include/port.h): the cycles SysTick
# does not count across a restart, in 1/256 cycle. Under QEMU: the three
# instructions from reading CVR to writing it, each 2^shift ns at the CPU
# clock, plus half a cycle because the reading is rounded down to a whole
# count. (On silicon the restart is synchronous to the counter: whole
# cycles of the core's instruction timing.)
math(EXPR mps2_restart_loss
     "3 * (1 << ${TERN_QEMU_ICOUNT_SHIFT}) * ${MPS2_CLOCK_HZ} * 256 / 1000000000 + 128")

# MPS2_TIMER0_*: the CMSDK timer the tests use to wake an idle CPU;
# MPS2_TIMER1_BASE: the one they read as a clock independent of SysTick;
# MPS2_DUALTIMER_BASE: a counter that keeps QEMU's idle wake-ups on time.
set(TERN_BOARD_DEFINITIONS TOS_CFG_CPU_CLOCK=${MPS2_CLOCK_HZ}u PORT_IRQ_COUNT=${MPS2_IRQ_COUNT}u
                           PORT_SYSTICK_RESTART_LOSS=${mps2_restart_loss}u
                           TT_HW_TICK=1 MPS2_TIMER0_BASE=${MPS2_TIMER0_BASE}u
                           MPS2_TIMER0_IRQ=${MPS2_TIMER0_IRQ}u MPS2_TIMER1_BASE=${MPS2_TIMER1_BASE}u
                           MPS2_DUALTIMER_BASE=${MPS2_DUALTIMER_BASE}u)
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
