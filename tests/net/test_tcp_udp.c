/*
 * The network API (lib/net) between two lwIP stacks: two processes, each a stack with one
 * interface, joined by a link (link.h: a socket pair, or sDDF queues through a virtualiser). The
 * server runs TCP and UDP echo services; the client checks them byte-exact at many sizes and with
 * many connections at once, then checks back-pressure, the idle timeout, and that malformed frames
 * are dropped and counted. Every loop is bounded by an alarm.
 */
#include "link.h"

#include <sel4c/tcp.h>
#include <sel4c/udp.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint32_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static sel4c_netif_t *nif;

static void pump(int wait_ms)
{
    link_pump(nif, wait_ms);
}

static void start(const char *name, uint8_t last, int side)
{
    sel4c_net_init(now_ms, 0x1234 + last);
    sel4c_netdev_t dev;
    link_attach(side, &dev);
    sel4c_ipv4_config_t cfg = {
        .addr = {{10, 0, 0, last}}, .netmask = {{255, 255, 255, 0}}, .gateway = {{10, 0, 0, 254}}};
    uint8_t mac[6] = {2, 0, 0, 0, 0, last};
    nif = sel4c_net_add_interface(name, mac, &dev, &cfg);
    CHECK(nif != NULL);
    CHECK(sel4c_net_is_up(nif));
}

/* ---- the server: echo everything back, in whatever pieces the send buffer takes ---- */

struct echo {
    uint8_t buf[8192];
    size_t len, off;
    int paused; /* back-pressure test: stop reading until told */
};
static struct echo echoes[64];

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
        if (e->paused)
            return;
        long n = sel4c_tcp_read(c, e->buf, sizeof e->buf);
        if (n == 0) {
            sel4c_tcp_close(c);
            e->len = e->off = 0;
            return;
        }
        if (n < 0)
            return;
        /* A first byte 'P' asks the server to stop reading for two seconds. */
        if (e->buf[0] == 'P' && n == 1) {
            e->paused = 1;
            continue;
        }
        e->len = (size_t)n;
        e->off = 0;
    }
}

static void echo_closed(sel4c_tcp_t *c, sel4c_net_err_t why, void *arg)
{
    (void)c;
    (void)why;
    struct echo *e = arg;
    e->len = e->off = 0;
}

static const sel4c_tcp_handlers_t echo_handlers = {echo_pump, echo_pump, echo_closed};

static void on_accept(sel4c_tcp_listener_t *l, sel4c_tcp_t *c, void *arg)
{
    (void)l;
    (void)arg;
    for (size_t i = 0; i < sizeof echoes / sizeof echoes[0]; i++) {
        if (echoes[i].len == 0 && !echoes[i].paused && echoes[i].off == 0 &&
            echoes[i].buf[sizeof echoes[i].buf - 1] == 0) {
            echoes[i].buf[sizeof echoes[i].buf - 1] = 1; /* taken */
            sel4c_tcp_set_handlers(c, &echo_handlers, &echoes[i]);
            return;
        }
    }
    sel4c_tcp_abort(c);
}

static void udp_echo(sel4c_udp_t *u, const void *data, size_t len, sel4c_ipv4_t from, uint16_t port,
                     void *arg)
{
    (void)arg;
    if (sel4c_udp_sendto(u, data, len, from, port) != SEL4C_NET_OK)
        fprintf(stderr, "server: udp echo failed\n");
}

static void server(void)
{
    start("sv", 1, 0);
    sel4c_tcp_listener_t *l;
    CHECK(sel4c_tcp_listen(7, 16, on_accept, NULL, &l) == SEL4C_NET_OK);
    sel4c_tcp_listener_t *again;
    CHECK(sel4c_tcp_listen(7, 16, on_accept, NULL, &again) == SEL4C_NET_EADDRINUSE);
    sel4c_tcp_listener_t *idle;
    CHECK(sel4c_tcp_listen(9, 4, on_accept, NULL, &idle) == SEL4C_NET_OK);
    sel4c_udp_t *u;
    CHECK(sel4c_udp_bind(7, udp_echo, NULL, &u) == SEL4C_NET_OK);
    uint32_t paused_at = 0;
    for (;;) {
        pump(50);
        /* Release paused connections after two seconds. */
        for (size_t i = 0; i < sizeof echoes / sizeof echoes[0]; i++) {
            if (echoes[i].paused && paused_at == 0)
                paused_at = now_ms();
            if (echoes[i].paused && now_ms() - paused_at > 2000) {
                echoes[i].paused = 0;
                paused_at = 0;
            }
        }
    }
}

/* ---- the client ---- */

struct stream {
    sel4c_tcp_t *c;
    size_t size, sent, received;
    uint32_t seed;
    int done, failed;
};

static uint8_t pattern(uint32_t seed, size_t i)
{
    return (uint8_t)((i * 2654435761u + seed) >> 13);
}

static void stream_pump(sel4c_tcp_t *c, void *arg)
{
    struct stream *s = arg;
    uint8_t buf[4096];
    while (s->sent < s->size) {
        size_t n = s->size - s->sent < sizeof buf ? s->size - s->sent : sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = pattern(s->seed, s->sent + i);
        long w = sel4c_tcp_write(c, buf, n);
        if (w < 0)
            break;
        s->sent += (size_t)w;
    }
    long r;
    while ((r = sel4c_tcp_read(c, buf, sizeof buf)) > 0) {
        for (long i = 0; i < r; i++)
            if (buf[i] != pattern(s->seed, s->received + (size_t)i))
                s->failed = 1;
        s->received += (size_t)r;
    }
    if (s->received == s->size && !s->done) {
        s->done = 1;
        sel4c_tcp_close(c);
    }
}

static void stream_closed(sel4c_tcp_t *c, sel4c_net_err_t why, void *arg)
{
    (void)c;
    struct stream *s = arg;
    fprintf(stderr, "client: stream closed early: %s\n", sel4c_net_strerror(why));
    s->failed = 1;
}

static const sel4c_tcp_handlers_t stream_handlers = {stream_pump, stream_pump, stream_closed};
static const sel4c_ipv4_t server_ip = {{10, 0, 0, 1}};

/* Runs `n` echo streams of `size` bytes at once; returns when all are checked. */
static void echo_streams(int n, size_t size)
{
    static struct stream s[64];
    memset(s, 0, sizeof s);
    for (int i = 0; i < n; i++) {
        s[i].size = size;
        s[i].seed = (uint32_t)(i * 77 + size);
        CHECK(sel4c_tcp_connect(server_ip, 7, &stream_handlers, &s[i], &s[i].c) == SEL4C_NET_OK);
    }
    for (;;) {
        int done = 0;
        for (int i = 0; i < n; i++) {
            CHECK(!s[i].failed);
            done += s[i].done;
        }
        if (done == n)
            break;
        pump(20);
    }
    printf("client: %d TCP streams of %zu bytes echoed byte-exact\n", n, size);
}

static int udp_got;
static uint8_t udp_expect[1400];
static void udp_reply(sel4c_udp_t *u, const void *data, size_t len, sel4c_ipv4_t from,
                      uint16_t port, void *arg)
{
    (void)u;
    (void)from;
    (void)arg;
    CHECK(port == 7);
    CHECK(len == sizeof udp_expect && memcmp(data, udp_expect, len) == 0);
    udp_got++;
}

static void back_pressure(void)
{
    /* The server stops reading: our writes must stop being taken (EAGAIN) well before
     * megabytes are queued, and resume when the server reads again. */
    struct stream s = {.size = 4u << 20, .seed = 99};
    CHECK(sel4c_tcp_connect(server_ip, 7, &stream_handlers, &s, &s.c) == SEL4C_NET_OK);
    /* Wait for the connection, then send the pause request alone. */
    sel4c_tcp_set_handlers(s.c, NULL, NULL);
    uint32_t t0 = now_ms();
    while (sel4c_tcp_send_space(s.c) == 0 && now_ms() - t0 < 2000)
        pump(10);
    char p = 'P';
    CHECK(sel4c_tcp_write(s.c, &p, 1) == 1);
    for (int i = 0; i < 20; i++)
        pump(10);
    uint8_t buf[4096] = {0};
    size_t queued = 0;
    t0 = now_ms();
    while (now_ms() - t0 < 1000) {
        long w = sel4c_tcp_write(s.c, buf, sizeof buf);
        if (w > 0)
            queued += (size_t)w;
        pump(5);
    }
    printf("client: back-pressure: %zu bytes taken while the server did not read\n", queued);
    CHECK(queued < 512 * 1024);
    CHECK(sel4c_tcp_write(s.c, buf, sizeof buf) == -(long)SEL4C_NET_EAGAIN);
    sel4c_tcp_abort(s.c);
}

static int idle_closed;
static void idle_close(sel4c_tcp_t *c, sel4c_net_err_t why, void *arg)
{
    (void)c;
    (void)arg;
    idle_closed = why == SEL4C_NET_ETIMEDOUT ? 1 : -1;
}

static void idle_timeout(void)
{
    static const sel4c_tcp_handlers_t h = {NULL, NULL, idle_close};
    sel4c_tcp_t *c;
    CHECK(sel4c_tcp_connect(server_ip, 9, &h, NULL, &c) == SEL4C_NET_OK);
    sel4c_tcp_set_idle_timeout(c, 1000);
    uint32_t t0 = now_ms();
    while (idle_closed == 0 && now_ms() - t0 < 5000)
        pump(20);
    uint32_t took = now_ms() - t0;
    printf("client: idle connection closed after %u ms\n", took);
    CHECK(idle_closed == 1 && took >= 1000 && took < 2600);
}

static void malformed(void)
{
    sel4c_net_stats_t before, after;
    sel4c_net_get_stats(&before);
    uint8_t frame[4000] = {0};
    sel4c_net_input(nif, frame, 5);                 /* shorter than a header */
    sel4c_net_input(nif, frame, 1500 + 14 + 4 + 1); /* longer than the MTU allows */
    sel4c_net_input(nif, frame, 60);                /* a header of unknown type */
    sel4c_net_get_stats(&after);
    CHECK(after.rx_dropped_short == before.rx_dropped_short + 1);
    CHECK(after.rx_dropped_long == before.rx_dropped_long + 1);
    printf("client: malformed frames dropped and counted\n");
}

static void client(void)
{
    start("cl", 2, 1);
    echo_streams(1, 1);
    echo_streams(1, 1000);
    echo_streams(1, 100000);
    echo_streams(1, 10u << 20);
    echo_streams(50, 20000);
    sel4c_udp_t *u;
    CHECK(sel4c_udp_bind(4000, udp_reply, NULL, &u) == SEL4C_NET_OK);
    for (size_t i = 0; i < sizeof udp_expect; i++)
        udp_expect[i] = (uint8_t)i;
    for (int i = 0; i < 100 && udp_got < 50; i++) {
        if (i < 50)
            CHECK(sel4c_udp_sendto(u, udp_expect, sizeof udp_expect, server_ip, 7) == SEL4C_NET_OK);
        pump(10);
    }
    printf("client: %d of 50 UDP datagrams echoed\n", udp_got);
    CHECK(udp_got >= 45); /* UDP may drop the first ones while ARP resolves */
    back_pressure();
    idle_timeout();
    malformed();
    sel4c_net_stats_t st;
    sel4c_net_get_stats(&st);
    printf("client: heap max %u bytes, pbuf pool max %u, tcp pcbs max %u\n", st.heap_max,
           st.pbuf_pool_max, st.tcp_pcb_max);
}

int main(void)
{
    link_setup();
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        alarm(120);
        server();
        _exit(0);
    }
    alarm(120);
    client();
    link_report();
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    link_teardown();
    printf("client: PASS\n");
    return 0;
}
