/*
 * TCP for protection domains: a socket-like API over lwIP's raw API, driven by handlers.
 *
 * A connection is a handle from a fixed pool (as many as lwIP has PCBs). Its owner gets
 * events through `sel4c_tcp_handlers_t`, called from sel4c_net_input()/sel4c_net_poll() on
 * the event-loop thread; in them, or at any later time, it reads and writes without blocking:
 *
 *   readable(c)  data (or the end of the stream) is waiting: call sel4c_tcp_read until EAGAIN.
 *   writable(c)  the peer acknowledged data: there is room again for sel4c_tcp_write.
 *   closed(c, e) the connection is gone (reset, timed out, or both directions closed); the
 *                handle is invalid after the handler returns. Not called for sel4c_tcp_abort.
 *
 * Back-pressure both ways: received data stays in the connection until read, and lwIP's
 * receive window opens only by what was read, so a slow reader slows its peer; a write takes
 * only what fits in the send buffer and returns how much it took.
 *
 * Every handler may call any function of this header, on any connection; a connection closed
 * or aborted inside a handler gets no further events.
 */
#ifndef SEL4C_TCP_H
#define SEL4C_TCP_H

#include <sel4c/net.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sel4c_tcp sel4c_tcp_t;
typedef struct sel4c_tcp_listener sel4c_tcp_listener_t;

typedef struct sel4c_tcp_handlers {
    void (*readable)(sel4c_tcp_t *c, void *arg);
    void (*writable)(sel4c_tcp_t *c, void *arg);
    void (*closed)(sel4c_tcp_t *c, sel4c_net_err_t why, void *arg);
} sel4c_tcp_handlers_t;

/* Called for each accepted connection; it sets the connection's handlers and argument with
 * sel4c_tcp_set_handlers (or closes it). */
typedef void (*sel4c_tcp_accept_fn)(sel4c_tcp_listener_t *l, sel4c_tcp_t *c, void *arg);

/* Listens on `port` of every interface, with room for `backlog` connections not yet accepted
 * by lwIP. Errors: EADDRINUSE, ENOMEM (no listener PCB), EINVAL. */
sel4c_net_err_t sel4c_tcp_listen(uint16_t port, int backlog, sel4c_tcp_accept_fn accept, void *arg,
                                 sel4c_tcp_listener_t **out) SEL4C_NET_MUST_CHECK;
void sel4c_tcp_listener_close(sel4c_tcp_listener_t *l);

/* Connects to addr:port; `handlers->writable` is called once connected. Errors: ENOMEM. */
sel4c_net_err_t sel4c_tcp_connect(sel4c_ipv4_t addr, uint16_t port,
                                  const sel4c_tcp_handlers_t *handlers, void *arg,
                                  sel4c_tcp_t **out) SEL4C_NET_MUST_CHECK;

/* Sets the handlers of `c` (copied; NULL: none) and the argument they get. */
void sel4c_tcp_set_handlers(sel4c_tcp_t *c, const sel4c_tcp_handlers_t *handlers, void *arg);

/* Reads up to `len` bytes. Returns the number read (> 0), 0 at the end of the peer's stream,
 * or a negated error: -SEL4C_NET_EAGAIN when nothing is waiting, -SEL4C_NET_ECLOSED. */
long sel4c_tcp_read(sel4c_tcp_t *c, void *buf, size_t len) SEL4C_NET_MUST_CHECK;

/* Bytes waiting to be read. */
size_t sel4c_tcp_pending(const sel4c_tcp_t *c);

/* Queues up to `len` bytes (copied) for sending. Returns the number taken (> 0), or
 * -SEL4C_NET_EAGAIN when the send buffer is full (wait for writable), -SEL4C_NET_ECLOSED
 * after shutdown, -SEL4C_NET_ENOMEM. Data goes out at the latest when the handler returns. */
long sel4c_tcp_write(sel4c_tcp_t *c, const void *buf, size_t len) SEL4C_NET_MUST_CHECK;

/* Room in the send buffer now, in bytes. */
size_t sel4c_tcp_send_space(const sel4c_tcp_t *c);

/* Sends what was queued now instead of when the handler returns. */
void sel4c_tcp_flush(sel4c_tcp_t *c);

/* Closes our direction after the queued data: the peer reads the end of the stream; we may
 * still read. */
void sel4c_tcp_shutdown(sel4c_tcp_t *c);

/* Closes both directions gracefully; the handle is invalid on return and no handler runs. */
void sel4c_tcp_close(sel4c_tcp_t *c);

/* Resets the connection (RST); the handle is invalid on return and no handler runs. */
void sel4c_tcp_abort(sel4c_tcp_t *c);

/* Closes the connection with `closed(c, SEL4C_NET_ETIMEDOUT)` when neither direction makes
 * progress for `ms` milliseconds (0: never). Checked twice a second. */
void sel4c_tcp_set_idle_timeout(sel4c_tcp_t *c, uint32_t ms);

/* The peer's address and port. */
void sel4c_tcp_peer(const sel4c_tcp_t *c, sel4c_ipv4_t *addr, uint16_t *port);

#ifdef __cplusplus
}
#endif

#endif
