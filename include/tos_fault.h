/* Fault backtrace (contract §34). The port supplies the decoding. */
#ifndef _TOS_FAULT_H_
#define _TOS_FAULT_H_

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u

__CDECLS_BEGIN

typedef int (*k_fault_log_writer_t)(const char *format, ...);

#define K_FAULT_STACK_DUMP_DEPTH           10u
#define K_FAULT_CALL_STACK_BACKTRACE_DEPTH 5u

/* Replaces the function that prints fault reports (no checks). */
__API__ void tos_fault_log_writer_set(k_fault_log_writer_t log_writer);

__CDECLS_END

#endif

#endif /* _TOS_FAULT_H_ */
