/*
 * Semaphores: a count and a wait list. A post hands its unit straight to
 * the most urgent waiter (FIFO among equals), so a woken waiter owns it.
 *
 * Named semaphores live in heap records on a list: sem_open finds or
 * creates one and counts the opener, sem_unlink removes the name, the
 * record goes when it has no name and no opener.
 */
#include <stdarg.h>

#include "posix_private.h"

#if TOS_POSIX_EN

#define PX_SEM_MUST_WAIT (-1)

typedef struct px_named_sem_st {
    k_list_t node;  /* in px_named_sems */
    uint32_t refs;  /* sem_open calls not yet closed */
    uint8_t linked; /* the name still designates it */
    tos_posix_sem_t sem;
    char name[POSIX_CFG_NAME_MAX + 1u];
} px_named_sem_t;

static k_list_t px_named_sems = {&px_named_sems, &px_named_sems};
static uint32_t px_named_sem_count;

static int px_errno_ret(int err)
{
    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

static int px_sem_ok(const tos_posix_sem_t *sem)
{
    return sem != K_NULL && sem->magic == TOS_POSIX_MAGIC_SEM;
}

int tos_posix_sem_init(tos_posix_sem_t *sem, int pshared, unsigned value)
{
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    (void)pshared; /* one address space: shared or not is the same */
    if (err == 0 && (sem == K_NULL || value > (unsigned)SEM_VALUE_MAX)) {
        err = EINVAL;
    }
    if (err == 0) {
        /* The storage is not read: it may hold anything (POSIX: re-init is undefined). */
        TOS_CPU_INT_DISABLE();
        sem->value = value;
        sem->named = K_NULL;
        pend_object_init(&sem->pend);
        sem->magic = TOS_POSIX_MAGIC_SEM;
        TOS_CPU_INT_ENABLE();
    }
    return px_errno_ret(err);
}

int tos_posix_sem_destroy(tos_posix_sem_t *sem)
{
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && (!px_sem_ok(sem) || sem->named != K_NULL)) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!pend_is_nopending(&sem->pend)) {
            err = EBUSY;
        } else {
            sem->magic = 0u;
        }
        TOS_CPU_INT_ENABLE();
    }
    return px_errno_ret(err);
}

/* One attempt (interrupts disabled): 0, EAGAIN for trywait, or PX_SEM_MUST_WAIT. */
static int px_sem_try(tos_posix_sem_t *sem, int try)
{
    int err = PX_SEM_MUST_WAIT;

    if (sem->value > 0u) {
        --sem->value;
        err = 0;
    } else if (try) {
        err = EAGAIN;
    }
    return err;
}

static int px_sem_wake_err(px_wake_t wake)
{
    int err = EINVAL; /* destroyed or closed under us */

    if (wake == PX_WAKE_POST) {
        err = 0;
    } else if (wake == PX_WAKE_TIMEOUT) {
        err = PX_SEM_MUST_WAIT;
    } else if (wake == PX_WAKE_EXPIRED) {
        err = ETIMEDOUT;
    } else if (wake == PX_WAKE_CANCEL) {
        err = ECANCELED;
    }
    return err;
}

/*
 * to: NULL waits forever; bad_abstime: the caller's abstime was invalid,
 * which POSIX reports only if the call would block.
 */
static int px_sem_take(tos_posix_sem_t *sem, int try, const px_timeout_t *to, int bad_abstime)
{
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && !px_sem_ok(sem)) {
        err = EINVAL;
    }
    if (err == 0 && !try && !px_in_isr()) {
        px_cancel_point();
    }
    err = err == 0 ? PX_SEM_MUST_WAIT : err;
    while (err == PX_SEM_MUST_WAIT) {
        TOS_CPU_INT_DISABLE();
        err = px_sem_try(sem, try);
        if (err == PX_SEM_MUST_WAIT && (bad_abstime || !px_can_block())) {
            err = bad_abstime ? EINVAL : EPERM;
        }
        if (err == PX_SEM_MUST_WAIT) {
            /* On POST the poster gave us its unit. */
            err = px_sem_wake_err(px_wait(&sem->pend, to, cpu_cpsr, PX_WAIT_CANCEL_POINT));
        } else {
            TOS_CPU_INT_ENABLE();
        }
    }
    if (err == ECANCELED) {
        px_cancel_point();
    }
    return px_errno_ret(err);
}

int tos_posix_sem_wait(tos_posix_sem_t *sem)
{
    return px_sem_take(sem, K_FALSE, K_NULL, K_FALSE);
}

int tos_posix_sem_trywait(tos_posix_sem_t *sem)
{
    return px_sem_take(sem, K_TRUE, K_NULL, K_FALSE);
}

int tos_posix_sem_clockwait(tos_posix_sem_t *sem, clockid_t clock_id,
                            const struct timespec *abstime)
{
    px_timeout_t to;
    int err = px_clock_valid(clock_id) ? 0 : EINVAL;
    int rc = -1;

    if (err == 0) {
        rc = px_sem_take(sem, K_FALSE, &to, px_timeout_abs(&to, clock_id, abstime) != 0);
    } else {
        errno = err;
    }
    return rc;
}

int tos_posix_sem_timedwait(tos_posix_sem_t *sem, const struct timespec *abstime)
{
    return tos_posix_sem_clockwait(sem, CLOCK_REALTIME, abstime);
}

int tos_posix_sem_post(tos_posix_sem_t *sem)
{
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && !px_sem_ok(sem)) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!pend_is_nopending(&sem->pend)) {
            pend_wakeup_one(&sem->pend, PEND_STATE_POST); /* the unit goes to the waiter */
            knl_sched();
        } else if (sem->value >= (uint32_t)SEM_VALUE_MAX) {
            err = EOVERFLOW;
        } else {
            ++sem->value;
        }
        TOS_CPU_INT_ENABLE();
    }
    return px_errno_ret(err);
}

int tos_posix_sem_getvalue(tos_posix_sem_t *sem, int *sval)
{
    int err = px_ctx_check();

    if (err == 0 && (!px_sem_ok(sem) || sval == K_NULL)) {
        err = EINVAL;
    }
    if (err == 0) {
        *sval = (int)sem->value;
    }
    return px_errno_ret(err);
}

/* ---- named semaphores ------------------------------------------------------------ */

/* The linked record named `name`, or K_NULL (interrupts disabled). */
static px_named_sem_t *px_named_find(const char *name)
{
    px_named_sem_t *rec;
    px_named_sem_t *found = K_NULL;

    TOS_LIST_FOR_EACH_ENTRY(rec, px_named_sem_t, node, &px_named_sems) {
        if (rec->linked && strcmp(rec->name, name) == 0) {
            found = rec;
            break;
        }
    }
    return found;
}

/* Checks a name: 0, EINVAL (NULL or empty) or ENAMETOOLONG. */
static int px_name_check(const char *name)
{
    size_t len = px_name_len(name);
    int err = 0;

    if (len == 0u) {
        err = EINVAL;
    } else if (len > POSIX_CFG_NAME_MAX) {
        err = ENAMETOOLONG;
    }
    return err;
}

static px_named_sem_t *px_named_new(const char *name, unsigned value)
{
    px_named_sem_t *rec = (px_named_sem_t *)px_alloc(sizeof(px_named_sem_t));

    if (rec != K_NULL) {
        memset(rec, 0, sizeof(*rec));
        strcpy(rec->name, name);
        rec->refs = 1u;
        rec->linked = K_TRUE;
        rec->sem.value = value;
        rec->sem.named = rec;
        pend_object_init(&rec->sem.pend);
        rec->sem.magic = TOS_POSIX_MAGIC_SEM;
    }
    return rec;
}

/*
 * Finds `name` or publishes `fresh` under it (interrupts disabled inside).
 * Returns the record to use, or K_NULL with *err set.
 */
static px_named_sem_t *px_named_publish(const char *name, int oflag, px_named_sem_t *fresh,
                                        int *err)
{
    px_named_sem_t *rec;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    rec = px_named_find(name);
    if (rec != K_NULL && (oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
        *err = EEXIST;
        rec = K_NULL;
    } else if (rec != K_NULL) {
        ++rec->refs;
    } else if ((oflag & O_CREAT) == 0) {
        *err = ENOENT;
    } else if (fresh == K_NULL) {
        *err = ENOMEM;
    } else if (px_named_sem_count >= POSIX_CFG_SEM_NSEMS_MAX) {
        *err = ENOSPC;
    } else {
        ++px_named_sem_count;
        tos_list_add_tail(&fresh->node, &px_named_sems);
        rec = fresh;
    }
    TOS_CPU_INT_ENABLE();
    return rec;
}

tos_posix_sem_t *tos_posix_sem_open(const char *name, int oflag, ...)
{
    px_named_sem_t *fresh = K_NULL;
    px_named_sem_t *rec = K_NULL;
    unsigned value = 0u;
    va_list ap;
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : px_name_check(name);

    if (err == 0 && (oflag & O_CREAT) != 0) {
        va_start(ap, oflag);
        /* mode_t is ignored; read it with the promoted type it was passed as. */
        if (sizeof(mode_t) <= sizeof(unsigned int)) {
            (void)va_arg(ap, unsigned int);
        } else {
            (void)va_arg(ap, unsigned long);
        }
        value = va_arg(ap, unsigned int);
        va_end(ap);
        err = value > (unsigned)SEM_VALUE_MAX ? EINVAL : 0;
        /* Allocated before the lookup: the heap must not be used with interrupts off. */
        fresh = err == 0 ? px_named_new(name, value) : K_NULL;
    }
    if (err == 0) {
        rec = px_named_publish(name, oflag, fresh, &err);
    }
    if (rec != fresh) {
        px_free(fresh);
    }
    if (err != 0) {
        errno = err;
    }
    return rec != K_NULL ? &rec->sem : SEM_FAILED;
}

/* The record of an open named semaphore, or K_NULL (interrupts disabled). */
static px_named_sem_t *px_named_of(const tos_posix_sem_t *sem)
{
    px_named_sem_t *rec;
    px_named_sem_t *found = K_NULL;

    TOS_LIST_FOR_EACH_ENTRY(rec, px_named_sem_t, node, &px_named_sems) {
        if (&rec->sem == sem && rec->refs > 0u) {
            found = rec;
            break;
        }
    }
    return found;
}

/* Drops a record with no name and no opener (interrupts disabled); returns it to free. */
static px_named_sem_t *px_named_drop_if_unused(px_named_sem_t *rec)
{
    px_named_sem_t *gone = K_NULL;

    if (!rec->linked && rec->refs == 0u) {
        tos_list_del(&rec->node);
        --px_named_sem_count;
        rec->sem.magic = 0u;
        /* Waiters of a semaphore nobody has open any more cannot be woken otherwise. */
        pend_wakeup_all(&rec->sem.pend, PEND_STATE_DESTROY);
        knl_sched();
        gone = rec;
    }
    return gone;
}

int tos_posix_sem_close(tos_posix_sem_t *sem)
{
    px_named_sem_t *rec;
    px_named_sem_t *gone = K_NULL;
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        rec = px_named_of(sem);
        if (rec == K_NULL) {
            err = EINVAL;
        } else {
            --rec->refs;
            gone = px_named_drop_if_unused(rec);
        }
        TOS_CPU_INT_ENABLE();
        px_free(gone);
    }
    return px_errno_ret(err);
}

int tos_posix_sem_unlink(const char *name)
{
    px_named_sem_t *rec;
    px_named_sem_t *gone = K_NULL;
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : px_name_check(name);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        rec = px_named_find(name);
        if (rec == K_NULL) {
            err = ENOENT;
        } else {
            rec->linked = K_FALSE;
            gone = px_named_drop_if_unused(rec);
        }
        TOS_CPU_INT_ENABLE();
        px_free(gone);
    }
    return px_errno_ret(err);
}

#endif /* TOS_POSIX_EN */
