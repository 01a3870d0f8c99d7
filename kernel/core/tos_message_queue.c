/*
 * Message queue (contract §22): a ring queue of `void *` plus a wait list.
 *
 * A message is stored only when nobody waits. A post that finds waiters
 * writes the message into their TCBs (k_task_t.msg) before waking them, so a
 * handed-over message never sits in the ring and a later flush cannot lose
 * it (§40.29).
 */
#include "knl_private.h"

#if TOS_CFG_MESSAGE_QUEUE_EN > 0u

#define MSG_Q_ITEM_SIZE sizeof(void *)

/*
 * The ring's slots each hold one pointer, moved here with one load or store
 * instead of the ring queue's item copy for any size, and the slot index
 * wraps by a compare instead of a division. The contract takes any buffer
 * as the pool, so a misaligned slot goes through memcpy. Where the core
 * accesses memory at any alignment, memcpy of a pointer compiles to that
 * same single load or store: it serves every slot, without a test.
 * Interrupts disabled.
 */
#if defined(__ARM_FEATURE_UNALIGNED) || defined(__i386__) || defined(__x86_64__)
#define MSG_Q_SLOT_BY_MEMCPY(slot) 1
#else
#define MSG_Q_SLOT_BY_MEMCPY(slot) (((uintptr_t)(slot) & (sizeof(void *) - 1u)) != 0u)
#endif

__STATIC_INLINE__ uint16_t msg_q_slot_next(const k_ring_q_t *ring_q, uint16_t slot)
{
    size_t next = (size_t)slot + 1u;

    return (uint16_t)(next == ring_q->item_cnt ? 0u : next);
}

static k_err_t msg_q_slot_put(k_ring_q_t *ring_q, void *msg_ptr)
{
    k_err_t err = K_ERR_RING_Q_FULL;
    uint8_t *slot = &ring_q->pool[(size_t)ring_q->tail * MSG_Q_ITEM_SIZE];

    if (ring_q->total < ring_q->item_cnt) {
        if (MSG_Q_SLOT_BY_MEMCPY(slot)) {
            memcpy(slot, &msg_ptr, sizeof(msg_ptr));
        } else {
            *(void **)(void *)slot = msg_ptr;
        }
        ring_q->tail = msg_q_slot_next(ring_q, ring_q->tail);
        ++ring_q->total;
        err = K_ERR_NONE;
    }
    return err;
}

/* The queue holds at least one message. */
static void *msg_q_slot_take(k_ring_q_t *ring_q)
{
    void *msg_ptr;
    const uint8_t *slot = &ring_q->pool[(size_t)ring_q->head * MSG_Q_ITEM_SIZE];

    if (MSG_Q_SLOT_BY_MEMCPY(slot)) {
        memcpy(&msg_ptr, slot, sizeof(msg_ptr));
    } else {
        msg_ptr = *(void *const *)(const void *)slot;
    }
    ring_q->head = msg_q_slot_next(ring_q, ring_q->head);
    --ring_q->total;
    return msg_ptr;
}

/* Create-time prologue: there is no tag to verify yet. */
static k_err_t msg_q_create_check(const k_msg_q_t *msg_q)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && msg_q == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

/* Publishes a queue whose ring is already set up. */
static void msg_q_init(k_msg_q_t *msg_q, knl_obj_alloc_type_t alloc_type)
{
    pend_object_init(&msg_q->pend_obj);
    knl_object_init(&msg_q->knl_obj, KNL_OBJ_TYPE_MESSAGE_QUEUE);
    msg_q->knl_obj.alloc_type = alloc_type;
}

/*
 * What tos_ring_q_create() does for the ring, checks and results included,
 * done here with the same inline set-up (ring_q_fields_init()): the queue
 * moves its pointer slots itself, without linking the general ring queue. No critical section, as
 * for the wait list: a queue is not in use while it is being created.
 */
__API__ k_err_t tos_msg_q_create(k_msg_q_t *msg_q, void *pool, size_t msg_cnt)
{
    k_err_t err = msg_q_create_check(msg_q);

    if (err == K_ERR_NONE && pool == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    } else if (err == K_ERR_NONE && msg_cnt > K_RING_Q_ITEM_CNT_MAX) {
        err = K_ERR_OBJ_INVALID;
    }
    if (err == K_ERR_NONE) {
        ring_q_fields_init(&msg_q->ring_q, pool, msg_cnt, MSG_Q_ITEM_SIZE,
                           KNL_OBJ_ALLOC_TYPE_STATIC);
        msg_q_init(msg_q, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_msg_q_create_dyn(k_msg_q_t *msg_q, size_t msg_cnt)
{
    k_err_t err = msg_q_create_check(msg_q);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_create_dyn(&msg_q->ring_q, msg_cnt, MSG_Q_ITEM_SIZE);
    }
    if (err == K_ERR_NONE) {
        msg_q_init(msg_q, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    }
    return err;
}

/*
 * Common body of destroy/destroy_dyn. The ring goes first: if it refuses,
 * nothing else has been touched and the waiters keep waiting.
 */
static k_err_t msg_q_do_destroy(k_msg_q_t *msg_q, knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(msg_q, KNL_OBJ_TYPE_MESSAGE_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (msg_q->knl_obj.alloc_type != alloc_type) {
            err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
        } else if (alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC) {
            err = tos_ring_q_destroy(&msg_q->ring_q);
        } else {
            err = tos_ring_q_destroy_dyn(&msg_q->ring_q);
        }
        if (err == K_ERR_NONE) {
            knl_pend_destroy(&msg_q->pend_obj, cpu_cpsr);
            knl_object_deinit(&msg_q->knl_obj);
            knl_object_alloc_reset(&msg_q->knl_obj);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_msg_q_destroy(k_msg_q_t *msg_q)
{
    return msg_q_do_destroy(msg_q, KNL_OBJ_ALLOC_TYPE_STATIC);
}

__API__ k_err_t tos_msg_q_destroy_dyn(k_msg_q_t *msg_q)
{
    return msg_q_do_destroy(msg_q, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
}

__API__ k_err_t tos_msg_q_flush(k_msg_q_t *msg_q)
{
    k_err_t err = knl_obj_check(msg_q, KNL_OBJ_TYPE_MESSAGE_QUEUE);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_flush(&msg_q->ring_q);
    }
    return err;
}

__API__ k_err_t tos_msg_q_pend(k_msg_q_t *msg_q, void **msg_ptr, k_tick_t timeout)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE) {
        err = knl_obj_arg_check(msg_q, msg_ptr, KNL_OBJ_TYPE_MESSAGE_QUEUE);
    }
    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (msg_q->ring_q.total > 0u) {
            *msg_ptr = msg_q_slot_take(&msg_q->ring_q);
            TOS_CPU_INT_ENABLE();
        } else {
            err = knl_pend_wait(&msg_q->pend_obj, cpu_cpsr, timeout);
            knl_msg_pend_finish(err, msg_ptr);
        }
    }
    return err;
}

static k_err_t msg_q_do_post(k_msg_q_t *msg_q, void *msg_ptr, opt_post_t opt)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(msg_q, KNL_OBJ_TYPE_MESSAGE_QUEUE);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (tos_list_empty(&msg_q->pend_obj.list)) {
            err = msg_q_slot_put(&msg_q->ring_q, msg_ptr);
        } else {
            knl_msg_hand_over(&msg_q->pend_obj, msg_ptr, opt, cpu_cpsr);
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_msg_q_post(k_msg_q_t *msg_q, void *msg_ptr)
{
    return msg_q_do_post(msg_q, msg_ptr, OPT_POST_ONE);
}

__API__ k_err_t tos_msg_q_post_all(k_msg_q_t *msg_q, void *msg_ptr)
{
    return msg_q_do_post(msg_q, msg_ptr, OPT_POST_ALL);
}

#endif /* TOS_CFG_MESSAGE_QUEUE_EN */
