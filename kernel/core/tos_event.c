/* Event flags (contract §15, §40.25). */
#include "knl_private.h"

#if TOS_CFG_EVENT_EN > 0u

#define EVENT_OPT_MATCH_MASK (TOS_OPT_EVENT_PEND_ANY | TOS_OPT_EVENT_PEND_ALL)

/* Exactly one of ANY / ALL. */
static int event_opt_is_valid(k_opt_t opt_pend)
{
    k_opt_t match = opt_pend & EVENT_OPT_MATCH_MASK;

    return match == TOS_OPT_EVENT_PEND_ANY || match == TOS_OPT_EVENT_PEND_ALL;
}

/*
 * ALL: every expected bit set, matched value = expect (expect 0 always
 * matches). ANY: some expected bit set, matched value = those bits.
 */
static int event_is_match(k_event_flag_t flag, k_event_flag_t expect, k_opt_t opt_pend,
                          k_event_flag_t *matched)
{
    int is_match;

    if (opt_pend & TOS_OPT_EVENT_PEND_ALL) {
        is_match = (flag & expect) == expect;
        *matched = expect;
    } else {
        is_match = (flag & expect) != 0u;
        *matched = flag & expect;
    }
    return is_match;
}

__API__ k_err_t tos_event_create(k_event_t *event, k_event_flag_t init_flag)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && event == K_NULL) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        event->flag = init_flag;
        pend_object_init(&event->pend_obj);
        knl_object_init(&event->knl_obj, KNL_OBJ_TYPE_EVENT);
        knl_object_alloc_set_static(&event->knl_obj);
    }
    return err;
}

__API__ k_err_t tos_event_destroy(k_event_t *event)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(event, KNL_OBJ_TYPE_EVENT);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        event->flag = 0u;
        knl_pend_destroy(&event->pend_obj, cpu_cpsr);
        knl_object_deinit(&event->knl_obj);
        knl_object_alloc_reset(&event->knl_obj);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

/* IRQ; event NULL; flag_match NULL; VERIFY; options. */
static k_err_t event_pend_check(k_event_t *event, k_event_flag_t *flag_match, k_opt_t opt_pend)
{
    k_err_t err = knl_irq_check();

    if (err == K_ERR_NONE && (event == K_NULL || flag_match == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    if (err == K_ERR_NONE) {
        err = knl_obj_verify(event, KNL_OBJ_TYPE_EVENT);
    }
    if (err == K_ERR_NONE && !event_opt_is_valid(opt_pend)) {
        err = K_ERR_EVENT_PEND_OPT_INVALID;
    }
    return err;
}

static void event_task_expect_set(k_task_t *task, k_event_flag_t flag_expect,
                                  k_event_flag_t *flag_match, k_opt_t opt_pend)
{
    task->flag_expect = flag_expect;
    task->flag_match = flag_match;
    task->opt_event_pend = opt_pend;
}

/* Entered with interrupts disabled into cpu_cpsr; returns with them restored. */
static k_err_t event_wait(k_event_t *event, k_event_flag_t flag_expect, k_event_flag_t *flag_match,
                          k_tick_t timeout, k_opt_t opt_pend, cpu_cpsr_t cpu_cpsr)
{
    k_task_t *self = k_curr_task;
    k_err_t err;

    /*
     * A poster reads these from our TCB and writes *flag_match for us, but
     * only while we are on the wait list: once knl_pend_wait() has returned
     * we are not, and they are cleared without a critical section.
     */
    event_task_expect_set(self, flag_expect, flag_match, opt_pend);
    err = knl_pend_wait(&event->pend_obj, cpu_cpsr, timeout);
    event_task_expect_set(self, 0u, K_NULL, 0u);
    return err;
}

__API__ k_err_t tos_event_pend(k_event_t *event, k_event_flag_t flag_expect,
                               k_event_flag_t *flag_match, k_tick_t timeout, k_opt_t opt_pend)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = event_pend_check(event, flag_match, opt_pend);
    k_event_flag_t matched;

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        if (event_is_match(event->flag, flag_expect, opt_pend, &matched)) {
            *flag_match = matched;
            if (opt_pend & TOS_OPT_EVENT_PEND_CLR) {
                event->flag = 0u;
            }
            TOS_CPU_INT_ENABLE();
        } else {
            err = event_wait(event, flag_expect, flag_match, timeout, opt_pend, cpu_cpsr);
        }
    }
    return err;
}

/*
 * Wakes, in wait-list order, every waiter the flag word satisfies. A woken
 * CLR waiter clears the whole word and ends the walk (§40.25, kept).
 */
static void event_waiters_wakeup(k_event_t *event)
{
    k_task_t *task;
    k_task_t *tmp;
    k_event_flag_t matched;

    TOS_LIST_FOR_EACH_ENTRY_SAFE(task, tmp, k_task_t, pend_list, &event->pend_obj.list) {
        if (event_is_match(event->flag, task->flag_expect, task->opt_event_pend, &matched)) {
            *task->flag_match = matched;
            pend_task_wakeup(task, PEND_STATE_POST);
            if (task->opt_event_pend & TOS_OPT_EVENT_PEND_CLR) {
                event->flag = 0u;
                break;
            }
        }
    }
}

static k_err_t event_do_post(k_event_t *event, k_event_flag_t flag, opt_event_post_t opt)
{
    TOS_CPU_CPSR_ALLOC();
    k_err_t err = knl_obj_check(event, KNL_OBJ_TYPE_EVENT);

    if (err == K_ERR_NONE) {
        TOS_CPU_INT_DISABLE();
        /* §40.25: updated inside the critical section, so an ISR post cannot interleave. */
        if (opt == OPT_EVENT_POST_KEP) {
            event->flag |= flag;
        } else {
            event->flag = flag;
        }
        event_waiters_wakeup(event);
        knl_resched(cpu_cpsr);
        TOS_CPU_INT_ENABLE();
    }
    return err;
}

__API__ k_err_t tos_event_post(k_event_t *event, k_event_flag_t flag)
{
    return event_do_post(event, flag, OPT_EVENT_POST_CLR);
}

__API__ k_err_t tos_event_post_keep(k_event_t *event, k_event_flag_t flag)
{
    return event_do_post(event, flag, OPT_EVENT_POST_KEP);
}

#endif /* TOS_CFG_EVENT_EN */
