/* The virtio-net device as the network stack's device in the same PD (<sel4c/virtio_netdev.h>). */
#include <stdio.h>

#include <sel4c/virtio_netdev.h>

static void fail(sel4c_virtio_netdev_t *d, const char *what, sel4c_virtio_err_t err)
{
    if (!d->failed)
        printf("virtio-net: error: %s: %s; device disabled\n", what, sel4c_virtio_strerror(err));
    d->failed = true;
}

/* Sent buffers the device gives back. */
static void reclaim(sel4c_virtio_netdev_t *d)
{
    uint64_t paddr;
    sel4c_virtio_err_t err;
    while ((err = sel4c_virtio_net_collect_tx(d->net, &paddr)) != SEL4C_VIRTIO_EMPTY) {
        /* The address is the one we posted (the queue checked the device's id): ours. */
        if (err ||
            sel4c_dma_slot_free(&d->tx_slots, (size_t)(paddr - d->view.paddr)) != SEL4C_NO_ERROR) {
            fail(d, "collecting sent frames", err ? err : SEL4C_VIRTIO_BAD_USED_ID);
            return;
        }
    }
}

static void *tx_buffer(void *ctx, size_t len)
{
    sel4c_virtio_netdev_t *d = ctx;
    if (d->failed || len > SEL4C_VIRTIO_NET_MAX_FRAME || d->tx_pending.vaddr != NULL)
        return NULL;
    if (sel4c_dma_slot_alloc(&d->tx_slots, &d->tx_pending) != SEL4C_NO_ERROR) {
        reclaim(d);
        if (sel4c_dma_slot_alloc(&d->tx_slots, &d->tx_pending) != SEL4C_NO_ERROR)
            return NULL;
    }
    return d->tx_pending.vaddr;
}

static sel4c_net_err_t tx_submit(void *ctx, void *buffer, size_t len)
{
    sel4c_virtio_netdev_t *d = ctx;
    if (buffer == NULL || buffer != d->tx_pending.vaddr)
        return SEL4C_NET_EINVAL;
    sel4c_dma_buf_t b = d->tx_pending;
    d->tx_pending = (sel4c_dma_buf_t){0};
    sel4c_virtio_err_t err = sel4c_virtio_net_send(d->net, b.paddr, (uint32_t)len);
    if (err == SEL4C_VIRTIO_NO_SPACE) {
        reclaim(d);
        err = sel4c_virtio_net_send(d->net, b.paddr, (uint32_t)len);
    }
    if (err) {
        if (sel4c_dma_slot_free(&d->tx_slots, b.offset) != SEL4C_NO_ERROR)
            fail(d, "a transmit buffer lost", SEL4C_VIRTIO_INVALID);
        return SEL4C_NET_EIO;
    }
    /* Frames are sent from anywhere (handlers, tasks, timers): each one is told at once. */
    sel4c_virtio_net_kick_tx(d->net);
    d->tx_frames++;
    return SEL4C_NET_OK;
}

sel4c_virtio_err_t sel4c_virtio_netdev_init(sel4c_virtio_netdev_t *d, sel4c_virtio_net_t *net,
                                            void *bufs, uint64_t bufs_paddr, size_t bufs_size,
                                            sel4c_netdev_t *dev)
{
    *d = (sel4c_virtio_netdev_t){.net = net};
    size_t per_half = bufs_size / 2 / SEL4C_VIRTIO_NETDEV_BUFFER;
    if (((uintptr_t)bufs | bufs_paddr) % 4096 || per_half < 2 ||
        per_half > SEL4C_VIRTIO_NETDEV_MAX_BUFFERS ||
        sel4c_shmem_init_phys(&d->view, bufs, bufs_size, bufs_paddr) != SEL4C_NO_ERROR)
        return SEL4C_VIRTIO_INVALID;
    d->rx_bytes = per_half * SEL4C_VIRTIO_NETDEV_BUFFER;
    if (sel4c_dma_slots_init(&d->tx_slots, &d->view, d->rx_bytes, SEL4C_VIRTIO_NETDEV_BUFFER,
                             per_half, d->tx_bits,
                             sizeof d->tx_bits / sizeof d->tx_bits[0]) != SEL4C_NO_ERROR)
        return SEL4C_VIRTIO_INVALID;
    for (size_t off = 0; off < d->rx_bytes && net->rx.vq.num_free >= 2;
         off += SEL4C_VIRTIO_NETDEV_BUFFER) {
        sel4c_virtio_err_t err =
            sel4c_virtio_net_post_rx(net, bufs_paddr + off, SEL4C_VIRTIO_NETDEV_BUFFER);
        if (err)
            return err;
    }
    sel4c_virtio_net_kick_rx(net);
    *dev = (sel4c_netdev_t){.ctx = d, .tx_buffer = tx_buffer, .tx_submit = tx_submit, .mtu = 1500};
    return SEL4C_VIRTIO_OK;
}

sel4c_virtio_err_t sel4c_virtio_netdev_process(sel4c_virtio_netdev_t *d, sel4c_netif_t *nif)
{
    if (d->failed)
        return SEL4C_VIRTIO_DEVICE_FAILED;
    (void)sel4c_virtio_mmio_irq_ack(&d->net->dev);
    uint64_t paddr;
    uint32_t len;
    sel4c_virtio_err_t err;
    bool posted = false;
    while ((err = sel4c_virtio_net_collect_rx(d->net, &paddr, &len)) != SEL4C_VIRTIO_EMPTY) {
        if (err == SEL4C_VIRTIO_BAD_USED_LEN && len == 0)
            d->short_frames++; /* the buffer is still ours: straight back */
        else if (err) {
            fail(d, "receiving", err);
            return err;
        } else {
            /* The address is one we posted, in the receive half: the frame is in our view. */
            d->rx_frames++;
            sel4c_net_input(nif, (const uint8_t *)d->view.base + (paddr - d->view.paddr), len);
        }
        err = sel4c_virtio_net_post_rx(d->net, paddr, SEL4C_VIRTIO_NETDEV_BUFFER);
        if (err) {
            fail(d, "lending a receive buffer", err);
            return err;
        }
        posted = true;
    }
    if (posted)
        sel4c_virtio_net_kick_rx(d->net);
    reclaim(d);
    return d->failed ? SEL4C_VIRTIO_DEVICE_FAILED : SEL4C_VIRTIO_OK;
}
