/*
 * The timer client: the time and any number of one-shot and periodic timeouts with
 * callbacks, served by a timer driver PD through the protocol of <sel4c/protocol/timer.h>
 * (sDDF's), on one channel with pp="true" at the client's end.
 *
 * The client keeps its timeouts itself (<sel4c/timeout.h>) and asks the driver only for its
 * earliest deadline, and only when the deadline it asked for last comes later (or has
 * passed). Only the last request is relied on: sDDF's driver keeps one deadline per client,
 * each request replacing the last; sel4c's keeps earlier ones too (up to a bound per
 * client, beyond which it refuses: the start call returns the error), whose notifications
 * then find nothing due. Cancelling asks nothing. On the driver's
 * notification (delivered through the event loop, which the client registers with) it reads
 * the time and runs every callback due: notifications coalesce, and one may come for a
 * deadline whose timeout was cancelled, so the time decides, not the count.
 *
 * Callbacks run in the event loop's dispatch of the timer's channel, as handlers (the rules
 * of <sel4c/event.h>); they may start and cancel timeouts. Times are nanoseconds since
 * boot, the driver's.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <sel4c/error.h>
#include <sel4c/event.h>
#include <sel4c/timeout.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A timer client. Its fields are private. */
typedef struct sel4c_timer {
    sel4c_timeouts_t timeouts;
    sel4c_event_handler_t handler;
    uint64_t asked; /* the deadline asked of the driver last, when `asking` */
    bool asking;
    unsigned ch;
    unsigned long refusals; /* requests the driver refused */
    bool counter;           /* the time is read from the counter (sel4c_timer_use_counter) */
} sel4c_timer_t;

/*
 * Initialises `timer` (zeroed: static, or `= {0}`) for the driver on channel `ch` and
 * registers it with the event loop; the first timer initialised is also the one
 * sel4c_task_sleep uses. Errors: SEL4C_ILLEGAL_OPERATION (`timer` is initialised already),
 * SEL4C_RANGE_ERROR (a channel above 61).
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_timer_init(sel4c_timer_t *timer, unsigned ch);

/*
 * For a driver whose time is the ARM generic timer's counter, as sel4c's (drivers/timer):
 * from now on sel4c_timer_now reads the counter in this PD, the same nanoseconds as the
 * driver's, instead of asking the driver with a PP call each time (two address-space
 * switches). Timeouts are still the driver's. Errors: SEL4C_ILLEGAL_OPERATION when the
 * kernel does not let user level read the counter (EXPORT_PCNT_USER) or the architecture
 * has none; the time then stays the driver's.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_timer_use_counter(sel4c_timer_t *timer);

/* Nanoseconds since boot, the driver's: one PP call, or a counter read (sel4c_timer_use_counter).
 */
uint64_t sel4c_timer_now(sel4c_timer_t *timer);

/*
 * Starts `t`: `fn(t, arg)` runs once `delay` ns from now. A pending `t` is restarted.
 * Errors: SEL4C_INVALID_ARGUMENT (fn NULL), SEL4C_RANGE_ERROR (delay above
 * SEL4C_TIMEOUT_MAX_DELAY), SEL4C_NOT_ENOUGH_MEMORY (the driver refused the new deadline:
 * it holds too many of this client's; `t` is then not pending).
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_timer_after(sel4c_timer_t *timer, sel4c_timeout_t *t,
                                               uint64_t delay, sel4c_timeout_fn fn, void *arg);

/* As sel4c_timer_after, at the absolute time `deadline` (within SEL4C_TIMEOUT_MAX_DELAY of
 * now: SEL4C_RANGE_ERROR otherwise; a past deadline runs at the next notification). */
SEL4C_MUST_CHECK sel4c_err_t sel4c_timer_at(sel4c_timer_t *timer, sel4c_timeout_t *t,
                                            uint64_t deadline, sel4c_timeout_fn fn, void *arg);

/* As sel4c_timer_after, every `period` ns (> 0), the first `period` from now, without
 * drift: each deadline is the last plus the period (periods missed entirely are skipped).
 * In its callback, sel4c_timeout_deadline(t) is already the next deadline. */
SEL4C_MUST_CHECK sel4c_err_t sel4c_timer_every(sel4c_timer_t *timer, sel4c_timeout_t *t,
                                               uint64_t period, sel4c_timeout_fn fn, void *arg);

/* Cancels `t`; returns whether it was pending. The driver's deadline stays (its
 * notification then finds nothing due, and the client asks for the next one). */
bool sel4c_timer_cancel(sel4c_timer_t *timer, sel4c_timeout_t *t);

/* Runs the callbacks due and asks the driver for the next deadline. The event loop calls it
 * on the timer's notifications; call it yourself only if you do not use the loop. */
void sel4c_timer_notified(sel4c_timer_t *timer);

/* The driver protocol the client speaks (lib/event/timer_ppc.c, over microkit_ppcall; host
 * tests link a fake driver instead). set_timeout returns false when the driver refused. */
uint64_t sel4c_timer_driver_time(unsigned ch);
bool sel4c_timer_driver_set_timeout(unsigned ch, uint64_t delay);

#ifdef __cplusplus
}
#endif
