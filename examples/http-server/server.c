/*
 * The web server PD of the HTTP(S) system (http-server.system): loads the site from its disk,
 * then serves it over HTTP on port 80 and HTTPS on port 443 (lwIP over the network
 * virtualisers, DHCP), with the time from the RTC, deadlines and lwIP's timers from the timer,
 * and TLS seeded from the virtio-rng device. docs/http-server.md describes the system.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/blk_client.h>
#include <sel4c/event.h>
#include <sel4c/net_client.h>
#include <sel4c/rtc.h>
#include <sel4c/serial_client.h>
#include <sel4c/task.h>
#include <sel4c/timer.h>

#include "conn.h"
#include "entropy.h"
#include "net_config.h"
#include "site.h"

#define VIRT_RX_CH 1
#define VIRT_TX_CH 2
#define TIMER_CH   3
#define RTC_CH     4
#define RNG_CH     5
#define BLK_CH     6
#define SERIAL_CH  7

/* Set by the system builder. */
uintptr_t net_queues, net_rx_data, net_rx_data_size, net_tx_data, net_tx_data_size;
uintptr_t rng_shared, rng_shared_size;
uintptr_t blk_storage_info, blk_req_queue, blk_resp_queue, blk_data;
uintptr_t blk_req_queue_size, blk_resp_queue_size, blk_data_size;
uintptr_t serial_region;

/* The certificate and key, PEM, generated at build time (or the user's: TLS_CERT, TLS_KEY). */
extern const char server_cert_pem[], server_key_pem[];

static sel4c_serial_client_t console;
static sel4c_timer_t timer;
static sel4c_timeout_t lwip_timer, tick_timer;
static sel4c_net_client_t client;
static sel4c_netif_t *nif;
static sel4c_event_handler_t on_rx, on_tx;
static sel4c_tls_server_t *tls;
static sel4c_http_server_t http;
static int64_t rtc_at_boot;
static uint64_t ns_at_boot;
static sel4c_blk_client_t disk;
static sel4c_blk_cache_line_t disk_lines[32];
static sel4c_task_t loader;
static uint64_t loader_stack[8192] __attribute__((aligned(16)));

static uint32_t now_ms32(void)
{
    return (uint32_t)(sel4c_timer_now(&timer) / 1000000);
}

static uint64_t clock_ms(void *ctx)
{
    (void)ctx;
    return sel4c_timer_now(&timer) / 1000000;
}

/* The RTC is read once; afterwards the timer's clock carries the time on. */
static int64_t wall_time(void *ctx)
{
    (void)ctx;
    return rtc_at_boot + (int64_t)((sel4c_timer_now(&timer) - ns_at_boot) / 1000000000);
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

static void lwip_timers(sel4c_timeout_t *t, void *arg);

/* lwIP's next timer, no later than a quarter second from now. */
static void arm_lwip(void)
{
    uint32_t ms = sel4c_net_next_timeout_ms();
    if (ms > 250)
        ms = 250;
    if (sel4c_timer_after(&timer, &lwip_timer, (uint64_t)ms * 1000000 + 1, lwip_timers, NULL) !=
        SEL4C_NO_ERROR)
        printf("http-server: cannot arm lwIP's timer\n");
}

static void lwip_timers(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    (void)arg;
    sel4c_net_poll();
    arm_lwip();
}

static void deadlines(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    (void)arg;
    conn_tick(clock_ms(NULL));
    report_idle();
}

static void network(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    sel4c_net_client_process(&client, nif);
}

static void notify_rx(void *ctx)
{
    (void)ctx;
    microkit_notify(VIRT_RX_CH);
}

static void notify_tx(void *ctx)
{
    (void)ctx;
    microkit_notify(VIRT_TX_CH);
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
    sel4c_err_t err = sel4c_blk_client_wait_ready(&disk);
    if (err != SEL4C_NO_ERROR)
        printf("http-server: error: the disk: %s\n", sel4c_strerror(err));
    if (err != SEL4C_NO_ERROR || site_load(sel4c_blk_client_dev(&disk)) < 0) {
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
    /* From here on, no call into virtio_rng (entropy.h). */
    if (tls != NULL && entropy_serve() != 0)
        printf("http-server: warning: no entropy reserve: TLS cannot reseed\n");
    printf("http-server: serving HTTP on port 80%s\n", tls != NULL ? " and HTTPS on port 443" : "");
}

static void start_tls(void)
{
    int err;
    const char *why;
    if (entropy_init(RNG_CH, rng_shared, rng_shared_size) != 0) {
        printf("http-server: error: no entropy region: HTTPS disabled\n");
        return;
    }
    tls = sel4c_tls_server_new(server_cert_pem, server_key_pem, entropy_fill, NULL, &err, &why);
    if (tls == NULL)
        printf("http-server: error: TLS: %s: HTTPS disabled\n", why);
}

void init(void)
{
    static const uint8_t macs[][6] = NET_CLIENT_MACS;
    /* The log goes to the serial driver when there is one; it drops lines rather than hold
     * the server back. Without it, output stays on the kernel's debug console. */
    if (serial_region != 0 &&
        sel4c_serial_client_init(&console, (void *)serial_region) == SEL4C_NO_ERROR)
        sel4c_serial_stdout(&console, SERIAL_CH);
    sel4c_net_client_config_t cfg =
        sel4c_net_client_layout((void *)net_queues, (void *)net_rx_data, net_rx_data_size,
                                (void *)net_tx_data, net_tx_data_size, notify_rx, notify_tx, NULL);
    /* Loading reads the site once, sequentially: a small cache with read-ahead. */
    sel4c_blk_client_config_t disk_cfg = {
        .storage_info = (void *)blk_storage_info,
        .req_queue = (void *)blk_req_queue,
        .req_queue_size = blk_req_queue_size,
        .resp_queue = (void *)blk_resp_queue,
        .resp_queue_size = blk_resp_queue_size,
        .data = (void *)blk_data,
        .data_size = blk_data_size,
        .ch = BLK_CH,
        .lines = disk_lines,
        .n_lines = sizeof disk_lines / sizeof disk_lines[0],
        .readahead = 8,
    };
    sel4c_netdev_t dev;
    if (sel4c_timer_init(&timer, TIMER_CH) != SEL4C_NO_ERROR ||
        sel4c_net_client_init(&client, &cfg, &dev) != SEL4C_NO_ERROR ||
        sel4c_event_on_notify(&on_rx, VIRT_RX_CH, network, NULL) != SEL4C_NO_ERROR ||
        sel4c_event_on_notify(&on_tx, VIRT_TX_CH, network, NULL) != SEL4C_NO_ERROR ||
        sel4c_blk_client_init(&disk, &disk_cfg) != SEL4C_NO_ERROR) {
        printf("http-server: error: set-up failed\n");
        return;
    }
    ns_at_boot = sel4c_timer_now(&timer);
    if (sel4c_rtc_seconds(RTC_CH, &rtc_at_boot) != SEL4C_NO_ERROR)
        printf("http-server: no real-time clock: dates start at 1970\n");
    start_tls();
    http = (sel4c_http_server_t){
        .files = site_files, .wall_time = wall_time, .clock_ms = clock_ms, .log = access_log};
    conn_setup(&http, tls);
    conn_on_idle(fell_idle);

    /* lwIP's seed (TCP sequence numbers, DHCP ids) from the entropy device too; without one
     * the clock is all there is, and the console says so. */
    uint64_t seed = ns_at_boot;
    if (tls == NULL || entropy_fill(NULL, (uint8_t *)&seed, sizeof seed) != 0) {
        seed = ns_at_boot;
        printf("http-server: warning: no entropy for TCP sequence numbers: seeded from the "
               "clock\n");
    }
    sel4c_net_init(now_ms32, seed);
    sel4c_ipv4_config_t ip = {.dhcp = 1};
    nif = sel4c_net_add_interface("en", macs[0], &dev, &ip);
    if (nif == NULL) {
        printf("http-server: error: no network interface\n");
        return;
    }
    sel4c_net_on_address(nif, bound, NULL);
    sel4c_net_client_process(&client, nif);
    arm_lwip();
    if (sel4c_timer_every(&timer, &tick_timer, 500000000, deadlines, NULL) != SEL4C_NO_ERROR ||
        sel4c_task_spawn(&loader, "loader", loader_stack, sizeof loader_stack, load_and_listen,
                         NULL) != SEL4C_NO_ERROR)
        printf("http-server: error: cannot start the loader\n");
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    sel4c_event_dispatch(ch);
}
