/* Kernel system API (contract §9): init, start, ISR bracketing, scheduler lock. */
#ifndef _TOS_SYS_H_
#define _TOS_SYS_H_

__CDECLS_BEGIN

#define K_NESTING_LIMIT_IRQ        (k_nesting_t)250u
#define K_NESTING_LIMIT_SCHED_LOCK (k_nesting_t)250u

/* One byte on every compiler that packs enums: the kernel keeps it in a word with the counters. */
typedef enum __PACKED__ knl_state_en {
    KNL_STATE_STOPPED,
    KNL_STATE_RUNNING,
} knl_state_t;

/*
 * Tern: the storage of k_knl_state, k_sched_lock_nest_cnt and k_irq_nest_cnt
 * (contract §38.1), which are the bytes of this word (kernel/core/knl_private.h
 * says why). Applications use the contract's names; the word is public only
 * for the inline ISR bracket below.
 */
typedef union knl_status_un {
    struct {
        knl_state_t state;
        k_nesting_t lock;
        k_nesting_t irq;
        uint8_t spare; /* always 0 */
    } b;
    uint32_t word;
} knl_status_t;

/* The ready queue (tos_sched.h), here because the core block below holds it. */
#define K_PRIO_TBL_SIZE      ((TOS_CFG_TASK_PRIO_MAX + 31) / 32)
#define K_PRIO_TBL_SLOT_SIZE (8u * sizeof(uint32_t))
#define K_PRIO_NDX(prio)     ((prio) >> 5u)
/* MSB-first: priority 0 is bit 31 of word 0, so clz gives the priority. */
#define K_PRIO_BIT(prio) \
    ((uint32_t)1u << (K_PRIO_TBL_SLOT_SIZE - 1u - ((prio) & (K_PRIO_TBL_SLOT_SIZE - 1u))))

typedef struct readyqueue_st {
    k_list_t task_list_head[TOS_CFG_TASK_PRIO_MAX];
    uint32_t prio_mask[K_PRIO_TBL_SIZE];
    k_prio_t highest_prio;
} readyqueue_t;

/*
 * Tern: the kernel's core state in one block, so that a function touching
 * several of these reaches them all from one base address (one literal
 * and one load instead of one per variable). The contract's names (§38.1)
 * are symbols of their own, with their own types and sizes, at the members
 * (kernel/core/tos_global.c): k_knl_state, k_sched_lock_nest_cnt and
 * k_irq_nest_cnt at the bytes of `status`, k_curr_task, k_tick_count,
 * k_tick_list, k_stat_list, k_rdyq. Applications use those names; kernel
 * code uses the members (knl_private.h), and the block is public only for
 * the inline ISR bracket below. The event-driven mode has no tasks: its
 * block is the status word alone. A port may keep the ready queue apart
 * (PORT_CORE_RDYQ_APART: an ISA whose indexed loads take no offset), or
 * everything but the status word (PORT_CORE_APART: an ISA that reaches
 * small variables in one instruction, the block in two).
 */
#if (TOS_CFG_EVENT_DRIVEN_EN == 0u) && !defined(PORT_CORE_APART)
#define KNL_CORE_TASKS 1
#else
#define KNL_CORE_TASKS 0
#endif
#if KNL_CORE_TASKS && !defined(PORT_CORE_RDYQ_APART)
#define KNL_CORE_RDYQ 1
#else
#define KNL_CORE_RDYQ 0
#endif

typedef struct knl_core_st {
    knl_status_t status;
#if KNL_CORE_TASKS
    struct k_task_st *curr_task;
    k_tick_t tick_count;
    k_list_t tick_list; /* tick_list, stat_list and the ready lists: one run of list heads */
    k_list_t stat_list;
#endif
#if KNL_CORE_RDYQ
    readyqueue_t rdyq;
#endif
} knl_core_t;

extern knl_core_t k_knl_core;

/* Type tags (contract §7.1): destroy resets the tag, so stale use is caught. */
typedef enum knl_obj_type_en {
    KNL_OBJ_TYPE_NONE = 0x0000,

    KNL_OBJ_TYPE_BINARY_HEAP = 0xDAD0,
    KNL_OBJ_TYPE_BITMAP = 0xDAD1,
    KNL_OBJ_TYPE_CHAR_FIFO = 0xDAD2,
    KNL_OBJ_TYPE_MMBLK_POOL = 0xDAD3,
    KNL_OBJ_TYPE_MSG_QUEUE = 0xDAD4,
    KNL_OBJ_TYPE_PRIORITY_QUEUE = 0xDAD5,
    KNL_OBJ_TYPE_RING_QUEUE = 0xDAD6,
    KNL_OBJ_TYPE_STOPWATCH = 0xDAD7,
    KNL_OBJ_TYPE_TASK = 0xDAD8,
    KNL_OBJ_TYPE_TIMER = 0xDAD9,

    KNL_OBJ_TYPE_BARRIER = 0x0BEE,
    KNL_OBJ_TYPE_COMPLETION = 0x1BEE,
    KNL_OBJ_TYPE_COUNTDOWNLATCH = 0x2BEE,
    KNL_OBJ_TYPE_EVENT = 0x3BEE,
    KNL_OBJ_TYPE_MAIL_QUEUE = 0x4BEE,
    KNL_OBJ_TYPE_MESSAGE_QUEUE = 0x5BEE,
    KNL_OBJ_TYPE_MUTEX = 0x6BEE,
    KNL_OBJ_TYPE_PRIORITY_MAIL_QUEUE = 0x7BEE,
    KNL_OBJ_TYPE_PRIORITY_MESSAGE_QUEUE = 0x8BEE,
    KNL_OBJ_TYPE_RWLOCK = 0x9BEE,
    KNL_OBJ_TYPE_SEMAPHORE = 0xABEE,
} knl_obj_type_t;

typedef enum knl_obj_alloc_type_en {
    KNL_OBJ_ALLOC_TYPE_NONE,
    KNL_OBJ_ALLOC_TYPE_STATIC,
    KNL_OBJ_ALLOC_TYPE_DYNAMIC,
} knl_obj_alloc_type_t;

typedef struct knl_object_st {
    knl_obj_alloc_type_t alloc_type;
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    knl_obj_type_t type;
#endif
} knl_obj_t;

/*
 * Initializes the kernel: port, ready queue, heap (default pool), idle task,
 * timer task (task-mode timers). Call once, before tos_knl_start().
 * Errors: those of tos_mmheap_pool_add() for the default pool, those of
 * tos_task_create() for the idle and timer tasks.
 */
__API__ k_err_t tos_knl_init(void);

/*
 * Starts the highest-priority ready task; does not return on success.
 * Errors: K_ERR_KNL_RUNNING if already started.
 */
__API__ k_err_t tos_knl_start(void);

/* Non-zero iff tos_knl_start() has run. */
__API__ int tos_knl_is_running(void);

/*
 * Bracket every ISR that calls the kernel: enter first, leave last. Enter
 * counts the nesting (ignored beyond K_NESTING_LIMIT_IRQ levels), leave
 * counts it down; both do nothing before tos_knl_start() and in a foreign
 * context (§9.5). No errors.
 *
 * Tern: the calls are expanded inline (the macros below), since they are
 * on every interrupt's path; the functions exist as well, for their
 * addresses and for `(tos_knl_irq_enter)()`.
 */
__API__ void tos_knl_irq_enter(void);
__API__ void tos_knl_irq_leave(void);

/*
 * The compiler barriers stand for the call an inline expansion replaces:
 * the contract's k_irq_nest_cnt is another name of the byte written here,
 * and code around the bracket that reads it must read it anew.
 */
#if defined(__GNUC__)
#define KNL_IRQ_BRACKET_BARRIER() __asm__ volatile("" : : : "memory")
#else
#define KNL_IRQ_BRACKET_BARRIER() ((void)0)
#endif

/*
 * The bodies of both forms. No critical section: a nested ISR that lands
 * inside the read-modify-write leaves the count as it found it; beyond the
 * limit the step up is ignored (§40.10).
 */
__STATIC_INLINE__ void knl_irq_enter_inline(void)
{
    KNL_IRQ_BRACKET_BARRIER();
    if (k_knl_core.status.b.state == KNL_STATE_RUNNING && !cpu_is_foreign_context() &&
        k_knl_core.status.b.irq < K_NESTING_LIMIT_IRQ) {
        ++k_knl_core.status.b.irq;
    }
    KNL_IRQ_BRACKET_BARRIER();
}

__STATIC_INLINE__ void knl_irq_leave_inline(void)
{
    KNL_IRQ_BRACKET_BARRIER();
    if (k_knl_core.status.b.state == KNL_STATE_RUNNING && !cpu_is_foreign_context() &&
        k_knl_core.status.b.irq > 0u) {
        --k_knl_core.status.b.irq;
    }
    KNL_IRQ_BRACKET_BARRIER();
}

/* Only where the barrier exists: elsewhere the calls stay calls. */
#if defined(__GNUC__)
#define tos_knl_irq_enter() knl_irq_enter_inline()
#define tos_knl_irq_leave() knl_irq_leave_inline()
#endif

/*
 * Stops task switching (interrupts stay enabled); nests.
 * Errors: K_ERR_IN_IRQ, K_ERR_KNL_NOT_RUNNING, K_ERR_LOCK_NESTING_OVERFLOW
 * (250 levels).
 */
__API__ k_err_t tos_knl_sched_lock(void);

/*
 * Undoes one tos_knl_sched_lock(); switches when the count reaches 0.
 * Errors: K_ERR_IN_IRQ, K_ERR_KNL_NOT_RUNNING, K_ERR_SCHED_NOT_LOCKED.
 */
__API__ k_err_t tos_knl_sched_unlock(void);

/* ---- kernel-internal, declared for the ports and adapters ---------------- */

/* Re-evaluates the highest ready task and requests a switch if needed. */
__KNL__ void knl_sched(void);

__KNL__ int knl_is_sched_locked(void);
__KNL__ int knl_is_inirq(void);
__KNL__ int knl_is_idle(k_task_t *task);
__KNL__ int knl_is_self(k_task_t *task);

/*
 * Ticks until the earliest pending deadline (tick list and procedure-mode
 * software timers): 0 if one is already due, TOS_TIME_FOREVER if none.
 * Used by the host simulator's virtual clock and by tickless idle.
 */
__KNL__ k_tick_t knl_next_expires_get(void);

__STATIC_INLINE__ int knl_object_verify(knl_obj_t *knl_obj, knl_obj_type_t type)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    return knl_obj->type == type;
#else
    (void)knl_obj;
    (void)type;
    return K_TRUE;
#endif
}

__STATIC_INLINE__ void knl_object_init(knl_obj_t *knl_obj, knl_obj_type_t type)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    knl_obj->type = type;
#else
    (void)knl_obj;
    (void)type;
#endif
}

__STATIC_INLINE__ void knl_object_deinit(knl_obj_t *knl_obj)
{
#if TOS_CFG_OBJECT_VERIFY_EN > 0u
    knl_obj->type = KNL_OBJ_TYPE_NONE;
#else
    (void)knl_obj;
#endif
}

__STATIC_INLINE__ void knl_object_alloc_reset(knl_obj_t *knl_obj)
{
    knl_obj->alloc_type = KNL_OBJ_ALLOC_TYPE_NONE;
}

__STATIC_INLINE__ void knl_object_alloc_set_dynamic(knl_obj_t *knl_obj)
{
    knl_obj->alloc_type = KNL_OBJ_ALLOC_TYPE_DYNAMIC;
}

__STATIC_INLINE__ void knl_object_alloc_set_static(knl_obj_t *knl_obj)
{
    knl_obj->alloc_type = KNL_OBJ_ALLOC_TYPE_STATIC;
}

__STATIC_INLINE__ int knl_object_alloc_is_dynamic(knl_obj_t *knl_obj)
{
    return knl_obj->alloc_type == KNL_OBJ_ALLOC_TYPE_DYNAMIC;
}

__STATIC_INLINE__ int knl_object_alloc_is_static(knl_obj_t *knl_obj)
{
    return knl_obj->alloc_type == KNL_OBJ_ALLOC_TYPE_STATIC;
}

__CDECLS_END

#endif /* _TOS_SYS_H_ */
