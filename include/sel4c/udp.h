/*
 * UDP for protection domains, over lwIP's raw API. Datagrams arrive through a handler on the
 * event-loop thread; the payload pointer is valid only during the call.
 */
#ifndef SEL4C_UDP_H
#define SEL4C_UDP_H

#include <sel4c/net.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sel4c_udp sel4c_udp_t;

/* Called for each datagram received on the endpoint. A datagram that lwIP received in
 * several buffers is passed whole (copied into the endpoint's buffer of SEL4C_UDP_MAX_DATAGRAM
 * bytes; a longer one is dropped and counted). */
typedef void (*sel4c_udp_recv_fn)(sel4c_udp_t *u, const void *data, size_t len, sel4c_ipv4_t from,
                                  uint16_t from_port, void *arg);
#define SEL4C_UDP_MAX_DATAGRAM 65507

/* Binds `port` on every interface. Errors: EADDRINUSE, ENOMEM. */
sel4c_net_err_t sel4c_udp_bind(uint16_t port, sel4c_udp_recv_fn recv, void *arg,
                               sel4c_udp_t **out) SEL4C_NET_MUST_CHECK;

/* Sends one datagram. Errors: EINVAL (too long), ENOMEM, EUNREACH. */
sel4c_net_err_t sel4c_udp_sendto(sel4c_udp_t *u, const void *data, size_t len, sel4c_ipv4_t to,
                                 uint16_t to_port) SEL4C_NET_MUST_CHECK;

/* Datagrams dropped because they were longer than SEL4C_UDP_MAX_DATAGRAM. */
uint32_t sel4c_udp_dropped(const sel4c_udp_t *u);

/* Closes the endpoint; `u` is invalid on return. */
void sel4c_udp_close(sel4c_udp_t *u);

#ifdef __cplusplus
}
#endif

#endif
