/*
 * CMSIS-RTOS API version 1 (1.02) on the Tern kernel.
 *
 * Written for Tern from the published CMSIS-RTOS v1 API description: the
 * standard names, enumeration values and status codes, so that CMSIS-RTOS
 * v1 code builds unchanged. Self-contained: it needs neither tos_k.h nor
 * the kernel configuration. Link the library tern_cmsis_os. (The two CMSIS
 * APIs use the same function names: a program uses one of them.)
 *
 * Semantics follow the CMSIS-RTOS v1 documentation; docs/cmsis.md lists
 * every function with the Tern-specific points. In short:
 *  - Time arguments are milliseconds, rounded up to whole kernel ticks;
 *    osWaitForever waits forever.
 *  - Functions that may be called from an interrupt handler (between
 *    tos_knl_irq_enter/leave): osKernelRunning, osKernelSysTick,
 *    osSignalSet, osSemaphoreRelease, osPoolAlloc, osPoolCAlloc,
 *    osPoolFree, osMessagePut, osMessageGet, osMailAlloc, osMailCAlloc,
 *    osMailPut, osMailGet, osMailFree; the waiting ones only with timeout
 *    0. Every other function refuses an interrupt caller (osErrorISR, or
 *    NULL / -1 / 0x80000000 / osPriorityError as its return type allows).
 *  - On the host simulator, a call from an OS thread that does not run the
 *    simulated CPU is refused (osErrorOS, NULL, -1, 0x80000000).
 *  - The osXxxDef macros reserve the objects' memory statically
 *    (osThreadDef: `instances` control blocks and stacks); osXxxCreate
 *    builds the object in it.
 *  - Mutexes are recursive and use priority inheritance; semaphores count
 *    up to osFeature_Semaphore tokens; osMessagePut and osMailAlloc block
 *    up to their timeout when full; signals are 31 flags per thread.
 *  - main() does not continue as a thread (osFeature_MainThread 0):
 *    osKernelStart() does not return.
 */
#ifndef _CMSIS_OS_H
#define _CMSIS_OS_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define osCMSIS          0x10002U /* API version 1.02 (main [31:16] .sub [15:0]) */
#define osCMSIS_KERNEL   0x00001U /* Tern 0.1 (main [31:16] .sub [15:0]) */
#define osKernelSystemId "Tern V0.1.0"

#define osFeature_MainThread 0 /* osKernelStart does not return to main */
#define osFeature_Pool       1
#define osFeature_MailQ      1
#define osFeature_MessageQ   1
#define osFeature_Signals    31    /* signal flags per thread: bits 0..30 */
#define osFeature_Semaphore  65535 /* tokens per semaphore */
#define osFeature_Wait       0     /* osWait is not provided */
#define osFeature_SysTick    1

typedef enum {
    osPriorityIdle = -3,
    osPriorityLow = -2,
    osPriorityBelowNormal = -1,
    osPriorityNormal = 0,
    osPriorityAboveNormal = +1,
    osPriorityHigh = +2,
    osPriorityRealtime = +3,
    osPriorityError = 0x84
} osPriority;

#define osWaitForever 0xFFFFFFFFU

typedef enum {
    osOK = 0,
    osEventSignal = 0x08,
    osEventMessage = 0x10,
    osEventMail = 0x20,
    osEventTimeout = 0x40,
    osErrorParameter = 0x80,
    osErrorResource = 0x81,
    osErrorTimeoutResource = 0xC1,
    osErrorISR = 0x82,
    osErrorISRRecursive = 0x83,
    osErrorPriority = 0x84,
    osErrorNoMemory = 0x85,
    osErrorValue = 0x86,
    osErrorOS = 0xFF,
    os_status_reserved = 0x7FFFFFFF
} osStatus;

typedef enum { osTimerOnce = 0, osTimerPeriodic = 1 } os_timer_type;

typedef void (*os_pthread)(void const *argument);
typedef void (*os_ptimer)(void const *argument);

typedef struct os_thread_cb *osThreadId;
typedef struct os_timer_cb *osTimerId;
typedef struct os_mutex_cb *osMutexId;
typedef struct os_semaphore_cb *osSemaphoreId;
typedef struct os_pool_cb *osPoolId;
typedef struct os_messageQ_cb *osMessageQId;
typedef struct os_mailQ_cb *osMailQId;

/* ---- Tern: storage the definition macros reserve ---------------------------- */

/* Upper bounds of the control block sizes (checked when the adapter is built). */
#define osTernThreadCbSize (36U * sizeof(void *) + 96U)
#define osTernTimerCbSize  (8U * sizeof(void *) + 64U)
#define osTernMutexCbSize  (10U * sizeof(void *) + 24U)
#define osTernSemCbSize    (4U * sizeof(void *) + 20U)
#define osTernPoolCbSize   (7U * sizeof(void *) + 28U)
#define osTernMsgQCbSize   (10U * sizeof(void *) + 24U)
#define osTernMailQCbSize  (17U * sizeof(void *) + 52U)

/* Default stack of osThreadDef(..., 0), in bytes; define before including to change. */
#ifndef osTernStackSizeDefault
#define osTernStackSizeDefault 1024U
#endif

typedef uint64_t osTernStorage_t; /* element of every reserved area: fixes the alignment */
#define osTernWords(bytes)        (((bytes) + 7U) / 8U)
#define osTernAlignPtr(size)      (((size) + sizeof(void *) - 1U) & ~(sizeof(void *) - 1U))
#define osTernStackBytes(sz)      ((sz) != 0U ? (((sz) + 7U) & ~7U) : osTernStackSizeDefault)
#define osTernPoolMemSize(n, sz)  ((n)*osTernAlignPtr(sz) + (((n) + 31U) / 32U) * 4U)
#define osTernQueueMemSize(n, sz) ((n) * (2U * sizeof(void *) + osTernAlignPtr(sz)))

/* ---- definitions ------------------------------------------------------------------ */

typedef struct os_thread_def {
    const char *name;
    os_pthread pthread;
    osPriority tpriority;
    uint32_t instances;
    uint32_t stacksize;     /* bytes per instance, 0: default */
    osTernStorage_t *cb;    /* instances control blocks; NULL: heap (osThreadDynamicDef) */
    osTernStorage_t *stack; /* instances stacks of osTernStackBytes(stacksize) bytes */
} osThreadDef_t;

typedef struct os_timer_def {
    os_ptimer ptimer;
    osTernStorage_t *cb;
} osTimerDef_t;

typedef struct os_mutex_def {
    osTernStorage_t *cb;
} osMutexDef_t;

typedef struct os_semaphore_def {
    osTernStorage_t *cb;
} osSemaphoreDef_t;

typedef struct os_pool_def {
    uint32_t pool_sz; /* number of items */
    uint32_t item_sz; /* bytes per item */
    osTernStorage_t *pool;
    osTernStorage_t *cb;
} osPoolDef_t;

typedef struct os_messageQ_def {
    uint32_t queue_sz;
    osTernStorage_t *pool;
    osTernStorage_t *cb;
} osMessageQDef_t;

typedef struct os_mailQ_def {
    uint32_t queue_sz;
    uint32_t item_sz;
    osTernStorage_t *pool;
    osTernStorage_t *cb;
} osMailQDef_t;

typedef struct {
    osStatus status;
    union {
        uint32_t v;
        void *p;
        int32_t signals;
    } value;
    union {
        osMailQId mail_id;
        osMessageQId message_id;
    } def;
} osEvent;

#if defined(osObjectsExternal)
#define osThreadDef(name, priority, instances, stacksz) \
    extern const osThreadDef_t os_thread_def_##name
#define osThreadDynamicDef(name, priority, instances, stacksz) \
    extern const osThreadDef_t os_thread_def_##name
#define osTimerDef(name, function)          extern const osTimerDef_t os_timer_def_##name
#define osMutexDef(name)                    extern const osMutexDef_t os_mutex_def_##name
#define osSemaphoreDef(name)                extern const osSemaphoreDef_t os_semaphore_def_##name
#define osPoolDef(name, no, type)           extern const osPoolDef_t os_pool_def_##name
#define osMessageQDef(name, queue_sz, type) extern const osMessageQDef_t os_messageQ_def_##name
#define osMailQDef(name, queue_sz, type)    extern const osMailQDef_t os_mailQ_def_##name
#else
/* `name` is the thread function; up to `instances` threads of it may exist at once. */
#define osThreadDef(name, priority, instances, stacksz)                                      \
    static osTernStorage_t os_thread_cb_##name[(instances)*osTernWords(osTernThreadCbSize)]; \
    static osTernStorage_t                                                                   \
        os_thread_stk_##name[(instances)*osTernWords(osTernStackBytes(stacksz))];            \
    const osThreadDef_t os_thread_def_##name = {#name,                                       \
                                                (name),                                      \
                                                (priority),                                  \
                                                (instances),                                 \
                                                (stacksz),                                   \
                                                os_thread_cb_##name,                         \
                                                os_thread_stk_##name}
/* Tern extension (as TencentOS Tiny): control blocks and stacks from the heap. */
#define osThreadDynamicDef(name, priority, instances, stacksz)                              \
    const osThreadDef_t os_thread_def_##name = {#name,     (name), (priority), (instances), \
                                                (stacksz), NULL,   NULL}
#define osTimerDef(name, function)                                             \
    static osTernStorage_t os_timer_cb_##name[osTernWords(osTernTimerCbSize)]; \
    const osTimerDef_t os_timer_def_##name = {(function), os_timer_cb_##name}
#define osMutexDef(name)                                                       \
    static osTernStorage_t os_mutex_cb_##name[osTernWords(osTernMutexCbSize)]; \
    const osMutexDef_t os_mutex_def_##name = {os_mutex_cb_##name}
#define osSemaphoreDef(name)                                                     \
    static osTernStorage_t os_semaphore_cb_##name[osTernWords(osTernSemCbSize)]; \
    const osSemaphoreDef_t os_semaphore_def_##name = {os_semaphore_cb_##name}
#define osPoolDef(name, no, type)                                                                \
    static osTernStorage_t os_pool_mem_##name[osTernWords(osTernPoolMemSize(no, sizeof(type)))]; \
    static osTernStorage_t os_pool_cb_##name[osTernWords(osTernPoolCbSize)];                     \
    const osPoolDef_t os_pool_def_##name = {(no), sizeof(type), os_pool_mem_##name,              \
                                            os_pool_cb_##name}
/* Messages are 32-bit values (`type` documents what they mean). */
#define osMessageQDef(name, queue_sz, type)                                                  \
    static osTernStorage_t                                                                   \
        os_messageQ_mem_##name[osTernWords(osTernQueueMemSize(queue_sz, sizeof(uint32_t)))]; \
    static osTernStorage_t os_messageQ_cb_##name[osTernWords(osTernMsgQCbSize)];             \
    const osMessageQDef_t os_messageQ_def_##name = {(queue_sz), os_messageQ_mem_##name,      \
                                                    os_messageQ_cb_##name}
#define osMailQDef(name, queue_sz, type)                                                     \
    static osTernStorage_t                                                                   \
        os_mailQ_mem_##name[osTernWords(osTernPoolMemSize(queue_sz, sizeof(type)) +          \
                                        osTernQueueMemSize(queue_sz, sizeof(void *)))];      \
    static osTernStorage_t os_mailQ_cb_##name[osTernWords(osTernMailQCbSize)];               \
    const osMailQDef_t os_mailQ_def_##name = {(queue_sz), sizeof(type), os_mailQ_mem_##name, \
                                              os_mailQ_cb_##name}
#endif

#define osThread(name)    (&os_thread_def_##name)
#define osTimer(name)     (&os_timer_def_##name)
#define osMutex(name)     (&os_mutex_def_##name)
#define osSemaphore(name) (&os_semaphore_def_##name)
#define osPool(name)      (&os_pool_def_##name)
#define osMessageQ(name)  (&os_messageQ_def_##name)
#define osMailQ(name)     (&os_mailQ_def_##name)

/* ---- kernel -------------------------------------------------------------------------- */

/* Initializes the kernel; again before the start: osOK. Errors: osErrorISR; osErrorOS. */
osStatus osKernelInitialize(void);

/* Starts scheduling; does not return on success. Errors: osErrorISR; osErrorOS (running). */
osStatus osKernelStart(void);

/* 1 once the kernel runs, else 0. */
int32_t osKernelRunning(void);

/* System timer: ticks * CPU cycles per tick (32 bits, wraps). */
uint32_t osKernelSysTick(void);

/* System timer frequency (TOS_CFG_CPU_CLOCK). */
extern const uint32_t os_tern_systick_frequency;
#define osKernelSysTickFrequency os_tern_systick_frequency
#define osKernelSysTickMicroSec(microsec) \
    ((uint32_t)(((uint64_t)(microsec)*osKernelSysTickFrequency) / 1000000U))

/* ---- threads ------------------------------------------------------------------------- */

/*
 * Starts a thread in a free instance of thread_def. NULL: thread_def
 * NULL, an ISR, invalid priority, every instance in use, no memory.
 */
osThreadId osThreadCreate(const osThreadDef_t *thread_def, void *argument);

/* The running thread; NULL in an ISR or before osKernelStart. */
osThreadId osThreadGetId(void);

/*
 * Ends a thread (the caller included). Errors: osErrorISR;
 * osErrorParameter (invalid id); osErrorResource (a kernel task such as
 * idle, or the caller while the scheduler is locked).
 */
osStatus osThreadTerminate(osThreadId thread_id);

/* Errors: osErrorISR. */
osStatus osThreadYield(void);

/* Errors: osErrorISR; osErrorParameter (invalid id); osErrorValue (invalid priority). */
osStatus osThreadSetPriority(osThreadId thread_id, osPriority priority);

/* Current priority (raised while inheriting); osPriorityError on error or in an ISR. */
osPriority osThreadGetPriority(osThreadId thread_id);

/* ---- wait ------------------------------------------------------------------------------- */

/* Waits millisec (0: yields). Returns osEventTimeout. Errors: osErrorISR; osErrorOS (locked). */
osStatus osDelay(uint32_t millisec);

/* ---- timers (kernel software timers) ------------------------------------------------------ */

/* NULL: timer_def NULL, an ISR, invalid type, the definition in use, TOS_CFG_TIMER_EN off. */
osTimerId osTimerCreate(const osTimerDef_t *timer_def, os_timer_type type, void *argument);

/*
 * Starts or restarts: first expiry after millisec (then every millisec).
 * Errors: osErrorISR; osErrorParameter (invalid id); osErrorValue (0).
 */
osStatus osTimerStart(osTimerId timer_id, uint32_t millisec);

/* Errors: osErrorISR; osErrorParameter; osErrorResource (not running). */
osStatus osTimerStop(osTimerId timer_id);

/* Errors: osErrorISR; osErrorParameter. */
osStatus osTimerDelete(osTimerId timer_id);

/* ---- signals ------------------------------------------------------------------------------- */

/* Sets signals; returns the previous ones, or 0x80000000 (invalid thread or signals). */
int32_t osSignalSet(osThreadId thread_id, int32_t signals);

/* Clears signals; returns the previous ones, or 0x80000000 (invalid, or an ISR). */
int32_t osSignalClear(osThreadId thread_id, int32_t signals);

/*
 * signals 0: waits for any signal and clears all; else waits for all of
 * them and clears those. status: osEventSignal (value.signals: the
 * signals before the clear), osOK (none, millisec 0), osEventTimeout,
 * osErrorValue (bit 31), osErrorISR, osErrorOS (not a CMSIS thread, or
 * the scheduler locked).
 */
osEvent osSignalWait(int32_t signals, uint32_t millisec);

/* ---- mutexes --------------------------------------------------------------------------------- */

/* NULL: mutex_def NULL, an ISR, the definition in use, TOS_CFG_MUTEX_EN off. */
osMutexId osMutexCreate(const osMutexDef_t *mutex_def);

/*
 * Recursive. Errors: osErrorISR; osErrorParameter; osErrorOS (kernel not
 * started); osErrorResource (busy and millisec 0, 255 levels deep, deleted
 * while waiting, or the scheduler locked); osErrorTimeoutResource.
 */
osStatus osMutexWait(osMutexId mutex_id, uint32_t millisec);

/* Errors: osErrorISR; osErrorParameter; osErrorResource (not owned by the caller). */
osStatus osMutexRelease(osMutexId mutex_id);

/* Waiters get osErrorResource. Errors: osErrorISR; osErrorParameter. */
osStatus osMutexDelete(osMutexId mutex_id);

/* ---- semaphores -------------------------------------------------------------------------------
 */

/* count tokens (0..osFeature_Semaphore). NULL: bad count, def NULL, an ISR, def in use. */
osSemaphoreId osSemaphoreCreate(const osSemaphoreDef_t *semaphore_def, int32_t count);

/*
 * Takes a token. Returns the tokens that were available including the one
 * taken (> 0), 0 when none came within millisec, -1 on error (invalid id,
 * an ISR, or deleted while waiting).
 */
int32_t osSemaphoreWait(osSemaphoreId semaphore_id, uint32_t millisec);

/* Errors: osErrorParameter; osErrorResource (osFeature_Semaphore tokens already). */
osStatus osSemaphoreRelease(osSemaphoreId semaphore_id);

/* Waiters get -1. Errors: osErrorISR; osErrorParameter. */
osStatus osSemaphoreDelete(osSemaphoreId semaphore_id);

/* ---- memory pools ------------------------------------------------------------------------------
 */

/* NULL: pool_def NULL or empty, an ISR, the definition in use. */
osPoolId osPoolCreate(const osPoolDef_t *pool_def);

/* A block, or NULL (none free, invalid id). osPoolCAlloc zero-fills it. */
void *osPoolAlloc(osPoolId pool_id);
void *osPoolCAlloc(osPoolId pool_id);

/* Errors: osErrorParameter (invalid id, block NULL); osErrorValue (not an allocated block). */
osStatus osPoolFree(osPoolId pool_id, void *block);

/* ---- message queues (32-bit messages)
 * ------------------------------------------------------------ */

/* NULL: queue_def NULL or empty, an ISR, the definition in use. thread_id is unused. */
osMessageQId osMessageCreate(const osMessageQDef_t *queue_def, osThreadId thread_id);

/*
 * Errors: osErrorParameter (invalid id, or an ISR with a timeout);
 * osErrorResource (full and millisec 0, or deleted while waiting);
 * osErrorTimeoutResource (still full after millisec).
 */
osStatus osMessagePut(osMessageQId queue_id, uint32_t info, uint32_t millisec);

/*
 * status: osEventMessage (value.v), osOK (empty, millisec 0),
 * osEventTimeout, osErrorParameter (invalid id, or an ISR with a timeout),
 * osErrorResource (deleted while waiting). def.message_id: queue_id.
 */
osEvent osMessageGet(osMessageQId queue_id, uint32_t millisec);

/* ---- mail queues
 * ------------------------------------------------------------------------------------- */

/* NULL: queue_def NULL or empty, an ISR, the definition in use. thread_id is unused. */
osMailQId osMailCreate(const osMailQDef_t *queue_def, osThreadId thread_id);

/*
 * A mail slot, waiting up to millisec for one; NULL on timeout, invalid
 * id, or an ISR with a timeout. osMailCAlloc zero-fills it.
 */
void *osMailAlloc(osMailQId queue_id, uint32_t millisec);
void *osMailCAlloc(osMailQId queue_id, uint32_t millisec);

/* Errors: osErrorParameter (invalid id, mail NULL); osErrorValue (not an allocated slot). */
osStatus osMailPut(osMailQId queue_id, void *mail);

/*
 * status: osEventMail (value.p), osOK (empty, millisec 0), osEventTimeout,
 * osErrorParameter (invalid id, or an ISR with a timeout). def.mail_id: queue_id.
 */
osEvent osMailGet(osMailQId queue_id, uint32_t millisec);

/* Errors: osErrorParameter (invalid id, mail NULL); osErrorValue (not an allocated slot). */
osStatus osMailFree(osMailQId queue_id, void *mail);

#ifdef __cplusplus
}
#endif

#endif /* _CMSIS_OS_H */
