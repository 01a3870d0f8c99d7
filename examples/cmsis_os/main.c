/*
 * CMSIS-RTOS v1 example: a sampling pipeline written against cmsis_os.h only.
 *
 *   periodic timer --signal 0x1--> sampler --mail queue--> collector
 *                                                  |  (statistics under a mutex)
 *   checker: waits on a semaphore the collector releases after READINGS
 *            samples, checks the totals, prints PASS or FAIL and ends the run.
 *
 * On the host's virtual clock it runs instantly and prints the same numbers
 * every time; on a board it takes READINGS sample periods.
 */
#include <stdio.h>

#include "cmsis_os.h"
#include "tern_board.h"

#ifdef _TOS_K_H_
#error "a CMSIS-RTOS v1 application does not need tos_k.h"
#endif

#define READINGS      20u
#define SAMPLE_PERIOD 10u /* ms */
#define SIG_SAMPLE    0x1

typedef struct {
    uint32_t seq;
    int32_t value;
} reading_t;

static void sampler(void const *arg);
static void collector(void const *arg);
static void checker(void const *arg);
static void sample_tick(void const *arg);

osThreadDef(sampler, osPriorityAboveNormal, 1, 1024);
osThreadDef(collector, osPriorityNormal, 1, 1024);
osThreadDef(checker, osPriorityBelowNormal, 1, 1024);
osTimerDef(sample_timer, sample_tick);
osMailQDef(readings, 8, reading_t);
osMutexDef(stats_lock);
osSemaphoreDef(done);

static osThreadId sampler_id;
static osTimerId sample_timer_id;
static osMailQId readings_q;
static osMutexId stats_mutex;
static osSemaphoreId done_sem;

static struct {
    uint32_t count;
    int64_t sum;
} stats;

/* A deterministic "sensor". */
static int32_t sensor_read(uint32_t seq)
{
    return 100 + (int32_t)(seq % 7u) * 3;
}

/* Runs in the timer's context: only signals the sampler. */
static void sample_tick(void const *arg)
{
    (void)arg;
    (void)osSignalSet(sampler_id, SIG_SAMPLE);
}

static void sampler(void const *arg)
{
    uint32_t seq;
    reading_t *r;

    (void)arg;
    for (seq = 1u; seq <= READINGS; ++seq) {
        if (osSignalWait(SIG_SAMPLE, osWaitForever).status != osEventSignal) {
            break;
        }
        r = osMailAlloc(readings_q, osWaitForever);
        if (r != NULL) {
            r->seq = seq;
            r->value = sensor_read(seq);
            (void)osMailPut(readings_q, r);
        }
    }
    (void)osThreadTerminate(osThreadGetId());
}

static void collector(void const *arg)
{
    osEvent evt;
    reading_t *r;

    (void)arg;
    for (;;) {
        evt = osMailGet(readings_q, osWaitForever);
        if (evt.status != osEventMail) {
            continue;
        }
        r = evt.value.p;
        (void)osMutexWait(stats_mutex, osWaitForever);
        stats.sum += r->value;
        ++stats.count;
        (void)osMutexRelease(stats_mutex);
        (void)osMailFree(readings_q, r);
        if (stats.count == READINGS) {
            (void)osSemaphoreRelease(done_sem);
        }
    }
}

static int64_t expected_sum(void)
{
    int64_t sum = 0;
    uint32_t seq;

    for (seq = 1u; seq <= READINGS; ++seq) {
        sum += sensor_read(seq);
    }
    return sum;
}

static void checker(void const *arg)
{
    int ok;

    (void)arg;
    ok = osSemaphoreWait(done_sem, 10u * READINGS * SAMPLE_PERIOD) > 0;
    (void)osTimerStop(sample_timer_id);
    (void)osMutexWait(stats_mutex, osWaitForever);
    ok = ok && stats.count == READINGS && stats.sum == expected_sum();
    printf("cmsis_os example: %u readings, sum %lld: %s\n", (unsigned)stats.count,
           (long long)stats.sum, ok ? "PASS" : "FAIL");
    (void)osMutexRelease(stats_mutex);
    tern_board_exit(ok ? 0 : 1);
}

static int create_objects(void)
{
    readings_q = osMailCreate(osMailQ(readings), NULL);
    stats_mutex = osMutexCreate(osMutex(stats_lock));
    done_sem = osSemaphoreCreate(osSemaphore(done), 0);
    sampler_id = osThreadCreate(osThread(sampler), NULL);
    sample_timer_id = osTimerCreate(osTimer(sample_timer), osTimerPeriodic, NULL);
    return readings_q != NULL && stats_mutex != NULL && done_sem != NULL && sampler_id != NULL &&
           sample_timer_id != NULL && osTimerStart(sample_timer_id, SAMPLE_PERIOD) == osOK &&
           osThreadCreate(osThread(collector), NULL) != NULL &&
           osThreadCreate(osThread(checker), NULL) != NULL;
}

int main(void)
{
    tern_board_init();
    if (osKernelInitialize() != osOK || !create_objects()) {
        printf("cmsis_os example: setup failed\n");
        tern_board_exit(1);
    }
    (void)osKernelStart();
    printf("cmsis_os example: the kernel did not start\n");
    tern_board_exit(1);
}
