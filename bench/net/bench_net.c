/*
 * The network benchmark's client PD (bench.system, driven by bench/net/measure.sh and
 * host.py through QEMU's user networking): lwIP over the virtualisers' queues, at
 * 10.0.2.15, serving
 *   TCP 5001  lwIP's lwiperf server: iperf 2 clients measure host -> guest throughput
 *   TCP 5002  control: a line "PORT" starts an lwiperf client (10 s) to the host's iperf
 *             server on that port (10.0.2.2 is the host's 127.0.0.1): guest -> host
 *   UDP 5003  a sink: counts datagrams; a datagram "STAT" is answered with the count, the
 *             bytes and the milliseconds between the first datagram and the last
 *   UDP 5004  echo; a datagram starting with 'B' or 'E' calls trace_begin or trace_end
 *   TCP 5005  a sink: reads to the end of the stream (trace_begin at the first byte,
 *             trace_end at the end)
 *   TCP 5006  a source: sends BENCH_TX_BYTES, shuts down, and calls trace_end when the
 *             peer's end of stream arrives (trace_begin at accept)
 * lwiperf's reports are printed ("bench_net: lwiperf ..."). The trace markers delimit the
 * bounded workloads whose instructions bench/trace counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lwip/apps/lwiperf.h>
#include <lwip/ip_addr.h>
#include <microkit.h>
#include <sel4c/event.h>
#include <sel4c/net_client_pd.h>
#include <sel4c/net_timers.h>
#include <sel4c/tcp.h>
#include <sel4c/timer.h>
#include <sel4c/udp.h>

#include "../trace/marker.h"
#include "net_config.h"

#define VIRT_RX_CH 1
#define VIRT_TX_CH 2
#define TIMER_CH   3

#define BENCH_TX_BYTES (256 * 1024)

SEL4C_TRACE_MARKER(trace_begin)
SEL4C_TRACE_MARKER(trace_end)

/* Set by the system builder. */
uintptr_t net_queues, net_rx_data, net_rx_data_size, net_tx_data, net_tx_data_size;

static sel4c_timer_t timer;
static sel4c_net_client_pd_t net;

static uint32_t now_ms(void)
{
    return (uint32_t)(sel4c_timer_now(&timer) / 1000000);
}

/* ---- lwiperf: both directions of TCP throughput ---- */
static void iperf_report(void *arg, enum lwiperf_report_type type, const ip_addr_t *local,
                         u16_t local_port, const ip_addr_t *remote, u16_t remote_port, u32_t bytes,
                         u32_t ms, u32_t kbits)
{
    (void)arg;
    (void)local;
    (void)local_port;
    (void)remote;
    (void)remote_port;
    const char *what = type == LWIPERF_TCP_DONE_SERVER   ? "received"
                       : type == LWIPERF_TCP_DONE_CLIENT ? "sent"
                                                         : "aborted";
    printf("bench_net: lwiperf %s %lu bytes in %lu ms: %lu kbit/s\n", what, (unsigned long)bytes,
           (unsigned long)ms, (unsigned long)kbits);
}

struct control {
    char line[16];
    size_t len;
    int used;
};
static struct control control;

static void control_readable(sel4c_tcp_t *c, void *arg)
{
    struct control *k = arg;
    for (;;) {
        long n = sel4c_tcp_read(c, k->line + k->len, sizeof k->line - 1 - k->len);
        if (n <= 0) {
            if (n == 0) {
                sel4c_tcp_close(c);
                k->used = 0;
            }
            return;
        }
        k->len += (size_t)n;
        k->line[k->len] = 0;
        char *nl = strchr(k->line, '\n');
        if (nl == NULL && k->len < sizeof k->line - 1)
            continue;
        unsigned long port = strtoul(k->line, NULL, 10);
        k->len = 0;
        const char *reply = "error: expected a port number\n";
        if (port > 0 && port < 65536) {
            ip_addr_t host;
            IP_ADDR4(&host, 10, 0, 2, 2);
            reply = lwiperf_start_tcp_client(&host, (u16_t)port, LWIPERF_CLIENT, iperf_report,
                                             NULL) != NULL
                        ? "started\n"
                        : "error: lwiperf_start_tcp_client failed\n";
        }
        if (sel4c_tcp_write(c, reply, strlen(reply)) < 0)
            printf("bench_net: control reply not sent\n");
    }
}

static void control_closed(sel4c_tcp_t *c, sel4c_net_err_t why, void *arg)
{
    (void)c;
    (void)why;
    ((struct control *)arg)->used = 0;
}

static const sel4c_tcp_handlers_t control_handlers = {control_readable, NULL, control_closed};

static void accept_control(sel4c_tcp_listener_t *l, sel4c_tcp_t *c, void *arg)
{
    (void)l;
    (void)arg;
    if (control.used) {
        sel4c_tcp_abort(c);
        return;
    }
    control = (struct control){.used = 1};
    sel4c_tcp_set_handlers(c, &control_handlers, &control);
}

/* ---- UDP: a counting sink, and echo ---- */
static struct {
    uint32_t datagrams, first_ms, last_ms;
    uint64_t bytes;
} sink;

static void udp_sink(sel4c_udp_t *u, const void *data, size_t len, sel4c_ipv4_t from, uint16_t port,
                     void *arg)
{
    (void)arg;
    if (len == 4 && memcmp(data, "STAT", 4) == 0) {
        char reply[80];
        int n =
            snprintf(reply, sizeof reply, "%lu %llu %lu", (unsigned long)sink.datagrams,
                     (unsigned long long)sink.bytes, (unsigned long)(sink.last_ms - sink.first_ms));
        if (sel4c_udp_sendto(u, reply, (size_t)n, from, port) != SEL4C_NET_OK)
            printf("bench_net: UDP statistics not sent\n");
        sink.datagrams = 0;
        sink.bytes = 0;
        return;
    }
    uint32_t now = now_ms();
    if (sink.datagrams++ == 0)
        sink.first_ms = now;
    sink.last_ms = now;
    sink.bytes += len;
}

static void udp_echo(sel4c_udp_t *u, const void *data, size_t len, sel4c_ipv4_t from, uint16_t port,
                     void *arg)
{
    (void)arg;
    if (len > 0 && *(const char *)data == 'B')
        trace_begin();
    if (len > 0 && *(const char *)data == 'E')
        trace_end();
    if (sel4c_udp_sendto(u, data, len, from, port) != SEL4C_NET_OK)
        printf("bench_net: echo of %zu bytes not sent\n", len);
}

/* ---- bounded TCP transfers for the instruction counts ---- */
static uint8_t tcp_buf[8192];
static struct {
    uint64_t bytes;
    int started, used;
} tcp_sink;

static void tcp_sink_readable(sel4c_tcp_t *c, void *arg)
{
    (void)arg;
    for (;;) {
        long n = sel4c_tcp_read(c, tcp_buf, sizeof tcp_buf);
        if (n < 0)
            return;
        if (n == 0) {
            trace_end();
            printf("bench_net: TCP sink: %llu bytes\n", (unsigned long long)tcp_sink.bytes);
            sel4c_tcp_close(c);
            tcp_sink.used = 0;
            return;
        }
        if (!tcp_sink.started) {
            tcp_sink.started = 1;
            trace_begin();
        }
        tcp_sink.bytes += (uint64_t)n;
    }
}

static void tcp_closed(sel4c_tcp_t *c, sel4c_net_err_t why, void *arg)
{
    (void)c;
    *(int *)arg = 0;
    printf("bench_net: a benchmark connection closed early: %s\n", sel4c_net_strerror(why));
}

static const sel4c_tcp_handlers_t tcp_sink_handlers = {tcp_sink_readable, NULL, tcp_closed};

static void accept_tcp_sink(sel4c_tcp_listener_t *l, sel4c_tcp_t *c, void *arg)
{
    (void)l;
    (void)arg;
    if (tcp_sink.used) {
        sel4c_tcp_abort(c);
        return;
    }
    tcp_sink.bytes = 0;
    tcp_sink.started = 0;
    tcp_sink.used = 1;
    sel4c_tcp_set_handlers(c, &tcp_sink_handlers, &tcp_sink.used);
}

static struct {
    uint32_t sent;
    int used;
} tcp_source;

static void tcp_source_writable(sel4c_tcp_t *c, void *arg)
{
    (void)arg;
    while (tcp_source.sent < BENCH_TX_BYTES) {
        uint32_t left = BENCH_TX_BYTES - tcp_source.sent;
        long n = sel4c_tcp_write(c, tcp_buf, left < sizeof tcp_buf ? left : sizeof tcp_buf);
        if (n < 0)
            return;
        tcp_source.sent += (uint32_t)n;
        if (tcp_source.sent == BENCH_TX_BYTES)
            sel4c_tcp_shutdown(c);
    }
}

/* The peer's end of stream, after it read ours: everything sent was delivered. */
static void tcp_source_readable(sel4c_tcp_t *c, void *arg)
{
    (void)arg;
    for (;;) {
        long n = sel4c_tcp_read(c, tcp_buf, sizeof tcp_buf);
        if (n < 0)
            return;
        if (n == 0) {
            trace_end();
            printf("bench_net: TCP source: %lu bytes\n", (unsigned long)tcp_source.sent);
            sel4c_tcp_close(c);
            tcp_source.used = 0;
            return;
        }
    }
}

static const sel4c_tcp_handlers_t tcp_source_handlers = {tcp_source_readable, tcp_source_writable,
                                                         tcp_closed};

static void accept_tcp_source(sel4c_tcp_listener_t *l, sel4c_tcp_t *c, void *arg)
{
    (void)l;
    (void)arg;
    if (tcp_source.used) {
        sel4c_tcp_abort(c);
        return;
    }
    trace_begin();
    tcp_source.sent = 0;
    tcp_source.used = 1;
    sel4c_tcp_set_handlers(c, &tcp_source_handlers, &tcp_source.used);
    tcp_source_writable(c, NULL);
}

static int services(void)
{
    ip_addr_t any;
    IP_ADDR4(&any, 0, 0, 0, 0);
    sel4c_tcp_listener_t *l;
    sel4c_udp_t *u;
    return lwiperf_start_tcp_server(&any, 5001, iperf_report, NULL) != NULL &&
           sel4c_tcp_listen(5002, 2, accept_control, NULL, &l) == SEL4C_NET_OK &&
           sel4c_udp_bind(5003, udp_sink, NULL, &u) == SEL4C_NET_OK &&
           sel4c_udp_bind(5004, udp_echo, NULL, &u) == SEL4C_NET_OK &&
           sel4c_tcp_listen(5005, 2, accept_tcp_sink, NULL, &l) == SEL4C_NET_OK &&
           sel4c_tcp_listen(5006, 2, accept_tcp_source, NULL, &l) == SEL4C_NET_OK;
}

void init(void)
{
    static const uint8_t macs[][6] = NET_CLIENT_MACS;
    sel4c_netdev_t dev;
    if (sel4c_timer_init(&timer, TIMER_CH) != SEL4C_NO_ERROR ||
        sel4c_net_client_pd_init(&net, (void *)net_queues, (void *)net_rx_data, net_rx_data_size,
                                 (void *)net_tx_data, net_tx_data_size, VIRT_RX_CH, VIRT_TX_CH,
                                 &dev) != SEL4C_NO_ERROR) {
        printf("bench_net: error: set-up failed\n");
        return;
    }
    sel4c_net_init(now_ms, sel4c_timer_now(&timer));
    /* QEMU's user network: 10.0.2.15 is the address its DHCP would give; static saves time */
    sel4c_ipv4_config_t ip = {
        .addr = {{10, 0, 2, 15}}, .netmask = {{255, 255, 255, 0}}, .gateway = {{10, 0, 2, 2}}};
    sel4c_netif_t *nif = sel4c_net_add_interface("en", macs[0], &dev, &ip);
    if (nif == NULL || !services()) {
        printf("bench_net: error: the interface or a service did not start\n");
        return;
    }
    printf("bench_net: ready at 10.0.2.15\n");
    sel4c_net_client_pd_attach(&net, nif);
    if (sel4c_net_run_timers(&timer) != SEL4C_NO_ERROR)
        printf("bench_net: cannot arm lwIP's timers\n");
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    sel4c_event_dispatch(ch);
}
