/*
 * TLS 1.2 for protection domains: mbedTLS with forward-secret AEAD suites only
 * (lib/tls/mbedtls_config.h), over any byte stream the caller moves.
 *
 * The caller owns the transport: a session reads ciphertext through `recv` and writes it
 * through `send` (both non-blocking: they return SEL4C_TLS_WANT_READ/WANT_WRITE when nothing can
 * move now), and calls the session again when the transport can move bytes. Everything runs on
 * one thread.
 *
 * Memory: mbedTLS allocates only from one fixed pool (SEL4C_TLS_POOL_SIZE bytes, in .bss), so
 * a flood of handshakes exhausts the pool, not the PD: a session that cannot get memory fails
 * with SEL4C_TLS_ENOMEM and the others go on. sel4c_tls_pool_stats gives the high-water mark.
 */
#ifndef SEL4C_TLS_H
#define SEL4C_TLS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_TLS_MUST_CHECK __attribute__((warn_unused_result))

/* Results: >= 0 is a byte count or success; these are the negative values. */
enum {
    SEL4C_TLS_WANT_READ = -1,  /* the transport has no ciphertext for us now */
    SEL4C_TLS_WANT_WRITE = -2, /* the transport cannot take ciphertext now */
    SEL4C_TLS_CLOSED = -3,     /* the peer closed the session (close_notify) */
    SEL4C_TLS_ENOMEM = -4,     /* the pool is exhausted */
    SEL4C_TLS_EPROTO = -5,     /* the peer broke the protocol (bad record, version, suite...) */
    SEL4C_TLS_EINVAL = -6,     /* a certificate or key did not parse, or a bad argument */
    SEL4C_TLS_ENTROPY = -7,    /* the entropy source failed */
};

/* Bytes of the pool every session and the server's keys allocate from. */
#define SEL4C_TLS_POOL_SIZE (1024 * 1024)

/* Fills `buf` with `len` bytes of true randomness; returns 0, or non-zero on failure. */
typedef int (*sel4c_tls_entropy_fn)(void *ctx, uint8_t *buf, size_t len);
/* Move ciphertext: return the bytes moved (> 0), SEL4C_TLS_WANT_READ/WANT_WRITE, or
 * SEL4C_TLS_CLOSED when the transport is gone. */
typedef int (*sel4c_tls_send_fn)(void *ctx, const uint8_t *buf, size_t len);
typedef int (*sel4c_tls_recv_fn)(void *ctx, uint8_t *buf, size_t len);

typedef struct sel4c_tls_server sel4c_tls_server_t;
typedef struct sel4c_tls_session sel4c_tls_session_t;

/* Sets up the library's pool and a server with the certificate chain and private key (PEM,
 * NUL-terminated; copied), seeding its random generator from `entropy`. One server per PD.
 * Returns NULL and sets *err (SEL4C_TLS_EINVAL with a reason in *why, SEL4C_TLS_ENTROPY,
 * SEL4C_TLS_ENOMEM) on failure. */
sel4c_tls_server_t *sel4c_tls_server_new(const char *cert_pem, const char *key_pem,
                                         sel4c_tls_entropy_fn entropy, void *entropy_ctx, int *err,
                                         const char **why);

/* A new session of `server` over a transport. Returns NULL when the pool is exhausted. */
sel4c_tls_session_t *sel4c_tls_session_new(sel4c_tls_server_t *server, sel4c_tls_send_fn send,
                                           sel4c_tls_recv_fn recv, void *ctx);

/* Advances the handshake: 0 when done, else WANT_READ/WANT_WRITE or an error. */
int sel4c_tls_handshake(sel4c_tls_session_t *s) SEL4C_TLS_MUST_CHECK;

/* Reads plaintext: bytes read (> 0), or WANT_READ, CLOSED, an error. */
int sel4c_tls_read(sel4c_tls_session_t *s, void *buf, size_t len) SEL4C_TLS_MUST_CHECK;

/* Writes plaintext: bytes taken (> 0), or WANT_WRITE, an error. After WANT_WRITE, call again
 * with the same data when the transport has room. */
int sel4c_tls_write(sel4c_tls_session_t *s, const void *buf, size_t len) SEL4C_TLS_MUST_CHECK;

/* Sends close_notify (best effort) and frees the session. */
void sel4c_tls_session_free(sel4c_tls_session_t *s);

/* The negotiated suite's IANA name ("TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256"), or NULL
 * before the handshake completed. */
const char *sel4c_tls_suite(const sel4c_tls_session_t *s);

/* A static description of the last error of `s` (mbedTLS's message). */
const char *sel4c_tls_last_error(const sel4c_tls_session_t *s);

/* Bytes of the pool in use now, and the most ever in use. */
void sel4c_tls_pool_stats(size_t *used, size_t *max_used);

#ifdef __cplusplus
}
#endif

#endif
