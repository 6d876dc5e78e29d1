/*
 * HTTP and HTTPS connections of the server PD: the HTTP core (<sel4c/http.h>) over a TCP
 * connection (<sel4c/tcp.h>), directly or through a TLS session (<sel4c/tls.h>). A fixed
 * pool of CONN_MAX connections; a connection beyond it is reset at once.
 */
#ifndef HTTP_SERVER_CONN_H
#define HTTP_SERVER_CONN_H

#include <sel4c/http.h>
#include <sel4c/tcp.h>
#include <sel4c/tls.h>

#define CONN_MAX 64

/* What every connection shares: the HTTP server's callbacks and, for HTTPS, the TLS server. */
void conn_setup(const sel4c_http_server_t *http, sel4c_tls_server_t *tls);

/* The listeners' accept functions (the argument is unused). */
void conn_accept_http(sel4c_tcp_listener_t *l, sel4c_tcp_t *t, void *arg);
void conn_accept_https(sel4c_tcp_listener_t *l, sel4c_tcp_t *t, void *arg);

/* Enforces every connection's deadline; call a few times a second. */
void conn_tick(uint64_t now_ms);

/* Connections open now, and the most ever open at once. */
void conn_counts(unsigned *open, unsigned *max_open);

/* Called whenever the last open connection closes (NULL: nothing). */
void conn_on_idle(void (*fn)(void));

#endif
