/*
 * Fault report (contract §34).
 *
 * Ports report every fault: which fault, the faulting task, the stacked
 * registers, the fault status registers where the core has them, a stack
 * dump and a call-stack backtrace; then the program ends (Tern never spins
 * silently after a fault). The decoding is the port's (arch/<family>,
 * e.g. arch/arm/README.md); this header is the portable part.
 *
 * With TOS_CFG_FAULT_BACKTRACE_EN the report goes through
 * k_fault_log_writer (tos_global.h), one call per line, each line a "%s\n"
 * format with the text as argument. The default writer formats with
 * vprintf(); a program whose stdout is not usable after a fault installs
 * its own (e.g. one that writes to a crash log in flash). Without the
 * option the port writes its report straight to the console.
 */
#ifndef _TOS_FAULT_H_
#define _TOS_FAULT_H_

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u

__CDECLS_BEGIN

typedef int (*k_fault_log_writer_t)(const char *format, ...);

/* Words of the faulting stack the report dumps, and backtrace entries it prints. */
#define K_FAULT_STACK_DUMP_DEPTH           10u
#define K_FAULT_CALL_STACK_BACKTRACE_DEPTH 5u

/*
 * Replaces the function that prints fault reports. No error: K_NULL (which
 * the original would call at the next fault) selects the default writer.
 */
__API__ void tos_fault_log_writer_set(k_fault_log_writer_t log_writer);

__CDECLS_END

#endif

#endif /* _TOS_FAULT_H_ */
