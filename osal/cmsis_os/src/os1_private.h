/*
 * CMSIS-RTOS v1 adapter: control blocks and helpers shared by the os1_*.c
 * files. Private to the adapter. The objects live in the memory the
 * osXxxDef macros reserve; every control block starts with its magic word
 * (a thread's follows its kernel task), cleared on delete.
 */
#ifndef _OS1_PRIVATE_H_
#define _OS1_PRIVATE_H_

#include "cmsis_core.h"
#include "cmsis_os.h"

#if CMSIS_CORE_EN > 0u

/* osSignalSet/osSignalClear error result. */
#define OS1_SIGNAL_ERROR ((int32_t)0x80000000u)

#if TOS_CFG_TIMER_EN > 0u
typedef struct os1_timer_st {
    uint32_t magic;
    os_ptimer func;
    void *arg;
    k_timer_t timer;
} os1_timer_t;
#endif

#if TOS_CFG_MUTEX_EN > 0u
typedef struct os1_mutex_st {
    uint32_t magic;
    k_mutex_t mutex;
} os1_mutex_t;
#endif

typedef struct os1_semaphore_st {
    uint32_t magic;
    cmsis_sem_t sem;
} os1_semaphore_t;

typedef struct os1_pool_st {
    uint32_t magic;
    cmsis_pool_t pool;
} os1_pool_t;

typedef struct os1_message_queue_st {
    uint32_t magic;
    cmsis_mq_t mq;
} os1_message_queue_t;

typedef struct os1_mail_queue_st {
    uint32_t magic;
    cmsis_pool_t pool; /* the mail slots */
    cmsis_mq_t mq;     /* pointers to the slots put, in order */
} os1_mail_queue_t;

_Static_assert(sizeof(cmsis_thread_t) <= osTernThreadCbSize, "osTernThreadCbSize too small");
#if TOS_CFG_TIMER_EN > 0u
_Static_assert(sizeof(os1_timer_t) <= osTernTimerCbSize, "osTernTimerCbSize too small");
#endif
#if TOS_CFG_MUTEX_EN > 0u
_Static_assert(sizeof(os1_mutex_t) <= osTernMutexCbSize, "osTernMutexCbSize too small");
#endif
_Static_assert(sizeof(os1_semaphore_t) <= osTernSemCbSize, "osTernSemCbSize too small");
_Static_assert(sizeof(os1_pool_t) <= osTernPoolCbSize, "osTernPoolCbSize too small");
_Static_assert(sizeof(os1_message_queue_t) <= osTernMsgQCbSize, "osTernMsgQCbSize too small");
_Static_assert(sizeof(os1_mail_queue_t) <= osTernMailQCbSize, "osTernMailQCbSize too small");
_Static_assert(sizeof(cmsis_msg_t) == 2u * sizeof(void *), "osTernQueueMemSize mismatch");

/* osOK; osErrorOS for a foreign host thread; osErrorISR in an ISR unless isr_ok. */
osStatus os1_ctx_check(int isr_ok);

/* Milliseconds -> kernel ticks, rounded up (osWaitForever -> TOS_TIME_FOREVER). */
k_tick_t os1_ticks(uint32_t millisec);

/* v1 priority <-> kernel priority (through the CMSIS-RTOS2 scale of the core). */
int os1_prio_valid(osPriority prio);
k_prio_t os1_prio_to_kernel(osPriority prio);
osPriority os1_prio_from_kernel(k_prio_t prio);

/*
 * The object in definition storage `cb` if it holds a live object of kind
 * `magic`, else NULL (ids are control block addresses).
 */
void *os1_object_of(const void *id, uint32_t magic);

/* Claims definition storage for a new object: NULL if it already holds a live one. */
void *os1_storage_claim(osTernStorage_t *cb, size_t size, uint32_t magic);

#endif /* CMSIS_CORE_EN */

#endif /* _OS1_PRIVATE_H_ */
