/*
 * sel4c's TLS sessions on mbedTLS: one server configuration, sessions over caller-moved byte
 * streams, every allocation from one fixed pool.
 */
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include <sel4c/tls.h>
#include <string.h>

struct sel4c_tls_server {
    mbedtls_ssl_config conf;
    mbedtls_x509_crt chain;
    mbedtls_pk_context key;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    sel4c_tls_entropy_fn entropy_fn;
    void *entropy_ctx;
};

struct sel4c_tls_session {
    mbedtls_ssl_context ssl;
    sel4c_tls_send_fn send;
    sel4c_tls_recv_fn recv;
    void *ctx;
    int last_error; /* mbedTLS's code */
    char message[96];
};

static unsigned char pool[SEL4C_TLS_POOL_SIZE] __attribute__((aligned(16)));
static int pool_ready;

static void pool_init(void)
{
    if (!pool_ready) {
        mbedtls_memory_buffer_alloc_init(pool, sizeof pool);
        pool_ready = 1;
    }
}

void sel4c_tls_pool_stats(size_t *used, size_t *max_used)
{
    size_t blocks;
    mbedtls_memory_buffer_alloc_cur_get(used, &blocks);
    mbedtls_memory_buffer_alloc_max_get(max_used, &blocks);
}

/* mbedTLS's entropy source: the PD's, marked strong, so that the generator is seeded from it
 * alone. */
static int entropy_source(void *data, unsigned char *out, size_t len, size_t *olen)
{
    struct sel4c_tls_server *srv = data;
    if (srv->entropy_fn(srv->entropy_ctx, out, len) != 0)
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    *olen = len;
    return 0;
}

static int map_error(int e)
{
    switch (e) {
    case MBEDTLS_ERR_SSL_WANT_READ: return SEL4C_TLS_WANT_READ;
    case MBEDTLS_ERR_SSL_WANT_WRITE: return SEL4C_TLS_WANT_WRITE;
    case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
    case MBEDTLS_ERR_SSL_CONN_EOF: return SEL4C_TLS_CLOSED;
    case MBEDTLS_ERR_SSL_ALLOC_FAILED:
    case MBEDTLS_ERR_MPI_ALLOC_FAILED:
    case MBEDTLS_ERR_ECP_ALLOC_FAILED:
    case MBEDTLS_ERR_PK_ALLOC_FAILED:
    case MBEDTLS_ERR_X509_ALLOC_FAILED:
    case MBEDTLS_ERR_CIPHER_ALLOC_FAILED:
    case MBEDTLS_ERR_MD_ALLOC_FAILED: return SEL4C_TLS_ENOMEM;
    case MBEDTLS_ERR_ENTROPY_SOURCE_FAILED:
    case MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED: return SEL4C_TLS_ENTROPY;
    default: return SEL4C_TLS_EPROTO;
    }
}

static void server_free(struct sel4c_tls_server *srv)
{
    mbedtls_ssl_config_free(&srv->conf);
    mbedtls_x509_crt_free(&srv->chain);
    mbedtls_pk_free(&srv->key);
    mbedtls_ctr_drbg_free(&srv->drbg);
    mbedtls_entropy_free(&srv->entropy);
    mbedtls_free(srv);
}

sel4c_tls_server_t *sel4c_tls_server_new(const char *cert_pem, const char *key_pem,
                                         sel4c_tls_entropy_fn entropy, void *entropy_ctx, int *err,
                                         const char **why)
{
    static const char personalisation[] = "sel4c tls server";
    *why = "";
    if (cert_pem == NULL || key_pem == NULL || entropy == NULL) {
        *err = SEL4C_TLS_EINVAL;
        *why = "missing certificate, key or entropy source";
        return NULL;
    }
    pool_init();
    struct sel4c_tls_server *srv = mbedtls_calloc(1, sizeof *srv);
    if (srv == NULL) {
        *err = SEL4C_TLS_ENOMEM;
        return NULL;
    }
    srv->entropy_fn = entropy;
    srv->entropy_ctx = entropy_ctx;
    mbedtls_ssl_config_init(&srv->conf);
    mbedtls_x509_crt_init(&srv->chain);
    mbedtls_pk_init(&srv->key);
    mbedtls_entropy_init(&srv->entropy);
    mbedtls_ctr_drbg_init(&srv->drbg);
    int e = mbedtls_entropy_add_source(&srv->entropy, entropy_source, srv, 32,
                                       MBEDTLS_ENTROPY_SOURCE_STRONG);
    if (e == 0)
        e = mbedtls_ctr_drbg_seed(&srv->drbg, mbedtls_entropy_func, &srv->entropy,
                                  (const unsigned char *)personalisation, sizeof personalisation);
    if (e != 0) {
        *err = map_error(e) == SEL4C_TLS_ENOMEM ? SEL4C_TLS_ENOMEM : SEL4C_TLS_ENTROPY;
        *why = "cannot seed the random generator from the entropy source";
        server_free(srv);
        return NULL;
    }
    e = mbedtls_x509_crt_parse(&srv->chain, (const unsigned char *)cert_pem, strlen(cert_pem) + 1);
    if (e != 0) {
        *err = map_error(e) == SEL4C_TLS_ENOMEM ? SEL4C_TLS_ENOMEM : SEL4C_TLS_EINVAL;
        *why = "the certificate chain does not parse";
        server_free(srv);
        return NULL;
    }
    e = mbedtls_pk_parse_key(&srv->key, (const unsigned char *)key_pem, strlen(key_pem) + 1, NULL,
                             0);
    if (e != 0) {
        *err = map_error(e) == SEL4C_TLS_ENOMEM ? SEL4C_TLS_ENOMEM : SEL4C_TLS_EINVAL;
        *why = "the private key does not parse (or is encrypted)";
        server_free(srv);
        return NULL;
    }
    e = mbedtls_ssl_config_defaults(&srv->conf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT);
    if (e == 0)
        e = mbedtls_ssl_conf_own_cert(&srv->conf, &srv->chain, &srv->key);
    if (e != 0) {
        *err = map_error(e) == SEL4C_TLS_ENOMEM ? SEL4C_TLS_ENOMEM : SEL4C_TLS_EINVAL;
        *why = "the key does not match the certificate";
        server_free(srv);
        return NULL;
    }
    /* TLS 1.2 and nothing older; the suites are the configuration's list; renegotiation is not
     * compiled in. */
    mbedtls_ssl_conf_min_version(&srv->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_rng(&srv->conf, mbedtls_ctr_drbg_random, &srv->drbg);
    *err = 0;
    return srv;
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    struct sel4c_tls_session *s = ctx;
    int n = s->send(s->ctx, buf, len);
    if (n == SEL4C_TLS_WANT_WRITE)
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    return n > 0 ? n : MBEDTLS_ERR_SSL_CONN_EOF;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    struct sel4c_tls_session *s = ctx;
    int n = s->recv(s->ctx, buf, len);
    if (n == SEL4C_TLS_WANT_READ)
        return MBEDTLS_ERR_SSL_WANT_READ;
    /* mbedTLS reads 0 as the transport's end of stream. */
    return n > 0 ? n : 0;
}

sel4c_tls_session_t *sel4c_tls_session_new(sel4c_tls_server_t *server, sel4c_tls_send_fn send,
                                           sel4c_tls_recv_fn recv, void *ctx)
{
    struct sel4c_tls_session *s = mbedtls_calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    mbedtls_ssl_init(&s->ssl);
    if (mbedtls_ssl_setup(&s->ssl, &server->conf) != 0) {
        mbedtls_ssl_free(&s->ssl);
        mbedtls_free(s);
        return NULL;
    }
    s->send = send;
    s->recv = recv;
    s->ctx = ctx;
    mbedtls_ssl_set_bio(&s->ssl, s, bio_send, bio_recv, NULL);
    return s;
}

static int result(struct sel4c_tls_session *s, int e)
{
    if (e >= 0)
        return e;
    int r = map_error(e);
    if (r != SEL4C_TLS_WANT_READ && r != SEL4C_TLS_WANT_WRITE)
        s->last_error = e;
    return r;
}

int sel4c_tls_handshake(sel4c_tls_session_t *s)
{
    return result(s, mbedtls_ssl_handshake(&s->ssl));
}

int sel4c_tls_read(sel4c_tls_session_t *s, void *buf, size_t len)
{
    int n = mbedtls_ssl_read(&s->ssl, buf, len);
    /* The transport's end of stream without close_notify is a close too (truncation is the
     * application's concern: HTTP frames its own bodies). */
    return n == 0 ? SEL4C_TLS_CLOSED : result(s, n);
}

int sel4c_tls_write(sel4c_tls_session_t *s, const void *buf, size_t len)
{
    return result(s, mbedtls_ssl_write(&s->ssl, buf, len));
}

void sel4c_tls_session_free(sel4c_tls_session_t *s)
{
    (void)mbedtls_ssl_close_notify(&s->ssl);
    mbedtls_ssl_free(&s->ssl);
    mbedtls_free(s);
}

const char *sel4c_tls_suite(const sel4c_tls_session_t *s)
{
    return s->ssl.state == MBEDTLS_SSL_HANDSHAKE_OVER ? mbedtls_ssl_get_ciphersuite(&s->ssl) : NULL;
}

const char *sel4c_tls_last_error(const sel4c_tls_session_t *s)
{
    struct sel4c_tls_session *m = (struct sel4c_tls_session *)s;
    mbedtls_strerror(s->last_error, m->message, sizeof m->message);
    return m->message;
}
