/*
 * A network client's side of sDDF's network queues: an Ethernet device (sel4c_netdev_t) for
 * the stack of <sel4c/net.h> over the four queues and two data regions that the .system gives
 * a client of the network virtualisers.
 *
 *   rx_free    we produce: empty receive buffers lent to the receive virtualiser
 *   rx_active  we consume: buffers it filled with a frame
 *   tx_active  we produce: buffers holding a frame to send
 *   tx_free    we consume: sent buffers the transmit virtualiser gives back
 * Descriptors carry offsets into our data regions (sDDF's io_or_offset), buffers of buf_size.
 *
 * The peer is not trusted: every descriptor it hands us must name a buffer of our region that
 * is currently lent to it (so a buffer given back twice, or never lent, is caught), with a
 * length within the buffer; anything else is dropped and counted with the reason, and the
 * client goes on. Buffer bookkeeping is private (<sel4c/dma.h> slot allocators).
 *
 * Signalling follows <sel4c/queue.h>'s protocol: after publishing, notify the virtualiser only
 * if it asked; sel4c_net_client_process asks for notifications before the PD goes to sleep.
 */
#ifndef SEL4C_NET_CLIENT_H
#define SEL4C_NET_CLIENT_H

#include <sel4c/dma.h>
#include <sel4c/net.h>
#include <sel4c/queue/net.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sel4c_net_client_config {
    void *rx_free, *rx_active, *tx_free, *tx_active; /* the queues (header + descriptors) */
    uint32_t rx_capacity, tx_capacity;               /* descriptors per queue: powers of 2 */
    void *rx_data, *tx_data;                         /* the data regions */
    size_t rx_data_size, tx_data_size;
    size_t buf_size; /* bytes per buffer: SEL4C_NET_BUFFER_SIZE unless the system says */
    /* Wake the virtualisers (microkit_deferred_notify on their channels: once per event, when
     * the PD is done with it, however many frames it queued); ctx is notify_ctx. */
    void (*notify_rx)(void *ctx);
    void (*notify_tx)(void *ctx);
    void *notify_ctx;
} sel4c_net_client_config_t;

/*
 * sel4c's systems give each client its four queues in one region of
 * SEL4C_NET_CLIENT_QUEUES_SIZE bytes, each queue in a quarter of it (rx_free, rx_active,
 * tx_free, tx_active in that order) with SEL4C_NET_CLIENT_CAPACITY descriptors, and two data
 * regions; the virtualisers (drivers/net) use the same layout.
 */
#define SEL4C_NET_CLIENT_QUEUES_SIZE 0x10000u
#define SEL4C_NET_CLIENT_CAPACITY    512u
enum { SEL4C_NET_RX_FREE, SEL4C_NET_RX_ACTIVE, SEL4C_NET_TX_FREE, SEL4C_NET_TX_ACTIVE };
/* The queue `which` (SEL4C_NET_RX_FREE...) in a client's queue region at `queues`. */
static inline void *sel4c_net_client_queue(void *queues, unsigned which)
{
    return (char *)queues + which * (SEL4C_NET_CLIENT_QUEUES_SIZE / 4);
}

/* The configuration of a client whose queues are in a region of sel4c's layout at `queues`
 * (SEL4C_NET_CLIENT_CAPACITY each) and whose buffers are SEL4C_NET_BUFFER_SIZE bytes. */
sel4c_net_client_config_t sel4c_net_client_layout(void *queues, void *rx_data, size_t rx_size,
                                                  void *tx_data, size_t tx_size,
                                                  void (*notify_rx)(void *),
                                                  void (*notify_tx)(void *), void *notify_ctx);

/* The largest number of buffers per direction. */
#define SEL4C_NET_CLIENT_MAX_BUFFERS 1024

typedef struct sel4c_net_client_stats {
    uint32_t rx_frames, tx_frames;
    uint32_t rx_refused, tx_refused; /* descriptors from the peer that were dropped */
    uint32_t notifications;          /* sent to the virtualisers */
    int last_error;                  /* sel4c_queue_err_t of the last refusal, or 0 */
    const char *last_reason;         /* a sentence saying what the peer did wrong */
} sel4c_net_client_stats_t;

typedef struct sel4c_net_client {
    sel4c_net_producer_t rx_free, tx_active;
    sel4c_net_consumer_t rx_active, tx_free;
    sel4c_shmem_t rx_view, tx_view;
    sel4c_dma_slots_t rx_lent, tx_lent; /* allocated slot: the peer holds the buffer */
    uint64_t rx_bits[SEL4C_DMA_SLOT_WORDS(SEL4C_NET_CLIENT_MAX_BUFFERS)];
    uint64_t tx_bits[SEL4C_DMA_SLOT_WORDS(SEL4C_NET_CLIENT_MAX_BUFFERS)];
    sel4c_dma_buf_t tx_pending; /* handed to the stack by tx_buffer, not yet submitted */
    int rx_to_notify;
    sel4c_net_client_config_t cfg;
    sel4c_net_client_stats_t stats;
} sel4c_net_client_t;

/* Attaches to the queues, lends every receive buffer to the receive virtualiser, and fills
 * *dev with the device for sel4c_net_add_interface. Errors: SEL4C_INVALID_ARGUMENT (queue
 * capacities, regions smaller than one buffer, more than SEL4C_NET_CLIENT_MAX_BUFFERS). */
sel4c_err_t sel4c_net_client_init(sel4c_net_client_t *c, const sel4c_net_client_config_t *cfg,
                                  sel4c_netdev_t *dev) SEL4C_MUST_CHECK;

/* Takes every received frame into `nif`'s stack and returns the buffers, takes back sent
 * buffers, notifies the virtualisers where the protocol says, and asks them to notify us
 * before returning: of received frames always, of sent buffers coming back only while more
 * than half are out (the rest are taken when the PD next runs or sends). Call on every
 * notification from either virtualiser. */
void sel4c_net_client_process(sel4c_net_client_t *c, sel4c_netif_t *nif);

#ifdef __cplusplus
}
#endif

#endif
