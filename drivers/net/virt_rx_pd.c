/*
 * The receive virtualiser PD (virt.h): frames from the NIC driver to the clients, by
 * destination MAC. Its client regions map each client's queues and receive data region
 * (client<i>_data); drv_rx_free/drv_rx_active are its queues with the driver, and rx_buffers
 * the receive DMA region (read-only here). docs/network.md has the .system fragment.
 */
#include <stdio.h>

#include <microkit.h>

#include "clients.h"

uintptr_t drv_rx_free, drv_rx_active, drv_rx_queue_size;
uintptr_t rx_buffers, rx_buffers_size, rx_buffers_paddr;

static net_virt_rx_t virt;
static bool failed;
static uint32_t reported[NET_VIRT_MAX_CLIENTS]; /* frames dropped, last reported, per client */

/* Frames dropped because a client lent no buffer, on the console at the 1st, 2nd, 4th, 8th...
 * of each client, so that a client too slow to lend buffers shows without flooding it. */
static void report_drops(void)
{
    for (unsigned i = 0; i < virt.n_clients; i++) {
        uint32_t n = virt.clients[i].count.no_buffer;
        if (n != 0 && n != reported[i] && (n & (n - 1)) == 0) {
            printf("net_virt_rx: client %u lent no buffer: %u frames dropped\n", i, n);
            reported[i] = n;
        }
    }
}

static void notify_all(void)
{
    if (virt.notify_driver && sel4c_net_producer_must_notify(&virt.drv_free))
        microkit_deferred_notify(NET_DRIVER_CH);
    virt.notify_driver = false;
    for (unsigned i = 0; i < virt.n_clients; i++) {
        net_virt_rx_client_t *c = &virt.clients[i];
        if (c->notify && sel4c_net_producer_must_notify(&c->active_q))
            microkit_deferred_notify(NET_CLIENT_CH(i));
        c->notify = false;
    }
}

void init(void)
{
    net_virt_client_region_t clients[NET_VIRT_MAX_CLIENTS];
    unsigned n = net_virt_clients(clients, 1);
    int e = net_virt_rx_init(&virt, (void *)drv_rx_free, (void *)drv_rx_active,
                             net_virt_capacity(drv_rx_queue_size), (const void *)rx_buffers,
                             rx_buffers_paddr, rx_buffers_size, clients, n);
    if (e) {
        printf("net_virt_rx: error: %s (%u clients)\n", sel4c_queue_strerror(e), n);
        failed = true;
        return;
    }
    printf("net_virt_rx: %u clients\n", n);
    notify_all();
}

void notified(microkit_channel ch)
{
    (void)ch; /* the driver's frames or a client's buffers: both mean look again */
    if (failed)
        return;
    do
        net_virt_rx_process(&virt);
    while (!net_virt_rx_prepare_wait(&virt));
    notify_all();
    report_drops();
}
