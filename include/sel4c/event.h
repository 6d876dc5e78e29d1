/*
 * The event loop of a Microkit protection domain: handlers registered per channel run when
 * the channel is notified, and cooperative tasks (<sel4c/task.h>) run after them until every
 * task is blocked. Timer expiries (<sel4c/timer.h>) arrive as notifications of the timer's
 * channel, handled by the timer client, which runs the timeouts' callbacks.
 *
 * The PD keeps its own entry points and hands the loop its events:
 *
 *     void init(void)
 *     {
 *         ... register handlers, start timeouts, spawn tasks ...
 *         sel4c_event_run();           // runs the tasks spawned so far until they block
 *     }
 *     void notified(microkit_channel ch)
 *     {
 *         sel4c_event_dispatch(ch);    // handlers of ch, then tasks
 *     }
 *
 * A PD has one loop (it has one thread); its state is this library's. Registrations, timers
 * and tasks are structs the caller provides, zeroed before first use (static, or `= {0}`):
 * nothing is allocated per event or per registration.
 *
 * Re-entrancy. Handlers run on the PD's stack, one at a time, to completion. A handler may
 * register and cancel handlers (its own included), start and cancel timeouts, signal
 * conditions, spawn tasks, notify and PP-call. A handler registered during a dispatch first
 * runs at the next notification of its channel; one cancelled during a dispatch does not
 * run after its cancellation, even in that dispatch. Handlers must not block (the task calls
 * that wait panic outside a task) and must not call sel4c_event_dispatch or sel4c_event_run
 * (a panic names the misuse).
 */
#pragma once

#include <stdbool.h>

#include <sel4c/error.h>
#include <sel4c/queue.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Channels are those of Microkit, 0..61. */
#define SEL4C_EVENT_CHANNELS 62

typedef struct sel4c_event_handler sel4c_event_handler_t;

/* Runs on a notification of `ch`, with the registration's argument. */
typedef void (*sel4c_event_fn)(unsigned ch, void *arg);

/* Whether the source behind a channel has work (a queue not empty, say). */
typedef bool (*sel4c_ready_fn)(void *arg);

/* One registration. Its fields are private. It must stay in place while registered. */
struct sel4c_event_handler {
    sel4c_event_handler_t *next, *prev;
    sel4c_event_fn fn;
    sel4c_ready_fn ready;
    void *arg;
    unsigned ch;
    unsigned long epoch; /* the dispatch it was registered in */
    bool registered;
};

/*
 * Registers `h`: `fn(ch, arg)` runs on every notification of `ch`, after the handlers
 * registered on `ch` before it. Errors: SEL4C_RANGE_ERROR (ch > 61), SEL4C_INVALID_ARGUMENT
 * (fn NULL), SEL4C_ILLEGAL_OPERATION (h already registered). Nothing changes on error.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_event_on_notify(sel4c_event_handler_t *h, unsigned ch,
                                                   sel4c_event_fn fn, void *arg);

/*
 * As sel4c_event_on_notify, for a queue or another source that says when it has work: on a
 * notification of `ch`, `fn` runs as long as `ready(arg)` returns true (so each run should
 * take some of the work), at most SEL4C_EVENT_READY_RUNS times per notification (a line
 * reports reaching that: a source a peer corrupted may look ready for ever; a handler that
 * finds its source broken should cancel itself). `ready` is where a consumer asks to be
 * notified and checks again (sel4c_queue_consumer_ready does this for <sel4c/queue.h>), so
 * that when the dispatch ends, the next entry brings a notification.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_event_on_ready(sel4c_event_handler_t *h, unsigned ch,
                                                  sel4c_ready_fn ready, sel4c_event_fn fn,
                                                  void *arg);

#define SEL4C_EVENT_READY_RUNS 64

/* sel4c_ready_fn for the consumer of a <sel4c/queue.h> queue (`arg`: its
 * sel4c_queue_consumer_t): true when the queue has entries (or a corrupt tail, which the
 * dequeue reports); when it is empty, asks the producer to notify and checks again. */
static inline bool sel4c_queue_consumer_ready(void *consumer)
{
    sel4c_queue_consumer_t *c = (sel4c_queue_consumer_t *)consumer;
    return !sel4c_queue_empty(c) || !sel4c_queue_consumer_prepare_wait(c);
}

/* sel4c_ready_fn for the producer of a queue (`arg`: its sel4c_queue_producer_t): true when
 * there is space (or a corrupt head); when it is full, asks the consumer to notify when it
 * frees some and checks again. */
static inline bool sel4c_queue_producer_ready(void *producer)
{
    sel4c_queue_producer_t *p = (sel4c_queue_producer_t *)producer;
    return !sel4c_queue_full(p) || !sel4c_queue_producer_prepare_wait(p);
}

/* Unregisters `h`; returns whether it was registered. Safe from any handler. */
bool sel4c_event_cancel(sel4c_event_handler_t *h);

/*
 * Handles a notification of `ch` (call it from notified()): runs the handlers of `ch` in
 * registration order, wakes the tasks waiting for `ch`, then runs ready tasks until every
 * task is blocked or done. A `ch` above 61 is reported and ignored.
 */
void sel4c_event_dispatch(unsigned ch);

/* Runs ready tasks until every task is blocked or done (call it at the end of init(), and
 * after spawning tasks outside a dispatch). */
void sel4c_event_run(void);

#ifdef __cplusplus
}
#endif
