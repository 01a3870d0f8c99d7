# Runs one deliberate-fault executable (tests/arm/fault.c) and checks the
# report: cmake -DEMULATOR=<list> -DEXE=<elf> -DADDR2LINE=<tool> -P expect_fault.cmake
#
# Passes when the program printed "SKIPPED:" (the core cannot produce this
# fault; ctest marks the test skipped), or when
#   - it ended with the fault exit status 134,
#   - every "expect: <text>" line's text appears in the report (from the
#     line that starts with "*** tern fault" on),
#   - every "expect-function: <name>" is among the functions addr2line finds
#     for the addresses of the report's "backtrace:" line.
execute_process(COMMAND ${EMULATOR} ${EXE}
                RESULT_VARIABLE status
                OUTPUT_VARIABLE out
                ERROR_VARIABLE err
                TIMEOUT 60)
message("${out}${err}")

if(out MATCHES "SKIPPED:")
    return()
endif()
if(NOT status STREQUAL "134")
    message(FATAL_ERROR "expect_fault: exit status ${status}, expected 134")
endif()

# The report starts at a line beginning with the marker (the expectations
# quote it, but never at the start of a line).
string(FIND "${out}" "\n*** tern fault" report_at)
if(report_at LESS 0)
    message(FATAL_ERROR "expect_fault: no fault report")
endif()
string(SUBSTRING "${out}" ${report_at} -1 report)

string(REGEX MATCHALL "expect: [^\n]*" expectations "${out}")
foreach(line IN LISTS expectations)
    string(REGEX REPLACE "^expect: " "" text "${line}")
    string(FIND "${report}" "${text}" found)
    if(found LESS 0)
        message(FATAL_ERROR "expect_fault: the report lacks \"${text}\"")
    endif()
endforeach()

string(REGEX MATCHALL "expect-function: [^\n]*" functions "${out}")
if(functions)
    string(REGEX MATCH "backtrace:[^\n]*" trace "${report}")
    string(REGEX MATCHALL "0x[0-9a-f]+" addresses "${trace}")
    if(NOT addresses)
        message(FATAL_ERROR "expect_fault: the backtrace holds no address")
    endif()
    execute_process(COMMAND ${ADDR2LINE} -f -e ${EXE} ${addresses}
                    OUTPUT_VARIABLE resolved)
    message("backtrace resolved:\n${resolved}")
    foreach(line IN LISTS functions)
        string(REGEX REPLACE "^expect-function: " "" name "${line}")
        if(NOT resolved MATCHES "(^|\n)${name}\n")
            message(FATAL_ERROR "expect_fault: the backtrace does not lead to ${name}()")
        endif()
    endforeach()
endif()
