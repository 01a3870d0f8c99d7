# QEMU "virt" machine, 32-bit: one rv32imac hart (the CPU has S-mode, which
# the port's interrupt lines use), CLINT at 0x02000000 with mtime at 10 MHz,
# NS16550A UART at 0x10000000, SiFive test device at 0x100000, RAM at
# 0x80000000. See README.md.

# Instructions take 2^shift ns of virtual time (-icount): time, and so every
# tick, follows the instruction count and runs are repeatable. Also the
# calibration of tern_board_burn() (see CMakeLists.txt).
set(TERN_VIRT_ICOUNT_SHIFT 3)

set(TERN_BOARD_CPU_FLAGS -march=rv32imac -mabi=ilp32 -misa-spec=2.2 -mcmodel=medany)
set(TERN_BOARD_LINK_FLAGS -T${TERN_BOARD_DIR}/link.ld -nostartfiles)
# TOS_CFG_CPU_CLOCK: the frequency mtime counts at (QEMU's CLINT timebase).
set(TERN_BOARD_DEFINITIONS TOS_CFG_CPU_CLOCK=10000000u PORT_CLINT_BASE=0x02000000u)

find_program(TERN_QEMU_RISCV32 qemu-system-riscv32)
if(NOT TERN_QEMU_RISCV32)
    message(STATUS "Tern: qemu-system-riscv32 not found (package qemu-system-misc); "
                   "the tests build but cannot run")
    set(TERN_QEMU_RISCV32 qemu-system-riscv32)
endif()
set(TERN_BOARD_EMULATOR ${TERN_QEMU_RISCV32} -M virt -bios none -nographic
                        -icount shift=${TERN_VIRT_ICOUNT_SHIFT},sleep=off -kernel)
