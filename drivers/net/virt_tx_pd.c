/*
 * The transmit virtualiser PD (virt.h): clients' frames to the NIC driver, checked and
 * copied, round robin. Its client regions map each client's queues and transmit data region
 * (client<i>_data); drv_tx_free/drv_tx_active are its queues with the driver, and tx_buffers
 * the transmit DMA region. docs/network.md has the .system fragment.
 */
#include <stdio.h>

#include <microkit.h>

#include "clients.h"

uintptr_t drv_tx_free, drv_tx_active, drv_tx_queue_size;
uintptr_t tx_buffers, tx_buffers_size, tx_buffers_paddr;

static net_virt_tx_t virt;
static bool failed;
static uint32_t reported[NET_VIRT_MAX_CLIENTS];
static bool reported_broken[NET_VIRT_MAX_CLIENTS];

/* Says when a client's refusals reach 1, 2, 4, 8...: a client that keeps misbehaving cannot
 * flood the console. */
static void report(void)
{
    for (unsigned i = 0; i < virt.n_clients; i++) {
        const net_virt_counters_t *n = &virt.clients[i].count;
        if (virt.clients[i].broken && !reported_broken[i]) {
            reported_broken[i] = true;
            printf("net_virt_tx: client %u corrupted its queue's index: ignored from now on\n", i);
        }
        uint32_t bad = n->refused + n->spoofed;
        if (bad == reported[i] || (bad & (bad - 1)) != 0)
            continue;
        reported[i] = bad;
        printf("net_virt_tx: client %u refused %u descriptors (%u spoofed); last: %s\n", i, bad,
               n->spoofed, n->refused ? sel4c_queue_strerror(n->last_error) : "a spoofed address");
    }
}

static void notify_all(void)
{
    if (virt.notify_driver && sel4c_net_producer_must_notify(&virt.drv_active))
        microkit_deferred_notify(NET_DRIVER_CH);
    virt.notify_driver = false;
    for (unsigned i = 0; i < virt.n_clients; i++) {
        net_virt_tx_client_t *c = &virt.clients[i];
        if (c->notify && sel4c_net_producer_must_notify(&c->free_q))
            microkit_deferred_notify(NET_CLIENT_CH(i));
        c->notify = false;
    }
}

void init(void)
{
    net_virt_client_region_t clients[NET_VIRT_MAX_CLIENTS];
    unsigned n = net_virt_clients(clients, 0);
    int e = net_virt_tx_init(&virt, (void *)drv_tx_free, (void *)drv_tx_active,
                             net_virt_capacity(drv_tx_queue_size), (void *)tx_buffers,
                             tx_buffers_paddr, tx_buffers_size, clients, n);
    if (e) {
        printf("net_virt_tx: error: %s (%u clients)\n", sel4c_queue_strerror(e), n);
        failed = true;
        return;
    }
    printf("net_virt_tx: %u clients\n", n);
}

void notified(microkit_channel ch)
{
    (void)ch;
    if (failed)
        return;
    do
        net_virt_tx_process(&virt);
    while (!net_virt_tx_prepare_wait(&virt));
    notify_all();
    report();
}
