/*
 * Contract suite: the public headers carry the interface facts of the API
 * contract, in whatever configuration the suite is built with.
 *
 * Compile time (_Static_assert, one message per fact naming its section):
 * every K_ERR_* value (§5), the version (§2.2), the basic types' width,
 * signedness and exact type (§4), the constants and macros of §7.1, §7.4,
 * §8, §9.1, §10.1, §11.1, §15, §24, §25, §28.1, §29, §30.1, §32 and §38.1,
 * the members of every public struct in contract order with their types,
 * the TOS_CFG_* defaults (§6) and the types of the kernel globals (§38.1).
 * Facts only the preprocessor can see (§3 macros, options that must stay
 * undefined) are #if/#error checks. Members and options that exist only
 * under a switch are checked under the same #if the contract gives. A
 * header that breaks the contract makes this file fail to compile, naming
 * the fact.
 *
 * Run time: the error codes again, table-driven (a mismatch prints the
 * name); the list and slist helpers and macros; the klib macros; the
 * MSB-first bit macros; tos_cpu_clz; the kernel globals read through
 * correctly typed pointers.
 *
 * Tern's decided differences (docs/compat.md) are checked as decided there:
 * K_MMHEAP_ALIGN_SIZE_LOG2 is 3 on 64-bit hosts, 2 on 32-bit CPUs (item 42);
 * extension members come after every contract member.
 */

/*
 * §6: the configuration under test, read before tos_k.h applies the
 * kernel's defaults, so that a default is only checked for an option the
 * configuration leaves unset.
 */
#include "tos_config.h"

#ifndef TOS_CFG_EVENT_DRIVEN_EN
#define CT_UNSET_EVENT_DRIVEN_EN
#endif
#ifndef TOS_CFG_TASK_PRIO_MAX
#define CT_UNSET_TASK_PRIO_MAX
#endif
#ifndef TOS_CFG_ROUND_ROBIN_EN
#define CT_UNSET_ROUND_ROBIN_EN
#endif
#ifndef TOS_CFG_OBJECT_VERIFY_EN
#define CT_UNSET_OBJECT_VERIFY_EN
#endif
#ifndef TOS_CFG_TASK_DYNAMIC_CREATE_EN
#define CT_UNSET_TASK_DYNAMIC_CREATE_EN
#endif
#ifndef TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN
#define CT_UNSET_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN
#endif
#ifndef TOS_CFG_EVENT_EN
#define CT_UNSET_EVENT_EN
#endif
#ifndef TOS_CFG_MUTEX_EN
#define CT_UNSET_MUTEX_EN
#endif
#ifndef TOS_CFG_SEM_EN
#define CT_UNSET_SEM_EN
#endif
#ifndef TOS_CFG_MESSAGE_QUEUE_EN
#define CT_UNSET_MESSAGE_QUEUE_EN
#endif
#ifndef TOS_CFG_MAIL_QUEUE_EN
#define CT_UNSET_MAIL_QUEUE_EN
#endif
#ifndef TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN
#define CT_UNSET_PRIORITY_MESSAGE_QUEUE_EN
#endif
#ifndef TOS_CFG_PRIORITY_MAIL_QUEUE_EN
#define CT_UNSET_PRIORITY_MAIL_QUEUE_EN
#endif
#ifndef TOS_CFG_COMPLETION_EN
#define CT_UNSET_COMPLETION_EN
#endif
#ifndef TOS_CFG_COUNTDOWNLATCH_EN
#define CT_UNSET_COUNTDOWNLATCH_EN
#endif
#ifndef TOS_CFG_BARRIER_EN
#define CT_UNSET_BARRIER_EN
#endif
#ifndef TOS_CFG_TIMER_EN
#define CT_UNSET_TIMER_EN
#endif
#ifndef TOS_CFG_TIMER_AS_PROC
#define CT_UNSET_TIMER_AS_PROC
#endif
#ifndef TOS_CFG_TIMER_TASK_PRIO
#define CT_UNSET_TIMER_TASK_PRIO
#endif
#ifndef TOS_CFG_TIMER_TASK_STK_SIZE
#define CT_UNSET_TIMER_TASK_STK_SIZE
#endif
#ifndef TOS_CFG_LIBC_PRINTF_EN
#define CT_UNSET_LIBC_PRINTF_EN
#endif
#ifndef TOS_CFG_CPU_SYSTICK_PRIO
#define CT_UNSET_CPU_SYSTICK_PRIO
#endif
#ifndef TOS_CFG_CPU_TICK_PER_SECOND
#define CT_UNSET_CPU_TICK_PER_SECOND
#endif
#ifndef TOS_CFG_CPU_CLOCK
#define CT_UNSET_CPU_CLOCK
#endif
#ifndef TOS_CFG_MMHEAP_EN
#define CT_UNSET_MMHEAP_EN
#endif
#ifndef TOS_CFG_MMHEAP_DEFAULT_POOL_EN
#define CT_UNSET_MMHEAP_DEFAULT_POOL_EN
#endif
#ifndef TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE
#define CT_UNSET_MMHEAP_DEFAULT_POOL_SIZE
#endif
#ifndef TOS_CFG_PWR_MGR_EN
#define CT_UNSET_PWR_MGR_EN
#endif
#ifndef TOS_CFG_TICKLESS_EN
#define CT_UNSET_TICKLESS_EN
#endif
#ifndef TOS_CFG_FAULT_BACKTRACE_EN
#define CT_UNSET_FAULT_BACKTRACE_EN
#endif

/* The idle stack size as configured, before the raising rule of §6.1. */
#ifdef TOS_CFG_IDLE_TASK_STK_SIZE
enum { CT_IDLE_TASK_STK_SIZE_CONFIGURED = TOS_CFG_IDLE_TASK_STK_SIZE };
#else
enum { CT_IDLE_TASK_STK_SIZE_CONFIGURED = 128 };
#endif

#include "tos_k.h"
#include "tt.h"
#include "tt_port.h"

#define IRQ_LINE 5u

/* ---- helpers for compile-time facts ---------------------------------------- */

/* 1 iff expression `expr` has exactly type T (no promotion in _Generic). */
#define CT_TYPE_IS(expr, T) _Generic((expr), T : 1, default : 0)

/*
 * `name` has value `value`. `sec` is a string literal such as "section 5"
 * (spelt out: GCC prints the bytes of a non-ASCII "§" in an assertion
 * message as octal escapes).
 */
#define CT_VALUE(sec, name, value) _Static_assert((name) == (value), sec ": " #name " == " #value)

/* Constant or macro `name` has exactly type T. */
#define CT_EXPR_TYPE(sec, name, T) _Static_assert(CT_TYPE_IS(name, T), sec ": " #name " is " #T)

/*
 * The kernel's own tasks must be creatable, so a port whose smallest stack
 * (K_TASK_STK_SIZE_MIN, §10.1) exceeds the contract's 128-byte defaults
 * raises them in its port_config.h: RV32 always, Cortex-M where the context
 * holds more (ARMv6-M, FPU, PSPLIM). Each port names its minimum its own
 * way; K_TASK_STK_SIZE_MIN is the one name they share, so the defaults are
 * checked as raised to it.
 */
#define CT_PORT_RAISED(v) ((v) < K_TASK_STK_SIZE_MIN ? K_TASK_STK_SIZE_MIN : (v))

/* Integer type T is unsigned, `bytes` wide, and is exactly type U. */
#define CT_UINT_TYPE(sec, T, U, bytes)                            \
    _Static_assert(sizeof(T) == (bytes) && (T)-1 > 0,             \
                   sec ": " #T " is unsigned, " #bytes " bytes"); \
    _Static_assert(CT_TYPE_IS((T)0, U), sec ": " #T " is " #U)

/* Member m of struct type S has type T (arrays: the element pointer type). */
#define CT_MEMBER_TYPE(sec, S, m, T) \
    _Static_assert(CT_TYPE_IS(((S *)0)->m, T), sec ": " #S "." #m " is " #T)

/* Member m of S is the first member. */
#define CT_FIRST(sec, S, m, T)                                                       \
    _Static_assert(offsetof(S, m) == 0u, sec ": " #S "." #m " is the first member"); \
    CT_MEMBER_TYPE(sec, S, m, T)

/* Member m of S, of type T, comes after member prev (which may be a macro). */
#define CT_NEXT(sec, S, prev, m, T) CT_NEXT_(sec, S, prev, m, T)
#define CT_NEXT_(sec, S, prev, m, T)                                                         \
    _Static_assert(offsetof(S, prev) < offsetof(S, m), sec ": " #S "." #prev " before " #m); \
    CT_MEMBER_TYPE(sec, S, m, T)

/* Array member m of S holds n elements. */
#define CT_ARRAY_LEN(sec, S, m, n)                                      \
    _Static_assert(sizeof(((S *)0)->m) == (n) * sizeof(((S *)0)->m[0]), \
                   sec ": " #S "." #m " has " #n " elements")

/* Global `name` is declared with a type whose address is of type PT. */
#define CT_GLOBAL(name, PT) \
    _Static_assert(CT_TYPE_IS(&(name), PT), "section 38.1: &" #name " is " #PT)

/* ---- §2.2 version ----------------------------------------------------------- */

CT_VALUE("section 2.2", TOS_VERSION_MAJOR, 0x02);
CT_VALUE("section 2.2", TOS_VERSION_MINOR, 0x04);
CT_VALUE("section 2.2", TOS_VERSION_PATCH, 0x03);
_Static_assert(sizeof(TOS_VERSION) == sizeof("2.4.3"), "section 2.2: TOS_VERSION is \"2.4.3\"");

/* ---- §3 compiler abstraction macros ------------------------------------------ */

#if !defined(__API__) || !defined(__KNL__) || !defined(__HOOK__) || !defined(__DEBUG__) || \
    !defined(__PORT__)
#error "section 3: a marker macro (__API__, __KNL__, __HOOK__, __DEBUG__, __PORT__) is missing"
#endif
#if !defined(__CDECLS_BEGIN) || !defined(__CDECLS_END)
#error "section 3: __CDECLS_BEGIN / __CDECLS_END missing"
#endif
#if !defined(__ASM__) || !defined(__VOLATILE__) || !defined(__INLINE__) || !defined(__STATIC__) || \
    !defined(__STATIC_INLINE__) || !defined(likely) || !defined(unlikely)
#error "section 3: a per-compiler keyword macro is missing"
#endif
#if !defined(__UNUSED__) || !defined(__USED__) || !defined(__PACKED__) || !defined(__ALIGNED__) || \
    !defined(__PURE__) || !defined(__CONST__) || !defined(__NO_RETURN__) || !defined(__WEAK__)
#error "section 3: a per-compiler attribute macro is missing"
#endif
#if defined(__GNUC__) && !defined(__NAKED__)
#error "section 3: __NAKED__ missing for GCC/armclang"
#endif

/* ---- §4 basic types ------------------------------------------------------------ */

CT_UINT_TYPE("section 4", k_prio_t, uint8_t, 1u);
CT_UINT_TYPE("section 4", k_stack_t, uint8_t, 1u);
CT_UINT_TYPE("section 4", k_task_state_t, uint8_t, 1u);
CT_UINT_TYPE("section 4", k_nesting_t, uint8_t, 1u);
CT_UINT_TYPE("section 4", k_opt_t, uint16_t, 2u);
CT_UINT_TYPE("section 4", k_sem_cnt_t, uint16_t, 2u);
CT_UINT_TYPE("section 4", k_event_flag_t, uint32_t, 4u);
CT_UINT_TYPE("section 4", k_barrier_cnt_t, uint16_t, 2u);
CT_UINT_TYPE("section 4", k_countdownlatch_cnt_t, uint16_t, 2u);
CT_UINT_TYPE("section 4", k_time_t, uint32_t, 4u);
CT_UINT_TYPE("section 4", k_timeslice_t, uint32_t, 4u);
CT_UINT_TYPE("section 4", k_cycle_t, uint32_t, 4u);
#if TOS_CFG_CPU_DATA_SIZE == CPU_WORD_SIZE_08
CT_UINT_TYPE("section 4", k_tick_t, uint32_t, 4u);
#else
CT_UINT_TYPE("section 4", k_tick_t, uint64_t, 8u);
#endif
_Static_assert(CT_TYPE_IS((k_task_t *)0, struct k_task_st *),
               "section 4: k_task_t is struct k_task_st");

CT_VALUE("section 4", K_TRUE, 1u);
CT_EXPR_TYPE("section 4", K_TRUE, unsigned int);
CT_VALUE("section 4", K_FALSE, 0u);
CT_EXPR_TYPE("section 4", K_FALSE, unsigned int);
CT_VALUE("section 4", K_NULL, 0);

CT_VALUE("section 4", CPU_WORD_SIZE_08, 1);
CT_VALUE("section 4", CPU_WORD_SIZE_16, 2);
CT_VALUE("section 4", CPU_WORD_SIZE_32, 3);
CT_VALUE("section 4", CPU_WORD_SIZE_64, 4);
CT_VALUE("section 4", CPU_STK_GROWTH_ASCENDING, 1);
CT_VALUE("section 4", CPU_STK_GROWTH_DESCENDING, 2);
CT_VALUE("section 4", CPU_BYTE_ORDER_LITTLE_ENDIAN, 1);
CT_VALUE("section 4", CPU_BYTE_ORDER_BIG_ENDIAN, 2);

/* Bytes of a port word size, as TOS_CFG_CPU_*_SIZE selects it. */
#define CT_WORD_BYTES(size)            \
    ((size) == CPU_WORD_SIZE_08   ? 1u \
     : (size) == CPU_WORD_SIZE_16 ? 2u \
     : (size) == CPU_WORD_SIZE_32 ? 4u \
     : (size) == CPU_WORD_SIZE_64 ? 8u \
                                  : 0u)

_Static_assert(sizeof(cpu_addr_t) == CT_WORD_BYTES(TOS_CFG_CPU_ADDR_SIZE) && (cpu_addr_t)-1 > 0,
               "section 4: cpu_addr_t is unsigned, TOS_CFG_CPU_ADDR_SIZE wide");
_Static_assert(sizeof(cpu_addr_t) >= sizeof(void *), "section 4: cpu_addr_t holds an address");
_Static_assert(sizeof(cpu_data_t) == CT_WORD_BYTES(TOS_CFG_CPU_DATA_SIZE) && (cpu_data_t)-1 > 0,
               "section 4: cpu_data_t is unsigned, TOS_CFG_CPU_DATA_SIZE wide");
#ifdef TOS_CFG_CPU_HRTIMER_SIZE
_Static_assert(sizeof(cpu_hrtimer_t) == CT_WORD_BYTES(TOS_CFG_CPU_HRTIMER_SIZE) &&
                   (cpu_hrtimer_t)-1 > 0,
               "section 4: cpu_hrtimer_t is unsigned, TOS_CFG_CPU_HRTIMER_SIZE wide");
#else
CT_UINT_TYPE("section 4", cpu_hrtimer_t, uint32_t, 4u);
#endif
_Static_assert(CT_TYPE_IS((cpu_cpsr_t)0, cpu_addr_t), "section 4: cpu_cpsr_t is cpu_addr_t");

/* ---- §5 error codes ------------------------------------------------------------ */

/* Every code of the contract's table, with its number. */
#define CT_ERRS(X)                                   \
    X(K_ERR_NONE, 0)                                 \
    X(K_ERR_BARRIER_COUNT_INVALID, 5)                \
    X(K_ERR_BARRIER_OVERFLOW, 6)                     \
    X(K_ERR_BITMAP_EXCEED, 10)                       \
    X(K_ERR_BIN_HEAP_FULL, 15)                       \
    X(K_ERR_BIN_HEAP_EMPTY, 16)                      \
    X(K_ERR_BIN_HEAP_ITEM_SIZE_NOT_MATCH, 17)        \
    X(K_ERR_COMPLETION_OVERFLOW, 25)                 \
    X(K_ERR_COUNTDOWNLATCH_OVERFLOW, 50)             \
    X(K_ERR_DELAY_ZERO, 100)                         \
    X(K_ERR_DELAY_FOREVER, 101)                      \
    X(K_ERR_EVENT_PEND_OPT_INVALID, 200)             \
    X(K_ERR_IN_IRQ, 400)                             \
    X(K_ERR_KNL_NOT_RUNNING, 500)                    \
    X(K_ERR_KNL_RUNNING, 501)                        \
    X(K_ERR_LOCK_NESTING_OVERFLOW, 600)              \
    X(K_ERR_MMBLK_POOL_FULL, 700)                    \
    X(K_ERR_MMBLK_POOL_EMPTY, 701)                   \
    X(K_ERR_MMBLK_INVALID_BLK_SIZE, 702)             \
    X(K_ERR_MMBLK_INVALID_POOL_ADDR, 703)            \
    X(K_ERR_MMBLK_POOL_OUT_OF_MEMORY, 704)           \
    X(K_ERR_MMBLK_OUT_OF_MEMORY, 705)                \
    X(K_ERR_MMHEAP_INVALID_POOL_ADDR, 800)           \
    X(K_ERR_MMHEAP_INVALID_POOL_SIZE, 801)           \
    X(K_ERR_MMHEAP_POOL_OVERFLOW, 802)               \
    X(K_ERR_MMHEAP_POOL_ALREADY_EXIST, 803)          \
    X(K_ERR_MMHEAP_POOL_NOT_EXIST, 804)              \
    X(K_ERR_MUTEX_NOT_OWNER, 1000)                   \
    X(K_ERR_MUTEX_NESTING, 1001)                     \
    X(K_ERR_MUTEX_NESTING_OVERFLOW, 1002)            \
    X(K_ERR_OBJ_PTR_NULL, 1100)                      \
    X(K_ERR_OBJ_INVALID, 1101)                       \
    X(K_ERR_OBJ_INVALID_ALLOC_TYPE, 1102)            \
    X(K_ERR_OUT_OF_MEMORY, 1150)                     \
    X(K_ERR_PEND_NOWAIT, 1200)                       \
    X(K_ERR_PEND_SCHED_LOCKED, 1201)                 \
    X(K_ERR_PEND_ABNORMAL, 1202)                     \
    X(K_ERR_PEND_TIMEOUT, 1203)                      \
    X(K_ERR_PEND_DESTROY, 1204)                      \
    X(K_ERR_PEND_OWNER_DIE, 1205)                    \
    X(K_ERR_PM_DEVICE_ALREADY_REG, 1300)             \
    X(K_ERR_PM_DEVICE_OVERFLOW, 1301)                \
    X(K_ERR_PM_WKUP_SOURCE_NOT_INSTALL, 1302)        \
    X(K_ERR_PRIO_Q_EMPTY, 1400)                      \
    X(K_ERR_PRIO_Q_FULL, 1401)                       \
    X(K_ERR_PRIO_Q_SLOT_NOT_TAKEN, 1402)             \
    X(K_ERR_PRIO_Q_ITEM_SIZE_NOT_MATCH, 1403)        \
    X(K_ERR_RING_Q_FULL, 1500)                       \
    X(K_ERR_RING_Q_EMPTY, 1501)                      \
    X(K_ERR_RING_Q_ITEM_SIZE_NOT_MATCH, 1502)        \
    X(K_ERR_RWLOCK_READERS_TO_MANY, 1600)            \
    X(K_ERR_RWLOCK_IS_READING, 1601)                 \
    X(K_ERR_RWLOCK_IS_WRITTING, 1602)                \
    X(K_ERR_RWLOCK_NOT_READING, 1603)                \
    X(K_ERR_RWLOCK_NOT_WRITTING, 1604)               \
    X(K_ERR_RWLOCK_NOT_TAKEN, 1605)                  \
    X(K_ERR_RWLOCK_WAITING_WRITERS_TO_MANY, 1606)    \
    X(K_ERR_SCHED_LOCKED, 1700)                      \
    X(K_ERR_SCHED_NOT_LOCKED, 1701)                  \
    X(K_ERR_SEM_OVERFLOW, 1800)                      \
    X(K_ERR_TASK_ALREADY_CREATED, 1900)              \
    X(K_ERR_TASK_DESTROY_IDLE, 1901)                 \
    X(K_ERR_TASK_NOT_DELAY, 1902)                    \
    X(K_ERR_TASK_PRIO_INVALID, 1903)                 \
    X(K_ERR_TASK_RESUME_SELF, 1904)                  \
    X(K_ERR_TASK_SUSPENDED, 1905)                    \
    X(K_ERR_TASK_SUSPEND_IDLE, 1906)                 \
    X(K_ERR_TASK_STK_OVERFLOW, 1907)                 \
    X(K_ERR_TASK_STK_SIZE_INVALID, 1908)             \
    X(K_ERR_TASK_OUT_OF_MEMORY, 1909)                \
    X(K_ERR_TICKLESS_WKUP_ALARM_NOT_INSTALLED, 2000) \
    X(K_ERR_TICKLESS_WKUP_ALARM_NO_INIT, 2001)       \
    X(K_ERR_TICKLESS_WKUP_ALARM_INIT_FAILED, 2002)   \
    X(K_ERR_TIMER_INACTIVE, 2100)                    \
    X(K_ERR_TIMER_DELAY_FOREVER, 2101)               \
    X(K_ERR_TIMER_PERIOD_FOREVER, 2102)              \
    X(K_ERR_TIMER_INVALID_DELAY, 2103)               \
    X(K_ERR_TIMER_INVALID_PERIOD, 2104)              \
    X(K_ERR_TIMER_INVALID_STATE, 2105)               \
    X(K_ERR_TIMER_INVALID_OPT, 2106)                 \
    X(K_ERR_TIMER_STOPPED, 2107)                     \
    X(K_ERR_TIMER_RUNNING, 2108)                     \
    X(K_ERR_SEM_OUT_OF_MEMORY, 2200)                 \
    X(K_ERR_MUTEX_OUT_OF_MEMORY, 2300)

#define CT_ERR_COUNT 84

_Static_assert(CT_TYPE_IS((k_err_t)0, enum k_err_en), "section 5: k_err_t is enum k_err_en");

#define CT_ERR_STATIC(name, value) CT_VALUE("section 5", name, value);
CT_ERRS(CT_ERR_STATIC)

/* ---- §6 configuration defaults --------------------------------------------------- */

#if TOS_CFG_EVENT_DRIVEN_EN == 0u

#ifdef CT_UNSET_EVENT_DRIVEN_EN
CT_VALUE("section 6.1 default", TOS_CFG_EVENT_DRIVEN_EN, 0u);
#endif
#ifdef CT_UNSET_TASK_PRIO_MAX
CT_VALUE("section 6.1 default", TOS_CFG_TASK_PRIO_MAX, 8u);
#endif
#ifdef CT_UNSET_ROUND_ROBIN_EN
CT_VALUE("section 6.1 default", TOS_CFG_ROUND_ROBIN_EN, 0u);
#endif
#ifdef CT_UNSET_OBJECT_VERIFY_EN
CT_VALUE("section 6.1 default", TOS_CFG_OBJECT_VERIFY_EN, 0u);
#endif
#ifdef CT_UNSET_TASK_DYNAMIC_CREATE_EN
CT_VALUE("section 6.1 default", TOS_CFG_TASK_DYNAMIC_CREATE_EN, 0u);
#endif
#ifdef CT_UNSET_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN
CT_VALUE("section 6.1 default", TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN, 0u);
#endif
#ifdef CT_UNSET_EVENT_EN
CT_VALUE("section 6.1 default", TOS_CFG_EVENT_EN, 0u);
#endif
#ifdef CT_UNSET_MUTEX_EN
CT_VALUE("section 6.1 default", TOS_CFG_MUTEX_EN, 0u);
#endif
#ifdef CT_UNSET_SEM_EN
CT_VALUE("section 6.1 default", TOS_CFG_SEM_EN, 0u);
#endif
#ifdef CT_UNSET_MESSAGE_QUEUE_EN
CT_VALUE("section 6.1 default", TOS_CFG_MESSAGE_QUEUE_EN, 0u);
#endif
#ifdef CT_UNSET_MAIL_QUEUE_EN
CT_VALUE("section 6.1 default", TOS_CFG_MAIL_QUEUE_EN, 0u);
#endif
#ifdef CT_UNSET_PRIORITY_MESSAGE_QUEUE_EN
CT_VALUE("section 6.1 default", TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN, 0u);
#endif
#ifdef CT_UNSET_PRIORITY_MAIL_QUEUE_EN
CT_VALUE("section 6.1 default", TOS_CFG_PRIORITY_MAIL_QUEUE_EN, 0u);
#endif
/* No default: an unset switch stays undefined (reads as 0 in #if). */
#if defined(CT_UNSET_COMPLETION_EN) && defined(TOS_CFG_COMPLETION_EN)
#error "section 6.1: TOS_CFG_COMPLETION_EN must have no default"
#endif
#if defined(CT_UNSET_COUNTDOWNLATCH_EN) && defined(TOS_CFG_COUNTDOWNLATCH_EN)
#error "section 6.1: TOS_CFG_COUNTDOWNLATCH_EN must have no default"
#endif
#if defined(CT_UNSET_BARRIER_EN) && defined(TOS_CFG_BARRIER_EN)
#error "section 6.1: TOS_CFG_BARRIER_EN must have no default"
#endif
#if defined(CT_UNSET_MMHEAP_DEFAULT_POOL_SIZE) && defined(TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE)
#error "section 6.1: TOS_CFG_MMHEAP_DEFAULT_POOL_SIZE must have no default"
#endif
#ifdef CT_UNSET_TIMER_EN
CT_VALUE("section 6.1 default", TOS_CFG_TIMER_EN, 0u);
#endif
/* TOS_CFG_TIMER_AS_PROC is defaulted only for timers, the timer task's
 * priority and stack only for task-mode timers. */
#if TOS_CFG_TIMER_EN > 0u
#ifdef CT_UNSET_TIMER_AS_PROC
CT_VALUE("section 6.1 default", TOS_CFG_TIMER_AS_PROC, 0u);
#endif
#if TOS_CFG_TIMER_AS_PROC == 0u
#ifdef CT_UNSET_TIMER_TASK_PRIO
CT_VALUE("section 6.1 default", TOS_CFG_TIMER_TASK_PRIO,
         (k_prio_t)(K_TASK_PRIO_IDLE - (k_prio_t)1u));
CT_EXPR_TYPE("section 6.1 default", TOS_CFG_TIMER_TASK_PRIO, k_prio_t);
#endif
#ifdef CT_UNSET_TIMER_TASK_STK_SIZE
CT_VALUE("section 6.1 default", TOS_CFG_TIMER_TASK_STK_SIZE, CT_PORT_RAISED(128u));
#endif
#elif defined(CT_UNSET_TIMER_TASK_PRIO) && defined(TOS_CFG_TIMER_TASK_PRIO)
#error "section 6.1: TOS_CFG_TIMER_TASK_PRIO is defaulted only when TOS_CFG_TIMER_AS_PROC == 0"
#elif defined(CT_UNSET_TIMER_TASK_STK_SIZE) && defined(TOS_CFG_TIMER_TASK_STK_SIZE)
#error "section 6.1: TOS_CFG_TIMER_TASK_STK_SIZE is defaulted only when TOS_CFG_TIMER_AS_PROC == 0"
#endif
#elif defined(CT_UNSET_TIMER_AS_PROC) && defined(TOS_CFG_TIMER_AS_PROC)
#error "section 6.1: TOS_CFG_TIMER_AS_PROC is defaulted only when TOS_CFG_TIMER_EN > 0"
#endif
#ifdef CT_UNSET_LIBC_PRINTF_EN
CT_VALUE("section 6.1 default", TOS_CFG_LIBC_PRINTF_EN, 1u);
#endif
#ifdef CT_UNSET_CPU_SYSTICK_PRIO
CT_VALUE("section 6.1 default", TOS_CFG_CPU_SYSTICK_PRIO, 0u);
#endif
#ifdef CT_UNSET_CPU_TICK_PER_SECOND
CT_VALUE("section 6.1 default", TOS_CFG_CPU_TICK_PER_SECOND, 1000u);
#endif
#ifdef CT_UNSET_CPU_CLOCK
CT_VALUE("section 6.1 default", TOS_CFG_CPU_CLOCK, 16000000u);
#endif
#ifdef CT_UNSET_MMHEAP_EN
CT_VALUE("section 6.1 default", TOS_CFG_MMHEAP_EN, 0u);
#endif
#if (TOS_CFG_MMHEAP_EN > 0u) && defined(CT_UNSET_MMHEAP_DEFAULT_POOL_EN)
CT_VALUE("section 6.1 default", TOS_CFG_MMHEAP_DEFAULT_POOL_EN, 1u);
#endif
#ifdef CT_UNSET_PWR_MGR_EN
CT_VALUE("section 6.1 default", TOS_CFG_PWR_MGR_EN, 0u);
#endif
#ifdef CT_UNSET_TICKLESS_EN
CT_VALUE("section 6.1 default", TOS_CFG_TICKLESS_EN, 0u);
#endif
#ifdef CT_UNSET_FAULT_BACKTRACE_EN
CT_VALUE("section 6.1 default", TOS_CFG_FAULT_BACKTRACE_EN, 0u);
#endif

/* The idle stack: default 128, raised to 256 for power management or
 * tickless, then to 512 for dynamic task creation; never lowered. */
#define CT_IDLE_STK_AFTER_PM                                   \
    (((TOS_CFG_PWR_MGR_EN > 0u || TOS_CFG_TICKLESS_EN > 0u) && \
      CT_IDLE_TASK_STK_SIZE_CONFIGURED < 256u)                 \
         ? 256u                                                \
         : (unsigned)CT_IDLE_TASK_STK_SIZE_CONFIGURED)
#define CT_IDLE_STK_EXPECTED                                                     \
    ((TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u && CT_IDLE_STK_AFTER_PM < 512u) ? 512u \
                                                                          : CT_IDLE_STK_AFTER_PM)
_Static_assert(TOS_CFG_IDLE_TASK_STK_SIZE == CT_PORT_RAISED(CT_IDLE_STK_EXPECTED),
               "section 6.1: TOS_CFG_IDLE_TASK_STK_SIZE follows the default and raising rule");

#else /* event-driven mode: §6.3 forces these */

CT_VALUE("section 6.3", TOS_CFG_ROUND_ROBIN_EN, 0u);
CT_VALUE("section 6.3", TOS_CFG_TASK_DYNAMIC_CREATE_EN, 0u);
CT_VALUE("section 6.3", TOS_CFG_EVENT_EN, 0u);
CT_VALUE("section 6.3", TOS_CFG_MUTEX_EN, 0u);
CT_VALUE("section 6.3", TOS_CFG_SEM_EN, 0u);
CT_VALUE("section 6.3", TOS_CFG_TIMER_EN, 0u);
CT_VALUE("section 6.3", TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN, 0u);

#endif /* TOS_CFG_EVENT_DRIVEN_EN */

/* ---- §7.1 kernel objects --------------------------------------------------------- */

CT_VALUE("section 7.1", KNL_OBJ_ALLOC_TYPE_NONE, 0);
CT_VALUE("section 7.1", KNL_OBJ_ALLOC_TYPE_STATIC, 1);
CT_VALUE("section 7.1", KNL_OBJ_ALLOC_TYPE_DYNAMIC, 2);

CT_VALUE("section 7.1", KNL_OBJ_TYPE_NONE, 0x0000);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_BINARY_HEAP, 0xDAD0);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_BITMAP, 0xDAD1);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_CHAR_FIFO, 0xDAD2);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_MMBLK_POOL, 0xDAD3);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_MSG_QUEUE, 0xDAD4);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_PRIORITY_QUEUE, 0xDAD5);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_RING_QUEUE, 0xDAD6);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_STOPWATCH, 0xDAD7);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_TASK, 0xDAD8);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_TIMER, 0xDAD9);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_BARRIER, 0x0BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_COMPLETION, 0x1BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_COUNTDOWNLATCH, 0x2BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_EVENT, 0x3BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_MAIL_QUEUE, 0x4BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_MESSAGE_QUEUE, 0x5BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_MUTEX, 0x6BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_PRIORITY_MAIL_QUEUE, 0x7BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_PRIORITY_MESSAGE_QUEUE, 0x8BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_RWLOCK, 0x9BEE);
CT_VALUE("section 7.1", KNL_OBJ_TYPE_SEMAPHORE, 0xABEE);

CT_FIRST("section 7.1", knl_obj_t, alloc_type, knl_obj_alloc_type_t);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
CT_NEXT("section 7.1", knl_obj_t, alloc_type, type, knl_obj_type_t);
#endif

/* ---- §7.4 pend objects ------------------------------------------------------------ */

CT_VALUE("section 7.4", PEND_STATE_NONE, 0);
CT_VALUE("section 7.4", PEND_STATE_POST, 1);
CT_VALUE("section 7.4", PEND_STATE_TIMEOUT, 2);
CT_VALUE("section 7.4", PEND_STATE_DESTROY, 3);
CT_VALUE("section 7.4", PEND_STATE_OWNER_DIE, 4);
CT_VALUE("section 7.4", OPT_POST_ONE, 0);
CT_VALUE("section 7.4", OPT_POST_ALL, 1);

CT_FIRST("section 7.4", pend_obj_t, list, k_list_t);
_Static_assert(sizeof(pend_obj_t) == sizeof(k_list_t),
               "section 7.4: pend_obj_t has the single member list");

/* ---- §8 list and slist -------------------------------------------------------------- */

CT_FIRST("section 8.2", k_list_t, next, struct k_list_node_st *);
CT_NEXT("section 8.2", k_list_t, next, prev, struct k_list_node_st *);
_Static_assert(CT_TYPE_IS((k_list_t *)0, struct k_list_node_st *),
               "section 8.2: k_list_t is struct k_list_node_st");
CT_FIRST("section 8.3", k_slist_t, next, struct k_slist_node_st *);
_Static_assert(CT_TYPE_IS((k_slist_t *)0, struct k_slist_node_st *),
               "section 8.3: k_slist_t is struct k_slist_node_st");

/* ---- §9.1 system ------------------------------------------------------------------------ */

CT_VALUE("section 9.1", K_NESTING_LIMIT_IRQ, 250u);
CT_EXPR_TYPE("section 9.1", K_NESTING_LIMIT_IRQ, k_nesting_t);
CT_VALUE("section 9.1", K_NESTING_LIMIT_SCHED_LOCK, 250u);
CT_EXPR_TYPE("section 9.1", K_NESTING_LIMIT_SCHED_LOCK, k_nesting_t);
CT_VALUE("section 9.1", KNL_STATE_STOPPED, 0);
CT_VALUE("section 9.1", KNL_STATE_RUNNING, 1);

/* ---- §10.1 tasks ----------------------------------------------------------------------- */

CT_VALUE("section 10.1", K_TASK_NAME_LEN_MAX, 15u);
CT_EXPR_TYPE("section 10.1", K_TASK_NAME_LEN_MAX, unsigned int);
CT_VALUE("section 10.1", K_TASK_NAME_MAX, 16);
CT_VALUE("section 10.1", K_TASK_STK_SIZE_MIN, sizeof(cpu_context_t));
CT_VALUE("section 10.1", K_TASK_PRIO_IDLE, TOS_CFG_TASK_PRIO_MAX - 1u);
CT_EXPR_TYPE("section 10.1", K_TASK_PRIO_IDLE, k_prio_t);
CT_VALUE("section 10.1", K_TASK_PRIO_INVALID, TOS_CFG_TASK_PRIO_MAX);
CT_EXPR_TYPE("section 10.1", K_TASK_PRIO_INVALID, k_prio_t);

CT_VALUE("section 10.1", K_TASK_STATE_READY, 0x0000);
CT_VALUE("section 10.1", K_TASK_STATE_SLEEP, 0x0001);
CT_VALUE("section 10.1", K_TASK_STATE_PEND, 0x0002);
CT_VALUE("section 10.1", K_TASK_STATE_SUSPENDED, 0x0004);
CT_VALUE("section 10.1", K_TASK_STATE_DELETED, 0x0008);
CT_VALUE("section 10.1", K_TASK_STATE_PENDTIMEOUT, 0x0003);
CT_VALUE("section 10.1", K_TASK_STATE_SLEEP_SUSPENDED, 0x0005);
CT_VALUE("section 10.1", K_TASK_STATE_PEND_SUSPENDED, 0x0006);
CT_VALUE("section 10.1", K_TASK_STATE_PENDTIMEOUT_SUSPENDED, 0x0007);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_READY, k_task_state_t);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_SLEEP, k_task_state_t);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_PEND, k_task_state_t);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_SUSPENDED, k_task_state_t);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_DELETED, k_task_state_t);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_PENDTIMEOUT, k_task_state_t);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_SLEEP_SUSPENDED, k_task_state_t);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_PEND_SUSPENDED, k_task_state_t);
CT_EXPR_TYPE("section 10.1", K_TASK_STATE_PENDTIMEOUT_SUSPENDED, k_task_state_t);

_Static_assert(CT_TYPE_IS((k_task_entry_t)0, void (*)(void *)),
               "section 10.1: k_task_entry_t is void (*)(void *)");
_Static_assert(CT_TYPE_IS((k_task_walker_t)0, void (*)(k_task_t *)),
               "section 10.1: k_task_walker_t is void (*)(k_task_t *)");

/* struct k_task_st, member by member; CT_TASK_PREV is the last member present. */
CT_FIRST("section 10.1", k_task_t, sp, k_stack_t *);
CT_NEXT("section 10.1", k_task_t, sp, knl_obj, knl_obj_t);
CT_NEXT("section 10.1", k_task_t, knl_obj, name, char *);
CT_ARRAY_LEN("section 10.1", k_task_t, name, K_TASK_NAME_MAX);
CT_NEXT("section 10.1", k_task_t, name, entry, k_task_entry_t);
CT_NEXT("section 10.1", k_task_t, entry, arg, void *);
CT_NEXT("section 10.1", k_task_t, arg, state, k_task_state_t);
CT_NEXT("section 10.1", k_task_t, state, prio, k_prio_t);
CT_NEXT("section 10.1", k_task_t, prio, stk_base, k_stack_t *);
CT_NEXT("section 10.1", k_task_t, stk_base, stk_size, size_t);
#define CT_TASK_PREV stk_size
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
CT_NEXT("section 10.1", k_task_t, CT_TASK_PREV, dead_list, k_list_t);
#undef CT_TASK_PREV
#define CT_TASK_PREV dead_list
#endif
CT_NEXT("section 10.1", k_task_t, CT_TASK_PREV, stat_list, k_list_t);
CT_NEXT("section 10.1", k_task_t, stat_list, tick_expires, k_tick_t);
CT_NEXT("section 10.1", k_task_t, tick_expires, tick_list, k_list_t);
CT_NEXT("section 10.1", k_task_t, tick_list, pend_list, k_list_t);
#undef CT_TASK_PREV
#define CT_TASK_PREV pend_list
#if TOS_CFG_MUTEX_EN > 0u
CT_NEXT("section 10.1", k_task_t, CT_TASK_PREV, mutex_own_list, k_list_t);
CT_NEXT("section 10.1", k_task_t, mutex_own_list, prio_pending, k_prio_t);
#undef CT_TASK_PREV
#define CT_TASK_PREV prio_pending
#endif
CT_NEXT("section 10.1", k_task_t, CT_TASK_PREV, pending_obj, pend_obj_t *);
CT_NEXT("section 10.1", k_task_t, pending_obj, pend_state, pend_state_t);
#undef CT_TASK_PREV
#define CT_TASK_PREV pend_state
#if TOS_CFG_ROUND_ROBIN_EN > 0u
CT_NEXT("section 10.1", k_task_t, CT_TASK_PREV, timeslice_reload, k_timeslice_t);
CT_NEXT("section 10.1", k_task_t, timeslice_reload, timeslice, k_timeslice_t);
#undef CT_TASK_PREV
#define CT_TASK_PREV timeslice
#endif
#if (TOS_CFG_MESSAGE_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u)
CT_NEXT("section 10.1", k_task_t, CT_TASK_PREV, msg, void *);
#undef CT_TASK_PREV
#define CT_TASK_PREV msg
#endif
#if (TOS_CFG_MAIL_QUEUE_EN > 0u) || (TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u)
CT_NEXT("section 10.1", k_task_t, CT_TASK_PREV, mail, void *);
CT_NEXT("section 10.1", k_task_t, mail, mail_size, size_t);
#undef CT_TASK_PREV
#define CT_TASK_PREV mail_size
#endif
#if TOS_CFG_EVENT_EN > 0u
CT_NEXT("section 10.1", k_task_t, CT_TASK_PREV, opt_event_pend, k_opt_t);
CT_NEXT("section 10.1", k_task_t, opt_event_pend, flag_expect, k_event_flag_t);
CT_NEXT("section 10.1", k_task_t, flag_expect, flag_match, k_event_flag_t *);
#undef CT_TASK_PREV
#define CT_TASK_PREV flag_match
#endif
#if TOS_CFG_TASK_RUNTIME_STATS_EN > 0u
/* Tern extension (docs/compat.md): after every contract member. */
CT_NEXT("section 10.1 extension", k_task_t, CT_TASK_PREV, run_ticks, k_tick_t);
#endif

/* ---- §11.1 time --------------------------------------------------------------------------- */

CT_VALUE("section 11.1", TOS_TIME_FOREVER, (k_tick_t)-1);
CT_EXPR_TYPE("section 11.1", TOS_TIME_FOREVER, k_tick_t);
CT_VALUE("section 11.1", TOS_TIME_NOWAIT, 0u);
CT_EXPR_TYPE("section 11.1", TOS_TIME_NOWAIT, k_tick_t);
CT_VALUE("section 11.1", K_TIME_MILLISEC_PER_SEC, 1000u);
CT_EXPR_TYPE("section 11.1", K_TIME_MILLISEC_PER_SEC, unsigned int);
CT_VALUE("section 11.1", K_TIME_MAX, (k_tick_t)((k_tick_t)-1 - 1u));
CT_EXPR_TYPE("section 11.1", K_TIME_MAX, k_tick_t);

/* ---- §13 .. §19 synchronisation objects -------------------------------------------------- */

#if TOS_CFG_SEM_EN > 0u
CT_FIRST("section 13", k_sem_t, knl_obj, knl_obj_t);
CT_NEXT("section 13", k_sem_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 13", k_sem_t, pend_obj, count, k_sem_cnt_t);
CT_NEXT("section 13", k_sem_t, count, count_max, k_sem_cnt_t);
#endif

#if TOS_CFG_MUTEX_EN > 0u
CT_FIRST("section 14", k_mutex_t, knl_obj, knl_obj_t);
CT_NEXT("section 14", k_mutex_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 14", k_mutex_t, pend_obj, pend_nesting, k_nesting_t);
CT_NEXT("section 14", k_mutex_t, pend_nesting, owner, k_task_t *);
CT_NEXT("section 14", k_mutex_t, owner, owner_orig_prio, k_prio_t);
CT_NEXT("section 14", k_mutex_t, owner_orig_prio, owner_anchor, k_list_t);
#endif

#if TOS_CFG_EVENT_EN > 0u
CT_VALUE("section 15", TOS_OPT_EVENT_PEND_ANY, 0x0001);
CT_EXPR_TYPE("section 15", TOS_OPT_EVENT_PEND_ANY, k_opt_t);
CT_VALUE("section 15", TOS_OPT_EVENT_PEND_ALL, 0x0002);
CT_EXPR_TYPE("section 15", TOS_OPT_EVENT_PEND_ALL, k_opt_t);
CT_VALUE("section 15", TOS_OPT_EVENT_PEND_CLR, 0x0004);
CT_EXPR_TYPE("section 15", TOS_OPT_EVENT_PEND_CLR, k_opt_t);
CT_VALUE("section 15", OPT_EVENT_POST_KEP, 0);
CT_VALUE("section 15", OPT_EVENT_POST_CLR, 1);
CT_FIRST("section 15", k_event_t, knl_obj, knl_obj_t);
CT_NEXT("section 15", k_event_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 15", k_event_t, pend_obj, flag, k_event_flag_t);
#endif

#if TOS_CFG_COMPLETION_EN > 0u
CT_UINT_TYPE("section 16", completion_done_t, uint16_t, 2u);
CT_FIRST("section 16", k_completion_t, knl_obj, knl_obj_t);
CT_NEXT("section 16", k_completion_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 16", k_completion_t, pend_obj, done, completion_done_t);
#endif

#if TOS_CFG_COUNTDOWNLATCH_EN > 0u
CT_FIRST("section 17", k_countdownlatch_t, knl_obj, knl_obj_t);
CT_NEXT("section 17", k_countdownlatch_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 17", k_countdownlatch_t, pend_obj, count, k_countdownlatch_cnt_t);
#endif

#if TOS_CFG_BARRIER_EN > 0u
CT_FIRST("section 18", k_barrier_t, knl_obj, knl_obj_t);
CT_NEXT("section 18", k_barrier_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 18", k_barrier_t, pend_obj, count, k_barrier_cnt_t);
#endif

#if (TOS_CFG_SEM_EN > 0u) && (TOS_CFG_MUTEX_EN > 0u)
CT_UINT_TYPE("section 19", rw_cnt_t, uint16_t, 2u);
CT_FIRST("section 19", k_rwlock_t, knl_obj, knl_obj_t);
CT_NEXT("section 19", k_rwlock_t, knl_obj, lock, k_mutex_t);
CT_NEXT("section 19", k_rwlock_t, lock, signal, k_sem_t);
CT_NEXT("section 19", k_rwlock_t, signal, n_readers, rw_cnt_t);
CT_NEXT("section 19", k_rwlock_t, n_readers, n_writers, rw_cnt_t);
CT_NEXT("section 19", k_rwlock_t, n_writers, is_writting, int);
#endif

/* ---- §20 .. §27 queues and containers ------------------------------------------------------ */

CT_FIRST("section 20", k_ring_q_t, knl_obj, knl_obj_t);
CT_NEXT("section 20", k_ring_q_t, knl_obj, head, uint16_t);
CT_NEXT("section 20", k_ring_q_t, head, tail, uint16_t);
CT_NEXT("section 20", k_ring_q_t, tail, total, size_t);
CT_NEXT("section 20", k_ring_q_t, total, pool, uint8_t *);
CT_NEXT("section 20", k_ring_q_t, pool, item_size, size_t);
CT_NEXT("section 20", k_ring_q_t, item_size, item_cnt, size_t);

CT_FIRST("section 21", k_chr_fifo_t, knl_obj, knl_obj_t);
CT_NEXT("section 21", k_chr_fifo_t, knl_obj, ring_q, k_ring_q_t);

#if TOS_CFG_MESSAGE_QUEUE_EN > 0u
CT_FIRST("section 22", k_msg_q_t, knl_obj, knl_obj_t);
CT_NEXT("section 22", k_msg_q_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 22", k_msg_q_t, pend_obj, ring_q, k_ring_q_t);
#endif

#if TOS_CFG_MAIL_QUEUE_EN > 0u
CT_FIRST("section 23", k_mail_q_t, knl_obj, knl_obj_t);
CT_NEXT("section 23", k_mail_q_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 23", k_mail_q_t, pend_obj, ring_q, k_ring_q_t);
#endif

_Static_assert(CT_TYPE_IS((k_bin_heap_cmp)0, int (*)(void *, void *)),
               "section 24: k_bin_heap_cmp is int (*)(void *, void *)");
CT_FIRST("section 24", k_bin_heap_t, knl_obj, knl_obj_t);
CT_NEXT("section 24", k_bin_heap_t, knl_obj, total, size_t);
CT_NEXT("section 24", k_bin_heap_t, total, cmp, k_bin_heap_cmp);
CT_NEXT("section 24", k_bin_heap_t, cmp, item_size, size_t);
CT_NEXT("section 24", k_bin_heap_t, item_size, item_cnt, size_t);
CT_NEXT("section 24", k_bin_heap_t, item_cnt, pool, uint8_t *);
CT_VALUE("section 24", BIN_HEAP_PARENT(1), 0);
CT_VALUE("section 24", BIN_HEAP_PARENT(2), 0);
CT_VALUE("section 24", BIN_HEAP_PARENT(6), 2);
CT_VALUE("section 24", BIN_HEAP_RCHILD(0), 2);
CT_VALUE("section 24", BIN_HEAP_RCHILD(3), 8);
CT_VALUE("section 24", BIN_HEAP_LSIBLING(8), 7);

CT_UINT_TYPE("section 25", prio_q_slot_t, uint16_t, 2u);
CT_FIRST("section 25", prio_q_pool_mgr_ent_t, next, prio_q_slot_t);
CT_FIRST("section 25", prio_q_pool_mgr_t, first_free, prio_q_slot_t);
CT_NEXT("section 25", prio_q_pool_mgr_t, first_free, pool_mgr_ent_array, prio_q_pool_mgr_ent_t *);
CT_FIRST("section 25", prio_q_prio_mgr_ent_t, priority, k_prio_t);
CT_NEXT("section 25", prio_q_prio_mgr_ent_t, priority, slot, prio_q_slot_t);
CT_FIRST("section 25", prio_q_prio_mgr_t, prio_mgr_bin_heap, k_bin_heap_t);
CT_NEXT("section 25", prio_q_prio_mgr_t, prio_mgr_bin_heap, prio_mgr_ent_pool,
        prio_q_prio_mgr_ent_t *);
CT_FIRST("section 25", k_prio_q_t, knl_obj, knl_obj_t);
CT_NEXT("section 25", k_prio_q_t, knl_obj, pool_mgr, prio_q_pool_mgr_t);
CT_NEXT("section 25", k_prio_q_t, pool_mgr, prio_mgr, prio_q_prio_mgr_t);
CT_NEXT("section 25", k_prio_q_t, prio_mgr, total, size_t);
CT_NEXT("section 25", k_prio_q_t, total, item_size, size_t);
CT_NEXT("section 25", k_prio_q_t, item_size, item_cnt, size_t);
CT_NEXT("section 25", k_prio_q_t, item_cnt, mgr_pool, uint8_t *);
CT_NEXT("section 25", k_prio_q_t, mgr_pool, data_pool, uint8_t *);
CT_VALUE("section 25", PRIO_Q_POOL_SLOT_INVALID, 0xFFFFu);
CT_EXPR_TYPE("section 25", PRIO_Q_POOL_SLOT_INVALID, prio_q_slot_t);
CT_VALUE("section 25", PRIO_Q_POOL_MGR_ENT_ARRAY_SIZE(7u), 7u * sizeof(prio_q_pool_mgr_ent_t));
CT_VALUE("section 25", PRIO_Q_PRIO_MGR_ENT_POOL_SIZE(7u), 7u * sizeof(prio_q_prio_mgr_ent_t));
CT_VALUE("section 25", TOS_PRIO_Q_MGR_ARRAY_SIZE(7u),
         7u * sizeof(prio_q_pool_mgr_ent_t) + 7u * sizeof(prio_q_prio_mgr_ent_t));

#if TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u
CT_FIRST("section 26", k_prio_msg_q_t, knl_obj, knl_obj_t);
CT_NEXT("section 26", k_prio_msg_q_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 26", k_prio_msg_q_t, pend_obj, prio_q_mgr_array, void *);
CT_NEXT("section 26", k_prio_msg_q_t, prio_q_mgr_array, prio_q, k_prio_q_t);
#endif

#if TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u
CT_FIRST("section 27", k_prio_mail_q_t, knl_obj, knl_obj_t);
CT_NEXT("section 27", k_prio_mail_q_t, knl_obj, pend_obj, pend_obj_t);
CT_NEXT("section 27", k_prio_mail_q_t, pend_obj, prio_q_mgr_array, void *);
CT_NEXT("section 27", k_prio_mail_q_t, prio_q_mgr_array, prio_q, k_prio_q_t);
#endif

/* ---- §28 mmheap ------------------------------------------------------------------------------ */

#if TOS_CFG_MMHEAP_EN > 0u
CT_VALUE("section 28.1", K_MMHEAP_SL_INDEX_COUNT_LOG2, 5);
/* docs/compat.md item 42: 3 on 64-bit hosts, the contract's 2 on 32-bit CPUs. */
CT_VALUE("section 28.1 (compat 42)", K_MMHEAP_ALIGN_SIZE_LOG2, (sizeof(void *) == 8u ? 3 : 2));
CT_VALUE("section 28.1", K_MMHEAP_ALIGN_SIZE, (1 << K_MMHEAP_ALIGN_SIZE_LOG2));
CT_VALUE("section 28.1", K_MMHEAP_FL_INDEX_MAX, 30);
CT_VALUE("section 28.1", K_MMHEAP_SL_INDEX_COUNT, 32);
CT_VALUE("section 28.1", K_MMHEAP_FL_INDEX_SHIFT, (5 + K_MMHEAP_ALIGN_SIZE_LOG2));
CT_VALUE("section 28.1", K_MMHEAP_FL_INDEX_COUNT, (30 - K_MMHEAP_FL_INDEX_SHIFT + 1));
CT_VALUE("section 28.1", K_MMHEAP_SMALL_BLOCK_SIZE, (1 << K_MMHEAP_FL_INDEX_SHIFT));
#if K_MMHEAP_ALIGN_SIZE_LOG2 == 2
/* The contract's literal numbers, where the contract's alignment applies. */
CT_VALUE("section 28.1", K_MMHEAP_ALIGN_SIZE, 4);
CT_VALUE("section 28.1", K_MMHEAP_FL_INDEX_SHIFT, 7);
CT_VALUE("section 28.1", K_MMHEAP_FL_INDEX_COUNT, 24);
CT_VALUE("section 28.1", K_MMHEAP_SMALL_BLOCK_SIZE, 128);
#endif
CT_VALUE("section 28.1", K_MMHEAP_BLOCK_CURR_FREE, (1 << 0));
CT_VALUE("section 28.1", K_MMHEAP_BLOCK_PREV_FREE, (1 << 1));
CT_VALUE("section 28.1", K_MMHEAP_BLOCK_SIZE_MASK, ~((1 << 0) | (1 << 1)));
CT_VALUE("section 28.1", K_MMHEAP_BLOCK_STATE_MASK, ((1 << 0) | (1 << 1)));
CT_VALUE("section 28.1", K_MMHEAP_BLK_SIZE_MIN, sizeof(mmheap_blk_t) - sizeof(mmheap_blk_t *));
CT_VALUE("section 28.1", K_MMHEAP_BLK_SIZE_MIN,
         3u * sizeof(void *)); /* 12 on 32-bit, 24 on 64-bit */
CT_VALUE("section 28.1", K_MMHEAP_BLK_SIZE_MAX, (1 << 30));
CT_VALUE("section 28.1", K_MMHEAP_BLK_HEADER_OVERHEAD, sizeof(size_t));
CT_VALUE("section 28.1", K_MMHEAP_POOL_MAX, 3);

CT_FIRST("section 28.1", k_mmheap_info_t, used, uint32_t);
CT_NEXT("section 28.1", k_mmheap_info_t, used, free, uint32_t);

CT_FIRST("section 28.1", mmheap_blk_t, prev_phys_blk, struct mmheap_blk_st *);
CT_NEXT("section 28.1", mmheap_blk_t, prev_phys_blk, size, size_t);
CT_NEXT("section 28.1", mmheap_blk_t, size, next_free, struct mmheap_blk_st *);
CT_NEXT("section 28.1", mmheap_blk_t, next_free, prev_free, struct mmheap_blk_st *);

CT_FIRST("section 28.1", k_mmheap_ctl_t, pool_cnt, int);
CT_NEXT("section 28.1", k_mmheap_ctl_t, pool_cnt, pool_start, void **);
CT_ARRAY_LEN("section 28.1", k_mmheap_ctl_t, pool_start, K_MMHEAP_POOL_MAX);
CT_NEXT("section 28.1", k_mmheap_ctl_t, pool_start, block_null, mmheap_blk_t);
CT_NEXT("section 28.1", k_mmheap_ctl_t, block_null, fl_bitmap, uint32_t);
CT_NEXT("section 28.1", k_mmheap_ctl_t, fl_bitmap, sl_bitmap, uint32_t *);
CT_ARRAY_LEN("section 28.1", k_mmheap_ctl_t, sl_bitmap, K_MMHEAP_FL_INDEX_COUNT);
CT_NEXT("section 28.1", k_mmheap_ctl_t, sl_bitmap, blocks,
        mmheap_blk_t *(*)[K_MMHEAP_SL_INDEX_COUNT]);
CT_ARRAY_LEN("section 28.1", k_mmheap_ctl_t, blocks, K_MMHEAP_FL_INDEX_COUNT);
CT_ARRAY_LEN("section 28.1", k_mmheap_ctl_t, blocks[0], K_MMHEAP_SL_INDEX_COUNT);
#else
/* Without TLSF the four allocation names are libc's. */
#if !defined(tos_mmheap_alloc) || !defined(tos_mmheap_calloc) || !defined(tos_mmheap_realloc) || \
    !defined(tos_mmheap_free)
#error "section 28: with TOS_CFG_MMHEAP_EN == 0, tos_mmheap_alloc/calloc/realloc/free are macros"
#endif
#endif

/* ---- §29 mmblk
 * ----------------------------------------------------------------------------------- */

CT_FIRST("section 29", k_mmblk_pool_t, knl_obj, knl_obj_t);
CT_NEXT("section 29", k_mmblk_pool_t, knl_obj, pool_start, void *);
CT_NEXT("section 29", k_mmblk_pool_t, pool_start, free_list, void *);
CT_NEXT("section 29", k_mmblk_pool_t, free_list, blk_size, size_t);
CT_NEXT("section 29", k_mmblk_pool_t, blk_size, blk_max, size_t);
CT_NEXT("section 29", k_mmblk_pool_t, blk_max, blk_free, size_t);
CT_VALUE("section 29", K_MMBLK_ALIGN_MASK, sizeof(void *) - 1u);

/* ---- §30 timer
 * ----------------------------------------------------------------------------------- */

#if TOS_CFG_TIMER_EN > 0u
CT_VALUE("section 30.1", TOS_OPT_TIMER_ONESHOT, 0x0001u);
CT_EXPR_TYPE("section 30.1", TOS_OPT_TIMER_ONESHOT, k_opt_t);
CT_VALUE("section 30.1", TOS_OPT_TIMER_PERIODIC, 0x0002u);
CT_EXPR_TYPE("section 30.1", TOS_OPT_TIMER_PERIODIC, k_opt_t);
CT_VALUE("section 30.1", TIMER_CHANGE_TYPE_DELAY, 0);
CT_VALUE("section 30.1", TIMER_CHANGE_TYPE_PERIOD, 1);
CT_VALUE("section 30.1", TIMER_STATE_UNUSED, 0);
CT_VALUE("section 30.1", TIMER_STATE_STOPPED, 1);
CT_VALUE("section 30.1", TIMER_STATE_RUNNING, 2);
CT_VALUE("section 30.1", TIMER_STATE_COMPLETED, 3);
_Static_assert(CT_TYPE_IS((k_timer_callback_t)0, void (*)(void *)),
               "section 30.1: k_timer_callback_t is void (*)(void *)");
CT_FIRST("section 30.1", k_timer_t, knl_obj, knl_obj_t);
CT_NEXT("section 30.1", k_timer_t, knl_obj, cb, k_timer_callback_t);
CT_NEXT("section 30.1", k_timer_t, cb, cb_arg, void *);
CT_NEXT("section 30.1", k_timer_t, cb_arg, list, k_list_t);
CT_NEXT("section 30.1", k_timer_t, list, expires, k_tick_t);
CT_NEXT("section 30.1", k_timer_t, expires, delay, k_tick_t);
CT_NEXT("section 30.1", k_timer_t, delay, period, k_tick_t);
CT_NEXT("section 30.1", k_timer_t, period, opt, k_opt_t);
CT_NEXT("section 30.1", k_timer_t, opt, state, timer_state_t);
CT_FIRST("section 30.1", timer_ctl_t, next_expires, k_tick_t);
CT_NEXT("section 30.1", timer_ctl_t, next_expires, list, k_list_t);
#endif

/* ---- §31 stopwatch, §32 bitmap
 * ------------------------------------------------------------------- */

CT_FIRST("section 31", k_stopwatch_t, knl_obj, knl_obj_t);
CT_NEXT("section 31", k_stopwatch_t, knl_obj, until, k_tick_t);

CT_UINT_TYPE("section 32", k_bmtbl_t, uint32_t, 4u);
CT_FIRST("section 32", k_bitmap_t, knl_obj, knl_obj_t);
CT_NEXT("section 32", k_bitmap_t, knl_obj, bit_ndx_max, uint32_t);
CT_NEXT("section 32", k_bitmap_t, bit_ndx_max, bit_max, uint32_t);
CT_NEXT("section 32", k_bitmap_t, bit_max, bitmap_tbl, k_bmtbl_t *);
CT_VALUE("section 32", K_BITMAP_SLOT_SIZE, 32u);
CT_VALUE("section 32", K_BITMAP_TBL_SIZE(0u), 0u);
CT_VALUE("section 32", K_BITMAP_TBL_SIZE(1u), 1u);
CT_VALUE("section 32", K_BITMAP_TBL_SIZE(32u), 1u);
CT_VALUE("section 32", K_BITMAP_TBL_SIZE(33u), 2u);
CT_VALUE("section 32", TOS_BITMAP_SIZE(64u), 2u);
CT_VALUE("section 32", TOS_BITMAP_SIZE(65u), 3u);
CT_VALUE("section 32", K_BITMAP_NDX(31u), 0u);
CT_VALUE("section 32", K_BITMAP_NDX(32u), 1u);
CT_VALUE("section 32", K_BITMAP_NDX(95u), 2u);
CT_VALUE("section 32", K_BITMAP_BIT(0u), 0x80000000u);
CT_VALUE("section 32", K_BITMAP_BIT(1u), 0x40000000u);
CT_VALUE("section 32", K_BITMAP_BIT(31u), 0x00000001u);
CT_VALUE("section 32", K_BITMAP_BIT(32u), 0x80000000u);
CT_VALUE("section 32", K_BITMAP_BIT(63u), 0x00000001u);
CT_EXPR_TYPE("section 32", K_BITMAP_BIT(5u), uint32_t);

/* ---- §38.1 ready queue and kernel globals
 * --------------------------------------------------------- */

CT_VALUE("section 38.1", K_PRIO_TBL_SIZE, (TOS_CFG_TASK_PRIO_MAX + 31u) / 32u);
CT_VALUE("section 38.1", K_PRIO_TBL_SLOT_SIZE, 8u * sizeof(uint32_t));
CT_VALUE("section 38.1", K_PRIO_NDX(0u), 0u);
CT_VALUE("section 38.1", K_PRIO_NDX(31u), 0u);
CT_VALUE("section 38.1", K_PRIO_NDX(32u), 1u);
CT_VALUE("section 38.1", K_PRIO_NDX(39u), 1u);
CT_VALUE("section 38.1", K_PRIO_BIT(0u), 0x80000000u);
CT_VALUE("section 38.1", K_PRIO_BIT(1u), 0x40000000u);
CT_VALUE("section 38.1", K_PRIO_BIT(31u), 0x00000001u);
CT_VALUE("section 38.1", K_PRIO_BIT(32u), 0x80000000u);
CT_VALUE("section 38.1", K_PRIO_BIT(39u), 0x01000000u);

CT_FIRST("section 38.1", readyqueue_t, task_list_head, k_list_t *);
CT_ARRAY_LEN("section 38.1", readyqueue_t, task_list_head, TOS_CFG_TASK_PRIO_MAX);
CT_NEXT("section 38.1", readyqueue_t, task_list_head, prio_mask, uint32_t *);
CT_ARRAY_LEN("section 38.1", readyqueue_t, prio_mask, K_PRIO_TBL_SIZE);
CT_NEXT("section 38.1", readyqueue_t, prio_mask, highest_prio, k_prio_t);

CT_GLOBAL(k_irq_nest_cnt, k_nesting_t *);
CT_GLOBAL(k_sched_lock_nest_cnt, k_nesting_t *);
CT_GLOBAL(k_knl_state, knl_state_t *);
CT_GLOBAL(k_rdyq, readyqueue_t *);
CT_GLOBAL(k_tick_count, k_tick_t *);
CT_GLOBAL(k_curr_task, k_task_t **);
CT_GLOBAL(k_next_task, k_task_t **);
CT_GLOBAL(k_idle_task, k_task_t *);
CT_GLOBAL(k_idle_task_stk[0], k_stack_t *);
CT_GLOBAL(k_idle_task_stk_addr, k_stack_t *const *);
CT_GLOBAL(k_idle_task_stk_size, const size_t *);
#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
CT_GLOBAL(k_dead_task_list, k_list_t *);
#endif
CT_GLOBAL(k_stat_list, k_list_t *);
CT_GLOBAL(k_tick_list, k_list_t *);
CT_GLOBAL(k_cpu_tick_per_second, k_tick_t *);
CT_GLOBAL(k_cpu_cycle_per_tick, k_cycle_t *);
#if TOS_CFG_FAULT_BACKTRACE_EN > 0u
CT_GLOBAL(k_fault_log_writer, k_fault_log_writer_t *);
#endif
#if TOS_CFG_MMHEAP_EN > 0u
#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
CT_GLOBAL(k_mmheap_default_pool[0], uint8_t *);
#endif
CT_GLOBAL(k_mmheap_ctl, k_mmheap_ctl_t *);
#endif
#if TOS_CFG_ROUND_ROBIN_EN > 0u
CT_GLOBAL(k_robin_default_timeslice, k_timeslice_t *);
#endif
#if TOS_CFG_TIMER_EN > 0u
CT_GLOBAL(k_timer_ctl, timer_ctl_t *);
#if TOS_CFG_TIMER_AS_PROC == 0u
CT_GLOBAL(k_timer_task, k_task_t *);
CT_GLOBAL(k_timer_task_stk[0], k_stack_t *);
CT_GLOBAL(k_timer_task_prio, const k_prio_t *);
CT_GLOBAL(k_timer_task_stk_addr, k_stack_t *const *);
CT_GLOBAL(k_timer_task_stk_size, const size_t *);
#endif
#endif

/* ==== run-time cases
 * ==================================================================================== */

/* ---- §5: the error codes, table-driven ---------------------------------------------------- */

typedef struct ct_err_row_st {
    const char *name;
    long long value; /* as the header defines it */
    long long want;  /* as the contract numbers it */
} ct_err_row_t;

#define CT_ERR_ROW(name, number) {#name, (long long)(name), (long long)(number)},

static const ct_err_row_t ct_err_rows[] = {CT_ERRS(CT_ERR_ROW)};

static void test_err_values_match_contract(void)
{
    size_t i;
    size_t j;
    unsigned int mismatches = 0u;

    TT_ASSERT_EQ(TOS_COUNT_OF(ct_err_rows), CT_ERR_COUNT);
    for (i = 0u; i < TOS_COUNT_OF(ct_err_rows); ++i) {
        if (ct_err_rows[i].value != ct_err_rows[i].want) {
            printf("    §5: %s is %lld, the contract says %lld\n", ct_err_rows[i].name,
                   ct_err_rows[i].value, ct_err_rows[i].want);
            ++mismatches;
        }
        for (j = 0u; j < i; ++j) {
            if (ct_err_rows[j].value == ct_err_rows[i].value) {
                printf("    §5: %s and %s share the value %lld\n", ct_err_rows[j].name,
                       ct_err_rows[i].name, ct_err_rows[i].value);
                ++mismatches;
            }
        }
    }
    TT_ASSERT_EQ(mismatches, 0);
    /* A k_err_t object holds every code, including the largest. */
    {
        k_err_t err = K_ERR_MUTEX_OUT_OF_MEMORY;

        TT_ASSERT_EQ(err, 2300);
    }
}

/* ---- §2.2 ---------------------------------------------------------------------------------- */

static void test_version_string(void)
{
    TT_ASSERT_STR_EQ(TOS_VERSION, "2.4.3");
    TT_ASSERT_EQ(TOS_VERSION_MAJOR, 2);
    TT_ASSERT_EQ(TOS_VERSION_MINOR, 4);
    TT_ASSERT_EQ(TOS_VERSION_PATCH, 3);
}

/* ---- §8.1 klib ---------------------------------------------------------------------------------
 */

typedef struct ct_outer_st {
    uint8_t tag;
    uint32_t word;
    k_list_t node;
    uint16_t tail[3];
} ct_outer_t;

static k_err_t ct_ptr_check(void *ptr)
{
    TOS_PTR_SANITY_CHECK(ptr);
    return K_ERR_NONE;
}

static int ct_ptr_check_rc(void *ptr)
{
    TOS_PTR_SANITY_CHECK_RC(ptr, -7);
    return 1;
}

static k_err_t ct_irq_check(void)
{
    TOS_IN_IRQ_CHECK();
    return K_ERR_NONE;
}

static k_err_t ct_isr_err;

static void ct_isr(void)
{
    tos_knl_irq_enter();
    ct_isr_err = ct_irq_check();
    tos_knl_irq_leave();
}

#define CT_INCREMENT_TWICE(x) \
    __MACRO_BEGIN             \
    ++(x);                    \
    ++(x);                    \
    __MACRO_END

static void test_klib_macros(void)
{
    ct_outer_t outer;
    int counter = 0;

    /* TOS_OFFSET_OF_FIELD is a uint32_t byte offset. */
    TT_ASSERT(CT_TYPE_IS(TOS_OFFSET_OF_FIELD(ct_outer_t, node), uint32_t));
    TT_ASSERT_EQ(TOS_OFFSET_OF_FIELD(ct_outer_t, tag), 0);
    TT_ASSERT_EQ(TOS_OFFSET_OF_FIELD(ct_outer_t, word), offsetof(ct_outer_t, word));
    TT_ASSERT_EQ(TOS_OFFSET_OF_FIELD(ct_outer_t, node), offsetof(ct_outer_t, node));
    TT_ASSERT_EQ(TOS_OFFSET_OF_FIELD(ct_outer_t, tail), offsetof(ct_outer_t, tail));

    TT_ASSERT_PTR_EQ(TOS_CONTAINER_OF_FIELD(&outer.node, ct_outer_t, node), &outer);
    TT_ASSERT_PTR_EQ(TOS_CONTAINER_OF_FIELD(&outer.word, ct_outer_t, word), &outer);
    TT_ASSERT_PTR_EQ(TOS_CONTAINER_OF_FIELD(&outer.tag, ct_outer_t, tag), &outer);
    TT_ASSERT_PTR_EQ(TOS_CONTAINER_OF_FIELD(&outer.tail[0], ct_outer_t, tail), &outer);

    TT_ASSERT_EQ(TOS_COUNT_OF(outer.tail), 3);
    TT_ASSERT_EQ(TOS_COUNT_OF(ct_err_rows), CT_ERR_COUNT);

    /* __MACRO_BEGIN/__MACRO_END make one statement of a block. */
    if (counter == 0)
        CT_INCREMENT_TWICE(counter);
    else
        counter = -1;
    TT_ASSERT_EQ(counter, 2);

    TT_ASSERT_ERR(ct_ptr_check(K_NULL), K_ERR_OBJ_PTR_NULL);
    TT_ASSERT_ERR(ct_ptr_check(&outer), K_ERR_NONE);
    TT_ASSERT_EQ(ct_ptr_check_rc(K_NULL), -7);
    TT_ASSERT_EQ(ct_ptr_check_rc(&outer), 1);

    TT_ASSERT_ERR(ct_irq_check(), K_ERR_NONE);
    ct_isr_err = K_ERR_NONE;
    tt_irq_connect(IRQ_LINE, ct_isr);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(ct_isr_err, K_ERR_IN_IRQ);

    /* A true assertion does nothing. */
    TOS_ASSERT(counter == 2);

    /* tos_kprintf and tos_kprintln (which adds the newline) are statements. */
    tos_kprintf("    contract: tos_kprintf %s %d\n", "prints", 1);
    tos_kprintln("    contract: tos_kprintln %s", "prints");
}

/* §8.1 TOS_OBJ_* and §7.1: the tag follows create/destroy (verify on). */
static k_err_t ct_obj_verify(k_stopwatch_t *sw)
{
    TOS_PTR_SANITY_CHECK(sw);
    TOS_OBJ_VERIFY(sw, KNL_OBJ_TYPE_STOPWATCH);
    return K_ERR_NONE;
}

static int ct_obj_verify_rc(k_stopwatch_t *sw)
{
    (void)sw; /* unused when verify is off */
    TOS_OBJ_VERIFY_RC(sw, KNL_OBJ_TYPE_STOPWATCH, -1);
    return 1;
}

static k_err_t ct_obj_test(k_stopwatch_t *sw)
{
    (void)sw;
    TOS_OBJ_TEST(sw, KNL_OBJ_TYPE_STOPWATCH);
    return K_ERR_NONE;
}

static int ct_obj_test_rc(k_stopwatch_t *sw)
{
    (void)sw;
    TOS_OBJ_TEST_RC(sw, KNL_OBJ_TYPE_STOPWATCH, -1);
    return 1;
}

static void test_obj_macros(void)
{
    k_stopwatch_t sw;

    memset(&sw, 0, sizeof(sw));
    TT_ASSERT_ERR(ct_obj_verify(K_NULL), K_ERR_OBJ_PTR_NULL);
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    TT_ASSERT_ERR(ct_obj_verify(&sw), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(ct_obj_verify_rc(&sw), -1);
    TT_ASSERT_ERR(ct_obj_test(&sw), K_ERR_NONE);
    TT_ASSERT_EQ(ct_obj_test_rc(&sw), 1);
    TOS_OBJ_INIT(&sw, KNL_OBJ_TYPE_STOPWATCH);
    TT_ASSERT_EQ(sw.knl_obj.type, KNL_OBJ_TYPE_STOPWATCH);
    TT_ASSERT_ERR(ct_obj_verify(&sw), K_ERR_NONE);
    TT_ASSERT_EQ(ct_obj_verify_rc(&sw), 1);
    TT_ASSERT_ERR(ct_obj_test(&sw), K_ERR_OBJ_INVALID);
    TT_ASSERT_EQ(ct_obj_test_rc(&sw), -1);
    TOS_OBJ_DEINIT(&sw);
    TT_ASSERT_EQ(sw.knl_obj.type, KNL_OBJ_TYPE_NONE);
    /* The kernel's own create and destroy set and clear the tag. */
    TT_ASSERT_ERR(tos_stopwatch_create(&sw), K_ERR_NONE);
    TT_ASSERT_EQ(sw.knl_obj.type, KNL_OBJ_TYPE_STOPWATCH);
    TT_ASSERT_ERR(tos_stopwatch_destroy(&sw), K_ERR_NONE);
    TT_ASSERT_EQ(sw.knl_obj.type, KNL_OBJ_TYPE_NONE);
#else
    /* Verify off: the macros check nothing and the tag does not exist. */
    TOS_OBJ_INIT(&sw, KNL_OBJ_TYPE_STOPWATCH);
    TT_ASSERT_ERR(ct_obj_verify(&sw), K_ERR_NONE);
    TT_ASSERT_EQ(ct_obj_verify_rc(&sw), 1);
    TT_ASSERT_ERR(ct_obj_test(&sw), K_ERR_NONE);
    TT_ASSERT_EQ(ct_obj_test_rc(&sw), 1);
    TOS_OBJ_DEINIT(&sw);
    TT_ASSERT_EQ(sizeof(knl_obj_t), sizeof(knl_obj_alloc_type_t));
#endif
}

/* ---- §8.2 doubly linked list -------------------------------------------------------------------
 */

/* 1 iff list holds exactly nodes[0..n-1], in order, in both directions. */
static int ct_list_is(const k_list_t *list, k_list_t *const *nodes, size_t n)
{
    const k_list_t *curr = list;
    size_t i;

    for (i = 0u; i < n; ++i) {
        if (curr->next != nodes[i] || nodes[i]->prev != curr) {
            return 0;
        }
        curr = curr->next;
    }
    return curr->next == list && list->prev == curr;
}

static void test_list_helpers(void)
{
    k_list_t head;
    k_list_t other;
    k_list_t a;
    k_list_t b;
    k_list_t c;

    tos_list_init(&head);
    TT_ASSERT_PTR_EQ(head.next, &head);
    TT_ASSERT_PTR_EQ(head.prev, &head);
    TT_ASSERT(tos_list_empty(&head));
    tos_list_init(&other);

    tos_list_add(&a, &head); /* at the head */
    TT_ASSERT(!tos_list_empty(&head));
    tos_list_add(&b, &head);
    TT_ASSERT(ct_list_is(&head, (k_list_t *const[]){&b, &a}, 2u));
    tos_list_add_tail(&c, &head); /* at the tail */
    TT_ASSERT(ct_list_is(&head, (k_list_t *const[]){&b, &a, &c}, 3u));

    /* del unlinks and leaves the node's own pointers as they were. */
    tos_list_del(&a);
    TT_ASSERT(ct_list_is(&head, (k_list_t *const[]){&b, &c}, 2u));
    TT_ASSERT_PTR_EQ(a.prev, &b);
    TT_ASSERT_PTR_EQ(a.next, &c);

    tos_list_add_tail(&a, &head);
    tos_list_move(&a, &head); /* unlink, then at the head */
    TT_ASSERT(ct_list_is(&head, (k_list_t *const[]){&a, &b, &c}, 3u));
    tos_list_move_tail(&a, &head); /* unlink, then at the tail */
    TT_ASSERT(ct_list_is(&head, (k_list_t *const[]){&b, &c, &a}, 3u));
    tos_list_move(&c, &other); /* across lists */
    TT_ASSERT(ct_list_is(&head, (k_list_t *const[]){&b, &a}, 2u));
    TT_ASSERT(ct_list_is(&other, (k_list_t *const[]){&c}, 1u));
    tos_list_move_tail(&b, &other);
    TT_ASSERT(ct_list_is(&other, (k_list_t *const[]){&c, &b}, 2u));

    /* del_init unlinks and leaves the node an empty list. */
    tos_list_del_init(&a);
    TT_ASSERT(tos_list_empty(&head));
    TT_ASSERT(tos_list_empty(&a));
    TT_ASSERT_PTR_EQ(a.prev, &a);
    tos_list_del_init(&c);
    tos_list_del_init(&b);
    TT_ASSERT(tos_list_empty(&other));
}

typedef struct ct_item_st {
    int value;
    k_list_t node;
} ct_item_t;

static k_list_t ct_static_node = TOS_LIST_NODE(ct_static_node);
static TOS_LIST_DEFINE(ct_static_list);

static void test_list_macros(void)
{
    ct_item_t items[3] = {{1, {K_NULL, K_NULL}}, {2, {K_NULL, K_NULL}}, {3, {K_NULL, K_NULL}}};
    TOS_LIST_DEFINE(list);
    k_list_t *curr;
    k_list_t *next;
    ct_item_t *entry;
    ct_item_t *tmp;
    int seen[6];
    int n;
    size_t i;

    /* Static initializers give empty lists. */
    TT_ASSERT(tos_list_empty(&ct_static_node));
    TT_ASSERT(tos_list_empty(&ct_static_list));
    TT_ASSERT(tos_list_empty(&list));
    TT_ASSERT_NULL(TOS_LIST_FIRST_ENTRY_OR_NULL(&list, ct_item_t, node));

    for (i = 0u; i < 3u; ++i) {
        tos_list_add_tail(&items[i].node, &list);
    }
    TT_ASSERT_PTR_EQ(TOS_LIST_ENTRY(&items[1].node, ct_item_t, node), &items[1]);
    TT_ASSERT_PTR_EQ(TOS_LIST_FIRST_ENTRY(&list, ct_item_t, node), &items[0]);
    TT_ASSERT_PTR_EQ(TOS_LIST_FIRST_ENTRY_OR_NULL(&list, ct_item_t, node), &items[0]);

    n = 0;
    TOS_LIST_FOR_EACH(curr, &list) {
        seen[n++] = TOS_LIST_ENTRY(curr, ct_item_t, node)->value;
    }
    TOS_LIST_FOR_EACH_PREV(curr, &list) {
        seen[n++] = TOS_LIST_ENTRY(curr, ct_item_t, node)->value;
    }
    TT_ASSERT_EQ(n, 6);
    TT_ASSERT_MEM_EQ(seen, ((int[]){1, 2, 3, 3, 2, 1}), sizeof(seen));

    n = 0;
    TOS_LIST_FOR_EACH_ENTRY(entry, ct_item_t, node, &list) {
        seen[n++] = entry->value;
    }
    TOS_LIST_FOR_EACH_ENTRY_REVERSE(entry, ct_item_t, node, &list) {
        seen[n++] = entry->value;
    }
    TT_ASSERT_EQ(n, 6);
    TT_ASSERT_MEM_EQ(seen, ((int[]){1, 2, 3, 3, 2, 1}), sizeof(seen));

    /* The _SAFE iterators tolerate removing the current node. */
    n = 0;
    TOS_LIST_FOR_EACH_SAFE(curr, next, &list) {
        seen[n++] = TOS_LIST_ENTRY(curr, ct_item_t, node)->value;
        tos_list_del(curr);
    }
    TT_ASSERT(tos_list_empty(&list));
    for (i = 0u; i < 3u; ++i) {
        tos_list_add_tail(&items[i].node, &list);
    }
    TOS_LIST_FOR_EACH_PREV_SAFE(curr, next, &list) {
        seen[n++] = TOS_LIST_ENTRY(curr, ct_item_t, node)->value;
        tos_list_del(curr);
    }
    TT_ASSERT(tos_list_empty(&list));
    TT_ASSERT_EQ(n, 6);
    TT_ASSERT_MEM_EQ(seen, ((int[]){1, 2, 3, 3, 2, 1}), sizeof(seen));

    for (i = 0u; i < 3u; ++i) {
        tos_list_add_tail(&items[i].node, &list);
    }
    n = 0;
    TOS_LIST_FOR_EACH_ENTRY_SAFE(entry, tmp, ct_item_t, node, &list) {
        seen[n++] = entry->value;
        tos_list_del(&entry->node);
    }
    TT_ASSERT(tos_list_empty(&list));
    for (i = 0u; i < 3u; ++i) {
        tos_list_add_tail(&items[i].node, &list);
    }
    TOS_LIST_FOR_EACH_ENTRY_SAFE_REVERSE(entry, tmp, ct_item_t, node, &list) {
        seen[n++] = entry->value;
        tos_list_del(&entry->node);
    }
    TT_ASSERT(tos_list_empty(&list));
    TT_ASSERT_EQ(n, 6);
    TT_ASSERT_MEM_EQ(seen, ((int[]){1, 2, 3, 3, 2, 1}), sizeof(seen));
}

/* ---- §8.3 singly linked list --------------------------------------------------------------------
 */

/* 1 iff slist holds exactly nodes[0..n-1], in order. */
static int ct_slist_is(k_slist_t *slist, k_slist_t *const *nodes, size_t n)
{
    k_slist_t *curr = slist->next;
    size_t i;

    for (i = 0u; i < n; ++i) {
        if (curr != nodes[i]) {
            return 0;
        }
        curr = curr->next;
    }
    return curr == K_NULL && tos_slist_length(slist) == (int)n;
}

static void test_slist_helpers(void)
{
    k_slist_t slist;
    k_slist_t a;
    k_slist_t b;
    k_slist_t c;
    k_slist_t d;
    k_slist_t stranger;

    tos_slist_init(&slist);
    TT_ASSERT_NULL(slist.next);
    TT_ASSERT(tos_slist_empty(&slist));
    TT_ASSERT_EQ(tos_slist_length(&slist), 0);
    TT_ASSERT_NULL(tos_slist_head(&slist));
    TT_ASSERT_NULL(tos_slist_tail(&slist));
    TT_ASSERT_NULL(tos_slist_del_head(&slist));
    TT_ASSERT_NULL(tos_slist_del_tail(&slist));

    a.next = &stranger; /* add_tail clears it */
    tos_slist_add_tail(&a, &slist);
    TT_ASSERT_NULL(a.next);
    tos_slist_add_head(&b, &slist); /* push front */
    TT_ASSERT(ct_slist_is(&slist, (k_slist_t *const[]){&b, &a}, 2u));
    TT_ASSERT(!tos_slist_empty(&slist));
    TT_ASSERT_PTR_EQ(tos_slist_head(&slist), &b);
    TT_ASSERT_PTR_EQ(tos_slist_tail(&slist), &a);

    tos_slist_insert(&a, &c, &slist); /* before a */
    TT_ASSERT(ct_slist_is(&slist, (k_slist_t *const[]){&b, &c, &a}, 3u));
    tos_slist_insert(K_NULL, &d, &slist); /* NULL: append */
    TT_ASSERT(ct_slist_is(&slist, (k_slist_t *const[]){&b, &c, &a, &d}, 4u));
    tos_slist_insert(&stranger, &stranger, &slist); /* next_node not in the list: nothing */
    TT_ASSERT(ct_slist_is(&slist, (k_slist_t *const[]){&b, &c, &a, &d}, 4u));

    TT_ASSERT_EQ(tos_slist_contains(&a, &slist), K_TRUE);
    TT_ASSERT_EQ(tos_slist_contains(&stranger, &slist), K_FALSE);

    /* del unlinks the node and leaves its next as it was. */
    tos_slist_del(&c, &slist);
    TT_ASSERT(ct_slist_is(&slist, (k_slist_t *const[]){&b, &a, &d}, 3u));
    TT_ASSERT_PTR_EQ(c.next, &a);
    TT_ASSERT_EQ(tos_slist_contains(&c, &slist), K_FALSE);

    /* del_head returns the first node with next cleared; del_tail the last. */
    TT_ASSERT_PTR_EQ(tos_slist_del_head(&slist), &b);
    TT_ASSERT_NULL(b.next);
    TT_ASSERT_PTR_EQ(tos_slist_del_tail(&slist), &d);
    TT_ASSERT(ct_slist_is(&slist, (k_slist_t *const[]){&a}, 1u));
    TT_ASSERT_PTR_EQ(tos_slist_del_tail(&slist), &a);
    TT_ASSERT(tos_slist_empty(&slist));
}

/* The _ENTRY iterators need the node as the first member (§8.3). */
typedef struct ct_sitem_st {
    k_slist_t node;
    int value;
} ct_sitem_t;

static k_slist_t ct_static_snode = TOS_SLIST_NODE(dummy);
static TOS_SLIST_DEFINE(ct_static_slist);

static void test_slist_macros(void)
{
    ct_sitem_t items[3] = {{{K_NULL}, 1}, {{K_NULL}, 2}, {{K_NULL}, 3}};
    TOS_SLIST_DEFINE(slist);
    k_slist_t *curr;
    k_slist_t *next;
    ct_sitem_t *entry;
    ct_sitem_t *tmp;
    int seen[9];
    int n = 0;
    size_t i;

    TT_ASSERT_NULL(ct_static_snode.next);
    TT_ASSERT(tos_slist_empty(&ct_static_slist));
    TT_ASSERT(tos_slist_empty(&slist));
    TT_ASSERT_NULL(TOS_SLIST_FIRST_ENTRY_OR_NULL(&slist, ct_sitem_t, node));

    for (i = 0u; i < 3u; ++i) {
        tos_slist_add_tail(&items[i].node, &slist);
    }
    TT_ASSERT_PTR_EQ(TOS_SLIST_ENTRY(&items[2].node, ct_sitem_t, node), &items[2]);
    TT_ASSERT_PTR_EQ(TOS_SLIST_FIRST_ENTRY(&slist, ct_sitem_t, node), &items[0]);
    TT_ASSERT_PTR_EQ(TOS_SLIST_FIRST_ENTRY_OR_NULL(&slist, ct_sitem_t, node), &items[0]);

    TOS_SLIST_FOR_EACH(curr, &slist) {
        seen[n++] = TOS_SLIST_ENTRY(curr, ct_sitem_t, node)->value;
    }
    /*
     * The _ENTRY iterators end by testing &entry->node of a NULL entry, and
     * the _SAFE one first reads entry->node.next through it: the quirk the
     * contract keeps but tells not to rely on (undefined behaviour, which the
     * sanitizers stop). So both loops leave at the last node themselves.
     */
    TOS_SLIST_FOR_EACH_ENTRY(entry, ct_sitem_t, node, &slist) {
        seen[n++] = entry->value;
        if (entry->node.next == K_NULL) {
            break;
        }
    }
    TOS_SLIST_FOR_EACH_ENTRY_SAFE(entry, tmp, ct_sitem_t, node, &slist) {
        seen[n++] = entry->value;
        if (entry->node.next == K_NULL) {
            break;
        }
    }
    TT_ASSERT_EQ(n, 9);
    TT_ASSERT_MEM_EQ(seen, ((int[]){1, 2, 3, 1, 2, 3, 1, 2, 3}), sizeof(seen));

    /* TOS_SLIST_FOR_EACH_SAFE tolerates removing the current node. */
    n = 0;
    TOS_SLIST_FOR_EACH_SAFE(curr, next, &slist) {
        seen[n++] = TOS_SLIST_ENTRY(curr, ct_sitem_t, node)->value;
        tos_slist_del(curr, &slist);
    }
    TT_ASSERT_EQ(n, 3);
    TT_ASSERT(tos_slist_empty(&slist));
}

/* ---- §37.1 tos_cpu_clz and the critical-section macros
 * --------------------------------------------- */

static void test_cpu_clz(void)
{
    uint32_t i;

    TT_ASSERT_EQ(tos_cpu_clz(0u), 32);
    TT_ASSERT_EQ(tos_cpu_clz(1u), 31);
    TT_ASSERT_EQ(tos_cpu_clz(0x80000000u), 0);
    TT_ASSERT_EQ(tos_cpu_clz(0xFFFFFFFFu), 0);
    TT_ASSERT_EQ(tos_cpu_clz(0x7FFFFFFFu), 1);
    TT_ASSERT_EQ(tos_cpu_clz(0x00010000u), 15);
    TT_ASSERT_EQ(tos_cpu_clz(0x0000FFFFu), 16);
    TT_ASSERT_EQ(tos_cpu_clz(0x00800001u), 8);
    TT_ASSERT_EQ(tos_cpu_clz(3u), 30);
    for (i = 0u; i < 32u; ++i) {
        uint32_t bit = (uint32_t)1u << i;

        TT_ASSERT_EQ(tos_cpu_clz(bit), 31u - i);
        TT_ASSERT_EQ(tos_cpu_clz(bit | 1u), 31u - i);
        TT_ASSERT_EQ(tos_cpu_clz(bit | (bit - 1u)), 31u - i);
    }
}

static void test_cpu_critical_section_macros(void)
{
    TOS_CPU_CPSR_ALLOC();

    TT_ASSERT(CT_TYPE_IS(cpu_cpsr, cpu_cpsr_t));
    TT_ASSERT_EQ(cpu_cpsr, 0);
    /* Nestable: the inner enable restores the outer (disabled) state. */
    TOS_CPU_INT_DISABLE();
    {
        TOS_CPU_CPSR_ALLOC();

        TOS_CPU_INT_DISABLE();
        TOS_CPU_INT_ENABLE();
    }
    TOS_CPU_INT_ENABLE();
    /* Interrupts are back on: an interrupt is delivered at once. */
    ct_isr_err = K_ERR_NONE;
    tt_irq_connect(IRQ_LINE, ct_isr);
    tt_irq_raise(IRQ_LINE);
    TT_ASSERT_ERR(ct_isr_err, K_ERR_IN_IRQ);
}

/* ---- §38.1 / §32: MSB-first bit numbering
 * ----------------------------------------------------------- */

static void test_prio_bit_msb_first(void)
{
    uint32_t prio;

    for (prio = 0u; prio < 64u; ++prio) {
        TT_ASSERT_EQ(K_PRIO_NDX(prio), prio / 32u);
        TT_ASSERT_EQ(K_PRIO_BIT(prio), 0x80000000u >> (prio % 32u));
        /* The scheduler finds the highest priority with clz. */
        TT_ASSERT_EQ(tos_cpu_clz(K_PRIO_BIT(prio)), prio % 32u);
    }
}

static void test_bitmap_bit_msb_first(void)
{
    uint32_t bit;

    for (bit = 0u; bit < 96u; ++bit) {
        TT_ASSERT_EQ(K_BITMAP_NDX(bit), bit / 32u);
        TT_ASSERT_EQ(K_BITMAP_BIT(bit), 0x80000000u >> (bit % 32u));
        TT_ASSERT_EQ(tos_cpu_clz(K_BITMAP_BIT(bit)), bit % 32u);
    }
    for (bit = 0u; bit < 100u; ++bit) {
        TT_ASSERT_EQ(K_BITMAP_TBL_SIZE(bit), (bit + 31u) / 32u);
        TT_ASSERT_EQ(TOS_BITMAP_SIZE(bit), K_BITMAP_TBL_SIZE(bit));
    }
}

/* ---- §20, §24, §25, §28, §29: address macros
 * ----------------------------------------------------- */

static int ct_cmp_never(void *first, void *second)
{
    (void)first;
    (void)second;
    return 0;
}

static void test_container_address_macros(void)
{
    static uint8_t pool[64];
    k_ring_q_t ring_q;
    k_bin_heap_t heap;
    k_prio_q_t prio_q;
    uint8_t *blk = &pool[8];

    memset(&ring_q, 0, sizeof(ring_q));
    ring_q.pool = pool;
    ring_q.item_size = 6u;
    ring_q.item_cnt = 4u;
    ring_q.head = 1u;
    ring_q.tail = 3u;
    TT_ASSERT_PTR_EQ(RING_HEAD_ITEM(&ring_q), &pool[6]);
    TT_ASSERT_PTR_EQ(RING_TAIL_ITEM(&ring_q), &pool[18]);
    TT_ASSERT_EQ(RING_NEXT(&ring_q, 0u), 1);
    TT_ASSERT_EQ(RING_NEXT(&ring_q, 2u), 3);
    TT_ASSERT_EQ(RING_NEXT(&ring_q, 3u), 0); /* (index + 1) % item_cnt */

    memset(&heap, 0, sizeof(heap));
    heap.pool = pool;
    heap.item_size = 5u;
    heap.item_cnt = 8u;
    heap.total = 3u;
    heap.cmp = ct_cmp_never;
    TT_ASSERT_PTR_EQ(BIN_HEAP_FIRST_ITEM(&heap), &pool[0]);
    TT_ASSERT_PTR_EQ(BIN_HEAP_LAST_ITEM(&heap), &pool[15]); /* the slot at index total */
    TT_ASSERT_PTR_EQ(BIN_HEAP_THE_ITEM(&heap, 2u), &pool[10]);

    memset(&prio_q, 0, sizeof(prio_q));
    prio_q.data_pool = pool;
    prio_q.item_size = 3u;
    TT_ASSERT_PTR_EQ(PRIO_Q_THE_ITEM(&prio_q, 5u), &pool[15]);

    TT_ASSERT_PTR_EQ(K_MMBLK_NEXT_BLK(blk, 16u), &pool[24]);

#if TOS_CFG_MMHEAP_EN > 0u
    TT_ASSERT_EQ(K_MMHEAP_BLK_START_OFFSET, offsetof(mmheap_blk_t, size) + sizeof(size_t));
#else
    {
        void *p = tos_mmheap_alloc(16u);

        TT_ASSERT_NOT_NULL(p);
        tos_mmheap_free(p);
    }
#endif
}

/* ---- §38.1 kernel globals, through correctly typed pointers
 * ------------------------------------------- */

static void test_kernel_globals(void)
{
    k_nesting_t *irq_nest_cnt = &k_irq_nest_cnt;
    k_nesting_t *sched_lock_nest_cnt = &k_sched_lock_nest_cnt;
    knl_state_t *knl_state = &k_knl_state;
    readyqueue_t *rdyq = &k_rdyq;
    k_tick_t *tick_count = &k_tick_count;
    k_task_t **curr_task = &k_curr_task;
    k_task_t **next_task = &k_next_task;
    k_task_t *idle_task = &k_idle_task;
    k_stack_t *idle_task_stk = k_idle_task_stk;
    k_stack_t *const *idle_task_stk_addr = &k_idle_task_stk_addr;
    const size_t *idle_task_stk_size = &k_idle_task_stk_size;
    k_list_t *stat_list = &k_stat_list;
    k_list_t *tick_list = &k_tick_list;
    k_tick_t *cpu_tick_per_second = &k_cpu_tick_per_second;
    k_cycle_t *cpu_cycle_per_tick = &k_cpu_cycle_per_tick;
    k_task_t *me;
    k_tick_t now;
    k_list_t *node;
    int idle_found = 0;

    /* In a task, running, not locked. */
    TT_ASSERT_EQ(*irq_nest_cnt, 0);
    TT_ASSERT_EQ(*sched_lock_nest_cnt, 0);
    TT_ASSERT_EQ(*knl_state, KNL_STATE_RUNNING);
    TT_ASSERT(tos_knl_is_running());

    me = tos_task_curr_task_get();
    TT_ASSERT_NOT_NULL(me);
    TT_ASSERT_PTR_EQ(*curr_task, me);
#if defined(PORT_SWITCH_PICKS_NEXT)
    /* The port's deferred switch chooses when it runs: no choice is recorded (docs/compat.md). */
    TT_ASSERT_NULL(*next_task);
#else
    TT_ASSERT_NOT_NULL(*next_task);
#endif

    /* §7.5: the running task is the head of its ready list, its bit is set,
     * and it is the highest ready priority. */
    TT_ASSERT_PTR_EQ(rdyq->task_list_head[me->prio].next, &me->pend_list);
    TT_ASSERT_NE(rdyq->prio_mask[K_PRIO_NDX(me->prio)] & K_PRIO_BIT(me->prio), 0u);
    TT_ASSERT_EQ(rdyq->highest_prio, me->prio);
    TT_ASSERT_NE(rdyq->prio_mask[K_PRIO_NDX(K_TASK_PRIO_IDLE)] & K_PRIO_BIT(K_TASK_PRIO_IDLE), 0u);

    now = tos_systick_get();
    TT_ASSERT(*tick_count >= now);

    /* §9.2: the idle task and its stack. */
    TT_ASSERT_STR_EQ(idle_task->name, "idle");
    TT_ASSERT_EQ(idle_task->prio, K_TASK_PRIO_IDLE);
    TT_ASSERT_PTR_EQ(*idle_task_stk_addr, &idle_task_stk[0]);
    TT_ASSERT_EQ(*idle_task_stk_size, TOS_CFG_IDLE_TASK_STK_SIZE);
    TT_ASSERT_EQ(*idle_task_stk_size, CT_PORT_RAISED(CT_IDLE_STK_EXPECTED));
    TT_ASSERT_PTR_EQ(idle_task->stk_base, k_idle_task_stk);
    TT_ASSERT_EQ(idle_task->stk_size, TOS_CFG_IDLE_TASK_STK_SIZE);

    /* k_stat_list links every live task, the idle task and this one included. */
    TOS_LIST_FOR_EACH(node, stat_list) {
        if (TOS_LIST_ENTRY(node, k_task_t, stat_list) == idle_task) {
            idle_found = 1;
        }
    }
    TT_ASSERT(idle_found);
    TT_ASSERT_PTR_EQ(tick_list->next->prev, tick_list);

    TT_ASSERT_EQ(*cpu_tick_per_second, TOS_CFG_CPU_TICK_PER_SECOND);
    TT_ASSERT_EQ(*cpu_cycle_per_tick, TOS_CFG_CPU_CLOCK / TOS_CFG_CPU_TICK_PER_SECOND);

#if TOS_CFG_TASK_DYNAMIC_CREATE_EN > 0u
    {
        k_list_t *dead_task_list = &k_dead_task_list;

        TT_ASSERT_PTR_EQ(dead_task_list->next->prev, dead_task_list);
    }
#endif
#if TOS_CFG_MMHEAP_EN > 0u
    {
        k_mmheap_ctl_t *mmheap_ctl = &k_mmheap_ctl;

#if TOS_CFG_MMHEAP_DEFAULT_POOL_EN > 0u
        uint8_t *default_pool = k_mmheap_default_pool;

        TT_ASSERT_EQ((uintptr_t)default_pool % 4u, 0u);
        TT_ASSERT_GE(mmheap_ctl->pool_cnt, 1);
        TT_ASSERT_PTR_EQ(mmheap_ctl->pool_start[0], default_pool);
#else
        TT_ASSERT_GE(mmheap_ctl->pool_cnt, 0);
#endif
    }
#endif
#if TOS_CFG_ROUND_ROBIN_EN > 0u
    {
        k_timeslice_t *robin_default_timeslice = &k_robin_default_timeslice;

        TT_ASSERT_EQ(*robin_default_timeslice, TOS_CFG_CPU_TICK_PER_SECOND / 10u);
    }
#endif
#if TOS_CFG_TIMER_EN > 0u
    {
        timer_ctl_t *timer_ctl = &k_timer_ctl;

        /* No timer runs: the empty list and "no expiry". */
        TT_ASSERT(tos_list_empty(&timer_ctl->list));
        TT_ASSERT(timer_ctl->next_expires == TOS_TIME_FOREVER);
    }
#if TOS_CFG_TIMER_AS_PROC == 0u
    {
        k_task_t *timer_task = &k_timer_task;
        k_stack_t *timer_task_stk = k_timer_task_stk;
        const k_prio_t *timer_task_prio = &k_timer_task_prio;
        k_stack_t *const *timer_task_stk_addr = &k_timer_task_stk_addr;
        const size_t *timer_task_stk_size = &k_timer_task_stk_size;

        TT_ASSERT_STR_EQ(timer_task->name, "timer");
        TT_ASSERT_EQ(*timer_task_prio, TOS_CFG_TIMER_TASK_PRIO);
        TT_ASSERT_EQ(timer_task->prio, TOS_CFG_TIMER_TASK_PRIO);
        TT_ASSERT_PTR_EQ(*timer_task_stk_addr, &timer_task_stk[0]);
        TT_ASSERT_EQ(*timer_task_stk_size, TOS_CFG_TIMER_TASK_STK_SIZE);
#ifdef CT_UNSET_TIMER_TASK_STK_SIZE
        TT_ASSERT_EQ(*timer_task_stk_size, CT_PORT_RAISED(128u));
#endif
        TT_ASSERT_GE(*timer_task_stk_size, K_TASK_STK_SIZE_MIN);
    }
#endif
#endif
}

TT_SUITE("contract", NULL, NULL, TT_CASE(test_err_values_match_contract),
         TT_CASE(test_version_string), TT_CASE(test_klib_macros), TT_CASE(test_obj_macros),
         TT_CASE(test_list_helpers), TT_CASE(test_list_macros), TT_CASE(test_slist_helpers),
         TT_CASE(test_slist_macros), TT_CASE(test_cpu_clz),
         TT_CASE(test_cpu_critical_section_macros), TT_CASE(test_prio_bit_msb_first),
         TT_CASE(test_bitmap_bit_msb_first), TT_CASE(test_container_address_macros),
         TT_CASE(test_kernel_globals));
