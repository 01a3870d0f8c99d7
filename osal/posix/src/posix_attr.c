/* Thread attributes. Plain data: usable from any context. */
#include "posix_private.h"

#if TOS_POSIX_EN

static int px_attr_ok(const tos_posix_pthread_attr_t *attr)
{
    return attr != K_NULL && attr->magic == TOS_POSIX_MAGIC_ATTR;
}

/* EINVAL unless attr is valid and out non-NULL. */
static int px_attr_get_check(const tos_posix_pthread_attr_t *attr, const void *out)
{
    return (px_attr_ok(attr) && out != K_NULL) ? 0 : EINVAL;
}

int tos_posix_pthread_attr_init(tos_posix_pthread_attr_t *attr)
{
    int err = attr != K_NULL ? 0 : EINVAL;

    if (err == 0) {
        memset(attr, 0, sizeof(*attr));
        attr->magic = TOS_POSIX_MAGIC_ATTR;
        attr->detachstate = PTHREAD_CREATE_JOINABLE;
        attr->inheritsched = PTHREAD_INHERIT_SCHED;
        attr->schedpolicy = SCHED_OTHER;
        attr->scope = PTHREAD_SCOPE_SYSTEM;
        attr->schedparam.sched_priority = PX_PRIO(PX_KPRIO_DEFAULT);
        attr->stackaddr = K_NULL;
        attr->stacksize = POSIX_CFG_PTHREAD_STACK_DEFAULT;
        attr->guardsize = 0u;
    }
    return err;
}

int tos_posix_pthread_attr_destroy(tos_posix_pthread_attr_t *attr)
{
    int err = px_attr_ok(attr) ? 0 : EINVAL;

    if (err == 0) {
        attr->magic = 0u;
    }
    return err;
}

int tos_posix_pthread_attr_getdetachstate(const tos_posix_pthread_attr_t *attr, int *state)
{
    int err = px_attr_get_check(attr, state);

    if (err == 0) {
        *state = attr->detachstate;
    }
    return err;
}

int tos_posix_pthread_attr_setdetachstate(tos_posix_pthread_attr_t *attr, int state)
{
    int err = px_attr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->detachstate = state;
    }
    return err;
}

int tos_posix_pthread_attr_getinheritsched(const tos_posix_pthread_attr_t *attr, int *inherit)
{
    int err = px_attr_get_check(attr, inherit);

    if (err == 0) {
        *inherit = attr->inheritsched;
    }
    return err;
}

int tos_posix_pthread_attr_setinheritsched(tos_posix_pthread_attr_t *attr, int inherit)
{
    int err = px_attr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->inheritsched = inherit;
    }
    return err;
}

int tos_posix_pthread_attr_getschedparam(const tos_posix_pthread_attr_t *attr,
                                         struct sched_param *param)
{
    int err = px_attr_get_check(attr, param);

    if (err == 0) {
        *param = attr->schedparam;
    }
    return err;
}

int tos_posix_pthread_attr_setschedparam(tos_posix_pthread_attr_t *attr,
                                         const struct sched_param *param)
{
    int err = px_attr_get_check(attr, param);

    if (err == 0 && !px_prio_valid(param->sched_priority)) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->schedparam = *param;
    }
    return err;
}

int tos_posix_pthread_attr_getschedpolicy(const tos_posix_pthread_attr_t *attr, int *policy)
{
    int err = px_attr_get_check(attr, policy);

    if (err == 0) {
        *policy = attr->schedpolicy;
    }
    return err;
}

int tos_posix_pthread_attr_setschedpolicy(tos_posix_pthread_attr_t *attr, int policy)
{
    int err = px_attr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && !px_policy_valid(policy)) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->schedpolicy = policy;
    }
    return err;
}

int tos_posix_pthread_attr_getscope(const tos_posix_pthread_attr_t *attr, int *scope)
{
    int err = px_attr_get_check(attr, scope);

    if (err == 0) {
        *scope = attr->scope;
    }
    return err;
}

int tos_posix_pthread_attr_setscope(tos_posix_pthread_attr_t *attr, int scope)
{
    int err = px_attr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && scope == PTHREAD_SCOPE_PROCESS) {
        err = ENOTSUP; /* one scheduler for every thread: system scope only */
    } else if (err == 0 && scope != PTHREAD_SCOPE_SYSTEM) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->scope = scope;
    }
    return err;
}

int tos_posix_pthread_attr_getstack(const tos_posix_pthread_attr_t *attr, void **stackaddr,
                                    size_t *stacksize)
{
    int err = px_attr_get_check(attr, stackaddr);

    if (err == 0 && stacksize == K_NULL) {
        err = EINVAL;
    }
    if (err == 0) {
        *stackaddr = attr->stackaddr;
        *stacksize = attr->stacksize;
    }
    return err;
}

int tos_posix_pthread_attr_setstack(tos_posix_pthread_attr_t *attr, void *stackaddr,
                                    size_t stacksize)
{
    int err = px_attr_ok(attr) ? 0 : EINVAL;

    if (err == 0 && (stackaddr == K_NULL || stacksize < PTHREAD_STACK_MIN ||
                     (uintptr_t)stackaddr + stacksize < (uintptr_t)stackaddr)) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->stackaddr = stackaddr;
        attr->stacksize = stacksize;
    }
    return err;
}

int tos_posix_pthread_attr_getstacksize(const tos_posix_pthread_attr_t *attr, size_t *stacksize)
{
    int err = px_attr_get_check(attr, stacksize);

    if (err == 0) {
        *stacksize = attr->stacksize;
    }
    return err;
}

int tos_posix_pthread_attr_setstacksize(tos_posix_pthread_attr_t *attr, size_t stacksize)
{
    int err = px_attr_ok(attr) ? 0 : EINVAL;

    /* The upper bound keeps the size plus the control block from wrapping. */
    if (err == 0 && (stacksize < PTHREAD_STACK_MIN || stacksize > SIZE_MAX / 2u)) {
        err = EINVAL;
    }
    if (err == 0) {
        attr->stacksize = stacksize;
        attr->stackaddr = K_NULL; /* a size alone means a stack from the heap */
    }
    return err;
}

int tos_posix_pthread_attr_getguardsize(const tos_posix_pthread_attr_t *attr, size_t *guardsize)
{
    int err = px_attr_get_check(attr, guardsize);

    if (err == 0) {
        *guardsize = attr->guardsize;
    }
    return err;
}

int tos_posix_pthread_attr_setguardsize(tos_posix_pthread_attr_t *attr, size_t guardsize)
{
    int err = px_attr_ok(attr) ? 0 : EINVAL;

    if (err == 0) {
        attr->guardsize = guardsize; /* no memory protection: recorded, not enforced */
    }
    return err;
}

#endif /* TOS_POSIX_EN */
