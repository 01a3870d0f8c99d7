/*
 * Footprint "typical": a producer fed by a software timer through a
 * semaphore, a consumer fed through a message queue of heap-allocated
 * messages, and a monitor woken by event flags, sharing a mutex-protected
 * counter. It runs until FOOTPRINT_MESSAGES messages went through and ends
 * the program with status 0 if every one arrived, in order.
 */
#include "tos_k.h"
#include "tern_board.h"

#define STK_SIZE           512u
#define MSG_CNT            4u
#define FOOTPRINT_MESSAGES 20u
#define EVT_COUNTED        0x1u

static k_task_t producer_task, consumer_task, monitor_task;
static k_stack_t producer_stk[STK_SIZE] __ALIGNED__(8);
static k_stack_t consumer_stk[STK_SIZE] __ALIGNED__(8);
static k_stack_t monitor_stk[STK_SIZE] __ALIGNED__(8);

static k_sem_t tick_sem;
static k_mutex_t count_lock;
static k_event_t events;
static k_msg_q_t msg_q;
static void *msg_pool[MSG_CNT];
static k_timer_t pace_timer;

static uint32_t received;
static int in_order = 1;

static void pace(void *arg)
{
    (void)arg;
    (void)tos_sem_post(&tick_sem);
}

static void producer_entry(void *arg)
{
    uint32_t n;
    uint32_t *msg;

    (void)arg;
    for (n = 0u;; ++n) {
        (void)tos_sem_pend(&tick_sem, TOS_TIME_FOREVER);
        msg = tos_mmheap_alloc(sizeof(*msg));
        if (msg != K_NULL) {
            *msg = n;
            if (tos_msg_q_post(&msg_q, msg) != K_ERR_NONE) {
                tos_mmheap_free(msg);
            }
        }
    }
}

static void consumer_entry(void *arg)
{
    void *msg;

    (void)arg;
    for (;;) {
        if (tos_msg_q_pend(&msg_q, &msg, TOS_TIME_FOREVER) == K_ERR_NONE) {
            (void)tos_mutex_pend(&count_lock);
            in_order = in_order && *(uint32_t *)msg == received;
            ++received;
            (void)tos_mutex_post(&count_lock);
            tos_mmheap_free(msg);
            (void)tos_event_post(&events, EVT_COUNTED);
        }
    }
}

static void monitor_entry(void *arg)
{
    k_event_flag_t got;
    uint32_t seen = 0u;

    (void)arg;
    while (seen < FOOTPRINT_MESSAGES) {
        (void)tos_event_pend(&events, EVT_COUNTED, &got, TOS_TIME_FOREVER,
                             TOS_OPT_EVENT_PEND_ANY | TOS_OPT_EVENT_PEND_CLR);
        (void)tos_mutex_pend(&count_lock);
        seen = received;
        (void)tos_mutex_post(&count_lock);
    }
    tern_board_exit(in_order ? 0 : 1);
}

static k_err_t app_create(void)
{
    k_err_t err = tos_sem_create(&tick_sem, 0u);

    if (err == K_ERR_NONE) {
        err = tos_mutex_create(&count_lock);
    }
    if (err == K_ERR_NONE) {
        err = tos_event_create(&events, (k_event_flag_t)0u);
    }
    if (err == K_ERR_NONE) {
        err = tos_msg_q_create(&msg_q, msg_pool, MSG_CNT);
    }
    if (err == K_ERR_NONE) {
        err = tos_timer_create(&pace_timer, 5u, 5u, pace, K_NULL, TOS_OPT_TIMER_PERIODIC);
    }
    if (err == K_ERR_NONE) {
        err = tos_timer_start(&pace_timer);
    }
    if (err == K_ERR_NONE) {
        err = tos_task_create(&producer_task, "producer", producer_entry, K_NULL, 3u, producer_stk,
                              STK_SIZE, 0u);
    }
    if (err == K_ERR_NONE) {
        err = tos_task_create(&consumer_task, "consumer", consumer_entry, K_NULL, 4u, consumer_stk,
                              STK_SIZE, 0u);
    }
    if (err == K_ERR_NONE) {
        err = tos_task_create(&monitor_task, "monitor", monitor_entry, K_NULL, 5u, monitor_stk,
                              STK_SIZE, 0u);
    }
    return err;
}

int main(void)
{
    tern_board_init();
    if (tos_knl_init() == K_ERR_NONE && app_create() == K_ERR_NONE) {
        (void)tos_knl_start();
    }
    tern_board_exit(1);
}
