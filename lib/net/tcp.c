/*
 * TCP connections over lwIP's raw API: a fixed pool of handles, received data kept until
 * read (the window opens only as the owner reads), writes that take what fits.
 *
 * lwIP calls back into us from sel4c_net_input/sel4c_net_poll; we call the owner's handlers
 * from there. A handler may close or abort the very connection lwIP is calling about, so each
 * callback tells lwIP afterwards whether the PCB still exists (ERR_ABRT when it was aborted).
 */
#include "net_internal.h"

#include <lwip/sys.h>
#include <lwip/tcp.h>
#include <sel4c/tcp.h>
#include <string.h>

/* lwIP's pbuf chains count bytes in 16 bits; a receive window below that keeps every chain of
 * not-yet-read data countable. */
_Static_assert(TCP_WND < 0x10000, "received data is kept in one pbuf chain");

struct sel4c_tcp {
    struct tcp_pcb *pcb; /* NULL once lwIP freed it (error) */
    int used;
    struct pbuf *rx; /* received, not yet read */
    int rx_eof;      /* the peer closed its direction */
    int tx_shut;     /* we closed ours */
    sel4c_tcp_handlers_t handlers;
    void *arg;
    uint32_t idle_ms, last_progress;
};

struct sel4c_tcp_listener {
    struct tcp_pcb *pcb;
    int used;
    sel4c_tcp_accept_fn accept;
    void *arg;
};

static struct sel4c_tcp conns[MEMP_NUM_TCP_PCB];
static struct sel4c_tcp_listener listeners[MEMP_NUM_TCP_PCB_LISTEN];
/* Non-zero while lwIP is calling us: it sends queued data itself when we return. */
static int in_lwip;

static struct sel4c_tcp *conn_alloc(void)
{
    for (size_t i = 0; i < sizeof conns / sizeof conns[0]; i++) {
        if (!conns[i].used) {
            memset(&conns[i], 0, sizeof conns[i]);
            conns[i].used = 1;
            conns[i].last_progress = sys_now();
            return &conns[i];
        }
    }
    return NULL;
}

/* Forgets the PCB's callbacks (so lwIP calls us no more) and frees the handle. */
static void conn_release(struct sel4c_tcp *c)
{
    if (c->pcb != NULL) {
        tcp_arg(c->pcb, NULL);
        tcp_recv(c->pcb, NULL);
        tcp_sent(c->pcb, NULL);
        tcp_err(c->pcb, NULL);
        tcp_poll(c->pcb, NULL, 0);
    }
    if (c->rx != NULL)
        pbuf_free(c->rx);
    c->rx = NULL;
    c->pcb = NULL;
    c->used = 0;
}

/* The last PCB a handler aborted (sel4c_tcp_abort, or a close that had to reset). */
static struct tcp_pcb *aborted_pcb;

/* Calls a handler of `c` from lwIP's callback about `pcb`; then tells lwIP whether the PCB
 * still exists: ERR_ABRT if the handler aborted it (lwIP must not touch it again). */
static err_t call_handler(struct sel4c_tcp *c, struct tcp_pcb *pcb,
                          void (*handler)(sel4c_tcp_t *, void *))
{
    aborted_pcb = NULL;
    in_lwip++;
    handler(c, c->arg);
    in_lwip--;
    return aborted_pcb == pcb ? ERR_ABRT : ERR_OK;
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    struct sel4c_tcp *c = arg;
    (void)err; /* lwIP 2.1 passes ERR_OK always */
    if (p == NULL)
        c->rx_eof = 1;
    else if (c->rx == NULL)
        c->rx = p;
    else
        pbuf_cat(c->rx, p);
    c->last_progress = sys_now();
    if (c->handlers.readable == NULL)
        return ERR_OK;
    return call_handler(c, pcb, c->handlers.readable);
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
    struct sel4c_tcp *c = arg;
    (void)len;
    c->last_progress = sys_now();
    if (c->handlers.writable == NULL)
        return ERR_OK;
    return call_handler(c, pcb, c->handlers.writable);
}

/* lwIP has already freed the PCB. */
static void on_err(void *arg, err_t err)
{
    struct sel4c_tcp *c = arg;
    c->pcb = NULL;
    sel4c_tcp_handlers_t h = c->handlers;
    void *harg = c->arg;
    conn_release(c);
    if (h.closed != NULL) {
        in_lwip++;
        h.closed(c, err == ERR_ABRT ? SEL4C_NET_ECLOSED : sel4c_net_from_lwip(err), harg);
        in_lwip--;
    }
}

static err_t on_poll(void *arg, struct tcp_pcb *pcb)
{
    struct sel4c_tcp *c = arg;
    if (c->idle_ms == 0 || sys_now() - c->last_progress < c->idle_ms)
        return ERR_OK;
    sel4c_tcp_handlers_t h = c->handlers;
    void *harg = c->arg;
    conn_release(c);
    tcp_abort(pcb);
    if (h.closed != NULL) {
        in_lwip++;
        h.closed(c, SEL4C_NET_ETIMEDOUT, harg);
        in_lwip--;
    }
    return ERR_ABRT;
}

static void conn_attach(struct sel4c_tcp *c, struct tcp_pcb *pcb)
{
    c->pcb = pcb;
    tcp_arg(pcb, c);
    tcp_recv(pcb, on_recv);
    tcp_sent(pcb, on_sent);
    tcp_err(pcb, on_err);
    tcp_poll(pcb, on_poll, 1); /* every coarse tick: 500 ms */
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    struct sel4c_tcp_listener *l = arg;
    if (err != ERR_OK || pcb == NULL)
        return ERR_VAL;
    struct sel4c_tcp *c = conn_alloc();
    if (c == NULL) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    conn_attach(c, pcb);
    aborted_pcb = NULL;
    in_lwip++;
    l->accept(l, c, l->arg);
    in_lwip--;
    return aborted_pcb == pcb ? ERR_ABRT : ERR_OK;
}

sel4c_net_err_t sel4c_tcp_listen(uint16_t port, int backlog, sel4c_tcp_accept_fn accept, void *arg,
                                 sel4c_tcp_listener_t **out)
{
    if (accept == NULL || out == NULL || backlog < 1 || backlog > 255)
        return SEL4C_NET_EINVAL;
    struct sel4c_tcp_listener *l = NULL;
    for (size_t i = 0; i < sizeof listeners / sizeof listeners[0] && l == NULL; i++)
        if (!listeners[i].used)
            l = &listeners[i];
    if (l == NULL)
        return SEL4C_NET_ENOMEM;
    struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
    if (pcb == NULL)
        return SEL4C_NET_ENOMEM;
    err_t e = tcp_bind(pcb, IP4_ADDR_ANY, port);
    if (e != ERR_OK) {
        tcp_close(pcb);
        return sel4c_net_from_lwip(e);
    }
    struct tcp_pcb *lpcb = tcp_listen_with_backlog_and_err(pcb, (u8_t)backlog, &e);
    if (lpcb == NULL) {
        tcp_close(pcb);
        return sel4c_net_from_lwip(e);
    }
    *l = (struct sel4c_tcp_listener){.pcb = lpcb, .used = 1, .accept = accept, .arg = arg};
    tcp_arg(lpcb, l);
    tcp_accept(lpcb, on_accept);
    *out = l;
    return SEL4C_NET_OK;
}

void sel4c_tcp_listener_close(sel4c_tcp_listener_t *l)
{
    tcp_arg(l->pcb, NULL);
    tcp_accept(l->pcb, NULL);
    tcp_close(l->pcb); /* a listening PCB closes without failing */
    l->used = 0;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)err; /* lwIP reports failures through on_err */
    return on_sent(arg, pcb, 0);
}

sel4c_net_err_t sel4c_tcp_connect(sel4c_ipv4_t addr, uint16_t port,
                                  const sel4c_tcp_handlers_t *handlers, void *arg,
                                  sel4c_tcp_t **out)
{
    struct sel4c_tcp *c = conn_alloc();
    if (c == NULL)
        return SEL4C_NET_ENOMEM;
    struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
    if (pcb == NULL) {
        conn_release(c);
        return SEL4C_NET_ENOMEM;
    }
    conn_attach(c, pcb);
    sel4c_tcp_set_handlers(c, handlers, arg);
    ip_addr_t ip;
    IP_ADDR4(&ip, addr.b[0], addr.b[1], addr.b[2], addr.b[3]);
    err_t e = tcp_connect(pcb, &ip, port, on_connected);
    if (e != ERR_OK) {
        conn_release(c);
        tcp_abort(pcb);
        return sel4c_net_from_lwip(e);
    }
    *out = c;
    return SEL4C_NET_OK;
}

void sel4c_tcp_set_handlers(sel4c_tcp_t *c, const sel4c_tcp_handlers_t *handlers, void *arg)
{
    c->handlers = handlers != NULL ? *handlers : (sel4c_tcp_handlers_t){0};
    c->arg = arg;
}

size_t sel4c_tcp_pending(const sel4c_tcp_t *c)
{
    return c->rx != NULL ? c->rx->tot_len : 0;
}

long sel4c_tcp_read(sel4c_tcp_t *c, void *buf, size_t len)
{
    if (c->rx == NULL) {
        if (c->rx_eof)
            return 0;
        return c->pcb == NULL ? -(long)SEL4C_NET_ECLOSED : -(long)SEL4C_NET_EAGAIN;
    }
    u16_t n = (u16_t)(len < c->rx->tot_len ? len : c->rx->tot_len);
    if (n == 0)
        return -(long)SEL4C_NET_EINVAL;
    pbuf_copy_partial(c->rx, buf, n, 0);
    c->rx = pbuf_free_header(c->rx, n);
    if (c->pcb != NULL)
        tcp_recved(c->pcb, n); /* the window opens by what was read */
    c->last_progress = sys_now();
    return n;
}

size_t sel4c_tcp_send_space(const sel4c_tcp_t *c)
{
    if (c->pcb == NULL || c->tx_shut)
        return 0;
    size_t space = tcp_sndbuf(c->pcb);
    /* lwIP also limits the number of queued segments. */
    return tcp_sndqueuelen(c->pcb) >= TCP_SND_QUEUELEN - 1 ? 0 : space;
}

long sel4c_tcp_write(sel4c_tcp_t *c, const void *buf, size_t len)
{
    if (c->pcb == NULL || c->tx_shut)
        return -(long)SEL4C_NET_ECLOSED;
    size_t space = sel4c_tcp_send_space(c);
    if (space == 0)
        return -(long)SEL4C_NET_EAGAIN;
    u16_t n = (u16_t)(len < space ? len : space);
    if (n == 0)
        return -(long)SEL4C_NET_EINVAL;
    err_t e = tcp_write(c->pcb, buf, n, TCP_WRITE_FLAG_COPY);
    if (e == ERR_MEM)
        return -(long)SEL4C_NET_EAGAIN;
    if (e != ERR_OK)
        return -(long)sel4c_net_from_lwip(e);
    c->last_progress = sys_now();
    if (!in_lwip)
        tcp_output(c->pcb);
    return n;
}

void sel4c_tcp_flush(sel4c_tcp_t *c)
{
    if (c->pcb != NULL)
        tcp_output(c->pcb);
}

void sel4c_tcp_shutdown(sel4c_tcp_t *c)
{
    if (c->pcb == NULL || c->tx_shut)
        return;
    c->tx_shut = 1;
    if (tcp_shutdown(c->pcb, 0, 1) == ERR_OK && !in_lwip)
        tcp_output(c->pcb);
}

void sel4c_tcp_abort(sel4c_tcp_t *c)
{
    struct tcp_pcb *pcb = c->pcb;
    conn_release(c);
    if (pcb != NULL) {
        aborted_pcb = pcb;
        tcp_abort(pcb);
    }
}

void sel4c_tcp_close(sel4c_tcp_t *c)
{
    struct tcp_pcb *pcb = c->pcb;
    conn_release(c);
    /* lwIP refuses a close only for lack of memory to send the FIN: then reset instead, so the
     * handle can be freed now and the PCB does not linger. */
    if (pcb != NULL && tcp_close(pcb) != ERR_OK) {
        aborted_pcb = pcb;
        tcp_abort(pcb);
    }
}

void sel4c_tcp_set_idle_timeout(sel4c_tcp_t *c, uint32_t ms)
{
    c->idle_ms = ms;
    c->last_progress = sys_now();
}

void sel4c_tcp_peer(const sel4c_tcp_t *c, sel4c_ipv4_t *addr, uint16_t *port)
{
    if (c->pcb == NULL) {
        *addr = (sel4c_ipv4_t){{0, 0, 0, 0}};
        *port = 0;
        return;
    }
    *addr = sel4c_net_to_ipv4(ip_2_ip4(&c->pcb->remote_ip));
    *port = c->pcb->remote_port;
}
