/* The event loop's handlers (<sel4c/event.h>): a list per channel, run in order. */
#include <stdio.h>

#include "loop.h"

bool sel4c_loop_in_handler;

static struct {
    sel4c_event_handler_t *head[SEL4C_EVENT_CHANNELS], *tail[SEL4C_EVENT_CHANNELS];
    /* The handler the running dispatch calls next: cancelling it moves this on. */
    sel4c_event_handler_t *cursor;
    /* Counts dispatches; a handler registered during one has its number and is skipped. */
    unsigned long epoch;
} loop;

static sel4c_err_t add(sel4c_event_handler_t *h, unsigned ch, sel4c_ready_fn ready,
                       sel4c_event_fn fn, void *arg)
{
    if (ch >= SEL4C_EVENT_CHANNELS)
        return SEL4C_RANGE_ERROR;
    if (!fn)
        return SEL4C_INVALID_ARGUMENT;
    if (h->registered)
        return SEL4C_ILLEGAL_OPERATION;
    h->fn = fn;
    h->ready = ready;
    h->arg = arg;
    h->ch = ch;
    h->epoch = sel4c_loop_in_handler ? loop.epoch : 0;
    h->next = NULL;
    h->prev = loop.tail[ch];
    if (h->prev)
        h->prev->next = h;
    else
        loop.head[ch] = h;
    loop.tail[ch] = h;
    h->registered = true;
    return SEL4C_NO_ERROR;
}

sel4c_err_t sel4c_event_on_notify(sel4c_event_handler_t *h, unsigned ch, sel4c_event_fn fn,
                                  void *arg)
{
    return add(h, ch, NULL, fn, arg);
}

sel4c_err_t sel4c_event_on_ready(sel4c_event_handler_t *h, unsigned ch, sel4c_ready_fn ready,
                                 sel4c_event_fn fn, void *arg)
{
    if (!ready)
        return SEL4C_INVALID_ARGUMENT;
    return add(h, ch, ready, fn, arg);
}

bool sel4c_event_cancel(sel4c_event_handler_t *h)
{
    if (!h->registered)
        return false;
    if (loop.cursor == h)
        loop.cursor = h->next;
    if (h->prev)
        h->prev->next = h->next;
    else
        loop.head[h->ch] = h->next;
    if (h->next)
        h->next->prev = h->prev;
    else
        loop.tail[h->ch] = h->prev;
    h->next = h->prev = NULL;
    h->registered = false;
    return true;
}

static void refuse_nested(const char *fn)
{
    if (sel4c_loop_in_handler)
        sel4c_panic("%s: called from a handler", fn);
    sel4c_task_t *self = sel4c_task_self();
    if (self)
        sel4c_panic("%s: called from task '%s'", fn, self->name);
}

/* Runs a handler with a readiness check as long as its source has work (up to a bound, so
 * that a source a peer has corrupted, which may look ready for ever, cannot hang the PD). */
static void run_while_ready(sel4c_event_handler_t *h, unsigned ch, unsigned long epoch)
{
    for (unsigned runs = 0; h->registered && h->epoch != epoch && h->ready(h->arg); runs++) {
        if (runs == SEL4C_EVENT_READY_RUNS) {
            printf("sel4c_event_dispatch: channel %u: a handler's source is still ready after "
                   "%u runs; it runs again at the next notification\n",
                   ch, runs);
            return;
        }
        h->fn(ch, h->arg);
    }
}

void sel4c_event_dispatch(unsigned ch)
{
    refuse_nested("sel4c_event_dispatch");
    if (ch >= SEL4C_EVENT_CHANNELS) {
        printf("sel4c_event_dispatch: channel %u: out of range (channels are 0..61); "
               "ignored\n",
               ch);
        return;
    }
    sel4c_loop_in_handler = true;
    unsigned long epoch = ++loop.epoch;
    for (sel4c_event_handler_t *h = loop.head[ch]; h; h = loop.cursor) {
        loop.cursor = h->next;
        if (h->epoch == epoch)
            continue;
        if (!h->ready) {
            h->fn(ch, h->arg);
            continue;
        }
        run_while_ready(h, ch, epoch);
    }
    loop.cursor = NULL;
    sel4c_loop_in_handler = false;
    sel4c_loop_wake_channel(ch);
    sel4c_loop_run_tasks();
}

void sel4c_event_run(void)
{
    refuse_nested("sel4c_event_run");
    sel4c_loop_run_tasks();
}
