/*
 * The timer service's bookkeeping: each client's deadlines in a fixed-capacity min-heap,
 * requests validated before anything changes. Freestanding: the driver PD and the host tests
 * link the same code.
 */
#include <stddef.h>

#include <sel4c/drivers/timer.h>
#include <sel4c/protocol/timer.h>

sel4c_err_t sel4c_timer_service_init(sel4c_timer_service_t *svc, const unsigned *channels,
                                     unsigned n)
{
    svc->nclients = 0;
    svc->refused_not_client = 0;
    if (n > SEL4C_TIMER_MAX_CLIENTS)
        return SEL4C_RANGE_ERROR;
    for (unsigned i = 0; i < n; i++) {
        if (channels[i] > SEL4C_TIMER_MAX_CHANNEL)
            return SEL4C_RANGE_ERROR;
        for (unsigned j = 0; j < i; j++)
            if (channels[j] == channels[i])
                return SEL4C_INVALID_ARGUMENT;
    }
    for (unsigned i = 0; i < n; i++)
        svc->clients[i] = (sel4c_timer_client_t){.channel = channels[i]};
    svc->nclients = n;
    return SEL4C_NO_ERROR;
}

static sel4c_timer_client_t *find(sel4c_timer_service_t *svc, unsigned channel)
{
    for (unsigned i = 0; i < svc->nclients; i++)
        if (svc->clients[i].channel == channel)
            return &svc->clients[i];
    return NULL;
}

const sel4c_timer_client_t *sel4c_timer_client(const sel4c_timer_service_t *svc, unsigned channel)
{
    return find((sel4c_timer_service_t *)svc, channel);
}

static void swap(uint64_t *a, uint64_t *b)
{
    uint64_t t = *a;
    *a = *b;
    *b = t;
}

static void heap_push(sel4c_timer_client_t *c, uint64_t deadline)
{
    unsigned i = c->count++;
    c->heap[i] = deadline;
    while (i > 0 && c->heap[(i - 1) / 2] > c->heap[i]) {
        swap(&c->heap[(i - 1) / 2], &c->heap[i]);
        i = (i - 1) / 2;
    }
}

static void heap_pop(sel4c_timer_client_t *c)
{
    c->heap[0] = c->heap[--c->count];
    for (unsigned i = 0;;) {
        unsigned l = 2 * i + 1, r = l + 1, m = i;
        if (l < c->count && c->heap[l] < c->heap[m])
            m = l;
        if (r < c->count && c->heap[r] < c->heap[m])
            m = r;
        if (m == i)
            break;
        swap(&c->heap[m], &c->heap[i]);
        i = m;
    }
}

static sel4c_timer_reply_t refuse(sel4c_timer_service_t *svc, sel4c_timer_client_t *c,
                                  sel4c_timer_refusal_t why)
{
    uint64_t n;
    if (c) {
        n = ++c->refused;
        c->last_refusal = why;
    } else {
        n = ++svc->refused_not_client;
    }
    return (sel4c_timer_reply_t){.label = SEL4C_TIMER_ERROR, .refusal = why, .refused = n};
}

sel4c_timer_reply_t sel4c_timer_handle(sel4c_timer_service_t *svc, const sel4c_timer_request_t *req,
                                       uint64_t now)
{
    sel4c_timer_client_t *c = find(svc, req->channel);
    if (!c)
        return refuse(svc, NULL, SEL4C_TIMER_NOT_A_CLIENT);
    switch (req->label) {
    case SEL4C_TIMER_GET_TIME:
        return (sel4c_timer_reply_t){.count = 1, .mr0 = now, .refused = c->refused};
    case SEL4C_TIMER_SET_TIMEOUT:
        if (req->count < 1)
            return refuse(svc, c, SEL4C_TIMER_MISSING_ARGUMENT);
        if (c->count == SEL4C_TIMER_MAX_TIMEOUTS)
            return refuse(svc, c, SEL4C_TIMER_TOO_MANY);
        heap_push(c, req->mr0 > UINT64_MAX - now ? UINT64_MAX : now + req->mr0);
        return (sel4c_timer_reply_t){.refused = c->refused};
    default: return refuse(svc, c, SEL4C_TIMER_BAD_LABEL);
    }
}

bool sel4c_timer_next_deadline(const sel4c_timer_service_t *svc, uint64_t *deadline)
{
    bool any = false;
    for (unsigned i = 0; i < svc->nclients; i++) {
        const sel4c_timer_client_t *c = &svc->clients[i];
        if (c->count && (!any || c->heap[0] < *deadline)) {
            *deadline = c->heap[0];
            any = true;
        }
    }
    return any;
}

uint64_t sel4c_timer_expire(sel4c_timer_service_t *svc, uint64_t now)
{
    uint64_t notify = 0;
    for (unsigned i = 0; i < svc->nclients; i++) {
        sel4c_timer_client_t *c = &svc->clients[i];
        while (c->count && c->heap[0] <= now) {
            heap_pop(c);
            c->fired++;
            notify |= UINT64_C(1) << c->channel;
        }
    }
    return notify;
}

const char *sel4c_timer_refusal_str(sel4c_timer_refusal_t r)
{
    switch (r) {
    case SEL4C_TIMER_OK: return "not refused";
    case SEL4C_TIMER_NOT_A_CLIENT: return "the channel is not a client of the timer";
    case SEL4C_TIMER_BAD_LABEL: return "the label is neither GET_TIME nor SET_TIMEOUT";
    case SEL4C_TIMER_MISSING_ARGUMENT: return "SET_TIMEOUT without its timeout in MR0";
    case SEL4C_TIMER_TOO_MANY: return "too many outstanding timeouts";
    }
    return "unknown refusal";
}
