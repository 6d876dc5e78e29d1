/*
 * The network virtualisers' logic (docs/network.md): what lets several client PDs share one
 * NIC driver, each client with its own MAC address, queues and data regions.
 *
 * Receive: the driver hands over filled buffers of the receive DMA region; the virtualiser
 * copies each frame into a buffer the client with the frame's destination MAC lent it
 * (broadcast and multicast: into one of every client's), then gives the DMA buffer back to the
 * driver. Transmit: the virtualiser takes a client's frame, checks it (length, and that its
 * source MAC is the client's own), copies it into a buffer of the transmit DMA region for the
 * driver, and gives the client's buffer back at once. Clients are served round robin, a few
 * frames each, so one busy client cannot starve the others.
 *
 * The copies are what keep clients apart: the device only ever sees the DMA regions, which
 * no client maps; a client sees only its own frames; and a frame cannot change after it was
 * checked. Every descriptor from a client or the driver is checked by the queue library (and
 * DMA buffers against the virtualiser's own record of what the driver holds); refusals are
 * counted per client and the rest goes on. A queue whose index a peer corrupted can never be
 * read again: its peer is marked broken and ignored, so it cannot keep the virtualiser busy.
 *
 * No system calls here: the PD programs (virt_rx_pd.c, virt_tx_pd.c) notify whom the
 * `notify_*` flags name, so host tests drive the same code.
 */
#ifndef DRIVERS_NET_VIRT_H
#define DRIVERS_NET_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4c/dma.h>
#include <sel4c/queue/net.h>

#define NET_VIRT_MAX_CLIENTS 4
/* Frames taken from one client per turn of the transmit round robin. */
#define NET_VIRT_TX_BATCH        16
#define NET_VIRT_MAX_DMA_BUFFERS 1024

/* What a client's queues and data region are (all in the virtualiser's address space). */
typedef struct net_virt_client_region {
    void *free_queue, *active_queue; /* rx: rx_free, rx_active; tx: tx_free, tx_active */
    uint32_t capacity;
    void *data;
    size_t data_size;
    uint8_t mac[6];
} net_virt_client_region_t;

typedef struct net_virt_counters {
    uint32_t frames;    /* delivered to the client, or sent for it */
    uint32_t no_buffer; /* receive: the client lent no buffer; the frame was dropped */
    uint32_t refused;   /* descriptors that failed the checks */
    uint32_t spoofed;   /* transmit: a source MAC not the client's */
    int last_error;     /* sel4c_queue_err_t of the last refusal */
} net_virt_counters_t;

typedef struct net_virt_rx_client {
    sel4c_net_consumer_t free_q;   /* buffers it lends us */
    sel4c_net_producer_t active_q; /* frames for it */
    uint8_t *data;
    uint8_t mac[6];
    bool notify;
    bool broken; /* its queue's index was corrupt: it is ignored from then on */
    net_virt_counters_t count;
} net_virt_rx_client_t;

typedef struct net_virt_rx {
    sel4c_net_consumer_t drv_active; /* filled DMA buffers from the driver */
    sel4c_net_producer_t drv_free;   /* empty ones back to it */
    const uint8_t *dma;
    uint64_t dma_paddr;
    unsigned n_clients;
    net_virt_rx_client_t clients[NET_VIRT_MAX_CLIENTS];
    bool notify_driver;
    bool driver_broken; /* the driver's queue index was corrupt: nothing more is taken */
    uint32_t unknown_destination, runts, driver_refused;
} net_virt_rx_t;

typedef struct net_virt_tx_client {
    sel4c_net_consumer_t active_q; /* frames it sends */
    sel4c_net_producer_t free_q;   /* its buffers back */
    const uint8_t *data;
    uint8_t mac[6];
    bool notify;
    bool broken; /* its queue's index was corrupt: it is ignored from then on */
    net_virt_counters_t count;
} net_virt_tx_client_t;

typedef struct net_virt_tx {
    sel4c_net_producer_t drv_active; /* frames for the driver */
    sel4c_net_consumer_t drv_free;   /* sent DMA buffers back */
    sel4c_shmem_t dma_view;
    sel4c_dma_slots_t dma_held; /* allocated: the driver holds the buffer */
    uint64_t dma_bits[SEL4C_DMA_SLOT_WORDS(NET_VIRT_MAX_DMA_BUFFERS)];
    unsigned n_clients, next;
    net_virt_tx_client_t clients[NET_VIRT_MAX_CLIENTS];
    bool notify_driver;
    bool driver_broken; /* the driver's queue index was corrupt: nothing more is taken */
    uint32_t driver_refused;
} net_virt_tx_t;

/*
 * Receive side: the driver's queues (capacity each), the receive DMA region (mapped at `dma`,
 * physical address `dma_paddr`, `dma_size` bytes of SEL4C_NET_BUFFER_SIZE buffers, all of them
 * lent to the driver here), and the clients. Returns 0 or a sel4c_queue_err_t.
 */
int net_virt_rx_init(net_virt_rx_t *v, void *drv_free, void *drv_active, uint32_t capacity,
                     const void *dma, uint64_t dma_paddr, size_t dma_size,
                     const net_virt_client_region_t *clients, unsigned n_clients);
/* Moves every frame the driver has filled; sets the notify flags. */
void net_virt_rx_process(net_virt_rx_t *v);
/* Asks the driver and every client to notify us; true when all their queues are empty. */
bool net_virt_rx_prepare_wait(net_virt_rx_t *v);

/* Transmit side, likewise (the transmit DMA region is mapped writable at `dma`). */
int net_virt_tx_init(net_virt_tx_t *v, void *drv_free, void *drv_active, uint32_t capacity,
                     void *dma, uint64_t dma_paddr, size_t dma_size,
                     const net_virt_client_region_t *clients, unsigned n_clients);
void net_virt_tx_process(net_virt_tx_t *v);
bool net_virt_tx_prepare_wait(net_virt_tx_t *v);

#endif
