/*
 * The virtio entropy device (virtio 1.2, section 5.4) on the virtio-mmio transport: one queue
 * of device-writable buffers the device fills with random bytes.
 *
 * Ownership: one thread drives a sel4c_virtio_rng_t; `dma` (given to init) holds the queue and
 * is shared with the device only; a buffer given to sel4c_virtio_rng_request is the device's
 * until sel4c_virtio_rng_collect returns it.
 *
 * Negotiated: VIRTIO_F_VERSION_1 on the modern transport; the device has no features of its
 * own.
 */
#ifndef SEL4C_VIRTIO_RNG_H
#define SEL4C_VIRTIO_RNG_H

#include <sel4c/virtio.h>
#include <sel4c/virtq.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sel4c_virtio_rng {
    sel4c_virtio_mmio_t dev;
    sel4c_virtq_t vq;
    uint64_t buf_paddr[SEL4C_VIRTQ_MAX_SIZE]; /* per head in flight: the buffer */
} sel4c_virtio_rng_t;

/* Bytes of DMA memory a queue of `size` entries needs. */
size_t sel4c_virtio_rng_dma_bytes(uint16_t size);

/*
 * Probes the transport at `regs`, negotiates and sets up the queue (up to `max_queue` entries,
 * a power of two) in `dma` (4 KiB aligned, at `dma_paddr`, `dma_bytes` long).
 * Errors: those of the transport and of sel4c_virtq_init.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_rng_init(sel4c_virtio_rng_t *rng,
                                                                 uintptr_t regs, void *dma,
                                                                 uint64_t dma_paddr,
                                                                 size_t dma_bytes,
                                                                 uint16_t max_queue);

/*
 * Gives the device `len` bytes (non-zero) at physical address `paddr` to fill, and notifies it.
 * Errors: INVALID, NO_SPACE, DEVICE_FAILED.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_rng_request(sel4c_virtio_rng_t *rng,
                                                                    uint64_t paddr, uint32_t len);

/*
 * Collects one filled buffer: *paddr where it was (as requested), *len how many bytes the
 * device wrote (checked against the buffer; may be fewer than asked, even 0).
 * Errors: EMPTY, the queue's BAD_USED_* (the device is then marked failed), DEVICE_FAILED.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_rng_collect(sel4c_virtio_rng_t *rng,
                                                                    uint64_t *paddr, uint32_t *len);

/*
 * Fills `buf` with `len` bytes of device entropy at once, for a PD that drives the device
 * itself and needs entropy synchronously (a TLS library's seeding): requests go through
 * `bounce` (`bounce_len` bytes of DMA memory at `bounce_paddr`, shared with the device only)
 * and each is waited for by polling the used ring, at most `polls` times. The queue must
 * have no other request in flight. Errors: INVALID, EMPTY (the device gave nothing within
 * `polls`), those of request and collect; `buf` is then zeroed.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_rng_read(sel4c_virtio_rng_t *rng,
                                                                 void *bounce,
                                                                 uint64_t bounce_paddr,
                                                                 uint32_t bounce_len, void *buf,
                                                                 size_t len, uint32_t polls);

#ifdef __cplusplus
}
#endif

#endif
