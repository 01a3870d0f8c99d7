# tern_glob_library(<name> <glob>...)
#
# Adds static library <name> built from the files matching the globs
# (re-globbed at build time, so new files are picked up without reconfiguring
# by hand). A directory whose sources have not been written yet yields an
# empty library instead of a configure error.
function(tern_glob_library name)
    file(GLOB sources CONFIGURE_DEPENDS ${ARGN})
    if(NOT sources)
        set(sources "${CMAKE_CURRENT_BINARY_DIR}/${name}_empty.c")
        file(CONFIGURE OUTPUT "${sources}"
             CONTENT "/* Generated: ${name} has no sources yet. */\ntypedef int ${name}_empty_t;\n")
        message(STATUS "Tern: ${name} has no sources yet (${ARGN})")
    endif()
    add_library(${name} STATIC ${sources})
endfunction()
