/*
 * Interrupt latency: a stress mix of every kernel path the other scenarios
 * measure, run at once, for bench/latency/trace.py to watch instruction by
 * instruction (bench/README.md, "Interrupt latency"). Nothing here measures:
 * the program only marks the window (latency_window_begin/end, found by
 * symbol) and checks that every part of the mix really ran in it.
 *
 * Tasks, most urgent first (0 is the harness's measuring task):
 *   1 susp   suspends itself; resumed by mid and by the interrupt
 *   2 irq    waits on the semaphore the interrupt posts (with a timeout)
 *   3 hi     waits for the software timer's event (with a timeout), then
 *            takes the mutex lo may hold (priority inheritance)
 *   4 mid    bursts of mail queue, block pool, heap, resume, interrupt;
 *            then sleeps 1..3 ticks
 *   5 ping, pong   semaphore and message queue ping-pong, yields; ping
 *            sleeps 1..4 ticks after each burst
 *   6 lo     holds the mutex across heap work and a yield, sleeps 2 ticks
 * The idle task runs (with tick suppression) whenever all of them wait.
 *
 * On the MPS2 boards a CMSDK timer also fires, reloaded with a prime count
 * (2503) so that its interrupts drift across every phase of the tick, at
 * priority 0, above the kernel's mask threshold: latency_zl_isr() is the
 * handler whose latency is measured; it never calls the kernel, it pends
 * the kernel-aware software interrupt as a driver's fast half would.
 */
#include <stdio.h>

#include "bench.h"
#include "tern_board.h"

#define MIX_SUSP  0u
#define MIX_IRQ   1u
#define MIX_HI    2u
#define MIX_MID   3u
#define MIX_PING  4u
#define MIX_LO    5u
#define MIX_TIMER 6u
#define MIX_ISR   7u
#define MIX_PARTS 8u

#define MIX_STK_SIZE (K_TASK_STK_SIZE_MIN + 384u)
#define MIX_TASKS    7u
#define MAIL_SIZE    16u
#define MAIL_SLOTS   2u
#define BLK_SIZE     32u
#define BLK_COUNT    4u
#define MID_BURST    4u
#define PING_BURST   8u
#define TIMER_PERIOD 3u
#define EVT_TIMER    0x1u
#define HEAP_SIZES   4u

#if defined(MPS2_TIMER0_BASE) && defined(MPS2_TIMER0_IRQ) && PORT_USES_BASEPRI
#define ZL_TIMER_EN     1
#define ZL_TIMER_CTRL   (*(volatile uint32_t *)(uintptr_t)(MPS2_TIMER0_BASE + 0x00u))
#define ZL_TIMER_RELOAD (*(volatile uint32_t *)(uintptr_t)(MPS2_TIMER0_BASE + 0x08u))
#define ZL_TIMER_CLEAR  (*(volatile uint32_t *)(uintptr_t)(MPS2_TIMER0_BASE + 0x0Cu))
#define ZL_TIMER_PERIOD 2503u
#define ZL_TIMER_START  0x9u /* enable, interrupt enable */
#else
#define ZL_TIMER_EN 0
#endif

static k_task_t mix_tasks[MIX_TASKS];
static k_stack_t mix_stk[MIX_TASKS][MIX_STK_SIZE] __ALIGNED__(8);
#define susp_task (mix_tasks[0])

static k_sem_t irq_sem, ping_sem, pong_sem;
static k_msg_q_t ping_q, pong_q;
static void *ping_pool[1], *pong_pool[1];
static k_mail_q_t mail_q;
static uint8_t mail_pool[MAIL_SLOTS * MAIL_SIZE] __ALIGNED__(4);
static k_mmblk_pool_t blk_pool;
static uint8_t blk_mem[BLK_COUNT * BLK_SIZE] __ALIGNED__(4);
static k_mutex_t mix_mutex;
static k_event_t mix_event;
static k_timer_t mix_timer;
static uint32_t ball;

#if ZL_TIMER_EN
static volatile uint32_t zl_runs;
#endif

/* The window's edges for the tracer: real calls it can find by address. */
__attribute__((noinline)) void latency_window_begin(void)
{
    __asm__ volatile("" : : : "memory");
}

__attribute__((noinline)) void latency_window_end(void)
{
    __asm__ volatile("" : : : "memory");
}

static void mix_isr(void)
{
    tos_knl_irq_enter();
    (void)tos_sem_post(&irq_sem);
    (void)tos_task_resume(&susp_task);
    ++bench_counters[MIX_ISR];
    tos_knl_irq_leave();
}

#if ZL_TIMER_EN
void latency_zl_isr(void)
{
    ZL_TIMER_CLEAR = 1u;
    ++zl_runs;
    bench_irq_raise();
}

static void zl_timer_start(void)
{
    if (port_irq_attach(MPS2_TIMER0_IRQ, latency_zl_isr) != 0) {
        bench_check("port_irq_attach (timer)", K_ERR_OBJ_INVALID);
    }
    port_irq_priority_set(MPS2_TIMER0_IRQ, 0u);
    ZL_TIMER_RELOAD = ZL_TIMER_PERIOD - 1u;
    ZL_TIMER_CTRL = ZL_TIMER_START;
    port_irq_enable(MPS2_TIMER0_IRQ);
}
#endif

static void timer_cb(void *arg)
{
    (void)arg;
    (void)tos_event_post(&mix_event, EVT_TIMER);
    ++bench_counters[MIX_TIMER];
}

static void susp_entry(void *arg)
{
    (void)arg;
    for (;;) {
        bench_check("tos_task_suspend", tos_task_suspend(&susp_task));
        ++bench_counters[MIX_SUSP];
    }
}

static void irq_entry(void *arg)
{
    k_err_t err;

    (void)arg;
    for (;;) {
        err = tos_sem_pend(&irq_sem, 5u);
        if (err != K_ERR_PEND_TIMEOUT) {
            bench_check("tos_sem_pend (irq)", err);
            ++bench_counters[MIX_IRQ];
        }
    }
}

static void hi_entry(void *arg)
{
    k_event_flag_t match;
    k_err_t err;

    (void)arg;
    for (;;) {
        err = tos_event_pend(&mix_event, EVT_TIMER, &match, 2u,
                             TOS_OPT_EVENT_PEND_ANY | TOS_OPT_EVENT_PEND_CLR);
        if (err != K_ERR_PEND_TIMEOUT) {
            bench_check("tos_event_pend", err);
        }
        bench_check("tos_mutex_pend (hi)", tos_mutex_pend(&mix_mutex));
        ++bench_counters[MIX_HI];
        bench_check("tos_mutex_post (hi)", tos_mutex_post(&mix_mutex));
    }
}

static void mid_round(uint32_t n)
{
    static const size_t heap_sizes[HEAP_SIZES] = {24u, 128u, 300u, 64u};
    uint32_t out[MAIL_SIZE / 4u] = {n, 2u, 3u, 4u};
    uint32_t in[MAIL_SIZE / 4u];
    size_t size;
    void *blk, *p;

    bench_check("tos_mail_q_post", tos_mail_q_post(&mail_q, out, MAIL_SIZE));
    bench_check("tos_mail_q_pend", tos_mail_q_pend(&mail_q, in, &size, TOS_TIME_NOWAIT));
    bench_check("tos_mmblk_alloc", tos_mmblk_alloc(&blk_pool, &blk));
    p = tos_mmheap_alloc(heap_sizes[n % HEAP_SIZES]);
    if (p == K_NULL || in[0] != n) {
        bench_check("tos_mmheap_alloc / mail", K_ERR_OUT_OF_MEMORY);
    }
    bench_check("tos_task_resume", tos_task_resume(&susp_task));
    bench_irq_raise();
    tos_mmheap_free(p);
    bench_check("tos_mmblk_free", tos_mmblk_free(&blk_pool, blk));
}

static void mid_entry(void *arg)
{
    uint32_t n = 0u, i;

    (void)arg;
    for (;;) {
        for (i = 0u; i < MID_BURST; ++i) {
            mid_round(n++);
            ++bench_counters[MIX_MID];
        }
        bench_check("tos_task_delay (mid)", tos_task_delay(1u + n % 3u));
    }
}

static void ping_entry(void *arg)
{
    uint32_t n = 0u, i;
    void *msg;

    (void)arg;
    for (;;) {
        for (i = 0u; i < PING_BURST; ++i) {
            bench_check("tos_sem_post (ping)", tos_sem_post(&pong_sem));
            bench_check("tos_sem_pend (ping)", tos_sem_pend(&ping_sem, TOS_TIME_FOREVER));
            bench_check("tos_msg_q_post (ping)", tos_msg_q_post(&pong_q, &ball));
            bench_check("tos_msg_q_pend (ping)", tos_msg_q_pend(&ping_q, &msg, TOS_TIME_FOREVER));
            tos_task_yield();
            ++bench_counters[MIX_PING];
        }
        bench_check("tos_task_delay (ping)", tos_task_delay(1u + n++ % 4u));
    }
}

static void pong_entry(void *arg)
{
    void *msg;

    (void)arg;
    for (;;) {
        bench_check("tos_sem_pend (pong)", tos_sem_pend(&pong_sem, TOS_TIME_FOREVER));
        bench_check("tos_sem_post (pong)", tos_sem_post(&ping_sem));
        bench_check("tos_msg_q_pend (pong)", tos_msg_q_pend(&pong_q, &msg, TOS_TIME_FOREVER));
        bench_check("tos_msg_q_post (pong)", tos_msg_q_post(&ping_q, msg));
    }
}

static void lo_entry(void *arg)
{
    void *a, *b;

    (void)arg;
    for (;;) {
        bench_check("tos_mutex_pend (lo)", tos_mutex_pend(&mix_mutex));
        a = tos_mmheap_alloc(200u);
        b = tos_mmheap_alloc(40u);
        tos_task_yield();
        tos_mmheap_free(a);
        tos_mmheap_free(b);
        ++bench_counters[MIX_LO];
        bench_check("tos_mutex_post (lo)", tos_mutex_post(&mix_mutex));
        bench_check("tos_task_delay (lo)", tos_task_delay(2u));
    }
}

static void mix_task(unsigned int i, k_task_entry_t entry, k_prio_t prio)
{
    bench_check("tos_task_create", tos_task_create(&mix_tasks[i], "mix", entry, K_NULL, prio,
                                                   mix_stk[i], MIX_STK_SIZE, 0u));
}

static void mix_create(void)
{
    bench_check("tos_sem_create", tos_sem_create(&irq_sem, 0u));
    bench_check("tos_sem_create", tos_sem_create(&ping_sem, 0u));
    bench_check("tos_sem_create", tos_sem_create(&pong_sem, 0u));
    bench_check("tos_msg_q_create", tos_msg_q_create(&ping_q, ping_pool, 1u));
    bench_check("tos_msg_q_create", tos_msg_q_create(&pong_q, pong_pool, 1u));
    bench_check("tos_mail_q_create", tos_mail_q_create(&mail_q, mail_pool, MAIL_SLOTS, MAIL_SIZE));
    bench_check("tos_mmblk_pool_create",
                tos_mmblk_pool_create(&blk_pool, blk_mem, BLK_COUNT, BLK_SIZE));
    bench_check("tos_mutex_create", tos_mutex_create(&mix_mutex));
    bench_check("tos_event_create", tos_event_create(&mix_event, 0u));
    bench_check("tos_timer_create", tos_timer_create(&mix_timer, TIMER_PERIOD, TIMER_PERIOD,
                                                     timer_cb, K_NULL, TOS_OPT_TIMER_PERIODIC));
    bench_irq_connect(mix_isr);
    mix_task(0u, susp_entry, 1u);
    mix_task(1u, irq_entry, 2u);
    mix_task(2u, hi_entry, 3u);
    mix_task(3u, mid_entry, 4u);
    mix_task(4u, ping_entry, 5u);
    mix_task(5u, pong_entry, 5u);
    mix_task(6u, lo_entry, 6u);
    bench_check("tos_timer_start", tos_timer_start(&mix_timer));
#if ZL_TIMER_EN
    zl_timer_start();
#endif
}

/*
 * Every part of the mix must have run in the window, or the window proves
 * nothing; and the software timer must have fired once per period, or
 * something (a stack overflow, say) broke the kernel's time.
 */
static void mix_report(const uint32_t *before)
{
    uint32_t fired = bench_counters[MIX_TIMER] - before[MIX_TIMER];
    unsigned int i;
    int all = 1;

    printf("LATENCY-MIX");
    for (i = 0u; i < MIX_PARTS; ++i) {
        printf(" %lu", (unsigned long)(bench_counters[i] - before[i]));
        all = all && bench_counters[i] != before[i];
    }
    printf("\n");
    if (!all || fired + 1u < BENCH_WINDOW_TICKS / TIMER_PERIOD ||
        fired > BENCH_WINDOW_TICKS / TIMER_PERIOD + 1u) {
        printf("BENCH-ERROR latency: a part of the mix did not run, or the timer fired %lu times\n",
               (unsigned long)fired);
        tern_board_exit(1);
    }
}

void bench_main(void)
{
    uint32_t before[MIX_PARTS];
    unsigned int i;

    mix_create();
    bench_check("tos_task_delay (warm-up)", tos_task_delay(BENCH_WARMUP_TICKS));
    for (i = 0u; i < MIX_PARTS; ++i) {
        before[i] = bench_counters[i];
    }
    latency_window_begin();
    bench_check("tos_task_delay (window)", tos_task_delay(BENCH_WINDOW_TICKS));
    latency_window_end();
    mix_report(before);
#if ZL_TIMER_EN
    printf("LATENCY-ZL irq=%u runs=%lu\n", (unsigned int)MPS2_TIMER0_IRQ, (unsigned long)zl_runs);
#endif
}
