/*
 * The client side of the entropy service's PP call (<sel4c/protocol/rng.h>): entropy on demand,
 * synchronously, for code that cannot wait for a notification. sel4c_rng_client_fill has the
 * shape of sel4c_tls_entropy_fn, so a TLS server is seeded from the device with
 *
 *     static sel4c_rng_client_t rng;   // sel4c_rng_client_init(&rng, RNG_CH, rng_shared, ...)
 *     sel4c_tls_server_new(cert_pem, key_pem, sel4c_rng_client_fill, &rng, &err, &why);
 *
 * and fails, rather than running on a guessable seed, when there is no entropy.
 *
 * Ownership: the client owns the shared region's data area while a call runs; one thread uses
 * a client. The PP call needs the client's channel end to have pp="true" and the driver a
 * higher priority than the client. Part of libsel4c_virtio.a (drivers/virtio/rng_client.c);
 * for protection domains only (it calls microkit_ppcall).
 */
#ifndef SEL4C_RNG_CLIENT_H
#define SEL4C_RNG_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sel4c_rng_client {
    unsigned channel;     /* the channel to the virtio-rng driver */
    uintptr_t shared;     /* the shared region (struct sel4c_rng_shared, then data) */
    size_t shared_size;   /* its size */
    uint32_t last_status; /* enum sel4c_rng_status of the last call that failed */
} sel4c_rng_client_t;

/*
 * Sets up `c` for the driver on `channel` with the region at `shared` of `shared_size` bytes.
 * Returns 0, or SEL4C_RNG_INVALID when the region has no data area.
 */
__attribute__((warn_unused_result)) int sel4c_rng_client_init(sel4c_rng_client_t *c,
                                                              unsigned channel, uintptr_t shared,
                                                              size_t shared_size);

/*
 * Fills `buf` with `len` bytes of device entropy (any length: asked for in pieces of at most
 * SEL4C_RNG_PPC_MAX bytes). `ctx` is the sel4c_rng_client_t. Returns 0, or non-zero (the
 * driver's status, also in c->last_status) when the driver could not give all of them: then
 * `buf` must not be used.
 */
__attribute__((warn_unused_result)) int sel4c_rng_client_fill(void *ctx, uint8_t *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
