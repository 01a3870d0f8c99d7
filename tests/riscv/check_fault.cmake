# Runs a program that must end with a trap report and checks it.
#
#   cmake -DEMULATOR=<cmd|arg|...> -DPROGRAM=<elf> -DSOURCE=<scenario.c>
#         -DSTATUS=<exit status> -DADDR2LINE=<addr2line> -P check_fault.cmake
#
# The scenario's header comment says what the report must contain:
#   " * EXPECT: <regex>"        a regular expression the output must match;
#   " * BACKTRACE: <f> <g> ..." functions that the addresses on the report's
#                               "backtrace:" line must name (addr2line -f -i:
#                               inlined functions count too).
string(REPLACE "|" ";" emulator "${EMULATOR}")
execute_process(COMMAND ${emulator} "${PROGRAM}"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status TIMEOUT 60)
message("${out}${err}")

set(problems "")
if(NOT status STREQUAL "${STATUS}")
    string(APPEND problems "exit status ${status}, expected ${STATUS}\n")
endif()

file(STRINGS "${SOURCE}" lines REGEX "^ \\* (EXPECT|BACKTRACE): ")
if(NOT lines)
    string(APPEND problems "${SOURCE} has no EXPECT or BACKTRACE line\n")
endif()
foreach(line IN LISTS lines)
    if(line MATCHES "^ \\* EXPECT: (.*)$")
        set(re "${CMAKE_MATCH_1}")
        if(NOT out MATCHES "${re}")
            string(APPEND problems "no match for: ${re}\n")
        endif()
    elseif(line MATCHES "^ \\* BACKTRACE: (.*)$")
        separate_arguments(functions UNIX_COMMAND "${CMAKE_MATCH_1}")
        if(NOT out MATCHES "backtrace:([ 0-9a-fx]*)")
            string(APPEND problems "no backtrace line\n")
            break()
        endif()
        separate_arguments(addresses UNIX_COMMAND "${CMAKE_MATCH_1}")
        execute_process(COMMAND "${ADDR2LINE}" -f -i -e "${PROGRAM}" ${addresses}
                        OUTPUT_VARIABLE located RESULT_VARIABLE rc)
        message("backtrace resolves to:\n${located}")
        foreach(fn IN LISTS functions)
            if(NOT located MATCHES "(^|\n)${fn}\n")
                string(APPEND problems "backtrace does not name ${fn}\n")
            endif()
        endforeach()
    endif()
endforeach()

if(problems)
    message(FATAL_ERROR "${PROGRAM}:\n${problems}")
endif()
