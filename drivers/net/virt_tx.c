/* The transmit virtualiser's logic (virt.h): clients' frames, checked and copied, to the
 * driver, round robin. */
#include "virt.h"

#include <string.h>

#define ETH_HEADER 14u
#define MAX_FRAME  1518u

int net_virt_tx_init(net_virt_tx_t *v, void *drv_free, void *drv_active, uint32_t capacity,
                     void *dma, uint64_t dma_paddr, size_t dma_size,
                     const net_virt_client_region_t *clients, unsigned n_clients)
{
    memset(v, 0, sizeof *v);
    size_t buffers = dma_size / SEL4C_NET_BUFFER_SIZE;
    if (n_clients == 0 || n_clients > NET_VIRT_MAX_CLIENTS || buffers == 0 ||
        buffers > NET_VIRT_MAX_DMA_BUFFERS || buffers > capacity)
        return SEL4C_QUEUE_EINVAL;
    int e = sel4c_net_producer_init(&v->drv_active, drv_active, capacity);
    if (!e)
        e = sel4c_net_consumer_init(&v->drv_free, drv_free, capacity, dma_paddr, dma_size,
                                    SEL4C_NET_BUFFER_SIZE);
    if (e)
        return e;
    if (sel4c_shmem_init_phys(&v->dma_view, dma, dma_size, dma_paddr) != SEL4C_NO_ERROR ||
        sel4c_dma_slots_init(&v->dma_held, &v->dma_view, 0, SEL4C_NET_BUFFER_SIZE, buffers,
                             v->dma_bits,
                             sizeof v->dma_bits / sizeof v->dma_bits[0]) != SEL4C_NO_ERROR)
        return SEL4C_QUEUE_EINVAL;
    v->n_clients = n_clients;
    for (unsigned i = 0; i < n_clients; i++) {
        net_virt_tx_client_t *c = &v->clients[i];
        e = sel4c_net_consumer_init(&c->active_q, clients[i].active_queue, clients[i].capacity, 0,
                                    clients[i].data_size, SEL4C_NET_BUFFER_SIZE);
        if (!e)
            e = sel4c_net_producer_init(&c->free_q, clients[i].free_queue, clients[i].capacity);
        if (e)
            return e;
        c->data = clients[i].data;
        memcpy(c->mac, clients[i].mac, 6);
    }
    return SEL4C_QUEUE_OK;
}

/* DMA buffers the driver has sent. */
static void reclaim(net_virt_tx_t *v)
{
    sel4c_net_buff_desc_t d;
    int e;
    while (!v->driver_broken && (e = sel4c_net_dequeue(&v->drv_free, &d)) != SEL4C_QUEUE_EEMPTY) {
        if (e == SEL4C_QUEUE_ECORRUPT_TAIL) {
            v->driver_refused++;
            v->driver_broken = true;
            return;
        }
        /* Only a buffer the driver holds may come back, and only once. */
        if (e != SEL4C_QUEUE_OK ||
            sel4c_dma_slot_free(&v->dma_held, (size_t)(d.io_or_offset - v->dma_view.paddr)) !=
                SEL4C_NO_ERROR)
            v->driver_refused++;
    }
}

static void refuse(net_virt_tx_client_t *c, int err)
{
    c->count.refused++;
    c->count.last_error = err;
}

/* One frame of client `c`, if there is one and room for it; false when none was taken. */
static bool take_one(net_virt_tx_t *v, net_virt_tx_client_t *c)
{
    if (c->broken || v->dma_held.free_slots == 0 || sel4c_net_full(&v->drv_active))
        return false;
    sel4c_net_buff_desc_t d;
    int e = sel4c_net_dequeue(&c->active_q, &d);
    if (e == SEL4C_QUEUE_EEMPTY)
        return false;
    if (e != SEL4C_QUEUE_OK) {
        refuse(c, e);
        c->broken = e == SEL4C_QUEUE_ECORRUPT_TAIL;
        return !c->broken;
    }
    const uint8_t *frame = c->data + d.io_or_offset;
    uint16_t len = d.len;
    if (len < ETH_HEADER || len > MAX_FRAME) {
        refuse(c, SEL4C_QUEUE_EBAD_LENGTH);
    } else if (memcmp(frame + 6, c->mac, 6) != 0) {
        c->count.spoofed++;
    } else {
        sel4c_dma_buf_t b;
        /* A free slot exists (checked above) and drv_active has room. */
        if (sel4c_dma_slot_alloc(&v->dma_held, &b) == SEL4C_NO_ERROR) {
            memcpy(b.vaddr, frame, len);
            sel4c_net_buff_desc_t out = {.io_or_offset = b.paddr, .len = len};
            if (sel4c_net_enqueue(&v->drv_active, out) == SEL4C_QUEUE_OK) {
                c->count.frames++;
                v->notify_driver = true;
            }
        }
    }
    /* The client's buffer goes back whatever became of its frame. */
    d.len = 0;
    if (sel4c_net_enqueue(&c->free_q, d) == SEL4C_QUEUE_OK)
        c->notify = true;
    else
        refuse(c, SEL4C_QUEUE_ECORRUPT_HEAD);
    return true;
}

void net_virt_tx_process(net_virt_tx_t *v)
{
    reclaim(v);
    /* Round robin, NET_VIRT_TX_BATCH frames per client per round, starting after the client
     * served first last time, until no client has a frame or there is no room. */
    bool any = true;
    while (any) {
        any = false;
        for (unsigned k = 0; k < v->n_clients; k++) {
            net_virt_tx_client_t *c = &v->clients[(v->next + k) % v->n_clients];
            for (int n = 0; n < NET_VIRT_TX_BATCH && take_one(v, c); n++)
                any = true;
        }
        v->next = (v->next + 1) % v->n_clients;
        if (v->dma_held.free_slots == 0 || sel4c_net_full(&v->drv_active))
            break;
    }
}

bool net_virt_tx_prepare_wait(net_virt_tx_t *v)
{
    /* Without room for the driver, clients' frames wait for it to give buffers back: that
     * notification, not theirs, is the one to wait for. With room, the buffers it gives back
     * are taken when clients next send, and it need not wake us for them. */
    if (v->dma_held.free_slots == 0 || sel4c_net_full(&v->drv_active))
        return v->driver_broken || sel4c_net_consumer_prepare_wait(&v->drv_free);
    bool empty = true;
    for (unsigned i = 0; i < v->n_clients; i++)
        if (!v->clients[i].broken)
            empty &= sel4c_net_consumer_prepare_wait(&v->clients[i].active_q);
    return empty;
}
