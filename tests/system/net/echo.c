/*
 * A network client PD of the network test system (net.system): lwIP over the virtualisers'
 * queues, on the event loop with the timer client for lwIP's timers. Built twice:
 *   ECHO_TCP: DHCP, then a TCP echo service on port 1234 (and "QUIT" ends the test)
 *   ECHO_UDP: a static address, a UDP echo service on port 1235, which sends a stream of
 *             datagrams on request ("BLAST n")
 * Client NET_MAC_INDEX of net_config.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/event.h>
#include <sel4c/net_client_pd.h>
#include <sel4c/net_timers.h>
#include <sel4c/tcp.h>
#include <sel4c/timer.h>
#include <sel4c/udp.h>

#include "net_config.h"

#define VIRT_RX_CH 1
#define VIRT_TX_CH 2
#define TIMER_CH   3

#ifdef ECHO_TCP
#define NAME "echo_tcp"
#else
#define NAME "echo_udp"
#endif

/* Set by the system builder. */
uintptr_t net_queues, net_rx_data, net_rx_data_size, net_tx_data, net_tx_data_size;

static sel4c_timer_t timer;
static sel4c_net_client_pd_t net;

static uint32_t now_ms(void)
{
    return (uint32_t)(sel4c_timer_now(&timer) / 1000000);
}

#ifdef ECHO_TCP
/* ---- TCP echo: what a connection sends comes back, in whatever pieces fit ---- */
struct echo {
    uint8_t buf[4096];
    size_t len, off;
    int used;
};
static struct echo echoes[60];
static unsigned long connections;

static void echo_pump(sel4c_tcp_t *c, void *arg)
{
    struct echo *e = arg;
    for (;;) {
        while (e->off < e->len) {
            long n = sel4c_tcp_write(c, e->buf + e->off, e->len - e->off);
            if (n < 0)
                return; /* wait for writable */
            e->off += (size_t)n;
        }
        long n = sel4c_tcp_read(c, e->buf, sizeof e->buf);
        if (n == 0) {
            sel4c_tcp_close(c);
            e->used = 0;
            return;
        }
        if (n < 0)
            return;
        if (n == 4 && memcmp(e->buf, "QUIT", 4) == 0) {
            sel4c_net_client_stats_t *s = &net.client.stats;
            printf(NAME ": %lu connections, %u frames in, %u out, %u refused; bye\n", connections,
                   s->rx_frames, s->tx_frames, s->rx_refused + s->tx_refused);
        }
        e->len = (size_t)n;
        e->off = 0;
    }
}

static void echo_closed(sel4c_tcp_t *c, sel4c_net_err_t why, void *arg)
{
    (void)c;
    (void)why;
    ((struct echo *)arg)->used = 0;
}

static const sel4c_tcp_handlers_t echo_handlers = {echo_pump, echo_pump, echo_closed};

static void accept_echo(sel4c_tcp_listener_t *l, sel4c_tcp_t *c, void *arg)
{
    (void)l;
    (void)arg;
    for (size_t i = 0; i < sizeof echoes / sizeof echoes[0]; i++) {
        if (!echoes[i].used) {
            echoes[i] = (struct echo){.used = 1};
            connections++;
            sel4c_tcp_set_handlers(c, &echo_handlers, &echoes[i]);
            return;
        }
    }
    sel4c_tcp_abort(c);
}

static void bound(sel4c_netif_t *n, void *arg)
{
    (void)arg;
    char a[16];
    printf(NAME ": DHCP lease %s\n", sel4c_ipv4_format(sel4c_net_address(n), a));
}

static void services(void)
{
    sel4c_tcp_listener_t *l;
    sel4c_net_err_t e = sel4c_tcp_listen(1234, 16, accept_echo, NULL, &l);
    if (e != SEL4C_NET_OK)
        printf(NAME ": FAIL listen: %s\n", sel4c_net_strerror(e));
    else
        printf(NAME ": TCP echo on port 1234\n");
}
#else
/* ---- UDP echo, and a blast of datagrams on request ---- */

/* "BLAST n": n numbered datagrams of BLAST_BYTES back to the sender, as fast as the transmit
 * path takes them, with nothing received meanwhile. Sent buffers must then come back to the
 * transmit virtualiser without a received frame to wake the driver (net.system gives it fewer
 * buffers than the device's ring holds). */
#define BLAST_MAX   10000
#define BLAST_BYTES 64
static struct {
    sel4c_udp_t *u;
    sel4c_ipv4_t to;
    uint16_t port;
    uint32_t next, count;
} blast;

/* Sends until done or out of buffers; called again when buffers come back. */
static void blast_more(void *arg)
{
    (void)arg;
    while (blast.next < blast.count) {
        uint8_t d[BLAST_BYTES] = {0};
        memcpy(d, &blast.next, sizeof blast.next);
        sel4c_net_err_t e = sel4c_udp_sendto(blast.u, d, sizeof d, blast.to, blast.port);
        if (e == SEL4C_NET_ENOMEM)
            return;
        if (e != SEL4C_NET_OK) {
            printf(NAME ": FAIL blast datagram %u: %s\n", blast.next, sel4c_net_strerror(e));
            blast.count = blast.next = 0;
            return;
        }
        if (++blast.next == blast.count)
            printf(NAME ": blast of %u datagrams sent\n", blast.count);
    }
}

/* "BLAST " and a count of 1 to BLAST_MAX */
static bool blast_request(const char *c, size_t len, uint32_t *n)
{
    if (len <= 6 || len > 11 || memcmp(c, "BLAST ", 6) != 0)
        return false;
    *n = 0;
    for (size_t k = 6; k < len; k++) {
        if (c[k] < '0' || c[k] > '9')
            return false;
        *n = *n * 10 + (uint32_t)(c[k] - '0');
    }
    return *n > 0 && *n <= BLAST_MAX;
}

static void udp_echo(sel4c_udp_t *u, const void *data, size_t len, sel4c_ipv4_t from, uint16_t port,
                     void *arg)
{
    (void)arg;
    uint32_t n;
    if (blast_request(data, len, &n) && blast.next == blast.count) {
        blast = (typeof(blast)){.u = u, .to = from, .port = port, .count = n};
        blast_more(NULL);
        return;
    }
    if (sel4c_udp_sendto(u, data, len, from, port) != SEL4C_NET_OK)
        printf(NAME ": echo of %zu bytes not sent\n", len);
}

static void services(void)
{
    sel4c_udp_t *u;
    sel4c_net_err_t e = sel4c_udp_bind(1235, udp_echo, NULL, &u);
    if (e != SEL4C_NET_OK)
        printf(NAME ": FAIL bind: %s\n", sel4c_net_strerror(e));
    else
        printf(NAME ": UDP echo on 10.0.2.20 port 1235\n");
}
#endif

void init(void)
{
    static const uint8_t macs[][6] = NET_CLIENT_MACS;
    sel4c_netdev_t dev;
    if (sel4c_timer_init(&timer, TIMER_CH) != SEL4C_NO_ERROR ||
        sel4c_net_client_pd_init(&net, (void *)net_queues, (void *)net_rx_data, net_rx_data_size,
                                 (void *)net_tx_data, net_tx_data_size, VIRT_RX_CH, VIRT_TX_CH,
                                 &dev) != SEL4C_NO_ERROR) {
        printf(NAME ": FAIL set-up\n");
        return;
    }
    sel4c_net_init(now_ms, sel4c_timer_now(&timer) ^ NET_MAC_INDEX);
#ifdef ECHO_TCP
    sel4c_ipv4_config_t ip = {.dhcp = 1};
#else
    sel4c_ipv4_config_t ip = {
        .addr = {{10, 0, 2, 20}}, .netmask = {{255, 255, 255, 0}}, .gateway = {{10, 0, 2, 2}}};
#endif
    sel4c_netif_t *nif = sel4c_net_add_interface("en", macs[NET_MAC_INDEX], &dev, &ip);
    if (nif == NULL) {
        printf(NAME ": FAIL interface\n");
        return;
    }
#ifdef ECHO_TCP
    sel4c_net_on_address(nif, bound, NULL);
#endif
    services();
#ifndef ECHO_TCP
    sel4c_net_client_pd_on_processed(&net, blast_more, NULL); /* buffers may have come back */
#endif
    sel4c_net_client_pd_attach(&net, nif);
    if (sel4c_net_run_timers(&timer) != SEL4C_NO_ERROR)
        printf(NAME ": cannot arm lwIP's timers\n");
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    /* lwIP's timers run at least every quarter second (sel4c_net_run_timers), which is its TCP
     * timer's period, so nothing a notification does needs an earlier one. */
    sel4c_event_dispatch(ch);
}
