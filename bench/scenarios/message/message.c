/*
 * Message processing: one task posts a 16-byte mail to a mail queue and
 * receives it back, then checks it.
 */
#include <string.h>

#include "bench.h"

#define MSG_SIZE  16u
#define MSG_SLOTS 4u

static k_task_t msg_worker;
static k_mail_q_t msg_queue;
static uint8_t msg_pool[MSG_SLOTS * MSG_SIZE] __ALIGNED__(4);

static void msg_entry(void *arg)
{
    uint32_t out[MSG_SIZE / 4u] = {1u, 2u, 3u, 4u};
    uint32_t in[MSG_SIZE / 4u];
    size_t size;

    (void)arg;
    for (;;) {
        bench_check("tos_mail_q_post", tos_mail_q_post(&msg_queue, out, MSG_SIZE));
        bench_check("tos_mail_q_pend", tos_mail_q_pend(&msg_queue, in, &size, TOS_TIME_NOWAIT));
        ++out[0];
        ++bench_counters[0];
    }
}

void bench_main(void)
{
    bench_check("tos_mail_q_create", tos_mail_q_create(&msg_queue, msg_pool, MSG_SLOTS, MSG_SIZE));
    bench_task(&msg_worker, msg_entry, K_NULL, 1u);
    bench_window("message", 1u, K_NULL, 0u);
}
