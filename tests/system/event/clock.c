/*
 * The timer and RTC clients with sel4c's driver PDs (event-drivers.system): tasks sleeping
 * on the timer client, 200 one-shot timeouts at random deadlines, a periodic timeout, and
 * the real-time clock read before and after a two-second sleep, formatted for HTTP. Success:
 *   clock: PASS 3 sleepers, 200 timeouts in order, 20 periodic ticks on the grid
 *   clock: PASS rtc advanced 2 s over a 2 s sleep
 * (the second within a second either way). Any line with FAIL is a failure.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/event.h>
#include <sel4c/rtc.h>
#include <sel4c/task.h>
#include <sel4c/timer.h>

#define TIMER    0
#define RTC      1
#define TIMEOUTS 200
#define TICKS    20
#define PERIOD   (5 * SEL4C_MS)

static sel4c_timer_t timer;
static _Alignas(16) char stacks[4][8192];
static sel4c_task_t tasks[4];
static unsigned finished;

static void finish(void)
{
    if (++finished == 5)
        printf("clock: PASS 3 sleepers, %u timeouts in order, %u periodic ticks on the grid\n",
               TIMEOUTS, TICKS);
}

static uint64_t now(void)
{
    return sel4c_timer_now(&timer);
}

static void sleeper(void *arg)
{
    uint64_t ms = (uintptr_t)arg;
    for (unsigned i = 0; i < 4; i++) {
        uint64_t before = now();
        sel4c_err_t err = sel4c_task_sleep(ms * SEL4C_MS);
        uint64_t slept = now() - before;
        if (err != SEL4C_NO_ERROR || slept < ms * SEL4C_MS)
            printf("clock: FAIL task '%s': sleep error %d, %llu ns of %llu ms\n",
                   sel4c_task_self()->name, (int)err, (unsigned long long)slept,
                   (unsigned long long)ms);
    }
    finish();
}

/* Reads the RTC, sleeps 2 s on the timer, reads it again: the two clocks agree. */
static void rtc_task(void *arg)
{
    (void)arg;
    int64_t s0, s1;
    char date[SEL4C_IMF_FIXDATE_SIZE];
    if (sel4c_rtc_seconds(RTC, &s0) != SEL4C_NO_ERROR ||
        sel4c_imf_fixdate(s0, date) != SEL4C_NO_ERROR) {
        printf("clock: FAIL reading the RTC\n");
        return;
    }
    printf("clock: rtc %lld, Date: %s\n", (long long)s0, date);
    if (sel4c_task_sleep(2 * SEL4C_SEC) != SEL4C_NO_ERROR ||
        sel4c_rtc_seconds(RTC, &s1) != SEL4C_NO_ERROR) {
        printf("clock: FAIL sleeping or reading the RTC again\n");
        return;
    }
    int64_t d = s1 - s0;
    if (d >= 1 && d <= 3)
        printf("clock: PASS rtc advanced %lld s over a 2 s sleep\n", (long long)d);
    else
        printf("clock: FAIL rtc advanced %lld s over a 2 s sleep\n", (long long)d);
}

/* One-shot timeouts at random deadlines: each once, in order of deadline, never early. */
static sel4c_timeout_t timeouts[TIMEOUTS];
static unsigned fired;
static uint64_t last_deadline;

static void expired(sel4c_timeout_t *t, void *arg)
{
    (void)arg;
    uint64_t deadline = sel4c_timeout_deadline(t), at = now();
    if (at < deadline || deadline < last_deadline)
        printf("clock: FAIL timeout %u: deadline %llu, ran at %llu, after %llu\n", fired,
               (unsigned long long)deadline, (unsigned long long)at,
               (unsigned long long)last_deadline);
    last_deadline = deadline;
    if (++fired == TIMEOUTS)
        finish();
}

static sel4c_timeout_t periodic;
static uint64_t origin;
static unsigned ticks;

static void tick(sel4c_timeout_t *t, void *arg)
{
    (void)arg;
    uint64_t due = sel4c_timeout_deadline(t) - PERIOD;
    if ((due - origin) % PERIOD || now() < due)
        printf("clock: FAIL tick %u off the grid or early\n", ticks);
    if (++ticks == TICKS) {
        sel4c_timer_cancel(&timer, t);
        finish();
    }
}

static void check(sel4c_err_t err, const char *what)
{
    if (err != SEL4C_NO_ERROR)
        printf("clock: FAIL %s: %s\n", what, sel4c_strerror(err));
}

void init(void)
{
    check(sel4c_timer_init(&timer, TIMER), "sel4c_timer_init");
    static const char *const names[] = {"sleep10", "sleep15", "sleep25"};
    static const unsigned ms[] = {10, 15, 25};
    for (unsigned i = 0; i < 3; i++)
        check(sel4c_task_spawn(&tasks[i], names[i], stacks[i], sizeof stacks[i], sleeper,
                               (void *)(uintptr_t)ms[i]),
              "sel4c_task_spawn");
    check(sel4c_task_spawn(&tasks[3], "rtc", stacks[3], sizeof stacks[3], rtc_task, NULL),
          "sel4c_task_spawn");
    uint64_t seed = now() | 1;
    for (unsigned i = 0; i < TIMEOUTS; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        check(sel4c_timer_after(&timer, &timeouts[i], seed % (100 * SEL4C_MS), expired, NULL),
              "sel4c_timer_after");
    }
    check(sel4c_timer_every(&timer, &periodic, PERIOD, tick, NULL), "sel4c_timer_every");
    origin = sel4c_timeout_deadline(&periodic);
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    sel4c_event_dispatch(ch);
}
