/*
 * The virtio-net device (<sel4c/virtio_net.h>) as a device of the network stack in the same
 * protection domain (<sel4c/net.h>'s sel4c_netdev_t), for a PD that links the driver in
 * rather than reaching it through the network virtualisers: no queues between lwIP and the
 * device. A received frame is copied once, from the device's buffer into an lwIP pbuf (as
 * sel4c_net_input does for every device), and the buffer goes straight back to the device;
 * lwIP builds a frame to send in a transmit buffer, which the device reads.
 *
 * Buffers: `bufs` (physical address `bufs_paddr`, `bufs_size` bytes, DMA memory shared with
 * the device only) is cut into SEL4C_VIRTIO_NETDEV_BUFFER-byte buffers, the first half for
 * receiving (every one lent to the device, as many as its receive queue takes), the second
 * half for sending (lent from submission until the device gives them back).
 *
 * Ownership: one thread drives a sel4c_virtio_netdev_t and the sel4c_virtio_net_t under it.
 * Interrupts are the PD's: on the device's, it calls sel4c_virtio_netdev_process and then
 * acknowledges the interrupt. Part of libsel4c_virtio.a; uses lib/net (sel4c_net_input) and
 * lib/shmem (the buffer allocator).
 */
#ifndef SEL4C_VIRTIO_NETDEV_H
#define SEL4C_VIRTIO_NETDEV_H

#include <stdbool.h>

#include <sel4c/dma.h>
#include <sel4c/net.h>
#include <sel4c/virtio_net.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_VIRTIO_NETDEV_BUFFER      2048u
#define SEL4C_VIRTIO_NETDEV_MAX_BUFFERS 512u /* per direction */

typedef struct sel4c_virtio_netdev {
    sel4c_virtio_net_t *net;
    sel4c_shmem_t view;
    sel4c_dma_slots_t tx_slots; /* allocated: with lwIP (pending) or the device */
    uint64_t tx_bits[SEL4C_DMA_SLOT_WORDS(SEL4C_VIRTIO_NETDEV_MAX_BUFFERS)];
    sel4c_dma_buf_t tx_pending; /* handed to the stack by tx_buffer, not yet submitted */
    size_t rx_bytes;            /* the receive half: [0, rx_bytes) of bufs */
    bool failed;
    uint32_t rx_frames, tx_frames, short_frames;
} sel4c_virtio_netdev_t;

/*
 * Lends the device the receive buffers and fills *dev with the stack's device over `net`
 * (initialised, live). Errors: INVALID (bufs not 4 KiB aligned, fewer than two buffers per
 * direction, more than SEL4C_VIRTIO_NETDEV_MAX_BUFFERS), those of posting a buffer.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_netdev_init(sel4c_virtio_netdev_t *d,
                                                                    sel4c_virtio_net_t *net,
                                                                    void *bufs, uint64_t bufs_paddr,
                                                                    size_t bufs_size,
                                                                    sel4c_netdev_t *dev);

/*
 * Acknowledges the device's interrupt status, hands every received frame to `nif` and lends
 * its buffer back, and takes back sent buffers. Returns OK, or the error that marked the
 * device failed (reported once on the console; every later call returns DEVICE_FAILED and
 * nothing moves).
 */
sel4c_virtio_err_t sel4c_virtio_netdev_process(sel4c_virtio_netdev_t *d, sel4c_netif_t *nif);

#ifdef __cplusplus
}
#endif

#endif
