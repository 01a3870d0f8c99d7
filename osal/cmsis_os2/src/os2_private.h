/*
 * CMSIS-RTOS2 adapter: control blocks and helpers shared by the os2_*.c
 * files. Private to the adapter.
 *
 * Every control block starts with its magic word (a thread's follows its
 * kernel task); ids are control block addresses. The public header sizes
 * the caller-supplied control block memory (osTernXxxCbSize) and each
 * control block is checked against it below.
 */
#ifndef _OS2_PRIVATE_H_
#define _OS2_PRIVATE_H_

#include "cmsis_core.h"
#include "cmsis_os2.h"

#if CMSIS_CORE_EN > 0u

/* Control block allocation flags (the `dyn` member). */
#define OS2_CB_DYN  0x01u /* control block from the heap */
#define OS2_MEM_DYN 0x02u /* data memory (pool blocks, queue slots) from the heap */

#if TOS_CFG_TIMER_EN > 0u
typedef struct os2_timer_st {
    uint32_t magic;
    uint32_t dyn;
    const char *name;
    k_timer_t timer;
} os2_timer_t;
#endif

typedef struct os2_event_flags_st {
    uint32_t magic;
    uint32_t dyn;
    const char *name;
    cmsis_flags_t flags;
} os2_event_flags_t;

#if TOS_CFG_MUTEX_EN > 0u
typedef struct os2_mutex_st {
    uint32_t magic;
    uint32_t dyn;
    const char *name;
    uint32_t attr_bits;
    k_mutex_t mutex;
} os2_mutex_t;
#endif

typedef struct os2_semaphore_st {
    uint32_t magic;
    uint32_t dyn;
    const char *name;
    cmsis_sem_t sem;
} os2_semaphore_t;

typedef struct os2_memory_pool_st {
    uint32_t magic;
    uint32_t dyn;
    const char *name;
    cmsis_pool_t pool;
} os2_memory_pool_t;

typedef struct os2_message_queue_st {
    uint32_t magic;
    uint32_t dyn;
    const char *name;
    cmsis_mq_t mq;
} os2_message_queue_t;

/* The public sizes must hold the control blocks on every target. */
_Static_assert(sizeof(cmsis_thread_t) <= osTernThreadCbSize, "osTernThreadCbSize too small");
#if TOS_CFG_TIMER_EN > 0u
_Static_assert(sizeof(os2_timer_t) <= osTernTimerCbSize, "osTernTimerCbSize too small");
#endif
_Static_assert(sizeof(os2_event_flags_t) <= osTernEventFlagsCbSize,
               "osTernEventFlagsCbSize too small");
#if TOS_CFG_MUTEX_EN > 0u
_Static_assert(sizeof(os2_mutex_t) <= osTernMutexCbSize, "osTernMutexCbSize too small");
#endif
_Static_assert(sizeof(os2_semaphore_t) <= osTernSemaphoreCbSize, "osTernSemaphoreCbSize too small");
_Static_assert(sizeof(os2_memory_pool_t) <= osTernMemoryPoolCbSize,
               "osTernMemoryPoolCbSize too small");
_Static_assert(sizeof(os2_message_queue_t) <= osTernMessageQueueCbSize,
               "osTernMessageQueueCbSize too small");
_Static_assert(sizeof(cmsis_msg_t) == 2u * sizeof(void *), "osTernMessageQueueMemSize mismatch");

/* Alignment the caller's control block memory must have (that of uint64_t storage). */
#define OS2_CB_ALIGN _Alignof(osTernCbStorage_t)

/* osOK; osError for a foreign host thread; osErrorISR in an ISR unless isr_ok. */
osStatus_t os2_ctx_check(int isr_ok);

/* Kernel status -> CMSIS status, for the codes shared by several objects. */
osStatus_t os2_status(k_err_t err);

/* Flag function results: kernel status -> osFlagsError* code. */
uint32_t os2_flags_error(k_err_t err);

/* CMSIS priority <-> kernel priority (monotonic, see docs/cmsis.md). */
int os2_prio_valid(osPriority_t prio);
k_prio_t os2_prio_to_kernel(osPriority_t prio);
osPriority_t os2_prio_from_kernel(k_prio_t prio);

/* Control block memory: cmsis_cb_get() with the v2 alignment; *dyn gets OS2_CB_DYN. */
void *os2_cb_get(void *cb_mem, uint32_t cb_size, size_t size, uint32_t magic, uint32_t *dyn);

/* Frees a control block from os2_cb_get() (clears magic first). */
void os2_cb_put(void *cb, uint32_t dyn);

/*
 * Data memory (pool blocks, queue slots): mem given -> at least `size`
 * bytes (mem_size) and pointer-aligned; mem NULL -> mem_size must be 0 and
 * the heap supplies it (*dyn |= OS2_MEM_DYN). NULL if unusable.
 */
void *os2_mem_get(void *mem, uint32_t mem_size, size_t size, uint32_t *dyn);

/* The caller's memory for an object with data (NULL and 0: the heap's). */
typedef struct os2_mem_src_st {
    void *cb_mem;
    uint32_t cb_size;
    void *mem;
    uint32_t mem_size;
} os2_mem_src_t;

/*
 * A control block of `cb_need` bytes and `need` bytes of data memory for it
 * (os2_cb_get() and os2_mem_get() from `src`): the control block, with *mem
 * set and *dyn saying what the heap supplied, or NULL with nothing kept.
 */
void *os2_cb_mem_get(const os2_mem_src_t *src, size_t cb_need, uint32_t magic, size_t need,
                     void **mem, uint32_t *dyn);

#endif /* CMSIS_CORE_EN */

#endif /* _OS2_PRIVATE_H_ */
