# Build-wide choices: which CPU port, which board, which tos_config.h.

set(TERN_ARCH "host" CACHE STRING "CPU port: a directory under arch/")
set(TERN_BOARD "host" CACHE STRING "Board support: a directory under boards/")
set(TERN_CONFIG "default" CACHE STRING
    "Test configuration: a directory under tests/config/ holding tos_config.h")
set(TERN_CONFIG_DIR "" CACHE PATH
    "Directory holding the application's tos_config.h (overrides TERN_CONFIG)")

option(TERN_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(TERN_COVERAGE "Build with gcov instrumentation (-O0)" OFF)
option(TERN_EVENT_DRIVEN "The config selects the event-driven mode (TOS_CFG_EVENT_DRIVEN_EN)" OFF)
set(TERN_SUITES_EXCLUDE "" CACHE STRING "Test suites not built for this board (see tests/CMakeLists.txt)")
option(TERN_VALGRIND "Also run every test suite under valgrind (valgrind.<module>)" OFF)

# Tests only when Tern is the top-level project, not when an application
# pulls it in with add_subdirectory().
if(CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR)
    set(tern_is_top_level ON)
else()
    set(tern_is_top_level OFF)
endif()
option(TERN_BUILD_TESTS "Build the test suites" ${tern_is_top_level})
# An example is an application with its own tos_config.h, and the kernel is
# compiled for one configuration per build tree: examples are built in a tree
# configured for them (preset `demo`: TERN_CONFIG_DIR=examples/demo).
option(TERN_BUILD_BENCH "Build the benchmark applications under bench/ (bench/CMakeLists.txt)" OFF)
option(TERN_BUILD_EXAMPLES "Build the applications under examples/" OFF)

set(TERN_ROOT "${CMAKE_CURRENT_SOURCE_DIR}")

foreach(dir IN ITEMS "arch/${TERN_ARCH}" "boards/${TERN_BOARD}")
    if(NOT EXISTS "${TERN_ROOT}/${dir}/CMakeLists.txt")
        message(FATAL_ERROR "Tern: ${dir}/CMakeLists.txt not found (TERN_ARCH=${TERN_ARCH}, "
                            "TERN_BOARD=${TERN_BOARD})")
    endif()
endforeach()

# The board hook: boards/<board>/board.cmake (optional) describes how to
# build and run for the board. Contract in boards/README.md; it may set
# TERN_BOARD_CPU_FLAGS, TERN_BOARD_LINK_FLAGS, TERN_BOARD_DEFINITIONS,
# TERN_BOARD_CONFIG, TERN_BOARD_EMULATOR and append to TERN_SUITES_EXCLUDE. TernFlags.cmake
# applies the flags; the emulator runs every test executable under ctest.
set(TERN_BOARD_CPU_FLAGS "")
set(TERN_BOARD_LINK_FLAGS "")
set(TERN_BOARD_DEFINITIONS "")
set(TERN_BOARD_CONFIG "")
set(TERN_BOARD_EMULATOR "")
set(TERN_BOARD_DIR "${TERN_ROOT}/boards/${TERN_BOARD}")
if(EXISTS "${TERN_BOARD_DIR}/board.cmake")
    include("${TERN_BOARD_DIR}/board.cmake")
endif()
# In the cache, so that an application adding Tern with add_subdirectory()
# runs its own executables (add_test, run targets) the same way.
if(TERN_BOARD_EMULATOR)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${TERN_BOARD_EMULATOR}" CACHE INTERNAL
        "How to run a program of this board (boards/<board>/board.cmake)")
    set(CMAKE_CROSSCOMPILING_EMULATOR ${TERN_BOARD_EMULATOR})
endif()

# TERN_CONFIG "default" means "no particular choice": a board with too
# little memory for tests/config/default names its own (TERN_BOARD_CONFIG).
if(TERN_CONFIG_DIR)
    get_filename_component(TERN_CONFIG_PATH "${TERN_CONFIG_DIR}" ABSOLUTE)
elseif(TERN_BOARD_CONFIG AND TERN_CONFIG STREQUAL "default")
    set(TERN_CONFIG_PATH "${TERN_ROOT}/tests/config/${TERN_BOARD_CONFIG}")
else()
    set(TERN_CONFIG_PATH "${TERN_ROOT}/tests/config/${TERN_CONFIG}")
endif()
if(NOT EXISTS "${TERN_CONFIG_PATH}/tos_config.h")
    message(FATAL_ERROR "Tern: no tos_config.h in ${TERN_CONFIG_PATH} "
                        "(set TERN_CONFIG or TERN_CONFIG_DIR)")
endif()

message(STATUS "Tern: arch ${TERN_ARCH}, board ${TERN_BOARD}, config ${TERN_CONFIG_PATH}")
