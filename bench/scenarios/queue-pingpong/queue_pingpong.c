/*
 * Queue ping-pong: two tasks of equal priority pass a message (a pointer,
 * tos_msg_q) back and forth through two queues, each blocking on its own
 * queue in turn. An iteration is one round trip.
 */
#include "bench.h"

static k_task_t ping_task, pong_task;
static k_msg_q_t ping_q, pong_q;
static void *ping_pool[1], *pong_pool[1];
static uint32_t ball;

static void ping_entry(void *arg)
{
    void *msg;

    (void)arg;
    for (;;) {
        bench_check("tos_msg_q_post", tos_msg_q_post(&pong_q, &ball));
        bench_check("tos_msg_q_pend", tos_msg_q_pend(&ping_q, &msg, TOS_TIME_FOREVER));
        if (msg != &ball) {
            bench_check("queue-pingpong: wrong message", K_ERR_OBJ_INVALID);
        }
        ++bench_counters[0];
    }
}

static void pong_entry(void *arg)
{
    void *msg;

    (void)arg;
    for (;;) {
        bench_check("tos_msg_q_pend", tos_msg_q_pend(&pong_q, &msg, TOS_TIME_FOREVER));
        bench_check("tos_msg_q_post", tos_msg_q_post(&ping_q, msg));
    }
}

void bench_main(void)
{
    bench_check("tos_msg_q_create", tos_msg_q_create(&ping_q, ping_pool, 1u));
    bench_check("tos_msg_q_create", tos_msg_q_create(&pong_q, pong_pool, 1u));
    bench_task(&pong_task, pong_entry, K_NULL, 1u);
    bench_task(&ping_task, ping_entry, K_NULL, 1u);
    bench_window("queue-pingpong", 1u, K_NULL, 0u);
}
