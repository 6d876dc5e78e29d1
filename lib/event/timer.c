/* The timer client (<sel4c/timer.h>): timeouts kept here, one deadline at the driver. */
#include <stdio.h>

#include <sel4c/timer.h>

#include "loop.h"

/* Forgets the deadlines asked for that have passed by `now`: their notification has come
 * (or is on its way, and finds the time itself). */
static void forget_passed(sel4c_timer_t *timer, uint64_t now)
{
    for (unsigned i = 0; i < timer->nasked;) {
        if (sel4c_time_before(now, timer->asked[i]))
            i++;
        else
            timer->asked[i] = timer->asked[--timer->nasked];
    }
}

/* Whether the driver will notify at or before `deadline` for a deadline asked for. */
static bool covered(const sel4c_timer_t *timer, uint64_t deadline)
{
    for (unsigned i = 0; i < timer->nasked; i++)
        if (!sel4c_time_before(deadline, timer->asked[i]))
            return true;
    return false;
}

/* Asks the driver for a notification at the earliest deadline if it would not otherwise
 * notify by then. Returns false if the driver refused. */
static bool arm(sel4c_timer_t *timer)
{
    sel4c_timeout_t *first = sel4c_timeouts_first(&timer->timeouts);
    if (!first || covered(timer, sel4c_timeout_deadline(first)))
        return true;
    uint64_t deadline = sel4c_timeout_deadline(first);
    uint64_t now = sel4c_timer_driver_time(timer->ch);
    unsigned before = timer->nasked;
    forget_passed(timer, now);
    if (timer->nasked != before)
        return true; /* a notification is due now: the callbacks run then */
    uint64_t delay = sel4c_time_before(now, deadline) ? deadline - now : 0;
    if (!sel4c_timer_driver_set_timeout(timer->ch, delay)) {
        timer->refusals++;
        return false;
    }
    /* full: forget the latest, which costs at most a request the driver did not need */
    if (timer->nasked == SEL4C_TIMER_ASKED) {
        unsigned latest = 0;
        for (unsigned i = 1; i < timer->nasked; i++)
            if (sel4c_time_before(timer->asked[latest], timer->asked[i]))
                latest = i;
        timer->asked[latest] = timer->asked[--timer->nasked];
    }
    timer->asked[timer->nasked++] = deadline;
    return true;
}

static void on_notify(unsigned ch, void *arg)
{
    (void)ch;
    sel4c_timer_notified(arg);
}

sel4c_err_t sel4c_timer_init(sel4c_timer_t *timer, unsigned ch)
{
    sel4c_timeouts_init(&timer->timeouts);
    timer->nasked = 0;
    timer->refusals = 0;
    timer->ch = ch;
    timer->handler.registered = false;
    sel4c_err_t err = sel4c_event_on_notify(&timer->handler, ch, on_notify, timer);
    if (err == SEL4C_NO_ERROR && !sel4c_loop_timer)
        sel4c_loop_timer = timer;
    return err;
}

uint64_t sel4c_timer_now(sel4c_timer_t *timer)
{
    return sel4c_timer_driver_time(timer->ch);
}

static sel4c_err_t start(sel4c_timer_t *timer, sel4c_timeout_t *t, uint64_t deadline,
                         uint64_t period, sel4c_timeout_fn fn, void *arg)
{
    sel4c_err_t err = sel4c_timeouts_start(&timer->timeouts, t, deadline, period, fn, arg);
    if (err != SEL4C_NO_ERROR)
        return err;
    if (!arm(timer)) {
        sel4c_timeouts_cancel(&timer->timeouts, t);
        return SEL4C_NOT_ENOUGH_MEMORY;
    }
    return SEL4C_NO_ERROR;
}

sel4c_err_t sel4c_timer_after(sel4c_timer_t *timer, sel4c_timeout_t *t, uint64_t delay,
                              sel4c_timeout_fn fn, void *arg)
{
    if (delay > SEL4C_TIMEOUT_MAX_DELAY)
        return SEL4C_RANGE_ERROR;
    return start(timer, t, sel4c_timer_now(timer) + delay, 0, fn, arg);
}

sel4c_err_t sel4c_timer_at(sel4c_timer_t *timer, sel4c_timeout_t *t, uint64_t deadline,
                           sel4c_timeout_fn fn, void *arg)
{
    uint64_t now = sel4c_timer_now(timer);
    uint64_t away = sel4c_time_before(now, deadline) ? deadline - now : now - deadline;
    if (away > SEL4C_TIMEOUT_MAX_DELAY)
        return SEL4C_RANGE_ERROR;
    return start(timer, t, deadline, 0, fn, arg);
}

sel4c_err_t sel4c_timer_every(sel4c_timer_t *timer, sel4c_timeout_t *t, uint64_t period,
                              sel4c_timeout_fn fn, void *arg)
{
    if (period == 0 || period > SEL4C_TIMEOUT_MAX_DELAY)
        return SEL4C_RANGE_ERROR;
    return start(timer, t, sel4c_timer_now(timer) + period, period, fn, arg);
}

bool sel4c_timer_cancel(sel4c_timer_t *timer, sel4c_timeout_t *t)
{
    return sel4c_timeouts_cancel(&timer->timeouts, t);
}

void sel4c_timer_notified(sel4c_timer_t *timer)
{
    uint64_t now = sel4c_timer_driver_time(timer->ch);
    forget_passed(timer, now);
    sel4c_timeouts_expire(&timer->timeouts, now);
    if (!arm(timer))
        printf("sel4c_timer: channel %u: the driver refused a timeout (%lu refusals); "
               "timeouts wait for its next notification\n",
               timer->ch, timer->refusals);
}
