/*
 * Fault report, portable part (contract §34): the writer the port's report
 * goes through. The report itself (decoding registers, finding the task,
 * the backtrace) is the port's, in arch/<family>.
 */
#include <stdarg.h>

#include "knl_private.h"

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u

/* The contract's default: format with vprintf(). */
static int fault_default_log_writer(const char *format, ...)
{
    va_list args;
    int written;

    va_start(args, format);
    written = vprintf(format, args);
    va_end(args);
    return written;
}

k_fault_log_writer_t k_fault_log_writer = fault_default_log_writer;

__API__ void tos_fault_log_writer_set(k_fault_log_writer_t log_writer)
{
    k_fault_log_writer = (log_writer != K_NULL) ? log_writer : fault_default_log_writer;
}

#endif
