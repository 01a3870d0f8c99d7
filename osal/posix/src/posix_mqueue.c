/*
 * Message queues.
 *
 * A queue is one heap block: the queue, then mq_maxmsg slots of
 * (header + mq_msgsize bytes). Queued slots sit in one list per priority
 * (a bitmap finds the most urgent in O(1)), FIFO within a priority; the
 * others in a free list. Bytes are copied outside critical sections: a
 * sender first takes a free slot, fills it, then publishes it; a receiver
 * takes the oldest most urgent slot, copies it out, then frees it. Blocked
 * parties are served directly: publishing hands the slot to the most
 * urgent waiting receiver, freeing hands it to the most urgent waiting
 * sender, each recorded in the waiter's record on its own stack.
 *
 * Descriptors come from a static table of POSIX_CFG_MQ_OPEN_MAX entries.
 */
#include <stdarg.h>

#include "posix_private.h"

#if TOS_POSIX_EN

#define PX_MQD_MAGIC 0x504D5144u
#define PX_MQ_ALIGN  8u
#define PX_MQ_AGAIN  (-1) /* internal: wait and try again */

typedef struct px_mq_msg_st {
    k_list_t node; /* in a priority list or the free list */
    size_t len;
    unsigned prio;
} px_mq_msg_t;

/* A blocked sender or receiver; msg is set by whoever serves it. */
typedef struct px_mq_waiter_st {
    k_list_t node;
    k_task_t *task;
    px_mq_msg_t *msg;
} px_mq_waiter_t;

typedef struct px_mq_st {
    k_list_t node;  /* in px_mqs */
    uint32_t refs;  /* open descriptors */
    uint8_t linked; /* the name still designates it */
    long maxmsg;
    long msgsize;
    long curmsgs;
    size_t slot_size;
    k_list_t free;
    k_list_t prio_q[MQ_PRIO_MAX];
    uint32_t prio_map; /* bit p set: prio_q[p] is not empty */
    pend_obj_t recv_pend;
    pend_obj_t send_pend;
    k_list_t recv_waiters;
    k_list_t send_waiters;
    px_notifier_t *notify;                  /* SIGEV_THREAD registration */
    struct tos_posix_mqd_st *notify_holder; /* the registering descriptor, K_NULL if none */
    char name[POSIX_CFG_NAME_MAX + 1u];
} px_mq_t;

struct tos_posix_mqd_st {
    uint32_t magic;
    int flags; /* access mode and O_NONBLOCK */
    px_mq_t *mq;
};

static struct tos_posix_mqd_st px_mqds[POSIX_CFG_MQ_OPEN_MAX];
static k_list_t px_mqs = {&px_mqs, &px_mqs};

static int px_errno_ret(int err)
{
    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

static px_mq_msg_t *px_mq_slot(px_mq_t *q, long i)
{
    return (px_mq_msg_t *)(void *)((uint8_t *)(q + 1) + (size_t)i * q->slot_size);
}

static void *px_mq_data(px_mq_msg_t *msg)
{
    return (void *)(msg + 1);
}

/* ---- descriptors and names (interrupts disabled) ------------------------------------- */

static int px_mqd_ok(const struct tos_posix_mqd_st *d)
{
    uintptr_t at = (uintptr_t)d;
    uintptr_t base = (uintptr_t)&px_mqds[0];

    return at >= base && at < base + sizeof(px_mqds) && (at - base) % sizeof(px_mqds[0]) == 0u &&
           d->magic == PX_MQD_MAGIC;
}

static struct tos_posix_mqd_st *px_mqd_free_slot(void)
{
    uint32_t i;
    struct tos_posix_mqd_st *d = K_NULL;

    for (i = 0u; i < POSIX_CFG_MQ_OPEN_MAX && d == K_NULL; ++i) {
        if (px_mqds[i].magic != PX_MQD_MAGIC) {
            d = &px_mqds[i];
        }
    }
    return d;
}

static px_mq_t *px_mq_find(const char *name)
{
    px_mq_t *q;
    px_mq_t *found = K_NULL;

    TOS_LIST_FOR_EACH_ENTRY(q, px_mq_t, node, &px_mqs) {
        if (q->linked && strcmp(q->name, name) == 0) {
            found = q;
            break;
        }
    }
    return found;
}

/* The waiter record of task in list (it is there when task waits on the queue). */
static px_mq_waiter_t *px_mq_waiter_of(k_list_t *list, const k_task_t *task)
{
    px_mq_waiter_t *w;
    px_mq_waiter_t *found = K_NULL;

    TOS_LIST_FOR_EACH_ENTRY(w, px_mq_waiter_t, node, list) {
        if (w->task == task) {
            found = w;
            break;
        }
    }
    return found;
}

/* Hands msg to the most urgent waiter of pend (record in list); 0 if nobody waits. */
static int px_mq_serve(pend_obj_t *pend, k_list_t *list, px_mq_msg_t *msg)
{
    k_task_t *task = pend_highest_pending_task_get(pend);
    px_mq_waiter_t *w = task != K_NULL ? px_mq_waiter_of(list, task) : K_NULL;

    if (w != K_NULL) {
        tos_list_del_init(&w->node);
        w->msg = msg;
        pend_task_wakeup(task, PEND_STATE_POST);
        knl_sched();
    }
    return w != K_NULL;
}

/* Drops a queue with no name and no descriptor; returns it to free. */
static px_mq_t *px_mq_drop_if_unused(px_mq_t *q)
{
    px_mq_waiter_t *w;
    px_mq_waiter_t *tmp;
    px_mq_t *gone = K_NULL;

    if (!q->linked && q->refs == 0u) {
        tos_list_del(&q->node);
        /* Anyone still blocked used a closed descriptor: send them away. */
        TOS_LIST_FOR_EACH_ENTRY_SAFE(w, tmp, px_mq_waiter_t, node, &q->recv_waiters) {
            tos_list_del_init(&w->node);
        }
        TOS_LIST_FOR_EACH_ENTRY_SAFE(w, tmp, px_mq_waiter_t, node, &q->send_waiters) {
            tos_list_del_init(&w->node);
        }
        pend_wakeup_all(&q->recv_pend, PEND_STATE_DESTROY);
        pend_wakeup_all(&q->send_pend, PEND_STATE_DESTROY);
        knl_sched();
        gone = q;
    }
    return gone;
}

/* ---- open, close, unlink ------------------------------------------------------------ */

static px_mq_t *px_mq_new(const char *name, long maxmsg, long msgsize)
{
    size_t slot_size =
        (sizeof(px_mq_msg_t) + (size_t)msgsize + PX_MQ_ALIGN - 1u) & ~(size_t)(PX_MQ_ALIGN - 1u);
    px_mq_t *q = K_NULL;
    long i;

    if ((size_t)maxmsg <= (SIZE_MAX - sizeof(px_mq_t)) / slot_size &&
        (size_t)msgsize < SIZE_MAX / 2u) {
        q = (px_mq_t *)px_alloc(sizeof(px_mq_t) + (size_t)maxmsg * slot_size);
    }
    if (q != K_NULL) {
        memset(q, 0, sizeof(*q));
        strcpy(q->name, name);
        q->linked = K_TRUE;
        q->maxmsg = maxmsg;
        q->msgsize = msgsize;
        q->slot_size = slot_size;
        tos_list_init(&q->free);
        for (i = 0; i < MQ_PRIO_MAX; ++i) {
            tos_list_init(&q->prio_q[i]);
        }
        for (i = 0; i < maxmsg; ++i) {
            tos_list_add_tail(&px_mq_slot(q, i)->node, &q->free);
        }
        pend_object_init(&q->recv_pend);
        pend_object_init(&q->send_pend);
        tos_list_init(&q->recv_waiters);
        tos_list_init(&q->send_waiters);
    }
    return q;
}

/* Reads mq_open's optional arguments and allocates the queue O_CREAT may need. */
static int px_mq_open_args(const char *name, int oflag, va_list ap, px_mq_t **fresh)
{
    const struct tos_posix_mq_attr *attr;
    long maxmsg = POSIX_CFG_MQ_MAXMSG_DEFAULT;
    long msgsize = POSIX_CFG_MQ_MSGSIZE_DEFAULT;
    int err = 0;

    if ((oflag & O_CREAT) != 0) {
        /* mode_t is ignored; read it with the promoted type it was passed as. */
        if (sizeof(mode_t) <= sizeof(unsigned int)) {
            (void)va_arg(ap, unsigned int);
        } else {
            (void)va_arg(ap, unsigned long);
        }
        attr = va_arg(ap, const struct tos_posix_mq_attr *);
        if (attr != K_NULL) {
            maxmsg = attr->mq_maxmsg;
            msgsize = attr->mq_msgsize;
        }
        err = (maxmsg <= 0 || msgsize <= 0) ? EINVAL : 0;
        /* Allocated before the lookup: no heap work with interrupts off. */
        *fresh = err == 0 ? px_mq_new(name, maxmsg, msgsize) : K_NULL;
    }
    return err;
}

/* Finds or publishes the queue and fills a descriptor (interrupts disabled inside). */
static struct tos_posix_mqd_st *px_mq_attach(const char *name, int oflag, px_mq_t *fresh, int *err)
{
    px_mq_t *q;
    struct tos_posix_mqd_st *d = K_NULL;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    q = px_mq_find(name);
    if (q != K_NULL && (oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
        *err = EEXIST;
    } else if (q == K_NULL && (oflag & O_CREAT) == 0) {
        *err = ENOENT;
    } else if (q == K_NULL && fresh == K_NULL) {
        *err = ENOMEM;
    } else if ((d = px_mqd_free_slot()) == K_NULL) {
        *err = EMFILE;
    } else {
        if (q == K_NULL) {
            q = fresh;
            tos_list_add_tail(&q->node, &px_mqs);
        }
        ++q->refs;
        d->mq = q;
        d->flags = oflag & (O_ACCMODE | O_NONBLOCK);
        d->magic = PX_MQD_MAGIC;
    }
    TOS_CPU_INT_ENABLE();
    return d;
}

tos_posix_mqd_t tos_posix_mq_open(const char *name, int oflag, ...)
{
    px_mq_t *fresh = K_NULL;
    struct tos_posix_mqd_st *d = K_NULL;
    size_t len = px_name_len(name);
    int acc = oflag & O_ACCMODE;
    va_list ap;
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;

    if (err == 0 && (len == 0u || (acc != O_RDONLY && acc != O_WRONLY && acc != O_RDWR))) {
        err = EINVAL;
    } else if (err == 0 && len > POSIX_CFG_NAME_MAX) {
        err = ENAMETOOLONG;
    }
    if (err == 0) {
        va_start(ap, oflag);
        err = px_mq_open_args(name, oflag, ap, &fresh);
        va_end(ap);
    }
    if (err == 0) {
        d = px_mq_attach(name, oflag, fresh, &err);
    }
    if (d == K_NULL || d->mq != fresh) {
        px_free(fresh);
    }
    if (err != 0) {
        errno = err;
    }
    return d != K_NULL ? d : (tos_posix_mqd_t)-1;
}

int tos_posix_mq_close(tos_posix_mqd_t mqdes)
{
    px_mq_t *q;
    px_mq_t *gone = K_NULL;
    px_notifier_t *notify = K_NULL;
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!px_mqd_ok(mqdes)) {
            err = EBADF;
        } else {
            q = mqdes->mq;
            mqdes->magic = 0u;
            if (q->notify_holder == mqdes) {
                /* The registration goes with the descriptor that made it. */
                notify = q->notify;
                q->notify = K_NULL;
                q->notify_holder = K_NULL;
            }
            --q->refs;
            gone = px_mq_drop_if_unused(q);
        }
        TOS_CPU_INT_ENABLE();
        if (notify != K_NULL) {
            px_notifier_stop(notify);
        }
        px_free(gone);
    }
    return px_errno_ret(err);
}

int tos_posix_mq_unlink(const char *name)
{
    px_mq_t *q;
    px_mq_t *gone = K_NULL;
    size_t len = px_name_len(name);
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && len == 0u) {
        err = EINVAL;
    } else if (err == 0 && len > POSIX_CFG_NAME_MAX) {
        err = ENAMETOOLONG;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        q = px_mq_find(name);
        if (q == K_NULL) {
            err = ENOENT;
        } else {
            q->linked = K_FALSE;
            gone = px_mq_drop_if_unused(q);
        }
        TOS_CPU_INT_ENABLE();
        px_free(gone);
    }
    return px_errno_ret(err);
}

/* ---- send and receive ---------------------------------------------------------------- */

/* A descriptor open for `acc` (O_WRONLY: sending, O_RDONLY: receiving), or EBADF. */
static int px_mq_use(tos_posix_mqd_t mqdes, int sending, px_mq_t **q, int *nonblock)
{
    int err = 0;
    int acc;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (!px_mqd_ok(mqdes)) {
        err = EBADF;
    } else {
        acc = mqdes->flags & O_ACCMODE;
        if ((sending && acc == O_RDONLY) || (!sending && acc == O_WRONLY)) {
            err = EBADF;
        }
        *q = mqdes->mq;
        *nonblock = (mqdes->flags & O_NONBLOCK) != 0;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

static int px_mq_wake_err(px_wake_t wake)
{
    int err = EBADF; /* the queue went away */

    if (wake == PX_WAKE_TIMEOUT) {
        err = PX_MQ_AGAIN;
    } else if (wake == PX_WAKE_EXPIRED) {
        err = ETIMEDOUT;
    } else if (wake == PX_WAKE_CANCEL) {
        err = ECANCELED;
    }
    return err;
}

/*
 * Waits to be served (interrupts disabled into cpsr, restored on return):
 * *msg is the slot handed over, or the error says why none was.
 */
static int px_mq_block(pend_obj_t *pend, k_list_t *list, const px_timeout_t *to, cpu_cpsr_t cpsr,
                       px_mq_msg_t **msg)
{
    px_mq_waiter_t w;
    px_wake_t wake;
    int err = 0;

    w.task = k_curr_task;
    w.msg = K_NULL;
    tos_list_add_tail(&w.node, list);
    wake = px_wait(pend, to, cpsr, PX_WAIT_CANCEL_POINT);
    cpsr = tos_cpu_cpsr_save();
    if (w.msg != K_NULL) {
        *msg = w.msg; /* served: whoever served us unlinked the record */
    } else {
        if (!tos_list_empty(&w.node)) {
            tos_list_del(&w.node);
        }
        err = px_mq_wake_err(wake);
    }
    tos_cpu_cpsr_restore(cpsr);
    return err;
}

/* What a try that found nothing (got 0) leads to: PX_MQ_AGAIN is "wait". */
static int px_mq_nothing(int got, int nonblock, int bad_abstime)
{
    int err = PX_MQ_AGAIN;

    if (got) {
        err = 0;
    } else if (nonblock || px_in_isr()) {
        err = EAGAIN;
    } else if (bad_abstime) {
        err = EINVAL;
    } else if (!px_can_block()) {
        err = EPERM;
    }
    return err;
}

/* Gets a slot: a free one, or one handed over by a receiver (or an error). */
static int px_mq_slot_get(px_mq_t *q, int nonblock, const px_timeout_t *to, int bad_abstime,
                          px_mq_msg_t **slot)
{
    int err = PX_MQ_AGAIN;
    TOS_CPU_CPSR_ALLOC();

    while (err == PX_MQ_AGAIN) {
        TOS_CPU_INT_DISABLE();
        *slot = TOS_LIST_FIRST_ENTRY_OR_NULL(&q->free, px_mq_msg_t, node);
        err = px_mq_nothing(*slot != K_NULL, nonblock, bad_abstime);
        if (err == 0) {
            tos_list_del(&(*slot)->node);
        }
        if (err == PX_MQ_AGAIN) {
            err = px_mq_block(&q->send_pend, &q->send_waiters, to, cpu_cpsr, slot);
        } else {
            TOS_CPU_INT_ENABLE();
        }
    }
    return err;
}

/* Delivers a filled slot: to a waiting receiver, else into the queue (interrupts disabled). */
static px_notifier_t *px_mq_publish(px_mq_t *q, px_mq_msg_t *msg)
{
    px_notifier_t *notify = K_NULL;
    int was_empty = q->curmsgs == 0;

    if (!px_mq_serve(&q->recv_pend, &q->recv_waiters, msg)) {
        tos_list_add_tail(&msg->node, &q->prio_q[msg->prio]);
        q->prio_map |= (uint32_t)1u << msg->prio;
        ++q->curmsgs;
        if (was_empty && q->notify_holder != K_NULL) {
            /* Empty to non-empty with no receiver waiting: notify, once. */
            notify = q->notify;
            q->notify = K_NULL;
            q->notify_holder = K_NULL;
        }
    }
    return notify;
}

static int px_mq_send(tos_posix_mqd_t mqdes, const char *msg_ptr, size_t msg_len, unsigned msg_prio,
                      const px_timeout_t *to, int bad_abstime)
{
    px_mq_t *q = K_NULL;
    px_mq_msg_t *slot = K_NULL;
    px_notifier_t *notify;
    int nonblock = K_FALSE;
    int err = px_ctx_check() != 0 ? EPERM : px_mq_use(mqdes, K_TRUE, &q, &nonblock);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && msg_len > (size_t)q->msgsize) {
        err = EMSGSIZE;
    } else if (err == 0 && (msg_prio >= (unsigned)MQ_PRIO_MAX || (msg_ptr == K_NULL && msg_len))) {
        err = EINVAL;
    }
    if (err == 0 && !px_in_isr()) {
        px_cancel_point();
    }
    if (err == 0) {
        err = px_mq_slot_get(q, nonblock, to, bad_abstime, &slot);
    }
    if (err == 0) {
        if (msg_len > 0u) {
            memcpy(px_mq_data(slot), msg_ptr, msg_len);
        }
        slot->len = msg_len;
        slot->prio = msg_prio;
        TOS_CPU_INT_DISABLE();
        notify = px_mq_publish(q, slot);
        TOS_CPU_INT_ENABLE();
        if (notify != K_NULL) {
            px_notifier_fire(notify, 0u);
        }
    }
    if (err == ECANCELED) {
        px_cancel_point();
    }
    return px_errno_ret(err);
}

int tos_posix_mq_send(tos_posix_mqd_t mqdes, const char *msg_ptr, size_t msg_len, unsigned msg_prio)
{
    return px_mq_send(mqdes, msg_ptr, msg_len, msg_prio, K_NULL, K_FALSE);
}

int tos_posix_mq_timedsend(tos_posix_mqd_t mqdes, const char *msg_ptr, size_t msg_len,
                           unsigned msg_prio, const struct timespec *abstime)
{
    px_timeout_t to;
    int bad = px_timeout_abs(&to, CLOCK_REALTIME, abstime) != 0;

    return px_mq_send(mqdes, msg_ptr, msg_len, msg_prio, &to, bad);
}

/* The oldest most urgent message, or K_NULL (interrupts disabled). */
static px_mq_msg_t *px_mq_dequeue(px_mq_t *q)
{
    px_mq_msg_t *msg = K_NULL;
    uint32_t prio;

    if (q->prio_map != 0u) {
        prio = 31u - tos_cpu_clz(q->prio_map);
        msg = TOS_LIST_FIRST_ENTRY(&q->prio_q[prio], px_mq_msg_t, node);
        tos_list_del(&msg->node);
        if (tos_list_empty(&q->prio_q[prio])) {
            q->prio_map &= ~((uint32_t)1u << prio);
        }
        --q->curmsgs;
    }
    return msg;
}

/* Gets a message: the next queued one, or one handed over by a sender (or an error). */
static int px_mq_take(px_mq_t *q, int nonblock, const px_timeout_t *to, int bad_abstime,
                      px_mq_msg_t **msg)
{
    int err = PX_MQ_AGAIN;
    TOS_CPU_CPSR_ALLOC();

    while (err == PX_MQ_AGAIN) {
        TOS_CPU_INT_DISABLE();
        *msg = px_mq_dequeue(q);
        err = px_mq_nothing(*msg != K_NULL, nonblock, bad_abstime);
        if (err == PX_MQ_AGAIN) {
            err = px_mq_block(&q->recv_pend, &q->recv_waiters, to, cpu_cpsr, msg);
        } else {
            TOS_CPU_INT_ENABLE();
        }
    }
    return err;
}

/* A read slot goes to a waiting sender, else back to the free list (interrupts disabled). */
static void px_mq_recycle(px_mq_t *q, px_mq_msg_t *msg)
{
    if (!px_mq_serve(&q->send_pend, &q->send_waiters, msg)) {
        tos_list_add(&msg->node, &q->free);
    }
}

static ssize_t px_mq_receive(tos_posix_mqd_t mqdes, char *msg_ptr, size_t msg_len,
                             unsigned *msg_prio, const px_timeout_t *to, int bad_abstime)
{
    px_mq_t *q = K_NULL;
    px_mq_msg_t *msg = K_NULL;
    ssize_t len = -1;
    int nonblock = K_FALSE;
    int err = px_ctx_check() != 0 ? EPERM : px_mq_use(mqdes, K_FALSE, &q, &nonblock);
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && msg_len < (size_t)q->msgsize) {
        err = EMSGSIZE;
    } else if (err == 0 && msg_ptr == K_NULL) {
        err = EINVAL;
    }
    if (err == 0 && !px_in_isr()) {
        px_cancel_point();
    }
    if (err == 0) {
        err = px_mq_take(q, nonblock, to, bad_abstime, &msg);
    }
    if (err == 0) {
        memcpy(msg_ptr, px_mq_data(msg), msg->len);
        len = (ssize_t)msg->len;
        if (msg_prio != K_NULL) {
            *msg_prio = msg->prio;
        }
        TOS_CPU_INT_DISABLE();
        px_mq_recycle(q, msg);
        TOS_CPU_INT_ENABLE();
    }
    if (err == ECANCELED) {
        px_cancel_point();
    }
    (void)px_errno_ret(err);
    return len;
}

ssize_t tos_posix_mq_receive(tos_posix_mqd_t mqdes, char *msg_ptr, size_t msg_len,
                             unsigned *msg_prio)
{
    return px_mq_receive(mqdes, msg_ptr, msg_len, msg_prio, K_NULL, K_FALSE);
}

ssize_t tos_posix_mq_timedreceive(tos_posix_mqd_t mqdes, char *msg_ptr, size_t msg_len,
                                  unsigned *msg_prio, const struct timespec *abstime)
{
    px_timeout_t to;
    int bad = px_timeout_abs(&to, CLOCK_REALTIME, abstime) != 0;

    return px_mq_receive(mqdes, msg_ptr, msg_len, msg_prio, &to, bad);
}

/* ---- attributes and notification ------------------------------------------------------- */

int tos_posix_mq_getattr(tos_posix_mqd_t mqdes, struct tos_posix_mq_attr *attr)
{
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && attr == K_NULL) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        if (!px_mqd_ok(mqdes)) {
            err = EBADF;
        } else {
            attr->mq_flags = mqdes->flags & O_NONBLOCK;
            attr->mq_maxmsg = mqdes->mq->maxmsg;
            attr->mq_msgsize = mqdes->mq->msgsize;
            attr->mq_curmsgs = mqdes->mq->curmsgs;
        }
        TOS_CPU_INT_ENABLE();
    }
    return px_errno_ret(err);
}

int tos_posix_mq_setattr(tos_posix_mqd_t mqdes, const struct tos_posix_mq_attr *attr,
                         struct tos_posix_mq_attr *oattr)
{
    struct tos_posix_mq_attr old;
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && (attr == K_NULL || (attr->mq_flags & ~(long)O_NONBLOCK) != 0)) {
        err = EINVAL;
    }
    if (err == 0 && tos_posix_mq_getattr(mqdes, &old) != 0) {
        err = EBADF;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        mqdes->flags = (mqdes->flags & ~O_NONBLOCK) | (int)(attr->mq_flags & O_NONBLOCK);
        TOS_CPU_INT_ENABLE();
        if (oattr != K_NULL) {
            *oattr = old;
        }
    }
    return px_errno_ret(err);
}

static void px_mq_notifier_release(px_notifier_t *n)
{
    px_free(n);
}

/* Registers n (K_NULL: SIGEV_NONE) for mqdes, or EBUSY/EBADF (interrupts disabled inside). */
static int px_mq_register(tos_posix_mqd_t mqdes, px_notifier_t *n)
{
    int err = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (!px_mqd_ok(mqdes)) {
        err = EBADF;
    } else if (mqdes->mq->notify_holder != K_NULL) {
        err = EBUSY;
    } else {
        mqdes->mq->notify = n;
        mqdes->mq->notify_holder = mqdes;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

/* Removes the registration, if any; returns its notifier to stop. */
static int px_mq_unregister(tos_posix_mqd_t mqdes, px_notifier_t **n)
{
    int err = 0;
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    if (!px_mqd_ok(mqdes)) {
        err = EBADF;
    } else {
        *n = mqdes->mq->notify;
        mqdes->mq->notify = K_NULL;
        mqdes->mq->notify_holder = K_NULL;
    }
    TOS_CPU_INT_ENABLE();
    return err;
}

int tos_posix_mq_notify(tos_posix_mqd_t mqdes, const struct tos_posix_sigevent *notification)
{
    px_notifier_t *n = K_NULL;
    int err = (px_ctx_check() != 0 || knl_is_inirq()) ? EPERM : 0;

    if (err == 0 && notification == K_NULL) {
        err = px_mq_unregister(mqdes, &n);
    } else if (err == 0) {
        err = px_sigevent_check(notification);
        if (err == 0 && notification->sigev_notify == SIGEV_THREAD) {
            n = (px_notifier_t *)px_alloc(sizeof(px_notifier_t));
            err = n == K_NULL ? EAGAIN
                              : px_notifier_start(n, notification, K_TRUE, px_mq_notifier_release);
            if (err != 0) {
                px_free(n); /* never started: nothing else knows it */
                n = K_NULL;
            }
        }
        if (err == 0) {
            err = px_mq_register(mqdes, n);
            n = err == 0 ? K_NULL : n; /* registered: kept; refused: stopped below */
        }
    }
    if (n != K_NULL) {
        px_notifier_stop(n);
    }
    return px_errno_ret(err);
}

#endif /* TOS_POSIX_EN */
