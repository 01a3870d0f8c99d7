/*
 * Tern POSIX example: a data logger written against the POSIX API only.
 *
 *   sampler   SCHED_FIFO, clock_nanosleep(TIMER_ABSTIME) every 100 ms: reads
 *             a sensor, sends readings to a message queue (alarms with a
 *             higher message priority).
 *   logger    receives readings, folds them into statistics guarded by a
 *             PTHREAD_PRIO_INHERIT mutex, signals a condition variable every
 *             10 readings.
 *   reporter  waits on the condition (timed, CLOCK_MONOTONIC) and prints.
 *   heartbeat a POSIX timer (SIGEV_THREAD, every 500 ms) posts a semaphore.
 *
 * The three workers meet at a barrier before they start; each keeps a
 * scratch buffer in thread-specific data whose destructor runs when it
 * ends. main() boots, creates the supervisor thread and calls
 * pthread_exit(), which starts the scheduler. The supervisor lets the
 * system run EXAMPLE_SECONDS, cancels the workers, joins them, checks the
 * counts and ends the program. With the virtual clock (the default) it
 * finishes at once and prints the same lines on every run.
 */
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tos_posix.h"
#include "tern_board.h"

#define EXAMPLE_SECONDS 5
#define SAMPLE_MS       100
#define REPORT_EVERY    10
#define ALARM_LEVEL     280
#define QUEUE_NAME      "/readings"

typedef struct {
    unsigned seq;
    int value;
} reading_t;

typedef struct {
    unsigned count;
    unsigned alarms;
    int min;
    int max;
    long long sum;
} stats_t;

static pthread_mutex_t stats_lock;
static pthread_cond_t stats_ready;
static stats_t stats;
static unsigned reported;

static pthread_barrier_t start_line;
static pthread_once_t calibration_once = PTHREAD_ONCE_INIT;
static int calibration;
static pthread_key_t scratch_key;
static volatile unsigned scratch_freed;

static sem_t heartbeat;
static volatile unsigned heartbeats;

/* ---- helpers ------------------------------------------------------------------------ */

static void calibrate(void)
{
    calibration = 200; /* once, whoever gets here first */
}

/* A deterministic "sensor": a triangle wave with pseudo-noise and an occasional spike. */
static int sensor_read(unsigned seq)
{
    int phase = (int)(seq % 40u);
    int wave = phase < 20 ? phase * 4 : (40 - phase) * 4;
    int noise = (int)((seq * 2654435761u) >> 28) - 8;

    return calibration + wave + noise + (seq % 17u == 0u ? 100 : 0);
}

static void queue_close(void *q)
{
    (void)mq_close(*(mqd_t *)q);
}

static void scratch_free(void *buf)
{
    (void)buf; /* a real program would free() it */
    ++scratch_freed;
}

/* Every worker: its scratch buffer, then the start line. */
static void worker_start(char *scratch)
{
    (void)pthread_once(&calibration_once, calibrate);
    (void)pthread_setspecific(scratch_key, scratch);
    (void)pthread_barrier_wait(&start_line);
}

static void timespec_add_ms(struct timespec *ts, long ms)
{
    ts->tv_nsec += (ms % 1000) * 1000000L;
    ts->tv_sec += ms / 1000 + ts->tv_nsec / 1000000000L;
    ts->tv_nsec %= 1000000000L;
}

/* ---- the workers -------------------------------------------------------------------- */

static void *sampler(void *arg)
{
    static char scratch[32];
    mqd_t q = mq_open(QUEUE_NAME, O_WRONLY);
    struct timespec next;
    reading_t r = {0u, 0};

    (void)arg;
    pthread_cleanup_push(queue_close, &q);
    worker_start(scratch);
    (void)clock_gettime(CLOCK_MONOTONIC, &next);
    for (;;) {
        timespec_add_ms(&next, SAMPLE_MS);
        /* Absolute deadlines: no drift, whatever the loop costs. A cancellation point. */
        (void)clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
        r.value = sensor_read(++r.seq);
        (void)mq_send(q, (const char *)&r, sizeof(r), r.value > ALARM_LEVEL ? 1u : 0u);
    }
    pthread_cleanup_pop(1);
    return NULL;
}

static void stats_add(const reading_t *r, unsigned prio)
{
    (void)pthread_mutex_lock(&stats_lock);
    if (stats.count == 0u || r->value < stats.min) {
        stats.min = r->value;
    }
    if (stats.count == 0u || r->value > stats.max) {
        stats.max = r->value;
    }
    stats.sum += r->value;
    stats.alarms += prio > 0u ? 1u : 0u;
    if (++stats.count % REPORT_EVERY == 0u) {
        (void)pthread_cond_signal(&stats_ready);
    }
    (void)pthread_mutex_unlock(&stats_lock);
}

static void *logger(void *arg)
{
    static char scratch[32];
    mqd_t q = mq_open(QUEUE_NAME, O_RDONLY);
    reading_t r;
    unsigned prio = 0u;

    (void)arg;
    pthread_cleanup_push(queue_close, &q);
    worker_start(scratch);
    for (;;) {
        /* A cancellation point: the supervisor ends the logger here. */
        if (mq_receive(q, (char *)&r, sizeof(r), &prio) == (ssize_t)sizeof(r)) {
            stats_add(&r, prio);
        }
    }
    pthread_cleanup_pop(1);
    return NULL;
}

static void unlock_on_cancel(void *mutex)
{
    (void)pthread_mutex_unlock((pthread_mutex_t *)mutex);
}

static void *reporter(void *arg)
{
    static char scratch[32];
    struct timespec deadline;

    (void)arg;
    worker_start(scratch);
    (void)pthread_mutex_lock(&stats_lock);
    pthread_cleanup_push(unlock_on_cancel, &stats_lock);
    for (;;) {
        (void)clock_gettime(CLOCK_MONOTONIC, &deadline);
        timespec_add_ms(&deadline, 2 * REPORT_EVERY * SAMPLE_MS);
        while (stats.count / REPORT_EVERY == reported &&
               pthread_cond_timedwait(&stats_ready, &stats_lock, &deadline) == 0) {
        }
        reported = stats.count / REPORT_EVERY;
        printf("posix example: %3u readings, min %d, max %d, mean %ld, alarms %u\n", stats.count,
               stats.min, stats.max,
               stats.count > 0u ? (long)(stats.sum / (long long)stats.count) : 0L, stats.alarms);
    }
    pthread_cleanup_pop(1);
    return NULL;
}

static void on_heartbeat(union sigval value)
{
    (void)sem_post((sem_t *)value.sival_ptr);
    ++heartbeats;
}

/* ---- the supervisor -------------------------------------------------------------------- */

static int spawn(pthread_t *t, int prio, void *(*fn)(void *))
{
    pthread_attr_t attr;
    struct sched_param param;
    int err;

    (void)pthread_attr_init(&attr);
    (void)pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
    (void)pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
    param.sched_priority = prio;
    (void)pthread_attr_setschedparam(&attr, &param);
    err = pthread_create(t, &attr, fn, NULL);
    (void)pthread_attr_destroy(&attr);
    return err;
}

static int setup(mqd_t *q, timer_t *timer)
{
    pthread_mutexattr_t mattr;
    pthread_condattr_t cattr;
    struct mq_attr qattr = {0, 8, sizeof(reading_t), 0};
    struct sigevent ev;
    struct itimerspec every = {{0, 500000000L}, {0, 500000000L}};
    int err = 0;

    (void)pthread_mutexattr_init(&mattr);
    (void)pthread_mutexattr_setprotocol(&mattr, PTHREAD_PRIO_INHERIT);
    err |= pthread_mutex_init(&stats_lock, &mattr);
    (void)pthread_condattr_init(&cattr);
    (void)pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC);
    err |= pthread_cond_init(&stats_ready, &cattr);
    err |= pthread_barrier_init(&start_line, NULL, 3u);
    err |= pthread_key_create(&scratch_key, scratch_free);
    err |= sem_init(&heartbeat, 0, 0u);
    *q = mq_open(QUEUE_NAME, O_CREAT | O_RDWR, 0600, &qattr);
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = on_heartbeat;
    ev.sigev_value.sival_ptr = &heartbeat;
    err |= timer_create(CLOCK_MONOTONIC, &ev, timer);
    err |= timer_settime(*timer, 0, &every, NULL);
    return err != 0 || *q == (mqd_t)-1;
}

static int check(unsigned beats)
{
    int ok = stats.count == EXAMPLE_SECONDS * 1000 / SAMPLE_MS && beats == 2 * EXAMPLE_SECONDS &&
             scratch_freed == 3u && stats.alarms > 0u;

    printf("posix example: %u readings, %u alarms, %u heartbeats, %u destructors: %s\n",
           stats.count, stats.alarms, beats, scratch_freed, ok ? "OK" : "FAILED");
    return ok;
}

static void *supervisor(void *arg)
{
    pthread_t workers[3];
    struct timespec run = {EXAMPLE_SECONDS, 1000000L}; /* + 1 ms: the last sample is in */
    mqd_t q = (mqd_t)-1;
    timer_t timer;
    unsigned beats = 0u;
    int failed = setup(&q, &timer);
    int i;

    (void)arg;
    failed |= spawn(&workers[0], sched_get_priority_max(SCHED_FIFO) - 1, sampler);
    failed |= spawn(&workers[1], sched_get_priority_max(SCHED_FIFO) - 2, logger);
    failed |= spawn(&workers[2], sched_get_priority_min(SCHED_FIFO) + 1, reporter);
    (void)nanosleep(&run, NULL);
    for (i = 0; i < 3; ++i) {
        (void)pthread_cancel(workers[i]);
        (void)pthread_join(workers[i], NULL);
    }
    (void)timer_delete(timer);
    while (sem_trywait(&heartbeat) == 0) {
        ++beats;
    }
    (void)mq_close(q);
    (void)mq_unlink(QUEUE_NAME);
    tern_board_exit(!failed && check(beats) ? 0 : 1);
}

int main(void)
{
    pthread_t boss;

    tern_board_init();
    if (tos_knl_init() != K_ERR_NONE || tos_posix_init() != 0 ||
        pthread_create(&boss, NULL, supervisor, NULL) != 0) {
        printf("posix example: start-up failed\n");
        tern_board_exit(1);
    }
    /* main() ends as a POSIX main thread does: the threads it created run on. */
    pthread_exit(NULL);
}
