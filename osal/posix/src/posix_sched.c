/*
 * Scheduling: priorities, policies, sched_* and pthread_*sched*.
 *
 * A thread's scheduling priority (what getschedparam reports) is its base
 * priority: a POSIX thread keeps it in base_kprio; a mutex protocol may
 * run it more urgently (inheritance, ceilings) without changing it.
 */
#include "posix_private.h"

#if TOS_POSIX_EN

#define PX_TIMESLICE_FIFO ((k_timeslice_t)0xFFFFFFFFu)

int px_policy_valid(int policy)
{
    return policy == SCHED_FIFO || policy == SCHED_RR || policy == SCHED_OTHER;
}

int px_prio_valid(int prio)
{
    return prio >= PX_PRIO_MIN && prio <= PX_PRIO_MAX;
}

int px_policy_of(k_task_t *task)
{
    px_thread_t *t = px_thread_of(task);

    return t != K_NULL ? t->policy : SCHED_OTHER;
}

k_timeslice_t px_policy_timeslice(int policy)
{
    k_timeslice_t slice = 0u; /* the kernel's default slice */

#if TOS_CFG_ROUND_ROBIN_EN > 0u
    if (policy == SCHED_FIFO) {
        slice = PX_TIMESLICE_FIFO; /* ~49 days at 1 kHz before the first rotation */
    } else if (policy == SCHED_RR) {
        slice = (k_timeslice_t)POSIX_CFG_RR_TIMESLICE;
    }
#else
    (void)policy;
#endif
    return slice;
}

/* The live task a handle designates (POSIX thread or plain task), or K_NULL. Locked. */
static k_task_t *px_task_find(tos_posix_pthread_t handle)
{
    px_thread_t *t = px_thread_find(handle);
    k_task_t *task;
    k_task_t *found = K_NULL;

    if (t != K_NULL) {
        found = t->state == PX_THREAD_RUNNING ? &t->task : K_NULL;
    } else {
        TOS_LIST_FOR_EACH_ENTRY(task, k_task_t, stat_list, &k_stat_list) {
            if ((tos_posix_pthread_t)(uintptr_t)task == handle) {
                found = task;
                break;
            }
        }
    }
    return found;
}

/* Applies a base priority and policy to a task (interrupts disabled). */
static void px_sched_apply(k_task_t *task, int policy, k_prio_t kprio)
{
    px_thread_t *t = px_thread_of(task);

    if (t != K_NULL) {
        t->base_kprio = kprio;
        if (policy >= 0) {
            t->policy = policy;
        }
    }
#if TOS_CFG_ROUND_ROBIN_EN > 0u
    if (policy >= 0) {
        tos_robin_timeslice_set(task, px_policy_timeslice(policy));
    }
#endif
    (void)tos_task_prio_change(task, px_mutex_prio_request(task, kprio));
}

/* policy < 0: keep the policy. */
static int px_sched_set(tos_posix_pthread_t thread, int policy, int prio)
{
    k_task_t *task;
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && knl_is_inirq()) {
        err = EPERM;
    }
    if (err == 0 && ((policy >= 0 && !px_policy_valid(policy)) || !px_prio_valid(prio))) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        task = px_task_find(thread);
        if (task == K_NULL || task == &k_idle_task) {
            err = ESRCH;
        } else {
            px_sched_apply(task, policy, PX_KPRIO(prio));
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_getschedparam(tos_posix_pthread_t thread, int *policy,
                                    struct sched_param *param)
{
    k_task_t *task;
    int err = px_ctx_check();
    TOS_CPU_CPSR_ALLOC();

    if (err == 0 && (policy == K_NULL || param == K_NULL)) {
        err = EINVAL;
    }
    if (err == 0) {
        TOS_CPU_INT_DISABLE();
        task = px_task_find(thread);
        if (task == K_NULL) {
            err = ESRCH;
        } else {
            *policy = px_policy_of(task);
            memset(param, 0, sizeof(*param));
            param->sched_priority = PX_PRIO(px_task_base_kprio(task));
        }
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

int tos_posix_pthread_setschedparam(tos_posix_pthread_t thread, int policy,
                                    const struct sched_param *param)
{
    int err = param != K_NULL ? 0 : EINVAL;

    if (err == 0) {
        err = px_sched_set(thread, policy < 0 ? INT32_MAX : policy, param->sched_priority);
    }
    return err;
}

int tos_posix_pthread_setschedprio(tos_posix_pthread_t thread, int prio)
{
    return px_sched_set(thread, -1, prio);
}

/* ---- sched.h ------------------------------------------------------------------ */

static int px_errno_ret(int err)
{
    if (err != 0) {
        errno = err;
    }
    return err == 0 ? 0 : -1;
}

int tos_posix_sched_yield(void)
{
    tos_task_yield();
    return 0;
}

int tos_posix_sched_get_priority_max(int policy)
{
    return px_policy_valid(policy) ? PX_PRIO_MAX : px_errno_ret(EINVAL);
}

int tos_posix_sched_get_priority_min(int policy)
{
    return px_policy_valid(policy) ? PX_PRIO_MIN : px_errno_ret(EINVAL);
}

/* The calling task for pid 0; ESRCH for any other pid, EPERM outside a task. */
static int px_pid_task(pid_t pid, k_task_t **task)
{
    int err = px_ctx_check();

    if (err == 0 && pid != 0) {
        err = ESRCH;
    }
    if (err == 0 && (knl_is_inirq() || tos_task_curr_task_get() == K_NULL)) {
        err = EPERM;
    }
    *task = tos_task_curr_task_get();
    return err;
}

int tos_posix_sched_getparam(pid_t pid, struct sched_param *param)
{
    int policy;
    k_task_t *task;
    int err = px_pid_task(pid, &task);

    if (err == 0) {
        err = tos_posix_pthread_getschedparam((uintptr_t)task, &policy, param);
    }
    return px_errno_ret(err);
}

int tos_posix_sched_setparam(pid_t pid, const struct sched_param *param)
{
    k_task_t *task;
    int err = px_pid_task(pid, &task);

    if (err == 0) {
        err = param != K_NULL ? px_sched_set((uintptr_t)task, -1, param->sched_priority) : EINVAL;
    }
    return px_errno_ret(err);
}

int tos_posix_sched_getscheduler(pid_t pid)
{
    k_task_t *task;
    int err = px_pid_task(pid, &task);

    return err == 0 ? px_policy_of(task) : px_errno_ret(err);
}

int tos_posix_sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
    k_task_t *task;
    int old = SCHED_OTHER;
    int err = px_pid_task(pid, &task);

    if (err == 0 && param == K_NULL) {
        err = EINVAL;
    }
    if (err == 0) {
        old = px_policy_of(task);
        err = px_sched_set((uintptr_t)task, policy < 0 ? INT32_MAX : policy, param->sched_priority);
    }
    return err == 0 ? old : px_errno_ret(err);
}

int tos_posix_sched_rr_get_interval(pid_t pid, struct timespec *interval)
{
    k_task_t *task;
    k_tick_t slice = 0u;
    int err = px_pid_task(pid, &task);

    if (err == 0 && interval == K_NULL) {
        err = EINVAL;
    }
    if (err == 0) {
#if TOS_CFG_ROUND_ROBIN_EN > 0u
        if (px_policy_of(task) != SCHED_FIFO) {
            slice =
                task->timeslice_reload > 0u ? task->timeslice_reload : k_robin_default_timeslice;
        }
#endif
        px_ns_to_ts(px_ticks_to_ns(slice), interval);
    }
    return px_errno_ret(err);
}

#endif /* TOS_POSIX_EN */
