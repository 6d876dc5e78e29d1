/*
 * TLS sessions (lib/tls) against mbedTLS's client, in memory: the handshake negotiates an
 * ECDHE AEAD suite, data crosses both ways byte-exact, a client offering only TLS 1.1, a client
 * offering only suites we do not allow, and garbage are each refused without disturbing another
 * session, and the pool returns to its level after every session is freed.
 */
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include <sel4c/tls.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #cond);                        \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

/* A one-way byte pipe. */
struct pipe {
    unsigned char buf[1 << 16];
    size_t len;
};
struct link {
    struct pipe to_server, to_client;
};

static int pipe_write(struct pipe *p, const unsigned char *b, size_t n)
{
    size_t room = sizeof p->buf - p->len;
    if (room == 0)
        return -1;
    if (n > room)
        n = room;
    memcpy(p->buf + p->len, b, n);
    p->len += n;
    return (int)n;
}

static int pipe_read(struct pipe *p, unsigned char *b, size_t n)
{
    if (p->len == 0)
        return -1;
    if (n > p->len)
        n = p->len;
    memcpy(b, p->buf, n);
    memmove(p->buf, p->buf + n, p->len - n);
    p->len -= n;
    return (int)n;
}

/* The server's transport. */
static int srv_send(void *ctx, const uint8_t *b, size_t n)
{
    int r = pipe_write(&((struct link *)ctx)->to_client, b, n);
    return r < 0 ? SEL4C_TLS_WANT_WRITE : r;
}
static int srv_recv(void *ctx, uint8_t *b, size_t n)
{
    int r = pipe_read(&((struct link *)ctx)->to_server, b, n);
    return r < 0 ? SEL4C_TLS_WANT_READ : r;
}
/* The client's (mbedTLS's own bio convention). */
static int cli_send(void *ctx, const unsigned char *b, size_t n)
{
    int r = pipe_write(&((struct link *)ctx)->to_server, b, n);
    return r < 0 ? MBEDTLS_ERR_SSL_WANT_WRITE : r;
}
static int cli_recv(void *ctx, unsigned char *b, size_t n)
{
    int r = pipe_read(&((struct link *)ctx)->to_client, b, n);
    return r < 0 ? MBEDTLS_ERR_SSL_WANT_READ : r;
}

static int entropy_calls;
static int test_entropy(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    entropy_calls++;
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = f != NULL ? fread(buf, 1, len, f) : 0;
    if (f != NULL)
        fclose(f);
    return got == len ? 0 : -1;
}
static int broken_entropy(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    (void)len;
    return -1;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    static char bufs[2][8192];
    static int which;
    char *b = bufs[which++ % 2];
    size_t n = fread(b, 1, sizeof bufs[0] - 1, f);
    b[n] = 0;
    fclose(f);
    return b;
}

static int client_entropy(void *ctx, unsigned char *buf, size_t len, size_t *olen)
{
    *olen = len;
    return test_entropy(ctx, buf, len);
}

struct client {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_x509_crt ca;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_entropy_context ent;
};

static void client_init(struct client *c, struct link *l, const char *ca_pem, const int *suites)
{
    mbedtls_ssl_init(&c->ssl);
    mbedtls_ssl_config_init(&c->conf);
    mbedtls_x509_crt_init(&c->ca);
    mbedtls_ctr_drbg_init(&c->drbg);
    mbedtls_entropy_init(&c->ent);
    CHECK(mbedtls_entropy_add_source(&c->ent, client_entropy, NULL, 32,
                                     MBEDTLS_ENTROPY_SOURCE_STRONG) == 0);
    CHECK(mbedtls_ctr_drbg_seed(&c->drbg, mbedtls_entropy_func, &c->ent, NULL, 0) == 0);
    CHECK(mbedtls_x509_crt_parse(&c->ca, (const unsigned char *)ca_pem, strlen(ca_pem) + 1) == 0);
    CHECK(mbedtls_ssl_config_defaults(&c->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                      MBEDTLS_SSL_PRESET_DEFAULT) == 0);
    mbedtls_ssl_conf_ca_chain(&c->conf, &c->ca, NULL);
    mbedtls_ssl_conf_authmode(&c->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_rng(&c->conf, mbedtls_ctr_drbg_random, &c->drbg);
    if (suites != NULL)
        mbedtls_ssl_conf_ciphersuites(&c->conf, suites);
    CHECK(mbedtls_ssl_setup(&c->ssl, &c->conf) == 0);
    CHECK(mbedtls_ssl_set_hostname(&c->ssl, "localhost") == 0);
    mbedtls_ssl_set_bio(&c->ssl, l, cli_send, cli_recv, NULL);
}

static void client_free(struct client *c)
{
    mbedtls_ssl_free(&c->ssl);
    mbedtls_ssl_config_free(&c->conf);
    mbedtls_x509_crt_free(&c->ca);
    mbedtls_ctr_drbg_free(&c->drbg);
    mbedtls_entropy_free(&c->ent);
}

/* Drives both ends until the handshake ends; returns the server's result. */
static int handshake(struct client *c, sel4c_tls_session_t *s, int *client_result)
{
    int sr = SEL4C_TLS_WANT_READ, cr = MBEDTLS_ERR_SSL_WANT_READ;
    for (int i = 0; i < 200; i++) {
        if (cr == MBEDTLS_ERR_SSL_WANT_READ || cr == MBEDTLS_ERR_SSL_WANT_WRITE)
            cr = mbedtls_ssl_handshake(&c->ssl);
        if (sr == SEL4C_TLS_WANT_READ || sr == SEL4C_TLS_WANT_WRITE)
            sr = sel4c_tls_handshake(s);
        if (sr != SEL4C_TLS_WANT_READ && sr != SEL4C_TLS_WANT_WRITE &&
            cr != MBEDTLS_ERR_SSL_WANT_READ && cr != MBEDTLS_ERR_SSL_WANT_WRITE)
            break;
        if (sr < 0 && sr != SEL4C_TLS_WANT_READ && sr != SEL4C_TLS_WANT_WRITE)
            break;
    }
    *client_result = cr;
    return sr;
}

int main(int argc, char **argv)
{
    CHECK(argc == 3);
    const char *cert = slurp(argv[1]), *key = slurp(argv[2]);
    int err;
    const char *why;

    CHECK(sel4c_tls_server_new(cert, key, broken_entropy, NULL, &err, &why) == NULL);
    CHECK(err == SEL4C_TLS_ENTROPY);
    printf("no entropy: refused (%s)\n", why);
    CHECK(sel4c_tls_server_new("garbage", key, test_entropy, NULL, &err, &why) == NULL);
    CHECK(err == SEL4C_TLS_EINVAL);
    printf("bad certificate: refused (%s)\n", why);

    sel4c_tls_server_t *srv = sel4c_tls_server_new(cert, key, test_entropy, NULL, &err, &why);
    CHECK(srv != NULL);
    CHECK(entropy_calls > 0);
    size_t base, max;
    sel4c_tls_pool_stats(&base, &max);

    /* A good session, with another one half-way through its handshake alongside. */
    static struct link l1, l2, l3;
    struct client c1, c2;
    client_init(&c1, &l1, cert, NULL);
    sel4c_tls_session_t *s1 = sel4c_tls_session_new(srv, srv_send, srv_recv, &l1);
    CHECK(s1 != NULL);
    int cr;
    CHECK(handshake(&c1, s1, &cr) == 0 && cr == 0);
    const char *suite = sel4c_tls_suite(s1);
    printf("handshake: %s\n", suite);
    CHECK(strstr(suite, "ECDHE") != NULL &&
          (strstr(suite, "GCM") != NULL || strstr(suite, "CHACHA20-POLY1305") != NULL));
    static unsigned char big[200000], got[200000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * 7 + 3);
    size_t sent = 0, recvd = 0;
    for (int i = 0; i < 100000 && recvd < sizeof big; i++) {
        if (sent < sizeof big) {
            int n = sel4c_tls_write(s1, big + sent, sizeof big - sent);
            CHECK(n > 0 || n == SEL4C_TLS_WANT_WRITE);
            if (n > 0)
                sent += (size_t)n;
        }
        int n = mbedtls_ssl_read(&c1.ssl, got + recvd, sizeof got - recvd);
        CHECK(n > 0 || n == MBEDTLS_ERR_SSL_WANT_READ);
        if (n > 0)
            recvd += (size_t)n;
    }
    CHECK(recvd == sizeof big && memcmp(big, got, sizeof big) == 0);
    CHECK(mbedtls_ssl_write(&c1.ssl, (const unsigned char *)"ping", 4) == 4);
    char four[8];
    CHECK(sel4c_tls_read(s1, four, sizeof four) == 4 && memcmp(four, "ping", 4) == 0);
    printf("data: %zu bytes server to client and 4 back, byte-exact\n", recvd);

    /* A ClientHello offering at most TLS 1.1 (the client's hello, its version field lowered):
     * refused. */
    client_init(&c2, &l2, cert, NULL);
    sel4c_tls_session_t *s2 = sel4c_tls_session_new(srv, srv_send, srv_recv, &l2);
    CHECK(mbedtls_ssl_handshake(&c2.ssl) == MBEDTLS_ERR_SSL_WANT_READ);
    CHECK(l2.to_server.len > 11 && l2.to_server.buf[0] == 22 && l2.to_server.buf[5] == 1);
    l2.to_server.buf[9] = 3; /* record header (5), handshake header (4), then client_version */
    l2.to_server.buf[10] = 2;
    int r = sel4c_tls_handshake(s2);
    CHECK(r == SEL4C_TLS_EPROTO);
    printf("TLS 1.1 client: refused (%s)\n", sel4c_tls_last_error(s2));
    sel4c_tls_session_free(s2);
    client_free(&c2);

    /* Only a CBC suite (no AEAD): refused. */
    static const int cbc[] = {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 0};
    static struct link l4;
    client_init(&c2, &l4, cert, cbc);
    s2 = sel4c_tls_session_new(srv, srv_send, srv_recv, &l4);
    r = handshake(&c2, s2, &cr);
    CHECK(r == SEL4C_TLS_EPROTO);
    printf("CBC-only client: refused (%s)\n", sel4c_tls_last_error(s2));
    sel4c_tls_session_free(s2);
    client_free(&c2);

    /* Garbage instead of a ClientHello: refused. */
    sel4c_tls_session_t *s3 = sel4c_tls_session_new(srv, srv_send, srv_recv, &l3);
    memset(l3.to_server.buf, 0x41, 300);
    l3.to_server.len = 300;
    r = sel4c_tls_handshake(s3);
    CHECK(r == SEL4C_TLS_EPROTO);
    printf("garbage: refused (%s)\n", sel4c_tls_last_error(s3));
    sel4c_tls_session_free(s3);

    /* The first session still works after its neighbours failed. */
    CHECK(mbedtls_ssl_write(&c1.ssl, (const unsigned char *)"more", 4) == 4);
    CHECK(sel4c_tls_read(s1, four, sizeof four) == 4 && memcmp(four, "more", 4) == 0);
    sel4c_tls_session_free(s1);
    client_free(&c1);

    size_t now;
    sel4c_tls_pool_stats(&now, &max);
    printf("pool: %zu bytes before the sessions, %zu after, high-water %zu\n", base, now, max);
    CHECK(now == base);
    printf("PASS\n");
    return 0;
}
