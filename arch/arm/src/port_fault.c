/*
 * Fault report (contract §34, Tern: never hang silently).
 *
 * Every fault exception, NMI, unused exception and interrupt line without a
 * handler enters port_fault_entry. It captures MSP, PSP, EXC_RETURN and
 * r4..r11 untouched, moves to a stack of its own (the faulting stack may be
 * the problem) and calls port_fault_report(), which prints:
 *   - which exception, decoded from the fault status registers (CFSR, HFSR,
 *     MMFAR, BFAR, and SFSR/SFAR on ARMv8-M; ARMv6-M has none);
 *   - where: the running task (name, priority, stack bounds), an exception
 *     handler, or main() before the kernel started;
 *   - stack overflow, when the hardware limit (PSPLIM/MSPLIM, UsageFault
 *     STKOF) tripped, the stack pointer left the task's stack, or the
 *     kernel's guard bytes at the far end were overwritten;
 *   - the stacked registers, r4..r11, a stack dump and a call-stack
 *     backtrace: the stacked pc and lr, then the words on the stack that
 *     are return addresses into code (odd, inside [_stext, _etext), and
 *     right behind a BL or BLX instruction);
 * and ends the program with tern_board_exit(PORT_FAULT_EXIT_STATUS).
 *
 * Output goes straight to the board console through a small formatter of
 * its own (the C library may be what failed), or, with
 * TOS_CFG_FAULT_BACKTRACE_EN, through k_fault_log_writer line by line.
 * Memory is read only after checking it lies in RAM (or code): a corrupted
 * stack pointer must not fault the fault handler.
 */
#include "tos_k.h"
#include "port_cm.h"
#include "tern_board.h"

/*
 * The report's own stack. Without a report nothing reads the faulting
 * stacks, so the fault handler reuses the main stack from its top.
 */
#if TOS_CFG_CPU_FAULT_REPORT_EN == 0u
#undef PORT_FAULT_STACK_SIZE
#define PORT_FAULT_STACK_SIZE 0u
#elif !defined(PORT_FAULT_STACK_SIZE)
#define PORT_FAULT_STACK_SIZE 1024u
#endif
#define PORT_FAULT_DUMP_WORDS  10u /* K_FAULT_STACK_DUMP_DEPTH */
#define PORT_FAULT_TRACE_DEPTH 5u  /* K_FAULT_CALL_STACK_BACKTRACE_DEPTH */
#define PORT_FAULT_SCAN_WORDS  1024u

/* Linker script symbols (arch/arm/ld/cortexm.ld). */
extern char _stext[], _etext[], _sram[], _eram[], _sstack[], _estack[];

/* What the entry code captured, and what the report derived from it. */
typedef struct port_fault_st {
    uint32_t exc_return;
    uint32_t msp;
    uint32_t psp;
    const uint32_t *callee; /* r4..r11 */
    uint32_t exception;
    uint32_t sp;       /* the stack the hardware frame is on */
    int frame_ok;      /* the frame can be read */
    k_task_t *task;    /* the faulting task, or K_NULL */
    uint32_t stack_lo; /* bounds of the faulting stack */
    uint32_t stack_hi;
} port_fault_t;

#if PORT_FAULT_STACK_SIZE > 0u
__attribute__((used)) static uint64_t port_fault_stack[PORT_FAULT_STACK_SIZE / sizeof(uint64_t)];
#define PORT_FAULT_STACK_TOP "port_fault_stack + %c0"
#else
#define PORT_FAULT_STACK_TOP "_estack + %c0"
#endif

__NO_RETURN__ void port_fault_report(uint32_t msp, uint32_t psp, uint32_t exc_return,
                                     const uint32_t *callee);

#if TOS_CFG_CPU_FAULT_REPORT_EN > 0u

/* ---- output -------------------------------------------------------------- */

#define PORT_FAULT_LINE_MAX 96u

typedef struct port_line_st {
    char buf[PORT_FAULT_LINE_MAX];
    unsigned int len;
} port_line_t;

static void line_str(port_line_t *line, const char *s)
{
    while (*s != '\0' && line->len < PORT_FAULT_LINE_MAX - 2u) {
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
        text[2 + i] = digits[(v >> (28 - 4 * i)) & 0xFu];
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

static void line_emit(port_line_t *line)
{
    line->buf[line->len] = '\0';
#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
    (void)k_fault_log_writer("%s\n", line->buf);
#else
    line->buf[line->len++] = '\n';
    port_console_write(line->buf, line->len);
#endif
    line->len = 0u;
}

static void line_reg(port_line_t *line, const char *name, uint32_t v)
{
    line_str(line, name);
    line_hex(line, v);
}

/* ---- memory that may be read --------------------------------------------- */

static int port_in_ram(uint32_t addr, uint32_t bytes)
{
    return (addr % 4u) == 0u && addr >= (uint32_t)(uintptr_t)_sram &&
           addr <= (uint32_t)(uintptr_t)_eram - bytes;
}

static int port_in_code(uint32_t addr)
{
    return addr >= (uint32_t)(uintptr_t)_stext && addr < (uint32_t)(uintptr_t)_etext;
}

/* ---- what happened --------------------------------------------------------- */

static const char *port_exception_name(uint32_t exception)
{
    static const char *const names[] = {
        "thread mode",  "reset",        "NMI",         "HardFault",   "MemManage",    "BusFault",
        "UsageFault",   "SecureFault",  "exception 8", "exception 9", "exception 10", "SVCall",
        "DebugMonitor", "exception 13", "PendSV",      "SysTick"};
    const char *name = "interrupt";

    if (exception < sizeof(names) / sizeof(names[0])) {
        name = names[exception];
    }
    return name;
}

#if PORT_ARMV7M_LIKE
typedef struct port_bit_name_st {
    uint32_t bit;
    const char *name;
} port_bit_name_t;

static void line_bits(port_line_t *line, uint32_t value, const port_bit_name_t *names,
                      unsigned int count)
{
    unsigned int i;

    for (i = 0u; i < count; ++i) {
        if ((value & names[i].bit) != 0u) {
            line_str(line, " ");
            line_str(line, names[i].name);
        }
    }
}

#define PORT_CFSR_MSTKERR   (1u << 4)
#define PORT_CFSR_MMARVALID (1u << 7)
#define PORT_CFSR_STKERR    (1u << 12)
#define PORT_CFSR_BFARVALID (1u << 15)
#define PORT_CFSR_STKOF     (1u << 20)

static const port_bit_name_t port_cfsr_names[] = {
    {1u << 0, "IACCVIOL(instruction access)"}, {1u << 1, "DACCVIOL(data access)"},
    {1u << 3, "MUNSTKERR(unstacking)"},        {PORT_CFSR_MSTKERR, "MSTKERR(stacking)"},
    {1u << 5, "MLSPERR(lazy FP save)"},        {1u << 8, "IBUSERR(instruction bus)"},
    {1u << 9, "PRECISERR(precise data bus)"},  {1u << 10, "IMPRECISERR(imprecise data bus)"},
    {1u << 11, "UNSTKERR(unstacking)"},        {PORT_CFSR_STKERR, "STKERR(stacking)"},
    {1u << 13, "LSPERR(lazy FP save)"},        {1u << 16, "UNDEFINSTR(undefined instruction)"},
    {1u << 17, "INVSTATE(invalid state)"},     {1u << 18, "INVPC(invalid EXC_RETURN)"},
    {1u << 19, "NOCP(no coprocessor)"},        {PORT_CFSR_STKOF, "STKOF(stack limit)"},
    {1u << 24, "UNALIGNED(unaligned access)"}, {1u << 25, "DIVBYZERO(division by zero)"},
};

static const port_bit_name_t port_hfsr_names[] = {
    {1u << 1, "VECTTBL(vector read)"},
    {1u << 30, "FORCED(escalated)"},
    {1u << 31, "DEBUGEVT(debug event)"},
};
#endif

/* Fault status registers, decoded (contract: cpu_fault_diagnosis). */
__PORT__ void port_fault_diagnosis(void)
{
    port_line_t line = {{0}, 0u};

#if PORT_ARMV7M_LIKE
    uint32_t cfsr = PORT_SCB_CFSR;
    uint32_t hfsr = PORT_SCB_HFSR;

    line_reg(&line, "  CFSR ", cfsr);
    line_bits(&line, cfsr, port_cfsr_names, sizeof(port_cfsr_names) / sizeof(port_cfsr_names[0]));
    line_emit(&line);
    line_reg(&line, "  HFSR ", hfsr);
    line_bits(&line, hfsr, port_hfsr_names, sizeof(port_hfsr_names) / sizeof(port_hfsr_names[0]));
    line_emit(&line);
    if ((cfsr & PORT_CFSR_MMARVALID) != 0u) {
        line_reg(&line, "  MMFAR ", PORT_SCB_MMFAR);
        line_emit(&line);
    }
    if ((cfsr & PORT_CFSR_BFARVALID) != 0u) {
        line_reg(&line, "  BFAR ", PORT_SCB_BFAR);
        line_emit(&line);
    }
#if defined(__ARM_FEATURE_CMSE) && (__ARM_FEATURE_CMSE == 3)
    line_reg(&line, "  SFSR ", PORT_SCB_SFSR);
    line_reg(&line, " SFAR ", PORT_SCB_SFAR);
    line_emit(&line);
#endif
#else
    line_str(&line, "  (ARMv6-M has no fault status registers)");
    line_emit(&line);
#endif
}

/* ---- where it happened ----------------------------------------------------- */

static int port_task_plausible(const k_task_t *task)
{
    uint32_t addr = (uint32_t)(uintptr_t)task;

    return task != K_NULL && port_in_ram(addr, (uint32_t)sizeof(k_task_t));
}

/* Which stack the frame is on, whose it is, and its bounds. */
static void port_fault_locate(port_fault_t *f)
{
    int on_psp = (f->exc_return & 0x4u) != 0u;

    f->sp = on_psp ? f->psp : f->msp;
    f->frame_ok = port_in_ram(f->sp, 32u);
#if PORT_ARMV7M_LIKE
    /* Stacking stopped by the stack limit or a bus error: the frame holds garbage. */
    if ((PORT_SCB_CFSR & (PORT_CFSR_STKOF | PORT_CFSR_MSTKERR | PORT_CFSR_STKERR)) != 0u) {
        f->frame_ok = 0;
    }
#endif
    f->task = K_NULL;
    f->stack_lo = (uint32_t)(uintptr_t)_sstack;
    f->stack_hi = (uint32_t)(uintptr_t)_estack;
    if (on_psp && tos_knl_is_running() && port_task_plausible(k_curr_task)) {
        f->task = k_curr_task;
        f->stack_lo = (uint32_t)(uintptr_t)f->task->stk_base;
        f->stack_hi = f->stack_lo + (uint32_t)f->task->stk_size;
    }
}

static int port_guard_intact(uint32_t lo)
{
    const uint8_t *guard = (const uint8_t *)(uintptr_t)lo;
    int intact = port_in_ram(lo, 4u);
    unsigned int i;

    for (i = 0u; intact && i < 4u; ++i) {
        intact = guard[i] == 0xCCu;
    }
    return intact;
}

/* Stack overflow: hardware limit, stack pointer outside, or guard bytes gone. */
static const char *port_overflow_reason(const port_fault_t *f)
{
    const char *reason = K_NULL;

#if PORT_ARMV7M_LIKE
    if ((PORT_SCB_CFSR & PORT_CFSR_STKOF) != 0u) {
        reason = "the stack limit register (PSPLIM/MSPLIM) tripped";
    }
#endif
    if (reason == K_NULL && (f->sp < f->stack_lo || f->sp > f->stack_hi)) {
        reason = "the stack pointer is outside the stack";
    }
#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    if (reason == K_NULL && f->task != K_NULL && !port_guard_intact(f->stack_lo)) {
        reason = "the guard bytes at the far end of the stack are overwritten";
    }
#else
    (void)port_guard_intact;
#endif
    return reason;
}

static void port_report_where(port_line_t *line, const port_fault_t *f)
{
    const char *overflow = port_overflow_reason(f);

    if (f->task != K_NULL) {
        line_str(line, "  running: task '");
        line_str(line, f->task->name);
        line_str(line, "' prio ");
        line_dec(line, f->task->prio);
        line_reg(line, ", stack ", f->stack_lo);
        line_reg(line, "..", f->stack_hi);
    } else if ((f->exc_return & 0x8u) == 0u) {
        line_str(line, "  running: an exception handler (main stack)");
    } else {
        line_str(line, "  running: main() (the kernel is not running)");
    }
    line_emit(line);
    if (overflow != K_NULL) {
        line_str(line, "  stack overflow");
        if (f->task != K_NULL) {
            line_str(line, " in task '");
            line_str(line, f->task->name);
            line_str(line, "'");
        }
        line_str(line, ": ");
        line_str(line, overflow);
        line_emit(line);
    }
}

/* ---- registers, stack, backtrace ------------------------------------------- */

static void port_report_registers(port_line_t *line, const port_fault_t *f)
{
    static const char *const stacked[] = {"  r0 ",  " r1 ", " r2 ", " r3 ",
                                          "  r12 ", " lr ", " pc ", " xpsr "};
    static const char *const callee[] = {"  r4 ", " r5 ", " r6 ",  " r7 ",
                                         "  r8 ", " r9 ", " r10 ", " r11 "};
    const uint32_t *frame = (const uint32_t *)(uintptr_t)f->sp;
    unsigned int i;

    for (i = 0u; f->frame_ok && i < 8u; ++i) {
        line_reg(line, stacked[i], frame[i]);
        if (i % 4u == 3u) {
            line_emit(line);
        }
    }
    if (!f->frame_ok) {
        line_reg(line, "  (no exception frame: stacking failed or sp is not RAM, sp ", f->sp);
        line_str(line, ")");
        line_emit(line);
    }
    for (i = 0u; i < 8u; ++i) {
        line_reg(line, callee[i], f->callee[i]);
        if (i % 4u == 3u) {
            line_emit(line);
        }
    }
    line_reg(line, "  exc_return ", f->exc_return);
    line_reg(line, " msp ", f->msp);
    line_reg(line, " psp ", f->psp);
    line_emit(line);
}

static uint32_t port_frame_bytes(const port_fault_t *f)
{
    uint32_t bytes = 32u;

#if PORT_HAS_FPU
    if ((f->exc_return & 0x10u) == 0u) {
        bytes += 72u; /* s0..s15, FPSCR, reserved */
    }
#else
    (void)f;
#endif
    return bytes;
}

static void port_report_stack(port_line_t *line, const port_fault_t *f)
{
    uint32_t addr = f->sp + port_frame_bytes(f);
    unsigned int i;

    line_reg(line, "  stack from ", addr);
    line_str(line, ":");
    for (i = 0u; i < PORT_FAULT_DUMP_WORDS && port_in_ram(addr, 4u) && addr < f->stack_hi;
         ++i, addr += 4u) {
        if (i != 0u && i % 5u == 0u) {
            line_emit(line);
            line_str(line, "   ");
        }
        line_str(line, " ");
        line_hex(line, *(const uint32_t *)(uintptr_t)addr);
    }
    line_emit(line);
}

/* A return address: odd (Thumb), in code, right behind a BL or a BLX register. */
static int port_is_return_address(uint32_t value)
{
    uint32_t at = value & ~1u;
    int found = 0;

    if ((value & 1u) != 0u && port_in_code(at - 4u) && port_in_code(at - 1u)) {
        uint16_t hw1 = *(const uint16_t *)(uintptr_t)(at - 4u);
        uint16_t hw2 = *(const uint16_t *)(uintptr_t)(at - 2u);

        found = ((hw1 & 0xF800u) == 0xF000u && (hw2 & 0xD000u) == 0xD000u) ||
                ((hw2 & 0xFF87u) == 0x4780u);
    }
    return found;
}

static void port_report_backtrace(port_line_t *line, const port_fault_t *f)
{
    const uint32_t *frame = (const uint32_t *)(uintptr_t)f->sp;
    uint32_t addr = f->sp + port_frame_bytes(f);
    unsigned int found = 0u;
    unsigned int scanned;

    line_str(line, "  backtrace:");
    if (f->frame_ok) {
        line_str(line, " ");
        line_hex(line, frame[6]); /* where it stopped */
        if (port_is_return_address(frame[5]) || port_in_code(frame[5] & ~1u)) {
            line_str(line, " ");
            line_hex(line, frame[5] & ~1u);
        }
    }
    for (scanned = 0u; scanned < PORT_FAULT_SCAN_WORDS && found < PORT_FAULT_TRACE_DEPTH &&
                       port_in_ram(addr, 4u) && addr < f->stack_hi;
         ++scanned, addr += 4u) {
        uint32_t value = *(const uint32_t *)(uintptr_t)addr;

        if (port_is_return_address(value)) {
            line_str(line, " ");
            line_hex(line, (value & ~1u) - 4u); /* the call instruction */
            ++found;
        }
    }
    line_emit(line);
}

/* The whole report; f holds what the entry captured. */
static void port_fault_print(port_fault_t *f)
{
    port_line_t line = {{0}, 0u};

    port_fault_locate(f);
    line_emit(&line);
    line_str(&line, "*** tern fault: ");
    line_str(&line, port_exception_name(f->exception));
    if (f->exception >= PORT_EXC_IRQ0) {
        line_str(&line, " ");
        line_dec(&line, f->exception - PORT_EXC_IRQ0);
        line_str(&line, " without a handler");
    }
    line_emit(&line);
    port_report_where(&line, f);
    port_report_registers(&line, f);
    port_fault_diagnosis();
    port_report_stack(&line, f);
    port_report_backtrace(&line, f);
    line_str(&line, "*** end of fault report, exit ");
    line_dec(&line, PORT_FAULT_EXIT_STATUS);
    line_emit(&line);
}

__NO_RETURN__ void port_fault_report(uint32_t msp, uint32_t psp, uint32_t exc_return,
                                     const uint32_t *callee)
{
    port_fault_t f = {0u, 0u, 0u, K_NULL, 0u, 0u, 0, K_NULL, 0u, 0u};

    f.exc_return = exc_return;
    f.msp = msp;
    f.psp = psp;
    f.callee = callee;
    f.exception = port_ipsr_get();
    port_fault_print(&f);
    tern_board_exit(PORT_FAULT_EXIT_STATUS);
}

#else /* TOS_CFG_CPU_FAULT_REPORT_EN == 0: no report, the program just ends */

__PORT__ void port_fault_diagnosis(void)
{
}

#endif

/*
 * The entry: r0 = MSP at the fault, r1 = PSP, r2 = EXC_RETURN, r3 = r4..r11
 * saved on the fault stack. On ARMv8-M the main stack limit goes first (the
 * fault stack is not below it).
 */
#if PORT_HAS_PSPLIM
#define PORT_FAULT_NO_LIMIT "movs r0, #0\n\tmsr msplim, r0\n\t"
#else
#define PORT_FAULT_NO_LIMIT ""
#endif

#if TOS_CFG_CPU_FAULT_REPORT_EN == 0u

/*
 * Without a report nothing reads the faulting stacks or registers: the
 * entry is cpu_fatal_halt() itself, which moves to the top of the main
 * stack (the faulting stack may be the problem, and ending the program
 * needs a stack) and ends the program. Called by the kernel instead, it
 * leaves for good too, so the main stack's frames are dead either way. An
 * MSR to the stack pointer needs no ISB: it is not a change of context.
 */
__KNL__ __NO_RETURN__ __attribute__((naked)) void cpu_fatal_halt(void)
{
    __asm__ volatile(PORT_FAULT_NO_LIMIT "ldr r0, =_estack\n\t"
                                         "msr msp, r0\n\t"
                                         "movs r0, %[status]\n\t"
                                         "bl tern_board_exit\n\t"
                                         ".ltorg\n\t"
                     :
                     : [status] "i"(PORT_FAULT_EXIT_STATUS));
}

__NO_RETURN__ __attribute__((alias("cpu_fatal_halt"))) void port_fault_entry(void);

#elif PORT_ARMV7M_LIKE

__attribute__((naked)) void port_fault_entry(void)
{
    __asm__ volatile(PORT_FAULT_NO_LIMIT "mrs r0, msp\n\t"
                                         "mrs r1, psp\n\t"
                                         "mov r2, lr\n\t"
                                         "ldr r3, =" PORT_FAULT_STACK_TOP "\n\t"
                                         "msr msp, r3\n\t"
                                         "isb 0xF\n\t"
                                         "stmdb sp!, {r4-r11}\n\t"
                                         "mov r3, sp\n\t"
                                         "sub sp, sp, #8\n\t"
                                         "b port_fault_report\n\t"
                                         ".ltorg\n\t"
                     :
                     : "i"(PORT_FAULT_STACK_SIZE));
}

#else /* ARMv6-M: r8..r11 go through low registers */

__attribute__((naked)) void port_fault_entry(void)
{
    __asm__ volatile("mrs r0, msp\n\t"
                     "mrs r1, psp\n\t"
                     "mov r2, lr\n\t"
                     "ldr r3, =" PORT_FAULT_STACK_TOP "\n\t"
                     "msr msp, r3\n\t"
                     "isb 0xF\n\t"
                     "sub sp, sp, #32\n\t"
                     "mov r3, sp\n\t"
                     "stmia r3!, {r4-r7}\n\t"
                     "mov r4, r8\n\t"
                     "mov r5, r9\n\t"
                     "mov r6, r10\n\t"
                     "mov r7, r11\n\t"
                     "stmia r3!, {r4-r7}\n\t"
                     "mov r3, sp\n\t"
                     "sub sp, sp, #8\n\t"
                     "ldr r4, =port_fault_report\n\t"
                     "bx r4\n\t"
                     ".ltorg\n\t"
                     :
                     : "i"(PORT_FAULT_STACK_SIZE));
}

#endif

#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
/*
 * §34 entry for code that has a frame of its own (e.g. a custom HardFault
 * handler): r4..r11 are reported as they are now.
 */
__NO_RETURN__ void fault_backtrace(cpu_addr_t lr, fault_exc_frame_t *frame)
{
    uint32_t callee[8] = {0u};
    uint32_t sp = (uint32_t)(uintptr_t)frame;

#if PORT_ARMV7M_LIKE
    __asm__ volatile("stmia %0, {r4-r11}" : : "r"(callee) : "memory");
#endif
    port_fault_report((lr & 0x4u) ? 0u : sp, (lr & 0x4u) ? sp : 0u, lr, callee);
}

__KNL__ void cpu_fault_diagnosis(void)
{
    port_fault_diagnosis();
}

/* Any FPU instruction makes a pending lazy FPU save happen now. */
__KNL__ void cpu_flush_fpu(void)
{
#if PORT_HAS_FPU
    uint32_t fpscr;

    __asm__ volatile("vmrs %0, fpscr" : "=r"(fpscr) : : "memory");
    (void)fpscr;
#endif
}
#endif

/* The contract's name for the HardFault vector. */
#if TOS_CFG_CPU_FAULT_REPORT_EN == 0u
__NO_RETURN__ __attribute__((alias("cpu_fatal_halt"))) void HardFault_Handler(void);
#else
__attribute__((alias("port_fault_entry"))) void HardFault_Handler(void);

__KNL__ __NO_RETURN__ void cpu_fatal_halt(void)
{
    tern_board_exit(PORT_FAULT_EXIT_STATUS);
}
#endif
