/* Bringing a virtio-mmio device up to the point where its configuration is read. */
#ifndef VIRTIO_START_H
#define VIRTIO_START_H

#include <sel4c/virtio.h>
#include <sel4c/virtq.h>

/*
 * Probes `regs` for a device of type `device_id`, negotiates (required, optional), and sets up
 * queue 0 in the first sel4c_virtq_bytes() of `dma`, as large as the device allows up to
 * `max_queue`. The caller reads the configuration, then calls sel4c_virtio_mmio_ready.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t virtio_start(sel4c_virtio_mmio_t *dev, sel4c_virtq_t *vq,
                                                        uintptr_t regs, uint32_t device_id,
                                                        uint64_t required, uint64_t optional,
                                                        void *dma, uint64_t dma_paddr,
                                                        size_t dma_bytes, uint16_t max_queue);

#endif
