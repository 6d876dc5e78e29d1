/* The virtio-net device logic (<sel4c/virtio_net.h>). */
#include <sel4c/virtio_net.h>

/* Configuration space offsets (section 5.1.4) */
#define NET_CONFIG_MAC       0
#define NET_CONFIG_STATUS    6
#define VIRTIO_NET_S_LINK_UP 1
#define ETH_HEADER           14u
#define RX_QUEUE             0
#define TX_QUEUE             1

static size_t hdrs_bytes(uint16_t size)
{
    size_t n = sizeof(struct sel4c_virtio_net_hdr) * size;
    return (n + SEL4C_VIRTQ_ALIGN - 1) / SEL4C_VIRTQ_ALIGN * SEL4C_VIRTQ_ALIGN;
}

static size_t queue_bytes(uint16_t size)
{
    return sel4c_virtq_bytes(size) + hdrs_bytes(size);
}

size_t sel4c_virtio_net_dma_bytes(uint16_t size)
{
    return 2 * queue_bytes(size);
}

/* Lays out queue `index` and its headers at `mem` and gives it to the device. */
static sel4c_virtio_err_t queue_start(sel4c_virtio_net_t *net, sel4c_virtio_net_queue_t *q,
                                      uint32_t index, uint8_t *mem, uint64_t paddr,
                                      uint16_t max_queue)
{
    uint32_t max = sel4c_virtio_mmio_queue_max(&net->dev, index);
    uint16_t size = max_queue;
    while (size > 1 && size > max)
        size /= 2;
    if (max == 0)
        return SEL4C_VIRTIO_QUEUE_UNAVAIL;
    size_t ring = sel4c_virtq_bytes(max_queue);
    sel4c_virtio_err_t err = sel4c_virtq_init(&q->vq, mem, paddr, ring, size);
    if (err)
        return err;
    q->hdrs = (volatile struct sel4c_virtio_net_hdr *)(mem + ring);
    q->hdrs_paddr = paddr + ring;
    for (uint16_t i = 0; i < max_queue; i++)
        q->hdrs[i] = (struct sel4c_virtio_net_hdr){0};
    return sel4c_virtio_mmio_queue_setup(&net->dev, index, &q->vq);
}

sel4c_virtio_err_t sel4c_virtio_net_init(sel4c_virtio_net_t *net, uintptr_t regs, void *dma,
                                         uint64_t dma_paddr, size_t dma_bytes, uint16_t max_queue)
{
    *net = (sel4c_virtio_net_t){0};
    if (max_queue == 0 || max_queue > SEL4C_VIRTQ_MAX_SIZE || (max_queue & (max_queue - 1)) ||
        dma_bytes < sel4c_virtio_net_dma_bytes(max_queue))
        return SEL4C_VIRTIO_INVALID;
    sel4c_virtio_err_t err = sel4c_virtio_mmio_probe(&net->dev, regs, SEL4C_VIRTIO_ID_NET);
    if (err)
        return err;
    uint64_t optional = SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_NET_F_MAC) |
                        SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_NET_F_STATUS);
    err = sel4c_virtio_mmio_negotiate(&net->dev, 0, optional);
    if (err)
        return err;
    net->has_mac = net->dev.features & SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_NET_F_MAC);
    net->has_status = net->dev.features & SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_NET_F_STATUS);
    /* The modern header has num_buffers always (section 5.1.6); the legacy one without
     * mergeable buffers ends before it. */
    net->hdr_len = net->dev.version == 1 ? 10 : 12;
    if (net->has_mac) {
        uint32_t lo = sel4c_virtio_mmio_config32(&net->dev, NET_CONFIG_MAC);
        uint32_t hi = sel4c_virtio_mmio_config32(&net->dev, NET_CONFIG_MAC + 4);
        for (int i = 0; i < 4; i++)
            net->mac[i] = (uint8_t)(lo >> (8 * i));
        net->mac[4] = (uint8_t)hi;
        net->mac[5] = (uint8_t)(hi >> 8);
    }
    size_t half = queue_bytes(max_queue);
    err = queue_start(net, &net->rx, RX_QUEUE, dma, dma_paddr, max_queue);
    if (!err)
        err = queue_start(net, &net->tx, TX_QUEUE, (uint8_t *)dma + half, dma_paddr + half,
                          max_queue);
    if (err) {
        sel4c_virtio_mmio_fail(&net->dev);
        return err;
    }
    return sel4c_virtio_mmio_ready(&net->dev);
}

bool sel4c_virtio_net_link_up(sel4c_virtio_net_t *net)
{
    if (!net->has_status)
        return true;
    /* The status is the 16 bits after the MAC address, in the 32-bit word at offset 4. */
    return (sel4c_virtio_mmio_config32(&net->dev, NET_CONFIG_MAC + 4) >> 16) & VIRTIO_NET_S_LINK_UP;
}

/* A chain of the queue's header for the next head and the frame buffer. */
static sel4c_virtio_err_t post(sel4c_virtio_net_t *net, sel4c_virtio_net_queue_t *q, uint64_t paddr,
                               uint32_t len, int device_writes)
{
    if (q->vq.num_free < 2)
        return q->vq.broken ? SEL4C_VIRTIO_DEVICE_FAILED : SEL4C_VIRTIO_NO_SPACE;
    /* The chain's head is the first free descriptor, so its header slot is known before the
     * chain is made. */
    uint16_t slot = q->vq.free_head;
    sel4c_virtq_buf_t bufs[2] = {
        {q->hdrs_paddr + slot * sizeof(struct sel4c_virtio_net_hdr), net->hdr_len},
        {paddr, len},
    };
    if (!device_writes)
        q->hdrs[slot] = (struct sel4c_virtio_net_hdr){0};
    uint16_t head;
    sel4c_virtio_err_t err = device_writes ? sel4c_virtq_add(&q->vq, bufs, 0, 2, &head)
                                           : sel4c_virtq_add(&q->vq, bufs, 2, 0, &head);
    if (err)
        return err;
    q->buf[head] = paddr;
    return SEL4C_VIRTIO_OK;
}

sel4c_virtio_err_t sel4c_virtio_net_post_rx(sel4c_virtio_net_t *net, uint64_t paddr, uint32_t len)
{
    if (len < SEL4C_VIRTIO_NET_MAX_FRAME)
        return SEL4C_VIRTIO_INVALID;
    return post(net, &net->rx, paddr, len, 1);
}

sel4c_virtio_err_t sel4c_virtio_net_collect_rx(sel4c_virtio_net_t *net, uint64_t *paddr,
                                               uint32_t *len)
{
    uint16_t head;
    uint32_t used;
    sel4c_virtio_err_t err = sel4c_virtq_get_used(&net->rx.vq, &head, &used);
    if (err)
        return err;
    *paddr = net->rx.buf[head];
    /* get_used checked `used` against the chain's writable bytes: it fits the buffer. */
    if (used < net->hdr_len + ETH_HEADER) {
        *len = 0;
        return SEL4C_VIRTIO_BAD_USED_LEN;
    }
    *len = used - net->hdr_len;
    return SEL4C_VIRTIO_OK;
}

sel4c_virtio_err_t sel4c_virtio_net_send(sel4c_virtio_net_t *net, uint64_t paddr, uint32_t len)
{
    if (len < ETH_HEADER || len > SEL4C_VIRTIO_NET_MAX_FRAME)
        return SEL4C_VIRTIO_INVALID;
    return post(net, &net->tx, paddr, len, 0);
}

sel4c_virtio_err_t sel4c_virtio_net_collect_tx(sel4c_virtio_net_t *net, uint64_t *paddr)
{
    uint16_t head;
    uint32_t used;
    sel4c_virtio_err_t err = sel4c_virtq_get_used(&net->tx.vq, &head, &used);
    if (!err)
        *paddr = net->tx.buf[head];
    return err;
}

void sel4c_virtio_net_tx_interrupts(sel4c_virtio_net_t *net, bool on)
{
    sel4c_virtq_interrupts(&net->tx.vq, on);
}

void sel4c_virtio_net_kick_rx(sel4c_virtio_net_t *net)
{
    sel4c_virtio_mmio_notify(&net->dev, RX_QUEUE);
}

void sel4c_virtio_net_kick_tx(sel4c_virtio_net_t *net)
{
    sel4c_virtio_mmio_notify(&net->dev, TX_QUEUE);
}
