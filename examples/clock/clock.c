/*
 * A client of the timer and RTC services: prints the date and time every second, from the
 * real-time clock read once and a periodic timeout of the timer client, on the event loop.
 * After TICKS ticks it says so and stops ticking.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/event.h>
#include <sel4c/rtc.h>
#include <sel4c/timer.h>

#define TIMER_CH 0
#define RTC_CH   1
#define TICKS    5
#define SECOND   1000000000ull

static sel4c_timer_t timer;
static sel4c_timeout_t every_second;
static int64_t epoch_at_boot;
static uint64_t ns_at_boot;
static unsigned ticks;

static void tick(sel4c_timeout_t *t, void *arg)
{
    (void)arg;
    char date[SEL4C_IMF_FIXDATE_SIZE];
    int64_t now = epoch_at_boot + (int64_t)((sel4c_timer_now(&timer) - ns_at_boot) / SECOND);
    if (sel4c_imf_fixdate(now, date) != SEL4C_NO_ERROR)
        printf("clock: %lld seconds since 1970\n", (long long)now);
    else
        printf("clock: %s\n", date);
    if (++ticks == TICKS) {
        sel4c_timer_cancel(&timer, t);
        printf("clock: done after %u ticks\n", ticks);
    }
}

void init(void)
{
    if (sel4c_timer_init(&timer, TIMER_CH) != SEL4C_NO_ERROR) {
        printf("clock: error: no timer\n");
        return;
    }
    ns_at_boot = sel4c_timer_now(&timer);
    if (sel4c_rtc_seconds(RTC_CH, &epoch_at_boot) != SEL4C_NO_ERROR)
        printf("clock: no real-time clock: counting from 1970\n");
    if (sel4c_timer_every(&timer, &every_second, SECOND, tick, NULL) != SEL4C_NO_ERROR)
        printf("clock: error: cannot start the periodic timeout\n");
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    sel4c_event_dispatch(ch);
}
