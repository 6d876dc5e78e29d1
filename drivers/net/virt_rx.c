/* The receive virtualiser's logic (virt.h): frames from the driver to clients by MAC. */
#include "virt.h"

#include <string.h>

#define ETH_HEADER 14u

int net_virt_rx_init(net_virt_rx_t *v, void *drv_free, void *drv_active, uint32_t capacity,
                     const void *dma, uint64_t dma_paddr, size_t dma_size,
                     const net_virt_client_region_t *clients, unsigned n_clients)
{
    memset(v, 0, sizeof *v);
    if (n_clients == 0 || n_clients > NET_VIRT_MAX_CLIENTS)
        return SEL4C_QUEUE_EINVAL;
    int e = sel4c_net_producer_init(&v->drv_free, drv_free, capacity);
    if (!e)
        e = sel4c_net_consumer_init(&v->drv_active, drv_active, capacity, dma_paddr, dma_size,
                                    SEL4C_NET_BUFFER_SIZE);
    if (e)
        return e;
    v->dma = dma;
    v->dma_paddr = dma_paddr;
    v->n_clients = n_clients;
    for (unsigned i = 0; i < n_clients; i++) {
        net_virt_rx_client_t *c = &v->clients[i];
        e = sel4c_net_consumer_init(&c->free_q, clients[i].free_queue, clients[i].capacity, 0,
                                    clients[i].data_size, SEL4C_NET_BUFFER_SIZE);
        if (!e)
            e = sel4c_net_producer_init(&c->active_q, clients[i].active_queue, clients[i].capacity);
        if (e)
            return e;
        c->data = clients[i].data;
        memcpy(c->mac, clients[i].mac, 6);
    }
    /* Every DMA buffer starts lent to the driver. */
    size_t buffers = dma_size / SEL4C_NET_BUFFER_SIZE;
    if (buffers > capacity)
        return SEL4C_QUEUE_EINVAL;
    for (size_t i = 0; i < buffers; i++) {
        sel4c_net_buff_desc_t d = {.io_or_offset = dma_paddr + i * SEL4C_NET_BUFFER_SIZE};
        e = sel4c_net_enqueue(&v->drv_free, d);
        if (e)
            return e;
    }
    v->notify_driver = true;
    return SEL4C_QUEUE_OK;
}

/* Copies one frame into a buffer `c` lent us (dropped and counted when it lent none). */
static void deliver(net_virt_rx_client_t *c, const uint8_t *frame, uint16_t len)
{
    sel4c_net_buff_desc_t d;
    int e;
    if (c->broken) {
        c->count.no_buffer++;
        return;
    }
    while ((e = sel4c_net_dequeue(&c->free_q, &d)) != SEL4C_QUEUE_OK) {
        if (e == SEL4C_QUEUE_EEMPTY || e == SEL4C_QUEUE_ECORRUPT_TAIL) {
            if (e == SEL4C_QUEUE_EEMPTY) {
                c->count.no_buffer++;
            } else {
                c->broken = true;
                c->count.refused++;
                c->count.last_error = e;
            }
            return;
        }
        /* A bad descriptor was taken and dropped: try the next one. */
        c->count.refused++;
        c->count.last_error = e;
    }
    memcpy(c->data + d.io_or_offset, frame, len);
    d.len = len;
    /* The client's active queue has room for every buffer it can lend. */
    if (sel4c_net_enqueue(&c->active_q, d) != SEL4C_QUEUE_OK) {
        c->count.refused++;
        c->count.last_error = SEL4C_QUEUE_ECORRUPT_HEAD;
        return;
    }
    c->count.frames++;
    c->notify = true;
}

void net_virt_rx_process(net_virt_rx_t *v)
{
    sel4c_net_buff_desc_t d;
    int e;
    while (!v->driver_broken && (e = sel4c_net_dequeue(&v->drv_active, &d)) != SEL4C_QUEUE_EEMPTY) {
        if (e != SEL4C_QUEUE_OK) {
            v->driver_refused++;
            v->driver_broken = e == SEL4C_QUEUE_ECORRUPT_TAIL;
            continue;
        }
        const uint8_t *frame = v->dma + (d.io_or_offset - v->dma_paddr);
        if (d.len < ETH_HEADER) {
            v->runts++;
        } else if (frame[0] & 1) {
            /* Broadcast or multicast: every client gets a copy. */
            for (unsigned i = 0; i < v->n_clients; i++)
                deliver(&v->clients[i], frame, d.len);
        } else {
            unsigned i = 0;
            while (i < v->n_clients && memcmp(frame, v->clients[i].mac, 6) != 0)
                i++;
            if (i < v->n_clients)
                deliver(&v->clients[i], frame, d.len);
            else
                v->unknown_destination++;
        }
        d.len = 0;
        /* drv_free has room for every DMA buffer. */
        if (sel4c_net_enqueue(&v->drv_free, d) == SEL4C_QUEUE_OK)
            v->notify_driver = true;
        else
            v->driver_refused++;
    }
}

bool net_virt_rx_prepare_wait(net_virt_rx_t *v)
{
    return v->driver_broken || sel4c_net_consumer_prepare_wait(&v->drv_active);
}
