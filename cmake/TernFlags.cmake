# Language level and compiler flags for everything Tern builds.

set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)
# The host port is built on POSIX (threads, signals, clocks), which strict
# ISO C hides; ports for bare-metal CPUs need no extensions.
if(TERN_ARCH STREQUAL "host")
    set(CMAKE_C_EXTENSIONS ON)
else()
    set(CMAKE_C_EXTENSIONS OFF)
endif()

set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "Tern: the build expects GCC or Clang, not ${CMAKE_C_COMPILER_ID}")
endif()

add_compile_options(-Wall -Wextra -Werror)

# The board's CPU selection reaches the compiler and the linker alike (it
# picks the multilib); the linker script and start-up options only the link.
if(TERN_BOARD_CPU_FLAGS)
    add_compile_options(${TERN_BOARD_CPU_FLAGS})
    add_link_options(${TERN_BOARD_CPU_FLAGS})
endif()
if(TERN_BOARD_LINK_FLAGS)
    add_link_options(${TERN_BOARD_LINK_FLAGS})
endif()
if(TERN_BOARD_DEFINITIONS)
    add_compile_definitions(${TERN_BOARD_DEFINITIONS})
endif()

# The same as usage requirements, for targets outside Tern's directory tree
# (an application that adds Tern with add_subdirectory() builds its own
# sources for the board too, and links with the board's script). A port
# links it PUBLIC to tern_port, so whatever links `tern` gets it.
add_library(tern_board_flags INTERFACE)
target_compile_options(tern_board_flags INTERFACE ${TERN_BOARD_CPU_FLAGS})
target_link_options(tern_board_flags INTERFACE ${TERN_BOARD_CPU_FLAGS} ${TERN_BOARD_LINK_FLAGS})
target_compile_definitions(tern_board_flags INTERFACE ${TERN_BOARD_DEFINITIONS})

# __FILE__ relative to the source tree, so test reports read tests/kernel/x.c:42.
add_compile_options("-fmacro-prefix-map=${TERN_ROOT}/=")

# Extra warnings for kernel/core only (see kernel/CMakeLists.txt).
set(TERN_KERNEL_WARNINGS -Wshadow -Wstrict-prototypes -Wmissing-prototypes)

if(TERN_SANITIZE)
    set(tern_sanitizers -fsanitize=address,undefined)
    add_compile_options(${tern_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(${tern_sanitizers})
endif()

if(TERN_COVERAGE)
    add_compile_options(--coverage -O0)
    add_link_options(--coverage)
endif()
