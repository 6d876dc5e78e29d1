/*
 * The virtio-net device logic (virtio 1.2, section 5.1) on the virtio-mmio transport: a
 * receive queue and a transmit queue of Ethernet frames at physical addresses the caller
 * gives. Interrupts and the protocol with the virtualisers are the driver program's
 * (drivers/virtio/net_driver.c).
 *
 * Every frame travels as a chain of two descriptors: the virtio-net header (in `dma`, one per
 * descriptor, the driver's alone) and the frame buffer, so frames start at the start of the
 * caller's buffers and the device never needs the caller to leave room for the header.
 *
 * Ownership: one thread drives a sel4c_virtio_net_t. `dma` (given to init) holds both queues
 * and the headers and is shared with the device only. A buffer belongs to the device from
 * post until it is collected.
 *
 * Negotiated: VIRTIO_F_VERSION_1 on the modern transport (required); VIRTIO_NET_F_MAC and
 * VIRTIO_NET_F_STATUS when offered. No offloads, no mergeable receive buffers: each receive
 * buffer holds a whole frame (SEL4C_VIRTIO_NET_MAX_FRAME bytes).
 */
#ifndef SEL4C_VIRTIO_NET_H
#define SEL4C_VIRTIO_NET_H

#include <stdbool.h>

#include <sel4c/virtio.h>
#include <sel4c/virtq.h>

/* Feature bits of the network device (section 5.1.3). */
#define SEL4C_VIRTIO_NET_F_MAC    5
#define SEL4C_VIRTIO_NET_F_STATUS 16

/* The longest frame we receive or send: Ethernet header, 1500 bytes, a VLAN tag. */
#define SEL4C_VIRTIO_NET_MAX_FRAME 1518u

/* The virtio-net header: 10 bytes on the legacy transport, 12 (with num_buffers) on the
 * modern one; we send it zeroed and ignore what the device writes. */
struct sel4c_virtio_net_hdr {
    uint8_t flags, gso_type;
    uint16_t hdr_len, gso_size, csum_start, csum_offset, num_buffers;
    uint16_t pad[2]; /* to 16 bytes per slot */
};

typedef struct sel4c_virtio_net_queue {
    sel4c_virtq_t vq;
    volatile struct sel4c_virtio_net_hdr *hdrs; /* one per descriptor head */
    uint64_t hdrs_paddr;
    uint64_t buf[SEL4C_VIRTQ_MAX_SIZE]; /* per head in flight: the frame buffer's address */
} sel4c_virtio_net_queue_t;

typedef struct sel4c_virtio_net {
    sel4c_virtio_mmio_t dev;
    sel4c_virtio_net_queue_t rx, tx;
    uint8_t mac[6];
    bool has_mac;    /* the device gave its address */
    bool has_status; /* link state is reported */
    uint32_t hdr_len;
} sel4c_virtio_net_t;

/* Bytes of DMA memory sel4c_virtio_net_init needs for queues of `size` (a 4 KiB multiple). */
size_t sel4c_virtio_net_dma_bytes(uint16_t size);

/*
 * Probes the transport at `regs`, negotiates, reads the MAC address, and sets up both queues
 * (as large as the device allows, up to `max_queue`, a power of two) in `dma` (4 KiB aligned,
 * physical address `dma_paddr`, at least sel4c_virtio_net_dma_bytes(max_queue) bytes). The
 * device is then live and will interrupt.
 * Errors: those of the transport and sel4c_virtq_init; INVALID (dma too small, max_queue).
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_net_init(sel4c_virtio_net_t *net,
                                                                 uintptr_t regs, void *dma,
                                                                 uint64_t dma_paddr,
                                                                 size_t dma_bytes,
                                                                 uint16_t max_queue);

/* Whether the link is up (true when the device does not report link state). */
bool sel4c_virtio_net_link_up(sel4c_virtio_net_t *net);

/*
 * Gives the device a receive buffer of `len` bytes (at least SEL4C_VIRTIO_NET_MAX_FRAME) at
 * `paddr`. Errors: INVALID (too small), NO_SPACE (queue full), DEVICE_FAILED.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_net_post_rx(sel4c_virtio_net_t *net,
                                                                    uint64_t paddr, uint32_t len);
/*
 * Collects a received frame: *paddr is the buffer posted for it and *len the frame's length
 * (header removed), checked to be an Ethernet frame that fits the buffer.
 * Errors: EMPTY; BAD_USED_LEN (a length shorter than the header plus an Ethernet header:
 * the buffer is given back in *paddr with *len 0, the queue still works); the queue's errors
 * (BAD_USED_IDX, BAD_USED_ID, BAD_USED_LEN, DEVICE_FAILED: the queue is broken).
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_net_collect_rx(sel4c_virtio_net_t *net,
                                                                       uint64_t *paddr,
                                                                       uint32_t *len);
/*
 * Queues a frame of `len` bytes (14..SEL4C_VIRTIO_NET_MAX_FRAME) at `paddr` for sending.
 * Errors: INVALID (length), NO_SPACE (queue full), DEVICE_FAILED.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_net_send(sel4c_virtio_net_t *net,
                                                                 uint64_t paddr, uint32_t len);
/* Collects a sent frame's buffer into *paddr. Errors: EMPTY and the queue's errors. */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_net_collect_tx(sel4c_virtio_net_t *net,
                                                                       uint64_t *paddr);
/*
 * Whether the device interrupts for sent frames (on after init). Off, they wait in the used
 * ring for the next sel4c_virtio_net_collect_tx; after turning them on, collect again
 * (sel4c_virtq_interrupts says why).
 */
void sel4c_virtio_net_tx_interrupts(sel4c_virtio_net_t *net, bool on);
/* Frames queued for sending and not yet collected. */
static inline unsigned sel4c_virtio_net_tx_in_flight(const sel4c_virtio_net_t *net)
{
    return net->tx.vq.in_flight;
}
/* Tells the device about buffers posted and frames queued since the last kick. */
void sel4c_virtio_net_kick_rx(sel4c_virtio_net_t *net);
void sel4c_virtio_net_kick_tx(sel4c_virtio_net_t *net);

#endif
