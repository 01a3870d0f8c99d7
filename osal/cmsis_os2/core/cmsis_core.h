/*
 * The CMSIS core: the objects and wait rules shared by the CMSIS-RTOS2
 * adapter (osal/cmsis_os2/src) and the CMSIS-RTOS v1 adapter
 * (osal/cmsis_os/src). Private to the adapters; applications include
 * cmsis_os2.h or cmsis_os.h, never this header.
 *
 * What the core adds to the kernel:
 *  - waits with per-waiter data (flags wanted, a message buffer, a block),
 *    on the kernel's own wait lists (tos_pend.h), so that priority order,
 *    timeouts, task destruction and priority changes of waiters are handled
 *    by the kernel exactly as for its own objects;
 *  - flags (CMSIS event flags, thread flags, v1 signals), counting
 *    semaphores, block pools and priority message queues that may be used
 *    from interrupts (timeout 0) and block with a timeout from tasks;
 *  - CMSIS threads: a kernel task plus thread flags, join and detach;
 *  - kernel lock and tickless suspend/resume helpers.
 *
 * Per-waiter data. A task waiting on a core object keeps a cmsis_waiter_t
 * on its own stack and publishes its address in a pointer field of its
 * k_task_t that the kernel only uses while the task waits on a kernel
 * event (flag_match), message queue (msg) or mail queue (mail). A poster
 * only reads that field for tasks found on the object's wait list, i.e.
 * tasks that are alive and blocked in the core, so the record is valid.
 * Hence the requirement below: one of those kernel modules must be on.
 *
 * Every function returning k_err_t uses kernel error codes; the adapters
 * map them to their API's status values.
 */
#ifndef _CMSIS_CORE_H_
#define _CMSIS_CORE_H_

#include "tos_k.h"

#if (TOS_CFG_EVENT_DRIVEN_EN == 0u) &&                                           \
    ((TOS_CFG_EVENT_EN > 0u) || (TOS_CFG_MESSAGE_QUEUE_EN > 0u) ||               \
     (TOS_CFG_PRIORITY_MESSAGE_QUEUE_EN > 0u) || (TOS_CFG_MAIL_QUEUE_EN > 0u) || \
     (TOS_CFG_PRIORITY_MAIL_QUEUE_EN > 0u))
#define CMSIS_CORE_EN 1u
#else
#define CMSIS_CORE_EN 0u
#endif

#if CMSIS_CORE_EN > 0u

/* Default stack of a thread created without stack memory or size, in bytes. */
#ifndef TOS_CFG_CMSIS_THREAD_STACK_SIZE
#define TOS_CFG_CMSIS_THREAD_STACK_SIZE 1024u
#endif

/* Type tags: the first word of every core object, cleared on delete. */
#define CMSIS_MAGIC_THREAD 0xC5A7D001u
#define CMSIS_MAGIC_TIMER  0xC5A7D002u
#define CMSIS_MAGIC_FLAGS  0xC5A7D003u
#define CMSIS_MAGIC_MUTEX  0xC5A7D004u
#define CMSIS_MAGIC_SEM    0xC5A7D005u
#define CMSIS_MAGIC_POOL   0xC5A7D006u
#define CMSIS_MAGIC_MSGQ   0xC5A7D007u
#define CMSIS_MAGIC_MAILQ  0xC5A7D008u

/* Flag wait options (the CMSIS-RTOS2 values). */
#define CMSIS_FLAGS_WAIT_ALL 0x00000001u
#define CMSIS_FLAGS_NO_CLEAR 0x00000002u
/* Flags are 31 bits: the top bit marks an error in CMSIS return values. */
#define CMSIS_FLAGS_MASK 0x7FFFFFFFu

/* CMSIS timeouts: 0 = do not wait, 0xFFFFFFFF = forever. */
#define CMSIS_WAIT_FOREVER 0xFFFFFFFFu

/* ---- context, waits, time ------------------------------------------------ */

typedef enum cmsis_ctx_en {
    CMSIS_CTX_TASK,    /* a task, or main() before the kernel starts */
    CMSIS_CTX_ISR,     /* inside tos_knl_irq_enter/leave */
    CMSIS_CTX_FOREIGN, /* host simulator: an OS thread that does not hold the CPU */
} cmsis_ctx_t;

/* Data of one blocked task, on its own stack (see the top of this file). */
typedef struct cmsis_waiter_st {
    uint32_t flags;   /* flags: wanted on entry, the matching pattern on wake-up */
    uint32_t options; /* flags: CMSIS_FLAGS_* */
    void *data;       /* queue: message buffer; pool: the block handed over */
    uint8_t prio;     /* queue: message priority (sender: in, receiver: out) */
} cmsis_waiter_t;

cmsis_ctx_t cmsis_ctx(void);

/* The kernel's timeout for a CMSIS one (osWaitForever -> TOS_TIME_FOREVER). */
k_tick_t cmsis_ticks(uint32_t timeout);

/* What is left of `timeout` ticks that started at tick `start` (for retries). */
k_tick_t cmsis_ticks_left(k_tick_t timeout, k_tick_t start);

/*
 * The blocking tail of every core wait, entered with interrupts disabled
 * into cpu_cpsr after the caller found the object unavailable: returns
 * K_ERR_PEND_NOWAIT (timeout 0) or K_ERR_PEND_SCHED_LOCKED (scheduler
 * locked, kernel not started, or an ISR) without blocking, otherwise blocks
 * the caller on `obj` with `w` published and returns the wake-up reason:
 * K_ERR_NONE (posted: `w` holds the result), K_ERR_PEND_TIMEOUT,
 * K_ERR_PEND_DESTROY. Always returns with interrupts restored.
 */
k_err_t cmsis_wait(pend_obj_t *obj, cmsis_waiter_t *w, k_tick_t timeout, cpu_cpsr_t cpu_cpsr);

/* The record of a task found on a core wait list (interrupts disabled). */
cmsis_waiter_t *cmsis_waiter_of(k_task_t *task);

/* Wakes `task` with `state`; the caller reschedules (interrupts disabled). */
void cmsis_wake(k_task_t *task, pend_state_t state);

/* Wakes every waiter of `obj` with PEND_STATE_DESTROY (interrupts disabled). */
void cmsis_wake_all_destroyed(pend_obj_t *obj);

/* ---- priorities ---------------------------------------------------------------- */

/* CMSIS-RTOS2 priority range (osPriorityIdle..osPriorityISR); v1 maps into it. */
#define CMSIS_PRIO_IDLE 1
#define CMSIS_PRIO_ISR  56

/*
 * CMSIS-RTOS2 priority (CMSIS_PRIO_IDLE..CMSIS_PRIO_ISR) -> kernel priority:
 * the idle value maps to the least urgent task level (just above the
 * kernel's idle task), the ISR value to level 0, linearly in between.
 */
k_prio_t cmsis_prio_to_kernel(int32_t prio);

/* The least CMSIS-RTOS2 priority that maps to kernel priority `prio`. */
int32_t cmsis_prio_from_kernel(k_prio_t prio);

/* ---- memory for control blocks --------------------------------------------- */

/*
 * Control block memory per the CMSIS rules: cb_mem given -> it must be at
 * least `size` bytes (cb_size) and aligned to `align`, and must not hold a
 * live object of this kind (`magic` at byte offset `magic_at`); cb_mem NULL
 * -> cb_size must be 0 and a zeroed block comes from the heap. Returns the
 * memory (zeroed) or NULL; *dynamic tells which case applied.
 */
void *cmsis_cb_get(void *cb_mem, uint32_t cb_size, size_t size, size_t align, size_t magic_at,
                   uint32_t magic, int *dynamic);

/* Heap allocation aligned for any core object; zero-filled. NULL if none. */
void *cmsis_alloc(size_t size);
void cmsis_free(void *mem);

/* Non-zero if `mem` is aligned to `align` (a power of two). */
int cmsis_is_aligned(const void *mem, size_t align);

/* ---- flags ----------------------------------------------------------------- */

typedef struct cmsis_flags_st {
    pend_obj_t pend;
    uint32_t flags;
} cmsis_flags_t;

void cmsis_flags_init(cmsis_flags_t *f);

/*
 * Sets flags and releases every waiter whose condition now holds, most
 * urgent first; a releasing waiter without CMSIS_FLAGS_NO_CLEAR clears the
 * flags it waited for before the next one is examined. Returns the flags
 * after that; *before (if not NULL) receives those before the set. ISR-safe.
 */
uint32_t cmsis_flags_set(cmsis_flags_t *f, uint32_t flags, uint32_t *before);

/* Clears flags; returns the flags before. ISR-safe. */
uint32_t cmsis_flags_clear(cmsis_flags_t *f, uint32_t flags);

uint32_t cmsis_flags_get(cmsis_flags_t *f);

/*
 * Waits until `wanted` holds per `options`; *pattern receives the flags at
 * that moment (before clearing). Errors: those of cmsis_wait().
 */
k_err_t cmsis_flags_wait(cmsis_flags_t *f, uint32_t wanted, uint32_t options, k_tick_t timeout,
                         uint32_t *pattern);

/* Wakes every waiter with PEND_STATE_DESTROY and reschedules. */
void cmsis_flags_destroy(cmsis_flags_t *f);

/* ---- counting semaphore ------------------------------------------------------ */

typedef struct cmsis_sem_st {
    pend_obj_t pend;
    uint32_t count;
    uint32_t max;
} cmsis_sem_t;

void cmsis_sem_init(cmsis_sem_t *s, uint32_t initial, uint32_t max);
/*
 * Takes a token; *available (if not NULL) receives the tokens there were,
 * the one taken included (1 when it was handed over after a wait).
 * Errors: those of cmsis_wait().
 */
k_err_t cmsis_sem_acquire(cmsis_sem_t *s, k_tick_t timeout, uint32_t *available);
/* Gives a token to the first waiter or the count. Errors: K_ERR_SEM_OVERFLOW. ISR-safe. */
k_err_t cmsis_sem_release(cmsis_sem_t *s);
uint32_t cmsis_sem_count(cmsis_sem_t *s);
void cmsis_sem_destroy(cmsis_sem_t *s);

/* ---- block pool ----------------------------------------------------------------- */

typedef struct cmsis_pool_st {
    pend_obj_t pend;
    uint8_t *base;      /* first block */
    uint32_t *used_map; /* one bit per block: allocated (catches bad and double frees) */
    void *free_list;    /* free blocks chained through their first word */
    uint32_t blk_count;
    uint32_t blk_size;   /* as requested */
    uint32_t blk_stride; /* blk_size rounded up to pointer alignment */
    uint32_t used;
} cmsis_pool_t;

/* Bytes of pool memory for count blocks of size bytes (blocks + used map). */
size_t cmsis_pool_mem_size(uint32_t count, uint32_t size);
/* mem: cmsis_pool_mem_size() bytes, pointer-aligned. */
void cmsis_pool_init(cmsis_pool_t *p, void *mem, uint32_t count, uint32_t size);
/* Takes a block (*blk). Errors: those of cmsis_wait(). */
k_err_t cmsis_pool_alloc(cmsis_pool_t *p, k_tick_t timeout, void **blk);
/*
 * Returns a block (to the first waiter if any). Errors: K_ERR_OBJ_INVALID
 * (not a block of this pool), K_ERR_MMBLK_POOL_FULL (not allocated). ISR-safe.
 */
k_err_t cmsis_pool_free(cmsis_pool_t *p, void *blk);
/* K_ERR_NONE if blk is an allocated block of p, else as cmsis_pool_free(). ISR-safe. */
k_err_t cmsis_pool_check(cmsis_pool_t *p, const void *blk);
uint32_t cmsis_pool_used(cmsis_pool_t *p);
void cmsis_pool_destroy(cmsis_pool_t *p);

/* ---- priority message queue ------------------------------------------------------- */

/* One message slot: this header, then msg_size bytes (pointer-aligned). */
typedef struct cmsis_msg_st {
    struct cmsis_msg_st *next;
    uint32_t prio;
} cmsis_msg_t;

typedef struct cmsis_mq_st {
    pend_obj_t recv_pend; /* receivers waiting for a message */
    pend_obj_t send_pend; /* senders waiting for a free slot */
    cmsis_msg_t *head;    /* queued messages: priority descending, FIFO among equals */
    cmsis_msg_t *tail;
    cmsis_msg_t *free_list;
    void *mem; /* the slots, as given to cmsis_mq_init() */
    uint32_t capacity;
    uint32_t msg_size;
    uint32_t count;
} cmsis_mq_t;

size_t cmsis_mq_mem_size(uint32_t count, uint32_t size);
/* mem: cmsis_mq_mem_size() bytes, pointer-aligned. */
void cmsis_mq_init(cmsis_mq_t *q, void *mem, uint32_t count, uint32_t size);
/* Queues msg_size bytes. Errors: those of cmsis_wait(). */
k_err_t cmsis_mq_put(cmsis_mq_t *q, const void *msg, uint8_t prio, k_tick_t timeout);
/* Takes the most urgent message into msg (prio may be NULL). Errors: those of cmsis_wait(). */
k_err_t cmsis_mq_get(cmsis_mq_t *q, void *msg, uint8_t *prio, k_tick_t timeout);
uint32_t cmsis_mq_count(cmsis_mq_t *q);
/* Drops every message, then lets waiting senders fill the freed slots. */
void cmsis_mq_reset(cmsis_mq_t *q);
void cmsis_mq_destroy(cmsis_mq_t *q);

/* ---- threads ------------------------------------------------------------------------ */

#define CMSIS_THREAD_JOINABLE 0x01u /* osThreadJoinable */
#define CMSIS_THREAD_CB_DYN   0x02u /* control block from the heap */
#define CMSIS_THREAD_STK_DYN  0x04u /* stack from the heap */
#define CMSIS_THREAD_ZOMBIE   0x08u /* terminated, joinable, not joined yet */
#define CMSIS_THREAD_V1       0x10u /* func is a v1 os_pthread */

typedef struct cmsis_thread_st {
    k_task_t task; /* first: a thread id is the address of its kernel task */
    uint32_t magic;
    uint32_t attr;    /* CMSIS_THREAD_* */
    int32_t api_prio; /* priority as last requested through the API, in its scale */
    const char *name; /* as given (the kernel keeps a truncated copy) */
    union {
        void (*v2)(void *);
        void (*v1)(const void *);
    } func;
    void *arg;
    cmsis_flags_t tflags; /* thread flags (v2) / signals (v1) */
    pend_obj_t join;      /* a joining thread waits here */
    k_list_t reap;        /* in the reap list while its memory waits to be freed */
} cmsis_thread_t;

/* Any function pointer; converted back to the thread's own type before the call. */
typedef void (*cmsis_func_t)(void);

typedef struct cmsis_thread_cfg_st {
    const char *name;
    uint32_t attr; /* CMSIS_THREAD_JOINABLE, CMSIS_THREAD_V1 */
    void *cb_mem;
    uint32_t cb_size;
    void *stack_mem;
    uint32_t stack_size; /* 0 with stack_mem NULL: TOS_CFG_CMSIS_THREAD_STACK_SIZE */
    k_prio_t prio;       /* kernel priority */
    int32_t api_prio;
} cmsis_thread_cfg_t;

/*
 * Creates and starts a thread running func(arg) (v2 or v1 per cfg->attr).
 * Errors: K_ERR_KNL_NOT_RUNNING (kernel not initialized);
 * K_ERR_OBJ_INVALID (control block or stack memory unusable);
 * K_ERR_OUT_OF_MEMORY; errors of tos_task_create().
 */
k_err_t cmsis_thread_create(const cmsis_thread_cfg_t *cfg, cmsis_func_t func, void *arg,
                            cmsis_thread_t **thread);

/* The CMSIS thread `id` (live or zombie), or NULL if id is not one. */
cmsis_thread_t *cmsis_thread_of(void *id);

/* Non-zero if `task` is a live kernel task (CMSIS thread or not). */
int cmsis_task_is_live(k_task_t *task);

/* The calling CMSIS thread, NULL for a plain kernel task or outside tasks. */
cmsis_thread_t *cmsis_thread_self(void);

/*
 * Ends the calling task: a joinable CMSIS thread becomes a zombie and wakes
 * its joiner, a detached one is freed (at once, or via the reap list when
 * it runs on the memory to free). Releases a scheduler lock first.
 */
__NO_RETURN__ void cmsis_thread_exit(void);

/*
 * Ends `task` (the caller included). Errors: K_ERR_OBJ_INVALID (not a live
 * task, or a zombie); K_ERR_TASK_DESTROY_IDLE; K_ERR_SCHED_LOCKED (self
 * while the scheduler is locked); other errors of tos_task_destroy().
 */
k_err_t cmsis_task_terminate(k_task_t *task);

/*
 * Waits for a joinable thread to end, then frees it. Errors:
 * K_ERR_OBJ_INVALID (not joinable, being joined, or the caller itself);
 * K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT (the wait was aborted).
 */
k_err_t cmsis_thread_join(cmsis_thread_t *t);

/* Makes a thread detached; a zombie is freed. Errors: K_ERR_OBJ_INVALID. */
k_err_t cmsis_thread_detach(cmsis_thread_t *t);

/* Frees threads that ended on their own memory (called by thread functions). */
void cmsis_reap(void);

/*
 * Suspends `task`; a task blocked in a wait has the wait ended first (it
 * reports a timeout once resumed), as CMSIS specifies. Errors:
 * K_ERR_TASK_SUSPEND_IDLE; K_ERR_SCHED_LOCKED (self while locked).
 */
k_err_t cmsis_task_suspend(k_task_t *task);

/*
 * Makes a suspended or blocked task ready (a wait ends with a timeout).
 * Errors: K_ERR_TASK_NOT_DELAY (ready or running already).
 */
k_err_t cmsis_task_resume(k_task_t *task);

/*
 * The API priority of a CMSIS thread (of the same API: `attr_v1`) waiting
 * on a mutex `task` owns and at the priority `task` runs at, i.e. the
 * priority `task` inherited. Returns non-zero and sets *prio if found.
 */
int cmsis_task_inherited_prio(k_task_t *task, uint32_t attr_v1, int32_t *prio);

/* Number of live tasks; fills ids[0..max) with them when ids is not NULL. */
uint32_t cmsis_task_enumerate(void **ids, uint32_t max);

/* Stack bytes never used by `task` (0 without stack-depth detection). */
uint32_t cmsis_task_stack_space(k_task_t *task);

/* ---- kernel control ------------------------------------------------------------------ */

/* Non-zero once tos_knl_init() has run (by osKernelInitialize or the application). */
int cmsis_kernel_initialized(void);

int cmsis_kernel_suspended(void);

/* Scheduler lock as a boolean (CMSIS view of the kernel's lock depth). */
int cmsis_kernel_locked(void);
/* Locks (1) or unlocks completely (0). Errors: those of tos_knl_sched_lock/unlock. */
k_err_t cmsis_kernel_lock_set(int lock);

/* Tickless: stops scheduling, returns ticks to the next deadline (FOREVER if none). */
k_tick_t cmsis_kernel_suspend(void);
/* Credits `ticks` minus those the tick already counted, then schedules again. */
void cmsis_kernel_resume(k_tick_t ticks);

/* ---- mutex (kernel mutex, CMSIS semantics) --------------------------------------------- */

#if TOS_CFG_MUTEX_EN > 0u
/*
 * Acquires `m`: a recursive acquire by the owner succeeds (K_ERR_NONE),
 * unless `recursive` is 0 (K_ERR_MUTEX_NESTING); an acquire that finds the
 * owner gone retries for the rest of the timeout (the dead owner's lock is
 * released to the waiters: robust semantics). Errors: K_ERR_MUTEX_NESTING,
 * K_ERR_MUTEX_NESTING_OVERFLOW, K_ERR_PEND_NOWAIT, K_ERR_PEND_SCHED_LOCKED,
 * K_ERR_PEND_TIMEOUT, K_ERR_PEND_DESTROY.
 */
k_err_t cmsis_mutex_acquire(k_mutex_t *m, int recursive, k_tick_t timeout);
#endif

#endif /* CMSIS_CORE_EN */

#endif /* _CMSIS_CORE_H_ */
