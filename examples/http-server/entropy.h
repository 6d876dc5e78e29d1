/*
 * The server's entropy (TLS seeding and reseeding, lwIP's seed) from the virtio-rng driver
 * (<sel4c/protocol/rng.h>): by protected procedure call while the server starts, and from a
 * reserve in the server once it serves, refilled by the notification protocol. After
 * entropy_serve() the server never calls the driver: a call into a PD that has faulted never
 * returns, and would stop every connection; a request by notification that is never answered
 * only leaves the reserve empty, and then a TLS reseed fails (that handshake is refused)
 * while everything else goes on.
 */
#ifndef HTTP_SERVER_ENTROPY_H
#define HTTP_SERVER_ENTROPY_H

#include <stddef.h>
#include <stdint.h>

/* The driver on `channel`, the region shared with it at `shared` of `size` bytes. Returns 0,
 * or non-zero when the region has no data area. */
int entropy_init(unsigned channel, uintptr_t shared, size_t size);

/* Fills `buf` with `len` bytes (the shape of sel4c_tls_entropy_fn; `ctx` is unused). Returns
 * 0, or non-zero when the driver or, once serving, the reserve could not give them all. */
int entropy_fill(void *ctx, uint8_t *buf, size_t len);

/* From now on, entropy comes from the reserve, which this asks the driver to fill. Returns 0,
 * or non-zero when the driver's notifications cannot be handled. */
int entropy_serve(void);

#endif
