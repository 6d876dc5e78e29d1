/*
 * The virtio-blk device (<sel4c/virtio_blk.h>) as a blocking block device (<sel4c/blk.h>) in
 * the same protection domain, for a PD that links the driver in rather than reaching it
 * through the block queues of a driver PD: one request at a time, through a bounce buffer.
 *
 * Each read or write goes to the device in pieces of at most the bounce buffer (`bounce`, at
 * physical address `bounce_paddr`, `bounce_size` bytes: a multiple of 512 in DMA memory shared
 * with the device only), and waits for each piece's completion: it checks the used ring, and
 * while it is empty calls `wait(wait_ctx)`, which returns when the device may have completed
 * something (a task waiting for the device's interrupt, sel4c_task_wait_channel; the PD
 * acknowledges the interrupt and the device's status, sel4c_virtio_mmio_irq_ack). With `wait`
 * NULL it polls the used ring, at most SEL4C_VIRTIO_BLKDEV_POLLS times per piece.
 *
 * Ownership: one thread drives a sel4c_virtio_blkdev_t and the sel4c_virtio_blk_t under it,
 * which has no other user. Sectors are 512 bytes (the device's capacity unit). Part of
 * libsel4c_virtio.a.
 */
#ifndef SEL4C_VIRTIO_BLKDEV_H
#define SEL4C_VIRTIO_BLKDEV_H

#include <sel4c/blk.h>
#include <sel4c/virtio_blk.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_VIRTIO_BLKDEV_POLLS (1u << 26)

typedef struct sel4c_virtio_blkdev {
    sel4c_virtio_blk_t *blk;
    uint8_t *bounce;
    uint64_t bounce_paddr;
    uint32_t bounce_size;
    void (*wait)(void *ctx);
    void *wait_ctx;
    uint64_t cookie;               /* of the request in flight */
    sel4c_virtio_err_t last_error; /* of the last request that failed */
    sel4c_blk_t dev;
} sel4c_virtio_blkdev_t;

/* Sets up `d` over `blk` (initialised, live, idle). Errors: INVALID (a bounce buffer smaller
 * than a sector, or not a multiple of one). */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_blkdev_init(
    sel4c_virtio_blkdev_t *d, sel4c_virtio_blk_t *blk, void *bounce, uint64_t bounce_paddr,
    uint32_t bounce_size, void (*wait)(void *ctx), void *wait_ctx);

/* The block device: its callbacks return 0, or -1 with the reason in d->last_error. */
const sel4c_blk_t *sel4c_virtio_blkdev_dev(sel4c_virtio_blkdev_t *d);

#ifdef __cplusplus
}
#endif

#endif
