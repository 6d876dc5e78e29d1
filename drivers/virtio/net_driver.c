/*
 * The virtio-net driver PD: frames between the device and the network virtualisers over sDDF
 * network queues, interrupt-driven. The driver never maps packet memory: it passes physical
 * addresses of the receive and transmit buffer regions (which only the virtualisers map) to
 * the device, after checking each against the region and its buffer grid. docs/network.md has
 * the .system fragment.
 *
 * Queues with the receive virtualiser: rx_free (it lends us empty buffers), rx_active (we
 * hand back filled ones). With the transmit virtualiser: tx_active (frames to send), tx_free
 * (sent buffers back). Each queue region holds one queue.
 *
 * Channels: IRQ_CH the device's interrupt, VIRT_RX_CH and VIRT_TX_CH the virtualisers.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>
#include <sel4c/queue/net.h>
#include <sel4c/virtio_net.h>

#define IRQ_CH     0
#define VIRT_RX_CH 1
#define VIRT_TX_CH 2
#define QUEUE      256

/* Set by the system builder (setvar_vaddr, setvar_size, region_paddr). */
uintptr_t virtio_regs; /* a page of virtio-mmio transports, uncached */
uintptr_t virtio_regs_size;
uintptr_t net_dma; /* the virtqueues and headers: the driver's and the device's alone */
uintptr_t net_dma_size;
uintptr_t net_dma_paddr;
uintptr_t rx_free, rx_active, tx_free, tx_active; /* one sDDF net queue each */
uintptr_t rx_free_size, tx_free_size;
uintptr_t rx_buffers_paddr, rx_buffers_size; /* buffers of SEL4C_NET_BUFFER_SIZE */
uintptr_t tx_buffers_paddr, tx_buffers_size;

static sel4c_virtio_net_t net;
static sel4c_net_consumer_t rx_free_q, tx_active_q;
static sel4c_net_producer_t rx_active_q, tx_free_q;
static bool failed;
static bool tx_interrupts = true; /* the device's state after init */
static unsigned tx_interrupt_above;
static bool tx_held; /* tx_pending was taken from tx_active but the device queue was full */
static sel4c_net_buff_desc_t tx_pending;
static uint32_t refused_rx, refused_tx, short_frames;

static uint32_t capacity_of(uintptr_t region_size)
{
    uint32_t cap = 1;
    while (8 + (size_t)cap * 2 * sizeof(sel4c_net_buff_desc_t) <= region_size &&
           cap < SEL4C_NET_MAX_CAPACITY)
        cap *= 2;
    return cap;
}

static void disable(const char *what, sel4c_virtio_err_t err)
{
    printf("virtio-net: error: %s: %s (ring entry %u, value %u); device disabled\n", what,
           sel4c_virtio_strerror(err), net.rx.vq.bad_index, net.rx.vq.bad_value);
    failed = true;
}

static void report_refusal(const char *queue, int err, uint32_t *count)
{
    if ((*count)++ < 4)
        printf("virtio-net: refused a descriptor on %s: %s\n", queue, sel4c_queue_strerror(err));
}

/* Lends the device every empty buffer the receive virtualiser gave us. */
static void refill_rx(void)
{
    bool posted = false;
    sel4c_net_buff_desc_t d;
    while (net.rx.vq.num_free >= 2) {
        int e = sel4c_net_dequeue(&rx_free_q, &d);
        if (e == SEL4C_QUEUE_EEMPTY)
            break;
        if (e != SEL4C_QUEUE_OK) {
            report_refusal("rx_free", e, &refused_rx);
            if (e == SEL4C_QUEUE_ECORRUPT_TAIL)
                break;
            continue;
        }
        sel4c_virtio_err_t err =
            sel4c_virtio_net_post_rx(&net, d.io_or_offset, SEL4C_NET_BUFFER_SIZE);
        if (err) {
            disable("posting a receive buffer", err);
            return;
        }
        posted = true;
    }
    if (posted)
        sel4c_virtio_net_kick_rx(&net);
}

/* Gives the device the frames the transmit virtualiser queued. */
static void send_tx(void)
{
    bool sent = false;
    for (;;) {
        if (!tx_held) {
            int e = sel4c_net_dequeue(&tx_active_q, &tx_pending);
            if (e == SEL4C_QUEUE_EEMPTY)
                break;
            if (e != SEL4C_QUEUE_OK) {
                report_refusal("tx_active", e, &refused_tx);
                if (e == SEL4C_QUEUE_ECORRUPT_TAIL)
                    break;
                continue;
            }
            tx_held = true;
        }
        sel4c_virtio_err_t err =
            sel4c_virtio_net_send(&net, tx_pending.io_or_offset, tx_pending.len);
        if (err == SEL4C_VIRTIO_NO_SPACE)
            break; /* held until the device gives buffers back */
        tx_held = false;
        if (err == SEL4C_VIRTIO_INVALID) {
            /* A frame too short or too long: refused, its buffer goes straight back. */
            report_refusal("tx_active", SEL4C_QUEUE_EBAD_LENGTH, &refused_tx);
            tx_pending.len = 0;
            if (sel4c_net_enqueue(&tx_free_q, tx_pending) != SEL4C_QUEUE_OK)
                printf("virtio-net: tx_free full: a buffer is lost\n");
            continue;
        }
        if (err) {
            disable("sending a frame", err);
            return;
        }
        sent = true;
    }
    if (sent)
        sel4c_virtio_net_kick_tx(&net);
}

/*
 * Sent frames are collected whenever the driver runs (a received frame's interrupt, a frame to
 * send), so the device need not interrupt for each: a request's response would cost an
 * interrupt and a wake-up of the transmit virtualiser of its own. It interrupts only while
 * tx_interrupt_above or more frames are out, fewer than a quarter of the virtualiser's
 * buffers: the rest are never held back for want of an interrupt. Returns whether they were
 * turned on, when what the device used before it saw that must be collected again.
 */
static bool tx_interrupts_turned_on(void)
{
    bool want = sel4c_virtio_net_tx_in_flight(&net) >= tx_interrupt_above;
    if (want == tx_interrupts)
        return false;
    tx_interrupts = want;
    sel4c_virtio_net_tx_interrupts(&net, want);
    return want;
}

static void collect(void)
{
    uint64_t paddr;
    uint32_t len;
    sel4c_virtio_err_t err;
    while ((err = sel4c_virtio_net_collect_rx(&net, &paddr, &len)) != SEL4C_VIRTIO_EMPTY) {
        if (err == SEL4C_VIRTIO_BAD_USED_LEN && len == 0) {
            short_frames++;
            /* Back to the device: the buffer is still lent to us. */
            if (sel4c_virtio_net_post_rx(&net, paddr, SEL4C_NET_BUFFER_SIZE) == SEL4C_VIRTIO_OK)
                sel4c_virtio_net_kick_rx(&net);
            continue;
        }
        if (err) {
            disable("receiving", err);
            return;
        }
        sel4c_net_buff_desc_t d = {.io_or_offset = paddr, .len = (uint16_t)len};
        /* rx_active holds every buffer of the region, so it cannot be full. */
        if (sel4c_net_enqueue(&rx_active_q, d) != SEL4C_QUEUE_OK)
            printf("virtio-net: rx_active full: a frame is lost\n");
    }
    while ((err = sel4c_virtio_net_collect_tx(&net, &paddr)) != SEL4C_VIRTIO_EMPTY) {
        if (err) {
            disable("collecting sent frames", err);
            return;
        }
        if (sel4c_net_enqueue(&tx_free_q, (sel4c_net_buff_desc_t){.io_or_offset = paddr}) !=
            SEL4C_QUEUE_OK)
            printf("virtio-net: tx_free full: a buffer is lost\n");
    }
}

void init(void)
{
    uintptr_t base;
    unsigned slot;
    sel4c_virtio_err_t err =
        sel4c_virtio_mmio_find(virtio_regs, virtio_regs_size, SEL4C_VIRTIO_ID_NET, &base, &slot);
    if (!err)
        err =
            sel4c_virtio_net_init(&net, base, (void *)net_dma, net_dma_paddr, net_dma_size, QUEUE);
    if (err) {
        printf("virtio-net: error: no usable device: %s\n", sel4c_virtio_strerror(err));
        failed = true;
        return;
    }
    uint32_t rx_cap = capacity_of(rx_free_size), tx_cap = capacity_of(tx_free_size);
    if (sel4c_net_consumer_init(&rx_free_q, (void *)rx_free, rx_cap, rx_buffers_paddr,
                                rx_buffers_size, SEL4C_NET_BUFFER_SIZE) ||
        sel4c_net_producer_init(&rx_active_q, (void *)rx_active, rx_cap) ||
        sel4c_net_consumer_init(&tx_active_q, (void *)tx_active, tx_cap, tx_buffers_paddr,
                                tx_buffers_size, SEL4C_NET_BUFFER_SIZE) ||
        sel4c_net_producer_init(&tx_free_q, (void *)tx_free, tx_cap)) {
        printf("virtio-net: error: queue regions or buffer regions of the wrong size\n");
        failed = true;
        return;
    }
    const uint8_t *m = net.mac;
    printf("virtio-net: virtio-mmio version %u, MAC %02x:%02x:%02x:%02x:%02x:%02x, link %s, "
           "queues of %u\n",
           net.dev.version, m[0], m[1], m[2], m[3], m[4], m[5],
           sel4c_virtio_net_link_up(&net) ? "up" : "down", net.rx.vq.size);
    /* A quarter of the buffers, and of the frames the ring holds (two descriptors each). */
    size_t quarter = tx_buffers_size / SEL4C_NET_BUFFER_SIZE / 4;
    if (quarter > net.tx.vq.size / 8u)
        quarter = net.tx.vq.size / 8u;
    tx_interrupt_above = quarter > 0 ? (unsigned)quarter : 1;
    refill_rx();
}

void notified(microkit_channel ch)
{
    if (ch == IRQ_CH) {
        if (!failed) {
            (void)sel4c_virtio_mmio_irq_ack(&net.dev);
            collect();
        }
        microkit_deferred_irq_ack(IRQ_CH);
    } else if (ch != VIRT_RX_CH && ch != VIRT_TX_CH) {
        printf("virtio-net: notification on unexpected channel %u ignored\n", ch);
        return;
    }
    if (failed)
        return;
    /* Work until each queue from the virtualisers is empty with a notification asked for
     * (<sel4c/queue.h>'s protocol), so nothing they queue in between waits; or until the
     * device has no room for what is there, when its interrupt is what to wait for. */
    for (;;) {
        refill_rx();
        send_tx();
        collect();
        if (failed)
            break;
        if (tx_interrupts_turned_on())
            continue;
        bool rx_idle = net.rx.vq.num_free < 2 || sel4c_net_consumer_prepare_wait(&rx_free_q);
        bool tx_idle = tx_held || sel4c_net_consumer_prepare_wait(&tx_active_q);
        if (rx_idle && tx_idle)
            break;
    }
    if (sel4c_net_producer_must_notify(&rx_active_q))
        microkit_deferred_notify(VIRT_RX_CH);
    if (sel4c_net_producer_must_notify(&tx_free_q))
        microkit_deferred_notify(VIRT_TX_CH);
}
