/*
 * The web server (server.h): loads the site from its disk, then serves it over HTTP on port
 * 80 and HTTPS on port 443 (lwIP, DHCP), with the time from the RTC, deadlines and lwIP's
 * timers from the timer, and TLS seeded from the entropy source. docs/http-server.md
 * describes the systems.
 */
#include "server.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <sel4c/event.h>
#include <sel4c/net_timers.h>
#include <sel4c/task.h>

#include "conn.h"
#include "net_config.h"
#include "site.h"

/* The certificate and key, PEM, generated at build time (or the user's: TLS_CERT, TLS_KEY). */
extern const char server_cert_pem[], server_key_pem[];

static const server_platform_t *plat;
static sel4c_timeout_t tick_timer;
static sel4c_tls_server_t *tls;
static sel4c_http_server_t http;
static int64_t rtc_at_boot;
static uint64_t ns_at_boot;
static sel4c_task_t loader;
static uint64_t loader_stack[8192] __attribute__((aligned(16)));

static uint32_t now_ms32(void)
{
    return (uint32_t)(sel4c_timer_now(plat->timer) / 1000000);
}

static uint64_t clock_ms(void *ctx)
{
    (void)ctx;
    return sel4c_timer_now(plat->timer) / 1000000;
}

/* The RTC is read once; afterwards the timer's clock carries the time on. */
static int64_t wall_time(void *ctx)
{
    (void)ctx;
    return rtc_at_boot + (int64_t)((sel4c_timer_now(plat->timer) - ns_at_boot) / 1000000000);
}

/* Memory in use and high-water marks, printed once the server is idle: no connection open
 * and lwIP done with every closed one (or, if one lingers, as in TIME_WAIT, 10 s after the
 * last closed). Equal figures in use after each load mean nothing leaked. */
static bool settling;
static unsigned settle_ticks;

static void fell_idle(void)
{
    settling = true;
    settle_ticks = 0;
}

static void report_idle(void)
{
    unsigned open, max_open;
    size_t tls_used = 0, tls_max = 0;
    sel4c_net_stats_t st;
    conn_counts(&open, &max_open);
    sel4c_net_get_stats(&st);
    if (!settling || open != 0 || (st.tcp_pcb_used != 0 && ++settle_ticks < 20))
        return;
    settling = false;
    if (tls != NULL)
        sel4c_tls_pool_stats(&tls_used, &tls_max);
    printf("http-server: idle: in use: TLS pool %zu bytes, lwIP heap %u bytes, pbufs %u, TCP PCBs "
           "%u, segments %u; high-water marks: connections %u, TLS pool %zu bytes, lwIP heap %u "
           "bytes, pbufs %u, TCP PCBs %u; frames dropped: received %u, sent %u\n",
           tls_used, st.heap_used, st.pbuf_pool_used, st.tcp_pcb_used, st.tcp_seg_used, max_open,
           tls_max, st.heap_max, st.pbuf_pool_max, st.tcp_pcb_max,
           st.rx_dropped_short + st.rx_dropped_long + st.rx_dropped_nomem, st.tx_dropped_nobuf);
}

static void access_log(void *ctx, const sel4c_http_log_entry_t *e)
{
    (void)ctx;
    printf("http: %s %s %d %llu %llums\n", e->method, e->path, e->status,
           (unsigned long long)e->bytes, (unsigned long long)e->duration_ms);
}

static void deadlines(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    (void)arg;
    conn_tick(clock_ms(NULL));
    report_idle();
    fflush(stdout); /* log lines the console holds back (pd.c) go out within the tick */
}

static void bound(sel4c_netif_t *n, void *arg)
{
    (void)arg;
    char a[16];
    printf("http-server: DHCP lease %s\n", sel4c_ipv4_format(sel4c_net_address(n), a));
}

/* The loader task: the site from the disk, then the listeners. */
static void load_and_listen(void *arg)
{
    (void)arg;
    const sel4c_blk_t *disk = plat->disk();
    if (disk == NULL || site_load(disk) < 0) {
        printf("http-server: error: no site to serve\n");
        return;
    }
    sel4c_tcp_listener_t *l80, *l443;
    sel4c_net_err_t e = sel4c_tcp_listen(80, CONN_MAX, conn_accept_http, NULL, &l80);
    if (e == SEL4C_NET_OK && tls != NULL)
        e = sel4c_tcp_listen(443, CONN_MAX, conn_accept_https, NULL, &l443);
    if (e != SEL4C_NET_OK) {
        printf("http-server: error: listen: %s\n", sel4c_net_strerror(e));
        return;
    }
    if (tls != NULL && plat->serving != NULL && plat->serving() != 0)
        printf("http-server: warning: no entropy reserve: TLS cannot reseed\n");
    printf("http-server: serving HTTP on port 80%s\n", tls != NULL ? " and HTTPS on port 443" : "");
}

static void start_tls(void)
{
    int err;
    const char *why;
    if (plat->entropy == NULL)
        return; /* the PD said why */
    tls = sel4c_tls_server_new(server_cert_pem, server_key_pem, plat->entropy, plat->entropy_ctx,
                               &err, &why);
    if (tls == NULL)
        printf("http-server: error: TLS: %s: HTTPS disabled\n", why);
}

sel4c_netif_t *server_start(const server_platform_t *p)
{
    static const uint8_t macs[][6] = NET_CLIENT_MACS;
    plat = p;
    ns_at_boot = sel4c_timer_now(p->timer);
    if (p->rtc_seconds(&rtc_at_boot) != 0)
        printf("http-server: no real-time clock: dates start at 1970\n");
    start_tls();
    http = (sel4c_http_server_t){
        .files = site_files, .wall_time = wall_time, .clock_ms = clock_ms, .log = access_log};
    conn_setup(&http, tls);
    conn_on_idle(fell_idle);

    /* lwIP's seed (TCP sequence numbers, DHCP ids) from the entropy source too; without one
     * the clock is all there is, and the console says so. */
    uint64_t seed = ns_at_boot;
    if (tls == NULL || p->entropy(p->entropy_ctx, (uint8_t *)&seed, sizeof seed) != 0) {
        seed = ns_at_boot;
        printf("http-server: warning: no entropy for TCP sequence numbers: seeded from the "
               "clock\n");
    }
    sel4c_net_init(now_ms32, seed);
    sel4c_ipv4_config_t ip = {.dhcp = 1};
    sel4c_netif_t *nif = sel4c_net_add_interface("en", macs[0], p->netdev, &ip);
    if (nif == NULL) {
        printf("http-server: error: no network interface\n");
        return NULL;
    }
    sel4c_net_on_address(nif, bound, NULL);
    if (sel4c_net_run_timers(p->timer) != SEL4C_NO_ERROR)
        printf("http-server: error: cannot arm lwIP's timers\n");
    if (sel4c_timer_every(p->timer, &tick_timer, 500000000, deadlines, NULL) != SEL4C_NO_ERROR ||
        sel4c_task_spawn(&loader, "loader", loader_stack, sizeof loader_stack, load_and_listen,
                         NULL) != SEL4C_NO_ERROR)
        printf("http-server: error: cannot start the loader\n");
    return nif;
}
