/*
 * Thread-specific data and pthread_once.
 *
 * A key is a slot index plus the slot's generation: a deleted key is
 * refused even once its slot is reused, and a value a thread stored under
 * an older generation reads as NULL, so every key starts NULL in every
 * thread without touching the threads.
 */
#include "posix_private.h"

#if TOS_POSIX_EN

#define PX_KEY_IDX(key)      ((uint32_t)(key)&0xFFu)
#define PX_KEY_GEN(key)      ((uint32_t)(key) >> 8)
#define PX_KEY_MAKE(idx, gn) ((tos_posix_pthread_key_t)(((gn) << 8) | (idx)))
#define PX_KEY_GEN_MASK      0x00FFFFFFu

typedef struct px_key_slot_st {
    uint32_t gen; /* 0: never used */
    uint8_t used;
    void (*destructor)(void *);
} px_key_slot_t;

static px_key_slot_t px_keys[POSIX_CFG_PTHREAD_KEYS_MAX];

/* Waiters for a pthread_once() that another thread is running. */
static pend_obj_t px_once_pend = {{&px_once_pend.list, &px_once_pend.list}};

/* The slot of a live key, or K_NULL (interrupts disabled). */
static px_key_slot_t *px_key_slot(tos_posix_pthread_key_t key)
{
    uint32_t idx = PX_KEY_IDX(key);
    px_key_slot_t *slot = K_NULL;

    if (idx < POSIX_CFG_PTHREAD_KEYS_MAX && px_keys[idx].used &&
        px_keys[idx].gen == PX_KEY_GEN(key)) {
        slot = &px_keys[idx];
    }
    return slot;
}

int tos_posix_pthread_key_create(tos_posix_pthread_key_t *key, void (*destructor)(void *))
{
    uint32_t idx;
    int err = key != K_NULL ? EAGAIN : EINVAL;
    TOS_CPU_CPSR_ALLOC();

    if (err == EAGAIN) {
        TOS_CPU_INT_DISABLE();
        for (idx = 0u; idx < POSIX_CFG_PTHREAD_KEYS_MAX && err != 0; ++idx) {
            if (!px_keys[idx].used) {
                px_keys[idx].gen = (px_keys[idx].gen + 1u) & PX_KEY_GEN_MASK;
                px_keys[idx].gen += px_keys[idx].gen == 0u ? 1u : 0u;
                px_keys[idx].used = K_TRUE;
                px_keys[idx].destructor = destructor;
                *key = PX_KEY_MAKE(idx, px_keys[idx].gen);
                err = 0;
            }
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_key_delete(tos_posix_pthread_key_t key)
{
    px_key_slot_t *slot;
    int err = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    slot = px_key_slot(key);
    if (slot == K_NULL) {
        err = EINVAL;
    } else {
        slot->used = K_FALSE;
        slot->destructor = K_NULL;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

void *tos_posix_pthread_getspecific(tos_posix_pthread_key_t key)
{
    px_thread_t *self = px_self();
    void *value = K_NULL;
    TOS_CPU_CPSR_ALLOC();

    if (self != K_NULL) {
        TOS_CPU_INT_DISABLE();
        if (px_key_slot(key) != K_NULL && self->tsd_gen[PX_KEY_IDX(key)] == PX_KEY_GEN(key)) {
            value = self->tsd[PX_KEY_IDX(key)];
        }
        TOS_CPU_INT_ENABLE();
    }
    return value;
}

int tos_posix_pthread_setspecific(tos_posix_pthread_key_t key, const void *value)
{
    px_thread_t *self = px_self();
    int err = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (px_key_slot(key) == K_NULL) {
        err = EINVAL;
    } else if (self == K_NULL) {
        err = ENOMEM; /* no storage for values outside a POSIX thread */
    } else {
        self->tsd[PX_KEY_IDX(key)] = (void *)(uintptr_t)value;
        self->tsd_gen[PX_KEY_IDX(key)] = PX_KEY_GEN(key);
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

/* The value of slot idx that a destructor must see, or K_NULL (interrupts disabled). */
static void *px_key_destructible(const px_thread_t *t, uint32_t idx)
{
    const px_key_slot_t *slot = &px_keys[idx];

    return (slot->used && slot->destructor != K_NULL && t->tsd_gen[idx] == slot->gen) ? t->tsd[idx]
                                                                                      : K_NULL;
}

int px_key_has_destructible(const px_thread_t *t)
{
    uint32_t idx;
    int found = K_FALSE;

    for (idx = 0u; idx < POSIX_CFG_PTHREAD_KEYS_MAX && !found; ++idx) {
        found = px_key_destructible(t, idx) != K_NULL;
    }
    return found;
}

/* One pass over the keys; non-zero if a destructor ran. */
static int px_key_destructor_pass(px_thread_t *t)
{
    uint32_t idx;
    void *value;
    void (*destructor)(void *);
    int ran = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    for (idx = 0u; idx < POSIX_CFG_PTHREAD_KEYS_MAX; ++idx) {
        TOS_CPU_INT_DISABLE();
        value = px_key_destructible(t, idx);
        destructor = px_keys[idx].destructor;
        if (value != K_NULL) {
            t->tsd[idx] = K_NULL; /* cleared first, as POSIX requires */
        }
        TOS_CPU_INT_ENABLE();
        if (value != K_NULL) {
            destructor(value);
            ran = K_TRUE;
        }
    }
    return ran;
}

void px_key_run_destructors(px_thread_t *t)
{
    uint32_t pass;

    for (pass = 0u; pass < POSIX_CFG_PTHREAD_DESTRUCTOR_ITERATIONS; ++pass) {
        if (!px_key_destructor_pass(t)) {
            break;
        }
    }
}

/* ---- pthread_once ------------------------------------------------------------- */

#define PX_ONCE_INIT    0
#define PX_ONCE_RUNNING 1
#define PX_ONCE_DONE    2

/* Sets the state, wakes every waiter (interrupts enabled). */
static void px_once_settle(tos_posix_pthread_once_t *once, int state)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    once->state = state;
    once->runner = K_NULL;
    pend_wakeup_all(&px_once_pend, PEND_STATE_POST);
    knl_sched();
    TOS_CPU_INT_ENABLE();
}

/* Cleanup handler: the init routine was cancelled; the next caller runs it. */
static void px_once_abandon(void *arg)
{
    px_once_settle((tos_posix_pthread_once_t *)arg, PX_ONCE_INIT);
}

static void px_once_run(tos_posix_pthread_once_t *once, void (*init_routine)(void))
{
    pthread_cleanup_push(px_once_abandon, once);
    init_routine();
    pthread_cleanup_pop(0);
    px_once_settle(once, PX_ONCE_DONE);
}

int tos_posix_pthread_once(tos_posix_pthread_once_t *once_control, void (*init_routine)(void))
{
    k_task_t *self = tos_task_curr_task_get();
    int err = px_ctx_check();
    int done = K_FALSE;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0 && (once_control == K_NULL || init_routine == K_NULL)) {
        err = EINVAL;
    }
    while (err == 0 && !done) {
        TOS_CPU_INT_DISABLE();
        if (once_control->state == PX_ONCE_DONE) {
            done = K_TRUE;
            TOS_CPU_INT_ENABLE();
        } else if (once_control->state == PX_ONCE_INIT) {
            once_control->state = PX_ONCE_RUNNING;
            once_control->runner = self;
            TOS_CPU_INT_ENABLE();
            px_once_run(once_control, init_routine);
            done = K_TRUE;
        } else if (once_control->runner == self) {
            err = EDEADLK;
            TOS_CPU_INT_ENABLE();
        } else if (!px_can_block()) {
            err = EPERM;
            TOS_CPU_INT_ENABLE();
        } else if (px_wait(&px_once_pend, K_NULL, cpu_cpsr, PX_WAIT_PLAIN) == PX_WAKE_CANCEL) {
            px_cancel_point();
        }
    }
    return err;
}

#endif /* TOS_POSIX_EN */
