# Toolchain: riscv64-unknown-elf-gcc (a multilib GCC) with picolibc, for
# RV32 machine-mode targets.
#
# Only the compiler, the C library and the RV32 multilib are chosen here. The
# exact ISA string, the linker script and the machine facts come from the
# board's board.cmake (TERN_BOARD_CPU_FLAGS, TERN_BOARD_LINK_FLAGS,
# TERN_BOARD_DEFINITIONS; see boards/README.md), so one toolchain file serves
# every RV32 board.
#
# -misa-spec=2.2: the ISA spec where the base ISA includes the CSR
# instructions (Zicsr) and fence.i (Zifencei). GCC 12 defaults to the 2019
# spec, where -march=rv32imac would need _zicsr_zifencei, a spelling this
# GCC's multilib selection does not map to the rv32imac/ilp32 libraries.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)

# The compiler checks of project() run before board.cmake supplies a linker
# script: check by building a static library, which needs none.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# picolibc (Debian's picolibc-riscv64-unknown-elf) through its specs file:
# headers, the multilib matching -march/-mabi, libc and libgcc. Every
# function and object in its own section so the linker drops what is not
# used; debug information always (it does not reach the target, and gdb
# attached to QEMU needs it).
set(tern_rv32_flags "-march=rv32imac -mabi=ilp32 -misa-spec=2.2 -mcmodel=medany --specs=picolibc.specs")
set(CMAKE_C_FLAGS_INIT "${tern_rv32_flags} -ffunction-sections -fdata-sections -g")
set(CMAKE_ASM_FLAGS_INIT "${tern_rv32_flags} -g")
# CMake passes the C flags (and so the specs file) to the link step too.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections")
unset(tern_rv32_flags)

# Programs (emulators) come from the build machine, headers and libraries
# only from the toolchain.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
