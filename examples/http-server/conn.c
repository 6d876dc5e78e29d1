/*
 * HTTP and HTTPS connections (conn.h). Each is driven by pump(), from the TCP handlers and
 * the tick: TLS handshake first (HTTPS), then received plaintext into the HTTP core, then the
 * core's responses out through the sink, until nothing moves. The HTTP core and TLS both
 * push back: a response waits for send space, a request waits for the response before it.
 */
#include "conn.h"

#include <stdio.h>
#include <string.h>

struct conn {
    sel4c_tcp_t *tcp;
    sel4c_tls_session_t *tls; /* NULL for plain HTTP */
    bool handshaken, used, input_ended;
    sel4c_http_conn_t *http;
    sel4c_http_conn_storage_t mem;
    uint8_t in[2048]; /* received plaintext not yet taken by the HTTP core */
    size_t in_len, in_off;
};

static struct conn conns[CONN_MAX];
static const sel4c_http_server_t *http_server;
static sel4c_tls_server_t *tls_server;
static unsigned open_now, open_max;
static void (*idle_fn)(void);

void conn_on_idle(void (*fn)(void))
{
    idle_fn = fn;
}

void conn_setup(const sel4c_http_server_t *http, sel4c_tls_server_t *tls)
{
    http_server = http;
    tls_server = tls;
}

void conn_counts(unsigned *open, unsigned *max_open)
{
    *open = open_now;
    *max_open = open_max;
}

/* ---- the byte stream under HTTP: TCP, or TLS over TCP ---- */

/* TLS's transport. A connection being released has no TCP any more when it was reset or the
 * peer is gone: the session's close_notify then goes nowhere. */
static int tcp_send(void *ctx, const uint8_t *buf, size_t len)
{
    if (((struct conn *)ctx)->tcp == NULL)
        return SEL4C_TLS_CLOSED;
    long n = sel4c_tcp_write(((struct conn *)ctx)->tcp, buf, len);
    if (n == -(long)SEL4C_NET_EAGAIN)
        return SEL4C_TLS_WANT_WRITE;
    return n > 0 ? (int)n : SEL4C_TLS_CLOSED;
}

static int tcp_recv(void *ctx, uint8_t *buf, size_t len)
{
    if (((struct conn *)ctx)->tcp == NULL)
        return SEL4C_TLS_CLOSED;
    long n = sel4c_tcp_read(((struct conn *)ctx)->tcp, buf, len);
    if (n == -(long)SEL4C_NET_EAGAIN)
        return SEL4C_TLS_WANT_READ;
    return n > 0 ? (int)n : SEL4C_TLS_CLOSED;
}

/* The HTTP core's sink: what fits now, 0 for "call output when there is room". */
static size_t sink_write(void *ctx, const void *data, size_t len)
{
    struct conn *c = ctx;
    if (c->tls != NULL) {
        int n = sel4c_tls_write(c->tls, data, len);
        return n > 0 ? (size_t)n : 0;
    }
    long n = sel4c_tcp_write(c->tcp, data, len);
    return n > 0 ? (size_t)n : 0;
}

/* Received plaintext: > 0 bytes, 0 at the end of the stream, -1 for nothing now. */
static long plain_read(struct conn *c, uint8_t *buf, size_t len)
{
    if (c->tls != NULL) {
        int n = sel4c_tls_read(c->tls, buf, len);
        if (n == SEL4C_TLS_WANT_READ || n == SEL4C_TLS_WANT_WRITE)
            return -1;
        return n > 0 ? n : 0;
    }
    long n = sel4c_tcp_read(c->tcp, buf, len);
    if (n == -(long)SEL4C_NET_EAGAIN)
        return -1;
    return n > 0 ? n : 0;
}

/* ---- a connection's life ---- */

static void release(struct conn *c)
{
    if (c->http != NULL)
        sel4c_http_conn_fini(c->http);
    if (c->tls != NULL)
        sel4c_tls_session_free(c->tls);
    c->http = NULL;
    c->tls = NULL;
    c->tcp = NULL;
    c->used = false;
    if (--open_now == 0 && idle_fn != NULL)
        idle_fn();
}

/* Ends a connection. Its TLS session is freed first, while the TCP connection is still there
 * for the session's close_notify on a close, and with none on a reset (the TCP handle is
 * invalid once closed or reset). */
static void finish(struct conn *c, bool reset)
{
    sel4c_tcp_t *t = c->tcp;
    if (reset)
        c->tcp = NULL;
    release(c);
    if (reset)
        sel4c_tcp_abort(t);
    else
        sel4c_tcp_close(t);
}

static void pump(struct conn *c)
{
    if (c->tls != NULL && !c->handshaken) {
        int r = sel4c_tls_handshake(c->tls);
        if (r == SEL4C_TLS_WANT_READ || r == SEL4C_TLS_WANT_WRITE)
            return;
        if (r != 0) {
            sel4c_ipv4_t a;
            uint16_t port;
            char ip[16];
            sel4c_tcp_peer(c->tcp, &a, &port);
            printf("https: %s:%u: handshake refused: %s\n", sel4c_ipv4_format(a, ip), port,
                   sel4c_tls_last_error(c->tls));
            finish(c, true);
            return;
        }
        c->handshaken = true;
    }
    for (int round = 0; round < 64; round++) {
        bool moved = false;
        if (c->in_off == c->in_len && !c->input_ended && sel4c_http_conn_wants_input(c->http)) {
            long n = plain_read(c, c->in, sizeof c->in);
            if (n > 0) {
                c->in_len = (size_t)n;
                c->in_off = 0;
            } else if (n == 0) {
                c->input_ended = true;
                sel4c_http_conn_input_end(c->http);
                moved = true;
            }
        }
        if (c->in_off < c->in_len) {
            size_t took = sel4c_http_conn_input(c->http, c->in + c->in_off, c->in_len - c->in_off);
            c->in_off += took;
            moved |= took > 0;
        }
        sel4c_http_conn_output(c->http);
        if (sel4c_http_conn_done(c->http)) {
            finish(c, false);
            return;
        }
        if (!moved)
            break;
    }
    sel4c_tcp_flush(c->tcp);
}

static void on_event(sel4c_tcp_t *t, void *arg)
{
    (void)t;
    struct conn *c = arg;
    if (c->used)
        pump(c);
}

static void on_closed(sel4c_tcp_t *t, sel4c_net_err_t why, void *arg)
{
    (void)t;
    (void)why;
    struct conn *c = arg;
    c->tcp = NULL; /* the stack has freed it */
    release(c);
}

static const sel4c_tcp_handlers_t handlers = {on_event, on_event, on_closed};

/* With every connection in use, the one nearest its deadline among those waiting for a
 * request (idle between requests, a request head still arriving, or a TLS handshake, whose
 * HTTP side is idle) is reset to make room: a flood of slow or idle clients cannot keep a new
 * client out, and no response is cut short. NULL when every connection is answering. */
static struct conn *evict(void)
{
    struct conn *victim = NULL;
    uint64_t first = UINT64_MAX;
    for (int i = 0; i < CONN_MAX; i++) {
        struct conn *c = &conns[i];
        if (!c->used || !sel4c_http_conn_wants_input(c->http) || c->in_off < c->in_len)
            continue;
        uint64_t d = sel4c_http_conn_deadline(c->http);
        if (victim == NULL || d < first) {
            victim = c;
            first = d;
        }
    }
    if (victim != NULL)
        finish(victim, true);
    return victim;
}

static void accept(sel4c_tcp_t *t, bool tls)
{
    struct conn *c = NULL;
    for (int i = 0; i < CONN_MAX && c == NULL; i++)
        if (!conns[i].used)
            c = &conns[i];
    if (c == NULL)
        c = evict();
    sel4c_http_sink_t sink = {.write = sink_write, .ctx = c};
    if (c == NULL) {
        sel4c_tcp_abort(t); /* every connection busy answering: refused, not queued */
        return;
    }
    memset(c, 0, offsetof(struct conn, mem));
    c->in_len = c->in_off = 0;
    c->tcp = t;
    if (tls) {
        c->tls = sel4c_tls_session_new(tls_server, tcp_send, tcp_recv, c);
        if (c->tls == NULL) {
            printf("https: no memory for a session: connection refused\n");
            sel4c_tcp_abort(t);
            return;
        }
    }
    if (sel4c_http_conn_init(&c->mem, http_server, &sink, &c->http) != SEL4C_HTTP_OK) {
        if (c->tls != NULL)
            sel4c_tls_session_free(c->tls);
        sel4c_tcp_abort(t);
        return;
    }
    c->used = true;
    if (++open_now > open_max)
        open_max = open_now;
    sel4c_tcp_set_handlers(t, &handlers, c);
}

void conn_accept_http(sel4c_tcp_listener_t *l, sel4c_tcp_t *t, void *arg)
{
    (void)l;
    (void)arg;
    accept(t, false);
}

void conn_accept_https(sel4c_tcp_listener_t *l, sel4c_tcp_t *t, void *arg)
{
    (void)l;
    (void)arg;
    accept(t, true);
}

void conn_tick(uint64_t now_ms)
{
    for (int i = 0; i < CONN_MAX; i++) {
        struct conn *c = &conns[i];
        if (!c->used)
            continue;
        if (sel4c_http_conn_tick(c->http, now_ms)) {
            finish(c, true); /* slow or idle: reset, nothing more is owed */
            continue;
        }
        pump(c); /* a TLS handshake waiting for send space, or a response */
    }
}
