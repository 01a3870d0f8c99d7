/*
 * CMSIS-RTOS2 suite: memory pools and message queues. Static and heap
 * memory, geometry queries, blocking with timeouts and direct hand-over
 * to waiters, bad and double frees, message copies of msg_size bytes,
 * priority order (FIFO among equals), reset, delete with waiters, and ISR
 * use.
 */
#include "cmsis_core.h" /* kernel configuration, CMSIS_CORE_EN */
#include "os2_tt.h"

#if CMSIS_CORE_EN > 0u

typedef struct {
    void *obj;
    uint32_t timeout;
    osStatus_t result;
    void *block;
    uint32_t ticks;
    uint8_t msg[7];
    uint8_t prio;
} q_req_t;

static q_req_t req[3];

static void req_init(int i, void *obj, uint32_t timeout)
{
    memset(&req[i], 0, sizeof(req[i]));
    req[i].obj = obj;
    req[i].timeout = timeout;
    req[i].result = (osStatus_t)12345;
}

/* ---- memory pool -------------------------------------------------------------------------------
 */

static void pool_taker(void *arg)
{
    q_req_t *r = (q_req_t *)arg;
    uint32_t t0 = osKernelGetTickCount();

    r->block = osMemoryPoolAlloc(r->obj, r->timeout);
    r->ticks = osKernelGetTickCount() - t0;
    ct_log((int)(r - req));
}

CT_CASE(test_pool_static_geometry_and_blocks)
{
    static osTernMemoryPool_t cb;
    static uint64_t mem[(osTernMemoryPoolMemSize(4u, 13u) + 7u) / 8u];
    osMemoryPoolAttr_t attr = {"pool", 0u, &cb, sizeof(cb), mem, sizeof(mem)};
    osMemoryPoolId_t mp = osMemoryPoolNew(4u, 13u, &attr);
    uint8_t *blk[4];
    int i;

    TT_ASSERT_PTR_EQ(mp, &cb);
    TT_ASSERT_STR_EQ(osMemoryPoolGetName(mp), "pool");
    TT_ASSERT_EQ(osMemoryPoolGetCapacity(mp), 4u);
    TT_ASSERT_EQ(osMemoryPoolGetBlockSize(mp), 13u);
    for (i = 0; i < 4; ++i) {
        blk[i] = osMemoryPoolAlloc(mp, 0u);
        TT_ASSERT_NOT_NULL(blk[i]);
        TT_ASSERT((void *)blk[i] >= (void *)mem && (void *)(blk[i] + 13) <= (void *)(mem + 8));
        memset(blk[i], 0xA0 + i, 13u); /* the whole block is usable */
        TT_ASSERT_EQ(osMemoryPoolGetCount(mp), (uint32_t)i + 1u);
        TT_ASSERT_EQ(osMemoryPoolGetSpace(mp), 3u - (uint32_t)i);
    }
    TT_ASSERT_NULL(osMemoryPoolAlloc(mp, 0u));
    for (i = 0; i < 4; ++i) {
        TT_ASSERT_EQ(blk[i][0], 0xA0 + i); /* no overlap between blocks */
        TT_ASSERT_EQ(blk[i][12], 0xA0 + i);
        TT_ASSERT_EQ(osMemoryPoolFree(mp, blk[i]), osOK);
    }
    TT_ASSERT_EQ(osMemoryPoolGetCount(mp), 0u);
    TT_ASSERT_EQ(osMemoryPoolDelete(mp), osOK);
    TT_ASSERT_EQ(osMemoryPoolGetCapacity(mp), 0u);
    TT_ASSERT_NULL(osMemoryPoolAlloc(mp, 0u));
    TT_ASSERT_EQ(osMemoryPoolDelete(mp), osErrorParameter);
}

CT_CASE(test_pool_rejects_bad_attributes)
{
    static osTernMemoryPool_t cb;
    static uint64_t mem[(osTernMemoryPoolMemSize(4u, 8u) + 7u) / 8u];
    osMemoryPoolAttr_t attr = {NULL, 0u, &cb, sizeof(cb), mem, sizeof(mem)};

    TT_ASSERT_NULL(osMemoryPoolNew(0u, 8u, NULL));
    TT_ASSERT_NULL(osMemoryPoolNew(4u, 0u, NULL));
    TT_ASSERT_NULL(osMemoryPoolNew(5u, 8u, &attr)); /* memory too small for 5 */
    attr.mp_mem = (uint8_t *)mem + 1;               /* misaligned */
    attr.mp_size = sizeof(mem) - 8u;
    TT_ASSERT_NULL(osMemoryPoolNew(2u, 8u, &attr));
    attr.mp_mem = NULL; /* size without memory */
    TT_ASSERT_NULL(osMemoryPoolNew(2u, 8u, &attr));
    attr.mp_size = 0u;
    attr.cb_size = 8u;
    TT_ASSERT_NULL(osMemoryPoolNew(2u, 8u, &attr));
    TT_ASSERT_NULL(osMemoryPoolNew(0x40000000u, 0x40000000u, NULL)); /* not representable */
}

CT_CASE(test_pool_free_checks_the_block)
{
    osMemoryPoolId_t mp = osMemoryPoolNew(2u, 16u, NULL);
    osMemoryPoolId_t other = osMemoryPoolNew(2u, 16u, NULL);
    uint8_t *a = osMemoryPoolAlloc(mp, 0u);
    uint8_t *b = osMemoryPoolAlloc(other, 0u);
    uint8_t local[16];

    TT_ASSERT_NOT_NULL(a);
    TT_ASSERT_EQ(osMemoryPoolFree(mp, b), osErrorParameter); /* another pool's block */
    TT_ASSERT_EQ(osMemoryPoolFree(mp, local), osErrorParameter);
    TT_ASSERT_EQ(osMemoryPoolFree(mp, a + 1), osErrorParameter); /* inside a block */
    TT_ASSERT_EQ(osMemoryPoolFree(mp, NULL), osErrorParameter);
    TT_ASSERT_EQ(osMemoryPoolFree(NULL, a), osErrorParameter);
    TT_ASSERT_EQ(osMemoryPoolFree(mp, a), osOK);
    TT_ASSERT_EQ(osMemoryPoolFree(mp, a), osErrorResource); /* double free */
    TT_ASSERT_EQ(osMemoryPoolGetCount(mp), 0u);
    /* Both blocks are still distinct after the refused frees. */
    a = osMemoryPoolAlloc(mp, 0u);
    TT_ASSERT_NOT_NULL(a);
    TT_ASSERT(osMemoryPoolAlloc(mp, 0u) != a);
    TT_ASSERT_NULL(osMemoryPoolAlloc(mp, 0u));
    TT_ASSERT_EQ(osMemoryPoolDelete(mp), osOK);
    TT_ASSERT_EQ(osMemoryPoolDelete(other), osOK);
}

CT_CASE(test_pool_alloc_waits_and_block_is_handed_over)
{
    osMemoryPoolId_t mp = osMemoryPoolNew(1u, 8u, NULL);
    void *only = osMemoryPoolAlloc(mp, 0u);
    osThreadId_t timed, waiting;

    req_init(0, mp, 5u);
    req_init(1, mp, osWaitForever);
    timed = ct_spawn(pool_taker, &req[0], osPriorityHigh);
    waiting = ct_spawn(pool_taker, &req[1], osPriorityAboveNormal);
    TT_ASSERT_EQ(osThreadJoin(timed), osOK);
    TT_ASSERT_NULL(req[0].block);
    TT_ASSERT_EQ(req[0].ticks, 5u);
    TT_ASSERT_EQ(osMemoryPoolFree(mp, only), osOK);
    TT_ASSERT_PTR_EQ(req[1].block, only); /* handed over: still allocated */
    TT_ASSERT_EQ(osMemoryPoolGetCount(mp), 1u);
    TT_ASSERT_EQ(osThreadJoin(waiting), osOK);
    TT_ASSERT_EQ(osMemoryPoolFree(mp, only), osOK);
    TT_ASSERT_EQ(osMemoryPoolDelete(mp), osOK);
}

CT_CASE(test_pool_delete_with_waiter)
{
    osMemoryPoolId_t mp = osMemoryPoolNew(1u, 8u, NULL);
    osThreadId_t waiting;

    TT_ASSERT_NOT_NULL(osMemoryPoolAlloc(mp, 0u));
    req_init(0, mp, osWaitForever);
    req[0].block = &req[0];
    waiting = ct_spawn(pool_taker, &req[0], osPriorityHigh);
    TT_ASSERT_EQ(osMemoryPoolDelete(mp), osOK);
    TT_ASSERT_EQ(osThreadJoin(waiting), osOK);
    TT_ASSERT_NULL(req[0].block);
}

static osMemoryPoolId_t isr_pool;
static void *isr_pool_ptr[4];
static osStatus_t isr_pool_status[3];
static uint32_t isr_pool_num[4];

static void isr_pool_calls(void)
{
    isr_pool_ptr[0] = osMemoryPoolAlloc(isr_pool, 0u);
    isr_pool_ptr[1] = osMemoryPoolAlloc(isr_pool, 10u);
    isr_pool_ptr[2] = osMemoryPoolNew(1u, 4u, NULL);
    isr_pool_ptr[3] = (void *)(uintptr_t)osMemoryPoolGetName(isr_pool);
    isr_pool_num[0] = osMemoryPoolGetCapacity(isr_pool);
    isr_pool_num[1] = osMemoryPoolGetBlockSize(isr_pool);
    isr_pool_num[2] = osMemoryPoolGetCount(isr_pool);
    isr_pool_num[3] = osMemoryPoolGetSpace(isr_pool);
    isr_pool_status[0] = osMemoryPoolFree(isr_pool, isr_pool_ptr[0]);
    isr_pool_status[1] = osMemoryPoolFree(isr_pool, isr_pool_ptr[0]);
    isr_pool_status[2] = osMemoryPoolDelete(isr_pool);
}

CT_CASE(test_pool_from_isr)
{
    isr_pool = osMemoryPoolNew(3u, 24u, NULL);
    ct_in_isr(isr_pool_calls);
    TT_ASSERT_NOT_NULL(isr_pool_ptr[0]);
    TT_ASSERT_NULL(isr_pool_ptr[1]); /* an ISR cannot wait */
    TT_ASSERT_NULL(isr_pool_ptr[2]);
    TT_ASSERT_NULL(isr_pool_ptr[3]);
    TT_ASSERT_EQ(isr_pool_num[0], 3u);
    TT_ASSERT_EQ(isr_pool_num[1], 24u);
    TT_ASSERT_EQ(isr_pool_num[2], 1u);
    TT_ASSERT_EQ(isr_pool_num[3], 2u);
    TT_ASSERT_EQ(isr_pool_status[0], osOK);
    TT_ASSERT_EQ(isr_pool_status[1], osErrorResource);
    TT_ASSERT_EQ(isr_pool_status[2], osErrorISR);
    TT_ASSERT_EQ(osMemoryPoolDelete(isr_pool), osOK);
}

/* ---- message queue
 * ------------------------------------------------------------------------------- */

static void mq_getter(void *arg)
{
    q_req_t *r = (q_req_t *)arg;
    uint32_t t0 = osKernelGetTickCount();

    r->result = osMessageQueueGet(r->obj, r->msg, &r->prio, r->timeout);
    r->ticks = osKernelGetTickCount() - t0;
    ct_log((int)(r - req));
}

static void mq_putter(void *arg)
{
    q_req_t *r = (q_req_t *)arg;
    uint32_t t0 = osKernelGetTickCount();

    r->result = osMessageQueuePut(r->obj, r->msg, r->prio, r->timeout);
    r->ticks = osKernelGetTickCount() - t0;
    ct_log((int)(r - req));
}

CT_CASE(test_mq_static_copy_and_geometry)
{
    static osTernMessageQueue_t cb;
    static uint64_t mem[(osTernMessageQueueMemSize(3u, 7u) + 7u) / 8u];
    osMessageQueueAttr_t attr = {"queue", 0u, &cb, sizeof(cb), mem, sizeof(mem)};
    osMessageQueueId_t q = osMessageQueueNew(3u, 7u, &attr);
    uint8_t msg[7] = {1, 2, 3, 4, 5, 6, 7};
    uint8_t out[8];
    uint8_t prio = 99u;

    TT_ASSERT_PTR_EQ(q, &cb);
    TT_ASSERT_STR_EQ(osMessageQueueGetName(q), "queue");
    TT_ASSERT_EQ(osMessageQueueGetCapacity(q), 3u);
    TT_ASSERT_EQ(osMessageQueueGetMsgSize(q), 7u);
    TT_ASSERT_EQ(osMessageQueuePut(q, msg, 0u, 0u), osOK);
    msg[0] = 9u; /* the queue holds a copy */
    TT_ASSERT_EQ(osMessageQueueGetCount(q), 1u);
    TT_ASSERT_EQ(osMessageQueueGetSpace(q), 2u);
    memset(out, 0xEE, sizeof(out));
    TT_ASSERT_EQ(osMessageQueueGet(q, out, &prio, 0u), osOK);
    TT_ASSERT_EQ(out[0], 1u);
    TT_ASSERT_EQ(out[6], 7u);
    TT_ASSERT_EQ(out[7], 0xEEu); /* exactly msg_size bytes copied */
    TT_ASSERT_EQ(prio, 0u);
    TT_ASSERT_EQ(osMessageQueueGet(q, out, NULL, 0u), osErrorResource);
    TT_ASSERT_EQ(osMessageQueueDelete(q), osOK);
    TT_ASSERT_EQ(osMessageQueuePut(q, msg, 0u, 0u), osErrorParameter);
    TT_ASSERT_EQ(osMessageQueueDelete(q), osErrorParameter);
}

CT_CASE(test_mq_rejects_bad_arguments)
{
    static osTernMessageQueue_t cb;
    static uint64_t mem[(osTernMessageQueueMemSize(2u, 4u) + 7u) / 8u];
    osMessageQueueAttr_t attr = {NULL, 0u, &cb, sizeof(cb), mem, sizeof(mem)};
    osMessageQueueId_t q = osMessageQueueNew(2u, 4u, NULL);
    uint32_t v = 0u;

    TT_ASSERT_NULL(osMessageQueueNew(0u, 4u, NULL));
    TT_ASSERT_NULL(osMessageQueueNew(2u, 0u, NULL));
    TT_ASSERT_NULL(osMessageQueueNew(3u, 4u, &attr)); /* memory too small */
    attr.cb_size = 4u;
    TT_ASSERT_NULL(osMessageQueueNew(2u, 4u, &attr));
    TT_ASSERT_EQ(osMessageQueuePut(q, NULL, 0u, 0u), osErrorParameter);
    TT_ASSERT_EQ(osMessageQueueGet(q, NULL, NULL, 0u), osErrorParameter);
    TT_ASSERT_EQ(osMessageQueuePut(NULL, &v, 0u, 0u), osErrorParameter);
    TT_ASSERT_EQ(osMessageQueueGet(NULL, &v, NULL, 0u), osErrorParameter);
    TT_ASSERT_EQ(osMessageQueueGetCapacity(NULL), 0u);
    TT_ASSERT_EQ(osMessageQueueReset(NULL), osErrorParameter);
    TT_ASSERT_EQ(osMessageQueueDelete(q), osOK);
}

CT_CASE(test_mq_priority_order_fifo_among_equals)
{
    static const uint8_t prios[6] = {1u, 5u, 3u, 5u, 0u, 3u};
    osMessageQueueId_t q = osMessageQueueNew(6u, sizeof(uint32_t), NULL);
    uint32_t expect_val[6] = {1u, 3u, 2u, 5u, 0u, 4u};
    uint8_t expect_prio[6] = {5u, 5u, 3u, 3u, 1u, 0u};
    uint32_t v;
    uint8_t prio;
    uint32_t i;

    for (i = 0u; i < 6u; ++i) {
        TT_ASSERT_EQ(osMessageQueuePut(q, &i, prios[i], 0u), osOK);
    }
    TT_ASSERT_EQ(osMessageQueuePut(q, &i, 9u, 0u), osErrorResource); /* full */
    for (i = 0u; i < 6u; ++i) {
        TT_ASSERT_EQ(osMessageQueueGet(q, &v, &prio, 0u), osOK);
        TT_ASSERT_EQ(v, expect_val[i]);
        TT_ASSERT_EQ(prio, expect_prio[i]);
    }
    TT_ASSERT_EQ(osMessageQueueDelete(q), osOK);
}

CT_CASE(test_mq_receiver_waits_and_gets_hand_over)
{
    osMessageQueueId_t q = osMessageQueueNew(2u, 7u, NULL);
    static const uint8_t msg[7] = {7, 6, 5, 4, 3, 2, 1};
    osThreadId_t timed, waiting;

    req_init(0, q, 4u);
    req_init(1, q, osWaitForever);
    timed = ct_spawn(mq_getter, &req[0], osPriorityHigh);
    waiting = ct_spawn(mq_getter, &req[1], osPriorityAboveNormal);
    TT_ASSERT_EQ(osThreadJoin(timed), osOK);
    TT_ASSERT_EQ(req[0].result, osErrorTimeout);
    TT_ASSERT_EQ(req[0].ticks, 4u);
    TT_ASSERT_EQ(osMessageQueuePut(q, msg, 6u, 0u), osOK);
    TT_ASSERT_EQ(ct_log_count(), 2);
    TT_ASSERT_EQ(req[1].result, osOK);
    TT_ASSERT_MEM_EQ(req[1].msg, msg, 7u);
    TT_ASSERT_EQ(req[1].prio, 6u);
    TT_ASSERT_EQ(osMessageQueueGetCount(q), 0u); /* went straight to the receiver */
    TT_ASSERT_EQ(osThreadJoin(waiting), osOK);
    TT_ASSERT_EQ(osMessageQueueDelete(q), osOK);
}

CT_CASE(test_mq_sender_waits_for_space)
{
    osMessageQueueId_t q = osMessageQueueNew(1u, 7u, NULL);
    uint8_t first[7] = {1};
    uint8_t out[7];
    uint8_t prio = 0u;
    osThreadId_t timed, waiting;

    TT_ASSERT_EQ(osMessageQueuePut(q, first, 1u, 0u), osOK);
    req_init(0, q, 3u);
    req_init(1, q, osWaitForever);
    req[1].msg[0] = 2u;
    req[1].prio = 4u;
    timed = ct_spawn(mq_putter, &req[0], osPriorityHigh);
    waiting = ct_spawn(mq_putter, &req[1], osPriorityAboveNormal);
    TT_ASSERT_EQ(osThreadJoin(timed), osOK);
    TT_ASSERT_EQ(req[0].result, osErrorTimeout);
    TT_ASSERT_EQ(req[0].ticks, 3u);
    TT_ASSERT_EQ(osMessageQueueGet(q, out, &prio, 0u), osOK);
    TT_ASSERT_EQ(out[0], 1u);
    /* The freed slot went to the waiting sender at once. */
    TT_ASSERT_EQ(req[1].result, osOK);
    TT_ASSERT_EQ(osMessageQueueGetCount(q), 1u);
    TT_ASSERT_EQ(osMessageQueueGet(q, out, &prio, 0u), osOK);
    TT_ASSERT_EQ(out[0], 2u);
    TT_ASSERT_EQ(prio, 4u);
    TT_ASSERT_EQ(osThreadJoin(waiting), osOK);
    TT_ASSERT_EQ(osMessageQueueDelete(q), osOK);
}

CT_CASE(test_mq_reset_admits_waiting_senders)
{
    osMessageQueueId_t q = osMessageQueueNew(1u, 7u, NULL);
    uint8_t msg[7] = {1};
    uint8_t out[7];
    osThreadId_t waiting;

    TT_ASSERT_EQ(osMessageQueuePut(q, msg, 0u, 0u), osOK);
    req_init(0, q, osWaitForever);
    req[0].msg[0] = 5u;
    waiting = ct_spawn(mq_putter, &req[0], osPriorityHigh);
    TT_ASSERT_EQ(osMessageQueueReset(q), osOK);
    TT_ASSERT_EQ(req[0].result, osOK);
    TT_ASSERT_EQ(osMessageQueueGetCount(q), 1u);
    TT_ASSERT_EQ(osMessageQueueGet(q, out, NULL, 0u), osOK);
    TT_ASSERT_EQ(out[0], 5u);
    TT_ASSERT_EQ(osMessageQueueReset(q), osOK);
    TT_ASSERT_EQ(osMessageQueueGetCount(q), 0u);
    TT_ASSERT_EQ(osThreadJoin(waiting), osOK);
    TT_ASSERT_EQ(osMessageQueueDelete(q), osOK);
}

CT_CASE(test_mq_delete_with_waiters)
{
    osMessageQueueId_t q = osMessageQueueNew(1u, 7u, NULL);
    osThreadId_t getter;

    req_init(0, q, osWaitForever);
    getter = ct_spawn(mq_getter, &req[0], osPriorityHigh);
    TT_ASSERT_EQ(osMessageQueueDelete(q), osOK);
    TT_ASSERT_EQ(osThreadJoin(getter), osOK);
    TT_ASSERT_EQ(req[0].result, osErrorResource);
}

static osMessageQueueId_t isr_q;
static osStatus_t isr_q_status[7];
static uint32_t isr_q_num[4];
static uint32_t isr_q_value;
static void *isr_q_new;

static void isr_mq_calls(void)
{
    uint32_t v = 77u;

    isr_q_status[0] = osMessageQueuePut(isr_q, &v, 2u, 0u);
    isr_q_status[1] = osMessageQueuePut(isr_q, &v, 2u, 0u); /* full */
    isr_q_status[2] = osMessageQueuePut(isr_q, &v, 2u, 3u);
    isr_q_num[0] = osMessageQueueGetCapacity(isr_q);
    isr_q_num[1] = osMessageQueueGetMsgSize(isr_q);
    isr_q_num[2] = osMessageQueueGetCount(isr_q);
    isr_q_num[3] = osMessageQueueGetSpace(isr_q);
    isr_q_status[3] = osMessageQueueGet(isr_q, &isr_q_value, NULL, 0u);
    isr_q_status[4] = osMessageQueueGet(isr_q, &v, NULL, 3u);
    isr_q_status[5] = osMessageQueueReset(isr_q);
    isr_q_new = osMessageQueueNew(1u, 4u, NULL);
    isr_q_status[6] = osMessageQueueDelete(isr_q);
}

CT_CASE(test_mq_from_isr)
{
    isr_q = osMessageQueueNew(1u, sizeof(uint32_t), NULL);
    ct_in_isr(isr_mq_calls);
    TT_ASSERT_EQ(isr_q_status[0], osOK);
    TT_ASSERT_EQ(isr_q_status[1], osErrorResource);
    TT_ASSERT_EQ(isr_q_status[2], osErrorParameter); /* an ISR cannot wait */
    TT_ASSERT_EQ(isr_q_num[0], 1u);
    TT_ASSERT_EQ(isr_q_num[1], sizeof(uint32_t));
    TT_ASSERT_EQ(isr_q_num[2], 1u);
    TT_ASSERT_EQ(isr_q_num[3], 0u);
    TT_ASSERT_EQ(isr_q_status[3], osOK);
    TT_ASSERT_EQ(isr_q_value, 77u);
    TT_ASSERT_EQ(isr_q_status[4], osErrorParameter);
    TT_ASSERT_EQ(isr_q_status[5], osErrorISR);
    TT_ASSERT_NULL(isr_q_new);
    TT_ASSERT_EQ(isr_q_status[6], osErrorISR);
    TT_ASSERT_EQ(osMessageQueueDelete(isr_q), osOK);
}

static void isr_put_only(void)
{
    static const uint8_t msg[7] = {0x55u};

    isr_q_status[0] = osMessageQueuePut(isr_q, msg, 1u, 0u);
}

CT_CASE(test_mq_isr_put_wakes_receiver)
{
    osThreadId_t getter;

    isr_q = osMessageQueueNew(2u, 7u, NULL);
    req_init(0, isr_q, osWaitForever);
    getter = ct_spawn(mq_getter, &req[0], osPriorityHigh);
    ct_in_isr(isr_put_only);
    TT_ASSERT_EQ(isr_q_status[0], osOK);
    TT_ASSERT_EQ(ct_log_count(), 1);
    TT_ASSERT_EQ(req[0].result, osOK);
    TT_ASSERT_EQ(req[0].msg[0], 0x55u);
    TT_ASSERT_EQ(req[0].prio, 1u);
    TT_ASSERT_EQ(osThreadJoin(getter), osOK);
    TT_ASSERT_EQ(osMessageQueueDelete(isr_q), osOK);
}

TT_SUITE("cmsis_os2_queue", ct_setup, ct_teardown, TT_CASE(test_pool_static_geometry_and_blocks),
         TT_CASE(test_pool_rejects_bad_attributes), TT_CASE(test_pool_free_checks_the_block),
         TT_CASE(test_pool_alloc_waits_and_block_is_handed_over),
         TT_CASE(test_pool_delete_with_waiter), TT_CASE(test_pool_from_isr),
         TT_CASE(test_mq_static_copy_and_geometry), TT_CASE(test_mq_rejects_bad_arguments),
         TT_CASE(test_mq_priority_order_fifo_among_equals),
         TT_CASE(test_mq_receiver_waits_and_gets_hand_over),
         TT_CASE(test_mq_sender_waits_for_space), TT_CASE(test_mq_reset_admits_waiting_senders),
         TT_CASE(test_mq_delete_with_waiters), TT_CASE(test_mq_from_isr),
         TT_CASE(test_mq_isr_put_wakes_receiver));

#else
TT_SUITE_SKIPPED("cmsis_os2_queue",
                 "the CMSIS adapters need TOS_CFG_EVENT_EN or a message/mail queue module");
#endif
