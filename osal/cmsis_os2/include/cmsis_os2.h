/*
 * CMSIS-RTOS2 API (version 2.1.3) on the Tern kernel.
 *
 * Written for Tern from the published CMSIS-RTOS2 API description: the
 * standard names, types and values, so that CMSIS-RTOS2 code builds
 * unchanged. This header is self-contained: it needs neither tos_k.h nor
 * the kernel configuration. Link the library tern_cmsis_os2.
 *
 * Semantics follow the CMSIS-RTOS2 documentation; docs/cmsis.md lists every
 * function with the Tern-specific points. In short:
 *  - Timeouts and delays are in kernel ticks; osWaitForever waits forever.
 *  - Functions that may be called from an interrupt handler (between
 *    tos_knl_irq_enter/leave): osKernelGetInfo, osKernelGetState,
 *    osKernelGetTickCount, osKernelGetTickFreq, osKernelGetSysTimerCount,
 *    osKernelGetSysTimerFreq, osThreadGetId, osThreadFlagsSet,
 *    osEventFlagsSet/Clear/Get/Wait, osSemaphoreAcquire/Release/GetCount,
 *    osMemoryPoolAlloc/Free/GetCapacity/GetBlockSize/GetCount/GetSpace,
 *    osMessageQueuePut/Get/GetCapacity/GetMsgSize/GetCount/GetSpace; the
 *    waiting ones only with timeout 0. Every other function refuses an
 *    interrupt caller: osErrorISR, osFlagsErrorISR, NULL or 0 as its
 *    return type allows.
 *  - On the host simulator, a call from an OS thread that does not run the
 *    simulated CPU is refused: osError, osFlagsErrorUnknown, NULL or 0.
 *  - Threads end through osThreadExit/osThreadTerminate (or by returning);
 *    tos_task_destroy() on a CMSIS thread would bypass join and detach.
 *  - Priorities osPriorityIdle..osPriorityISR map monotonically onto the
 *    kernel's TOS_CFG_TASK_PRIO_MAX - 1 task levels; several CMSIS values
 *    may share a level when the kernel has fewer than 56.
 *  - Static allocation: pass cb_mem/cb_size of at least osTernXxxCbSize
 *    bytes, aligned like uint64_t (the osTernXxx_t storage types are); data
 *    memory of pools and queues of osTernMemoryPoolMemSize /
 *    osTernMessageQueueMemSize bytes, pointer-aligned; thread stacks 8-byte
 *    aligned with a size that is a multiple of 8.
 */
#ifndef CMSIS_OS2_H_
#define CMSIS_OS2_H_

#include <stdint.h>
#include <stddef.h>

#ifndef __NO_RETURN
#if defined(__GNUC__) || defined(__clang__)
#define __NO_RETURN __attribute__((__noreturn__))
#else
#define __NO_RETURN
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- identification (kept from the original adapter's header) ------------ */

#define osCMSIS          0x20001U /* API version 2.1 (main [31:16] .sub [15:0]) */
#define osCMSIS_KERNEL   0x00001U /* Tern 0.1 (main [31:16] .sub [15:0]) */
#define osKernelSystemId "Tern V0.1.0"

/* ---- enumerations, structures, defines ------------------------------------ */

/* API and kernel version, decimal mmnnnrrrr (major.minor.revision). */
typedef struct {
    uint32_t api;
    uint32_t kernel;
} osVersion_t;

typedef enum {
    osKernelInactive = 0,
    osKernelReady = 1,
    osKernelRunning = 2,
    osKernelLocked = 3,
    osKernelSuspended = 4,
    osKernelError = -1,
    osKernelReserved = 0x7FFFFFFF
} osKernelState_t;

typedef enum {
    osThreadInactive = 0,
    osThreadReady = 1,
    osThreadRunning = 2,
    osThreadBlocked = 3,
    osThreadTerminated = 4,
    osThreadError = -1,
    osThreadReserved = 0x7FFFFFFF
} osThreadState_t;

typedef enum {
    osPriorityNone = 0,
    osPriorityIdle = 1,
    osPriorityLow = 8,
    osPriorityLow1 = 8 + 1,
    osPriorityLow2 = 8 + 2,
    osPriorityLow3 = 8 + 3,
    osPriorityLow4 = 8 + 4,
    osPriorityLow5 = 8 + 5,
    osPriorityLow6 = 8 + 6,
    osPriorityLow7 = 8 + 7,
    osPriorityBelowNormal = 16,
    osPriorityBelowNormal1 = 16 + 1,
    osPriorityBelowNormal2 = 16 + 2,
    osPriorityBelowNormal3 = 16 + 3,
    osPriorityBelowNormal4 = 16 + 4,
    osPriorityBelowNormal5 = 16 + 5,
    osPriorityBelowNormal6 = 16 + 6,
    osPriorityBelowNormal7 = 16 + 7,
    osPriorityNormal = 24,
    osPriorityNormal1 = 24 + 1,
    osPriorityNormal2 = 24 + 2,
    osPriorityNormal3 = 24 + 3,
    osPriorityNormal4 = 24 + 4,
    osPriorityNormal5 = 24 + 5,
    osPriorityNormal6 = 24 + 6,
    osPriorityNormal7 = 24 + 7,
    osPriorityAboveNormal = 32,
    osPriorityAboveNormal1 = 32 + 1,
    osPriorityAboveNormal2 = 32 + 2,
    osPriorityAboveNormal3 = 32 + 3,
    osPriorityAboveNormal4 = 32 + 4,
    osPriorityAboveNormal5 = 32 + 5,
    osPriorityAboveNormal6 = 32 + 6,
    osPriorityAboveNormal7 = 32 + 7,
    osPriorityHigh = 40,
    osPriorityHigh1 = 40 + 1,
    osPriorityHigh2 = 40 + 2,
    osPriorityHigh3 = 40 + 3,
    osPriorityHigh4 = 40 + 4,
    osPriorityHigh5 = 40 + 5,
    osPriorityHigh6 = 40 + 6,
    osPriorityHigh7 = 40 + 7,
    osPriorityRealtime = 48,
    osPriorityRealtime1 = 48 + 1,
    osPriorityRealtime2 = 48 + 2,
    osPriorityRealtime3 = 48 + 3,
    osPriorityRealtime4 = 48 + 4,
    osPriorityRealtime5 = 48 + 5,
    osPriorityRealtime6 = 48 + 6,
    osPriorityRealtime7 = 48 + 7,
    osPriorityISR = 56,
    osPriorityError = -1,
    osPriorityReserved = 0x7FFFFFFF
} osPriority_t;

typedef void (*osThreadFunc_t)(void *argument);
typedef void (*osTimerFunc_t)(void *argument);

typedef enum { osTimerOnce = 0, osTimerPeriodic = 1 } osTimerType_t;

#define osWaitForever 0xFFFFFFFFU

/* Options of osThreadFlagsWait and osEventFlagsWait. */
#define osFlagsWaitAny 0x00000000U
#define osFlagsWaitAll 0x00000001U
#define osFlagsNoClear 0x00000002U

/* Error results of the flags functions (the top bit marks an error). */
#define osFlagsError          0x80000000U
#define osFlagsErrorUnknown   0xFFFFFFFFU
#define osFlagsErrorTimeout   0xFFFFFFFEU
#define osFlagsErrorResource  0xFFFFFFFDU
#define osFlagsErrorParameter 0xFFFFFFFCU
#define osFlagsErrorISR       0xFFFFFFFAU

/* osThreadAttr_t.attr_bits */
#define osThreadDetached 0x00000000U
#define osThreadJoinable 0x00000001U

/* osMutexAttr_t.attr_bits */
#define osMutexRecursive   0x00000001U
#define osMutexPrioInherit 0x00000002U
#define osMutexRobust      0x00000008U

typedef enum {
    osOK = 0,
    osError = -1,
    osErrorTimeout = -2,
    osErrorResource = -3,
    osErrorParameter = -4,
    osErrorNoMemory = -5,
    osErrorISR = -6,
    osStatusReserved = 0x7FFFFFFF
} osStatus_t;

typedef void *osThreadId_t;
typedef void *osTimerId_t;
typedef void *osEventFlagsId_t;
typedef void *osMutexId_t;
typedef void *osSemaphoreId_t;
typedef void *osMemoryPoolId_t;
typedef void *osMessageQueueId_t;

#ifndef TZ_MODULEID_T
#define TZ_MODULEID_T
typedef uint32_t TZ_ModuleId_t;
#endif

typedef struct {
    const char *name;
    uint32_t attr_bits;
    void *cb_mem;
    uint32_t cb_size;
    void *stack_mem;
    uint32_t stack_size;
    osPriority_t priority;
    TZ_ModuleId_t tz_module;
    uint32_t reserved;
} osThreadAttr_t;

typedef struct {
    const char *name;
    uint32_t attr_bits;
    void *cb_mem;
    uint32_t cb_size;
} osTimerAttr_t;

typedef struct {
    const char *name;
    uint32_t attr_bits;
    void *cb_mem;
    uint32_t cb_size;
} osEventFlagsAttr_t;

typedef struct {
    const char *name;
    uint32_t attr_bits;
    void *cb_mem;
    uint32_t cb_size;
} osMutexAttr_t;

typedef struct {
    const char *name;
    uint32_t attr_bits;
    void *cb_mem;
    uint32_t cb_size;
} osSemaphoreAttr_t;

typedef struct {
    const char *name;
    uint32_t attr_bits;
    void *cb_mem;
    uint32_t cb_size;
    void *mp_mem;
    uint32_t mp_size;
} osMemoryPoolAttr_t;

typedef struct {
    const char *name;
    uint32_t attr_bits;
    void *cb_mem;
    uint32_t cb_size;
    void *mq_mem;
    uint32_t mq_size;
} osMessageQueueAttr_t;

/* ---- Tern: memory for static allocation ------------------------------------- */

/*
 * Upper bounds of the control block sizes on every supported target and
 * kernel configuration (the adapter checks them at build time).
 */
#define osTernThreadCbSize       (36U * sizeof(void *) + 96U)
#define osTernTimerCbSize        (6U * sizeof(void *) + 64U)
#define osTernEventFlagsCbSize   (5U * sizeof(void *) + 12U)
#define osTernMutexCbSize        (10U * sizeof(void *) + 24U)
#define osTernSemaphoreCbSize    (4U * sizeof(void *) + 20U)
#define osTernMemoryPoolCbSize   (7U * sizeof(void *) + 28U)
#define osTernMessageQueueCbSize (10U * sizeof(void *) + 24U)

/* Element of the storage types below: fixes their alignment. */
typedef uint64_t osTernCbStorage_t;

#define osTernCbStorage(size) osTernCbStorage_t mem[((size) + 7U) / 8U]

/* Storage for cb_mem, with cb_size = sizeof(the storage). */
typedef struct {
    osTernCbStorage(osTernThreadCbSize);
} osTernThread_t;
typedef struct {
    osTernCbStorage(osTernTimerCbSize);
} osTernTimer_t;
typedef struct {
    osTernCbStorage(osTernEventFlagsCbSize);
} osTernEventFlags_t;
typedef struct {
    osTernCbStorage(osTernMutexCbSize);
} osTernMutex_t;
typedef struct {
    osTernCbStorage(osTernSemaphoreCbSize);
} osTernSemaphore_t;
typedef struct {
    osTernCbStorage(osTernMemoryPoolCbSize);
} osTernMemoryPool_t;
typedef struct {
    osTernCbStorage(osTernMessageQueueCbSize);
} osTernMessageQueue_t;

#define osTernAlignPtr(size) (((size) + sizeof(void *) - 1U) & ~(sizeof(void *) - 1U))

/* Bytes of mp_mem for block_count blocks of block_size bytes (blocks + allocation bitmap). */
#define osTernMemoryPoolMemSize(block_count, block_size) \
    ((block_count)*osTernAlignPtr(block_size) + (((block_count) + 31U) / 32U) * 4U)

/* Bytes of mq_mem for msg_count messages of msg_size bytes (a 2-pointer header each). */
#define osTernMessageQueueMemSize(msg_count, msg_size) \
    ((msg_count) * (2U * sizeof(void *) + osTernAlignPtr(msg_size)))

/* ---- kernel management ----------------------------------------------------------- */

/*
 * Initializes the kernel (tos_knl_init); again after success: osOK.
 * Errors: osErrorISR; osError (kernel running, or initialization failed).
 */
osStatus_t osKernelInitialize(void);

/*
 * Fills the API and kernel versions and the id string (truncated to
 * id_size - 1 characters, always terminated). NULL arguments are skipped.
 * Always osOK; callable from interrupts and before initialization.
 */
osStatus_t osKernelGetInfo(osVersion_t *version, char *id_buf, uint32_t id_size);

/* Inactive, Ready, Running, Locked or Suspended; osKernelError never on Tern. */
osKernelState_t osKernelGetState(void);

/* Starts scheduling; does not return on success. Errors: osErrorISR; osError (not Ready). */
osStatus_t osKernelStart(void);

/*
 * Locks the scheduler. Returns the previous lock state (1 locked, 0 not).
 * Errors (negative): osErrorISR; osError (kernel not running, or suspended).
 */
int32_t osKernelLock(void);

/* Unlocks the scheduler (every level). Returns the previous state. Errors: as osKernelLock. */
int32_t osKernelUnlock(void);

/*
 * Sets the lock state returned by osKernelLock/osKernelUnlock; returns the
 * new state. Errors: osErrorISR; osError (kernel not running or
 * suspended, or lock neither 0 nor 1).
 */
int32_t osKernelRestoreLock(int32_t lock);

/*
 * Tickless: stops scheduling and returns the ticks until the next timeout
 * (delays, timed waits, timers); osWaitForever if none. 0 from an
 * interrupt, when the kernel is not running, locked or already suspended.
 */
uint32_t osKernelSuspend(void);

/*
 * Resumes after osKernelSuspend: credits sleep_ticks (less the ticks the
 * tick interrupt counted meanwhile, if it kept running), then schedules.
 * Ignored from an interrupt or when not suspended.
 */
void osKernelResume(uint32_t sleep_ticks);

/* Kernel tick count (32 bits, wraps). */
uint32_t osKernelGetTickCount(void);
/* Kernel ticks per second (TOS_CFG_CPU_TICK_PER_SECOND). */
uint32_t osKernelGetTickFreq(void);
/* System timer count: ticks * CPU cycles per tick (32 bits, wraps). */
uint32_t osKernelGetSysTimerCount(void);
/* System timer frequency: TOS_CFG_CPU_CLOCK. */
uint32_t osKernelGetSysTimerFreq(void);

/* ---- thread management ---------------------------------------------------------- */

/*
 * Creates a thread (attr NULL: detached, osPriorityNormal, heap control
 * block and stack of TOS_CFG_CMSIS_THREAD_STACK_SIZE bytes). Callable
 * before osKernelStart once the kernel is initialized. Returns NULL on
 * error: interrupt caller, func NULL, kernel not initialized, invalid
 * priority, unusable cb_mem/cb_size or stack_mem/stack_size, no memory.
 */
osThreadId_t osThreadNew(osThreadFunc_t func, void *argument, const osThreadAttr_t *attr);

/* Name given at creation (the kernel task name for non-CMSIS tasks); NULL on error or in an ISR. */
const char *osThreadGetName(osThreadId_t thread_id);

/* The running thread (the interrupted one in an ISR); NULL before osKernelStart. */
osThreadId_t osThreadGetId(void);

/* State of a thread; osThreadError for an invalid id or an ISR caller. */
osThreadState_t osThreadGetState(osThreadId_t thread_id);

/* Stack size in bytes; 0 on error. */
uint32_t osThreadGetStackSize(osThreadId_t thread_id);

/* Stack bytes never used (kernel stack high-water mark); 0 on error or without it. */
uint32_t osThreadGetStackSpace(osThreadId_t thread_id);

/*
 * Errors: osErrorISR; osErrorParameter (invalid id or priority);
 * osErrorResource (terminated thread, or the kernel's idle task).
 */
osStatus_t osThreadSetPriority(osThreadId_t thread_id, osPriority_t priority);

/* Current priority (raised while inheriting); osPriorityError on error or in an ISR. */
osPriority_t osThreadGetPriority(osThreadId_t thread_id);

/* Errors: osErrorISR. */
osStatus_t osThreadYield(void);

/*
 * Suspends a thread; a blocked thread leaves its wait (it returns a
 * timeout when resumed). Errors: osErrorISR; osErrorParameter;
 * osErrorResource (terminated, the idle task, or itself while locked).
 */
osStatus_t osThreadSuspend(osThreadId_t thread_id);

/*
 * Makes a suspended or blocked thread ready (a wait ends with a timeout).
 * Errors: osErrorISR; osErrorParameter; osErrorResource (not blocked).
 */
osStatus_t osThreadResume(osThreadId_t thread_id);

/* Errors: osErrorISR; osErrorParameter; osErrorResource (not joinable, or being joined). */
osStatus_t osThreadDetach(osThreadId_t thread_id);

/*
 * Waits for a joinable thread to end and frees it. Errors: osErrorISR;
 * osErrorParameter; osErrorResource (not joinable, already being joined,
 * the caller itself, or the kernel locked); osErrorTimeout (the wait was
 * ended by osThreadResume/osThreadSuspend).
 */
osStatus_t osThreadJoin(osThreadId_t thread_id);

/* Ends the calling thread (a scheduler lock is released first). */
__NO_RETURN void osThreadExit(void);

/*
 * Ends a thread (the caller included). Errors: osErrorISR;
 * osErrorParameter; osErrorResource (terminated already, a kernel task
 * such as idle, or the caller while the kernel is locked).
 */
osStatus_t osThreadTerminate(osThreadId_t thread_id);

/* Number of live threads and kernel tasks; 0 in an ISR. */
uint32_t osThreadGetCount(void);

/* Fills thread_array with up to array_items ids; returns how many. 0 on error or in an ISR. */
uint32_t osThreadEnumerate(osThreadId_t *thread_array, uint32_t array_items);

/* ---- thread flags ---------------------------------------------------------------- */

/*
 * Sets flags of a thread created by osThreadNew; returns its flags after
 * the call (after a waiter's clear). Errors: osFlagsErrorParameter
 * (invalid thread, flags with bit 31); osFlagsErrorResource (terminated).
 */
uint32_t osThreadFlagsSet(osThreadId_t thread_id, uint32_t flags);

/*
 * Clears flags of the calling thread; returns them before. Errors:
 * osFlagsErrorISR; osFlagsErrorParameter (bit 31); osFlagsErrorUnknown
 * (the caller is not a CMSIS thread).
 */
uint32_t osThreadFlagsClear(uint32_t flags);

/* Flags of the calling thread; 0 in an ISR or outside a CMSIS thread. */
uint32_t osThreadFlagsGet(void);

/*
 * Waits for flags of the calling thread; returns its flags before the
 * clear. Errors: osFlagsErrorISR; osFlagsErrorParameter (bit 31);
 * osFlagsErrorUnknown (not a CMSIS thread); osFlagsErrorResource (timeout
 * 0 and not set, or the kernel locked); osFlagsErrorTimeout.
 */
uint32_t osThreadFlagsWait(uint32_t flags, uint32_t options, uint32_t timeout);

/* ---- generic wait ------------------------------------------------------------------ */

/*
 * Waits ticks ticks (osWaitForever: until osThreadResume). Errors:
 * osErrorISR; osErrorParameter (0); osError (kernel locked or not running).
 */
osStatus_t osDelay(uint32_t ticks);

/*
 * Waits until the tick count reaches ticks. Errors: osErrorISR;
 * osErrorParameter (now, or more than 2^31 - 1 ticks ahead); osError
 * (kernel locked or not running).
 */
osStatus_t osDelayUntil(uint32_t ticks);

/* ---- timers (kernel software timers) ----------------------------------------------- */

/*
 * Creates a stopped timer; func(argument) runs on expiry in the kernel's
 * timer context (tick interrupt or timer task, per TOS_CFG_TIMER_AS_PROC).
 * NULL on error: interrupt caller, func NULL, invalid type, unusable
 * cb_mem/cb_size, no memory, TOS_CFG_TIMER_EN off.
 */
osTimerId_t osTimerNew(osTimerFunc_t func, osTimerType_t type, void *argument,
                       const osTimerAttr_t *attr);

/* NULL on error or in an ISR. */
const char *osTimerGetName(osTimerId_t timer_id);

/*
 * Starts or restarts a timer: expiry ticks from now (then every ticks for
 * a periodic one). Errors: osErrorISR; osErrorParameter (invalid id, ticks 0).
 */
osStatus_t osTimerStart(osTimerId_t timer_id, uint32_t ticks);

/* Errors: osErrorISR; osErrorParameter; osErrorResource (not running). */
osStatus_t osTimerStop(osTimerId_t timer_id);

/* 1 if running; 0 otherwise, on error or in an ISR. */
uint32_t osTimerIsRunning(osTimerId_t timer_id);

/* Errors: osErrorISR; osErrorParameter. */
osStatus_t osTimerDelete(osTimerId_t timer_id);

/* ---- event flags ---------------------------------------------------------------------- */

/* NULL on error: interrupt caller, unusable cb_mem/cb_size, no memory. */
osEventFlagsId_t osEventFlagsNew(const osEventFlagsAttr_t *attr);

/* NULL on error or in an ISR. */
const char *osEventFlagsGetName(osEventFlagsId_t ef_id);

/*
 * Sets flags and releases satisfied waiters; returns the flags after that.
 * Errors: osFlagsErrorParameter (invalid id, flags with bit 31).
 */
uint32_t osEventFlagsSet(osEventFlagsId_t ef_id, uint32_t flags);

/* Returns the flags before clearing. Errors: osFlagsErrorParameter. */
uint32_t osEventFlagsClear(osEventFlagsId_t ef_id, uint32_t flags);

/* Current flags; 0 for an invalid id. */
uint32_t osEventFlagsGet(osEventFlagsId_t ef_id);

/*
 * Waits for flags; returns the flags before the clear. Errors:
 * osFlagsErrorParameter (invalid id, bit 31, or an ISR with a timeout);
 * osFlagsErrorResource (timeout 0 and not set, deleted while waiting, or
 * the kernel locked); osFlagsErrorTimeout.
 */
uint32_t osEventFlagsWait(osEventFlagsId_t ef_id, uint32_t flags, uint32_t options,
                          uint32_t timeout);

/* Waiters get osFlagsErrorResource. Errors: osErrorISR; osErrorParameter. */
osStatus_t osEventFlagsDelete(osEventFlagsId_t ef_id);

/* ---- mutexes (kernel mutexes: recursive-capable, priority inheritance) ------------------ */

/* NULL on error: interrupt caller, unusable cb_mem/cb_size, no memory, TOS_CFG_MUTEX_EN off. */
osMutexId_t osMutexNew(const osMutexAttr_t *attr);

/* NULL on error or in an ISR. */
const char *osMutexGetName(osMutexId_t mutex_id);

/*
 * Errors: osErrorISR; osErrorParameter; osError (kernel not started);
 * osErrorResource (busy and timeout 0, re-acquire of a non-recursive
 * mutex, 255 levels deep, deleted while waiting, or the kernel locked);
 * osErrorTimeout.
 */
osStatus_t osMutexAcquire(osMutexId_t mutex_id, uint32_t timeout);

/* Errors: osErrorISR; osErrorParameter; osErrorResource (the caller does not own it). */
osStatus_t osMutexRelease(osMutexId_t mutex_id);

/* Owner; NULL if free, on error or in an ISR. */
osThreadId_t osMutexGetOwner(osMutexId_t mutex_id);

/* Waiters get osErrorResource. Errors: osErrorISR; osErrorParameter. */
osStatus_t osMutexDelete(osMutexId_t mutex_id);

/* ---- semaphores -------------------------------------------------------------------------- */

/*
 * NULL on error: interrupt caller, max_count 0, initial_count above
 * max_count, unusable cb_mem/cb_size, no memory.
 */
osSemaphoreId_t osSemaphoreNew(uint32_t max_count, uint32_t initial_count,
                               const osSemaphoreAttr_t *attr);

/* NULL on error or in an ISR. */
const char *osSemaphoreGetName(osSemaphoreId_t semaphore_id);

/*
 * Errors: osErrorParameter (invalid id, or an ISR with a timeout);
 * osErrorResource (no token and timeout 0, deleted while waiting, or the
 * kernel locked); osErrorTimeout.
 */
osStatus_t osSemaphoreAcquire(osSemaphoreId_t semaphore_id, uint32_t timeout);

/* Errors: osErrorParameter; osErrorResource (max_count tokens already). */
osStatus_t osSemaphoreRelease(osSemaphoreId_t semaphore_id);

/* Tokens available; 0 for an invalid id. */
uint32_t osSemaphoreGetCount(osSemaphoreId_t semaphore_id);

/* Waiters get osErrorResource. Errors: osErrorISR; osErrorParameter. */
osStatus_t osSemaphoreDelete(osSemaphoreId_t semaphore_id);

/* ---- memory pools ---------------------------------------------------------------------------- */

/*
 * NULL on error: interrupt caller, block_count or block_size 0, unusable
 * cb_mem/cb_size or mp_mem/mp_size, no memory.
 */
osMemoryPoolId_t osMemoryPoolNew(uint32_t block_count, uint32_t block_size,
                                 const osMemoryPoolAttr_t *attr);

/* NULL on error or in an ISR. */
const char *osMemoryPoolGetName(osMemoryPoolId_t mp_id);

/*
 * A block, or NULL: invalid id, an ISR with a timeout, none free within
 * the timeout, deleted while waiting, or the kernel locked.
 */
void *osMemoryPoolAlloc(osMemoryPoolId_t mp_id, uint32_t timeout);

/*
 * Errors: osErrorParameter (invalid id, or block not a block of the pool);
 * osErrorResource (block not allocated: double free).
 */
osStatus_t osMemoryPoolFree(osMemoryPoolId_t mp_id, void *block);

/* Block count, block size, allocated and free blocks; 0 for an invalid id. */
uint32_t osMemoryPoolGetCapacity(osMemoryPoolId_t mp_id);
uint32_t osMemoryPoolGetBlockSize(osMemoryPoolId_t mp_id);
uint32_t osMemoryPoolGetCount(osMemoryPoolId_t mp_id);
uint32_t osMemoryPoolGetSpace(osMemoryPoolId_t mp_id);

/* Waiters get NULL. Errors: osErrorISR; osErrorParameter. */
osStatus_t osMemoryPoolDelete(osMemoryPoolId_t mp_id);

/* ---- message queues -------------------------------------------------------------------------- */

/*
 * NULL on error: interrupt caller, msg_count or msg_size 0, unusable
 * cb_mem/cb_size or mq_mem/mq_size, no memory.
 */
osMessageQueueId_t osMessageQueueNew(uint32_t msg_count, uint32_t msg_size,
                                     const osMessageQueueAttr_t *attr);

/* NULL on error or in an ISR. */
const char *osMessageQueueGetName(osMessageQueueId_t mq_id);

/*
 * Copies msg_size bytes in; higher msg_prio is received first, FIFO among
 * equals. Errors: osErrorParameter (invalid id, msg_ptr NULL, or an ISR
 * with a timeout); osErrorResource (full and timeout 0, deleted while
 * waiting, or the kernel locked); osErrorTimeout.
 */
osStatus_t osMessageQueuePut(osMessageQueueId_t mq_id, const void *msg_ptr, uint8_t msg_prio,
                             uint32_t timeout);

/*
 * Copies the most urgent message out; msg_prio may be NULL. Errors:
 * osErrorParameter (invalid id, msg_ptr NULL, or an ISR with a timeout);
 * osErrorResource (empty and timeout 0, deleted while waiting, or the
 * kernel locked); osErrorTimeout.
 */
osStatus_t osMessageQueueGet(osMessageQueueId_t mq_id, void *msg_ptr, uint8_t *msg_prio,
                             uint32_t timeout);

/* Capacity, message size, queued and free slots; 0 for an invalid id. */
uint32_t osMessageQueueGetCapacity(osMessageQueueId_t mq_id);
uint32_t osMessageQueueGetMsgSize(osMessageQueueId_t mq_id);
uint32_t osMessageQueueGetCount(osMessageQueueId_t mq_id);
uint32_t osMessageQueueGetSpace(osMessageQueueId_t mq_id);

/* Drops every message (waiting senders then fill the queue). Errors: osErrorISR; osErrorParameter.
 */
osStatus_t osMessageQueueReset(osMessageQueueId_t mq_id);

/* Waiters get osErrorResource. Errors: osErrorISR; osErrorParameter. */
osStatus_t osMessageQueueDelete(osMessageQueueId_t mq_id);

#ifdef __cplusplus
}
#endif

#endif /* CMSIS_OS2_H_ */
