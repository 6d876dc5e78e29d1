/*
 * The virtio-blk device logic (virtio 1.2, section 5.2) on the virtio-mmio transport: one
 * request queue; reads, writes and flushes of whole 512-byte sectors, with the data at
 * physical addresses the caller gives. Interrupts and the client protocol are the driver
 * program's (drivers/virtio/blk_driver.c); this is what a driver PD, or a PD that links the
 * driver in, calls.
 *
 * Ownership: one thread drives a sel4c_virtio_blk_t. `dma` (given to init) holds the queue and
 * one request header and status byte per descriptor; it is shared with the device only. Data
 * buffers stay the caller's until their request completes.
 *
 * Negotiated: VIRTIO_F_VERSION_1 on the modern transport (required); VIRTIO_BLK_F_BLK_SIZE,
 * VIRTIO_BLK_F_RO and VIRTIO_BLK_F_FLUSH when offered. Nothing else.
 */
#ifndef SEL4C_VIRTIO_BLK_H
#define SEL4C_VIRTIO_BLK_H

#include <sel4c/virtio.h>
#include <sel4c/virtq.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_VIRTIO_BLK_SECTOR 512u /* the unit of `sector` and of capacity */

/* Feature bits of the block device (section 5.2.3). */
#define SEL4C_VIRTIO_BLK_F_RO       5
#define SEL4C_VIRTIO_BLK_F_BLK_SIZE 6
#define SEL4C_VIRTIO_BLK_F_FLUSH    9

typedef enum sel4c_virtio_blk_op {
    SEL4C_VIRTIO_BLK_READ = 0,  /* VIRTIO_BLK_T_IN */
    SEL4C_VIRTIO_BLK_WRITE = 1, /* VIRTIO_BLK_T_OUT */
    SEL4C_VIRTIO_BLK_FLUSH = 4, /* VIRTIO_BLK_T_FLUSH */
} sel4c_virtio_blk_op_t;

/* Per descriptor: the request header and status byte the device reads and writes. */
struct sel4c_virtio_blk_slot {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
    uint8_t status;
    uint8_t pad[15];
};

typedef struct sel4c_virtio_blk {
    sel4c_virtio_mmio_t dev;
    sel4c_virtq_t vq;
    uint64_t capacity;   /* in 512-byte sectors */
    uint32_t block_size; /* the device's logical block size in bytes (512 unless it says) */
    bool read_only;
    bool can_flush;
    volatile struct sel4c_virtio_blk_slot *slots;
    uint64_t slots_paddr;
    uint32_t expect[SEL4C_VIRTQ_MAX_SIZE]; /* per head in flight: bytes the device must write */
    uint64_t cookie[SEL4C_VIRTQ_MAX_SIZE]; /* per head in flight: the caller's cookie */
} sel4c_virtio_blk_t;

/* Bytes of DMA memory sel4c_virtio_blk_init needs for a queue of `size` (a 4 KiB multiple). */
size_t sel4c_virtio_blk_dma_bytes(uint16_t size);

/*
 * Probes the transport at `regs`, negotiates, reads the capacity and block size, and sets up
 * the request queue (as large as the device allows, up to `max_queue`, a power of two) in
 * `dma` (4 KiB aligned, physical address `dma_paddr`, `dma_bytes` long, enough for
 * sel4c_virtio_blk_dma_bytes(max_queue)). The device is then live and will interrupt.
 * Errors: those of sel4c_virtio_mmio_probe, _negotiate, _queue_setup, _ready and
 * sel4c_virtq_init; INVALID (dma too small, or a block size that is not a power of two
 * between 512 and 64 KiB).
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_blk_init(sel4c_virtio_blk_t *blk,
                                                                 uintptr_t regs, void *dma,
                                                                 uint64_t dma_paddr,
                                                                 size_t dma_bytes,
                                                                 uint16_t max_queue);

/*
 * Queues one request: `len` bytes (a non-zero multiple of 512, at most 4 GiB - 512) from or to
 * physical address `data_paddr`, starting at `sector`; a flush takes neither. `cookie` comes
 * back with the completion. The caller then calls sel4c_virtio_blk_kick.
 * Errors: INVALID (length, or a range beyond the capacity), UNSUPPORTED (a write to a
 * read-only device, a flush the device did not offer: its writes are already durable),
 * NO_SPACE (the queue is full: retry after a completion), DEVICE_FAILED.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_blk_submit(sel4c_virtio_blk_t *blk,
                                                                   sel4c_virtio_blk_op_t op,
                                                                   uint64_t sector,
                                                                   uint64_t data_paddr,
                                                                   uint32_t len, uint64_t cookie);

/* Tells the device about the requests queued since the last kick. */
void sel4c_virtio_blk_kick(sel4c_virtio_blk_t *blk);

/*
 * Collects one completed request: *cookie is its submit's cookie, *result OK, DEVICE_ERROR
 * (the device's I/O error, or it wrote fewer bytes than the request needs) or UNSUPPORTED.
 * Errors (of the collection itself): EMPTY, and the queue's BAD_USED_* (the device is then
 * marked failed) and DEVICE_FAILED.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_blk_complete(sel4c_virtio_blk_t *blk,
                                                                     uint64_t *cookie,
                                                                     sel4c_virtio_err_t *result);

#ifdef __cplusplus
}
#endif

#endif
