/*
 * The server PD of the HTTP(S) system (http-server.system): the web server (server.h) wired
 * to isolated drivers. Frames come and go through the network virtualisers' queues, blocks
 * through the virtio-blk driver's queues, entropy and the time by PP calls to the virtio-rng,
 * timer and RTC drivers. docs/http-server.md describes the system.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/blk_client.h>
#include <sel4c/event.h>
#include <sel4c/net_client_pd.h>
#include <sel4c/rtc.h>
#include <sel4c/serial_client.h>
#include <sel4c/timer.h>

#include "entropy.h"
#include "server.h"

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

static sel4c_serial_client_t console;
static sel4c_timer_t timer;
static sel4c_net_client_pd_t net;
static sel4c_netdev_t dev;
static sel4c_blk_client_t disk;
static sel4c_blk_cache_line_t disk_lines[32];

static int rtc_seconds(int64_t *seconds)
{
    return sel4c_rtc_seconds(RTC_CH, seconds) != SEL4C_NO_ERROR;
}

/* In the loader task: waits for the driver's storage information. */
static const sel4c_blk_t *open_disk(void)
{
    sel4c_err_t err = sel4c_blk_client_wait_ready(&disk);
    if (err != SEL4C_NO_ERROR) {
        printf("http-server: error: the disk: %s\n", sel4c_strerror(err));
        return NULL;
    }
    return sel4c_blk_client_dev(&disk);
}

void init(void)
{
    /* The log goes to the serial driver when there is one; it drops lines rather than hold
     * the server back. Without it, output stays on the kernel's debug console. */
    if (serial_region != 0 &&
        sel4c_serial_client_init(&console, (void *)serial_region) == SEL4C_NO_ERROR) {
        sel4c_serial_stdout(&console, SERIAL_CH);
        /* Under load the serial PD takes the log a quarter of its queue at a time, not once
         * per event; the server's half-second tick flushes what a quiet spell leaves. */
        sel4c_serial_stdout_hold(SEL4C_SERIAL_REGION_CAPACITY / 4);
    }
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
    if (sel4c_timer_init(&timer, TIMER_CH) != SEL4C_NO_ERROR ||
        sel4c_net_client_pd_init(&net, (void *)net_queues, (void *)net_rx_data, net_rx_data_size,
                                 (void *)net_tx_data, net_tx_data_size, VIRT_RX_CH, VIRT_TX_CH,
                                 &dev) != SEL4C_NO_ERROR ||
        sel4c_blk_client_init(&disk, &disk_cfg) != SEL4C_NO_ERROR) {
        printf("http-server: error: set-up failed\n");
        return;
    }
    /* The timer PD is sel4c's generic-timer driver: its clock is read here, without a call. */
    if (sel4c_timer_use_counter(&timer) != SEL4C_NO_ERROR)
        printf("http-server: the time comes from the timer PD by PP calls\n");
    /* The server keeps the platform: static. */
    static server_platform_t p = {
        .timer = &timer,
        .netdev = &dev,
        .rtc_seconds = rtc_seconds,
        .entropy = entropy_fill,
        .entropy_ctx = NULL,
        .disk = open_disk,
        .serving = entropy_serve, /* no call into virtio_rng from then on (entropy.h) */
    };
    if (entropy_init(RNG_CH, rng_shared, rng_shared_size) != 0) {
        printf("http-server: error: no entropy region: HTTPS disabled\n");
        p.entropy = NULL;
    }
    sel4c_netif_t *nif = server_start(&p);
    if (nif == NULL)
        return;
    sel4c_net_client_pd_attach(&net, nif);
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    sel4c_event_dispatch(ch);
}
