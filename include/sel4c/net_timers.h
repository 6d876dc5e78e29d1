/*
 * lwIP's timers (<sel4c/net.h>: TCP retransmission and delayed ACKs, ARP, DHCP) kept running
 * on a PD's timer client (<sel4c/timer.h>): sel4c_net_run_timers arms one timeout for the next
 * lwIP timer, runs the due ones when it fires and arms the next, for as long as the PD runs.
 *
 * Ownership: `timer` must stay valid from then on; the timeout is the library's own. Call it
 * once, from the event-loop thread, after sel4c_net_init. Part of libsel4c_net.a
 * (lib/net/timers.c), which then needs libsel4c_event.a.
 */
#ifndef SEL4C_NET_TIMERS_H
#define SEL4C_NET_TIMERS_H

#include <sel4c/error.h>
#include <sel4c/timer.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The longest wait between two runs (ms): see lib/net/timers.c. */
#define SEL4C_NET_TIMERS_MAX_MS 250

/*
 * Starts running lwIP's timers on `timer`. Errors: those of sel4c_timer_after (the timer
 * driver refused the deadline). A later re-arm that fails is logged (sel4c_error), and the
 * timers stop until sel4c_net_run_timers is called again.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_net_run_timers(sel4c_timer_t *timer);

#ifdef __cplusplus
}
#endif

#endif
