/*
 * The timer driver's library (drivers/timer): the service of <sel4c/protocol/timer.h> as
 * plain code, so that one protection domain can serve the protocol with other drivers linked
 * in, and so that its bookkeeping runs on the host under the sanitizers.
 *
 * Ownership and threads: a sel4c_timer_service_t belongs to the one thread that serves the
 * protocol (the driver PD's event loop); nothing here locks. Clients never see it: they reach
 * it only through the protocol's PP calls and receive notifications.
 *
 * Time is nanoseconds since boot as the hardware counter gives it. Each client has at most
 * SEL4C_TIMER_MAX_TIMEOUTS outstanding timeouts, kept in a min-heap of deadlines; the
 * service programs one hardware deadline, the earliest of all clients'. A request that is
 * refused (a channel that is not a client, a label that is not in the protocol, a
 * SET_TIMEOUT without its argument, one timeout too many) gets the reply label
 * SEL4C_TIMER_ERROR and is counted against the channel; nothing a client sends makes the
 * service fail or block.
 */
#ifndef SEL4C_DRIVERS_TIMER_H
#define SEL4C_DRIVERS_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include <sel4c/error.h>

/* Outstanding timeouts per client; one more is refused. */
#define SEL4C_TIMER_MAX_TIMEOUTS 32
/* Clients of one service. */
#define SEL4C_TIMER_MAX_CLIENTS 16
/* Channel ids are Microkit's, 0..61. */
#define SEL4C_TIMER_MAX_CHANNEL 61

/* Why a request was refused (the reason of the last refusal is kept per client). */
typedef enum sel4c_timer_refusal {
    SEL4C_TIMER_OK = 0,
    SEL4C_TIMER_NOT_A_CLIENT,     /* the channel is not one of the service's clients */
    SEL4C_TIMER_BAD_LABEL,        /* neither GET_TIME nor SET_TIMEOUT */
    SEL4C_TIMER_MISSING_ARGUMENT, /* SET_TIMEOUT with no message register */
    SEL4C_TIMER_TOO_MANY,         /* SEL4C_TIMER_MAX_TIMEOUTS already outstanding */
} sel4c_timer_refusal_t;

typedef struct sel4c_timer_client {
    unsigned channel;
    unsigned count;   /* outstanding timeouts, heap[0..count) */
    uint64_t refused; /* requests refused */
    uint64_t fired;   /* timeouts expired */
    sel4c_timer_refusal_t last_refusal;
    uint64_t heap[SEL4C_TIMER_MAX_TIMEOUTS]; /* min-heap of deadlines (ns) */
} sel4c_timer_client_t;

typedef struct sel4c_timer_service {
    unsigned nclients;
    uint64_t refused_not_client; /* requests on channels that are not clients */
    sel4c_timer_client_t clients[SEL4C_TIMER_MAX_CLIENTS];
} sel4c_timer_service_t;

/* A request as the PD received it, and the reply the service decided. */
typedef struct sel4c_timer_request {
    unsigned channel;
    uint64_t label;
    unsigned count; /* message registers sent */
    uint64_t mr0;
} sel4c_timer_request_t;

typedef struct sel4c_timer_reply {
    uint64_t label;                /* 0, or SEL4C_TIMER_ERROR */
    unsigned count;                /* message registers of the reply: 0 or 1 */
    uint64_t mr0;                  /* GET_TIME: the time */
    sel4c_timer_refusal_t refusal; /* why label is SEL4C_TIMER_ERROR */
    uint64_t refused;              /* the channel's refusal count after this request */
} sel4c_timer_reply_t;

/*
 * Sets up `svc` for the `n` clients whose channel ids are `channels`.
 * Errors: SEL4C_RANGE_ERROR when n > SEL4C_TIMER_MAX_CLIENTS or an id is above
 * SEL4C_TIMER_MAX_CHANNEL; SEL4C_INVALID_ARGUMENT when an id appears twice. `svc` then
 * serves no client.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_timer_service_init(sel4c_timer_service_t *svc,
                                                      const unsigned *channels, unsigned n);

/*
 * Serves one request at time `now` (ns): GET_TIME replies `now`; SET_TIMEOUT adds the
 * deadline now + MR0 (saturating) to the client's. Returns the reply. The caller programs
 * the hardware with sel4c_timer_next_deadline() afterwards.
 */
sel4c_timer_reply_t sel4c_timer_handle(sel4c_timer_service_t *svc, const sel4c_timer_request_t *req,
                                       uint64_t now);

/* The earliest outstanding deadline of all clients in *deadline; false when there is none. */
bool sel4c_timer_next_deadline(const sel4c_timer_service_t *svc, uint64_t *deadline);

/*
 * Removes every timeout whose deadline is at or before `now` and returns the channels to
 * notify as a bit mask (bit c: channel c had at least one timeout expire).
 */
uint64_t sel4c_timer_expire(sel4c_timer_service_t *svc, uint64_t now);

/* The client on `channel`, or NULL. */
const sel4c_timer_client_t *sel4c_timer_client(const sel4c_timer_service_t *svc, unsigned channel);

/* A static string saying why a request was refused. */
const char *sel4c_timer_refusal_str(sel4c_timer_refusal_t r);

/*
 * The ARM generic timer at user level (arch/<arch>/): the EL1 physical counter and timer,
 * which seL4 exports to EL0 with EXPORT_PCNT_USER and EXPORT_PTMR_USER. Its interrupt is
 * PPI 30 (level-triggered) on every GIC platform, QEMU's virt included.
 */

/* Nanoseconds since the counter started. */
uint64_t sel4c_generic_timer_now(void);
/* Raises the interrupt once the counter reaches `deadline` (ns); replaces any earlier one. */
void sel4c_generic_timer_set(uint64_t deadline);
/* No interrupt until the next sel4c_generic_timer_set. */
void sel4c_generic_timer_stop(void);
/* The counter's ticks per second. */
uint64_t sel4c_generic_timer_frequency(void);

#endif
