/*
 * <mqueue.h> of the POSIX adapter: named message queues with priorities on
 * Tern's kernel.
 *
 * A queue holds up to mq_maxmsg messages of up to mq_msgsize bytes, in one
 * heap block allocated by mq_open(O_CREAT). Receivers get the oldest
 * message of the highest priority (0 .. MQ_PRIO_MAX - 1, larger is more
 * urgent). Blocked senders and receivers are served by thread priority,
 * FIFO among equals. Message bytes are copied with interrupts enabled; no
 * critical section depends on the queue's length or message size.
 *
 * Every function returns 0 (mq_open: a descriptor, mq_receive: a length)
 * or -1 / (mqd_t)-1 with errno set. Common errors, not repeated below:
 *   EBADF  not an open descriptor (or not open for the direction used);
 *   EPERM  (Tern) a call that would block from an ISR, before
 *          tos_knl_start() or with the scheduler locked; mq_open, mq_close,
 *          mq_unlink, mq_notify from an ISR.
 * From an ISR, send and receive never block: a full (empty) queue gives
 * EAGAIN whatever O_NONBLOCK says.
 */
#ifndef _TOS_POSIX_MQUEUE_H_
#define _TOS_POSIX_MQUEUE_H_

#include "tos_posix.h"

#ifdef __cplusplus
extern "C" {
#endif

#undef MQ_PRIO_MAX
#undef MQ_OPEN_MAX
#define MQ_PRIO_MAX 32
#define MQ_OPEN_MAX POSIX_CFG_MQ_OPEN_MAX

struct tos_posix_mq_attr {
    long mq_flags;   /* 0 or O_NONBLOCK (of the descriptor) */
    long mq_maxmsg;  /* capacity in messages */
    long mq_msgsize; /* largest message, bytes */
    long mq_curmsgs; /* messages queued now */
};

typedef struct tos_posix_mqd_st *tos_posix_mqd_t;

/*
 * Opens a queue: oflag is O_RDONLY, O_WRONLY or O_RDWR, plus O_CREAT
 * (two more arguments: mode_t mode, ignored; struct mq_attr *attr, NULL for
 * POSIX_CFG_MQ_MAXMSG_DEFAULT x POSIX_CFG_MQ_MSGSIZE_DEFAULT), O_EXCL,
 * O_NONBLOCK. Names as sem_open().
 * Errors: EEXIST; ENOENT; EINVAL (NULL or empty name, bad access mode,
 * mq_maxmsg or mq_msgsize <= 0); ENAMETOOLONG; EMFILE (POSIX_CFG_MQ_OPEN_MAX
 * descriptors open); ENOMEM (no memory for the queue).
 */
tos_posix_mqd_t tos_posix_mq_open(const char *name, int oflag, ...);

/* Closes a descriptor; the queue goes when it is unlinked and fully closed. */
int tos_posix_mq_close(tos_posix_mqd_t mqdes);

/* Removes a name. Errors: ENOENT; ENAMETOOLONG; EINVAL (NULL name). */
int tos_posix_mq_unlink(const char *name);

/*
 * Queues a message, waiting for room unless O_NONBLOCK. Cancellation
 * points. timedsend: abstime on CLOCK_REALTIME.
 * Errors: EMSGSIZE (msg_len > mq_msgsize); EINVAL (msg_prio >= MQ_PRIO_MAX,
 * NULL msg_ptr with a non-zero length, bad abstime when it would block);
 * EAGAIN (full and O_NONBLOCK, or in an ISR); ETIMEDOUT.
 */
int tos_posix_mq_send(tos_posix_mqd_t mqdes, const char *msg_ptr, size_t msg_len,
                      unsigned msg_prio);
int tos_posix_mq_timedsend(tos_posix_mqd_t mqdes, const char *msg_ptr, size_t msg_len,
                           unsigned msg_prio, const struct timespec *abstime);

/*
 * Takes the oldest most urgent message; returns its length and stores its
 * priority (msg_prio may be NULL). Cancellation points.
 * Errors: EMSGSIZE (msg_len < mq_msgsize); EINVAL (NULL msg_ptr, bad
 * abstime when it would block); EAGAIN (empty and O_NONBLOCK, or in an
 * ISR); ETIMEDOUT.
 */
ssize_t tos_posix_mq_receive(tos_posix_mqd_t mqdes, char *msg_ptr, size_t msg_len,
                             unsigned *msg_prio);
ssize_t tos_posix_mq_timedreceive(tos_posix_mqd_t mqdes, char *msg_ptr, size_t msg_len,
                                  unsigned *msg_prio, const struct timespec *abstime);

/*
 * Attributes of the queue, with mq_flags of the descriptor. setattr changes
 * only the descriptor's O_NONBLOCK (the other fields are ignored) and may
 * report the old attributes. Errors: EINVAL (NULL attributes, mq_flags
 * with bits other than O_NONBLOCK).
 */
int tos_posix_mq_getattr(tos_posix_mqd_t mqdes, struct tos_posix_mq_attr *attr);
int tos_posix_mq_setattr(tos_posix_mqd_t mqdes, const struct tos_posix_mq_attr *attr,
                         struct tos_posix_mq_attr *oattr);

/*
 * Registers (notification non-NULL) or removes (NULL) the queue's one
 * notification: when a message arrives on an empty queue and no receiver
 * waits, SIGEV_THREAD calls sigev_notify_function(sigev_value) in a
 * thread created at registration (with sigev_notify_attributes), SIGEV_NONE
 * does nothing; either way the registration is then removed.
 * Errors: EBUSY (already registered); EINVAL (bad sigevent); ENOTSUP
 * (SIGEV_SIGNAL); EAGAIN (no memory or thread for the notification).
 */
int tos_posix_mq_notify(tos_posix_mqd_t mqdes, const struct tos_posix_sigevent *notification);

#define mq_attr tos_posix_mq_attr
#define mqd_t   tos_posix_mqd_t

#define mq_open         tos_posix_mq_open
#define mq_close        tos_posix_mq_close
#define mq_unlink       tos_posix_mq_unlink
#define mq_send         tos_posix_mq_send
#define mq_timedsend    tos_posix_mq_timedsend
#define mq_receive      tos_posix_mq_receive
#define mq_timedreceive tos_posix_mq_timedreceive
#define mq_getattr      tos_posix_mq_getattr
#define mq_setattr      tos_posix_mq_setattr
#define mq_notify       tos_posix_mq_notify

#ifdef __cplusplus
}
#endif

#endif /* _TOS_POSIX_MQUEUE_H_ */
