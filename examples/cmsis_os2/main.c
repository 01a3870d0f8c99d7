/*
 * CMSIS-RTOS2 example: a sensor hub written against cmsis_os2.h only.
 *
 *   periodic timer --event flag--> sampler --message queue (by priority)--> processor
 *        (100 ticks)                  |  samples from a memory pool           |
 *                                     |                        mutex-protected statistics
 *                                     |                                        |
 *                                  urgent samples --thread flag--> alarm    reporter (every
 *                                                                           second, osDelayUntil)
 *
 * app_main runs the hub for DEMO_SECONDS, then shuts every thread down,
 * joins them, checks that every sample was accounted for and every block
 * returned, and ends the program with the verdict. Only the reporter and
 * app_main print (one printer at a time keeps the real-clock host happy).
 */
#include <stdio.h>
#include <string.h>
#include "cmsis_os2.h"
#include "tern_board.h"

#ifdef _TOS_K_H_
#error "a CMSIS-RTOS2 application needs no kernel header"
#endif

#define DEMO_SECONDS  5u
#define SAMPLE_PERIOD 100u /* ticks */
#define POOL_BLOCKS   8u
#define QUEUE_SLOTS   8u
#define URGENT_LEVEL  290 /* samples above it are urgent */

#define FLAG_SAMPLE 0x1u /* event flags: timer -> sampler */
#define FLAG_STOP   0x2u
#define FLAG_ALARM  0x1u /* thread flags of the alarm thread */
#define FLAG_QUIT   0x2u

typedef struct {
    uint32_t seq;
    int32_t value;
} sample_t;

typedef struct {
    uint32_t taken;   /* by the sampler */
    uint32_t dropped; /* no free block */
    uint32_t processed;
    uint32_t urgent;
    int32_t min;
    int32_t max;
    int64_t sum;
} stats_t;

static osEventFlagsId_t events;
static osMessageQueueId_t queue;
static osMemoryPoolId_t pool;
static osMutexId_t stats_lock;
static osTimerId_t sample_timer;
static osThreadId_t sampler_id, processor_id, alarm_id, reporter_id;

static stats_t stats;
static volatile uint32_t alarms;
static volatile int running = 1;

/* Static control block and stack for the processor (the others use the heap). */
static osTernThread_t processor_cb;
static uint64_t processor_stack[1024u / sizeof(uint64_t)];

/* A deterministic "sensor": a triangle wave with some pseudo-noise. */
static int32_t sensor_read(uint32_t seq)
{
    int32_t phase = (int32_t)(seq % 40u);
    int32_t wave = phase < 20 ? phase * 5 : (40 - phase) * 5;
    int32_t noise = (int32_t)((seq * 2654435761u) >> 28) - 8;

    return 200 + wave + noise;
}

static void sample_tick(void *arg)
{
    (void)arg;
    (void)osEventFlagsSet(events, FLAG_SAMPLE); /* allowed from the tick interrupt */
}

static void sampler(void *arg)
{
    uint32_t seq = 0u;
    uint32_t flags;
    sample_t *s;

    (void)arg;
    for (;;) {
        flags = osEventFlagsWait(events, FLAG_SAMPLE | FLAG_STOP, osFlagsWaitAny, osWaitForever);
        if ((flags & osFlagsError) != 0u || (flags & FLAG_STOP) != 0u) {
            break;
        }
        s = osMemoryPoolAlloc(pool, 0u);
        (void)osMutexAcquire(stats_lock, osWaitForever);
        ++stats.taken;
        stats.dropped += s == NULL ? 1u : 0u;
        (void)osMutexRelease(stats_lock);
        if (s != NULL) {
            s->seq = seq;
            s->value = sensor_read(seq);
            /* Urgent samples overtake the ones already queued. */
            (void)osMessageQueuePut(queue, &s, s->value > URGENT_LEVEL ? 1u : 0u, osWaitForever);
        }
        ++seq;
    }
    osThreadExit();
}

static void account(const sample_t *s, int urgent)
{
    (void)osMutexAcquire(stats_lock, osWaitForever);
    stats.urgent += urgent ? 1u : 0u;
    if (stats.processed == 0u || s->value < stats.min) {
        stats.min = s->value;
    }
    if (stats.processed == 0u || s->value > stats.max) {
        stats.max = s->value;
    }
    stats.sum += s->value;
    ++stats.processed;
    (void)osMutexRelease(stats_lock);
}

static void processor(void *arg)
{
    sample_t *s = NULL;
    uint8_t prio = 0u;

    (void)arg;
    /* A NULL sample is the shutdown request. */
    while (osMessageQueueGet(queue, &s, &prio, osWaitForever) == osOK && s != NULL) {
        account(s, prio > 0u);
        if (prio > 0u) {
            (void)osThreadFlagsSet(alarm_id, FLAG_ALARM);
        }
        (void)osMemoryPoolFree(pool, s);
    }
}

static void alarm_thread(void *arg)
{
    uint32_t flags;

    (void)arg;
    do {
        flags = osThreadFlagsWait(FLAG_ALARM | FLAG_QUIT, osFlagsWaitAny, osWaitForever);
        alarms += (flags & FLAG_ALARM) != 0u ? 1u : 0u;
    } while ((flags & osFlagsError) == 0u && (flags & FLAG_QUIT) == 0u);
}

static void report(uint32_t second)
{
    stats_t copy;

    (void)osMutexAcquire(stats_lock, osWaitForever);
    copy = stats;
    (void)osMutexRelease(stats_lock);
    printf("[%2u s] samples %3u processed %3u urgent %2u alarms %2u dropped %u  min %3d max %3d "
           "avg %3d  pool %u/%u  stack free: sampler %u processor %u\n",
           (unsigned)second, (unsigned)copy.taken, (unsigned)copy.processed, (unsigned)copy.urgent,
           (unsigned)alarms, (unsigned)copy.dropped, (int)copy.min, (int)copy.max,
           copy.processed > 0u ? (int)(copy.sum / copy.processed) : 0,
           (unsigned)osMemoryPoolGetCount(pool), (unsigned)osMemoryPoolGetCapacity(pool),
           (unsigned)osThreadGetStackSpace(sampler_id),
           (unsigned)osThreadGetStackSpace(processor_id));
}

static void reporter(void *arg)
{
    uint32_t next = osKernelGetTickCount();
    uint32_t second = 0u;

    (void)arg;
    while (running) {
        next += osKernelGetTickFreq();
        (void)osDelayUntil(next);
        report(++second);
    }
}

static osThreadId_t spawn(osThreadFunc_t fn, const char *name, osPriority_t prio)
{
    osThreadAttr_t attr;

    memset(&attr, 0, sizeof(attr));
    attr.name = name;
    attr.attr_bits = osThreadJoinable;
    attr.priority = prio;
    return osThreadNew(fn, NULL, &attr);
}

static int start_threads(void)
{
    osThreadAttr_t attr;

    memset(&attr, 0, sizeof(attr));
    attr.name = "processor";
    attr.attr_bits = osThreadJoinable;
    attr.cb_mem = &processor_cb;
    attr.cb_size = sizeof(processor_cb);
    attr.stack_mem = processor_stack;
    attr.stack_size = sizeof(processor_stack);
    attr.priority = osPriorityNormal;
    processor_id = osThreadNew(processor, NULL, &attr);
    alarm_id = spawn(alarm_thread, "alarm", osPriorityHigh);
    sampler_id = spawn(sampler, "sampler", osPriorityAboveNormal);
    reporter_id = spawn(reporter, "reporter", osPriorityBelowNormal);
    return processor_id != NULL && alarm_id != NULL && sampler_id != NULL && reporter_id != NULL;
}

/*
 * Stops the reporter (it must not look at threads that are gone), then the
 * producers, then lets the consumers drain the queue and end.
 */
static int shut_down(void)
{
    sample_t *none = NULL;
    int ok;

    running = 0;
    ok = osThreadJoin(reporter_id) == osOK;
    ok = ok && osTimerStop(sample_timer) == osOK;
    ok = ok && (osEventFlagsSet(events, FLAG_STOP) & osFlagsError) == 0u;
    ok = ok && osThreadJoin(sampler_id) == osOK;
    ok = ok && osMessageQueuePut(queue, &none, 0u, osWaitForever) == osOK;
    ok = ok && osThreadJoin(processor_id) == osOK;
    ok = ok && (osThreadFlagsSet(alarm_id, FLAG_QUIT) & osFlagsError) == 0u;
    ok = ok && osThreadJoin(alarm_id) == osOK;
    return ok;
}

static void app_main(void *arg)
{
    int ok = start_threads();

    (void)arg;
    ok = ok && osTimerStart(sample_timer, SAMPLE_PERIOD) == osOK;
    ok = ok && osDelay(DEMO_SECONDS * osKernelGetTickFreq() + SAMPLE_PERIOD / 2u) == osOK;
    ok = ok && shut_down();
    /* The reporter's last second keeps the timer running for one more second. */
    ok = ok && stats.taken == (DEMO_SECONDS + 1u) * osKernelGetTickFreq() / SAMPLE_PERIOD;
    ok = ok && stats.processed + stats.dropped == stats.taken;
    ok = ok && alarms == stats.urgent && stats.urgent > 0u;
    ok = ok && osMemoryPoolGetCount(pool) == 0u && osMessageQueueGetCount(queue) == 0u;
    printf("cmsis_os2 demo: %u samples, %u urgent, %u dropped: %s\n", (unsigned)stats.taken,
           (unsigned)stats.urgent, (unsigned)stats.dropped, ok ? "PASS" : "FAIL");
    tern_board_exit(ok ? 0 : 1);
}

static int create_objects(void)
{
    static const osMutexAttr_t lock_attr = {"stats", osMutexPrioInherit, NULL, 0u};

    events = osEventFlagsNew(NULL);
    queue = osMessageQueueNew(QUEUE_SLOTS, sizeof(sample_t *), NULL);
    pool = osMemoryPoolNew(POOL_BLOCKS, sizeof(sample_t), NULL);
    stats_lock = osMutexNew(&lock_attr);
    sample_timer = osTimerNew(sample_tick, osTimerPeriodic, NULL, NULL);
    return events != NULL && queue != NULL && pool != NULL && stats_lock != NULL &&
           sample_timer != NULL;
}

int main(void)
{
    osVersion_t version;
    char id[32];

    tern_board_init();
    (void)osKernelGetInfo(&version, id, sizeof(id));
    printf("%s, CMSIS-RTOS2 API %u.%u.%u\n", id, (unsigned)(version.api / 10000000u),
           (unsigned)(version.api / 10000u % 1000u), (unsigned)(version.api % 10000u));
    if (osKernelInitialize() != osOK || !create_objects() ||
        osThreadNew(app_main, NULL, NULL) == NULL) {
        printf("cmsis_os2 demo: setup failed\n");
        tern_board_exit(1);
    }
    (void)osKernelStart(); /* does not return */
    printf("cmsis_os2 demo: the kernel did not start\n");
    tern_board_exit(1);
}
