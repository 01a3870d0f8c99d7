# Toolchain: GNU Arm Embedded (arm-none-eabi-gcc + newlib) for Cortex-M.
#
# Only the compiler is chosen here. The CPU (-mcpu, -mfloat-abi), the linker
# script and the C library variant come from the board's board.cmake
# (TERN_BOARD_CPU_FLAGS, TERN_BOARD_LINK_FLAGS; see boards/README.md), so one
# toolchain file serves every Cortex-M board.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)

# The compiler checks of project() run before board.cmake supplies a CPU and
# a linker script: check by building a static library, which needs neither.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Every function and object in its own section so the linker drops what is
# not used; debug information always (it does not reach the target, and gdb
# attached to QEMU needs it).
set(CMAKE_C_FLAGS_INIT "-ffunction-sections -fdata-sections -g")
set(CMAKE_ASM_FLAGS_INIT "-g")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections")

# Programs (emulators) come from the build machine, headers and libraries
# only from the toolchain.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
