/* The timer client (<sel4c/timer.h>): timeouts kept here, one deadline at the driver. */
#include <stdio.h>

#include <sel4/config.h>
#include <sel4c/timer.h>

#include "loop.h"

/* The driver's clock read in the PD: the generic timer's counter, where the kernel lets EL0
 * read it. */
#if defined(__aarch64__) && defined(CONFIG_EXPORT_PCNT_USER)
#include <sel4c/generic_counter.h>
#define COUNTER_NS() sel4c_generic_counter_ns()
#endif

/* Asks the driver for a notification at the earliest deadline unless the deadline asked
 * for last comes no later. Only the last request counts: sDDF's driver keeps one deadline
 * per client and a new request replaces it (sel4c's keeps the earlier ones too, whose
 * notifications then find nothing due). Returns false if the driver refused. */
static bool arm(sel4c_timer_t *timer)
{
    sel4c_timeout_t *first = sel4c_timeouts_first(&timer->timeouts);
    if (!first)
        return true;
    uint64_t deadline = sel4c_timeout_deadline(first);
    if (timer->asking && !sel4c_time_before(deadline, timer->asked))
        return true;
    uint64_t now = sel4c_timer_now(timer);
    if (timer->asking && !sel4c_time_before(now, timer->asked))
        return true; /* the deadline asked for has passed: its notification is on its way */
    uint64_t delay = sel4c_time_before(now, deadline) ? deadline - now : 0;
    if (!sel4c_timer_driver_set_timeout(timer->ch, delay)) {
        timer->refusals++;
        return false;
    }
    timer->asked = deadline;
    timer->asking = true;
    return true;
}

static void on_notify(unsigned ch, void *arg)
{
    (void)ch;
    sel4c_timer_notified(arg);
}

sel4c_err_t sel4c_timer_init(sel4c_timer_t *timer, unsigned ch)
{
    if (timer->handler.registered)
        return SEL4C_ILLEGAL_OPERATION;
    sel4c_timeouts_init(&timer->timeouts);
    timer->asking = false;
    timer->asked = 0;
    timer->refusals = 0;
    timer->counter = false;
    timer->ch = ch;
    sel4c_err_t err = sel4c_event_on_notify(&timer->handler, ch, on_notify, timer);
    if (err == SEL4C_NO_ERROR && !sel4c_loop_timer)
        sel4c_loop_timer = timer;
    return err;
}

sel4c_err_t sel4c_timer_use_counter(sel4c_timer_t *timer)
{
#ifdef COUNTER_NS
    timer->counter = true;
    return SEL4C_NO_ERROR;
#else
    (void)timer;
    return SEL4C_ILLEGAL_OPERATION;
#endif
}

uint64_t sel4c_timer_now(sel4c_timer_t *timer)
{
#ifdef COUNTER_NS
    if (timer->counter)
        return COUNTER_NS();
#endif
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
    uint64_t now = sel4c_timer_now(timer);
    if (timer->asking && !sel4c_time_before(now, timer->asked))
        timer->asking = false;
    sel4c_timeouts_expire(&timer->timeouts, now);
    if (!arm(timer))
        printf("sel4c_timer: channel %u: the driver refused a timeout (%lu refusals); "
               "timeouts wait for its next notification\n",
               timer->ch, timer->refusals);
}
