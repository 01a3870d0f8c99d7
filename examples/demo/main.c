/*
 * Tern demo: a small sensor pipeline.
 *
 *   sampler  --mail queue-->  filter  --mutex-protected stats-->  monitor
 *      ^                                                              |
 *   periodic timer (every 100 ms) releases a semaphore         every second
 *                                                              prints the task
 *   cruncher: a background task that burns CPU between sleeps  table
 *
 * The program ends by itself after DEMO_SECONDS seconds. With the real-time
 * clock (`make demo`) it takes that long; with the virtual clock it finishes
 * at once and prints exactly the same numbers on every run.
 */
#include "tos_k.h"
#include "tern_board.h"

#define DEMO_SECONDS  10u
#define SAMPLE_PERIOD 100u /* ticks */
#define STK_SIZE      1024u

enum { PRIO_FILTER = 2, PRIO_SAMPLER = 3, PRIO_MONITOR = 4, PRIO_CRUNCHER = 6 };

typedef struct {
    uint32_t seq;
    int32_t value;
} sample_t;

typedef struct {
    uint32_t count;
    int32_t min;
    int32_t max;
    int64_t sum;
    int32_t smoothed;
} stats_t;

static k_task_t sampler_task, filter_task, monitor_task, cruncher_task;
static k_stack_t sampler_stk[STK_SIZE], filter_stk[STK_SIZE], monitor_stk[STK_SIZE],
    cruncher_stk[STK_SIZE];

static k_timer_t sample_timer;
static k_sem_t sample_sem;
static k_mail_q_t sample_q;
static sample_t sample_pool[8];
static k_mutex_t stats_lock;
static stats_t stats;

static k_tick_t last_run[16];
static k_tick_t last_total;

/* A deterministic "sensor": a slow triangle wave with a little pseudo-noise. */
static int32_t sensor_read(uint32_t seq)
{
    int32_t phase = (int32_t)(seq % 40u);
    int32_t wave = phase < 20 ? phase * 5 : (40 - phase) * 5;
    int32_t noise = (int32_t)((seq * 2654435761u) >> 28) - 8;

    return 200 + wave + noise;
}

static void sample_timer_cb(void *arg)
{
    (void)arg;
    (void)tos_sem_post(&sample_sem); /* runs in the tick interrupt */
}

static void sampler_entry(void *arg)
{
    sample_t s = {0u, 0};

    (void)arg;
    for (;;) {
        if (tos_sem_pend(&sample_sem, TOS_TIME_FOREVER) == K_ERR_NONE) {
            ++s.seq;
            s.value = sensor_read(s.seq);
            (void)tos_mail_q_post(&sample_q, &s, sizeof(s));
        }
    }
}

static void stats_add(const sample_t *s)
{
    if (stats.count == 0u || s->value < stats.min) {
        stats.min = s->value;
    }
    if (stats.count == 0u || s->value > stats.max) {
        stats.max = s->value;
    }
    stats.sum += s->value;
    /* Exponential smoothing, alpha = 1/4, in integers. */
    stats.smoothed =
        stats.count == 0u ? s->value : stats.smoothed + (s->value - stats.smoothed) / 4;
    ++stats.count;
}

static void filter_entry(void *arg)
{
    sample_t s;
    size_t size;

    (void)arg;
    for (;;) {
        if (tos_mail_q_pend(&sample_q, &s, &size, TOS_TIME_FOREVER) == K_ERR_NONE) {
            (void)tos_mutex_pend(&stats_lock);
            stats_add(&s);
            (void)tos_mutex_post(&stats_lock);
        }
    }
}

static void cruncher_entry(void *arg)
{
    (void)arg;
    for (;;) {
        /* Busy for 30 ticks' worth of CPU, then asleep for 70: about 30 % of the CPU. */
        tern_board_burn(30u * k_cpu_cycle_per_tick);
        (void)tos_task_delay(70u);
    }
}

static const char *state_name(const k_task_t *task)
{
    const char *name = "ready";

    if (task == k_curr_task) {
        name = "running";
    } else if (task->state & K_TASK_STATE_SUSPENDED) {
        name = "suspended";
    } else if (task->state & K_TASK_STATE_PEND) {
        name = "waiting";
    } else if (task->state & K_TASK_STATE_SLEEP) {
        name = "sleeping";
    }
    return name;
}

static uint32_t task_slot(const k_task_t *task)
{
    return (uint32_t)(((uintptr_t)task / sizeof(k_task_t)) % 16u);
}

/* Called by tos_task_walkthru() with interrupts disabled: printing is fine on a demo. */
static void task_row(k_task_t *task)
{
    int depth = 0;
    k_tick_t total = k_tick_count - last_total;
    k_tick_t ran = task->run_ticks - last_run[task_slot(task)];
    uint32_t share = total > 0u ? (uint32_t)(ran * 1000u / total) : 0u;

    (void)tos_task_stack_draught_depth(task, &depth);
    printf("  %-10s %-10s %4u %6d/%-6u %3u.%u %%\n", task->name, state_name(task),
           (unsigned)task->prio, depth, (unsigned)task->stk_size, (unsigned)(share / 10u),
           (unsigned)(share % 10u));
    last_run[task_slot(task)] = task->run_ticks;
}

static void monitor_print(uint32_t second)
{
    stats_t snap;

    (void)tos_mutex_pend(&stats_lock);
    snap = stats;
    (void)tos_mutex_post(&stats_lock);

    printf("\n[t=%2us] samples %3u  min %3d  max %3d  mean %3d  smoothed %3d\n", (unsigned)second,
           (unsigned)snap.count, (int)snap.min, (int)snap.max,
           snap.count ? (int)(snap.sum / (int64_t)snap.count) : 0, (int)snap.smoothed);
    printf("  %-10s %-10s %4s %13s %7s\n", "task", "state", "prio", "stack used", "cpu");
    tos_task_walkthru(task_row);
    last_total = k_tick_count;
}

static void monitor_entry(void *arg)
{
    uint32_t second;

    (void)arg;
    for (second = 1u; second <= DEMO_SECONDS; ++second) {
        (void)tos_task_delay(TOS_CFG_CPU_TICK_PER_SECOND);
        monitor_print(second);
    }
    printf("\ndemo finished after %u s (%u samples)\n", (unsigned)DEMO_SECONDS,
           (unsigned)stats.count);
    tern_board_exit(
        stats.count == DEMO_SECONDS * (TOS_CFG_CPU_TICK_PER_SECOND / SAMPLE_PERIOD) ? 0 : 1);
}

static void demo_create(void)
{
    (void)tos_sem_create(&sample_sem, 0u);
    (void)tos_mutex_create(&stats_lock);
    (void)tos_mail_q_create(&sample_q, sample_pool, 8u, sizeof(sample_t));
    (void)tos_timer_create(&sample_timer, SAMPLE_PERIOD, SAMPLE_PERIOD, sample_timer_cb, K_NULL,
                           TOS_OPT_TIMER_PERIODIC);
    (void)tos_timer_start(&sample_timer);

    (void)tos_task_create(&filter_task, "filter", filter_entry, K_NULL, PRIO_FILTER, filter_stk,
                          STK_SIZE, 0u);
    (void)tos_task_create(&sampler_task, "sampler", sampler_entry, K_NULL, PRIO_SAMPLER,
                          sampler_stk, STK_SIZE, 0u);
    (void)tos_task_create(&monitor_task, "monitor", monitor_entry, K_NULL, PRIO_MONITOR,
                          monitor_stk, STK_SIZE, 0u);
    (void)tos_task_create(&cruncher_task, "cruncher", cruncher_entry, K_NULL, PRIO_CRUNCHER,
                          cruncher_stk, STK_SIZE, 0u);
}

int main(void)
{
    tern_board_init();
    if (tos_knl_init() != K_ERR_NONE) {
        printf("kernel init failed\n");
        tern_board_exit(1);
    }
    demo_create();
    printf("Tern %s (TencentOS Tiny API %s) demo: %u seconds\n", TERN_VERSION, TOS_VERSION,
           (unsigned)DEMO_SECONDS);
    (void)tos_knl_start();
    return 1;
}
