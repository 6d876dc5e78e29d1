/*
 * A fake timer driver for host tests of the timer client: a clock the test moves, and the
 * deadlines the client asked for, up to a bound as sel4c's driver keeps (beyond it, refused),
 * or with fake_replace set only the last, as sDDF's driver keeps.
 * advance() moves the clock to the next deadline asked for and delivers its notification
 * through the event loop, as the Microkit loop would.
 */
#pragma once

#include <stdlib.h>

#include <sel4c/event.h>
#include <sel4c/timer.h>

static uint64_t fake_now;
static uint64_t fake_deadlines[64];
static unsigned fake_count, fake_bound = 64, fake_requests, fake_refused, fake_max_held;
static unsigned fake_channel = 1;
static bool fake_replace;

uint64_t sel4c_timer_driver_time(unsigned ch)
{
    if (ch != fake_channel)
        abort();
    return fake_now;
}

bool sel4c_timer_driver_set_timeout(unsigned ch, uint64_t delay)
{
    if (ch != fake_channel)
        abort();
    fake_requests++;
    if (fake_replace)
        fake_count = 0;
    if (fake_count >= fake_bound) {
        fake_refused++;
        return false;
    }
    fake_deadlines[fake_count++] = fake_now + delay;
    if (fake_count > fake_max_held)
        fake_max_held = fake_count;
    return true;
}

/* Moves the clock to `t` if that is later, drops every deadline passed and, if any, notifies.
 * Returns whether it did. */
static bool fake_advance_to(uint64_t t)
{
    if (sel4c_time_before(fake_now, t))
        fake_now = t;
    bool fired = false;
    for (unsigned i = 0; i < fake_count;) {
        if (!sel4c_time_before(fake_now, fake_deadlines[i])) {
            fake_deadlines[i] = fake_deadlines[--fake_count];
            fired = true;
        } else {
            i++;
        }
    }
    if (fired)
        sel4c_event_dispatch(fake_channel);
    return fired;
}

/* Moves the clock to the earliest deadline held and notifies; false if none is held. */
static bool fake_advance(void)
{
    if (!fake_count)
        return false;
    uint64_t next = fake_deadlines[0];
    for (unsigned i = 1; i < fake_count; i++)
        if (sel4c_time_before(fake_deadlines[i], next))
            next = fake_deadlines[i];
    return fake_advance_to(next);
}
