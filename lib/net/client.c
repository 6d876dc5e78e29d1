/*
 * The client side of sDDF's network queues as a device of the stack (include/sel4c/
 * net_client.h). Receive buffers are lent to the receive virtualiser and must come back one
 * at a time; transmit buffers are lent with a frame and must come back once.
 */
#include <sel4c/net_client.h>
#include <string.h>

static void refuse(sel4c_net_client_t *c, int err, uint32_t *counter)
{
    (*counter)++;
    c->stats.last_error = err;
    c->stats.last_reason = sel4c_queue_strerror(err);
}

/* Takes back a buffer lent a moment ago whose descriptor could not be queued; the slot is
 * allocated, so freeing it cannot fail. */
static void unlend(sel4c_dma_slots_t *slots, size_t offset)
{
    sel4c_err_t e = sel4c_dma_slot_free(slots, offset);
    (void)e;
}

/* Lends a free receive buffer to the virtualiser. */
static int lend_rx(sel4c_net_client_t *c)
{
    sel4c_dma_buf_t b;
    if (sel4c_dma_slot_alloc(&c->rx_lent, &b) != SEL4C_NO_ERROR)
        return 0;
    sel4c_net_buff_desc_t d = {.io_or_offset = b.offset, .len = 0};
    if (sel4c_net_enqueue(&c->rx_free, d) != SEL4C_QUEUE_OK) {
        unlend(&c->rx_lent, b.offset);
        return 0;
    }
    c->rx_to_notify = 1;
    return 1;
}

/* Sent buffers the transmit virtualiser gives back. */
static void reclaim(sel4c_net_client_t *c)
{
    sel4c_net_buff_desc_t d;
    int e;
    while ((e = sel4c_net_dequeue(&c->tx_free, &d)) != SEL4C_QUEUE_EEMPTY) {
        if (e == SEL4C_QUEUE_ECORRUPT_TAIL) {
            refuse(c, e, &c->stats.tx_refused);
            return;
        }
        if (e != SEL4C_QUEUE_OK) {
            refuse(c, e, &c->stats.tx_refused);
            continue;
        }
        if (sel4c_dma_slot_free(&c->tx_lent, (size_t)d.io_or_offset) != SEL4C_NO_ERROR) {
            c->stats.tx_refused++;
            c->stats.last_error = SEL4C_QUEUE_EBAD_BUFFER;
            c->stats.last_reason = "a transmit buffer that was not lent to the virtualiser";
        }
    }
}

static void *tx_buffer(void *ctx, size_t len)
{
    sel4c_net_client_t *c = ctx;
    if (len > c->cfg.buf_size || c->tx_pending.vaddr != NULL)
        return NULL;
    if (sel4c_dma_slot_alloc(&c->tx_lent, &c->tx_pending) == SEL4C_NO_ERROR)
        return c->tx_pending.vaddr;
    /* Sent buffers are taken back lazily (sel4c_net_client_process): look before failing. */
    reclaim(c);
    if (sel4c_dma_slot_alloc(&c->tx_lent, &c->tx_pending) != SEL4C_NO_ERROR) {
        /* Every buffer is out: be woken when they come back. */
        (void)sel4c_net_consumer_prepare_wait(&c->tx_free);
        return NULL;
    }
    return c->tx_pending.vaddr;
}

static sel4c_net_err_t tx_submit(void *ctx, void *buffer, size_t len)
{
    sel4c_net_client_t *c = ctx;
    if (buffer != c->tx_pending.vaddr || buffer == NULL)
        return SEL4C_NET_EINVAL;
    sel4c_net_buff_desc_t d = {.io_or_offset = c->tx_pending.offset, .len = (uint16_t)len};
    size_t offset = c->tx_pending.offset;
    c->tx_pending = (sel4c_dma_buf_t){0};
    if (sel4c_net_enqueue(&c->tx_active, d) != SEL4C_QUEUE_OK) {
        unlend(&c->tx_lent, offset);
        return SEL4C_NET_EIO;
    }
    c->stats.tx_frames++;
    /* Frames are sent from anywhere (handlers, tasks, timers), so each one asks for the
     * virtualiser to be told; the protocol makes that a notification only when it sleeps,
     * and a PD's callback may defer it to the end of the event (microkit_deferred_notify). */
    if (sel4c_net_producer_must_notify(&c->tx_active) && c->cfg.notify_tx != NULL) {
        c->cfg.notify_tx(c->cfg.notify_ctx);
        c->stats.notifications++;
    }
    return SEL4C_NET_OK;
}

sel4c_net_client_config_t sel4c_net_client_layout(void *queues, void *rx_data, size_t rx_size,
                                                  void *tx_data, size_t tx_size,
                                                  void (*notify_rx)(void *),
                                                  void (*notify_tx)(void *), void *notify_ctx)
{
    return (sel4c_net_client_config_t){
        .rx_free = sel4c_net_client_queue(queues, SEL4C_NET_RX_FREE),
        .rx_active = sel4c_net_client_queue(queues, SEL4C_NET_RX_ACTIVE),
        .tx_free = sel4c_net_client_queue(queues, SEL4C_NET_TX_FREE),
        .tx_active = sel4c_net_client_queue(queues, SEL4C_NET_TX_ACTIVE),
        .rx_capacity = SEL4C_NET_CLIENT_CAPACITY,
        .tx_capacity = SEL4C_NET_CLIENT_CAPACITY,
        .rx_data = rx_data,
        .tx_data = tx_data,
        .rx_data_size = rx_size,
        .tx_data_size = tx_size,
        .buf_size = SEL4C_NET_BUFFER_SIZE,
        .notify_rx = notify_rx,
        .notify_tx = notify_tx,
        .notify_ctx = notify_ctx,
    };
}

static int pow2(uint32_t x)
{
    return x != 0 && (x & (x - 1)) == 0;
}

sel4c_err_t sel4c_net_client_init(sel4c_net_client_t *c, const sel4c_net_client_config_t *cfg,
                                  sel4c_netdev_t *dev)
{
    memset(c, 0, sizeof *c);
    if (cfg == NULL || dev == NULL || cfg->buf_size < 64 || !pow2(cfg->rx_capacity) ||
        !pow2(cfg->tx_capacity) || cfg->rx_data_size < cfg->buf_size ||
        cfg->tx_data_size < cfg->buf_size)
        return SEL4C_INVALID_ARGUMENT;
    size_t rx_bufs = cfg->rx_data_size / cfg->buf_size, tx_bufs = cfg->tx_data_size / cfg->buf_size;
    /* A queue must hold every buffer that can be in it. */
    if (rx_bufs > SEL4C_NET_CLIENT_MAX_BUFFERS || tx_bufs > SEL4C_NET_CLIENT_MAX_BUFFERS ||
        rx_bufs > cfg->rx_capacity || tx_bufs > cfg->tx_capacity)
        return SEL4C_INVALID_ARGUMENT;
    c->cfg = *cfg;
    if (sel4c_net_producer_init(&c->rx_free, cfg->rx_free, cfg->rx_capacity) ||
        sel4c_net_consumer_init(&c->rx_active, cfg->rx_active, cfg->rx_capacity, 0,
                                rx_bufs * cfg->buf_size, (uint32_t)cfg->buf_size) ||
        sel4c_net_producer_init(&c->tx_active, cfg->tx_active, cfg->tx_capacity) ||
        sel4c_net_consumer_init(&c->tx_free, cfg->tx_free, cfg->tx_capacity, 0,
                                tx_bufs * cfg->buf_size, (uint32_t)cfg->buf_size))
        return SEL4C_INVALID_ARGUMENT;
    sel4c_err_t e = sel4c_shmem_init(&c->rx_view, cfg->rx_data, cfg->rx_data_size);
    if (e == SEL4C_NO_ERROR)
        e = sel4c_shmem_init(&c->tx_view, cfg->tx_data, cfg->tx_data_size);
    if (e == SEL4C_NO_ERROR)
        e = sel4c_dma_slots_init(&c->rx_lent, &c->rx_view, 0, cfg->buf_size, rx_bufs, c->rx_bits,
                                 sizeof c->rx_bits / sizeof c->rx_bits[0]);
    if (e == SEL4C_NO_ERROR)
        e = sel4c_dma_slots_init(&c->tx_lent, &c->tx_view, 0, cfg->buf_size, tx_bufs, c->tx_bits,
                                 sizeof c->tx_bits / sizeof c->tx_bits[0]);
    if (e != SEL4C_NO_ERROR)
        return e;
    while (lend_rx(c))
        ;
    *dev = (sel4c_netdev_t){.ctx = c, .tx_buffer = tx_buffer, .tx_submit = tx_submit, .mtu = 1500};
    return SEL4C_NO_ERROR;
}

/* Frames the receive virtualiser filled, at most RX_BATCH: into the stack. Their buffers are
 * lent again after the batch, so a buffer the peer gives back twice in one batch is caught.
 * The batch is bounded because frames keep arriving while the stack handles them (the
 * virtualisers run at higher priorities): an unbounded one, under load, held every buffer
 * until the virtualiser found none lent and dropped frames, which TCP then waited a
 * retransmission timeout for. */
#define RX_BATCH 32

static void receive(sel4c_net_client_t *c, sel4c_netif_t *nif)
{
    sel4c_net_buff_desc_t d;
    int e;
    for (int n = 0;
         n < RX_BATCH && (e = sel4c_net_dequeue(&c->rx_active, &d)) != SEL4C_QUEUE_EEMPTY; n++) {
        if (e == SEL4C_QUEUE_ECORRUPT_TAIL) {
            /* Nothing can be taken until the peer repairs its tail. */
            refuse(c, e, &c->stats.rx_refused);
            return;
        }
        if (e != SEL4C_QUEUE_OK) {
            refuse(c, e, &c->stats.rx_refused);
            continue;
        }
        /* Only a buffer we lent and have not had back may come back. */
        sel4c_dma_buf_t b;
        if (sel4c_dma_slot_check(&c->rx_lent, (size_t)d.io_or_offset, &b) != SEL4C_NO_ERROR ||
            sel4c_dma_slot_free(&c->rx_lent, (size_t)d.io_or_offset) != SEL4C_NO_ERROR) {
            c->stats.rx_refused++;
            c->stats.last_error = SEL4C_QUEUE_EBAD_BUFFER;
            c->stats.last_reason = "a receive buffer that was not lent to the virtualiser";
            continue;
        }
        c->stats.rx_frames++;
        sel4c_net_input(nif, b.vaddr, d.len);
    }
}

void sel4c_net_client_process(sel4c_net_client_t *c, sel4c_netif_t *nif)
{
    for (;;) {
        reclaim(c);
        receive(c, nif);
        while (lend_rx(c))
            ;
        sel4c_net_poll();
        /* Ask for notifications, then look again: a frame that arrived in between would
         * otherwise wait for the next one (queue.h's protocol). Sent buffers coming back
         * need no wake-up of their own while at most half are out: they are taken when the
         * PD next runs, or sends (tx_buffer). */
        int more_rx = !sel4c_net_consumer_prepare_wait(&c->rx_active);
        int more_tx = 2 * c->tx_lent.free_slots < c->tx_lent.count &&
                      !sel4c_net_consumer_prepare_wait(&c->tx_free);
        if (!more_rx && !more_tx)
            break;
    }
    if (c->rx_to_notify && sel4c_net_producer_must_notify(&c->rx_free) &&
        c->cfg.notify_rx != NULL) {
        c->cfg.notify_rx(c->cfg.notify_ctx);
        c->stats.notifications++;
    }
    c->rx_to_notify = 0;
}
