/*
 * The trap report (contract §34 in spirit): which trap, where, in which
 * task, every register, a stack dump and a backtrace; then the program ends
 * with PORT_FAULT_EXIT_STATUS.
 *
 * Why it is built this way: the report must work when the system is
 * already broken, so it formats with its own few helpers into a line buffer
 * (no printf, no heap, no locks) and writes through the board's polling
 * console (or through the §34 log writer when TOS_CFG_FAULT_BACKTRACE_EN
 * installs one). It only reads memory it has checked: the code range
 * (_stext.._etext) for the backtrace and the stack the trap interrupted.
 * The backtrace is the §34 kind: GCC keeps no frame chain at -Os, so it
 * lists words on the stack that are return addresses, i.e. code addresses
 * right behind a call instruction (jal/jalr/c.jal/c.jalr with rd = ra).
 * A trap while reporting ends the program at once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "port_riscv.h"
#include "tern_board.h"

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
#define PORT_FAULT_STACK_DUMP_DEPTH K_FAULT_STACK_DUMP_DEPTH
#define PORT_FAULT_BACKTRACE_DEPTH  K_FAULT_CALL_STACK_BACKTRACE_DEPTH
#else
#define PORT_FAULT_STACK_DUMP_DEPTH 10u
#define PORT_FAULT_BACKTRACE_DEPTH  5u
#endif

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
static int port_fault_default_writer(const char *format, ...)
{
    va_list ap;
    int n;

    va_start(ap, format);
    n = vprintf(format, ap);
    va_end(ap);
    return n;
}

k_fault_log_writer_t k_fault_log_writer = port_fault_default_writer;

__API__ void tos_fault_log_writer_set(k_fault_log_writer_t log_writer)
{
    k_fault_log_writer = log_writer;
}
#endif

#if TOS_CFG_CPU_FAULT_REPORT_EN > 0u

/* ---- a line at a time ------------------------------------------------------ */

typedef struct port_line_st {
    char buf[112];
    size_t len;
} port_line_t;

static void line_str(port_line_t *line, const char *s)
{
    while (*s != '\0' && line->len < sizeof(line->buf) - 2u) {
        line->buf[line->len++] = *s++;
    }
}

static void line_hex(port_line_t *line, uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    char text[11];
    int i;

    text[0] = '0';
    text[1] = 'x';
    for (i = 0; i < 8; ++i) {
        text[2 + i] = digits[(v >> (28u - 4u * (uint32_t)i)) & 0xFu];
    }
    text[10] = '\0';
    line_str(line, text);
}

static void line_dec(port_line_t *line, uint32_t v)
{
    char text[11];
    int i = 10;

    text[i] = '\0';
    do {
        text[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u && i > 0);
    line_str(line, &text[i]);
}

static void line_begin(port_line_t *line, const char *s)
{
    line->len = 0u;
    line_str(line, "tern: ");
    line_str(line, s);
}

static void line_end(port_line_t *line)
{
    line->buf[line->len++] = '\n';
    line->buf[line->len] = '\0';
#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
    if (k_fault_log_writer != K_NULL) {
        (void)k_fault_log_writer("%s", line->buf);
    }
#else
    port_console_write(line->buf, line->len);
#endif
}

/* ---- what the trap was ------------------------------------------------------ */

static const char *const port_exception_names[] = {
    "instruction address misaligned",
    "instruction access fault",
    "illegal instruction",
    "breakpoint",
    "load address misaligned",
    "load access fault",
    "store/AMO address misaligned",
    "store/AMO access fault",
    "environment call from U-mode",
    "environment call from S-mode",
    "reserved exception 10",
    "environment call from M-mode",
    "instruction page fault",
    "load page fault",
    "reserved exception 14",
    "store/AMO page fault",
};

static const char *port_cause_name(uint32_t mcause)
{
    const char *name = "unexpected interrupt";
    uint32_t code = mcause & ~PORT_MCAUSE_INTERRUPT;

    if ((mcause & PORT_MCAUSE_INTERRUPT) == 0u) {
        name = code < sizeof(port_exception_names) / sizeof(port_exception_names[0])
                   ? port_exception_names[code]
                   : "unknown exception";
    }
    return name;
}

/* One reader per register (the register is part of the instruction). */
#define PORT_REG_READER(name, insn)       \
    static uint32_t name(void)            \
    {                                     \
        uint32_t v;                       \
                                          \
        __asm__ volatile(insn : "=r"(v)); \
        return v;                         \
    }

PORT_REG_READER(port_csr_mcause, "csrr %0, mcause")
PORT_REG_READER(port_csr_mtval, "csrr %0, mtval")
PORT_REG_READER(port_csr_mepc, "csrr %0, mepc")
PORT_REG_READER(port_csr_mstatus, "csrr %0, mstatus")

#endif /* TOS_CFG_CPU_FAULT_REPORT_EN */

__PORT__ void port_fault_diagnosis(void)
{
#if TOS_CFG_CPU_FAULT_REPORT_EN > 0u
    port_line_t line;
    uint32_t mstatus = port_csr_mstatus();

    line_begin(&line, "  mcause ");
    line_hex(&line, port_csr_mcause());
    line_str(&line, " mepc ");
    line_hex(&line, port_csr_mepc());
    line_str(&line, " mtval ");
    line_hex(&line, port_csr_mtval());
    line_end(&line);
    line_begin(&line, "  mstatus ");
    line_hex(&line, mstatus);
    line_str(&line, " (MPP ");
    line_dec(&line, (mstatus & PORT_MSTATUS_MPP) >> 11u);
    line_str(&line, ", MPIE ");
    line_dec(&line, (mstatus & PORT_MSTATUS_MPIE) >> 7u);
    line_str(&line, ") mie ");
    line_hex(&line, port_mie_read());
    line_str(&line, " mip ");
    line_hex(&line, port_mip_read());
    line_end(&line);
#endif
}

#if TOS_CFG_CPU_FAULT_REPORT_EN > 0u

/* ---- where it happened ------------------------------------------------------- */

typedef struct port_fault_where_st {
    const k_task_t *task; /* K_NULL: not task code */
    uintptr_t sp;         /* the interrupted stack pointer */
    uintptr_t stack_lo;   /* the stack it belongs to */
    uintptr_t stack_hi;
} port_fault_where_t;

static void port_fault_locate(const port_frame_t *frame, port_fault_where_t *where)
{
    where->sp = (uintptr_t)frame + PORT_FRAME_SIZE;
    where->task = K_NULL;
    where->stack_lo = (uintptr_t)_sstack;
    where->stack_hi = (uintptr_t)_estack;
    /* The trap being reported is trap number port_trap_nest; 1 means it came from a task. */
    if (port_isr_stack_top != 0u && port_trap_nest == 1u && k_curr_task != K_NULL) {
        where->task = k_curr_task;
        where->stack_lo = (uintptr_t)k_curr_task->stk_base;
        where->stack_hi = where->stack_lo + k_curr_task->stk_size;
    }
}

static void port_fault_print_where(const port_fault_where_t *where, int stack_overflow)
{
    port_line_t line;

    if (where->task != K_NULL) {
        line_begin(&line, "  in task \"");
        line_str(&line, where->task->name);
        line_str(&line, "\" prio ");
        line_dec(&line, where->task->prio);
    } else if (port_trap_nest > 1u) {
        line_begin(&line, "  in an interrupt handler, nesting depth ");
        line_dec(&line, port_trap_nest - 1u);
    } else if (tos_knl_is_running()) {
        line_begin(&line, "  outside any task (event-driven loop)");
    } else {
        line_begin(&line, "  before the kernel started");
    }
    line_str(&line, ", sp ");
    line_hex(&line, (uint32_t)where->sp);
    line_str(&line, ", stack ");
    line_hex(&line, (uint32_t)where->stack_lo);
    line_str(&line, "..");
    line_hex(&line, (uint32_t)where->stack_hi);
    line_end(&line);
    if (stack_overflow && where->task != K_NULL) {
        line_begin(&line, "  stack overflow in task \"");
        line_str(&line, where->task->name);
        line_str(&line, "\": the interrupted sp is below the stack's base");
        line_end(&line);
    }
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    if (where->task != K_NULL && where->task->stk_base[0] != (k_stack_t)0xCCu) {
        line_begin(&line, "  the lowest stack byte of task \"");
        line_str(&line, where->task->name);
        line_str(&line, "\" is overwritten: its stack overflowed");
        line_end(&line);
    }
#endif
}

/* ---- registers, stack, backtrace ----------------------------------------------- */

PORT_REG_READER(port_gp_read, "mv %0, gp")
PORT_REG_READER(port_tp_read, "mv %0, tp")

/*
 * Register x<i> at the trap: word i of the table is the index into the
 * saved frame (port_frame_t as words), or one of the special values.
 */
#define PORT_REG_SP 0xFDu
#define PORT_REG_GP 0xFEu
#define PORT_REG_TP 0xFFu

static void port_fault_print_registers(const port_frame_t *frame, uintptr_t sp)
{
    static const char *const names[32] = {"pc", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                          "s0", "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                          "a6", "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                          "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
    /* Word indices in port_frame_t: the switch part (13 words) first, then the trap part. */
    static const uint8_t where[32] = {
        13u, 14u, PORT_REG_SP, PORT_REG_GP, PORT_REG_TP, 15u, 16u, 17u, 1u,  2u, 18u,
        19u, 20u, 21u,         22u,         23u,         24u, 25u, 3u,  4u,  5u, 6u,
        7u,  8u,  9u,          10u,         11u,         12u, 26u, 27u, 28u, 29u};
    const cpu_data_t *word = (const cpu_data_t *)frame;
    port_line_t line;
    uint32_t value;
    uint32_t i;

    for (i = 0u; i < 32u; ++i) {
        if (i % 4u == 0u) {
            line_begin(&line, " ");
        }
        line_str(&line, " ");
        line_str(&line, names[i]);
        line_str(&line, (names[i][2] == '\0') ? "  " : " ");
        if (where[i] == PORT_REG_SP) {
            value = (uint32_t)sp; /* where the frame ends */
        } else if (where[i] == PORT_REG_GP) {
            value = port_gp_read(); /* global, never switched */
        } else if (where[i] == PORT_REG_TP) {
            value = port_tp_read();
        } else {
            value = word[where[i]];
        }
        line_hex(&line, value);
        if (i % 4u == 3u) {
            line_end(&line);
        }
    }
}

static int port_is_return_address(uint32_t addr)
{
    uintptr_t lo = (uintptr_t)_stext;
    uintptr_t hi = (uintptr_t)_etext;
    int yes = K_FALSE;

    if ((addr & 1u) == 0u && addr >= lo + 4u && addr <= hi) {
        const uint16_t *half = (const uint16_t *)(uintptr_t)addr;
        uint32_t insn = (uint32_t)half[-2] | ((uint32_t)half[-1] << 16u);
        uint32_t c = half[-1];

        yes = ((insn & 0xFFFu) == 0x0EFu) ||                     /* jal ra, offset */
              ((insn & 0x7FFFu) == 0x00E7u) ||                   /* jalr ra, offset(rs1) */
              ((c & 0xE003u) == 0x2001u) ||                      /* c.jal offset (RV32) */
              ((c & 0xF07Fu) == 0x9002u && (c & 0x0F80u) != 0u); /* c.jalr rs1 */
    }
    return yes;
}

static void port_fault_print_stack(const port_fault_where_t *where)
{
    port_line_t line;
    const uint32_t *word = (const uint32_t *)where->sp;
    uint32_t i;

    for (i = 0u; i < PORT_FAULT_STACK_DUMP_DEPTH && (uintptr_t)&word[i] < where->stack_hi; ++i) {
        if (i % 5u == 0u) {
            line_begin(&line, i == 0u ? "  stack at sp:" : "               ");
        }
        line_str(&line, " ");
        line_hex(&line, word[i]);
        if (i % 5u == 4u) {
            line_end(&line);
        }
    }
    if (i % 5u != 0u) {
        line_end(&line);
    }
}

static void port_fault_print_backtrace(const port_frame_t *frame, const port_fault_where_t *where)
{
    port_line_t line;
    const uint32_t *word = (const uint32_t *)where->sp;
    uint32_t found = 0u;

    line_begin(&line, "  backtrace: ");
    line_hex(&line, frame->trap.mepc);
    if (port_is_return_address(frame->trap.ra)) {
        line_str(&line, " ");
        line_hex(&line, frame->trap.ra);
    }
    for (; (uintptr_t)word < where->stack_hi && found < PORT_FAULT_BACKTRACE_DEPTH; ++word) {
        /* ra is usually spilled too: list it once. */
        if (port_is_return_address(*word) && *word != frame->trap.ra) {
            line_str(&line, " ");
            line_hex(&line, *word);
            ++found;
        }
    }
    line_end(&line);
}

static int port_fault_active;

static void port_fault_report(port_frame_t *frame, uint32_t mcause, int stack_overflow)
{
    port_fault_where_t where;
    port_line_t line;

    port_fault_locate(frame, &where);
    line_begin(&line, stack_overflow ? "stack overflow, detected at " : "trap: ");
    line_str(&line, stack_overflow ? "an interrupt" : port_cause_name(mcause));
    line_str(&line, " (mcause ");
    line_hex(&line, mcause);
    line_str(&line, ", mepc ");
    line_hex(&line, frame->trap.mepc);
    line_str(&line, ", mtval ");
    line_hex(&line, port_csr_mtval());
    line_str(&line, ")");
    line_end(&line);
    port_fault_print_where(&where, stack_overflow);
    port_fault_print_registers(frame, where.sp);
    port_fault_diagnosis();
    /* An overflowed task wrote the memory between its sp and its stack itself. */
    if ((where.sp >= where.stack_lo || stack_overflow) && where.sp < where.stack_hi &&
        (where.sp & 3u) == 0u) {
        port_fault_print_stack(&where);
        port_fault_print_backtrace(frame, &where);
    } else {
        line_begin(&line, "  sp is outside its stack: no stack dump, no backtrace");
        line_end(&line);
    }
}

static void port_fault_report_recursive(uint32_t mcause)
{
    port_line_t line;

    line_begin(&line, "trap while reporting a trap: ");
    line_str(&line, port_cause_name(mcause));
    line_str(&line, " at ");
    line_hex(&line, port_csr_mepc());
    line_end(&line);
}

#endif /* TOS_CFG_CPU_FAULT_REPORT_EN */

__NO_RETURN__ void port_fault(port_frame_t *frame, uint32_t mcause, int stack_overflow)
{
#if TOS_CFG_CPU_FAULT_REPORT_EN > 0u
    port_line_t line;

    if (port_fault_active) {
        port_fault_report_recursive(mcause);
    } else {
        port_fault_active = K_TRUE;
        port_fault_report(frame, mcause, stack_overflow);
        line_begin(&line, "ending the program, status ");
        line_dec(&line, (uint32_t)PORT_FAULT_EXIT_STATUS);
        line_end(&line);
    }
#else
    (void)frame;
    (void)mcause;
    (void)stack_overflow;
#endif
    tern_board_exit(PORT_FAULT_EXIT_STATUS);
}

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
__NO_RETURN__ void fault_backtrace(cpu_addr_t mcause, fault_exc_frame_t *frame)
{
    port_fault(frame, mcause, K_FALSE);
}

__KNL__ void cpu_fault_diagnosis(void)
{
    port_fault_diagnosis();
}

/* No FPU on the harts this port supports. */
__KNL__ void cpu_flush_fpu(void)
{
}
#endif

__KNL__ __NO_RETURN__ void cpu_fatal_halt(void)
{
    tern_board_exit(PORT_FAULT_EXIT_STATUS);
}
