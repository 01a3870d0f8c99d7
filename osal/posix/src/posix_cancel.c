/*
 * Cancellation and cleanup handlers.
 *
 * A request marks the target. The target acts on it itself, at a
 * cancellation point (deferred type) or at its next adapter wait or call
 * (asynchronous type): it runs its cleanup handlers and destructors and
 * ends with PTHREAD_CANCELED. A target blocked where the request may be
 * acted upon is woken (px_wait_interrupt). The only thing done to a target
 * from outside: an asynchronously cancelable thread that is not blocked in
 * the adapter and has nothing to run on its way out (no cleanup handler,
 * no thread-specific value with a destructor) is ended on the spot, since
 * nothing observable would differ from ending it itself.
 */
#include "posix_private.h"

#if TOS_POSIX_EN

int px_cancel_due(const px_thread_t *t, int cp)
{
    return t != K_NULL && t->cancel_pending && !t->exiting &&
           t->cancel_state == PTHREAD_CANCEL_ENABLE &&
           (cp || t->cancel_type == PTHREAD_CANCEL_ASYNCHRONOUS);
}

void px_cancel_point(void)
{
    px_thread_t *self = px_self();

    if (px_cancel_due(self, K_TRUE)) {
        px_thread_exit(self, PTHREAD_CANCELED);
    }
}

/* An asynchronous request of the caller is acted upon here (not a cancellation point). */
static void px_cancel_async_point(void)
{
    px_thread_t *self = px_self();

    if (px_cancel_due(self, K_FALSE)) {
        px_thread_exit(self, PTHREAD_CANCELED);
    }
}

/*
 * Ends t on the spot (asynchronous, not waiting, nothing to run); returns
 * the block to free, if any. Interrupts disabled; t is not the caller.
 */
static void *px_cancel_kill(px_thread_t *t)
{
    void *mem = K_NULL;

    t->exiting = K_TRUE;
    t->retval = PTHREAD_CANCELED;
    t->state = PX_THREAD_EXITED;
    (void)tos_task_destroy(&t->task);
    if (t->detached) {
        px_thread_unlink(t);
        mem = t->mem;
    } else {
        pend_wakeup_all(&t->join_pend, PEND_STATE_POST);
    }
    return mem;
}

/* Delivers a request to t (interrupts disabled); returns a block to free. */
static void *px_cancel_deliver(px_thread_t *t, const px_thread_t *self)
{
    void *mem = K_NULL;

    t->cancel_pending = K_TRUE;
    if (t != self && t->cancel_state == PTHREAD_CANCEL_ENABLE) {
        if (t->waiting) {
            px_wait_interrupt(t);
        } else if (t->cancel_type == PTHREAD_CANCEL_ASYNCHRONOUS && t->cleanup == K_NULL &&
                   !px_key_has_destructible(t)) {
            mem = px_cancel_kill(t);
        }
    }
    return mem;
}

int tos_posix_pthread_cancel(tos_posix_pthread_t thread)
{
    px_thread_t *self = px_self();
    px_thread_t *t;
    void *mem = K_NULL;
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        t = px_thread_find(thread);
        if (t == K_NULL) {
            err = ESRCH;
        } else if (t->state == PX_THREAD_RUNNING && !t->exiting) {
            mem = px_cancel_deliver(t, self);
        }
        TOS_CPU_INT_ENABLE();
        px_free(mem);
        px_cancel_async_point(); /* a self-cancel of an asynchronous thread acts now */
    }
    return err;
}

int tos_posix_pthread_setcancelstate(int state, int *oldstate)
{
    px_thread_t *self = px_self();
    int err = 0;

    if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE) {
        err = EINVAL;
    } else if (self != K_NULL) {
        if (oldstate != K_NULL) {
            *oldstate = self->cancel_state;
        }
        if (!self->exiting) {
            self->cancel_state = (uint8_t)state;
        }
        px_cancel_async_point();
    } else if (oldstate != K_NULL) {
        *oldstate = PTHREAD_CANCEL_ENABLE; /* a plain task cannot be cancelled */
    }
    return err;
}

int tos_posix_pthread_setcanceltype(int type, int *oldtype)
{
    px_thread_t *self = px_self();
    int err = 0;

    if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS) {
        err = EINVAL;
    } else if (self != K_NULL) {
        if (oldtype != K_NULL) {
            *oldtype = self->cancel_type;
        }
        self->cancel_type = (uint8_t)type;
        px_cancel_async_point();
    } else if (oldtype != K_NULL) {
        *oldtype = PTHREAD_CANCEL_DEFERRED;
    }
    return err;
}

void tos_posix_pthread_testcancel(void)
{
    px_cancel_point();
}

void tos_posix_pthread_cleanup_push_(struct tos_posix_pthread_cleanup_st *cleanup,
                                     void (*routine)(void *), void *arg)
{
    px_thread_t *self = px_self();

    cleanup->routine = routine;
    cleanup->arg = arg;
    cleanup->prev = K_NULL;
    if (self != K_NULL) {
        /* Only the owner touches its stack of handlers: no lock needed. */
        cleanup->prev = self->cleanup;
        self->cleanup = cleanup;
    }
}

void tos_posix_pthread_cleanup_pop_(struct tos_posix_pthread_cleanup_st *cleanup, int execute)
{
    px_thread_t *self = px_self();

    if (self != K_NULL && self->cleanup == cleanup) {
        self->cleanup = cleanup->prev;
    }
    if (execute && cleanup->routine != K_NULL) {
        cleanup->routine(cleanup->arg);
    }
}

#endif /* TOS_POSIX_EN */
